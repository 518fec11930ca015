//! Baselines end to end through the command line: adopt on a repository with findings, fail only
//! on new ones, survive unrelated edits, count what was fixed, refuse what may not be baselined.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn egenregi(args: &[&str], root: &Path) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .arg("check")
        .arg(root)
        .args(["--format", "json", "--as-of", "2026-11-22"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json)
}

fn rules(v: &Value, field: &str) -> Vec<String> {
    v[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

const SERVICE: &str = "\
apiVersion: egenregi/v1
kind: Service
metadata: {id: svarut}
spec:
  provider: ks
  criticality: critical
  lifecycle: {stage: active}
  owner: {team: fiks, email: fiks@example.com}
  sla: {availability: 99.0, support: \"24/7\", rto: 4h, rpo: 15m}
  security: {ros: {reference: ROS-1, date: 2026-06-01}}
  data: {personal_data: false, dpia: {reference: DPIA-1, date: 2025-01-01}}
";

const KS: &str = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: ks}
spec: {type: association, contracting_authority: true}
";

#[test]
fn adopt_then_fail_only_on_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("ks.yaml"), KS).unwrap();
    std::fs::write(root.join("svarut.yaml"), SERVICE).unwrap();
    let base = root.join("baseline.json");

    // Before: the weak SLA fails the check.
    let (code, v) = egenregi(&[], root);
    assert_eq!(code, 1);
    assert_eq!(rules(&v, "findings"), ["service/critical-sla"]);

    // Adopt.
    let out = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .arg("check")
        .arg(root)
        .arg("--write-baseline")
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    assert_eq!(
        written["entries"][0]["target"],
        "Service/svarut#/spec/sla/availability"
    );
    let b = base.to_str().unwrap();
    let (code, v) = egenregi(&["--baseline", b], root);
    assert_eq!(code, 0, "{v:#}");
    assert!(rules(&v, "findings").is_empty());
    assert_eq!(rules(&v, "baselined"), ["service/critical-sla"]);
    assert_eq!(v["summary"]["baselined"], 1);

    // SARIF shows it closed, with the baseline as justification.
    let sarif = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .arg("check")
        .arg(root)
        .args(["--format", "sarif", "--baseline", b])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "service/critical-sla");
    assert_eq!(result["suppressions"][0]["kind"], "external");

    // Lines move (a comment block above), the finding stays baselined: keyed by meaning.
    let moved = format!("# moved\n# down\n# three lines\n{SERVICE}");
    std::fs::write(root.join("svarut.yaml"), &moved).unwrap();
    let (code, _) = egenregi(&["--baseline", b], root);
    assert_eq!(code, 0);

    // A new problem fails; the old one stays set apart.
    let worse = moved.replace("rto: 4h", "rto: 8h");
    std::fs::write(root.join("svarut.yaml"), &worse).unwrap();
    let (code, v) = egenregi(&["--baseline", b], root);
    assert_eq!(code, 1);
    assert_eq!(v["findings"][0]["target"], "Service/svarut#/spec/sla/rto");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);

    // The old problem is fixed: the entry is stale, and says so.
    let fixed = moved.replace("availability: 99.0", "availability: 99.9");
    std::fs::write(root.join("svarut.yaml"), &fixed).unwrap();
    let (code, v) = egenregi(&["--baseline", b], root);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["baseline_stale"], 1);
}

#[test]
fn what_may_not_be_waived_may_not_be_baselined() {
    // examples/broken has private capital, placeholders, dangling references, a duplicate id,
    // holdings over 100 % and the decisions they leave not assessed (none waivable) and an
    // expired waiver.
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("baseline.json");
    let broken = Path::new("examples/broken");
    let status = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .arg("check")
        .arg(broken)
        .arg("--write-baseline")
        .arg(&base)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let (code, v) = egenregi(&["--baseline", base.to_str().unwrap()], broken);
    assert_eq!(code, 1);
    let mut left = rules(&v, "findings");
    left.dedup();
    assert_eq!(
        left.iter().collect::<std::collections::BTreeSet<_>>(),
        [
            "data/placeholder",
            "entity/ownership-total",
            "inhouse/activity-data",
            "inhouse/not-assessed",
            "inhouse/private-capital",
            "ref/duplicate-id",
            "ref/unknown",
            "waiver/expired",
            "waiver/unused"
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect::<Vec<_>>()
        .iter()
        .collect()
    );
    assert!(v["summary"]["baselined"].as_u64().unwrap() > 50);
}

#[test]
fn a_broken_baseline_stops_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("baseline.json");
    for text in ["{", r#"{"version": 9, "entries": []}"#] {
        std::fs::write(&base, text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_egenregi"))
            .args(["check", "examples/ks-digital", "--baseline"])
            .arg(&base)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("baseline"));
    }
    let missing = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .args([
            "check",
            "examples/ks-digital",
            "--baseline",
            "no/such/file.json",
        ])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
