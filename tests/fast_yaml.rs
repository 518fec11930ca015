//! `load::fast` reads the plain subset of YAML to the same events, with the same byte ranges, as
//! granit-parser, and gives up on anything else (so granit reads it, as before). Checked on every
//! YAML file of the examples and the tests, on a generated corpus, on hand-picked edge cases, and
//! on thousands of small edits of real files: for each, either the fast scanner gives up, or
//! granit reads the text without error and gives exactly the same events and ranges.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a panic in a test is a failed test"
)]

mod common;
#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "the generator's command line is not used here")]
mod gen_corpus;

use std::path::{Path, PathBuf};

use egenregi::load::fast;

/// Whether the fast scanner read `src`; panics when it read it otherwise than granit does.
fn agree(src: &str, what: &dyn std::fmt::Display) -> bool {
    fast::agrees_with_granit(src, 64).unwrap_or_else(|e| panic!("{what}: {e}\n{src}"))
}

fn granit(src: &str) -> Option<Vec<(granit_parser::Event<'_>, std::ops::Range<usize>)>> {
    fast::granit_events(src, 64)
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

#[test]
fn every_yaml_file_of_the_repository_reads_alike_or_is_left_to_granit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("examples"), &mut files);
    yaml_files(&root.join("tests"), &mut files);
    assert!(files.len() > 50, "{} files", files.len());
    let mut read = 0;
    for f in &files {
        // Some fixtures are not UTF-8 on purpose.
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        read += usize::from(agree(&src, &f.display()));
    }
    // The clean example is in the subset, file by file: the fast path is what a user runs.
    let mut example = Vec::new();
    yaml_files(&root.join("examples/ks-digital"), &mut example);
    for f in &example {
        let src = std::fs::read_to_string(f).unwrap();
        assert!(
            fast::scan(&src, 64).is_some(),
            "{} is left to granit",
            f.display()
        );
    }
    assert!(read >= example.len());
}

#[test]
fn a_generated_corpus_reads_alike() {
    let dir = tempfile::tempdir().unwrap();
    let config = gen_corpus::Config {
        scale: 0.1,
        faults: 20,
        seed: 11,
        providers: 3,
    };
    gen_corpus::generate(dir.path(), &config).unwrap();
    let mut files = Vec::new();
    yaml_files(dir.path(), &mut files);
    let mut read = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        read += usize::from(agree(&src, &f.display()));
    }
    // The injected faults (a misspelt field, a bad enum value, a duplicate key, a dangling id,
    // a Norway scalar) are all inside the subset: every file is read by the fast path.
    assert_eq!(read, files.len());
}

/// Texts at the edge of the subset, each either read alike or left to granit.
const EDGES: &[&str] = &[
    "a: 1\n",
    "a: 1",
    "# only a comment\n\n",
    "",
    "\n\n",
    "a: b # c\n",
    "a: b#c\n",
    "a: b  \n",
    "a:  b  # c\n",
    "a: -1\n",
    "a: :x\n",
    "a: x:\n",
    "a: x: y\n",
    "a: http://example.org/x\n",
    "a: members-of:ks\n",
    "key:value\n",
    "a:\n",
    "a:\nb: 1\n",
    "a: # c\n  b: 1\n",
    "a: b\n  c\n",
    "a: 1\n b: 2\n",
    "  a: 1\n  b: 2\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n  b: 1\nc: 2\n",
    "a:\n- x\n- y\nb: z\n",
    "a:\n  - x\n  - y\nb: z\n",
    "a:\n    - x\n    - y\n  b: z\n",
    "a:\n- b: 1\n  c: 2\n- d\n",
    "a:\n  - b: 1\n    c: 2\n  - d: 3\n",
    "a:\n  - b: 1\n    c:\n      - x\n      - y\n  - d: 3\n",
    "a:\n  - b: 1\n    c:\n    - x\n    - y\n  - d: 3\n",
    "a:\n  - b:\n      c: 1\n",
    "- a\n- b\n",
    "- - a\n",
    "a:\n  -\n    b: 1\n",
    "a:\n  - [x, y]\n  - {k: v}\n",
    "a: [1,\n  2]\n",
    "a: [a, b]\n",
    "a: [ a , b ]\n",
    "a: []\n",
    "a: [ ]\n",
    "a: {}\n",
    "a: { }\n",
    "a: [a, ]\n",
    "a: [, a]\n",
    "a: [a,,b]\n",
    "a: [a b, c]\n",
    "a: [members-of:ks]\n",
    "a: [a:b]\n",
    "a: [a: b]\n",
    "a: [a:]\n",
    "a: {a:b}\n",
    "a: {a: b}\n",
    "a: {a: }\n",
    "a: {a}\n",
    "a: {\"a\": b, 'c': d}\n",
    "a: {[x]: y}\n",
    "a: {b: [1, 2], c: {d: e}}\n",
    "a: [{b: 1}, {c: \"x\"}]\n",
    "a: [a] # c\n",
    "a: [a]b\n",
    "a: [a #c]\n",
    "a: 'single'\n",
    "a: 'it''s'\n",
    "a: '' \n",
    "a: \"\"\n",
    "a: \"x\\ny\"\n",
    "a: \"x\" y\n",
    "a: \"x\"#c\n",
    "a: \"x\" #c\n",
    "a: \"x # y\"\n",
    "a: \"open\n",
    "\"a\": b\n",
    "a b: c\n",
    "a : b\n",
    "a.b/c-d_e: f\n",
    "1: one\n",
    "a: ~\n",
    "a: null\n",
    "a: no\n",
    "a: æøå\n",
    "a: \"æøå\"\n",
    "æ: b\n",
    "a: b\u{85}c\n",
    "a: b\u{2028}c\n",
    "\u{feff}a: 1\n",
    "a: 1\r\n",
    "\ta: 1\n",
    "a:\t1\n",
    "a: &x 1\n",
    "a: *x\n",
    "a: !t 1\n",
    "a: |\n  x\n",
    "a: >\n  x\n",
    "a: ? x\n",
    "a: @x\n",
    "a: `x\n",
    "a: %x\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n...\n",
    "---\na: 1\n",
    "--- \na: 1\n",
    "---\n---\na: 1\n",
    "a: 1\n---\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n--- # c\nb: 2\n",
    "# c\n---\n# d\na: 1\n# e\n",
    "a:\n  b: 1\n# c\n\n",
    "a:\n  b: 1\n  # c\n  c: 2\n",
    "a:\n  b:\n    c:\n      d: 1\n",
    "x: [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]\n",
];

#[test]
fn the_edges_of_the_subset_read_alike_or_are_left_to_granit() {
    let mut read = 0;
    for (i, text) in EDGES.iter().enumerate() {
        read += usize::from(agree(text, &format!("edge {i}")));
    }
    // Most of these are outside the subset on purpose; the rest are read.
    assert!(read > 40, "{read}");
}

/// A small deterministic generator (xorshift), so every run tries the same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap()
    }
}

/// What an edit may insert: YAML's indicators, blanks, line breaks, letters, a tab, a
/// non-ASCII letter.
const INSERTS: &[&str] = &[
    " ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "\"", "'", "[", "]", "{", "}", ",", "\t",
    "|", ">", "&", "*", "!", "?", "x", "\\", "æ", "---\n", "~", "%", "@", "`",
];

#[test]
fn thousands_of_edits_of_real_files_read_alike_or_are_left_to_granit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("examples/ks-digital"), &mut files);
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut tried, mut read) = (0, 0);
    for round in 0..20_000 {
        let base = &texts[round % texts.len()];
        // A window of the file around a random line keeps each edit cheap to read twice.
        let lines: Vec<&str> = base.split_inclusive('\n').collect();
        let from = rng.below(lines.len());
        let mut text: String = lines[from..(from + 12).min(lines.len())].concat();
        for _ in 0..=rng.below(2) {
            let at = rng.below(text.len() + 1);
            let at = (0..=at)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            match rng.below(4) {
                0 => {
                    let ins = INSERTS[rng.below(INSERTS.len())];
                    text.insert_str(at, ins);
                }
                1 => {
                    if let Some(c) = text[at..].chars().next() {
                        text.replace_range(at..at + c.len_utf8(), "");
                    }
                }
                2 => {
                    // Indent or unindent the line the edit falls on.
                    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    if rng.below(2) == 0 {
                        text.insert_str(start, "  ");
                    } else if text[start..].starts_with(' ') {
                        text.remove(start);
                    }
                }
                _ => {
                    // Duplicate the line the edit falls on.
                    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                    let line = text[start..end].to_owned();
                    text.insert_str(end, &line);
                }
            }
        }
        tried += 1;
        read += usize::from(agree(&text, &format!("edit {round}")));
    }
    // The edits leave a fifth or more of the texts in the subset, so both sides are exercised.
    assert!(read * 5 > tried, "{read} of {tried}");
    assert!(read < tried, "{read} of {tried}");
}

#[test]
fn a_file_nesting_half_as_deep_as_the_limit_is_left_to_granit() {
    // Three levels: the root, `a`'s mapping and the flow sequence. With a limit of 64 the fast
    // scanner reads it; with a limit of 4 (three is more than half of it) it leaves it to
    // granit, so the loader reports a low limit as it always has.
    let text = "a:\n  b: [1]\n";
    assert!(fast::scan(text, 64).is_some());
    assert!(fast::scan(text, 6).is_some());
    assert!(fast::scan(text, 4).is_none());
    let deep = format!("x: {}1{}\n", "[".repeat(40), "]".repeat(40));
    assert!(fast::scan(&deep, 64).is_none());
    assert!(
        granit(&deep).is_some(),
        "granit reads 40 levels under its 64"
    );
}
