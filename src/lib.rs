//! egenregi: checks the config repository of a municipal in-house company.
//!
//! The pipeline, one pass: discover → load → schema → model → analyses → waivers → report.
//! Only setup failures (unreadable root, broken `egenregi.kdl`) are `Err`; everything found in
//! the data is a finding, and one broken file never hides the others.

pub mod analysis;
pub mod baseline;
pub mod config;
pub mod date;
pub mod finding;
pub mod fixture;
pub mod graph;
pub mod hash;
pub mod i18n;
pub mod kdl;
pub mod kind;
pub mod load;
pub mod lsp;
pub mod model;
pub mod money;
pub mod policy;
pub mod report;
pub mod rule;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod shipped;
pub mod source;
pub mod suggest;
pub mod waiver;
pub mod write;

use std::path::Path;

use config::{Config, UnvalidatedConfig};
use date::Date;
use finding::{Finding, Findings};
use rules::Registry;
use source::Sources;

/// Where a command runs when no root is given, and where `egenregi server` checks an opened
/// file: the nearest directory at or above `start` that holds `egenregi.kdl`, never above a
/// directory holding `.git` (the repository's top). The `.git` directory found on the way, if
/// any, is returned too.
pub fn config_above(start: &Path) -> (Option<std::path::PathBuf>, Option<std::path::PathBuf>) {
    for dir in start.ancestors() {
        if std::fs::symlink_metadata(dir.join(config::FILE_NAME)).is_ok() {
            return (Some(dir.to_path_buf()), None);
        }
        if std::fs::symlink_metadata(dir.join(".git")).is_ok() {
            return (None, Some(dir.to_path_buf()));
        }
    }
    (None, None)
}

/// What the command line asks of a check.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// `--as-of`: overrides the config and today.
    pub as_of: Option<Date>,
    /// `--rule`: report only these rules.
    pub only: Vec<String>,
    /// `--skip`: never report these rules.
    pub skip: Vec<String>,
    /// `--baseline`: findings it accepts are set apart, so only new ones fail the check.
    pub baseline: Option<baseline::Baseline>,
    /// Which threads do the work: rayon's pool as the caller has it, or (the binary) this
    /// thread, alone for a small repository.
    pub workers: Workers,
    /// `check FILE...`: report only findings located in these paths (relative to the root,
    /// forward slashes; a directory covers what is under it), and those elsewhere that cannot
    /// be accepted or that make a decision these paths bear on not met. Empty: everything.
    /// The whole repository is still checked, since the analyses need all of it.
    pub paths: Vec<String>,
    /// Texts that stand in for files on disk (path relative to the root, forward slashes):
    /// an editor's unsaved buffers, for `egenregi server`. Empty: every file is read from disk.
    pub overlay: std::collections::BTreeMap<String, String>,
}

/// Which threads do a check's work.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Workers {
    /// rayon's global pool as the caller has it (built on first use with a thread per core).
    #[default]
    Pool,
    /// The calling thread builds rayon's global pool once its files are known and works in it:
    /// alone for a repository of at most [`SMALL_REPOSITORY`] files, with a thread per other core
    /// for a larger one. Every other thread's allocations grow an arena of their own, one
    /// `mprotect` at a time, and starting and waking them cost a small repository's check a
    /// quarter of its CPU (README, "Performance"). Only for a thread that lives as long as the
    /// process and is never busy elsewhere when the pool needs it: the binary's main thread
    /// running one command. Where the pool already exists, this is [`Workers::Pool`].
    Process,
}

/// The most YAML files a repository may have and be checked on one thread under
/// [`Workers::Process`].
pub const SMALL_REPOSITORY: usize = 64;

/// Builds rayon's global pool with the calling thread as its first worker, sized for `files`
/// YAML files. Where a pool exists already, it is used as it is.
fn join_pool(files: usize) {
    // 1: this thread alone; 0: rayon's default, a thread per core
    let threads = usize::from(files <= SMALL_REPOSITORY);
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .use_current_thread()
        .build_global();
}

/// Why a check could not run (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SetupError {
    #[error("cannot read the root `{path}`: {source}")]
    Root {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<config::KdlFileError>),
    #[error("unknown rule `{id}` given to {flag}")]
    #[diagnostic(help("{help}"))]
    UnknownRule {
        id: String,
        flag: &'static str,
        help: String,
    },
    #[error(transparent)]
    Schemas(&'static schema::SchemaError),
    #[error("jurisdiction pack: {0}")]
    Jurisdiction(String),
    #[error("nothing to check: no egenregi document under `{root}`")]
    #[diagnostic(help("{help}"))]
    NothingToCheck { root: String, help: String },
    #[error(
        "`{path}` is not read: it is hidden, or matched by the repository's .gitignore or .ignore, or by `paths {{ exclude ... }}` in egenregi.kdl"
    )]
    #[diagnostic(help(
        "name a file the check reads, or stop excluding it; a file named on the command line and not read is never a green check"
    ))]
    NotRead { path: String },
}

/// Everything a run produced, ready for any renderer.
#[derive(Debug)]
pub struct Outcome {
    pub root: String,
    pub as_of: Date,
    pub sources: Sources,
    /// Active findings, sorted (file, offset, rule).
    pub findings: Vec<Finding>,
    /// Findings a waiver accepted: (finding, waiver id).
    pub waived: Vec<(Finding, String)>,
    /// Every waiver in the repository, with its status, for reviewers.
    pub waivers: Vec<waiver::Record>,
    /// Findings the `--baseline` accepted (sorted like `findings`); they do not fail the check.
    pub baselined: Vec<Finding>,
    /// Active findings over the cap per rule and file (`finding::cap`): not rendered, counted
    /// in a `yaml/limit` finding in `findings`, and still written by `--write-baseline`.
    pub not_listed: Vec<Finding>,
    /// Baseline entries that matched no finding (fixed since the baseline was written).
    pub baseline_stale: usize,
    pub files: usize,
    pub documents: usize,
    /// YAML files that were not read, by why.
    pub skipped: load::discover::Skipped,
    /// `check FILE...`: the paths whose findings are shown, and how many of the files read
    /// they cover.
    pub shown: Option<Shown>,
    pub registry: Registry,
    /// Activity windows and control paths, for every format that shows figures.
    pub figures: analysis::Figures,
    /// Display names (`metadata.name`) of entities and services by id, for the reviewer's
    /// report, which names parties rather than ids.
    pub names: std::collections::BTreeMap<String, String>,
    /// `language` in `egenregi.kdl`: the report's language when the command line does not say.
    pub language: Option<i18n::Lang>,
}

/// What `check FILE...` narrowed the output to.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The paths given, relative to the root.
    pub paths: Vec<String>,
    /// Files read that those paths cover.
    pub files: usize,
}

/// Whether `path` (a source's, relative to the root) is one of `paths` or under one of them.
fn covers(paths: &[String], path: &str) -> bool {
    paths.iter().any(|p| {
        p.is_empty()
            || p == "."
            || path == p
            || path
                .strip_prefix(p.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

impl Outcome {
    /// Every current finding, for `--write-baseline`: the active ones (but the cap's counts in
    /// their place, the findings they stand for), and those the baseline set apart.
    pub fn every_finding(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| !f.data.contains_key(finding::NOT_LISTED))
            .chain(&self.not_listed)
            .chain(&self.baselined)
    }

    pub fn count(&self, severity: finding::Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Everything up to the typed model: config, policies, the loaded and schema-checked
/// documents, and the findings so far. Shared by `check` and `graph`.
struct Prepared {
    registry: Registry,
    sources: Sources,
    config: Config,
    policies: policy::Policies,
    pack: analysis::pack::Jurisdiction,
    findings: Findings,
    files: usize,
    skipped: load::discover::Skipped,
    loaded: load::Loaded,
    /// Per document, its first schema error (`None`: valid).
    errors: Vec<Option<schema::FirstError>>,
    valid: Vec<bool>,
}

/// The rule catalogue of the repository at `root`: the built-in rules, the shipped policy packs
/// and the repository's own rule files (`policies` in its `egenregi.kdl`, if it has one), with
/// their legal basis. What `egenregi rules` and `egenregi explain` read.
pub fn catalogue(root: &Path) -> Result<Registry, SetupError> {
    Ok(configure(root, None, &mut Sources::default())?.3)
}

/// `egenregi.kdl`, the policy rules, the jurisdiction pack, and the catalogue they make.
fn configure(
    root: &Path,
    as_of: Option<Date>,
    sources: &mut Sources,
) -> Result<
    (
        UnvalidatedConfig,
        policy::Policies,
        analysis::pack::Jurisdiction,
        Registry,
    ),
    SetupError,
> {
    let config = config::load(root, as_of, sources).map_err(SetupError::Config)?;
    let policies = policy::load(config.policies(), root, sources).map_err(SetupError::Config)?;
    let pack = analysis::pack::load(config.jurisdiction()).map_err(SetupError::Jurisdiction)?;
    let registry = Registry::of(&pack, policies.rules());
    Ok((config, policies, pack, registry))
}

/// The rule ids `--rule` or `--skip` name: each id or glob must name at least one rule.
fn selected(
    registry: &Registry,
    flag: &'static str,
    patterns: &[String],
) -> Result<Vec<String>, SetupError> {
    let mut ids = Vec::new();
    for pattern in patterns {
        let found = registry
            .matching(pattern)
            .map_err(|help| SetupError::UnknownRule {
                id: pattern.clone(),
                flag,
                help,
            })?;
        ids.extend(found);
    }
    Ok(ids)
}

fn prepare(root: &Path, options: &Options) -> Result<Prepared, SetupError> {
    let root_err = |source| SetupError::Root {
        path: root.display().to_string(),
        source,
    };
    if !root.is_dir() {
        return Err(root_err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such directory",
        )));
    }
    let mut sources = Sources::default();
    let (config, policies, pack, registry) = configure(root, options.as_of, &mut sources)?;
    let unnamed = policy::unnamed_rule_files(config.policies(), root);
    // `--rule`/`--skip` may name policy rules, so they are checked once those are known.
    let only = selected(&registry, "--rule", &options.only)?;
    let skip = selected(&registry, "--skip", &options.skip)?;
    let config = config.validate(&registry).map_err(SetupError::Config)?;
    let mut findings = Findings::new(config.overrides().clone(), only, skip, registry.citations());
    for (rule, label) in config.setting_labels() {
        findings.label_rule(rule, label);
    }
    if unnamed > 0 {
        findings.push(load::discover::policies_not_named(unnamed, &mut sources));
    }
    let found = load::discover::scan(root, config.exclude()).map_err(root_err)?;
    let paths = found.files;
    // A YAML file named on the command line that discovery skipped was not checked: saying
    // "showing findings in 0 files" and exit 0 would read as a pass. (A link is read under the
    // path it leads to, so it is not compared by name.)
    if let Some(path) = options.paths.iter().find(|p| {
        let yaml = Path::new(p.as_str())
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        let link = root
            .join(p.as_str())
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        yaml && !link
            && !paths.iter().any(|f| f.rel == **p)
            && !found.problems.contains_key(p.as_str())
    }) {
        return Err(SetupError::NotRead { path: path.clone() });
    }
    if options.workers == Workers::Process {
        join_pool(paths.len());
    }
    // The schemas compile (once per process) while the files load.
    let (schemas, (loaded, load_findings)) = rayon::join(schema::compiled, || {
        load::all_with(
            &paths,
            &load::Limits::default(),
            &options.overlay,
            &mut sources,
        )
    });
    let schemas = schemas.map_err(SetupError::Schemas)?;
    if loaded.checked_files == 0 && found.problems.is_empty() {
        return Err(nothing_to_check(root, paths.len(), &loaded, found.skipped));
    }
    findings.extend(load_findings);
    let mut loaded = loaded;
    let unreadable = load::discover::findings(&found.problems, &mut sources);
    // A file that discovery could not read (a link out of the root, a dangling link, a FIFO)
    // is as unread as one that would not parse: a decision never holds beside it.
    for (path, f) in found.problems.keys().zip(&unreadable) {
        loaded.unread.push(load::Unread::whole(path.clone(), f));
    }
    findings.extend(unreadable);
    let (schema_findings, mut errors) = schemas.validate(&loaded.docs);
    // A document with a key given twice is as unreliable as one that fails its schema.
    if !loaded.contradicted.is_empty() {
        let first: std::collections::HashMap<_, _> = loaded
            .contradicted
            .iter()
            .map(|c| ((c.source, c.index), c))
            .collect();
        for (doc, error) in loaded.docs.iter().zip(errors.iter_mut()) {
            if error.is_none()
                && let Some(c) = first.get(&(doc.doc.source, doc.doc.index))
            {
                *error = Some(schema::FirstError {
                    location: c.location.clone(),
                    message: c.message.clone(),
                    text: None,
                });
            }
        }
    }
    let valid = errors.iter().map(Option::is_none).collect();
    findings.extend(schema_findings);
    Ok(Prepared {
        registry,
        sources,
        config,
        policies,
        pack,
        findings,
        files: paths.len(),
        skipped: found.skipped,
        loaded,
        errors,
        valid,
    })
}

/// Findings that `check FILE...` shows wherever they are: a holding that is private capital
/// and a decision that could not be made bear on every subscription they reach, also those in
/// the files named, and a file that was not read may hold any document. None can be accepted
/// (waived, baselined or lowered), so the narrowed gate never hides one.
static SHOWN_EVERYWHERE: [&rule::Rule; 4] = [
    &analysis::inhouse::PRIVATE_CAPITAL,
    &analysis::inhouse::NOT_ASSESSED,
    &load::discover::UNREADABLE,
    &load::discover::OUTSIDE_ROOT,
];

/// `check FILE...`: what makes a decision not met, wherever its finding is, for each decision
/// that a file named bears on: its subscription is in one, or a document it rests on is (the
/// tenant, the buyer, the service, the provider, each entity on the control path, the
/// provider's activity reports). For each such decision: each rule of a condition that fails or
/// is not assessed (with `inhouse/continuity` on the as-of date), and `inhouse/planned-change`,
/// with each of those documents (`Kind/id`). Empty without paths.
///
/// A finding that one of them names (its rule, and the document of its target) is shown too,
/// in both directions:
/// - `inhouse/contrary-interests` on the provider's articles fails every in-house subscription
///   to it, also one in the files named: the narrowed gate had exited 0 on such a subscription
///   while the whole check failed;
/// - an activity report named, whose figures put the share under 80 %, fails the subscriptions
///   that rest on it, and `inhouse/activity-share` is on each subscription, in the tenants'
///   files: a pull request that changed only the report had passed the narrowed gate.
///
/// Other findings that bear only on decisions that are met (`holds`, or `review` with a
/// warning) stay out, as before.
fn bearing_on(
    paths: &[String],
    sources: &Sources,
    model: &model::Model<'_>,
    decisions: &[analysis::decision::Decision],
) -> Bearing {
    use analysis::decision::Verdict;
    let mut bearing = Bearing::default();
    if paths.is_empty() {
        return bearing;
    }
    let named = |source: source::SourceId| covers(paths, &sources.get(source).path);
    // Per provider: whether one of its reports is named, and the rules its reports bear (added
    // to them once at the end: per decision, thousands of reports cost thousands of entries).
    let mut report_named: hash::Map<&str, bool> = hash::Map::default();
    let mut by_provider: hash::Map<&str, hash::Set<&'static str>> = hash::Map::default();
    let not_met = |c: &&std::sync::Arc<analysis::decision::Condition>| {
        matches!(c.verdict, Verdict::Fails | Verdict::NotAssessed) && !c.rules.is_empty()
    };
    for d in decisions {
        let Some(tenant) = model.tenants.get(&d.subject.tenant) else {
            continue;
        };
        // The documents the decision rests on, as (kind, id); the control path's links
        // without its words (`→ owners in gm`, `members-of:x → body`).
        let mut parties: Vec<(&str, &str)> = vec![("Tenant", &d.subject.tenant)];
        parties.extend(d.subject.buyer.as_deref().map(|b| ("Entity", b)));
        for c in &d.conditions {
            parties.extend(
                c.path
                    .iter()
                    .flat_map(|p| p.iter())
                    .filter(|id| model.entity(id).is_some())
                    .map(|id| ("Entity", id.as_str())),
            );
        }
        parties.extend(d.subject.service.as_deref().map(|x| ("Service", x)));
        parties.extend(d.subject.provider.as_deref().map(|p| ("Entity", p)));
        let in_scope = named(tenant.doc.source())
            || parties.iter().any(|&(kind, id)| match kind {
                "Entity" => model.entity(id).is_some_and(|e| named(e.doc.source())),
                "Service" => model
                    .services
                    .get(id)
                    .is_some_and(|x| named(x.doc.source())),
                _ => false,
            })
            || d.subject.provider.as_deref().is_some_and(|p| {
                *report_named
                    .entry(p)
                    .or_insert_with(|| model.reports_of(p).any(|r| named(r.doc.source())))
            });
        if !in_scope {
            continue;
        }
        let any_not_met = d.conditions.iter().any(|c| not_met(&c));
        // A condition that held at the award and fails on the as-of date is reported as
        // `inhouse/continuity`, not under the condition's own rule; a dated change on record
        // that will break a condition while the subscription runs, as `inhouse/planned-change`
        // (a warning), whatever the decision on the date says.
        let continuity = (any_not_met && d.purpose == analysis::decision::Purpose::AsOf)
            .then_some(&*analysis::inhouse::CONTINUITY.id);
        let rules = || {
            d.conditions
                .iter()
                .filter(|c| not_met(c))
                .flat_map(|c| c.rules.iter().copied())
                .chain(continuity)
                .chain([&*analysis::inhouse::PLANNED_CHANGE.id])
        };
        if let Some(provider) = d.subject.provider.as_deref() {
            by_provider.entry(provider).or_default().extend(rules());
        }
        for (kind, id) in parties {
            bearing
                .entry(format!("{kind}/{id}"))
                .or_default()
                .extend(rules());
        }
    }
    for (provider, rules) in by_provider {
        for r in model.reports_of(provider) {
            bearing
                .entry(format!("ActivityReport/{}", r.id()))
                .or_default()
                .extend(rules.iter().copied());
        }
    }
    bearing
}

/// Rules of the conditions not met, by the document (`Kind/id`) the decisions rest on.
type Bearing = hash::Map<String, hash::Set<&'static str>>;

/// Whether `bearing` names `f`: the document its target is in, and its rule.
fn bears(bearing: &Bearing, f: &Finding) -> bool {
    f.target
        .as_deref()
        .and_then(|t| t.split('#').next())
        .and_then(|doc| bearing.get(doc))
        .is_some_and(|rules| rules.contains(&*f.rule))
}

/// `check FILE...`: keeps only the findings located in `paths`, those of [`SHOWN_EVERYWHERE`]
/// and those that make a decision `paths` bear on not met ([`bearing_on`]); `None` when no
/// paths were given.
fn narrow(
    paths: &[String],
    sources: &Sources,
    bearing: &Bearing,
    active: &mut Vec<Finding>,
    waived: &mut Vec<(Finding, String)>,
    baselined: &mut Vec<Finding>,
) -> Option<Shown> {
    if paths.is_empty() {
        return None;
    }
    let at = |f: &Finding| covers(paths, &sources.get(f.location.source).path) || bears(bearing, f);
    active.retain(|f| at(f) || SHOWN_EVERYWHERE.iter().any(|r| r.id == f.rule));
    waived.retain(|(f, _)| at(f));
    baselined.retain(at);
    // The YAML files read that the paths cover (not egenregi.kdl or rule files).
    let files = sources
        .iter()
        .filter(|(_, s)| {
            !s.is_builtin()
                && covers(paths, &s.path)
                && Path::new(&s.path)
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml")
        })
        .count();
    Some(Shown {
        paths: paths.to_vec(),
        files,
    })
}

/// The setup error for a root with no egenregi document, saying what was found instead.
fn nothing_to_check(
    root: &Path,
    files: usize,
    loaded: &load::Loaded,
    skipped: load::discover::Skipped,
) -> SetupError {
    let mut help = if loaded.foreign_files > 0 {
        format!(
            "{} read, none with `apiVersion: {}`",
            report::plural(loaded.foreign_files, "YAML file"),
            load::API_VERSION
        )
    } else if files > 0 {
        format!("{} read, all empty", report::plural(files, "YAML file"))
    } else {
        "no `.yaml` or `.yml` file was found".to_owned()
    };
    if skipped.total() > 0 {
        help.push_str(&format!(
            "; {} skipped ({})",
            report::plural(skipped.total(), "file"),
            report::human::skipped_reasons(skipped)
        ));
    }
    help.push_str("; is this the repository root? `egenregi init` starts one");
    SetupError::NothingToCheck {
        root: root.display().to_string(),
        help,
    }
}

/// The control or dependency graph of the repository at `root`, as DOT or Mermaid text.
/// Documents that fail their schema are left out, as they are from the analyses.
pub fn graph(
    root: &Path,
    options: &Options,
    view: graph::GraphView,
    format: graph::GraphFormat,
) -> Result<String, SetupError> {
    let Prepared {
        loaded,
        errors,
        mut findings,
        config,
        sources,
        ..
    } = prepare(root, options)?;
    let model = model::build(
        &loaded.docs,
        &loaded.docs,
        &errors,
        root,
        &sources,
        &loaded.unread,
        &mut findings,
    );
    Ok(graph::render(
        &model,
        &config.as_of().to_string(),
        view,
        format,
    ))
}

/// Runs the whole check on `root`.
pub fn check(root: &Path, options: &Options) -> Result<Outcome, SetupError> {
    let Prepared {
        registry,
        sources,
        config,
        policies,
        pack,
        mut findings,
        files,
        skipped,
        loaded,
        errors,
        valid,
    } = prepare(root, options)?;
    // The model on one side, the policy rules on the other: they read the same documents and
    // write only their own findings, so they run on both cores. Policy findings follow the
    // model's and the analyses' as before, so the order (and so the output) does not depend on
    // the threads. The model borrows the documents' heads (their text), not their rows, so that
    // the rows can go before the analyses, whose end is the check's memory peak (issue 18).
    let mut policy_findings = findings.fork();
    let heads = loaded.heads(&sources, &load::Limits::default());
    let (model, ()) = rayon::join(
        || {
            model::build(
                &loaded.docs,
                &heads,
                &errors,
                root,
                &sources,
                &loaded.unread,
                &mut findings,
            )
        },
        || {
            policy::run(
                &policies,
                &loaded.docs,
                &valid,
                &config,
                &sources,
                &mut policy_findings,
            );
        },
    );
    // What is read of the documents as written, read while they have their rows; then the
    // rows go. A finding made later is placed by parsing its file again.
    let with_rows = load::WithRows::new(&loaded.docs);
    let estimated = analysis::procurement::estimates(&model, &with_rows, &sources);
    let names = display_names(&with_rows, &model);
    drop(with_rows);
    let mut loaded = loaded;
    loaded.docs = Vec::new();
    // The rows parsed on the other threads were freed into those threads' malloc arenas, where
    // the analyses (on this thread) cannot reuse them: they are given back to the system.
    // National corpus: 1.5 MB less at the peak; ×10, 15 MB (docs/performance.md,
    // twenty-fourth pass).
    let _ = egenregi_trim::release_free_memory();
    let figures = analysis::run(&model, &sources, &config, &pack, estimated, &mut findings);
    findings.absorb(policy_findings);
    let (mut active, mut waived, waiver_findings) =
        waiver::apply(&model, &registry, config.as_of(), findings.take());
    findings.extend(waiver_findings);
    let waivers = waiver::records(&model, config.as_of(), &waived);
    active.extend(findings.take());
    finding::sort(&mut active, &sources);
    let (active, baselined, baseline_stale) = match &options.baseline {
        Some(b) => {
            let applied = baseline::apply(b, active, &registry, &sources);
            (applied.active, applied.baselined, applied.stale)
        }
        None => (active, Vec::new(), 0),
    };
    waived.sort_by(|a, b| {
        a.1.cmp(&b.1)
            .then(a.0.location.span.start.cmp(&b.0.location.span.start))
    });
    let (mut active, mut baselined) = (active, baselined);
    let bearing = bearing_on(&options.paths, &sources, &model, &figures.decisions);
    let shown = narrow(
        &options.paths,
        &sources,
        &bearing,
        &mut active,
        &mut waived,
        &mut baselined,
    );
    // Capped last, so waivers, the baseline and `check FILE...` see every finding.
    let not_listed = finding::cap(
        &mut active,
        load::Limits::default().max_findings_per_rule,
        &sources,
    );
    Ok(Outcome {
        root: root.display().to_string(),
        as_of: config.as_of(),
        findings: active,
        waived,
        waivers,
        baselined,
        not_listed,
        baseline_stale,
        files,
        documents: loaded.documents_read,
        skipped,
        shown,
        sources,
        registry,
        figures,
        names,
        language: config.language(),
    })
}

/// `metadata.name` of every entity and service that has one, by id.
fn display_names(
    rows: &load::WithRows<'_>,
    model: &model::Model<'_>,
) -> std::collections::BTreeMap<String, String> {
    let name = |head: &load::Doc| {
        let doc = rows.of(head);
        doc.root()
            .pointer("/metadata/name")
            .and_then(|n| n.as_str())
            .map(|n| (doc.id.clone(), n.to_owned()))
    };
    model
        .entities
        .values()
        .filter_map(|e| name(e.doc))
        .chain(model.services.values().filter_map(|s| name(s.doc)))
        .collect()
}
