//! `vpd leerdoelen <map>`: a team's learning profile from saved questionnaire answers.
//!
//! Everything printed here may carry a file name or a value from an answer file, so every
//! line goes through [`crate::terminal::escape`].

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::LeerdoelenArgs;
use crate::leerdoelen::similarity::{MAX_DIFFERENCE_PERCENT, MAX_DIFFERENCES};
use crate::leerdoelen::{self, MIN_RESPONDENTS, Profile, render_profile};
use crate::messages::t;
use crate::template::{Kind, Templates};
use crate::terminal::escape;
use crate::validate::slug_of;

/// The figures the help of `vpd leerdoelen` names (its privacy rule): the help texts of
/// every command are filled with these.
pub(super) fn help_params() -> [(&'static str, String); 3] {
    [
        ("minimaal", MIN_RESPONDENTS.to_string()),
        ("verschil", MAX_DIFFERENCES.to_string()),
        ("procent", MAX_DIFFERENCE_PERCENT.to_string()),
    ]
}

pub(super) fn run(args: &LeerdoelenArgs) -> anyhow::Result<ExitCode> {
    let questionnaires = questionnaires(&args.org)?;
    let (result, problems) = match leerdoelen::build(&args.dir, &questionnaires) {
        Ok((profile, problems)) => (Ok(profile), problems),
        Err((e, problems)) => (Err(e), problems),
    };
    for p in &problems {
        warn(&p.message);
    }
    let profile = match result {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}: {}", t("ernst.fout", &[]), escape(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    if !profile.shows_anything() {
        warn(&t(
            "leerdoelen.niets-te-tonen",
            &[("minimaal", &MIN_RESPONDENTS.to_string())],
        ));
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| "leerdoelprofiel.html".into());
    write_atomically(&out, &profile)?;
    println!(
        "{}",
        escape(&t(
            "leerdoelen.klaar",
            &[
                ("aantal", &profile.respondents.to_string()),
                ("pad", &out.display().to_string())
            ]
        ))
    );
    Ok(ExitCode::SUCCESS)
}

/// A warning on standard error, escaped.
fn warn(message: &str) {
    eprintln!("{}: {}", t("ernst.waarschuwing", &[]), escape(message));
}

/// The organisation's leerdoelwijzers, slug → document.
fn questionnaires(org: &Path) -> anyhow::Result<BTreeMap<String, serde_json::Value>> {
    let loaded = crate::load::load(org)?;
    let templates = Templates::load(&loaded.root);
    Ok(loaded
        .documents
        .iter()
        .filter(|d| {
            d.template_name()
                .and_then(|n| templates.get(n))
                .is_some_and(|tpl| tpl.soort == Kind::Leerdoelwijzer)
        })
        .map(|d| (slug_of(d), d.value.clone()))
        .collect())
}

/// Writes the page to a temporary file beside `out` and renames it: never half-written.
fn write_atomically(out: &Path, profile: &Profile) -> anyhow::Result<()> {
    let failed = || {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &escape(&out.display().to_string()))],
        )
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(parent).with_context(failed)?;
    tmp.write_all(render_profile(profile).as_bytes())
        .with_context(failed)?;
    tmp.persist(out).with_context(failed)?;
    Ok(())
}
