//! The preview must always equal a fresh build: on a synthetic organisation, a scripted
//! series of edits is made while `vpd serve --out DIR` runs, and after each one the
//! preview's folder must become, file for file, what `vpd build` makes of the same tree
//! (search index included; the reload script is added when a page is served, not on disk).

mod common;

use common::synth;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::VANDAAG;
use common::serve::{request, start};

/// The body of `GET path` with its status.
fn status_of(addr: &str, path: &str) -> (u16, String) {
    let (status, _, body) = request(addr, "GET", path);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Every file below `dir` (relative path → bytes), without the preview's transient
/// temporary files.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if !name.starts_with(".vpd-nieuw-")
                && let Ok(bytes) = std::fs::read(&path)
            {
                let rel = path.strip_prefix(dir).expect("below dir");
                out.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    out
}

/// What differs between two snapshots, for the failure message.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in a {
        match b.get(k) {
            None => out.push(format!("alleen in de voorvertoning: {k}")),
            Some(w) if w != v => out.push(format!("verschilt: {k}")),
            _ => {}
        }
    }
    out.extend(
        b.keys()
            .filter(|k| !a.contains_key(*k))
            .map(|k| format!("alleen in de build: {k}")),
    );
    out
}

fn fresh_build(org: &Path, out: &Path) -> bool {
    let _ = std::fs::remove_dir_all(out);
    Command::new(env!("CARGO_BIN_EXE_vpd"))
        .arg("build")
        .arg(org)
        .arg("--out")
        .arg(out)
        .env("VPD_VANDAAG", VANDAAG)
        .output()
        .expect("vpd build runs")
        .status
        .success()
}

/// Waits until the preview equals the fresh build of the same tree.
fn assert_preview_equals_build(step: &str, preview: &Path, fresh: &Path) {
    let want = snapshot(fresh);
    let start = Instant::now();
    let mut diff = Vec::new();
    while start.elapsed() < Duration::from_secs(60) {
        diff = differences(&snapshot(preview), &want);
        if diff.is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!(
        "na '{step}' wijkt de voorvertoning af van een verse build ({} bestanden):\n{}",
        diff.len(),
        diff.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Replaces the first `from` in `rel` with `to`.
fn edit(org: &Path, rel: &str, from: &str, to: &str) {
    let path = org.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn after_every_edit_the_preview_equals_a_fresh_build() {
    let tmp = tempfile::tempdir().expect("tmp");
    let org = tmp.path().join("org");
    let status = Command::new(synth())
        .args(["--teams", "24", "--out"])
        .arg(&org)
        .stdout(Stdio::null())
        .status()
        .expect("synth runs");
    assert!(status.success());
    std::fs::create_dir_all(org.join("themes/default/templates")).expect("themes");
    let preview_dir = tmp.path().join("voorvertoning");
    let fresh = tmp.path().join("build");
    let preview = start(&org, &[OsStr::new("--out"), preview_dir.as_os_str()]);
    assert!(fresh_build(&org, &fresh));
    assert_preview_equals_build("starten", &preview_dir, &fresh);

    let team = "content/teams/team-00003.yaml";
    let werkvorm_ref = std::fs::read_to_string(org.join("content/teams/team-00004.yaml"))
        .expect("team 4")
        .lines()
        .skip_while(|l| !l.contains("bespreken-werkvormen:"))
        .nth(1)
        .expect("a werkvorm reference")
        .to_string();
    let theme_404 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"),
    )
    .expect("404 template");
    let added = std::fs::read_to_string(org.join("content/teams/team-00005.yaml"))
        .expect("team 5")
        .replacen(
            "team: \"Team 00005\"",
            "team: \"Nieuw team\"\nslug: nieuw-team",
            1,
        );
    let good = std::fs::read_to_string(org.join("content/teams/team-00008.yaml")).expect("8");

    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "tekst van een team",
            Box::new(|| edit(&org, team, "Wij ", "Wij allemaal ")),
        ),
        (
            "naam van een team",
            Box::new(|| edit(&org, team, "team: \"Team 00003\"", "team: \"Team Drie\"")),
        ),
        (
            "werkvormverwijzing van een team",
            Box::new(|| {
                edit(
                    &org,
                    "content/teams/team-00004.yaml",
                    &werkvorm_ref,
                    "      - \"storytelling\"",
                )
            }),
        ),
        (
            "titel van een werkvorm",
            Box::new(|| {
                edit(
                    &org,
                    "content/werkvormen/storytelling.md",
                    "titel: \"Storytelling",
                    "titel: \"Verhalen vertellen",
                )
            }),
        ),
        (
            "titel van een leerdoelwijzer",
            Box::new(|| {
                edit(
                    &org,
                    "content/leerdoelwijzers/kcc.yaml",
                    "titel: \"Leerdoelwijzer",
                    "titel: \"Vragenlijst",
                )
            }),
        ),
        (
            "titel van de ontwikkelmatrix",
            Box::new(|| {
                edit(
                    &org,
                    "content/leerdoelwijzers/ontwikkelmatrix.yaml",
                    "titel: \"Matrix",
                    "titel: \"Ontwikkelmatrix",
                )
            }),
        ),
        (
            "doel in het normschema",
            Box::new(|| {
                edit(
                    &org,
                    "content/organisatie/normschema.yaml",
                    "doel: \"Het gedrag ombuigen",
                    "doel: \"Het gedrag samen ombuigen",
                )
            }),
        ),
        (
            "sjabloon van het thema",
            Box::new(|| {
                std::fs::write(
                    org.join("themes/default/templates/404.html"),
                    theme_404.replacen(
                        "{% block inhoud %}",
                        "{% block inhoud %}<p>Eigen thema</p>",
                        1,
                    ),
                )
                .expect("theme")
            }),
        ),
        (
            "team toegevoegd (submap, .yml, slug)",
            Box::new(|| {
                std::fs::create_dir_all(org.join("content/teams/extra")).expect("dir");
                std::fs::write(org.join("content/teams/extra/nieuw.yml"), &added).expect("add");
            }),
        ),
        (
            "team hernoemd",
            Box::new(|| {
                std::fs::rename(
                    org.join("content/teams/team-00006.yaml"),
                    org.join("content/teams/team-zes.yaml"),
                )
                .expect("rename")
            }),
        ),
        (
            "team verwijderd",
            Box::new(|| {
                std::fs::remove_file(org.join("content/teams/team-00007.yaml")).expect("rm")
            }),
        ),
    ];
    for (step, apply) in &steps {
        apply();
        assert!(fresh_build(&org, &fresh), "{step}: the tree builds");
        assert_preview_equals_build(step, &preview_dir, &fresh);
    }

    // Broken: the preview keeps the last good site and shows the error instead.
    let broken = org.join("content/teams/team-00008.yaml");
    std::fs::write(&broken, format!("{good}onbekend_veld: 1\n")).expect("break");
    assert!(!fresh_build(&org, &fresh), "the broken tree does not build");
    let start = Instant::now();
    loop {
        let (status, body) = status_of(&preview.addr, "/vpd/teams/");
        if status == 500 && body.contains("onbekend_veld") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the preview shows the error: {status}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Fixed, together with a change made while it was broken: both arrive.
    edit(
        &org,
        team,
        "team: \"Team Drie\"",
        "team: \"Team Drie (hersteld)\"",
    );
    std::fs::write(&broken, &good).expect("fix");
    assert!(fresh_build(&org, &fresh));
    assert_preview_equals_build("kapot en hersteld", &preview_dir, &fresh);
    let (status, _) = status_of(&preview.addr, "/vpd/teams/");
    assert_eq!(status, 200);
}
