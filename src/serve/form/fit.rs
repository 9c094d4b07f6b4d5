//! Which answers the form can show whole (so saving never drops part of one), and the
//! columns of rows of steps.

use std::fmt::Write;

use serde_json::Value;

use super::fields::{Column, Control, Shape, ValueKind, attr, esc};
use crate::messages::t;

/// Whether the form can show `value` in a field of `shape` without losing part of it: one
/// scalar, a list of scalars, or rows (mappings). A cell of a row that its column cannot
/// show, or a key no column shows, is kept as it is ([`cell_fits`]).
pub fn fits(shape: &Shape, value: Option<&Value>) -> bool {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return true;
    };
    match shape {
        Shape::One(_) => scalar(value),
        Shape::List(_) => value.as_array().is_some_and(|a| a.iter().all(scalar)),
        Shape::Rows(_) => value
            .as_array()
            .is_some_and(|rows| rows.iter().all(Value::is_object)),
    }
}

/// Whether `column` can show the cell `value` whole (a list in a cell: when its items fit
/// the column's own list); the form keeps any other cell as it is, with a notice.
pub fn cell_fits(column: &Column, value: &Value) -> bool {
    match (&column.nested, column.value) {
        (Some(nested), _) => fits(&nested.shape, Some(value)),
        (None, ValueKind::List) => value.as_array().is_some_and(|a| a.iter().all(scalar)),
        (None, _) => scalar(value),
    }
}

fn scalar(v: &Value) -> bool {
    !v.is_array() && !v.is_object()
}

/// A field the form shows but cannot write without losing part of its answer: it says to
/// edit the YAML file instead.
pub fn only_in_file(out: &mut String, pad: &[String], heading: &str) {
    let _ = write!(
        out,
        "<div class=\"utrecht-form-field vpd-alleen-in-bestand\" id=\"veld-{}\"><p class=\"utrecht-form-label\">{}</p><p class=\"utrecht-paragraph\">{}</p></div>",
        attr(&super::fields::key_of(pad)),
        esc(heading),
        esc(&t("formulier.alleen-in-bestand", &[]))
    );
}

/// The columns of a list of steps: a team's own steps (`teamstap`), or an approach's steps
/// with whether they are mandatory and for which templates, without a team's explanation
/// (`organisation`).
pub fn step_columns(organisation: bool) -> Vec<Column> {
    let line = |id: &str| Column::line(id, t(&format!("formulier.kolom.stap-{id}"), &[]));
    let text = |id: &str| {
        Column::new(
            id,
            t(&format!("formulier.kolom.stap-{id}"), &[]),
            Control::Text,
            ValueKind::Text,
        )
    };
    let yes_no = |id: &str| {
        Column::new(
            id,
            t(&format!("formulier.kolom.stap-{id}"), &[]),
            Control::Select(vec![
                ("true".into(), t("formulier.ja", &[])),
                ("false".into(), t("formulier.nee", &[])),
            ]),
            ValueKind::Bool,
        )
    };
    let kinds = Control::Select(vec![
        ("stap".into(), "stap".into()),
        ("beslissing".into(), "beslissing".into()),
    ]);
    let mut columns = vec![line("id"), text("tekst")];
    if !organisation {
        // A team explains how it carries out a step; the organisation's step has none.
        columns.push(text("toelichting"));
    }
    columns.extend([
        text("uitleg"),
        Column::new(
            "soort",
            t("formulier.kolom.stap-soort", &[]),
            kinds,
            ValueKind::Text,
        ),
        line("ja"),
        line("nee"),
        line("daarna"),
        yes_no("einde"),
    ]);
    if organisation {
        columns.push(yes_no("verplicht"));
        columns.push(Column::new(
            "geldt_voor",
            t("formulier.kolom.stap-geldt_voor", &[]),
            Control::Text,
            ValueKind::List,
        ));
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_field_is_offered_only_when_the_form_can_show_its_whole_answer() {
        let text = Shape::One(Control::Text);
        let list = Shape::List(Control::Text);
        let rows = Shape::Rows(step_columns(false));
        assert!(fits(&text, None));
        assert!(fits(&text, Some(&json!("antwoord"))));
        assert!(!fits(&text, Some(&json!(["a"]))));
        assert!(fits(&list, Some(&json!(["a", "b"]))));
        assert!(!fits(&list, Some(&json!([{"a": 1}]))));
        assert!(fits(&rows, Some(&json!([{"id": "x", "einde": true}]))));
        // A row's cells that its columns cannot show are kept as they are, cell by cell.
        assert!(fits(&rows, Some(&json!([{"id": "x", "onbekend": "y"}]))));
        assert!(fits(&rows, Some(&json!([{"id": "x", "tekst": ["a"]}]))));
        assert!(!fits(&rows, Some(&json!(["x"]))));
        let columns = step_columns(true);
        let column = |id: &str| columns.iter().find(|c| c.id == id).expect("column");
        assert!(cell_fits(column("tekst"), &json!("a")));
        assert!(!cell_fits(column("tekst"), &json!(["a"])));
        assert!(cell_fits(column("geldt_voor"), &json!(["kcc"])));
        assert!(!cell_fits(column("geldt_voor"), &json!("kcc")));
    }

    #[test]
    fn a_list_inside_a_row_fits_when_its_items_fit_its_own_shape() {
        let table = Shape::Rows(vec![
            Column::line("id", "Id".into()),
            Column::nested(
                "herkenning",
                "Herkenning".into(),
                "herkenning".into(),
                Shape::List(Control::Text),
            ),
            Column::nested(
                "aanpak",
                "Aanpak".into(),
                "aanpak".into(),
                Shape::Rows(step_columns(true)),
            ),
        ]);
        let Shape::Rows(columns) = &table else {
            unreachable!("a table")
        };
        let (lines, steps) = (&columns[1], &columns[2]);
        assert!(cell_fits(lines, &json!(["a", "b"])));
        assert!(cell_fits(
            steps,
            &json!([{"id": "x", "geldt_voor": ["kcc"]}])
        ));
        // A step's key no column shows is kept in that step's row, not the category's.
        assert!(cell_fits(steps, &json!([{"id": "x", "onbekend": 1}])));
        assert!(!cell_fits(lines, &json!("a")));
        assert!(!cell_fits(lines, &json!([["a"]])));
        assert!(!cell_fits(steps, &json!(["x"])));
    }
}
