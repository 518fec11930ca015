//! Compiles a KDL rule file into rules ready to evaluate: paths parsed, regexes built, CEL
//! programs checked, parameters and bindings resolved. Every problem is collected with the span
//! of the entry that causes it, so one run shows them all.
//!
//! By concern: reading a node's entries (`entries`), a rule and its metadata (`rule`), `select`
//! (`select`), the steps of a rule (`steps`), the assertion of a step (`assertion`, with the
//! operators themselves in `policy::ops`) and messages (`message`).

mod assertion;
mod entries;
mod message;
mod rule;
mod select;
mod steps;

use std::ops::Range;

use kdl::KdlDocument;
use miette::SourceSpan;

use super::cel;
use super::ops::{Assertion, WholeSet};
use super::path::Path;
use crate::config::{KdlProblem, problem};
use crate::finding::Rule;
use crate::kind::Kind;

use entries::Entries;

/// A rule as the evaluator runs it.
#[derive(Debug)]
pub(super) struct CompiledRule {
    /// Registry metadata (id, severity, summary, explain, example, parameters).
    pub meta: Rule,
    /// Index of the rule file in the pack.
    pub file: usize,
    /// The id in the rule file, for "defined twice" problems.
    pub id_span: SourceSpan,
    /// `select` nodes: which documents, and what is asserted of them.
    pub selections: Vec<Selection>,
    /// Declared parameters and their defaults, in declaration order.
    pub params: Vec<(String, f64)>,
    /// `help` and `see`, shown with every finding.
    pub help: Option<String>,
    pub uses_cel: bool,
}

/// One `select`: a kind, an optional filter and the steps run on each selected document.
#[derive(Debug)]
pub(super) struct Selection {
    pub kind: Kind,
    /// `select ... where=`: documents failing it are not evaluated.
    pub filter: Option<Check>,
    pub body: Vec<Step>,
    /// Assertions about the selected documents together (`acyclic`), evaluated once after them.
    pub whole_set: Vec<SetCheck>,
}

#[derive(Debug)]
pub(super) enum Step {
    Assert(Check),
    /// A condition and the steps that run when it holds.
    When(Check, Vec<Step>),
    /// Steps run once for every node the path reaches, that node as the subject.
    Each(Path, Vec<Step>),
}

/// One `assert`, `expr`, `when` or `select where=`.
#[derive(Debug)]
pub(super) struct Check {
    /// The node in the rule file, for the secondary label.
    pub span: Range<usize>,
    pub test: Test,
    pub message: Option<Template>,
    /// `at=`: where the finding lands instead of the asserted node.
    pub at: Option<Path>,
}

#[derive(Debug)]
pub(super) enum Test {
    /// A path and the operator that judges each node it reaches.
    Path(Path, Box<dyn Assertion>),
    Expr(Box<cel::Expr>),
}

/// An assertion about the selected documents together.
#[derive(Debug)]
pub(super) struct SetCheck {
    /// The node in the rule file, for the secondary label.
    pub span: Range<usize>,
    pub path: Path,
    pub message: Option<Template>,
    pub assertion: Box<dyn WholeSet>,
}

/// A `message=` with `{value}`, `{path}`, `{cycle}` and `{PATH}` holes.
#[derive(Debug)]
pub(super) struct Template {
    pub parts: Vec<Part>,
}

#[derive(Debug)]
pub(super) enum Part {
    Text(String),
    Value,
    Path,
    Cycle,
    Read(Path),
}

/// The node names a rule may contain.
const RULE_CHILDREN: &[&str] = &[
    "summary",
    "explain",
    "help",
    "see",
    "cite",
    "condition",
    "param",
    "select",
    "assert",
    "expr",
    "when",
    "each",
    "example-fails",
    "example-passes",
];
const STEP_NODES: &[&str] = &["assert", "expr", "when", "each"];
/// Deepest `when`/`each` nesting: deeper is surely a mistake, and it bounds our recursion.
const MAX_BLOCK_DEPTH: usize = 12;
/// Parameters and `as=` names may not take these.
const RESERVED: &[&str] = &["severity"];

/// Where a step sits, which decides what it may do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    TopLevel,
    Nested,
}

/// What a node with an assertion kind is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Assert(Place),
    Condition,
    Select,
}

/// Everything the compiler knows about one rule file.
pub(super) struct Compiler<'s> {
    src: &'s str,
    file: usize,
    env: &'s ::cel::Env,
    pub problems: Vec<KdlProblem>,
    /// Parameters of the rule being compiled.
    params: Vec<(String, f64)>,
    /// `as=` names bound where the current node sits.
    bindings: Vec<String>,
    uses_cel: bool,
    /// Compiled `matches=` regexes so far, this file's and the files' before it
    /// (`budget::regex`).
    pub regex_bytes: usize,
}

impl<'s> Compiler<'s> {
    pub fn new(src: &'s str, file: usize, env: &'s ::cel::Env) -> Self {
        Self {
            src,
            file,
            env,
            problems: Vec::new(),
            params: Vec::new(),
            bindings: Vec::new(),
            uses_cel: false,
            regex_bytes: 0,
        }
    }

    fn problem(
        &mut self,
        span: SourceSpan,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        self.problems.push(problem(span, message, label, help));
    }

    /// Compiles every `rule` node of a parsed file.
    pub fn file(&mut self, doc: &KdlDocument) -> Vec<CompiledRule> {
        let mut rules = Vec::new();
        for node in doc.nodes() {
            if node.name().value() == "rule" {
                if let Some(rule) = self.rule(node) {
                    rules.push(rule);
                }
            } else {
                self.unknown_node(node, &["rule"], "a rule file holds `rule` nodes");
            }
        }
        rules
    }
}

fn span(s: SourceSpan) -> Range<usize> {
    s.offset()..s.offset() + s.len()
}
