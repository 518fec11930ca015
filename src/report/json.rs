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
use crate::analysis::decision::{Condition, Decision, Structure, Subject, Verdict};
use crate::analysis::{ControlKind, ControlPath, Figures, Window};
use crate::finding::{Finding, Severity};

/// 2: control answers written once and referred to by index (`figures.answers`).
pub const VERSION: u32 = 2;

/// `figures`, with each distinct control answer once. Its rows (`control`, `decisions`) are
/// written by `Out`, not by serde: they are nine tenths of the document.
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

/// One control answer: how an authority controls a provider (or why it does not), shared by
/// every subscription and date that got it.
#[derive(Serialize)]
struct Answer<'a> {
    kind: ControlKind,
    path: &'a [String],
    explanation: &'a str,
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
            self.not_checked_of(d.not_checked.list()),
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
///
/// The document's own fields and `figures`' are laid out by [`Out`]: serde writes each value at
/// its depth, and the rows of `control` and `decisions` (nine tenths of the bytes nationally)
/// are written field by field, their keys as constants and their strings copied whole when
/// nothing in them needs escaping. Through serde those rows had cost 11 % of a national check's
/// instructions, over half of it scanning every byte for escapes one at a time (issue 18).
pub fn write(outcome: &Outcome, w: impl std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, w);
    let mut out = Out::new(&mut w);
    out.object()?;
    let (doc, figures) = document(outcome);
    out.field(1, "version", &VERSION)?;
    out.field(1, "tool", &doc.tool)?;
    out.field(1, "as_of", &doc.as_of)?;
    out.field(1, "root", &doc.root)?;
    if let Some(paths) = doc.paths {
        out.field(1, "paths", &paths)?;
    }
    out.field(1, "summary", &doc.summary)?;
    out.field(1, "findings", &doc.findings)?;
    out.field(1, "waived", &doc.waived)?;
    out.field(1, "baselined", &doc.baselined)?;
    out.field(1, "waivers", &doc.waivers)?;
    out.key(1, "figures")?;
    out.object()?;
    out.field(2, "windows", &figures.windows)?;
    out.field(2, "answers", &figures.answers)?;
    out.field(2, "conditions", &figures.conditions)?;
    out.field(2, "not_checked", &figures.not_checked)?;
    out.key(2, "control")?;
    out.control(&figures.control, figures.decisions.items)?;
    out.key(2, "decisions")?;
    out.decisions(&figures.decisions)?;
    out.w.write_all(b"\n  }\n}\n")?;
    w.flush()
}

/// The document's fields but `figures`, written in this order by [`write`].
struct Doc<'a> {
    tool: Tool,
    as_of: String,
    root: &'a str,
    /// `check FILE...`: the paths (relative to the root) whose findings are shown.
    paths: Option<&'a [String]>,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    waived: Vec<Waived<'a>>,
    /// Findings `--baseline` accepted, in the same form as `findings`.
    baselined: Vec<JsonFinding<'a>>,
    /// Every waiver with its reason, approver, expiry and status (`active`, `expired`, `unused`).
    waivers: Vec<JsonWaiver<'a>>,
}

/// Writes an object's fields in [`Pretty`]'s layout, byte for byte: a value through serde at
/// its depth, or a row by hand.
struct Out<'w, W: std::io::Write> {
    w: &'w mut W,
    /// Whether the next field is its object's first (no comma before it).
    first: bool,
    numbers: itoa::Buffer,
    /// A subscription's target, written here for each row that names it (decisions keep
    /// only its tenant and index).
    target: String,
}

/// A row's opening and closing lines (rows are at depth 3, their fields at depth 4).
const ROW: &[u8] = b"\n      {";
const END_ROW: &[u8] = b"\n      }";

impl<'w, W: std::io::Write> Out<'w, W> {
    fn new(w: &'w mut W) -> Self {
        Self {
            w,
            first: true,
            numbers: itoa::Buffer::new(),
            target: String::new(),
        }
    }

    /// The subscription of `subject`, as a string.
    fn subscription(&mut self, subject: &Subject) -> std::io::Result<()> {
        let mut target = std::mem::take(&mut self.target);
        target.clear();
        subject.write_subscription(&mut target);
        let written = self.string(&target);
        self.target = target;
        written
    }

    /// Opens an object: its first field follows with no comma.
    fn object(&mut self) -> std::io::Result<()> {
        self.first = true;
        self.w.write_all(b"{")
    }

    /// A key at `depth` (as `Pretty` counts it: its line indented by two spaces a level).
    fn key(&mut self, depth: usize, key: &str) -> std::io::Result<()> {
        if !self.first {
            self.w.write_all(b",")?;
        }
        self.first = false;
        Pretty::at(depth).newline(self.w)?;
        self.string(key)?;
        self.w.write_all(b": ")
    }

    fn field(&mut self, depth: usize, key: &str, value: &impl Serialize) -> std::io::Result<()> {
        self.key(depth, key)?;
        let mut json = serde_json::Serializer::with_formatter(&mut *self.w, Pretty::at(depth));
        Ok(value.serialize(&mut json)?)
    }

    /// A JSON string, copied whole when nothing in it needs escaping; else as serde escapes it.
    fn string(&mut self, s: &str) -> std::io::Result<()> {
        if plain(s.as_bytes()) {
            self.w.write_all(b"\"")?;
            self.w.write_all(s.as_bytes())?;
            self.w.write_all(b"\"")
        } else {
            Ok(serde_json::to_writer(&mut *self.w, s)?)
        }
    }

    fn optional(&mut self, s: Option<&str>) -> std::io::Result<()> {
        match s {
            Some(s) => self.string(s),
            None => self.w.write_all(b"null"),
        }
    }

    fn number(&mut self, n: usize) -> std::io::Result<()> {
        let text = self.numbers.format(n);
        self.w.write_all(text.as_bytes())
    }

    /// A row's field: `key` is its line, from the comma (or line break) to the colon's space.
    fn at(&mut self, key: &[u8]) -> std::io::Result<()> {
        self.w.write_all(key)
    }

    /// A list of a row's field, its items at depth 5, as `Pretty` writes it.
    fn list<T>(
        &mut self,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if items.is_empty() {
            return self.w.write_all(b"[]");
        }
        self.w.write_all(b"[")?;
        for (i, x) in items.iter().enumerate() {
            self.w.write_all(if i == 0 {
                b"\n          "
            } else {
                b",\n          "
            })?;
            item(self, x)?;
        }
        self.w.write_all(b"\n        ]")
    }

    /// Rows of a list at depth 2 (`figures`' fields), each an object of fields at depth 4.
    fn rows<T, I>(
        &mut self,
        rows: &Rows<'_, T, I>,
        mut row: impl FnMut(&mut Self, &T, &I) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if rows.items.is_empty() {
            return self.w.write_all(b"[]");
        }
        self.w.write_all(b"[")?;
        for (i, (item, index)) in rows.items.iter().zip(&rows.indices).enumerate() {
            if i > 0 {
                self.w.write_all(b",")?;
            }
            self.w.write_all(ROW)?;
            row(self, item, index)?;
            self.w.write_all(END_ROW)?;
        }
        self.w.write_all(b"\n    ]")
    }

    /// `figures.control`: a control path of one subscription on one date, its answer by index.
    /// Its subscription, names, date and purpose are its decision's.
    fn control(
        &mut self,
        rows: &Rows<'_, ControlPath, usize>,
        decisions: &[Decision],
    ) -> std::io::Result<()> {
        self.rows(rows, |out, c, &answer| {
            let d = c.of(decisions).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "a control path names no decision",
                )
            })?;
            out.at(b"\n        \"subscription\": ")?;
            out.subscription(&d.subject)?;
            out.at(b",\n        \"authority\": ")?;
            out.string(d.subject.authority())?;
            out.at(b",\n        \"provider\": ")?;
            out.string(d.subject.provider())?;
            out.at(b",\n        \"service\": ")?;
            out.string(d.subject.service())?;
            out.at(b",\n        \"date\": ")?;
            out.string(d.date.as_deref().unwrap_or_default())?;
            out.at(b",\n        \"purpose\": ")?;
            out.string(d.purpose.as_str())?;
            out.at(b",\n        \"answer\": ")?;
            out.number(answer)
        })
    }

    /// `figures.decisions`: a decision, its conditions (indices into `figures.conditions`) and
    /// its `not_checked` list (an index into `figures.not_checked`).
    fn decisions(
        &mut self,
        rows: &Rows<'_, Decision, (Rc<[usize]>, usize)>,
    ) -> std::io::Result<()> {
        self.rows(rows, |out, d, (conditions, not_checked)| {
            out.at(b"\n        \"subscription\": ")?;
            out.subscription(&d.subject)?;
            out.at(b",\n        \"tenant\": ")?;
            out.string(&d.subject.tenant)?;
            out.at(b",\n        \"buyer\": ")?;
            out.optional(d.subject.buyer.as_deref())?;
            out.at(b",\n        \"service\": ")?;
            out.optional(d.subject.service.as_deref())?;
            out.at(b",\n        \"provider\": ")?;
            out.optional(d.subject.provider.as_deref())?;
            out.at(b",\n        \"basis\": ")?;
            out.string(&d.subject.basis)?;
            out.at(b",\n        \"date\": ")?;
            out.optional(d.date.as_deref())?;
            out.at(b",\n        \"purpose\": ")?;
            out.string(d.purpose.as_str())?;
            out.at(b",\n        \"verdict\": ")?;
            out.string(d.verdict.as_str())?;
            out.at(b",\n        \"conditions\": ")?;
            out.list(conditions, |out, &i| out.number(i))?;
            out.at(b",\n        \"estimated_value\": ")?;
            serde_json::to_writer(&mut *out.w, &d.estimated_value)?;
            out.at(b",\n        \"exposure\": ")?;
            serde_json::to_writer(&mut *out.w, &d.exposure)?;
            out.at(b",\n        \"assumptions\": ")?;
            out.list(&d.assumptions, |out, m| out.string(m))?;
            out.at(b",\n        \"not_checked\": ")?;
            out.number(*not_checked)
        })
    }
}

/// Whether `s` holds nothing JSON escapes (a control character, `"` or `\\`), looked at sixteen
/// bytes at a time without a branch per byte, which the compiler turns into vector compares; the
/// last bytes are padded with spaces to sixteen (most strings here are shorter than 48 bytes, and
/// their tails had cost more than their whole chunks when read a byte at a time).
fn plain(s: &[u8]) -> bool {
    #[allow(
        clippy::needless_bitwise_bool,
        reason = "no branch per byte: the point is that the compiler can compare sixteen at once"
    )]
    fn clean(bytes: &[u8; 16]) -> bool {
        bytes
            .iter()
            .fold(true, |ok, &b| ok & (b >= 0x20) & (b != b'"') & (b != b'\\'))
    }
    let mut chunks = s.chunks_exact(16);
    for chunk in &mut chunks {
        if chunk.try_into().is_ok_and(|c| !clean(c)) {
            return false;
        }
    }
    let tail = chunks.remainder();
    let mut padded = [b' '; 16];
    if let Some(head) = padded.get_mut(..tail.len()) {
        head.copy_from_slice(tail); // always: a remainder is shorter than a chunk
    }
    clean(&padded)
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
    /// The layout of a value whose key is at `depth`: its fields one level deeper.
    fn at(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

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

fn document(outcome: &Outcome) -> (Doc<'_>, JsonFigures<'_>) {
    let doc = Doc {
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
    };
    (doc, figures(&outcome.figures))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    /// `plain` finds every byte JSON escapes wherever it is, in strings of every length around
    /// the sixteen bytes it reads at once, and passes everything else (space, `~`, DEL, UTF-8).
    #[test]
    fn plain_finds_every_byte_json_escapes() {
        for len in 0..50 {
            let clean = "a~ \u{7f}é".chars().cycle().take(len).collect::<String>();
            assert!(super::plain(clean.as_bytes()), "{clean:?}");
            for at in 0..len {
                for bad in [0u8, 0x1f, b'\n', b'"', b'\\'] {
                    let mut bytes = vec![b'x'; len];
                    if let Some(b) = bytes.get_mut(at) {
                        *b = bad;
                    }
                    assert!(!super::plain(&bytes), "{bad:#x} at {at} of {len}");
                }
            }
        }
    }

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
