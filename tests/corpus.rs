//! The corpus generator (`examples/gen-corpus.rs`) writes clean repos by the standard of
//! `examples/ks-digital`, the same bytes for the same seed, and faults the checker finds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

mod common;

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "the generator's command line is not used here")]
mod gen_corpus;

use std::collections::BTreeMap;
use std::path::Path;

use egenregi::finding::Severity;
use egenregi::{Options, Outcome};
use gen_corpus::{Config, FaultKind, generate};

/// Warnings the legal rules give on a clean repo built like `examples/ks-digital`.
const EXPECTED_WARNINGS: &[&str] = &[
    "inhouse/control-via-association",
    "inhouse/control-conflict",
];

fn small(faults: usize, seed: u64) -> Config {
    Config {
        scale: 0.15,
        faults,
        seed,
        providers: 0,
    }
}

fn check(root: &Path) -> Outcome {
    egenregi::check(root, &Options::default()).unwrap()
}

fn line(outcome: &Outcome, f: &egenregi::finding::Finding) -> (String, usize) {
    let source = outcome.sources.get(f.location.source);
    (
        source.path.clone(),
        source.line_col(f.location.span.start).0,
    )
}

fn mod11(orgnr: &str) -> bool {
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    let d: Vec<u32> = orgnr.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 || orgnr.len() != 9 {
        return false;
    }
    let sum: u32 = d[..8].iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => d[8] == 0,
        10 => false,
        c => d[8] == c,
    }
}

#[test]
fn a_generated_repo_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), &small(0, 2026)).unwrap();
    assert!(
        summary.subscriptions > 500 && summary.services > 5,
        "{summary:?}"
    );
    let out = check(dir.path());
    let noisy: Vec<_> = out
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                || (f.severity == Severity::Warning
                    && !EXPECTED_WARNINGS.contains(&f.rule.as_ref()))
        })
        .map(|f| (line(&out, f), f.rule.to_string(), f.message.clone()))
        .take(20)
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    assert_eq!(out.documents, summary.documents);

    // Identifiers the generator computes itself are checked here too, so that the corpus stays
    // valid even before (or without) the checker's own rules for them.
    let mut seen = std::collections::HashSet::new();
    for doc in out
        .sources
        .iter()
        .filter(|(_, s)| s.path.starts_with("entities/"))
    {
        for line in doc.1.text.lines() {
            if let Some(n) = line.trim().strip_prefix("orgnr: ") {
                let n = n.trim_matches('"');
                assert!(mod11(n), "{n} in {}", doc.1.path);
                assert!(seen.insert(n.to_owned()), "{n} twice");
            }
            if let Some(n) = line.trim().strip_prefix("municipality_number: ") {
                let n = n.trim_matches('"');
                let counties = [
                    "03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50",
                    "55", "56",
                ];
                assert!(n.len() == 4 && counties.contains(&&n[..2]), "{n}");
            }
        }
    }
}

/// `--providers many`: regional companies owned by blocks of eight municipalities, whose owners
/// buy from them in-house through the owners' council (joint control, § 3-2). Such a repo is as
/// clean as the one-provider corpus: every new subscription is a passing in-house award, and
/// only KS's two structural warnings remain.
#[test]
fn a_generated_repo_with_many_providers_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        providers: Config::many_providers(0.15),
        ..small(0, 2026)
    };
    let summary = generate(dir.path(), &config).unwrap();
    assert!(summary.providers >= 6, "{summary:?}");
    let out = check(dir.path());
    let noisy: Vec<_> = out
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                || (f.severity == Severity::Warning
                    && !EXPECTED_WARNINGS.contains(&f.rule.as_ref()))
        })
        .map(|f| (line(&out, f), f.rule.to_string(), f.message.clone()))
        .take(20)
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    // Every subscription to a regional company is judged and passes.
    let regional: Vec<_> = out
        .figures
        .decisions
        .iter()
        .filter(|d| {
            d.subject
                .provider
                .as_deref()
                .is_some_and(|p| p.starts_with("ikt-"))
        })
        .collect();
    assert!(
        regional.len() >= summary.providers * 3,
        "{}",
        regional.len()
    );
    assert!(
        regional
            .iter()
            .all(|d| d.verdict == egenregi::analysis::decision::Verdict::Holds),
        "{:#?}",
        regional
            .iter()
            .find(|d| d.verdict != egenregi::analysis::decision::Verdict::Holds)
    );
}

/// Above ×25 the municipality names run out (about 9,100 distinct ones); the generator numbers
/// them rather than drawing forever, which made `--scale 50` hang. ×50 draws 17,850.
#[test]
fn names_past_the_supply_are_numbered_instead_of_drawn_forever() {
    let mut rng = gen_corpus::Rng::new(50);
    let mut used = std::collections::HashSet::new();
    let names: Vec<String> = (0..17_850)
        .map(|_| gen_corpus::municipality_name(&mut rng, &mut used))
        .collect();
    assert_eq!(used.len(), 17_850, "every name has its own slug");
    assert!(names.iter().any(|n| n.ends_with(" 2")), "some are numbered");
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let read_all = |root: &Path| {
        let mut files = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(root).unwrap().to_path_buf();
                    files.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
        files
    };
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(a.path(), &small(7, 11)).unwrap();
    generate(b.path(), &small(7, 11)).unwrap();
    generate(c.path(), &small(7, 12)).unwrap();
    let (a, b, c) = (read_all(a.path()), read_all(b.path()), read_all(c.path()));
    assert!(a == b, "same seed, different output");
    assert!(a != c, "the seed changes nothing");
}

#[test]
fn every_injected_fault_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), &small(40, 5)).unwrap();
    assert_eq!(summary.faults.len(), 40);
    for kind in FaultKind::ALL {
        assert_eq!(
            summary.faults.iter().filter(|f| f.kind == kind).count(),
            8,
            "{kind:?}"
        );
    }
    let out = check(dir.path());
    let found: std::collections::HashSet<((String, usize), String)> = out
        .findings
        .iter()
        .map(|f| (line(&out, f), f.rule.to_string()))
        .collect();
    let mut checked = std::collections::BTreeSet::new();
    for fault in &summary.faults {
        let rule = fault.kind.rule();
        // A rule this build does not have yet (the fault list names it for the day it lands).
        if out.registry.get(rule).is_none() {
            continue;
        }
        checked.insert(rule);
        assert!(
            found.contains(&((fault.file.clone(), fault.line), rule.to_owned())),
            "{rule} not reported at {}:{}",
            fault.file,
            fault.line
        );
    }
    // The YAML and schema faults are always checkable.
    for rule in [
        "schema/additional-properties",
        "schema/enum",
        "yaml/duplicate-key",
        "yaml/ambiguous-scalar",
    ] {
        assert!(checked.contains(rule), "{rule} was not checked");
    }
}

/// The decisions and control paths of one subscription hold one copy of what it names (its
/// `Subject`: target, tenant, buyer, service, provider, basis) and of its date, and every
/// in-house subscription naming a buyer, service or provider holds that id's one copy: made per
/// decision, they were seven allocations each, for 30,000 decisions at national scale, and six
/// reference-counted names per decision and four per control path after that (issue 18).
#[test]
fn decisions_and_control_paths_share_their_names() {
    use egenregi::analysis::decision::{Name, Subject};
    use std::collections::{HashMap, HashSet};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &small(0, 7)).unwrap();
    let out = check(dir.path());
    let figures = &out.figures;
    let inhouse: Vec<_> = figures
        .decisions
        .iter()
        .filter(|d| &*d.subject.basis == "in-house")
        .collect();
    let mut subject: HashMap<(&str, usize), &Arc<Subject>> = HashMap::new();
    let mut ids: HashMap<&str, &Name> = HashMap::new();
    let mut as_of: Option<&Name> = None;
    let (mut pairs, mut paths) = (0, 0);
    for d in &inhouse {
        let s = &d.subject;
        let first = subject.entry(s.key()).or_insert(s);
        assert!(Arc::ptr_eq(first, s), "{} made twice", s.subscription());
        for id in [&s.buyer, &s.service, &s.provider].into_iter().flatten() {
            let first = ids.entry(id).or_insert(id);
            assert!(Name::ptr_eq(first, id), "{id} made twice");
        }
        if d.purpose == "as-of" {
            // Its award decision came first, with the same subject.
            pairs += 1;
            let date = d.date.as_ref().unwrap();
            assert!(Name::ptr_eq(as_of.get_or_insert(date), date), "{date}");
        }
    }
    // A control path names its decision (an in-house one naming buyer, service and provider),
    // each path its own; the path starts at that decision's buyer, and a control condition of
    // the decision shows the path's links. A path moved apart from its decision when the
    // decisions are put in order would name another buyer.
    let mut named = HashSet::new();
    for (c, d) in figures.control_paths() {
        let s = &d.subject;
        assert_eq!(&*s.basis, "in-house", "{}", s.subscription());
        assert!(
            named.insert(c.decision),
            "two paths name {}",
            s.subscription()
        );
        for id in [s.authority(), s.service(), s.provider()] {
            assert!(!id.is_empty() && ids.contains_key(id), "{id}");
        }
        assert_eq!(
            c.answer.path.first().map(String::as_str),
            s.buyer.as_deref(),
            "{}",
            s.subscription()
        );
        if let Some(links) = d.condition("control").and_then(|k| k.path.as_deref()) {
            assert_eq!(links, &*c.answer.path, "{}", s.subscription());
        }
        paths += 1;
    }
    assert_eq!(paths, figures.control.len(), "a path names no decision");
    // The paths that found the same answer hold one allocation of it (one per authority,
    // provider and epoch), where each held its own kind, path and words.
    let found: Vec<_> = figures
        .control
        .iter()
        .filter(|c| c.answer.kind != egenregi::analysis::ControlKind::None)
        .collect();
    let allocations: HashSet<usize> = found
        .iter()
        .map(|c| Arc::as_ptr(&c.answer) as usize)
        .collect();
    let answers: HashSet<(&str, &[String])> = found
        .iter()
        .map(|c| (&*c.answer.explanation, &*c.answer.path))
        .collect();
    assert!(
        found.len() > 100 && allocations.len() * 4 < found.len(),
        "{} found paths, {} answers, {} allocations",
        found.len(),
        answers.len(),
        allocations.len()
    );
    // Enough of each to mean something: most subscriptions run on the as-of date, so they have
    // an award and an as-of decision, and two control paths.
    assert!(
        pairs > 100 && paths > 2 * pairs - 10,
        "{pairs} pairs, {paths} paths"
    );
    assert!(ids.len() < inhouse.len() / 10, "{} ids", ids.len());
}

/// The in-house decisions of one buyer and provider on the as-of date share one list of
/// conditions: the structure conditions of the buyer, provider and epoch with the provider's
/// activity condition for the year. Made per decision, they were a list each, 30,000 at
/// national scale, copies of a few hundred (issue 18). A list one decision adds to is its own
/// (copied on write), so two decisions with the same conditions, one by one, hold one list.
#[test]
fn decisions_share_their_lists_of_conditions() {
    use std::collections::HashMap;
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &small(0, 7)).unwrap();
    let out = check(dir.path());
    // (buyer, provider) -> the conditions (by identity) -> where that list is.
    let mut lists: HashMap<(&str, &str), HashMap<Vec<usize>, usize>> = HashMap::new();
    let mut decisions = 0;
    for d in &out.figures.decisions {
        if &*d.subject.basis != "in-house" || d.purpose != "as-of" {
            continue;
        }
        let (Some(buyer), Some(provider)) = (&d.subject.buyer, &d.subject.provider) else {
            continue;
        };
        decisions += 1;
        let by_identity: Vec<usize> = d
            .conditions
            .iter()
            .map(|c| std::sync::Arc::as_ptr(c) as usize)
            .collect();
        let at = d.conditions.as_ptr() as usize;
        let first = *lists
            .entry((buyer, provider))
            .or_default()
            .entry(by_identity)
            .or_insert(at);
        assert_eq!(first, at, "{}: its own copy", d.subject.subscription());
    }
    let distinct: usize = lists.values().map(HashMap::len).sum();
    // Enough to mean something: most buyers subscribe to several services of one provider.
    assert!(
        decisions > 100 && distinct * 2 < decisions,
        "{decisions} decisions, {distinct} lists"
    );
}

/// The assumptions of one buyer's structure that name no date ("`ks` is a contracting
/// authority, as its document states") are one list for every date of the structure's epoch:
/// each award date, nearly all different, had its own copy (2 MB of the national heap peak).
#[test]
fn undated_assumptions_are_one_list_per_structure() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &small(0, 7)).unwrap();
    let out = check(dir.path());
    let undated: Vec<_> = out
        .figures
        .decisions
        .iter()
        .filter(|d| {
            &*d.subject.basis == "in-house"
                && !d.assumptions.is_empty()
                && d.date
                    .as_ref()
                    .is_some_and(|date| !d.assumptions.iter().any(|m| m.en.contains(&**date)))
        })
        .collect();
    let lists: std::collections::HashSet<usize> = undated
        .iter()
        .map(|d| d.assumptions.as_ptr() as usize)
        .collect();
    // Award and as-of decisions of one buyer, provider and epoch hold one list: at least two
    // decisions a list, where each award decision had its own.
    assert!(
        undated.len() > 100 && lists.len() * 2 < undated.len(),
        "{} decisions, {} lists",
        undated.len(),
        lists.len()
    );
}

/// An assumption that names a date names its own decision's: `ks` (an association that does not
/// say it is a contracting authority) is one because of its members *on the date judged*, so
/// the award decisions of `examples/ks-digital` (nine award dates, 2022-03-01 … 2026-01-01) and
/// its as-of decisions must each say their own date, never one kept from another decision.
#[test]
fn an_assumption_that_names_a_date_names_its_own_decisions() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(Path::new("examples/ks-digital"), dir.path());
    let ks = dir.path().join("entities/ks.yaml");
    let text = std::fs::read_to_string(&ks).unwrap();
    assert!(text.contains("  contracting_authority: true\n"));
    std::fs::write(&ks, text.replace("  contracting_authority: true\n", "")).unwrap();
    let out = check(dir.path());
    let mut dates = std::collections::BTreeSet::new();
    for d in &out.figures.decisions {
        let Some(date) = &d.date else { continue };
        for m in &d.assumptions {
            if m.en.contains("members on ") {
                assert!(
                    m.en.contains(&format!("members on {date} ")),
                    "{} ({date}): {}",
                    d.subject.subscription(),
                    m.en
                );
                dates.insert(date.to_string());
            }
        }
    }
    // Several award dates and the as-of date, so a list kept across dates would show.
    assert!(dates.len() >= 3, "{dates:?}");
}

/// The one list of decisions is sized once, for the in-house decisions (two per subscription at
/// most) and the other bases' that it takes in: appending them used to double it, and the old
/// list and the new together were the peak of the national corpus (13 of 54 MB).
#[test]
fn the_decision_list_is_sized_once() {
    use std::collections::HashSet;
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &small(0, 7)).unwrap();
    let out = check(dir.path());
    let decisions = &out.figures.decisions;
    let others = decisions
        .iter()
        .filter(|d| &*d.subject.basis != "in-house")
        .count();
    let subscriptions: HashSet<(&str, usize)> = decisions
        .iter()
        .filter(|d| &*d.subject.basis == "in-house")
        .map(|d| d.subject.key())
        .collect();
    assert!(others > 0 && !subscriptions.is_empty(), "{others}");
    assert!(
        decisions.capacity() <= 2 * subscriptions.len() + others,
        "capacity {} for {} decisions: {others} of other bases, {} subscriptions in-house",
        decisions.capacity(),
        decisions.len(),
        subscriptions.len()
    );
}
