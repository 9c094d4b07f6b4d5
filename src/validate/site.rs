//! `content/site.yaml`: the site's title, the repository for "bewerk dit protocol", a
//! municipality's token file and the accessibility statement.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Rule};
use crate::load::Document;
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
