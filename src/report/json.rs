//! `--format json`, version 2 (DESIGN §7). Fields may be added; none is removed or renamed
//! without a version bump.
//!
//! Version 2 writes what decisions share once and refers to it by index: each distinct control
//! answer in `figures.answers` (`kind`, `path`, `explanation`; `figures.control` entries and
//! control conditions name it as `answer`), each distinct condition in `figures.conditions`
//! (a decision's `conditions` lists indices), and each distinct `not_checked` list in
//! `figures.not_checked` (a decision's `not_checked` is an index). A control condition takes
//! `how` and `path` from its answer, and `because` too unless it has its own. The document is
//! serialised straight to its writer.

use crate::hash::Map as HashMap;
use std::rc::Rc;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::Outcome;
use crate::analysis::decision::{Condition, Decision, Exposure, Structure, Verdict};
use crate::analysis::{ControlKind, ControlPath, Figures, Minor, Window};
use crate::finding::{Finding, Severity};

/// 2: control answers written once and referred to by index (`figures.answers`).
pub const VERSION: u32 = 2;

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
    /// Activity windows (share, Q, T, per-year figures, headroom), control answers and the
    /// control paths and decisions that refer to them.
    figures: JsonFigures<'a>,
}

/// `figures`, with each distinct control answer once.
#[derive(Serialize)]
struct JsonFigures<'a> {
    windows: &'a [Window],
    /// Distinct control answers, in order of first use.
    answers: Vec<Answer<'a>>,
    /// Distinct conditions of the decisions, in order of first use.
    conditions: Vec<JsonCondition<'a>>,
    /// Distinct `not_checked` lists of the decisions, in order of first use.
    not_checked: Vec<&'a [crate::analysis::decision::Fixed]>,
    control: Rows<'a, ControlPath, usize>,
    decisions: Rows<'a, Decision, (Rc<[usize]>, usize)>,
}

/// Rows written as they are made: each item beside the indices interning gave it. The shared
/// lists (`answers`, `conditions`, `not_checked`) come first in the document, so every row is
/// interned before anything is written; holding the rows themselves instead of their indices
/// had cost 8 MB at national scale, the run's peak.
struct Rows<'a, T, I> {
    items: &'a [T],
    indices: Vec<I>,
}

impl Serialize for Rows<'_, ControlPath, usize> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.items
                .iter()
                .zip(&self.indices)
                .map(|(c, &answer)| JsonControl {
                    subscription: c.subscription(),
                    authority: c.authority(),
                    provider: c.provider(),
                    service: c.service(),
                    date: &c.date,
                    purpose: c.purpose,
                    answer,
                }),
        )
    }
}

impl Serialize for Rows<'_, Decision, (Rc<[usize]>, usize)> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.items
                .iter()
                .zip(&self.indices)
                .map(|(d, (conditions, not_checked))| JsonDecision {
                    subscription: &d.subject.subscription,
                    tenant: &d.subject.tenant,
                    buyer: d.subject.buyer.as_deref(),
                    service: d.subject.service.as_deref(),
                    provider: d.subject.provider.as_deref(),
                    basis: &d.subject.basis,
                    date: d.date.as_deref(),
                    purpose: d.purpose,
                    verdict: d.verdict,
                    conditions,
                    estimated_value: d.estimated_value,
                    exposure: d.exposure,
                    assumptions: &d.assumptions,
                    not_checked: *not_checked,
                }),
        )
    }
}

/// One control answer: how an authority controls a provider (or why it does not), shared by
/// every subscription and date that got it.
#[derive(Serialize)]
struct Answer<'a> {
    kind: ControlKind,
    path: &'a [String],
    explanation: &'a str,
}

/// A control path of one subscription on one date, its answer by index.
#[derive(Serialize)]
struct JsonControl<'a> {
    subscription: &'a str,
    authority: &'a str,
    provider: &'a str,
    service: &'a str,
    date: &'a str,
    purpose: &'static str,
    answer: usize,
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    subscription: &'a str,
    tenant: &'a str,
    buyer: Option<&'a str>,
    service: Option<&'a str>,
    provider: Option<&'a str>,
    basis: &'a str,
    date: Option<&'a str>,
    purpose: &'static str,
    verdict: Verdict,
    /// Indices into `figures.conditions`, in the decision's order: one list per list of
    /// conditions the decisions share.
    conditions: &'a [usize],
    estimated_value: Option<Minor>,
    exposure: Exposure,
    assumptions: &'a [crate::finding::Message],
    /// Index into `figures.not_checked`.
    not_checked: usize,
}

/// A condition as in version 1, except that a control condition refers to its answer for
/// `how` and `path` (and for `because`, when it has none of its own).
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
struct JsonCondition<'a> {
    condition: &'static str,
    verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    how: Option<ControlKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    window: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    because: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    evidence: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rules: &'a [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    structure: Option<&'a Structure>,
}

/// Interns control answers: by kind, path and explanation, and by kind and path alone for
/// conditions whose `because` adds to the explanation.
/// Conditions and `not_checked` lists are interned the same way, by content.
#[derive(Default)]
struct Answers<'a> {
    list: Vec<Answer<'a>>,
    exact: HashMap<(ControlKind, &'a [String], &'a str), usize>,
    by_path: HashMap<(ControlKind, &'a [String]), usize>,
    conditions: Interned<JsonCondition<'a>>,
    /// The index each shared condition got, by its allocation: the decisions of a buyer on one
    /// date, or of one activity window, hold the same `Arc`, so its content (with its long
    /// `because`) is hashed once, not once per decision.
    shared: HashMap<*const Condition, usize>,
    /// The indices of each list of conditions the decisions share (`Shared`), by its address:
    /// the decisions of one buyer and provider in one epoch and year hold one list, so its
    /// indices are looked up and allocated once, not once per decision (29,809 nationally).
    lists: HashMap<*const Arc<Condition>, Rc<[usize]>>,
    /// The index each control path's answer got, by its allocation, which the control paths
    /// of one answer share: its text is hashed once.
    answer_of: HashMap<*const crate::analysis::ControlAnswer, usize>,
    not_checked: Interned<&'a [crate::analysis::decision::Fixed]>,
    /// The last decision's `not_checked` list and its index: consecutive decisions nearly
    /// always have the same, and comparing it is cheaper than hashing its English.
    last_not_checked: Option<(&'a [crate::analysis::decision::Fixed], usize)>,
}

/// Distinct values in order of first use, each with its index.
struct Interned<T> {
    list: Vec<T>,
    index: HashMap<T, usize>,
}

impl<T> Default for Interned<T> {
    fn default() -> Self {
        Self {
            list: Vec::new(),
            index: HashMap::default(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Interned<T> {
    fn intern(&mut self, value: T) -> usize {
        if let Some(&i) = self.index.get(&value) {
            return i;
        }
        let i = self.list.len();
        self.list.push(value.clone());
        self.index.insert(value, i);
        i
    }
}

impl<'a> Answers<'a> {
    fn intern(&mut self, kind: ControlKind, path: &'a [String], explanation: &'a str) -> usize {
        if let Some(&i) = self.exact.get(&(kind, path, explanation)) {
            return i;
        }
        let i = self.list.len();
        self.list.push(Answer {
            kind,
            path,
            explanation,
        });
        self.exact.insert((kind, path, explanation), i);
        self.by_path.entry((kind, path)).or_insert(i);
        i
    }

    /// The index of a control path's answer.
    fn control(&mut self, c: &'a ControlPath) -> usize {
        let shared = Arc::as_ptr(&c.answer);
        if let Some(&i) = self.answer_of.get(&shared) {
            return i;
        }
        let a = &*c.answer;
        let i = self.intern(a.kind, &a.path, &a.explanation);
        self.answer_of.insert(shared, i);
        i
    }

    fn condition(&mut self, c: &'a Condition) -> JsonCondition<'a> {
        let mut out = JsonCondition {
            condition: c.condition,
            verdict: c.verdict,
            answer: None,
            how: c.how,
            path: c.path.as_deref(),
            window: c.window.as_deref(),
            share: c.share.as_deref(),
            because: c.because.as_deref(),
            evidence: &c.evidence,
            rules: &c.rules,
            structure: c.structure.as_deref(),
        };
        if let (Some(kind), Some(path), Some(because)) =
            (c.how, c.path.as_deref(), c.because.as_deref())
        {
            let answer = if let Some(&i) = self.exact.get(&(kind, path, because)) {
                out.because = None;
                i
            } else if let Some(&i) = self.by_path.get(&(kind, path)) {
                i // the condition's `because` says more than the answer's explanation
            } else {
                out.because = None;
                self.intern(kind, path, because)
            };
            out.answer = Some(answer);
            out.how = None;
            out.path = None;
        }
        out
    }

    /// The indices of a decision's conditions, keyed by the list's address (the lists live as
    /// long as the writer borrows them, so no two share one; every empty list has the same
    /// dangling address, and the same, empty, indices).
    fn conditions_of(&mut self, list: &'a [Arc<Condition>]) -> Rc<[usize]> {
        if let Some(known) = self.lists.get(&list.as_ptr()) {
            return Rc::clone(known);
        }
        let indices: Rc<[usize]> = list
            .iter()
            .map(|c| {
                if let Some(&i) = self.shared.get(&Arc::as_ptr(c)) {
                    return i;
                }
                let json = self.condition(c);
                let i = self.conditions.intern(json);
                self.shared.insert(Arc::as_ptr(c), i);
                i
            })
            .collect();
        self.lists.insert(list.as_ptr(), Rc::clone(&indices));
        indices
    }

    fn not_checked_of(&mut self, list: &'a [crate::analysis::decision::Fixed]) -> usize {
        if let Some((last, i)) = self.last_not_checked
            && last == list
        {
            return i;
        }
        let i = self.not_checked.intern(list);
        self.last_not_checked = Some((list, i));
        i
    }

    /// The indices of a decision's conditions and of its `not_checked` list.
    fn decision(&mut self, d: &'a Decision) -> (Rc<[usize]>, usize) {
        (
            self.conditions_of(&d.conditions),
            self.not_checked_of(&d.not_checked),
        )
    }
}

fn figures(f: &Figures) -> JsonFigures<'_> {
    let mut answers = Answers::default();
    let control = Rows {
        items: &f.control,
        indices: f.control.iter().map(|c| answers.control(c)).collect(),
    };
    let decisions = Rows {
        items: &f.decisions,
        indices: f.decisions.iter().map(|d| answers.decision(d)).collect(),
    };
    JsonFigures {
        windows: &f.windows,
        answers: answers.list,
        conditions: answers.conditions.list,
        not_checked: answers.not_checked.list,
        control,
        decisions,
    }
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

/// The JSON document, pretty-printed, with a final newline.
pub fn render(outcome: &Outcome) -> String {
    let mut out = Vec::new();
    if let Err(e) = write(outcome, &mut out) {
        return format!("{{\"error\": \"{e}\"}}\n");
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the JSON document to `w` as it is serialised, without building it as a string first.
pub fn write(outcome: &Outcome, w: impl std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, w);
    let mut json = serde_json::Serializer::with_formatter(&mut w, Pretty::default());
    serde::Serialize::serialize(&document(outcome), &mut json)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// `serde_json`'s pretty layout (two spaces an indent, `": "` after a key), byte for byte, with
/// each line break and its indent written at once: `PrettyFormatter` writes the indent one level
/// at a time, two bytes a call.
#[derive(Debug, Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break and 63 levels of indent.
const BREAK: &[u8] = b"\n                                                                                                                              ";

impl Pretty {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        let want = 1 + 2 * self.depth;
        if let Some(line) = BREAK.get(..want) {
            return w.write_all(line);
        }
        w.write_all(BREAK)?;
        for _ in BREAK.len()..want {
            w.write_all(b" ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn document(outcome: &Outcome) -> Doc<'_> {
    Doc {
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
        figures: figures(&outcome.figures),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    /// The pretty layout is `serde_json`'s, byte for byte: empty and nested arrays and objects,
    /// strings that need escaping, and nesting past the 63 levels whose indent is written at once.
    #[test]
    fn the_layout_is_serde_jsons() {
        let mut deep = json!({"leaf": [1, {"x": "y"}, [], {}]});
        for level in 0..70 {
            deep = if level % 2 == 0 {
                json!([deep, level])
            } else {
                json!({"k": deep, "e": [], "o": {}})
            };
        }
        let values: Vec<Value> = vec![
            json!(null),
            json!([]),
            json!({}),
            json!([[], {}, [[]], {"a": {}}]),
            json!({"a": 1, "b": [true, false, null], "c": {"d": "e\"\n\u{7f}\u{1}é"}, "f": 1.5}),
            deep,
        ];
        for v in values {
            let mut ours = Vec::new();
            let mut out =
                serde_json::Serializer::with_formatter(&mut ours, super::Pretty::default());
            serde::Serialize::serialize(&v, &mut out).unwrap();
            let theirs = serde_json::to_string_pretty(&v).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        }
    }
}
