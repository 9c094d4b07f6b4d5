//! The preview's form editor: the form page has every field of the protocol's template
//! with a label and offers the organisation's own choices; `POST /__vpd/controleren`
//! answers with `vpd check`'s findings at the fields they are about, says whether the
//! protocol could be adopted, and refuses (changing nothing) without the session's token,
//! from another origin or for another host.

mod common;

use common::example_copy;
use common::serve::{Example as Session, refused_headers, request_json, request_with};
use scraper::{Html, Selector};
use serde_json::{Value, json};

const TEAM: &str = "content/teams/werkplein-noord.yaml";

impl Session {
    fn get(&self, path: &str, host: &str) -> (u16, String) {
        let (status, _, bytes) = request_with(&self.serve.addr, "GET", path, &[("Host", host)], "");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn token(&self) -> String {
        let (status, body) = self.get("/__vpd/bewerken/werkplein-noord", &self.host());
        assert_eq!(status, 200, "{body}");
        let json: Value = serde_json::from_str(&body).unwrap();
        json["token"].as_str().unwrap().to_string()
    }

    fn check(&self, headers: &[(&str, &str)], body: &Value) -> (u16, Value) {
        let (status, _, bytes) = request_with(
            &self.serve.addr,
            "POST",
            "/__vpd/controleren",
            headers,
            &body.to_string(),
        );
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}

fn select(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every id of a form page (`what`) is unique and every control has one label.
fn assert_unique_ids_and_one_label_each(page: &Html, what: &str) {
    let mut ids = std::collections::HashSet::new();
    for el in page.select(&select("[id]")) {
        let id = el.value().id().unwrap();
        assert!(ids.insert(id.to_string()), "{what}: id {id} twice");
    }
    for control in page.select(&select("form textarea, form input, form select")) {
        let id = control.value().id().unwrap();
        let label = select(&format!("label[for=\"{id}\"]"));
        assert_eq!(page.select(&label).count(), 1, "{what}: label for {id}");
    }
}

/// The ids of a list of `{id, naam}` in the example's policy.
fn policy_ids(key: &str) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("content/organisatie/beleid.yaml");
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        &path,
        "beleid.yaml".into(),
        std::fs::read_to_string(&path).unwrap(),
    ));
    let doc = vpd::load::parse_document(&source).unwrap();
    doc.value[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_form_has_every_field_of_the_template_with_a_label_and_the_organisations_choices() {
    let s = Session::start(&[]);
    let (status, html) = s.get("/__vpd/formulier/werkplein-noord", &s.host());
    assert_eq!(status, 200, "{html}");
    let page = Html::parse_document(&html);
    let templates = vpd::template::Templates::load(std::path::Path::new("/nonexistent"));
    let template = templates.get("werkplein").unwrap();
    for section in &template.secties {
        let fieldset = select(&format!("fieldset#sectie-{}", section.id));
        let legend = page
            .select(&fieldset)
            .next()
            .unwrap_or_else(|| panic!("section {}", section.id))
            .select(&select("legend"))
            .next()
            .unwrap();
        assert_eq!(legend.text().collect::<String>(), section.titel);
        for field in &section.velden {
            let id = format!("#veld-secties--{}--{}", section.id, field.id);
            let el = page
                .select(&select(&id))
                .next()
                .unwrap_or_else(|| panic!("field {id}"));
            let text = el.text().collect::<String>();
            assert!(text.contains(field.heading()), "{id}: {text}");
        }
    }
    // Every control (but the inert rows the script copies) has a label of its own.
    let mut controls = 0;
    for control in page.select(&select("form textarea, form input, form select")) {
        let id = control.value().id().expect("every control has an id");
        let label = select(&format!("label[for=\"{id}\"]"));
        assert_eq!(page.select(&label).count(), 1, "label for {id}");
        controls += 1;
    }
    assert!(controls > 100, "{controls} controls");
    // Answers from the file are filled in.
    let team = page.select(&select("#i-team")).next().unwrap();
    assert_eq!(team.value().attr("value"), Some("Werkplein Noord"));
    // The choices are the organisation's: departments and roles from its policy.
    let options = |css: &str| -> Vec<String> {
        page.select(&select(css))
            .filter_map(|o| o.value().attr("value"))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(options("#i-afdeling option"), policy_ids("afdelingen"));
    assert_eq!(
        options("#i-secties--orde--aanspreken-0 option"),
        policy_ids("rollen")
    );
    // The norm table: per category, the organisation's norm beside the team's fields.
    for category in &template.categorieen {
        let row = format!("#sectie-secties--normschema--normtabel--{category}");
        let el = page
            .select(&select(&row))
            .next()
            .unwrap_or_else(|| panic!("{row}"));
        assert!(
            el.select(&select(".vpd-normrij-organisatie"))
                .next()
                .is_some()
        );
        assert!(
            el.select(&select(&format!(
                "#veld-secties--normschema--normtabel--{category}--voorbeelden"
            )))
            .next()
            .is_some()
        );
    }
    assert!(
        html.contains("verplichte stap"),
        "mandatory steps are marked"
    );
    // The team's own steps are rows with a control per key of a step.
    let step = page
        .select(&select(
            "#i-secties--normschema--normtabel--fysiek-geweld--aanpak-0-id",
        ))
        .next()
        .expect("the team's first step");
    assert_eq!(step.value().attr("value"), Some("alarmeren"));
    // Without JavaScript the page says how to edit the file instead.
    let notice = page.select(&select("#vpd-zonder-js")).next().unwrap();
    assert!(notice.text().collect::<String>().contains(TEAM));

    // The team page links to its form, in the preview only.
    let (_, team_page) = s.get("/vpd/teams/werkplein-noord/", &s.host());
    assert!(team_page.contains("href=\"/__vpd/formulier/werkplein-noord\""));
    let (_, other) = s.get("/vpd/teams/", &s.host());
    assert!(!other.contains("/__vpd/formulier/"));
}

#[test]
fn every_example_team_has_a_form_with_unique_ids_and_labels_and_a_check() {
    let s = Session::start(&[]);
    let token = s.token();
    let host = s.host();
    let origin = format!("http://{host}");
    let headers = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    let teams = std::fs::read_dir(s.root.join("content/teams")).unwrap();
    let mut seen = 0;
    for entry in teams {
        let path = entry.unwrap().path();
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        let (status, html) = s.get(&format!("/__vpd/formulier/{slug}"), &s.host());
        assert_eq!(status, 200, "{slug}: {html}");
        let page = Html::parse_document(&html);
        assert_unique_ids_and_one_label_each(&page, &slug);
        // An adopted example passes `vpd check`, so the form says it can be adopted.
        let (status, outcome) = s.check(&headers, &json!({"protocol": slug, "antwoorden": []}));
        assert_eq!(status, 200, "{slug}: {outcome}");
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("status: vastgesteld") {
            assert_eq!(
                outcome["vaststellen_mogelijk"],
                json!(true),
                "{slug}: {outcome}"
            );
        }
        seen += 1;
    }
    assert!(seen >= 5, "{seen} teams");
}

#[test]
fn the_form_is_shown_only_to_this_preview_and_only_for_its_protocols() {
    let s = Session::start(&[]);
    let (status, _) = s.get("/__vpd/formulier/werkplein-noord", "evil.example");
    assert_eq!(status, 403);
    let (status, _) = s.get("/__vpd/formulier/bestaat-niet", &s.host());
    assert_eq!(status, 404);
}

#[test]
fn a_missing_required_answer_is_a_finding_at_its_field_and_stops_adoption() {
    let s = Session::start(&[]);
    let token = s.token();
    let host = s.host();
    let origin = format!("http://{host}");
    let headers = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    let (status, clean) = s.check(
        &headers,
        &json!({"protocol": "werkplein-noord", "antwoorden": []}),
    );
    assert_eq!(status, 200, "{clean}");
    assert_eq!(clean["vaststellen_mogelijk"], json!(true), "{clean}");
    assert_eq!(clean["ontbreekt"], json!([]));

    let before = std::fs::read_to_string(s.root.join(TEAM)).unwrap();
    let pad = json!(["secties", "orde", "huisregels-kenbaar"]);
    let (status, outcome) = s.check(
        &headers,
        &json!({"protocol": "werkplein-noord", "antwoorden": [{"pad": pad, "waarde": ""}]}),
    );
    assert_eq!(status, 200, "{outcome}");
    let at_field: Vec<&Value> = outcome["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["pad"] == pad)
        .collect();
    assert!(!at_field.is_empty(), "{outcome}");
    assert_eq!(at_field[0]["ernst"], json!("fout"), "an adopted protocol");
    assert!(
        at_field[0]["melding"]
            .as_str()
            .unwrap()
            .contains("huisregels")
    );
    assert!(at_field[0]["regel"].as_str().is_some());
    assert_eq!(outcome["vaststellen_mogelijk"], json!(false));
    assert!(
        outcome["ontbreekt"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["pad"] == pad)
    );
    let after = std::fs::read_to_string(s.root.join(TEAM)).unwrap();
    assert_eq!(after, before, "checking writes nothing");
}

#[test]
fn a_check_without_token_from_another_origin_or_host_is_refused() {
    let s = Session::start(&[]);
    let token = s.token();
    let host = s.host();
    let origin = format!("http://{host}");
    let before = std::fs::read_to_string(s.root.join(TEAM)).unwrap();
    let body = json!({"protocol": "werkplein-noord", "antwoorden": [
        {"pad": ["secties", "orde", "boodschap"], "waarde": "Anders"}
    ]});
    for (headers, why) in refused_headers(&host, &origin, &token) {
        let (status, json) = s.check(&headers, &body);
        assert_eq!(status, 403, "{why}: {json}");
    }
    let good = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    let (status, _) = s.check(
        &good,
        &json!({"protocol": "../../etc/passwd", "antwoorden": []}),
    );
    assert_eq!(status, 404);
    let (status, _) = s.check(
        &good,
        &json!({"protocol": "werkplein-noord", "antwoorden": [{"pad": ["template"], "waarde": "kcc"}]}),
    );
    assert_eq!(status, 400);
    let after = std::fs::read_to_string(s.root.join(TEAM)).unwrap();
    assert_eq!(after, before, "nothing was written");
}

#[test]
fn the_policy_has_a_form_reached_from_the_start_page() {
    let s = Session::start(&[]);
    let (_, home) = s.get("/vpd/", &s.host());
    assert!(home.contains("href=\"/__vpd/formulier/organisatie.beleid\""));
    let (status, html) = s.get("/__vpd/formulier/organisatie.beleid", &s.host());
    assert_eq!(status, 200, "{html}");
    let page = Html::parse_document(&html);
    let templates = vpd::template::Templates::load(std::path::Path::new("/nonexistent"));
    let template = templates.get("beleid").unwrap();
    for section in &template.secties {
        for field in &section.velden {
            let id = format!("#veld-secties--{}--{}", section.id, field.id);
            assert!(page.select(&select(&id)).next().is_some(), "field {id}");
        }
    }
    // The departments are rows of an id and a name, filled from the policy.
    let first = page.select(&select("#i-afdelingen-0-id")).next().unwrap();
    assert_eq!(
        first.value().attr("value"),
        Some(policy_ids("afdelingen")[0].as_str())
    );
    let token = s.token();
    let host = s.host();
    let origin = format!("http://{host}");
    let (status, outcome) = s.check(
        &[
            ("Host", host.as_str()),
            ("Origin", origin.as_str()),
            ("X-Vpd-Token", token.as_str()),
        ],
        &json!({"protocol": "organisatie.beleid", "antwoorden": []}),
    );
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["vaststellen_mogelijk"], json!(true), "{outcome}");
}

/// The check the form runs is `vpd check` on the organisation with one file's text
/// replaced, whatever the file on disk holds (even text that does not load).
#[test]
fn the_forms_check_is_vpd_check_with_the_files_text_replaced() {
    let dir = example_copy();
    let root = dir.path().canonicalize().unwrap();
    let path = root.join(TEAM);
    let good = std::fs::read_to_string(&path).unwrap();
    let options = vpd::validate::Options {
        today: jiff::civil::date(2026, 11, 24),
        strict: false,
    };
    let of_file = |text: &str| -> Vec<String> {
        let checked =
            vpd::pipeline::check_with_text(&root, &options, &path, text.to_string()).unwrap();
        checked
            .validated
            .diagnostics
            .iter()
            .chain(&checked.loaded.diagnostics)
            .filter(|d| d.primary.source.path == path)
            .map(|d| d.rule.code().to_string())
            .collect()
    };
    assert_eq!(of_file(&good), Vec::<String>::new());
    let without_owner = good.replace("eigenaar: \"Teamleider Werkplein Noord\"\n", "");
    assert_ne!(without_owner, good);
    assert!(!of_file(&without_owner).is_empty());
    // A file that does not load on disk is checked as the given text.
    std::fs::write(&path, "template: [werkplein\n").unwrap();
    assert_eq!(of_file(&good), Vec::<String>::new());
}

const NORM: &str = "content/organisatie/normschema.yaml";
const NORM_KEY: &str = "organisatie.normschema";

/// The example's norm schema as JSON.
fn norm_schema() -> Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(NORM);
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        &path,
        NORM.into(),
        std::fs::read_to_string(&path).unwrap(),
    ));
    vpd::load::parse_document(&source).unwrap().value
}

/// The text of the control `css` on `page` (an input's value, a textarea's text, a
/// select's chosen option).
fn control_value(page: &Html, css: &str) -> String {
    let el = page
        .select(&select(css))
        .next()
        .unwrap_or_else(|| panic!("{css}"));
    match el.value().name() {
        "input" => el.value().attr("value").unwrap_or("").to_string(),
        "select" => el
            .select(&select("option[selected]"))
            .next()
            .and_then(|o| o.value().attr("value"))
            .unwrap_or("")
            .to_string(),
        _ => el.text().collect(),
    }
}

#[test]
fn the_norm_schema_has_a_form_with_its_categories_lists_and_steps() {
    let s = Session::start(&[]);
    let link = format!("href=\"/__vpd/formulier/{NORM_KEY}\"");
    for page in ["/vpd/", "/vpd/normschema/"] {
        let (_, html) = s.get(page, &s.host());
        assert!(
            html.contains(&link),
            "{page} links to the norm schema's form"
        );
        assert!(html.contains("Normschema bewerken"), "{page}");
    }
    let (status, html) = s.get(&format!("/__vpd/formulier/{NORM_KEY}"), &s.host());
    assert_eq!(status, 200, "{html}");
    let page = Html::parse_document(&html);
    let templates = vpd::template::Templates::load(std::path::Path::new("/nonexistent"));
    let template = templates.get("normschema").unwrap();
    for section in &template.secties {
        for field in &section.velden {
            let id = format!("#veld-secties--{}--{}", section.id, field.id);
            assert!(page.select(&select(&id)).next().is_some(), "field {id}");
        }
    }
    // Every part of the norm schema can be edited: nothing is left to the YAML file.
    assert_eq!(page.select(&select(".vpd-alleen-in-bestand")).count(), 0);
    assert_unique_ids_and_one_label_each(&page, NORM_KEY);
    // The envelope and every nested answer carry the file's values.
    let norm = norm_schema();
    assert_eq!(control_value(&page, "#i-eigenaar"), norm["eigenaar"]);
    assert_eq!(control_value(&page, "#i-versie"), norm["versie"]);
    let categories = norm["secties"]["categorieen"]["categorieen"]
        .as_array()
        .unwrap();
    let key = "i-secties--categorieen--categorieen";
    for (n, category) in categories.iter().enumerate() {
        assert_eq!(
            control_value(&page, &format!("#{key}-{n}-id")),
            category["id"]
        );
        for list in ["herkenning", "uitspraken", "vermijden"] {
            for (m, line) in category[list].as_array().into_iter().flatten().enumerate() {
                let id = format!("{key}-{n}-{list}-{m}");
                assert_eq!(control_value(&page, &format!("#{id}")), *line, "{id}");
            }
        }
        for (m, step) in category["aanpak"].as_array().unwrap().iter().enumerate() {
            for (column, value) in step.as_object().unwrap() {
                let id = format!("#{key}-{n}-aanpak-{m}-{column}");
                let expected = match value {
                    Value::Array(items) => items
                        .iter()
                        .map(|i| i.as_str().unwrap())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                assert_eq!(control_value(&page, &id), expected, "{id}");
            }
        }
    }
    // A line of a list in a row is labelled with the row's name, the list and its place.
    let label = page
        .select(&select(&format!("label[for=\"{key}-0-herkenning-2\"]")))
        .next()
        .unwrap();
    let label: String = label.text().collect();
    assert_eq!(
        label.split_whitespace().collect::<Vec<_>>().join(" "),
        "Ik-gedrag, herkenning, regel 3"
    );
    // Without a status (it needs none), the norm schema's check says only what `vpd check`
    // finds (nothing, for the example); with one, also whether it could be adopted.
    let token = s.token();
    let host = s.host();
    let origin = format!("http://{host}");
    let headers = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    let (status, outcome) = s.check(&headers, &json!({"protocol": NORM_KEY, "antwoorden": []}));
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["vaststellen_mogelijk"], Value::Null, "{outcome}");
    assert_eq!(outcome["bevindingen"], json!([]), "{outcome}");
    let concept =
        json!({"protocol": NORM_KEY, "antwoorden": [{"pad": ["status"], "waarde": "concept"}]});
    let (status, outcome) = s.check(&headers, &concept);
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["vaststellen_mogelijk"], json!(true), "{outcome}");
}

/// The lines of `after` that differ from `before`, by line number (same line count).
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (_, b))| (i + 1, b.to_string()))
        .collect()
}

#[test]
fn a_nested_change_in_the_norm_schema_is_checked_at_its_field_and_saved_as_only_its_lines() {
    let s = Session::start(&[]);
    let host = s.host();
    let origin = format!("http://{host}");
    let (status, opened) = request_json(
        &host,
        "GET",
        &format!("/__vpd/bewerken/{NORM_KEY}"),
        &[("Host", &host)],
        "",
    );
    assert_eq!(status, 200, "{opened}");
    let token = opened["token"].as_str().unwrap();
    let versie = opened["versie"].as_str().unwrap();
    let good = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token),
    ];
    let path = s.root.join(NORM);
    let before = std::fs::read_to_string(&path).unwrap();
    let pad = json!(["secties", "categorieen", "categorieen"]);
    let mut categories = norm_schema()["secties"]["categorieen"]["categorieen"].clone();

    // A step without its text: the finding is at that step's `tekst`.
    let mut broken = categories.clone();
    broken[2]["aanpak"][1]
        .as_object_mut()
        .unwrap()
        .remove("tekst");
    let (status, outcome) = s.check(
        &good,
        &json!({"protocol": NORM_KEY, "antwoorden": [{"pad": pad, "waarde": broken}]}),
    );
    assert_eq!(status, 200, "{outcome}");
    let at = json!([
        "secties",
        "categorieen",
        "categorieen",
        "2",
        "aanpak",
        "1",
        "tekst"
    ]);
    assert!(
        outcome["bevindingen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["pad"] == at && f["ernst"] == "fout"),
        "{outcome}"
    );

    // One line of one category's `herkenning` and one step's `uitleg`, as the form sends
    // the whole table.
    categories[0]["herkenning"][2] = json!("Klaagt, zeurt, smeekt of huilt");
    categories[2]["aanpak"][1]["uitleg"] =
        json!("Let op signalen als stemverheffing en gebalde vuisten.");
    let body = json!({"protocol": NORM_KEY, "versie": versie,
        "antwoorden": [{"pad": pad, "waarde": categories}]});
    for (headers, why) in refused_headers(&host, &origin, token) {
        let (status, json) =
            request_json(&host, "POST", "/__vpd/opslaan", &headers, &body.to_string());
        assert_eq!(status, 403, "{why}: {json}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "{why}");
    }
    let (status, json) = request_json(&host, "POST", "/__vpd/opslaan", &good, &body.to_string());
    assert_eq!(status, 200, "{json}");
    let after = std::fs::read_to_string(&path).unwrap();
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(
        changed[0].1,
        "          - \"Klaagt, zeurt, smeekt of huilt\""
    );
    assert_eq!(
        changed[1].1,
        "            uitleg: \"Let op signalen als stemverheffing en gebalde vuisten.\""
    );
    let run = common::vpd(&["check".as_ref(), s.root.as_os_str()]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

/// A cell the form cannot show (here a key no step column has) is said at that cell only,
/// and a save of another answer in the same table keeps it as it is.
#[test]
fn a_part_the_norm_schemas_form_cannot_show_is_kept_and_said_at_that_part_only() {
    let s = Session::start(&[]);
    let path = s.root.join(NORM);
    let step = "            tekst: \"Maak een inschatting van de veiligheid\"\n";
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen(step, &format!("{step}            kleur: rood\n"), 1)
        .replacen("\"Klaagt, zeurt of smeekt\"", "\".....\"", 1);
    std::fs::write(&path, &text).unwrap();
    let (status, html) = s.get(&format!("/__vpd/formulier/{NORM_KEY}"), &s.host());
    assert_eq!(status, 200, "{html}");
    let page = Html::parse_document(&html);
    let notices: Vec<_> = page.select(&select(".vpd-alleen-in-bestand")).collect();
    assert_eq!(notices.len(), 1, "one notice");
    let step_row = "#r-secties--categorieen--categorieen-2-aanpak > li:nth-child(2)";
    let row = page.select(&select(step_row)).next().unwrap();
    let kept = row
        .select(&select(".vpd-alleen-in-bestand"))
        .next()
        .unwrap();
    assert_eq!(kept.value().attr("data-kolom"), Some("kleur"));
    assert_eq!(kept.value().attr("data-bewaard"), Some("\"rood\""));
    assert_eq!(
        control_value(
            &page,
            "#i-secties--categorieen--categorieen-2-aanpak-1-tekst"
        ),
        "Maak een inschatting van de veiligheid"
    );
    // A placeholder shows empty, and the script is told to send it back while it stays so.
    let line = "#i-secties--categorieen--categorieen-0-herkenning-2";
    assert_eq!(control_value(&page, line), "");
    let placeholder = page.select(&select(line)).next().unwrap();
    assert_eq!(placeholder.value().attr("data-plaatshouder"), Some("....."));

    // Saved as the form sends it (the kept cell and the placeholder as they were), only the
    // changed line changes.
    let host = s.host();
    let origin = format!("http://{host}");
    let (_, opened) = request_json(
        &host,
        "GET",
        &format!("/__vpd/bewerken/{NORM_KEY}"),
        &[("Host", &host)],
        "",
    );
    let token = opened["token"].as_str().unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        &path,
        NORM.into(),
        text.clone(),
    ));
    let mut categories =
        vpd::load::parse_document(&source).unwrap().value["secties"]["categorieen"]["categorieen"]
            .clone();
    categories[0]["herkenning"][0] = json!("Spreekt vooral over zichzelf");
    let body = json!({"protocol": NORM_KEY, "versie": opened["versie"],
        "antwoorden": [{"pad": ["secties", "categorieen", "categorieen"], "waarde": categories}]});
    let headers = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token),
    ];
    let body = body.to_string();
    let (status, json) = request_json(&host, "POST", "/__vpd/opslaan", &headers, &body);
    assert_eq!(status, 200, "{json}");
    let after = std::fs::read_to_string(&path).unwrap();
    let changed = changed_lines(&text, &after);
    assert_eq!(
        changed,
        [(
            text.lines()
                .position(|l| l.contains("Spreekt vooral in de ik-vorm"))
                .unwrap()
                + 1,
            "          - \"Spreekt vooral over zichzelf\"".to_string()
        )]
    );
    assert!(after.contains("            kleur: rood\n"));
    assert!(after.contains("          - \".....\"\n"));
}

/// Each form names what it edits (a team's protocol, the policy, the norm schema) in its
/// link back, its first heading and the words the script shows about adopting it.
#[test]
fn each_form_names_what_it_edits() {
    let s = Session::start(&[]);
    for (key, noun, back) in [
        ("werkplein-noord", "protocol", "/vpd/teams/werkplein-noord/"),
        ("organisatie.beleid", "beleid", "/vpd/beleid/"),
        (NORM_KEY, "normschema", "/vpd/normschema/"),
    ] {
        let (status, html) = s.get(&format!("/__vpd/formulier/{key}"), &s.host());
        assert_eq!(status, 200, "{html}");
        let page = Html::parse_document(&html);
        let link = page
            .select(&select(&format!("a[href=\"{back}\"]")))
            .next()
            .unwrap_or_else(|| panic!("{key}: link back"));
        let text = |e: scraper::ElementRef| e.text().collect::<String>();
        assert_eq!(
            text(link),
            format!("Terug naar de pagina van het {noun}"),
            "{key}"
        );
        let legend = page
            .select(&select("#sectie-algemeen legend"))
            .next()
            .unwrap();
        assert_eq!(text(legend).trim(), format!("Over dit {noun}"), "{key}");
        let data = page
            .select(&select("#vpd-formulier-gegevens"))
            .next()
            .unwrap();
        let data: Value = serde_json::from_str(&text(data)).unwrap();
        let words = &data["teksten"];
        let adopt = format!("Dit {noun} kan worden vastgesteld");
        assert!(
            words["vaststellen-mogelijk"]
                .as_str()
                .unwrap()
                .starts_with(&adopt),
            "{key}: {words}"
        );
        assert!(
            words["vaststellen-niet"]
                .as_str()
                .unwrap()
                .contains(&format!("dit {noun} kan")),
            "{key}: {words}"
        );
        // No form of the organisation's files calls them a protocol.
        if noun != "protocol" {
            assert!(!html.contains("protocol kan"), "{key}");
            assert!(!html.contains("van het protocol"), "{key}");
        }
    }
}
