//! The default format: rustc-style excerpts via annotate-snippets, then a summary.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::super::summary::Report;
use super::super::{Diagnostic, Severity};
use crate::messages::t;

pub(super) fn render(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in report.diagnostics {
        out.push_str(&renderer.render(&[group(d)]).to_string());
        out.push_str("\n\n");
    }
    out.push_str(&summary(report));
    out
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR.with_name(Some(t("ernst.fout", &[]))),
        Severity::Warning => Level::WARNING.with_name(Some(t("ernst.waarschuwing", &[]))),
    }
}

fn group(d: &Diagnostic) -> Group<'_> {
    let src = &d.primary.source;
    let mut snippet = Snippet::source(src.text.as_str()).path(d.file()).fold(true);
    if src.text.is_empty() {
        snippet = Snippet::source(" ").path(d.file());
    } else {
        snippet = snippet.annotation(
            AnnotationKind::Primary
                .span(d.primary.span.byte_range(src.text.len()))
                .label(non_empty(&d.primary.text)),
        );
    }
    // Secondary places in the same file go into the same excerpt.
    for l in d
        .secondary
        .iter()
        .filter(|l| std::sync::Arc::ptr_eq(&l.source, src))
    {
        if !src.text.is_empty() {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(l.span.byte_range(src.text.len()))
                    .label(non_empty(&l.text)),
            );
        }
    }
    let mut g = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.rule.code())
        .element(snippet);
    for l in d
        .secondary
        .iter()
        .filter(|l| !std::sync::Arc::ptr_eq(&l.source, src))
    {
        let text = l.source.text.as_str();
        let s = Snippet::source(if text.is_empty() { " " } else { text })
            .path(l.source.display.as_str())
            .fold(true)
            .annotation(
                AnnotationKind::Context
                    .span(l.span.byte_range(text.len()))
                    .label(non_empty(&l.text)),
            );
        g = g.element(s);
    }
    if let Some(h) = &d.hint {
        g = g.element(
            Level::HELP
                .with_name(Some(t("ernst.hint", &[])))
                .message(h.as_str()),
        );
    }
    g
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn summary(report: &Report) -> String {
    let mut out = String::new();
    for team in report.teams {
        out.push_str(&t(
            "samenvatting.team",
            &[
                ("team", &team.team),
                ("bestand", &team.file),
                ("status", &team.status),
                ("ingevuld", &team.filled().to_string()),
                ("verplicht", &team.required().to_string()),
            ],
        ));
        out.push('\n');
    }
    out.push_str(&report.totals_line());
    out.push('\n');
    out
}
