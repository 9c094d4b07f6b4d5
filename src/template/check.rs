//! The rules of the template language that its data types cannot state, checked with the
//! place of each problem in the template file: every field's `type` is one the language
//! knows, ids are unique where answers are looked up by them, and a `keuze` has `opties`.
//! A template's shape (unknown keys, a missing `vraag`) is read with the key path of the
//! problem, so it is reported where it stands too.

use serde_json::Value;

use super::{FieldType, Template};
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::messages::t;
use crate::source::Source;

/// Every `type:` in the template file that names no type of the language, at its value.
/// Checked on the file as written, before it is read into a [`Template`], so that each
/// is reported with a suggestion rather than as a failure to read the file.
pub fn unknown_types(source: &Source, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(fields) = doc.value.get("velden") {
        unknown_types_in(source, doc, "/velden", fields, &mut out);
    }
    if let Some(Value::Array(sections)) = doc.value.get("secties") {
        for (i, section) in sections.iter().enumerate() {
            if let Some(fields) = section.get("velden") {
                let prefix = format!("/secties/{i}/velden");
                unknown_types_in(source, doc, &prefix, fields, &mut out);
            }
        }
    }
    out
}

fn unknown_types_in(
    source: &Source,
    doc: &Document,
    prefix: &str,
    fields: &Value,
    out: &mut Vec<Diagnostic>,
) {
    let Value::Array(fields) = fields else { return };
    for (i, field) in fields.iter().enumerate() {
        let pointer = format!("{prefix}/{i}");
        if let Some(Value::String(kind)) = field.get("type")
            && !FieldType::ALL.iter().any(|t| t.name() == kind)
        {
            let names: Vec<&str> = FieldType::ALL.iter().map(|t| t.name()).collect();
            let hint = t(
                "template.type-onbekend.hint",
                &[("typen", &names.join(", "))],
            );
            out.push(
                Diagnostic::new(
                    Rule::TemplateTypeUnknown,
                    source,
                    doc.spans.value(&format!("{pointer}/type")),
                    t(
                        "template.type-onbekend",
                        &[("type", &crate::terminal::escape(kind))],
                    ),
                )
                .with_hint(hint),
            );
        }
        if let Some(columns) = field.get("kolommen") {
            unknown_types_in(source, doc, &format!("{pointer}/kolommen"), columns, out);
        }
    }
}

/// The problems of a template that reads as one: ids used twice where answers are looked
/// up by them, and a `keuze` without `opties`.
pub fn semantics(source: &Source, doc: &Document, template: &Template) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let section_ids: Vec<(String, &str)> = (template.secties.iter().enumerate())
        .map(|(i, s)| (format!("/secties/{i}/id"), s.id.as_str()))
        .collect();
    duplicates(source, doc, &section_ids, &mut out);
    fields(source, doc, "/velden", &template.velden, &mut out);
    for (i, section) in template.secties.iter().enumerate() {
        let prefix = format!("/secties/{i}/velden");
        fields(source, doc, &prefix, &section.velden, &mut out);
    }
    out
}

/// The fields under `prefix`: unique ids, options for every choice; then their columns.
fn fields(
    source: &Source,
    doc: &Document,
    prefix: &str,
    fields: &[super::Field],
    out: &mut Vec<Diagnostic>,
) {
    let ids: Vec<(String, &str)> = (fields.iter().enumerate())
        .map(|(i, f)| (format!("{prefix}/{i}/id"), f.id.as_str()))
        .collect();
    duplicates(source, doc, &ids, out);
    for (i, field) in fields.iter().enumerate() {
        let pointer = format!("{prefix}/{i}");
        if field.kind == FieldType::Keuze && field.opties.is_empty() {
            out.push(
                Diagnostic::new(
                    Rule::TemplateChoiceWithoutOptions,
                    source,
                    doc.spans.value(&format!("{pointer}/type")),
                    t("template.keuze-zonder-opties", &[("veld", &field.id)]),
                )
                .with_hint(t("template.keuze-zonder-opties.hint", &[])),
            );
        }
        let columns = format!("{pointer}/kolommen");
        self::fields(source, doc, &columns, &field.kolommen, out);
    }
}

/// A finding for every id of `ids` (pointer, id) that an earlier one already has, at the
/// later one, with the first as the secondary place.
fn duplicates(source: &Source, doc: &Document, ids: &[(String, &str)], out: &mut Vec<Diagnostic>) {
    for (n, (pointer, id)) in ids.iter().enumerate() {
        let Some((first, _)) = ids[..n].iter().find(|(_, other)| other == id) else {
            continue;
        };
        let shown = crate::terminal::escape(id);
        out.push(
            Diagnostic::new(
                Rule::TemplateDuplicateId,
                source,
                doc.spans.value(pointer),
                t("template.id-dubbel", &[("id", &shown)]),
            )
            .with_hint(t("template.id-dubbel.hint", &[]))
            .with_secondary(
                source,
                doc.spans.value(first),
                t("template.id-dubbel.eerste", &[]),
            ),
        );
    }
}

/// The finding for a template that does not read (an unknown key, a missing `vraag`, a
/// value of the wrong kind), at the key or value serde stopped at.
pub fn shape_error(
    source: &Source,
    doc: &Document,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> Diagnostic {
    use serde_path_to_error::Segment;
    let pointer: String = error
        .path()
        .iter()
        .map(|segment| match segment {
            Segment::Seq { index } => format!("/{index}"),
            Segment::Map { key } => format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            other => format!("/{other}"),
        })
        .collect();
    Diagnostic::new(
        Rule::InvalidTemplate,
        source,
        doc.spans.key_or_value(&pointer),
        t("template.ongeldig", &[("fout", &error.inner().to_string())]),
    )
    .with_hint(t("template.ongeldig.hint", &[]))
}

/// A finding for every file or folder in `<root>/schemas/` that is not one of the
/// templates vpd knows (a misspelt or new file name would otherwise be ignored without a
/// word, and the organisation would think its form is in use). Hidden files (`.gitkeep`)
/// are left alone.
pub fn unknown_files(root: &std::path::Path) -> Vec<Diagnostic> {
    let dir = root.join("schemas");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let known: Vec<&str> = super::EMBEDDED.iter().map(|(file, _)| *file).collect();
    let mut names: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
    names.sort();
    let mut out = Vec::new();
    for path in names {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name.filter(|n| !n.starts_with('.') && !known.contains(&n.as_str()))
        else {
            continue;
        };
        let display = crate::terminal::escape(&crate::load::display_path(root, &path)).into_owned();
        let source = std::sync::Arc::new(crate::source::SourceFile::new(
            &path,
            display,
            String::new(),
        ));
        let hint = t(
            "template.bestand-onbekend.hint",
            &[("bestanden", &known.join(", "))],
        );
        out.push(
            Diagnostic::new(
                Rule::TemplateFileUnknown,
                &source,
                crate::source::Span::file_start(),
                t(
                    "template.bestand-onbekend",
                    &[("naam", &crate::terminal::escape(&name))],
                ),
            )
            .with_hint(hint),
        );
    }
    out
}
