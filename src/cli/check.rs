//! `vpd check`: the pipeline's first two stages (load, validate), then the report.
//!
//! The named paths choose what is reported, never what is validated: the organisation
//! (the nearest folder at or above the first path with `content/`) is always checked as
//! a whole, so a team file is judged against its policy, norm schema and fellow teams.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::CheckArgs;
use crate::diagnostic::Severity;
use crate::diagnostic::format::{self, Format};
use crate::diagnostic::summary::Report;
use crate::messages::t;
use crate::validate::Options;

pub(super) fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let options = Options {
        today: super::today()?,
        strict: args.strict,
    };
    let scope = Scope::of(&args.paths)?;
    let checked = crate::pipeline::check(&scope.root, &options)?;
    let validated = &checked.validated;
    let diagnostics: Vec<_> = validated
        .diagnostics
        .iter()
        .filter(|d| scope.covers(d.file()))
        .filter(|d| !args.alleen_fouten || d.severity == Severity::Error)
        .cloned()
        .collect();
    let in_scope = |reports: &[std::sync::Arc<crate::diagnostic::summary::TeamReport>]| {
        reports
            .iter()
            .filter(|t| scope.covers(&t.file))
            .cloned()
            .collect::<Vec<_>>()
    };
    let teams = in_scope(&validated.teams);
    let documents = in_scope(&validated.documents);
    let files = match scope.only {
        None => validated.files,
        Some(_) => scope.files(&checked.read),
    };
    let report = Report {
        diagnostics: &diagnostics,
        files,
        teams: &teams,
        documents: &documents,
        full: args.volledig,
    };
    let color = args.format == Format::Human
        && args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = format::render(args.format, &report, color)?;
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| {
            t(
                "cli.schrijven-mislukt",
                &[("pad", &path.display().to_string())],
            )
        })?,
        None => print!("{text}"),
    }
    let code = if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends with this command: freeing every parsed document node by node
    // would only delay the exit (a twentieth of the run at 10,000 teams, on one core after
    // the parallel work; see BENCHMARKS.md). The operating system takes the memory back.
    std::mem::forget(checked);
    Ok(code)
}

/// The organisation to validate and the part of it to report on.
struct Scope {
    /// The folder holding `content/` (or `content/` itself, as given).
    root: PathBuf,
    /// The named files and folders relative to the root, with `/`; none: everything.
    only: Option<Vec<String>>,
}

impl Scope {
    /// The scope of the named paths (the current folder when none is named).
    fn of(paths: &[PathBuf]) -> anyhow::Result<Scope> {
        let here = [PathBuf::from(".")];
        let paths = if paths.is_empty() { &here[..] } else { paths };
        for path in paths {
            if std::fs::symlink_metadata(path).is_err() {
                bail!(t("check.pad-bestaat-niet", &[("pad", &shown(path))]));
            }
        }
        let first = &paths[0];
        // One organisation folder (or its content/) is checked exactly as it always was.
        if paths.len() == 1
            && first.is_dir()
            && (first.join("content").is_dir() || first.file_name().is_some_and(|n| n == "content"))
        {
            return Ok(Scope {
                root: first.clone(),
                only: None,
            });
        }
        let canonical = |p: &Path| {
            p.canonicalize()
                .with_context(|| t("check.pad-bestaat-niet", &[("pad", &shown(p))]))
        };
        let start = canonical(first)?;
        let folder = if start.is_dir() {
            start.as_path()
        } else {
            start.parent().unwrap_or(&start)
        };
        let Some(root) = folder
            .ancestors()
            .find(|a| a.join("content").is_dir())
            .map(Path::to_path_buf)
        else {
            bail!(t("check.geen-organisatie", &[("pad", &shown(first))]));
        };
        let mut only = Vec::new();
        let mut everything = false;
        for path in paths {
            let full = canonical(path)?;
            if !full.starts_with(&root) {
                bail!(t(
                    "check.pad-buiten",
                    &[("pad", &shown(path)), ("map", &shown(&root))]
                ));
            }
            let rel = crate::load::display_path(&root, &full);
            if rel.is_empty() || rel == "content" {
                everything = true;
            } else if ["content/", "schemas/"].iter().any(|p| rel.starts_with(p))
                || rel == "schemas"
            {
                only.push(rel);
            } else {
                bail!(t("check.pad-niet-in-content", &[("pad", &shown(path))]));
            }
        }
        Ok(Scope {
            root,
            only: (!everything).then_some(only),
        })
    }

    /// Whether a finding or team of `file` (as displayed, relative to the root) is reported.
    fn covers(&self, file: &str) -> bool {
        match &self.only {
            None => true,
            Some(paths) => paths.iter().any(|p| {
                file.strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }),
        }
    }

    /// The files read that the scope covers: those that parsed and those that did not.
    fn files(&self, read: &[String]) -> usize {
        let mut files: Vec<&str> = read
            .iter()
            .map(String::as_str)
            .filter(|f| self.covers(f))
            .collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }
}

/// A path as the user gave it, safe for the terminal.
fn shown(path: &Path) -> String {
    crate::terminal::escape(&path.display().to_string()).into_owned()
}
