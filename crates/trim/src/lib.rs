//! Gives the pages the C allocator holds free back to the system (glibc's `malloc_trim`).
//!
//! egenregi forbids `unsafe` code (`unsafe_code = "forbid"` in its `Cargo.toml`), and a call
//! into C cannot be made without it, so the one such call lives here, in a crate of its own
//! that does nothing else.
//!
//! Why egenregi needs it: glibc gives each thread that allocates an arena of its own, and memory
//! freed there is kept there for that thread's later use, not handed to another. The check
//! parses the files on every core, then frees the documents' node tables and runs the analyses
//! on one thread: the tables freed in the other threads' arenas stayed resident beside
//! everything the analyses built, about 1.5 MB of the national corpus's 32 MB peak and 15 MB
//! of ×10's 195 MB (docs/performance.md, "Where the memory goes, twenty-fourth pass").

/// Asks the allocator to return the memory it holds free, in every arena, to the system.
/// Returns whether anything was returned.
///
/// Live allocations are untouched: glibc only advises the kernel that whole free pages inside
/// its heaps are no longer needed (`madvise(MADV_DONTNEED)`) and shrinks a heap whose top is
/// free. It locks each arena in turn, so a thread allocating meanwhile waits; call it where
/// one thread is at work. Elsewhere than glibc (musl, macOS, Windows) it does nothing and
/// returns `false`: those allocators have no such call.
#[must_use = "whether anything was returned is the only way to tell the call did something"]
pub fn release_free_memory() -> bool {
    release()
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release() -> bool {
    // SAFETY: `malloc_trim` takes no pointer and reads no memory of the caller's; glibc holds
    // each arena's lock while it trims it (it is MT-Safe, malloc_trim(3)), so it cannot race a
    // concurrent `malloc` or `free`. A `pad` of 0 keeps no free space at the heaps' tops.
    unsafe { libc::malloc_trim(0) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release() -> bool {
    false
}
