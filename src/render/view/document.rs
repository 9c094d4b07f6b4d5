//! A sectioned document's sections and fields as `_sectie.html` reads them: the answers
//! as HTML fragments beside the form's headings and prompts.

use serde::Serialize;

use super::answer_html_labelled;
use crate::model::{Answer, FieldAnswer, SectionAnswers, SiteBase};
use crate::render::markdown::to_html;

/// A section for templates.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    id: &'a str,
    titel: &'a str,
    inleiding_html: String,
    aanwezig: bool,
    onvolledig: bool,
    velden: Vec<FieldView<'a>>,
}

/// A field for templates.
#[derive(Debug, Serialize)]
pub struct FieldView<'a> {
    id: &'a str,
    kop: &'a str,
    zin: Option<&'a str>,
    tussenkop: Option<&'a str>,
    tussenzin: Option<&'a str>,
    verplicht: bool,
    standaard: bool,
    ontbreekt: bool,
    /// Whether the field is the norm table (shown from the document's norm rows).
    normtabel: bool,
    html: String,
    vaste_tekst_html: Option<String>,
}

/// A section for templates.
pub fn section<'a>(base: &SiteBase, s: &'a SectionAnswers) -> SectionView<'a> {
    SectionView {
        id: &s.id,
        titel: &s.titel,
        inleiding_html: s
            .inleiding
            .as_deref()
            .map(|i| to_html(i, base))
            .unwrap_or_default(),
        aanwezig: s.aanwezig,
        onvolledig: s.onvolledig,
        velden: s.velden.iter().map(|f| field(base, f)).collect(),
    }
}

/// A field for templates.
pub fn field<'a>(base: &SiteBase, f: &'a FieldAnswer) -> FieldView<'a> {
    FieldView {
        id: &f.id,
        kop: &f.kop,
        zin: f.zin.as_deref(),
        tussenkop: f.tussenkop.as_deref(),
        tussenzin: f.tussenzin.as_deref(),
        verplicht: f.verplicht,
        standaard: f.standaard,
        ontbreekt: f.ontbreekt,
        normtabel: matches!(f.antwoord, Answer::Normtabel),
        html: answer_html_labelled(base, &f.antwoord, &f.kop),
        vaste_tekst_html: f.vaste_tekst.as_deref().map(|v| to_html(v, base)),
    }
}
