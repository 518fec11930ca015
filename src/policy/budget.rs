//! Limits on what rule files may cost (issue 16): how many rules, how much compiled regex, and
//! how many CEL evaluation steps per rule and per run. Steps are counted, not timed, so a rule
//! stopped on one machine is stopped on every machine.
//!
//! A step is one node of an expression evaluated (so each item a comprehension such as `all`,
//! `exists`, `map` or `filter` takes costs the nodes of its body), one element or entry copied,
//! joined, compared or searched by `in`, or 256 bytes of text copied, joined, compared or
//! searched: the interpreter charges them itself (vendor/cel/PATCHED.md), so no operator can do
//! work that is not counted. Each step is a bounded amount of work.
//!
//! The budgets grow with the documents: a rule that does a bounded amount of work per document
//! is never stopped, however large the repository; one whose work grows faster (nesting
//! `docs.Tenant.all(t, docs.Tenant.all(u, ...))` per Tenant is cubic) is stopped once it passes
//! the allowance of the documents there are.

use std::cell::Cell;

/// Rules in all rule files together.
pub const MAX_RULES: usize = 2_000;
/// Compiled size of one `matches=` or CEL `matches()` regex.
pub const MAX_REGEX_BYTES: usize = 1 << 20;
/// Compiled size of all `matches=` regexes of all rule files together.
pub const MAX_TOTAL_REGEX_BYTES: usize = 16 << 20;
/// CEL evaluation steps of one rule over all documents: this many ...
pub const RULE_STEPS: u64 = 1_000_000;
/// ... and this many more per document.
pub const RULE_STEPS_PER_DOCUMENT: u64 = 2_000;
/// CEL evaluation steps of all rules together: this many ...
pub const RUN_STEPS: u64 = 5_000_000;
/// ... and this many more per document.
pub const RUN_STEPS_PER_DOCUMENT: u64 = 10_000;

/// The step budgets of one rule and of all rules together, over `documents` documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepLimits {
    pub rule: u64,
    pub run: u64,
}

impl StepLimits {
    pub fn for_documents(documents: usize) -> Self {
        let documents = documents as u64;
        Self {
            rule: RULE_STEPS.saturating_add(RULE_STEPS_PER_DOCUMENT.saturating_mul(documents)),
            run: RUN_STEPS.saturating_add(RUN_STEPS_PER_DOCUMENT.saturating_mul(documents)),
        }
    }
}
/// Rules evaluated in parallel before the run's steps are charged (a fixed number, so what is
/// stopped never depends on the threads).
pub const RULE_CHUNK: usize = 16;

/// Steps counted on this thread since [`start`].
#[derive(Debug, Clone, Copy)]
pub struct Meter {
    pub used: u64,
    pub limit: u64,
}

impl Meter {
    const UNMETERED: Self = Self {
        used: 0,
        limit: u64::MAX,
    };

    pub fn over(&self) -> bool {
        self.used > self.limit
    }
}

thread_local! {
    // A rule is evaluated on one thread from start to finish, so its steps are this thread's.
    static METER: Cell<Meter> = const { Cell::new(Meter::UNMETERED) };
}

/// Starts counting this thread's steps against `limit` (the tests; a run [`resume`]s each
/// rule's meter).
#[cfg(test)]
pub fn start(limit: u64) {
    METER.with(|m| m.set(Meter { used: 0, limit }));
}

/// Goes on counting this thread's steps from where `meter` stopped: a rule run a block of
/// documents at a time, its blocks between other rules' blocks on one thread.
pub fn resume(meter: Meter) {
    METER.with(|m| m.set(meter));
}

/// Stops counting and returns what was counted.
pub fn finish() -> Meter {
    METER.with(|m| m.replace(Meter::UNMETERED))
}

/// Charges `n` steps; false once the limit is passed (the work should stop).
pub fn charge(n: u64) -> bool {
    METER.with(|m| {
        let mut meter = m.get();
        meter.used = meter.used.saturating_add(n);
        m.set(meter);
        !meter.over()
    })
}

/// The steps counted on this thread since [`start`].
pub fn used() -> u64 {
    METER.with(|m| m.get().used)
}

/// Whether the limit has been passed.
pub fn over() -> bool {
    METER.with(|m| m.get().over())
}

/// Compiles a `matches=` pattern within what the rule files have left of
/// `MAX_TOTAL_REGEX_BYTES`, and charges it to `used`. The regex crate does not say how large a
/// compiled regex is, so the pattern is compiled under growing size limits (4 KiB, 16 KiB, ...
/// up to `MAX_REGEX_BYTES`) and charged the first that holds it: at most 4× its size, and most
/// patterns compile once. `Err(None)`: over the total; `Err(Some)`: a bad pattern.
pub fn regex(pattern: &str, used: &mut usize) -> Result<regex::Regex, Option<regex::Error>> {
    let left = MAX_TOTAL_REGEX_BYTES.saturating_sub(*used);
    let most = MAX_REGEX_BYTES.min(left);
    if most == 0 {
        return Err(None);
    }
    let mut limit = 4096;
    loop {
        let cap = limit.min(most);
        match regex::RegexBuilder::new(pattern)
            .size_limit(cap)
            .dfa_size_limit(cap)
            .build()
        {
            Ok(r) => {
                *used = used.saturating_add(cap);
                return Ok(r);
            }
            Err(regex::Error::CompiledTooBig(_)) if cap < most => limit *= 4,
            Err(regex::Error::CompiledTooBig(_)) if most < MAX_REGEX_BYTES => return Err(None),
            Err(e) => return Err(Some(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regexes_are_charged_the_size_limit_that_holds_them() {
        let mut used = 0;
        assert!(regex("^[a-z]+$", &mut used).is_ok());
        assert_eq!(used, 4096, "a small pattern compiles at the first try");
        // Unicode `\w` ten times takes between 256 KiB and 1 MiB compiled
        let mut used = 0;
        for _ in 0..MAX_TOTAL_REGEX_BYTES / MAX_REGEX_BYTES {
            assert!(regex(r"\w{10}", &mut used).is_ok());
        }
        assert_eq!(used, MAX_TOTAL_REGEX_BYTES);
        assert!(
            matches!(regex(r"\w{10}", &mut used), Err(None)),
            "over the total"
        );
        assert!(
            matches!(regex("^[a-z]+$", &mut used), Err(None)),
            "nothing is left"
        );
        let mut used = 0;
        assert!(
            matches!(regex(r"\w{40}", &mut used), Err(Some(_))),
            "over 1 MiB alone"
        );
        assert!(matches!(regex("(", &mut used), Err(Some(_))));
    }
}
