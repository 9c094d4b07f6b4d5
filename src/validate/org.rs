//! The organisation as the other checks need it: departments, roles, behaviour categories
//! with their mandatory steps and reporting levels, and where each of these is written.

use serde::Deserialize;
use serde_json::Value;

use crate::load::Document;
use crate::load::spans::pointer;
use crate::source::{Source, Span};
use crate::template::compile::NormContext;

/// A reporting level, ordered from lax to strict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportingLevel {
    /// Not reported.
    Niet,
    /// Reported when it persists or becomes a pattern.
    BijPatroon,
    /// Always reported.
    Altijd,
}

impl ReportingLevel {
    /// Parses the YAML value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "niet" => Some(Self::Niet),
            "bij-patroon" => Some(Self::BijPatroon),
            "altijd" => Some(Self::Altijd),
            _ => None,
        }
    }

    /// The YAML value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Niet => "niet",
            Self::BijPatroon => "bij-patroon",
            Self::Altijd => "altijd",
        }
    }
}

/// A step of an approach.
#[derive(Debug, Clone, Deserialize)]
pub struct Step {
    /// The stable id teams refer to.
    pub id: String,
    /// What to do.
    #[serde(default)]
    pub tekst: String,
    /// Whether every team must keep it.
    #[serde(default)]
    pub verplicht: bool,
    /// The templates it is mandatory for (all when empty).
    #[serde(default)]
    pub geldt_voor: Vec<String>,
}

/// A behaviour category of the organisation's norm.
#[derive(Debug, Clone)]
pub struct Category {
    /// The id (`jij-gedrag`).
    pub id: String,
    /// The name shown to users.
    pub naam: String,
    /// The organisation's reporting level.
    pub level: Option<ReportingLevel>,
    /// Where the reporting level is written.
    pub level_span: Span,
    /// The approach, with each step's span.
    pub steps: Vec<(Step, Span)>,
}

/// A named thing teams refer to by id (a department, a role).
#[derive(Debug, Clone)]
pub struct Named {
    /// The id.
    pub id: String,
    /// The name.
    pub naam: String,
}

/// What the organisation's own files define.
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    /// The policy file, when present.
    pub policy: Option<Source>,
    /// The norm schema file, when present.
    pub norm: Option<Source>,
    /// Departments from the policy.
    pub departments: Vec<Named>,
    /// Roles from the policy.
    pub roles: Vec<Named>,
    /// Behaviour categories from the norm schema.
    pub categories: Vec<Category>,
}

#[derive(Deserialize)]
struct IdName {
    id: String,
    #[serde(default)]
    naam: String,
}

impl Organisation {
    /// Reads what it can from the policy and norm schema documents (lenient: a broken row is
    /// skipped here and reported by the schema check).
    pub fn from_documents(policy: Option<&Document>, norm: Option<&Document>) -> Self {
        let mut org = Organisation {
            policy: policy.map(|d| d.source.clone()),
            norm: norm.map(|d| d.source.clone()),
            ..Organisation::default()
        };
        if let Some(p) = policy {
            org.departments = named_list(p.value.get("afdelingen"));
            org.roles = named_list(p.value.get("rollen"));
        }
        if let Some(n) = norm {
            let base = ["secties", "categorieen", "categorieen"];
            let rows = n
                .value
                .pointer(&pointer(&base))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (i, row) in rows.iter().enumerate() {
                let Some(id) = row.get("id").and_then(Value::as_str) else {
                    continue;
                };
                let i = i.to_string();
                let row_ptr = pointer(&[base[0], base[1], base[2], &i]);
                let steps = row
                    .get("aanpak")
                    .and_then(Value::as_array)
                    .map(|steps| {
                        steps
                            .iter()
                            .enumerate()
                            .filter_map(|(j, s)| {
                                let step = serde_json::from_value::<Step>(s.clone()).ok()?;
                                let span =
                                    n.spans.key_or_value(&format!("{row_ptr}/aanpak/{j}/id"));
                                Some((step, span))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                org.categories.push(Category {
                    id: id.to_string(),
                    naam: row
                        .get("naam")
                        .and_then(Value::as_str)
                        .unwrap_or(id)
                        .to_string(),
                    level: row
                        .get("meldniveau")
                        .and_then(Value::as_str)
                        .and_then(ReportingLevel::parse),
                    level_span: n.spans.value(&format!("{row_ptr}/meldniveau")),
                    steps,
                });
            }
        }
        org
    }

    /// What the template compiler needs of the norm.
    pub fn norm_context(&self) -> NormContext {
        NormContext {
            categories: self
                .categories
                .iter()
                .map(|c| (c.id.clone(), c.naam.clone()))
                .collect(),
        }
    }

    /// The category with `id`.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

fn named_list(v: Option<&Value>) -> Vec<Named> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| serde_json::from_value::<IdName>(x.clone()).ok())
                .map(|x| Named {
                    id: x.id,
                    naam: x.naam,
                })
                .collect()
        })
        .unwrap_or_default()
}
