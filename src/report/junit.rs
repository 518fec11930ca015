//! `--format junit`: `JUnit` XML, so GitLab, Azure DevOps and Jenkins list findings as tests.
//!
//! The shape: one test suite per rule the run knows; in it, one test case per file the rule
//! reported on (name: the file, classname: the rule), failing with every finding's message and
//! location. A case whose findings were all waived is skipped, naming the waivers. A rule that
//! found nothing is one passing case named `all files`, so the totals show what was checked
//! without one case per rule and file (national-scale repos have thousands of files).
//! Every finding fails its case whatever its severity; the failure `type` says which, and the
//! exit code (`--deny`) decides whether the job fails. No timestamps or durations: the output
//! depends on the input alone.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::visible;
use crate::Outcome;
use crate::finding::Finding;

/// Findings of one rule in one file: active, and waived with their waiver ids.
#[derive(Default)]
struct Case<'a> {
    active: Vec<&'a Finding>,
    waived: Vec<(&'a Finding, &'a str)>,
}

fn describe(outcome: &Outcome, f: &Finding) -> String {
    let file = outcome.sources.get(f.location.source);
    let (line, col) = file.line_col(f.location.span.start);
    let mut s = format!(
        "{}:{line}:{col}: {}: {}\n",
        file.path, f.severity, f.message
    );
    if let Some(t) = &f.target {
        s.push_str(&format!("  target: {t}\n"));
    }
    if let Some(h) = &f.help {
        s.push_str(&format!("  help: {h}\n"));
    }
    if !f.legal_basis.is_empty() {
        s.push_str(&format!("  legal basis: {}\n", f.legal_basis.join("; ")));
    }
    for l in &f.labels {
        let lf = outcome.sources.get(l.location.source);
        let (ll, lc) = lf.line_col(l.location.span.start);
        s.push_str(&format!("  see {}:{ll}:{lc}: {}\n", lf.path, l.message));
    }
    s
}

fn waived(outcome: &Outcome, c: &Case<'_>) -> String {
    let mut s = String::new();
    for (f, w) in &c.waived {
        s.push_str(&format!("waived by {w}: {}", describe(outcome, f)));
    }
    s
}

fn case(outcome: &Outcome, rule: &str, path: &str, c: &Case<'_>) -> TestCase {
    let status = if let Some(worst) = c.active.iter().map(|f| f.severity).max() {
        let mut st = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let message = match c.active.as_slice() {
            [one] => one.message.clone(),
            [first, rest @ ..] => format!("{} (and {} more)", first.message, rest.len()),
            [] => String::new(),
        };
        let mut description = String::new();
        for f in &c.active {
            description.push_str(&describe(outcome, f));
        }
        description.push_str(&waived(outcome, c));
        st.set_message(visible(&message))
            .set_type(worst.as_str())
            .set_description(visible(&description));
        st
    } else {
        let mut st = TestCaseStatus::skipped();
        let mut ids: Vec<&str> = c.waived.iter().map(|(_, w)| *w).collect();
        ids.sort_unstable();
        ids.dedup();
        st.set_message(visible(&format!("waived by {}", ids.join(", "))))
            .set_type("waived")
            .set_description(visible(&waived(outcome, c)));
        st
    };
    let mut tc = TestCase::new(visible(path), status);
    tc.set_classname(visible(rule));
    tc
}

/// The case of a finding's rule and file, new if it is the first finding there.
fn case_of<'m, 'a>(
    by_rule: &'m mut BTreeMap<&'a str, BTreeMap<&'a str, Case<'a>>>,
    outcome: &'a Outcome,
    f: &'a Finding,
) -> &'m mut Case<'a> {
    let path = outcome.sources.get(f.location.source).path.as_str();
    by_rule.entry(&f.rule).or_default().entry(path).or_default()
}

pub fn render(outcome: &Outcome) -> String {
    let mut by_rule: BTreeMap<&str, BTreeMap<&str, Case<'_>>> = BTreeMap::new();
    for f in &outcome.findings {
        case_of(&mut by_rule, outcome, f).active.push(f);
    }
    for (f, w) in &outcome.waived {
        case_of(&mut by_rule, outcome, f).waived.push((f, w));
    }
    let mut report = Report::new("egenregi");
    let mut rules: Vec<(&str, Option<&crate::finding::Rule>)> = outcome
        .registry
        .rules
        .iter()
        .map(|r| (r.id.as_ref(), Some(r)))
        .collect();
    // a finding of a rule the registry does not list still shows
    for id in by_rule.keys() {
        if outcome.registry.get(id).is_none() {
            rules.push((id, None));
        }
    }
    for (id, rule) in rules {
        let mut suite = TestSuite::new(visible(id));
        if let Some(r) = rule {
            suite.add_property(Property::new("summary", r.summary.as_ref()));
            suite.add_property(Property::new("default-severity", r.severity.as_str()));
        }
        if let Some(files) = by_rule.get(id) {
            for (path, c) in files {
                suite.add_test_case(case(outcome, id, path, c));
            }
        } else {
            let mut tc = TestCase::new("all files", TestCaseStatus::success());
            tc.set_classname(visible(id));
            suite.add_test_case(tc);
        }
        report.add_test_suite(suite);
    }
    report.to_string().map_or_else(
        |e| format!("<!-- cannot write JUnit XML: {e} -->\n"),
        |s| {
            // XML 1.0 cannot carry most control characters at all, not even as references, and
            // quick-junit drops ANSI sequences whole: text from the input is escaped before
            // (`visible`), and this catches whatever else could slip through.
            let mut s = super::visible(&without_suites_skipped(&s)).into_owned();
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        },
    )
}

/// quick-junit writes `skipped="N"` on `<testsuites>`, an attribute the Jenkins xunit schema
/// does not allow there (it does on each `<testsuite>`, where the count stays). Only the first
/// start tag is touched: the attribute is quick-junit's fixed, escaped output, never user text.
fn without_suites_skipped(xml: &str) -> String {
    let Some(start) = xml.find("<testsuites") else {
        return xml.to_owned();
    };
    let end = xml[start..].find('>').map_or(xml.len(), |e| start + e);
    let tag = &xml[start..end];
    let Some(at) = tag.find(" skipped=\"") else {
        return xml.to_owned();
    };
    let value_start = at + " skipped=\"".len();
    let Some(len) = tag[value_start..].find('"') else {
        return xml.to_owned();
    };
    let mut out = String::with_capacity(xml.len());
    out.push_str(&xml[..start + at]);
    out.push_str(&xml[start + value_start + len + 1..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_skipped_from_testsuites_only() {
        let xml = "<?xml version=\"1.0\"?>\n<testsuites name=\"egenregi\" tests=\"2\" skipped=\"1\" failures=\"0\">\n<testsuite name=\"a\" skipped=\"1\">";
        assert_eq!(
            without_suites_skipped(xml),
            "<?xml version=\"1.0\"?>\n<testsuites name=\"egenregi\" tests=\"2\" failures=\"0\">\n<testsuite name=\"a\" skipped=\"1\">"
        );
        assert_eq!(without_suites_skipped("<x/>"), "<x/>");
    }
}
