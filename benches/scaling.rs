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

/// What a pair's rounds say: the median of their ratios, their range, whether the median is
/// within what is allowed (at it counts as within), and how many of the rounds were: on a
/// machine whose rounds spread widely, a median within by one round is no firm "yes" (the
/// thirty-sixth pass of issue 18 read 5.53, within, for code that had read 5.73 the session
/// before, with rounds from 5.34 to 7.21), and the count says so beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scaled {
    pub median: f64,
    pub lowest: f64,
    pub highest: f64,
    pub within: bool,
    /// The rounds whose own ratio is within what is allowed, of `rounds`.
    pub rounds_within: usize,
    pub rounds: usize,
}

/// [`Scaled`] of the rounds' `ratios` (larger over smaller) for inputs `input` times apart;
/// `None` without a round. The median of an even count is the upper middle, as the bench's
/// other medians.
pub fn judge(mut ratios: Vec<f64>, input: f64) -> Option<Scaled> {
    ratios.retain(|r| r.is_finite());
    ratios.sort_by(f64::total_cmp);
    let median = *ratios.get(ratios.len() / 2)?;
    Some(Scaled {
        median,
        lowest: *ratios.first()?,
        highest: *ratios.last()?,
        within: median <= allowed(input),
        rounds_within: ratios.iter().filter(|&&r| r <= allowed(input)).count(),
        rounds: ratios.len(),
    })
}
