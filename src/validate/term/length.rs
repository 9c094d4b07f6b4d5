//! How long an amount of time lasts, in hours, from its shortest to its longest reading.
//!
//! - `uur`, `dag`, `week`: exact (a day is 24 hours, a week 7 days).
//! - `werkdag`: Monday to Friday. `n werkdagen` after a moment ends at the end of the n-th
//!   working day after the day of that moment: at least `n` days (a moment on a Sunday, no
//!   weekend in between) and at most `n + 2·⌈n/5⌉` days (a moment on a Friday: every
//!   started working week adds a weekend). Public holidays are not counted.
//! - `maand`: the calendar months from the month of the moment: `n maanden` lasts from the
//!   shortest run of `n` consecutive months (starting in February of a common year) to the
//!   longest (starting in July, or December, of any year). A `jaar` is 12 months.
//!
//! A term is laxer than another when it can end later: when its longest reading is longer
//! than the other's shortest ([`Length::longer_than`]). For two exact lengths that is the
//! plain comparison; "binnen 1 maand" is laxer than "binnen 4 weken" (a month can last 31
//! days), "binnen 4 weken" is not laxer than "binnen 1 maand" (no month is shorter than 28
//! days).

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// An hour.
    Uur,
    /// A calendar day.
    Dag,
    /// A working day, Monday to Friday.
    Werkdag,
    /// A week of 7 days.
    Week,
    /// A calendar month.
    Maand,
    /// A year of 12 months.
    Jaar,
}

/// A length of time in hours, from its shortest to its longest reading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    /// The shortest reading, in hours.
    pub min: f64,
    /// The longest reading, in hours.
    pub max: f64,
}

const DAY: f64 = 24.0;

impl Unit {
    /// How long `count` of this unit lasts.
    pub fn length(self, count: u32) -> Length {
        match self {
            Unit::Uur => Length::exact(f64::from(count)),
            Unit::Dag => Length::exact(f64::from(count) * DAY),
            Unit::Week => Length::exact(f64::from(count) * 7.0 * DAY),
            Unit::Werkdag => working_days(count),
            Unit::Maand => months(count),
            Unit::Jaar => months(count.saturating_mul(12)),
        }
    }
}

impl Length {
    fn exact(hours: f64) -> Length {
        Length {
            min: hours,
            max: hours,
        }
    }

    /// Whether this length can last longer than `other`: its longest reading is longer
    /// than `other`'s shortest. Two readings of the same length never are.
    pub fn longer_than(&self, other: &Length) -> bool {
        if self == other {
            return false;
        }
        self.max > other.min + 1e-9
    }

    /// The length of one of `times` equal parts (for "twee keer per jaar").
    pub fn divided(&self, times: u32) -> Length {
        let n = f64::from(times.max(1));
        Length {
            min: self.min / n,
            max: self.max / n,
        }
    }
}

/// `n` working days after a moment on each day of the week (0 = Monday): the days until
/// the end of the n-th working day after that day.
fn working_days(n: u32) -> Length {
    let spans = (0..7u32).map(|start| {
        let (mut day, mut counted) = (start, 0);
        let mut days = 0u64;
        while counted < n {
            day = (day + 1) % 7;
            days += 1;
            if day < 5 {
                counted += 1;
            }
        }
        days as f64 * DAY
    });
    min_max(spans)
}

/// `n` calendar months from the month of a moment, for every start month of a common and
/// of a leap year.
fn months(n: u32) -> Length {
    const COMMON: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let spans = (0..2).flat_map(|leap| {
        (0..12usize).map(move |start| {
            let days: u64 = (0..n as usize)
                .map(|i| {
                    let month = (start + i) % 12;
                    // February of the start year or of a following year: only the first
                    // February is the leap one (leap years are four years apart).
                    let leap_feb = leap == 1 && month == 1 && start + i < 12;
                    u64::from(COMMON[month] + u32::from(leap_feb))
                })
                .sum();
            days as f64 * DAY
        })
    });
    min_max(spans)
}

fn min_max(values: impl Iterator<Item = f64>) -> Length {
    let (mut min, mut max) = (f64::INFINITY, 0.0f64);
    for v in values {
        min = min.min(v);
        max = max.max(v);
    }
    Length { min, max }
}
