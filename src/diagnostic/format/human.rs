//! The default format: rustc-style excerpts via annotate-snippets, then a summary.
//!
//! The renderer only ever sees the lines around a finding's marked places, sliced through
//! the file's line index, so a finding costs the same in a small and in a huge file. User
//! text (file names, messages quoting keys and values, labels, hints, team names) is passed
//! through [`escape`](crate::terminal::escape) so it cannot put control characters on the terminal; annotate-snippets
//! itself replaces control characters in the source lines.

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::super::limit::{Entry, Omitted};
use super::super::summary::{Report, TeamReport};
use super::super::{Diagnostic, Label, Severity};
use crate::messages::t;
use crate::source::SourceFile;
use crate::terminal::{escape, escape_lines};

/// At most this many lines of one file go into one excerpt: a longer marked range is cut
/// after this many lines, and a second place further away gets an excerpt of its own.
const MAX_EXCERPT_LINES: usize = 40;

pub(super) fn render(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for entry in report.entries() {
        out.push_str(&render_entry(&renderer, entry));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report));
    out
}

/// One entry as plain text, without the closing summary (the preview's error page).
pub fn render_plain(entry: Entry) -> String {
    render_entry(&Renderer::plain(), entry)
}

fn render_entry(renderer: &Renderer, entry: Entry) -> String {
    match entry {
        Entry::Finding(d) => renderer.render(&[finding(d)]).to_string(),
        Entry::Omitted(o) => renderer.render(&[omitted(o)]).to_string(),
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR.with_name(Some(t("ernst.fout", &[]))),
        Severity::Warning => Level::WARNING.with_name(Some(t("ernst.waarschuwing", &[]))),
    }
}

/// A hint may hold a corrected block of YAML on lines of its own: each line is escaped,
/// the line breaks between them are kept.
fn hint(text: &str) -> annotate_snippets::Message<'_> {
    Level::HELP
        .with_name(Some(t("ernst.hint", &[])))
        .message(escape_lines(text))
}

/// Lines `first..=last` (0-based) of one file, with the places marked in them.
struct Excerpt<'a> {
    source: &'a SourceFile,
    first: usize,
    last: usize,
    labels: Vec<(AnnotationKind, &'a Label)>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for one place: the lines of its range, at most [`MAX_EXCERPT_LINES`].
    fn new(kind: AnnotationKind, label: &'a Label) -> Self {
        let (first, last) = lines_of(label);
        Excerpt {
            source: &label.source,
            first,
            last,
            labels: vec![(kind, label)],
        }
    }

    /// Adds `label` when it lies in the same file and the excerpt stays short.
    fn try_add(&mut self, kind: AnnotationKind, label: &'a Label) -> bool {
        if !std::ptr::eq(self.source, &*label.source) {
            return false;
        }
        let (first, last) = lines_of(label);
        let (first, last) = (first.min(self.first), last.max(self.last));
        if last - first >= MAX_EXCERPT_LINES {
            return false;
        }
        (self.first, self.last) = (first, last);
        self.labels.push((kind, label));
        true
    }

    fn snippet(&self) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        let src = self.source;
        let path = escape(&src.display);
        if src.text.is_empty() {
            return Snippet::source(" ").path(path);
        }
        let range = src.lines_range(self.first, self.last);
        let mut snippet = Snippet::source(&src.text[range.clone()])
            .line_start(self.first + 1)
            .path(path)
            .fold(true);
        for &(kind, label) in &self.labels {
            let span = label.span.byte_range(src.text.len());
            let start = span.start.clamp(range.start, range.end);
            let end = span.end.clamp(start, range.end);
            snippet = snippet.annotation(
                kind.span(start - range.start..end - range.start)
                    .label(non_empty(&label.text)),
            );
        }
        snippet
    }
}

/// The 0-based first and last line of a label's range, cut to [`MAX_EXCERPT_LINES`].
fn lines_of(label: &Label) -> (usize, usize) {
    let src = &label.source;
    let range = label.span.byte_range(src.text.len());
    let first = src.line_index_of_byte(range.start);
    // A range that ends right after a line break does not reach into the next line.
    let last = src.line_index_of_byte(range.end.saturating_sub(1).max(range.start));
    (first, last.min(first + MAX_EXCERPT_LINES - 1))
}

fn finding(d: &Diagnostic) -> Group<'_> {
    let mut excerpts = vec![Excerpt::new(AnnotationKind::Primary, &d.primary)];
    for l in &d.secondary {
        if !excerpts
            .iter_mut()
            .any(|e| e.try_add(AnnotationKind::Context, l))
        {
            excerpts.push(Excerpt::new(AnnotationKind::Context, l));
        }
    }
    let mut g = level(d.severity)
        .primary_title(escape(&d.message))
        .id(d.rule.code())
        .elements(excerpts.iter().map(Excerpt::snippet));
    if let Some(h) = &d.hint {
        g = g.element(hint(h));
    }
    g
}

fn omitted(o: Omitted<'_>) -> Group<'static> {
    let first = o.first;
    let origin = Origin::path(escape(first.file()).into_owned())
        .line(first.line())
        .char_column(first.column());
    level(first.severity)
        .primary_title(o.message())
        .id(first.rule.code())
        .element(origin)
        .element(
            Level::HELP
                .with_name(Some(t("ernst.hint", &[])))
                .message(o.hint()),
        )
}

fn non_empty(s: &str) -> Option<Cow<'_, str>> {
    (!s.is_empty()).then(|| escape(s))
}

fn summary(report: &Report) -> String {
    let mut out = String::new();
    for team in report.teams {
        out.push_str(&t(
            "samenvatting.team",
            &[
                ("team", &escape(&team.team)),
                ("bestand", &escape(&team.file)),
                ("status", &escape(&team.status)),
                ("ingevuld", &team.filled().to_string()),
                ("verplicht", &team.required().to_string()),
            ],
        ));
        out.push('\n');
        checklist(team, &mut out);
    }
    out.push_str(&report.totals_line());
    out.push('\n');
    out
}

/// Below an incomplete team: each section still to do and what is missing in it.
fn checklist(team: &TeamReport, out: &mut String) {
    let mut sections = team.to_do().peekable();
    if sections.peek().is_none() {
        return;
    }
    out.push_str(&format!("  {}\n", t("samenvatting.nog-te-doen", &[])));
    for section in sections {
        out.push_str(&format!(
            "  {}\n",
            t(
                "samenvatting.sectie",
                &[("sectie", &escape(&section.titel))]
            )
        ));
        if section.missing.is_empty() {
            out.push_str(&format!("      - {}\n", t("samenvatting.sectie-leeg", &[])));
        }
        for m in &section.missing {
            out.push_str(&format!(
                "      - {}\n",
                t(
                    "samenvatting.ontbreekt",
                    &[
                        ("regel", &m.line.to_string()),
                        ("bericht", &escape(&m.message))
                    ]
                )
            ));
        }
    }
}
