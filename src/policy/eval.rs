//! Evaluates compiled rules over the loaded documents. Values are borrowed, never cloned: paths
//! resolve to nodes of each document's table, and pointers are built only for findings.

use std::cell::RefCell;
use std::fmt::Write as _;

use super::cel::{self as celx, Runtime};
use super::compile::{Check, CompiledRule, Part, SetCheck, Step, Template, Test};
use super::ops::{self, Context, DateRead, SetFailure, Verdict, bare, show};
use super::path::{Hit, Hits, PSeg, Path, Ptr, Root, Seg, dotted, pointer, resolve, walk};
use crate::date::Date;
use crate::finding::{Finding, Location};
use crate::kind::Kind;
use crate::load::Doc;
use crate::load::tree::{NodeKind, NodeRef};
use crate::source::SourceId;

/// A document bound by `ref`, readable as `@name`.
#[derive(Debug, Clone)]
struct Bind<'a> {
    name: &'a str,
    doc: usize,
    /// Where the reference is written in the subject's document: findings about the bound
    /// document land there (that is the line to change).
    origin: Ptr<'a>,
}

/// One node that failed an assertion.
struct Failure<'a> {
    doc: usize,
    ptr: Ptr<'a>,
    value: Option<NodeRef<'a>>,
    message: String,
    /// Set when the node is in another document, reached through a binding.
    origin: Option<Ptr<'a>>,
}

/// What [`Eval::check`] found.
enum Outcome<'a> {
    /// It held, with the binding a `ref` made.
    Pass(Option<Bind<'a>>),
    /// It did not hold. A quiet check (a `where` filter, a `when` guard) collects no failures,
    /// so an empty list is a failure too: only an assertion's list says what failed.
    Fail(Vec<Failure<'a>>),
    /// The check could not be evaluated (a CEL error): reported, and a condition is false.
    Error(String),
}

/// (kind, id) → the first document with it: one table per kind, each holding its ids copied
/// into one string, one after another, and where each is. Keyed by the documents' own ids (or
/// by a copy of each, which the allocator put in whatever the loader had freed), each lookup
/// read a string somewhere in the whole corpus's memory, and at ×50 the policy rules' reference
/// lookups took 15× the time they took at ×10 for 5× the lookups; in one table for every kind,
/// a lookup of one of 3,000 services probed a table of 60,000 documents, which at ×50 no longer
/// stayed in the cache (issue 18).
pub(super) struct DocIndex {
    kinds: [crate::hash::Ids; Kind::ALL.len()],
}

impl DocIndex {
    pub fn new(docs: &[Doc]) -> Self {
        // Each kind's count and bytes of ids, so its table and text are sized once.
        let mut sizes = [(0, 0); Kind::ALL.len()];
        for d in docs {
            let (count, bytes) = &mut sizes[d.kind as usize];
            *count += 1;
            *bytes += d.id.len();
        }
        let mut kinds = sizes.map(|(count, bytes)| crate::hash::Ids::with_capacity(count, bytes));
        for (doc, d) in docs.iter().enumerate() {
            // the first document with the id is the one a reference names
            kinds[d.kind as usize].insert(&d.id, doc);
        }
        Self { kinds }
    }

    pub fn get(&self, kind: Kind, id: &str) -> Option<usize> {
        self.kinds[kind as usize].find(id)
    }
}

/// Per-run state shared by every rule.
pub(super) struct Eval<'a> {
    pub docs: &'a [Doc],
    pub valid: &'a [bool],
    /// (kind, id) → first document with it.
    pub index: DocIndex,
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
    memo: &'r RefCell<celx::Memo>,
    bound: &'r RefCell<Bound<'a>>,
}

/// One rule's run over the documents, which may be taken a block at a time
/// ([`Eval::run_over`]): what it has selected and found so far, per selection, and what it
/// keeps between documents. Its findings come out as one run over all the documents gives
/// them: each selection's documents in order, then that selection's checks of the whole set.
pub(super) struct RuleRun<'r, 'a> {
    rule: &'a CompiledRule,
    params: &'r [f64],
    cel_params: Box<dyn cel::common::value::Val + 'a>,
    memo: RefCell<celx::Memo>,
    bound: RefCell<Bound<'a>>,
    selected: Vec<Vec<usize>>,
    out: Vec<Vec<Finding>>,
}

impl<'r, 'a> RuleRun<'r, 'a> {
    pub fn new(rule: &'a CompiledRule, params: &'r [f64]) -> Self {
        let named: Vec<(String, f64)> = rule
            .params
            .iter()
            .zip(params)
            .map(|((n, _), v)| (n.clone(), *v))
            .collect();
        let n = rule.selections.len();
        Self {
            rule,
            params,
            cel_params: celx::params(&named),
            memo: RefCell::new(celx::Memo::default()),
            bound: RefCell::new(Bound::default()),
            selected: vec![Vec::new(); n],
            out: vec![Vec::new(); n],
        }
    }

    /// The run's findings, once every document has been run over.
    pub fn finish(self, eval: &Eval<'a>, out: &mut Vec<Finding>) {
        for ((selection, selected), found) in self
            .rule
            .selections
            .iter()
            .zip(&self.selected)
            .zip(self.out)
        {
            out.extend(found);
            for check in &selection.whole_set {
                for failure in check.assertion.failures(eval.docs, selected, &check.path) {
                    out.push(eval.set_finding(self.rule, check, failure));
                }
            }
        }
    }
}

/// The nodes paths without `[*]` reached in documents bound by `ref`, by document and path
/// (the path's address in the compiled rule), for one rule's run. Every subscription of a
/// corpus names one of a few services, and each of its assertions walked from that service's
/// root again: at ×50 of the national corpus those walks, over 3,000 services' rows scattered
/// in 300 MB, took 8 times as long as at ×10 for 5 times the input (issue 18). The answers
/// are kept in a row per document, side by side: in a hash map by (document, path), each was
/// an entry of its own somewhere in the table, and at ×50 the rule reading three of them per
/// subscription (`service/lifecycle`) took 7 times as long as at ×10. The first [`PATHS`]
/// paths of a rule that are asked are kept, in at most [`BOUND_ROWS`] rows, so that a rule with
/// many paths over many documents stays bounded (the rest are walked each time, as before).
#[derive(Default)]
struct Bound<'a> {
    /// The paths kept, by their place in a row.
    paths: Vec<usize>,
    /// Each document's row, plus one (0: none yet); made on the first answer kept.
    row_of: Vec<u32>,
    rows: Vec<Row<'a>>,
}

/// A document's answers in [`Bound`]: bit `i` of `known` says whether the `i`th path's answer
/// is kept, bit `i` of `none` that it is no node; otherwise it is the node at row `at[i]` of
/// the table of `base` (any node of the document). Forty-eight bytes where four nodes of their own
/// took 104: a row is read for each subscription that names the document, and at ×50 of the
/// many-providers corpus (9,693 services) the rows no longer stayed in the cache between two
/// reads of one (issue 18).
///
/// Beside the nodes, what is read of them most, so that a subscription reads its service's row
/// and not the service's node table and text as well (three more places in memory, which at
/// ×50 fell out of the cache between two subscriptions to one service; the guard on
/// `@ref.spec.lifecycle.stage` and the two dates `service/lifecycle` compares with took 11 times
/// their ×10 time for 5 times the input, issue 18): bit `i` of `judged` says that the `when`
/// guard on the `i`th path has been judged ([`Assertion::judges_the_node_alone`]), and bit `i`
/// of `held` that it held; bit `i` of `dated` that the `i`th path's node has been read as a
/// date, `dates[i]` the date ([`pack`]), or none when bit `i` of `undated` is set. One row is
/// one cache line.
///
/// [`Assertion::judges_the_node_alone`]: ops::Assertion::judges_the_node_alone
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Row<'a> {
    known: u8,
    none: u8,
    judged: u8,
    held: u8,
    dated: u8,
    undated: u8,
    base: Option<NodeRef<'a>>,
    at: [u32; PATHS],
    dates: [u32; PATHS],
}

/// An answer [`Bound`] kept: the node a path reached, or none.
struct Kept<'a>(Option<NodeRef<'a>>);

/// See [`Bound`]: paths kept per rule.
const PATHS: usize = 4;

/// See [`Bound`]: 4.2 MB at most.
const BOUND_ROWS: usize = 1 << 16;

/// A date in the 32 bits of a [`Row`]: the year (0 to 9,999, all `Date::parse` reads) times
/// 512, the month times 32, the day. A date outside those years is not kept.
fn pack(d: Date) -> Option<u32> {
    let year = u32::try_from(d.year).ok().filter(|&y| y < 10_000)?;
    Some(year << 9 | u32::from(d.month) << 5 | u32::from(d.day))
}

/// The date [`pack`] packed.
fn unpack(x: u32) -> Date {
    Date {
        year: i32::try_from(x >> 9).unwrap_or(0),
        // five and four bits: they fit
        month: u8::try_from(x >> 5 & 0xf).unwrap_or(0),
        day: u8::try_from(x & 0x1f).unwrap_or(0),
    }
}

impl<'a> Bound<'a> {
    /// `doc`'s row and the place of `path` (an address) in it, when both are kept.
    fn row(&self, doc: usize, path: usize) -> Option<(&Row<'a>, u8)> {
        let slot = self.paths.iter().position(|&p| p == path)?;
        let row = self.row_of.get(doc)?.checked_sub(1)?;
        Some((self.rows.get(row as usize)?, 1 << slot))
    }

    /// The answer kept for `path` (an address) in document `doc`.
    fn get(&self, doc: usize, path: usize) -> Option<Kept<'a>> {
        let (row, bit) = self.row(doc, path)?;
        if row.known & bit == 0 {
            return None;
        }
        if row.none & bit != 0 {
            return Some(Kept(None));
        }
        let slot = bit.trailing_zeros() as usize;
        Some(Kept(Some(row.base?.at_row(*row.at.get(slot)?))))
    }

    /// Whether the `when` guard on `path` held in document `doc`, if it has been judged.
    fn guard(&self, doc: usize, path: usize) -> Option<bool> {
        let (row, bit) = self.row(doc, path)?;
        (row.judged & bit != 0).then_some(row.held & bit != 0)
    }

    /// The date `path`'s node in `doc` reads as, if it has been read.
    fn date(&self, doc: usize, path: usize) -> Option<DateRead> {
        let (row, bit) = self.row(doc, path)?;
        if row.dated & bit == 0 {
            return None;
        }
        if row.undated & bit != 0 {
            return Some(DateRead::NotADate);
        }
        let slot = bit.trailing_zeros() as usize;
        Some(DateRead::Date(unpack(*row.dates.get(slot)?)))
    }

    /// Keeps `node` as the answer for `path` in document `doc` of `docs`, if there is room.
    fn insert(&mut self, docs: usize, doc: usize, path: usize, node: Option<NodeRef<'a>>) {
        let Some((row, slot)) = self.row_mut(docs, doc, path) else {
            return;
        };
        match node {
            // every path is walked from the document's root: one table for all
            Some(node) => {
                row.base.get_or_insert(node);
                if let Some(r) = row.at.get_mut(slot) {
                    *r = node.row();
                }
            }
            None => row.none |= 1 << slot,
        }
        row.known |= 1 << slot;
    }

    /// Keeps whether the `when` guard on `path` held in document `doc`, if there is room.
    fn keep_guard(&mut self, docs: usize, doc: usize, path: usize, held: bool) {
        if let Some((row, slot)) = self.row_mut(docs, doc, path) {
            row.judged |= 1 << slot;
            if held {
                row.held |= 1 << slot;
            }
        }
    }

    /// Keeps the date `path`'s node in `doc` reads as, if there is room and it packs (a path
    /// that reaches no node is not kept: it is not read through a binding).
    fn keep_date(&mut self, docs: usize, doc: usize, path: usize, date: DateRead) {
        let packed = match date {
            DateRead::Date(d) => match pack(d) {
                Some(x) => Some(x),
                None => return,
            },
            DateRead::NotADate => None,
            DateRead::Unreached => return,
        };
        if let Some((row, slot)) = self.row_mut(docs, doc, path) {
            match packed {
                Some(x) => {
                    if let Some(d) = row.dates.get_mut(slot) {
                        *d = x;
                    }
                }
                None => row.undated |= 1 << slot,
            }
            row.dated |= 1 << slot;
        }
    }

    /// `doc`'s row (made if there is room) and the place of `path` in it (taken if one is free).
    fn row_mut(&mut self, docs: usize, doc: usize, path: usize) -> Option<(&mut Row<'a>, usize)> {
        let slot = match self.paths.iter().position(|&p| p == path) {
            Some(slot) => slot,
            None if self.paths.len() < PATHS => {
                self.paths.push(path);
                self.paths.len() - 1
            }
            None => return None,
        };
        if self.row_of.is_empty() {
            self.row_of = vec![0; docs];
        }
        let row_of = self.row_of.get_mut(doc)?;
        if *row_of == 0 {
            if self.rows.len() >= BOUND_ROWS {
                return None;
            }
            self.rows.push(Row::default());
            *row_of = u32::try_from(self.rows.len()).unwrap_or(0);
        }
        let row = (*row_of as usize).checked_sub(1)?;
        Some((self.rows.get_mut(row)?, slot))
    }
}

/// What [`Eval::through_ref`] found of a path.
enum ThroughRef<'b, 'a> {
    /// A path with `[*]`, or one that does not start at a binding: resolve it.
    No,
    /// Its binding is not in scope: the path reads nothing (as [`Eval::base`] says).
    Unbound,
    /// The binding, and the node the path leads to in its document, or none.
    At(&'b Bind<'a>, Option<NodeRef<'a>>),
}

impl<'a> Eval<'a> {
    pub fn new(
        docs: &'a [Doc],
        valid: &'a [bool],
        as_of: Date,
        cel: Option<Runtime<'a>>,
        files: &'a [SourceId],
    ) -> Self {
        let index = DocIndex::new(docs);
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
    #[cfg(test)]
    pub fn rule(&self, rule: &'a CompiledRule, params: &[f64], out: &mut Vec<Finding>) {
        let mut run = RuleRun::new(rule, params);
        self.run_over(&mut run, 0..self.docs.len());
        run.finish(self, out);
    }

    /// Runs `run`'s rule over the documents at `docs` (places in [`Eval::docs`]), after those
    /// before them: each selection's documents in order, the findings kept per selection.
    pub fn run_over(&self, run: &mut RuleRun<'_, 'a>, docs: std::ops::Range<usize>) {
        let rule = run.rule;
        let cel_params = run.cel_params.as_ref();
        let mut binds = Vec::new();
        for (s, selection) in rule.selections.iter().enumerate() {
            let (Some(selected), Some(out)) = (run.selected.get_mut(s), run.out.get_mut(s)) else {
                continue;
            };
            for i in docs.clone() {
                let Some(d) = self.docs.get(i) else {
                    break;
                };
                if d.kind != selection.kind || !self.valid.get(i).copied().unwrap_or(false) {
                    continue;
                }
                let frame = Frame {
                    rule,
                    doc: i,
                    params: run.params,
                    cel_params,
                    memo: &run.memo,
                    bound: &run.bound,
                };
                let root = d.root();
                if let Some(filter) = &selection.filter {
                    match self.check(&frame, &[], root, filter, &binds, true) {
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
        }
    }

    fn steps(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: NodeRef<'a>,
        steps: &'a [Step],
        binds: &mut Vec<Bind<'a>>,
        out: &mut Vec<Finding>,
    ) {
        let scope = binds.len();
        for step in steps {
            match step {
                Step::Assert(check) => match self.check(f, subject, value, check, binds, false) {
                    Outcome::Pass(Some(bind)) => binds.push(bind),
                    Outcome::Pass(None) => {}
                    Outcome::Fail(failures) => {
                        for failure in failures {
                            out.push(self.finding(f, subject, value, check, &failure, binds));
                        }
                    }
                    Outcome::Error(e) => out.push(self.error(f, subject, check, &e)),
                },
                Step::When(check, body) => {
                    match self.check(f, subject, value, check, binds, true) {
                        Outcome::Pass(bind) => {
                            let before = binds.len();
                            binds.extend(bind);
                            self.steps(f, subject, value, body, binds, out);
                            binds.truncate(before);
                        }
                        Outcome::Fail(_) => {}
                        Outcome::Error(e) => out.push(self.error(f, subject, check, &e)),
                    }
                }
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
        value: NodeRef<'a>,
        path: &Path,
        binds: &'b [Bind<'a>],
    ) -> Option<(usize, &'b [PSeg<'a>], NodeRef<'a>, Option<&'b Bind<'a>>)> {
        match &path.root {
            Root::Subject => Some((f.doc, subject, value, None)),
            Root::Binding(name) => {
                let b = binds.iter().rev().find(|b| b.name == name)?;
                Some((b.doc, &[], self.docs[b.doc].root(), Some(b)))
            }
            Root::AsOf => None,
        }
    }

    /// The binding a path without `[*]` reads, and the node it leads to there, walked once per
    /// document and path in a rule's run ([`Bound`]).
    fn through_ref<'b>(
        &self,
        f: &Frame<'_, 'a>,
        path: &Path,
        binds: &'b [Bind<'a>],
    ) -> ThroughRef<'b, 'a> {
        let Some((b, at)) = Self::bound_path(path, binds) else {
            return if matches!(path.root, Root::Binding(_)) && !path.has_wildcard() {
                ThroughRef::Unbound
            } else {
                ThroughRef::No
            };
        };
        if let Some(Kept(node)) = f.bound.borrow().get(b.doc, at) {
            return ThroughRef::At(b, node);
        }
        let node = walk(Some(self.docs[b.doc].root()), &path.segs);
        f.bound
            .borrow_mut()
            .insert(self.docs.len(), b.doc, at, node);
        ThroughRef::At(b, node)
    }

    /// The outcome of `check` on the subject. `quiet` when only whether it passed is read (a
    /// `where` filter, a `when` guard): its failures then carry no words.
    fn check(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: NodeRef<'a>,
        check: &'a Check,
        binds: &[Bind<'a>],
        quiet: bool,
    ) -> Outcome<'a> {
        match &check.test {
            Test::Expr(expr) => {
                let Some(runtime) = &self.cel else {
                    return Outcome::Error("CEL is not available".into());
                };
                // On the stack: an expression is evaluated for each subscription.
                let bindings: smallvec::SmallVec<[(&str, usize); 4]> =
                    binds.iter().map(|b| (b.name, b.doc)).collect();
                let scope = celx::Scope {
                    doc: f.doc,
                    subject: (!subject.is_empty()).then_some(value),
                    params: f.cel_params,
                    bindings: &bindings,
                };
                let found = f.memo.borrow_mut().eval(runtime, expr, &scope);
                match found {
                    Ok(true) => Outcome::Pass(None),
                    // Only whether it passed is read: no words, and no list to hold them.
                    Ok(false) if quiet => Outcome::Fail(Vec::new()),
                    Ok(false) => Outcome::Fail(vec![Failure {
                        doc: f.doc,
                        ptr: Ptr::from_slice(subject),
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
                // A `when` guard through a reference whose operator judges the node alone is
                // judged once per bound document ([`Bound`]).
                let guard = if quiet && op.judges_the_node_alone() {
                    Self::bound_path(path, binds)
                } else {
                    None
                };
                if let Some((b, at)) = guard {
                    let kept = f.bound.borrow().guard(b.doc, at);
                    match kept {
                        Some(true) => return Outcome::Pass(None),
                        Some(false) => return Outcome::Fail(Vec::new()),
                        None => {}
                    }
                }
                let outcome = self.path_outcome(f, subject, value, path, op.as_ref(), binds, quiet);
                if let Some((b, at)) = guard {
                    let held = matches!(outcome, Outcome::Pass(_));
                    f.bound
                        .borrow_mut()
                        .keep_guard(self.docs.len(), b.doc, at, held);
                }
                outcome
            }
        }
    }

    /// The binding in scope a path without `[*]` reads through, and the path's address: what
    /// [`Bound`] keeps its answers by (with the binding's document).
    fn bound_path<'b>(path: &Path, binds: &'b [Bind<'a>]) -> Option<(&'b Bind<'a>, usize)> {
        let Root::Binding(name) = &path.root else {
            return None;
        };
        if path.has_wildcard() {
            return None;
        }
        let b = binds.iter().rev().find(|b| b.name == name)?;
        Some((b, std::ptr::from_ref(path).addr()))
    }

    /// The outcome of a path's operator on the nodes the path reaches ([`Eval::check`]).
    #[allow(
        clippy::too_many_arguments,
        reason = "the evaluation context of one node"
    )]
    fn path_outcome(
        &self,
        f: &Frame<'_, 'a>,
        subject: &[PSeg<'a>],
        value: NodeRef<'a>,
        path: &'a Path,
        op: &'a dyn ops::Assertion,
        binds: &[Bind<'a>],
        quiet: bool,
    ) -> Outcome<'a> {
        let (doc, hits, bind) = match self.through_ref(f, path, binds) {
            // as `base` and `resolve` give it: the path's steps, and the node or none
            ThroughRef::At(b, value) => {
                let ptr = path
                    .segs
                    .iter()
                    .filter_map(|seg| match seg {
                        Seg::Key(k) => Some(PSeg::Key(k)),
                        Seg::Index(i) => Some(PSeg::Idx(*i)),
                        Seg::All => None,
                    })
                    .collect();
                let hits: Hits<'a> = smallvec::smallvec![Hit { ptr, value }];
                (b.doc, hits, Some(b))
            }
            ThroughRef::Unbound => return Outcome::Pass(None),
            ThroughRef::No => {
                let Some((doc, base, start, bind)) = self.base(f, subject, value, path, binds)
                else {
                    return Outcome::Pass(None);
                };
                (doc, resolve(Some(start), base, &path.segs), bind)
            }
        };
        let single = !path.has_wildcard();
        // A quiet check's failures are not read, only that there is one: they are not
        // collected (a `when` that does not hold is most subscriptions' answer, and its
        // list was 146,000 short-lived allocations at ×10 of the national corpus).
        let mut failures = Vec::new();
        let mut failed = false;
        let mut bound = None;
        for hit in hits {
            // The operator's verdict on the node, with what it may read around it.
            let verdict = {
                let node = Node {
                    eval: self,
                    f,
                    subject,
                    value,
                    hit: &hit,
                    doc,
                    binds,
                    quiet,
                };
                match hit.present() {
                    Some(v) => op.check(v, &node),
                    None => op.missing(&node),
                }
            };
            match verdict {
                Verdict::Ok => {
                    if single
                        && let Some((kind, name)) = op.binding()
                        && let Some(id) = hit.present().and_then(|v| v.as_str())
                        && let Some(target) = self.index.get(kind, id)
                    {
                        bound = Some(Bind {
                            name,
                            doc: target,
                            origin: match bind {
                                Some(b) => b.origin.clone(),
                                None => hit.ptr,
                            },
                        });
                    }
                }
                Verdict::Skip => {}
                Verdict::Fail(_) if quiet => failed = true,
                Verdict::Fail(message) => failures.push(Failure {
                    doc,
                    value: hit.value,
                    message,
                    origin: bind.map(|b| b.origin.clone()),
                    ptr: hit.ptr,
                }),
            }
        }
        if failures.is_empty() && !failed {
            Outcome::Pass(bound)
        } else {
            Outcome::Fail(failures)
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
        value: NodeRef<'a>,
        check: &'a Check,
        failure: &Failure<'a>,
        binds: &[Bind<'a>],
    ) -> Finding {
        let d = &self.docs[f.doc];
        let mut labels = Vec::new();
        let primary: Ptr<'a> = if let Some(at) = &check.at {
            let hits = resolve(Some(value), subject, &at.segs);
            let ptr = hits
                .into_iter()
                .next()
                .map_or_else(|| Ptr::from_slice(subject), |h| h.ptr);
            if failure.doc == f.doc && ptr != failure.ptr {
                labels.push((self.loc(f.doc, &failure.ptr), "checked here".to_owned()));
            }
            ptr
        } else if failure.doc == f.doc {
            failure.ptr.clone()
        } else {
            failure
                .origin
                .clone()
                .unwrap_or_else(|| Ptr::from_slice(subject))
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
        self.required_by(finding, f.rule, &check.span)
    }

    /// The label on the rule's node that made `finding`, and the rule's help.
    fn required_by(
        &self,
        finding: Finding,
        rule: &CompiledRule,
        span: &std::ops::Range<usize>,
    ) -> Finding {
        let mut finding = finding.label(
            self.rule_label(rule, span),
            format!("required by rule `{}`", rule.meta.id),
        );
        if let Some(h) = &rule.help {
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
        value: NodeRef<'a>,
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

    /// The finding of a failure of an assertion about the selected documents together.
    fn set_finding(
        &self,
        rule: &'a CompiledRule,
        check: &'a SetCheck,
        failure: SetFailure<'a>,
    ) -> Finding {
        let SetFailure {
            doc,
            ptr,
            message,
            cycle,
            labels,
            data,
        } = failure;
        let message = match &check.message {
            Some(t) => {
                let empty = celx::params(&[]);
                let memo = RefCell::new(celx::Memo::default());
                let bound = RefCell::new(Bound::default());
                let f = Frame {
                    rule,
                    doc,
                    params: &[],
                    cel_params: empty.as_ref(),
                    memo: &memo,
                    bound: &bound,
                };
                let failure = Failure {
                    doc,
                    ptr: Ptr::from_slice(&ptr),
                    value: None,
                    message: String::new(),
                    origin: None,
                };
                let root = self.docs[doc].root();
                self.render(t, &f, &[], root, &[], &failure, Some(&cycle))
            }
            None => message,
        };
        let d = &self.docs[doc];
        let mut finding = Finding::new(&rule.meta, self.loc(doc, &ptr), message)
            .target(d.target(&pointer(&ptr)))
            .data(data.0, data.1);
        for (doc, ptr, text) in labels {
            finding = finding.label(self.loc(doc, &ptr), text);
        }
        self.required_by(finding, rule, &check.span)
    }
}

/// The node an assertion judges, and what it may read around it.
struct Node<'e, 'a> {
    eval: &'e Eval<'a>,
    f: &'e Frame<'e, 'a>,
    subject: &'e [PSeg<'a>],
    value: NodeRef<'a>,
    hit: &'e Hit<'a>,
    doc: usize,
    binds: &'e [Bind<'a>],
    /// Only the verdict is read ([`Eval::check`]).
    quiet: bool,
}

impl Context for Node<'_, '_> {
    fn quiet(&self) -> bool {
        self.quiet
    }

    fn name(&self) -> String {
        self.eval.name(self.f, self.doc, &self.hit.ptr)
    }

    fn as_of(&self) -> Date {
        self.eval.as_of
    }

    fn param(&self, index: usize) -> f64 {
        self.f.params.get(index).copied().unwrap_or(f64::NAN)
    }

    fn read<'s>(&'s self, path: &'s Path) -> Option<NodeRef<'s>> {
        match self.eval.through_ref(self.f, path, self.binds) {
            ThroughRef::At(_, node) => return Some(node.unwrap_or_else(NodeRef::null)),
            ThroughRef::Unbound => return None,
            ThroughRef::No => {}
        }
        let (_, base, start, _) =
            self.eval
                .base(self.f, self.subject, self.value, path, self.binds)?;
        // Without `[*]` the one node is walked to, with no pointer made (a date compared with
        // another date of the document reads it here, 42,000 times at national scale).
        let value = if path.has_wildcard() {
            resolve(Some(start), base, &path.segs).first()?.value
        } else {
            walk(Some(start), &path.segs)
        };
        Some(value.unwrap_or_else(NodeRef::null))
    }

    fn read_date(&self, path: &Path) -> DateRead {
        // A date in a document bound by `ref` is read once per document ([`Bound`]).
        let Some((b, at)) = Eval::bound_path(path, self.binds) else {
            return DateRead::of(self.read(path));
        };
        let doc = b.doc;
        let kept = self.f.bound.borrow().date(doc, at);
        if let Some(d) = kept {
            return d;
        }
        // bound: the path reaches a node, or a missing one that reads as null
        let d = DateRead::of(self.read(path));
        self.f
            .bound
            .borrow_mut()
            .keep_date(self.eval.docs.len(), doc, at, d);
        d
    }

    fn read_name(&self, path: &Path) -> String {
        self.eval
            .base(self.f, self.subject, self.value, path, self.binds)
            .and_then(|(doc, base, start, _)| {
                let hits = resolve(Some(start), base, &path.segs);
                Some(self.eval.name(self.f, doc, &hits.first()?.ptr))
            })
            .unwrap_or_else(|| format!("`{}`", path.text))
    }

    fn has(&self, kind: Kind, id: &str) -> bool {
        self.eval.index.get(kind, id).is_some()
    }

    fn ids(&self, kind: Kind) -> Vec<&str> {
        self.eval
            .docs
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.id.as_str())
            .collect()
    }
}

/// A value in a `message=` hole: as plain as possible, `none` when not set.
fn plain(v: Option<NodeRef<'_>>) -> String {
    let Some(v) = v else {
        return "none".into();
    };
    match v.kind() {
        NodeKind::Null => "none".into(),
        NodeKind::String => v.as_str().unwrap_or("").to_owned(),
        NodeKind::Array if v.is_empty() => "none".into(),
        NodeKind::Array => {
            let shown: Vec<String> = v.items().map(|i| plain(Some(i))).collect();
            shown.join(", ")
        }
        NodeKind::Object => "a mapping".into(),
        NodeKind::Bool | NodeKind::Number => bare(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `when` whose check fails on some of a list's items and not on others: only those it
    /// holds for run its body. (A guard's failures are not collected, only counted as one.)
    #[test]
    fn a_guard_that_fails_keeps_its_body_from_running() {
        use crate::policy::ops::testing::run;
        let when = "when \"metadata.n\" equals=1 { assert \"metadata.x\" exists message=\"{metadata.id} has no x\" }";
        let docs = [
            "{id: a, n: 1}",
            "{id: b, n: 2}",
            "{id: c, n: 1, x: 1}",
            "{id: d}",
        ];
        assert_eq!(run(when, &docs), ["a has no x"]);
        let each = "each \"metadata.l[*]\" { when \"n\" equals=1 { assert \"x\" exists message=\"{n} has no x\" } }";
        let docs = ["{id: a, l: [{n: 1}, {n: 2}, {n: 1, x: 0}, {n: 3}]}"];
        assert_eq!(run(each, &docs), ["1 has no x"]);
    }

    /// Guards and assertions on a node of a document bound by `ref`, which [`Bound`] walks to
    /// once per document and path: each subject gets its own document's answer, and every
    /// subject that fails is reported.
    #[test]
    fn guards_through_a_reference_read_each_subjects_own_document() {
        use crate::policy::ops::testing::run;
        let docs = [
            "{id: r, stage: retired}",
            "{id: k, stage: live}",
            "{id: a, dep: r}",
            "{id: b, dep: k}",
            "{id: c, dep: r}",
            "{id: d, dep: k}",
            "{id: e, dep: r, x: 1}",
            "{id: f, dep: q}",
            "{id: g, dep: k}",
        ];
        // r is retired: a and c depend on it without `x`, e with it; b, d and g depend on k,
        // which is not; q is not defined.
        let when = "when \"metadata.dep\" ref kind=\"Service\" { when \"@ref.metadata.stage\" equals=\"retired\" { assert \"metadata.x\" exists message=\"{metadata.id} depends on a retired service\" } }";
        assert_eq!(
            run(when, &docs),
            [
                "a depends on a retired service",
                "c depends on a retired service"
            ]
        );
        // The guard the other way round: it holds on k and not on r.
        let when = "when \"metadata.dep\" ref kind=\"Service\" { when \"@ref.metadata.stage\" not-equals=\"retired\" { assert \"metadata.x\" exists message=\"{metadata.id} depends on a live service\" } }";
        assert_eq!(
            run(when, &docs),
            [
                "b depends on a live service",
                "d depends on a live service",
                "g depends on a live service"
            ]
        );
        let assert = "when \"metadata.dep\" ref kind=\"Service\" { assert \"@ref.metadata.stage\" not-equals=\"retired\" message=\"{metadata.id}: retired\" }";
        assert_eq!(
            run(assert, &docs),
            ["a: retired", "c: retired", "e: retired"]
        );
    }

    /// A rule reading more paths through a reference than [`Bound`] keeps a row for: the first
    /// [`PATHS`] are kept, the others walked each time, and every subject gets its own bound
    /// document's answers.
    #[test]
    fn more_paths_through_a_reference_than_a_row_holds() {
        use crate::policy::ops::testing::run;
        let docs = [
            "{id: r, p1: 1, p2: 1, p3: 1, p4: 1, p5: 2, p6: 1}",
            "{id: k, p1: 2, p2: 1, p3: 1, p4: 1, p5: 1, p6: 2}",
            "{id: a, dep: r}",
            "{id: b, dep: k}",
            "{id: c, dep: r}",
            "{id: d, dep: k}",
        ];
        let mut paths = String::new();
        for i in 1..=6 {
            let _ = write!(
                paths,
                "assert \"@ref.metadata.p{i}\" equals=1 message=\"{{metadata.id}}: p{i}\"; "
            );
        }
        let rule = format!("when \"metadata.dep\" ref kind=\"Service\" {{ {paths}}}");
        let mut got = run(&rule, &docs);
        got.sort();
        // r fails p5 (the fifth path, walked each time), k fails p1 (kept) and p6 (walked).
        assert_eq!(got, ["a: p5", "b: p1", "b: p6", "c: p5", "d: p1", "d: p6"]);
    }

    #[test]
    fn an_answer_kept_as_no_node_stays_none_beside_kept_nodes() {
        use crate::policy::ops::testing::run;
        // `r` has `p1` and no `p2`; `k` has `p2` and no `p1`: each row keeps a node and a
        // "none", and the second subject of each reads both from the row.
        let docs = [
            "{id: r, p1: 1}",
            "{id: k, p2: 1}",
            "{id: a, dep: r}",
            "{id: b, dep: k}",
            "{id: c, dep: r}",
            "{id: d, dep: k}",
        ];
        let rule = "when \"metadata.dep\" ref kind=\"Service\" { \
            assert \"@ref.metadata.p1\" absent message=\"{metadata.id}: p1\"; \
            assert \"@ref.metadata.p2\" absent message=\"{metadata.id}: p2\"; }";
        let mut got = run(rule, &docs);
        got.sort();
        assert_eq!(got, ["a: p1", "b: p2", "c: p1", "d: p2"]);
    }

    /// Every guard an operator judges alone, on a node of a bound document, judged once per
    /// document ([`Bound`]'s `judged` and `held`): each subject still gets its own document's
    /// verdict, whichever subject asked first, and a missing node is judged as missing.
    #[test]
    fn guards_kept_per_bound_document_answer_for_that_document_only() {
        use crate::policy::ops::testing::run;
        // r: stage retired, no note; k: stage live, a note; n: no stage at all.
        let docs = [
            "{id: r, stage: retired}",
            "{id: k, stage: live, note: x}",
            "{id: n}",
            "{id: a, dep: k}",
            "{id: b, dep: r}",
            "{id: c, dep: n}",
            "{id: d, dep: r}",
            "{id: e, dep: k}",
            "{id: f, dep: n}",
        ];
        let guarded = |guard: &str| {
            let rule = format!(
                "when \"metadata.dep\" ref kind=\"Service\" {{ when \"@ref.metadata.{guard} {{ \
                 assert \"metadata.x\" exists message=\"{{metadata.id}}\" }} }}"
            );
            run(&rule, &docs)
        };
        assert_eq!(guarded("stage\" equals=\"retired\""), ["b", "d"]);
        // a missing node fails `not-equals` and `none-of`, as it fails `equals`
        assert_eq!(guarded("stage\" not-equals=\"retired\""), ["a", "e"]);
        assert_eq!(guarded("stage\" one-of=\"live|gone\""), ["a", "e"]);
        assert_eq!(guarded("stage\" none-of=\"live|gone\""), ["b", "d"]);
        assert_eq!(guarded("note\" exists"), ["a", "e"]);
        assert_eq!(guarded("note\" absent"), ["b", "c", "d", "f"]);
        assert_eq!(guarded("stage\" exists"), ["a", "b", "d", "e"]);
    }

    /// A date compared with a date of a bound document is read once per document ([`Bound`]'s
    /// `dates`): each subject is compared with its own document's date, and a node that is not
    /// a date (or is missing) skips the comparison, for the second subject as for the first.
    #[test]
    fn dates_kept_per_bound_document_compare_with_that_documents_date() {
        use crate::policy::ops::testing::run;
        let docs = [
            "{id: s1, launched: 2020-06-01}",
            "{id: s2, launched: 2024-01-01}",
            "{id: s3, launched: soon}",
            "{id: s4}",
            "{id: a, dep: s1, since: 2020-05-31}",
            "{id: b, dep: s2, since: 2023-12-31}",
            "{id: c, dep: s1, since: 2020-06-01}",
            "{id: d, dep: s2, since: 2024-01-02}",
            "{id: e, dep: s3, since: 2000-01-01}",
            "{id: f, dep: s4, since: 2000-01-01}",
            "{id: g, dep: s1, since: 2019-12-31}",
            "{id: h, dep: s2, since: 2024-01-01}",
            "{id: i, dep: s3, since: 2000-01-01}",
        ];
        let rule = "when \"metadata.dep\" ref kind=\"Service\" { \
            assert \"metadata.since\" not-before=\"@ref.metadata.launched\" message=\"{metadata.id}\" }";
        // before its own service's launch: a (s1), b (s2), g (s1); c, d and h are on or after
        // it; e and i (s3: not a date) and f (s4: none) are not compared.
        assert_eq!(run(rule, &docs), ["a", "b", "g"]);
        let rule = "when \"metadata.dep\" ref kind=\"Service\" { \
            assert \"metadata.since\" before=\"@ref.metadata.launched\" message=\"{metadata.id}\" }";
        assert_eq!(run(rule, &docs), ["c", "d", "h"]);
    }

    #[test]
    fn a_packed_date_unpacks_to_itself() {
        for (year, month, day) in [(0, 1, 1), (2024, 2, 29), (9999, 12, 31), (1970, 10, 15)] {
            let d = Date { year, month, day };
            assert_eq!(pack(d).map(unpack), Some(d));
        }
        assert_eq!(
            pack(Date {
                year: 10_000,
                month: 1,
                day: 1
            }),
            None
        );
        assert_eq!(
            pack(Date {
                year: -1,
                month: 1,
                day: 1
            }),
            None
        );
        // later dates pack to larger numbers
        let p = |year, month, day| pack(Date { year, month, day });
        assert!(p(2024, 1, 31) < p(2024, 2, 1) && p(2023, 12, 31) < p(2024, 1, 1));
    }

    #[test]
    fn the_index_finds_the_first_document_of_each_kind_and_id() {
        let docs: Vec<Doc> = [
            (Kind::Service, "a"),
            (Kind::Entity, "a"),
            (Kind::Service, "ab"),
            (Kind::Service, "a"),
            (Kind::Tenant, ""),
        ]
        .into_iter()
        .map(|(kind, id)| Doc {
            doc: crate::load::yaml::Document {
                source: crate::source::SourceId(0),
                index: 0,
                tree: crate::load::tree::Tree::default(),
                reread: None,
                placeholders: Box::default(),
            },
            kind,
            id: id.to_owned(),
        })
        .collect();
        let index = DocIndex::new(&docs);
        assert_eq!(index.get(Kind::Service, "a"), Some(0), "the first of two");
        assert_eq!(index.get(Kind::Entity, "a"), Some(1));
        assert_eq!(index.get(Kind::Service, "ab"), Some(2));
        assert_eq!(index.get(Kind::Tenant, ""), Some(4));
        assert_eq!(index.get(Kind::Service, "b"), None);
        assert_eq!(index.get(Kind::Tenant, "a"), None);
        assert_eq!(index.get(Kind::Waiver, "a"), None);
        let text = |kind: Kind| index.kinds[kind as usize].text();
        assert_eq!(
            text(Kind::Service),
            "aab",
            "each id once, one after another"
        );
        assert_eq!(text(Kind::Entity), "a");
        assert_eq!(text(Kind::Tenant), "");
    }
}
