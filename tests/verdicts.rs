//! Verdicts a reviewer can trust (issue 12): decisions per subscription and date, documents that
//! fail their schema stay known, and windows that cannot be assessed never pass. Every case is
//! a small inter-municipal company (IKS) repository built here, run through the binary as a user
//! would, with the figures worked out by hand in the comments.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a panic in a test is a failed test"
)]

mod common;

use assert_cmd::Command;
use serde_json::Value;

/// Two municipalities own `iks-digital` 60/40 and both sit in its representative council
/// (`composition: owners`, deciding strategy and significant decisions): A controls it alone
/// (§ 3-1: 60 % of the votes in the body that decides), B jointly with A (§ 3-2).
fn entities(m_b_type: &str) -> Vec<(String, String)> {
    vec![
        (
            "entities/m-a.yaml".into(),
            "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: m-a, name: A kommune}\nspec: {type: municipality}\n".into(),
        ),
        (
            "entities/m-b.yaml".into(),
            format!("apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: m-b, name: B kommune}}\nspec: {{type: {m_b_type}}}\n"),
        ),
        (
            "entities/iks-digital.yaml".into(),
            "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: iks-digital}\nspec:\n  type: company\n  contracting_authority: true\n  established: 2015-01-01\n  owners: [{entity: m-a, share: 60}, {entity: m-b, share: 40}]\n  governance:\n    - {id: representantskap, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles, board]}\n    - {id: styret, type: board, decides: [operations]}\n  articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}\n".into(),
        ),
        (
            "services/arkiv.yaml".into(),
            "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: arkiv}\nspec: {provider: iks-digital, criticality: low, lifecycle: {stage: active}}\n".into(),
        ),
        (
            "tenants/m-a.yaml".into(),
            "apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: m-a}\nspec:\n  entity: m-a\n  subscriptions: [{service: arkiv, since: 2024-03-01, basis: in-house, assessment: \"Egenregivurdering 2024\"}]\n".into(),
        ),
        (
            "tenants/m-b.yaml".into(),
            "apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: m-b}\nspec:\n  entity: m-b\n  subscriptions: [{service: arkiv, since: 2024-03-01, basis: in-house, assessment: \"Egenregivurdering 2024\"}]\n".into(),
        ),
    ]
}

/// One year: A 500 000, B 408 000, the open market 92 000 (total 1 000 000).
/// Qualifying 908 000 of 1 000 000 = 90.8 %: passes. Without B's line counting, 500 000 of
/// 1 000 000 = 50.0 % would fail; that false failure is what a typo in B used to produce.
fn report(id: &str, year: i32, lines: &str) -> (String, String) {
    (
        format!("activity/{id}.yaml"),
        format!(
            "apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {{id: {id}}}\nspec:\n  provider: iks-digital\n  year: {year}\n  basis: actual\n  measure: turnover\n  currency: NOK\n  lines:\n{lines}"
        ),
    )
}

const GOOD_LINES: &str = "    - {customer: m-a, amount: 500000}\n    - {customer: m-b, amount: 408000}\n    - {other: open-market, amount: 92000}\n";

/// Five good years, 2021 to 2025.
fn years() -> Vec<(String, String)> {
    (2021..=2025)
        .map(|y| report(&format!("iks-{y}"), y, GOOD_LINES))
        .collect()
}

/// The clean repository with `from` replaced by `to` in the report of `year`.
fn edited(year: i32, from: &str, to: &str) -> Vec<(String, String)> {
    let name = format!("iks-{year}.yaml");
    [entities("municipality"), years()]
        .concat()
        .into_iter()
        .map(|(p, t)| {
            let t = if p.ends_with(&name) {
                assert!(t.contains(from), "{from} not in {p}");
                t.replace(from, to)
            } else {
                t
            };
            (p, t)
        })
        .collect()
}

fn run(files: &[(String, String)], args: &[&str]) -> (i32, String) {
    let mut all: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_bytes()))
        .collect();
    all.push(("egenregi.kdl", b"as-of \"2026-11-22\"\n"));
    let dir = common::repo(&all);
    let out = Command::cargo_bin("egenregi")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The JSON output, with each decision's conditions (version 2: indices into
/// `figures.conditions`, a control condition's `how` and `path` in `figures.answers`) resolved
/// in place, so the tests read a decision as a reviewer would.
fn json(files: &[(String, String)]) -> (i32, Value) {
    let (code, out) = run(files, &["--format", "json"]);
    let mut v: Value = serde_json::from_str(&out).expect("JSON output");
    let answers = v["figures"]["answers"].clone();
    let conditions = v["figures"]["conditions"].clone();
    let at =
        |table: &Value, i: &Value| table[usize::try_from(i.as_u64().unwrap()).unwrap()].clone();
    for d in v["figures"]["decisions"].as_array_mut().unwrap() {
        let resolved: Vec<Value> = d["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let mut c = at(&conditions, i);
                if let Some(a) = c.as_object_mut().unwrap().remove("answer") {
                    let a = at(&answers, &a);
                    c["how"] = a["kind"].clone();
                    c["path"] = a["path"].clone();
                    if c.get("because").is_none() {
                        c["because"] = a["explanation"].clone();
                    }
                }
                c
            })
            .collect();
        d["conditions"] = Value::Array(resolved);
    }
    (code, v)
}

fn rules(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

fn decisions<'a>(v: &'a Value, purpose: &str) -> Vec<&'a Value> {
    v["figures"]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["purpose"] == purpose)
        .collect()
}

fn condition<'a>(d: &'a Value, name: &str) -> &'a Value {
    d["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["condition"] == name)
        .unwrap_or_else(|| panic!("no {name} condition in {d}"))
}

#[test]
fn a_clean_iks_holds_on_every_condition() {
    let files = [entities("municipality"), years()].concat();
    let (code, v) = json(&files);
    assert_eq!(code, 0, "{:#}", v["findings"]);
    assert!(rules(&v).is_empty(), "{:?}", rules(&v));
    let award = decisions(&v, "award");
    assert_eq!(award.len(), 2);
    for d in award {
        assert_eq!(d["verdict"], "holds", "{d:#}");
        assert_eq!(d["basis"], "in-house");
        assert_eq!(d["provider"], "iks-digital");
        if d["buyer"] == "m-a" {
            assert_eq!(condition(d, "control")["how"], "sole");
        } else {
            assert_eq!(condition(d, "control")["how"], "joint");
            // Joint control adds the condition of no contrary interests (art. 12(3)).
            assert_eq!(condition(d, "contrary-interests")["verdict"], "holds");
        }
        assert_eq!(condition(d, "private-capital")["verdict"], "holds");
        assert_eq!(condition(d, "buyer")["verdict"], "holds");
        // 3 × 908 000 of 3 × 1 000 000 = 90.8 % over 2021-2023.
        let a = condition(d, "activity");
        assert_eq!(a["verdict"], "holds");
        assert_eq!(a["share"], "90.8");
        assert_eq!(a["window"], "2021-2023");
    }
    // Both subscriptions still run on the as-of date: judged again there.
    assert_eq!(decisions(&v, "as-of").len(), 2);
}

#[test]
fn a_typo_in_a_member_is_the_cause_and_no_false_legal_verdict_follows() {
    // `type: kommune` is not a legal type: B's document fails its schema.
    let files = [entities("kommune"), years()].concat();
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let rules = rules(&v);
    assert!(rules.contains(&"schema/enum".to_owned()), "{rules:?}");
    assert!(
        rules.contains(&"inhouse/not-assessed".to_owned()),
        "{rules:?}"
    );
    // Before: `m-b` became unknown everywhere, B's turnover stopped counting (50.0 %) and every
    // subscription failed the activity test.
    for wrong in ["ref/unknown", "inhouse/activity-share", "inhouse/control"] {
        assert!(!rules.contains(&wrong.to_owned()), "{wrong} in {rules:?}");
    }
    for d in decisions(&v, "award") {
        assert_eq!(d["verdict"], "not-assessed", "{d:#}");
    }
    // No window claims a share it cannot know.
    for w in v["figures"]["windows"].as_array().unwrap() {
        assert_eq!(w["verdict"], "not-assessed", "{w:#}");
        assert_eq!(w["passes"], false);
    }
    // The not-assessed finding points at the cause: a label on B's first schema error.
    let na = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "inhouse/not-assessed")
        .unwrap();
    assert!(
        na["message"]
            .as_str()
            .unwrap()
            .contains("`Entity/m-b` is invalid"),
        "{na:#}"
    );
    assert_eq!(na["labels"][0]["file"], "entities/m-b.yaml");

    // The human output shows the cause before its consequences, though `activity/` sorts
    // before `entities/`.
    let (_, human) = run(&files, &[]);
    let cause = human
        .find("schema/enum")
        .expect("the schema error is shown");
    let consequence = human
        .find("inhouse/not-assessed")
        .expect("the consequence is shown");
    assert!(cause < consequence, "{human}");
    assert!(!human.contains("passes (more than"), "{human}");
}

#[test]
fn a_window_with_a_missing_year_is_not_assessed_in_every_format() {
    // 2022 is missing: 2021 and 2023 alone would show 90.8 % and "pass".
    let files: Vec<_> = [entities("municipality"), years()]
        .concat()
        .into_iter()
        .filter(|(p, _)| !p.ends_with("iks-2022.yaml"))
        .collect();
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    assert!(rules(&v).contains(&"inhouse/activity-data".to_owned()));
    let award = decisions(&v, "award");
    let a = condition(award[0], "activity");
    assert_eq!(a["verdict"], "not-assessed");
    assert!(
        a["because"]
            .as_str()
            .unwrap()
            .contains("no report covers 2022"),
        "{a:#}"
    );
    assert_eq!(award[0]["verdict"], "not-assessed");
    let (_, human) = run(&files, &[]);
    assert!(
        human.contains("NOT ASSESSED: no report covers 2022"),
        "{human}"
    );
    let (_, md) = run(&files, &["--format", "markdown"]);
    assert!(
        md.contains("before 2024-03-01 (award) · ⚠️ not assessed"),
        "{md}"
    );
    // The as-of window (2023-2025) has every year and passes: only what is missing is doubted.
    assert!(md.contains("before 2026-11-22 (as-of) · ✅ passes"), "{md}");
}

#[test]
fn two_reports_for_one_year_are_not_assessed_and_both_named() {
    let mut files = [entities("municipality"), years()].concat();
    // A second 2022 report that would make the window 0 % or 90.8 % depending on which one wins.
    files.push(report(
        "iks-2022-bis",
        2022,
        "    - {other: open-market, amount: 1000000}\n",
    ));
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "inhouse/activity-data")
        .unwrap();
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("`iks-2022`") && m.contains("`iks-2022-bis`"),
        "{m}"
    );
    assert_eq!(decisions(&v, "award")[0]["verdict"], "not-assessed");
}

#[test]
fn no_measurable_activity_is_no_proof() {
    // Every line a grant under a turnover measure: T = 0. Before: "FAILS" in the table, no
    // finding, exit 0.
    let files: Vec<_> = entities("municipality")
        .into_iter()
        .chain((2021..=2025).map(|y| {
            report(
                &format!("iks-{y}"),
                y,
                "    - {customer: m-a, amount: 500000, type: grant}\n",
            )
        }))
        .collect();
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    assert!(rules(&v).contains(&"inhouse/activity-data".to_owned()));
    let w = &v["figures"]["windows"][0];
    assert_eq!(w["verdict"], "not-assessed");
    assert!(
        w["not_assessed"][0].as_str().unwrap().contains("total 0"),
        "{w:#}"
    );
}

#[test]
fn an_award_before_the_provider_existed_is_not_assessed() {
    let mut files = [entities("municipality"), years()].concat();
    // established after the award (2024-03-01).
    files[2].1 = files[2]
        .1
        .replace("established: 2015-01-01", "established: 2024-06-01");
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let award = decisions(&v, "award");
    let a = condition(award[0], "activity");
    assert_eq!(a["verdict"], "not-assessed", "{a:#}");
    assert!(
        a["because"]
            .as_str()
            .unwrap()
            .contains("did not exist on 2024-03-01"),
        "{a:#}"
    );
    // Nobody controls a company before it exists (DESIGN §3.2): control fails, and says why.
    let c = condition(award[0], "control");
    assert_eq!(c["verdict"], "fails", "{c:#}");
    assert!(
        c["because"]
            .as_str()
            .unwrap()
            .contains("established on 2024-06-01"),
        "{c:#}"
    );
    assert_eq!(award[0]["verdict"], "fails");
    // The one fact is said by the two rules it belongs to, not a third time by the window.
    let r = rules(&v);
    assert!(r.contains(&"inhouse/control".to_owned()), "{r:?}");
    assert!(r.contains(&"tenant/period".to_owned()), "{r:?}");
    assert!(!r.contains(&"inhouse/activity-data".to_owned()), "{r:?}");
}

#[test]
fn a_lumped_line_with_members_outside_the_group_is_not_classified_as_zero() {
    // An association `region` with members A, B and a private company; a lumped line
    // `members-of:region` cannot be all qualifying or all not: ask for the split.
    let mut files = [entities("municipality"), years()].concat();
    files.push((
        "entities/region.yaml".into(),
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: region}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: acme}\nspec: {type: private, contracting_authority: false, member_of: [region]}\n".into(),
    ));
    files[0].1 = files[0].1.replace(
        "{type: municipality}",
        "{type: municipality, member_of: [region]}",
    );
    files.retain(|(p, _)| !p.ends_with("iks-2023.yaml"));
    files.push(report("iks-2023", 2023, "    - {group: \"members-of:region\", amount: 908000}\n    - {other: open-market, amount: 92000}\n"));
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "inhouse/activity-data")
        .unwrap();
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("cannot be classified"),
        "{f:#}"
    );
    assert_eq!(decisions(&v, "award")[0]["verdict"], "not-assessed");
}

/// A state agency buys the archive service `below-threshold` at NOK 90 000 a year.
fn below_threshold(until: &str, extra: &str) -> Vec<(String, String)> {
    let mut files = [entities("municipality"), years()].concat();
    files.push((
        "entities/staten.yaml".into(),
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: staten}\nspec: {type: state-agency}\n".into(),
    ));
    files.push((
        "tenants/staten.yaml".into(),
        format!("apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: staten}}\nspec:\n  entity: staten\n  subscriptions:\n    - {{service: arkiv, since: 2025-01-01, until: {until}, basis: below-threshold, annual_value: 90000{extra}}}\n"),
    ));
    files
}

/// The decision of the one `below-threshold` subscription of [`below_threshold`].
fn below_threshold_decision(v: &Value) -> &Value {
    v["figures"]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["basis"] == "below-threshold")
        .unwrap()
}

/// Why its `value` condition holds or fails, in words.
fn value_because(v: &Value) -> &str {
    condition(below_threshold_decision(v), "value")["because"]
        .as_str()
        .unwrap()
}

#[test]
fn every_subscription_has_a_decision_and_the_floor_applies_to_the_whole_contract() {
    // Open-ended: 90 000 × 4 (48 months) = 360 000, not below the 100 000 floor. Before: the
    // annual 90 000 was compared with the floor and passed.
    let (code, v) = json(&below_threshold("null", ""));
    assert_eq!(code, 1);
    let d = below_threshold_decision(&v);
    let value = condition(d, "value");
    assert_eq!(value["verdict"], "fails", "{d:#}");
    // It says how the value was reached (the words are put together only for the decisions
    // that say them, issue 18).
    let because = value["because"].as_str().unwrap();
    assert!(
        because.contains("360000.00")
            && because.contains("annual value 90000.00 × 4, as it has no end date"),
        "{value:#}"
    );
    assert!(rules(&v).contains(&"procurement/basis".to_owned()));
    // One year (2025-01-01 to 2025-12-31, 12 whole months): 90 000 × 12 / 12 = 90 000, below
    // the floor.
    let (code, v) = json(&below_threshold("2025-12-31", ""));
    assert_eq!(code, 0, "{:#}", v["findings"]);
    let d = below_threshold_decision(&v);
    assert_eq!(d["verdict"], "holds", "{d:#}");
    let term = value_because(&v);
    assert!(
        term.contains(
            "annual value 90000.00 × 12 months / 12, for the fixed term 2025-01-01 to 2025-12-31"
        ),
        "{term}"
    );
    // A stated estimate of the whole contract wins over the derived one.
    let (code, v) = json(&below_threshold("null", ", estimated_value: 95000"));
    assert_eq!(code, 0);
    let stated = value_because(&v);
    assert!(
        stated.contains("the stated estimated value 95000.00"),
        "{stated}"
    );
}

#[test]
fn a_year_with_an_unreadable_amount_gives_no_share_anywhere() {
    // 2022: B's 408 000 written with a third decimal, so it cannot be read exactly. The year's
    // sums leave it out: qualifying 500 000 of 592 000 (84.4 % of what was read; B's line
    // would have made it 90.8 %). Before: the year and the 2021-2023 window showed those
    // partial shares (the window 88.6 %) beside "NOT ASSESSED".
    let files = edited(2022, "amount: 408000}", "amount: 408000.005}");
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let w = v["figures"]["windows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["date"] == "2024-03-01")
        .unwrap();
    assert_eq!(w["verdict"], "not-assessed", "{w:#}");
    for field in ["share", "margin", "headroom_per_year"] {
        assert!(w[field].is_null(), "{field}: {w:#}");
    }
    let y2022 = &w["years"][1];
    assert_eq!(y2022["year"], 2022);
    assert_eq!(y2022["basis"], "actual");
    assert_eq!(y2022["unreadable"], 1);
    assert!(y2022["share"].is_null(), "{y2022:#}");
    assert_eq!(y2022["qualifying"], "500000.00");
    assert_eq!(y2022["total"], "592000.00");
    // The complete years keep their own share; no key for what is not missing.
    assert_eq!(w["years"][0]["share"], "90.8");
    assert!(w["years"][0].get("unreadable").is_none(), "{w:#}");
    // The decision's activity condition carries the reason, no share.
    let a = condition(decisions(&v, "award")[0], "activity");
    assert_eq!(a["verdict"], "not-assessed");
    assert!(a.get("share").is_none(), "{a:#}");

    let (_, human) = run(&files, &[]);
    assert!(
        human.contains("  2022: 1 amount unreadable or too large to add, left out of both sums\n"),
        "{human}"
    );
    let row = human
        .lines()
        .find(|l| l.starts_with("  2022  actual"))
        .unwrap();
    assert!(row.ends_with(" -"), "{row}");
    assert!(
        !human.contains("84.4 %") && !human.contains("88.6 %"),
        "{human}"
    );

    let (_, md) = run(&files, &["--format", "markdown"]);
    assert!(
        md.contains(
            "| 2022 | actual; **1 amount unreadable or too large to add, left out of both sums** |"
        ),
        "{md}"
    );
}

#[test]
fn a_year_with_an_unclassified_line_gives_no_share() {
    // 2023: B's line names a customer no document defines, so it cannot be classified. It is
    // in the total (1 000 000) but not in qualifying (500 000); that 50.0 % is a floor, not a
    // share, and neither the year nor the windows with 2023 show one.
    let files = edited(2023, "customer: m-b,", "customer: m-x,");
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let windows = v["figures"]["windows"].as_array().unwrap();
    assert!(!windows.is_empty());
    for w in windows {
        assert_eq!(w["verdict"], "not-assessed", "{w:#}");
        assert!(w["share"].is_null(), "{w:#}");
        let y = w["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["year"] == 2023)
            .unwrap();
        assert_eq!(y["unclassified"], 1, "{w:#}");
        assert!(y["share"].is_null(), "{y:#}");
        assert_eq!(y["qualifying"], "500000.00");
        assert_eq!(y["total"], "1000000.00");
    }
    let (_, human) = run(&files, &[]);
    assert!(
        human.contains("  2023: 1 line not classified, in the total only\n"),
        "{human}"
    );
    assert!(!human.contains("50.0 %"), "{human}");
}

#[test]
fn a_window_in_two_currencies_is_not_assessed() {
    // 2023 in EUR, the other years in NOK. Each year's share is a ratio and stands (90.8 %),
    // but the window adds three years' amounts: 2 724 000 "of" 3 000 000 would be a sum of
    // kroner and euros. Before: "passes, 90.8 %", exit 0.
    let files = edited(2023, "currency: NOK", "currency: EUR");
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "inhouse/activity-measure")
        .expect("a finding on the odd currency");
    assert_eq!(f["file"], "activity/iks-2023.yaml", "{f:#}");
    assert!(
        f["message"].as_str().unwrap().contains("`NOK` and `EUR`"),
        "{f:#}"
    );
    // Every window with 2023 (award 2021-2023, as-of 2023-2025) is not assessed, in NOK (the
    // currency most of its reports use), and 2023 names its own.
    let windows = v["figures"]["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 2);
    for w in windows {
        assert_eq!(w["verdict"], "not-assessed", "{w:#}");
        assert_eq!(w["currency"], "NOK");
        assert!(w["share"].is_null(), "{w:#}");
        for y in w["years"].as_array().unwrap() {
            let own = if y["year"] == 2023 { "EUR" } else { "" };
            assert_eq!(y["currency"].as_str().unwrap_or(""), own, "{y:#}");
            assert_eq!(y["share"], "90.8", "{y:#}");
        }
    }
    assert_eq!(
        condition(decisions(&v, "award")[0], "activity")["verdict"],
        "not-assessed"
    );
    let (_, human) = run(&files, &[]);
    assert!(human.contains("  2023: amounts in EUR\n"), "{human}");
    assert!(
        human.contains("  window                            -                 -        -\n"),
        "{human}"
    );

    // One currency throughout, whichever it is, is fine.
    let files: Vec<_> = [entities("municipality"), years()]
        .concat()
        .into_iter()
        .map(|(p, t)| (p, t.replace("currency: NOK", "currency: EUR")))
        .collect();
    let (code, v) = json(&files);
    assert_eq!(code, 0, "{:#}", v["findings"]);
    assert_eq!(v["figures"]["windows"][0]["currency"], "EUR");
}

#[test]
fn a_year_whose_report_is_invalid_is_not_called_missing() {
    // 2022's report has a negative amount and fails its schema. The window 2021-2023 is not
    // assessed because of it; the year is "invalid", not "missing", and no finding claims that
    // no report covers 2022 (one does; it cannot be read until it is fixed).
    let files = edited(2022, "amount: 92000}", "amount: -92000}");
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("no ActivityReport covers")),
        "{messages:#?}"
    );
    assert!(
        rules(&v).contains(&"schema/minimum".to_owned()),
        "{messages:#?}"
    );
    assert!(
        rules(&v).contains(&"inhouse/not-assessed".to_owned()),
        "{messages:#?}"
    );
    let w = &v["figures"]["windows"][0];
    assert_eq!(w["date"], "2024-03-01");
    assert_eq!(w["verdict"], "not-assessed");
    assert_eq!(w["years"][1]["year"], 2022);
    assert_eq!(w["years"][1]["basis"], "invalid", "{w:#}");
    let (_, human) = run(&files, &[]);
    assert!(human.contains("  2022  invalid "), "{human}");

    // A report whose year cannot be read may cover any year of any window, but not a year
    // before the provider existed (established 2015 here, moved to 2022 and its 2021 report
    // dropped: the 2021-2023 window has 2021 before it).
    let files: Vec<_> = edited(2022, "year: 2022", "year: \"2022\"")
        .into_iter()
        .filter(|(p, _)| !p.ends_with("iks-2021.yaml"))
        .map(|(p, t)| {
            (
                p,
                t.replace("established: 2015-01-01", "established: 2022-01-01"),
            )
        })
        .collect();
    let (_, v) = json(&files);
    let w = &v["figures"]["windows"][0];
    assert_eq!(w["date"], "2024-03-01");
    assert_eq!(w["verdict"], "not-assessed");
    let bases: Vec<&str> = w["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["basis"].as_str().unwrap())
        .collect();
    assert_eq!(bases, ["not-established", "invalid", "actual"], "{w:#}");
}

/// Sums egenregi cannot hold exactly are no sums. Each amount below reads exactly, but the sums
/// pass `i64::MAX` øre (92 233 720 368 547 758.07 NOK), where they used to saturate: Q and T
/// both stuck at the maximum read as 100 % and "holds".
#[test]
fn sums_too_large_to_add_are_not_assessed() {
    let lines = |a: &str, b: &str, open: &str| {
        format!(
            "    - {{customer: m-a, amount: {a}}}\n    - {{customer: m-b, amount: {b}}}\n    - {{other: open-market, amount: {open}}}\n"
        )
    };
    let repo = |l: &str| -> Vec<(String, String)> {
        let years = (2021..=2025).map(|y| report(&format!("iks-{y}"), y, l));
        entities("municipality").into_iter().chain(years).collect()
    };
    // The window's total: a year is 3.1e16 + 0 + 3.1e16 = 6.2e16 NOK (6.2e18 øre, fits); three
    // years are 1.86e19 øre, past the maximum. By hand Q/T = 50.0 %: it fails, never passes.
    let (code, v) = json(&repo(&lines("31000000000000000", "0", "31000000000000000")));
    assert_eq!(code, 1);
    for d in decisions(&v, "award") {
        let a = condition(d, "activity");
        assert_eq!(a["verdict"], "not-assessed", "{a}");
        assert!(a["share"].is_null(), "{a}");
    }
    let window = &v["figures"]["windows"][0];
    assert!(
        window["not_assessed"]
            .to_string()
            .contains("the window's total is larger than egenregi can add exactly"),
        "{window}"
    );
    // Each year's rows are exact and their share (50.0 %) is shown; the window has none.
    assert_eq!(window["years"][0]["share"], "50.0");
    assert!(window["share"].is_null());
    let (_, human) = run(
        &repo(&lines("31000000000000000", "0", "31000000000000000")),
        &[],
    );
    // The columns never run together, however long the amounts.
    assert!(
        human.contains("31 000 000 000 000 000.00 62 000 000 000 000 000.00"),
        "{human}"
    );

    // One year's sum: 5e16 + 5e16 + 9e16 NOK = 1.9e19 øre. The second and third amounts each
    // take the year's total past the maximum: both left out, named at their lines.
    let (code, v) = json(&repo(&lines(
        "50000000000000000",
        "50000000000000000",
        "90000000000000000",
    )));
    assert_eq!(code, 1);
    for d in decisions(&v, "award") {
        assert_eq!(condition(d, "activity")["verdict"], "not-assessed");
    }
    let too_large: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("makes the sum of 2021 larger than egenregi can add exactly")
        })
        .collect();
    assert_eq!(too_large.len(), 2, "{too_large:?}");
    assert_eq!(v["figures"]["windows"][0]["years"][0]["unreadable"], 2);
}

/// The clean repository with each file's `from` replaced by `to` (files without it unchanged),
/// plus `extra` files.
fn with(
    files: Vec<(String, String)>,
    edits: &[(&str, &str, &str)],
    extra: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = files
        .into_iter()
        .map(|(p, mut t)| {
            for (file, from, to) in edits {
                if p.ends_with(file) {
                    assert!(t.contains(from), "{from} not in {p}");
                    t = t.replace(from, to);
                }
            }
            (p, t)
        })
        .collect();
    files.extend(
        extra
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned())),
    );
    files
}

const PROJECTED: &str = "basis: projected\n  projection: {prepared: 2021-11-01, approved_by: \"Styret\", method: \"Forretningsplan\"}\n  evidence: plan.txt";

/// A company established in 2015 has had closed years since 2016: a projection cannot stand in
/// for 2021–2023, closed long before the evaluation date, even when the repository holds no
/// actual report older than 2024 (counting reports let such a repository project any year).
#[test]
fn a_projection_of_a_closed_year_is_inadmissible_for_a_company_with_closed_years() {
    let files = with(
        [entities("municipality"), years()].concat(),
        &[
            ("iks-2021.yaml", "basis: actual", PROJECTED),
            ("iks-2022.yaml", "basis: actual", PROJECTED),
            ("iks-2023.yaml", "basis: actual", PROJECTED),
        ],
        &[("plan.txt", "Forretningsplan 2021\n")],
    );
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    for d in decisions(&v, "award") {
        assert_eq!(condition(d, "activity")["verdict"], "not-assessed", "{d}");
    }
    let inadmissible = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["rule"] == "inhouse/activity-data"
                && f["message"]
                    .as_str()
                    .unwrap()
                    .contains("is covered by a projection")
        })
        .count();
    assert_eq!(inadmissible, 3, "{}", v["findings"]);
    // The same projections for a company established in 2022 stand in (a new company): the
    // window is assessed (2021 before it existed, 2022 and 2023 projected, 90.8 %).
    let young = with(
        files,
        &[(
            "iks-digital.yaml",
            "established: 2015-01-01",
            "established: 2022-01-01",
        )],
        &[],
    );
    let (_, v) = json(&young);
    for d in decisions(&v, "award") {
        assert_ne!(condition(d, "activity")["verdict"], "not-assessed", "{d}");
    }
}

/// A company established on 2023-06-01 has one year of activity before a 2024-03-01 award:
/// 2023, A 500 000 + B 408 000 of 1 000 000 = 90.8 %. The share passes, but the law asks a
/// new company to show its measurement credible, particularly by business projections (art.
/// 12(5) second subparagraph): the condition is for review, and says why. The headroom is that
/// one year's: 100·Q − 80·T = 1 080 000 000 øre² / 80 → 13 499 999 øre = 134 999.99 NOK more
/// in 2023 still passes (135 000 would be exactly 80 %); dividing by three years that could
/// carry nothing gave 44 999.99.
#[test]
fn a_new_company_on_one_year_is_for_review_with_that_years_headroom() {
    let files = with(
        [entities("municipality"), years()].concat(),
        &[(
            "iks-digital.yaml",
            "established: 2015-01-01",
            "established: 2023-06-01",
        )],
        &[],
    )
    .into_iter()
    .filter(|(p, _)| !p.ends_with("iks-2021.yaml") && !p.ends_with("iks-2022.yaml"))
    .collect::<Vec<_>>();
    let (code, v) = json(&files);
    assert_eq!(code, 0, "{}", v["findings"]);
    let window = v["figures"]["windows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["date"] == "2024-03-01")
        .unwrap();
    assert_eq!(window["share"], "90.8");
    assert_eq!(window["headroom_per_year"], "134999.99");
    assert!(
        window["review"][0]
            .as_str()
            .unwrap()
            .contains("one year of activity (2023)"),
        "{window}"
    );
    for d in decisions(&v, "award") {
        let a = condition(d, "activity");
        assert_eq!(a["verdict"], "review", "{a}");
        assert!(
            a["because"]
                .as_str()
                .unwrap()
                .contains("one year of activity")
        );
        assert_eq!(d["verdict"], "review");
    }
    // The as-of window has three years (2023, 2024, 2025): it holds, with no review.
    for d in decisions(&v, "as-of") {
        assert_eq!(condition(d, "activity")["verdict"], "holds");
    }
}

/// A planned award on 2027-03-01 may rest on a projection of the running year 2026. Without
/// its approver, date and evidence the law's "credible" is not shown: the activity condition
/// (90.8 % in every year) is for review, citing `inhouse/activity-projection`; with them it
/// holds.
#[test]
fn a_projection_without_approver_date_or_evidence_is_for_review() {
    let planned = |basis: &str| {
        with(
            [entities("municipality"), years()].concat(),
            &[("tenants/m-a.yaml", "since: 2024-03-01", "since: 2027-03-01")],
            &[("plan.txt", "Forretningsplan 2026\n")],
        )
        .into_iter()
        .chain([report("iks-2026", 2026, GOOD_LINES)])
        .map(|(p, t)| {
            if p.ends_with("iks-2026.yaml") {
                (p, t.replace("basis: actual", basis))
            } else {
                (p, t)
            }
        })
        .collect::<Vec<_>>()
    };
    let award = |v: &Value| {
        decisions(v, "award")
            .into_iter()
            .find(|d| d["date"] == "2027-03-01")
            .unwrap()
            .clone()
    };
    let (_, v) = json(&planned("basis: projected"));
    let d = award(&v);
    let a = condition(&d, "activity");
    assert_eq!(a["verdict"], "review", "{a}");
    assert_eq!(a["rules"][0], "inhouse/activity-projection");
    assert!(
        a["because"]
            .as_str()
            .unwrap()
            .contains("2026 rests on a projection that does not name")
    );
    let (_, v) = json(&planned(PROJECTED));
    let d = award(&v);
    assert_eq!(condition(&d, "activity")["verdict"], "holds", "{d}");
}

/// A lumped line of an association that is not defined is not "members of nobody": before, it
/// counted against the company (A 500 000 of 1 000 000 = 50.0 %, fails) beside the
/// `ref/unknown` that names the typo. Now the window is not assessed and says which line.
#[test]
fn a_lumped_line_of_an_unknown_association_is_not_classified() {
    let files = edited(
        2022,
        "{customer: m-b, amount: 408000}",
        "{group: \"members-of:nope\", amount: 408000}",
    );
    let (code, v) = json(&files);
    assert_eq!(code, 1);
    assert!(rules(&v).contains(&"ref/unknown".to_owned()));
    assert!(
        !rules(&v).contains(&"inhouse/activity-share".to_owned()),
        "{:?}",
        rules(&v)
    );
    for d in decisions(&v, "award") {
        let a = condition(d, "activity");
        assert_eq!(a["verdict"], "not-assessed", "{a}");
        assert!(
            a["because"]
                .as_str()
                .unwrap()
                .contains("names `nope`, which is not defined"),
            "{a}"
        );
    }
}

/// The reviewer's report says what it did not read and what the decisions leave open, also
/// when a waiver has silenced every finding: a "✅ 0 errors" headline above rows that say
/// "fails" misled a lawyer reading it. Here the window is exactly 80 % (A 500 000, B 300 000,
/// open market 200 000 a year: fails), the failure is waived, and one more report is excluded
/// in egenregi.kdl.
#[test]
fn the_report_says_what_it_did_not_read_and_which_decisions_stay_open() {
    let mut files = [entities("municipality"), years()].concat();
    for (p, t) in &mut files {
        if p.starts_with("activity/") {
            *t = t
                .replace("m-b, amount: 408000", "m-b, amount: 300000")
                .replace("amount: 92000", "amount: 200000");
        }
    }
    files.push(("waivers/w.yaml".into(), "apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-activity}\nspec:\n  rule: inhouse/activity-share\n  targets: [\"Tenant/m-a\", \"Tenant/m-b\"]\n  reason: \"Styret aksepterer risikoen til regnskapet for 2025 er avsluttet\"\n  approved_by: \"Kari Nordmann, daglig leder\"\n  expires: 2027-06-30\n".into()));
    files.push((
        "drafts/x.yaml".into(),
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: x}\nspec: {type: municipality}\n"
            .into(),
    ));
    let mut all: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_bytes()))
        .collect();
    all.push((
        "egenregi.kdl",
        b"as-of \"2026-11-22\"\npaths { exclude \"drafts/**\" }\n",
    ));
    let dir = common::repo(&all);
    let report = |lang: &str| {
        let out = Command::cargo_bin("egenregi")
            .unwrap()
            .args(["report", "--format", "markdown", "--lang", lang])
            .arg(dir.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let en = report("en");
    let head = en.lines().next().unwrap();
    assert!(head.starts_with("# ❌ egenregi: 0 errors"), "{head}");
    assert!(
        head.contains("4 decisions not met, 0 not assessed"),
        "{head}"
    );
    assert!(
        en.contains("**1 YAML file not read (1 excluded in egenregi.kdl)**"),
        "{en}"
    );
    assert!(en.contains("## Assumed, and not checked"));
    let nb = report("nb");
    assert!(
        nb.contains("4 vurderinger ikke oppfylt, 0 ikke vurdert"),
        "{nb}"
    );
    assert!(
        nb.contains("**1 YAML-fil ikke lest (1 utelatt i egenregi.kdl)**"),
        "{nb}"
    );
    assert!(nb.contains("2 funn unntatt"), "{nb}");
}
