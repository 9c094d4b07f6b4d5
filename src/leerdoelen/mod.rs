//! `vpd leerdoelen`: a team's learning profile from the answers its members saved in the
//! browser (`/leerdoelwijzers/<slug>/`). Answers never leave a person's computer unless
//! they hand in their file; the profile shows only totals that cannot be traced to one
//! person.
//!
//! Steps: read every file in the folder as the page's own loader would →
//! check each (a vpd answer file, the same leerdoelwijzer, known statements, not empty) →
//! set aside near-copies of a file already counted ([`similarity`]) → refuse below
//! [`MIN_RESPONDENTS`] respondents → count answers per statement, showing a statement only
//! from [`MIN_RESPONDENTS`] answers up ([`Tally`]) → the profile page.
//!
//! Every message about a file names it escaped for the terminal ([`crate::terminal`]) and
//! never shows its answers.

mod profile;
mod read;
pub mod similarity;
mod totals;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

pub use profile::render_profile;
pub use read::MAX_FILE_BYTES;
pub use totals::{AspectTotals, MIN_RESPONDENTS, Profile, StatementTotals, Tally};

use crate::messages::t;
use crate::terminal;
use read::{ReadError, read_answer_file};
use similarity::Comparison;

/// The `soort` of a saved answer file.
pub const FILE_KIND: &str = "vpd-leerdoelwijzer-antwoorden";
/// The four answers, in order.
pub const ANSWERS: [&str; 4] = ["Altijd", "Vaak", "Soms", "Nooit"];
/// A value from a file is cut to this many characters in a message (as the page does).
const SHOWN_VALUE_CHARS: usize = 200;

/// A saved answer file as the browser writes it.
#[derive(Debug, Deserialize)]
pub struct AnswerFile {
    /// Always [`FILE_KIND`].
    pub soort: String,
    /// The leerdoelwijzer's slug.
    pub leerdoelwijzer: String,
    /// Statement id → answer.
    pub antwoorden: BTreeMap<String, String>,
}

/// A problem with one answer file (shown with the file name, never with its answers).
#[derive(Debug, Clone)]
pub struct FileProblem {
    /// The file name as it is on disk (not escaped: do not print it as is).
    pub file: String,
    /// What is wrong, in Dutch; names and values from the file are escaped, so the message
    /// is safe to print on a terminal.
    pub message: String,
}

/// Why no profile was made. The messages are safe to print on a terminal.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The folder could not be read.
    #[error("{}", t("leerdoelen.map", &[("map", &terminal::escape(&.0.display().to_string())), ("fout", .1)]))]
    Folder(PathBuf, String),
    /// Fewer than [`MIN_RESPONDENTS`] respondents.
    #[error("{}", t("leerdoelen.te-weinig", &[("aantal", &.0.to_string()), ("minimaal", &MIN_RESPONDENTS.to_string())]))]
    TooFew(usize),
    /// The leerdoelwijzer the files answer does not exist (its slug, escaped and shortened).
    #[error("{}", t("leerdoelen.onbekend", &[("slug", .0)]))]
    UnknownQuestionnaire(String),
}

/// The result of [`build`]: a profile or why not, and beside it the problems with single
/// files.
pub type BuildResult = Result<(Profile, Vec<FileProblem>), (ProfileError, Vec<FileProblem>)>;

/// Reads the answer files in `dir` and makes the profile against the leerdoelwijzers
/// `questionnaires` (slug → document). Problems with single files are returned beside it.
pub fn build(dir: &Path, questionnaires: &BTreeMap<String, Value>) -> BuildResult {
    let mut problems = Vec::new();
    let paths = match list_files(dir) {
        Ok(p) => p,
        Err(e) => return Err((e, problems)),
    };
    let files = read_all(&paths, &mut problems);
    let Some(slug) = team_questionnaire(&files) else {
        return Err((ProfileError::TooFew(0), problems));
    };
    let Some(doc) = questionnaires.get(&slug) else {
        return Err((
            ProfileError::UnknownQuestionnaire(shown_value(&slug)),
            problems,
        ));
    };
    let answering = answering(files, &slug, doc, &mut problems);
    let respondents = distinct_respondents(answering, &mut problems);
    if respondents.len() < MIN_RESPONDENTS {
        return Err((ProfileError::TooFew(respondents.len()), problems));
    }
    Ok((totals::aggregate(doc, &respondents), problems))
}

/// The files in `dir` (following no order of the file system: sorted by name).
fn list_files(dir: &Path) -> Result<Vec<PathBuf>, ProfileError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| ProfileError::Folder(dir.to_path_buf(), e.to_string()))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

/// A problem with the file `name`: message `key` with `{bestand}` and `extra` filled in.
fn problem(name: &str, key: &str, extra: &[(&str, &str)]) -> FileProblem {
    let shown = terminal::escape(name);
    let mut args = vec![("bestand", shown.as_ref())];
    args.extend_from_slice(extra);
    FileProblem {
        file: name.to_string(),
        message: t(key, &args),
    }
}

/// A value from a file as a message may show it: shortened and escaped.
fn shown_value(value: &str) -> String {
    let mut short: String = value.chars().take(SHOWN_VALUE_CHARS).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    terminal::escape(&short).into_owned()
}

/// Every readable answer file with at least one answer, with its name.
fn read_all(paths: &[PathBuf], problems: &mut Vec<FileProblem>) -> Vec<(String, AnswerFile)> {
    let mut files = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_answer_file(path) {
            Ok(f) if f.soort != FILE_KIND => {
                problems.push(problem(&name, "leerdoelen.bestand.beschadigd", &[]));
            }
            Ok(f) if f.antwoorden.is_empty() => {
                problems.push(problem(&name, "leerdoelen.bestand.leeg", &[]));
            }
            Ok(f) => files.push((name, f)),
            Err(ReadError::TooLarge) => {
                problems.push(problem(&name, "leerdoelen.bestand.te-groot", &[]));
            }
            Err(ReadError::Io(e)) => problems.push(problem(
                &name,
                "leerdoelen.bestand.onleesbaar",
                &[("fout", &e.to_string())],
            )),
            Err(ReadError::Damaged) => {
                problems.push(problem(&name, "leerdoelen.bestand.beschadigd", &[]));
            }
        }
    }
    files
}

/// The leerdoelwijzer most files answer: the team's (ties: the first by slug).
fn team_questionnaire(files: &[(String, AnswerFile)]) -> Option<String> {
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, f) in files {
        *votes.entry(f.leerdoelwijzer.as_str()).or_default() += 1;
    }
    votes
        .into_iter()
        .max_by_key(|(slug, n)| (*n, std::cmp::Reverse(*slug)))
        .map(|(slug, _)| slug.to_string())
}

/// The files that answer the leerdoelwijzer `slug` (document `doc`) with its own
/// statements and answers; the others are reported.
fn answering(
    files: Vec<(String, AnswerFile)>,
    slug: &str,
    doc: &Value,
    problems: &mut Vec<FileProblem>,
) -> Vec<(String, AnswerFile)> {
    let known: Vec<&str> = totals::array(doc, "aspecten")
        .flat_map(|a| totals::array(a, "uitspraken"))
        .filter_map(|s| s.get("id").and_then(Value::as_str))
        .collect();
    let mut usable = Vec::new();
    for (name, f) in files {
        if f.leerdoelwijzer != slug {
            problems.push(problem(
                &name,
                "leerdoelen.bestand.andere",
                &[
                    ("ander", &shown_value(&f.leerdoelwijzer)),
                    ("slug", &shown_value(slug)),
                ],
            ));
        } else if f
            .antwoorden
            .iter()
            .any(|(id, a)| !known.contains(&id.as_str()) || !ANSWERS.contains(&a.as_str()))
        {
            problems.push(problem(
                &name,
                "leerdoelen.bestand.onbekende-uitspraak",
                &[],
            ));
        } else {
            usable.push((name, f));
        }
    }
    usable
}

/// The files that count as respondents: each file that is a near-copy of one already
/// counted (in name order) is reported and left out, so no two counted files are
/// near-copies of each other.
fn distinct_respondents(
    files: Vec<(String, AnswerFile)>,
    problems: &mut Vec<FileProblem>,
) -> Vec<AnswerFile> {
    let mut counted: Vec<(String, AnswerFile)> = Vec::new();
    for (name, f) in files {
        let copy_of = counted.iter().find_map(|(first, g)| {
            let c = Comparison::of(&g.antwoorden, &f.antwoorden);
            c.is_near_copy().then_some((first, c))
        });
        match copy_of {
            None => counted.push((name, f)),
            Some((first, c)) if c.differing == 0 => problems.push(problem(
                &name,
                "leerdoelen.bestand.dubbel",
                &[("eerste", &terminal::escape(first))],
            )),
            Some((first, c)) => problems.push(problem(
                &name,
                "leerdoelen.bestand.bijna-kopie",
                &[
                    ("eerste", &terminal::escape(first)),
                    ("verschil", &c.differing.to_string()),
                    ("totaal", &c.answered.to_string()),
                ],
            )),
        }
    }
    counted.into_iter().map(|(_, f)| f).collect()
}
