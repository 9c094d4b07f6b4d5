//! `vpd leerdoelen <map>`: a team's learning profile from saved questionnaire answers.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::LeerdoelenArgs;
use crate::leerdoelen::{self, render_profile};
use crate::messages::t;
use crate::template::{Kind, Templates};
use crate::validate::slug_of;

pub(super) fn run(args: &LeerdoelenArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(&args.org)?;
    let templates = Templates::load(&loaded.root);
    let questionnaires: BTreeMap<String, serde_json::Value> = loaded
        .documents
        .iter()
        .filter(|d| {
            d.template_name()
                .and_then(|n| templates.get(n))
                .is_some_and(|tpl| tpl.soort == Kind::Leerdoelwijzer)
        })
        .map(|d| (slug_of(d), d.value.clone()))
        .collect();
    let (result, problems) = match leerdoelen::build(&args.dir, &questionnaires) {
        Ok((profile, problems)) => (Ok(profile), problems),
        Err((e, problems)) => (Err(e), problems),
    };
    for p in &problems {
        eprintln!("{}: {}", t("ernst.waarschuwing", &[]), p.message);
    }
    let profile = match result {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}: {e}", t("ernst.fout", &[]));
            return Ok(ExitCode::from(1));
        }
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| "leerdoelprofiel.html".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // Written to a temporary file beside the target and renamed: never half-written.
    let mut tmp = tempfile::NamedTempFile::new_in(parent).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &out.display().to_string())],
        )
    })?;
    tmp.write_all(render_profile(&profile).as_bytes())
        .with_context(|| {
            t(
                "cli.schrijven-mislukt",
                &[("pad", &out.display().to_string())],
            )
        })?;
    tmp.persist(&out).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &out.display().to_string())],
        )
    })?;
    println!(
        "{}",
        t(
            "leerdoelen.klaar",
            &[
                ("aantal", &profile.respondents.to_string()),
                ("pad", &out.display().to_string())
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}
