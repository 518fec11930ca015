//! The machine output does not depend on scheduling: `egenregi check --format json` on a
//! generated corpus (with faults, so that there are findings to order) gives the same bytes
//! on one rayon thread and on two.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "only `generate` is used here")]
mod gen_corpus;

use assert_cmd::Command;

fn run(root: &std::path::Path, threads: &str) -> (Option<i32>, Vec<u8>) {
    let out = Command::cargo_bin("egenregi")
        .unwrap()
        .env("RAYON_NUM_THREADS", threads)
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    (out.status.code(), out.stdout)
}

#[test]
fn json_output_is_byte_identical_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let config = gen_corpus::Config {
        scale: 0.1,
        faults: 20,
        seed: 99,
        providers: 0,
    };
    gen_corpus::generate(dir.path(), &config).unwrap();
    let one = run(dir.path(), "1");
    let two = run(dir.path(), "2");
    assert_eq!(one.0, Some(1), "faults were injected, so the check fails");
    let findings = serde_json::from_slice::<serde_json::Value>(&one.1).unwrap()["findings"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(findings >= 20, "{findings} findings");
    assert_eq!(one.0, two.0);
    assert!(one.1 == two.1, "output differs between 1 and 2 threads");
    // And between two runs on the same thread count.
    assert!(
        run(dir.path(), "2").1 == two.1,
        "output differs between runs"
    );
}
