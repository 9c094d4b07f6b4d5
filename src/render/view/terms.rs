//! Measurable terms as a table: what, the term, the organisation's term beside a team's,
//! and the commitment in words when a row has it.

use super::answer_html;
use crate::messages::t;
use crate::model::{Answer, SiteBase};
use crate::render::markdown::{escape, inline_html};

/// Measurable terms as a table: what, the term, (the organisation's term,) in words.
pub(super) fn terms_html(base: &SiteBase, a: &Answer, label: &str) -> String {
    let Answer::Termijnen {
        met_organisatie,
        rijen,
    } = a
    else {
        return answer_html(base, a);
    };
    let label = escape(label);
    let mut out = format!(
        "<div class=\"utrecht-table-container vpd-tabel-wrapper\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\"><table class=\"utrecht-table utrecht-table--html-table vpd-tabel vpd-termijnen\"><caption class=\"vpd-visueel-verborgen\">{label}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        escape(&t("ui.termijn.afspraak", &[])),
        escape(&t(
            if *met_organisatie {
                "ui.termijn.team"
            } else {
                "ui.termijn.termijn"
            },
            &[]
        )),
    );
    if *met_organisatie {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            escape(&t("ui.termijn.organisatie", &[]))
        ));
    }
    let explained = rijen.iter().any(|r| r.toelichting.is_some());
    if explained {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            escape(&t("ui.termijn.toelichting", &[]))
        ));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rijen {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            escape(&r.naam),
            escape(&r.termijn)
        ));
        if *met_organisatie {
            out.push_str(&format!(
                "<td>{}</td>",
                escape(r.organisatie.as_deref().unwrap_or("—"))
            ));
        }
        if explained {
            let words = r.toelichting.as_deref().map(|w| inline_html(w, base));
            out.push_str(&format!("<td>{}</td>", words.unwrap_or_default()));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}
