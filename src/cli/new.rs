//! `vpd new <template> <team>`: a scaffold for a new team protocol.

use std::process::ExitCode;

use anyhow::{Context, bail};

use super::NewArgs;
use crate::messages::t;
use crate::scaffold;
use crate::template::Templates;
use crate::template::editor::EDITOR_SCHEMA_DIR;

pub(super) fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(&args.dir)?;
    let templates = Templates::load(&loaded.root);
    let new = scaffold::new_team(&loaded, &templates, &args.template, &args.team)?;
    let path = &new.path;
    match scaffold::create(path, &new.text) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(t("new.bestaat-al", &[("pad", &path.display().to_string())]))
        }
        Err(e) => {
            return Err(e).with_context(|| {
                t(
                    "cli.schrijven-mislukt",
                    &[("pad", &path.display().to_string())],
                )
            });
        }
    }
    // The organisation's departments, roles and werkvormen may have changed since the
    // editor schemas were last written.
    super::schema::refresh(&loaded, &loaded.root.join(EDITOR_SCHEMA_DIR))?;
    println!(
        "{}",
        t("new.geschreven", &[("pad", &path.display().to_string())])
    );
    Ok(ExitCode::SUCCESS)
}
