//! The organisation's pages: the overview, the policy, the norm schema, the status
//! overview and the accessibility statement.

use serde_json::{Value, json};

use super::{CHANGED, dated, departments, head, print_head, sections, summary, top};
use crate::messages::t;
use crate::model::Model;
use crate::render::markdown::{inline_html, to_html};
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
        .map(|o| to_html(o, &model.base))
        .unwrap_or_default();
    let help = &model.direct_hulp;
    let html = |text: &Option<String>| text.as_deref().map(|m| to_html(m, &model.base));
    json!({
        "page": head(page, &[], vec![]),
        "direct_hulp": {
            "alarm_html": html(&help.alarm),
            "eerste_opvang_html": html(&help.eerste_opvang),
            "melden_html": html(&help.melden),
            "incidentregistratie": help.incidentregistratie,
        },
        "tegel_uitleg": tile_descriptions(),
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

/// What is behind each tile of the overview, by the page's URL.
fn tile_descriptions() -> Value {
    json!({
        "/beleid/": t("ui.tegel_beleid", &[]),
        "/normschema/": t("ui.tegel_normschema", &[]),
        "/teams/": t("ui.tegel_teams", &[]),
        "/leerdoelwijzers/": t("ui.tegel_leerdoelwijzers", &[]),
        "/werkvormen/": t("ui.tegel_werkvormen", &[]),
        "/zoeken/": t("ui.tegel_zoeken", &[]),
    })
}

/// `/beleid/`: the policy.
pub fn policy(model: &Model, page: &Page) -> Result<Value, serde_json::Error> {
    let Some(b) = &model.beleid else {
        return Ok(json!({"page": top(page, vec![])}));
    };
    // The contents list in page order: the summary, then the sections.
    let toc = std::iter::once(
        json!({"id": "samenvatting", "titel": t("ui.samenvatting_beleid_kop", &[])}),
    )
    .chain(
        b.secties
            .iter()
            .map(|s| json!({"id": s.id, "titel": s.titel})),
    )
    .collect();
    let samenvatting = &b.samenvatting;
    let secties = sections(&model.base, &b.secties)?;
    Ok(json!({
        "page": dated(top(page, toc), &[
            ("ui.datum_vastgesteld", b.vastgesteld_op.as_deref()),
            (CHANGED, b.gewijzigd_op.as_deref()),
        ]),
        "samenvatting": {
            "uitgangspunten_html": samenvatting.uitgangspunten.iter().map(|u| inline_html(u, &model.base)).collect::<Vec<_>>(),
            "coordinator": samenvatting.coordinator,
            "bij_incident": samenvatting.bij_incident.iter().map(|(id, titel)| json!({"id": id, "titel": titel})).collect::<Vec<_>>(),
            "incidentregistratie": model.direct_hulp.incidentregistratie,
        },
        "beleid": {
            "titel": b.titel, "eigenaar": b.eigenaar, "vastgesteld_op": b.vastgesteld_op,
            "secties": secties,
        },
        "druk": print_head(&b.titel, false, b.vastgesteld_op.as_deref()),
    }))
}

/// The contents of `/normschema/` in the page's own order: the definition, the escalation,
/// the approach and reporting (with categories), the other sections, sanctions, aftercare.
fn norm_contents(model: &Model, with_categories: bool) -> Vec<Value> {
    let sections: Vec<(&str, &str)> = model
        .normschema
        .iter()
        .flat_map(|n| n.secties.iter())
        .filter(|s| s.aanwezig)
        .map(|s| (s.id.as_str(), s.titel.as_str()))
        .collect();
    let entry = |id: &str, titel: &str| json!({"id": id, "titel": titel});
    let fixed = |id: &str, key: &str| json!({"id": id, "titel": t(key, &[])});
    let mut toc: Vec<Value> = sections
        .iter()
        .filter(|(id, _)| *id == "definitie")
        .map(|(id, titel)| entry(id, titel))
        .collect();
    if with_categories {
        toc.push(fixed("escalatie", "ui.escalatie"));
        toc.push(fixed("aanpak", "ui.aanpak_per_categorie"));
        toc.push(fixed("melden", "ui.meldcriteria"));
    }
    toc.extend(
        sections
            .iter()
            .filter(|(id, _)| *id != "definitie")
            .map(|(id, titel)| entry(id, titel)),
    );
    if with_categories {
        toc.push(fixed("sancties", "ui.sancties"));
    }
    if model
        .normschema
        .as_ref()
        .is_some_and(|n| !n.geschiedenis.is_empty())
    {
        toc.push(fixed("wijzigingen", "ui.wijzigingen_titel"));
    }
    if model.nazorg.is_some() {
        toc.push(fixed("nazorg", "ui.nazorg"));
    }
    toc
}

/// `/normschema/`: the escalation, the approach per category, reporting and sanctions.
pub fn norm(model: &Model, page: &Page) -> Result<Value, serde_json::Error> {
    let norm = model.normschema.as_ref();
    let adopted = norm.and_then(|n| n.vastgesteld_op.as_deref());
    // No norm schema: no categories and no sections (an empty page, not a failure).
    let categories = norm.map_or(&[][..], |n| &n.categorieen[..]);
    let categories = categories
        .iter()
        .map(|c| view::norm::category(&model.base, c))
        .collect::<Result<Vec<Value>, _>>()?;
    let secties = sections(&model.base, norm.map_or(&[][..], |n| &n.secties[..]))?;
    let toc = norm_contents(model, !categories.is_empty());
    Ok(json!({
        "page": dated(top(page, toc), &[
            ("ui.datum_vastgesteld", adopted),
            (CHANGED, norm.and_then(|n| n.gewijzigd_op.as_deref())),
        ]),
        "categorieen": categories,
        "secties": secties,
        "nazorg_html": model.nazorg.as_ref().map(|f| view::answer_html_labelled(&model.base, &f.antwoord, &t("ui.nazorg", &[]))),
        "normschema": {
            "vastgesteld_op": adopted,
            "versie": norm.and_then(|n| n.versie.as_deref()),
            "geschiedenis": norm.map(|n| n.geschiedenis.as_slice()).unwrap_or_default(),
        },
        "druk": print_head(&page.titel, false, adopted),
    }))
}

/// `/status/`: completeness, coverage and evaluations per team.
pub fn status(model: &Model, page: &Page) -> Result<Value, serde_json::Error> {
    let status = serde_json::to_value(&model.status)?;
    let achter = serde_json::to_value(&model.achter)?;
    Ok(json!({"page": top(page, vec![]), "status": status, "achter": achter}))
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
