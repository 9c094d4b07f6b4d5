//! The stable rule codes. A code never changes meaning once published: CI configurations
//! and GitLab fingerprints depend on it.

use super::Severity;

/// Every rule `vpd check` enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A file could not be read.
    Unreadable,
    /// A file is larger than vpd accepts.
    FileTooLarge,
    /// A symbolic link where vpd expects a file or folder of the repository itself.
    Symlink,
    /// A file is not valid UTF-8.
    Encoding,
    /// A file contains a NUL byte.
    NulByte,
    /// A file has no content.
    EmptyFile,
    /// The YAML does not parse.
    YamlSyntax,
    /// A tab is used for indentation.
    YamlTab,
    /// A key appears twice in one mapping.
    DuplicateKey,
    /// Aliases expand to too many nodes.
    AliasLimit,
    /// The YAML is nested too deeply.
    TooDeep,
    /// A file holds more than one YAML document.
    MultipleDocuments,
    /// A text that YAML silently shortens: cut at ` #` (the rest of the line is read as a
    /// comment), an answer that starts with `#`, a first word starting with `!` (a tag).
    TextCut,
    /// A list item indented further than the one above it, which YAML glues to that
    /// item's text instead of starting a new item.
    TextMerged,
    /// The document is not a mapping of keys.
    NotAMapping,
    /// A Markdown file has no front matter.
    FrontMatter,
    /// The file names no template.
    TemplateMissing,
    /// The file names a template that does not exist.
    TemplateUnknown,
    /// A template file itself is invalid.
    InvalidTemplate,
    /// A key the template does not know.
    UnknownKey,
    /// A required section or field is missing.
    MissingField,
    /// A field holds a placeholder such as `.....` or a bare `Wij`.
    Placeholder,
    /// A list has fewer items than the template requires.
    TooFewItems,
    /// A value has the wrong type.
    WrongType,
    /// A value is not one of the allowed values or has the wrong form.
    InvalidValue,
    /// A team gives fewer than two own examples for a behaviour category.
    TeamExamples,
    /// A team file tries to set the organisation's position.
    PositionOverridden,
    /// A team's approach drops a mandatory step of the organisation.
    MandatoryStep,
    /// A team rewords a mandatory step of the organisation.
    MandatoryStepWording,
    /// A team's reporting level is laxer than the organisation's.
    ReportingLaxer,
    /// A term phrase vpd cannot read, or a team term of another kind than the
    /// organisation's ("elke ..." where the organisation says "binnen ...").
    TermInvalid,
    /// The organisation sets one term id twice.
    TermDuplicate,
    /// A team's term is laxer than the organisation's.
    TermLaxer,
    /// A team leaves out a term the form asks and the organisation sets.
    TermMissing,
    /// A team protocol adopted against an earlier norm version must act on what changed
    /// since (or names a version vpd cannot find).
    NormVersion,
    /// A reference (department, role, werkvorm) does not exist.
    BrokenReference,
    /// Two files have the same slug.
    DuplicateSlug,
    /// Two team protocols name the same team.
    DuplicateTeamName,
    /// Two steps in one approach share an id.
    DuplicateStep,
    /// A decision in a flow chart does not name its "ja" and "nee" steps.
    FlowDecision,
    /// A flow chart names a step that does not exist.
    FlowTarget,
    /// A step of a flow chart can never be reached.
    FlowUnreachable,
    /// The yearly evaluation is overdue.
    EvaluationOverdue,
    /// The adoption or evaluation date lies in the future.
    FutureDate,
    /// The organisation's policy or norm schema is missing.
    OrganisationMissing,
    /// A link written in content points to a page the site does not have.
    BrokenLink,
    /// A content file's name (or a folder on its way) breaks the id rule.
    FileName,
    /// An address in content or settings uses a scheme other than http, https or mailto.
    UnsafeUrl,
    /// A site setting vpd cannot use (a token file that is missing, outside `content/`
    /// or too large; an address that is not absolute).
    InvalidSetting,
    /// The git repository the organisation is in could not be read (`build` and `serve`
    /// only): pages show their own or the publication date instead of the last commit's.
    GitHistory,
}

impl Rule {
    /// The stable code, shown with every finding.
    pub fn code(self) -> &'static str {
        match self {
            Rule::Unreadable => "bestand-onleesbaar",
            Rule::FileTooLarge => "bestand-te-groot",
            Rule::Symlink => "bestand-symbolische-link",
            Rule::Encoding => "bestand-codering",
            Rule::NulByte => "bestand-nul-teken",
            Rule::EmptyFile => "bestand-leeg",
            Rule::YamlSyntax => "yaml-syntaxis",
            Rule::YamlTab => "yaml-tab",
            Rule::DuplicateKey => "yaml-dubbele-sleutel",
            Rule::AliasLimit => "yaml-alias-limiet",
            Rule::TooDeep => "yaml-te-diep",
            Rule::MultipleDocuments => "yaml-meerdere-documenten",
            Rule::TextCut => "yaml-tekst-afgebroken",
            Rule::TextMerged => "yaml-tekst-samengevoegd",
            Rule::NotAMapping => "document-geen-mapping",
            Rule::FrontMatter => "voorblad-ontbreekt",
            Rule::TemplateMissing => "template-ontbreekt",
            Rule::TemplateUnknown => "template-onbekend",
            Rule::InvalidTemplate => "template-ongeldig",
            Rule::UnknownKey => "sleutel-onbekend",
            Rule::MissingField => "veld-ontbreekt",
            Rule::Placeholder => "plaatshouder",
            Rule::TooFewItems => "te-weinig-items",
            Rule::WrongType => "verkeerd-type",
            Rule::InvalidValue => "ongeldige-waarde",
            Rule::TeamExamples => "norm-voorbeelden",
            Rule::PositionOverridden => "norm-standpunt",
            Rule::MandatoryStep => "norm-verplichte-stap",
            Rule::MandatoryStepWording => "norm-verplichte-stap-tekst",
            Rule::ReportingLaxer => "norm-meldniveau",
            Rule::TermInvalid => "termijn-ongeldig",
            Rule::TermDuplicate => "termijn-dubbel",
            Rule::TermLaxer => "termijn-ruimer",
            Rule::TermMissing => "termijn-ontbreekt",
            Rule::NormVersion => "norm-versie",
            Rule::BrokenReference => "verwijzing-onbekend",
            Rule::DuplicateSlug => "slug-dubbel",
            Rule::DuplicateTeamName => "team-naam-dubbel",
            Rule::DuplicateStep => "stap-dubbel",
            Rule::FlowDecision => "stroom-beslissing",
            Rule::FlowTarget => "stroom-doel-onbekend",
            Rule::FlowUnreachable => "stroom-onbereikbaar",
            Rule::EvaluationOverdue => "evaluatie-verlopen",
            Rule::FutureDate => "datum-toekomst",
            Rule::OrganisationMissing => "organisatie-ontbreekt",
            Rule::BrokenLink => "link-kapot",
            Rule::FileName => "naam-ongeldig",
            Rule::UnsafeUrl => "adres-onveilig",
            Rule::InvalidSetting => "instelling-onbruikbaar",
            Rule::GitHistory => "git-geschiedenis",
        }
    }

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
