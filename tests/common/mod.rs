//! Harness for the integration tests of `vpd check`: copy the small valid organisation in
//! `tests/fixtures/valid/minimal` to a temporary folder, overlay one case from
//! `tests/fixtures/invalid/<case>` (same relative paths), run the real binary and read its
//! JSON report.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub mod junit;
pub mod repo;
pub mod serve;

/// The date every run compares with (`VPD_VANDAAG`).
pub const VANDAAG: &str = "2026-11-24";

/// The Werkplein team protocol of the minimal organisation.
pub const WERKPLEIN: &str = "content/teams/werkplein-proef.yaml";
/// The KCC team protocol of the minimal organisation.
pub const KCC: &str = "content/teams/kcc-proef.yaml";
/// The organisation's norm schema.
pub const NORMSCHEMA: &str = "content/organisatie/normschema.yaml";
/// The organisation's policy.
pub const BELEID: &str = "content/organisatie/beleid.yaml";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A throw-away copy of the example organisation (its `content/`).
pub fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &tmp.path().join("content"),
    );
    tmp
}

/// A throw-away copy of an organisation.
pub struct Org {
    dir: tempfile::TempDir,
}

impl Org {
    /// A copy of the valid minimal organisation.
    pub fn minimal() -> Org {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join("valid/minimal"), dir.path());
        Org { dir }
    }

    /// The minimal organisation with the files of `tests/fixtures/invalid/<case>` on top.
    pub fn case(case: &str) -> Org {
        let org = Org::minimal();
        let overlay = fixtures().join("invalid").join(case);
        assert!(overlay.is_dir(), "no fixture {}", overlay.display());
        copy_dir(&overlay, org.path());
        org
    }

    /// The organisation root (the folder holding `content/`).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `rel` (relative to the root), creating folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Reads `rel` as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Rewrites `rel` with `f`.
    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let text = self.read(rel);
        self.write(rel, f(text));
    }

    /// Replaces the one occurrence of `from` in `rel` with `to`.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        self.edit(rel, |text| {
            assert_eq!(
                text.matches(from).count(),
                1,
                "{from:?} must occur once in {rel}"
            );
            text.replacen(from, to, 1)
        });
    }

    /// Deletes `rel`.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).unwrap();
    }

    /// Runs `vpd check <root> --format json` plus `extra`, and parses the report.
    pub fn check(&self, extra: &[&str]) -> Checked {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
            panic!(
                "vpd check did not print JSON ({e}); exit {:?}\nstdout:\n{}\nstderr:\n{}",
                run.code, run.stdout, run.stderr
            )
        });
        Checked {
            code: run.code,
            json,
            stderr: run.stderr,
        }
    }

    /// Runs `vpd check <root>` with `args` and returns the raw output.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all = vec!["check".to_string(), self.path().display().to_string()];
        all.extend(args.iter().map(|s| s.to_string()));
        vpd(&all)
    }
}

/// Runs the real binary with `args` and `VPD_VANDAAG` set.
pub fn vpd<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    vpd_in(Path::new("."), args)
}

/// Runs the real binary in the folder `cwd` with `args` and `VPD_VANDAAG` set.
pub fn vpd_in<S: AsRef<std::ffi::OsStr>>(cwd: &Path, args: &[S]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .args(args)
        .current_dir(cwd)
        .env("VPD_VANDAAG", VANDAAG)
        .env("NO_COLOR", "1")
        .output()
        .expect("vpd runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The raw outcome of one run.
#[derive(Debug)]
pub struct Run {
    /// The exit code (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// The outcome of `vpd check --format json`.
#[derive(Debug)]
pub struct Checked {
    /// The exit code.
    pub code: Option<i32>,
    /// The parsed report.
    pub json: Value,
    /// Standard error.
    pub stderr: String,
}

impl Checked {
    /// Every finding.
    pub fn findings(&self) -> &[Value] {
        self.json["bevindingen"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The rule codes of every finding, in report order.
    pub fn rules(&self) -> Vec<&str> {
        self.findings()
            .iter()
            .map(|f| f["regel"].as_str().unwrap())
            .collect()
    }

    /// The findings of `rule`.
    pub fn of_rule(&self, rule: &str) -> Vec<&Value> {
        self.findings()
            .iter()
            .filter(|f| f["regel"] == rule)
            .collect()
    }

    /// All findings, one per line, for failure messages.
    pub fn listing(&self) -> String {
        let mut s = String::new();
        for f in self.findings() {
            s.push_str(&format!(
                "  {} [{}] {}:{}:{} {} | hint: {} | sectie: {} | ook: {}\n",
                f["regel"].as_str().unwrap_or("?"),
                f["ernst"].as_str().unwrap_or("?"),
                f["bestand"].as_str().unwrap_or("?"),
                f["regelnummer"],
                f["kolom"],
                f["bericht"].as_str().unwrap_or("?"),
                f["hint"],
                f["sectie"],
                f["ook"],
            ));
        }
        if s.is_empty() {
            s.push_str("  (geen bevindingen)\n");
        }
        s
    }

    /// Asserts the exit code.
    pub fn assert_exit(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit code; findings:\n{}stderr:\n{}",
            self.listing(),
            self.stderr
        );
        self
    }

    /// Asserts that the findings have exactly these rule codes (in any order, with
    /// repetition): nothing else fires.
    pub fn assert_only(&self, rules: &[&str]) -> &Self {
        let mut got = self.rules();
        got.sort_unstable();
        let mut want = rules.to_vec();
        want.sort_unstable();
        assert_eq!(got, want, "rules found; findings:\n{}", self.listing());
        self
    }

    /// Asserts that there are no findings at all and the summary agrees.
    pub fn assert_clean(&self) -> &Self {
        assert!(
            self.findings().is_empty(),
            "expected no findings:\n{}",
            self.listing()
        );
        assert_eq!(self.json["samenvatting"]["fouten"], 0);
        assert_eq!(self.json["samenvatting"]["waarschuwingen"], 0);
        self
    }
}

/// Asserts a finding of `rule` in `file` at `line`:`col` whose message contains `message`,
/// and returns it for further checks.
pub fn assert_finding<'a>(
    out: &'a Checked,
    rule: &str,
    file: &str,
    line: u64,
    col: u64,
    message: &str,
) -> &'a Value {
    let found = out.findings().iter().find(|f| {
        f["regel"] == rule
            && f["bestand"] == file
            && f["regelnummer"] == line
            && f["kolom"] == col
            && f["bericht"].as_str().is_some_and(|m| m.contains(message))
    });
    match found {
        Some(f) => f,
        None => panic!(
            "no finding {rule} at {file}:{line}:{col} with message containing {message:?}; findings:\n{}",
            out.listing()
        ),
    }
}

/// Asserts that `finding` has an "ook" (secondary place) entry at `file`:`line`:`col`
/// whose text contains `text`.
pub fn assert_ook(finding: &Value, file: &str, line: u64, col: u64, text: &str) {
    let ook = finding["ook"].as_array().expect("ook is a list");
    let hit = ook.iter().any(|o| {
        o["bestand"] == file
            && o["regelnummer"] == line
            && o["kolom"] == col
            && o["toelichting"].as_str().is_some_and(|t| t.contains(text))
    });
    assert!(
        hit,
        "no 'ook' entry at {file}:{line}:{col} containing {text:?} in {}",
        serde_json::to_string_pretty(finding).unwrap()
    );
}

/// Asserts the finding's severity ("error" or "warning").
pub fn assert_ernst(finding: &Value, ernst: &str) {
    assert_eq!(
        finding["ernst"],
        ernst,
        "{}",
        serde_json::to_string_pretty(finding).unwrap()
    );
}

/// Asserts the finding's hint contains `text`.
pub fn assert_hint(finding: &Value, text: &str) {
    let hint = finding["hint"].as_str().unwrap_or_default();
    assert!(hint.contains(text), "hint {hint:?} should contain {text:?}");
}

/// The character at 1-based `line`:`col` of `text` (columns count characters).
pub fn char_at(text: &str, line: usize, col: usize) -> Option<char> {
    text.split('\n').nth(line - 1)?.chars().nth(col - 1)
}

/// Removes the block that starts with the line `head` (exactly, e.g. `"  orde:"`) and runs
/// until the next non-blank line that is indented no deeper than `head`.
pub fn remove_block(text: &str, head: &str) -> String {
    let indent = head.len() - head.trim_start().len();
    let mut out = String::new();
    let mut skipping = false;
    let mut found = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == head {
            skipping = true;
            found = true;
            continue;
        }
        if skipping {
            let depth = bare.len() - bare.trim_start().len();
            if bare.trim().is_empty() || depth > indent {
                continue;
            }
            skipping = false;
        }
        out.push_str(line);
    }
    assert!(found, "no line {head:?}");
    out
}

/// The synthetic organisation generator, built beside the binary by `cargo build --examples`
/// (which `scripts/test` runs first).
#[allow(dead_code)]
pub fn synth() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_vpd"));
    let path = bin
        .parent()
        .expect("target folder")
        .join("examples")
        .join("synth");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build --examples` first (scripts/test does)",
        path.display()
    );
    path
}

/// `vpd check <org>` with `args`, run as the user `nobody` (uid 65534), with every folder
/// and file of the organisation readable by others except those of mode 000: root reads
/// a file of mode 000 anyway (as CI runs), `nobody` does not.
pub fn run_as_nobody(org: &Org, args: &[&str]) -> Run {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    for entry in walkdir::WalkDir::new(org.path()) {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        if mode == 0 {
            continue;
        }
        let readable = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(readable)).unwrap();
    }
    let run = |binary: &Path| {
        Command::new(binary)
            .arg("check")
            .arg(org.path())
            .args(args)
            .env("VPD_VANDAAG", VANDAAG)
            .env("NO_COLOR", "1")
            .uid(65534)
            .gid(65534)
            .output()
    };
    let binary = Path::new(env!("CARGO_BIN_EXE_vpd"));
    let out = match run(binary) {
        Ok(out) => out,
        // The repository may lie in a folder `nobody` cannot enter (such as /root): then
        // a copy of the binary in a folder everyone can read runs instead.
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            let bin_dir = tempfile::tempdir().unwrap();
            std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755))
                .unwrap();
            let copy = bin_dir.path().join("vpd");
            std::fs::copy(binary, &copy).unwrap();
            run(&copy).expect("vpd runs as nobody")
        }
        Err(e) => panic!("vpd does not run as nobody: {e}"),
    };
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
