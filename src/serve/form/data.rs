//! What the form offers from the organisation's own data: its departments, roles and
//! werkvormen as choices, its measurable terms, and its norm per behaviour category (the
//! standpunt, the approach with its mandatory steps, the reporting level), read as `vpd new`
//! and validation read them.

use crate::load::Loaded;
use crate::model::Category;
use crate::scaffold::{Named, ScaffoldContext};
use crate::template::Templates;
use crate::validate::term::check::OrgTerm;

/// The organisation's data a form shows beside the team's answers.
pub struct OrgData {
    /// Departments (choices for `afdeling`).
    pub departments: Vec<Named>,
    /// Roles (choices for `rol` and `rollen`).
    pub roles: Vec<Named>,
    /// Werkvormen by slug and title (choices for `werkvorm` and `werkvormen`).
    pub werkvormen: Vec<Named>,
    /// The organisation's measurable terms (names for a team's `termijnen` rows).
    pub terms: Vec<OrgTerm>,
    /// The behaviour categories of the norm schema, in order.
    pub categories: Vec<Category>,
    /// The norm schema's current version.
    pub norm_version: Option<String>,
}

impl OrgData {
    /// The organisation `loaded` holds, read with `templates`.
    pub fn from_loaded(loaded: &Loaded, templates: &Templates) -> OrgData {
        let context = ScaffoldContext::from_loaded(loaded, templates);
        let categories = loaded
            .documents
            .iter()
            .find(|d| d.template_name() == Some("normschema"))
            .map(|d| Category::read_all(d))
            .unwrap_or_default();
        OrgData {
            departments: context.departments,
            roles: context.roles,
            werkvormen: context.werkvormen,
            terms: context.terms,
            categories,
            norm_version: context.norm_version,
        }
    }

    /// The category `id` of the organisation's norm.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The name of the organisation's term `id` (the id when it defines none).
    pub fn term_name(&self, id: &str) -> String {
        self.terms
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.naam.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    }
}
