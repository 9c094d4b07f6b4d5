//! Stage 5, write: put the rendered files on disk atomically.
//!
//! Steps: refuse an output folder vpd did not create → write everything into a staging
//! folder beside it → swap the staging folder and the old site in one rename (Linux
//! `RENAME_EXCHANGE`) → remove the old site. A failed or interrupted build leaves the
//! previous site untouched; no stale file survives a rebuild.

use std::path::{Path, PathBuf};

use crate::messages::t;
use crate::render::OutputFile;

/// The file that marks a folder as a site vpd wrote (and may replace).
pub const MARKER: &str = ".vpd-site";
const STAGING_PREFIX: &str = ".vpd-staging-";

/// Why writing failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output folder exists, is not empty and was not made by vpd.
    #[error("{}", t("schrijven.niet-van-vpd", &[("map", &.0.display().to_string())]))]
    NotOurs(PathBuf),
    /// The output path is a file.
    #[error("{}", t("schrijven.geen-map", &[("map", &.0.display().to_string())]))]
    NotADirectory(PathBuf),
    /// A file or folder could not be written.
    #[error("{}", t("schrijven.mislukt", &[("pad", &.0.display().to_string()), ("fout", &.1.to_string())]))]
    Io(PathBuf, std::io::Error),
    /// An output path tried to leave the output folder.
    #[error("{}", t("schrijven.ongeldig-pad", &[("pad", .0)]))]
    BadPath(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(path.to_path_buf(), e)
}

/// Whether `dir` may be replaced: it does not exist, is empty, or carries vpd's marker.
fn check_replaceable(dir: &Path) -> Result<bool, WriteError> {
    match std::fs::symlink_metadata(dir) {
        Err(_) => Ok(false),
        Ok(m) if !m.is_dir() => Err(WriteError::NotADirectory(dir.to_path_buf())),
        Ok(_) => {
            let empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_none();
            if empty || dir.join(MARKER).is_file() {
                Ok(true)
            } else {
                Err(WriteError::NotOurs(dir.to_path_buf()))
            }
        }
    }
}

/// Removes staging folders that an interrupted build left behind (only ones vpd marked).
fn remove_stale_staging(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let path = entry.path();
        if name.to_string_lossy().starts_with(STAGING_PREFIX) && path.join(MARKER).is_file() {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Writes `files` as the complete new content of `out`.
pub fn write(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let out = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir().map_err(io(out))?.join(out)
    };
    let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let exists = check_replaceable(&out)?;
    remove_stale_staging(&parent);

    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    std::fs::write(staging.path().join(MARKER), t("schrijven.markering", &[]))
        .map_err(io(staging.path()))?;
    for f in files {
        if f.path.split('/').any(|c| c == ".." || c.is_empty()) || f.path.starts_with('/') {
            return Err(WriteError::BadPath(f.path.clone()));
        }
        let path = staging.path().join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, &f.bytes).map_err(io(&path))?;
    }

    if exists {
        match rustix::fs::renameat_with(
            rustix::fs::CWD,
            staging.path(),
            rustix::fs::CWD,
            &out,
            rustix::fs::RenameFlags::EXCHANGE,
        ) {
            // `staging` now holds the old site and is removed when it is dropped.
            Ok(()) => Ok(()),
            Err(_) => {
                // File systems without RENAME_EXCHANGE: two renames, the old site kept
                // until the new one is in place.
                let old = parent.join(format!("{STAGING_PREFIX}old-{}", std::process::id()));
                std::fs::rename(&out, &old).map_err(io(&out))?;
                let staged = staging.keep();
                if let Err(e) = std::fs::rename(&staged, &out) {
                    let _ = std::fs::rename(&old, &out);
                    return Err(WriteError::Io(out.clone(), e));
                }
                let _ = std::fs::remove_dir_all(&old);
                Ok(())
            }
        }
    } else {
        let staged = staging.keep();
        std::fs::rename(&staged, &out).map_err(io(&out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn rebuild_replaces_everything_and_leaves_no_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write(
            &out,
            &[f("index.html", "een"), f("teams/a/index.html", "a")],
        )
        .unwrap();
        write(&out, &[f("index.html", "twee")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "twee"
        );
        assert!(!out.join("teams/a/index.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_folder_vpd_did_not_make_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("eigen.txt"), "van iemand anders").unwrap();
        let err = write(&out, &[f("index.html", "x")]).unwrap_err();
        assert!(matches!(err, WriteError::NotOurs(_)));
        assert_eq!(
            std::fs::read_to_string(out.join("eigen.txt")).unwrap(),
            "van iemand anders"
        );
    }

    #[test]
    fn paths_cannot_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let err = write(&tmp.path().join("public"), &[f("../x", "x")]).unwrap_err();
        assert!(matches!(err, WriteError::BadPath(_)));
    }
}
