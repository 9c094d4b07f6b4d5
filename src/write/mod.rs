//! Stage 5, write: put the rendered files on disk atomically.
//!
//! Steps: refuse an output folder vpd did not create → write every file into a staging
//! folder beside it as it is rendered ([`Staging`]) → swap the staging folder and the old
//! site in one rename (Linux `RENAME_EXCHANGE`) → remove the old site. A failed or
//! interrupted build leaves the previous site untouched; no stale file survives a rebuild.
//! The preview instead updates its folder file by file ([`LiveFolder`]), each file
//! renamed into place.

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
    BadPath(String, #[source] crate::site_path::SitePathError),
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
/// A build holds a lock on its staging folder's marker for as long as it runs (the system
/// releases it when the process ends, also on SIGKILL): a folder whose marker is locked
/// belongs to a build that is still running and is left alone.
fn remove_stale_staging(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let path = entry.path();
        if !name.to_string_lossy().starts_with(STAGING_PREFIX) {
            continue;
        }
        // Locking it ourselves proves that its owner is gone; the lock is dropped with the
        // folder.
        if let Ok(marker) = std::fs::File::open(path.join(MARKER))
            && lock(&marker, false).is_ok()
        {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Takes an exclusive advisory lock on `file`, waiting for it when `wait` is set.
fn lock(file: &std::fs::File, wait: bool) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    let operation = if wait {
        FlockOperation::LockExclusive
    } else {
        FlockOperation::NonBlockingLockExclusive
    };
    flock(file, operation).map_err(std::io::Error::from)
}

/// Rejects an output path that could leave the output folder.
fn checked(path: &str) -> Result<&str, WriteError> {
    crate::site_path::checked_file(path).map_err(|e| WriteError::BadPath(path.to_string(), e))
}

/// Writes `bytes` to `dir/rel`, creating folders.
fn put_in(dir: &Path, rel: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let path = dir.join(checked(rel)?);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(&path, bytes).map_err(io(&path))?;
    Ok(path)
}

/// The absolute form of `out`.
fn absolute(out: &Path) -> Result<PathBuf, WriteError> {
    if out.is_absolute() {
        Ok(out.to_path_buf())
    } else {
        Ok(std::env::current_dir().map_err(io(out))?.join(out))
    }
}

/// A new site being written beside the old one; [`Staging::commit`] swaps it in. Dropped
/// without a commit, it is removed and the old site stays as it was.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    dir: tempfile::TempDir,
    /// The staging folder's marker, locked while this build runs.
    _lock: std::fs::File,
}

impl Staging {
    /// Starts a new site for `out`: refuses a folder vpd did not make, removes staging
    /// folders an interrupted build left, and creates a fresh staging folder.
    pub fn open(out: &Path) -> Result<Staging, WriteError> {
        let out = absolute(out)?;
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        check_replaceable(&out)?;
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(&parent)
            .map_err(io(&parent))?;
        let marker = dir.path().join(MARKER);
        std::fs::write(&marker, t("schrijven.markering", &[])).map_err(io(&marker))?;
        let held = std::fs::File::open(&marker).map_err(io(&marker))?;
        lock(&held, true).map_err(io(&marker))?;
        // Only now: our own folder is locked, so this never removes it.
        remove_stale_staging(&parent);
        Ok(Staging {
            out,
            parent,
            dir,
            _lock: held,
        })
    }

    /// Writes one file of the new site (from any thread).
    pub fn put(&self, file: &OutputFile) -> Result<(), WriteError> {
        put_in(self.dir.path(), &file.path, &file.bytes).map(|_| ())
    }

    /// Replaces the old site with the new one in one step.
    pub fn commit(self) -> Result<(), WriteError> {
        let Staging {
            out,
            parent,
            dir,
            _lock,
        } = self;
        // Decided now, not at open: a concurrent build may have created the site meanwhile.
        if !check_replaceable(&out)? {
            match std::fs::rename(dir.path(), &out) {
                Ok(()) => {
                    let _ = dir.keep();
                    return Ok(());
                }
                // Another build put a site there first: swap with it below.
                Err(_) if check_replaceable(&out)? => {}
                Err(e) => return Err(WriteError::Io(out, e)),
            }
        }
        match rustix::fs::renameat_with(
            rustix::fs::CWD,
            dir.path(),
            rustix::fs::CWD,
            &out,
            rustix::fs::RenameFlags::EXCHANGE,
        ) {
            // `dir` now holds the old site and is removed when it is dropped.
            Ok(()) => Ok(()),
            Err(_) => {
                // File systems without RENAME_EXCHANGE: two renames, the old site kept
                // until the new one is in place.
                let old = parent.join(format!("{STAGING_PREFIX}old-{}", std::process::id()));
                std::fs::rename(&out, &old).map_err(io(&out))?;
                let staged = dir.keep();
                if let Err(e) = std::fs::rename(&staged, &out) {
                    let _ = std::fs::rename(&old, &out);
                    return Err(WriteError::Io(out.clone(), e));
                }
                let _ = std::fs::remove_dir_all(&old);
                Ok(())
            }
        }
    }
}

/// Writes `files` as the complete new content of `out`.
pub fn write(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::open(out)?;
    for f in files {
        staging.put(f)?;
    }
    staging.commit()
}

/// A site folder that is updated file by file while it is being read (the preview):
/// each file is written under a temporary name and renamed into place, so a reader sees
/// the old file or the new one, never half of one.
#[derive(Debug, Clone)]
pub struct LiveFolder {
    root: PathBuf,
}

impl LiveFolder {
    /// Takes `root` empty: created when missing, emptied when vpd made it (a site of an
    /// earlier run must not leave files behind), refused otherwise; then marks it.
    pub fn open(root: &Path) -> Result<LiveFolder, WriteError> {
        let root = absolute(root)?;
        if check_replaceable(&root)? {
            std::fs::remove_dir_all(&root).map_err(io(&root))?;
        }
        std::fs::create_dir_all(&root).map_err(io(&root))?;
        std::fs::write(root.join(MARKER), t("schrijven.markering", &[])).map_err(io(&root))?;
        Ok(LiveFolder { root })
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Replaces one file atomically.
    pub fn put(&self, file: &OutputFile) -> Result<(), WriteError> {
        let target = self.root.join(checked(&file.path)?);
        let dir = target.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".vpd-nieuw-")
            .tempfile_in(&dir)
            .map_err(io(&dir))?;
        std::io::Write::write_all(&mut tmp, &file.bytes).map_err(io(&target))?;
        tmp.persist(&target)
            .map_err(|e| WriteError::Io(target.clone(), e.error))?;
        Ok(())
    }

    /// Removes a file that no longer belongs to the site, and folders left empty.
    pub fn remove(&self, rel: &str) -> Result<(), WriteError> {
        let path = self.root.join(checked(rel)?);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(WriteError::Io(path, e)),
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.root) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
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
    fn a_preview_folder_starts_empty_and_is_updated_file_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("voorvertoning");
        write(&out, &[f("oud/index.html", "van een eerdere site")]).unwrap();
        let live = LiveFolder::open(&out).unwrap();
        assert!(
            !out.join("oud/index.html").exists(),
            "an earlier site is gone"
        );
        live.put(&f("teams/a/index.html", "a")).unwrap();
        live.put(&f("teams/a/index.html", "b")).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("teams/a/index.html")).unwrap(),
            "b"
        );
        live.remove("teams/a/index.html").unwrap();
        assert!(!out.join("teams").exists(), "emptied folders go too");
        assert!(out.join(MARKER).is_file());
        let theirs = tmp.path().join("eigen");
        std::fs::create_dir_all(&theirs).unwrap();
        std::fs::write(theirs.join("x.txt"), "x").unwrap();
        assert!(matches!(
            LiveFolder::open(&theirs),
            Err(WriteError::NotOurs(_))
        ));
    }

    #[test]
    fn paths_cannot_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let err = write(&tmp.path().join("public"), &[f("../x", "x")]).unwrap_err();
        assert!(matches!(err, WriteError::BadPath(..)));
    }
}
