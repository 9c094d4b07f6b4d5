//! The form page of one protocol: every section of its template (`<fieldset>` with
//! `<legend>`) and every field in the template's order, filled with the file's answers (or
//! the template's suggestion, marked as one), the organisation's norm beside the team's
//! norm table, an error summary and a status the script fills. Without JavaScript the page
//! shows the whole form and says how to edit the YAML file instead.

use std::fmt::Write;

use serde_json::{Value, json};

use super::data::OrgData;
use super::fields::{Column, Control, Head, Shape, ValueKind, attr, esc, field};
use super::fit::{fits, only_in_file, step_columns};
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

/// The keys outside `secties` the form edits in the norm schema.
const NORM_ENVELOPE: [&str; 5] = [
    "eigenaar",
    "status",
    "vastgesteld_op",
    "geevalueerd_op",
    "versie",
];

/// Whether `key` is a key outside `secties` that a form edits (of a team protocol, the
/// policy or the norm schema).
pub fn is_envelope(key: &str) -> bool {
    TEAM_ENVELOPE.contains(&key) || POLICY_ENVELOPE.contains(&key) || NORM_ENVELOPE.contains(&key)
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
                esc(&self.naming().terug)
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
            "teksten": texts(&self.naming()),
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
    /// status, dates and norm version, the policy's organisation, owner, status, dates,
    /// version, departments and roles, or the norm schema's owner, status, dates and version.
    fn envelope(&self, out: &mut String) {
        let _ = write!(
            out,
            "<fieldset class=\"utrecht-form-fieldset vpd-sectie\" id=\"sectie-algemeen\"><legend class=\"utrecht-form-fieldset__legend\"><span class=\"utrecht-heading-2\">{}</span></legend>",
            esc(&self.naming().algemeen)
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
            Kind::Normschema => &NORM_ENVELOPE,
            _ => &TEAM_ENVELOPE,
        };
        for &key in keys {
            if matches!(key, "afdelingen" | "rollen") {
                self.id_list(out, key);
                continue;
            }
            let (control, required) = match key {
                "afdeling" => (departments.clone(), true),
                // The norm schema's status is optional: without one it counts as adopted.
                "status" => (
                    Control::Select(status.clone()),
                    self.template.soort != Kind::Normschema,
                ),
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
            Column::line("id", t("formulier.kolom.id", &[])),
            Column::line("naam", t("formulier.kolom.naam", &[])),
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
            FieldType::Termijnen => Shape::Rows(self.term_columns(f)),
            FieldType::Stappen => Shape::Rows(step_columns(true)),
            FieldType::Tabel => match self.table_columns(f) {
                Some(columns) => Shape::Rows(columns),
                None => {
                    // A table in a table's cell: said, not offered.
                    only_in_file(out, &pad, f.heading());
                    return;
                }
            },
            kind => Shape::One(Control::of(kind, &f.opties, self.org)),
        };
        if !fits(&shape, current) {
            // Not a list of texts, nor rows: said, not offered.
            only_in_file(out, &pad, f.heading());
            return;
        }
        field(out, &pad, &head, &shape, current);
    }

    /// The columns of a table's rows: a list in a cell (the norm schema's `herkenning`
    /// lines, `aanpak` steps) is a list of its own; none when a cell holds terms, a table or
    /// a norm table, which the form cannot show inside a row.
    fn table_columns(&self, f: &Field) -> Option<Vec<Column>> {
        f.kolommen
            .iter()
            .map(|c| {
                let label = c.heading().to_string();
                // Items of a list in a row are labelled with the column's short name.
                let name = || c.kop.clone().unwrap_or_else(|| c.id.replace('_', " "));
                let lines = |control: Control| {
                    Some(Column::nested(
                        &c.id,
                        label.clone(),
                        name(),
                        Shape::List(control),
                    ))
                };
                match c.kind {
                    FieldType::Getal => Some(Column::new(
                        &c.id,
                        label.clone(),
                        Control::Line("numeric"),
                        ValueKind::Number,
                    )),
                    FieldType::Lijst | FieldType::Afspraken => lines(Control::Text),
                    FieldType::Rollen | FieldType::Werkvormen => {
                        lines(Control::of(c.kind, &c.opties, self.org))
                    }
                    FieldType::Stappen => Some(Column::nested(
                        &c.id,
                        label.clone(),
                        name(),
                        Shape::Rows(step_columns(true)),
                    )),
                    FieldType::Termijnen | FieldType::Tabel | FieldType::Normtabel => None,
                    kind => Some(Column::new(
                        &c.id,
                        label.clone(),
                        Control::of(kind, &c.opties, self.org),
                        ValueKind::Text,
                    )),
                }
            })
            .collect()
    }

    /// The columns of a team's `termijnen` rows: which of the organisation's terms, the
    /// team's term, and its explanation.
    fn term_columns(&self, f: &Field) -> Vec<Column> {
        if self.template.soort != Kind::Teamprotocol {
            // The organisation defines its terms: id, name, term and explanation.
            let line = |id: &str, key: &str| Column::line(id, t(key, &[]));
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
            Column::line("termijn", t("formulier.kolom.termijn", &[])),
            Column::line("naam", t("formulier.kolom.naam", &[])),
            Column::new(
                "toelichting",
                t("formulier.kolom.toelichting", &[]),
                Control::Text,
                ValueKind::Text,
            ),
        ]
    }
}

/// The words of a form that name what it edits: a team's protocol, the policy or the
/// norm schema (each a whole sentence in the catalogue, so a language can decline it).
struct Naming {
    /// The link back to the page of what is edited.
    terug: String,
    /// The heading of the keys outside `secties`.
    algemeen: String,
    /// It can be adopted as it is.
    mogelijk: String,
    /// What is still needed before it can be adopted (`{aantal}` filled by the script).
    niet: String,
}

impl FormPage<'_> {
    fn naming(&self) -> Naming {
        let words = |keys: [&str; 4]| {
            let [terug, algemeen, mogelijk, niet] = keys.map(|k| t(k, &[]));
            Naming {
                terug,
                algemeen,
                mogelijk,
                niet,
            }
        };
        match self.template.soort {
            Kind::Beleid => words([
                "formulier.terug.beleid",
                "formulier.algemeen.beleid",
                "formulier.js.vaststellen-mogelijk.beleid",
                "formulier.js.vaststellen-niet.beleid",
            ]),
            Kind::Normschema => words([
                "formulier.terug.normschema",
                "formulier.algemeen.normschema",
                "formulier.js.vaststellen-mogelijk.normschema",
                "formulier.js.vaststellen-niet.normschema",
            ]),
            _ => words([
                "formulier.terug.protocol",
                "formulier.algemeen.protocol",
                "formulier.js.vaststellen-mogelijk.protocol",
                "formulier.js.vaststellen-niet.protocol",
            ]),
        }
    }
}

/// The words the script shows, from the message catalogue; those naming what is edited
/// from `naming`.
fn texts(naming: &Naming) -> Value {
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
        "formulier.js.foutloos",
        "formulier.js.fouten",
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
    let mut map: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| {
            (
                k.trim_start_matches("formulier.js.").to_string(),
                json!(t(k, &[])),
            )
        })
        .collect();
    map.insert("vaststellen-mogelijk".into(), json!(naming.mogelijk));
    map.insert("vaststellen-niet".into(), json!(naming.niet));
    Value::Object(map)
}
