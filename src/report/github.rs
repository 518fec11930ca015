//! `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
//! pull request's diff. One line per finding, except that a message repeated for many targets
//! is one annotation listing the others (GitHub shows only the first 10 annotations of a type
//! per step; JSON and SARIF keep one result per target); the summary follows as a plain log
//! line.
//! Paths are relative to the repository root (the root's path prefix in front), as the runner
//! reads them; a label in a file compiled into the binary (`builtin:…`) keeps its own name.

use super::human::{more_targets, repeated, summary};
use super::message_text;
use crate::Outcome;
use crate::finding::{Finding, Severity};
use crate::source::SourceFile;

/// Escapes the data part of a workflow command (after `::`), as the Actions runner unescapes it.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// Escapes a property value (`file=`, `title=`): the data escapes plus `:` and `,`, which would
/// otherwise end the value.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c if c != '\t' && super::is_hidden(c) => super::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Start and inclusive end (line, column) of a byte span; a span that ends with a line break
/// ends on the line it breaks, not at the start of the next.
fn range(file: &SourceFile, span: &std::ops::Range<usize>) -> (usize, usize, usize, usize) {
    let (line, col) = file.line_col(span.start);
    let text = file.text.as_bytes();
    let mut end = span.end.min(text.len());
    while end > span.start + 1 && matches!(text[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    if end <= span.start {
        return (line, col, line, col);
    }
    // the start of the last character
    let mut last = end - 1;
    while last > span.start && !file.text.is_char_boundary(last) {
        last -= 1;
    }
    let (end_line, end_col) = file.line_col(last);
    (line, col, end_line, end_col)
}

fn command(outcome: &Outcome, f: &Finding, rest: &[&Finding], prefix: &str) -> String {
    let name = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let file = outcome.sources.get(f.location.source);
    let (line, col, end_line, end_col) = range(file, &f.location.span);
    let mut body = message_text(f);
    for l in &f.labels {
        let lf = outcome.sources.get(l.location.source);
        let (ll, lc) = lf.line_col(l.location.span.start);
        let path = if lf.is_builtin() {
            lf.path.clone()
        } else {
            super::prefixed(prefix, &lf.path)
        };
        body.push_str(&format!("\nsee {path}:{ll}:{lc}: {}", l.message));
    }
    if !rest.is_empty() {
        body.push('\n');
        body.push_str(&more_targets(outcome, rest, prefix));
    }
    format!(
        "::{name} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
        escape_property(&super::prefixed(prefix, &file.path)),
        escape_property(&f.rule),
        escape_data(&body)
    )
}

/// Every finding as an annotation (a repeated one once, listing its other targets), then the
/// summary line. Waived findings are counted in the summary, not annotated: a reviewer already
/// accepted them.
pub fn render(outcome: &Outcome) -> String {
    render_at(outcome, "")
}

/// As `render`, with every path under `prefix` (see `super::render_at`).
pub fn render_at(outcome: &Outcome, prefix: &str) -> String {
    let mut out = String::new();
    for (f, rest) in repeated(outcome.findings.iter()) {
        out.push_str(&command(outcome, f, &rest, prefix));
    }
    out.push_str(&summary(outcome));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_exactly_what_the_runner_unescapes() {
        let nasty = "100% sure: a,b\r\nnext::line";
        assert_eq!(escape_data(nasty), "100%25 sure: a,b%0D%0Anext::line");
        assert_eq!(
            escape_property(nasty),
            "100%25 sure%3A a%2Cb%0D%0Anext%3A%3Aline"
        );
        // `%` first, so an escape in the input is not read as one
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn ranges_end_on_the_last_character() {
        let f = SourceFile::new("a.yaml".into(), "k: bærum\nx:\n  y: 1\n");
        let v = f.text.find("bærum").unwrap_or_default();
        assert_eq!(range(&f, &(v..v + "bærum".len())), (1, 4, 1, 8));
        // a span ending in a line break ends on that line
        assert_eq!(range(&f, &(v..v + "bærum\n".len())), (1, 4, 1, 8));
        assert_eq!(range(&f, &(v..v)), (1, 4, 1, 4));
        let x = f.text.find("x:").unwrap_or_default();
        assert_eq!(range(&f, &(x..f.text.len())), (2, 1, 3, 6));
    }
}
