//! `vpd leerdoelen`: a team's learning profile from the answers its members saved in the
//! browser (`/leerdoelwijzers/<slug>/`). Answers never leave a person's computer unless
//! they hand in their file; the profile shows only totals, and only from five files up,
//! so no individual can be recognised.
//!
//! Steps: read every `*.json` in the folder → check each (readable, a vpd answer file,
//! the same leerdoelwijzer, not a duplicate, known statements) → refuse below five →
//! count answers per aspect and statement → the profile page (written atomically).

mod profile;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

pub use profile::render_profile;

use crate::messages::t;

/// The fewest answer files a profile is made from.
pub const MIN_FILES: usize = 5;
/// The `soort` of a saved answer file.
pub const FILE_KIND: &str = "vpd-leerdoelwijzer-antwoorden";
/// The four answers, in order.
pub const ANSWERS: [&str; 4] = ["Altijd", "Vaak", "Soms", "Nooit"];

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
    /// The file.
    pub file: String,
    /// What is wrong, in Dutch.
    pub message: String,
}

/// Why no profile was made.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The folder could not be read.
    #[error("{}", t("leerdoelen.map", &[("map", &.0.display().to_string()), ("fout", .1)]))]
    Folder(PathBuf, String),
    /// Fewer than five usable files.
    #[error("{}", t("leerdoelen.te-weinig", &[("aantal", &.0.to_string()), ("minimaal", &MIN_FILES.to_string())]))]
    TooFew(usize),
    /// The leerdoelwijzer the files answer does not exist.
    #[error("{}", t("leerdoelen.onbekend", &[("slug", .0)]))]
    UnknownQuestionnaire(String),
}

/// One statement's totals.
#[derive(Debug, Clone)]
pub struct StatementTotals {
    /// Statement id.
    pub id: String,
    /// Statement text.
    pub tekst: String,
    /// Counts per answer, in [`ANSWERS`] order.
    pub counts: [usize; 4],
}

impl StatementTotals {
    /// Answers Soms or Nooit.
    pub fn low(&self) -> usize {
        self.counts[2] + self.counts[3]
    }
}

/// One aspect's totals.
#[derive(Debug, Clone)]
pub struct AspectTotals {
    /// Aspect title.
    pub titel: String,
    /// Counts per answer over all its statements.
    pub counts: [usize; 4],
    /// Per statement.
    pub statements: Vec<StatementTotals>,
}

/// The team profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The leerdoelwijzer's title.
    pub titel: String,
    /// Number of answer files used.
    pub respondents: usize,
    /// Per aspect.
    pub aspects: Vec<AspectTotals>,
}

impl Profile {
    /// Statements most often answered Soms/Nooit (at least one), most first: the team's
    /// learning goals.
    pub fn learning_goals(&self, max: usize) -> Vec<&StatementTotals> {
        let mut all: Vec<&StatementTotals> = self
            .aspects
            .iter()
            .flat_map(|a| a.statements.iter())
            .filter(|s| s.low() > 0)
            .collect();
        all.sort_by(|a, b| b.low().cmp(&a.low()).then(a.id.cmp(&b.id)));
        all.truncate(max);
        all
    }
}

/// Reads the answer files in `dir` and makes the profile against the leerdoelwijzers
/// `questionnaires` (slug → document). Problems with single files are returned beside it.
pub fn build(
    dir: &Path,
    questionnaires: &BTreeMap<String, Value>,
) -> Result<(Profile, Vec<FileProblem>), (ProfileError, Vec<FileProblem>)> {
    let mut problems = Vec::new();
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(e) => e
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(e) => {
            return Err((
                ProfileError::Folder(dir.to_path_buf(), e.to_string()),
                problems,
            ));
        }
    };
    entries.sort();
    let mut seen: BTreeMap<[u8; 32], String> = BTreeMap::new();
    let mut files: Vec<(String, AnswerFile)> = Vec::new();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let problem = |key: &str, extra: &[(&str, &str)]| {
            let mut args = vec![("bestand", name.as_str())];
            args.extend_from_slice(extra);
            FileProblem {
                file: name.clone(),
                message: t(key, &args),
            }
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) if b.len() <= 256 * 1024 => b,
            Ok(_) => {
                problems.push(problem("leerdoelen.bestand.te-groot", &[]));
                continue;
            }
            Err(e) => {
                problems.push(problem(
                    "leerdoelen.bestand.onleesbaar",
                    &[("fout", &e.to_string())],
                ));
                continue;
            }
        };
        let file: AnswerFile = match serde_json::from_slice(&bytes) {
            Ok(f) => f,
            Err(_) => {
                problems.push(problem("leerdoelen.bestand.beschadigd", &[]));
                continue;
            }
        };
        if file.soort != FILE_KIND {
            problems.push(problem("leerdoelen.bestand.beschadigd", &[]));
            continue;
        }
        let digest: [u8; 32] = {
            // Duplicates: the same answers to the same questionnaire.
            let mut h = Sha256::new();
            h.update(file.leerdoelwijzer.as_bytes());
            for (k, v) in &file.antwoorden {
                h.update(k.as_bytes());
                h.update([0]);
                h.update(v.as_bytes());
                h.update([1]);
            }
            h.finalize().into()
        };
        if let Some(first) = seen.get(&digest) {
            problems.push(problem("leerdoelen.bestand.dubbel", &[("eerste", first)]));
            continue;
        }
        seen.insert(digest, name.clone());
        files.push((name, file));
    }
    // The questionnaire most files answer is the team's; files for another one are set aside.
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, f) in &files {
        *votes.entry(f.leerdoelwijzer.as_str()).or_default() += 1;
    }
    let Some((slug, _)) = votes
        .iter()
        .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
        .map(|(s, n)| (s.to_string(), *n))
    else {
        return Err((ProfileError::TooFew(0), problems));
    };
    let Some(doc) = questionnaires.get(&slug) else {
        return Err((ProfileError::UnknownQuestionnaire(slug), problems));
    };
    let mut usable = Vec::new();
    for (name, f) in files {
        if f.leerdoelwijzer != slug {
            problems.push(FileProblem {
                file: name.clone(),
                message: t(
                    "leerdoelen.bestand.andere",
                    &[
                        ("bestand", &name),
                        ("ander", &f.leerdoelwijzer),
                        ("slug", &slug),
                    ],
                ),
            });
            continue;
        }
        let known_ids = statement_ids(doc);
        let bad_answer = f
            .antwoorden
            .iter()
            .find(|(id, a)| !known_ids.contains(&id.as_str()) || !ANSWERS.contains(&a.as_str()));
        if bad_answer.is_some() {
            problems.push(FileProblem {
                file: name.clone(),
                message: t(
                    "leerdoelen.bestand.onbekende-uitspraak",
                    &[("bestand", &name)],
                ),
            });
            continue;
        }
        usable.push(f);
    }
    if usable.len() < MIN_FILES {
        return Err((ProfileError::TooFew(usable.len()), problems));
    }
    Ok((aggregate(doc, &usable), problems))
}

fn statement_ids(doc: &Value) -> Vec<&str> {
    doc.get("aspecten")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|a| {
            a.get("uitspraken")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(|s| s.get("id").and_then(Value::as_str))
        .collect()
}

fn aggregate(doc: &Value, files: &[AnswerFile]) -> Profile {
    let aspects = doc
        .get("aspecten")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|a| {
            let statements: Vec<StatementTotals> = a
                .get("uitspraken")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| {
                    let id = s.get("id")?.as_str()?.to_string();
                    let mut counts = [0; 4];
                    for f in files {
                        if let Some(i) = f
                            .antwoorden
                            .get(&id)
                            .and_then(|a| ANSWERS.iter().position(|x| x == a))
                        {
                            counts[i] += 1;
                        }
                    }
                    Some(StatementTotals {
                        tekst: s
                            .get("tekst")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        id,
                        counts,
                    })
                })
                .collect();
            let mut counts = [0; 4];
            for s in &statements {
                for (total, n) in counts.iter_mut().zip(s.counts) {
                    *total += n;
                }
            }
            AspectTotals {
                titel: a
                    .get("titel")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                counts,
                statements,
            }
        })
        .collect();
    Profile {
        titel: doc
            .get("titel")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        respondents: files.len(),
        aspects,
    }
}
