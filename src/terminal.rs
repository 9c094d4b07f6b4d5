//! Text for the terminal, a CI log or a report that came from somewhere else (a file name,
//! a key, a value in a file).
//!
//! A terminal obeys what it is sent: an ESC starts a control sequence (colours, cursor
//! moves, even a new window title), CR and LF start a line that can pass for vpd's own,
//! and Unicode bidi controls reorder what the reader sees. [`escape`] shows such
//! characters instead of sending them, in YAML's own escape notation (`\e`, `\n`, `\x7F`,
//! `\u202E`), so the user sees exactly which character is in the file and can search for
//! it. [`json_output`] does the same losslessly for serialised JSON.

use std::borrow::Cow;

/// Whether `c` may change what a terminal shows beyond printing a glyph, or hides or
/// reorders the text around it: C0 and C1 control characters (ESC, CR, LF and TAB
/// included), DEL, the bidi marks, embeddings, overrides and isolates, the zero-width
/// characters, the BOM and the line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Arabic letter mark, left-to-right and right-to-left marks.
            '\u{61c}' | '\u{200e}' | '\u{200f}'
            // Bidi embeddings and overrides, and the isolates.
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Zero-width space, non-joiner, joiner; word joiner; BOM (zero-width no-break space).
            | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
            // Line and paragraph separators.
            | '\u{2028}' | '\u{2029}'
        )
}

/// `text` made safe to print on one line: every [unsafe](is_unsafe) character is shown as
/// an escape in YAML notation: `\n`, `\r`, `\t`, `\e`, `\xHH` for other control characters
/// and `\uHHHH` for the rest. Other text, non-ASCII letters included, is left as is, and
/// borrowed when nothing needs escaping.
///
/// Backslashes are not doubled, so escaping is idempotent (`escape(escape(x)) ==
/// escape(x)`): a message may be escaped where it is made and again where it is printed.
/// A name that itself contains the characters `\e` therefore prints the same as one with a
/// real ESC; neither can steer the terminal.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            c if !is_unsafe(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A message of several lines: each line escaped as by [`escape`], the line breaks between
/// them kept.
pub fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// Serialised JSON with every unsafe character that serde_json leaves raw (DEL, C1, the
/// bidi controls, zero-width characters and separators) written as a `\uXXXX` escape. The
/// document means exactly the same: such characters can only occur inside JSON strings,
/// where the escape is the same character.
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
        let s = "Onbekend veld 'één' in persoon-1 café.json";
        assert!(matches!(escape(s), Cow::Borrowed(t) if t == s));
    }

    #[test]
    fn controls_and_bidi_become_visible() {
        assert_eq!(
            escape("a\u{1b}[31mb\r\nc\u{202e}d\u{2066}\u{7f}\u{9b}\0\t"),
            "a\\e[31mb\\r\\nc\\u202Ed\\u2066\\x7F\\x9B\\x00\\t"
        );
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert!(!escape(&c.to_string()).contains(c), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(
            escape("\u{200b}\u{feff}\u{2028}x"),
            "\\u200B\\uFEFF\\u2028x"
        );
    }

    #[test]
    fn a_message_keeps_its_lines_but_not_their_controls() {
        assert_eq!(
            escape_lines("eerste\n\u{1b}]0;titel\u{7}\r\ntweede"),
            "eerste\n\\e]0;titel\\x07\\r\ntweede"
        );
    }

    #[test]
    fn escaping_twice_changes_nothing() {
        let once = escape("x\u{1b}]0;titel\u{7}\n").into_owned();
        assert_eq!(escape(&once), once);
        assert!(!once.chars().any(char::is_control));
    }

    #[test]
    fn json_keeps_its_meaning() {
        let raw = serde_json::json!({"k": "x\u{202e}y\u{1b}\u{85}\u{200b}"}).to_string();
        let safe = json_output(raw.clone());
        assert!(!safe.chars().any(is_unsafe_in_json), "{safe}");
        let a: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let b: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(a, b);
    }
}
