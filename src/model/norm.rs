//! The organisation's behaviour categories and each team's norm row beside them.

use serde::Serialize;
use serde_json::Value;

use super::answer::Step;
use crate::load::Document;
use crate::template::compile::{NormContext, applicable_categories};
use crate::template::{Field, Template};
use crate::validate::org::ReportingLevel;

/// A behaviour category of the organisation's norm, in escalation order.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    /// The id (`jij-gedrag`).
    pub id: String,
    /// The name.
    pub naam: String,
    /// `emotie` or `agressie`.
    pub groep: String,
    /// Position on the escalation scale, 1 (emotion) to N (physical violence).
    pub niveau: usize,
    /// The citizen's behaviour.
    pub gedrag: String,
    /// How to recognise it.
    pub herkenning: Vec<String>,
    /// Example utterances.
    pub uitspraken: Vec<String>,
    /// The organisation's position.
    pub standpunt: String,
    /// The goal of the approach.
    pub doel: String,
    /// The approach.
    pub aanpak: Vec<Step>,
    /// What to avoid.
    pub vermijden: Vec<String>,
    /// Reporting level id.
    pub meldniveau: String,
    /// Reporting text.
    pub melden: String,
    /// When not to report.
    pub niet_melden: String,
    /// When to report and handle.
    pub wel_melden: String,
    /// Aangifte rule id.
    pub aangifte: String,
    /// Aangifte text.
    pub aangifte_tekst: String,
    /// Sanction the first time.
    pub sanctie_eerste_keer: String,
    /// Sanction on repeat.
    pub sanctie_herhaling: String,
}

fn s(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn list(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The categories of the norm schema document.
pub fn categories(norm: Option<&Document>) -> Vec<Category> {
    let rows = norm
        .and_then(|d| d.value.pointer("/secties/categorieen/categorieen"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.get("id").and_then(Value::as_str).is_some())
        .map(|(i, r)| Category {
            id: s(r, "id"),
            naam: s(r, "naam"),
            groep: s(r, "groep"),
            niveau: i + 1,
            gedrag: s(r, "gedrag"),
            herkenning: list(r, "herkenning"),
            uitspraken: list(r, "uitspraken"),
            standpunt: s(r, "standpunt"),
            doel: s(r, "doel"),
            aanpak: Step::list(r.get("aanpak")),
            vermijden: list(r, "vermijden"),
            meldniveau: s(r, "meldniveau"),
            melden: s(r, "melden"),
            niet_melden: s(r, "niet_melden"),
            wel_melden: s(r, "wel_melden"),
            aangifte: s(r, "aangifte"),
            aangifte_tekst: s(r, "aangifte_tekst"),
            sanctie_eerste_keer: s(r, "sanctie_eerste_keer"),
            sanctie_herhaling: s(r, "sanctie_herhaling"),
        })
        .collect()
}

/// One row of a team's norm table: the organisation norm and the team norm side by side.
#[derive(Debug, Clone, Serialize)]
pub struct NormRow {
    /// The category id.
    pub categorie: String,
    /// The category name.
    pub naam: String,
    /// The form's column heading (e.g. "Emotioneel gedrag").
    pub kop: String,
    /// Position on the escalation scale.
    pub niveau: usize,
    /// The citizen's behaviour (organisation).
    pub gedrag: String,
    /// The organisation's position.
    pub standpunt: String,
    /// The team's own examples.
    pub voorbeelden: Vec<String>,
    /// The approach's title in the form (e.g. "GRENS STELLEN").
    pub aanpak_titel: String,
    /// The approach that applies to the team.
    pub aanpak: Vec<Step>,
    /// Whether the team adapted the approach.
    pub aanpak_aangepast: bool,
    /// The reporting level that applies to the team.
    pub meldniveau: String,
    /// The organisation's reporting level.
    pub meldniveau_organisatie: String,
    /// Whether the team reports more strictly than the organisation.
    pub strenger: bool,
    /// The reporting text (the form's).
    pub melden: String,
    /// The team's own notes.
    pub toelichting: Option<String>,
}

/// The norm rows of a team document for a `normtabel` field.
pub fn team_rows(
    doc_table: Option<&Value>,
    field: &Field,
    template: &Template,
    cats: &[Category],
) -> Vec<NormRow> {
    let ctx = NormContext {
        categories: cats
            .iter()
            .map(|c| (c.id.clone(), c.naam.clone()))
            .collect(),
    };
    applicable_categories(template, &ctx)
        .into_iter()
        .map(|(id, naam)| {
            let org = cats.iter().find(|c| c.id == id);
            let form = field.standaard.as_ref().and_then(|d| d.get(&id));
            let team = doc_table.and_then(|t| t.get(&id));
            let team_steps = team.and_then(|t| t.get("aanpak"));
            let aanpak = match team_steps {
                Some(steps) => Step::list(Some(steps)),
                None => Step::list(form.and_then(|f| f.get("aanpak"))),
            };
            let org_level = org.map(|c| c.meldniveau.clone()).unwrap_or_default();
            let team_level = team
                .and_then(|t| t.get("meldniveau"))
                .and_then(Value::as_str);
            let strenger = match (
                team_level.and_then(ReportingLevel::parse),
                ReportingLevel::parse(&org_level),
            ) {
                (Some(t), Some(o)) => t > o,
                _ => false,
            };
            NormRow {
                categorie: id.clone(),
                naam,
                kop: form.map(|f| s(f, "kop")).unwrap_or_default(),
                niveau: org.map(|c| c.niveau).unwrap_or(0),
                gedrag: org
                    .map(|c| c.gedrag.clone())
                    .filter(|g| !g.is_empty())
                    .unwrap_or_else(|| form.map(|f| s(f, "gedrag")).unwrap_or_default()),
                standpunt: org
                    .map(|c| c.standpunt.clone())
                    .filter(|g| !g.is_empty())
                    .unwrap_or_else(|| form.map(|f| s(f, "standpunt")).unwrap_or_default()),
                voorbeelden: team.map(|t| list(t, "voorbeelden")).unwrap_or_default(),
                aanpak_titel: form.map(|f| s(f, "aanpak_titel")).unwrap_or_default(),
                aanpak,
                aanpak_aangepast: team_steps.is_some(),
                meldniveau: team_level
                    .map(str::to_string)
                    .unwrap_or_else(|| org_level.clone()),
                meldniveau_organisatie: org_level,
                strenger,
                melden: org
                    .map(|c| c.melden.clone())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| form.map(|f| s(f, "melden")).unwrap_or_default()),
                toelichting: team
                    .and_then(|t| t.get("toelichting"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            }
        })
        .collect()
}
