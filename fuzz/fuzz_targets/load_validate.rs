//! Load + validate, for every kind of content file and so for every template.
//!
//! The input is one content file as a municipality would commit it: the first byte picks
//! where the file stands (and so its role), the rest is the file's bytes:
//!
//! | `data[0] % 6` | file                                  | templates reached         |
//! |---------------|---------------------------------------|---------------------------|
//! | 0             | `content/teams/fuzz.yaml` (added)     | werkplein, kcc (any name) |
//! | 1             | `content/organisatie/beleid.yaml`     | beleid (replaces it)      |
//! | 2             | `content/organisatie/normschema.yaml` | normschema (replaces it)  |
//! | 3             | `content/werkvormen/fuzz.md` (added)  | werkvorm (front matter)   |
//! | 4             | `content/leerdoelwijzers/fuzz.yaml`   | leerdoelwijzer, ontwikkelmatrix |
//! | 5             | `content/site.yaml`                   | the site settings         |
//!
//! The template a document is checked against is the one its own `template:` key names,
//! as in `vpd check`; the seed corpus (laid by scripts/fuzz from `content/` and
//! `tests/fixtures/`) starts every slot with real files of its templates. Bit 7 of the
//! first byte turns on `--strikt`; the date is fixed (2026-11-24, as in the integration
//! tests), so every finding reproduces.
//!
//! The file is read as `load::read_source` reads one (not UTF-8 or holding a NUL: refused
//! before parsing, nothing more to reach), parsed with `load::parse_document` and put
//! beside the valid organisation of `tests/fixtures/valid/minimal`, loaded once. Then
//! everything `vpd check` runs on it: `validate::validate`, and the findings printed in
//! the human (source excerpts) and JSON formats. When the organisation is still valid,
//! what `vpd build` does next runs too, in memory: the model, the page registry, every
//! page rendered into a sink that drops it. Nothing is written to disk.
//!
//! A panic, a hang (libFuzzer's -timeout) or unbounded memory (-rss_limit_mb) is a finding.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use libfuzzer_sys::fuzz_target;
use vpd::diagnostic::format::{self, Format};
use vpd::diagnostic::summary::Report;
use vpd::load::{self, Document, Loaded};
use vpd::render::{self, OutputFile, Page, Registry, RenderError, Selection, Sink, Theme};
use vpd::source::SourceFile;
use vpd::template::Templates;
use vpd::validate::{self, Options};

/// The valid organisation every input is put into, loaded once.
struct Base {
    root: PathBuf,
    documents: Vec<Arc<Document>>,
    site: Option<Arc<Document>>,
    assets: std::collections::BTreeMap<String, Vec<u8>>,
    files: usize,
    templates: Templates,
    theme: Theme,
}

static BASE: LazyLock<Base> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/minimal");
    let loaded = load::load(&root).expect("the minimal organisation loads");
    assert!(
        loaded.diagnostics.is_empty(),
        "the minimal organisation parses"
    );
    let templates = Templates::load(&root);
    let theme = Theme::load(&root).expect("the default theme compiles");
    Base {
        root: loaded.root,
        documents: loaded.documents,
        site: loaded.site,
        assets: loaded.assets,
        files: loaded.files,
        templates,
        theme,
    }
});

/// `VPD_FUZZ_TRACE=1`: print per input what validation found and whether the build's
/// stages ran (to see which seeds reach rendering).
static TRACE: LazyLock<bool> = LazyLock::new(|| std::env::var_os("VPD_FUZZ_TRACE").is_some());

/// Where the input stands, by the first byte.
const SLOTS: [&str; 6] = [
    "content/teams/fuzz.yaml",
    "content/organisatie/beleid.yaml",
    "content/organisatie/normschema.yaml",
    "content/werkvormen/fuzz.md",
    "content/leerdoelwijzers/fuzz.yaml",
    "content/site.yaml",
];

/// A sink that drops every page: rendering is what is fuzzed, not writing.
struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile, _page: Option<&Page>) -> Result<(), RenderError> {
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    // What read_source refuses never reaches the parser.
    if bytes.len() as u64 > load::MAX_FILE_BYTES {
        return;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if text.contains('\0') {
        return;
    }
    let base = &*BASE;
    let slot = SLOTS[usize::from(first) % SLOTS.len()];
    let strict = first & 0x80 != 0;
    let path = base.root.join(slot);
    let source = Arc::new(SourceFile::new(&path, slot.to_string(), text.to_string()));

    let mut loaded = Loaded {
        root: base.root.clone(),
        documents: base
            .documents
            .iter()
            .filter(|d| d.source.display != slot)
            .cloned()
            .collect(),
        site: base.site.clone(),
        diagnostics: Vec::new(),
        files: base.files,
        assets: base.assets.clone(),
    };
    let is_site = slot == "content/site.yaml";
    if is_site {
        loaded.site = None;
    } else if !base.documents.iter().any(|d| d.source.display == slot) {
        loaded.files += 1;
    }
    match load::parse_document(&source) {
        Ok(doc) if is_site => loaded.site = Some(Arc::new(doc)),
        Ok(doc) => loaded.documents.push(Arc::new(doc)),
        Err(d) => loaded.diagnostics.push(d),
    }

    let options = Options {
        // The date the integration tests use (tests/common VANDAAG): the base is valid then.
        today: jiff::civil::date(2026, 11, 24),
        strict,
    };
    let validated = validate::validate(&loaded, &base.templates, &options);
    let report = Report {
        diagnostics: &validated.diagnostics,
        files: validated.files,
        teams: &validated.teams,
    };
    let human = format::render(Format::Human, &report, false);
    assert!(validated.diagnostics.is_empty() || !human.is_empty());
    let _ = format::render(Format::Json, &report, false);

    if *TRACE {
        eprintln!(
            "{slot}: {} errors, {} warnings{}",
            validated.errors(),
            validated.warnings(),
            if validated.errors() == 0 {
                ", model and pages rendered"
            } else {
                ""
            }
        );
    }
    if validated.errors() == 0 {
        let model = vpd::model::build(&loaded, &base.templates, &validated, options.today);
        let registry = Registry::new(&model, base.theme.statics.keys().cloned());
        let _ = registry.link_targets();
        render::render(
            &model,
            &base.theme,
            &registry,
            &Selection::Everything,
            &Discard,
        )
        .expect("a valid organisation renders");
    }
});
