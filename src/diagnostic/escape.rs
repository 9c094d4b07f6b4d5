//! Escaping of user-controlled text (file names, keys, values quoted in messages) before
//! it reaches a terminal or a CI log.
//!
//! A key such as `"\e[2J"` or a value with a bidi override (U+202E) must not clear the
//! screen, move the cursor or reorder what the user reads. [`visible`] replaces every such
//! character with an escape in YAML's own notation (`\e`, `\n`, `\x7F`, `\u202E`), so the
//! user sees exactly which character is in the file and can search for it.
//! [`json_output`] does the same losslessly for serialised JSON.

use std::borrow::Cow;

/// Whether `c` may change what a terminal shows beyond printing a glyph: C0 and C1 control
/// characters (ESC, CR, LF, TAB included), DEL, the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), the bidi marks (U+061C, U+200E, U+200F) and the line
/// and paragraph separators (U+2028, U+2029).
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `s` with every [unsafe](is_unsafe) character replaced by a visible escape in YAML
/// notation: `\n`, `\r`, `\t`, `\e`, `\xHH` for other control characters and `\uHHHH`
/// for the bidi controls and separators. Borrowed when nothing needs escaping.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Like [`visible`], but line feeds stay real line breaks: for multi-line text shown in a
/// block (an error message on the preview's error page).
pub fn visible_lines(s: &str) -> String {
    s.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{1B}' => out.push_str("\\e"),
        c if !is_unsafe(c) => out.push(c),
        c if (c as u32) <= 0xFF => out.push_str(&format!("\\x{:02X}", c as u32)),
        c => out.push_str(&format!("\\u{:04X}", c as u32)),
    }
}

/// Serialised JSON with every unsafe character that serde_json leaves raw (DEL, C1, the
/// bidi controls and separators) written as a `\uXXXX` escape. The document means exactly
/// the same: such characters can only occur inside JSON strings, where the escape is the
/// same character.
pub fn json_output(json: String) -> String {
    if !json.chars().any(is_unsafe_in_json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_in_json(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Unsafe characters that JSON may hold raw: not the line breaks and tabs that format the
/// document itself (serde_json escapes them inside strings).
fn is_unsafe_in_json(c: char) -> bool {
    is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Onbekend veld 'één' in teams/a.yaml";
        assert!(matches!(visible(s), Cow::Borrowed(t) if t == s));
    }

    #[test]
    fn controls_and_bidi_become_visible() {
        assert_eq!(
            visible("a\u{1b}[31mb\r\nc\u{202e}d\u{2066}\u{7f}\u{9b}\0"),
            "a\\e[31mb\\r\\nc\\u202Ed\\u2066\\x7F\\x9B\\x00"
        );
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert!(!visible(&c.to_string()).contains(c), "{c:?}");
        }
    }

    #[test]
    fn lines_stay_lines() {
        assert_eq!(visible_lines("a\u{1b}\nb\r"), "a\\e\nb\\r");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let raw = serde_json::json!({"k": "x\u{202e}y\u{1b}\u{85}"}).to_string();
        let safe = json_output(raw.clone());
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let a: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let b: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(a, b);
    }
}
