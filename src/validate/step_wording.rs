//! A mandatory step keeps its meaning: a team may explain how it carries out a mandatory
//! step of the organisation (`toelichting`) and add steps of its own around it, but the
//! step's wording stays the organisation's. A team step that is no step of the
//! organisation needs a `tekst` of its own (a step of the organisation may leave it out).

use serde_json::Value;

use super::org::{Category, Organisation};
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::messages::t;

/// What the checks of one team approach need to know about where it is.
pub struct ApproachAt<'a> {
    /// The team protocol.
    pub doc: &'a Document,
    /// The JSON pointer of the category entry in the team's norm table.
    pub entry_ptr: &'a str,
    /// The template the protocol follows.
    pub template: &'a str,
    /// The section the norm table is in.
    pub section: &'a str,
}

/// Findings about the wording of the steps of one team approach.
pub fn check(
    at: &ApproachAt<'_>,
    steps: &[Value],
    category: &Category,
    org: &Organisation,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let Some(id) = step.get("id").and_then(Value::as_str) else {
            continue;
        };
        let step_ptr = format!("{}/aanpak/{i}", at.entry_ptr);
        let own_text = step.get("tekst").and_then(Value::as_str);
        match category.approach_for(at.template).find(|s| s.id == id) {
            Some(org_step) if org_step.is_mandatory_for(at.template) => {
                if let Some(text) = own_text
                    && !same_wording(text, &org_step.tekst)
                {
                    out.push(reworded(at, &step_ptr, (id, text), org_step, category, org));
                }
            }
            Some(_) => {}
            None if own_text.is_none() => out.push(missing_text(at, &step_ptr, id, category)),
            None => {}
        }
    }
    out
}

/// Whether two wordings of a step are the same, apart from spacing, capitals and the
/// closing punctuation ("Eigen veiligheid gaat altijd voor!").
fn same_wording(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.trim_end_matches(['.', '!', ';', ' '])
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

fn reworded(
    at: &ApproachAt<'_>,
    step_ptr: &str,
    (id, text): (&str, &str),
    org_step: &super::org::Step,
    category: &Category,
    org: &Organisation,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        Rule::MandatoryStepWording,
        &at.doc.source,
        at.doc.spans.value(&format!("{step_ptr}/tekst")),
        t(
            "norm.stap-tekst",
            &[
                ("id", id),
                ("categorie", &category.naam),
                ("organisatie", org_step.tekst.trim()),
                ("team", text.trim()),
            ],
        ),
    )
    .with_label(t("norm.stap-tekst.label", &[]))
    .with_hint(t("norm.stap-tekst.hint", &[]))
    .in_section(at.section.to_string());
    if let (Some(norm), Some(span)) = (&org.norm, category.step_text_span(id)) {
        d = d.with_secondary(norm, span, t("norm.stap-tekst.org", &[]));
    }
    d
}

fn missing_text(at: &ApproachAt<'_>, step_ptr: &str, id: &str, category: &Category) -> Diagnostic {
    let ids: Vec<String> = category
        .approach_for(at.template)
        .map(|s| format!("`{}`", s.id))
        .collect();
    Diagnostic::new(
        Rule::MissingField,
        &at.doc.source,
        at.doc.spans.value(&format!("{step_ptr}/id")),
        t(
            "norm.eigen-stap-tekst",
            &[("id", id), ("categorie", &category.naam)],
        ),
    )
    .with_label(t("norm.eigen-stap-tekst.label", &[]))
    .with_hint(t("norm.eigen-stap-tekst.hint", &[("ids", &ids.join(", "))]))
    .in_section(at.section.to_string())
}

#[cfg(test)]
mod tests {
    use super::same_wording;

    #[test]
    fn wording_ignores_spacing_capitals_and_closing_punctuation_only() {
        assert!(same_wording(
            "Eigen veiligheid gaat altijd voor!",
            "eigen  veiligheid gaat altijd voor"
        ));
        assert!(same_wording(" Benoem het gedrag. ", "Benoem het gedrag"));
        assert!(!same_wording("Benoem het gedrag niet", "Benoem het gedrag"));
        assert!(!same_wording(
            "Doorwerken, de klant gaat voor",
            "Eigen veiligheid gaat altijd voor"
        ));
    }
}
