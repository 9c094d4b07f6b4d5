//! What a team lead reads: `vpd check`'s human output for typical mistakes, kept as insta
//! snapshots (`tests/snapshots/`). A change to a message, a hint, an excerpt or an
//! underline shows up as a snapshot diff to review (`cargo insta review`).

mod common;

use common::{Org, WERKPLEIN};

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
