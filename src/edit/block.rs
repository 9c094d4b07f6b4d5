//! Replacing a block scalar (`|`, `>`) that blank lines follow. yaml-edit counts those
//! blank lines as part of the block, so replacing the whole value would take them with it
//! (the blank line between two sections of a scaffold, after its last `- |` item). Written
//! into the old scalar in place instead, the line break and the blank lines stay.

use yaml_edit::{Scalar, YamlNode};

use super::scalar::reads_back_plain;

/// Writes `text` into the block scalar `old` when blank lines follow it and `text` can be
/// written there: plain, or as a `|-` block at the old block's indentation. Returns
/// whether it did; otherwise the caller replaces the value as usual.
pub(super) fn replace_keeping_blank_lines(old: &Scalar, text: &str) -> bool {
    if !old.is_block() {
        return false;
    }
    let raw = old.value().replace("\r\n", "\n");
    let followed_by_blank_line = raw.trim_end_matches([' ', '\t']).ends_with("\n\n");
    // A text ending in a line break needs `|` or `|+`, which would take the blank lines
    // in; one starting with a space would need an indentation indicator; a carriage
    // return needs a double-quoted scalar.
    if !followed_by_blank_line
        || text.is_empty()
        || text.ends_with('\n')
        || text.starts_with(' ')
        || text.contains('\r')
    {
        return false;
    }
    let new = if !text.contains('\n') && reads_back_plain(text) {
        text.to_string()
    } else {
        let Some(indent) = raw
            .lines()
            .skip(1)
            .find(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
        else {
            return false;
        };
        let pad = " ".repeat(indent);
        let body: Vec<String> = text
            .split('\n')
            .map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{line}")
                }
            })
            .collect();
        format!("|-\n{}", body.join("\n"))
    };
    old.set_value(&new);
    true
}

/// Moves the line break and blank lines that a block scalar at the end of `node` holds
/// out of it (of the last item of a list, the last value of a mapping), so they stay when
/// `node` is removed.
pub(super) fn release_blank_lines(node: &YamlNode) {
    match node {
        YamlNode::Scalar(s) if s.is_block() => s.set_value("-"),
        YamlNode::Sequence(seq) => {
            if let Some(last) = seq.last() {
                release_blank_lines(&last);
            }
        }
        YamlNode::Mapping(m) => {
            if let Some(last) = m.values().last() {
                release_blank_lines(&last);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::edit::set_answer;

    const TEXT: &str = "secties:\n  a:\n    l:\n      - |\n        .....\n\n  # == B ==\n  b:\n    t: |\n      .....\n\n    u: x\n";

    #[test]
    fn the_blank_line_after_a_removed_block_stays() {
        let two = TEXT.replace(
            "      - |\n        .....\n\n",
            "      - |\n        .....\n      - |\n        .....\n\n",
        );
        let out = set_answer(&two, &["secties", "a", "l"], &json!(["Een"])).expect("writes");
        assert_eq!(out, TEXT.replace("|\n        .....", "Een"));
        let out = set_answer(&two, &["secties", "a", "l"], &json!(null)).expect("writes");
        // The section is left empty (`{}`), the blank line after it stays.
        assert_eq!(
            out,
            TEXT.replace("  a:\n    l:\n      - |\n        .....\n", "  a: {}\n")
        );
        let out = set_answer(TEXT, &["secties", "b", "t"], &json!("")).expect("writes");
        assert_eq!(out, TEXT.replace("    t: |\n      .....\n", ""));
    }

    #[test]
    fn the_blank_line_after_a_replaced_block_stays() {
        let out =
            set_answer(TEXT, &["secties", "a", "l"], &json!(["Een antwoord"])).expect("writes");
        assert_eq!(out, TEXT.replace("|\n        .....", "Een antwoord"));
        let out = set_answer(TEXT, &["secties", "b", "t"], &json!("Let op: twee\nregels"))
            .expect("writes");
        assert_eq!(
            out,
            TEXT.replace("|\n      .....", "|-\n      Let op: twee\n      regels")
        );
        let crlf = TEXT.replace('\n', "\r\n");
        let out = set_answer(
            &crlf,
            &["secties", "b", "t"],
            &json!("Let op: twee\nregels"),
        )
        .expect("writes");
        assert_eq!(
            out,
            crlf.replace(
                "|\r\n      .....",
                "|-\r\n      Let op: twee\r\n      regels"
            )
        );
    }
}
