//! Where a build's rendered files go: into the staging folder, each HTML page
//! link-checked against the registry on its way.

use std::sync::Mutex;

use crate::render::registry::LinkTargets;
use crate::render::{OutputFile, Page, Registry, RenderError, Sink, links};
use crate::write::Staging;

/// The sink of a full build.
pub(super) struct Staged<'a> {
    staging: &'a Staging,
    targets: LinkTargets,
    problems: Mutex<Vec<String>>,
}

impl<'a> Staged<'a> {
    /// A sink writing into `staging`, checking links against `registry`.
    pub(super) fn new(staging: &'a Staging, registry: &'a Registry) -> Self {
        Staged {
            staging,
            targets: registry.link_targets(),
            problems: Mutex::new(Vec::new()),
        }
    }

    /// The broken links found, as an error.
    pub(super) fn finish(self) -> Result<(), RenderError> {
        let mut problems = self.problems.into_inner().map_err(|_| poisoned())?;
        if problems.is_empty() {
            return Ok(());
        }
        problems.sort();
        problems.dedup();
        Err(RenderError::Links(problems))
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
        let html = std::str::from_utf8(&file.bytes)
            .map_err(|e| RenderError::Template(page.template.into(), e.to_string()))?;
        let found = links::check_page(&file.path, html, self.targets.base(), &|url| {
            self.targets.resolves(url)
        });
        if !found.is_empty() {
            self.problems.lock().map_err(|_| poisoned())?.extend(found);
        }
        Ok(())
    }
}

/// A lock held by a thread that panicked.
fn poisoned() -> RenderError {
    RenderError::Sink(crate::messages::t("render.zoeken-gestopt", &[]))
}
