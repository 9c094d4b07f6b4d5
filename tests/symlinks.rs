//! Nothing from outside the repository is ever read or published: symbolic links in
//! `content/`, `schemas/` and `themes/` are named in a diagnostic and never followed. The
//! attacks start from what a contributor could commit: a link to the build's environment
//! (CI tokens), to a folder, to `/etc/passwd`-like files.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use common::{Org, VANDAAG, assert_finding, assert_hint};

/// A secret only the build's environment holds.
const SECRET: &str = "vpd-geheim-ci-token-8c1f2e";

/// Runs `vpd <args>` with the secret in its environment; returns (exit, stdout + stderr).
fn run_with_secret(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(args)
        .env("VPD_VANDAAG", VANDAAG)
        .env("NO_COLOR", "1")
        .env("CI_JOB_TOKEN", SECRET)
        .output()
        .expect("vpd runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// Every byte of every file below `dir`, for "the secret appears nowhere" checks.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if !dir.exists() {
        return bytes;
    }
    for entry in walk(dir) {
        bytes.extend(std::fs::read(entry).unwrap_or_default());
    }
    bytes
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            out.extend(walk(&path));
        } else if kind.is_file() {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The build's report names the link with the rule's message.
fn assert_link_named(output: &str, link: &str) {
    assert!(
        output.contains("fout[bestand-symbolische-link]: Dit is een symbolische link.")
            && output.contains(&format!("--> {link}\n")),
        "{output}"
    );
}

fn build(org: &Org) -> (Option<i32>, String) {
    let out = org.path().join("public");
    run_with_secret(&[
        "build".as_ref(),
        org.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

#[test]
fn a_theme_link_to_the_environment_never_publishes_it() {
    let org = Org::minimal();
    let statics = org.path().join("themes/default/static");
    std::fs::create_dir_all(&statics).unwrap();
    symlink("/proc/self/environ", statics.join("env.txt")).unwrap();
    let (code, output) = build(&org);
    assert_eq!(code, Some(1), "{output}");
    assert_link_named(&output, "themes/default/static/env.txt");
    assert!(!output.contains(SECRET), "the secret reached the output");
    let public = org.path().join("public");
    assert!(
        !contains(&all_bytes(&public), SECRET),
        "the secret was published"
    );
    assert!(!public.join("static/env.txt").exists());
}

#[test]
fn a_theme_link_to_a_folder_publishes_nothing_of_it() {
    let org = Org::minimal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.txt"), SECRET).unwrap();
    let statics = org.path().join("themes/default/static");
    std::fs::create_dir_all(&statics).unwrap();
    symlink(outside.path(), statics.join("map")).unwrap();
    let (code, output) = build(&org);
    assert_eq!(code, Some(1), "{output}");
    assert_link_named(&output, "themes/default/static/map");
    assert!(!contains(&all_bytes(&org.path().join("public")), SECRET));
    // A linked theme folder is refused as a whole.
    std::fs::remove_file(statics.join("map")).unwrap();
    std::fs::remove_dir_all(org.path().join("themes/default")).unwrap();
    std::fs::create_dir_all(outside.path().join("templates")).unwrap();
    symlink(outside.path(), org.path().join("themes/default")).unwrap();
    let (code, output) = build(&org);
    assert_eq!(code, Some(1), "{output}");
    assert_link_named(&output, "themes/default");
}

#[test]
fn a_schema_link_is_named_and_its_target_never_shown() {
    let org = Org::minimal();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("passwd");
    std::fs::write(&target, format!("root:x:0:0:{SECRET}:/root:/bin/bash\n")).unwrap();
    std::fs::create_dir_all(org.path().join("schemas")).unwrap();
    symlink(&target, org.path().join("schemas/werkvorm.yaml")).unwrap();
    let out = org.check(&[]);
    out.assert_exit(1);
    let f = assert_finding(
        &out,
        "bestand-symbolische-link",
        "schemas/werkvorm.yaml",
        1,
        1,
        "Dit is een symbolische link. vpd volgt geen links",
    );
    assert_hint(f, "Zet het bestand (of de map) zelf op deze plek");
    for format in ["human", "json", "github", "gitlab", "junit"] {
        let (_, text) = run_with_secret(&[
            "check".as_ref(),
            org.path().as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert!(
            !text.contains(SECRET),
            "{format}: the target's text was shown"
        );
        assert!(!text.contains("root:x:0"), "{format}");
    }
}

#[test]
fn a_linked_team_file_or_folder_is_a_finding_not_a_silent_drop() {
    let org = Org::minimal();
    let outside = tempfile::tempdir().unwrap();
    let team = org.read(common::WERKPLEIN);
    std::fs::write(outside.path().join("team.yaml"), &team).unwrap();
    symlink(
        outside.path().join("team.yaml"),
        org.path().join("content/teams/gelinkt.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(outside.path().join("meer")).unwrap();
    symlink(
        outside.path().join("meer"),
        org.path().join("content/teams/meer"),
    )
    .unwrap();
    let out = org.check(&[]);
    out.assert_exit(1);
    for file in ["content/teams/gelinkt.yaml", "content/teams/meer"] {
        assert_finding(
            &out,
            "bestand-symbolische-link",
            file,
            1,
            1,
            "Dit is een symbolische link",
        );
    }
    // The build refuses as check does, and publishes nothing of the linked file.
    let (code, output) = build(&org);
    assert_eq!(code, Some(1), "{output}");
    assert!(!org.path().join("public/teams/gelinkt").exists());
}
