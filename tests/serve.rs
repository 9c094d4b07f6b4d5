//! `vpd serve` as a team lead uses it: start it, open pages, edit a team file and see the
//! reload event and the new text, break the file and see the error page, fix it and see
//! the page return; and the server refuses to leave the site folder.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
mod common;

use common::example_copy;
use common::serve::{request, start};
use std::process::Command;
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> (u16, String, String) {
    let (s, h, b) = request(addr, "GET", path);
    (s, h, String::from_utf8_lossy(&b).into_owned())
}

/// An open Server-Sent Events stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(stream, "GET /__vpd/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.contains("200"), "{line}");
        Events(reader)
    }

    fn wait_for_reload(&mut self) -> Duration {
        self.wait_for("reload")
    }

    /// Reads events until one whose data is `data`.
    fn wait_for(&mut self, data: &str) -> Duration {
        let start = Instant::now();
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.0.read_line(&mut line).expect("an event arrives");
            assert!(n > 0, "event stream closed");
            if line.trim().strip_prefix("data: ") == Some(data) {
                return start.elapsed();
            }
        }
    }
}

#[test]
fn the_event_stream_says_when_the_search_index_caught_up_after_a_save() {
    let tmp = example_copy();
    let serve = start(tmp.path(), &[]);
    let addr = serve.addr.clone();
    // The first index is built in the background; a stream opened after it was built
    // hears so at once.
    Events::open(&addr).wait_for("zoekindex");
    let mut events = Events::open(&addr);
    events.wait_for("zoekindex");

    let file = tmp.path().join("content/teams/kcc-algemeen.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited = original.replacen("krijgt een medewerker", "krijgt een zoekwoordtest", 1);
    assert_ne!(edited, original, "the example still has the edited text");
    std::fs::write(&file, edited).unwrap();
    events.wait_for("reload");
    events.wait_for("zoekindex");
}

fn wait_until(mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("condition not reached in 30 s");
}

#[test]
fn edit_break_and_fix_a_team_file_while_serving() {
    let tmp = example_copy();
    let serve = start(tmp.path(), &[]);
    let addr = serve.addr.clone();

    let (status, headers, body) = get(&addr, "/vpd/teams/kcc-algemeen/");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/html"));
    assert!(
        body.contains("/__vpd/reload.js"),
        "serve mode injects the reload script"
    );

    let mut events = Events::open(&addr);
    let file = tmp.path().join("content/teams/kcc-algemeen.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited: String = original
        .lines()
        .map(|l| {
            if l.starts_with("team: ") {
                "team: \"KCC Algemeen Vernieuwd\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&file, &edited).unwrap();
    events.wait_for_reload();
    // An editor's save can arrive as more than one burst: wait for the page to settle.
    let page = |want: u16| {
        let mut last = (0, String::new());
        wait_until(|| {
            let (status, _, body) = get(&addr, "/vpd/teams/kcc-algemeen/");
            last = (status, body);
            last.0 == want
        });
        last.1
    };
    let body = page(200);
    assert!(body.contains("KCC Algemeen Vernieuwd"));

    // Break it: an unknown key.
    std::fs::write(&file, format!("{edited}onbekend_veld: 1\n")).unwrap();
    events.wait_for_reload();
    let body = page(500);
    assert!(body.contains("content/teams/kcc-algemeen.yaml"), "{body}");
    assert!(body.contains("onbekend_veld"));
    assert!(
        body.contains("/__vpd/reload.js"),
        "the error page reloads too"
    );

    // Fix it: the page comes back.
    std::fs::write(&file, &edited).unwrap();
    events.wait_for_reload();
    let body = page(200);
    assert!(body.contains("KCC Algemeen Vernieuwd"));
}

#[test]
fn only_files_of_the_site_are_served_with_the_right_types() {
    let tmp = example_copy();
    std::fs::write(tmp.path().join("geheim.txt"), "geheim").unwrap();
    let mut serve = start(tmp.path(), &[]);
    let addr = serve.addr.clone();
    for bad in [
        "/../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/%2e%2e%2fgeheim.txt",
        "/%252e%252e/geheim.txt",
        "/static/..%5c..%5cgeheim.txt",
        "/teams\\..\\..\\geheim.txt",
        "/index.html%00",
    ] {
        let (status, _, body) = get(&addr, bad);
        assert!(status == 400 || status == 404, "{bad}: {status}");
        assert!(!body.contains("geheim") || status == 404, "{bad}");
    }
    let (status, _, body) = get(&addr, "/bestaat/niet/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the site's 404 page");
    // The example is published under /vpd/ (its site.yaml): so is the preview.
    let (status, headers, _) = get(&addr, "/vpd/teams");
    assert_eq!(status, 307);
    assert!(headers.contains("location: /vpd/teams/"), "{headers}");
    let (status, headers, _) = get(&addr, "/");
    assert_eq!(status, 307);
    assert!(headers.contains("location: /vpd/"), "{headers}");
    let (status, _, _) = get(&addr, "/teams/");
    assert_eq!(
        status, 404,
        "outside the base nothing of the site is served"
    );
    for (path, ty) in [
        ("/vpd/", "text/html"),
        ("/vpd/static/vpd.css", "text/css"),
        ("/vpd/static/vpd.js", "text/javascript"),
        ("/vpd/schemas/catalog.json", "application/json"),
        ("/vpd/sitemap.xml", "text/xml; charset=utf-8"),
    ] {
        let (status, headers, _) = get(&addr, path);
        assert_eq!(status, 200, "{path}");
        assert!(
            headers.contains(&format!("content-type: {ty}")),
            "{path}: {headers}"
        );
    }
    // The search index arrives in the background. Pagefind fetches its (compressed) wasm
    // and index files as bytes, so they are served as bytes.
    wait_until(|| get(&addr, "/vpd/pagefind/pagefind.js").0 == 200);
    for path in [
        "/vpd/pagefind/pagefind.js",
        "/vpd/pagefind/wasm.nl.pagefind",
    ] {
        let (status, headers, _) = request(&addr, "GET", path);
        assert_eq!(status, 200, "{path}");
        let expected = if path.ends_with(".js") {
            "content-type: text/javascript"
        } else {
            "content-type: application/octet-stream"
        };
        assert!(headers.contains(expected), "{path}: {headers}");
    }
    let (status, headers, body) = request(&addr, "HEAD", "/vpd/");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/html"));
    assert!(body.is_empty(), "HEAD has no body");
    // Ctrl-C stops it cleanly.
    assert!(serve.interrupt(), "vpd serve exits cleanly on SIGINT");
}

#[test]
fn serve_started_on_a_broken_tree_shows_the_errors_and_keeps_running() {
    let tmp = example_copy();
    let file = tmp.path().join("content/teams/kcc-algemeen.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{good}onbekend_veld: 1\n")).unwrap();
    let serve = start(tmp.path(), &[]);
    let addr = serve.addr.clone();
    for path in [
        "/",
        "/vpd/teams/kcc-algemeen/",
        "/teams/kcc-algemeen/",
        "/bestaat-niet/",
    ] {
        let (status, _, body) = get(&addr, path);
        assert_eq!(status, 500, "{path}");
        assert!(body.contains("content/teams/kcc-algemeen.yaml"), "{body}");
        assert!(body.contains("onbekend_veld"), "{path}");
    }
    // Fixed: the site appears.
    let mut events = Events::open(&addr);
    std::fs::write(&file, &good).unwrap();
    events.wait_for_reload();
    wait_until(|| get(&addr, "/vpd/teams/kcc-algemeen/").0 == 200);
}

#[test]
fn an_edit_made_the_moment_the_preview_answers_is_not_missed() {
    let tmp = example_copy();
    let serve = start(tmp.path(), &[]);
    let addr = serve.addr.clone();
    let file = tmp.path().join("content/teams/kcc-algemeen.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("team: ", "team: \"Direct Bewerkt\"\n# was: ", 1);
    std::fs::write(&file, edited).unwrap();
    wait_until(|| {
        get(&addr, "/vpd/teams/kcc-algemeen/")
            .2
            .contains("Direct Bewerkt")
    });
}

#[test]
fn a_preview_folder_inside_the_watched_sources_is_refused() {
    let tmp = example_copy();
    let out = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(["serve", "--port", "0", "--out"])
        .arg(tmp.path().join("content/voorvertoning"))
        .arg(tmp.path())
        .output()
        .expect("vpd runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Kies met --out een map daarbuiten"),
        "{stderr}"
    );
    assert!(!tmp.path().join("content/voorvertoning").exists());
}
