//! Stage 1, load: walk `content/`, read every file within limits, parse YAML (and the
//! front matter of Markdown werkvormen) into JSON values with a span for every node.
//!
//! Steps: find the content folder → list `*.yaml`, `*.yml` and `*.md` files in a stable
//! order → read each one (size limit, UTF-8, no NUL) → parse → [`Document`].
//! Problems become diagnostics; a broken file never stops the others from loading.
//!
//! A site (`build`, `serve`; not `check`) also asks [`history::last_commits`] when each
//! document's file was last committed.

mod events;
pub mod history;
mod misread;
mod read;
pub mod spans;
mod syntax_hint;
pub mod tree;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

pub use read::{MAX_FILE_BYTES, read_source};
pub use spans::SpanIndex;

use crate::diagnostic::{Diagnostic, Rule};
use crate::messages::t;
use crate::source::{Source, SourceFile, Span};

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file.
    pub source: Source,
    /// Its YAML (for Markdown: the front matter) as JSON.
    pub value: Value,
    /// Where every node stands.
    pub spans: SpanIndex,
    /// For Markdown files: the text after the front matter.
    pub body: Option<String>,
    /// Warnings found while parsing (text cut short at ` #`), reported with the
    /// document's own findings.
    pub notes: Vec<Diagnostic>,
    /// The keys cross-file checks and every stage ask for, for every document on every
    /// save: read once, when the file is parsed.
    keys: Keys,
}

/// A document's identity, read from its value once.
#[derive(Debug, Clone)]
struct Keys {
    /// `template`, when it is a string.
    template: Option<String>,
    /// `slug`, or else the file name without its extension.
    slug: String,
    /// `team` without surrounding spaces, when it is a string.
    team: Option<String>,
}

impl Document {
    /// The value of the top-level key `template`, if it is a string.
    pub fn template_name(&self) -> Option<&str> {
        self.keys.template.as_deref()
    }

    /// The document's slug: its `slug` key, or else its file name.
    pub fn slug(&self) -> &str {
        &self.keys.slug
    }

    /// A team protocol's `team:` without surrounding spaces (none when it is no string).
    pub fn team_name(&self) -> Option<&str> {
        self.keys.team.as_deref()
    }

    /// A document of `source` with its parsed `value`, `spans` and `notes`, and for
    /// Markdown its `body`.
    fn new(source: &Source, parsed: yaml::Parsed, body: Option<String>) -> Document {
        let text = |key: &str| parsed.value.get(key).and_then(Value::as_str);
        let keys = Keys {
            template: text("template").map(str::to_string),
            slug: text("slug").map_or_else(|| stem(&source.path), str::to_string),
            team: text("team").map(|t| t.trim().to_string()),
        };
        Document {
            source: source.clone(),
            value: parsed.value,
            spans: parsed.spans,
            notes: parsed.notes,
            body,
            keys,
        }
    }

    /// The file stem (`werkplein-noord` for `teams/werkplein-noord.yaml`).
    pub fn stem(&self) -> String {
        stem(&self.source.path)
    }
}

/// Everything the load stage found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The organisation root (the folder holding `content/`).
    pub root: PathBuf,
    /// Content documents that parsed (shared with the preview's cache, never copied).
    pub documents: Vec<Arc<Document>>,
    /// `content/site.yaml`, when present and parsed.
    pub site: Option<Arc<Document>>,
    /// Problems found while reading and parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
    /// Stylesheets in `content/` (a municipality's design tokens), by path below `content/`.
    pub assets: std::collections::BTreeMap<String, Vec<u8>>,
    /// The committed versions of the organisation's policy and norm schema.
    pub history: Arc<OrganisationHistory>,
}

/// The organisation's policy and norm schema (the documents naming the templates
/// `beleid` and `normschema`) as the repository's history holds them.
#[derive(Debug, Default)]
pub struct OrganisationHistory {
    /// The documents asked for, as loaded now (shared, never copied).
    pub documents: Vec<Arc<Document>>,
    /// Their committed versions, in the order of `documents`.
    pub snapshots: history::versions::Snapshots,
}

/// The templates of the documents whose history is read.
const HISTORY_TEMPLATES: [&str; 2] = ["beleid", "normschema"];

/// The history of `loaded`'s policy and norm schema: `kept` when it was read for these
/// same documents (a commit made while `vpd serve` runs is seen once a file changes).
fn organisation_history(
    loaded: &Loaded,
    kept: Option<Arc<OrganisationHistory>>,
) -> Arc<OrganisationHistory> {
    let documents: Vec<Arc<Document>> = loaded
        .documents
        .iter()
        .filter(|d| {
            d.template_name()
                .is_some_and(|t| HISTORY_TEMPLATES.contains(&t))
        })
        .cloned()
        .collect();
    if let Some(kept) = kept
        && kept.documents.len() == documents.len()
        && kept
            .documents
            .iter()
            .zip(&documents)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    {
        return kept;
    }
    let paths: Vec<PathBuf> = documents.iter().map(|d| d.source.path.clone()).collect();
    Arc::new(OrganisationHistory {
        snapshots: history::versions::snapshots(&loaded.root, &paths),
        documents,
    })
}

/// A file's name without its extension.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Errors that stop the load stage before any file is read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The given folder has no `content/` folder.
    #[error("{}", t("laden.geen-content", &[("map", &.0.display().to_string())]))]
    NoContent(PathBuf),
}

/// Loads the organisation at `root` (a folder with `content/`, or `content/` itself).
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_cached(root, &mut LoadCache::default())
}

/// Parsed files kept between loads (by `vpd serve`): a file is read and parsed again
/// only after [`LoadCache::invalidate`] named it (the watcher reports every change).
/// The folders are walked again only when a change can alter the set of files: a saved
/// file that was already read keeps it, and costs one parse, not a walk.
#[derive(Debug, Default)]
pub struct LoadCache {
    /// The last walk with what was parsed of it, while it is current.
    listing: Option<Listing>,
    /// What was parsed before the walk was forgotten, to reuse after the next walk.
    kept: HashMap<PathBuf, Parsed>,
    /// The organisation's history as last read.
    history: Option<Arc<OrganisationHistory>>,
}

/// A file's document, or why it has none.
type Parsed = Result<Arc<Document>, Diagnostic>;

/// What a walk of the folders found, and what has been parsed of it.
#[derive(Debug)]
struct Listing {
    /// The YAML and Markdown files to read, in a stable order.
    files: Vec<PathBuf>,
    /// Each file's position in `files`.
    index: HashMap<PathBuf, usize>,
    /// Each file's parsed document (none: still to read).
    parsed: Vec<Option<Parsed>>,
    /// The position of `content/site.yaml`, when there is one.
    site: Option<usize>,
    /// Stylesheets in `content/`, by path below `content/`.
    assets: std::collections::BTreeMap<String, Vec<u8>>,
    /// Files named wrongly and symbolic links, found on the way.
    diagnostics: Vec<Diagnostic>,
}

impl LoadCache {
    /// Forgets `path` and, when it is a folder, everything below it. Anything but a
    /// regular file that was read before (a new, removed or renamed file, a folder, a
    /// stylesheet, a file now replaced by a link) also forgets the walk.
    pub fn invalidate(&mut self, path: &Path) {
        let still_a_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        if let Some(listing) = &mut self.listing
            && let Some(&i) = listing.index.get(path)
            && still_a_file
        {
            listing.parsed[i] = None;
            return;
        }
        if let Some(listing) = self.listing.take() {
            let parsed = listing.files.into_iter().zip(listing.parsed);
            self.kept.extend(parsed.filter_map(|(p, d)| Some((p, d?))));
        }
        self.kept.retain(|p, _| !p.starts_with(path));
    }

    /// Whether a file at or below `path` was loaded.
    pub fn holds(&self, path: &Path) -> bool {
        let listed = self.listing.iter().flat_map(|l| &l.files);
        listed.chain(self.kept.keys()).any(|p| p.starts_with(path))
    }
}

/// Walks `content/` (and `themes/` for links): the files to read, the stylesheets and
/// what is refused on the way.
fn walk_listing(root: &Path, content: &Path) -> Listing {
    let tree = tree::walk(root, content, MAX_FOLDER_DEPTH);
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for path in tree.files {
        match extension_kind(&path) {
            Extension::Read => files.push(path),
            Extension::WrongCase(lower) => {
                diagnostics.push(wrong_case_extension(root, &path, &lower))
            }
            Extension::Other => {}
        }
    }
    // Links in the theme are refused here too, so `check` fails on what `build` refuses.
    let theme_links = tree::walk(root, &root.join("themes"), THEME_DEPTH).links;
    diagnostics.extend(
        tree.links
            .iter()
            .chain(&theme_links)
            .map(|link| symlink_refused(link, display_path(root, link))),
    );
    let (stylesheets, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "css"));
    let mut assets = std::collections::BTreeMap::new();
    for path in stylesheets {
        if let Ok(bytes) = tree::read_limited(&path, MAX_FILE_BYTES)
            && bytes.len() as u64 <= MAX_FILE_BYTES
        {
            assets.insert(display_path(content, &path), bytes);
        }
    }
    let index = files
        .iter()
        .enumerate()
        .map(|(i, p)| (p.clone(), i))
        .collect();
    let site = files.iter().position(|p| {
        p.parent() == Some(content) && p.file_name().is_some_and(|n| n == "site.yaml")
    });
    Listing {
        parsed: vec![None; files.len()],
        files,
        index,
        site,
        assets,
        diagnostics,
    }
}

/// [`load`], reusing what `cache` holds and updating it. Files are parsed in parallel.
pub fn load_cached(root: &Path, cache: &mut LoadCache) -> Result<Loaded, LoadError> {
    let (root, content) = find_content(root)?;
    let mut listing = match cache.listing.take() {
        Some(listing) => listing,
        None => {
            let mut listing = walk_listing(&root, &content);
            for (path, slot) in listing.files.iter().zip(&mut listing.parsed) {
                *slot = cache.kept.remove(path);
            }
            cache.kept.clear();
            listing
        }
    };
    let missing: Vec<usize> = (0..listing.files.len())
        .filter(|&i| listing.parsed[i].is_none())
        .collect();
    parse_into(&mut listing, missing, &root, &content);
    let mut loaded = assemble(&root, &listing);
    cache.listing = Some(listing);
    loaded.history = organisation_history(&loaded, cache.history.take());
    cache.history = Some(Arc::clone(&loaded.history));
    Ok(loaded)
}

/// Files that [`load_apart`] set apart unread, for the caller to read one at a time.
#[derive(Debug)]
pub struct SetApart {
    root: PathBuf,
    content: PathBuf,
    /// The files, in the order of the walk.
    pub files: Vec<PathBuf>,
}

impl SetApart {
    /// Reads and parses `path` (one of [`SetApart::files`]) as [`load`] does.
    pub fn read(&self, path: &Path) -> Result<Document, Diagnostic> {
        read_document(&self.root, &self.content, path)
    }
}

/// [`load`] of everything but the files in `content/<folder>/` and below, which are set
/// apart unread (they still count among [`Loaded::files`]). `vpd check` reads the team
/// protocols of `content/teams/` one at a time once the rest is validated, so that it
/// never holds every parsed protocol.
pub fn load_apart(root: &Path, folder: &str) -> Result<(Loaded, SetApart), LoadError> {
    let (root, content) = find_content(root)?;
    let mut listing = walk_listing(&root, &content);
    let below = content.join(folder);
    let (apart, rest): (Vec<usize>, Vec<usize>) =
        (0..listing.files.len()).partition(|&i| listing.files[i].starts_with(&below));
    parse_into(&mut listing, rest, &root, &content);
    let mut loaded = assemble(&root, &listing);
    loaded.history = organisation_history(&loaded, None);
    let files = apart
        .into_iter()
        .map(|i| listing.files[i].clone())
        .collect();
    let apart = SetApart {
        root,
        content,
        files,
    };
    Ok((loaded, apart))
}

/// Reads and parses the files at the positions `missing` of `listing`, in parallel.
fn parse_into(listing: &mut Listing, missing: Vec<usize>, root: &Path, content: &Path) {
    let fresh: Vec<(usize, Parsed)> = missing
        .into_par_iter()
        .map(|i| {
            let parsed = read_document(root, content, &listing.files[i]).map(Arc::new);
            (i, parsed)
        })
        .collect();
    for (i, parsed) in fresh {
        listing.parsed[i] = Some(parsed);
    }
}

/// What `listing` holds so far as a [`Loaded`] (its history still to read).
fn assemble(root: &Path, listing: &Listing) -> Loaded {
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        diagnostics: listing.diagnostics.clone(),
        assets: listing.assets.clone(),
        files: listing.files.len(),
        ..Loaded::default()
    };
    for (i, parsed) in listing.parsed.iter().enumerate() {
        match parsed {
            Some(Ok(doc)) if Some(i) == listing.site => loaded.site = Some(Arc::clone(doc)),
            Some(Ok(doc)) => loaded.documents.push(Arc::clone(doc)),
            Some(Err(d)) => loaded.diagnostics.push(d.clone()),
            None => {}
        }
    }
    loaded
}

/// Reads and parses one content file (its name checked first).
fn read_document(root: &Path, content: &Path, path: &Path) -> Result<Document, Diagnostic> {
    check_file_name(root, content, path).map_err(|d| *d)?;
    let source = read_source(path, display_path(root, path)).map_err(|d| *d)?;
    parse_document(&source)
}

/// The extensions vpd reads in `content/`.
const READ_EXTENSIONS: [&str; 4] = ["yaml", "yml", "md", "css"];

/// What a file's extension means to the loader.
enum Extension {
    /// One vpd reads.
    Read,
    /// One vpd reads, written in capitals (`.YAML`): the lower-case form.
    WrongCase(String),
    /// Anything else (a picture, a README.txt): not vpd's.
    Other,
}

fn extension_kind(path: &Path) -> Extension {
    let Some(ext) = path.extension().map(|e| e.to_string_lossy()) else {
        return Extension::Other;
    };
    let lower = ext.to_lowercase();
    match READ_EXTENSIONS.contains(&lower.as_str()) {
        true if lower == ext => Extension::Read,
        true => Extension::WrongCase(lower),
        false => Extension::Other,
    }
}

/// The finding for `Team.YAML`: not read, which would silently drop it, but named.
fn wrong_case_extension(root: &Path, path: &Path, lower: &str) -> Diagnostic {
    let display = crate::terminal::escape(&display_path(root, path)).into_owned();
    let source = Arc::new(crate::source::SourceFile::new(path, display, String::new()));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let renamed = path.with_extension(lower);
    let suggestion = renamed
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Diagnostic::new(
        Rule::FileName,
        &source,
        Span::file_start(),
        t(
            "naam.extensie",
            &[("naam", &crate::terminal::escape(&name))],
        ),
    )
    .with_hint(t(
        "naam.bestand.hint",
        &[("voorstel", &crate::terminal::escape(&suggestion))],
    ))
}

/// The id rule for the names of content files: a document's file name (without its
/// extension) becomes the address of its page, so it and every folder below `content/`
/// on the way must follow [`crate::names::is_slug`]. A file that breaks it is not read,
/// and so never published; the finding names it (control and bidi characters shown as
/// escapes) and suggests a name that follows the rule. `content/site.yaml` follows it.
fn check_file_name(root: &Path, content: &Path, path: &Path) -> Result<(), Box<Diagnostic>> {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let mut parts: Vec<(String, bool)> = rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| (c.as_os_str().to_string_lossy().into_owned(), true))
        .collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parts.push((stem, false));
    let Some((bad, is_folder)) = parts
        .into_iter()
        .find(|(name, _)| !crate::names::is_slug(name))
    else {
        return Ok(());
    };
    let display = crate::terminal::escape(&display_path(root, path)).into_owned();
    let source = Arc::new(crate::source::SourceFile::new(path, display, String::new()));
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let (message, hint) = if is_folder {
        (
            t("naam.map", &[("naam", &crate::terminal::escape(&bad))]),
            match crate::names::suggest_slug(&bad) {
                Some(s) => t("naam.map.hint", &[("voorstel", &s)]),
                None => t("naam.geen-voorstel.hint", &[]),
            },
        )
    } else {
        let name = format!("{bad}{extension}");
        (
            t("naam.bestand", &[("naam", &crate::terminal::escape(&name))]),
            match crate::names::suggest_slug(&bad) {
                Some(s) => t(
                    "naam.bestand.hint",
                    &[("voorstel", &format!("{s}{extension}"))],
                ),
                None => t("naam.geen-voorstel.hint", &[]),
            },
        )
    };
    Err(Box::new(
        Diagnostic::new(Rule::FileName, &source, Span::file_start(), message).with_hint(hint),
    ))
}

/// Parses a source file: YAML, or Markdown with YAML front matter.
pub fn parse_document(source: &Source) -> Result<Document, Diagnostic> {
    let is_markdown = source.path.extension().is_some_and(|e| e == "md");
    if !is_markdown {
        let parsed = yaml::parse(source, &source.text)?;
        return Ok(Document::new(source, parsed, None));
    }
    let Some((front_end, body_start)) = front_matter_bounds(&source.text) else {
        return Err(Diagnostic::new(
            Rule::FrontMatter,
            source,
            Span::file_start(),
            t("voorblad.ontbreekt", &[]),
        )
        .with_hint(t("voorblad.ontbreekt.hint", &[])));
    };
    // The front matter starts with `---`, which YAML reads as a document start: parsing
    // the file up to the closing line keeps every position exact.
    let parsed = yaml::parse(source, &source.text[..front_end])?;
    let body = source.text[body_start..].to_string();
    Ok(Document::new(source, parsed, Some(body)))
}

/// For Markdown with front matter: the byte where the closing `---` line starts and the
/// byte where the body starts.
fn front_matter_bounds(text: &str) -> Option<(usize, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = first_end + 1;
    for line in text[offset..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn find_content(root: &Path) -> Result<(PathBuf, PathBuf), LoadError> {
    let content = root.join("content");
    if content.is_dir() {
        return Ok((root.to_path_buf(), content));
    }
    if root.file_name().is_some_and(|n| n == "content") && root.is_dir() {
        let parent = root.parent().unwrap_or(Path::new(".")).to_path_buf();
        return Ok((parent, root.to_path_buf()));
    }
    Err(LoadError::NoContent(root.to_path_buf()))
}

/// The deepest folder level below `themes/` searched for links.
const THEME_DEPTH: usize = 16;

/// The deepest folder level below `content/` that is searched.
const MAX_FOLDER_DEPTH: usize = 8;

/// The finding for a symbolic link where vpd expects a file of the repository: the link is
/// named, its target is never read.
pub fn symlink_refused(link: &Path, display: String) -> Diagnostic {
    let source = Arc::new(SourceFile::new(link, display, String::new()));
    Diagnostic::new(
        Rule::Symlink,
        &source,
        Span::file_start(),
        t("bestand.symbolische-link", &[]),
    )
    .with_hint(t("bestand.symbolische-link.hint", &[]))
}

/// A path relative to the organisation root, with forward slashes.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_rereads_exactly_the_invalidated_files() {
        let tmp = tempfile::tempdir().unwrap();
        let teams = tmp.path().join("content/teams");
        std::fs::create_dir_all(&teams).unwrap();
        std::fs::write(teams.join("a.yaml"), "template: werkplein\nteam: Een\n").unwrap();
        std::fs::write(teams.join("b.yaml"), "template: werkplein\nteam: Twee\n").unwrap();
        let mut cache = LoadCache::default();
        let first = load_cached(tmp.path(), &mut cache).unwrap();
        assert_eq!(first.documents.len(), 2);
        std::fs::write(
            teams.join("a.yaml"),
            "template: werkplein\nteam: Eén (nieuw)\n",
        )
        .unwrap();
        std::fs::remove_file(teams.join("b.yaml")).unwrap();
        // The watcher reports the removal: the folders are walked again.
        cache.invalidate(&teams.join("b.yaml"));
        let stale = load_cached(tmp.path(), &mut cache).unwrap();
        assert_eq!(stale.documents.len(), 1, "a removed file is gone");
        assert_eq!(
            stale.documents[0].value["team"], "Een",
            "a file nobody reported as changed is not read again"
        );
        cache.invalidate(&teams.join("a.yaml"));
        let second = load_cached(tmp.path(), &mut cache).unwrap();
        assert_eq!(second.documents[0].value["team"], "Eén (nieuw)");
        assert!(cache.holds(&teams.join("a.yaml")));
        assert!(!cache.holds(&teams.join("b.yaml")));
        cache.invalidate(&teams);
        assert!(!cache.holds(&teams), "a folder invalidates what it holds");
    }

    #[test]
    fn front_matter_is_found() {
        let text = "---\na: 1\n---\nTekst\n";
        let (end, body) = front_matter_bounds(text).unwrap();
        assert_eq!(&text[..end], "---\na: 1\n");
        assert_eq!(&text[body..], "Tekst\n");
        assert!(front_matter_bounds("geen voorblad\n").is_none());
    }
}
