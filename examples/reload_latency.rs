//! Measures the time from saving one team file to the reload event of `vpd serve`, and
//! from the reload to the search index being current again (`data: zoekindex`).
//!
//! `cargo run --release --example reload_latency -- --vpd target/release/vpd --org DIR [--runs 5]`
//! Waits until the preview's first search index is built (a user's saves meet a preview
//! that has settled; the first index of 10,000 pages takes seconds of both cores), then
//! saves `--runs` times. Prints the medians and all runs in milliseconds.

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
    stream.set_read_timeout(Some(Duration::from_secs(600)))?;
    let mut events = BufReader::new(stream);
    let mut line = String::new();
    let first_index = Instant::now();
    wait_for(&mut events, "zoekindex")?;
    eprintln!(
        "first search index after {:.1} s",
        first_index.elapsed().as_secs_f64()
    );

    let teams = org.join("content/teams");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&teams)?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let file = files.first().ok_or("no team files")?.clone();
    let original = std::fs::read_to_string(&file)?;
    let mut times = Vec::new();
    let mut index_times = Vec::new();
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
        std::fs::write(&file, edited(&original, run)?)?;
        wait_for(&mut events, "reload")?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        let reloaded = Instant::now();
        wait_for(&mut events, "zoekindex")?;
        index_times.push(reloaded.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&file, original)?;
    let _ = child.kill();
    println!(
        "{}; search index current {} later",
        summary(&times),
        summary(&index_times)
    );
    Ok(())
}

/// `original` with one word added to its first list item of text, as a user's save
/// changes a text: the page and its part of the search index must be made again.
fn edited(original: &str, run: usize) -> Result<String, Box<dyn std::error::Error>> {
    let mut done = false;
    let mut out = String::with_capacity(original.len() + 16);
    for line in original.split_inclusive('\n') {
        let item = line.trim_start().strip_prefix("- ").unwrap_or("");
        let body = line.trim_end();
        let plain_text = item.len() > 10 && !item.contains(": ") && !item.starts_with(['|', '>']);
        if !done && plain_text {
            let (text, close) = match body.strip_suffix('"') {
                Some(text) => (text, "\""),
                None => (body, ""),
            };
            out.push_str(&format!("{text} bewerking{run}{close}\n"));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    match done {
        true => Ok(out),
        false => Err("no list item of text to edit in the team file".into()),
    }
}

/// Reads events until one with `data`.
fn wait_for(
    events: &mut BufReader<TcpStream>,
    data: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut line = String::new();
    loop {
        line.clear();
        if events.read_line(&mut line)? == 0 {
            return Err("event stream closed".into());
        }
        if line.trim().strip_prefix("data: ") == Some(data) {
            return Ok(());
        }
    }
}

/// `median N ms (runs: a, b, c)`.
fn summary(times: &[f64]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let runs: Vec<String> = times.iter().map(|t| format!("{t:.0}")).collect();
    format!("median {median:.0} ms (runs: {})", runs.join(", "))
}
