//! The pipeline kept warm for `vpd serve`: the same stages as [`super::build`], run again
//! after each change on only what the change affects.
//!
//! A session keeps the parsed documents (shared, not copied) and the last site it wrote.
//! For each batch of changed paths it: forgets those paths' parsed documents → loads
//! (parsing only what it forgot) → validates → builds the model and the registry → asks
//! the registry which pages depend on the changed files → renders only those, each
//! written under a temporary name and renamed into place → removes files that no longer
//! belong to the site. While content has errors nothing is written and the changes are
//! kept, so the first good state after them renders everything they touched.
//!
//! Each document's last commit is read from the repository once, when content is first
//! valid, and again for a file after it changed (a saved file that differs from HEAD has
//! none). A commit made while the preview runs changes no file, so its date shows once
//! the file is saved again or the preview restarts.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Site, validate_loaded};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::history::{self, CommitDates, CommitTime};
use crate::load::{LoadCache, LoadError, Loaded, display_path};
use crate::model::{Model, ModelCache};
use crate::render::{self, OutputFile, Page, Registry, RenderError, Selection, Sink};
use crate::validate::{Options, ValidationCache};
use crate::write::{LiveFolder, WriteError};

/// Why a session could not update the site (content errors are not failures: see
/// [`Update::Invalid`]).
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The content folder is gone.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The theme or a template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The preview folder could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// What an update did.
#[derive(Debug)]
pub enum Update {
    /// The site is current.
    Built {
        /// Pages rendered.
        pages: usize,
        /// Files removed because they no longer belong to the site.
        removed: usize,
        /// Warnings that are not the content's: the repository's history could not be
        /// read.
        warnings: Vec<Diagnostic>,
    },
    /// Content has errors (the list holds the errors); nothing was written.
    Invalid(Vec<Diagnostic>),
}

/// An incremental build of one organisation into one folder.
pub struct Session {
    root: PathBuf,
    options: Options,
    folder: LiveFolder,
    cache: LoadCache,
    validation: ValidationCache,
    model: ModelCache,
    /// Each document's last commit as read so far (none: it has none); a changed file is
    /// read again.
    commits: HashMap<PathBuf, Option<CommitTime>>,
    /// The dates of `commits`, as the model reads them (a changed file's entry is
    /// replaced when it is read again).
    dates: CommitDates,
    /// The last site written, to compare the next one with.
    last: Option<Site>,
    /// Paths (relative to the root) changed since `last` was written.
    pending: BTreeSet<String>,
}

impl Session {
    /// A session for the organisation at `root` (canonical) writing into `out`.
    pub fn open(root: &Path, out: &Path, options: Options) -> Result<Session, SessionError> {
        Ok(Session {
            root: root.to_path_buf(),
            options,
            folder: LiveFolder::open(out)?,
            cache: LoadCache::default(),
            validation: ValidationCache::default(),
            model: ModelCache::default(),
            commits: HashMap::new(),
            dates: CommitDates::new(),
            last: None,
            pending: BTreeSet::new(),
        })
    }

    /// The folder the site is written to.
    pub fn folder(&self) -> &LiveFolder {
        &self.folder
    }

    /// Where the current site is published (the path of `url` in `site.yaml`), once a
    /// site was written.
    pub fn base(&self) -> Option<&crate::model::SiteBase> {
        self.last.as_ref().map(|site| &site.model.base)
    }

    /// The organisation's root folder (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The model of the current site, once a site was written.
    pub fn model(&self) -> Option<Arc<Model>> {
        self.last.as_ref().map(|site| Arc::clone(&site.model))
    }

    /// The search index of the current site, to build beside the session.
    pub fn search_job(&self) -> Option<SearchJob> {
        self.last.as_ref().map(|site| SearchJob {
            model: Arc::clone(&site.model),
            registry: Arc::clone(&site.registry),
            folder: self.folder.clone(),
        })
    }

    /// Brings the site up to date after `changed` paths (absolute, as the watcher
    /// reports them) changed. The first call builds everything.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, SessionError> {
        for path in changed {
            if let Some(rel) = self.relevant(path) {
                self.cache.invalidate(path);
                // A changed file is read again; a changed folder, every file below it.
                if self.commits.remove(path).is_none() {
                    self.commits.retain(|p, _| !p.starts_with(path));
                }
                if rel.starts_with("schemas/") {
                    self.validation.forget_templates();
                }
                self.pending.insert(rel);
            }
        }
        let loaded = crate::load::load_cached(&self.root, &mut self.cache)?;
        let checked = validate_loaded(loaded, &self.options, &mut self.validation);
        if checked.validated.errors() > 0 {
            let errors = checked
                .validated
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            return Ok(Update::Invalid(errors));
        }
        // The compiled theme is kept until a file in themes/ changes.
        let theme = self
            .last
            .as_ref()
            .filter(|_| !self.pending.iter().any(|p| p.starts_with("themes/")))
            .map(|site| Arc::clone(&site.theme));
        let warnings: Vec<Diagnostic> = self.read_history(&checked.loaded).into_iter().collect();
        let site = Site::new(
            &checked,
            &self.options,
            &self.dates,
            &mut self.model,
            theme,
            self.last.as_ref().map(|site| &*site.registry),
        )?;
        let dead = super::dead_links(&checked.validated, &site.registry);
        if !dead.is_empty() {
            return Ok(Update::Invalid(dead));
        }
        let selection = match &self.last {
            None => Selection::Everything,
            Some(previous) => site.registry.affected(&previous.registry, &self.pending),
        };
        let sink = Live(&self.folder);
        let rendered = render::render(&site.model, &site.theme, &site.registry, &selection, &sink)?;
        // The editor schemas follow the policy, the norm and the werkvormen, which a
        // partial render does not know as their sources.
        if selection != Selection::Everything
            && let Some(previous) = &self.last
            && previous.model.schemas != site.model.schemas
        {
            render::render_schemas(&site.model, &site.theme, &site.registry, &sink)?;
        }
        let mut removed = 0;
        if let Some(previous) = &self.last {
            let current: BTreeSet<&str> = site.registry.paths().collect();
            for gone in previous.registry.paths().filter(|p| !current.contains(p)) {
                self.folder.remove(gone)?;
                removed += 1;
            }
        }
        self.last = Some(site);
        self.pending.clear();
        Ok(Update::Built {
            pages: rendered.pages,
            removed,
            warnings,
        })
    }

    /// Reads the last commit of the documents not read yet (all at first, then the changed
    /// ones); returns the warning when the repository could not be read.
    fn read_history(&mut self, loaded: &Loaded) -> Option<Diagnostic> {
        let unread: Vec<PathBuf> = loaded
            .documents
            .iter()
            .map(|d| &*d.source.path)
            .filter(|p| !self.commits.contains_key(*p))
            .map(Path::to_path_buf)
            .collect();
        if unread.is_empty() {
            return None;
        }
        let found = history::last_commits(&loaded.root, &unread);
        for path in unread {
            let time = found.dates.get(&path).copied();
            match time {
                Some(t) => self.dates.insert(path.clone(), t),
                None => self.dates.remove(&path),
            };
            self.commits.insert(path, time);
        }
        found.problem
    }

    /// The path relative to the root when a change of `path` can matter to the site:
    /// a file the loader reads, a folder of content, or anything in `schemas/` or
    /// `themes/`. Hidden files and editors' backup files do not.
    fn relevant(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let display = display_path(Path::new(""), rel);
        if display.split('/').any(|c| c.starts_with('.')) {
            return None;
        }
        let top = display.split('/').next()?;
        match top {
            "schemas" | "themes" => Some(display),
            "content" => {
                let loaded_kind = path
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml" || e == "md" || e == "css");
                let folder = path.is_dir() || self.cache.holds(path);
                (loaded_kind || folder).then_some(display)
            }
            _ => None,
        }
    }
}

/// The preview's sink: each file renamed into place.
struct Live<'a>(&'a LiveFolder);

impl Sink for Live<'_> {
    fn put(&self, file: OutputFile, _page: Option<&Page>) -> Result<(), RenderError> {
        self.0
            .put(&file)
            .map_err(|e| RenderError::Sink(e.to_string()))
    }
}

/// The search index of one state of the site: built on another thread (the preview's
/// background indexer) and written into the preview's folder, replacing the last one.
pub struct SearchJob {
    model: Arc<Model>,
    registry: Arc<Registry>,
    folder: LiveFolder,
}

/// What the preview's search index holds, part by part (kept by the background indexer
/// between jobs).
#[derive(Debug, Default)]
pub struct SearchState {
    parts: Vec<PartState>,
}

/// One part of the preview's search index as last written.
#[derive(Debug, Default)]
struct PartState {
    /// What its pages were made from (see [`part_key`]).
    key: Vec<PageKey>,
    /// The digest of its records.
    digest: u64,
    /// The files written for it.
    files: BTreeSet<String>,
}

/// What one page's search record is made from, cheap to compare: a team page by its
/// team's model (kept alive here, so an equal pointer is the same, unchanged team), any
/// other page by the digest of its record.
#[derive(Debug)]
enum PageKey {
    Team(String, Arc<crate::model::Team>),
    Other(String, u64),
}

impl PartialEq for PageKey {
    fn eq(&self, other: &PageKey) -> bool {
        match (self, other) {
            (PageKey::Team(a, x), PageKey::Team(b, y)) => a == b && Arc::ptr_eq(x, y),
            (PageKey::Other(a, x), PageKey::Other(b, y)) => a == b && x == y,
            _ => false,
        }
    }
}

/// The keys of a part's pages: a saved team file changes one part's key, and only that
/// part's records are computed again (computing every record took a core for a second
/// at 10,000 teams, beside the next update).
fn part_key(model: &Model, pages: &[&Page]) -> Result<Vec<PageKey>, render::RenderError> {
    pages
        .iter()
        .map(|page| {
            let href = model.base.href(&page.url);
            Ok(match page.kind {
                render::PageKind::Team(i) if i < model.teams.len() => {
                    PageKey::Team(href, Arc::clone(&model.teams[i]))
                }
                _ => {
                    let record = render::search::part_records(model, &[page])?;
                    PageKey::Other(href, render::search::digest(&record))
                }
            })
        })
        .collect()
}

impl SearchJob {
    /// Builds the parts of the index whose text changed since `state`, writes them and
    /// removes the files they no longer have (and those of parts the site no longer has);
    /// returns how many parts were built.
    pub fn run(&self, state: &mut SearchState) -> Result<usize, SessionError> {
        let parts = self.registry.search_parts();
        for gone in state.parts.drain(parts.len().min(state.parts.len())..) {
            for path in &gone.files {
                self.folder.remove(path)?;
            }
        }
        state.parts.resize_with(parts.len(), Default::default);
        let mut built = 0;
        for (i, (pages, part)) in parts.iter().zip(&mut state.parts).enumerate() {
            let key = part_key(&self.model, pages)?;
            if key == part.key && !part.files.is_empty() {
                continue;
            }
            let records = render::search::part_records(&self.model, pages)?;
            let digest = render::search::digest(&records);
            if part.digest == digest && !part.files.is_empty() {
                part.key = key;
                continue;
            }
            let new = render::search::index_records(i, records)?;
            for f in &new {
                self.folder.put(f)?;
            }
            let files: BTreeSet<String> = new.into_iter().map(|f| f.path).collect();
            for gone in part.files.difference(&files) {
                self.folder.remove(gone)?;
            }
            *part = PartState { key, digest, files };
            built += 1;
        }
        Ok(built)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::tests::example;

    const TEAM: &str = "content/teams/kcc-algemeen.yaml";

    fn options() -> Options {
        Options {
            today: jiff::civil::date(2026, 11, 24),
            strict: false,
        }
    }

    /// Replaces `from` by `to` in the team file and brings the session up to date;
    /// returns how many pages were rendered.
    fn edit(session: &mut Session, from: &str, to: &str) -> usize {
        let path = session.root.join(TEAM);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        match session.update(&[path]).unwrap() {
            Update::Built { pages, .. } => pages,
            Update::Invalid(errors) => panic!("{errors:?}"),
        }
    }

    /// The model and registry of the current site.
    fn current(session: &Session) -> (Arc<Model>, Arc<Registry>) {
        let site = session.last.as_ref().expect("a site");
        (Arc::clone(&site.model), Arc::clone(&site.registry))
    }

    #[test]
    fn an_edit_of_answers_renders_one_page_and_keeps_every_list_and_the_team_pages() {
        let tmp = example();
        let root = tmp.path().canonicalize().unwrap();
        let out = tempfile::tempdir().unwrap();
        let mut session = Session::open(&root, &out.path().join("site"), options()).unwrap();
        assert!(matches!(session.update(&[]).unwrap(), Update::Built { .. }));
        let (model, registry) = current(&session);

        let rendered = edit(&mut session, "luistert, eerlijk", "luistert, open");
        let (after, after_registry) = current(&session);
        assert_eq!(rendered, 1, "only the team's own page");
        assert!(Arc::ptr_eq(&model.status, &after.status));
        assert!(Arc::ptr_eq(&model.afdelingen, &after.afdelingen));
        assert!(after_registry.shares_team_pages(&registry));
        let (was, is) = (model.team("kcc-algemeen"), after.team("kcc-algemeen"));
        assert!(
            is.is_some_and(|is| !std::ptr::eq(was.unwrap(), is)),
            "built again"
        );

        // A new name is shown by the listings: they and the team pages are made again.
        let rendered = edit(
            &mut session,
            "team: \"KCC Algemeen\"",
            "team: \"KCC Algemeen Nummer\"",
        );
        let (renamed, renamed_registry) = current(&session);
        assert!(
            rendered > 1,
            "the team page and the pages that list it: {rendered}"
        );
        assert!(!Arc::ptr_eq(&after.status, &renamed.status));
        assert!(!renamed_registry.shares_team_pages(&after_registry));
        let page = renamed_registry
            .page("/teams/kcc-algemeen/")
            .expect("its page");
        assert_eq!(page.titel, "KCC Algemeen Nummer");
        assert_eq!(
            renamed
                .status
                .teams
                .iter()
                .filter(|r| r.team == "KCC Algemeen Nummer")
                .count(),
            1
        );
    }
}
