//! Benchmarks on generated corpora, measured in one run so the ratios are fair: reading the
//! files only, reading and parsing the YAML only, the full check, and the shipped policy pack
//! alone over the already-parsed corpus. Corpora: national scale and ×10 with KS Digital as the
//! one provider, and `providers-x2`/`providers-x10` with one regional company per eight
//! municipalities (`gen-corpus --providers many`), where a walk per provider over every entity
//! would show as quadratic growth. `x50` and `providers-x50` (about 250 MB of YAML and several GB
//! of memory each) run only with `EGENREGI_BENCH_X50=1`.
//!
//! After divan's table, a summary measures each corpus that ran once more by CPU time (user +
//! sys of every thread, from `/proc/self/task/*/schedstat`, so other processes on the machine do
//! not count): the bare event parse, parse-only, the full check with JSON rendering, their
//! ratios, and peak memory per input byte. The three run in turn, seven rounds; each figure is
//! the median of its seven, and each ratio the median of the rounds' ratios, so a machine whose
//! speed drifts over minutes moves both sides of a ratio alike. Each run is a fresh process
//! (this binary, re-run), as a user's `egenregi check` is: in one long-lived process, what
//! earlier runs left in the allocator and the thread pool made the largest corpus look slower
//! than it checks (1.6× for providers-x10). Peak memory is the peak resident set (`VmHWM`) of
//! the check with JSON above the resident set before it, divided by the corpus's bytes; Linux
//! only (elsewhere `n/a`).
//!
//! Last, issue 18's scaling target: for each pair of corpora that ran, of one family and five
//! scales apart (`providers-x2` and `providers-x10` by default; `x10` and `x50`, and
//! `providers-x10` and `providers-x50`, with `EGENREGI_BENCH_X50=1`), the check with JSON on
//! the smaller and then the larger, 61 rounds, the median of the rounds' ratios of CPU time and
//! the interval that holds the true median at 95 % or more, against the 1.1 times the input's
//! ratio that "each ×5 of input within ×5.5 of time" allows: within when the whole interval is,
//! over when none of it is, else undecided (`benches/scaling.rs`, tested in
//! `tests/bench_scaling.rs`).
//!
//! ```sh
//! cargo bench                                 # every default corpus
//! cargo bench -- national                     # one corpus
//! EGENREGI_BENCH_X50=1 cargo bench -- x50      # ×50, both shapes (needs ~10 GB of memory)
//! # against a peer: jsonschema-cli over the same YAML documents (see `peer_jsonschema_cli`)
//! cargo install jsonschema-cli --root /tmp/jscli
//! EGENREGI_BENCH_JSONSCHEMA_CLI=/tmp/jscli/bin/jsonschema-cli cargo bench -- national
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
#[path = "scaling.rs"]
#[allow(
    dead_code,
    reason = "`pooled` adds up runs fixed in advance, which one bench run does not know of; \
              tests/bench_scaling.rs tests it"
)]
mod scaling;
#[path = "../tests/data/status.rs"]
mod status;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use egenregi::finding::Findings;
use egenregi::load::{Limits, discover, yaml};
use egenregi::rules::Registry;
use egenregi::source::{SourceId, Sources};
use egenregi::{analysis, config, load, policy, schema};
use rayon::prelude::*;
use status::status_bytes;

/// The corpora every run measures; see [`scales`].
const DEFAULT_SCALES: &[&str] = &["national", "x10", "providers-x2", "providers-x10"];

/// The corpora to measure: the defaults, and ×50 when asked for.
fn scales() -> Vec<&'static str> {
    let mut out = DEFAULT_SCALES.to_vec();
    if std::env::var_os("EGENREGI_BENCH_X50").is_some() {
        out.extend(["x50", "providers-x50"]);
    }
    out
}

fn main() {
    // A child of `summary`: one measurement of one corpus in a fresh process.
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        let what = std::env::var(CHILD_WHAT).unwrap_or_default();
        let dir = Path::new(&dir);
        let rss = status_bytes("VmRSS:").unwrap_or(0);
        let file = status_bytes("RssFile:").unwrap_or(0);
        let before = cpu_time().unwrap_or_default();
        divan::black_box(match what.as_str() {
            "events" => events_all(dir),
            "parse" => parse_all(dir),
            _ => check_json(dir),
        });
        let cpu = cpu_time().unwrap_or_default().saturating_sub(before);
        let peak = status_bytes("VmHWM:").map_or(0, |p| p.saturating_sub(rss));
        let file = status_bytes("RssFile:").map_or(0, |f| f.saturating_sub(file));
        eprintln!("{CHILD_CPU}={}", cpu.as_nanos());
        eprintln!("{CHILD_PEAK}={peak}");
        eprintln!("{CHILD_FILE}={file}");
        return;
    }
    divan::main();
    summary();
    scaling();
    example_process();
    peer_jsonschema_cli();
}

/// Set to a corpus directory, the bench binary measures one run of [`CHILD_WHAT`] on it in
/// this fresh process, prints [`CHILD_CPU`] and [`CHILD_PEAK`] on standard error, and exits.
const CHILD_DIR: &str = "EGENREGI_BENCH_CHILD_OF";
/// `events`, `parse` or `check` (the default: the whole check with its JSON).
const CHILD_WHAT: &str = "EGENREGI_BENCH_CHILD_RUNS";
/// The CPU time of the measured work, in nanoseconds (user + sys of every thread).
const CHILD_CPU: &str = "EGENREGI_BENCH_CPU_NS";
/// The peak resident set above the one before the work, in bytes.
const CHILD_PEAK: &str = "EGENREGI_BENCH_PEAK";
/// Of the peak, the file-backed pages mapped during the work (`RssFile` after less before): the
/// binary's own code and constants, which the kernel maps around every page it faults in. They
/// are the same for every repository (7.8–8.0 MB measured when the whole check runs), so at
/// national scale they are 1.7 of its peak bytes per input byte and at ×10 a sixth of one.
const CHILD_FILE: &str = "EGENREGI_BENCH_FILE";

/// Generated corpora by name, with their size in bytes.
fn generated() -> &'static Mutex<HashMap<&'static str, (PathBuf, u64)>> {
    static CORPORA: OnceLock<Mutex<HashMap<&'static str, (PathBuf, u64)>>> = OnceLock::new();
    CORPORA.get_or_init(Mutex::default)
}

/// The generator's settings for a corpus name: `national`, `xN`, `providers-xN`.
fn settings(scale: &str) -> gen_corpus::Config {
    let (many, factor) = match scale.strip_prefix("providers-") {
        Some(rest) => (true, rest),
        None => (false, scale),
    };
    let factor: f64 = factor.strip_prefix('x').map_or(1.0, |n| {
        n.parse()
            .expect("a corpus name is national, xN or providers-xN")
    });
    gen_corpus::Config {
        scale: factor,
        providers: if many {
            gen_corpus::Config::many_providers(factor)
        } else {
            0
        },
        ..gen_corpus::Config::default()
    }
}

/// The corpus for `scale`, generated on first use.
fn corpus(scale: &'static str) -> PathBuf {
    let mut map = generated().lock().expect("no bench thread panicked");
    if let Some((dir, _)) = map.get(scale) {
        return dir.clone();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(scale);
    let _ = std::fs::remove_dir_all(&dir);
    match gen_corpus::generate(&dir, &settings(scale)) {
        Ok(s) => {
            eprintln!(
                "corpus {scale}: {} files, {:.1} MB, {} documents, {} subscriptions, {} providers",
                s.files,
                s.bytes as f64 / 1e6,
                s.documents,
                s.subscriptions,
                s.providers + 1
            );
            map.insert(scale, (dir.clone(), s.bytes));
        }
        Err(e) => panic!(
            "cannot generate the {scale} corpus in {}: {e}",
            dir.display()
        ),
    }
    dir
}

fn files(root: &Path) -> Vec<discover::Discovered> {
    discover::walk(root, &globset::GlobSet::empty()).expect("the corpus is readable")
}

/// Discover and read every YAML file, in parallel: the floor under any check.
#[divan::bench(args = scales(), sample_count = 10)]
fn read(bencher: divan::Bencher, scale: &'static str) {
    let root = corpus(scale);
    bencher.bench(|| {
        files(&root)
            .par_iter()
            .map(|f| std::fs::read(&f.path).map_or(0, |b| b.len()))
            .sum::<usize>()
    });
}

/// Discover, read and parse every file into values and span trees, in parallel like
/// `load::all`: what the check would cost if nothing came after the YAML front end.
#[divan::bench(args = scales(), sample_count = 10)]
fn parse(bencher: divan::Bencher, scale: &'static str) {
    let root = corpus(scale);
    bencher.bench(|| parse_all(&root));
}

/// The bare YAML event parse of every file (granit-parser, as the loader configures it, events
/// counted and dropped): the floor the full check is measured against (issue 18).
#[divan::bench(args = scales(), sample_count = 10)]
fn events(bencher: divan::Bencher, scale: &'static str) {
    let root = corpus(scale);
    bencher.bench(|| events_all(&root));
}

/// Reads every file and counts its YAML events, in parallel like the loader.
fn events_all(root: &Path) -> usize {
    files(root)
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(&f.path).unwrap_or_default();
            let text = std::str::from_utf8(&bytes).unwrap_or("");
            let mut opts = granit_parser::Options::default();
            opts.set_emit_comments(false);
            opts.strict_indentation = true;
            granit_parser::Parser::new_from_str_with_options(text, opts)
                .flatten()
                .count()
        })
        .sum::<usize>()
}

/// Parse-only, as `load::all` reads and parses: the number of documents.
fn parse_all(root: &Path) -> usize {
    let limits = Limits::default();
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
}

/// The whole check, as `egenregi check` runs it (minus rendering).
#[divan::bench(args = scales(), sample_count = 10)]
fn check(bencher: divan::Bencher, scale: &'static str) {
    let root = corpus(scale);
    let options = egenregi::Options::default();
    bencher.bench(|| egenregi::check(&root, &options).map(|o| o.findings.len()));
}

/// The whole check and its JSON report, as `egenregi check --format json` runs it: the JSON is
/// streamed to a sink that counts its bytes, as the binary streams it to its output, so the
/// report's text is never held whole (rendered to a string, the national corpus's 28 MB of JSON
/// had been six of the seventeen peak bytes per input byte). Returns the length of the JSON.
fn check_json(root: &Path) -> usize {
    /// Counts what is written and keeps none of it.
    struct Counted(usize);
    impl std::io::Write for Counted {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // As the binary runs it: this process's main thread works in the pool it builds.
    let options = egenregi::Options {
        workers: egenregi::Workers::Process,
        ..egenregi::Options::default()
    };
    let outcome = egenregi::check(root, &options).expect("the corpus checks");
    let mut out = Counted(0);
    egenregi::report::json::write(&outcome, &mut out).expect("a counting sink never fails");
    out.0
}

/// The policy rules alone (the shipped pack, plus any the corpus configures), evaluated over the
/// corpus as `check` hands it over: loaded, schema-validated. Loading, validating and compiling
/// the rules happen once, outside the measurement.
#[divan::bench(args = scales(), sample_count = 10)]
fn policy(bencher: divan::Bencher, scale: &'static str) {
    let root = corpus(scale);
    let root = root.as_path();
    let mut sources = Sources::default();
    let config = config::load(root, None, &mut sources).expect("the corpus config loads");
    let policies =
        policy::load(config.policies(), root, &mut sources).expect("the policy packs compile");
    let jurisdiction = analysis::pack::load(config.jurisdiction()).expect("the pack reads");
    let config = config
        .validate(&Registry::of(&jurisdiction, policies.rules()))
        .expect("the corpus config validates");
    let paths = discover::walk(root, config.exclude()).expect("the corpus is readable");
    let (loaded, _) = load::all(&paths, &Limits::default(), &mut sources);
    let schemas = schema::compiled().expect("the schemas compile");
    let (_, errors) = schemas.validate(&loaded.docs);
    let valid: Vec<bool> = errors.iter().map(Option::is_none).collect();
    bencher.bench_local(|| {
        let mut findings = Findings::new(HashMap::new(), Vec::new(), Vec::new(), HashMap::new());
        policy::run(
            &policies,
            &loaded.docs,
            &valid,
            &config,
            &sources,
            &mut findings,
        );
        findings.take().len()
    });
}

/// CPU time (user + sys) of every live thread of this process: rayon's pool lives for the whole
/// run, so the sum over `/proc/self/task` is the process's CPU. `None` off Linux.
fn cpu_time() -> Option<Duration> {
    let mut ns: u64 = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let path = task.ok()?.path().join("schedstat");
        let text = std::fs::read_to_string(path).ok()?;
        ns += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(ns))
}

/// One run of `what` (`events`, `parse`, `check`) on `dir` in a fresh process: its CPU time and
/// its peak memory above the resident set before it. Every figure of the summary is taken so,
/// as a user's `egenregi check` runs: nothing an earlier measurement left (the allocator's
/// free lists, the thread pool) is counted in a later one.
fn in_child(what: &str, dir: &Path) -> Option<(Duration, u64, u64)> {
    let out = std::process::Command::new(std::env::current_exe().ok()?)
        .env(CHILD_DIR, dir)
        .env(CHILD_WHAT, what)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| -> Option<u64> {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))?
            .trim()
            .parse()
            .ok()
    };
    Some((
        Duration::from_nanos(field(CHILD_CPU)?),
        field(CHILD_PEAK)?,
        field(CHILD_FILE).unwrap_or(0),
    ))
}

/// Rounds of the summary: each runs the event parse, the parse and the check once.
const ROUNDS: usize = 7;

/// The summary's figures of one corpus: medians over [`ROUNDS`] interleaved rounds.
struct Measured {
    events: Option<Duration>,
    parse: Option<Duration>,
    check: Option<Duration>,
    /// The check's peak memory above the resident set before it.
    peak: Option<u64>,
    /// Of it, the binary's own pages ([`CHILD_FILE`]).
    file: Option<u64>,
    /// The peak less the binary's pages, each round's, the median: what issue 18's target of
    /// 4 bytes per input byte is judged on, since the binary's pages are the same 7.7-8.0 MB
    /// for any repository.
    own: Option<u64>,
    /// The median of each round's check/events and check/parse: the three runs of a round are
    /// seconds apart, so a machine that slows down over minutes moves both sides of a round's
    /// ratio alike. Five events, then five parses, then five checks had let the event parse
    /// read slower than the parse that contains it.
    check_events: Option<f64>,
    check_parse: Option<f64>,
}

/// Milliseconds, whole, or `n/a`.
fn ms(d: Option<Duration>) -> String {
    d.map_or_else(
        || "n/a".to_owned(),
        |d| format!("{:.0}", d.as_secs_f64() * 1e3),
    )
}

fn median<T: PartialOrd + Copy>(mut xs: Vec<T>) -> Option<T> {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    xs.get(xs.len() / 2).copied()
}

/// Each of the event parse, the parse and the check with JSON on `dir` in a fresh process,
/// [`ROUNDS`] times in turn.
fn measure(dir: &Path) -> Measured {
    let (mut events, mut parse, mut check, mut peak, mut file, mut own) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut check_events, mut check_parse) = (vec![], vec![]);
    for _ in 0..ROUNDS {
        let e = in_child("events", dir).map(|r| r.0);
        let p = in_child("parse", dir).map(|r| r.0);
        let c = in_child("check", dir);
        if let Some((c, m, f)) = c {
            check.push(c);
            if m > 0 {
                peak.push(m);
                file.push(f);
                own.push(m.saturating_sub(f));
            }
            if let Some(e) = e.filter(|e| !e.is_zero()) {
                check_events.push(c.as_secs_f64() / e.as_secs_f64());
            }
            if let Some(p) = p.filter(|p| !p.is_zero()) {
                check_parse.push(c.as_secs_f64() / p.as_secs_f64());
            }
        }
        events.extend(e);
        parse.extend(p);
    }
    Measured {
        events: median(events),
        parse: median(parse),
        check: median(check),
        peak: median(peak),
        file: median(file),
        own: median(own),
        check_events: median(check_events),
        check_parse: median(check_parse),
    }
}

/// The corpora divan ran, smallest first: name, directory and bytes.
fn ran_corpora() -> Vec<(&'static str, PathBuf, u64)> {
    let mut ran: Vec<(&'static str, PathBuf, u64)> = generated()
        .lock()
        .expect("no bench thread panicked")
        .iter()
        .map(|(name, (dir, bytes))| (*name, dir.clone(), *bytes))
        .collect();
    ran.sort_by_key(|(_, _, bytes)| *bytes);
    ran
}

/// CPU and memory of every corpus divan ran, as ratios: see the module docs.
fn summary() {
    let ran = ran_corpora();
    if ran.is_empty() {
        return;
    }
    eprintln!();
    eprintln!(
        "summary: CPU (user+sys, all threads, median of {ROUNDS} interleaved rounds; ratios are \
         the median of each round's) and peak memory per input byte; `of it, binary MB`: the \
         binary's own pages mapped while checking, the same for any repository; `less it, B \
         per B`: the peak without them (each round's, the median)"
    );
    eprintln!(
        "{:<16} {:>9} {:>10} {:>9} {:>14} {:>12} {:>11} {:>13} {:>17} {:>16}",
        "corpus",
        "input MB",
        "events ms",
        "parse ms",
        "check+json ms",
        "check/events",
        "check/parse",
        "peak B per B",
        "of it, binary MB",
        "less it, B per B"
    );
    let ratio = |r: Option<f64>| r.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}"));
    for (name, dir, bytes) in ran {
        let Measured {
            events,
            parse,
            check,
            peak,
            file,
            own,
            check_events,
            check_parse,
        } = measure(&dir);
        let peak = peak.map_or_else(
            || "n/a".to_owned(),
            |m| format!("{:.1}", m as f64 / bytes as f64),
        );
        let file = file.map_or_else(|| "n/a".to_owned(), |f| format!("{:.1}", f as f64 / 1e6));
        let own = own.map_or_else(
            || "n/a".to_owned(),
            |m| format!("{:.2}", m as f64 / bytes as f64),
        );
        eprintln!(
            "{name:<16} {:>9.1} {:>10} {:>9} {:>14} {:>12} {:>11} {:>13} {:>17} {:>16}",
            bytes as f64 / 1e6,
            ms(events),
            ms(parse),
            ms(check),
            ratio(check_events),
            ratio(check_parse),
            peak,
            file,
            own
        );
    }
}

/// Rounds of each scaling pair, fixed before the run (rounds added until the interval falls on
/// one side would choose the answer). Of 61, the interval holding the median of the ratios is
/// the 23rd smallest and the 23rd largest, 96 % ([`scaling::interval_rank`]). Sized by the
/// rounds' spread, not by a verdict: of 31 rounds the interval (10th smallest to 10th largest,
/// 97 %) reached about ±0.3 around the median on this machine in nine runs of the
/// thirty-seventh and thirty-eighth passes, whose medians sat 0.16 to 0.34 below what is
/// allowed; the interval narrows as one over the square root of the rounds, to about ±0.2 at
/// 61. Seven rounds, before, gave only their lowest and highest (4.62 to 7.21 for providers-x2
/// → providers-x10 in the thirty-sixth pass).
const SCALING_ROUNDS: usize = 61;

/// Issue 18's scaling target, measured in one run: for each pair of [`fivefold_pairs`], the
/// check with JSON on the smaller corpus and then on the larger, each in a fresh process,
/// [`SCALING_ROUNDS`] times; each round's ratio of CPU time, their median, and the interval that
/// holds the true median at 95 % or more. The target is time within 5.5× for each 5× of input,
/// so the ratio allowed is 1.1 times the input's (5.55 for ×10 to ×50, whose inputs are 5.05
/// apart): `yes` when the whole interval is within it, `no` when the whole is above, else
/// `undecided`. The two checks of a round are seconds apart, so a machine that slows down over
/// minutes moves both sides of a round's ratio alike.
///
/// [`fivefold_pairs`]: scaling::fivefold_pairs
fn scaling() {
    let ran = ran_corpora();
    let names: Vec<&str> = ran.iter().map(|(name, ..)| *name).collect();
    let pairs = scaling::fivefold_pairs(&names);
    if pairs.is_empty() {
        return;
    }
    eprintln!();
    eprintln!(
        "scaling: CPU (user+sys, all threads) of the check with JSON on the smaller corpus and \
         then the larger, {SCALING_ROUNDS} rounds; `CPU ×` is the median of the rounds' ratios, \
         `interval` where the true median lies (and how surely), `allowed ×` 1.1 times the \
         input's ratio (issue 18: each ×5 of input within ×5.5 of time), `within` yes when the \
         whole interval is, no when none of it is, else undecided; `above` the rounds above \
         what is allowed, of all (runs fixed in advance add up: `scaling::pooled`)"
    );
    eprintln!(
        "{:<32} {:>8} {:>7} {:>17} {:>10} {:>10} {:>14} {:>7}",
        "corpora", "input ×", "CPU ×", "interval", "allowed ×", "within", "rounds' range", "above"
    );
    for (i, j) in pairs {
        let ((small, sdir, sbytes), (big, bdir, bbytes)) = (&ran[i], &ran[j]);
        let mut ratios = Vec::new();
        for _ in 0..SCALING_ROUNDS {
            let s = in_child("check", sdir).map(|r| r.0);
            let b = in_child("check", bdir).map(|r| r.0);
            if let (Some(s), Some(b)) = (s, b)
                && !s.is_zero()
            {
                ratios.push(b.as_secs_f64() / s.as_secs_f64());
            }
        }
        let input = *bbytes as f64 / *sbytes as f64;
        let allowed = scaling::allowed(input);
        let (cpu, interval, within, range, above) = match scaling::judge(ratios, input) {
            Some(s) => (
                format!("{:.2}", s.median),
                s.interval.map_or_else(
                    || "n/a".to_owned(),
                    |i| format!("{:.2}–{:.2} ({:.0} %)", i.low, i.high, i.chance * 100.0),
                ),
                s.verdict.word().to_owned(),
                format!("{:.2}–{:.2}", s.lowest, s.highest),
                format!("{}/{}", s.above, s.rounds),
            ),
            None => (
                "n/a".to_owned(),
                "n/a".to_owned(),
                "n/a".to_owned(),
                "n/a".to_owned(),
                "n/a".to_owned(),
            ),
        };
        eprintln!(
            "{:<32} {input:>8.2} {cpu:>7} {interval:>17} {allowed:>10.2} {within:>10} {range:>14} {above:>7}",
            format!("{small} → {big}")
        );
    }
}

/// How many times [`example_process`] runs the binary on each repository.
const EXAMPLE_RUNS: u32 = 100;

/// A rule file of the repository's own, for [`example_process`]: README's `team/owner-email`
/// rule under five names (4.6 KB). The shipped packs are parsed when the binary is built; a
/// repository's own rules are parsed on every run (issue 18's twenty-second pass).
fn team_rules() -> String {
    use std::fmt::Write as _;
    (1..=5).fold(String::new(), |mut rules, n| {
        let _ = write!(
            rules,
            r#"// {n}: the team's own rule, written as README's example
rule "team/owner-email-{n}" severity="warning" {{
    summary "A service's owner has an address at the company"
    param "min-availability" 99                      // `rule "team/owner-email" min-availability=98` overrides
    select kind="Service" where="spec.criticality" one-of="critical|high"
    assert "spec.owner.email" matches="@ks-digital\\.example\\.no$" message="owner {{value}} is external"
    assert "spec.sla.availability" min=(param)"min-availability"
    each "spec.depends_on[*]" {{                      // `.` is the list item
        when "." ref kind="Service" {{                // binds `@ref` to the Service it names
            assert "@ref.spec.lifecycle.stage" none-of="deprecated|retired"
        }}
    }}
    expr "!has(self.spec.tenancy) || self.spec.tenancy.model == 'shared' || has(self.spec.owner)"
    help "use the team's shared address"
}}
"#
        );
        rules
    })
}

/// `examples/ks-digital` copied into `target/bench-corpus/example-with-rules`, with
/// [`team_rules`] in `team/team.kdl` and `policies "team"` in its `egenregi.kdl`.
fn example_with_rules() -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("the copy's directory can be made");
        for entry in std::fs::read_dir(from).expect("the example is readable") {
            let entry = entry.expect("the example is readable");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("the example is readable").is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("the example can be copied");
            }
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus/example-with-rules");
    let _ = std::fs::remove_dir_all(&dir);
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ks-digital"),
        &dir,
    );
    std::fs::create_dir_all(dir.join("team")).expect("the rules' directory can be made");
    std::fs::write(dir.join("team/team.kdl"), team_rules()).expect("the rules can be written");
    let config = std::fs::read_to_string(dir.join("egenregi.kdl")).expect("the config is readable");
    std::fs::write(dir.join("egenregi.kdl"), config + "policies \"team\"\n")
        .expect("the config can be written");
    dir
}

/// The whole `egenregi check` process on the example, as a user or a pre-commit hook runs it,
/// and on the example with a rule file of its own ([`example_with_rules`]): loading the binary,
/// relocations, page faults and exit included, which the in-process figures leave out. CPU is
/// the mean over [`EXAMPLE_RUNS`] runs of the children's user + sys time as the kernel adds it
/// up when each is waited for (`/proc/self/stat`, Linux only). First comes `egenregi --version`
/// measured the same way: what starting and ending the process costs any command, so the
/// check's own share of the example's figure can be read off.
fn example_process() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ks-digital");
    let with_rules = example_with_rules();
    eprintln!();
    eprintln!(
        "example: `egenregi --version`, whole process (what every command pays to start and \
         end), CPU (user+sys) per run, {}",
        whole_process(&[OsStr::new("--version")])
    );
    for (name, root) in [
        ("examples/ks-digital", example),
        ("the example with a 4.6 KB rule file of its own", with_rules),
    ] {
        eprintln!(
            "example: `egenregi check` on {name}, whole process, CPU (user+sys) per run, {}",
            whole_process(&[
                OsStr::new("check"),
                root.as_os_str(),
                OsStr::new("-o"),
                OsStr::new("/dev/null")
            ])
        );
    }
}

/// The mean CPU of [`EXAMPLE_RUNS`] runs of the binary with `args`, each a fresh process.
fn whole_process(args: &[&OsStr]) -> String {
    let binary = env!("CARGO_BIN_EXE_egenregi");
    // asked before counting: `getconf` is a child too
    let hz = clock_ticks();
    let before = children_cpu(hz);
    for _ in 0..EXAMPLE_RUNS {
        let status = std::process::Command::new(binary)
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("the binary runs");
        // 0, or 1 for a check's findings; 2 and above mean it did not run through, and the
        // measure would be of something else
        assert!(
            matches!(status.code(), Some(0 | 1)),
            "`egenregi {}` did not run through ({status})",
            args.join(OsStr::new(" ")).display()
        );
    }
    match (before, children_cpu(hz)) {
        (Some(b), Some(a)) => format!(
            "mean of {EXAMPLE_RUNS}: {:.1} ms",
            a.saturating_sub(b).as_secs_f64() * 1e3 / f64::from(EXAMPLE_RUNS)
        ),
        _ => "n/a".to_owned(),
    }
}

/// Clock ticks per second, as `/proc/self/stat` counts them (`getconf CLK_TCK`; 100 if it cannot
/// be asked).
fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse::<u64>().ok())
        .unwrap_or(100)
}

/// The user + sys time of this process's children that have been waited for, in clock ticks of
/// `hz` per second (the kernel adds them up in nanoseconds, so a sum over many runs is exact
/// to a tick).
fn children_cpu(hz: u64) -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // after the command name in parentheses: fields 3.. ; cutime and cstime are fields 16, 17
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_nanos(ticks * 1_000_000_000 / hz))
}

/// Set to a `jsonschema-cli` binary, the bench compares it with egenregi on the national corpus
/// (issue 18): see [`peer_jsonschema_cli`].
const PEER_JSONSCHEMA_CLI: &str = "EGENREGI_BENCH_JSONSCHEMA_CLI";

/// The schema the peer validates with: only the envelope every document has (`apiVersion`,
/// `kind`, `metadata.id`, `spec`), nothing of what egenregi checks beyond it.
const ENVELOPE: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["apiVersion", "kind", "metadata", "spec"],
  "properties": {
    "apiVersion": { "type": "string" },
    "kind": { "type": "string" },
    "metadata": {
      "type": "object",
      "required": ["id"],
      "properties": { "id": { "type": "string" } }
    },
    "spec": { "type": "object" }
  }
}"#;

/// `jsonschema-cli` (not a dependency: installed by hand, its path in [`PEER_JSONSCHEMA_CLI`])
/// validating only an envelope schema over the national corpus's documents, against the whole
/// `egenregi check --format json` of the same corpus. Both read the same YAML: the peer reads one
/// document per file, so each of the corpus's files is cut at its `---` lines into files of one
/// document each (not counted), and the count must equal the documents egenregi reads. Both are
/// whole processes, one invocation each per round, [`ROUNDS`] rounds in turn; CPU is user + sys
/// of the waited-for child (`/proc/self/stat`, in clock ticks), all threads.
fn peer_jsonschema_cli() {
    let Some(peer) = std::env::var_os(PEER_JSONSCHEMA_CLI) else {
        return;
    };
    let root = corpus("national");
    let split = root.with_file_name("national-documents");
    let _ = std::fs::remove_dir_all(&split);
    std::fs::create_dir_all(&split).expect("the split corpus's directory can be made");
    let mut instances = Vec::new();
    for f in files(&root) {
        let text = std::fs::read_to_string(&f.path).expect("the corpus is UTF-8");
        let mut doc = String::new();
        for line in text.split_inclusive('\n').chain(std::iter::once("---\n")) {
            if line.trim_end() != "---" {
                doc.push_str(line);
                continue;
            }
            let blank = doc
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
            if !blank {
                let path = split.join(format!("{:05}.yaml", instances.len()));
                std::fs::write(&path, &doc).expect("the split corpus can be written");
                instances.push(path);
            }
            doc.clear();
        }
    }
    let mut sources = Sources::default();
    let (loaded, _) = load::all(&files(&root), &Limits::default(), &mut sources);
    assert_eq!(
        instances.len(),
        loaded.documents_read,
        "the peer must read the documents egenregi reads"
    );
    let schema = split.join("envelope.schema.json");
    std::fs::write(&schema, ENVELOPE).expect("the envelope schema can be written");
    let peer_run = |instances: &[PathBuf]| {
        std::process::Command::new(&peer)
            .args(["validate", "--offline", "--errors-only"])
            .arg(&schema)
            .arg("-i")
            .args(instances)
            .output()
            .expect("jsonschema-cli runs")
    };
    // The envelope is enforced: a document without `metadata.id` fails it.
    let bad = split.join("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: x\nkind: Tenant\nmetadata: {}\nspec: {}\n",
    )
    .expect("the bad document can be written");
    assert!(
        !peer_run(std::slice::from_ref(&bad)).status.success(),
        "jsonschema-cli must reject a document without metadata.id"
    );
    std::fs::remove_file(&bad).expect("the bad document can be removed");
    let hz = clock_ticks();
    let cpu_of = |run: &mut dyn FnMut() -> bool| -> Option<Duration> {
        let before = children_cpu(hz)?;
        run().then_some(())?;
        Some(children_cpu(hz)?.saturating_sub(before))
    };
    let (mut theirs, mut ours, mut ratios) = (vec![], vec![], vec![]);
    for _ in 0..ROUNDS {
        let t = cpu_of(&mut || peer_run(&instances).status.success());
        let o = cpu_of(&mut || {
            std::process::Command::new(env!("CARGO_BIN_EXE_egenregi"))
                .arg("check")
                .arg(&root)
                .args(["--format", "json", "-o", "/dev/null"])
                .status()
                .is_ok_and(|s| matches!(s.code(), Some(0 | 1)))
        });
        if let (Some(t), Some(o)) = (t, o)
            && !t.is_zero()
        {
            ratios.push(o.as_secs_f64() / t.as_secs_f64());
        }
        theirs.extend(t);
        ours.extend(o);
    }
    eprintln!();
    eprintln!(
        "peer: jsonschema-cli validating an envelope schema over the {} YAML documents of \
         `national`, one invocation: {} ms; `egenregi check --format json`: {} ms; \
         egenregi/peer {} (CPU, user+sys, whole processes, medians of {ROUNDS} rounds in turn)",
        instances.len(),
        ms(median(theirs)),
        ms(median(ours)),
        median(ratios).map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}")),
    );
}
