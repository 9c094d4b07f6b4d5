//! The command line: argument definitions and one function per command.
//! Exit codes: 0 fine, 1 validation errors, 2 usage or I/O problems.

mod build;
mod check;
mod init;
mod leerdoelen;
mod new;
mod schema;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::format::Format;

/// Command-line arguments of `vpd`.
#[derive(Debug, Parser)]
#[command(
    name = "vpd",
    version,
    about = "Controleer en publiceer protocollen Veilige Publieke Dienstverlening",
    long_about = None
)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `vpd`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Controleer alle protocollen tegen hun sjabloon en de organisatienorm.
    #[command(
        after_help = "Voorbeeld:\n  vpd check\n  vpd check mijn-organisatie --format github\n  vpd check content/teams/mijn-team.yaml --alleen-fouten"
    )]
    Check(CheckArgs),
    /// Controleer alles en publiceer de intranetsite (standaard in public/).
    #[command(
        after_help = "Voorbeeld:\n  vpd build\n  vpd build mijn-organisatie --out /srv/intranet/vpd"
    )]
    Build(BuildArgs),
    /// Bekijk de site terwijl u werkt: bouwt, serveert en ververst bij iedere wijziging.
    #[command(after_help = "Voorbeeld:\n  vpd serve\n  vpd serve --port 8080 --open")]
    Serve(ServeArgs),
    /// Schrijf de JSON Schema's (voor editors) en een catalog.json.
    #[command(after_help = "Voorbeeld:\n  vpd schema --out public/schemas")]
    Schema(SchemaArgs),
    /// Maak een nieuw teamprotocol met alle vragen van het formulier.
    #[command(after_help = "Voorbeeld:\n  vpd new werkplein \"Werkplein Zuid\"")]
    New(NewArgs),
    /// A team's learning profile from saved leerdoelwijzer answers; its help, with the
    /// privacy rule, comes from the message file.
    #[command(about = leerdoelen::about(), after_help = leerdoelen::rule_help())]
    Leerdoelen(LeerdoelenArgs),
    /// Maak een nieuwe organisatie-repository om mee te beginnen.
    #[command(after_help = "Voorbeeld:\n  vpd init gemeente-voorbeeld")]
    Init(InitArgs),
}

/// Arguments of `vpd check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Bestanden of mappen om te controleren; standaard de huidige map. De organisatie is
    /// de dichtstbijzijnde map (hier of erboven) met een map content/. Alles wordt
    /// gecontroleerd met de hele organisatie als context, maar alleen de meldingen en
    /// teams van de genoemde bestanden en mappen worden getoond.
    #[arg(value_name = "PAD")]
    pub paths: Vec<PathBuf>,
    /// Toon alleen fouten, geen waarschuwingen.
    #[arg(long)]
    pub alleen_fouten: bool,
    /// Toon ook elke nog niet ingevulde vraag van een concept met de regel uit het bestand
    /// (anders staan die kort in de lijst 'Nog te doen' per document), en tot 20 meldingen
    /// van iedere soort per bestand in plaats van 3.
    #[arg(long)]
    pub volledig: bool,
    /// Uitvoerformaat.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Een verlopen jaarlijkse evaluatie is een fout in plaats van een waarschuwing.
    #[arg(long)]
    pub strict: bool,
    /// Schrijf het rapport naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// Arguments of `vpd build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// De map van de organisatie (met content/); standaard de huidige map.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Waar de site komt; standaard public/ in de map van de organisatie.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Een verlopen jaarlijkse evaluatie is een fout in plaats van een waarschuwing.
    #[arg(long)]
    pub strict: bool,
    /// Toon na afloop hoe lang iedere fase duurde.
    #[arg(long)]
    pub tijden: bool,
    /// Bouw zonder zoekindex (sneller, bijvoorbeeld om te meten of te testen); zoeken
    /// werkt dan alleen via de A-Z-index.
    #[arg(long)]
    pub zonder_zoekindex: bool,
}

/// Arguments of `vpd serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// De map van de organisatie (met content/); standaard de huidige map.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// De poort; zonder deze optie de eerste vrije poort vanaf 8000.
    #[arg(long)]
    pub port: Option<u16>,
    /// Het adres waarop de server luistert.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open de site in de browser.
    #[arg(long)]
    pub open: bool,
    /// Bouw de voorvertoning in deze map in plaats van in een tijdelijke map. Een
    /// bestaande map moet leeg zijn of eerder door vpd gemaakt; hij blijft na het stoppen.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `vpd schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// De map van de organisatie (met content/).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Waar de schema's komen.
    #[arg(long, default_value = "public/schemas")]
    pub out: PathBuf,
}

/// Arguments of `vpd new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Het sjabloon: werkplein of kcc.
    pub template: String,
    /// De naam van het team, bijvoorbeeld "Werkplein Zuid".
    pub team: String,
    /// De map van de organisatie (met content/).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Arguments of `vpd leerdoelen`.
#[derive(Debug, clap::Args)]
pub struct LeerdoelenArgs {
    /// The folder with one team's saved answer files.
    #[arg(help = crate::messages::t("leerdoelen.help.map", &[]))]
    pub dir: PathBuf,
    /// Where the profile (HTML) goes; `leerdoelprofiel.html` by default.
    #[arg(long, help = crate::messages::t("leerdoelen.help.uit", &[]))]
    pub out: Option<PathBuf>,
    /// The organisation's folder (with `content/leerdoelwijzers/`).
    #[arg(long, default_value = ".", help = crate::messages::t("leerdoelen.help.org", &[]))]
    pub org: PathBuf,
}

/// Arguments of `vpd init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// De nieuwe map.
    pub dir: PathBuf,
    /// De naam van de organisatie.
    #[arg(long, default_value = "Gemeente Voorbeeld")]
    pub organisatie: String,
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
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Errors name paths and values from the repository: never raw to the terminal.
            eprintln!(
                "{}: {}",
                crate::messages::t("ernst.fout", &[]),
                crate::terminal::escape_lines(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
    }
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
