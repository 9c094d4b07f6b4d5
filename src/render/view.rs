//! Turns model values into what templates show: answers as HTML fragments, Markdown as
//! sanitised HTML, Dutch labels for ids. Templates only loop and place.

use serde_json::{Value, json};

use super::markdown::{escape, inline_html, to_html};
use crate::messages::t;
use crate::model::{Answer, Category, FieldAnswer, NormRow, SectionAnswers, Step};

/// The Dutch label of a reporting level.
pub fn level_label(level: &str) -> String {
    t(&format!("ui.meldniveau_{}", level.replace('-', "_")), &[])
}

/// A step for templates.
pub fn step(s: &Step) -> Value {
    json!({
        "id": s.id,
        "tekst": s.tekst,
        "uitleg_html": s.uitleg.as_deref().map(to_html).unwrap_or_default(),
        "verplicht": s.verplicht,
        "soort": s.soort,
    })
}

/// An answer as an HTML fragment; `label` names a table (its caption and region label).
pub fn answer_html_labelled(a: &Answer, label: &str) -> String {
    match a {
        Answer::Tabel { .. } => table_html(a, label),
        other => answer_html(other),
    }
}

/// An answer as an HTML fragment.
pub fn answer_html(a: &Answer) -> String {
    match a {
        Answer::Leeg | Answer::Normtabel => String::new(),
        Answer::Tekst { tekst } => to_html(tekst),
        Answer::Lijst { items } => {
            let mut out = String::from("<ul>");
            for i in items {
                out.push_str("<li>");
                out.push_str(&inline_html(i));
                out.push_str("</li>");
            }
            out.push_str("</ul>");
            out
        }
        Answer::Verwijzingen { items } => {
            let mut out = String::from("<ul class=\"vpd-verwijzingen\">");
            for r in items {
                out.push_str("<li>");
                match &r.url {
                    Some(url) => out.push_str(&format!(
                        "<a href=\"{}\">{}</a>",
                        escape(url),
                        escape(&r.naam)
                    )),
                    None => out.push_str(&escape(&r.naam)),
                }
                out.push_str("</li>");
            }
            out.push_str("</ul>");
            out
        }
        Answer::Stappen { stappen } => {
            let mut out = String::from("<ol class=\"vpd-stappen\">");
            for s in stappen {
                out.push_str(&format!("<li>{}", escape(&s.tekst)));
                if let Some(u) = &s.uitleg {
                    out.push_str(&to_html(u));
                }
                out.push_str("</li>");
            }
            out.push_str("</ol>");
            out
        }
        Answer::Tabel { .. } => table_html(a, &t("ui.tabel", &[])),
    }
}

fn table_html(a: &Answer, label: &str) -> String {
    match a {
        Answer::Tabel { kolommen, rijen } => {
            let label = escape(label);
            let mut out = format!(
                "<div class=\"vpd-tabel-wrapper\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\"><table class=\"vpd-tabel\"><caption class=\"vpd-visueel-verborgen\">{label}</caption><thead><tr>"
            );
            for k in kolommen {
                out.push_str(&format!("<th scope=\"col\">{}</th>", escape(k)));
            }
            out.push_str("</tr></thead><tbody>");
            for row in rijen {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let inner = match cell {
                        Answer::Tekst { tekst } => inline_html(tekst),
                        other => answer_html(other),
                    };
                    if i == 0 {
                        out.push_str(&format!("<th scope=\"row\">{inner}</th>"));
                    } else {
                        out.push_str(&format!("<td>{inner}</td>"));
                    }
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div>");
            out
        }
        other => answer_html(other),
    }
}

/// A field for templates.
pub fn field(f: &FieldAnswer) -> Value {
    json!({
        "id": f.id,
        "vraag": f.vraag,
        "tussenkop": f.tussenkop,
        "verplicht": f.verplicht,
        "standaard": f.standaard,
        "ontbreekt": f.ontbreekt,
        "normtabel": matches!(f.antwoord, Answer::Normtabel),
        "html": answer_html_labelled(&f.antwoord, &f.vraag),
    })
}

/// A section for templates.
pub fn section(s: &SectionAnswers) -> Value {
    json!({
        "id": s.id,
        "titel": s.titel,
        "inleiding_html": s.inleiding.as_deref().map(to_html).unwrap_or_default(),
        "aanwezig": s.aanwezig,
        "onvolledig": s.onvolledig,
        "velden": s.velden.iter().map(field).collect::<Vec<_>>(),
    })
}

/// A behaviour category for templates.
pub fn category(c: &Category) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    v["aanpak"] = Value::Array(c.aanpak.iter().map(step).collect());
    v["meldniveau_tekst"] = json!(level_label(&c.meldniveau));
    v["aangifte_label"] = json!(t(
        &format!("ui.aangifte_{}", c.aangifte.replace('-', "_")),
        &[]
    ));
    v
}

/// A team's norm row for templates.
pub fn norm_row(r: &NormRow) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    v["aanpak"] = Value::Array(r.aanpak.iter().map(step).collect());
    v["meldniveau_tekst"] = json!(level_label(&r.meldniveau));
    v["meldniveau_organisatie_tekst"] = json!(level_label(&r.meldniveau_organisatie));
    v["voorbeelden_html"] = Value::Array(
        r.voorbeelden
            .iter()
            .map(|x| json!(inline_html(x)))
            .collect(),
    );
    v["toelichting_html"] = json!(r.toelichting.as_deref().map(to_html).unwrap_or_default());
    v
}
