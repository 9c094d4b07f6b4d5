//! Completeness of team protocols, as reported at the end of `vpd check`.

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
}

/// What a report prints: the findings, the number of files and each team's completeness.
pub struct Report<'a> {
    /// Every finding, sorted.
    pub diagnostics: &'a [super::Diagnostic],
    /// Files read.
    pub files: usize,
    /// Team completeness.
    pub teams: &'a [TeamReport],
}

impl Report<'_> {
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
