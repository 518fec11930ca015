//! Baselines: adopt egenregi on a repository that already has findings, and fail only on new
//! ones. A baseline is keyed by meaning, not by line: the finding's `Identity` (rule + target
//! `Kind/id#/pointer`, or, without a target, rule + file + message), as SARIF fingerprints
//! are. Moving a document around, or editing lines above it, never re-raises a finding.
//!
//! A baseline is for adoption, a waiver is for a decision: baselined findings carry no reason,
//! approver or expiry, and rules that cannot be waived (`inhouse/private-capital`) cannot be
//! baselined either.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Identity};
use crate::rules::Registry;
use crate::source::Sources;

/// The file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A baseline file: every accepted finding's key, with how many findings share it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// The tool that wrote it, for people; not checked.
    #[serde(default)]
    pub tool: String,
    pub entries: Vec<Entry>,
}

/// One key and its count. `message` is for people when a target is set; it is not compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub message: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_one(n: &usize) -> bool {
    *n == 1
}

/// The matching key of a finding: its [`Identity`], owned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Target(String, String),
    Text(String, String, String),
}

fn key(f: &Finding, sources: &Sources) -> Key {
    match f.identity(sources) {
        Identity::Target { rule, target } => Key::Target(rule.to_owned(), target.to_owned()),
        Identity::Text {
            rule,
            file,
            message,
        } => Key::Text(rule.to_owned(), file.to_owned(), message.to_owned()),
    }
}

fn entry_key(e: &Entry) -> Key {
    match &e.target {
        Some(t) => Key::Target(e.rule.clone(), t.clone()),
        None => Key::Text(
            e.rule.clone(),
            e.file.clone().unwrap_or_default(),
            e.message.clone(),
        ),
    }
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    #[error("the baseline `{path}` is not a baseline file: {reason}")]
    #[diagnostic(
        code(baseline::invalid),
        help("write one with `egenregi check --write-baseline FILE`")
    )]
    Invalid { path: String, reason: String },
    #[error("the baseline `{path}` is version {found}; this egenregi reads version {VERSION}")]
    #[diagnostic(
        code(baseline::version),
        help("regenerate it with `egenregi check --write-baseline FILE`")
    )]
    Version { path: String, found: u32 },
}

impl Baseline {
    /// Reads a baseline from its JSON text (`path` names it in errors).
    pub fn parse(path: &str, text: &str) -> Result<Self, BaselineError> {
        let b: Self = serde_json::from_str(text).map_err(|e| BaselineError::Invalid {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        if b.version != VERSION {
            return Err(BaselineError::Version {
                path: path.to_owned(),
                found: b.version,
            });
        }
        Ok(b)
    }

    /// The baseline that accepts exactly `findings` (those a baseline may hold), sorted.
    pub fn of(findings: &[&Finding], registry: &Registry, sources: &Sources) -> Self {
        let mut counts: BTreeMap<Key, (usize, String)> = BTreeMap::new();
        for f in findings.iter().filter(|f| baselinable(f, registry)) {
            let n = &mut counts
                .entry(key(f, sources))
                .or_insert_with(|| (0, f.message.clone()))
                .0;
            *n = n.saturating_add(1);
        }
        let entries = counts
            .into_iter()
            .map(|(k, (count, message))| match k {
                Key::Target(rule, target) => Entry {
                    rule,
                    target: Some(target),
                    file: None,
                    message,
                    count,
                },
                Key::Text(rule, file, message) => Entry {
                    rule,
                    target: None,
                    file: Some(file),
                    message,
                    count,
                },
            })
            .collect();
        Self {
            version: VERSION,
            tool: format!("egenregi {}", env!("CARGO_PKG_VERSION")),
            entries,
        }
    }

    /// The file's text: pretty JSON, one key per entry, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Whether a baseline may accept this finding: its rule can be waived (the waiver rules cannot:
/// an expired waiver must not be silenced by a file nobody approved).
fn baselinable(f: &Finding, registry: &Registry) -> bool {
    registry.get(&f.rule).is_some_and(|r| r.waivable)
}

/// What applying a baseline left.
#[derive(Debug, Default)]
pub struct Applied {
    pub active: Vec<Finding>,
    pub baselined: Vec<Finding>,
    /// Baseline entries (counting each occurrence) that matched no finding: fixed since.
    pub stale: usize,
}

/// Moves the findings the baseline accepts out of `findings`, each key at most `count` times,
/// in the findings' (sorted) order.
pub fn apply(
    baseline: &Baseline,
    findings: Vec<Finding>,
    registry: &Registry,
    sources: &Sources,
) -> Applied {
    let mut left: BTreeMap<Key, usize> = BTreeMap::new();
    for e in &baseline.entries {
        // Counts come from a file in the pull request: they saturate, never overflow.
        let n = left.entry(entry_key(e)).or_default();
        *n = n.saturating_add(e.count);
    }
    let mut out = Applied::default();
    for f in findings {
        let slot = baselinable(&f, registry)
            .then(|| left.get_mut(&key(&f, sources)))
            .flatten()
            .filter(|n| **n > 0);
        match slot {
            Some(n) => {
                *n -= 1;
                out.baselined.push(f);
            }
            None => out.active.push(f),
        }
    }
    out.stale = left.values().fold(0, |a: usize, &n| a.saturating_add(n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_of_another_version_or_shape_is_refused() {
        assert!(matches!(
            Baseline::parse("b.json", r#"{"version": 2, "entries": []}"#),
            Err(BaselineError::Version { found: 2, .. })
        ));
        assert!(matches!(
            Baseline::parse("b.json", r#"{"version": 1, "entries": [], "extra": 1}"#),
            Err(BaselineError::Invalid { .. })
        ));
        assert!(matches!(
            Baseline::parse("b.json", "not json"),
            Err(BaselineError::Invalid { .. })
        ));
        assert!(Baseline::parse("b.json", r#"{"version": 1, "entries": []}"#).is_ok());
    }

    #[test]
    fn counts_from_the_file_saturate_instead_of_overflowing() {
        // The same key twice at the largest count, and another: adding them up overflowed
        // (a panic in a debug build, a wrong stale count in release).
        let max = usize::MAX;
        let text = format!(
            r#"{{"version": 1, "entries": [
                {{"rule": "yaml/syntax", "file": "a.yaml", "message": "m", "count": {max}}},
                {{"rule": "yaml/syntax", "file": "a.yaml", "message": "m", "count": {max}}},
                {{"rule": "yaml/syntax", "file": "b.yaml", "message": "m", "count": {max}}}
            ]}}"#
        );
        let b = Baseline::parse("b.json", &text).unwrap();
        let applied = apply(&b, Vec::new(), &Registry::new(), &Sources::default());
        assert_eq!(applied.stale, usize::MAX);
    }
}
