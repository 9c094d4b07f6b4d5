//! The preview's first line of defence: a request whose path could mean something other
//! than a file of the built site never reaches the file service. Refused (400): dot
//! segments, encoded or double-encoded separators and dots, backslashes, control
//! characters and NUL, invalid UTF-8, and paths that start with `//` (which a redirect
//! would turn into another host). Methods other than GET and HEAD get 405, but for the
//! editor's `POST /__vpd/opslaan` (see [`super::edit`]), `POST /__vpd/controleren` (see
//! [`super::form`]) and `POST /__vpd/nieuw` (see [`super::new`]). An absolute-form
//! request target loses its scheme and host, so a redirect is always a path on this host.

use axum::extract::Request;
use axum::http::uri::{PathAndQuery, Uri};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

/// Middleware: refuses hostile requests, passes the rest on with an origin-form target and
/// without conditional headers (the preview is never cached).
pub async fn refuse_hostile(mut request: Request, next: Next) -> Response {
    let save = *request.method() == Method::POST
        && ["/__vpd/opslaan", "/__vpd/controleren", "/__vpd/nieuw"].contains(&request.uri().path());
    if !matches!(*request.method(), Method::GET | Method::HEAD) && !save {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    if !is_safe_path(request.uri().path()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let target = request
        .uri()
        .path_and_query()
        .cloned()
        .unwrap_or_else(|| PathAndQuery::from_static("/"));
    *request.uri_mut() = Uri::from(target);
    let headers = request.headers_mut();
    for conditional in [
        header::IF_MODIFIED_SINCE,
        header::IF_NONE_MATCH,
        header::IF_UNMODIFIED_SINCE,
        header::IF_MATCH,
    ] {
        headers.remove(conditional);
    }
    next.run(request).await
}

/// Whether a request path (still percent-encoded) can only mean a file of the site: it
/// maps to an output file by [`site_path::file_of`](crate::site_path::file_of), the
/// mapping the page registry uses (which refuses dot segments, empty segments, encoded
/// separators, backslashes, control characters and NUL, and invalid UTF-8), holds no raw
/// `?` or `#` (which the mapping would cut off), and is not encoded twice.
pub fn is_safe_path(raw: &str) -> bool {
    if raw.contains(['?', '#']) || crate::site_path::file_of(raw).is_err() {
        return false;
    }
    let decoded = percent_decode_str(raw)
        .decode_utf8_lossy()
        .to_ascii_lowercase();
    // A second round of encoding (%252e%252e) is never legitimate here.
    !["%2e", "%2f", "%5c", "%00"]
        .iter()
        .any(|e| decoded.contains(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_smuggled_separators_are_refused() {
        for bad in [
            "/../geheim.txt",
            "/%2e%2e/geheim.txt",
            "/%252e%252e/geheim.txt",
            "/..%2fgeheim.txt",
            "/teams\\..\\..\\geheim.txt",
            "/index.html%00.txt",
            "//etc/passwd",
            "/%2Fteams",
            "/%2fevil.example",
            "/teams%0D%0ASet-Cookie:%20x=1",
            "/./index.html",
            "/%ff",
            "/teams#/../../geheim.txt",
            "teams/",
        ] {
            assert!(!is_safe_path(bad), "{bad}");
        }
    }

    #[test]
    fn ordinary_paths_pass() {
        for good in [
            "/",
            "/teams",
            "/teams/",
            "/static/vpd.css",
            "/caf%C3%A9/",
            "/zoeken/?q=a",
        ] {
            assert!(is_safe_path(good.split('?').next().unwrap_or("")), "{good}");
        }
    }
}
