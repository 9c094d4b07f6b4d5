//! The pointer -> span index that lets any stage find a value's place in its file.

use std::collections::HashMap;

use crate::source::Span;

/// Where one node stands: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpans {
    /// The key's span, for mapping entries.
    pub key: Option<Span>,
    /// The value's span.
    pub value: Span,
}

/// JSON pointer (`/secties/visie/0`) to spans, for every node of a document.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    nodes: HashMap<String, NodeSpans>,
}

impl SpanIndex {
    /// Records the spans of the node at `pointer`.
    pub fn insert(&mut self, pointer: String, spans: NodeSpans) {
        self.nodes.insert(pointer, spans);
    }

    /// The spans of the node at `pointer`, if it exists.
    pub fn get(&self, pointer: &str) -> Option<&NodeSpans> {
        self.nodes.get(pointer)
    }

    /// The best span to mark for the node at `pointer`: its key when it has one, else
    /// its value; for a pointer that does not exist, the nearest existing ancestor's key
    /// (a missing key is reported at its parent mapping's key).
    pub fn key_or_value(&self, pointer: &str) -> Span {
        let mut p = pointer;
        loop {
            if let Some(n) = self.nodes.get(p) {
                return n.key.unwrap_or(n.value);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Span::file_start(),
            }
        }
    }

    /// The value's span at `pointer`, or the nearest ancestor's key or value.
    pub fn value(&self, pointer: &str) -> Span {
        match self.nodes.get(pointer) {
            Some(n) => n.value,
            None => self.key_or_value(pointer),
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

/// Appends a reference token to a JSON pointer, escaping `~` and `/`.
pub fn pointer_push(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
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

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(pointer(&["a/b", "c~d"]), "/a~1b/c~0d");
    }
}
