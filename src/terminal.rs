//! Text for the terminal that came from somewhere else (a file name, a value in a file).
//!
//! A terminal obeys what it is sent: an ESC starts a control sequence (colours, cursor
//! moves, even a new window title), CR and LF start a line that can pass for vpd's own,
//! and Unicode bidi controls reorder what the reader sees. [`escape`] shows such
//! characters instead of sending them.

use std::borrow::Cow;

/// `text` made safe to print on one terminal line: every character that would steer the
/// terminal or hide or reorder text is shown as a Rust-style escape — `\n`, `\r`, `\t`,
/// and `\u{1b}` for ESC and the like (C0 and C1 control characters, DEL, Unicode bidi
/// controls, zero-width characters, the BOM and the line and paragraph separators).
/// Other text, including non-ASCII letters, is left as is.
///
/// Backslashes are not doubled, so escaping is idempotent (`escape(escape(x)) ==
/// escape(x)`): a message may be escaped where it is made and again where it is printed.
/// A name that itself contains the characters `\u{1b}` therefore prints the same as one
/// with a real ESC; neither can steer the terminal.
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
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message of several lines for the terminal: each line escaped as by [`escape`], the
/// line breaks between them kept.
pub fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// Whether `c` steers a terminal or changes how the text around it is shown.
fn is_unsafe(c: char) -> bool {
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

#[cfg(test)]
mod tests {
    use super::{escape, escape_lines};

    #[test]
    fn a_message_keeps_its_lines_but_not_their_controls() {
        assert_eq!(
            escape_lines("eerste\n\u{1b}]0;titel\u{7}\r\ntweede"),
            "eerste\n\\u{1b}]0;titel\\u{7}\\r\ntweede"
        );
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            escape("persoon-1 café.json"),
            std::borrow::Cow::Borrowed("persoon-1 café.json")
        ));
    }

    #[test]
    fn control_characters_and_line_breaks_are_shown() {
        assert_eq!(
            escape("a\u{1b}[2Kb\r\nc\td\u{7f}\u{9b}"),
            "a\\u{1b}[2Kb\\r\\nc\\td\\u{7f}\\u{9b}"
        );
    }

    #[test]
    fn bidi_and_invisible_characters_are_shown() {
        assert_eq!(
            escape("\u{202e}nosj.exe\u{2066}\u{200b}\u{feff}\u{2028}"),
            "\\u{202e}nosj.exe\\u{2066}\\u{200b}\\u{feff}\\u{2028}"
        );
    }

    #[test]
    fn escaping_twice_changes_nothing() {
        let once = escape("x\u{1b}]0;titel\u{7}\n").into_owned();
        assert_eq!(escape(&once), once);
        assert!(!once.chars().any(char::is_control));
    }
}
