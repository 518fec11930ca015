//! Compiles a KDL rule file into rules ready to evaluate: paths parsed, regexes built, CEL
//! programs checked, parameters and bindings resolved. Every problem is collected with the span
//! of the entry that causes it, so one run shows them all.

use std::ops::Range;

use kdl::{KdlDocument, KdlEntry, KdlNode, KdlValue};
use miette::SourceSpan;
use regex::Regex;
use serde_json::Value;

use super::cel;
use super::path::{Path, Root, is_binding_name};
use crate::config::{KdlProblem, did_you_mean, number, problem, suggestion};
use crate::finding::{LegalCondition, Rule, Severity};
use crate::rule::{Citation, VERIFICATION};
use crate::suggest;

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
    pub kind: &'static str,
    /// `select ... where=`: documents failing it are not evaluated.
    pub filter: Option<Check>,
    pub body: Vec<Step>,
    /// `acyclic` assertions: evaluated once over every selected document.
    pub graphs: Vec<Graph>,
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
    Path(Path, Op),
    Expr(Box<cel::Expr>),
}

/// An assertion kind.
#[derive(Debug)]
pub(super) enum Op {
    Exists,
    Absent,
    Equals(Value),
    NotEquals(Value),
    OneOf(Vec<String>),
    NoneOf(Vec<String>),
    Matches(Regex),
    Min(Num),
    Max(Num),
    /// In minutes, with the text as written.
    MaxDuration(u64, String),
    MaxAgeDays(Num),
    Date(DateCmp, Path),
    Ref {
        kind: &'static str,
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateCmp {
    Before,
    After,
    NotBefore,
    NotAfter,
}

/// A number, literal or a rule parameter (index into `CompiledRule::params`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Num {
    Lit(f64),
    Param(usize),
}

/// `acyclic`: the path's values name other documents of the same kind; no cycles allowed.
#[derive(Debug)]
pub(super) struct Graph {
    pub span: Range<usize>,
    pub path: Path,
    pub message: Option<Template>,
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
const FLAG_OPS: &[&str] = &["exists", "absent", "ref", "acyclic"];
const VALUE_OPS: &[&str] = &[
    "equals",
    "not-equals",
    "one-of",
    "none-of",
    "matches",
    "min",
    "max",
    "max-duration",
    "max-age-days",
    "before",
    "after",
    "not-before",
    "not-after",
];
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

    fn unknown_node(&mut self, node: &KdlNode, known: &[&str], context: &str) {
        let name = node.name().value();
        self.problem(
            node.name().span(),
            format!("unknown node `{name}`"),
            "not known here",
            Some(did_you_mean(name, known, context)),
        );
    }

    /// Splits a node's entries into arguments and properties, reporting unknown and repeated
    /// properties and type annotations we do not read.
    fn entries<'n>(&mut self, node: &'n KdlNode, allowed: &[&str]) -> Entries<'n> {
        let mut out = Entries::default();
        for e in node.entries() {
            if let Some(ty) = e.ty()
                && !(ty.value() == "param" && e.name().is_some())
            {
                self.problem(
                    ty.span(),
                    format!("unexpected type annotation `({})`", ty.value()),
                    "not used here",
                    Some("only numbers may be written `(param)\"NAME\"`".into()),
                );
            }
            match e.name() {
                None => out.args.push(e),
                Some(name) => {
                    let key = name.value();
                    if !allowed.contains(&key) {
                        out.unknown = true;
                        // `minimum` for `min`, `max-age` for `max-age-days`: a prefix is a
                        // likelier intent than the nearest edit.
                        let near = suggest::closest(key, allowed.iter().copied()).or_else(|| {
                            allowed
                                .iter()
                                .copied()
                                .filter(|a| key.starts_with(a) || a.starts_with(key))
                                .max_by_key(|a| a.len())
                        });
                        let node_name = node.name().value();
                        let help = if allowed.is_empty() {
                            format!("`{node_name}` takes no properties")
                        } else {
                            suggestion(
                                near,
                                &format!("`{node_name}` takes {}", suggest::list(allowed)),
                            )
                        };
                        self.problem(
                            name.span(),
                            format!("unknown property `{key}` on `{node_name}`"),
                            "unknown property",
                            Some(help),
                        );
                    } else if out.props.iter().any(|(k, _)| *k == key) {
                        self.problem(
                            name.span(),
                            format!("`{key}` is given twice"),
                            "again here",
                            Some("KDL keeps only the last one; remove one of them".into()),
                        );
                    } else {
                        out.props.push((key, e));
                    }
                }
            }
        }
        out
    }

    /// A string argument at `index`, or a problem saying what was expected.
    fn string_arg<'n>(
        &mut self,
        node: &'n KdlNode,
        args: &[&'n KdlEntry],
        what: &str,
    ) -> Option<(&'n str, &'n KdlEntry)> {
        let Some(e) = args.first() else {
            self.problem(
                node.span(),
                format!("`{}` needs {what}", node.name().value()),
                "incomplete",
                None,
            );
            return None;
        };
        if let KdlValue::String(s) = e.value() {
            Some((s.as_str(), e))
        } else {
            self.problem(
                e.span(),
                format!("expected {what} as a string"),
                "not a string",
                None,
            );
            None
        }
    }

    fn no_extra_args(&mut self, node: &KdlNode, args: &[&KdlEntry], keep: usize) {
        if let Some(e) = args.get(keep) {
            self.problem(
                e.span(),
                format!(
                    "`{}` takes {} here",
                    node.name().value(),
                    match keep {
                        0 => "no values".to_owned(),
                        1 => "one value".to_owned(),
                        n => format!("{n} values"),
                    }
                ),
                "unexpected",
                None,
            );
        }
    }

    fn rule(&mut self, node: &KdlNode) -> Option<CompiledRule> {
        self.params.clear();
        self.bindings.clear();
        self.uses_cel = false;
        let before = self.problems.len();
        let e = self.entries(node, &["severity"]);
        let (id, id_entry) = self.string_arg(node, &e.args, "the rule id")?;
        self.no_extra_args(node, &e.args, 1);
        if !valid_id(id) {
            self.problem(
                id_entry.span(),
                format!("`{id}` is not a rule id"),
                "bad id",
                Some("ids are `family/name` in lowercase letters, digits and `-`, e.g. `service/backup`".into()),
            );
        }
        let severity = self.severity(node, id, e.prop("severity"));
        let children: Vec<&KdlNode> = node.iter_children().collect();
        let text = |name: &str, this: &mut Self| -> Option<String> {
            let mut found: Option<String> = None;
            for c in children.iter().filter(|c| c.name().value() == name) {
                let ce = this.entries(c, &[]);
                if found.is_some() {
                    this.problem(
                        c.name().span(),
                        format!("`{name}` is given twice"),
                        "again here",
                        None,
                    );
                    continue;
                }
                if let Some((s, _)) = this.string_arg(c, &ce.args, "a text") {
                    found = Some(s.to_owned());
                }
                this.no_extra_args(c, &ce.args, 1);
            }
            found
        };
        let summary = text("summary", self);
        let explain = text("explain", self);
        let help = text("help", self);
        let fails = text("example-fails", self);
        let passes = text("example-passes", self);
        let mut see = Vec::new();
        for c in children.iter().filter(|c| c.name().value() == "see") {
            let ce = self.entries(c, &[]);
            if ce.args.is_empty() {
                self.problem(
                    c.span(),
                    "`see` needs a URL or reference",
                    "incomplete",
                    None,
                );
            }
            for a in &ce.args {
                match a.value() {
                    KdlValue::String(s) => see.push(s.clone()),
                    _ => self.problem(a.span(), "`see` takes strings", "not a string", None),
                }
            }
        }
        let cites = self.cites(&children);
        let condition = text("condition", self).and_then(|c| self.condition(&children, &c));
        if summary.is_none() {
            self.problem(
                node.name().span(),
                format!("rule `{id}` has no summary"),
                "summary missing",
                Some("add `summary \"...\"`: one line for `egenregi rules`".into()),
            );
        }
        if fails.is_some() != passes.is_some() {
            self.problem(
                node.name().span(),
                "an example needs both `example-fails` and `example-passes`",
                "half an example",
                None,
            );
        }
        for c in children.iter().filter(|c| c.name().value() == "param") {
            self.param(c);
        }
        let selections = self.selections(node, &children);
        if self.problems.len() > before {
            return None;
        }
        let (summary, severity) = (summary?, severity?);
        let help = match (help, see.is_empty()) {
            (Some(h), true) => Some(h),
            (Some(h), false) => Some(format!("{h}\nsee {}", see.join(", "))),
            (None, false) => Some(format!("see {}", see.join(", "))),
            (None, true) => None,
        };
        let explain = explain.unwrap_or_else(|| match &help {
            Some(h) => format!("{summary}.\n\n{h}"),
            None => format!("{summary}."),
        });
        let example = fails.zip(passes).map(|(f, p)| crate::finding::Example {
            fails: intern(f),
            passes: intern(p),
        });
        let condition = condition.unwrap_or(LegalCondition::Infrastructure);
        let mut meta = Rule::builtin("x/x", severity, condition, "", "", example);
        meta.cites = cites;
        meta.id = id.to_owned().into();
        meta.summary = summary.into();
        meta.explain = explain.into();
        meta.params = self
            .params
            .iter()
            .map(|(n, _)| std::borrow::Cow::Owned(n.clone()))
            .collect::<Vec<_>>()
            .into();
        Some(CompiledRule {
            meta,
            file: self.file,
            id_span: id_entry.span(),
            selections,
            params: std::mem::take(&mut self.params),
            help,
            uses_cel: self.uses_cel,
        })
    }

    /// `select` nodes: one without a block, whose assertions are the rule's other children; or
    /// several, each with a block (a rule that reads more than one kind of document).
    fn selections(&mut self, rule: &KdlNode, children: &[&KdlNode]) -> Vec<Selection> {
        let selects: Vec<&KdlNode> = children
            .iter()
            .copied()
            .filter(|c| c.name().value() == "select")
            .collect();
        let loose: Vec<&KdlNode> = children
            .iter()
            .copied()
            .filter(|c| {
                let name = c.name().value();
                // steps, and unknown nodes to report; not `select` and the rule's metadata
                STEP_NODES.contains(&name) || !RULE_CHILDREN.contains(&name)
            })
            .collect();
        let blocks = selects.iter().any(|s| s.children().is_some());
        if selects.is_empty() {
            self.problem(
                rule.name().span(),
                "the rule has no `select`",
                "select missing",
                Some("add `select kind=\"Service\"` (or another kind) to say which documents it checks".into()),
            );
            return Vec::new();
        }
        if !blocks && selects.len() > 1 {
            for extra in &selects[1..] {
                self.problem(
                    extra.name().span(),
                    "a second `select` without a block",
                    "second select",
                    Some("a rule has one `select`, or several `select` nodes each with a block of assertions".into()),
                );
            }
            return Vec::new();
        }
        let mut out = Vec::new();
        if blocks {
            for l in &loose {
                if STEP_NODES.contains(&l.name().value()) {
                    self.problem(
                        l.name().span(),
                        format!("`{}` outside the `select` blocks", l.name().value()),
                        "outside",
                        Some(
                            "when `select` has a block, every assertion goes in a `select` block"
                                .into(),
                        ),
                    );
                } else {
                    self.unknown_node(l, RULE_CHILDREN, "a rule holds");
                }
            }
            for sel in &selects {
                let (kind, filter) = self.select(sel);
                let steps: Vec<&KdlNode> = sel.iter_children().collect();
                if steps.is_empty() {
                    self.problem(sel.span(), "`select` needs assertions", "empty", None);
                }
                out.extend(self.selection(kind, filter, &steps));
            }
        } else {
            let (kind, filter) = self.select(selects[0]);
            if loose.is_empty() {
                self.problem(
                    rule.name().span(),
                    "the rule asserts nothing",
                    "no assertions",
                    Some("add `assert \"PATH\" ...` or `expr \"...\"` nodes".into()),
                );
            }
            out.extend(self.selection(kind, filter, &loose));
        }
        out
    }

    /// Compiles the top-level steps of one `select`; its bindings end with it. The steps are
    /// checked even when the kind was refused, but then there is no selection.
    fn selection(
        &mut self,
        kind: Option<&'static str>,
        filter: Option<Check>,
        steps: &[&KdlNode],
    ) -> Option<Selection> {
        let mut graphs = Vec::new();
        let body = self.steps(steps, Place::TopLevel, kind, &mut graphs, 0);
        self.bindings.clear();
        Some(Selection {
            kind: kind?,
            filter,
            body,
            graphs,
        })
    }

    /// `cite "TEXT" verified="section"` children: the rule's legal basis, shown in every format
    /// as a built-in rule's citations from the jurisdiction pack are, each saying how far it is
    /// verified.
    fn cites(&mut self, children: &[&KdlNode]) -> Vec<Citation> {
        let mut out = Vec::new();
        for c in children.iter().filter(|c| c.name().value() == "cite") {
            let e = self.entries(c, &["verified"]);
            let Some((text, _)) = self.string_arg(c, &e.args, "the citation") else {
                continue;
            };
            self.no_extra_args(c, &e.args, 1);
            let levels = || format!("`verified=` is one of {}", suggest::list_or(VERIFICATION));
            match e.prop("verified").map(KdlEntry::value) {
                Some(KdlValue::String(v)) if VERIFICATION.contains(&v.as_str()) => {
                    out.push(Citation {
                        text: text.to_owned(),
                        verified: v.clone(),
                    });
                }
                Some(_) => {
                    let at = e.prop("verified").map_or(c.span(), KdlEntry::span);
                    self.problem(at, "unknown verification level", "here", Some(levels()));
                }
                None => self.problem(
                    c.span(),
                    format!("citation `{text}` does not say how far it is verified"),
                    "verified= missing",
                    Some(levels()),
                ),
            }
        }
        out
    }

    /// `condition "NAME"`: the legal condition the rule bears on (default `infrastructure`).
    fn condition(&mut self, children: &[&KdlNode], name: &str) -> Option<LegalCondition> {
        let parsed = LegalCondition::parse(name);
        if parsed.is_none() {
            let at = children
                .iter()
                .find(|c| c.name().value() == "condition")
                .map_or(SourceSpan::from((0, 0)), |c| c.span());
            let known: Vec<&str> = LegalCondition::ALL.iter().map(|c| c.as_str()).collect();
            self.problem(
                at,
                format!("unknown condition `{name}`"),
                "not a condition",
                Some(did_you_mean(name, &known, "conditions")),
            );
        }
        parsed
    }

    fn severity(&mut self, node: &KdlNode, id: &str, entry: Option<&KdlEntry>) -> Option<Severity> {
        let Some(entry) = entry else {
            self.problem(
                node.name().span(),
                format!("rule `{id}` has no severity"),
                "severity missing",
                Some("add `severity=\"error\"`, `\"warning\"` or `\"note\"` after the id".into()),
            );
            return None;
        };
        let KdlValue::String(s) = entry.value() else {
            self.problem(
                entry.span(),
                "severity is a string",
                "not a string",
                Some("use `error`, `warning` or `note`".into()),
            );
            return None;
        };
        if let Some(severity) = Severity::parse(s) {
            return Some(severity);
        }
        let help = suggestion(
            suggest::closest(s, ["error", "warning", "note"]),
            "use `error`, `warning` or `note`",
        );
        self.problem(
            entry.span(),
            format!("unknown severity `{s}`"),
            "not a severity",
            Some(help),
        );
        None
    }

    fn param(&mut self, node: &KdlNode) {
        let e = self.entries(node, &[]);
        self.no_extra_args(node, &e.args, 2);
        let Some((name, name_entry)) = self.string_arg(node, &e.args, "a parameter name") else {
            return;
        };
        let ok_name = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !RESERVED.contains(&name);
        if !ok_name {
            self.problem(
                name_entry.span(),
                format!("`{name}` cannot name a parameter"),
                "bad name",
                Some("use lowercase letters, digits and `-`, e.g. `max-age-days`; `severity` is taken".into()),
            );
            return;
        }
        if self.params.iter().any(|(n, _)| n == name) {
            self.problem(
                name_entry.span(),
                format!("parameter `{name}` is declared twice"),
                "again here",
                None,
            );
            return;
        }
        match e.args.get(1).map(|v| (v, number(v.value()))) {
            Some((_, Some(x))) if x >= 0.0 => self.params.push((name.to_owned(), x)),
            Some((v, _)) => self.problem(
                v.span(),
                "a parameter's default is a non-negative number",
                "not a number",
                None,
            ),
            None => self.problem(
                node.span(),
                format!("parameter `{name}` needs a default"),
                "incomplete",
                Some(format!("e.g. `param \"{name}\" 365`")),
            ),
        }
    }

    fn select(&mut self, node: &KdlNode) -> (Option<&'static str>, Option<Check>) {
        let mut allowed = vec!["kind", "where"];
        allowed.extend(VALUE_OPS);
        let e = self.entries(node, &allowed);
        let kind = if let Some(k) = e.prop("kind") {
            self.kind(k)
        } else {
            self.problem(
                node.span(),
                "`select` needs `kind=`",
                "kind missing",
                Some(format!("kinds are {}", suggest::list(crate::load::KINDS))),
            );
            None
        };
        let Some(w) = e.prop("where") else {
            if let Some((k, _)) = e.props.iter().find(|(k, _)| VALUE_OPS.contains(k)) {
                self.problem(
                    node.span(),
                    format!("`{k}=` on `select` needs `where=\"PATH\"`"),
                    "where missing",
                    None,
                );
            }
            if let Some(a) = e.args.first() {
                self.problem(
                    a.span(),
                    "`select` takes no values",
                    "unexpected",
                    Some("write `select kind=\"Service\" where=\"spec.x\" exists`".into()),
                );
            }
            return (kind, None);
        };
        let path = if let KdlValue::String(s) = w.value() {
            self.path(w, s)
        } else {
            self.problem(w.span(), "`where` takes a path", "not a string", None);
            None
        };
        if let Some(f) = e
            .args
            .iter()
            .find(|a| matches!(a.value(), KdlValue::String(s) if s == "ref" || s == "acyclic"))
        {
            self.problem(
                f.span(),
                "`select where=` tests a value of the document itself",
                "not here",
                Some(
                    "follow references inside the rule: `when \"PATH\" ref kind=\"KIND\" { ... }`"
                        .into(),
                ),
            );
            return (kind, None);
        }
        let op = self.op(node, &e, &e.args, kind, Role::Select);
        let (Some(path), Some(op)) = (path, op) else {
            return (kind, None);
        };
        if path.has_wildcard() || path.root != Root::Subject {
            self.problem(
                w.span(),
                "`where` tests one node of the document",
                "not one node",
                Some("use `[*]` paths in `each` blocks".into()),
            );
            return (kind, None);
        }
        let filter = Check {
            span: span(node.span()),
            test: Test::Path(path, op),
            message: None,
            at: None,
        };
        (kind, Some(filter))
    }

    fn kind(&mut self, entry: &KdlEntry) -> Option<&'static str> {
        let k = self.text_of(entry, "`kind` is a string")?;
        if let Some(found) = crate::load::KINDS.iter().find(|x| **x == k) {
            return Some(found);
        }
        let help = suggestion(
            suggest::closest(k, crate::load::KINDS.iter().copied()),
            &format!("kinds are {}", suggest::list(crate::load::KINDS)),
        );
        self.problem(
            entry.span(),
            format!("unknown kind `{k}`"),
            "not a kind",
            Some(help),
        );
        None
    }

    fn path(&mut self, entry: &KdlEntry, text: &str) -> Option<Path> {
        match Path::parse(text) {
            Ok(p) => {
                if let Some(name) = p.binding()
                    && !self.bindings.iter().any(|b| b == name)
                {
                    let as_name = if name == "ref" {
                        String::new()
                    } else {
                        format!(" as=\"{name}\"")
                    };
                    self.problem(
                        entry.span(),
                        format!("`@{name}` is not bound here"),
                        "unbound",
                        Some(format!(
                            "bind it with `when \"PATH\" ref kind=\"KIND\"{as_name}` around this node, or an earlier `assert \"PATH\" ref kind=\"KIND\"{as_name}`"
                        )),
                    );
                    return None;
                }
                Some(p)
            }
            Err(e) => {
                self.problem(
                    entry.span(),
                    format!("bad path `{text}`: {}", e.message),
                    "bad path",
                    Some("paths are dotted keys with `[*]` for every list item, e.g. `spec.subscriptions[*].dpa.signed`".into()),
                );
                None
            }
        }
    }

    /// Compiles a list of step nodes. Bindings made by `assert ... ref` hold for later siblings.
    fn steps(
        &mut self,
        nodes: &[&KdlNode],
        place: Place,
        kind: Option<&'static str>,
        graphs: &mut Vec<Graph>,
        depth: usize,
    ) -> Vec<Step> {
        let scope = self.bindings.len();
        let mut out = Vec::new();
        for node in nodes {
            let name = node.name().value();
            if !STEP_NODES.contains(&name) {
                if place == Place::TopLevel {
                    self.unknown_node(node, RULE_CHILDREN, "a rule holds");
                } else {
                    self.unknown_node(node, STEP_NODES, "a block holds");
                }
                continue;
            }
            if name != "when"
                && name != "each"
                && let Some(c) = node.children()
            {
                self.problem(
                    c.span(),
                    format!("`{name}` takes no block"),
                    "unexpected block",
                    Some("only `when` and `each` hold other assertions".into()),
                );
            }
            match name {
                "assert" => {
                    let mut allowed = vec!["kind", "as", "message", "at"];
                    allowed.extend(VALUE_OPS);
                    let e = self.entries(node, &allowed);
                    let Some((text, path_entry)) = self.string_arg(node, &e.args, "a path") else {
                        continue;
                    };
                    let path = self.path(path_entry, text);
                    let op = self.op(node, &e, &e.args[1..], kind, Role::Assert(place));
                    let (message, at) = self.message_at(&e, true);
                    let (Some(path), Some(op)) = (path, op) else {
                        continue;
                    };
                    if let Op::Ref { name, .. } = &op
                        && !path.has_wildcard()
                        && !name.is_empty()
                    {
                        self.bindings.push(name.clone());
                    }
                    if let Op::Ref { kind: k, .. } = &op
                        && *k == ACYCLIC_MARK
                    {
                        graphs.push(Graph {
                            span: span(node.span()),
                            path,
                            message,
                        });
                        continue;
                    }
                    out.push(Step::Assert(Check {
                        span: span(node.span()),
                        test: Test::Path(path, op),
                        message,
                        at,
                    }));
                }
                "expr" => {
                    let e = self.entries(node, &["message", "at"]);
                    self.no_extra_args(node, &e.args, 1);
                    let Some((source, entry)) = self.string_arg(node, &e.args, "a CEL expression")
                    else {
                        continue;
                    };
                    let expr = self.cel(entry, source);
                    let (message, at) = self.message_at(&e, true);
                    if let Some(expr) = expr {
                        out.push(Step::Assert(Check {
                            span: span(node.span()),
                            test: Test::Expr(Box::new(expr)),
                            message,
                            at,
                        }));
                    }
                }
                "when" => {
                    let mut allowed = vec!["kind", "as", "expr"];
                    allowed.extend(VALUE_OPS);
                    let e = self.entries(node, &allowed);
                    let before = self.bindings.len();
                    let test = if let Some(x) = e.prop("expr") {
                        self.no_extra_args(node, &e.args, 0);
                        if let Some((k, _)) = e.props.iter().find(|(k, _)| *k != "expr") {
                            self.problem(
                                node.span(),
                                format!("`when expr=` takes no `{k}=`"),
                                "one test per `when`",
                                None,
                            );
                        }
                        self.text_of(x, "`expr` takes a CEL expression as a string")
                            .and_then(|s| self.cel(x, s))
                            .map(|c| Test::Expr(Box::new(c)))
                    } else {
                        let Some((text, path_entry)) =
                            self.string_arg(node, &e.args, "a path or `expr=`")
                        else {
                            continue;
                        };
                        let path = self.path(path_entry, text);
                        if let Some(p) = &path
                            && p.has_wildcard()
                        {
                            self.problem(
                                path_entry.span(),
                                "`when` tests one node",
                                "`[*]` in a condition",
                                Some("iterate with `each \"PATH[*]\" { when ... }`".into()),
                            );
                            continue;
                        }
                        let op = self.op(node, &e, &e.args[1..], kind, Role::Condition);
                        if let Some(Op::Ref { name, .. }) = &op {
                            self.bindings.push(name.clone());
                        }
                        path.zip(op).map(|(p, o)| Test::Path(p, o))
                    };
                    let body = self.block(node, kind, graphs, depth);
                    self.bindings.truncate(before);
                    if let Some(test) = test {
                        out.push(Step::When(
                            Check {
                                span: span(node.span()),
                                test,
                                message: None,
                                at: None,
                            },
                            body,
                        ));
                    }
                }
                "each" => {
                    let e = self.entries(node, &[]);
                    self.no_extra_args(node, &e.args, 1);
                    let Some((text, entry)) = self.string_arg(node, &e.args, "a path") else {
                        continue;
                    };
                    let path = self.path(entry, text);
                    if let Some(p) = &path
                        && p.binding().is_some()
                    {
                        self.problem(
                            entry.span(),
                            "`each` walks the subject's own nodes",
                            "a binding",
                            Some(
                                "read another document's fields with `@ref.PATH` in assertions"
                                    .into(),
                            ),
                        );
                        continue;
                    }
                    let before = self.bindings.len();
                    let body = self.block(node, kind, graphs, depth);
                    self.bindings.truncate(before);
                    if let Some(path) = path {
                        out.push(Step::Each(path, body));
                    }
                }
                _ => {}
            }
        }
        self.bindings.truncate(scope);
        out
    }

    fn block(
        &mut self,
        node: &KdlNode,
        kind: Option<&'static str>,
        graphs: &mut Vec<Graph>,
        depth: usize,
    ) -> Vec<Step> {
        let name = node.name().value();
        let children: Vec<&KdlNode> = node.iter_children().collect();
        if children.is_empty() {
            self.problem(
                node.span(),
                format!("`{name}` needs a block of assertions"),
                "empty",
                Some(format!(
                    "e.g. `{name} \"...\" {{ assert \"spec.x\" exists }}`"
                )),
            );
            return Vec::new();
        }
        if depth >= MAX_BLOCK_DEPTH {
            self.problem(
                node.name().span(),
                format!("blocks nest more than {MAX_BLOCK_DEPTH} deep"),
                "too deep",
                None,
            );
            return Vec::new();
        }
        self.steps(&children, Place::Nested, kind, graphs, depth + 1)
    }

    fn message_at(&mut self, e: &Entries<'_>, allow: bool) -> (Option<Template>, Option<Path>) {
        if !allow {
            return (None, None);
        }
        let message = e.prop("message").and_then(|m| {
            let s = self.text_of(m, "`message` is a string")?;
            self.template(m, s)
        });
        let at = e.prop("at").and_then(|a| {
            let s = self.text_of(a, "`at` takes a path")?;
            let p = self.path(a, s)?;
            if p.has_wildcard() || p.root != Root::Subject {
                self.problem(
                    a.span(),
                    "`at` names one node of the subject",
                    "not one node",
                    None,
                );
                return None;
            }
            Some(p)
        });
        (message, at)
    }

    /// The string value of an entry, or a problem with `message`.
    fn text_of<'n>(&mut self, entry: &'n KdlEntry, message: &str) -> Option<&'n str> {
        if let KdlValue::String(s) = entry.value() {
            Some(s)
        } else {
            self.problem(entry.span(), message, "not a string", None);
            None
        }
    }

    fn template(&mut self, entry: &KdlEntry, text: &str) -> Option<Template> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            literal.push_str(&rest[..i]);
            let c = rest.as_bytes()[i];
            rest = &rest[i + 1..];
            if let Some(r) = rest.strip_prefix(c as char) {
                literal.push(c as char);
                rest = r;
                continue;
            }
            if c == b'}' {
                self.problem(
                    entry.span(),
                    "a lone `}` in a message",
                    "bad message",
                    Some("write `}}` for a brace".into()),
                );
                return None;
            }
            let Some(close) = rest.find('}') else {
                self.problem(
                    entry.span(),
                    "`{` without a closing `}` in a message",
                    "bad message",
                    Some("write `{{` for a brace".into()),
                );
                return None;
            };
            let hole = &rest[..close];
            rest = &rest[close + 1..];
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal)));
            }
            parts.push(match hole {
                "value" => Part::Value,
                "path" => Part::Path,
                "cycle" => Part::Cycle,
                "as-of" => Part::Read(Path {
                    root: Root::AsOf,
                    segs: Vec::new(),
                    text: "@as-of".into(),
                }),
                other => Part::Read(self.path(entry, other)?),
            });
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Some(Template { parts })
    }

    fn cel(&mut self, entry: &KdlEntry, source: &str) -> Option<cel::Expr> {
        self.uses_cel = true;
        match cel::compile(self.env, source, &self.bindings) {
            Ok(x) => Some(x),
            Err(e) => {
                let at = e
                    .offset
                    .and_then(|o| string_offset(self.src, entry, source, o))
                    .unwrap_or_else(|| entry.span());
                self.problem(at, e.message, "in this expression", e.help);
                None
            }
        }
    }

    /// The one assertion kind of a node: a flag argument (`exists`, `ref`, ...) or a property
    /// (`equals=`, `min=`, ...).
    fn op(
        &mut self,
        node: &KdlNode,
        e: &Entries<'_>,
        flags: &[&KdlEntry],
        kind: Option<&'static str>,
        role: Role,
    ) -> Option<Op> {
        let mut found: Vec<(&str, &KdlEntry)> = Vec::new();
        for f in flags {
            match f.value() {
                KdlValue::String(s) if FLAG_OPS.contains(&s.as_str()) => found.push((s, f)),
                KdlValue::String(s) => {
                    let mut known: Vec<&str> = FLAG_OPS.to_vec();
                    known.extend(VALUE_OPS);
                    let help = match suggest::closest(s, known.iter().copied()) {
                        Some(x) if VALUE_OPS.contains(&x) => format!("did you mean `{x}=...`?"),
                        Some(x) => format!("did you mean `{x}`?"),
                        None => format!("assertions: {}", suggest::list(&known)),
                    };
                    self.problem(
                        f.span(),
                        format!("unknown assertion `{s}`"),
                        "not an assertion",
                        Some(help),
                    );
                    return None;
                }
                _ => {
                    self.problem(
                        f.span(),
                        "expected an assertion such as `exists`",
                        "unexpected value",
                        None,
                    );
                    return None;
                }
            }
        }
        for (k, entry) in &e.props {
            if VALUE_OPS.contains(k) {
                found.push((k, entry));
            }
        }
        let (name, entry) = match found.as_slice() {
            [one] => *one,
            [] if e.unknown => return None,
            [] => {
                self.problem(
                    node.span(),
                    format!("`{}` needs an assertion", node.name().value()),
                    "nothing to check",
                    Some("e.g. `exists`, `equals=\"x\"`, `min=1`, `ref kind=\"Service\"`".into()),
                );
                return None;
            }
            [_, (second, entry), ..] => {
                self.problem(
                    entry.span(),
                    format!("one assertion per node; `{second}` is a second one"),
                    "second assertion",
                    Some("write another `assert` for it".into()),
                );
                return None;
            }
        };
        if name != "ref" && name != "acyclic" && role != Role::Select {
            for k in ["kind", "as"] {
                if let Some(x) = e.prop(k) {
                    self.problem(
                        x.span(),
                        format!("`{k}=` belongs to `ref`"),
                        "unexpected",
                        None,
                    );
                    return None;
                }
            }
        }
        let value = entry.value();
        let op = match name {
            "exists" => Op::Exists,
            "absent" => Op::Absent,
            "ref" => {
                let Some(k) = e.prop("kind") else {
                    self.problem(
                        entry.span(),
                        "`ref` needs `kind=`",
                        "kind missing",
                        Some("e.g. `ref kind=\"Service\"`".into()),
                    );
                    return None;
                };
                let k = self.kind(k)?;
                let name = match e.prop("as") {
                    Some(a) => match a.value() {
                        KdlValue::String(s)
                            if is_binding_name(s)
                                && s != "as-of"
                                && !super::cel::VARIABLES.contains(&s.as_str()) =>
                        {
                            s.clone()
                        }
                        _ => {
                            self.problem(
                                a.span(),
                                "`as` takes a name in lowercase letters, digits and `_`",
                                "bad name",
                                Some(format!(
                                    "it may not be {}",
                                    suggest::list(super::cel::VARIABLES)
                                )),
                            );
                            return None;
                        }
                    },
                    None => "ref".to_owned(),
                };
                Op::Ref { kind: k, name }
            }
            "acyclic" => {
                if role != Role::Assert(Place::TopLevel) {
                    self.problem(
                        entry.span(),
                        "`acyclic` checks the whole set of documents",
                        "not here",
                        Some("write it as a top-level `assert` of the rule".into()),
                    );
                    return None;
                }
                if let Some(a) = e.prop("as") {
                    self.problem(a.span(), "`as=` belongs to `ref`", "unexpected", None);
                    return None;
                }
                if let Some(k) = e.prop("kind") {
                    let k = self.kind(k)?;
                    if Some(k) != kind {
                        self.problem(
                            entry.span(),
                            "`acyclic` follows references between documents of the selected kind",
                            "other kind",
                            None,
                        );
                        return None;
                    }
                }
                Op::Ref {
                    kind: ACYCLIC_MARK,
                    name: String::new(),
                }
            }
            "equals" | "not-equals" => {
                let v = json(value);
                if name == "equals" {
                    Op::Equals(v)
                } else {
                    Op::NotEquals(v)
                }
            }
            "one-of" | "none-of" => {
                let s = self.text_of(
                    entry,
                    &format!("`{name}` takes alternatives as a string, e.g. \"a|b\""),
                )?;
                let items: Vec<String> = s.split('|').map(str::to_owned).collect();
                if items.iter().any(String::is_empty) {
                    self.problem(
                        entry.span(),
                        "an empty alternative",
                        "empty",
                        Some("separate alternatives with single `|`: \"critical|high\"".into()),
                    );
                    return None;
                }
                if name == "one-of" {
                    Op::OneOf(items)
                } else {
                    Op::NoneOf(items)
                }
            }
            "matches" => {
                let s = self.text_of(entry, "`matches` takes a regular expression as a string")?;
                // A size cap, per pattern and for all rule files, so hostile patterns cannot
                // take much memory; matching is linear.
                match super::budget::regex(s, &mut self.regex_bytes) {
                    Ok(r) => Op::Matches(r),
                    Err(None) => {
                        self.problem(entry.span(), format!("the rule files' regular expressions together take more than {} MiB compiled", super::budget::MAX_TOTAL_REGEX_BYTES >> 20), "over the limit", Some("use fewer or simpler `matches=` patterns; `one-of` lists fixed values".into()));
                        return None;
                    }
                    Err(Some(err)) => {
                        let detail = err.to_string();
                        let last = detail
                            .lines()
                            .rev()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("invalid")
                            .trim();
                        let last = last.strip_prefix("error: ").unwrap_or(last);
                        self.problem(entry.span(), format!("bad regular expression: {last}"), "bad regex", Some("the syntax is that of the Rust `regex` crate (no look-around, no backreferences)".into()));
                        return None;
                    }
                }
            }
            "min" | "max" | "max-age-days" => {
                let n = self.num(entry)?;
                match name {
                    "min" => Op::Min(n),
                    "max" => Op::Max(n),
                    _ => Op::MaxAgeDays(n),
                }
            }
            "max-duration" => {
                let parsed = match value {
                    KdlValue::String(s) => duration_minutes(s).map(|m| (m, s.clone())),
                    _ => None,
                };
                let Some((m, s)) = parsed else {
                    self.problem(
                        entry.span(),
                        "`max-duration` takes a duration such as \"4h\"",
                        "not a duration",
                        Some(
                            "a whole number followed by `m` (minutes), `h` (hours) or `d` (days)"
                                .into(),
                        ),
                    );
                    return None;
                };
                Op::MaxDuration(m, s)
            }
            "before" | "after" | "not-before" | "not-after" => {
                let s = self.text_of(
                    entry,
                    &format!("`{name}` takes the path of another date, or `@as-of`"),
                )?;
                let p = self.path(entry, s)?;
                if p.has_wildcard() {
                    self.problem(
                        entry.span(),
                        format!("`{name}` compares with one date"),
                        "`[*]` here",
                        Some("iterate with `each` and compare inside it".into()),
                    );
                    return None;
                }
                let cmp = match name {
                    "before" => DateCmp::Before,
                    "after" => DateCmp::After,
                    "not-before" => DateCmp::NotBefore,
                    _ => DateCmp::NotAfter,
                };
                Op::Date(cmp, p)
            }
            _ => return None,
        };
        Some(op)
    }

    /// A number, or `(param)"NAME"` naming a declared parameter.
    fn num(&mut self, entry: &KdlEntry) -> Option<Num> {
        if entry.ty().is_some_and(|t| t.value() == "param") {
            let KdlValue::String(name) = entry.value() else {
                self.problem(
                    entry.span(),
                    "`(param)` takes a parameter name as a string",
                    "not a name",
                    None,
                );
                return None;
            };
            if let Some(i) = self.params.iter().position(|(n, _)| n == name) {
                return Some(Num::Param(i));
            }
            let names: Vec<&str> = self.params.iter().map(|(n, _)| n.as_str()).collect();
            let help = match suggest::closest(name, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if names.is_empty() => {
                    format!("declare it in the rule: `param \"{name}\" NUMBER`")
                }
                None => format!("declared parameters: {}", suggest::list(&names)),
            };
            self.problem(
                entry.span(),
                format!("unknown parameter `{name}`"),
                "not declared",
                Some(help),
            );
            return None;
        }
        let Some(x) = number(entry.value()) else {
            self.problem(
                entry.span(),
                "expected a number",
                "not a number",
                Some("or `(param)\"NAME\"` for a declared parameter".into()),
            );
            return None;
        };
        Some(Num::Lit(x))
    }
}

/// `acyclic` travels through `op` as a `Ref` with this kind until `steps` files it as a graph.
const ACYCLIC_MARK: &str = "\u{0}acyclic";

#[derive(Default)]
struct Entries<'n> {
    args: Vec<&'n KdlEntry>,
    props: Vec<(&'n str, &'n KdlEntry)>,
    /// An unknown property was reported: "needs an assertion" would only repeat it.
    unknown: bool,
}

impl<'n> Entries<'n> {
    fn prop(&self, key: &str) -> Option<&'n KdlEntry> {
        self.props.iter().find(|(k, _)| *k == key).map(|(_, e)| *e)
    }
}

fn span(s: SourceSpan) -> Range<usize> {
    s.offset()..s.offset() + s.len()
}

fn json(v: &KdlValue) -> Value {
    match v {
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

/// `15m`, `4h`, `2d` in minutes.
pub(super) fn duration_minutes(s: &str) -> Option<u64> {
    let unit = s.chars().last()?;
    let digits = &s[..s.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    match unit {
        'm' => Some(n),
        'h' => n.checked_mul(60),
        'd' => n.checked_mul(24 * 60),
        _ => None,
    }
}

/// `family/name`, lowercase, as the registry requires of every rule.
fn valid_id(id: &str) -> bool {
    id.split_once('/').is_some_and(|(family, name)| {
        !family.is_empty()
            && family.bytes().all(|b| b.is_ascii_lowercase())
            && !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// The span, in the rule file, of character `offset` of a string value, when the value is
/// written as a plain or raw string without escapes (so offsets map one to one).
fn string_offset(src: &str, entry: &KdlEntry, value: &str, offset: usize) -> Option<SourceSpan> {
    let s = span(entry.span());
    let text = src.get(s.clone())?;
    let start = text.rfind(value).filter(|&i| {
        let before = &text[..i];
        before.ends_with('"') && !value.contains('\\')
    })?;
    let at = s.start + start + offset;
    let len = value[offset.min(value.len())..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    Some(SourceSpan::from((at, len)))
}

/// Examples are `&'static [u8]` in the registry. Rule files are compiled once per check, so
/// each distinct text is leaked once per process and reused after that: bounded by the number
/// of distinct examples, not by the number of runs.
fn intern(text: String) -> &'static [u8] {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<&'static [u8]>>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| Mutex::new(HashSet::new()));
    let Ok(mut set) = seen.lock() else {
        return Box::leak(text.into_bytes().into_boxed_slice());
    };
    if let Some(found) = set.get(text.as_bytes()) {
        return found;
    }
    let leaked: &'static [u8] = Box::leak(text.into_bytes().into_boxed_slice());
    set.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_ids() {
        assert_eq!(duration_minutes("15m"), Some(15));
        assert_eq!(duration_minutes("4h"), Some(240));
        assert_eq!(duration_minutes("2d"), Some(2880));
        for bad in ["", "h", "4", "4x", "-4h", "4 h", "99999999999999999999d"] {
            assert_eq!(duration_minutes(bad), None, "{bad}");
        }
        assert!(valid_id("service/ros-fresh"));
        assert!(!valid_id("Service/x") && !valid_id("service") && !valid_id("a/b c"));
    }

    #[test]
    fn interning_reuses_the_leak() {
        let a = intern("x: 1\n".to_owned());
        let b = intern("x: 1\n".to_owned());
        assert!(std::ptr::eq(a, b));
    }
}
