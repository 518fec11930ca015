//! The assertion operators of the policy language (`exists`, `min=3`, `ref`, `acyclic`, ...):
//! one file each, with its name, the check of its argument, its evaluation, its message and its
//! tests, found by name in [`OPERATORS`], the one table of them (as jsonschema's keywords and
//! spectral's functions are). A new operator is a file and a line in that table.

mod absent;
mod acyclic;
mod bound;
mod date_order;
mod equals;
mod exists;
mod listed;
mod matches;
mod max_age_days;
mod max_duration;
mod not_equals;
mod reference;

use std::borrow::Cow;
use std::fmt;

use kdl::{KdlEntry, KdlValue};
use miette::SourceSpan;
use serde_json::Value;

use super::path::{PSeg, Path};
use crate::date::Date;
use crate::kind::Kind;
use crate::load::Doc;
use crate::load::tree::{NodeKind, NodeRef};

pub(super) use reference::DEFAULT_BINDING;

/// Every operator, in the order that help texts list them: the flags, then the properties.
pub(super) const OPERATORS: &[Operator] = &[
    exists::OPERATOR,
    absent::OPERATOR,
    reference::OPERATOR,
    acyclic::OPERATOR,
    equals::OPERATOR,
    not_equals::OPERATOR,
    listed::ONE_OF,
    listed::NONE_OF,
    matches::OPERATOR,
    bound::MIN,
    bound::MAX,
    max_duration::OPERATOR,
    max_age_days::OPERATOR,
    date_order::BEFORE,
    date_order::AFTER,
    date_order::NOT_BEFORE,
    date_order::NOT_AFTER,
];

/// One operator: how it is written and how its argument compiles.
pub(super) struct Operator {
    pub name: &'static str,
    pub form: Form,
    /// It follows references to other documents: it takes `kind=` (and `as=`), and cannot
    /// filter a `select`, which tests a value of the document itself.
    pub follows_references: bool,
    /// It judges all the selected documents together, once: only a top-level `assert` holds it.
    pub whole_set: bool,
    /// Checks the argument (reporting problems at its span) and builds the assertion.
    pub compile: fn(&mut dyn Arg<'_>) -> Option<Compiled>,
}

/// How an operator is written after the path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// A bare word: `exists`.
    Flag,
    /// A property with a value: `min=3`.
    Value,
}

/// The operator named `name`, written in `form`.
pub(super) fn find(name: &str, form: Form) -> Option<&'static Operator> {
    OPERATORS.iter().find(|o| o.name == name && o.form == form)
}

/// The names of the operators written in `form`, in table order.
pub(super) fn names(form: Form) -> impl Iterator<Item = &'static str> {
    OPERATORS
        .iter()
        .filter(move |o| o.form == form)
        .map(|o| o.name)
}

/// A compiled operator.
#[derive(Debug)]
pub(super) enum Compiled {
    /// Judges each node its path reaches, in each selected document.
    Node(Box<dyn Assertion>),
    /// Judges the selected documents together, once per `select`.
    WholeSet(Box<dyn WholeSet>),
}

/// What an operator's compile function may read and report: the compiler, seen from the entry
/// that names the operator. (A trait, so that the operators do not depend on the compiler.)
pub(super) trait Arg<'n> {
    /// The operator's name, as written.
    fn name(&self) -> &'static str;
    /// The entry that names the operator: `min=3`, or the bare `exists`.
    fn entry(&self) -> &'n KdlEntry;
    /// A property of the node (`kind=`, `as=`).
    fn prop(&self, key: &str) -> Option<&'n KdlEntry>;
    /// The kind the enclosing `select` names, when it is a known one.
    fn selected(&self) -> Option<Kind>;
    fn problem(&mut self, span: SourceSpan, message: String, label: &str, help: Option<String>);
    /// The operator's value as a string, or a problem saying `message`.
    fn text(&mut self, message: &str) -> Option<&'n str>;
    /// The operator's value as a number, or `(param)"NAME"` naming a declared parameter.
    fn num(&mut self) -> Option<Num>;
    /// A path written in the operator's value; a `@name` in it must be bound here.
    fn path(&mut self, text: &str) -> Option<Path>;
    /// A `kind=` value: a document kind, or a problem with a "did you mean".
    fn kind(&mut self, entry: &KdlEntry) -> Option<Kind>;
    /// The bytes the rule files' compiled regexes take so far (`budget::regex`).
    fn regex_bytes(&mut self) -> &mut usize;
}

/// A KDL value as JSON, for comparisons with document values.
fn json(value: &KdlValue) -> Value {
    match value {
        KdlValue::String(s) => Value::String(s.clone()),
        KdlValue::Integer(i) => i64::try_from(*i).map_or_else(
            |_| Value::String(i.to_string()),
            |i| Value::Number(i.into()),
        ),
        KdlValue::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        KdlValue::Bool(b) => Value::Bool(*b),
        KdlValue::Null => Value::Null,
    }
}

/// A number, literal or a rule parameter (index into `CompiledRule::params`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Num {
    Lit(f64),
    Param(usize),
}

impl Num {
    pub fn value(self, cx: &dyn Context) -> f64 {
        match self {
            Self::Lit(x) => x,
            Self::Param(i) => cx.param(i),
        }
    }
}

/// An operator that judges one node at a time.
pub(super) trait Assertion: fmt::Debug + Send + Sync {
    /// The verdict on a node that is set (present and not `null`).
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict;

    /// The verdict on a node that is not set: most operators require it to be.
    fn missing(&self, cx: &dyn Context) -> Verdict {
        fail(cx, || format!("{} is not set", cx.name()))
    }

    /// `ref`: the kind of document the value names and the name it is bound to, so that later
    /// steps read it as `@name`.
    fn binding(&self) -> Option<(Kind, &str)> {
        None
    }

    /// Whether its verdict depends on nothing but the node (and the rule): it reads no other
    /// node, binds nothing, and reads the context only for [`Context::quiet`] and
    /// [`Context::name`] in its words. A `when` guard of such an operator on a node of a
    /// document bound by `ref` is judged once per document, not once per subject.
    fn judges_the_node_alone(&self) -> bool {
        false
    }
}

/// An operator that judges the selected documents together (`acyclic`).
pub(super) trait WholeSet: fmt::Debug + Send + Sync {
    /// Its failures over the documents `selected` (indices into `docs`), reading `path` in each.
    fn failures<'a>(
        &self,
        docs: &'a [Doc],
        selected: &[usize],
        path: &'a Path,
    ) -> Vec<SetFailure<'a>>;
}

/// One failure of a whole-set assertion, which the evaluator makes a finding.
pub(super) struct SetFailure<'a> {
    /// Where it lands: a document, and a node in it.
    pub doc: usize,
    pub ptr: Vec<PSeg<'a>>,
    /// The message, unless the rule gives one.
    pub message: String,
    /// What a `{cycle}` hole in the rule's message reads.
    pub cycle: String,
    /// The other nodes involved: document, node, and what to say there.
    pub labels: Vec<(usize, Vec<PSeg<'a>>, String)>,
    /// For machine formats: a key and its value.
    pub data: (&'static str, Value),
}

/// What an assertion may read while it judges a node.
pub(super) trait Context {
    /// A person's name for the node: `spec.x`, or `spec.x` of `Kind/id` in another document.
    fn name(&self) -> String;
    fn as_of(&self) -> Date;
    /// The value of parameter `index` of the rule, as configured.
    fn param(&self, index: usize) -> f64;
    /// The first node `path` reaches from the subject, or `None` when it reaches none. A node
    /// that is missing or set to null reads as null.
    fn read<'s>(&'s self, path: &'s Path) -> Option<NodeRef<'s>>;
    /// The date the node [`Context::read`] reaches holds.
    fn read_date(&self, path: &Path) -> DateRead {
        DateRead::of(self.read(path))
    }
    /// A person's name for the node [`Context::read`] reaches, for a message: asked only when
    /// there is one to write, as most reads pass.
    fn read_name(&self, path: &Path) -> String;
    /// Whether a document of `kind` has the id `id`.
    fn has(&self, kind: Kind, id: &str) -> bool;
    /// The ids of the documents of `kind`, for a "did you mean".
    fn ids(&self, kind: Kind) -> Vec<&str>;
    /// Whether only the verdict is read, not the words of a failure: a `when` guard's.
    fn quiet(&self) -> bool {
        false
    }
}

/// What [`Context::read_date`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateRead {
    /// The path reaches no node: its binding is not in scope.
    Unreached,
    /// A node that is not a date (or none, or `null`).
    NotADate,
    Date(Date),
}

impl DateRead {
    /// What `node` (as [`Context::read`] gives it) holds.
    pub fn of(node: Option<NodeRef<'_>>) -> Self {
        match node {
            None => Self::Unreached,
            Some(n) => n
                .as_str()
                .and_then(Date::parse)
                .map_or(Self::NotADate, Self::Date),
        }
    }
}

/// A failure, its words made only when they are read: a `when` guard reads only whether its
/// assertion held, and most guards fail (at national scale 18,000 `equals` guards made and
/// dropped their words, and a failed `ref` guard would look for a "did you mean").
fn fail(cx: &dyn Context, words: impl FnOnce() -> String) -> Verdict {
    Verdict::Fail(if cx.quiet() { String::new() } else { words() })
}

/// What a node's value says about one assertion.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Ok,
    Fail(String),
    /// Not applicable (the other date of a comparison is not set).
    Skip,
}

/// Equality as a person means it: numbers by value (`99` equals `99.0`). The literal is a
/// rule's (a KDL scalar as JSON, see [`json`]).
fn same(a: NodeRef<'_>, b: &Value) -> bool {
    match (a.as_number(), b) {
        (Some(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a.equals(b),
    }
}

/// A value in a default message: strings in backticks, numbers and booleans bare.
pub(super) fn show(v: NodeRef<'_>) -> String {
    match v.kind() {
        NodeKind::String => format!("`{}`", v.as_str().unwrap_or("")),
        NodeKind::Array if v.is_empty() => "an empty list".into(),
        NodeKind::Array => {
            let shown: Vec<String> = v.items().map(show).collect();
            format!("[{}]", shown.join(", "))
        }
        NodeKind::Object => "a mapping".into(),
        _ => bare(v),
    }
}

/// A rule's literal in a default message, as [`show`] shows a node.
pub(super) fn show_literal(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        Value::Array(items) if items.is_empty() => "an empty list".into(),
        Value::Array(items) => {
            let shown: Vec<String> = items.iter().map(show_literal).collect();
            format!("[{}]", shown.join(", "))
        }
        Value::Object(_) => "a mapping".into(),
        other => other.to_string(),
    }
}

/// A `null`, a boolean or a number as JSON writes it.
pub(super) fn bare(v: NodeRef<'_>) -> String {
    match v.kind() {
        NodeKind::Bool => v.as_bool().unwrap_or(false).to_string(),
        // The loader keeps numbers JSON cannot hold (`.inf`, `.nan`) as strings; were one
        // here, it would read as `null`, as `NodeRef::to_value` makes it.
        NodeKind::Number => v
            .as_number()
            .map_or_else(|| "null".into(), |n| n.to_string()),
        _ => "null".into(),
    }
}

/// The name of a node's type in messages (`list` and `mapping`, as YAML says them).
pub(super) use crate::load::type_name;

/// A limit as written: `99.5`, `365` (not `365.0`).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

/// `one-of="a|b"` and `none-of="a|b"`: the alternatives, or a problem.
fn alternatives(arg: &mut dyn Arg<'_>) -> Option<Vec<String>> {
    let name = arg.name();
    let s = arg.text(&format!(
        "`{name}` takes alternatives as a string, e.g. \"a|b\""
    ))?;
    let items: Vec<String> = s.split('|').map(str::to_owned).collect();
    if items.iter().any(String::is_empty) {
        let at = arg.entry().span();
        arg.problem(
            at,
            "an empty alternative".into(),
            "empty",
            Some("separate alternatives with single `|`: \"critical|high\"".into()),
        );
        return None;
    }
    Some(items)
}

/// A scalar as text, for `one-of` and `none-of`; lists and mappings have none. A string is
/// borrowed from the document.
fn scalar(v: NodeRef<'_>) -> Option<Cow<'_, str>> {
    match v.kind() {
        NodeKind::String => v.as_str().map(Cow::Borrowed),
        NodeKind::Number => v.as_number().map(|n| Cow::Owned(n.to_string())),
        NodeKind::Bool => v
            .as_bool()
            .map(|b| Cow::Borrowed(if b { "true" } else { "false" })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, OPERATORS};

    /// The table is the one list of operators: each name once, and each in the README's list of
    /// assertions, written as it is used.
    #[test]
    fn every_operator_is_named_once_and_documented() {
        let readme = include_str!("../../../README.md");
        let start = readme.find("\n- Assertions: ").unwrap();
        let end = readme[start + 1..].find("\n- ").unwrap() + start + 1;
        let documented = &readme[start..end];
        for (i, op) in OPERATORS.iter().enumerate() {
            assert!(
                OPERATORS[..i].iter().all(|o| o.name != op.name),
                "`{}` is in the table twice",
                op.name
            );
            let written = match op.form {
                Form::Flag => [format!("`{}`", op.name), format!("`{} ", op.name)],
                Form::Value => [format!("`{}=", op.name), format!("`{}=", op.name)],
            };
            assert!(
                written.iter().any(|w| documented.contains(w.as_str())),
                "README's list of assertions lacks `{}`",
                op.name
            );
        }
    }
}

#[cfg(test)]
pub(super) mod testing {
    //! A context without documents, and a compiler run on one line of a rule, for the
    //! operators' unit tests.

    use super::{Context, Date, Kind, NodeRef, Path, Value, Verdict};
    use crate::load::tree::Tree;
    use crate::policy::compile::{Compiler, Step, Test};

    /// The node `spec.x` of the subject, with `others` readable by path text.
    pub struct Fake {
        pub as_of: Date,
        pub params: Vec<f64>,
        pub others: Vec<(&'static str, Tree)>,
        pub docs: Vec<(Kind, &'static str)>,
        /// As a `when` guard judges: only the verdict is read.
        pub quiet: bool,
    }

    impl Default for Fake {
        fn default() -> Self {
            Self {
                as_of: Date::parse("2026-11-22").unwrap_or_else(|| unreachable!()),
                params: Vec::new(),
                others: Vec::new(),
                docs: Vec::new(),
                quiet: false,
            }
        }
    }

    impl Context for Fake {
        fn name(&self) -> String {
            "`spec.x`".into()
        }
        fn as_of(&self) -> Date {
            self.as_of
        }
        fn param(&self, index: usize) -> f64 {
            self.params.get(index).copied().unwrap_or(f64::NAN)
        }
        fn read<'s>(&'s self, path: &'s Path) -> Option<NodeRef<'s>> {
            let (_, v) = self.others.iter().find(|(p, _)| *p == path.text)?;
            Some(v.root().unwrap_or_else(NodeRef::null))
        }
        fn read_name(&self, path: &Path) -> String {
            format!("`{}`", path.text)
        }
        fn has(&self, kind: Kind, id: &str) -> bool {
            self.docs.contains(&(kind, id))
        }
        fn ids(&self, kind: Kind) -> Vec<&str> {
            assert!(!self.quiet, "a guard looked for a \"did you mean\"");
            self.docs
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect()
        }
        fn quiet(&self) -> bool {
            self.quiet
        }
    }

    /// A rule selecting Services around `line`, for the compiler.
    fn rule(line: &str) -> String {
        format!(
            "rule \"t/x\" severity=\"error\" {{\n    summary \"x\"\n    param \"limit\" 3\n    select kind=\"Service\"\n    {line}\n}}\n"
        )
    }

    /// The compiler's problems with `line` as (message, the text their span covers).
    pub fn problems(line: &str) -> Vec<(String, String)> {
        let text = rule(line);
        let doc = kdl::KdlDocument::parse_v2(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let env = crate::policy::cel::env();
        let mut compiler = Compiler::new(&text, 0, &env);
        compiler.file(&doc);
        compiler
            .problems
            .iter()
            .map(|p| {
                let at = p.span.offset()..p.span.offset() + p.span.len();
                (p.message.clone(), text[at].to_owned())
            })
            .collect()
    }

    /// Compiles `line` (an `assert`) and judges `value` with it in `cx`; `None` for missing.
    pub fn judge(line: &str, value: Option<Value>, cx: &Fake) -> Verdict {
        let text = rule(line);
        let doc = kdl::KdlDocument::parse_v2(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let env = crate::policy::cel::env();
        let mut compiler = Compiler::new(&text, 0, &env);
        let rules = compiler.file(&doc);
        assert!(compiler.problems.is_empty(), "{:?}", problems(line));
        let Some(Step::Assert(check)) = rules[0].selections[0].body.first() else {
            panic!("`{line}` is not an assertion of one node");
        };
        let Test::Path(_, assertion) = &check.test else {
            panic!("`{line}` is not a path assertion");
        };
        let tree = value.map(|v| Tree::from_value(&v));
        match tree.as_ref().and_then(Tree::root).filter(|v| !v.is_null()) {
            Some(v) => assertion.check(v, cx),
            None => assertion.missing(cx),
        }
    }

    /// The messages of the findings of `line` (a top-level step of a rule that selects
    /// Services) over the Services in `yaml`, each `{id: ..., spec: ...}` on a line.
    pub fn run(line: &str, yaml: &[&str]) -> Vec<String> {
        let text = rule(line);
        let doc = kdl::KdlDocument::parse_v2(&text).unwrap();
        let env = crate::policy::cel::env();
        let mut compiler = Compiler::new(&text, 0, &env);
        let rules = compiler.file(&doc);
        assert!(compiler.problems.is_empty(), "{:?}", problems(line));
        let docs: Vec<crate::load::Doc> = yaml
            .iter()
            .map(|y| {
                let src = format!("apiVersion: egenregi/v1\nkind: Service\nmetadata: {y}\n");
                let mut parsed = crate::load::yaml::parse(
                    &src,
                    crate::source::SourceId(0),
                    &crate::load::Limits::default(),
                );
                let doc = parsed.documents.remove(0);
                let id = doc
                    .root()
                    .and_then(|r| r.pointer("/metadata/id"))
                    .and_then(|n| n.as_str())
                    .unwrap()
                    .to_owned();
                crate::load::Doc {
                    doc,
                    kind: Kind::Service,
                    id,
                }
            })
            .collect();
        let valid = vec![true; docs.len()];
        let files = [crate::source::SourceId(0)];
        let eval =
            crate::policy::eval::Eval::new(&docs, &valid, Fake::default().as_of, None, &files);
        let mut out = Vec::new();
        eval.rule(&rules[0], &[3.0], &mut out);
        out.into_iter().map(|f| f.message).collect()
    }
}
