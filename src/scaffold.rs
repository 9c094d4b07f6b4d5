//! Scaffolds: YAML files with every question of a form as a comment, the form's defaults
//! filled in and placeholders where the team must answer. Used by `vpd new` and `vpd init`.

use std::fmt::Write;

use serde_json::Value;

use crate::messages::t;
use crate::template::{Field, FieldType, Kind, Template};

/// The placeholder written where an answer is still missing.
pub const TODO: &str = ".....";

/// What a scaffold may name besides the template.
#[derive(Debug, Default, Clone)]
pub struct ScaffoldContext {
    /// Known department ids, listed in a comment.
    pub departments: Vec<String>,
    /// Known role ids, listed in a comment.
    pub roles: Vec<String>,
    /// Path from the new file to the published schema (for the editor).
    pub schema_path: String,
}

/// A YAML double-quoted string (JSON strings are valid YAML).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn comment(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{}# {}", " ".repeat(indent), line.trim_end());
    }
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
    let _ = writeln!(out, "template: {}", template.template);
    let _ = writeln!(out, "team: {}", quoted(team));
    comment(
        &mut out,
        0,
        &t(
            "scaffold.afdeling",
            &[("bekend", &ctx.departments.join(", "))],
        ),
    );
    let _ = writeln!(out, "afdeling: {}", quoted(TODO));
    comment(&mut out, 0, &t("veld.eigenaar", &[]));
    let _ = writeln!(out, "eigenaar: {}", quoted(TODO));
    comment(&mut out, 0, &t("scaffold.status", &[]));
    out.push_str("status: concept\n");
    comment(&mut out, 0, &t("scaffold.vastgesteld_op", &[]));
    out.push_str("# vastgesteld_op: JJJJ-MM-DD\n");
    sections(&mut out, template, ctx);
    out
}

/// Writes the sections of any sectioned template.
pub fn sections(out: &mut String, template: &Template, ctx: &ScaffoldContext) {
    out.push_str("secties:\n");
    for section in &template.secties {
        out.push('\n');
        comment(out, 2, &format!("== {} ==", section.titel));
        if let Some(intro) = &section.inleiding {
            comment(out, 2, intro);
        }
        let _ = writeln!(out, "  {}:", section.id);
        for field in &section.velden {
            field_lines(out, 4, field, template, ctx);
        }
    }
}

fn field_lines(
    out: &mut String,
    indent: usize,
    field: &Field,
    template: &Template,
    ctx: &ScaffoldContext,
) {
    let pad = " ".repeat(indent);
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
    if !field.verplicht {
        question.push_str(&t("scaffold.optioneel", &[]));
    }
    comment(out, indent, &question);
    if let Some(hint) = &field.toelichting {
        comment(out, indent, hint);
    }
    match field.kind {
        FieldType::Rol | FieldType::Rollen => {
            comment(
                out,
                indent,
                &t("scaffold.rollen", &[("bekend", &ctx.roles.join(", "))]),
            );
        }
        FieldType::Keuze => {
            comment(
                out,
                indent,
                &t("scaffold.keuze", &[("opties", &field.opties.join(", "))]),
            );
        }
        _ => {}
    }
    if field.kind == FieldType::Normtabel {
        let _ = writeln!(out, "{pad}{}:", field.id);
        norm_table(out, indent + 2, field, template);
        return;
    }
    if !field.verplicht && field.standaard.is_none() {
        // Optional questions stay as a comment, ready to be switched on.
        let _ = writeln!(out, "{pad}# {}:", field.id);
        return;
    }
    let _ = write!(out, "{pad}{}:", field.id);
    match &field.standaard {
        Some(default) => value_lines(out, indent + 2, default),
        None => placeholder_lines(out, indent + 2, field),
    }
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

fn placeholder_lines(out: &mut String, indent: usize, field: &Field) {
    let pad = " ".repeat(indent);
    match field.kind {
        FieldType::Tabel => {
            out.push('\n');
            let mut first = true;
            for column in &field.kolommen {
                let lead = if first { "- " } else { "  " };
                first = false;
                let value = if column.kind.is_list() {
                    format!("[{}]", quoted(TODO))
                } else {
                    quoted(TODO)
                };
                let _ = writeln!(out, "{pad}{lead}{}: {value}", column.id);
            }
        }
        kind if kind.is_list() => {
            out.push('\n');
            for _ in 0..field.min_items().max(1) {
                let _ = writeln!(out, "{pad}- {}", quoted(TODO));
            }
        }
        FieldType::Datum => out.push_str(" \"JJJJ-MM-DD\"\n"),
        _ => {
            let _ = writeln!(out, " {}", quoted(TODO));
        }
    }
}

fn norm_table(out: &mut String, indent: usize, field: &Field, template: &Template) {
    let pad = " ".repeat(indent);
    for cat in &template.categorieen {
        let default = field.standaard.as_ref().and_then(|d| d.get(cat));
        let text = |k: &str| {
            default
                .and_then(|d| d.get(k))
                .and_then(Value::as_str)
                .unwrap_or_default()
        };
        let _ = writeln!(out);
        if !text("kop").is_empty() {
            comment(out, indent, &format!("{} ({cat})", text("kop")));
        }
        comment(
            out,
            indent,
            &t("scaffold.gedrag", &[("tekst", text("gedrag"))]),
        );
        comment(
            out,
            indent,
            &t("scaffold.standpunt", &[("tekst", text("standpunt"))]),
        );
        let _ = writeln!(out, "{pad}{cat}:");
        comment(out, indent + 2, &t("scaffold.voorbeelden", &[]));
        let _ = writeln!(out, "{pad}  voorbeelden:");
        let _ = writeln!(out, "{pad}    - {}", quoted(TODO));
        let _ = writeln!(out, "{pad}    - {}", quoted(TODO));
        comment(out, indent + 2, &t("scaffold.aanpak", &[]));
        if let Some(steps) = default
            .and_then(|d| d.get("aanpak"))
            .and_then(Value::as_array)
        {
            for s in steps {
                let id = s.get("id").and_then(Value::as_str).unwrap_or_default();
                let tekst = s.get("tekst").and_then(Value::as_str).unwrap_or_default();
                comment(out, indent + 2, &format!("  - {id}: {tekst}"));
            }
        }
        comment(
            out,
            indent + 2,
            &t("scaffold.meldniveau", &[("tekst", text("melden"))]),
        );
    }
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
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slugify("Werkplein Zuid"), "werkplein-zuid");
        assert_eq!(slugify("  Team Ééntje & co! "), "team-eentje-co");
        assert_eq!(
            slugify("Wijkteam IJsselmonde – Straße"),
            "wijkteam-ijsselmonde-strasse"
        );
        assert_eq!(slugify("Team Łódź"), "team-lodz");
    }
}
