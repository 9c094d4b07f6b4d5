//! References (departments, roles, werkvormen) must exist; slugs and team names must be
//! unique.

use std::collections::HashMap;

use serde_json::Value;

use super::org::Organisation;
use super::suggest::did_you_mean;
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::load::spans::{pointer_push, pointer_push_index};
use crate::messages::t;
use crate::source::{Source, Span};

/// The ids a reference may point at.
pub struct Targets<'a> {
    /// The organisation (departments and roles).
    pub org: &'a Organisation,
    /// The werkvorm slugs.
    pub werkvormen: &'a [String],
}

/// The kinds of value a reference may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Department,
    Role,
    Werkvorm,
}

impl RefKind {
    fn of(name: &str) -> Option<Self> {
        match name {
            "afdeling" => Some(RefKind::Department),
            "rol" => Some(RefKind::Role),
            "werkvorm" => Some(RefKind::Werkvorm),
            _ => None,
        }
    }

    /// The word the messages use for it (`verwijzing.{word}`).
    fn word(self) -> &'static str {
        match self {
            RefKind::Department => "afdeling",
            RefKind::Role => "rol",
            RefKind::Werkvorm => "werkvorm",
        }
    }
}

/// Where a template's schema lets a value name a department, role or werkvorm: the
/// schema's `properties`, `items` and `$ref`s resolved once, when the schema is compiled,
/// and every branch without a reference left out. Checking a document then follows only
/// these branches instead of resolving the schema at every node of every document.
#[derive(Debug, Default)]
pub struct RefPlan {
    kind: Option<RefKind>,
    properties: Vec<(String, RefPlan)>,
    items: Option<Box<RefPlan>>,
}

/// How deep a plan follows the schema: far beyond any template, a guard against a
/// schema whose `$ref`s form a cycle.
const PLAN_DEPTH: usize = 32;

impl RefPlan {
    /// The plan of `schema` (a compiled template's JSON Schema).
    pub fn of(schema: &Value) -> Self {
        Self::node(schema, schema, 0).unwrap_or_default()
    }

    fn node(root: &Value, node: &Value, depth: usize) -> Option<Self> {
        if depth > PLAN_DEPTH {
            return None;
        }
        let node = resolve(root, node);
        let kind = node
            .get("x-vpd-type")
            .and_then(Value::as_str)
            .and_then(RefKind::of);
        let properties: Vec<(String, RefPlan)> = node
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.clone(), Self::node(root, v, depth + 1)?)))
            .collect();
        let items = node
            .get("items")
            .and_then(|i| Self::node(root, i, depth + 1))
            .map(Box::new);
        let empty = kind.is_none() && properties.is_empty() && items.is_none();
        (!empty).then_some(RefPlan {
            kind,
            properties,
            items,
        })
    }

    fn property(&self, key: &str) -> Option<&RefPlan> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, plan)| plan)
    }
}

/// Every broken reference in `doc`, found by walking its value along `plan` (its
/// template's [`RefPlan`]).
pub fn check_references(doc: &Document, plan: &RefPlan, targets: &Targets) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ptr = String::new();
    walk(doc, plan, &doc.value, &mut ptr, targets, &mut out);
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
    plan: &RefPlan,
    value: &Value,
    ptr: &mut String,
    targets: &Targets,
    out: &mut Vec<Diagnostic>,
) {
    match value {
        Value::Object(map) if !plan.properties.is_empty() => {
            for (k, v) in map {
                if let Some(child) = plan.property(k) {
                    let len = ptr.len();
                    pointer_push(ptr, k);
                    walk(doc, child, v, ptr, targets, out);
                    ptr.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            let Some(item_plan) = &plan.items else {
                return;
            };
            for (i, v) in items.iter().enumerate() {
                let len = ptr.len();
                pointer_push_index(ptr, i);
                walk(doc, item_plan, v, ptr, targets, out);
                ptr.truncate(len);
            }
        }
        Value::String(s) => {
            if let Some(kind) = plan.kind {
                check_one(doc, kind, s, ptr, targets, out);
            }
        }
        _ => {}
    }
}

/// The finding for the reference `s` of `kind` at `ptr`, if it names nothing known.
fn check_one(
    doc: &Document,
    kind: RefKind,
    s: &str,
    ptr: &str,
    targets: &Targets,
    out: &mut Vec<Diagnostic>,
) {
    let known: Vec<&str> = match kind {
        // Without a policy there is nothing to resolve against; that is reported once.
        RefKind::Department | RefKind::Role if targets.org.policy.is_none() => return,
        RefKind::Department => targets
            .org
            .departments
            .iter()
            .map(|d| d.id.as_str())
            .collect(),
        RefKind::Role => targets.org.roles.iter().map(|r| r.id.as_str()).collect(),
        RefKind::Werkvorm => targets.werkvormen.iter().map(String::as_str).collect(),
    };
    if known.contains(&s) || crate::template::placeholder::is_placeholder(s) {
        return;
    }
    let kind = kind.word();
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

/// The hint for a reference of `kind` when the organisation has nothing of that kind yet.
fn none_known_hint(kind: &str) -> &'static str {
    match kind {
        "afdeling" => "verwijzing.afdeling.geen",
        "rol" => "verwijzing.rol.geen",
        _ => "verwijzing.werkvorm.geen",
    }
}

/// What the cross-file checks (unique slugs and team names) need of a document, kept
/// when its tree is not: `vpd check` drops each team protocol once it is checked.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The file.
    pub source: Source,
    /// The document's slug: its `slug` key, or else its file name.
    pub slug: String,
    /// Where the slug is set (the start of the file when it comes from the file name).
    pub slug_span: Span,
    /// A team protocol's `team:` without surrounding spaces ("" when it has none).
    pub team: String,
    /// `team` in lower case: two names are the same team when these are equal.
    team_key: String,
    /// Where `team:` stands.
    pub team_span: Span,
}

impl Identity {
    /// The identity of `doc`, sharing its file.
    pub fn of(doc: &Document) -> Identity {
        let slug_span = if doc.value.get("slug").is_some() {
            doc.spans.value("/slug")
        } else {
            Span::file_start()
        };
        Identity {
            source: doc.source.clone(),
            slug: doc.slug().to_string(),
            slug_span,
            team: doc.team_name().unwrap_or("").to_string(),
            team_key: doc.team_name().unwrap_or("").to_lowercase(),
            team_span: doc.spans.value("/team"),
        }
    }

    /// The same identity holding the file's text only up to its `slug:` and `team:` lines,
    /// the places its findings point at: for a document that is not kept.
    pub fn without_rest(self) -> Identity {
        let end = self.slug_span.end.byte.max(self.team_span.end.byte);
        Identity {
            source: std::sync::Arc::new(self.source.head(end)),
            ..self
        }
    }
}

/// Duplicate slugs within one group (teams, werkvormen, leerdoelwijzers), in file order:
/// each later one is an error pointing at both files.
pub fn check_unique_slugs<'a>(group: impl IntoIterator<Item = &'a Identity>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let group = group.into_iter();
    let mut seen = first_seen(group.size_hint().1.unwrap_or(0));
    for item in group {
        match seen.get(item.slug.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(
                    Rule::DuplicateSlug,
                    &item.source,
                    item.slug_span,
                    t(
                        "slug.dubbel",
                        &[("slug", &item.slug), ("ander", &first.source.display)],
                    ),
                )
                .with_secondary(&first.source, first.slug_span, t("slug.dubbel.eerste", &[]))
                .with_hint(t("slug.dubbel.hint", &[])),
            ),
            None => {
                seen.insert(&item.slug, item);
            }
        }
    }
    out
}

/// The first document seen with each key, for at most `count` documents.
fn first_seen<'a>(count: usize) -> HashMap<&'a str, &'a Identity, foldhash::fast::RandomState> {
    HashMap::with_capacity_and_hasher(count, foldhash::fast::RandomState::default())
}

/// Team protocols that name the same team (`team:`, compared without surrounding spaces
/// and case), in file order: each later one is an error at its `team:` value pointing at
/// the first. Placeholders and empty names are left to the schema check.
pub fn check_unique_team_names<'a>(
    teams: impl IntoIterator<Item = &'a Identity>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let teams = teams.into_iter();
    let mut seen = first_seen(teams.size_hint().1.unwrap_or(0));
    for team in teams {
        let name = team.team.as_str();
        if name.is_empty() {
            continue;
        }
        // Whether a name is a placeholder depends on the name alone, so it is asked only
        // when two names meet (not for each of ten thousand teams on every save).
        let placeholder = crate::template::placeholder::is_placeholder;
        let key = team.team_key.as_str();
        match seen.get(key) {
            Some(_) if placeholder(name) => {}
            Some(first) if placeholder(&first.team) => {
                seen.insert(key, team);
            }
            Some(first) => out.push(
                Diagnostic::new(
                    Rule::DuplicateTeamName,
                    &team.source,
                    team.team_span,
                    t(
                        "team.naam-dubbel",
                        &[("team", name), ("ander", &first.source.display)],
                    ),
                )
                .with_secondary(
                    &first.source,
                    first.team_span,
                    t("team.naam-dubbel.eerste", &[]),
                )
                .with_hint(t("team.naam-dubbel.hint", &[])),
            ),
            None => {
                seen.insert(key, team);
            }
        }
    }
    out
}
