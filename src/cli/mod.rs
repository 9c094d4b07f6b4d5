//! The command line: argument definitions and one function per command.
//! Exit codes: 0 fine, 1 validation errors, 2 usage or I/O problems.

mod build;
mod check;
pub mod help;
mod init;
mod leerdoelen;
mod new;
mod schema;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::format::Format;

/// Command-line arguments of `vpd`. Every text a user reads (about, help, usage, value
/// names, examples) comes from the message file through [`help::command`]; the doc
/// comments here are for developers.
#[derive(Debug, Parser)]
#[command(name = "vpd", version)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `vpd`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validates every protocol against its template and the organisation's norm.
    Check(CheckArgs),
    /// Validates everything and publishes the intranet site.
    Build(BuildArgs),
    /// Builds, serves and reloads the site on every change.
    Serve(ServeArgs),
    /// Writes the JSON Schemas for editors and a catalog.json.
    Schema(SchemaArgs),
    /// Writes a new team protocol with every question of its form.
    New(NewArgs),
    /// A team's learning profile from saved leerdoelwijzer answers.
    Leerdoelen(LeerdoelenArgs),
    /// Creates a new organisation repository.
    Init(InitArgs),
    /// Shows the help of vpd or of one command (clap's own help command is English).
    Help(HelpArgs),
}

/// Arguments of `vpd check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to report on; the organisation is found from the first.
    pub paths: Vec<PathBuf>,
    /// Hide warnings.
    #[arg(long)]
    pub alleen_fouten: bool,
    /// Show a concept's open questions in full and more findings of each kind.
    #[arg(long)]
    pub volledig: bool,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// An overdue evaluation is an error.
    #[arg(long)]
    pub strict: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// Arguments of `vpd build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The organisation's folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The output folder (`public/` in the organisation's folder by default).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// An overdue evaluation is an error.
    #[arg(long)]
    pub strict: bool,
    /// Print the time of each stage.
    #[arg(long)]
    pub tijden: bool,
    /// Build without the search index.
    #[arg(long)]
    pub zonder_zoekindex: bool,
}

/// Arguments of `vpd serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The organisation's folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The port (the first free one from 8000 by default).
    #[arg(long)]
    pub port: Option<u16>,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Build the preview in this folder instead of a temporary one.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `vpd schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The organisation's folder.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Where the schemas go (default: `.vpd/schemas` in the organisation's folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `vpd new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The template: werkplein or kcc.
    pub template: String,
    /// The team's name.
    pub team: String,
    /// The organisation's folder.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Arguments of `vpd leerdoelen`.
#[derive(Debug, clap::Args)]
pub struct LeerdoelenArgs {
    /// The folder with one team's saved answer files.
    pub dir: PathBuf,
    /// Where the profile (HTML) goes; `leerdoelprofiel.html` by default.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The organisation's folder (with `content/leerdoelwijzers/`).
    #[arg(long, default_value = ".")]
    pub org: PathBuf,
}

/// Arguments of `vpd init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The new folder.
    pub dir: PathBuf,
    /// The organisation's name.
    #[arg(long, default_value = "Gemeente Voorbeeld")]
    pub organisatie: String,
}

/// Arguments of `vpd help`.
#[derive(Debug, clap::Args)]
pub struct HelpArgs {
    /// The command to explain; vpd itself when absent.
    pub opdracht: Option<String>,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::New(args) => new::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Leerdoelen(args) => leerdoelen::run(&args),
        Command::Help(args) => show_help(args.opdracht.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Errors name paths and values from the repository: never raw to the terminal.
            eprintln!(
                "{}: {}",
                crate::messages::t("ernst.fout", &[]),
                crate::terminal::escape_lines(&help::describe(&e))
            );
            ExitCode::from(2)
        }
    }
}

/// `vpd help [OPDRACHT]`: the help of vpd or of one of its commands.
fn show_help(command: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut cmd = help::command();
    let target = match command {
        None => &mut cmd,
        Some(name) => match cmd.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => anyhow::bail!(crate::messages::t(
                "cli.help.onbekend",
                &[("opdracht", name)]
            )),
        },
    };
    target.print_help()?;
    Ok(ExitCode::SUCCESS)
}

/// The date checks compare with: today, or `VPD_VANDAAG` (YYYY-MM-DD) for reproducible runs.
pub fn today() -> anyhow::Result<jiff::civil::Date> {
    match std::env::var("VPD_VANDAAG") {
        Ok(s) => s.parse().map_err(|_| {
            anyhow::anyhow!(crate::messages::t(
                "cli.vandaag-ongeldig",
                &[("waarde", &s)]
            ))
        }),
        Err(_) => Ok(jiff::Zoned::now().date()),
    }
}
