//! The in-house analyses stay linear in the corpus when providers multiply (issue 18): the
//! controlling group of each provider used to ask every entity for a control path, so a corpus
//! with one regional company per eight municipalities cost providers × entities. Work is
//! counted (`analysis::control::work`: control questions worked out, graph nodes visited), not
//! timed, so a busy machine cannot fail the test. This is the only test in its binary, so the
//! process-wide count is this test's alone.
#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::print_stderr,
    reason = "a panic in a test is a failed test; counts are small; the figures are shown with --nocapture"
)]

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "the generator's command line is not used here")]
mod gen_corpus;

use egenregi::analysis::control::work;

/// The work of checking a many-providers corpus at `scale`, and its number of documents (the
/// measure of its size: below ×1 the services, and so subscriptions per tenant, are capped by
/// the scale, so subscriptions grow faster than the corpus).
fn work_at(scale: f64) -> (u64, usize) {
    let dir = tempfile::tempdir().unwrap();
    let config = gen_corpus::Config {
        scale,
        providers: gen_corpus::Config::many_providers(scale),
        ..gen_corpus::Config::default()
    };
    let summary = gen_corpus::generate(dir.path(), &config).unwrap();
    let before = work();
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    assert!(outcome.figures.decisions.len() >= summary.subscriptions / 2);
    (work() - before, summary.documents)
}

/// 4× the corpus (4× the providers, municipalities and documents) may cost at most 1.5 × 4 the
/// work: linear with room to spare. Walking every entity per provider gave about 16×.
#[test]
fn control_work_grows_linearly_with_many_providers() {
    let (small, docs_small) = work_at(0.1);
    let (large, docs_large) = work_at(0.4);
    let input = docs_large as f64 / docs_small as f64;
    let ratio = large as f64 / small as f64;
    assert!(
        (3.5..4.5).contains(&input),
        "the corpus grew {input:.2}×, not about 4×"
    );
    eprintln!("work {small} → {large} ({ratio:.2}×) for {input:.2}× the documents");
    assert!(
        ratio <= 1.5 * input,
        "work grew {ratio:.2}× ({small} → {large}) for {input:.2}× the documents"
    );
}
