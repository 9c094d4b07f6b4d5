//! The coordinator's overview: completeness per team and section, which team has
//! examples for which category, and evaluation dates (overdue first). Every figure is the
//! one validation computed (see `TeamReport`), as the team pages and `vpd check` show it.

use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;

use super::{Category, Team};

/// One section of a team's protocol on the status page.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCheck {
    /// The section id (its anchor on the team page).
    pub id: String,
    /// The form's heading.
    pub titel: String,
    /// Whether it is complete, as validation measured it.
    pub compleet: bool,
}

/// One team's row on the status page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TeamStatus {
    /// Slug.
    pub slug: String,
    /// Name.
    pub team: String,
    /// URL.
    pub url: String,
    /// Department name.
    pub afdeling: String,
    /// `concept` or `vastgesteld`.
    pub status: String,
    /// Per section of the team's form, in order: title and whether it is complete.
    pub secties: Vec<SectionCheck>,
    /// Required sections complete.
    pub ingevuld: usize,
    /// Required sections.
    pub verplicht: usize,
    /// Per category of the norm (in order): `Some(true)` enough own examples (placeholders
    /// do not count), `Some(false)` too few, `None` not applicable to this form.
    pub dekking: Vec<Option<bool>>,
    /// Next evaluation in words.
    pub volgende_evaluatie: Option<String>,
    /// Next evaluation, ISO.
    pub volgende_evaluatie_iso: Option<String>,
    /// Overdue.
    pub verlopen: bool,
    /// Days until (negative: since) the evaluation was due.
    pub dagen: Option<i64>,
}

/// The status page's data.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The categories (columns of the coverage matrix).
    pub categorieen: Vec<(String, String)>,
    /// Teams, by name.
    pub teams: Vec<Arc<TeamStatus>>,
    /// Teams by evaluation date, overdue first.
    pub evaluaties: Vec<Arc<TeamStatus>>,
}

/// One team's row, computed once with the team's model (and kept with it by the
/// preview while the team is unchanged).
pub fn row(t: &Team, categories: &[Category], today: Date) -> TeamStatus {
    let dekking = categories
        .iter()
        .map(|c| {
            t.normtabel
                .iter()
                .find(|r| r.categorie == c.id)
                .map(|r| r.voorbeelden_compleet)
        })
        .collect();
    let dagen = t
        .volgende_evaluatie_iso
        .as_deref()
        .and_then(|s| s.parse::<Date>().ok())
        .and_then(|d| (d - today).get_days().into());
    TeamStatus {
        slug: t.slug.clone(),
        team: t.team.clone(),
        url: t.url.clone(),
        afdeling: t.afdeling.naam.clone(),
        status: t.status.clone(),
        secties: t
            .secties
            .iter()
            .map(|s| SectionCheck {
                id: s.id.clone(),
                titel: s.titel.clone(),
                compleet: s.compleet,
            })
            .collect(),
        ingevuld: t.ingevuld,
        verplicht: t.verplicht,
        dekking,
        volgende_evaluatie: t.volgende_evaluatie.clone(),
        volgende_evaluatie_iso: t.volgende_evaluatie_iso.clone(),
        verlopen: t.evaluatie_verlopen,
        dagen: dagen.map(i64::from),
    }
}

/// Builds the status overview from the teams' rows (see [`row`]).
pub fn build(teams: &[Arc<Team>], categories: &[Category]) -> Status {
    let rows: Vec<Arc<TeamStatus>> = teams.iter().map(|t| Arc::clone(&t.overzicht)).collect();
    // Overdue first, then by the next evaluation (none last); the keys are read once,
    // not once per comparison from behind each team's pointer.
    let mut keyed: Vec<_> = rows
        .iter()
        .map(|r| {
            let next = r.volgende_evaluatie_iso.as_deref();
            ((!r.verlopen, next.is_none(), next), r)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let evaluaties = keyed.into_iter().map(|(_, r)| Arc::clone(r)).collect();
    Status {
        categorieen: categories
            .iter()
            .map(|c| (c.id.clone(), c.naam.clone()))
            .collect(),
        teams: rows,
        evaluaties,
    }
}
