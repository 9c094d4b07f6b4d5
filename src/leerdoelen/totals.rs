//! Counting the respondents' answers, and the threshold that keeps every shown figure a
//! team figure: a statement's answers are shown only when at least [`MIN_RESPONDENTS`]
//! respondents answered it. Fewer, and the statement shows "te weinig antwoorden" and
//! adds nothing anywhere: no counts, not a learning goal, not in its aspect's
//! distribution (which sums only the shown statements, so it never reveals more than the
//! statements themselves).

use std::cmp::Ordering;

use serde_json::Value;

use super::{ANSWERS, AnswerFile};

/// The fewest respondents a profile is made from, and the fewest answers a statement needs
/// before its answers are shown.
pub const MIN_RESPONDENTS: usize = 5;

/// What may be shown of a statement or an aspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// Counts per answer, in [`ANSWERS`] order; at least [`MIN_RESPONDENTS`] in total for
    /// a statement.
    Shown([usize; 4]),
    /// Too few answers to show anything.
    TooFew,
}

impl Tally {
    /// A statement's tally from its raw counts: shown only from [`MIN_RESPONDENTS`] answers.
    pub fn of_statement(counts: [usize; 4]) -> Self {
        if counts.iter().sum::<usize>() >= MIN_RESPONDENTS {
            Tally::Shown(counts)
        } else {
            Tally::TooFew
        }
    }

    /// An aspect's tally: the sum of its shown statements (too few when none is shown).
    pub fn of_aspect(statements: &[StatementTotals]) -> Self {
        let mut sum = [0; 4];
        let mut any = false;
        for counts in statements.iter().filter_map(|s| s.tally.counts()) {
            any = true;
            for (total, n) in sum.iter_mut().zip(counts) {
                *total += n;
            }
        }
        if any {
            Tally::Shown(sum)
        } else {
            Tally::TooFew
        }
    }

    /// The counts, if they may be shown.
    pub fn counts(&self) -> Option<[usize; 4]> {
        match self {
            Tally::Shown(c) => Some(*c),
            Tally::TooFew => None,
        }
    }
}

/// One statement's totals.
#[derive(Debug, Clone)]
pub struct StatementTotals {
    /// Statement id.
    pub id: String,
    /// Statement text.
    pub tekst: String,
    /// What may be shown of its answers.
    pub tally: Tally,
}

impl StatementTotals {
    /// Answers Soms or Nooit and all answers, when shown.
    pub fn low_of_total(&self) -> Option<(usize, usize)> {
        self.tally
            .counts()
            .map(|c| (c[2] + c[3], c.iter().sum::<usize>()))
    }
}

/// One aspect's totals.
#[derive(Debug, Clone)]
pub struct AspectTotals {
    /// Aspect title.
    pub titel: String,
    /// Counts per answer over its shown statements.
    pub tally: Tally,
    /// Per statement.
    pub statements: Vec<StatementTotals>,
}

/// The team profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The leerdoelwijzer's title.
    pub titel: String,
    /// Number of distinct respondents (answer files that count).
    pub respondents: usize,
    /// Per aspect.
    pub aspects: Vec<AspectTotals>,
}

impl Profile {
    /// Shown statements answered Soms/Nooit at least once, the largest share first (then
    /// the most answers): the team's learning goals.
    pub fn learning_goals(&self, max: usize) -> Vec<&StatementTotals> {
        let mut goals: Vec<(&StatementTotals, usize, usize)> = self
            .statements()
            .filter_map(|s| s.low_of_total().map(|(low, total)| (s, low, total)))
            .filter(|(_, low, _)| *low > 0)
            .collect();
        goals.sort_by(|a, b| by_share(a, b).then(a.0.id.cmp(&b.0.id)));
        goals.into_iter().take(max).map(|(s, _, _)| s).collect()
    }

    /// Whether any statement has enough answers to be shown.
    pub fn shows_anything(&self) -> bool {
        self.statements().any(|s| s.tally.counts().is_some())
    }

    fn statements(&self) -> impl Iterator<Item = &StatementTotals> {
        self.aspects.iter().flat_map(|a| a.statements.iter())
    }
}

/// Larger share of Soms/Nooit first, then more of them.
fn by_share(
    a: &(&StatementTotals, usize, usize),
    b: &(&StatementTotals, usize, usize),
) -> Ordering {
    let (_, low_a, total_a) = *a;
    let (_, low_b, total_b) = *b;
    (low_b * total_a)
        .cmp(&(low_a * total_b))
        .then(low_b.cmp(&low_a))
}

/// Counts the answers of `respondents` to the leerdoelwijzer `doc`.
pub fn aggregate(doc: &Value, respondents: &[AnswerFile]) -> Profile {
    let aspects = array(doc, "aspecten")
        .map(|aspect| {
            let statements: Vec<StatementTotals> = array(aspect, "uitspraken")
                .filter_map(|s| statement_totals(s, respondents))
                .collect();
            AspectTotals {
                titel: text(aspect, "titel"),
                tally: Tally::of_aspect(&statements),
                statements,
            }
        })
        .collect();
    Profile {
        titel: text(doc, "titel"),
        respondents: respondents.len(),
        aspects,
    }
}

fn statement_totals(statement: &Value, respondents: &[AnswerFile]) -> Option<StatementTotals> {
    let id = statement.get("id")?.as_str()?.to_string();
    let mut counts = [0; 4];
    for answer in respondents.iter().filter_map(|f| f.antwoorden.get(&id)) {
        if let Some(i) = ANSWERS.iter().position(|a| a == answer) {
            counts[i] += 1;
        }
    }
    Some(StatementTotals {
        tekst: text(statement, "tekst"),
        id,
        tally: Tally::of_statement(counts),
    })
}

/// The elements of the array `key` of `value` (none when it is missing).
pub(super) fn array<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;

    fn doc() -> Value {
        json!({"titel": "T", "aspecten": [
            {"titel": "A", "uitspraken": [{"id": "a1", "tekst": "een"}, {"id": "a2", "tekst": "twee"}]},
            {"titel": "B", "uitspraken": [{"id": "b1", "tekst": "drie"}]}
        ]})
    }

    fn file(pairs: &[(&str, &str)]) -> AnswerFile {
        AnswerFile {
            soort: super::super::FILE_KIND.into(),
            leerdoelwijzer: "t".into(),
            antwoorden: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn a_statement_is_shown_from_five_answers() {
        assert_eq!(Tally::of_statement([1, 1, 1, 1]), Tally::TooFew);
        assert_eq!(Tally::of_statement([4, 0, 0, 0]), Tally::TooFew);
        assert_eq!(
            Tally::of_statement([2, 1, 1, 1]),
            Tally::Shown([2, 1, 1, 1])
        );
    }

    #[test]
    fn statements_below_the_threshold_add_nothing() {
        // Five answer a1 and b1; only one answers a2.
        let mut files: Vec<AnswerFile> = (0..4)
            .map(|_| file(&[("a1", "Altijd"), ("b1", "Vaak")]))
            .collect();
        files.push(file(&[("a1", "Nooit"), ("a2", "Nooit"), ("b1", "Soms")]));
        let p = aggregate(&doc(), &files);
        assert_eq!(p.respondents, 5);
        let a = &p.aspects[0];
        assert_eq!(a.statements[0].tally, Tally::Shown([4, 0, 0, 1]));
        assert_eq!(a.statements[1].tally, Tally::TooFew);
        // The aspect sums only a1: a2's single Nooit is nowhere.
        assert_eq!(a.tally, Tally::Shown([4, 0, 0, 1]));
        let goals: Vec<&str> = p.learning_goals(8).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(goals, ["a1", "b1"]);
    }

    #[test]
    fn an_aspect_without_shown_statements_shows_nothing() {
        let files: Vec<AnswerFile> = (0..5).map(|_| file(&[("b1", "Soms")])).collect();
        let p = aggregate(&doc(), &files);
        assert_eq!(p.aspects[0].tally, Tally::TooFew);
        assert_eq!(p.aspects[1].tally, Tally::Shown([0, 0, 5, 0]));
        assert!(p.shows_anything());
        let few = aggregate(&doc(), &files[..4]);
        assert!(!few.shows_anything());
        assert!(few.learning_goals(8).is_empty());
    }

    #[test]
    fn learning_goals_go_by_share() {
        let mut files: Vec<AnswerFile> = (0..5)
            .map(|_| file(&[("a1", "Soms"), ("b1", "Altijd")]))
            .collect();
        // b1: 5 of 10 Soms/Nooit; a1: 5 of 5.
        files.extend((0..5).map(|_| file(&[("b1", "Nooit")])));
        let p = aggregate(&doc(), &files);
        let goals: Vec<&str> = p.learning_goals(8).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(goals, ["a1", "b1"]);
    }
}
