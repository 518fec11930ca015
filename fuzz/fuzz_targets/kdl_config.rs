//! Bytes → the `egenregi.kdl` reader and the policy rule-file compiler (see `src/lib.rs`).
#![no_main]

use std::path::Path;

use egenregi_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static HARNESS: Harness = Harness::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
}

fuzz_target!(|data: &[u8]| {
    HARNESS.with(|h| h.kdl(data));
});
