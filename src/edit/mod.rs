//! Writing answers back into a YAML file without touching anything else: the write path of
//! the form editor (`vpd serve`). The file is edited in place with `yaml-edit`, a lossless
//! editor: comments, key order, quoting, blank lines and every untouched answer stay as
//! they were, byte for byte; only the answered values change.
//!
//! New text is written plain (or in the quotes the old value had) when YAML reads it back
//! as the same text, and otherwise as a literal block (`|`), where `#`, quotes and colons
//! are just text (inside a flow list or row, `[a, b]` or `{ id: x }`, double-quoted
//! instead); a text over more than one line is always a block. Numbers and booleans are
//! plain scalars, a date a plain `YYYY-MM-DD`. A list is changed item by item and a row (a
//! mapping in a list: a table row, a step, a term) key by key, so unchanged items and keys
//! keep their bytes; see `edit/write.rs` for what each JSON shape means, including how an
//! answer is removed. Blank lines after a replaced or removed block scalar stay
//! (`edit/block.rs`). A file whose lines all end in CRLF keeps CRLF on the lines the editor
//! writes; a byte order mark stays.

use std::str::FromStr;

use serde_json::Value;
use yaml_edit::Document;

use crate::messages::t;

/// Why an answer could not be written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    /// The file is not YAML the editor can read.
    #[error("{}", t("bewerken.onleesbaar", &[("fout", .0)]))]
    Unreadable(String),
    /// A key on the way is not a mapping (a list or a text where a section belongs).
    #[error("{}", t("bewerken.geen-mapping", &[("sleutel", .0)]))]
    NotAMapping(String),
    /// The value is of a shape the form never sends (a number inside a list of texts).
    #[error("{}", t("bewerken.vorm", &[("sleutel", .0)]))]
    Shape(String),
}

/// `text` with the answer at `path` (keys from the document's root) set to `value`, the
/// JSON shape of the answer as YAML holds it: a text, number, boolean, list, or object
/// (see `edit/write.rs` for what each means, and for `null`, `""` and `[]`, which remove the
/// answer). Missing mappings on the way are added at their end.
pub fn set_answer(text: &str, path: &[&str], value: &Value) -> Result<String, EditError> {
    set_answers(text, [(path, value)])
}

/// `text` with every answer of `answers` set, in order (see [`set_answer`]).
pub fn set_answers<'a>(
    text: &str,
    answers: impl IntoIterator<Item = (&'a [&'a str], &'a Value)>,
) -> Result<String, EditError> {
    let mut out = text.to_string();
    for (path, value) in answers {
        out = set_one(&out, path, value)?;
    }
    Ok(keep_line_endings(text, out))
}

fn set_one(text: &str, path: &[&str], value: &Value) -> Result<String, EditError> {
    let Some((last, parents)) = path.split_last() else {
        return Ok(text.to_string());
    };
    let doc = Document::from_str(text).map_err(|e| EditError::Unreadable(e.to_string()))?;
    let parsed = parse(text)?;
    let root = doc
        .as_mapping()
        .ok_or_else(|| EditError::NotAMapping(String::new()))?;
    let mut mapping = root;
    let mut current = Some(&parsed);
    for (i, key) in parents.iter().enumerate() {
        current = current.and_then(|c| c.get(*key));
        // An empty section (`visie:` with nothing below) is as good as none.
        if current.is_none_or(Value::is_null) {
            if write::no_answer(value) {
                return Ok(text.to_string());
            }
            // Everything from here down is new: one nested value.
            let nested = nest(&path[i + 1..], value);
            write::set_value(&mapping, key, &nested, None)?;
            return Ok(doc.to_string());
        }
        mapping = mapping
            .get_mapping(*key)
            .ok_or_else(|| EditError::NotAMapping(key.to_string()))?;
    }
    write::set_value(&mapping, last, value, current.and_then(|c| c.get(*last)))?;
    Ok(doc.to_string())
}

/// The document `text` as JSON, read the way `vpd check` reads it.
fn parse(text: &str) -> Result<Value, EditError> {
    let source = std::sync::Arc::new(crate::source::SourceFile::new(
        std::path::Path::new("antwoord.yaml"),
        "antwoord.yaml".into(),
        text.trim_start_matches('\u{feff}').to_string(),
    ));
    crate::load::parse_document(&source)
        .map(|d| d.value)
        .map_err(|e| EditError::Unreadable(e.message.clone()))
}

/// `value` under the keys `path`, as one nested JSON value.
fn nest(path: &[&str], value: &Value) -> Value {
    path.iter().rev().fold(value.clone(), |inner, key| {
        let mut m = serde_json::Map::new();
        m.insert(key.to_string(), inner);
        Value::Object(m)
    })
}

/// `edited` with the line endings of `original`: when every line of the original ends in
/// CRLF, the lines the editor wrote (which end in LF) end in CRLF too.
fn keep_line_endings(original: &str, edited: String) -> String {
    let lf = original.matches('\n').count();
    if lf == 0 || original.matches("\r\n").count() != lf {
        return edited;
    }
    edited.replace("\r\n", "\n").replace('\n', "\r\n")
}

mod block;
mod scalar;
mod write;

#[cfg(test)]
mod shapes;
#[cfg(test)]
mod tests;
