//! Helpers shared by the integration tests (a directory module, so cargo does not run it as a
//! test of its own).
#![allow(
    clippy::unwrap_used,
    reason = "a panic in a test helper is a failed test"
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
