//! Hostile rule files (issue 16): the policy limits. A rule whose CEL takes more evaluation
//! steps than its budget is stopped with one error at its id; rule files with too many rules or
//! too much compiled regex are refused with a problem at the place that went over.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a panic in a test is a failed test"
)]
#![allow(
    clippy::print_stderr,
    clippy::format_collect,
    clippy::cast_sign_loss,
    clippy::cast_possible_truncation,
    reason = "test data built in the test; SKIPPED lines and measurements are for the test log"
)]

mod common;

use std::path::Path;

use common::repo;
use egenregi::Options;

/// `count` valid entities `e0`, `e1`, ... in files of at most 500 documents each.
fn entities(count: usize) -> Vec<(String, Vec<u8>)> {
    let docs: Vec<String> = (0..count)
        .map(|i| {
            format!(
                "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: e{i}, name: E{i}}}\nspec: {{type: association, contracting_authority: true}}\n"
            )
        })
        .collect();
    docs.chunks(500)
        .enumerate()
        .map(|(i, chunk)| {
            (
                format!("entities/{i}.yaml"),
                chunk.join("---\n").into_bytes(),
            )
        })
        .collect()
}

fn files<'a>(
    owned: &'a [(String, Vec<u8>)],
    more: &[(&'a str, &'a [u8])],
) -> Vec<(&'a str, &'a [u8])> {
    owned
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .chain(more.iter().copied())
        .collect()
}

fn setup_problems(root: &Path) -> String {
    match egenregi::check(root, &Options::default()) {
        Err(egenregi::SetupError::Config(e)) => e
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        other => panic!("expected a broken rule file, got {other:?}"),
    }
}

const CONFIG: &[u8] = b"policies \"rules\"\n";

#[test]
fn nested_comprehensions_over_every_document_stop_at_the_step_budget() {
    // Per entity, every pair of 1,500 entities: 3.4 billion steps, hours of CEL. The rule is
    // stopped at its budget (a million steps, about 10 s of CPU in a debug build) with one
    // error at its id; the cheap rule beside it still reports.
    let rules = br#"rule "team/nested" severity="warning" {
    summary "Every pair of entities"
    select kind="Entity"
    expr "docs.Entity.all(t, docs.Entity.all(u, true))"
}

rule "team/cheap" severity="note" {
    summary "Not the first entity"
    select kind="Entity"
    expr "self.metadata.id != 'e0'"
}
"#;
    let owned = entities(1_500);
    let dir = repo(&files(
        &owned,
        &[("egenregi.kdl", CONFIG), ("rules/team.kdl", rules)],
    ));
    let out = egenregi::check(dir.path(), &Options::default()).unwrap();
    let ours: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("team/"))
        .map(|f| {
            (
                f.rule.to_string(),
                out.sources.get(f.location.source).path.clone(),
                f.message.clone(),
                f.severity,
            )
        })
        .collect();
    assert_eq!(ours.len(), 2, "{ours:#?}");
    let (rule, file, message, severity) = &ours[1];
    assert_eq!(rule, "team/nested");
    assert_eq!(file, "rules/team.kdl");
    assert!(message.contains("was stopped"), "{message}");
    assert_eq!(*severity, egenregi::finding::Severity::Error);
    assert_eq!(ours[0].0, "team/cheap");
}

#[test]
fn more_than_two_thousand_rules_are_refused() {
    let rules: String = (0..2_001)
        .map(|i| {
            format!(
                "rule \"team/r{i}\" severity=\"note\" {{\n    summary \"rule {i}\"\n    select kind=\"Entity\"\n    assert \"metadata.id\" one-of=\"a|b\"\n}}\n"
            )
        })
        .collect();
    let dir = repo(&[
        ("egenregi.kdl", CONFIG),
        ("rules/many.kdl", rules.as_bytes()),
    ]);
    let problems = setup_problems(dir.path());
    assert!(problems.contains("more than 2000 rules"), "{problems}");
}

#[test]
fn compiled_regexes_of_all_rule_files_share_one_budget() {
    // each pattern compiles to between 256 KiB and 1 MiB: 16 fit in 16 MiB, the 17th does not
    let rule = |i: usize| {
        format!(
            "rule \"team/r{i}\" severity=\"note\" {{\n    summary \"rule {i}\"\n    select kind=\"Entity\"\n    assert \"metadata.name\" matches=\"\\\\w{{10}}\"\n}}\n"
        )
    };
    let first: String = (0..10).map(rule).collect();
    let second: String = (10..17).map(rule).collect();
    let dir = repo(&[
        ("egenregi.kdl", CONFIG),
        ("rules/a.kdl", first.as_bytes()),
        ("rules/b.kdl", second.as_bytes()),
    ]);
    let problems = setup_problems(dir.path());
    assert!(
        problems.contains("regular expressions together take more than 16 MiB"),
        "{problems}"
    );
    // 16 are within the budget
    let dir = repo(&[
        ("ks.yaml", entities(1)[0].1.as_slice()),
        ("egenregi.kdl", CONFIG),
        ("rules/a.kdl", first.as_bytes()),
        (
            "rules/b.kdl",
            (10..16).map(rule).collect::<String>().as_bytes(),
        ),
    ]);
    assert!(egenregi::check(dir.path(), &Options::default()).is_ok());
}
