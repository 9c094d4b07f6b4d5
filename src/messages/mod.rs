//! Every word a municipal user reads comes from one message file per language.
//!
//! The Dutch catalogue is `nl.yaml` beside this file, embedded in the binary. A second
//! language is a second file with the same keys and a variant in [`Language`].
//! Messages use `{name}` placeholders, filled in by [`t`].

use std::collections::HashMap;
use std::sync::LazyLock;

/// The languages vpd speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Dutch, the language of every municipal user.
    #[default]
    Nl,
}

/// The Dutch catalogue. It is embedded in the binary and checked by a unit test (and by
/// every test that prints a message), so a catalogue that does not read is a bug in this
/// build of vpd, never something a user can cause: it stops at once with its cause
/// rather than print every message as its key.
static NL: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    parse_catalogue(include_str!("nl.yaml"))
        .unwrap_or_else(|e| panic!("src/messages/nl.yaml is not a usable catalogue: {e}"))
});

/// Why a catalogue cannot be used (a bug in vpd: the catalogue is embedded).
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// The file is not YAML.
    #[error("not YAML")]
    Yaml(#[source] saphyr::ScanError),
    /// The file is not one mapping of keys to texts.
    #[error("not a mapping of keys to texts")]
    NotAMapping,
    /// An entry's key or text is not a string.
    #[error("entry {0} is not `key: text`")]
    NotText(usize),
    /// The file has no messages.
    #[error("no messages")]
    Empty,
}

/// Parses a flat `key: text` catalogue.
fn parse_catalogue(src: &str) -> Result<HashMap<String, String>, CatalogueError> {
    use saphyr::{LoadableYamlNode, Yaml};
    let docs = Yaml::load_from_str(src).map_err(CatalogueError::Yaml)?;
    let Some(Yaml::Mapping(m)) = docs.first() else {
        return Err(CatalogueError::NotAMapping);
    };
    let mut map = HashMap::new();
    for (i, (k, v)) in m.iter().enumerate() {
        let (Some(k), Some(v)) = (k.as_str(), v.as_str()) else {
            return Err(CatalogueError::NotText(i + 1));
        };
        map.insert(k.to_string(), v.trim_end_matches('\n').to_string());
    }
    if map.is_empty() {
        return Err(CatalogueError::Empty);
    }
    Ok(map)
}

/// Looks up `key` in the catalogue of `lang` (the key itself when it is missing).
pub fn lookup(lang: Language, key: &str) -> &'static str {
    let catalogue: &'static HashMap<String, String> = match lang {
        Language::Nl => &NL,
    };
    catalogue.get(key).map(String::as_str).unwrap_or("")
}

/// The Dutch message `key` with its `{name}` placeholders filled in from `args`.
pub fn t(key: &str, args: &[(&str, &str)]) -> String {
    let template = lookup(Language::Nl, key);
    // A missing key is a bug in vpd: tests (debug builds) stop at it, so every key a
    // test reaches, also those assembled at run time, is checked; `tests/message_keys.rs`
    // checks every key written literally. A release shows the key rather than nothing.
    debug_assert!(
        !template.is_empty(),
        "message key missing from nl.yaml: {key}"
    );
    if template.is_empty() {
        return key.to_string();
    }
    fill(template, args)
}

/// Fills `{name}` placeholders in `template`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every message whose key starts with `prefix`, keyed without it (the site's UI words).
pub fn with_prefix(lang: Language, prefix: &str) -> std::collections::BTreeMap<String, String> {
    let catalogue: &HashMap<String, String> = match lang {
        Language::Nl => &NL,
    };
    catalogue
        .iter()
        .filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k.to_string(), v.clone())))
        .collect()
}

/// A date in Dutch words: `10 maart 2026`.
pub fn date_nl(date: jiff::civil::Date) -> String {
    let month = t(&format!("maand.{}", date.month()), &[]);
    format!("{} {} {}", date.day(), month, date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_parses_and_has_entries() {
        let nl = parse_catalogue(include_str!("nl.yaml")).expect("nl.yaml reads");
        assert!(nl.len() > 20, "the Dutch catalogue did not parse");
    }

    #[test]
    fn an_unusable_catalogue_is_an_error_with_its_cause() {
        use std::error::Error;
        let broken = parse_catalogue("a: \"open").unwrap_err();
        assert!(matches!(broken, CatalogueError::Yaml(_)));
        assert!(broken.source().is_some());
        assert!(matches!(
            parse_catalogue(""),
            Err(CatalogueError::NotAMapping)
        ));
        assert!(matches!(parse_catalogue("{}"), Err(CatalogueError::Empty)));
        assert!(matches!(
            parse_catalogue("- a"),
            Err(CatalogueError::NotAMapping)
        ));
        assert!(matches!(
            parse_catalogue("a: b\nc: [d]"),
            Err(CatalogueError::NotText(2))
        ));
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(fill("a {z}", &[]), "a {z}");
    }
}
