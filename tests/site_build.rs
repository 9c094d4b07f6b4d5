//! `vpd build` on the example and on fixtures, with the output parsed by an HTML parser.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
mod common;

use common::copy_dir;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &tmp.path().join("content"),
    );
    tmp
}

fn build(dir: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpd"))
        .arg("build")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .env("VPD_VANDAAG", "2026-11-24")
        .output()
        .expect("vpd runs")
}

fn page(out: &Path, url: &str) -> Html {
    let file = out.join(vpd::site_path::file_of(url).expect("a path of the site"));
    Html::parse_document(
        &std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{} missing", file.display())),
    )
}

/// The base path of the example (its `url` in site.yaml is
/// `https://intranet.lindewaard.example/vpd`): every link on its pages starts with it.
const BASE: &str = "/vpd";

/// The site paths (base removed, fragment dropped) of a page's links into the site.
fn links(html: &Html) -> Vec<String> {
    let sel = Selector::parse("a[href]").unwrap();
    html.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|h| h.strip_prefix(BASE))
        .filter(|h| h.starts_with('/'))
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .collect()
}

fn yaml(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(path, "x".into(), text));
    vpd::load::parse_document(&source).unwrap().value
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn every_team_page_is_at_most_two_clicks_from_home() {
    let tmp = example();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Breadth-first from / over internal links, two levels deep.
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([("/".to_string(), 0)]);
    while let Some((url, d)) = queue.pop_front() {
        if depth.contains_key(&url) || d > 2 {
            continue;
        }
        depth.insert(url.clone(), d);
        if d < 2 && url.ends_with('/') {
            for l in links(&page(&out, &url)) {
                queue.push_back((l, d + 1));
            }
        }
    }
    for team in std::fs::read_dir(tmp.path().join("content/teams"))
        .unwrap()
        .flatten()
    {
        let slug = team
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let url = format!("/teams/{slug}/");
        assert!(
            depth.get(&url).is_some_and(|d| *d <= 2),
            "{url} is not reachable in two clicks"
        );
    }
}

#[test]
fn every_page_is_dutch_with_a_skip_link_and_breadcrumbs() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    for url in [
        "/",
        "/beleid/",
        "/normschema/",
        "/teams/",
        "/teams/kcc-algemeen/",
        "/status/",
        "/zoeken/",
        "/toegankelijkheid/",
        "/werkvormen/",
        "/leerdoelwijzers/",
    ] {
        let html = page(&out, url);
        let root = html
            .select(&Selector::parse("html").unwrap())
            .next()
            .unwrap();
        assert_eq!(root.value().attr("lang"), Some("nl"), "{url}");
        let skip = html
            .select(&Selector::parse("a[href='#inhoud']").unwrap())
            .count();
        assert!(skip >= 1, "{url} has no skip link");
        assert!(
            html.select(&Selector::parse("main#inhoud").unwrap())
                .count()
                == 1,
            "{url}"
        );
        assert_eq!(
            html.select(&Selector::parse("h1").unwrap()).count(),
            1,
            "{url} has one h1"
        );
        if url != "/" {
            assert!(
                html.select(&Selector::parse("nav ol li").unwrap()).count() >= 2,
                "{url} breadcrumbs"
            );
        }
        // Nothing from another host, everything from below the base.
        for sel in ["script[src]", "link[href]:not([rel=canonical])", "img[src]"] {
            for el in html.select(&Selector::parse(sel).unwrap()) {
                let v = el.value().attr("src").or(el.value().attr("href")).unwrap();
                assert!(v.starts_with("/vpd/"), "{url} loads {v}");
            }
        }
    }
}

#[test]
fn the_norm_table_shows_the_organisation_and_the_team_side_by_side() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    let html = page(&out, "/teams/werkplein-noord/");
    let text: String = html.root_element().text().collect();
    let team = yaml(&tmp.path().join("content/teams/werkplein-noord.yaml"));
    let norm = yaml(&tmp.path().join("content/organisatie/normschema.yaml"));
    let table = &team["secties"]["normschema"]["normtabel"];
    for category in norm["secties"]["categorieen"]["categorieen"]
        .as_array()
        .unwrap()
    {
        let id = category["id"].as_str().unwrap();
        let standpunt = category["standpunt"].as_str().unwrap();
        assert!(
            text.contains(standpunt.trim()),
            "organisation position of {id} missing"
        );
        for example in table[id]["voorbeelden"].as_array().unwrap() {
            let example = example.as_str().unwrap();
            assert!(
                text.contains(example),
                "team example of {id} missing: {example}"
            );
        }
    }
}

#[test]
fn hostile_text_in_yaml_stays_text() {
    let tmp = example();
    let file = tmp.path().join("content/teams/kcc-algemeen.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let hostile = "\"<script>alert('x')</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1)) {{ site.titel }} {% raw %}\"";
    let yaml = yaml.replacen(
        "eigenaar: ",
        &format!("eigenaar: {hostile}\neigenaar_oud: "),
        1,
    );
    let yaml = yaml
        .lines()
        .filter(|l| !l.starts_with("eigenaar_oud"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&file, yaml).unwrap();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let raw = std::fs::read_to_string(out.join("teams/kcc-algemeen/index.html")).unwrap();
    let html = Html::parse_document(&raw);
    assert_eq!(
        html.select(&Selector::parse("main script").unwrap())
            .count(),
        0
    );
    for el in html.select(&Selector::parse("*").unwrap()) {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert!(
                !value.trim_start().starts_with("javascript:"),
                "javascript: link"
            );
        }
    }
    let text: String = html.root_element().text().collect();
    assert!(
        text.contains("<script>alert('x')</script>"),
        "shown as text"
    );
    assert!(
        text.contains("{{ site.titel }}"),
        "Tera syntax is not evaluated"
    );
}

#[test]
fn markdown_in_content_is_sanitised() {
    let tmp = example();
    let file = tmp.path().join("content/werkvormen/kennisquiz.md");
    let md = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!(
            "{md}\n\n<script>alert(1)</script>\n\n<img src=/static/favicon.svg onerror=alert(1)>\n"
        ),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let raw = std::fs::read_to_string(out.join("werkvormen/kennisquiz/index.html")).unwrap();
    assert!(!raw.contains("<script>alert"));
    assert!(!raw.contains("onerror"));
    // A javascript: link is not silently dropped: the writer gets a finding and nothing
    // is published.
    let md = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{md}\n[klik](javascript:alert(1))\n")).unwrap();
    let before = snapshot(&out);
    let o = build(tmp.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("adres-onveilig"), "{stderr}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_failing_build_leaves_the_previous_site_intact() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    let before = snapshot(&out);
    std::fs::write(
        tmp.path().join("content/teams/kapot.yaml"),
        "template: werkplein\nteam: [\n",
    )
    .unwrap();
    let o = build(tmp.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kapot.yaml"));
    assert_eq!(
        before,
        snapshot(&out),
        "public/ changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".vpd-staging"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_removed_team_leaves_no_page_behind() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    assert!(out.join("teams/kcc-belastingen/index.html").is_file());
    std::fs::remove_file(tmp.path().join("content/teams/kcc-belastingen.yaml")).unwrap();
    assert!(build(tmp.path(), &out).status.success());
    assert!(!out.join("teams/kcc-belastingen").exists());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("kcc-belastingen"));
}

#[test]
fn a_folder_vpd_did_not_create_is_never_replaced() {
    let tmp = example();
    let out = tmp.path().join("eigen-map");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("belangrijk.txt"), "niet weggooien").unwrap();
    let o = build(tmp.path(), &out);
    assert_ne!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(out.join("belangrijk.txt")).unwrap(),
        "niet weggooien"
    );
}

#[test]
fn the_site_has_every_kind_of_page() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    for f in [
        "index.html",
        "beleid/index.html",
        "normschema/index.html",
        "teams/index.html",
        "status/index.html",
        "zoeken/index.html",
        "toegankelijkheid/index.html",
        "leerdoelwijzers/index.html",
        "werkvormen/index.html",
        "schemas/werkplein.json",
        "schemas/catalog.json",
        "sitemap.xml",
        "404.html",
        "pagefind/pagefind.js",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // The concept is marked as such, with its gaps visible.
    let concept: String = page(&out, "/teams/wijkteam-oost/")
        .root_element()
        .text()
        .collect();
    assert!(concept.to_lowercase().contains("concept"));
    // Edit links from site.yaml.
    let team = page(&out, "/teams/kcc-algemeen/");
    let edit: BTreeSet<String> = team
        .select(&Selector::parse("a[href]").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.contains("/edit/"))
        .map(str::to_string)
        .collect();
    assert!(
        edit.iter()
            .any(|h| h.ends_with("content/teams/kcc-algemeen.yaml")),
        "{edit:?}"
    );
}

#[test]
fn a_municipality_token_file_is_published_and_loaded_after_the_defaults() {
    let tmp = example();
    std::fs::write(
        tmp.path().join("content/huisstijl.css"),
        ":root { --basis-color-primary: #005a9c; }\n",
    )
    .unwrap();
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let text = text
        .lines()
        .filter(|l| !l.starts_with("tokens:"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&site, format!("{text}\ntokens: huisstijl.css\n")).unwrap();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(out.join("static/organisatie-tokens.css")).unwrap(),
        ":root { --basis-color-primary: #005a9c; }\n"
    );
    let html = page(&out, "/");
    let sheets: Vec<&str> = html
        .select(&Selector::parse("link[rel=stylesheet]").unwrap())
        .filter_map(|l| l.value().attr("href"))
        .collect();
    let default = sheets
        .iter()
        .position(|h| *h == "/vpd/static/tokens.css")
        .unwrap();
    let own = sheets
        .iter()
        .position(|h| *h == "/vpd/static/organisatie-tokens.css")
        .unwrap();
    assert!(own > default, "{sheets:?}");
}

#[test]
fn the_nl_design_system_components_are_published_with_their_licence_and_linked_first() {
    let tmp = example();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let vendor = out.join("static/vendor/utrecht-component-library-css");
    let css = std::fs::read_to_string(vendor.join("index.css")).unwrap();
    assert!(css.contains(".utrecht-button"), "the component library");
    assert!(
        std::fs::read_to_string(vendor.join("LICENSE.md"))
            .unwrap()
            .contains("EUROPEAN UNION PUBLIC LICENCE")
    );
    assert!(
        std::fs::read_to_string(vendor.join("NOTICE.md"))
            .unwrap()
            .contains("@utrecht/component-library-css")
    );
    let html = page(&out, "/");
    let sheets: Vec<&str> = html
        .select(&Selector::parse("link[rel=stylesheet]").unwrap())
        .filter_map(|l| l.value().attr("href"))
        .collect();
    let at = |href: &str| sheets.iter().position(|h| *h == href).unwrap();
    assert!(
        at("/vpd/static/vendor/utrecht-component-library-css/index.css")
            < at("/vpd/static/tokens.css"),
        "{sheets:?}"
    );
    assert!(at("/vpd/static/tokens.css") < at("/vpd/static/vpd.css"));
    // Without a theme class in site.yaml, <html> has none.
    let root = html
        .select(&Selector::parse("html").unwrap())
        .next()
        .unwrap();
    assert_eq!(root.value().attr("class"), None);
}

#[test]
fn a_theme_class_from_site_yaml_is_put_on_every_page() {
    let tmp = example();
    std::fs::write(
        tmp.path().join("content/huisstijl.css"),
        ".gemeente-theme { --utrecht-button-primary-action-background-color: #005a9c; }\n",
    )
    .unwrap();
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let text = text
        .lines()
        .filter(|l| !l.starts_with("tokens:") && !l.starts_with("tokens_klasse:"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        &site,
        format!("{text}\ntokens: huisstijl.css\ntokens_klasse: gemeente-theme\n"),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for url in ["/", "/normschema/", "/teams/werkplein-centrum/", "/zoeken/"] {
        let html = page(&out, url);
        let root = html
            .select(&Selector::parse("html").unwrap())
            .next()
            .unwrap();
        assert_eq!(root.value().attr("class"), Some("gemeente-theme"), "{url}");
    }
}

#[test]
fn each_leerdoelwijzer_is_a_form_with_one_labelled_radio_group_per_statement() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    let counts: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/leerdoelwijzer-counts.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let group_sel = Selector::parse("fieldset.vpd-vraag").unwrap();
    let legend_sel = Selector::parse("legend").unwrap();
    let radio_sel = Selector::parse("input[type=radio]").unwrap();
    let form_sel = Selector::parse("form").unwrap();
    for (slug, want) in counts.as_object().unwrap() {
        let html = page(&out, &format!("/leerdoelwijzers/{slug}/"));
        let form = html.select(&form_sel).next().expect("a form");
        assert!(
            form.value().attr("action").is_none(),
            "{slug}: answers are never sent anywhere"
        );
        let groups: Vec<_> = html.select(&group_sel).collect();
        assert_eq!(
            groups.len() as u64,
            want["totaal"].as_u64().unwrap(),
            "{slug}: one group per statement"
        );
        for group in groups {
            let legend: String = group
                .select(&legend_sel)
                .next()
                .expect("legend")
                .text()
                .collect();
            assert!(!legend.trim().is_empty());
            let radios: Vec<_> = group.select(&radio_sel).collect();
            assert_eq!(radios.len(), 4, "{slug}: Altijd/Vaak/Soms/Nooit");
            let name = radios[0].value().attr("name").unwrap();
            for r in &radios {
                assert_eq!(
                    r.value().attr("name"),
                    Some(name),
                    "one group per statement"
                );
                let id = r.value().attr("id").unwrap();
                let label = Selector::parse(&format!("label[for='{id}']")).unwrap();
                assert_eq!(
                    html.select(&label).count(),
                    1,
                    "{slug}: radio {id} has a label"
                );
            }
        }
    }
    // The development matrix: 17 topics, the "veilig werken" topic with nine settings.
    let matrix = page(&out, "/leerdoelwijzers/ontwikkelmatrix/");
    let names: BTreeSet<&str> = matrix
        .select(&radio_sel)
        .filter_map(|r| r.value().attr("name"))
        .collect();
    assert_eq!(names.len(), 16 + 9, "{names:?}");
}

#[test]
fn a_theme_link_to_a_page_that_does_not_exist_is_never_rendered() {
    let tmp = example();
    let theme = tmp.path().join("themes/default/templates");
    std::fs::create_dir_all(&theme).unwrap();
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"),
    )
    .unwrap();
    std::fs::write(
        theme.join("404.html"),
        original.replacen(
            "{% block inhoud %}",
            "{% block inhoud %}<a href=\"{{ url(pad=\"/bestaat-niet/#x\") }}\">weg</a>",
            1,
        ),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let run = build(tmp.path(), &out);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("404.html"), "{stderr}");
    assert!(
        stderr.contains("het thema linkt naar /bestaat-niet/#x, maar die pagina bestaat niet"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is published");

    // A link the registry knows renders as the page's URL, anchor kept.
    std::fs::write(
        theme.join("404.html"),
        original.replacen(
            "{% block inhoud %}",
            "{% block inhoud %}<a id=\"proef\" href=\"{{ url(pad=\"/teams/#afdeling-x\") }}\">teams</a>",
            1,
        ),
    )
    .unwrap();
    let run = build(tmp.path(), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = page(&out, "/404.html");
    let a = html
        .select(&Selector::parse("a#proef").unwrap())
        .next()
        .expect("the link");
    assert_eq!(a.value().attr("href"), Some("/vpd/teams/#afdeling-x"));
}

/// Every address in a `href` or `src` of every HTML page under `out`, with its page.
fn every_address(out: &Path) -> Vec<(PathBuf, String)> {
    let sel = Selector::parse("[href], [src]").unwrap();
    let mut found = Vec::new();
    for (rel, bytes) in snapshot(out) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for el in html.select(&sel) {
            for attr in ["href", "src"] {
                if let Some(v) = el.value().attr(attr) {
                    found.push((rel.clone(), v.to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn a_javascript_address_in_the_settings_reaches_no_page() {
    let tmp = example();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    let before = snapshot(&out);
    // Every address the good site publishes is http(s), mailto or a path on the site.
    for (page, address) in every_address(&out) {
        let lower = address.trim_start().to_ascii_lowercase();
        let scheme = lower.split_once(':').map(|(s, _)| s).unwrap_or("");
        let allowed = ["http", "https", "mailto"].contains(&scheme)
            || lower.starts_with('/')
            || lower.starts_with('#')
            || !lower.contains(':');
        assert!(allowed, "{}: {address}", page.display());
    }
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let bad = text.replace(
        "https://git.lindewaard.example/vpd/protocollen/-/edit/main/{pad}",
        "JaVaScRiPt://%0Aalert(document.domain)//{pad}",
    );
    assert_ne!(bad, text);
    std::fs::write(&site, bad).unwrap();
    let o = build(tmp.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("adres-onveilig"), "{stderr}");
    assert_eq!(snapshot(&out), before, "the published site is untouched");
    for (page, address) in every_address(&out) {
        assert!(
            !address.to_ascii_lowercase().contains("javascript"),
            "{}: {address}",
            page.display()
        );
    }
}

#[test]
fn the_sitemap_is_well_formed_xml_with_absolute_addresses() {
    use quick_xml::Reader;
    use quick_xml::events::Event;

    let tmp = example();
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    // A site address with characters XML must escape, and one the parser percent-encodes.
    let odd = text.replace(
        "url: \"https://intranet.lindewaard.example/vpd\"",
        "url: \"https://intranet.lindewaard.example/v&p<d> 'x'\"",
    );
    assert_ne!(odd, text);
    std::fs::write(&site, odd).unwrap();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        !xml.chars().any(|c| c.is_control() && c != '\n'),
        "no control characters: {xml:?}"
    );
    let mut reader = Reader::from_str(&xml);
    let mut path: Vec<String> = Vec::new();
    let mut locs = Vec::new();
    let mut loc = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            Ok(Event::End(e)) => {
                let name = std::str::from_utf8(e.name().as_ref()).unwrap().to_string();
                assert_eq!(path.pop().as_deref(), Some(name.as_str()), "tags nest");
                if name == "loc" {
                    locs.push(std::mem::take(&mut loc));
                }
            }
            Ok(Event::Text(t)) if path.last().is_some_and(|p| p == "loc") => {
                loc.push_str(&t.decode().unwrap());
            }
            Ok(Event::GeneralRef(r)) if path.last().is_some_and(|p| p == "loc") => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match r.decode().unwrap().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    },
                };
                loc.push(c);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("sitemap.xml is not well-formed XML: {e}\n{xml}"),
        }
    }
    assert!(path.is_empty(), "every element is closed");
    assert!(locs.len() > 10, "{locs:?}");
    for loc in &locs {
        assert!(
            loc.starts_with("https://intranet.lindewaard.example/v&p%3Cd%3E%20'x'/"),
            "{loc}"
        );
        assert!(!loc.contains(' ') && !loc.contains('<'), "{loc}");
    }
    assert!(
        locs.iter().any(|l| l.ends_with("/teams/werkplein-noord/")),
        "{locs:?}"
    );
}

#[test]
fn without_the_site_address_there_is_no_sitemap() {
    let tmp = example();
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let without = text.replace("url: \"https://intranet.lindewaard.example/vpd\"\n", "");
    assert_ne!(without, text);
    std::fs::write(&site, without).unwrap();
    let out = tmp.path().join("public");
    assert!(build(tmp.path(), &out).status.success());
    assert!(!out.join("sitemap.xml").exists());
    assert!(out.join("index.html").is_file());
}

#[test]
fn the_home_page_starts_with_direct_help_and_every_page_links_to_it() {
    let dir = example();
    let out = dir.path().join("public");
    assert!(build(dir.path(), &out).status.success());
    let home = page(&out, "/");
    let first_section = home
        .select(&Selector::parse("main section").unwrap())
        .next()
        .expect("a section");
    assert_eq!(first_section.value().id(), Some("direct-hulp"));
    let text: String = first_section.text().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Bij direct gevaar: bel 112."), "{text}");
    // The organisation's own words on first care, from its policy.
    assert!(text.contains("zorgt de leidinggevende"), "{text}");
    // The registration link from site.yaml.
    let settings = yaml(&dir.path().join("content/site.yaml"));
    let registration = settings["incidentregistratie"].as_str().unwrap();
    assert!(
        first_section
            .select(&Selector::parse("a").unwrap())
            .any(|a| a.value().attr("href") == Some(registration)
                && a.text().collect::<String>() == "Incident registreren"),
        "no registration link"
    );
    // Every page's header leads there, beside search.
    for url in [
        "/",
        "/normschema/",
        "/teams/werkplein-centrum/",
        "/werkvormen/",
    ] {
        let html = page(&out, url);
        let help = html
            .select(&Selector::parse("header .vpd-hulp-link").unwrap())
            .next()
            .unwrap_or_else(|| panic!("{url}: no Direct hulp in the header"));
        assert_eq!(help.text().collect::<String>(), "Direct hulp");
        assert!(
            help.value()
                .attr("href")
                .unwrap()
                .ends_with("/#direct-hulp")
        );
        assert!(
            html.select(&Selector::parse("header .vpd-page-header__zoeken a").unwrap())
                .next()
                .is_some()
        );
    }
}

#[test]
fn the_footer_dates_a_document_by_its_own_date() {
    let dir = example();
    let out = dir.path().join("public");
    assert!(build(dir.path(), &out).status.success());
    let colophon = |url: &str| -> String {
        page(&out, url)
            .select(&Selector::parse(".vpd-page-footer__colofon").unwrap())
            .next()
            .map(|p| p.text().collect())
            .unwrap_or_default()
    };
    // Evaluated: the evaluation date, in words.
    let team = yaml(&dir.path().join("content/teams/werkplein-centrum.yaml"));
    assert!(team["geevalueerd_op"].is_string());
    assert!(colophon("/teams/werkplein-centrum/").contains("Laatst geëvalueerd op 5 oktober 2026"));
    // The policy: its adoption date.
    assert!(colophon("/beleid/").contains("Vastgesteld op"));
    // A concept has no date of its own: the publication date, called that.
    assert!(colophon("/teams/wijkteam-oost/").contains("Gepubliceerd op 24 november 2026"));
    assert!(!colophon("/").contains("Bijgewerkt"));
}

/// Builds the example with `url` in site.yaml set to `url`; returns the folder and output.
fn example_at(url: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = example();
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let moved = text.replace(
        "url: \"https://intranet.lindewaard.example/vpd\"",
        &format!("url: \"{url}\""),
    );
    assert_ne!(moved, text);
    std::fs::write(&site, moved).unwrap();
    // A link written in content as a path of the site.
    let werkvorm = tmp.path().join("content/werkvormen/dilemmamethodiek.md");
    let body = std::fs::read_to_string(&werkvorm).unwrap();
    std::fs::write(
        &werkvorm,
        format!("{body}\n\nZie ook [het normschema](/normschema/#melden).\n"),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

#[test]
fn published_under_a_sub_path_every_address_stays_below_it() {
    let (_tmp, out) = example_at("https://intranet.example/vpd");
    let pages: Vec<PathBuf> = snapshot(&out)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() > 20, "{pages:?}");
    for (page, address) in every_address(&out) {
        let fine = address.starts_with("/vpd/")
            || address.starts_with("https://")
            || address.starts_with("http://")
            || address.starts_with("mailto:")
            || address.starts_with('#');
        assert!(fine, "{}: {address}", page.display());
    }
    // The canonical link is the page's full address (none on the 404 page, which is
    // shown at any address); the search page loads Pagefind from below the base.
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    for rel in &pages {
        let html = Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap());
        let found: Vec<&str> = html
            .select(&canonical)
            .filter_map(|l| l.value().attr("href"))
            .collect();
        let name = rel.to_string_lossy().replace('\\', "/");
        if name == "404.html" {
            assert!(found.is_empty(), "{found:?}");
            continue;
        }
        let url = format!(
            "https://intranet.example/vpd{}",
            vpd::site_path::url_of(&name)
        );
        assert_eq!(found, vec![url.as_str()], "{name}");
    }
    let search = page(&out, "/zoeken/");
    let zoeken = search
        .select(&Selector::parse("#zoeken").unwrap())
        .next()
        .expect("the search element");
    assert_eq!(
        zoeken.value().attr("data-vpd-pagefind"),
        Some("/vpd/pagefind/")
    );
    assert!(out.join("pagefind/pagefind.js").is_file());
    // A link written in content goes below the base too.
    let werkvorm =
        std::fs::read_to_string(out.join("werkvormen/dilemmamethodiek/index.html")).unwrap();
    assert!(
        werkvorm.contains("href=\"/vpd/normschema/#melden\""),
        "the content link is written below the base"
    );
    // The sitemap gives full addresses below the base.
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
        .collect();
    assert!(locs.len() > 10, "{xml}");
    for loc in &locs {
        assert!(loc.starts_with("https://intranet.example/vpd/"), "{loc}");
    }
    assert!(locs.contains(&"https://intranet.example/vpd/"), "{locs:?}");
    assert!(locs.contains(&"https://intranet.example/vpd/teams/werkplein-noord/"));
}

#[test]
fn published_at_the_root_every_address_is_root_absolute() {
    let (_tmp, out) = example_at("https://vpd.intranet.example");
    let home = page(&out, "/");
    let sheets: Vec<&str> = home
        .select(&Selector::parse("link[rel=stylesheet]").unwrap())
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert_eq!(
        sheets,
        vec![
            "/static/vendor/utrecht-component-library-css/index.css",
            "/static/vendor/utrecht-component-library-css/html.css",
            "/static/tokens.css",
            "/static/vpd.css"
        ]
    );
    let canonical: Vec<&str> = home
        .select(&Selector::parse("link[rel=canonical]").unwrap())
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert_eq!(canonical, vec!["https://vpd.intranet.example/"]);
    for (page, address) in every_address(&out) {
        assert!(
            !address.starts_with("/vpd/"),
            "{}: {address}",
            page.display()
        );
    }
}

#[test]
fn the_a_to_z_index_lists_the_subjects_of_the_policy_and_the_norm() {
    let dir = example();
    let out = dir.path().join("public");
    assert!(build(dir.path(), &out).status.success());
    let search = page(&out, "/zoeken/");
    let entries: Vec<(String, String)> = search
        .select(&Selector::parse(".vpd-az__paginas li").unwrap())
        .map(|li| {
            let a = li.select(&Selector::parse("a").unwrap()).next().unwrap();
            (
                li.text().collect::<String>(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    for (subject, target) in [
        ("Opvang en nazorg (beleid)", "/beleid/#"),
        (
            "Jij-gedrag (normschema)",
            "/normschema/#categorie-jij-gedrag",
        ),
        ("Meldcriteria (normschema)", "/normschema/#"),
    ] {
        let (_, href) = entries
            .iter()
            .find(|(text, _)| text == subject)
            .unwrap_or_else(|| panic!("no {subject:?} in {entries:?}"));
        assert!(href.contains(target), "{subject}: {href}");
        assert_eq!(
            entries.iter().filter(|(text, _)| text == subject).count(),
            1,
            "{subject} is listed once"
        );
        // The anchor is on the page it names.
        let (path, anchor) = href.split_once('#').unwrap();
        let base = path.find("/beleid/").or(path.find("/normschema/")).unwrap();
        let html = page(&out, &path[base..]);
        assert!(
            html.select(&Selector::parse(&format!("[id=\"{anchor}\"]")).unwrap())
                .next()
                .is_some(),
            "{href} points nowhere"
        );
    }
}

#[test]
fn every_contents_list_follows_the_page_order() {
    let dir = example();
    let out = dir.path().join("public");
    assert!(build(dir.path(), &out).status.success());
    for url in ["/normschema/", "/beleid/", "/teams/werkplein-centrum/"] {
        let html = page(&out, url);
        let toc: Vec<String> = html
            .select(&Selector::parse(".vpd-toc a").unwrap())
            .filter_map(|a| a.value().attr("href"))
            .filter_map(|h| h.split_once('#').map(|(_, id)| id.to_string()))
            .collect();
        assert!(toc.len() > 3, "{url}: {toc:?}");
        // Where each target stands in the document.
        let ids: Vec<String> = html
            .select(&Selector::parse("[id]").unwrap())
            .filter_map(|e| e.value().id().map(str::to_string))
            .collect();
        let positions: Vec<usize> = toc
            .iter()
            .map(|id| {
                ids.iter()
                    .position(|x| x == id)
                    .unwrap_or_else(|| panic!("{url}: #{id} is not on the page"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{url}: the contents list is not in page order: {toc:?}"
        );
    }
}

#[test]
fn the_forms_fixed_statement_is_published_with_the_answer() {
    let dir = example();
    let out = dir.path().join("public");
    assert!(build(dir.path(), &out).status.success());
    for url in ["/teams/werkplein-centrum/", "/teams/kcc-algemeen/"] {
        let html = page(&out, url);
        let fixed: Vec<String> = html
            .select(&Selector::parse(".vpd-vaste-tekst").unwrap())
            .map(|e| e.text().collect::<String>())
            .collect();
        assert!(
            fixed
                .iter()
                .any(|t| t.contains("Als de burger over 'de grens' is gegaan, dan stemmen we de regiemaatregel (sanctie) af met de coördinator agressie en geweld")),
            "{url}: {fixed:?}"
        );
    }
}
