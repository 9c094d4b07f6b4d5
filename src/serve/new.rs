//! "Nieuw protocol" in the preview: `POST /__vpd/nieuw` writes the scaffold `vpd new`
//! writes for a team (and the chosen department), and `GET /__vpd/sessie` gives the
//! preview's own pages the session token.
//!
//! Guarded like saving ([`super::edit`]): only on a loopback address, with this preview as
//! `Host`, and for the write its `Origin` and the session token. The file goes where `vpd
//! new` puts it (`content/teams/<slug>.yaml`), is written whole, and never over an
//! existing file (409). The watcher then rebuilds, and the new protocol is in the model
//! the editor looks files up in.

use std::path::Path;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::edit::refuse;
use super::http::Shared;
use crate::messages::t;
use crate::scaffold::{self, NewTeamError, ScaffoldContext};
use crate::template::Templates;

/// `GET /__vpd/sessie`: the session token, for this preview's own pages.
pub async fn session(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    match shared.editor.get().filter(|e| e.host_ok(&headers)) {
        Some(editor) => Json(json!({"token": editor.token()})).into_response(),
        None => refuse(StatusCode::FORBIDDEN, "bewerken.geweigerd"),
    }
}

/// What the "Nieuw protocol" page sends.
#[derive(Deserialize)]
pub struct NewProtocol {
    /// The team template (`werkplein`, `kcc`).
    template: String,
    /// The team's name; its slug is the file name.
    naam: String,
    /// The department's id; empty or absent leaves the scaffold's placeholder.
    #[serde(default)]
    afdeling: Option<String>,
}

/// `POST /__vpd/nieuw`: writes the new team protocol; answers `{protocol, pad}` (201).
pub async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let allowed = shared
        .editor
        .get()
        .is_some_and(|e| e.host_ok(&headers) && e.write_ok(&headers));
    let Some(root) = shared
        .form
        .get()
        .filter(|_| allowed)
        .map(|f| f.root.clone())
    else {
        return refuse(StatusCode::FORBIDDEN, "bewerken.geweigerd");
    };
    let Ok(request) = serde_json::from_slice::<NewProtocol>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "bewerken.verzoek");
    };
    match tokio::task::spawn_blocking(move || write(&root, &request)).await {
        Ok(response) => response,
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "nieuw.mislukt"),
    }
}

fn fail(status: StatusCode, message: String) -> Response {
    (status, Json(json!({"fout": message}))).into_response()
}

/// Writes the scaffold of `request` into the repository at `root`.
fn write(root: &Path, request: &NewProtocol) -> Response {
    let loaded = match crate::load::load(root) {
        Ok(l) => l,
        Err(e) => {
            return fail(
                StatusCode::INTERNAL_SERVER_ERROR,
                t("nieuw.laden", &[("fout", &e.to_string())]),
            );
        }
    };
    let templates = Templates::load(&loaded.root);
    let new = match scaffold::new_team(&loaded, &templates, &request.template, &request.naam) {
        Ok(n) => n,
        Err(e @ (NewTeamError::UnknownTemplate(..) | NewTeamError::EmptyName)) => {
            return fail(StatusCode::BAD_REQUEST, e.to_string());
        }
    };
    let mut text = new.text;
    if let Some(afdeling) = request.afdeling.as_deref().filter(|a| !a.is_empty()) {
        let departments = ScaffoldContext::from_loaded(&loaded, &templates).departments;
        if !departments.iter().any(|d| d.id == afdeling) {
            let known: Vec<&str> = departments.iter().map(|d| d.id.as_str()).collect();
            return fail(
                StatusCode::BAD_REQUEST,
                t(
                    "nieuw.onbekende-afdeling",
                    &[("afdeling", afdeling), ("namen", &known.join(", "))],
                ),
            );
        }
        text = match crate::edit::set_answer(&text, &["afdeling"], &json!(afdeling)) {
            Ok(t) => t,
            Err(e) => return fail(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
    }
    let pad = format!("content/teams/{}.yaml", new.slug);
    match scaffold::create(&new.path, &text) {
        Ok(()) => (
            StatusCode::CREATED,
            Json(json!({"protocol": new.slug, "pad": pad})),
        )
            .into_response(),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fail(StatusCode::CONFLICT, t("new.bestaat-al", &[("pad", &pad)]))
        }
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "nieuw.mislukt"),
    }
}
