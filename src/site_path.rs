//! The one mapping between a path of the site (`/teams/x/`, the site's base removed) and
//! the file of the output that serves it (`teams/x/index.html`), as a static web server
//! maps it: query and fragment dropped, percent-encoding decoded, a path ending in `/`
//! served by its `index.html`. The page registry names each page's file with it, the link
//! check asks it whether a link reaches a file of the site, the writer and the preview
//! server refuse what it refuses, and the tests find the built file of a page with it.
//!
//! A path that could mean a file outside the output (`..`, `.`, an empty segment, a
//! backslash, an encoded separator, a control character, percent-encoding that is not
//! UTF-8) maps to no file at all.

use percent_encoding::percent_decode_str;

use crate::messages::t;

/// Why a path of the site maps to no file of the output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SitePathError {
    /// The path does not start with `/` (a relative link, or an output file given with a
    /// leading `/`).
    #[error("{}", t("sitepad.niet-absoluut", &[("pad", .0)]))]
    NotAbsolute(String),
    /// Its percent-encoding does not decode to UTF-8.
    #[error("{}", t("sitepad.codering", &[("pad", .0)]))]
    NotUtf8(String),
    /// A segment could leave the output folder or name another file than it seems to:
    /// `..`, `.`, empty, with a (decoded) `/` or `\`, or with a control character.
    #[error("{}", t("sitepad.onveilig", &[("pad", .0)]))]
    Unsafe(String),
}

/// `link` without its query (`?…`) and fragment (`#…`).
pub fn without_query_and_fragment(link: &str) -> &str {
    link.split(['?', '#']).next().unwrap_or(link)
}

/// The output file (relative, `/`-separated) that serves `url`, a path of the site:
/// `/` → `index.html`, `/teams/x/` → `teams/x/index.html`, `/404.html` → `404.html`,
/// `/teams/x/#kop` → `teams/x/index.html`, `/a%20b/` → `a b/index.html`.
pub fn file_of(url: &str) -> Result<String, SitePathError> {
    let path = without_query_and_fragment(url);
    let Some(rest) = path.strip_prefix('/') else {
        return Err(SitePathError::NotAbsolute(url.to_string()));
    };
    let mut segments = Vec::new();
    let raw: Vec<&str> = rest.split('/').collect();
    let last = raw.len() - 1;
    for (i, segment) in raw.into_iter().enumerate() {
        let decoded = percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| SitePathError::NotUtf8(url.to_string()))?;
        // The last segment is empty exactly when the path ends in `/` (a folder).
        if i == last && decoded.is_empty() {
            segments.push(std::borrow::Cow::Borrowed("index.html"));
            break;
        }
        if !is_safe_segment(&decoded) {
            return Err(SitePathError::Unsafe(url.to_string()));
        }
        segments.push(decoded);
    }
    Ok(segments.join("/"))
}

/// The path of the site that an output file serves: `index.html` → `/`,
/// `teams/x/index.html` → `/teams/x/`, `404.html` → `/404.html`. The inverse of
/// [`file_of`] for the files vpd writes (whose names need no percent-encoding).
pub fn url_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{file}"),
    }
}

/// `file` if it is an output file path that stays inside the output folder: relative,
/// `/`-separated, every segment [safe](is_safe_segment).
pub fn checked_file(file: &str) -> Result<&str, SitePathError> {
    if file.starts_with('/') {
        return Err(SitePathError::NotAbsolute(file.to_string()));
    }
    if !file.split('/').all(is_safe_segment) {
        return Err(SitePathError::Unsafe(file.to_string()));
    }
    Ok(file)
}

/// Whether one decoded segment names a file or folder inside its parent and nothing else.
fn is_safe_segment(segment: &str) -> bool {
    !(segment.is_empty()
        || segment == "."
        || segment == ".."
        || segment.contains(['/', '\\'])
        || segment.chars().any(char::is_control))
}

#[cfg(test)]
mod tests;
