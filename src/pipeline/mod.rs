//! The pipeline, shared by every command: load → validate → model → render → write.
//!
//! [`check`] is load and validate (what `vpd check` runs, `site.yaml` included); [`build`]
//! runs every stage into a staging folder that replaces the site in one step; [`Session`]
//! is the same stages kept warm for `vpd serve`, re-running only what a change affects.
//! A site (not `check`) also reads each document's last commit from the repository's
//! history ([`crate::load::history`]), once content is valid.

mod check;
mod session;
mod sink;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use check::dead_links;
pub use check::{CheckReport, check, check_with_text};
pub use session::{SearchJob, SearchState, Session, SessionError, Update};

use crate::load::history::{self, CommitDates};
use crate::load::{LoadError, Loaded};
use crate::messages::t;
use crate::model::{self, Model, ModelCache};
use crate::render::{self, Registry, Selection, Theme};
use crate::template::Templates;
use crate::validate::{self, Options, Validated, ValidationCache};

/// Why a build produced no site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The folder has no content.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Validation found errors: nothing was published.
    #[error("{}", t("bouwen.fouten", &[("aantal", &.0.to_string())]))]
    Invalid(usize),
    /// Rendering failed.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
}

/// What load and validate produced: the input of every later stage.
pub struct Checked {
    /// The parsed files.
    pub loaded: Loaded,
    /// The templates (embedded, with the organisation's overrides).
    pub templates: Arc<Templates>,
    /// Every finding, the typed organisation and site settings, completeness per team.
    pub validated: Validated,
}

/// The files of the documents that become pages (`site.yaml` shows nowhere), whose last
/// commit a page can show.
fn document_paths(loaded: &Loaded) -> Vec<std::path::PathBuf> {
    loaded
        .documents
        .iter()
        .map(|d| d.source.path.to_path_buf())
        .collect()
}

/// Validates what was loaded (with the preview's cache of unchanged documents' findings).
fn validate_loaded(loaded: Loaded, options: &Options, cache: &mut ValidationCache) -> Checked {
    let templates = cache.templates(&loaded.root);
    let validated = validate::validate_cached(&loaded, &templates, options, cache);
    Checked {
        loaded,
        templates,
        validated,
    }
}

/// The model, the theme and the registry of a valid organisation (shared with the
/// preview's background search indexer).
struct Site {
    model: Arc<Model>,
    theme: Arc<Theme>,
    registry: Arc<Registry>,
}

impl Site {
    /// Builds the model (with each document's last commit from `commits`, reusing
    /// `cache`'s unchanged team pages) and the registry (taking the unchanged team pages
    /// of `previous`, the registry of the site before), with `theme` or, when there is
    /// none, the theme compiled anew.
    fn new(
        checked: &Checked,
        options: &Options,
        commits: &CommitDates,
        cache: &mut ModelCache,
        theme: Option<Arc<Theme>>,
        previous: Option<&Registry>,
    ) -> Result<Site, render::RenderError> {
        let model = model::build_cached(
            &checked.loaded,
            &checked.templates,
            &checked.validated,
            commits,
            options.today,
            cache,
        );
        let theme = match theme {
            Some(theme) => theme,
            None => Arc::new(Theme::load(&checked.loaded.root)?),
        };
        let registry = Registry::new(&model, theme.statics.keys().cloned(), previous)?;
        Ok(Site {
            model: Arc::new(model),
            theme,
            registry: Arc::new(registry),
        })
    }
}

/// A finished build.
pub struct Outcome {
    /// Pages rendered.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time per stage, in pipeline order (for `vpd build --tijden` and profiling).
    pub stages: Vec<(Stage, Duration)>,
}

/// The stages whose time a build reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing every file.
    Load,
    /// Schema and norm checks.
    Validate,
    /// Reading each document's last commit from the repository's history.
    History,
    /// Building the model and the page registry.
    Model,
    /// Rendering, link-checking and writing the pages (parallel; the search index is
    /// built from the model at the same time).
    Render,
    /// Writing the search index (and waiting for it when it outlasts rendering).
    Search,
    /// Swapping the output folder.
    Write,
}

impl Stage {
    /// The Dutch name shown to users.
    pub fn label(self) -> String {
        let key = match self {
            Stage::Load => "bouwen.fase.laden",
            Stage::Validate => "bouwen.fase.controleren",
            Stage::History => "bouwen.fase.geschiedenis",
            Stage::Model => "bouwen.fase.model",
            Stage::Render => "bouwen.fase.paginas",
            Stage::Search => "bouwen.fase.zoeken",
            Stage::Write => "bouwen.fase.schrijven",
        };
        t(key, &[])
    }
}

/// Steps reported to a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// Reading and validating content.
    Validating,
    /// Rendering pages.
    Rendering,
    /// Building the search index.
    Indexing,
    /// Writing the output.
    Writing,
}

/// Everything a build needs to know.
pub struct BuildOptions<'a> {
    /// Validation options (today, strict).
    pub validate: Options,
    /// Build the search index.
    pub search: bool,
    /// Called with each step (for a progress line).
    pub progress: &'a dyn Fn(Step),
}

/// Validation results plus the build outcome (diagnostics are returned in both cases).
pub struct BuildResult {
    /// Every finding of validation.
    pub validated: Validated,
    /// The outcome, or why there is no site.
    pub outcome: Result<Outcome, BuildError>,
}

/// Wall time per stage.
struct Laps {
    stages: Vec<(Stage, Duration)>,
    mark: Instant,
}

impl Laps {
    fn lap(&mut self, stage: Stage) {
        self.stages.push((stage, self.mark.elapsed()));
        self.mark = Instant::now();
    }
}

/// Runs every stage for the organisation at `root`, writing the site to `out`.
pub fn build(root: &Path, out: &Path, options: &BuildOptions) -> Result<BuildResult, BuildError> {
    let start = Instant::now();
    let mut laps = Laps {
        stages: Vec::new(),
        mark: start,
    };
    (options.progress)(Step::Validating);
    let loaded = crate::load::load(root)?;
    laps.lap(Stage::Load);
    let mut checked = validate_loaded(loaded, &options.validate, &mut ValidationCache::default());
    laps.lap(Stage::Validate);
    let errors = checked.validated.errors();
    if errors > 0 {
        return Ok(BuildResult {
            validated: checked.validated,
            outcome: Err(BuildError::Invalid(errors)),
        });
    }
    let history = history::last_commits(&checked.loaded.root, &document_paths(&checked.loaded));
    if let Some(problem) = history.problem {
        checked.validated.diagnostics.push(problem);
        crate::diagnostic::sort(&mut checked.validated.diagnostics);
    }
    laps.lap(Stage::History);
    let site = match Site::new(
        &checked,
        &options.validate,
        &history.dates,
        &mut ModelCache::default(),
        None,
        None,
    ) {
        Ok(site) => site,
        Err(e) => {
            return Ok(BuildResult {
                validated: checked.validated,
                outcome: Err(e.into()),
            });
        }
    };
    let dead = dead_links(&checked.validated, &site.registry);
    if !dead.is_empty() {
        let mut validated = checked.validated;
        validated.diagnostics.extend(dead);
        crate::diagnostic::sort(&mut validated.diagnostics);
        let errors = validated.errors();
        return Ok(BuildResult {
            validated,
            outcome: Err(BuildError::Invalid(errors)),
        });
    }
    let outcome = (|| {
        laps.lap(Stage::Model);
        (options.progress)(Step::Rendering);
        let staging = crate::write::Staging::open(out)?;
        let sink = sink::Staged::new(&staging, &site.registry);
        // The search index is built from the model on its own thread while the pages
        // render on the others.
        let (rendered, index) = std::thread::scope(|scope| {
            let index = options
                .search
                .then(|| scope.spawn(|| render::search::index_all(&site.model, &site.registry)));
            let rendered = render::render(
                &site.model,
                &site.theme,
                &site.registry,
                &Selection::Everything,
                &sink,
            );
            (rendered, index.map(|h| h.join()))
        });
        let rendered = rendered?;
        sink.finish()?;
        laps.lap(Stage::Render);
        (options.progress)(Step::Indexing);
        let mut search_files = 0;
        if let Some(joined) = index {
            let files = joined
                .map_err(|_| render::RenderError::Search(t("render.zoeken-gestopt", &[])))??;
            for f in &files {
                staging.put(f)?;
            }
            search_files = files.len();
        }
        laps.lap(Stage::Search);
        (options.progress)(Step::Writing);
        staging.commit()?;
        laps.lap(Stage::Write);
        Ok(Outcome {
            pages: rendered.pages,
            files: rendered.pages + rendered.assets + search_files,
            elapsed: start.elapsed(),
            stages: laps.stages.clone(),
        })
    })();
    free_elsewhere((site, checked.loaded));
    Ok(BuildResult {
        validated: checked.validated,
        outcome,
    })
}

/// Frees `value` on a thread of its own. Freeing the model and every parsed document
/// node by node took a twentieth of a build, on one core after the parallel work; a
/// command that ends with the build exits without waiting for it (see BENCHMARKS.md).
/// When no thread can be started, `value` is freed here.
fn free_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    /// The example organisation (`content/`) copied into a temporary folder.
    pub(crate) fn example() -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let tmp = tempfile::tempdir().expect("temporary folder");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.expect("example file");
            let to = tmp
                .path()
                .join("content")
                .join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        tmp
    }
}
