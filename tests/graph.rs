//! `egenregi graph`: the control structure and the service dependencies of a repository, as
//! DOT and Mermaid, reviewed as snapshots; memberships follow the evaluation date.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use std::path::Path;
use std::process::Command;

use egenregi::Options;
use egenregi::date::Date;
use egenregi::graph::{GraphFormat, GraphView};

fn draw(root: &Path, as_of: Option<&str>, view: GraphView, format: GraphFormat) -> String {
    let options = Options {
        as_of: as_of.and_then(Date::parse),
        ..Options::default()
    };
    egenregi::graph(root, &options, view, format).unwrap()
}

#[test]
fn snapshot_control_dot() {
    let ks = Path::new("examples/ks-digital");
    insta::assert_snapshot!(
        "control_dot",
        draw(ks, None, GraphView::Control, GraphFormat::Dot)
    );
}

#[test]
fn snapshot_dependencies_mermaid() {
    let ks = Path::new("examples/ks-digital");
    insta::assert_snapshot!(
        "dependencies_mermaid",
        draw(ks, None, GraphView::Dependencies, GraphFormat::Mermaid)
    );
}

const LEFT: &str = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: ks}
spec: {type: association, contracting_authority: true}
---
apiVersion: egenregi/v1
kind: Entity
metadata: {id: oslo-kommune}
spec:
  type: municipality
  member_of: [{association: ks, from: 2020-01-01, to: 2024-12-31}]
---
apiVersion: egenregi/v1
kind: Service
metadata: {id: svarut}
spec:
  provider: ks-digital
  criticality: low
  lifecycle: {stage: active}
  depends_on: [fiks-io]
";

#[test]
fn memberships_follow_the_date_and_undefined_ids_still_show() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("all.yaml"), LEFT).unwrap();
    let member = "\"oslo-kommune\" -> \"ks\"";
    let before = draw(
        dir.path(),
        Some("2024-06-01"),
        GraphView::Control,
        GraphFormat::Dot,
    );
    assert!(before.contains(member), "{before}");
    let after = draw(
        dir.path(),
        Some("2025-01-01"),
        GraphView::Control,
        GraphFormat::Dot,
    );
    assert!(!after.contains(member), "{after}");

    // `fiks-io` and the provider are defined nowhere: drawn, and marked so.
    let deps = draw(
        dir.path(),
        None,
        GraphView::Dependencies,
        GraphFormat::Mermaid,
    );
    assert!(deps.contains("\"fiks-io<br>(not defined)\""), "{deps}");
    assert!(deps.contains("n1 -->|\"depends on\"| n2"), "{deps}");
}

#[test]
fn the_command_writes_a_file_and_refuses_a_missing_root() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.mmd");
    let status = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .args(["graph", "examples/ks-digital", "--format", "mermaid", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("flowchart LR")
    );
    let missing = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .args(["graph", "no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn holdings_follow_the_date_like_memberships() {
    // oslo sold its holding at the end of 2024: drawn on 2024-06-01, gone on 2025-01-01.
    let yaml = "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: drift}\nspec: {type: company, contracting_authority: true, owners: [{entity: oslo-kommune, share: 100, to: 2024-12-31}]}\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("all.yaml"), yaml).unwrap();
    let holding = "\"oslo-kommune\" -> \"drift\"";
    let before = draw(
        dir.path(),
        Some("2024-06-01"),
        GraphView::Control,
        GraphFormat::Dot,
    );
    assert!(before.contains(holding), "{before}");
    let after = draw(
        dir.path(),
        Some("2025-01-01"),
        GraphView::Control,
        GraphFormat::Dot,
    );
    assert!(!after.contains(holding), "{after}");
}
