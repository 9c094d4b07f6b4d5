//! `vpd serve`: build the site into a temporary folder, serve it on 127.0.0.1, watch
//! `content/`, `schemas/` and `themes/`, rebuild what a change affects and tell open
//! pages to reload. While content has errors the browser shows them instead of the page.
//!
//! Steps: first build → bind (next free port unless one was asked for) → serve in worker
//! threads → on each debounced change: validate everything, re-render the affected pages
//! (the model knows which), write them, send `reload` → rebuild the search index in the
//! background. Ctrl-C ends the loop; the temporary folder is removed.

mod error_page;
mod files;
pub mod http;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::messages::t;
use crate::model::{self, Affected, Model, SiteConfig};
use crate::render::{self, OutputFile, Theme};
use crate::template::Templates;
use crate::validate::{self, Options};

/// How to serve.
pub struct ServeOptions {
    /// The organisation root.
    pub root: PathBuf,
    /// Address to bind (127.0.0.1 by default).
    pub bind: IpAddr,
    /// The port asked for; `None` picks the first free one from 8000.
    pub port: Option<u16>,
    /// Open the browser.
    pub open: bool,
    /// Validation options.
    pub validate: Options,
}

/// Why serve could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port asked for is taken.
    #[error("{}", t("serve.poort-bezet", &[("poort", &.0.to_string()), ("fout", .1)]))]
    PortInUse(u16, String),
    /// No free port was found.
    #[error("{}", t("serve.geen-poort", &[]))]
    NoPort,
    /// Files could not be watched or written.
    #[error("{}", t("serve.io", &[("fout", .0)]))]
    Io(String),
    /// The folder has no content.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
}

enum Message {
    Changed(Vec<PathBuf>),
    Stop,
}

/// The preview's state between rebuilds.
struct Preview {
    root: PathBuf,
    out: PathBuf,
    options: Options,
    last: Option<Model>,
    /// Output paths of the pages written so far (to remove pages that disappear).
    pages: BTreeSet<String>,
    /// Asks the background indexer to rebuild the search index.
    reindex: mpsc::Sender<()>,
    /// Parsed files of the previous rebuild.
    cache: crate::load::LoadCache,
}

/// One background thread rebuilds the search index from the pages on disk; requests that
/// arrive while it works are folded into one, so memory stays that of a single index.
fn start_indexer(out: PathBuf) -> mpsc::Sender<()> {
    let (tx, rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            while rx.try_recv().is_ok() {}
            let pages = read_pages(&out);
            if let Ok(index) = render::search_index(&pages) {
                let _ = write_files(&out, &index);
            }
        }
    });
    tx
}

/// The HTML pages in `out`, as output files.
fn read_pages(out: &Path) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "pagefind") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "html")
                && let (Ok(rel), Ok(bytes)) = (path.strip_prefix(out), std::fs::read(&path))
            {
                files.push(OutputFile {
                    path: crate::load::display_path(Path::new(""), rel),
                    bytes,
                });
            }
        }
    }
    files
}

/// Runs the preview server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| ServeError::Io(e.to_string()))?;
    crate::load::load(&root)?;
    let tmp = tempfile::Builder::new()
        .prefix("vpd-serve-")
        .tempdir()
        .map_err(|e| ServeError::Io(e.to_string()))?;
    let shared = http::Shared::new(tmp.path().to_path_buf());
    let mut preview = Preview {
        root: root.clone(),
        out: tmp.path().to_path_buf(),
        options: options.validate,
        last: None,
        pages: BTreeSet::new(),
        reindex: start_indexer(tmp.path().to_path_buf()),
        cache: crate::load::LoadCache::default(),
    };
    let started = Instant::now();
    rebuild(&mut preview, &shared, None);
    eprintln!(
        "{}",
        t(
            "serve.gebouwd",
            &[("tijd", &format!("{:.2}", started.elapsed().as_secs_f64()))]
        )
    );

    let (server, addr) = bind(options.bind, options.port)?;
    // With --port 0 the system picks a port: report the real one.
    let addr = server.server_addr().to_ip().unwrap_or(addr);
    let server = Arc::new(server);
    let url = format!("http://{addr}/");
    println!("{}", t("serve.adres", &[("url", &url)]));
    let _workers = http::run(Arc::clone(&server), Arc::clone(&shared), 4);
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    let (tx, rx) = mpsc::channel::<Message>();
    let stop = tx.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    });
    let watch_tx = tx.clone();
    let mut debouncer = new_debouncer(
        Duration::from_millis(120),
        None,
        move |result: DebounceEventResult| {
            if let Ok(events) = result {
                // Only real changes: reading the files during a rebuild produces access
                // events (and atime updates), which must not trigger another rebuild.
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| is_change(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if !paths.is_empty() {
                    let _ = watch_tx.send(Message::Changed(paths));
                }
            }
        },
    )
    .map_err(|e| ServeError::Io(e.to_string()))?;
    for dir in ["content", "schemas", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| ServeError::Io(e.to_string()))?;
        }
    }

    while let Ok(message) = rx.recv() {
        match message {
            Message::Stop => break,
            Message::Changed(paths) => {
                let mut changed: Vec<String> = paths
                    .iter()
                    .filter_map(|p| p.strip_prefix(&root).ok())
                    .map(|p| crate::load::display_path(Path::new(""), p))
                    .filter(|p| !p.split('/').any(|c| c.starts_with('.')))
                    .collect();
                changed.sort();
                changed.dedup();
                if changed.is_empty() {
                    continue;
                }
                let start = Instant::now();
                rebuild(&mut preview, &shared, Some(&changed));
                shared.broadcast_reload();
                eprintln!(
                    "{}",
                    t(
                        "serve.herbouwd",
                        &[
                            ("bestanden", &changed.join(", ")),
                            (
                                "tijd",
                                &format!("{:.0}", start.elapsed().as_secs_f64() * 1000.0)
                            )
                        ]
                    )
                );
            }
        }
    }
    drop(debouncer);
    eprintln!("{}", t("serve.gestopt", &[]));
    drop(tmp);
    Ok(())
}

/// Whether a file system event is a change of content or of the set of files.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

fn bind(ip: IpAddr, port: Option<u16>) -> Result<(tiny_http::Server, SocketAddr), ServeError> {
    match port {
        Some(p) => {
            let addr = SocketAddr::new(ip, p);
            http::bind(addr)
                .map(|s| (s, addr))
                .map_err(|e| ServeError::PortInUse(p, e))
        }
        None => {
            for p in 8000..8100 {
                let addr = SocketAddr::new(ip, p);
                match http::bind(addr) {
                    Ok(s) => {
                        if p != 8000 {
                            eprintln!("{}", t("serve.andere-poort", &[("poort", &p.to_string())]));
                        }
                        return Ok((s, addr));
                    }
                    Err(_) => continue,
                }
            }
            Err(ServeError::NoPort)
        }
    }
}

fn write_files(out: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    for f in files {
        let path = out.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &f.bytes)?;
    }
    Ok(())
}

/// Validates everything, then re-renders what `changed` affects (everything on the first
/// build, after an error, or when `changed` is `None`).
fn rebuild(preview: &mut Preview, shared: &http::Shared, changed: Option<&[String]>) {
    let show_error = |diagnostics: &[crate::diagnostic::Diagnostic], message: Option<&str>| {
        if let Ok(mut e) = shared.error_page.write() {
            *e = Some(error_page::render(diagnostics, message));
        }
    };
    let loaded = match crate::load::load_cached(&preview.root, &mut preview.cache) {
        Ok(l) => l,
        Err(e) => return show_error(&[], Some(&e.to_string())),
    };
    let templates = Templates::load(&loaded.root);
    let mut validated = validate::validate(&loaded, &templates, &preview.options);
    let site = match SiteConfig::from_document(loaded.site.as_ref()) {
        Ok(s) => s,
        Err(d) => {
            validated.diagnostics.push(*d);
            SiteConfig::default()
        }
    };
    if validated.errors() > 0 {
        let errors: Vec<_> = validated
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .cloned()
            .collect();
        return show_error(&errors, None);
    }
    let model = model::build(&loaded, &templates, &validated, site, preview.options.today);
    let theme = match Theme::load(&loaded.root) {
        Ok(th) => th,
        Err(e) => return show_error(&[], Some(&e.to_string())),
    };
    let had_error = shared
        .error_page
        .read()
        .map(|e| e.is_some())
        .unwrap_or(true);
    let affected = match (changed, &preview.last) {
        (Some(c), Some(previous)) if !had_error => model.affected_by(previous, c),
        _ => Affected::Everything,
    };
    let wanted = |url: &str| match &affected {
        Affected::Everything => true,
        Affected::Pages(p) => p.contains(url),
    };
    let mut files = match render::render_pages(&model, &theme, &wanted) {
        Ok(f) => f,
        Err(e) => return show_error(&[], Some(&e.to_string())),
    };
    if affected == Affected::Everything {
        files.extend(render::assets(&model, &theme));
    }
    // Pages that no longer exist (a removed team) are removed.
    let current: BTreeSet<String> = render::page_urls(&model)
        .iter()
        .map(|u| page_path(u))
        .collect();
    for gone in preview
        .pages
        .iter()
        .filter(|p| !current.contains(*p))
        .cloned()
        .collect::<Vec<_>>()
    {
        let _ = std::fs::remove_file(preview.out.join(&gone));
        preview.pages.remove(&gone);
    }
    if let Err(e) = write_files(&preview.out, &files) {
        return show_error(&[], Some(&e.to_string()));
    }
    for f in &files {
        if f.path.ends_with(".html") {
            preview.pages.insert(f.path.clone());
        }
    }
    preview.last = Some(model);
    if let Ok(mut e) = shared.error_page.write() {
        *e = None;
    }
    // The search index follows in the background; the page itself is already fresh.
    let _ = preview.reindex.send(());
}

fn page_path(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}
