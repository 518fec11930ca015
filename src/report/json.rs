//! `--format json`, version 1 (DESIGN §7). Fields may be added; none is removed or renamed
//! without a version bump.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::Outcome;
use crate::finding::{Finding, Severity};

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    as_of: String,
    root: &'a str,
    /// `check FILE...`: the paths (relative to the root) whose findings are shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    paths: Option<&'a [String]>,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    waived: Vec<Waived<'a>>,
    /// Findings `--baseline` accepted, in the same form as `findings`.
    baselined: Vec<JsonFinding<'a>>,
    /// Every waiver with its reason, approver, expiry and status (`active`, `expired`, `unused`).
    waivers: Vec<JsonWaiver<'a>>,
    /// Activity windows (share, Q, T, per-year figures, headroom) and control paths.
    figures: &'a crate::analysis::Figures,
}

#[derive(Serialize)]
struct JsonWaiver<'a> {
    #[serde(flatten)]
    record: &'a crate::waiver::Record,
    file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    documents: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    waived: usize,
    /// Findings `--baseline` set apart, and its entries that matched nothing.
    baselined: usize,
    baseline_stale: usize,
    /// YAML files that were not read, by why (hidden, ignored, excluded).
    skipped: crate::load::discover::Skipped,
    /// `check FILE...`: files read whose findings are shown (the counts above are theirs).
    #[serde(skip_serializing_if = "Option::is_none")]
    shown_files: Option<usize>,
}

#[derive(Serialize)]
struct Span {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    span: Span,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    legal_basis: &'a [String],
    labels: Vec<JsonLabel<'a>>,
    data: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct Waived<'a> {
    rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    waiver: &'a str,
    file: &'a str,
    line: usize,
    message: &'a str,
}

fn finding<'a>(outcome: &'a Outcome, f: &'a Finding) -> JsonFinding<'a> {
    let file = outcome.sources.get(f.location.source);
    let (line, column) = file.line_col(f.location.span.start);
    JsonFinding {
        rule: &f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        file: &file.path,
        line,
        column,
        span: Span {
            offset: f.location.span.start,
            length: f.location.span.len(),
        },
        target: f.target.as_deref(),
        help: f.help.as_deref(),
        legal_basis: &f.legal_basis,
        labels: f
            .labels
            .iter()
            .map(|l| {
                let lf = outcome.sources.get(l.location.source);
                let (line, column) = lf.line_col(l.location.span.start);
                JsonLabel {
                    file: &lf.path,
                    line,
                    column,
                    span: Span {
                        offset: l.location.span.start,
                        length: l.location.span.len(),
                    },
                    message: &l.message,
                }
            })
            .collect(),
        data: &f.data,
    }
}

pub fn render(outcome: &Outcome) -> String {
    let doc = Doc {
        version: VERSION,
        tool: Tool {
            name: "egenregi",
            version: env!("CARGO_PKG_VERSION"),
        },
        as_of: outcome.as_of.to_string(),
        root: &outcome.root,
        paths: outcome.shown.as_ref().map(|s| s.paths.as_slice()),
        summary: Summary {
            files: outcome.files,
            documents: outcome.documents,
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            notes: outcome.count(Severity::Note),
            waived: outcome.waived.len(),
            baselined: outcome.baselined.len(),
            baseline_stale: outcome.baseline_stale,
            skipped: outcome.skipped,
            shown_files: outcome.shown.as_ref().map(|s| s.files),
        },
        findings: outcome
            .findings
            .iter()
            .map(|f| finding(outcome, f))
            .collect(),
        waived: outcome
            .waived
            .iter()
            .map(|(f, w)| {
                let file = outcome.sources.get(f.location.source);
                Waived {
                    rule: &f.rule,
                    target: f.target.as_deref(),
                    waiver: w,
                    file: &file.path,
                    line: file.line_col(f.location.span.start).0,
                    message: &f.message,
                }
            })
            .collect(),
        baselined: outcome
            .baselined
            .iter()
            .map(|f| finding(outcome, f))
            .collect(),
        waivers: outcome
            .waivers
            .iter()
            .map(|record| {
                let file = outcome.sources.get(record.location.source);
                JsonWaiver {
                    record,
                    file: &file.path,
                    line: file.line_col(record.location.span.start).0,
                }
            })
            .collect(),
        figures: &outcome.figures,
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
