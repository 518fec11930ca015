//! Reading KDL (`egenregi.kdl`, policy rule files, jurisdiction packs): the problems of a file
//! with their spans, the shapes a node's values may have, did-you-mean help, and the nesting
//! guard that runs before the `kdl` parser. One copy, used by every reader of KDL.

use std::sync::Arc;

use kdl::{KdlEntry, KdlNode, KdlValue};
use miette::{Diagnostic, SourceSpan};

use crate::suggest;

/// A value as written in a KDL file, with where.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: SourceSpan,
}

impl<T> Spanned<T> {
    pub const fn new(value: T, span: SourceSpan) -> Self {
        Self { value, span }
    }
}

/// One problem in a KDL file, pointing into it.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct KdlProblem {
    pub message: String,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// Every problem of one KDL file (config or policy), rendered against that file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path} cannot be used")]
#[diagnostic(code(config::invalid))]
pub struct KdlFileError {
    pub path: String,
    /// Indexed by line: rendering a label does not rescan the file from its start (80 KB of
    /// broken KDL with a problem per line was quadratic).
    #[source_code]
    pub src: crate::source::IndexedSource,
    #[related]
    pub problems: Vec<KdlProblem>,
}

impl KdlFileError {
    /// The problems of the file at `path` (as shown), rendered against its `text`.
    pub(crate) fn new(path: String, text: Arc<String>, problems: Vec<KdlProblem>) -> Self {
        Self {
            src: crate::source::IndexedSource(Arc::new(crate::source::SourceFile::new(
                path.clone(),
                Arc::unwrap_or_clone(text),
            ))),
            path,
            problems,
        }
    }
}

/// The problems of a file the `kdl` parser refused, each given `help` when the parser has none.
pub(crate) fn syntax_problems(error: kdl::KdlError, help: Option<&str>) -> Vec<KdlProblem> {
    error
        .diagnostics
        .into_iter()
        .map(|d| KdlProblem {
            message: d.message.unwrap_or_else(|| "KDL syntax error".into()),
            span: d.span,
            label: d.label.unwrap_or_else(|| "here".into()),
            help: d.help.or_else(|| help.map(str::to_owned)),
        })
        .collect()
}

/// `kdl` parses recursively; deeper braces are refused before it runs, in `egenregi.kdl` and in
/// rule files alike.
pub(crate) const MAX_KDL_NESTING: usize = 32;

/// A finite number, as thresholds and rule parameters are read.
pub(crate) fn number(v: &KdlValue) -> Option<f64> {
    match v {
        #[allow(clippy::cast_precision_loss, reason = "rule limits are small numbers")]
        KdlValue::Integer(i) => Some(*i as f64),
        KdlValue::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

/// The one string a node takes (`as-of "2026-01-01"`), with its span.
pub(crate) fn one_string(
    node: &KdlNode,
    problems: &mut Vec<KdlProblem>,
) -> Option<Spanned<String>> {
    match node.entries() {
        [e] if e.name().is_none() => {
            if let KdlValue::String(s) = e.value() {
                Some(Spanned::new(s.clone(), e.span()))
            } else {
                problems.push(problem(
                    e.span(),
                    format!("`{}` takes a string", node.name().value()),
                    "not a string",
                    None,
                ));
                None
            }
        }
        _ => {
            problems.push(problem(
                node.span(),
                format!("`{}` takes exactly one string", node.name().value()),
                "here",
                None,
            ));
            None
        }
    }
}

/// The entries of a node that are not properties.
pub(crate) fn arguments(node: &KdlNode) -> Vec<&KdlEntry> {
    node.entries()
        .iter()
        .filter(|e| e.name().is_none())
        .collect()
}

/// The `i`th argument of a node, if it is a string.
pub(crate) fn string_argument(node: &KdlNode, i: usize) -> Option<String> {
    arguments(node)
        .get(i)
        .and_then(|e| e.value().as_string())
        .map(str::to_owned)
}

/// A block node (`paths { ... }`): values on it are a mistake.
pub(crate) fn no_entries(node: &KdlNode, problems: &mut Vec<KdlProblem>) {
    if let Some(e) = node.entries().first() {
        problems.push(problem(
            e.span(),
            format!("`{}` takes no values, only children", node.name().value()),
            "unexpected",
            None,
        ));
    }
}

/// A node `egenregi.kdl` does not know, with the nearest of `known`.
pub(crate) fn unknown_node(node: &KdlNode, known: &[&str]) -> KdlProblem {
    let name = node.name().value();
    problem(
        node.name().span(),
        format!("unknown setting `{name}`"),
        "not a setting",
        Some(did_you_mean(name, known, "known")),
    )
}

/// Help for an unknown `word`: the nearest of `known`, if any is near, then `{what}: LIST`.
pub(crate) fn did_you_mean(word: &str, known: &[&str], what: &str) -> String {
    suggestion(
        suggest::closest(word, known.iter().copied()),
        &format!("{what}: {}", suggest::list(known)),
    )
}

/// `rest`, after "did you mean `NEAR`? " when a near name was found.
pub(crate) fn suggestion(near: Option<&str>, rest: &str) -> String {
    match near {
        Some(s) => format!("did you mean `{s}`? {rest}"),
        None => rest.to_owned(),
    }
}

/// A problem at `span` of a KDL file (config or policy).
pub(crate) fn problem(
    span: SourceSpan,
    message: impl Into<String>,
    label: &str,
    help: Option<String>,
) -> KdlProblem {
    KdlProblem {
        message: message.into(),
        span,
        label: label.into(),
        help,
    }
}

/// The offset of the first `{`, nested `/*` or `/-` deeper than `max` in KDL text, skipping
/// strings and comments: the `kdl` parser recurses per level of braces, of block comments
/// (which nest) and of slashdashes (each comments out the node, entry or block after it, the
/// next slashdash included), so hostile nesting is refused before it runs. Slashdashes count
/// from the start of their node to its end (newline or `;`), and into its children.
pub(crate) fn kdl_too_deep(src: &str, max: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    // Slashdashes of the node being read, those of the enclosing nodes, and whether the last
    // token was one (then a newline does not end the node).
    let mut dashes = 0usize;
    let mut outer: Vec<usize> = Vec::new();
    let mut outer_dashes = 0usize;
    let mut after_dash = false;
    let mut continued = false;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                // Up to the newline, which ends the node like any other.
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1usize;
                i += 2;
                while i < b.len() && nest > 0 {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        if nest > max {
                            return Some(i);
                        }
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'-') => {
                dashes += 1;
                after_dash = true;
                if depth + outer_dashes + dashes > max {
                    return Some(i);
                }
                i += 2;
                continue;
            }
            b'#' if matches!(b.get(i + 1), Some(b'#' | b'"')) => {
                // Raw string: #"..."#, ##"..."##, possibly multi-line.
                after_dash = false;
                let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                i += hashes;
                if b.get(i) == Some(&b'"') {
                    i += 1;
                    while i < b.len() && !b[i..].starts_with(&close) {
                        i += 1;
                    }
                    i += close.len();
                }
                continue;
            }
            b'"' => {
                after_dash = false;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' => {
                after_dash = false;
                outer.push(dashes);
                outer_dashes += dashes;
                dashes = 0;
                depth += 1;
                if depth + outer_dashes > max {
                    return Some(i);
                }
            }
            b'}' => {
                after_dash = false;
                depth = depth.saturating_sub(1);
                dashes = outer.pop().unwrap_or(0);
                outer_dashes -= dashes;
            }
            // `\` continues the node on the next line.
            b'\\' => continued = true,
            b'\n' => {
                if !after_dash && !continued {
                    dashes = 0;
                }
                continued = false;
            }
            b';' if !after_dash => dashes = 0,
            b' ' | b'\t' | b'\r' | b';' => {}
            _ => after_dash = false,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_scan_skips_strings_and_comments() {
        let deep = format!("{}{}", "a {".repeat(40), "}".repeat(40));
        assert!(kdl_too_deep(&deep, 32).is_some());
        let fake = format!(
            "a \"{}\" // {}\n/* {} */ b #\"{}\"#",
            "{".repeat(50),
            "{".repeat(50),
            "{".repeat(50),
            "{".repeat(50)
        );
        assert_eq!(kdl_too_deep(&fake, 32), None);
        let comments = format!("{}{}", "/*".repeat(40), "*/".repeat(40));
        assert!(kdl_too_deep(&comments, 32).is_some());
        let dashes = format!("a {}1", "/- ".repeat(40));
        assert!(kdl_too_deep(&dashes, 32).is_some());
        // Slashdashes of one node end with it: a file may comment out many nodes.
        let many = "/- old 1 // was\n/- old 2; ".repeat(40);
        assert_eq!(kdl_too_deep(&many, 32), None);
        // Those of enclosing nodes count inside their children.
        let mixed = "/- /- a { ".repeat(12) + &"}".repeat(12);
        assert!(kdl_too_deep(&mixed, 32).is_some());
        let continued = "/- \\\n".repeat(40) + "a";
        assert!(kdl_too_deep(&continued, 32).is_some());
    }
}
