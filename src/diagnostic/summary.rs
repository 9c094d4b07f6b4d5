//! Completeness of team protocols: computed once, by validation, and shown unchanged at the
//! end of `vpd check`, on each team page and on the status page.

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

/// How complete one team protocol is.
#[derive(Debug, Clone)]
pub struct TeamReport {
    /// The file as shown to the user.
    pub file: String,
    /// The team's name.
    pub team: String,
    /// `concept` or `vastgesteld`.
    pub status: String,
    /// Every section of the template, in order.
    pub sections: Vec<SectionStatus>,
    /// Every behaviour category that applies to the template, in the norm's order.
    pub categories: Vec<CategoryStatus>,
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

    /// The status of the section with `id`.
    pub fn section(&self, id: &str) -> Option<&SectionStatus> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The status of the category with `id` (none when it does not apply to the template).
    pub fn category(&self, id: &str) -> Option<&CategoryStatus> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// What a report prints: the findings, the number of files and each team's completeness.
pub struct Report<'a> {
    /// Every finding, sorted.
    pub diagnostics: &'a [super::Diagnostic],
    /// Files read.
    pub files: usize,
    /// Team completeness.
    pub teams: &'a [std::sync::Arc<TeamReport>],
}

impl<'a> Report<'a> {
    /// The entries to print: every finding up to the limit of its kind and file, and one
    /// entry per kind counting the rest (see [`super::limit`]).
    pub fn entries(&self) -> Vec<super::limit::Entry<'a>> {
        super::limit::entries(self.diagnostics)
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
