//! The organisation norm's concepts as typed values: a behaviour category, a step of an
//! approach and a reporting level. Validation reads them once from the norm schema (and a
//! team's own steps from its protocol); the model and the pages use these same types.
//!
//! Reading is lenient: a value of the wrong type is read as absent here and reported by
//! the schema check, so one broken row never hides the rest of the norm.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::load::Document;
use crate::load::spans::pointer;
use crate::source::Span;

/// A reporting level, ordered from lax to strict. Serialised as its YAML id (`bij-patroon`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportingLevel {
    /// Not reported.
    Niet,
    /// Reported when it persists or becomes a pattern.
    BijPatroon,
    /// Always reported.
    Altijd,
}

impl ReportingLevel {
    /// Parses the YAML value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "niet" => Some(Self::Niet),
            "bij-patroon" => Some(Self::BijPatroon),
            "altijd" => Some(Self::Altijd),
            _ => None,
        }
    }

    /// The YAML value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Niet => "niet",
            Self::BijPatroon => "bij-patroon",
            Self::Altijd => "altijd",
        }
    }

    /// Reads the level at `key` of a YAML mapping (absent when missing or not a level).
    pub fn of(v: &Value, key: &str) -> Option<Self> {
        v.get(key).and_then(Value::as_str).and_then(Self::parse)
    }
}

/// What a step of an approach is: something to do, or a question that branches the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Something to do.
    #[default]
    Stap,
    /// A question in the flow.
    Beslissing,
}

/// A step of an approach: of the organisation's norm or of a team's own approach.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Step {
    /// The stable id teams refer to.
    pub id: String,
    /// What to do.
    #[serde(default)]
    pub tekst: String,
    /// Explanation (Markdown).
    #[serde(default)]
    pub uitleg: Option<String>,
    /// A team's own explanation of how it carries out a step of the organisation
    /// (Markdown): the step's wording stays the organisation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
    /// Whether every team (of the templates in `geldt_voor`) must keep it.
    #[serde(default)]
    pub verplicht: bool,
    /// The templates the step applies to (all when empty).
    #[serde(default)]
    pub geldt_voor: Vec<String>,
    /// A step or a decision.
    #[serde(default)]
    pub soort: StepKind,
    /// A decision's step for "ja" (a step id of the same approach).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
    /// A decision's step for "nee".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nee: Option<String>,
    /// The step that follows this one when it is not the next in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daarna: Option<String>,
    /// The approach ends after this step (the end of a branch).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub einde: bool,
}

impl Step {
    /// Reads the steps of a YAML list. A step that is not a mapping with a string `id` is
    /// left out here; the schema check reports it.
    pub fn list(v: Option<&Value>) -> Vec<Step> {
        v.and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|s| Step::deserialize(s).ok()).collect())
            .unwrap_or_default()
    }

    /// Whether the step is part of the approach for documents of `template`.
    pub fn applies_to(&self, template: &str) -> bool {
        self.geldt_voor.is_empty() || self.geldt_voor.iter().any(|t| t == template)
    }

    /// Whether a team protocol of `template` must keep this step.
    pub fn is_mandatory_for(&self, template: &str) -> bool {
        self.verplicht && self.applies_to(template)
    }
}

/// A behaviour category of the organisation's norm, in escalation order.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    /// The id (`jij-gedrag`).
    pub id: String,
    /// The name shown to users (the id when the norm gives none).
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
    /// The organisation's approach, in its order.
    pub aanpak: Vec<Step>,
    /// What to avoid.
    pub vermijden: Vec<String>,
    /// The organisation's reporting level.
    pub meldniveau: Option<ReportingLevel>,
    /// Reporting text.
    pub melden: String,
    /// When not to report.
    pub niet_melden: String,
    /// When to report and handle.
    pub wel_melden: String,
    /// Aangifte rule id (`nooit`, `bij-discriminatie`, `altijd`).
    pub aangifte: String,
    /// Aangifte text.
    pub aangifte_tekst: String,
    /// Sanction the first time.
    pub sanctie_eerste_keer: String,
    /// Sanction on repeat.
    pub sanctie_herhaling: String,
    /// The norm schema file it is written in, as shown to users.
    pub bestand: String,
    /// Where the reporting level is written.
    #[serde(skip)]
    pub level_span: Span,
    /// Where each step of `aanpak` is written (its `id`), in the same order.
    #[serde(skip)]
    step_spans: Vec<Span>,
    /// Where each step's `tekst` is written, in the same order.
    #[serde(skip)]
    step_text_spans: Vec<Span>,
    /// The JSON pointer of each step of `aanpak` in the norm schema, in the same order.
    #[serde(skip)]
    pub step_pointers: Vec<String>,
}

/// The pointer of the category rows in a norm schema document.
const ROWS: [&str; 3] = ["secties", "categorieen", "categorieen"];

fn text(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn texts(v: &Value, k: &str) -> Vec<String> {
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

impl Category {
    /// Every category of a norm schema document, in its order. A row without a string `id`
    /// is left out (the schema check reports it); the others keep their escalation level.
    pub fn read_all(norm: &Document) -> Vec<Category> {
        let Some(rows) = norm
            .value
            .pointer(&pointer(&ROWS))
            .and_then(Value::as_array)
        else {
            return Vec::new();
        };
        rows.iter()
            .enumerate()
            .filter_map(|(i, row)| Category::read(norm, i, row))
            .collect()
    }

    fn read(norm: &Document, index: usize, row: &Value) -> Option<Category> {
        let id = row.get("id").and_then(Value::as_str)?.to_string();
        let row_ptr = pointer(&[ROWS[0], ROWS[1], ROWS[2], &index.to_string()]);
        let mut aanpak = Vec::new();
        let mut step_spans = Vec::new();
        let mut step_text_spans = Vec::new();
        let mut step_pointers = Vec::new();
        for (j, s) in row
            .get("aanpak")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Ok(step) = Step::deserialize(s) {
                aanpak.push(step);
                step_spans.push(norm.spans.key_or_value(&format!("{row_ptr}/aanpak/{j}/id")));
                step_text_spans.push(norm.spans.value(&format!("{row_ptr}/aanpak/{j}/tekst")));
                step_pointers.push(format!("{row_ptr}/aanpak/{j}"));
            }
        }
        let naam = row
            .get("naam")
            .and_then(Value::as_str)
            .unwrap_or(&id)
            .to_string();
        Some(Category {
            naam,
            groep: text(row, "groep"),
            niveau: index + 1,
            gedrag: text(row, "gedrag"),
            herkenning: texts(row, "herkenning"),
            uitspraken: texts(row, "uitspraken"),
            standpunt: text(row, "standpunt"),
            doel: text(row, "doel"),
            aanpak,
            vermijden: texts(row, "vermijden"),
            meldniveau: ReportingLevel::of(row, "meldniveau"),
            melden: text(row, "melden"),
            niet_melden: text(row, "niet_melden"),
            wel_melden: text(row, "wel_melden"),
            aangifte: text(row, "aangifte"),
            aangifte_tekst: text(row, "aangifte_tekst"),
            sanctie_eerste_keer: text(row, "sanctie_eerste_keer"),
            sanctie_herhaling: text(row, "sanctie_herhaling"),
            bestand: norm.source.display.clone(),
            level_span: norm.spans.value(&format!("{row_ptr}/meldniveau")),
            step_spans,
            step_text_spans,
            step_pointers,
            id,
        })
    }

    /// The steps of the organisation's approach with where each is written.
    pub fn steps_with_spans(&self) -> impl Iterator<Item = (&Step, Span)> {
        self.aanpak.iter().zip(self.step_spans.iter().copied())
    }

    /// Where the `tekst` of the step with `id` is written in the norm schema.
    pub fn step_text_span(&self, id: &str) -> Option<Span> {
        let i = self.aanpak.iter().position(|s| s.id == id)?;
        self.step_text_spans.get(i).copied()
    }

    /// The organisation's approach as it applies to documents of `template`, in its order.
    pub fn approach_for<'a>(&'a self, template: &'a str) -> impl Iterator<Item = &'a Step> {
        self.aanpak.iter().filter(move |s| s.applies_to(template))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_levels_serialise_as_their_yaml_ids_and_order_from_lax_to_strict() {
        for level in [
            ReportingLevel::Niet,
            ReportingLevel::BijPatroon,
            ReportingLevel::Altijd,
        ] {
            assert_eq!(
                serde_json::to_value(level).ok(),
                Some(Value::String(level.as_str().into()))
            );
            assert_eq!(ReportingLevel::parse(level.as_str()), Some(level));
        }
        assert!(ReportingLevel::Niet < ReportingLevel::BijPatroon);
        assert!(ReportingLevel::BijPatroon < ReportingLevel::Altijd);
    }

    #[test]
    fn a_step_limited_to_one_template_applies_and_is_mandatory_only_there() {
        let step = Step::list(Some(&serde_json::json!([
            {"id": "pand-verlaten", "tekst": "Verzoek te vertrekken", "verplicht": true, "geldt_voor": ["werkplein"]},
            {"id": "kapot"},
            "geen stap",
        ])));
        assert_eq!(step.len(), 2, "a mapping with an id is a step");
        assert!(step[0].applies_to("werkplein") && step[0].is_mandatory_for("werkplein"));
        assert!(!step[0].applies_to("kcc") && !step[0].is_mandatory_for("kcc"));
        assert!(step[1].applies_to("kcc") && !step[1].is_mandatory_for("kcc"));
        assert_eq!(step[1].soort, StepKind::Stap);
    }
}
