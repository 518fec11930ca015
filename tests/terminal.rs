//! The terminal output of `check`: a diagnostic repeated for many targets is shown once with the
//! targets listed, while JSON keeps one result per target; `--rule`, `--skip` and `-q` filter the
//! activity tables as they filter the findings.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use assert_cmd::Command;

/// A provider whose window fails (50 %), and four municipalities that buy one service from it
/// in-house on the same date: `inhouse/activity-share` says the same thing for each of the four
/// subscriptions.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut entities = String::from(
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: drift}\nspec:\n  type: company\n  contracting_authority: true\n  established: 2015-01-01\n  owners:\n",
    );
    let towns = ["a", "b", "c", "d"];
    for t in towns {
        entities.push_str(&format!("    - {{entity: m-{t}, share: 25, votes: 25}}\n"));
    }
    entities.push_str(
        "  governance:\n    - {id: gm, type: general-meeting, composition: owners, decides: [strategy, significant-decisions, articles]}\n  articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}\n",
    );
    for t in towns {
        entities.push_str(&format!(
            "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: m-{t}}}\nspec: {{type: municipality}}\n"
        ));
    }
    std::fs::write(dir.path().join("entities.yaml"), entities).unwrap();
    std::fs::write(
        dir.path().join("service.yaml"),
        "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: sak}\nspec: {provider: drift, criticality: low, lifecycle: {stage: active}}\n",
    )
    .unwrap();
    for t in towns {
        std::fs::write(
            dir.path().join(format!("tenant-{t}.yaml")),
            format!("apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: t-{t}}}\nspec:\n  entity: m-{t}\n  subscriptions:\n    - {{service: sak, basis: in-house, since: 2024-03-01, assessment: \"Egenregivurdering\"}}\n"),
        )
        .unwrap();
    }
    for year in 2021..=2023 {
        std::fs::write(
            dir.path().join(format!("activity-{year}.yaml")),
            format!("apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {{id: drift-{year}}}\nspec:\n  provider: drift\n  year: {year}\n  basis: actual\n  measure: turnover\n  currency: NOK\n  lines:\n    - {{customer: m-a, amount: 500.00}}\n    - {{other: open-market, amount: 500.00}}\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("egenregi.kdl"), "as-of \"2024-06-01\"\n").unwrap();
    dir
}

fn run(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = Command::cargo_bin("egenregi")
        .unwrap()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(dir.path())
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_message_repeated_for_many_subscriptions_is_shown_once() {
    let dir = repository();
    let json: serde_json::Value = serde_json::from_str(&run(&dir, &["--format", "json"])).unwrap();
    let shares = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "inhouse/activity-share")
        .count();
    assert!(shares >= 4, "one result per subscription in JSON: {json:#}");
    let human = run(&dir, &[]);
    let shown = human.matches("inhouse/activity-share").count();
    assert_eq!(shown, 1, "once in the terminal:\n{human}");
    assert!(
        human.contains(&format!("and {} more subscriptions: Tenant/t-", shares - 1)),
        "{human}"
    );
    // the summary still counts every finding
    assert!(
        human.contains(&format!("{shares} errors")) || human.contains("errors"),
        "{human}"
    );
}

/// GitHub shows only the first 10 annotations of a type per step: the repeated message is one
/// annotation that lists the other subscriptions, while SARIF keeps one result per target.
#[test]
fn github_annotates_a_repeated_message_once_listing_the_other_targets() {
    let dir = repository();
    let github = run(&dir, &["--format", "github"]);
    let annotations: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("title=inhouse/activity-share::"))
        .collect();
    assert_eq!(annotations.len(), 1, "{github}");
    assert!(
        annotations[0].contains("%0Aand 3 more subscriptions: Tenant/t-b#/spec/subscriptions/0 (tenant-b.yaml:7:29), Tenant/t-c"),
        "{github}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&run(&dir, &["--format", "sarif"])).unwrap();
    let results = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "inhouse/activity-share")
        .count();
    assert_eq!(results, 4, "one SARIF result per subscription");
}

#[test]
fn rule_skip_and_quiet_filter_the_activity_tables() {
    let dir = repository();
    let table = "activity of `drift`, window before";
    assert!(run(&dir, &[]).contains(table));
    assert!(run(&dir, &["--rule", "inhouse/activity-share"]).contains(table));
    assert!(!run(&dir, &["--rule", "inhouse/control"]).contains(table));
    let mut skip_all = Vec::new();
    for id in [
        "inhouse/activity-data",
        "inhouse/activity-margin",
        "inhouse/activity-measure",
        "inhouse/activity-projection",
        "inhouse/activity-share",
        "inhouse/activity-trend",
    ] {
        skip_all.extend(["--skip", id]);
    }
    assert!(!run(&dir, &skip_all).contains(table));
    assert!(!run(&dir, &["-q"]).contains(table));
    // JSON keeps the figures whatever the filter
    assert!(run(&dir, &["--format", "json", "-q"]).contains("\"windows\""));
}
