//! One model, one figure: a team's completeness and coverage are the same on its page, on
//! `/status/` and in `vpd check`'s summary line, and a team page shows the organisation's
//! approach (its order, its mandatory steps) with the team's own steps marked.
//!
//! Each test builds a copy of an organisation with the real binary and reads the pages
//! with an HTML parser.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{NORMSCHEMA, Org, WERKPLEIN, copy_dir, vpd};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// A copy of an organisation, built into `public/`.
struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Site {
    /// The example organisation of this repository.
    fn example() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &dir.path().join("content"),
        );
        Site::built(dir)
    }

    /// An organisation prepared in a temporary folder.
    fn of(org: Org) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(org.path(), dir.path());
        Site::built(dir)
    }

    fn built(dir: tempfile::TempDir) -> Site {
        let root = dir.path().to_path_buf();
        let out = root.join("public");
        let run = vpd(&[
            "build".to_string(),
            root.display().to_string(),
            "--out".to_string(),
            out.display().to_string(),
        ]);
        assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
        Site {
            _dir: dir,
            root,
            out,
        }
    }

    fn page(&self, url: &str) -> Html {
        let file = self
            .out
            .join(vpd::site_path::file_of(url).expect("a path of the site"));
        Html::parse_document(
            &std::fs::read_to_string(&file)
                .unwrap_or_else(|_| panic!("{} missing", file.display())),
        )
    }

    fn yaml(&self, rel: &str) -> Value {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let source = std::sync::Arc::new(vpd::source::SourceFile::new(&path, rel.into(), text));
        vpd::load::parse_document(&source).unwrap().value
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>()
}

fn has_class(e: ElementRef, class: &str) -> bool {
    e.value().classes().any(|c| c == class)
}

/// The first two whole numbers in `s` ("0 van 7 ..." → (0, 7)).
fn two_numbers(s: &str) -> (usize, usize) {
    let n: Vec<usize> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap())
        .collect();
    assert!(n.len() >= 2, "no 'X van Y' in {s:?}");
    (n[0], n[1])
}

/// What one place says about a team: complete required sections of the required ones, each
/// section's completeness and, per applicable category, whether the team's examples suffice.
#[derive(Debug, PartialEq)]
struct Figures {
    complete: (usize, usize),
    sections: BTreeMap<String, bool>,
    examples: BTreeMap<String, bool>,
}

/// The figures on a team's own page.
fn team_page(site: &Site, slug: &str) -> Figures {
    let html = site.page(&format!("/teams/{slug}/"));
    let item = html
        .select(&sel(".vpd-metadata__item"))
        .find(|i| {
            i.select(&sel("dt"))
                .next()
                .is_some_and(|dt| text(dt) == "Volledigheid")
        })
        .unwrap_or_else(|| panic!("{slug}: no 'Volledigheid' in the metadata"));
    let complete = two_numbers(&text(item.select(&sel("dd")).next().unwrap()));
    let template = site.yaml(&format!("content/teams/{slug}.yaml"))["template"]
        .as_str()
        .unwrap()
        .to_string();
    let form_sections = template_section_ids(&template);
    let sections = html
        .select(&sel("main section.vpd-sectie[id]"))
        .filter(|s| form_sections.contains(s.value().attr("id").unwrap()))
        .map(|s| {
            (
                s.value().attr("id").unwrap().to_string(),
                !has_class(s, "vpd-sectie--onvolledig"),
            )
        })
        .collect();
    let examples = html
        .select(&sel("article.vpd-norm[id]"))
        .map(|a| {
            let id = a.value().attr("id").unwrap();
            let gap = a.select(&sel(".vpd-norm__kolom--team .vpd-gat")).count();
            (id.trim_start_matches("norm-").to_string(), gap == 0)
        })
        .collect();
    Figures {
        complete,
        sections,
        examples,
    }
}

/// The section ids of a form (the embedded templates are this repository's `schemas/`).
fn template_section_ids(template: &str) -> BTreeSet<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{template}.yaml"));
    let text = std::fs::read_to_string(&file).unwrap();
    let source = std::sync::Arc::new(vpd::source::SourceFile::new(&file, template.into(), text));
    let form = vpd::load::parse_document(&source).unwrap().value;
    form["secties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

/// The figures in the team's rows on `/status/`.
fn status_page(site: &Site, team: &str) -> Figures {
    let html = site.page("/status/");
    let row_of = |table: &str| {
        html.select(&sel(&format!("#{table} tbody tr")))
            .find(|r| {
                r.select(&sel("th a"))
                    .next()
                    .is_some_and(|a| text(a) == team)
            })
            .unwrap_or_else(|| panic!("no row for {team} in #{table}"))
    };
    let row = row_of("volledigheid");
    let complete = two_numbers(&text(row.select(&sel(".vpd-voortgang")).next().unwrap()));
    let sections = row
        .select(&sel("li[data-sectie]"))
        .map(|li| {
            let ja = has_class(li, "vpd-check--ja");
            assert_ne!(ja, has_class(li, "vpd-check--nee"), "one mark per section");
            (li.value().attr("data-sectie").unwrap().to_string(), ja)
        })
        .collect();
    let examples = row_of("dekking")
        .select(&sel("td[data-categorie]"))
        .filter(|td| td.select(&sel(".vpd-dekking--nvt")).next().is_none())
        .map(|td| {
            let ja = td.select(&sel(".vpd-dekking--ja")).count() == 1;
            let nee = td.select(&sel(".vpd-dekking--nee")).count() == 1;
            assert_ne!(ja, nee, "one mark per category");
            (td.value().attr("data-categorie").unwrap().to_string(), ja)
        })
        .collect();
    Figures {
        complete,
        sections,
        examples,
    }
}

/// "X van Y" from the team's summary line of `vpd check`.
fn check_line(root: &Path, file: &str) -> (usize, usize) {
    let run = vpd(&["check".to_string(), root.display().to_string()]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains(&format!("({file}, ")))
        .unwrap_or_else(|| panic!("no summary line for {file}:\n{}", run.stdout));
    let (_, figures) = line.rsplit_once("): ").unwrap();
    two_numbers(figures)
}

/// Asserts that the team page, the status page and `vpd check` agree, and returns the figures.
fn agreeing_figures(site: &Site, slug: &str) -> Figures {
    let file = format!("content/teams/{slug}.yaml");
    let name = site.yaml(&file)["team"].as_str().unwrap().to_string();
    let page = team_page(site, slug);
    let status = status_page(site, &name);
    assert_eq!(page, status, "{slug}: team page and /status/ disagree");
    assert_eq!(
        check_line(&site.root, &file),
        page.complete,
        "{slug}: vpd check and the pages disagree"
    );
    page
}

fn map<const N: usize>(pairs: [(&str, bool); N]) -> BTreeMap<String, bool> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

// ---------------------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------------------

#[test]
fn completeness_agrees_on_the_team_page_the_status_page_and_in_check_for_every_example_team() {
    let site = Site::example();
    let teams: Vec<String> = std::fs::read_dir(site.root.join("content/teams"))
        .unwrap()
        .flatten()
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(teams.len(), 5);
    for slug in &teams {
        agreeing_figures(&site, slug);
    }

    // The concept team: every section has a gap (a missing section, a placeholder, too few
    // items), so none is complete, and two categories have enough own examples.
    let oost = site.yaml("content/teams/wijkteam-oost.yaml");
    assert_eq!(oost["status"], "concept");
    let figures = agreeing_figures(&site, "wijkteam-oost");
    assert_eq!(figures.complete, (0, 7));
    assert_eq!(
        figures.sections,
        map([
            ("visie", false),
            ("kwaliteit", false),
            ("professioneel-handelen", false),
            ("orde", false),
            ("normschema", false),
            ("lerende-aanpak", false),
            ("borging", false),
        ])
    );
    assert_eq!(
        figures.examples,
        map([
            ("ik-gedrag", true),
            ("jullie-gedrag", true),
            ("jij-gedrag", false),
            ("bedreiging", false),
            ("fysiek-geweld", false),
        ])
    );
    // The concept banner repeats the same figure.
    let html = site.page("/teams/wijkteam-oost/");
    let banner = text(html.select(&sel(".vpd-banner--concept")).next().unwrap());
    assert_eq!(two_numbers(&banner), (0, 7), "{banner}");

    // An adopted team is complete everywhere.
    let noord = agreeing_figures(&site, "werkplein-noord");
    assert_eq!(noord.complete, (7, 7));
    assert!(noord.sections.values().all(|c| *c), "{noord:?}");
    assert!(noord.examples.values().all(|c| *c) && noord.examples.len() == 5);
}

#[test]
fn examples_that_are_all_placeholders_count_nowhere() {
    let org = Org::minimal();
    org.replace(
        WERKPLEIN,
        "status: vastgesteld\nvastgesteld_op: 2026-03-10\n",
        "status: concept\n",
    );
    // Every example of every category becomes `.....` (two per category, so the list is
    // long enough and only the placeholders are wrong).
    org.edit(WERKPLEIN, |text| {
        let mut in_table = false;
        let mut out = String::new();
        for line in text.lines() {
            if line == "    normtabel:" {
                in_table = true;
            } else if !line.starts_with("      ") {
                in_table = false;
            }
            if in_table && line.starts_with("          - \"") {
                out.push_str("          - \".....\"");
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        assert_eq!(out.matches("\".....\"").count(), 10);
        out
    });
    let site = Site::of(org);

    let proef = agreeing_figures(&site, "werkplein-proef");
    assert_eq!(proef.complete, (6, 7), "only the norm table is incomplete");
    assert_eq!(proef.sections.get("normschema"), Some(&false));
    assert_eq!(proef.sections.values().filter(|c| !**c).count(), 1);
    assert_eq!(
        proef.examples,
        map([
            ("ik-gedrag", false),
            ("jullie-gedrag", false),
            ("jij-gedrag", false),
            ("bedreiging", false),
            ("fysiek-geweld", false),
        ])
    );
    // No placeholder is shown as an example.
    let html = site.page("/teams/werkplein-proef/");
    assert_eq!(html.select(&sel(".vpd-voorbeelden li")).count(), 0);

    // The other team is untouched, and physical violence does not apply to its form.
    let kcc = agreeing_figures(&site, "kcc-proef");
    assert_eq!(kcc.complete, (6, 6));
    assert_eq!(
        kcc.examples,
        map([
            ("ik-gedrag", true),
            ("jullie-gedrag", true),
            ("jij-gedrag", true),
            ("bedreiging", true),
        ])
    );
}

// ---------------------------------------------------------------------------------------
// The approach on a team page
// ---------------------------------------------------------------------------------------

/// One step of a flow chart as shown: id, text, marked mandatory, marked as the team's own.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    id: String,
    tekst: String,
    verplicht: bool,
    eigen: bool,
}

fn steps_in(scope: ElementRef) -> Vec<Shown> {
    scope
        .select(&sel("li.vpd-stroom__stap"))
        .map(|li| {
            let badge = |class: &str| li.select(&sel(&format!(".vpd-badge--{class}"))).count();
            let verplicht = has_class(li, "vpd-stroom__stap--verplicht");
            assert_eq!(
                verplicht,
                badge("verplicht") == 1,
                "mandatory has its badge"
            );
            let eigen = has_class(li, "vpd-stroom__stap--eigen");
            assert_eq!(
                eigen,
                badge("team") == 1,
                "the team's own step has its badge"
            );
            if eigen {
                let label = text(li.select(&sel(".vpd-badge--team")).next().unwrap());
                assert_eq!(label, "eigen stap van het team");
            }
            Shown {
                id: li.value().attr("data-stap").unwrap().to_string(),
                tekst: text(li.select(&sel(".vpd-stroom__tekst strong")).next().unwrap()),
                verplicht,
                eigen,
            }
        })
        .collect()
}

/// The approach of `category` on a team page.
fn team_approach(html: &Html, category: &str) -> Vec<Shown> {
    let scope = html
        .select(&sel(&format!("#norm-{category} .vpd-norm__aanpak")))
        .next()
        .unwrap_or_else(|| panic!("no approach for {category}"));
    steps_in(scope)
}

/// The organisation's steps of every category, from the norm schema file.
fn organisation_steps(site: &Site) -> BTreeMap<String, Vec<Value>> {
    site.yaml(NORMSCHEMA)["secties"]["categorieen"]["categorieen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["aanpak"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

fn applies(step: &Value, template: &str) -> bool {
    step["geldt_voor"]
        .as_array()
        .is_none_or(|t| t.iter().any(|x| x == template))
}

#[test]
fn a_team_page_shows_the_organisations_steps_in_its_order_with_the_mandatory_ones_marked() {
    let site = Site::example();
    let org = organisation_steps(&site);

    // The defect of issue 9: on /normschema/ "Eigen veiligheid gaat altijd voor" is step 1
    // and mandatory; a team without its own approach shows exactly that approach.
    let normschema = site.page("/normschema/");
    let prescribed = steps_in(
        normschema
            .select(&sel("#categorie-fysiek-geweld .vpd-categorie__aanpak"))
            .next()
            .unwrap(),
    );
    let centrum = site.page("/teams/werkplein-centrum/");
    let shown = team_approach(&centrum, "fysiek-geweld");
    assert_eq!(shown, prescribed);
    assert_eq!(
        shown
            .iter()
            .map(|s| (s.id.as_str(), s.verplicht))
            .collect::<Vec<_>>(),
        [
            ("eigen-veiligheid", true),
            ("bijstand-inschakelen", true),
            ("terugtrekken", true),
            ("politie-inschakelen", false),
        ]
    );
    assert_eq!(shown[0].tekst, "Eigen veiligheid gaat altijd voor");
    let caption = text(
        centrum
            .select(&sel("#norm-fysiek-geweld .vpd-norm__herkomst"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        caption.trim(),
        "De aanpak zoals de organisatie die in het normschema voorschrijft."
    );

    // On every team page: the organisation's steps in the organisation's order and wording,
    // each step the team's form must keep present and marked, none of another form's steps.
    for entry in std::fs::read_dir(site.root.join("content/teams")).unwrap() {
        let path = entry.unwrap().path();
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        let team = site.yaml(&format!("content/teams/{slug}.yaml"));
        let template = team["template"].as_str().unwrap();
        let html = site.page(&format!("/teams/{slug}/"));
        for article in html.select(&sel("article.vpd-norm[id]")) {
            let category = article
                .value()
                .attr("id")
                .unwrap()
                .trim_start_matches("norm-");
            let shown = team_approach(&html, category);
            let steps = &org[category];
            let of_org: Vec<&Shown> = shown.iter().filter(|s| !s.eigen).collect();
            let positions: Vec<usize> = of_org
                .iter()
                .map(|s| {
                    steps
                        .iter()
                        .position(|o| o["id"] == s.id.as_str())
                        .unwrap_or_else(|| {
                            panic!("{slug}/{category}: '{}' is not the organisation's", s.id)
                        })
                })
                .collect();
            assert!(
                positions.windows(2).all(|w| w[0] < w[1]),
                "{slug}/{category}: not in the organisation's order: {of_org:?}"
            );
            for (s, p) in of_org.iter().zip(&positions) {
                let o = &steps[*p];
                assert_eq!(s.tekst, o["tekst"].as_str().unwrap(), "{slug}/{category}");
                assert!(
                    applies(o, template),
                    "{slug}/{category}: {} is not for {template}",
                    s.id
                );
                assert_eq!(
                    s.verplicht,
                    o["verplicht"] == true,
                    "{slug}/{category}: {} mandatory mark",
                    s.id
                );
            }
            for o in steps
                .iter()
                .filter(|o| o["verplicht"] == true && applies(o, template))
            {
                assert!(
                    of_org.iter().any(|s| s.id == o["id"].as_str().unwrap()),
                    "{slug}/{category}: mandatory step {} missing",
                    o["id"]
                );
            }
        }
    }

    // A phone team is never asked to send the caller out of the building.
    let kcc = site.page("/teams/kcc-belastingen/");
    let bedreiging = team_approach(&kcc, "bedreiging");
    assert!(
        bedreiging.iter().all(|s| s.id != "pand-verlaten"),
        "{bedreiging:?}"
    );
    assert!(
        bedreiging
            .iter()
            .any(|s| s.id == "gesprek-beeindigen" && s.verplicht)
    );
}

#[test]
fn a_teams_own_steps_are_marked_as_the_teams_and_stand_where_the_team_put_them() {
    let site = Site::example();
    let html = site.page("/teams/werkplein-centrum/");
    let shown = team_approach(&html, "bedreiging");
    let ids: Vec<(&str, bool)> = shown.iter().map(|s| (s.id.as_str(), s.eigen)).collect();
    assert_eq!(
        ids,
        [
            ("zelfcontrole", false),
            ("inschatting-veiligheid", false),
            ("code-collega", true),
            ("gedrag-benoemen", false),
            ("grens-aangeven", false),
            ("afstand-vergroten", false),
            ("gesprek-beeindigen", false),
            ("pand-verlaten", false),
            ("vertrekt-burger", false),
            ("eigen-werk-hervatten", false),
            ("bijstand-inschakelen", false),
            ("politie-inschakelen", false),
            ("terugtrekken", false),
        ]
    );
    // The team's own step in its own words, never marked mandatory.
    let code = &shown[2];
    assert!(
        code.tekst
            .starts_with("Een collega in de buurt waarschuwen")
    );
    assert!(!code.verplicht);
    // An organisation step keeps the organisation's wording; a mandatory one the team
    // explains has the team's explanation beside it.
    assert_eq!(shown[0].tekst, "Blijf rustig en ga niet in discussie");
    let leave = html
        .select(&sel("#norm-bedreiging li[data-stap='pand-verlaten']"))
        .next()
        .unwrap();
    assert!(text(leave).contains("Verzoek de inwoner het pand te verlaten"));
    let team_words = text(leave.select(&sel(".vpd-stroom__team")).next().unwrap());
    assert!(
        team_words.contains("De gastvrouw of beveiliger loopt mee naar de uitgang."),
        "{team_words}"
    );
    let caption = text(
        html.select(&sel(
            "#norm-bedreiging .vpd-norm__herkomst .vpd-badge--team",
        ))
        .next()
        .unwrap(),
    );
    assert_eq!(caption, "Aangepast door het team");
}

#[test]
fn a_team_without_its_own_approach_follows_the_organisations_for_its_form() {
    let org = Org::minimal();
    // The organisation adds a mandatory first step that no form's default approach has, and
    // a mandatory step for phone teams only. Neither team writes an approach of its own.
    org.replace(
        NORMSCHEMA,
        "        aanpak:\n          - id: eigen-veiligheid\n",
        "        aanpak:\n          - id: alarm-melden\n            tekst: \"Druk op de alarmknop\"\n            verplicht: true\n          - id: eigen-veiligheid\n",
    );
    org.replace(
        NORMSCHEMA,
        "            uitleg: \"Reageer niet op de dreiging zelf en daag niet uit.\"\n            verplicht: true\n",
        "            uitleg: \"Reageer niet op de dreiging zelf en daag niet uit.\"\n            verplicht: true\n          - id: ophangen-aankondigen\n            tekst: \"Kondig aan dat je ophangt\"\n            verplicht: true\n            geldt_voor: [kcc]\n",
    );
    let checked = org.check(&[]);
    checked.assert_exit(0).assert_clean();
    let site = Site::of(org);

    let werkplein = site.page("/teams/werkplein-proef/");
    let fysiek = team_approach(&werkplein, "fysiek-geweld");
    assert_eq!(
        (fysiek[0].id.as_str(), fysiek[0].verplicht, fysiek[0].eigen),
        ("alarm-melden", true, false)
    );
    assert_eq!(fysiek[1].id, "eigen-veiligheid");
    let bedreiging = team_approach(&werkplein, "bedreiging");
    assert!(bedreiging.iter().all(|s| s.id != "ophangen-aankondigen"));

    let kcc = site.page("/teams/kcc-proef/");
    let bedreiging = team_approach(&kcc, "bedreiging");
    assert_eq!(
        bedreiging
            .iter()
            .take(2)
            .map(|s| (s.id.as_str(), s.verplicht))
            .collect::<Vec<_>>(),
        [("zelfcontrole", true), ("ophangen-aankondigen", true)]
    );
    assert!(bedreiging.iter().all(|s| s.id != "pand-verlaten"));
    assert_eq!(
        kcc.select(&sel("article.vpd-norm#norm-fysiek-geweld"))
            .count(),
        0,
        "physical violence is not in the KCC form"
    );
}
