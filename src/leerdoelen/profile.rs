//! The team profile as a self-contained HTML page (no other files, no other host).

use super::{ANSWERS, Profile};
use crate::messages::t;
use crate::render::markdown::escape;

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "0".into()
    } else {
        format!("{:.0}", n as f64 * 100.0 / total as f64)
    }
}

/// The profile page.
pub fn render_profile(p: &Profile) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<p>{}</p>",
        escape(&t(
            "leerdoelen.profiel.uitleg",
            &[("aantal", &p.respondents.to_string())]
        ))
    ));
    body.push_str(&format!(
        "<h2>{}</h2><ol>",
        escape(&t("leerdoelen.profiel.leerdoelen", &[]))
    ));
    for s in p.learning_goals(8) {
        body.push_str(&format!(
            "<li>{} <span class=\"aantal\">({})</span></li>",
            escape(&s.tekst),
            escape(&t(
                "leerdoelen.profiel.soms-nooit",
                &[
                    ("aantal", &s.low().to_string()),
                    ("totaal", &p.respondents.to_string())
                ]
            ))
        ));
    }
    body.push_str("</ol>");
    for a in &p.aspects {
        let total: usize = a.counts.iter().sum();
        body.push_str(&format!("<section><h2>{}</h2>", escape(&a.titel)));
        body.push_str(&format!(
            "<p>{}</p><ul class=\"verdeling\">",
            escape(&t("leerdoelen.profiel.verdeling", &[]))
        ));
        for (i, answer) in ANSWERS.iter().enumerate() {
            body.push_str(&format!(
                "<li>{}: {} ({}%)</li>",
                escape(answer),
                a.counts[i],
                percent(a.counts[i], total)
            ));
        }
        body.push_str("</ul>");
        body.push_str(&format!(
            "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
            escape(&t(
                "leerdoelen.profiel.per-uitspraak",
                &[("aspect", &a.titel)]
            )),
            escape(&t("leerdoelen.profiel.uitspraak", &[]))
        ));
        for answer in ANSWERS {
            body.push_str(&format!("<th scope=\"col\">{}</th>", escape(answer)));
        }
        body.push_str("</tr></thead><tbody>");
        for s in &a.statements {
            body.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(&s.tekst)));
            for c in s.counts {
                body.push_str(&format!("<td>{c}</td>"));
            }
            body.push_str("</tr>");
        }
        body.push_str("</tbody></table></section>");
    }
    let title = t("leerdoelen.profiel.titel", &[("titel", &p.titel)]);
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}}table{{border-collapse:collapse;width:100%;margin:1rem 0}}th,td{{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}}td{{text-align:right}}caption{{text-align:left;font-weight:bold}}.aantal{{color:#4a4a4a}}</style></head><body><main><h1>{title}</h1>{body}</main></body></html>\n",
        title = escape(&title)
    )
}
