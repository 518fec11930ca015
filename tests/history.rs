//! Time and history (issue 14): dated bodies, seats and articles, dissolved entities and their
//! successors, reorganisations, planned changes and continuity, each on a small repository built
//! here. Every test names the situation, what the law gives, and the figures worked out by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::format_collect,
    reason = "a panic in a test is a failed test; test data reads best as one format! per year"
)]

mod legal;
use egenregi::analysis::decision::{Decision, Verdict};
use legal::{Run, entity, service};

/// A tenant `t-BUYER` with one in-house subscription per `(service, since, until)`.
fn tenant(buyer: &str, subs: &[(&str, &str, &str)]) -> String {
    let subs: Vec<String> = subs
        .iter()
        .map(|(service, since, until)| {
            format!("{{service: {service}, since: {since}, until: {until}, basis: in-house, assessment: \"Vurdering\"}}")
        })
        .collect();
    format!(
        "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: t-{buyer}}}\nspec: {{entity: {buyer}, subscriptions: [{}]}}\n",
        subs.join(", ")
    )
}

/// One report of `provider` for `year` (`basis` actual or projected) with `lines`.
fn report(provider: &str, year: i32, basis: &str, lines: &str) -> String {
    let projection = if basis == "projected" {
        ", projection: {prepared: 2021-11-01, approved_by: \"Board\", method: \"Business plan\"}, evidence: plan.txt"
    } else {
        ""
    };
    format!(
        "---\napiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {{id: {provider}-{year}}}\nspec: {{provider: {provider}, year: {year}, basis: {basis}, measure: turnover, currency: NOK{projection}, lines: [{lines}]}}\n"
    )
}

/// Actual reports of `provider` for `years`, the same `lines` each year.
fn years(provider: &str, years: std::ops::RangeInclusive<i32>, lines: &str) -> String {
    years
        .map(|y| report(provider, y, "actual", lines))
        .collect()
}

const KS_MEMBERS_90: &str =
    "{group: \"members-of:ks\", amount: 900}, {other: open-market, amount: 100}";

impl Run {
    fn decision(&self, buyer: &str, service: &str, purpose: &str) -> &Decision {
        self.decisions
            .iter()
            .find(|d| {
                d.purpose == purpose
                    && d.subject.buyer.as_deref() == Some(buyer)
                    && d.subject.service.as_deref() == Some(service)
            })
            .unwrap_or_else(|| {
                panic!(
                    "no {purpose} decision for {buyer}/{service}: {:#?}",
                    self.decisions
                )
            })
    }

    fn count(&self, rule: &str) -> usize {
        self.rules.iter().filter(|r| *r == rule).count()
    }

    fn has(&self, rule: &str) -> bool {
        self.count(rule) > 0
    }
}

fn verdict(d: &Decision, condition: &str) -> Verdict {
    d.condition(condition)
        .unwrap_or_else(|| panic!("no {condition} in {d:#?}"))
        .verdict
}

/// KS and two member municipalities.
fn ks_oslo_bergen() -> String {
    [
        entity("ks", "{type: association, contracting_authority: true}"),
        entity("oslo", "{type: municipality, member_of: [ks]}"),
        entity("bergen", "{type: municipality, member_of: [ks]}"),
    ]
    .concat()
}

#[test]
fn bodies_seats_and_articles_are_read_on_the_date_judged() {
    // KS Digital until 2022-06-30: KS's general meeting decided everything and the articles
    // allowed a commercial purpose with dividends. From 2022-07-01: a members' council whose
    // seats KS's members mandate decides strategy and significant decisions, and new articles
    // are non-commercial without profit distribution.
    //   Oslo's award 2022-03-01: the council did not exist → no control path (fails).
    //   Bergen's award 2024-03-01: joint control through the council (review, legally untested),
    //   contrary interests judged on the 2022 articles → holds.
    // Before dated structure, `from`/`to` on bodies and a list of articles were schema errors and
    // every decision was `not-assessed`.
    let company = entity(
        "ks-digital",
        "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: ks, share: 100}], governance: [{id: gm-2015, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board], to: 2022-06-30}, {id: gm, type: general-meeting, composition: owners, decides: [articles, board], from: 2022-07-01}, {id: council, type: council, decides: [strategy, significant-decisions], from: 2022-07-01, seats: [{mandated_by: [\"members-of:ks\"], count: 9, from: 2022-07-01}]}], articles: [{from: 2015-01-01, to: 2022-06-30, non_commercial: false, profit_distribution: to-owners}, {from: 2022-07-01, non_commercial: true, profit_distribution: prohibited}]}",
    );
    let yaml = [
        ks_oslo_bergen(),
        company,
        service("svarut", "ks-digital"),
        tenant("oslo", &[("svarut", "2022-03-01", "null")]),
        tenant("bergen", &[("svarut", "2024-03-01", "null")]),
        years("ks-digital", 2018..=2025, KS_MEMBERS_90),
    ]
    .concat();
    let run = check_valid(&yaml);
    let oslo = run.decision("oslo", "svarut", "award");
    assert_eq!(verdict(oslo, "control"), Verdict::Fails, "{oslo:#?}");
    let bergen = run.decision("bergen", "svarut", "award");
    assert_eq!(verdict(bergen, "control"), Verdict::Review, "{bergen:#?}");
    assert_eq!(
        verdict(bergen, "contrary-interests"),
        Verdict::Holds,
        "{bergen:#?}"
    );
    // Oslo's running subscription, judged on 2026-11-22, has control through the council now.
    let oslo_now = run.decision("oslo", "svarut", "as-of");
    assert_eq!(
        verdict(oslo_now, "control"),
        Verdict::Review,
        "{oslo_now:#?}"
    );
}

#[test]
fn decisions_name_the_structure_version_they_used() {
    // The same history as above: each decision record says which bodies, holdings and articles
    // were in force on its date, so a reviewer sees why 2022 and 2024 are judged differently.
    let company = entity(
        "ks-digital",
        "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: ks, share: 100, from: 2015-01-01}], governance: [{id: gm-2015, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board], to: 2022-06-30}, {id: gm, type: general-meeting, composition: owners, decides: [articles, board], from: 2022-07-01}, {id: council, type: council, decides: [strategy, significant-decisions], from: 2022-07-01, seats: [{mandated_by: [\"members-of:ks\"], count: 9}]}], articles: [{from: 2015-01-01, to: 2022-06-30, non_commercial: false, profit_distribution: to-owners}, {from: 2022-07-01, non_commercial: true, profit_distribution: prohibited, evidence: plan.txt}]}",
    );
    let yaml = [
        ks_oslo_bergen(),
        company,
        service("svarut", "ks-digital"),
        tenant("oslo", &[("svarut", "2022-03-01", "2022-12-31")]),
        tenant("bergen", &[("svarut", "2024-03-01", "null")]),
        years("ks-digital", 2018..=2025, KS_MEMBERS_90),
    ]
    .concat();
    let run = check(&yaml);
    let structure = |buyer: &str, condition: &str| {
        run.decision(buyer, "svarut", "award")
            .condition(condition)
            .and_then(|c| c.structure.clone())
            .unwrap_or_else(|| panic!("no structure on {buyer}'s {condition}"))
    };
    let old = structure("oslo", "control");
    assert_eq!(old.bodies, ["gm-2015 (to 2022-06-30)"]);
    assert_eq!(old.holdings, ["ks: 100 % of the votes (from 2015-01-01)"]);
    assert_eq!(
        old.articles.as_deref(),
        Some("from 2015-01-01 to 2022-06-30")
    );
    let new = structure("bergen", "contrary-interests");
    assert_eq!(
        new.bodies,
        ["gm (from 2022-07-01)", "council (from 2022-07-01)"]
    );
    assert_eq!(new.articles.as_deref(), Some("from 2022-07-01 (plan.txt)"));
}

#[test]
fn a_council_whose_articles_were_commercial_at_award_fails_contrary_interests_then_only() {
    // The same council exists throughout (undated); only the articles change on 2022-07-01.
    // Award 2022-03-01: joint control, but the articles in force allow a commercial purpose and
    // dividends → contrary interests fails. Award 2024-03-01 → holds.
    let company = entity(
        "ks-digital",
        "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: ks, share: 100}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [articles, board]}, {id: council, type: council, decides: [strategy, significant-decisions], seats: [{mandated_by: [\"members-of:ks\"], count: 9}]}], articles: [{from: 2015-01-01, to: 2022-06-30, non_commercial: false, profit_distribution: to-owners}, {from: 2022-07-01, non_commercial: true, profit_distribution: prohibited}]}",
    );
    let yaml = [
        ks_oslo_bergen(),
        company,
        service("svarut", "ks-digital"),
        tenant("oslo", &[("svarut", "2022-03-01", "2022-12-31")]),
        tenant("bergen", &[("svarut", "2024-03-01", "null")]),
        years("ks-digital", 2018..=2025, KS_MEMBERS_90),
    ]
    .concat();
    let run = check(&yaml);
    let oslo = run.decision("oslo", "svarut", "award");
    assert_eq!(
        verdict(oslo, "contrary-interests"),
        Verdict::Fails,
        "{oslo:#?}"
    );
    let bergen = run.decision("bergen", "svarut", "award");
    assert_eq!(
        verdict(bergen, "contrary-interests"),
        Verdict::Holds,
        "{bergen:#?}"
    );
}

/// The 2024 county split: Viken (county 30, 2020-2023) dissolved into Akershus (32), Buskerud
/// (33) and Østfold (31), all KS members from 2024-01-01.
fn viken_split() -> String {
    [
        entity("ks", "{type: association, contracting_authority: true}"),
        entity("oslo", "{type: municipality, member_of: [ks]}"),
        entity(
            "viken",
            "{type: county, county_number: \"30\", established: 2020-01-01, dissolved: 2023-12-31, successors: [akershus, buskerud, ostfold], member_of: [{association: ks, from: 2020-01-01, to: 2023-12-31}]}",
        ),
        entity(
            "akershus",
            "{type: county, county_number: \"32\", established: 2024-01-01, member_of: [{association: ks, from: 2024-01-01}]}",
        ),
        entity(
            "buskerud",
            "{type: county, county_number: \"33\", established: 2024-01-01, member_of: [{association: ks, from: 2024-01-01}]}",
        ),
        entity(
            "ostfold",
            "{type: county, county_number: \"31\", established: 2024-01-01, member_of: [{association: ks, from: 2024-01-01}]}",
        ),
        entity(
            "ks-digital",
            "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: ks, share: 100}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [articles, board]}, {id: council, type: council, decides: [strategy, significant-decisions], seats: [{mandated_by: [\"members-of:ks\"], count: 9}]}], articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}}",
        ),
        service("svarut", "ks-digital"),
        service("fiks-io", "ks-digital"),
        years(
            "ks-digital",
            2020..=2023,
            "{customer: oslo, amount: 600}, {customer: viken, amount: 300}, {other: open-market, amount: 100}",
        ),
        years(
            "ks-digital",
            2024..=2025,
            "{customer: oslo, amount: 600}, {customer: akershus, amount: 100}, {customer: buskerud, amount: 100}, {customer: ostfold, amount: 100}, {other: open-market, amount: 100}",
        ),
    ]
    .concat()
}

#[test]
fn a_dissolved_counties_activity_counts_for_its_successors() {
    // Akershus's award on 2024-03-01, window 2021-2023, per year: Oslo 600, Viken 300, open
    // market 100. The controlling group on the award date is KS's members then: Oslo, Akershus,
    // Buskerud, Østfold. Viken's tasks passed to its three successors, all in the group, so its
    // lines qualify: Q = 3 × 900 = 2 700 of T = 3 000 → 90.0 %. Re-classified with the 2024
    // membership instead (before this change), Viken's lines counted against the company:
    // Q = 1 800 → 60.0 %, a false failure.
    let yaml = [
        viken_split(),
        tenant("akershus", &[("svarut", "2024-03-01", "null")]),
    ]
    .concat();
    let run = check(&yaml);
    let d = run.decision("akershus", "svarut", "award");
    let activity = d.condition("activity").unwrap();
    assert_eq!(activity.verdict, Verdict::Holds, "{d:#?}");
    assert_eq!(activity.share.as_deref(), Some("90.0"));
    assert!(!run.has("inhouse/activity-share"), "{:#?}", run.messages);
    // Viken's number 30 was valid while Viken existed; the successors' numbers are valid now.
    assert!(
        !run.has("entity/municipality-number"),
        "{:#?}",
        run.messages
    );
}

/// Viken's activity is its successors': when one of them is outside the controlling group the
/// lines cannot be classified either way. Before, Østfold outside the group made all of
/// Viken's 300 a year count against the company: Q = 3 × 600 = 1 800 of 3 000 = 60.0 %, a
/// confident failure, where every 300 going to Akershus or Buskerud gives 90.0 %. A dissolved
/// county that names no successors cannot be judged as them either: before, its lines counted
/// against the company in silence.
#[test]
fn a_dissolved_counties_activity_split_between_successors_in_and_out_is_not_classified() {
    let outside = viken_split().replace(
        "county_number: \"31\", established: 2024-01-01, member_of: [{association: ks, from: 2024-01-01}]",
        "county_number: \"31\", established: 2024-01-01",
    );
    let no_successors = viken_split().replace("successors: [akershus, buskerud, ostfold], ", "");
    for (yaml, says) in [
        (
            outside,
            "which are split: `ostfold` outside the controlling group",
        ),
        (no_successors, "but it names none (`successors`)"),
    ] {
        let run = check(
            &[
                yaml,
                tenant("akershus", &[("svarut", "2024-03-01", "null")]),
            ]
            .concat(),
        );
        let d = run.decision("akershus", "svarut", "award");
        let activity = d.condition("activity").unwrap();
        assert_eq!(activity.verdict, Verdict::NotAssessed, "{d:#?}");
        assert!(activity.share.is_none());
        assert!(!run.has("inhouse/activity-share"), "{:#?}", run.messages);
        assert!(
            run.messages.iter().any(|m| m.contains(says)),
            "{:#?}",
            run.messages
        );
    }
}

/// Akershus was established on 2024-01-01: a 2021-2023 line naming it as the buyer is Viken's
/// activity relabelled, which egenregi judges by the successors itself. Before, the lines
/// qualified (Akershus is in the group) and the window held at 90.0 % with no word.
#[test]
fn a_line_naming_a_buyer_that_did_not_exist_that_year_is_not_classified() {
    let yaml = [
        viken_split().replace(
            "{customer: viken, amount: 300}",
            "{customer: akershus, amount: 300}",
        ),
        tenant("akershus", &[("svarut", "2024-03-01", "null")]),
    ]
    .concat();
    let run = check(&yaml);
    let d = run.decision("akershus", "svarut", "award");
    assert_eq!(
        d.condition("activity").unwrap().verdict,
        Verdict::NotAssessed,
        "{d:#?}"
    );
    assert!(
        run.messages.iter().any(|m| m.contains(
            // The line is counted from 1, as a reader counts: the second of the year's lines.
            "line 2 of `ks-digital-2021` names `akershus` as buying in 2021, but `akershus` was established on 2024-01-01"
        )),
        "{:#?}",
        run.messages
    );
}

/// A lumped `members-of:ks` line of 2021-2023 holds the purchases of whoever was a KS member
/// then. Tromsø was until 2023-12-31 and is not in the controlling group on the 2024-03-01
/// award, so the lump mixes members in and out of the group: not classified. Before, the
/// lump was read with the members of the award date (Oslo only), all in the group, and the
/// window held at 90.0 % (Q 900 of 1 000 a year); itemised, the same facts (Oslo 600, Tromsø
/// 300) give 60.0 %.
#[test]
fn a_lumped_line_holds_the_members_of_its_year() {
    let yaml = [
        ks_oslo_bergen(),
        entity(
            "tromso",
            "{type: municipality, member_of: [{association: ks, from: 2015-01-01, to: 2023-12-31}]}",
        ),
        entity(
            "ks-digital",
            "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: ks, share: 100}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [articles, board]}, {id: council, type: council, decides: [strategy, significant-decisions], seats: [{mandated_by: [\"members-of:ks\"], count: 9}]}], articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}}",
        ),
        service("svarut", "ks-digital"),
        years(
            "ks-digital",
            2021..=2025,
            "{group: \"members-of:ks\", amount: 900}, {other: open-market, amount: 100}",
        ),
        tenant("oslo", &[("svarut", "2024-03-01", "null")]),
    ]
    .concat();
    let run = check(&yaml);
    let d = run.decision("oslo", "svarut", "award");
    assert_eq!(
        d.condition("activity").unwrap().verdict,
        Verdict::NotAssessed,
        "{d:#?}"
    );
    assert!(
        run.messages.iter().any(|m| m
            .contains("`tromso` is one of the members of `ks` but not in the controlling group")),
        "{:#?}",
        run.messages
    );
}

#[test]
fn a_dissolved_buyer_awards_nothing_and_tenant_dissolved_says_so_once() {
    // Viken bought SvarUt in-house from 2021 until its last day (2023-12-31): held at award, no
    // finding. Its Fiks IO subscription has no end: on 2026-11-22 Viken no longer exists, so
    // `tenant/dissolved` reports it (naming the successors), and the as-of decision says
    // control fails for the same reason, without a second finding (`inhouse/continuity`).
    let yaml = [
        viken_split(),
        tenant(
            "viken",
            &[
                ("svarut", "2021-03-01", "2023-12-31"),
                ("fiks-io", "2021-03-01", "null"),
            ],
        ),
    ]
    .concat();
    let run = check(&yaml);
    assert_eq!(
        verdict(run.decision("viken", "svarut", "award"), "control"),
        Verdict::Review
    );
    assert_eq!(run.count("tenant/dissolved"), 1, "{:#?}", run.messages);
    assert!(!run.has("inhouse/continuity"), "{:#?}", run.messages);
    let now = run.decision("viken", "fiks-io", "as-of");
    let control = now.condition("control").unwrap();
    assert_eq!(control.verdict, Verdict::Fails, "{now:#?}");
    assert!(control.rules.contains(&"tenant/dissolved"), "{now:#?}");
    assert!(
        control.because.as_deref().unwrap().contains("`akershus`"),
        "{now:#?}"
    );
    // Nor is a buyer that no longer exists a contracting authority that awards: the buyer
    // condition fails for the same reason (before: "holds: county").
    let buyer = now.condition("buyer").unwrap();
    assert_eq!(buyer.verdict, Verdict::Fails, "{now:#?}");
    assert!(buyer.rules.contains(&"tenant/dissolved"), "{now:#?}");
    assert!(
        buyer
            .because
            .as_deref()
            .unwrap()
            .contains("`viken` no longer existed on 2026-11-22"),
        "{now:#?}"
    );
}

/// KS Digital as a company registered in 2015, with KS as sole owner and the members' council.
fn company_2015(extra: &str) -> String {
    entity(
        "ks-digital",
        &format!(
            "{{type: company, contracting_authority: true, established: 2015-01-01, owners: [{{entity: ks, share: 100}}], governance: [{{id: gm, type: general-meeting, composition: owners, decides: [articles, board]}}, {{id: council, type: council, decides: [strategy, significant-decisions], seats: [{{mandated_by: [\"members-of:ks\"], count: 9}}]}}], articles: {{non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}}{extra}}}"
        ),
    )
}

#[test]
fn projections_are_admissible_after_a_reorganisation_in_the_window() {
    // The company has closed years 2018-2020 and 2023, but KS's department was transferred into
    // it on 2022-07-01: for the window 2021-2023 of a 2024 award, the old figures are no longer
    // relevant (art. 12(5) second subparagraph), so 2021 and 2022 may rest on projections.
    // Each year 900 of 1 000 → 90.0 %, with one `inhouse/activity-projection` warning per
    // projected year. Without the reorganisation on record the projections are inadmissible
    // (three closed years exist): `inhouse/activity-data`.
    let data = [
        years("ks-digital", 2018..=2020, KS_MEMBERS_90),
        report("ks-digital", 2021, "projected", KS_MEMBERS_90),
        report("ks-digital", 2022, "projected", KS_MEMBERS_90),
        years("ks-digital", 2023..=2025, KS_MEMBERS_90),
    ]
    .concat();
    let sub = tenant("oslo", &[("svarut", "2024-03-01", "null")]);
    let reorganised = [
        ks_oslo_bergen(),
        company_2015(", reorganisations: [{date: 2022-07-01, kind: business-transfer, from: [ks], evidence: transfer.txt}]"),
        service("svarut", "ks-digital"),
        sub.clone(),
        data.clone(),
    ]
    .concat();
    let run = check(&reorganised);
    let d = run.decision("oslo", "svarut", "award");
    assert_eq!(verdict(d, "activity"), Verdict::Holds, "{d:#?}");
    assert!(!run.has("inhouse/activity-data"), "{:#?}", run.messages);
    assert_eq!(
        run.count("inhouse/activity-projection"),
        2,
        "{:#?}",
        run.messages
    );
    assert!(!run.has("evidence/missing"), "{:#?}", run.messages);

    let plain = [
        ks_oslo_bergen(),
        company_2015(""),
        service("svarut", "ks-digital"),
        sub,
        data,
    ]
    .concat();
    let run = check(&plain);
    assert!(run.has("inhouse/activity-data"), "{:#?}", run.messages);
    assert_eq!(
        verdict(run.decision("oslo", "svarut", "award"), "activity"),
        Verdict::NotAssessed
    );
}

#[test]
fn the_running_year_may_be_projected_before_a_planned_award() {
    // A planned award on 2027-03-01, judged on 2026-11-22: its window is 2024-2026, and 2026 is
    // not closed yet, so its business-plan projection is admissible although the company has
    // many closed years. 900 of 1 000 each year → 90.0 %.
    let yaml = [
        ks_oslo_bergen(),
        company_2015(""),
        service("svarut", "ks-digital"),
        tenant("oslo", &[("svarut", "2027-03-01", "null")]),
        years("ks-digital", 2018..=2025, KS_MEMBERS_90),
        report("ks-digital", 2026, "projected", KS_MEMBERS_90),
    ]
    .concat();
    let run = check(&yaml);
    let d = run.decision("oslo", "svarut", "award");
    assert_eq!(verdict(d, "activity"), Verdict::Holds, "{d:#?}");
    assert_eq!(
        d.condition("activity").unwrap().window.as_deref(),
        Some("2024-2026")
    );
    assert!(!run.has("inhouse/activity-data"), "{:#?}", run.messages);
}

#[test]
fn a_membership_known_to_end_mid_contract_is_a_planned_change() {
    // Oslo's KS membership ends on 2027-12-31 (already decided). Its subscription from
    // 2024-03-01 has no end: from 2028-01-01 the council's seats no longer represent Oslo, so
    // control will fail while the subscription runs → `inhouse/planned-change` naming the day.
    // With `until: 2027-12-31` nothing breaks while it runs.
    let base = |until: &str| {
        [
            entity("ks", "{type: association, contracting_authority: true}"),
            entity(
                "oslo",
                "{type: municipality, member_of: [{association: ks, from: 2000-01-01, to: 2027-12-31}]}",
            ),
            entity("bergen", "{type: municipality, member_of: [ks]}"),
            company_2015(""),
            service("svarut", "ks-digital"),
            tenant("oslo", &[("svarut", "2024-03-01", until)]),
            years("ks-digital", 2018..=2025, KS_MEMBERS_90),
        ]
        .concat()
    };
    let run = check(&base("null"));
    assert_eq!(
        run.count("inhouse/planned-change"),
        1,
        "{:#?}",
        run.messages
    );
    let m = run
        .messages
        .iter()
        .find(|m| m.starts_with("inhouse/planned-change"))
        .unwrap();
    assert!(m.contains("2028-01-01") && m.contains("`control`"), "{m}");
    assert!(!run.has("inhouse/continuity"), "{:#?}", run.messages);
    let run = check(&base("2027-12-31"));
    assert!(!run.has("inhouse/planned-change"), "{:#?}", run.messages);
    // Running one day longer, into 2028-01-01, it runs on the day control fails: the first day
    // a change can break it is the day after the membership's `to`, and it counts.
    let run = check(&base("2028-01-01"));
    assert_eq!(
        run.count("inhouse/planned-change"),
        1,
        "{:#?}",
        run.messages
    );
}

/// A company Oslo and Bergen own half each, whose owners' general meeting decides everything,
/// with `articles`.
fn jointly_owned(articles: &str) -> String {
    entity(
        "drift",
        &format!(
            "{{type: company, contracting_authority: true, established: 2015-01-01, owners: [{{entity: oslo, share: 50}}, {{entity: bergen, share: 50}}], governance: [{{id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}}], articles: {articles}}}"
        ),
    )
}

#[test]
fn new_articles_break_contrary_interests_now_or_later() {
    // Oslo and Bergen control `drift` jointly; Oslo buys from 2024-03-01 without an end.
    // (a) Commercial articles took effect on 2025-07-01: contrary interests held at award and
    //     fails on 2026-11-22 → `inhouse/continuity`.
    // (b) The same articles are adopted for 2027-07-01: nothing fails yet, but the change on
    //     record breaks contrary interests while the subscription runs → `planned-change`.
    let lines = "{customer: oslo, amount: 500}, {customer: bergen, amount: 450}, {other: open-market, amount: 50}";
    let repo = |change: &str| {
        [
            entity("oslo", "{type: municipality}"),
            entity("bergen", "{type: municipality}"),
            jointly_owned(&format!(
                "[{{from: 2015-01-01, to: {}, non_commercial: true, profit_distribution: prohibited}}, {{from: {change}, non_commercial: false, profit_distribution: to-owners}}]",
                egenregi::date::Date::from_days(
                    egenregi::date::Date::parse(change).unwrap().days() - 1
                )
            )),
            service("drift-service", "drift"),
            tenant("oslo", &[("drift-service", "2024-03-01", "null")]),
            years("drift", 2018..=2025, lines),
        ]
        .concat()
    };
    let run = check(&repo("2025-07-01"));
    assert_eq!(run.count("inhouse/continuity"), 1, "{:#?}", run.messages);
    assert!(
        run.messages
            .iter()
            .any(|m| m.starts_with("inhouse/continuity: `contrary-interests` held")),
        "{:#?}",
        run.messages
    );
    assert_eq!(
        verdict(
            run.decision("oslo", "drift-service", "as-of"),
            "contrary-interests"
        ),
        Verdict::Fails
    );
    // In Bokmål the condition is named in Bokmål, not by its JSON id.
    let nb = bokmal(&repo("2025-07-01"));
    assert!(
        nb.contains("vilkåret «Motstridende interesser» var oppfylt da abonnementet til `oslo`"),
        "{nb}"
    );
    assert!(!nb.contains("`contrary-interests` var oppfylt"), "{nb}");
    let run = check(&repo("2027-07-01"));
    assert!(!run.has("inhouse/continuity"), "{:#?}", run.messages);
    assert_eq!(
        run.count("inhouse/planned-change"),
        1,
        "{:#?}",
        run.messages
    );
}

#[test]
fn a_number_must_have_existed_on_the_entitys_first_day_too() {
    // Viken's number 30 was valid from 2020-01-01 to 2023-12-31 (data/no-counties.csv). A Viken
    // dated from 2018 (when its area was Akershus 02, Buskerud 06 and Østfold 01) cannot have
    // had it then: `entity/municipality-number` on its first day. Dated from 2020: clean.
    let viken = |established: &str| {
        entity(
            "viken",
            &format!(
                "{{type: county, county_number: \"30\", established: {established}, dissolved: 2023-12-31}}"
            ),
        )
    };
    let run = check(&viken("2018-01-01"));
    assert_eq!(
        run.count("entity/municipality-number"),
        1,
        "{:#?}",
        run.messages
    );
    assert!(
        run.messages
            .iter()
            .any(|m| m.contains("was not in use on 2018-01-01, when `viken` was established")),
        "{:#?}",
        run.messages
    );
    let run = check(&viken("2020-01-01"));
    assert!(
        !run.has("entity/municipality-number"),
        "{:#?}",
        run.messages
    );
}

#[test]
fn a_scaffolded_company_offers_the_history_fields_and_checks_once_filled_in() {
    // `egenregi new entity X --type company` writes `reorganisations` and says how to date
    // holdings and articles; filled in with a dated article version and a business transfer it
    // fits the schema (no `schema/*` finding). Before, the scaffold knew none of them.
    use egenregi::scaffold::{self, NewKind, NewOptions};
    let dir = tempfile::tempdir().unwrap();
    let options = NewOptions {
        entity_type: Some("company".into()),
        ..NewOptions::default()
    };
    let today = egenregi::date::Date::parse("2026-11-24").unwrap();
    let path =
        scaffold::new_document(dir.path(), NewKind::Entity, "drift", &options, today).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("  reorganisations: []"), "{text}");
    assert!(text.contains("# from: DATE, to: DATE"), "{text}");
    let filled = text
        .replace(
            "  articles: # once they change: a list of dated versions, [{ from: DATE, non_commercial: true, ... }]\n    non_commercial: true\n    profit_distribution: prohibited\n    private_owners_allowed: false\n",
            "  articles:\n    - {from: 2021-01-01, non_commercial: true, profit_distribution: prohibited}\n",
        )
        .replace(
            "  reorganisations: []",
            "  reorganisations: [{date: 2021-07-01, kind: business-transfer, from: [todo-owner]}]",
        );
    assert!(
        filled.contains("- {from: 2021-01-01") && filled.contains("kind: business-transfer"),
        "{filled}"
    );
    let run = check(&filled);
    assert!(
        !run.rules.iter().any(|r| r.starts_with("schema/")),
        "{:#?}",
        run.messages
    );
}

#[test]
fn one_buyers_awards_are_judged_on_the_structure_of_each_award_date() {
    // One buyer, one provider, four award dates (the in-house judge keeps the structure
    // conditions per buyer, provider and structure epoch, issue 18; this is what it must not
    // mix up). Vest IKS, an association without a stated status, is a contracting authority
    // because its members are: Bergen and Askøy, and Os from 2024-01-01. Vest IT (established
    // 2016-01-01) is owned by Vest IKS alone until 2022-12-31; from 2023-01-01 Vest IKS holds
    // 90 % and Acme, private, 10 %. Its general meeting of the owners decides everything, so
    // the majority owner controls it alone. Nine tenths of its turnover is for Vest IKS.
    // The structure dates are 2015-01-01 (articles), 2016-01-01 (established), 2022-12-31 and
    // 2023-01-01 (holdings) and 2024-01-01 (Os joins). So the dates judged fall in three
    // epochs: {2015-06-01}, {2022-03-01, 2022-09-01} and {2024-03-01, the as-of date
    // 2026-11-22}.
    //   drift 2022-03-01 and backup 2022-09-01 (one epoch): buyer, sole control, no private
    //     capital (Vest IKS 100 %), activity 90 % → holds; the buyer's status rests on its
    //     2 members "on" each award date, not on the first one judged.
    //   lagring 2024-03-01: the same control, but Acme's 10 % is private capital → fails;
    //     3 members on 2024-03-01.
    //   lagring and drift as of 2026-11-22 (lagring's epoch): private capital fails, 3 members
    //     on 2026-11-22.
    //   arkiv 2015-06-01, judged last: Vest IT did not exist → control fails; private capital
    //     holds on the holding of the time.
    // `an_award_before_its_provider_existed_leaves_the_later_awards_their_group` judges arkiv
    // first.
    let company = entity(
        "vest-it",
        "{type: company, contracting_authority: true, established: 2016-01-01, owners: [{entity: vest-iks, share: 100, to: 2022-12-31}, {entity: vest-iks, share: 90, from: 2023-01-01}, {entity: acme, share: 10, from: 2023-01-01}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}], articles: [{from: 2015-01-01, non_commercial: true, profit_distribution: prohibited}]}",
    );
    let yaml = [
        entity("vest-iks", "{type: association}"),
        entity("bergen", "{type: municipality, member_of: [vest-iks]}"),
        entity("askoy", "{type: municipality, member_of: [vest-iks]}"),
        entity(
            "os",
            "{type: municipality, member_of: [{association: vest-iks, from: 2024-01-01}]}",
        ),
        entity("acme", "{type: private, contracting_authority: false}"),
        company,
        service("drift", "vest-it"),
        service("backup", "vest-it"),
        service("lagring", "vest-it"),
        service("arkiv", "vest-it"),
        tenant(
            "vest-iks",
            &[
                ("drift", "2022-03-01", "null"),
                ("backup", "2022-09-01", "2022-12-31"),
                ("lagring", "2024-03-01", "null"),
                ("arkiv", "2015-06-01", "2015-12-31"),
            ],
        ),
        years(
            "vest-it",
            2018..=2025,
            "{customer: vest-iks, amount: 900}, {other: open-market, amount: 100}",
        ),
    ]
    .concat();
    let run = check_valid(&yaml);
    let members = |d: &Decision, count: usize| {
        let date = d.date.as_deref().unwrap();
        assert_eq!(
            d.assumptions
                .iter()
                .map(egenregi::finding::Message::as_str)
                .collect::<Vec<_>>(),
            [format!(
                "`vest-iks` is a contracting authority: all its {count} members on {date} are (anskaffelsesloven § 2, associations of contracting authorities)"
            )],
            "{d:#?}"
        );
    };
    for (service, date) in [("drift", "2022-03-01"), ("backup", "2022-09-01")] {
        let d = run.decision("vest-iks", service, "award");
        assert_eq!(d.date.as_deref(), Some(date));
        assert_eq!(d.verdict, Verdict::Holds, "{d:#?}");
        assert_eq!(verdict(d, "control"), Verdict::Holds, "{d:#?}");
        assert_eq!(verdict(d, "private-capital"), Verdict::Holds, "{d:#?}");
        let held = d.condition("private-capital").unwrap().structure.clone();
        assert_eq!(
            held.unwrap().holdings,
            ["vest-iks: 100 % of the votes (to 2022-12-31)"]
        );
        members(d, 2);
    }
    for (service, purpose) in [
        ("lagring", "award"),
        ("lagring", "as-of"),
        ("drift", "as-of"),
    ] {
        let d = run.decision("vest-iks", service, purpose);
        assert_eq!(d.verdict, Verdict::Fails, "{d:#?}");
        assert_eq!(verdict(d, "control"), Verdict::Holds, "{d:#?}");
        assert_eq!(verdict(d, "private-capital"), Verdict::Fails, "{d:#?}");
        assert_eq!(verdict(d, "activity"), Verdict::Holds, "{d:#?}");
        members(d, 3);
    }
    let arkiv = run.decision("vest-iks", "arkiv", "award");
    assert_eq!(verdict(arkiv, "control"), Verdict::Fails, "{arkiv:#?}");
    assert!(
        run.messages
            .iter()
            .any(|m| m.starts_with("inhouse/control:") && m.contains("on 2015-06-01")),
        "{:#?}",
        run.messages
    );
    assert_eq!(
        verdict(arkiv, "private-capital"),
        Verdict::Holds,
        "{arkiv:#?}"
    );
    members(arkiv, 2);
}

#[test]
fn an_award_before_its_provider_existed_leaves_the_later_awards_their_group() {
    // Vest IT, established 2016-01-01, is owned by Vest IKS alone (general meeting of owners
    // decides everything: sole control) and does 900 of every 1,000 kr for Vest IKS. Vest IKS
    // awards `arkiv` on 2015-06-01, before Vest IT existed, and `drift` on 2022-03-01; `arkiv`
    // is judged first. No structure date lies between them but `established` (the articles
    // date from 2010-01-01).
    //   arkiv 2015-06-01: control fails (Vest IT did not exist).
    //   drift 2022-03-01: control holds; activity over 2019-2021 is 900 / 1,000 = 90.0 % for
    //     the controlling group {Vest IKS}, more than 80 % → holds.
    // Before `established` counted in the epochs, both dates fell in one epoch, and the group
    // found for 2015-06-01 (empty: nothing controls what does not exist) was kept for it, so
    // drift's activity was 0.0 % and failed: a false legal failure.
    let yaml = [
        entity("vest-iks", "{type: association, contracting_authority: true}"),
        entity(
            "vest-it",
            "{type: company, contracting_authority: true, established: 2016-01-01, owners: [{entity: vest-iks, share: 100}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}], articles: [{from: 2010-01-01, non_commercial: true, profit_distribution: prohibited}]}",
        ),
        service("arkiv", "vest-it"),
        service("drift", "vest-it"),
        tenant(
            "vest-iks",
            &[
                ("arkiv", "2015-06-01", "2015-12-31"),
                ("drift", "2022-03-01", "null"),
            ],
        ),
        years(
            "vest-it",
            2016..=2025,
            "{customer: vest-iks, amount: 900}, {other: open-market, amount: 100}",
        ),
    ]
    .concat();
    let run = check_valid(&yaml);
    let arkiv = run.decision("vest-iks", "arkiv", "award");
    assert_eq!(verdict(arkiv, "control"), Verdict::Fails, "{arkiv:#?}");
    let drift = run.decision("vest-iks", "drift", "award");
    assert_eq!(verdict(drift, "control"), Verdict::Holds, "{drift:#?}");
    let activity = drift.condition("activity").unwrap();
    assert_eq!(activity.verdict, Verdict::Holds, "{drift:#?}");
    assert_eq!(activity.share.as_deref(), Some("90.0"), "{drift:#?}");
    assert_eq!(drift.verdict, Verdict::Holds, "{drift:#?}");
}

/// [`check`] of a repository every document of which fits its schema (else the decisions
/// would be `not-assessed` for a typo in the test, not for what it tests).
fn check_valid(yaml: &str) -> Run {
    let run = check(yaml);
    assert!(
        !run.rules.iter().any(|r| r.starts_with("schema/")),
        "{:#?}",
        run.messages
    );
    run
}

fn check(yaml: &str) -> Run {
    legal::check_with(
        yaml,
        "",
        &[
            ("plan.txt", "business plan\n"),
            ("transfer.txt", "transfer agreement\n"),
        ],
    )
}

/// The words of a planned change name what changes: seats whose mandate ends, and a holding
/// that ends. Each dated thing has its own message, and a test of the day alone would not see
/// one worded as another.
#[test]
fn a_planned_change_says_which_seats_or_holding_changes() {
    // (a) The council's nine seats mandated by KS's members end on 2027-12-31: from 2028-01-01
    //     no seat represents Oslo, so control fails while its open-ended subscription runs.
    let seats_end = [
        entity("ks", "{type: association, contracting_authority: true}"),
        entity("oslo", "{type: municipality, member_of: [ks]}"),
        entity("bergen", "{type: municipality, member_of: [ks]}"),
        entity(
            "ks-digital",
            "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: ks, share: 100}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [articles, board]}, {id: council, type: council, decides: [strategy, significant-decisions], seats: [{mandated_by: [\"members-of:ks\"], count: 9, to: 2027-12-31}]}], articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}}",
        ),
        service("svarut", "ks-digital"),
        tenant("oslo", &[("svarut", "2024-03-01", "null")]),
        years("ks-digital", 2018..=2025, KS_MEMBERS_90),
    ]
    .concat();
    let m = planned_change(&seats_end);
    assert!(
        m.contains("the mandate of the seats in `council` of `ks-digital` ends on 2027-12-31"),
        "{m}"
    );
    // (b) Oslo's half of a company it owns with Bergen ends on 2027-06-30, and nobody on record
    //     holds it after: who casts those votes is not known, so from then on control can no
    //     longer be assessed (it "failed" while only Oslo's end was read, not the half that
    //     nobody on record holds).
    let lines = "{customer: oslo, amount: 500}, {customer: bergen, amount: 450}, {other: open-market, amount: 50}";
    let holding_ends = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        entity(
            "drift",
            "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: oslo, share: 50, to: 2027-06-30}, {entity: bergen, share: 50}], governance: [{id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}], articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}}",
        ),
        service("svarut", "drift"),
        tenant("oslo", &[("svarut", "2024-03-01", "null")]),
        years("drift", 2018..=2025, lines),
    ]
    .concat();
    let m = planned_change(&holding_ends);
    assert!(
        m.contains("when `control` can no longer be assessed: `oslo`'s holding in `drift` ends on 2027-06-30"),
        "{m}"
    );
    // In Bokmål the condition is named in Bokmål, not by its JSON id.
    let nb = bokmal(&holding_ends);
    assert!(
        nb.contains("da vilkåret «Kontroll» ikke lenger kan vurderes"),
        "{nb}"
    );
}

/// The Markdown report of `yaml` as of 2026-11-22, in Bokmål.
fn bokmal(yaml: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("egenregi.kdl"), "as-of \"2026-11-22\"\n").unwrap();
    std::fs::write(dir.path().join("repo.yaml"), yaml).unwrap();
    let mut outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    outcome.language = Some(egenregi::i18n::Lang::Nb);
    egenregi::report::render(
        &outcome,
        egenregi::report::Format::Markdown,
        egenregi::report::HumanStyle::default(),
    )
}

/// The one `inhouse/planned-change` message of a run (the test fails when there is none).
fn planned_change(yaml: &str) -> String {
    let run = check(yaml);
    run.messages
        .iter()
        .find(|m| m.starts_with("inhouse/planned-change"))
        .unwrap_or_else(|| panic!("{:#?}", run.messages))
        .clone()
}
