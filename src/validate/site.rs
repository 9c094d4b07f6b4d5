//! `content/site.yaml`: the site's title, the repository for "bewerk dit protocol", a
//! municipality's token file and the accessibility statement.

use std::path::{Component, Path};

use serde::{Deserialize, Serialize};

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
    /// The class the token file scopes its tokens under, as NL Design System themes do
    /// (`.voorbeeld-theme { --basis-…; --utrecht-… }`): put on every page's `<html>`.
    #[serde(default)]
    pub tokens_klasse: Option<String>,
    /// Where staff register an incident (the GIR or the municipality's own form): linked
    /// from "Direct hulp" on every page.
    #[serde(default)]
    pub incidentregistratie: Option<String>,
    /// The accessibility statement.
    #[serde(default)]
    pub toegankelijkheid: Option<Accessibility>,
}

/// The accessibility statement (the Dutch model statement's parts); every part is
/// optional, an unknown key is an error.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// "voldoet volledig", "voldoet gedeeltelijk", "voldoet niet".
    #[serde(default)]
    pub status: Option<String>,
    /// The date the statement was drawn up (YYYY-MM-DD).
    #[serde(default)]
    pub datum: Option<String>,
    /// The standard evaluated against.
    #[serde(default)]
    pub norm: Option<String>,
    /// What the statement covers.
    #[serde(default)]
    pub reikwijdte: Option<String>,
    /// How the site was evaluated.
    #[serde(default)]
    pub evaluatiemethode: Option<String>,
    /// The date of the evaluation (YYYY-MM-DD).
    #[serde(default)]
    pub onderzocht_op: Option<String>,
    /// Known problems.
    #[serde(default)]
    pub bekende_problemen: Vec<String>,
    /// What is done about them.
    #[serde(default)]
    pub maatregelen: Option<String>,
    /// Where to report a problem (an e-mail address becomes a mailto link).
    #[serde(default)]
    pub contact: Option<String>,
    /// How soon a report is answered.
    #[serde(default)]
    pub reactietermijn: Option<String>,
    /// The complaints procedure.
    #[serde(default)]
    pub klachtenprocedure: Option<String>,
}

impl Accessibility {
    /// Every text of the statement, in the page's order (for the search index).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            &self.status,
            &self.norm,
            &self.reikwijdte,
            &self.evaluatiemethode,
            &self.maatregelen,
            &self.contact,
            &self.reactietermijn,
            &self.klachtenprocedure,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(self.bekende_problemen.iter().map(String::as_str))
    }
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
        serde_path_to_error::deserialize::<_, SiteConfig>(&doc.value)
            .map_err(|e| Box::new(setting_problem(doc, e.path())))
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

/// The keys `site.yaml` knows, per group (`""` is the top level).
const KNOWN_KEYS: [(&str, &[&str]); 3] = [
    (
        "",
        &[
            "titel",
            "organisatie",
            "omschrijving",
            "url",
            "taal",
            "repository",
            "tokens",
            "tokens_klasse",
            "incidentregistratie",
            "toegankelijkheid",
        ],
    ),
    ("repository", &["url", "bewerk_url"]),
    (
        "toegankelijkheid",
        &[
            "status",
            "datum",
            "norm",
            "reikwijdte",
            "evaluatiemethode",
            "onderzocht_op",
            "bekende_problemen",
            "maatregelen",
            "contact",
            "reactietermijn",
            "klachtenprocedure",
        ],
    ),
];

/// The finding for a setting that cannot be read, at the key serde stopped at: an unknown
/// key (with a suggestion and the keys its group allows), or a value of the wrong form.
fn setting_problem(doc: &Document, path: &serde_path_to_error::Path) -> Diagnostic {
    use serde_path_to_error::Segment;
    let segments: Vec<String> = path
        .iter()
        .map(|segment| match segment {
            Segment::Seq { index } => index.to_string(),
            other => other.to_string(),
        })
        .collect();
    let pointer: String = segments.iter().map(|s| format!("/{s}")).collect();
    let (key, group) = match segments.split_last() {
        Some((key, parents)) => (key.clone(), parents.join(".")),
        None => (String::new(), String::new()),
    };
    let known = KNOWN_KEYS
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, keys)| *keys)
        .unwrap_or(&[]);
    let shown = crate::terminal::escape(&path.to_string()).into_owned();
    let span = doc.spans.key_or_value(&pointer);
    let in_list = matches!(path.iter().next_back(), Some(Segment::Seq { .. }));
    // A group that is a mapping but fails lacks a key it needs (only `repository.url`).
    if doc
        .value
        .pointer(&pointer)
        .is_some_and(serde_json::Value::is_object)
    {
        return Diagnostic::new(
            Rule::InvalidValue,
            &doc.source,
            span,
            t("site.sleutel-ontbreekt", &[("groep", &shown)]),
        )
        .with_hint(t("site.ongeldig.hint", &[]));
    }
    if !in_list && !known.contains(&key.as_str()) {
        let hint = match super::suggest::did_you_mean(&key, known.iter().copied()) {
            Some(near) => t("site.sleutel.hint-bedoeld", &[("bedoeld", near)]),
            None => String::new(),
        };
        return Diagnostic::new(
            Rule::InvalidValue,
            &doc.source,
            span,
            t("site.sleutel-onbekend", &[("sleutel", &shown)]),
        )
        .with_hint(format!(
            "{hint}{}",
            t("site.sleutel.hint", &[("toegestaan", &known.join(", "))])
        ));
    }
    let form = match key.as_str() {
        _ if in_list => "site.vorm.tekst",
        "repository" | "toegankelijkheid" => "site.vorm.groep",
        "bekende_problemen" => "site.vorm.lijst",
        _ => "site.vorm.tekst",
    };
    Diagnostic::new(
        Rule::InvalidValue,
        &doc.source,
        span,
        t("site.vorm", &[("sleutel", &shown), ("vorm", &t(form, &[]))]),
    )
    .with_hint(t("site.ongeldig.hint", &[]))
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
    if let Some(url) = &site.incidentregistratie
        && let Err(problem) = urls::check_absolute(url)
    {
        found.push(address_problem(
            doc,
            "/incidentregistratie",
            "incidentregistratie",
            url,
            &problem,
        ));
        site.incidentregistratie = None;
    }
    let tokens_named = site.tokens.is_some();
    if let Some(name) = &site.tokens
        && let Err(d) = check_tokens(doc, name, loaded)
    {
        found.push(*d);
        site.tokens = None;
    }
    if let Some(class) = &site.tokens_klasse {
        let file = site
            .tokens
            .as_deref()
            .and_then(|name| loaded.assets.get(name.trim_start_matches("./")));
        if let Err(d) = check_token_class(doc, class, tokens_named, file.map(Vec::as_slice)) {
            found.push(*d);
            site.tokens_klasse = None;
        }
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
    if let Some(statement) = &site.toegankelijkheid {
        let wrong = check_dates(doc, statement);
        if !wrong.is_empty() {
            found.extend(wrong);
            site.toegankelijkheid = None;
        }
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

/// The statement's dates must be real dates (YYYY-MM-DD): the page shows them in words.
fn check_dates(doc: &Document, statement: &Accessibility) -> Vec<Diagnostic> {
    [
        ("datum", &statement.datum),
        ("onderzocht_op", &statement.onderzocht_op),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key, value.as_deref()?)))
    .filter(|(_, value)| value.parse::<jiff::civil::Date>().is_err())
    .map(|(key, value)| {
        Diagnostic::new(
            Rule::InvalidSetting,
            &doc.source,
            doc.spans.value(&format!("/toegankelijkheid/{key}")),
            t(
                "instelling.datum",
                &[
                    ("sleutel", &format!("toegankelijkheid.{key}")),
                    ("waarde", &crate::terminal::escape(value)),
                ],
            ),
        )
        .with_hint(t("instelling.datum.hint", &[]))
    })
    .collect()
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

/// The longest class name `tokens_klasse` may give.
const MAX_CLASS_CHARS: usize = 100;

/// `tokens_klasse` must be one CSS class name (it goes into every page's `<html class>`),
/// needs a token file to scope, and that file must use it as a selector (`.name`): a name
/// the file does not have would leave the municipality's tokens unused.
fn check_token_class(
    doc: &Document,
    class: &str,
    tokens_named: bool,
    file: Option<&[u8]>,
) -> Result<(), Box<Diagnostic>> {
    let shown = urls::shown(class);
    let fail = |key: &str| {
        Box::new(
            Diagnostic::new(
                Rule::InvalidSetting,
                &doc.source,
                doc.spans.value("/tokens_klasse"),
                t(
                    &format!("instelling.tokens_klasse.{key}"),
                    &[("klasse", shown.as_str())],
                ),
            )
            .with_hint(t("instelling.tokens_klasse.hint", &[])),
        )
    };
    if !is_class_name(class) {
        return Err(fail("ongeldig"));
    }
    if !tokens_named {
        return Err(fail("zonder-tokens"));
    }
    // An unusable token file is reported at `tokens`; its class is not checked as well.
    if let Some(css) = file
        && !uses_class(css, class)
    {
        return Err(fail("niet-in-bestand"));
    }
    Ok(())
}

/// A CSS class name vpd writes as it is: ASCII letters, digits, `-` and `_`, not starting
/// with a digit (nor `-` and a digit), at most [`MAX_CLASS_CHARS`] long.
fn is_class_name(class: &str) -> bool {
    let name = class.strip_prefix('-').unwrap_or(class);
    let mut chars = name.chars();
    class.len() <= MAX_CLASS_CHARS
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '-')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Whether `css` has the selector `.class` (not as the start of a longer class name).
fn uses_class(css: &[u8], class: &str) -> bool {
    let needle = format!(".{class}");
    let text = String::from_utf8_lossy(css);
    text.match_indices(&needle).any(|(at, _)| {
        !text[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::{is_class_name, uses_class};

    #[test]
    fn class_names() {
        for good in ["voorbeeld-theme", "utrecht-theme", "_x", "-a", "a1_b-c"] {
            assert!(is_class_name(good), "{good}");
        }
        let long = "a".repeat(101);
        for bad in [
            "",
            "1a",
            "-1",
            "a b",
            "a.b",
            "a\"b",
            "thema<",
            "théma",
            "-",
            long.as_str(),
        ] {
            assert!(!is_class_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_class_is_used_as_a_whole_selector() {
        let css = b".voorbeeld-theme-dark { --x: 1; }\n.voorbeeld-theme, .b { --y: 2; }";
        assert!(uses_class(css, "voorbeeld-theme"));
        assert!(uses_class(css, "b"));
        assert!(!uses_class(css, "voorbeeld"));
        assert!(!uses_class(b".voorbeeld-theme-dark{}", "voorbeeld-theme"));
    }
}
