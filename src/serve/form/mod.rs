//! The form editor of `vpd serve`: `GET /__vpd/formulier/{protocol}` shows a team
//! protocol as a form generated from its template ([`page`]), `POST /__vpd/controleren`
//! validates the form's unsaved state with `vpd check`'s own rules ([`check`]), and the
//! page's script saves through [`super::edit`]'s `POST /__vpd/opslaan`. Each team page of
//! the preview links to its form, the start page and the policy's page to the policy's,
//! the start page and the list of teams to "Nieuw protocol" ([`edit_link`]); a built site
//! never does.
//!
//! The same guards as saving: the form exists only with the editor (a loopback address),
//! every request must name this preview as its `Host`, a check needs the session's token
//! and this preview's `Origin`, and the file comes from the current site's model.

mod check;
mod data;
mod fields;
mod fit;
mod norm;
mod page;
mod rows;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::http::Shared;
use crate::messages::t;
use crate::validate::Options;

/// The script of the form page.
const SCRIPT: &str = include_str!("form.js");
/// The form page's own styles (beside the theme's).
const STYLE: &str = include_str!("form.css");

/// What the form needs besides the editor: the organisation and how `vpd check` runs.
pub struct Context {
    /// The organisation's root (canonical, as the session's).
    pub root: PathBuf,
    /// The validation options of the preview (today, strictness).
    pub options: Options,
}

fn refuse(status: StatusCode, key: &str) -> Response {
    (status, Json(json!({"fout": t(key, &[])}))).into_response()
}

fn page_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// `GET /__vpd/formulier.js`.
pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

/// `GET /__vpd/formulier.css`.
pub async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

/// `GET /__vpd/formulier/{protocol}`: the protocol as a form.
pub async fn form(
    State(shared): State<Arc<Shared>>,
    UrlPath(slug): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let (Some(editor), Some(context)) = (
        shared.editor.get().filter(|e| e.host_ok(&headers)),
        shared.form.get(),
    ) else {
        return refuse(StatusCode::FORBIDDEN, "bewerken.geweigerd");
    };
    let Some(path) = editor.protocol(&slug) else {
        return refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol");
    };
    let root = context.root.clone();
    let base = shared.base();
    let made = tokio::task::spawn_blocking(move || render(&root, &path, &slug, &base)).await;
    match made {
        Ok(Ok(html)) => page_response(StatusCode::OK, html),
        Ok(Err(key)) => page_response(StatusCode::UNPROCESSABLE_ENTITY, message_page(key)),
        Err(_) => page_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            message_page("formulier.mislukt"),
        ),
    }
}

/// A page that says why there is no form (the message `key`).
fn message_page(key: &str) -> String {
    let text = fields::esc(&t(key, &[]));
    format!(
        "<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{text}</title></head><body><main><p>{text}</p></main></body></html>"
    )
}

/// The form page of the protocol at `path`, or the message key of why there is none.
fn render(
    root: &std::path::Path,
    path: &std::path::Path,
    slug: &str,
    base: &str,
) -> Result<String, &'static str> {
    let loaded = crate::load::load(root).map_err(|_| "formulier.mislukt")?;
    let templates = crate::template::Templates::load(root);
    let doc = loaded
        .documents
        .iter()
        .find(|d| d.source.path == path)
        .ok_or("formulier.onleesbaar")?;
    let template = doc
        .template_name()
        .and_then(|n| templates.get(n))
        .ok_or("formulier.geen-sjabloon")?;
    let org = data::OrgData::from_loaded(&loaded, &templates);
    let page = page::FormPage {
        slug,
        display: &doc.source.display,
        value: &doc.value,
        template,
        org: &org,
        base,
        page_url: Some(match slug {
            POLICY => format!("{base}beleid/"),
            NORM_SCHEMA => format!("{base}normschema/"),
            _ => format!("{base}teams/{slug}/"),
        }),
    };
    Ok(page.html())
}

/// What the form sends to be checked: the same as to save, without the version.
#[derive(Deserialize)]
pub struct CheckRequest {
    /// The protocol's slug.
    protocol: String,
    /// The answers the user changed.
    antwoorden: Vec<Answer>,
}

/// One answer of the form.
#[derive(Deserialize)]
pub struct Answer {
    /// The keys from the document root.
    pad: Vec<String>,
    /// The value, shaped as the YAML.
    waarde: Value,
}

/// Whether an answer may be written from the form: below `secties`, or one of the keys
/// outside it that a form edits (team, status, dates, the policy's departments, ...).
pub fn allowed(pad: &[String]) -> bool {
    match pad {
        [first, _, ..] => first == "secties",
        [only] => page::is_envelope(only),
        [] => false,
    }
}

/// The key of the policy in the editor's list: never a team's slug (a slug has no `.`).
pub const POLICY: &str = "organisatie.beleid";

/// The key of the norm schema in the editor's list (like [`POLICY`], never a slug).
pub const NORM_SCHEMA: &str = "organisatie.normschema";

/// The files the preview's editor may write, by the key its form uses: every team
/// protocol by slug, the policy ([`POLICY`]) and the norm schema ([`NORM_SCHEMA`]); all
/// looked up in the current site's model when a request asks (never from the request, and
/// no list made again after every save).
#[derive(Clone)]
pub struct Editable {
    root: PathBuf,
    model: Arc<crate::model::Model>,
}

impl Editable {
    /// The files of the session's current site; none before a site was written.
    pub fn of(session: &crate::pipeline::Session) -> Option<Editable> {
        Some(Editable {
            root: session.root().to_path_buf(),
            model: session.model()?,
        })
    }

    /// The file the editor may write under `key`.
    pub fn file(&self, key: &str) -> Option<PathBuf> {
        let file = match key {
            POLICY => &self.model.beleid.as_ref()?.bestand,
            NORM_SCHEMA => &self.model.normschema.as_ref()?.bestand,
            slug => &self.model.team(slug)?.bestand,
        };
        Some(self.root.join(file))
    }
}

/// `POST /__vpd/controleren`: the findings `vpd check` would report with these answers.
pub async fn validate(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (Some(editor), Some(context)) = (
        shared
            .editor
            .get()
            .filter(|e| e.host_ok(&headers) && e.write_ok(&headers)),
        shared.form.get(),
    ) else {
        return refuse(StatusCode::FORBIDDEN, "bewerken.geweigerd");
    };
    let Ok(request) = serde_json::from_slice::<CheckRequest>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "bewerken.verzoek");
    };
    if request.antwoorden.iter().any(|a| !allowed(&a.pad)) {
        return refuse(StatusCode::BAD_REQUEST, "bewerken.alleen-secties");
    }
    let Some(path) = editor.protocol(&request.protocol) else {
        return refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol");
    };
    let root = context.root.clone();
    let options = context.options;
    let run = move || -> Response {
        let Ok(text) = std::fs::read_to_string(&path) else {
            return refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol");
        };
        let answers: Vec<(Vec<String>, Value)> = request
            .antwoorden
            .into_iter()
            .map(|a| (a.pad, a.waarde))
            .collect();
        let text = match check::apply(&text, &answers) {
            Ok(text) => text,
            Err(e) => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(json!({"fout": e.to_string()})),
                )
                    .into_response();
            }
        };
        // The norm schema is not adopted as a protocol is: no summary of what adoption needs.
        let adoptable = request.protocol != NORM_SCHEMA;
        match check::outcome(&root, &options, &path, &text, adoptable) {
            Ok(outcome) => Json(outcome).into_response(),
            Err(check::CheckError::Edit(e)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({"fout": e.to_string()})),
            )
                .into_response(),
            Err(check::CheckError::Load(_)) => {
                refuse(StatusCode::INTERNAL_SERVER_ERROR, "formulier.mislukt")
            }
        }
    };
    match tokio::task::spawn_blocking(run).await {
        Ok(response) => response,
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "formulier.mislukt"),
    }
}

/// The page at `path` (below the preview's `base`) with links to forms after its first
/// heading: a team page to its protocol's form, the start page and the policy's page to
/// the policy's form, the start page and the norm schema's page to the norm schema's (when
/// the editor may write them), the start page and the list of teams to a new protocol.
pub fn edit_link(shared: &Shared, path: &str, page: String) -> String {
    let Some(editor) = shared.editor.get() else {
        return page;
    };
    let base = shared.base();
    let Some(below) = path
        .strip_prefix(base.as_str())
        .map(|p| p.strip_suffix("index.html").unwrap_or(p))
    else {
        return page;
    };
    // The start page and the policy's page lead to the policy's form, the start page and
    // the norm schema's page to the norm schema's; the start page and the list of teams to
    // a new protocol.
    let team = below
        .strip_prefix("teams/")
        .and_then(|p| p.strip_suffix('/'))
        .filter(|s| !s.is_empty() && !s.contains('/'));
    let forms: Vec<(&str, &str)> = match below {
        "" => vec![
            (POLICY, "formulier.beleid-bewerken"),
            (NORM_SCHEMA, "formulier.normschema-bewerken"),
        ],
        "beleid/" => vec![(POLICY, "formulier.beleid-bewerken")],
        "normschema/" => vec![(NORM_SCHEMA, "formulier.normschema-bewerken")],
        _ => team
            .map(|s| (s, "formulier.bewerken"))
            .into_iter()
            .collect(),
    };
    let mut links: Vec<(String, String)> = forms
        .into_iter()
        .filter(|(slug, _)| editor.protocol(slug).is_some())
        .map(|(slug, key)| (format!("/__vpd/formulier/{slug}"), t(key, &[])))
        .collect();
    if matches!(below, "" | "teams/") {
        links.push(("/__vpd/nieuw".to_string(), t("nieuw.titel", &[])));
    }
    if links.is_empty() {
        return page;
    }
    let anchors: Vec<String> = links
        .iter()
        .map(|(href, text)| {
            format!(
                "<a class=\"utrecht-button-link utrecht-button-link--secondary-action\" href=\"{}\">{}</a>",
                fields::attr(href),
                fields::esc(text)
            )
        })
        .collect();
    let link = format!("<p class=\"vpd-bewerken\">{}</p>", anchors.join(" "));
    match page.find("</h1>") {
        Some(i) => format!("{}{link}{}", &page[..i + 5], &page[i + 5..]),
        None => page,
    }
}
