//! Every internal link of the output must resolve, below the site's base, and nothing may
//! be loaded from another host (the site runs on an intranet).

use std::cell::RefCell;

use std::borrow::Cow;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HtmlRewriter, Settings};

use crate::messages::t;
use crate::model::SiteBase;

fn is_external(url: &str) -> bool {
    url.starts_with("//") || url.contains("://")
}

/// Elements that link or load, with the attribute that holds the address.
const LINKING: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("link[href]", "href"),
    ("script[src]", "src"),
    ("img[src]", "src"),
    ("iframe[src]", "src"),
    ("source[src]", "src"),
];

/// One address found in HTML.
struct Found {
    /// The element's name (`a`, `link`, `script`, ...).
    tag: String,
    /// The address as written.
    url: String,
    /// Whether it is `<link rel="canonical">`: the page's own full address, which names
    /// the page and loads nothing.
    canonical: bool,
}

/// HTML the streaming tokenizer cannot read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UnreadableHtml(#[source] lol_html::errors::RewritingError);

/// The [`LINKING`] selectors, parsed once. They are constants of vpd (a unit test parses
/// them): one that does not parse is a bug in this build, and stops vpd with its cause
/// rather than leave the link check without that element.
static SELECTORS: std::sync::LazyLock<Vec<(lol_html::Selector, &'static str)>> =
    std::sync::LazyLock::new(|| {
        LINKING
            .iter()
            .map(|(selector, attr)| match selector.parse() {
                Ok(parsed) => (parsed, *attr),
                Err(e) => panic!("the link check's selector {selector} does not parse: {e}"),
            })
            .collect()
    });

fn collect(html: &str) -> Result<Vec<Found>, UnreadableHtml> {
    let found = RefCell::new(Vec::new());
    let mut settings = Settings::new();
    for (selector, attr) in SELECTORS.iter() {
        let handler = ElementContentHandlers::default().element(|el: &mut Element| {
            if let Some(url) = el.get_attribute(attr) {
                let canonical = el.tag_name() == "link"
                    && el
                        .get_attribute("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                found.borrow_mut().push(Found {
                    tag: el.tag_name(),
                    url,
                    canonical,
                });
            }
            Ok(())
        });
        settings = settings.append_element_content_handler((Cow::Borrowed(selector), handler));
    }
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(html.as_bytes())
        .and_then(|()| rewriter.end())
        .map_err(UnreadableHtml)?;
    Ok(found.into_inner())
}

/// Every (element, address) of a page or an HTML fragment that links or loads, read by a
/// streaming HTML tokenizer (lol_html, which Pagefind also uses): no document tree is built.
pub fn addresses(html: &str) -> Result<Vec<(String, String)>, UnreadableHtml> {
    Ok(collect(html)?.into_iter().map(|f| (f.tag, f.url)).collect())
}

/// The problems of one page at `path`: internal links outside the site's `base` (a
/// root-absolute link that forgot the base would leave the site when it is published
/// under a sub-path), links below the base that `resolves` does not know (it gets the
/// path of the site, base removed: `/teams/x/#kop`), relative links, and resources from
/// other hosts.
pub fn check_page(
    path: &str,
    html: &str,
    base: &SiteBase,
    resolves: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let found = match collect(html) {
        Ok(found) => found,
        Err(e) => {
            return vec![t(
                "render.html-onleesbaar",
                &[("pagina", path), ("fout", &e.to_string())],
            )];
        }
    };
    let mut out = Vec::new();
    for Found {
        tag,
        url,
        canonical,
    } in found
    {
        let url = unescape(&url);
        let url = url.as_ref();
        if is_external(url) {
            if tag != "a" && !canonical {
                out.push(t("render.externe-bron", &[("pagina", path), ("url", url)]));
            }
            continue;
        }
        if url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with('#') {
            continue;
        }
        if !url.starts_with('/') {
            out.push(t(
                "render.relatieve-link",
                &[("pagina", path), ("url", url)],
            ));
            continue;
        }
        match base.strip(url) {
            None => out.push(t(
                "render.buiten-basis",
                &[("pagina", path), ("url", url), ("basis", base.path())],
            )),
            Some(site_path) if !resolves(site_path) => {
                out.push(t("render.kapotte-link", &[("pagina", path), ("url", url)]));
            }
            Some(_) => {}
        }
    }
    out
}

/// An attribute value as the browser reads it: the character references a template's
/// escaping writes (`&amp;`, `&#x27;`, ...) decoded by the `html-escape` crate, so a base
/// path with `&` or `'` compares as written in `site.yaml`.
fn unescape(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::decode_html_entities(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_parses() {
        assert_eq!(SELECTORS.len(), LINKING.len());
    }

    #[test]
    fn broken_and_external_links_are_found() {
        let problems = check_page(
            "index.html",
            r#"<a href="/teams/">t</a><a href="/weg/">x</a><script src="https://cdn.example/x.js"></script><a href="https://git.example/">ok</a>"#,
            &SiteBase::default(),
            &|url| url == "/teams/",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("/weg/")));
        assert!(problems.iter().any(|p| p.contains("cdn.example")));
    }

    #[test]
    fn character_references_are_read_as_a_browser_does() {
        assert_eq!(unescape("/v&amp;p&#x27;x&#39;/a&b"), "/v&p'x'/a&b");
        assert_eq!(unescape("/teams/"), "/teams/");
    }

    #[test]
    fn a_link_that_forgot_the_base_is_found() {
        let base = SiteBase::of(Some("https://intranet.example/vpd"));
        let problems = check_page(
            "index.html",
            r#"<link rel="canonical" href="https://intranet.example/vpd/"><a href="/vpd/teams/">t</a><a href="/teams/">x</a><link rel="stylesheet" href="/static/vpd.css"><a href="/vpd/weg/">w</a>"#,
            &base,
            &|url| url == "/teams/",
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("/vpd/weg/")));
        assert!(problems.iter().any(|p| p.contains(" /teams/ ")));
        assert!(problems.iter().any(|p| p.contains("/static/vpd.css")));
    }
}
