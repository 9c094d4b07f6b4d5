//! The `vpd` command: parses arguments and hands them to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = vpd::cli::Cli::parse();
    vpd::cli::run(cli)
}
