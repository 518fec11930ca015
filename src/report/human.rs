//! The human format: miette's graphical report per finding, plus a summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan,
};

use super::{HumanStyle, plural, visible};
use crate::Outcome;
use crate::finding::{Finding, Severity};
use crate::source::SourceId;

pub use crate::source::IndexedSource;

/// One finding as a miette diagnostic: primary span and same-file labels here, labels in other
/// files as related diagnostics (miette shows one source per diagnostic).
struct Report<'a> {
    finding: &'a Finding,
    /// `None` when the line is too long to show (a minified or hostile file).
    source: Option<IndexedSource>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Related>,
}

struct Related {
    message: String,
    source: IndexedSource,
    span: SourceSpan,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.finding.message))
    }
}
impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(visible(&self.finding.rule)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

impl fmt::Debug for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Related {}
impl Diagnostic for Related {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, self.span),
        )))
    }
}

/// Labels within this many lines of the primary span share its snippet.
const NEAR_LINES: usize = 6;

/// Lines longer than this are not shown in snippets.
const MAX_SNIPPET_LINE: usize = 400;

fn span(r: &std::ops::Range<usize>) -> SourceSpan {
    (r.start, r.end.saturating_sub(r.start)).into()
}

fn report<'a>(outcome: &'a Outcome, finding: &'a Finding) -> Report<'a> {
    let src = |id: SourceId| IndexedSource(outcome.sources.get(id).clone());
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        span(&finding.location.span),
    )];
    let mut related = Vec::new();
    let file = outcome.sources.get(finding.location.source);
    let primary_line = file.line_col(finding.location.span.start).0;
    // Text from a file with control or bidi characters is not shown: only its position.
    let mut elsewhere = Vec::new();
    for l in &finding.labels {
        let lf = outcome.sources.get(l.location.source);
        if !lf.plain || !file.plain {
            let (ll, lc) = lf.line_col(l.location.span.start);
            elsewhere.push(format!(
                "see {}:{ll}:{lc}: {}",
                visible(&lf.path),
                visible(&l.message)
            ));
            continue;
        }
        // A label near the primary joins its snippet; a distant one gets its own, after it, so
        // the snippet that names the problem always comes first.
        let near = l.location.source == finding.location.source
            && file
                .line_col(l.location.span.start)
                .0
                .abs_diff(primary_line)
                <= NEAR_LINES;
        if near {
            labels.push(LabeledSpan::new_with_span(
                Some(visible(&l.message).into_owned()),
                span(&l.location.span),
            ));
        } else {
            related.push(Related {
                message: visible(&l.message).into_owned(),
                source: src(l.location.source),
                span: span(&l.location.span),
            });
        }
    }
    let mut help = finding.help.clone();
    if !finding.legal_basis.is_empty() {
        let basis = format!("legal basis: {}", finding.legal_basis.join("; "));
        help = Some(match help {
            Some(h) => format!("{h}\n{basis}"),
            None => basis,
        });
    }
    let (line, column) = file.line_col(finding.location.span.start);
    let starts = file.line_starts();
    let line_len = starts
        .get(line)
        .map_or(file.text.len(), |&s| s as usize)
        .saturating_sub(starts[line - 1] as usize);
    if !elsewhere.is_empty() {
        let see = elsewhere.join("\n");
        help = Some(match help {
            Some(h) => format!("{h}\n{see}"),
            None => see,
        });
    }
    let mut help = help.map(|h| visible(&h).into_owned());
    let too_long = line_len > MAX_SNIPPET_LINE;
    let source = if too_long || !file.plain {
        let why = if too_long {
            "line too long to show"
        } else {
            "the file has control or bidi characters, not shown"
        };
        let at = format!("at {}:{line}:{column} ({why})", visible(&file.path));
        help = Some(match help {
            Some(h) => format!("{at}\n{h}"),
            None => at,
        });
        None
    } else {
        Some(src(finding.location.source))
    };
    Report {
        finding,
        source,
        labels,
        help,
        related,
    }
}

/// The handler for a style: plain ASCII without colour for CI logs and `NO_COLOR`.
pub fn handler(style: HumanStyle) -> GraphicalReportHandler {
    let theme = match (style.color, style.unicode) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::ascii(),
        (false, true) => GraphicalTheme::unicode_nocolor(),
        (false, false) => GraphicalTheme::none(),
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// Findings that only follow from an invalid document: the reader should see the cause (the
/// document's own errors) first, whatever the file order.
const CONSEQUENCES: &[&str] = &["inhouse/not-assessed"];

/// Renders every finding (causes first, then what follows from them), then the summary line.
pub fn render(outcome: &Outcome, style: HumanStyle) -> String {
    let handler = handler(style);
    let mut out = String::new();
    let is_consequence = |f: &&crate::finding::Finding| CONSEQUENCES.contains(&f.rule.as_ref());
    let causes = outcome.findings.iter().filter(|f| !is_consequence(f));
    let consequences = outcome.findings.iter().filter(is_consequence);
    for (f, rest) in repeated(causes.chain(consequences)) {
        let mut r = report(outcome, f);
        if !rest.is_empty() {
            let more = visible(&more_targets(outcome, &rest, "")).into_owned();
            r.help = Some(match r.help.take() {
                Some(h) => format!("{h}\n{more}"),
                None => more,
            });
        }
        if handler.render_report(&mut out, &r).is_err() {
            // A span the renderer cannot show still gets its message out.
            out.push_str(&format!(
                "{}: {} [{}]\n",
                f.severity,
                visible(&f.message),
                visible(&f.rule)
            ));
        }
        out.push('\n');
    }
    for w in &outcome.figures.windows {
        out.push_str(&visible(&window_table(w)));
        out.push('\n');
    }
    out.push_str(&summary(outcome));
    out.push('\n');
    out
}

/// Targets of a repeated diagnostic listed before the rest are only counted.
const MAX_LISTED_TARGETS: usize = 20;

/// The findings in order, each with the later ones that repeat it: the same rule, severity,
/// message, help and legal basis for another target (`inhouse/activity-share` once per
/// subscription of a provider). A terminal shows the first with its snippet and lists the
/// others; the machine formats keep one result per target.
pub(super) fn repeated<'a>(
    findings: impl Iterator<Item = &'a Finding>,
) -> Vec<(&'a Finding, Vec<&'a Finding>)> {
    type Key<'k> = (
        &'k str,
        crate::finding::Severity,
        &'k str,
        Option<&'k str>,
        &'k [String],
    );
    let mut groups: Vec<(&Finding, Vec<&Finding>)> = Vec::new();
    let mut index: std::collections::HashMap<Key<'a>, usize> = std::collections::HashMap::new();
    for f in findings {
        // only findings about a document target repeat; a YAML error is one per place
        if f.target.is_none() {
            groups.push((f, Vec::new()));
            continue;
        }
        let key = (
            f.rule.as_ref(),
            f.severity,
            f.message.as_str(),
            f.help.as_deref(),
            f.legal_basis.as_slice(),
        );
        if let Some(&i) = index.get(&key) {
            groups[i].1.push(f);
        } else {
            index.insert(key, groups.len());
            groups.push((f, Vec::new()));
        }
    }
    groups
}

/// `and 15 more subscriptions: Tenant/a#/spec/subscriptions/0 (tenants/a.yaml:12:7), ...`, with
/// each path under `prefix` (see `super::render_at`).
pub(super) fn more_targets(outcome: &Outcome, rest: &[&Finding], prefix: &str) -> String {
    let all_subscriptions = rest.iter().all(|f| {
        f.target
            .as_deref()
            .is_some_and(|t| t.starts_with("Tenant/") && t.contains("#/spec/subscriptions/"))
    });
    let noun = match (all_subscriptions, rest.len()) {
        (true, 1) => "subscription",
        (true, _) => "subscriptions",
        (false, 1) => "target",
        (false, _) => "targets",
    };
    let listed: Vec<String> = rest
        .iter()
        .take(MAX_LISTED_TARGETS)
        .map(|f| {
            let file = outcome.sources.get(f.location.source);
            let (line, col) = file.line_col(f.location.span.start);
            format!(
                "{} ({}:{line}:{col})",
                f.target.as_deref().unwrap_or_default(),
                super::prefixed(prefix, &file.path)
            )
        })
        .collect();
    let mut s = format!("and {} more {noun}: {}", rest.len(), listed.join(", "));
    if rest.len() > MAX_LISTED_TARGETS {
        s.push_str(&format!(
            ", … ({} not listed; `--format json` has one result per target)",
            rest.len() - MAX_LISTED_TARGETS
        ));
    }
    s
}

/// A small table per activity window: the figures a reviewer reads first.
pub fn window_table(w: &crate::analysis::Window) -> String {
    use crate::analysis::decision::Verdict;
    if w.verdict == Verdict::NotAssessed {
        // No share, margin or headroom: a figure that rests on partial input is no figure.
        let mut s = format!(
            "activity of `{}`, window before {} ({}): NOT ASSESSED: {}\n",
            w.provider,
            w.date,
            w.purpose,
            w.not_assessed.join("; ")
        );
        s.push_str(&years_table(w));
        return s;
    }
    let verdict = if w.passes { "passes" } else { "FAILS" };
    let mut s = format!(
        "activity of `{}`, window before {} ({}): {} % qualifying, {verdict} (more than {} % required), margin {} points, headroom {} {} per year\n",
        w.provider,
        w.date,
        w.purpose,
        w.share.as_deref().unwrap_or("-"),
        w.threshold,
        w.margin.as_deref().unwrap_or("-"),
        w.headroom_per_year
            .map_or_else(|| "-".to_owned(), crate::analysis::Minor::grouped),
        w.currency
    );
    for why in &w.review {
        s.push_str(&format!("  for review: {why}\n"));
    }
    s.push_str(&years_table(w));
    s
}

/// The per-year rows and the window total. Each column is as wide as its widest cell needs
/// (at least the usual width), with a space between: large amounts and a share shown with
/// extra decimals never run into the next column.
fn years_table(w: &crate::analysis::Window) -> String {
    let percent = |x: Option<&str>| x.map_or_else(|| "-".to_owned(), |x| format!("{x} %"));
    let (q, t) = w.sums().map_or_else(
        || ("-".to_owned(), "-".to_owned()),
        |(q, t)| (q.grouped(), t.grouped()),
    );
    let mut rows: Vec<[String; 5]> = vec![[
        "year".into(),
        "basis".into(),
        "qualifying".into(),
        "total".into(),
        "share".into(),
    ]];
    for y in &w.years {
        let basis = match y.basis {
            crate::analysis::YearBasis::Actual => "actual",
            crate::analysis::YearBasis::Projected => "projected",
            crate::analysis::YearBasis::Missing => "missing",
            crate::analysis::YearBasis::Invalid => "invalid",
            crate::analysis::YearBasis::NotEstablished => "not founded",
        };
        let (yq, yt) = y.sums().map_or_else(
            || ("-".to_owned(), "-".to_owned()),
            |(q, t)| (q.grouped(), t.grouped()),
        );
        rows.push([
            y.year.to_string(),
            basis.into(),
            yq,
            yt,
            percent(y.share.as_deref()),
        ]);
    }
    let window = ["window".to_owned(), q, t, percent(w.share.as_deref())];
    let width = |col: usize, least: usize, window_col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .chain(std::iter::once(window[window_col].chars().count()))
            .map(|n| n + 1)
            .max()
            .unwrap_or(0)
            .max(least)
    };
    let (wq, wt, ws) = (width(2, 18, 1), width(3, 18, 2), width(4, 9, 3));
    let mut s = String::new();
    for r in &rows {
        s.push_str(&format!(
            "  {:<6}{:<11}{:>wq$}{:>wt$}{:>ws$}\n",
            r[0], r[1], r[2], r[3], r[4]
        ));
    }
    s.push_str(&format!(
        "  {:<17}{:>wq$}{:>wt$}{:>ws$}\n",
        window[0], window[1], window[2], window[3]
    ));
    // A year whose sums leave something out says what, under the table.
    for y in &w.years {
        let gaps = y.gaps();
        if !gaps.is_empty() {
            let words: Vec<String> = gaps.iter().map(crate::i18n::Text::en).collect();
            s.push_str(&format!("  {}: {}\n", y.year, words.join("; ")));
        }
    }
    s
}

/// `2 hidden, 1 ignored`: why YAML files were not read (only the reasons that occurred).
pub fn skipped_reasons(skipped: crate::load::discover::Skipped) -> String {
    [
        (skipped.hidden, "hidden"),
        (skipped.ignored, "by .gitignore/.ignore"),
        (skipped.excluded, "excluded in egenregi.kdl"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, why)| format!("{n} {why}"))
    .collect::<Vec<_>>()
    .join(", ")
}

/// `2 errors, 1 warning, 0 notes in 12 files (40 documents), as of 2026-11-22; 1 decision not
/// met, 0 not assessed; 1 waived`.
pub fn summary(outcome: &Outcome) -> String {
    let mut s = format!(
        "{}, {}, {} in {} ({}), as of {}",
        plural(outcome.count(Severity::Error), "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Note), "note"),
        plural(outcome.files, "file"),
        plural(outcome.documents, "document"),
        outcome.as_of
    );
    if let Some(shown) = &outcome.shown {
        s.push_str(&format!(
            "; showing findings in {} of {}",
            shown.files,
            plural(outcome.files, "file")
        ));
    }
    if outcome.skipped.total() > 0 {
        s.push_str(&format!(
            "; {} skipped ({})",
            plural(outcome.skipped.total(), "file"),
            skipped_reasons(outcome.skipped)
        ));
    }
    // Decisions that fail or are not assessed are said beside the counts, also when every
    // finding behind them was waived or is in the baseline: a waiver accepts a finding, it does
    // not make the decision hold.
    let (fails, unassessed) = super::open_decisions(outcome);
    if fails + unassessed > 0 {
        s.push_str(&format!(
            "; {} not met, {unassessed} not assessed",
            plural(fails, "decision")
        ));
    }
    if !outcome.waived.is_empty() {
        s.push_str(&format!("; {} waived", outcome.waived.len()));
    }
    if !outcome.baselined.is_empty() {
        s.push_str(&format!("; {} in the baseline", outcome.baselined.len()));
    }
    if outcome.baseline_stale > 0 {
        s.push_str(&format!(
            "; {} baseline {} matched nothing (fixed? rewrite it with --write-baseline)",
            outcome.baseline_stale,
            if outcome.baseline_stale == 1 {
                "entry"
            } else {
                "entries"
            }
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn indexed_source_reads_what_the_default_reads() {
        let text = "a: 1\nb:\n  - x\n  - yæø\r\nc: [1, 2]\nd: 4\n";
        let file = Arc::new(SourceFile::new("t.yaml".into(), text));
        let indexed = IndexedSource(file);
        let plain = text.to_owned();
        for start in 0..text.len() {
            // Spans from the loader start on a token, never on a line break.
            if !text.is_char_boundary(start) || matches!(text.as_bytes()[start], b'\r' | b'\n') {
                continue;
            }
            for len in [0, 1, 3] {
                if start + len > text.len() || !text.is_char_boundary(start + len) {
                    continue;
                }
                for (b, a) in [(0, 0), (1, 1), (2, 3)] {
                    let s: SourceSpan = (start, len).into();
                    let x = indexed.read_span(&s, b, a).unwrap();
                    let y = plain.read_span(&s, b, a).unwrap();
                    assert_eq!(x.line(), y.line(), "line at {start}+{len} ({b},{a})");
                    // miette counts columns in bytes; we count characters, as the JSON output does
                    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                    if text[line_start..start].is_ascii() {
                        assert_eq!(x.column(), y.column(), "column at {start}+{len} ({b},{a})");
                    } else if b == 0 {
                        assert_eq!(x.column(), text[line_start..start].chars().count());
                    }
                    // miette reads only the position from a zero-context read (the header line)
                    if b > 0 {
                        assert_eq!(x.data(), y.data(), "data at {start}+{len} ({b},{a})");
                        assert_eq!(x.span(), y.span(), "span at {start}+{len} ({b},{a})");
                    }
                }
            }
        }
    }
}
