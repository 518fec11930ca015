//! The `egenregi` command: parse arguments, call the library, render, map to an exit code.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is the one place that prints"
)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use egenregi::date::Date;
use egenregi::finding::Severity;
use egenregi::report::{self, Format, HumanStyle};
use egenregi::rule::RuleCatalog as _;
use egenregi::rules::Registry;
use egenregi::{Options, config_above, schema, suggest};

/// Exit code: nothing at or above the failing severity.
const OK: u8 = 0;
/// Exit code: findings at or above the failing severity.
const FINDINGS: u8 = 1;
/// Exit code: the check could not run.
const SETUP: u8 = 2;

#[derive(Parser)]
#[command(name = "egenregi", version, about = "Checks the config repository of a municipal in-house company", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour human output. `auto`: on a terminal. Precedence: `--color always|never`
    /// first; then `NO_COLOR` (set and not empty: never); then `FORCE_COLOR` or
    /// `CLICOLOR_FORCE` (set, not empty and not `0`: always, also into a pipe or file); then
    /// whether the output is a terminal.
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    color: ColorArg,
}

#[derive(Clone, Copy, Default, ValueEnum)]
enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

/// `--color`, set once in `main` before anything prints.
static COLOR: std::sync::OnceLock<ColorArg> = std::sync::OnceLock::new();

#[derive(Subcommand)]
enum Command {
    /// Check a config repository (the CI gate).
    Check(CheckArgs),
    /// Write the reviewer's report: activity windows with charts, control paths, findings by
    /// legal condition, waived findings and a digest of the inputs. Exits 0 once written,
    /// whatever it found; `check` is the gate.
    Report(ReportArgs),
    /// List every rule with its id, default severity, legal condition, summary and legal basis:
    /// the built-in rules, the shipped policies and, inside a repository, its own rules.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormatArg::Human)]
        format: RulesFormatArg,
    },
    /// Explain a rule (built-in, shipped policy, or, inside a repository, its own): what it
    /// checks, why, its legal basis, and an example that fails and one that passes.
    Explain {
        /// A rule id, e.g. `yaml/ambiguous-scalar`.
        rule: String,
    },
    /// Run rule fixtures: YAML files whose `# expect: rule/id` comments say which findings
    /// must start on which line.
    Test {
        /// The fixture directory (checked as a repository).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of a kind (for editors), or of every kind.
    Schema {
        /// `Entity`, `Service`, `Tenant`, `ActivityReport` or `Waiver`; all kinds when omitted.
        kind: Option<String>,
    },
    /// Start a config repository: `egenregi.kdl`, `.egenregi.schema.json` for editors, and the
    /// conventional directories. Never overwrites a file.
    Init {
        /// The repository root (created if missing).
        #[arg(default_value = ".")]
        root: PathBuf,
    },
    /// Draw the control structure (ownership, membership, mandated seats) or the service
    /// dependencies, as Graphviz DOT or Mermaid.
    Graph {
        /// The repository root; default: the nearest directory at or above the working
        /// directory that holds `egenregi.kdl`, else the working directory.
        root: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormatArg,
        /// Which graph.
        #[arg(long, value_enum, default_value = "control")]
        view: GraphViewArg,
        /// Evaluation date for memberships (YYYY-MM-DD or `today`); default as for `check`.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Write the graph to FILE instead of standard output (`-`: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Write a new, schema-valid document with every open decision marked TODO, at
    /// `<root>/<kind>s/<ID>.yaml` (`new activity PROVIDER YEAR`: at
    /// `<root>/activity/<PROVIDER>-<YEAR>.yaml`). Never overwrites a file.
    New(NewArgs),
    /// Run the language server for editors over standard input and output (LSP 3.17):
    /// diagnostics of the whole repository with unsaved buffers, hover with the rule's
    /// explanation, go-to-definition and completion of document ids.
    Server,
    /// Print a completion script for SHELL, e.g. `egenregi completions bash >
    /// ~/.local/share/bash-completion/completions/egenregi`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args)]
struct NewArgs {
    /// What to write.
    kind: NewKindArg,
    /// The document's id (lowercase letters, digits and `-`); for `activity`, the provider's
    /// entity id.
    id: String,
    /// Activity: the financial year; the report's id is `<PROVIDER>-<YEAR>`.
    #[arg(value_name = "YEAR")]
    year: Option<u16>,
    /// The repository root.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Entity: its legal form (`municipality`, `county`, `state-agency`, `association`,
    /// `company`, `foundation`, `private`, `private-nonprofit`), or a Norwegian form: `kommune`,
    /// `fylkeskommune`, `iks`, `as`, `kf`, `fkf`, `stiftelse`, `forening`, `stat`, `statlig`.
    #[arg(long = "type", value_name = "TYPE")]
    entity_type: Option<String>,
    /// Service: the providing entity's id.
    #[arg(long)]
    provider: Option<String>,
    /// Tenant: the buying entity's id.
    #[arg(long)]
    entity: Option<String>,
    /// Tenant: the first subscription's service id.
    #[arg(long)]
    service: Option<String>,
    /// Waiver: the rule id it accepts.
    #[arg(long)]
    rule: Option<String>,
    /// Waiver: the target it accepts (`Kind/id` or `Kind/id#/pointer`).
    #[arg(long)]
    target: Option<String>,
    /// Print the document instead of writing it.
    #[arg(long)]
    print: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormatArg {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormatArg {
    Dot,
    Mermaid,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphViewArg {
    Control,
    Dependencies,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKindArg {
    Entity,
    Service,
    Tenant,
    Waiver,
    Activity,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The repository root; or files (and directories) in it, to show only their findings and
    /// those elsewhere that fail the decisions they bear on (the whole repository is still
    /// checked). Default: the nearest directory at or above the working directory that holds
    /// `egenregi.kdl`, else the working directory.
    #[arg(value_name = "ROOT|FILE")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Write the output to FILE instead of standard output (`-`: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Make findings of this severity fail the check too (`--deny warnings`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<DenyArg>,
    /// Evaluation date (YYYY-MM-DD, or `today` to override a pinned `as-of`); default: `as-of`
    /// in egenregi.kdl, else today (UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Report only this rule, or the rules a glob names (`'inhouse/*'`); repeatable.
    #[arg(long = "rule", value_name = "ID")]
    rule: Vec<String>,
    /// Never report this rule, or the rules a glob names (`'service/*'`); repeatable.
    #[arg(long = "skip", value_name = "ID")]
    skip: Vec<String>,
    /// Print how many findings each rule has, most first, instead of the findings (JSON with
    /// `--format json`). The exit code is the check's.
    #[arg(long)]
    statistics: bool,
    /// Print only the findings that fail the check, and nothing when it passes.
    #[arg(long, short)]
    quiet: bool,
    /// Set apart the findings this baseline file accepts: only new findings fail the check.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every current finding that a baseline may accept to FILE (then exit 0 unless the
    /// check could not run). Adopt egenregi with this, then check with `--baseline FILE`.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// SARIF and GitHub annotations: the root's folder inside its repository, put in front of
    /// every path so that a config in a subfolder is found (default: the root's path relative
    /// to the enclosing git work tree, found by looking for `.git` upwards; none outside one).
    #[arg(long, value_name = "DIR", value_parser = parse_prefix)]
    path_prefix: Option<String>,
}

fn parse_prefix(s: &str) -> Result<String, String> {
    report::normalize_prefix(s).ok_or_else(|| {
        format!("`{s}` is not a folder inside the repository (relative, without `..`)")
    })
}

#[derive(clap::Args)]
struct ReportArgs {
    /// The repository root; default as for `check`.
    root: Option<PathBuf>,
    /// `html`: one self-contained file that works offline; `markdown`: for a pull request.
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Html)]
    format: ReportFormatArg,
    /// Write the report to FILE instead of standard output (`-`: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Evaluation date (YYYY-MM-DD or `today`); default: `as-of` in egenregi.kdl, else today
    /// (UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// The report's language: `nb` (Norwegian Bokmål) or `en`; default: `language` in
    /// egenregi.kdl, else English.
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<egenregi::i18n::Lang>,
    /// Only this buyer's extract (an `Entity` id that buys in the repository).
    #[arg(long, value_name = "ID")]
    buyer: Option<String>,
}

fn parse_lang(s: &str) -> Result<egenregi::i18n::Lang, String> {
    egenregi::i18n::Lang::parse(s)
        .ok_or_else(|| format!("`{s}` is not a language of the report (`nb` or `en`)"))
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormatArg {
    Html,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyArg {
    Warnings,
    Notes,
}

/// `YYYY-MM-DD`, or `today` (UTC): given on the command line, either wins over a pinned
/// `as-of` in egenregi.kdl, so CI can refuse the date a pull request pins.
fn parse_date(s: &str) -> Result<Date, String> {
    if s == "today" {
        return Ok(Date::today());
    }
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date (YYYY-MM-DD or `today`)"))
}

/// `root` (absolute) as the user would type it from `cwd` (absolute): `.`, `..`, `../..`, a
/// relative path below, or the absolute path.
fn shown_from(cwd: &Path, root: &Path) -> PathBuf {
    if let Ok(below) = root.strip_prefix(cwd) {
        return if below.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            below.to_path_buf()
        };
    }
    if let Ok(above) = cwd.strip_prefix(root) {
        let mut up = PathBuf::new();
        for _ in above.components() {
            up.push("..");
        }
        return up;
    }
    root.to_path_buf()
}

/// The root with no argument: see [`config_above`]; else the working directory.
fn default_root() -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return PathBuf::from(".");
    };
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    match config_above(&cwd) {
        (Some(root), _) => shown_from(&cwd, &root),
        _ => PathBuf::from("."),
    }
}

/// Why the paths given to `check` cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
enum PathsError {
    #[error("cannot read `{}`: {source}", path.display())]
    Missing {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{}` is not in the repository at `{}`", path.display(), root.display())]
    #[diagnostic(help("give files of one repository at a time"))]
    Elsewhere { path: PathBuf, root: PathBuf },
}

/// The root to check and the paths (relative to it) whose findings to show. No argument: the
/// root found from the working directory; one directory: that root, everything shown; files
/// (or several paths): the repository holding the first, only their findings shown.
fn root_and_paths(args: &[PathBuf]) -> Result<(PathBuf, Vec<String>), PathsError> {
    match args {
        [] => return Ok((default_root(), Vec::new())),
        [one] if one.is_dir() => return Ok((one.clone(), Vec::new())),
        _ => {}
    }
    let absolute = |p: &Path| -> Result<PathBuf, PathsError> {
        let missing = |source| PathsError::Missing {
            path: p.to_path_buf(),
            source,
        };
        std::fs::symlink_metadata(p).map_err(missing)?;
        // The directory is resolved, the name kept: a link is shown as itself.
        match (p.parent(), p.file_name()) {
            (Some(dir), Some(name)) => {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                Ok(dir.canonicalize().map_err(missing)?.join(name))
            }
            _ => p.canonicalize().map_err(missing),
        }
    };
    let cwd = std::env::current_dir()
        .and_then(|c| c.canonicalize())
        .unwrap_or_else(|_| PathBuf::from("."));
    let first = absolute(&args[0])?;
    let start = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map_or_else(|| first.clone(), Path::to_path_buf)
    };
    let root = match config_above(&start) {
        (Some(root), _) => root,
        _ if first.starts_with(&cwd) => cwd.clone(),
        (None, Some(git_top)) => git_top,
        (None, None) => start,
    };
    let mut paths = Vec::new();
    for arg in args {
        let abs = absolute(arg)?;
        let Ok(rel) = abs.strip_prefix(&root) else {
            return Err(PathsError::Elsewhere {
                path: arg.clone(),
                root: shown_from(&cwd, &root),
            });
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        paths.push(if rel.is_empty() { ".".to_owned() } else { rel });
    }
    Ok((shown_from(&cwd, &root), paths))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = COLOR.set(cli.color);
    let code = match cli.command {
        Command::Check(args) => check(&args),
        Command::Report(args) => write_report(&args),
        Command::Rules { format } => rules(format),
        Command::Explain { rule } => explain(&rule),
        Command::Test { dir } => fixtures(&dir),
        Command::Schema { kind } => print_schema(kind.as_deref()),
        Command::Init { root } => init(&root),
        Command::New(args) => new_document(&args),
        Command::Server => serve(),
        Command::Completions { shell } => {
            // into memory first: `generate` panics on a write error (a closed pipe)
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "egenregi", &mut script);
            emit(&String::from_utf8_lossy(&script), None)
        }
        Command::Graph {
            root,
            format,
            view,
            as_of,
            output,
        } => draw_graph(
            &root.unwrap_or_else(default_root),
            format,
            view,
            as_of,
            output.as_deref(),
        ),
    };
    ExitCode::from(code)
}

fn serve() -> u8 {
    match egenregi::lsp::serve_stdio() {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: {e}");
            SETUP
        }
    }
}

fn draw_graph(
    root: &std::path::Path,
    format: GraphFormatArg,
    view: GraphViewArg,
    as_of: Option<Date>,
    output: Option<&std::path::Path>,
) -> u8 {
    use egenregi::graph::{GraphFormat as G, GraphView};
    let format = match format {
        GraphFormatArg::Dot => G::Dot,
        GraphFormatArg::Mermaid => G::Mermaid,
    };
    let view = match view {
        GraphViewArg::Control => GraphView::Control,
        GraphViewArg::Dependencies => GraphView::Dependencies,
    };
    let options = Options {
        as_of,
        workers: egenregi::Workers::Process,
        ..Options::default()
    };
    match egenregi::graph(root, &options, view, format) {
        Ok(text) => emit(&text, output),
        Err(e) => {
            eprint_diagnostic(&e);
            SETUP
        }
    }
}

fn init(root: &std::path::Path) -> u8 {
    match egenregi::scaffold::init(root) {
        Ok(written) => {
            for p in written {
                println!("created {}", p.display());
            }
            println!(
                "next: `egenregi new entity ID --type company`, then `egenregi check {}`",
                root.display()
            );
            OK
        }
        Err(e) => {
            eprint_diagnostic(&e);
            SETUP
        }
    }
}

fn new_document(args: &NewArgs) -> u8 {
    use egenregi::scaffold::{self, NewKind, NewOptions};
    let kind = match args.kind {
        NewKindArg::Entity => NewKind::Entity,
        NewKindArg::Service => NewKind::Service,
        NewKindArg::Tenant => NewKind::Tenant,
        NewKindArg::Waiver => NewKind::Waiver,
        NewKindArg::Activity => NewKind::Activity,
    };
    match (kind, args.year) {
        (NewKind::Activity, None) => {
            eprintln!(
                "error: `new activity` needs the year after the provider, e.g. `egenregi new activity {} 2025`",
                args.id
            );
            return SETUP;
        }
        (NewKind::Activity, Some(_)) | (_, None) => {}
        (_, Some(year)) => {
            eprintln!("error: unexpected `{year}`: only `new activity` takes a year");
            return SETUP;
        }
    }
    let options = NewOptions {
        entity_type: args.entity_type.clone(),
        provider: args.provider.clone(),
        entity: args.entity.clone(),
        service: args.service.clone(),
        rule: args.rule.clone(),
        target: args.target.clone(),
        year: args.year,
    };
    let today = Date::today();
    let result = if args.print {
        scaffold::document(kind, &args.id, &options, today).map(|text| print!("{text}"))
    } else {
        scaffold::new_document(&args.root, kind, &args.id, &options, today)
            .map(|path| println!("created {}", path.display()))
    };
    match result {
        Ok(()) => {
            // a Norwegian legal form says what it became (the document has it as a comment too)
            let ty = args
                .entity_type
                .as_deref()
                .filter(|_| kind == NewKind::Entity);
            if let Some(Ok((_, Some(note)))) = ty.map(scaffold::entity_type) {
                eprintln!("note: {note}");
            }
            OK
        }
        Err(e) => {
            eprint_diagnostic(&e);
            SETUP
        }
    }
}

/// Runs `work`; on a terminal, a run that takes more than a second shows the elapsed time on
/// stderr (DESIGN §7: progress only on a terminal, only for long runs), cleared at the end.
fn with_progress<T>(root: &std::path::Path, work: impl FnOnce() -> T) -> T {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let ticker = {
        let done = std::sync::Arc::clone(&done);
        let label = format!("checking {}", root.display());
        std::thread::spawn(move || {
            let start = Instant::now();
            let mut shown = 0;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let secs = start.elapsed().as_secs();
                if secs > shown {
                    eprint!("\r{label} ({secs} s)");
                    shown = secs;
                }
            }
            if shown > 0 {
                eprint!("\r\x1b[K");
            }
        })
    };
    let result = work();
    done.store(true, Ordering::Relaxed);
    let _ = ticker.join();
    result
}

/// Whether to colour an output, by the precedence `--color` documents.
fn color_wanted(to_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match COLOR.get().copied().unwrap_or_default() {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if set("NO_COLOR").is_some() => false,
        ColorArg::Auto
            if ["FORCE_COLOR", "CLICOLOR_FORCE"]
                .iter()
                .any(|n| set(n).is_some_and(|v| v != "0")) =>
        {
            true
        }
        ColorArg::Auto => to_terminal,
    }
}

/// A setup error as a user sees it: miette shows a diagnostic's code as its heading, and the
/// codes of setup errors (`config::invalid`, `baseline::version`) are internal names, not rule
/// ids `explain` knows. Everything else passes through.
struct WithoutCode<'a>(&'a dyn miette::Diagnostic);

impl std::fmt::Debug for WithoutCode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl std::fmt::Display for WithoutCode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for WithoutCode<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl miette::Diagnostic for WithoutCode<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.help()
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.url()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        self.0.related()
    }
    fn diagnostic_source(&self) -> Option<&dyn miette::Diagnostic> {
        self.0.diagnostic_source()
    }
}

fn eprint_diagnostic(d: &dyn miette::Diagnostic) {
    let d = &WithoutCode(d);
    let style = HumanStyle {
        color: color_wanted(std::io::stderr().is_terminal()),
        unicode: std::io::stderr().is_terminal(),
        width: 100,
    };
    let mut s = String::new();
    if report::human::handler(style)
        .render_report(&mut s, d)
        .is_err()
    {
        s = d.to_string();
    }
    eprint!("{s}");
}

fn check(args: &CheckArgs) -> u8 {
    let baseline = match &args.baseline {
        None => None,
        Some(path) => {
            let shown = path.display().to_string();
            let parsed = std::fs::read_to_string(path)
                .map_err(|e| egenregi::baseline::BaselineError::Invalid {
                    path: shown.clone(),
                    reason: e.to_string(),
                })
                .and_then(|text| egenregi::baseline::Baseline::parse(&shown, &text));
            match parsed {
                Ok(b) => Some(b),
                Err(e) => {
                    eprint_diagnostic(&e);
                    return SETUP;
                }
            }
        }
    };
    let (root, paths) = match root_and_paths(&args.paths) {
        Ok(found) => found,
        Err(e) => {
            eprint_diagnostic(&e);
            return SETUP;
        }
    };
    let options = Options {
        as_of: args.as_of,
        only: args.rule.clone(),
        skip: args.skip.clone(),
        baseline,
        paths,
        workers: egenregi::Workers::Process,
        ..Options::default()
    };
    let checked = with_progress(&root, || egenregi::check(&root, &options));
    // Never freed: the process ends after the report, and freeing every document, finding and
    // decision one by one took 5 % of the national check's instructions (issue 18).
    let mut outcome = match checked {
        Ok(o) => std::mem::ManuallyDrop::new(o),
        Err(e) => {
            eprint_diagnostic(&e);
            return SETUP;
        }
    };
    if let Some(path) = &args.write_baseline {
        // Everything current, including what an older baseline set apart: a refresh.
        let all: Vec<&egenregi::finding::Finding> = outcome.every_finding().collect();
        let b = egenregi::baseline::Baseline::of(&all, &outcome.registry, &outcome.sources);
        let code = emit(&b.to_json(), Some(path));
        if code == OK {
            eprintln!(
                "wrote {} ({} findings under {} keys)",
                path.display(),
                b.entries.iter().map(|e| e.count).sum::<usize>(),
                b.entries.len()
            );
        }
        return code;
    }
    let fail_at = match args.deny {
        None => Severity::Error,
        Some(DenyArg::Warnings) => Severity::Warning,
        Some(DenyArg::Notes) => Severity::Note,
    };
    let failing = outcome.findings.iter().any(|f| f.severity >= fail_at);
    if args.quiet {
        outcome.findings.retain(|f| f.severity >= fail_at);
    }
    // The terminal's activity tables belong to the activity rules: `-q` and a `--rule`/`--skip`
    // that leaves none of those out of the way drop them too (machine formats keep the figures).
    let activity_shown = outcome.registry.rules.iter().any(|r| {
        r.id.starts_with("inhouse/activity")
            && (args.rule.is_empty() || args.rule.iter().any(|x| *x == r.id))
            && !args.skip.iter().any(|x| *x == r.id)
    });
    if matches!(args.format, FormatArg::Human) && (args.quiet || !activity_shown) {
        outcome.figures.windows.clear();
    }
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
        FormatArg::Junit => Format::Junit,
        FormatArg::Markdown => Format::Markdown,
    };
    let to_terminal = file(args.output.as_deref()).is_none() && std::io::stdout().is_terminal();
    let style = HumanStyle {
        color: color_wanted(to_terminal),
        unicode: to_terminal,
        width: 100,
    };
    if format == Format::Json && !args.statistics {
        // Streamed to its writer: the document is never held as one string.
        return match emit_with(
            &mut |w| report::json::write(&outcome, w),
            args.output.as_deref(),
        ) {
            OK if failing => FINDINGS,
            code => code,
        };
    }
    let text = if args.statistics {
        statistics(&outcome, format == Format::Json)
    } else if args.quiet && !failing && format == Format::Human {
        String::new()
    } else {
        let pipeline = if format == Format::Sarif {
            report::sarif::Pipeline::from_vars(|n| std::env::var(n).ok()).unwrap_or_else(|e| {
                eprintln!("warning: {e}; the SARIF log names no Azure Pipelines run");
                None
            })
        } else {
            None
        };
        let site = report::Site {
            path_prefix: args
                .path_prefix
                .clone()
                .unwrap_or_else(|| report::git_prefix(&root)),
            pipeline,
        };
        report::render_at(&outcome, format, style, &site)
    };
    match emit(&text, args.output.as_deref()) {
        OK if failing => FINDINGS,
        code => code,
    }
}

/// The file `--output` names: none for `-`, which is standard output, as for most tools that
/// take a file name (a file named `-` was written before, where a pipeline expected the text).
fn file(output: Option<&std::path::Path>) -> Option<&std::path::Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// Like [`emit`], with the output written by `body` as it is produced.
fn emit_with(
    body: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    output: Option<&std::path::Path>,
) -> u8 {
    let written = match file(output) {
        Some(path) => egenregi::write::atomic_with(path, body).map_err(|e| {
            eprint_diagnostic(&e);
        }),
        None => body(&mut std::io::stdout().lock()).map_err(|e| {
            eprintln!("error: cannot write the output: {e}");
        }),
    };
    match written {
        Ok(()) => OK,
        Err(()) => SETUP,
    }
}

/// Writes `text` to `output` (atomically, never through a link), or to standard output;
/// `SETUP` when it cannot.
fn emit(text: &str, output: Option<&std::path::Path>) -> u8 {
    match file(output) {
        Some(path) => match egenregi::write::atomic(path, text.as_bytes()) {
            Ok(()) => OK,
            Err(e) => {
                eprint_diagnostic(&e);
                SETUP
            }
        },
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => OK,
            Err(e) => {
                eprintln!("error: cannot write the output: {e}");
                SETUP
            }
        },
    }
}

fn write_report(args: &ReportArgs) -> u8 {
    let options = Options {
        as_of: args.as_of,
        workers: egenregi::Workers::Process,
        ..Options::default()
    };
    let root = args.root.clone().unwrap_or_else(default_root);
    let outcome = match egenregi::check(&root, &options) {
        Ok(o) => o,
        Err(e) => {
            eprint_diagnostic(&e);
            return SETUP;
        }
    };
    let format = match args.format {
        ReportFormatArg::Html => Format::Html,
        ReportFormatArg::Markdown => Format::Markdown,
    };
    if let Some(b) = &args.buyer {
        let ids = report::html::buyer_ids(&outcome);
        if !ids.contains(b) {
            match suggest::closest(b, ids.iter().map(String::as_str)) {
                Some(s) => eprintln!("error: no subscription of buyer `{b}`; did you mean `{s}`?"),
                None => eprintln!(
                    "error: no subscription of buyer `{b}`; buyers: {}",
                    suggest::list(&ids)
                ),
            }
            return SETUP;
        }
    }
    let view = report::html::View {
        lang: args.lang,
        buyer: args.buyer.clone(),
    };
    let text = report::render_report(&outcome, format, &view);
    emit(&text, args.output.as_deref())
}

fn fixtures(dir: &std::path::Path) -> u8 {
    match egenregi::fixture::run(dir, &Options::default()) {
        Ok(results) => {
            print!("{}", results.render());
            if results.passed() { OK } else { FINDINGS }
        }
        Err(e) => {
            eprint_diagnostic(&e);
            SETUP
        }
    }
}

/// The catalogue of the repository the working directory is in (the shipped rules alone
/// outside one); a broken `egenregi.kdl` or rule file is said, and the command fails.
fn catalogue() -> Result<Registry, u8> {
    egenregi::catalogue(&default_root()).map_err(|e| {
        eprint_diagnostic(&e);
        SETUP
    })
}

fn rules(format: RulesFormatArg) -> u8 {
    let registry = match catalogue() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let text = match format {
        RulesFormatArg::Human => registry.table(),
        RulesFormatArg::Json => {
            let mut s = serde_json::to_string_pretty(&registry.json()).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    emit(&text, None)
}

fn explain(id: &str) -> u8 {
    let registry = match catalogue() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let Some(rule) = registry.get(id) else {
        eprintln!("error: unknown rule `{id}`; {}", registry.unknown_help(id));
        return SETUP;
    };
    print!("{}", egenregi::report::explain(rule, &rule.legal_basis()));
    OK
}

/// `check --statistics`: findings per rule, most first, then by id.
fn statistics(outcome: &egenregi::Outcome, json: bool) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for f in &outcome.findings {
        match counts.iter_mut().find(|(id, _)| *id == f.rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.rule.as_ref(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let summary = |id: &str| {
        outcome
            .registry
            .get(id)
            .map_or_else(String::new, |r| r.summary.to_string())
    };
    if json {
        let rules: Vec<serde_json::Value> = counts
            .iter()
            .map(|(id, n)| serde_json::json!({ "rule": id, "count": n, "summary": summary(id) }))
            .collect();
        let v = serde_json::json!({ "version": 1, "statistics": rules });
        return serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
    }
    let width = counts.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, n) in &counts {
        out.push_str(&format!("{n:>5}  {id:<width$}  {}\n", summary(id)));
    }
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    out.push_str(&format!(
        "{total:>5}  {}\n",
        report::plural(counts.len(), "rule")
    ));
    out
}

fn print_schema(kind: Option<&str>) -> u8 {
    let value = match kind {
        Some(k) => {
            let Some(v) = schema::bundle(k) else {
                eprintln!(
                    "error: unknown kind `{k}`; kinds are {}",
                    suggest::list(&schema::kinds())
                );
                return SETUP;
            };
            v
        }
        None => schema::combined(),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    OK
}
