//! Checks of the flow charts: the organisation's approaches in the norm schema, and the
//! decisions a team adds to its own approach. A flow chart is followed by someone under
//! stress, so a decision must say where "ja" and "nee" lead, every step named must exist,
//! and no step may be one that the flow never reaches.

use std::collections::BTreeSet;

use serde_json::Value;

use super::category::{Category, Step, StepKind};
use super::flow::{next_steps, reachable};
use super::suggest::did_you_mean;
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::messages::t;

/// The keys of a step that name another step.
const TARGET_KEYS: [&str; 3] = ["ja", "nee", "daarna"];

/// Checks every category's approach in the norm schema `doc`: for the full list, and for
/// each template the norm schema limits steps to (`geldt_voor`), as that template's teams
/// see it.
pub fn check_norm(doc: &Document, categories: &[Category]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for category in categories {
        let steps = &category.aanpak;
        let ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
        let before = out.len();
        for (step, ptr) in steps.iter().zip(&category.step_pointers) {
            out.extend(incomplete_decision(doc, step, ptr, &category.id));
            out.extend(unknown_targets(doc, step, ptr, &ids, &category.id));
        }
        // With a way missing, every step behind it would be reported too: fix that first.
        if out.len() == before {
            out.extend(unreachable(doc, category));
        }
    }
    out
}

/// A team's own decisions (steps whose id is not one of the organisation's): each names
/// its "ja" and "nee" step, and every step it names is in the team's approach or the
/// organisation's. `entry_ptr` is the pointer of the team's category entry.
pub fn check_team(
    doc: &Document,
    entry_ptr: &str,
    team_steps: &[Value],
    org: &Category,
    section: &str,
) -> Vec<Diagnostic> {
    let mut ids: Vec<&str> = org.aanpak.iter().map(|s| s.id.as_str()).collect();
    ids.extend(
        team_steps
            .iter()
            .filter_map(|s| s.get("id").and_then(Value::as_str)),
    );
    let mut out = Vec::new();
    for (j, raw) in team_steps.iter().enumerate() {
        let Ok(step) = serde_json::from_value::<Step>(raw.clone()) else {
            continue;
        };
        if org.aanpak.iter().any(|o| o.id == step.id) {
            continue;
        }
        let ptr = format!("{entry_ptr}/aanpak/{j}");
        out.extend(incomplete_decision(doc, &step, &ptr, &org.id));
        out.extend(unknown_targets(doc, &step, &ptr, &ids, &org.id));
    }
    out.into_iter()
        .map(|d| d.in_section(section.to_string()))
        .collect()
}

/// A decision that does not name both its "ja" and its "nee" step.
fn incomplete_decision(
    doc: &Document,
    step: &Step,
    ptr: &str,
    category: &str,
) -> Option<Diagnostic> {
    if step.soort != StepKind::Beslissing {
        return None;
    }
    let missing = match (&step.ja, &step.nee) {
        (Some(_), Some(_)) => return None,
        (None, None) => t("stroom.beslissing.beide", &[]),
        (None, Some(_)) => t("stroom.beslissing.een", &[("antwoord", "ja")]),
        (Some(_), None) => t("stroom.beslissing.een", &[("antwoord", "nee")]),
    };
    Some(
        Diagnostic::new(
            Rule::FlowDecision,
            &doc.source,
            doc.spans.value(&format!("{ptr}/id")),
            t(
                "stroom.beslissing",
                &[
                    ("tekst", &step.tekst),
                    ("categorie", category),
                    ("ontbreekt", &missing),
                ],
            ),
        )
        .with_hint(t("stroom.beslissing.hint", &[("id", &step.id)])),
    )
}

/// Every `ja`, `nee` or `daarna` of `step` that names no step of the approach.
fn unknown_targets(
    doc: &Document,
    step: &Step,
    ptr: &str,
    ids: &[&str],
    category: &str,
) -> Vec<Diagnostic> {
    [&step.ja, &step.nee, &step.daarna]
        .into_iter()
        .zip(TARGET_KEYS)
        .filter_map(|(target, key)| Some((target.as_deref()?, key)))
        .filter(|(target, _)| !ids.contains(target))
        .map(|(target, key)| {
            let hint = match did_you_mean(target, ids.iter().copied()) {
                Some(near) => t("stroom.doel.hint-bedoeld", &[("bedoeld", near)]),
                None => t("stroom.doel.hint", &[]),
            };
            Diagnostic::new(
                Rule::FlowTarget,
                &doc.source,
                doc.spans.value(&format!("{ptr}/{key}")),
                t(
                    "stroom.doel",
                    &[("sleutel", key), ("doel", target), ("categorie", category)],
                ),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Steps the flow never reaches, in the full approach or as one template's teams see it.
fn unreachable(doc: &Document, category: &Category) -> Vec<Diagnostic> {
    let steps = &category.aanpak;
    let mut contexts: BTreeSet<Option<&str>> = BTreeSet::from([None]);
    contexts.extend(
        steps
            .iter()
            .flat_map(|s| s.geldt_voor.iter().map(|t| Some(t.as_str()))),
    );
    let mut stranded: BTreeSet<usize> = BTreeSet::new();
    for context in contexts {
        let indices: Vec<usize> = (0..steps.len())
            .filter(|&i| context.is_none_or(|tpl| steps[i].applies_to(tpl)))
            .collect();
        let sequence: Vec<&Step> = indices.iter().map(|&i| &steps[i]).collect();
        let seen = reachable(&next_steps(&sequence, steps));
        stranded.extend(
            indices
                .iter()
                .zip(seen)
                .filter(|(_, seen)| !seen)
                .map(|(&i, _)| i),
        );
    }
    stranded
        .into_iter()
        .filter_map(|i| Some((&steps[i], category.step_pointers.get(i)?)))
        .map(|(step, ptr)| {
            Diagnostic::new(
                Rule::FlowUnreachable,
                &doc.source,
                doc.spans.value(&format!("{ptr}/id")),
                t(
                    "stroom.onbereikbaar",
                    &[("tekst", &step.tekst), ("categorie", &category.id)],
                ),
            )
            .with_hint(t("stroom.onbereikbaar.hint", &[]))
        })
        .collect()
}
