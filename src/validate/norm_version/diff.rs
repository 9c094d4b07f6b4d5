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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
