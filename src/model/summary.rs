//! The short summaries at the top of the long documents, computed once from their own
//! data: a team protocol's "Wat doe je als…" (per behaviour category the approach's first
//! and mandatory steps, the team's own steps and how it reports; who addresses, assists,
//! reports and cares for whom; where to register an incident) and the policy's "In het
//! kort" (its guiding principles and its coordinator).

use serde::Serialize;

use super::answer::{Answer, Ref, SectionAnswers};
use super::norm::{NormRow, ReportingLevel, StepKind};
use crate::template::{FieldType, Template};

/// "Wat doe je als…" at the top of a team's protocol.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TeamSummary {
    /// Per behaviour category of the team's norm table, in escalation order.
    pub gedrag: Vec<BehaviourSummary>,
    /// Who does what: every role answer of the protocol (who addresses the citizen, who
    /// assists, who reports, who gives first care and aftercare), under its heading.
    pub rollen: Vec<RoleDuty>,
    /// Where staff register an incident (`site.yaml`'s `incidentregistratie`).
    pub incidentregistratie: Option<String>,
}

impl TeamSummary {
    /// Whether there is anything to summarise.
    pub fn is_empty(&self) -> bool {
        self.gedrag.is_empty() && self.rollen.is_empty()
    }
}

/// What to do with one kind of behaviour, in short.
#[derive(Debug, Clone, Serialize)]
pub struct BehaviourSummary {
    /// The category id (its part of the page is `#norm-<id>`).
    pub categorie: String,
    /// The category's name.
    pub naam: String,
    /// Its place on the escalation scale (1 = emotion).
    pub niveau: usize,
    /// The approach's name in the form, in sentence case ("Grens stellen").
    pub aanpak: Option<String>,
    /// The steps to remember: the first, every mandatory one and the team's own, in the
    /// order of the approach (decisions are left out: the flow chart below has them).
    pub stappen: Vec<SummaryStep>,
    /// The team's reporting level.
    pub meldniveau: Option<ReportingLevel>,
    /// Whether the team reports more strictly than the organisation.
    pub strenger: bool,
}

/// One step of a summary.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryStep {
    /// What to do, in the team's words when it has its own.
    pub tekst: String,
    /// Whether the organisation makes it mandatory.
    pub verplicht: bool,
    /// Whether it is the team's own step.
    pub eigen: bool,
}

/// Who does something, from one role answer of the protocol.
#[derive(Debug, Clone, Serialize)]
pub struct RoleDuty {
    /// The field's heading ("Wie de burger aanspreekt").
    pub kop: String,
    /// The field's anchor on the page (`<section>-<field>`).
    pub anker: String,
    /// The roles.
    pub rollen: Vec<Ref>,
}

/// The summary of a team protocol from its norm rows and answers.
pub fn team(
    template: &Template,
    secties: &[SectionAnswers],
    normtabel: &[NormRow],
    incidentregistratie: Option<&str>,
) -> TeamSummary {
    let gedrag = normtabel.iter().map(behaviour).collect();
    let mut rollen = Vec::new();
    for s in secties {
        for f in &s.velden {
            let is_role = template
                .section(&s.id)
                .and_then(|ts| ts.velden.iter().find(|tf| tf.id == f.id))
                .is_some_and(|tf| matches!(tf.kind, FieldType::Rol | FieldType::Rollen));
            if let (true, Answer::Verwijzingen { items }) = (is_role, &f.antwoord) {
                rollen.push(RoleDuty {
                    kop: f.kop.clone(),
                    anker: format!("{}-{}", s.id, f.id),
                    rollen: items.clone(),
                });
            }
        }
    }
    TeamSummary {
        gedrag,
        rollen,
        incidentregistratie: incidentregistratie.map(str::to_string),
    }
}

fn behaviour(row: &NormRow) -> BehaviourSummary {
    let mut first = true;
    let stappen = row
        .aanpak
        .iter()
        .filter(|s| s.stap.soort == StepKind::Stap)
        .filter(|s| {
            let keep = first || s.stap.verplicht || s.eigen;
            first = false;
            keep
        })
        .map(|s| SummaryStep {
            tekst: s.team_tekst.clone().unwrap_or_else(|| s.stap.tekst.clone()),
            verplicht: s.stap.verplicht,
            eigen: s.eigen,
        })
        .collect();
    BehaviourSummary {
        categorie: row.categorie.clone(),
        naam: row.naam.clone(),
        niveau: row.niveau,
        aanpak: row.aanpak_titel.as_deref().map(sentence_case),
        stappen,
        meldniveau: row.meldniveau,
        strenger: row.strenger,
    }
}

/// "GRENS STELLEN EN EINDE GESPREK" → "Grens stellen en einde gesprek": the form writes
/// its approach names in capitals, which read as shouting in running text.
fn sentence_case(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "In het kort" at the top of the policy.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PolicySummary {
    /// The policy's guiding principles (`visie.uitgangspunten`).
    pub uitgangspunten: Vec<String>,
    /// Who coordinates the approach (`coordinatie.coordinator`).
    pub coordinator: Option<Ref>,
    /// The sections of the policy that say what to do during and right after an incident,
    /// present in this policy: (anchor, title).
    pub bij_incident: Vec<(String, String)>,
}

/// The summary of the policy from its answers.
pub fn policy(secties: &[SectionAnswers]) -> PolicySummary {
    let field = |section: &str, field: &str| {
        secties
            .iter()
            .filter(|s| s.id == section)
            .flat_map(|s| s.velden.iter())
            .find(|f| f.id == field)
            .map(|f| &f.antwoord)
    };
    let uitgangspunten = match field("visie", "uitgangspunten") {
        Some(Answer::Lijst { items }) => items.clone(),
        _ => Vec::new(),
    };
    let coordinator = match field("coordinatie", "coordinator") {
        Some(Answer::Verwijzingen { items }) => items.first().cloned(),
        _ => None,
    };
    let bij_incident = ["alarmering", "nazorg", "melden"]
        .iter()
        .filter_map(|id| secties.iter().find(|s| s.id == *id && s.aanwezig))
        .map(|s| (s.id.clone(), s.titel.clone()))
        .collect();
    PolicySummary {
        uitgangspunten,
        coordinator,
        bij_incident,
    }
}

#[cfg(test)]
mod tests {
    use super::sentence_case;

    #[test]
    fn approach_names_lose_their_capitals() {
        assert_eq!(
            sentence_case("GRENS STELLEN EN EINDE GESPREK"),
            "Grens stellen en einde gesprek"
        );
        assert_eq!(sentence_case(" ombuigen "), "Ombuigen");
        assert_eq!(sentence_case(""), "");
    }
}
