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
