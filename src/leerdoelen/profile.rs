//! The team profile as a self-contained HTML page (no other files, no other host).

use super::similarity::{MAX_DIFFERENCE_PERCENT, MAX_DIFFERENCES};
use super::{ANSWERS, AspectTotals, MIN_RESPONDENTS, Profile, StatementTotals, Tally};
use crate::messages::t;
use crate::render::markdown::escape;

/// How many learning goals the page lists.
const LEARNING_GOALS: usize = 8;

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "0".into()
    } else {
        format!("{:.0}", n as f64 * 100.0 / total as f64)
    }
}

/// A paragraph with the message `key`.
fn paragraph(key: &str, args: &[(&str, &str)]) -> String {
    format!("<p>{}</p>", escape(&t(key, args)))
}

/// The privacy rule, as on `vpd leerdoelen --help`.
fn rule() -> String {
    paragraph(
        "leerdoelen.profiel.regel",
        &[
            ("minimaal", &MIN_RESPONDENTS.to_string()),
            ("verschil", &MAX_DIFFERENCES.to_string()),
            ("procent", &MAX_DIFFERENCE_PERCENT.to_string()),
        ],
    )
}

/// "te weinig antwoorden", marked so it is easy to find on the page.
fn too_few() -> String {
    format!(
        "<span class=\"te-weinig\">{}</span>",
        escape(&t("leerdoelen.profiel.te-weinig", &[]))
    )
}

fn learning_goals(p: &Profile) -> String {
    let mut out = format!(
        "<h2>{}</h2>",
        escape(&t("leerdoelen.profiel.leerdoelen", &[]))
    );
    let goals = p.learning_goals(LEARNING_GOALS);
    if goals.is_empty() {
        return out + &paragraph("leerdoelen.profiel.geen-leerdoelen", &[]);
    }
    out.push_str("<ol>");
    for s in goals {
        let (low, total) = s.low_of_total().unwrap_or_default();
        out.push_str(&format!(
            "<li>{} <span class=\"aantal\">({})</span></li>",
            escape(&s.tekst),
            escape(&t(
                "leerdoelen.profiel.soms-nooit",
                &[("aantal", &low.to_string()), ("totaal", &total.to_string())]
            ))
        ));
    }
    out + "</ol>"
}

fn distribution(tally: &Tally) -> String {
    let Some(counts) = tally.counts() else {
        return format!("<p>{}</p>", too_few());
    };
    let total: usize = counts.iter().sum();
    let mut out = String::from("<ul class=\"verdeling\">");
    for (answer, n) in ANSWERS.iter().zip(counts) {
        out.push_str(&format!(
            "<li>{}: {n} ({}%)</li>",
            escape(answer),
            percent(n, total)
        ));
    }
    out + "</ul>"
}

fn statement_row(s: &StatementTotals) -> String {
    let cells = match s.tally.counts() {
        Some(counts) => counts.iter().map(|c| format!("<td>{c}</td>")).collect(),
        None => format!("<td colspan=\"{}\">{}</td>", ANSWERS.len(), too_few()),
    };
    format!(
        "<tr><th scope=\"row\">{}</th>{cells}</tr>",
        escape(&s.tekst)
    )
}

fn aspect(a: &AspectTotals) -> String {
    let mut out = format!("<section><h2>{}</h2>", escape(&a.titel));
    out.push_str(&paragraph("leerdoelen.profiel.verdeling", &[]));
    out.push_str(&distribution(&a.tally));
    out.push_str(&format!(
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        escape(&t(
            "leerdoelen.profiel.per-uitspraak",
            &[("aspect", &a.titel)]
        )),
        escape(&t("leerdoelen.profiel.uitspraak", &[]))
    ));
    for answer in ANSWERS {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(answer)));
    }
    out.push_str("</tr></thead><tbody>");
    for s in &a.statements {
        out.push_str(&statement_row(s));
    }
    out + "</tbody></table></section>"
}

/// The profile page.
pub fn render_profile(p: &Profile) -> String {
    let mut body = paragraph(
        "leerdoelen.profiel.uitleg",
        &[("aantal", &p.respondents.to_string())],
    );
    body.push_str(&rule());
    body.push_str(&learning_goals(p));
    for a in &p.aspects {
        body.push_str(&aspect(a));
    }
    let title = t("leerdoelen.profiel.titel", &[("titel", &p.titel)]);
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}}table{{border-collapse:collapse;width:100%;margin:1rem 0}}th,td{{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}}td{{text-align:right}}td[colspan]{{text-align:left}}caption{{text-align:left;font-weight:bold}}.aantal,.te-weinig{{color:#4a4a4a}}.te-weinig{{font-style:italic}}</style></head><body><main><h1>{title}</h1>{body}</main></body></html>\n",
        title = escape(&title)
    )
}
