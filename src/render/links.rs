//! Every internal link of the output must resolve, below the site's base, and nothing may
//! be loaded from another host (the site runs on an intranet).

use super::tags;
use crate::messages::t;
use crate::model::SiteBase;

fn is_external(url: &str) -> bool {
    url.starts_with("//") || url.contains("://")
}

/// Elements that link or load, with the attribute that holds the address.
const LINKING: &[(&str, &str)] = &[
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
];

/// One address found in HTML.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    /// The element's name (`a`, `link`, `script`, ...).
    tag: String,
    /// The address as written.
    url: String,
    /// Whether it is `<link rel="canonical">`: the page's own full address, which names
    /// the page and loads nothing.
    canonical: bool,
}

/// Every address of `html` that links or loads, read with [`tags::start_tags`] (the
/// tokenizer's rules, no tree built).
fn collect(html: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let attribute_of = |name: &str| {
        LINKING
            .iter()
            .find(|(tag, _)| *tag == name)
            .map(|(_, a)| *a)
    };
    tags::start_tags(
        html,
        |name| attribute_of(name).is_some(),
        |tag| {
            let Some(url) = attribute_of(&tag.name).and_then(|a| tag.get(a)) else {
                return;
            };
            let canonical = tag.name == "link"
                && tag
                    .get("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
            found.push(Found {
                tag: tag.name.to_string(),
                url: url.to_string(),
                canonical,
            });
        },
    );
    found
}

/// Every (element, address) of a page or an HTML fragment that links or loads, read by the
/// HTML tokenizer's rules ([`tags`]): no document tree is built.
pub fn addresses(html: &str) -> Vec<(String, String)> {
    collect(html).into_iter().map(|f| (f.tag, f.url)).collect()
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
    let found = collect(html);
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
