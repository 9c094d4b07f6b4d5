//! The team protocol pages of the registry, as one block shared between the preview's
//! registries while it stays the same.
//!
//! A team page follows from what listings show of its team (its URL, name, file and
//! werkvormen: see the model's listing digest), its position in name order and the files
//! of the werkvormen it names. A save that changes only a team's answers leaves all of
//! that as it was, and the next registry takes the same block instead of making ten
//! thousand pages again.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Page, PageKind, Source};
use crate::model::Model;
use crate::site_path::file_of;

/// The team protocol pages with their indexes.
#[derive(Debug, Default)]
pub(super) struct TeamPages {
    /// What they were made from (see [`TeamPages::key`]).
    key: u64,
    /// One page per team, in the model's order (`PageKind::Team(i)` is page `i`).
    pub pages: Vec<Page>,
    /// URL → position in `pages`.
    pub by_url: HashMap<String, usize>,
    /// Team file → the digest of what other pages show of the team.
    pub members: HashMap<Arc<str>, u64>,
    /// Content file (a team's or a werkvorm's) → positions of the pages made from it.
    pub by_source: HashMap<Arc<str>, Vec<usize>>,
    /// For each werkvorm (in the model's order), the files of the teams that name it.
    pub users: Vec<Arc<[Arc<str>]>>,
    /// The output file of every team page.
    pub files: Arc<HashSet<String>>,
}

impl TeamPages {
    /// What the team pages of `model` are made from: every team's listing digest in name
    /// order, and the werkvormen's slugs and files.
    pub fn key(model: &Model) -> u64 {
        let mut hasher = std::hash::DefaultHasher::new();
        model.teams.len().hash(&mut hasher);
        for team in &model.teams {
            team.listing.hash(&mut hasher);
        }
        for w in &model.werkvormen {
            (&w.slug, &w.bestand).hash(&mut hasher);
        }
        hasher.finish()
    }

    /// The team pages of `model`: `previous`'s when they were made from the same, made
    /// anew otherwise. A URL that maps to no output file is an error.
    pub fn of(
        model: &Model,
        previous: Option<&Arc<TeamPages>>,
    ) -> Result<Arc<TeamPages>, crate::site_path::SitePathError> {
        let key = TeamPages::key(model);
        if let Some(kept) = previous.filter(|p| p.key == key) {
            return Ok(Arc::clone(kept));
        }
        TeamPages::new(model, key).map(Arc::new)
    }

    fn new(model: &Model, key: u64) -> Result<TeamPages, crate::site_path::SitePathError> {
        // Each file's path is made once and shared by the pages that name it: a werkvorm
        // is a source of every team page that uses it (tens of thousands of references).
        let werkvorm_files: Vec<(&str, Arc<str>)> = model
            .werkvormen
            .iter()
            .map(|w| (w.slug.as_str(), Arc::from(w.bestand.as_str())))
            .collect();
        // Each team's page in parallel; which werkvormen it uses, as their positions.
        let made: Vec<(Page, Vec<usize>)> = model
            .teams
            .par_iter()
            .enumerate()
            .map(|(i, team)| {
                let file: Arc<str> = Arc::from(team.bestand.as_str());
                let used: Vec<usize> = team
                    .werkvormen
                    .iter()
                    .filter_map(|r| werkvorm_files.iter().position(|(slug, _)| *slug == r.id))
                    .collect();
                let mut sources = Vec::with_capacity(1 + used.len());
                sources.push(Source::File(file));
                sources.extend(
                    used.iter()
                        .map(|&w| Source::File(Arc::clone(&werkvorm_files[w].1))),
                );
                let mut page =
                    Page::new(&team.url, "team.html", team.team.clone(), PageKind::Team(i));
                page.path = file_of(&page.url)?;
                Ok((page.from(sources), used))
            })
            .collect::<Result<_, crate::site_path::SitePathError>>()?;
        let mut block = TeamPages {
            key,
            pages: Vec::with_capacity(made.len()),
            by_url: HashMap::with_capacity(made.len()),
            members: HashMap::with_capacity(made.len()),
            by_source: HashMap::with_capacity(made.len() + werkvorm_files.len()),
            users: Vec::new(),
            files: Arc::default(),
        };
        let mut users: Vec<Vec<Arc<str>>> = vec![Vec::new(); werkvorm_files.len()];
        for (i, ((page, used), team)) in made.into_iter().zip(&model.teams).enumerate() {
            for source in &page.sources {
                if let Source::File(file) = source {
                    block.by_source.entry(Arc::clone(file)).or_default().push(i);
                }
            }
            if let Some(Source::File(file)) = page.sources.first() {
                block.members.insert(Arc::clone(file), team.listing);
                for w in used {
                    users[w].push(Arc::clone(file));
                }
            }
            block.by_url.insert(page.url.clone(), i);
            block.pages.push(page);
        }
        block.users = users.into_iter().map(Arc::from).collect();
        block.files = Arc::new(block.pages.iter().map(|p| p.path.clone()).collect());
        Ok(block)
    }

    /// The page at `url`.
    pub fn page(&self, url: &str) -> Option<&Page> {
        self.by_url.get(url).and_then(|i| self.pages.get(*i))
    }

    /// The URLs of the pages made from any of `files`.
    pub fn made_from<'a>(&'a self, files: &'a [&str]) -> impl Iterator<Item = &'a str> {
        files
            .iter()
            .filter_map(|f| self.by_source.get(*f))
            .flatten()
            .filter_map(|i| self.pages.get(*i))
            .map(|p| p.url.as_str())
    }
}
