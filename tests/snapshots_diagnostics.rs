//! What a team lead reads: `vpd check`'s human output for every rule and for typical
//! mistakes, kept as insta snapshots (`tests/snapshots/`). A change to a message, a hint,
//! an excerpt or an underline shows up as a snapshot diff to review (`cargo insta review`).

#[path = "snapshots_diagnostics/cases.rs"]
mod cases;
mod common;

use common::{Org, WERKPLEIN};
use vpd::diagnostic::Rule;

/// The snapshot file of rule `code`'s human diagnostic.
fn rule_snapshot(code: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("snapshots_diagnostics__regel-{code}.snap"))
}

/// The human report of `case`, with the organisation's temporary folder written as
/// `[org]`.
fn human_of(org: &Org, run: &cases::Run) -> String {
    let out = match run {
        cases::Run::Check => org.run(&["--format", "human"]),
        cases::Run::CheckAsNobody => common::run_as_nobody(org, &["--format", "human"]),
        cases::Run::Build => {
            let out = org.path().join("public");
            let (root, out) = (org.path().display().to_string(), out.display().to_string());
            let mut run = common::vpd(&["build", root.as_str(), "--out", out.as_str()]);
            // Standard output says how long the build took: never the same twice.
            run.stdout.clear();
            run
        }
    };
    let text = format!("exit {:?}\n{}{}", out.code, out.stdout, out.stderr);
    text.replace(&org.path().display().to_string(), "[org]")
}

/// Every rule's finding as a person reads it. Fails for a rule without a case or without
/// a committed snapshot, so a new rule cannot ship without its text being reviewed.
#[test]
fn every_rule_has_a_reviewed_human_diagnostic() {
    let mut missing = Vec::new();
    for rule in Rule::ALL {
        let code = rule.code();
        let Some((org, run)) = cases::case(code) else {
            missing.push(format!(
                "{code}: no case in tests/snapshots_diagnostics/cases.rs"
            ));
            continue;
        };
        let text = human_of(&org, &run);
        assert!(
            text.contains(&format!("[{code}]")),
            "the case of {code} does not show it:\n{text}"
        );
        if !rule_snapshot(code).is_file() && std::env::var_os("INSTA_UPDATE").is_none() {
            missing.push(format!(
                "{code}: no snapshot {}",
                rule_snapshot(code).display()
            ));
        }
        insta::assert_snapshot!(format!("regel-{code}"), text);
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The human report of `vpd check` on `org` (standard output and error, as a terminal
/// shows them).
fn human(org: &Org) -> String {
    let run = org.run(&["--format", "human"]);
    format!("exit {:?}\n{}{}", run.code, run.stdout, run.stderr)
}

#[test]
fn a_tab_for_indentation() {
    insta::assert_snapshot!(human(&Org::case("yaml-tab")));
}

#[test]
fn a_key_written_twice() {
    insta::assert_snapshot!(human(&Org::case("yaml-dubbele-sleutel")));
}

#[test]
fn a_misspelt_key() {
    insta::assert_snapshot!(human(&Org::case("sleutel-onbekend")));
}

#[test]
fn a_mandatory_step_left_out() {
    insta::assert_snapshot!(human(&Org::case("norm-verplichte-stap")));
}

#[test]
fn a_text_cut_short_at_a_hash() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "      - \"We merken spanning vroeg op.\"",
        "      - We bellen bezoekers na #service, ook op zaterdag",
    );
    insta::assert_snapshot!(human(&org));
}

#[test]
fn an_answer_starting_with_an_apostrophe() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "      - \"Wij houden drie ochtenden per week inloop.\"",
        "      - 's Ochtends houden wij drie keer per week inloop.",
    );
    insta::assert_snapshot!(human(&org));
}

#[test]
fn quotes_inside_a_quoted_answer() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "    huisregels-kenbaar: \"Op een bord bij de ingang.\"",
        "    huisregels-kenbaar: \"Op een bord met de tekst \"Welkom\" bij de ingang.\"",
    );
    insta::assert_snapshot!(human(&org));
}

#[test]
fn a_quote_left_open() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "      - \"Inwoners lopen zonder drempel binnen.\"",
        "      - \"Inwoners lopen zonder drempel binnen.",
    );
    insta::assert_snapshot!(human(&org));
}

#[test]
fn a_sentence_continued_without_indentation() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "    boodschap: \"Ik wil u graag helpen, maar niet op deze manier.\"",
        "    boodschap: Ik wil u graag helpen,\n    maar niet op deze manier.",
    );
    insta::assert_snapshot!(human(&org));
}

#[test]
fn a_number_where_text_is_expected() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "    huisregels-kenbaar: \"Op een bord bij de ingang.\"",
        "    huisregels-kenbaar: 2024",
    );
    insta::assert_snapshot!(human(&org));
}
