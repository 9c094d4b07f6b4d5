//! Markdown rendering + sanitising (`render::markdown::to_html` and `inline_html`, which
//! every Markdown text of content goes through: werkvorm bodies, YAML fields, site texts).
//!
//! Beyond "no panic, no hang, bounded memory", the sanitised HTML is read back with a
//! streaming HTML tokenizer (lol_html, as the build's link check reads pages) and must hold:
//! no `script`, `style`, `iframe`, `object`, `embed`, `form` or other active element; no
//! `on*` event handler and no `style` attribute; every `href`/`src`/`cite`/`action` that
//! parses as an absolute URL (WHATWG, as a browser reads it) uses http, https or mailto;
//! every `id` carries the `md-` prefix.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings, element};
use vpd::render::markdown::{inline_html, to_html};

const ACTIVE: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "meta", "link", "base", "svg", "math", "template", "noscript",
];

fn check_element(el: &Element, problems: &RefCell<Vec<String>>) {
    let tag = el.tag_name().to_ascii_lowercase();
    let mut found = problems.borrow_mut();
    if ACTIVE.contains(&tag.as_str()) {
        found.push(format!("element <{tag}>"));
    }
    for attr in el.attributes() {
        let name = attr.name().to_ascii_lowercase();
        let value = attr.value();
        if name.starts_with("on") || name == "style" || name == "srcdoc" || name == "formaction" {
            found.push(format!("attribute {name} on <{tag}>"));
        }
        if matches!(
            name.as_str(),
            "href" | "src" | "cite" | "action" | "poster" | "background"
        ) && let Ok(url) = url::Url::parse(&value)
            && !matches!(url.scheme(), "http" | "https" | "mailto")
        {
            found.push(format!("{name}=\"{value}\" on <{tag}>"));
        }
        if name == "id" && !value.starts_with("md-") {
            found.push(format!("id=\"{value}\" without md- prefix"));
        }
    }
}

fn assert_safe(html: &str, markdown: &str) {
    let problems = RefCell::new(Vec::new());
    let settings = Settings::new().append_element_content_handler(element!("*", |el| {
        check_element(el, &problems);
        Ok(())
    }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(html.as_bytes())
        .expect("the sanitised HTML tokenizes");
    rewriter.end().expect("the sanitised HTML tokenizes");
    let problems = problems.into_inner();
    assert!(
        problems.is_empty(),
        "unsafe HTML survived sanitising: {problems:?}\nmarkdown: {markdown:?}\nhtml: {html}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let html = to_html(markdown);
    assert_safe(&html, markdown);
    let inline = inline_html(markdown);
    assert_safe(&inline, markdown);
});
