//! The command line as a user runs it: exit codes, formats, output files, colour.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::repo;
use serde_json::Value;

fn egenregi() -> Command {
    let mut c = Command::cargo_bin("egenregi").unwrap();
    c.env_remove("NO_COLOR");
    c
}

const KS: &[u8] = b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks, name: KS}\nspec: {type: association, contracting_authority: true}\n";

#[test]
fn clean_example_exits_0() {
    egenregi()
        .args(["check", "examples/ks-digital"])
        .assert()
        .code(0);
}

#[test]
fn broken_example_exits_1() {
    egenregi()
        .args(["check", "examples/broken"])
        .assert()
        .code(1);
}

#[test]
fn missing_root_exits_2() {
    let out = egenregi().args(["check", "no/such/dir"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no/such/dir"), "{stderr}");
}

#[test]
fn bad_arguments_exit_2() {
    egenregi()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    egenregi()
        .args(["check", "--as-of", "2026-02-30", "."])
        .assert()
        .code(2);
    egenregi()
        .args([
            "check",
            "--skip",
            "yaml/no-such-rule",
            "examples/ks-digital",
        ])
        .assert()
        .code(2);
    egenregi()
        .args(["explain", "yaml/ambigous-scalar"])
        .assert()
        .code(2);
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = repo(&[("a.yaml", b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n")]);
    egenregi().arg("check").arg(dir.path()).assert().code(0);
    egenregi()
        .arg("check")
        .arg(dir.path())
        .args(["--deny", "warnings"])
        .assert()
        .code(1);
}

#[test]
fn json_output_follows_the_contract() {
    let out = egenregi()
        .args(["check", "examples/broken", "--format", "json"])
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // Version 2: control answers, conditions and not-checked lists written once (issue 18).
    assert_eq!(v["version"], 2);
    assert_eq!(v["tool"]["name"], "egenregi");
    assert_eq!(v["as_of"], "2026-11-22");
    assert_eq!(v["root"], "examples/broken");
    for key in [
        "files",
        "documents",
        "errors",
        "warnings",
        "notes",
        "waived",
    ] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert_eq!(
        v["summary"]["errors"].as_u64().unwrap() as usize,
        findings.iter().filter(|f| f["severity"] == "error").count()
    );
    for f in findings {
        for key in ["rule", "severity", "message", "file"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        for key in ["line", "column"] {
            assert!(f[key].as_u64().unwrap() >= 1, "{key} is 1-based in {f}");
        }
        assert!(f["span"]["offset"].is_u64() && f["span"]["length"].is_u64());
        assert!(f["legal_basis"].is_array() && f["labels"].is_array() && f["data"].is_object());
        let file = f["file"].as_str().unwrap();
        assert!(
            !file.contains('\\') && !file.starts_with('/'),
            "relative with forward slashes: {file}"
        );
        // the span points at real bytes of that file
        let bytes = std::fs::read(Path::new("examples/broken").join(file)).unwrap();
        let end = f["span"]["offset"].as_u64().unwrap() + f["span"]["length"].as_u64().unwrap();
        assert!(end as usize <= bytes.len(), "span inside {file}");
    }
    assert!(v["waived"].is_array());
}

#[test]
fn output_file_gets_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.json");
    let out = egenregi()
        .args(["check", "examples/broken", "--format", "json", "--output"])
        .arg(&file)
        .assert()
        .code(1);
    assert!(out.get_output().stdout.is_empty());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["version"], 2);
}

#[test]
fn no_colour_off_a_terminal_or_with_no_color() {
    for no_color in [false, true] {
        let mut c = egenregi();
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let out = c.args(["check", "examples/broken"]).assert().code(1);
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(!stdout.contains('\u{1b}'), "ANSI escape in plain output");
        assert!(
            stdout.lines().last().unwrap().contains("error"),
            "summary line last"
        );
    }
}

#[test]
fn quiet_prints_nothing_when_the_check_passes() {
    let dir = repo(&[("ks.yaml", KS)]);
    let out = egenregi()
        .arg("check")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .code(0);
    assert!(out.get_output().stdout.is_empty());
    // Progress goes to a terminal only: a CI log gets nothing on stderr.
    assert!(out.get_output().stderr.is_empty());
}

#[test]
fn rules_and_explain_and_schema() {
    let out = egenregi().arg("rules").assert().code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("yaml/ambiguous-scalar") && text.contains("warning"));
    let out = egenregi()
        .args(["explain", "yaml/ambiguous-scalar"])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("Norway") && text.contains("Fails:") && text.contains("Passes:"));
    let out = egenregi().args(["schema", "service"]).assert().code(0);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        v["$defs"]
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.starts_with("common."))
    );
    let out = egenregi().arg("schema").assert().code(0);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["$defs"].as_object().unwrap().len(), 5);
    egenregi().args(["schema", "Servise"]).assert().code(2);
}

const AMBIGUOUS: &[u8] = b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n";

fn waiver(expires: &str, rule: &str) -> Vec<u8> {
    format!(
        "apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {{id: w1}}\nspec:\n  rule: {rule}\n  targets: [\"Entity/ks\"]\n  reason: \"Read only by egenregi, which reads YAML 1.2\"\n  approved_by: \"Kari Nordmann, platform lead\"\n  expires: {expires}\n"
    )
    .into_bytes()
}

fn json_of(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = egenregi()
        .arg("check")
        .arg(dir)
        .args(["--format", "json", "--as-of", "2026-11-22"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

fn rules_of(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_waivers_whole_life() {
    // active: the finding moves to `waived`
    let w = waiver("2027-01-01", "yaml/ambiguous-scalar");
    let dir = repo(&[("ks.yaml", AMBIGUOUS), ("waivers.yaml", &w)]);
    let (code, v) = json_of(dir.path(), &["--deny", "warnings"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(rules_of(&v), Vec::<String>::new());
    assert_eq!(v["waived"][0]["waiver"], "w1");
    assert_eq!(v["waived"][0]["rule"], "yaml/ambiguous-scalar");
    assert_eq!(v["summary"]["waived"], 1);
    // expired: the finding is back, and the waiver is an error
    let w = waiver("2026-11-21", "yaml/ambiguous-scalar");
    let dir = repo(&[("ks.yaml", AMBIGUOUS), ("waivers.yaml", &w)]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&v), ["yaml/ambiguous-scalar", "waiver/expired"]);
    assert_eq!(v["waived"].as_array().unwrap().len(), 0);
    // the expiry day itself still counts
    let w = waiver("2026-11-22", "yaml/ambiguous-scalar");
    let dir = repo(&[("ks.yaml", AMBIGUOUS), ("waivers.yaml", &w)]);
    assert_eq!(json_of(dir.path(), &[]).1["summary"]["waived"], 1);
    // unused: nothing matches
    let w = waiver("2027-01-01", "yaml/ambiguous-scalar");
    let dir = repo(&[("ks.yaml", KS), ("waivers.yaml", &w)]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(rules_of(&v), ["waiver/unused"]);
    // expired and misspelt: both are said now, not the misspelling only once it is renewed
    let w = waiver("2026-11-21", "yaml/ambigous-scalar");
    let dir = repo(&[("ks.yaml", AMBIGUOUS), ("waivers.yaml", &w)]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_of(&v),
        ["yaml/ambiguous-scalar", "waiver/unused", "waiver/expired"],
        "{v}"
    );
    let unused = &v["findings"][1];
    assert_eq!(unused["target"], "Waiver/w1#/spec/rule", "{unused}");
    let message = unused["message"].as_str().unwrap();
    assert!(
        message.contains("did you mean `yaml/ambiguous-scalar`"),
        "{message}"
    );
    // expired and of a rule that cannot be waived: said too
    let w = waiver("2026-11-21", "inhouse/private-capital");
    let dir = repo(&[("ks.yaml", KS), ("waivers.yaml", &w)]);
    let (_, v) = json_of(dir.path(), &[]);
    assert_eq!(rules_of(&v), ["waiver/unused", "waiver/expired"], "{v}");
    // a waiver without reason or approver is a schema error
    let bare = b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: yaml/ambiguous-scalar, targets: [\"Entity/ks\"], expires: 2027-01-01}\n";
    let dir = repo(&[("ks.yaml", AMBIGUOUS), ("waivers.yaml", bare)]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_of(&v)
            .iter()
            .filter(|r| *r == "schema/required")
            .count(),
        2,
        "{v}"
    );
}

#[test]
fn broken_config_points_into_the_kdl_file_and_exits_2() {
    let dir = repo(&[
        ("ks.yaml", KS),
        ("egenregi.kdl", b"as-of \"2026-11-22\"\nrule \"yaml/ambigous-scalar\" severity=\"error\"\nthreshhold \"below-threshold-value\" 100000\n"),
    ]);
    let out = egenregi()
        .arg("check")
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("egenregi.kdl"), "{stderr}");
    assert!(
        stderr.contains("unknown setting `threshhold`")
            && stderr.contains("did you mean `threshold`"),
        "{stderr}"
    );
    // rule ids are checked once policies are known; with the setting fixed, the rule id is next
    let dir = repo(&[
        ("ks.yaml", KS),
        (
            "egenregi.kdl",
            b"rule \"yaml/ambigous-scalar\" severity=\"error\"\n",
        ),
    ]);
    let out = egenregi().arg("check").arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("unknown rule `yaml/ambigous-scalar`")
            && stderr.contains("did you mean `yaml/ambiguous-scalar`"),
        "{stderr}"
    );
    let dir = repo(&[("ks.yaml", KS), ("egenregi.kdl", b"as-of 2026-11-22 {\n")]);
    egenregi().arg("check").arg(dir.path()).assert().code(2);
}

#[test]
fn a_severity_override_fails_the_check_and_points_at_the_config() {
    let dir = repo(&[
        ("ks.yaml", AMBIGUOUS),
        (
            "egenregi.kdl",
            b"as-of \"2026-11-22\"\nrule \"yaml/ambiguous-scalar\" severity=\"error\"\n",
        ),
    ]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    let f = &v["findings"][0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["labels"][0]["file"], "egenregi.kdl");
    assert_eq!(f["labels"][0]["line"], 2);
    assert!(
        f["labels"][0]["message"]
            .as_str()
            .unwrap()
            .contains("severity set to error")
    );
}

/// The labels in `egenregi.kdl` (line, message) of the first finding of `rule` in a repository
/// of `yaml` with that config.
fn config_labels(yaml: &[u8], kdl: &str, rule: &str) -> Vec<(u64, String)> {
    let dir = repo(&[("example.yaml", yaml), ("egenregi.kdl", kdl.as_bytes())]);
    let (_, v) = json_of(dir.path(), &["--rule", rule]);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], rule, "{v}");
    f["labels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["file"] == "egenregi.kdl")
        .map(|l| (l["line"].as_u64().unwrap(), l["message"].to_string()))
        .collect()
}

#[test]
fn a_changed_threshold_or_parameter_points_at_the_config_too() {
    // The parameter of a policy rule: its finding names the line that set 30 days.
    let ros = b"apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec:\n  provider: ks-digital\n  criticality: high\n  lifecycle: {stage: active}\n  security: {ros: {reference: ROS-1, date: 2026-06-01}}\n";
    let kdl = "as-of \"2026-11-22\"\nrule \"service/ros-fresh\" max-age-days=30\n";
    assert_eq!(
        config_labels(ros, kdl, "service/ros-fresh"),
        [(2, "\"`max-age-days` set to 30 here\"".to_owned())]
    );
    // A threshold: the procurement basis it decides names the line that set it.
    let basis = egenregi::analysis::procurement::BASIS
        .example
        .unwrap()
        .fails;
    let kdl = "as-of \"2026-11-22\"\nthreshold \"below-threshold-value\" 1000\n";
    assert_eq!(
        config_labels(basis, kdl, "procurement/basis"),
        [(
            2,
            "\"threshold `below-threshold-value` set to 1000 here\"".to_owned()
        )]
    );
}

#[test]
fn as_of_comes_from_the_flag_then_the_config_then_today() {
    let dir = repo(&[("ks.yaml", KS), ("egenregi.kdl", b"as-of \"2025-01-01\"\n")]);
    let out = egenregi()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2025-01-01");
    let out = egenregi()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json", "--as-of", "2024-06-30"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2024-06-30");
}

/// A repository's own rule: it must appear in `rules` and `explain` run inside the repository,
/// with the condition and citation its file gives it.
const OWN_RULE: &str = r#"
rule "acme/noark" severity="warning" {
    summary "A service with personal data archives in Noark 5"
    explain "Archive responsibility stays with the tenant municipality, so a service that handles its records keeps them in a Noark 5 archive it can hand over."
    condition "integrity"
    cite "arkivlova § 10" verified="section"
    select kind="Service" where="spec.data.personal_data" equals=#true
    assert "spec.data.archive.noark5" equals=#true
}
"#;

fn with_own_rule(rule: &str) -> tempfile::TempDir {
    repo(&[
        ("egenregi.kdl", b"policies \"rules\"\n"),
        ("rules/acme.kdl", rule.as_bytes()),
        ("ks.yaml", KS),
    ])
}

/// `egenregi ARGS` run in `dir`: exit code, standard output, standard error.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = egenregi().current_dir(dir).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap(),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn rules_lists_every_rule_and_explain_knows_each() {
    // Outside a repository: the built-in rules and the shipped policies, 56 and more.
    let outside = tempfile::tempdir().unwrap();
    let outside = outside.path();
    let (code, json, _) = run_in(outside, &["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&json).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert!(rules.len() >= 56, "{} rules", rules.len());
    let rule = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(rule("service/ros-fresh")["condition"], "infrastructure");
    assert_eq!(rule("service/ros-fresh")["parameters"][0], "max-age-days");
    assert_eq!(rule("inhouse/control")["condition"], "control");
    assert_eq!(
        rule("inhouse/control")["legal_basis"][0]["verified"],
        "section"
    );
    assert_eq!(
        rule("service/dpia")["legal_basis"][0]["citation"],
        "GDPR art. 35"
    );
    // `explain` knows every rule `rules` lists, the shipped policies included (`egenregi new
    // service` writes `egenregi explain service/ros-fresh` into the file it creates).
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let (code, text, _) = run_in(outside, &["explain", id]);
        assert_eq!(code, 0, "{id}");
        assert!(text.starts_with(id), "{id}");
    }
    let (_, text, _) = run_in(outside, &["explain", "tenant/dpa"]);
    assert!(text.contains("GDPR art. 28"), "{text}");

    // Inside a repository, its own rule too, with its condition and legal basis.
    let dir = with_own_rule(OWN_RULE);
    let (code, table, _) = run_in(dir.path(), &["rules"]);
    assert_eq!(code, 0);
    let line = table.lines().find(|l| l.starts_with("acme/noark")).unwrap();
    assert!(
        line.contains("warning") && line.contains("integrity"),
        "{line}"
    );
    assert!(table.contains("legal basis: arkivlova § 10"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("service/ros-fresh")));
    let (code, text, _) = run_in(dir.path(), &["explain", "acme/noark"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("Noark 5") && text.contains("arkivlova § 10"),
        "{text}"
    );
    // ... and only there.
    assert_eq!(run_in(outside, &["explain", "acme/noark"]).0, 2);
}

#[test]
fn a_citation_must_say_how_far_it_is_verified() {
    let dir = with_own_rule(&OWN_RULE.replace("verified=\"section\"", "verified=\"surely\""));
    let (code, _, stderr) = run_in(dir.path(), &["rules"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("verified="), "{stderr}");
    let dir = with_own_rule(&OWN_RULE.replace("\"integrity\"", "\"integrety\""));
    let (code, _, stderr) = run_in(dir.path(), &["rules"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `integrity`"), "{stderr}");
}

#[test]
fn rule_and_skip_take_globs() {
    let broken = Path::new("examples/broken");
    let (code, v) = json_of(broken, &["--rule", "inhouse/*"]);
    assert_eq!(code, 1);
    let only = rules_of(&v);
    assert!(!only.is_empty() && only.iter().all(|r| r.starts_with("inhouse/")));
    let (_, v) = json_of(broken, &["--skip", "inhouse/*", "--skip", "schema/*"]);
    let rest = rules_of(&v);
    assert!(!rest.is_empty());
    assert!(
        !rest
            .iter()
            .any(|r| r.starts_with("inhouse/") || r.starts_with("schema/"))
    );
    // A glob that names no rule is a mistake, like an unknown id.
    let (code, _, stderr) = run_in(
        Path::new("."),
        &["check", "--rule", "inhuose/*", "examples/broken"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("inhuose/*"), "{stderr}");
}

#[test]
fn statistics_count_findings_per_rule() {
    let broken = Path::new("examples/broken");
    let (code, text, _) = run_in(
        Path::new("."),
        &["check", "examples/broken", "--statistics"],
    );
    assert_eq!(code, 1);
    let (_, v) = json_of(broken, &[]);
    let all = rules_of(&v);
    // `ref/unknown` fires more than once in the broken example; its line counts them all.
    let n = all.iter().filter(|r| *r == "ref/unknown").count();
    assert!(n > 1);
    let line = text.lines().find(|l| l.contains(" ref/unknown ")).unwrap();
    assert_eq!(line.split_whitespace().next(), Some(n.to_string().as_str()));
    // the last line is the total
    let last = text.trim_end().lines().last().unwrap();
    assert!(
        last.trim_start().starts_with(&all.len().to_string()),
        "{last}"
    );
    let (_, v) = json_of(broken, &["--statistics"]);
    let stats = v["statistics"].as_array().unwrap();
    let total: u64 = stats.iter().map(|s| s["count"].as_u64().unwrap()).sum();
    assert_eq!(usize::try_from(total).unwrap(), all.len());
}

/// One document of each kind naming an id nobody defined at each place a document can name
/// another: sixteen references (a seat is mandated by two). Every `spec:` opens a block, so a
/// test can add a field to each.
const NAMES_NOBODY: &str = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: co}
spec:
  type: company
  contracting_authority: true
  dissolved: 2024-12-31
  owners: [{entity: nobody-owner, share: 100}]
  successors: [nobody-successor]
  reorganisations: [{date: 2020-01-01, kind: merger, from: [nobody-merged]}]
  governance:
    - id: gm
      type: general-meeting
      decides: [strategy]
      seats: [{mandated_by: [nobody-seat, \"members-of:nobody-members\"], count: 1}]
---
apiVersion: egenregi/v1
kind: Entity
metadata: {id: m}
spec:
  type: municipality
  member_of: [nobody-assoc, {association: nobody-dated}]
---
apiVersion: egenregi/v1
kind: Service
metadata: {id: s}
spec:
  provider: nobody-provider
  criticality: low
  lifecycle: {stage: active}
  depends_on: [nobody-service]
---
apiVersion: egenregi/v1
kind: Tenant
metadata: {id: t}
spec:
  entity: nobody-buyer
  subscriptions:
    - {service: nobody-subscribed, since: 2024-01-01, basis: in-house}
    - service: s
      since: 2024-01-01
      basis: cooperation
      cooperation: {agreement: Avtale, objectives: Felles, parties: [nobody-party]}
---
apiVersion: egenregi/v1
kind: ActivityReport
metadata: {id: r}
spec:
  provider: nobody-reporter
  year: 2023
  basis: actual
  measure: turnover
  currency: NOK
  lines:
    - {customer: nobody-customer, amount: 1}
    - {customer: m, entrusted_by: nobody-entruster, amount: 1}
    - {group: \"members-of:nobody-group\", amount: 1}
";

/// The targets of the `ref/unknown` findings of `v`, sorted.
fn unknown_targets(v: &Value) -> Vec<String> {
    let mut targets: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "ref/unknown")
        .map(|f| f["target"].as_str().unwrap().to_owned())
        .collect();
    targets.sort();
    targets
}

#[test]
fn a_document_that_fails_its_schema_has_its_references_checked_all_the_same() {
    // Valid, each of the sixteen references is unknown.
    let dir = repo(&[("all.yaml", NAMES_NOBODY.as_bytes())]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    let want = [
        "ActivityReport/r#/spec/lines/0/customer",
        "ActivityReport/r#/spec/lines/1/entrusted_by",
        "ActivityReport/r#/spec/lines/2/group",
        "ActivityReport/r#/spec/provider",
        "Entity/co#/spec/governance/0/seats/0/mandated_by/0",
        "Entity/co#/spec/governance/0/seats/0/mandated_by/1",
        "Entity/co#/spec/owners/0/entity",
        "Entity/co#/spec/reorganisations/0/from/0",
        "Entity/co#/spec/successors/0",
        "Entity/m#/spec/member_of/0",
        "Entity/m#/spec/member_of/1/association",
        "Service/s#/spec/depends_on/0",
        "Service/s#/spec/provider",
        "Tenant/t#/spec/entity",
        "Tenant/t#/spec/subscriptions/0/service",
        "Tenant/t#/spec/subscriptions/1/cooperation/parties/0",
    ];
    assert_eq!(unknown_targets(&v), want);
    // Each document failing its schema (a field no kind has): the same sixteen, read from the
    // documents as written. They were not looked at until the schema errors were mended.
    let failing = NAMES_NOBODY.replace("spec:\n", "spec:\n  colour: red\n");
    let dir = repo(&[("all.yaml", failing.as_bytes())]);
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    let schema = rules_of(&v)
        .iter()
        .filter(|r| r.starts_with("schema/"))
        .count();
    assert_eq!(schema, 5, "{:#}", v["findings"]);
    assert_eq!(unknown_targets(&v), want);
}

/// A number YAML keeps as text (quoted, or with no exact JSON form) is called text, with a
/// help saying why; text that is no number gets no such help.
#[test]
fn a_number_kept_as_text_says_why_it_is_text() {
    for (share, why) in [
        ("\"100\"", true),
        ("1e400", true),
        (".inf", true),
        ("100000000000000000000000", true),
        ("hundred", false),
    ] {
        let owned = format!(
            "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: co, name: Co}}\nspec:\n  type: company\n  owners:\n    - entity: ks\n      share: {share}\n"
        );
        let dir = repo(&[("ks.yaml", KS), ("co.yaml", owned.as_bytes())]);
        let (_, v) = json_of(dir.path(), &[]);
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "schema/type")
            .unwrap_or_else(|| panic!("{share}: {v}"));
        let help = f["help"].as_str().unwrap_or("");
        assert_eq!(help.contains("because it is quoted"), why, "{share}: {f}");
    }
}

#[test]
fn a_number_in_a_schema_message_is_shown_as_written() {
    // The example's 2024 report with a negative amount past 2^53 and one with trailing zeros,
    // and KS Digital's orgnr unquoted with its leading zero: the messages quote the file, not
    // the value's float form (`-1.2345678901234568e+16`, `-9830150.0`, `977354684`). An alias
    // has no number of its own to quote: its value is shown.
    let dir = common::example("ks-digital");
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} not in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let report = "activity/ks-digital-2024.yaml";
    edit(
        report,
        "amount: 17386900.00",
        "amount: -12345678901234567.89",
    );
    edit(report, "amount: 9830150.00", "amount: -9830150.00");
    edit(report, "amount: 7902400.00", "amount: &minus -7");
    edit(report, "amount: 6415000.00", "amount: *minus");
    edit(
        "entities/ks-digital.yaml",
        "orgnr: \"977354684\"",
        "orgnr: 0977354684",
    );
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    let messages = |rule: &str| common::messages(&v, rule);
    assert_eq!(
        messages("schema/minimum"),
        [
            "`amount` must be at least 0, found -12345678901234567.89",
            "`amount` must be at least 0, found -9830150.00",
            "`amount` must be at least 0, found -7",
            "`amount` must be at least 0, found -7",
        ]
    );
    assert_eq!(
        messages("schema/type"),
        ["`orgnr` must be text, found the number `0977354684`"]
    );
}

#[test]
fn the_schema_and_model_errors_are_in_bokmal_in_the_norwegian_report() {
    // `examples/broken` has 19 schema errors of 14 kinds, and the model's findings that leave
    // a decision not assessed: unknown and duplicated ids, a missing evidence file, owners
    // above 100 %, placeholders. In the Bokmål report each is a Bokmål sentence: before, every
    // one was quoted in English (`must be one of`, `no Entity has the id`, ...), in the
    // findings and in every reason that names an invalid document.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken");
    let (_, v) = json_of(&dir, &[]);
    let schema: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("schema/"))
        .collect();
    let model: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            [
                "ref/unknown",
                "ref/duplicate-id",
                "evidence/missing",
                "entity/ownership-total",
                "data/placeholder",
                "tenant/period",
                "waiver/expired",
                "waiver/unused",
                "entity/duplicate-number",
                "entity/municipality-number",
                "entity/orgnr",
            ]
            .contains(&f["rule"].as_str().unwrap())
        })
        .collect();
    assert_eq!(model.len(), 21, "{model:#?}");
    let kinds: std::collections::BTreeSet<&str> =
        schema.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(kinds.len() >= 14, "{kinds:?}");
    let out = egenregi()
        .args([
            "report",
            "--format",
            "markdown",
            "--lang",
            "nb",
            "--as-of",
            "2026-11-22",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    let nb = String::from_utf8(out.stdout).unwrap();
    let english = [
        "must be",
        "found ",
        "is missing",
        "unknown field",
        "did you mean",
        "does not have",
        "is not a valid",
        "may not be",
        "needs at least",
        "lists the same",
        "matches",
        "is not allowed",
        "has the id",
        "defined twice",
        "evidence",
        "the owners",
        "still the placeholder",
        "not in force",
        "subscription",
        "organisation number",
        "check digit",
        "waiver",
        "expired",
        "municipality number",
        "county number",
        "the register",
    ];
    for f in schema.iter().chain(&model) {
        let at = format!(
            "[{}:{}:{}]",
            f["file"].as_str().unwrap(),
            f["line"],
            f["column"]
        );
        let line = nb
            .lines()
            .find(|l| l.starts_with("- **") && l.contains(&at))
            .unwrap_or_else(|| panic!("no finding at {at} in {nb}"));
        let said = line.split_once(") ").map_or(line, |(_, m)| m);
        assert!(
            !english.iter().any(|w| said.contains(w)),
            "{} in English: {said}",
            f["rule"]
        );
        assert_ne!(said, f["message"].as_str().unwrap(), "{}", f["rule"]);
    }
    // nor does any reason that names an invalid document quote it in English
    assert!(!nb.contains("must be"), "{nb}");
    // and their advice is framed in Bokmål (a schema's own description of a value stays as the
    // schema writes it)
    for help in [
        "allowed:",
        "fields here:",
        "expected:",
        "YAML reads",
        "Open the file",
    ] {
        assert!(!nb.contains(&format!("råd: {help}")), "{help}: {nb}");
    }
    assert!(
        nb.contains("råd: tillatt: `critical`, `high`, `medium` eller `low`"),
        "{nb}"
    );
}

#[test]
fn a_misspelt_service_is_named_beside_the_schema_error_of_its_tenant() {
    // The example's Bergen with its SvarUt subscription given a month 13 and a misspelt
    // service: both are reported in one run, the service with its "did you mean".
    let dir = common::example("ks-digital");
    let bergen = dir.path().join("tenants/bergen.yaml");
    let text = std::fs::read_to_string(&bergen).unwrap();
    let from = "    - service: svarut\n      since: 2024-01-01";
    assert!(text.contains(from));
    let broken = text.replace(from, "    - service: svarutt\n      since: 2024-13-01");
    std::fs::write(&bergen, &broken).unwrap();
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    let at = |rule: &str| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["target"].as_str().unwrap().to_owned(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let format = at("schema/format");
    assert_eq!(format.len(), 1, "{format:?}");
    assert_eq!(format[0].0, "Tenant/bergen#/spec/subscriptions/1/since");
    let unknown = at("ref/unknown");
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].0, "Tenant/bergen#/spec/subscriptions/1/service");
    assert!(
        unknown[0].1.contains("did you mean `svarut`"),
        "{unknown:?}"
    );
    // An id of a form no id has is the schema's to report, and is not looked up.
    std::fs::write(&bergen, broken.replace("svarutt", "\"Svar Ut\"")).unwrap();
    let (code, v) = json_of(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(unknown_targets(&v).is_empty(), "{:#}", v["findings"]);
    assert!(rules_of(&v).contains(&"schema/pattern".to_owned()));
}
