//! Writing answers back into a YAML file without touching anything else: the write path of
//! the form editor (`vpd serve`). The file is edited in place with `yaml-edit`, a lossless
//! editor: comments, key order, quoting, blank lines and every untouched answer stay as
//! they were, byte for byte; only the answered values change.
//!
//! New text is written plain when YAML reads it back as the same text, and otherwise as a
//! literal block (`|`), where `#`, quotes and colons are just text; a text over more than
//! one line is always a block. A list is changed item by item: items that stay the same
//! keep their bytes, new items are appended, surplus ones removed.

use std::str::FromStr;

use serde_json::Value;
use yaml_edit::{Document, Mapping, ScalarValue, Sequence};

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

/// `text` with the answer at `path` (keys from the document's root) set to `value`: a
/// string or a list of strings. Missing mappings on the way are added at their end.
pub fn set_answer(text: &str, path: &[&str], value: &Value) -> Result<String, EditError> {
    let doc = Document::from_str(text).map_err(|e| EditError::Unreadable(e.to_string()))?;
    let Some((last, parents)) = path.split_last() else {
        return Ok(text.to_string());
    };
    let root = doc
        .as_mapping()
        .ok_or_else(|| EditError::NotAMapping(String::new()))?;
    let mut mapping = root;
    for (i, key) in parents.iter().enumerate() {
        if mapping.get(*key).is_none() {
            // Everything from here down is new: one nested value.
            let nested = nest(&path[i + 1..], value);
            set_value(&mapping, key, &nested)?;
            return Ok(doc.to_string());
        }
        mapping = mapping
            .get_mapping(*key)
            .ok_or_else(|| EditError::NotAMapping(key.to_string()))?;
    }
    set_value(&mapping, last, value)?;
    Ok(doc.to_string())
}

/// `value` under the keys `path`, as one nested JSON value.
fn nest(path: &[&str], value: &Value) -> Value {
    path.iter().rev().fold(value.clone(), |inner, key| {
        let mut m = serde_json::Map::new();
        m.insert(key.to_string(), inner);
        Value::Object(m)
    })
}

/// Sets `key` of `mapping` to `value`, changing as little as it can.
fn set_value(mapping: &Mapping, key: &str, value: &Value) -> Result<(), EditError> {
    match value {
        Value::String(s) => {
            if mapping
                .get(key)
                .and_then(|n| n.as_scalar().map(|s| s.as_string()))
                .as_deref()
                != Some(s.as_str())
            {
                mapping.set(key, scalar(s));
            }
            Ok(())
        }
        Value::Array(items) => {
            let texts = texts(key, items)?;
            match mapping.get_sequence(key) {
                Some(seq) => update_list(&seq, &texts),
                None => {
                    let seq = Sequence::new();
                    for t in &texts {
                        seq.push(scalar(t));
                    }
                    mapping.set(key, seq);
                }
            }
            Ok(())
        }
        Value::Object(fields) => {
            let child = match mapping.get_mapping(key) {
                Some(m) => m,
                None => {
                    mapping.set(key, Mapping::new());
                    mapping
                        .get_mapping(key)
                        .ok_or_else(|| EditError::NotAMapping(key.to_string()))?
                }
            };
            for (k, v) in fields {
                set_value(&child, k, v)?;
            }
            Ok(())
        }
        _ => Err(EditError::Shape(key.to_string())),
    }
}

fn texts<'a>(key: &str, items: &'a [Value]) -> Result<Vec<&'a str>, EditError> {
    items
        .iter()
        .map(|v| v.as_str().ok_or_else(|| EditError::Shape(key.to_string())))
        .collect()
}

/// Changes the items of `seq` that differ from `texts`, appends new ones and removes the
/// rest, so unchanged items keep their bytes.
fn update_list(seq: &Sequence, texts: &[&str]) {
    for (i, text) in texts.iter().enumerate() {
        let current = seq
            .get(i)
            .and_then(|n| n.as_scalar().map(|s| s.as_string()));
        match current {
            Some(c) if c == *text => {}
            Some(_) => {
                seq.set(i, scalar(text));
            }
            None => seq.push(scalar(text)),
        }
    }
    while seq.len() > texts.len() {
        seq.remove(seq.len() - 1);
    }
}

/// `text` as a scalar: plain when YAML reads it back as this same text, otherwise a
/// literal block.
fn scalar(text: &str) -> ScalarValue {
    if !text.contains('\n') && reads_back_plain(text) {
        ScalarValue::plain(text)
    } else {
        ScalarValue::literal(text)
    }
}

/// Whether `text` can stay a plain scalar: it holds none of the characters YAML treats
/// specially (quotes, `#`, `:`, a leading indicator) and `key: <text>` reads back as the
/// string `text` (not a number, boolean or date).
fn reads_back_plain(text: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', '[', ']', '{', '}', '!', '&', '*', '|', '>', '%', '@', '`', ',',
    ];
    if text.trim() != text
        || text.is_empty()
        || text.contains(['"', '\'', '#', ':', '\t'])
        || text.starts_with(INDICATORS)
    {
        return false;
    }
    let source = std::sync::Arc::new(crate::source::SourceFile::new(
        std::path::Path::new("antwoord.yaml"),
        "antwoord.yaml".into(),
        format!("k: {text}\n"),
    ));
    crate::load::parse_document(&source)
        .ok()
        .is_some_and(|d| d.value.get("k").and_then(Value::as_str) == Some(text))
}

#[cfg(test)]
mod tests;
