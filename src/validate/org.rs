//! The organisation as the other checks need it: departments, roles, behaviour categories
//! with their mandatory steps and reporting levels, and where each of these is written.

use serde::Deserialize;
use serde_json::Value;

pub use super::category::{Category, ReportingLevel, Step, StepKind};
use crate::load::Document;
use crate::source::Source;
use crate::template::compile::NormContext;

/// A named thing teams refer to by id (a department, a role, a werkvorm by its slug).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// The id.
    pub id: String,
    /// The name.
    pub naam: String,
}

impl Named {
    /// A named item.
    pub fn new(id: &str, naam: &str) -> Self {
        Named {
            id: id.to_string(),
            naam: naam.to_string(),
        }
    }
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
    /// The measurable terms the policy and norm schema set (see [`super::term`]).
    pub terms: Vec<super::term::check::OrgTerm>,
    /// Where the norm schema's `versie` is written.
    pub version_span: crate::source::Span,
    /// The norm's current and earlier versions (see [`super::norm_version`]).
    pub versions: super::norm_version::NormVersions,
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
            org.categories = Category::read_all(n);
            org.version_span = n.spans.value("/versie");
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
