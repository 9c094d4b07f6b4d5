//! The page registry: every file of the site (its URL, output path, template, title and
//! the source files it is built from) in one list made from the model.
//!
//! Everything that needs to know which pages exist asks the registry: rendering, the A–Z
//! index, the sitemap, the link check and the preview's partial rebuilds (which pages a
//! changed file affects). There is no second, hand-kept list of dependencies.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::RenderError;
use crate::messages::t;
use crate::model::{Model, SiteBase};
use crate::site_path::{checked_file, file_of};

/// What a page shows. Indexes point into the model's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `/`: the overview.
    Home,
    /// `/beleid/`: the organisation's policy.
    Policy,
    /// `/normschema/`: the norm table and the approach per category.
    Norm,
    /// `/teams/`: teams by department.
    Teams,
    /// `/teams/<slug>/`: one protocol (index into `Model::teams`).
    Team(usize),
    /// `/leerdoelwijzers/`: the questionnaires and the development matrix.
    Learning,
    /// `/leerdoelwijzers/<slug>/` (index into `Model::leerdoelwijzers`).
    Questionnaire(usize),
    /// `/leerdoelwijzers/ontwikkelmatrix/`.
    Matrix,
    /// `/werkvormen/`: every werkvorm with the teams that use it.
    Werkvormen,
    /// `/werkvormen/<slug>/` (index into `Model::werkvormen`).
    Werkvorm(usize),
    /// `/status/`: the coordinator's overview.
    Status,
    /// `/toegankelijkheid/`: the accessibility statement.
    Accessibility,
    /// `/zoeken/`: search and the A–Z index.
    Search,
    /// `/404.html`.
    NotFound,
    /// `/sitemap.xml`.
    Sitemap,
}

/// A group of content files whose membership or titles a listing page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    /// Team protocols.
    Teams,
    /// Werkvormen.
    Werkvormen,
    /// Leerdoelwijzers and the development matrix.
    Learning,
}

/// What a page is built from, besides the organisation's files, `site.yaml`, the
/// templates and the theme (on which every page depends).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// One content file (path relative to the organisation root; shared by every page
    /// that names it).
    File(Arc<str>),
    /// What listings show of one content file (a team's name, status, completeness…):
    /// an edit of only its answers does not touch the page.
    Summary(Arc<str>),
    /// Every file of a collection (a listing).
    Every(Collection),
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's path below the site's base (`/teams/x/`; published at base + path).
    pub url: String,
    /// The output file (`teams/x/index.html`, [`file_of`] the URL).
    pub path: String,
    /// The theme template that renders it.
    pub template: &'static str,
    /// The page's title (for the A–Z index).
    pub titel: String,
    /// What it shows.
    pub kind: PageKind,
    /// What it is built from.
    pub sources: Vec<Source>,
    /// Its position in the registry (pages are rendered and indexed in this order).
    pub order: usize,
}

impl Page {
    fn new(url: &str, template: &'static str, titel: String, kind: PageKind) -> Page {
        Page {
            url: url.to_string(),
            // Set by `Registry::new`, which reports a URL that maps to no file.
            path: String::new(),
            template,
            titel,
            kind,
            sources: Vec::new(),
            order: 0,
        }
    }

    fn from(mut self, sources: impl IntoIterator<Item = Source>) -> Page {
        self.sources.extend(sources);
        self
    }

    /// Whether the page is HTML (not the sitemap).
    pub fn is_html(&self) -> bool {
        self.path.ends_with(".html")
    }

    /// Whether the search index and the A–Z index list the page.
    pub fn is_listed(&self) -> bool {
        self.is_html() && !matches!(self.kind, PageKind::NotFound)
    }
}

/// A file of the site that is not rendered from a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetKind {
    /// A static file of the theme (name below `static/`).
    Static(String),
    /// The municipality's design tokens.
    Tokens,
    /// The compiled JSON Schema of a template.
    Schema(String),
    /// The SchemaStore-style catalogue of the schemas.
    Catalog,
}

/// A non-page file with its output path.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The output file (`static/vpd.css`).
    pub path: String,
    /// What it holds.
    pub kind: AssetKind,
}

/// Which files a (re)build writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every page and asset.
    Everything,
    /// Only these pages (by URL); no assets.
    Pages(BTreeSet<String>),
}

impl Selection {
    /// Whether `page` is selected.
    pub fn has(&self, page: &Page) -> bool {
        match self {
            Selection::Everything => true,
            Selection::Pages(urls) => urls.contains(&page.url),
        }
    }
}

/// The URLs of a site's pages and files with the site's base, shared and cheap to clone
/// (a template function keeps one): the one place that says whether a link resolves.
#[derive(Debug, Clone, Default)]
pub struct LinkTargets {
    /// The output file of every page and asset.
    files: std::sync::Arc<std::collections::HashSet<String>>,
    base: SiteBase,
}

impl LinkTargets {
    /// Whether `link`, a path of the site (`/teams/x/#kop`), reaches a page or file of the
    /// site: whether the output file it maps to ([`file_of`]) is one the site has.
    pub fn resolves(&self, link: &str) -> bool {
        file_of(link).is_ok_and(|file| self.files.contains(&file))
    }

    /// The site's base, which every address written in the output starts with.
    pub fn base(&self) -> &SiteBase {
        &self.base
    }
}

/// Every page and asset of the site.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pages: Vec<Page>,
    assets: Vec<Asset>,
    by_url: HashMap<String, usize>,
    /// Where the site is published (the model's base).
    base: SiteBase,
    /// Content file → the collection it belongs to and, for teams, the digest of what
    /// other pages show of it.
    members: HashMap<String, (Collection, Option<u64>)>,
}

/// Pages per part of the search index. Pagefind's indexing time grows faster than the
/// number of pages, and parts are built on all cores at once (see BENCHMARKS.md).
const SEARCH_PART_PAGES: usize = 500;

/// The site path of search part `i`'s bundle (below the base).
pub fn bundle_url(i: usize) -> String {
    if i == 0 {
        "/pagefind/".to_string()
    } else {
        format!("/pagefind-{i}/")
    }
}

impl Registry {
    /// Every page and asset of `model`, with the static file names of the theme. A page
    /// whose URL maps to no output file, or an asset whose path could leave the output
    /// folder, is an error.
    pub fn new(
        model: &Model,
        statics: impl Iterator<Item = String>,
    ) -> Result<Registry, RenderError> {
        let mut registry = Registry {
            base: model.base.clone(),
            ..Registry::default()
        };
        let mut pages = pages(model);
        // Each URL's output file, in parallel (ten thousand team pages on every save).
        pages.par_iter_mut().enumerate().try_for_each(
            |(order, page)| -> Result<(), RenderError> {
                page.path = file_of(&page.url)?;
                page.order = order;
                Ok(())
            },
        )?;
        registry.by_url.reserve(pages.len());
        for page in &pages {
            registry.by_url.insert(page.url.clone(), page.order);
        }
        registry.pages = pages;
        registry.assets = assets(model, statics);
        for asset in &registry.assets {
            checked_file(&asset.path)?;
        }
        let teams = model
            .teams
            .iter()
            .map(|t| (&t.bestand, (Collection::Teams, Some(t.listing))));
        let werkvormen = model
            .werkvormen
            .iter()
            .map(|w| (&w.bestand, (Collection::Werkvormen, None)));
        let learning = model
            .leerdoelwijzers
            .iter()
            .map(|l| &l.bestand)
            .chain(model.ontwikkelmatrix.iter().map(|m| &m.bestand))
            .map(|f| (f, (Collection::Learning, None)));
        registry.members = teams
            .chain(werkvormen)
            .chain(learning)
            .map(|(f, m)| (f.clone(), m))
            .collect();
        Ok(registry)
    }

    /// Where the site is published: page URLs are paths below this base.
    pub fn base(&self) -> &SiteBase {
        &self.base
    }

    /// Every page, in a stable order.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Every asset.
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }

    /// The page at `url`.
    pub fn page(&self, url: &str) -> Option<&Page> {
        self.by_url.get(url).and_then(|i| self.pages.get(*i))
    }

    /// The listed pages split into the parts of the search index: each part is a Pagefind
    /// bundle of its own, built in parallel with the others and merged in the browser.
    /// A page's part follows from its URL alone, so an edit changes one part only.
    pub fn search_parts(&self) -> Vec<Vec<&Page>> {
        let listed: Vec<&Page> = self.pages.iter().filter(|p| p.is_listed()).collect();
        let count = self.search_part_count();
        let mut parts: Vec<Vec<&Page>> = vec![Vec::new(); count];
        for page in listed {
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&page.url, &mut hasher);
            let part = std::hash::Hasher::finish(&hasher) % count as u64;
            parts[part as usize].push(page);
        }
        parts
    }

    /// How many parts the search index has.
    fn search_part_count(&self) -> usize {
        let listed = self.pages.iter().filter(|p| p.is_listed()).count();
        listed.div_ceil(SEARCH_PART_PAGES).max(1)
    }

    /// The address of each search part's bundle as the search page loads it, below the
    /// base (`/vpd/pagefind/`, `/vpd/pagefind-1/`, …).
    pub fn search_bundles(&self) -> Vec<String> {
        (0..self.search_part_count())
            .map(|i| self.base.href(&bundle_url(i)))
            .collect()
    }

    /// Every output file of the site (pages and assets), to check links against.
    pub fn link_targets(&self) -> LinkTargets {
        LinkTargets {
            files: std::sync::Arc::new(self.paths().map(str::to_string).collect()),
            base: self.base.clone(),
        }
    }

    /// Every output path (pages and assets).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages
            .iter()
            .map(|p| p.path.as_str())
            .chain(self.assets.iter().map(|a| a.path.as_str()))
    }

    /// What must be rendered again after `changed` files (relative to the organisation
    /// root) changed, with `self` built from the new model and `previous` from the one
    /// before. A file that no page names as a source (the organisation's files,
    /// `site.yaml`, templates, the theme, anything unknown) affects everything.
    pub fn affected(&self, previous: &Registry, changed: &BTreeSet<String>) -> Selection {
        let mut files = BTreeSet::new();
        let mut summaries = BTreeSet::new();
        let mut collections = BTreeSet::new();
        for path in changed {
            let (now, before) = (self.members.get(path), previous.members.get(path));
            let collection = match (now, before) {
                (None, None) => return Selection::Everything,
                (Some(m), _) | (None, Some(m)) => m.0,
            };
            files.insert(path.as_str());
            let same_summary =
                matches!((now, before), (Some((_, Some(a))), Some((_, Some(b)))) if a == b);
            if !same_summary {
                summaries.insert(path.as_str());
                collections.insert(collection);
            }
        }
        let touches = |page: &Page| {
            page.sources.iter().any(|s| match s {
                Source::File(f) => files.contains(&**f),
                Source::Summary(f) => summaries.contains(&**f),
                Source::Every(c) => collections.contains(c),
            })
        };
        let mut urls: BTreeSet<String> = BTreeSet::new();
        for registry in [self, previous] {
            urls.extend(
                registry
                    .pages
                    .iter()
                    .filter(|p| touches(p))
                    .map(|p| p.url.clone()),
            );
        }
        // New pages are always written; pages that are gone are not written at all.
        urls.extend(
            self.pages
                .iter()
                .filter(|p| previous.page(&p.url).is_none())
                .map(|p| p.url.clone()),
        );
        urls.retain(|u| self.page(u).is_some());
        Selection::Pages(urls)
    }
}

fn pages(model: &Model) -> Vec<Page> {
    use Collection::{Learning, Teams, Werkvormen};
    use PageKind as K;
    use Source::Every;
    let mut pages = vec![
        Page::new("/", "index.html", model.site.titel.clone(), K::Home).from([
            Every(Teams),
            Every(Werkvormen),
            Every(Learning),
        ]),
    ];
    if model.beleid.is_some() {
        pages.push(Page::new(
            "/beleid/",
            "beleid.html",
            t("ui.nav_beleid", &[]),
            K::Policy,
        ));
    }
    pages.push(Page::new(
        "/normschema/",
        "normschema.html",
        t("ui.nav_normschema", &[]),
        K::Norm,
    ));
    pages.push(
        Page::new("/teams/", "teams.html", t("ui.nav_teams", &[]), K::Teams).from([Every(Teams)]),
    );
    // Each file's path is made once and shared by the pages that name it: a werkvorm is
    // a source of every team page that uses it (tens of thousands of references).
    let werkvorm_files: Vec<(&str, Arc<str>)> = model
        .werkvormen
        .iter()
        .map(|w| (w.slug.as_str(), Arc::from(w.bestand.as_str())))
        .collect();
    // Each team's page in parallel; which werkvormen it uses, as their positions.
    let team_pages: Vec<(Page, Vec<usize>)> = model
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
            let page = Page::new(&team.url, "team.html", team.team.clone(), K::Team(i));
            (page.from(sources), used)
        })
        .collect();
    let mut users: Vec<Vec<Source>> = vec![Vec::new(); werkvorm_files.len()];
    pages.reserve(team_pages.len());
    for (page, used) in team_pages {
        if let Some(Source::File(file)) = page.sources.first() {
            for w in used {
                users[w].push(Source::Summary(Arc::clone(file)));
            }
        }
        pages.push(page);
    }
    pages.push(
        Page::new(
            "/leerdoelwijzers/",
            "leerdoelwijzers.html",
            t("ui.nav_leerdoelwijzers", &[]),
            K::Learning,
        )
        .from([Every(Learning)]),
    );
    for (i, l) in model.leerdoelwijzers.iter().enumerate() {
        pages.push(
            Page::new(
                &l.url,
                "leerdoelwijzer.html",
                l.titel.clone(),
                K::Questionnaire(i),
            )
            .from([
                Source::File(Arc::from(l.bestand.as_str())),
                Every(Werkvormen),
            ]),
        );
    }
    if let Some(m) = &model.ontwikkelmatrix {
        pages.push(
            Page::new(
                crate::model::MATRIX_URL,
                "ontwikkelmatrix.html",
                m.titel.clone(),
                K::Matrix,
            )
            .from([Source::File(Arc::from(m.bestand.as_str()))]),
        );
    }
    pages.push(
        Page::new(
            "/werkvormen/",
            "werkvormen.html",
            t("ui.nav_werkvormen", &[]),
            K::Werkvormen,
        )
        .from([Every(Werkvormen), Every(Teams)]),
    );
    // A werkvorm page lists the teams that use it (`gebruikt_door`, the same teams).
    for (i, (w, users)) in model.werkvormen.iter().zip(users).enumerate() {
        pages.push(
            Page::new(&w.url, "werkvorm.html", w.titel.clone(), K::Werkvorm(i))
                .from([Source::File(Arc::clone(&werkvorm_files[i].1))])
                .from(users),
        );
    }
    pages.push(
        Page::new(
            "/status/",
            "status.html",
            t("ui.nav_status", &[]),
            K::Status,
        )
        .from([Every(Teams)]),
    );
    pages.push(Page::new(
        "/toegankelijkheid/",
        "toegankelijkheid.html",
        t("ui.nav_toegankelijkheid", &[]),
        K::Accessibility,
    ));
    pages.push(
        Page::new(
            "/zoeken/",
            "zoeken.html",
            t("ui.nav_zoeken", &[]),
            K::Search,
        )
        .from([Every(Teams), Every(Werkvormen), Every(Learning)]),
    );
    pages.push(Page::new(
        "/404.html",
        "404.html",
        t("ui.niet_gevonden", &[]),
        K::NotFound,
    ));
    // The sitemap protocol needs absolute addresses: without the site's own `url` there
    // is no sitemap (the settings check made sure a given `url` is an http(s) address).
    if model.site.url.is_some() {
        pages.push(
            Page::new("/sitemap.xml", "sitemap.xml", String::new(), K::Sitemap).from([
                Every(Teams),
                Every(Werkvormen),
                Every(Learning),
            ]),
        );
    }
    pages
}

fn assets(model: &Model, statics: impl Iterator<Item = String>) -> Vec<Asset> {
    let mut assets: Vec<Asset> = statics
        .map(|name| Asset {
            path: format!("static/{name}"),
            kind: AssetKind::Static(name),
        })
        .collect();
    if model.tokens.is_some() {
        assets.push(Asset {
            path: crate::model::TOKENS_PATH
                .trim_start_matches('/')
                .to_string(),
            kind: AssetKind::Tokens,
        });
    }
    assets.extend(model.schemas.keys().map(|name| Asset {
        path: format!("schemas/{name}.json"),
        kind: AssetKind::Schema(name.clone()),
    }));
    assets.push(Asset {
        path: "schemas/catalog.json".into(),
        kind: AssetKind::Catalog,
    });
    assets
}
