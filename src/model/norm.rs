//! Each team's norm rows: the organisation's norm (the categories validation read from the
//! norm schema) with the team's own examples, approach and reporting level beside it.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::template::placeholder::is_placeholder;
use crate::template::{Field, Template};
use crate::validate::TeamReport;
pub use crate::validate::flow::{Next, Target};
pub use crate::validate::org::{Category, ReportingLevel, Step, StepKind};

/// A step of the approach as it applies to one team: a step of the organisation (with the
/// organisation's wording, mandatory or not) or one the team added.
#[derive(Debug, Clone, Serialize)]
pub struct TeamStep {
    /// The step as shown: the organisation's, or the team's own.
    #[serde(flatten)]
    pub stap: Step,
    /// Whether the team added this step (it is not a step of the organisation).
    pub eigen: bool,
    /// The team's own wording of an organisation step, when it differs from it.
    pub team_tekst: Option<String>,
    /// The team's explanation of how it carries out an organisation step (its
    /// `toelichting` or `uitleg`, Markdown).
    pub team_uitleg: Option<String>,
}

/// One row of a team's norm table: the organisation norm and the team norm side by side.
#[derive(Debug, Clone, Serialize)]
pub struct NormRow {
    /// The category id.
    pub categorie: String,
    /// The category name.
    pub naam: String,
    /// The form's column heading (e.g. "Emotioneel gedrag").
    pub kop: Option<String>,
    /// Position on the escalation scale.
    pub niveau: usize,
    /// The citizen's behaviour (organisation).
    pub gedrag: String,
    /// The organisation's position.
    pub standpunt: String,
    /// The team's own examples (placeholders are not examples).
    pub voorbeelden: Vec<String>,
    /// Whether the team names enough examples, as validation counted them.
    pub voorbeelden_compleet: bool,
    /// The approach's title in the form (e.g. "GRENS STELLEN").
    pub aanpak_titel: Option<String>,
    /// The approach that applies to the team, in the organisation's order. Not
    /// serialised with the row: pages show it as a flow chart through `render::view`.
    #[serde(skip)]
    pub aanpak: Vec<TeamStep>,
    /// Where the flow goes after each step of `aanpak` (same order).
    pub stroom: Vec<Next>,
    /// Whether the team gave an approach of its own (additions, explanations).
    pub aanpak_aangepast: bool,
    /// The reporting level that applies to the team.
    pub meldniveau: Option<ReportingLevel>,
    /// The organisation's reporting level.
    pub meldniveau_organisatie: Option<ReportingLevel>,
    /// Whether the team reports more strictly than the organisation.
    pub strenger: bool,
    /// The organisation's reporting text.
    pub melden: String,
    /// The team's own notes.
    pub toelichting: Option<String>,
}

/// A string answer that is not a placeholder.
fn answer(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .filter(|s| !is_placeholder(s))
        .map(str::to_string)
}

/// The norm rows of a team document for its `normtabel` field: one per category the
/// validation report covers, in the norm's order.
pub fn team_rows(
    doc_table: Option<&Value>,
    field: &Field,
    template: &Template,
    cats: &[Category],
    report: &TeamReport,
) -> Vec<NormRow> {
    report
        .categories
        .iter()
        // The report's categories are the organisation's that apply to the template.
        .filter_map(|status| Some((status, cats.iter().find(|c| c.id == status.id)?)))
        .map(|(status, org)| {
            let form = field.standaard.as_ref().and_then(|d| d.get(&org.id));
            let form_text = |k: &str| form.and_then(|f| f.get(k)).and_then(Value::as_str);
            let team = doc_table.and_then(|t| t.get(&org.id));
            let team_steps = team
                .and_then(|t| t.get("aanpak"))
                .map(|s| Step::list(Some(s)));
            let team_level = team.and_then(|t| ReportingLevel::of(t, "meldniveau"));
            let meldniveau = team_level.or(org.meldniveau);
            let aanpak = approach(org, &template.template, team_steps.as_deref());
            let sequence: Vec<&Step> = aanpak.iter().map(|s| &s.stap).collect();
            let stroom = crate::validate::flow::next_steps(&sequence, &org.aanpak);
            NormRow {
                categorie: org.id.clone(),
                naam: org.naam.clone(),
                kop: form_text("kop").map(str::to_string),
                niveau: org.niveau,
                gedrag: org.gedrag.clone(),
                standpunt: org.standpunt.clone(),
                voorbeelden: team
                    .and_then(|t| t.get("voorbeelden"))
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|v| answer(Some(v))).collect())
                    .unwrap_or_default(),
                voorbeelden_compleet: status.complete,
                aanpak_titel: form_text("aanpak_titel").map(str::to_string),
                aanpak,
                stroom,
                aanpak_aangepast: team_steps.is_some(),
                strenger: match (team_level, org.meldniveau) {
                    (Some(t), Some(o)) => t > o,
                    _ => false,
                },
                meldniveau,
                meldniveau_organisatie: org.meldniveau,
                melden: org.melden.clone(),
                toelichting: answer(team.and_then(|t| t.get("toelichting"))),
            }
        })
        .collect()
}

/// The approach that applies to a team of `template`: the organisation's steps for that
/// template, in the organisation's order, with the team's own steps where the team put them.
///
/// Without its own approach a team follows the organisation's. With one, a team step whose
/// id is an organisation step is that step (shown in the organisation's wording, with the
/// team's wording and explanation beside it); an organisation step the team leaves out is
/// left out unless it is mandatory (validation already demands every mandatory step). Every
/// other team step is the team's own: it follows the organisation step the team listed
/// before it, or opens the approach when the team listed none before it.
pub fn approach(org: &Category, template: &str, team: Option<&[Step]>) -> Vec<TeamStep> {
    let org_steps: Vec<&Step> = org.approach_for(template).collect();
    let Some(team) = team else {
        return org_steps
            .into_iter()
            .map(|s| organisation_step(s, template, None))
            .collect();
    };
    let mut versions: HashMap<&str, &Step> = HashMap::new();
    let mut leading: Vec<TeamStep> = Vec::new();
    let mut following: HashMap<&str, Vec<TeamStep>> = HashMap::new();
    let mut anchor: Option<&str> = None;
    for step in team {
        if let Some(o) = org_steps.iter().find(|o| o.id == step.id) {
            versions.insert(o.id.as_str(), step);
            anchor = Some(o.id.as_str());
            continue;
        }
        if is_placeholder(&step.tekst) {
            continue;
        }
        let own = TeamStep {
            stap: Step {
                // A team cannot make a step mandatory for the organisation, nor limit it
                // to other templates: its own steps are simply part of its protocol.
                verplicht: false,
                geldt_voor: Vec::new(),
                uitleg: team_explanation(step),
                toelichting: None,
                ..step.clone()
            },
            eigen: true,
            team_tekst: None,
            team_uitleg: None,
        };
        match anchor {
            Some(a) => following.entry(a).or_default().push(own),
            None => leading.push(own),
        }
    }
    let mut out = leading;
    for o in org_steps {
        let version = versions.get(o.id.as_str()).copied();
        if version.is_none() && !o.is_mandatory_for(template) {
            continue;
        }
        out.push(organisation_step(o, template, version));
        out.extend(following.remove(o.id.as_str()).unwrap_or_default());
    }
    out
}

fn organisation_step(org: &Step, template: &str, team: Option<&Step>) -> TeamStep {
    TeamStep {
        stap: Step {
            verplicht: org.is_mandatory_for(template),
            ..org.clone()
        },
        eigen: false,
        team_tekst: team
            .map(|t| t.tekst.trim())
            .filter(|t| !t.is_empty() && *t != org.tekst.trim() && !is_placeholder(t))
            .map(str::to_string),
        team_uitleg: team.and_then(team_explanation),
    }
}

/// A team's explanation of a step: its `toelichting`, or its `uitleg` (both Markdown;
/// placeholders are no explanation).
fn team_explanation(step: &Step) -> Option<String> {
    [&step.toelichting, &step.uitleg]
        .into_iter()
        .flatten()
        .find(|u| !is_placeholder(u))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(v: Value) -> Vec<Step> {
        Step::list(Some(&v))
    }

    fn category(aanpak: Vec<Step>) -> Category {
        let doc = crate::load::parse_document(&std::sync::Arc::new(
            crate::source::SourceFile::new(
                std::path::Path::new("normschema.yaml"),
                "content/organisatie/normschema.yaml".into(),
                "secties:\n  categorieen:\n    categorieen:\n      - id: fysiek-geweld\n        naam: Fysiek geweld\n".into(),
            ),
        ));
        let mut cats = Category::read_all(&doc.expect("the test norm parses"));
        let mut c = cats.remove(0);
        c.aanpak = aanpak;
        c
    }

    fn ids(approach: &[TeamStep]) -> Vec<(&str, bool, bool)> {
        approach
            .iter()
            .map(|s| (s.stap.id.as_str(), s.stap.verplicht, s.eigen))
            .collect()
    }

    #[test]
    fn without_its_own_approach_a_team_follows_the_organisation_for_its_template() {
        let org = category(steps(serde_json::json!([
            {"id": "eigen-veiligheid", "tekst": "Eigen veiligheid gaat altijd voor", "verplicht": true},
            {"id": "pand-verlaten", "tekst": "Pand verlaten", "verplicht": true, "geldt_voor": ["werkplein"]},
            {"id": "politie", "tekst": "Politie bellen"},
        ])));
        assert_eq!(
            ids(&approach(&org, "werkplein", None)),
            [
                ("eigen-veiligheid", true, false),
                ("pand-verlaten", true, false),
                ("politie", false, false)
            ]
        );
        assert_eq!(
            ids(&approach(&org, "kcc", None)),
            [("eigen-veiligheid", true, false), ("politie", false, false)]
        );
    }

    #[test]
    fn team_steps_keep_the_organisations_order_and_wording_with_additions_where_placed() {
        let org = category(steps(serde_json::json!([
            {"id": "eigen-veiligheid", "tekst": "Eigen veiligheid gaat altijd voor", "verplicht": true},
            {"id": "bijstand", "tekst": "Schakel bijstand in", "verplicht": true},
            {"id": "terugtrekken", "tekst": "Trek je terug", "verplicht": true},
            {"id": "politie", "tekst": "Laat de politie bellen"},
            {"id": "weglaten", "tekst": "Een stap die het team weglaat"},
        ])));
        let team = steps(serde_json::json!([
            {"id": "codewoord", "tekst": "Codewoord roepen"},
            {"id": "bijstand", "tekst": "Portofoon", "uitleg": "Kanaal 2"},
            {"id": "achterdeur", "tekst": "Via de achterdeur", "verplicht": true},
            {"id": "terugtrekken", "tekst": "Trek je terug"},
            {"id": "eigen-veiligheid", "tekst": "Veiligheid voorop"},
            {"id": "politie", "tekst": "Laat de politie bellen"},
            {"id": "leeg", "tekst": "....."},
        ]));
        let got = approach(&org, "werkplein", Some(&team));
        assert_eq!(
            ids(&got),
            [
                ("codewoord", false, true),
                ("eigen-veiligheid", true, false),
                ("bijstand", true, false),
                ("achterdeur", false, true),
                ("terugtrekken", true, false),
                ("politie", false, false),
            ]
        );
        assert_eq!(got[1].stap.tekst, "Eigen veiligheid gaat altijd voor");
        assert_eq!(got[1].team_tekst.as_deref(), Some("Veiligheid voorop"));
        assert_eq!(got[2].team_tekst.as_deref(), Some("Portofoon"));
        assert_eq!(got[2].team_uitleg.as_deref(), Some("Kanaal 2"));
        assert_eq!(got[4].team_tekst, None, "same wording is not repeated");
    }
}
