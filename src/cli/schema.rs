//! `vpd schema`: write the editor variant of the compiled JSON Schemas and a
//! SchemaStore-style catalog, by default to `.vpd/schemas` in the organisation's
//! repository (committed there, so the `$schema=` line of every scaffold works from the
//! first clone). `vpd init` and `vpd new` write them too.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde_json::Value;

use super::SchemaArgs;
use crate::load::Loaded;
use crate::messages::t;
use crate::template::Templates;
use crate::template::editor::EDITOR_SCHEMA_DIR;
use crate::validate::{self, Options};

pub(super) fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(&args.dir)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| loaded.root.join(EDITOR_SCHEMA_DIR));
    let count = refresh(&loaded, &out)?.len();
    println!(
        "{}",
        t(
            "schema.geschreven",
            &[
                ("aantal", &count.to_string()),
                ("map", &out.display().to_string())
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Validates `loaded` (for its compiled schemas and organisation) and writes the editor
/// schemas and catalog to `out`; returns the schemas written.
pub(super) fn refresh(loaded: &Loaded, out: &Path) -> anyhow::Result<BTreeMap<String, Value>> {
    let templates = std::sync::Arc::new(Templates::load(&loaded.root));
    let options = Options {
        today: super::today()?,
        strict: false,
    };
    let validated = validate::validate(loaded, &templates, &options);
    let schemas = validated.editor_schemas(loaded, &templates);
    write_schemas(&schemas, out)?;
    Ok(schemas)
}

/// Writes each schema as `<name>.json` and a `catalog.json` to `out`.
fn write_schemas(schemas: &BTreeMap<String, Value>, out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &out.display().to_string())],
        )
    })?;
    for (name, schema) in schemas {
        write_json(&out.join(format!("{name}.json")), schema)?;
    }
    let list: Vec<(&String, &Value)> = schemas.iter().collect();
    write_json(&out.join("catalog.json"), &crate::template::catalog(&list))
}

/// Writes `value` as pretty JSON with a final newline.
pub(super) fn write_json(path: &Path, value: &Value) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| {
            t(
                "cli.schrijven-mislukt",
                &[("pad", &parent.display().to_string())],
            )
        })?;
    }
    let text = serde_json::to_string_pretty(value)? + "\n";
    std::fs::write(path, text).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &path.display().to_string())],
        )
    })
}
