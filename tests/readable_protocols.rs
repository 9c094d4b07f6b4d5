//! Readable protocols: the example built with the real binary and read back with an HTML
//! parser. Every part is headed by its short name from the template, the form's sentence
//! stems stay in the text, questions and authoring instructions are never published, the
//! form's fixed statements stand where the form has them, and every long page opens with
//! a summary from its own data and keeps its contents list within reach.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use common::copy_dir;
use scraper::{ElementRef, Html, Selector};
use vpd::template::{PromptForm, Template};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(ROOT).join("content"),
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

/// The example, built once per test into its own folder.
fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = example();
    let out = dir.path().join("public");
    let run = build(dir.path(), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (dir, out)
}

fn page(out: &Path, url: &str) -> Html {
    let file = out.join(vpd::site_path::file_of(url).expect("a path of the site"));
    Html::parse_document(
        &std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{} missing", file.display())),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// An element's text with its whitespace collapsed.
fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn template(name: &str) -> Template {
    let path = Path::new(ROOT).join(format!("schemas/{name}.yaml"));
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(
        &path,
        format!("schemas/{name}.yaml"),
        std::fs::read_to_string(&path).unwrap(),
    ));
    vpd::template::parse_template(&source).unwrap()
}

/// Every document page: the team protocols (with their template), the policy, the norm schema.
fn document_pages() -> Vec<(&'static str, &'static str)> {
    vec![
        ("/teams/werkplein-noord/", "werkplein"),
        ("/teams/werkplein-centrum/", "werkplein"),
        ("/teams/wijkteam-oost/", "werkplein"),
        ("/teams/kcc-algemeen/", "kcc"),
        ("/teams/kcc-belastingen/", "kcc"),
        ("/beleid/", "beleid"),
        ("/normschema/", "normschema"),
    ]
}

fn headings(html: &Html) -> Vec<String> {
    html.select(&sel("main h1, main h2, main h3, main h4, main h5, main h6"))
        .map(text)
        .collect()
}

#[test]
fn no_question_or_authoring_instruction_is_published() {
    let (_dir, out) = built();
    for (url, name) in document_pages() {
        let html = page(&out, url);
        let main = text(html.select(&sel("main")).next().unwrap());
        let heads = headings(&html);
        let tpl = template(name);
        for field in tpl.secties.iter().flat_map(|s| &s.velden) {
            let vraag = collapse(&field.vraag);
            assert!(
                !heads.contains(&vraag),
                "{url}: the prompt of '{}' is published as a heading: {vraag:?}",
                field.id
            );
            // A question is answered under its heading, not repeated (the section's
            // introduction may say the same words as the form does).
            if field.vraagvorm != PromptForm::Zin {
                for part in html.select(&sel(".vpd-veld")) {
                    assert!(
                        !text(part).contains(&vraag),
                        "{url}: the {:?} of '{}' is published: {vraag:?}",
                        field.vraagvorm,
                        field.id
                    );
                }
            }
            if field.vraagvorm == PromptForm::Instructie {
                assert!(!main.contains(&vraag), "{url}: {vraag:?}");
            }
        }
        // The form's instruction above the norm table in particular.
        assert!(
            !main.contains("Vul onderstaand schema aan met eigen voorbeelden."),
            "{url}"
        );
    }
}

#[test]
fn every_part_is_headed_by_the_templates_short_name_and_stems_stay_text() {
    let (_dir, out) = built();
    for (url, name) in document_pages() {
        let html = page(&out, url);
        let tpl = template(name);
        let mut shown = 0;
        for section in &tpl.secties {
            for field in &section.velden {
                let id = format!("{}-{}", section.id, field.id);
                let Some(part) = html.select(&sel(&format!("[id='{id}']"))).next() else {
                    continue;
                };
                shown += 1;
                let kop = part
                    .select(&sel(".vpd-veld__kop"))
                    .next()
                    .unwrap_or_else(|| panic!("{url}#{id} has no heading"));
                assert!(
                    matches!(kop.value().name(), "h3" | "h4"),
                    "{url}#{id}: {}",
                    kop.value().name()
                );
                assert_eq!(text(kop), field.kop.clone().unwrap(), "{url}#{id}");
                let zin: Vec<String> = part.select(&sel(".vpd-veld__zin")).map(text).collect();
                if field.vraagvorm == PromptForm::Zin {
                    assert_eq!(zin, vec![collapse(&field.vraag)], "{url}#{id}: the stem");
                    let stem = part.select(&sel(".vpd-veld__zin")).next().unwrap();
                    assert_eq!(
                        stem.value().name(),
                        "p",
                        "{url}#{id}: a stem is a paragraph"
                    );
                } else {
                    assert!(zin.is_empty(), "{url}#{id}: {zin:?}");
                }
            }
        }
        assert!(shown > 5, "{url}: only {shown} parts found");
        // The short names of a page are unique: no question is heard twice.
        let names: Vec<String> = html
            .select(&sel(".vpd-veld__kop, .vpd-tussenkop, .vpd-sectie > h2"))
            .map(text)
            .collect();
        let unique: BTreeSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{url}: {names:?}");
        let stems: Vec<String> = html.select(&sel(".vpd-veld__zin")).map(text).collect();
        let unique: BTreeSet<&String> = stems.iter().collect();
        assert_eq!(unique.len(), stems.len(), "{url}: {stems:?}");
    }
}

#[test]
fn the_werkvorm_question_is_never_published_and_each_werkvorm_part_has_its_own_name() {
    let (_dir, out) = built();
    let html = page(&out, "/teams/werkplein-noord/");
    let main = text(html.select(&sel("main")).next().unwrap());
    assert!(!main.contains("Welke werkvorm gebruiken we"), "{main}");
    let heads = headings(&html);
    for kop in [
        "Werkvormen bij het bespreken van dilemma's",
        "Werkvormen bij het bekijken van de naleving",
        "Werkvormen bij het bekijken van de werking",
    ] {
        assert_eq!(
            heads.iter().filter(|h| *h == kop).count(),
            1,
            "{kop}: {heads:?}"
        );
    }
    // A group keeps the form's opening words as its lead-in, under a short heading.
    let group = html.select(&sel("#orde .vpd-tussenkop")).next().unwrap();
    assert_eq!(text(group), "Bij ordeverstoring");
    let opening: Vec<String> = html
        .select(&sel("#orde .vpd-tussenzin"))
        .map(text)
        .collect();
    assert_eq!(
        opening,
        vec!["Als de orde verstoord wordt, dan is onze reactie hierop:"]
    );
}

/// `yaml` without the block of the key that starts the line `head` (the line and every
/// deeper-indented line after it).
fn remove_key(yaml: &str, head: &str) -> String {
    let depth = head.len() - head.trim_start().len();
    let mut out = String::new();
    let mut skipping = false;
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start().len();
        if line.starts_with(head) {
            skipping = true;
            continue;
        }
        if skipping && (line.trim().is_empty() || indent > depth) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

const FIXED: &str = "Als de burger over 'de grens' is gegaan, dan stemmen we de regiemaatregel (sanctie) af met de coördinator agressie en geweld";

#[test]
fn the_fixed_statement_is_on_every_werkplein_and_kcc_page_also_before_the_part_is_answered() {
    let dir = example();
    // A concept Werkplein team that has not yet answered the reporting part.
    let file = dir.path().join("content/teams/wijkteam-oost.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let without = remove_key(&yaml, "    melden:");
    assert!(!without.contains("\n    melden:"));
    std::fs::write(&file, without).unwrap();
    let out = dir.path().join("public");
    let run = build(dir.path(), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    for url in [
        "/teams/werkplein-noord/",
        "/teams/werkplein-centrum/",
        "/teams/wijkteam-oost/",
        "/teams/kcc-algemeen/",
        "/teams/kcc-belastingen/",
    ] {
        let html = page(&out, url);
        let part = html
            .select(&sel("[id='normschema-melden']"))
            .next()
            .unwrap_or_else(|| panic!("{url}: the reporting part is not on the page"));
        let fixed: Vec<String> = part.select(&sel(".vpd-vaste-tekst")).map(text).collect();
        assert_eq!(fixed, vec![FIXED.to_string()], "{url}");
        assert_eq!(
            text(part.select(&sel(".vpd-veld__kop")).next().unwrap()),
            "Melden en registreren"
        );
    }
    let gap = page(&out, "/teams/wijkteam-oost/");
    assert!(
        gap.select(&sel("[id='normschema-melden'] .vpd-gat"))
            .next()
            .is_some(),
        "the unanswered part is marked as a gap"
    );
}

#[test]
fn a_team_page_opens_with_what_to_do_from_the_teams_own_data() {
    let (_dir, out) = built();
    let html = page(&out, "/teams/werkplein-noord/");
    let summary = html
        .select(&sel("#samenvatting"))
        .next()
        .expect("the summary");
    assert_eq!(
        text(summary.select(&sel("h2")).next().unwrap()),
        "Wat doe je als…"
    );
    let all = text(summary);
    assert!(all.contains("Bij direct gevaar: bel 112."), "{all}");

    // Per category in escalation order, linked to its part of the page.
    let forms: Vec<(String, String)> = summary
        .select(&sel(".vpd-kern__vorm"))
        .map(|v| {
            let link = v.select(&sel("dt a")).next().unwrap();
            (text(link), link.value().attr("href").unwrap().to_string())
        })
        .collect();
    assert_eq!(
        forms,
        [
            ("Ik-gedrag", "#norm-ik-gedrag"),
            ("Jullie-gedrag", "#norm-jullie-gedrag"),
            ("Jij-gedrag", "#norm-jij-gedrag"),
            ("Bedreiging en intimidatie", "#norm-bedreiging"),
            ("Fysiek geweld", "#norm-fysiek-geweld"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    for (_, href) in &forms {
        assert!(
            html.select(&sel(href)).next().is_some(),
            "{href} is on the page"
        );
    }
    let vorm = |id: &str| {
        summary
            .select(&sel(".vpd-kern__vorm"))
            .find(|v| {
                v.select(&sel("dt a"))
                    .next()
                    .and_then(|a| a.value().attr("href"))
                    == Some(&format!("#norm-{id}"))
            })
            .map(text)
            .unwrap()
    };
    // The team reports jij-gedrag always, stricter than the organisation (its own file).
    let jij = vorm("jij-gedrag");
    assert!(
        jij.contains("Melden: Altijd melden (strenger dan de organisatie)"),
        "{jij}"
    );
    assert!(jij.contains("Niveau 3"), "{jij}");
    // Its own first step for physical violence, marked as the team's.
    let fysiek = vorm("fysiek-geweld");
    assert!(
        fysiek.contains(
            "Alarm slaan via de alarmknop of de noodknop op de telefoon eigen stap van het team"
        ),
        "{fysiek}"
    );
    assert!(fysiek.contains("Eigen veiligheid"), "{fysiek}");

    // Who does what, from the order-disruption and aftercare answers.
    let roles: Vec<(String, String)> = summary
        .select(&sel(".vpd-kern__rol"))
        .map(|r| {
            (
                text(r.select(&sel("dt")).next().unwrap()),
                text(r.select(&sel("dd")).next().unwrap()),
            )
        })
        .collect();
    let role = |k: &str| {
        roles
            .iter()
            .find(|(kop, _)| kop == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{k}: {roles:?}"))
    };
    assert_eq!(role("Wie de burger aanspreekt"), "Medewerker");
    assert_eq!(
        role("Wie assistentie verleent"),
        "Collega, Direct leidinggevende (teamleider)"
    );
    assert_eq!(role("Wie het incident meldt"), "Medewerker");
    assert_eq!(
        role("Nazorg"),
        "Direct leidinggevende (teamleider), Bedrijfsopvangteam (BOT)"
    );

    // Where to register the incident: the link of site.yaml.
    let register: Vec<&str> = summary
        .select(&sel(".vpd-kern__acties a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        register.contains(&"https://gir.lindewaard.example/melden"),
        "{register:?}"
    );

    // A KCC team has no order section: its summary names first care and aftercare only.
    let kcc = page(&out, "/teams/kcc-algemeen/");
    let kcc_roles: Vec<String> = kcc
        .select(&sel("#samenvatting .vpd-kern__rol dt"))
        .map(text)
        .collect();
    assert_eq!(kcc_roles, ["Eerste opvang", "Nazorg"]);
    assert_eq!(kcc.select(&sel("#samenvatting .vpd-kern__vorm")).count(), 4);
}

#[test]
fn the_policy_opens_with_its_summary_and_long_pages_keep_their_contents_in_reach() {
    let (_dir, out) = built();
    let html = page(&out, "/beleid/");
    let summary = html.select(&sel("#samenvatting")).next().expect("summary");
    let items: Vec<String> = summary.select(&sel("ul li")).map(text).collect();
    let beleid =
        std::fs::read_to_string(Path::new(ROOT).join("content/organisatie/beleid.yaml")).unwrap();
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("Voorkomen gaat voor genezen")
                && beleid.contains("Voorkomen gaat voor genezen")),
        "{items:?}"
    );
    assert!(
        text(summary).contains("Coördinator Veilige Publieke Dienstverlening"),
        "the coordinator from the policy's own answer"
    );

    for url in ["/beleid/", "/normschema/", "/teams/werkplein-noord/"] {
        let html = page(&out, url);
        let toc = html
            .select(&sel("nav#inhoudsopgave"))
            .next()
            .unwrap_or_else(|| panic!("{url}: contents"));
        assert!(
            toc.parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| p.value().classes().any(|c| c == "vpd-met-inhoud")),
            "{url}: the contents list stands beside the text"
        );
        // Every part of the page ends with a way back to the contents list.
        let sections: Vec<ElementRef> = html.select(&sel(".vpd-met-inhoud section")).collect();
        assert!(sections.len() > 4, "{url}");
        for s in sections
            .iter()
            .filter(|s| s.value().classes().any(|c| c == "vpd-sectie"))
        {
            let back: Vec<&str> = s
                .select(&sel(":scope > .vpd-naar-inhoud a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert_eq!(
                back,
                ["#inhoudsopgave"],
                "{url}#{}",
                s.value().id().unwrap_or("?")
            );
        }
        // The contents list names every part in page order, the summary first.
        let ids: Vec<String> = html
            .select(&sel("main [id]"))
            .filter_map(|e| e.value().id().map(str::to_string))
            .collect();
        let listed: Vec<String> = toc
            .select(&sel("a"))
            .filter_map(|a| a.value().attr("href"))
            .map(|h| h.trim_start_matches('#').to_string())
            .collect();
        let positions: Vec<usize> = listed
            .iter()
            .map(|id| {
                ids.iter()
                    .position(|x| x == id)
                    .unwrap_or_else(|| panic!("{url}: #{id} missing"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{url}: {listed:?}"
        );
        if url != "/normschema/" {
            assert_eq!(
                listed.first().map(String::as_str),
                Some("samenvatting"),
                "{url}"
            );
        }
    }
}

#[test]
fn the_published_schema_gives_each_field_its_heading_as_title_and_prompt_as_description() {
    let (_dir, out) = built();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("schemas/werkplein.json")).unwrap())
            .unwrap();
    let field = &schema["properties"]["secties"]["properties"]["orde"]["properties"]["huisregels"];
    assert_eq!(field["title"], "Huisregels");
    assert_eq!(field["description"], "We hanteren de volgende huisregels:");
    let norm =
        &schema["properties"]["secties"]["properties"]["normschema"]["properties"]["normtabel"];
    assert_eq!(norm["title"], "Teamnorm en aanpak per gedragsvorm");
}

/// Fields vpd adds to the forms (they are not in the source documents): optional
/// explanations of first care and aftercare, and the werkvormen a team uses.
const ADDED_BY_VPD: &[&str] = &[
    "eerste-opvang-afspraken",
    "nazorg-afspraken",
    "bespreken-werkvormen",
    "incidentanalyse-werkvormen",
    "naleving-werkvormen",
    "werking-werkvormen",
    // The measurable terms the form asks about in prose (reporting, training, aftercare,
    // evaluation), as data that `vpd check` compares with the organisation's.
    "melden-termijnen",
    "opleiding-termijnen",
    "nazorg-termijnen",
    "evaluatie-termijnen",
];

/// The source text with the form's bracketed notes (`*[uitwerken per risicosituatie]*`),
/// bold markers and spaces before a colon removed, and its whitespace collapsed.
fn source_text(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("*[") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("]*")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    collapse(&out.replace("**", "")).replace(" :", ":")
}

#[test]
fn the_team_forms_keep_the_source_forms_own_words() {
    for (name, seed) in [
        ("werkplein", "werkplein-teamprotocol-template.txt"),
        ("kcc", "kcc-teamprotocol-template.txt"),
    ] {
        let source =
            std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/bronnen").join(seed))
                .expect("the source form's copy");
        let source = source_text(&source);
        let tpl = template(name);
        for field in tpl.secties.iter().flat_map(|s| &s.velden) {
            let kop = field.kop.as_deref().unwrap();
            assert_ne!(
                collapse(kop),
                collapse(&field.vraag),
                "{name}/{}: a heading of its own",
                field.id
            );
            if ADDED_BY_VPD.contains(&field.id.as_str()) {
                continue;
            }
            for words in [
                Some(&field.vraag),
                field.tussenzin.as_ref(),
                field.vaste_tekst.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(
                    source.contains(&collapse(words)),
                    "{name}/{}: {words:?} is not the form's own words",
                    field.id
                );
            }
        }
    }
}
