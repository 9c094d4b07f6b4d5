//! The published JSON Schema is the same contract CI checks with: an independent JSON
//! Schema implementation (boon) accepts the example team files and rejects a broken one.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use serde_json::Value;

fn publish_schemas(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(["schema", "--out"])
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("VPD_VANDAAG", "2026-11-24")
        .status()
        .expect("vpd runs");
    assert!(status.success());
}

fn yaml_as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("example file");
    let source = Arc::new(vpd::source::SourceFile::new(
        path,
        path.display().to_string(),
        text,
    ));
    vpd::load::parse_document(&source).expect("parses").value
}

fn boon_validator(schema_file: &Path) -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("urn:vpd:werkplein", schema).unwrap();
    let index = compiler
        .compile("urn:vpd:werkplein", &mut schemas)
        .expect("boon compiles the schema");
    (schemas, index)
}

#[test]
fn werkplein_schema_accepts_examples_and_rejects_a_broken_file_in_boon() {
    let out = tempfile::tempdir().unwrap();
    publish_schemas(out.path());
    let (schemas, index) = boon_validator(&out.path().join("werkplein.json"));
    let teams = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/teams");
    let mut adopted = 0;
    for entry in std::fs::read_dir(&teams).unwrap() {
        let path = entry.unwrap().path();
        let doc = yaml_as_json(&path);
        if doc["template"] != "werkplein" || doc["status"] != "vastgesteld" {
            continue;
        }
        adopted += 1;
        if let Err(e) = schemas.validate(&doc, index) {
            panic!("{} rejected by boon: {e}", path.display());
        }
        let mut broken = doc.clone();
        broken["secties"]
            .as_object_mut()
            .unwrap()
            .remove("kwaliteit");
        let err = schemas
            .validate(&broken, index)
            .expect_err("a protocol without its 'kwaliteit' section must be rejected");
        assert!(format!("{err:?}").contains("kwaliteit"), "{err:?}");
        let mut placeholder = doc.clone();
        placeholder["secties"]["visie"]["betekenis"][0] = Value::String(".....".into());
        assert!(
            schemas.validate(&placeholder, index).is_err(),
            "a placeholder must be rejected"
        );
    }
    assert!(adopted >= 2, "expected adopted werkplein examples");
}

#[test]
fn catalog_lists_every_schema_with_a_relative_url() {
    let out = tempfile::tempdir().unwrap();
    publish_schemas(out.path());
    let catalog: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("catalog.json")).unwrap())
            .unwrap();
    let urls: Vec<&str> = catalog["schemas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    for name in ["werkplein", "kcc", "beleid", "normschema"] {
        assert!(urls.contains(&format!("{name}.json").as_str()), "{urls:?}");
        assert!(out.path().join(format!("{name}.json")).is_file());
    }
    let werkplein: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("werkplein.json")).unwrap())
            .unwrap();
    let prompt = werkplein["properties"]["secties"]["properties"]["visie"]["properties"]["betekenis"]["description"]
        .as_str()
        .unwrap();
    assert!(prompt.contains("betekent voor ons"), "{prompt}");
}
