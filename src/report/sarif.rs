//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, GitLab).
//!
//! Our own serde structs for the few objects we emit; the vendored OASIS schema checks them in
//! `tests/formats.rs`, and the Microsoft SARIF Multitool's GitHub and Azure DevOps rule sets
//! where it installs. Columns count Unicode code points (`columnKind`), as
//! `SourceFile::line_col` does. Waived and baselined findings are results with an external
//! suppression, so dashboards show them closed.
//!
//! Rule descriptors are the run's rule catalogue (`Outcome::registry`): name, summary, explain
//! text, default level, condition and legal basis, for every rule whether or not it fired.
//!
//! Paths: every `uri` is relative to `%SRCROOT%`, the root of the repository the dashboard
//! knows (the git work tree), so a config in a subfolder carries the path prefix
//! (`--path-prefix`, by default found by `super::git_prefix`). Files compiled into the binary
//! (`builtin:…`) are in no repository: they never become a location.

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
/// The key GitHub code scanning reads to follow an alert across commits; without it GitHub
/// hashes the flagged line itself, which moves with every edit of the line.
const KEY_GITHUB: &str = "primaryLocationLineHash";
/// The base every `uri` is relative to: the repository root, wherever it is checked out.
const SRCROOT: &str = "%SRCROOT%";

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
    automation_details: AutomationDetails,
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

/// Outside a pipeline, `id` is `egenregi/<prefix>/`: a category only (no run id), so that
/// GitHub keeps one analysis per checked root and replaces it on the next run. In Azure
/// Pipelines, the pipeline's identity, which Advanced Security files the run under.
#[derive(Serialize)]
struct AutomationDetails {
    id: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    properties: BTreeMap<&'static str, String>,
}

/// An Azure Pipelines run, from its predefined variables: GitHub Advanced Security for Azure
/// DevOps drops a SARIF run whose `automationDetails` does not name one (the Multitool's
/// `GHAzDO1019` and `GHAzDO1020`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    organization: String,
    project_id: String,
    definition_id: u64,
    definition_name: String,
    build_id: u64,
    phase_id: String,
    phase_name: String,
    branch: String,
}

impl Pipeline {
    /// The run described by `var` (an environment lookup): `Ok(None)` outside Azure Pipelines
    /// (`TF_BUILD` not `True`), `Err` naming what is missing or malformed inside one.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, String> {
        let get = |names: &[&str]| {
            names.iter().find_map(|n| {
                var(n)
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            })
        };
        let tf_build = get(&["TF_BUILD"]).unwrap_or_default();
        if !(tf_build.eq_ignore_ascii_case("true") || tf_build == "1") {
            return Ok(None);
        }
        let mut problems = Vec::new();
        let mut need = |names: &[&str], ok: &dyn Fn(&str) -> bool| match get(names) {
            Some(v) if ok(&v) => v,
            Some(v) => {
                problems.push(format!("`{}` is `{v}`", names[0]));
                String::new()
            }
            None => {
                problems.push(format!("`{}` is not set", names[0]));
                String::new()
            }
        };
        let any = |_: &str| true;
        let positive = |v: &str| v.parse::<u64>().is_ok_and(|n| n > 0);
        let collection = need(&["SYSTEM_COLLECTIONURI"], &|v| organization(v).is_some());
        let project_id = need(&["SYSTEM_TEAMPROJECTID"], &is_guid);
        let definition_id = need(&["BUILD_DEFINITIONID", "SYSTEM_DEFINITIONID"], &positive);
        let definition_name = need(&["BUILD_DEFINITIONNAME"], &any);
        let build_id = need(&["BUILD_BUILDID"], &positive);
        let phase_id = need(&["SYSTEM_PHASEID", "SYSTEM_JOBID"], &is_guid);
        let phase_name = need(&["SYSTEM_PHASENAME", "SYSTEM_JOBNAME"], &any);
        let branch = need(&["BUILD_SOURCEBRANCH"], &any);
        if !problems.is_empty() {
            return Err(format!(
                "`TF_BUILD` says this is Azure Pipelines, but {}",
                problems.join(", ")
            ));
        }
        Ok(Some(Self {
            organization: organization(&collection).unwrap_or_default(),
            project_id: project_id.to_ascii_lowercase(),
            definition_id: definition_id.parse().unwrap_or_default(),
            definition_name,
            build_id: build_id.parse().unwrap_or_default(),
            phase_id: phase_id.to_ascii_lowercase(),
            phase_name,
            branch: if branch.starts_with("refs/") {
                branch
            } else {
                format!("refs/heads/{branch}")
            },
        }))
    }

    fn automation_details(&self) -> AutomationDetails {
        const PREFIX: &str = "azuredevops/pipeline/build/";
        AutomationDetails {
            id: format!(
                "{PREFIX}{}/{}/{}/{}/{}/{}",
                self.organization,
                self.project_id,
                self.definition_id,
                self.phase_id,
                self.branch,
                self.build_id
            ),
            properties: BTreeMap::from([
                (
                    "azuredevops/pipeline/build/buildDefinitionId",
                    self.definition_id.to_string(),
                ),
                (
                    "azuredevops/pipeline/build/buildDefinitionName",
                    self.definition_name.clone(),
                ),
                ("azuredevops/pipeline/build/phaseId", self.phase_id.clone()),
                (
                    "azuredevops/pipeline/build/phaseName",
                    self.phase_name.clone(),
                ),
            ]),
        }
    }
}

/// The organisation in `SYSTEM_COLLECTIONURI`: `https://dev.azure.com/ORG/` or
/// `https://ORG.visualstudio.com/`.
fn organization(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let org = if host == "dev.azure.com" || host == "vsrm.dev.azure.com" {
        path.split('/').next().unwrap_or_default()
    } else {
        let sub = host.strip_suffix(".visualstudio.com")?;
        sub.strip_suffix(".vsrm").unwrap_or(sub)
    };
    (!org.is_empty() && !org.contains(['?', '#'])).then(|| org.to_owned())
}

/// A GUID in its 8-4-4-4-12 form, not the empty one.
fn is_guid(v: &str) -> bool {
    let groups: Vec<&str> = v.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        && v.bytes().any(|b| b != b'0' && b != b'-')
}

/// A base id with no `uri`: the consumer knows where the repository is checked out.
#[derive(Serialize)]
struct BaseUri {
    description: Text<'static>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    full_name: &'static str,
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
    /// The id in `PascalCase` (`InhouseActivityShare`): Azure DevOps and the Multitool want a
    /// name that is an identifier.
    name: String,
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
    /// The legal condition the rule's findings bear on (`egenregi rules` prints the same).
    condition: &'static str,
    waivable: bool,
    /// The rule's legal basis as the catalogue holds it, whether or not it fired in this run.
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
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    uri_base_id: &'static str,
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

/// A rule id as an identifier: `inhouse/activity-share` → `InhouseActivityShare`.
pub fn pascal_case(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for word in id.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

fn physical(outcome: &Outcome, at: &Location, prefix: &str) -> Physical {
    let file = outcome.sources.get(at.source);
    let (start_line, start_column) = file.line_col(at.span.start);
    let (end_line, end_column) = file.line_col(at.span.end.max(at.span.start));
    Physical {
        artifact_location: Artifact {
            uri: uri_path(&super::prefixed(prefix, &file.path)),
            uri_base_id: SRCROOT,
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
    // GitHub's own values read `hash:ordinal`; the ordinal keeps repeats apart there too
    let github = format!("{}:{n}", &base[..16]);
    let value = if *n == 1 {
        base
    } else {
        hash(&[&base, &n.to_string()])
    };
    BTreeMap::from([(key, value), (KEY_GITHUB, github)])
}

/// What the run needs to know besides the outcome.
struct Context<'i> {
    prefix: &'i str,
    index: HashMap<&'i str, usize>,
    seen: HashMap<(&'static str, String), usize>,
}

fn result<'a>(
    outcome: &'a Outcome,
    f: &'a Finding,
    suppressed: Option<String>,
    cx: &mut Context<'_>,
) -> SarifResult<'a> {
    let mut message = message_text(f);
    let mut related_locations = Vec::new();
    for l in &f.labels {
        let file = outcome.sources.get(l.location.source);
        if file.is_builtin() {
            // no repository has this file: the label's words stay, in the message
            let (line, _) = file.line_col(l.location.span.start);
            message.push_str(&format!("\nsee {}:{line}: {}", file.path, l.message));
        } else {
            related_locations.push(SarifLocation {
                id: Some(related_locations.len()),
                physical_location: physical(outcome, &l.location, cx.prefix),
                message: Some(text(l.message.as_str())),
            });
        }
    }
    SarifResult {
        rule_id: &f.rule,
        rule_index: cx.index.get(f.rule.as_ref()).copied(),
        level: level(f.severity),
        message: text(message),
        locations: [SarifLocation {
            id: None,
            physical_location: physical(outcome, &f.location, cx.prefix),
            message: None,
        }],
        related_locations,
        partial_fingerprints: fingerprint(outcome, f, &mut cx.seen),
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
    render_at(outcome, &super::Site::default())
}

/// The SARIF log with every path under the site's prefix, filed under its pipeline if any.
pub fn render_at(outcome: &Outcome, site: &super::Site) -> String {
    let prefix = site.path_prefix.as_str();
    let rules: Vec<Descriptor<'_>> = outcome
        .registry
        .rules
        .iter()
        .map(|r| Descriptor {
            id: &r.id,
            name: pascal_case(&r.id),
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
                condition: r.condition.as_str(),
                waivable: r.waivable,
                legal_basis: r.cites.iter().map(|c| c.text.as_str()).collect(),
            },
        })
        .collect();
    let mut cx = Context {
        prefix,
        index: rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect(),
        seen: HashMap::new(),
    };
    let mut results: Vec<SarifResult<'_>> = outcome
        .findings
        .iter()
        .map(|f| result(outcome, f, None, &mut cx))
        .collect();
    results.extend(
        outcome
            .waived
            .iter()
            .map(|(f, w)| result(outcome, f, Some(format!("waiver {w}")), &mut cx)),
    );
    results.extend(outcome.baselined.iter().map(|f| {
        result(
            outcome,
            f,
            Some("accepted by the baseline (`--baseline`)".to_owned()),
            &mut cx,
        )
    }));
    let automation_details = match &site.pipeline {
        Some(p) => p.automation_details(),
        None => AutomationDetails {
            id: if prefix.is_empty() {
                "egenregi/".to_owned()
            } else {
                format!("egenregi/{prefix}/")
            },
            properties: BTreeMap::new(),
        },
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "egenregi",
                    full_name: concat!("egenregi ", env!("CARGO_PKG_VERSION")),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            automation_details,
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseUri {
                    description: text(
                        "The root of the repository (git work tree) that holds the checked files.",
                    ),
                },
            )]),
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
    fn azure_pipelines_are_read_from_their_variables() {
        fn vars(extra: &[(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
            let mut all = vec![
                ("TF_BUILD", "True"),
                ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/kommune/"),
                (
                    "SYSTEM_TEAMPROJECTID",
                    "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                ),
                ("BUILD_DEFINITIONID", "12"),
                ("BUILD_DEFINITIONNAME", "config"),
                ("BUILD_BUILDID", "345"),
                ("SYSTEM_PHASEID", "11111111-2222-3333-4444-555555555555"),
                ("SYSTEM_JOBNAME", "check"),
                ("BUILD_SOURCEBRANCH", "main"),
            ];
            all.extend_from_slice(extra);
            move |n: &str| {
                all.iter()
                    .rev()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| (*v).to_owned())
            }
        }
        let p = Pipeline::from_vars(vars(&[])).unwrap().unwrap();
        assert_eq!(
            p.automation_details().id,
            "azuredevops/pipeline/build/kommune/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/12/\
             11111111-2222-3333-4444-555555555555/refs/heads/main/345"
        );
        assert_eq!(Pipeline::from_vars(vars(&[("TF_BUILD", "")])), Ok(None));
        let err = Pipeline::from_vars(vars(&[
            ("SYSTEM_PHASEID", "00000000-0000-0000-0000-000000000000"),
            ("BUILD_BUILDID", "0"),
        ]))
        .unwrap_err();
        assert!(
            err.contains("`SYSTEM_PHASEID` is `0000") && err.contains("`BUILD_BUILDID` is `0`"),
            "{err}"
        );
        assert_eq!(
            organization("https://kommune.visualstudio.com/"),
            Some("kommune".into())
        );
        assert_eq!(organization("https://example.com/x"), None);
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(
            pascal_case("inhouse/activity-share"),
            "InhouseActivityShare"
        );
        assert_eq!(pascal_case("yaml/syntax"), "YamlSyntax");
        assert_eq!(pascal_case("local/no_x2"), "LocalNoX2");
    }

    #[test]
    fn fingerprints_are_hashes_not_lines() {
        assert_eq!(hash(&["a", "b"]).len(), 32);
        assert_ne!(hash(&["a", "b"]), hash(&["ab", ""]));
    }
}
