//! The rule catalogue: every rule a run knows — the built-in ones listed here, the policy rules
//! compiled from the shipped packs and the repository's own files — with its legal basis. Every
//! command that names rules reads it: `rules`, `explain`, SARIF descriptors, `--rule`/`--skip`,
//! the `rule` settings of `egenregi.kdl`, waivers and baselines. Tests keep it honest.

use std::collections::HashMap;

use globset::GlobBuilder;

use crate::analysis::pack::Jurisdiction;
use crate::finding::{LegalCondition, Rule};
use crate::rule::{Citation, RuleCatalog};

/// Built-in rules (Rust analyses and integrity checks), in id order. A module that defines
/// rules lists them in its `RULES` slice, and the slice is named here.
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

/// The catalogue: built-in rules in id order, then policy rules in the order they were compiled
/// (shipped packs first, then the repository's own files).
#[derive(Debug, Default)]
pub struct Registry {
    pub rules: Vec<Rule>,
    /// Position of each rule by id: a lookup per finding must not scan the catalogue.
    index: HashMap<String, usize>,
}

impl Registry {
    /// The built-in rules alone, without citations.
    pub fn new() -> Self {
        Self::from_rules(builtin().into_iter().cloned().collect())
    }

    fn from_rules(rules: Vec<Rule>) -> Self {
        // The first rule of an id wins, as the scan did (duplicate ids are refused upstream).
        let mut index = HashMap::with_capacity(rules.len());
        for (i, r) in rules.iter().enumerate() {
            index.entry(r.id.to_string()).or_insert(i);
        }
        Self { rules, index }
    }

    /// The catalogue of a run: the built-in rules, each citing what the jurisdiction `pack`
    /// holds under its id, then the compiled `policies` with their own `cite` entries.
    pub fn of(pack: &Jurisdiction, policies: &[Rule]) -> Self {
        let mut rules: Vec<Rule> = builtin().into_iter().cloned().collect();
        for rule in &mut rules {
            if let Some(texts) = pack.citations.get(rule.id.as_ref()) {
                rule.cites = texts
                    .iter()
                    .map(|text| Citation {
                        text: text.clone(),
                        verified: pack.verification.get(text).cloned().unwrap_or_default(),
                    })
                    .collect();
            }
        }
        rules.extend(policies.iter().cloned());
        Self::from_rules(rules)
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.index.get(id).and_then(|&i| self.rules.get(i))
    }

    /// The legal condition of a rule's findings; a rule the catalogue does not know is
    /// infrastructure, as a repository's own rules are by default.
    pub fn condition(&self, id: &str) -> LegalCondition {
        self.get(id)
            .map_or(LegalCondition::Infrastructure, |r| r.condition)
    }

    /// The legal basis of every rule that has one, by id, for the findings collector.
    pub fn citations(&self) -> HashMap<String, Vec<String>> {
        self.rules
            .iter()
            .filter(|r| !r.cites.is_empty())
            .map(|r| (r.id.to_string(), r.legal_basis()))
            .collect()
    }

    /// The ids `pattern` names: one id, or a glob (`inhouse/*`, `service/*-fresh`), in catalogue
    /// order. `Err` holds the help for a pattern that names no rule.
    pub fn matching(&self, pattern: &str) -> Result<Vec<String>, String> {
        let ids = self.rules.iter().map(|r| r.id.as_ref());
        let glob = pattern.contains(['*', '?', '[', '{']).then(|| {
            GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map(|g| g.compile_matcher())
        });
        let found: Vec<String> = match glob {
            None => ids.filter(|id| *id == pattern).map(str::to_owned).collect(),
            Some(Ok(m)) => ids.filter(|id| m.is_match(id)).map(str::to_owned).collect(),
            Some(Err(e)) => return Err(format!("`{pattern}` is not a glob: {}", e.kind())),
        };
        if !found.is_empty() {
            return Ok(found);
        }
        Err(self.unknown_help(pattern))
    }

    /// `egenregi rules`: one line per rule (id, severity, condition, summary), its legal basis
    /// indented below it.
    pub fn table(&self) -> String {
        let width = self.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        let mut out = String::new();
        for r in &self.rules {
            out.push_str(&format!(
                "{:<width$}  {:<7}  {:<15}  {}\n",
                r.id,
                r.severity.as_str(),
                r.condition.as_str(),
                r.summary
            ));
            if !r.cites.is_empty() {
                out.push_str(&format!(
                    "{:<width$}  legal basis: {}\n",
                    "",
                    r.legal_basis().join("; ")
                ));
            }
        }
        out
    }

    /// `egenregi rules --format json`: every rule with its metadata, versioned like `check`'s
    /// JSON.
    pub fn json(&self) -> serde_json::Value {
        let rules: Vec<serde_json::Value> = self
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "severity": r.severity.as_str(),
                    "condition": r.condition.as_str(),
                    "summary": r.summary,
                    "waivable": r.waivable,
                    "parameters": r.params,
                    "legal_basis": r.cites.iter().map(|c| serde_json::json!({
                        "citation": c.text,
                        "verified": c.verified,
                    })).collect::<Vec<_>>(),
                    "example": r.example.is_some(),
                })
            })
            .collect();
        serde_json::json!({ "version": 1, "rules": rules })
    }
}

impl RuleCatalog for Registry {
    fn rule(&self, id: &str) -> Option<&Rule> {
        self.get(id)
    }

    fn rule_ids(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.id.as_ref()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_has_the_legal_condition_the_report_files_it_under() {
        let pack = crate::analysis::pack::load("no").unwrap();
        let catalogue = Registry::of(&pack, &[]);
        for (id, condition) in [
            ("inhouse/control", LegalCondition::Control),
            ("inhouse/continuity", LegalCondition::Control),
            ("inhouse/activity-share", LegalCondition::Activity),
            ("inhouse/private-capital", LegalCondition::PrivateCapital),
            ("inhouse/private-members", LegalCondition::PrivateCapital),
            ("procurement/basis", LegalCondition::Procurement),
            ("ref/unknown", LegalCondition::Integrity),
            ("yaml/syntax", LegalCondition::Integrity),
            ("repo/unreadable", LegalCondition::Integrity),
        ] {
            assert_eq!(catalogue.condition(id), condition, "{id}");
        }
        // a rule the catalogue does not know is filed with the repository's own rules
        assert_eq!(
            catalogue.condition("acme/own-rule"),
            LegalCondition::Infrastructure
        );
        assert_eq!(
            catalogue.get("inhouse/control").map(|r| r.cites.len()),
            Some(4)
        );
    }

    #[test]
    fn globs_name_rules_and_a_pattern_that_names_none_is_refused() {
        let catalogue = Registry::new();
        let inhouse = catalogue.matching("inhouse/*").unwrap();
        assert!(inhouse.len() > 20 && inhouse.iter().all(|id| id.starts_with("inhouse/")));
        assert_eq!(catalogue.matching("yaml/syntax").unwrap(), ["yaml/syntax"]);
        assert_eq!(
            catalogue.matching("yaml/sintax").unwrap_err(),
            "did you mean `yaml/syntax`?"
        );
        assert!(catalogue.matching("nothing/*").is_err());
        assert!(catalogue.matching("inhouse/[").is_err());
    }

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
