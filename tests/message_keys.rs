//! Every message key written literally in the source (`t("key", …)`, also across a line
//! break) exists in the Dutch catalogue. Keys assembled at run time are checked by `t`
//! itself in debug builds (it stops at a missing key), so every test that reaches one
//! checks it.

use std::path::Path;

fn catalogue() -> std::collections::HashSet<String> {
    let text = std::fs::read_to_string("src/messages/nl.yaml").expect("nl.yaml");
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
fn every_literal_message_key_exists() {
    let known = catalogue();
    assert!(known.len() > 100, "the catalogue was read");
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut missing = Vec::new();
    let mut seen = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for key in literal_keys(&text) {
            seen += 1;
            if !known.contains(&key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(seen > 200, "keys were found in the source ({seen})");
    assert!(
        missing.is_empty(),
        "keys missing from nl.yaml:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_scanner_finds_keys_across_a_line_break() {
    let keys =
        literal_keys("let a = t(\n    \"een.sleutel\",\n    &[]);\nformat(\"x\"); it(\"y\")");
    assert_eq!(keys, ["een.sleutel"]);
}
