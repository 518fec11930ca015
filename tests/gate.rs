//! The gate cannot be fooled by what it does not read, and where a user stands does not change
//! the answer (DESIGN §5 and §7; issues 12 and 16): unreadable entries and links out of the root
//! are findings, an empty repository is not a green check, discovery ignores the user's git
//! configuration, other tools' YAML gets one warning, the root is found upward, `check FILE`
//! shows only those files, `--as-of today` wins over a pinned date, and every write is atomic and
//! never goes through a link.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    reason = "a panic in a test is a failed test; a skipped test says so on stderr"
)]

mod common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use assert_cmd::Command;
use common::repo;
use serde_json::Value;

fn egenregi() -> Command {
    let mut c = Command::cargo_bin("egenregi").unwrap();
    c.env_remove("NO_COLOR");
    c
}

const KS: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks, name: KS}\nspec: {type: association, contracting_authority: true}\n";

/// A document with one error: `ref/unknown` (the member association does not exist).
const BAD: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: bad}\nspec: {type: municipality, municipality_number: \"0301\", member_of: [no-such-association]}\n";

const PINNED: &str = "as-of \"2026-11-22\"\n";

/// A repository of the example's `ks` entity with `as-of` pinned.
fn pinned_ks() -> tempfile::TempDir {
    repo(&[
        ("egenregi.kdl", PINNED.as_bytes()),
        ("ks.yaml", KS.as_bytes()),
    ])
}

/// Runs `egenregi ARGS --format json` in `cwd`; (exit code, parsed output, stderr).
fn json_in(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = egenregi()
        .current_dir(cwd)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json, stderr)
}

/// `(file, rule)` of every finding in a JSON output.
fn rules(json: &Value) -> Vec<(String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The bundled clean example, copied into a throwaway git-like checkout (`.git` at its top).
fn ks_digital() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(Path::new("examples/ks-digital"), dir.path());
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

/// The whole check and the check narrowed to `named`, run in `dir`: both must exit `code`, as
/// the narrowed gate must never pass what the whole one fails (nor fail what it passes).
fn whole_and_narrowed(dir: &Path, named: &[&str], code: i32) -> (Value, Value) {
    let (c, whole, _) = json_in(dir, &["check"]);
    assert_eq!(c, code, "the whole check: {whole}");
    let args: Vec<&str> = std::iter::once("check")
        .chain(named.iter().copied())
        .collect();
    let (c, json, _) = json_in(dir, &args);
    assert_eq!(c, code, "narrowed to {named:?}: {json}");
    (whole, json)
}

/// Writes `to` (a path under `dir`) as `from` with its first `old` replaced by `new`; `old`
/// must be there, so a test never checks an unchanged copy.
fn edit(dir: &Path, from: &str, to: &str, old: &str, new: &str) {
    let text = std::fs::read_to_string(dir.join(from)).unwrap();
    assert!(text.contains(old), "{from} has no {old:?}");
    std::fs::write(dir.join(to), text.replacen(old, new, 1)).unwrap();
}

// ---- repo/unreadable ----------------------------------------------------------------------

/// How the unreadable-directory test is run: the tests usually run as root (CI containers),
/// and root reads through mode 000. Then the binary is run as `nobody` through `setpriv`; when
/// that is not possible either, the test says it was skipped (it never passes silently).
#[test]
fn an_unreadable_directory_is_an_error_not_a_silent_skip() {
    let dir = repo(&[
        ("ks.yaml", KS.as_bytes()),
        ("locked/bad.yaml", BAD.as_bytes()),
        ("secret.yaml", BAD.as_bytes()),
    ]);
    let root = dir.path();
    // The temporary directory is private to its creator; `nobody` needs to enter it.
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(root.join("ks.yaml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(
        root.join("secret.yaml"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let locked = root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read_dir(&locked).is_ok();
    let bin = assert_cmd::cargo::cargo_bin("egenregi");
    let output = if privileged {
        let probe = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .arg("--version")
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!(
                "SKIPPED an_unreadable_directory_is_an_error_not_a_silent_skip: running \
                 privileged and `setpriv` cannot run the binary as nobody (is {} readable by \
                 others?)",
                bin.display()
            );
            return;
        }
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .args(["check", "--format", "json"])
            .arg(root)
            .output()
            .unwrap()
    } else {
        std::process::Command::new(&bin)
            .args(["check", "--format", "json"])
            .arg(root)
            .output()
            .unwrap()
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    // Today's main skipped `locked/` and passed with exit 0: the failing document in it was
    // never read.
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        rules(&json),
        [
            ("locked".to_owned(), "repo/unreadable".to_owned()),
            ("secret.yaml".to_owned(), "repo/unreadable".to_owned()),
        ]
    );
    assert!(
        json["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be read"),
        "{json}"
    );
}

#[test]
fn a_fifo_or_a_dangling_link_named_yaml_is_reported_never_opened() {
    // A FIFO is unreadable even for root, and opening it would block: reported, not opened.
    let dir = repo(&[("ks.yaml", KS.as_bytes())]);
    let root = dir.path();
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    symlink("deleted.yaml", root.join("gone.yaml")).unwrap();
    // `egenregi test` reads each file's expectations: not from the FIFO either (it would hang).
    egenregi()
        .args(["test"])
        .arg(root)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1);
    let (code, json, _) = json_in(root, &["check", "."]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&json),
        [
            ("gone.yaml".to_owned(), "repo/unreadable".to_owned()),
            ("pipe.yaml".to_owned(), "repo/unreadable".to_owned()),
        ]
    );
}

// ---- repo/outside-root --------------------------------------------------------------------

#[test]
fn links_out_of_the_root_are_errors_at_the_link() {
    let outside = repo(&[("d/bad.yaml", BAD.as_bytes()), ("bad.yaml", BAD.as_bytes())]);
    let dir = repo(&[("ks.yaml", KS.as_bytes())]);
    let root = dir.path();
    symlink(outside.path().join("d"), root.join("tenants")).unwrap();
    symlink(outside.path().join("bad.yaml"), root.join("bad.yaml")).unwrap();
    // Relative and dangling: reported the same way, whether or not the target exists.
    symlink("../../nowhere/x.yaml", root.join("nowhere.yaml")).unwrap();
    let (code, json, _) = json_in(root, &["check", "."]);
    // Today's main passed with exit 0, having read nothing behind the links.
    assert_eq!(code, 1);
    assert_eq!(
        rules(&json),
        [
            ("bad.yaml".to_owned(), "repo/outside-root".to_owned()),
            ("nowhere.yaml".to_owned(), "repo/outside-root".to_owned()),
            ("tenants".to_owned(), "repo/outside-root".to_owned()),
        ]
    );
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn a_link_inside_the_root_is_read_once_under_its_real_path() {
    let dir = repo(&[("entities/ks.yaml", KS.as_bytes())]);
    let root = dir.path();
    symlink("entities/ks.yaml", root.join("alias.yaml")).unwrap();
    symlink("entities", root.join("more")).unwrap();
    let (code, json, _) = json_in(root, &["check", "."]);
    // Read twice, the document would be its own duplicate (`ref/duplicate-id`).
    assert_eq!(code, 0, "{json}");
    assert_eq!(rules(&json), []);
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["documents"], 1);
}

// ---- nothing to check ---------------------------------------------------------------------

#[test]
fn nothing_to_check_exits_2_never_0() {
    for (what, files) in [
        ("an empty directory", &[][..]),
        (
            "only another tool's YAML",
            &[("mkdocs.yml", &b"site_name: Docs\nnav: [index.md]\n"[..])][..],
        ),
        (
            "only hidden YAML",
            &[(".github/workflows/ci.yml", &b"on: push\njobs: {}\n"[..])][..],
        ),
        (
            "only excluded YAML",
            &[
                ("egenregi.kdl", &b"paths { exclude \"drafts/**\" }\n"[..]),
                ("drafts/ks.yaml", KS.as_bytes()),
            ][..],
        ),
    ] {
        let dir = repo(files);
        let out = egenregi().arg("check").arg(dir.path()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(stderr.contains("nothing to check"), "{what}: {stderr}");
    }
    // The message says what was found instead.
    let dir = repo(&[(".github/workflows/ci.yml", b"on: push\n")]);
    let out = egenregi().arg("check").arg(dir.path()).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 hidden"));
}

// ---- discovery the same on every machine --------------------------------------------------

#[test]
fn the_users_git_configuration_never_hides_a_file() {
    let home = repo(&[
        (".gitconfig", b"[core]\n\texcludesFile = ~/global-ignore\n"),
        ("global-ignore", b"*.yaml\n"),
        (".config/git/ignore", b"*.yaml\n"),
    ]);
    let dir = repo(&[
        ("ks.yaml", KS.as_bytes()),
        ("bad.yaml", BAD.as_bytes()),
        (".git/info/exclude", b"bad.yaml\n"),
    ]);
    let mut cmd = egenregi();
    cmd.env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .args(["check", "--format", "json"])
        .arg(dir.path());
    let out = cmd.output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    // With the user's excludes, `bad.yaml` vanished and the check passed on this machine only.
    assert_eq!(out.status.code(), Some(1), "{json}");
    assert!(rules(&json).contains(&("bad.yaml".to_owned(), "ref/unknown".to_owned())));
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn the_repositorys_own_ignore_files_apply_and_what_they_skip_is_counted() {
    // An ignore file above the root (here: the directory that holds it) is not the repository's.
    let outer = repo(&[
        (".gitignore", b"*.yaml\n"),
        ("config/ks.yaml", KS.as_bytes()),
        ("config/bad.yaml", BAD.as_bytes()),
    ]);
    let root = outer.path().join("config");
    let (code, json, _) = json_in(&root, &["check", "."]);
    assert_eq!(
        code, 1,
        "a parent directory's .gitignore hid a failing file"
    );
    assert_eq!(json["summary"]["files"], 2);

    // The repository's own `.gitignore`, `.ignore` and excludes apply, and each skip is counted;
    // so are hidden directories, which are never read.
    let dir = repo(&[
        ("egenregi.kdl", b"paths { exclude \"drafts/**\" }\n"),
        (".gitignore", b"scratch.yaml\n"),
        ("sub/.ignore", b"local.yaml\n"),
        ("ks.yaml", KS.as_bytes()),
        ("scratch.yaml", BAD.as_bytes()),
        ("sub/local.yaml", BAD.as_bytes()),
        ("drafts/draft.yaml", BAD.as_bytes()),
        (".hidden/bad.yaml", BAD.as_bytes()),
        (".github/workflows/ci.yml", b"on: push\n"),
        (".git/config.yaml", BAD.as_bytes()),
    ]);
    let (code, json, _) = json_in(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        json["summary"]["skipped"],
        serde_json::json!({"hidden": 2, "ignored": 2, "excluded": 1}),
        "`.git` is not counted"
    );
    let out = egenregi().arg("check").arg(dir.path()).output().unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains(
            "5 files skipped (2 hidden, 2 by .gitignore/.ignore, 1 excluded in egenregi.kdl)"
        ),
        "{human}"
    );
}

// ---- yaml/foreign -------------------------------------------------------------------------

#[test]
fn another_tools_yaml_gets_one_warning_with_the_exclude_line() {
    let dir = repo(&[
        ("ks.yaml", KS.as_bytes()),
        (
            "mkdocs.yml",
            b"site_name: Digital services\nnav:\n  - index.md\n",
        ),
        // `on` would be a yaml/ambiguous-scalar in a document of ours.
        ("ci/workflow.yml", b"name: ci\non: [push]\njobs: {}\n"),
        // A Kubernetes Service is not ours although its kind has our name.
        (
            "deploy/svc.yaml",
            b"apiVersion: v1\nkind: Service\nmetadata: {name: x}\n",
        ),
    ]);
    let (code, json, _) = json_in(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        rules(&json),
        [
            ("ci/workflow.yml".to_owned(), "yaml/foreign".to_owned()),
            ("deploy/svc.yaml".to_owned(), "yaml/foreign".to_owned()),
            ("mkdocs.yml".to_owned(), "yaml/foreign".to_owned()),
        ]
    );
    let mkdocs = &json["findings"][2];
    assert_eq!(mkdocs["severity"], "warning");
    assert!(
        mkdocs["help"]
            .as_str()
            .unwrap()
            .contains("paths { exclude \"mkdocs.yml\" }"),
        "{mkdocs}"
    );
    // The line it gives works.
    std::fs::write(
        dir.path().join("egenregi.kdl"),
        "paths { exclude \"mkdocs.yml\" \"ci/workflow.yml\" \"deploy/svc.yaml\" }\n",
    )
    .unwrap();
    let (code, json, _) = json_in(dir.path(), &["check", "."]);
    assert_eq!((code, rules(&json)), (0, vec![]));
    assert_eq!(json["summary"]["skipped"]["excluded"], 3);
}

#[test]
fn a_file_with_one_document_of_ours_keeps_its_envelope_errors() {
    let dir = repo(&[(
        "mixed.yaml",
        format!("{KS}---\nsite_name: not ours\n").as_bytes(),
    )]);
    let (code, json, _) = json_in(dir.path(), &["check", "."]);
    // As today: no `apiVersion`, no `kind`, each said.
    assert_eq!(code, 1);
    assert_eq!(
        rules(&json),
        [
            ("mixed.yaml".to_owned(), "yaml/envelope".to_owned()),
            ("mixed.yaml".to_owned(), "yaml/envelope".to_owned())
        ]
    );
}

// ---- where you stand ----------------------------------------------------------------------

/// Findings and counts, without the root (which names where the command ran from).
fn verdict(json: &Value) -> (Value, Value, Value) {
    (
        json["findings"].clone(),
        json["summary"].clone(),
        json["as_of"].clone(),
    )
}

#[test]
fn from_a_subdirectory_the_answer_is_the_same() {
    let dir = ks_digital();
    let (code, top, _) = json_in(dir.path(), &["check"]);
    assert_eq!(code, 0);
    assert_eq!(top["summary"]["warnings"], 2); // control via the association, and the control conflict
    for sub in ["tenants", "entities", "docs"] {
        let (code, here, stderr) = json_in(&dir.path().join(sub), &["check"]);
        // Today's main checked `tenants/` alone: 28 false errors, and today's date instead of
        // the pinned one.
        assert_eq!(code, 0, "from {sub}: {stderr}");
        assert_eq!(verdict(&here), verdict(&top), "from {sub}");
        assert_eq!(here["root"], "..");
    }
    assert_eq!(top["as_of"], "2026-11-22");
    // `report` and `graph` find the same root.
    let report = egenregi()
        .current_dir(dir.path().join("tenants"))
        .args(["report", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(report.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&report.stdout).contains("2026-11-22"));
    let graph = egenregi()
        .current_dir(dir.path().join("tenants"))
        .arg("graph")
        .output()
        .unwrap();
    assert_eq!(graph.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&graph.stdout).contains("ks-digital"));
}

#[test]
fn root_discovery_stops_at_the_git_boundary() {
    // An egenregi.kdl above the repository's top (`.git`) belongs to something else.
    let outer = repo(&[
        ("egenregi.kdl", b"as-of \"2020-01-01\"\n"),
        ("project/.git/HEAD", b"ref: refs/heads/main\n"),
        ("project/ks.yaml", KS.as_bytes()),
    ]);
    let (code, json, stderr) = json_in(&outer.path().join("project"), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["root"], ".");
    assert_ne!(json["as_of"], "2020-01-01");
}

#[test]
fn check_files_shows_only_their_findings_of_a_whole_check() {
    let dir = ks_digital();
    // One tenant breaks: it names a service that does not exist.
    let oslo = "tenants/oslo.yaml";
    edit(
        dir.path(),
        oslo,
        oslo,
        "service: svarut",
        "service: svarutt",
    );

    // A file whose documents are fine, checked with the whole repository (its references
    // resolve): no finding, exit 0, although another file fails.
    let (code, json, _) = json_in(dir.path(), &["check", "tenants/bergen.yaml"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(rules(&json), []);
    assert_eq!(json["summary"]["shown_files"], 1);
    assert_eq!(json["paths"], serde_json::json!(["tenants/bergen.yaml"]));

    // The broken file, given from inside `tenants/`: the root is found upward.
    let (code, json, _) = json_in(
        &dir.path().join("tenants"),
        &["check", "oslo.yaml", "bergen.yaml"],
    );
    assert_eq!(code, 1);
    assert!(
        rules(&json)
            .iter()
            .all(|(file, _)| file == "tenants/oslo.yaml"),
        "{json}"
    );
    assert!(rules(&json).contains(&("tenants/oslo.yaml".to_owned(), "ref/unknown".to_owned())));

    // The human summary says the output is narrowed.
    let out = egenregi()
        .current_dir(dir.path())
        .args(["check", "tenants/bergen.yaml", "entities/ks.yaml"])
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains("showing findings in 2 of 33 files"),
        "{human}"
    );

    // A file of another repository is refused, not checked against this one.
    let other = repo(&[("ks.yaml", KS.as_bytes())]);
    let out = egenregi()
        .current_dir(dir.path())
        .arg("check")
        .arg("tenants/bergen.yaml")
        .arg(other.path().join("ks.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_files_shows_what_cannot_be_accepted_wherever_it_is() {
    // Private capital in the provider (an investor with 10 % from 2024) fails every in-house
    // subscription to it, also bergen's: the finding is on `Entity/ks-digital`, not in
    // `tenants/bergen.yaml`. Before: `check tenants/bergen.yaml` exited 0 on a subscription
    // whose decision failed. Findings that cannot be accepted are shown wherever they are.
    let dir = ks_digital();
    let company = "entities/ks-digital.yaml";
    edit(
        dir.path(),
        company,
        company,
        "      share: 100\n      votes: 100\n",
        "      share: 90\n      votes: 90\n    - entity: investor\n      share: 10\n      votes: 10\n      from: 2024-01-01\n",
    );
    std::fs::write(
        dir.path().join("entities/investor.yaml"),
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: investor}\nspec: {type: private}\n",
    )
    .unwrap();
    let (code, json, _) = json_in(dir.path(), &["check", "tenants/bergen.yaml"]);
    assert_eq!(code, 1, "{json}");
    assert!(
        rules(&json).contains(&(
            "entities/ks-digital.yaml".to_owned(),
            "inhouse/private-capital".to_owned()
        )),
        "{json}"
    );
    // A file nobody could read, elsewhere: every decision is not assessed, and says so here.
    let dir = ks_digital();
    std::fs::write(dir.path().join("entities/broken.yaml"), "kind: [\n").unwrap();
    let (code, json, _) = json_in(dir.path(), &["check", "tenants/bergen.yaml"]);
    assert_eq!(code, 1, "{json}");
    assert!(
        rules(&json).contains(&(
            "entities/broken.yaml".to_owned(),
            "inhouse/not-assessed".to_owned()
        )),
        "{json}"
    );
}

#[test]
fn check_files_shows_what_fails_their_decisions_wherever_it_is() {
    // Articles that do not state a non-commercial purpose: `inhouse/contrary-interests` (an
    // error that a waiver could accept) on `Entity/ks-digital`, and every in-house decision to
    // it fails its contrary-interests condition, bergen's too. Before: `check
    // tenants/bergen.yaml` showed no finding and exited 0, while the whole check exited 1 and
    // its summary said 89 decisions were not met.
    let dir = ks_digital();
    let company = "entities/ks-digital.yaml";
    edit(
        dir.path(),
        company,
        company,
        "non_commercial: true",
        "non_commercial: false",
    );
    let (_, json) = whole_and_narrowed(dir.path(), &["tenants/bergen.yaml"], 1);
    // The cause is shown; the two warnings on the same document are not: they make bergen's
    // control `review`, a condition met on a reading, as on the unchanged example.
    assert_eq!(
        rules(&json),
        [(
            "entities/ks-digital.yaml".to_owned(),
            "inhouse/contrary-interests".to_owned()
        )],
        "{json}"
    );
    // A file with no subscription has no decision that the finding bears on.
    let (code, json, _) = json_in(dir.path(), &["check", "entities/ks.yaml"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(rules(&json), []);
    // Waived, the finding is accepted in both runs alike, and the narrowed one lists it so.
    std::fs::write(
        dir.path().join("waiver.yaml"),
        "apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-articles}\nspec:\n  rule: inhouse/contrary-interests\n  targets: [\"Entity/ks-digital\"]\n  reason: \"The new purpose is adopted at the general meeting in December\"\n  approved_by: \"Kari Nordmann, general counsel\"\n  expires: 2027-03-01\n",
    )
    .unwrap();
    let (_, json) = whole_and_narrowed(dir.path(), &["tenants/bergen.yaml"], 0);
    assert_eq!(rules(&json), []);
    assert_eq!(
        json["waived"][0]["rule"], "inhouse/contrary-interests",
        "{json}"
    );
}

#[test]
fn check_files_shows_holdings_elsewhere_that_leave_their_decisions_not_assessed() {
    // KS's holding in the company drops from 100 % to 40 % of the capital and nobody else is
    // listed: who holds the other 60 % is not known, so every in-house decision to the company
    // has its private capital not assessed. The error is at the company's `owners`, in a file
    // the pull request to bergen does not touch.
    let dir = ks_digital();
    let company = "entities/ks-digital.yaml";
    edit(dir.path(), company, company, "share: 100", "share: 40");
    let (whole, json) = whole_and_narrowed(dir.path(), &["tenants/bergen.yaml"], 1);
    let cause = (company.to_owned(), "entity/ownership-total".to_owned());
    assert_eq!(rules(&json), std::slice::from_ref(&cause), "{json}");
    assert!(rules(&whole).contains(&cause), "{whole}");
}

#[test]
fn check_files_shows_a_report_that_leaves_their_decisions_not_assessed() {
    // A second report for 2023 (`ks-digital-2023-b`, a copy under another id): two reports
    // claim one year, so every window over 2023 is not assessed (`inhouse/activity-data`, on
    // the copy's `year`), and so is bergen's award decision. The finding is in
    // `activity/`, a document bergen's decision rests on: shown, and exit 1, as in the whole
    // check.
    let dir = ks_digital();
    edit(
        dir.path(),
        "activity/ks-digital-2023.yaml",
        "activity/ks-digital-2023-b.yaml",
        "id: ks-digital-2023\n",
        "id: ks-digital-2023-b\n",
    );
    let (_, json) = whole_and_narrowed(dir.path(), &["tenants/bergen.yaml"], 1);
    let shown = rules(&json);
    assert!(!shown.is_empty(), "{json}");
    assert!(
        shown
            .iter()
            .all(|(file, rule)| file == "activity/ks-digital-2023-b.yaml"
                && rule == "inhouse/activity-data"),
        "{shown:?}"
    );
}

#[test]
fn check_files_shows_what_a_named_report_fails_elsewhere() {
    // A pull request changes only `activity/ks-digital-2025.yaml`: 400 000 000.00 NOK more on
    // the open market. The window 2023-2025 becomes 482 840 101.75 of 949 375 351.75 = 50.9 %,
    // under 80 %: every subscription judged on it fails, and the findings are on the
    // subscriptions, in the tenants' files (`inhouse/activity-share` at an award in the window,
    // `inhouse/continuity` where it held at the award). Before: `check` of the report alone
    // showed nothing and exited 0 while the whole check exited 1.
    let dir = ks_digital();
    let report = "activity/ks-digital-2025.yaml";
    edit(
        dir.path(),
        report,
        report,
        "  lines:\n",
        "  lines:\n    - other: open-market\n      amount: 400000000.00\n",
    );
    let errors = |json: &Value| -> Vec<(String, String)> {
        let mut e: Vec<(String, String)> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_owned(),
                    f["rule"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        e.sort();
        e
    };
    let (whole, json) = whole_and_narrowed(dir.path(), &["activity/ks-digital-2025.yaml"], 1);
    // Every error of the whole check bears on a decision that rests on the report.
    assert_eq!(errors(&json), errors(&whole));
    assert!(
        errors(&json)
            .iter()
            .any(|(f, r)| f.starts_with("tenants/") && r == "inhouse/continuity"),
        "{json}"
    );
    // The unchanged report, named alone: nothing fails, nothing is shown.
    let (code, json, _) = json_in(
        Path::new("examples/ks-digital"),
        &["check", "activity/ks-digital-2025.yaml"],
    );
    assert_eq!(code, 0, "{json}");
    assert_eq!(rules(&json), []);
}

#[test]
fn check_files_shows_a_change_on_record_that_will_break_a_decision() {
    // Oslo's KS membership is to end on 2027-12-31 (`entities/kommuner.yaml`). Its five
    // subscriptions run on with no end, so from 2028-01-01 the council's seats no longer
    // represent Oslo: `inhouse/planned-change` (a warning) on each, in `tenants/oslo.yaml`,
    // while today's decisions are as before. Named alone, the entities file bears on them, so
    // the warnings are shown, and `--deny warnings` fails as the whole check does.
    let dir = ks_digital();
    let kommuner = "entities/kommuner.yaml";
    edit(
        dir.path(),
        kommuner,
        kommuner,
        "  municipality_number: \"0301\"\n  member_of: [ks]\n",
        "  municipality_number: \"0301\"\n  member_of: [{association: ks, from: 2000-01-01, to: 2027-12-31}]\n",
    );
    let planned = |json: &Value| {
        rules(json)
            .into_iter()
            .filter(|(_, rule)| rule == "inhouse/planned-change")
            .collect::<Vec<_>>()
    };
    let (whole, json) = whole_and_narrowed(dir.path(), &[kommuner], 0);
    assert_eq!(planned(&whole).len(), 5, "{whole}");
    assert_eq!(planned(&json), planned(&whole));
    let (code, _, _) = json_in(dir.path(), &["check", kommuner, "--deny", "warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn a_file_named_but_not_read_is_no_pass() {
    // `tenants/bergen.yaml` is matched by the repository's `.ignore`: discovery skips it, so
    // naming it checked nothing. Before: "showing findings in 0 of 32 files" and exit 0.
    let dir = ks_digital();
    std::fs::write(dir.path().join(".ignore"), "tenants/bergen.yaml\n").unwrap();
    let out = egenregi()
        .current_dir(dir.path())
        .args(["check", "tenants/bergen.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`tenants/bergen.yaml` is not read"),
        "{stderr}"
    );
    // A file that is read, beside it, checks as before.
    let (code, _, stderr) = json_in(dir.path(), &["check", "tenants/oslo.yaml"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn as_of_today_overrides_a_pinned_date() {
    let dir = pinned_ks();
    let (_, pinned, _) = json_in(dir.path(), &["check", "."]);
    assert_eq!(pinned["as_of"], "2026-11-22");
    let (code, today, _) = json_in(dir.path(), &["check", ".", "--as-of", "today"]);
    assert_eq!(code, 0);
    assert_eq!(
        today["as_of"],
        egenregi::date::Date::today().to_string(),
        "the pull request's own egenregi.kdl must not choose the date in CI"
    );
    for cmd in [
        &["report", "--as-of", "today"][..],
        &["graph", "--as-of", "today"][..],
    ] {
        egenregi()
            .current_dir(dir.path())
            .args(cmd)
            .assert()
            .code(0);
    }
}

// ---- writes -------------------------------------------------------------------------------

#[test]
fn no_output_is_written_through_a_link() {
    let dir = pinned_ks();
    let victim = repo(&[("victim", b"precious\n")]);
    let target = victim.path().join("victim");
    let root = dir.path();
    // A pull request commits links where CI writes its output.
    for name in [
        "egenregi.sarif",
        "baseline.json",
        "report.html",
        "graph.dot",
    ] {
        symlink(&target, root.join(name)).unwrap();
    }
    for args in [
        &[
            "check",
            ".",
            "--format",
            "sarif",
            "--output",
            "egenregi.sarif",
        ][..],
        &["check", ".", "--write-baseline", "baseline.json"][..],
        &["report", ".", "-o", "report.html"][..],
        &["graph", ".", "-o", "graph.dot"][..],
    ] {
        let out = egenregi().current_dir(root).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("symbolic link"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
    // A linked directory on the way is refused too.
    symlink(victim.path(), root.join("out")).unwrap();
    egenregi()
        .current_dir(root)
        .args(["check", ".", "--output", "out/result.txt"])
        .assert()
        .code(2);
    assert!(!victim.path().join("result.txt").exists());
}

#[test]
fn an_output_is_replaced_whole_or_not_at_all() {
    let dir = pinned_ks();
    let root = dir.path();
    std::fs::write(root.join("out.json"), "x".repeat(100_000)).unwrap();
    egenregi()
        .current_dir(root)
        .args(["check", ".", "--format", "json", "--output", "out.json"])
        .assert()
        .code(0);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("out.json")).unwrap()).unwrap();
    assert_eq!(written["summary"]["files"], 1);
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    // A write that cannot happen leaves nothing behind.
    egenregi()
        .current_dir(root)
        .args(["check", ".", "--output", "missing/dir/out.json"])
        .assert()
        .code(2);
    assert!(!root.join("missing").exists());
    // A device is written in place, never replaced (`-o /dev/null` in the README's benchmark).
    egenregi()
        .current_dir(root)
        .args(["check", ".", "-o", "/dev/null"])
        .assert()
        .code(0);
    assert!(std::fs::metadata("/dev/null").unwrap().permissions().mode() & 0o170_000 != 0o100_000);
}

/// `-o -` is standard output, as for most tools that take a file name: the JSON (streamed),
/// the human text, the report and the graph come out on stdout, and no file named `-` is made.
#[test]
fn an_output_named_dash_is_standard_output() {
    let dir = pinned_ks();
    let root = dir.path();
    for (args, starts) in [
        (&["check", ".", "--format", "json", "-o", "-"][..], "{"),
        (&["check", ".", "--output", "-"][..], ""),
        (&["report", ".", "--format", "markdown", "-o", "-"][..], "#"),
        (&["graph", ".", "-o", "-"][..], "digraph"),
    ] {
        let out = egenregi().current_dir(root).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.is_empty() && text.starts_with(starts),
            "{args:?}: {text}"
        );
        assert!(!root.join("-").exists(), "{args:?}");
    }
}

#[test]
fn new_never_writes_into_a_linked_kind_directory() {
    let dir = repo(&[("egenregi.kdl", PINNED.as_bytes())]);
    let elsewhere = tempfile::tempdir().unwrap();
    symlink(elsewhere.path(), dir.path().join("services")).unwrap();
    let out = egenregi()
        .args(["new", "service", "svarut", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

// ---- reads --------------------------------------------------------------------------------

#[test]
fn the_policies_directory_never_leads_out_of_the_root() {
    let outside = repo(&[(
        "secret.kdl",
        b"rule \"x/secret\" { summary \"TOP-SECRET-CONTENT\" }\n",
    )]);
    let dir = repo(&[
        ("egenregi.kdl", b"policies \"lnk/.\"\n"),
        ("ks.yaml", KS.as_bytes()),
    ]);
    symlink(outside.path(), dir.path().join("lnk")).unwrap();
    let out = egenregi().arg("check").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("leads out of the repository"), "{stderr}");
    assert!(!stderr.contains("TOP-SECRET"), "{stderr}");

    // A link that stays inside the root is fine.
    let dir = repo(&[
        ("egenregi.kdl", b"policies \"rules\"\n"),
        ("real/team.kdl", b"rule \"team/x\" severity=\"warning\" {\n    summary \"x\"\n    select kind=\"Entity\"\n    assert \"spec.type\" exists\n}\n"),
        ("ks.yaml", KS.as_bytes()),
    ]);
    symlink("real", dir.path().join("rules")).unwrap();
    egenregi().arg("check").arg(dir.path()).assert().code(0);
}

#[test]
fn evidence_through_a_link_out_says_the_same_whether_or_not_the_target_exists() {
    let outside = repo(&[("exists.pdf", b"%PDF")]);
    let waiver = |id: &str, evidence: &str| {
        format!(
            "---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {{id: {id}}}\nspec:\n  rule: service/ros-fresh\n  targets: [\"Service/none\"]\n  reason: Redone after the move\n  approved_by: Kari Nordmann, CISO\n  expires: 2027-01-01\n  evidence: {evidence}\n"
        )
    };
    let docs = format!(
        "{KS}{}{}",
        waiver("w-exists", "lnk/exists.pdf"),
        waiver("w-missing", "lnk/missing.pdf")
    );
    let dir = repo(&[
        ("egenregi.kdl", PINNED.as_bytes()),
        ("docs.yaml", docs.as_bytes()),
    ]);
    symlink(outside.path(), dir.path().join("lnk")).unwrap();
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    let messages: Vec<String> = outcome
        .findings
        .iter()
        .filter(|f| f.rule == "evidence/missing")
        .map(|f| {
            f.message
                .replace("exists", "NAME")
                .replace("missing", "NAME")
        })
        .collect();
    assert_eq!(messages.len(), 2, "{:#?}", outcome.findings);
    assert_eq!(
        messages[0], messages[1],
        "the message tells whether an outside file exists"
    );
    assert!(
        messages[0].contains("leads out of the repository"),
        "{}",
        messages[0]
    );
}
