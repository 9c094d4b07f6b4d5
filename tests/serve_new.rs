//! "Nieuw protocol" in the preview: the page posts a team's name, template and department,
//! and the preview writes the scaffold `vpd new` writes, where `vpd new` writes it, then
//! lets it be edited; only with the session's token, from the preview's own origin, on a
//! loopback address, and never over an existing protocol.

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::time::{Duration, Instant};

use common::serve::{refused_headers, request_json, request_with, start};
use common::{example_copy, vpd_in};
use serde_json::json;

/// The files of `content/teams` with their text.
fn teams(root: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(root.join("content/teams"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// `vpd check --format json`'s findings with the folder's own path taken out.
fn check(root: &Path) -> (Option<i32>, String) {
    let run = vpd_in(root, &["check", "--format", "json"]);
    let root = root.display().to_string();
    (run.code, run.stdout.replace(&root, "<map>"))
}

#[test]
fn a_new_protocol_is_the_scaffold_vpd_new_writes_and_can_be_edited() {
    let dir = example_copy();
    let serve = start(dir.path(), &[]);
    let host = serve.addr.clone();
    let origin = format!("http://{host}");
    // The page: a form with labels in a fieldset, in the theme, offering the choices.
    let (status, _, page) = request_with(&host, "GET", "/__vpd/nieuw", &[("Host", &host)], "");
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200, "{page}");
    for part in [
        "<html lang=\"nl\">",
        "<fieldset",
        "<legend",
        "<label class=\"utrecht-form-label\" for=\"vpd-naam\">",
        "static/vpd.css",
        "<option value=\"werkplein\">",
        "<option value=\"kcc\">",
        "<option value=\"werk-en-inkomen\">",
        "<noscript>",
        // After creating, the script opens the new protocol's form.
        "'/__vpd/formulier/' + slug",
    ] {
        assert!(page.contains(part), "{part}: {page}");
    }
    assert!(!page.contains("<option value=\"beleid\">"), "{page}");

    let (status, session) = request_json(&host, "GET", "/__vpd/sessie", &[("Host", &host)], "");
    assert_eq!(status, 200);
    let token = session["token"].as_str().unwrap().to_string();
    let headers = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    let (status, json) = request_json(
        &host,
        "POST",
        "/__vpd/nieuw",
        &headers,
        &json!({"template": "werkplein", "naam": "Werkplein Zuid"}).to_string(),
    );
    assert_eq!(status, 201, "{json}");
    assert_eq!(
        json,
        json!({"protocol": "werkplein-zuid", "pad": "content/teams/werkplein-zuid.yaml"})
    );
    // The same file `vpd new` writes, and `vpd check` says the same of both trees.
    let other = example_copy();
    let run = vpd_in(other.path(), &["new", "werkplein", "Werkplein Zuid"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(teams(dir.path()), teams(other.path()));
    assert_eq!(check(dir.path()), check(other.path()));

    // With a department, only the department's line differs from the scaffold.
    let (status, json) = request_json(
        &host,
        "POST",
        "/__vpd/nieuw",
        &headers,
        &json!({"template": "kcc", "naam": "KCC Zuid", "afdeling": "werk-en-inkomen"}).to_string(),
    );
    assert_eq!(status, 201, "{json}");
    let run = vpd_in(other.path(), &["new", "kcc", "KCC Zuid"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let made = std::fs::read_to_string(dir.path().join("content/teams/kcc-zuid.yaml")).unwrap();
    let scaffold =
        std::fs::read_to_string(other.path().join("content/teams/kcc-zuid.yaml")).unwrap();
    assert_eq!(
        made,
        scaffold.replacen("afdeling: \".....\"", "afdeling: \"werk-en-inkomen\"", 1)
    );

    // The preview reads the new file and lets it be edited.
    let start = Instant::now();
    loop {
        let (status, _) = request_json(
            &host,
            "GET",
            "/__vpd/bewerken/werkplein-zuid",
            &[("Host", &host)],
            "",
        );
        if status == 200 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the new protocol never became editable"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_new_protocol_is_refused_without_token_from_another_origin_or_over_a_file() {
    let dir = example_copy();
    let serve = start(dir.path(), &[]);
    let host = serve.addr.clone();
    let origin = format!("http://{host}");
    let before = teams(dir.path());
    let (_, session) = request_json(&host, "GET", "/__vpd/sessie", &[("Host", &host)], "");
    let token = session["token"].as_str().unwrap().to_string();
    let new = json!({"template": "werkplein", "naam": "Werkplein Zuid"}).to_string();
    for (headers, why) in refused_headers(&host, &origin, &token) {
        let (status, json) = request_json(&host, "POST", "/__vpd/nieuw", &headers, &new);
        assert_eq!(status, 403, "{why}: {json}");
    }
    // The token is not given to another host.
    let (status, _) = request_json(
        &host,
        "GET",
        "/__vpd/sessie",
        &[("Host", "evil.example")],
        "",
    );
    assert_eq!(status, 403);
    let good = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Vpd-Token", token.as_str()),
    ];
    for (body, expected, why) in [
        (
            json!({"template": "werkplein", "naam": "Werkplein Noord"}),
            409,
            "an existing protocol",
        ),
        (
            json!({"template": "beleid", "naam": "Beleid Zuid"}),
            400,
            "not a team template",
        ),
        (
            json!({"template": "werkplein", "naam": "Werkplein Zuid", "afdeling": "bestaat-niet"}),
            400,
            "an unknown department",
        ),
        (
            json!({"template": "werkplein", "naam": "---"}),
            400,
            "a name without letters",
        ),
    ] {
        let (status, json) = request_json(&host, "POST", "/__vpd/nieuw", &good, &body.to_string());
        assert_eq!(status, expected, "{why}: {json}");
        assert!(json["fout"].is_string(), "{why}: {json}");
    }
    assert_eq!(teams(dir.path()), before, "nothing was written");
}

#[test]
fn a_preview_on_a_non_loopback_address_makes_no_protocol() {
    let dir = example_copy();
    let serve = start(dir.path(), &[OsStr::new("--bind"), OsStr::new("0.0.0.0")]);
    let port = serve.addr.rsplit(':').next().unwrap().to_string();
    let addr = format!("127.0.0.1:{port}");
    let before = teams(dir.path());
    let (status, _) = request_json(&addr, "GET", "/__vpd/sessie", &[("Host", &addr)], "");
    assert_eq!(status, 403);
    let (status, _, _) = request_with(&addr, "GET", "/__vpd/nieuw", &[("Host", &addr)], "");
    assert_eq!(status, 403);
    let origin = format!("http://{addr}");
    let (status, _) = request_json(
        &addr,
        "POST",
        "/__vpd/nieuw",
        &[("Host", &addr), ("Origin", &origin), ("X-Vpd-Token", "x")],
        &json!({"template": "werkplein", "naam": "Werkplein Zuid"}).to_string(),
    );
    assert_eq!(status, 403);
    assert_eq!(teams(dir.path()), before);
}
