//! Where the site is published: the path of `url` in `site.yaml` (`/vpd/` for
//! `https://intranet.example/vpd`, `/` without a `url`). Every address the site writes
//! (links, stylesheets, scripts, the search bundles, links written in content) is this
//! base followed by a path of the site (`/teams/x/`), so the same output works when it is
//! served from a sub-path. The model holds the one [`SiteBase`]; the registry, the
//! templates' `url()` function, the Markdown renderer and the link check ask it.

use serde::Serialize;

/// The site's base path and, when `site.yaml` gives it, its full address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SiteBase {
    /// The path the site is published under: starts and ends with `/` (`/`, `/vpd/`).
    path: String,
    /// The site's address without a trailing `/` (`https://intranet.example/vpd`).
    address: Option<String>,
}

impl Default for SiteBase {
    fn default() -> Self {
        SiteBase {
            path: "/".into(),
            address: None,
        }
    }
}

impl SiteBase {
    /// The base of a site whose `url` setting is `site_url` (already checked by
    /// `validate::urls::check_base`: absolute, no query or fragment). An address that does
    /// not parse (which the check refused) gives the root.
    pub fn of(site_url: Option<&str>) -> SiteBase {
        let Some(parsed) = site_url.and_then(|u| url::Url::parse(u).ok()) else {
            return SiteBase::default();
        };
        let trimmed = parsed.path().trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        let mut address = parsed.as_str().trim_end_matches('/').to_string();
        // The parser writes `https://x/` for `https://x`: the origin alone, without `/`.
        if trimmed.is_empty() {
            address = parsed.origin().ascii_serialization();
        }
        SiteBase {
            path,
            address: Some(address),
        }
    }

    /// The base path (`/` or `/vpd/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the site is published at the root of its host.
    pub fn is_root(&self) -> bool {
        self.path == "/"
    }

    /// The address a page writes for the site path `path` (`/teams/x/#kop` →
    /// `/vpd/teams/x/#kop`). Anything not starting with a single `/` (an external
    /// address, `#kop`, `//host/`) is returned unchanged.
    pub fn href(&self, path: &str) -> String {
        match path.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => format!("{}{rest}", self.path),
            _ => path.to_string(),
        }
    }

    /// The site path of an address written in the output (`/vpd/teams/x/` →
    /// `/teams/x/`), or `None` when it lies outside the base.
    pub fn strip<'a>(&self, link: &'a str) -> Option<&'a str> {
        let prefix = self.path.trim_end_matches('/');
        link.strip_prefix(prefix)
            .filter(|rest| rest.starts_with('/') && !rest.starts_with("//"))
    }

    /// The full address of the site path `path` (`https://intranet.example/vpd/teams/x/`),
    /// when `site.yaml` gives the site's `url`.
    pub fn absolute(&self, path: &str) -> Option<String> {
        let address = self.address.as_ref()?;
        Some(format!("{address}/{}", path.trim_start_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_the_path_of_the_site_address() {
        for (url, path) in [
            (None, "/"),
            (Some("https://intranet.example"), "/"),
            (Some("https://intranet.example/"), "/"),
            (Some("https://intranet.example/vpd"), "/vpd/"),
            (Some("https://intranet.example/vpd/"), "/vpd/"),
            (Some("https://intranet.example/a/b"), "/a/b/"),
        ] {
            assert_eq!(SiteBase::of(url).path(), path, "{url:?}");
        }
    }

    #[test]
    fn addresses_go_through_the_base_both_ways() {
        let base = SiteBase::of(Some("https://intranet.example/vpd"));
        assert_eq!(base.href("/"), "/vpd/");
        assert_eq!(base.href("/teams/x/#kop"), "/vpd/teams/x/#kop");
        assert_eq!(base.href("#kop"), "#kop");
        assert_eq!(base.href("//x.example/"), "//x.example/");
        assert_eq!(base.href("https://x.example/"), "https://x.example/");
        assert_eq!(base.strip("/vpd/teams/x/"), Some("/teams/x/"));
        assert_eq!(base.strip("/vpd/"), Some("/"));
        assert_eq!(base.strip("/teams/x/"), None);
        assert_eq!(base.strip("/vpdx/"), None);
        assert_eq!(
            base.absolute("/teams/x/").as_deref(),
            Some("https://intranet.example/vpd/teams/x/")
        );
        let root = SiteBase::of(Some("https://intranet.example/"));
        assert_eq!(root.href("/teams/"), "/teams/");
        assert_eq!(root.strip("/teams/"), Some("/teams/"));
        assert_eq!(
            root.absolute("/").as_deref(),
            Some("https://intranet.example/")
        );
        assert_eq!(SiteBase::of(None).absolute("/"), None);
    }
}
