//! Measurable commitments ("termijnen"): a deadline, a moment, a frequency or a count,
//! written as a short Dutch phrase the organisation and its teams both use
//! ("binnen 24 uur", "na 6 weken", "elke 12 maanden", "twee keer per jaar", "minimaal 2").
//!
//! [`Term::parse`] reads the phrase; [`Term::laxer_than`] says whether a team's term
//! gives more time (or fewer occasions) than the organisation's. How units of different
//! kinds are compared is in [`length`] and documented in `docs/template-language.md`.

pub mod check;
pub mod length;
mod parse;

use length::{Length, Unit};

/// A measurable commitment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Term {
    /// By when something happens: `binnen 24 uur` (a deadline) or `na 6 weken` (a
    /// moment). A later deadline or moment is laxer.
    When {
        /// `binnen` or `na`.
        kind: When,
        /// How long after the event.
        amount: Amount,
    },
    /// How often something happens: `elke 12 maanden`, `elk jaar`, `twee keer per jaar`.
    /// A longer interval is laxer.
    Every {
        /// The number of times per period (1 for `elke`).
        times: u32,
        /// The period.
        period: Amount,
    },
    /// A minimum count: `minimaal 2`. A lower count is laxer.
    AtLeast(u32),
}

/// The two ways of saying by when something happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `binnen`: at the latest after the amount.
    Within,
    /// `na`: at the moment the amount has passed.
    After,
}

/// A number of units: `24 uur`, `3 maanden`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// How many (at least 1).
    pub count: u32,
    /// Of what.
    pub unit: Unit,
}

/// Why two terms cannot be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incomparable {
    /// One says by when, the other how often or how many.
    DifferentKind,
}

impl Term {
    /// Reads a term phrase; `None` when it is not one (see [`parse`] for the grammar).
    pub fn parse(text: &str) -> Option<Term> {
        parse::term(text)
    }

    /// Whether this (a team's) term is laxer than `org`'s: a later deadline or moment, a
    /// longer interval, a lower count. Between units of different kinds it compares the
    /// longest this term can last with the shortest the organisation's can last (see
    /// [`Length`]): "binnen 1 werkdag" is laxer than "binnen 24 uur", because over a
    /// weekend one working day lasts three days. Months and years compare by their number
    /// of months, working days by their number.
    pub fn laxer_than(&self, org: &Term) -> Result<bool, Incomparable> {
        match (self, org) {
            (Term::When { amount: team, .. }, Term::When { amount: org, .. }) => {
                Ok(longer(team, 1, org, 1))
            }
            (
                Term::Every {
                    times: tt,
                    period: tp,
                },
                Term::Every {
                    times: ot,
                    period: op,
                },
            ) => Ok(longer(tp, *tt, op, *ot)),
            (Term::AtLeast(team), Term::AtLeast(org)) => Ok(team < org),
            _ => Err(Incomparable::DifferentKind),
        }
    }

    /// The phrase of this term's kind, for messages: how the organisation writes it.
    pub fn kind_word(&self) -> &'static str {
        match self {
            Term::When {
                kind: When::Within, ..
            } => "binnen …",
            Term::When {
                kind: When::After, ..
            } => "na …",
            Term::Every { .. } => "elke …",
            Term::AtLeast(_) => "minimaal …",
        }
    }
}

/// Whether one of `team_times` parts of `team` can last longer than one of `org_times`
/// parts of `org`. Amounts counted in the same varying unit (months and years; working
/// days) compare by their count, so that "elke 6 maanden" equals "twee keer per jaar";
/// all others by their [`Length`].
fn longer(team: &Amount, team_times: u32, org: &Amount, org_times: u32) -> bool {
    match (team.counted_in(), org.counted_in()) {
        (Some((a, team_n)), Some((b, org_n))) if a == b => {
            // team_n / team_times > org_n / org_times, without fractions.
            u64::from(team_n) * u64::from(org_times) > u64::from(org_n) * u64::from(team_times)
        }
        _ => team
            .length()
            .divided(team_times)
            .longer_than(&org.length().divided(org_times)),
    }
}

impl Amount {
    /// The varying unit this amount is counted in and how many of it, for months, years
    /// (in months) and working days.
    fn counted_in(&self) -> Option<(Unit, u32)> {
        match self.unit {
            Unit::Maand => Some((Unit::Maand, self.count)),
            Unit::Jaar => Some((Unit::Maand, self.count.saturating_mul(12))),
            Unit::Werkdag => Some((Unit::Werkdag, self.count)),
            _ => None,
        }
    }

    /// How long this amount lasts, from its shortest to its longest reading.
    pub fn length(&self) -> Length {
        self.unit.length(self.count)
    }
}

#[cfg(test)]
mod tests;
