//! `vpd build`: validate, then publish the site atomically.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use super::BuildArgs;
use crate::diagnostic::format;
use crate::diagnostic::summary::Report;
use crate::messages::t;
use crate::pipeline::{self, BuildError, BuildOptions, Step};
use crate::validate::Options;

pub(super) fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("public"));
    let terminal = std::io::stderr().is_terminal();
    let progress = |step: Step| {
        if terminal {
            let key = match step {
                Step::Validating => "bouwen.stap.controleren",
                Step::Rendering => "bouwen.stap.pagina",
                Step::Indexing => "bouwen.stap.zoeken",
                Step::Writing => "bouwen.stap.schrijven",
            };
            eprint!("\r\x1b[2K{}", t(key, &[]));
            let _ = std::io::stderr().flush();
        }
    };
    let options = BuildOptions {
        validate: Options {
            today: super::today()?,
            strict: args.strict,
        },
        search: !args.zonder_zoekindex,
        progress: &progress,
    };
    let result = pipeline::build(&args.dir, &out, &options)?;
    if terminal {
        eprint!("\r\x1b[2K");
    }
    let report = Report::findings(&result.validated.diagnostics, result.validated.files);
    if !report.diagnostics.is_empty() {
        let color = terminal && std::env::var_os("NO_COLOR").is_none();
        eprint!("{}", format::human::render(&report, color));
    }
    match result.outcome {
        Ok(outcome) => {
            println!(
                "{}",
                t(
                    "bouwen.klaar",
                    &[
                        ("paginas", &outcome.pages.to_string()),
                        ("bestanden", &outcome.files.to_string()),
                        ("tijd", &format!("{:.2}", outcome.elapsed.as_secs_f64())),
                        ("map", &out.display().to_string()),
                    ],
                )
            );
            if args.tijden {
                for (stage, time) in &outcome.stages {
                    eprintln!("  {:<22} {:>8.3} s", stage.label(), time.as_secs_f64());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(BuildError::Invalid(_)) => {
            eprintln!("{}", t("bouwen.niet-gepubliceerd", &[]));
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}
