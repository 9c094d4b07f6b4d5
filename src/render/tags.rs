//! The start tags of an HTML page and their attributes, read by the HTML tokenizer's rules
//! (WHATWG, §13.2.5) as far as the link check needs them: comments, doctypes and other
//! markup declarations, end tags, quoted and unquoted attribute values, and the text of
//! `script`, `style`, `textarea`, `title` and the other raw-text elements, in which a `<`
//! opens no tag. No tree is built and nothing is copied: a page of 76 KB is read in a
//! fraction of the time a rewriting parser takes (see BENCHMARKS.md).
//!
//! Not modelled, because no page vpd writes has them: foreign content (inline `<svg>` and
//! `<math>`, whose CDATA sections and non-raw `<style>` differ) and the escaped states of
//! script text (`<!--` inside a script). A test compares the result with lol_html's
//! streaming parser on every page of the example site and on hand-made edge cases.

use std::borrow::Cow;

/// An attribute: its name in lower case and its value as written.
pub type Attribute<'a> = (Cow<'a, str>, &'a str);

/// A start tag: its name in lower case and its attributes as written (values not decoded;
/// an attribute without a value has the empty value).
#[derive(Debug, PartialEq, Eq)]
pub struct StartTag<'a> {
    /// The element's name, lower case.
    pub name: Cow<'a, str>,
    /// The attributes in order, names lower case.
    pub attributes: Vec<Attribute<'a>>,
}

impl StartTag<'_> {
    /// The value of the first attribute called `name` (lower case), as browsers read it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }
}

/// Elements whose content is text up to their end tag (raw text and RCDATA, and
/// `noscript` as a browser with scripting reads it).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Calls `found` with every start tag of `html` whose name `wanted` accepts, in document
/// order; the attributes of other tags are read past, not collected.
pub fn start_tags<'a>(
    html: &'a str,
    wanted: impl Fn(&str) -> bool,
    mut found: impl FnMut(StartTag<'a>),
) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(lt) = find_byte(bytes, b'<', at) {
        at = lt + 1;
        match bytes.get(at) {
            Some(b'!') => at = skip_declaration(bytes, at + 1),
            Some(b'?') => at = after_gt(bytes, at),
            Some(b'/') => at = skip_end_tag(html, at + 1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(html, at);
                let keep = wanted(&name);
                let Some((attributes, end)) = attributes(html, at + name.len(), keep) else {
                    return;
                };
                at = end;
                let raw = RAW_TEXT.contains(&name.as_ref());
                let plaintext = name == "plaintext";
                if keep {
                    found(StartTag {
                        name: name.clone(),
                        attributes,
                    });
                }
                if plaintext {
                    return;
                }
                if raw {
                    at = end_of_raw_text(bytes, at, &name);
                }
            }
            _ => {}
        }
    }
}

/// The next `byte` at or after `from`.
fn find_byte(bytes: &[u8], byte: u8, from: usize) -> Option<usize> {
    memchr::memchr(byte, bytes.get(from..)?).map(|i| i + from)
}

/// Just after the next `>` at or after `from` (the end of the text when there is none).
fn after_gt(bytes: &[u8], from: usize) -> usize {
    find_byte(bytes, b'>', from).map_or(bytes.len(), |i| i + 1)
}

/// Past a markup declaration that starts at `from` (just after `<!`): a comment ends at
/// `-->` or `--!>` (or at once as `<!-->` and `<!--->`), anything else at the next `>`.
fn skip_declaration(bytes: &[u8], from: usize) -> usize {
    if !bytes[from..].starts_with(b"--") {
        return after_gt(bytes, from);
    }
    let body = from + 2;
    if bytes[body..].starts_with(b">") {
        return body + 1;
    }
    if bytes[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut at = body;
    while let Some(dash) = find_byte(bytes, b'-', at) {
        let rest = &bytes[dash..];
        if rest.starts_with(b"-->") {
            return dash + 3;
        }
        if rest.starts_with(b"--!>") {
            return dash + 4;
        }
        at = dash + 1;
    }
    bytes.len()
}

/// Past an end tag that starts at `from` (just after `</`): its attributes are read as a
/// start tag's (a quoted `>` does not end it); `</>` is nothing, and `</` before anything
/// but a letter opens a bogus comment up to the next `>`.
fn skip_end_tag(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    match bytes.get(from) {
        Some(c) if c.is_ascii_alphabetic() => {
            let name = tag_name(html, from);
            attributes(html, from + name.len(), false).map_or(bytes.len(), |(_, end)| end)
        }
        Some(b'>') => from + 1,
        _ => after_gt(bytes, from),
    }
}

/// Whether `b` is whitespace to the tokenizer.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The position of the first byte at or after `from` that `stop` accepts (or the end).
fn until(bytes: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|b| stop(*b)))
        .map_or(bytes.len(), |i| i + from)
}

/// The tag name that starts at `from`, lower case (borrowed when it already is).
fn tag_name(html: &str, from: usize) -> Cow<'_, str> {
    let end = until(html.as_bytes(), from, |b| {
        is_space(b) || b == b'/' || b == b'>'
    });
    lower(html.get(from..end).unwrap_or_default())
}

/// `text` in ASCII lower case, borrowed when it already is.
fn lower(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// A tag's attribute list (after its name, at `from`) up to its `>`; with the position
/// after the `>`, or nothing when the text ends inside the tag (the tokenizer then drops
/// it). The attributes are collected only when `keep`.
fn attributes(html: &str, from: usize, keep: bool) -> Option<(Vec<Attribute<'_>>, usize)> {
    let bytes = html.as_bytes();
    let mut list = Vec::new();
    let mut at = from;
    loop {
        at = until(bytes, at, |b| !is_space(b) && b != b'/');
        match bytes.get(at) {
            None => return None,
            Some(b'>') => return Some((list, at + 1)),
            Some(_) => {
                let (attribute, end) = attribute(html, at)?;
                if keep {
                    list.push(attribute);
                }
                at = end;
            }
        }
    }
}

/// Reads the attribute that starts at `from`; returns it and the position after it.
fn attribute(html: &str, from: usize) -> Option<(Attribute<'_>, usize)> {
    let bytes = html.as_bytes();
    // The first character of a name may be `=`.
    let name_end = until(bytes, from + 1, |b| {
        is_space(b) || matches!(b, b'/' | b'>' | b'=')
    });
    let name = lower(html.get(from..name_end)?);
    let equals = until(bytes, name_end, |b| !is_space(b));
    if bytes.get(equals) != Some(&b'=') {
        return Some(((name, ""), name_end));
    }
    let at = until(bytes, equals + 1, |b| !is_space(b));
    match bytes.get(at) {
        None => None,
        Some(&quote @ (b'"' | b'\'')) => {
            let close = find_byte(bytes, quote, at + 1)?;
            Some(((name, html.get(at + 1..close)?), close + 1))
        }
        // `<a href=>`: an empty value, and the `>` ends the tag.
        Some(b'>') => Some(((name, ""), at)),
        Some(_) => {
            let end = until(bytes, at, |b| is_space(b) || b == b'>');
            Some(((name, html.get(at..end)?), end))
        }
    }
}

/// Past the text of a raw-text element `name` that starts at `from`: at its end tag
/// (`</name` in any case, followed by whitespace, `/` or `>`), which is left to read.
fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(lt) = find_byte(bytes, b'<', at) {
        let rest = &bytes[lt..];
        let closes = rest.get(1) == Some(&b'/')
            && rest
                .get(2..2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && rest
                .get(2 + name.len())
                .is_some_and(|b| is_space(*b) || matches!(b, b'/' | b'>'));
        if closes {
            return lt;
        }
        at = lt + 1;
    }
    bytes.len()
}
