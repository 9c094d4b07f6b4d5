//! Writes a Hugo site equivalent to a synthetic organisation (see `synth.rs`), so the
//! benchmark can build the same text with Hugo and Pagefind's CLI.
//!
//! Every team file becomes one Markdown page in a section per department: a YAML front
//! matter with the title and department, then the team file's text as Markdown (each
//! section and field key a heading, text a paragraph, lists a bullet list, the norm table
//! per category a heading with its examples as a list). The page is topped up with the
//! team's own sentences until it is at least as large as the team file, so each page has
//! about the same number of bytes as the YAML it stands for. A minimal theme is written
//! along (layouts with header, a navigation of seven sections as vpd's menu has seven
//! items, and main), so Hugo does real templating. (A first version listed all N/40
//! departments on every page: at 10,000 teams that tripled Hugo's output and its time.)
//!
//! `cargo run --release --example hugo_site -- --org DIR --out SITE` then `hugo --source SITE`.
//! Prints `pages N, bytes N (team files N bytes)`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use vpd::source::SourceFile;

const CONFIG: &str = r#"baseURL = "/"
languageCode = "nl"
defaultContentLanguage = "nl"
title = "Veilige Publieke Dienstverlening (Hugo)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
  <link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
  <header class="kop">
    <a class="kop__naam" href="{{ "/" | relURL }}">{{ site.Title }}</a>
  </header>
  <nav class="navigatie" aria-label="Afdelingen">
    <ul>
      {{- range first 7 site.Sections }}
      <li{{ if or (eq . $.CurrentSection) (eq . $) }} aria-current="page"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
      {{- end }}
    </ul>
  </nav>
  <main id="inhoud" data-pagefind-body>
    {{- block "main" . }}{{ end }}
  </main>
  <footer class="voet">{{ site.Title }} · {{ now.Year }}</footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}
<p class="kruimel"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
<h1>{{ .Title }}</h1>
<dl class="kenmerken">
  <dt>Eigenaar</dt><dd>{{ .Params.eigenaar }}</dd>
  <dt>Status</dt><dd>{{ .Params.status }}</dd>
  <dt>Vastgesteld op</dt><dd>{{ .Params.vastgesteld_op }}</dd>
</dl>
{{ with .TableOfContents }}<aside class="inhoudsopgave">{{ . }}</aside>{{ end }}
<article>{{ .Content }}</article>
{{ with .PrevInSection }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="lijst">
  {{- range .Pages }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.eigenaar }} · {{ . }}{{ end }}</li>
  {{- end }}
</ul>
{{ end }}
"#;

const STYLE: &str = "body{font-family:sans-serif;max-width:60rem;margin:auto}\
nav ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}\n";

/// One value of a team file as Markdown, headings starting at `level`.
fn markdown(out: &mut String, level: usize, value: &Value) {
    match value {
        Value::String(s) => {
            out.push_str(s);
            out.push_str("\n\n");
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(s) => writeln!(out, "- {s}").unwrap(),
                    other => markdown(out, level, other),
                }
            }
            out.push('\n');
        }
        Value::Object(map) => {
            for (key, v) in map {
                writeln!(out, "{} {key}\n", "#".repeat(level.min(6))).unwrap();
                markdown(out, level + 1, v);
            }
        }
        Value::Bool(_) | Value::Number(_) | Value::Null => {
            out.push_str(&value.to_string());
            out.push_str("\n\n");
        }
    }
}

/// Every string of a value, in document order.
fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut org = PathBuf::from("synth-org");
    let mut out = PathBuf::from("hugo-site");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--org" => org = PathBuf::from(args.next().ok_or("--org DIR")?),
            "--out" => out = PathBuf::from(args.next().ok_or("--out DIR")?),
            other => return Err(format!("onbekend argument {other}").into()),
        }
    }
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let layouts = out.join("layouts/_default");
    std::fs::create_dir_all(&layouts)?;
    std::fs::create_dir_all(out.join("static"))?;
    std::fs::write(out.join("config.toml"), CONFIG)?;
    std::fs::write(layouts.join("baseof.html"), BASEOF)?;
    std::fs::write(layouts.join("single.html"), SINGLE)?;
    std::fs::write(layouts.join("list.html"), LIST)?;
    std::fs::write(out.join("static/style.css"), STYLE)?;
    let content = out.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: \"Afdelingen\"\n---\n\nDe protocollen van alle teams, per afdeling.\n",
    )?;

    let teams = org.join("content/teams");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&teams)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let (mut pages, mut bytes, mut yaml_bytes, mut topped_up) = (0usize, 0usize, 0usize, 0usize);
    for path in &files {
        let text = std::fs::read_to_string(path)?;
        yaml_bytes += text.len();
        let size = text.len();
        let source = Arc::new(SourceFile::new(path, path.display().to_string(), text));
        let doc = vpd::load::parse_document(&source)
            .map_err(|d| d.message)?
            .value;
        let field = |k: &str| doc[k].as_str().unwrap_or_default().to_string();
        let department = field("afdeling");
        let section = content.join(&department);
        if !section.exists() {
            std::fs::create_dir_all(&section)?;
            let title = department.replace("afdeling-", "Afdeling ");
            std::fs::write(
                section.join("_index.md"),
                format!("---\ntitle: {}\n---\n", Value::from(title)),
            )?;
        }
        let mut page = String::from("---\n");
        for key in ["team", "afdeling", "eigenaar", "status", "vastgesteld_op"] {
            let name = if key == "team" { "title" } else { key };
            writeln!(page, "{name}: {}", Value::from(field(key)))?;
        }
        page.push_str("---\n\n");
        markdown(&mut page, 2, &doc["secties"]);
        // Top up with the team's own sentences to the size of its YAML file.
        let mut texts = Vec::new();
        strings(&doc["secties"], &mut texts);
        let (mut i, before) = (0, page.len());
        while page.len() < size && !texts.is_empty() {
            page.push_str(texts[i % texts.len()]);
            page.push_str("\n\n");
            i += 1;
        }
        topped_up += page.len() - before;
        let stem = path.file_stem().ok_or("file name")?.to_string_lossy();
        std::fs::write(section.join(format!("{stem}.md")), &page)?;
        pages += 1;
        bytes += page.len();
    }
    println!(
        "pages {pages}, bytes {bytes} (team files {yaml_bytes} bytes, topped up {topped_up} bytes) in {}",
        Path::new(&out).display()
    );
    Ok(())
}
