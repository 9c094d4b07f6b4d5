//! Markdown from content to safe HTML: pulldown-cmark renders, ammonia removes anything
//! that could run (scripts, event handlers, `javascript:` links). Tera never sees content
//! as template source, so `{{ }}` in a YAML field stays text. A link written as a path of
//! the site (`/werkvormen/x/`, already checked against the page registry) is written
//! below the site's base (`/vpd/werkvormen/x/`), in Markdown links, images and raw HTML.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

use crate::model::SiteBase;

/// The cleaner's settings, shared by the cleaner for the root and those for a base.
fn cleaner() -> ammonia::Builder<'static> {
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
}

/// The cleaner of a site published at the root: addresses stay as written.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(cleaner);

thread_local! {
    /// The cleaner for the last base used on this thread (a build has one base), which
    /// writes every site path (`/x/`, not `//host/`) below it.
    static BASED: RefCell<Option<(SiteBase, ammonia::Builder<'static>)>> =
        const { RefCell::new(None) };
}

/// Writes each relative address ammonia keeps below the base (`/x/` → `/vpd/x/`; `#kop`
/// and `//host/` stay as they are).
struct BelowBase(SiteBase);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for BelowBase {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        Some(Cow::Owned(self.0.href(url)))
    }
}

/// Sanitises `html`, writing links to paths of the site below `base`.
fn clean(html: &str, base: &SiteBase) -> String {
    if base.is_root() {
        return CLEANER.clean(html).to_string();
    }
    BASED.with_borrow_mut(|cached| {
        let builder = match cached {
            Some((b, builder)) if b == base => builder,
            _ => {
                let mut builder = cleaner();
                builder.url_relative(ammonia::UrlRelative::Custom(Box::new(BelowBase(
                    base.clone(),
                ))));
                &mut cached.insert((base.clone(), builder)).1
            }
        };
        builder.clean(html).to_string()
    })
}

/// Renders Markdown to sanitised HTML; links to paths of the site go below `base`.
pub fn to_html(markdown: &str, base: &SiteBase) -> String {
    if is_plain(markdown) {
        return format!("<p>{markdown}</p>\n");
    }
    rendered(markdown, base)
}

/// Whether `text` is one plain sentence that Markdown and HTML leave as it is: letters,
/// digits, single spaces and punctuation that means nothing to either (no `*`, `_`, `` ` ``,
/// `[`, `<`, `&`, `~`, `\`, no line break), starting with a letter or an opening quote and
/// not ending in a space. Most answers in a protocol are such sentences; for them the
/// parser and the cleaner (a DOM per call) give back the text itself, which a test checks
/// against both for many generated texts.
fn is_plain(text: &str) -> bool {
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '"' || c == '\'');
    starts_well
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || PLAIN_PUNCTUATION.contains(c))
}

/// Punctuation that Markdown gives no meaning inside a sentence and HTML text keeps as is.
const PLAIN_PUNCTUATION: &str = " ,.;:?!'\"()-/%+=@\u{20ac}";

/// Renders Markdown with pulldown-cmark and sanitises the HTML with ammonia.
fn rendered(markdown: &str, base: &SiteBase) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, parser);
    clean(&out, base)
}

/// Renders a one-line Markdown text without the surrounding paragraph.
pub fn inline_html(markdown: &str, base: &SiteBase) -> String {
    if is_plain(markdown) {
        return markdown.to_string();
    }
    let html = rendered(markdown, base);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Escapes text for HTML (for plain values placed in generated HTML, in text or in a
/// quoted attribute): `&`, `<`, `>`, `"` and `'`, by the `html-escape` crate.
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> SiteBase {
        SiteBase::default()
    }

    #[test]
    fn site_paths_are_written_below_the_base() {
        let base = SiteBase::of(Some("https://intranet.example/vpd"));
        let html = to_html(
            "[w](/werkvormen/x/#stap) <a href=\"/teams/\">t</a> ![b](/static/b.svg) \
             [e](https://x.example/) [h](//x.example/) [a](#kop)",
            &base,
        );
        for expected in [
            "href=\"/vpd/werkvormen/x/#stap\"",
            "href=\"/vpd/teams/\"",
            "src=\"/vpd/static/b.svg\"",
            "href=\"https://x.example/\"",
            "href=\"//x.example/\"",
            "href=\"#kop\"",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
        assert!(to_html("[t](/teams/)", &root()).contains("href=\"/teams/\""));
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
            &root(),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn only_web_and_mail_schemes_survive() {
        let html = to_html(
            "[a](tel:123) [b](ssh://x) [c](https://x.example/) [d](/teams/)",
            &root(),
        );
        assert!(!html.contains("tel:") && !html.contains("ssh:"), "{html}");
        assert!(
            html.contains("https://x.example/") && html.contains("/teams/"),
            "{html}"
        );
    }

    #[test]
    fn template_syntax_stays_text() {
        assert_eq!(inline_html("{{ geheim }}", &root()), "{{ geheim }}");
    }

    /// Texts of up to 24 characters from `alphabet` (deterministic, so a failure repeats).
    fn generated_texts(alphabet: &str) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..10_000)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn plain_texts_come_out_as_the_parser_and_cleaner_give_them() {
        let samples = [
            "Een inwoner slaat met de vuist op de balie.",
            "\"Ik heb al drie keer gebeld en niemand helpt me!\"",
            "Wij bellen 112 (politie) en melden het: 24/7, 100% zeker; daarna @team.",
            "a - b + c = d",
            "Café één",
        ];
        // Plain characters only, then mixed with ones Markdown or HTML read.
        let texts = generated_texts("aZ9é ë,.;:?!'\"()-/%+=@\u{20ac}1")
            .into_iter()
            .chain(generated_texts("aZ9 ,.!'\"-*_[]<>&#~`\\\n\u{a0}1("))
            .chain(samples.map(String::from));
        let mut plain = 0;
        for text in texts.filter(|t| is_plain(t)) {
            plain += 1;
            for base in [root(), SiteBase::of(Some("https://intranet.example/vpd"))] {
                let slow = rendered(&text, &base);
                assert_eq!(to_html(&text, &base), slow, "{text:?}");
                let slow_inline = slow
                    .trim()
                    .strip_prefix("<p>")
                    .and_then(|s| s.strip_suffix("</p>"));
                assert_eq!(
                    Some(inline_html(&text, &base).as_str()),
                    slow_inline,
                    "{text:?}"
                );
            }
        }
        assert!(plain > 2_000, "only {plain} plain texts generated");
    }

    #[test]
    fn markdown_renders() {
        assert_eq!(inline_html("**vet**", &root()), "<strong>vet</strong>");
        assert!(to_html("- a\n- b", &root()).contains("<li>a</li>"));
    }
}
