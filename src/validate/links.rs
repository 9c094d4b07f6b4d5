//! Links written in content (Markdown in a YAML text or a werkvorm's body): those to pages
//! of the site are collected with their place in the file and checked against the page
//! registry once the site's pages are known (see `pipeline`); an address with a scheme
//! other than `http`, `https` or `mailto` (or a hidden character) is reported at once, at
//! its place. Raw HTML in Markdown counts too: ammonia would silently drop such an address
//! when rendering, but the writer is told.

use pulldown_cmark::{Event, Parser, Tag};
use serde_json::Value;

use super::urls::{self, UrlProblem};
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::load::spans::{pointer_push, pointer_push_index};
use crate::messages::t;
use crate::source::{Source, Span};

/// A link to a page of the site, written in content.
#[derive(Debug, Clone)]
pub struct ContentLink {
    /// The file it is written in.
    pub source: Source,
    /// The text value (or front matter) that holds it.
    pub span: Span,
    /// The address as written (`/normschema/#melden`).
    pub url: String,
}

/// What the links written in one document come to.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// The links into the site, to check against the page registry.
    pub internal: Vec<ContentLink>,
    /// Addresses that may not be published.
    pub refused: Vec<Diagnostic>,
}

/// Every link and image address written in `doc`'s texts and Markdown body: the links
/// into the site, and a finding for every address that may not be published.
pub fn scan(doc: &Document) -> Scanned {
    let mut out = Scanned::default();
    walk(doc, &doc.value, &mut Vec::new(), &mut out);
    if let Some(body) = &doc.body {
        let whole = Span {
            start: doc.source.pos_of_byte(0),
            end: doc.source.pos_of_byte(doc.source.text.len()),
        };
        take(doc, whole, destinations(body), &mut out);
    }
    out
}

/// Sorts the addresses `urls` (written in the value at `within`) into `out`.
fn take(doc: &Document, within: Span, urls: Vec<String>, out: &mut Scanned) {
    for url in urls {
        let span = locate(&doc.source, within, &url);
        match urls::check_link(&url) {
            Err(problem) => out.refused.push(refused(&doc.source, span, &url, &problem)),
            Ok(()) if url.starts_with('/') && !url.starts_with("//") => {
                out.internal.push(ContentLink {
                    source: doc.source.clone(),
                    span,
                    url,
                });
            }
            Ok(()) => {}
        }
    }
}

/// The finding for an address written in content that may not be published.
pub fn refused(source: &Source, span: Span, url: &str, problem: &UrlProblem) -> Diagnostic {
    let shown = urls::shown(url);
    let message = match problem {
        UrlProblem::Scheme(scheme) => t(
            "adres.onveilig",
            &[("url", &shown), ("schema", &urls::shown(scheme))],
        ),
        UrlProblem::Control => t("adres.stuurteken", &[("url", &shown)]),
        UrlProblem::Unparsable(e) => t("adres.ongeldig", &[("url", &shown), ("fout", e)]),
        UrlProblem::NotAbsolute => t(
            "adres.ongeldig",
            &[
                ("url", &shown),
                ("fout", &t("adres.fout.niet-volledig", &[])),
            ],
        ),
        UrlProblem::QueryOrFragment => t(
            "adres.ongeldig",
            &[
                ("url", &shown),
                ("fout", &t("adres.fout.vraag-of-anker", &[])),
            ],
        ),
    };
    Diagnostic::new(Rule::UnsafeUrl, source, span, message).with_hint(t("adres.onveilig.hint", &[]))
}

/// The place of `url` in the text from the start of `within` (the value that holds it:
/// the first occurrence from there is the link, as a folded or block scalar's span may
/// end early), or `within` itself when the text there is escaped differently.
fn locate(source: &Source, within: Span, url: &str) -> Span {
    let start = within.byte_range(source.text.len()).start;
    match source.text.get(start..).and_then(|t| t.find(url)) {
        Some(i) => Span {
            start: source.pos_of_byte(start + i),
            end: source.pos_of_byte(start + i + url.len()),
        },
        None => within,
    }
}

/// A step from a value to one inside it.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

/// The JSON pointer of the value at the end of `path`.
fn pointer_of(path: &[Step]) -> String {
    let mut pointer = String::new();
    for step in path {
        match step {
            Step::Key(key) => pointer_push(&mut pointer, key),
            Step::Index(i) => pointer_push_index(&mut pointer, *i),
        }
    }
    pointer
}

/// Takes the addresses written in the texts of `value` (at `path`) into `out`.
fn walk<'v>(doc: &Document, value: &'v Value, path: &mut Vec<Step<'v>>, out: &mut Scanned) {
    match value {
        Value::String(text) => {
            // The pointer and the span are made only for a text that holds an address.
            let urls = destinations(text);
            if !urls.is_empty() {
                take(doc, doc.spans.value(&pointer_of(path)), urls, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(doc, item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk(doc, item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The destinations of Markdown links and images in `text` (autolinks included), and the
/// addresses of raw HTML in it (`<a href>`, `<img src>`, ...), in order. Text without
/// `](`, `]:` or `<` has none and is not parsed.
fn destinations(text: &str) -> Vec<String> {
    // Most texts hold neither `]` nor `<`: one scan for both settles them.
    if memchr::memchr2(b']', b'<', text.as_bytes()).is_none()
        || (!text.contains("](") && !text.contains("]:") && !text.contains('<'))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.push(dest_url.into_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let found = crate::render::links::addresses(&html);
                out.extend(found.into_iter().map(|(_, url)| url));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_is_found() {
        let found = destinations(
            "Zie [het normschema](/normschema/#melden), [extern](https://x.example/), \
             [ander domein](//x.example/), ![beeld](data:image/png;base64,AA==) en \
             `[code](/niet/)` of <https://y.example/> of <a href=\"javascript:x()\">a</a>.",
        );
        assert_eq!(
            found,
            vec![
                "/normschema/#melden",
                "https://x.example/",
                "//x.example/",
                "data:image/png;base64,AA==",
                "https://y.example/",
                "javascript:x()",
            ]
        );
        assert!(destinations("Gewone tekst / zonder link").is_empty());
    }

    #[test]
    fn reference_links_are_found() {
        assert_eq!(
            destinations("Zie [dit][a].\n\n[a]: JaVaScRiPt:alert(1)\n"),
            vec!["JaVaScRiPt:alert(1)"]
        );
    }
}
