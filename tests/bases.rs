//! The other bases (issue 14): horizontal cooperation (§ 3-3) checked, and every decision's
//! contract value and exposure against the floor and the national and EEA thresholds in force
//! on its award date. Small repositories built here; each test says what the law gives and the
//! figures worked out by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::format_collect,
    reason = "a panic in a test is a failed test; test data reads best as one format! per year"
)]

mod legal;
use egenregi::analysis::decision::{Decision, Exposure, Verdict};
use legal::{Run, entity, service, tenant_with as tenant, turnover_years as years};

impl Run {
    fn award(&self, tenant: &str, n: usize) -> &Decision {
        let target = format!("Tenant/{tenant}#/spec/subscriptions/{n}");
        self.decisions
            .iter()
            .find(|d| d.purpose == "award" && d.subject.subscription() == target)
            .unwrap_or_else(|| panic!("no award decision for {target}: {:#?}", self.decisions))
    }

    fn count(&self, rule: &str) -> usize {
        self.rules.iter().filter(|r| *r == rule).count()
    }
}

fn verdict(d: &Decision, condition: &str) -> Verdict {
    d.condition(condition)
        .unwrap_or_else(|| panic!("no {condition} in {d:#?}"))
        .verdict
}

fn cooperation(parties: &str) -> String {
    format!(
        "{{service: arkiv, since: 2024-03-01, basis: cooperation, cooperation: {{agreement: \"Samarbeidsavtale 2024\", parties: {parties}, objectives: \"Felles arkiv\"}}}}"
    )
}

#[test]
fn two_municipalities_cooperating_hold_and_say_what_they_assume() {
    // Bergen runs an archive for Oslo under a cooperation agreement. Both are municipalities
    // without activity reports: each is taken to be below 20 % on the open market, and the
    // decision says so instead of staying silent.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        service("arkiv", "bergen"),
        tenant("oslo", &[&cooperation("[oslo, bergen]")]),
    ]
    .concat();
    let run = check(&yaml);
    assert_eq!(
        run.count("procurement/cooperation"),
        0,
        "{:?}",
        run.messages
    );
    let d = run.award("t-oslo", 0);
    assert_eq!(d.verdict, Verdict::Holds, "{d:#?}");
    assert_eq!(verdict(d, "parties"), Verdict::Holds);
    assert_eq!(verdict(d, "open-market"), Verdict::Holds);
    assert!(
        d.assumptions
            .iter()
            .any(|a| a.contains("`bergen` has no activity reports")),
        "{d:#?}"
    );
    assert!(d.not_checked.iter().any(|n| n.contains("genuine")));
}

#[test]
fn a_state_agency_cooperating_with_a_private_company_fails() {
    // The case: before, `cooperation` was never checked and this passed the gate.
    let yaml = [
        entity("digdir", "{type: state-agency}"),
        entity("acme", "{type: private}"),
        service("arkiv", "acme"),
        tenant("digdir", &[&cooperation("[digdir, acme]")]),
    ]
    .concat();
    let run = check(&yaml);
    let d = run.award("t-digdir", 0);
    assert_eq!(d.verdict, Verdict::Fails);
    assert_eq!(verdict(d, "parties"), Verdict::Fails);
    assert_eq!(
        run.count("procurement/cooperation"),
        1,
        "{:?}",
        run.messages
    );
    assert!(
        run.messages
            .iter()
            .any(|m| m.contains("`acme` is a party") && m.contains("not a contracting authority")),
        "{:?}",
        run.messages
    );
}

#[test]
fn the_open_market_share_must_be_strictly_below_twenty_percent() {
    // `drift` is a company owned by Oslo and Bergen; it performs `open` of every 1000 NOK on
    // the open market each year, the rest for the municipalities. Window 2021-2023 before the
    // award 2024-03-01: 3·open / 3000.
    for (open, expected, share) in [(200, Verdict::Fails, "20.0"), (199, Verdict::Holds, "19.9")] {
        let yaml = [
            entity("oslo", "{type: municipality}"),
            entity("bergen", "{type: municipality}"),
            entity(
                "drift",
                "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: oslo, share: 50}, {entity: bergen, share: 50}]}",
            ),
            service("arkiv", "drift"),
            tenant("oslo", &[&cooperation("[oslo, drift]")]),
            years(
                "drift",
                &format!(
                    "{{customer: oslo, amount: {}}}, {{other: open-market, amount: {open}}}",
                    1000 - open
                ),
            ),
        ]
        .concat();
        let run = check(&yaml);
        let d = run.award("t-oslo", 0);
        assert_eq!(verdict(d, "open-market"), expected, "{open}: {d:#?}");
        let because = d
            .condition("open-market")
            .unwrap()
            .because
            .as_deref()
            .unwrap();
        assert!(because.contains(&format!("{share} %")), "{because}");
        assert_eq!(
            run.count("procurement/cooperation"),
            usize::from(expected == Verdict::Fails),
            "{:?}",
            run.messages
        );
    }
}

#[test]
fn a_company_party_without_reports_or_a_year_is_not_assessed() {
    // A company's open-market share is a fact to be shown, not assumed. With no reports, and
    // with 2022 missing from its reports, the market test has no verdict, and the gate fails.
    let base = [
        entity("oslo", "{type: municipality}"),
        entity(
            "drift",
            "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: oslo, share: 100}]}",
        ),
        service("arkiv", "drift"),
        tenant("oslo", &[&cooperation("[oslo, drift]")]),
    ]
    .concat();
    let run = check(&base);
    let d = run.award("t-oslo", 0);
    assert_eq!(verdict(d, "open-market"), Verdict::NotAssessed, "{d:#?}");
    assert_eq!(d.verdict, Verdict::NotAssessed);
    assert_eq!(
        run.count("procurement/cooperation"),
        1,
        "{:?}",
        run.messages
    );

    let gap: String = years(
        "drift",
        "{customer: oslo, amount: 950}, {other: open-market, amount: 50}",
    )
    .split("---\n")
    .filter(|r| !r.contains("year: 2022"))
    .map(|r| {
        if r.is_empty() {
            String::new()
        } else {
            format!("---\n{r}")
        }
    })
    .collect();
    let run = check(&format!("{base}{gap}"));
    let d = run.award("t-oslo", 0);
    assert_eq!(verdict(d, "open-market"), Verdict::NotAssessed, "{d:#?}");
    assert!(
        d.condition("open-market")
            .unwrap()
            .because
            .as_deref()
            .unwrap()
            .contains("2022"),
        "{d:#?}"
    );
}

#[test]
fn a_typo_in_a_party_is_not_a_legal_failure() {
    // `bergn` names no entity: ref/unknown says so with a suggestion, and the parties condition
    // is not assessed: never "not a contracting authority".
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        service("arkiv", "bergen"),
        tenant("oslo", &[&cooperation("[oslo, bergen, bergn]")]),
    ]
    .concat();
    let run = check(&yaml);
    assert_eq!(run.count("ref/unknown"), 1, "{:?}", run.messages);
    assert_eq!(
        run.count("procurement/cooperation"),
        0,
        "{:?}",
        run.messages
    );
    let d = run.award("t-oslo", 0);
    assert_eq!(verdict(d, "parties"), Verdict::NotAssessed);

    // The provider itself mistyped (`bergn` for `bergen`): "the provider is not a party" would
    // be a false failure; the agreement's parties are not known until the typo is fixed.
    let yaml = yaml.replace("[oslo, bergen, bergn]", "[oslo, bergn]");
    let run = check(&yaml);
    assert_eq!(run.count("ref/unknown"), 1, "{:?}", run.messages);
    assert_eq!(
        run.count("procurement/cooperation"),
        0,
        "{:?}",
        run.messages
    );
    let d = run.award("t-oslo", 0);
    assert_eq!(verdict(d, "cooperation"), Verdict::NotAssessed, "{d:#?}");
    assert_eq!(d.verdict, Verdict::NotAssessed);
}

#[test]
fn the_agreement_must_exist_and_name_buyer_and_provider() {
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        entity("asker", "{type: municipality}"),
        service("arkiv", "bergen"),
        tenant(
            "oslo",
            &[
                "{service: arkiv, since: 2024-03-01, basis: cooperation}",
                &cooperation("[oslo, asker]"),
            ],
        ),
    ]
    .concat();
    let run = check(&yaml);
    // 0: no agreement at all; 1: the provider `bergen` is not a party.
    assert_eq!(
        verdict(run.award("t-oslo", 0), "cooperation"),
        Verdict::Fails
    );
    let d = run.award("t-oslo", 1);
    assert_eq!(verdict(d, "cooperation"), Verdict::Fails);
    assert!(
        d.condition("cooperation")
            .unwrap()
            .because
            .as_deref()
            .unwrap()
            .contains("provider `bergen`"),
        "{d:#?}"
    );
    assert_eq!(
        run.count("procurement/cooperation"),
        2,
        "{:?}",
        run.messages
    );
}

/// A tender subscription to `arkiv` on `since` with a stated whole-contract value.
fn tender(since: &str, value: u64) -> String {
    tender_for("arkiv", since, value)
}

fn tender_for(service: &str, since: &str, value: u64) -> String {
    format!(
        "{{service: {service}, since: {since}, basis: tender, procurement: {{reference: \"2024-1\", awarded: {since}}}, estimated_value: {value}}}"
    )
}

#[test]
fn the_eea_threshold_changes_on_its_date_and_not_before() {
    // The pack: EEA thresholds for services 2 200 000 (others) and 1 400 000 (central
    // government) from 2022-03-23, 2 300 000 and 1 490 000 from 2024-03-14. The national
    // threshold is 1 300 000 throughout.
    // Oslo (a municipality), 2 250 000: at/above 2.2 M the day before, below 2.3 M on the day.
    // Digdir (a state agency), 1 450 000: above 1.4 M the day before, below 1.49 M on the day.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        entity("digdir", "{type: state-agency}"),
        entity("acme", "{type: private}"),
        service("arkiv", "acme"),
        service("post", "acme"),
        tenant("oslo", &[&tender("2024-03-13", 2_250_000)]),
        tenant("bergen", &[&tender("2024-03-14", 2_250_000)]),
        // Two needs of one buyer (different services): not added up.
        tenant(
            "digdir",
            &[
                &tender("2024-03-13", 1_450_000),
                &tender_for("post", "2024-03-14", 1_450_000),
            ],
        ),
    ]
    .concat();
    let run = check(&yaml);
    assert_eq!(run.award("t-oslo", 0).exposure, Exposure::AboveEeaThreshold);
    assert_eq!(
        run.award("t-bergen", 0).exposure,
        Exposure::BelowEeaThreshold
    );
    assert_eq!(
        run.award("t-digdir", 0).exposure,
        Exposure::AboveEeaThreshold
    );
    assert_eq!(
        run.award("t-digdir", 1).exposure,
        Exposure::BelowEeaThreshold
    );
    assert_eq!(
        run.award("t-oslo", 0).estimated_value.unwrap().to_string(),
        "2250000.00"
    );
}

#[test]
fn contracts_for_the_same_need_are_added_up_for_the_exposure() {
    // Oslo buys `arkiv` from acme twice by tender on 2025-01-01, 700 000 each: 1 400 000 in all,
    // at or above the national threshold (1 300 000) and below the EEA threshold (2 300 000).
    // Bergen's single 700 000 contract stays below the national threshold.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        entity("acme", "{type: private}"),
        service("arkiv", "acme"),
        tenant(
            "oslo",
            &[
                &tender("2025-01-01", 700_000),
                &tender("2025-01-01", 700_000),
            ],
        ),
        tenant("bergen", &[&tender("2025-01-01", 700_000)]),
    ]
    .concat();
    let run = check(&yaml);
    assert_eq!(run.award("t-oslo", 1).exposure, Exposure::BelowEeaThreshold);
    assert_eq!(
        run.award("t-bergen", 0).exposure,
        Exposure::BelowNationalThreshold
    );
}

#[test]
fn a_buyers_contracts_are_added_up_across_its_tenants() {
    // Oslo buys `arkiv` from acme by tender through two tenants, 700 000 each: one need of
    // 1 400 000, at or above the national threshold (1 300 000) and below the EEA threshold
    // (2 300 000) in both. Bergen's tenant comes between them in the file and its single
    // 700 000 stays below the national threshold; so does Oslo's `kart`, another service.
    let oslo = |id: &str, subscriptions: &[&str]| {
        format!(
            "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: {id}}}\nspec: {{entity: oslo, subscriptions: [{}]}}\n",
            subscriptions.join(", ")
        )
    };
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        entity("acme", "{type: private}"),
        service("arkiv", "acme"),
        service("kart", "acme"),
        oslo("oslo-skole", &[&tender("2025-01-01", 700_000)]),
        tenant("bergen", &[&tender("2025-01-01", 700_000)]),
        oslo(
            "oslo-helse",
            &[
                &tender_for("kart", "2025-01-01", 700_000),
                &tender("2025-01-01", 700_000),
            ],
        ),
    ]
    .concat();
    let run = check(&yaml);
    let exposure = |tenant: &str, n: usize| run.award(tenant, n).exposure;
    assert_eq!(
        [
            exposure("oslo-skole", 0),
            exposure("oslo-helse", 1),
            exposure("oslo-helse", 0),
            exposure("t-bergen", 0),
        ],
        [
            Exposure::BelowEeaThreshold,
            Exposure::BelowEeaThreshold,
            Exposure::BelowNationalThreshold,
            Exposure::BelowNationalThreshold,
        ]
    );
}

#[test]
fn the_floor_applies_as_dated_and_an_override_applies_always() {
    // A below-threshold contract of 60 000 a year for one year (2017-01-01 to 2017-12-31:
    // 365 days, 60 000 exactly) is below the 100 000 floor in force from 2017-01-01. The same
    // contract from 2016-06-01 has no floor on record in the pack: not assessed, never a pass.
    let sub = |since: &str, until: &str| {
        format!(
            "{{service: arkiv, since: {since}, until: {until}, basis: below-threshold, annual_value: 60000}}"
        )
    };
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        entity("acme", "{type: private}"),
        service("arkiv", "acme"),
        tenant("oslo", &[&sub("2017-01-01", "2017-12-31")]),
        tenant("bergen", &[&sub("2016-06-01", "2017-05-31")]),
    ]
    .concat();
    let run = check(&yaml);
    let ok = run.award("t-oslo", 0);
    assert_eq!(verdict(ok, "value"), Verdict::Holds, "{ok:#?}");
    assert_eq!(ok.exposure, Exposure::BelowFloor);
    let early = run.award("t-bergen", 0);
    assert_eq!(verdict(early, "value"), Verdict::NotAssessed, "{early:#?}");
    assert_eq!(early.exposure, Exposure::Unknown);
    assert_eq!(run.count("procurement/basis"), 1, "{:?}", run.messages);

    // egenregi.kdl sets the floor for every date: 50 000 makes both contracts fail.
    let run = check_with(&yaml, "threshold \"below-threshold-value\" 50000\n");
    assert_eq!(verdict(run.award("t-oslo", 0), "value"), Verdict::Fails);
    assert_eq!(verdict(run.award("t-bergen", 0), "value"), Verdict::Fails);
    // A setting above the law is not the law: 300 000 lets the 2017 contract hold (60 000 is
    // below the pack's 100 000 too), but the 2016 one has no floor of the pack to be held
    // against, so resting on the setting alone it is for review. Before: it held.
    let run = check_with(&yaml, "threshold \"below-threshold-value\" 300000\n");
    assert_eq!(verdict(run.award("t-oslo", 0), "value"), Verdict::Holds);
    let early = run.award("t-bergen", 0);
    assert_eq!(verdict(early, "value"), Verdict::Review, "{early:#?}");
    assert_eq!(early.exposure, Exposure::Unknown);
}

#[test]
fn a_digifin_service_is_used_only_while_the_buyer_takes_part() {
    // `plan` was built with DigiFin money; `annet` was not. As of 2026-11-22:
    // - oslo joined 2024-01-01, subscribed 2023-01-01: a year outside the scheme: finding;
    // - bergen from 2022-01-01, no end: covered;
    // - asker 2022-01-01 to 2025-12-31: its open-ended subscription runs past its exit:
    //   finding; its subscription ending 2025-06-30 is covered;
    // - oslo's subscription to `annet` is not DigiFin's business.
    let scheme = |from: &str, to: &str| {
        format!("{{type: municipality, schemes: [{{scheme: digifin, from: {from}, to: {to}}}]}}")
    };
    let sub = |service: &str, until: &str| {
        format!(
            "{{service: {service}, since: 2023-01-01, until: {until}, basis: tender, procurement: {{reference: x}}}}"
        )
    };
    let yaml = [
        entity("oslo", &scheme("2024-01-01", "null")),
        entity("bergen", &scheme("2022-01-01", "null")),
        entity("asker", &scheme("2022-01-01", "2025-12-31")),
        entity("acme", "{type: private}"),
        "---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: plan}\nspec: {provider: acme, criticality: low, lifecycle: {stage: active}, funding: [{scheme: digifin, reference: \"DigiFin 2021-14\"}]}\n".to_owned(),
        service("annet", "acme"),
        tenant("oslo", &[&sub("plan", "null"), &sub("annet", "null")]),
        tenant("bergen", &[&sub("plan", "null")]),
        tenant("asker", &[&sub("plan", "null"), &sub("plan", "2025-06-30")]),
    ]
    .concat();
    let run = check(&yaml);
    let found: Vec<&String> = run
        .messages
        .iter()
        .filter(|m| m.starts_with("service/digifin-participation"))
        .collect();
    assert_eq!(found.len(), 2, "{:?}", run.messages);
    assert!(found[0].contains("`oslo` uses `plan`") || found[1].contains("`oslo` uses `plan`"));
    assert!(found.iter().any(|m| m.contains("`asker` uses `plan`")));
}

fn check(yaml: &str) -> Run {
    check_with(yaml, "")
}

fn check_with(yaml: &str, kdl: &str) -> Run {
    legal::check_with(yaml, kdl, &[])
}

#[test]
fn the_report_shows_every_condition_of_a_cooperation() {
    // The reviewer's report lists the conditions by name; a condition it has no place for
    // must still be shown, never dropped from the verdict table.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("egenregi.kdl"), "as-of \"2026-11-22\"\n").unwrap();
    let yaml = [
        entity("digdir", "{type: state-agency}"),
        entity("acme", "{type: private}"),
        service("arkiv", "acme"),
        tenant(
            "digdir",
            &["{service: arkiv, since: 2024-03-01, basis: cooperation, cooperation: {agreement: \"Avtale\", parties: [digdir, acme]}}"],
        ),
    ]
    .concat();
    std::fs::write(dir.path().join("repo.yaml"), yaml).unwrap();
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    let page = egenregi::report::html::render(&outcome);
    for label in ["Cooperation", "Objectives", "Parties", "Open market"] {
        assert!(page.contains(label), "{label} is missing from the report");
    }
}
