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

/// Renders the outcome in `format`.
pub fn render(outcome: &Outcome, format: Format, style: HumanStyle) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
        Format::Junit => junit::render(outcome),
        Format::Markdown => markdown::render(outcome),
        Format::Html => html::render(outcome),
    }
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

/// The text of `egenregi explain RULE`; `citations` come from the jurisdiction pack.
pub fn explain(rule: &crate::finding::Rule, citations: &[String]) -> String {
    let mut s = format!(
        "{}  [{}]\n{}\n\n{}\n",
        rule.id,
        rule.severity,
        rule.summary,
        textwrap::fill(&rule.explain, 88)
    );
    if !citations.is_empty() {
        s.push_str("\nLegal basis (jurisdiction pack):\n");
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
