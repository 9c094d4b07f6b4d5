//! Compiles a template, together with the organisation's norm, to JSON Schema 2020-12.
//!
//! The compiled schema is what `vpd check` validates with and what is published for
//! editors: each property's `description` is the form's Dutch prompt. vpd's own
//! annotations (`x-vpd-type`, `x-vpd-sectie`) are ignored by other validators and let the
//! validate stage translate a schema error back into the form's words.

use serde_json::{Map, Value, json};

use super::{Field, FieldType, Kind, Template, placeholder};
use crate::messages::t;

/// What the organisation's norm contributes to a template's schema.
#[derive(Debug, Clone, Default)]
pub struct NormContext {
    /// The behaviour categories the organisation defines, in order, with their names.
    pub categories: Vec<(String, String)>,
}

/// How many of its own examples a team names per behaviour category, at least.
pub const MIN_TEAM_EXAMPLES: usize = 2;

/// The `$id` base of published schemas.
pub const SCHEMA_BASE: &str = "https://vpd.invalid/schemas/";

/// The compiled JSON Schema of `template`.
pub fn compile(template: &Template, norm: &NormContext) -> Value {
    let mut properties = Map::new();
    let mut required: Vec<&str> = vec!["template"];
    properties.insert(
        "template".into(),
        json!({"const": template.template, "description": t("veld.template", &[])}),
    );
    for (key, mut schema, is_required) in envelope(template.soort) {
        schema["title"] = json!(t(&format!("label.{key}"), &[]));
        properties.insert(key.into(), schema);
        if is_required {
            required.push(key);
        }
    }
    for field in &template.velden {
        properties.insert(field.id.clone(), field_schema(field, template, norm));
        if field.verplicht {
            required.push(&field.id);
        }
    }
    if !template.secties.is_empty() {
        let mut sections = Map::new();
        let mut required_sections = Vec::new();
        for section in &template.secties {
            let mut fields = Map::new();
            let mut required_fields = Vec::new();
            for field in &section.velden {
                fields.insert(field.id.clone(), field_schema(field, template, norm));
                if field.verplicht {
                    required_fields.push(field.id.clone());
                }
            }
            let mut s = json!({
                "type": "object",
                "title": section.titel,
                "x-vpd-sectie": section.id,
                "additionalProperties": false,
                "properties": fields,
                "required": required_fields,
            });
            if let Some(intro) = &section.inleiding {
                s["description"] = json!(intro);
            }
            sections.insert(section.id.clone(), s);
            if section.is_required() {
                required_sections.push(section.id.clone());
            }
        }
        properties.insert(
            "secties".into(),
            json!({
                "type": "object",
                "title": t("label.secties", &[]),
                "description": t("veld.secties", &[]),
                "additionalProperties": false,
                "properties": sections,
                "required": required_sections,
            }),
        );
        required.push("secties");
    }
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{SCHEMA_BASE}{}.json", template.template),
        "title": template.titel,
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "required": required,
        "$defs": defs(),
    });
    if let Some(d) = &template.omschrijving {
        schema["description"] = json!(d);
    }
    if matches!(
        template.soort,
        Kind::Teamprotocol | Kind::Beleid | Kind::Normschema
    ) {
        schema["if"] =
            json!({"properties": {"status": {"const": "vastgesteld"}}, "required": ["status"]});
        schema["then"] = json!({"required": ["vastgesteld_op"]});
    }
    schema
}

/// The keys every document of a kind has besides its template's fields.
fn envelope(kind: Kind) -> Vec<(&'static str, Value, bool)> {
    let text = |key: &str| json!({"$ref": "#/$defs/tekst", "description": t(key, &[])});
    let date = |key: &str| json!({"$ref": "#/$defs/datum", "description": t(key, &[])});
    let status = json!({"enum": ["concept", "vastgesteld"], "description": t("veld.status", &[])});
    let slug = json!({"$ref": "#/$defs/slug", "description": t("veld.slug", &[])});
    // A version is a name ("2026-1", "2026.1", 3): text or a number as YAML reads it.
    let version = |key: &str| json!({"type": ["string", "number"], "x-vpd-type": "versie", "description": t(key, &[])});
    let id_list = |key: &str, ref_type: &str| {
        json!({
            "type": "array",
            "description": t(key, &[]),
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "naam"],
                "x-vpd-type": ref_type,
                "properties": {
                    "id": {"$ref": "#/$defs/slug", "description": t("veld.id", &[])},
                    "naam": {"$ref": "#/$defs/tekst", "description": t("veld.naam", &[])},
                },
            },
        })
    };
    match kind {
        Kind::Teamprotocol => vec![
            ("team", text("veld.team"), true),
            (
                "afdeling",
                json!({"type": "string", "x-vpd-type": "afdeling", "description": t("veld.afdeling", &[])}),
                true,
            ),
            ("eigenaar", text("veld.eigenaar"), true),
            ("status", status, true),
            ("vastgesteld_op", date("veld.vastgesteld_op"), false),
            ("geevalueerd_op", date("veld.geevalueerd_op"), false),
            ("normversie", version("veld.normversie"), false),
            ("slug", slug, false),
        ],
        Kind::Beleid => vec![
            ("organisatie", text("veld.organisatie"), true),
            ("eigenaar", text("veld.eigenaar"), true),
            ("status", status, true),
            ("vastgesteld_op", date("veld.vastgesteld_op"), false),
            ("geevalueerd_op", date("veld.geevalueerd_op"), false),
            ("versie", version("veld.versie"), false),
            (
                "afdelingen",
                id_list("veld.afdelingen", "afdeling-definitie"),
                true,
            ),
            ("rollen", id_list("veld.rollen", "rol-definitie"), true),
        ],
        Kind::Normschema => vec![
            ("eigenaar", text("veld.eigenaar"), true),
            ("status", status, false),
            ("vastgesteld_op", date("veld.vastgesteld_op"), false),
            ("geevalueerd_op", date("veld.geevalueerd_op"), false),
            ("versie", version("veld.versie"), false),
        ],
        Kind::Leerdoelwijzer | Kind::Ontwikkelmatrix | Kind::Werkvorm => {
            vec![("slug", slug, false)]
        }
    }
}

fn field_schema(field: &Field, template: &Template, norm: &NormContext) -> Value {
    let mut s = match field.kind {
        FieldType::Tekst => json!({"$ref": "#/$defs/tekst"}),
        FieldType::Sleutel => json!({"$ref": "#/$defs/slug"}),
        FieldType::Lijst | FieldType::Afspraken => list(json!({"$ref": "#/$defs/tekst"}), field),
        FieldType::Datum => json!({"$ref": "#/$defs/datum"}),
        FieldType::Getal => json!({"type": "integer"}),
        FieldType::Keuze => json!({"enum": field.opties}),
        FieldType::Rol => reference("rol"),
        FieldType::Rollen => list(reference("rol"), field),
        FieldType::Afdeling => reference("afdeling"),
        FieldType::Werkvorm => reference("werkvorm"),
        FieldType::Werkvormen => list(reference("werkvorm"), field),
        FieldType::Stappen => list(json!({"$ref": "#/$defs/stap"}), field),
        FieldType::Meldniveau => json!({"$ref": "#/$defs/meldniveau"}),
        FieldType::Termijnen => list(terms(field, template), field),
        FieldType::Tabel => {
            let mut columns = Map::new();
            let mut required = Vec::new();
            for column in &field.kolommen {
                columns.insert(column.id.clone(), field_schema(column, template, norm));
                if column.verplicht {
                    required.push(column.id.clone());
                }
            }
            list(
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "properties": columns,
                    "required": required,
                }),
                field,
            )
        }
        FieldType::Normtabel => norm_table(template, norm),
    };
    s["description"] = json!(field.vraag);
    if let Some(kop) = &field.kop {
        s["title"] = json!(kop);
    }
    s["x-vpd-type"] = json!(field.kind.name());
    s["x-vpd-veld"] = json!(field.id);
    if let Some(hint) = &field.toelichting {
        s["x-vpd-toelichting"] = json!(hint);
    }
    if field.kind != FieldType::Normtabel
        && let Some(default) = &field.standaard
    {
        s["default"] = default.clone();
    }
    s
}

/// One row of a `termijnen` field. The organisation's rows define a term (id, name,
/// term); a team's row gives its term for one the field asks (`termijnen`), by id.
fn terms(field: &Field, template: &Template) -> Value {
    let team = template.soort == Kind::Teamprotocol;
    let id = if team && !field.termijnen.is_empty() {
        json!({"enum": field.termijnen, "description": t("veld.termijn.id.team", &[])})
    } else {
        json!({"$ref": "#/$defs/slug", "description": t("veld.termijn.id", &[])})
    };
    let required: &[&str] = if team {
        &["id", "termijn"]
    } else {
        &["id", "naam", "termijn"]
    };
    json!({
        "type": "object",
        "x-vpd-type": "termijn-rij",
        "additionalProperties": false,
        "required": required,
        "properties": {
            "id": id,
            "naam": {"$ref": "#/$defs/tekst", "description": t("veld.termijn.naam", &[])},
            "termijn": {"type": "string", "x-vpd-type": "termijn", "description": t("veld.termijn.termijn", &[])},
            "toelichting": {"$ref": "#/$defs/tekst", "description": t("veld.termijn.toelichting", &[])},
        },
    })
}

fn list(items: Value, field: &Field) -> Value {
    let mut s = json!({"type": "array", "items": items});
    let min = field.min_items();
    if min > 0 {
        s["minItems"] = json!(min);
    }
    s
}

fn reference(kind: &str) -> Value {
    json!({"type": "string", "not": {"pattern": placeholder::PATTERN}, "x-vpd-type": kind})
}

/// The categories that apply to a template: those the template lists and the organisation
/// defines (all the template lists when the organisation's norm could not be read).
pub fn applicable_categories(template: &Template, norm: &NormContext) -> Vec<(String, String)> {
    if norm.categories.is_empty() {
        return template
            .categorieen
            .iter()
            .map(|c| (c.clone(), c.clone()))
            .collect();
    }
    norm.categories
        .iter()
        .filter(|(id, _)| template.categorieen.contains(id))
        .cloned()
        .collect()
}

fn norm_table(template: &Template, norm: &NormContext) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (id, name) in applicable_categories(template, norm) {
        properties.insert(
            id.clone(),
            json!({
                "type": "object",
                "title": name,
                "x-vpd-type": "normcategorie",
                "additionalProperties": false,
                "required": ["voorbeelden"],
                "properties": {
                    "voorbeelden": {
                        "type": "array",
                        "minItems": MIN_TEAM_EXAMPLES,
                        "items": {"$ref": "#/$defs/tekst"},
                        "x-vpd-type": "voorbeelden",
                        "description": t("veld.voorbeelden", &[("categorie", &name)]),
                    },
                    "aanpak": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": "#/$defs/teamstap"},
                        "x-vpd-type": "stappen",
                        "description": t("veld.aanpak", &[]),
                    },
                    "meldniveau": {"$ref": "#/$defs/meldniveau", "description": t("veld.meldniveau", &[])},
                    "toelichting": {"$ref": "#/$defs/tekst", "description": t("veld.toelichting", &[])},
                    "standpunt": {"not": {}, "x-vpd-type": "standpunt", "description": t("veld.standpunt", &[])},
                },
            }),
        );
        required.push(id);
    }
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "required": required,
    })
}

fn defs() -> Value {
    json!({
        "tekst": {
            "type": "string",
            "not": {"pattern": placeholder::PATTERN},
            "x-vpd-type": "tekst",
        },
        "datum": {
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "x-vpd-type": "datum",
        },
        "slug": {
            "type": "string",
            "pattern": crate::names::SLUG_PATTERN,
            "x-vpd-type": "slug",
        },
        "meldniveau": {
            "enum": ["niet", "bij-patroon", "altijd"],
            "x-vpd-type": "meldniveau",
        },
        "stap": {
            "type": "object",
            "x-vpd-type": "stap",
            "additionalProperties": false,
            "required": ["id", "tekst"],
            "properties": {
                "id": {"$ref": "#/$defs/slug", "description": t("veld.stap.id", &[])},
                "tekst": {"$ref": "#/$defs/tekst", "description": t("veld.stap.tekst", &[])},
                "uitleg": {"$ref": "#/$defs/tekst", "description": t("veld.stap.uitleg", &[])},
                "verplicht": {"type": "boolean", "description": t("veld.stap.verplicht", &[])},
                "geldt_voor": {"type": "array", "items": {"type": "string"}, "description": t("veld.stap.geldt_voor", &[])},
                "soort": {"enum": ["stap", "beslissing"], "description": t("veld.stap.soort", &[])},
                "ja": {"$ref": "#/$defs/slug", "description": t("veld.stap.ja", &[])},
                "nee": {"$ref": "#/$defs/slug", "description": t("veld.stap.nee", &[])},
                "daarna": {"$ref": "#/$defs/slug", "description": t("veld.stap.daarna", &[])},
                "einde": {"type": "boolean", "description": t("veld.stap.einde", &[])},
            },
        },
        // A step of a team's own approach: a step of the organisation (by id, in the
        // organisation's wording, which the team may leave out) with the team's
        // explanation, or a step of the team's own (its `tekst` is then required, see
        // `validate::step_wording`). Only the organisation makes steps mandatory.
        "teamstap": {
            "type": "object",
            "x-vpd-type": "stap",
            "additionalProperties": false,
            "required": ["id"],
            "properties": {
                "id": {"$ref": "#/$defs/slug", "description": t("veld.stap.id", &[])},
                "tekst": {"$ref": "#/$defs/tekst", "description": t("veld.teamstap.tekst", &[])},
                "toelichting": {"$ref": "#/$defs/tekst", "description": t("veld.teamstap.toelichting", &[])},
                "uitleg": {"$ref": "#/$defs/tekst", "description": t("veld.stap.uitleg", &[])},
                "soort": {"enum": ["stap", "beslissing"], "description": t("veld.stap.soort", &[])},
                "ja": {"$ref": "#/$defs/slug", "description": t("veld.stap.ja", &[])},
                "nee": {"$ref": "#/$defs/slug", "description": t("veld.stap.nee", &[])},
                "daarna": {"$ref": "#/$defs/slug", "description": t("veld.stap.daarna", &[])},
                "einde": {"type": "boolean", "description": t("veld.stap.einde", &[])},
            },
        },
    })
}
