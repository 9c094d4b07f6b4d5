//! The stable rule codes. A code never changes meaning once published: CI configurations
//! and GitLab fingerprints depend on it.

use super::Severity;

/// Declares the rules once: the enum, the list of all of them and their codes, so that a
/// rule cannot be left out of the list.
macro_rules! rules {
    ($($(#[$doc:meta])* $rule:ident => $code:literal,)*) => {
        /// Every rule `vpd check` enforces.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[$doc])* $rule,)*
        }

        impl Rule {
            /// Every rule, in the order declared: tests walk it (each rule has a rule test
            /// and a snapshot of its human diagnostic).
            pub const ALL: &'static [Rule] = &[$(Rule::$rule,)*];

            /// The stable code, shown with every finding.
            pub fn code(self) -> &'static str {
                match self {
                    $(Rule::$rule => $code,)*
                }
            }
        }
    };
}

rules! {
    /// A file could not be read.
    Unreadable => "bestand-onleesbaar",
    /// A file is larger than vpd accepts.
    FileTooLarge => "bestand-te-groot",
    /// A symbolic link where vpd expects a file or folder of the repository itself.
    Symlink => "bestand-symbolische-link",
    /// A file is not valid UTF-8.
    Encoding => "bestand-codering",
    /// A file contains a NUL byte.
    NulByte => "bestand-nul-teken",
    /// A file has no content.
    EmptyFile => "bestand-leeg",
    /// The YAML does not parse.
    YamlSyntax => "yaml-syntaxis",
    /// A tab is used for indentation.
    YamlTab => "yaml-tab",
    /// A key appears twice in one mapping.
    DuplicateKey => "yaml-dubbele-sleutel",
    /// Aliases expand to too many nodes.
    AliasLimit => "yaml-alias-limiet",
    /// The YAML is nested too deeply.
    TooDeep => "yaml-te-diep",
    /// A file holds more than one YAML document.
    MultipleDocuments => "yaml-meerdere-documenten",
    /// A text that YAML silently shortens: cut at ` #` (the rest of the line is read as a
    /// comment), an answer that starts with `#`, a first word starting with `!` (a tag).
    TextCut => "yaml-tekst-afgebroken",
    /// A list item indented further than the one above it, which YAML glues to that
    /// item's text instead of starting a new item.
    TextMerged => "yaml-tekst-samengevoegd",
    /// The document is not a mapping of keys.
    NotAMapping => "document-geen-mapping",
    /// A Markdown file has no front matter.
    FrontMatter => "voorblad-ontbreekt",
    /// The file names no template.
    TemplateMissing => "template-ontbreekt",
    /// The file names a template that does not exist.
    TemplateUnknown => "template-onbekend",
    /// A template file itself is invalid.
    InvalidTemplate => "template-ongeldig",
    /// A field's `type` in a template names no type of the template language.
    TemplateTypeUnknown => "template-type-onbekend",
    /// Two sections of a template, two fields of one section (or of the top level) or two
    /// columns of one table share an id.
    TemplateDuplicateId => "template-id-dubbel",
    /// A field of type `keuze` in a template lists no `opties` (nothing could be chosen).
    TemplateChoiceWithoutOptions => "template-keuze-zonder-opties",
    /// A file in `schemas/` that is not one of vpd's templates (it would be ignored).
    TemplateFileUnknown => "template-bestand-onbekend",
    /// A key the template does not know.
    UnknownKey => "sleutel-onbekend",
    /// A required section or field is missing.
    MissingField => "veld-ontbreekt",
    /// A field holds a placeholder such as `.....` or a bare `Wij`.
    Placeholder => "plaatshouder",
    /// A list has fewer items than the template requires.
    TooFewItems => "te-weinig-items",
    /// A value has the wrong type.
    WrongType => "verkeerd-type",
    /// A value is not one of the allowed values or has the wrong form.
    InvalidValue => "ongeldige-waarde",
    /// A team gives fewer than two own examples for a behaviour category.
    TeamExamples => "norm-voorbeelden",
    /// A team file tries to set the organisation's position.
    PositionOverridden => "norm-standpunt",
    /// A team's approach drops a mandatory step of the organisation.
    MandatoryStep => "norm-verplichte-stap",
    /// A team rewords a mandatory step of the organisation.
    MandatoryStepWording => "norm-verplichte-stap-tekst",
    /// A team's reporting level is laxer than the organisation's.
    ReportingLaxer => "norm-meldniveau",
    /// A term phrase vpd cannot read, or a team term of another kind than the
    /// organisation's ("elke ..." where the organisation says "binnen ...").
    TermInvalid => "termijn-ongeldig",
    /// The organisation sets one term id twice.
    TermDuplicate => "termijn-dubbel",
    /// A team's term is laxer than the organisation's.
    TermLaxer => "termijn-ruimer",
    /// A team leaves out a term the form asks and the organisation sets.
    TermMissing => "termijn-ontbreekt",
    /// A team protocol adopted against an earlier norm version must act on what changed
    /// since (or names a version vpd cannot find).
    NormVersion => "norm-versie",
    /// A reference (department, role, werkvorm) does not exist.
    BrokenReference => "verwijzing-onbekend",
    /// Two files have the same slug.
    DuplicateSlug => "slug-dubbel",
    /// Two team protocols name the same team.
    DuplicateTeamName => "team-naam-dubbel",
    /// Two steps in one approach share an id.
    DuplicateStep => "stap-dubbel",
    /// A decision in a flow chart does not name its "ja" and "nee" steps.
    FlowDecision => "stroom-beslissing",
    /// A flow chart names a step that does not exist.
    FlowTarget => "stroom-doel-onbekend",
    /// A step of a flow chart can never be reached.
    FlowUnreachable => "stroom-onbereikbaar",
    /// The yearly evaluation is overdue.
    EvaluationOverdue => "evaluatie-verlopen",
    /// The adoption or evaluation date lies in the future.
    FutureDate => "datum-toekomst",
    /// The organisation's policy or norm schema is missing.
    OrganisationMissing => "organisatie-ontbreekt",
    /// A link written in content points to a page the site does not have.
    BrokenLink => "link-kapot",
    /// A content file's name (or a folder on its way) breaks the id rule.
    FileName => "naam-ongeldig",
    /// An address in content or settings uses a scheme other than http, https or mailto.
    UnsafeUrl => "adres-onveilig",
    /// A site setting vpd cannot use (a token file that is missing, outside `content/`
    /// or too large; an address that is not absolute).
    InvalidSetting => "instelling-onbruikbaar",
    /// The git repository the organisation is in could not be read (`build` and `serve`
    /// only): pages show their own or the publication date instead of the last commit's.
    GitHistory => "git-geschiedenis",
}

impl Rule {
    /// The severity a finding of this rule has unless the context changes it.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::EvaluationOverdue
            | Rule::TextCut
            | Rule::TextMerged
            | Rule::GitHistory
            | Rule::NormVersion => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Whether this rule is about completeness: for a `concept` protocol such findings are
    /// warnings, so that a draft can be committed while it grows.
    pub fn is_completeness(self) -> bool {
        matches!(
            self,
            Rule::MissingField
                | Rule::Placeholder
                | Rule::TooFewItems
                | Rule::TeamExamples
                | Rule::TermLaxer
                | Rule::TermMissing
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_once_with_its_own_code() {
        let codes: std::collections::BTreeSet<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), Rule::ALL.len());
        let rules: std::collections::BTreeSet<Rule> = Rule::ALL.iter().copied().collect();
        assert_eq!(rules.len(), Rule::ALL.len());
    }
}
