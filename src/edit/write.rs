//! Setting one key of a mapping to a JSON value, changing as little of the file as it can:
//! a value that already reads back as the answer keeps its bytes; a list is changed item
//! by item; a row (a mapping inside a list) key by key.
//!
//! What the JSON means:
//! - a text, number or boolean is a scalar (see [`super::scalar`]);
//! - a list is the whole list: items are compared by position, changed ones rewritten,
//!   new ones appended, surplus ones removed;
//! - an object below a key is a *partial* update: only the keys it names change, the
//!   others stay (a section, a norm category);
//! - an object inside a list is a *whole* row: a key of the row in the file that the
//!   object does not name is removed from the row (and so from a mapping inside the row);
//! - `null`, `""` and `[]` are "no answer": the key is removed (or not added); a key whose
//!   value already reads as no answer (`[]`, `""`, `~`) is left as it is.

use serde_json::Value;
use yaml_edit::{Mapping, Sequence};

use super::EditError;
use super::scalar::{scalar, scalar_like};

/// Whether `value` means "no answer" (see the module documentation).
pub(super) fn no_answer(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// `value` as it reads back once written: rows (objects in lists) without their
/// no-answer keys.
pub(super) fn written(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(row).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), written(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// An item of a list as written: an object loses its no-answer keys.
fn row(item: &Value) -> Value {
    match item {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, v)| !no_answer(v))
                .map(|(k, v)| (k.clone(), written(v)))
                .collect(),
        ),
        other => written(other),
    }
}

/// Sets `key` of `mapping` to `value`; `current` is what the key reads as now (from the
/// parsed file), so a value that already reads back as the answer is left alone.
pub(super) fn set_value(
    mapping: &Mapping,
    key: &str,
    value: &Value,
    current: Option<&Value>,
) -> Result<(), EditError> {
    if no_answer(value) {
        if current.is_some_and(|c| !no_answer(c)) {
            if let Some(old) = mapping.get(key) {
                super::block::release_blank_lines(&old);
            }
            mapping.remove(key);
        }
        return Ok(());
    }
    let flow = mapping.is_flow_style();
    match value {
        Value::Object(fields) => match mapping.get_mapping(key) {
            Some(child) => {
                for (k, v) in fields {
                    set_value(&child, k, v, current.and_then(|c| c.get(k)))?;
                }
                Ok(())
            }
            None => set_new(mapping, key, value, flow),
        },
        _ if current == Some(&written(value)) => Ok(()),
        Value::Array(items) => match mapping.get_sequence(key) {
            Some(seq) => update_list(&seq, items, current.and_then(Value::as_array)),
            None => set_new(mapping, key, value, flow),
        },
        _ => {
            let kept = match (value, mapping.get(key)) {
                (Value::String(text), Some(old)) => old
                    .as_scalar()
                    .is_some_and(|s| super::block::replace_keeping_blank_lines(s, text)),
                _ => false,
            };
            if !kept {
                mapping.set(key, scalar_like(mapping.get(key).as_ref(), value, flow));
            }
            Ok(())
        }
    }
}

/// Sets `key` to a new `value` (nothing of the old one is kept).
fn set_new(mapping: &Mapping, key: &str, value: &Value, flow: bool) -> Result<(), EditError> {
    match value {
        Value::Array(_) => mapping.set(key, sequence(value, key, flow)?),
        Value::Object(_) => mapping.set(key, new_mapping(value, key, flow)?),
        _ => mapping.set(key, scalar(value, flow)),
    }
    Ok(())
}

/// Changes the items of `seq` that differ from `items`, appends new ones and removes the
/// rest, so unchanged items keep their bytes; a changed row changes key by key.
fn update_list(
    seq: &Sequence,
    items: &[Value],
    current: Option<&Vec<Value>>,
) -> Result<(), EditError> {
    let flow = seq.is_flow_style();
    // New rows look like the rows already there: `- { id: x }` stays a flow mapping.
    let flow_rows = flow
        || seq
            .values()
            .any(|n| n.as_mapping().is_some_and(Mapping::is_flow_style));
    for (i, item) in items.iter().enumerate() {
        let now = current.and_then(|c| c.get(i));
        let item = row(item);
        let Some(node) = seq.get(i) else {
            push(seq, &item, flow, flow_rows)?;
            continue;
        };
        if now == Some(&item) {
            continue;
        }
        match (&item, node.as_mapping()) {
            (Value::Object(fields), Some(existing)) => update_row(existing, fields, now)?,
            (Value::String(text), _)
                if node
                    .as_scalar()
                    .is_some_and(|s| super::block::replace_keeping_blank_lines(s, text)) => {}
            (Value::String(_), _) => {
                seq.set(i, scalar_like(Some(&node), &item, flow));
            }
            _ => {
                set_item(seq, i, &item, flow, flow_rows)?;
            }
        }
    }
    while seq.len() > items.len() {
        let last = seq.len() - 1;
        // A block scalar holds the blank lines after it: moved out first, they stay.
        if let Some(item) = seq.get(last) {
            super::block::release_blank_lines(&item);
        }
        seq.remove(last);
    }
    Ok(())
}

/// Makes the row `existing` hold exactly `fields`, key by key.
fn update_row(
    existing: &Mapping,
    fields: &serde_json::Map<String, Value>,
    current: Option<&Value>,
) -> Result<(), EditError> {
    let gone: Vec<String> = existing
        .keys()
        .filter_map(|k| k.as_scalar().map(|s| s.as_string()))
        .filter(|k| !fields.contains_key(k))
        .collect();
    for key in gone {
        existing.remove(key.as_str());
    }
    for (k, v) in fields {
        let now = current.and_then(|c| c.get(k));
        // A mapping inside a row is whole too (a cell the form kept as it was).
        match (v, existing.get_mapping(k)) {
            (Value::Object(inner), Some(child)) if now != Some(&written(v)) => {
                update_row(&child, inner, now)?;
            }
            _ => set_value(existing, k, v, now)?,
        }
    }
    Ok(())
}

fn push(seq: &Sequence, item: &Value, flow: bool, flow_rows: bool) -> Result<(), EditError> {
    match item {
        Value::Array(_) => seq.push(sequence(item, "-", flow)?),
        Value::Object(_) => seq.push(new_mapping(item, "-", flow_rows)?),
        _ => seq.push(scalar(item, flow)),
    }
    Ok(())
}

fn set_item(
    seq: &Sequence,
    i: usize,
    item: &Value,
    flow: bool,
    flow_rows: bool,
) -> Result<(), EditError> {
    match item {
        Value::Array(_) => seq.set(i, sequence(item, "-", flow)?),
        Value::Object(_) => seq.set(i, new_mapping(item, "-", flow_rows)?),
        _ => seq.set(i, scalar(item, flow)),
    };
    Ok(())
}

/// A new list holding `value`'s items.
fn sequence(value: &Value, key: &str, flow: bool) -> Result<Sequence, EditError> {
    let items = value
        .as_array()
        .ok_or_else(|| EditError::Shape(key.to_string()))?;
    let seq = if flow {
        Sequence::new_flow()
    } else {
        Sequence::new()
    };
    for item in items {
        push(&seq, &row(item), flow, flow)?;
    }
    Ok(seq)
}

/// A new mapping holding `value`'s keys (no-answer keys left out).
fn new_mapping(value: &Value, key: &str, flow: bool) -> Result<Mapping, EditError> {
    let fields = value
        .as_object()
        .ok_or_else(|| EditError::Shape(key.to_string()))?;
    let mapping = if flow {
        Mapping::new_flow()
    } else {
        Mapping::new()
    };
    for (k, v) in fields.iter().filter(|(_, v)| !no_answer(v)) {
        set_new(&mapping, k, v, flow)?;
    }
    Ok(mapping)
}
