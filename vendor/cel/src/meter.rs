//! egenregi's patch (see `PATCHED.md`): a cost meter the embedding program installs, so that
//! evaluation can be stopped after a deterministic amount of work rather than after some time.
//!
//! The interpreter charges, through the installed hook:
//! - one step per expression node evaluated;
//! - one step per element or entry of a list or map it copies (a deep copy is charged at every
//!   level), joins with `+` or searches with `in`, or compares with `==`;
//! - one step per [`TEXT_UNIT`] bytes of text it copies, joins, compares or searches.
//!
//! Once the hook answers `false`, evaluation ends with [`stopped`] at the next node. A copy cannot
//! fail, so it is charged and the stop comes at the next node; every copy is of a value that an
//! earlier, charged step built, so the work past the limit is bounded.

use std::sync::OnceLock;

use crate::ExecutionError;

/// Bytes of text per step.
pub const TEXT_UNIT: usize = 256;

/// The message of the error evaluation ends with once the hook says stop.
pub const STOPPED: &str = "the evaluation ran out of steps";

static HOOK: OnceLock<fn(u64) -> bool> = OnceLock::new();

/// Installs the meter: `hook(n)` is called with the steps of each piece of work and answers
/// whether evaluation may go on. The first hook installed stays.
pub fn install(hook: fn(u64) -> bool) {
    let _ = HOOK.set(hook);
}

/// Charges `n` steps; false once evaluation must stop. Without a hook, never stops.
#[inline]
pub fn charge(n: u64) -> bool {
    match HOOK.get() {
        Some(hook) => hook(n),
        None => true,
    }
}

/// Charges `bytes` of text (at least one step).
#[inline]
pub fn charge_text(bytes: usize) -> bool {
    charge(1 + (bytes / TEXT_UNIT) as u64)
}

/// Charges `items` elements or entries.
#[inline]
pub fn charge_items(items: usize) -> bool {
    charge(items as u64)
}

/// The error evaluation ends with once the meter says stop.
pub fn stopped() -> ExecutionError {
    ExecutionError::function_error("cost", STOPPED)
}
