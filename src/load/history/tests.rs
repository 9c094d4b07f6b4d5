//! Repositories made with gix itself in temporary folders, with commits at fixed times.

use super::*;
use gix::objs::tree::EntryKind;

/// 2026-01-01 00:00 UTC.
const NEW_YEAR: i64 = 1_767_225_600;

/// Noon UTC on 1 January 2026 plus `day` days: a commit time in the tests.
fn day(day: i64) -> i64 {
    NEW_YEAR + day * 86_400 + 12 * 3_600
}

/// The date a commit at [`day`]`(n)` has (UTC+01:00, noon: the same calendar day).
fn date_of(n: i64) -> Date {
    Date::constant(2026, 1, 1)
        .checked_add(jiff::Span::new().days(n))
        .unwrap()
}

/// A repository in a temporary folder whose work tree always matches what was committed.
struct Repo {
    dir: tempfile::TempDir,
    repo: gix::Repository,
    /// The tree of the last commit made through HEAD.
    tree: ObjectId,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo = gix::init(dir.path()).unwrap();
        let tree = ObjectId::empty_tree(repo.object_hash());
        Repo { dir, repo, tree }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `files` written to the work tree and added to `base`: the new tree.
    fn tree_with(&self, base: ObjectId, files: &[(&str, &str)]) -> ObjectId {
        let mut editor = self.repo.edit_tree(base).unwrap();
        for (rel, text) in files {
            let path = self.path(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            let blob = self.repo.write_blob(text.as_bytes()).unwrap();
            editor.upsert(*rel, EntryKind::Blob, blob).unwrap();
        }
        editor.write().unwrap().detach()
    }

    /// Commits `files` on HEAD at `seconds` (UTC+01:00).
    fn commit(&mut self, seconds: i64, files: &[(&str, &str)]) -> ObjectId {
        let tree = self.tree_with(self.tree, files);
        self.commit_tree(seconds, tree, None)
    }

    /// Commits `tree` on HEAD at `seconds`, with `second_parent` for a merge.
    fn commit_tree(
        &mut self,
        seconds: i64,
        tree: ObjectId,
        second_parent: Option<ObjectId>,
    ) -> ObjectId {
        let time = format!("{seconds} +0100");
        let sig = gix::actor::SignatureRef {
            name: "Proef".into(),
            email: "proef@lindewaard.example".into(),
            time: &time,
        };
        let head = self.repo.head_id().ok().map(|id| id.detach());
        let parents: Vec<ObjectId> = head.into_iter().chain(second_parent).collect();
        let id = self
            .repo
            .commit_as(sig, sig, "HEAD", "wijziging", tree, parents)
            .unwrap()
            .detach();
        self.tree = tree;
        id
    }

    /// A commit on a side branch (HEAD does not move) that changes `files` of HEAD's tree.
    fn side_commit(&self, seconds: i64, files: &[(&str, &str)]) -> ObjectId {
        let mut editor = self.repo.edit_tree(self.tree).unwrap();
        for (rel, text) in files {
            let blob = self.repo.write_blob(text.as_bytes()).unwrap();
            editor.upsert(*rel, EntryKind::Blob, blob).unwrap();
        }
        let tree = editor.write().unwrap().detach();
        let time = format!("{seconds} +0100");
        let sig = gix::actor::SignatureRef {
            name: "Proef".into(),
            email: "proef@lindewaard.example".into(),
            time: &time,
        };
        let head = self.repo.head_id().unwrap().detach();
        self.repo
            .new_commit_as(sig, sig, "zijtak", tree, [head])
            .unwrap()
            .id
    }

    /// The date `last_commits` gives each of `rels` (paths below `root`).
    fn dates(&self, root: &str, rels: &[&str]) -> (Vec<Option<Date>>, Option<Diagnostic>) {
        self.dates_within(root, rels, MAX_COMMITS)
    }

    fn dates_within(
        &self,
        root: &str,
        rels: &[&str],
        max: usize,
    ) -> (Vec<Option<Date>>, Option<Diagnostic>) {
        let root = self.path(root);
        let files: Vec<PathBuf> = rels.iter().map(|r| root.join(r)).collect();
        let history = last_commits_within(&root, &files, max);
        let dates = files
            .iter()
            .map(|f| history.dates.get(f).and_then(|t| t.date()))
            .collect();
        (dates, history.problem)
    }
}

#[test]
fn each_file_is_dated_by_the_last_commit_that_changed_it() {
    let mut repo = Repo::new();
    repo.commit(
        day(0),
        &[
            ("content/werkvormen/oud.md", "oud\n"),
            ("content/teams/a.yaml", "a: 1\n"),
        ],
    );
    repo.commit(day(3), &[("content/teams/a.yaml", "a: 2\n")]);
    repo.commit(day(5), &[("content/teams/b.yaml", "b: 1\n")]);
    // Later commits that touch other files leave the dates alone.
    repo.commit(day(9), &[("README.md", "leesmij\n")]);
    let (dates, problem) = repo.dates(
        "",
        &[
            "content/werkvormen/oud.md",
            "content/teams/a.yaml",
            "content/teams/b.yaml",
        ],
    );
    assert!(problem.is_none());
    assert_eq!(
        dates,
        vec![Some(date_of(0)), Some(date_of(3)), Some(date_of(5))],
        "changed in the first commit and untouched since; changed later; added later"
    );
}

#[test]
fn an_organisation_in_a_folder_of_a_larger_repository_is_found() {
    let mut repo = Repo::new();
    repo.commit(day(1), &[("gemeente/content/teams/a.yaml", "a: 1\n")]);
    repo.commit(day(2), &[("ander/content/teams/a.yaml", "a: 2\n")]);
    let (dates, problem) = repo.dates("gemeente", &["content/teams/a.yaml"]);
    assert!(problem.is_none());
    assert_eq!(
        dates,
        vec![Some(date_of(1))],
        "the same name elsewhere in the repository is another file"
    );
}

#[test]
fn a_changed_or_uncommitted_file_has_no_commit_date() {
    let mut repo = Repo::new();
    repo.commit(
        day(0),
        &[
            ("content/teams/a.yaml", "a: 1\n"),
            ("content/teams/b.yaml", "b: 1\n"),
        ],
    );
    std::fs::write(repo.path("content/teams/a.yaml"), "a: bewerkt\n").unwrap();
    std::fs::write(repo.path("content/teams/nieuw.yaml"), "nieuw: 1\n").unwrap();
    let (dates, problem) = repo.dates(
        "",
        &[
            "content/teams/a.yaml",
            "content/teams/nieuw.yaml",
            "content/teams/b.yaml",
        ],
    );
    assert!(problem.is_none());
    assert_eq!(
        dates,
        vec![None, None, Some(date_of(0))],
        "dirty, untracked, clean"
    );
}

#[test]
fn crlf_line_ends_of_a_checkout_are_the_committed_text() {
    let mut repo = Repo::new();
    repo.commit(day(4), &[("content/teams/a.yaml", "a: 1\nb: 2\n")]);
    std::fs::write(repo.path("content/teams/a.yaml"), "a: 1\r\nb: 2\r\n").unwrap();
    let (dates, _) = repo.dates("", &["content/teams/a.yaml"]);
    assert_eq!(dates, vec![Some(date_of(4))]);
    std::fs::write(repo.path("content/teams/a.yaml"), "a: 1\r\nb: 3\r\n").unwrap();
    let (dates, _) = repo.dates("", &["content/teams/a.yaml"]);
    assert_eq!(dates, vec![None], "a changed text is still a change");
}

#[test]
fn a_folder_that_is_not_a_repository_gives_no_dates_and_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("content/teams/a.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "a: 1\n").unwrap();
    let history = last_commits(dir.path(), &[file]);
    assert!(history.dates.is_empty());
    assert!(history.problem.is_none());
}

#[test]
fn a_repository_without_commits_gives_no_dates() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.path("content")).unwrap();
    std::fs::write(repo.path("content/site.yaml"), "titel: x\n").unwrap();
    let (dates, problem) = repo.dates("", &["content/site.yaml"]);
    assert_eq!(dates, vec![None]);
    assert!(problem.is_none());
}

#[test]
fn the_first_parent_chain_dates_a_merged_change_by_its_merge() {
    let mut repo = Repo::new();
    repo.commit(
        day(0),
        &[
            ("content/teams/a.yaml", "a: 1\n"),
            ("content/teams/b.yaml", "b: 1\n"),
        ],
    );
    let side = repo.side_commit(day(1), &[("content/teams/a.yaml", "a: zijtak\n")]);
    repo.commit(day(2), &[("content/teams/b.yaml", "b: 2\n")]);
    let merged = repo.tree_with(repo.tree, &[("content/teams/a.yaml", "a: zijtak\n")]);
    repo.commit_tree(day(6), merged, Some(side));
    let (dates, _) = repo.dates("", &["content/teams/a.yaml", "content/teams/b.yaml"]);
    assert_eq!(
        dates,
        vec![Some(date_of(6)), Some(date_of(2))],
        "the change reached this branch with the merge"
    );
}

#[test]
fn a_file_removed_and_added_again_dates_from_its_return() {
    let mut repo = Repo::new();
    repo.commit(day(0), &[("content/teams/a.yaml", "a: 1\n")]);
    let mut editor = repo.repo.edit_tree(repo.tree).unwrap();
    editor.remove("content/teams/a.yaml").unwrap();
    let without = editor.write().unwrap().detach();
    repo.commit_tree(day(1), without, None);
    repo.commit(day(2), &[("content/teams/a.yaml", "a: 1\n")]);
    let (dates, _) = repo.dates("", &["content/teams/a.yaml"]);
    assert_eq!(dates, vec![Some(date_of(2))]);
}

#[test]
fn the_commit_date_is_the_committers_calendar_day() {
    // 2026-01-01 23:30 UTC is already 2 January at UTC+01:00.
    let late = CommitTime {
        seconds: NEW_YEAR + 23 * 3_600 + 1_800,
        offset: 3_600,
    };
    assert_eq!(late.date(), Some(Date::constant(2026, 1, 2)));
    let utc = CommitTime { offset: 0, ..late };
    assert_eq!(utc.date(), Some(Date::constant(2026, 1, 1)));
}

#[test]
fn the_walk_stops_after_its_bound_without_guessing() {
    let mut repo = Repo::new();
    repo.commit(day(0), &[("content/a.yaml", "a\n")]);
    repo.commit(day(1), &[("content/b.yaml", "b\n")]);
    repo.commit(day(2), &[("content/c.yaml", "c\n")]);
    let files = ["content/a.yaml", "content/c.yaml"];
    let (dates, problem) = repo.dates_within("", &files, 2);
    assert!(problem.is_none());
    assert_eq!(dates, vec![None, Some(date_of(2))]);
    let (dates, _) = repo.dates_within("", &files, 3);
    assert_eq!(dates, vec![Some(date_of(0)), Some(date_of(2))]);
}

#[test]
fn a_shallow_clone_is_read_down_to_its_boundary() {
    let mut repo = Repo::new();
    repo.commit(day(0), &[("content/a.yaml", "a\n")]);
    let boundary = repo.commit(day(1), &[("content/b.yaml", "b\n")]);
    repo.commit(day(2), &[("content/c.yaml", "c\n")]);
    std::fs::write(repo.path(".git/shallow"), format!("{boundary}\n")).unwrap();
    let files = ["content/a.yaml", "content/b.yaml", "content/c.yaml"];
    let (dates, problem) = repo.dates("", &files);
    assert!(problem.is_none(), "a shallow clone is not broken");
    assert_eq!(
        dates,
        vec![None, None, Some(date_of(2))],
        "what the boundary commit changed is unknown: its parent is missing"
    );
}

#[test]
fn a_broken_repository_is_a_warning_and_keeps_the_dates_found() {
    let mut repo = Repo::new();
    let first = repo.commit(day(0), &[("content/a.yaml", "a\n")]);
    repo.commit(day(1), &[("content/b.yaml", "b\n")]);
    repo.commit(day(2), &[("content/c.yaml", "c\n")]);
    let hex = first.to_string();
    let object = repo.path(&format!(".git/objects/{}/{}", &hex[..2], &hex[2..]));
    std::fs::remove_file(object).unwrap();
    let files = ["content/a.yaml", "content/c.yaml"];
    let (dates, problem) = repo.dates("", &files);
    assert_eq!(dates, vec![None, Some(date_of(2))]);
    let problem = problem.expect("a missing commit in a full clone is reported");
    assert_eq!(problem.rule, Rule::GitHistory);
    assert_eq!(problem.severity, crate::diagnostic::Severity::Warning);
    assert!(problem.message.contains(&hex), "{}", problem.message);
    assert_eq!(problem.primary.source.display, ".git");
}

#[test]
fn a_repository_that_does_not_open_is_a_warning() {
    let mut repo = Repo::new();
    repo.commit(day(0), &[("gemeente/content/a.yaml", "a\n")]);
    std::fs::write(repo.path(".git/config"), "[core\n\tbare = misschien\n").unwrap();
    let (dates, problem) = repo.dates("gemeente", &["content/a.yaml"]);
    assert_eq!(dates, vec![None]);
    let problem = problem.expect("a broken config is reported");
    assert_eq!(problem.rule, Rule::GitHistory);
    assert_eq!(
        problem.primary.source.display, "../.git",
        "seen from the organisation"
    );
}
