//! Issue 18's scaling target as the bench judges it: which generated corpora form a pair five
//! scales apart, what ratio of CPU time the target allows for the pair's inputs, and what a
//! pair's rounds say. Shared by `benches/check.rs` and its test (`tests/bench_scaling.rs`),
//! so the judgement the bench prints is tested where `cargo test` runs.

/// A corpus name's family (`""` for the national generator's, `"providers-"` for many
/// providers) and scale factor (`national` is 1): `x10` is `("", 10)`.
pub fn family_and_factor(name: &str) -> Option<(&str, u32)> {
    let (family, rest) = match name.strip_prefix("providers-") {
        Some(rest) => ("providers-", rest),
        None => ("", name),
    };
    match rest {
        "national" if family.is_empty() => Some((family, 1)),
        _ => Some((family, rest.strip_prefix('x')?.parse().ok()?)),
    }
}

/// The pairs `(smaller, larger)` among `names`, of one family, the larger five times the
/// smaller's scale, in the order of `names`.
pub fn fivefold_pairs(names: &[&str]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, small) in names.iter().enumerate() {
        for (j, big) in names.iter().enumerate() {
            if let (Some((fs, ns)), Some((fb, nb))) =
                (family_and_factor(small), family_and_factor(big))
                && fs == fb
                && ns.checked_mul(5) == Some(nb)
            {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// The ratio of CPU time allowed for inputs `input` times apart: "each ×5 of input within
/// ×5.5 of time" is 1.1 times the input's ratio (5.55 for ×10 to ×50, whose inputs are 5.05
/// apart).
pub fn allowed(input: f64) -> f64 {
    1.1 * input
}

/// How sure a verdict on a pair must be: the median of its rounds' ratios lies in the interval
/// the bench prints with at least this chance, and a "yes" or "no" needs the whole interval on
/// one side of what is allowed.
pub const CONFIDENCE: f64 = 0.95;

/// Where the true median of a pair's ratios lies, from the rounds alone: the `k`th smallest and
/// the `k`th largest of `n` rounds bound it with a chance of at least `1 - 2 P(X < k)`, `X` the
/// rounds below the median (binomial, `n` and ½), whatever the ratios' distribution. The
/// largest such `k` for [`CONFIDENCE`], and the chance it gives; `None` below six rounds, where
/// even the lowest and highest round bound the median less surely than that.
pub fn interval_rank(n: usize) -> Option<(usize, f64)> {
    (1..=n / 2)
        .map_while(|k| {
            let below = at_most(k - 1, n);
            (2.0 * below <= 1.0 - CONFIDENCE).then_some((k, 1.0 - 2.0 * below))
        })
        .last()
}

/// Where the true median of a pair's ratios lies, and how surely.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
    /// The chance that the median lies between `low` and `high` (at least [`CONFIDENCE`]).
    pub chance: f64,
}

/// What the rounds of a pair support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The whole interval is at or below what is allowed.
    Within,
    /// The whole interval is above it.
    Over,
    /// The interval holds what is allowed, or there are too few rounds for one: the rounds do
    /// not tell whether the target is met.
    Undecided,
}

impl Verdict {
    /// What the bench prints in its `within` column.
    pub fn word(self) -> &'static str {
        match self {
            Self::Within => "yes",
            Self::Over => "no",
            Self::Undecided => "undecided",
        }
    }
}

/// What a pair's rounds say: the median of their ratios, the interval that holds the true median
/// at [`CONFIDENCE`] ([`interval_rank`]), the verdict that interval supports, and the rounds'
/// range. A median alone was judged before, over seven rounds: on a machine whose rounds spread
/// widely it read 5.53 (within) for code that had read 5.73 the session before (issue 18,
/// thirty-sixth pass), where the interval of those seven rounds (their lowest and highest)
/// held what is allowed: undecided.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scaled {
    pub median: f64,
    /// `None` below six rounds.
    pub interval: Option<Interval>,
    pub verdict: Verdict,
    pub lowest: f64,
    pub highest: f64,
    pub rounds: usize,
    /// Rounds whose ratio is above what is allowed: with `rounds`, what runs of one pair add up
    /// to ([`pooled`]).
    pub above: usize,
}

/// [`Scaled`] of the rounds' `ratios` (larger over smaller) for inputs `input` times apart;
/// `None` without a round. The median of an even count is the upper middle, as the bench's
/// other medians. At what is allowed counts as within.
pub fn judge(mut ratios: Vec<f64>, input: f64) -> Option<Scaled> {
    ratios.retain(|r| r.is_finite());
    ratios.sort_by(f64::total_cmp);
    let n = ratios.len();
    let median = *ratios.get(n / 2)?;
    let interval = interval_rank(n).and_then(|(k, chance)| {
        Some(Interval {
            low: *ratios.get(k - 1)?,
            high: *ratios.get(n - k)?,
            chance,
        })
    });
    let limit = allowed(input);
    let verdict = match interval {
        Some(i) if i.high <= limit => Verdict::Within,
        Some(i) if i.low > limit => Verdict::Over,
        _ => Verdict::Undecided,
    };
    Some(Scaled {
        median,
        interval,
        verdict,
        lowest: *ratios.first()?,
        highest: *ratios.last()?,
        rounds: n,
        above: ratios.iter().filter(|&&r| r > limit).count(),
    })
}

/// P(X <= k) for X binomial (`n`, ½), summed in logarithms so that a thousand rounds do not
/// fall below the smallest float.
fn at_most(k: usize, n: usize) -> f64 {
    let Ok(rounds) = u32::try_from(n).map(f64::from) else {
        return f64::NAN;
    };
    let mut ln_p = rounds * 0.5_f64.ln();
    let mut sum = ln_p.exp();
    for i in 1..=k.min(n) {
        let i = f64::from(u32::try_from(i).unwrap_or(u32::MAX));
        ln_p += ((rounds - i + 1.0) / i).ln();
        sum += ln_p.exp();
    }
    sum.min(1.0)
}

/// The verdict of several runs of one pair taken together, each given as `(above, rounds)`
/// ([`Scaled::above`], [`Scaled::rounds`]): were the true median exactly what is allowed, the
/// rounds above it would be binomial (all rounds, ½). `yes` when so few are above that this
/// happens with a chance of at most half of 1 − [`CONFIDENCE`], `no` when so many are, else
/// undecided; below six rounds, undecided. For one run it says what [`judge`] says, but for a
/// round exactly at what is allowed (within for both). Which runs are pooled has to be fixed
/// before they run, as the rounds of one run are.
pub fn pooled(runs: &[(usize, usize)]) -> Verdict {
    let (above, rounds) = runs
        .iter()
        .fold((0, 0), |(a, n), &(k, m)| (a + k.min(m), n + m));
    let tail = (1.0 - CONFIDENCE) / 2.0;
    if rounds < 6 {
        Verdict::Undecided
    } else if at_most(above, rounds) <= tail {
        Verdict::Within
    } else if above > 0 && 1.0 - at_most(above - 1, rounds) <= tail {
        Verdict::Over
    } else {
        Verdict::Undecided
    }
}
