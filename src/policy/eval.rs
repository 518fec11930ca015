//! Evaluates compiled rules over the loaded documents. Values are borrowed, never cloned: paths
//! resolve to references into each document's JSON, and pointers are built only for findings.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::cel::{self as celx, Runtime};
use super::parse::{Check, CompiledRule, DateCmp, Graph, Num, Op, Part, Step, Template, Test};
use super::path::{Hit, PSeg, Path, Root, dotted, pointer, resolve};
use crate::date::Date;
use crate::finding::{Finding, Location};
use crate::load::{Doc, type_name};
use crate::source::SourceId;

/// A document bound by `ref`, readable as `@name`.
#[derive(Debug, Clone)]
struct Bind<'a> {
    name: &'a str,
    doc: usize,
    /// Where the reference is written in the subject's document: findings about the bound
    /// document land there (that is the line to change).
    origin: Vec<PSeg<'a>>,
}

/// One node that failed an assertion.
struct Failure<'a> {
    doc: usize,
    ptr: Vec<PSeg<'a>>,
    value: Option<&'a Value>,
    message: String,
    /// Set when the node is in another document, reached through a binding.
    origin: Option<Vec<PSeg<'a>>>,
}

enum Outcome<'a> {
    Pass(Option<Bind<'a>>),
    Fail(Vec<Failure<'a>>),
    /// The check could not be evaluated (a CEL error): reported, and a condition is false.
    Error(String),
}

/// What a node's value says about one assertion.
enum Verdict {
    Ok,
    Fail(String),
    /// Not applicable (the other date of a comparison is not set).
    Skip,
}

/// Per-run state shared by every rule.
pub(super) struct Eval<'a> {
    pub docs: &'a [Doc],
    pub valid: &'a [bool],
    /// (kind, id) → first document with it.
    pub index: HashMap<(&'a str, &'a str), usize>,
    pub as_of: Date,
    pub cel: Option<Runtime<'a>>,
    /// Source of each rule file, for the label on the rule.
    pub files: &'a [SourceId],
}

/// Per-rule state.
struct Frame<'r, 'a> {
    rule: &'a CompiledRule,
    doc: usize,
    params: &'r [f64],
    cel_params: &'r (dyn cel::common::value::Val + 'a),
}

impl<'a> Eval<'a> {
    pub fn new(
        docs: &'a [Doc],
        valid: &'a [bool],
        as_of: Date,
        cel: Option<Runtime<'a>>,
        files: &'a [SourceId],
    ) -> Self {
        let mut index = HashMap::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            index.entry((d.kind.as_str(), d.id.as_str())).or_insert(i);
        }
        Self {
            docs,
            valid,
            index,
            as_of,
            cel,
            files,
        }
    }

    /// Runs one rule over every schema-valid document of its kind.
    pub fn rule(&self, rule: &'a CompiledRule, params: &[f64], out: &mut Vec<Finding>) {
        let named: Vec<(String, f64)> = rule
            .params
            .iter()
            .zip(params)
            .map(|((n, _), v)| (n.clone(), *v))
            .collect();
        let cel_params = celx::params(&named);
        for selection in &rule.selections {
            let mut selected = Vec::new();
            let mut binds = Vec::new();
            for (i, d) in self.docs.iter().enumerate() {
                if d.kind.as_str() != selection.kind || !self.valid.get(i).copied().unwrap_or(false)
                {
                    continue;
                }
                let frame = Frame {
                    rule,
                    doc: i,
                    params,
                    cel_params: cel_params.as_ref(),
                };
                let root = &d.doc.value;
                if let Some(filter) = &selection.filter {
                    match self.check(&frame, &[], root, filter, &binds) {
                        Outcome::Pass(_) => {}
                        Outcome::Fail(_) => continue,
                        Outcome::Error(e) => {
                            out.push(self.error(&frame, &[], filter, &e));
                            continue;
                        }
                    }
                }
                selected.push(i);
                self.steps(&frame, &[], root, &selection.body, &mut binds, out);
                binds.clear();
            }
            for graph in &selection.graphs {
                self.graph(rule, graph, &selected, out);
            }
        }
    }

    fn steps(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: &'a Value,
        steps: &'a [Step],
        binds: &mut Vec<Bind<'a>>,
        out: &mut Vec<Finding>,
    ) {
        let scope = binds.len();
        for step in steps {
            match step {
                Step::Assert(check) => match self.check(f, subject, value, check, binds) {
                    Outcome::Pass(Some(bind)) => binds.push(bind),
                    Outcome::Pass(None) => {}
                    Outcome::Fail(failures) => {
                        for failure in failures {
                            out.push(self.finding(f, subject, value, check, &failure, binds));
                        }
                    }
                    Outcome::Error(e) => out.push(self.error(f, subject, check, &e)),
                },
                Step::When(check, body) => match self.check(f, subject, value, check, binds) {
                    Outcome::Pass(bind) => {
                        let before = binds.len();
                        binds.extend(bind);
                        self.steps(f, subject, value, body, binds, out);
                        binds.truncate(before);
                    }
                    Outcome::Fail(_) => {}
                    Outcome::Error(e) => out.push(self.error(f, subject, check, &e)),
                },
                Step::Each(path, body) => {
                    for hit in resolve(Some(value), subject, &path.segs) {
                        if let Some(v) = hit.value.filter(|v| !v.is_null()) {
                            let before = binds.len();
                            self.steps(f, &hit.ptr, v, body, binds, out);
                            binds.truncate(before);
                        }
                    }
                }
            }
        }
        binds.truncate(scope);
    }

    /// The document, base pointer and value a path starts from.
    fn base<'b>(
        &self,
        f: &Frame<'_, 'a>,
        subject: &'b [PSeg<'a>],
        value: &'a Value,
        path: &Path,
        binds: &'b [Bind<'a>],
    ) -> Option<(usize, &'b [PSeg<'a>], &'a Value, Option<&'b Bind<'a>>)> {
        match &path.root {
            Root::Subject => Some((f.doc, subject, value, None)),
            Root::Binding(name) => {
                let b = binds.iter().rev().find(|b| b.name == name)?;
                Some((b.doc, &[], &self.docs[b.doc].doc.value, Some(b)))
            }
            Root::AsOf => None,
        }
    }

    fn check(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: &'a Value,
        check: &'a Check,
        binds: &[Bind<'a>],
    ) -> Outcome<'a> {
        match &check.test {
            Test::Expr(expr) => {
                let Some(runtime) = &self.cel else {
                    return Outcome::Error("CEL is not available".into());
                };
                let bindings: Vec<(&str, usize)> = binds.iter().map(|b| (b.name, b.doc)).collect();
                let scope = celx::Scope {
                    doc: f.doc,
                    subject: (!subject.is_empty()).then_some(value),
                    params: f.cel_params,
                    bindings: &bindings,
                };
                match runtime.eval(expr, &scope) {
                    Ok(true) => Outcome::Pass(None),
                    Ok(false) => Outcome::Fail(vec![Failure {
                        doc: f.doc,
                        ptr: subject.to_vec(),
                        value: Some(value),
                        message: format!("`{}` is false", expr.source),
                        origin: None,
                    }]),
                    Err(e) => {
                        Outcome::Error(format!("`{}` cannot be evaluated here: {e}", expr.source))
                    }
                }
            }
            Test::Path(path, op) => {
                let Some((doc, base, start, bind)) = self.base(f, subject, value, path, binds)
                else {
                    return Outcome::Pass(None);
                };
                let hits = resolve(Some(start), base, &path.segs);
                let single = !path.has_wildcard();
                let mut failures = Vec::new();
                let mut bound = None;
                for hit in hits {
                    match self.verdict(f, subject, value, op, &hit, doc, binds) {
                        Verdict::Ok => {
                            if let (Op::Ref { kind, name }, true) = (op, single)
                                && let Some(id) = hit.present().and_then(Value::as_str)
                                && let Some(&target) = self.index.get(&(*kind, id))
                                && !name.is_empty()
                            {
                                bound = Some(Bind {
                                    name,
                                    doc: target,
                                    origin: bind
                                        .map_or_else(|| hit.ptr.clone(), |b| b.origin.clone()),
                                });
                            }
                        }
                        Verdict::Skip => {}
                        Verdict::Fail(message) => failures.push(Failure {
                            doc,
                            value: hit.value,
                            message,
                            origin: bind.map(|b| b.origin.clone()),
                            ptr: hit.ptr,
                        }),
                    }
                }
                if failures.is_empty() {
                    Outcome::Pass(bound)
                } else {
                    Outcome::Fail(failures)
                }
            }
        }
    }

    /// A person's name for a node: `spec.x`, or `spec.x` of `Kind/id` in another document.
    fn name(&self, f: &Frame<'_, 'a>, doc: usize, ptr: &[PSeg<'_>]) -> String {
        if doc == f.doc {
            format!("`{}`", dotted(ptr))
        } else {
            let d = &self.docs[doc];
            format!("`{}` of {} `{}`", dotted(ptr), d.kind, d.id)
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "the evaluation context of one node"
    )]
    fn verdict(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: &'a Value,
        op: &Op,
        hit: &Hit<'a>,
        doc: usize,
        binds: &[Bind<'a>],
    ) -> Verdict {
        let name = || self.name(f, doc, &hit.ptr);
        let present = hit.present();
        match op {
            Op::Exists => {
                return if present.is_some() {
                    Verdict::Ok
                } else {
                    Verdict::Fail(format!("{} is not set", name()))
                };
            }
            Op::Absent => {
                return match present {
                    Some(v) => {
                        Verdict::Fail(format!("{} is set to {}; it must not be", name(), show(v)))
                    }
                    None => Verdict::Ok,
                };
            }
            _ => {}
        }
        let Some(v) = present else {
            return Verdict::Fail(format!("{} is not set", name()));
        };
        let num = |n: &Num| match *n {
            Num::Lit(x) => x,
            Num::Param(i) => f.params.get(i).copied().unwrap_or(f64::NAN),
        };
        match op {
            Op::Exists | Op::Absent => Verdict::Ok,
            Op::Equals(want) => {
                if same(v, want) {
                    Verdict::Ok
                } else {
                    Verdict::Fail(format!(
                        "{} is {}, expected {}",
                        name(),
                        show(v),
                        show(want)
                    ))
                }
            }
            Op::NotEquals(want) => {
                if same(v, want) {
                    Verdict::Fail(format!("{} is {}", name(), show(v)))
                } else {
                    Verdict::Ok
                }
            }
            Op::OneOf(items) | Op::NoneOf(items) => {
                let text = scalar(v);
                let member = text
                    .as_deref()
                    .is_some_and(|t| items.iter().any(|i| i == t));
                match (op, member) {
                    (Op::OneOf(_), true) | (Op::NoneOf(_), false) => Verdict::Ok,
                    (Op::OneOf(_), false) => Verdict::Fail(format!(
                        "{} is {}, expected {}",
                        name(),
                        show(v),
                        crate::suggest::list_or(items)
                    )),
                    _ => Verdict::Fail(format!("{} is {}", name(), show(v))),
                }
            }
            Op::Matches(re) => match v.as_str() {
                Some(s) if re.is_match(s) => Verdict::Ok,
                Some(_) => Verdict::Fail(format!(
                    "{} is {}, which does not match `{}`",
                    name(),
                    show(v),
                    re.as_str()
                )),
                None => Verdict::Fail(format!(
                    "{} is a {}, expected a string",
                    name(),
                    type_name(v)
                )),
            },
            Op::Min(n) | Op::Max(n) => {
                let limit = num(n);
                let Some(x) = v.as_f64() else {
                    return Verdict::Fail(format!(
                        "{} is a {}, expected a number",
                        name(),
                        type_name(v)
                    ));
                };
                match op {
                    Op::Min(_) if x < limit => Verdict::Fail(format!(
                        "{} is {}, below the minimum {}",
                        name(),
                        show(v),
                        number(limit)
                    )),
                    Op::Max(_) if x > limit => Verdict::Fail(format!(
                        "{} is {}, above the maximum {}",
                        name(),
                        show(v),
                        number(limit)
                    )),
                    _ => Verdict::Ok,
                }
            }
            Op::MaxDuration(limit, text) => {
                match v.as_str().and_then(super::parse::duration_minutes) {
                    Some(m) if m <= *limit => Verdict::Ok,
                    Some(_) => {
                        Verdict::Fail(format!("{} is {}, longer than {text}", name(), show(v)))
                    }
                    None => Verdict::Fail(format!(
                        "{} is {}, not a duration such as `4h`",
                        name(),
                        show(v)
                    )),
                }
            }
            Op::MaxAgeDays(n) => {
                let limit = num(n);
                let Some(d) = v.as_str().and_then(Date::parse) else {
                    return Verdict::Fail(format!("{} is {}, not a date", name(), show(v)));
                };
                let age = self.as_of.days() - d.days();
                #[allow(clippy::cast_precision_loss, reason = "day counts are small")]
                if age as f64 > limit {
                    Verdict::Fail(format!(
                        "{} is {d}, {age} days before {}; at most {} days are allowed",
                        name(),
                        self.as_of,
                        number(limit)
                    ))
                } else {
                    Verdict::Ok
                }
            }
            Op::Date(cmp, other) => {
                let Some(mine) = v.as_str().and_then(Date::parse) else {
                    return Verdict::Fail(format!("{} is {}, not a date", name(), show(v)));
                };
                let (theirs, their_name) = if other.root == Root::AsOf {
                    (Some(self.as_of), "the as-of date".to_owned())
                } else {
                    let Some((odoc, obase, ostart, _)) = self.base(f, subject, value, other, binds)
                    else {
                        return Verdict::Skip;
                    };
                    let hits = resolve(Some(ostart), obase, &other.segs);
                    let Some(h) = hits.first() else {
                        return Verdict::Skip;
                    };
                    (
                        h.present().and_then(Value::as_str).and_then(Date::parse),
                        self.name(f, odoc, &h.ptr),
                    )
                };
                let Some(theirs) = theirs else {
                    return Verdict::Skip;
                };
                let ok = match cmp {
                    DateCmp::Before => mine < theirs,
                    DateCmp::After => mine > theirs,
                    DateCmp::NotBefore => mine >= theirs,
                    DateCmp::NotAfter => mine <= theirs,
                };
                if ok {
                    return Verdict::Ok;
                }
                let relation = match cmp {
                    DateCmp::Before => "not before",
                    DateCmp::After => "not after",
                    DateCmp::NotBefore => "before",
                    DateCmp::NotAfter => "after",
                };
                Verdict::Fail(format!(
                    "{} is {mine}, {relation} {their_name} ({theirs})",
                    name()
                ))
            }
            Op::Ref { kind, .. } => {
                let Some(id) = v.as_str() else {
                    return Verdict::Fail(format!(
                        "{} is a {}, expected the id of a {kind}",
                        name(),
                        type_name(v)
                    ));
                };
                if self.index.contains_key(&(*kind, id)) {
                    return Verdict::Ok;
                }
                let ids = self
                    .docs
                    .iter()
                    .filter(|d| d.kind.as_str() == *kind)
                    .map(|d| d.id.as_str());
                let suggestion = crate::suggest::closest(id, ids)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Verdict::Fail(format!(
                    "{} names `{id}`, but there is no {kind} `{id}`{suggestion}",
                    name()
                ))
            }
        }
    }

    /// The location of a node of the subject's document; the root becomes its `metadata.id`,
    /// so a finding about the whole document does not underline all of it.
    fn loc(&self, doc: usize, ptr: &[PSeg<'_>]) -> Location {
        let d = &self.docs[doc];
        if ptr.is_empty() {
            d.loc("/metadata/id")
        } else {
            d.loc(&pointer(ptr))
        }
    }

    fn rule_label(&self, rule: &CompiledRule, span: &std::ops::Range<usize>) -> Location {
        Location::new(self.files[rule.file], span.clone())
    }

    fn finding(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: &'a Value,
        check: &'a Check,
        failure: &Failure<'a>,
        binds: &[Bind<'a>],
    ) -> Finding {
        let d = &self.docs[f.doc];
        let mut labels = Vec::new();
        let primary: Vec<PSeg<'a>> = if let Some(at) = &check.at {
            let hits = resolve(Some(value), subject, &at.segs);
            let ptr = hits
                .into_iter()
                .next()
                .map_or_else(|| subject.to_vec(), |h| h.ptr);
            if failure.doc == f.doc && ptr != failure.ptr {
                labels.push((self.loc(f.doc, &failure.ptr), "checked here".to_owned()));
            }
            ptr
        } else if failure.doc == f.doc {
            failure.ptr.clone()
        } else {
            failure.origin.clone().unwrap_or_else(|| subject.to_vec())
        };
        if failure.doc != f.doc {
            let other = &self.docs[failure.doc];
            labels.push((
                self.loc(failure.doc, &failure.ptr),
                format!(
                    "{} `{}`: `{}` is {}",
                    other.kind,
                    other.id,
                    dotted(&failure.ptr),
                    failure
                        .value
                        .filter(|v| !v.is_null())
                        .map_or_else(|| "not set".to_owned(), show)
                ),
            ));
        }
        let message = match &check.message {
            Some(t) => self.render(t, f, subject, value, binds, failure, None),
            None => failure.message.clone(),
        };
        let mut finding = Finding::new(&f.rule.meta, self.loc(f.doc, &primary), message)
            .target(d.target(&pointer(&primary)))
            .data("path", dotted(&failure.ptr));
        for (location, message) in labels {
            finding = finding.label(location, message);
        }
        finding = finding.label(
            self.rule_label(f.rule, &check.span),
            format!("required by rule `{}`", f.rule.meta.id),
        );
        if let Some(h) = &f.rule.help {
            finding = finding.help(h.clone());
        }
        finding
    }

    fn error(&self, f: &Frame<'_, 'a>, subject: &[PSeg<'a>], check: &Check, e: &str) -> Finding {
        let d = &self.docs[f.doc];
        Finding::new(&f.rule.meta, self.loc(f.doc, subject), e.to_owned())
            .target(d.target(&pointer(subject)))
            .label(self.rule_label(f.rule, &check.span), "this expression failed".to_owned())
            .help("fix the rule so that it guards against missing fields, e.g. with `has(self.spec.x)`")
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "everything a message hole may read"
    )]
    fn render(
        &self,
        t: &Template,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: &'a Value,
        binds: &[Bind<'a>],
        failure: &Failure<'a>,
        cycle: Option<&str>,
    ) -> String {
        let mut out = String::new();
        for part in &t.parts {
            match part {
                Part::Text(s) => out.push_str(s),
                Part::Value => out.push_str(&plain(failure.value.filter(|v| !v.is_null()))),
                Part::Path => out.push_str(&dotted(&failure.ptr)),
                Part::Cycle => out.push_str(cycle.unwrap_or("")),
                Part::Read(path) if path.root == Root::AsOf => {
                    let _ = write!(out, "{}", self.as_of);
                }
                Part::Read(path) => {
                    let values: Vec<String> = self
                        .base(f, subject, value, path, binds)
                        .map(|(_, base, start, _)| {
                            resolve(Some(start), base, &path.segs)
                                .iter()
                                .map(|h| plain(h.present()))
                                .collect()
                        })
                        .unwrap_or_default();
                    out.push_str(&if values.is_empty() {
                        "none".to_owned()
                    } else {
                        values.join(", ")
                    });
                }
            }
        }
        out
    }

    /// `acyclic`: one finding per cycle among the selected documents.
    fn graph(
        &self,
        rule: &'a CompiledRule,
        graph: &'a Graph,
        selected: &[usize],
        out: &mut Vec<Finding>,
    ) {
        let mut node_of: HashMap<&str, usize> = HashMap::with_capacity(selected.len());
        for (n, &d) in selected.iter().enumerate() {
            node_of.entry(self.docs[d].id.as_str()).or_insert(n);
        }
        let mut edges: Vec<Vec<usize>> = Vec::with_capacity(selected.len());
        let mut edge_at: Vec<Vec<Vec<PSeg<'a>>>> = Vec::with_capacity(selected.len());
        for &d in selected {
            let mut targets = Vec::new();
            let mut ptrs = Vec::new();
            for hit in resolve(Some(&self.docs[d].doc.value), &[], &graph.path.segs) {
                let mut add = |id: &str, ptr: Vec<PSeg<'a>>| {
                    if let Some(&n) = node_of.get(id) {
                        targets.push(n);
                        ptrs.push(ptr);
                    }
                };
                match hit.present() {
                    Some(Value::String(id)) => add(id, hit.ptr.clone()),
                    Some(Value::Array(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            if let Some(id) = item.as_str() {
                                let mut ptr = hit.ptr.clone();
                                ptr.push(PSeg::Idx(i));
                                add(id, ptr);
                            }
                        }
                    }
                    _ => {}
                }
            }
            edges.push(targets);
            edge_at.push(ptrs);
        }
        for cycle in super::graph::cycles(&edges) {
            let ids: Vec<&str> = cycle
                .iter()
                .map(|&n| self.docs[selected[n]].id.as_str())
                .collect();
            let mut shown: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
            shown.push(format!("`{}`", ids[0]));
            let text = shown.join(" → ");
            let edge = |k: usize| -> (usize, Vec<PSeg<'a>>) {
                let from = cycle[k];
                let to = cycle[(k + 1) % cycle.len()];
                let at = edges[from]
                    .iter()
                    .position(|&t| t == to)
                    .and_then(|i| edge_at[from].get(i).cloned())
                    .unwrap_or_default();
                (selected[from], at)
            };
            let (doc, ptr) = edge(0);
            let frame_params: Vec<f64> = Vec::new();
            let empty = celx::params(&[]);
            let f = Frame {
                rule,
                doc,
                params: &frame_params,
                cel_params: empty.as_ref(),
            };
            let root = &self.docs[doc].doc.value;
            let failure = Failure {
                doc,
                ptr: ptr.clone(),
                value: None,
                message: String::new(),
                origin: None,
            };
            let message = match &graph.message {
                Some(t) => self.render(t, &f, &[], root, &[], &failure, Some(&text)),
                None => format!("{text} is a cycle through `{}`", graph.path.text),
            };
            let d = &self.docs[doc];
            let mut finding = Finding::new(&rule.meta, self.loc(doc, &ptr), message)
                .target(d.target(&pointer(&ptr)))
                .data(
                    "cycle",
                    ids.iter()
                        .map(|s| Value::String((*s).to_owned()))
                        .collect::<Vec<_>>(),
                );
            for k in 1..cycle.len() {
                let (from, at) = edge(k);
                let to = cycle[(k + 1) % cycle.len()];
                finding = finding.label(
                    self.loc(from, &at),
                    format!(
                        "`{}` → `{}`",
                        self.docs[from].id, self.docs[selected[to]].id
                    ),
                );
            }
            finding = finding.label(
                self.rule_label(rule, &graph.span),
                format!("required by rule `{}`", rule.meta.id),
            );
            if let Some(h) = &rule.help {
                finding = finding.help(h.clone());
            }
            out.push(finding);
        }
    }
}

/// Equality as a person means it: numbers by value (`99` equals `99.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// A scalar as text, for `one-of`; lists and mappings have none.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A value in a default message: strings in backticks, numbers and booleans bare.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        Value::Array(items) if items.is_empty() => "an empty list".into(),
        Value::Array(items) => {
            let shown: Vec<String> = items.iter().map(show).collect();
            format!("[{}]", shown.join(", "))
        }
        Value::Object(_) => "a mapping".into(),
        other => other.to_string(),
    }
}

/// A value in a `message=` hole: as plain as possible, `none` when not set.
fn plain(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "none".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.is_empty() => "none".into(),
        Some(Value::Array(items)) => {
            let shown: Vec<String> = items.iter().map(|i| plain(Some(i))).collect();
            shown.join(", ")
        }
        Some(Value::Object(_)) => "a mapping".into(),
        Some(other) => other.to_string(),
    }
}

/// A limit as written: `99.5`, `365` (not `365.0`).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}
