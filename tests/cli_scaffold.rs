//! `vpd new` and `vpd init`, run as a new user would.

mod common;

use common::copy_dir;
use std::path::Path;
use std::process::{Command, Output};

fn vpd(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(args)
        .current_dir(dir)
        .env("VPD_VANDAAG", "2026-11-24")
        .output()
        .expect("vpd runs")
}

fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &tmp.path().join("content"),
    );
    tmp
}

#[test]
fn new_writes_a_scaffold_with_every_question_and_refuses_to_overwrite() {
    let tmp = example_copy();
    let out = vpd(&["new", "werkplein", "Werkplein Zuid"], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = tmp.path().join("content/teams/werkplein-zuid.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema="),
        "{text}"
    );
    assert!(text.contains("status: concept"));
    assert!(text.contains("team: \"Werkplein Zuid\""));
    // Every prompt of the form is in the scaffold.
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/werkplein.yaml"),
    )
    .unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        Path::new("werkplein.yaml"),
        "werkplein.yaml".into(),
        template,
    ));
    let tpl = vpd::template::parse_template(&source).unwrap();
    for section in &tpl.secties {
        for field in &section.velden {
            let first_line = field.vraag.lines().next().unwrap();
            assert!(
                text.contains(first_line),
                "scaffold misses the prompt {first_line:?}"
            );
        }
    }
    // Defaults from the form are filled in (the house rules).
    assert!(text.contains("hulp- en blindengeleidehonden"));

    // The scaffold is a concept: its gaps are warnings, so check still passes.
    let check = vpd(&["check", "--format", "json"], tmp.path());
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(check.status.code(), Some(0), "{json:#}");
    let warnings_for_new = json["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["bestand"] == "content/teams/werkplein-zuid.yaml")
        .count();
    assert!(warnings_for_new > 5);

    // A second run refuses and leaves the file alone.
    std::fs::write(&path, "template: werkplein\n# eigen werk\n").unwrap();
    let again = vpd(&["new", "werkplein", "Werkplein Zuid"], tmp.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("bestaat al"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "template: werkplein\n# eigen werk\n"
    );
}

#[test]
fn new_refuses_an_unknown_template() {
    let tmp = example_copy();
    let out = vpd(&["new", "werkplijn", "Team"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("werkplein") && err.contains("kcc"), "{err}");
}

#[test]
fn init_creates_an_organisation_that_passes_check_with_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = vpd(&["init", "gemeente-test"], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = tmp.path().join("gemeente-test");
    for f in [
        "content/site.yaml",
        "content/organisatie/beleid.yaml",
        "content/organisatie/normschema.yaml",
        "content/teams/voorbeeldteam.yaml",
        ".gitlab-ci.yml",
        ".github/workflows/vpd.yml",
    ] {
        assert!(root.join(f).is_file(), "{f} missing");
    }
    assert!(!root.join("schemas").exists(), "templates stay embedded");
    let check = vpd(&["check", "--format", "json"], &root);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(check.status.code(), Some(0), "{json:#}");
    assert_eq!(json["samenvatting"]["fouten"], 0);
    assert!(json["samenvatting"]["waarschuwingen"].as_u64().unwrap() > 0);
    // The norm schema starts from the Arbocatalogus defaults of the form.
    let norm = std::fs::read_to_string(root.join("content/organisatie/normschema.yaml")).unwrap();
    assert!(norm.contains("Burgers mogen klagen en boos en geïrriteerd zijn."));
    // Init never writes into an existing, non-empty folder.
    let again = vpd(&["init", "gemeente-test"], tmp.path());
    assert_eq!(again.status.code(), Some(2));
}
