//! JUnit XML: one test suite per team, one test case per section, so GitLab and Azure
//! test widgets show which section of which team is incomplete. Findings outside team
//! sections get a test case per file. A test case with errors fails once: its failure
//! names the first error and lists every finding of it (at most
//! [`limit::MAX_SHOWN_PER_KIND_AND_FILE`] of one kind; one more entry counts the rest);
//! warnings go to the test case's standard output. The XML itself is written by
//! `quick-junit`, the data model and serialiser of cargo-nextest.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::super::limit::{self, Entry};
use super::super::summary::{Report, TeamReport};
use super::super::{Diagnostic, Severity};
use crate::messages::t;
use crate::terminal::{escape, is_unsafe};

/// The JUnit report could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}", t("junit.schrijven", &[("fout", &.0.to_string())]))]
pub struct JunitError(#[source] quick_junit::SerializeError);

/// User text made fit for XML. XML cannot hold the C0 controls other than tab, line feed
/// and carriage return at all, and quick-junit would drop them silently (whole ANSI
/// sequences with them): control characters are shown as [`escape`] shows them. The
/// other unsafe characters are written as character references by [`xml_output`].
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        } else {
            out.push(c);
        }
    }
    out
}

/// The serialised report with every unsafe character (carriage return, DEL, C1, bidi
/// controls, zero-width characters, separators) other than line feed and tab written as a
/// character reference: the report keeps them exactly without putting them raw on a
/// terminal. Such characters only occur in text and attribute values, where the reference
/// means the same character.
fn xml_output(xml: String) -> String {
    if !xml.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return xml;
    }
    let mut out = String::with_capacity(xml.len() + 16);
    for c in xml.chars() {
        if is_unsafe(c) && c != '\n' && c != '\t' {
            out.push_str(&format!("&#x{:X};", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One entry's finding, message and full text (`file:line:column: message [code]`, then
/// the hint on its own line).
fn entry_parts(entry: Entry<'_>) -> (&Diagnostic, String, String) {
    let (d, message, hint) = match entry {
        Entry::Finding(d) => (d, d.message.clone(), d.hint.clone()),
        Entry::Omitted(o) => (o.first, o.message(), Some(o.hint())),
    };
    let mut full = format!(
        "{}:{}:{}: {message} [{}]",
        d.file(),
        d.line(),
        d.column(),
        d.rule.code()
    );
    if let Some(h) = hint {
        full.push('\n');
        full.push_str(&h);
    }
    (d, message, full)
}

/// A failure for the `total` errors of one test case, of which `errors` are the entries
/// shown: type and message of the first, the text of every entry.
fn failure(errors: &[(&Diagnostic, String, String)], total: usize) -> Option<TestCaseStatus> {
    let (first, message, _) = errors.first()?;
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    let message = match total {
        1 => message.clone(),
        n => t(
            "junit.meerdere",
            &[("aantal", &n.to_string()), ("bericht", message)],
        ),
    };
    let description: Vec<&str> = errors.iter().map(|(_, _, full)| full.as_str()).collect();
    status
        .set_type(first.rule.code())
        .set_message(text(&message))
        .set_description(text(&description.join("\n\n")));
    Some(status)
}

/// The test case `name` of class `class` with its findings.
fn case(class: &str, name: &str, findings: &[&Diagnostic]) -> TestCase {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for entry in limit::entries(findings.iter().copied(), limit::MAX_SHOWN_PER_KIND_AND_FILE) {
        let parts = entry_parts(entry);
        match parts.0.severity {
            Severity::Error => errors.push(parts),
            Severity::Warning => {
                warnings.push(format!("{}: {}", t("ernst.waarschuwing", &[]), parts.2))
            }
        }
    }
    let total = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let status = failure(&errors, total).unwrap_or_else(TestCaseStatus::success);
    let mut case = TestCase::new(text(name), status);
    case.set_classname(text(class));
    if !warnings.is_empty() {
        case.set_system_out(text(&warnings.join("\n\n")));
    }
    case
}

/// One team's test suite: a general case and one case per section of its form.
fn team_suite(team: &TeamReport, findings: Vec<&Diagnostic>) -> TestSuite {
    let mut suite = TestSuite::new(text(&team.file));
    let class = format!("{} ({})", team.team, team.file);
    let mut general = Vec::new();
    let mut by_section: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in findings {
        match d.section.as_deref() {
            Some(s) if team.section(s).is_some() => by_section.entry(s).or_default().push(d),
            _ => general.push(d),
        }
    }
    suite.add_test_case(case(&class, &t("junit.algemeen", &[]), &general));
    for s in &team.sections {
        // A section without findings is a passing test case.
        let findings = by_section.remove(s.id.as_str()).unwrap_or_default();
        suite.add_test_case(case(&class, &s.titel, &findings));
    }
    suite
}

/// The report as JUnit XML.
pub(super) fn render(report: &Report) -> Result<String, JunitError> {
    let mut junit = quick_junit::Report::new("vpd check");
    // Grouped once, so the work does not grow with teams times findings.
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in report.diagnostics {
        by_file.entry(d.file()).or_default().push(d);
    }
    for team in report.teams {
        // A team without findings still gets its suite, every case passing.
        let findings = by_file.remove(team.file.as_str()).unwrap_or_default();
        junit.add_test_suite(team_suite(team, findings));
    }
    if !by_file.is_empty() {
        let mut others = TestSuite::new(text(&t("junit.overige", &[])));
        for (file, findings) in by_file {
            others.add_test_case(case(file, file, &findings));
        }
        junit.add_test_suite(others);
    }
    let xml = junit.to_string().map_err(JunitError)?;
    Ok(xml_output(xml))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_unsafe_characters_referenced() {
        assert_eq!(text("a\u{1b}[31mb\tc\n"), "a\\e[31mb\tc\n");
        assert_eq!(xml_output("a\u{202e}b\rc\n".into()), "a&#x202E;b&#xD;c\n");
    }
}
