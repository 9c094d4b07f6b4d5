//! The id rule: every name that becomes part of a URL, an HTML id or a form field name
//! (a content file's name, a `slug:`, an id in a template or in content) is lower-case
//! ASCII letters, digits, `-` and `_`, starting with a letter or digit.

/// The id rule as a regular expression, as the compiled JSON Schemas use it (`$defs/slug`).
pub const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*$";

/// Whether `name` follows the id rule ([`SLUG_PATTERN`]).
pub fn is_slug(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The name `name` could be renamed to so that it follows the id rule, when there is one
/// (a name of only punctuation has none).
pub fn suggest_slug(name: &str) -> Option<String> {
    let slug = crate::scaffold::slugify(name);
    is_slug(&slug).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_rule() {
        for ok in ["werkplein-noord", "a", "0", "team_2", "kcc-2026"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "_a",
            "Werkplein",
            "index.html",
            "a b",
            "a\"b",
            "<a>",
            "a\nb",
            "a\u{202e}b",
            "café",
        ] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn suggestions_follow_the_rule() {
        assert_eq!(
            suggest_slug("Werkplein Noord").as_deref(),
            Some("werkplein-noord")
        );
        assert_eq!(suggest_slug("index.html").as_deref(), Some("index-html"));
        assert_eq!(
            suggest_slug("team\u{202e}lmth.exe").as_deref(),
            Some("team-lmth-exe")
        );
        assert_eq!(suggest_slug("\"<>\""), None);
    }

    #[test]
    fn the_pattern_and_the_function_agree() {
        let re = jsonschema::draft202012::new(
            &serde_json::json!({"type": "string", "pattern": SLUG_PATTERN}),
        )
        .expect("the pattern compiles");
        for s in ["werkplein-noord", "team_2", "Werkplein", "a b", "-a", "a\n"] {
            assert_eq!(re.is_valid(&serde_json::json!(s)), is_slug(s), "{s:?}");
        }
    }
}
