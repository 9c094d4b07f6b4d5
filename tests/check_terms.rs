//! Measurable commitments ("termijnen"): every rule about them proven with a failing
//! fixture against the real binary (rule, Dutch message, line, column, hint and the
//! organisation's place), the unit conversion edges as `vpd check` reports them, and the
//! pages that show a team's terms beside the organisation's.
//!
//! The fixtures (`tests/fixtures/invalid/termijn-*`) put terms in the minimal
//! organisation's norm schema (`meldcriteria.termijnen`) and answer them in both teams.

mod common;

use std::path::Path;

use common::{
    KCC, NORMSCHEMA, Org, WERKPLEIN, assert_ernst, assert_finding, assert_hint, assert_ook,
    example_copy, vpd,
};
use scraper::{Html, Selector};

#[test]
fn terms_as_the_organisation_sets_them_or_stricter_pass() {
    let out = Org::case("termijn-geldig").check(&[]);
    out.assert_exit(0).assert_clean();
}

#[test]
fn termijn_ruimer_for_every_kind_of_unit() {
    let out = Org::case("termijn-ruimer").check(&[]);
    // Equal terms in other units ("elk jaar" for "elke 12 maanden", "binnen 42 dagen" for
    // "na 6 weken", "binnen 12 uur" for "binnen 24 uur") pass.
    out.assert_exit(1).assert_only(&[
        "termijn-ruimer",
        "termijn-ruimer",
        "termijn-ruimer",
        "termijn-ruimer",
        "termijn-ruimer",
    ]);
    // Working days over a weekend: one working day after a Friday ends on Monday.
    let f = assert_finding(
        &out,
        "termijn-ruimer",
        WERKPLEIN,
        85,
        41,
        "De termijn \"binnen 1 werkdag\" voor 'Incident melden' is ruimer dan die van de organisatie: \"binnen 24 uur\".",
    );
    assert_eq!(f["sectie"], "normschema");
    assert_hint(f, "schrijf \"binnen 24 uur\" of korter");
    assert_ook(f, NORMSCHEMA, 374, 66, "de termijn van de organisatie");
    // Calendar days against working days: five days can end after three working days.
    let f = assert_finding(
        &out,
        "termijn-ruimer",
        KCC,
        66,
        46,
        "De termijn \"binnen 5 dagen\" voor 'Incident registreren' is ruimer dan die van de organisatie: \"binnen 3 werkdagen\".",
    );
    assert_ook(f, NORMSCHEMA, 375, 76, "de termijn van de organisatie");
    // Months of different length: a month can last 31 days, four weeks 28.
    let f = assert_finding(
        &out,
        "termijn-ruimer",
        WERKPLEIN,
        91,
        39,
        "De termijn \"binnen 1 maand\" voor 'Basistraining' is ruimer dan die van de organisatie: \"binnen 4 weken\".",
    );
    assert_ook(f, NORMSCHEMA, 376, 62, "de termijn van de organisatie");
    // Days against hours.
    let f = assert_finding(
        &out,
        "termijn-ruimer",
        WERKPLEIN,
        96,
        46,
        "De termijn \"binnen 2 dagen\" voor 'Eerste nazorgcontact' is ruimer dan die van de organisatie: \"binnen 24 uur\".",
    );
    assert_ook(f, NORMSCHEMA, 378, 76, "de termijn van de organisatie");
    // A lower frequency.
    let f = assert_finding(
        &out,
        "termijn-ruimer",
        WERKPLEIN,
        118,
        44,
        "De termijn \"elk jaar\" voor 'Protocol evalueren' is ruimer dan die van de organisatie: \"twee keer per jaar\".",
    );
    assert_eq!(f["sectie"], "borging");
    assert_ook(f, NORMSCHEMA, 381, 72, "de termijn van de organisatie");
}

#[test]
fn termijn_ruimer_in_a_concept_is_a_warning() {
    let org = Org::case("termijn-ruimer");
    org.replace(WERKPLEIN, "status: vastgesteld", "status: concept");
    let out = org.check(&[]);
    let f = assert_finding(
        &out,
        "termijn-ruimer",
        WERKPLEIN,
        85,
        41,
        "\"binnen 1 werkdag\"",
    );
    assert_ernst(f, "warning");
    // The other team is still adopted: its laxer term stays an error.
    let f = assert_finding(&out, "termijn-ruimer", KCC, 66, 46, "\"binnen 5 dagen\"");
    assert_ernst(f, "error");
}

#[test]
fn termijn_ontbreekt_for_a_missing_moment_and_a_missing_field() {
    let out = Org::case("termijn-ontbreekt").check(&[]);
    out.assert_exit(1).assert_only(&[
        "termijn-ontbreekt",
        "termijn-ontbreekt",
        "termijn-ontbreekt",
    ]);
    // One moment left out of the field: at the field's key.
    let f = assert_finding(
        &out,
        "termijn-ontbreekt",
        WERKPLEIN,
        95,
        5,
        "De termijn voor 'Derde nazorgcontact' ontbreekt; de organisatie spreekt \"na 6 weken\" af.",
    );
    assert_hint(f, "`id: derde-nazorgcontact` en `termijn: \"na 6 weken\"`");
    assert_ook(f, NORMSCHEMA, 379, 74, "de termijn van de organisatie");
    // The whole field left out: at its section's key, once per term.
    let f = assert_finding(
        &out,
        "termijn-ontbreekt",
        KCC,
        90,
        3,
        "De termijn voor 'Protocol evalueren' ontbreekt; de organisatie spreekt \"twee keer per jaar\" af.",
    );
    assert_ook(f, NORMSCHEMA, 381, 72, "de termijn van de organisatie");
    assert_finding(
        &out,
        "termijn-ontbreekt",
        KCC,
        90,
        3,
        "De termijn voor 'Incident nabespreken' ontbreekt",
    );
}

#[test]
fn termijn_ongeldig_for_a_phrase_and_for_another_kind_of_term() {
    let out = Org::case("termijn-ongeldig").check(&[]);
    out.assert_exit(1)
        .assert_only(&["termijn-ongeldig", "termijn-ongeldig", "termijn-ongeldig"]);
    // In the organisation's own norm schema.
    let f = assert_finding(
        &out,
        "termijn-ongeldig",
        NORMSCHEMA,
        377,
        64,
        "\"jaarlijks\" is geen termijn die vpd kan lezen.",
    );
    assert_hint(f, "\"elke 12 maanden\"");
    // In a team protocol.
    let f = assert_finding(
        &out,
        "termijn-ongeldig",
        WERKPLEIN,
        96,
        46,
        "\"zo snel mogelijk\" is geen termijn die vpd kan lezen.",
    );
    assert_hint(f, "Eenheden: uur, dag, werkdag, week, maand, jaar");
    // A deadline where the organisation sets a frequency cannot be compared.
    let f = assert_finding(
        &out,
        "termijn-ongeldig",
        WERKPLEIN,
        118,
        44,
        "\"binnen 6 maanden\" is een ander soort termijn dan die van de organisatie voor 'Protocol evalueren': \"twee keer per jaar\".",
    );
    assert_hint(f, "(elke …)");
    assert_ook(f, NORMSCHEMA, 381, 72, "de termijn van de organisatie");
}

#[test]
fn termijn_dubbel() {
    let out = Org::case("termijn-dubbel").check(&[]);
    out.assert_exit(1).assert_only(&["termijn-dubbel"]);
    let f = assert_finding(
        &out,
        "termijn-dubbel",
        NORMSCHEMA,
        382,
        15,
        "De termijn 'basistraining' staat al eerder in het beleid of het normschema.",
    );
    assert_hint(f, "Geef deze een eigen id");
    assert_ook(f, NORMSCHEMA, 376, 62, "hier staat hij voor het eerst");
}

/// The example passes; with Werkplein Noord's first aftercare contact "binnen vijf
/// werkdagen" it fails at that line.
#[test]
fn the_example_fails_at_a_team_aftercare_term_laxer_than_the_policy() {
    let dir = example_copy();
    let ok = vpd(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(ok.code, Some(0), "{}", ok.stdout);
    let team = dir.path().join("content/teams/werkplein-noord.yaml");
    let text = std::fs::read_to_string(&team).unwrap();
    let from = "{ id: eerste-nazorgcontact, termijn: \"binnen 24 uur\" }";
    assert_eq!(text.matches(from).count(), 1);
    let line = text.lines().position(|l| l.contains(from)).unwrap() + 1;
    std::fs::write(
        &team,
        text.replace(
            from,
            "{ id: eerste-nazorgcontact, termijn: \"binnen vijf werkdagen\" }",
        ),
    )
    .unwrap();
    let run = vpd(&[
        "check".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // The only error (the concept Wijkteam Oost has its warnings, as before).
    let errors: Vec<&serde_json::Value> = json["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["ernst"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let f = errors[0];
    assert_eq!(f["regel"], "termijn-ruimer");
    assert_eq!(f["bestand"], "content/teams/werkplein-noord.yaml");
    assert_eq!(f["regelnummer"], line);
    assert_eq!(f["ook"][0]["bestand"], "content/organisatie/beleid.yaml");
}

fn built(case: &str) -> (Org, std::path::PathBuf) {
    let org = Org::case(case);
    let out = org.path().join("public");
    let run = vpd(&[
        "build".as_ref(),
        org.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    (org, out)
}

/// The rows of the terms table under the heading `kop` of a page, as cell texts.
fn term_rows(out: &Path, url: &str, kop: &str) -> Vec<Vec<String>> {
    let file = out.join(url.trim_start_matches('/')).join("index.html");
    let html = Html::parse_document(&std::fs::read_to_string(file).unwrap());
    let table = Selector::parse("table.vpd-termijnen").unwrap();
    let row = Selector::parse("tr").unwrap();
    let cell = Selector::parse("th, td").unwrap();
    let t = html
        .select(&table)
        .find(|t| {
            t.select(&Selector::parse("caption").unwrap())
                .any(|c| c.text().collect::<String>() == kop)
        })
        .unwrap_or_else(|| panic!("no terms table {kop:?} on {url}"));
    t.select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_team_page_shows_its_terms_beside_the_organisations() {
    let (_org, out) = built("termijn-geldig");
    let rows = term_rows(&out, "/teams/werkplein-proef/", "Termijnen van de nazorg");
    assert_eq!(
        rows,
        [
            vec!["Afspraak", "Team", "Organisatie"],
            vec!["Eerste nazorgcontact", "binnen 24 uur", "binnen 24 uur"],
            vec!["Derde nazorgcontact", "na 6 weken", "na 6 weken"],
        ]
    );
}

#[test]
fn the_example_policy_page_shows_its_terms_with_their_explanation() {
    let dir = example_copy();
    let out = dir.path().join("public");
    let run = vpd(&[
        "build".as_ref(),
        dir.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rows = term_rows(&out, "/beleid/", "Termijnen van de nazorg");
    assert_eq!(rows[0], ["Afspraak", "Termijn", "Toelichting"]);
    assert_eq!(rows[1][..2], ["Eerste nazorgcontact", "binnen 24 uur"]);
    assert!(rows[1][2].contains("binnen 24 uur na het incident"));
    assert_eq!(rows.len(), 4);
}
