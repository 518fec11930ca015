//! Every rule's `explain` example is executed: the failing example must fire the rule and the
//! passing one must not, so the documentation cannot rot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

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

#[test]
fn every_example_fails_and_passes_as_documented() {
    let registry = Registry::new();
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
    assert!(checked >= 25, "only {checked} rules have examples");
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
