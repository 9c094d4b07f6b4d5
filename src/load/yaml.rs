//! YAML text to a JSON value plus a span for every key and value.
//!
//! saphyr's parser feeds its events to [`TreeReceiver`] (see `events`), which builds the
//! value and its spans in one pass, refuses duplicate keys, alias bombs, deep nesting and a
//! second document, and notes text YAML reads differently than it was written (`misread`);
//! this module turns all of that into Dutch diagnostics at their place. A syntax error is
//! classified by what the writer did (`syntax_hint`).

use saphyr_parser::{Marker, Parser, ScanError};
use serde_json::Value;

use super::events::{Refusal, TreeReceiver};
use super::misread::Misread;
use super::spans::SpanIndex;
use super::syntax_hint;
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
    /// Warnings about text YAML read differently than it was meant (see `misread`).
    pub notes: Vec<Diagnostic>,
}

/// Parses `text` (which starts at the first byte of `source`'s text) into a [`Parsed`].
pub fn parse(source: &Source, text: &str) -> Result<Parsed, Diagnostic> {
    let mut receiver = TreeReceiver::new(source, MAX_DEPTH, ALIAS_LIMIT);
    let mut parser = Parser::new_from_str(text);
    let parse_result = parser.load(&mut receiver, true);
    let notes = receiver
        .misread()
        .iter()
        .map(|m| misread(source, m))
        .collect();
    let finished = receiver.finish();
    // A refusal stops the receiver before the parser reaches a later syntax error.
    if let Err(refusal) = &finished {
        return Err(refused(source, refusal));
    }
    if let Err(e) = parse_result {
        return Err(scan_error(source, text, &e));
    }
    let Ok(Some((value, spans, root_span))) = finished else {
        return Err(empty(source));
    };
    if value.is_null() {
        return Err(empty(source));
    }
    if !value.is_object() {
        return Err(Diagnostic::new(
            Rule::NotAMapping,
            source,
            root_span,
            t("yaml.geen-mapping", &[]),
        )
        .with_hint(t("yaml.geen-mapping.hint", &[])));
    }
    Ok(Parsed {
        value,
        spans,
        notes,
    })
}

/// The warning for a text YAML read differently than it was written: it would be
/// published shorter, empty or glued to another, without a word.
fn misread(source: &Source, m: &Misread) -> Diagnostic {
    let text_of = |span: &Span| source.text[span.start.byte..span.end.byte].trim_end();
    let (rule, span, message, hint) = match m {
        Misread::Cut { comment, kept } => (
            Rule::TextCut,
            *comment,
            t(
                "yaml.tekst-afgebroken",
                &[("bewaard", kept), ("weg", text_of(comment))],
            ),
            "yaml.tekst-afgebroken.hint",
        ),
        Misread::Comment(comment) => (
            Rule::TextCut,
            *comment,
            t("yaml.tekst-commentaar", &[("weg", text_of(comment))]),
            "yaml.tekst-afgebroken.hint",
        ),
        Misread::Tag { tag, kept } => (
            Rule::TextCut,
            *tag,
            t(
                "yaml.tekst-type",
                &[("teken", text_of(tag)), ("bewaard", kept)],
            ),
            "yaml.tekst-type.hint",
        ),
        Misread::Merged { dash, text } => (
            Rule::TextMerged,
            *dash,
            t("yaml.tekst-samengevoegd", &[("tekst", &shortened(text))]),
            "yaml.tekst-samengevoegd.hint",
        ),
    };
    let label = match m {
        Misread::Merged { .. } => t("yaml.tekst-samengevoegd.label", &[]),
        Misread::Tag { .. } => t("yaml.tekst-type.label", &[]),
        _ => t("yaml.tekst-afgebroken.label", &[]),
    };
    Diagnostic::new(rule, source, span, message)
        .with_label(label)
        .with_hint(t(hint, &[]))
}

/// At most 90 characters of `text`, for a message that quotes it.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(90) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The diagnostic for what the event receiver refused.
fn refused(source: &Source, refusal: &Refusal) -> Diagnostic {
    match refusal {
        Refusal::TooDeep(m) => Diagnostic::new(
            Rule::TooDeep,
            source,
            marker_span(source, *m),
            t("yaml.te-diep", &[("max", &MAX_DEPTH.to_string())]),
        )
        .with_hint(t("yaml.te-diep.hint", &[])),
        Refusal::SecondDocument(m) => Diagnostic::new(
            Rule::MultipleDocuments,
            source,
            marker_span(source, *m),
            t("yaml.meerdere-documenten", &[]),
        )
        .with_hint(t("yaml.meerdere-documenten.hint", &[])),
        Refusal::AliasLimit(m) => Diagnostic::new(
            Rule::AliasLimit,
            source,
            marker_span(source, *m),
            t("yaml.alias-limiet", &[("limiet", &ALIAS_LIMIT.to_string())]),
        )
        .with_hint(t("yaml.alias-limiet.hint", &[])),
        Refusal::ComplexKey(span) => Diagnostic::new(
            Rule::WrongType,
            source,
            *span,
            t("yaml.complexe-sleutel", &[]),
        )
        .with_hint(t("yaml.complexe-sleutel.hint", &[])),
        Refusal::DuplicateKey {
            key,
            repeated,
            first,
        } => Diagnostic::new(
            Rule::DuplicateKey,
            source,
            *repeated,
            t("yaml.dubbele-sleutel", &[("sleutel", key)]),
        )
        .with_hint(t("yaml.dubbele-sleutel.hint", &[]))
        .with_label(t("yaml.dubbele-sleutel.label", &[("sleutel", key)]))
        .with_secondary(source, *first, t("yaml.dubbele-sleutel.eerste", &[])),
    }
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

/// The finding for a syntax error: too deep nesting here, everything else classified by
/// what the writer did ([`syntax_hint`]).
fn scan_error(source: &Source, text: &str, e: &ScanError) -> Diagnostic {
    if !e.info().contains("recursion limit") {
        return syntax_hint::diagnostic(source, text, e);
    }
    let span = flow_too_deep(source).unwrap_or_else(|| marker_span(source, *e.marker()));
    Diagnostic::new(
        Rule::TooDeep,
        source,
        span,
        t("yaml.te-diep", &[("max", &MAX_DEPTH.to_string())]),
    )
    .with_hint(t("yaml.te-diep.hint", &[]))
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
    fn duplicate_keys_in_a_flow_mapping_point_at_both_keys() {
        let d = parse_str("stap: { id: a, tekst: x, id: b }\n").unwrap_err();
        assert_eq!(d.rule, Rule::DuplicateKey);
        assert_eq!((d.line(), d.column()), (1, 26));
        assert_eq!(d.secondary[0].span.start.column, 9);
        assert_eq!(d.secondary[0].span.end.column, 11);
    }

    #[test]
    fn aliases_stand_where_they_are_written_and_share_the_anchor_children() {
        let p = parse_str("a: &x\n  b: 1\nc: *x\n").unwrap();
        assert_eq!(p.value["c"]["b"], 1);
        let c = p.spans.get("/c").unwrap();
        assert_eq!((c.value.start.line, c.value.start.column), (3, 4));
        assert_eq!(p.spans.value("/c/b").start.line, 2);
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
    fn text_yaml_reads_differently_becomes_a_warning() {
        let p = parse_str(
            "a: Wij bellen na #service\nb: #3 op het bord\nc: # nog invullen\nd: !Let op\ne:\n  - x\n    - y\n",
        )
        .unwrap();
        let found: Vec<(Rule, usize, usize)> = p
            .notes
            .iter()
            .map(|d| (d.rule, d.line(), d.column()))
            .collect();
        assert_eq!(
            found,
            [
                (Rule::TextCut, 1, 18),
                (Rule::TextCut, 2, 4),
                (Rule::TextCut, 4, 4),
                (Rule::TextMerged, 7, 5),
            ]
        );
        assert_eq!(p.value["d"], "op");
        assert_eq!(p.value["e"][0], "x - y");
    }

    #[test]
    fn dates_stay_strings() {
        let p = parse_str("d: 2026-03-10\n").unwrap();
        assert_eq!(p.value["d"], Value::String("2026-03-10".into()));
    }
}
