//! Saving answers from the preview (the form editor's server side): `GET
//! /__vpd/bewerken/{protocol}` gives the form what it needs to save (the session token and
//! the file's current version), `POST /__vpd/opslaan` writes answers into the protocol's
//! YAML file with [`crate::edit`], losslessly and atomically; the watcher then rebuilds and
//! the page reloads.
//!
//! Safe to leave running: the editor exists only when the preview listens on a loopback
//! address; every request must name this preview as its `Host` (no DNS rebinding); a write
//! needs the per-session token and this preview's `Origin` (no cross-site request can
//! write); the file comes from the current site's model, never from the request;
//! an answer may only go below `secties` or to a key of the envelope (team, status, ...);
//! and a file that changed on disk since the form read it is not overwritten (409, with the
//! file's current text and what changed since the form opened it, see [`super::conflict`]).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::http::Shared;
use crate::messages::t;

/// The header a write carries its token in.
pub const TOKEN_HEADER: &str = "x-vpd-token";

/// The editor of one preview session.
pub struct Editor {
    /// The per-session token (32 hexadecimal characters from the system's random source).
    token: String,
    /// The `Host` values that name this preview (`127.0.0.1:8000`, `localhost:8000`).
    hosts: Vec<String>,
    /// The files that may be edited (after each build, those of the current site).
    editable: RwLock<Option<super::form::Editable>>,
    /// The texts handed out to forms, to show what changed when a save is refused.
    opened: super::conflict::Opened,
}

impl Editor {
    /// The editor for a preview listening on `addr`; none unless that is a loopback address
    /// (or when the system gives no random token).
    pub fn for_address(addr: SocketAddr) -> Option<Editor> {
        if !addr.ip().is_loopback() {
            return None;
        }
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).ok()?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let port = addr.port();
        let hosts = vec![addr.to_string(), format!("localhost:{port}")];
        Some(Editor {
            token,
            hosts,
            editable: RwLock::new(None),
            opened: super::conflict::Opened::default(),
        })
    }

    /// The files that may be edited from now on (after each build).
    pub fn set_editable(&self, editable: Option<super::form::Editable>) {
        if let Ok(mut e) = self.editable.write() {
            *e = editable;
        }
    }

    /// The file of the protocol `slug` (or the policy or norm schema by their keys), if
    /// the editor may write it.
    pub(super) fn protocol(&self, slug: &str) -> Option<PathBuf> {
        self.editable.read().ok()?.as_ref()?.file(slug)
    }

    /// The per-session token a page sends with each write.
    pub(super) fn token(&self) -> &str {
        &self.token
    }

    /// Whether the request names this preview as its host.
    pub(super) fn host_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|h| self.hosts.iter().any(|x| x == h))
    }

    /// Whether a write comes from this preview's pages with this session's token.
    pub(super) fn write_ok(&self, headers: &HeaderMap) -> bool {
        let origin_ok = headers
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .is_some_and(|o| self.hosts.iter().any(|h| o == format!("http://{h}")));
        let token = headers.get(TOKEN_HEADER).map(|v| v.as_bytes());
        origin_ok && token.is_some_and(|t| constant_time_eq(t, self.token.as_bytes()))
    }
}

/// Compares without stopping at the first difference (the token's bytes are not timed).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A file's version: its git blob id, so a form can say which version it edited.
fn version(text: &[u8]) -> String {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, text)
        .map(|id| id.to_string())
        .unwrap_or_default()
}

/// A JSON refusal with the message `key`.
pub(super) fn refuse(status: StatusCode, key: &str) -> Response {
    (status, Json(json!({"fout": t(key, &[])}))).into_response()
}

/// `GET /__vpd/bewerken/{protocol}`: the token and the file's version for the form.
pub async fn open(
    State(shared): State<Arc<Shared>>,
    UrlPath(slug): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let Some(editor) = shared.editor.get().filter(|e| e.host_ok(&headers)) else {
        return refuse(StatusCode::FORBIDDEN, "bewerken.geweigerd");
    };
    let Some(path) = editor.protocol(&slug) else {
        return refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol");
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let versie = version(&bytes);
            editor
                .opened
                .remember(&versie, &String::from_utf8_lossy(&bytes));
            Json(json!({"protocol": slug, "token": editor.token, "versie": versie})).into_response()
        }
        Err(_) => refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol"),
    }
}

/// What a form sends to save.
#[derive(Deserialize)]
pub struct Save {
    /// The protocol's slug (from the session's list).
    protocol: String,
    /// The file's version the form was opened with.
    versie: String,
    /// The answers: where (keys below the document root, starting with `secties`) and what.
    antwoorden: Vec<SavedAnswer>,
}

/// One answer to save.
#[derive(Deserialize)]
pub struct SavedAnswer {
    /// The keys from the document root.
    pad: Vec<String>,
    /// The answer in its YAML shape (see [`crate::edit::set_answer`]); `null` removes it.
    waarde: Value,
}

/// `POST /__vpd/opslaan`: writes the answers into the protocol's file.
pub async fn save(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(editor) = shared
        .editor
        .get()
        .filter(|e| e.host_ok(&headers) && e.write_ok(&headers))
    else {
        return refuse(StatusCode::FORBIDDEN, "bewerken.geweigerd");
    };
    let Ok(request) = serde_json::from_slice::<Save>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "bewerken.verzoek");
    };
    if request
        .antwoorden
        .iter()
        .any(|a| !super::form::allowed(&a.pad))
    {
        return refuse(StatusCode::BAD_REQUEST, "bewerken.alleen-secties");
    }
    let Some(path) = editor.protocol(&request.protocol) else {
        return refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol");
    };
    let opened = editor.opened.text(&request.versie);
    match tokio::task::spawn_blocking(move || write(&path, &request, opened.as_deref())).await {
        Ok(response) => response,
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "bewerken.mislukt"),
    }
}

/// Applies `request` to the file at `path` and writes it atomically; `opened` is the text
/// the form was opened with, if the editor still remembers it.
fn write(path: &Path, request: &Save, opened: Option<&str>) -> Response {
    let Ok(bytes) = std::fs::read(path) else {
        return refuse(StatusCode::NOT_FOUND, "bewerken.onbekend-protocol");
    };
    if version(&bytes) != request.versie {
        let current = String::from_utf8_lossy(&bytes);
        let mut body = json!({"fout": t("bewerken.gewijzigd", &[]), "huidig": current, "versie": version(&bytes)});
        // What changed since the form opened the file (`verschil`, `blokken`), when known.
        if let (Some(opened), Some(fields)) = (opened, body.as_object_mut()) {
            if let Value::Object(diff) = super::conflict::difference(opened, &current) {
                fields.extend(diff);
            }
        }
        return (StatusCode::CONFLICT, Json(body)).into_response();
    }
    let Ok(mut text) = String::from_utf8(bytes) else {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "bewerken.mislukt");
    };
    for answer in &request.antwoorden {
        let keys: Vec<&str> = answer.pad.iter().map(String::as_str).collect();
        match crate::edit::set_answer(&text, &keys, &answer.waarde) {
            Ok(next) => text = next,
            Err(e) => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(json!({"fout": e.to_string()})),
                )
                    .into_response();
            }
        }
    }
    match replace(path, text.as_bytes()) {
        Ok(()) => Json(json!({"versie": version(text.as_bytes())})).into_response(),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "bewerken.mislukt"),
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place: a reader
/// (the watcher, the editor on disk) sees the old file or the new one, never half of it.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".vpd-opslaan-")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(file.path(), meta.permissions());
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
