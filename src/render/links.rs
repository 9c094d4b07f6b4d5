//! Every internal link of the output must resolve, and nothing may be loaded from
//! another host (the site runs on an intranet).

use scraper::{Html, Selector};

use crate::messages::t;

fn target_path(href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap_or("");
    if href.is_empty() {
        return None;
    }
    let rel = href.strip_prefix('/')?;
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

fn is_external(url: &str) -> bool {
    url.starts_with("//") || url.contains("://")
}

/// The problems of one page at `path`: internal links to files `exists` does not know,
/// relative links, and resources from other hosts.
pub fn check_page(path: &str, html: &str, exists: &dyn Fn(&str) -> bool) -> Vec<String> {
    let Ok(selector) =
        Selector::parse("a[href], link[href], script[src], img[src], iframe[src], source[src]")
    else {
        return vec![t("render.selector", &[])];
    };
    let document = Html::parse_document(html);
    let mut out = Vec::new();
    for el in document.select(&selector) {
        let name = el.value().name();
        let attr = if name == "a" || name == "link" {
            "href"
        } else {
            "src"
        };
        let Some(url) = el.value().attr(attr) else {
            continue;
        };
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
        if let Some(target) = target_path(url)
            && !exists(&target)
        {
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
            &|p| p == "teams/index.html",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("/weg/")));
        assert!(problems.iter().any(|p| p.contains("cdn.example")));
    }
}
