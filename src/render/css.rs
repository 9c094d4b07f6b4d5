//! Text from the organisation's files inside CSS: the running header and footer of a
//! printed page are `@page` margin boxes, whose `content` can only be a CSS string (a
//! margin box cannot read the page's text). [`string`] makes that string safe.

/// `text` as a double-quoted CSS string that nothing in it can leave: quotes and
/// backslashes are escaped, and every control character (line breaks included) and every
/// character HTML gives meaning to inside a `<style>` element (`<`, `>`, `&`) becomes a
/// hexadecimal escape, so the string can neither end the declaration nor close the
/// `<style>` element it stands in. NUL becomes U+FFFD, as CSS would read it anyway.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push('\u{FFFD}'),
            // A hexadecimal escape ends at the space that follows it (the space is part
            // of the escape), so the next character can never extend it.
            c if c.is_control() || matches!(c, '<' | '>' | '&' | '\'') => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The template filter `css_string`: `{{ tekst | css_string }}` writes `tekst` as a
/// quoted CSS string ([`string`]), marked safe because HTML escaping has no meaning in a
/// `<style>` element (an `&amp;` there would be printed as it stands).
pub fn filter(value: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    tera::Value::safe_string(&string(&value))
}

#[cfg(test)]
mod tests {
    use super::string;

    #[test]
    fn plain_text_is_quoted() {
        assert_eq!(string("Gemeente Lindewaard"), "\"Gemeente Lindewaard\"");
        assert_eq!(
            string("Wijkteam Oost · CONCEPT"),
            "\"Wijkteam Oost · CONCEPT\""
        );
    }

    #[test]
    fn quotes_and_backslashes_cannot_end_the_string() {
        assert_eq!(string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string("x\\"), r#""x\\""#);
        assert_eq!(string("it's"), "\"it\\27 s\"");
    }

    #[test]
    fn line_breaks_and_controls_become_hex_escapes() {
        assert_eq!(string("a\nb"), "\"a\\a b\"");
        assert_eq!(string("a\r\n\tb"), "\"a\\d \\a \\9 b\"");
        assert_eq!(string("a\u{7f}b\u{85}"), "\"a\\7f b\\85 \"");
        assert_eq!(string("a\0b"), "\"a\u{FFFD}b\"");
    }

    #[test]
    fn the_style_element_cannot_be_closed() {
        let s = string("</style><script>alert(1)</script>");
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        assert_eq!(string("A & B"), "\"A \\26  B\"");
    }

    #[test]
    fn every_hostile_input_stays_one_string() {
        for input in [
            "\"; } body { display: none",
            "\\\"",
            "x\\",
            "\n}\n@import 'x';",
            "\u{0}\"",
        ] {
            let s = string(input);
            // Inside the quotes every quote is escaped and no line break remains.
            let inner = &s[1..s.len() - 1];
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                assert!(c != '\n' && c != '\r', "{s}");
                if c == '\\' {
                    chars.next();
                } else {
                    assert_ne!(c, '"', "{s}");
                }
            }
        }
    }
}
