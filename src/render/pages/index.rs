//! The pages made from the registry itself: the A–Z index on `/zoeken/` and the sitemap.

use serde_json::{Value, json};

use super::top;
use crate::messages::t;
use crate::render::registry::{Page, Registry};

/// `/zoeken/`: the search form and the A–Z index of every listed page.
pub fn search(registry: &Registry, page: &Page) -> Value {
    let bundles = registry.search_bundles();
    json!({
        "page": top(page, vec![]),
        "az": a_to_z(registry),
        "zoekbundel": bundles.first(),
        "zoekdelen": bundles.get(1..).unwrap_or_default(),
    })
}

/// Every listed page by first letter.
fn a_to_z(registry: &Registry) -> Vec<Value> {
    let mut entries: Vec<(&str, &str)> = registry
        .pages()
        .iter()
        .filter(|p| p.is_listed() && !p.titel.is_empty())
        .map(|p| (p.titel.as_str(), p.url.as_str()))
        .collect();
    let schemas = t("ui.schemas", &[]);
    entries.push((&schemas, "/schemas/catalog.json"));
    entries.sort_by_cached_key(|(titel, url)| (titel.to_lowercase(), *url));
    let mut groups: Vec<Value> = Vec::new();
    let mut current: Option<char> = None;
    let mut list: Vec<Value> = Vec::new();
    for (titel, url) in entries {
        let letter = titel
            .chars()
            .next()
            .and_then(|c| c.to_uppercase().next())
            .unwrap_or('#');
        if current != Some(letter) {
            if let Some(c) = current {
                groups.push(json!({"letter": c.to_string(), "paginas": std::mem::take(&mut list)}));
            }
            current = Some(letter);
        }
        list.push(json!({"titel": titel, "url": url}));
    }
    if let Some(c) = current {
        groups.push(json!({"letter": c.to_string(), "paginas": list}));
    }
    groups
}

/// `/sitemap.xml`: every listed page's full address (the registry has a sitemap only
/// when `site.yaml` gives the site's `url`).
pub fn sitemap(registry: &Registry) -> Value {
    let mut urls: Vec<&str> = registry
        .pages()
        .iter()
        .filter(|p| p.is_listed())
        .map(|p| p.url.as_str())
        .collect();
    urls.sort_unstable();
    let urls: Vec<String> = urls
        .into_iter()
        .filter_map(|u| registry.base().absolute(u))
        .collect();
    json!({"urls": urls})
}
