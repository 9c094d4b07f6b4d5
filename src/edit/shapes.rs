//! Every shape of answer a template asks, written into YAML: the changed lines are the
//! answered ones, and the result reads back as the answer.

use serde_json::{Value, json};

use super::tests::changed_lines;
use super::{set_answer, set_answers};

fn parse(text: &str) -> Value {
    super::parse(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

const SECTION: &str = "template: werkplein\nsecties:\n  s:\n    # De aanpak.\n    aanpak:\n      - { id: alarmeren, tekst: \"Alarm slaan\" }\n      - { id: politie, toelichting: \"Bellen.\" }\n    termijnen:\n      - id: melden   # zo snel mogelijk\n        naam: Melden\n        termijn: binnen 1 werkdag\n      - id: registreren\n        termijn: \"binnen 3 werkdagen\"\n    aantal: 3\n    open: false\n    datum: 2026-01-20\n    rollen: [medewerker, collega]\n";

/// Sets `path` to `value` in `text`: the result reads back as `text` with the answer, and
/// the changed lines are `lines`.
fn sets(text: &str, path: &[&str], value: Value, lines: &[(usize, &str)]) -> String {
    let out = set_answer(text, path, &value).expect("writes");
    let mut expected = parse(text);
    let pointer: String = path.iter().map(|k| format!("/{k}")).collect();
    *expected.pointer_mut(&pointer).expect("the answer is there") = value;
    assert_eq!(parse(&out), expected, "{out}");
    let lines: Vec<(usize, String)> = lines.iter().map(|(n, l)| (*n, l.to_string())).collect();
    assert_eq!(changed_lines(text, &out), lines, "{out}");
    assert_eq!(out.lines().count(), text.lines().count(), "{out}");
    out
}

#[test]
fn numbers_booleans_and_dates_are_plain_scalars() {
    sets(
        SECTION,
        &["secties", "s", "aantal"],
        json!(12),
        &[(14, "    aantal: 12")],
    );
    sets(
        SECTION,
        &["secties", "s", "open"],
        json!(true),
        &[(15, "    open: true")],
    );
    sets(
        SECTION,
        &["secties", "s", "datum"],
        json!("2026-12-02"),
        &[(16, "    datum: 2026-12-02")],
    );
    // A new one is added at the end of its section, plain too.
    let out = set_answer(SECTION, &["secties", "s", "minuten"], &json!(15)).expect("writes");
    assert_eq!(out, format!("{SECTION}    minuten: 15\n"));
    // A text that looks like a number stays a text.
    let out = set_answer(SECTION, &["secties", "s", "aantal"], &json!("12")).expect("writes");
    assert_eq!(parse(&out)["secties"]["s"]["aantal"], json!("12"), "{out}");
}

#[test]
fn a_changed_row_changes_only_its_changed_keys() {
    let rows = parse(SECTION)["secties"]["s"]["termijnen"].clone();
    let mut changed = rows.clone();
    changed[1]["termijn"] = json!("binnen 2 werkdagen");
    sets(
        SECTION,
        &["secties", "s", "termijnen"],
        changed,
        // The row's quotes stay.
        &[(13, "        termijn: \"binnen 2 werkdagen\"")],
    );
    // A flow row changes inside its braces; the comment and the other row keep their bytes.
    let mut steps = parse(SECTION)["secties"]["s"]["aanpak"].clone();
    steps[0]["tekst"] = json!("Alarm slaan: direct");
    sets(
        SECTION,
        &["secties", "s", "aanpak"],
        steps,
        &[(
            6,
            "      - { id: alarmeren, tekst: \"Alarm slaan: direct\" }",
        )],
    );
}

#[test]
fn a_row_holds_exactly_the_keys_the_form_sends() {
    // The form sends whole rows: `naam` is not sent, so it leaves the row; an empty
    // `toelichting` is no answer, so it is not written.
    let out = set_answer(
        SECTION,
        &["secties", "s", "termijnen"],
        &json!([
            {"id": "melden", "termijn": "binnen 1 werkdag", "toelichting": ""},
            {"id": "registreren", "termijn": "binnen 3 werkdagen"}
        ]),
    )
    .expect("writes");
    assert_eq!(out, SECTION.replace("        naam: Melden\n", ""));
    // A step without `toelichting` but with `tekst`, inside its braces.
    let out = set_answer(
        SECTION,
        &["secties", "s", "aanpak"],
        &json!([
            {"id": "alarmeren", "tekst": "Alarm slaan"},
            {"id": "politie", "tekst": "Politie bellen (112)", "toelichting": null}
        ]),
    )
    .expect("writes");
    assert_eq!(
        changed_lines(SECTION, &out),
        [(
            7,
            // yaml-edit drops the space before `}` with the removed key.
            "      - { id: politie, tekst: Politie bellen (112)}".to_string()
        )]
    );
}

#[test]
fn rows_are_added_like_their_neighbours_and_removed_from_the_end() {
    let mut steps = parse(SECTION)["secties"]["s"]["aanpak"].clone();
    steps
        .as_array_mut()
        .expect("list")
        .push(json!({"id": "terugtrekken", "toelichting": "Naar de backoffice, achter slot."}));
    let out = set_answer(SECTION, &["secties", "s", "aanpak"], &steps).expect("writes");
    assert_eq!(parse(&out)["secties"]["s"]["aanpak"], steps, "{out}");
    assert!(
        out.contains("      - { id: politie, toelichting: \"Bellen.\" }\n      - {"),
        "{out}"
    );
    let mut rows = parse(SECTION)["secties"]["s"]["termijnen"].clone();
    rows.as_array_mut()
        .expect("list")
        .push(json!({"id": "nazorg", "termijn": "binnen 24 uur"}));
    let out = set_answer(SECTION, &["secties", "s", "termijnen"], &rows).expect("writes");
    assert_eq!(parse(&out)["secties"]["s"]["termijnen"], rows, "{out}");
    assert!(
        out.starts_with(SECTION.split("    aantal").next().expect("start")),
        "{out}"
    );
    let out = set_answer(
        SECTION,
        &["secties", "s", "termijnen"],
        &json!([parse(SECTION)["secties"]["s"]["termijnen"][0].clone()]),
    )
    .expect("writes");
    assert_eq!(
        out,
        SECTION.replace(
            "      - id: registreren\n        termijn: \"binnen 3 werkdagen\"\n",
            ""
        )
    );
}

#[test]
fn a_flow_list_stays_a_flow_list() {
    sets(
        SECTION,
        &["secties", "s", "rollen"],
        json!(["medewerker", "leidinggevende"]),
        &[(17, "    rollen: [medewerker, leidinggevende]")],
    );
    sets(
        SECTION,
        &["secties", "s", "rollen"],
        json!(["medewerker", "Een, twee: drie"]),
        &[(17, "    rollen: [medewerker, \"Een, twee: drie\"]")],
    );
}

#[test]
fn null_an_empty_text_or_an_empty_list_removes_the_answer() {
    for empty in [Value::Null, json!(""), json!([])] {
        let out = set_answer(SECTION, &["secties", "s", "rollen"], &empty).expect("writes");
        assert_eq!(
            out,
            SECTION.replace("    rollen: [medewerker, collega]\n", "")
        );
        // No answer where there was none changes nothing.
        let out = set_answer(SECTION, &["secties", "t", "x"], &empty).expect("writes");
        assert_eq!(out, SECTION);
    }
    // A key that already reads as no answer is left as it is.
    let text = "secties:\n  s:\n    l: []\n    t: \"\"\n";
    assert_eq!(
        set_answer(text, &["secties", "s", "l"], &json!([])).expect("writes"),
        text
    );
    assert_eq!(
        set_answer(text, &["secties", "s", "t"], &json!("")).expect("writes"),
        text
    );
}

#[test]
fn the_norm_table_changes_per_category_and_field() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("content/teams/werkplein-noord.yaml")).expect("example");
    let mut table = parse(&text)["secties"]["normschema"]["normtabel"].clone();
    table["jij-gedrag"]["meldniveau"] = json!("bij-patroon");
    table["fysiek-geweld"]["aanpak"][2]["tekst"] = json!("Politie bellen (112) en de teamleider");
    let out = set_answer(&text, &["secties", "normschema", "normtabel"], &table).expect("writes");
    let changed = changed_lines(&text, &out);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0].1, "        meldniveau: bij-patroon");
    assert_eq!(
        changed[1].1,
        "          - { id: politie-inschakelen, tekst: \"Politie bellen (112) en de teamleider\" }"
    );
    assert_eq!(parse(&out)["secties"]["normschema"]["normtabel"], table);
    // A category the team had not filled in yet is added with its fields.
    let out = set_answer(
        &text,
        &[
            "secties",
            "normschema",
            "normtabel",
            "ik-gedrag",
            "meldniveau",
        ],
        &json!("altijd"),
    )
    .expect("writes");
    assert_eq!(
        parse(&out)["secties"]["normschema"]["normtabel"]["ik-gedrag"]["meldniveau"],
        json!("altijd")
    );
}

#[test]
fn crlf_and_bom_files_keep_their_line_endings_on_changed_lines() {
    let crlf = SECTION.replace('\n', "\r\n");
    let out = set_answers(
        &crlf,
        [
            (&["secties", "s", "aantal"][..], &json!(4)),
            (
                &["secties", "s", "nieuw"][..],
                &json!("Twee regels\nmet een # erin"),
            ),
            (
                &["secties", "s", "termijnen"][..],
                &json!([{"id": "melden", "termijn": "binnen 2 uur"}]),
            ),
        ],
    )
    .expect("writes");
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    let lf = out.replace("\r\n", "\n");
    assert_eq!(parse(&lf)["secties"]["s"]["aantal"], json!(4));
    assert_eq!(
        parse(&lf)["secties"]["s"]["nieuw"],
        json!("Twee regels\nmet een # erin")
    );
    let out = set_answer(&crlf, &["secties", "s", "cr"], &json!("a\r\nb")).expect("writes");
    assert_eq!(
        parse(&out.replace("\r\n", "\n"))["secties"]["s"]["cr"],
        json!("a\r\nb"),
        "{out:?}"
    );
    let bom = format!("\u{feff}{SECTION}");
    let out = set_answer(&bom, &["secties", "s", "aantal"], &json!(5)).expect("writes");
    assert_eq!(out, bom.replace("aantal: 3", "aantal: 5"));
}

#[test]
fn a_batch_sets_every_answer_in_order() {
    let out = set_answers(
        SECTION,
        [
            (&["secties", "s", "aantal"][..], &json!(4)),
            (&["secties", "s", "open"][..], &json!(true)),
            (&["secties", "s", "aantal"][..], &json!(5)),
        ],
    )
    .expect("writes");
    assert_eq!(
        changed_lines(SECTION, &out),
        [
            (14, "    aantal: 5".to_string()),
            (15, "    open: true".to_string())
        ]
    );
}

/// Every answer of every example team protocol, set field by field to its own value (as
/// the form would send it unchanged), leaves the file as it was, byte for byte.
#[test]
fn setting_every_answer_of_every_example_to_itself_changes_nothing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/teams");
    let mut answers = 0;
    for entry in std::fs::read_dir(root).expect("teams") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("text");
        let doc = parse(&text);
        let sections = doc["secties"].as_object().expect("sections");
        let mut out = text.clone();
        for (section, fields) in sections {
            for (field, value) in fields.as_object().expect("fields") {
                out = set_answer(&out, &["secties", section, field], value).expect("writes");
                assert_eq!(out, text, "{}: {section}.{field}", path.display());
                answers += 1;
            }
            // The whole section at once as well.
            out = set_answer(&out, &["secties", section], fields).expect("writes");
            assert_eq!(out, text, "{}: {section}", path.display());
        }
    }
    assert!(answers > 100, "{answers} answers");
}

#[test]
fn texts_yaml_reads_specially_read_back_as_written() {
    let text = "secties:\n  s:\n    r: x\n";
    for answer in [
        "  ingesprongen\nregel",
        "tab\there",
        "regel \nmet spatie achter",
        "eind\n\n",
        "Windows\r\nregels",
    ] {
        let out = set_answer(text, &["secties", "s", "r"], &json!(answer)).expect("writes");
        assert_eq!(parse(&out)["secties"]["s"]["r"], json!(answer), "{out}");
    }
}

/// The lines of `text` that are comments or blank.
fn layout(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .collect()
}

/// Filling in `vpd new`'s scaffold with every answer of an example protocol, answer by
/// answer as the form saves them: the file reads back as those answers, and every comment
/// and blank line of the scaffold is still there, in order.
#[test]
fn filling_in_the_scaffold_keeps_its_comments_and_blank_lines() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = crate::load::load(root).expect("loads");
    let templates = crate::template::Templates::load(root);
    for (template, example) in [("werkplein", "werkplein-noord"), ("kcc", "kcc-algemeen")] {
        let new = crate::scaffold::new_team(&loaded, &templates, template, "Nieuw Team")
            .expect("scaffold");
        let example = root.join(format!("content/teams/{example}.yaml"));
        let answers = parse(&std::fs::read_to_string(example).expect("example"));
        let sections = answers["secties"].as_object().expect("sections");
        let mut out = new.text.clone();
        for (section, fields) in sections {
            for (field, value) in fields.as_object().expect("fields") {
                out = set_answer(&out, &["secties", section, field], value).expect("writes");
            }
        }
        let after = parse(&out);
        for (section, fields) in sections {
            for (field, value) in fields.as_object().expect("fields") {
                assert_eq!(
                    &after["secties"][section][field], value,
                    "{section}.{field}"
                );
            }
        }
        let mut kept = layout(&out).into_iter();
        for line in layout(&new.text) {
            assert!(
                kept.any(|l| l == line),
                "{template}: {line:?} is gone:\n{out}"
            );
        }
    }
}

#[test]
fn a_quoted_answer_keeps_its_quotes_and_reads_back() {
    let text = "secties:\n  s:\n    a: \"oud\"\n    b: 'oud'\n    c: \"oud\"\n";
    for (key, answer, line) in [
        ("a", "nieuw\\pad", "    a: \"nieuw\\\\pad\""),
        ("b", "nieuw", "    b: 'nieuw'"),
        // A text YAML reads specially is still a block, quotes or not.
        ("c", "nieuw: #1", "    c: |-"),
    ] {
        let out = set_answer(text, &["secties", "s", key], &json!(answer)).expect("writes");
        assert_eq!(parse(&out)["secties"]["s"][key], json!(answer), "{out}");
        assert!(out.lines().any(|l| l == line), "{out}");
    }
}

/// Texts YAML reads specially, or that need care in a flow collection or a block.
const TRICKY: &[&str] = &[
    "Let op: een dubbele punt",
    "#hashtag vooraan",
    "'s Ochtends",
    "\"Aanhalingstekens\"",
    "Een, twee [drie] {vier}",
    "true",
    "12",
    "2026-01-20",
    "- geen lijst",
    "Twee\nregels",
    "  ingesprongen",
    "achter spatie ",
    "a\\b",
    "~",
    "null",
    "Gewone tekst",
];

/// `value` with every text replaced by the next tricky text.
fn trick(value: &Value, next: &mut usize) -> Value {
    match value {
        Value::String(_) => {
            *next += 1;
            json!(TRICKY[*next % TRICKY.len()])
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| trick(v, next)).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), trick(v, next)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every answer of every example team protocol, each text in it replaced by a text YAML
/// reads specially (in lists, rows, flow rows and the norm table), reads back as written
/// and leaves every other answer as it was.
#[test]
fn every_answer_of_every_example_takes_tricky_texts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/teams");
    let mut next = 0;
    for entry in std::fs::read_dir(root).expect("teams") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("text");
        let before = parse(&text);
        for (section, fields) in before["secties"].as_object().expect("sections") {
            for (field, value) in fields.as_object().expect("fields") {
                let tricky = trick(value, &mut next);
                let out = set_answer(&text, &["secties", section, field], &tricky).expect("writes");
                let mut expected = before.clone();
                expected["secties"][section][field] = tricky;
                assert_eq!(
                    parse(&out),
                    expected,
                    "{}: {section}.{field}\n{out}",
                    path.display()
                );
            }
        }
    }
    assert!(next > 500, "{next} texts");
}

/// `text` with the lines `inserted` (by their line number in the result) and nothing else
/// changed.
fn with_lines(text: &str, inserted: &[(usize, &str)]) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    for (n, line) in inserted {
        lines.insert(n - 1, line);
    }
    lines.join("\n") + "\n"
}

/// The norm schema's categories are rows with lists inside them (`herkenning` lines,
/// `aanpak` steps with a flow list `geldt_voor`): a line or a step's key changes, is added
/// or removed on its own lines only.
#[test]
fn the_norm_schemas_lists_inside_its_rows_change_line_by_line() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("content/organisatie/normschema.yaml")).expect("example");
    let path = ["secties", "categorieen", "categorieen"];
    let categories = parse(&text)["secties"]["categorieen"]["categorieen"].clone();
    // Unchanged, the table keeps every byte.
    assert_eq!(set_answer(&text, &path, &categories).expect("writes"), text);
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
            + 1
    };
    // One line of one category.
    let mut changed = categories.clone();
    changed[0]["herkenning"][2] = json!("Klaagt, zeurt of smeekt om hulp");
    sets(
        &text,
        &path,
        changed,
        &[(
            line_of("Klaagt, zeurt of smeekt"),
            "          - \"Klaagt, zeurt of smeekt om hulp\"",
        )],
    );
    // A line added at the end of one category's list, and removed again.
    let mut grown = categories.clone();
    grown[1]["herkenning"]
        .as_array_mut()
        .expect("lines")
        .push(json!("Eist een gesprek met de wethouder"));
    let out = set_answer(&text, &path, &grown).expect("writes");
    let last = line_of("Probeert een machtsstrijd te winnen");
    assert_eq!(
        out,
        with_lines(
            &text,
            &[(last + 1, "          - Eist een gesprek met de wethouder")]
        )
    );
    assert_eq!(set_answer(&out, &path, &categories).expect("writes"), text);
    // A step's explanation and its flow list of templates.
    let mut steps = categories.clone();
    let step = &mut steps[2]["aanpak"][8];
    assert_eq!(step["id"], json!("pand-verlaten"));
    step["geldt_voor"] = json!(["werkplein", "kcc"]);
    step["uitleg"] = json!("Vanaf een veilige afstand, zonder aan te raken.");
    let geldt = line_of("Doe dat vanaf een veilige afstand en zonder") + 1;
    sets(
        &text,
        &path,
        steps,
        &[
            (
                geldt - 1,
                "            uitleg: \"Vanaf een veilige afstand, zonder aan te raken.\"",
            ),
            (geldt, "            geldt_voor: [werkplein, kcc]"),
        ],
    );
}

/// A mapping inside a row is written whole, like the row: a row moved onto another does
/// not keep keys of the other's mapping.
#[test]
fn a_mapping_inside_a_row_is_whole() {
    let text =
        "l:\n  - id: a\n    extra:\n      x: 1\n      y: 2\n  - id: b\n    extra:\n      x: 3\n";
    let moved = json!([{"id": "b", "extra": {"x": 3}}, {"id": "a", "extra": {"x": 1, "y": 2}}]);
    let out = set_answer(text, &["l"], &moved).expect("writes");
    assert_eq!(parse(&out)["l"], moved, "{out}");
    // Unchanged, it keeps its bytes.
    assert_eq!(
        set_answer(text, &["l"], &parse(text)["l"]).expect("writes"),
        text
    );
}

/// Every answer of the organisation's policy and norm schema (each field of each section,
/// and every key outside them), set to its own value as the form sends it unchanged,
/// leaves the file as it was, byte for byte.
#[test]
fn setting_every_answer_of_the_organisation_to_itself_changes_nothing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/organisatie");
    for name in ["beleid.yaml", "normschema.yaml"] {
        let text = std::fs::read_to_string(root.join(name)).expect("example");
        let doc = parse(&text);
        for (key, value) in doc.as_object().expect("mapping") {
            let fields = value.as_object().filter(|_| key == "secties");
            let Some(sections) = fields else {
                let out = set_answer(&text, &[key], value).expect("writes");
                assert_eq!(out, text, "{name}: {key}");
                continue;
            };
            for (section, fields) in sections {
                for (field, value) in fields.as_object().expect("fields") {
                    let out =
                        set_answer(&text, &["secties", section, field], value).expect("writes");
                    assert_eq!(out, text, "{name}: {section}.{field}");
                }
            }
        }
    }
}

/// Every text of the norm schema's categories (lines and steps inside the rows) replaced by
/// a text YAML reads specially reads back as written, the rest of the file as it was.
#[test]
fn the_norm_schemas_categories_take_tricky_texts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("content/organisatie/normschema.yaml")).expect("example");
    let before = parse(&text);
    let path = ["secties", "categorieen", "categorieen"];
    let mut next = 0;
    let tricky = trick(&before["secties"]["categorieen"]["categorieen"], &mut next);
    let out = set_answer(&text, &path, &tricky).expect("writes");
    let mut expected = before.clone();
    expected["secties"]["categorieen"]["categorieen"] = tricky;
    assert_eq!(parse(&out), expected, "{out}");
    assert!(next > 200, "{next} texts");
}
