//! The organisation's own files, and only those: every folder vpd reads (`content/`,
//! `schemas/`, `themes/`) is walked without following symbolic links, and every file is
//! opened with `O_NOFOLLOW`. A link is reported by name and never read, so a committed
//! `static/env.txt -> /proc/self/environ` cannot publish the build's environment.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// What a walk found: the regular files, and the symbolic links it refused to follow.
#[derive(Debug, Default)]
pub struct Tree {
    /// Regular files, sorted.
    pub files: Vec<PathBuf>,
    /// Symbolic links (to files or folders), sorted; never followed.
    pub links: Vec<PathBuf>,
}

/// Walks `dir` (a folder below `root`), at most `max_depth` folders deep, skipping names
/// that start with a dot. When `dir` itself or a folder between `root` and `dir` is a
/// symbolic link, that link is the only thing reported. A missing `dir` is an empty tree.
pub fn walk(root: &Path, dir: &Path, max_depth: usize) -> Tree {
    let mut tree = Tree::default();
    if let Some(link) = first_link(root, dir) {
        tree.links.push(link);
        return tree;
    }
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
        .max_depth(max_depth + 1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    // Entries that vanish or cannot be listed while walking are not there to publish.
    for entry in walker.flatten() {
        let kind = entry.file_type();
        if kind.is_symlink() {
            tree.links.push(entry.into_path());
        } else if kind.is_file() {
            tree.files.push(entry.into_path());
        }
    }
    tree
}

/// The first component of `path` below `root` that is a symbolic link, if any. A path
/// that does not exist has no link in its missing part.
pub fn first_link(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut current = root.to_path_buf();
    for component in relative.components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(current),
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Opens a file for reading without following a symbolic link in its last component
/// (the walk has already refused links in the folders above it).
pub fn open(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

/// Reads at most `limit + 1` bytes of `path` without following a symbolic link; the caller
/// sees from the length whether the file was larger than `limit`.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_reported_and_never_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let secret = root.join("buiten");
        std::fs::create_dir_all(secret.join("map")).unwrap();
        std::fs::write(secret.join("geheim.txt"), "TOKEN").unwrap();
        let theme = root.join("themes/default/static");
        std::fs::create_dir_all(&theme).unwrap();
        std::fs::write(theme.join("vpd.css"), "body{}").unwrap();
        std::fs::write(theme.join(".verborgen"), "x").unwrap();
        symlink(secret.join("geheim.txt"), theme.join("env.txt")).unwrap();
        symlink(secret.join("map"), theme.join("map")).unwrap();
        let tree = walk(root, &theme, 8);
        assert_eq!(tree.files, vec![theme.join("vpd.css")]);
        assert_eq!(tree.links, vec![theme.join("env.txt"), theme.join("map")]);
        assert!(open(&theme.join("env.txt")).is_err(), "O_NOFOLLOW refuses");
    }

    #[test]
    fn a_linked_folder_above_is_the_only_finding() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("org");
        let elsewhere = tmp.path().join("elders/static");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("a.css"), "x").unwrap();
        std::fs::create_dir_all(root.join("themes")).unwrap();
        symlink(tmp.path().join("elders"), root.join("themes/default")).unwrap();
        let tree = walk(&root, &root.join("themes/default/static"), 8);
        assert!(tree.files.is_empty());
        assert_eq!(tree.links, vec![root.join("themes/default")]);
        assert_eq!(walk(&root, &root.join("bestaat-niet"), 8).files.len(), 0);
    }
}
