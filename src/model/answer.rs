//! A template field and the value a document gives for it, as typed data for the pages.

use serde::Serialize;
use serde_json::Value;

use super::Named;
use crate::template::placeholder::is_placeholder;
use crate::template::{Field, FieldType, Section as TemplateSection};
use crate::validate::org::Step;
use crate::validate::term::check::OrgTerm;

/// A reference to another page or a named thing.
#[derive(Debug, Clone, Serialize)]
pub struct Ref {
    /// The id or slug.
    pub id: String,
    /// The name shown.
    pub naam: String,
    /// The page it links to, when it has one (site-relative, e.g. `/werkvormen/x/`).
    pub url: Option<String>,
}

/// An answer, by shape.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "vorm", rename_all = "lowercase")]
pub enum Answer {
    /// Not answered (or only a placeholder).
    Leeg,
    /// A text (Markdown).
    Tekst {
        /// The text.
        tekst: String,
    },
    /// A list of texts (Markdown each).
    Lijst {
        /// The items.
        items: Vec<String>,
    },
    /// References to roles, departments, werkvormen.
    Verwijzingen {
        /// The references.
        items: Vec<Ref>,
    },
    /// An approach.
    Stappen {
        /// The steps.
        stappen: Vec<Step>,
    },
    /// A table: column headers and rows of cells.
    Tabel {
        /// The column headers (the columns' prompts).
        kolommen: Vec<String>,
        /// The rows.
        rijen: Vec<Vec<Answer>>,
    },
    /// Measurable terms: the organisation's, or a team's beside the organisation's.
    Termijnen {
        /// Whether the rows show the organisation's term beside the team's.
        met_organisatie: bool,
        /// The terms.
        rijen: Vec<TermRow>,
    },
    /// The norm table: rendered from the team's norm rows, see `Team::normtabel`.
    Normtabel,
}

/// One measurable term as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TermRow {
    /// What it is about.
    pub naam: String,
    /// The term as written ("binnen 24 uur").
    pub termijn: String,
    /// The organisation's term, beside a team's.
    pub organisatie: Option<String>,
    /// The commitment in plain words (Markdown).
    pub toelichting: Option<String>,
}

impl Answer {
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        matches!(self, Answer::Leeg)
    }
}

/// One field of a section with its answer.
#[derive(Debug, Clone, Serialize)]
pub struct FieldAnswer {
    /// The field id.
    pub id: String,
    /// The short name of this part: its heading on the page.
    pub kop: String,
    /// The form's prompt (for whoever fills it in; names the field in tables' captions).
    pub vraag: String,
    /// The prompt as the lead-in sentence of the answer, when the template says it reads
    /// as one (`vraagvorm: zin`); questions and instructions are never published.
    pub zin: Option<String>,
    /// A sub-heading above this field and the ones after it.
    pub tussenkop: Option<String>,
    /// The form's words that open the group under `tussenkop`.
    pub tussenzin: Option<String>,
    /// Whether the form requires it.
    pub verplicht: bool,
    /// The answer.
    pub antwoord: Answer,
    /// Whether the answer is the form's default (the document left the field out).
    pub standaard: bool,
    /// The form's fixed statement with this part (Markdown), the same for every document.
    pub vaste_tekst: Option<String>,
    /// Whether a required answer is missing (shown as a marked gap on a concept).
    pub ontbreekt: bool,
}

/// One section with its answers, in the template's order.
#[derive(Debug, Clone, Serialize)]
pub struct SectionAnswers {
    /// The section id (also the anchor on the page).
    pub id: String,
    /// The form's heading.
    pub titel: String,
    /// Text the form prints above the fields (Markdown).
    pub inleiding: Option<String>,
    /// Whether the document has this section.
    pub aanwezig: bool,
    /// Whether the section is marked incomplete on its page. For a team protocol: not
    /// `compleet`; for the organisation's documents: a required answer is missing.
    pub onvolledig: bool,
    /// Whether the section is complete. For a team protocol this is validation's measure
    /// (`TeamReport`: present, no finding), the figure `vpd check` and `/status/` show; for
    /// the organisation's documents: present with every required answer.
    pub compleet: bool,
    /// The fields.
    pub velden: Vec<FieldAnswer>,
}

/// What references resolve against.
pub struct Lookup<'a> {
    /// Roles.
    pub roles: &'a [Named],
    /// Departments.
    pub departments: &'a [Named],
    /// Werkvormen (slug, title).
    pub werkvormen: &'a [Named],
    /// The organisation's measurable terms.
    pub terms: &'a [OrgTerm],
}

impl Lookup<'_> {
    fn resolve(&self, kind: FieldType, id: &str) -> Ref {
        let (list, url) = match kind {
            FieldType::Rol | FieldType::Rollen => (self.roles, None),
            FieldType::Afdeling => (self.departments, Some(format!("/teams/#afdeling-{id}"))),
            _ => (self.werkvormen, Some(format!("/werkvormen/{id}/"))),
        };
        match list.iter().find(|n| n.id == id) {
            Some(n) => Ref {
                id: id.to_string(),
                naam: n.naam.clone(),
                url,
            },
            None => Ref {
                id: id.to_string(),
                naam: id.to_string(),
                url: None,
            },
        }
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !is_placeholder(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(text).collect())
        .unwrap_or_default()
}

/// The answer `value` gives to `field`.
pub fn answer(field: &Field, value: Option<&Value>, lookup: &Lookup) -> Answer {
    let Some(value) = value else {
        return Answer::Leeg;
    };
    let a = match field.kind {
        FieldType::Tekst
        | FieldType::Sleutel
        | FieldType::Datum
        | FieldType::Getal
        | FieldType::Keuze
        | FieldType::Meldniveau => text(value).map(|tekst| Answer::Tekst { tekst }),
        FieldType::Lijst | FieldType::Afspraken => {
            let items = texts(value);
            (!items.is_empty()).then_some(Answer::Lijst { items })
        }
        FieldType::Rol | FieldType::Afdeling | FieldType::Werkvorm => {
            text(value).map(|id| Answer::Verwijzingen {
                items: vec![lookup.resolve(field.kind, &id)],
            })
        }
        FieldType::Rollen | FieldType::Werkvormen => {
            let items: Vec<Ref> = texts(value)
                .iter()
                .map(|id| lookup.resolve(field.kind, id))
                .collect();
            (!items.is_empty()).then_some(Answer::Verwijzingen { items })
        }
        FieldType::Stappen => {
            let stappen = Step::list(Some(value));
            (!stappen.is_empty()).then_some(Answer::Stappen { stappen })
        }
        FieldType::Tabel => {
            let rijen: Vec<Vec<Answer>> = value
                .as_array()
                .map(|rows| {
                    rows.iter()
                        .map(|row| {
                            field
                                .kolommen
                                .iter()
                                .map(|c| answer(c, row.get(&c.id), lookup))
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            (!rijen.is_empty()).then(|| Answer::Tabel {
                kolommen: field.kolommen.iter().map(|c| c.vraag.clone()).collect(),
                rijen,
            })
        }
        FieldType::Termijnen => terms(field, value, lookup),
        FieldType::Normtabel => Some(Answer::Normtabel),
    };
    a.unwrap_or(Answer::Leeg)
}

/// The rows of a `termijnen` field. A team's field (one that asks for the organisation's
/// terms) shows each term beside the organisation's, named as the organisation names it.
fn terms(field: &Field, value: &Value, lookup: &Lookup) -> Option<Answer> {
    let team = !field.termijnen.is_empty();
    let rijen: Vec<TermRow> = value
        .as_array()?
        .iter()
        .filter_map(|row| {
            let id = row.get("id")?.as_str()?;
            let termijn = row.get("termijn").and_then(text)?;
            let org = lookup.terms.iter().find(|o| o.id == id);
            Some(TermRow {
                naam: row
                    .get("naam")
                    .and_then(text)
                    .or_else(|| org.map(|o| o.naam.clone()))
                    .unwrap_or_else(|| id.to_string()),
                termijn,
                organisatie: org.filter(|_| team).map(|o| o.termijn.clone()),
                toelichting: row.get("toelichting").and_then(text),
            })
        })
        .collect();
    (!rijen.is_empty()).then_some(Answer::Termijnen {
        met_organisatie: team,
        rijen,
    })
}

/// Every section of a template with the answers of `doc_sections` (the document's
/// `secties` mapping), falling back to the form's defaults.
pub fn sections(
    template_sections: &[TemplateSection],
    doc_sections: Option<&Value>,
    lookup: &Lookup,
) -> Vec<SectionAnswers> {
    template_sections
        .iter()
        .map(|s| {
            let doc = doc_sections.and_then(|d| d.get(&s.id));
            let velden: Vec<FieldAnswer> = s
                .velden
                .iter()
                .map(|f| {
                    let given = doc.and_then(|d| d.get(&f.id));
                    let mut antwoord = answer(f, given, lookup);
                    let mut standaard = false;
                    if antwoord.is_empty() && given.is_none() && f.kind != FieldType::Normtabel {
                        if let Some(default) = &f.standaard {
                            antwoord = answer(f, Some(default), lookup);
                            standaard = !antwoord.is_empty();
                        }
                    }
                    let ontbreekt = f.verplicht && antwoord.is_empty();
                    FieldAnswer {
                        id: f.id.clone(),
                        kop: f.heading().to_string(),
                        vraag: f.vraag.clone(),
                        zin: f.vraagvorm.is_published().then(|| f.vraag.clone()),
                        tussenkop: f.tussenkop.clone(),
                        tussenzin: f.tussenzin.clone(),
                        verplicht: f.verplicht,
                        antwoord,
                        standaard,
                        vaste_tekst: f.vaste_tekst.clone(),
                        ontbreekt,
                    }
                })
                .collect();
            let onvolledig = velden.iter().any(|f| f.ontbreekt);
            SectionAnswers {
                id: s.id.clone(),
                titel: s.titel.clone(),
                inleiding: s.inleiding.clone(),
                aanwezig: doc.is_some(),
                onvolledig,
                compleet: doc.is_some() && !onvolledig,
                velden,
            }
        })
        .collect()
}
