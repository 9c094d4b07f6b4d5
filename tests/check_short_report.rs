//! `vpd check`'s human report stays short: a concept's open questions stand in one
//! checklist per document (policy, norm schema, each team), repeated findings of one kind
//! are grouped, and `--volledig` shows everything in full.

mod common;

use std::path::Path;

use common::{Org, vpd_in};

/// A fresh organisation from `vpd init`, in a temporary folder.
fn fresh_organisation() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let run = vpd_in(tmp.path(), &["init", "gemeente-kort"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let root = tmp.path().join("gemeente-kort");
    (tmp, root)
}

fn check_in(root: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    vpd_in(root, &args)
}

#[test]
fn a_fresh_organisation_checks_clean_in_a_screenful() {
    let (_tmp, root) = fresh_organisation();
    let run = check_in(&root, &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let lines = run.stdout.lines().count();
    assert!(lines <= 40, "{lines} lines:\n{}", run.stdout);
    // Each document has its checklist, one line per open section.
    for header in [
        "Beleid Veilige Publieke Dienstverlening (content/organisatie/beleid.yaml, concept): 0 van 12 verplichte secties ingevuld",
        "Voorbeeldteam (content/teams/voorbeeldteam.yaml, concept): 1 van 7 verplichte secties ingevuld",
    ] {
        assert!(run.stdout.contains(header), "{header}\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("  [ ] Lerende aanpak: 3 open, op regel 340, 344, 353\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("`vpd check --volledig` toont ze een voor een"),
        "{}",
        run.stdout
    );
    // No finding is shown in full: they are all a concept's open questions.
    assert!(!run.stdout.contains("waarschuwing["), "{}", run.stdout);
}

#[test]
fn volledig_shows_every_open_question_in_full_with_hints_for_the_writer() {
    let (_tmp, root) = fresh_organisation();
    let run = check_in(&root, &["--volledig"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "waarschuwing[plaatshouder]: Nog niet ingevuld: “Eigenaar” bevat alleen de plaatshouder '.....'.\n --> content/organisatie/beleid.yaml:9:11\n"
        ),
        "{}",
        run.stdout
    );
    // The same mistake again is grouped after twenty, with its lines.
    assert!(
        run.stdout.contains(
            "waarschuwing[plaatshouder]: … en nog 40 meldingen van dezelfde soort in dit bestand, op regel "
        ),
        "{}",
        run.stdout
    );
    // The policy and norm schema are the organisation's: no hint speaks of a team's answer.
    assert!(!run.stdout.contains("van het team"), "{}", run.stdout);
    assert!(run.stdout.contains(
        "= hint: Vervang de plaatshouder (....., een losse 'Wij', - of TODO) door het eigen antwoord op de vraag."
    ));
}

#[test]
fn a_nearly_finished_team_gets_a_line_per_open_question() {
    let org = Org::minimal();
    org.edit("content/teams/werkplein-proef.yaml", |text| {
        text.replacen("status: vastgesteld", "status: concept", 1)
    });
    let team = org.read("content/teams/werkplein-proef.yaml");
    let (line, old) = team
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("- ") && l.len() > 12)
        .map(|(i, l)| (i + 1, l.to_string()))
        .expect("a list item");
    let indent = old.len() - old.trim_start().len();
    org.replace(
        "content/teams/werkplein-proef.yaml",
        &format!("{old}\n"),
        &format!("{}- \".....\"\n", " ".repeat(indent)),
    );
    let run = vpd_in(org.path(), &["check", "content/teams/werkplein-proef.yaml"]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("  Nog te doen:\n  [ ] "),
        "{}",
        run.stdout
    );
    let item = format!("      - regel {line}: Nog niet ingevuld: ");
    assert!(run.stdout.contains(&item), "{item}\n{}", run.stdout);
    assert!(
        !run.stdout.contains("waarschuwing[plaatshouder]"),
        "{}",
        run.stdout
    );
}
