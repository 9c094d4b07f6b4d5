//! Norm versions from the repository's history: a repository built here with gix holds two
//! commits of the norm schema (2025-1, then 2026-1 with a step made mandatory and a term
//! tightened); the team adopted against 2025-1 must act, the team adopted against 2026-1
//! need not. `vpd check`, the status page and the protocol pages say so.

mod common;

use std::path::{Path, PathBuf};

use common::repo::Repo;
use common::{copy_dir, vpd};
use scraper::{Html, Selector};

const NORM: &str = "gemeente/content/organisatie/normschema.yaml";
const WERKPLEIN: &str = "gemeente/content/teams/werkplein-proef.yaml";
const KCC: &str = "gemeente/content/teams/kcc-proef.yaml";

impl Repo {
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).unwrap();
    }

    /// The organisation with terms (the `termijn-geldig` fixture), norm version 2025-1
    /// committed; then 2026-1: `grens-aangeven` at jij-gedrag mandatory and the first
    /// aftercare contact within 12 hours instead of 24. Werkplein Proef was adopted against
    /// 2025-1, KCC Proef against 2026-1 (and already calls within 12 hours).
    fn with_two_versions() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        copy_dir(&root.join("valid/minimal"), &dir.path().join("gemeente"));
        copy_dir(
            &root.join("invalid/termijn-geldig"),
            &dir.path().join("gemeente"),
        );
        let repo = Repo {
            repo: gix::init(dir.path()).unwrap(),
            dir,
        };
        let norm = repo.read(NORM);
        repo.write(
            NORM,
            &norm.replacen(
                "vastgesteld_op: 2026-01-20\n",
                "vastgesteld_op: 2025-01-20\nversie: \"2025-1\"\n",
                1,
            ),
        );
        for team in [WERKPLEIN, KCC] {
            let text = repo.read(team);
            let adopted = text.find("\nvastgesteld_op:").unwrap() + 1;
            let end = adopted + text[adopted..].find('\n').unwrap() + 1;
            let mut text = text.clone();
            text.insert_str(end, "normversie: \"2025-1\"\n");
            repo.write(team, &text);
        }
        repo.commit_folder("1737370800 +0100", "gemeente"); // 2025-01-20 12:00
        let jij = norm.find("id: jij-gedrag").unwrap();
        let step = "          - id: grens-aangeven\n            tekst: \"Geef de grens aan en stel de inwoner voor de keuze\"\n";
        let at = jij + norm[jij..].find(step).unwrap() + step.len();
        let mut v2 = norm.clone();
        v2.insert_str(at, "            verplicht: true\n");
        let v2 = v2
            .replacen("vastgesteld_op: 2026-01-20\n", "vastgesteld_op: 2026-01-20\nversie: \"2026-1\"\n", 1)
            .replacen(
                "id: eerste-nazorgcontact, naam: \"Eerste nazorgcontact\", termijn: \"binnen 24 uur\"",
                "id: eerste-nazorgcontact, naam: \"Eerste nazorgcontact\", termijn: \"binnen 12 uur\"",
                1,
            );
        repo.write(NORM, &v2);
        let kcc = repo.read(KCC);
        repo.write(
            KCC,
            &kcc.replacen("normversie: \"2025-1\"", "normversie: \"2026-1\"", 1)
                .replacen(
                    "{ id: eerste-nazorgcontact, termijn: \"binnen 24 uur\" }",
                    "{ id: eerste-nazorgcontact, termijn: \"binnen 12 uur\" }",
                    1,
                ),
        );
        repo.commit_folder("1768906800 +0100", "gemeente"); // 2026-01-20 12:00
        repo
    }

    fn check(&self, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
        let mut args: Vec<std::ffi::OsString> = vec![
            "check".into(),
            self.path("gemeente").into(),
            "--format".into(),
            "json".into(),
        ];
        args.extend(extra.iter().map(|a| a.into()));
        let run = vpd(&args);
        let json = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
        (run.code, json)
    }
}

fn findings<'a>(json: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    json["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["regel"] == rule)
        .collect()
}

#[test]
fn the_team_adopted_against_the_earlier_version_must_act_and_is_told_why() {
    let repo = Repo::with_two_versions();
    let (code, json) = repo.check(&[]);
    // Werkplein Proef's term is now laxer than the norm: an error of its own.
    let laxer = findings(&json, "termijn-ruimer");
    assert_eq!(laxer.len(), 1, "{json:#}");
    assert_eq!(laxer[0]["bestand"], "content/teams/werkplein-proef.yaml");
    assert_eq!(code, Some(1));
    let behind = findings(&json, "norm-versie");
    assert_eq!(behind.len(), 1, "only the team behind: {json:#}");
    let f = behind[0];
    assert_eq!(f["bestand"], "content/teams/werkplein-proef.yaml");
    assert_eq!(f["ernst"], "warning");
    let text = repo.read(WERKPLEIN);
    let line = text
        .lines()
        .position(|l| l.starts_with("normversie:"))
        .unwrap()
        + 1;
    assert_eq!(f["regelnummer"], line);
    assert_eq!(f["kolom"], 13);
    assert_eq!(
        f["bericht"],
        "Dit protocol is vastgesteld tegen normversie 2025-1; de huidige is 2026-1. Sindsdien is de norm zo veranderd dat het team het protocol moet aanpassen (2 wijziging(en))."
    );
    let hint = f["hint"].as_str().unwrap();
    assert!(
        hint.contains("- De stap \"Geef de grens aan en stel de inwoner voor de keuze\" bij 'Jij-gedrag' is nu verplicht."),
        "{hint}"
    );
    assert!(
        hint.contains(
            "- De termijn 'Eerste nazorgcontact' is strenger: van binnen 24 uur naar binnen 12 uur."
        ),
        "{hint}"
    );
    let norm = repo.read(NORM);
    let norm_line = norm.lines().position(|l| l.starts_with("versie:")).unwrap() + 1;
    assert_eq!(
        f["ook"][0]["bestand"],
        "content/organisatie/normschema.yaml"
    );
    assert_eq!(f["ook"][0]["regelnummer"], norm_line);
    // With --strict, acting is required: an error.
    let (_, strict) = repo.check(&["--strict"]);
    assert_eq!(findings(&strict, "norm-versie")[0]["ernst"], "error");
}

#[test]
fn a_version_the_history_does_not_hold_is_a_warning() {
    let repo = Repo::with_two_versions();
    let text = repo.read(KCC);
    repo.write(
        KCC,
        &text.replacen("normversie: \"2026-1\"", "normversie: \"2024-9\"", 1),
    );
    let (_, json) = repo.check(&["--strict"]);
    let f = findings(&json, "norm-versie")
        .into_iter()
        .find(|f| f["bestand"] == "content/teams/kcc-proef.yaml")
        .expect("a finding for KCC Proef");
    assert_eq!(
        f["bericht"],
        "Normversie 2024-9 komt niet voor in de git-geschiedenis van het normschema (bekend: 2026-1, 2025-1)."
    );
    assert_eq!(f["ernst"], "warning", "never an error, even with --strict");
}

#[test]
fn without_git_history_an_earlier_version_is_a_note_never_an_error() {
    let repo = Repo::with_two_versions();
    std::fs::remove_dir_all(repo.path(".git")).unwrap();
    let (_, json) = repo.check(&["--strict"]);
    let f = findings(&json, "norm-versie");
    assert_eq!(f.len(), 1, "{json:#}");
    assert_eq!(f[0]["bestand"], "content/teams/werkplein-proef.yaml");
    assert_eq!(f[0]["ernst"], "warning");
    assert!(
        f[0]["bericht"]
            .as_str()
            .unwrap()
            .contains("Zonder git-geschiedenis kan vpd niet nagaan wat er sindsdien is veranderd."),
        "{}",
        f[0]["bericht"]
    );
}

fn built(repo: &Repo) -> PathBuf {
    // The laxer term is fixed, so the site builds; the team is still behind.
    let text = repo.read(WERKPLEIN);
    repo.write(
        WERKPLEIN,
        &text.replacen(
            "{ id: eerste-nazorgcontact, termijn: \"binnen 24 uur\" }",
            "{ id: eerste-nazorgcontact, termijn: \"binnen 12 uur\" }",
            1,
        ),
    );
    let out = repo.path("public");
    let run = vpd(&[
        "build".as_ref(),
        repo.path("gemeente").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    out
}

fn page_text(out: &Path, url: &str, selector: &str) -> String {
    let file = out.join(url.trim_start_matches('/')).join("index.html");
    let html = Html::parse_document(&std::fs::read_to_string(file).unwrap());
    html.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pages_show_who_is_behind_what_changed_and_the_history() {
    let repo = Repo::with_two_versions();
    let out = built(&repo);
    let team = page_text(&out, "/teams/werkplein-proef/", "#normversie");
    assert!(team.contains("normversie 2025-1"), "{team}");
    assert!(team.contains("2026-1"), "{team}");
    assert!(
        team.contains("De stap \"Geef de grens aan en stel de inwoner voor de keuze\" bij 'Jij-gedrag' is nu verplicht."),
        "{team}"
    );
    let current = page_text(&out, "/teams/kcc-proef/", "#normversie");
    assert!(
        current.contains("2026-1") && !current.contains("is nu verplicht"),
        "{current}"
    );
    let status = page_text(&out, "/status/", "#normversies");
    assert!(status.contains("Werkplein Proef"), "{status}");
    assert!(!status.contains("KCC Proef"), "{status}");
    assert!(status.contains("is nu verplicht"), "{status}");
    let history = page_text(&out, "/normschema/", "#wijzigingen");
    assert!(
        history.contains("2026-1") && history.contains("2025-1"),
        "{history}"
    );
    assert!(
        history.contains(
            "De termijn 'Eerste nazorgcontact' is strenger: van binnen 24 uur naar binnen 12 uur."
        ),
        "{history}"
    );
}

/// The status page of a running preview follows a team's `normversie`: a team that adopts
/// the current version leaves the list of teams behind (the page is built again, though
/// the team's name, status and completeness did not change).
#[test]
fn the_preview_status_page_follows_a_changed_norm_version() {
    let repo = Repo::with_two_versions();
    let fresh = built(&repo);
    let preview_dir = repo.path("voorvertoning");
    let _preview = common::serve::start(
        &repo.path("gemeente"),
        &["--out".as_ref(), preview_dir.as_os_str()],
    );
    let behind = |out: &Path| page_text(out, "/status/", "#normversies");
    let wait_for = |want: &str| {
        let start = std::time::Instant::now();
        while !preview_dir.join("status/index.html").exists()
            || behind(&preview_dir) != behind(&fresh)
        {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "{want}: de voorvertoning toont {:?}, een verse build {:?}",
                behind(&preview_dir),
                behind(&fresh)
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    wait_for("starten");
    assert!(behind(&preview_dir).contains("Werkplein Proef"));

    let text = repo.read(WERKPLEIN);
    repo.write(
        WERKPLEIN,
        &text.replacen("normversie: \"2025-1\"", "normversie: \"2026-1\"", 1),
    );
    let fresh = built(&repo);
    assert!(!behind(&fresh).contains("Werkplein Proef"));
    wait_for("normversie gewijzigd");
}
