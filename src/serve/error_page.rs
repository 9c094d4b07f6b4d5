//! The page shown in the browser while content has errors: every finding with file,
//! line, column, message and the source excerpt.

use annotate_snippets::Renderer;

use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::t;
use crate::render::markdown::escape;

fn excerpt(d: &Diagnostic) -> String {
    let single = crate::diagnostic::summary::Report {
        diagnostics: std::slice::from_ref(d),
        files: 0,
        teams: &[],
    };
    let text =
        crate::diagnostic::format::render(crate::diagnostic::format::Format::Human, &single, false);
    // Keep the excerpt, not the closing summary line.
    let _ = Renderer::plain();
    text.lines()
        .take_while(|l| {
            !l.starts_with(
                &t("samenvatting.totaal", &[])
                    .chars()
                    .take(12)
                    .collect::<String>(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The error page for `diagnostics` (errors first), or for a message without a place.
pub fn render(diagnostics: &[Diagnostic], message: Option<&str>) -> String {
    let mut body = String::new();
    if let Some(m) = message {
        body.push_str(&format!("<pre>{}</pre>", escape(m)));
    }
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.severity != Severity::Error);
    for d in sorted {
        body.push_str(&format!(
            "<section class=\"vpd-fout\"><h2>{}</h2><p><strong>{}</strong> {}:{}:{} <code>{}</code></p><pre>{}</pre></section>",
            escape(&d.message),
            escape(&d.severity.label()),
            escape(d.file()),
            d.line(),
            d.column(),
            escape(d.rule.code()),
            escape(&excerpt(d)),
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}h1{{color:#a4000f}}pre{{background:#f4f4f4;padding:1rem;overflow:auto;border-left:4px solid #a4000f}}section{{margin-bottom:2rem}}</style></head><body><main><h1>{title}</h1><p>{uitleg}</p>{body}</main></body></html>",
        title = escape(&t("serve.fouten.titel", &[])),
        uitleg = escape(&t("serve.fouten.uitleg", &[])),
    )
}
