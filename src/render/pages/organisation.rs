//! The organisation's pages: the overview, the policy, the norm schema, the status
//! overview and the accessibility statement.

use serde_json::{Value, json};

use super::{departments, head, print_head, summary, top};
use crate::messages::t;
use crate::model::Model;
use crate::render::markdown::to_html;
use crate::render::registry::Page;
use crate::render::view;

/// `/`: the overview.
pub fn home(model: &Model, page: &Page) -> Value {
    let recent: Vec<Value> = model
        .recent
        .iter()
        .filter_map(|s| model.team(s))
        .map(summary)
        .collect();
    let intro = model
        .site
        .omschrijving
        .as_deref()
        .map(to_html)
        .unwrap_or_default();
    json!({
        "page": head(page, &[], vec![]),
        "teams": model.teams.iter().map(|t| summary(t)).collect::<Vec<_>>(),
        "recent": recent,
        "intro_html": intro,
        "afdelingen": departments(model),
        "aantallen": {
            "teams": model.teams.len(),
            "concepten": model.teams.iter().filter(|t| t.concept).count(),
            "werkvormen": model.werkvormen.len(),
            "leerdoelwijzers": model.leerdoelwijzers.len(),
        },
    })
}

/// `/beleid/`: the policy.
pub fn policy(model: &Model, page: &Page) -> Value {
    let Some(b) = &model.beleid else {
        return json!({"page": top(page, vec![])});
    };
    let toc = b
        .secties
        .iter()
        .map(|s| json!({"id": s.id, "titel": s.titel}))
        .collect();
    json!({
        "page": top(page, toc),
        "beleid": {
            "titel": b.titel, "eigenaar": b.eigenaar, "vastgesteld_op": b.vastgesteld_op,
            "secties": b.secties.iter().map(view::section).collect::<Vec<_>>(),
        },
        "druk": print_head(&b.titel, false, b.vastgesteld_op.as_deref()),
    })
}

/// `/normschema/`: the escalation, the approach per category, reporting and sanctions.
pub fn norm(model: &Model, page: &Page) -> Value {
    let norm = model.normschema.as_ref();
    let adopted = norm.and_then(|n| n.vastgesteld_op.as_deref());
    let categories: Vec<Value> = norm
        .map(|n| n.categorieen.iter().map(view::category).collect())
        .unwrap_or_default();
    let mut toc: Vec<Value> = norm
        .map(|n| {
            n.secties
                .iter()
                .filter(|s| s.aanwezig)
                .map(|s| json!({"id": s.id, "titel": s.titel}))
                .collect()
        })
        .unwrap_or_default();
    toc.extend([
        json!({"id": "escalatie", "titel": t("ui.escalatie", &[])}),
        json!({"id": "aanpak", "titel": t("ui.aanpak_per_categorie", &[])}),
        json!({"id": "melden", "titel": t("ui.meldcriteria", &[])}),
        json!({"id": "sancties", "titel": t("ui.sancties", &[])}),
    ]);
    if model.nazorg.is_some() {
        toc.push(json!({"id": "nazorg", "titel": t("ui.nazorg", &[])}));
    }
    json!({
        "page": top(page, toc),
        "categorieen": categories,
        "secties": norm.map(|n| n.secties.iter().map(view::section).collect::<Vec<_>>()).unwrap_or_default(),
        "nazorg_html": model.nazorg.as_ref().map(|f| view::answer_html_labelled(&f.antwoord, &t("ui.nazorg", &[]))),
        "normschema": {"vastgesteld_op": adopted},
        "druk": print_head(&page.titel, false, adopted),
    })
}

/// `/status/`: completeness, coverage and evaluations per team.
pub fn status(model: &Model, page: &Page) -> Value {
    json!({"page": top(page, vec![]), "status": model.status})
}

/// `/toegankelijkheid/`: the accessibility statement with its dates in words.
pub fn accessibility(model: &Model, page: &Page) -> Value {
    let in_words = |date: &Option<String>| {
        date.as_deref()
            .and_then(|s| s.parse::<jiff::civil::Date>().ok())
            .map(crate::messages::date_nl)
    };
    let verklaring = model.site.toegankelijkheid.as_ref().map(|a| {
        json!({
            "status": a.status,
            "datum": a.datum,
            "datum_tekst": in_words(&a.datum),
            "norm": a.norm,
            "reikwijdte": a.reikwijdte,
            "evaluatiemethode": a.evaluatiemethode,
            "onderzocht_op": a.onderzocht_op,
            "onderzocht_op_tekst": in_words(&a.onderzocht_op),
            "bekende_problemen": a.bekende_problemen,
            "maatregelen": a.maatregelen,
            "contact": a.contact,
            "reactietermijn": a.reactietermijn,
            "klachtenprocedure": a.klachtenprocedure,
        })
    });
    json!({"page": top(page, vec![]), "verklaring": verklaring})
}
