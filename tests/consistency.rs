//! Consistency rules end to end, on a small inter-municipal company (IKS) of our own: three
//! Vestland municipalities own `vestland-ikt`, which runs an archive service they buy by tender.
//! Each test breaks the clean repository in one way and says what must be found, and why.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

mod common;

use std::path::Path;
use std::process::Command;

use egenregi::Options;
use egenregi::finding::{Finding, Severity};

const CONFIG: &str = "as-of \"2026-11-22\"\n";

/// The owners: Bergen (4601), Askøy (4627) and Voss (4621), all in use since 2020.
const MUNICIPALITIES: &str = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: bergen-kommune, name: Bergen kommune}
spec: {type: municipality, orgnr: \"964338531\", municipality_number: \"4601\"}
---
apiVersion: egenregi/v1
kind: Entity
metadata: {id: askoy-kommune, name: Askøy kommune}
spec: {type: municipality, orgnr: \"964496412\", municipality_number: \"4627\"}
---
apiVersion: egenregi/v1
kind: Entity
metadata: {id: voss-kommune, name: Voss herad}
spec: {type: municipality, orgnr: \"964338426\", municipality_number: \"4621\"}
";

/// The company; `OWNERS` is replaced by each test's holdings.
const COMPANY: &str = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: vestland-ikt, name: Vestland IKT IKS}
spec:
  type: company
  orgnr: \"991299114\"
  contracting_authority: true
  established: 2020-01-01
  owners:
OWNERS
---
apiVersion: egenregi/v1
kind: Service
metadata: {id: arkiv}
spec: {provider: vestland-ikt, criticality: low, lifecycle: {stage: active}}
";

/// Holdings that add up to exactly 100 %.
const OWNERS: &str = "\
    - {entity: bergen-kommune, share: 50}
    - {entity: askoy-kommune, share: 30}
    - {entity: voss-kommune, share: 20}";

const TENANT: &str = "\
apiVersion: egenregi/v1
kind: Tenant
metadata: {id: bergen}
spec:
  entity: bergen-kommune
  subscriptions:
    - service: arkiv
      since: SINCE
      until: UNTIL
      basis: tender
      procurement: {reference: \"2021/344\", awarded: 2021-02-01}
";

/// The repository with `owners` as the company's holdings and the subscription's dates.
fn iks(owners: &str, since: &str, until: &str) -> tempfile::TempDir {
    iks_with(owners, since, until, &[])
}

fn iks_with(owners: &str, since: &str, until: &str, extra: &[(&str, &str)]) -> tempfile::TempDir {
    // Each holding on its own line, indented under `owners:` (a `\` line continuation in the
    // constants eats the first line's indentation).
    let owners: Vec<String> = owners
        .lines()
        .map(|l| format!("    {}", l.trim()))
        .collect();
    let company = COMPANY.replace("OWNERS", &owners.join("\n"));
    let tenant = TENANT.replace("SINCE", since).replace("UNTIL", until);
    let mut files: Vec<(&str, &[u8])> = vec![
        ("egenregi.kdl", CONFIG.as_bytes()),
        ("entities/kommuner.yaml", MUNICIPALITIES.as_bytes()),
        ("entities/vestland-ikt.yaml", company.as_bytes()),
        ("tenants/bergen.yaml", tenant.as_bytes()),
    ];
    files.extend(extra.iter().map(|(p, t)| (*p, t.as_bytes())));
    common::repo(&files)
}

fn check(root: &Path) -> Vec<Finding> {
    egenregi::check(root, &Options::default()).unwrap().findings
}

fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn egenregi(args: &[&str], root: &Path) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .args(args)
        .arg(root)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap(), json)
}

#[test]
fn the_clean_iks_has_no_findings() {
    // The baseline every other test breaks: 50 + 30 + 20 = 100 %, real numbers, a subscription
    // inside the company's lifetime.
    let dir = iks(OWNERS, "2021-03-01", "null");
    let found = check(dir.path());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn holdings_above_100_percent_are_an_error() {
    // 50 + 30 + 30 = 110 %: one finding on `owners`, a label on each holding.
    let owners = OWNERS.replace("share: 20", "share: 30");
    let dir = iks(&owners, "2021-03-01", "null");
    let found = check(dir.path());
    let total = of(&found, "entity/ownership-total");
    assert_eq!(total.len(), 1, "{found:#?}");
    assert_eq!(
        total[0].message,
        "the owners of `vestland-ikt` hold 110 % of its capital"
    );
    assert_eq!(total[0].labels.len(), 3);
    assert_eq!(total[0].data["total"], "110");
    assert_eq!(
        total[0].target.as_deref(),
        Some("Entity/vestland-ikt#/spec/owners")
    );
    let (code, _) = egenregi(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
}

#[test]
fn holdings_are_summed_exactly() {
    // 30.71 + 33.34 + 35.95 is exactly 100; added up as f64 it is 100.00000000000001, which
    // must not be reported. 33.34 × 3 = 100.02 must be, to the hundredth.
    let exact = "\
    - {entity: bergen-kommune, share: 30.71}
    - {entity: askoy-kommune, share: 33.34}
    - {entity: voss-kommune, share: 35.95}";
    let dir = iks(exact, "2021-03-01", "null");
    let found = check(dir.path());
    assert!(
        of(&found, "entity/ownership-total").is_empty(),
        "{found:#?}"
    );

    let over = "\
    - {entity: bergen-kommune, share: 33.34}
    - {entity: askoy-kommune, share: 33.34}
    - {entity: voss-kommune, share: 33.34}";
    let dir = iks(over, "2021-03-01", "null");
    let found = check(dir.path());
    let total = of(&found, "entity/ownership-total");
    assert_eq!(total.len(), 1, "{found:#?}");
    assert!(
        total[0].message.contains("100.02 %"),
        "{}",
        total[0].message
    );
}

#[test]
fn dated_holdings_are_summed_where_they_change() {
    // Bergen sells its 50 % to Voss at the end of 2023. Askøy 50 always, Bergen 50 until
    // 2023-12-31, Voss 50 from 2024-01-01: 100 % on every date (a naive sum says 150 %), and
    // `from`/`to` on a holding are schema-valid.
    let handover = "\
    - {entity: askoy-kommune, share: 50}
    - {entity: bergen-kommune, share: 50, to: 2023-12-31}
    - {entity: voss-kommune, share: 50, from: 2024-01-01}";
    let dir = iks(handover, "2021-03-01", "null");
    let found = check(dir.path());
    assert!(found.is_empty(), "{found:#?}");

    // Voss's holding is recorded from 2023-07-01 instead: 150 % from 2023-07-01 to 2023-12-31
    // (Bergen's last day), and 100 % again from 2024-01-01. Only that stretch is named.
    let overlap = handover.replace("from: 2024-01-01", "from: 2023-07-01");
    let dir = iks(&overlap, "2021-03-01", "null");
    let found = check(dir.path());
    let total = of(&found, "entity/ownership-total");
    assert_eq!(total.len(), 1, "{found:#?}");
    assert_eq!(
        total[0].message,
        "the owners of `vestland-ikt` hold 150 % of its capital from 2023-07-01 to 2023-12-31"
    );
    assert_eq!(total[0].data["from"], "2023-07-01");
    assert_eq!(total[0].data["to"], "2023-12-31");

    // Two separate stretches over 100 %: the first is named, the other counted.
    let twice = "\
    - {entity: askoy-kommune, share: 60}
    - {entity: bergen-kommune, share: 50, from: 2021-01-01, to: 2021-12-31}
    - {entity: voss-kommune, share: 50, from: 2023-01-01, to: 2023-12-31}";
    let dir = iks(twice, "2021-03-01", "null");
    let found = check(dir.path());
    let total = of(&found, "entity/ownership-total");
    assert_eq!(total.len(), 1, "{found:#?}");
    assert_eq!(
        total[0].message,
        "the owners of `vestland-ikt` hold 110 % of its capital from 2021-01-01 to 2021-12-31 \
         (and over 100 % on 1 later stretch)"
    );
}

#[test]
fn votes_are_summed_apart_from_capital() {
    // Capital 50 + 50 = 100 %, but votes 60 + 50 = 110 % (Askøy's votes default to its share).
    let votes = "\
    - {entity: bergen-kommune, share: 50, votes: 60}
    - {entity: askoy-kommune, share: 50}";
    let dir = iks(votes, "2021-03-01", "null");
    let found = check(dir.path());
    let total = of(&found, "entity/ownership-total");
    assert_eq!(total.len(), 1, "{found:#?}");
    assert_eq!(
        total[0].message,
        "the owners of `vestland-ikt` hold 110 % of its votes"
    );
    assert!(
        total[0].labels[1]
            .message
            .contains("votes default to the share")
    );
}

#[test]
fn one_orgnr_on_two_entities_is_an_error() {
    // Askøy's record is copied as a second entity with Askøy's orgnr: one legal person twice.
    let copy = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: askoy}
spec: {type: municipality, orgnr: \"964496412\"}
";
    let dir = iks_with(
        OWNERS,
        "2021-03-01",
        "null",
        &[("entities/copy.yaml", copy)],
    );
    let found = check(dir.path());
    let dup = of(&found, "entity/duplicate-number");
    assert_eq!(dup.len(), 1, "{found:#?}");
    // Entities are compared in id order: `askoy` first, so the finding is on `askoy-kommune`
    // with a label on `askoy`'s number: both spans are shown.
    assert_eq!(
        dup[0].message,
        "organisation number `964496412` is also `askoy`'s: one legal person, two entities"
    );
    assert_eq!(dup[0].labels.len(), 1);
    assert_eq!(dup[0].labels[0].message, "`askoy` has it here");
}

#[test]
fn a_municipality_number_is_shared_only_by_entities_that_did_not_coexist() {
    // A new entity established 2024-01-01 with Bergen's number 4601 while Bergen (no dates,
    // so always) still exists: they overlap from 2024-01-01 on, an error.
    let clash = "\
apiVersion: egenregi/v1
kind: Entity
metadata: {id: bergen-ny}
spec: {type: municipality, municipality_number: \"4601\", established: 2024-01-01}
";
    let dir = iks_with(OWNERS, "2021-03-01", "null", &[("entities/ny.yaml", clash)]);
    let found = check(dir.path());
    let dup = of(&found, "entity/duplicate-number");
    assert_eq!(dup.len(), 1, "{found:#?}");
    assert_eq!(
        dup[0].message,
        "municipality number `4601` is also `bergen-kommune`'s, and both entities exist from 2024-01-01"
    );

    // Bergen dissolved on 2023-12-31 and its successor from 2024-01-01: no overlap, no finding.
    let dir = iks_with(OWNERS, "2021-03-01", "null", &[("entities/ny.yaml", clash)]);
    let kommuner = MUNICIPALITIES.replace(
        "municipality_number: \"4601\"}",
        "municipality_number: \"4601\", dissolved: 2023-12-31}",
    );
    std::fs::write(dir.path().join("entities/kommuner.yaml"), kommuner).unwrap();
    let found = check(dir.path());
    assert!(
        of(&found, "entity/duplicate-number").is_empty(),
        "{found:#?}"
    );
}

#[test]
fn subscriptions_stay_inside_their_own_and_their_providers_lifetime() {
    // `until` before `since`.
    let dir = iks(OWNERS, "2021-03-01", "2020-12-31");
    let found = check(dir.path());
    let period = of(&found, "tenant/period");
    assert_eq!(period.len(), 1, "{found:#?}");
    assert_eq!(
        period[0].message,
        "the subscription to `arkiv` ends on 2020-12-31, before it starts on 2021-03-01"
    );
    assert_eq!(period[0].labels[0].message, "it starts here");

    // Awarded on 2019-06-01, before `vestland-ikt` was established (2020-01-01).
    let dir = iks(OWNERS, "2019-06-01", "null");
    let found = check(dir.path());
    let period = of(&found, "tenant/period");
    assert_eq!(period.len(), 1, "{found:#?}");
    assert!(
        period[0]
            .message
            .contains("before its provider `vestland-ikt` was established on 2020-01-01"),
        "{}",
        period[0].message
    );
    assert_eq!(
        period[0].labels[0].message,
        "`vestland-ikt` was established here"
    );

    // Awarded after the provider was dissolved.
    let dir = iks(OWNERS, "2025-03-01", "null");
    let company = std::fs::read_to_string(dir.path().join("entities/vestland-ikt.yaml"))
        .unwrap()
        .replace(
            "established: 2020-01-01",
            "established: 2020-01-01\n  dissolved: 2024-12-31",
        );
    std::fs::write(dir.path().join("entities/vestland-ikt.yaml"), company).unwrap();
    let found = check(dir.path());
    let period = of(&found, "tenant/period");
    assert_eq!(period.len(), 1, "{found:#?}");
    assert!(
        period[0]
            .message
            .contains("after its provider `vestland-ikt` was dissolved on 2024-12-31"),
        "{}",
        period[0].message
    );
}

/// `entity/municipality-number` findings for one entity `spec` (flow mapping body).
fn number_findings(spec: &str) -> Vec<Finding> {
    let doc =
        format!("apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: x}}\nspec: {{{spec}}}\n");
    let dir = common::repo(&[
        ("egenregi.kdl", CONFIG.as_bytes()),
        ("x.yaml", doc.as_bytes()),
    ]);
    check(dir.path())
        .into_iter()
        .filter(|f| f.rule == "entity/municipality-number")
        .collect()
}

#[test]
fn municipality_and_county_numbers_are_checked_against_the_dated_register() {
    // 3499 never existed: say so, and name the nearest numbers in use.
    let f = number_findings("type: municipality, municipality_number: \"3499\"");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].message,
        "municipality number `3499` does not exist: no municipality has had it since 2020-01-01"
    );
    assert!(
        f[0].help.as_deref().unwrap().contains("`3454` Vang"),
        "{f:?}"
    );

    // Bærum's 3024 ended on 2023-12-31; a Bærum that still exists has 3201.
    let f = number_findings("type: municipality, municipality_number: \"3024\"");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].message,
        "municipality number `3024` (Bærum) is no longer in use: the register has it until \
         2023-12-31, and `x` has no `dissolved` date"
    );
    assert!(
        f[0].help
            .as_deref()
            .unwrap()
            .starts_with("the number in use now: `3201` (Bærum)")
    );

    // The same number on an entity dissolved when it ended is right: it existed while the
    // entity did. So is Viken's county number 30 on a county dissolved on 2023-12-31.
    assert!(
        number_findings("type: municipality, municipality_number: \"3024\", dissolved: 2023-12-31")
            .is_empty()
    );
    assert!(
        number_findings("type: county, county_number: \"30\", dissolved: 2023-12-31").is_empty()
    );
    assert!(number_findings("type: municipality, municipality_number: \"3201\"").is_empty());

    // 3201 began on 2024-01-01: an entity dissolved in mid-2023 never had it.
    let f =
        number_findings("type: municipality, municipality_number: \"3201\", dissolved: 2023-06-30");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].message,
        "municipality number `3201` (Bærum) was not in use on 2023-06-30, when `x` was dissolved: \
         the register has it since 2024-01-01"
    );
    assert!(
        f[0].help.as_deref().unwrap().contains("`3024` (Bærum)"),
        "{f:?}"
    );

    // A county that still exists with Østfold's pre-2020 number 01; Østfold is 31 today.
    let f = number_findings("type: county, county_number: \"01\"");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("until 2019-12-31"),
        "{}",
        f[0].message
    );
    assert!(f[0].help.as_deref().unwrap().contains("`31` (Østfold)"));

    // Before the register's floor (2020 for municipalities) a number cannot be judged, except
    // that its county prefix must have existed: 0219 (Bærum until 2019) in Akershus (02) is
    // fine on 2019-06-30, 3024 is not (county 30 began in 2020).
    assert!(
        number_findings("type: municipality, municipality_number: \"0219\", dissolved: 2019-06-30")
            .is_empty()
    );
    let f =
        number_findings("type: municipality, municipality_number: \"3024\", dissolved: 2019-06-30");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("no county had the number `30` then"),
        "{}",
        f[0].message
    );
}

#[test]
fn an_unedited_scaffolded_waiver_does_not_silence_its_error() {
    // Vestland IKT's orgnr has a typo (entity/orgnr). `egenregi new waiver` writes a waiver
    // for it whose reason and approver are still `TODO: ...`. Before, that waiver accepted the
    // error and the check passed (exit 0, the waiver "active"). Now the error stays, the waiver
    // is `incomplete`, and data/placeholder names both fields.
    let dir = iks(OWNERS, "2021-03-01", "null");
    let root = dir.path();
    let company = std::fs::read_to_string(root.join("entities/vestland-ikt.yaml"))
        .unwrap()
        .replace("991299114", "991299115");
    std::fs::write(root.join("entities/vestland-ikt.yaml"), company).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_egenregi"))
        .args(["new", "waiver", "w-orgnr", "--rule", "entity/orgnr"])
        .args(["--target", "Entity/vestland-ikt", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));

    let (code, v) = egenregi(&["check", "--format", "json"], root);
    assert_eq!(code, 1, "{v:#}");
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["entity/orgnr", "data/placeholder", "data/placeholder"],
        "{v:#}"
    );
    assert_eq!(v["waivers"][0]["status"], "incomplete");
    assert_eq!(v["summary"]["waived"], 0);

    // Once a person writes the reason and signs it, the waiver accepts the finding.
    let path = root.join("waivers/w-orgnr.yaml");
    let signed = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "TODO: why the finding is acceptable for now, and what will fix it",
            "The number is being corrected in Enhetsregisteret",
        )
        .replace(
            "TODO: name and role of who accepts the risk",
            "Kari Nordmann, CFO",
        );
    std::fs::write(&path, signed).unwrap();
    let (code, v) = egenregi(&["check", "--format", "json"], root);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["waivers"][0]["status"], "active");
    assert_eq!(v["summary"]["waived"], 1);
}

#[test]
fn a_blank_waiver_answer_is_called_blank() {
    // A reason of spaces and an approver `-` say nothing: the waiver is not in force. The
    // message said the reason was "still the placeholder ``", quoting nothing.
    let waiver = "\
apiVersion: egenregi/v1
kind: Waiver
metadata: {id: w-blank}
spec:
  rule: entity/orgnr
  targets: [\"Entity/vestland-ikt\"]
  reason: \"          \"
  approved_by: \"-\"
  expires: 2027-01-01
";
    let dir = iks_with(
        OWNERS,
        "2021-03-01",
        "null",
        &[("waivers/w-blank.yaml", waiver)],
    );
    let found = check(dir.path());
    let messages: Vec<&str> = of(&found, "data/placeholder")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "waiver `w-blank` is not in force: its `reason` is blank",
            "waiver `w-blank` is not in force: its `approved_by` is still the placeholder `-`",
        ],
        "{found:#?}"
    );
}

#[test]
fn placeholders_are_errors_where_the_law_reads_and_warnings_elsewhere() {
    // The service's hosting operator is read by the GDPR transfer rule: error. Its name is
    // read by nobody's legal condition: warning. A placeholder cannot be waived.
    let service = "\
apiVersion: egenregi/v1
kind: Service
metadata: {id: sak, name: \"TODO: the name users know the service by\"}
spec:
  provider: vestland-ikt
  criticality: low
  lifecycle: {stage: planned}
  hosting: {operator: \"TODO: who runs it\", jurisdiction: eea}
";
    let dir = iks_with(
        OWNERS,
        "2021-03-01",
        "null",
        &[("services/sak.yaml", service)],
    );
    let found = check(dir.path());
    let ph = of(&found, "data/placeholder");
    assert_eq!(ph.len(), 2, "{found:#?}");
    assert_eq!(ph[0].severity, Severity::Warning);
    assert_eq!(
        ph[0].message,
        "`metadata.name` is still the placeholder `TODO: the name users know the service by`"
    );
    assert_eq!(ph[1].severity, Severity::Error);
    assert_eq!(
        ph[1].target.as_deref(),
        Some("Service/sak#/spec/hosting/operator")
    );
    let registry = egenregi::rules::Registry::new();
    assert!(!registry.get("data/placeholder").unwrap().waivable);
}
