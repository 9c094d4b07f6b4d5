//! Turns model values into what templates show: answers as HTML fragments, Markdown as
//! sanitised HTML, Dutch labels for ids. Templates only loop and place. Every function
//! that writes HTML gets the site's base: links to pages of the site are written below it.

use serde_json::{Value, json};

use super::markdown::{escape, inline_html, to_html};
use crate::messages::t;
use crate::model::{
    Answer, Category, FieldAnswer, Next, NormRow, ReportingLevel, SectionAnswers, SiteBase, Step,
    Target, TeamStep,
};

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

/// A step of the organisation's approach for templates.
pub fn step(base: &SiteBase, s: &Step) -> Value {
    json!({
        "id": s.id,
        "tekst": s.tekst,
        "uitleg_html": s.uitleg.as_deref().map(|u| to_html(u, base)).unwrap_or_default(),
        "verplicht": s.verplicht,
        "noodnummer": mentions_emergency_number(s),
        "soort": s.soort,
        "eigen": false,
        "team_tekst": null,
        "team_uitleg_html": "",
    })
}

/// Whether a step tells staff to call 112: such a step stands out on the page.
fn mentions_emergency_number(s: &Step) -> bool {
    let has = |text: &str| {
        text.match_indices("112").any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + 3..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    };
    has(&s.tekst) || s.uitleg.as_deref().is_some_and(has)
}

/// The steps of one flow chart for templates: each with its number, its anchor
/// (`{prefix}-{id}`, unique on the page) and where the flow goes after it: on to the next
/// step (`volgt`, drawn as an arrow), to another step (`sprong`), the end (`einde`), or a
/// decision's two ways (`keuze`), each naming the step's number, anchor and text.
pub fn flow(mut steps: Vec<Value>, next: &[Next], prefix: &str) -> Vec<Value> {
    let anchors: Vec<String> = steps
        .iter()
        .map(|s| format!("{prefix}-{}", s["id"].as_str().unwrap_or_default()))
        .collect();
    let texts: Vec<Value> = steps.iter().map(|s| s["tekst"].clone()).collect();
    let way = |target: Option<Target>| match target {
        Some(Target::Stap(j)) => json!({
            "nummer": j + 1,
            "anker": anchors.get(j),
            "tekst": texts.get(j),
        }),
        // Unknown steps stop validation; the preview of a broken tree shows the end.
        Some(Target::Einde) | None => json!({"einde": true}),
    };
    for (i, (step, anchor)) in steps.iter_mut().zip(&anchors).enumerate() {
        step["nummer"] = json!(i + 1);
        step["anker"] = json!(anchor);
        step["volgende"] = match next.get(i) {
            Some(Next::Verder(Target::Stap(j))) if *j == i + 1 => json!({"soort": "volgt"}),
            Some(Next::Verder(Target::Stap(j))) => {
                let mut v = way(Some(Target::Stap(*j)));
                v["soort"] = json!("sprong");
                v
            }
            Some(Next::Keuze { ja, nee }) => {
                json!({"soort": "keuze", "ja": way(*ja), "nee": way(*nee)})
            }
            Some(Next::Verder(Target::Einde)) | None => json!({"soort": "einde"}),
        };
    }
    steps
}

/// A step of a team's approach for templates: the organisation's step with the team's
/// wording and explanation, or the team's own step (`eigen`).
pub fn team_step(base: &SiteBase, s: &TeamStep) -> Value {
    let mut v = step(base, &s.stap);
    v["eigen"] = json!(s.eigen);
    v["team_tekst"] = json!(s.team_tekst);
    v["team_uitleg_html"] = json!(
        s.team_uitleg
            .as_deref()
            .map(|u| to_html(u, base))
            .unwrap_or_default()
    );
    v
}

/// An answer as an HTML fragment; `label` names a table (its caption and region label).
pub fn answer_html_labelled(base: &SiteBase, a: &Answer, label: &str) -> String {
    match a {
        Answer::Tabel { .. } => table_html(base, a, label),
        Answer::Termijnen { .. } => terms_html(base, a, label),
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
        Answer::Termijnen { .. } => terms_html(base, a, &t("ui.termijnen", &[])),
    }
}

/// Measurable terms as a table: what, the term, (the organisation's term,) in words.
fn terms_html(base: &SiteBase, a: &Answer, label: &str) -> String {
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

/// A field for templates.
pub fn field(base: &SiteBase, f: &FieldAnswer) -> Value {
    json!({
        "id": f.id,
        "kop": f.kop,
        "zin": f.zin,
        "tussenkop": f.tussenkop,
        "tussenzin": f.tussenzin,
        "verplicht": f.verplicht,
        "standaard": f.standaard,
        "ontbreekt": f.ontbreekt,
        "normtabel": matches!(f.antwoord, Answer::Normtabel),
        "html": answer_html_labelled(base, &f.antwoord, &f.kop),
        "vaste_tekst_html": f.vaste_tekst.as_deref().map(|v| to_html(v, base)),
    })
}

/// A section for templates.
pub fn section(base: &SiteBase, s: &SectionAnswers) -> Value {
    json!({
        "id": s.id,
        "titel": s.titel,
        "inleiding_html": s.inleiding.as_deref().map(|i| to_html(i, base)).unwrap_or_default(),
        "aanwezig": s.aanwezig,
        "onvolledig": s.onvolledig,
        "velden": s.velden.iter().map(|f| field(base, f)).collect::<Vec<_>>(),
    })
}

/// A behaviour category for templates.
pub fn category(base: &SiteBase, c: &Category) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    let all: Vec<&Step> = c.aanpak.iter().collect();
    let next = crate::validate::flow::next_steps(&all, &c.aanpak);
    let steps = c.aanpak.iter().map(|s| step(base, s)).collect();
    v["aanpak"] = Value::Array(flow(steps, &next, &format!("stap-{}", c.id)));
    v["meldniveau_tekst"] = json!(level_label(c.meldniveau));
    v["aangifte_label"] = json!(t(
        &format!("ui.aangifte_{}", c.aangifte.replace('-', "_")),
        &[]
    ));
    v
}

/// A team's norm row for templates.
pub fn norm_row(base: &SiteBase, r: &NormRow) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    let steps = r.aanpak.iter().map(|s| team_step(base, s)).collect();
    v["aanpak"] = Value::Array(flow(steps, &r.stroom, &format!("stap-{}", r.categorie)));
    v["meldniveau_tekst"] = json!(level_label(r.meldniveau));
    v["meldniveau_organisatie_tekst"] = json!(level_label(r.meldniveau_organisatie));
    v["voorbeelden_html"] = Value::Array(
        r.voorbeelden
            .iter()
            .map(|x| json!(inline_html(x, base)))
            .collect(),
    );
    v["toelichting_html"] = json!(
        r.toelichting
            .as_deref()
            .map(|x| to_html(x, base))
            .unwrap_or_default()
    );
    v
}
