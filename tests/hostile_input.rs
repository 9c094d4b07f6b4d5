//! Hostile input stays cheap and harmless: a 1 MiB file of findings is reported in seconds
//! in every output format (findings of one kind beyond the limit are counted in one line),
//! and user text with control characters never reaches the terminal raw.
//!
//! Every run is killed after [`TIMEOUT`], so a regression fails instead of hanging.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Org, Run, VANDAAG, WERKPLEIN};

/// Generous for a debug build on a busy machine; the quadratic renderer needed minutes.
const TIMEOUT: Duration = Duration::from_secs(20);

/// How many findings of one kind in one file are shown in full (the binary's limit).
/// Findings of one kind and file shown in full by the machine formats.
const SHOWN: usize = 20;
/// The same in the human format.
const SHOWN_TO_PEOPLE: usize = 3;

/// Runs `vpd check <org> --format <format>`, killing it after [`TIMEOUT`].
fn check_with_timeout(org: &Org, format: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpd"))
        .arg("check")
        .arg(org.path())
        .args(["--format", format])
        .env("VPD_VANDAAG", VANDAAG)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vpd runs");
    let stdout = reader(child.stdout.take().expect("stdout"));
    let stderr = reader(child.stderr.take().expect("stderr"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vpd check --format {format} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

fn reader(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The minimal organisation whose Werkplein protocol is padded to just under 1 MiB with
/// unknown top-level keys. Returns the organisation, the number of keys and the line of
/// the first key that is not shown in full.
fn mebibyte_of_unknown_keys(shown: usize) -> (Org, usize, usize) {
    let org = Org::minimal();
    let mut text = org.read(WERKPLEIN);
    let first_line = text.lines().count() + 1;
    let mut keys = 0;
    loop {
        let line = format!("onbekend_veld_{keys}: x\n");
        if text.len() + line.len() > 1024 * 1024 {
            break;
        }
        text.push_str(&line);
        keys += 1;
    }
    org.write(WERKPLEIN, text);
    (org, keys, first_line + shown)
}

/// The line counting `rest` findings left out, the first on line `from` and each on the
/// next line: it names the lines of the first twelve.
fn omitted_line(rest: usize, from: usize) -> String {
    let mut lines: Vec<String> = (from..from + rest.min(12)).map(|l| l.to_string()).collect();
    if rest > 12 {
        lines.push("…".into());
    }
    format!(
        "… en nog {rest} meldingen van dezelfde soort in dit bestand, op regel {}.",
        lines.join(", ")
    )
}

fn omitted_hint(shown: usize) -> String {
    format!(
        "Van iedere soort melding worden per bestand de eerste {shown} getoond. De telling in de samenvatting omvat alle meldingen; los deze op en controleer opnieuw."
    )
}

/// Runs `format` over the mebibyte case and checks what every format shares: exit code 1,
/// in time, and the summarising line with the right count.
fn hostile(format: &str) -> (Run, usize, usize) {
    let shown = if format == "human" {
        SHOWN_TO_PEOPLE
    } else {
        SHOWN
    };
    let (org, keys, line) = mebibyte_of_unknown_keys(shown);
    assert!(keys > 40_000, "{keys} keys");
    let run = check_with_timeout(&org, format);
    assert_eq!(run.code, Some(1), "stderr:\n{}", run.stderr);
    assert!(
        run.stdout.contains(&omitted_line(keys - shown, line)),
        "no summarising line in:\n{}",
        &run.stdout[..run.stdout.len().min(4000)]
    );
    (run, keys, line)
}

#[test]
fn human_format_summarises_a_mebibyte_of_findings() {
    let (run, keys, line) = hostile("human");
    let out = &run.stdout;
    assert_eq!(
        out.matches("fout[sleutel-onbekend]").count(),
        SHOWN_TO_PEOPLE + 1
    );
    let expected = format!(
        "fout[sleutel-onbekend]: {}\n --> {WERKPLEIN}:{line}:1\n  = hint: {}\n",
        omitted_line(keys - SHOWN_TO_PEOPLE, line),
        omitted_hint(SHOWN_TO_PEOPLE)
    );
    assert!(out.contains(&expected), "{out}");
    // The totals still count every finding.
    assert!(
        out.ends_with(&format!(
            "Gecontroleerde bestanden: 5. Fouten: {keys}. Waarschuwingen: 0.\n"
        )),
        "{}",
        &out[out.len().saturating_sub(500)..]
    );
}

#[test]
fn json_format_summarises_a_mebibyte_of_findings() {
    let (run, keys, line) = hostile("json");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let findings = json["bevindingen"].as_array().expect("bevindingen");
    assert_eq!(findings.len(), SHOWN + 1);
    let omitted = &findings[SHOWN];
    assert_eq!(omitted["regel"], "sleutel-onbekend");
    assert_eq!(omitted["ernst"], "error");
    assert_eq!(omitted["bestand"], WERKPLEIN);
    assert_eq!(omitted["regelnummer"], line);
    assert_eq!(omitted["kolom"], 1);
    assert_eq!(omitted["bericht"], omitted_line(keys - SHOWN, line));
    assert_eq!(omitted["hint"], omitted_hint(SHOWN));
    assert_eq!(omitted["weggelaten"], keys - SHOWN);
    assert_eq!(findings[SHOWN - 1]["regelnummer"], line - 1);
    assert_eq!(json["samenvatting"]["fouten"], keys);
}

#[test]
fn github_format_summarises_a_mebibyte_of_findings() {
    let (run, keys, line) = hostile("github");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), SHOWN + 2, "{}", run.stdout);
    assert_eq!(
        lines[SHOWN],
        format!(
            "::error file={WERKPLEIN},line={line},col=1,endLine={line},endColumn=17,title=vpd sleutel-onbekend::{}%0A{}",
            omitted_line(keys - SHOWN, line),
            omitted_hint(SHOWN)
        )
    );
    assert_eq!(
        lines[SHOWN + 1],
        format!("Gecontroleerde bestanden: 5. Fouten: {keys}. Waarschuwingen: 0.")
    );
}

#[test]
fn gitlab_format_summarises_a_mebibyte_of_findings() {
    let (run, keys, line) = hostile("gitlab");
    let issues: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let issues = issues.as_array().expect("list");
    assert_eq!(issues.len(), SHOWN + 1);
    let omitted = &issues[SHOWN];
    assert_eq!(omitted["check_name"], "sleutel-onbekend");
    assert_eq!(omitted["description"], omitted_line(keys - SHOWN, line));
    assert_eq!(omitted["location"]["path"], WERKPLEIN);
    assert_eq!(omitted["location"]["positions"]["begin"]["line"], line);
    assert_eq!(omitted["location"]["positions"]["begin"]["column"], 1);
    let fingerprints: std::collections::HashSet<_> =
        issues.iter().map(|i| i["fingerprint"].clone()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
}

#[test]
fn junit_format_summarises_a_mebibyte_of_findings() {
    let (run, keys, line) = hostile("junit");
    let report = common::junit::parse(&run.stdout);
    let failures: Vec<_> = report.failures().collect();
    assert_eq!(failures.len(), 1, "one failing case");
    let text = &failures[0].text;
    assert!(
        failures[0]
            .message
            .starts_with(&format!("{keys} meldingen; de eerste: ")),
        "{}",
        failures[0].message
    );
    assert_eq!(text.matches(" [sleutel-onbekend]").count(), SHOWN + 1);
    let expected = format!(
        "{WERKPLEIN}:{line}:1: {rest} [sleutel-onbekend]\n{hint}",
        rest = omitted_line(keys - SHOWN, line),
        hint = omitted_hint(SHOWN),
    );
    assert!(text.ends_with(&expected), "{text}");
}

/// A team protocol written as one JSON-style line of just under 1 MiB: positions on a very
/// long line must not be found by walking it, and excerpts must not grow with the file.
#[test]
fn one_line_mebibyte_is_cheap() {
    let org = Org::minimal();
    let mut text =
        String::from("{template: werkplein, team: \"Één regel\", status: concept, slug: een-regel");
    let mut keys = 0;
    while text.len() < 1024 * 1024 - 64 {
        text.push_str(&format!(", k{keys}: ë"));
        keys += 1;
    }
    text.push_str("}\n");
    org.write("content/teams/een-regel.yaml", text);
    let mut runs = [("human", SHOWN_TO_PEOPLE), ("json", SHOWN)].map(|(format, shown)| {
        let run = check_with_timeout(&org, format);
        assert_eq!(run.code, Some(1), "{format}: {}", run.stderr);
        // Every finding stands on line 1: the line is named once.
        let rest = keys - shown;
        let omitted =
            format!("… en nog {rest} meldingen van dezelfde soort in dit bestand, op regel 1, ….");
        assert!(
            run.stdout.contains(&omitted),
            "{format}: {}",
            &run.stdout[..run.stdout.len().min(4000)]
        );
        run
    });
    let run = std::mem::take(&mut runs[1].stdout);
    let json: serde_json::Value = serde_json::from_str(&run).expect("JSON");
    let first_left_out = json["bevindingen"]
        .as_array()
        .expect("bevindingen")
        .iter()
        .find(|f| f["weggelaten"] == keys - SHOWN)
        .expect("omitted entry");
    // `, k20: ë` starts after the prefix and twenty entries of `, kN: ë` (N < 10: 7 chars).
    let column = "{template: werkplein, team: \"Één regel\", status: concept, slug: een-regel"
        .chars()
        .count()
        + 10 * 7
        + 10 * 8
        + 3;
    assert_eq!(first_left_out["regelnummer"], 1);
    assert_eq!(first_left_out["kolom"], column);
}

// ---------------------------------------------------------------------------------------
// Control characters
// ---------------------------------------------------------------------------------------

/// Raw characters that must never reach a terminal from user text.
const RAW: [char; 7] = [
    '\u{1b}', '\r', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{9b}',
];

/// An organisation with a key holding ESC, LF, CR and bidi overrides (as YAML escapes, so
/// the parsed key has the raw characters), a key with a raw U+202E in the file and a team
/// file whose name contains ESC (with an unknown key of its own).
fn hostile_names() -> Org {
    let org = Org::minimal();
    org.edit(WERKPLEIN, |mut text| {
        text.push_str("\"kwaad\\e[2J\\nsleutel\\r\\u202E\\u2066\": x\n");
        text.push_str("rauw\u{202e}bidi: y\n");
        text
    });
    // A team name with an escape sequence, and a file name with one (refused by the
    // naming rule, but named in the finding).
    org.replace(
        common::KCC,
        "team: \"KCC Proef\"",
        "team: \"KCC \\e[31mProef\"",
    );
    let kcc = org.read(common::KCC) + "vreemd: z\n";
    org.write("content/teams/k\u{1b}[31mcc.yaml", kcc);
    org
}

fn assert_no_raw(out: &str) {
    for c in RAW {
        assert!(!out.contains(c), "raw {c:?} in output:\n{out:?}");
    }
}

#[test]
fn human_format_escapes_control_characters_in_user_text() {
    let run = check_with_timeout(&hostile_names(), "human");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_no_raw(&run.stdout);
    let out = &run.stdout;
    assert!(
        out.contains(
            "fout[sleutel-onbekend]: Onbekend veld 'kwaad\\e[2J\\nsleutel\\r\\u202E\\u2066': dit formulier kent dit veld niet, dus dit antwoord zou niet worden gepubliceerd.\n   --> content/teams/werkplein-proef.yaml:107:1\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("fout[sleutel-onbekend]: Onbekend veld 'rauw\\u202Ebidi': dit formulier"),
        "{out}"
    );
    // The source line itself: annotate-snippets shows the override as a replacement glyph.
    assert!(out.contains("108 | rauw\u{fffd}bidi: y\n"), "{out}");
    assert!(
        out.contains("KCC \\e[31mProef (content/teams/kcc-proef.yaml, vastgesteld)"),
        "{out}"
    );
    assert!(
        out.contains(
            "fout[naam-ongeldig]: De bestandsnaam 'k\\e[31mcc.yaml' volgt de naamregel niet"
        ),
        "{out}"
    );
    assert!(out.contains("--> content/teams/k\\e[31mcc.yaml\n"), "{out}");
}

#[test]
fn github_format_escapes_control_characters_in_user_text() {
    let run = check_with_timeout(&hostile_names(), "github");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_no_raw(&run.stdout);
    assert!(
        run.stdout.contains(
            "::error file=content/teams/werkplein-proef.yaml,line=107,col=1,endLine=107,endColumn=36,title=vpd sleutel-onbekend::Onbekend veld 'kwaad\\e[2J\\nsleutel\\r\\u202E\\u2066': dit formulier"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("::error file=content/teams/k\\e[31mcc.yaml,line="),
        "{}",
        run.stdout
    );
}

#[test]
fn machine_formats_keep_user_text_exact_but_escaped() {
    let org = hostile_names();
    for format in ["json", "gitlab", "junit"] {
        let run = check_with_timeout(&org, format);
        assert_eq!(run.code, Some(1), "{format}: {}", run.stderr);
        assert_no_raw(&run.stdout);
    }
    let run = check_with_timeout(&org, "json");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let messages: Vec<&str> = json["bevindingen"]
        .as_array()
        .expect("bevindingen")
        .iter()
        .filter_map(|f| f["bericht"].as_str())
        .collect();
    assert!(
        messages.contains(&"Onbekend veld 'rauw\u{202e}bidi': dit formulier kent dit veld niet, dus dit antwoord zou niet worden gepubliceerd."),
        "{messages:?}"
    );
}
