//! Formats for CI systems: GitHub workflow commands and GitLab Code Quality.
//!
//! User text in workflow commands is made [`escape`](crate::terminal::escape) (a CI log is a terminal); the GitLab
//! report keeps it exact but writes unsafe characters as JSON escapes ([`json_output`]).

use std::fmt::Write;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::super::limit::{Entry, MAX_SHOWN_PER_KIND_AND_FILE, Omitted};
use super::super::summary::Report;
use super::super::{Diagnostic, Severity};
use crate::terminal::{escape, escape_lines, json_output};

/// Escapes data for a GitHub workflow command message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a GitHub workflow command property.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn github(report: &Report) -> String {
    let mut out = String::new();
    for entry in report.entries(MAX_SHOWN_PER_KIND_AND_FILE) {
        let (d, message, hint) = match entry {
            Entry::Finding(d) => (d, d.message.clone(), d.hint.clone()),
            Entry::Omitted(o) => (o.first, o.message(), Some(o.hint())),
        };
        github_command(&mut out, d, &message, hint.as_deref());
    }
    out.push_str(&report.totals_line());
    out.push('\n');
    out
}

/// One workflow command at the place of `d` with `message` and `hint`. User text is made
/// [`escape`](crate::terminal::escape) first, so only the line break between message and hint is a real one.
fn github_command(out: &mut String, d: &Diagnostic, message: &str, hint: Option<&str>) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut text = escape(message).into_owned();
    if let Some(h) = hint {
        text.push('\n');
        text.push_str(&escape_lines(h));
    }
    let _ = writeln!(
        out,
        "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&escape(d.file())),
        d.line(),
        d.column(),
        d.primary.span.end.line,
        d.primary.span.end.column,
        escape_property(&format!("vpd {}", d.rule.code())),
        escape_data(&text),
    );
}

/// A fingerprint that stays the same while the finding stays (rule, file, message and the
/// text of the offending line), even when lines above it move.
fn fingerprint(d: &Diagnostic) -> String {
    let text = &d.primary.source.text;
    let range = d.primary.span.byte_range(text.len());
    let mut hasher = Sha256::new();
    hasher.update(d.rule.code());
    hasher.update([0]);
    hasher.update(d.file());
    hasher.update([0]);
    hasher.update(&d.message);
    hasher.update([0]);
    hasher.update(&text[range]);
    let digest = hasher.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint for the findings of one kind that are not shown: stable while the kind
/// keeps more findings than the limit, whatever their number.
fn omitted_fingerprint(o: &Omitted) -> String {
    let mut hasher = Sha256::new();
    hasher.update(o.first.rule.code());
    hasher.update([0]);
    hasher.update(o.first.file());
    hasher.update([0]);
    hasher.update("weggelaten");
    let digest = hasher.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn gitlab_issue(d: &Diagnostic, description: &str, fingerprint: String) -> serde_json::Value {
    json!({
        "description": description,
        "check_name": d.rule.code(),
        "fingerprint": fingerprint,
        "severity": match d.severity { Severity::Error => "major", Severity::Warning => "minor" },
        "location": {
            "path": d.file(),
            "positions": {
                "begin": {"line": d.line(), "column": d.column()},
                "end": {"line": d.primary.span.end.line, "column": d.primary.span.end.column},
            },
        },
    })
}

pub(super) fn gitlab(report: &Report) -> String {
    let issues: Vec<_> = report
        .entries(MAX_SHOWN_PER_KIND_AND_FILE)
        .into_iter()
        .map(|entry| match entry {
            Entry::Finding(d) => gitlab_issue(d, &d.message, fingerprint(d)),
            Entry::Omitted(o) => gitlab_issue(o.first, &o.message(), omitted_fingerprint(&o)),
        })
        .collect();
    // A `Value` always serialises: its pretty `Display` cannot fail.
    json_output(format!("{:#}\n", serde_json::Value::Array(issues)))
}
