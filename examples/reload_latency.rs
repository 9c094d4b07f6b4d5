//! Measures the time from saving one team file to the reload event of `vpd serve`.
//!
//! `cargo run --release --example reload_latency -- --vpd target/release/vpd --org DIR [--runs 5]`
//! Prints the median and all runs in milliseconds.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut vpd = PathBuf::from("target/release/vpd");
    let mut org = PathBuf::from(".");
    let mut runs = 5;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--vpd" => vpd = args.next().ok_or("--vpd PATH")?.into(),
            "--org" => org = args.next().ok_or("--org DIR")?.into(),
            "--runs" => runs = args.next().ok_or("--runs N")?.parse()?,
            other => return Err(format!("onbekend argument {other}").into()),
        }
    }
    let mut child = Command::new(&vpd)
        .args(["serve", "--port", "0"])
        .arg(&org)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines.next().ok_or("serve stopped")??;
        if let Some(i) = line.find("http://") {
            break line[i + 7..].split('/').next().unwrap_or("").to_string();
        }
    };
    let mut stream = TcpStream::connect(&addr)?;
    write!(stream, "GET /__vpd/events HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut events = BufReader::new(stream);
    let mut line = String::new();
    events.read_line(&mut line)?;

    let teams = org.join("content/teams");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&teams)?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let file = files.first().ok_or("no team files")?.clone();
    let original = std::fs::read_to_string(&file)?;
    let mut times = Vec::new();
    for run in 0..runs {
        // Let the previous rebuild settle and drop any event it still sent, so each run
        // measures its own save.
        std::thread::sleep(Duration::from_millis(500));
        events
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(300)))?;
        loop {
            line.clear();
            match events.read_line(&mut line) {
                Ok(0) => return Err("event stream closed".into()),
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        events
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(300)))?;
        let start = Instant::now();
        std::fs::write(&file, format!("{original}# bewerking {run}\n"))?;
        loop {
            line.clear();
            if events.read_line(&mut line)? == 0 {
                return Err("event stream closed".into());
            }
            if line.trim() == "data: reload" {
                break;
            }
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&file, original)?;
    let _ = child.kill();
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!(
        "median {median:.0} ms; runs: {}",
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}
