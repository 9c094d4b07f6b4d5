//! One printer per output format of `vpd check`.

mod ci;
pub mod human;
mod junit;

pub use junit::JunitError;

use serde_json::json;

use super::limit::{Entry, MAX_SHOWN_PER_KIND_AND_FILE, Omitted};
use super::summary::{Missing, Report, TeamReport};
use super::{Diagnostic, Severity};
use crate::terminal::json_output;

/// The output formats of `vpd check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the span marked, for people.
    Human,
    /// One JSON document with every finding and the summary.
    Json,
    /// GitHub Actions workflow commands (annotations on the offending lines).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML, one test case per team and section.
    Junit,
}

/// Renders `report` in `format`. `color` applies to the human format only. Only the
/// JUnit serialiser can fail.
pub fn render(format: Format, report: &Report, color: bool) -> Result<String, JunitError> {
    Ok(match format {
        Format::Human => human::render(report, color),
        Format::Json => json(report),
        Format::Github => ci::github(report),
        Format::Gitlab => ci::gitlab(report),
        Format::Junit => junit::render(report)?,
    })
}

fn severity_id(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A finding's rule, severity and place: the fields every JSON entry starts with.
fn place_json(d: &Diagnostic) -> serde_json::Map<String, serde_json::Value> {
    let place = json!({
        "regel": d.rule.code(),
        "ernst": severity_id(d.severity),
        "bestand": d.file(),
        "regelnummer": d.line(),
        "kolom": d.column(),
        "eind": {"regelnummer": d.primary.span.end.line, "kolom": d.primary.span.end.column},
    });
    match place {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    let mut entry = place_json(d);
    entry.insert("bericht".into(), json!(d.message));
    entry.insert("hint".into(), json!(d.hint));
    entry.insert("sectie".into(), json!(d.section));
    entry.insert(
        "ook".into(),
        d.secondary
            .iter()
            .map(|l| {
                json!({
                    "bestand": l.source.display,
                    "regelnummer": l.span.start.line,
                    "kolom": l.span.start.column,
                    "toelichting": l.text,
                })
            })
            .collect(),
    );
    serde_json::Value::Object(entry)
}

/// The findings of one kind left out: at the place of the first one, with their number
/// in `weggelaten`.
fn omitted_json(o: &Omitted) -> serde_json::Value {
    let mut entry = place_json(o.first);
    entry.insert("bericht".into(), json!(o.message()));
    entry.insert("hint".into(), json!(o.hint()));
    entry.insert("sectie".into(), serde_json::Value::Null);
    entry.insert("ook".into(), json!([]));
    entry.insert("weggelaten".into(), json!(o.count));
    serde_json::Value::Object(entry)
}

fn entry_json(entry: Entry) -> serde_json::Value {
    match entry {
        Entry::Finding(d) => diagnostic_json(d),
        Entry::Omitted(o) => omitted_json(&o),
    }
}

/// One document's completeness in the JSON summary: the sections still to do, each with
/// what is missing in it (`team` names an organisation document by its title).
fn report_json(t: &TeamReport) -> serde_json::Value {
    json!({
        "bestand": t.file,
        "team": t.team,
        "status": t.status,
        "secties_ingevuld": t.filled(),
        "secties_verplicht": t.required(),
        "nog_te_doen": t.to_do().map(|s| json!({
            "sectie": s.id,
            "titel": s.titel,
            "ontbreekt": missing_json(&s.missing),
        })).collect::<Vec<_>>(),
        "overig": missing_json(&t.general),
    })
}

fn missing_json(missing: &[Missing]) -> Vec<serde_json::Value> {
    missing
        .iter()
        .map(|m| json!({"regelnummer": m.line, "bericht": m.message}))
        .collect()
}

fn json(report: &Report) -> String {
    let value = json!({
        "bevindingen": report.entries(MAX_SHOWN_PER_KIND_AND_FILE).into_iter().map(entry_json).collect::<Vec<_>>(),
        "samenvatting": {
            "bestanden": report.files,
            "fouten": report.errors(),
            "waarschuwingen": report.warnings(),
            "documenten": report.documents.iter().map(|d| report_json(d)).collect::<Vec<_>>(),
            "teams": report.teams.iter().map(|t| report_json(t)).collect::<Vec<_>>(),
        },
    });
    // A `Value` always serialises: its pretty `Display` cannot fail.
    json_output(format!("{value:#}\n"))
}
