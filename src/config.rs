//! The repository's `egenregi.kdl`: evaluation date, excludes, policies, rule settings,
//! thresholds. Read once into a [`RawConfig`] (each setting as written, with its spans; only the
//! shape of each node checked), then validated into a [`Config`] that cannot exist unvalidated
//! and does not change (cargo-deny's `UnvalidatedConfig` → `ValidConfig`). A `rule` setting
//! names a rule, and a repository's own rules are known only once its policies are compiled, so
//! validation takes two steps: [`load`] checks every other setting into an
//! [`UnvalidatedConfig`], from which the policy compiler reads the policies directory alone, and
//! [`UnvalidatedConfig::validate`] checks the `rule` settings against the catalogue. Every key
//! has a default; a broken file stops the run (exit 2) with diagnostics that point into it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use kdl::{KdlDocument, KdlNode, KdlValue};
use miette::SourceSpan;

use crate::date::Date;
use crate::finding::{Label, Location, RuleOverride, Severity};
use crate::kdl::{Spanned, arguments, no_entries, one_string, unknown_node};
use crate::rule::RuleCatalog;
use crate::source::{SourceFile, SourceId, Sources};
use crate::suggest;

// The policy compiler reads these from here; they live in `crate::kdl`, shared by every reader of KDL.
pub use crate::kdl::{KdlFileError, KdlProblem};
pub(crate) use crate::kdl::{
    MAX_KDL_NESTING, did_you_mean, kdl_too_deep, number, problem, suggestion, syntax_problems,
};

pub const FILE_NAME: &str = "egenregi.kdl";

/// A number `egenregi.kdl` sets for a rule: a rule parameter (`rule "ID" NAME=N`) or a threshold
/// (`threshold "NAME" N`, a parameter of the rule whose findings it decides, [`THRESHOLDS`]).
/// Both are looked up, and labelled on the findings of their rule, alike.
#[derive(Debug, Clone)]
struct Tuned {
    value: f64,
    /// The `egenregi.kdl` line that set it: the findings of its rule point there.
    at: Location,
    /// Set by a `threshold` node.
    threshold: bool,
}

/// The validated configuration: built by [`UnvalidatedConfig::validate`] (or, for a repository
/// without `egenregi.kdl`, [`Config::defaults`]) and never changed; read through its methods.
#[derive(Debug)]
pub struct Config {
    as_of: Date,
    jurisdiction: String,
    /// `language "nb"`: the reviewer's report's language when `--lang` does not say.
    language: Option<crate::i18n::Lang>,
    exclude: GlobSet,
    policies: Option<PoliciesDir>,
    /// `rule "id" severity=...`.
    overrides: HashMap<String, RuleOverride>,
    /// Rule parameters and thresholds by (rule, name); the last setting of one wins.
    tuned: HashMap<(String, String), Tuned>,
    source: Option<SourceId>,
}

/// The `policies "DIR"` setting: the repository's own rule files, for the policy compiler.
#[derive(Debug, Clone)]
pub struct PoliciesDir {
    /// `ROOT/DIR`.
    pub path: PathBuf,
    /// The directory as written (without `./` or a trailing `/`), for paths in messages.
    pub shown: String,
    /// The entry in `egenregi.kdl`: diagnostics about the directory point at it. `None` for a
    /// directory no `egenregi.kdl` names (the fuzz harness compiles one).
    pub at: Option<Location>,
}

/// Names a threshold may have (the jurisdiction pack's defaults apply when unset), each with the
/// rule whose findings it decides: it is a parameter of that rule.
pub const THRESHOLDS: &[(&str, &str)] = &[
    ("below-threshold-value", "procurement/basis"),
    ("activity-margin", "inhouse/activity-margin"),
];

impl Config {
    /// The configuration of a repository without `egenregi.kdl`.
    pub fn defaults(as_of: Option<Date>) -> Self {
        Self {
            as_of: as_of.unwrap_or_else(Date::today),
            jurisdiction: "no".into(),
            language: None,
            exclude: GlobSet::empty(),
            policies: None,
            overrides: HashMap::new(),
            tuned: HashMap::new(),
            source: None,
        }
    }

    /// The evaluation date: `--as-of`, else `as-of`, else today.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// `language "nb"`: the reviewer's report's language when `--lang` does not say.
    pub fn language(&self) -> Option<crate::i18n::Lang> {
        self.language
    }

    /// The `paths { exclude ... }` globs.
    pub fn exclude(&self) -> &GlobSet {
        &self.exclude
    }

    /// The severity each `rule "id" severity=...` sets, by rule id.
    pub fn overrides(&self) -> &HashMap<String, RuleOverride> {
        &self.overrides
    }

    /// A rule parameter, or its default.
    pub fn param(&self, rule: &str, name: &str, default: f64) -> f64 {
        self.tuned
            .get(&(rule.to_owned(), name.to_owned()))
            .map_or(default, |t| t.value)
    }

    /// A threshold `egenregi.kdl` sets (`threshold "NAME" N`), if it does.
    pub fn threshold(&self, name: &str) -> Option<f64> {
        let (_, rule) = THRESHOLDS.iter().find(|(n, _)| *n == name)?;
        self.tuned
            .get(&((*rule).to_owned(), name.to_owned()))
            .map(|t| t.value)
    }

    /// Every threshold and rule parameter this file changed, as a label per rule: the findings
    /// of that rule point at the line, as they do at a changed severity.
    pub fn setting_labels(&self) -> Vec<(String, Label)> {
        let mut out: Vec<(String, Label)> = self
            .tuned
            .iter()
            .map(|((rule, name), t)| {
                let what = if t.threshold {
                    format!("threshold `{name}`")
                } else {
                    format!("`{name}`")
                };
                let label = Label {
                    location: t.at.clone(),
                    message: format!("{what} set to {} here", t.value),
                    text: None,
                };
                (rule.clone(), label)
            })
            .collect();
        // the map's order is not the file's
        out.sort_by_key(|(_, l)| l.location.span.start);
        out
    }
}

/// `egenregi.kdl` read, every setting checked but the `rule` ones, which need the rule
/// catalogue: what makes the catalogue (the policies directory, the jurisdiction) can be read
/// from it, and [`UnvalidatedConfig::validate`] makes the [`Config`].
#[derive(Debug)]
pub struct UnvalidatedConfig {
    config: Config,
    rules: Vec<RawRule>,
    text: Option<Arc<String>>,
}

impl UnvalidatedConfig {
    /// `policies "DIR"`, if set: the repository's own rule files.
    pub fn policies(&self) -> Option<&PoliciesDir> {
        self.config.policies.as_ref()
    }

    /// `jurisdiction "no"`: the jurisdiction pack to read.
    pub fn jurisdiction(&self) -> &str {
        &self.config.jurisdiction
    }

    /// Checks the `rule` settings (severity overrides, parameters) against the catalogue, now
    /// that every rule is known (built-ins and the repository's own policies).
    pub fn validate(self, catalog: &dyn RuleCatalog) -> Result<Config, Box<KdlFileError>> {
        let Self {
            mut config,
            rules,
            text,
        } = self;
        let (Some(id), Some(text)) = (config.source, text) else {
            return Ok(config);
        };
        let at = |span: SourceSpan| Location::new(id, span.offset()..span.offset() + span.len());
        let mut problems = Vec::new();
        for rule in &rules {
            rule.validate(catalog, &at, &mut config, &mut problems);
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(Box::new(KdlFileError::new(
                FILE_NAME.into(),
                text,
                problems,
            )))
        }
    }
}

/// `egenregi.kdl` as written: its settings in file order, each value with its span.
#[derive(Debug, Default)]
pub struct RawConfig {
    settings: Vec<RawSetting>,
}

/// One node of `egenregi.kdl`, of the right shape.
#[derive(Debug)]
enum RawSetting {
    AsOf(Spanned<String>),
    Jurisdiction(Spanned<String>),
    Language(Spanned<String>),
    Policies(Spanned<String>),
    /// The string entries of `paths { exclude ... }`.
    Exclude(Vec<Spanned<String>>),
    Rule(RawRule),
    Threshold {
        name: Spanned<String>,
        value: Spanned<f64>,
        /// The whole node: the line a finding's label points at.
        node: SourceSpan,
    },
}

/// `rule "id" key=value ...`, checked against the catalogue last.
#[derive(Debug)]
struct RawRule {
    id: Spanned<String>,
    /// (key, value) of each property
    entries: Vec<(String, Spanned<KdlValue>)>,
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

impl RawConfig {
    /// The settings of a parsed `egenregi.kdl`, with a problem for each node of the wrong shape.
    pub fn parse(doc: &KdlDocument) -> (Self, Vec<KdlProblem>) {
        let mut raw = Self::default();
        let mut problems = Vec::new();
        for node in doc.nodes() {
            if let Some(setting) = RawSetting::parse(node, &mut problems) {
                raw.settings.push(setting);
            }
        }
        (raw, problems)
    }

    /// Checks every setting but the `rule` ones (the catalogue is not known yet); `as_of_flag`
    /// (`--as-of`) wins over `as-of`. Problems come in file order.
    fn validate(
        self,
        root: &Path,
        as_of_flag: Option<Date>,
        at: &dyn Fn(SourceSpan) -> Location,
        problems: &mut Vec<KdlProblem>,
    ) -> (Config, Vec<RawRule>) {
        let mut config = Config::defaults(as_of_flag);
        let mut rules = Vec::new();
        let mut excludes = GlobSetBuilder::new();
        for setting in self.settings {
            match setting {
                RawSetting::AsOf(s) => match Date::parse(&s.value) {
                    Some(d) if as_of_flag.is_none() => config.as_of = d,
                    Some(_) => {}
                    None => problems.push(problem(
                        s.span,
                        format!("`{}` is not a date", s.value),
                        "expected YYYY-MM-DD",
                        None,
                    )),
                },
                RawSetting::Jurisdiction(s) => {
                    if s.value == "no" {
                        config.jurisdiction = s.value;
                    } else {
                        problems.push(problem(
                            s.span,
                            format!("unknown jurisdiction `{}`", s.value),
                            "no pack by this name",
                            Some("the packs shipped are: `no`".into()),
                        ));
                    }
                }
                RawSetting::Language(s) => match crate::i18n::Lang::parse(&s.value) {
                    Some(l) => config.language = Some(l),
                    None => problems.push(problem(
                        s.span,
                        format!("unknown language `{}`", s.value),
                        "no report in this language",
                        Some("the report is written in `nb` (Norwegian Bokmål) or `en`".into()),
                    )),
                },
                RawSetting::Policies(s) => {
                    let p = Path::new(&s.value);
                    if p.is_absolute()
                        || p.components()
                            .any(|c| matches!(c, std::path::Component::ParentDir))
                    {
                        problems.push(problem(
                            s.span,
                            "the policies directory must be inside the repository",
                            "outside the root",
                            None,
                        ));
                    } else {
                        let shown = s.value.trim_start_matches("./").trim_end_matches('/');
                        config.policies = Some(PoliciesDir {
                            path: root.join(p),
                            shown: shown.to_owned(),
                            at: Some(at(s.span)),
                        });
                    }
                }
                RawSetting::Exclude(globs) => {
                    for g in globs {
                        match Glob::new(&g.value) {
                            Ok(glob) => {
                                excludes.add(glob);
                            }
                            Err(err) => problems.push(problem(
                                g.span,
                                format!("bad glob: {err}"),
                                "this pattern",
                                None,
                            )),
                        }
                    }
                }
                RawSetting::Rule(rule) => rules.push(rule),
                RawSetting::Threshold { name, value, node } => {
                    match THRESHOLDS.iter().find(|(n, _)| *n == name.value) {
                        None => {
                            let names: Vec<&str> = THRESHOLDS.iter().map(|(n, _)| *n).collect();
                            problems.push(problem(
                                name.span,
                                format!("unknown threshold `{}`", name.value),
                                "not a threshold",
                                Some(did_you_mean(&name.value, &names, "known")),
                            ));
                        }
                        Some(_) if value.value < 0.0 => problems.push(problem(
                            value.span,
                            "a threshold cannot be negative",
                            "negative",
                            None,
                        )),
                        Some((_, rule)) => {
                            let tuned = Tuned {
                                value: value.value,
                                at: at(node),
                                threshold: true,
                            };
                            config.tuned.insert(((*rule).to_owned(), name.value), tuned);
                        }
                    }
                }
            }
        }
        config.exclude = excludes.build().unwrap_or_else(|_| GlobSet::empty());
        (config, rules)
    }
}

impl RawSetting {
    /// The setting `node` makes, or `None` with a problem when it has the wrong shape.
    fn parse(node: &KdlNode, problems: &mut Vec<KdlProblem>) -> Option<Self> {
        let setting = match node.name().value() {
            "as-of" => Self::AsOf(one_string(node, problems)?),
            "jurisdiction" => Self::Jurisdiction(one_string(node, problems)?),
            "language" => Self::Language(one_string(node, problems)?),
            "policies" => Self::Policies(one_string(node, problems)?),
            "paths" => {
                no_entries(node, problems);
                let mut globs = Vec::new();
                for child in node.iter_children() {
                    if child.name().value() != "exclude" {
                        problems.push(unknown_node(child, &["exclude"]));
                        continue;
                    }
                    for e in child.entries() {
                        match (e.name(), e.value()) {
                            (None, KdlValue::String(g)) => {
                                globs.push(Spanned::new(g.clone(), e.span()));
                            }
                            _ => problems.push(problem(
                                e.span(),
                                "`exclude` takes glob strings",
                                "not a string",
                                None,
                            )),
                        }
                    }
                }
                Self::Exclude(globs)
            }
            "rule" => match arguments(node).as_slice() {
                [e] if matches!(e.value(), KdlValue::String(_)) => Self::Rule(RawRule {
                    id: Spanned::new(
                        e.value().as_string().unwrap_or_default().to_owned(),
                        e.span(),
                    ),
                    entries: node
                        .entries()
                        .iter()
                        .filter_map(|e| {
                            Some((
                                e.name()?.value().to_owned(),
                                Spanned::new(e.value().clone(), e.span()),
                            ))
                        })
                        .collect(),
                }),
                _ => {
                    problems.push(problem(
                        node.span(),
                        "expected `rule \"RULE-ID\" severity=...`",
                        "here",
                        None,
                    ));
                    return None;
                }
            },
            "threshold" => match arguments(node).as_slice() {
                [n, v] => match (n.value(), number(v.value())) {
                    (KdlValue::String(name), Some(x)) => Self::Threshold {
                        name: Spanned::new(name.clone(), n.span()),
                        value: Spanned::new(x, v.span()),
                        node: node.span(),
                    },
                    _ => return threshold_shape(node, problems),
                },
                _ => return threshold_shape(node, problems),
            },
            _ => {
                problems.push(unknown_node(node, NODES));
                return None;
            }
        };
        Some(setting)
    }
}

fn threshold_shape(node: &KdlNode, problems: &mut Vec<KdlProblem>) -> Option<RawSetting> {
    problems.push(problem(
        node.span(),
        "expected `threshold \"name\" NUMBER`",
        "here",
        None,
    ));
    None
}

/// Whether `egenregi.kdl` may lower `rule`'s severity. Not for a rule that cannot be waived (a
/// condition of the exemption, a decision not assessed, a file out of the root or unreadable),
/// nor for one that says a document was not read: the gate must never turn green on either
/// by a setting that has no reason, approver or expiry.
fn lowerable(rule: &crate::rule::Rule) -> bool {
    rule.waivable && !crate::load::NOT_READ.iter().any(|r| r.id == rule.id)
}

impl RawRule {
    /// Applies one `rule` setting to `config`: the id must name a rule of the catalogue, each
    /// property be `severity` or one of the rule's parameters.
    fn validate(
        &self,
        catalog: &dyn RuleCatalog,
        at: &dyn Fn(SourceSpan) -> Location,
        config: &mut Config,
        problems: &mut Vec<KdlProblem>,
    ) {
        let id = &self.id.value;
        let Some(rule) = catalog.rule(id) else {
            problems.push(problem(
                self.id.span,
                format!("unknown rule `{id}`"),
                "no such rule",
                Some(catalog.unknown_help(id)),
            ));
            return;
        };
        for (key, Spanned { value, span }) in &self.entries {
            let span = *span;
            if key == "severity" {
                match value {
                    KdlValue::String(s) => match Severity::parse(s) {
                        Some(severity) if severity < rule.severity && !lowerable(rule) => {
                            problems.push(problem(
                                span,
                                format!(
                                    "`{id}` cannot be lowered from {} to {}",
                                    rule.severity.as_str(),
                                    severity.as_str()
                                ),
                                "cannot be lowered",
                                Some(
                                    "it cannot be waived, or it says that input was not read: \
                                     a setting in the repository (which a pull request can \
                                     change) would turn the gate green without a reason, an \
                                     approver or an expiry; raising a severity is allowed"
                                        .into(),
                                ),
                            ));
                        }
                        Some(severity) => {
                            config.overrides.insert(
                                id.clone(),
                                RuleOverride {
                                    severity,
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
            } else if rule.params.iter().any(|p| p == key) {
                match number(value) {
                    Some(x) if x >= 0.0 => {
                        let tuned = Tuned {
                            value: x,
                            at: at(span),
                            threshold: false,
                        };
                        config.tuned.insert((id.clone(), key.clone()), tuned);
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
                names.extend(rule.params.iter().map(ToString::to_string));
                problems.push(problem(
                    span,
                    format!("rule `{id}` has no parameter `{key}`"),
                    "unknown parameter",
                    Some(format!("parameters: {}", suggest::list(&names))),
                ));
            }
        }
    }
}

/// Reads `ROOT/egenregi.kdl` if present, once. The file becomes a source so findings can point at
/// it. Its `rule` settings are checked by [`UnvalidatedConfig::validate`].
pub fn load(
    root: &Path,
    as_of_flag: Option<Date>,
    sources: &mut Sources,
) -> Result<UnvalidatedConfig, Box<KdlFileError>> {
    let text = match read(root) {
        Ok(None) => {
            return Ok(UnvalidatedConfig {
                config: Config::defaults(as_of_flag),
                rules: Vec::new(),
                text: None,
            });
        }
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
    let at = |span: SourceSpan| Location::new(id, span.offset()..span.offset() + span.len());
    let (raw, mut problems) = RawConfig::parse(&doc);
    let (mut config, rules) = raw.validate(root, as_of_flag, &at, &mut problems);
    if !problems.is_empty() {
        // shape and value problems, in file order
        problems.sort_by_key(|p| p.span.offset());
        return Err(fail(problems));
    }
    config.source = Some(id);
    Ok(UnvalidatedConfig {
        config,
        rules,
        text: Some(src),
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<UnvalidatedConfig, Box<KdlFileError>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        load(dir.path(), None, &mut Sources::default())
    }

    /// A node of the wrong shape (found by the raw parse) and a value that does not validate
    /// are reported together, in the order of the file.
    #[test]
    fn shape_and_value_problems_come_in_file_order() {
        let err = load_text(
            "as-of \"2026-13-01\"\nlanguage 1\nthreshold \"activity-margin\" -1\nthreshold \"x\"\n",
        )
        .unwrap_err();
        let messages: Vec<&str> = err.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`2026-13-01` is not a date",
                "`language` takes a string",
                "a threshold cannot be negative",
                "expected `threshold \"name\" NUMBER`",
            ]
        );
    }

    /// A threshold is a parameter of the rule it decides: read, and labelled on that rule's
    /// findings, like a `rule` parameter; the last setting of one wins.
    #[test]
    fn thresholds_and_parameters_are_one_mechanism() {
        let config = load_text(
            "threshold \"activity-margin\" 7\nthreshold \"activity-margin\" 3\nrule \"inhouse/control\" severity=\"note\"\n",
        )
        .unwrap()
        .validate(&crate::rules::Registry::new())
        .unwrap();
        assert_eq!(config.threshold("activity-margin"), Some(3.0));
        assert_eq!(
            config
                .param("inhouse/activity-margin", "activity-margin", 5.0)
                .to_bits(),
            3.0f64.to_bits()
        );
        assert_eq!(config.threshold("below-threshold-value"), None);
        let labels = config.setting_labels();
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].0, "inhouse/activity-margin");
        assert_eq!(
            labels[0].1.message,
            "threshold `activity-margin` set to 3 here"
        );
        assert_eq!(config.overrides["inhouse/control"].severity, Severity::Note);
    }

    /// A rule that cannot be waived, or that says input was not read, cannot be lowered by the
    /// repository's own file: `private-capital` as a note, or `yaml/syntax` as a warning, had
    /// made the gate green (exit 0) on private capital or on a file it never read. Raising any
    /// severity, and lowering a waivable judgement, are still settings.
    #[test]
    fn what_cannot_be_waived_or_was_not_read_cannot_be_lowered() {
        let catalog = crate::rules::Registry::new();
        for (id, to) in [
            ("inhouse/private-capital", "note"),
            ("inhouse/not-assessed", "warning"),
            ("repo/outside-root", "note"),
            ("repo/unreadable", "warning"),
            ("yaml/syntax", "warning"),
            ("yaml/encoding", "note"),
            ("yaml/limit", "note"),
            ("yaml/envelope", "warning"),
        ] {
            let err = load_text(&format!("rule \"{id}\" severity=\"{to}\"\n"))
                .unwrap()
                .validate(&catalog)
                .unwrap_err();
            assert_eq!(
                err.problems[0].message,
                format!("`{id}` cannot be lowered from error to {to}")
            );
        }
        let config = load_text(
            "rule \"inhouse/private-capital\" severity=\"error\"\nrule \"inhouse/control\" severity=\"warning\"\nrule \"yaml/ambiguous-scalar\" severity=\"error\"\n",
        )
        .unwrap()
        .validate(&catalog)
        .unwrap();
        assert_eq!(
            config.overrides["inhouse/control"].severity,
            Severity::Warning
        );
        assert_eq!(
            config.overrides["yaml/ambiguous-scalar"].severity,
            Severity::Error
        );
    }

    /// The `rule` settings wait for the catalogue: before it, the config reads as the defaults.
    #[test]
    fn rule_settings_are_checked_against_the_catalogue() {
        let unvalidated = load_text("rule \"inhouse/contorl\" severity=\"note\"\n").unwrap();
        assert!(unvalidated.config.overrides.is_empty());
        let err = unvalidated
            .validate(&crate::rules::Registry::new())
            .unwrap_err();
        assert_eq!(err.problems[0].message, "unknown rule `inhouse/contorl`");
        assert_eq!(
            err.problems[0].help.as_deref(),
            Some("did you mean `inhouse/control`?")
        );
    }
}
