//! Templates: the forms (`schemas/*.yaml`) in vpd's own small template language, and
//! their compilation to JSON Schema 2020-12. See `docs/template-language.md`.
//!
//! The templates are embedded in the binary; a `schemas/` folder in the organisation's
//! repository overrides them file by file.

mod check;
pub mod compile;
pub mod editor;
mod embedded;
pub mod placeholder;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Rule};
use crate::load::{self, Document};
use crate::messages::t;
use crate::source::SourceFile;

pub use embedded::EMBEDDED;

/// What kind of document a template describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A team's protocol (Werkplein, KCC).
    Teamprotocol,
    /// The organisation's policy.
    Beleid,
    /// The organisation's norm schema.
    Normschema,
    /// A learning-goal questionnaire.
    Leerdoelwijzer,
    /// The development matrix.
    Ontwikkelmatrix,
    /// A work form (Markdown with front matter).
    Werkvorm,
}

/// The type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// A string (Markdown allowed).
    Tekst,
    /// A key that follows the id rule (it becomes part of a URL, an HTML id or a form
    /// field name): lower-case letters, digits, `-` and `_`.
    Sleutel,
    /// A list of strings.
    Lijst,
    /// A list of agreements ("Wij ...").
    Afspraken,
    /// A date, `YYYY-MM-DD`.
    Datum,
    /// A whole number.
    Getal,
    /// One of `opties`.
    Keuze,
    /// A role id from the policy.
    Rol,
    /// A list of role ids.
    Rollen,
    /// A department id from the policy.
    Afdeling,
    /// A werkvorm slug.
    Werkvorm,
    /// A list of werkvorm slugs.
    Werkvormen,
    /// An approach: a list of steps with ids.
    Stappen,
    /// A reporting level: niet < bij-patroon < altijd.
    Meldniveau,
    /// Measurable commitments: a list of `{id, naam, termijn, toelichting}`. In the
    /// policy and norm schema they define the organisation's terms; in a team protocol the
    /// team's terms for the organisation's terms the field asks (`termijnen`).
    Termijnen,
    /// A list of rows, one key per column.
    Tabel,
    /// The team's norm table, per behaviour category.
    Normtabel,
}

impl FieldType {
    /// Every type of the language.
    pub const ALL: [FieldType; 17] = [
        FieldType::Tekst,
        FieldType::Sleutel,
        FieldType::Lijst,
        FieldType::Afspraken,
        FieldType::Datum,
        FieldType::Getal,
        FieldType::Keuze,
        FieldType::Rol,
        FieldType::Rollen,
        FieldType::Afdeling,
        FieldType::Werkvorm,
        FieldType::Werkvormen,
        FieldType::Stappen,
        FieldType::Meldniveau,
        FieldType::Termijnen,
        FieldType::Tabel,
        FieldType::Normtabel,
    ];

    /// The name used in templates and in `x-vpd-type`.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Tekst => "tekst",
            FieldType::Sleutel => "sleutel",
            FieldType::Lijst => "lijst",
            FieldType::Afspraken => "afspraken",
            FieldType::Datum => "datum",
            FieldType::Getal => "getal",
            FieldType::Keuze => "keuze",
            FieldType::Rol => "rol",
            FieldType::Rollen => "rollen",
            FieldType::Afdeling => "afdeling",
            FieldType::Werkvorm => "werkvorm",
            FieldType::Werkvormen => "werkvormen",
            FieldType::Stappen => "stappen",
            FieldType::Meldniveau => "meldniveau",
            FieldType::Termijnen => "termijnen",
            FieldType::Tabel => "tabel",
            FieldType::Normtabel => "normtabel",
        }
    }

    /// Whether the answer is a list.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            FieldType::Lijst
                | FieldType::Afspraken
                | FieldType::Rollen
                | FieldType::Werkvormen
                | FieldType::Stappen
                | FieldType::Termijnen
                | FieldType::Tabel
        )
    }
}

/// What a field's prompt (`vraag`) is, which says whether the site shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PromptForm {
    /// A sentence that leads into the answer ("We hanteren de volgende huisregels:"):
    /// published as the lead-in under the field's heading.
    #[default]
    Zin,
    /// A question or a stem that only reads as a prompt for whoever fills in the form
    /// ("Welke werkvorm gebruiken we daarbij?", "...betekent voor ons:"), or a sentence
    /// the section's introduction already says: the heading (`kop`) stands in for it.
    Vraag,
    /// An instruction to whoever fills in the form ("Vul onderstaand schema aan met eigen
    /// voorbeelden."): never published.
    Instructie,
}

impl PromptForm {
    /// Whether the site shows the prompt as the lead-in of the answer.
    pub fn is_published(self) -> bool {
        self == PromptForm::Zin
    }
}

/// The longest heading (`kop`) a field may have, in characters.
pub const MAX_HEADING_CHARS: usize = 60;

/// One question of a form.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The key in the answer file.
    pub id: String,
    /// The short name of this part, the heading on the site (required for the fields of
    /// a section, at most [`MAX_HEADING_CHARS`] characters, unique in the template).
    #[serde(default)]
    pub kop: Option<String>,
    /// The form's prompt, word for word: shown to whoever fills it in (scaffold, editor
    /// hover, diagnostics); on the site only when `vraagvorm` is `zin`.
    pub vraag: String,
    /// What the prompt is: a lead-in sentence, a question or an instruction.
    #[serde(default)]
    pub vraagvorm: PromptForm,
    /// The answer's type.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Whether the form requires an answer.
    #[serde(default)]
    pub verplicht: bool,
    /// For lists: the minimum number of items.
    #[serde(default)]
    pub minimaal: Option<u64>,
    /// The default the form suggests.
    #[serde(default)]
    pub standaard: Option<Value>,
    /// A hint for whoever fills it in (never published).
    #[serde(default)]
    pub toelichting: Option<String>,
    /// A statement the form itself makes with this part, the same for every document
    /// (published with the answer, e.g. who is consulted once someone crossed the line).
    #[serde(default)]
    pub vaste_tekst: Option<String>,
    /// A short sub-heading above this field and the ones after it (the heading of a group).
    #[serde(default)]
    pub tussenkop: Option<String>,
    /// The form's own words that open the group under `tussenkop`, published as its lead-in
    /// ("Als de orde verstoord wordt, dan is onze reactie hierop:").
    #[serde(default)]
    pub tussenzin: Option<String>,
    /// For `keuze`: the allowed values.
    #[serde(default)]
    pub opties: Vec<String>,
    /// For `tabel`: the columns.
    #[serde(default)]
    pub kolommen: Vec<Field>,
    /// For `termijnen` in a team protocol: the ids of the organisation's terms this field
    /// asks for (each one the organisation defines must be answered, never laxer).
    #[serde(default)]
    pub termijnen: Vec<String>,
}

impl Field {
    /// The heading of this part on the site: its `kop` (every field of a section has one;
    /// the prompt stands in for a column or top-level field).
    pub fn heading(&self) -> &str {
        self.kop.as_deref().unwrap_or(&self.vraag)
    }

    /// The minimum number of items a list needs (1 for a required list without `minimaal`).
    pub fn min_items(&self) -> u64 {
        self.minimaal.unwrap_or(if self.verplicht { 1 } else { 0 })
    }
}

/// One section of a form.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The key under `secties:`.
    pub id: String,
    /// The form's heading.
    pub titel: String,
    /// Text the form prints above the fields.
    #[serde(default)]
    pub inleiding: Option<String>,
    /// The fields in order.
    #[serde(default)]
    pub velden: Vec<Field>,
}

impl Section {
    /// A section is required when one of its fields is.
    pub fn is_required(&self) -> bool {
        self.velden.iter().any(|f| f.verplicht)
    }
}

/// A template: one form.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The name answer files give in `template:`.
    pub template: String,
    /// What kind of document it describes.
    pub soort: Kind,
    /// The form's title.
    pub titel: String,
    /// The form's subtitle.
    #[serde(default)]
    pub omschrijving: Option<String>,
    /// The form's introduction (Markdown).
    #[serde(default)]
    pub inleiding: Option<String>,
    /// For team protocols: the behaviour categories that apply.
    #[serde(default)]
    pub categorieen: Vec<String>,
    /// Top-level fields (for kinds without sections).
    #[serde(default)]
    pub velden: Vec<Field>,
    /// The sections in order.
    #[serde(default)]
    pub secties: Vec<Section>,
}

impl Template {
    /// The section with `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.secties.iter().find(|s| s.id == id)
    }

    /// Every field of type `normtabel`, with its section.
    pub fn norm_tables(&self) -> impl Iterator<Item = (&Section, &Field)> {
        self.secties.iter().flat_map(|s| {
            s.velden
                .iter()
                .filter(|f| f.kind == FieldType::Normtabel)
                .map(move |f| (s, f))
        })
    }
}

/// All templates by name, with the findings from reading them.
#[derive(Debug, Default)]
pub struct Templates {
    /// Templates by name.
    pub by_name: BTreeMap<String, Template>,
    /// Problems in template files (only possible in a local `schemas/` override).
    pub diagnostics: Vec<Diagnostic>,
}

impl Templates {
    /// The template called `name`.
    pub fn get(&self, name: &str) -> Option<&Template> {
        self.by_name.get(name)
    }

    /// The embedded templates, overridden file by file by `<root>/schemas/*.yaml`.
    pub fn load(root: &Path) -> Self {
        let mut out = Templates::default();
        let dir = root.join("schemas");
        for (file, text) in EMBEDDED {
            let local = dir.join(file);
            // A link is reported by name and never read; the embedded form stands in.
            if let Some(link) = load::tree::first_link(root, &local) {
                out.diagnostics.push(load::symlink_refused(
                    &link,
                    load::display_path(root, &link),
                ));
                insert_embedded(&mut out, file, text);
                continue;
            }
            let source = if local.is_file() {
                match load::read_source(&local, load::display_path(root, &local)) {
                    Ok(s) => s,
                    Err(d) => {
                        out.diagnostics.push(*d);
                        continue;
                    }
                }
            } else {
                std::sync::Arc::new(SourceFile::new(
                    Path::new(file),
                    format!("(vpd) schemas/{file}"),
                    text.to_string(),
                ))
            };
            match parse_template(&source) {
                Ok(tpl) => {
                    out.by_name.insert(tpl.template.clone(), tpl);
                }
                Err(found) => {
                    out.diagnostics.extend(found);
                    // Keep checking the teams against the embedded form, so a broken
                    // override is reported once and not as "template does not exist".
                    insert_embedded(&mut out, file, text);
                }
            }
        }
        out.diagnostics.extend(check::unknown_files(root));
        out
    }
}

/// Adds the embedded form `file`, in place of a local override that cannot be used.
fn insert_embedded(out: &mut Templates, file: &str, text: &str) {
    let embedded = std::sync::Arc::new(SourceFile::new(
        Path::new(file),
        format!("(vpd) schemas/{file}"),
        text.to_string(),
    ));
    if let Ok(tpl) = parse_template(&embedded) {
        out.by_name.insert(tpl.template.clone(), tpl);
    }
}

/// Parses one template file and checks it as the template language requires: every type
/// known, every id following the id rule (ids become part of a URL, an HTML id or a form
/// field name) and unique where answers are looked up by it, every `keuze` with `opties`,
/// every heading short and unique. Each problem is a finding at its place in the file.
pub fn parse_template(source: &crate::source::Source) -> Result<Template, Vec<Diagnostic>> {
    let doc: Document = load::parse_document(source).map_err(|d| vec![d])?;
    let unknown = check::unknown_types(source, &doc);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let template: Template = serde_path_to_error::deserialize(&doc.value)
        .map_err(|e| vec![check::shape_error(source, &doc, &e)])?;
    if let Some(d) = bad_id(source, &doc, &template) {
        return Err(vec![d]);
    }
    let problems = check::semantics(source, &doc, &template);
    if !problems.is_empty() {
        return Err(problems);
    }
    match headings(&template) {
        Some(problem) => Err(vec![problem.diagnostic(source, &doc)]),
        None => Ok(template),
    }
}

/// The first id of `template` that breaks the id rule.
fn bad_id(
    source: &crate::source::Source,
    doc: &Document,
    template: &Template,
) -> Option<Diagnostic> {
    let (pointer, id) = ids(template)
        .into_iter()
        .find(|(_, id)| !crate::names::is_slug(id))?;
    Some(
        Diagnostic::new(
            Rule::InvalidTemplate,
            source,
            doc.spans.value(&pointer),
            t(
                "template.id-ongeldig",
                &[("id", &crate::terminal::escape(id))],
            ),
        )
        .with_hint(match crate::names::suggest_slug(id) {
            Some(s) => t("suggestie.bedoelde-u", &[("suggestie", &s)]),
            None => t("naam.geen-voorstel.hint", &[]),
        }),
    )
}

/// What is wrong with the headings and lead-ins of a template's fields.
enum HeadingProblem<'t> {
    /// A field of a section has no `kop`.
    Missing { pointer: String, field: &'t str },
    /// A `kop` is empty or longer than [`MAX_HEADING_CHARS`].
    Length {
        pointer: String,
        field: &'t str,
        kop: &'t str,
    },
    /// Two fields have the same `kop`.
    Duplicate {
        pointer: String,
        first: String,
        field: &'t str,
        other: &'t str,
        kop: &'t str,
    },
    /// Two fields would publish the same lead-in sentence.
    SameSentence {
        pointer: String,
        first: String,
        field: &'t str,
        other: &'t str,
    },
}

impl HeadingProblem<'_> {
    fn diagnostic(&self, source: &crate::source::Source, doc: &Document) -> Diagnostic {
        let at = |pointer: &str| doc.spans.value(pointer);
        match self {
            HeadingProblem::Missing { pointer, field } => Diagnostic::new(
                Rule::InvalidTemplate,
                source,
                at(pointer),
                t("template.kop-ontbreekt", &[("veld", field)]),
            )
            .with_hint(t("template.kop-ontbreekt.hint", &[])),
            HeadingProblem::Length {
                pointer,
                field,
                kop,
            } => Diagnostic::new(
                Rule::InvalidTemplate,
                source,
                at(pointer),
                t(
                    "template.kop-lengte",
                    &[
                        ("veld", field),
                        ("kop", &crate::terminal::escape(kop)),
                        ("tekens", &kop.chars().count().to_string()),
                        ("max", &MAX_HEADING_CHARS.to_string()),
                    ],
                ),
            )
            .with_hint(t("template.kop-lengte.hint", &[])),
            HeadingProblem::Duplicate {
                pointer,
                first,
                field,
                other,
                kop,
            } => Diagnostic::new(
                Rule::InvalidTemplate,
                source,
                at(pointer),
                t(
                    "template.kop-dubbel",
                    &[
                        ("veld", field),
                        ("ander", other),
                        ("kop", &crate::terminal::escape(kop)),
                    ],
                ),
            )
            .with_hint(t("template.kop-dubbel.hint", &[]))
            .with_secondary(
                source,
                at(first),
                t("template.kop-dubbel.eerste", &[("veld", other)]),
            ),
            HeadingProblem::SameSentence {
                pointer,
                first,
                field,
                other,
            } => Diagnostic::new(
                Rule::InvalidTemplate,
                source,
                at(pointer),
                t("template.zin-dubbel", &[("veld", field), ("ander", other)]),
            )
            .with_hint(t("template.zin-dubbel.hint", &[]))
            .with_secondary(
                source,
                at(first),
                t("template.kop-dubbel.eerste", &[("veld", other)]),
            ),
        }
    }
}

/// The first problem with the headings of a template's section fields: each needs a short
/// `kop` (it heads the answer on the site), unique in the template, and no two fields may
/// publish the same lead-in sentence (the page would say it twice).
fn headings(template: &Template) -> Option<HeadingProblem<'_>> {
    let mut koppen: BTreeMap<String, (String, &str)> = BTreeMap::new();
    let mut zinnen: BTreeMap<&str, (String, &str)> = BTreeMap::new();
    for (i, section) in template.secties.iter().enumerate() {
        for (j, field) in section.velden.iter().enumerate() {
            let pointer = format!("/secties/{i}/velden/{j}");
            let Some(kop) = field.kop.as_deref() else {
                return Some(HeadingProblem::Missing {
                    pointer,
                    field: &field.id,
                });
            };
            let chars = kop.trim().chars().count();
            if chars == 0 || chars > MAX_HEADING_CHARS {
                return Some(HeadingProblem::Length {
                    pointer: format!("{pointer}/kop"),
                    field: &field.id,
                    kop,
                });
            }
            if let Some((first, other)) = koppen.get(&kop.trim().to_lowercase()) {
                return Some(HeadingProblem::Duplicate {
                    pointer: format!("{pointer}/kop"),
                    first: first.clone(),
                    field: &field.id,
                    other,
                    kop,
                });
            }
            koppen.insert(
                kop.trim().to_lowercase(),
                (format!("{pointer}/kop"), &field.id),
            );
            if field.vraagvorm.is_published() {
                let sentence = field.vraag.trim();
                if let Some((first, other)) = zinnen.get(sentence) {
                    return Some(HeadingProblem::SameSentence {
                        pointer: format!("{pointer}/vraag"),
                        first: first.clone(),
                        field: &field.id,
                        other,
                    });
                }
                zinnen.insert(sentence, (format!("{pointer}/vraag"), &field.id));
            }
        }
    }
    None
}

/// Every id a template defines, with its JSON pointer in the template file.
fn ids(template: &Template) -> Vec<(String, &str)> {
    let mut out = vec![("/template".to_string(), template.template.as_str())];
    for (i, c) in template.categorieen.iter().enumerate() {
        out.push((format!("/categorieen/{i}"), c.as_str()));
    }
    field_ids("/velden", &template.velden, &mut out);
    for (i, section) in template.secties.iter().enumerate() {
        out.push((format!("/secties/{i}/id"), section.id.as_str()));
        field_ids(&format!("/secties/{i}/velden"), &section.velden, &mut out);
    }
    out
}

fn field_ids<'t>(prefix: &str, fields: &'t [Field], out: &mut Vec<(String, &'t str)>) {
    for (i, field) in fields.iter().enumerate() {
        out.push((format!("{prefix}/{i}/id"), field.id.as_str()));
        field_ids(&format!("{prefix}/{i}/kolommen"), &field.kolommen, out);
    }
}

/// A catalog in SchemaStore's format, with relative URLs so it works on any intranet host.
pub fn catalog(schemas: &[(&String, &serde_json::Value)]) -> serde_json::Value {
    use serde_json::json;
    let entries: Vec<_> = schemas
        .iter()
        .map(|(name, schema)| {
            let file_match = editor::file_match(name);
            json!({
                "name": schema.get("title").and_then(|t| t.as_str()).unwrap_or(name),
                "description": t("schema.catalogus.omschrijving", &[("naam", name)]),
                "fileMatch": file_match,
                "url": format!("{name}.json"),
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_template_parses() {
        let templates = Templates::load(Path::new("/nonexistent"));
        assert!(
            templates.diagnostics.is_empty(),
            "{:?}",
            templates
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
        );
        for name in [
            "werkplein",
            "kcc",
            "beleid",
            "normschema",
            "leerdoelwijzer",
            "ontwikkelmatrix",
            "werkvorm",
        ] {
            assert!(templates.get(name).is_some(), "template {name} missing");
        }
    }
}
