//! JUnit XML: one test suite per team, one test case per section, so GitLab and Azure
//! test widgets show which section of which team is incomplete. Findings outside team
//! sections get a test case per file. Each test case shows at most
//! [`limit::MAX_SHOWN_PER_KIND_AND_FILE`] findings of one kind; one more element counts the rest.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::super::limit::{self, Entry};
use super::super::summary::{Report, TeamReport};
use super::super::{Diagnostic, Severity};
use crate::messages::t;
use crate::terminal::{escape, is_unsafe};

/// Escapes text for XML. Characters XML cannot hold at all (the C0 controls other than
/// tab, line feed and carriage return) are made [`escape`](crate::terminal::escape); carriage returns and the other
/// unsafe characters (DEL, C1, bidi controls) become character references, so the report
/// keeps them exactly without putting them raw on a terminal.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => out.push_str(&escape(c.encode_utf8(&mut [0; 4]))),
            c if is_unsafe(c) => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn failure_text(file: &str, line: usize, column: usize, code: &str, message: &str) -> String {
    format!("{file}:{line}:{column}: {message} [{code}]")
}

/// The text, message and type of one entry's failure element.
fn entry_parts<'a>(entry: Entry<'a>) -> (&'a Diagnostic, String, String) {
    let (d, message, hint) = match entry {
        Entry::Finding(d) => (d, d.message.clone(), d.hint.clone()),
        Entry::Omitted(o) => (o.first, o.message(), Some(o.hint())),
    };
    let mut text = failure_text(d.file(), d.line(), d.column(), d.rule.code(), &message);
    if let Some(h) = hint {
        text.push('\n');
        text.push_str(&h);
    }
    (d, message, text)
}

fn case(out: &mut String, class: &str, name: &str, findings: &[&Diagnostic]) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\"",
        xml_escape(class),
        xml_escape(name)
    );
    if findings.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    for entry in limit::entries(findings.iter().copied(), limit::MAX_SHOWN_PER_KIND_AND_FILE) {
        let (d, message, text) = entry_parts(entry);
        match d.severity {
            Severity::Error => {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    d.rule.code(),
                    xml_escape(&message),
                    xml_escape(&text)
                );
            }
            Severity::Warning => {
                let _ = writeln!(
                    out,
                    "      <system-out>{}: {}</system-out>",
                    xml_escape(&t("ernst.waarschuwing", &[])),
                    xml_escape(&text)
                );
            }
        }
    }
    out.push_str("    </testcase>\n");
}

/// One team's test suite: a general case and one case per section of its form.
fn team_suite(out: &mut String, team: &TeamReport, findings: Vec<&Diagnostic>) {
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\">",
        xml_escape(&team.file),
        team.sections.len() + 1
    );
    let class = format!("{} ({})", team.team, team.file);
    let mut general = Vec::new();
    let mut by_section: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in findings {
        match d.section.as_deref() {
            Some(s) if team.section(s).is_some() => by_section.entry(s).or_default().push(d),
            _ => general.push(d),
        }
    }
    case(out, &class, &t("junit.algemeen", &[]), &general);
    for s in &team.sections {
        let findings = by_section.remove(s.id.as_str()).unwrap_or_default();
        case(out, &class, &s.titel, &findings);
    }
    out.push_str("  </testsuite>\n");
}

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    let mut total = 0;
    // Grouped once, so the work does not grow with teams times findings.
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in report.diagnostics {
        by_file.entry(d.file()).or_default().push(d);
    }
    for team in report.teams {
        let findings = by_file.remove(team.file.as_str()).unwrap_or_default();
        team_suite(&mut out, team, findings);
        total += team.sections.len() + 1;
    }
    if !by_file.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\">",
            xml_escape(&t("junit.overige", &[])),
            by_file.len()
        );
        total += by_file.len();
        for (file, findings) in by_file {
            case(&mut out, file, file, &findings);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vpd check\" tests=\"{total}\" failures=\"{}\">\n{out}",
        report.errors()
    )
}
