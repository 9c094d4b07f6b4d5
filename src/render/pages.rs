//! Every page of the site with its template and context.

use serde_json::{Value, json};
use tera::Context;

use super::OutputFile;
use super::markdown::to_html;
use super::view;
use crate::messages::{Language, t};
use crate::model::{Model, Team};

/// One page to render.
pub struct Job {
    /// Output path (`teams/x/index.html`).
    pub path: String,
    /// Template name.
    pub template: String,
    /// The page's title (for the A-Z index).
    pub titel: String,
    /// Page-specific context.
    pub context: Context,
}

/// The URL of an output path (`teams/x/index.html` → `/teams/x/`).
pub fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

fn path_of(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// The context every page shares.
pub fn globals(model: &Model) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &model.site);
    ctx.insert("t", &crate::messages::with_prefix(Language::Nl, "ui."));
    ctx.insert("datum", &model.datum);
    ctx.insert(
        "tokens_css",
        &model
            .tokens
            .as_ref()
            .map(|_| "/static/organisatie-tokens.css"),
    );
    let nav = [
        ("ui.nav_home", "/"),
        ("ui.nav_beleid", "/beleid/"),
        ("ui.nav_normschema", "/normschema/"),
        ("ui.nav_teams", "/teams/"),
        ("ui.nav_leerdoelwijzers", "/leerdoelwijzers/"),
        ("ui.nav_werkvormen", "/werkvormen/"),
        ("ui.nav_zoeken", "/zoeken/"),
    ];
    let nav: Vec<Value> = nav
        .iter()
        .filter(|(_, url)| *url != "/beleid/" || model.beleid.is_some())
        .map(|(k, url)| json!({"titel": t(k, &[]), "url": url}))
        .collect();
    ctx.insert("nav", &nav);
    ctx
}

fn crumbs(trail: &[(String, &str)]) -> Value {
    let mut out = vec![json!({"titel": t("ui.nav_home", &[]), "url": "/"})];
    for (titel, url) in trail {
        out.push(json!({"titel": titel, "url": url}));
    }
    Value::Array(out)
}

fn page(url: &str, titel: &str, trail: &[(String, &str)], toc: Vec<Value>) -> Value {
    json!({"url": url, "titel": titel, "breadcrumbs": crumbs(trail), "toc": toc})
}

fn job(url: &str, template: &str, context: Value) -> Job {
    let titel = context
        .pointer("/page/titel")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    Job {
        path: path_of(url),
        template: template.to_string(),
        titel,
        context: Context::from_serialize(&context).unwrap_or_default(),
    }
}

/// A team as listed on index pages.
fn summary(team: &Team) -> Value {
    json!({
        "slug": team.slug,
        "url": team.url,
        "team": team.team,
        "afdeling": team.afdeling,
        "status": team.status,
        "concept": team.concept,
        "vastgesteld_op": team.vastgesteld_op,
        "volgende_evaluatie": team.volgende_evaluatie,
        "evaluatie_verlopen": team.evaluatie_verlopen,
    })
}

fn team_page(team: &Team) -> Job {
    let mut v = serde_json::to_value(team).unwrap_or(Value::Null);
    v["secties"] = Value::Array(team.secties.iter().map(view::section).collect());
    v["normtabel"] = Value::Array(team.normtabel.iter().map(view::norm_row).collect());
    let mut toc: Vec<Value> = team
        .secties
        .iter()
        .map(|s| json!({"id": s.id, "titel": s.titel}))
        .collect();
    if !team.werkvormen.is_empty() {
        toc.push(json!({"id": "werkvormen", "titel": t("ui.nav_werkvormen", &[])}));
    }
    let titel = team.team.clone();
    job(
        &team.url,
        "team.html",
        json!({
            "page": page(&team.url, &titel, &[(t("ui.nav_teams", &[]), "/teams/"), (titel.clone(), &team.url)], toc),
            "team": v,
        }),
    )
}

/// Every page of the site whose URL `wanted` accepts. Team pages, the bulk of a large
/// site, get their context built only when wanted.
pub fn all(model: &Model, wanted: &dyn Fn(&str) -> bool) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(model.teams.len() + 32);
    let summaries: Vec<Value> = model.teams.iter().map(summary).collect();
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
    jobs.push(job(
        "/",
        "index.html",
        json!({
            "page": page("/", &model.site.titel, &[], vec![]),
            "teams": summaries,
            "recent": recent,
            "intro_html": intro,
            "afdelingen": departments(model),
            "aantallen": {
                "teams": model.teams.len(),
                "concepten": model.teams.iter().filter(|t| t.concept).count(),
                "werkvormen": model.werkvormen.len(),
                "leerdoelwijzers": model.leerdoelwijzers.len(),
            },
        }),
    ));
    if let Some(b) = &model.beleid {
        let toc = b
            .secties
            .iter()
            .map(|s| json!({"id": s.id, "titel": s.titel}))
            .collect();
        let titel = t("ui.nav_beleid", &[]);
        jobs.push(job(
            "/beleid/",
            "beleid.html",
            json!({
                "page": page("/beleid/", &titel, &[(titel.clone(), "/beleid/")], toc),
                "beleid": {
                    "titel": b.titel, "eigenaar": b.eigenaar, "vastgesteld_op": b.vastgesteld_op,
                    "secties": b.secties.iter().map(view::section).collect::<Vec<_>>(),
                },
            }),
        ));
    }
    let titel = t("ui.nav_normschema", &[]);
    let categories: Vec<Value> = model
        .normschema
        .as_ref()
        .map(|n| n.categorieen.iter().map(view::category).collect())
        .unwrap_or_default();
    let mut toc: Vec<Value> = model
        .normschema
        .as_ref()
        .map(|n| {
            n.secties
                .iter()
                .filter(|s| s.aanwezig)
                .map(|s| json!({"id": s.id, "titel": s.titel}))
                .collect()
        })
        .unwrap_or_default();
    let mut head: Vec<Value> = vec![
        json!({"id": "escalatie", "titel": t("ui.escalatie", &[])}),
        json!({"id": "aanpak", "titel": t("ui.aanpak_per_categorie", &[])}),
        json!({"id": "melden", "titel": t("ui.meldcriteria", &[])}),
        json!({"id": "sancties", "titel": t("ui.sancties", &[])}),
    ];
    if model.nazorg.is_some() {
        head.push(json!({"id": "nazorg", "titel": t("ui.nazorg", &[])}));
    }
    toc.extend(head);
    jobs.push(job(
        "/normschema/",
        "normschema.html",
        json!({
            "page": page("/normschema/", &titel, &[(titel.clone(), "/normschema/")], toc),
            "categorieen": categories,
            "secties": model.normschema.as_ref().map(|n| n.secties.iter().map(view::section).collect::<Vec<_>>()).unwrap_or_default(),
            "nazorg_html": model.nazorg.as_ref().map(|f| view::answer_html_labelled(&f.antwoord, &t("ui.nazorg", &[]))),
        }),
    ));
    let titel = t("ui.nav_teams", &[]);
    jobs.push(job(
        "/teams/",
        "teams.html",
        json!({
            "page": page("/teams/", &titel, &[(titel.clone(), "/teams/")], vec![]),
            "afdelingen": departments(model),
        }),
    ));
    jobs.extend(model.teams.iter().filter(|t| wanted(&t.url)).map(team_page));

    let titel = t("ui.nav_leerdoelwijzers", &[]);
    jobs.push(job(
        "/leerdoelwijzers/",
        "leerdoelwijzers.html",
        json!({
            "page": page("/leerdoelwijzers/", &titel, &[(titel.clone(), "/leerdoelwijzers/")], vec![]),
            "leerdoelwijzers": model.leerdoelwijzers.iter().map(|l| json!({
                "slug": l.slug, "url": l.url, "titel": l.titel, "functiegroep": l.functiegroep,
                "aantal_uitspraken": l.aantal_uitspraken,
            })).collect::<Vec<_>>(),
            "ontwikkelmatrix": model.ontwikkelmatrix.as_ref().map(|m| {
                let mut m = m.clone();
                if let Some(intro) = m.get("inleiding").and_then(Value::as_str) {
                    m["inleiding_html"] = json!(to_html(intro));
                }
                m
            }),
        }),
    ));
    for l in &model.leerdoelwijzers {
        let mut ldw = serde_json::to_value(l).unwrap_or(Value::Null);
        // Each statement's fitting werkvormen as links.
        if let Some(aspects) = ldw
            .pointer_mut("/gegevens/aspecten")
            .and_then(Value::as_array_mut)
        {
            for aspect in aspects {
                if let Some(statements) = aspect.get_mut("uitspraken").and_then(Value::as_array_mut)
                {
                    for st in statements {
                        let links: Vec<Value> = st
                            .get("werkvormen")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .filter_map(|slug| model.werkvormen.iter().find(|w| w.slug == slug))
                            .map(|w| json!({"slug": w.slug, "titel": w.titel, "url": w.url}))
                            .collect();
                        st["werkvorm_links"] = Value::Array(links);
                    }
                }
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
        jobs.push(job(
            &l.url,
            "leerdoelwijzer.html",
            json!({
                "page": page(&l.url, &l.titel, &[(titel.clone(), "/leerdoelwijzers/"), (l.titel.clone(), &l.url)], toc),
                "ldw": ldw,
                "bestandssoort": crate::leerdoelen::FILE_KIND,
            }),
        ));
    }
    if let Some(matrix) = &model.ontwikkelmatrix {
        let url = "/leerdoelwijzers/ontwikkelmatrix/";
        let name = matrix
            .get("titel")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let mut m = matrix.clone();
        if let Some(intro) = m.get("inleiding").and_then(Value::as_str) {
            m["inleiding_html"] = json!(to_html(intro));
        }
        jobs.push(job(
            url,
            "ontwikkelmatrix.html",
            json!({
                "page": page(url, &name, &[(titel.clone(), "/leerdoelwijzers/"), (name.clone(), url)], vec![]),
                "matrix": m,
            }),
        ));
    }
    let titel = t("ui.nav_werkvormen", &[]);
    let werkvormen: Vec<Value> = model
        .werkvormen
        .iter()
        .map(|w| {
            json!({
                "slug": w.slug, "url": w.url, "titel": w.titel,
                "doel_html": to_html(&w.doel),
                "gegevens": w.gegevens,
                "stappen": w.gegevens.get("stappen").cloned().unwrap_or(Value::Array(vec![])),
                "beschrijving_html": to_html(&w.beschrijving),
                "gebruikt_door": w.gebruikt_door,
            })
        })
        .collect();
    jobs.push(job(
        "/werkvormen/",
        "werkvormen.html",
        json!({
            "page": page("/werkvormen/", &titel, &[(titel.clone(), "/werkvormen/")], vec![]),
            "werkvormen": werkvormen,
        }),
    ));
    for (w, v) in model.werkvormen.iter().zip(&werkvormen) {
        jobs.push(job(
            &w.url,
            "werkvorm.html",
            json!({
                "page": page(&w.url, &w.titel, &[(titel.clone(), "/werkvormen/"), (w.titel.clone(), &w.url)], vec![]),
                "werkvorm": v,
            }),
        ));
    }
    let titel = t("ui.nav_status", &[]);
    jobs.push(job(
        "/status/",
        "status.html",
        json!({
            "page": page("/status/", &titel, &[(titel.clone(), "/status/")], vec![]),
            "status": model.status,
        }),
    ));
    let titel = t("ui.nav_toegankelijkheid", &[]);
    jobs.push(job(
        "/toegankelijkheid/",
        "toegankelijkheid.html",
        json!({
            "page": page("/toegankelijkheid/", &titel, &[(titel.clone(), "/toegankelijkheid/")], vec![]),
            "verklaring": statement(model),
        }),
    ));
    let titel = t("ui.nav_zoeken", &[]);
    let az = a_to_z(model, &jobs);
    jobs.push(job(
        "/zoeken/",
        "zoeken.html",
        json!({
            "page": page("/zoeken/", &titel, &[(titel.clone(), "/zoeken/")], vec![]),
            "az": az,
        }),
    ));
    jobs.push(job(
        "/404.html",
        "404.html",
        json!({"page": page("/404.html", &t("ui.niet_gevonden", &[]), &[], vec![])}),
    ));
    let mut urls: Vec<String> = jobs
        .iter()
        .filter(|j| j.path != "404.html")
        .filter(|j| !j.path.starts_with("teams/") || j.path == "teams/index.html")
        .map(|j| url_of(&j.path))
        .chain(model.teams.iter().map(|t| t.url.clone()))
        .collect();
    urls.sort();
    urls.dedup();
    jobs.push(job(
        "/sitemap.xml",
        "sitemap.xml",
        json!({"urls": urls, "basis_url": model.site.url}),
    ));
    jobs
}

fn departments(model: &Model) -> Vec<Value> {
    model
        .afdelingen
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "naam": d.naam,
                "teams": d.teams.iter().filter_map(|s| model.team(s)).map(summary).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn a_to_z(model: &Model, jobs: &[Job]) -> Vec<Value> {
    // Team pages come from the model, whether or not their page is rendered now.
    let mut entries: Vec<(String, String)> = jobs
        .iter()
        .filter(|j| !j.titel.is_empty())
        .filter(|j| !(j.path.starts_with("teams/") && j.path != "teams/index.html"))
        .map(|j| (j.titel.clone(), url_of(&j.path)))
        .chain(model.teams.iter().map(|t| (t.team.clone(), t.url.clone())))
        .collect();
    entries.push((t("ui.nav_zoeken", &[]), "/zoeken/".into()));
    entries.push((t("ui.schemas", &[]), "/schemas/catalog.json".into()));
    let _ = model;
    entries.sort_by_key(|(a, _)| a.to_lowercase());
    let mut groups: Vec<Value> = Vec::new();
    let mut current: Option<char> = None;
    let mut list: Vec<Value> = Vec::new();
    for (titel, url) in entries {
        let letter = titel
            .chars()
            .next()
            .map(|c| c.to_uppercase().next().unwrap_or(c))
            .unwrap_or('#');
        if current != Some(letter) {
            if let Some(c) = current {
                groups.push(json!({"letter": c.to_string(), "paginas": std::mem::take(&mut list)}));
            }
            current = Some(letter);
        }
        list.push(json!({"titel": titel, "url": url}));
    }
    if let Some(c) = current {
        groups.push(json!({"letter": c.to_string(), "paginas": list}));
    }
    groups
}

/// The accessibility statement with its dates in words.
fn statement(model: &Model) -> Value {
    let mut v = model.site.toegankelijkheid.clone().unwrap_or(Value::Null);
    for key in ["datum", "onderzocht_op"] {
        let words = v
            .get(key)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<jiff::civil::Date>().ok())
            .map(crate::messages::date_nl);
        if let Some(w) = words {
            v[format!("{key}_tekst")] = json!(w);
        }
    }
    v
}

/// The municipality's token file, copied next to the default tokens.
pub fn token_file(model: &Model) -> Option<OutputFile> {
    model.tokens.as_ref().map(|bytes| OutputFile {
        path: "static/organisatie-tokens.css".into(),
        bytes: bytes.clone(),
    })
}

/// `/schemas/<template>.json` and `/schemas/catalog.json`.
pub fn schema_files(model: &Model) -> Vec<OutputFile> {
    let mut out: Vec<OutputFile> = model
        .schemas
        .iter()
        .map(|(name, schema)| OutputFile {
            path: format!("schemas/{name}.json"),
            bytes: serde_json::to_vec_pretty(schema).unwrap_or_default(),
        })
        .collect();
    let list: Vec<(&String, &Value)> = model.schemas.iter().collect();
    out.push(OutputFile {
        path: "schemas/catalog.json".into(),
        bytes: serde_json::to_vec_pretty(&crate::template::catalog(&list)).unwrap_or_default(),
    });
    out
}
