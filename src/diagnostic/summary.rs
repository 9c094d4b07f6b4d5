//! Completeness of team protocols (and of the organisation's policy and norm schema):
//! computed once, by validation, and shown unchanged at the end of `vpd check`, on each
//! team page and on the status page.

/// How complete one section of a team protocol is.
#[derive(Debug, Clone)]
pub struct SectionStatus {
    /// The section id.
    pub id: String,
    /// The form's heading.
    pub titel: String,
    /// Whether the form requires it.
    pub required: bool,
    /// Whether it is present with every required answer and no finding.
    pub complete: bool,
    /// What is still missing or wrong in it: the findings that point into it, in file
    /// order (empty for a complete section and for an optional section left out).
    pub missing: Vec<Missing>,
}

impl SectionStatus {
    /// Whether the section belongs on the team's checklist: required and not complete,
    /// or present with findings.
    pub fn to_do(&self) -> bool {
        (self.required && !self.complete) || !self.missing.is_empty()
    }
}

/// One thing still to do in a section: a finding's line and message.
#[derive(Debug, Clone)]
pub struct Missing {
    /// 1-based line of the finding.
    pub line: usize,
    /// The finding's message.
    pub message: String,
}

/// Things still to do with the same message (one question with three placeholders) as
/// one item: the message and every line it stands on, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem<'a> {
    /// The lines, ascending.
    pub lines: Vec<usize>,
    /// The shared message.
    pub message: &'a str,
}

/// `missing` (in file order) with findings of equal message merged into one item, placed
/// at the first of them. Linear in the number of findings.
pub fn open_items(missing: &[Missing]) -> Vec<OpenItem<'_>> {
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut items: Vec<OpenItem> = Vec::new();
    for m in missing {
        match index.get(m.message.as_str()) {
            Some(&i) => items[i].lines.push(m.line),
            None => {
                index.insert(&m.message, items.len());
                items.push(OpenItem {
                    lines: vec![m.line],
                    message: &m.message,
                });
            }
        }
    }
    items
}

/// Whether a team names enough of its own examples for one behaviour category.
#[derive(Debug, Clone)]
pub struct CategoryStatus {
    /// The category id.
    pub id: String,
    /// The team's own examples that are real answers (a placeholder is not an example).
    pub examples: usize,
    /// Whether there are at least as many as the norm table asks.
    pub complete: bool,
}

/// How complete one team protocol is (or the organisation's policy or norm schema: then
/// `team` holds the document's title and `categories` is empty).
#[derive(Debug, Clone)]
pub struct TeamReport {
    /// The file as shown to the user.
    pub file: String,
    /// The team's name (an organisation document's title).
    pub team: String,
    /// `concept` or `vastgesteld`.
    pub status: String,
    /// Every section of the template, in order.
    pub sections: Vec<SectionStatus>,
    /// Every behaviour category that applies to the template, in the norm's order.
    pub categories: Vec<CategoryStatus>,
    /// What is still to do outside every section (the owner, the department), in file
    /// order.
    pub general: Vec<Missing>,
}

impl TeamReport {
    /// Required sections that are complete.
    pub fn filled(&self) -> usize {
        self.sections
            .iter()
            .filter(|s| s.required && s.complete)
            .count()
    }

    /// Required sections.
    pub fn required(&self) -> usize {
        self.sections.iter().filter(|s| s.required).count()
    }

    /// The sections still to do, in the form's order (see [`SectionStatus::to_do`]).
    pub fn to_do(&self) -> impl Iterator<Item = &SectionStatus> {
        self.sections.iter().filter(|s| s.to_do())
    }

    /// How many open items (see [`open_items`]) the checklist holds, in every section and
    /// outside them.
    pub fn open_item_count(&self) -> usize {
        open_items(&self.general).len()
            + self
                .to_do()
                .map(|s| open_items(&s.missing).len().max(1))
                .sum::<usize>()
    }

    /// The status of the section with `id`.
    pub fn section(&self, id: &str) -> Option<&SectionStatus> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The status of the category with `id` (none when it does not apply to the template).
    pub fn category(&self, id: &str) -> Option<&CategoryStatus> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// What a report prints: the findings, the number of files and each document's
/// completeness.
pub struct Report<'a> {
    /// Every finding, sorted.
    pub diagnostics: &'a [super::Diagnostic],
    /// Files read.
    pub files: usize,
    /// Team completeness.
    pub teams: &'a [std::sync::Arc<TeamReport>],
    /// Completeness of the organisation's policy and norm schema.
    pub documents: &'a [std::sync::Arc<TeamReport>],
    /// Whether the human format shows the gaps of concepts in full too (otherwise those
    /// stand only in the checklists; see [`Report::is_to_do`]) and as many findings of
    /// one kind as the machine formats.
    pub full: bool,
}

impl<'a> Report<'a> {
    /// A report of `diagnostics` alone, without checklists (`vpd build`, `vpd serve`): every
    /// finding is shown, gaps of concepts too.
    pub fn findings(diagnostics: &'a [super::Diagnostic], files: usize) -> Self {
        Report {
            diagnostics,
            files,
            teams: &[],
            documents: &[],
            full: false,
        }
    }

    /// The entries to print: every finding up to `max` of its kind and file, and one
    /// entry per kind counting the rest (see [`super::limit`]).
    pub fn entries(&self, max: usize) -> Vec<super::limit::Entry<'a>> {
        super::limit::entries(self.diagnostics, max)
    }

    /// Whether `d` is a gap of a concept (a placeholder, a missing answer, too few items:
    /// a warning of a completeness rule): in a short report it is listed in its
    /// document's checklist instead of shown in full.
    pub fn is_to_do(d: &super::Diagnostic) -> bool {
        d.severity == super::Severity::Warning && d.rule.is_completeness()
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == super::Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == super::Severity::Warning)
            .count()
    }

    /// The closing line: files checked, errors, warnings.
    pub fn totals_line(&self) -> String {
        crate::messages::t(
            "samenvatting.totaal",
            &[
                ("bestanden", &self.files.to_string()),
                ("fouten", &self.errors().to_string()),
                ("waarschuwingen", &self.warnings().to_string()),
            ],
        )
    }
}
