//! Adoption and evaluation dates: real dates, not in the future, and a yearly evaluation
//! that is not overdue.

use jiff::ToSpan;
use jiff::civil::Date;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::load::Document;
use crate::messages::{date_nl, t};

/// Every date finding for a protocol, policy or norm schema.
pub fn check(doc: &Document, today: Date, strict: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut latest: Option<(Date, &str)> = None;
    for key in ["vastgesteld_op", "geevalueerd_op"] {
        let Some(text) = doc.value.get(key).and_then(Value::as_str) else {
            continue;
        };
        let pointer = format!("/{key}");
        let span = doc.spans.value(&pointer);
        let Ok(date) = text.parse::<Date>() else {
            // The schema already reports a malformed date; a well-formed but impossible
            // one (2026-02-30) is reported here.
            if text.len() == 10 && text.as_bytes()[4] == b'-' {
                out.push(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        &doc.source,
                        span,
                        t("datum.bestaat-niet", &[("waarde", text)]),
                    )
                    .with_hint(t("patroon.datum.hint", &[])),
                );
            }
            continue;
        };
        if date > today {
            out.push(
                Diagnostic::new(
                    Rule::FutureDate,
                    &doc.source,
                    span,
                    t(
                        &format!("datum.toekomst.{key}"),
                        &[("datum", &date_nl(date)), ("vandaag", &date_nl(today))],
                    ),
                )
                .with_hint(t("datum.toekomst.hint", &[])),
            );
        }
        if latest.is_none_or(|(d, _)| date > d) {
            latest = Some((date, key));
        }
    }
    let adopted = doc.value.get("status").and_then(Value::as_str) != Some("concept");
    if let Some((last, key)) = latest
        && adopted
    {
        let due = last.checked_add(1.year()).unwrap_or(last);
        if due < today {
            let severity = if strict {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(
                Diagnostic::new(
                    Rule::EvaluationOverdue,
                    &doc.source,
                    doc.spans.value(&format!("/{key}")),
                    t(
                        "evaluatie.verlopen",
                        &[("datum", &date_nl(last)), ("verloopdatum", &date_nl(due))],
                    ),
                )
                .with_severity(severity)
                .with_hint(t("evaluatie.verlopen.hint", &[])),
            );
        }
    }
    out
}

/// The date a protocol's next yearly evaluation is due.
pub fn next_evaluation(value: &Value) -> Option<Date> {
    ["vastgesteld_op", "geevalueerd_op"]
        .iter()
        .filter_map(|k| value.get(*k).and_then(Value::as_str))
        .filter_map(|s| s.parse::<Date>().ok())
        .max()
        .and_then(|d| d.checked_add(1.year()).ok())
}
