//! The HTTP layer of `vpd serve`, kept in one module so the server could be swapped:
//! static files from the built site, the reload script injected into HTML, a Server-Sent
//! Events stream per open page, and the error page while content has errors.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::files::{Resolved, content_type, resolve};

/// The script injected into every HTML page in serve mode (never into a published site).
pub const RELOAD_SCRIPT: &str = "(() => {\n  const events = new EventSource('/__vpd/events');\n  events.addEventListener('message', (e) => { if (e.data === 'reload') location.reload(); });\n})();\n";
const RELOAD_TAG: &str = "<script src=\"/__vpd/reload.js\"></script>";

/// What the server shows: the site, or the error page while content has errors.
pub struct Shared {
    /// The built site's folder.
    pub root: PathBuf,
    /// The error page (HTML) while the last build failed.
    pub error_page: RwLock<Option<String>>,
    /// Open event streams.
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
}

impl Shared {
    /// State for a site in `root`.
    pub fn new(root: PathBuf) -> Arc<Self> {
        Arc::new(Shared {
            root,
            error_page: RwLock::new(None),
            clients: Mutex::new(Vec::new()),
        })
    }

    /// Sends `reload` to every open page; drops streams that are gone.
    pub fn broadcast_reload(&self) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain_mut(|c| {
                c.write_all(b"data: reload\n\n")
                    .and_then(|_| c.flush())
                    .is_ok()
            });
        }
    }

    /// Number of open event streams.
    pub fn client_count(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or(0)
    }
}

/// Binds the server. `Err` carries the OS error text.
pub fn bind(addr: SocketAddr) -> Result<Server, String> {
    Server::http(addr).map_err(|e| e.to_string())
}

/// Serves requests until the server is dropped; `workers` threads share the load.
pub fn run(
    server: Arc<Server>,
    shared: Arc<Shared>,
    workers: usize,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..workers.max(1))
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &shared);
                }
            })
        })
        .collect()
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Vpd"[..], &b"1"[..]).expect("static header"))
}

fn inject(html: &str) -> String {
    match html.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_TAG}{}", &html[..i], &html[i..]),
        None => format!("{html}{RELOAD_TAG}"),
    }
}

fn html_response(body: String, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(inject(&body).into_bytes())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn not_found(root: &Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let body = std::fs::read_to_string(root.join("404.html")).unwrap_or_else(|_| "404".into());
    html_response(body, 404)
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let _ = request.respond(Response::empty(405).with_header(header("Allow", "GET, HEAD")));
        return;
    }
    let path = url.split('?').next().unwrap_or("");
    if path == "/__vpd/events" {
        let mut writer = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: verbonden\n\n";
        if writer
            .write_all(head.as_bytes())
            .and_then(|_| writer.flush())
            .is_ok()
            && let Ok(mut clients) = shared.clients.lock()
        {
            clients.push(writer);
        }
        return;
    }
    if path == "/__vpd/reload.js" {
        let _ = request.respond(
            Response::from_string(RELOAD_SCRIPT)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let error = shared.error_page.read().ok().and_then(|e| e.clone());
    let response = match resolve(&shared.root, &url) {
        Resolved::BadRequest => Response::from_string("400").with_status_code(400),
        Resolved::Redirect(to) => Response::empty(301)
            .with_header(header("Location", &to))
            .boxed_cursor(),
        // While content has errors there may be no site yet: every page shows them.
        Resolved::NotFound => match error {
            Some(page) => html_response(page, 500),
            None => not_found(&shared.root),
        },
        Resolved::File(file) => {
            let is_html = file.extension().is_some_and(|e| e == "html");
            match (is_html, error) {
                (true, Some(page)) => html_response(page, 500),
                (true, None) => match std::fs::read_to_string(&file) {
                    Ok(body) => html_response(body, 200),
                    Err(_) => not_found(&shared.root),
                },
                (false, _) => match std::fs::read(&file) {
                    Ok(bytes) => Response::from_data(bytes)
                        .with_header(header("Content-Type", content_type(&file)))
                        .with_header(header("Cache-Control", "no-store")),
                    Err(_) => not_found(&shared.root),
                },
            }
        }
    };
    let _ = request.respond(response);
}

trait BoxedCursor {
    fn boxed_cursor(self) -> Response<std::io::Cursor<Vec<u8>>>;
}

impl BoxedCursor for Response<std::io::Empty> {
    fn boxed_cursor(self) -> Response<std::io::Cursor<Vec<u8>>> {
        let mut r = Response::from_data(Vec::new()).with_status_code(self.status_code());
        for h in self.headers() {
            r.add_header(h.clone());
        }
        r
    }
}
