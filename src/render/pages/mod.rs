//! The context of every page kind: what its template shows, made from the model. One
//! file per group of pages; [`context`] picks the function for a page of the registry.

mod index;
mod learning;
mod organisation;
mod teams;
mod text;

pub use text::{Record, record};

use serde_json::{Value, json};
use tera::Context;

use super::registry::{Page, PageKind, Registry};
use super::shared::Shared;
use crate::messages::{Language, t};
use crate::model::{Model, SectionAnswers, SiteBase, Team};

/// Why a page's context could not be made: a value that does not serialise into the
/// values its template reads.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    /// A model value did not serialise to JSON.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// A value did not serialise into Tera's values.
    #[error(transparent)]
    Tera(#[from] tera::Error),
}

/// The context every page shares (site, UI words, navigation), set once per render.
pub fn globals(model: &Model) -> Result<Context, ContextError> {
    let mut ctx = Context::new();
    ctx.insert_value("site", tera::Value::try_from_serializable(&model.site)?);
    let words = crate::messages::with_prefix(Language::Nl, "ui.");
    ctx.insert_value("t", tera::Value::try_from_serializable(&words)?);
    ctx.insert_value("datum", tera::Value::try_from_serializable(&model.datum)?);
    let tokens = model.tokens.as_ref().map(|_| crate::model::TOKENS_PATH);
    ctx.insert_value("tokens_css", tera::Value::try_from_serializable(&tokens)?);
    let nav = [
        ("ui.nav_home", "/"),
        ("ui.nav_beleid", "/beleid/"),
        ("ui.nav_normschema", "/normschema/"),
        ("ui.nav_teams", "/teams/"),
        ("ui.nav_leerdoelwijzers", "/leerdoelwijzers/"),
        ("ui.nav_werkvormen", "/werkvormen/"),
        ("ui.nav_zoeken", "/zoeken/"),
    ];
    let nav: Vec<Value> = nav
        .iter()
        .filter(|(_, url)| *url != "/beleid/" || model.beleid.is_some())
        .map(|(k, url)| json!({"titel": t(k, &[]), "url": url}))
        .collect();
    ctx.insert_value("nav", tera::Value::try_from_serializable(&nav)?);
    Ok(ctx)
}

/// The page-specific context of `page`; `shared` holds what many pages show alike.
pub fn context(
    model: &Model,
    registry: &Registry,
    page: &Page,
    shared: &Shared,
) -> Result<Context, ContextError> {
    let value = match page.kind {
        PageKind::Team(i) => return teams::team(model, i, page, shared),
        PageKind::Home => organisation::home(model, page),
        PageKind::Policy => organisation::policy(model, page)?,
        PageKind::Norm => organisation::norm(model, page)?,
        PageKind::Status => organisation::status(model, page)?,
        PageKind::Accessibility => organisation::accessibility(model, page),
        PageKind::NotFound => json!({"page": head(page, &[], vec![])}),
        PageKind::Teams => teams::list(model, page),
        PageKind::Learning => learning::list(model, page),
        PageKind::Questionnaire(i) => learning::questionnaire(model, i, page)?,
        PageKind::Matrix => learning::matrix(model, page),
        PageKind::Werkvormen => learning::werkvormen(model, page),
        PageKind::Werkvorm(i) => learning::werkvorm(model, i, page),
        PageKind::Search => index::search(model, registry, page),
        PageKind::Sitemap => index::sitemap(registry),
    };
    Ok(Context::from_serialize(&value)?)
}

/// A document's sections for templates.
fn sections(base: &SiteBase, list: &[SectionAnswers]) -> Result<Value, serde_json::Error> {
    let views: Vec<_> = list
        .iter()
        .map(|s| super::view::document::section(base, s))
        .collect();
    serde_json::to_value(views)
}

/// The `page` value every template gets: URL, title, breadcrumbs (home, then `trail`)
/// and the contents list.
fn head(page: &Page, trail: &[(&str, &str)], toc: Vec<Value>) -> Value {
    let mut crumbs = vec![json!({"titel": t("ui.nav_home", &[]), "url": "/"})];
    crumbs.extend(
        trail
            .iter()
            .map(|(titel, url)| json!({"titel": titel, "url": url})),
    );
    json!({"url": page.url, "titel": page.titel, "breadcrumbs": crumbs, "toc": toc})
}

/// Adds the document's own date to a page's head: the footer shows it instead of the
/// publication date. `dates` are the candidates in order of precedence, each with the key
/// of its label (adopted, evaluated, last changed in git); the first present one is shown.
fn dated(mut head: Value, dates: &[(&str, Option<&str>)]) -> Value {
    if let Some((label_key, Some(date))) = dates.iter().find(|(_, d)| d.is_some()) {
        head["documentdatum"] = json!({"label": t(label_key, &[]), "datum": date});
    }
    head
}

/// The label of the date of a file's last commit.
const CHANGED: &str = "ui.datum_gewijzigd";

/// The `druk` value of a document page (a team protocol, the policy, the norm schema):
/// what the running header of every printed page says besides the organisation. The
/// document's name, whether it is a draft (then CONCEPT stands on every page) and its
/// adoption date in words (the model has no version numbers: the adoption date is the
/// version). Pages without it print with their title and page numbers only.
fn print_head(document: &str, concept: bool, adopted: Option<&str>) -> Value {
    json!({"document": document, "concept": concept, "vastgesteld_op": adopted})
}

/// Breadcrumbs of a top-level page: home, then the page itself.
fn top(page: &Page, toc: Vec<Value>) -> Value {
    head(page, &[(&page.titel, &page.url)], toc)
}

/// A team as listed on index pages.
fn summary(team: &Team) -> Value {
    json!({
        "slug": team.slug,
        "url": team.url,
        "team": team.team,
        "afdeling": team.afdeling,
        "status": team.status,
        "concept": team.concept,
        "vastgesteld_op": team.vastgesteld_op,
        "volgende_evaluatie": team.volgende_evaluatie,
        "evaluatie_verlopen": team.evaluatie_verlopen,
    })
}

/// Departments with their teams' summaries.
fn departments(model: &Model) -> Vec<Value> {
    model
        .afdelingen
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "naam": d.naam,
                "teams": d.teams.iter().filter_map(|s| model.team(s)).map(summary).collect::<Vec<_>>(),
            })
        })
        .collect()
}
