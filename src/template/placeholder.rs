//! What counts as "not filled in": the placeholders of the source forms.

/// An ECMA-262 regular expression matching a placeholder or empty answer: `.....`
/// (two or more dots, optionally followed by a bracketed hint such as `(afdelingsvisie)`),
/// a bare `Wij`, `-`, `TODO ...` or only white space. Used inside the compiled JSON
/// Schema as `not: {pattern: ...}` so every validator treats placeholders alike.
pub const PATTERN: &str =
    r"^\s*(?:[.…]{2,}\s*(?:\([^)]*\))?|[Ww]ij\s*[.…]*|-+|TODO\b.*|todo\b.*)?\s*$";

/// [`PATTERN`] did not compile: a bug in this build of vpd (the pattern is a constant,
/// compiled by a unit test), never something a user can cause.
#[derive(Debug, thiserror::Error)]
#[error("the placeholder pattern does not compile")]
pub struct PatternError(#[source] Box<jsonschema::ValidationError<'static>>);

/// Compiles [`PATTERN`] as the compiled schemas use it.
pub fn matcher() -> Result<jsonschema::Validator, PatternError> {
    jsonschema::draft202012::new(&serde_json::json!({"type": "string", "pattern": PATTERN}))
        .map_err(|e| PatternError(Box::new(e)))
}

/// The compiled pattern. A pattern that does not compile stops vpd with its cause at the
/// first answer checked, rather than letting every placeholder pass as an answer.
static MATCHER: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
    matcher().unwrap_or_else(|e| {
        let cause = std::error::Error::source(&e).map(ToString::to_string);
        panic!("{e}: {}", cause.unwrap_or_default())
    })
});

/// Whether `s` is a placeholder, by the same pattern the compiled schemas use.
pub fn is_placeholder(s: &str) -> bool {
    MATCHER.is_valid(&serde_json::Value::String(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::PATTERN;

    fn is_placeholder(s: &str) -> bool {
        let schema = serde_json::json!({"pattern": PATTERN});
        jsonschema::draft202012::is_valid(&schema, &serde_json::json!(s))
    }

    #[test]
    fn the_pattern_compiles() {
        assert!(super::matcher().is_ok());
    }

    #[test]
    fn placeholders_match() {
        for s in [
            "",
            "   ",
            ".....",
            "..... (afdelingsvisie)",
            "...",
            "Wij",
            "wij ...",
            "-",
            "TODO",
            "TODO: invullen",
        ] {
            assert!(is_placeholder(s), "{s:?} should be a placeholder");
        }
    }

    #[test]
    fn real_answers_do_not_match() {
        for s in [
            "Wij bieden elke bezoeker een rustige wachtruimte.",
            "...is voor ons belangrijk omdat het werk veilig moet zijn",
            "Todolijst bijhouden",
            "- en verder",
        ] {
            assert!(!is_placeholder(s), "{s:?} is a real answer");
        }
    }
}
