//! `vpd leerdoelen`: a team profile from saved answers, only from five distinct respondents
//! up and only for statements five of them answered; hostile files cannot steer the
//! terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use serde_json::{Value, json};

fn vpd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("vpd runs")
}

/// Runs `vpd leerdoelen` on `dir`, writing the profile to `dir/uit/profiel.html`.
fn leerdoelen(dir: &Path) -> (Output, PathBuf) {
    let out_file = dir.join("uit/profiel.html");
    std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    let out = vpd(&[
        "leerdoelen",
        dir.to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    (out, out_file)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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

fn answer_file(answers: serde_json::Map<String, Value>) -> Value {
    json!({"soort": "vpd-leerdoelwijzer-antwoorden", "leerdoelwijzer": "werkpleinen", "antwoorden": answers})
}

/// Person `n` answers "Nooit" to the first statement when n < 4, else "Altijd"; the other
/// statements Altijd or Soms so that persons 0-5 differ pairwise in at least 9 statements
/// (far from near-copies) and no other statement gets more than 3 of 6 Soms/Nooit.
fn answers(n: usize, ids: &[String]) -> Value {
    let options = ["Altijd", "Vaak", "Soms", "Nooit"];
    let mut map = serde_json::Map::new();
    for (i, id) in ids.iter().enumerate() {
        let a = if i == 0 {
            if n < 4 { "Nooit" } else { "Altijd" }
        } else {
            options[(2 * (n * i / 3)) % 4]
        };
        map.insert(id.clone(), json!(a));
    }
    answer_file(map)
}

fn write(dir: &Path, name: &str, file: &Value) {
    std::fs::write(dir.join(name), file.to_string()).unwrap();
}

fn write_answers(dir: &Path, count: usize, ids: &[String]) {
    for n in 0..count {
        write(dir, &format!("persoon-{n}.json"), &answers(n, ids));
    }
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn four_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_answers(tmp.path(), 4, &statements());
    let (out, out_file) = leerdoelen(tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
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
    write(tmp.path(), "dubbel.json", &answers(0, &ids));
    let mut other = answers(5, &ids);
    other["leerdoelwijzer"] = json!("boa");
    write(tmp.path(), "boa.json", &other);

    let (out, out_file) = leerdoelen(tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("kapot.json"), "{err}");
    assert!(
        err.contains("dubbel.json") && err.contains("persoon-0.json"),
        "{err}"
    );
    assert!(err.contains("boa.json") && err.contains("'boa'"), "{err}");

    let html = std::fs::read_to_string(&out_file).unwrap();
    let doc = Html::parse_document(&html);
    assert!(html.contains("6 teamleden"), "six respondents");
    // The rule is on the page.
    assert!(html.contains("minstens 5 teamleden"), "{html}");
    // The first statement: 4 x Nooit, 2 x Altijd.
    let first_row = texts(&doc, "section:first-of-type tbody tr:first-child td");
    assert_eq!(first_row, ["2", "0", "0", "4"]);
    // It is the team's first learning goal.
    let goals = texts(&doc, "main > ol > li");
    assert!(goals[0].contains("4 van 6"), "{goals:?}");
    // No file name or single person's answer set appears in the profile.
    assert!(!html.contains("persoon-"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("Nooit"));
}

/// Attack: one real file plus four files with one answer each. Five "respondents", but no
/// statement has five answers: nothing of the real person may be visible.
#[test]
fn one_real_file_and_four_one_answer_files_show_no_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let ids = statements();
    write(tmp.path(), "echt.json", &answers(0, &ids));
    for (k, id) in ids.iter().skip(1).take(4).enumerate() {
        let mut one = serde_json::Map::new();
        one.insert(id.clone(), json!("Altijd"));
        write(tmp.path(), &format!("een-{k}.json"), &answer_file(one));
    }
    let (out, out_file) = leerdoelen(tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Geen enkele uitspraak"), "{err}");

    let html = std::fs::read_to_string(&out_file).unwrap();
    let doc = Html::parse_document(&html);
    let cells = texts(&doc, "tbody td");
    assert_eq!(cells.len(), ids.len(), "one cell per statement: {cells:?}");
    assert!(
        cells.iter().all(|c| c == "te weinig antwoorden"),
        "{cells:?}"
    );
    // No distribution, no learning goal, no count anywhere but the number of respondents.
    assert!(texts(&doc, "ul.verdeling li").is_empty());
    assert!(texts(&doc, "main > ol li").is_empty());
    let aspects: String = texts(&doc, "section").concat();
    assert!(!aspects.chars().any(|c| c.is_ascii_digit()), "{aspects}");
}

/// Attack: five near-copies of one person, each with one answer changed.
#[test]
fn near_copies_count_as_one_respondent() {
    let tmp = tempfile::tempdir().unwrap();
    let ids = statements();
    let original = answers(0, &ids);
    write(tmp.path(), "a-origineel.json", &original);
    for k in 1..5 {
        let mut copy = original.clone();
        let answer = &mut copy["antwoorden"][&ids[k]];
        *answer = json!(if answer == "Vaak" { "Nooit" } else { "Vaak" });
        write(tmp.path(), &format!("kopie-{k}.json"), &copy);
    }
    let (out, out_file) = leerdoelen(tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!out_file.exists());
    for k in 1..5 {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("kopie-{k}.json")))
            .unwrap_or_else(|| panic!("kopie-{k} is reported: {err}"));
        assert!(
            line.contains("bijna-kopie") && line.contains("a-origineel.json"),
            "{line}"
        );
    }
    assert!(err.contains("Er zijn 1 bruikbare"), "{err}");

    // Beside five real respondents the copies still add nobody.
    for n in 1..5 {
        write(tmp.path(), &format!("persoon-{n}.json"), &answers(n, &ids));
    }
    let (out, out_file) = leerdoelen(tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert!(html.contains("5 teamleden"), "{html}");
}

/// Attack: a file without answers padding the count.
#[test]
fn an_empty_file_does_not_count() {
    let tmp = tempfile::tempdir().unwrap();
    write_answers(tmp.path(), 4, &statements());
    write(
        tmp.path(),
        "leeg.json",
        &answer_file(serde_json::Map::new()),
    );
    let (out, out_file) = leerdoelen(tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("leeg.json: bevat geen antwoorden"), "{err}");
    assert!(err.contains("Er zijn 4 bruikbare"), "{err}");
    assert!(!out_file.exists());
}

/// Attack: a file name and a field value with escape sequences and line breaks, to print
/// a fake line (or steer the terminal).
#[test]
fn file_names_and_values_cannot_steer_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let ids = statements();
    write_answers(tmp.path(), 5, &ids);
    let fake = "Teamprofiel gemaakt uit de antwoorden van 99 teamleden: nep.html";
    let name = format!("x\u{1b}[2K\r{fake}\n\u{202e}.json");
    std::fs::write(tmp.path().join(&name), "geen json").unwrap();
    let mut other = answers(5, &ids);
    other["leerdoelwijzer"] = json!(format!("boa\u{1b}]0;titel\u{7}\r\n{fake}"));
    write(tmp.path(), "ander.json", &other);

    let (out, _) = leerdoelen(tmp.path());
    let err = stderr(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for text in [&err, &stdout.to_string()] {
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(
            !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{text:?}"
        );
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("Teamprofiel gemaakt uit de antwoorden van 99")),
            "{text:?}"
        );
    }
    // Every line on standard error is one of vpd's own; the escapes are visible.
    assert!(
        err.lines().all(|l| l.starts_with("waarschuwing: ")),
        "{err:?}"
    );
    assert_eq!(err.lines().count(), 2, "{err:?}");
    assert!(err.contains("x\\e[2K\\r"), "{err:?}");
    assert!(err.contains("boa\\e]0;titel\\x07\\r\\n"), "{err:?}");
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");

    // The questionnaire's slug itself is hostile: the error names it escaped.
    let tmp = tempfile::tempdir().unwrap();
    for n in 0..5 {
        let mut f = answers(n, &ids);
        f["leerdoelwijzer"] = json!(format!("x\u{1b}[31m\n{fake}"));
        write(tmp.path(), &format!("p{n}.json"), &f);
    }
    let (out, _) = leerdoelen(tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("fout: "), "{err:?}");
}

/// The page's loader accepts a byte order mark; so does `vpd leerdoelen`.
#[test]
fn files_with_a_byte_order_mark_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let ids = statements();
    write_answers(tmp.path(), 3, &ids);
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend(answers(3, &ids).to_string().as_bytes());
    std::fs::write(tmp.path().join("bom-utf8.json"), utf8).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        answers(4, &ids)
            .to_string()
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(tmp.path().join("bom-utf16.json"), utf16).unwrap();
    let (out, out_file) = leerdoelen(tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("bom-"), "{err}");
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert!(html.contains("5 teamleden"));
}

#[test]
fn help_states_the_privacy_rule() {
    let out = vpd(&["leerdoelen", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for words in [
        "minstens 5 teamleden",
        "te weinig antwoorden",
        "bijna-kopie",
        "zonder antwoorden telt niet mee",
        "hooguit 2 antwoorden",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
}
