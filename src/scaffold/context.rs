//! What a scaffold shows of the organisation: its departments, roles and werkvormen by id
//! and name, and its own norm (standpunt, approach steps, reporting level per category).

use serde_json::Value;

use crate::load::Loaded;
use crate::template::{Kind, Templates};
use crate::validate::Organisation;
pub use crate::validate::org::Named;
use crate::validate::term::check::{OrgTerm, organisation_terms};

/// How a scaffold's comment names an item: `id = naam`, or the id alone when the name
/// adds nothing.
pub fn label(item: &Named) -> String {
    if item.naam.is_empty() || item.naam == item.id {
        item.id.clone()
    } else {
        format!("{} = {}", item.id, item.naam)
    }
}

/// What a scaffold may name besides the template.
#[derive(Debug, Default, Clone)]
pub struct ScaffoldContext {
    /// The organisation's departments, listed in a comment.
    pub departments: Vec<Named>,
    /// The organisation's roles, listed in a comment.
    pub roles: Vec<Named>,
    /// The organisation's werkvormen (slug and title), listed in a comment.
    pub werkvormen: Vec<Named>,
    /// The organisation's behaviour categories as written in its norm schema (rows with
    /// `id`, `standpunt`, `aanpak`, `meldniveau`, `melden`); empty: the form's defaults.
    pub norm: Vec<Value>,
    /// The organisation's measurable terms: a team's `termijnen` field starts from them.
    pub terms: Vec<OrgTerm>,
    /// The norm schema's current version (`versie`), which a protocol adopted now records.
    pub norm_version: Option<String>,
    /// Path from the new file to the published schema (for the editor).
    pub schema_path: String,
}

impl ScaffoldContext {
    /// The context of the organisation that `loaded` holds (policy, norm schema, werkvormen,
    /// and the terms its policy and norm schema set, read with `templates`).
    pub fn from_loaded(loaded: &Loaded, templates: &Templates) -> Self {
        let of = |name: &'static str| {
            loaded
                .documents
                .iter()
                .filter(move |d| d.template_name() == Some(name))
        };
        // Departments and roles as validation reads them from the policy.
        let org = Organisation::from_documents(of("beleid").next().map(|d| &**d), None);
        let norm = of("normschema")
            .next()
            .and_then(|d| d.value.pointer("/secties/categorieen/categorieen"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let werkvormen = of("werkvorm")
            .map(|d| {
                let titel = d.value.get("titel").and_then(Value::as_str);
                Named::new(&crate::validate::slug_of(d), titel.unwrap_or_default())
            })
            .collect();
        // The terms as validation reads them (a broken term is reported by `vpd check`).
        let org_documents: Vec<_> = loaded
            .documents
            .iter()
            .filter_map(|d| Some((&**d, templates.get(d.template_name()?)?)))
            .filter(|(_, t)| matches!(t.soort, Kind::Beleid | Kind::Normschema))
            .collect();
        let (terms, _) = organisation_terms(&org_documents);
        let norm_version = of("normschema")
            .next()
            .and_then(|d| crate::validate::norm_version::version_of(d, "versie"));
        ScaffoldContext {
            departments: org.departments,
            roles: org.roles,
            werkvormen,
            norm,
            terms,
            norm_version,
            schema_path: String::new(),
        }
    }

    /// The organisation's row for category `id`, if its norm schema has one.
    pub fn category(&self, id: &str) -> Option<&Value> {
        self.norm
            .iter()
            .find(|c| c.get("id").and_then(Value::as_str) == Some(id))
    }
}

/// Labels of `items` joined for a comment line (names may hold commas and brackets).
pub fn labels(items: &[Named]) -> String {
    items.iter().map(label).collect::<Vec<_>>().join("; ")
}
