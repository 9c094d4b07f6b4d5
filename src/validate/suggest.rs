//! "Bedoelde u ...?": the closest allowed name to a misspelt one.

/// The candidate closest to `given`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(given: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&given_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["voorbeelden", "aanpak", "meldniveau"];
        assert_eq!(
            did_you_mean("voorbeelde", keys.into_iter()),
            Some("voorbeelden")
        );
        assert_eq!(did_you_mean("xyz", keys.into_iter()), None);
    }
}
