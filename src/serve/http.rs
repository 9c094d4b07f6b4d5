//! The HTTP layer of `vpd serve`: hyper serves each connection with limits on header size
//! and count, a header read timeout and a write timeout; an axum router answers the reload
//! script and the Server-Sent Events stream; tower-http's `ServeDir` serves the built site.
//! Around the files, [`super::guard`] refuses hostile paths before they reach the file
//! service, [`under_base`] serves the site below its base path (the path of `url` in
//! `site.yaml`, as it will be published), and [`shape`] puts the reload script into HTML
//! and the error page in place of every page while content has errors.
//!
//! Every connection is its own task: a client that never reads, pipelines requests behind
//! an event stream or trickles its headers holds up only itself.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::broadcast;
use tokio_io_timeout::TimeoutStream;
use tower_http::services::ServeDir;

/// The script injected into every HTML page in serve mode (never into a published site).
pub const RELOAD_SCRIPT: &str = "(() => {\n  const events = new EventSource('/__vpd/events');\n  events.addEventListener('message', (e) => { if (e.data === 'reload') location.reload(); });\n})();\n";
const RELOAD_TAG: &str = "<script src=\"/__vpd/reload.js\"></script>";

/// Request head limit: hyper answers 431 when the request line and headers exceed it.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// At most this many request headers (hyper answers 431 beyond it).
const MAX_HEADERS: usize = 64;
/// A client must send its whole request head within this time.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A write that cannot proceed for this long (a client that stopped reading) closes the
/// connection.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest HTML file the preview buffers to add the reload script.
const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;

/// What an event stream tells open pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The site changed: reload (`data: reload`).
    Reload,
    /// The search index is current again (`data: zoekindex`).
    SearchIndex,
}

impl Notice {
    /// The event's data.
    fn data(self) -> &'static str {
        match self {
            Notice::Reload => "reload",
            Notice::SearchIndex => "zoekindex",
        }
    }
}

/// What the server shows: the site, or the error page while content has errors.
pub struct Shared {
    /// The built site's folder.
    pub root: PathBuf,
    /// The error page (HTML) while the last build failed.
    error_page: RwLock<Option<String>>,
    /// The base path the site is served under (`/`, `/vpd/`).
    base: RwLock<String>,
    /// Open event streams listen here.
    reload: broadcast::Sender<Notice>,
    /// Whether the search index is that of the current site (a new stream hears so).
    search_current: std::sync::atomic::AtomicBool,
    /// The form editor's server side, once the preview listens on a loopback address.
    pub editor: std::sync::OnceLock<super::edit::Editor>,
    /// What the form editor needs besides the editor (the organisation, the check's options).
    pub form: std::sync::OnceLock<super::form::Context>,
}

impl Shared {
    /// State for a site in `root`.
    pub fn new(root: PathBuf) -> Arc<Self> {
        let (reload, _) = broadcast::channel(16);
        Arc::new(Shared {
            root,
            error_page: RwLock::new(None),
            base: RwLock::new("/".into()),
            reload,
            search_current: std::sync::atomic::AtomicBool::new(false),
            editor: std::sync::OnceLock::new(),
            form: std::sync::OnceLock::new(),
        })
    }

    /// Sends `reload` to every open page.
    pub fn broadcast_reload(&self) {
        // No open page is not an error.
        let _ = self.reload.send(Notice::Reload);
    }

    /// Tells every open page that the search index is current again (`zoekindex`; pages
    /// do not reload for it, it is for tools that wait for the index).
    pub fn broadcast_search_index(&self) {
        self.search_current.store(true, Ordering::SeqCst);
        let _ = self.reload.send(Notice::SearchIndex);
    }

    /// The search index is being brought up to date (after a change of the site).
    pub fn search_index_pending(&self) {
        self.search_current.store(false, Ordering::SeqCst);
    }

    /// Number of open event streams.
    pub fn client_count(&self) -> usize {
        self.reload.receiver_count()
    }

    /// Serves the site below `base` (`/vpd/`) from now on.
    pub fn set_base(&self, base: &str) {
        *self.base.write().unwrap_or_else(PoisonError::into_inner) = base.to_string();
    }

    /// The base path the site is served under.
    pub fn base(&self) -> String {
        self.base
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Shows `page` instead of every page of the site (content has errors), or the site
    /// again (`None`).
    pub fn set_error_page(&self, page: Option<String>) {
        *self
            .error_page
            .write()
            .unwrap_or_else(PoisonError::into_inner) = page;
    }

    // A lock whose holder panicked still holds a whole `String`: its value is used as it
    // is, never replaced by a default (which would serve the site without the error page).
    fn error_page(&self) -> Option<String> {
        self.error_page
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Binds the listening socket. `Err` carries the OS error text.
pub fn bind(addr: SocketAddr) -> Result<TcpListener, String> {
    let listener = TcpListener::bind(addr).map_err(|e| e.to_string())?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    Ok(listener)
}

/// Serves the site on `listener` from a background thread with its own runtime, until the
/// process ends.
pub fn run(listener: TcpListener, shared: Arc<Shared>) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("vpd-http")
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    std::thread::Builder::new()
        .name("vpd-serve".into())
        .spawn(move || runtime.block_on(accept(listener, shared)))
        .map_err(|e| e.to_string())?;
    Ok(())
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let service = TowerToHyperService::new(router(shared));
    loop {
        // A failed accept (for example too many open files) must not end the server.
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let service = service.clone();
        tokio::spawn(async move {
            let mut stream = TimeoutStream::new(stream);
            stream.set_write_timeout(Some(WRITE_TIMEOUT));
            let io = TokioIo::new(Box::pin(stream));
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .max_headers(MAX_HEADERS)
                .serve_connection(io, service)
                .await;
        });
    }
}

/// The preview's routes: the reload script, the event stream, and the site's files.
fn router(shared: Arc<Shared>) -> Router {
    let not_found = not_found_page.with_state(Arc::clone(&shared));
    let files = ServeDir::new(&shared.root)
        .append_index_html_on_directories(true)
        .fallback(not_found);
    Router::new()
        .route("/__vpd/reload.js", get(reload_script))
        .route("/__vpd/events", get(events))
        .route("/__vpd/bewerken/{protocol}", get(super::edit::open))
        .route("/__vpd/opslaan", axum::routing::post(super::edit::save))
        .route("/__vpd/sessie", get(super::new::session))
        .route(
            "/__vpd/nieuw",
            get(super::new_page::page).post(super::new::create),
        )
        .route("/__vpd/formulier/{protocol}", get(super::form::form))
        .route("/__vpd/formulier.js", get(super::form::script))
        .route("/__vpd/formulier.css", get(super::form::style))
        .route(
            "/__vpd/controleren",
            axum::routing::post(super::form::validate),
        )
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            under_base,
        ))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), shape))
        .layer(middleware::from_fn(super::guard::refuse_hostile))
        .with_state(shared)
}

async fn reload_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        RELOAD_SCRIPT,
    )
}

/// One event stream per open page: `reload` after every update, `zoekindex` when the
/// search index caught up, a comment now and then so a page that went away is noticed.
async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let receiver = shared.reload.subscribe();
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(notice) => {
                    let event = Event::default().data(notice.data());
                    return Some((Ok::<_, Infallible>(event), receiver));
                }
                // A page that fell behind missed some notices; the next one still comes.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    // A stream opened after the index caught up hears it at once.
    let current = shared.search_current.load(Ordering::SeqCst);
    let connected = futures_util::stream::once(async move {
        Ok(match current {
            true => Event::default().data(Notice::SearchIndex.data()),
            false => Event::default().comment("verbonden"),
        })
    });
    (
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(futures_util::StreamExt::chain(connected, stream))
            .keep_alive(KeepAlive::new().interval(Duration::from_secs(15))),
    )
}

/// The site's own 404 page (the error page replaces it while content has errors).
async fn not_found_page(State(shared): State<Arc<Shared>>) -> Response {
    let body = tokio::fs::read_to_string(shared.root.join("404.html"))
        .await
        .unwrap_or_else(|_| "<!doctype html><title>404</title>".into());
    html(StatusCode::NOT_FOUND, &body)
}

/// Serves the site below its base path as it will be published: `/vpd/teams/` is the
/// file `teams/index.html`, `/` leads to `/vpd/`, any other path outside the base is not
/// found, and a redirect of the file service (a folder without its `/`) stays below the
/// base. The preview's own routes (`/__vpd/`) are outside the site.
async fn under_base(
    State(shared): State<Arc<Shared>>,
    mut request: Request,
    next: Next,
) -> Response {
    let base = shared.base();
    let path = request.uri().path();
    if base == "/" || path.starts_with("/__vpd/") {
        return next.run(request).await;
    }
    let prefix = base.trim_end_matches('/');
    let Some(rest) = path.strip_prefix(prefix).filter(|r| r.starts_with('/')) else {
        if path == "/" || path == prefix {
            let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
            if let Ok(location) = HeaderValue::from_str(&base) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        return not_found_page(State(shared)).await;
    };
    let target = match request.uri().query() {
        Some(query) => format!("{rest}?{query}"),
        None => rest.to_string(),
    };
    let Ok(uri) = target.parse::<axum::http::Uri>() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    *request.uri_mut() = uri;
    let mut response = next.run(request).await;
    let moved = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .map(|l| format!("{prefix}{l}"));
    if let Some(location) = moved.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Puts the reload script into every HTML page (and a link to its form into each team
/// page the editor may write), shows the error page instead of any page
/// while content has errors, and forbids caching: the preview changes under the browser.
async fn shape(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    // The preview's own routes answer for themselves (the editor's JSON included).
    if request.uri().path().starts_with("/__vpd/") {
        return no_store(next.run(request).await);
    }
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let is_html = content_type(&response).starts_with("text/html");
    let missing = response.status() == StatusCode::NOT_FOUND;
    if let Some(error) = shared.error_page()
        && (is_html || missing)
    {
        return html(StatusCode::INTERNAL_SERVER_ERROR, &error);
    }
    if !is_html || head {
        return no_store(response);
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_HTML_BYTES).await {
        Ok(bytes) => {
            let page = String::from_utf8_lossy(&bytes).into_owned();
            html(parts.status, &super::form::edit_link(&shared, &path, page))
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn content_type(response: &Response) -> &str {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Marks a response uncacheable and names the character set of text (every text file of
/// the site is UTF-8).
fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.remove(header::ETAG);
    headers.remove(header::LAST_MODIFIED);
    let text = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("text/") && !v.contains("charset"))
        .map(|v| format!("{v}; charset=utf-8"));
    if let Some(value) = text.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    response
}

/// An HTML response with the reload script added.
fn html(status: StatusCode, page: &str) -> Response {
    let body = match page.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_TAG}{}", &page[..i], &page[i..]),
        None => format!("{page}{RELOAD_TAG}"),
    };
    let mut response = (status, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
