//! Every fixture directory runs through the same harness as `egenregi test`: each finding must be
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]
//! announced by an `# expect:` comment on its line, and each expectation must be met.

use std::path::Path;

use egenregi::{Options, fixture};

fn assert_fixtures(dir: &str) {
    let results = fixture::run(Path::new(dir), &Options::default()).unwrap();
    assert!(!results.files.is_empty(), "no fixtures in {dir}");
    assert!(
        results.passed(),
        "fixtures in {dir} disagree:\n{}",
        results.render()
    );
}

#[test]
fn broken_example_fires_exactly_what_it_announces() {
    assert_fixtures("examples/broken");
}

#[test]
fn broken_input_example_fires_exactly_what_it_announces() {
    assert_fixtures("examples/broken-input");
}

#[test]
fn clean_example_has_no_findings() {
    // No `# expect:` comments there, so any finding fails this.
    assert_fixtures("examples/ks-digital");
}
