//! The flow of an approach: where someone goes after each step. A step leads to the next
//! one in the list, unless it names another (`daarna`) or ends the approach (`einde`); a
//! decision leads to its `ja` and its `nee` step. Validation checks that every decision
//! names both, that every step named exists and that no step is unreachable; the pages
//! draw the same flow, so what is checked is what staff read.
//!
//! An approach as it applies to one template or team (the `sequence`) can lack steps of
//! the organisation's full list (`geldt_voor`, or a team leaving a step out). A step named
//! that is not in the sequence is passed through: the flow goes where that step would go.

use serde::Serialize;

use super::category::{Step, StepKind};

/// Where the flow goes from a step: another step of the sequence (by index) or the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// The step at this index of the sequence.
    Stap(usize),
    /// The approach ends.
    Einde,
}

/// What follows one step of a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Next {
    /// One way on.
    Verder(Target),
    /// A decision: the way for "ja" and for "nee" (`None`: the step named does not exist,
    /// which validation reports).
    Keuze {
        /// Where "ja" leads.
        ja: Option<Target>,
        /// Where "nee" leads.
        nee: Option<Target>,
    },
}

impl Next {
    /// The steps this one can lead to.
    pub fn targets(&self) -> impl Iterator<Item = usize> {
        let (a, b) = match *self {
            Next::Verder(t) => (Some(t), None),
            Next::Keuze { ja, nee } => (ja, nee),
        };
        [a, b].into_iter().flatten().filter_map(|t| match t {
            Target::Stap(i) => Some(i),
            Target::Einde => None,
        })
    }
}

/// The longest chain of left-out steps followed when resolving a name (a guard against a
/// `daarna` cycle among them).
const MAX_PASS_THROUGH: usize = 64;

/// What follows each step of `sequence`, resolving names against `full` (the complete list
/// the sequence was taken from; the sequence itself when it is complete).
pub fn next_steps(sequence: &[&Step], full: &[Step]) -> Vec<Next> {
    sequence
        .iter()
        .enumerate()
        .map(|(i, step)| match step.soort {
            StepKind::Beslissing => Next::Keuze {
                ja: step
                    .ja
                    .as_deref()
                    .and_then(|id| resolve(id, sequence, full)),
                nee: step
                    .nee
                    .as_deref()
                    .and_then(|id| resolve(id, sequence, full)),
            },
            StepKind::Stap => Next::Verder(follow(step, i, sequence, full)),
        })
        .collect()
}

/// Where a plain step leads: its `daarna`, the end, or the next step of the sequence.
fn follow(step: &Step, index: usize, sequence: &[&Step], full: &[Step]) -> Target {
    if step.einde {
        return Target::Einde;
    }
    if let Some(id) = &step.daarna {
        return resolve(id, sequence, full).unwrap_or(Target::Einde);
    }
    if index + 1 < sequence.len() {
        Target::Stap(index + 1)
    } else {
        Target::Einde
    }
}

/// The step of `sequence` the name `id` leads to; `None` when no step has that name.
fn resolve(id: &str, sequence: &[&Step], full: &[Step]) -> Option<Target> {
    let mut id = id;
    for _ in 0..MAX_PASS_THROUGH {
        if let Some(i) = sequence.iter().position(|s| s.id == id) {
            return Some(Target::Stap(i));
        }
        let at = full.iter().position(|s| s.id == id)?;
        let left_out = &full[at];
        if left_out.einde || left_out.soort == StepKind::Beslissing {
            // A left-out decision cannot be passed through: the flow ends there.
            return Some(Target::Einde);
        }
        id = match (&left_out.daarna, full.get(at + 1)) {
            (Some(next), _) => next,
            (None, Some(next)) => &next.id,
            (None, None) => return Some(Target::Einde),
        };
    }
    Some(Target::Einde)
}

/// For each step of a flow, whether it can be reached from the first step.
pub fn reachable(next: &[Next]) -> Vec<bool> {
    let mut seen = vec![false; next.len()];
    let mut stack: Vec<usize> = if next.is_empty() { vec![] } else { vec![0] };
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(next[i].targets().filter(|&t| t < next.len() && !seen[t]));
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(yaml: serde_json::Value) -> Vec<Step> {
        Step::list(Some(&yaml))
    }

    #[test]
    fn a_decision_branches_and_a_branch_ends() {
        let all = steps(serde_json::json!([
            {"id": "a", "tekst": "A"},
            {"id": "stopt", "tekst": "Stopt het?", "soort": "beslissing", "ja": "verder", "nee": "einde-gesprek"},
            {"id": "verder", "tekst": "Ga verder", "einde": true},
            {"id": "einde-gesprek", "tekst": "Beëindig het gesprek"},
            {"id": "melden", "tekst": "Meld het"},
        ]));
        let seq: Vec<&Step> = all.iter().collect();
        let next = next_steps(&seq, &all);
        assert_eq!(next[0], Next::Verder(Target::Stap(1)));
        assert_eq!(
            next[1],
            Next::Keuze {
                ja: Some(Target::Stap(2)),
                nee: Some(Target::Stap(3))
            }
        );
        assert_eq!(next[2], Next::Verder(Target::Einde));
        assert_eq!(next[4], Next::Verder(Target::Einde));
        assert!(reachable(&next).iter().all(|&r| r));
    }

    #[test]
    fn a_left_out_step_is_passed_through_and_a_stranded_one_found() {
        let all = steps(serde_json::json!([
            {"id": "a", "tekst": "A", "daarna": "pand"},
            {"id": "b", "tekst": "B"},
            {"id": "pand", "tekst": "Verlaat het pand", "geldt_voor": ["werkplein"]},
            {"id": "c", "tekst": "C"},
        ]));
        let kcc: Vec<&Step> = all.iter().filter(|s| s.applies_to("kcc")).collect();
        let next = next_steps(&kcc, &all);
        // `a` jumps to `pand`, which KCC lacks: the flow goes on to `c`.
        assert_eq!(next[0], Next::Verder(Target::Stap(2)));
        assert_eq!(reachable(&next), vec![true, false, true]);
    }

    #[test]
    fn an_unknown_name_is_no_target() {
        let all = steps(serde_json::json!([
            {"id": "v", "tekst": "Veilig?", "soort": "beslissing", "ja": "x", "nee": "v"},
        ]));
        let seq: Vec<&Step> = all.iter().collect();
        assert_eq!(
            next_steps(&seq, &all)[0],
            Next::Keuze {
                ja: None,
                nee: Some(Target::Stap(0))
            }
        );
    }
}
