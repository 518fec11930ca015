//! `egenregi_trim::release_free_memory` gives back what another thread freed (issue 18): the
//! resident set, not a count of bytes, since what is measured is what glibc keeps. Its own test
//! binary, with the system allocator, so nothing else allocates meanwhile.
#![allow(
    clippy::unwrap_used,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    reason = "a panic in a test is a failed test; MB are for show, with --nocapture"
)]

#[path = "data/status.rs"]
mod status;

/// A thread allocates 32 MB in 256-byte blocks, with a small block kept after every 64 of them
/// (as the texts stay between the freed node tables), and frees the rest: glibc keeps the freed
/// pages in that thread's arena. Released, at least half of them go back to the system.
#[test]
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn what_another_thread_freed_goes_back() {
    const BLOCKS: usize = 128 * 1024;
    let kept = std::thread::spawn(|| {
        let mut freed = Vec::with_capacity(BLOCKS);
        let mut kept = Vec::with_capacity(BLOCKS / 64);
        for i in 0..BLOCKS {
            freed.push(vec![1_u8; 256]);
            if i % 64 == 0 {
                kept.push(vec![2_u8; 16]);
            }
        }
        drop(freed);
        kept
    })
    .join()
    .unwrap();
    let before = status::status_bytes("RssAnon:").unwrap();
    let released = egenregi_trim::release_free_memory();
    let after = status::status_bytes("RssAnon:").unwrap();
    eprintln!(
        "resident before {:.1} MB, after {:.1} MB",
        before as f64 / 1e6,
        after as f64 / 1e6
    );
    assert!(released, "glibc reported nothing given back");
    // What the test measures must be there: 32 MB freed but still resident.
    assert!(
        before > 24 << 20,
        "only {before} bytes resident before: glibc gave the pages back itself"
    );
    assert!(
        before.saturating_sub(after) > 16 << 20,
        "{before} bytes resident before, {after} after: under 16 MB given back"
    );
    assert_eq!(kept.len(), BLOCKS / 64);
}

/// Elsewhere there is no such call, and it says so.
#[test]
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn elsewhere_nothing_is_given_back() {
    assert!(!egenregi_trim::release_free_memory());
}
