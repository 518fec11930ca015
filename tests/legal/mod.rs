//! Building blocks of the legal tests (article 12, history, the other bases): documents as YAML
//! text and one checked run of a throwaway repository. A directory module, so cargo does not run
//! it as a test of its own; each test file uses what it needs.
#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test file uses a part; a panic in a test helper is a failed test"
)]

use egenregi::Options;
use egenregi::analysis::decision::Decision;

pub fn entity(id: &str, spec: &str) -> String {
    format!("---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: {id}}}\nspec: {spec}\n")
}

pub fn service(id: &str, provider: &str) -> String {
    format!(
        "---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {{id: {id}}}\nspec: {{provider: {provider}, criticality: low, lifecycle: {{stage: active}}}}\n"
    )
}

/// What a check found: rule ids and `rule: message` lines in order, and the decisions.
pub struct Run {
    pub rules: Vec<String>,
    pub messages: Vec<String>,
    pub decisions: Vec<Decision>,
}

/// Checks `yaml` as of 2026-11-22.
pub fn check(yaml: &str) -> Run {
    check_with(yaml, "", &[])
}

/// Checks `yaml` as of 2026-11-22 with more `egenregi.kdl` lines and more files beside it.
pub fn check_with(yaml: &str, kdl: &str, files: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("egenregi.kdl"),
        format!("as-of \"2026-11-22\"\n{kdl}"),
    )
    .unwrap();
    std::fs::write(dir.path().join("repo.yaml"), yaml).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    Run {
        rules: outcome
            .findings
            .iter()
            .map(|f| f.rule.to_string())
            .collect(),
        messages: outcome
            .findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect(),
        decisions: outcome.figures.decisions,
    }
}
