//! A build that is killed never damages the published site, and builds that run at the
//! same time never delete each other's work. `vpd build` writes into a staging folder and
//! swaps it in with one rename; here it is killed with SIGKILL at ten points of a build of
//! a synthetic organisation, and `public/` must be exactly the previous site each time (or,
//! when the build swapped its site in just before it was killed, exactly the new one).

mod common;

use common::synth;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn organisation(dir: &Path, teams: usize) {
    let status = Command::new(synth())
        .args(["--teams", &teams.to_string(), "--out"])
        .arg(dir)
        .stdout(Stdio::null())
        .status()
        .expect("synth runs");
    assert!(status.success());
}

fn start_build(org: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_vpd"))
        .arg("build")
        .arg(org)
        .env("VPD_VANDAAG", common::VANDAAG)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vpd build starts")
}

fn finish(child: Child) -> (bool, String) {
    let out = child.wait_with_output().expect("vpd build ends");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file below `dir`: relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable").flatten() {
            let path = entry.path();
            if entry.file_type().expect("type").is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("below").display().to_string();
                files.insert(rel, std::fs::read(&path).expect("readable"));
            }
        }
    }
    files
}

/// Names of the staging folders beside `public/`.
fn staging_folders(org: &Path) -> Vec<String> {
    std::fs::read_dir(org)
        .expect("readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vpd-staging-"))
        .collect()
}

/// Renames team 1 (its page and the listings change), so each build differs.
fn edit_a_team(org: &Path, round: usize) {
    let path = org.join("content/teams/team-00001.yaml");
    let text = std::fs::read_to_string(&path).expect("team file");
    let renamed: String = text
        .lines()
        .map(|l| match l.strip_prefix("team:") {
            Some(_) => format!("team: Team 00001 ronde {round}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    assert_ne!(renamed, text, "team 1 has a `team:` line");
    std::fs::write(&path, renamed).expect("write");
}

/// Files written so far into the staging folders beside `public/`, or `None` before any
/// staging folder exists.
fn staged_files(org: &Path) -> Option<usize> {
    let folders = staging_folders(org);
    if folders.is_empty() {
        return None;
    }
    // A folder may vanish while it is counted (the build swapped it in).
    Some(folders.iter().map(|f| count_files(&org.join(f))).sum())
}

fn count_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => count_files(&e.path()),
            _ => 1,
        })
        .sum()
}

/// Starts a build and kills it once its staging folder holds `share` of `total` files
/// (0.0: the moment the folder exists). Returns whether it was still running then.
fn build_killed_at(org: &Path, share: f64, total: usize) -> bool {
    let mut child = start_build(org);
    let wanted = (share * total as f64) as usize;
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().expect("status").is_some() || Instant::now() > deadline {
            let _ = finish(child);
            return false;
        }
        if staged_files(org).is_some_and(|n| n >= wanted.max(1)) {
            let _ = child.kill();
            let _ = finish(child);
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The site a complete build makes of `org` now, built into a folder of its own.
fn complete_site(org: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let _ = std::fs::remove_dir_all(out);
    let run = common::vpd(&[
        "build".as_ref(),
        org.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    snapshot(out)
}

#[test]
fn a_build_killed_at_ten_points_leaves_the_previous_site() {
    let tmp = tempfile::tempdir().expect("tmp");
    let org = tmp.path().join("org");
    organisation(&org, 100);
    let (ok, err) = finish(start_build(&org));
    assert!(ok, "{err}");
    let public = org.join("public");
    let mut previous = snapshot(&public);
    let mut interrupted = 0;
    for point in 0..10u32 {
        edit_a_team(&org, point as usize);
        let share = f64::from(point) / 10.0;
        let killed = build_killed_at(&org, share, previous.len());
        let now = snapshot(&public);
        if killed && now == previous {
            interrupted += 1;
            continue;
        }
        // Near the end a build can swap its site in between the count and the kill: then
        // `public/` must be that whole new site, never a mix of the two.
        assert!(
            now == complete_site(&org, &tmp.path().join("compleet")),
            "killed with {:.0}% of the files staged: public/ is neither the previous site \
             nor the complete new one",
            share * 100.0
        );
        previous = now;
    }
    assert!(
        interrupted >= 8,
        "only {interrupted} of 10 builds were interrupted"
    );
    // The next build completes and clears what the killed ones left behind.
    edit_a_team(&org, 99);
    let (ok, err) = finish(start_build(&org));
    assert!(ok, "{err}");
    assert!(
        snapshot(&public) != previous,
        "the completed build is published"
    );
    assert_eq!(staging_folders(&org), Vec::<String>::new());
}

#[test]
fn two_builds_at_once_never_delete_each_others_staging_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let org = tmp.path().join("org");
    organisation(&org, 100);
    let (ok, err) = finish(start_build(&org));
    assert!(ok, "{err}");
    for delay in [0u64, 200, 600] {
        let first = start_build(&org);
        std::thread::sleep(Duration::from_millis(delay));
        let second = start_build(&org);
        let (ok1, err1) = finish(first);
        let (ok2, err2) = finish(second);
        assert!(ok1, "the first build failed: {err1}");
        assert!(ok2, "the second build failed: {err2}");
        let site = snapshot(&org.join("public"));
        assert!(site.contains_key("index.html") && site.contains_key(".vpd-site"));
        assert_eq!(staging_folders(&org), Vec::<String>::new());
    }
}
