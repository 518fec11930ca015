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

/// `count` documents of `kind` from `text(i)`, in files of at most 500 documents each.
fn files_of(dir: &str, count: usize, text: impl Fn(usize) -> String) -> Vec<(String, Vec<u8>)> {
    let docs: Vec<String> = (0..count).map(text).collect();
    docs.chunks(500)
        .enumerate()
        .map(|(i, chunk)| (format!("{dir}/{i}.yaml"), chunk.join("---\n").into_bytes()))
        .collect()
}

fn check_files(files: &[(String, Vec<u8>)]) -> Option<u64> {
    let all: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let dir = repo(&all);
    binary_cpu_ns(dir.path())
}

#[test]
fn many_ids_defined_twice() {
    // each duplicated id was taken out of its map with `shift_remove`, moving every entry after
    // it (20,000 entities defined twice: 6.1 s in a release build)
    at_most_linear("duplicated ids", 2_000, |n| {
        let entity = |i: usize| {
            format!(
                "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: e{}}}\nspec: {{type: municipality}}\n",
                i % n
            )
        };
        check_files(&files_of("entities", 2 * n, entity))
    });
}

#[test]
fn many_references_to_ids_nobody_defined() {
    // each unknown id was compared with every id of its kind for a "did you mean" (8,000 among
    // 8,000: 26 s in a release build); now once per id, within a bound for the run
    at_most_linear("unknown ids", 500, |n| {
        let entity = |i: usize| {
            format!(
                "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: kommune-{i:05}}}\nspec: {{type: municipality}}\n"
            )
        };
        let tenant = |i: usize| {
            format!(
                "apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: t{i}}}\nspec: {{entity: komune-{i:05}x, subscriptions: []}}\n"
            )
        };
        let mut files = files_of("entities", n, entity);
        files.extend(files_of("tenants", n, tenant));
        check_files(&files)
    });
}

#[test]
fn many_files_nobody_could_read_beside_many_decisions() {
    // each unread file's condition was added to every decision with the verdict settled again
    // over all of them: the square of the files for each decision (2,000 files beside the
    // national corpus: 88 s in a release build)
    at_most_linear("unread files", 100, |n| {
        let mut files = vec![
            (
                "entities.yaml".to_owned(),
                b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo}\nspec: {type: municipality}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: prov}\nspec: {type: company, contracting_authority: true, owners: [{entity: oslo, share: 100}]}\n---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: s1}\nspec: {provider: prov, criticality: low, lifecycle: {stage: active}}\n".to_vec(),
            ),
        ];
        let subs: String = (0..1_000)
            .map(|i| {
                format!(
                    "    - {{service: s1, since: 2024-01-{:02}, basis: in-house}}\n",
                    i % 28 + 1
                )
            })
            .collect();
        files.push((
            "tenants/oslo.yaml".to_owned(),
            format!("apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: oslo}}\nspec:\n  entity: oslo\n  subscriptions:\n{subs}").into_bytes(),
        ));
        for i in 0..n {
            files.push((
                format!("tenants/bad-{i}.yaml"),
                b"apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: bad\n".to_vec(),
            ));
        }
        check_files(&files)
    });
}
