//! YAML text to a JSON value plus a span for every key and value.
//!
//! Parsing goes through saphyr's `MarkedYaml` loader (duplicate keys rejected, alias
//! expansion capped). A thin event receiver in front of the loader counts nesting depth
//! and documents, so hostile input is refused before a deep tree is ever built.

use saphyr::{MarkedYaml, Scalar, YamlData, YamlLoader};
use saphyr_parser::{Event, Marker, Parser, ScanError, SpannedEventReceiver};
use serde_json::{Map, Number, Value};

use super::spans::{NodeSpans, SpanIndex, pointer_push};
use crate::diagnostic::{Diagnostic, Rule};
use crate::messages::t;
use crate::source::{Source, Span};

/// The deepest nesting of mappings and sequences a document may have.
pub const MAX_DEPTH: usize = 48;
/// How many nodes alias expansion may produce in one file.
pub const ALIAS_LIMIT: usize = 10_000;

/// A parsed YAML document: its value and where every part of it stands.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document as JSON, keys in file order.
    pub value: Value,
    /// JSON pointer to key and value spans.
    pub spans: SpanIndex,
}

/// What stopped the receiver early.
enum Refusal {
    TooDeep(Marker),
    SecondDocument(Marker),
}

/// Forwards events to the saphyr loader while counting depth and documents.
struct GuardedReceiver<'input> {
    loader: YamlLoader<'input, MarkedYaml<'input>>,
    depth: usize,
    documents: usize,
    refusal: Option<Refusal>,
}

impl<'input> SpannedEventReceiver<'input> for GuardedReceiver<'input> {
    fn on_event(&mut self, ev: Event<'input>, span: saphyr_parser::Span) {
        if self.refusal.is_some() {
            return;
        }
        match &ev {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.refusal = Some(Refusal::SecondDocument(span.start));
                    return;
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    self.refusal = Some(Refusal::TooDeep(span.start));
                    return;
                }
            }
            Event::MappingEnd | Event::SequenceEnd => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.loader.on_event(ev, span);
    }
}

/// Parses `text` (which starts at the first byte of `source`'s text) into a [`Parsed`].
pub fn parse(source: &Source, text: &str) -> Result<Parsed, Diagnostic> {
    let mut loader = YamlLoader::<MarkedYaml>::default();
    loader.alias_limit(ALIAS_LIMIT);
    let mut receiver = GuardedReceiver {
        loader,
        depth: 0,
        documents: 0,
        refusal: None,
    };
    let mut parser = Parser::new_from_str(text);
    let parse_result = parser.load(&mut receiver, true);
    if let Some(refusal) = receiver.refusal {
        return Err(match refusal {
            Refusal::TooDeep(m) => Diagnostic::new(
                Rule::TooDeep,
                source,
                marker_span(source, m),
                t("yaml.te-diep", &[("max", &MAX_DEPTH.to_string())]),
            )
            .with_hint(t("yaml.te-diep.hint", &[])),
            Refusal::SecondDocument(m) => Diagnostic::new(
                Rule::MultipleDocuments,
                source,
                marker_span(source, m),
                t("yaml.meerdere-documenten", &[]),
            )
            .with_hint(t("yaml.meerdere-documenten.hint", &[])),
        });
    }
    if let Err(e) = parse_result {
        return Err(scan_error(source, &e));
    }
    if let Some(e) = receiver.loader.error() {
        return Err(scan_error(source, e));
    }
    let docs = receiver.loader.into_documents();
    let Some(root) = docs.into_iter().next() else {
        return Err(empty(source));
    };
    if matches!(
        root.data,
        YamlData::BadValue | YamlData::Value(Scalar::Null)
    ) {
        return Err(empty(source));
    }
    let mut spans = SpanIndex::default();
    let root_span = node_span(source, &root);
    spans.insert(
        String::new(),
        NodeSpans {
            key: None,
            value: root_span,
        },
    );
    let mut pointer = String::new();
    let value = convert(source, &root, &mut pointer, &mut spans)?;
    if !value.is_object() {
        return Err(Diagnostic::new(
            Rule::NotAMapping,
            source,
            root_span,
            t("yaml.geen-mapping", &[]),
        )
        .with_hint(t("yaml.geen-mapping.hint", &[])));
    }
    Ok(Parsed { value, spans })
}

fn empty(source: &Source) -> Diagnostic {
    Diagnostic::new(
        Rule::EmptyFile,
        source,
        Span::file_start(),
        t("bestand.leeg", &[]),
    )
    .with_hint(t("bestand.leeg.hint", &[]))
}

fn marker_span(source: &Source, m: Marker) -> Span {
    let p = source.pos(m.line(), m.col());
    let end = source.pos(m.line(), m.col() + 1);
    Span { start: p, end }
}

fn node_span(source: &Source, node: &MarkedYaml) -> Span {
    let start = source.pos(node.span.start.line(), node.span.start.col());
    let end = source.pos(node.span.end.line(), node.span.end.col());
    // Block collections end at the start of the next token, often on a later line:
    // mark only the first line so the excerpt stays readable.
    if end.line > start.line || end.byte < start.byte {
        let line = source.line_span(start.line);
        return Span {
            start,
            end: line.end.max(start),
        };
    }
    Span { start, end }
}

fn scan_error(source: &Source, e: &ScanError) -> Diagnostic {
    let m = e.marker();
    let span = marker_span(source, *m);
    let info = e.info();
    let (rule, key) = if info.contains("duplicated key") {
        (Rule::DuplicateKey, "yaml.dubbele-sleutel")
    } else if info.contains("recursion limit") {
        (Rule::TooDeep, "yaml.te-diep")
    } else if info.contains("alias expansion") {
        (Rule::AliasLimit, "yaml.alias-limiet")
    } else if info.contains("tab") || line_has_tab_indent(source, span.start.line) {
        (Rule::YamlTab, "yaml.tab")
    } else {
        (Rule::YamlSyntax, "yaml.syntaxis")
    };
    let span = match rule {
        Rule::YamlTab => first_tab(source, span.start.line).unwrap_or(span),
        Rule::TooDeep => flow_too_deep(source).unwrap_or(span),
        _ => span,
    };
    let key_text: String = source.text[span.start.byte.min(source.text.len())..]
        .chars()
        .take_while(|c| !matches!(c, ':' | ',' | '}' | ']' | '\n' | '\r'))
        .collect::<String>()
        .trim_end()
        .to_string();
    let detail = translate_detail(info);
    let mut d = Diagnostic::new(
        rule,
        source,
        span,
        t(
            key,
            &[
                ("sleutel", key_text.trim()),
                ("detail", &detail),
                ("limiet", &ALIAS_LIMIT.to_string()),
                ("max", &MAX_DEPTH.to_string()),
            ],
        ),
    )
    .with_hint(t(&format!("{key}.hint"), &[]));
    if rule == Rule::DuplicateKey {
        d = d.with_label(t("yaml.dubbele-sleutel.label", &[("sleutel", &key_text)]));
        if let Some(first) = first_occurrence(source, span) {
            d = d.with_secondary(source, first, t("yaml.dubbele-sleutel.eerste", &[]));
        }
    }
    d
}

/// For a duplicate key inside a one-line flow mapping (`{ id: a, id: b }`): the earlier
/// occurrence on the same line.
fn earlier_on_same_line(source: &Source, dup: Span) -> Option<Span> {
    let line = source.line_span(dup.start.line);
    let rest = &source.text[dup.start.byte..line.end.byte];
    let key: String = rest
        .chars()
        .take_while(|c| !matches!(c, ':' | ',' | '}' | ']') && !c.is_whitespace())
        .collect();
    if key.is_empty() {
        return None;
    }
    let before = &source.text[line.start.byte..dup.start.byte];
    let mut search = 0;
    while let Some(i) = before[search..].find(key.as_str()) {
        let at = search + i;
        let prev = before[..at].chars().last();
        let after = before[at + key.len()..].trim_start();
        if matches!(prev, Some('{' | ',' | ' ')) && after.starts_with(':') {
            let start = source.pos_of_byte(line.start.byte + at);
            return Some(Span {
                start,
                end: source.pos_of_byte(line.start.byte + at + key.len()),
            });
        }
        search = at + key.len();
    }
    None
}

/// For a duplicate key, finds the earlier line with the same key at the same indentation.
fn first_occurrence(source: &Source, dup: Span) -> Option<Span> {
    if let Some(found) = earlier_on_same_line(source, dup) {
        return Some(found);
    }
    let line = source.line_span(dup.start.line);
    let text = &source.text[line.start.byte..line.end.byte];
    let indent = dup.start.column - 1;
    let key = text.get(indent..)?.split(':').next()?.trim_end();
    if key.is_empty() {
        return None;
    }
    (1..dup.start.line).rev().find_map(|l| {
        let s = source.line_span(l);
        let lt = &source.text[s.start.byte..s.end.byte];
        let prefix = lt.get(..indent)?;
        let rest = lt.get(indent..)?;
        let is_same = prefix.chars().all(|c| c == ' ' || c == '-')
            && rest.starts_with(key)
            && rest[key.len()..].trim_start().starts_with(':');
        is_same.then(|| {
            let start = source.pos(l, indent);
            Span {
                start,
                end: source.pos(l, indent + key.chars().count()),
            }
        })
    })
}

/// The parser's English detail in Dutch.
fn translate_detail(info: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "did not find expected key",
            "yaml.detail.did-not-find-expected-key",
        ),
        (
            "mapping values are not allowed",
            "yaml.detail.mapping-values",
        ),
        (
            "cannot start any token",
            "yaml.detail.cannot-start-any-token",
        ),
        (
            "did not find expected node content",
            "yaml.detail.expected-node-content",
        ),
        ("unexpected end", "yaml.detail.unexpected-end"),
        ("quoted scalar", "yaml.detail.quoted-scalar"),
        ("indentation", "yaml.detail.indentation"),
        ("block entries", "yaml.detail.block-entry"),
        ("did not find expected '-'", "yaml.detail.block-entry"),
        ("flow", "yaml.detail.flow"),
        ("unknown anchor", "yaml.detail.anchor"),
    ];
    KNOWN
        .iter()
        .find(|(fragment, _)| info.contains(fragment))
        .map(|(_, key)| t(key, &[]))
        .unwrap_or_else(|| t("yaml.detail.onbekend", &[("detail", info)]))
}

/// The first tab in the leading white space of `line`.
fn first_tab(source: &Source, line: usize) -> Option<Span> {
    let s = source.line_span(line);
    let text = &source.text[s.start.byte..s.end.byte];
    let col = text
        .chars()
        .take_while(|c| c.is_whitespace())
        .position(|c| c == '\t')?;
    let start = source.pos(line, col);
    Some(Span {
        start,
        end: source.pos(line, col + 1),
    })
}

/// Where flow brackets first nest deeper than [`MAX_DEPTH`] (the scanner's own limit
/// fires later, at a place that means nothing to a reader).
fn flow_too_deep(source: &Source) -> Option<Span> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (byte, c) in source.text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let start = source.pos_of_byte(byte);
                    return Some(Span {
                        start,
                        end: source.pos_of_byte(byte + 1),
                    });
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn line_has_tab_indent(source: &Source, line: usize) -> bool {
    let s = source.line_span(line);
    source.text[s.start.byte..s.end.byte]
        .chars()
        .take_while(|c| c.is_whitespace())
        .any(|c| c == '\t')
}

fn convert(
    source: &Source,
    node: &MarkedYaml,
    pointer: &mut String,
    spans: &mut SpanIndex,
) -> Result<Value, Diagnostic> {
    Ok(match &node.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(text, _, _) => Value::String(text.to_string()),
        YamlData::Tagged(_, inner) => convert(source, inner, pointer, spans)?,
        YamlData::BadValue | YamlData::Alias(_) => Value::Null,
        YamlData::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer_push(pointer, &i.to_string());
                spans.insert(
                    pointer.clone(),
                    NodeSpans {
                        key: None,
                        value: node_span(source, item),
                    },
                );
                out.push(convert(source, item, pointer, spans)?);
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        YamlData::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key_span = node_span(source, k);
                let key = match &k.data {
                    YamlData::Value(s) => scalar_key(s),
                    YamlData::Representation(text, _, _) => Some(text.to_string()),
                    _ => None,
                };
                let Some(key) = key else {
                    return Err(Diagnostic::new(
                        Rule::WrongType,
                        source,
                        key_span,
                        t("yaml.complexe-sleutel", &[]),
                    )
                    .with_hint(t("yaml.complexe-sleutel.hint", &[])));
                };
                let len = pointer.len();
                pointer_push(pointer, &key);
                spans.insert(
                    pointer.clone(),
                    NodeSpans {
                        key: Some(key_span),
                        value: node_span(source, v),
                    },
                );
                let value = convert(source, v, pointer, spans)?;
                pointer.truncate(len);
                out.insert(key, value);
            }
            Value::Object(out)
        }
    })
}

fn scalar(s: &Scalar) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number((*i).into()),
        Scalar::FloatingPoint(f) => Number::from_f64(f.into_inner())
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(f.to_string())),
        Scalar::String(s) => Value::String(s.to_string()),
    }
}

fn scalar_key(s: &Scalar) -> Option<String> {
    Some(match s {
        Scalar::Null => "null".into(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => s.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::path::Path;
    use std::sync::Arc;

    fn src(text: &str) -> Source {
        Arc::new(SourceFile::new(
            Path::new("t.yaml"),
            "t.yaml".into(),
            text.into(),
        ))
    }

    fn parse_str(text: &str) -> Result<Parsed, Diagnostic> {
        let s = src(text);
        parse(&s, &s.text.clone())
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let p = parse_str("a: 1\nb:\n  c: [x, y]\n").unwrap();
        let c = p.spans.get("/b/c").unwrap();
        assert_eq!(
            (c.key.unwrap().start.line, c.key.unwrap().start.column),
            (3, 3)
        );
        let y = p.spans.get("/b/c/1").unwrap();
        assert_eq!((y.value.start.line, y.value.start.column), (3, 10));
    }

    #[test]
    fn duplicate_keys_are_refused_with_both_places() {
        let d = parse_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(d.rule, Rule::DuplicateKey);
        assert_eq!((d.line(), d.column()), (3, 1));
        assert_eq!(d.secondary[0].span.start.line, 1);
    }

    #[test]
    fn alias_bombs_are_capped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let d = parse_str(&text).unwrap_err();
        assert_eq!(d.rule, Rule::AliasLimit);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(10_000);
        let d = parse_str(&text).unwrap_err();
        assert_eq!(d.rule, Rule::TooDeep);
        assert_eq!(d.line(), 1);
        let mut block = String::new();
        for i in 0..(MAX_DEPTH + 5) {
            block.push_str(&" ".repeat(i * 2));
            block.push_str("a:\n");
        }
        block.push_str(&" ".repeat((MAX_DEPTH + 5) * 2));
        block.push_str("b: 1\n");
        let d = parse_str(&block).unwrap_err();
        assert_eq!(d.rule, Rule::TooDeep);
        assert_eq!((d.line(), d.column()), (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1));
    }

    #[test]
    fn several_documents_are_refused() {
        let d = parse_str("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(d.rule, Rule::MultipleDocuments);
        assert_eq!(d.line(), 2);
    }

    #[test]
    fn tabs_get_their_own_rule() {
        let d = parse_str("a:\n\tb: 1\n").unwrap_err();
        assert_eq!(d.rule, Rule::YamlTab);
        assert_eq!(d.line(), 2);
    }

    #[test]
    fn empty_and_scalar_documents_are_refused() {
        assert_eq!(parse_str("").unwrap_err().rule, Rule::EmptyFile);
        assert_eq!(
            parse_str("# alleen commentaar\n").unwrap_err().rule,
            Rule::EmptyFile
        );
        assert_eq!(parse_str("hallo").unwrap_err().rule, Rule::NotAMapping);
    }

    #[test]
    fn dates_stay_strings() {
        let p = parse_str("d: 2026-03-10\n").unwrap();
        assert_eq!(p.value["d"], Value::String("2026-03-10".into()));
    }
}
