//! The command line in the user's language: every text clap would print in English (help,
//! usage lines, headings, the help and version flags, usage errors) comes from the message
//! file. The arguments themselves are defined by derive in `mod.rs`; this module gives the
//! commands and arguments their words, by key: `cli.<command>.over`, `.gebruik`,
//! `.voorbeeld` and `.<argument id>`, and `cli.naam.<argument id>` for a value's placeholder.
//! `tests/cli_help.rs` runs `--help` of every command, so a missing key fails a test.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::messages::t;
use crate::terminal::escape;

/// Parses the process's arguments. Help and version are printed here; a usage error is
/// explained in Dutch on standard error, and the exit code is returned instead.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut cmd = command();
    cmd.try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .map_err(|e| report(&e, &cmd, &args))
}

/// The whole command line with its texts from the message file.
pub fn command() -> Command {
    let cmd = Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = localise(cmd, "vpd")
        .subcommand_help_heading(t("cli.kop.opdrachten", &[]))
        .subcommand_value_name(t("cli.naam.opdracht", &[]))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("cli.versie", &[]))
                .help_heading(t("cli.kop.opties", &[])),
        );
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| localise(sub, &name));
    }
    cmd
}

/// Gives one command (`name`: `vpd` for the top level) its texts, its Dutch help flag
/// and the texts of its arguments.
fn localise(cmd: Command, name: &str) -> Command {
    let params = super::leerdoelen::help_params();
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = |suffix: &str| t(&format!("cli.{name}.{suffix}"), &params);
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t("cli.kop.gebruik", &[])
    );
    let mut cmd = cmd
        .about(text("over"))
        .long_about(None::<&str>)
        .override_usage(text("gebruik"))
        .help_template(template)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t("cli.hulp", &[])),
        );
    if name != "vpd" {
        cmd = cmd.after_help(text("voorbeeld"));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    // In the order of their definition (clap would sort arguments with a heading by name).
    for (order, id) in ids.iter().enumerate() {
        cmd = cmd.mut_arg(id, |arg| argument(arg, text(id)).display_order(order));
    }
    cmd.mut_arg("help", |arg| {
        arg.help_heading(t("cli.kop.opties", &[]))
            .display_order(usize::MAX)
    })
}

/// One argument: its help, its heading and the placeholder of its value. Defaults and
/// possible values are part of the help text itself (clap would add them in English).
fn argument(arg: Arg, help: String) -> Arg {
    let heading = if arg.is_positional() {
        "cli.kop.argumenten"
    } else {
        "cli.kop.opties"
    };
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values())
        || arg.is_positional()
        || matches!(arg.get_action(), ArgAction::Set | ArgAction::Append);
    let id = arg.get_id().to_string();
    let arg = arg
        .help(help)
        .long_help(None::<&str>)
        .help_heading(t(heading, &[]));
    if takes_value {
        arg.value_name(t(&format!("cli.naam.{id}"), &[]))
            .hide_default_value(true)
            .hide_possible_values(true)
    } else {
        arg
    }
}

/// Prints a parse outcome that is not a command line to run: help and version on
/// standard output (exit 0), a usage error in Dutch on standard error (exit 2).
fn report(e: &clap::Error, cmd: &Command, args: &[OsString]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            let command = named_command(cmd, args);
            let usage_key = format!("cli.{}.gebruik", command.unwrap_or("vpd"));
            let program = match command {
                Some(c) => format!("vpd {c}"),
                None => "vpd".to_string(),
            };
            eprintln!("{}: {}", t("ernst.fout", &[]), message(e, cmd));
            eprintln!();
            eprintln!("{} {}", t("cli.kop.gebruik", &[]), t(&usage_key, &[]));
            eprintln!();
            eprintln!("{}", t("cli.meer-hulp", &[("opdracht", &program)]));
            ExitCode::from(2)
        }
    }
}

/// The subcommand the arguments name, if any (the first argument that is one).
fn named_command<'a>(cmd: &'a Command, args: &[OsString]) -> Option<&'a str> {
    let first = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))?;
    cmd.find_subcommand(first).map(Command::get_name)
}

/// The Dutch sentence for a usage error, from the error's context (the argument, the
/// value, the accepted values, clap's suggestion); never clap's English text.
fn message(e: &clap::Error, cmd: &Command) -> String {
    let get = |kind| context(e, kind);
    let suggestion = |kind| {
        let s = get(kind);
        (!s.is_empty()).then(|| format!(" {}", t("cli.fout.bedoelde-u", &[("suggestie", &s)])))
    };
    let text = match e.kind() {
        ErrorKind::InvalidValue if get(ContextKind::InvalidValue).is_empty() => t(
            "cli.fout.waarde-ontbreekt",
            &[("optie", &get(ContextKind::InvalidArg))],
        ),
        ErrorKind::InvalidValue => {
            t(
                "cli.fout.waarde-ongeldig",
                &[
                    ("waarde", &get(ContextKind::InvalidValue)),
                    ("optie", &get(ContextKind::InvalidArg)),
                    ("mogelijk", &get(ContextKind::ValidValue)),
                ],
            ) + &suggestion(ContextKind::SuggestedValue).unwrap_or_default()
        }
        ErrorKind::ValueValidation => t(
            "cli.fout.waarde-onjuist",
            &[
                ("waarde", &get(ContextKind::InvalidValue)),
                ("optie", &get(ContextKind::InvalidArg)),
            ],
        ),
        ErrorKind::UnknownArgument => {
            t(
                "cli.fout.onbekend-argument",
                &[("argument", &get(ContextKind::InvalidArg))],
            ) + &suggestion(ContextKind::SuggestedArg).unwrap_or_default()
        }
        ErrorKind::InvalidSubcommand => {
            let names: Vec<&str> = cmd.get_subcommands().map(Command::get_name).collect();
            t(
                "cli.fout.onbekende-opdracht",
                &[
                    ("opdracht", &get(ContextKind::InvalidSubcommand)),
                    ("opdrachten", &names.join(", ")),
                ],
            ) + &suggestion(ContextKind::SuggestedSubcommand).unwrap_or_default()
        }
        ErrorKind::MissingRequiredArgument => t(
            "cli.fout.ontbreekt",
            &[("argumenten", &get(ContextKind::InvalidArg))],
        ),
        ErrorKind::MissingSubcommand => t("cli.fout.opdracht-ontbreekt", &[]),
        // clap reports an option given twice as a conflict with itself.
        ErrorKind::ArgumentConflict
            if get(ContextKind::InvalidArg) == get(ContextKind::PriorArg) =>
        {
            t(
                "cli.fout.dubbel",
                &[("optie", &get(ContextKind::InvalidArg))],
            )
        }
        ErrorKind::ArgumentConflict => t(
            "cli.fout.conflict",
            &[
                ("optie", &get(ContextKind::InvalidArg)),
                ("andere", &get(ContextKind::PriorArg)),
            ],
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => t(
            "cli.fout.aantal-waarden",
            &[("optie", &get(ContextKind::InvalidArg))],
        ),
        ErrorKind::NoEquals => t(
            "cli.fout.is-teken",
            &[("optie", &get(ContextKind::InvalidArg))],
        ),
        ErrorKind::InvalidUtf8 => t("cli.fout.utf8", &[]),
        _ => t("cli.fout.anders", &[]),
    };
    escape(&text).into_owned()
}

/// One piece of an error's context as text ("" when the error has none).
fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(_)) | Some(ContextValue::None) | None => String::new(),
        Some(_) => String::new(),
    }
}

/// The Dutch text of an I/O error: by its kind, never the operating system's English
/// sentence; the OS's error number stays for the rare kind without a text of its own.
pub fn io_text(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io.niet-gevonden",
        K::PermissionDenied => "io.geen-toegang",
        K::AlreadyExists => "io.bestaat-al",
        K::IsADirectory => "io.is-een-map",
        K::NotADirectory => "io.geen-map",
        K::DirectoryNotEmpty => "io.map-niet-leeg",
        K::StorageFull | K::QuotaExceeded => "io.schijf-vol",
        K::ReadOnlyFilesystem => "io.alleen-lezen",
        K::AddrInUse => "io.adres-in-gebruik",
        K::AddrNotAvailable => "io.adres-niet-beschikbaar",
        K::Interrupted => "io.onderbroken",
        K::TimedOut => "io.te-traag",
        K::InvalidData | K::InvalidInput => "io.ongeldige-gegevens",
        _ => {
            return match e.raw_os_error() {
                Some(code) => t("io.anders.code", &[("code", &code.to_string())]),
                None => t("io.anders", &[]),
            };
        }
    };
    t(key, &[])
}

/// An error and its causes as one sentence, `context: cause: cause.`, with every I/O
/// error in Dutch (see [`io_text`]).
pub fn describe(e: &anyhow::Error) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_text(io),
            None => cause.to_string(),
        })
        .collect();
    let last = parts.len().saturating_sub(1);
    let mut text = parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i < last { p.trim_end_matches('.') } else { p })
        .collect::<Vec<_>>()
        .join(": ");
    if !text.ends_with(['.', '?', '!']) {
        text.push('.');
    }
    text
}
