//! When two answer files count as one respondent.
//!
//! The rule: two files are **near-copies** when, over all statements that at least one of
//! them answers, they differ in at most [`MAX_DIFFERENCES`] answers (or in at most
//! [`MAX_DIFFERENCE_PERCENT`] percent of those statements, if that is more) and still
//! agree on more statements than they differ on. A statement counts as a difference when
//! the two answer it differently or only one of them answers it. Identical files are the
//! extreme case (no difference at all).
//!
//! So a copy of someone's file with one answer changed or left out is caught, and so are
//! five such copies: each pair of them differs in at most two answers. Two real colleagues
//! who happen to answer almost everything alike count as one as well; that costs a
//! respondent, never privacy, and it is reported. Tiny files that share nothing (one answer
//! each, to different statements) are not called copies of each other.

use std::collections::{BTreeMap, BTreeSet};

/// Near-copies differ in at most this many answers...
pub const MAX_DIFFERENCES: usize = 2;
/// ...or in at most this percentage of the statements either file answers, if that is more.
pub const MAX_DIFFERENCE_PERCENT: usize = 10;

/// How two sets of answers (statement id → answer) compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// Statements answered by at least one of the two.
    pub answered: usize,
    /// Statements answered differently, or by only one of the two.
    pub differing: usize,
}

impl Comparison {
    /// Compares two sets of answers.
    pub fn of(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Self {
        let statements: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        let differing = statements
            .iter()
            .filter(|id| a.get(id.as_str()) != b.get(id.as_str()))
            .count();
        Comparison {
            answered: statements.len(),
            differing,
        }
    }

    /// Statements both answer the same way.
    pub fn agreeing(&self) -> usize {
        self.answered - self.differing
    }

    /// Whether the two are near-copies by the rule in this module's documentation.
    pub fn is_near_copy(&self) -> bool {
        self.differing <= allowed_differences(self.answered) && self.agreeing() > self.differing
    }
}

/// The most differences near-copies may have when `answered` statements are answered by
/// at least one of them.
pub fn allowed_differences(answered: usize) -> usize {
    MAX_DIFFERENCES.max(answered * MAX_DIFFERENCE_PERCENT / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// 24 statements, answers cycling through the four options.
    fn person() -> BTreeMap<String, String> {
        let options = ["Altijd", "Vaak", "Soms", "Nooit"];
        (0..24)
            .map(|i| (format!("u{i}"), options[i % 4].to_string()))
            .collect()
    }

    #[test]
    fn identical_files_are_near_copies() {
        let c = Comparison::of(&person(), &person());
        assert_eq!(c.differing, 0);
        assert!(c.is_near_copy());
    }

    #[test]
    fn one_or_two_changed_answers_make_a_near_copy() {
        let mut one = person();
        one.insert("u3".into(), "Altijd".into());
        assert!(Comparison::of(&person(), &one).is_near_copy());
        // Two copies each with another answer changed differ in two: still near-copies.
        let mut other = person();
        other.insert("u7".into(), "Altijd".into());
        let c = Comparison::of(&one, &other);
        assert_eq!(c.differing, 2);
        assert!(c.is_near_copy());
    }

    #[test]
    fn a_left_out_answer_counts_as_a_difference() {
        let mut fewer = person();
        fewer.remove("u0");
        fewer.remove("u1");
        let c = Comparison::of(&person(), &fewer);
        assert_eq!((c.answered, c.differing), (24, 2));
        assert!(c.is_near_copy());
        fewer.remove("u2");
        assert!(!Comparison::of(&person(), &fewer).is_near_copy());
    }

    #[test]
    fn three_differences_in_24_are_different_people() {
        let mut three = person();
        for id in ["u0", "u1", "u2"] {
            three.insert(id.into(), "Nooit".into());
        }
        assert!(!Comparison::of(&person(), &three).is_near_copy());
    }

    #[test]
    fn larger_questionnaires_allow_ten_percent() {
        assert_eq!(allowed_differences(24), 2);
        assert_eq!(allowed_differences(30), 3);
        assert_eq!(allowed_differences(60), 6);
        assert_eq!(allowed_differences(1), 2);
    }

    #[test]
    fn tiny_files_that_share_nothing_are_not_copies() {
        let a = answers(&[("u1", "Altijd")]);
        let b = answers(&[("u2", "Altijd")]);
        assert!(!Comparison::of(&a, &b).is_near_copy());
        let c = answers(&[("u1", "Nooit")]);
        assert!(!Comparison::of(&a, &c).is_near_copy());
        assert!(Comparison::of(&a, &a).is_near_copy());
    }
}
