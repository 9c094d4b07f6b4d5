//! The link check's tag reader (`render::tags`) finds the same addresses as lol_html's
//! streaming HTML parser, which the check used before: on every page of the example site
//! and on markup that tokenizes in surprising ways.

mod common;

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;

use lol_html::{HtmlRewriter, Settings, element};

/// The (element, address) pairs lol_html finds, as the link check collected them before.
fn reference(html: &str) -> Vec<(String, String)> {
    let found = RefCell::new(Vec::new());
    let mut settings = Settings::new();
    for (selector, attr) in [
        ("a[href]", "href"),
        ("link[href]", "href"),
        ("script[src]", "src"),
        ("img[src]", "src"),
        ("iframe[src]", "src"),
        ("source[src]", "src"),
    ] {
        settings = settings.append_element_content_handler(element!(selector, |el| {
            if let Some(url) = el.get_attribute(attr) {
                found.borrow_mut().push((el.tag_name(), url));
            }
            Ok(())
        }));
    }
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).expect("lol_html reads it");
    rewriter.end().expect("lol_html reads it");
    found.into_inner()
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn every_page_of_the_example_site_gives_the_same_addresses() {
    let org = common::example_copy();
    let out = org.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(["build", "--zonder-zoekindex", "--out"])
        .arg(&out)
        .arg(org.path())
        .env("VPD_VANDAAG", common::VANDAAG)
        .status()
        .unwrap();
    assert!(status.success());
    let mut pages = Vec::new();
    html_files(&out, &mut pages);
    assert!(pages.len() > 20, "{} pages", pages.len());
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap();
        let ours = vpd::render::links::addresses(&html);
        assert!(!ours.is_empty(), "{}", page.display());
        assert_eq!(ours, reference(&html), "{}", page.display());
    }
}

#[test]
fn tricky_markup_gives_the_same_addresses() {
    let cases = [
        r#"<a href="/a/">x</a><A HREF='/b/'>y</A><a href=/c/>z</a><a href>e</a><a href=>f</a>"#,
        r#"<a title="x > y" href="/a/">q</a><a title='<a href="/no/">' href="/b/">r</a>"#,
        r#"<!-- <a href="/no/"> --><a href="/a/"><!--> <a href="/b/"><!---> <a href="/c/">"#,
        r#"<!-- x --!> <a href="/a/"> <!-- a --- b ---> <a href="/b/"> <!-- <!-- --> <a href="/c/">"#,
        r#"<!DOCTYPE html><?xml x?><a href="/a/"><![CDATA[ <a href="/no/"> ]]><a href="/b/">"#,
        r#"<script src="/s.js">document.write('<a href="/no/">')</script><a href="/a/">"#,
        r#"<style>a[x="<a href='/no/'>"]{}</style><a href="/a/"><title><a href="/no/"></title>"#,
        r#"<textarea><a href="/no/"></textarea ><a href="/a/"><STYLE>x</Style><a href="/b/">"#,
        r#"<script>x</scripty><a href="/no/"></script><a href="/a/">"#,
        r#"</a href=">"><a href="/a/"></><a href="/b/"></ x <a href="/c/">> <a href="/d/">"#,
        r#"<a href="/a/" href="/b/">x</a><a/href="/c/">y</a><a =x href="/d/">z</a>"#,
        r#"<link rel="Canonical" href="https://x.example/"><img src="/i.png"><source src="/v.mp4">"#,
        r#"<a href="/a/&amp;b" class=x>é</a><a	href="/tab/"
            >n</a><a href = "/spaces/">s</a> a < b <a href="/b/">"#,
        r#"<iframe src="/f/"><a href="/no/"></iframe><a href="/a/"><noscript><a href="/no/"></noscript>"#,
        r#"<template><a href="/t/"></template><a href="/a/"><a href="/unterminated"#,
        r#"<a href="/a/"><plaintext><a href="/no/">"#,
    ];
    for html in cases {
        assert_eq!(
            vpd::render::links::addresses(html),
            reference(html),
            "{html}"
        );
    }
}
