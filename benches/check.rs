//! Benchmarks on generated corpora (national scale and ×10), measured in one run so the ratios
//! are fair: reading the files only, reading and parsing the YAML only, the full check, and the
//! shipped policy pack alone over the already-parsed corpus.
//!
//! ```sh
//! cargo bench                       # all four, both scales
//! cargo bench -- national           # one scale
//! ```
//!
//! The corpora are generated once per run into `target/bench-corpus/` (by
//! `examples/gen-corpus.rs`, seeded, so the bytes are the same every time).
#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    reason = "a benchmark harness: a broken corpus must stop it loudly, and MB are for show"
)]

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "only `generate` is used here")]
mod gen_corpus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use egenregi::finding::Findings;
use egenregi::load::{Limits, discover, yaml};
use egenregi::source::{SourceId, Sources};
use egenregi::{config, load, policy, schema};
use rayon::prelude::*;

const SCALES: &[&str] = &["national", "x10"];

fn main() {
    divan::main();
}

/// The corpus for `scale`, generated on first use.
fn corpus(scale: &str) -> &'static Path {
    static NATIONAL: OnceLock<PathBuf> = OnceLock::new();
    static X10: OnceLock<PathBuf> = OnceLock::new();
    let (cell, factor) = match scale {
        "x10" => (&X10, 10.0),
        _ => (&NATIONAL, 1.0),
    };
    cell.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/bench-corpus")
            .join(scale);
        let _ = std::fs::remove_dir_all(&dir);
        let config = gen_corpus::Config {
            scale: factor,
            ..gen_corpus::Config::default()
        };
        match gen_corpus::generate(&dir, &config) {
            Ok(s) => eprintln!(
                "corpus {scale}: {} files, {:.1} MB, {} documents, {} subscriptions",
                s.files,
                s.bytes as f64 / 1e6,
                s.documents,
                s.subscriptions
            ),
            Err(e) => panic!(
                "cannot generate the {scale} corpus in {}: {e}",
                dir.display()
            ),
        }
        dir
    })
}

fn files(root: &Path) -> Vec<discover::Found> {
    discover::walk(root, &globset::GlobSet::empty()).expect("the corpus is readable")
}

/// Discover and read every YAML file, in parallel: the floor under any check.
#[divan::bench(args = SCALES, sample_count = 10)]
fn read(bencher: divan::Bencher, scale: &str) {
    let root = corpus(scale);
    bencher.bench(|| {
        files(root)
            .par_iter()
            .map(|f| std::fs::read(&f.path).map_or(0, |b| b.len()))
            .sum::<usize>()
    });
}

/// Discover, read and parse every file into values and span trees, in parallel like
/// `load::all`: what the check would cost if nothing came after the YAML front end.
#[divan::bench(args = SCALES, sample_count = 10)]
fn parse(bencher: divan::Bencher, scale: &str) {
    let root = corpus(scale);
    let limits = Limits::default();
    bencher.bench(|| {
        files(root)
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let bytes = std::fs::read(&f.path).unwrap_or_default();
                let text = std::str::from_utf8(&bytes).unwrap_or("");
                yaml::parse(text, SourceId(i as u32), &limits)
                    .documents
                    .len()
            })
            .sum::<usize>()
    });
}

/// The whole check, as `egenregi check` runs it (minus rendering).
#[divan::bench(args = SCALES, sample_count = 10)]
fn check(bencher: divan::Bencher, scale: &str) {
    let root = corpus(scale);
    let options = egenregi::Options::default();
    bencher.bench(|| egenregi::check(root, &options).map(|o| o.findings.len()));
}

/// The policy rules alone (the shipped pack, plus any the corpus configures), evaluated over the
/// corpus as `check` hands it over: loaded, schema-validated. Loading, validating and compiling
/// the rules happen once, outside the measurement.
#[divan::bench(args = SCALES, sample_count = 10)]
fn policy(bencher: divan::Bencher, scale: &str) {
    let root = corpus(scale);
    let mut sources = Sources::default();
    let config = config::load(root, None, &mut sources).expect("the corpus config loads");
    let pack = policy::load(&config, root, &mut sources).expect("the policy packs compile");
    let paths = discover::walk(root, &config.exclude).expect("the corpus is readable");
    let (loaded, _) = load::all(&paths, &Limits::default(), &mut sources);
    let schemas = schema::compiled().expect("the schemas compile");
    let (_, errors) = schemas.validate(&loaded.docs);
    let valid: Vec<bool> = errors.iter().map(Option::is_none).collect();
    bencher.bench_local(|| {
        let mut findings = Findings::new(HashMap::new(), Vec::new(), Vec::new(), HashMap::new());
        policy::run(
            &pack,
            &loaded.docs,
            &valid,
            &config,
            &sources,
            &mut findings,
        );
        findings.take().len()
    });
}
