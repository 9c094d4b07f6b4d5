//! Stage 4, render: the model to pages, as values.
//!
//! Steps: compile the theme once ([`Theme::load`]) → build every page's context from the
//! model → render the pages in parallel ([`render_pages`]) → static files and schemas
//! ([`assets`]) → the search index over the rendered pages ([`search_index`], Pagefind,
//! Dutch) → check that every internal link resolves and nothing is loaded from another
//! host ([`check_links`]). The pipeline calls these in turn and times each.

mod links;
pub mod markdown;
mod pages;
mod search;
pub mod theme;
pub mod view;

use rayon::prelude::*;

pub use theme::Theme;

use crate::messages::t;
use crate::model::Model;

/// One file of the output, relative to the output folder (`teams/x/index.html`).
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative path with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not compile or render.
    #[error("{}", t("render.template", &[("naam", .0), ("fout", .1)]))]
    Template(String, String),
    /// A theme file could not be read.
    #[error("{}", t("render.io", &[("pad", .0), ("fout", .1)]))]
    Io(String, String),
    /// The search index could not be built.
    #[error("{}", t("render.zoeken", &[("fout", .0)]))]
    Search(String),
    /// Internal links that point nowhere, or resources from another host.
    #[error("{}", t("render.links", &[("lijst", &.0.join("\n"))]))]
    Links(Vec<String>),
}

/// Renders the pages whose URL `wanted` accepts (all pages for a build, the affected
/// ones for a preview after a change), in parallel.
pub fn render_pages(
    model: &Model,
    theme: &Theme,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Vec<OutputFile>, RenderError> {
    // The shared context (site, UI words, navigation) is set once, not copied per page.
    let mut tera = theme.tera.clone();
    tera.global_context().extend(pages::globals(model));
    let jobs: Vec<pages::Job> = pages::all(model, wanted)
        .into_iter()
        .filter(|j| wanted(&pages::url_of(&j.path)))
        .collect();
    jobs.par_iter()
        .map(|job| {
            tera.render(&job.template, &job.context)
                .map(|html| OutputFile {
                    path: job.path.clone(),
                    bytes: html.into_bytes(),
                })
                .map_err(|e| RenderError::Template(job.template.clone(), format!("{e:#}")))
        })
        .collect()
}

/// Every page URL of the site.
pub fn page_urls(model: &Model) -> Vec<String> {
    pages::all(model, &|_| false)
        .iter()
        .map(|j| pages::url_of(&j.path))
        .chain(model.teams.iter().map(|t| t.url.clone()))
        .collect()
}

/// Static files of the theme, the municipality's tokens and the JSON Schemas.
pub fn assets(model: &Model, theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .statics
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        })
        .collect();
    if let Some(tokens) = pages::token_file(model) {
        files.push(tokens);
    }
    files.extend(pages::schema_files(model));
    files
}

/// The Pagefind search index over the HTML pages among `files`.
pub fn search_index(files: &[OutputFile]) -> Result<Vec<OutputFile>, RenderError> {
    // Pages are handed over one at a time, so their text is not held twice.
    let html_pages = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .map(|f| (pages::url_of(&f.path), f.bytes.as_slice()));
    search::index(html_pages)
}

/// Checks that every internal link among `files` resolves and nothing comes from another host.
pub fn check_links(files: &[OutputFile]) -> Result<(), RenderError> {
    let problems = links::check(files);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(RenderError::Links(problems))
    }
}
