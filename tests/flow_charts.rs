//! The flow charts read as the logic they draw: in document order (as a screen reader and
//! a printout read them), every decision names where "ja" and "nee" lead, as links to the
//! step with its number, a branch that ends says so, and no arrow runs on from a decision
//! or the end of a branch. Checked on the example organisation's `/normschema/` and on a
//! team page.

mod common;

use std::path::Path;

use common::{copy_dir, vpd};
use scraper::{ElementRef, Html, Selector};

fn built_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &dir.path().join("content"),
    );
    let out = dir.path().join("public");
    let run = vpd(&[
        "build".as_ref(),
        dir.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    (dir, out)
}

fn page(out: &Path, url: &str) -> Html {
    let file = out.join(vpd::site_path::file_of(url).expect("a path of the site"));
    Html::parse_document(&std::fs::read_to_string(file).unwrap())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One step as read in order: its text, and what the reader is told comes next.
#[derive(Debug)]
struct Read {
    tekst: String,
    anker: String,
    ja: Option<(String, String)>,
    nee: Option<(String, String)>,
    einde: bool,
    pijl: bool,
}

/// The chart whose first step has the anchor `stap-{category}-…`, read in document order.
fn read_chart(html: &Html, category: &str) -> Vec<Read> {
    let prefix = format!("stap-{category}-");
    let chart = html
        .select(&sel("ol.vpd-stroom"))
        .find(|ol| {
            ol.select(&sel("li.vpd-stroom__stap"))
                .next()
                .and_then(|li| li.value().id())
                .is_some_and(|id| id.starts_with(&prefix))
        })
        .unwrap_or_else(|| panic!("no chart for {category}"));
    chart
        .select(&sel(":scope > li.vpd-stroom__stap"))
        .map(|li| {
            let way = |answer: &str| {
                li.select(&sel(&format!(".vpd-stroom__keuze--{answer}")))
                    .next()
                    .map(|w| {
                        let href = w
                            .select(&sel("a"))
                            .next()
                            .and_then(|a| a.value().attr("href"))
                            .unwrap_or("")
                            .to_string();
                        (text(w), href)
                    })
            };
            Read {
                tekst: text(li.select(&sel(".vpd-stroom__tekst strong")).next().unwrap()),
                anker: li.value().id().unwrap_or("").to_string(),
                ja: way("ja"),
                nee: way("nee"),
                einde: li
                    .select(&sel(".vpd-stroom__verder--einde"))
                    .next()
                    .is_some(),
                pijl: li.select(&sel(".vpd-stroom__pijl")).next().is_some(),
            }
        })
        .collect()
}

fn step<'a>(chart: &'a [Read], tekst: &str) -> (usize, &'a Read) {
    chart
        .iter()
        .enumerate()
        .find(|(_, r)| r.tekst == tekst)
        .unwrap_or_else(|| panic!("no step {tekst:?} in {chart:#?}"))
}

/// Asserts that the decision `question` leads, for `answer`, to the step `target`, by a link
/// to its anchor that names its number and text.
fn leads(chart: &[Read], question: &str, answer: &str, target: &str) {
    let (_, q) = step(chart, question);
    let (i, t) = step(chart, target);
    let (label, href) = match answer {
        "ja" => q.ja.clone(),
        _ => q.nee.clone(),
    }
    .unwrap_or_else(|| panic!("{question:?} has no way for {answer}"));
    let word = if answer == "ja" { "Ja" } else { "Nee" };
    assert_eq!(
        label,
        format!("{word} → ga naar stap {}: {target}", i + 1),
        "{question:?}"
    );
    assert_eq!(href, format!("#{}", t.anker));
    assert!(!q.pijl, "no arrow runs on from the decision {question:?}");
}

#[test]
fn the_norm_schema_charts_branch_where_the_norm_says() {
    let (_dir, out) = built_example();
    let html = page(&out, "/normschema/");

    let jij = read_chart(&html, "jij-gedrag");
    leads(&jij, "Voelt de situatie veilig?", "ja", "Benoem het gedrag");
    leads(
        &jij,
        "Voelt de situatie veilig?",
        "nee",
        "Beëindig het gesprek",
    );
    leads(
        &jij,
        "Stopt het gedrag?",
        "ja",
        "Zet het gesprek of het werk voort",
    );
    leads(&jij, "Stopt het gedrag?", "nee", "Beëindig het gesprek");
    let (_, voort) = step(&jij, "Zet het gesprek of het werk voort");
    assert!(
        voort.einde && !voort.pijl,
        "the 'ja' branch ends: {voort:?}"
    );
    // Ending the conversation is followed by the rest of the approach.
    let (i, _) = step(&jij, "Beëindig het gesprek");
    assert!(jij[i].pijl);
    assert!(jij.last().unwrap().einde);

    let dreiging = read_chart(&html, "bedreiging");
    leads(
        &dreiging,
        "Voelt de situatie veilig?",
        "nee",
        "Vergroot de afstand",
    );
    leads(
        &dreiging,
        "Vertrekt de inwoner?",
        "ja",
        "Hervat je eigen werk (niet het gesprek met de inwoner)",
    );
    leads(
        &dreiging,
        "Vertrekt de inwoner?",
        "nee",
        "Schakel bijstand in",
    );
    let (_, hervat) = step(
        &dreiging,
        "Hervat je eigen werk (niet het gesprek met de inwoner)",
    );
    assert!(hervat.einde && !hervat.pijl);

    // Every link of every chart lands on a step of the page.
    for a in html.select(&sel(".vpd-stroom a")) {
        let href = a.value().attr("href").unwrap();
        let id = href.trim_start_matches('#');
        assert!(
            html.select(&sel(&format!("[id=\"{id}\"]")))
                .next()
                .is_some(),
            "{href} points nowhere"
        );
    }
    // Calling 112 stands out in words, not in colour alone.
    step(&jij, "Bel zo nodig de politie");
    assert!(
        html.select(&sel(
            "#stap-jij-gedrag-politie-inschakelen .vpd-badge--nood"
        ))
        .next()
        .is_some_and(|b| text(b) == "bij direct gevaar: 112")
    );
}

#[test]
fn a_team_page_follows_the_branches_through_the_teams_own_steps() {
    let (_dir, out) = built_example();
    // KCC: no "leave the building" step, and a warning of the team's own before the question.
    let html = page(&out, "/teams/kcc-algemeen/");
    let jij = read_chart(&html, "jij-gedrag");
    let (w, _) = step(
        &jij,
        "Eén laatste waarschuwing geven: 'Als u doorgaat, beëindig ik het gesprek.'",
    );
    let (q, _) = step(&jij, "Stopt het gedrag?");
    assert_eq!(w + 1, q, "the team's own step stands before the question");
    leads(&jij, "Stopt het gedrag?", "nee", "Beëindig het gesprek");
    assert!(
        jij.iter()
            .all(|r| r.tekst != "Verzoek de inwoner het pand te verlaten")
    );
}
