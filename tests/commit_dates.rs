//! A page without a date of its own (a werkvorm, a concept protocol) says in its footer
//! when its file was last committed. The minimal organisation lies in a folder of a git
//! repository made with gix itself, with commits at fixed times; the real binary builds it
//! (and `vpd serve`'s session updates it) and the footer is read with an HTML parser.

mod common;

use std::path::{Path, PathBuf};

use common::repo::Repo;
use common::{copy_dir, vpd_in};
use scraper::{Html, Selector};

const WERKVORM: &str = "gemeente/content/werkvormen/storytelling.md";
const KCC: &str = "gemeente/content/teams/kcc-proef.yaml";

impl Repo {
    /// The minimal organisation in `gemeente/` (its KCC protocol a concept, so without a
    /// date of its own), committed whole on 2 March 2026.
    fn with_minimal_organisation() -> Repo {
        let repo = Repo::init();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal");
        copy_dir(&fixture, &repo.path("gemeente"));
        let kcc = repo.path(KCC);
        let text = std::fs::read_to_string(&kcc).unwrap();
        let concept = text.replace(
            "status: vastgesteld\nvastgesteld_op: 2026-06-02\n",
            "status: concept\n",
        );
        assert_ne!(text, concept, "the KCC protocol was adopted");
        std::fs::write(&kcc, concept).unwrap();
        repo.commit_folder("1772449200 +0100", "gemeente"); // 2026-03-02 12:00
        repo
    }

    /// Appends `line` to the file `rel` in the work tree.
    fn append(&self, rel: &str, line: &str) {
        let mut text = std::fs::read_to_string(self.path(rel)).unwrap();
        text.push_str(line);
        std::fs::write(self.path(rel), text).unwrap();
    }

    /// The history the tests share: the werkvorm changed on 11 May 2026 (in summer time),
    /// and a later commit that changes only a file outside the organisation.
    fn with_history() -> Repo {
        let repo = Repo::with_minimal_organisation();
        repo.append(WERKVORM, "\nNog een verhaal uit de praktijk.\n");
        repo.commit("1778493600 +0200", &[WERKVORM.to_string()]); // 2026-05-11 12:00
        std::fs::write(repo.path("README.md"), "Protocollen van Lindewaard\n").unwrap();
        repo.commit("1781517600 +0200", &["README.md".to_string()]); // 2026-06-15 12:00
        repo
    }

    /// `vpd build gemeente --out public`: the build's standard error.
    fn build(&self) -> String {
        let run = vpd_in(self.dir.path(), &["build", "gemeente", "--out", "public"]);
        assert_eq!(run.code, Some(0), "vpd build: {}", run.stderr);
        run.stderr
    }

    /// The footer's colophon of the built page at `url`.
    fn colophon(&self, url: &str) -> String {
        colophon(&self.path("public"), url)
    }
}

/// The footer's colophon of the page at `url` in the site at `out`.
fn colophon(out: &Path, url: &str) -> String {
    let file = out.join(vpd::site_path::file_of(url).expect("a path of the site"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let html = Html::parse_document(&text);
    let selector = Selector::parse(".vpd-page-footer__colofon").unwrap();
    html.select(&selector)
        .next()
        .map(|p| p.text().collect::<String>())
        .unwrap_or_else(|| panic!("no colophon on {url}"))
}

#[test]
fn a_werkvorm_shows_the_date_of_the_last_commit_that_changed_it() {
    let repo = Repo::with_history();
    repo.build();
    assert_eq!(
        repo.colophon("/werkvormen/storytelling/"),
        "Laatst gewijzigd op 11 mei 2026",
        "the werkvorm's own commit, not the later one that changed only the README"
    );
    assert_eq!(
        repo.colophon("/teams/kcc-proef/"),
        "Laatst gewijzigd op 2 maart 2026",
        "a concept protocol: committed once, untouched since"
    );
    assert_eq!(
        repo.colophon("/teams/werkplein-proef/"),
        "Vastgesteld op 10 maart 2026",
        "a protocol's own date comes first"
    );
    assert_eq!(
        repo.colophon("/werkvormen/"),
        "Gepubliceerd op 24 november 2026",
        "a list is no one file's page"
    );
}

#[test]
fn a_change_not_yet_committed_shows_the_publication_date() {
    let repo = Repo::with_history();
    repo.append(WERKVORM, "\nNog niet gecommit.\n");
    repo.build();
    assert_eq!(
        repo.colophon("/werkvormen/storytelling/"),
        "Gepubliceerd op 24 november 2026"
    );
    assert_eq!(
        repo.colophon("/teams/kcc-proef/"),
        "Laatst gewijzigd op 2 maart 2026"
    );
}

#[test]
fn an_organisation_outside_any_repository_shows_the_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal"),
        dir.path(),
    );
    let run = vpd_in(dir.path(), &["build", ".", "--out", "public"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("git"), "{}", run.stderr);
    assert_eq!(
        colophon(&dir.path().join("public"), "/werkvormen/storytelling/"),
        "Gepubliceerd op 24 november 2026"
    );
}

#[test]
fn a_broken_repository_is_a_warning_and_the_site_is_still_built() {
    let repo = Repo::with_minimal_organisation();
    let first = repo.repo.head_id().unwrap().detach();
    std::fs::write(repo.path("README.md"), "Protocollen van Lindewaard\n").unwrap();
    repo.commit("1775296800 +0200", &["README.md".to_string()]); // 2026-04-04 12:00
    repo.append(WERKVORM, "\nNog een verhaal.\n");
    repo.commit("1778493600 +0200", &[WERKVORM.to_string()]); // 2026-05-11 12:00
    // The first commit is lost: the walk breaks off between the second and the first.
    let hex = first.to_string();
    std::fs::remove_file(repo.path(&format!(".git/objects/{}/{}", &hex[..2], &hex[2..]))).unwrap();
    let stderr = repo.build();
    assert!(stderr.contains("git-geschiedenis"), "{stderr}");
    assert!(
        stderr.contains("De git-geschiedenis kon niet worden gelezen"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> ../.git\n"),
        "the repository, as seen from the organisation: {stderr}"
    );
    assert_eq!(
        repo.colophon("/werkvormen/storytelling/"),
        "Laatst gewijzigd op 11 mei 2026",
        "what was found before the break is kept"
    );
    assert_eq!(
        repo.colophon("/teams/kcc-proef/"),
        "Gepubliceerd op 24 november 2026",
        "what lay beyond it is not guessed"
    );
}

#[test]
fn the_preview_reads_a_changed_file_again() {
    let repo = Repo::with_history();
    let root = repo.path("gemeente").canonicalize().unwrap();
    let out = repo.path("preview");
    let options = vpd::validate::Options {
        today: jiff::civil::date(2026, 11, 24),
        strict: false,
    };
    let mut session = vpd::pipeline::Session::open(&root, &out, options).unwrap();
    let built = |session: &mut vpd::pipeline::Session, changed: &[PathBuf]| match session
        .update(changed)
        .unwrap()
    {
        vpd::pipeline::Update::Built { warnings, .. } => assert!(warnings.is_empty()),
        vpd::pipeline::Update::Invalid(errors) => panic!("{errors:?}"),
    };
    built(&mut session, &[]);
    let page = "/werkvormen/storytelling/";
    assert_eq!(colophon(&out, page), "Laatst gewijzigd op 11 mei 2026");
    let file = root.join("content/werkvormen/storytelling.md");
    let committed = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{committed}\nBewerkt in de preview.\n")).unwrap();
    built(&mut session, std::slice::from_ref(&file));
    assert_eq!(colophon(&out, page), "Gepubliceerd op 24 november 2026");
    std::fs::write(&file, committed).unwrap();
    built(&mut session, std::slice::from_ref(&file));
    assert_eq!(
        colophon(&out, page),
        "Laatst gewijzigd op 11 mei 2026",
        "back to the committed text: the commit's date again"
    );
}
