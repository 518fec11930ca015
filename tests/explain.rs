//! Every rule's `explain` example is executed: the failing example must fire the rule and the
//! passing one must not, so the documentation cannot rot. And the catalogue polices itself: a
//! rule without an example, a fixture line in `examples/broken` or the citations its legal
//! condition needs fails a test here, so a new rule needs its file and its fixture and nothing
//! else.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use std::collections::BTreeSet;
use std::path::Path;

use egenregi::Options;
use egenregi::rules::Registry;

fn fires(rule: &str, yaml: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("egenregi.kdl"), "as-of \"2026-11-22\"\n").unwrap();
    std::fs::write(dir.path().join("example.yaml"), yaml).unwrap();
    // A repository with nothing of egenregi's in it is not checked at all (exit 2); this
    // document keeps an example made only of another tool's YAML (`yaml/foreign`) checkable.
    std::fs::write(
        dir.path().join("zz-anchor.yaml"),
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: zz-anchor}\nspec: {type: association, contracting_authority: true}\n",
    )
    .unwrap();
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    outcome
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.clone())
        .collect()
}

/// The catalogue outside any repository: the built-in rules and the shipped policies.
fn shipped() -> Registry {
    let dir = tempfile::tempdir().unwrap();
    egenregi::catalogue(dir.path()).unwrap()
}

/// Rules that cannot have an executed example, and why.
const NO_EXAMPLE: &[(&str, &str)] = &[
    (
        "repo/outside-root",
        "needs a link out of the repository; tests/gate.rs builds one",
    ),
    (
        "repo/policies-not-named",
        "its finding is on a directory, not in a document; tests/hostile.rs builds one",
    ),
    (
        "repo/unreadable",
        "needs a file the checker may not read; tests/gate.rs builds one",
    ),
    (
        "schema/invalid",
        "the fallback for a schema keyword no other `schema/*` rule names; no shipped schema uses one",
    ),
];

/// Rules with no `# expect:` line in `examples/broken` or `examples/broken-input`, and why.
/// Only shrinks.
const NO_FIXTURE: &[(&str, &str)] = &[
    (
        "repo/outside-root",
        "a link out of the checkout cannot be committed",
    ),
    (
        "repo/policies-not-named",
        "a `policies/` directory in examples/broken would warn on every run of the example",
    ),
    ("repo/unreadable", "an unreadable file cannot be committed"),
    ("schema/invalid", "see NO_EXAMPLE"),
];

/// Every rule id announced by an `# expect:` comment under `dir`.
fn expected_ids(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            expected_ids(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            for (_, rest) in text.lines().filter_map(|l| l.split_once("# expect:")) {
                out.extend(
                    rest.split([',', ' '])
                        .filter(|id| id.contains('/'))
                        .map(str::to_owned),
                );
            }
        }
    }
}

#[test]
fn every_rule_has_an_example_and_a_fixture_line() {
    let catalogue = shipped();
    let mut fixtures = BTreeSet::new();
    expected_ids(Path::new("examples/broken"), &mut fixtures);
    expected_ids(Path::new("examples/broken-input"), &mut fixtures);
    for rule in &catalogue.rules {
        let id = rule.id.as_ref();
        let exempt = |list: &[(&str, &str)]| list.iter().any(|(r, _)| *r == id);
        assert_eq!(
            rule.example.is_none(),
            exempt(NO_EXAMPLE),
            "{id}: every rule has an `Example {{ fails, passes }}` (NO_EXAMPLE lists the exceptions; remove a rule from it once it has one)"
        );
        assert_eq!(
            !fixtures.contains(id),
            exempt(NO_FIXTURE),
            "{id}: every rule has a line in examples/broken or examples/broken-input with `# expect: {id}` where its finding starts (NO_FIXTURE lists the exceptions; remove a rule from it once it has one)"
        );
    }
    for id in &fixtures {
        assert!(
            catalogue.get(id).is_some(),
            "examples/broken expects unknown rule {id}"
        );
    }
}

#[test]
fn legal_rules_cite_their_basis_and_say_how_far_it_is_verified() {
    let catalogue = shipped();
    let pack = egenregi::analysis::pack::load("no").unwrap();
    for rule in &catalogue.rules {
        let id = rule.id.as_ref();
        if rule.condition.is_legal() {
            assert!(
                !rule.cites.is_empty(),
                "{id} bears on {}: it needs `cite \"{id}\"` in policies/jurisdictions/no.kdl",
                rule.condition
            );
        }
        for c in &rule.cites {
            assert!(
                egenregi::rule::VERIFICATION.contains(&c.verified.as_str()),
                "{id}: `{}` says verified={:?}",
                c.text,
                c.verified
            );
        }
    }
    // The pack's citation keys are rule ids, and each names a rule with a legal condition.
    for key in pack.citations.keys() {
        let rule = catalogue.get(key);
        assert!(rule.is_some(), "the pack cites unknown rule {key}");
        assert!(
            rule.is_some_and(|r| r.condition.is_legal()),
            "the pack cites {key}, whose condition is not a legal one"
        );
    }
    // The shipped policies that rest on law carry it in every format, not a "see" in the help.
    for (id, cited) in [
        ("service/dpia", "GDPR art. 35"),
        ("tenant/dpa", "GDPR art. 28"),
        ("service/third-country", "GDPR art. 44–49"),
        (
            "service/accessibility",
            "likestillings- og diskrimineringsloven § 18",
        ),
    ] {
        let rule = catalogue.get(id).unwrap();
        assert!(rule.legal_basis().iter().any(|c| c == cited), "{id}");
    }
    assert!(
        catalogue
            .get("service/accessibility")
            .unwrap()
            .legal_basis()
            .iter()
            .any(|c| c.contains("universell utforming av IKT"))
    );
}

#[test]
fn every_example_fails_and_passes_as_documented() {
    let registry = shipped();
    let mut checked = 0;
    for rule in &registry.rules {
        let Some(example) = rule.example else {
            continue;
        };
        assert!(
            !fires(&rule.id, example.fails).is_empty(),
            "the failing example of {} does not fire it",
            rule.id
        );
        let passing = fires(&rule.id, example.passes);
        assert!(
            passing.is_empty(),
            "the passing example of {} fires it: {passing:?}",
            rule.id
        );
        checked += 1;
    }
    assert!(checked >= 55, "only {checked} rules have examples");
}

#[test]
fn explain_text_shows_the_examples() {
    let registry = Registry::new();
    let rule = registry.get("entity/orgnr").unwrap();
    let text = egenregi::report::explain(rule, &[]);
    assert!(text.contains("MOD11") && text.contains("Fails:") && text.contains("971032147"));
    assert!(
        !text.contains("legal advice"),
        "integrity rules cite no law"
    );
    let pack = egenregi::analysis::pack::load("no").unwrap();
    let rule = registry.get("inhouse/activity-share").unwrap();
    let text = egenregi::report::explain(rule, &pack.citations["inhouse/activity-share"]);
    assert!(
        text.contains("§ 3-1")
            && text.contains("Undis Servizi")
            && text.contains("not legal advice"),
        "{text}"
    );
}
