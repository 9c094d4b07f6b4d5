//! Stage 4, render: the model to the files of the site, handed one by one to a [`Sink`].
//!
//! Steps: compile the theme once ([`Theme::load`]) → list every page and asset in the
//! [`Registry`] → render the selected pages in parallel, each straight to the sink (no
//! page is held after it is handed over) → the assets (static files, the municipality's
//! tokens, the JSON Schemas). The sink (the write stage, or the preview) puts them on disk.
//! [`search`] indexes each page's text from the model for Pagefind (beside rendering, on
//! its own thread) and [`links`] checks a page's links as it passes the sink.

pub mod css;
pub mod links;
pub mod markdown;
mod pages;
pub mod registry;
pub mod search;
mod shared;
pub mod tags;
pub mod theme;
pub mod view;

use rayon::prelude::*;

pub use pages::ContextError;
pub use registry::{Page, PageKind, Registry, Selection};
pub use theme::Theme;

use crate::messages::t;
use crate::model::Model;
use registry::AssetKind;

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
    /// A theme file is a symbolic link (never followed).
    #[error("{}", t("render.symbolische-link", &[("pad", .0)]))]
    Symlink(String),
    /// The search index could not be built.
    #[error("{}", t("render.zoeken", &[("fout", .0)]))]
    Search(String),
    /// Internal links that point nowhere, or resources from another host.
    #[error("{}", t("render.links", &[("lijst", &.0.join("\n"))]))]
    Links(Vec<String>),
    /// A page's context could not be made (a value that does not serialise).
    #[error("{}", t("render.context", &[("pagina", pagina)]))]
    Context {
        /// The page's URL.
        pagina: String,
        /// Why.
        #[source]
        oorzaak: pages::ContextError,
    },
    /// The context every page shares could not be made (a value that does not serialise).
    #[error("{}", t("render.context-site", &[]))]
    SiteContext(#[source] pages::ContextError),
    /// The sink could not take a file (writing failed).
    #[error("{0}")]
    Sink(String),
    /// A published JSON file (a schema, the catalogue) could not be serialised.
    #[error("{}", t("render.serialiseren", &[("pad", path), ("fout", &source.to_string())]))]
    Serialise {
        /// The file that was being written.
        path: String,
        /// Why serde_json refused.
        #[source]
        source: serde_json::Error,
    },
    /// A page's URL maps to no output file, or an asset's path could leave the output.
    #[error(transparent)]
    SitePath(#[from] crate::site_path::SitePathError),
}

/// Where rendered files go: called from several threads at once.
pub trait Sink: Sync {
    /// Takes one rendered file; `page` is its registry entry (`None` for assets).
    fn put(&self, file: OutputFile, page: Option<&Page>) -> Result<(), RenderError>;
}

/// What a render produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    /// Pages rendered.
    pub pages: usize,
    /// Assets written.
    pub assets: usize,
}

/// Renders the pages (and, for [`Selection::Everything`], the assets) of `registry` that
/// `selection` names, in parallel, handing each file to `sink` as soon as it is ready.
pub fn render(
    model: &Model,
    theme: &Theme,
    registry: &Registry,
    selection: &Selection,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    // The shared context (site, UI words, navigation) is set once, not copied per page.
    let mut tera = theme.tera.clone();
    tera.global_context()
        .extend(pages::globals(model).map_err(RenderError::SiteContext)?);
    tera.register_function("url", link_function(registry));
    let selected: Vec<&Page> = registry.pages().filter(|p| selection.has(p)).collect();
    // What many pages show alike (the organisation's flow charts) is made once.
    let shared = shared::Shared::new(model, &tera, &selected)?;
    selected.par_iter().try_for_each(|page| {
        let mut context =
            pages::context(model, registry, page, &shared).map_err(|e| RenderError::Context {
                pagina: page.url.clone(),
                oorzaak: e,
            })?;
        let fail = |e: tera::Error| RenderError::Template(page.template.into(), format!("{e:#}"));
        // The page's full address, when `site.yaml` gives the site's `url` (a not-found
        // page is shown at any address and has none).
        if page.kind != registry::PageKind::NotFound
            && let Some(canonical) = registry.base().absolute(&page.url)
        {
            context.insert("canonical", &canonical);
        }
        let html = tera.render(page.template, &context).map_err(fail)?;
        let file = OutputFile {
            path: page.path.clone(),
            bytes: html.into_bytes(),
        };
        sink.put(file, Some(page))
    })?;
    let mut rendered = Rendered {
        pages: selected.len(),
        assets: 0,
    };
    if *selection == Selection::Everything {
        rendered.assets = write_assets(model, theme, registry, sink, |_| true)?;
    }
    Ok(rendered)
}

/// Writes the assets `keep` selects; returns how many.
fn write_assets(
    model: &Model,
    theme: &Theme,
    registry: &Registry,
    sink: &dyn Sink,
    keep: impl Fn(&AssetKind) -> bool,
) -> Result<usize, RenderError> {
    let mut written = 0;
    for asset in registry.assets().iter().filter(|a| keep(&a.kind)) {
        let bytes = asset_bytes(model, theme, &asset.kind)?;
        sink.put(
            OutputFile {
                path: asset.path.clone(),
                bytes,
            },
            None,
        )?;
        written += 1;
    }
    Ok(written)
}

/// Writes only the schema assets (the editor schemas and their catalogue): the preview
/// calls this when a partial render leaves them out but the organisation's departments,
/// roles, werkvormen or norm changed them. Returns how many files were written.
pub fn render_schemas(
    model: &Model,
    theme: &Theme,
    registry: &Registry,
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    write_assets(model, theme, registry, sink, |kind| {
        matches!(kind, AssetKind::Schema(_) | AssetKind::Catalog)
    })
}

/// The template function `url(pad="/teams/#afdeling-x")`: every link a template writes to
/// a page or file of the site goes through it. It returns the address below the site's
/// base (`/vpd/teams/#afdeling-x` for a site published under `/vpd/`), and a link to a
/// page that does not exist stops the render with the template's name instead of
/// publishing a dead link.
fn link_function(
    registry: &Registry,
) -> impl Fn(tera::Kwargs, &tera::State) -> tera::TeraResult<String> + Send + Sync + 'static {
    let targets = registry.link_targets();
    move |kwargs, _| {
        let target: String = kwargs.must_get("pad")?;
        if targets.resolves(&target) {
            Ok(targets.base().href(&target))
        } else {
            Err(tera::Error::message(t(
                "render.link-onbekend",
                &[("url", &target)],
            )))
        }
    }
}

fn asset_bytes(model: &Model, theme: &Theme, kind: &AssetKind) -> Result<Vec<u8>, RenderError> {
    let json = |v: &serde_json::Value, path: String| {
        serde_json::to_vec_pretty(v).map_err(|source| RenderError::Serialise { path, source })
    };
    match kind {
        AssetKind::Static(name) => theme
            .statics
            .get(name)
            .cloned()
            .ok_or_else(|| RenderError::Io(format!("static/{name}"), String::new())),
        AssetKind::Tokens => model
            .tokens
            .clone()
            .ok_or_else(|| RenderError::Io(crate::model::TOKENS_PATH.into(), String::new())),
        AssetKind::Schema(name) => match model.schemas.get(name) {
            Some(schema) => json(schema, format!("schemas/{name}.json")),
            None => Err(RenderError::Io(
                format!("schemas/{name}.json"),
                String::new(),
            )),
        },
        AssetKind::Catalog => {
            let list: Vec<(&String, &serde_json::Value)> = model.schemas.iter().collect();
            json(
                &crate::template::catalog(&list),
                "schemas/catalog.json".into(),
            )
        }
    }
}
