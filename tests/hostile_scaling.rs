//! Lookups that were linear and made hostile input quadratic (issue 16): each runs at n and at
//! 4n, and the work may grow at most 8× (linear work grows 4×, the quadratic work it replaced
//! 16×; CPU time of a linear lookup measured 5.4× on a machine shared by six builds, so 5× was
//! noise-bound). Work is CPU time, never wall time: the thread's own (`/proc/thread-self/schedstat`,
//! nanoseconds) for work done in this process, the child's (`bash`'s `time`) for the binary.
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
use std::process::Command;

use common::repo;
use egenregi::load::{Limits, yaml};
use egenregi::source::{SourceFile, SourceId};

/// Nanoseconds this thread has run on a CPU, or `None` where the kernel does not say.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// CPU time of `work` on this thread.
fn cpu<T>(work: impl FnOnce() -> T) -> Option<u64> {
    let before = thread_cpu_ns()?;
    std::hint::black_box(work());
    Some(thread_cpu_ns()? - before)
}

/// Runs `work(n)` and `work(4n)` and asserts the second took at most 8× the first (plus 20 ms,
/// so a tiny first run cannot fail on scheduling noise).
fn at_most_linear(what: &str, n: usize, work: impl Fn(usize) -> Option<u64>) {
    let Some(small) = work(n) else {
        eprintln!("SKIPPED: {what}: no CPU time from the kernel");
        return;
    };
    let Some(large) = work(4 * n) else { return };
    eprintln!("{what}: {n} → {small} ns, {} → {large} ns", 4 * n);
    assert!(
        large <= 8 * small + 20_000_000,
        "{what}: {n} took {small} ns, {} took {large} ns (more than 8×)",
        4 * n
    );
}

/// A mapping of `n` keys.
fn keys(n: usize) -> String {
    (0..n).map(|i| format!("key{i}: {i}\n")).collect()
}

#[test]
fn locating_every_key_of_a_large_mapping() {
    // a finding on every key: each located by its pointer
    at_most_linear("locate", 50_000, |n| {
        let text = keys(n);
        let parsed = yaml::parse(&text, SourceId(0), &Limits::default());
        let doc = &parsed.documents[0];
        cpu(|| {
            (0..n)
                .map(|i| doc.locate(&format!("/key{i}")).value.start)
                .sum::<usize>()
        })
    });
}

#[test]
fn locating_every_item_of_a_large_sequence() {
    // a finding on every item: each located by its index, through the sequence's own index
    // (the node table keeps a sequence's items as rows of varying size, so without it the
    // `i`th item is a walk over the ones before it)
    at_most_linear("locate items", 50_000, |n| {
        let text: String = std::iter::once("items:\n".to_owned())
            .chain((0..n).map(|i| format!("  - {{id: x{i}, n: {i}}}\n")))
            .collect();
        let parsed = yaml::parse(&text, SourceId(0), &Limits::default());
        let doc = &parsed.documents[0];
        cpu(|| {
            (0..n)
                .map(|i| doc.locate(&format!("/items/{i}/n")).value.start)
                .sum::<usize>()
        })
    });
}

#[test]
fn duplicate_keys_in_a_large_mapping() {
    // every key twice: the second of each is found through the mapping's key index
    at_most_linear("duplicate keys", 20_000, |n| {
        let text = keys(n / 2) + &keys(n / 2);
        cpu(|| {
            yaml::parse(&text, SourceId(0), &Limits::default())
                .findings
                .len()
        })
    });
}

#[test]
fn columns_on_one_long_line() {
    // one line of multibyte text and a column every 32 bytes: counted from the nearest mark,
    // not from the line's start
    at_most_linear("columns", 2 * 1024 * 1024, |n| {
        let text = "æ".repeat(n / 2);
        let file = SourceFile::new("long.yaml".into(), text.as_str());
        cpu(|| {
            (0..n)
                .step_by(32)
                .map(|offset| file.line_col(offset).1)
                .sum::<usize>()
        })
    });
}

/// User and system CPU seconds of `egenregi check root` (a child process), or `None` without
/// `bash`.
fn binary_cpu_ns(root: &Path) -> Option<u64> {
    let out = Command::new("bash")
        .arg("-c")
        .arg("TIMEFORMAT='%3U %3S'; time \"$0\" check \"$1\" >/dev/null 2>&1")
        .arg(env!("CARGO_BIN_EXE_egenregi"))
        .arg(root)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let seconds: f64 = text
        .split_whitespace()
        .map(|s| s.parse::<f64>().unwrap())
        .sum();
    Some((seconds * 1e9) as u64)
}

#[test]
fn rendering_the_problems_of_a_broken_egenregi_kdl() {
    // a KDL error on every line: each label was found by rescanning the file from byte 0
    at_most_linear("egenregi.kdl problems", 20_000, |n| {
        let kdl = "as-of \"\n".repeat(n / 8);
        let dir = repo(&[("egenregi.kdl", kdl.as_bytes())]);
        binary_cpu_ns(dir.path())
    });
}

#[test]
fn rule_ids_checked_across_many_rule_files() {
    // every rule's id was compared with every rule before it (4n = 2,000, the most allowed)
    at_most_linear("rule ids", 500, |n| {
        let rules: String = (0..n)
            .map(|i| {
                format!(
                    "rule \"team/r{i}\" severity=\"warning\" {{\n  summary \"rule {i}\"\n  select kind=\"Entity\"\n  assert \"metadata.id\" matches=\"^k\"\n}}\n"
                )
            })
            .collect();
        let dir = repo(&[
            ("egenregi.kdl", b"policies \"policies\"\n"),
            ("policies/team.kdl", rules.as_bytes()),
        ]);
        binary_cpu_ns(dir.path())
    });
}
