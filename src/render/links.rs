//! Every internal link of the output must resolve, and nothing may be loaded from
//! another host (the site runs on an intranet).

use std::cell::RefCell;

use lol_html::{HtmlRewriter, Settings, element};

use crate::messages::t;

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

/// Every (element, address) of a page or an HTML fragment that links or loads, read by a
/// streaming HTML tokenizer (lol_html, which Pagefind also uses): no document tree is built.
pub fn addresses(html: &str) -> Result<Vec<(String, String)>, String> {
    let found = RefCell::new(Vec::new());
    let mut settings = Settings::new();
    for (selector, attr) in LINKING {
        settings = settings.append_element_content_handler(element!(selector, |el| {
            if let Some(url) = el.get_attribute(attr) {
                found.borrow_mut().push((el.tag_name(), url));
            }
            Ok(())
        }));
    }
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(html.as_bytes())
        .and_then(|()| rewriter.end())
        .map_err(|e| e.to_string())?;
    Ok(found.into_inner())
}

/// The problems of one page at `path`: internal links that `resolves` does not know (it
/// gets the link as written, `/teams/x/#kop`), relative links, and resources from other
/// hosts.
pub fn check_page(path: &str, html: &str, resolves: &dyn Fn(&str) -> bool) -> Vec<String> {
    let found = match addresses(html) {
        Ok(found) => found,
        Err(e) => {
            return vec![t(
                "render.html-onleesbaar",
                &[("pagina", path), ("fout", &e)],
            )];
        }
    };
    let mut out = Vec::new();
    for (name, url) in found {
        let url = url.as_str();
        if is_external(url) {
            if name != "a" {
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
        if !resolves(url) {
            out.push(t("render.kapotte-link", &[("pagina", path), ("url", url)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_and_external_links_are_found() {
        let problems = check_page(
            "index.html",
            r#"<a href="/teams/">t</a><a href="/weg/">x</a><script src="https://cdn.example/x.js"></script><a href="https://git.example/">ok</a>"#,
            &|url| url == "/teams/",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("/weg/")));
        assert!(problems.iter().any(|p| p.contains("cdn.example")));
    }
}
