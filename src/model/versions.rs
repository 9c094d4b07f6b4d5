//! Norm versions as the pages show them: against which version each team protocol was
//! adopted and what changed since, the teams behind for the status page, and the norm
//! schema's change history. Read from validation's [`NormVersions`].

use serde::Serialize;

use crate::load::Document;
use crate::validate::norm_version::{Change, NormVersions, Standing, changes, standing};

/// A team protocol's norm version.
#[derive(Debug, Clone, Serialize, PartialEq, Hash)]
pub struct TeamNormVersion {
    /// The version it was adopted against.
    pub versie: String,
    /// The current version.
    pub huidig: Option<String>,
    /// Whether it was adopted against an earlier version.
    pub achter: bool,
    /// Whether vpd could not find the version (or has no history).
    pub onbekend: bool,
    /// What changed since, when it is behind: first what the team must act on.
    pub wijzigingen: Vec<Change>,
}

/// The norm version of the team protocol `doc` (of `template`); none when it names none.
pub fn team(doc: &Document, template: &str, versions: &NormVersions) -> Option<TeamNormVersion> {
    let huidig = versions.current.as_ref().map(|c| c.versie.clone());
    let (versie, achter, onbekend, mut wijzigingen) = match standing(doc, template, versions) {
        Standing::Unknown => return None,
        Standing::Current => (huidig.clone()?, false, false, Vec::new()),
        Standing::Behind { versie, changes } => (versie, true, false, changes),
        Standing::NotFound { versie } => (versie, false, true, Vec::new()),
    };
    wijzigingen.sort_by_key(|c| !c.actie);
    Some(TeamNormVersion {
        versie,
        huidig,
        achter,
        onbekend,
        wijzigingen,
    })
}

/// One version in the norm schema's change history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// The version.
    pub versie: String,
    /// Its adoption date, ISO (for `<time>`).
    pub vastgesteld_op: Option<String>,
    /// Its adoption date in words.
    pub vastgesteld_woorden: Option<String>,
    /// What changed since the version before it (empty for the oldest known).
    pub wijzigingen: Vec<Change>,
}

/// The change history, newest first: the current version and each earlier one the
/// repository's history holds, each with what changed since the one before.
pub fn history(versions: &NormVersions) -> Vec<HistoryEntry> {
    let all: Vec<_> = versions.current.iter().chain(&versions.earlier).collect();
    all.iter()
        .enumerate()
        .map(|(i, v)| HistoryEntry {
            versie: v.versie.clone(),
            vastgesteld_op: v.vastgesteld_op.clone(),
            vastgesteld_woorden: v
                .vastgesteld_op
                .as_deref()
                .and_then(|s| s.parse::<jiff::civil::Date>().ok())
                .map(super::date_nl),
            wijzigingen: all
                .get(i + 1)
                .map(|before| changes(before, v, None))
                .unwrap_or_default(),
        })
        .collect()
}

/// A team adopted against an earlier norm version, for the status page.
#[derive(Debug, Clone, Serialize)]
pub struct BehindTeam {
    /// The team's name.
    pub team: String,
    /// Its page.
    pub url: String,
    /// The version it was adopted against.
    pub versie: String,
    /// What it must act on (empty: nothing asks for a change, only re-adoption).
    pub acties: Vec<String>,
}
