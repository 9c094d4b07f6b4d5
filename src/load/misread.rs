//! Text that YAML reads without an error, but not as a writer of prose meant it: a plain
//! answer cut short at ` #`, an answer that starts with `#` (all of it a comment), a first
//! word starting with `!` (read as a tag and left out), a list item indented further than
//! the one above it (glued to that item's text). Each becomes a warning in `yaml`.

use saphyr_parser::Marker;
use serde_json::Value;

use crate::source::{Source, Span};

/// One text YAML read differently than it was written.
#[derive(Debug, Clone)]
pub enum Misread {
    /// A plain text cut short at ` #`: where the comment starts, and what was kept.
    Cut {
        /// From the `#` to the end of the line.
        comment: Span,
        /// What YAML kept of the text.
        kept: String,
    },
    /// An empty answer followed by `#tekst` on its line: the whole answer is a comment.
    Comment(Span),
    /// A plain text whose first word starts with `!`: YAML reads that word as a tag.
    Tag {
        /// The word read as a tag.
        tag: Span,
        /// What YAML kept of the text.
        kept: String,
    },
    /// A plain text continued on a line starting with `- `: a list item glued to the text
    /// above it.
    Merged {
        /// The dash that was meant to start an item.
        dash: Span,
        /// The text YAML made of both.
        text: String,
    },
}

/// What a plain scalar with `value` between `start` and `end` lost or gained; `tagged`
/// when it carries a tag outside YAML's core schema.
pub fn find(
    source: &Source,
    value: &Value,
    start: Marker,
    end: Marker,
    tagged: bool,
) -> Vec<Misread> {
    let mut found = Vec::new();
    match value {
        Value::String(kept) => {
            if let Some(comment) = comment_after(source, end) {
                let kept = kept.clone();
                found.push(Misread::Cut { comment, kept });
            }
            if tagged {
                let kept = kept.clone();
                found.push(Misread::Tag {
                    tag: word_at(source, start),
                    kept,
                });
            }
            if let Some(dash) = dash_inside(source, start, end) {
                found.push(Misread::Merged {
                    dash,
                    text: kept.clone(),
                });
            }
        }
        Value::Null => found.extend(comment_as_answer(source, start).map(Misread::Comment)),
        _ => {}
    }
    found
}

/// The comment that follows a value on its line (`# service` in `- Wij bellen na #service`),
/// when it holds text: YAML drops it silently, though a writer of prose meant it as text.
fn comment_after(source: &Source, end: Marker) -> Option<Span> {
    let end = source.pos(end.line(), end.col());
    let line = source.line_span(end.line);
    let rest = source.text.get(end.byte..line.end.byte)?;
    let hash = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if hash == 0 {
        return None;
    }
    let after = rest[hash..].strip_prefix('#')?;
    if after.trim().is_empty() {
        return None;
    }
    Some(Span {
        start: source.pos_of_byte(end.byte + hash),
        end: line.end,
    })
}

/// For an empty answer: the `#tekst` that stands where the answer belongs on its line
/// (`kenbaar: #3 op het bord`, `- #1 is veiligheid`). A comment with a space after the `#`
/// (`kenbaar: # nog invullen`) is a comment as meant.
fn comment_as_answer(source: &Source, at: Marker) -> Option<Span> {
    let pos = source.pos(at.line(), at.col());
    let line = source.line_span(pos.line);
    let text = source.text.get(line.start.byte..line.end.byte)?;
    let hash = text.find(" #")? + 1;
    let before = text[..hash].trim();
    let only_dashes = !before.is_empty() && before.split(' ').all(|w| w == "-");
    let only_key = before
        .strip_suffix(':')
        .is_some_and(|key| !key.contains(": ") && !key.is_empty());
    let after = &text[hash + 1..];
    if !(only_dashes || only_key) || after.is_empty() || after.starts_with([' ', '\t']) {
        return None;
    }
    Some(Span {
        start: source.pos_of_byte(line.start.byte + hash),
        end: line.end,
    })
}

/// The word that starts at `start` (a tag such as `!Let`).
fn word_at(source: &Source, start: Marker) -> Span {
    let start = source.pos(start.line(), start.col());
    let line = source.line_span(start.line);
    let rest = source
        .text
        .get(start.byte..line.end.byte)
        .unwrap_or_default();
    let len = rest.find([' ', '\t']).unwrap_or(rest.len());
    Span {
        start,
        end: source.pos_of_byte(start.byte + len),
    }
}

/// The first dash that starts a later line of a plain text over several lines (`- x` with
/// `   - y` under it, indented further than its own dash, is read as the text `x - y`).
fn dash_inside(source: &Source, start: Marker, end: Marker) -> Option<Span> {
    (start.line() + 1..=end.line()).find_map(|n| {
        let line = source.line_span(n);
        let text = source.text.get(line.start.byte..line.end.byte)?;
        let body = text.trim_start_matches(' ');
        if !(body == "-" || body.starts_with("- ")) {
            return None;
        }
        let start = source.pos_of_byte(line.start.byte + text.len() - body.len());
        Some(Span {
            start,
            end: source.pos_of_byte(start.byte + 1),
        })
    })
}
