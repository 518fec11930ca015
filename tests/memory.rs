//! Heap held by the check and by its JSON report (issue 18), counted by a global allocator that
//! records the bytes live and their peak (`peak_alloc`). Bytes are counted, not the resident set, so the figures
//! do not depend on the machine or on glibc's arenas; the corpus is the seeded generator's, so
//! they do not depend on the run either (beyond which thread allocates first). The tests share
//! one counter, so they run one at a time (a lock).
#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::print_stderr,
    reason = "a panic in a test is a failed test; counts are small; the figures are shown with --nocapture"
)]

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "the generator's command line is not used here")]
mod gen_corpus;

use std::sync::Mutex;

use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// One test at a time: the counters are the process's.
static ONE: Mutex<()> = Mutex::new(());

/// Bytes live now, after resetting the peak to them.
fn mark() -> usize {
    HEAP.reset_peak_usage();
    HEAP.current_usage()
}

fn corpus(scale: f64) -> (tempfile::TempDir, gen_corpus::Summary) {
    let dir = tempfile::tempdir().unwrap();
    let config = gen_corpus::Config {
        scale,
        ..gen_corpus::Config::default()
    };
    let summary = gen_corpus::generate(dir.path(), &config).unwrap();
    (dir, summary)
}

/// The JSON report is written row by row: what it holds beside the outcome (its reasons
/// written) while writing is a few indices per decision and control path, and the distinct
/// answers and conditions, not a second copy of each row. Building every row before writing had held about 200 bytes per
/// decision (the national corpus: 8 MB, the run's peak).
#[test]
fn the_json_report_holds_no_copy_of_its_rows() {
    let _one = ONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (dir, _) = corpus(0.5);
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    let rows = outcome.figures.decisions.len() + outcome.figures.control.len();
    assert!(
        rows > 10_000,
        "only {rows} rows: the corpus is too small to tell"
    );
    // The reasons are written in words when first read (a terminal run reads none), and kept
    // with the outcome: that is the outcome's text, not a copy the writer holds, so it is written
    // before the count starts.
    let reasons: usize = outcome
        .figures
        .decisions
        .iter()
        .flat_map(|d| d.conditions.iter())
        .filter_map(|c| c.because.as_deref().map(str::len))
        .chain(
            outcome
                .figures
                .control
                .iter()
                .map(|p| p.answer.explanation.len()),
        )
        .sum();
    assert!(reasons > 0, "no reason was written");
    let before = mark();
    let mut bytes = 0usize;
    egenregi::report::json::write(&outcome, Counted(&mut bytes)).unwrap();
    let held = HEAP.peak_usage() - before;
    let per_row = held as f64 / rows as f64;
    eprintln!(
        "JSON: {bytes} bytes written, {held} bytes held at most ({per_row:.1} per row of {rows})"
    );
    // A decision's indices are 24 bytes and a control path's 8; the interning maps and the
    // writer's buffer add a little per distinct answer.
    assert!(
        per_row < 48.0,
        "writing the JSON held {held} bytes, {per_row:.1} per row"
    );
}

/// A writer that counts the bytes and keeps none.
struct Counted<'a>(&'a mut usize);

impl std::io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        *self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The heap the whole check holds at its peak, per byte of YAML read (issue 18's target is the
/// resident set within 4× the input; the heap is most of it). The bound is a guard against
/// growth, a little above what the check holds now: 6.0 to 7.0 bytes per byte over runs, lower
/// when the policies and the analyses do not overlap on the two threads. The figure is printed
/// with `--nocapture`.
#[test]
fn the_check_holds_a_bounded_heap_per_input_byte() {
    let _one = ONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (dir, summary) = corpus(0.5);
    let before = mark();
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    let mut bytes = 0usize;
    egenregi::report::json::write(&outcome, Counted(&mut bytes)).unwrap();
    let held = HEAP.peak_usage() - before;
    let per_byte = held as f64 / summary.bytes as f64;
    eprintln!(
        "check + JSON: {held} bytes held at most for {} bytes of YAML ({per_byte:.2} per byte)",
        summary.bytes
    );
    assert!(
        per_byte < 7.5,
        "the check held {held} bytes at most, {per_byte:.2} per byte of YAML"
    );
}
