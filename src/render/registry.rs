//! The page registry: every file of the site (its URL, output path, template, title and
//! the source files it is built from) in one list made from the model.
//!
//! Everything that needs to know which pages exist asks the registry: rendering, the A–Z
//! index, the sitemap, the link check and the preview's partial rebuilds (which pages a
//! changed file affects). There is no second, hand-kept list of dependencies.

mod teams;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use teams::TeamPages;

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
    /// What listings show of each of these content files (a team's name, status,
    /// completeness…): an edit of only a file's answers does not touch the page.
    Summaries(Arc<[Arc<str>]>),
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
}

impl Page {
    fn new(url: &str, template: &'static str, titel: String, kind: PageKind) -> Page {
        Page {
            url: url.to_string(),
            // Set by the registry, which reports a URL that maps to no file.
            path: String::new(),
            template,
            titel,
            kind,
            sources: Vec::new(),
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
    /// The output file of every team page (shared with the registry's team pages).
    teams: Arc<HashSet<String>>,
    /// The output file of every other page and asset.
    other: Arc<HashSet<String>>,
    base: SiteBase,
}

impl LinkTargets {
    /// Whether `link`, a path of the site (`/teams/x/#kop`), reaches a page or file of the
    /// site: whether the output file it maps to ([`file_of`]) is one the site has.
    pub fn resolves(&self, link: &str) -> bool {
        file_of(link).is_ok_and(|file| self.other.contains(&file) || self.teams.contains(&file))
    }

    /// The site's base, which every address written in the output starts with.
    pub fn base(&self) -> &SiteBase {
        &self.base
    }
}

/// Every page and asset of the site.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The pages before the team protocols (the overview, policy, norm schema, teams).
    head: Vec<Page>,
    /// The team protocol pages, shared between the preview's registries while what they
    /// are made from stays the same.
    teams: Arc<TeamPages>,
    /// The pages after the team protocols.
    tail: Vec<Page>,
    assets: Vec<Asset>,
    /// URL → position in `head` followed by `tail`.
    by_url: HashMap<String, usize>,
    /// Where the site is published (the model's base).
    base: SiteBase,
    /// Werkvorm and learning files → the collection they belong to (team files are
    /// members of the team pages).
    members: HashMap<String, Collection>,
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
    /// Every page and asset of `model`, with the static file names of the theme, taking
    /// the team pages of `previous` (the registry of the site before, in the preview) when
    /// they are made from the same. A page whose URL maps to no output file, or an asset
    /// whose path could leave the output folder, is an error.
    pub fn new(
        model: &Model,
        statics: impl Iterator<Item = String>,
        previous: Option<&Registry>,
    ) -> Result<Registry, RenderError> {
        let teams = TeamPages::of(model, previous.map(|p| &p.teams))?;
        let (mut head, mut tail) = around_teams(model, &teams.users);
        for page in head.iter_mut().chain(tail.iter_mut()) {
            page.path = file_of(&page.url)?;
        }
        let by_url = head
            .iter()
            .chain(&tail)
            .enumerate()
            .map(|(i, page)| (page.url.clone(), i))
            .collect();
        let assets = assets(model, statics);
        for asset in &assets {
            checked_file(&asset.path)?;
        }
        let werkvormen = model
            .werkvormen
            .iter()
            .map(|w| (w.bestand.clone(), Collection::Werkvormen));
        let learning = model
            .leerdoelwijzers
            .iter()
            .map(|l| &l.bestand)
            .chain(model.ontwikkelmatrix.iter().map(|m| &m.bestand))
            .map(|f| (f.clone(), Collection::Learning));
        Ok(Registry {
            head,
            teams,
            tail,
            assets,
            by_url,
            base: model.base.clone(),
            members: werkvormen.chain(learning).collect(),
        })
    }

    /// Where the site is published: page URLs are paths below this base.
    pub fn base(&self) -> &SiteBase {
        &self.base
    }

    /// Every page, in a stable order (pages are rendered and indexed in this order).
    pub fn pages(&self) -> impl Iterator<Item = &Page> + Clone {
        self.head.iter().chain(&self.teams.pages).chain(&self.tail)
    }

    /// Every asset.
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }

    /// The page at `url`.
    pub fn page(&self, url: &str) -> Option<&Page> {
        match self.by_url.get(url) {
            Some(&i) if i < self.head.len() => self.head.get(i),
            Some(&i) => self.tail.get(i - self.head.len()),
            None => self.teams.page(url),
        }
    }

    /// The listed pages split into the parts of the search index: each part is a Pagefind
    /// bundle of its own, built in parallel with the others and merged in the browser.
    /// A page's part follows from its URL alone, so an edit changes one part only.
    pub fn search_parts(&self) -> Vec<Vec<&Page>> {
        let count = self.search_part_count();
        let mut parts: Vec<Vec<&Page>> = vec![Vec::new(); count];
        for page in self.pages().filter(|p| p.is_listed()) {
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&page.url, &mut hasher);
            let part = std::hash::Hasher::finish(&hasher) % count as u64;
            parts[part as usize].push(page);
        }
        parts
    }

    /// How many parts the search index has.
    fn search_part_count(&self) -> usize {
        let listed = self.pages().filter(|p| p.is_listed()).count();
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
        let other = self.head.iter().chain(&self.tail).map(|p| &p.path);
        let assets = self.assets.iter().map(|a| &a.path);
        LinkTargets {
            teams: Arc::clone(&self.teams.files),
            other: Arc::new(other.chain(assets).cloned().collect()),
            base: self.base.clone(),
        }
    }

    /// Every output path (pages and assets).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages()
            .map(|p| p.path.as_str())
            .chain(self.assets.iter().map(|a| a.path.as_str()))
    }

    /// Whether `self` and `other` hold the same team pages (not only equal ones).
    #[cfg(test)]
    pub(crate) fn shares_team_pages(&self, other: &Registry) -> bool {
        Arc::ptr_eq(&self.teams, &other.teams)
    }

    /// The collection `file` belongs to and, for a team, the digest of what other pages
    /// show of it.
    fn member(&self, file: &str) -> Option<(Collection, Option<u64>)> {
        match self.teams.members.get(file) {
            Some(digest) => Some((Collection::Teams, Some(*digest))),
            None => self.members.get(file).map(|c| (*c, None)),
        }
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
            let (now, before) = (self.member(path), previous.member(path));
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
                Source::Summaries(fs) => {
                    !summaries.is_empty() && fs.iter().any(|f| summaries.contains(&**f))
                }
                Source::Every(c) => collections.contains(c),
            })
        };
        let changed_files: Vec<&str> = files.iter().copied().collect();
        let mut urls: BTreeSet<String> = BTreeSet::new();
        for registry in [self, previous] {
            let others = registry.head.iter().chain(&registry.tail);
            urls.extend(others.filter(|p| touches(p)).map(|p| p.url.clone()));
            // Team pages are made from files only: found through their index.
            urls.extend(registry.teams.made_from(&changed_files).map(str::to_string));
        }
        // New pages are always written; pages that are gone are not written at all.
        let new = |p: &&Page| previous.page(&p.url).is_none();
        urls.extend(
            self.head
                .iter()
                .chain(&self.tail)
                .filter(new)
                .map(|p| p.url.clone()),
        );
        if !Arc::ptr_eq(&self.teams, &previous.teams) {
            urls.extend(self.teams.pages.iter().filter(new).map(|p| p.url.clone()));
        }
        urls.retain(|u| self.page(u).is_some());
        Selection::Pages(urls)
    }
}

/// The pages before the team protocols and those after them; `users` holds, for each
/// werkvorm, the files of the teams that name it (see [`TeamPages`]).
fn around_teams(model: &Model, users: &[Arc<[Arc<str>]>]) -> (Vec<Page>, Vec<Page>) {
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
    let head = std::mem::take(&mut pages);
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
    let no_users: Arc<[Arc<str>]> = Arc::from(Vec::new());
    for (i, w) in model.werkvormen.iter().enumerate() {
        let users = users.get(i).unwrap_or(&no_users);
        pages.push(
            Page::new(&w.url, "werkvorm.html", w.titel.clone(), K::Werkvorm(i)).from([
                Source::File(Arc::from(w.bestand.as_str())),
                Source::Summaries(Arc::clone(users)),
            ]),
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
    (head, pages)
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
