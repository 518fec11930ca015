//! The bench's scaling judgement (`benches/scaling.rs`): the pairs it measures and what it
//! calls within issue 18's target. The bench itself is not run by `cargo test`.

#[path = "../benches/scaling.rs"]
mod scaling;

use scaling::{allowed, family_and_factor, fivefold_pairs, judge};

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
#[allow(
    clippy::float_cmp,
    reason = "a median is one of the rounds' own values, copied, not computed"
)]
fn the_median_is_judged_against_a_tenth_more_than_the_input_grew() {
    // ×10 to ×50 of the national generator: 47,265,904 and 238,565,037 bytes, 5.047× apart,
    // so 5.552 is allowed.
    let input = 238_565_037.0 / 47_265_904.0;
    assert!((allowed(input) - 5.552).abs() < 0.001);
    // Seven rounds: sorted 5.31 5.49 5.52 5.53 5.68 5.74 5.74, median 5.53: within.
    let s = judge(vec![5.74, 5.49, 5.74, 5.52, 5.68, 5.53, 5.31], input).expect("rounds");
    assert_eq!((s.median, s.lowest, s.highest), (5.53, 5.31, 5.74));
    assert!(s.within);
    // Four of the seven are at most 5.552 (5.31 5.49 5.52 5.53), three above it.
    assert_eq!((s.rounds_within, s.rounds), (4, 7));
    // One round more above the allowance moves the median (upper middle of eight) to 5.68.
    let s = judge(vec![5.74, 5.49, 5.74, 5.52, 5.68, 5.53, 5.31, 5.96], input).expect("rounds");
    assert_eq!(s.median, 5.68);
    assert!(!s.within);
    assert_eq!((s.rounds_within, s.rounds), (4, 8));
    // At the allowance is within; a round that could not be measured is left out.
    let s = judge(vec![allowed(5.0), f64::NAN], 5.0).expect("a round");
    assert!(s.within);
    assert_eq!((s.rounds_within, s.rounds), (1, 1));
    assert_eq!(judge(Vec::new(), 5.0), None);
}
