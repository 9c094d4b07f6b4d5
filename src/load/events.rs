//! saphyr's parser events straight into a JSON value and its span tree.
//!
//! saphyr's own loader builds a `MarkedYaml` tree (a linked hash map per mapping, every
//! scalar hashed) that would only be converted into JSON and dropped: for 10,000 team
//! files that tree cost more than the parsing itself. This receiver builds the final
//! value and the [`SpanIndex`] from the events in one pass, resolving scalars with
//! saphyr's own core-schema rules ([`Scalar::parse_from_cow_and_metadata`]) and keeping
//! its loader's guarantees: duplicate keys refused (here with both places, known from
//! the events), alias expansion capped, and besides nesting depth and a second document.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, ScalarStyle, SpannedEventReceiver, Tag};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use super::misread::{self, Misread};
use super::spans::{ByteRange, Shape, SpanBuilder, SpanIndex, SpanNode};
use crate::source::{Source, Span};

/// Why the events could not become a document (each becomes a diagnostic in `yaml`).
#[derive(Debug)]
pub enum Refusal {
    /// Nesting deeper than the limit, at the collection that crosses it.
    TooDeep(Marker),
    /// A second document in the file.
    SecondDocument(Marker),
    /// A key that appears twice in one mapping: the second and the first.
    DuplicateKey {
        /// The key.
        key: String,
        /// Where it is repeated.
        repeated: Span,
        /// Where it first stands.
        first: Span,
    },
    /// A mapping or sequence used as a key.
    ComplexKey(Span),
    /// Aliases would expand into more nodes than allowed.
    AliasLimit(Marker),
}

/// A container being read.
struct Frame {
    anchor: usize,
    start: Marker,
    spans: Vec<SpanNode>,
    kind: Kind,
}

enum Kind {
    Sequence(Vec<Value>),
    /// A mapping, and the key read last whose value is still to come.
    Mapping(Map<String, Value>, Option<(String, Span)>),
}

/// Receives one file's events; see the module documentation.
pub struct TreeReceiver<'s> {
    source: &'s Source,
    spans: SpanBuilder,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, SpanNode)>,
    alias_budget: usize,
    max_depth: usize,
    documents: usize,
    root: Option<(Value, SpanNode, Span)>,
    refusal: Option<Refusal>,
    misread: Vec<Misread>,
}

impl<'s> TreeReceiver<'s> {
    /// A receiver for `source` that refuses nesting deeper than `max_depth` and more than
    /// `alias_limit` nodes produced by aliases.
    pub fn new(source: &'s Source, max_depth: usize, alias_limit: usize) -> Self {
        TreeReceiver {
            source,
            spans: SpanBuilder::new(source),
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_budget: alias_limit,
            max_depth,
            documents: 0,
            root: None,
            refusal: None,
            misread: Vec::new(),
        }
    }

    /// Texts that YAML read differently than they were written (see [`Misread`]).
    pub fn misread(&self) -> &[Misread] {
        &self.misread
    }

    /// The document (its value, spans and the root's span), or why there is none:
    /// `Ok(None)` for a file without a document.
    pub fn finish(self) -> Result<Option<(Value, SpanIndex, Span)>, Refusal> {
        if let Some(refusal) = self.refusal {
            return Err(refusal);
        }
        Ok(self
            .root
            .map(|(value, node, span)| (value, self.spans.finish(node), span)))
    }

    fn span(&self, start: Marker, end: Marker) -> Span {
        node_span(self.source, start, end)
    }

    fn step(&mut self, event: Event<'_>, at: saphyr_parser::Span) -> Result<(), Refusal> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Refusal::SecondDocument(at.start));
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= self.max_depth {
                    return Err(Refusal::TooDeep(at.start));
                }
                let kind = match event {
                    Event::SequenceStart(..) => Kind::Sequence(Vec::new()),
                    _ => Kind::Mapping(Map::new(), None),
                };
                self.stack.push(Frame {
                    anchor,
                    start: at.start,
                    spans: Vec::new(),
                    kind,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let span = self.span(frame.start, at.start);
                let (value, shape) = match frame.kind {
                    Kind::Sequence(mut items) => {
                        items.shrink_to_fit();
                        (Value::Array(items), Shape::Sequence)
                    }
                    Kind::Mapping(map, _) => (Value::Object(map), Shape::Mapping),
                };
                let node = self.spans.container(shape, bytes(span), &frame.spans);
                self.insert(value, node, span, frame.anchor)?;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tagged = tag.as_ref().is_some_and(|t| !t.is_yaml_core_schema());
                let value = scalar(text, style, tag);
                let span = self.span(at.start, at.end);
                if style == ScalarStyle::Plain {
                    let found = misread::find(self.source, &value, at.start, at.end, tagged);
                    self.misread.extend(found);
                }
                self.insert(value, SpanBuilder::leaf(bytes(span)), span, anchor)?;
            }
            Event::Alias(id) => {
                let span = self.span(at.start, at.end);
                let Some((value, node)) = self.anchors.get(&id) else {
                    return self.insert(Value::Null, SpanBuilder::leaf(bytes(span)), span, 0);
                };
                if !within_budget(value, &mut self.alias_budget) {
                    return Err(Refusal::AliasLimit(at.start));
                }
                let (value, node) = (value.clone(), SpanBuilder::moved(*node, bytes(span)));
                self.insert(value, node, span, 0)?;
            }
            Event::DocumentEnd | Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// Places a finished node in its parent (as an item, a key or a value) or as the root.
    fn insert(
        &mut self,
        value: Value,
        node: SpanNode,
        span: Span,
        anchor: usize,
    ) -> Result<(), Refusal> {
        if anchor > 0 {
            self.anchors.insert(anchor, (value.clone(), node));
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some((value, node, span));
            return Ok(());
        };
        match &mut frame.kind {
            Kind::Sequence(items) => {
                items.push(value);
                frame.spans.push(node);
            }
            Kind::Mapping(_, pending @ None) => {
                let key = key_text(value).ok_or(Refusal::ComplexKey(span))?;
                *pending = Some((key, span));
            }
            Kind::Mapping(map, pending @ Some(_)) => {
                let Some((key, key_span)) = pending.take() else {
                    return Ok(());
                };
                // One lookup: the key is either new (and inserted) or a repetition.
                match map.entry(key) {
                    Entry::Vacant(slot) => {
                        let node = self.spans.keyed(node, slot.key(), bytes(key_span));
                        slot.insert(value);
                        frame.spans.push(node);
                    }
                    Entry::Occupied(taken) => {
                        let key = taken.key().clone();
                        let first = map.keys().position(|k| *k == key).unwrap_or_default();
                        let first = SpanBuilder::key_of(&frame.spans[first]).unwrap_or_default();
                        return Err(Refusal::DuplicateKey {
                            key,
                            repeated: key_span,
                            first: Span {
                                start: self.source.pos_of_byte(first.start as usize),
                                end: self.source.pos_of_byte(first.end as usize),
                            },
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

impl<'input> SpannedEventReceiver<'input> for TreeReceiver<'_> {
    fn on_event(&mut self, event: Event<'input>, span: saphyr_parser::Span) {
        if self.refusal.is_some() {
            return;
        }
        if let Err(refusal) = self.step(event, span) {
            self.refusal = Some(refusal);
        }
    }
}

/// A scalar by YAML's core schema (a tag outside it is ignored; what the schema cannot
/// read, such as `!!int x`, is null).
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<Cow<'_, Tag>>) -> Value {
    let tag = tag.filter(|t| t.is_yaml_core_schema());
    match Scalar::parse_from_cow_and_metadata(text, style, tag.as_ref()) {
        Some(Scalar::Null) | None => Value::Null,
        Some(Scalar::Boolean(b)) => Value::Bool(b),
        Some(Scalar::Integer(i)) => Value::Number(i.into()),
        Some(Scalar::FloatingPoint(f)) => Number::from_f64(f.into_inner())
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(f.to_string())),
        Some(Scalar::String(s)) => {
            // The scanner grows the strings it unescapes: keep only what the text needs,
            // as every document is held until the end.
            let mut s = s.into_owned();
            s.shrink_to_fit();
            Value::String(s)
        }
    }
}

/// A scalar key as text (`1`, `true`, `null` as written by YAML's core schema); none for
/// a mapping or sequence.
fn key_text(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Whether `value`'s nodes fit in what is left of the alias budget (taking them from it).
fn within_budget(value: &Value, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match value {
        Value::Array(items) => items.iter().all(|v| within_budget(v, budget)),
        Value::Object(map) => map.values().all(|v| within_budget(v, budget)),
        _ => true,
    }
}

/// A node's span from the parser's markers. Block collections end at the start of the
/// next token, often on a later line: only their first line is marked, so the excerpt
/// stays readable.
pub fn node_span(source: &Source, start: Marker, end: Marker) -> Span {
    let start = source.pos(start.line(), start.col());
    let end = source.pos(end.line(), end.col());
    if end.line > start.line || end.byte < start.byte {
        let line = source.line_span(start.line);
        return Span {
            start,
            end: line.end.max(start),
        };
    }
    Span { start, end }
}

/// A span's byte range (files are at most [`super::MAX_FILE_BYTES`] long).
fn bytes(span: Span) -> ByteRange {
    ByteRange {
        start: span.start.byte as u32,
        end: span.end.byte as u32,
    }
}
