//! The editor variant of a compiled schema: what yaml-language-server (VS Code's YAML
//! extension) loads from `.vpd/schemas/` and from the site's `/schemas/`.
//!
//! Validation keeps the strict schema of [`super::compile`] and downgrades a concept's
//! completeness findings itself; an editor cannot do that, so this variant says it in JSON
//! Schema (draft-07, which every editor reads):
//! 1. the lenient part: types, enums and unknown keys only, no `required`, `minItems` or
//!    placeholder checks, and no key a team may not set (`standpunt`);
//! 2. the strict part, only the completeness keywords, under
//!    `if: {status: vastgesteld} then: ...`, so a concept's `.....` is no editor error;
//! 3. the organisation's departments, roles and werkvormen as `enum` with their Dutch
//!    names (`markdownEnumDescriptions`, which completion shows);
//! 4. every `description` (the form's Dutch prompt) also as `markdownDescription`, with
//!    the form's hint, which hover shows;
//! 5. Dutch `errorMessage`/`patternErrorMessage` where an editor reads them (a wrong
//!    department, role, werkvorm, date, name or reporting level); other messages stay the
//!    editor's own.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::placeholder;
use crate::messages::t;

/// The draft editors read (yaml-language-server does not know 2020-12).
const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// The file name of the team schema that picks the template's schema by `template:`.
pub const TEAM_SCHEMA: &str = "team";

/// The file name of the schema of `content/leerdoelwijzers/`, which picks by `template:`.
pub const LEARNING_SCHEMA: &str = "leerdoelwijzers";

/// Where an organisation's repository keeps its editor schemas (committed, written by
/// `vpd init`, `vpd new` and `vpd schema`), relative to its root.
pub const EDITOR_SCHEMA_DIR: &str = ".vpd/schemas";

/// The files of an organisation's repository that the editor schema `name` describes, as
/// globs relative to the repository's root. The team and learning templates have none of
/// their own: [`TEAM_SCHEMA`] and [`LEARNING_SCHEMA`] pick them, and a scaffold's
/// `$schema=` line names them.
pub fn file_match(name: &str) -> Vec<String> {
    let globs: &[&str] = match name {
        "beleid" => &["content/organisatie/beleid.yaml"],
        "normschema" => &["content/organisatie/normschema.yaml"],
        TEAM_SCHEMA => &["content/teams/*.yaml"],
        LEARNING_SCHEMA => &["content/leerdoelwijzers/*.yaml"],
        "werkvorm" => &["content/werkvormen/*.yaml"],
        _ => &[],
    };
    globs.iter().map(|g| g.to_string()).collect()
}

/// VS Code's `.vscode/settings.json` for an organisation's repository: each editor schema
/// of `names` mapped to its files (`yaml.schemas`, read by yaml-language-server).
pub fn vscode_settings<'a>(names: impl IntoIterator<Item = &'a String>) -> Value {
    let mut schemas = Map::new();
    for name in names {
        let globs = file_match(name);
        if !globs.is_empty() {
            schemas.insert(format!("./{EDITOR_SCHEMA_DIR}/{name}.json"), json!(globs));
        }
    }
    json!({
        "yaml.schemas": schemas,
        "yaml.validate": true,
        "yaml.hover": true,
        "yaml.completion": true,
        "files.associations": {"*.yaml": "yaml"},
    })
}

/// VS Code's `.vscode/extensions.json`: recommends the YAML extension.
pub fn vscode_extensions() -> Value {
    json!({"recommendations": ["redhat.vscode-yaml"]})
}

/// What the organisation defines that teams refer to: `(id, Dutch name)` pairs.
#[derive(Debug, Clone, Default)]
pub struct EditorContext {
    /// The departments of the policy.
    pub departments: Vec<(String, String)>,
    /// The roles of the policy.
    pub roles: Vec<(String, String)>,
    /// The werkvormen (slug, title).
    pub werkvormen: Vec<(String, String)>,
}

impl EditorContext {
    fn choices(&self, kind: &str) -> Option<&[(String, String)]> {
        let list = match kind {
            "afdeling" => &self.departments,
            "rol" => &self.roles,
            "werkvorm" => &self.werkvormen,
            _ => return None,
        };
        (!list.is_empty()).then_some(list.as_slice())
    }
}

/// The editor variant of the strict compiled schema `strict` (see the module doc).
pub fn editor_schema(strict: &Value, ctx: &EditorContext) -> Value {
    let annotated = annotate(strict, ctx);
    let has_status = strict.pointer("/properties/status").is_some();
    let mut editor = if has_status {
        lenient(&annotated, true)
    } else {
        annotated.clone()
    };
    let Some(obj) = editor.as_object_mut() else {
        return editor;
    };
    obj.remove("$id");
    obj.insert("$schema".into(), json!(DRAFT));
    if has_status {
        obj.remove("if");
        obj.remove("then");
        let mut strict_root = completeness(&annotated);
        if let Some(extra) = annotated
            .pointer("/then/required")
            .and_then(Value::as_array)
        {
            let required = strict_root
                .as_object_mut()
                .map(|o| o.entry("required").or_insert_with(|| json!([])));
            if let Some(Value::Array(list)) = required {
                list.extend(extra.iter().cloned());
            }
        }
        let defs = obj
            .entry("$defs")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut all = defs.clone();
        for (name, def) in &annotated["$defs"].as_object().cloned().unwrap_or_default() {
            all.insert(format!("vastgesteld-{name}"), completeness(def));
        }
        all.insert("vastgesteld".into(), strict_root);
        obj.insert("$defs".into(), Value::Object(all));
        obj.insert(
            "if".into(),
            json!({"properties": {"status": {"const": "vastgesteld"}}, "required": ["status"]}),
        );
        obj.insert("then".into(), json!({"$ref": "#/$defs/vastgesteld"}));
    }
    editor
}

/// The editor schemas of every template, and two that pick a template's schema by
/// `template:`: [`TEAM_SCHEMA`] over the team templates named in `team_templates`, and
/// [`LEARNING_SCHEMA`] over `leerdoelwijzer` and `ontwikkelmatrix` (which share a folder).
pub fn editor_schemas(
    strict: &BTreeMap<String, Value>,
    team_templates: &[String],
    ctx: &EditorContext,
) -> BTreeMap<String, Value> {
    let mut out: BTreeMap<String, Value> = strict
        .iter()
        .map(|(name, schema)| (name.clone(), editor_schema(schema, ctx)))
        .collect();
    let learning = ["leerdoelwijzer".to_string(), "ontwikkelmatrix".to_string()];
    for (name, group, title, description) in [
        (
            TEAM_SCHEMA,
            team_templates,
            "schema.team.titel",
            "schema.team.template",
        ),
        (
            LEARNING_SCHEMA,
            &learning[..],
            "schema.leerdoelen.titel",
            "schema.leerdoelen.template",
        ),
    ] {
        let names: Vec<&String> = group.iter().filter(|n| strict.contains_key(*n)).collect();
        if !names.is_empty() {
            out.insert(
                name.into(),
                dispatch_schema(strict, &names, &t(title, &[]), &t(description, &[])),
            );
        }
    }
    out
}

/// A schema that picks the schema of `names` by the document's `template:`.
fn dispatch_schema(
    strict: &BTreeMap<String, Value>,
    names: &[&String],
    title: &str,
    description: &str,
) -> Value {
    let titles: Vec<String> = names
        .iter()
        .map(|n| strict[*n]["title"].as_str().unwrap_or(n).to_string())
        .collect();
    let branches: Vec<Value> = names
        .iter()
        .map(|n| {
            json!({
                "if": {"properties": {"template": {"const": n}}, "required": ["template"]},
                "then": {"$ref": format!("{n}.json")},
            })
        })
        .collect();
    json!({
        "$schema": DRAFT,
        "title": title,
        "type": "object",
        "required": ["template"],
        "properties": {
            "template": {
                "enum": names,
                "markdownEnumDescriptions": titles,
                "description": description,
                "markdownDescription": description,
            },
        },
        "allOf": branches,
    })
}

/// `schema` with the organisation's choices as enums, forbidden keys removed and every
/// description also as Markdown.
fn annotate(schema: &Value, ctx: &EditorContext) -> Value {
    let Value::Object(obj) = schema else {
        return match schema {
            Value::Array(items) => items.iter().map(|x| annotate(x, ctx)).collect(),
            other => other.clone(),
        };
    };
    let mut out = Map::new();
    for (key, value) in obj {
        let value = if key == "properties" {
            let props = value.as_object().cloned().unwrap_or_default();
            Value::Object(
                props
                    .into_iter()
                    .filter(|(_, p)| !forbidden(p))
                    .map(|(k, p)| (k, annotate(&p, ctx)))
                    .collect(),
            )
        } else if key.starts_with("x-vpd") {
            value.clone()
        } else {
            annotate(value, ctx)
        };
        out.insert(key.clone(), value);
    }
    let kind = obj.get("x-vpd-type").and_then(Value::as_str).unwrap_or("");
    if obj.get("type") == Some(&json!("string"))
        && let Some(choices) = ctx.choices(kind)
    {
        let known: Vec<&str> = choices.iter().map(|(id, _)| id.as_str()).collect();
        // One of the organisation's ids, or (in a concept; the completeness part forbids
        // it once adopted) a placeholder such as the scaffold's `.....`.
        out.insert(
            "anyOf".into(),
            json!([
                {
                    "enum": known,
                    "markdownEnumDescriptions": choices.iter().map(|(_, naam)| naam).collect::<Vec<_>>(),
                    "errorMessage": t(
                        &format!("verwijzing.{kind}.hint"),
                        &[("bekend", &known.join(", "))]
                    ),
                },
                {"pattern": placeholder::PATTERN},
            ]),
        );
    }
    // Editors show these instead of their English text (a non-standard keyword that
    // other validators ignore); the description says what to write either way.
    match kind {
        "datum" | "slug" => {
            out.insert(
                "patternErrorMessage".into(),
                json!(t(&format!("type.hint.{kind}"), &[])),
            );
        }
        "meldniveau" => {
            out.insert("errorMessage".into(), json!(t("type.hint.meldniveau", &[])));
        }
        _ => {}
    }
    if let Some(Value::String(description)) = obj.get("description") {
        let markdown = match obj.get("x-vpd-toelichting").and_then(Value::as_str) {
            Some(hint) => format!("{description}\n\n{hint}"),
            None => description.clone(),
        };
        out.insert("markdownDescription".into(), json!(markdown));
    }
    Value::Object(out)
}

/// A key no document may set: its schema is `not: {}`.
fn forbidden(schema: &Value) -> bool {
    schema.get("not") == Some(&json!({}))
}

/// Whether `schema` is the placeholder check `not: {pattern: PLACEHOLDER}`.
fn is_placeholder_check(schema: &Value) -> bool {
    schema.get("pattern").and_then(Value::as_str) == Some(placeholder::PATTERN)
}

/// `schema` without completeness: no `required` (but `template` at the root), no
/// `minItems`, no placeholder check.
fn lenient(schema: &Value, root: bool) -> Value {
    match schema {
        Value::Object(obj) => {
            let mut out = Map::new();
            for (key, value) in obj {
                match key.as_str() {
                    "required" if root => {
                        out.insert(key.clone(), json!(["template"]));
                    }
                    "required" | "minItems" => {}
                    "not" if is_placeholder_check(value) => {}
                    k if k.starts_with("x-vpd") => {
                        out.insert(key.clone(), value.clone());
                    }
                    _ => {
                        out.insert(key.clone(), lenient(value, false));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => items.iter().map(|x| lenient(x, false)).collect(),
        other => other.clone(),
    }
}

/// Only the completeness keywords of `schema` (what [`lenient`] left out), with the
/// structure that leads to them and references into the `vastgesteld-` definitions.
fn completeness(schema: &Value) -> Value {
    let Value::Object(obj) = schema else {
        return json!({});
    };
    let mut out = Map::new();
    for (key, value) in obj {
        match key.as_str() {
            "required" | "minItems" => {
                out.insert(key.clone(), value.clone());
            }
            "not" if is_placeholder_check(value) => {
                out.insert(key.clone(), value.clone());
            }
            // A choice of the organisation that a concept may leave as a placeholder.
            "anyOf"
                if value
                    .as_array()
                    .is_some_and(|a| a.iter().any(is_placeholder_check)) =>
            {
                out.insert("not".into(), json!({"pattern": placeholder::PATTERN}));
            }
            "$ref" => {
                let target = value.as_str().unwrap_or_default();
                let rewritten = match target.strip_prefix("#/$defs/") {
                    Some(name) => format!("#/$defs/vastgesteld-{name}"),
                    None => target.to_string(),
                };
                out.insert(key.clone(), json!(rewritten));
            }
            "items" => {
                out.insert(key.clone(), completeness(value));
            }
            "properties" => {
                let props: Map<String, Value> = value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, p)| (k.clone(), completeness(p)))
                    .collect();
                out.insert(key.clone(), Value::Object(props));
            }
            _ => {}
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests;
