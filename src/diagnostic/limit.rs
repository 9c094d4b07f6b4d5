//! Keeps reports readable and cheap when a file has thousands of findings: of each kind
//! (the same rule and severity in the same file) only the first few are shown in full
//! ([`MAX_SHOWN_PER_KIND_AND_FILE`] in the machine formats, [`MAX_SHOWN_TO_PEOPLE`] in the
//! human one); one [`Omitted`] entry counts the rest and names their lines. Totals and
//! exit codes are computed from every finding, never from the shown ones.

use std::collections::HashMap;

use super::{Diagnostic, Rule, Severity};
use crate::messages::t;

/// How many findings of one kind in one file the machine formats (JSON, CI) show in full.
pub const MAX_SHOWN_PER_KIND_AND_FILE: usize = 20;
/// How many findings of one kind in one file the human format shows in full: the rest are
/// the same mistake again, listed by line.
pub const MAX_SHOWN_TO_PEOPLE: usize = 3;
/// How many lines of the findings left out an [`Omitted`] entry names.
const MAX_LINES_NAMED: usize = 12;

/// One entry of a printed report.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// A finding shown in full.
    Finding(&'a Diagnostic),
    /// The findings of one kind in one file beyond the limit, counted but not shown.
    Omitted(Omitted<'a>),
}

/// Findings of one kind in one file that are not shown.
#[derive(Debug, Clone, Copy)]
pub struct Omitted<'a> {
    /// The first finding not shown: its rule, severity, file and place stand for all.
    pub first: &'a Diagnostic,
    /// How many findings are not shown.
    pub count: usize,
    /// How many of each kind are shown in full.
    pub max: usize,
    /// The lines of the first [`MAX_LINES_NAMED`] findings not shown.
    pub lines: [usize; MAX_LINES_NAMED],
}

impl Omitted<'_> {
    /// The Dutch line saying how many findings of this kind are not shown, and on which
    /// lines they stand.
    pub fn message(&self) -> String {
        let named = self.count.min(MAX_LINES_NAMED);
        let mut named_lines = self.lines[..named].to_vec();
        named_lines.dedup();
        let mut lines: Vec<String> = named_lines.iter().map(usize::to_string).collect();
        if self.count > named {
            lines.push("…".into());
        }
        let key = if self.count == 1 {
            "meldingen.weggelaten.een"
        } else {
            "meldingen.weggelaten"
        };
        t(
            key,
            &[
                ("aantal", &self.count.to_string()),
                ("regels", &lines.join(", ")),
            ],
        )
    }

    /// The Dutch hint explaining the limit.
    pub fn hint(&self) -> String {
        t(
            "meldingen.weggelaten.hint",
            &[("max", &self.max.to_string())],
        )
    }
}

type Kind<'a> = (&'a str, Rule, Severity);

fn kind(d: &Diagnostic) -> Kind<'_> {
    (d.file(), d.rule, d.severity)
}

/// The entries to print for `diagnostics`, in their order: every finding up to `max` of
/// its kind, and right after the last one shown an [`Omitted`] entry for the rest.
/// Linear in the number of findings.
pub fn entries<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    max: usize,
) -> Vec<Entry<'a>> {
    let all: Vec<&Diagnostic> = diagnostics.into_iter().collect();
    let omitted = omitted_per_kind(&all, max);
    let mut seen: HashMap<Kind, usize> = HashMap::new();
    let mut out = Vec::with_capacity(all.len().min(4096));
    for d in all {
        let n = seen.entry(kind(d)).or_default();
        *n += 1;
        if *n > max {
            continue;
        }
        out.push(Entry::Finding(d));
        if *n == max
            && let Some(o) = omitted.get(&kind(d))
        {
            out.push(Entry::Omitted(*o));
        }
    }
    out
}

/// Per kind with more findings than `max`: the first finding past it, how many findings
/// are past it and the lines of the first of them.
fn omitted_per_kind<'a>(all: &[&'a Diagnostic], max: usize) -> HashMap<Kind<'a>, Omitted<'a>> {
    let mut counts: HashMap<Kind, usize> = HashMap::new();
    let mut omitted: HashMap<Kind, Omitted> = HashMap::new();
    for d in all {
        let n = counts.entry(kind(d)).or_default();
        *n += 1;
        if *n == max + 1 {
            omitted.insert(
                kind(d),
                Omitted {
                    first: d,
                    count: 0,
                    max,
                    lines: [0; MAX_LINES_NAMED],
                },
            );
        }
        if *n > max
            && let Some(o) = omitted.get_mut(&kind(d))
        {
            if o.count < MAX_LINES_NAMED {
                o.lines[o.count] = d.line();
            }
            o.count += 1;
        }
    }
    omitted
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::source::{SourceFile, Span};

    fn findings(file: &str, rule: Rule, n: usize) -> Vec<Diagnostic> {
        let src = Arc::new(SourceFile::new(
            Path::new(file),
            file.into(),
            "a: 1\n".into(),
        ));
        (0..n)
            .map(|i| Diagnostic::new(rule, &src, Span::file_start(), format!("{i}")))
            .collect()
    }

    #[test]
    fn below_the_limit_everything_is_shown() {
        let all = findings("a.yaml", Rule::UnknownKey, MAX_SHOWN_PER_KIND_AND_FILE);
        let e = entries(&all, MAX_SHOWN_PER_KIND_AND_FILE);
        assert_eq!(e.len(), MAX_SHOWN_PER_KIND_AND_FILE);
        assert!(e.iter().all(|e| matches!(e, Entry::Finding(_))));
    }

    #[test]
    fn beyond_the_limit_one_entry_counts_the_rest_per_kind_and_file() {
        let mut all = findings("a.yaml", Rule::UnknownKey, 25);
        all.extend(findings("a.yaml", Rule::WrongType, 21));
        all.extend(findings("b.yaml", Rule::UnknownKey, 3));
        let e = entries(&all, MAX_SHOWN_PER_KIND_AND_FILE);
        let omitted: Vec<_> = e
            .iter()
            .filter_map(|e| match e {
                Entry::Omitted(o) => Some((o.first.file(), o.first.rule, o.count)),
                Entry::Finding(_) => None,
            })
            .collect();
        assert_eq!(
            omitted,
            [
                ("a.yaml", Rule::UnknownKey, 5),
                ("a.yaml", Rule::WrongType, 1)
            ]
        );
        assert_eq!(e.len(), 20 + 1 + 20 + 1 + 3);
        // The entry follows the last finding shown and names the first one left out.
        match (&e[19], &e[20]) {
            (Entry::Finding(d), Entry::Omitted(o)) => {
                assert_eq!(d.message, "19");
                assert_eq!(o.first.message, "20");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_line_is_dutch_and_singular_for_one() {
        let all = findings("a.yaml", Rule::UnknownKey, 21);
        let Entry::Omitted(o) = entries(&all, MAX_SHOWN_PER_KIND_AND_FILE)[20] else {
            panic!("no omitted entry")
        };
        assert_eq!(
            o.message(),
            "… en nog 1 melding van dezelfde soort in dit bestand, op regel 1."
        );
        let o = Omitted {
            count: 7,
            lines: [1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0],
            ..o
        };
        assert_eq!(
            o.message(),
            "… en nog 7 meldingen van dezelfde soort in dit bestand, op regel 1, 2, 3, 4, 5, 6, 7."
        );
    }

    #[test]
    fn the_lines_left_out_are_named_up_to_a_dozen() {
        let all = findings("a.yaml", Rule::Placeholder, MAX_SHOWN_TO_PEOPLE + 14);
        let e = entries(&all, MAX_SHOWN_TO_PEOPLE);
        assert_eq!(e.len(), MAX_SHOWN_TO_PEOPLE + 1);
        let Entry::Omitted(o) = e[MAX_SHOWN_TO_PEOPLE] else {
            panic!("no omitted entry")
        };
        assert_eq!(o.count, 14);
        // Findings on one line name it once.
        assert!(
            o.message()
                .ends_with("14 meldingen van dezelfde soort in dit bestand, op regel 1, …."),
            "{}",
            o.message()
        );
        assert_eq!(
            o.hint(),
            "Van iedere soort melding worden per bestand de eerste 3 getoond. De telling in de samenvatting omvat alle meldingen; los deze op en controleer opnieuw."
        );
    }
}
