//! The whole pipeline in one call, shared by `vpd build` and `vpd serve`:
//! load → validate → model → render → write.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::messages::t;
use crate::model::{self, SiteConfig};
use crate::render::{self, RenderOptions, Theme};
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
    (options.progress)(Step::Validating);
    let loaded = crate::load::load(root)?;
    let templates = Templates::load(&loaded.root);
    let mut validated = validate::validate(&loaded, &templates, &options.validate);
    let site = match SiteConfig::from_document(loaded.site.as_ref()) {
        Ok(s) => s,
        Err(d) => {
            validated.diagnostics.push(*d);
            SiteConfig::default()
        }
    };
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
        (options.progress)(Step::Rendering);
        let rendered = render::render(
            &model,
            &theme,
            RenderOptions {
                search: options.search,
            },
        )?;
        (options.progress)(Step::Writing);
        crate::write::write(out, &rendered.files)?;
        Ok(Outcome {
            pages: rendered.pages,
            files: rendered.files.len(),
            elapsed: start.elapsed(),
        })
    })();
    Ok(BuildResult { validated, outcome })
}

/// The findings of a build, for printing.
pub fn diagnostics(result: &BuildResult) -> &[Diagnostic] {
    &result.validated.diagnostics
}
