//! The narrowed gate (`check FILE...`) never passes a pull request to a tenant's file while a
//! decision on that tenant's subscriptions is not met. Each case changes one file that is not a
//! tenant's (the provider, its owner, a member, a report, a service) the way a careless edit
//! would; then, for every tenant file with a decision that fails or is not assessed, the check
//! narrowed to that file must report an error. The cases come from an audit of the narrowed
//! gate (December 2026); the gate tests in `tests/gate.rs` read single cases in detail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a panic in a test is a failed test"
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use egenregi::analysis::decision::Verdict;
use egenregi::finding::Severity;
use egenregi::{Options, Outcome};

/// One careless edit: in `file`, the first `old` becomes `new`.
struct Edit {
    what: &'static str,
    file: &'static str,
    old: &'static str,
    new: &'static str,
}

const EDITS: &[Edit] = &[
    Edit {
        what: "a field the provider's schema does not know",
        file: "entities/ks-digital.yaml",
        old: "  contracting_authority: true\n",
        new: "  contracting_authority: true\n  colour: red\n",
    },
    Edit {
        what: "articles that do not say non-commercial",
        file: "entities/ks-digital.yaml",
        old: "non_commercial: true",
        new: "non_commercial: false",
    },
    Edit {
        what: "the owner's holding cut to 40 % of the capital",
        file: "entities/ks-digital.yaml",
        old: "share: 100",
        new: "share: 40",
    },
    Edit {
        what: "a YAML syntax error in the owning association",
        file: "entities/ks.yaml",
        old: "kind: Entity",
        new: "kind: [Entity",
    },
    Edit {
        what: "a misspelt legal form in a member",
        file: "entities/kommuner.yaml",
        old: "type: municipality",
        new: "type: municipalityy",
    },
    Edit {
        what: "a member that left the association in 2023",
        file: "entities/kommuner.yaml",
        old: "  municipality_number: \"0301\"\n  member_of: [ks]",
        new: "  municipality_number: \"0301\"\n  member_of: [{association: ks, to: 2023-06-30}]",
    },
    Edit {
        what: "a report's basis misspelt",
        file: "activity/ks-digital-2024.yaml",
        old: "basis: actual",
        new: "basis: actuall",
    },
    Edit {
        what: "a report filed under another year",
        file: "activity/ks-digital-2024.yaml",
        old: "year: 2024",
        new: "year: 2019",
    },
    Edit {
        what: "a service whose provider is misspelt",
        file: "services/svarut.yaml",
        old: "provider: ks-digital",
        new: "provider: ks-digitall",
    },
];

/// The tenant files of the repository at `root`, by tenant id (the example keeps one tenant
/// per file).
fn tenant_files(root: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("tenants")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let id = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("id: "))
            .expect("a tenant id")
            .trim()
            .to_owned();
        let name = path.file_name().unwrap().to_str().unwrap();
        files.insert(id, format!("tenants/{name}"));
    }
    files
}

fn check(root: &Path, paths: &[&str]) -> Outcome {
    let options = Options {
        paths: paths.iter().map(|p| (*p).to_owned()).collect(),
        ..Options::default()
    };
    egenregi::check(root, &options).unwrap()
}

fn errors(outcome: &Outcome) -> usize {
    outcome
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

#[test]
fn no_tenant_file_is_green_while_a_decision_on_it_is_not_met() {
    for edit in EDITS {
        let dir = common::example("ks-digital");
        let path = dir.path().join(edit.file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(edit.old),
            "{}: {:?} not found",
            edit.what,
            edit.old
        );
        std::fs::write(&path, text.replacen(edit.old, edit.new, 1)).unwrap();
        let whole = check(dir.path(), &[]);
        let files = tenant_files(dir.path());
        let mut not_met: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &whole.figures.decisions {
            if matches!(d.verdict, Verdict::Fails | Verdict::NotAssessed) {
                *not_met.entry(&*d.subject.tenant).or_default() += 1;
            }
        }
        // Every edit leaves some decision not met (else the case tests nothing), and the
        // whole check says so with an error.
        assert!(!not_met.is_empty(), "{}: every decision is met", edit.what);
        assert!(
            errors(&whole) > 0,
            "{}: no error in the whole check",
            edit.what
        );
        for (tenant, count) in not_met {
            let file = &files[tenant];
            let narrowed = check(dir.path(), &[file]);
            assert!(
                errors(&narrowed) > 0,
                "{}: `check {file}` shows no error, though {count} decisions on it are not met",
                edit.what
            );
        }
    }
}
