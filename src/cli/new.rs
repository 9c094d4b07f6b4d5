//! `vpd new <template> <team>`: a scaffold for a new team protocol.

use std::process::ExitCode;

use anyhow::{Context, bail};

use super::NewArgs;
use crate::messages::t;
use crate::scaffold::{self, ScaffoldContext};
use crate::template::Templates;
use crate::template::editor::EDITOR_SCHEMA_DIR;

pub(super) fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(&args.dir)?;
    let templates = Templates::load(&loaded.root);
    let Some(template) = templates
        .get(&args.template)
        .filter(|t| scaffold::is_team_template(t))
    else {
        let names: Vec<&str> = templates
            .by_name
            .values()
            .filter(|t| scaffold::is_team_template(t))
            .map(|t| t.template.as_str())
            .collect();
        bail!(t(
            "new.onbekend-template",
            &[("naam", &args.template), ("namen", &names.join(", "))]
        ));
    };
    let slug = scaffold::slugify(&args.team);
    if slug.is_empty() {
        bail!(t("new.lege-naam", &[]));
    }
    let ctx = ScaffoldContext {
        schema_path: super::init::schema_path(&template.template),
        ..ScaffoldContext::from_loaded(&loaded, &templates)
    };
    let dir = loaded.root.join("content").join("teams");
    std::fs::create_dir_all(&dir).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &dir.display().to_string())],
        )
    })?;
    let path = dir.join(format!("{slug}.yaml"));
    let text = scaffold::team_protocol(template, &args.team, &ctx);
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
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
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).with_context(|| {
        t(
            "cli.schrijven-mislukt",
            &[("pad", &path.display().to_string())],
        )
    })?;
    // The organisation's departments, roles and werkvormen may have changed since the
    // editor schemas were last written.
    super::schema::refresh(&loaded, &loaded.root.join(EDITOR_SCHEMA_DIR))?;
    println!(
        "{}",
        t("new.geschreven", &[("pad", &path.display().to_string())])
    );
    Ok(ExitCode::SUCCESS)
}
