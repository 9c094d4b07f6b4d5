//! The page shown in the browser while content has errors: every finding with file,
//! line, column, message and the source excerpt.

use crate::diagnostic::format::human;
use crate::diagnostic::limit::{self, Entry};
use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::t;
use crate::render::markdown::escape;
use crate::terminal;

/// One entry as a section: heading, severity, place, rule and the terminal's excerpt. User
/// text is shown as on the terminal ([`terminal::escape`]), so bidi controls cannot reorder it.
fn section(entry: Entry) -> String {
    let (d, message) = match entry {
        Entry::Finding(d) => (d, d.message.clone()),
        Entry::Omitted(o) => (o.first, o.message()),
    };
    format!(
        "<section class=\"vpd-fout\"><h2>{}</h2><p><strong>{}</strong> {}:{}:{} <code>{}</code></p><pre>{}</pre></section>",
        escape(&terminal::escape(&message)),
        escape(&d.severity.label()),
        escape(&terminal::escape(d.file())),
        d.line(),
        d.column(),
        escape(d.rule.code()),
        escape(&human::render_plain(entry)),
    )
}

/// The error page for `diagnostics` (errors first), or for a message without a place.
/// Findings beyond the limit of their kind and file are counted in one section, as in
/// `vpd check`.
pub fn render(diagnostics: &[Diagnostic], message: Option<&str>) -> String {
    let mut body = String::new();
    if let Some(m) = message {
        body.push_str(&format!(
            "<pre>{}</pre>",
            escape(&terminal::escape_lines(m))
        ));
    }
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.severity != Severity::Error);
    for entry in limit::entries(sorted, limit::MAX_SHOWN_TO_PEOPLE) {
        body.push_str(&section(entry));
    }
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}h1{{color:#a4000f}}pre{{background:#f4f4f4;padding:1rem;overflow:auto;border-left:4px solid #a4000f}}section{{margin-bottom:2rem}}</style></head><body><main><h1>{title}</h1><p>{uitleg}</p>{body}</main></body></html>",
        title = escape(&t("serve.fouten.titel", &[])),
        uitleg = escape(&t("serve.fouten.uitleg", &[])),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Rule;
    use crate::source::SourceFile;

    /// A file of `n` unknown keys, one per line, and a finding for each.
    fn unknown_keys(n: usize) -> Vec<Diagnostic> {
        let text: String = (0..n).map(|i| format!("k{i}\u{202e}: x\n")).collect();
        let src = Arc::new(SourceFile::new(
            Path::new("t.yaml"),
            "content/teams/t.yaml".into(),
            text,
        ));
        (0..n)
            .map(|i| {
                let start = src.pos(i + 1, 0);
                let end = src.pos(i + 1, format!("k{i}\u{202e}").chars().count());
                let span = crate::source::Span { start, end };
                let message = t("sleutel.onbekend", &[("sleutel", &format!("k{i}\u{202e}"))]);
                Diagnostic::new(Rule::UnknownKey, &src, span, message)
            })
            .collect()
    }

    #[test]
    fn a_mebibyte_of_findings_renders_quickly_and_summarised() {
        let findings = unknown_keys(90_000);
        assert!(findings[0].primary.source.text.len() > 1024 * 1024);
        let started = std::time::Instant::now();
        let page = render(&findings, None);
        // Generous for a debug build; the quadratic renderer needed minutes.
        assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
        assert_eq!(page.matches("<section class=\"vpd-fout\">").count(), 4);
        assert!(page.contains(
            "<h2>… en nog 89997 meldingen van dezelfde soort in dit bestand, op regel 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ….</h2><p><strong>fout</strong> content/teams/t.yaml:4:1 <code>sleutel-onbekend</code></p>"
        ), "{}", &page[..page.len().min(4000)]);
    }

    #[test]
    fn user_text_is_shown_escaped() {
        let page = render(&unknown_keys(1), Some("kapot\u{1b}[2J\nregel twee"));
        assert!(
            !page.contains('\u{202e}') && !page.contains('\u{1b}'),
            "{page}"
        );
        assert!(
            page.contains("<h2>Onbekend veld &#x27;k0\\u202E&#x27;: dit formulier"),
            "{page}"
        );
        assert!(
            page.contains("<pre>kapot\\e[2J\nregel twee</pre>"),
            "{page}"
        );
        // The excerpt shows the source line with the override replaced.
        assert!(page.contains("1 | k0\u{fffd}: x"), "{page}");
    }
}
