//! What the model derives from every team together: the teams in name order, the
//! departments with their teams, the recently adopted protocols, each werkvorm's teams,
//! the status overview, the teams behind the current norm version and the slug index.
//!
//! All of it follows from what listings show of each team ([`super::listing_digest`]),
//! so the preview keeps it while no team's listing changes: an edit of a team's answers
//! then costs no pass over every team.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Category, Department, Named, Ref, Status, Team, status, versions};
use crate::messages::t;

/// The lists made from every team (see the module documentation).
#[derive(Debug)]
pub(super) struct Listings {
    /// Each team's listing digest, in document order: the same key, the same lists.
    pub key: Vec<u64>,
    /// The teams' positions in document order, sorted by name.
    pub order: Vec<usize>,
    /// Departments with their teams' slugs (teams of unknown departments last).
    pub afdelingen: Arc<Vec<Department>>,
    /// The five most recently adopted or evaluated protocols (slugs).
    pub recent: Vec<String>,
    /// The teams that name each werkvorm (by the werkvorm's slug), in name order.
    pub users: HashMap<String, Arc<Vec<Ref>>>,
    /// The coordinator's overview.
    pub status: Arc<Status>,
    /// Adopted teams behind the current norm version.
    pub achter: Arc<Vec<versions::BehindTeam>>,
    /// Team position (in name order) by slug.
    pub team_index: Arc<HashMap<String, usize>>,
}

impl Listings {
    /// The lists of `teams` (in document order) with their `key`.
    pub fn new(
        teams: &[&Arc<Team>],
        key: Vec<u64>,
        departments: &[Named],
        categories: &[Category],
    ) -> Listings {
        // By each team's sort key, read once (not once per comparison).
        let mut keyed: Vec<(&str, usize)> = teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.sorteer.as_str(), i))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(b.0));
        let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
        let sorted: Vec<Arc<Team>> = order.iter().map(|&i| Arc::clone(teams[i])).collect();
        Listings {
            key,
            afdelingen: Arc::new(departments_of(&sorted, departments)),
            recent: recent(&sorted),
            users: users(&sorted),
            status: Arc::new(status::build(&sorted, categories)),
            achter: Arc::new(behind(&sorted)),
            team_index: Arc::new(
                sorted
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.slug.clone(), i))
                    .collect(),
            ),
            order,
        }
    }
}

/// The departments with their teams in one pass (not one scan of every team per
/// department); teams of a department the organisation does not name come last.
fn departments_of(teams: &[Arc<Team>], departments: &[Named]) -> Vec<Department> {
    let mut by_department: HashMap<&str, Vec<String>> = HashMap::new();
    for t in teams {
        by_department
            .entry(t.afdeling.id.as_str())
            .or_default()
            .push(t.slug.clone());
    }
    let mut afdelingen: Vec<Department> = departments
        .iter()
        .filter_map(|d| {
            Some(Department {
                id: d.id.clone(),
                naam: d.naam.clone(),
                teams: by_department.remove(d.id.as_str())?,
            })
        })
        .collect();
    let known: std::collections::HashSet<&str> =
        departments.iter().map(|d| d.id.as_str()).collect();
    let unknown: Vec<String> = teams
        .iter()
        .filter(|t| !known.contains(t.afdeling.id.as_str()))
        .map(|t| t.slug.clone())
        .collect();
    if !unknown.is_empty() {
        afdelingen.push(Department {
            id: "overig".into(),
            naam: t("ui.afdeling-overig", &[]),
            teams: unknown,
        });
    }
    afdelingen
}

/// The five protocols adopted or evaluated most recently (slugs).
fn recent(teams: &[Arc<Team>]) -> Vec<String> {
    let mut recent: Vec<(&str, &str)> = teams
        .iter()
        .filter(|t| !t.concept)
        .filter_map(|t| Some((t.laatst_iso.as_deref()?, t.slug.as_str())))
        .collect();
    recent.sort_by(|a, b| b.0.cmp(a.0));
    recent
        .into_iter()
        .take(5)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// The teams per werkvorm in one pass over the teams.
fn users(teams: &[Arc<Team>]) -> HashMap<String, Arc<Vec<Ref>>> {
    let mut users: HashMap<&str, Vec<Ref>> = HashMap::new();
    for t in teams {
        for w in &t.werkvormen {
            users.entry(w.id.as_str()).or_default().push(Ref {
                id: t.slug.clone(),
                naam: t.team.clone(),
                url: Some(t.url.clone()),
            });
        }
    }
    users
        .into_iter()
        .map(|(slug, refs)| (slug.to_string(), Arc::new(refs)))
        .collect()
}

/// The adopted teams behind the current norm version, with what each must act on.
fn behind(teams: &[Arc<Team>]) -> Vec<versions::BehindTeam> {
    teams
        .iter()
        .filter_map(|t| {
            let v = t.normversie.as_ref().filter(|v| v.achter)?;
            Some(versions::BehindTeam {
                team: t.team.clone(),
                url: t.url.clone(),
                versie: v.versie.clone(),
                acties: v
                    .wijzigingen
                    .iter()
                    .filter(|c| c.actie)
                    .map(|c| c.tekst.clone())
                    .collect(),
            })
        })
        .collect()
}
