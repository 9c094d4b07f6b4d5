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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Site, validate_loaded};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{LoadCache, LoadError, display_path};
use crate::render::{self, OutputFile, Page, RenderError, Selection, Sink};
use crate::validate::Options;
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
            last: None,
            pending: BTreeSet::new(),
        })
    }

    /// The folder the site is written to.
    pub fn folder(&self) -> &LiveFolder {
        &self.folder
    }

    /// The listed pages of the current site as (URL, output path), in registry order
    /// (as a full build indexes them), for the search index.
    pub fn searchable_pages(&self) -> Vec<(String, String)> {
        self.last
            .iter()
            .flat_map(|s| s.registry.pages())
            .filter(|p| p.is_listed())
            .map(|p| (p.url.clone(), p.path.clone()))
            .collect()
    }

    /// Brings the site up to date after `changed` paths (absolute, as the watcher
    /// reports them) changed. The first call builds everything.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, SessionError> {
        for path in changed {
            if let Some(rel) = self.relevant(path) {
                self.cache.invalidate(path);
                self.pending.insert(rel);
            }
        }
        let loaded = crate::load::load_cached(&self.root, &mut self.cache)?;
        let checked = validate_loaded(loaded, &self.options);
        if checked.validated.errors() > 0 {
            let errors = checked
                .validated
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            return Ok(Update::Invalid(errors));
        }
        let site = Site::new(&checked, &self.options)?;
        let selection = match &self.last {
            None => Selection::Everything,
            Some(previous) => site.registry.affected(&previous.registry, &self.pending),
        };
        let sink = Live(&self.folder);
        let rendered = render::render(&site.model, &site.theme, &site.registry, &selection, &sink)?;
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
        })
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

/// Builds the search index of the pages in `folder` and writes it there, removing index
/// files of earlier runs. Runs beside the session (the preview's background indexer).
pub fn index_folder(live: &LiveFolder, pages: &[(String, String)]) -> Result<usize, SessionError> {
    let folder = live.root();
    let inputs = pages.iter().filter_map(|(url, path)| {
        std::fs::read_to_string(folder.join(path))
            .ok()
            .map(|html| (url.clone(), html))
    });
    let files = render::search::index(inputs)?;
    for f in &files {
        live.put(f)?;
    }
    let keep: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut stale = Vec::new();
    collect_relative(&folder.join("pagefind"), folder, &mut stale);
    for path in stale.iter().filter(|p| !keep.contains(p.as_str())) {
        live.remove(path)?;
    }
    Ok(files.len())
}

/// Every file below `dir`, relative to `base`.
fn collect_relative(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect_relative(&path, base, out),
            Ok(kind) if kind.is_file() => out.push(display_path(base, &path)),
            _ => {}
        }
    }
}
