//! `vpd serve`: build the site with a [`Session`], serve it on 127.0.0.1, watch
//! `content/`, `schemas/` and `themes/`, update what a change affects and tell open pages
//! to reload. While content has errors the browser and the terminal show them.
//!
//! Steps: watch (before the first build, so no save is missed) → first build → bind
//! (next free port unless one was asked for) → serve in worker threads → for each burst
//! of changes (bursts that queued up meanwhile merged into one): update the session, send
//! `reload`, rebuild the search index in the background. Ctrl-C ends the loop; a
//! temporary folder is removed.

mod conflict;
mod edit;
mod error_page;
mod form;
mod guard;
pub mod http;
mod new;
mod new_page;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::diagnostic::format;
use crate::diagnostic::summary::Report;
use crate::messages::t;
use crate::pipeline::{SearchJob, SearchState, Session, Update};
use crate::terminal::escape_lines;
use crate::validate::Options;

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
    /// The folder to build into; `None` makes a temporary one.
    pub out: Option<PathBuf>,
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
    /// `--out` names a folder inside the watched sources.
    #[error("{}", t("serve.uitvoer-in-bron", &[("map", &.0.display().to_string())]))]
    OutInSource(PathBuf),
    /// The preview folder could not be used.
    #[error(transparent)]
    Session(#[from] crate::pipeline::SessionError),
}

/// The folders of an organisation that the preview watches.
const WATCHED: [&str; 3] = ["content", "schemas", "themes"];

enum Message {
    Changed(Vec<PathBuf>),
    Stop,
}

/// One background thread rebuilds the search index from the pages on disk; requests that
/// arrive while it works are folded into one, so memory stays that of a single index.
fn start_indexer(shared: Arc<http::Shared>) -> mpsc::Sender<SearchJob> {
    let (tx, rx) = mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        // What each part holds: only parts whose text changed are rebuilt.
        let mut state = SearchState::default();
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let start = Instant::now();
            match job.run(&mut state) {
                Ok(_) => {
                    eprintln!(
                        "{}",
                        t("serve.zoekindex", &[("tijd", &millis(start.elapsed()))])
                    );
                    shared.broadcast_search_index();
                }
                Err(e) => eprintln!("{}", escape_lines(&e.to_string())),
            }
        }
    });
    tx
}

fn millis(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

/// Runs the preview server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| ServeError::Io(e.to_string()))?;
    if !root.join("content").is_dir() {
        return Err(crate::load::LoadError::NoContent(root).into());
    }
    let tmp = match &options.out {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new()
                .prefix("vpd-serve-")
                .tempdir()
                .map_err(|e| ServeError::Io(e.to_string()))?,
        ),
    };
    let out = match (&options.out, &tmp) {
        (Some(out), _) => out.clone(),
        (None, Some(tmp)) => tmp.path().to_path_buf(),
        (None, None) => return Err(ServeError::Io(String::new())),
    };
    // A preview written into a watched folder would set off its own rebuilds.
    let absolute = std::path::absolute(&out).map_err(|e| ServeError::Io(e.to_string()))?;
    if WATCHED
        .iter()
        .any(|dir| absolute.starts_with(root.join(dir)))
    {
        return Err(ServeError::OutInSource(out));
    }

    // The watcher starts before the first build: a save made while it runs, or the
    // moment the address is printed, is queued, never missed.
    let (tx, rx) = mpsc::channel::<Message>();
    let _debouncer = watch(&root, tx.clone())?;
    let stop = tx.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    });

    let mut session = Session::open(&root, &out, options.validate)?;
    let shared = http::Shared::new(session.folder().root().to_path_buf());
    let reindex = start_indexer(Arc::clone(&shared));
    let started = Instant::now();
    if update(&mut session, &shared, &reindex, &[]) {
        eprintln!(
            "{}",
            t(
                "serve.gebouwd",
                &[("tijd", &format!("{:.2}", started.elapsed().as_secs_f64()))]
            )
        );
    }

    let (listener, addr) = bind(options.bind, options.port)?;
    // With --port 0 the system picks a port: report the real one.
    let addr = listener.local_addr().unwrap_or(addr);
    if let Some(editor) = edit::Editor::for_address(addr) {
        editor.set_editable(form::Editable::of(&session));
        let _ = shared.editor.set(editor);
        let _ = shared.form.set(form::Context {
            root: root.clone(),
            options: options.validate,
        });
    }
    // The site is served below its base, as it will be published.
    let url = format!("http://{addr}{}", shared.base());
    http::run(listener, Arc::clone(&shared)).map_err(ServeError::Io)?;
    println!("{}", t("serve.adres", &[("url", &url)]));
    if options.open {
        // The preview runs without a browser too: a failure is said, not fatal.
        if let Err(e) = opener::open_browser(&url) {
            eprintln!(
                "{}",
                t("serve.browser-niet-geopend", &[("fout", &e.to_string())])
            );
        }
    }

    while let Ok(message) = rx.recv() {
        let Message::Changed(mut paths) = message else {
            break;
        };
        // Bursts that queued up while the last update ran become one update.
        let mut stop = false;
        while let Ok(more) = rx.try_recv() {
            match more {
                Message::Changed(p) => paths.extend(p),
                Message::Stop => stop = true,
            }
        }
        if stop {
            break;
        }
        paths.sort();
        paths.dedup();
        let start = Instant::now();
        update(&mut session, &shared, &reindex, &paths);
        shared.broadcast_reload();
        let names: Vec<String> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .map(|p| crate::load::display_path(std::path::Path::new(""), p))
            .collect();
        eprintln!(
            "{}",
            escape_lines(&t(
                "serve.herbouwd",
                &[
                    ("bestanden", &names.join(", ")),
                    ("tijd", &millis(start.elapsed()))
                ]
            ))
        );
    }
    eprintln!("{}", t("serve.gestopt", &[]));
    drop(tmp);
    Ok(())
}

/// How long a path must be quiet before its change is reported.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Watches the organisation's folders; every real change is sent as `Changed`.
fn watch(
    root: &std::path::Path,
    tx: mpsc::Sender<Message>,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    ServeError,
> {
    // An editor's save (write, or write a temporary file and rename it) comes as events
    // within a few milliseconds: 50 ms of quiet per path joins them into one change.
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            // Only real changes: reading the files during a rebuild produces access
            // events (and atime updates), which must not trigger another rebuild.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| is_change(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(Message::Changed(paths));
            }
        }
    })
    .map_err(|e| ServeError::Io(e.to_string()))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| ServeError::Io(e.to_string()))?;
        }
    }
    Ok(debouncer)
}

/// Updates the session and shows the outcome: the error page and the terminal report
/// while content has errors, the fresh site (and a new search index) otherwise. Returns
/// whether the site is current.
fn update(
    session: &mut Session,
    shared: &http::Shared,
    reindex: &mpsc::Sender<SearchJob>,
    changed: &[PathBuf],
) -> bool {
    let set_error = |page: Option<String>| shared.set_error_page(page);
    match session.update(changed) {
        Ok(Update::Built { warnings, .. }) => {
            if !warnings.is_empty() {
                let report = Report::findings(&warnings, 0);
                eprint!("{}", format::human::render(&report, false));
            }
            if let Some(base) = session.base() {
                shared.set_base(base.path());
            }
            set_error(None);
            if let Some(editor) = shared.editor.get() {
                editor.set_editable(form::Editable::of(session));
            }
            if let Some(job) = session.search_job() {
                shared.search_index_pending();
                let _ = reindex.send(job);
            }
            true
        }
        Ok(Update::Invalid(errors)) => {
            let report = Report::findings(&errors, 0);
            eprint!("{}", format::human::render(&report, false));
            eprintln!("{}", t("serve.niet-gebouwd", &[]));
            set_error(Some(error_page::render(&errors, None)));
            false
        }
        Err(e) => {
            eprintln!("{}", escape_lines(&e.to_string()));
            eprintln!("{}", t("serve.niet-gebouwd", &[]));
            set_error(Some(error_page::render(&[], Some(&e.to_string()))));
            false
        }
    }
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

fn bind(ip: IpAddr, port: Option<u16>) -> Result<(std::net::TcpListener, SocketAddr), ServeError> {
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
                if let Ok(listener) = http::bind(addr) {
                    if p != 8000 {
                        eprintln!("{}", t("serve.andere-poort", &[("poort", &p.to_string())]));
                    }
                    return Ok((listener, addr));
                }
            }
            Err(ServeError::NoPort)
        }
    }
}
