//! Running `vpd serve` in tests: start it on a free port, talk HTTP to it, stop it as
//! Ctrl-C does.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `vpd serve`; dropped, it is stopped.
pub struct Serve {
    child: Child,
    /// `127.0.0.1:port`.
    pub addr: String,
}

impl Serve {
    /// The server's process id.
    #[allow(dead_code)]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server as Ctrl-C does; returns whether it exited cleanly.
    pub fn interrupt(&mut self) -> bool {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if !self.interrupt() {
            let _ = self.child.kill();
        }
    }
}

/// Starts `vpd serve --port 0 [extra] DIR` and waits until it prints its address.
pub fn start(dir: &Path, extra: &[&OsStr]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg(dir)
        .env("VPD_VANDAAG", super::VANDAAG)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("vpd serve starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(i) = line.find("http://") {
                let url = line[i + 7..].split('/').next().unwrap_or("").to_string();
                let _ = tx.send(url);
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("serve prints its address");
    Serve { child, addr }
}

/// A raw HTTP request: (status, lower-cased headers, body).
pub fn request(addr: &str, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    request_with(addr, method, path, &[("Host", addr)], "")
}

/// A raw HTTP request with exactly `headers` (a `Host` among them, or none) and `body`:
/// (status, lower-cased headers, body).
pub fn request_with(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let body = raw.get(split + 4..).unwrap_or_default().to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body)
}

/// The headers a write to the preview's editor must be refused with, each with why: no
/// token, a wrong token, a foreign `Origin`, no `Origin`, and another `Host` (DNS
/// rebinding). `origin` is the preview's own, `token` the session's.
pub fn refused_headers<'a>(
    host: &'a str,
    origin: &'a str,
    token: &'a str,
) -> Vec<(Vec<(&'static str, &'a str)>, &'static str)> {
    vec![
        (vec![("Host", host), ("Origin", origin)], "no token"),
        (
            vec![
                ("Host", host),
                ("Origin", origin),
                ("X-Vpd-Token", "0123456789abcdef0123456789abcdef"),
            ],
            "a wrong token",
        ),
        (
            vec![
                ("Host", host),
                ("Origin", "http://evil.example"),
                ("X-Vpd-Token", token),
            ],
            "a foreign origin",
        ),
        (vec![("Host", host), ("X-Vpd-Token", token)], "no origin"),
        (
            vec![
                ("Host", "evil.example"),
                ("Origin", "http://evil.example"),
                ("X-Vpd-Token", token),
            ],
            "another host (DNS rebinding)",
        ),
    ]
}

/// A request with `headers` and a body: (status, the body read as JSON; null when it is
/// not JSON).
pub fn request_json(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, serde_json::Value) {
    let (status, _, bytes) = request_with(addr, method, path, headers, body);
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

/// `vpd serve` on a copy of the example organisation (removed when dropped).
pub struct Example {
    _dir: tempfile::TempDir,
    /// The copy's root.
    pub root: std::path::PathBuf,
    /// The running preview.
    pub serve: Serve,
}

impl Example {
    /// Copies the example and serves it with the `extra` arguments.
    pub fn start(extra: &[&OsStr]) -> Example {
        let dir = super::example_copy();
        let root = dir.path().to_path_buf();
        let serve = start(&root, extra);
        Example {
            _dir: dir,
            root,
            serve,
        }
    }

    /// The preview's `host:port`.
    pub fn host(&self) -> String {
        self.serve.addr.clone()
    }
}
