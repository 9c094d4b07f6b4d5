//! Findings as values: a rule, a severity, where (file, line, column), a Dutch message
//! and a hint. One printer per output format lives in [`format`].

pub mod format;
pub mod limit;
mod rule;
pub mod summary;

pub use rule::Rule;

use crate::source::{Source, Span};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported, but the protocol may still be published (a concept's gaps, an overdue evaluation).
    Warning,
    /// Fails `vpd check` and stops `vpd build`.
    Error,
}

impl Severity {
    /// The Dutch word shown to users.
    pub fn label(self) -> String {
        match self {
            Severity::Warning => crate::messages::t("ernst.waarschuwing", &[]),
            Severity::Error => crate::messages::t("ernst.fout", &[]),
        }
    }
}

/// A place in a file with a short text for it.
#[derive(Debug, Clone)]
pub struct Label {
    /// The file.
    pub source: Source,
    /// The marked range.
    pub span: Span,
    /// What this place has to do with the finding (may be empty).
    pub text: String,
}

/// One finding of `vpd check`.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The stable rule that was broken.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain Dutch, quoting the template's prompt where there is one.
    pub message: String,
    /// The offending key or value (for a missing key: its parent).
    pub primary: Label,
    /// Other places involved (the organisation's rule, the other file with the same slug).
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub hint: Option<String>,
    /// The template section the finding belongs to, for per-section reports (JUnit).
    pub section: Option<String>,
    /// For a key that is missing (reported at its parent, see `primary`): the key, so a
    /// form can show the finding at its own field.
    pub missing: Option<String>,
}

impl Diagnostic {
    /// A finding for `rule` at `span` in `source`, with the rule's default severity.
    pub fn new(rule: Rule, source: &Source, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            primary: Label {
                source: source.clone(),
                span,
                text: String::new(),
            },
            secondary: Vec::new(),
            hint: None,
            section: None,
            missing: None,
        }
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the label text of the primary place.
    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        self.primary.text = text.into();
        self
    }

    /// Adds a second place involved in the finding.
    pub fn with_secondary(mut self, source: &Source, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label {
            source: source.clone(),
            span,
            text: text.into(),
        });
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the template section this finding belongs to.
    pub fn in_section(mut self, section: impl Into<String>) -> Self {
        self.section = Some(section.into());
        self
    }

    /// Names the missing key this finding (at the key's parent) is about.
    pub fn about_missing(mut self, key: impl Into<String>) -> Self {
        self.missing = Some(key.into());
        self
    }

    /// The file as shown to the user.
    pub fn file(&self) -> &str {
        &self.primary.source.display
    }

    /// 1-based line of the primary place.
    pub fn line(&self) -> usize {
        self.primary.span.start.line
    }

    /// 1-based column of the primary place.
    pub fn column(&self) -> usize {
        self.primary.span.start.column
    }
}

/// Sorts findings by file, line and column so that output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file(), a.line(), a.column(), a.rule.code()).cmp(&(
            b.file(),
            b.line(),
            b.column(),
            b.rule.code(),
        ))
    });
}
