//! "Never weaken the norm": a team's own approach keeps every mandatory step of the
//! organisation (by id), and its reporting level is never laxer than the organisation's.
//! A team that gives no approach of its own follows the organisation's.
//! (The team's own examples per category and the ban on setting the organisation's
//! position are part of the compiled schema.)

use std::collections::HashMap;

use serde_json::Value;

use super::org::{Organisation, ReportingLevel};
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::load::spans::pointer;
use crate::messages::t;
use crate::template::Template;
use crate::template::compile::applicable_categories;

/// Every norm finding for one team protocol.
pub fn check(doc: &Document, template: &Template, org: &Organisation) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let categories = applicable_categories(template, &org.norm_context());
    for (section, field) in template.norm_tables() {
        let table_ptr = pointer(&["secties", &section.id, &field.id]);
        let Some(table) = doc.value.pointer(&table_ptr).and_then(Value::as_object) else {
            continue;
        };
        for (cat_id, _) in &categories {
            let Some(entry) = table.get(cat_id).and_then(Value::as_object) else {
                continue;
            };
            let Some(category) = org.category(cat_id) else {
                continue;
            };
            let entry_ptr = pointer(&["secties", &section.id, &field.id, cat_id]);
            // Without its own `aanpak` a team follows the organisation's approach as is.
            if let Some(steps) = entry.get("aanpak").and_then(Value::as_array) {
                check_duplicate_steps(doc, &entry_ptr, steps, &section.id, &mut out);
                let at = super::step_wording::ApproachAt {
                    doc,
                    entry_ptr: &entry_ptr,
                    template: &template.template,
                    section: &section.id,
                };
                out.extend(super::step_wording::check(&at, steps, category, org));
                out.extend(super::flow_check::check_team(
                    doc,
                    &entry_ptr,
                    steps,
                    category,
                    &section.id,
                ));
                let ids: Vec<&str> = steps
                    .iter()
                    .filter_map(|s| s.get("id").and_then(Value::as_str))
                    .collect();
                for (step, step_span) in category.steps_with_spans() {
                    if !step.is_mandatory_for(&template.template) || ids.contains(&step.id.as_str())
                    {
                        continue;
                    }
                    let mut d = Diagnostic::new(
                        Rule::MandatoryStep,
                        &doc.source,
                        doc.spans.key_or_value(&format!("{entry_ptr}/aanpak")),
                        t(
                            "norm.verplichte-stap",
                            &[
                                ("stap", &step.tekst),
                                ("id", &step.id),
                                ("categorie", &category.naam),
                            ],
                        ),
                    )
                    .with_label(t("norm.verplichte-stap.label", &[("id", &step.id)]))
                    .with_hint(t("norm.verplichte-stap.hint", &[("id", &step.id)]))
                    .in_section(section.id.clone());
                    if let Some(norm) = &org.norm {
                        d = d.with_secondary(norm, step_span, t("norm.verplichte-stap.org", &[]));
                    }
                    out.push(d);
                }
            }
            let team_level = entry
                .get("meldniveau")
                .and_then(Value::as_str)
                .and_then(ReportingLevel::parse);
            if let (Some(team), Some(org_level)) = (team_level, category.meldniveau)
                && team < org_level
            {
                let mut d = Diagnostic::new(
                    Rule::ReportingLaxer,
                    &doc.source,
                    doc.spans.value(&format!("{entry_ptr}/meldniveau")),
                    t(
                        "norm.meldniveau",
                        &[
                            ("categorie", &category.naam),
                            ("team", team.as_str()),
                            ("organisatie", org_level.as_str()),
                        ],
                    ),
                )
                .with_label(t("norm.meldniveau.label", &[]))
                .with_hint(t(
                    if org_level == ReportingLevel::Altijd {
                        "norm.meldniveau.hint.altijd"
                    } else {
                        "norm.meldniveau.hint"
                    },
                    &[("organisatie", org_level.as_str())],
                ))
                .in_section(section.id.clone());
                if let Some(norm) = &org.norm {
                    d = d.with_secondary(norm, category.level_span, t("norm.meldniveau.org", &[]));
                }
                out.push(d);
            }
        }
    }
    out
}

fn check_duplicate_steps(
    doc: &Document,
    entry_ptr: &str,
    steps: &[Value],
    section: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, step) in steps.iter().enumerate() {
        let Some(id) = step.get("id").and_then(Value::as_str) else {
            continue;
        };
        if let Some(first) = seen.get(id) {
            let span = doc.spans.value(&format!("{entry_ptr}/aanpak/{i}/id"));
            let first_span = doc.spans.value(&format!("{entry_ptr}/aanpak/{first}/id"));
            out.push(
                Diagnostic::new(
                    Rule::DuplicateStep,
                    &doc.source,
                    span,
                    t("stap.dubbel", &[("id", id)]),
                )
                .with_secondary(&doc.source, first_span, t("stap.dubbel.eerste", &[]))
                .with_hint(t("stap.dubbel.hint", &[]))
                .in_section(section.to_string()),
            );
        } else {
            seen.insert(id, i);
        }
    }
}
