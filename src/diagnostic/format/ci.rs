//! Formats for CI systems: GitHub workflow commands and GitLab Code Quality.

use serde_json::json;
use sha2::{Digest, Sha256};

use super::super::summary::Report;
use super::super::{Diagnostic, Severity};

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
    for d in report.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.hint {
            message.push('\n');
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(d.file()),
            d.line(),
            d.column(),
            d.primary.span.end.line,
            d.primary.span.end.column,
            escape_property(&format!("vpd {}", d.rule.code())),
            escape_data(&message),
        ));
    }
    out.push_str(&report.totals_line());
    out.push('\n');
    out
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

pub(super) fn gitlab(report: &Report) -> String {
    let issues: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "description": d.message,
                "check_name": d.rule.code(),
                "fingerprint": fingerprint(d),
                "severity": match d.severity { Severity::Error => "major", Severity::Warning => "minor" },
                "location": {
                    "path": d.file(),
                    "positions": {
                        "begin": {"line": d.line(), "column": d.column()},
                        "end": {"line": d.primary.span.end.line, "column": d.primary.span.end.column},
                    },
                },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}
