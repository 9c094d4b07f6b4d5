//! What depends on what: which pages a changed file affects. `vpd serve` rebuilds only
//! those; the knowledge lives here, with the model, not in the server.

use std::collections::BTreeSet;

use super::Model;

/// The pages a change affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// Every page (the organisation's norm, a template, the theme or site settings changed).
    Everything,
    /// Only these page URLs.
    Pages(BTreeSet<String>),
}

/// Pages that list content of a kind and so change whenever one item of it changes.
const TEAM_LISTINGS: &[&str] = &["/", "/teams/", "/status/", "/zoeken/", "/sitemap.xml"];
const WERKVORM_LISTINGS: &[&str] = &["/", "/werkvormen/", "/zoeken/", "/sitemap.xml"];
const LEARNING_LISTINGS: &[&str] = &["/", "/leerdoelwijzers/", "/zoeken/", "/sitemap.xml"];

impl Model {
    /// The pages of `self` (the new model) that must be rebuilt after `changed` files
    /// (paths relative to the organisation root), given the `previous` model.
    pub fn affected_by(&self, previous: &Model, changed: &[String]) -> Affected {
        let mut pages = BTreeSet::new();
        for file in changed {
            let listings: &[&str] = if file.starts_with("content/teams/") {
                TEAM_LISTINGS
            } else if file.starts_with("content/werkvormen/") {
                WERKVORM_LISTINGS
            } else if file.starts_with("content/leerdoelwijzers/") {
                LEARNING_LISTINGS
            } else {
                return Affected::Everything;
            };
            pages.extend(listings.iter().map(|s| s.to_string()));
            for model in [self, previous] {
                for (url, files) in &model.dependencies {
                    if files.contains(file) {
                        pages.insert(url.clone());
                    }
                }
            }
            // A team that names a werkvorm appears on that werkvorm's page.
            for model in [self, previous] {
                for team in model.teams.iter().filter(|t| &t.bestand == file) {
                    pages.extend(team.werkvormen.iter().filter_map(|w| w.url.clone()));
                }
            }
        }
        Affected::Pages(pages)
    }
}
