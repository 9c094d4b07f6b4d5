//! The `vpd` command: parses arguments and hands them to the library.

use clap::Parser;

/// mimalloc instead of the system allocator: see its line in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = vpd::cli::Cli::parse();
    vpd::cli::run(cli)
}
