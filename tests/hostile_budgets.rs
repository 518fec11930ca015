//! Hostile input, measured (issue 16): inputs a pull request can carry that once took gigabytes
//! or hours. Each is generated here (nothing large is checked in) and run by the binary under an
//! address-space limit (`prlimit --as`), so a regression is a failed test, not a slow machine.
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

use common::{check_limited, repo};

/// A valid document with exactly one known finding (`yaml/ambiguous-scalar` on `NO`): it
/// proves the other files are still checked.
const NORWAY: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n";

/// `(file, rule, message)` of every finding of a JSON report.
fn findings(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn has(report: &serde_json::Value, file: &str, rule: &str, message: &str) -> bool {
    findings(report)
        .iter()
        .any(|(f, r, m)| f == file && r == rule && m.contains(message))
}

#[test]
fn one_string_aliased_twenty_thousand_times_stops_at_the_byte_budget() {
    // 100 KB of text behind one anchor and 20,000 aliases of it (a 180 KB file): counted in
    // nodes it was 20,000, within budget, and took 2 GB; counted in bytes it stops at 4 MiB.
    let text = format!(
        "s: &s \"{}\"\nl: [{}]\n",
        "x".repeat(100_000),
        vec!["*s"; 20_000].join(", ")
    );
    let dir = repo(&[
        ("laughs.yaml", text.as_bytes()),
        ("ks.yaml", NORWAY.as_bytes()),
    ]);
    let Some(report) = check_limited(dir.path()) else {
        return;
    };
    assert!(
        has(&report, "laughs.yaml", "yaml/limit", "MiB of text"),
        "{:#?}",
        findings(&report)
    );
    assert!(has(&report, "ks.yaml", "yaml/ambiguous-scalar", "NO"));
}

#[test]
fn a_thousand_documents_share_one_budget() {
    // Each document expands to 90,000 nodes, under a per-document budget of 100,000; a thousand
    // of them (a 190 KB file) took over 4 GB. The file's budget stops at the second document.
    let one = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d]\n";
    let text = vec![one; 1_000].join("---\n");
    let dir = repo(&[
        ("many.yaml", text.as_bytes()),
        ("ks.yaml", NORWAY.as_bytes()),
    ]);
    let Some(report) = check_limited(dir.path()) else {
        return;
    };
    assert!(
        has(&report, "many.yaml", "yaml/limit", "aliases in this file"),
        "{:#?}",
        findings(&report)
    );
    assert!(has(&report, "ks.yaml", "yaml/ambiguous-scalar", "NO"));
}

#[test]
fn nested_anchors_are_not_copied_where_they_are_defined() {
    // 60 anchors, each around the next, over a list of 300,000 items: copying each anchored
    // subtree when it is defined made 60 copies of the list (18 million nodes); shared, it is
    // read once and nothing is over a limit.
    let text = format!(
        "{}[{}]{}\n",
        (0..60).map(|i| format!("&a{i} [")).collect::<String>(),
        vec!["x"; 300_000].join(", "),
        "]".repeat(60)
    );
    let dir = repo(&[
        ("anchors.yaml", text.as_bytes()),
        ("ks.yaml", NORWAY.as_bytes()),
    ]);
    let Some(report) = check_limited(dir.path()) else {
        return;
    };
    // a list is no egenregi document: read whole, it is another tool's file
    assert!(
        has(&report, "anchors.yaml", "yaml/foreign", "holds no egenregi"),
        "{:#?}",
        findings(&report)
    );
    assert!(!has(&report, "anchors.yaml", "yaml/limit", ""));
    assert!(has(&report, "ks.yaml", "yaml/ambiguous-scalar", "NO"));
}

#[test]
fn findings_under_a_long_key_do_not_copy_its_pointer() {
    // 20,000 findings under one 100 KB key: a pointer per finding was 2 GB of text. The first
    // 100 (the ones that can be listed) name their node; the others name their document. (An
    // explicit `?` key: YAML limits an implicit key to 1,024 characters.)
    let key = "k".repeat(100_000);
    let text = format!(
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: ks}}\nspec:\n  ? {key}\n  :\n{}",
        "    - no\n".repeat(20_000)
    );
    let dir = repo(&[("long.yaml", text.as_bytes())]);
    let Some(report) = check_limited(dir.path()) else {
        return;
    };
    let ambiguous: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "yaml/ambiguous-scalar")
        .collect();
    assert_eq!(ambiguous.len(), 100);
    let target = ambiguous[0]["target"].as_str().unwrap();
    assert!(
        target.starts_with("Entity/ks#/spec/kkk"),
        "{}",
        &target[..40]
    );
    assert!(has(
        &report,
        "long.yaml",
        "yaml/limit",
        "19900 more `yaml/ambiguous-scalar`"
    ));
}

#[test]
fn the_run_budget_spans_files_and_does_not_depend_on_the_threads() {
    // 40 files, each within its own budget (3 MiB of aliased text), 120 MiB together: the run's
    // budget (64 MiB) stops the files past it, in path order, and every run says the same.
    let one = format!(
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: ks}}\ns: &s \"{}\"\nl: [{}]\n",
        "x".repeat(100_000),
        vec!["*s"; 30].join(", ")
    );
    let mut files: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| (format!("f{i:02}.yaml"), one.clone().into_bytes()))
        .collect();
    files.push(("zz.yaml".into(), NORWAY.as_bytes().to_vec()));
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let dir = repo(&files);
    let Some(first) = check_limited(dir.path()) else {
        return;
    };
    let limited: Vec<String> = findings(&first)
        .into_iter()
        .filter(|(_, r, m)| r == "yaml/limit" && m.contains("all files together"))
        .map(|(f, _, _)| f)
        .collect();
    // 3,000,000 bytes each: 22 files fit in 64 MiB, the other 18 do not
    assert_eq!(limited.len(), 18, "{limited:?}");
    assert_eq!(limited[0], "f22.yaml");
    assert!(has(&first, "zz.yaml", "yaml/ambiguous-scalar", "NO"));
    let again = check_limited(dir.path()).unwrap();
    assert_eq!(findings(&first), findings(&again));
}
