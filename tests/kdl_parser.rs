//! The vendored KDL parser (`vendor/kdl`, patched for issue 18; see its `PATCHED.md`) makes
//! what the published kdl 6.7.1 makes, and makes it without an allocation per character.
#![allow(clippy::unwrap_used, reason = "a panic in a test is a failed test")]

use std::alloc::System;
use std::sync::Mutex;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

/// What a parse makes, and its digest, as `vendor/kdl-check` writes them for the published parser.
#[path = "../vendor/kdl-check/src/outcome.rs"]
#[macro_use]
mod outcome;

#[global_allocator]
static HEAP: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// One test at a time: the allocation counter is the process's.
static ONE: Mutex<()> = Mutex::new(());

fn one() -> std::sync::MutexGuard<'static, ()> {
    ONE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `tests/fixtures/kdl/upstream.jsonl` holds 943 inputs (the KDL test suite's 320 inputs, the
/// example's `egenregi.kdl`, snippets with every kind of newline in and after strings, comments
/// and escaped lines, and seeded mutations of each) with a digest of what the published parser
/// made of each (`vendor/kdl-check fixture`). Any change to the patch that changes a document,
/// a span or a diagnostic shows here; 489 of the inputs are rejected, so diagnostics are
/// covered as well as documents.
#[test]
fn the_patched_parser_makes_what_the_published_one_makes() {
    let _one = one();
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/kdl/upstream.jsonl"
    ))
    .unwrap();
    let (mut cases, mut rejected, mut differ) = (0, 0, Vec::new());
    for line in fixture.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let input = case["input"].as_str().unwrap();
        let ours = outcome!(kdl, input);
        let hex = outcome::digest(&ours);
        cases += 1;
        rejected += usize::from(ours.starts_with("err"));
        if hex != case["upstream"].as_str().unwrap() {
            differ.push(format!("{input:?}\n  now: {ours}"));
        }
    }
    assert_eq!(cases, 943, "the fixture lost or gained cases");
    assert!(rejected > 400, "only {rejected} inputs rejected");
    assert!(
        differ.is_empty(),
        "{} of {cases} inputs parse otherwise than with kdl 6.7.1:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// The shipped rule pack, parsed as a repository's own rule file is: kdl 6.7.1 made 208,536
/// allocations in this test for its 22,165 bytes (9.4 per byte: a label copied for every
/// parser tried at every character) and the patched parser makes 2,838 (0.13). The bound fails
/// the published parser nineteen times over. (`stats_alloc` counts reallocations apart; with
/// them, as `vendor/kdl/PATCHED.md` counts, the two make 210,517 and 4,819.)
#[test]
fn a_rule_file_is_parsed_with_few_allocations_per_byte() {
    let _one = one();
    for path in [
        "policies/infrastructure.kdl",
        "policies/jurisdictions/no.kdl",
    ] {
        let text =
            std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let region = Region::new(HEAP);
        let parsed = kdl::KdlDocument::parse_v2(&text);
        let made = region.change().allocations;
        assert!(parsed.is_ok(), "{path} does not parse");
        assert!(
            made * 2 < text.len(),
            "{path}: {made} allocations for {} bytes, more than one per two bytes",
            text.len()
        );
    }
}
