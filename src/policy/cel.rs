//! `expr "..."`: CEL through the `cel` crate. Programs are checked against static limits when the
//! rule file is compiled (size, depth, comprehensions, known variables), so evaluation cost is
//! polynomial in the data with a small degree, and evaluation cannot overflow the stack.
//! Documents reach CEL as value trees built from the loaded node tables, borrowing every string
//! from them: each document is converted at most once per run, and only if an expression reads
//! it.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::OnceLock;

use cel::common::ast::{Expr as Ast, MapExpr, StructExpr};
use cel::common::types::{
    CelBool, CelDouble, CelInt, CelList, CelMap, CelMapKey, CelNull, CelString,
};
use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;

use super::budget;
use crate::kind::Kind;
use crate::load::Doc;
use crate::load::tree::{NodeKind, NodeRef};

/// Variables every expression may read, besides the `as=` names of enclosing `ref`s.
pub(super) const VARIABLES: &[&str] = &["self", "doc", "docs", "as_of", "params"];

/// Longer expressions belong in several assertions.
const MAX_SOURCE: usize = 2000;
/// Bracket nesting before the parser is run: its recursion is deep per level.
const MAX_NESTING: usize = 24;
/// Syntax tree depth: evaluation recurses once per level.
const MAX_DEPTH: usize = 32;
const MAX_NODES: usize = 500;
/// Comprehensions (`all`, `exists`, `map`, `filter`, ...) in one expression, and how deeply they
/// nest: the degree of the polynomial that bounds evaluation time.
const MAX_COMPREHENSIONS: usize = 4;
const MAX_COMPREHENSION_NESTING: usize = 2;

/// A compiled, checked expression.
#[derive(Debug)]
pub(super) struct Expr {
    pub source: String,
    program: cel::Program,
    /// The `as=` names it reads, when it reads neither `self` nor `doc`: its value is then a
    /// function of the documents they name (and of `docs`, `as_of` and `params`, fixed for a
    /// rule), so a rule evaluates it once per such documents ([`Memo`]). `None`: it reads the
    /// subject.
    reads: Option<Vec<String>>,
}

/// The values a rule has found of its expressions that read only named documents: at national
/// scale one `expr` on the service a subscription names (`funded.spec.funding.exists(...)`) was
/// evaluated for each of 30,000 subscriptions of 40 services; at ×50, over 3,000 services whose
/// value trees no longer fitted in the cache, it cost 12× what it cost at ×10 (issue 18).
///
/// A value found again is charged the steps its evaluation took, so a rule's budget runs out
/// exactly where it did when each was evaluated.
#[derive(Default)]
pub(super) struct Memo(crate::hash::Map<MemoKey, (Result<bool, String>, u64)>);

/// The expression (its address: each is compiled once and outlives the run) and the documents
/// its names are bound to.
type MemoKey = (usize, [usize; MEMO_NAMES]);

/// Expressions reading more names are evaluated every time.
const MEMO_NAMES: usize = 3;

/// Values remembered per rule: past this, new ones are evaluated every time (a bound on memory;
/// each entry stands for an evaluation already made).
const MEMO_ENTRIES: usize = 1 << 16;

impl Memo {
    /// Evaluates `expr` in `scope`, or gives the value it had for the same documents.
    pub fn eval<'a>(
        &mut self,
        rt: &Runtime<'a>,
        expr: &Expr,
        scope: &Scope<'_, 'a>,
    ) -> Result<bool, String> {
        let Some(key) = Self::key(expr, scope) else {
            return rt.eval(expr, scope);
        };
        if let Some((value, steps)) = self.0.get(&key) {
            // Charged as if evaluated: past the budget, the evaluation would have stopped.
            return if budget::over() || !budget::charge(*steps) {
                Err(STOPPED.into())
            } else {
                value.clone()
            };
        }
        let before = budget::used();
        let value = rt.eval(expr, scope);
        if !budget::over() && self.0.len() < MEMO_ENTRIES {
            self.0
                .insert(key, (value.clone(), budget::used().saturating_sub(before)));
        }
        value
    }

    fn key(expr: &Expr, scope: &Scope<'_, '_>) -> Option<MemoKey> {
        let names = expr.reads.as_ref()?;
        if names.len() > MEMO_NAMES {
            return None;
        }
        let mut docs = [usize::MAX; MEMO_NAMES];
        for (slot, name) in docs.iter_mut().zip(names) {
            // as `Vars::resolve` finds it: the innermost binding of the name
            let (_, d) = scope.bindings.iter().rev().find(|(n, _)| n == name)?;
            *slot = *d;
        }
        Some((std::ptr::from_ref(expr) as usize, docs))
    }
}

/// Why an expression was refused: a message, the byte offset in the expression if known, help.
#[derive(Debug)]
pub(super) struct CelError {
    pub message: String,
    pub offset: Option<usize>,
    pub help: Option<String>,
}

/// The CEL environment: the standard library, built once per compile, with `matches()` from
/// here (the `cel` crate's compiles its regex on every call).
pub(super) fn env() -> cel::Env {
    // The interpreter charges its work to this thread's budget (vendor/cel/PATCHED.md).
    cel::meter::install(budget::charge);
    let mut env = cel::Env::stdlib();
    // Both are new names in an environment without the crate's `regex` feature.
    let _ = cel::add_overload!(env, fn matches: (CelString, CelString) -> Result<CelBool>, id = "matches");
    let _ = cel::add_member_overload!(env, fn matches: (CelString, CelString) -> Result<CelBool>);
    env
}

thread_local! {
    /// Compiled `matches()` patterns of this thread (or why they do not compile), by pattern.
    static MATCHES: std::cell::RefCell<HashMap<String, Result<regex::Regex, String>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// `matches()`: a rule evaluated over every document compiles its pattern once, not once per
/// document. The cache is bounded: emptied when full.
fn matches(this: &CelString<'_>, re: &CelString<'_>) -> Result<CelBool, cel::ExecutionError> {
    const CACHED: usize = 64;
    MATCHES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.contains_key(re.inner()) {
            if cache.len() >= CACHED {
                cache.clear();
            }
            let compiled = regex::RegexBuilder::new(re.inner())
                .size_limit(super::budget::MAX_REGEX_BYTES)
                .build()
                .map_err(|e| e.to_string());
            cache.insert(re.inner().to_owned(), compiled);
        }
        // the search is linear in the text: charged like the interpreter's own searches
        if !cel::meter::charge_text(this.inner().len()) {
            return Err(cel::meter::stopped());
        }
        match cache.get(re.inner()) {
            Some(Ok(compiled)) => Ok(CelBool::from(compiled.is_match(this.inner()))),
            Some(Err(err)) => Err(cel::ExecutionError::FunctionError {
                function: "matches".to_owned(),
                message: format!("'{}' is not a valid regex: {err}", re.inner()),
            }),
            None => Err(cel::ExecutionError::function_error("matches", "no regex")),
        }
    })
}

#[cfg(test)]
thread_local! {
    /// Each expression `compile` got this far with on this thread, and whether its program was
    /// parsed when the binary was built: a test checks the shipped pack is never parsed.
    pub(super) static COMPILED: std::cell::RefCell<Vec<(String, bool)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Parses and checks `source`, or takes its program as parsed when the binary was built if it is
/// one of the shipped pack's (`prebuilt`); `bindings` are the `as=` names in scope.
pub(super) fn compile(env: &cel::Env, source: &str, bindings: &[String]) -> Result<Expr, CelError> {
    let refuse = |message: String, offset: Option<usize>, help: Option<&str>| CelError {
        message,
        offset,
        help: help.map(str::to_owned),
    };
    if source.len() > MAX_SOURCE {
        return Err(refuse(
            format!(
                "the expression is {} bytes long; at most {MAX_SOURCE} are allowed",
                source.len()
            ),
            None,
            Some("split it into several `expr` assertions"),
        ));
    }
    if let Some(at) = too_deep(source) {
        return Err(refuse(
            format!("brackets nest more than {MAX_NESTING} deep"),
            Some(at),
            Some("flatten the expression"),
        ));
    }
    let prebuilt = super::prebuilt::program(source);
    #[cfg(test)]
    COMPILED.with(|c| c.borrow_mut().push((source.to_owned(), prebuilt.is_some())));
    let program = match prebuilt.map_or_else(|| env.compile(source), Ok) {
        Ok(p) => p,
        Err(errors) => {
            let first = errors.errors.first();
            let message = first.map_or_else(
                || "the expression does not parse".to_owned(),
                |e| {
                    let m = e.msg.trim();
                    let m = m.strip_prefix("Syntax error: ").unwrap_or(m);
                    format!("CEL syntax error: {m}")
                },
            );
            let offset = first.and_then(|e| offset_of(source, e.pos));
            return Err(refuse(
                message,
                offset,
                Some(
                    "the language is CEL: https://cel.dev; the variables are `self`, `doc`, `docs`, `as_of` and `params`",
                ),
            ));
        }
    };
    let reads = {
        let mut walk = Walk {
            nodes: 0,
            comprehensions: 0,
            scopes: Vec::new(),
            bindings,
            free: Vec::new(),
            problem: None,
        };
        walk.visit(program.expression(), 0, 0);
        walk.problem.map_or_else(
            || {
                let subject = walk.free.iter().any(|n| matches!(*n, "self" | "doc"));
                let names = walk
                    .free
                    .iter()
                    .filter(|n| bindings.iter().any(|b| b == *n))
                    .map(|n| (*n).to_owned())
                    .collect();
                Ok((!subject).then_some(names))
            },
            Err,
        )
    };
    Ok(Expr {
        source: source.to_owned(),
        program,
        reads: reads?,
    })
}

/// The byte offset of a (1-based line, 1-based character column) parser position.
fn offset_of(source: &str, (line, column): (isize, isize)) -> Option<usize> {
    let line = usize::try_from(line).ok()?.checked_sub(1)?;
    let column = usize::try_from(column).ok()?.saturating_sub(1);
    let start: usize = source.split_inclusive('\n').take(line).map(str::len).sum();
    let text = source.get(start..)?;
    Some(
        start
            + text
                .char_indices()
                .nth(column)
                .map_or(text.len(), |(i, _)| i),
    )
}

/// The offset of the first bracket nested deeper than the limit, skipping string literals.
fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in source.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

struct Walk<'a> {
    nodes: usize,
    comprehensions: usize,
    /// Variables bound by enclosing comprehensions.
    scopes: Vec<&'a str>,
    bindings: &'a [String],
    /// The variables read that no comprehension binds, each once.
    free: Vec<&'a str>,
    problem: Option<CelError>,
}

impl<'a> Walk<'a> {
    fn fail(&mut self, message: String, help: &str) {
        if self.problem.is_none() {
            self.problem = Some(CelError {
                message,
                offset: None,
                help: Some(help.to_owned()),
            });
        }
    }

    /// Recursion stops one level past the limit, so the walk itself stays shallow.
    fn visit(&mut self, e: &'a cel::IdedExpr, depth: usize, nesting: usize) {
        if self.problem.is_some() {
            return;
        }
        if depth > MAX_DEPTH {
            self.fail(
                format!("the expression nests more than {MAX_DEPTH} levels deep"),
                "split long chains of operators into several `expr` assertions",
            );
            return;
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fail(
                format!("the expression has more than {MAX_NODES} parts"),
                "split it into several `expr` assertions",
            );
            return;
        }
        let d = depth + 1;
        match &e.expr {
            Ast::Ident(name) => {
                let local = self.scopes.contains(&name.as_str());
                let known = local
                    || VARIABLES.contains(&name.as_str())
                    || self.bindings.iter().any(|b| b == name);
                if !local && !self.free.contains(&name.as_str()) {
                    self.free.push(name);
                }
                if !known {
                    let mut names: Vec<&str> = VARIABLES.to_vec();
                    names.extend(self.bindings.iter().map(String::as_str));
                    let help = crate::config::did_you_mean(name, &names, "variables");
                    self.fail(format!("unknown variable `{name}`"), &help);
                }
            }
            Ast::Call(call) => {
                if let Some(t) = &call.target {
                    self.visit(t, d, nesting);
                }
                for a in &call.args {
                    self.visit(a, d, nesting);
                }
            }
            Ast::Comprehension(c) => {
                self.comprehensions += 1;
                if self.comprehensions > MAX_COMPREHENSIONS || nesting >= MAX_COMPREHENSION_NESTING
                {
                    self.fail(
                        format!(
                            "the expression uses more than {MAX_COMPREHENSIONS} macros such as `all`, `exists` or `map`, or nests them more than {MAX_COMPREHENSION_NESTING} deep"
                        ),
                        "these limits keep evaluation time bounded; split the expression or use `each`",
                    );
                    return;
                }
                self.visit(&c.iter_range, d, nesting);
                self.visit(&c.accu_init, d, nesting);
                let before = self.scopes.len();
                self.scopes.push(&c.iter_var);
                if let Some(v2) = &c.iter_var2 {
                    self.scopes.push(v2);
                }
                self.scopes.push(&c.accu_var);
                self.visit(&c.loop_cond, d, nesting + 1);
                self.visit(&c.loop_step, d, nesting + 1);
                self.visit(&c.result, d, nesting + 1);
                self.scopes.truncate(before);
            }
            Ast::List(l) => {
                for item in &l.elements {
                    self.visit(item, d, nesting);
                }
            }
            Ast::Map(MapExpr { entries }) | Ast::Struct(StructExpr { entries, .. }) => {
                for entry in entries {
                    match &entry.expr {
                        cel::common::ast::EntryExpr::MapEntry(me) => {
                            self.visit(&me.key, d, nesting);
                            self.visit(&me.value, d, nesting);
                        }
                        cel::common::ast::EntryExpr::StructField(sf) => {
                            self.visit(&sf.value, d, nesting);
                        }
                    }
                }
            }
            Ast::Select(s) => self.visit(&s.operand, d, nesting),
            Ast::Literal(_) | Ast::Unspecified => {}
        }
    }
}

/// Converts a document's node to a CEL value tree that borrows every string and key from the
/// document. Depth is bounded by the loader's nesting limit.
fn tree(v: NodeRef<'_>) -> Box<dyn Val + '_> {
    match v.kind() {
        NodeKind::Null => Box::new(CelNull),
        NodeKind::Bool => Box::new(CelBool::from(v.as_bool().unwrap_or(false))),
        NodeKind::Number => match v.as_number() {
            Some(n) => match n.as_i64() {
                Some(i) => Box::new(CelInt::from(i)),
                None => Box::new(CelDouble::from(n.as_f64().unwrap_or(f64::NAN))),
            },
            // as `NodeRef::to_value` reads a number JSON cannot hold (the loader keeps none)
            None => Box::new(CelNull),
        },
        NodeKind::String => Box::new(CelString::from(v.as_str().unwrap_or(""))),
        NodeKind::Array => Box::new(Shared::new(CelList::from(
            v.items().map(tree).collect::<Vec<_>>(),
        ))),
        NodeKind::Object => Box::new(Shared::new(CelMap::from(
            v.entries()
                .map(|(k, v)| (CelMapKey::from(k), tree(v)))
                .collect::<HashMap<_, _>>(),
        ))),
    }
}

/// What one evaluation sees besides the documents.
pub(super) struct Scope<'s, 'a> {
    pub doc: usize,
    /// The subject node; `None` when it is the document root.
    pub subject: Option<NodeRef<'a>>,
    /// `params` of the rule.
    pub params: &'s (dyn Val + 'a),
    /// `as=` name → document index.
    pub bindings: &'s [(&'a str, usize)],
}

/// Per-run CEL state: converted documents, built lazily.
pub(super) struct Runtime<'a> {
    env: Arc<cel::Env>,
    docs: &'a [Doc],
    valid: &'a [bool],
    trees: Vec<OnceLock<Box<dyn Val + 'a>>>,
    all: OnceLock<Box<dyn Val + 'a>>,
    as_of: Box<dyn Val + 'a>,
}

impl<'a> Runtime<'a> {
    pub fn new(env: Arc<cel::Env>, docs: &'a [Doc], valid: &'a [bool], as_of: String) -> Self {
        Self {
            env,
            docs,
            valid,
            trees: (0..docs.len()).map(|_| OnceLock::new()).collect(),
            all: OnceLock::new(),
            as_of: Box::new(CelString::from(as_of)),
        }
    }

    fn doc(&self, i: usize) -> &(dyn Val + 'a) {
        self.trees[i]
            .get_or_init(|| tree(self.docs[i].root()))
            .as_ref()
    }

    /// `docs`: kind → list of the schema-valid documents of that kind, in discovery order.
    fn all(&self) -> &(dyn Val + 'a) {
        self.all
            .get_or_init(|| {
                let mut by_kind: HashMap<Kind, Vec<Box<dyn Val + 'a>>> =
                    Kind::ALL.into_iter().map(|k| (k, Vec::new())).collect();
                for (d, ok) in self.docs.iter().zip(self.valid) {
                    if *ok && let Some(list) = by_kind.get_mut(&d.kind) {
                        list.push(tree(d.root()));
                    }
                }
                Box::new(CelMap::from(
                    by_kind
                        .into_iter()
                        .map(|(k, v)| {
                            (
                                CelMapKey::from(k.as_str()),
                                Box::new(Shared::new(CelList::from(v))) as Box<dyn Val + 'a>,
                            )
                        })
                        .collect::<HashMap<_, _>>(),
                ))
            })
            .as_ref()
    }

    /// Evaluates `expr`: `Ok(true)` when it holds, `Err` with a readable reason when it cannot
    /// be evaluated or does not return a boolean. Variables are converted only when read.
    pub fn eval(&self, expr: &Expr, scope: &Scope<'_, 'a>) -> Result<bool, String> {
        let vars = Vars {
            rt: self,
            doc: scope.doc,
            subject: scope.subject,
            subject_tree: OnceLock::new(),
            params: scope.params,
            bindings: scope.bindings,
        };
        if budget::over() {
            return Err(STOPPED.into());
        }
        let mut context = cel::Context::with_env(self.env.clone());
        context.set_variable_resolver(&vars);
        // Defence in depth: an interpreter bug must not take the whole check down.
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| expr.program.execute(&context)));
        // Past the budget, iteration stopped early: whatever came out is not the answer.
        if budget::over() {
            return Err(STOPPED.into());
        }
        match result {
            Ok(Ok(cel::Value::Bool(b))) => Ok(b),
            Ok(Ok(other)) => Err(format!(
                "it returned a {} instead of true or false",
                other.type_of()
            )),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("the CEL interpreter failed on it".into()),
        }
    }
}

/// Why an evaluation was given up (the rule's budget of steps ran out).
pub(super) const STOPPED: &str = "the rule ran out of evaluation steps";

/// A list or mapping of the documents, shared rather than copied: binding a document to a
/// comprehension variable, or putting it in a list, costs one reference count (a copy would be
/// charged per element by the interpreter). Everything else is the inner value's, and it
/// downcasts as the inner value, so equality and the standard functions see a plain list or
/// map. What iterating, `in` and the rest cost is charged by the interpreter itself
/// (vendor/cel/PATCHED.md).
#[derive(Debug)]
struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> Shared<T> {
    fn new(inner: T) -> Self {
        Self(Arc::new(inner))
    }
}

impl<T: Val + Clone> Val for Shared<T> {
    fn get_type(&self) -> &cel::common::types::Type {
        self.0.get_type()
    }

    fn cel_type() -> &'static cel::common::types::Type {
        T::cel_type()
    }

    fn as_adder<'b, 'w>(&'b self) -> Option<&'b (dyn cel::common::traits::Adder + 'w)>
    where
        Self: 'w,
    {
        self.0.as_adder()
    }

    fn as_container(&self) -> Option<&dyn cel::common::traits::Container> {
        self.0.as_container()
    }

    fn as_indexer<'b, 'w>(&'b self) -> Option<&'b (dyn cel::common::traits::Indexer + 'w)>
    where
        Self: 'w,
    {
        self.0.as_indexer()
    }

    fn as_iterable<'b, 'w>(&'b self) -> Option<&'b (dyn cel::common::traits::Iterable + 'w)>
    where
        Self: 'w,
    {
        self.0.as_iterable()
    }

    fn as_sizer(&self) -> Option<&dyn cel::common::traits::Sizer> {
        self.0.as_sizer()
    }

    fn as_zeroer(&self) -> Option<&dyn cel::common::traits::Zeroer> {
        self.0.as_zeroer()
    }

    fn equals(&self, other: &dyn Val) -> bool {
        self.0.equals(other)
    }

    fn clone_as_boxed<'w>(&self) -> Box<dyn Val + 'w>
    where
        Self: 'w,
    {
        Box::new(self.clone())
    }

    fn as_builtin<'b, 'w>(&'b self) -> cel::common::value::BuiltinRef<'b, 'w>
    where
        Self: 'w,
    {
        self.0.as_builtin()
    }

    fn into_builtin<'w>(self: Box<Self>) -> Option<cel::common::value::Builtin<'w>>
    where
        Self: 'w,
    {
        // the only owner takes the value; otherwise it is copied (and the copy charged)
        Box::new(Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())).into_builtin()
    }
}

/// `params` for one rule: name → number.
pub(super) fn params<'a>(values: &[(String, f64)]) -> Box<dyn Val + 'a> {
    Box::new(CelMap::from(
        values
            .iter()
            .map(|(k, v)| {
                (
                    CelMapKey::from(k.clone()),
                    Box::new(CelDouble::from(*v)) as Box<dyn Val + 'a>,
                )
            })
            .collect::<HashMap<_, _>>(),
    ))
}

struct Vars<'r, 'a> {
    rt: &'r Runtime<'a>,
    doc: usize,
    subject: Option<NodeRef<'a>>,
    subject_tree: OnceLock<Box<dyn Val + 'a>>,
    params: &'r (dyn Val + 'a),
    bindings: &'r [(&'a str, usize)],
}

impl VariableResolver for Vars<'_, '_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        let v: &'b (dyn Val + 'b) = match variable {
            "self" => match self.subject {
                Some(v) => self.subject_tree.get_or_init(|| tree(v)).as_ref(),
                None => self.rt.doc(self.doc),
            },
            "doc" => self.rt.doc(self.doc),
            "docs" => self.rt.all(),
            "as_of" => self.rt.as_of.as_ref(),
            "params" => self.params,
            name => {
                let (_, d) = self.bindings.iter().rev().find(|(n, _)| *n == name)?;
                self.rt.doc(*d)
            }
        };
        Some(CowVal::Borrowed(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str) -> Result<Expr, CelError> {
        compile(&env(), src, &["ref".to_owned()])
    }

    #[test]
    fn refuses_what_could_run_away() {
        assert!(check("self.spec.criticality in ['critical', 'high']").is_ok());
        assert!(check("docs.Tenant.exists(t, t.spec.subscriptions.exists(s, s.service == self.metadata.id))").is_ok());
        let chain = vec!["1"; 100].join(" + ");
        assert!(
            check(&chain)
                .unwrap_err()
                .message
                .contains("nests more than")
        );
        let parens = format!("{}1{}", "(".repeat(40), ")".repeat(40));
        assert!(
            check(&parens)
                .unwrap_err()
                .message
                .contains("brackets nest")
        );
        let nested = "[1].all(a, [1].all(b, [1].all(c, true)))";
        assert!(check(nested).unwrap_err().message.contains("macros"));
        assert!(check(&"x".repeat(3000)).is_err());
        let e = check("selff.spec").unwrap_err();
        assert_eq!(e.message, "unknown variable `selff`");
        assert!(e.help.unwrap().contains("did you mean `self`"));
        assert!(check("ref.spec.x == 1 && [1].map(x, x + 1)[0] == 2").is_ok());
    }

    #[test]
    fn syntax_errors_have_an_offset() {
        let e = check("self.a ?? 1").unwrap_err();
        assert!(e.message.starts_with("CEL syntax error"), "{}", e.message);
        assert!(e.offset.is_some());
        assert_eq!(offset_of("ab\ncd", (2, 2)), Some(4));
    }

    /// Service `a` (`spec: {n: 3, s: x, l: [a]}`) and Tenant `t`.
    fn service_and_tenant() -> Vec<Doc> {
        crate::policy::tests::documents(
            "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: a}\nspec: {n: 3, s: x, l: [a]}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: t}\nspec: {}\n",
        )
    }

    #[test]
    fn an_expression_knows_whether_it_reads_only_named_documents() {
        let reads = |src: &str| {
            compile(&env(), src, &["ref".to_owned(), "other".to_owned()])
                .unwrap()
                .reads
        };
        assert_eq!(reads("self.n > 2"), None);
        assert_eq!(reads("doc.spec.n > 2"), None);
        assert_eq!(reads("[1].exists(x, self.n == x)"), None);
        assert_eq!(
            reads("ref.spec.n > 2 && other.x == 1 && ref.y == 2"),
            Some(vec!["ref".to_owned(), "other".to_owned()])
        );
        assert_eq!(
            reads("size(docs.Service) > 0 && as_of > '2020' && params.limit > 0"),
            Some(vec![])
        );
        // a comprehension's own variable is not the binding of that name
        assert_eq!(reads("[1].exists(ref, ref == 1)"), Some(vec![]));
    }

    #[test]
    fn an_expression_of_named_documents_is_evaluated_once_and_charged_every_time() {
        let docs = service_and_tenant();
        let valid = [true, true];
        let runtime = Runtime::new(Arc::new(env()), &docs, &valid, "2026-11-22".into());
        let params = params(&[]);
        let on = |subject: usize, bound: &'static [(&'static str, usize)]| Scope {
            doc: subject,
            subject: None,
            params: params.as_ref(),
            bindings: bound,
        };
        let expr = compile(
            &runtime.env,
            "ref.metadata.id == 't' && docs.Service.all(s, s.spec.l.all(x, true))",
            &["ref".to_owned()],
        )
        .unwrap();
        let to_t: &[(&str, usize)] = &[("ref", 1)];
        let to_a: &[(&str, usize)] = &[("ref", 0)];
        // evaluated each time, from two subjects
        super::budget::start(u64::MAX - 1);
        for subject in [0, 1, 0] {
            assert_eq!(runtime.eval(&expr, &on(subject, to_t)), Ok(true));
        }
        let plain = super::budget::finish().used;
        assert!(plain > 3, "{plain}");
        // remembered: the same values, the same steps, one evaluation
        let mut memo = Memo::default();
        super::budget::start(u64::MAX - 1);
        for subject in [0, 1, 0] {
            assert_eq!(memo.eval(&runtime, &expr, &on(subject, to_t)), Ok(true));
        }
        assert_eq!(super::budget::finish().used, plain);
        assert_eq!(memo.0.len(), 1);
        // bound to another document, it is another value
        assert_eq!(memo.eval(&runtime, &expr, &on(1, to_a)), Ok(false));
        assert_eq!(memo.0.len(), 2);
        // a budget that ran out on the third evaluation runs out on the third remembered one
        let stops = |memo: Option<&mut Memo>| {
            super::budget::start(plain - 1);
            let mut memo = memo;
            let answers: Vec<_> = (0..3)
                .map(|_| match memo.as_deref_mut() {
                    Some(m) => m.eval(&runtime, &expr, &on(0, to_t)),
                    None => runtime.eval(&expr, &on(0, to_t)),
                })
                .collect();
            (answers, super::budget::finish().over())
        };
        let evaluated = stops(None);
        assert_eq!(evaluated.0[2], Err(STOPPED.into()));
        assert_eq!(stops(Some(&mut Memo::default())), evaluated);
        // one that reads the subject is evaluated every time
        let subject = compile(&runtime.env, "doc.metadata.id == 'a'", &[]).unwrap();
        let mut memo = Memo::default();
        assert_eq!(memo.eval(&runtime, &subject, &on(0, &[])), Ok(true));
        assert_eq!(memo.eval(&runtime, &subject, &on(1, &[])), Ok(false));
        assert!(memo.0.is_empty());
    }

    #[test]
    fn evaluates_over_borrowed_documents() {
        fn yes<'a>(rt: &Runtime<'a>, src: &str, scope: &Scope<'_, 'a>) -> Result<bool, String> {
            rt.eval(&compile(&rt.env, src, &["ref".to_owned()]).unwrap(), scope)
        }
        let docs = service_and_tenant();
        let valid = [true, true];
        let env = Arc::new(env());
        let runtime = Runtime::new(env.clone(), &docs, &valid, "2026-11-22".into());
        let params = params(&[("limit".to_owned(), 2.0)]);
        let whole = Scope {
            doc: 0,
            subject: None,
            params: params.as_ref(),
            bindings: &[("ref", 1)],
        };
        let spec = Scope {
            subject: docs[0].doc.root().and_then(|r| r.get("spec")),
            ..whole
        };
        assert_eq!(
            yes(
                &runtime,
                "self.n > 2 && self.s == 'x' && 'a' in self.l && size(doc.spec.l) == 1",
                &spec
            ),
            Ok(true)
        );
        assert_eq!(
            yes(
                &runtime,
                "self.spec.n == 3 && as_of > '2020-01-01' && params.limit == 2.0",
                &whole
            ),
            Ok(true)
        );
        assert_eq!(
            yes(
                &runtime,
                "ref.metadata.id == 't' && size(docs.Service) == 2 - 1 && size(docs.Entity) == 0",
                &whole
            ),
            Ok(true)
        );
        assert!(yes(&runtime, "self.nope == 1", &spec).is_err());
        assert!(
            yes(&runtime, "self.n", &spec)
                .unwrap_err()
                .contains("instead of true or false")
        );
        // `matches()`: both forms, compiled once for the thread, a bad pattern an error
        MATCHES.with(|c| c.borrow_mut().clear());
        for _ in 0..3 {
            assert_eq!(
                yes(
                    &runtime,
                    "self.s.matches('^x$') && matches(self.s, '^x$')",
                    &spec
                ),
                Ok(true)
            );
        }
        assert_eq!(MATCHES.with(|c| c.borrow().len()), 1);
        assert!(yes(&runtime, "self.s.matches('(')", &spec).is_err());
        // lists and maps of the documents still compare, index and size as plain values
        assert_eq!(
            yes(
                &runtime,
                "self.l == ['a'] && ['a'] == self.l && self.l[0] == 'a' && self.l.all(x, x == 'a') && self.exists(k, k == 'n') && self.l + ['b'] == ['a', 'b']",
                &spec
            ),
            Ok(true)
        );
        // steps are counted, the same on every run: past the budget the evaluation is given
        // up, not answered
        let steps = |expr: &str| {
            super::budget::start(u64::MAX - 1);
            let answer = yes(&runtime, expr, &spec);
            (answer, super::budget::finish().used)
        };
        let nested = "docs.Service.all(s, self.l.all(x, true))";
        let (answer, used) = steps(nested);
        assert_eq!(answer, Ok(true));
        assert_eq!(steps(nested).1, used, "deterministic");
        super::budget::start(used);
        assert_eq!(
            yes(&runtime, nested, &spec),
            Ok(true),
            "{used} steps suffice"
        );
        assert!(!super::budget::finish().over());
        super::budget::start(used - 1);
        assert_eq!(yes(&runtime, nested, &spec), Err(STOPPED.into()));
        assert!(super::budget::finish().over());
        // each item taken costs its steps: a list of one item more costs more
        assert!(steps("['a', 'b'].all(x, true)").1 > steps("['a'].all(x, true)").1);
        // text is charged by its length: 256 bytes a step
        let long = format!("'{}'.size() > 0", "x".repeat(1792));
        let short = "'x'.size() > 0".to_owned();
        assert_eq!(steps(&long).1, steps(&short).1 + 7);
    }
}
