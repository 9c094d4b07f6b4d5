//! The grammar of a term phrase (case and extra spaces do not matter):
//!
//! ```text
//! term   = ("binnen" | "na") amount          "binnen 24 uur", "na 6 weken"
//!        | ("elke" | "elk" | "iedere" | "ieder") [number] unit
//!                                            "elke 12 maanden", "elk jaar"
//!        | number ("keer" | "maal") "per" unit   "twee keer per jaar"
//!        | "minimaal" number                 "minimaal 2"
//! amount = number unit
//! number = 1..1000 in digits, or a Dutch number word from "een" to "twintig"
//! unit   = uur | uren | dag | dagen | werkdag | werkdagen | week | weken
//!        | maand | maanden | jaar | jaren
//! ```

use super::length::Unit;
use super::{Amount, Term, When};

/// The largest number a term may use (larger ones are typing mistakes).
const MAX_NUMBER: u32 = 1000;

const WORDS: [&str; 20] = [
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
];

/// Reads a term phrase.
pub fn term(text: &str) -> Option<Term> {
    let lower = text.trim().to_lowercase().replace(['é', 'ë'], "e");
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["binnen", rest @ ..] => when(When::Within, rest),
        ["na", rest @ ..] => when(When::After, rest),
        ["elke" | "elk" | "iedere" | "ieder", unit] => Some(Term::Every {
            times: 1,
            period: Amount {
                count: 1,
                unit: self::unit(unit)?,
            },
        }),
        ["elke" | "elk" | "iedere" | "ieder", rest @ ..] => Some(Term::Every {
            times: 1,
            period: amount(rest)?,
        }),
        [times, "keer" | "maal", "per", unit] => Some(Term::Every {
            times: number(times)?,
            period: Amount {
                count: 1,
                unit: self::unit(unit)?,
            },
        }),
        ["minimaal", count] => Some(Term::AtLeast(number(count)?)),
        _ => None,
    }
}

fn when(kind: When, rest: &[&str]) -> Option<Term> {
    Some(Term::When {
        kind,
        amount: amount(rest)?,
    })
}

fn amount(words: &[&str]) -> Option<Amount> {
    match words {
        [count, unit] => Some(Amount {
            count: number(count)?,
            unit: self::unit(unit)?,
        }),
        _ => None,
    }
}

fn number(word: &str) -> Option<u32> {
    let n = match word.parse::<u32>() {
        Ok(n) => n,
        Err(_) => WORDS.iter().position(|w| *w == word)? as u32 + 1,
    };
    (1..=MAX_NUMBER).contains(&n).then_some(n)
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "uur" | "uren" => Unit::Uur,
        "dag" | "dagen" => Unit::Dag,
        "werkdag" | "werkdagen" => Unit::Werkdag,
        "week" | "weken" => Unit::Week,
        "maand" | "maanden" => Unit::Maand,
        "jaar" | "jaren" => Unit::Jaar,
        _ => return None,
    })
}
