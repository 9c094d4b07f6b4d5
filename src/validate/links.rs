//! Links written in content (Markdown in a YAML text or a werkvorm's body) to pages of the
//! site: collected here with their place in the file, checked against the page registry
//! once the site's pages are known (see `pipeline`), and reported at that place.

use pulldown_cmark::{Event, Parser, Tag};
use serde_json::Value;

use crate::load::Document;
use crate::load::spans::pointer_push;
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

/// Every site-internal link written in `doc`'s texts and Markdown body.
pub fn collect(doc: &Document) -> Vec<ContentLink> {
    let mut out = Vec::new();
    let mut pointer = String::new();
    walk(doc, &doc.value, &mut pointer, &mut out);
    if let Some(body) = &doc.body {
        let whole = Span {
            start: doc.source.pos_of_byte(0),
            end: doc.source.pos_of_byte(doc.source.text.len()),
        };
        for url in internal_links(body) {
            out.push(ContentLink {
                source: doc.source.clone(),
                span: locate(&doc.source, whole, &url),
                url,
            });
        }
    }
    out
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

fn walk(doc: &Document, value: &Value, pointer: &mut String, out: &mut Vec<ContentLink>) {
    match value {
        Value::String(text) => {
            for url in internal_links(text) {
                out.push(ContentLink {
                    source: doc.source.clone(),
                    span: locate(&doc.source, doc.spans.value(pointer), &url),
                    url,
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer_push(pointer, &i.to_string());
                walk(doc, item, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = pointer.len();
                pointer_push(pointer, key);
                walk(doc, item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// The destinations of Markdown links and images in `text` that point into the site
/// (start with one `/`). Text without `](` or `<` has none and is not parsed.
fn internal_links(text: &str) -> Vec<String> {
    if !text.contains("](") && !text.contains('<') {
        return Vec::new();
    }
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .filter(|url| url.starts_with('/') && !url.starts_with("//"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_links_into_the_site_are_collected() {
        let links = internal_links(
            "Zie [het normschema](/normschema/#melden), [extern](https://x.example/), \
             [ander domein](//x.example/) en `[code](/niet/)` of <https://y.example/>.",
        );
        assert_eq!(links, vec!["/normschema/#melden".to_string()]);
        assert!(internal_links("Gewone tekst / zonder link").is_empty());
    }
}
