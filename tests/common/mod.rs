//! Helpers shared by the integration tests (a directory module, so cargo does not run it as a
//! test of its own).
#![allow(
    clippy::unwrap_used,
    reason = "a panic in a test helper is a failed test"
)]
#![allow(
    dead_code,
    reason = "each test crate uses some of the helpers, none all of them"
)]

/// A throwaway repository holding `files` (paths relative to its root; directories created).
pub fn repo(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    dir
}

/// Address space the binary may use in [`check_limited`]. A tiny repository needs about 200 MiB
/// of it (thread stacks and malloc arenas are reserved up front); each hostile input of the
/// tests took gigabytes before its fix.
pub const LIMIT_MIB: u64 = 768;

/// CPU seconds the binary may use in [`check_limited`]: far more than any fixed input needs in
/// a debug build, far less than the minutes or hours the inputs took before their fixes.
pub const LIMIT_CPU_SECONDS: u64 = 120;

/// `egenregi check --format json` on `root` under [`LIMIT_MIB`] of address space and
/// [`LIMIT_CPU_SECONDS`] of CPU; `None` (with a message) where `prlimit` (util-linux) is
/// missing. Fails on anything but a verdict (exit 0 or 1): an abort, a signal, a kill.
#[allow(dead_code, reason = "used by the hostile-input tests only")]
#[allow(clippy::print_stderr, reason = "a SKIPPED line for the test log")]
pub fn check_limited(root: &std::path::Path) -> Option<serde_json::Value> {
    use std::process::Command;
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("SKIPPED: prlimit (util-linux) is not installed");
        return None;
    }
    let out = Command::new("prlimit")
        .arg(format!("--as={}", LIMIT_MIB * 1024 * 1024))
        .arg(format!("--cpu={LIMIT_CPU_SECONDS}"))
        .arg(env!("CARGO_BIN_EXE_egenregi"))
        .args(["check", "--format", "json"])
        .arg(root)
        .env("MALLOC_ARENA_MAX", "2")
        .output()
        .unwrap();
    // 0 or 1: a verdict; anything else (an abort, a signal) is the failure this guards against
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// Copies `from` (a directory tree, such as a bundled example) to `to`.
#[allow(
    dead_code,
    reason = "the tests that start from a bundled example use it, others do not"
)]
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the bundled example `name` in a directory of its own, to change and check.
#[allow(
    dead_code,
    reason = "the tests that start from a bundled example use it, others do not"
)]
pub fn example(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
        dir.path(),
    );
    dir
}

/// The messages of the findings of `rule` in a check's JSON, in its order.
pub fn messages(v: &serde_json::Value, rule: &str) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect()
}
