//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, GitLab).
//!
//! Our own serde structs for the few objects we emit; the vendored OASIS schema checks them in
//! `tests/formats.rs`. Columns count Unicode code points (`columnKind`), as `SourceFile::line_col`
//! does. Waived and baselined findings are results with an external suppression, so dashboards
//! show them closed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::message_text;
use crate::Outcome;
use crate::finding::{Finding, Identity, Location, Severity};

/// The schema a SARIF log names; the same file is vendored in `tests/data/`.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Fingerprint keys carry a version: if a recipe changes, so does its key.
const KEY_TARGET: &str = "ruleTarget/v1";
const KEY_TEXT: &str = "ruleFileText/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> Text<'a> {
    Text { text: s.into() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Text<'a>,
    default_configuration: Configuration,
    properties: DescriptorProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DescriptorProperties<'a> {
    tags: Vec<&'a str>,
    default_severity: &'static str,
    waivable: bool,
    /// Citations seen on this rule's findings in this run (rules carry none themselves yet).
    legal_basis: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    legal_basis: &'a [String],
    #[serde(skip_serializing_if = "Map::is_empty")]
    data: &'a Map<String, Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: Physical,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

/// 1-based lines and columns; the end is exclusive, as SARIF says.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

const fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative path as a URI reference: every byte outside the unreserved set (and `/`) is
/// percent-encoded, so spaces, `#` and non-ASCII names stay one valid path.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(outcome: &Outcome, at: &Location) -> Physical {
    let file = outcome.sources.get(at.source);
    let (start_line, start_column) = file.line_col(at.span.start);
    let (end_line, end_column) = file.line_col(at.span.end.max(at.span.start));
    Physical {
        artifact_location: Artifact {
            uri: uri_path(&file.path),
        },
        region: Region {
            start_line,
            start_column,
            end_line,
            end_column,
            byte_offset: at.span.start,
            byte_length: at.span.len(),
        },
    }
}

/// Hex of the first 16 bytes of SHA-256 over the parts, each ended by a NUL.
fn hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize()[..16])
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Stable across unrelated edits: the finding's `Identity` (the one baselines match on) never
/// names a line; without a target, the flagged text is hashed in too. A repeat of the same key in one run gets
/// its ordinal mixed in, so that two alerts never merge.
fn fingerprint(
    outcome: &Outcome,
    f: &Finding,
    seen: &mut HashMap<(&'static str, String), usize>,
) -> BTreeMap<&'static str, String> {
    let (key, base) = match f.identity(&outcome.sources) {
        Identity::Target { rule, target } => (KEY_TARGET, hash(&[rule, target])),
        Identity::Text {
            rule,
            file,
            message,
        } => {
            // The flagged text too: two syntax errors with one message in one file stay apart.
            let flagged = outcome
                .sources
                .get(f.location.source)
                .slice(f.location.span.clone());
            (KEY_TEXT, hash(&[rule, file, message, flagged]))
        }
    };
    let n = seen.entry((key, base.clone())).or_insert(0);
    *n += 1;
    let value = if *n == 1 {
        base
    } else {
        hash(&[&base, &n.to_string()])
    };
    BTreeMap::from([(key, value)])
}

fn result<'a>(
    outcome: &'a Outcome,
    f: &'a Finding,
    suppressed: Option<String>,
    index: &HashMap<&str, usize>,
    seen: &mut HashMap<(&'static str, String), usize>,
) -> SarifResult<'a> {
    SarifResult {
        rule_id: &f.rule,
        rule_index: index.get(f.rule.as_ref()).copied(),
        level: level(f.severity),
        message: text(message_text(f)),
        locations: [SarifLocation {
            id: None,
            physical_location: physical(outcome, &f.location),
            message: None,
        }],
        related_locations: f
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| SarifLocation {
                id: Some(i),
                physical_location: physical(outcome, &l.location),
                message: Some(text(l.message.as_str())),
            })
            .collect(),
        partial_fingerprints: fingerprint(outcome, f, seen),
        suppressions: suppressed
            .map(|justification| Suppression {
                kind: "external",
                justification,
            })
            .into_iter()
            .collect(),
        properties: ResultProperties {
            target: f.target.as_deref(),
            help: f.help.as_deref(),
            legal_basis: &f.legal_basis,
            data: &f.data,
        },
    }
}

pub fn render(outcome: &Outcome) -> String {
    let all = || {
        outcome
            .findings
            .iter()
            .chain(outcome.waived.iter().map(|(f, _)| f))
            .chain(&outcome.baselined)
    };
    let mut cited: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in all() {
        let list = cited.entry(f.rule.as_ref()).or_default();
        for c in &f.legal_basis {
            if !list.contains(&c.as_str()) {
                list.push(c);
            }
        }
    }
    let rules: Vec<Descriptor<'_>> = outcome
        .registry
        .rules
        .iter()
        .map(|r| Descriptor {
            id: &r.id,
            short_description: text(r.summary.as_ref()),
            full_description: text(r.explain.as_ref()),
            help: text(format!(
                "Run `egenregi explain {}` for what the rule checks, why, and an example that fails and one that passes.",
                r.id
            )),
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: DescriptorProperties {
                // a set: a repository's own rule family may be called `egenregi` too
                tags: {
                    let family = r.id.split('/').next().unwrap_or_default();
                    if family == "egenregi" {
                        vec!["egenregi"]
                    } else {
                        vec!["egenregi", family]
                    }
                },
                default_severity: r.severity.as_str(),
                waivable: r.waivable,
                legal_basis: cited.get(r.id.as_ref()).cloned().unwrap_or_default(),
            },
        })
        .collect();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut seen = HashMap::new();
    let mut results: Vec<SarifResult<'_>> = outcome
        .findings
        .iter()
        .map(|f| result(outcome, f, None, &index, &mut seen))
        .collect();
    results.extend(
        outcome
            .waived
            .iter()
            .map(|(f, w)| result(outcome, f, Some(format!("waiver {w}")), &index, &mut seen)),
    );
    results.extend(outcome.baselined.iter().map(|f| {
        result(
            outcome,
            f,
            Some("accepted by the baseline (`--baseline`)".to_owned()),
            &index,
            &mut seen,
        )
    }));
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "egenregi",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut s =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("tenants/oslo.yaml"), "tenants/oslo.yaml");
        assert_eq!(uri_path("a b/bærum#1.yaml"), "a%20b/b%C3%A6rum%231.yaml");
    }

    #[test]
    fn fingerprints_are_hashes_not_lines() {
        assert_eq!(hash(&["a", "b"]).len(), 32);
        assert_ne!(hash(&["a", "b"]), hash(&["ab", ""]));
    }
}
