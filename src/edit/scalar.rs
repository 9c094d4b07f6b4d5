//! How a new scalar is written: plain when YAML reads it back as the same value, otherwise
//! quoted (inside a flow collection, where a block cannot stand) or a literal block.

use serde_json::Value;
use yaml_edit::{ScalarStyle, ScalarValue, YamlNode};

/// `value` (a text, number, boolean or null) as a scalar; `flow` when it goes inside a flow
/// collection (`[a, b]`, `{ id: x }`), where a literal block cannot stand.
pub(super) fn scalar(value: &Value, flow: bool) -> ScalarValue {
    match value {
        Value::String(text) => text_scalar(text, flow),
        Value::Null => ScalarValue::null(),
        // Numbers and booleans are written plain, as YAML reads them back (the value's
        // own text, typed, so it is not quoted as a text that looks like a number).
        other => ScalarValue::parse(other.to_string()),
    }
}

/// `value` as a scalar that replaces `old`: a text that could be plain keeps the quotes
/// `old` had (`"..."` or `'...'`), so the changed line differs only in its text.
pub(super) fn scalar_like(old: Option<&YamlNode>, value: &Value, flow: bool) -> ScalarValue {
    let new = scalar(value, flow);
    if !value.is_string() || new.style() != ScalarStyle::Plain {
        return new;
    }
    let quote = old
        .and_then(YamlNode::as_scalar)
        .and_then(|s| s.value().chars().next());
    match quote {
        Some('"') => ScalarValue::double_quoted(new.value()),
        Some('\'') => ScalarValue::single_quoted(new.value()),
        _ => new,
    }
}

/// `text` as a scalar: plain when YAML reads it back as this same text, otherwise a
/// literal block, or (in a flow collection) a double-quoted scalar.
fn text_scalar(text: &str, flow: bool) -> ScalarValue {
    const FLOW_INDICATORS: &[char] = &[',', '[', ']', '{', '}'];
    // A carriage return inside a block would read back as a line break: only the
    // escapes of a double-quoted scalar keep it.
    if text.contains('\r') {
        return ScalarValue::double_quoted(text);
    }
    let plain =
        !text.contains('\n') && reads_back_plain(text) && !(flow && text.contains(FLOW_INDICATORS));
    if plain {
        ScalarValue::plain(text)
    } else if flow {
        ScalarValue::double_quoted(text)
    } else {
        ScalarValue::literal(text)
    }
}

/// Whether `text` can stay a plain scalar: it holds none of the characters YAML treats
/// specially (quotes, `#`, `:`, a leading indicator) and `key: <text>` reads back as the
/// string `text` (not a number, boolean or null; a date `YYYY-MM-DD` stays a text).
pub(super) fn reads_back_plain(text: &str) -> bool {
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
    super::parse(&format!("k: {text}\n"))
        .ok()
        .is_some_and(|d| d.get("k").and_then(Value::as_str) == Some(text))
}
