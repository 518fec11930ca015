//! The law as written (issue 13): article 12 in full, on small repositories built here. Each
//! test names the situation, the verdict the law gives, and the figures worked out by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::format_collect,
    reason = "a panic in a test is a failed test; test data reads best as one format! per year"
)]

mod legal;
use egenregi::analysis::ControlKind;
use egenregi::analysis::decision::{Decision, Verdict};
use legal::{Run, check, entity, service};

/// A company owned by `owners` (`[{entity: a, share: 50}, ...]`), with an owners' general meeting
/// that decides everything, and articles `articles`.
fn company(id: &str, owners: &str, articles: &str) -> String {
    entity(
        id,
        &format!(
            "{{type: company, contracting_authority: true, established: 2015-01-01, owners: {owners}, governance: [{{id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}}], articles: {articles}}}"
        ),
    )
}

/// KS Digital as KS designed it: KS owns it alone and decides its articles in the general
/// meeting; strategy and significant decisions sit in a council whose seats KS's members mandate.
fn ks_digital() -> String {
    entity(
        "ks-digital",
        &format!(
            "{{type: company, contracting_authority: true, established: 2015-01-01, owners: [{{entity: ks, share: 100}}], governance: [{{id: gm, type: general-meeting, composition: owners, decides: [articles, board]}}, {{id: council, type: council, decides: [strategy, significant-decisions], seats: [{{mandated_by: [\"members-of:ks\"], count: 9}}]}}], articles: {GOOD_ARTICLES}}}"
        ),
    )
}

const GOOD_ARTICLES: &str =
    "{non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}";

fn tenant(buyer: &str, service: &str) -> String {
    format!(
        "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: t-{buyer}}}\nspec: {{entity: {buyer}, subscriptions: [{{service: {service}, since: 2024-03-01, basis: in-house, assessment: \"Vurdering\"}}]}}\n"
    )
}

/// Reports for `provider` for 2021 to 2025 with the same `lines` each year.
fn years(provider: &str, lines: &str, measure: &str) -> String {
    (2021..=2025)
        .map(|y| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {{id: {provider}-{y}}}\nspec: {{provider: {provider}, year: {y}, basis: actual, measure: {measure}, currency: NOK, lines: [{lines}]}}\n"
            )
        })
        .collect()
}

impl Run {
    fn award(&self, buyer: &str) -> &Decision {
        self.decisions
            .iter()
            .find(|d| d.purpose == "award" && d.subject.buyer.as_deref() == Some(buyer))
            .unwrap_or_else(|| panic!("no award decision for {buyer}: {:#?}", self.decisions))
    }

    fn has(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| r == rule)
    }
}

fn verdict(d: &Decision, condition: &str) -> Verdict {
    d.condition(condition)
        .unwrap_or_else(|| panic!("no {condition} in {d:#?}"))
        .verdict
}

#[test]
fn the_provider_need_not_be_a_contracting_authority() {
    // A municipality owns a company that states `contracting_authority: false` (art. 12(1): "a
    // legal person governed by private or public law"). Before: an error on the provider.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity(
            "drift",
            &format!("{{type: company, contracting_authority: false, established: 2015-01-01, owners: [{{entity: oslo, share: 100}}], governance: [{{id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}}], articles: {GOOD_ARTICLES}}}"),
        ),
        service("arkiv", "drift"),
        tenant("oslo", "arkiv"),
        years("drift", "{customer: oslo, amount: 900}, {other: open-market, amount: 100}", "turnover"),
    ]
    .concat();
    let run = check(&yaml);
    assert!(
        !run.has("inhouse/not-contracting-authority"),
        "{:?}",
        run.messages
    );
    assert_eq!(
        run.award("oslo").verdict,
        Verdict::Holds,
        "{:#?}",
        run.award("oslo")
    );
}

#[test]
fn a_reverse_award_and_its_controllers_vertical_award_keep_their_own_answers() {
    // oslo owns `mor` alone. `mor` buys from oslo (reverse: art. 12(2)); oslo buys from `mor`
    // (vertical: art. 12(1)), and `mor` sells 900 of 1,000 to oslo each year (90 % > 80 %).
    // `mor`'s question comes first (tenants in order of id). The answers kept per authority,
    // provider and epoch are kept by their places among the entities: were the two places
    // swapped, the reverse answer kept for `mor` buying from oslo would be read back as oslo's
    // control of `mor` when `mor`'s controlling group is formed, oslo would fall out of it (a
    // reverse path is no control over the provider), and its 90 % would count for no controller.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        company("mor", "[{entity: oslo, share: 100}]", GOOD_ARTICLES),
        service("mor-tjeneste", "mor"),
        service("oslo-tjeneste", "oslo"),
        tenant("mor", "oslo-tjeneste"),
        tenant("oslo", "mor-tjeneste"),
        years(
            "mor",
            "{customer: oslo, amount: 900}, {other: open-market, amount: 100}",
            "turnover",
        ),
    ]
    .concat();
    let run = check(&yaml);
    let reverse = run.award("mor");
    assert_eq!(
        reverse.condition("control").unwrap().how,
        Some(ControlKind::Reverse),
        "{reverse:#?}"
    );
    assert_eq!(reverse.verdict, Verdict::Holds, "{reverse:#?}");
    let vertical = run.award("oslo");
    assert_eq!(
        vertical.condition("control").unwrap().how,
        Some(ControlKind::Sole),
        "{vertical:#?}"
    );
    assert_eq!(
        verdict(vertical, "activity"),
        Verdict::Holds,
        "{vertical:#?}"
    );
    assert_eq!(vertical.verdict, Verdict::Holds, "{vertical:#?}");
}

#[test]
fn reverse_and_sister_awards_under_sole_control_hold_without_an_activity_test() {
    // `mor` (a municipal company owned by oslo) solely controls `datter`, which buys from `mor`
    // (reverse); `soster`, also solely controlled by `mor`, buys from `datter` (sister).
    let yaml = [
        entity("oslo", "{type: municipality}"),
        company("mor", "[{entity: oslo, share: 100}]", GOOD_ARTICLES),
        company("datter", "[{entity: mor, share: 100}]", GOOD_ARTICLES),
        company("soster", "[{entity: mor, share: 100}]", GOOD_ARTICLES),
        service("mor-tjeneste", "mor"),
        service("datter-tjeneste", "datter"),
        tenant("datter", "mor-tjeneste"),
        tenant("soster", "datter-tjeneste"),
    ]
    .concat();
    let run = check(&yaml);
    let reverse = run.award("datter");
    assert_eq!(
        reverse.condition("control").unwrap().how,
        Some(ControlKind::Reverse)
    );
    assert_eq!(reverse.verdict, Verdict::Holds, "{reverse:#?}");
    // No activity reports exist and none are needed: art. 12(2) has no activity test.
    assert!(reverse.condition("activity").is_none());
    let sister = run.award("soster");
    assert_eq!(
        sister.condition("control").unwrap().how,
        Some(ControlKind::Sister)
    );
    assert_eq!(sister.verdict, Verdict::Holds, "{sister:#?}");
    assert!(!run.has("inhouse/control"), "{:?}", run.messages);
    assert!(!run.has("inhouse/activity-data"), "{:?}", run.messages);
}

#[test]
fn a_sister_award_under_joint_control_is_for_review_and_says_why() {
    // oslo and bergen own both companies 50/50: joint, not sole, control of each. Art. 12(2)
    // covers sole control; for joint control there is no express basis, so say so rather than
    // guess (legal.md, corrections): `review`, not a failure.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        company(
            "a-drift",
            "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]",
            GOOD_ARTICLES,
        ),
        company(
            "b-drift",
            "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]",
            GOOD_ARTICLES,
        ),
        service("b-tjeneste", "b-drift"),
        tenant("a-drift", "b-tjeneste"),
    ]
    .concat();
    let run = check(&yaml);
    let d = run.award("a-drift");
    assert_eq!(verdict(d, "control"), Verdict::Review);
    let c = d.condition("control").unwrap();
    assert_eq!(c.how, Some(ControlKind::Sister));
    assert!(c.rules.contains(&"inhouse/control"), "{c:#?}");
    let why = c.because.clone().unwrap();
    assert!(why.contains("no express basis"), "{why}");
    // as for a sister award under sole control: no activity test
    assert!(d.condition("activity").is_none(), "{d:#?}");
    assert_eq!(d.verdict, Verdict::Review, "{d:#?}");
}

#[test]
fn activity_for_a_jointly_controlled_legal_person_qualifies() {
    // oslo and bergen own `drift` 50/50 and also own the IKS `iks` 50/50. Per year: oslo 500,
    // bergen 150, iks 650, the open market 100: T = 1 400.
    // With iks in the controlling group: Q = 1 300, 1300/1400 = 92.857 % → 92.8 % (truncated).
    // Without it (before): Q = 650, 46.4 %; the 71.4 % case is the same mistake.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        company("drift", "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]", GOOD_ARTICLES),
        company("iks", "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]", GOOD_ARTICLES),
        service("arkiv", "drift"),
        tenant("oslo", "arkiv"),
        years(
            "drift",
            "{customer: oslo, amount: 500}, {customer: bergen, amount: 150}, {customer: iks, amount: 650}, {other: open-market, amount: 100}",
            "turnover",
        ),
    ]
    .concat();
    let run = check(&yaml);
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Holds, "{a:#?}");
    assert_eq!(a.share.as_deref(), Some("92.8"));
}

#[test]
fn grants_count_under_a_cost_measure_by_who_entrusted_the_task() {
    // Undis Servizi: under `measure: costs`, grant-funded work entrusted by the state (which does
    // not control the provider) counts against it. Per year: oslo 400 (sale), the state 200
    // (grant): 400/600 = 66.67 % → 66.6 %, fails. Before: the grant was dropped, 100 %.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("staten", "{type: state-agency}"),
        company("drift", "[{entity: oslo, share: 100}]", GOOD_ARTICLES),
        service("arkiv", "drift"),
        tenant("oslo", "arkiv"),
        years(
            "drift",
            "{customer: oslo, amount: 400}, {customer: staten, amount: 200, type: grant}",
            "costs",
        ),
    ]
    .concat();
    let run = check(&yaml);
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Fails, "{a:#?}");
    assert_eq!(a.share.as_deref(), Some("66.6"));
    assert!(run.has("inhouse/activity-share"));
    // Under turnover the same grant is no turnover: 400/400 = 100 %.
    let run = check(&yaml.replace("measure: costs", "measure: turnover"));
    assert_eq!(
        run.award("oslo")
            .condition("activity")
            .unwrap()
            .share
            .as_deref(),
        Some("100.0")
    );
}

#[test]
fn a_private_holding_required_by_law_that_blocks_is_private_capital() {
    // 40 % of the votes is more than a third: it blocks an amendment of the articles
    // (aksjeloven § 5-18), so `mandated_by_law` does not help. 20 % does not block.
    let base = |share_priv: u32| {
        [
            entity("oslo", "{type: municipality}"),
            entity("privat", "{type: private, contracting_authority: false}"),
            company(
                "drift",
                &format!("[{{entity: oslo, share: {}}}, {{entity: privat, share: {share_priv}, mandated_by_law: true}}]", 100 - share_priv),
                GOOD_ARTICLES,
            ),
            service("arkiv", "drift"),
            tenant("oslo", "arkiv"),
            years("drift", "{customer: oslo, amount: 900}, {other: open-market, amount: 100}", "turnover"),
        ]
        .concat()
    };
    let run = check(&base(40));
    assert!(run.has("inhouse/private-capital"), "{:?}", run.messages);
    assert_eq!(
        verdict(run.award("oslo"), "private-capital"),
        Verdict::Fails
    );
    let run = check(&base(20));
    assert!(!run.has("inhouse/private-capital"), "{:?}", run.messages);
    assert_eq!(
        verdict(run.award("oslo"), "private-capital"),
        Verdict::Holds
    );
}

#[test]
fn indirect_joint_control_is_review_not_an_error() {
    // oslo and bergen jointly control `holding`, which solely controls `drift`.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        company(
            "holding",
            "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]",
            GOOD_ARTICLES,
        ),
        company("drift", "[{entity: holding, share: 100}]", GOOD_ARTICLES),
        service("arkiv", "drift"),
        tenant("oslo", "arkiv"),
        years(
            "drift",
            "{customer: oslo, amount: 900}, {other: open-market, amount: 100}",
            "turnover",
        ),
    ]
    .concat();
    let run = check(&yaml);
    assert!(!run.has("inhouse/control"), "{:?}", run.messages);
    assert!(run.has("inhouse/indirect-joint-control"));
    let d = run.award("oslo");
    assert_eq!(verdict(d, "control"), Verdict::Review);
    assert_eq!(d.verdict, Verdict::Review);
}

#[test]
fn dividends_to_the_public_owners_only_are_for_review() {
    let yaml = |articles: &str, second: &str| {
        [
            entity("oslo", "{type: municipality}"),
            entity("bergen", second),
            company(
                "drift",
                "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]",
                articles,
            ),
            service("arkiv", "drift"),
            tenant("oslo", "arkiv"),
            years(
                "drift",
                "{customer: oslo, amount: 900}, {other: open-market, amount: 100}",
                "turnover",
            ),
        ]
        .concat()
    };
    let to_owners =
        "{non_commercial: true, profit_distribution: to-owners, private_owners_allowed: false}";
    let run = check(&yaml(to_owners, "{type: municipality}"));
    assert!(run.has("inhouse/profit-distribution"), "{:?}", run.messages);
    assert!(!run.has("inhouse/contrary-interests"), "{:?}", run.messages);
    assert_eq!(
        verdict(run.award("oslo"), "contrary-interests"),
        Verdict::Review
    );
    // A commercial purpose is contrary, whoever gets the profit.
    let commercial =
        "{non_commercial: false, profit_distribution: to-owners, private_owners_allowed: false}";
    let run = check(&yaml(commercial, "{type: municipality}"));
    assert!(run.has("inhouse/contrary-interests"), "{:?}", run.messages);
}

#[test]
fn a_token_participation_is_flagged() {
    // oslo holds 0.5 % of the votes, below the pack's 1 %, with no seat of its own.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("bergen", "{type: municipality}"),
        company(
            "drift",
            "[{entity: bergen, share: 99.5}, {entity: oslo, share: 0.5}]",
            GOOD_ARTICLES,
        ),
        service("arkiv", "drift"),
        tenant("oslo", "arkiv"),
        years(
            "drift",
            "{customer: oslo, amount: 900}, {other: open-market, amount: 100}",
            "turnover",
        ),
    ]
    .concat();
    let run = check(&yaml);
    assert!(run.has("inhouse/token-participation"), "{:?}", run.messages);
    assert_eq!(verdict(run.award("oslo"), "control"), Verdict::Review);
    // 2 % is a real, if small, participation.
    let run = check(
        &yaml
            .replace("share: 99.5", "share: 98")
            .replace("share: 0.5", "share: 2"),
    );
    assert!(
        !run.has("inhouse/token-participation"),
        "{:?}",
        run.messages
    );
}

#[test]
fn ks_sole_control_next_to_the_members_joint_claim_is_pointed_out_and_its_status_is_derived() {
    // KS (no `contracting_authority` stated: derived from its members) owns the company alone and
    // decides its articles; the members are represented through a council those articles create.
    let yaml = [
        entity("ks", "{type: association}"),
        entity("oslo", "{type: municipality, member_of: [ks]}"),
        entity("bergen", "{type: municipality, member_of: [ks]}"),
        ks_digital(),
        service("svarut", "ks-digital"),
        tenant("oslo", "svarut"),
        years(
            "ks-digital",
            "{group: \"members-of:ks\", amount: 900}, {other: open-market, amount: 100}",
            "turnover",
        ),
    ]
    .concat();
    let run = check(&yaml);
    assert!(run.has("inhouse/control-conflict"), "{:?}", run.messages);
    assert!(
        run.has("inhouse/control-via-association"),
        "{:?}",
        run.messages
    );
    // Before: without the field, KS was no contracting authority and every path broke.
    assert!(!run.has("inhouse/control"), "{:?}", run.messages);
    assert!(!run.has("schema/required"), "{:?}", run.messages);
    let d = run.award("oslo");
    assert_eq!(d.verdict, Verdict::Review, "{d:#?}");
    assert!(
        d.assumptions
            .iter()
            .any(|a| a.contains("all its 2 members")),
        "{:?}",
        d.assumptions
    );
}

#[test]
fn a_private_member_of_ks_makes_the_lumped_line_unclassifiable_not_zero() {
    // One private member of KS: the `members-of:ks` line is neither all qualifying nor all not.
    // Before: 0.0 % and every subscription failed. Now: not assessed, asking for the split, and
    // the private member is no private capital in the provider.
    let yaml = [
        entity("ks", "{type: association, contracting_authority: true, contracting_authority_ground: \"association of municipalities and counties\"}"),
        entity("oslo", "{type: municipality, member_of: [ks]}"),
        entity("acme", "{type: private, contracting_authority: false, member_of: [ks]}"),
        ks_digital(),
        service("svarut", "ks-digital"),
        tenant("oslo", "svarut"),
        years("ks-digital", "{group: \"members-of:ks\", amount: 900}, {other: open-market, amount: 100}", "turnover"),
    ]
    .concat();
    let run = check(&yaml);
    assert!(!run.has("inhouse/activity-share"), "{:?}", run.messages);
    assert!(!run.has("inhouse/private-capital"), "{:?}", run.messages);
    // The private member sits where control is exercised: a warning for the reviewer.
    assert!(run.has("inhouse/private-members"), "{:?}", run.messages);
    assert_eq!(verdict(run.award("oslo"), "activity"), Verdict::NotAssessed);
}

#[test]
fn a_group_parent_is_measured_on_the_groups_turnover() {
    // C-692/23 AVR: `mor` controls `datter`. Per year, mor: oslo 900, the open market 100;
    // datter: the open market 500, and 200 sold to mor (inside the group, left out).
    // Group: Q 900 of T 1 000 + 500 = 1 500 → 60.0 %, fails. Before: mor alone, 900/1000 = 90.0 %.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        company("mor", "[{entity: oslo, share: 100}]", GOOD_ARTICLES),
        company("datter", "[{entity: mor, share: 100}]", GOOD_ARTICLES),
        service("arkiv", "mor"),
        tenant("oslo", "arkiv"),
        years(
            "mor",
            "{customer: oslo, amount: 900}, {other: open-market, amount: 100}",
            "turnover",
        ),
        years(
            "datter",
            "{other: open-market, amount: 500}, {customer: mor, amount: 200}",
            "turnover",
        ),
    ]
    .concat();
    let run = check(&yaml);
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Fails, "{a:#?}");
    assert_eq!(a.share.as_deref(), Some("60.0"));
    // A consolidated report of mor stands for the group on its own.
    let run = check(&yaml.replace(
        "spec: {provider: mor, year:",
        "spec: {scope: consolidated, provider: mor, year:",
    ));
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.share.as_deref(), Some("90.0"), "{a:#?}");
    // Without datter's reports the group's turnover is not known: not assessed.
    let without: String = yaml
        .split("---\n")
        .filter(|d| !d.contains("provider: datter"))
        .collect::<Vec<_>>()
        .join("---\n");
    let run = check(&without);
    assert_eq!(verdict(run.award("oslo"), "activity"), Verdict::NotAssessed);
    // datter reporting in EUR: its 700 cannot be added to mor's NOK 1 000 without a rate.
    let run = check(&yaml.replace(
        "spec: {provider: datter, year: 2022, basis: actual, measure: turnover, currency: NOK",
        "spec: {provider: datter, year: 2022, basis: actual, measure: turnover, currency: EUR",
    ));
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::NotAssessed, "{a:#?}");
    assert!(run.has("inhouse/activity-measure"), "{:?}", run.rules);
}

/// The group is the one of each window year: control of a subsidiary is read at the end of
/// the year (the accounts' date), not on the award date. Per year, mor: oslo 900, the open
/// market 100; datter (while mor's): the open market 500 and 200 sold to mor.
#[test]
fn a_group_parent_is_measured_with_the_subsidiaries_of_each_year() {
    let yaml = |datter_owners: &str| {
        [
            entity("oslo", "{type: municipality}"),
            entity("bergen", "{type: municipality}"),
            company("mor", "[{entity: oslo, share: 100}]", GOOD_ARTICLES),
            company("datter", datter_owners, GOOD_ARTICLES),
            service("arkiv", "mor"),
            tenant("oslo", "arkiv"),
            years(
                "mor",
                "{customer: oslo, amount: 900}, {other: open-market, amount: 100}",
                "turnover",
            ),
            years(
                "datter",
                "{other: open-market, amount: 500}, {customer: mor, amount: 200}",
                "turnover",
            ),
        ]
        .concat()
    };
    // Sold to Bergen on 2024-01-01: mor's in 2021-2023, the award's window. Each year Q 900 of
    // T 1 000 + 500 = 1 500: 2 700 of 4 500 = 60.0 %, fails. Before, the group was read on the
    // award date (datter no longer mor's) and mor alone held at 90.0 %.
    let run = check(&yaml(
        "[{entity: mor, share: 100, to: 2023-12-31}, {entity: bergen, share: 100, from: 2024-01-01}]",
    ));
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Fails, "{a:#?}");
    assert_eq!(a.share.as_deref(), Some("60.0"));
    // Bought on 2023-01-01: mor's in 2023 only. 2021 and 2022: 900 of 1 000; 2023: 900 of
    // 1 500 → 2 700 of 3 500 = 77.1 %, fails. Before, 2021 and 2022 were read with datter as
    // a subsidiary, and the window not assessed for want of its reports of years it was not
    // mor's (the reports below are there; remove them and nothing may be asked of them).
    let bought = yaml(
        "[{entity: bergen, share: 100, to: 2022-12-31}, {entity: mor, share: 100, from: 2023-01-01}]",
    );
    let run = check(&bought);
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.share.as_deref(), Some("77.1"), "{a:#?}");
    let without_early: String = bought
        .split("---\n")
        .filter(|d| {
            !d.contains("metadata: {id: datter-2021}") && !d.contains("metadata: {id: datter-2022}")
        })
        .collect::<Vec<_>>()
        .join("---\n");
    let run = check(&without_early);
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Fails, "{a:#?}");
    assert_eq!(a.share.as_deref(), Some("77.1"));
}

/// `iks` is wholly owned by `holding`, which Oslo and Bergen own 50/50: the two control `iks`
/// only indirectly and jointly, which art. 12(3) does not spell out (legal.md: unsettled).
/// Per year: Oslo 500, iks 400, the open market 100. With iks, 900 of 1 000 = 90.0 %; without,
/// 500 of 1 000 = 50.0 %. The pass rests on iks: for review. Before, iks counted against the
/// company and the window failed at 50.0 %. When the pass does not rest on it (Oslo 850, iks
/// 50: 85.0 % without iks), it holds with no review.
#[test]
fn activity_for_a_company_of_a_joint_holding_is_a_pass_for_review() {
    let yaml = |lines: &str| {
        [
            entity("oslo", "{type: municipality}"),
            entity("bergen", "{type: municipality}"),
            company(
                "drift",
                "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]",
                GOOD_ARTICLES,
            ),
            company(
                "holding",
                "[{entity: oslo, share: 50}, {entity: bergen, share: 50}]",
                GOOD_ARTICLES,
            ),
            company("iks", "[{entity: holding, share: 100}]", GOOD_ARTICLES),
            service("arkiv", "drift"),
            tenant("oslo", "arkiv"),
            years("drift", lines, "turnover"),
        ]
        .concat()
    };
    let run = check(&yaml(
        "{customer: oslo, amount: 500}, {customer: iks, amount: 400}, {other: open-market, amount: 100}",
    ));
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Review, "{a:#?}");
    assert_eq!(a.share.as_deref(), Some("90.0"));
    let run = check(&yaml(
        "{customer: oslo, amount: 850}, {customer: iks, amount: 50}, {other: open-market, amount: 100}",
    ));
    let a = run.award("oslo").condition("activity").unwrap().clone();
    assert_eq!(a.verdict, Verdict::Holds, "{a:#?}");
}

#[test]
fn a_stated_association_status_that_its_members_contradict_needs_a_ground() {
    // KS states `contracting_authority: true` but has a private member: the status cannot follow
    // from the members (anskaffelsesloven § 2), so the ground must be given.
    let yaml = |ks: &str| {
        [
            entity("ks", ks),
            entity("oslo", "{type: municipality, member_of: [ks]}"),
            entity(
                "acme",
                "{type: private, contracting_authority: false, member_of: [ks]}",
            ),
            ks_digital(),
            service("svarut", "ks-digital"),
            tenant("oslo", "svarut"),
        ]
        .concat()
    };
    let run = check(&yaml("{type: association, contracting_authority: true}"));
    assert!(
        run.messages
            .iter()
            .any(|m| m.starts_with("inhouse/private-members") && m.contains("no ground is given")),
        "{:?}",
        run.messages
    );
    let run = check(&yaml(
        "{type: association, contracting_authority: true, contracting_authority_ground: \"body governed by public law\"}",
    ));
    assert!(
        !run.messages
            .iter()
            .any(|m| m.contains("no ground is given")),
        "{:?}",
        run.messages
    );
}

#[test]
fn the_structure_valid_on_each_date_is_the_one_judged() {
    // oslo held `drift` until 2025-06-30; from 2025-07-01 a private company holds it. The award
    // (2024-03-01) holds; on the as-of date (2026-11-22) control and the absence of private
    // capital are gone: continuity. Before: undated holdings, today's owners judged both dates.
    let yaml = [
        entity("oslo", "{type: municipality}"),
        entity("acme", "{type: private, contracting_authority: false}"),
        company(
            "drift",
            "[{entity: oslo, share: 100, to: 2025-06-30}, {entity: acme, share: 100, from: 2025-07-01}]",
            GOOD_ARTICLES,
        ),
        service("arkiv", "drift"),
        tenant("oslo", "arkiv"),
        years("drift", "{customer: oslo, amount: 900}, {other: open-market, amount: 100}", "turnover"),
    ]
    .concat();
    let run = check(&yaml);
    assert_eq!(
        run.award("oslo").verdict,
        Verdict::Holds,
        "{:#?}",
        run.award("oslo")
    );
    let now = run
        .decisions
        .iter()
        .find(|d| d.purpose == "as-of")
        .expect("judged again on the as-of date");
    assert_eq!(verdict(now, "control"), Verdict::Fails);
    assert_eq!(verdict(now, "private-capital"), Verdict::Fails);
    assert!(run.has("inhouse/continuity"), "{:?}", run.messages);
    // The holdings never exceed 100 % on one date, so no ownership-total error.
    assert!(!run.has("entity/ownership-total"), "{:?}", run.messages);
}
