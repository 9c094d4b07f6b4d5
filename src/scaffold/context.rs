//! What a scaffold shows of the organisation: its departments, roles and werkvormen by id
//! and name, and its own norm (standpunt, approach steps, reporting level per category).

use serde_json::Value;

use crate::load::Loaded;

/// Something the team may refer to: its id (or slug) and its name (or title).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Named {
    /// The id a team writes.
    pub id: String,
    /// The name people know it by.
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

    /// `id = naam`, or the id alone when the name adds nothing.
    pub fn label(&self) -> String {
        if self.naam.is_empty() || self.naam == self.id {
            self.id.clone()
        } else {
            format!("{} = {}", self.id, self.naam)
        }
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
    /// Path from the new file to the published schema (for the editor).
    pub schema_path: String,
}

impl ScaffoldContext {
    /// The context of the organisation that `loaded` holds (policy, norm schema, werkvormen).
    pub fn from_loaded(loaded: &Loaded) -> Self {
        let of = |name: &'static str| {
            loaded
                .documents
                .iter()
                .filter(move |d| d.template_name() == Some(name))
        };
        let policy = of("beleid").next().map(|d| &d.value);
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
        ScaffoldContext {
            departments: named_list(policy, "afdelingen"),
            roles: named_list(policy, "rollen"),
            werkvormen,
            norm,
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

/// `- {id, naam}` items of the policy's list `key`.
fn named_list(policy: Option<&Value>, key: &str) -> Vec<Named> {
    let items = policy.and_then(|p| p.get(key)).and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .filter_map(|x| {
            let id = x.get("id")?.as_str()?;
            Some(Named::new(
                id,
                x.get("naam").and_then(Value::as_str).unwrap_or_default(),
            ))
        })
        .collect()
}

/// Labels of `items` joined for a comment line (names may hold commas and brackets).
pub fn labels(items: &[Named]) -> String {
    items
        .iter()
        .map(Named::label)
        .collect::<Vec<_>>()
        .join("; ")
}
