//! "Did you mean" and grammatical lists, for messages a person can act on.

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
/// Two neighbouring letters swapped count as one edit (optimal string alignment), as they are one
/// slip of the fingers: `hihg` is one edit from `high`, not two.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered: Vec<(&str, String)> = candidates
        .into_iter()
        .map(|c| (c, c.to_lowercase()))
        .collect();
    closest_lowered(word, lowered.iter().map(|(c, l)| (*c, l.as_str())))
}

/// [`closest`] over candidates given with their lowercase forms (made once for many words).
pub fn closest_lowered<'a, 'l>(
    word: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'l str)>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|(c, lower)| (strsim::osa_distance(&word_lower, lower), c))
        .filter(|&(d, c)| {
            d > 0 && d <= (c.chars().count().max(word.chars().count()) / 3).max(1)
                || d == 0 && c != word
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{}`", s.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "`a` or `b`".
pub fn list_or<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{}`", s.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_only() {
        let fields = ["criticality", "provider", "owner"];
        assert_eq!(closest("criticallity", fields), Some("criticality"));
        assert_eq!(closest("Provider", fields), Some("provider"));
        assert_eq!(closest("zzz", fields), None);
        assert_eq!(closest("owner", fields), None);
    }

    #[test]
    fn two_swapped_letters_are_one_typo() {
        let levels = ["low", "medium", "high", "critical"];
        assert_eq!(closest("hihg", levels), Some("high"));
        assert_eq!(closest("critcial", levels), Some("critical"));
        // still not a guess at something unrelated
        assert_eq!(closest("ghhi", levels), None);
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["a"]), "`a`");
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` and `c`");
        assert_eq!(list_or(&["a", "b"]), "`a` or `b`");
    }
}
