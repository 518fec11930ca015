//! Hostile input (DESIGN §5): every bad file ends in a clear finding, never a crash or a hang,
//! and never hides the findings of the other files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a panic in a test is a failed test"
)]

mod common;

use std::path::Path;

use common::repo;
use egenregi::{Options, Outcome};

/// A valid document: on its own it gives no finding at all.
const KS: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks, name: KS}\nspec: {type: association, contracting_authority: true}\n";

/// A valid document with exactly one known finding (`yaml/ambiguous-scalar` on `NO`).
const NORWAY: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n";

fn check(root: &Path) -> Outcome {
    egenregi::check(root, &Options::default()).unwrap()
}

/// `(file, rule)` of every finding, in output order.
fn found(outcome: &Outcome) -> Vec<(String, String)> {
    outcome
        .findings
        .iter()
        .map(|f| {
            (
                outcome.sources.get(f.location.source).path.clone(),
                f.rule.to_string(),
            )
        })
        .collect()
}

/// Asserts that the only finding is one `rule` in `file`, and returns it.
fn only<'a>(outcome: &'a Outcome, file: &str, rule: &str) -> &'a egenregi::finding::Finding {
    assert_eq!(
        found(outcome),
        [(file.to_owned(), rule.to_owned())],
        "{:#?}",
        outcome.findings
    );
    &outcome.findings[0]
}

#[test]
fn hundred_thousand_nested_flow_sequences() {
    let dir = repo(&[("deep.yaml", "[".repeat(100_000).as_bytes())]);
    let out = check(dir.path());
    let f = only(&out, "deep.yaml", "yaml/limit");
    assert!(f.message.contains("nesting"), "{}", f.message);
}

#[test]
fn hundred_thousand_nested_block_sequences_on_one_line() {
    let text = "- ".repeat(100_000) + "x\n";
    let dir = repo(&[("deep.yaml", text.as_bytes())]);
    let out = check(dir.path());
    let f = only(&out, "deep.yaml", "yaml/limit");
    assert!(f.message.contains("nesting"), "{}", f.message);
}

#[test]
fn billion_laughs() {
    // 9 levels of 9 aliases each: 9^9 (387 million) nodes if expanded.
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let items = vec![format!("*{prev}"); 9].join(", ");
        text += &format!("{name}: &{name} [{items}]\n");
    }
    let dir = repo(&[("laughs.yaml", text.as_bytes())]);
    let out = check(dir.path());
    let f = only(&out, "laughs.yaml", "yaml/limit");
    assert!(f.message.contains("aliases"), "{}", f.message);
}

#[test]
fn file_over_8_mib_is_not_read() {
    let dir = repo(&[]);
    // Sparse: 9 MiB of NUL bytes on paper, nothing on disk. Were the file read, the NUL bytes
    // would make it a `yaml/encoding` finding; the size check must come first.
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    file.set_len(9 * 1024 * 1024).unwrap();
    drop(file);
    let out = check(dir.path());
    let f = only(&out, "huge.yaml", "yaml/limit");
    assert!(f.message.contains("9437184 bytes"), "{}", f.message);
}

#[test]
fn more_than_1000_documents_in_one_file() {
    // `ks.yaml` gives the repository something to check (with none, nothing runs: exit 2).
    let text = "---\n# empty\n".repeat(1_001);
    let dir = repo(&[("many.yaml", text.as_bytes()), ("ks.yaml", KS.as_bytes())]);
    let out = check(dir.path());
    let f = only(&out, "many.yaml", "yaml/limit");
    assert!(f.message.contains("1000 documents"), "{}", f.message);

    // 1,000 is allowed.
    let text = "---\n# empty\n".repeat(1_000);
    let dir = repo(&[("many.yaml", text.as_bytes()), ("ks.yaml", KS.as_bytes())]);
    assert_eq!(found(&check(dir.path())), []);
}

#[test]
fn binary_file_with_a_yaml_name() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    let dir = repo(&[("logo.yaml", &bytes)]);
    let out = check(dir.path());
    let f = only(&out, "logo.yaml", "yaml/encoding");
    assert!(f.message.contains("NUL"), "{}", f.message);
}

#[test]
fn latin1_file() {
    let text = b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: baerum, name: B\xe6rum kommune}\nspec: {type: municipality}\n";
    let dir = repo(&[("baerum.yaml", text)]);
    let out = check(dir.path());
    let f = only(&out, "baerum.yaml", "yaml/encoding");
    // At the bad byte, with the readable prefix kept so the snippet can show it.
    let at = text.iter().position(|&b| b == 0xe6).unwrap();
    assert_eq!(f.location.span, at..at);
    assert!(f.help.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn utf16_files() {
    let utf16 = |bom: &[u8], be: bool| {
        let mut bytes = bom.to_vec();
        for unit in KS.encode_utf16() {
            bytes.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    for (name, bytes) in [
        ("le-bom.yaml", utf16(&[0xFF, 0xFE], false)),
        ("be-bom.yaml", utf16(&[0xFE, 0xFF], true)),
        ("le.yaml", utf16(&[], false)),
    ] {
        let dir = repo(&[(name, &bytes)]);
        only(&check(dir.path()), name, "yaml/encoding");
    }
}

#[test]
fn utf8_bom_is_accepted() {
    let text = format!("\u{feff}{NORWAY}");
    let dir = repo(&[("bom.yaml", text.as_bytes())]);
    let out = check(dir.path());
    // Only the finding the content earns, at the right bytes despite the 3-byte BOM.
    let f = only(&out, "bom.yaml", "yaml/ambiguous-scalar");
    assert_eq!(&text[f.location.span.clone()], "NO");
    assert_eq!(out.documents, 1);
}

#[test]
fn tabs_as_indentation() {
    let text = "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n\tid: tabbed\nspec: {type: association, contracting_authority: true}\n";
    let dir = repo(&[("tab.yaml", text.as_bytes())]);
    let out = check(dir.path());
    let f = only(&out, "tab.yaml", "yaml/syntax");
    assert!(
        f.help.as_deref().unwrap_or("").contains("spaces"),
        "{:?}",
        f.help
    );
    assert_eq!(
        out.sources
            .get(f.location.source)
            .line_col(f.location.span.start)
            .0,
        4
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = repo(&[("ks.yaml", NORWAY.as_bytes())]);
    let root = dir.path();
    symlink("b.yaml", root.join("a.yaml")).unwrap();
    symlink("a.yaml", root.join("b.yaml")).unwrap();
    symlink("self.yaml", root.join("self.yaml")).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink(".", root.join("sub/here")).unwrap();
    let out = check(root);
    // The looping `.yaml` links are reported (they may hide a document); the links to
    // directories inside the root are not followed, and not a problem.
    assert_eq!(
        found(&out),
        [
            ("a.yaml".to_owned(), "repo/unreadable".to_owned()),
            ("b.yaml".to_owned(), "repo/unreadable".to_owned()),
            ("ks.yaml".to_owned(), "yaml/ambiguous-scalar".to_owned()),
            ("self.yaml".to_owned(), "repo/unreadable".to_owned()),
        ]
    );
    assert!(out.findings[0].message.contains("loops"));
    assert_eq!(out.files, 1);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = repo(&[
        ("secret.yaml", NORWAY.as_bytes()),
        ("d/x.yaml", NORWAY.as_bytes()),
    ]);
    let dir = repo(&[("ks.yaml", KS.as_bytes())]);
    let root = dir.path();
    symlink(outside.path().join("secret.yaml"), root.join("secret.yaml")).unwrap();
    symlink(outside.path().join("d"), root.join("d")).unwrap();
    symlink(
        "../../../../../../../../etc/passwd",
        root.join("passwd.yaml"),
    )
    .unwrap();
    let out = check(root);
    // Each link out is reported at its own path (`repo/outside-root`), never followed.
    assert_eq!(
        found(&out),
        [
            ("d".to_owned(), "repo/outside-root".to_owned()),
            ("passwd.yaml".to_owned(), "repo/outside-root".to_owned()),
            ("secret.yaml".to_owned(), "repo/outside-root".to_owned()),
        ]
    );
    assert_eq!(out.files, 1);
    // None of the outside files was read: their sources are the empty ones of the findings.
    for (_, s) in out.sources.iter() {
        assert!(!s.text.contains("NO"), "{} was read", s.path);
    }

    // A link that stays inside the root is read once, under the real path.
    std::fs::write(root.join("inside.txt"), KS.replace("id: ks", "id: inside")).unwrap();
    symlink("inside.txt", root.join("inside.yaml")).unwrap();
    let out = check(root);
    assert_eq!(out.files, 2);
    assert!(out.sources.iter().any(|(_, s)| s.path == "inside.txt"));
}

/// A team's rule: every entity names its team (KS in [`KS`] has no labels, so it fires once).
const TEAM_RULE: &str = "rule \"team/labelled\" severity=\"warning\" {\n    summary \"An entity names its team\"\n    select kind=\"Entity\"\n    assert \"metadata.labels\" exists message=\"no labels\"\n}\n";

#[test]
fn rule_files_in_a_policies_directory_no_config_names_are_reported_not_skipped() {
    // README puts a repository's own rules in `policies/` and names it in `egenregi.kdl`.
    // Without the `policies` line the two files (one nested) were not read, their rule did not
    // run, and the check passed with no word of them.
    let dir = repo(&[
        ("ks.yaml", KS.as_bytes()),
        ("policies/team.kdl", TEAM_RULE.as_bytes()),
        ("policies/more/other.KDL", b"// nothing yet\n"),
        ("policies/README.md", b"not a rule file"),
    ]);
    let root = dir.path();
    let out = check(root);
    let f = only(&out, "policies", "repo/policies-not-named");
    assert_eq!(f.severity, egenregi::finding::Severity::Warning);
    assert!(
        f.message
            .contains("`policies/` holds 2 rule files (`*.kdl`)")
            && f.message.ends_with("none of their rules ran"),
        "{}",
        f.message
    );

    // One file is counted as one.
    let single = repo(&[
        ("ks.yaml", KS.as_bytes()),
        ("policies/team.kdl", TEAM_RULE.as_bytes()),
    ]);
    let one = check(single.path());
    let f = only(&one, "policies", "repo/policies-not-named");
    assert!(
        f.message.contains("holds 1 rule file (`*.kdl`),")
            && f.message.ends_with("none of its rules ran"),
        "{}",
        f.message
    );

    // Named, the files are read and the rule runs; nothing is said of the directory.
    std::fs::write(root.join("egenregi.kdl"), "policies \"policies\"\n").unwrap();
    let out = check(root);
    only(&out, "ks.yaml", "team/labelled");
}

#[cfg(unix)]
#[test]
fn a_policies_link_or_a_directory_without_rule_files_is_not_reported() {
    use std::os::unix::fs::symlink;
    // A `policies/` without `*.kdl` files holds no rules to miss; a link named `policies` is
    // not looked into (its target may be outside the repository): discovery reports it as the
    // link out of the root that it is, and nothing more is said.
    let outside = repo(&[("team.kdl", TEAM_RULE.as_bytes())]);
    let dir = repo(&[("ks.yaml", KS.as_bytes()), ("policies/notes.txt", b"x")]);
    assert!(check(dir.path()).findings.is_empty());
    let linked = repo(&[("ks.yaml", KS.as_bytes())]);
    symlink(outside.path(), linked.path().join("policies")).unwrap();
    only(&check(linked.path()), "policies", "repo/outside-root");
}

#[cfg(unix)]
#[test]
fn fifo_named_yaml_does_not_hang() {
    let dir = repo(&[("ks.yaml", NORWAY.as_bytes())]);
    let root = dir.path();
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("x.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    // A link to the FIFO inside the root must not open it either (opening a FIFO blocks).
    std::os::unix::fs::symlink("x.yaml", root.join("link.yaml")).unwrap();
    let out = check(root);
    // Never opened, but reported (`repo/unreadable`) once, under its real path.
    assert_eq!(
        found(&out),
        [
            ("ks.yaml".to_owned(), "yaml/ambiguous-scalar".to_owned()),
            ("x.yaml".to_owned(), "repo/unreadable".to_owned()),
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_directory_and_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo(&[
        ("ks.yaml", NORWAY.as_bytes()),
        (
            "locked/inner.yaml",
            KS.replace("id: ks", "id: inner").as_bytes(),
        ),
        ("secret.yaml", KS.replace("id: ks", "id: secret").as_bytes()),
    ]);
    let root = dir.path();
    let locked = root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(
        root.join("secret.yaml"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    // Root (CI containers) reads through any mode; then there is nothing unreadable to test
    // beyond "no crash", and the files are read normally.
    let enforced = std::fs::read_dir(&locked).is_err();
    let out = check(root);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let found = found(&out);
    assert!(
        found.contains(&("ks.yaml".to_owned(), "yaml/ambiguous-scalar".to_owned())),
        "{found:?}"
    );
    if enforced {
        assert!(
            found.contains(&("secret.yaml".to_owned(), "repo/unreadable".to_owned())),
            "{found:?}"
        );
        // The locked directory is a finding too, never a silent skip (tests/gate.rs runs this
        // as an unprivileged user when the tests run as root).
        assert!(
            found.contains(&("locked".to_owned(), "repo/unreadable".to_owned())),
            "{found:?}"
        );
        assert_eq!(found.len(), 3, "{found:?}");
    } else {
        assert_eq!(found.len(), 1, "{found:?}");
    }
}

#[test]
fn one_bad_file_never_hides_the_others() {
    let deep = "[".repeat(100_000);
    let dir = repo(&[
        (
            "a-broken.yaml",
            b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: x\n",
        ),
        ("b-deep.yaml", deep.as_bytes()),
        ("c-latin1.yaml", b"name: B\xe6rum\n"),
        ("d-norway.yaml", NORWAY.as_bytes()),
        ("e-binary.yaml", b"\0\x01\x02"),
        (
            "f-schema.yaml",
            b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: f}\nspec: {type: kommune}\n",
        ),
    ]);
    let out = check(dir.path());
    assert_eq!(
        found(&out),
        [
            ("a-broken.yaml", "yaml/syntax"),
            ("b-deep.yaml", "yaml/limit"),
            ("c-latin1.yaml", "yaml/encoding"),
            ("d-norway.yaml", "yaml/ambiguous-scalar"),
            ("e-binary.yaml", "yaml/encoding"),
            ("f-schema.yaml", "schema/enum"),
        ]
        .map(|(f, r)| (f.to_owned(), r.to_owned()))
    );
}

/// The message of the setup error a check of `root` must end in.
fn setup_error(root: &Path) -> String {
    match egenregi::check(root, &Options::default()) {
        Err(egenregi::SetupError::Config(e)) => e
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        other => panic!("expected a broken-config error, got {other:?}"),
    }
}

/// Found by the fuzz stand-in: `egenregi.kdl` was handed to the recursive `kdl` parser without
/// a depth limit, so 2,000 nested blocks overflowed the main thread's stack (SIGABRT).
#[test]
fn deeply_nested_config_is_refused() {
    for n in [33, 2_000, 100_000] {
        let deep = "a {".repeat(n) + &"}".repeat(n);
        let dir = repo(&[
            ("egenregi.kdl", deep.as_bytes()),
            ("ks.yaml", KS.as_bytes()),
        ]);
        let message = setup_error(dir.path());
        assert!(message.contains("nest more than 32 deep"), "{n}: {message}");
    }
    // 32 levels are parsed (on a test thread's 2 MiB stack) and reported as what they are.
    let deep = "a {".repeat(32) + &"}".repeat(32);
    let dir = repo(&[("egenregi.kdl", deep.as_bytes())]);
    let message = setup_error(dir.path());
    assert!(message.contains("unknown setting `a`"), "{message}");
}

/// Found by the fuzz stand-in: KDL block comments nest, and the `kdl` parser recurses into
/// them. The depth check skipped comments, so 5,000 nested `/*` in `egenregi.kdl` overflowed
/// the main thread's stack, and 100,000 in a rule file overflowed even the compiler's 64 MiB.
#[test]
fn deeply_nested_block_comments_are_refused() {
    let comments = |n: usize| "/*".repeat(n) + &"*/".repeat(n) + "\n";
    for n in [33, 5_000, 100_000] {
        let dir = repo(&[("egenregi.kdl", comments(n).as_bytes())]);
        let message = setup_error(dir.path());
        assert!(message.contains("nest more than 32 deep"), "{n}: {message}");

        let dir = repo(&[
            ("egenregi.kdl", b"policies \"policies\"\n"),
            ("policies/deep.kdl", comments(n).as_bytes()),
        ]);
        let message = setup_error(dir.path());
        assert!(message.contains("nest more than 32 deep"), "{n}: {message}");
    }
    // 32 levels of comment are just a comment.
    let dir = repo(&[
        ("egenregi.kdl", comments(32).as_bytes()),
        ("ks.yaml", KS.as_bytes()),
    ]);
    assert_eq!(found(&check(dir.path())), []);
}

/// Found by the fuzz stand-in: each slashdash (`/-`) makes the `kdl` parser recurse into what
/// it comments out, the next slashdash included, and the depth check did not count them: 1,000
/// in a row in `egenregi.kdl` (332 in a debug build) overflowed the main thread's stack, 100,000
/// in a rule file the compiler's 64 MiB.
#[test]
fn long_slashdash_chains_are_refused() {
    let chains = |n: usize| {
        [
            "/- ".repeat(n) + "a\n",
            "a ".to_owned() + &"/- ".repeat(n) + "1\n",
            "a { ".to_owned() + &"/-\n".repeat(n) + "b }\n",
            "/- \\\n".repeat(n) + "a\n",
        ]
    };
    for n in [33, 1_000, 200_000] {
        for chain in chains(n) {
            let dir = repo(&[("egenregi.kdl", chain.as_bytes())]);
            let message = setup_error(dir.path());
            assert!(message.contains("nest more than 32 deep"), "{n}: {message}");

            let dir = repo(&[
                ("egenregi.kdl", b"policies \"policies\"\n"),
                ("policies/dashes.kdl", chain.as_bytes()),
            ]);
            let message = setup_error(dir.path());
            assert!(message.contains("nest more than 32 deep"), "{n}: {message}");
        }
    }
    // Commenting out many nodes one by one is fine.
    let config = "/- as-of \"2020-01-01\"\n".repeat(100) + "as-of \"2026-11-22\"\n";
    let dir = repo(&[
        ("egenregi.kdl", config.as_bytes()),
        ("ks.yaml", KS.as_bytes()),
    ]);
    assert_eq!(found(&check(dir.path())), []);
}

/// Found while fuzzing the config reader: `egenregi.kdl` was read with `read_to_string` and any
/// error taken for "no config". A Latin-1 byte silently dropped every setting (exit 0 where the
/// broken file must stop the check); a FIFO blocked the check forever; a link to `/dev/zero`
/// read until memory ran out; a link to `/etc/passwd` printed that file in the diagnostic.
#[cfg(unix)]
#[test]
fn config_is_read_as_hostile_input() {
    use std::os::unix::fs::symlink;
    let render = |root: &Path| {
        let err = egenregi::check(root, &Options::default()).unwrap_err();
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &err)
            .unwrap();
        out
    };

    let latin1 = b"as-of \"2026-11-22\" // B\xe6rum\n";
    let dir = repo(&[("egenregi.kdl", latin1)]);
    let at = latin1.iter().position(|&b| b == 0xe6).unwrap();
    let message = setup_error(dir.path());
    assert!(
        message.contains(&format!("not UTF-8 (byte offset {at})")),
        "{message}"
    );
    assert!(render(dir.path()).contains("as-of \"2026-11-22\" // B"));

    let dir = repo(&[("ks.yaml", KS.as_bytes())]);
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("egenregi.kdl"))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(setup_error(dir.path()).contains("not a regular file"));

    for target in ["/dev/zero", "/etc/passwd"] {
        let dir = repo(&[("ks.yaml", KS.as_bytes())]);
        symlink(target, dir.path().join("egenregi.kdl")).unwrap();
        assert!(setup_error(dir.path()).contains("outside the repository"));
        assert!(!render(dir.path()).contains("root:"), "{target}");
    }

    let dir = repo(&[("egenregi.kdl", &vec![b' '; 1024 * 1024 + 1])]);
    assert!(setup_error(dir.path()).contains("over 1048576 bytes"));

    // A link inside the repository is followed; a missing file is the defaults.
    let dir = repo(&[
        ("ks.yaml", KS.as_bytes()),
        ("conf/egenregi.kdl", b"as-of \"2026-11-22\"\n"),
    ]);
    symlink("conf/egenregi.kdl", dir.path().join("egenregi.kdl")).unwrap();
    assert_eq!(check(dir.path()).as_of.to_string(), "2026-11-22");
    let dir = repo(&[("ks.yaml", KS.as_bytes())]);
    assert_eq!(found(&check(dir.path())), []);
}

/// Every format of `out`, named.
fn every_format(out: &Outcome) -> Vec<(&'static str, String)> {
    use egenregi::report::{Format, HumanStyle, render};
    let color = HumanStyle {
        color: true,
        unicode: true,
        width: 100,
    };
    vec![
        ("human", render(out, Format::Human, HumanStyle::default())),
        ("human-color", render(out, Format::Human, color)),
        ("json", render(out, Format::Json, HumanStyle::default())),
        ("sarif", render(out, Format::Sarif, HumanStyle::default())),
        ("github", render(out, Format::Github, HumanStyle::default())),
        ("junit", render(out, Format::Junit, HumanStyle::default())),
        (
            "markdown",
            render(out, Format::Markdown, HumanStyle::default()),
        ),
        ("html", render(out, Format::Html, HumanStyle::default())),
    ]
}

/// Whether a character could hide or reorder output: C0 (but line break and tab), C1, DEL, bidi.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn control_and_bidi_characters_from_the_input_are_escaped_in_every_format() {
    // Values (YAML escapes: `\e` is ESC, `\x9b` the C1 CSI) with SGR 8 (hide the rest), a
    // right-to-left override, a C1 character and an attempt at a workflow command; a raw
    // right-to-left override and a raw ESC in the source itself; a file name with ESC in it.
    let values = "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: \"ks\\e[8mhidden\\u202Eevil\\x9b\\n::error file=x::pwned %0A\"\n  name: \"\\u2066KS\\u2069\\x7f\"\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n";
    let raw = "apiVersion: egenregi/v1\nkind: Entity\n# \u{202e}gnp.exe\nmetadata: {id: ok, name: \"a\u{1b}[8m\"}\nspec: {type: association, contracting_authority: true\n";
    let dir = repo(&[
        ("values.yaml", values.as_bytes()),
        ("raw.yaml", raw.as_bytes()),
        ("esc\u{1b}[8m.yaml", NORWAY.as_bytes()),
    ]);
    let out = check(dir.path());
    assert!(out.findings.len() >= 3, "{:#?}", out.findings);
    for (name, text) in every_format(&out) {
        // the colour theme writes its own ESC sequences: strip those (they all start `ESC [` and
        // end with `m`) and nothing may be left
        let text = if name == "human-color" {
            let mut s = String::new();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("\u{1b}[") {
                s.push_str(&rest[..i]);
                let end = rest[i..].find('m').map_or(rest.len(), |e| i + e + 1);
                // an SGR 8 would be the input's: it must not survive as an escape
                assert_ne!(&rest[i..end], "\u{1b}[8m", "{name}: raw SGR 8");
                rest = &rest[end..];
            }
            s.push_str(rest);
            s
        } else {
            text
        };
        // JSON and SARIF are read by programs, not people: their serializer escapes what JSON
        // cannot carry (C0), and a program sees a bidi control as the character it is.
        let machine = matches!(name, "json" | "sarif");
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                if machine {
                    c < ' ' && c != '\n'
                } else {
                    hidden(c)
                }
            })
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?}\n{text}");
        if !matches!(name, "json" | "sarif") {
            // escaped where it stood, not dropped (quick-junit strips ANSI sequences itself)
            // (Markdown escapes the `[` too)
            let escaped = if name == "markdown" {
                "ks\\u{1b}\\[8mhidden"
            } else {
                "ks\\u{1b}[8mhidden"
            };
            assert!(text.contains(escaped), "{name}: ESC is escaped\n{text}");
            assert!(text.contains("\\u{202e}"), "{name}: RLO is escaped\n{text}");
        }
    }
    // JSON and SARIF carry the same characters through their serializer (`\u001b`).
    let json = egenregi::report::render(
        &out,
        egenregi::report::Format::Json,
        egenregi::report::HumanStyle::default(),
    );
    assert!(json.contains("\\u001b"), "{json}");
    // GitHub: one command per finding (a repeated message once, counting the others), then the
    // summary; the value's line break and `%0A` stay inside the data of their command.
    let github = egenregi::report::render(
        &out,
        egenregi::report::Format::Github,
        egenregi::report::HumanStyle::default(),
    );
    let lines: Vec<&str> = github.lines().collect();
    let others: usize = lines
        .iter()
        .filter_map(|l| {
            l.split_once("%0Aand ")?
                .1
                .split_once(" more ")?
                .0
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert_eq!(lines.len() + others, out.findings.len() + 1, "{github}");
    for l in &lines[..lines.len() - 1] {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "{l}"
        );
    }
    assert!(!lines[lines.len() - 1].starts_with("::"), "{github}");
    assert!(
        github.contains("%0A::error file=x::pwned %250A"),
        "{github}"
    );
}

#[test]
fn cr_only_line_endings_count_lines_as_the_parser_does() {
    // Old Mac line endings: the YAML parser breaks lines at a bare CR, so the finding on `NO`
    // is on line 5, column 21, as an editor shows it, not on line 1.
    let text = NORWAY.replace('\n', "\r");
    let dir = repo(&[("cr.yaml", text.as_bytes())]);
    let out = check(dir.path());
    only(&out, "cr.yaml", "yaml/ambiguous-scalar");
    let json = egenregi::report::render(
        &out,
        egenregi::report::Format::Json,
        egenregi::report::HumanStyle::default(),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = &v["findings"][0];
    assert_eq!(
        (&f["line"], &f["column"]),
        (&5.into(), &21.into()),
        "{json}"
    );
    // and CR/LF counts each break once
    let dir = repo(&[("crlf.yaml", NORWAY.replace('\n', "\r\n").as_bytes())]);
    let out = check(dir.path());
    let f = only(&out, "crlf.yaml", "yaml/ambiguous-scalar");
    assert_eq!(
        out.sources
            .get(f.location.source)
            .line_col(f.location.span.start),
        (5, 21)
    );
}

#[test]
fn twenty_thousand_findings_of_one_rule_are_capped_and_counted() {
    // 20,000 copies of one key: 19,999 `yaml/duplicate-key` errors. Listed: the first 100,
    // then one `yaml/limit` error counting the other 19,899; the output stays small (it was
    // 13 MB of JSON) and the check still fails.
    let mut text = String::from(KS);
    text.push_str("x:\n");
    text.push_str(&"  a: 1\n".repeat(20_000));
    let dir = repo(&[("dup.yaml", text.as_bytes())]);
    let out = check(dir.path());
    let of = |rule: &str| out.findings.iter().filter(|f| f.rule == rule).count();
    assert_eq!(of("yaml/duplicate-key"), 100);
    assert_eq!(of("yaml/limit"), 1);
    let note = out
        .findings
        .iter()
        .find(|f| f.rule == "yaml/limit")
        .unwrap();
    assert_eq!(note.severity, egenregi::finding::Severity::Error);
    assert_eq!(note.data["not_listed"], 19_899);
    assert!(
        note.message
            .contains("19899 more `yaml/duplicate-key` findings"),
        "{}",
        note.message
    );
    // the baseline still counts every finding (the cap's own finding is none of them)
    assert_eq!(out.every_finding().count(), out.findings.len() - 1 + 19_899);
    for (name, text) in every_format(&out) {
        assert!(text.len() < 400_000, "{name}: {} bytes", text.len());
        assert!(text.contains("19899 more"), "{name}");
    }
}
