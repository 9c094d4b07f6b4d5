//! Every internal link of the output must resolve, and nothing may be loaded from
//! another host (the site runs on an intranet).

use std::collections::HashSet;

use rayon::prelude::*;
use scraper::{Html, Selector};

use super::OutputFile;
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

/// The problems found: broken internal links and resources from other hosts.
pub fn check(files: &[OutputFile]) -> Vec<String> {
    let existing: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let Ok(selector) =
        Selector::parse("a[href], link[href], script[src], img[src], iframe[src], source[src]")
    else {
        return Vec::new();
    };
    let mut problems: Vec<String> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .flat_map_iter(|f| {
            let html = Html::parse_document(&String::from_utf8_lossy(&f.bytes));
            let mut out = Vec::new();
            for el in html.select(&selector) {
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
                        out.push(t(
                            "render.externe-bron",
                            &[("pagina", &f.path), ("url", url)],
                        ));
                    }
                    continue;
                }
                if url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with('#') {
                    continue;
                }
                if !url.starts_with('/') {
                    out.push(t(
                        "render.relatieve-link",
                        &[("pagina", &f.path), ("url", url)],
                    ));
                    continue;
                }
                if let Some(target) = target_path(url)
                    && !existing.contains(target.as_str())
                {
                    out.push(t(
                        "render.kapotte-link",
                        &[("pagina", &f.path), ("url", url)],
                    ));
                }
            }
            out
        })
        .collect();
    problems.sort();
    problems.dedup();
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn broken_and_external_links_are_found() {
        let files = vec![
            file(
                "index.html",
                r#"<a href="/teams/">t</a><a href="/weg/">x</a><script src="https://cdn.example/x.js"></script><a href="https://git.example/">ok</a>"#,
            ),
            file("teams/index.html", "<p>teams</p>"),
        ];
        let problems = check(&files);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("/weg/")));
        assert!(problems.iter().any(|p| p.contains("cdn.example")));
    }
}
