//! The policy language end to end: the shipped pack's fixtures and examples, a repository's own
//! rules, severity overrides, `--skip`, parameters, and a reviewed snapshot of every kind of
//! rule-file error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use std::path::Path;

use egenregi::finding::Severity;
use egenregi::report::HumanStyle;
use egenregi::{Options, SetupError, fixture};

/// A throwaway repository: `egenregi.kdl`, rule files under `rules/`, and YAML files.
fn repo(config: &str, rules: &[(&str, &str)], yaml: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("egenregi.kdl"), config).unwrap();
    for (name, text) in rules {
        let path = dir.path().join("rules").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    for (name, text) in yaml {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const PINNED: &str = "as-of \"2026-11-22\"\n";
const WITH_RULES: &str = "as-of \"2026-11-22\"\npolicies \"rules\"\n";

const WEAK_SLA: &str = "\
apiVersion: egenregi/v1
kind: Service
metadata: {id: svarut}
spec:
  provider: ks-digital
  criticality: critical
  lifecycle: {stage: active}
  owner: {team: fiks, email: fiks@example.com}
  sla: {availability: 99.0, support: \"24/7\", rto: 4h, rpo: 15m}
  security: {ros: {reference: ROS-1, date: 2025-11-21}}
  data: {personal_data: false, dpia: {reference: DPIA-1, date: 2025-01-01}}
";

#[test]
fn shipped_pack_fixtures_pass() {
    let results = fixture::run(Path::new("tests/fixtures/policy"), &Options::default()).unwrap();
    assert!(results.files.len() >= 3, "fixtures missing");
    assert!(results.passed(), "{}", results.render());
}

#[test]
fn every_shipped_rule_is_registered_with_an_example_that_fails_and_passes() {
    // One document: a repository with none is not checked at all.
    let empty = repo(PINNED, &[], &[("svarut.yaml", WEAK_SLA)]);
    let outcome = egenregi::check(empty.path(), &Options::default()).unwrap();
    let shipped = [
        "service/accessibility",
        "service/critical-sla",
        "service/dependencies",
        "service/dpia",
        "service/lifecycle",
        "service/ros-fresh",
        "service/third-country",
        "tenant/dissolved",
        "tenant/dpa",
    ];
    for id in shipped {
        let rule = outcome
            .registry
            .get(id)
            .unwrap_or_else(|| panic!("{id} not registered"));
        assert!(rule.explain.len() > 200, "{id} needs a real explain text");
        assert!(
            !rule.summary.ends_with('.'),
            "{id}: summaries are fragments"
        );
        let example = rule
            .example
            .unwrap_or_else(|| panic!("{id} has no example"));
        let fires = |yaml: &[u8]| {
            let dir = repo(PINNED, &[], &[]);
            std::fs::write(dir.path().join("example.yaml"), yaml).unwrap();
            let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
            outcome
                .findings
                .iter()
                .filter(|f| f.rule == id)
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
        };
        assert!(
            !fires(example.fails).is_empty(),
            "the failing example of {id} does not fire it"
        );
        let passing = fires(example.passes);
        assert!(
            passing.is_empty(),
            "the passing example of {id} fires it: {passing:?}"
        );
    }
    assert_eq!(
        outcome
            .registry
            .get("service/ros-fresh")
            .unwrap()
            .params
            .as_ref(),
        ["max-age-days"]
    );
}

const TEAM_RULES: &str = r#"
rule "team/owner-email" severity="warning" {
    summary "A service's owner has an address at the company"
    select kind="Service"
    assert "spec.owner.email" matches="@ks-digital\\.example\\.no$" message="owner address {value} is outside the company"
    help "use the team's shared address"
}

rule "team/critical-depends" severity="note" {
    summary "A critical service lists its dependencies"
    param "min-deps" 1
    select kind="Service" where="spec.criticality" equals="critical"
    expr "has(self.spec.depends_on) && size(self.spec.depends_on) >= params['min-deps']" at="spec.criticality"
}
"#;

#[test]
fn a_repository_rule_runs_end_to_end_with_a_label_in_its_file() {
    let dir = repo(
        WITH_RULES,
        &[("team.kdl", TEAM_RULES)],
        &[("svarut.yaml", WEAK_SLA)],
    );
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    let email = outcome
        .findings
        .iter()
        .find(|f| f.rule == "team/owner-email")
        .expect("the user rule fires");
    assert_eq!(email.severity, Severity::Warning);
    assert_eq!(
        email.message,
        "owner address fiks@example.com is outside the company"
    );
    assert_eq!(
        email.target.as_deref(),
        Some("Service/svarut#/spec/owner/email")
    );
    let file = outcome.sources.get(email.location.source);
    assert_eq!(file.path, "svarut.yaml");
    assert_eq!(file.slice(email.location.span.clone()), "fiks@example.com");
    let label = &email.labels[0];
    let rules = outcome.sources.get(label.location.source);
    assert_eq!(rules.path, "rules/team.kdl");
    assert!(
        rules
            .slice(label.location.span.clone())
            .starts_with("assert \"spec.owner.email\"")
    );
    assert_eq!(email.help.as_deref(), Some("use the team's shared address"));

    let deps = outcome
        .findings
        .iter()
        .find(|f| f.rule == "team/critical-depends")
        .expect("the CEL rule fires");
    assert_eq!(deps.severity, Severity::Note);
    let file = outcome.sources.get(deps.location.source);
    assert_eq!(file.slice(deps.location.span.clone()), "critical");
    assert!(
        deps.message.contains("size(self.spec.depends_on)"),
        "{}",
        deps.message
    );

    // The shipped rules run beside them, and the human report shows the rule's line.
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.rule == "service/critical-sla")
    );
    let human = egenregi::report::render(
        &outcome,
        egenregi::report::Format::Human,
        HumanStyle::default(),
    );
    assert!(human.contains("rules/team.kdl"), "{human}");
}

#[test]
fn severity_overrides_parameters_and_skip_apply_to_policy_rules() {
    let config = "as-of \"2026-11-22\"\nrule \"service/critical-sla\" severity=\"note\"\nrule \"service/ros-fresh\" max-age-days=540\n";
    let dir = repo(config, &[], &[("svarut.yaml", WEAK_SLA)]);
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    let sla = outcome
        .findings
        .iter()
        .find(|f| f.rule == "service/critical-sla")
        .unwrap();
    assert_eq!(sla.severity, Severity::Note);
    assert!(
        sla.labels
            .iter()
            .any(|l| l.message == "severity set to note here")
    );
    // The ROS is 366 days old: stale under the default 365, fresh under 540.
    assert!(
        !outcome
            .findings
            .iter()
            .any(|f| f.rule == "service/ros-fresh")
    );
    let default = repo(PINNED, &[], &[("svarut.yaml", WEAK_SLA)]);
    let outcome = egenregi::check(default.path(), &Options::default()).unwrap();
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.rule == "service/ros-fresh")
    );

    let skip = Options {
        skip: vec!["service/critical-sla".into()],
        ..Options::default()
    };
    let outcome = egenregi::check(default.path(), &skip).unwrap();
    assert!(
        !outcome
            .findings
            .iter()
            .any(|f| f.rule == "service/critical-sla")
    );
    let only = Options {
        only: vec!["service/critical-sla".into()],
        ..Options::default()
    };
    let outcome = egenregi::check(default.path(), &only).unwrap();
    assert!(
        outcome
            .findings
            .iter()
            .all(|f| f.rule == "service/critical-sla")
    );
    assert!(!outcome.findings.is_empty());
}

#[test]
fn an_unknown_parameter_in_the_config_is_refused() {
    let config = "as-of \"2026-11-22\"\nrule \"service/ros-fresh\" max-age=540\n";
    let dir = repo(config, &[], &[]);
    let err = egenregi::check(dir.path(), &Options::default()).unwrap_err();
    assert!(
        render(&err).contains("has no parameter `max-age`"),
        "{}",
        render(&err)
    );
}

fn render(err: &SetupError) -> String {
    let mut out = String::new();
    egenregi::report::human::handler(HumanStyle::default())
        .render_report(&mut out, err)
        .unwrap();
    out
}

/// The rendered error for a repository whose only rule file is `rules/bad.kdl`.
fn rule_file_error(text: &str) -> String {
    let dir = repo(WITH_RULES, &[("bad.kdl", text)], &[]);
    let err = egenregi::check(dir.path(), &Options::default()).unwrap_err();
    assert!(matches!(err, SetupError::Config(_)), "{err:?}");
    render(&err)
}

#[test]
fn error_kdl_syntax() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\n}\n"
    ));
}

#[test]
fn error_unknown_node() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    asert \"spec.criticality\" exists\n}\n"
    ));
}

#[test]
fn error_unknown_property() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    assert \"spec.sla.availability\" minimum=99.5\n}\n"
    ));
}

#[test]
fn error_bad_regex() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    assert \"spec.owner.email\" matches=\"(a|b\"\n}\n"
    ));
}

#[test]
fn error_bad_path() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    assert \"spec..sla\" exists\n}\n"
    ));
}

#[test]
fn error_cel_syntax() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    expr \"self.spec.criticality == 'critical' &&\"\n}\n"
    ));
}

#[test]
fn error_cel_unknown_variable() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    expr \"slf.spec.criticality == 'critical'\"\n}\n"
    ));
}

#[test]
fn error_bad_severity() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"eror\" {\n    summary \"x\"\n    select kind=\"Service\"\n    assert \"spec.criticality\" exists\n}\n"
    ));
}

#[test]
fn error_unbound_reference_and_unknown_parameter() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"team/x\" severity=\"error\" {\n    summary \"x\"\n    param \"max-age-days\" 30\n    select kind=\"Tenant\"\n    assert \"@ref.spec.criticality\" exists\n    assert \"spec.since\" max-age-days=(param)\"max-age\"\n}\n"
    ));
}

#[test]
fn error_duplicate_and_builtin_ids() {
    insta::assert_snapshot!(rule_file_error(
        "rule \"service/dpia\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    assert \"spec.data\" exists\n}\nrule \"yaml/syntax\" severity=\"error\" {\n    summary \"x\"\n    select kind=\"Service\"\n    assert \"spec.data\" exists\n}\n"
    ));
}

#[test]
fn missing_policies_directory_points_at_the_config() {
    let dir = repo(WITH_RULES, &[], &[]);
    let err = egenregi::check(dir.path(), &Options::default()).unwrap_err();
    insta::assert_snapshot!(render(&err));
}

#[test]
fn hostile_rule_files_are_refused_not_crashed_on() {
    let deep = format!("{}{}", "a {".repeat(5000), "}".repeat(5000));
    assert!(rule_file_error(&deep).contains("nest more than"));
    let chain = vec!["1"; 3000].join(" + ");
    let cel = format!(
        "rule \"team/x\" severity=\"error\" {{\n summary \"x\"\n select kind=\"Service\"\n expr \"{chain} > 0\"\n}}\n"
    );
    assert!(rule_file_error(&cel).contains("bytes long"));
    let parens = format!("{}1{}", "(".repeat(500), ")".repeat(500));
    let cel = format!(
        "rule \"team/x\" severity=\"error\" {{\n summary \"x\"\n select kind=\"Service\"\n expr \"{parens} > 0\"\n}}\n"
    );
    assert!(rule_file_error(&cel).contains("nest more than"));
}

#[test]
fn a_failing_expression_is_reported_on_the_document() {
    let rules = "rule \"team/x\" severity=\"warning\" {\n summary \"x\"\n select kind=\"Service\"\n expr \"self.spec.nope == 1\"\n}\n";
    let dir = repo(
        WITH_RULES,
        &[("x.kdl", rules)],
        &[("svarut.yaml", WEAK_SLA)],
    );
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    let f = outcome
        .findings
        .iter()
        .find(|f| f.rule == "team/x")
        .unwrap();
    assert!(f.message.contains("cannot be evaluated"), "{}", f.message);
    assert!(f.message.contains("nope"), "{}", f.message);
}

#[test]
fn waivers_cover_policy_rules_like_built_in_ones() {
    let waiver = |expires: &str| {
        format!(
            "apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {{id: w-sla}}\nspec:\n  rule: service/critical-sla\n  targets: [\"Service/svarut#/spec/sla\"]\n  reason: \"The new hosting contract raises the SLA in January\"\n  approved_by: \"Kari Nordmann, platform lead\"\n  expires: {expires}\n"
        )
    };
    let active = waiver("2027-01-31");
    let dir = repo(
        PINNED,
        &[],
        &[("svarut.yaml", WEAK_SLA), ("waivers.yaml", &active)],
    );
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    assert!(
        !outcome
            .findings
            .iter()
            .any(|f| f.rule == "service/critical-sla" || f.rule.starts_with("waiver/")),
        "{:#?}",
        outcome.findings
    );
    assert_eq!(
        outcome
            .waived
            .iter()
            .map(|(f, w)| (&*f.rule, w.as_str()))
            .collect::<Vec<_>>(),
        [("service/critical-sla", "w-sla")]
    );

    // Expired: the finding is back, and the waiver is an error of its own.
    let expired = waiver("2026-11-21");
    let dir = repo(
        PINNED,
        &[],
        &[("svarut.yaml", WEAK_SLA), ("waivers.yaml", &expired)],
    );
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    let rules: Vec<&str> = outcome.findings.iter().map(|f| &*f.rule).collect();
    assert!(rules.contains(&"service/critical-sla"), "{rules:?}");
    assert!(rules.contains(&"waiver/expired"), "{rules:?}");
    assert!(outcome.waived.is_empty());
}

/// `service/lifecycle` reads each subscription's service through `ref`, and what it reads there
/// is kept per service and path for the rule's run: two services whose dates differ, named in
/// turn by the subscriptions of two tenants, each judged by its own service's dates.
#[test]
fn what_a_rule_reads_through_a_ref_is_each_documents_own() {
    let service = |id: &str, lifecycle: &str| {
        format!(
            "---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {{id: {id}}}\nspec:\n  provider: ks-digital\n  criticality: low\n  lifecycle: {lifecycle}\n  owner: {{team: fiks, email: fiks@example.com}}\n"
        )
    };
    let tenant = |id: &str, subscriptions: &str| {
        format!(
            "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: {id}}}\nspec:\n  entity: {id}-kommune\n  subscriptions:\n{subscriptions}"
        )
    };
    // `old` was retired at the end of 2025 after launching in 2010; `new` launched in 2024.
    // Subscriptions 0 (old, runs on) and 1 (new, before its launch) fail; 2 (old, ended) and
    // 3 (new, after its launch) pass, in both tenants.
    let subscriptions = "    - {service: old, since: 2015-01-01, basis: tender}\n    - {service: new, since: 2023-01-01, basis: tender}\n    - {service: old, since: 2015-01-01, until: 2025-01-01, basis: tender}\n    - {service: new, since: 2025-01-01, basis: tender}\n";
    let yaml = [
        service(
            "old",
            "{stage: retired, launched: 2010-01-01, sunset: 2025-12-31}",
        ),
        service("new", "{stage: active, launched: 2024-01-01}"),
        tenant("a", subscriptions),
        tenant("b", subscriptions),
    ]
    .concat();
    let dir = repo(PINNED, &[], &[("repo.yaml", &yaml)]);
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    let mut found: Vec<(String, String)> = outcome
        .findings
        .iter()
        .filter(|f| f.rule == "service/lifecycle")
        .map(|f| (f.target.clone().unwrap_or_default(), f.message.clone()))
        .collect();
    found.sort();
    let expected: Vec<(String, String)> = ["a", "b"]
        .iter()
        .flat_map(|t| {
            [
                (
                    format!("Tenant/{t}#/spec/subscriptions/0/until"),
                    "`old` is retired, but this subscription runs on (until: none)".to_owned(),
                ),
                (
                    format!("Tenant/{t}#/spec/subscriptions/1/since"),
                    "this subscription starts 2023-01-01, before `new` was launched (2024-01-01)"
                        .to_owned(),
                ),
            ]
        })
        .collect();
    assert_eq!(found, expected);
}
