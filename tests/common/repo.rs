//! A git repository in a temporary folder, committed to with gix at given times (the
//! tests that read history: commit dates, norm versions).

use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::objs::tree::EntryKind;

/// A repository in a temporary folder.
pub struct Repo {
    /// The folder (the work tree).
    pub dir: tempfile::TempDir,
    /// The repository.
    pub repo: gix::Repository,
}

impl Repo {
    /// A new, empty repository in a temporary folder.
    pub fn init() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo = gix::init(dir.path()).unwrap();
        Repo { dir, repo }
    }

    /// The path of `rel` (relative to the work tree).
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Commits the work tree's `files` (paths relative to the repository) at `time`
    /// (`<seconds> <offset>`, as git writes it).
    pub fn commit(&self, time: &str, files: &[String]) -> ObjectId {
        let base = match self.repo.head_tree_id() {
            Ok(id) => id.detach(),
            Err(_) => ObjectId::empty_tree(self.repo.object_hash()),
        };
        let mut editor = self.repo.edit_tree(base).unwrap();
        for rel in files {
            let bytes = std::fs::read(self.path(rel)).unwrap();
            let blob = self.repo.write_blob(bytes).unwrap();
            editor.upsert(rel.as_str(), EntryKind::Blob, blob).unwrap();
        }
        let tree = editor.write().unwrap().detach();
        let sig = gix::actor::SignatureRef {
            name: "Coördinator VPD".into(),
            email: "vpd@lindewaard.example".into(),
            time,
        };
        let parents: Vec<ObjectId> = self
            .repo
            .head_id()
            .ok()
            .map(|id| id.detach())
            .into_iter()
            .collect();
        self.repo
            .commit_as(sig, sig, "HEAD", "wijziging", tree, parents)
            .unwrap()
            .detach()
    }

    /// Commits every file below `folder` (relative to the work tree) at `time`.
    pub fn commit_folder(&self, time: &str, folder: &str) -> ObjectId {
        let mut files = Vec::new();
        list(self.dir.path(), &self.path(folder), &mut files);
        self.commit(time, &files)
    }
}

/// Every file below `dir`, relative to `root` with `/`.
pub fn list(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            list(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
