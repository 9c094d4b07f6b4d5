//! Which addresses vpd publishes. Every address from content or settings is an `http:`,
//! `https:` or `mailto:` URL or a path on the site: a `javascript:`, `data:` or
//! `vbscript:` link runs code when someone clicks it, and other schemes hand the click to
//! some other program. Addresses are parsed with the `url` crate (the WHATWG URL standard
//! browsers follow), so leading spaces and control characters, tabs or line breaks inside
//! the scheme and mixed case (`JaVaScRiPt:`) are read as a browser reads them.

use std::sync::LazyLock;

use url::Url;

/// The schemes an address may have once resolved against a page of the site.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// A page of the site, for resolving relative addresses as a browser would.
static PAGE: LazyLock<Option<Url>> =
    LazyLock::new(|| Url::parse("https://vpd.invalid/pagina/").ok());

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// It contains a control or bidi character (a tab, a line break, ESC, U+202E ...).
    Control,
    /// Its scheme (lower case) is not `http`, `https` or `mailto`.
    Scheme(String),
    /// It is not an absolute `http(s)://` address where one is needed.
    NotAbsolute,
    /// It is an absolute address with a `?` query or `#` fragment where none may be.
    QueryOrFragment,
    /// It cannot be parsed at all (the parser's reason).
    Unparsable(String),
}

/// Whether a link written in content may be published: `http:`, `https:`, `mailto:` or
/// a relative address (a path on the site, `#anchor`).
pub fn check_link(address: &str) -> Result<(), UrlProblem> {
    if has_hidden_characters(address) {
        return Err(UrlProblem::Control);
    }
    let base = PAGE
        .as_ref()
        .ok_or_else(|| UrlProblem::Unparsable(String::from("base")))?;
    let resolved = base
        .join(address)
        .map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
    allowed_scheme(&resolved)
}

/// Whether a setting that names a web address holds an absolute `http(s)://` URL with a
/// host.
pub fn check_absolute(address: &str) -> Result<Url, UrlProblem> {
    if has_hidden_characters(address) {
        return Err(UrlProblem::Control);
    }
    let url = match Url::parse(address) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => return Err(UrlProblem::NotAbsolute),
        Err(e) => return Err(UrlProblem::Unparsable(e.to_string())),
    };
    allowed_scheme(&url)?;
    if url.scheme() == "mailto" || url.host().is_none() {
        return Err(UrlProblem::NotAbsolute);
    }
    Ok(url)
}

/// [`check_absolute`], and no `?` query or `#` fragment (an address other paths are
/// appended to, such as the site's own address).
pub fn check_base(address: &str) -> Result<Url, UrlProblem> {
    let url = check_absolute(address)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UrlProblem::QueryOrFragment);
    }
    Ok(url)
}

fn allowed_scheme(url: &Url) -> Result<(), UrlProblem> {
    if ALLOWED_SCHEMES.contains(&url.scheme()) {
        Ok(())
    } else {
        Err(UrlProblem::Scheme(url.scheme().to_string()))
    }
}

/// Control characters, and the characters that hide or reorder text (bidi controls,
/// zero-width characters): an address with one is never what it looks like.
fn has_hidden_characters(address: &str) -> bool {
    crate::terminal::escape(address) != address
}

/// An address as a message shows it: control characters escaped, at most 80 characters.
pub fn shown(address: &str) -> String {
    let escaped = crate::terminal::escape(address);
    let mut out: String = escaped.chars().take(80).collect();
    if out.len() < escaped.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_the_web_to_mail_and_into_the_site_are_allowed() {
        for ok in [
            "https://example.org/a?b=c#d",
            "http://intranet/",
            "mailto:vpd@gemeente.example",
            "/teams/werkplein-noord/",
            "#melden",
            "../teams/",
            "teams/",
            "//andere.example/pad",
            "HTTPS://EXAMPLE.ORG/",
        ] {
            assert_eq!(check_link(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn scripts_data_and_other_schemes_are_refused() {
        for (bad, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            ("  javascript:alert(1)", "javascript"),
            ("javascript://%0Aalert(1)", "javascript"),
            ("data:text/html;base64,PHNjcmlwdD4=", "data"),
            ("vbscript:msgbox(1)", "vbscript"),
            ("file:///etc/passwd", "file"),
            ("tel:0123456789", "tel"),
        ] {
            assert_eq!(
                check_link(bad),
                Err(UrlProblem::Scheme(scheme.into())),
                "{bad}"
            );
        }
        for hidden in ["java\tscript:alert(1)", "\u{1}javascript:x", "a\u{202e}b"] {
            assert_eq!(check_link(hidden), Err(UrlProblem::Control), "{hidden:?}");
        }
    }

    #[test]
    fn settings_need_absolute_web_addresses() {
        assert!(check_absolute("https://git.example/org/repo").is_ok());
        assert_eq!(
            check_absolute("git.example/org"),
            Err(UrlProblem::NotAbsolute)
        );
        assert_eq!(
            check_absolute("mailto:a@b.example"),
            Err(UrlProblem::NotAbsolute)
        );
        assert_eq!(
            check_absolute("javascript://%0Aalert(1)"),
            Err(UrlProblem::Scheme("javascript".into()))
        );
        assert_eq!(
            check_base("https://intranet.example/vpd?x=1"),
            Err(UrlProblem::QueryOrFragment)
        );
        assert!(check_base("https://intranet.example/vpd").is_ok());
    }
}
