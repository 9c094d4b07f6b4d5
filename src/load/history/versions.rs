//! Earlier committed versions of the organisation's own files (its policy and norm
//! schema): the texts as each commit on HEAD's first-parent chain holds them, one snapshot
//! per commit that changed one of them, newest first. Validation reads the norm versions
//! from them (see `validate::norm_version`).
//!
//! Read with gix from the repository's own files, as [`super::last_commits`] is: no `git`
//! process, no network, no configuration from outside the repository. No repository, no
//! commit yet, a shallow clone: the snapshots reach as far as the history does (none at
//! all without a repository), and [`Snapshots::repository`] says whether there was one.

use std::path::{Path, PathBuf};

use gix::ObjectId;

use super::{CommitTime, Discovered, Failure, Found, MAX_COMMITS, fail};
use crate::diagnostic::Diagnostic;

/// The asked-for files as one commit holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// When the commit was made.
    pub time: CommitTime,
    /// Each asked-for file's text at that commit, in the order asked (none: absent, not
    /// UTF-8 or larger than vpd reads).
    pub texts: Vec<Option<String>>,
}

/// What [`snapshots`] found.
#[derive(Debug, Clone, Default)]
pub struct Snapshots {
    /// Whether the organisation is in a git repository with at least one commit.
    pub repository: bool,
    /// One snapshot per commit that changed an asked-for file, newest first (the first is
    /// HEAD's state).
    pub list: Vec<Snapshot>,
    /// A repository that was found but could not be read: the same warning as for the
    /// commit dates.
    pub problem: Option<Diagnostic>,
}

/// The committed versions of `files` (paths below `root`, the organisation root).
pub fn snapshots(root: &Path, files: &[PathBuf]) -> Snapshots {
    let mut out = Snapshots::default();
    if files.is_empty() {
        return out;
    }
    let found = match Found::discover(root) {
        Discovered::Nothing => return out,
        Discovered::Broken(problem) => {
            out.problem = Some(problem);
            return out;
        }
        Discovered::Repository(found) => found,
    };
    if let Err(error) = walk(&found, root, files, &mut out) {
        let git_dir = found.repo.git_dir();
        out.problem = Some(super::unreadable(
            git_dir,
            &found.workdir,
            &found.prefix,
            &error,
        ));
    }
    out
}

fn walk(found: &Found, root: &Path, files: &[PathBuf], out: &mut Snapshots) -> Result<(), Failure> {
    let repo = &found.repo;
    let mut head = repo.head().map_err(fail)?;
    if head.is_unborn() {
        return Ok(());
    }
    out.repository = true;
    let mut commit = head.peel_to_commit().map_err(fail)?;
    let paths: Vec<Option<PathBuf>> = files
        .iter()
        .map(|f| {
            let names = found.repo_path(root, f)?;
            let parts: Vec<String> = names
                .into_iter()
                .map(|n| String::from_utf8(n).ok())
                .collect::<Option<_>>()?;
            Some(parts.iter().collect())
        })
        .collect();
    let shallow: Vec<ObjectId> = repo
        .shallow_commits()
        .map_err(fail)?
        .map(|c| c.iter().copied().collect())
        .unwrap_or_default();
    let mut previous: Option<Vec<Option<ObjectId>>> = None;
    for _ in 0..MAX_COMMITS {
        let tree = commit.tree().map_err(fail)?;
        let mut ids = Vec::with_capacity(paths.len());
        for path in &paths {
            let id = match path {
                Some(p) => tree
                    .lookup_entry_by_path(p)
                    .map_err(fail)?
                    .filter(|e| e.mode().is_blob())
                    .map(|e| e.object_id()),
                None => None,
            };
            ids.push(id);
        }
        if ids.iter().all(Option::is_none) {
            break;
        }
        if previous.as_ref() != Some(&ids) {
            let time = commit.time().map_err(fail)?;
            let texts = ids
                .iter()
                .map(|id| id.and_then(|id| text_of(repo, id)))
                .collect();
            out.list.push(Snapshot {
                time: CommitTime {
                    seconds: time.seconds,
                    offset: time.offset,
                },
                texts,
            });
            previous = Some(ids);
        }
        let Some(parent) = commit.parent_ids().next() else {
            break;
        };
        if shallow.contains(&commit.id) {
            break;
        }
        commit = repo.find_commit(parent).map_err(fail)?;
    }
    Ok(())
}

/// The text of the blob `id`, when it is UTF-8 and no larger than vpd reads.
fn text_of(repo: &gix::Repository, id: ObjectId) -> Option<String> {
    let blob = repo.find_object(id).ok()?;
    if blob.data.len() as u64 > crate::load::MAX_FILE_BYTES {
        return None;
    }
    String::from_utf8(blob.data.clone()).ok()
}
