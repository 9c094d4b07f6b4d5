//! The editor schemas in `.vpd/schemas/`: written by `vpd init`, `vpd new` and
//! `vpd schema`, named by every scaffold's `$schema=` line, mapped by VS Code's settings,
//! and never in the way of `vpd build`. (`tests/browser/editor.test.mjs` drives
//! yaml-language-server on them.)

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::example_copy;
use serde_json::Value;

fn vpd(args: &[&str], dir: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(args)
        .current_dir(dir)
        .env("VPD_VANDAAG", "2026-11-24")
        .output()
        .expect("vpd runs");
    assert!(
        out.status.success(),
        "vpd {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The `$schema=` path of the first line of `file`, resolved from its folder.
fn named_schema(file: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(file).unwrap();
    let first = text.lines().next().unwrap();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{}: no $schema line: {first}", file.display()));
    file.parent().unwrap().join(rel)
}

/// The departments of an organisation's policy.
fn departments(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("content/organisatie/beleid.yaml")).unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        Path::new("beleid.yaml"),
        "beleid.yaml".into(),
        text,
    ));
    let doc = vpd::load::parse_document(&source).unwrap().value;
    doc["afdelingen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn init_writes_the_schemas_its_scaffolds_name_and_the_editor_settings() {
    let tmp = tempfile::tempdir().unwrap();
    vpd(&["init", "gemeente-test"], tmp.path());
    let root = tmp.path().join("gemeente-test");
    for file in [
        "content/organisatie/beleid.yaml",
        "content/organisatie/normschema.yaml",
        "content/teams/voorbeeldteam.yaml",
    ] {
        let schema = named_schema(&root.join(file));
        assert!(schema.is_file(), "{file} names {}", schema.display());
        assert_eq!(
            schema.canonicalize().unwrap().parent().unwrap(),
            root.join(".vpd/schemas").canonicalize().unwrap(),
            "{file}"
        );
    }
    let settings = read_json(&root.join(".vscode/settings.json"));
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(
        schemas["./.vpd/schemas/team.json"],
        serde_json::json!(["content/teams/*.yaml"])
    );
    for (schema, globs) in schemas {
        assert!(root.join(schema).is_file(), "{schema}");
        assert!(!globs.as_array().unwrap().is_empty());
    }
    // Every glob maps to one schema only.
    let mut globs: Vec<&str> = schemas
        .values()
        .flat_map(|g| g.as_array().unwrap().iter().map(|x| x.as_str().unwrap()))
        .collect();
    let all = globs.len();
    globs.sort_unstable();
    globs.dedup();
    assert_eq!(globs.len(), all, "{globs:?}");
    let extensions = read_json(&root.join(".vscode/extensions.json"));
    assert_eq!(
        extensions["recommendations"],
        serde_json::json!(["redhat.vscode-yaml"])
    );
    // The organisation's single department is offered.
    let team = read_json(&root.join(".vpd/schemas/werkplein.json"));
    assert_eq!(
        team["properties"]["afdeling"]["anyOf"][0]["enum"],
        serde_json::json!(departments(&root))
    );
}

#[test]
fn build_runs_after_schema_and_publishes_the_same_schemas() {
    let tmp = example_copy();
    let out = vpd(&["schema"], tmp.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains(".vpd/schemas"));
    assert!(tmp.path().join(".vpd/schemas/team.json").is_file());
    assert!(
        !tmp.path().join("public").exists(),
        "schema leaves public/ alone"
    );
    vpd(&["build"], tmp.path());
    let published = tmp.path().join("public/schemas");
    for name in ["team", "werkplein", "kcc", "catalog"] {
        assert_eq!(
            read_json(&published.join(format!("{name}.json"))),
            read_json(&tmp.path().join(format!(".vpd/schemas/{name}.json"))),
            "{name}.json"
        );
    }
    // Again: neither command refuses because of the other.
    vpd(&["schema"], tmp.path());
    vpd(&["build"], tmp.path());
}

#[test]
fn team_schemas_offer_the_departments_and_never_standpunt() {
    let tmp = example_copy();
    vpd(&["schema"], tmp.path());
    let expected = departments(tmp.path());
    for name in ["werkplein", "kcc"] {
        let schema = read_json(&tmp.path().join(format!(".vpd/schemas/{name}.json")));
        assert_eq!(
            schema["properties"]["afdeling"]["anyOf"][0]["enum"],
            serde_json::json!(expected),
            "{name}"
        );
        assert_eq!(
            schema["properties"]["afdeling"]["anyOf"][0]["markdownEnumDescriptions"]
                .as_array()
                .map(Vec::len),
            Some(expected.len())
        );
        let text = schema.to_string();
        assert!(!text.contains("\"standpunt\""), "{name} offers standpunt");
    }
}

#[test]
fn new_refreshes_the_schemas_and_names_them() {
    let tmp = example_copy();
    vpd(&["schema"], tmp.path());
    let policy = tmp.path().join("content/organisatie/beleid.yaml");
    let text = std::fs::read_to_string(&policy).unwrap();
    let text = text.replacen(
        "afdelingen:\n",
        "afdelingen:\n  - id: nieuwe-afdeling\n    naam: \"Nieuwe afdeling\"\n",
        1,
    );
    std::fs::write(&policy, text).unwrap();
    vpd(&["new", "kcc", "KCC Zuid"], tmp.path());
    let scaffold = tmp.path().join("content/teams/kcc-zuid.yaml");
    assert_eq!(
        named_schema(&scaffold),
        tmp.path().join("content/teams/../../.vpd/schemas/kcc.json")
    );
    let kcc = read_json(&tmp.path().join(".vpd/schemas/kcc.json"));
    let offered = kcc["properties"]["afdeling"]["anyOf"][0]["enum"]
        .as_array()
        .unwrap();
    assert!(offered.contains(&Value::String("nieuwe-afdeling".into())));
}

#[test]
fn the_committed_example_schemas_are_current() {
    let tmp = example_copy();
    vpd(&["schema"], tmp.path());
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(".vpd/schemas");
    for entry in std::fs::read_dir(tmp.path().join(".vpd/schemas")).unwrap() {
        let entry = entry.unwrap();
        assert_eq!(
            read_json(&entry.path()),
            read_json(&committed.join(entry.file_name())),
            "{:?} differs: run `vpd schema` in the repository",
            entry.file_name()
        );
    }
}
