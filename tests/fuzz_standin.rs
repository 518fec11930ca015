//! The fuzz targets' stand-in in `cargo test` (the real ones are in `fuzz/`, for cargo-fuzz on
//! nightly): proptest feeds random and mutated YAML and KDL through the same harness the fuzz
//! targets use (`fuzz/src/lib.rs`), and a few repositories through `egenregi::check` and every
//! renderer. A case passes when nothing panics, every span stays inside its source, and the case
//! ends within `BOUND`.
//!
//! The default case counts keep the file at a few seconds in a debug build; for a longer run:
//!
//! ```sh
//! EGENREGI_FUZZ_CASES=2000 cargo test --release --test fuzz_standin
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]
#![allow(clippy::format_collect, reason = "inputs built in the test")]

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use harness::Harness;
use proptest::prelude::*;
use proptest::sample::Index;

/// The most one case may take, even in a debug build on a busy machine: far above what any case
/// needs (milliseconds), far below what unbounded work (exponential aliases, backtracking) takes.
const BOUND: Duration = Duration::from_secs(20);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `EGENREGI_FUZZ_CASES` or the default.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("EGENREGI_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn bounded<T>(what: &str, input: &[u8], run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = run();
    let took = start.elapsed();
    assert!(
        took < BOUND,
        "{what} took {took:?} on {} bytes: {:?}",
        input.len(),
        String::from_utf8_lossy(&input[..input.len().min(300)])
    );
    out
}

/// One harness per test thread: compiling the shipped packs is the slow part of a case.
fn with_harness<T>(f: impl FnOnce(&Harness) -> T) -> T {
    thread_local! {
        static HARNESS: Harness = Harness::new(repo());
    }
    HARNESS.with(f)
}

/// Every file under `dir` (recursively) whose name ends in `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The YAML the mutations start from: the examples, clean, broken and unreadable.
fn yaml_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds: Vec<Vec<u8>> = [
            "examples/ks-digital",
            "examples/broken",
            "examples/broken-input",
        ]
        .iter()
        .flat_map(|d| files(&repo().join(d), ".yaml"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
        assert!(seeds.len() > 20, "{} YAML seeds", seeds.len());
        seeds.push(Vec::new());
        seeds
    })
}

/// The KDL the mutations start from: the configs, the jurisdiction pack, and the shipped
/// infrastructure rules under ids of their own (so that they compile next to the originals and
/// are evaluated).
fn kdl_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let read = |p: &str| std::fs::read_to_string(repo().join(p)).unwrap();
        let rules = read("policies/infrastructure.kdl").replace("rule \"", "rule \"fuzz-");
        let mut seeds: Vec<Vec<u8>> = rules
            .split("\nrule ")
            .skip(1)
            .map(|r| format!("rule {r}").into_bytes())
            .collect();
        assert!(seeds.len() > 5, "{} rules", seeds.len());
        seeds.push(rules.into_bytes());
        for p in [
            "examples/ks-digital/egenregi.kdl",
            "examples/broken/egenregi.kdl",
            "tests/fixtures/policy/egenregi.kdl",
            "policies/jurisdictions/no.kdl",
        ] {
            seeds.push(read(p).into_bytes());
        }
        seeds.push(
            b"as-of \"2026-11-22\"\njurisdiction \"no\"\npaths { exclude \"drafts/**\" }\n\
              rule \"service/ros-fresh\" severity=\"warning\" max-age-days=540\n\
              threshold \"activity-margin\" 5\npolicies \"policies\"\n"
                .to_vec(),
        );
        seeds
    })
}

/// YAML fragments that reach the loader's corners: anchors, aliases, merge keys, tags,
/// documents, block scalars, flow collections, the Norway problem, BOMs, NULs, tabs.
const YAML_TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "&b [*a, *a, *a, *a, *a, *a, *a, *a]",
    "<<: *a\n",
    "!Ref ",
    "!!str ",
    "!!binary ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    ", ",
    "? ",
    "\t",
    "\n",
    "\r\n",
    "  ",
    "\n---\n",
    "\n...\n",
    "%YAML 1.2\n---\n",
    "%TAG ! tag:x,2026:\n---\n",
    "\u{feff}",
    "\0",
    "'",
    "\"",
    "\\",
    "#",
    "|\n  ",
    ">-\n  ",
    "NO",
    "~",
    "null",
    "0x1F",
    "1e999",
    "-.inf",
    ".nan",
    "0o17",
    "2026-13-45",
    "99999999999999999999999",
    "é",
    "\u{2028}",
    "\u{10ffff}",
    "\u{85}",
    "apiVersion: egenregi/v1\n",
    "kind: Waiver\n",
    "kind: Entity\n",
    "metadata: {id: x}\n",
    "spec:\n",
];

/// KDL fragments: nodes and entries of the config and rule languages, KDL v2 syntax corners.
const KDL_TOKENS: &[&str] = &[
    "rule \"team/x\" severity=\"warning\" {\n",
    "select kind=\"Service\" ",
    "select kind=\"Tenant\" { ",
    "assert \"spec.sla.availability\" min=99.5\n",
    "assert \"spec.depends_on[*]\" ref kind=\"Service\" as=\"dep\"\n",
    "assert \"spec.depends_on\" acyclic\n",
    "assert \"@ref.spec.lifecycle.stage\" none-of=\"retired\"\n",
    "assert \".\" matches=\"(a+)+$\"\n",
    "assert \"spec.x\" max-duration=\"4h\" max-age-days=(param)\"d\"\n",
    "expr \"self.spec.x.exists(y, y.all(z, z > 1))\"\n",
    "expr \"docs.Tenant.size() > 0 && as_of > '2026'\"\n",
    "each \"spec.subscriptions[*]\" { ",
    "when \".\" ref kind=\"Service\" { ",
    "when expr=\"has(self.spec)\" { ",
    "param \"d\" 365\n",
    "message=\"{value} {path} {cycle} {as-of} {metadata.id}\" ",
    "at=\"spec\" ",
    "example-fails #\"\"\"\n    apiVersion: egenregi/v1\n    \"\"\"#\n",
    "summary \"s\"\nhelp \"h\"\n",
    "as-of \"2026-02-30\"\n",
    "jurisdiction \"se\"\n",
    "paths { exclude \"[\" \"**\" }\n",
    "policies \"../etc\"\n",
    "policies \"policies\"\n",
    "threshold \"activity-margin\" -1\n",
    "threshold \"below-threshold-value\" 1e400\n",
    "rule \"service/ros-fresh\" max-age-days=#nan\n",
    "{",
    "}",
    ";",
    "/-",
    "/*",
    "*/",
    "//",
    "\"",
    "#\"",
    "\"#",
    "\"\"\"",
    "(type)",
    "#true",
    "#null",
    "#inf",
    "0x_ff",
    "1_000.5e-3",
    "\\",
    "=",
    "\u{feff}",
    "\u{2028}",
    "\u{a0}",
    "\n",
    " ",
];

/// One edit of a seed.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(Index, usize),
    Bytes(Index, Vec<u8>),
    Delete(Index, usize),
    Duplicate(Index, Index, usize),
    Flip(Index, u8),
}

fn mutation(tokens: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), 0..tokens).prop_map(|(at, t)| Mutation::Insert(at, t)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Mutation::Bytes(at, b)),
        2 => (any::<Index>(), 1..64usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => (any::<Index>(), any::<Index>(), 1..256usize)
            .prop_map(|(from, to, n)| Mutation::Duplicate(from, to, n)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
    ]
}

fn mutate(seed: &[u8], edits: &[Mutation], tokens: &[&str]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for edit in edits {
        let at = |i: &Index, b: &Vec<u8>| i.index(b.len() + 1);
        match edit {
            Mutation::Insert(i, t) => {
                let p = at(i, &b);
                b.splice(p..p, tokens[*t].bytes());
            }
            Mutation::Bytes(i, bytes) => {
                let p = at(i, &b);
                b.splice(p..p, bytes.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let p = at(i, &b);
                b.drain(p..(p + n).min(b.len()));
            }
            Mutation::Duplicate(from, to, n) => {
                let p = at(from, &b);
                let chunk = b[p..(p + n).min(b.len())].to_vec();
                let q = at(to, &b);
                b.splice(q..q, chunk);
            }
            Mutation::Flip(i, byte) => {
                if !b.is_empty() {
                    let p = i.index(b.len());
                    b[p] = *byte;
                }
            }
        }
    }
    b
}

fn mutated(
    seeds: fn() -> &'static [Vec<u8>],
    tokens: &'static [&'static str],
) -> BoxedStrategy<Vec<u8>> {
    (
        any::<Index>(),
        prop::collection::vec(mutation(tokens.len()), 0..12),
    )
        .prop_map(move |(seed, edits)| {
            let seeds = seeds();
            mutate(&seeds[seed.index(seeds.len())], &edits, tokens)
        })
        .boxed()
}

/// Token soup: a sequence of fragments, now and then a random byte.
fn soup(tokens: &'static [&'static str]) -> BoxedStrategy<Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            8 => (0..tokens.len()).prop_map(move |t| tokens[t].as_bytes().to_vec()),
            1 => any::<u8>().prop_map(|b| vec![b]),
            1 => "[a-z_.@*-]{1,12}".prop_map(String::into_bytes),
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
    .boxed()
}

/// Deep nesting of block and flow collections, mixed, with an anchor and aliases at the bottom.
fn deep_yaml() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(0..5usize, 0..300),
        any::<bool>(),
        0..4usize,
    )
        .prop_map(|(levels, close, aliases)| {
            let mut out = String::new();
            let mut closers = Vec::new();
            for (depth, level) in levels.iter().enumerate() {
                match level {
                    0 => {
                        out.push('[');
                        closers.push("]");
                    }
                    1 => {
                        out.push_str("{k: ");
                        closers.push("}");
                    }
                    2 => out.push_str("- "),
                    3 => {
                        out.push_str("k:\n");
                        out.push_str(&" ".repeat(depth + 1));
                    }
                    _ => out.push_str("? "),
                }
            }
            out.push_str("&leaf x");
            for _ in 0..aliases {
                out.push_str(", *leaf");
            }
            if close {
                closers.reverse();
                out.push_str(&closers.concat());
            }
            out.push('\n');
            out.into_bytes()
        })
}

/// Aliases of aliases (the billion-laughs shape) with random width and depth, sometimes as
/// merge keys, in an otherwise valid document.
fn anchors() -> impl Strategy<Value = Vec<u8>> {
    (1..12usize, 1..12usize, any::<bool>()).prop_map(|(levels, width, merge)| {
        let mut text = String::from(
            "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: lol}\nspec:\n  type: association\n  contracting_authority: true\n  labels:\n    l0: &l0 {a: lol}\n",
        );
        for level in 1..=levels {
            let prev = level - 1;
            if merge {
                text += &format!("    l{level}: &l{level}\n      <<: *l{prev}\n");
                for w in 0..width {
                    text += &format!("      k{w}: *l{prev}\n");
                }
            } else {
                let items = vec![format!("*l{prev}"); width].join(", ");
                text += &format!("    l{level}: &l{level} [{items}]\n");
            }
        }
        text.into_bytes()
    })
}

/// Deep KDL: braces, block comments, slashdash chains (plain, across lines, continued lines),
/// slashdashed blocks, type annotations.
fn deep_kdl() -> impl Strategy<Value = Vec<u8>> {
    (0..7usize, 0..3000usize).prop_map(|(kind, n)| {
        let text = match kind {
            0 => "a {".repeat(n) + &"}".repeat(n),
            1 => "/*".repeat(n) + &"*/".repeat(n),
            2 => {
                "rule \"team/x\" { ".to_owned()
                    + &"when \".\" exists { ".repeat(n)
                    + &"}".repeat(n + 1)
            }
            3 => "/- ".repeat(n) + "a",
            4 => "a ".to_owned() + &"/-\n".repeat(n) + "1",
            5 => "/- \\\n".repeat(n) + "a",
            _ => "/- a { ".repeat(n) + &"}".repeat(n),
        };
        text.into_bytes()
    })
}

/// Inputs large enough to reach the budgets (up to 256 KB, the loader target's `-max_len`): a
/// long string aliased many times, many documents that each expand, one long line of keys and
/// ambiguous scalars, a large mapping with duplicate keys, findings under a long key.
fn large_yaml() -> impl Strategy<Value = Vec<u8>> {
    (0..5usize, 1..4000usize, 1..60usize).prop_map(|(kind, n, width)| {
        let text = match kind {
            0 => format!(
                "s: &s \"{}\"\nl: [{}]\n",
                "x".repeat(width * 1000),
                vec!["*s"; n].join(", ")
            ),
            1 => vec![
                format!(
                    "a: &a [{}]\nb: [{}]\n",
                    vec!["x"; width].join(", "),
                    vec!["*a"; width].join(", ")
                );
                n.min(1200)
            ]
            .join("---\n"),
            2 => format!(
                "{{{}}}\n",
                (0..n * 4)
                    .map(|i| format!("k{}: no", i % (n + 1)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            3 => (0..n * 4).map(|i| format!("k{}: {i}\n", i % (n * 2 + 1))).collect(),
            _ => format!(
                "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: x}}\nspec:\n  ? {}\n  :\n{}",
                "k".repeat(width * 1000),
                "    - no\n".repeat(n * 4)
            ),
        };
        text.into_bytes()
    })
}

fn any_yaml() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        6 => mutated(yaml_seeds, YAML_TOKENS),
        2 => soup(YAML_TOKENS),
        1 => prop::collection::vec(any::<u8>(), 0..1024),
        1 => deep_yaml(),
        1 => anchors(),
        1 => large_yaml(),
    ]
    .boxed()
}

fn any_kdl() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        6 => mutated(kdl_seeds, KDL_TOKENS),
        2 => soup(KDL_TOKENS),
        1 => prop::collection::vec(any::<u8>(), 0..512),
        1 => deep_kdl(),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn yaml_through_the_loader_and_every_stage_after_it(input in any_yaml()) {
        bounded("the YAML pipeline", &input, || with_harness(|h| h.yaml(&input)));
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn kdl_as_config_and_as_rule_file(input in any_kdl()) {
        bounded("the KDL readers", &input, || with_harness(|h| h.kdl(&input)));
    }
}

/// CEL that costs: nested comprehensions over the documents, `in`, `matches()` with fixed
/// and computed patterns, `+` on lists.
const CEL_TOKENS: &[&str] = &[
    "expr \"docs.Tenant.all(t, docs.Service.exists(s, s.metadata.id == t.metadata.id))\"\n",
    "expr \"docs.Entity.all(e, e.metadata.id in docs.Entity.map(x, x.metadata.id))\"\n",
    "expr \"self.metadata.id.matches('^[a-z-]+$') && matches(self.metadata.id, self.metadata.id)\"\n",
    "expr \"size(docs.Service + docs.Service) > 0\"\n",
    "expr \"self.spec.exists(k, self.spec.all(j, j != k || true))\"\n",
    "assert \"metadata.id\" matches=\"\\\\w{10}\"\n",
    "assert \"metadata.name\" matches=\"(a|b)*c{1,1000}\"\n",
    "select kind=\"Tenant\" {\n",
    "select kind=\"Entity\" where=\"spec.type\" equals=\"association\" {\n",
    "}\n",
];

/// Rule files: the seeds' rules, mutated with rule and CEL fragments, and up to 300 copies of a
/// costly rule (toward the regex and CEL budgets; the rule-count limit has its own test in
/// `tests/hostile_policy.rs`, as 2,000 rules take a debug build longer than `BOUND`).
fn any_rules() -> BoxedStrategy<Vec<u8>> {
    fn tokens() -> &'static [&'static str] {
        static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
        ALL.get_or_init(|| KDL_TOKENS.iter().chain(CEL_TOKENS).copied().collect())
    }
    let many = (1..300usize, 0..CEL_TOKENS.len()).prop_map(|(n, t)| {
        (0..n)
            .map(|i| {
                format!(
                    "rule \"fuzz/r{i}\" severity=\"note\" {{\n    summary \"r\"\n    select kind=\"Service\"\n    {}}}\n",
                    CEL_TOKENS[t]
                )
            })
            .collect::<String>()
            .into_bytes()
    });
    let mutated_rules = (
        any::<Index>(),
        prop::collection::vec(mutation(tokens().len()), 0..12),
    )
        .prop_map(|(seed, edits)| {
            let seeds = kdl_seeds();
            mutate(&seeds[seed.index(seeds.len())], &edits, tokens())
        });
    prop_oneof![6 => mutated_rules, 1 => many].boxed()
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn rule_files_through_the_compiler_and_the_evaluator(input in any_rules()) {
        bounded("the policy compiler and evaluator", &input, || with_harness(|h| h.policy(&input)));
    }
}

#[test]
fn the_xml_check_refuses_what_a_parser_refuses() {
    use harness::well_formed_xml;
    assert!(
        well_formed_xml("<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\"><b/>t &#233;</a>").is_ok()
    );
    for bad in [
        "<a><b></a>",
        "<a>\u{1b}[8m</a>",
        "<a>&#27;</a>",
        "<a x=1/>",
        "<a>1 < 2</a>",
        "<a>&nope;</a>",
        "<a>",
        "<a/><b/>",
    ] {
        assert!(well_formed_xml(bad).is_err(), "{bad}");
    }
}

proptest! {
    #![proptest_config(config(12))]

    /// The real entry point and every renderer, on a repository of two mutated files, a
    /// mutated config and a rule file; JSON and SARIF must parse, JUnit must be well-formed.
    #[test]
    fn whole_check_and_every_format(
        a in any_yaml(),
        b in mutated(yaml_seeds, YAML_TOKENS),
        kdl in mutated(kdl_seeds, KDL_TOKENS),
        rules in any_rules(),
    ) {
        // one input, as the `repository` fuzz target reads it
        let kdl = [b"policies \"policies\"\n".as_slice(), &kdl].concat();
        let sep = harness::FILE_SEPARATOR;
        let input = [a.as_slice(), sep, &b, sep, &kdl, sep, &rules].concat();
        let files = Harness::split(&input);
        if input.windows(2).filter(|w| *w == sep).nth(3).is_none() {
            prop_assert_eq!(
                files.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
                harness::REPOSITORY_FILES
            );
            prop_assert_eq!(files[3].1, rules.as_slice());
        }
        bounded("the whole check", &input, || with_harness(|h| h.repository(&files)));
    }
}
