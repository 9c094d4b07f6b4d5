//! The learning pages: leerdoelwijzers, the development matrix and the werkvormen.

use serde_json::{Value, json};

use super::{CHANGED, dated, head, top};
use crate::messages::t;
use crate::model::{MATRIX_URL, Model};
use crate::render::markdown::to_html;
use crate::render::registry::Page;

/// The matrix document with its introduction as HTML.
fn matrix_value(model: &Model) -> Option<Value> {
    model.ontwikkelmatrix.as_ref().map(|m| {
        let mut v = m.gegevens.clone();
        if let Some(intro) = v.get("inleiding").and_then(Value::as_str) {
            v["inleiding_html"] = json!(to_html(intro, &model.base));
        }
        v
    })
}

/// `/leerdoelwijzers/`: the questionnaires and the matrix.
pub fn list(model: &Model, page: &Page) -> Value {
    json!({
        "page": top(page, vec![]),
        "leerdoelwijzers": model.leerdoelwijzers.iter().map(|l| json!({
            "slug": l.slug, "url": l.url, "titel": l.titel, "functiegroep": l.functiegroep,
            "aantal_uitspraken": l.aantal_uitspraken,
        })).collect::<Vec<_>>(),
        "ontwikkelmatrix": matrix_value(model),
    })
}

/// `/leerdoelwijzers/<slug>/`: the questionnaire as a form, each statement with the
/// werkvormen that fit it.
pub fn questionnaire(model: &Model, index: usize, page: &Page) -> Result<Value, serde_json::Error> {
    let Some(l) = model.leerdoelwijzers.get(index) else {
        return Ok(json!({"page": head(page, &[], vec![])}));
    };
    let mut ldw = serde_json::to_value(l)?;
    let aspects = ldw
        .pointer_mut("/gegevens/aspecten")
        .and_then(Value::as_array_mut);
    for aspect in aspects.into_iter().flatten() {
        let statements = aspect.get_mut("uitspraken").and_then(Value::as_array_mut);
        for st in statements.into_iter().flatten() {
            let links: Vec<Value> = st
                .get("werkvormen")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter_map(|slug| model.werkvorm(slug))
                .map(|w| json!({"slug": w.slug, "titel": w.titel, "url": w.url}))
                .collect();
            st["werkvorm_links"] = Value::Array(links);
        }
    }
    let toc: Vec<Value> = l
        .gegevens
        .get("aspecten")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|a| json!({"id": format!("aspect-{}", a.get("id").and_then(Value::as_str).unwrap_or_default()), "titel": a.get("titel")}))
        .collect();
    let parent = t("ui.nav_leerdoelwijzers", &[]);
    let trail = [
        (parent.as_str(), "/leerdoelwijzers/"),
        (&page.titel, &page.url),
    ];
    Ok(json!({
        "page": dated(head(page, &trail, toc), &[(CHANGED, l.gewijzigd_op.as_deref())]),
        "ldw": ldw,
        "doel_html": l.doel.as_deref().map(|d| to_html(d, &model.base)),
        "bestandssoort": crate::leerdoelen::FILE_KIND,
    }))
}

/// `/leerdoelwijzers/ontwikkelmatrix/`: the development matrix as a form.
pub fn matrix(model: &Model, page: &Page) -> Value {
    let parent = t("ui.nav_leerdoelwijzers", &[]);
    let trail = [
        (parent.as_str(), "/leerdoelwijzers/"),
        (&page.titel, MATRIX_URL),
    ];
    let changed = model
        .ontwikkelmatrix
        .as_ref()
        .and_then(|m| m.gewijzigd_op.as_deref());
    json!({
        "page": dated(head(page, &trail, vec![]), &[(CHANGED, changed)]),
        "matrix": matrix_value(model),
    })
}

/// A werkvorm for templates.
fn werkvorm_value(base: &crate::model::SiteBase, w: &crate::model::Werkvorm) -> Value {
    json!({
        "slug": w.slug, "url": w.url, "titel": w.titel,
        "doel_html": to_html(&w.doel, base),
        "gegevens": w.gegevens,
        "stappen": w.gegevens.get("stappen").cloned().unwrap_or(Value::Array(vec![])),
        "beschrijving_html": to_html(&w.beschrijving, base),
        "gebruikt_door": w.gebruikt_door,
    })
}

/// `/werkvormen/`: every werkvorm with the teams that use it.
pub fn werkvormen(model: &Model, page: &Page) -> Value {
    json!({
        "page": top(page, vec![]),
        "werkvormen": model.werkvormen.iter().map(|w| werkvorm_value(&model.base, w)).collect::<Vec<_>>(),
    })
}

/// `/werkvormen/<slug>/`: one werkvorm.
pub fn werkvorm(model: &Model, index: usize, page: &Page) -> Value {
    let Some(w) = model.werkvormen.get(index) else {
        return json!({"page": head(page, &[], vec![])});
    };
    let parent = t("ui.nav_werkvormen", &[]);
    let trail = [(parent.as_str(), "/werkvormen/"), (&page.titel, &page.url)];
    json!({
        "page": dated(head(page, &trail, vec![]), &[(CHANGED, w.gewijzigd_op.as_deref())]),
        "werkvorm": werkvorm_value(&model.base, w),
    })
}
