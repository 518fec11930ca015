//! The CI and reviewer formats (SARIF, GitHub annotations, `JUnit`, Markdown) on `examples/broken`:
//! contracts that do not depend on how many findings there are, plus reviewed snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

#[path = "data/figures.rs"]
mod figures;

use std::collections::HashSet;
use std::path::Path;

use egenregi::date::Date;
use egenregi::report::{self, Format, HumanStyle};
use egenregi::{Options, Outcome};
use serde_json::Value;

/// Says on the real stderr (not the test harness's captured one, so it shows in a passing run)
/// that a check was skipped and why.
fn skipped(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}

fn broken() -> Outcome {
    egenregi::check(Path::new("examples/broken"), &Options::default()).unwrap()
}

fn render(outcome: &Outcome, format: Format) -> String {
    report::render(outcome, format, HumanStyle::default())
}

/// A one-file repository with a pinned date, for outputs that must not move with the examples.
fn small(files: &[(&str, &str)]) -> (tempfile::TempDir, Outcome) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    let options = Options {
        as_of: Date::parse("2026-11-22"),
        ..Options::default()
    };
    let outcome = egenregi::check(dir.path(), &options).unwrap();
    (dir, outcome)
}

const NO_COUNTRY: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n";

/// The vendored OASIS schema with its two known defects mended (tests/data/README.md), so that
/// it compiles under a validator that checks schemas too.
fn oasis_schema() -> Value {
    let mut schema: Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let defs = &mut schema["definitions"];
    // `region`'s `anyOf` sits inside `properties`, where it reads as a property whose schema is
    // an array, which no draft allows: move it to where it was meant to be.
    let region = defs["region"].as_object_mut().unwrap();
    let any_of = region["properties"]
        .as_object_mut()
        .unwrap()
        .remove("anyOf")
        .unwrap();
    region.insert("anyOf".into(), any_of);
    // `language` patterns use the inline flag `(?i)`, which ECMA-262 regexes lack: spell the
    // case-insensitivity out. (We emit no `language`.)
    for def in ["run", "toolComponent"] {
        let pattern = &mut defs[def]["properties"]["language"]["pattern"];
        assert_eq!(pattern, "^(?i)[a-zA]{2}(-[a-z]{2})?$");
        *pattern = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
    }
    schema
}

#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let outcome = broken();
    let sarif: Value = serde_json::from_str(&render(&outcome, Format::Sarif)).unwrap();
    let schema = oasis_schema();
    // SARIF 2.1.0 was published as draft-07; the vendored copy now declares 2020-12. Both agree.
    for draft in [jsonschema::Draft::Draft7, jsonschema::Draft::Draft202012] {
        let validator = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF schema errors ({draft:?}):\n{}",
            errors.join("\n")
        );
        // the validator is not vacuous: it rejects a bad level and a path that is no URI
        let mut bad = sarif.clone();
        bad["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!validator.is_valid(&bad), "level `fatal` accepted");
        let mut bad = sarif.clone();
        bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
            "a b/c d.yaml".into();
        assert!(!validator.is_valid(&bad), "unencoded URI accepted");
    }

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), outcome.findings.len() + outcome.waived.len());
    let mut prints = HashSet::new();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"], "ruleIndex points at its rule");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key} is 1-based");
        }
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
        let print = r["partialFingerprints"].to_string();
        assert!(prints.insert(print.clone()), "fingerprint {print} repeats");
    }
    let suppressed = results
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .count();
    assert_eq!(suppressed, outcome.waived.len());
}

/// The Microsoft SARIF Multitool (npm `@microsoft/sarif-multitool`, installed by `.ci/run`
/// into `target/tools`), where it installed; `None` after a visible SKIPPED line elsewhere.
fn multitool() -> Option<std::path::PathBuf> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if tool.is_file() {
        Some(tool)
    } else {
        skipped(&format!(
            "the SARIF Multitool is not installed at {} (`.ci/run` installs it with npm)",
            tool.display()
        ));
        None
    }
}

/// Runs the Multitool's `validate` with the GitHub and Azure DevOps rule sets on the SARIF that
/// `egenregi check examples/broken` writes with `envs`; the ids of the errors it reports.
fn multitool_errors(tool: &Path, envs: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("egenregi.sarif");
    let mut cmd = assert_cmd::Command::cargo_bin("egenregi").unwrap();
    cmd.args([
        "check",
        "examples/broken",
        "--format",
        "sarif",
        "--path-prefix",
        "config",
    ])
    .arg("--output")
    .arg(&sarif)
    .env_remove("TF_BUILD");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.assert().code(1);
    let log = dir.path().join("validation.sarif");
    let out = std::process::Command::new(tool)
        .arg("validate")
        .arg(&sarif)
        .args([
            "--rule-kind",
            "Gh;Ado",
            "--log",
            "ForceOverwrite",
            "--output",
        ])
        .arg(&log)
        .output()
        .unwrap();
    assert!(log.is_file(), "the Multitool wrote no log: {out:?}");
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let notifications = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert!(
        notifications
            .as_array()
            .is_none_or(|n| n.iter().all(|n| n["level"] != "error")),
        "the Multitool failed: {notifications}"
    );
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect()
}

/// GitHub code scanning and GitHub Advanced Security for Azure DevOps accept the SARIF log: the
/// Multitool's `Gh` and `Ado` rule sets report no error. Azure files a run under its pipeline,
/// whose identity egenregi reads from the predefined variables; outside a pipeline the two
/// rules that ask for it (`GHAzDO1019`, `GHAzDO1020`) are the only errors, and nothing else is.
#[test]
fn sarif_passes_the_multitool_github_and_azure_rules() {
    let Some(tool) = multitool() else {
        return;
    };
    let azure = [
        ("TF_BUILD", "True"),
        ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/kommune/"),
        (
            "SYSTEM_TEAMPROJECTID",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        ),
        ("BUILD_DEFINITIONID", "12"),
        ("BUILD_DEFINITIONNAME", "config"),
        ("BUILD_BUILDID", "345"),
        ("SYSTEM_PHASEID", "11111111-2222-3333-4444-555555555555"),
        ("SYSTEM_PHASENAME", "check"),
        ("BUILD_SOURCEBRANCH", "refs/heads/main"),
    ];
    let errors = multitool_errors(&tool, &azure);
    assert!(
        errors.is_empty(),
        "in Azure Pipelines:\n{}",
        errors.join("\n")
    );
    let errors = multitool_errors(&tool, &[]);
    assert!(
        !errors.is_empty(),
        "the Ado rules see no pipeline outside one"
    );
    let other: Vec<&String> = errors
        .iter()
        .filter(|e| !e.starts_with("\"GHAzDO1019\"") && !e.starts_with("\"GHAzDO1020\""))
        .collect();
    assert!(other.is_empty(), "outside a pipeline: {other:#?}");
}

/// What GitHub and Azure DevOps read besides the schema: a fingerprint under GitHub's own key,
/// rule names, the driver's full name, the category, and no location in a file of the binary.
#[test]
fn sarif_carries_what_the_dashboards_read() {
    let outcome = broken();
    let site = report::Site {
        path_prefix: "infra/config".into(),
        pipeline: None,
    };
    let text = report::render_at(&outcome, Format::Sarif, HumanStyle::default(), &site);
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "egenregi/infra/config/");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());
    let driver = &run["tool"]["driver"];
    assert_eq!(
        driver["fullName"],
        format!("egenregi {}", env!("CARGO_PKG_VERSION"))
    );
    let rules = driver["rules"].as_array().unwrap();
    let share = rules
        .iter()
        .find(|r| r["id"] == "inhouse/activity-share")
        .unwrap();
    assert_eq!(share["name"], "InhouseActivityShare");
    let mut builtin_labels = 0;
    let mut hashes = HashSet::new();
    for r in run["results"].as_array().unwrap() {
        let hash = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        assert!(hashes.insert(hash.to_owned()), "{hash} repeats");
        for loc in r["locations"].as_array().unwrap().iter().chain(
            r["relatedLocations"]
                .as_array()
                .map_or(&[][..], Vec::as_slice),
        ) {
            let artifact = &loc["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().unwrap();
            assert!(uri.starts_with("infra/config/"), "{uri}");
            assert!(!uri.contains("builtin"), "{uri}");
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
        }
        builtin_labels += usize::from(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("see builtin:"),
        );
    }
    // examples/broken has findings whose labels point into the shipped policy pack: their words
    // stay in the message, the location goes
    assert!(
        builtin_labels > 0,
        "no finding of examples/broken has a built-in label any more"
    );
    // the GitHub annotations carry the same prefix
    let github = report::render_at(&outcome, Format::Github, HumanStyle::default(), &site);
    assert!(
        github
            .lines()
            .next()
            .unwrap()
            .contains("file=infra/config/"),
        "{github}"
    );
}

/// Rule descriptors are the catalogue, not the run: a rule that did not fire still carries its
/// summary, default level, condition and legal basis, exactly as `egenregi rules --format json`
/// gives them.
#[test]
fn sarif_descriptors_come_from_the_rule_catalogue() {
    // one entity and nothing else: no in-house or policy rule fires
    let (_dir, outcome) = small(&[("ks.yaml", NO_COUNTRY)]);
    assert!(
        !outcome
            .findings
            .iter()
            .any(|f| f.rule == "inhouse/control" || f.rule == "service/dpia"),
        "the repository was meant to be quiet"
    );
    let sarif: Value = serde_json::from_str(&render(&outcome, Format::Sarif)).unwrap();
    let descriptors = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(descriptors.len(), outcome.registry.rules.len());
    for (d, rule) in descriptors.iter().zip(&outcome.registry.rules) {
        assert_eq!(d["id"], rule.id.as_ref());
        assert_eq!(d["shortDescription"]["text"], rule.summary.as_ref());
        assert_eq!(d["fullDescription"]["text"], rule.explain.as_ref());
        assert_eq!(d["defaultConfiguration"]["level"], rule.severity.as_str());
        assert_eq!(d["properties"]["defaultSeverity"], rule.severity.as_str());
        assert_eq!(d["properties"]["condition"], rule.condition.as_str());
        assert_eq!(d["properties"]["waivable"], rule.waivable);
        assert_eq!(
            d["properties"]["legalBasis"],
            serde_json::json!(rule.legal_basis())
        );
    }
    let basis = |id: &str| {
        descriptors.iter().find(|d| d["id"] == id).unwrap()["properties"]["legalBasis"]
            .as_array()
            .unwrap()
            .len()
    };
    // a built-in rule cites the pack, a shipped policy rule its own `cite` entries
    assert_eq!(basis("inhouse/control"), 4);
    assert!(basis("service/dpia") > 0);
}

#[test]
fn sarif_fingerprints_survive_unrelated_edits() {
    let target = |extra: &str| {
        let text = format!("{extra}{NO_COUNTRY}");
        let (_dir, outcome) = small(&[("a.yaml", &text)]);
        let sarif: Value = serde_json::from_str(&render(&outcome, Format::Sarif)).unwrap();
        let r = sarif["runs"][0]["results"][0].clone();
        (
            r["partialFingerprints"].clone(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (before, line_before) = target("");
    let (after, line_after) = target("# a comment that moves every line down\n\n");
    assert_ne!(line_before, line_after, "the finding moved");
    assert_eq!(before, after, "but kept its fingerprint");
}

#[test]
fn github_escapes_every_special_character() {
    let (_dir, mut outcome) = small(&[("a,b:c%.yaml", NO_COUNTRY)]);
    assert_eq!(outcome.findings.len(), 1, "{:?}", outcome.findings);
    let f = &mut outcome.findings[0];
    f.message = "100% sure: a,b\r\nc::d".into();
    f.help = Some("quote it: \"NO\"".into());
    f.legal_basis = vec!["§ 3-1, first paragraph".into()];
    let out = render(&outcome, Format::Github);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "::warning file=a%2Cb%3Ac%25.yaml,line=5,col=21,endLine=5,endColumn=22,\
         title=yaml/ambiguous-scalar::100%25 sure: a,b%0D%0Ac::d\
         %0Ahelp: quote it: \"NO\"%0Alegal basis: § 3-1, first paragraph"
    );
    assert_eq!(
        out.lines().count(),
        2,
        "one command and the summary:\n{out}"
    );
}

#[test]
fn junit_reads_back_with_one_suite_per_rule() {
    let outcome = broken();
    let xml = render(&outcome, Format::Junit);
    let report = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    assert_eq!(report.test_suites.len(), outcome.registry.rules.len());
    let failures: usize = report.test_suites.iter().map(|s| s.failures).sum();
    let mut cases: HashSet<(String, String)> = HashSet::new();
    for f in &outcome.findings {
        let path = outcome.sources.get(f.location.source).path.clone();
        cases.insert((f.rule.to_string(), path));
    }
    assert_eq!(failures, cases.len(), "one failing case per rule and file");
    assert!(!xml.contains("timestamp") && !xml.contains("time="));
}

#[test]
fn junit_skips_a_case_whose_findings_were_all_waived() {
    let (_dir, mut outcome) = small(&[("ks.yaml", NO_COUNTRY)]);
    let f = outcome.findings.pop().unwrap();
    outcome.waived.push((f, "w-country".into()));
    let xml = render(&outcome, Format::Junit);
    let report = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    // counted per suite: `<testsuites>` carries no `skipped` (the Jenkins schema forbids it)
    let skipped: usize = report.test_suites.iter().map(|s| s.skipped).sum();
    assert_eq!((report.failures, skipped), (0, 1), "{xml}");
    assert!(xml.contains("waived by w-country"), "{xml}");
}

/// Validates `xml` with `xmllint --schema`; `None` (after a visible SKIPPED line) where
/// xmllint is not installed (Debian's `libxml2-utils`, which `.ci/run` installs).
fn xmllint(xml: &str, xsd: &Path) -> Option<(bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let Ok(out) = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg(&file)
        .output()
    else {
        skipped("xmllint is not installed (Debian package `libxml2-utils`)");
        return None;
    };
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Jenkins' xunit plugin validates `JUnit` files against its own XSD (vendored, see
/// tests/data/README.md); quick-junit alone writes `<testsuites skipped=..>`, which it rejects.
#[test]
fn junit_is_valid_against_the_jenkins_xunit_schema() {
    let xsd = Path::new("tests/data/jenkins-xunit-junit-10.xsd");
    // broken: failures; a waived finding: a skipped case, the case that used to be rejected
    let (_dir, mut waived) = small(&[("ks.yaml", NO_COUNTRY)]);
    let f = waived.findings.pop().unwrap();
    waived.waived.push((f, "w-country".into()));
    for (name, outcome) in [("broken", broken()), ("waived", waived)] {
        let xml = render(&outcome, Format::Junit);
        let Some((ok, stderr)) = xmllint(&xml, xsd) else {
            return;
        };
        assert!(
            ok,
            "{name}: the Jenkins schema rejects the JUnit output:\n{stderr}"
        );
    }
    // the check is not vacuous: the schema rejects what quick-junit writes unmended
    let mut report = quick_junit::Report::new("egenregi");
    report.add_test_suite(quick_junit::TestSuite::new("a"));
    let raw = report.to_string().unwrap();
    assert!(
        raw.contains("<testsuites name=\"egenregi\" tests=\"0\" skipped=\"0\""),
        "{raw}"
    );
    let (ok, _) = xmllint(&raw, xsd).unwrap();
    assert!(!ok, "the schema accepted `<testsuites skipped=..>`");
}

#[test]
fn formats_do_not_depend_on_the_run() {
    for format in [
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Markdown,
        Format::Html,
    ] {
        assert_eq!(
            render(&broken(), format),
            render(&broken(), format),
            "{format:?}"
        );
    }
}

#[test]
fn markdown_shows_figures_and_escapes_the_input() {
    let (_dir, mut outcome) = small(&[("ks.yaml", NO_COUNTRY)]);
    outcome.figures = figures::sample();
    // no legal rule fires in this repository yet: lend one a citation to show where it goes
    outcome.findings[0].legal_basis = vec!["anskaffelsesforskriften § 3-1 første ledd".into()];
    let md = render(&outcome, Format::Markdown);
    assert!(
        md.contains("| **Window** | | | | **152 000 000.00** | **180 000 000.00** | **84.4 %** |")
    );
    assert!(md.contains("3 333 333.33 NOK more non-qualifying activity per year"));
    assert!(md.contains("none; 7 083 333.33 NOK per year of non-qualifying activity too much"));
    assert!(md.contains("Legal basis: anskaffelsesforskriften § 3-1 første ledd"));
    assert!(
        !md.contains("<script>") && !md.contains("<b>"),
        "raw markup in:\n{md}"
    );
    insta::assert_snapshot!("markdown_figures", md);
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!("sarif", render(&broken(), Format::Sarif));
}

/// The terminal output at a fixed width, without colour or Unicode, as CI logs show it.
#[test]
fn snapshot_human() {
    insta::assert_snapshot!("human", render(&broken(), Format::Human));
}

/// The clean example: no error, the two expected warnings (control via the association, and the
/// conflict with KS's sole control), and the activity tables.
#[test]
fn snapshot_human_clean_example() {
    let outcome = egenregi::check(Path::new("examples/ks-digital"), &Options::default()).unwrap();
    insta::assert_snapshot!("human_ks_digital", render(&outcome, Format::Human));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", render(&broken(), Format::Json));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!("github", render(&broken(), Format::Github));
}

#[test]
fn snapshot_junit() {
    insta::assert_snapshot!("junit", render(&broken(), Format::Junit));
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("markdown", render(&broken(), Format::Markdown));
}

#[test]
fn the_command_line_offers_every_format() {
    for format in ["sarif", "github", "junit", "markdown"] {
        let out = assert_cmd::Command::cargo_bin("egenregi")
            .unwrap()
            .args(["check", "examples/broken", "--format", format])
            .assert()
            .code(1);
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            stdout.contains("schema/additional-properties"),
            "{format}: {stdout}"
        );
    }
}
