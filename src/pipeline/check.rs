//! Load and validate: what `vpd check` runs, and what the form editor asks of an unsaved
//! text. Links written in content are checked against the site's pages too, which needs
//! the model and the page registry: only when everything else is valid (as in a build).
//!
//! `vpd check` reads the team protocols in `content/teams/` one at a time after the rest
//! of the organisation is validated, checks each in the context the rest gives and keeps
//! only its findings, so it never holds ten thousand parsed protocols (see BENCHMARKS.md).
//! Where that cannot give exactly what validating everything at once gives (a file in
//! `content/teams/` that is a policy, norm schema or werkvorm; links to check against
//! the pages), it validates everything at once instead.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Checked, Site, validate_loaded};
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::history::CommitDates;
use crate::load::{LoadError, Loaded};
use crate::messages::t;
use crate::model::ModelCache;
use crate::render::Registry;
use crate::validate::{Apart, Options, Validated, ValidationCache};

/// The folder below `content/` whose team protocols `vpd check` reads one at a time.
const TEAMS_FOLDER: &str = "teams";

/// What `vpd check` reports.
pub struct CheckReport {
    /// Every finding, completeness per team and the figures.
    pub validated: Validated,
    /// The content files read (parsed or not; `site.yaml` included), by their shown path.
    pub read: Vec<String>,
}

/// Everything `vpd check` does: load and validate the organisation at `root`
/// (`site.yaml` included), and check the links written in content when all else is valid.
pub fn check(root: &Path, options: &Options) -> Result<CheckReport, LoadError> {
    if let Some(report) = check_teams_apart(root, options)? {
        return Ok(report);
    }
    let checked = check_loaded(crate::load::load(root)?, options);
    Ok(CheckReport {
        read: read_files(&checked.loaded),
        validated: checked.validated,
    })
}

/// [`check`] with the team protocols of `content/teams/` read and checked one at a time
/// after the rest: none when the result could differ from validating everything at once.
fn check_teams_apart(root: &Path, options: &Options) -> Result<Option<CheckReport>, LoadError> {
    let (loaded, apart) = crate::load::load_apart(root, TEAMS_FOLDER)?;
    let mut cache = ValidationCache::default();
    let templates = cache.templates(&loaded.root);
    let context = crate::validate::Context::new(&loaded, &templates, options, &mut cache);
    let mut outcomes = context.check_loaded(&mut cache);
    let mut read = read_files(&loaded);
    let results: Vec<(String, Result<Apart, Diagnostic>)> = apart
        .files
        .par_iter()
        .map(|path| match apart.read(path) {
            // The parsed document is dropped here, once checked.
            Ok(doc) => (doc.source.display.clone(), Ok(context.check_apart(&doc))),
            Err(d) => (d.file().to_string(), Err(d)),
        })
        .collect();
    let mut more = Vec::new();
    for (file, result) in results {
        if result.as_ref().map_or_else(counts_as_read, |_| true) {
            read.push(file);
        }
        match result {
            Ok(Apart::Checked(outcome)) => outcomes.push(outcome),
            Ok(Apart::Unknown(d)) | Err(d) => more.push(d),
            Ok(Apart::Context) => return Ok(None),
        }
    }
    // The walk lists files in path order: the teams read apart go back among the rest.
    outcomes.sort_by(|a, b| a.path().cmp(b.path()));
    let validated = context.finish(outcomes, more);
    if validated.errors() == 0 && !validated.links.is_empty() {
        return Ok(None);
    }
    Ok(Some(CheckReport { validated, read }))
}

/// The content files `loaded` read: its documents, `site.yaml` and the files that did not
/// parse.
fn read_files(loaded: &Loaded) -> Vec<String> {
    let parsed = loaded.documents.iter().chain(&loaded.site);
    let parsed = parsed.map(|d| d.source.display.clone());
    let unparsed = loaded.diagnostics.iter().filter(|d| counts_as_read(d));
    parsed
        .chain(unparsed.map(|d| d.file().to_string()))
        .collect()
}

/// Whether a load finding is about a content file that was read (not a link, which is
/// never followed, nor a file vpd does not read).
fn counts_as_read(d: &Diagnostic) -> bool {
    let file = d.file();
    d.rule != Rule::Symlink && [".yaml", ".yml", ".md"].iter().any(|e| file.ends_with(e))
}

/// [`check`] of the organisation at `root` as if the file `path` (one of its documents)
/// held `text`: what `vpd check` would say once that text is saved (whatever the file on
/// disk holds now, even text that does not load). The preview's form editor validates its
/// unsaved state with it, so form and check never disagree.
pub fn check_with_text(
    root: &Path,
    options: &Options,
    path: &Path,
    text: String,
) -> Result<Checked, LoadError> {
    let mut loaded = crate::load::load(root)?;
    // What the file on disk holds (or why it did not load) gives way to `text`.
    let at = loaded.documents.iter().position(|d| d.source.path == path);
    if let Some(i) = at {
        loaded.documents.remove(i);
    }
    loaded.diagnostics.retain(|d| d.primary.source.path != path);
    let display = crate::load::display_path(&loaded.root, path);
    let source = Arc::new(crate::source::SourceFile::new(path, display, text));
    match crate::load::parse_document(&source) {
        Ok(doc) => {
            let i = at.unwrap_or(loaded.documents.len());
            loaded.documents.insert(i, Arc::new(doc));
        }
        Err(d) => loaded.diagnostics.push(d),
    }
    Ok(check_loaded(loaded, options))
}

/// Validates what was loaded as `vpd check` does (links included, when all else is valid).
fn check_loaded(loaded: Loaded, options: &Options) -> Checked {
    let mut checked = validate_loaded(loaded, options, &mut ValidationCache::default());
    if checked.validated.errors() == 0 && !checked.validated.links.is_empty() {
        // A theme that does not compile is the build's error (exit 2), not content's.
        let no_commits = CommitDates::new();
        let mut cache = ModelCache::default();
        if let Ok(site) = Site::new(&checked, options, &no_commits, &mut cache, None, None) {
            let dead = dead_links(&checked.validated, &site.registry);
            checked.validated.diagnostics.extend(dead);
            crate::diagnostic::sort(&mut checked.validated.diagnostics);
        }
    }
    checked
}

/// The links written in content that point to no page or file of the site.
pub(super) fn dead_links(validated: &Validated, registry: &Registry) -> Vec<Diagnostic> {
    if validated.links.is_empty() {
        return Vec::new();
    }
    let targets = registry.link_targets();
    validated
        .links
        .iter()
        .filter(|l| !targets.resolves(&l.url))
        .map(|l| {
            Diagnostic::new(
                Rule::BrokenLink,
                &l.source,
                l.span,
                t("link.kapot", &[("url", &l.url)]),
            )
            .with_hint(t("link.kapot.hint", &[]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::format::{self, Format};
    use crate::diagnostic::summary::Report;
    use crate::pipeline::tests::example;

    fn options() -> Options {
        Options {
            today: jiff::civil::date(2026, 11, 24),
            strict: false,
        }
    }

    fn write(root: &Path, file: &str, text: &str) {
        let path = root.join("content").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// What a user reads of a report, in every format that shows findings or figures.
    fn shown(validated: &Validated, read: &[String]) -> String {
        let report = Report {
            diagnostics: &validated.diagnostics,
            files: validated.files,
            teams: &validated.teams,
            documents: &validated.documents,
            full: true,
        };
        let human = format::render(Format::Human, &report, false).unwrap();
        let json = format::render(Format::Json, &report, false).unwrap();
        let mut read = read.to_vec();
        read.sort();
        format!("{human}\n{json}\n{read:?}")
    }

    /// The report of validating everything at once.
    fn at_once(root: &Path) -> String {
        let checked = check_loaded(crate::load::load(root).unwrap(), &options());
        shown(&checked.validated, &read_files(&checked.loaded))
    }

    /// The report with the team protocols read apart, when that path gives one.
    fn apart(root: &Path) -> Option<String> {
        let report = check_teams_apart(root, &options()).unwrap()?;
        Some(shown(&report.validated, &report.read))
    }

    #[test]
    fn teams_read_apart_report_exactly_what_validating_at_once_does() {
        let org = example();
        let root = org.path();
        let noord =
            std::fs::read_to_string(root.join("content/teams/werkplein-noord.yaml")).unwrap();
        // Two protocols naming the same team (one outside teams/, read with the rest),
        // one setting the slug of another, one with an unknown template, one that does not
        // parse, one in a subfolder and one naming no template.
        write(root, "teams/noord-kopie.yaml", &noord);
        write(root, "andere/noord-elders.yaml", &noord);
        let renamed = noord.replacen("team:", "slug: werkplein-centrum\nteam:", 1);
        write(root, "teams/noord-als-centrum.yaml", &renamed);
        let unknown = noord.replacen("template: werkplein", "template: werkplijn", 1);
        assert_ne!(unknown, noord, "the example names its template");
        write(root, "teams/onbekend.yaml", &unknown);
        write(root, "teams/kapot.yaml", "team: [Kapot\nstatus: concept\n");
        write(root, "teams/sub/diep.yaml", &noord.replace("Noord", "Diep"));
        write(root, "teams/zonder.yaml", "team: Zonder sjabloon\n");
        let expected = at_once(root);
        for rule in [
            Rule::DuplicateTeamName,
            Rule::DuplicateSlug,
            Rule::TemplateUnknown,
            Rule::TemplateMissing,
        ] {
            assert!(
                expected.contains(rule.code()),
                "{rule:?} is among the findings"
            );
        }
        assert_eq!(apart(root).as_deref(), Some(expected.as_str()));
    }

    #[test]
    fn a_werkvorm_among_the_teams_is_validated_with_everything_loaded() {
        let org = example();
        let root = org.path();
        let werkvorm =
            std::fs::read_to_string(root.join("content/werkvormen/stellingen.md")).unwrap();
        write(root, "teams/stellingen-kopie.md", &werkvorm);
        write(root, "teams/kapot.yaml", "team: [Kapot\n");
        assert_eq!(apart(root), None);
        let report = check(root, &options()).unwrap();
        assert_eq!(shown(&report.validated, &report.read), at_once(root));
    }

    #[test]
    fn links_in_content_are_checked_against_the_pages_with_everything_loaded() {
        let org = example();
        let root = org.path();
        let team = root.join("content/teams/werkplein-noord.yaml");
        let text = std::fs::read_to_string(&team).unwrap();
        let linked = text.replacen(
            "zonder drempel binnenlopen",
            "zonder drempel binnenlopen (zie [het normschema](/normschema/))",
            1,
        );
        assert_ne!(linked, text, "the example holds the sentence");
        std::fs::write(&team, &linked).unwrap();
        let clean = check(root, &options()).unwrap();
        assert_eq!(clean.validated.errors(), 0, "the link resolves");
        assert!(!clean.validated.links.is_empty(), "the link is found");
        assert_eq!(apart(root), None);
        assert_eq!(shown(&clean.validated, &clean.read), at_once(root));

        std::fs::write(&team, linked.replace("/normschema/", "/normschema-weg/")).unwrap();
        let dead = check(root, &options()).unwrap();
        let errors = dead.validated.diagnostics.iter();
        let errors = errors.filter(|d| d.severity == crate::diagnostic::Severity::Error);
        assert_eq!(
            errors.map(|d| d.rule).collect::<Vec<_>>(),
            [Rule::BrokenLink]
        );
        assert_eq!(shown(&dead.validated, &dead.read), at_once(root));
    }
}
