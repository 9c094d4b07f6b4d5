//! The search floor for `vpd build`'s search stage: Pagefind's Rust API (the same crate and
//! version vpd uses, Dutch, one index) fed each team's text as a custom record, one at a
//! time, then asked for its files. No HTML is rendered or parsed, so this is what indexing
//! the organisation's words costs at least through this API.
//!
//! `cargo run --release --example search_floor -- DIR`
//! Reads `DIR/content/teams/*.yaml` first (not timed), then prints
//! `records N, bytes N, files N, seconds S` for the indexing alone.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde_json::Value;
use vpd::source::SourceFile;

/// Every string of a value, in document order.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// One team as a search record.
struct Record {
    url: String,
    title: String,
    text: String,
}

/// The record of every team file under `org`, in file name order.
fn teams(org: &std::path::Path) -> Result<Vec<Record>, Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(org.join("content/teams"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut records = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path)?;
        let source = Arc::new(SourceFile::new(&path, path.display().to_string(), text));
        let doc = vpd::load::parse_document(&source)
            .map_err(|d| d.message)?
            .value;
        let mut texts = Vec::new();
        strings(&doc, &mut texts);
        let stem = path.file_stem().ok_or("file name")?.to_string_lossy();
        let title = doc["team"].as_str().unwrap_or_default().to_string();
        records.push(Record {
            url: format!("/teams/{stem}/"),
            title,
            text: texts.join("\n"),
        });
    }
    Ok(records)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let org = PathBuf::from(args.next().ok_or("usage: search_floor DIR")?);
    if let Some(extra) = args.next() {
        return Err(format!("onbekend argument {extra}").into());
    }
    let records = teams(&org)?;
    let bytes: usize = records.iter().map(|r| r.text.len()).sum();
    let count = records.len();

    let start = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("nl".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        for Record { url, title, text } in records {
            let meta = BTreeMap::from([("title".to_string(), title)]);
            index
                .add_custom_record(url, text, "nl".to_string(), Some(meta), None, None)
                .await?;
        }
        index.get_files().await
    })?;
    println!(
        "records {count}, bytes {bytes}, files {}, seconds {:.3}",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
