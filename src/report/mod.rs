//! Renderers: each output format is one file behind one function; none changes the findings.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::Outcome;
use sha2::{Digest, Sha256};

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Markdown,
    /// The reviewer's report (`egenregi report`).
    Html,
}

/// Options that only the human renderer reads.
#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
}

impl Default for HumanStyle {
    fn default() -> Self {
        Self {
            color: false,
            unicode: false,
            width: 100,
        }
    }
}

/// Where the CI formats will be read: the root's folder in its repository and, for SARIF, the
/// Azure Pipelines run that uploads it. The default: the root is the repository, no pipeline.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The root's folder in its repository: forward slashes, no leading or trailing `/`, empty
    /// for the top (`normalize_prefix`, `git_prefix`).
    pub path_prefix: String,
    pub pipeline: Option<sarif::Pipeline>,
}

/// Renders the outcome in `format`.
pub fn render(outcome: &Outcome, format: Format, style: HumanStyle) -> String {
    render_at(outcome, format, style, &Site::default())
}

/// Renders the outcome in `format`, with SARIF and GitHub annotation paths under the site's
/// path prefix. The other formats keep paths relative to the root.
pub fn render_at(outcome: &Outcome, format: Format, style: HumanStyle, site: &Site) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render_at(outcome, site),
        Format::Github => github::render_at(outcome, &site.path_prefix),
        Format::Junit => junit::render(outcome),
        Format::Markdown => markdown::render(outcome),
        Format::Html => html::render(outcome),
    }
}

/// The reviewer's report (`egenregi report`) in `format` (HTML or Markdown), in the language and
/// for the buyer `view` asks; any other format renders as [`render`] does.
pub fn render_report(outcome: &Outcome, format: Format, view: &html::View) -> String {
    match format {
        Format::Html => html::render_view(outcome, view),
        Format::Markdown => markdown::render_view(outcome, view),
        other => render(outcome, other, HumanStyle::default()),
    }
}

/// `path` (relative to the root) as seen from the repository root.
fn prefixed(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_owned()
    } else {
        format!("{prefix}/{path}")
    }
}

/// A `--path-prefix` as written by a user, in the form `render_at` takes: `./a/b/` → `a/b`,
/// `.` → empty, backslashes become `/`. `None` for an absolute path or one that leaves the
/// repository (`..`): neither names a folder inside it.
pub fn normalize_prefix(prefix: &str) -> Option<String> {
    let prefix = prefix.replace('\\', "/");
    if prefix.starts_with('/') || prefix.as_bytes().get(1) == Some(&b':') {
        return None;
    }
    let mut parts = Vec::new();
    for part in prefix.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The default path prefix: `root`'s path relative to the enclosing git work tree, found by
/// walking up to a directory that holds a `.git` entry (a directory, or a file in a worktree or
/// submodule) without running git. Empty when the root is the top or no work tree encloses it.
/// At most 64 levels are looked at.
pub fn git_prefix(root: &std::path::Path) -> String {
    let Ok(root) = std::fs::canonicalize(root) else {
        return String::new();
    };
    for dir in root.ancestors().take(64) {
        if dir.join(".git").symlink_metadata().is_ok() {
            let Ok(rel) = root.strip_prefix(dir) else {
                return String::new();
            };
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            return parts.join("/");
        }
    }
    String::new()
}

pub use crate::source::{is_hidden, push_escaped, visible};

/// A finding's message, help and legal basis as one plain text, for formats that carry a single
/// message per finding.
fn message_text(f: &crate::finding::Finding) -> String {
    let mut m = f.message.clone();
    if let Some(h) = &f.help {
        m.push_str("\nhelp: ");
        m.push_str(h);
    }
    if !f.legal_basis.is_empty() {
        m.push_str("\nlegal basis: ");
        m.push_str(&f.legal_basis.join("; "));
    }
    m
}

/// "1 error", "2 warnings".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The text of `egenregi explain RULE`; `citations` come from the catalogue (the jurisdiction
/// pack for a built-in rule, its own `cite` entries for a policy rule).
pub fn explain(rule: &crate::finding::Rule, citations: &[String]) -> String {
    let mut s = format!(
        "{}  [{}]\n{}\n\n{}\n",
        rule.id,
        rule.severity,
        rule.summary,
        // a policy rule's text keeps the line breaks of its KDL file: each paragraph is
        // rewrapped
        rule.explain
            .split("\n\n")
            .map(|p| textwrap::fill(&p.replace('\n', " "), 88))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    if !citations.is_empty() {
        s.push_str("\nLegal basis:\n");
        for c in citations {
            s.push_str(&format!("  - {c}\n"));
        }
        s.push_str("\nA finding is a flag for legal review, not legal advice.\n");
    }
    if !rule.waivable {
        s.push_str("\nThis rule cannot be waived.\n");
    }
    if !rule.params.is_empty() {
        s.push_str(&format!(
            "\nParameters (egenregi.kdl `rule \"{}\" ...`): {}\n",
            rule.id,
            crate::suggest::list(&rule.params)
        ));
    }
    if let Some(ex) = rule.example {
        s.push_str("\nFails:\n");
        s.push_str(&indent(&String::from_utf8_lossy(ex.fails)));
        s.push_str("\nPasses:\n");
        s.push_str(&indent(&String::from_utf8_lossy(ex.passes)));
    }
    s
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        out.push_str("    ");
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// What one rendering shows, and in which language.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub lang: Option<crate::i18n::Lang>,
    /// `report --buyer ID`: only this buyer's extract.
    pub buyer: Option<String>,
}

/// A control path in the words the renderers show: the links, each with the arrow before it.
/// The analyses write a link through a body as `→ general-meeting` and a sister relation as
/// `← x →`; joining those with another arrow doubled it (`m-e2 → → general-meeting`).
pub fn path_parts(path: &[String]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut next = "→";
    for link in path {
        let link = link.trim();
        if let Some(inner) = link.strip_prefix('←').and_then(|l| l.strip_suffix('→')) {
            out.push(("←", inner.trim().to_owned()));
            next = "→";
            continue;
        }
        let rest = link.strip_prefix('→').map_or(link, str::trim_start);
        for part in rest.split(" → ") {
            let part = part.trim();
            if !part.is_empty() {
                out.push((next, part.to_owned()));
            }
        }
        next = "→";
    }
    out
}

/// The path joined with its arrows, each link rendered by `show`.
pub fn path_text(path: &[String], show: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for (i, (arrow, part)) in path_parts(path).iter().enumerate() {
        if i > 0 {
            out.push(' ');
            out.push_str(arrow);
            out.push(' ');
        }
        out.push_str(&show(part));
    }
    out
}

/// The YAML files not read and why (`1 YAML file not read (1 excluded in egenregi.kdl)`), in
/// the reader's language; `None` when every file was read. A reviewer must see what the
/// verdicts did not read, not only the gate.
pub fn skipped_text(
    tr: &crate::i18n::Tr,
    skipped: crate::load::discover::Skipped,
) -> Option<String> {
    use fluent_bundle::FluentValue;
    let count = |n: usize| FluentValue::from(i64::try_from(n).unwrap_or(i64::MAX));
    let why: Vec<String> = [
        ("skipped-hidden", skipped.hidden),
        ("skipped-ignored", skipped.ignored),
        ("skipped-excluded", skipped.excluded),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(id, n)| tr.args(id, &[("count", count(n))]))
    .collect();
    (skipped.total() > 0).then(|| {
        tr.args(
            "skipped-files",
            &[
                ("count", count(skipped.total())),
                ("why", FluentValue::from(why.join(", "))),
            ],
        )
    })
}

/// How many decisions fail and how many are not assessed: a report whose findings were all
/// waived must still not read as clean above them.
pub fn open_decisions(outcome: &Outcome) -> (usize, usize) {
    use crate::analysis::decision::Verdict;
    let d = &outcome.figures.decisions;
    (
        d.iter().filter(|d| d.verdict == Verdict::Fails).count(),
        d.iter()
            .filter(|d| d.verdict == Verdict::NotAssessed)
            .count(),
    )
}

/// SHA-256 over every input file, sorted by path: each file adds its path, a NUL, its length
/// in bytes (8 bytes, little-endian) and its text. Anyone can recompute it from the same tree.
/// The rule packs shipped in the binary (`builtin:…`) are not input: the tool version names them.
pub fn input_digest(outcome: &Outcome) -> String {
    let mut files: Vec<_> = outcome
        .sources
        .iter()
        .map(|(_, f)| f)
        .filter(|f| !f.is_builtin())
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut h = Sha256::new();
    for f in files {
        h.update(f.path.as_bytes());
        h.update([0]);
        h.update((f.text.len() as u64).to_le_bytes());
        h.update(f.text.as_bytes());
    }
    sarif::hex(&h.finalize())
}
