//! Markdown from content to safe HTML: pulldown-cmark renders, ammonia removes anything
//! that could run (scripts, event handlers, `javascript:` links). Tera never sees content
//! as template source, so `{{ }}` in a YAML field stays text.

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .id_prefix(Some("md-"))
        .link_rel(Some("noopener noreferrer"))
        // The schemes validation allows (validate/urls.rs): anything else was already a
        // finding, so nothing is dropped here silently; this is the second line.
        .url_schemes(["http", "https", "mailto"].into_iter().collect());
    b
});

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, parser);
    CLEANER.clean(&out).to_string()
}

/// Renders a one-line Markdown text without the surrounding paragraph.
pub fn inline_html(markdown: &str) -> String {
    let html = to_html(markdown);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Escapes text for HTML (for plain values placed in generated HTML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn only_web_and_mail_schemes_survive() {
        let html = to_html("[a](tel:123) [b](ssh://x) [c](https://x.example/) [d](/teams/)");
        assert!(!html.contains("tel:") && !html.contains("ssh:"), "{html}");
        assert!(
            html.contains("https://x.example/") && html.contains("/teams/"),
            "{html}"
        );
    }

    #[test]
    fn template_syntax_stays_text() {
        assert_eq!(inline_html("{{ geheim }}"), "{{ geheim }}");
    }

    #[test]
    fn markdown_renders() {
        assert_eq!(inline_html("**vet**"), "<strong>vet</strong>");
        assert!(to_html("- a\n- b").contains("<li>a</li>"));
    }
}
