//! The form page of one protocol: every section of its template (`<fieldset>` with
//! `<legend>`) and every field in the template's order, filled with the file's answers (or
//! the template's suggestion, marked as one), the organisation's norm beside the team's
//! norm table, an error summary and a status the script fills. Without JavaScript the page
//! shows the whole form and says how to edit the YAML file instead.

use std::fmt::Write;

use serde_json::{Value, json};

use super::data::OrgData;
use super::fields::{Column, Control, Head, Shape, ValueKind, attr, esc, field, levels};
use crate::messages::t;
use crate::template::{Field, FieldType, Kind, Template};

/// What a form page shows.
pub struct FormPage<'a> {
    /// The protocol's slug (the editor's list names it).
    pub slug: &'a str,
    /// The file as the user knows it (`content/teams/x.yaml`).
    pub display: &'a str,
    /// The file's answers.
    pub value: &'a Value,
    /// Its template.
    pub template: &'a Template,
    /// The organisation's choices and norm.
    pub org: &'a OrgData,
    /// The base path the preview serves the site under (`/`, `/vpd/`).
    pub base: &'a str,
    /// The team page's address in the preview, if known.
    pub page_url: Option<String>,
}

/// The keys outside `secties` the form edits in a team protocol.
const TEAM_ENVELOPE: [&str; 7] = [
    "team",
    "afdeling",
    "eigenaar",
    "status",
    "vastgesteld_op",
    "geevalueerd_op",
    "normversie",
];

/// The keys outside `secties` the form edits in the policy.
const POLICY_ENVELOPE: [&str; 8] = [
    "organisatie",
    "eigenaar",
    "status",
    "vastgesteld_op",
    "geevalueerd_op",
    "versie",
    "afdelingen",
    "rollen",
];

/// Whether `key` is a key outside `secties` that a form edits (of a team protocol or the
/// policy).
pub fn is_envelope(key: &str) -> bool {
    TEAM_ENVELOPE.contains(&key) || POLICY_ENVELOPE.contains(&key)
}

impl FormPage<'_> {
    /// The whole page.
    pub fn html(&self) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let name = match self.template.soort {
            Kind::Teamprotocol => self.value.get("team").and_then(Value::as_str),
            _ => Some(self.template.titel.as_str()),
        };
        let title = t("formulier.titel", &[("team", name.unwrap_or(self.slug))]);
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>",
            esc(&title)
        );
        for css in [
            "static/vendor/utrecht-component-library-css/index.css",
            "static/vendor/utrecht-component-library-css/html.css",
            "static/tokens.css",
            "static/vpd.css",
        ] {
            let _ = write!(
                out,
                "<link rel=\"stylesheet\" href=\"{}{css}\">",
                attr(self.base)
            );
        }
        out.push_str("<link rel=\"stylesheet\" href=\"/__vpd/formulier.css\"></head>");
        out.push_str("<body class=\"utrecht-document utrecht-page\"><main class=\"utrecht-page-content vpd-formulier\" id=\"inhoud\">");
        let _ = write!(
            out,
            "<h1 class=\"utrecht-heading-1\">{}</h1><p class=\"utrecht-paragraph\">{}</p>",
            esc(&title),
            esc(&self.template.titel)
        );
        let _ = write!(
            out,
            "<p class=\"utrecht-paragraph vpd-zonder-js\" id=\"vpd-zonder-js\">{}</p>",
            esc(&t("formulier.zonder-js", &[("bestand", self.display)]))
        );
        if let Some(url) = &self.page_url {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"{}\">{}</a></p>",
                attr(url),
                esc(&t("formulier.terug", &[]))
            );
        }
        let _ = write!(
            out,
            "<div class=\"vpd-foutsamenvatting\" id=\"vpd-samenvatting\" tabindex=\"-1\" hidden><h2 class=\"utrecht-heading-2\" id=\"vpd-samenvatting-kop\">{}</h2><ul class=\"utrecht-unordered-list\" id=\"vpd-samenvatting-lijst\"></ul></div>",
            esc(&t("formulier.samenvatting", &[]))
        );
        out.push_str("<div class=\"vpd-formulier-stand\" id=\"vpd-stand\" role=\"status\" aria-live=\"polite\"></div>");
        let _ = write!(
            out,
            "<form class=\"utrecht-form\" id=\"vpd-formulier\" data-protocol=\"{}\" novalidate>",
            attr(self.slug)
        );
        self.envelope(&mut out);
        for section in &self.template.secties {
            let _ = write!(
                out,
                "<fieldset class=\"utrecht-form-fieldset vpd-sectie\" id=\"sectie-{}\"><legend class=\"utrecht-form-fieldset__legend\"><span class=\"utrecht-heading-2\">{}</span></legend>",
                attr(&section.id),
                esc(&section.titel)
            );
            if let Some(intro) = &section.inleiding {
                let _ = write!(out, "<p class=\"utrecht-paragraph\">{}</p>", esc(intro));
            }
            for f in &section.velden {
                if let Some(kop) = &f.tussenkop {
                    let _ = write!(out, "<h3 class=\"utrecht-heading-3\">{}</h3>", esc(kop));
                }
                if let Some(zin) = &f.tussenzin {
                    let _ = write!(out, "<p class=\"utrecht-paragraph\">{}</p>", esc(zin));
                }
                let pad = vec!["secties".to_string(), section.id.clone(), f.id.clone()];
                self.field(&mut out, pad, f);
            }
            out.push_str("</fieldset>");
        }
        let _ = write!(
            out,
            "<div class=\"utrecht-button-group vpd-opslaan\"><button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\" id=\"vpd-opslaan\" hidden>{}</button></div>",
            esc(&t("formulier.opslaan", &[]))
        );
        out.push_str("<div id=\"vpd-opslag\" role=\"status\" aria-live=\"polite\"></div></form>");
        let data = json!({
            "protocol": self.slug,
            "teksten": texts(),
        });
        // `</` cannot end the script element inside JSON (`<` is escaped).
        let data = data.to_string().replace('<', "\\u003c");
        let _ = write!(
            out,
            "<script type=\"application/json\" id=\"vpd-formulier-gegevens\">{data}</script><script src=\"/__vpd/formulier.js\"></script></main></body></html>"
        );
        out
    }

    /// The fieldset of the keys outside `secties`: a team protocol's team, department, owner,
    /// status, dates and norm version, or the policy's organisation, owner, status, dates,
    /// version, departments and roles.
    fn envelope(&self, out: &mut String) {
        let _ = write!(
            out,
            "<fieldset class=\"utrecht-form-fieldset vpd-sectie\" id=\"sectie-algemeen\"><legend class=\"utrecht-form-fieldset__legend\"><span class=\"utrecht-heading-2\">{}</span></legend>",
            esc(&t("formulier.algemeen", &[]))
        );
        let status = vec![
            ("concept".to_string(), "concept".to_string()),
            ("vastgesteld".to_string(), "vastgesteld".to_string()),
        ];
        let departments = Control::of(FieldType::Afdeling, &[], self.org);
        let norm_help = self
            .org
            .norm_version
            .as_ref()
            .map(|v| t("formulier.normversie-nu", &[("versie", v)]));
        let keys: &[&str] = match self.template.soort {
            Kind::Beleid => &POLICY_ENVELOPE,
            _ => &TEAM_ENVELOPE,
        };
        for &key in keys {
            if matches!(key, "afdelingen" | "rollen") {
                self.id_list(out, key);
                continue;
            }
            let (control, required) = match key {
                "afdeling" => (departments.clone(), true),
                "status" => (Control::Select(status.clone()), true),
                "vastgesteld_op" | "geevalueerd_op" => (Control::Line("date"), false),
                "normversie" | "versie" => (Control::Line("text"), false),
                _ => (Control::Line("text"), true),
            };
            let label = t(&format!("formulier.veld.{key}"), &[]);
            let prompt = t(&format!("veld.{key}"), &[]);
            let help = if key == "normversie" {
                norm_help.clone()
            } else {
                None
            };
            let head = Head {
                label: &label,
                prompt: Some(&prompt),
                help: help.as_deref(),
                required,
                suggestion: false,
            };
            field(
                out,
                &[key.to_string()],
                &head,
                &Shape::One(control),
                self.value.get(key),
            );
        }
        out.push_str("</fieldset>");
    }

    /// The policy's departments or roles: rows of an id and a name.
    fn id_list(&self, out: &mut String, key: &str) {
        let label = t(&format!("formulier.veld.{key}"), &[]);
        let prompt = t(&format!("veld.{key}"), &[]);
        let head = Head {
            label: &label,
            prompt: Some(&prompt),
            help: None,
            required: true,
            suggestion: false,
        };
        let columns = vec![
            Column::new(
                "id",
                t("formulier.kolom.id", &[]),
                Control::Line("text"),
                ValueKind::Text,
            ),
            Column::new(
                "naam",
                t("formulier.kolom.naam", &[]),
                Control::Line("text"),
                ValueKind::Text,
            ),
        ];
        let shape = Shape::Rows(columns);
        if fits(&shape, self.value.get(key)) {
            field(out, &[key.to_string()], &head, &shape, self.value.get(key));
        } else {
            only_in_file(out, &[key.to_string()], &label);
        }
    }

    /// One field of a section.
    fn field(&self, out: &mut String, pad: Vec<String>, f: &Field) {
        let mut current = self.value.pointer(&format!("/{}", pad.join("/")));
        let suggestion =
            current.is_none() && f.standaard.is_some() && f.kind != FieldType::Normtabel;
        if suggestion {
            current = f.standaard.as_ref();
        }
        let head = Head::of(f, suggestion);
        let shape = match f.kind {
            FieldType::Normtabel => {
                self.norm_table(out, &pad, f);
                return;
            }
            FieldType::Lijst | FieldType::Afspraken => Shape::List(Control::Text),
            FieldType::Rollen | FieldType::Werkvormen => {
                Shape::List(Control::of(f.kind, &f.opties, self.org))
            }
            // A table with a list of rows in a column (steps per category) is not a form
            // this page can write without losing the nested rows: said, not offered.
            FieldType::Tabel
                if f.kolommen.iter().any(|c| {
                    matches!(
                        c.kind,
                        FieldType::Stappen
                            | FieldType::Termijnen
                            | FieldType::Tabel
                            | FieldType::Normtabel
                    )
                }) =>
            {
                only_in_file(out, &pad, f.heading());
                return;
            }
            FieldType::Termijnen => Shape::Rows(self.term_columns(f)),
            FieldType::Stappen => Shape::Rows(step_columns(true)),
            FieldType::Tabel => Shape::Rows(
                f.kolommen
                    .iter()
                    .map(|c| {
                        let (control, value) = match c.kind {
                            FieldType::Getal => (Control::Line("numeric"), ValueKind::Number),
                            kind if kind.is_list() => (Control::Text, ValueKind::List),
                            kind => (Control::of(kind, &c.opties, self.org), ValueKind::Text),
                        };
                        Column::new(&c.id, c.heading().to_string(), control, value)
                    })
                    .collect(),
            ),
            kind => Shape::One(Control::of(kind, &f.opties, self.org)),
        };
        if !fits(&shape, current) {
            // Saving the rows would drop what no column shows: said, not offered.
            only_in_file(out, &pad, f.heading());
            return;
        }
        field(out, &pad, &head, &shape, current);
    }

    /// The columns of a team's `termijnen` rows: which of the organisation's terms, the
    /// team's term, and its explanation.
    fn term_columns(&self, f: &Field) -> Vec<Column> {
        if self.template.soort != Kind::Teamprotocol {
            // The organisation defines its terms: id, name, term and explanation.
            let line = |id: &str, key: &str| {
                Column::new(id, t(key, &[]), Control::Line("text"), ValueKind::Text)
            };
            return vec![
                line("id", "formulier.kolom.id"),
                line("naam", "formulier.kolom.naam"),
                line("termijn", "formulier.kolom.termijn"),
                Column::new(
                    "toelichting",
                    t("formulier.kolom.toelichting", &[]),
                    Control::Text,
                    ValueKind::Text,
                ),
            ];
        }
        let ids = f
            .termijnen
            .iter()
            .map(|id| (id.clone(), self.org.term_name(id)))
            .collect();
        vec![
            Column::new(
                "id",
                t("formulier.kolom.termijn-id", &[]),
                Control::Select(ids),
                ValueKind::Text,
            ),
            Column::new(
                "termijn",
                t("formulier.kolom.termijn", &[]),
                Control::Line("text"),
                ValueKind::Text,
            ),
            Column::new(
                "naam",
                t("formulier.kolom.naam", &[]),
                Control::Line("text"),
                ValueKind::Text,
            ),
            Column::new(
                "toelichting",
                t("formulier.kolom.toelichting", &[]),
                Control::Text,
                ValueKind::Text,
            ),
        ]
    }

    /// The norm table: per behaviour category of the template the organisation defines, its
    /// norm (standpunt, approach with mandatory steps marked, reporting level) beside the
    /// team's examples, reporting level and explanation.
    fn norm_table(&self, out: &mut String, pad: &[String], f: &Field) {
        let _ = write!(
            out,
            "<div class=\"vpd-normtabel\" id=\"veld-{}\"><h3 class=\"utrecht-heading-3\">{}</h3><p class=\"utrecht-paragraph\">{}</p>",
            attr(&super::fields::key_of(pad)),
            esc(f.heading()),
            esc(&f.vraag)
        );
        if let Some(help) = &f.toelichting {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph vpd-toelichting\">{}</p>",
                esc(help)
            );
        }
        for id in &self.template.categorieen {
            let Some(category) = self.org.category(id) else {
                continue;
            };
            let mut row = pad.to_vec();
            row.push(id.clone());
            let _ = write!(
                out,
                "<fieldset class=\"utrecht-form-fieldset vpd-normrij\" id=\"sectie-{}\"><legend class=\"utrecht-form-fieldset__legend\">{}</legend><div class=\"vpd-normrij-inhoud\">",
                attr(&super::fields::key_of(&row)),
                esc(&category.naam)
            );
            self.organisation_norm(out, category);
            out.push_str("<div class=\"vpd-normrij-team\">");
            let current = self.value.pointer(&format!("/{}", row.join("/")));
            let at = |k: &str| {
                let mut p = row.clone();
                p.push(k.to_string());
                p
            };
            let examples = t("formulier.voorbeelden", &[("categorie", &category.naam)]);
            let examples_shape = Shape::List(Control::Text);
            let current_examples = current.and_then(|c| c.get("voorbeelden"));
            if !fits(&examples_shape, current_examples) {
                only_in_file(out, &at("voorbeelden"), &examples);
            } else {
                let examples_prompt = t("veld.voorbeelden", &[("categorie", &category.naam)]);
                field(
                    out,
                    &at("voorbeelden"),
                    &Head {
                        label: &examples,
                        prompt: Some(&examples_prompt),
                        help: None,
                        required: true,
                        suggestion: false,
                    },
                    &examples_shape,
                    current_examples,
                );
            }
            let steps = t("formulier.aanpak-team", &[]);
            let steps_prompt = t("veld.aanpak", &[]);
            let team_steps = Shape::Rows(step_columns(false));
            let current_steps = current.and_then(|c| c.get("aanpak"));
            if fits(&team_steps, current_steps) {
                field(
                    out,
                    &at("aanpak"),
                    &Head {
                        label: &steps,
                        prompt: Some(&steps_prompt),
                        help: None,
                        required: false,
                        suggestion: false,
                    },
                    &team_steps,
                    current_steps,
                );
            } else {
                only_in_file(out, &at("aanpak"), &steps);
            }
            let level = t("formulier.meldniveau", &[]);
            let level_prompt = t("veld.meldniveau", &[]);
            field(
                out,
                &at("meldniveau"),
                &Head {
                    label: &level,
                    prompt: Some(&level_prompt),
                    help: None,
                    required: false,
                    suggestion: false,
                },
                &Shape::One(Control::Select(levels())),
                current.and_then(|c| c.get("meldniveau")),
            );
            let note = t("formulier.toelichting", &[]);
            let note_prompt = t("veld.toelichting", &[]);
            field(
                out,
                &at("toelichting"),
                &Head {
                    label: &note,
                    prompt: Some(&note_prompt),
                    help: None,
                    required: false,
                    suggestion: false,
                },
                &Shape::One(Control::Text),
                current.and_then(|c| c.get("toelichting")),
            );
            out.push_str("</div></div></fieldset>");
        }
        out.push_str("</div>");
    }

    /// The organisation's norm for one category, read-only.
    fn organisation_norm(&self, out: &mut String, c: &crate::model::Category) {
        let _ = write!(
            out,
            "<div class=\"vpd-normrij-organisatie\"><p class=\"utrecht-paragraph\"><strong>{}</strong></p>",
            esc(&t("formulier.norm-organisatie", &[]))
        );
        if !c.standpunt.is_empty() {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph\">{}</p>",
                esc(&c.standpunt)
            );
        }
        let steps: Vec<_> = c.approach_for(&self.template.template).collect();
        if !steps.is_empty() {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph\">{}</p><ol class=\"vpd-aanpak\">",
                esc(&t("formulier.aanpak", &[]))
            );
            for s in steps {
                let mandatory = if s.is_mandatory_for(&self.template.template) {
                    format!(
                        " <strong class=\"vpd-verplicht\">({})</strong>",
                        esc(&t("formulier.stap-verplicht", &[]))
                    )
                } else {
                    String::new()
                };
                let _ = write!(out, "<li>{}{mandatory}</li>", esc(&s.tekst));
            }
            out.push_str("</ol>");
        }
        let _ = write!(
            out,
            "<p class=\"utrecht-paragraph\">{}</p>",
            esc(&t(
                "formulier.meldniveau-organisatie",
                &[("niveau", &crate::render::view::level_label(c.meldniveau))]
            ))
        );
        if !c.melden.is_empty() {
            let _ = write!(out, "<p class=\"utrecht-paragraph\">{}</p>", esc(&c.melden));
        }
        out.push_str("</div>");
    }
}

/// Whether the form can show `value` whole in a field of `shape` (so saving it loses
/// nothing): one scalar, a list of scalars, or rows whose every key has a column.
fn fits(shape: &Shape, value: Option<&Value>) -> bool {
    let scalar = |v: &Value| !v.is_array() && !v.is_object();
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return true;
    };
    match shape {
        Shape::One(_) => scalar(value),
        Shape::List(_) => value.as_array().is_some_and(|a| a.iter().all(scalar)),
        Shape::Rows(columns) => value.as_array().is_some_and(|rows| {
            rows.iter().all(|row| {
                row.as_object().is_some_and(|m| {
                    m.iter().all(|(k, v)| {
                        columns.iter().any(|c| {
                            &c.id == k
                                && match c.value {
                                    ValueKind::List => {
                                        v.as_array().is_some_and(|a| a.iter().all(scalar))
                                    }
                                    _ => scalar(v),
                                }
                        })
                    })
                })
            })
        }),
    }
}

/// A field the form shows but cannot write without losing part of its answer: it says to
/// edit the YAML file instead.
fn only_in_file(out: &mut String, pad: &[String], heading: &str) {
    let _ = write!(
        out,
        "<div class=\"utrecht-form-field vpd-alleen-in-bestand\" id=\"veld-{}\"><p class=\"utrecht-form-label\">{}</p><p class=\"utrecht-paragraph\">{}</p></div>",
        attr(&super::fields::key_of(pad)),
        esc(heading),
        esc(&t("formulier.alleen-in-bestand", &[]))
    );
}

/// The columns of a list of steps: a team's own steps (`teamstap`), or an approach's steps
/// with whether they are mandatory and for which templates (`organisation`).
fn step_columns(organisation: bool) -> Vec<Column> {
    let line = |id: &str| {
        Column::new(
            id,
            t(&format!("formulier.kolom.stap-{id}"), &[]),
            Control::Line("text"),
            ValueKind::Text,
        )
    };
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
    let mut columns = vec![
        line("id"),
        text("tekst"),
        text("toelichting"),
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
    ];
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

/// The words the script shows, from the message catalogue.
fn texts() -> Value {
    let keys = [
        "formulier.js.toevoegen",
        "formulier.js.verwijderen",
        "formulier.js.omhoog",
        "formulier.js.omlaag",
        "formulier.js.toegevoegd",
        "formulier.js.verwijderd",
        "formulier.js.verplaatst",
        "formulier.js.fout",
        "formulier.js.waarschuwing",
        "formulier.js.vaststellen-mogelijk",
        "formulier.js.vaststellen-niet",
        "formulier.js.controleren-mislukt",
        "formulier.js.opslaan-bezig",
        "formulier.js.opgeslagen",
        "formulier.js.niets-gewijzigd",
        "formulier.js.opslaan-mislukt",
        "formulier.js.conflict",
        "formulier.js.huidig",
        "formulier.js.verschil",
        "formulier.js.bestand",
    ];
    let map: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| {
            (
                k.trim_start_matches("formulier.js.").to_string(),
                json!(t(k, &[])),
            )
        })
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!fits(&rows, Some(&json!([{"id": "x", "onbekend": "y"}]))));
        assert!(!fits(&rows, Some(&json!([{"id": "x", "tekst": ["a"]}]))));
        assert!(!fits(&rows, Some(&json!(["x"]))));
    }
}
