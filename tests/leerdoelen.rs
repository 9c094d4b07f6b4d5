//! `vpd leerdoelen`: a team profile from saved answers, only from five files up.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

fn vpd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("vpd runs")
}

fn statements() -> Vec<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/leerdoelwijzers/werkpleinen.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(&path, "w".into(), text));
    let doc = vpd::load::parse_document(&source).unwrap().value;
    doc["aspecten"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["uitspraken"].as_array().unwrap().iter())
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

/// Person `n` answers "Nooit" to the first statement when n < 4, else "Altijd"; all
/// other statements get answer index (n + i) % 4.
fn answers(n: usize, ids: &[String]) -> Value {
    let options = ["Altijd", "Vaak", "Soms", "Nooit"];
    let mut map = serde_json::Map::new();
    for (i, id) in ids.iter().enumerate() {
        let a = if i == 0 {
            if n < 4 { "Nooit" } else { "Altijd" }
        } else {
            options[(n + i) % 4]
        };
        map.insert(id.clone(), json!(a));
    }
    json!({"soort": "vpd-leerdoelwijzer-antwoorden", "leerdoelwijzer": "werkpleinen", "antwoorden": map})
}

fn write_answers(dir: &Path, count: usize, ids: &[String]) {
    for n in 0..count {
        std::fs::write(
            dir.join(format!("persoon-{n}.json")),
            answers(n, ids).to_string(),
        )
        .unwrap();
    }
}

#[test]
fn four_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_answers(tmp.path(), 4, &statements());
    let out_file = tmp.path().join("profiel.html");
    let out = vpd(&[
        "leerdoelen",
        tmp.path().to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("vanaf 5"), "{err}");
    assert!(!out_file.exists(), "nothing is written");
}

#[test]
fn six_files_make_a_profile_with_the_right_counts_and_no_individual_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let ids = statements();
    write_answers(tmp.path(), 6, &ids);
    // Problems each get their own diagnostic and are left out.
    std::fs::write(tmp.path().join("kapot.json"), "{ dit is geen json").unwrap();
    std::fs::write(tmp.path().join("dubbel.json"), answers(0, &ids).to_string()).unwrap();
    let mut other = answers(5, &ids);
    other["leerdoelwijzer"] = json!("boa");
    std::fs::write(tmp.path().join("boa.json"), other.to_string()).unwrap();

    let out_file = tmp.path().join("uit/profiel.html");
    std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    let out = vpd(&[
        "leerdoelen",
        tmp.path().to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("kapot.json"), "{err}");
    assert!(
        err.contains("dubbel.json") && err.contains("persoon-0.json"),
        "{err}"
    );
    assert!(err.contains("boa.json") && err.contains("'boa'"), "{err}");

    let html = std::fs::read_to_string(&out_file).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert!(html.contains("6 teamleden"), "six respondents");
    // The first statement: 4 x Nooit, 2 x Altijd.
    let row_sel = scraper::Selector::parse("tbody tr").unwrap();
    let cell_sel = scraper::Selector::parse("td").unwrap();
    let first = doc.select(&row_sel).next().unwrap();
    let cells: Vec<String> = first
        .select(&cell_sel)
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(cells, ["2", "0", "0", "4"]);
    // It is the team's first learning goal.
    let goal_sel = scraper::Selector::parse("main > ol > li").unwrap();
    let first_goal: String = doc.select(&goal_sel).next().unwrap().text().collect();
    assert!(first_goal.contains("4 van 6"), "{first_goal}");
    // No file name or single person's answer set appears in the profile.
    assert!(!html.contains("persoon-"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("Nooit"));
}
