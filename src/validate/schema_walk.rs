//! Walks a compiled schema along an instance path, so that a schema error can be told
//! in the form's words: which section, which prompt, which type.

use serde_json::Value;

/// What the schema says about the node at an instance path.
#[derive(Debug, Default, Clone)]
pub struct NodeInfo<'s> {
    /// The schema node (after following `$ref`).
    pub schema: Option<&'s Value>,
    /// The innermost section id on the way (`x-vpd-sectie`).
    pub section: Option<&'s str>,
    /// The innermost section title on the way.
    pub section_title: Option<&'s str>,
    /// The innermost field prompt (`description`) on the way.
    pub prompt: Option<&'s str>,
    /// The `x-vpd-type` of the node itself.
    pub kind: Option<&'s str>,
    /// The `x-vpd-type` of the innermost node on the way that has one (the field).
    pub field_kind: Option<&'s str>,
    /// The title of the innermost titled object on the way (a category name).
    pub title: Option<&'s str>,
}

/// Follows a local `$ref` (`#/$defs/x`).
fn resolve<'s>(root: &'s Value, node: &'s Value) -> &'s Value {
    let mut node = node;
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => node = target,
                None => break,
            },
            None => break,
        }
    }
    node
}

fn annotate<'s>(info: &mut NodeInfo<'s>, root: &'s Value, node: &'s Value) {
    let target = resolve(root, node);
    // A field's `title` is its heading on the site (for editors); messages name a field
    // by the form's prompt, its `description`.
    let is_field = node.get("x-vpd-veld").is_some();
    for n in [node, target] {
        if let Some(s) = n.get("x-vpd-sectie").and_then(Value::as_str) {
            info.section = Some(s);
            info.section_title = n.get("title").and_then(Value::as_str);
        } else if let Some(title) = n.get("title").and_then(Value::as_str)
            && !is_field
        {
            info.title = Some(title);
        }
    }
    // A short title (an envelope key's label, a section or category name) reads better
    // in a message than a long description; fields are named by their prompt.
    if let Some(d) = node
        .get("title")
        .filter(|_| !is_field)
        .or_else(|| node.get("description"))
        .or_else(|| target.get("description"))
        .and_then(Value::as_str)
    {
        info.prompt = Some(d);
    }
    info.kind = node
        .get("x-vpd-type")
        .or_else(|| target.get("x-vpd-type"))
        .and_then(Value::as_str);
    if info.kind.is_some() && node.get("x-vpd-veld").is_some() {
        info.field_kind = info.kind;
    }
    info.schema = Some(target);
}

/// Walks `root` along the pointer tokens of `path`.
pub fn walk<'s>(root: &'s Value, path: &[String]) -> NodeInfo<'s> {
    let mut info = NodeInfo::default();
    annotate(&mut info, root, root);
    let mut node = resolve(root, root);
    for token in path {
        let next = if let Some(p) = node.get("properties").and_then(|p| p.get(token)) {
            Some(p)
        } else if token.parse::<usize>().is_ok() {
            node.get("items")
        } else {
            None
        };
        match next {
            Some(n) => {
                annotate(&mut info, root, n);
                node = resolve(root, n);
            }
            None => {
                info.schema = None;
                info.kind = None;
                break;
            }
        }
    }
    info
}

/// The property names the schema allows at `path`, for did-you-mean suggestions.
pub fn allowed_keys(root: &Value, path: &[String]) -> Vec<String> {
    walk(root, path)
        .schema
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// The `description` of property `key` of the object at `path`.
pub fn property_prompt<'s>(root: &'s Value, path: &[String], key: &str) -> Option<&'s str> {
    if let Some(title) = property_title(root, path, key) {
        return Some(title);
    }
    let mut p = path.to_vec();
    p.push(key.to_string());
    let info = walk(root, &p);
    info.schema?;
    info.prompt
}

/// The `title` of property `key` of the object at `path` (a section's or category's name;
/// a field's title is its heading on the site, and messages name a field by its prompt).
pub fn property_title<'s>(root: &'s Value, path: &[String], key: &str) -> Option<&'s str> {
    let node = walk(root, path).schema?;
    let prop = node.get("properties")?.get(key)?;
    if prop.get("x-vpd-veld").is_some() {
        return None;
    }
    resolve(root, prop).get("title").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn walks_through_refs_and_items() {
        let schema = json!({
            "$defs": {"t": {"type": "string", "x-vpd-type": "tekst"}},
            "properties": {"secties": {"properties": {"visie": {
                "x-vpd-sectie": "visie", "title": "Visie",
                "properties": {"a": {"type": "array", "description": "Vraag A", "x-vpd-veld": "a", "x-vpd-type": "lijst",
                    "items": {"$ref": "#/$defs/t"}}}}}}}
        });
        let path: Vec<String> = ["secties", "visie", "a", "0"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let info = walk(&schema, &path);
        assert_eq!(info.section, Some("visie"));
        assert_eq!(info.prompt, Some("Vraag A"));
        assert_eq!(info.kind, Some("tekst"));
        assert_eq!(info.field_kind, Some("lijst"));
    }
}
