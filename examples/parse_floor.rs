//! The YAML parser floor for `vpd check`: reads every `.yaml` file under a folder and drives
//! saphyr-parser's event stream to the end, in parallel on all cores (rayon), without
//! building trees, spans, schema checks or diagnostics. What `vpd check` costs above this is
//! vpd's own work.
//!
//! `cargo run --release --example parse_floor -- DIR/content/teams`
//! Prints `files N, bytes N, seconds S` (reading included).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use saphyr_parser::Parser;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            yaml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one file and parses it to the end of its event stream; returns its size in bytes.
fn parse(path: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut parser = Parser::new_from_str(&text);
    while let Some(event) = parser.next_event() {
        event.map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(text.len())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: parse_floor DIR")?);
    if let Some(extra) = args.next() {
        return Err(format!("onbekend argument {extra}").into());
    }
    let start = Instant::now();
    let mut files = Vec::new();
    yaml_files(&dir, &mut files)?;
    let bytes = files
        .par_iter()
        .map(|p| parse(p))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    println!(
        "files {}, bytes {bytes}, seconds {:.3}",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
