//! The bench's scaling judgement (`benches/scaling.rs`): the pairs it measures and what it
//! calls within issue 18's target. The bench itself is not run by `cargo test`.

#[path = "../benches/scaling.rs"]
mod scaling;

use scaling::{Verdict, allowed, family_and_factor, fivefold_pairs, interval_rank, judge, pooled};

#[test]
fn corpus_names_give_family_and_scale() {
    assert_eq!(family_and_factor("national"), Some(("", 1)));
    assert_eq!(family_and_factor("x10"), Some(("", 10)));
    assert_eq!(family_and_factor("providers-x50"), Some(("providers-", 50)));
    assert_eq!(family_and_factor("providers-national"), None);
    assert_eq!(family_and_factor("x"), None);
    assert_eq!(family_and_factor("example"), None);
}

#[test]
fn only_corpora_of_one_family_five_scales_apart_pair() {
    // The default corpora and the two ×50 ones, in the order the bench sorts them (by size).
    let names = [
        "national",
        "providers-x2",
        "x10",
        "providers-x10",
        "x50",
        "providers-x50",
    ];
    let pairs: Vec<(&str, &str)> = fivefold_pairs(&names)
        .into_iter()
        .map(|(i, j)| (names[i], names[j]))
        .collect();
    assert_eq!(
        pairs,
        [
            ("providers-x2", "providers-x10"),
            ("x10", "x50"),
            ("providers-x10", "providers-x50"),
        ]
    );
    // national to x10 is tenfold, x10 to providers-x50 crosses families: neither pairs.
    assert!(fivefold_pairs(&["national", "x10", "providers-x50"]).is_empty());
    // national is scale 1, so it pairs with x5.
    assert_eq!(fivefold_pairs(&["x5", "national"]), [(1, 0)]);
}

#[test]
fn the_interval_of_the_median_is_read_off_the_binomial() {
    // X, the rounds below the true median, is binomial (n, ½); the kth smallest and kth largest
    // hold the median with a chance of 1 - 2 P(X < k), which must be at least 95 %.
    // Five rounds: P(X < 1) = 1/32 = 0.031, so even the lowest and highest hold it only 93.75 %.
    assert_eq!(interval_rank(5), None);
    assert_eq!(interval_rank(0), None);
    // Six: P(X < 1) = 1/64, 96.9 %; P(X < 2) = 7/64 is too much.
    let (k, chance) = interval_rank(6).expect("six rounds");
    assert_eq!(k, 1);
    assert!((chance - (1.0 - 2.0 / 64.0)).abs() < 1e-12);
    // Seven: 1/128 then 8/128 = 0.0625: the lowest and highest, 98.4 %.
    assert_eq!(interval_rank(7).map(|r| r.0), Some(1));
    // Fifteen: P(X < 4) = (1 + 15 + 105 + 455)/32768 = 576/32768 = 0.0176 (96.5 %);
    // P(X < 5) adds C(15,4) = 1365: 1941/32768 = 0.059.
    let (k, chance) = interval_rank(15).expect("fifteen rounds");
    assert_eq!(k, 4);
    assert!((chance - (1.0 - 2.0 * 576.0 / 32768.0)).abs() < 1e-12);
    // Thirty-one (the bench's): C(31, 0..=9) add up to 31,621,024, over 2^31 0.01472 (97.1 %);
    // C(31,10) = 44,352,165 more makes 0.0354.
    let (k, chance) = interval_rank(31).expect("thirty-one rounds");
    assert_eq!(k, 10);
    assert!((chance - (1.0 - 2.0 * 31_621_024.0 / 2_147_483_648.0)).abs() < 1e-9);
    // Sixty-one (the bench's since the thirty-eighth pass): C(61, 0..=22) add up to
    // 45,675,308,424,810,128, over 2^61 = 2,305,843,009,213,693,952 0.01981 (96.0 %);
    // C(61,23) = 37,539,612,570,341,700 more makes 0.0361.
    let (k, chance) = interval_rank(61).expect("sixty-one rounds");
    assert_eq!(k, 23);
    assert!(
        (chance - (1.0 - 2.0 * 45_675_308_424_810_128.0 / 2_305_843_009_213_693_952.0)).abs()
            < 1e-9
    );
}

#[test]
#[allow(
    clippy::float_cmp,
    reason = "a median and an interval's ends are the rounds' own values, copied, not computed"
)]
fn a_verdict_needs_the_whole_interval_on_one_side() {
    // ×10 to ×50 of the national generator: 47,265,904 and 238,565,037 bytes, 5.047× apart,
    // so 5.552 is allowed.
    let input = 238_565_037.0 / 47_265_904.0;
    assert!((allowed(input) - 5.552).abs() < 0.001);
    // Seven rounds: sorted 5.31 5.49 5.52 5.53 5.68 5.74 5.74, median 5.53 and within, but the
    // interval of seven is their lowest and highest, 5.31 to 5.74, which holds 5.552:
    // undecided (the median alone said "yes").
    let s = judge(vec![5.74, 5.49, 5.74, 5.52, 5.68, 5.53, 5.31], input).expect("rounds");
    assert_eq!(
        (s.median, s.lowest, s.highest, s.rounds),
        (5.53, 5.31, 5.74, 7)
    );
    let i = s.interval.expect("seven rounds have one");
    assert_eq!((i.low, i.high), (5.31, 5.74));
    assert_eq!(s.verdict, Verdict::Undecided);
    // One round more above the allowance: the median of eight is the upper middle, 5.68.
    let s = judge(vec![5.74, 5.49, 5.74, 5.52, 5.68, 5.53, 5.31, 5.96], input).expect("rounds");
    assert_eq!(s.median, 5.68);
    // Fifteen rounds, 5.00 to 5.70 by 0.05: the 4th smallest 5.15 and 4th largest 5.55 bound
    // the median (5.35); 5.55 is at most 5.552: within.
    let rounds: Vec<f64> = (0..15).map(|i| 5.0 + 0.05 * f64::from(i)).collect();
    let s = judge(rounds.iter().rev().copied().collect(), input).expect("rounds");
    let i = s.interval.expect("fifteen rounds have one");
    assert!((i.low - 5.15).abs() < 1e-9 && (i.high - 5.55).abs() < 1e-9);
    assert!((i.chance - (1.0 - 2.0 * 576.0 / 32768.0)).abs() < 1e-12);
    assert!((s.median - 5.35).abs() < 1e-9);
    assert_eq!(s.verdict, Verdict::Within);
    // The same rounds 0.01 higher: the interval's top, 5.56, is above 5.552: undecided.
    let s = judge(rounds.iter().map(|r| r + 0.01).collect(), input).expect("rounds");
    assert_eq!(s.verdict, Verdict::Undecided);
    // 0.41 higher: the interval's foot, 5.56, is above too: over.
    let s = judge(rounds.iter().map(|r| r + 0.41).collect(), input).expect("rounds");
    assert_eq!(s.verdict, Verdict::Over);
    // Six rounds at exactly what is allowed are within; a round that could not be measured is
    // left out, and five rounds are too few to decide anything.
    let s = judge(vec![allowed(5.0); 6], 5.0).expect("rounds");
    assert_eq!(s.verdict, Verdict::Within);
    let mut five = vec![allowed(5.0) - 1.0; 5];
    five.push(f64::NAN);
    let s = judge(five, 5.0).expect("rounds");
    assert_eq!(
        (s.rounds, s.interval, s.verdict),
        (5, None, Verdict::Undecided)
    );
    assert_eq!(judge(Vec::new(), 5.0), None);
    // What the bench prints for each.
    let words = [Verdict::Within, Verdict::Over, Verdict::Undecided].map(Verdict::word);
    assert_eq!(words, ["yes", "no", "undecided"]);
}

#[test]
fn runs_of_one_pair_add_up_by_the_rounds_above_what_is_allowed() {
    // One run of 61 (the bench's): C(61, 0..=22) / 2^61 = 0.0198 is at most 2.5 %, so 22 rounds
    // above are within; 23 above, 0.0361, are not. By symmetry 39 above are over (P(X >= 39)
    // = 0.0198) and 38 are not.
    assert_eq!(pooled(&[(22, 61)]), Verdict::Within);
    assert_eq!(pooled(&[(23, 61)]), Verdict::Undecided);
    assert_eq!(pooled(&[(38, 61)]), Verdict::Undecided);
    assert_eq!(pooled(&[(39, 61)]), Verdict::Over);
    // Two runs: 122 rounds, within up to 49 above (P(X <= 49) = 0.0184, P(X <= 50) = 0.0284),
    // so 24 and 25 above, each undecided alone, are within together; 24 and 26 are not.
    assert_eq!(pooled(&[(24, 61), (25, 61)]), Verdict::Within);
    assert_eq!(pooled(&[(24, 61), (26, 61)]), Verdict::Undecided);
    // Three: 183 rounds, within up to 77 above (P(X <= 77) = 0.0191, P(X <= 78) = 0.0272).
    assert_eq!(pooled(&[(26, 61), (26, 61), (25, 61)]), Verdict::Within);
    assert_eq!(pooled(&[(26, 61), (26, 61), (26, 61)]), Verdict::Undecided);
    // Too few rounds decide nothing; more above than rounds counts as all.
    assert_eq!(pooled(&[(0, 5)]), Verdict::Undecided);
    assert_eq!(pooled(&[]), Verdict::Undecided);
    assert_eq!(pooled(&[(99, 61), (39, 61)]), Verdict::Over);
    // Over any rounds, one run alone says what `judge` says (no round exactly at the limit).
    let input = 5.05;
    for n in [6_usize, 7, 15, 31, 61] {
        for above in 0..=n {
            let ratios: Vec<f64> = (0..n).map(|i| if i < above { 6.0 } else { 5.0 }).collect();
            let s = judge(ratios, input).expect("rounds");
            assert_eq!(s.above, above);
            assert_eq!(pooled(&[(s.above, s.rounds)]), s.verdict, "{above} of {n}");
        }
    }
}
