//! Scaffolds: YAML files with every question of a form as a comment, the form's defaults
//! filled in and placeholders where the team must answer. Used by `vpd new` and `vpd init`.

use std::fmt::Write;

use serde_json::Value;

use crate::messages::t;
use crate::template::{Field, FieldType, Kind, Template};

mod context;
mod norm;
mod team_file;

pub use context::{Named, ScaffoldContext, label, labels};
pub use team_file::{NewTeam, NewTeamError, create, new_team, schema_path, team_dir};

/// The placeholder written where an answer is still missing.
pub const TODO: &str = ".....";

/// A YAML double-quoted string (JSON strings are valid YAML).
pub fn quoted(s: &str) -> String {
    // A JSON string value always serialises (its `Display` cannot fail).
    serde_json::Value::String(s.to_string()).to_string()
}

pub(crate) fn comment(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{}# {}", " ".repeat(indent), line.trim_end());
    }
}

/// `text` as comment lines at the start of a line.
pub fn comments(text: &str) -> String {
    let mut out = String::new();
    comment(&mut out, 0, text);
    out
}

/// Writes a team protocol scaffold for `team` from `template`.
pub fn team_protocol(template: &Template, team: &str, ctx: &ScaffoldContext) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# yaml-language-server: $schema={}", ctx.schema_path);
    comment(&mut out, 0, &template.titel);
    if let Some(d) = &template.omschrijving {
        comment(&mut out, 0, d);
    }
    comment(&mut out, 0, &t("scaffold.uitleg", &[]));
    comment(&mut out, 0, &t("scaffold.schrijfwijze", &[]));
    let _ = writeln!(out, "template: {}", template.template);
    let _ = writeln!(out, "team: {}", quoted(team));
    comment(
        &mut out,
        0,
        &t(
            "scaffold.afdeling",
            &[("bekend", &labels(&ctx.departments))],
        ),
    );
    let _ = writeln!(out, "afdeling: {}", quoted(TODO));
    comment(&mut out, 0, &t("veld.eigenaar", &[]));
    let _ = writeln!(out, "eigenaar: {}", quoted(TODO));
    comment(&mut out, 0, &t("scaffold.status", &[]));
    out.push_str("status: concept\n");
    comment(&mut out, 0, &t("scaffold.vastgesteld_op", &[]));
    out.push_str("# vastgesteld_op: JJJJ-MM-DD\n");
    if let Some(versie) = &ctx.norm_version {
        comment(&mut out, 0, &t("scaffold.normversie", &[]));
        let _ = writeln!(out, "# normversie: {}", quoted(versie));
    }
    sections(&mut out, template, ctx);
    out
}

/// Writes the sections of any sectioned template.
pub fn sections(out: &mut String, template: &Template, ctx: &ScaffoldContext) {
    let mut shown = Examples::default();
    out.push_str("secties:\n");
    for section in &template.secties {
        out.push('\n');
        comment(out, 2, &format!("== {} ==", section.titel));
        if let Some(intro) = &section.inleiding {
            comment(out, 2, intro);
        }
        let _ = writeln!(out, "  {}:", section.id);
        for field in &section.velden {
            prompt_lines(out, 4, field, ctx);
            answer_lines(out, 4, field, template, ctx, &mut shown);
        }
    }
}

/// Which filled-in examples of a list form the scaffold has shown (one of each).
#[derive(Debug, Default)]
struct Examples {
    list: bool,
    table: bool,
}

/// The question of `field` as comments, with what the team may choose from.
fn prompt_lines(out: &mut String, indent: usize, field: &Field, ctx: &ScaffoldContext) {
    if let Some(kop) = &field.tussenkop {
        comment(out, indent, &format!("-- {kop} --"));
    }
    if let Some(zin) = &field.tussenzin {
        comment(out, indent, zin);
    }
    let mut question = match &field.kop {
        Some(kop) => format!("[{kop}] {}", field.vraag),
        None => field.vraag.clone(),
    };
    if field.kind.is_list() && field.min_items() > 1 {
        question.push_str(&t(
            "scaffold.minimaal",
            &[("n", &field.min_items().to_string())],
        ));
    }
    // A team must give every term of the organisation its `termijnen` field asks.
    let sets_terms = field.kind == FieldType::Termijnen
        && field
            .termijnen
            .iter()
            .any(|id| ctx.terms.iter().any(|o| &o.id == id));
    if !field.verplicht && !sets_terms {
        question.push_str(&t("scaffold.optioneel", &[]));
    }
    comment(out, indent, &question);
    if let Some(hint) = &field.toelichting {
        comment(out, indent, hint);
    }
    let choices = match field.kind {
        FieldType::Rol | FieldType::Rollen => {
            t("scaffold.rollen", &[("bekend", &labels(&ctx.roles))])
        }
        FieldType::Werkvorm | FieldType::Werkvormen => t(
            "scaffold.werkvormen",
            &[("bekend", &labels(&ctx.werkvormen))],
        ),
        FieldType::Keuze => t("scaffold.keuze", &[("opties", &field.opties.join(", "))]),
        _ => return,
    };
    comment(out, indent, &choices);
}

/// The answer of `field`: the form's default, a placeholder, or a commented-out key.
fn answer_lines(
    out: &mut String,
    indent: usize,
    field: &Field,
    template: &Template,
    ctx: &ScaffoldContext,
    shown: &mut Examples,
) {
    let pad = " ".repeat(indent);
    if field.kind == FieldType::Normtabel {
        let _ = writeln!(out, "{pad}{}:", field.id);
        norm::norm_table(out, indent + 2, field, template, ctx);
        return;
    }
    if field.kind == FieldType::Termijnen && terms(out, indent, field, ctx) {
        return;
    }
    if !field.verplicht && field.standaard.is_none() {
        // Optional questions stay as a comment, ready to be switched on.
        let _ = writeln!(out, "{pad}# {}:", field.id);
        return;
    }
    if field.standaard.is_none() {
        example_lines(out, indent, field, ctx, shown);
    }
    let _ = write!(out, "{pad}{}:", field.id);
    match &field.standaard {
        Some(default) => value_lines(out, indent + 2, &completed(field, default)),
        None => placeholder_lines(out, indent + 2, field),
    }
}

/// A team's `termijnen` field filled in with the organisation's terms it asks for, each
/// named in a comment; `false` (nothing written) when the organisation sets none of them.
fn terms(out: &mut String, indent: usize, field: &Field, ctx: &ScaffoldContext) -> bool {
    let asked: Vec<_> = field
        .termijnen
        .iter()
        .filter_map(|id| ctx.terms.iter().find(|o| &o.id == id))
        .collect();
    if asked.is_empty() {
        return false;
    }
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}{}:", field.id);
    for term in asked {
        let _ = writeln!(
            out,
            "{pad}  - {{ id: {}, termijn: {} }}  # {}",
            term.id,
            quoted(&term.termijn),
            term.naam
        );
    }
    true
}

/// Whether answers of this type are free text, written as block scalars.
fn is_free_text(kind: FieldType) -> bool {
    matches!(
        kind,
        FieldType::Tekst | FieldType::Lijst | FieldType::Afspraken
    )
}

/// One filled-in example of a plain list and of a table row, before the first of each.
fn example_lines(
    out: &mut String,
    indent: usize,
    field: &Field,
    ctx: &ScaffoldContext,
    shown: &mut Examples,
) {
    match field.kind {
        FieldType::Lijst | FieldType::Afspraken if !shown.list => {
            shown.list = true;
            comment(out, indent, &t("scaffold.voorbeeld.lijst", &[]));
        }
        FieldType::Tabel if !shown.table => {
            shown.table = true;
            comment(out, indent, &t("scaffold.voorbeeld.tabel", &[]));
            let mut lead = "  - ";
            for column in &field.kolommen {
                let answer = sample(column, ctx);
                if is_free_text(column.kind) {
                    comment(out, indent, &format!("{lead}{}: |", column.id));
                    comment(out, indent, &format!("      {answer}"));
                } else {
                    comment(out, indent, &format!("{lead}{}: {answer}", column.id));
                }
                lead = "    ";
            }
        }
        _ => {}
    }
}

/// A sample answer to `column` for the example row: a known id where it asks for one.
fn sample(column: &Field, ctx: &ScaffoldContext) -> String {
    let first = |items: &[Named]| items.first().map(|n| n.id.clone());
    let known = match column.kind {
        FieldType::Rol => first(&ctx.roles),
        FieldType::Afdeling => first(&ctx.departments),
        FieldType::Werkvorm => first(&ctx.werkvormen),
        FieldType::Keuze => column.opties.first().cloned(),
        _ => None,
    };
    known.unwrap_or_else(|| {
        let answer = t("scaffold.voorbeeld.kolom", &[("vraag", &column.vraag)]);
        if is_free_text(column.kind) {
            answer
        } else {
            quoted(&answer)
        }
    })
}

/// A table's default rows with every required column present: a placeholder where the
/// form gives no text, so a required column is an open question, never a missing key.
fn completed(field: &Field, default: &Value) -> Value {
    let (FieldType::Tabel, Value::Array(rows)) = (field.kind, default) else {
        return default.clone();
    };
    let fill = |row: &Value| {
        let mut row = row.clone();
        if let Value::Object(m) = &mut row {
            for column in field.kolommen.iter().filter(|c| c.verplicht) {
                m.entry(column.id.clone()).or_insert_with(|| {
                    if column.kind.is_list() {
                        Value::Array(vec![
                            Value::from(TODO);
                            usize::try_from(column.min_items().max(1)).unwrap_or(1)
                        ])
                    } else {
                        Value::from(TODO)
                    }
                });
            }
        }
        row
    };
    Value::Array(rows.iter().map(fill).collect())
}

fn value_lines(out: &mut String, indent: usize, value: &Value) {
    match value {
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            emit(out, indent, value);
        }
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            emit(out, indent, value);
        }
        other => {
            let _ = writeln!(out, " {}", scalar(other));
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => quoted(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(m) if m.is_empty() => "{}".into(),
        other => other.to_string(),
    }
}

/// Writes `value` as block-style YAML at `indent` (strings double-quoted).
pub fn emit(out: &mut String, indent: usize, value: &Value) {
    let pad = " ".repeat(indent);
    match value {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut first = true;
                        for (k, v) in m {
                            let lead = if first { "- " } else { "  " };
                            first = false;
                            entry(out, &format!("{pad}{lead}"), indent + 2, k, v);
                        }
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}-");
                        emit(out, indent + 2, item);
                    }
                    other => {
                        let _ = writeln!(out, "{pad}- {}", scalar(other));
                    }
                }
            }
        }
        Value::Object(m) => {
            for (k, v) in m {
                entry(out, &pad, indent, k, v);
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{}", scalar(other));
        }
    }
}

fn entry(out: &mut String, prefix: &str, indent: usize, key: &str, v: &Value) {
    match v {
        Value::Array(a) if !a.is_empty() => {
            let _ = writeln!(out, "{prefix}{key}:");
            emit(out, indent + 2, v);
        }
        Value::Object(m) if !m.is_empty() => {
            let _ = writeln!(out, "{prefix}{key}:");
            emit(out, indent + 2, v);
        }
        other => {
            let _ = writeln!(out, "{prefix}{key}: {}", scalar(other));
        }
    }
}

/// The placeholder answer of `field`, after its key (`indent`: where its content goes).
fn placeholder_lines(out: &mut String, indent: usize, field: &Field) {
    let pad = " ".repeat(indent);
    match field.kind {
        FieldType::Tabel => {
            out.push('\n');
            let mut lead = "- ";
            for column in &field.kolommen {
                let prefix = format!("{pad}{lead}{}:", column.id);
                if is_free_text(column.kind) && !column.kind.is_list() {
                    block_placeholder(out, &format!("{prefix} "), indent + 4);
                } else if column.kind.is_list() {
                    let _ = writeln!(out, "{prefix} [{}]", quoted(TODO));
                } else {
                    let _ = writeln!(out, "{prefix} {}", quoted(TODO));
                }
                lead = "  ";
            }
        }
        kind if kind.is_list() => {
            out.push('\n');
            for _ in 0..field.min_items().max(1) {
                if is_free_text(kind) {
                    block_placeholder(out, &format!("{pad}- "), indent + 2);
                } else {
                    let _ = writeln!(out, "{pad}- {}", quoted(TODO));
                }
            }
        }
        FieldType::Tekst => block_placeholder(out, " ", indent),
        FieldType::Datum => out.push_str(" \"JJJJ-MM-DD\"\n"),
        _ => {
            let _ = writeln!(out, " {}", quoted(TODO));
        }
    }
}

/// Writes `{prefix}|` and the placeholder as the block's content line at `indent`.
pub(crate) fn block_placeholder(out: &mut String, prefix: &str, indent: usize) {
    let _ = writeln!(out, "{prefix}|");
    let _ = writeln!(out, "{}{TODO}", " ".repeat(indent));
}

/// The file name for a team: transliterated to ASCII by `deunicode` (é → e, ĳ → ij,
/// ß → ss), lower case, words joined by `-`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    // A character without a transliteration (a control character) separates words too.
    let ascii = name
        .chars()
        .map(|c| match deunicode::deunicode_char(c) {
            Some(t) if !t.is_empty() => t,
            _ => " ",
        })
        .flat_map(str::chars);
    for c in ascii {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether a template can be scaffolded as a team protocol.
pub fn is_team_template(template: &Template) -> bool {
    template.soort == Kind::Teamprotocol
}

#[cfg(test)]
mod tests;
