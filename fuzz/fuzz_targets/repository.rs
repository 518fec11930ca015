//! Bytes → a small repository (two YAML files, `egenregi.kdl` and a rule file, split at
//! `\xff\xff`) → `egenregi::check` and every output format, each checked for well-formedness
//! (see `src/lib.rs`).
#![no_main]

use std::path::Path;

use egenregi_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static HARNESS: Harness = Harness::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
}

fuzz_target!(|data: &[u8]| {
    HARNESS.with(|h| h.repository(&Harness::split(data)));
});
