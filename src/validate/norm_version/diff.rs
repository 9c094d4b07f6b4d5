//! What changed between two versions of the norm, in words, and whether a team must act
//! on each change: a new category or term, a new or newly mandatory step, a stricter
//! reporting level or term. Changes that ask nothing of a team (a step no longer
//! mandatory, a laxer level, new sanctions, which the organisation carries out) are listed
//! too, so the change history says everything.

use serde::Serialize;

use super::NormVersion;
use crate::messages::t;
use crate::validate::org::{Category, Step};

/// One change between two norm versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Change {
    /// The change in words.
    pub tekst: String,
    /// Whether a team adopted against the older version must adapt its protocol.
    pub actie: bool,
}

fn change(key: &str, args: &[(&str, &str)], actie: bool) -> Change {
    Change {
        tekst: t(key, args),
        actie,
    }
}

/// What changed from `old` to `new`; for a team of `template` (mandatory steps as they
/// apply to it), or for any team when `template` is none.
pub fn changes(old: &NormVersion, new: &NormVersion, template: Option<&str>) -> Vec<Change> {
    let mut out = Vec::new();
    for cat in &new.categories {
        match old.categories.iter().find(|c| c.id == cat.id) {
            None => out.push(change(
                "wijziging.categorie.nieuw",
                &[("categorie", &cat.naam)],
                true,
            )),
            Some(before) => category(before, cat, template, &mut out),
        }
    }
    for cat in &old.categories {
        if !new.categories.iter().any(|c| c.id == cat.id) {
            out.push(change(
                "wijziging.categorie.weg",
                &[("categorie", &cat.naam)],
                false,
            ));
        }
    }
    terms(old, new, &mut out);
    out
}

fn mandatory(step: &Step, template: Option<&str>) -> bool {
    match template {
        Some(t) => step.is_mandatory_for(t),
        None => step.verplicht,
    }
}

fn category(old: &Category, new: &Category, template: Option<&str>, out: &mut Vec<Change>) {
    let naam = new.naam.as_str();
    for step in &new.aanpak {
        let before = old.aanpak.iter().find(|s| s.id == step.id);
        let args = [("categorie", naam), ("stap", step.tekst.as_str())];
        match (before, mandatory(step, template)) {
            (None, true) => out.push(change("wijziging.stap.nieuw-verplicht", &args, true)),
            (Some(b), true) if !mandatory(b, template) => {
                out.push(change("wijziging.stap.nu-verplicht", &args, true));
            }
            (Some(b), true) if b.tekst.trim() != step.tekst.trim() => {
                out.push(change("wijziging.stap.tekst", &args, false));
            }
            _ => {}
        }
    }
    for step in &old.aanpak {
        if !mandatory(step, template) {
            continue;
        }
        let now = new.aanpak.iter().find(|s| s.id == step.id);
        if now.is_none_or(|s| !mandatory(s, template)) {
            let args = [("categorie", naam), ("stap", step.tekst.as_str())];
            out.push(change("wijziging.stap.niet-meer-verplicht", &args, false));
        }
    }
    if let (Some(a), Some(b)) = (old.meldniveau, new.meldniveau)
        && a != b
    {
        let args = [
            ("categorie", naam),
            ("oud", a.as_str()),
            ("nieuw", b.as_str()),
        ];
        let stricter = b > a;
        let key = if stricter {
            "wijziging.meldniveau.strenger"
        } else {
            "wijziging.meldniveau.minder"
        };
        out.push(change(key, &args, stricter));
    }
    for (key, a, b) in [
        ("wijziging.aangifte", &old.aangifte, &new.aangifte),
        (
            "wijziging.sanctie-eerste",
            &old.sanctie_eerste_keer,
            &new.sanctie_eerste_keer,
        ),
        (
            "wijziging.sanctie-herhaling",
            &old.sanctie_herhaling,
            &new.sanctie_herhaling,
        ),
    ] {
        if a.trim() != b.trim() {
            out.push(change(
                key,
                &[("categorie", naam), ("nieuw", b.trim())],
                false,
            ));
        }
    }
}

fn terms(old: &NormVersion, new: &NormVersion, out: &mut Vec<Change>) {
    for term in &new.terms {
        let before = old.terms.iter().find(|o| o.id == term.id);
        let Some(before) = before else {
            let args = [
                ("naam", term.naam.as_str()),
                ("nieuw", term.termijn.as_str()),
            ];
            out.push(change("wijziging.termijn.nieuw", &args, true));
            continue;
        };
        if before.termijn.trim() == term.termijn.trim() {
            continue;
        }
        let args = [
            ("naam", term.naam.as_str()),
            ("oud", before.termijn.as_str()),
            ("nieuw", term.termijn.as_str()),
        ];
        // Stricter: the old term is laxer than the new one.
        match (before.term, term.term) {
            (Some(b), Some(n)) if b.laxer_than(&n) == Ok(true) => {
                out.push(change("wijziging.termijn.strenger", &args, true));
            }
            (Some(b), Some(n)) if n.laxer_than(&b) == Ok(true) => {
                out.push(change("wijziging.termijn.ruimer", &args, false));
            }
            _ => out.push(change("wijziging.termijn.anders", &args, true)),
        }
    }
    for term in &old.terms {
        if !new.terms.iter().any(|n| n.id == term.id) {
            out.push(change(
                "wijziging.termijn.weg",
                &[("naam", term.naam.as_str())],
                false,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::validate::term::check::OrgTerm;
    use std::sync::Arc;

    /// A norm version from the rows of a norm schema's categories (YAML) and terms.
    fn version(rows: &str, terms: &[(&str, &str)]) -> NormVersion {
        let text = format!("secties:\n  categorieen:\n    categorieen:\n{rows}");
        let source = Arc::new(SourceFile::new(
            std::path::Path::new("normschema.yaml"),
            "normschema.yaml".into(),
            text,
        ));
        let doc = crate::load::parse_document(&source).expect("the test norm parses");
        NormVersion {
            versie: String::new(),
            vastgesteld_op: None,
            categories: Category::read_all(&doc),
            terms: terms
                .iter()
                .map(|(id, termijn)| OrgTerm {
                    id: id.to_string(),
                    naam: id.to_string(),
                    termijn: termijn.to_string(),
                    term: crate::validate::term::Term::parse(termijn),
                    toelichting: None,
                    source: Arc::clone(&source),
                    span: crate::source::Span::file_start(),
                })
                .collect(),
        }
    }

    const BASE: &str = "      - id: jij
        naam: Jij-gedrag
        meldniveau: bij-patroon
        aangifte: nooit
        sanctie_eerste_keer: Waarschuwing
        aanpak:
          - { id: rustig, tekst: Blijf rustig, verplicht: true }
          - { id: benoemen, tekst: Benoem het gedrag }
          - { id: pand, tekst: Pand verlaten, verplicht: true, geldt_voor: [werkplein] }
";

    fn texts(changes: &[Change]) -> Vec<(String, bool)> {
        changes.iter().map(|c| (c.tekst.clone(), c.actie)).collect()
    }

    #[test]
    fn no_change_is_no_change() {
        let v = version(BASE, &[("nazorg", "binnen 24 uur")]);
        assert!(changes(&v, &v, Some("werkplein")).is_empty());
    }

    #[test]
    fn categories_added_and_removed() {
        let old = version(BASE, &[]);
        let new = version("      - id: dreiging\n        naam: Bedreiging\n", &[]);
        assert_eq!(
            texts(&changes(&old, &new, None)),
            [
                (
                    "Nieuwe gedragsvorm 'Bedreiging': vul de eigen voorbeelden van het team aan."
                        .into(),
                    true
                ),
                ("De gedragsvorm 'Jij-gedrag' is vervallen.".into(), false),
            ]
        );
    }

    #[test]
    fn steps_new_mandatory_newly_mandatory_reworded_and_no_longer_mandatory() {
        let old = version(BASE, &[]);
        let new = version(
            &BASE
                .replace("{ id: benoemen, tekst: Benoem het gedrag }", "{ id: benoemen, tekst: Benoem het gedrag, verplicht: true }")
                .replace("tekst: Blijf rustig, verplicht: true", "tekst: Blijf kalm, verplicht: true")
                .replace("tekst: Pand verlaten, verplicht: true,", "tekst: Pand verlaten,")
                .replace("        aanpak:\n", "        aanpak:\n          - { id: alarm, tekst: Druk op de alarmknop, verplicht: true }\n"),
            &[],
        );
        assert_eq!(
            texts(&changes(&old, &new, Some("werkplein"))),
            [
                (
                    "Nieuwe verplichte stap bij 'Jij-gedrag': \"Druk op de alarmknop\".".into(),
                    true
                ),
                (
                    "De verplichte stap bij 'Jij-gedrag' heeft nu de tekst \"Blijf kalm\".".into(),
                    false
                ),
                (
                    "De stap \"Benoem het gedrag\" bij 'Jij-gedrag' is nu verplicht.".into(),
                    true
                ),
                (
                    "De stap \"Pand verlaten\" bij 'Jij-gedrag' is niet meer verplicht.".into(),
                    false
                ),
            ]
        );
        // A step mandatory only for another form asks nothing of a KCC team.
        let kcc = changes(&old, &new, Some("kcc"));
        assert!(
            !kcc.iter().any(|c| c.tekst.contains("Pand verlaten")),
            "{kcc:?}"
        );
    }

    #[test]
    fn reporting_levels_stricter_and_laxer() {
        let old = version(BASE, &[]);
        let stricter = version(
            &BASE.replace("meldniveau: bij-patroon", "meldniveau: altijd"),
            &[],
        );
        let laxer = version(
            &BASE.replace("meldniveau: bij-patroon", "meldniveau: niet"),
            &[],
        );
        assert_eq!(
            texts(&changes(&old, &stricter, None)),
            [(
                "Het meldniveau bij 'Jij-gedrag' is strenger: van 'bij-patroon' naar 'altijd'."
                    .into(),
                true
            )]
        );
        assert_eq!(
            texts(&changes(&old, &laxer, None)),
            [(
                "Het meldniveau bij 'Jij-gedrag' is minder streng: van 'bij-patroon' naar 'niet'."
                    .into(),
                false
            )]
        );
    }

    #[test]
    fn sanctions_and_aangifte_changed() {
        let old = version(BASE, &[]);
        let new = version(
            &BASE.replace("aangifte: nooit", "aangifte: altijd").replace(
                "sanctie_eerste_keer: Waarschuwing",
                "sanctie_eerste_keer: Toegangsverbod",
            ),
            &[],
        );
        assert_eq!(
            texts(&changes(&old, &new, None)),
            [
                (
                    "De regel voor aangifte bij 'Jij-gedrag' is nu: altijd.".into(),
                    false
                ),
                (
                    "De sanctie bij de eerste keer 'Jij-gedrag' is nu: Toegangsverbod".into(),
                    false
                ),
            ]
        );
    }

    #[test]
    fn terms_added_removed_stricter_laxer_and_of_another_kind() {
        let old = version(
            BASE,
            &[
                ("a", "binnen 24 uur"),
                ("b", "binnen 5 dagen"),
                ("c", "elk jaar"),
                ("weg", "na 6 weken"),
            ],
        );
        let new = version(
            BASE,
            &[
                ("a", "binnen 12 uur"),
                ("b", "binnen 5 werkdagen"),
                ("c", "binnen 1 jaar"),
                ("nieuw", "minimaal 2"),
            ],
        );
        assert_eq!(
            texts(&changes(&old, &new, None)),
            [
                (
                    "De termijn 'a' is strenger: van binnen 24 uur naar binnen 12 uur.".into(),
                    true
                ),
                (
                    "De termijn 'b' is ruimer: van binnen 5 dagen naar binnen 5 werkdagen.".into(),
                    false
                ),
                (
                    "De termijn 'c' is veranderd: van elk jaar naar binnen 1 jaar.".into(),
                    true
                ),
                ("Nieuwe termijn 'nieuw': minimaal 2.".into(), true),
                ("De termijn 'weg' is vervallen.".into(), false),
            ]
        );
    }
}
