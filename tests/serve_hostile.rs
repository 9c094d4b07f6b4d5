//! `vpd serve` against hostile clients: a client that pipelines requests and never reads,
//! one that reads very slowly, an event stream with requests queued behind it, headers
//! that never end or are huge, redirect and header-injection tricks. Throughout, other
//! clients keep getting answers within a second.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::copy_dir;
use common::serve::{Serve, request, start};

/// A throw-away copy of the example organisation, served with its preview in `out/`.
fn serve_example() -> (tempfile::TempDir, Serve) {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &tmp.path().join("content"),
    );
    let out = tmp.path().join("out");
    let serve = start(
        tmp.path(),
        &[std::ffi::OsStr::new("--out"), out.as_os_str()],
    );
    (tmp, serve)
}

/// Asserts that an ordinary client gets the home page within a second, five times.
fn others_are_answered(addr: &str) {
    for _ in 0..5 {
        let start = Instant::now();
        let (status, _, body) = request(addr, "GET", "/vpd/");
        assert_eq!(status, 200);
        assert!(!body.is_empty());
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "an ordinary request waited {:?}",
            start.elapsed()
        );
    }
}

fn connect(addr: &str) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

fn pipelined(addr: &str, path: &str, n: usize) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").repeat(n)
}

#[test]
fn clients_that_pipeline_and_never_read_stall_only_themselves() {
    let (_tmp, serve) = serve_example();
    let addr = serve.addr.clone();
    let mut hogs: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut hog = connect(&addr);
            // Far more response bytes than the socket buffers hold; never read.
            hog.write_all(pipelined(&addr, "/vpd/normschema/", 400).as_bytes())
                .unwrap();
            hog
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    others_are_answered(&addr);
    hogs.clear();
}

#[test]
fn a_slow_reader_stalls_only_itself() {
    let (_tmp, serve) = serve_example();
    let addr = serve.addr.clone();
    let mut slow = connect(&addr);
    slow.write_all(pipelined(&addr, "/vpd/static/vpd.css", 200).as_bytes())
        .unwrap();
    let mut byte = [0u8; 1];
    for _ in 0..5 {
        slow.read_exact(&mut byte).unwrap();
        others_are_answered(&addr);
    }
}

#[test]
fn requests_queued_behind_an_event_stream_stall_only_that_connection() {
    let (_tmp, serve) = serve_example();
    let addr = serve.addr.clone();
    let mut streams: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut s = connect(&addr);
            let mut raw = format!("GET /__vpd/events HTTP/1.1\r\nHost: {addr}\r\n\r\n");
            raw.push_str(&pipelined(&addr, "/vpd/", 20));
            s.write_all(raw.as_bytes()).unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    others_are_answered(&addr);
    streams.clear();
}

#[test]
fn oversized_and_endless_headers_are_cut_off() {
    let (_tmp, serve) = serve_example();
    let addr = serve.addr.clone();
    // Three clients each try to send a 200 MiB header.
    let senders: Vec<_> = (0..3)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut s = connect(&addr);
                let _ = write!(s, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Groot: ");
                let chunk = vec![b'a'; 1 << 20];
                let mut sent = 0usize;
                for _ in 0..200 {
                    if s.write_all(&chunk).is_err() {
                        break;
                    }
                    sent += 1;
                }
                let mut answer = Vec::new();
                let _ = s.read_to_end(&mut answer);
                (sent, String::from_utf8_lossy(&answer).into_owned())
            })
        })
        .collect();
    for sender in senders {
        let (sent, answer) = sender.join().unwrap();
        assert!(sent < 200, "the server kept reading a 200 MiB header");
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
            "{answer}"
        );
    }
    let rss = resident_kib(serve.pid());
    assert!(
        rss < 200 * 1024,
        "resident memory {rss} KiB after huge headers"
    );
    // A hundred small headers are too many.
    let mut many = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for i in 0..100 {
        many.push_str(&format!("X-{i}: a\r\n"));
    }
    many.push_str("\r\n");
    let mut s = connect(&addr);
    s.write_all(many.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    others_are_answered(&addr);
}

#[test]
fn a_client_that_trickles_its_headers_is_dropped() {
    let (_tmp, serve) = serve_example();
    let addr = serve.addr.clone();
    let mut s = connect(&addr);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let start = Instant::now();
    let mut closed = false;
    while start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_secs(1));
        if s.write_all(b"X-Nog-Een: a\r\n").is_err() {
            closed = true;
            break;
        }
        let mut probe = [0u8; 64];
        s.set_nonblocking(true).unwrap();
        let read = s.read(&mut probe);
        s.set_nonblocking(false).unwrap();
        if read.is_ok() {
            closed = true;
            break;
        }
        others_are_answered(&addr);
    }
    assert!(
        closed,
        "a connection that never finished its headers stayed open"
    );
}

fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap()
}

#[test]
fn redirects_stay_on_this_host_and_headers_cannot_be_injected() {
    let (tmp, serve) = serve_example();
    let addr = serve.addr.clone();
    for hostile in [
        "/%2Fteams",
        "/%2fevil.example",
        "//evil.example/",
        "/teams%0D%0ASet-Cookie:%20vpd=1",
        "/teams%0ALocation:%20http://evil.example/",
    ] {
        let (status, headers, _) = request(&addr, "GET", hostile);
        assert_eq!(status, 400, "{hostile}: {headers}");
        assert!(!headers.contains("location:"), "{hostile}: {headers}");
        assert!(!headers.contains("set-cookie"), "{hostile}: {headers}");
    }
    // An absolute-form request names another host: the redirect is still a path here.
    let mut s = connect(&addr);
    write!(
        s,
        "GET http://evil.example/vpd/teams HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let lower = answer.to_lowercase();
    assert!(lower.starts_with("http/1.1 307"), "{answer}");
    assert!(lower.contains("\r\nlocation: /vpd/teams/\r\n"), "{answer}");
    // A folder with a non-ASCII name redirects to its encoded path.
    let folder = tmp.path().join("out/café");
    // (The example is served below its base, /vpd/.)
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("index.html"), "<html><body>café</body></html>").unwrap();
    let (status, headers, _) = request(&addr, "GET", "/vpd/caf%C3%A9");
    assert_eq!(status, 307, "{headers}");
    assert!(headers.contains("location: /vpd/caf%c3%a9/"), "{headers}");
    let (status, _, body) = request(&addr, "GET", "/vpd/caf%C3%A9/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("café"));
    // Only GET and HEAD.
    let (status, headers, _) = request(&addr, "POST", "/");
    assert_eq!(status, 405);
    assert!(headers.contains("allow: get, head"), "{headers}");
}
