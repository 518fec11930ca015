//! Renderers: each output format is one file behind one function; none changes the findings.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::Outcome;

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

/// Whether `c` can change how the text around it is shown: a C0 or C1 control character, DEL,
/// or a bidi control (embeddings, overrides, isolates and marks). Input text with one is
/// escaped ([`visible`]) before any renderer writes it, so a value cannot hide output behind
/// an ANSI escape or reorder what a reviewer reads.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Writes `c` as the text `\u{1b}`.
pub fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// `s` with every hidden character ([`is_hidden`]) written as `\u{1b}`, except line breaks and
/// tabs, which the formats that take this text allow. Borrows when there is nothing to escape.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden(c) && c != '\n' && c != '\t' {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

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
