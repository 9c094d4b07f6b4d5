use serde_json::json;

use super::*;

/// Every example file of the organisation and a corpus of hand-formatted YAML.
fn corpus() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "content/teams",
        "content/organisatie",
        "content/leerdoelwijzers",
        "schemas",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).expect("folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).expect("text");
                files.push((path.display().to_string(), text));
            }
        }
    }
    for (name, text) in HAND_FORMATTED {
        files.push((name.to_string(), text.to_string()));
    }
    files
}

const HAND_FORMATTED: &[(&str, &str)] = &[
    (
        "flow",
        "secties: {visie: {betekenis: [een, 'twee', \"drie\"]}}\n",
    ),
    (
        "comments",
        "# kop\ntemplate: werkplein  # achter\n\nsecties:\n  # boven\n  visie:\n    betekenis:\n      - een   # na\n\n      - twee\n",
    ),
    (
        "crlf",
        "template: werkplein\r\nsecties:\r\n  visie:\r\n    betekenis:\r\n      - een\r\n",
    ),
    (
        "bom",
        "\u{feff}template: werkplein\nsecties:\n  visie:\n    betekenis: [een]\n",
    ),
    (
        "blocks",
        "tekst: |\n  regel een\n  regel twee\nvouw: >-\n  lange\n  regel\nanker: &a waarde\nverwijzing: *a\n",
    ),
    (
        "quotes",
        "a: 'it''s'\nb: \"tab\\there\"\nc: plain text: no\nd: ~\ne: 2026-01-20\n",
    ),
    (
        "no-final-newline",
        "template: kcc\nsecties:\n  visie:\n    betekenis: tekst",
    ),
];

#[test]
fn opening_and_saving_without_a_change_keeps_every_byte() {
    for (name, text) in corpus() {
        let doc = Document::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.to_string(), text, "{name} changed without an edit");
    }
}

/// The lines of `after` that differ from `before` (same line count assumed where asserted).
pub(super) fn changed_lines(before: &str, after: &str) -> Vec<(usize, String)> {
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (_, b))| (i + 1, b.to_string()))
        .collect()
}

#[test]
fn setting_an_answer_to_its_own_value_changes_nothing() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/teams/werkplein-noord.yaml"),
    )
    .expect("example");
    let out = set_answer(
        &text,
        &["secties", "visie", "betekenis"],
        &json!([
            "Een Werkplein in de wijk waar inwoners van Lindewaard-Noord zonder drempel binnenlopen met vragen over werk, inkomen en schulden.",
            "Iedere medewerker weet wat hij doet als een gesprek uit de hand loopt, en niemand staat er alleen voor.",
            "Wij houden de toegang laagdrempelig en nemen tegelijk geen enkel risico met de veiligheid van collega's."
        ]),
    );
    // Whatever the example holds, writing back what the list holds leaves it as it was.
    let doc = crate::load::parse_document(&std::sync::Arc::new(crate::source::SourceFile::new(
        std::path::Path::new("x.yaml"),
        "x.yaml".into(),
        text.clone(),
    )))
    .expect("parses");
    let current = doc
        .value
        .pointer("/secties/visie/betekenis")
        .cloned()
        .expect("list");
    let same = set_answer(&text, &["secties", "visie", "betekenis"], &current).expect("writes");
    assert_eq!(same, text);
    assert!(out.is_ok());
}

#[test]
fn changing_one_list_item_changes_only_its_line() {
    let text = "template: werkplein\n# De visie van het team.\nsecties:\n  visie:\n    betekenis:\n      - \"Een\"   # eerste\n      - 'Twee'\n      - Drie\n    belang: [a, b]\n";
    let out = set_answer(
        text,
        &["secties", "visie", "betekenis"],
        &json!(["Een", "Tweede punt", "Drie"]),
    )
    .expect("writes");
    assert_eq!(
        changed_lines(text, &out),
        // The item keeps its quotes.
        [(7, "      - 'Tweede punt'".to_string())]
    );
    assert_eq!(out.lines().count(), text.lines().count());
}

#[test]
fn text_yaml_would_misread_is_written_as_a_literal_block() {
    let text = "secties:\n  visie:\n    bijdrage: oud\n";
    for answer in [
        "Wij bellen bezoekers na #service, ook op zaterdag",
        "'s Ochtends is het druk",
        "Let op: dit is een zin met een dubbele punt",
        "Op een bord met de tekst \"Welkom\" bij de ingang.",
        "true",
        "12",
        "- geen lijst",
        "Eerste regel\nTweede regel",
    ] {
        let out =
            set_answer(text, &["secties", "visie", "bijdrage"], &json!(answer)).expect("writes");
        assert!(out.contains("bijdrage: |"), "{answer:?} → {out}");
        let doc =
            crate::load::parse_document(&std::sync::Arc::new(crate::source::SourceFile::new(
                std::path::Path::new("x.yaml"),
                "x.yaml".into(),
                out.clone(),
            )))
            .expect("the result parses");
        let read = doc
            .value
            .pointer("/secties/visie/bijdrage")
            .and_then(Value::as_str);
        assert_eq!(read.map(str::trim_end), Some(answer), "{out}");
    }
    let out = set_answer(
        text,
        &["secties", "visie", "bijdrage"],
        &json!("Gewone tekst, zonder valkuilen"),
    )
    .expect("writes");
    assert_eq!(
        out,
        "secties:\n  visie:\n    bijdrage: Gewone tekst, zonder valkuilen\n"
    );
}

#[test]
fn a_new_answer_in_a_new_section_is_added_at_the_end() {
    let text = "template: kcc\nsecties:\n  visie:\n    betekenis: [een]\n";
    let out = set_answer(
        text,
        &["secties", "borging", "naleving"],
        &json!(["Per kwartaal"]),
    )
    .expect("writes");
    assert!(out.starts_with(text.trim_end()), "{out}");
    let doc = crate::load::parse_document(&std::sync::Arc::new(crate::source::SourceFile::new(
        std::path::Path::new("x.yaml"),
        "x.yaml".into(),
        out.clone(),
    )))
    .expect("parses");
    assert_eq!(
        doc.value.pointer("/secties/borging/naleving/0"),
        Some(&json!("Per kwartaal")),
        "{out}"
    );
}

#[test]
fn a_list_shrinks_and_grows() {
    let text = "l:\n  - a\n  - b\n  - c\n";
    assert_eq!(
        set_answer(text, &["l"], &json!(["a"])).expect("writes"),
        "l:\n  - a\n"
    );
    assert_eq!(
        set_answer(text, &["l"], &json!(["a", "b", "c", "d"])).expect("writes"),
        "l:\n  - a\n  - b\n  - c\n  - d\n"
    );
}

#[test]
fn a_key_that_is_no_mapping_is_refused() {
    let text = "secties: tekst\n";
    assert_eq!(
        set_answer(text, &["secties", "visie", "b"], &json!("x")),
        Err(EditError::NotAMapping("secties".into()))
    );
}

fn parse(text: &str) -> Value {
    crate::load::parse_document(&std::sync::Arc::new(crate::source::SourceFile::new(
        std::path::Path::new("x.yaml"),
        "x.yaml".into(),
        text.to_string(),
    )))
    .expect("parses")
    .value
}

/// In every example team protocol, changing the first item of each list of answers changes
/// that answer only: the file reads back as before but for that item, and every line
/// before the item is the same.
#[test]
fn changing_one_answer_in_every_example_changes_only_that_answer() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/teams");
    let mut changed = 0;
    for entry in std::fs::read_dir(root).expect("teams") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
        let before = parse(&text);
        let Some(sections) = before.get("secties").and_then(Value::as_object) else {
            continue;
        };
        for (section, fields) in sections {
            for (field, value) in fields.as_object().into_iter().flatten() {
                let Some(items) = value.as_array().filter(|a| a.iter().all(Value::is_string))
                else {
                    continue;
                };
                if items.is_empty() {
                    continue;
                }
                let mut new_items = items.clone();
                new_items[0] = json!("Gewijzigd antwoord: met een dubbele punt");
                let out = set_answer(
                    &text,
                    &["secties", section, field],
                    &Value::Array(new_items.clone()),
                )
                .expect("writes");
                let mut expected = before.clone();
                expected["secties"][section][field] = Value::Array(new_items);
                let after = parse(&out);
                assert_eq!(after, expected, "{section}.{field}:\n{out}");
                let first_diff = text.lines().zip(out.lines()).position(|(a, b)| a != b);
                let key_line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with(&format!("{field}:")))
                    .expect("the key");
                assert!(
                    first_diff.is_some_and(|d| d >= key_line),
                    "{section}.{field}"
                );
                changed += 1;
            }
        }
    }
    assert!(changed > 50, "{changed} answers changed");
}
