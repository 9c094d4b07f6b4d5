//! References (departments, roles, werkvormen) must exist; slugs and team names must be
//! unique.

use std::collections::HashMap;

use serde_json::Value;

use super::org::Organisation;
use super::suggest::did_you_mean;
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::load::spans::pointer_push;
use crate::messages::t;

/// The ids a reference may point at.
pub struct Targets<'a> {
    /// The organisation (departments and roles).
    pub org: &'a Organisation,
    /// The werkvorm slugs.
    pub werkvormen: &'a [String],
}

/// Every broken reference in `doc`, found by walking its value along its schema.
pub fn check_references(doc: &Document, schema: &Value, targets: &Targets) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ptr = String::new();
    walk(doc, schema, schema, &doc.value, &mut ptr, targets, &mut out);
    out
}

fn resolve<'s>(root: &'s Value, node: &'s Value) -> &'s Value {
    match node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
    {
        Some(target) => target,
        None => node,
    }
}

fn walk(
    doc: &Document,
    root: &Value,
    node: &Value,
    value: &Value,
    ptr: &mut String,
    targets: &Targets,
    out: &mut Vec<Diagnostic>,
) {
    let node = resolve(root, node);
    match value {
        Value::Object(map) => {
            let Some(props) = node.get("properties") else {
                return;
            };
            for (k, v) in map {
                if let Some(child) = props.get(k) {
                    let len = ptr.len();
                    pointer_push(ptr, k);
                    walk(doc, root, child, v, ptr, targets, out);
                    ptr.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            let Some(item_schema) = node.get("items") else {
                return;
            };
            for (i, v) in items.iter().enumerate() {
                let len = ptr.len();
                pointer_push(ptr, &i.to_string());
                walk(doc, root, item_schema, v, ptr, targets, out);
                ptr.truncate(len);
            }
        }
        Value::String(s) => {
            let kind = node.get("x-vpd-type").and_then(Value::as_str);
            let known: Vec<&str> = match kind {
                // Without a policy there is nothing to resolve against; that is reported once.
                Some("afdeling" | "rol") if targets.org.policy.is_none() => return,
                Some("afdeling") => targets
                    .org
                    .departments
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect(),
                Some("rol") => targets.org.roles.iter().map(|r| r.id.as_str()).collect(),
                Some("werkvorm") => targets.werkvormen.iter().map(String::as_str).collect(),
                _ => return,
            };
            let Some(kind) = kind else { return };
            if known.contains(&s.as_str()) || crate::template::placeholder::is_placeholder(s) {
                return;
            }
            let mut d = Diagnostic::new(
                Rule::BrokenReference,
                &doc.source,
                doc.spans.value(ptr),
                t(&format!("verwijzing.{kind}"), &[("waarde", s)]),
            );
            d = match did_you_mean(s, known.iter().copied()) {
                Some(sugg) => d.with_hint(t("suggestie.bedoelde-u", &[("suggestie", sugg)])),
                // A fresh organisation may have none yet: say so instead of an empty list.
                None if known.is_empty() => d.with_hint(t(none_known_hint(kind), &[])),
                None => d.with_hint(t(
                    &format!("verwijzing.{kind}.hint"),
                    &[("bekend", &known.join(", "))],
                )),
            };
            if let Some(section) = ptr
                .strip_prefix("/secties/")
                .and_then(|r| r.split('/').next())
            {
                d = d.in_section(section.replace("~1", "/").replace("~0", "~"));
            }
            out.push(d);
        }
        _ => {}
    }
}

/// The hint for a reference of `kind` when the organisation has nothing of that kind yet.
fn none_known_hint(kind: &str) -> &'static str {
    match kind {
        "afdeling" => "verwijzing.afdeling.geen",
        "rol" => "verwijzing.rol.geen",
        _ => "verwijzing.werkvorm.geen",
    }
}

/// A document's slug and where it is set.
pub struct Slugged<'a> {
    /// The slug.
    pub slug: &'a str,
    /// The document.
    pub doc: &'a Document,
}

/// Duplicate slugs within one group (teams, werkvormen, leerdoelwijzers): each later one
/// is an error pointing at both files.
pub fn check_unique_slugs(group: &[Slugged]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, &Document> = HashMap::new();
    for item in group {
        let span_of = |doc: &Document| {
            if doc.value.get("slug").is_some() {
                doc.spans.value("/slug")
            } else {
                crate::source::Span::file_start()
            }
        };
        match seen.get(item.slug) {
            Some(first) => out.push(
                Diagnostic::new(
                    Rule::DuplicateSlug,
                    &item.doc.source,
                    span_of(item.doc),
                    t(
                        "slug.dubbel",
                        &[("slug", item.slug), ("ander", &first.source.display)],
                    ),
                )
                .with_secondary(&first.source, span_of(first), t("slug.dubbel.eerste", &[]))
                .with_hint(t("slug.dubbel.hint", &[])),
            ),
            None => {
                seen.insert(item.slug, item.doc);
            }
        }
    }
    out
}

/// Team protocols that name the same team (`team:`, compared without surrounding spaces
/// and case): each later one is an error at its `team:` value pointing at the first.
/// Placeholders and empty names are left to the schema check.
pub fn check_unique_team_names<'a>(
    teams: impl IntoIterator<Item = &'a Document>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, &Document> = HashMap::new();
    for doc in teams {
        let name = team_name(doc);
        if name.is_empty() {
            continue;
        }
        // Whether a name is a placeholder depends on the name alone, so it is asked only
        // when two names meet (not for each of ten thousand teams on every save).
        let placeholder = crate::template::placeholder::is_placeholder;
        let key = name.to_lowercase();
        match seen.get(&key) {
            Some(_) if placeholder(name) => {}
            Some(first) if placeholder(team_name(first)) => {
                seen.insert(key, doc);
            }
            Some(first) => out.push(
                Diagnostic::new(
                    Rule::DuplicateTeamName,
                    &doc.source,
                    doc.spans.value("/team"),
                    t(
                        "team.naam-dubbel",
                        &[("team", name), ("ander", &first.source.display)],
                    ),
                )
                .with_secondary(
                    &first.source,
                    first.spans.value("/team"),
                    t("team.naam-dubbel.eerste", &[]),
                )
                .with_hint(t("team.naam-dubbel.hint", &[])),
            ),
            None => {
                seen.insert(key, doc);
            }
        }
    }
    out
}

/// A protocol's `team:` without surrounding spaces.
fn team_name(doc: &Document) -> &str {
    doc.team_name().unwrap_or("")
}
