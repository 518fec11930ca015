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

use common::{check_limited, repo};
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

/// `count` entities `e0`, `e1`, ..., a rule file holding `team/costly` (`expr` below, over each
/// entity) and `team/cheap` (a finding on `e0` only), checked by the binary under the memory and
/// CPU limits of `check_limited`. Returns the messages of `team/*` findings by rule.
fn costly(count: usize, expr: &str, first_name: &str) -> Option<Vec<(String, String)>> {
    let mut owned = entities(count);
    if !first_name.is_empty() {
        // the first entity's name is replaced (the file stays valid YAML: a plain scalar)
        let first = String::from_utf8(owned[0].1.clone()).unwrap();
        owned[0].1 = first
            .replacen("name: E0}", &format!("name: {first_name}}}"), 1)
            .into_bytes();
    }
    let rules = format!(
        "rule \"team/costly\" severity=\"warning\" {{\n    summary \"costly\"\n    select kind=\"Entity\"\n    expr \"{expr}\"\n}}\n\nrule \"team/cheap\" severity=\"note\" {{\n    summary \"Not the first entity\"\n    select kind=\"Entity\"\n    expr \"self.metadata.id != 'e0'\"\n}}\n"
    );
    let dir = repo(&files(
        &owned,
        &[
            ("egenregi.kdl", CONFIG),
            ("rules/team.kdl", rules.as_bytes()),
        ],
    ));
    let report = check_limited(dir.path())?;
    Some(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"].as_str().unwrap().starts_with("team/"))
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect(),
    )
}

/// The costly rule was stopped at its budget (one error, nothing else of it) and the cheap rule
/// beside it still reported its one finding.
fn assert_stopped(found: &[(String, String)]) {
    let costly: Vec<_> = found.iter().filter(|(r, _)| r == "team/costly").collect();
    assert_eq!(costly.len(), 1, "{found:#?}");
    assert!(costly[0].1.contains("was stopped"), "{found:#?}");
    assert_eq!(
        found.iter().filter(|(r, _)| r == "team/cheap").count(),
        1,
        "{found:#?}"
    );
}

// The four expressions below went around the step budget before the interpreter charged its own
// work (vendor/cel/PATCHED.md): the budget counted only items taken from the documents. Times
// are of a release build before the fix.

#[test]
fn joining_the_documents_with_plus_is_charged() {
    // `+` copied 3,000 documents into a list that nothing counted, and the comprehensions over
    // the copy were not counted either: 1,500 × 3,000 × 3,000 items, 34 s for 1,500 entities
    // and 4× that for each doubling. Now each copied item is a step.
    let Some(found) = costly(
        1_500,
        "(docs.Entity + docs.Entity).all(t, (docs.Entity + docs.Entity).all(u, true))",
        "",
    ) else {
        return;
    };
    assert_stopped(&found);
}

#[test]
fn copying_the_documents_into_a_result_is_charged() {
    // `map` copied every document once per entity (1,500 × 1,500 deep copies): over 2.5 GB and
    // a minute, then an abort. Documents are now shared, not copied, and what is copied is
    // charged per element.
    let Some(found) = costly(1_500, "docs.Entity.map(t, docs).size() > 0", "") else {
        return;
    };
    assert_stopped(&found);
}

#[test]
fn searching_long_text_is_charged_by_its_length() {
    // one 1 MB name searched once per pair of entities: a step each, but a megabyte of work
    // each, over two minutes (then killed). Now each 256 bytes searched is a step.
    let big = "x".repeat(1_000_000);
    let Some(found) = costly(
        1_500,
        "docs.Entity.all(t, docs.Entity.all(u, !docs.Entity[0].metadata.name.contains(u.metadata.id + 'q')))",
        &big,
    ) else {
        return;
    };
    assert_stopped(&found);
}

#[test]
fn a_short_expression_that_multiplies_copies_is_stopped_before_memory_runs_out() {
    // 955 bytes: four `map`s, each making 50 copies of everything before it, 6.25 million
    // copies of a 500-byte text; not a single item of the documents is taken. It aborted at
    // 3 GB after 27 s. Now each copy is charged.
    let list = format!("[{}]", vec!["x"; 50].join(","));
    let expr = format!(
        "['{}']{}.size() > 0",
        "a".repeat(500),
        format!(".map(x, {list})").repeat(4)
    );
    let Some(found) = costly(2, &expr, "") else {
        return;
    };
    assert_stopped(&found);
}

#[test]
fn a_rule_with_bounded_work_per_document_is_never_stopped() {
    // The budget grows with the documents (1,000,000 steps and 2,000 per document): a rule that
    // does the same work for each entity passes on 20,000 entities. Each comparison
    // `self.metadata.id != 'zN'` is 5 nodes (the two selections, `self`, the text, `!=`), so 16
    // of them joined by 15 `&&` take 95 steps per entity, 1.9 million in all: more than a fixed
    // budget of a million would allow, far less than 41 million.
    let expr = (0..16)
        .map(|i| format!("self.metadata.id != 'z{i}'"))
        .collect::<Vec<_>>()
        .join(" && ");
    let Some(found) = costly(20_000, &expr, "") else {
        return;
    };
    assert_eq!(
        found.iter().filter(|(r, _)| r == "team/costly").count(),
        0,
        "{found:#?}"
    );
}
