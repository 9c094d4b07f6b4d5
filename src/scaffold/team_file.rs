//! A new team protocol's file: where `vpd new` (and the preview's "Nieuw protocol") puts
//! it, what it holds, and writing it without overwriting an existing protocol.

use std::path::{Path, PathBuf};

use crate::load::Loaded;
use crate::messages::t;
use crate::template::Templates;
use crate::template::editor::EDITOR_SCHEMA_DIR;

use super::{ScaffoldContext, is_team_template, slugify, team_protocol};

/// A new team protocol, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTeam {
    /// The team's slug (its file name without `.yaml`).
    pub slug: String,
    /// The file: `content/teams/<slug>.yaml` in the organisation's repository.
    pub path: PathBuf,
    /// The scaffold.
    pub text: String,
}

/// Why there is no new team protocol.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NewTeamError {
    /// The template does not exist or is no team protocol; the team templates there are.
    #[error("{}", t("new.onbekend-template", &[("naam", .0), ("namen", &.1.join(", "))]))]
    UnknownTemplate(String, Vec<String>),
    /// The team's name has no letters or digits.
    #[error("{}", t("new.lege-naam", &[]))]
    EmptyName,
}

/// The `$schema=` path of a file in `content/<folder>/` to the editor schema `name`.
pub fn schema_path(name: &str) -> String {
    format!("../../{EDITOR_SCHEMA_DIR}/{name}.json")
}

/// The scaffold of the team protocol `team` from the team template `template`, and where
/// it goes in `loaded`'s repository.
pub fn new_team(
    loaded: &Loaded,
    templates: &Templates,
    template: &str,
    team: &str,
) -> Result<NewTeam, NewTeamError> {
    let Some(found) = templates.get(template).filter(|t| is_team_template(t)) else {
        let names = templates
            .by_name
            .values()
            .filter(|t| is_team_template(t))
            .map(|t| t.template.clone())
            .collect();
        return Err(NewTeamError::UnknownTemplate(template.to_string(), names));
    };
    let slug = slugify(team);
    if slug.is_empty() {
        return Err(NewTeamError::EmptyName);
    }
    let ctx = ScaffoldContext {
        schema_path: schema_path(&found.template),
        ..ScaffoldContext::from_loaded(loaded, templates)
    };
    let path = team_dir(&loaded.root).join(format!("{slug}.yaml"));
    Ok(NewTeam {
        text: team_protocol(found, team, &ctx),
        slug,
        path,
    })
}

/// The folder of the team protocols in the repository at `root`.
pub fn team_dir(root: &Path) -> PathBuf {
    root.join("content").join("teams")
}

/// Writes `text` to `path` whole or not at all (a temporary file beside it, linked into
/// place), and never over an existing file: then the error's kind is
/// [`std::io::ErrorKind::AlreadyExists`] and nothing changed.
pub fn create(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vpd-nieuw-");
    // A protocol is an ordinary file (a temporary one is only the owner's): read-write
    // for its owner, readable for others, less what the umask takes away.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("teams/a.yaml");
        create(&path, "een\n").expect("creates");
        let e = create(&path, "twee\n").expect_err("refuses");
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).expect("text"), "een\n");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("teams"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.yaml"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The same mode as a file written the ordinary way.
            let ordinary = dir.path().join("gewoon.yaml");
            std::fs::write(&ordinary, "x").expect("writes");
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode();
            assert_eq!(mode(&path), mode(&ordinary));
        }
    }
}
