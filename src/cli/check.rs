//! `vpd check`: the pipeline's first two stages (load, validate), then the report.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;

use super::CheckArgs;
use crate::diagnostic::format::{self, Format};
use crate::diagnostic::summary::Report;
use crate::validate::Options;

pub(super) fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let options = Options {
        today: super::today()?,
        strict: args.strict,
    };
    let validated = crate::pipeline::check(&args.dir, &options)?.validated;
    let report = Report {
        diagnostics: &validated.diagnostics,
        files: validated.files,
        teams: &validated.teams,
    };
    let color = args.format == Format::Human
        && args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = format::render(args.format, &report, color);
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| {
            crate::messages::t(
                "cli.schrijven-mislukt",
                &[("pad", &path.display().to_string())],
            )
        })?,
        None => print!("{text}"),
    }
    Ok(if validated.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
