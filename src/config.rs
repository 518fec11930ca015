//! The repository's `egenregi.kdl`: evaluation date, excludes, policies, rule overrides,
//! thresholds. Every key has a default; a broken file stops the run (exit 2) with diagnostics
//! that point into it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use kdl::{KdlDocument, KdlEntry, KdlNode, KdlValue};
use miette::{Diagnostic, SourceSpan};

use crate::date::Date;
use crate::finding::{Label, Location, RuleOverride, Severity};
use crate::rule::RuleCatalog;
use crate::source::{SourceFile, SourceId, Sources};
use crate::suggest;

pub const FILE_NAME: &str = "egenregi.kdl";

/// Where the evaluation date came from, for the report header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfFrom {
    CommandLine,
    Config,
    Today,
}

/// A value given in the config, with where it was set.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub at: Option<Location>,
}

/// The validated configuration.
#[derive(Debug)]
pub struct Config {
    pub as_of: Date,
    pub as_of_from: AsOfFrom,
    pub jurisdiction: String,
    /// `language "nb"`: the reviewer's report's language when `--lang` does not say.
    pub language: Option<crate::i18n::Lang>,
    pub exclude: GlobSet,
    pub exclude_patterns: Vec<String>,
    pub policies: Option<PathBuf>,
    /// The `policies "DIR"` entry as written (without `./` or a trailing `/`) and its span, for
    /// diagnostics about the directory that point at it.
    pub policies_entry: Option<(String, SourceSpan)>,
    pub overrides: HashMap<String, RuleOverride>,
    /// `rule "id" key=value`: parameters per rule (other than `severity`).
    pub params: HashMap<String, HashMap<String, Setting<f64>>>,
    /// `threshold "name" value`.
    pub thresholds: HashMap<String, Setting<f64>>,
    pub source: Option<SourceId>,
    /// `rule` nodes, checked against the rule catalog once policies are loaded.
    rule_nodes: Vec<RuleNode>,
    text: Option<Arc<String>>,
}

#[derive(Debug)]
struct RuleNode {
    id: String,
    id_span: SourceSpan,
    /// (key, value, entry span)
    entries: Vec<(String, KdlValue, SourceSpan)>,
}

impl Config {
    pub fn defaults(as_of: Option<Date>) -> Self {
        Self {
            as_of: as_of.unwrap_or_else(Date::today),
            as_of_from: if as_of.is_some() {
                AsOfFrom::CommandLine
            } else {
                AsOfFrom::Today
            },
            jurisdiction: "no".into(),
            language: None,
            exclude: GlobSet::empty(),
            exclude_patterns: Vec::new(),
            policies: None,
            policies_entry: None,
            overrides: HashMap::new(),
            params: HashMap::new(),
            thresholds: HashMap::new(),
            source: None,
            rule_nodes: Vec::new(),
            text: None,
        }
    }

    /// Applies the `rule` nodes (severity overrides, parameters), now that every rule is known
    /// (built-ins and the repository's own policies).
    pub fn apply_rules(&mut self, catalog: &dyn RuleCatalog) -> Result<(), Box<KdlFileError>> {
        let (Some(id), Some(text)) = (self.source, self.text.clone()) else {
            return Ok(());
        };
        let at = |span: SourceSpan| Location::new(id, span.offset()..span.offset() + span.len());
        let mut problems = Vec::new();
        for node in std::mem::take(&mut self.rule_nodes) {
            rule_node(&node, catalog, &at, self, &mut problems);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Box::new(KdlFileError::new(
                FILE_NAME.into(),
                text,
                problems,
            )))
        }
    }

    /// A rule parameter, or its default.
    pub fn param(&self, rule: &str, name: &str, default: f64) -> f64 {
        self.params
            .get(rule)
            .and_then(|p| p.get(name))
            .map_or(default, |s| s.value)
    }
}

/// One problem in a KDL file, pointing into it.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct KdlProblem {
    pub message: String,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// Every problem of one KDL file (config or policy), rendered against that file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path} cannot be used")]
#[diagnostic(code(config::invalid))]
pub struct KdlFileError {
    pub path: String,
    /// Indexed by line: rendering a label does not rescan the file from its start (80 KB of
    /// broken KDL with a problem per line was quadratic).
    #[source_code]
    pub src: crate::source::IndexedSource,
    #[related]
    pub problems: Vec<KdlProblem>,
}

impl KdlFileError {
    /// The problems of the file at `path` (as shown), rendered against its `text`.
    pub(crate) fn new(path: String, text: Arc<String>, problems: Vec<KdlProblem>) -> Self {
        Self {
            src: crate::source::IndexedSource(Arc::new(crate::source::SourceFile::new(
                path.clone(),
                Arc::unwrap_or_clone(text),
            ))),
            path,
            problems,
        }
    }
}

/// The problems of a file the `kdl` parser refused, each given `help` when the parser has none.
pub(crate) fn syntax_problems(error: kdl::KdlError, help: Option<&str>) -> Vec<KdlProblem> {
    error
        .diagnostics
        .into_iter()
        .map(|d| KdlProblem {
            message: d.message.unwrap_or_else(|| "KDL syntax error".into()),
            span: d.span,
            label: d.label.unwrap_or_else(|| "here".into()),
            help: d.help.or_else(|| help.map(str::to_owned)),
        })
        .collect()
}

/// Names a threshold may have (the jurisdiction pack's defaults apply when unset).
pub const THRESHOLDS: &[&str] = &["below-threshold-value", "activity-margin"];

/// The rule whose findings a threshold decides, so they point at the line that changed it.
const THRESHOLD_RULES: &[(&str, &str)] = &[
    ("below-threshold-value", "procurement/basis"),
    ("activity-margin", "inhouse/activity-margin"),
];

impl Config {
    /// Every threshold and rule parameter this file changed, as a label per rule: the findings
    /// of that rule point at the line, as they do at a changed severity.
    pub fn setting_labels(&self) -> Vec<(String, Label)> {
        let thresholds = self.thresholds.iter().filter_map(|(name, s)| {
            let rule = THRESHOLD_RULES.iter().find(|(n, _)| n == name)?.1;
            Some((rule.to_owned(), format!("threshold `{name}`"), s))
        });
        let params = self.params.iter().flat_map(|(rule, p)| {
            p.iter()
                .map(move |(name, s)| (rule.clone(), format!("`{name}`"), s))
        });
        let mut out: Vec<(String, Label)> = thresholds
            .chain(params)
            .filter_map(|(rule, what, s)| {
                let location = s.at.clone()?;
                let message = format!("{what} set to {} here", s.value);
                Some((
                    rule,
                    Label {
                        location,
                        message,
                        text: None,
                    },
                ))
            })
            .collect();
        // the maps' order is not the file's
        out.sort_by_key(|(_, l)| l.location.span.start);
        out
    }
}

const NODES: &[&str] = &[
    "as-of",
    "jurisdiction",
    "language",
    "paths",
    "policies",
    "rule",
    "threshold",
];

/// Reads `ROOT/egenregi.kdl` if present. The file becomes a source so findings can point at it.
/// `rule` nodes are checked later, by [`Config::apply_rules`].
pub fn load(
    root: &Path,
    as_of_flag: Option<Date>,
    sources: &mut Sources,
) -> Result<Config, Box<KdlFileError>> {
    let mut config = Config::defaults(as_of_flag);
    let text = match read(root) {
        Ok(None) => return Ok(config),
        Ok(Some(text)) => text,
        Err((text, p)) => {
            return Err(Box::new(KdlFileError::new(
                FILE_NAME.into(),
                Arc::new(text),
                vec![p],
            )));
        }
    };
    let src = Arc::new(text);
    let fail = |problems| Box::new(KdlFileError::new(FILE_NAME.into(), src.clone(), problems));
    // `kdl` recurses per level of nesting: hostile depth is refused before it runs.
    if let Some(at) = kdl_too_deep(&src, MAX_KDL_NESTING) {
        return Err(fail(vec![problem(
            SourceSpan::from((at, 1)),
            format!("blocks nest more than {MAX_KDL_NESTING} deep"),
            "too deep",
            Some("egenregi.kdl needs two levels at most (`paths { exclude ... }`)".into()),
        )]));
    }
    let doc = match KdlDocument::parse_v2(&src) {
        Ok(d) => d,
        Err(e) => return Err(fail(syntax_problems(e, None))),
    };
    let id = sources.push(SourceFile::new(FILE_NAME.into(), src.as_str()));
    config.source = Some(id);
    config.text = Some(src.clone());
    let at = |span: SourceSpan| Location::new(id, span.offset()..span.offset() + span.len());
    let mut problems = Vec::new();
    let mut excludes = GlobSetBuilder::new();
    for node in doc.nodes() {
        let name = node.name().value();
        match name {
            "as-of" => {
                if let Some((s, span)) = one_string(node, &mut problems) {
                    match Date::parse(&s) {
                        Some(d) if as_of_flag.is_none() => {
                            config.as_of = d;
                            config.as_of_from = AsOfFrom::Config;
                        }
                        Some(_) => {}
                        None => problems.push(problem(
                            span,
                            format!("`{s}` is not a date"),
                            "expected YYYY-MM-DD",
                            None,
                        )),
                    }
                }
            }
            "jurisdiction" => {
                if let Some((s, span)) = one_string(node, &mut problems) {
                    if s == "no" {
                        config.jurisdiction = s;
                    } else {
                        problems.push(problem(
                            span,
                            format!("unknown jurisdiction `{s}`"),
                            "no pack by this name",
                            Some("the packs shipped are: `no`".into()),
                        ));
                    }
                }
            }
            "language" => {
                if let Some((s, span)) = one_string(node, &mut problems) {
                    match crate::i18n::Lang::parse(&s) {
                        Some(l) => config.language = Some(l),
                        None => problems.push(problem(
                            span,
                            format!("unknown language `{s}`"),
                            "no report in this language",
                            Some("the report is written in `nb` (Norwegian Bokmål) or `en`".into()),
                        )),
                    }
                }
            }
            "policies" => {
                if let Some((s, span)) = one_string(node, &mut problems) {
                    let p = Path::new(&s);
                    if p.is_absolute()
                        || p.components()
                            .any(|c| matches!(c, std::path::Component::ParentDir))
                    {
                        problems.push(problem(
                            span,
                            "the policies directory must be inside the repository",
                            "outside the root",
                            None,
                        ));
                    } else {
                        config.policies = Some(root.join(p));
                        let shown = s.trim_start_matches("./").trim_end_matches('/');
                        config.policies_entry = Some((shown.to_owned(), span));
                    }
                }
            }
            "paths" => {
                no_entries(node, &mut problems);
                for child in node.iter_children() {
                    if child.name().value() == "exclude" {
                        for e in child.entries() {
                            match (e.name(), e.value()) {
                                (None, KdlValue::String(g)) => match Glob::new(g) {
                                    Ok(glob) => {
                                        excludes.add(glob);
                                        config.exclude_patterns.push(g.clone());
                                    }
                                    Err(err) => problems.push(problem(
                                        e.span(),
                                        format!("bad glob: {err}"),
                                        "this pattern",
                                        None,
                                    )),
                                },
                                _ => problems.push(problem(
                                    e.span(),
                                    "`exclude` takes glob strings",
                                    "not a string",
                                    None,
                                )),
                            }
                        }
                    } else {
                        problems.push(unknown_node(child, &["exclude"]));
                    }
                }
            }
            "rule" => {
                let args = arguments(node);
                match args.as_slice() {
                    [e] if matches!(e.value(), KdlValue::String(_)) => {
                        config.rule_nodes.push(RuleNode {
                            id: e.value().as_string().unwrap_or_default().to_owned(),
                            id_span: e.span(),
                            entries: node
                                .entries()
                                .iter()
                                .filter_map(|e| {
                                    Some((
                                        e.name()?.value().to_owned(),
                                        e.value().clone(),
                                        e.span(),
                                    ))
                                })
                                .collect(),
                        });
                    }
                    _ => problems.push(problem(
                        node.span(),
                        "expected `rule \"RULE-ID\" severity=...`",
                        "here",
                        None,
                    )),
                }
            }
            "threshold" => {
                let args = arguments(node);
                match args.as_slice() {
                    [n, v] => match (n.value(), number(v.value())) {
                        (KdlValue::String(name), Some(x))
                            if THRESHOLDS.contains(&name.as_str()) =>
                        {
                            if x < 0.0 {
                                problems.push(problem(
                                    v.span(),
                                    "a threshold cannot be negative",
                                    "negative",
                                    None,
                                ));
                            } else {
                                config.thresholds.insert(
                                    name.clone(),
                                    Setting {
                                        value: x,
                                        at: Some(at(node.span())),
                                    },
                                );
                            }
                        }
                        (KdlValue::String(name), Some(_)) => problems.push(problem(
                            n.span(),
                            format!("unknown threshold `{name}`"),
                            "not a threshold",
                            Some(did_you_mean(name, THRESHOLDS, "known")),
                        )),
                        _ => problems.push(problem(
                            node.span(),
                            "expected `threshold \"name\" NUMBER`",
                            "here",
                            None,
                        )),
                    },
                    _ => problems.push(problem(
                        node.span(),
                        "expected `threshold \"name\" NUMBER`",
                        "here",
                        None,
                    )),
                }
            }
            _ => problems.push(unknown_node(node, NODES)),
        }
    }
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    config.exclude = excludes.build().unwrap_or_else(|_| GlobSet::empty());
    Ok(config)
}

/// `kdl` parses recursively; deeper braces are refused before it runs, in `egenregi.kdl` and in
/// rule files alike.
pub(crate) const MAX_KDL_NESTING: usize = 32;

/// The most `egenregi.kdl` may hold; it is a few lines.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads `ROOT/egenregi.kdl` as hostile input, like the YAML: a regular file (a FIFO would
/// block, a device never end) inside the root (a link may not show a file from elsewhere), at
/// most `MAX_FILE_BYTES`, UTF-8. `None` when there is none; on a problem, the text to show.
fn read(root: &Path) -> Result<Option<String>, (String, KdlProblem)> {
    use std::io::Read as _;
    let path = root.join(FILE_NAME);
    let here = SourceSpan::from((0, 0));
    let fail = |message: String, help: &str| {
        (
            String::new(),
            problem(here, message, "here", Some(help.into())),
        )
    };
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(m) if m.file_type().is_symlink() => {
            let inside = matches!(
                (path.canonicalize(), root.canonicalize()),
                (Ok(target), Ok(root)) if target.starts_with(&root)
            );
            if !inside {
                return Err(fail(
                    format!("{FILE_NAME} is a link to a file outside the repository"),
                    "links are followed only inside the repository; copy the file here",
                ));
            }
        }
        _ => {}
    }
    let meta = std::fs::metadata(&path).map_err(|e| {
        fail(
            format!("cannot read {FILE_NAME}: {e}"),
            "check its permissions",
        )
    })?;
    if !meta.is_file() {
        return Err(fail(
            format!("{FILE_NAME} is not a regular file"),
            "make it a file, or remove it to use the defaults",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            fail(
                format!("cannot read {FILE_NAME}: {e}"),
                "check its permissions",
            )
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            format!("{FILE_NAME} is over {MAX_FILE_BYTES} bytes"),
            "the settings take a few lines",
        ));
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let message = format!("{FILE_NAME} is not UTF-8 (byte offset {at})");
        // The bad byte shows as U+FFFD in the text.
        let span = SourceSpan::from((at, '\u{fffd}'.len_utf8()));
        let help = Some("save it as UTF-8".into());
        (text, problem(span, message, "not UTF-8", help))
    })
}

fn rule_node(
    node: &RuleNode,
    catalog: &dyn RuleCatalog,
    at: &dyn Fn(SourceSpan) -> Location,
    config: &mut Config,
    problems: &mut Vec<KdlProblem>,
) {
    let id = &node.id;
    let Some(rule) = catalog.rule(id) else {
        let help = catalog.unknown_help(id);
        problems.push(problem(
            node.id_span,
            format!("unknown rule `{id}`"),
            "no such rule",
            Some(help),
        ));
        return;
    };
    let allowed: Vec<String> = rule.params.iter().map(ToString::to_string).collect();
    for (key, value, span) in &node.entries {
        let span = *span;
        if key == "severity" {
            match value {
                KdlValue::String(s) => match Severity::parse(s) {
                    Some(sev) => {
                        config.overrides.insert(
                            id.clone(),
                            RuleOverride {
                                severity: sev,
                                set_at: at(span),
                            },
                        );
                    }
                    None => problems.push(problem(
                        span,
                        format!("unknown severity `{s}`"),
                        "not a severity",
                        Some("use `error`, `warning` or `note`".into()),
                    )),
                },
                _ => problems.push(problem(span, "severity is a string", "not a string", None)),
            }
        } else if allowed.iter().any(|p| p == key) {
            match number(value) {
                Some(x) if x >= 0.0 => {
                    config.params.entry(id.clone()).or_default().insert(
                        key.clone(),
                        Setting {
                            value: x,
                            at: Some(at(span)),
                        },
                    );
                }
                _ => problems.push(problem(
                    span,
                    format!("`{key}` takes a non-negative number"),
                    "not a number",
                    None,
                )),
            }
        } else {
            let mut names = vec!["severity".to_owned()];
            names.extend(allowed.iter().cloned());
            problems.push(problem(
                span,
                format!("rule `{id}` has no parameter `{key}`"),
                "unknown parameter",
                Some(format!("parameters: {}", suggest::list(&names))),
            ));
        }
    }
}

/// A finite number, as thresholds and rule parameters are read.
pub(crate) fn number(v: &KdlValue) -> Option<f64> {
    match v {
        #[allow(clippy::cast_precision_loss, reason = "rule limits are small numbers")]
        KdlValue::Integer(i) => Some(*i as f64),
        KdlValue::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

fn one_string(node: &KdlNode, problems: &mut Vec<KdlProblem>) -> Option<(String, SourceSpan)> {
    match node.entries() {
        [e] if e.name().is_none() => {
            if let KdlValue::String(s) = e.value() {
                Some((s.clone(), e.span()))
            } else {
                problems.push(problem(
                    e.span(),
                    format!("`{}` takes a string", node.name().value()),
                    "not a string",
                    None,
                ));
                None
            }
        }
        _ => {
            problems.push(problem(
                node.span(),
                format!("`{}` takes exactly one string", node.name().value()),
                "here",
                None,
            ));
            None
        }
    }
}

/// The entries of a node that are not properties.
fn arguments(node: &KdlNode) -> Vec<&KdlEntry> {
    node.entries()
        .iter()
        .filter(|e| e.name().is_none())
        .collect()
}

fn no_entries(node: &KdlNode, problems: &mut Vec<KdlProblem>) {
    if let Some(e) = node.entries().first() {
        problems.push(problem(
            e.span(),
            format!("`{}` takes no values, only children", node.name().value()),
            "unexpected",
            None,
        ));
    }
}

fn unknown_node(node: &KdlNode, known: &[&str]) -> KdlProblem {
    let name = node.name().value();
    problem(
        node.name().span(),
        format!("unknown setting `{name}`"),
        "not a setting",
        Some(did_you_mean(name, known, "known")),
    )
}

/// Help for an unknown `word`: the nearest of `known`, if any is near, then `{what}: LIST`.
pub(crate) fn did_you_mean(word: &str, known: &[&str], what: &str) -> String {
    suggestion(
        suggest::closest(word, known.iter().copied()),
        &format!("{what}: {}", suggest::list(known)),
    )
}

/// `rest`, after "did you mean `NEAR`? " when a near name was found.
pub(crate) fn suggestion(near: Option<&str>, rest: &str) -> String {
    match near {
        Some(s) => format!("did you mean `{s}`? {rest}"),
        None => rest.to_owned(),
    }
}

/// A problem at `span` of a KDL file (config or policy).
pub(crate) fn problem(
    span: SourceSpan,
    message: impl Into<String>,
    label: &str,
    help: Option<String>,
) -> KdlProblem {
    KdlProblem {
        message: message.into(),
        span,
        label: label.into(),
        help,
    }
}

/// The offset of the first `{`, nested `/*` or `/-` deeper than `max` in KDL text, skipping
/// strings and comments: the `kdl` parser recurses per level of braces, of block comments
/// (which nest) and of slashdashes (each comments out the node, entry or block after it, the
/// next slashdash included), so hostile nesting is refused before it runs. Slashdashes count
/// from the start of their node to its end (newline or `;`), and into its children.
pub(crate) fn kdl_too_deep(src: &str, max: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    // Slashdashes of the node being read, those of the enclosing nodes, and whether the last
    // token was one (then a newline does not end the node).
    let mut dashes = 0usize;
    let mut outer: Vec<usize> = Vec::new();
    let mut outer_dashes = 0usize;
    let mut after_dash = false;
    let mut continued = false;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                // Up to the newline, which ends the node like any other.
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1usize;
                i += 2;
                while i < b.len() && nest > 0 {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        if nest > max {
                            return Some(i);
                        }
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'-') => {
                dashes += 1;
                after_dash = true;
                if depth + outer_dashes + dashes > max {
                    return Some(i);
                }
                i += 2;
                continue;
            }
            b'#' if matches!(b.get(i + 1), Some(b'#' | b'"')) => {
                // Raw string: #"..."#, ##"..."##, possibly multi-line.
                after_dash = false;
                let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                i += hashes;
                if b.get(i) == Some(&b'"') {
                    i += 1;
                    while i < b.len() && !b[i..].starts_with(&close) {
                        i += 1;
                    }
                    i += close.len();
                }
                continue;
            }
            b'"' => {
                after_dash = false;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' => {
                after_dash = false;
                outer.push(dashes);
                outer_dashes += dashes;
                dashes = 0;
                depth += 1;
                if depth + outer_dashes > max {
                    return Some(i);
                }
            }
            b'}' => {
                after_dash = false;
                depth = depth.saturating_sub(1);
                dashes = outer.pop().unwrap_or(0);
                outer_dashes -= dashes;
            }
            // `\` continues the node on the next line.
            b'\\' => continued = true,
            b'\n' => {
                if !after_dash && !continued {
                    dashes = 0;
                }
                continued = false;
            }
            b';' if !after_dash => dashes = 0,
            b' ' | b'\t' | b'\r' | b';' => {}
            _ => after_dash = false,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_scan_skips_strings_and_comments() {
        let deep = format!("{}{}", "a {".repeat(40), "}".repeat(40));
        assert!(kdl_too_deep(&deep, 32).is_some());
        let fake = format!(
            "a \"{}\" // {}\n/* {} */ b #\"{}\"#",
            "{".repeat(50),
            "{".repeat(50),
            "{".repeat(50),
            "{".repeat(50)
        );
        assert_eq!(kdl_too_deep(&fake, 32), None);
        let comments = format!("{}{}", "/*".repeat(40), "*/".repeat(40));
        assert!(kdl_too_deep(&comments, 32).is_some());
        let dashes = format!("a {}1", "/- ".repeat(40));
        assert!(kdl_too_deep(&dashes, 32).is_some());
        // Slashdashes of one node end with it: a file may comment out many nodes.
        let many = "/- old 1 // was\n/- old 2; ".repeat(40);
        assert_eq!(kdl_too_deep(&many, 32), None);
        // Those of enclosing nodes count inside their children.
        let mixed = "/- /- a { ".repeat(12) + &"}".repeat(12);
        assert!(kdl_too_deep(&mixed, 32).is_some());
        let continued = "/- \\\n".repeat(40) + "a";
        assert!(kdl_too_deep(&continued, 32).is_some());
    }
}
