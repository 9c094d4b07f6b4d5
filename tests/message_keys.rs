//! Every message key written literally in the source (`t("key", …)`, also across a line
//! break) exists in every language file. Keys assembled at run time (`type.hint.{kind}`,
//! `verwijzing.{kind}`, …) are tested over every value they can take; `t` itself stops
//! at a missing key in debug builds, so every test that reaches one checks it too.

use std::path::Path;

/// Every language file in `src/messages/` (one per language; Dutch only for now).
fn language_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("src/messages")
        .expect("src/messages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no language file");
    files
}

/// The top-level keys of one language file.
fn catalogue(file: &Path) -> std::collections::HashSet<String> {
    let text = std::fs::read_to_string(file).expect("language file");
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '-']) && !l.is_empty())
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The literal keys of `t("…"` calls in `text` (white space allowed after the parenthesis).
fn literal_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("t(") {
        let before = rest[..i].chars().last();
        rest = &rest[i + 2..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let trimmed = rest.trim_start();
        if let Some(body) = trimmed.strip_prefix('"')
            && let Some(end) = body.find('"')
        {
            keys.push(body[..end].to_string());
        }
    }
    keys
}

#[test]
fn every_literal_message_key_exists_in_every_language() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut used = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        used.extend(
            literal_keys(&text)
                .into_iter()
                .map(|key| (file.clone(), key)),
        );
    }
    assert!(
        used.len() > 200,
        "keys were found in the source ({})",
        used.len()
    );
    for language in language_files() {
        let known = catalogue(&language);
        assert!(known.len() > 100, "{} was read", language.display());
        let missing: Vec<String> = used
            .iter()
            .filter(|(_, key)| !known.contains(key))
            .map(|(file, key)| format!("{}: {key}", file.display()))
            .collect();
        assert!(
            missing.is_empty(),
            "keys missing from {}:\n{}",
            language.display(),
            missing.join("\n")
        );
    }
}

#[test]
fn the_scanner_finds_keys_across_a_line_break() {
    let keys =
        literal_keys("let a = t(\n    \"een.sleutel\",\n    &[]);\nformat(\"x\"); it(\"y\")");
    assert_eq!(keys, ["een.sleutel"]);
}

// ---------------------------------------------------------------------------------------
// Keys assembled at run time: every variant they can take
// ---------------------------------------------------------------------------------------

/// Whether the Dutch catalogue has `key` (read as `t` reads it).
fn exists(key: &str) -> bool {
    !vpd::messages::lookup(vpd::messages::Language::Nl, key).is_empty()
}

/// Every `x-vpd-type` in `schema`, with whether its node carries a `pattern`.
fn kinds(schema: &serde_json::Value, out: &mut std::collections::BTreeSet<(String, bool)>) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(kind) = map.get("x-vpd-type").and_then(|k| k.as_str()) {
                out.insert((kind.to_string(), map.contains_key("pattern")));
            }
            map.values().for_each(|v| kinds(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| kinds(v, out)),
        _ => {}
    }
}

/// Every `x-vpd-type` of the compiled embedded templates and of the example's own.
fn every_kind() -> std::collections::BTreeSet<(String, bool)> {
    let empty = tempfile::tempdir().expect("temporary folder");
    let norm = vpd::template::compile::NormContext {
        categories: vec![("jij-gedrag".into(), "Jij-gedrag".into())],
    };
    let mut out = std::collections::BTreeSet::new();
    for root in [empty.path(), Path::new(env!("CARGO_MANIFEST_DIR"))] {
        let templates = vpd::template::Templates::load(root);
        assert!(templates.by_name.len() >= 7, "the templates were read");
        for template in templates.by_name.values() {
            kinds(&vpd::template::compile::compile(template, &norm), &mut out);
        }
    }
    out
}

/// `type.hint.{kind}` (the hint of a value of the wrong type) for every type a compiled
/// schema names, and `patroon.{kind}` with its hint for every type with a pattern.
#[test]
fn every_type_of_every_template_has_its_hints() {
    let all = every_kind();
    assert!(all.len() > 15, "{all:?}");
    let mut missing = Vec::new();
    for (kind, has_pattern) in &all {
        let mut keys = vec![format!("type.hint.{kind}")];
        if *has_pattern {
            keys.push(format!("patroon.{kind}"));
            keys.push(format!("patroon.{kind}.hint"));
        }
        missing.extend(keys.into_iter().filter(|k| !exists(k)));
    }
    // The defaults when a node names no type.
    for key in ["type.hint.waarde", "patroon.waarde", "patroon.waarde.hint"] {
        if !exists(key) {
            missing.push(key.to_string());
        }
    }
    assert!(missing.is_empty(), "missing from nl.yaml: {missing:?}");
}

/// The other families of keys made with `format!`, over every value they can take.
#[test]
fn every_assembled_key_exists() {
    let mut keys: Vec<String> = Vec::new();
    for kind in ["afdeling", "rol", "werkvorm"] {
        for suffix in ["", ".hint", ".geen"] {
            keys.push(format!("verwijzing.{kind}{suffix}"));
        }
    }
    keys.extend((1..=12).map(|m| format!("maand.{m}")));
    keys.extend(["beleid", "normschema"].map(|k| format!("organisatie.ontbreekt.{k}")));
    keys.extend(["vastgesteld_op", "geevalueerd_op"].map(|k| format!("datum.toekomst.{k}")));
    keys.extend(
        [
            "url",
            "incidentregistratie",
            "repository.url",
            "repository.bewerk_url",
        ]
        .map(|k| format!("instelling.adres.hint.{k}")),
    );
    let missing: Vec<&String> = keys.iter().filter(|k| !exists(k)).collect();
    assert!(missing.is_empty(), "missing from nl.yaml: {missing:?}");
}
