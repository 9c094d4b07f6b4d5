//! When each content file last changed, read from the git repository the organisation is
//! kept in: the date a page without a date of its own (a werkvorm, a leerdoelwijzer, a
//! concept protocol) shows as "Laatst gewijzigd op". Only `build` and `serve` ask for it.
//!
//! Steps: find the repository (from the organisation root upwards, `.git` folders only,
//! and only when the root lies inside its work tree) → each file's blob in HEAD's tree →
//! leave out files HEAD lacks (not committed) and files whose working copy differs from
//! HEAD (not committed either: the date of an older commit would be wrong) → walk HEAD's
//! first-parent chain once, comparing each commit's tree with its parent's only below the
//! folders that still hold undated files, and date a file by the newest commit whose blob
//! for it differs from its parent's (or that added it) → stop when every file is dated.
//!
//! Everything is read with gix from the repository's own files: no `git` process, no
//! network, and no configuration from outside the repository (gix's isolated options: no
//! global or system git configuration, no environment variables such as `GIT_DIR`). The
//! repository's storage is read where the repository itself says it is (a linked work
//! tree's `.git` file, alternates), as git does; nothing of it but dates reaches the site.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::objs::TreeRef;
use gix::objs::tree::EntryRef;
use jiff::civil::Date;
use rayon::prelude::*;

use super::{MAX_FILE_BYTES, tree};
use crate::diagnostic::{Diagnostic, Rule};
use crate::messages::t;
use crate::source::{SourceFile, Span};

/// The most commits walked from HEAD. Files still undated after that many (unchanged for
/// at least as long) get no commit date, so a build of a repository with a long history
/// costs at most this many tree comparisons, each limited to the folders of undated files.
pub const MAX_COMMITS: usize = 10_000;

/// Delta bases kept while reading a pack: a folder's tree is stored as a chain of changes
/// to an older version of it, and consecutive commits share most of that chain.
const PACK_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// When a commit was made: the committer's time (when the change entered this branch's
/// history, also after a rebase or a merge) and the committer's UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitTime {
    /// Seconds since the Unix epoch.
    pub seconds: i64,
    /// The committer's offset from UTC, in seconds.
    pub offset: i32,
}

impl CommitTime {
    /// The calendar date in the committer's time zone (as `git log` shows it), or none for
    /// a time outside the calendar's range.
    pub fn date(self) -> Option<Date> {
        let offset = jiff::tz::Offset::from_seconds(self.offset).ok()?;
        let time = jiff::Timestamp::from_second(self.seconds).ok()?;
        Some(offset.to_datetime(time).date())
    }
}

/// Each file's last commit, by the path it was asked for with. A file without one (no
/// repository, not committed, changed since its last commit) is absent.
pub type CommitDates = HashMap<PathBuf, CommitTime>;

/// What [`last_commits`] found.
#[derive(Debug, Default)]
pub struct History {
    /// The files with a last commit.
    pub dates: CommitDates,
    /// A repository that was found but could not be opened or read (a broken config or
    /// object, a missing commit in a full clone): a warning. Files dated before the
    /// problem keep their date.
    pub problem: Option<Diagnostic>,
}

/// The time of the last commit that changed each of `files` (paths as the loader has
/// them: below `root`, the organisation root).
///
/// No repository around `root` (none found upwards, `root` not inside its work tree, a
/// bare repository, a `.git` that cannot be read at all), no commit yet on HEAD, a file not
/// committed or changed in the working copy: no date, silently; the page shows its own
/// date or the publication date. A repository that is found but does not open (a broken
/// config, an object format vpd does not read) or cannot be read (a missing or broken
/// object) is [`History::problem`]; a `.git` whose folder or files may not be read, or
/// whose `HEAD` is unreadable, is no repository to git either, and so none here. A shallow clone is read down to its boundary: a file unchanged
/// within it has no date (not the boundary commit's, which may not have touched it).
pub fn last_commits(root: &Path, files: &[PathBuf]) -> History {
    last_commits_within(root, files, MAX_COMMITS)
}

/// [`last_commits`], walking at most `max_commits` commits.
fn last_commits_within(root: &Path, files: &[PathBuf], max_commits: usize) -> History {
    let mut history = History::default();
    if files.is_empty() {
        return history;
    }
    let found = match Found::discover(root) {
        Discovered::Nothing => return history,
        Discovered::Broken(problem) => {
            history.problem = Some(problem);
            return history;
        }
        Discovered::Repository(found) => found,
    };
    if let Err(error) = found.read(root, files, max_commits, &mut history.dates) {
        let git_dir = found.repo.git_dir();
        history.problem = Some(unreadable(git_dir, &found.workdir, &found.prefix, &error));
    }
    history
}

/// The warning for the repository at `git_dir` that could not be read; `workdir` and
/// `prefix` as in [`Found`].
fn unreadable(git_dir: &Path, workdir: &Path, prefix: &Path, error: &str) -> Diagnostic {
    let git_dir = git_dir
        .canonicalize()
        .unwrap_or_else(|_| git_dir.to_path_buf());
    let display = crate::terminal::escape(&shown(workdir, prefix, &git_dir)).into_owned();
    let source = Arc::new(SourceFile::new(&git_dir, display, String::new()));
    Diagnostic::new(
        Rule::GitHistory,
        &source,
        Span::file_start(),
        t(
            "geschiedenis.onleesbaar",
            &[("fout", &crate::terminal::escape(error))],
        ),
    )
    .with_hint(t("geschiedenis.onleesbaar.hint", &[]))
}

/// `path` (canonical) as the organisation's files are shown: relative to its root, which
/// is `prefix` below the work tree `workdir` (`../.git` for the repository of a folder
/// above it); a path outside the work tree (a linked work tree's git folder) in full.
fn shown(workdir: &Path, prefix: &Path, path: &Path) -> String {
    let Ok(rel) = path.strip_prefix(workdir) else {
        return path.to_string_lossy().into_owned();
    };
    let up = prefix.components().map(|_| "..".to_string());
    let down = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    up.chain(down).collect::<Vec<_>>().join("/")
}

/// Whether `error` comes from a file the process may not read (then the repository is
/// as good as absent, not broken).
fn denied(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(e) = next {
        let io = e.downcast_ref::<std::io::Error>();
        if io.is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied) {
            return true;
        }
        next = e.source();
    }
    false
}

/// An error while reading the repository, as text for the warning.
type Failure = String;

fn fail(e: impl std::fmt::Display) -> Failure {
    e.to_string()
}

/// The repository the organisation is in, and where in its work tree the organisation is.
struct Found {
    repo: gix::Repository,
    /// The work tree (canonical).
    workdir: PathBuf,
    /// The organisation root relative to the work tree (empty: the work tree itself).
    prefix: PathBuf,
}

/// What looking for the organisation's repository found.
enum Discovered {
    /// No repository holds the organisation (or it cannot be read at all).
    Nothing,
    /// A repository that does not open (a broken config, an object format vpd does not
    /// read): the warning.
    Broken(Diagnostic),
    /// The repository (boxed: gix's repository handle is large).
    Repository(Box<Found>),
}

/// How the repository is looked for: `.git` folders only (a bare repository has no work
/// tree to hold the organisation).
fn upwards() -> gix::discover::upwards::Options<'static> {
    gix::discover::upwards::Options {
        dot_git_only: true,
        ..Default::default()
    }
}

impl Found {
    /// The repository whose work tree holds `root`.
    fn discover(root: &Path) -> Discovered {
        let Ok(root) = root.canonicalize() else {
            return Discovered::Nothing;
        };
        let mut repo = match gix::discover_opts(&root, upwards(), gix::open::Options::isolated()) {
            Ok(repo) => repo,
            Err(gix::discover::Error::Open(e)) if !denied(&e) => return Self::broken(&root, &e),
            Err(_) => return Discovered::Nothing,
        };
        let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
            return Discovered::Nothing;
        };
        // The work tree may be elsewhere (`core.worktree`): then the organisation is not in
        // it, and nothing of that repository is the organisation's.
        let Ok(prefix) = root.strip_prefix(&workdir).map(Path::to_path_buf) else {
            return Discovered::Nothing;
        };
        repo.objects.set_pack_cache(|| {
            Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
                PACK_CACHE_BYTES,
            ))
        });
        Discovered::Repository(Box::new(Found {
            repo,
            workdir,
            prefix,
        }))
    }

    /// The warning for the repository above `root` that was found but did not open, when
    /// its work tree holds `root`.
    fn broken(root: &Path, error: &gix::open::Error) -> Discovered {
        let Ok((path, _)) = gix::discover::upwards_opts(root, upwards()) else {
            return Discovered::Nothing;
        };
        let (git_dir, workdir) = path.into_repository_and_work_tree_directories();
        let Some(workdir) = workdir.and_then(|w| w.canonicalize().ok()) else {
            return Discovered::Nothing;
        };
        let Ok(prefix) = root.strip_prefix(&workdir) else {
            return Discovered::Nothing;
        };
        let problem = unreadable(&git_dir, &workdir, prefix, &error.to_string());
        Discovered::Broken(problem)
    }

    /// Dates the clean, committed `files` into `dates`.
    fn read(
        &self,
        root: &Path,
        files: &[PathBuf],
        max_commits: usize,
        dates: &mut CommitDates,
    ) -> Result<(), Failure> {
        let repo = &self.repo;
        let mut head = repo.head().map_err(fail)?;
        if head.is_unborn() {
            return Ok(());
        }
        let head = head.peel_to_commit().map_err(fail)?;
        let mut paths = Paths::new(files.len());
        for (i, file) in files.iter().enumerate() {
            if let Some(rel) = self.repo_path(root, file) {
                paths.insert(&rel, i);
            }
        }
        let head_tree = head.tree_id().map_err(fail)?.detach();
        let mut blobs = vec![None; files.len()];
        paths.blobs(repo, head_tree, Paths::ROOT, &mut blobs)?;
        // A file whose working copy is not HEAD's blob is left out: its change is not
        // committed, so no commit dates it.
        let kind = repo.object_hash();
        let clean: Vec<bool> = files
            .par_iter()
            .zip(&blobs)
            .map(|(file, blob)| blob.is_some_and(|id| working_copy_is(file, id, kind)))
            .collect();
        paths.keep(|i| clean[i]);
        let shallow: HashSet<ObjectId> = repo
            .shallow_commits()
            .map_err(fail)?
            .map(|c| c.iter().copied().collect())
            .unwrap_or_default();
        let mut trees = Trees::new(repo);
        let mut commit = head;
        for _ in 0..max_commits {
            if paths.pending() == 0 {
                break;
            }
            let time = commit.time().map_err(fail)?;
            let time = CommitTime {
                seconds: time.seconds,
                offset: time.offset,
            };
            let tree = commit.tree_id().map_err(fail)?.detach();
            let mut changed = Vec::new();
            let parent = match commit.parent_ids().next() {
                // The root commit added every file still undated.
                None => {
                    paths.all_pending(Paths::ROOT, &mut changed);
                    None
                }
                // Beyond a shallow clone's boundary is nothing to compare with.
                Some(_) if shallow.contains(&commit.id) => None,
                Some(parent) => {
                    let parent = repo.find_commit(parent).map_err(fail)?;
                    let parent_tree = parent.tree_id().map_err(fail)?.detach();
                    paths.changed(
                        &mut trees,
                        tree,
                        Some(parent_tree),
                        Paths::ROOT,
                        &mut changed,
                    )?;
                    trees.next_commit();
                    Some(parent)
                }
            };
            for i in changed {
                paths.date(i);
                dates.insert(files[i].clone(), time);
            }
            match parent {
                Some(parent) => commit = parent,
                None => break,
            }
        }
        Ok(())
    }

    /// `file`'s path in the repository, as tree entry names; none for a path outside
    /// `root` or with a component that is not a plain name.
    fn repo_path(&self, root: &Path, file: &Path) -> Option<Vec<Vec<u8>>> {
        let rel = file.strip_prefix(root).ok()?;
        self.prefix
            .components()
            .chain(rel.components())
            .map(|c| match c {
                Component::Normal(name) => Some(gix::path::os_str_into_bstr(name).ok()?.to_vec()),
                _ => None,
            })
            .collect()
    }
}

/// Whether the file at `path` holds exactly the blob `id`. A checkout that turned LF line
/// ends into CRLF (`core.autocrlf`) counts as the same content: git stores it as LF.
fn working_copy_is(path: &Path, id: ObjectId, kind: gix::hash::Kind) -> bool {
    let Ok(bytes) = tree::read_limited(path, MAX_FILE_BYTES) else {
        return false;
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return false;
    }
    let hash = |data: &[u8]| gix::objs::compute_hash(kind, gix::objs::Kind::Blob, data).ok();
    if hash(&bytes) == Some(id) {
        return true;
    }
    if !bytes.windows(2).any(|w| w == b"\r\n") {
        return false;
    }
    let mut lf = Vec::with_capacity(bytes.len());
    let mut rest = bytes.as_slice();
    while let Some(i) = rest.windows(2).position(|w| w == b"\r\n") {
        lf.extend_from_slice(&rest[..i]);
        lf.push(b'\n');
        rest = &rest[i + 2..];
    }
    lf.extend_from_slice(rest);
    hash(&lf) == Some(id)
}

/// The asked-for paths as a tree of names, each folder knowing how many of its files are
/// still undated, so a walk never opens a folder that has none.
#[derive(Debug)]
struct Paths {
    nodes: Vec<Node>,
    /// Each asked-for file's node (none: not in the repository's work tree).
    node_of: Vec<Option<usize>>,
}

#[derive(Debug, Default)]
struct Node {
    children: HashMap<Vec<u8>, usize>,
    /// For a file: its index in the asked-for files.
    file: Option<usize>,
    parent: Option<usize>,
    /// Undated files at or below this node.
    pending: usize,
}

impl Paths {
    /// The node of the work tree's root.
    const ROOT: usize = 0;

    /// No paths yet, for `files` files.
    fn new(files: usize) -> Paths {
        Paths {
            nodes: vec![Node::default()],
            node_of: vec![None; files],
        }
    }

    /// Adds the file `index` at `path` (tree entry names).
    fn insert(&mut self, path: &[Vec<u8>], index: usize) {
        let mut at = Self::ROOT;
        for name in path {
            at = match self.nodes[at].children.get(name) {
                Some(&child) => child,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node {
                        parent: Some(at),
                        ..Node::default()
                    });
                    self.nodes[at].children.insert(name.clone(), child);
                    child
                }
            };
        }
        // A path given twice, or both a file and a folder: only the first counts.
        if at == Self::ROOT || self.nodes[at].file.is_some() || !self.nodes[at].children.is_empty()
        {
            return;
        }
        self.nodes[at].file = Some(index);
        self.node_of[index] = Some(at);
        self.count(at, true);
    }

    /// Undated files in all.
    fn pending(&self) -> usize {
        self.nodes[Self::ROOT].pending
    }

    /// Adds or removes one undated file at `node` in the counts of it and its folders.
    fn count(&mut self, node: usize, add: bool) {
        let mut at = Some(node);
        while let Some(n) = at {
            let node = &mut self.nodes[n];
            if add {
                node.pending += 1;
            } else {
                node.pending -= 1;
            }
            at = node.parent;
        }
    }

    /// Takes the file `index` out of the undated ones.
    fn date(&mut self, index: usize) {
        if let Some(n) = self.node_of[index].take() {
            self.nodes[n].file = None;
            self.count(n, false);
        }
    }

    /// Keeps undated only the files for which `keep` holds.
    fn keep(&mut self, keep: impl Fn(usize) -> bool) {
        for i in 0..self.node_of.len() {
            if !keep(i) {
                self.date(i);
            }
        }
    }

    /// Every undated file at or below `node`.
    fn all_pending(&self, node: usize, out: &mut Vec<usize>) {
        let node = &self.nodes[node];
        if node.pending == 0 {
            return;
        }
        out.extend(node.file);
        for &child in node.children.values() {
            self.all_pending(child, out);
        }
    }

    /// Records in `blobs` the blob of each file below `node`, the folder `tree`.
    fn blobs(
        &self,
        repo: &gix::Repository,
        tree: ObjectId,
        node: usize,
        blobs: &mut [Option<ObjectId>],
    ) -> Result<(), Failure> {
        let object = repo.find_tree(tree).map_err(fail)?;
        let entries = object.decode().map_err(fail)?;
        for (name, &child) in &self.nodes[node].children {
            let child_node = &self.nodes[child];
            let is_dir = child_node.file.is_none();
            let Some(entry) = entries.bisect_entry(name.as_bstr(), is_dir) else {
                continue;
            };
            match child_node.file {
                Some(i) if entry.mode.is_blob() => blobs[i] = Some(entry.oid.to_owned()),
                Some(_) => {}
                None if entry.mode.is_tree() => {
                    self.blobs(repo, entry.oid.to_owned(), child, blobs)?
                }
                None => {}
            }
        }
        Ok(())
    }

    /// Adds to `out` the undated files below `node` whose blob in `tree` (a commit's) is
    /// not the one in `parent` (its parent's), or that `parent` lacks. Undated files are in
    /// `tree` with the blob they have in HEAD (they did not change since), so only entries
    /// new or different in `tree` can date one.
    fn changed(
        &self,
        trees: &mut Trees<'_>,
        tree: ObjectId,
        parent: Option<ObjectId>,
        node: usize,
        out: &mut Vec<usize>,
    ) -> Result<(), Failure> {
        if self.nodes[node].pending == 0 || parent == Some(tree) {
            return Ok(());
        }
        let kind = trees.repo.object_hash();
        let ours_data = trees.ours(tree)?;
        let ours = TreeRef::from_bytes(&ours_data, kind).map_err(fail)?;
        let theirs_data = match parent {
            Some(id) => Some(trees.theirs(id)?),
            None => None,
        };
        let theirs = match &theirs_data {
            Some(data) => TreeRef::from_bytes(data, kind).map_err(fail)?.entries,
            None => Vec::new(),
        };
        // Both lists are in git's tree order: one pass pairs the entries of equal name
        // and kind; an entry of `tree` without an equal in `parent` is new or different.
        let mut differing: Vec<(EntryRef<'_>, Option<EntryRef<'_>>)> = Vec::new();
        let mut j = 0;
        for entry in &ours.entries {
            while j < theirs.len() && theirs[j] < *entry {
                j += 1;
            }
            match theirs.get(j) {
                Some(other) if other.cmp(entry).is_eq() => {
                    if other.oid != entry.oid {
                        differing.push((*entry, Some(*other)));
                    }
                    j += 1;
                }
                _ => differing.push((*entry, None)),
            }
        }
        for (entry, before) in differing {
            let Some(&child) = self.nodes[node].children.get(entry.filename) else {
                continue;
            };
            let child_node = &self.nodes[child];
            if child_node.pending == 0 {
                continue;
            }
            match child_node.file {
                Some(i)
                    if entry.mode.is_blob()
                        && before.is_none_or(|b| !b.mode.is_blob() || b.oid != entry.oid) =>
                {
                    out.push(i)
                }
                Some(_) => {}
                None if entry.mode.is_tree() => {
                    let before = before.map(|b| b.oid.to_owned());
                    self.changed(trees, entry.oid.to_owned(), before, child, out)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// The trees of the walk, each read (and inflated) once: the trees read as a parent's are
/// kept for the next comparison, where that parent is the commit whose trees are compared.
struct Trees<'r> {
    repo: &'r gix::Repository,
    /// The trees of the current commit (read as its child's parent's).
    kept: HashMap<ObjectId, Rc<Vec<u8>>>,
    /// The trees of the current commit's parent, read in this comparison.
    read: HashMap<ObjectId, Rc<Vec<u8>>>,
}

impl<'r> Trees<'r> {
    fn new(repo: &'r gix::Repository) -> Trees<'r> {
        Trees {
            repo,
            kept: HashMap::new(),
            read: HashMap::new(),
        }
    }

    fn find(&self, id: ObjectId) -> Result<Rc<Vec<u8>>, Failure> {
        let tree = self.repo.find_tree(id).map_err(fail)?;
        Ok(Rc::new(tree.detach().data))
    }

    /// The current commit's tree `id`.
    fn ours(&mut self, id: ObjectId) -> Result<Rc<Vec<u8>>, Failure> {
        match self.kept.get(&id) {
            Some(data) => Ok(Rc::clone(data)),
            None => self.find(id),
        }
    }

    /// The parent's tree `id`, kept for the next comparison.
    fn theirs(&mut self, id: ObjectId) -> Result<Rc<Vec<u8>>, Failure> {
        let data = match self.kept.get(&id) {
            Some(data) => Rc::clone(data),
            None => self.find(id)?,
        };
        self.read.insert(id, Rc::clone(&data));
        Ok(data)
    }

    /// Moves on to the parent: its trees are the ones kept.
    fn next_commit(&mut self) {
        self.kept = std::mem::take(&mut self.read);
    }
}

pub mod versions;

#[cfg(test)]
mod tests;
