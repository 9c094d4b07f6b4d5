//! Where a build's rendered files go: into the staging folder, each HTML page link-checked
//! against the registry and fed to the search index on its way.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use crate::render::search::Indexer;
use crate::render::{OutputFile, Page, Registry, RenderError, Sink, links};
use crate::write::Staging;

/// The sink of a full build.
pub(super) struct Staged<'a> {
    staging: &'a Staging,
    paths: HashSet<&'a str>,
    indexer: Option<Indexer>,
    /// Pages of the current batch waiting to be indexed in registry order (Pagefind's
    /// output depends on the order, and a build must be reproducible).
    queued: Mutex<BTreeMap<usize, (String, String)>>,
    problems: Mutex<Vec<String>>,
}

impl<'a> Staged<'a> {
    /// A sink writing into `staging`; with `search`, pages are also indexed.
    pub(super) fn new(staging: &'a Staging, registry: &'a Registry, search: bool) -> Self {
        Staged {
            staging,
            paths: registry.paths().collect(),
            indexer: search.then(Indexer::start),
            queued: Mutex::new(BTreeMap::new()),
            problems: Mutex::new(Vec::new()),
        }
    }

    /// Reports broken links, then finishes the search index and writes its files;
    /// returns how many files the index has.
    pub(super) fn finish(self) -> Result<usize, RenderError> {
        let mut problems = self.problems.into_inner().map_err(|_| poisoned())?;
        if !problems.is_empty() {
            problems.sort();
            problems.dedup();
            return Err(RenderError::Links(problems));
        }
        let Some(indexer) = self.indexer else {
            return Ok(0);
        };
        let files = indexer.finish()?;
        for f in &files {
            self.staging
                .put(f)
                .map_err(|e| RenderError::Sink(e.to_string()))?;
        }
        Ok(files.len())
    }
}

impl Sink for Staged<'_> {
    fn put(&self, file: OutputFile, page: Option<&Page>) -> Result<(), RenderError> {
        self.staging
            .put(&file)
            .map_err(|e| RenderError::Sink(e.to_string()))?;
        let Some(page) = page.filter(|p| p.is_html()) else {
            return Ok(());
        };
        let html = String::from_utf8(file.bytes)
            .map_err(|e| RenderError::Template(page.template.into(), e.to_string()))?;
        let found = links::check_page(&file.path, &html, &|p| self.paths.contains(p));
        if !found.is_empty()
            && let Ok(mut problems) = self.problems.lock()
        {
            problems.extend(found);
        }
        if self.indexer.is_some() && page.is_listed() {
            let mut queued = self.queued.lock().map_err(|_| poisoned())?;
            queued.insert(page.order, (page.url.clone(), html));
        }
        Ok(())
    }

    fn batch_done(&self) -> Result<(), RenderError> {
        let Some(indexer) = &self.indexer else {
            return Ok(());
        };
        let batch = std::mem::take(&mut *self.queued.lock().map_err(|_| poisoned())?);
        for (url, html) in batch.into_values() {
            indexer.add(url, html)?;
        }
        Ok(())
    }
}

/// A lock held by a thread that panicked.
fn poisoned() -> RenderError {
    RenderError::Sink(crate::messages::t("render.zoeken-gestopt", &[]))
}
