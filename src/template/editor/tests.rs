use std::path::Path;

use serde_json::json;

use super::*;
use crate::template::Templates;
use crate::template::compile::{NormContext, compile};

fn context() -> EditorContext {
    EditorContext {
        departments: vec![
            ("publiekszaken".into(), "Publiekszaken".into()),
            ("werk-en-inkomen".into(), "Werk en inkomen".into()),
        ],
        roles: vec![("leidinggevende".into(), "Direct leidinggevende".into())],
        werkvormen: vec![("kennisquiz".into(), "De kennisquiz".into())],
    }
}

fn werkplein() -> Value {
    let templates = Templates::load(Path::new("/nonexistent"));
    let norm = NormContext {
        categories: vec![("ik-gedrag".into(), "Ik-gedrag".into())],
    };
    compile(templates.get("werkplein").unwrap(), &norm)
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft7::new(schema).expect("the editor schema compiles as draft-07")
}

#[test]
fn concepts_are_lenient_and_adopted_protocols_strict() {
    let editor = editor_schema(&werkplein(), &context());
    let v = validator(&editor);
    let concept = json!({
        "template": "werkplein", "status": "concept", "afdeling": "publiekszaken",
        "team": ".....", "secties": {},
    });
    assert!(v.is_valid(&concept), "{:?}", v.iter_errors(&concept).next());
    let mut adopted = concept.clone();
    adopted["status"] = json!("vastgesteld");
    assert!(!v.is_valid(&adopted));
    let errors: Vec<String> = v.iter_errors(&adopted).map(|e| e.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("vastgesteld_op")),
        "{errors:?}"
    );
}

#[test]
fn unknown_keys_and_departments_are_errors_even_in_a_concept() {
    let v = validator(&editor_schema(&werkplein(), &context()));
    let typo = json!({"template": "werkplein", "status": "concept", "tema": "x"});
    assert!(!v.is_valid(&typo));
    let wrong = json!({"template": "werkplein", "status": "concept", "afdeling": "kcc"});
    assert!(!v.is_valid(&wrong));
    let unfilled = json!({"template": "werkplein", "status": "concept", "afdeling": "....."});
    assert!(v.is_valid(&unfilled), "a concept's placeholder department");
    let mut adopted = unfilled.clone();
    adopted["status"] = json!("vastgesteld");
    let errors: Vec<String> = v
        .iter_errors(&adopted)
        .map(|e| e.instance_path().to_string())
        .collect();
    assert!(errors.contains(&"/afdeling".to_string()), "{errors:?}");
}

#[test]
fn the_organisation_s_choices_are_enums_with_their_names() {
    let editor = editor_schema(&werkplein(), &context());
    let afdeling = &editor["properties"]["afdeling"];
    assert!(afdeling["markdownDescription"].as_str().is_some());
    let afdeling = &afdeling["anyOf"][0];
    assert_eq!(
        afdeling["enum"],
        json!(["publiekszaken", "werk-en-inkomen"])
    );
    assert_eq!(
        afdeling["markdownEnumDescriptions"],
        json!(["Publiekszaken", "Werk en inkomen"])
    );
    let message = afdeling["errorMessage"].as_str().unwrap();
    assert!(
        message.contains("publiekszaken, werk-en-inkomen"),
        "{message}"
    );
}

#[test]
fn a_key_a_team_may_not_set_is_not_offered() {
    let editor = editor_schema(&werkplein(), &context());
    let text = serde_json::to_string(&editor).unwrap();
    assert!(!text.contains("\"standpunt\""), "standpunt is offered");
    assert!(werkplein().to_string().contains("\"standpunt\""));
}

#[test]
fn every_description_is_also_markdown() {
    fn walk(v: &Value, missing: &mut usize) {
        match v {
            Value::Object(o) => {
                if o.contains_key("description") && !o.contains_key("markdownDescription") {
                    *missing += 1;
                }
                o.values().for_each(|x| walk(x, missing));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, missing)),
            _ => {}
        }
    }
    let mut missing = 0;
    walk(&editor_schema(&werkplein(), &context()), &mut missing);
    assert_eq!(missing, 0);
}

#[test]
fn the_team_schema_dispatches_on_template() {
    let mut strict = BTreeMap::new();
    strict.insert("werkplein".to_string(), werkplein());
    let all = editor_schemas(&strict, &["werkplein".into(), "kcc".into()], &context());
    let team = &all[TEAM_SCHEMA];
    assert_eq!(team["properties"]["template"]["enum"], json!(["werkplein"]));
    assert_eq!(team["allOf"][0]["then"]["$ref"], json!("werkplein.json"));
    assert_eq!(file_match(TEAM_SCHEMA), vec!["content/teams/*.yaml"]);
    assert!(file_match("werkplein").is_empty());
}
