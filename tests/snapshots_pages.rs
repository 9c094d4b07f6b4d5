//! What a municipal employee reads on the site: the HTML of one page of every kind of the
//! page registry, built from the example organisation in `content/`, kept as insta
//! snapshots (`tests/snapshots/snapshots_pages__*.snap`). A change to a template, a text
//! or the page model shows up as a snapshot diff to review (`cargo insta review`).
//!
//! The example is copied outside any repository and built with a fixed `VPD_VANDAAG`, and
//! every date that depends on the build or on git history ("Laatst gewijzigd op …",
//! "Gepubliceerd op …") is written as `[datum]`, so the snapshots are the same on every
//! clone and every day.

mod common;

use std::path::Path;

use vpd::render::PageKind;

/// The example page shown for each kind of page. The `match` has no wildcard: a new kind
/// of page does not compile until it has an example here, and [`KINDS`] names it.
fn example_url(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "/",
        PageKind::Policy => "/beleid/",
        PageKind::Norm => "/normschema/",
        PageKind::Teams => "/teams/",
        PageKind::Team(_) => "/teams/werkplein-noord/",
        PageKind::Learning => "/leerdoelwijzers/",
        PageKind::Questionnaire(_) => "/leerdoelwijzers/kcc/",
        PageKind::Matrix => "/leerdoelwijzers/ontwikkelmatrix/",
        PageKind::Werkvormen => "/werkvormen/",
        PageKind::Werkvorm(_) => "/werkvormen/storytelling/",
        PageKind::Status => "/status/",
        PageKind::Accessibility => "/toegankelijkheid/",
        PageKind::Search => "/zoeken/",
        PageKind::NotFound => "/404.html",
        PageKind::Sitemap => "/sitemap.xml",
    }
}

/// Every kind of page, with its snapshot's name.
const KINDS: [(&str, PageKind); 15] = [
    ("home", PageKind::Home),
    ("beleid", PageKind::Policy),
    ("normschema", PageKind::Norm),
    ("teams", PageKind::Teams),
    ("teamprotocol", PageKind::Team(0)),
    ("leerdoelwijzers", PageKind::Learning),
    ("leerdoelwijzer", PageKind::Questionnaire(0)),
    ("ontwikkelmatrix", PageKind::Matrix),
    ("werkvormen", PageKind::Werkvormen),
    ("werkvorm", PageKind::Werkvorm(0)),
    ("status", PageKind::Status),
    ("toegankelijkheid", PageKind::Accessibility),
    ("zoeken", PageKind::Search),
    ("niet-gevonden", PageKind::NotFound),
    ("sitemap", PageKind::Sitemap),
];

/// `text` with the date after each of `markers` written as `[datum]`: a Dutch date
/// (`24 november 2026`) or an ISO one (`2026-11-24`).
fn without_dates(text: &str, markers: &[&str]) -> String {
    let mut out = text.to_string();
    for marker in markers {
        let mut from = 0;
        while let Some(i) = out[from..].find(marker) {
            let start = from + i + marker.len();
            let len = date_len(&out[start..]);
            if len > 0 {
                out.replace_range(start..start + len, "[datum]");
            }
            from = start;
        }
    }
    out
}

/// The length of the date `text` starts with (0 when it starts with none).
fn date_len(text: &str) -> usize {
    let iso = text.len() >= 10
        && text.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso {
        return 10;
    }
    // Day, month name, year: "24 november 2026".
    let mut words = text.splitn(4, ' ');
    let (Some(day), Some(month), Some(year)) = (words.next(), words.next(), words.next()) else {
        return 0;
    };
    let year: String = year.chars().take_while(char::is_ascii_digit).collect();
    let dutch = (1..=2).contains(&day.len())
        && day.chars().all(|c| c.is_ascii_digit())
        && month.chars().all(|c| c.is_ascii_lowercase())
        && year.len() == 4;
    if dutch {
        day.len() + 1 + month.len() + 1 + 4
    } else {
        0
    }
}

/// The built page at `url`, its build and history dates written as `[datum]`.
fn page(out: &Path, url: &str) -> String {
    let file = out.join(vpd::site_path::file_of(url).expect("a path of the site"));
    let html = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{} is not built: {e}", file.display()));
    without_dates(
        &html,
        &[
            "Laatst gewijzigd op ",
            "Gepubliceerd op ",
            "gepubliceerd op ",
            "data-vpd-gepubliceerd=\"",
            "<lastmod>",
        ],
    )
}

#[test]
fn dates_are_found_in_both_forms() {
    let text = "Gepubliceerd op 24 november 2026</p> <lastmod>2026-11-24</lastmod> op 3 mei";
    assert_eq!(
        without_dates(text, &["Gepubliceerd op ", "<lastmod>", "op "]),
        "Gepubliceerd op [datum]</p> <lastmod>[datum]</lastmod> op 3 mei"
    );
}

/// One page of every kind, as built from the example organisation.
#[test]
fn one_page_of_every_kind() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    common::copy_dir(&content, &tmp.path().join("content"));
    let out = tmp.path().join("public");
    let (root, public) = (tmp.path().display().to_string(), out.display().to_string());
    let run = common::vpd(&["build", root.as_str(), "--out", public.as_str()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for (name, kind) in KINDS {
        let url = example_url(kind);
        insta::assert_snapshot!(name, page(&out, url), url);
    }
}
