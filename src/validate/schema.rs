//! Validates a document against its compiled JSON Schema and tells every schema error in
//! the form's words, at the key or value it is about.

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::Value;

use super::schema_walk::{allowed_keys, property_prompt, property_title, walk};
use super::suggest::did_you_mean;
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
use crate::load::spans::pointer_push;
use crate::messages::t;

/// A compiled template: the schema value and its validator.
pub struct CompiledSchema {
    /// The JSON Schema (published as-is by `vpd schema`).
    pub schema: Value,
    /// The validator built from it.
    pub validator: jsonschema::Validator,
    /// Where its values may name departments, roles and werkvormen.
    pub refs: super::refs::RefPlan,
}

impl CompiledSchema {
    /// Builds the validator for `schema`. Fails only when vpd compiled an invalid schema.
    pub fn new(schema: Value) -> Result<Self, String> {
        // The templates' patterns (placeholders, dates, slugs) need no look-around, so the
        // `regex` engine serves them; it is several times faster than the default.
        let validator = jsonschema::draft202012::options()
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&schema)
            .map_err(|e| e.to_string())?;
        let refs = super::refs::RefPlan::of(&schema);
        Ok(CompiledSchema {
            schema,
            validator,
            refs,
        })
    }
}

/// Every schema finding for `doc`, translated.
pub fn check(doc: &Document, compiled: &CompiledSchema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Most documents are valid: asking first stops at the first error and allocates
    // nothing, where collecting errors walks the whole document building each one.
    if compiled.validator.is_valid(&doc.value) {
        return out;
    }
    for error in compiled.validator.iter_errors(&doc.value) {
        let tokens: Vec<String> = error
            .instance_path()
            .iter()
            .map(|s| match s {
                LocationSegment::Property(p) => p.to_string(),
                LocationSegment::Index(i) => i.to_string(),
            })
            .collect();
        let pointer = error.instance_path().as_str().to_string();
        translate(
            doc,
            &compiled.schema,
            &tokens,
            &pointer,
            error.kind(),
            error.instance(),
            &mut out,
        );
    }
    out
}

fn quote(s: &str) -> String {
    let first_line = s.lines().next().unwrap_or("").trim();
    let short: String = first_line.chars().take(90).collect();
    if short.len() < first_line.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn type_name(v: &Value) -> String {
    let key = match v {
        Value::Null => "type.leeg",
        Value::Bool(_) => "type.ja-nee",
        Value::Number(_) => "type.getal",
        Value::String(_) => "type.tekst",
        Value::Array(_) => "type.lijst",
        Value::Object(_) => "type.mapping",
    };
    t(key, &[])
}

/// The hint for a value of the wrong type. Where text is expected, what YAML read says
/// what went wrong: a number or yes/no is a text YAML took for a value of its own, a block
/// with one field is a sentence with a colon, a list is lines that start with a dash.
fn type_hint(kind: Option<&str>, instance: &Value, written: &str) -> String {
    let kind = kind.unwrap_or("waarde");
    if kind != "tekst" {
        return t(&format!("type.hint.{kind}"), &[]);
    }
    match instance {
        Value::Number(_) => t("type.hint.tekst.getal", &[("waarde", written)]),
        Value::Bool(_) => t("type.hint.tekst.ja-nee", &[("waarde", written)]),
        Value::Array(_) => t("type.hint.tekst.lijst", &[]),
        Value::Object(map) => match sentence_with_colon(map) {
            Some(zin) => t("type.hint.tekst.dubbele-punt", &[("zin", &zin)]),
            None => t("type.hint.tekst", &[]),
        },
        _ => t("type.hint.tekst", &[]),
    }
}

/// The sentence YAML split at its colon into a field with one answer (`- Let op: nooit
/// alleen`), written back between double quotes.
fn sentence_with_colon(map: &serde_json::Map<String, Value>) -> Option<String> {
    let mut entries = map.iter();
    let (key, value) = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    let sentence = match value {
        Value::String(rest) => format!("{key}: {rest}"),
        Value::Null => format!("{key}:"),
        _ => return None,
    };
    Some(format!("\"{}\"", quote(&sentence).replace('"', "'")))
}

/// The text of a value as written in the file (`2024`, `ja`), for a hint that quotes it.
fn written(doc: &Document, span: crate::source::Span) -> &str {
    let range = span.byte_range(doc.source.text.len());
    doc.source.text.get(range).unwrap_or_default().trim()
}

fn expected_name(schema: Option<&Value>) -> String {
    let ty = schema.and_then(|s| s.get("type")).and_then(Value::as_str);
    let key = match ty {
        Some("string") => "type.tekst",
        Some("array") => "type.lijst",
        Some("object") => "type.mapping",
        Some("integer") => "type.getal",
        Some("boolean") => "type.ja-nee",
        _ => "type.waarde",
    };
    t(key, &[])
}

#[allow(clippy::too_many_arguments)]
fn translate(
    doc: &Document,
    schema: &Value,
    tokens: &[String],
    pointer: &str,
    kind: &ValidationErrorKind,
    instance: &Value,
    out: &mut Vec<Diagnostic>,
) {
    let src = &doc.source;
    let info = walk(schema, tokens);
    let section = info.section.map(str::to_string);
    let prompt = info
        .prompt
        .map(quote)
        .unwrap_or_else(|| tokens.last().cloned().unwrap_or_else(|| t("document", &[])));
    let push = |d: Diagnostic, out: &mut Vec<Diagnostic>| {
        out.push(match &section {
            Some(s) => d.in_section(s.clone()),
            None => d,
        });
    };
    match kind {
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            // A misspelt key is reported once, as unknown with "Bedoelde u ...?", not
            // also as missing.
            let allowed = allowed_keys(schema, tokens);
            let misspelt = instance.as_object().is_some_and(|obj| {
                obj.keys()
                    .filter(|k| !allowed.contains(k))
                    .any(|k| did_you_mean(k, allowed.iter().map(String::as_str)) == Some(key))
            });
            if misspelt {
                return;
            }
            let adopted_undated = tokens.is_empty()
                && key == "vastgesteld_op"
                && instance.get("status").and_then(Value::as_str) == Some("vastgesteld");
            // An adopted document without its date: the `status` value that asks for it.
            let span = if adopted_undated {
                doc.spans.value("/status")
            } else {
                doc.spans.missing_in(pointer)
            };
            let (rule, message, hint) = if adopted_undated {
                (
                    Rule::MissingField,
                    t("veld.vastgesteld_op.ontbreekt", &[]),
                    t("veld.vastgesteld_op.ontbreekt.hint", &[]),
                )
            } else if info.kind == Some("normcategorie") && key == "voorbeelden" {
                let name = info.title.unwrap_or_default();
                (
                    Rule::TeamExamples,
                    t("norm.categorie-ontbreekt", &[("categorie", name)]),
                    t("norm.voorbeelden-ontbreken.hint", &[]),
                )
            } else if info.kind == Some("normtabel") {
                let name = property_title(schema, tokens, key).unwrap_or(key);
                (
                    Rule::TeamExamples,
                    t("norm.categorie-ontbreekt", &[("categorie", name)]),
                    t("norm.categorie-ontbreekt.hint", &[("sleutel", key)]),
                )
            } else if tokens.len() == 1 && tokens[0] == "secties" {
                let title = property_title(schema, tokens, key).unwrap_or(key);
                (
                    Rule::MissingField,
                    t("sectie.ontbreekt", &[("sectie", title)]),
                    t("sectie.ontbreekt.hint", &[("sleutel", key)]),
                )
            } else {
                let q = property_prompt(schema, tokens, key)
                    .map(quote)
                    .unwrap_or_else(|| key.to_string());
                (
                    Rule::MissingField,
                    t("veld.ontbreekt", &[("vraag", &q), ("sleutel", key)]),
                    t("veld.ontbreekt.hint", &[("sleutel", key)]),
                )
            };
            let section_of_missing = if tokens.len() == 1 && tokens[0] == "secties" {
                Some(key.to_string())
            } else {
                section.clone()
            };
            let mut d = Diagnostic::new(rule, src, span, message).with_hint(hint);
            if let Some(s) = section_of_missing {
                d = d.in_section(s);
            }
            // An undated adoption is reported at `status`, not at the missing key's parent.
            if !adopted_undated {
                d = d.about_missing(key);
            }
            out.push(d);
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_keys(schema, tokens);
            for key in unexpected {
                let mut p = pointer.to_string();
                pointer_push(&mut p, key);
                let span = doc.spans.key_or_value(&p);
                let mut d = Diagnostic::new(
                    Rule::UnknownKey,
                    src,
                    span,
                    t("sleutel.onbekend", &[("sleutel", key)]),
                )
                .with_label(t("sleutel.onbekend.label", &[]));
                d = match did_you_mean(key, allowed.iter().map(String::as_str)) {
                    Some(s) => d.with_hint(t("suggestie.bedoelde-u", &[("suggestie", s)])),
                    None => d.with_hint(t(
                        "sleutel.onbekend.hint",
                        &[("toegestaan", &allowed.join(", "))],
                    )),
                };
                push(d, out);
            }
        }
        ValidationErrorKind::Type { .. } => {
            let span = doc.spans.value(pointer);
            let d = if instance.is_null() {
                Diagnostic::new(
                    Rule::MissingField,
                    src,
                    doc.spans.key_or_value(pointer),
                    t("veld.leeg", &[("vraag", &prompt)]),
                )
                .with_hint(t("veld.leeg.hint", &[]))
            } else {
                Diagnostic::new(
                    Rule::WrongType,
                    src,
                    span,
                    t(
                        "type.verkeerd",
                        &[
                            ("vraag", &prompt),
                            ("verwacht", &expected_name(info.schema)),
                            ("gevonden", &type_name(instance)),
                        ],
                    ),
                )
                .with_hint(type_hint(info.kind, instance, written(doc, span)))
            };
            push(d, out);
        }
        ValidationErrorKind::MinItems { limit } => {
            let count = instance.as_array().map_or(0, Vec::len).to_string();
            let limit = limit.to_string();
            let (rule, message) = if info.kind == Some("voorbeelden") {
                let name = info.title.unwrap_or_default();
                (
                    Rule::TeamExamples,
                    t(
                        "norm.te-weinig-voorbeelden",
                        &[
                            ("categorie", name),
                            ("aantal", &count),
                            ("minimaal", &limit),
                        ],
                    ),
                )
            } else {
                (
                    Rule::TooFewItems,
                    t(
                        "lijst.te-weinig",
                        &[("vraag", &prompt), ("aantal", &count), ("minimaal", &limit)],
                    ),
                )
            };
            let d = Diagnostic::new(rule, src, doc.spans.key_or_value(pointer), message)
                .with_hint(t("lijst.te-weinig.hint", &[("minimaal", &limit)]));
            push(d, out);
        }
        ValidationErrorKind::Not { .. } => {
            if info.kind == Some("standpunt") {
                let category = info.title.unwrap_or_default();
                let d = Diagnostic::new(
                    Rule::PositionOverridden,
                    src,
                    doc.spans.key_or_value(pointer),
                    t("norm.standpunt", &[("categorie", category)]),
                )
                .with_hint(t("norm.standpunt.hint", &[]));
                push(d, out);
            } else if let Some(text) = instance.as_str() {
                let d = Diagnostic::new(
                    Rule::Placeholder,
                    src,
                    doc.spans.value(pointer),
                    t(
                        "plaatshouder",
                        &[("vraag", &prompt), ("waarde", &quote(text))],
                    ),
                )
                .with_hint(t("plaatshouder.hint", &[]));
                push(d, out);
            }
        }
        ValidationErrorKind::MinLength { .. } => {
            let d = Diagnostic::new(
                Rule::MissingField,
                src,
                doc.spans.value(pointer),
                t("veld.leeg", &[("vraag", &prompt)]),
            )
            .with_hint(t("veld.leeg.hint", &[]));
            push(d, out);
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let given = instance
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| instance.to_string());
            let mut d = Diagnostic::new(
                Rule::InvalidValue,
                src,
                doc.spans.value(pointer),
                t(
                    "waarde.niet-toegestaan",
                    &[("vraag", &prompt), ("waarde", &given)],
                ),
            );
            d = match did_you_mean(&given, options.iter().copied()) {
                Some(s) => d.with_hint(t("suggestie.bedoelde-u", &[("suggestie", s)])),
                None => d.with_hint(t("waarde.toegestaan", &[("opties", &options.join(", "))])),
            };
            push(d, out);
        }
        ValidationErrorKind::Pattern { .. } => {
            let kind = info.kind.unwrap_or("waarde");
            let d = Diagnostic::new(
                Rule::InvalidValue,
                src,
                doc.spans.value(pointer),
                t(
                    &format!("patroon.{kind}"),
                    &[
                        ("vraag", &prompt),
                        ("waarde", instance.as_str().unwrap_or_default()),
                    ],
                ),
            )
            .with_hint(t(&format!("patroon.{kind}.hint"), &[]));
            push(d, out);
        }
        ValidationErrorKind::Constant { expected_value } => {
            let d = Diagnostic::new(
                Rule::InvalidValue,
                src,
                doc.spans.value(pointer),
                t(
                    "waarde.vast",
                    &[
                        ("vraag", &prompt),
                        ("verwacht", &expected_value.to_string()),
                    ],
                ),
            );
            push(d, out);
        }
        other => {
            let d = Diagnostic::new(
                Rule::InvalidValue,
                src,
                doc.spans.value(pointer),
                t(
                    "waarde.ongeldig",
                    &[("vraag", &prompt), ("regel", other.keyword())],
                ),
            );
            push(d, out);
        }
    }
}
