//! The one list of every rule the checker can report. A test keeps ids unique.

use crate::config::RuleCatalog;
use crate::finding::Rule;

/// Built-in rules (Rust analyses and integrity checks), in id order.
pub fn builtin() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = vec![
        &crate::load::ENVELOPE,
        &crate::load::FOREIGN,
        &crate::load::yaml::AMBIGUOUS_SCALAR,
        &crate::load::yaml::DUPLICATE_KEY,
        &crate::load::yaml::ENCODING,
        &crate::load::yaml::LIMIT,
        &crate::load::yaml::SYNTAX,
        &crate::load::yaml::UNSUPPORTED,
    ];
    all.extend(crate::load::discover::RULES.iter().copied());
    all.extend(crate::schema::RULES.iter().copied());
    all.extend(crate::model::RULES.iter().copied());
    all.extend(crate::model::consistency::RULES.iter().copied());
    all.extend(crate::waiver::RULES.iter().copied());
    all.extend(crate::analysis::inhouse::RULES.iter().copied());
    all.extend(crate::analysis::procurement::RULES.iter().copied());
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// Every rule a run knows: built-ins plus policy rules.
#[derive(Debug, Default)]
pub struct Registry {
    pub rules: Vec<Rule>,
}

impl Registry {
    pub fn new() -> Self {
        Self {
            rules: builtin().into_iter().cloned().collect(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

impl RuleCatalog for Registry {
    fn has_rule(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    fn rule_ids(&self) -> Vec<String> {
        self.rules.iter().map(|r| r.id.to_string()).collect()
    }

    fn rule_params(&self, id: &str) -> Vec<String> {
        self.get(id)
            .map(|r| r.params.iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let all = builtin();
        let mut ids: Vec<&str> = all.iter().map(|r| r.id.as_ref()).collect();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule id");
        for r in &all {
            let (family, name) = r.id.split_once('/').expect("family/name");
            assert!(
                !family.is_empty() && family.bytes().all(|b| b.is_ascii_lowercase()),
                "{}",
                r.id
            );
            assert!(
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.id
            );
            assert!(r.explain.len() > 80, "{} needs a real explain text", r.id);
            assert!(
                !r.summary.ends_with('.'),
                "{}: summaries are fragments",
                r.id
            );
        }
    }
}
