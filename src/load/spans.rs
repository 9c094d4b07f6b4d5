//! The pointer -> span index that lets any stage find a value's place in its file.
//!
//! Every document keeps one, so it is built to be small: a tree in one vector, shaped
//! like the document (the children of a node stand side by side), holding byte offsets
//! only. Line and column are computed from the source file's line index when a span is
//! asked for, which happens once per finding, not once per node. The earlier map from
//! JSON-pointer strings to full positions took three quarters of `vpd check`'s memory.

use std::collections::HashMap;

use crate::source::{Source, Span};

/// Where one node stands: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpans {
    /// The key's span, for mapping entries.
    pub key: Option<Span>,
    /// The value's span.
    pub value: Span,
}

/// A byte range in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteRange {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// How a node's children are addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A scalar: no children.
    Leaf,
    /// A sequence: children by index.
    Sequence,
    /// A mapping: children by key.
    Mapping,
}

/// One node of the tree, as the builder hands it around before it is placed.
#[derive(Debug, Clone, Copy)]
pub struct SpanNode {
    /// The key's bytes in the source, for mapping entries.
    key: Option<ByteRange>,
    /// The value's bytes in the source.
    value: ByteRange,
    /// The key's text in [`SpanIndex::names`] (empty for sequence items and the root).
    name: ByteRange,
    /// Index of the first child; the children follow it.
    first_child: u32,
    /// How many children.
    children: u32,
    shape: Shape,
}

/// Mappings with more keys than this get a sorted lookup table (hostile files may hold
/// tens of thousands of keys at one level; ordinary ones a handful).
const SORTED_FROM: u32 = 32;

/// The best node so far of [`SpanIndex::path_at`]: (start, rank, depth) and its keys.
struct Closest {
    at: Option<(u32, u8, usize)>,
    path: Vec<String>,
}

/// JSON pointer (`/secties/visie/0`) to spans, for every node of a document.
#[derive(Debug, Clone)]
pub struct SpanIndex {
    source: Source,
    nodes: Vec<SpanNode>,
    root: u32,
    names: String,
    /// For large mappings (by node index): their children sorted by key.
    sorted: HashMap<u32, Vec<u32>>,
}

/// Builds a [`SpanIndex`] bottom-up, as a parser's events finish nodes: a container's
/// children are placed side by side when the container ends ([`SpanBuilder::container`]),
/// after their own children.
#[derive(Debug)]
pub struct SpanBuilder {
    index: SpanIndex,
}

impl SpanBuilder {
    /// Starts an index for `source`.
    pub fn new(source: &Source) -> SpanBuilder {
        SpanBuilder {
            index: SpanIndex {
                source: source.clone(),
                nodes: Vec::new(),
                root: 0,
                names: String::new(),
                sorted: HashMap::new(),
            },
        }
    }

    /// A scalar (or an alias) whose value covers `value`.
    pub fn leaf(value: ByteRange) -> SpanNode {
        SpanNode {
            key: None,
            value,
            name: ByteRange::default(),
            first_child: 0,
            children: 0,
            shape: Shape::Leaf,
        }
    }

    /// A finished container of `shape` covering `value`, its `children` in order.
    pub fn container(&mut self, shape: Shape, value: ByteRange, children: &[SpanNode]) -> SpanNode {
        let first_child = self.index.nodes.len() as u32;
        self.index.nodes.extend_from_slice(children);
        SpanNode {
            key: None,
            value,
            name: ByteRange::default(),
            first_child,
            children: children.len() as u32,
            shape,
        }
    }

    /// `node` as the entry of a mapping under the key `text`, written at `key`.
    pub fn keyed(&mut self, node: SpanNode, text: &str, key: ByteRange) -> SpanNode {
        let start = self.index.names.len() as u32;
        self.index.names.push_str(text);
        let name = ByteRange {
            start,
            end: self.index.names.len() as u32,
        };
        SpanNode {
            key: Some(key),
            name,
            ..node
        }
    }

    /// `node` (an anchored node, for an alias to it) standing at `value`: its children
    /// are shared with the anchor's.
    pub fn moved(node: SpanNode, value: ByteRange) -> SpanNode {
        SpanNode {
            key: None,
            value,
            name: ByteRange::default(),
            ..node
        }
    }

    /// The key bytes of an entry made by [`SpanBuilder::keyed`].
    pub fn key_of(node: &SpanNode) -> Option<ByteRange> {
        node.key
    }

    /// The finished index with `root` at its top.
    pub fn finish(mut self, root: SpanNode) -> SpanIndex {
        self.index.root = self.index.nodes.len() as u32;
        self.index.nodes.push(root);
        self.index.nodes.shrink_to_fit();
        self.index.names.shrink_to_fit();
        let large: Vec<u32> = (0..self.index.nodes.len() as u32)
            .filter(|&i| {
                let n = &self.index.nodes[i as usize];
                n.shape == Shape::Mapping && n.children > SORTED_FROM
            })
            .collect();
        for i in large {
            let n = self.index.nodes[i as usize];
            let mut order: Vec<u32> = (n.first_child..n.first_child + n.children).collect();
            order.sort_by(|a, b| self.index.name(*a).cmp(self.index.name(*b)));
            self.index.sorted.insert(i, order);
        }
        self.index
    }
}

impl SpanIndex {
    fn name(&self, node: u32) -> &str {
        let r = self.nodes[node as usize].name;
        &self.names[r.start as usize..r.end as usize]
    }

    fn span(&self, bytes: ByteRange) -> Span {
        Span {
            start: self.source.pos_of_byte(bytes.start as usize),
            end: self.source.pos_of_byte(bytes.end as usize),
        }
    }

    /// The child of `node` named by the pointer token `token` (already unescaped).
    fn child(&self, node: u32, token: &str) -> Option<u32> {
        let n = self.nodes[node as usize];
        match n.shape {
            Shape::Leaf => None,
            Shape::Sequence => token
                .parse::<u32>()
                .ok()
                .filter(|&i| i < n.children && (i == 0 || !token.starts_with('0')))
                .map(|i| n.first_child + i),
            Shape::Mapping => match self.sorted.get(&node) {
                Some(order) => order
                    .binary_search_by(|c| self.name(*c).cmp(token))
                    .ok()
                    .map(|i| order[i]),
                None => {
                    (n.first_child..n.first_child + n.children).find(|&c| self.name(c) == token)
                }
            },
        }
    }

    /// The deepest node on the way to `pointer`, and whether it is the node itself.
    fn walk(&self, pointer: &str) -> (u32, bool) {
        let mut node = self.root;
        if pointer.is_empty() {
            return (node, true);
        }
        let Some(rest) = pointer.strip_prefix('/') else {
            return (node, false);
        };
        for raw in rest.split('/') {
            let token = unescape(raw);
            match self.child(node, &token) {
                Some(c) => node = c,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// The spans of the node at `pointer`, if it exists.
    pub fn get(&self, pointer: &str) -> Option<NodeSpans> {
        let (node, found) = self.walk(pointer);
        found.then(|| {
            let n = self.nodes[node as usize];
            NodeSpans {
                key: n.key.map(|k| self.span(k)),
                value: self.span(n.value),
            }
        })
    }

    /// The best span to mark for the node at `pointer`: its key when it has one, else
    /// its value; for a pointer that does not exist, the nearest existing ancestor's key
    /// (a missing key is reported at its parent mapping's key).
    pub fn key_or_value(&self, pointer: &str) -> Span {
        let (node, _) = self.walk(pointer);
        let n = self.nodes[node as usize];
        self.span(n.key.unwrap_or(n.value))
    }

    /// The value's span at `pointer`, or the nearest ancestor's key or value.
    pub fn value(&self, pointer: &str) -> Span {
        match self.walk(pointer) {
            (node, true) => self.span(self.nodes[node as usize].value),
            (_, false) => self.key_or_value(pointer),
        }
    }

    /// The keys (and list indices, as text) from the root to the node a finding at `byte`
    /// is about: the node whose key or value starts last at or before `byte`. A
    /// container's span is its first token only (its first key), so where two start at the
    /// same byte a scalar's value wins over a key (an empty value stands where the next key
    /// starts), and a key over a container; then the deeper node.
    pub fn path_at(&self, byte: usize) -> Vec<String> {
        let mut best = Closest {
            at: None,
            path: Vec::new(),
        };
        let mut path = Vec::new();
        self.closest(self.root, byte as u32, &mut path, &mut best);
        best.path
    }

    fn closest(&self, node: u32, byte: u32, path: &mut Vec<String>, best: &mut Closest) {
        let n = self.nodes[node as usize];
        let value_rank = if n.shape == Shape::Leaf { 2 } else { 0 };
        let starts = [
            Some((n.value.start, value_rank)),
            n.key.map(|k| (k.start, 1)),
        ];
        for (start, rank) in starts.into_iter().flatten() {
            let score = (start, rank, path.len());
            if start <= byte && best.at.is_none_or(|b| score > b) {
                best.at = Some(score);
                best.path = path.clone();
            }
        }
        for i in 0..n.children {
            let child = n.first_child + i;
            match n.shape {
                Shape::Mapping => path.push(self.name(child).to_string()),
                _ => path.push(i.to_string()),
            }
            self.closest(child, byte, path, best);
            path.pop();
        }
    }

    /// The span to mark when a key is missing from the mapping at `parent`: the parent's
    /// key, or the first line of the file for the root mapping.
    pub fn missing_in(&self, parent: &str) -> Span {
        if parent.is_empty() {
            return Span::file_start();
        }
        self.key_or_value(parent)
    }
}

/// A pointer's reference token with `~1` and `~0` turned back into `/` and `~`.
fn unescape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// Appends a reference token to a JSON pointer, escaping `~` and `/`.
pub fn pointer_push(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends a list index to a JSON pointer (without allocating a string for it).
pub fn pointer_push_index(pointer: &mut String, index: usize) {
    use std::fmt::Write;
    // Writing to a `String` cannot fail.
    let _ = write!(pointer, "/{index}");
}

/// A JSON pointer built from tokens.
pub fn pointer(tokens: &[&str]) -> String {
    let mut p = String::new();
    for t in tokens {
        pointer_push(&mut p, t);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(pointer(&["a/b", "c~d"]), "/a~1b/c~0d");
    }

    fn range(start: u32, end: u32) -> ByteRange {
        ByteRange { start, end }
    }

    fn source(text: &str) -> Source {
        Arc::new(SourceFile::new(
            Path::new("t.yaml"),
            "t.yaml".into(),
            text.into(),
        ))
    }

    /// `a: [x, y]` and `b/c: z` by hand, then looked up by pointer.
    #[test]
    fn lookups_walk_keys_indexes_and_escapes() {
        let text = "a: [x, y]\nb/c: z\n";
        let mut b = SpanBuilder::new(&source(text));
        let items = [
            SpanBuilder::leaf(range(4, 5)),
            SpanBuilder::leaf(range(7, 8)),
        ];
        let a = b.container(Shape::Sequence, range(3, 9), &items);
        let a = b.keyed(a, "a", range(0, 1));
        let bc = SpanBuilder::leaf(range(15, 16));
        let bc = b.keyed(bc, "b/c", range(10, 13));
        let root = b.container(Shape::Mapping, range(0, 16), &[a, bc]);
        let index = b.finish(root);
        assert_eq!(index.value("/a/1").start.column, 8);
        assert_eq!(index.value("/b~1c").start.line, 2);
        assert_eq!(index.key_or_value("/a").start.column, 1);
        // Missing: the nearest ancestor's key; a leading zero is not an index.
        assert_eq!(index.key_or_value("/a/01"), index.key_or_value("/a"));
        assert_eq!(index.value("/a/5/x").start.column, 1);
        assert!(index.get("/b/c").is_none());
        assert_eq!(index.missing_in(""), Span::file_start());
    }

    #[test]
    fn large_mappings_are_found_by_binary_search() {
        // In file order the keys run backwards, so the lookup table must sort them.
        let keys: Vec<String> = (0..100).rev().map(|i| format!("k{i:03}")).collect();
        let text = keys.iter().map(|k| format!("{k}: 1\n")).collect::<String>();
        let mut b = SpanBuilder::new(&source(&text));
        let entries: Vec<SpanNode> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let at = (i * 8) as u32;
                b.keyed(
                    SpanBuilder::leaf(range(at + 6, at + 7)),
                    k,
                    range(at, at + 4),
                )
            })
            .collect();
        let root = b.container(Shape::Mapping, range(0, text.len() as u32), &entries);
        let index = b.finish(root);
        assert_eq!(index.key_or_value("/k042").start.line, 58);
        assert_eq!(index.value("/k099").start.column, 7);
        assert!(index.get("/k100").is_none());
    }
}

#[cfg(test)]
mod path_at_tests {
    use std::path::Path;
    use std::sync::Arc;

    use crate::source::SourceFile;

    fn doc(text: &str) -> crate::load::Document {
        let source = Arc::new(SourceFile::new(
            Path::new("t.yaml"),
            "t.yaml".into(),
            text.into(),
        ));
        crate::load::parse_document(&source).expect("parses")
    }

    #[test]
    fn a_byte_is_found_at_the_keys_of_its_answer() {
        let text = "a: 1\nsecties:\n  visie:\n    lijst:\n      - |\n        .....\n      - \"x\"\n    tekst: y\n";
        let d = doc(text);
        let at = |needle: &str| d.spans.path_at(text.find(needle).expect("needle"));
        assert_eq!(at("....."), ["secties", "visie", "lijst", "0"]);
        assert_eq!(at("\"x\""), ["secties", "visie", "lijst", "1"]);
        assert_eq!(at("tekst"), ["secties", "visie", "tekst"]);
        assert_eq!(at("1\n"), ["a"]);
        // An empty value is its own key's, not the next key's.
        let empty = doc("a:\nb: x\n");
        let b = "a:\n".len();
        assert_eq!(
            empty.spans.path_at(empty.spans.value("/a").start.byte),
            ["a"]
        );
        assert_eq!(empty.spans.path_at(b), ["b"]);
        let literal = doc("a: |-\nb: x\n");
        let a = literal.spans.value("/a").start.byte;
        assert_eq!(literal.spans.path_at(a), ["a"]);
        // A missing key is reported at its parent's key.
        assert_eq!(at("visie"), ["secties", "visie"]);
        let span = d.spans.value("/secties/visie/lijst/0");
        assert_eq!(
            d.spans.path_at(span.start.byte),
            ["secties", "visie", "lijst", "0"]
        );
    }
}
