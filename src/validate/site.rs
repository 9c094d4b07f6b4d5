//! `content/site.yaml`: the site's title, the repository for "bewerk dit protocol", a
//! municipality's token file and the accessibility statement.

use std::path::{Component, Path};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::links::{self, ContentLink};
use super::urls::{self, UrlProblem};
use crate::diagnostic::{Diagnostic, Rule};
use crate::load::{Document, Loaded, MAX_FILE_BYTES};
use crate::messages::t;

/// Where the organisation's repository lives.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Repository {
    /// The repository's web address.
    pub url: String,
    /// The web editor address with `{pad}` for the file path.
    #[serde(default)]
    pub bewerk_url: Option<String>,
}

/// The site settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title.
    #[serde(default)]
    pub titel: String,
    /// The organisation's name.
    #[serde(default)]
    pub organisatie: String,
    /// A short description for the home page (Markdown).
    #[serde(default)]
    pub omschrijving: Option<String>,
    /// The site's own web address on the intranet (for absolute URLs in the sitemap).
    #[serde(default)]
    pub url: Option<String>,
    /// The language (only `nl`).
    #[serde(default)]
    pub taal: Option<String>,
    /// The repository, for edit links.
    #[serde(default)]
    pub repository: Option<Repository>,
    /// A CSS file with the municipality's design tokens, relative to `content/`.
    #[serde(default)]
    pub tokens: Option<String>,
    /// The accessibility statement.
    #[serde(default)]
    pub toegankelijkheid: Option<Value>,
}

/// Why the site settings could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SiteError(pub String);

impl SiteConfig {
    /// Reads `site.yaml` (defaults when absent); a problem is a diagnostic.
    pub fn from_document(doc: Option<&Document>) -> Result<SiteConfig, Box<Diagnostic>> {
        let Some(doc) = doc else {
            return Ok(SiteConfig::default());
        };
        serde_json::from_value::<SiteConfig>(doc.value.clone()).map_err(|e| {
            let message = e.to_string();
            let key = message
                .split('`')
                .nth(1)
                .map(|k| format!("/{k}"))
                .unwrap_or_default();
            Box::new(
                Diagnostic::new(
                    Rule::InvalidValue,
                    &doc.source,
                    doc.spans.key_or_value(&key),
                    t("site.ongeldig", &[("fout", &message)]),
                )
                .with_hint(t("site.ongeldig.hint", &[])),
            )
        })
    }

    /// The "bewerk dit protocol" link for a file, when the repository is named.
    pub fn edit_url(&self, file: &str) -> Option<String> {
        let repo = self.repository.as_ref()?;
        Some(match &repo.bewerk_url {
            Some(pattern) => pattern.replace("{pad}", file),
            None => format!("{}/-/edit/main/{file}", repo.url.trim_end_matches('/')),
        })
    }
}

/// What checking the settings found.
#[derive(Debug, Default)]
pub struct SettingsFindings {
    /// Every setting vpd cannot use (it is also cleared from the settings).
    pub diagnostics: Vec<Diagnostic>,
    /// Links into the site written in the settings' Markdown texts.
    pub links: Vec<ContentLink>,
}

/// Checks the settings read from `doc` (`content/site.yaml`): every address is an
/// absolute `http(s)://` URL, the token file lies in `content/`, exists and is not too
/// large, the language is `nl`, and the Markdown texts link only to allowed addresses.
/// Every setting vpd cannot use is an error at its line and column, and is cleared from
/// `site`, so it reaches no page even where an erroneous site is shown (the preview).
pub fn check(doc: Option<&Document>, site: &mut SiteConfig, loaded: &Loaded) -> SettingsFindings {
    let mut out = SettingsFindings::default();
    let Some(doc) = doc else {
        return out;
    };
    let found = &mut out.diagnostics;
    if let Some(url) = &site.url {
        // Kept as the parser writes it (percent-encoded): the sitemap puts it in every
        // `<loc>`.
        site.url = match urls::check_base(url) {
            Ok(parsed) => Some(parsed.as_str().to_string()),
            Err(problem) => {
                found.push(address_problem(doc, "/url", "url", url, &problem));
                None
            }
        };
    }
    if let Some(repo) = &site.repository {
        let mut problems = Vec::new();
        if let Err(problem) = urls::check_absolute(&repo.url) {
            problems.push(address_problem(
                doc,
                "/repository/url",
                "repository.url",
                &repo.url,
                &problem,
            ));
        }
        if let Some(pattern) = &repo.bewerk_url
            && let Err(problem) = urls::check_absolute(&pattern.replace("{pad}", EXAMPLE_PATH))
        {
            problems.push(address_problem(
                doc,
                "/repository/bewerk_url",
                "repository.bewerk_url",
                pattern,
                &problem,
            ));
        }
        if !problems.is_empty() {
            found.extend(problems);
            site.repository = None;
        }
    }
    if let Some(name) = &site.tokens
        && let Err(d) = check_tokens(doc, name, loaded)
    {
        found.push(*d);
        site.tokens = None;
    }
    if let Some(taal) = &site.taal
        && taal != "nl"
    {
        found.push(
            Diagnostic::new(
                Rule::InvalidSetting,
                &doc.source,
                doc.spans.value("/taal"),
                t("instelling.taal", &[("taal", &urls::shown(taal))]),
            )
            .with_hint(t("instelling.taal.hint", &[])),
        );
        site.taal = None;
    }
    let scanned = links::scan(doc);
    if !scanned.refused.is_empty() {
        site.omschrijving = None;
        site.toegankelijkheid = None;
    }
    found.extend(scanned.refused);
    out.links = scanned.internal;
    out
}

/// A file path `{pad}` stands for when `bewerk_url` is checked.
const EXAMPLE_PATH: &str = "content/teams/voorbeeld.yaml";

/// The finding for a setting that names a web address vpd cannot use.
fn address_problem(
    doc: &Document,
    pointer: &str,
    key: &str,
    url: &str,
    problem: &UrlProblem,
) -> Diagnostic {
    let shown = urls::shown(url);
    let (rule, message) = match problem {
        UrlProblem::Scheme(scheme) => (
            Rule::UnsafeUrl,
            t(
                "instelling.adres-schema",
                &[
                    ("sleutel", key),
                    ("url", &shown),
                    ("schema", &urls::shown(scheme)),
                ],
            ),
        ),
        UrlProblem::Control => (
            Rule::UnsafeUrl,
            t(
                "instelling.adres-stuurteken",
                &[("sleutel", key), ("url", &shown)],
            ),
        ),
        UrlProblem::NotAbsolute => (
            Rule::InvalidSetting,
            t(
                "instelling.adres",
                &[
                    ("sleutel", key),
                    ("url", &shown),
                    ("fout", &t("adres.fout.niet-volledig", &[])),
                ],
            ),
        ),
        UrlProblem::QueryOrFragment => (
            Rule::InvalidSetting,
            t(
                "instelling.adres",
                &[
                    ("sleutel", key),
                    ("url", &shown),
                    ("fout", &t("adres.fout.vraag-of-anker", &[])),
                ],
            ),
        ),
        UrlProblem::Unparsable(e) => (
            Rule::InvalidSetting,
            t(
                "instelling.adres",
                &[("sleutel", key), ("url", &shown), ("fout", e)],
            ),
        ),
    };
    Diagnostic::new(rule, &doc.source, doc.spans.value(pointer), message)
        .with_hint(t(&format!("instelling.adres.hint.{key}"), &[]))
}

/// The token file named in `tokens:` must lie in `content/`, be a `.css` file vpd read
/// (not too large, not behind a symbolic link or in a hidden folder) and exist.
fn check_tokens(doc: &Document, name: &str, loaded: &Loaded) -> Result<(), Box<Diagnostic>> {
    let relative = name.trim_start_matches("./");
    let shown = urls::shown(name);
    let fail = |key: &str, extra: &[(&str, &str)]| {
        let mut args = vec![("pad", shown.as_str())];
        args.extend_from_slice(extra);
        Box::new(
            Diagnostic::new(
                Rule::InvalidSetting,
                &doc.source,
                doc.spans.value("/tokens"),
                t(&format!("instelling.tokens.{key}"), &args),
            )
            .with_hint(t("instelling.tokens.hint", &[])),
        )
    };
    let path = Path::new(relative);
    let inside = path.components().all(|c| matches!(c, Component::Normal(_)));
    if relative.is_empty() || !inside {
        return Err(fail("buiten", &[]));
    }
    if !relative.ends_with(".css") {
        return Err(fail("geen-css", &[]));
    }
    if loaded.assets.contains_key(relative) {
        return Ok(());
    }
    let on_disk = loaded.root.join("content").join(path);
    match std::fs::symlink_metadata(&on_disk) {
        Err(_) => Err(fail("ontbreekt", &[])),
        Ok(meta) if meta.is_file() && meta.len() > MAX_FILE_BYTES => Err(fail(
            "te-groot",
            &[("max", &(MAX_FILE_BYTES / 1024).to_string())],
        )),
        Ok(_) => Err(fail("onbruikbaar", &[])),
    }
}
