//! `Workers::Process`, as the binary's main thread uses it. This file holds one test, so its
//! process has no rayon pool before the check builds one (each test file is a process).

use egenregi::{Options, Workers};

#[test]
fn a_small_repository_is_checked_on_the_calling_thread_alone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ks-digital");
    let options = Options {
        workers: Workers::Process,
        ..Options::default()
    };
    let first = egenregi::check(&root, &options).expect("the example checks");
    // The 33 files of the example are at most SMALL_REPOSITORY: the pool is this thread, so
    // no other thread allocated, woke or waited.
    const { assert!(egenregi::SMALL_REPOSITORY >= 33) };
    assert_eq!(rayon::current_thread_index(), Some(0));
    assert_eq!(rayon::current_num_threads(), 1);
    // Once built, the pool stays: a second check works in it and says the same.
    let second = egenregi::check(&root, &options).expect("the example checks");
    assert_eq!(rayon::current_num_threads(), 1);
    assert_eq!(first.findings.len(), second.findings.len());
    assert!(!first.findings.is_empty());
}
