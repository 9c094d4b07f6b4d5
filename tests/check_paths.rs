//! `vpd check [PATH...]`: a team lead checks only their own file or folder, from any folder
//! of the repository; the whole organisation is still the context of every check.
//! `--alleen-fouten` hides warnings; the human summary lists what each team still has to do.

mod common;

use common::{KCC, Org, Run, WERKPLEIN, vpd_in};
use serde_json::Value;

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("no JSON ({e}): {run:?}"))
}

fn files_of(report: &Value) -> Vec<&str> {
    report["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["bestand"].as_str().unwrap())
        .collect()
}

fn teams_of(report: &Value) -> Vec<&str> {
    report["samenvatting"]["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["bestand"].as_str().unwrap())
        .collect()
}

/// The concept case (warnings in the Werkplein protocol) with a broken KCC protocol.
fn org_with_broken_kcc() -> Org {
    let org = Org::case("concept");
    org.replace(KCC, "afdeling: klantcontact", "afdeling: klantcontakt");
    org
}

#[test]
fn a_named_file_reports_only_that_file_from_inside_the_repository() {
    let org = org_with_broken_kcc();
    let teams = org.path().join("content/teams");
    // From content/teams/, naming the file relatively.
    let run = vpd_in(
        &teams,
        &["check", "werkplein-proef.yaml", "--format", "json"],
    );
    assert_eq!(run.code, Some(0), "only warnings in this file: {run:?}");
    let report = json(&run);
    assert_eq!(files_of(&report), [WERKPLEIN, WERKPLEIN], "{report:#}");
    assert_eq!(teams_of(&report), [WERKPLEIN]);
    assert_eq!(report["samenvatting"]["bestanden"], 1);
    assert_eq!(report["samenvatting"]["fouten"], 0);
    assert_eq!(report["samenvatting"]["waarschuwingen"], 2);

    // The broken file, named from the repository root: its error, exit 1.
    let run = vpd_in(org.path(), &["check", KCC, "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let report = json(&run);
    assert_eq!(files_of(&report), [KCC]);
    assert_eq!(report["bevindingen"][0]["regel"], "verwijzing-onbekend");
    assert_eq!(teams_of(&report), [KCC]);

    // Both files: both findings.
    let run = vpd_in(
        &teams,
        &[
            "check",
            "werkplein-proef.yaml",
            "kcc-proef.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(teams_of(&json(&run)).len(), 2);
}

#[test]
fn the_current_folder_inside_content_is_the_default() {
    let org = org_with_broken_kcc();
    let run = vpd_in(
        &org.path().join("content/organisatie"),
        &["check", "--format", "json"],
    );
    assert_eq!(
        run.code,
        Some(0),
        "the organisation's own files are fine: {run:?}"
    );
    let report = json(&run);
    assert!(files_of(&report).is_empty(), "{report:#}");
    assert!(teams_of(&report).is_empty());
    assert_eq!(report["samenvatting"]["bestanden"], 2);

    let run = vpd_in(
        &org.path().join("content/teams"),
        &["check", "--format", "json"],
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(teams_of(&json(&run)).len(), 2);
}

#[test]
fn the_organisation_folder_still_reports_everything() {
    let org = org_with_broken_kcc();
    for args in [
        vec!["check", "--format", "json"],
        vec!["check", ".", "--format", "json"],
        vec!["check", "content", "--format", "json"],
    ] {
        let run = vpd_in(org.path(), &args);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        let report = json(&run);
        assert_eq!(files_of(&report).len(), 3, "{args:?}: {report:#}");
        assert_eq!(teams_of(&report).len(), 2);
        assert_eq!(report["samenvatting"]["bestanden"], 5);
    }
}

#[test]
fn a_named_file_is_checked_against_the_whole_organisation() {
    // The duplicate team name is only found with the other team file as context.
    let org = Org::case("team-naam-dubbel");
    let run = vpd_in(
        org.path(),
        &[
            "check",
            "content/teams/werkplein-tweede.yaml",
            "--format",
            "json",
            "--alleen-fouten",
        ],
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    let report = json(&run);
    let findings = report["bevindingen"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["regel"], "team-naam-dubbel");
    assert_eq!(findings[0]["ook"][0]["bestand"], WERKPLEIN);
}

#[test]
fn alleen_fouten_hides_warnings_in_every_format() {
    let org = Org::case("concept");
    let report = org.check(&["--alleen-fouten"]);
    report.assert_exit(0);
    assert!(report.findings().is_empty(), "{}", report.listing());
    assert_eq!(report.json["samenvatting"]["waarschuwingen"], 0);
    // Without the option the warnings are there.
    assert_eq!(org.check(&[]).findings().len(), 2);
    for format in ["human", "github", "gitlab", "junit"] {
        let shown = org.run(&["--format", format]);
        let hidden = org.run(&["--format", format, "--alleen-fouten"]);
        assert_eq!(hidden.code, Some(0), "{format}: {hidden:?}");
        assert!(
            shown.stdout.contains("bevat alleen de plaatshouder"),
            "{format}: {}",
            shown.stdout
        );
        assert!(
            !hidden.stdout.contains("bevat alleen de plaatshouder") || format == "human",
            "{format}: {}",
            hidden.stdout
        );
    }
    let human = org.run(&["--alleen-fouten"]);
    assert!(!human.stdout.contains("waarschuwing["), "{}", human.stdout);
}

#[test]
fn the_summary_lists_what_each_incomplete_team_still_has_to_do() {
    let org = Org::case("concept");
    let run = org.run(&[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let want = "Werkplein Proef (content/teams/werkplein-proef.yaml, concept): 5 van 7 verplichte secties ingevuld
  Nog te doen:
  [ ] Visie op veilige publieke dienstverlening
      - regel 14: Nog niet ingevuld: “...betekent voor ons:” bevat alleen de plaatshouder '.....'.
  [ ] Borging en monitoring
      - regel 9: De sectie 'Borging en monitoring' ontbreekt.
";
    assert!(run.stdout.contains(want), "{}", run.stdout);
    // A complete team has no list.
    let kcc = "KCC Proef (content/teams/kcc-proef.yaml, vastgesteld): 6 van 6 verplichte secties ingevuld\nWerkplein";
    assert!(run.stdout.contains(kcc), "{}", run.stdout);
    // The same list in the JSON summary.
    let report = org.check(&[]);
    let team = &report.json["samenvatting"]["teams"][1];
    assert_eq!(team["nog_te_doen"][1]["sectie"], "borging");
    assert_eq!(team["nog_te_doen"][1]["ontbreekt"][0]["regelnummer"], 9);
    assert_eq!(
        report.json["samenvatting"]["teams"][0]["nog_te_doen"],
        serde_json::json!([])
    );
}

#[test]
fn paths_that_do_not_exist_or_lie_elsewhere_are_usage_errors() {
    let org = Org::minimal();
    let run = vpd_in(org.path(), &["check", "content/teams/bestaat-niet.yaml"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("content/teams/bestaat-niet.yaml bestaat niet."),
        "{run:?}"
    );

    let other = Org::minimal();
    let elsewhere = other.path().join(WERKPLEIN);
    let run = vpd_in(
        org.path(),
        &["check", WERKPLEIN, elsewhere.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("ligt niet in de organisatie"),
        "{run:?}"
    );

    org.write("docs/notities.md", "# Notities\n");
    let run = vpd_in(org.path(), &["check", "docs/notities.md"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("ligt niet in content/ of schemas/"),
        "{run:?}"
    );

    let lost = tempfile::tempdir().unwrap();
    std::fs::write(lost.path().join("los.yaml"), "team: Los\n").unwrap();
    let run = vpd_in(lost.path(), &["check", "los.yaml"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("staat geen map content/"), "{run:?}");
}
