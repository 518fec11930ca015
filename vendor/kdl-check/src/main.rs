//! The vendored KDL parser (`../kdl`, with egenregi's patch) against the published kdl 6.7.1.
//!
//! ```sh
//! cd vendor/kdl-check
//! SUITE=$(echo ~/.cargo/registry/src/*/kdl-6.7.1/tests/test_cases/input)
//! # every file and snippet, and 400 mutations of each: same documents, same diagnostics?
//! cargo run --release -- diff ../../policies/*.kdl ../../policies/*/*.kdl \
//!     ../../examples/*/egenregi.kdl ../../tests/fixtures/policy/egenregi.kdl $SUITE/*.kdl
//! # the fixture of `tests/kdl_parser.rs`: inputs (the files in the shell's order, then the
//! # snippets) and the digests of what the *published* parser makes of them
//! cargo run --release -- fixture ../../tests/fixtures/kdl/upstream.jsonl $SUITE/*.kdl \
//!     ../../examples/ks-digital/egenregi.kdl
//! ```
//!
//! What a parse makes is written by `src/outcome.rs`, which `tests/kdl_parser.rs` includes.

#[macro_use]
mod outcome;

/// Snippets that reach what the patch changed: every kind of newline inside and after strings,
/// comments and escaped lines, and failures whose diagnostics carry a context's label.
const SNIPPETS: &[&str] = &[
    "node \"a\"\n",
    "node \"a\r\nb\"\n",
    "node \"a\rb\"",
    "node \"a\u{85}b\"",
    "node \"a\u{2028}b\" \"c\u{2029}\"",
    "node \"a\u{b}b\"\u{c}",
    "node \"unterminated\n",
    "node \"\"\"\n  multi\n  line\n  \"\"\"\n",
    "node \"\"\"not a newline\"\"\"",
    "node \"\"\"\r\n  a\u{2028}  b\r\n  \"\"\"",
    "node #\"raw \\n\"#\n",
    "node #\"\"\"\n  raw\n  \"\"\"#",
    "node #\"\"\"#",
    "// comment at the end",
    "// comment\r\nnode\u{2028}other // trailing\u{85}",
    "/* block /* nested */ */ node",
    "/* unterminated",
    "node /- \"skipped\" kept=1",
    "/-node { child }\nnode2",
    "node \\\n  continued",
    "node \\ // comment\n  continued",
    "node \\",
    "node { child \"a\"; other 1 }",
    "node { child",
    "node }",
    "node 0x1F 0o17 0b101 1.5e3 -2 +3 #inf #-inf #nan #true #false #null",
    "node 0x 0o9 0b2 1.e3 1._5",
    "node \"\\u{1F600}\\t\\\\\\\"\\s\"",
    "node \"\\x\"",
    "node \"\\u{110000}\"",
    "(type)node (u8)1 key=(t)\"v\"",
    "node key=",
    "node =value",
    "\u{feff}node",
    "node\u{0}",
    "node \u{7f}",
    "rule \"x\" {\n  kind \"Entity\"\n  expr \"spec.owners.all(o, o.share > 0)\"\n  message \"owners hold shares\"\n}\n",
    "as-of \"2026-11-22\"\njurisdiction \"no\"\nrules {\n  \"inhouse/activity\" severity=\"warning\"\n}\n",
    "paths { exclude \"drafts/**\" \"vendor/**\" } // globs",
    "a; b; c",
    "a;;",
    "\n\n\r\n\u{2028}",
    "",
];

/// Deterministic mutations of `text`: characters deleted, repeated, or pieces of KDL syntax put in.
fn mutations(text: &str, count: usize, seed: &mut u64) -> Vec<String> {
    const PIECES: &[&str] = &[
        "\n", "\r\n", "\r", "\u{2028}", "\u{85}", "\"", "\"\"\"", "//", "/*", "*/", "/-", "\\",
        "#", "{", "}", ";", "=", " ", "\t", "(", ")", "\u{feff}", "\u{0}", "é", "1.5e3", "0x1F",
        "#true", "#null", "#\"", "\"#",
    ];
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed as usize
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for _ in 0..count {
        let mut c = chars.clone();
        for _ in 0..1 + next() % 3 {
            let at = if c.is_empty() { 0 } else { next() % c.len() };
            match next() % 3 {
                0 if !c.is_empty() => {
                    c.remove(at);
                }
                1 => {
                    for (k, ch) in PIECES[next() % PIECES.len()].chars().enumerate() {
                        c.insert((at + k).min(c.len()), ch);
                    }
                }
                _ if !c.is_empty() => {
                    let ch = c[next() % c.len()];
                    c.insert(at, ch);
                }
                _ => c.push('\n'),
            }
        }
        out.push(c.into_iter().collect());
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    match args.first().map(String::as_str) {
        Some("diff") => {
            let (mut n, mut rejected, mut differ) = (0u64, 0u64, 0u64);
            let files = args[1..]
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok());
            for text in files.chain(SNIPPETS.iter().map(|s| (*s).to_owned())) {
                let mut inputs = mutations(&text, 400, &mut seed);
                inputs.push(text);
                for input in inputs {
                    n += 1;
                    let (a, b) = (outcome!(upstream, &input), outcome!(patched, &input));
                    rejected += u64::from(a.starts_with("err"));
                    if a != b {
                        differ += 1;
                        eprintln!("differ on {input:?}:\n--- upstream\n{a}\n--- patched\n{b}");
                    }
                }
            }
            println!("{n} inputs, {rejected} rejected by both, {differ} differ");
            std::process::exit(i32::from(differ > 0));
        }
        Some("fixture") if args.len() >= 2 => {
            let mut lines = String::new();
            let files = args[2..]
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok());
            let mut inputs = Vec::new();
            for text in files {
                inputs.extend(mutations(&text, 1, &mut seed));
                inputs.push(text);
            }
            for s in SNIPPETS {
                inputs.extend(mutations(s, 6, &mut seed));
                inputs.push((*s).to_owned());
            }
            for input in inputs {
                let digest = outcome::digest(&outcome!(upstream, &input));
                lines.push_str(
                    &serde_json::json!({ "input": input, "upstream": digest }).to_string(),
                );
                lines.push('\n');
            }
            std::fs::write(&args[1], lines).expect("the fixture can be written");
        }
        _ => {
            eprintln!("usage: kdl-check diff FILE... | kdl-check fixture OUT FILE...");
            std::process::exit(2);
        }
    }
}
