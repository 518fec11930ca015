//! `egenregi init` and `egenregi new`: what they write is valid from the first save, their
//! placeholders are visible to the check, and nothing is ever overwritten.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use std::path::Path;
use std::process::Command;

use egenregi::Options;
use egenregi::date::Date;
use egenregi::scaffold::{self, NewKind, NewOptions, ScaffoldError};

fn egenregi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_egenregi"))
}

fn today() -> Date {
    Date::parse("2026-11-24").unwrap()
}

/// `(rule, message)` of every active finding.
fn findings(root: &Path) -> Vec<(String, String)> {
    let outcome = egenregi::check(root, &Options::default()).unwrap();
    outcome
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.message.clone()))
        .collect()
}

#[test]
fn every_scaffold_is_schema_valid_and_its_placeholders_show() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    scaffold::init(root).unwrap();
    let entity = |ty: &str| NewOptions {
        entity_type: Some(ty.into()),
        ..NewOptions::default()
    };
    for (id, ty) in [
        ("ks", "association"),
        ("oslo-kommune", "municipality"),
        ("vestland", "county"),
        ("digdir", "state-agency"),
        ("ks-digital", "company"),
        ("stiftelsen", "foundation"),
        ("acme", "private"),
        ("frivillig", "private-nonprofit"),
    ] {
        scaffold::new_document(root, NewKind::Entity, id, &entity(ty), today()).unwrap();
    }
    let service = NewOptions {
        provider: Some("ks-digital".into()),
        ..NewOptions::default()
    };
    scaffold::new_document(root, NewKind::Service, "svarut", &service, today()).unwrap();
    let tenant = NewOptions {
        entity: Some("digdir".into()),
        service: Some("svarut".into()),
        ..NewOptions::default()
    };
    scaffold::new_document(root, NewKind::Tenant, "digdir", &tenant, today()).unwrap();
    let waiver = NewOptions {
        rule: Some("service/ros-fresh".into()),
        target: Some("Service/svarut".into()),
        ..NewOptions::default()
    };
    scaffold::new_document(root, NewKind::Waiver, "w-ros", &waiver, today()).unwrap();

    let found = findings(root);
    // Nothing structural: every document parses and fits its schema.
    assert!(
        !found
            .iter()
            .any(|(r, _)| r.starts_with("yaml/") || r.starts_with("schema/")),
        "{found:#?}"
    );
    // The company's owner is a placeholder, and the check says so; the waiver written for a
    // finding that does not exist (the service has no ROS requirement at medium) is unused.
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["ref/unknown", "waiver/unused"], "{found:#?}");
    assert!(found[0].1.contains("`todo-owner`"));
}

#[test]
fn placeholders_for_missing_references_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    scaffold::new_document(
        root,
        NewKind::Tenant,
        "oslo",
        &NewOptions::default(),
        today(),
    )
    .unwrap();
    let found = findings(root);
    let unknown: Vec<&str> = found
        .iter()
        .filter(|(r, _)| r == "ref/unknown")
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(unknown.len(), 2, "{found:#?}");
    assert!(unknown[0].contains("`todo-entity`") && unknown[1].contains("`todo-service`"));
}

#[test]
fn nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("egenregi.kdl"), "as-of \"2026-01-01\"\n").unwrap();
    assert!(matches!(
        scaffold::init(root),
        Err(ScaffoldError::Exists(_))
    ));
    assert_eq!(
        std::fs::read_to_string(root.join("egenregi.kdl")).unwrap(),
        "as-of \"2026-01-01\"\n"
    );

    std::fs::create_dir(root.join("services")).unwrap();
    std::fs::write(root.join("services/svarut.yaml"), "mine").unwrap();
    let out = egenregi()
        .args(["new", "service", "svarut", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(root.join("services/svarut.yaml")).unwrap(),
        "mine"
    );
}

#[test]
fn bad_ids_and_types_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["new", "entity", "../escape"][..],
        &["new", "entity", "Oslo"],
        // `kommune` is mapped to `municipality` (tests/tools.rs); a misspelling is not
        &["new", "entity", "x", "--type", "kommunee"],
        &["new", "service", "svarut", "--provider", "KS Digital"],
    ] {
        let out = egenregi()
            .args(args)
            .arg("--root")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn print_writes_nothing_and_init_gives_a_working_repository() {
    let dir = tempfile::tempdir().unwrap();
    let out = egenregi()
        .args(["new", "service", "svarut", "--print", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("kind: Service\n"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let out = egenregi().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".egenregi.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(schema.is_object());
    // A repository with no document yet is not a green check: there is nothing to check
    // (exit 2), and the message says how to start.
    let check = egenregi().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("nothing to check"));
}
