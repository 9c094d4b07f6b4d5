//! The whole pipeline in one call, shared by `vpd build` and `vpd serve`:
//! load → validate → model → render → write.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::messages::t;
use crate::model::{self, SiteConfig};
use crate::render::{self, Theme};
use crate::template::Templates;
use crate::validate::{self, Options, Validated};

/// Why a build produced no site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The folder has no content.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
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
    /// Building the model.
    Model,
    /// Rendering the pages (parallel).
    Render,
    /// The Pagefind index.
    Search,
    /// The internal link check.
    Links,
    /// Writing and swapping the output folder.
    Write,
}

impl Stage {
    /// The Dutch name shown to users.
    pub fn label(self) -> String {
        let key = match self {
            Stage::Load => "bouwen.fase.laden",
            Stage::Validate => "bouwen.fase.controleren",
            Stage::Model => "bouwen.fase.model",
            Stage::Render => "bouwen.fase.paginas",
            Stage::Search => "bouwen.fase.zoeken",
            Stage::Links => "bouwen.fase.links",
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
    /// Building the search index and checking links.
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

/// Runs the pipeline for the organisation at `root`, writing the site to `out`.
pub fn build(root: &Path, out: &Path, options: &BuildOptions) -> Result<BuildResult, BuildError> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut mark = Instant::now();
    let mut lap = |stage: Stage, stages: &mut Vec<(Stage, Duration)>| {
        stages.push((stage, mark.elapsed()));
        mark = Instant::now();
    };
    (options.progress)(Step::Validating);
    let loaded = crate::load::load(root)?;
    let templates = Templates::load(&loaded.root);
    lap(Stage::Load, &mut stages);
    let mut validated = validate::validate(&loaded, &templates, &options.validate);
    let site = match SiteConfig::from_document(loaded.site.as_ref()) {
        Ok(s) => s,
        Err(d) => {
            validated.diagnostics.push(*d);
            SiteConfig::default()
        }
    };
    lap(Stage::Validate, &mut stages);
    let errors = validated.errors();
    if errors > 0 {
        return Ok(BuildResult {
            validated,
            outcome: Err(BuildError::Invalid(errors)),
        });
    }
    let outcome = (|| {
        let model = model::build(
            &loaded,
            &templates,
            &validated,
            site,
            options.validate.today,
        );
        let theme = Theme::load(&loaded.root)?;
        lap(Stage::Model, &mut stages);
        (options.progress)(Step::Rendering);
        let mut files = render::render_pages(&model, &theme, &|_| true)?;
        let pages = files.len();
        files.extend(render::assets(&model, &theme));
        lap(Stage::Render, &mut stages);
        if options.search {
            (options.progress)(Step::Indexing);
            let index = render::search_index(&files)?;
            files.extend(index);
            lap(Stage::Search, &mut stages);
        }
        render::check_links(&files)?;
        lap(Stage::Links, &mut stages);
        (options.progress)(Step::Writing);
        crate::write::write(out, &files)?;
        lap(Stage::Write, &mut stages);
        Ok(Outcome {
            pages,
            files: files.len(),
            elapsed: start.elapsed(),
            stages: stages.clone(),
        })
    })();
    Ok(BuildResult { validated, outcome })
}
