//! One form field as HTML: its label, prompt and help (`aria-describedby`), the place for
//! its finding, and its control(s), filled with the file's answer. Lists are rows (`<ol>`)
//! with an inert `<template>` row the script copies to add one; the script also adds the
//! buttons that add, remove and move rows. Every control has a `<label for>`.
//!
//! A field's element carries `data-pad` (the keys of its answer from the document root)
//! and `data-vorm` (`enkel`, `lijst` or `rijen`): the script builds the answer's JSON in the
//! YAML's own shape from them.

use std::fmt::Write;

use serde_json::Value;

use super::data::OrgData;
use crate::messages::t;
use crate::template::{Field, FieldType};

/// Text for HTML content.
pub fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Text for a double-quoted attribute.
pub fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// The id part of a field with these keys (keys follow the id rule; `--` joins them).
pub fn key_of(pad: &[String]) -> String {
    pad.join("--")
}

/// How one value is entered.
#[derive(Clone)]
pub enum Control {
    /// A text over one or more lines.
    Text,
    /// A short text on one line (a date, a number, an id); the hint is shown as its format.
    Line(&'static str),
    /// One of these (value, label) choices.
    Select(Vec<(String, String)>),
}

impl Control {
    /// The control for a field of `kind` (of a list's items for list kinds).
    pub fn of(kind: FieldType, opties: &[String], org: &OrgData) -> Control {
        let named = |items: &[crate::scaffold::Named]| {
            items
                .iter()
                .map(|n| (n.id.clone(), label_of(&n.id, &n.naam)))
                .collect()
        };
        match kind {
            FieldType::Sleutel => Control::Line("text"),
            FieldType::Datum => Control::Line("date"),
            FieldType::Getal => Control::Line("numeric"),
            FieldType::Keuze => {
                Control::Select(opties.iter().map(|o| (o.clone(), o.clone())).collect())
            }
            FieldType::Rol | FieldType::Rollen => Control::Select(named(&org.roles)),
            FieldType::Afdeling => Control::Select(named(&org.departments)),
            FieldType::Werkvorm | FieldType::Werkvormen => Control::Select(named(&org.werkvormen)),
            FieldType::Meldniveau => Control::Select(levels()),
            _ => Control::Text,
        }
    }
}

/// The reporting levels as choices.
pub fn levels() -> Vec<(String, String)> {
    use crate::model::ReportingLevel;
    [
        ReportingLevel::Niet,
        ReportingLevel::BijPatroon,
        ReportingLevel::Altijd,
    ]
    .into_iter()
    .map(|l| {
        (
            l.as_str().to_string(),
            crate::render::view::level_label(Some(l)),
        )
    })
    .collect()
}

fn label_of(id: &str, naam: &str) -> String {
    if naam.is_empty() || naam == id {
        id.to_string()
    } else {
        format!("{naam} ({id})")
    }
}

/// A value as the text a control shows: empty for a placeholder (`.....`) or nothing.
pub fn shown(value: Option<&Value>) -> String {
    let s = match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    };
    if crate::template::placeholder::is_placeholder(&s) {
        String::new()
    } else {
        s
    }
}

/// The placeholder (`.....`, `TODO`) an answer holds, if it holds one: the control shows it
/// empty, and the script sends it back while the control stays empty, so a row or list
/// saved for another change keeps it.
pub fn placeholder(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty() && crate::template::placeholder::is_placeholder(s))
}

/// Writes one control with `id`; `kolom` names its column in a row (empty for a whole
/// answer or an item of a list); `kept` is the placeholder the answer holds (see
/// [`placeholder`]).
pub fn control(
    out: &mut String,
    id: &str,
    described: &str,
    control: &Control,
    (value, kept): (&str, Option<&str>),
    kolom: &str,
) {
    let kept = kept
        .map(|p| format!(" data-plaatshouder=\"{}\"", attr(p)))
        .unwrap_or_default();
    let common = format!(
        "id=\"{}\" name=\"{}\" data-kolom=\"{}\" aria-describedby=\"{}\"{kept}",
        attr(id),
        attr(id),
        attr(kolom),
        attr(described)
    );
    match control {
        Control::Text => {
            let rows = (value.len() / 70 + value.lines().count()).clamp(2, 12);
            let _ = write!(
                out,
                "<textarea class=\"utrecht-textarea\" rows=\"{rows}\" {common}>{}</textarea>",
                esc(value)
            );
        }
        Control::Line(mode) => {
            let extra = match *mode {
                "date" => format!(
                    " inputmode=\"numeric\" placeholder=\"{}\"",
                    attr(&t("formulier.datum-vorm", &[]))
                ),
                "numeric" => " inputmode=\"numeric\"".to_string(),
                _ => String::new(),
            };
            let _ = write!(
                out,
                "<input class=\"utrecht-textbox\" type=\"text\" value=\"{}\"{extra} {common}>",
                attr(value)
            );
        }
        Control::Select(options) => {
            let _ = write!(out, "<select class=\"utrecht-select\" {common}>");
            let _ = write!(
                out,
                "<option value=\"\">{}</option>",
                esc(&t("formulier.kies", &[]))
            );
            let mut known = false;
            for (v, label) in options {
                let selected = if v == value {
                    known = true;
                    " selected"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<option value=\"{}\"{selected}>{}</option>",
                    attr(v),
                    esc(label)
                );
            }
            // A value the organisation does not define stays visible (check reports it).
            if !known && !value.is_empty() {
                let _ = write!(
                    out,
                    "<option value=\"{}\" selected>{}</option>",
                    attr(value),
                    esc(&t("formulier.onbekende-keuze", &[("waarde", value)]))
                );
            }
            out.push_str("</select>");
        }
    }
}

/// What a field's head says: its label, prompt and help.
pub struct Head<'a> {
    /// The short name (`kop`).
    pub label: &'a str,
    /// The prompt (`vraag`), if it says more than the label.
    pub prompt: Option<&'a str>,
    /// The help (`toelichting`).
    pub help: Option<&'a str>,
    /// Whether an answer is required.
    pub required: bool,
    /// Whether the value shown is the template's suggestion, not yet in the file.
    pub suggestion: bool,
}

impl<'a> Head<'a> {
    /// The head of a template field.
    pub fn of(field: &'a Field, suggestion: bool) -> Head<'a> {
        Head {
            label: field.heading(),
            prompt: (field.kop.is_some()).then_some(field.vraag.as_str()),
            help: field.toelichting.as_deref(),
            required: field.verplicht,
            suggestion,
        }
    }
}

/// The column of a row: its key, label and control.
pub struct Column {
    /// The key in the row's mapping.
    pub id: String,
    /// Its label.
    pub label: String,
    /// How it is entered.
    pub control: Control,
    /// What its value is in the YAML.
    pub value: ValueKind,
    /// The list each cell of the column holds, if it is one ([`ValueKind::Nested`]).
    pub nested: Option<Nested>,
}

/// A list inside each cell of a column: lines or rows that grow, shrink and move.
pub struct Nested {
    /// What its items are.
    pub shape: Shape,
    /// The short name its items are labelled with ("herkenning": "Ik-gedrag, herkenning,
    /// regel 3").
    pub name: String,
}

impl Column {
    /// A column of `kind`'s values entered with `control`.
    pub fn new(id: &str, label: String, control: Control, value: ValueKind) -> Column {
        Column {
            id: id.to_string(),
            label,
            control,
            value,
            nested: None,
        }
    }

    /// A column whose every cell is a list of `shape` (lines, or rows of steps); `name` is
    /// the short name its items are labelled with.
    pub fn nested(id: &str, label: String, name: String, shape: Shape) -> Column {
        Column {
            id: id.to_string(),
            label,
            control: Control::Text,
            value: ValueKind::Nested,
            nested: Some(Nested { shape, name }),
        }
    }

    /// A column of texts entered on one line.
    pub fn line(id: &str, label: String) -> Column {
        Column::new(id, label, Control::Line("text"), ValueKind::Text)
    }
}

/// What a column's value is in the YAML (the control's text is always text).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A text.
    Text,
    /// A whole number.
    Number,
    /// `true` or `false`.
    Bool,
    /// A list of texts, one per line of the control.
    List,
    /// A list of its own, with rows added, removed and moved ([`Column::nested`]).
    Nested,
}

/// What one field's answer is made of.
pub enum Shape {
    /// One value.
    One(Control),
    /// A list of values.
    List(Control),
    /// A list of mappings, one key per column.
    Rows(Vec<Column>),
}

/// The data attributes of a field (or a list in a row) of `shape`: `data-vorm` and which
/// columns hold numbers, booleans and lists of lines, so the script builds the YAML's shape.
pub fn shape_data(shape: &Shape) -> String {
    let vorm = match shape {
        Shape::One(_) => "enkel",
        Shape::List(_) => "lijst",
        Shape::Rows(_) => "rijen",
    };
    let of_kind = |kind: ValueKind| -> String {
        match shape {
            Shape::Rows(columns) => columns
                .iter()
                .filter(|c| c.value == kind)
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        }
    };
    format!(
        "data-vorm=\"{vorm}\" data-getallen=\"{}\" data-waarheden=\"{}\" data-lijsten=\"{}\"",
        attr(&of_kind(ValueKind::Number)),
        attr(&of_kind(ValueKind::Bool)),
        attr(&of_kind(ValueKind::List)),
    )
}

/// Writes a field: its element with its head, the place of its finding and its controls.
pub fn field(out: &mut String, pad: &[String], head: &Head, shape: &Shape, value: Option<&Value>) {
    let key = key_of(pad);
    let pad_json = serde_json::to_string(pad).unwrap_or_default();
    let _ = write!(
        out,
        "<div class=\"utrecht-form-field vpd-veld\" id=\"veld-{k}\" data-pad=\"{p}\" {d}{s}>",
        k = attr(&key),
        p = attr(&pad_json),
        d = shape_data(shape),
        s = if head.suggestion {
            " data-voorstel"
        } else {
            ""
        },
    );
    let required = if head.required {
        format!(
            " <span class=\"vpd-verplicht\">({})</span>",
            esc(&t("formulier.verplicht", &[]))
        )
    } else {
        String::new()
    };
    let described = format!("d-{key}");
    match shape {
        Shape::One(_) => {
            let _ = write!(
                out,
                "<label class=\"utrecht-form-label\" id=\"l-{k}\" for=\"i-{k}\">{}{required}</label>",
                esc(head.label),
                k = attr(&key)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<p class=\"utrecht-form-label vpd-lijst-kop\" id=\"l-{k}\">{}{required}</p>",
                esc(head.label),
                k = attr(&key)
            );
        }
    }
    let _ = write!(
        out,
        "<div class=\"utrecht-form-field-description\" id=\"{}\">",
        attr(&described)
    );
    if let Some(p) = head.prompt {
        let _ = write!(out, "<p class=\"utrecht-paragraph\">{}</p>", esc(p));
    }
    if let Some(h) = head.help {
        let _ = write!(
            out,
            "<p class=\"utrecht-paragraph vpd-toelichting\">{}</p>",
            esc(h)
        );
    }
    if head.suggestion {
        let _ = write!(
            out,
            "<p class=\"utrecht-paragraph vpd-voorstel\">{}</p>",
            esc(&t("formulier.voorstel", &[]))
        );
    }
    out.push_str("</div>");
    let _ = write!(
        out,
        "<p class=\"utrecht-form-field-error-message\" id=\"f-{}\" hidden></p>",
        attr(&key)
    );
    match shape {
        Shape::One(c) => {
            let text = shown(value);
            let id = format!("i-{key}");
            control(out, &id, &described, c, (&text, placeholder(value)), "");
            if matches!(c, Control::Line("numeric")) {
                // The script sends a whole number as a number, as YAML reads it.
                if let Some(i) = out.rfind("<input ") {
                    out.insert_str(i + 7, "data-getal ");
                }
            }
        }
        Shape::List(_) | Shape::Rows(_) => {
            let list = super::rows::List::new(&key, head.label, &described);
            super::rows::write(out, &list, shape, value);
        }
    }
    out.push_str("</div>");
}
