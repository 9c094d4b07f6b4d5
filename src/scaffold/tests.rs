use std::path::Path;

use serde_json::json;

use super::*;
use crate::template::Templates;
use crate::template::placeholder::is_placeholder;

#[test]
fn slugs_are_plain() {
    assert_eq!(slugify("Werkplein Zuid"), "werkplein-zuid");
    assert_eq!(slugify("  Team Ééntje & co! "), "team-eentje-co");
    assert_eq!(
        slugify("Wijkteam IJsselmonde – Straße"),
        "wijkteam-ijsselmonde-strasse"
    );
    assert_eq!(slugify("Team Łódź"), "team-lodz");
}

#[test]
fn a_block_placeholder_is_still_a_placeholder() {
    let mut out = String::from("antwoord:");
    block_placeholder(&mut out, " ", 2);
    assert_eq!(out, "antwoord: |\n  .....\n");
    // The block's value keeps its line break: still a placeholder.
    assert!(is_placeholder(".....\n"));
}

#[test]
fn the_norm_table_shows_the_organisations_own_norm() {
    let templates = Templates::load(Path::new("/nonexistent-vpd-root"));
    let kcc = templates.get("kcc").expect("the embedded KCC form");
    let ctx = ScaffoldContext {
        norm: vec![json!({
            "id": "jij-gedrag",
            "standpunt": "Ons eigen standpunt.",
            "meldniveau": "altijd",
            "melden": "Altijd melden.",
            "aanpak": [
                {"id": "kalm", "tekst": "Blijf kalm", "verplicht": true},
                {"id": "pand", "tekst": "Alleen aan de balie", "verplicht": true, "geldt_voor": ["werkplein"]},
                {"id": "afsluiten", "tekst": "Sluit af"}
            ]
        })],
        ..ScaffoldContext::default()
    };
    let text = team_protocol(kcc, "Team", &ctx);
    assert!(text.contains("): Ons eigen standpunt.\n"), "{text}");
    assert!(
        text.contains("#   1. kalm: Blijf kalm (verplicht)\n"),
        "{text}"
    );
    assert!(text.contains("#   2. afsluiten: Sluit af\n"), "{text}");
    assert!(
        !text.contains("Alleen aan de balie"),
        "a werkplein step in a KCC scaffold"
    );
    assert!(
        text.contains("altijd (Altijd melden). Altijd melden."),
        "{text}"
    );
    assert!(text.contains("#   - id: kalm\n"), "{text}");
}

#[test]
fn labels_name_ids_and_names() {
    let items = [Named::new("a", "Afdeling A"), Named::new("b", "b")];
    assert_eq!(labels(&items), "a = Afdeling A; b");
}
