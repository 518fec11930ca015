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

/// Says on the real stderr (not the test harness's captured one, so it shows in a passing run)
/// that a check was skipped and why.
fn skipped(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}

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
    common::copy_tree(Path::new("examples/broken"), &root);
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
    common::copy_tree(Path::new("examples/broken"), bare.path());
    if !bare.path().ancestors().any(|d| d.join(".git").exists()) {
        let mut c = egenregi();
        c.args(["check", "--format", "github"]).arg(bare.path());
        assert!(stdout(&mut c).starts_with("::error file=inhouse/"));
    }
}

/// `new activity PROVIDER YEAR` writes `activity/PROVIDER-YEAR.yaml`, an `ActivityReport` whose
/// only findings are about its placeholder customer `todo-entity` (`data/placeholder`, and the
/// unknown reference it is), so nothing else in the skeleton is wrong; it never overwrites, and
/// a year is only for `activity`.
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
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["data/placeholder"], "{findings:#?}"); // once, not also ref/unknown
    for f in findings {
        let line = f["line"].as_u64().unwrap() as usize;
        assert!(
            text.lines()
                .nth(line - 1)
                .unwrap()
                .contains("customer: todo-entity"),
            "{f}"
        );
    }
    // with the placeholder filled in, the report checks clean
    std::fs::write(
        &path,
        text.replace("customer: todo-entity", "customer: ks-digital"),
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

/// The directory of the built binary, for scripts that find `egenregi` on PATH.
fn bin_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_BIN_EXE_egenregi"))
        .parent()
        .unwrap()
        .to_owned()
}

fn path_with_bin() -> std::ffi::OsString {
    let mut paths = vec![bin_dir()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// pre-commit from `PyPI`: `target/tools/venv` (where `.ci/run` installs it), or on `PATH`.
fn pre_commit() -> Option<std::path::PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/venv/bin/pre-commit");
    if venv.is_file() {
        return Some(venv);
    }
    let on_path = std::process::Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if on_path {
        Some("pre-commit".into())
    } else {
        skipped("pre-commit is not installed (`.ci/run` installs it from PyPI)");
        None
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// pre-commit runs the hook this repository declares (`.pre-commit-hooks.yaml`) green on
/// `examples/ks-digital` and red on `examples/broken`. The hook runs as a `repo: local` hook with
/// the declared id, entry, file pattern and `pass_filenames`, but `language: system` on the
/// binary this test built: `language: rust` would make pre-commit compile egenregi from source
/// once more (minutes of CPU; `pre_commit_builds_the_hook_from_source` does, when asked).
#[test]
fn pre_commit_runs_the_hook_green_and_red() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let field = |key: &str| {
        hooks
            .lines()
            .find_map(|l| {
                l.trim_start_matches("- ")
                    .trim()
                    .strip_prefix(&format!("{key}: "))
            })
            .unwrap()
            .to_owned()
    };
    assert_eq!(field("id"), "egenregi");
    assert_eq!(field("language"), "rust");
    assert_eq!(field("pass_filenames"), "false");
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: {}\n        name: egenregi\n        entry: {}\n        language: system\n        pass_filenames: {}\n        files: '{}'\n",
        field("id"),
        field("entry"),
        field("pass_filenames"),
        field("files"),
    );
    let cache = tempfile::tempdir().unwrap();
    for (example, green) in [("examples/ks-digital", true), ("examples/broken", false)] {
        let dir = tempfile::tempdir().unwrap();
        common::copy_tree(Path::new(example), dir.path());
        std::fs::write(dir.path().join(".pre-commit-config.yaml"), &config).unwrap();
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["add", "-A"]);
        let out = std::process::Command::new(&pre_commit)
            .args(["run", "--all-files", "--color", "never"])
            .current_dir(dir.path())
            .env("PATH", path_with_bin())
            .env("PRE_COMMIT_HOME", cache.path())
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.success(), green, "{example}:\n{log}");
        let verdict = if green { "Passed" } else { "Failed" };
        assert!(
            log.contains("egenregi.....") && log.contains(verdict),
            "{example}:\n{log}"
        );
        if !green {
            assert!(
                log.contains("inhouse/activity-share"),
                "the findings are shown:\n{log}"
            );
        }
    }
}

/// The real thing: `pre-commit try-repo` on this repository builds the hook with cargo
/// (`language: rust`) and runs it. Minutes of CPU, so only when asked:
/// `cargo test --test tools -- --ignored pre_commit_builds`.
#[test]
#[ignore = "pre-commit compiles egenregi from source in its own cache (minutes)"]
fn pre_commit_builds_the_hook_from_source() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(Path::new("examples/broken"), dir.path());
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    let out = std::process::Command::new(&pre_commit)
        .arg("try-repo")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .args(["egenregi", "--all-files"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success() && log.contains("inhouse/activity-share"),
        "{log}"
    );
}

/// The action's install step: a `version` other than the one the action ships is refused with
/// an annotation saying how to pin; the right version already on PATH (the cache) is kept.
#[test]
fn action_install_step_pins_the_version() {
    let script = Path::new("action/install.sh");
    let version = env!("CARGO_PKG_VERSION");
    let run = |want: &str| {
        std::process::Command::new("bash")
            .arg(script)
            .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
            .env("INPUT_VERSION", want)
            .env("PATH", path_with_bin())
            .output()
            .unwrap()
    };
    let out = run("9.9.9");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error title=egenregi::this action ships egenregi"),
        "{stdout}"
    );
    for want in [version.to_owned(), format!("v{version}"), String::new()] {
        let out = run(&want);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{want}: {out:?}");
        assert!(stdout.contains("(from the cache)"), "{want}: {stdout}");
    }
}

/// The action's check step, with the runner's files (`GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`)
/// in a temp directory and a config in a subfolder of a git work tree: annotations point into
/// the subfolder, the summary is Markdown, the SARIF file is written, and the step itself exits
/// 0 with the check's exit code recorded for the action's last step.
#[test]
fn action_check_step_writes_annotations_summary_and_sarif() {
    for (example, code) in [("examples/ks-digital", 0), ("examples/broken", 1)] {
        let work = tempfile::tempdir().unwrap();
        std::fs::create_dir(work.path().join(".git")).unwrap();
        common::copy_tree(Path::new(example), &work.path().join("infra/config"));
        let runner = tempfile::tempdir().unwrap();
        let summary = runner.path().join("summary.md");
        let output = runner.path().join("output");
        let out = std::process::Command::new("bash")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("action/check.sh"))
            .current_dir(work.path())
            .env("EGENREGI", env!("CARGO_BIN_EXE_egenregi"))
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &output)
            .env("RUNNER_TEMP", runner.path())
            .env("INPUT_PATH", "infra/config")
            .env("INPUT_FORMAT", "github")
            // a fixed date: the action's default `today` moves
            .env("INPUT_AS_OF", "2026-11-22")
            .env("INPUT_SARIF", "true")
            .env_remove("TF_BUILD")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{example}: {out:?}");
        let outputs = std::fs::read_to_string(&output).unwrap();
        assert!(
            outputs.contains(&format!("exit-code={code}\n")),
            "{outputs}"
        );
        assert!(outputs.contains("sarif-file=egenregi.sarif\n"), "{outputs}");
        let sarif: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(work.path().join("egenregi.sarif")).unwrap(),
        )
        .unwrap();
        assert_eq!(
            sarif["runs"][0]["automationDetails"]["id"],
            "egenregi/infra/config/"
        );
        let summary = std::fs::read_to_string(&summary).unwrap();
        assert!(
            summary.starts_with('#') && summary.contains("2026-11-22"),
            "{summary}"
        );
        if code == 1 {
            assert!(stdout.contains("::error file=infra/config/"), "{stdout}");
        } else {
            assert!(!stdout.contains("::error"), "{stdout}");
        }
    }
}

/// A file saved with a UTF-8 byte-order mark: columns on its first line are the ones an editor
/// shows (the mark is no character), in JSON, GitHub annotations and the human header alike.
#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let dir = common::repo(&[("a.yaml", "\u{feff}kind: [a, b\n".as_bytes())]);
    let run = |format: &str| {
        let mut c = egenregi();
        c.args(["check", "--path-prefix", ".", "--format", format])
            .arg(dir.path());
        stdout(&mut c)
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let f = &json["findings"][0];
    assert_eq!(f["rule"], "yaml/syntax");
    // `[` is the 7th character of `kind: [a, b`, its byte offset 9 (3 bytes of mark first)
    assert_eq!((&f["line"], &f["column"]), (&1.into(), &7.into()), "{f}");
    assert_eq!(f["span"]["offset"], 9);
    assert!(run("github").contains(",line=1,col=7,"));
    assert!(run("human").contains("a.yaml:1:7]"));
}

/// Flow entries under-indented below their key are a syntax error (the YAML test suite's
/// 9C9N; src/load/yaml.rs has the other cases), where the lenient parser used to accept them.
#[test]
fn under_indented_flow_entries_are_a_syntax_error() {
    let dir = common::repo(&[("a.yaml", b"flow: [a,\nb,\nc]\n")]);
    let mut c = egenregi();
    c.args(["check", "--format", "json"]).arg(dir.path());
    let json: serde_json::Value = serde_json::from_str(&stdout(&mut c)).unwrap();
    let f = &json["findings"][0];
    assert_eq!(f["rule"], "yaml/syntax", "{json:#}");
    assert_eq!((&f["line"], &f["column"]), (&2.into(), &1.into()), "{f}");
}
