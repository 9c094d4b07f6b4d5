//! The team pages: the list by department and one page per protocol.

use serde::Serialize;
use serde_json::{Value, json};

use super::{CHANGED, ContextError, dated, departments, head, print_head, top};
use crate::messages::t;
use crate::model::summary::{BehaviourSummary, RoleDuty};
use crate::model::{Model, Team};
use crate::render::registry::Page;
use crate::render::shared::Shared;
use crate::render::view::{self, document::SectionView, norm::RowView};

/// `/teams/`: teams grouped by department.
pub fn list(model: &Model, page: &Page) -> Value {
    json!({"page": top(page, vec![]), "afdelingen": departments(model)})
}

/// What `team.html` reads: the page, the protocol and its running header in print.
#[derive(Serialize)]
struct TeamPage<'a> {
    page: Value,
    team: TeamView<'a>,
    druk: Value,
}

/// A protocol for templates: the team's own values with its sections, norm rows and
/// summary as views.
#[derive(Serialize)]
struct TeamView<'a> {
    #[serde(flatten)]
    team: &'a Team,
    samenvatting: SummaryView<'a>,
    secties: Vec<SectionView<'a>>,
    normtabel: Vec<RowView<'a>>,
}

/// "Wat doe je als…" for templates, each category with its reporting level in words.
#[derive(Serialize)]
struct SummaryView<'a> {
    gedrag: Vec<BehaviourView<'a>>,
    rollen: &'a [RoleDuty],
    incidentregistratie: Option<&'a str>,
}

/// One category of the summary.
#[derive(Serialize)]
struct BehaviourView<'a> {
    #[serde(flatten)]
    summary: &'a BehaviourSummary,
    meldniveau_tekst: String,
}

/// `/teams/<slug>/`: one protocol with the organisation's norm beside the team's; the
/// flow charts the organisation's approach draws the same on every page come from `shared`.
pub fn team(
    model: &Model,
    index: usize,
    page: &Page,
    shared: &Shared,
) -> Result<tera::Context, ContextError> {
    let Some(team) = model.teams.get(index) else {
        return Ok(tera::Context::from_serialize(
            &json!({"page": head(page, &[], vec![])}),
        )?);
    };
    let base = &model.base;
    let normtabel = team
        .normtabel
        .iter()
        .map(|r| view::norm::row(base, r, shared.flow(&team.template, r)))
        .collect::<Result<Vec<_>, _>>()?;
    let summary = &team.samenvatting;
    let view = TeamView {
        team,
        samenvatting: SummaryView {
            gedrag: summary
                .gedrag
                .iter()
                .map(|g| BehaviourView {
                    summary: g,
                    meldniveau_tekst: view::level_label(g.meldniveau),
                })
                .collect(),
            rollen: &summary.rollen,
            incidentregistratie: summary.incidentregistratie.as_deref(),
        },
        secties: team
            .secties
            .iter()
            .map(|s| view::document::section(base, s))
            .collect(),
        normtabel,
    };
    let teams = t("ui.nav_teams", &[]);
    let trail = [
        (teams.as_str(), "/teams/"),
        (page.titel.as_str(), page.url.as_str()),
    ];
    let head_of_team = head(page, &trail, contents(team));
    Ok(tera::Context::from_serialize(&TeamPage {
        page: dated(
            head_of_team,
            &[
                ("ui.datum_geevalueerd", team.geevalueerd_op.as_deref()),
                ("ui.datum_vastgesteld", team.vastgesteld_op.as_deref()),
                (CHANGED, team.gewijzigd_op.as_deref()),
            ],
        ),
        team: view,
        druk: print_head(&team.team, team.concept, team.vastgesteld_op.as_deref()),
    })?)
}

/// The contents list in page order: the summary, the sections, the werkvormen.
fn contents(team: &Team) -> Vec<Value> {
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
    toc
}
