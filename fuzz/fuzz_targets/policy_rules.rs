//! Bytes → a user rule file: compiled beside the shipped pack (rule, regex and CEL limits) and
//! evaluated over `examples/ks-digital` under the CEL step budgets (see `src/lib.rs`).
#![no_main]

use std::path::Path;

use egenregi_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static HARNESS: Harness = Harness::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
}

fuzz_target!(|data: &[u8]| {
    HARNESS.with(|h| h.policy(data));
});
