//! The norm table of a team scaffold: per behaviour category the organisation's own
//! standpunt, approach steps (mandatory ones marked) and reporting level as comments, the
//! team's examples to fill in, and a commented example of a team's own `aanpak:`.

use std::fmt::Write;

use serde_json::Value;

use super::{ScaffoldContext, block_placeholder, comment};
use crate::messages::t;
use crate::template::{Field, Template};

/// Writes the rows of a norm table field at `indent`.
pub(super) fn norm_table(
    out: &mut String,
    indent: usize,
    field: &Field,
    template: &Template,
    ctx: &ScaffoldContext,
) {
    for cat in &template.categorieen {
        let default = field.standaard.as_ref().and_then(|d| d.get(cat));
        let row = ctx.category(cat).or(default);
        out.push('\n');
        let kop = text(default, "kop");
        if !kop.is_empty() {
            comment(out, indent, &format!("{kop} ({cat})"));
        }
        comment(
            out,
            indent,
            &t("scaffold.gedrag", &[("tekst", text(row, "gedrag"))]),
        );
        comment(
            out,
            indent,
            &t("scaffold.standpunt", &[("tekst", text(row, "standpunt"))]),
        );
        let steps = applicable_steps(row, &template.template);
        approach(out, indent, &steps);
        reporting(out, indent, row);
        let _ = writeln!(out, "{}{cat}:", " ".repeat(indent));
        examples(out, indent + 2);
        own_approach(out, indent + 2, &steps);
    }
}

/// The string at `key` of `row`, or empty.
fn text<'a>(row: Option<&'a Value>, key: &str) -> &'a str {
    row.and_then(|r| r.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// One step of the organisation's approach, as a scaffold shows it.
struct Step<'a> {
    id: &'a str,
    tekst: &'a str,
    verplicht: bool,
}

/// The organisation's steps that apply to `template` (a step with `geldt_voor` applies only
/// to the templates it names), in the organisation's order.
fn applicable_steps<'a>(row: Option<&'a Value>, template: &str) -> Vec<Step<'a>> {
    let steps = row.and_then(|r| r.get("aanpak")).and_then(Value::as_array);
    steps
        .into_iter()
        .flatten()
        .filter(|s| applies(s, template))
        .map(|s| Step {
            id: s.get("id").and_then(Value::as_str).unwrap_or_default(),
            tekst: s.get("tekst").and_then(Value::as_str).unwrap_or_default(),
            verplicht: s.get("verplicht").and_then(Value::as_bool) == Some(true),
        })
        .collect()
}

fn applies(step: &Value, template: &str) -> bool {
    match step.get("geldt_voor").and_then(Value::as_array) {
        Some(names) => names.iter().any(|n| n.as_str() == Some(template)),
        None => true,
    }
}

/// The organisation's approach: step ids in order, mandatory ones marked.
fn approach(out: &mut String, indent: usize, steps: &[Step]) {
    comment(out, indent, &t("scaffold.aanpak-organisatie", &[]));
    let mark = t("scaffold.verplicht", &[]);
    for (n, s) in steps.iter().enumerate() {
        let mut line = format!("  {}. {}: {}", n + 1, s.id, s.tekst);
        if s.verplicht {
            line.push_str(&format!(" ({mark})"));
        }
        comment(out, indent, &line);
    }
}

/// The organisation's reporting level, what it means and its text.
fn reporting(out: &mut String, indent: usize, row: Option<&Value>) {
    let niveau = text(row, "meldniveau");
    let betekenis = match niveau {
        "niet" => t("ui.meldniveau_niet", &[]),
        "bij-patroon" => t("ui.meldniveau_bij_patroon", &[]),
        "altijd" => t("ui.meldniveau_altijd", &[]),
        _ => String::new(),
    };
    comment(
        out,
        indent,
        &t(
            "scaffold.meldniveau",
            &[
                ("niveau", niveau),
                ("betekenis", &betekenis),
                ("tekst", text(row, "melden")),
            ],
        ),
    );
}

/// The team's own examples: two answers to write.
fn examples(out: &mut String, indent: usize) {
    let pad = " ".repeat(indent);
    comment(out, indent, &t("scaffold.voorbeelden", &[]));
    let _ = writeln!(out, "{pad}voorbeelden:");
    for _ in 0..2 {
        block_placeholder(out, &format!("{pad}  - "), indent + 4);
    }
}

/// A commented example of a team's own approach: the organisation's mandatory steps by
/// id (they keep the organisation's wording; the first shows where the team's explanation
/// goes), and one step of the team's own.
fn own_approach(out: &mut String, indent: usize, steps: &[Step]) {
    comment(out, indent, &t("scaffold.aanpak", &[]));
    comment(out, indent, "aanpak:");
    for (i, s) in steps.iter().filter(|s| s.verplicht).enumerate() {
        comment(out, indent, &format!("  - id: {}", s.id));
        if i == 0 {
            comment(out, indent, "    toelichting: |");
            let hint = t("scaffold.verplichte-stap.toelichting", &[]);
            comment(out, indent, &format!("      {hint}"));
        }
    }
    comment(
        out,
        indent,
        &format!("  - id: {}", t("scaffold.eigen-stap.id", &[])),
    );
    comment(out, indent, "    tekst: |");
    comment(
        out,
        indent,
        &format!("      {}", t("scaffold.eigen-stap.tekst", &[])),
    );
}
