//! Where users work: colour and shell completions on the command line, the path prefix of a
//! config in a subfolder, `egenregi new activity`, the pre-commit hook and the GitHub Action's
//! shell steps (the last two as far as this machine allows: each skips visibly without its tool).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

mod common;

use std::path::Path;

use assert_cmd::Command;

/// The binary with no colour variables from the caller's environment, and not in Azure.
fn egenregi() -> Command {
    let mut c = Command::cargo_bin("egenregi").unwrap();
    for v in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TF_BUILD"] {
        c.env_remove(v);
    }
    c
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
}

/// Copies `from` (a directory tree) to `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The output goes to a pipe here, never a terminal: `auto` is plain, `always` and the force
/// variables colour it, and `NO_COLOR` beats the force variables but not `--color always`.
#[test]
fn color_follows_the_flag_then_the_environment() {
    let ansi = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = egenregi();
        c.args(["check", "examples/broken"]).args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        stdout(&mut c).contains("\u{1b}[")
    };
    assert!(!ansi(&[], &[]), "auto into a pipe is plain");
    assert!(ansi(&["--color", "always"], &[]));
    assert!(
        ansi(&["--color=always"], &[("NO_COLOR", "1")]),
        "the flag beats NO_COLOR"
    );
    assert!(!ansi(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(ansi(&[], &[("FORCE_COLOR", "1")]));
    assert!(ansi(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!ansi(&[], &[("FORCE_COLOR", "0")]), "`0` forces nothing");
    assert!(!ansi(&[], &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]));
    // a global flag: before the subcommand too
    let mut c = egenregi();
    c.args(["--color", "always", "check", "examples/broken"]);
    assert!(stdout(&mut c).contains("\u{1b}["));
    // and the precedence is in the help
    let help = stdout(egenregi().args(["check", "--help"]));
    for word in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"] {
        assert!(help.contains(word), "{help}");
    }
}

/// A config in `infra/config` of a git work tree: annotations and SARIF name files from the
/// work tree's top, found by the `.git` entry above the root (a file, as in a git worktree);
/// `--path-prefix` overrides it, and a prefix that leaves the repository is refused.
#[test]
fn annotations_point_into_the_enclosing_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("infra/config");
    copy_tree(Path::new("examples/broken"), &root);
    std::fs::write(dir.path().join(".git"), "gitdir: elsewhere\n").unwrap();
    let first = |args: &[&str]| {
        let mut c = egenregi();
        c.current_dir(dir.path())
            .args(["check", "infra/config", "--format", "github"])
            .args(args);
        stdout(&mut c).lines().next().unwrap_or_default().to_owned()
    };
    assert!(first(&[]).contains("file=infra/config/"), "{}", first(&[]));
    assert!(
        first(&["--path-prefix", "./other/"]).contains("file=other/"),
        "{}",
        first(&["--path-prefix", "other"])
    );
    assert!(first(&["--path-prefix", "."]).contains("file=inhouse/"));
    let mut c = egenregi();
    c.current_dir(dir.path())
        .args(["check", "infra/config", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&mut c)).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert!(uri.as_str().unwrap().starts_with("infra/config/"), "{uri}");
    assert_eq!(
        sarif["runs"][0]["automationDetails"]["id"],
        "egenregi/infra/config/"
    );
    egenregi()
        .args(["check", "examples/broken", "--path-prefix", "../up"])
        .assert()
        .code(2);
    // outside any work tree: no prefix (the temp directory has no `.git` above it, as a rule)
    let bare = tempfile::tempdir().unwrap();
    copy_tree(Path::new("examples/broken"), bare.path());
    if !bare.path().ancestors().any(|d| d.join(".git").exists()) {
        let mut c = egenregi();
        c.args(["check", "--format", "github"]).arg(bare.path());
        assert!(stdout(&mut c).starts_with("::error file=inhouse/"));
    }
}

/// `new activity PROVIDER YEAR` writes `activity/PROVIDER-YEAR.yaml`, an `ActivityReport` whose
/// only finding is its placeholder customer, a value that reads `TODO` (so nothing else in the
/// skeleton is wrong); it never overwrites, and a year is only for `activity`.
#[test]
fn new_activity_writes_a_report_that_fails_only_on_its_todo() {
    let dir = common::repo(&[(
        "entities/ks-digital.yaml",
        b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: private}\n",
    )]);
    let out = egenregi()
        .args(["new", "activity", "ks-digital", "2025", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let path = dir.path().join("activity/ks-digital-2025.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("kind: ActivityReport\n") && text.contains("id: ks-digital-2025\n"));
    let check = egenregi()
        .args(["check", "--format", "json", "--as-of", "2026-11-22"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert!(f["rule"].as_str().unwrap().starts_with("schema/"), "{f}");
    let line = f["line"].as_u64().unwrap() as usize;
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .contains("customer: TODO"),
        "{f}"
    );
    // with the placeholder filled in, the report checks clean
    std::fs::write(
        &path,
        text.replace("customer: TODO", "customer: ks-digital"),
    )
    .unwrap();
    let check = egenregi()
        .args(["check", "--format", "json", "--as-of", "2026-11-22"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");

    let again = egenregi()
        .args(["new", "activity", "ks-digital", "2025", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    for args in [
        &["new", "activity", "ks-digital"][..],
        &["new", "activity", "ks-digital", "1850"],
        &["new", "entity", "x", "2025"],
    ] {
        let out = egenregi().args(args).arg("--print").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("similar value"), "{args:?}: {stderr}");
    }
}

/// Norwegian legal forms are mapped, with a note on stderr and in the document; setup errors
/// show their message, not an internal code, as the heading.
#[test]
fn norwegian_entity_types_and_plain_error_headings() {
    for (form, ty) in [
        ("kommune", "municipality"),
        ("fylkeskommune", "county"),
        ("iks", "company"),
        ("as", "company"),
        ("kf", "company"),
        ("stiftelse", "foundation"),
        ("statlig", "state-agency"),
    ] {
        let out = egenregi()
            .args(["new", "entity", "x", "--print", "--type", form])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{form}: {out:?}");
        let doc = String::from_utf8_lossy(&out.stdout);
        assert!(
            doc.contains(&format!(
                "  type: {ty} # `{form}` is written as type `{ty}`"
            )),
            "{doc}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("note: `{form}` is written as type `{ty}`")),
            "{stderr}"
        );
    }
    let out = egenregi()
        .args(["new", "entity", "x", "--print", "--type", "kf"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("part of its municipality"));

    let dir = common::repo(&[("egenregi.kdl", b"bogus {\n")]);
    for args in [
        vec!["new", "entity", "x", "--print", "--type", "aksje"],
        vec!["new", "entity", "Bad Id", "--print"],
        vec!["check", dir.path().to_str().unwrap()],
        vec!["check", "--baseline", "Cargo.toml", "examples/ks-digital"],
    ] {
        let out = egenregi().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        for code in ["scaffold::", "config::", "baseline::"] {
            assert!(!stderr.contains(code), "{args:?} shows `{code}`:\n{stderr}");
        }
        assert!(
            stderr.trim_start().starts_with('x') || stderr.contains("  x "),
            "{stderr}"
        );
    }
}

/// `completions SHELL` prints a script that knows the subcommands and their flags.
#[test]
fn completions_know_the_subcommands() {
    let bash = stdout(egenregi().args(["completions", "bash"]));
    for word in [
        "check",
        "explain",
        "completions",
        "activity",
        "--path-prefix",
        "--color",
    ] {
        assert!(
            bash.contains(word),
            "{word} missing from the bash completions"
        );
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = egenregi().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("egenregi"),
            "{shell}"
        );
    }
    egenregi().args(["completions", "tcsh"]).assert().code(2);
    // bash itself reads the script (where bash is installed)
    if let Ok(out) = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
