//! `vpd serve`: the live preview.

use std::process::ExitCode;

use super::ServeArgs;
use crate::serve::{ServeOptions, serve};
use crate::validate::Options;

pub(super) fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    serve(ServeOptions {
        root: args.dir.clone(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        out: args.out.clone(),
        validate: Options {
            today: super::today()?,
            strict: false,
        },
    })?;
    Ok(ExitCode::SUCCESS)
}
