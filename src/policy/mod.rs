//! Policy rules written in KDL: the shipped packs (`policies/*.kdl`, embedded) and the
//! repository's own (`policies "DIR"` in egenregi.kdl). Compiled once, before any document is
//! visited; evaluated over every schema-valid document.
//!
//! The language (README "Policies"): `rule "family/name" severity=... { summary; select
//! kind=... [where=PATH OP]; assert PATH OP; expr "CEL"; when PATH OP { ... }; each PATH[*] {
//! ... } }`, with parameters (`param "NAME" DEFAULT`, read as `(param)"NAME"`) that
//! `egenregi.kdl` may override.

mod budget;
mod cel;
mod compile;
mod eval;
mod graph;
mod ops;
mod path;
mod prebuilt;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kdl::KdlDocument;
use miette::SourceSpan;
use rayon::prelude::*;

use crate::config::{
    Config, FILE_NAME, KdlFileError, KdlProblem, MAX_KDL_NESTING, PoliciesDir, kdl_too_deep,
    problem, syntax_problems,
};
use crate::finding::{Findings, Rule};
use crate::load::Doc;
use crate::load::discover::{Resolved, resolve_inside};
use crate::source::{SourceFile, SourceId, Sources};
use compile::CompiledRule;

/// The packs compiled into the binary: (source name in findings, text, the document as parsed
/// when the binary was built).
pub const SHIPPED: &[(&str, &str, crate::shipped::Built)] = &[(
    "builtin:policies/infrastructure.kdl",
    include_str!("../../policies/infrastructure.kdl"),
    crate::shipped::infrastructure,
)];

/// Limits on the repository's rule files (they come from pull requests, like the YAML).
const MAX_FILES: usize = 256;
const MAX_FILE_BYTES: u64 = 1024 * 1024;
const MAX_DIR_DEPTH: usize = 8;
/// Compiling runs on a thread with this much stack: the `kdl` and CEL parsers recurse deeply
/// per nesting level, and a test thread's 2 MiB is not enough for their worst case.
const COMPILE_STACK: usize = 64 * 1024 * 1024;

/// The compiled policy rules of a run.
#[derive(Default)]
pub struct Policies {
    rules: Vec<Rule>,
    compiled: Vec<CompiledRule>,
    /// Source of each rule file, by file index.
    files: Vec<SourceId>,
    env: Option<Arc<::cel::Env>>,
}

impl std::fmt::Debug for Policies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policies")
            .field("rules", &self.rules.len())
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl Policies {
    /// Rule metadata for the registry (`rules`, `explain`, config validation).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

/// A rule file to compile: where findings name it, and its text.
struct RuleFile {
    path: String,
    text: Arc<String>,
    /// The document, for a file parsed when the binary was built.
    parsed: Option<crate::shipped::Built>,
}

/// Compiles the shipped packs and the repository's policy directory (`policies "DIR"` in
/// `egenregi.kdl`, if set). Rule files become sources so findings can point at the rule that
/// fired.
pub fn load(
    dir: Option<&PoliciesDir>,
    root: &Path,
    sources: &mut Sources,
) -> Result<Policies, Box<KdlFileError>> {
    let mut files = shipped();
    if let Some(dir) = dir {
        files.extend(repository_files(dir, root, sources)?);
    }
    let (compiled, env) = compile_all(&files)?;
    let mut policies = Policies {
        env: Some(Arc::new(env)),
        ..Policies::default()
    };
    for f in &files {
        policies
            .files
            .push(sources.push(SourceFile::new(f.path.clone(), f.text.as_str())));
    }
    policies.rules = compiled.iter().map(|r| r.meta.clone()).collect();
    policies.compiled = compiled;
    Ok(policies)
}

/// How many rule files (`*.kdl`) `ROOT/policies` holds when `egenregi.kdl` names no policies
/// directory (`dir` is `None`): README puts a repository's own rules there, and without the
/// `policies` line none of them would run while the gate passed (`repo/policies-not-named`).
/// Only a real directory is looked into, and no link is followed; nothing is read.
pub fn unnamed_rule_files(dir: Option<&PoliciesDir>, root: &Path) -> usize {
    let path = root.join("policies");
    if dir.is_some() || !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
        return 0;
    }
    kdl_files(&path).map_or(0, |found| found.len())
}

/// The packs compiled into the binary, as rule files.
fn shipped() -> Vec<RuleFile> {
    SHIPPED
        .iter()
        .map(|(path, text, parsed)| RuleFile {
            path: (*path).to_owned(),
            text: Arc::new((*text).to_owned()),
            parsed: Some(*parsed),
        })
        .collect()
}

/// Compiles every file on a thread with a large stack, then checks ids across files.
fn compile_all(files: &[RuleFile]) -> Result<(Vec<CompiledRule>, ::cel::Env), Box<KdlFileError>> {
    // The shipped packs alone are the project's own, parsed when the binary was built and
    // shallow (a test keeps them so): they compile here. A thread of their own had cost an
    // arena of its own, grown one `mprotect` at a time (79 of them for the shipped pack).
    if files.iter().all(|f| f.parsed.is_some()) {
        return compile_files(files);
    }
    let work = || compile_files(files);
    let result = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("egenregi-policy-compile".into())
            .stack_size(COMPILE_STACK)
            .spawn_scoped(s, work)
            .ok()
            .and_then(|handle| handle.join().ok())
    });
    // If no thread can be had, compile here: the nesting limits still apply.
    result.unwrap_or_else(|| compile_files(files))
}

fn compile_files(files: &[RuleFile]) -> Result<(Vec<CompiledRule>, ::cel::Env), Box<KdlFileError>> {
    let env = cel::env();
    let builtin: HashSet<String> = crate::rules::builtin()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    let mut all: Vec<CompiledRule> = Vec::new();
    // Every id so far and the file it is in: the check across files is a lookup, not a scan
    // of every rule before it (8,000 rules made it quadratic).
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Compiled `matches=` regexes of all files so far (`budget::regex`).
    let mut regex_bytes = 0usize;
    for (index, file) in files.iter().enumerate() {
        let fail = |problems: Vec<KdlProblem>| {
            let mut problems = problems;
            problems.sort_by_key(|p| p.span.offset());
            Box::new(KdlFileError::new(
                file.path.clone(),
                file.text.clone(),
                problems,
            ))
        };
        // A file parsed when the binary was built is the project's own, and a test keeps it
        // within the limit; scanning it again was 6 % of checking an empty repository.
        if file.parsed.is_none()
            && let Some(at) = kdl_too_deep(&file.text, MAX_KDL_NESTING)
        {
            return Err(fail(vec![problem(
                SourceSpan::from((at, 1)),
                format!("blocks nest more than {MAX_KDL_NESTING} deep"),
                "too deep",
                Some("a rule needs a few levels of `when` and `each` at most".into()),
            )]));
        }
        let parsed = match file.parsed {
            Some(parsed) => Ok(parsed()),
            None => KdlDocument::parse_v2(&file.text),
        };
        let doc = match parsed {
            Ok(d) => d,
            Err(e) => {
                return Err(fail(syntax_problems(
                    e,
                    Some(
                        "rule files are KDL v2 (https://kdl.dev): strings in double quotes, `#true`, `#false`, `#null`",
                    ),
                )));
            }
        };
        let mut compiler = compile::Compiler::new(&file.text, index, &env);
        compiler.regex_bytes = regex_bytes;
        let rules = compiler.file(&doc);
        regex_bytes = compiler.regex_bytes;
        let mut problems = compiler.problems;
        if let Some(over) = rules.get(budget::MAX_RULES.saturating_sub(all.len())) {
            problems.push(problem(
                over.id_span,
                format!(
                    "more than {} rules in the rule files together",
                    budget::MAX_RULES
                ),
                "over the limit",
                Some("merge rules that check the same kind, or remove rule files".into()),
            ));
        }
        for rule in &rules {
            let id = rule.meta.id.as_ref();
            if builtin.contains(id) {
                problems.push(problem(
                    rule.id_span,
                    format!("`{id}` is a built-in rule"),
                    "taken",
                    Some(
                        "give the policy its own id; `egenregi rules` lists the ids in use".into(),
                    ),
                ));
            } else if let Some(&other) = seen.get(id) {
                let whereabouts = &files[other].path;
                problems.push(problem(
                    rule.id_span,
                    format!("rule `{id}` is defined twice"),
                    "again here",
                    Some(format!("it is also defined in `{whereabouts}`")),
                ));
            } else {
                seen.insert(id.to_owned(), rule.file);
            }
        }
        if !problems.is_empty() {
            return Err(fail(problems));
        }
        all.extend(rules);
    }
    Ok((all, env))
}

/// The `*.kdl` files under the repository's policy directory, sorted, relative paths as named
/// in egenregi.kdl. Symlinks are not followed, so nothing outside the root is read.
/// The rule files (`*.kdl`) under `dir` (`MAX_DIR_DEPTH` levels), each as its path relative to
/// `dir` and its full path, in no order; a directory that cannot be listed is the error, with
/// its path relative to `dir`. Links are not followed (an entry's own type is asked).
fn kdl_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, (String, std::io::Error)> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let mut pending: Vec<(PathBuf, String, usize)> = vec![(dir.to_path_buf(), String::new(), 0)];
    while let Some((path, rel, depth)) = pending.pop() {
        let entries = std::fs::read_dir(&path).map_err(|e| (rel.clone(), e))?;
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            let child_rel = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if kind.is_dir() && depth < MAX_DIR_DEPTH {
                pending.push((entry.path(), child_rel, depth + 1));
            } else if kind.is_file()
                && Path::new(&name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("kdl"))
            {
                found.push((child_rel, entry.path()));
            }
        }
    }
    Ok(found)
}

fn repository_files(
    setting: &PoliciesDir,
    root: &Path,
    sources: &Sources,
) -> Result<Vec<RuleFile>, Box<KdlFileError>> {
    let (dir, shown) = (setting.path.as_path(), &setting.shown);
    let (span, config_text) = match &setting.at {
        Some(at) => (
            SourceSpan::from(at.span.clone()),
            Arc::new(sources.get(at.source).text.to_string()),
        ),
        None => (SourceSpan::from((0, 0)), Arc::default()),
    };
    let fail = |message: String, help: Option<String>| {
        Box::new(KdlFileError::new(
            FILE_NAME.into(),
            config_text.clone(),
            vec![problem(span, message, "this directory", help)],
        ))
    };
    // Resolved one component at a time inside the root: a committed link (`lnk/.`) never
    // leads the checker to rule files elsewhere on the machine, and the message does not say
    // whether anything is there.
    let resolved = match (root.canonicalize(), dir.strip_prefix(root)) {
        (Ok(canonical_root), Ok(rel)) => resolve_inside(&canonical_root, rel),
        _ => Resolved::Missing,
    };
    let dir = match resolved {
        Resolved::Inside(real) if real.is_dir() => real,
        Resolved::Outside(_) => {
            return Err(fail(
                format!(
                    "the policies directory `{shown}` leads out of the repository through a link"
                ),
                Some(
                    "links are followed only inside the repository; keep the rule files in it"
                        .into(),
                ),
            ));
        }
        _ => {
            return Err(fail(
                format!("the policies directory `{shown}` does not exist"),
                Some("create it with `.kdl` rule files, or remove the `policies` line".into()),
            ));
        }
    };
    let mut found = kdl_files(&dir)
        .map_err(|(rel, e)| fail(format!("cannot read `{shown}/{rel}`: {e}"), None))?;
    found.sort();
    if found.len() > MAX_FILES {
        return Err(fail(
            format!(
                "`{shown}` holds {} rule files; at most {MAX_FILES} are read",
                found.len()
            ),
            None,
        ));
    }
    let mut out = Vec::with_capacity(found.len());
    for (rel, path) in found {
        let shown_path = format!("{shown}/{rel}");
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        if size > MAX_FILE_BYTES {
            return Err(fail(
                format!(
                    "`{shown_path}` is {size} bytes; a rule file may have at most {MAX_FILE_BYTES}"
                ),
                Some("split it into several files".into()),
            ));
        }
        let text = std::fs::read(&path)
            .map_err(|e| fail(format!("cannot read `{shown_path}`: {e}"), None))?;
        let text = String::from_utf8(text).map_err(|e| {
            fail(
                format!(
                    "`{shown_path}` is not UTF-8 (byte offset {})",
                    e.utf8_error().valid_up_to()
                ),
                Some("save it as UTF-8".into()),
            )
        })?;
        out.push(RuleFile {
            path: shown_path,
            text: Arc::new(text),
            parsed: None,
        });
    }
    Ok(out)
}

/// Evaluates every rule over the documents (`valid[i]`: document i passed its schema).
pub fn run(
    policies: &Policies,
    docs: &[Doc],
    valid: &[bool],
    config: &Config,
    _sources: &Sources,
    findings: &mut Findings,
) {
    if policies.compiled.is_empty() {
        return;
    }
    let runtime = match (&policies.env, policies.compiled.iter().any(|r| r.uses_cel)) {
        (Some(env), true) => Some(cel::Runtime::new(
            env.clone(),
            docs,
            valid,
            config.as_of().to_string(),
        )),
        _ => None,
    };
    let eval = eval::Eval::new(docs, valid, config.as_of(), runtime, &policies.files);
    // Rules are independent: evaluate them on every core, a group of rules per core, each group
    // a block of documents at a time (`run_group`), and keep their findings in rule order so
    // that the output does not depend on the threads. Each rule counts its CEL steps
    // (`budget`); the run's steps are charged chunk by chunk in rule order, so which rule the
    // run's budget stops is the same on every machine.
    let limits = budget::StepLimits::for_documents(docs.len());
    let mut run_steps = 0u64;
    // The documents a selection of each kind reads, to balance the groups.
    let mut selected = [0usize; crate::kind::Kind::ALL.len()];
    for (d, ok) in docs.iter().zip(valid) {
        if *ok && let Some(n) = selected.get_mut(d.kind as usize) {
            *n += 1;
        }
    }
    for chunk in policies.compiled.chunks(budget::RULE_CHUNK) {
        let left = limits.run.saturating_sub(run_steps);
        let limit = limits.rule.min(left);
        let params: Vec<Vec<f64>> = chunk
            .iter()
            .map(|rule| {
                rule.params
                    .iter()
                    .map(|(name, default)| config.param(&rule.meta.id, name, *default))
                    .collect()
            })
            .collect();
        let mut per_rule: Vec<Option<(Vec<crate::finding::Finding>, budget::Meter)>> =
            vec![None; chunk.len()];
        let per_group: Vec<Vec<(usize, Vec<crate::finding::Finding>, budget::Meter)>> =
            blocked_groups(chunk, rayon::current_num_threads(), |kind| {
                selected.get(kind as usize).copied().unwrap_or(0)
            })
            .par_iter()
            .map(|group| run_group(&eval, chunk, &params, group, limit))
            .collect();
        for (k, found, meter) in per_group.into_iter().flatten() {
            if let Some(slot) = per_rule.get_mut(k) {
                *slot = Some((found, meter));
            }
        }
        // every rule of the chunk is in one group
        let per_rule = per_rule
            .into_iter()
            .map(|r| r.unwrap_or_else(|| (Vec::new(), budget::Meter { used: 0, limit })));
        for (rule, (out, meter)) in chunk.iter().zip(per_rule) {
            if meter.over() || run_steps.saturating_add(meter.used) > limits.run {
                let whole_run =
                    meter.limit < limits.rule || run_steps.saturating_add(meter.used) > limits.run;
                findings.extend([stopped(rule, &policies.files, limits, whole_run)]);
                continue;
            }
            run_steps += meter.used;
            findings.extend(out);
        }
    }
}

/// Documents a group of rules is run over before the group's next rule takes them, so that
/// their rows and text are still in the cache for it. Run one rule at a time over the whole
/// corpus, each of the shipped pack's four rules over tenants read every tenant from memory
/// again: on `providers-x10` (54 MB) that cost about 3 % of the whole check's CPU (issue 18).
const BLOCK_DOCUMENTS: usize = 32;

/// The rules of `chunk` (by their places in it) in `threads` groups, each group run a block of
/// documents at a time. A rule with CEL and more than one selection is a group of its own, run
/// over all documents at once: its step budget counts its selections one after the other, and
/// the steps it has counted when it passes its budget decide whether its finding blames the
/// rule or the whole run. Which rules share a group changes no finding: each rule reads the
/// documents in the same order, keeps its own state and counts its own steps.
///
/// The groups are balanced by the documents their rules select (`selected` of a kind): each
/// rule, the most selecting first, goes to the group that selects the fewest so far (ties to
/// the first). Dealt in turn, the shipped pack's three rules that read every subscription fell
/// into one group, and the rules alone took 40 % longer from start to end than one rule at a
/// time on two threads.
fn blocked_groups(
    chunk: &[CompiledRule],
    threads: usize,
    selected: impl Fn(crate::kind::Kind) -> usize,
) -> Vec<Vec<usize>> {
    let (alone, mut together): (Vec<usize>, Vec<usize>) = (0..chunk.len()).partition(|&k| {
        chunk
            .get(k)
            .is_some_and(|r| r.uses_cel && r.selections.len() > 1)
    });
    let cost = |k: usize| -> usize {
        chunk.get(k).map_or(0, |r| {
            r.selections
                .iter()
                .map(|s| selected(s.kind))
                .fold(0, usize::saturating_add)
        })
    };
    // the most selecting first; a stable sort keeps the rules' order among equals
    together.sort_by_key(|&k| std::cmp::Reverse(cost(k)));
    let count = threads.clamp(1, together.len().max(1));
    let mut groups: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); count];
    for k in together {
        if let Some((load, members)) = groups.iter_mut().min_by_key(|(load, _)| *load) {
            *load = load.saturating_add(cost(k));
            members.push(k);
        }
    }
    let mut groups: Vec<Vec<usize>> = groups
        .into_iter()
        .filter(|(_, members)| !members.is_empty())
        .map(|(_, mut members)| {
            // a group's rules in their order in the chunk
            members.sort_unstable();
            members
        })
        .collect();
    groups.extend(alone.into_iter().map(|k| vec![k]));
    groups
}

/// Runs the rules of `group` (places in `chunk`) a block of documents at a time, each metered
/// against `limit`: each rule's findings and steps.
fn run_group<'a>(
    eval: &eval::Eval<'a>,
    chunk: &'a [CompiledRule],
    params: &[Vec<f64>],
    group: &[usize],
    limit: u64,
) -> Vec<(usize, Vec<crate::finding::Finding>, budget::Meter)> {
    let mut runs: Vec<(usize, eval::RuleRun<'_, 'a>, budget::Meter)> = group
        .iter()
        .filter_map(|&k| {
            let run = eval::RuleRun::new(chunk.get(k)?, params.get(k)?);
            Some((k, run, budget::Meter { used: 0, limit }))
        })
        .collect();
    let n = eval.docs.len();
    let block = if runs.len() > 1 {
        BLOCK_DOCUMENTS
    } else {
        n.max(1)
    };
    for start in (0..n).step_by(block) {
        for (_, run, meter) in &mut runs {
            budget::resume(*meter);
            eval.run_over(run, start..(start + block).min(n));
            *meter = budget::finish();
        }
    }
    runs.into_iter()
        .map(|(k, run, meter)| {
            let mut found = Vec::new();
            budget::resume(meter);
            run.finish(eval, &mut found);
            (k, found, budget::finish())
        })
        .collect()
}

/// The one finding of a rule whose CEL expressions took more steps than its budget (or the
/// run's): its other findings are dropped, as they may be incomplete.
fn stopped(
    rule: &CompiledRule,
    files: &[SourceId],
    limits: budget::StepLimits,
    whole_run: bool,
) -> crate::finding::Finding {
    let (limit, scope) = if whole_run {
        (limits.run, "all rules together")
    } else {
        (limits.rule, "one rule")
    };
    let span = rule.id_span.offset()..rule.id_span.offset() + rule.id_span.len();
    let mut f = crate::finding::Finding::new(
        &rule.meta,
        crate::finding::Location::new(files.get(rule.file).copied().unwrap_or(SourceId(0)), span),
        format!(
            "rule `{}` was stopped: its expressions took more than {limit} evaluation steps (the limit for {scope}); its findings are not reported",
            rule.meta.id
        ),
    )
    .help("nested `all`/`exists` over `docs` multiply: narrow the documents with `select ... where=`, or look the other document up with `ref`");
    f.severity = crate::finding::Severity::Error;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use std::fmt::Write as _;

    /// The rules of `text`, compiled.
    fn compiled(text: &str) -> Vec<CompiledRule> {
        let kdl = KdlDocument::parse_v2(text).unwrap();
        let env = cel::env();
        let mut compiler = compile::Compiler::new(text, 0, &env);
        let rules = compiler.file(&kdl);
        assert!(compiler.problems.is_empty());
        rules
    }

    /// The documents of `yaml` (separated by `---`), each with its kind and id.
    pub(super) fn documents(yaml: &str) -> Vec<Doc> {
        let parsed = crate::load::yaml::parse(
            yaml,
            crate::source::SourceId(0),
            &crate::load::Limits::default(),
        );
        parsed
            .documents
            .into_iter()
            .map(|doc| {
                let root = doc.root().unwrap();
                let kind = crate::kind::Kind::parse(root.str_at("kind").unwrap()).unwrap();
                let id = root
                    .pointer("/metadata/id")
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned();
                Doc { doc, kind, id }
            })
            .collect()
    }

    /// An evaluator of `docs` with CEL, on 2026-11-22.
    fn evaluator<'a>(docs: &'a [Doc], valid: &'a [bool], files: &'a [SourceId]) -> eval::Eval<'a> {
        let as_of = crate::date::Date::parse("2026-11-22").unwrap();
        let runtime = cel::Runtime::new(Arc::new(cel::env()), docs, valid, as_of.to_string());
        eval::Eval::new(docs, valid, as_of, Some(runtime), files)
    }

    /// The documents of `kind` in `docs`.
    fn count(docs: &[Doc], kind: crate::kind::Kind) -> usize {
        docs.iter().filter(|d| d.kind == kind).count()
    }

    /// Each rule's parameters at their defaults.
    fn defaults(rules: &[CompiledRule]) -> Vec<Vec<f64>> {
        rules
            .iter()
            .map(|r| r.params.iter().map(|(_, default)| *default).collect())
            .collect()
    }

    /// The shipped pack's rules over `yaml`, each alone over all the documents, and then as
    /// `policy::run` runs them, a block of documents at a time, several rules to a group in
    /// `threads` groups: their findings per rule.
    fn alone_and_blocked(yaml: &str, threads: usize) -> (Vec<Vec<Finding>>, Vec<Vec<Finding>>) {
        let rules = compiled(include_str!("../../policies/infrastructure.kdl"));
        let docs = documents(yaml);
        assert!(
            docs.len() > 3 * BLOCK_DOCUMENTS,
            "blocks on both sides of each rule"
        );
        let valid = vec![true; docs.len()];
        let files = [SourceId(0)];
        let eval = evaluator(&docs, &valid, &files);
        let params = defaults(&rules);
        let limit = budget::StepLimits::for_documents(docs.len()).rule;
        let alone = (0..rules.len())
            .map(|k| {
                let mut out = Vec::new();
                budget::start(limit);
                eval.rule(&rules[k], &params[k], &mut out);
                assert!(!budget::finish().over());
                out
            })
            .collect();
        let mut blocked = vec![Vec::new(); rules.len()];
        for group in blocked_groups(&rules, threads, |kind| count(&docs, kind)) {
            for (k, found, meter) in run_group(&eval, &rules, &params, &group, limit) {
                assert!(!meter.over());
                blocked[k] = found;
            }
        }
        (alone, blocked)
    }

    /// Rules run a block of documents at a time, several to a group, find what each finds run
    /// alone over the whole corpus, in the same order: the documents of each selection in turn,
    /// then its checks of the whole set (`service/dependencies`' cycle), whatever the number
    /// of groups. The corpus spans more than three blocks, with services at both ends, so that
    /// references (`service/lifecycle`, `tenant/dpa`, CEL in `service/digifin-participation`)
    /// cross from one block into another.
    #[test]
    fn rules_run_a_block_at_a_time_find_what_each_finds_alone() {
        let service = |id: &str, spec: &str| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {{id: {id}}}\nspec: {spec}\n"
            )
        };
        let mut yaml = [
            service(
                "old",
                "{provider: ks, criticality: low, data: {personal_data: true}, lifecycle: {stage: retired, launched: 2010-01-01, sunset: 2025-12-31}}",
            ),
            service(
                "dep",
                "{provider: ks, criticality: low, lifecycle: {stage: deprecated}}",
            ),
            service(
                "c1",
                "{provider: ks, criticality: low, lifecycle: {stage: active}, depends_on: [c2]}",
            ),
        ]
        .concat();
        for i in 0..80 {
            // every seventh entity dissolved in 2020, every third in DigiFin since 2020
            let dissolved = if i % 7 == 0 {
                ", dissolved: 2020-01-01, successors: [e1]"
            } else {
                ""
            };
            let schemes = if i % 3 == 0 {
                ", schemes: [{scheme: digifin, from: 2020-01-01}]"
            } else {
                ""
            };
            let since = if i % 5 == 0 {
                "2023-06-01"
            } else {
                "2025-01-01"
            };
            let entity = format!(
                "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: e{i}}}\nspec: {{type: kommune{dissolved}{schemes}}}\n"
            );
            let tenant = format!(
                "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: t{i}}}\nspec:\n  entity: e{i}\n  subscriptions:\n    - {{service: old, since: 2015-01-01, basis: tender}}\n    - {{service: new, since: {since}, basis: tender}}\n    - {{service: old, since: 2015-01-01, until: 2019-12-31, basis: tender, dpa: {{signed: 2014-01-01}}}}\n"
            );
            // Every third tenant before its entity, so that tenants (which the rules select)
            // and entities (which they only read through `ref`) both end blocks: documents
            // 63 and 159 are tenants, 31, 95 and 127 entities.
            if i % 3 == 0 {
                yaml.push_str(&(tenant + &entity));
            } else {
                yaml.push_str(&(entity + &tenant));
            }
        }
        yaml.push_str(&service(
            "new",
            "{provider: ks, criticality: high, lifecycle: {stage: active, launched: 2024-01-01}, funding: [{scheme: digifin}]}",
        ));
        yaml.push_str(&service(
            "c2",
            "{provider: ks, criticality: low, lifecycle: {stage: active}, depends_on: [c1]}",
        ));
        let ids = |k: &str| {
            let text = include_str!("../../policies/infrastructure.kdl");
            text.lines()
                .filter_map(|l| l.strip_prefix("rule \""))
                .position(|l| l.starts_with(&format!("{k}\"")))
                .unwrap()
        };
        for threads in [1, 2, 3] {
            let (alone, blocked) = alone_and_blocked(&yaml, threads);
            assert_eq!(blocked, alone, "{threads} groups");
            // By hand, of the 80 tenants: `old` is retired and runs on in every tenant's first
            // subscription (80), `new` starts before its launch in every fifth (16), and `dep`
            // is deprecated without a sunset (1).
            assert_eq!(alone[ids("service/lifecycle")].len(), 80 + 16 + 1);
            // `old` processes personal data; the first subscription to it has no agreement.
            assert_eq!(alone[ids("tenant/dpa")].len(), 80);
            // Twelve entities dissolved (0, 7, ..., 77), each with two subscriptions running on.
            assert_eq!(alone[ids("tenant/dissolved")].len(), 24);
            // `new` is DigiFin's: the 53 tenants whose entity is not in the scheme (not 0, 3,
            // ..., 78).
            assert_eq!(alone[ids("service/digifin-participation")].len(), 53);
            // c1 and c2 need each other: one cycle, found over the whole set of services.
            assert_eq!(alone[ids("service/dependencies")].len(), 1);
        }
    }

    /// A rule's CEL steps are counted across its blocks: beside another rule, run a block at
    /// a time, a rule whose every document costs a little passes its budget as it does run
    /// alone, though no block of it comes near the budget, and counts the same steps.
    #[test]
    fn a_rules_steps_are_counted_across_its_blocks() {
        let rules = compiled(
            r#"rule "t/all" severity="note" {
    summary "Every entity has an id"
    select kind="Entity"
    expr "docs.Entity.all(t, t.metadata.id != '')"
}

rule "t/cheap" severity="note" {
    summary "An id"
    select kind="Entity"
    assert "metadata.id" exists
}
"#,
        );
        let mut yaml = String::new();
        for i in 0..200 {
            let _ = write!(
                yaml,
                "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: e{i}}}\n"
            );
        }
        let docs = documents(&yaml);
        let valid = vec![true; docs.len()];
        let files = [SourceId(0)];
        let eval = evaluator(&docs, &valid, &files);
        let params = defaults(&rules);
        let steps = |limit: u64| {
            let mut out = Vec::new();
            budget::start(limit);
            eval.rule(&rules[0], &params[0], &mut out);
            budget::finish()
        };
        let all = steps(u64::MAX - 1).used;
        let blocks = docs.len().div_ceil(BLOCK_DOCUMENTS) as u64;
        assert!(blocks > 4 && all > 2 * blocks, "{all} steps");
        // Half of what the rule takes: passed in the fourth block or later, never within one.
        let limit = all / 2;
        let alone = steps(limit);
        assert!(alone.over());
        let [group] = &blocked_groups(&rules, 1, |kind| count(&docs, kind))[..] else {
            panic!("one group");
        };
        assert_eq!(group, &[0, 1]);
        let blocked = run_group(&eval, &rules, &params, group, limit);
        let (_, _, meter) = &blocked[0];
        assert!(meter.over(), "{meter:?}");
        assert_eq!(meter.used, alone.used);
        // Not passed, it is counted whole.
        let (_, _, meter) = &run_group(&eval, &rules, &params, group, all)[0];
        assert!(!meter.over());
        assert_eq!(meter.used, all);
    }

    /// Two groups of the shipped pack, with a hundred times as many tenants as services: each
    /// group gets two of the four rules that read every tenant (dealt in turn, one group got
    /// three), and every rule is in one group.
    #[test]
    fn groups_share_the_rules_that_read_many_documents() {
        use crate::kind::Kind;
        let text = include_str!("../../policies/infrastructure.kdl");
        let rules = compiled(text);
        let selected = |kind: Kind| match kind {
            Kind::Tenant => 1_000,
            Kind::Service => 10,
            _ => 0,
        };
        let groups = blocked_groups(&rules, 2, selected);
        assert_eq!(groups.len(), 2);
        let mut all: Vec<usize> = groups.concat();
        all.sort_unstable();
        assert_eq!(all, (0..rules.len()).collect::<Vec<_>>());
        for group in &groups {
            let tenants = group
                .iter()
                .filter(|&&k| rules[k].selections.iter().any(|s| s.kind == Kind::Tenant))
                .count();
            assert_eq!(tenants, 2, "{groups:?}");
            assert!(group.is_sorted(), "a group's rules in their order");
        }
    }
}
