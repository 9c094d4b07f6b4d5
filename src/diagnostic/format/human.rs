//! The default format: rustc-style excerpts via annotate-snippets, then a summary.
//!
//! The renderer only ever sees the lines around a finding's marked places, sliced through
//! the file's line index, so a finding costs the same in a small and in a huge file. User
//! text (file names, messages quoting keys and values, labels, hints, team names) is passed
//! through [`escape`](crate::terminal::escape) so it cannot put control characters on the terminal; annotate-snippets
//! itself replaces control characters in the source lines.

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use std::collections::HashSet;

use super::super::limit::{self, Entry, MAX_SHOWN_TO_PEOPLE, Omitted};
use super::super::summary::{Missing, Report, TeamReport, open_items};
use super::super::{Diagnostic, Label, Severity};
use crate::messages::t;
use crate::source::SourceFile;
use crate::terminal::{escape, escape_lines};

/// At most this many lines of one file go into one excerpt: a longer marked range is cut
/// after this many lines, and a second place further away gets an excerpt of its own.
const MAX_EXCERPT_LINES: usize = 40;
/// A checklist with more open items than this shows one line per section (in a short
/// report): a fresh scaffold has dozens of open questions, a nearly finished protocol a few.
const ITEMS_PER_QUESTION_UP_TO: usize = 10;
/// How many lines a one-line section of a checklist names.
const LINES_PER_SECTION: usize = 8;

/// The report for people: source excerpts with the span marked, then the summary.
/// `color` adds terminal colours.
pub fn render(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // A concept's gaps stand in its document's checklist, unless every finding is asked for.
    let listed: HashSet<&str> = report
        .teams
        .iter()
        .chain(report.documents)
        .map(|r| r.file.as_str())
        .collect();
    let folded = |d: &&Diagnostic| !report.full && Report::is_to_do(d) && listed.contains(d.file());
    let shown = report.diagnostics.iter().filter(|d| !folded(d));
    let folded = report.diagnostics.iter().filter(folded).count();
    let mut out = String::new();
    let max = if report.full {
        limit::MAX_SHOWN_PER_KIND_AND_FILE
    } else {
        MAX_SHOWN_TO_PEOPLE
    };
    for entry in limit::entries(shown, max) {
        out.push_str(&render_entry(&renderer, entry));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report, folded));
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

fn summary(report: &Report, folded: usize) -> String {
    let mut out = String::new();
    for doc in report.documents.iter().chain(report.teams) {
        // A document without a status (a norm schema may have none) says none.
        let key = if doc.status.is_empty() {
            "samenvatting.document"
        } else {
            "samenvatting.team"
        };
        out.push_str(&t(
            key,
            &[
                ("team", &escape(&doc.team)),
                ("bestand", &escape(&doc.file)),
                ("status", &escape(&doc.status)),
                ("ingevuld", &doc.filled().to_string()),
                ("verplicht", &doc.required().to_string()),
            ],
        ));
        out.push('\n');
        let short = !report.full && doc.open_item_count() > ITEMS_PER_QUESTION_UP_TO;
        checklist(doc, short, &mut out);
    }
    match folded {
        0 => {}
        1 => out.push_str(&format!("{}\n", t("samenvatting.ingeklapt.een", &[]))),
        n => out.push_str(&format!(
            "{}\n",
            t("samenvatting.ingeklapt", &[("aantal", &n.to_string())])
        )),
    }
    out.push_str(&report.totals_line());
    out.push('\n');
    out
}

/// Below an incomplete document: each section still to do and what is missing in it
/// (one line per section when `short`).
fn checklist(doc: &TeamReport, short: bool, out: &mut String) {
    let general = t("samenvatting.algemeen", &[]);
    let mut sections: Vec<(&str, &[Missing])> = Vec::new();
    if !doc.general.is_empty() {
        sections.push((&general, &doc.general));
    }
    sections.extend(
        doc.to_do()
            .map(|s| (s.titel.as_str(), s.missing.as_slice())),
    );
    if sections.is_empty() {
        return;
    }
    out.push_str(&format!("  {}\n", t("samenvatting.nog-te-doen", &[])));
    for (title, missing) in sections {
        if short {
            out.push_str(&format!("  {}\n", section_line(title, missing)));
        } else {
            section_items(title, missing, out);
        }
    }
}

/// A section of a checklist as one line: how many items are open and on which lines.
fn section_line(title: &str, missing: &[Missing]) -> String {
    let items = open_items(missing);
    let title = escape(title);
    if items.is_empty() {
        return t("samenvatting.sectie-kort.leeg", &[("sectie", &title)]);
    }
    let mut first_lines: Vec<usize> = items.iter().map(|i| i.lines[0]).collect();
    first_lines.dedup();
    let mut lines: Vec<String> = first_lines
        .iter()
        .take(LINES_PER_SECTION)
        .map(usize::to_string)
        .collect();
    if first_lines.len() > LINES_PER_SECTION {
        lines.push("…".into());
    }
    let key = if items.len() == 1 {
        "samenvatting.sectie-kort.een"
    } else {
        "samenvatting.sectie-kort"
    };
    t(
        key,
        &[
            ("sectie", &title),
            ("aantal", &items.len().to_string()),
            ("regels", &lines.join(", ")),
        ],
    )
}

/// A section of a checklist with a line per open item.
fn section_items(title: &str, missing: &[Missing], out: &mut String) {
    out.push_str(&format!(
        "  {}\n",
        t("samenvatting.sectie", &[("sectie", &escape(title))])
    ));
    if missing.is_empty() {
        out.push_str(&format!("      - {}\n", t("samenvatting.sectie-leeg", &[])));
    }
    for item in open_items(missing) {
        let lines: Vec<String> = item.lines.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "      - {}\n",
            t(
                "samenvatting.ontbreekt",
                &[
                    ("regel", &lines.join(", ")),
                    ("bericht", &escape(item.message))
                ]
            )
        ));
    }
}
