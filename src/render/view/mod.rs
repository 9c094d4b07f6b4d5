//! Turns model values into what templates show: answers as HTML fragments, Markdown as
//! sanitised HTML, Dutch labels for ids. Templates only loop and place. Every function
//! that writes HTML gets the site's base: links to pages of the site are written below it.
//!
//! The views are typed values that borrow the model and serialise straight into Tera's
//! values: [`document`] (sections and fields), [`norm`] (norm rows and categories) and
//! [`flow`] (an approach as a flow chart).

pub mod document;
pub mod flow;
pub mod norm;
mod terms;

use super::markdown::{escape, inline_html, to_html};
use crate::messages::t;
use crate::model::{Answer, ReportingLevel, SiteBase};

/// The Dutch label of a reporting level ("niet beschreven" when the norm gives none).
pub fn level_label(level: Option<ReportingLevel>) -> String {
    let key = match level {
        Some(ReportingLevel::Niet) => "ui.meldniveau_niet",
        Some(ReportingLevel::BijPatroon) => "ui.meldniveau_bij_patroon",
        Some(ReportingLevel::Altijd) => "ui.meldniveau_altijd",
        None => "ui.niet_beschreven",
    };
    t(key, &[])
}

/// An answer as an HTML fragment; `label` names a table (its caption and region label).
pub fn answer_html_labelled(base: &SiteBase, a: &Answer, label: &str) -> String {
    match a {
        Answer::Tabel { .. } => table_html(base, a, label),
        Answer::Termijnen { .. } => terms::terms_html(base, a, label),
        other => answer_html(base, other),
    }
}

/// An answer as an HTML fragment.
pub fn answer_html(base: &SiteBase, a: &Answer) -> String {
    match a {
        Answer::Leeg | Answer::Normtabel => String::new(),
        Answer::Tekst { tekst } => to_html(tekst, base),
        Answer::Lijst { items } => {
            let mut out = String::from("<ul>");
            for i in items {
                out.push_str("<li>");
                out.push_str(&inline_html(i, base));
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
                        escape(&base.href(url)),
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
                    out.push_str(&to_html(u, base));
                }
                out.push_str("</li>");
            }
            out.push_str("</ol>");
            out
        }
        Answer::Tabel { .. } => table_html(base, a, &t("ui.tabel", &[])),
        Answer::Termijnen { .. } => terms::terms_html(base, a, &t("ui.termijnen", &[])),
    }
}

fn table_html(base: &SiteBase, a: &Answer, label: &str) -> String {
    match a {
        Answer::Tabel { kolommen, rijen } => {
            let label = escape(label);
            let mut out = format!(
                "<div class=\"utrecht-table-container vpd-tabel-wrapper\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\"><table class=\"utrecht-table utrecht-table--html-table vpd-tabel\"><caption class=\"vpd-visueel-verborgen\">{label}</caption><thead><tr>"
            );
            for k in kolommen {
                out.push_str(&format!("<th scope=\"col\">{}</th>", escape(k)));
            }
            out.push_str("</tr></thead><tbody>");
            for row in rijen {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let inner = match cell {
                        Answer::Tekst { tekst } => inline_html(tekst, base),
                        other => answer_html(base, other),
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
        other => answer_html(base, other),
    }
}
