//! JUnit XML: one test suite per team, one test case per section, so GitLab and Azure
//! test widgets show which section of which team is incomplete. Findings outside team
//! sections get a test case per file.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::super::summary::Report;
use super::super::{Diagnostic, Severity};
use crate::messages::t;

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn failure_text(d: &Diagnostic) -> String {
    let mut s = format!(
        "{}:{}:{}: {} [{}]",
        d.file(),
        d.line(),
        d.column(),
        d.message,
        d.rule.code()
    );
    if let Some(h) = &d.hint {
        s.push('\n');
        s.push_str(h);
    }
    s
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
    for d in findings {
        let tag = match d.severity {
            Severity::Error => "failure",
            Severity::Warning => "system-out",
        };
        if tag == "failure" {
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                d.rule.code(),
                xml_escape(&d.message),
                xml_escape(&failure_text(d))
            );
        } else {
            let _ = writeln!(
                out,
                "      <system-out>{}: {}</system-out>",
                xml_escape(&t("ernst.waarschuwing", &[])),
                xml_escape(&failure_text(d))
            );
        }
    }
    out.push_str("    </testcase>\n");
}

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    let mut total = 0;
    let mut used = vec![false; report.diagnostics.len()];
    for team in report.teams {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\">",
            xml_escape(&team.file),
            team.sections.len() + 1
        );
        total += team.sections.len() + 1;
        let class = format!("{} ({})", team.team, team.file);
        let mut general = Vec::new();
        let mut by_section: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for (i, d) in report.diagnostics.iter().enumerate() {
            if d.file() != team.file {
                continue;
            }
            used[i] = true;
            match d.section.as_deref() {
                Some(s) if team.sections.iter().any(|x| x.id == s) => {
                    by_section.entry(s).or_default().push(d)
                }
                _ => general.push(d),
            }
        }
        case(&mut out, &class, &t("junit.algemeen", &[]), &general);
        for s in &team.sections {
            let findings = by_section.remove(s.id.as_str()).unwrap_or_default();
            case(&mut out, &class, &s.titel, &findings);
        }
        out.push_str("  </testsuite>\n");
    }
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        if !used[i] {
            by_file.entry(d.file()).or_default().push(d);
        }
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
