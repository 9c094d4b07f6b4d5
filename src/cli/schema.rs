//! `vpd schema`: write the compiled JSON Schemas and a SchemaStore-style catalog.

use std::process::ExitCode;

use anyhow::Context;

use super::SchemaArgs;
use crate::messages::t;
use crate::template::Templates;
use crate::validate::{self, Options};

pub(super) fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(&args.dir)?;
    let templates = std::sync::Arc::new(Templates::load(&loaded.root));
    let options = Options {
        today: super::today()?,
        strict: false,
    };
    let validated = validate::validate(&loaded, &templates, &options);
    std::fs::create_dir_all(&args.out).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &args.out.display().to_string())],
        )
    })?;
    let mut files = Vec::new();
    for (name, schema) in validated.schemas.iter() {
        let path = args.out.join(format!("{name}.json"));
        let text = serde_json::to_string_pretty(schema)? + "\n";
        std::fs::write(&path, text).with_context(|| {
            t(
                "cli.schrijven-mislukt",
                &[("pad", &path.display().to_string())],
            )
        })?;
        files.push((name, schema));
    }
    let catalog = crate::template::catalog(&files);
    let path = args.out.join("catalog.json");
    std::fs::write(&path, serde_json::to_string_pretty(&catalog)? + "\n").with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &path.display().to_string())],
        )
    })?;
    println!(
        "{}",
        t(
            "schema.geschreven",
            &[
                ("aantal", &files.len().to_string()),
                ("map", &args.out.display().to_string())
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}
