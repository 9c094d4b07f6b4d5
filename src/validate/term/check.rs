//! The organisation's terms and a team's: read from every `termijnen` field, each phrase
//! parsed where it is written, and a team's term compared with the organisation's.
//!
//! Rules: a phrase that is no term, or a team term of another kind than the
//! organisation's (`termijn-ongeldig`); the same term id twice in the organisation's
//! documents (`termijn-dubbel`); a team term laxer than the organisation's
//! (`termijn-ruimer`, with both places); a term the field asks and the organisation sets
//! that the team leaves out (`termijn-ontbreekt`). In a concept the last two are
//! warnings, like every gap of a concept.

use serde_json::Value;

use super::Term;
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::load::spans::pointer;
use crate::messages::t;
use crate::source::{Source, Span};
use crate::template::{FieldType, Template};

/// A term the organisation sets in its policy or norm schema.
#[derive(Debug, Clone)]
pub struct OrgTerm {
    /// The id teams give it by.
    pub id: String,
    /// What it is about ("Eerste nazorgcontact").
    pub naam: String,
    /// The phrase as written ("binnen 24 uur").
    pub termijn: String,
    /// The phrase read as a term (absent when it is not one; that is a finding).
    pub term: Option<Term>,
    /// The commitment in plain words (Markdown).
    pub toelichting: Option<String>,
    /// The file it is written in.
    pub source: Source,
    /// Where the phrase is written.
    pub span: Span,
}

/// One row of a `termijnen` field as written.
struct Row<'a> {
    id: &'a str,
    termijn: Option<&'a str>,
    /// Its place in the list (its pointer is built only for a finding).
    index: usize,
    value: &'a Value,
}

impl Row<'_> {
    /// The JSON pointer of the row's `key`, in the field at `field_ptr`.
    fn pointer(&self, field_ptr: &str, key: &str) -> String {
        format!("{field_ptr}/{}/{key}", self.index)
    }
}

/// Every `termijnen` field of `doc` with its JSON pointer and rows.
fn term_fields<'a>(
    doc: &'a Document,
    template: &'a Template,
) -> impl Iterator<
    Item = (
        &'a crate::template::Section,
        &'a crate::template::Field,
        String,
        Vec<Row<'a>>,
    ),
> + 'a {
    template.secties.iter().flat_map(move |section| {
        section
            .velden
            .iter()
            .filter(|f| f.kind == FieldType::Termijnen)
            .map(move |field| {
                let field_ptr = pointer(&["secties", &section.id, &field.id]);
                let rows = doc
                    .value
                    .get("secties")
                    .and_then(|s| s.get(&section.id))
                    .and_then(|s| s.get(&field.id))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(index, row)| {
                        Some(Row {
                            id: row.get("id")?.as_str()?,
                            termijn: row.get("termijn").and_then(Value::as_str),
                            index,
                            value: row,
                        })
                    })
                    .collect();
                (section, field, field_ptr, rows)
            })
    })
}

/// The organisation's terms from its policy and norm schema, in that order, with the
/// findings about them.
pub fn organisation_terms(documents: &[(&Document, &Template)]) -> (Vec<OrgTerm>, Vec<Diagnostic>) {
    let mut terms: Vec<OrgTerm> = Vec::new();
    let mut found = Vec::new();
    for (doc, template) in documents {
        for (section, _, field_ptr, rows) in term_fields(doc, template) {
            for row in rows {
                let Some(phrase) = row.termijn else { continue };
                let span = doc.spans.value(&row.pointer(&field_ptr, "termijn"));
                let term = Term::parse(phrase);
                if term.is_none() {
                    found.push(invalid(doc, span, phrase, &section.id));
                }
                if let Some(first) = terms.iter().find(|o| o.id == row.id) {
                    found.push(duplicate(doc, &row, &field_ptr, first, &section.id));
                    continue;
                }
                terms.push(OrgTerm {
                    id: row.id.to_string(),
                    naam: text(row.value, "naam").unwrap_or_else(|| row.id.to_string()),
                    termijn: phrase.to_string(),
                    term,
                    toelichting: text(row.value, "toelichting"),
                    source: doc.source.clone(),
                    span,
                });
            }
        }
    }
    (terms, found)
}

/// The findings about a team protocol's terms against the organisation's.
pub fn check_team(doc: &Document, template: &Template, org: &[OrgTerm]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (section, field, field_ptr, rows) in term_fields(doc, template) {
        for row in &rows {
            let Some(phrase) = row.termijn else { continue };
            // Where the phrase is written: looked up only for a finding.
            let span = || doc.spans.value(&row.pointer(&field_ptr, "termijn"));
            let Some(team) = Term::parse(phrase) else {
                found.push(invalid(doc, span(), phrase, &section.id));
                continue;
            };
            let Some((theirs, org_term)) = org
                .iter()
                .find(|o| o.id == row.id)
                .and_then(|o| Some((o.term?, o)))
            else {
                continue;
            };
            match team.laxer_than(&theirs) {
                Ok(false) => {}
                Ok(true) => found.push(laxer(doc, span(), phrase, org_term, &section.id)),
                Err(_) => found.push(other_kind(doc, span(), phrase, org_term, &section.id)),
            }
        }
        for wanted in &field.termijnen {
            let Some(org_term) = org.iter().find(|o| &o.id == wanted) else {
                continue;
            };
            if rows.iter().all(|r| r.id != wanted) {
                found.push(missing(doc, &field_ptr, org_term, &section.id));
            }
        }
    }
    found
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn invalid(doc: &Document, span: Span, phrase: &str, section: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::TermInvalid,
        &doc.source,
        span,
        t("termijn.ongeldig", &[("termijn", phrase)]),
    )
    .with_label(t("termijn.ongeldig.label", &[]))
    .with_hint(t("termijn.ongeldig.hint", &[]))
    .in_section(section.to_string())
}

fn other_kind(
    doc: &Document,
    span: Span,
    phrase: &str,
    org: &OrgTerm,
    section: &str,
) -> Diagnostic {
    let soort = org.term.map_or("", |o| o.kind_word());
    Diagnostic::new(
        Rule::TermInvalid,
        &doc.source,
        span,
        t(
            "termijn.soort",
            &[
                ("termijn", phrase),
                ("naam", &org.naam),
                ("organisatie", &org.termijn),
            ],
        ),
    )
    .with_label(t("termijn.ongeldig.label", &[]))
    .with_hint(t("termijn.soort.hint", &[("soort", soort)]))
    .with_secondary(&org.source, org.span, t("termijn.org", &[]))
    .in_section(section.to_string())
}

fn laxer(doc: &Document, span: Span, phrase: &str, org: &OrgTerm, section: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::TermLaxer,
        &doc.source,
        span,
        t(
            "termijn.ruimer",
            &[
                ("termijn", phrase),
                ("naam", &org.naam),
                ("organisatie", &org.termijn),
            ],
        ),
    )
    .with_label(t("termijn.ruimer.label", &[]))
    .with_hint(t("termijn.ruimer.hint", &[("organisatie", &org.termijn)]))
    .with_secondary(&org.source, org.span, t("termijn.org", &[]))
    .in_section(section.to_string())
}

fn missing(doc: &Document, field_ptr: &str, org: &OrgTerm, section: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::TermMissing,
        &doc.source,
        doc.spans.key_or_value(field_ptr),
        t(
            "termijn.ontbreekt",
            &[("naam", &org.naam), ("organisatie", &org.termijn)],
        ),
    )
    .with_label(t("termijn.ontbreekt.label", &[("id", &org.id)]))
    .with_hint(t(
        "termijn.ontbreekt.hint",
        &[("id", &org.id), ("organisatie", &org.termijn)],
    ))
    .with_secondary(&org.source, org.span, t("termijn.org", &[]))
    .in_section(section.to_string())
}

fn duplicate(
    doc: &Document,
    row: &Row<'_>,
    field_ptr: &str,
    first: &OrgTerm,
    section: &str,
) -> Diagnostic {
    Diagnostic::new(
        Rule::TermDuplicate,
        &doc.source,
        doc.spans.value(&row.pointer(field_ptr, "id")),
        t("termijn.dubbel", &[("id", row.id)]),
    )
    .with_hint(t("termijn.dubbel.hint", &[]))
    .with_secondary(&first.source, first.span, t("termijn.dubbel.eerste", &[]))
    .in_section(section.to_string())
}
