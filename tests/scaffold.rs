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
use egenregi::finding::Severity;
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

/// `(file, rule, severity)` of every active finding.
fn findings_by_file(root: &Path) -> Vec<(String, String, Severity)> {
    let outcome = egenregi::check(root, &Options::default()).unwrap();
    outcome
        .findings
        .iter()
        .map(|f| {
            (
                outcome.sources.get(f.location.source).path.clone(),
                f.rule.to_string(),
                f.severity,
            )
        })
        .collect()
}

/// Every kind and entity type `egenregi new` writes, with and without the reference options.
fn scaffold_everything(root: &Path) -> Vec<String> {
    let mut written = Vec::new();
    let mut new = |kind: NewKind, id: &str, options: &NewOptions| {
        let path = scaffold::new_document(root, kind, id, options, today()).unwrap();
        let rel = path.strip_prefix(root).unwrap().to_str().unwrap();
        written.push(rel.replace('\\', "/"));
    };
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
        new(NewKind::Entity, id, &entity(ty));
    }
    let service = NewOptions {
        provider: Some("ks-digital".into()),
        ..NewOptions::default()
    };
    new(NewKind::Service, "svarut", &service);
    new(NewKind::Service, "fiks-io", &NewOptions::default());
    let tenant = NewOptions {
        entity: Some("digdir".into()),
        service: Some("svarut".into()),
        ..NewOptions::default()
    };
    new(NewKind::Tenant, "digdir", &tenant);
    new(NewKind::Tenant, "oslo", &NewOptions::default());
    let waiver = NewOptions {
        rule: Some("service/ros-fresh".into()),
        target: Some("Service/svarut".into()),
        ..NewOptions::default()
    };
    new(NewKind::Waiver, "w-ros", &waiver);
    new(NewKind::Waiver, "w-blank", &NewOptions::default());
    let year = NewOptions {
        year: Some(2025),
        ..NewOptions::default()
    };
    new(NewKind::Activity, "ks-digital", &year);
    written
}

#[test]
fn every_scaffold_loads_and_fails_on_its_placeholders_until_edited() {
    // The decision for architects: a scaffold fits its schema (so editors complete it and every
    // other check runs on it from the first save), and each fact only a person can supply is a
    // placeholder that `data/placeholder` reports as an error, so an unedited document never
    // passes the gate. Before this, a company scaffold passed but for its owner, a municipality
    // got Oslo's real number `0301`, and a waiver's `TODO` reason waived its finding.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    scaffold::init(root).unwrap();
    let written = scaffold_everything(root);
    let found = findings_by_file(root);
    // Nothing structural: every document parses and fits its schema.
    assert!(
        !found
            .iter()
            .any(|(_, r, _)| r.starts_with("yaml/") || r.starts_with("schema/")),
        "{found:#?}"
    );
    for file in &written {
        assert!(
            found
                .iter()
                .any(|(f, r, s)| f == file && r == "data/placeholder" && *s == Severity::Error),
            "{file} unedited has no data/placeholder error: {found:#?}"
        );
    }
    // Only what the placeholders explain: a placeholder id is also an unknown reference.
    for (file, rule, _) in &found {
        assert!(
            rule == "data/placeholder" || rule == "ref/unknown",
            "{file}: {rule}"
        );
    }
    // No real-looking number anywhere.
    for file in &written {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(
            !text.contains("0301") && !text.contains("\"03\""),
            "{file}:\n{text}"
        );
    }
    // And the gate says so: exit 1.
    let out = egenregi().arg("check").arg(root).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn scaffolds_once_filled_in_pass() {
    // The other half: the placeholders are all there is to fix. Replace each with a real value
    // (Oslo: orgnr 974760673, kommunenummer 0301) and the municipality checks clean.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let path = scaffold::new_document(
        root,
        NewKind::Entity,
        "oslo-kommune",
        &NewOptions {
            entity_type: Some("municipality".into()),
            ..NewOptions::default()
        },
        today(),
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!findings(root).is_empty());
    let filled = text
        .replace("\"000000000\"", "\"974760673\"")
        .replace("\"0000\"", "\"0301\"");
    std::fs::write(&path, filled).unwrap();
    assert_eq!(findings(root), [], "only the placeholders failed");
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
    // Each placeholder is reported once, as a placeholder, not also as an unknown reference.
    let placeholders: Vec<&str> = found
        .iter()
        .filter(|(r, _)| r == "data/placeholder")
        .map(|(_, m)| m.as_str())
        .collect();
    assert!(
        placeholders.iter().any(|m| m.contains("`todo-entity`"))
            && placeholders.iter().any(|m| m.contains("`todo-service`")),
        "{found:#?}"
    );
    assert!(!found.iter().any(|(r, _)| r == "ref/unknown"), "{found:#?}");
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
