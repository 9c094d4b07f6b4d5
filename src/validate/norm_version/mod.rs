//! Norm versions: the norm schema (and policy) carry a `versie`; a team protocol records
//! the norm version it was adopted against (`normversie`). Earlier versions are read from
//! the repository's history ([`crate::load::history::versions`]); [`diff::changes`] says
//! in words what changed between two versions and whether a team must act on it.
//!
//! `vpd check` reports a team adopted against an earlier version that must act (a new
//! mandatory step, a stricter reporting level or term, a new category or term) as a
//! warning, an error with `--strict` (`norm-versie`); a version the history does not hold,
//! or no history at all, is a warning and never an error.

pub mod diff;

use serde_json::Value;

use super::org::{Category, Organisation};
use super::term::check::{OrgTerm, organisation_terms};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::load::{Document, OrganisationHistory};
use crate::messages::t;
use crate::source::SourceFile;
use crate::template::{Kind, Template, Templates};
pub use diff::{Change, changes};

/// One version of the organisation's norm: what a team can be adopted against.
#[derive(Debug, Clone, Default)]
pub struct NormVersion {
    /// The norm schema's `versie`.
    pub versie: String,
    /// The norm schema's adoption date, as written.
    pub vastgesteld_op: Option<String>,
    /// The behaviour categories.
    pub categories: Vec<Category>,
    /// The terms of the policy and norm schema.
    pub terms: Vec<OrgTerm>,
}

impl NormVersion {
    /// The version the norm schema `norm` names, with its categories and terms as read;
    /// none when it names no `versie`.
    fn of(norm: &Document, categories: Vec<Category>, terms: Vec<OrgTerm>) -> Option<Self> {
        Some(NormVersion {
            versie: version_of(norm, "versie")?,
            vastgesteld_op: norm
                .value
                .get("vastgesteld_op")
                .and_then(Value::as_str)
                .map(str::to_string),
            categories,
            terms,
        })
    }
}

/// The norm now and as the history holds it.
#[derive(Debug, Clone, Default)]
pub struct NormVersions {
    /// The current version (absent when the norm schema has no `versie`).
    pub current: Option<NormVersion>,
    /// Earlier versions, newest first, each in its last committed state.
    pub earlier: Vec<NormVersion>,
    /// Whether the organisation is in a git repository with commits.
    pub repository: bool,
}

/// A document's `versie` (or `normversie`) as text.
pub fn version_of(doc: &Document, key: &str) -> Option<String> {
    match doc.value.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl NormVersions {
    /// The current norm from `org` and the norm schema `norm`, and the earlier versions
    /// from `committed` (see [`committed_versions`]).
    pub fn read(
        committed: &[NormVersion],
        repository: bool,
        org: &Organisation,
        norm: Option<&Document>,
    ) -> NormVersions {
        let current =
            norm.and_then(|n| NormVersion::of(n, org.categories.clone(), org.terms.clone()));
        let earlier = committed
            .iter()
            .filter(|v| current.as_ref().is_none_or(|c| c.versie != v.versie))
            .cloned()
            .collect();
        NormVersions {
            current,
            earlier,
            repository,
        }
    }

    /// The version named `versie`, now or earlier.
    pub fn get(&self, versie: &str) -> Option<&NormVersion> {
        self.current
            .iter()
            .chain(&self.earlier)
            .find(|v| v.versie == versie)
    }
}

/// Every version the history holds, newest first, each in its last committed state (parsed
/// once per history and templates: the preview keeps them between saves).
pub fn committed_versions(
    history: &OrganisationHistory,
    templates: &Templates,
) -> Vec<NormVersion> {
    let mut versions: Vec<NormVersion> = Vec::new();
    for snapshot in &history.snapshots.list {
        let Some(version) = committed_version(history, &snapshot.texts, templates) else {
            continue;
        };
        if !versions.iter().any(|v| v.versie == version.versie) {
            versions.push(version);
        }
    }
    versions
}

/// The norm as one commit held it: its documents parsed, read as validation reads the
/// current ones. None when the norm schema is absent there, has no `versie` or does not parse.
fn committed_version(
    history: &OrganisationHistory,
    texts: &[Option<String>],
    templates: &Templates,
) -> Option<NormVersion> {
    let docs: Vec<(Document, &Template)> = history
        .documents
        .iter()
        .zip(texts)
        .filter_map(|(now, text)| {
            let source =
                SourceFile::new(&now.source.path, now.source.display.clone(), text.clone()?);
            let doc = crate::load::parse_document(&std::sync::Arc::new(source)).ok()?;
            let template = templates.get(doc.template_name()?)?;
            Some((doc, template))
        })
        .collect();
    let (norm, _) = docs.iter().find(|(_, t)| t.soort == Kind::Normschema)?;
    let (terms, _) = organisation_terms(
        &docs
            .iter()
            .filter(|(_, t)| matches!(t.soort, Kind::Beleid | Kind::Normschema))
            .map(|(d, t)| (d, *t))
            .collect::<Vec<_>>(),
    );
    NormVersion::of(norm, Category::read_all(norm), terms)
}

/// Where a team stands against the current norm.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// The protocol names no norm version (or is a concept).
    Unknown,
    /// Adopted against the current version.
    Current,
    /// Adopted against an earlier version: what changed since, and whether it must act.
    Behind {
        /// The version it was adopted against.
        versie: String,
        /// What changed since, in words.
        changes: Vec<Change>,
    },
    /// A version the history does not hold (or there is no history).
    NotFound {
        /// The version it names.
        versie: String,
    },
}

/// Where the team protocol `doc` (of `template`) stands.
pub fn standing(doc: &Document, template: &str, versions: &NormVersions) -> Standing {
    let concept = doc.value.get("status").and_then(Value::as_str) == Some("concept");
    let (Some(versie), false) = (version_of(doc, "normversie"), concept) else {
        return Standing::Unknown;
    };
    let Some(current) = &versions.current else {
        return Standing::NotFound { versie };
    };
    if current.versie == versie {
        return Standing::Current;
    }
    match versions.earlier.iter().find(|v| v.versie == versie) {
        Some(old) => Standing::Behind {
            changes: changes(old, current, Some(template)),
            versie,
        },
        None => Standing::NotFound { versie },
    }
}

/// The finding about the team protocol `doc`'s norm version, if any.
pub fn check_team(
    doc: &Document,
    template: &str,
    versions: &NormVersions,
    org: &Organisation,
    strict: bool,
) -> Option<Diagnostic> {
    // Where the version is written: looked up only for a finding.
    let span = || doc.spans.value("/normversie");
    let current = versions.current.as_ref();
    let nieuw = current.map_or("-", |c| c.versie.as_str());
    let mut d = match standing(doc, template, versions) {
        Standing::Unknown | Standing::Current => return None,
        Standing::Behind { versie, changes } => {
            let act: Vec<&Change> = changes.iter().filter(|c| c.actie).collect();
            if act.is_empty() {
                return None;
            }
            let list: Vec<String> = act.iter().map(|c| format!("- {}", c.tekst)).collect();
            let mut d = Diagnostic::new(
                Rule::NormVersion,
                &doc.source,
                span(),
                t(
                    "normversie.achter",
                    &[
                        ("oud", &versie),
                        ("nieuw", nieuw),
                        ("n", &act.len().to_string()),
                    ],
                ),
            )
            .with_label(t("normversie.achter.label", &[]))
            .with_hint(t(
                "normversie.achter.hint",
                &[("wijzigingen", &list.join("\n"))],
            ));
            if strict {
                d.severity = Severity::Error;
            }
            d
        }
        Standing::NotFound { versie } if current.is_none() => Diagnostic::new(
            Rule::NormVersion,
            &doc.source,
            span(),
            t("normversie.geen-versie", &[("versie", &versie)]),
        )
        .with_hint(t("normversie.geen-versie.hint", &[])),
        Standing::NotFound { versie } => {
            let known: Vec<&str> = versions
                .current
                .iter()
                .chain(&versions.earlier)
                .map(|v| v.versie.as_str())
                .collect();
            let key = if versions.repository {
                "normversie.onbekend"
            } else {
                "normversie.geen-geschiedenis"
            };
            Diagnostic::new(
                Rule::NormVersion,
                &doc.source,
                span(),
                t(
                    key,
                    &[
                        ("versie", &versie),
                        ("nieuw", nieuw),
                        ("bekend", &known.join(", ")),
                    ],
                ),
            )
            .with_hint(t(
                if versions.repository {
                    "normversie.onbekend.hint"
                } else {
                    "normversie.geen-geschiedenis.hint"
                },
                &[("nieuw", nieuw)],
            ))
        }
    };
    if let (Some(norm), Some(_)) = (&org.norm, current) {
        d = d.with_secondary(norm, org.version_span, t("normversie.org", &[]));
    }
    Some(d)
}
