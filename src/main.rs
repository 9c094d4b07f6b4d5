//! The `vpd` command: parses arguments and hands them to the library.

/// mimalloc instead of the system allocator: see its line in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    match vpd::cli::help::parse() {
        Ok(cli) => vpd::cli::run(cli),
        Err(code) => code,
    }
}
