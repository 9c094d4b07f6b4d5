//! `vpd schema`: write the compiled JSON Schemas and a SchemaStore-style catalog.

use std::process::ExitCode;

use anyhow::Context;
use serde_json::json;

use super::SchemaArgs;
use crate::messages::t;
use crate::template::Templates;
use crate::validate::{self, Options};

pub(super) fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(&args.dir)?;
    let templates = Templates::load(&loaded.root);
    let options = Options {
        today: super::today()?,
        strict: false,
    };
    let validated = validate::validate(&loaded, &templates, &options);
    std::fs::create_dir_all(&args.out)
        .with_context(|| t("cli.schrijven-mislukt", &[("pad", &args.out.display().to_string())]))?;
    let mut files = Vec::new();
    for (name, schema) in &validated.schemas {
        let path = args.out.join(format!("{name}.json"));
        let text = serde_json::to_string_pretty(schema)? + "\n";
        std::fs::write(&path, text)
            .with_context(|| t("cli.schrijven-mislukt", &[("pad", &path.display().to_string())]))?;
        files.push((name, schema));
    }
    let catalog = catalog(&files);
    let path = args.out.join("catalog.json");
    std::fs::write(&path, serde_json::to_string_pretty(&catalog)? + "\n")
        .with_context(|| t("cli.schrijven-mislukt", &[("pad", &path.display().to_string())]))?;
    println!(
        "{}",
        t("schema.geschreven", &[("aantal", &files.len().to_string()), ("map", &args.out.display().to_string())])
    );
    Ok(ExitCode::SUCCESS)
}

/// A catalog in SchemaStore's format, with relative URLs so it works on any intranet host.
pub fn catalog(schemas: &[(&String, &serde_json::Value)]) -> serde_json::Value {
    let entries: Vec<_> = schemas
        .iter()
        .map(|(name, schema)| {
            let file_match = match name.as_str() {
                "beleid" => vec!["content/organisatie/beleid.yaml".to_string()],
                "normschema" => vec!["content/organisatie/normschema.yaml".to_string()],
                "leerdoelwijzer" | "ontwikkelmatrix" => vec![format!("content/leerdoelwijzers/*.yaml")],
                "werkvorm" => vec![],
                _ => vec!["content/teams/*.yaml".to_string()],
            };
            json!({
                "name": schema.get("title").and_then(|t| t.as_str()).unwrap_or(name),
                "description": t("schema.catalogus.omschrijving", &[("naam", name)]),
                "fileMatch": file_match,
                "url": format!("{name}.json"),
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": entries,
    })
}
