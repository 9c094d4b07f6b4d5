use super::length::Unit;
use super::*;

fn term(s: &str) -> Term {
    Term::parse(s).unwrap_or_else(|| panic!("{s:?} is a term"))
}

fn laxer(team: &str, org: &str) -> bool {
    term(team)
        .laxer_than(&term(org))
        .unwrap_or_else(|_| panic!("{team:?} and {org:?} compare"))
}

#[test]
fn phrases_read_with_digits_or_words_in_any_case() {
    assert_eq!(
        term("binnen 24 uur"),
        Term::When {
            kind: When::Within,
            amount: Amount {
                count: 24,
                unit: Unit::Uur
            }
        }
    );
    assert_eq!(term("Binnen  vijf werkdagen"), term("binnen 5 werkdagen"));
    assert_eq!(term("elk jaar"), term("elke 1 jaar"));
    assert_eq!(
        term("twee keer per jaar"),
        Term::Every {
            times: 2,
            period: Amount {
                count: 1,
                unit: Unit::Jaar
            }
        }
    );
    assert_eq!(term("minimaal één"), Term::AtLeast(1));
    for bad in [
        "",
        "24 uur",
        "binnen 24",
        "binnen een dag of twee",
        "binnen 0 dagen",
        "binnen 5000 dagen",
        "zo snel mogelijk",
        "binnen 3 kwartalen",
    ] {
        assert_eq!(Term::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn same_units_compare_by_number() {
    assert!(laxer("binnen 25 uur", "binnen 24 uur"));
    assert!(!laxer("binnen 24 uur", "binnen 24 uur"));
    assert!(!laxer("binnen 12 uur", "binnen 24 uur"));
    assert!(laxer("binnen 6 werkdagen", "binnen 5 werkdagen"));
    assert!(!laxer("binnen 3 maanden", "binnen 3 maanden"));
    assert!(laxer("na 8 weken", "na 6 weken"));
    assert!(!laxer("na 4 weken", "na 6 weken"));
}

#[test]
fn hours_days_and_weeks_convert_exactly() {
    assert!(!laxer("binnen 1 dag", "binnen 24 uur"));
    assert!(!laxer("binnen 24 uur", "binnen 1 dag"));
    assert!(laxer("binnen 2 dagen", "binnen 24 uur"));
    assert!(laxer("binnen 25 uur", "binnen 1 dag"));
    assert!(!laxer("binnen 42 dagen", "na 6 weken"));
    assert!(laxer("binnen 43 dagen", "na 6 weken"));
}

#[test]
fn working_days_over_a_weekend_last_longer() {
    // One working day after a Friday ends on Monday: three days.
    assert!(laxer("binnen 1 werkdag", "binnen 24 uur"));
    assert!(laxer("binnen 1 werkdag", "binnen 2 dagen"));
    assert!(!laxer("binnen 1 werkdag", "binnen 3 dagen"));
    // Five working days last a week at most; seven days never run out before them.
    assert!(!laxer("binnen 5 werkdagen", "binnen 7 dagen"));
    assert!(laxer("binnen 5 werkdagen", "binnen 6 dagen"));
    // Six working days after a Friday: Monday of the week after next, ten days.
    assert_eq!(Unit::Werkdag.length(6).max, 10.0 * 24.0);
    assert_eq!(Unit::Werkdag.length(6).min, 8.0 * 24.0);
    // The other way: 24 hours always end before one working day does.
    assert!(!laxer("binnen 24 uur", "binnen 1 werkdag"));
    assert!(laxer("binnen 5 dagen", "binnen 3 werkdagen"));
    assert!(!laxer("binnen 3 dagen", "binnen 3 werkdagen"));
}

#[test]
fn months_of_different_length() {
    // A month lasts 28 to 31 days.
    assert_eq!(Unit::Maand.length(1).min, 28.0 * 24.0);
    assert_eq!(Unit::Maand.length(1).max, 31.0 * 24.0);
    // Three months: February to April of a common year (89 days) to July to September
    // (92 days).
    assert_eq!(Unit::Maand.length(3).min, 89.0 * 24.0);
    assert_eq!(Unit::Maand.length(3).max, 92.0 * 24.0);
    assert_eq!(Unit::Jaar.length(1).min, 365.0 * 24.0);
    assert_eq!(Unit::Jaar.length(1).max, 366.0 * 24.0);
    assert!(laxer("binnen 1 maand", "binnen 4 weken"));
    assert!(!laxer("binnen 4 weken", "binnen 1 maand"));
    assert!(laxer("binnen 30 dagen", "binnen 1 maand"));
    assert!(!laxer("binnen 28 dagen", "binnen 1 maand"));
    assert!(laxer("binnen 13 weken", "binnen 3 maanden"));
    assert!(!laxer("binnen 12 weken", "binnen 3 maanden"));
    assert!(!laxer("elke 12 maanden", "elk jaar"));
    assert!(!laxer("elk jaar", "elke 12 maanden"));
}

#[test]
fn frequencies_compare_by_interval_and_counts_by_number() {
    assert!(laxer("elke 2 jaar", "elk jaar"));
    assert!(!laxer("twee keer per jaar", "elk jaar"));
    assert!(laxer("elk jaar", "twee keer per jaar"));
    assert!(!laxer("elke 6 maanden", "twee keer per jaar"));
    assert!(laxer("elke 7 maanden", "twee keer per jaar"));
    assert!(laxer("minimaal 1", "minimaal 2"));
    assert!(!laxer("minimaal 3", "minimaal 2"));
}

#[test]
fn a_deadline_and_a_frequency_do_not_compare() {
    assert_eq!(
        term("elk jaar").laxer_than(&term("binnen 1 jaar")),
        Err(Incomparable::DifferentKind)
    );
    assert_eq!(
        term("minimaal 2").laxer_than(&term("binnen 2 dagen")),
        Err(Incomparable::DifferentKind)
    );
}
