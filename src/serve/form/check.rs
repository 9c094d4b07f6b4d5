//! Validating the form's unsaved state with `vpd check`'s own rules: the answers are set
//! into the file's text in memory with [`crate::edit::set_answer`] (as saving would set
//! them), the organisation is checked with that one file's text replaced
//! ([`crate::pipeline::check_with_text`]), and each finding of the file is mapped back to
//! the keys of the answer it is about (the parsed text's spans). Whether the protocol could
//! be adopted now is the same check with `status: vastgesteld` (and today's date when none
//! is given): a concept's gaps are warnings, an adopted protocol's are errors. The norm
//! schema's status is optional: without one it is checked as adopted already, and its check
//! says only what `vpd check` finds.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::validate::Options;

/// One finding as the form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The keys of the answer it is about, from the document root (list items by index).
    pub pad: Vec<String>,
    /// `fout` or `waarschuwing`.
    pub ernst: &'static str,
    /// What is wrong, in Dutch.
    pub melding: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The rule's stable code.
    pub regel: &'static str,
}

/// What the form's state would mean for `vpd check`.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// The file's findings with its current status.
    pub bevindingen: Vec<Finding>,
    /// Whether the protocol could be adopted (`vastgesteld`) as it is; `null` for a document
    /// without a status that needs none (the norm schema).
    pub vaststellen_mogelijk: Option<bool>,
    /// What stands in the way of adopting it (the errors it would have as `vastgesteld`);
    /// empty without a status.
    pub ontbreekt: Vec<Finding>,
}

/// `text` with each `(keys, value)` answer set; the first answer that cannot be set is the
/// error.
pub fn apply(
    text: &str,
    answers: &[(Vec<String>, Value)],
) -> Result<String, crate::edit::EditError> {
    let mut text = text.to_string();
    for (pad, value) in answers {
        let keys: Vec<&str> = pad.iter().map(String::as_str).collect();
        text = crate::edit::set_answer(&text, &keys, value)?;
    }
    Ok(text)
}

/// Why the form's state could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The organisation could not be loaded.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    /// The status or date of adoption could not be set into the text.
    #[error(transparent)]
    Edit(#[from] crate::edit::EditError),
}

/// Checks the organisation at `root` with the file `path` holding `text`, and whether it
/// could be adopted (`status: vastgesteld`) as it is: always when `status_required` (a
/// protocol, the policy), else only when it has a status (the norm schema, whose status is
/// optional: without one it is checked as adopted already).
pub fn outcome(
    root: &Path,
    options: &Options,
    path: &Path,
    text: &str,
    status_required: bool,
) -> Result<Outcome, CheckError> {
    let bevindingen = findings(root, options, path, text)?;
    if !status_required && !has_key(text, "status") {
        return Ok(Outcome {
            bevindingen,
            vaststellen_mogelijk: None,
            ontbreekt: Vec::new(),
        });
    }
    let adopted = as_adopted(text, options)?;
    let is_error = |f: &Finding| f.ernst == "fout";
    // An adopted protocol is checked once: as it is is as it would be adopted.
    let ontbreekt: Vec<Finding> = if adopted == text {
        bevindingen
            .iter()
            .filter(|f| is_error(f))
            .cloned()
            .collect()
    } else {
        findings(root, options, path, &adopted)?
            .into_iter()
            .filter(is_error)
            .collect()
    };
    Ok(Outcome {
        vaststellen_mogelijk: Some(ontbreekt.is_empty()),
        bevindingen,
        ontbreekt,
    })
}

/// `text` as it would be adopted today: `status: vastgesteld`, with today's date when it
/// gives no date of adoption.
fn as_adopted(text: &str, options: &Options) -> Result<String, crate::edit::EditError> {
    let mut answers = vec![(vec!["status".to_string()], Value::from("vastgesteld"))];
    if !has_key(text, "vastgesteld_op") {
        answers.push((
            vec!["vastgesteld_op".to_string()],
            Value::from(options.today.to_string()),
        ));
    }
    apply(text, &answers)
}

/// Whether the YAML `text` has the top-level key `key`.
fn has_key(text: &str, key: &str) -> bool {
    let source = std::sync::Arc::new(crate::source::SourceFile::new(
        Path::new("formulier.yaml"),
        "formulier.yaml".into(),
        text.to_string(),
    ));
    crate::load::parse_document(&source).is_ok_and(|d| d.value.get(key).is_some())
}

/// The findings of the file `path` when it holds `text`, each at the keys it is about.
fn findings(
    root: &Path,
    options: &Options,
    path: &Path,
    text: &str,
) -> Result<Vec<Finding>, crate::load::LoadError> {
    let checked = crate::pipeline::check_with_text(root, options, path, text.to_string())?;
    let doc = checked
        .loaded
        .documents
        .iter()
        .find(|d| d.source.path == path);
    let all = checked
        .validated
        .diagnostics
        .iter()
        .chain(&checked.loaded.diagnostics);
    Ok(all
        .filter(|d| d.primary.source.path == path)
        .map(|d| finding(d, doc.map(|doc| &**doc)))
        .collect())
}

fn finding(d: &Diagnostic, doc: Option<&crate::load::Document>) -> Finding {
    Finding {
        pad: doc.map(|doc| pad_of(d, doc)).unwrap_or_default(),
        ernst: match d.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        },
        melding: d.message.clone(),
        hint: d.hint.clone(),
        regel: d.rule.code(),
    }
}

/// The keys of the answer the finding `d` in `doc` is about.
fn pad_of(d: &Diagnostic, doc: &crate::load::Document) -> Vec<String> {
    let mut pad = doc.spans.path_at(d.primary.span.start.byte);
    let Some(missing) = &d.missing else {
        return pad;
    };
    // A missing key is reported at its parent mapping; one in a list (a step, a row) starts
    // at its first key, which is then the place found. A key is missing from a mapping, never
    // from a text or a list: the parent is the row.
    let at = |keys: &[String]| {
        let tokens: Vec<&str> = keys.iter().map(String::as_str).collect();
        doc.value.pointer(&crate::load::spans::pointer(&tokens))
    };
    let below_text = at(&pad).is_some_and(|v| !v.is_object() && !v.is_null());
    if below_text && pad.len() > 1 && at(&pad[..pad.len() - 1]).is_some_and(Value::is_object) {
        pad.pop();
    }
    pad.push(missing.clone());
    pad
}
