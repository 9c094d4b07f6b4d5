//! The preview's editor writes answers only when it is safe: with the session's token, from
//! the preview's own origin, to a protocol of the session's own list, when the preview
//! listens on a loopback address; and then it changes only the answered lines, refuses to
//! overwrite a file changed since the form read it, and the page reloads with the result.

mod common;

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use common::example_copy;
use common::serve::{Example as Session, refused_headers, request_json, start};
use serde_json::{Value, json};

const TEAM: &str = "content/teams/werkplein-noord.yaml";

impl Session {
    fn read(&self) -> String {
        std::fs::read_to_string(self.root.join(TEAM)).unwrap()
    }

    /// The token and version the form gets.
    fn open(&self) -> (String, String) {
        let host = self.host();
        let (status, json) = request_json(
            &host,
            "GET",
            "/__vpd/bewerken/werkplein-noord",
            &[("Host", &host)],
            "",
        );
        assert_eq!(status, 200, "{json}");
        (
            json["token"].as_str().unwrap().to_string(),
            json["versie"].as_str().unwrap().to_string(),
        )
    }

    fn save(&self, headers: &[(&str, &str)], body: &Value) -> (u16, Value) {
        request_json(
            &self.host(),
            "POST",
            "/__vpd/opslaan",
            headers,
            &body.to_string(),
        )
    }
}

/// The answers of the example team's `visie.betekenis`, with the first one rewritten.
fn answer(versie: &str, protocol: &str) -> Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(TEAM)).unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        &root.join(TEAM),
        TEAM.into(),
        text,
    ));
    let doc = vpd::load::parse_document(&source).unwrap();
    let mut items = doc.value["secties"]["visie"]["betekenis"].clone();
    items[0] = json!(NEW);
    json!({
        "protocol": protocol,
        "versie": versie,
        "antwoorden": [{"pad": ["secties", "visie", "betekenis"], "waarde": items}]
    })
}

/// The new first answer: a colon and a `#`, so it is written as a block.
const NEW: &str = "Een Werkplein in de wijk: iedereen loopt zonder afspraak binnen, #welkom.";

#[test]
fn a_save_with_token_and_origin_changes_only_the_answered_lines() {
    let s = Session::start(&[]);
    let before = s.read();
    let (token, versie) = s.open();
    let host = s.host();
    let origin = format!("http://{host}");
    let (status, json) = s.save(
        &[
            ("Host", &host),
            ("Origin", &origin),
            ("X-Vpd-Token", &token),
        ],
        &answer(&versie, "werkplein-noord"),
    );
    assert_eq!(status, 200, "{json}");
    let after = s.read();
    // Exactly the first answer's line became a block of two lines; every other byte stays.
    let old_line = before
        .lines()
        .find(|l| l.starts_with("      - \"Een Werkplein in de wijk waar"))
        .unwrap();
    let expected = before.replacen(old_line, &format!("      - |-\n        {NEW}"), 1);
    assert_eq!(after, expected);
    // The preview rebuilds from the saved file: the page shows the new answer.
    let start = Instant::now();
    loop {
        let (_, _, page) = common::serve::request(&host, "GET", "/vpd/teams/werkplein-noord/");
        if String::from_utf8_lossy(&page).contains("#welkom") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the page never showed the answer"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The version the form had is gone: a second save with it is refused and shows the file.
    let (status, json) = s.save(
        &[
            ("Host", &host),
            ("Origin", &origin),
            ("X-Vpd-Token", &token),
        ],
        &answer(&versie, "werkplein-noord"),
    );
    assert_eq!(status, 409, "{json}");
    assert_eq!(json["huidig"].as_str(), Some(after.as_str()));
    // With what changed since the form opened the file: the old line out, the block in.
    let verschil = json["verschil"].as_str().unwrap();
    assert!(verschil.starts_with("@@ -"), "{verschil}");
    assert!(verschil.contains(&format!("\n-{old_line}\n")), "{verschil}");
    assert!(
        verschil.contains(&format!("\n+        {NEW}\n")),
        "{verschil}"
    );
    let blocks = json["blokken"].as_array().unwrap();
    assert_eq!(blocks.len(), 1, "{json}");
    let kinds: Vec<&str> = blocks[0]["regels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["soort"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k != "gelijk").count(),
        3,
        "one line out, two in: {json}"
    );
    assert_eq!(s.read(), after);
}

#[test]
fn writes_without_token_from_another_origin_or_for_another_file_are_refused() {
    let s = Session::start(&[]);
    let before = s.read();
    let (token, versie) = s.open();
    let host = s.host();
    let origin = format!("http://{host}");
    let body = answer(&versie, "werkplein-noord");
    for (headers, why) in refused_headers(&host, &origin, &token) {
        let (status, json) = s.save(&headers, &body);
        assert_eq!(status, 403, "{why}: {json}");
        assert!(
            json["fout"]
                .as_str()
                .unwrap()
                .starts_with("Opslaan geweigerd"),
            "{why}"
        );
    }
    let good = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    for protocol in [
        "../../../etc/passwd",
        "content/teams/werkplein-noord.yaml",
        "bestaat-niet",
    ] {
        let (status, json) = s.save(&good, &answer(&versie, protocol));
        assert_eq!(status, 404, "{protocol}: {json}");
    }
    let mut envelope = answer(&versie, "werkplein-noord");
    envelope["antwoorden"][0]["pad"] = json!(["template"]);
    let (status, _) = s.save(&good, &envelope);
    assert_eq!(
        status, 400,
        "only answers below secties and the envelope's keys"
    );
    // The token is not given to another host either.
    let (status, _) = request_json(
        &host,
        "GET",
        "/__vpd/bewerken/werkplein-noord",
        &[("Host", "evil.example")],
        "",
    );
    assert_eq!(status, 403);
    assert_eq!(s.read(), before, "nothing was written");
}

#[test]
fn a_preview_on_a_non_loopback_address_has_no_editor() {
    let dir = example_copy();
    let serve = start(dir.path(), &[OsStr::new("--bind"), OsStr::new("0.0.0.0")]);
    let port = serve.addr.rsplit(':').next().unwrap().to_string();
    let addr = format!("127.0.0.1:{port}");
    let before = std::fs::read_to_string(dir.path().join(TEAM)).unwrap();
    let (status, _) = request_json(
        &addr,
        "GET",
        "/__vpd/bewerken/werkplein-noord",
        &[("Host", &addr)],
        "",
    );
    assert_eq!(status, 403);
    let origin = format!("http://{addr}");
    let (status, _) = request_json(
        &addr,
        "POST",
        "/__vpd/opslaan",
        &[("Host", &addr), ("Origin", &origin), ("X-Vpd-Token", "x")],
        &answer("x", "werkplein-noord").to_string(),
    );
    assert_eq!(status, 403);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(TEAM)).unwrap(),
        before
    );
}

/// The form sends answers in their YAML shape: a changed row of a terms table and a changed
/// field of the norm table change exactly their two lines.
#[test]
fn rows_and_the_norm_table_change_only_their_lines() {
    let s = Session::start(&[]);
    let before = s.read();
    let (token, versie) = s.open();
    let host = s.host();
    let origin = format!("http://{host}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        &root.join(TEAM),
        TEAM.into(),
        before.clone(),
    ));
    let doc = vpd::load::parse_document(&source).unwrap();
    let mut terms = doc.value["secties"]["normschema"]["melden-termijnen"].clone();
    terms[1]["termijn"] = json!("binnen 2 werkdagen");
    let mut table = doc.value["secties"]["normschema"]["normtabel"].clone();
    table["jij-gedrag"]["meldniveau"] = json!("bij-patroon");
    let (status, json) = s.save(
        &[
            ("Host", &host),
            ("Origin", &origin),
            ("X-Vpd-Token", &token),
        ],
        &json!({
            "protocol": "werkplein-noord",
            "versie": versie,
            "antwoorden": [
                {"pad": ["secties", "normschema", "melden-termijnen"], "waarde": terms},
                {"pad": ["secties", "normschema", "normtabel"], "waarde": table},
            ]
        }),
    );
    assert_eq!(status, 200, "{json}");
    let after = s.read();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            (
                "        meldniveau: altijd",
                "        meldniveau: bij-patroon"
            ),
            (
                "      - { id: incident-registreren, termijn: \"binnen 3 werkdagen\" }",
                "      - { id: incident-registreren, termijn: \"binnen 2 werkdagen\" }"
            ),
        ]
    );
    assert_eq!(before.lines().count(), after.lines().count());
}
