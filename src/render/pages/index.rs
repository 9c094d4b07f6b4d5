//! The pages made from the registry itself: the A–Z index on `/zoeken/` (pages and the
//! subjects of the policy and the norm schema) and the sitemap.

use serde_json::{Value, json};

use super::top;
use crate::messages::t;
use crate::model::Model;
use crate::render::registry::{Page, Registry};

/// `/zoeken/`: the search form and the A–Z index of every listed page and of the subjects
/// of the policy and the norm schema.
pub fn search(model: &Model, registry: &Registry, page: &Page) -> Value {
    let bundles = registry.search_bundles();
    json!({
        "page": top(page, vec![]),
        "az": a_to_z(registry, &subjects(model, registry)),
        "zoekbundel": bundles.first(),
        "zoekdelen": bundles.get(1..).unwrap_or_default(),
    })
}

/// A subject of the policy or the norm schema: its name, where it is, and on which page.
struct Subject {
    titel: String,
    url: String,
    waar: String,
}

/// The subjects of the policy (its sections) and the norm schema (its sections, the
/// behaviour categories and its fixed parts), each with the anchor it has on its page.
fn subjects(model: &Model, registry: &Registry) -> Vec<Subject> {
    let mut out = Vec::new();
    let mut add = |titel: &str, page: &str, anchor: &str| {
        // A part with the same name on the same page is listed once.
        let listed = out
            .iter()
            .any(|s: &Subject| s.titel == titel && s.url.starts_with(page));
        if !titel.is_empty() && !listed && registry.page(page).is_some() {
            out.push(Subject {
                titel: titel.to_string(),
                url: format!("{page}#{anchor}"),
                waar: registry
                    .page(page)
                    .map(|p| p.titel.clone())
                    .unwrap_or_default(),
            });
        }
    };
    for s in model.beleid.iter().flat_map(|b| &b.secties) {
        add(&s.titel, "/beleid/", &s.id);
    }
    if let Some(norm) = &model.normschema {
        for s in norm.secties.iter().filter(|s| s.aanwezig) {
            add(&s.titel, "/normschema/", &s.id);
        }
        for c in &norm.categorieen {
            add(&c.naam, "/normschema/", &format!("categorie-{}", c.id));
        }
        for (key, anchor) in [
            ("ui.escalatie", "escalatie"),
            ("ui.aanpak_per_categorie", "aanpak"),
            ("ui.meldcriteria", "melden"),
            ("ui.sancties", "sancties"),
        ] {
            add(&t(key, &[]), "/normschema/", anchor);
        }
        if model.nazorg.is_some() {
            add(&t("ui.nazorg", &[]), "/normschema/", "nazorg");
        }
    }
    out
}

/// Every listed page and every subject, by first letter.
fn a_to_z(registry: &Registry, subjects: &[Subject]) -> Vec<Value> {
    let mut entries: Vec<(&str, &str, &str)> = registry
        .pages()
        .filter(|p| p.is_listed() && !p.titel.is_empty())
        .map(|p| (p.titel.as_str(), p.url.as_str(), ""))
        .collect();
    let schemas = t("ui.schemas", &[]);
    entries.push((&schemas, "/schemas/catalog.json", ""));
    entries.extend(
        subjects
            .iter()
            .map(|s| (s.titel.as_str(), s.url.as_str(), s.waar.as_str())),
    );
    entries.sort_by_cached_key(|(titel, url, _)| (titel.to_lowercase(), *url));
    let mut groups: Vec<Value> = Vec::new();
    let mut current: Option<char> = None;
    let mut list: Vec<Value> = Vec::new();
    for (titel, url, waar) in entries {
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
        list.push(json!({"titel": titel, "url": url, "waar": waar}));
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
