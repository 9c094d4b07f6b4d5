//! The norm as templates read it: a category of the organisation's norm schema (the
//! `/normschema/` page) and a row of a team's norm table, the organisation's norm beside
//! the team's.

use serde::Serialize;
use serde_json::{Value, json};

use super::{flow, level_label};
use crate::messages::t;
use crate::model::{Category, NormRow, SiteBase, Step};
use crate::render::markdown::{inline_html, to_html};

/// A behaviour category for templates, with its approach as a flow chart.
pub fn category(base: &SiteBase, c: &Category) -> Result<Value, serde_json::Error> {
    let mut v = serde_json::to_value(c)?;
    let all: Vec<&Step> = c.aanpak.iter().collect();
    let next = crate::validate::flow::next_steps(&all, &c.aanpak);
    let steps = flow::organisation(base, &c.aanpak, &next, &anchor_prefix(&c.id));
    v["aanpak"] = serde_json::to_value(steps)?;
    v["meldniveau_tekst"] = json!(level_label(c.meldniveau));
    v["aangifte_label"] = json!(t(
        &format!("ui.aangifte_{}", c.aangifte.replace('-', "_")),
        &[]
    ));
    Ok(v)
}

/// The prefix of the anchors of a category's flow chart (`stap-<category>-<step>`).
pub fn anchor_prefix(category: &str) -> String {
    format!("stap-{category}")
}

/// A team's norm row for templates.
#[derive(Debug, Serialize)]
pub struct RowView<'a> {
    #[serde(flatten)]
    row: &'a NormRow,
    /// The approach's steps as a flow chart (see [`flow`]).
    aanpak: tera::Value,
    /// The flow chart already rendered, when it is the organisation's own, the same on
    /// every team page of the template (see `render::shared`).
    #[serde(skip_serializing_if = "Option::is_none")]
    aanpak_html: Option<tera::Value>,
    meldniveau_tekst: String,
    meldniveau_organisatie_tekst: String,
    voorbeelden_html: Vec<String>,
    toelichting_html: String,
}

/// A flow chart made once and shown on many pages: its steps and its rendered HTML.
#[derive(Debug, Clone)]
pub struct SharedFlow {
    /// The steps, as `_stroomschema.html` reads them.
    pub steps: tera::Value,
    /// `_stroomschema.html` rendered with them (a safe string).
    pub html: tera::Value,
}

/// A team's norm row for templates; `shared` is its flow chart when that was made once
/// for every page that shows it (otherwise the flow chart is made here).
pub fn row<'a>(
    base: &SiteBase,
    r: &'a NormRow,
    shared: Option<&SharedFlow>,
) -> Result<RowView<'a>, tera::Error> {
    let (aanpak, aanpak_html) = match shared {
        Some(s) => (s.steps.clone(), Some(s.html.clone())),
        None => (team_flow(base, r)?, None),
    };
    Ok(RowView {
        row: r,
        aanpak,
        aanpak_html,
        meldniveau_tekst: level_label(r.meldniveau),
        meldniveau_organisatie_tekst: level_label(r.meldniveau_organisatie),
        voorbeelden_html: r.voorbeelden.iter().map(|x| inline_html(x, base)).collect(),
        toelichting_html: r
            .toelichting
            .as_deref()
            .map(|x| to_html(x, base))
            .unwrap_or_default(),
    })
}

/// The flow chart of a team's approach as Tera's value.
pub fn team_flow(base: &SiteBase, r: &NormRow) -> Result<tera::Value, tera::Error> {
    let steps = flow::team(base, &r.aanpak, &r.stroom, &anchor_prefix(&r.categorie));
    tera::Value::try_from_serializable(&steps)
}
