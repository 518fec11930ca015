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
pub mod load;
pub mod model;
pub mod policy;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod waiver;

use std::path::Path;

use config::Config;
use date::Date;
use finding::{Finding, Findings};
use rules::Registry;
use source::Sources;

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
    Pack(String),
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
    /// Baseline entries that matched no finding (fixed since the baseline was written).
    pub baseline_stale: usize,
    pub files: usize,
    pub documents: usize,
    pub registry: Registry,
    /// Activity windows and control paths, for every format that shows figures.
    pub figures: analysis::Figures,
}

impl Outcome {
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
    policies: policy::Pack,
    pack: analysis::pack::Pack,
    findings: Findings,
    files: usize,
    loaded: load::Loaded,
    /// Per document, its first schema error (`None`: valid).
    errors: Vec<Option<schema::FirstError>>,
    valid: Vec<bool>,
}

fn prepare(root: &Path, options: &Options) -> Result<Prepared, SetupError> {
    let mut registry = Registry::new();
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
    let mut config: Config =
        config::load(root, options.as_of, &mut sources).map_err(SetupError::Config)?;
    let policies = policy::load(&config, &mut sources).map_err(SetupError::Config)?;
    registry.rules.extend(policies.rules().iter().cloned());
    // `--rule`/`--skip` may name policy rules, so they are checked once those are known.
    for (flag, ids) in [("--rule", &options.only), ("--skip", &options.skip)] {
        for id in ids {
            if registry.get(id).is_none() {
                let ids: Vec<&str> = registry.rules.iter().map(|r| r.id.as_ref()).collect();
                let help = suggest::closest(id, ids.iter().copied()).map_or_else(
                    || "`egenregi rules` lists every rule".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(SetupError::UnknownRule {
                    id: id.clone(),
                    flag,
                    help,
                });
            }
        }
    }
    config.apply_rules(&registry).map_err(SetupError::Config)?;
    let pack = analysis::pack::load(&config.jurisdiction).map_err(SetupError::Pack)?;
    let mut findings = Findings::new(
        config.overrides.clone(),
        options.only.clone(),
        options.skip.clone(),
        pack.citations.clone(),
    );
    let paths = load::discover::walk(root, &config.exclude).map_err(root_err)?;
    // The schemas compile (once per process) while the files load.
    let (schemas, (loaded, load_findings)) = rayon::join(schema::compiled, || {
        load::all(&paths, &load::Limits::default(), &mut sources)
    });
    let schemas = schemas.map_err(SetupError::Schemas)?;
    findings.extend(load_findings);
    let (schema_findings, errors) = schemas.validate(&loaded.docs);
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
        loaded,
        errors,
        valid,
    })
}

/// The control or dependency graph of the repository at `root`, as DOT or Mermaid text.
/// Documents that fail their schema are left out, as they are from the analyses.
pub fn graph(
    root: &Path,
    options: &Options,
    view: graph::View,
    format: graph::Format,
) -> Result<String, SetupError> {
    let Prepared {
        loaded,
        errors,
        mut findings,
        config,
        ..
    } = prepare(root, options)?;
    let model = model::build(&loaded.docs, &errors, root, &mut findings);
    Ok(graph::render(
        &model,
        &config.as_of.to_string(),
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
        loaded,
        errors,
        valid,
    } = prepare(root, options)?;
    // The model and the in-house analyses on one side, the policy rules on the other: they read
    // the same documents and write only their own findings, so they run on both cores. Policy
    // findings follow the model's and the analyses' as before, so the order (and so the
    // output) does not depend on the threads.
    let mut policy_findings = findings.fork();
    let ((model, figures), ()) = rayon::join(
        || {
            let model = model::build(&loaded.docs, &errors, root, &mut findings);
            let figures = analysis::run(&model, &sources, &config, &pack, &mut findings);
            (model, figures)
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
    findings.absorb(policy_findings);
    let (mut active, mut waived, waiver_findings) =
        waiver::apply(&model, &registry, config.as_of, findings.take());
    findings.extend(waiver_findings);
    let waivers = waiver::records(&model, config.as_of, &waived);
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
    Ok(Outcome {
        root: root.display().to_string(),
        as_of: config.as_of,
        findings: active,
        waived,
        waivers,
        baselined,
        baseline_stale,
        files,
        documents: loaded.documents_read,
        sources,
        registry,
        figures,
    })
}
