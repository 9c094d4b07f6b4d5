//! `vpd new` and `vpd init`, run as a new user would.

mod common;

use common::example_copy;
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
    organisation_shown(&text);
    answers_are_block_scalars(&text);

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
    placeholders_found_on_block_lines(&json, &text);

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

/// The scaffold shows the organisation's own norm and choices, not the catalogue's.
fn organisation_shown(text: &str) {
    for own in [
        // The organisation's standpunt for ik-gedrag, only as a comment.
        "# Standpunt van de organisatie (een team kan dit niet wijzigen; de eigen voorbeelden van het team staan onder `voorbeelden:`): Inwoners mogen klagen, teleurgesteld zijn en hun boosheid of irritatie laten merken.",
        // Its steps with their ids, in order, mandatory ones marked.
        "#   1. zelfcontrole: Blijf rustig en ga niet in discussie (verplicht)\n",
        "#   2. aandacht-emotie: Geef eerst aandacht aan de emotie en laat de inwoner uitpraten\n",
        "#   8. gesprek-beeindigen: Beëindig het gesprek (verplicht)\n",
        // Its reporting level and what it means.
        "# Meldniveau van de organisatie: bij-patroon (Melden bij aanhouden of patroon).",
        // Its departments, roles and werkvormen by id and name.
        "werk-en-inkomen = Werk en Inkomen; ",
        "arenagesprek = Arenagesprek; ",
        // A commented example of a team's own approach, mandatory steps kept by id in the
        // organisation's wording, with the place for the team's explanation.
        "        # aanpak:\n        #   - id: zelfcontrole\n        #     toelichting: |\n        #       Hoe ons team deze stap uitvoert",
        "        #   - id: gesprek-beeindigen\n",
        // A filled-in example of a plain list.
        "#   - |\n    #     Wij bieden bezoekers een rustige wachtruimte: met #koffie en de krant.\n",
    ] {
        assert!(text.contains(own), "scaffold misses {own:?}\n{text}");
    }
    // The catalogue's default standpunt is not shown, and no team key sets a standpunt.
    assert!(!text.contains("Burgers mogen klagen en boos en geïrriteerd zijn."));
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("standpunt:"))
    );
    // When adopted, the protocol records the norm version it was adopted against.
    assert!(text.contains("# normversie: \"2026-1\"\n"), "{text}");
    // The header says how to write an answer, in three lines.
    assert!(text.contains("# Zo schrijf je een antwoord: na `|` volgt de tekst"));
}

/// Free-text answers are block scalars with the placeholder on the next line.
fn answers_are_block_scalars(text: &str) {
    assert!(
        text.contains("    betekenis:\n      - |\n        .....\n      - |\n"),
        "{text}"
    );
    assert!(text.contains("    dilemmas: |\n      .....\n"), "{text}");
    assert!(text.contains("        voorbeelden:\n          - |\n            .....\n"));
    // One-line values stay one line.
    assert!(text.contains("afdeling: \".....\"\n"));
}

/// `vpd check` reports each placeholder of the new file on the block's content line.
fn placeholders_found_on_block_lines(json: &serde_json::Value, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<&serde_json::Value> = json["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["bestand"] == "content/teams/werkplein-zuid.yaml")
        .filter(|f| {
            f["regel"] == "plaatshouder" && !f["bericht"].as_str().unwrap().contains("Eigenaar")
        })
        .collect();
    assert!(found.len() > 5);
    for f in found
        .iter()
        .filter(|f| !f["bericht"].as_str().unwrap().starts_with("…"))
    {
        let n = usize::try_from(f["regelnummer"].as_u64().unwrap()).unwrap();
        assert_eq!(lines[n - 1].trim(), ".....", "line {n}: {f:#}");
        assert!(lines[n - 2].ends_with('|'), "line {n}: {f:#}");
        let column = lines[n - 1].len() - lines[n - 1].trim_start().len() + 1;
        assert_eq!(f["kolom"].as_u64(), Some(column as u64), "{f:#}");
    }
    assert!(
        json["bevindingen"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["ernst"] != "error")
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
    // The norm schema has every required field of every category: nothing is missing.
    let missing: Vec<&serde_json::Value> = json["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["bestand"] == "content/organisatie/normschema.yaml")
        .filter(|f| f["regel"] == "veld-ontbreekt")
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
    // The norm schema starts from the Arbocatalogus defaults of the form.
    let norm = std::fs::read_to_string(root.join("content/organisatie/normschema.yaml")).unwrap();
    assert!(norm.contains("Burgers mogen klagen en boos en geïrriteerd zijn."));
    // Init never writes into an existing, non-empty folder.
    let again = vpd(&["init", "gemeente-test"], tmp.path());
    assert_eq!(again.status.code(), Some(2));
}
