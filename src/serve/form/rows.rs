//! The rows of a list field (`<ol>`), each a line or a row of columns, and the inert
//! `<template>` row the script copies to add one. A column may hold a list of its own (the
//! norm schema's `herkenning` lines and `aanpak` steps of each category): that cell is a
//! `vpd-deelveld` element with the same parts as a field's list (label, rows, template),
//! whose rows are labelled with the row's name ("Ik-gedrag, herkenning, regel 3"). A cell
//! the form cannot show whole (a key no column has, a value of another shape) says to edit
//! the YAML file, and its value goes back unchanged when the row is saved.
//!
//! Ids: the rows of the list with key `k` are `i-k-0`, `i-k-1`, ... (a column's control
//! `i-k-0-kolom`); a list in column `kolom` of row 0 has the key `k-0-kolom`. The script
//! renumbers them after every added, removed or moved row.

use std::fmt::Write;

use serde_json::Value;

use super::fields::{
    Column, Control, Nested, Shape, attr, control, esc, placeholder, shape_data, shown,
};
use super::fit::cell_fits;
use crate::messages::t;

/// Stands for the name part of a label while it is escaped.
const NAME: &str = "\u{1}";

/// A list's place in the page: the key its ids are made of, what its rows are called and
/// the description its controls point to.
pub struct List<'a> {
    /// The id part of the list (`secties--orde--huisregels`, `...-0-herkenning`).
    key: &'a str,
    /// What its rows are called, as text ("Huisregels", "Ik-gedrag, herkenning").
    label: String,
    /// The same as HTML, with the row's name in a `vpd-rij-naam` span for a list in a row.
    label_html: String,
    /// The id of the field's description.
    described: &'a str,
}

impl<'a> List<'a> {
    /// The list of the field with id part `key`, label `label` and description `described`.
    pub fn new(key: &'a str, label: &str, described: &'a str) -> List<'a> {
        List {
            key,
            label: label.to_string(),
            label_html: esc(label),
            described,
        }
    }

    /// The list in a row named `row` (its `naam`), in the column named `name`.
    fn inside(key: &'a str, row: &str, name: &str, described: &'a str) -> List<'a> {
        let label = t("formulier.deelveld", &[("rij", row), ("kolom", name)]);
        let label_html = esc(&t("formulier.deelveld", &[("rij", NAME), ("kolom", name)])).replace(
            NAME,
            &format!("<span class=\"vpd-rij-naam\">{}</span>", esc(row)),
        );
        List {
            key,
            label,
            label_html,
            described,
        }
    }
}

/// Writes the rows of `value` for a list of `shape` (lines or rows of columns).
pub fn write(out: &mut String, list: &List, shape: &Shape, value: Option<&Value>) {
    let items: Vec<&Value> = value
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    match shape {
        Shape::One(_) => {}
        Shape::List(c) => rows(out, list, items.len(), |out, n| {
            list_row(out, list, n, c, items.get(n).copied());
        }),
        Shape::Rows(columns) => rows(out, list, items.len(), |out, n| {
            table_row(out, list, n, columns, items.get(n).copied());
        }),
    }
}

/// The rows of a list and the inert row the script copies to add one (`n` = `usize::MAX`).
fn rows(out: &mut String, list: &List, count: usize, mut row: impl FnMut(&mut String, usize)) {
    let _ = write!(
        out,
        "<ol class=\"vpd-rijen\" id=\"r-{k}\" role=\"list\" aria-labelledby=\"l-{k}\">",
        k = attr(list.key)
    );
    for n in 0..count {
        row(out, n);
    }
    out.push_str("</ol><template class=\"vpd-rij-sjabloon\">");
    row(out, usize::MAX);
    let _ = write!(
        out,
        "</template><p class=\"vpd-rij-leeg\" data-label=\"{}\" hidden>{}</p>",
        attr(&list.label),
        esc(&t("formulier.geen-regels", &[]))
    );
}

/// "Huisregels, regel 2" as HTML, the number in a span the script renumbers.
fn row_label(list: &List, n: usize) -> String {
    let number = if n == usize::MAX {
        String::new()
    } else {
        (n + 1).to_string()
    };
    let stem = esc(&t("formulier.regel", &[("veld", NAME)])).replace(NAME, &list.label_html);
    format!("{stem} <span class=\"vpd-rij-nummer\">{number}</span>")
}

/// The same as text ("Huisregels, regel 2"; without the number for the inert row).
fn row_text(list: &List, n: usize) -> String {
    let stem = t("formulier.regel", &[("veld", &list.label)]);
    if n == usize::MAX {
        stem
    } else {
        format!("{stem} {}", n + 1)
    }
}

fn row_key(list: &List, n: usize) -> String {
    if n == usize::MAX {
        format!("{}-nieuw", list.key)
    } else {
        format!("{}-{n}", list.key)
    }
}

fn list_row(out: &mut String, list: &List, n: usize, c: &Control, value: Option<&Value>) {
    let id = format!("i-{}", row_key(list, n));
    let _ = write!(
        out,
        "<li class=\"vpd-rij\"><label class=\"utrecht-form-label vpd-rij-label\" for=\"{}\">{}</label>",
        attr(&id),
        row_label(list, n)
    );
    let text = shown(value);
    control(out, &id, list.described, c, (&text, placeholder(value)), "");
    out.push_str("</li>");
}

fn table_row(out: &mut String, list: &List, n: usize, columns: &[Column], value: Option<&Value>) {
    let _ = write!(
        out,
        "<li class=\"vpd-rij\"><fieldset class=\"utrecht-form-fieldset vpd-rij-groep\"><legend class=\"utrecht-form-fieldset__legend vpd-rij-label\">{}</legend>",
        row_label(list, n)
    );
    let name = row_name(list, n, columns, value);
    for column in columns {
        let cell = value.and_then(|v| v.get(&column.id));
        if let Some(cell) = cell.filter(|c| !cell_fits(column, c)) {
            kept_cell(out, &column.id, &column.label, cell);
            continue;
        }
        if let Some(nested) = &column.nested {
            out.push_str("<div class=\"vpd-kolom\">");
            let key = format!("{}-{}", row_key(list, n), column.id);
            nested_list(out, &key, &name, list.described, column, nested, cell);
            out.push_str("</div>");
            continue;
        }
        let id = format!("i-{}-{}", row_key(list, n), column.id);
        let _ = write!(
            out,
            "<div class=\"vpd-kolom\"><label class=\"utrecht-form-label\" for=\"{}\">{}</label>",
            attr(&id),
            esc(&column.label)
        );
        // A list in a row is shown one item per line.
        let text = match cell {
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| shown(Some(i)))
                .collect::<Vec<_>>()
                .join("\n"),
            other => shown(other),
        };
        let shown = (text.as_str(), placeholder(cell));
        control(out, &id, list.described, &column.control, shown, &column.id);
        out.push_str("</div>");
    }
    // Keys no column shows stay in the row as they are.
    let unknown = value
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(k, _)| !columns.iter().any(|c| &c.id == *k));
    for (key, cell) in unknown {
        kept_cell(out, key, key, cell);
    }
    out.push_str("</fieldset></li>");
}

/// A cell the form cannot show whole: it says to edit the YAML file, and the script sends
/// its value back as it was (`data-bewaard`), so saving the row loses nothing of it.
fn kept_cell(out: &mut String, key: &str, label: &str, value: &Value) {
    let _ = write!(
        out,
        "<div class=\"vpd-kolom vpd-alleen-in-bestand vpd-bewaard\" data-kolom=\"{}\" data-bewaard=\"{}\"><p class=\"utrecht-form-label\">{}</p><p class=\"utrecht-paragraph\">{}</p></div>",
        attr(key),
        attr(&value.to_string()),
        esc(label),
        esc(&t("formulier.alleen-in-bestand", &[]))
    );
}

/// What a row is called in the labels of the lists inside it: its `naam`, else its first
/// column's answer, else its place ("Vormen van gedrag, regel 2"). The script names a row
/// by the same rule.
fn row_name(list: &List, n: usize, columns: &[Column], value: Option<&Value>) -> String {
    let cell = |id: &str| shown(value.and_then(|v| v.get(id)));
    let first = columns
        .iter()
        .find(|c| c.nested.is_none())
        .map(|c| cell(&c.id))
        .unwrap_or_default();
    [cell("naam"), first]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .unwrap_or_else(|| row_text(list, n))
}

/// A list inside a row's cell: its label, the column's question, its rows.
fn nested_list(
    out: &mut String,
    key: &str,
    row: &str,
    described: &str,
    column: &Column,
    nested: &Nested,
    value: Option<&Value>,
) {
    let list = List::inside(key, row, &nested.name, described);
    let _ = write!(
        out,
        "<div class=\"vpd-deelveld\" id=\"veld-{k}\" data-kolom=\"{c}\" {d}><p class=\"utrecht-form-label vpd-lijst-kop\" id=\"l-{k}\">{}</p><p class=\"utrecht-paragraph vpd-toelichting\">{}</p>",
        list.label_html,
        esc(&column.label),
        k = attr(key),
        c = attr(&column.id),
        d = shape_data(&nested.shape),
    );
    write(out, &list, &nested.shape, value);
    out.push_str("</div>");
}
