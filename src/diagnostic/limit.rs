//! Keeps reports readable and cheap when a file has thousands of findings: of each kind
//! (the same rule and severity in the same file) only the first
//! [`MAX_SHOWN_PER_KIND_AND_FILE`] are shown in full; one [`Omitted`] entry counts the rest.
//! Totals and exit codes are computed from every finding, never from the shown ones.

use std::collections::HashMap;

use super::{Diagnostic, Rule, Severity};
use crate::messages::t;

/// How many findings of one kind in one file every output format shows in full.
pub const MAX_SHOWN_PER_KIND_AND_FILE: usize = 20;

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
}

impl Omitted<'_> {
    /// The Dutch line saying how many findings of this kind are not shown.
    pub fn message(&self) -> String {
        if self.count == 1 {
            t("meldingen.weggelaten.een", &[])
        } else {
            t(
                "meldingen.weggelaten",
                &[("aantal", &self.count.to_string())],
            )
        }
    }

    /// The Dutch hint explaining the limit.
    pub fn hint(&self) -> String {
        t(
            "meldingen.weggelaten.hint",
            &[("max", &MAX_SHOWN_PER_KIND_AND_FILE.to_string())],
        )
    }
}

type Kind<'a> = (&'a str, Rule, Severity);

fn kind(d: &Diagnostic) -> Kind<'_> {
    (d.file(), d.rule, d.severity)
}

/// The entries to print for `diagnostics`, in their order: every finding up to the limit
/// of its kind, and right after the last one shown an [`Omitted`] entry for the rest.
/// Linear in the number of findings.
pub fn entries<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Entry<'a>> {
    let all: Vec<&Diagnostic> = diagnostics.into_iter().collect();
    let omitted = omitted_per_kind(&all);
    let mut seen: HashMap<Kind, usize> = HashMap::new();
    let mut out = Vec::with_capacity(all.len().min(4096));
    for d in all {
        let n = seen.entry(kind(d)).or_default();
        *n += 1;
        if *n > MAX_SHOWN_PER_KIND_AND_FILE {
            continue;
        }
        out.push(Entry::Finding(d));
        if *n == MAX_SHOWN_PER_KIND_AND_FILE
            && let Some(o) = omitted.get(&kind(d))
        {
            out.push(Entry::Omitted(*o));
        }
    }
    out
}

/// Per kind with more findings than the limit: the first finding past it and how many
/// findings are past it.
fn omitted_per_kind<'a>(all: &[&'a Diagnostic]) -> HashMap<Kind<'a>, Omitted<'a>> {
    let mut counts: HashMap<Kind, usize> = HashMap::new();
    let mut omitted: HashMap<Kind, Omitted> = HashMap::new();
    for d in all {
        let n = counts.entry(kind(d)).or_default();
        *n += 1;
        if *n == MAX_SHOWN_PER_KIND_AND_FILE + 1 {
            omitted.insert(kind(d), Omitted { first: d, count: 0 });
        }
        if *n > MAX_SHOWN_PER_KIND_AND_FILE
            && let Some(o) = omitted.get_mut(&kind(d))
        {
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
        let e = entries(&all);
        assert_eq!(e.len(), MAX_SHOWN_PER_KIND_AND_FILE);
        assert!(e.iter().all(|e| matches!(e, Entry::Finding(_))));
    }

    #[test]
    fn beyond_the_limit_one_entry_counts_the_rest_per_kind_and_file() {
        let mut all = findings("a.yaml", Rule::UnknownKey, 25);
        all.extend(findings("a.yaml", Rule::WrongType, 21));
        all.extend(findings("b.yaml", Rule::UnknownKey, 3));
        let e = entries(&all);
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
        let Entry::Omitted(o) = entries(&all)[20] else {
            panic!("no omitted entry")
        };
        assert_eq!(
            o.message(),
            "… en nog 1 melding van dezelfde soort in dit bestand."
        );
        let o = Omitted { count: 7, ..o };
        assert_eq!(
            o.message(),
            "… en nog 7 meldingen van dezelfde soort in dit bestand."
        );
    }
}
