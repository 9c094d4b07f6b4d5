//! The team pages: the list by department and one page per protocol.

use serde_json::{Value, json};

use super::{CHANGED, dated, departments, head, print_head, top};
use crate::messages::t;
use crate::model::Model;
use crate::render::registry::Page;
use crate::render::view;

/// `/teams/`: teams grouped by department.
pub fn list(model: &Model, page: &Page) -> Value {
    json!({"page": top(page, vec![]), "afdelingen": departments(model)})
}

/// `/teams/<slug>/`: one protocol with the organisation's norm beside the team's.
pub fn team(model: &Model, index: usize, page: &Page) -> Value {
    let Some(team) = model.teams.get(index) else {
        return json!({"page": head(page, &[], vec![])});
    };
    let mut v = serde_json::to_value(&**team).unwrap_or(Value::Null);
    v["secties"] = Value::Array(
        team.secties
            .iter()
            .map(|s| view::section(&model.base, s))
            .collect(),
    );
    v["normtabel"] = Value::Array(
        team.normtabel
            .iter()
            .map(|r| view::norm_row(&model.base, r))
            .collect(),
    );
    if let Some(gedrag) = v["samenvatting"]["gedrag"].as_array_mut() {
        for (g, summary) in gedrag.iter_mut().zip(&team.samenvatting.gedrag) {
            g["meldniveau_tekst"] = json!(view::level_label(summary.meldniveau));
        }
    }
    // The contents list in page order: the summary, the sections, the werkvormen.
    let mut toc: Vec<Value> = Vec::new();
    if !team.samenvatting.is_empty() {
        toc.push(json!({"id": "samenvatting", "titel": t("ui.samenvatting_team_kop", &[])}));
    }
    toc.extend(
        team.secties
            .iter()
            .map(|s| json!({"id": s.id, "titel": s.titel})),
    );
    if !team.werkvormen.is_empty() {
        toc.push(json!({"id": "werkvormen", "titel": t("ui.nav_werkvormen", &[])}));
    }
    let teams = t("ui.nav_teams", &[]);
    let head_of_team = head(page, &[(&teams, "/teams/"), (&page.titel, &page.url)], toc);
    json!({
        "page": dated(head_of_team, &[
            ("ui.datum_geevalueerd", team.geevalueerd_op.as_deref()),
            ("ui.datum_vastgesteld", team.vastgesteld_op.as_deref()),
            (CHANGED, team.gewijzigd_op.as_deref()),
        ]),
        "team": v,
        "druk": print_head(&team.team, team.concept, team.vastgesteld_op.as_deref()),
    })
}
