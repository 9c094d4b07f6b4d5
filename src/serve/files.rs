//! Mapping a request path to a file of the built site, safely: only files inside the
//! output folder, never `..`, encoded or double-encoded traversal, backslashes, NUL
//! bytes, or symlinks that lead out.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file to serve.
    File(PathBuf),
    /// A folder URL without its trailing slash: redirect here.
    Redirect(String),
    /// The path is malformed or hostile (400).
    BadRequest,
    /// Nothing there (404).
    NotFound,
}

/// Resolves the path part of a request URL against the site folder `root`.
pub fn resolve(root: &Path, raw: &str) -> Resolved {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return Resolved::BadRequest;
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    let lowered = decoded.to_ascii_lowercase();
    // A second round of encoding (%252e%252e) is never legitimate here.
    if decoded.contains('\0')
        || decoded.contains('\\')
        || lowered.contains("%2e")
        || lowered.contains("%2f")
        || lowered.contains("%5c")
        || lowered.contains("%00")
        || decoded.split('/').any(|seg| seg == ".." || seg == ".")
    {
        return Resolved::BadRequest;
    }
    let Ok(root) = root.canonicalize() else {
        return Resolved::NotFound;
    };
    let relative = decoded.trim_start_matches('/');
    let mut candidate = root.join(relative);
    if candidate.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{decoded}/"));
        }
        candidate = candidate.join("index.html");
    }
    match candidate.canonicalize() {
        Ok(real) if real.starts_with(&root) && real.is_file() => Resolved::File(real),
        Ok(_) => Resolved::NotFound,
        Err(_) => Resolved::NotFound,
    }
}

/// The Content-Type for a file.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        // Pagefind's index, fragment and metadata files are binary.
        "pf_meta" | "pf_index" | "pf_fragment" | "pagefind" => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("site/teams")).unwrap();
        std::fs::write(tmp.path().join("site/index.html"), "x").unwrap();
        std::fs::write(tmp.path().join("geheim.txt"), "x").unwrap();
        let root = tmp.path().join("site");
        for bad in [
            "/../geheim.txt",
            "/%2e%2e/geheim.txt",
            "/%252e%252e/geheim.txt",
            "/..%2fgeheim.txt",
            "/teams\\..\\..\\geheim.txt",
            "/index.html%00.txt",
            "//etc/passwd",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::BadRequest, "{bad}");
        }
        assert_eq!(
            resolve(&root, "/teams"),
            Resolved::Redirect("/teams/".into())
        );
        assert!(matches!(resolve(&root, "/"), Resolved::File(_)));
        assert_eq!(resolve(&root, "/bestaat-niet/"), Resolved::NotFound);
    }

    #[test]
    fn symlinks_out_of_the_site_are_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("site")).unwrap();
        std::fs::write(tmp.path().join("geheim.txt"), "x").unwrap();
        std::os::unix::fs::symlink(
            tmp.path().join("geheim.txt"),
            tmp.path().join("site/link.txt"),
        )
        .unwrap();
        assert_eq!(
            resolve(&tmp.path().join("site"), "/link.txt"),
            Resolved::NotFound
        );
    }
}
