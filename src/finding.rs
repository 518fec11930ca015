//! Findings and the collector that applies the config to them. Knows nothing about any output
//! format.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Map, Value};

pub use crate::i18n::Text;
pub use crate::rule::{Example, LegalCondition, Rule, Severity};
use crate::source::{SourceId, Sources};

/// A place in a source: file and byte range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub source: SourceId,
    pub span: Range<usize>,
}

impl Location {
    pub fn new(source: SourceId, span: Range<usize>) -> Self {
        Self { source, span }
    }
}

/// A secondary place that explains the finding (the other duplicate, the config line, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub location: Location,
    pub message: String,
    /// The message as a [`Text`], for outputs in other languages than English.
    pub text: Option<Arc<Text>>,
}

/// A message in English as the outputs show it, and, for the analyses' texts, the [`Text`] it
/// was rendered from (so the report can render it in Norwegian).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Message {
    pub en: Arc<str>,
    pub text: Option<Arc<Text>>,
}

impl Message {
    pub fn as_str(&self) -> &str {
        &self.en
    }
}

impl std::ops::Deref for Message {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl From<Text> for Message {
    fn from(t: Text) -> Self {
        Self {
            en: t.en().into(),
            text: Some(Arc::new(t)),
        }
    }
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Self {
            en: s.into(),
            text: None,
        }
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Self {
        Self {
            en: s.into(),
            text: None,
        }
    }
}

impl From<Arc<str>> for Message {
    fn from(en: Arc<str>) -> Self {
        Self { en, text: None }
    }
}

impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// `Kind/id#/json/pointer`, when the finding is about a document.
    pub target: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The message and help as [`Text`]s, when the analyses wrote them so (outputs in other
    /// languages than English render these; the English strings above are their rendering).
    pub text: Option<Arc<Text>>,
    pub help_text: Option<Arc<Text>>,
    pub legal_basis: Vec<String>,
    /// Structured figures for machine formats (e.g. the computed share).
    pub data: Map<String, Value>,
}

/// Which finding this is, in words that survive unrelated edits: the rule and the target
/// (`Kind/id#/pointer`), or, for a finding without a target (a YAML syntax error), the rule, the
/// file and the message. Baselines match on it and SARIF fingerprints hash it, so a finding a
/// baseline accepts is the same one a code-scanning dashboard tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Identity<'a> {
    Target {
        rule: &'a str,
        target: &'a str,
    },
    Text {
        rule: &'a str,
        file: &'a str,
        message: &'a str,
    },
}

impl Finding {
    /// This finding's [`Identity`].
    pub fn identity<'a>(&'a self, sources: &'a Sources) -> Identity<'a> {
        match &self.target {
            Some(target) => Identity::Target {
                rule: &self.rule,
                target,
            },
            None => Identity::Text {
                rule: &self.rule,
                file: &sources.get(self.location.source).path,
                message: &self.message,
            },
        }
    }

    pub fn new(rule: &Rule, location: Location, message: impl Into<Message>) -> Self {
        let message = message.into();
        Self {
            rule: rule.id.clone(),
            severity: rule.severity,
            message: message.en.to_string(),
            location,
            target: None,
            labels: Vec::new(),
            help: None,
            text: message.text,
            help_text: None,
            legal_basis: Vec::new(),
            data: Map::new(),
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<Message>) -> Self {
        let help = help.into();
        self.help = Some(help.en.to_string());
        self.help_text = help.text;
        self
    }

    #[must_use]
    pub fn label(mut self, location: Location, message: impl Into<Message>) -> Self {
        let message = message.into();
        self.labels.push(Label {
            location,
            message: message.en.to_string(),
            text: message.text,
        });
        self
    }

    #[must_use]
    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    #[must_use]
    pub fn data(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.data.insert(key.to_owned(), value.into());
        self
    }
}

/// How the repository's config changed a rule (`rule "id" severity=...` in egenregi.kdl).
#[derive(Debug, Clone)]
pub struct RuleOverride {
    pub severity: Severity,
    /// The config line that set it, shown as a secondary label.
    pub set_at: Location,
}

/// The id of the loader's `yaml/limit` rule, which also counts the findings a cap left out.
pub const LIMIT_RULE: &str = "yaml/limit";

/// Collects findings and applies, in one place, what the config and command line say about rules.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
    overrides: HashMap<String, RuleOverride>,
    /// `--rule`: when non-empty, only these rules report.
    only: Vec<String>,
    /// `--skip`: these rules never report.
    skip: Vec<String>,
    /// Citations per rule id, from the jurisdiction pack.
    citations: HashMap<String, Vec<String>>,
    /// Labels every finding of a rule gets: the `egenregi.kdl` lines that changed a threshold
    /// or parameter it reads.
    settings: HashMap<String, Vec<Label>>,
}

impl Findings {
    pub fn new(
        overrides: HashMap<String, RuleOverride>,
        only: Vec<String>,
        skip: Vec<String>,
        citations: HashMap<String, Vec<String>>,
    ) -> Self {
        Self {
            items: Vec::new(),
            overrides,
            only,
            skip,
            citations,
            settings: HashMap::new(),
        }
    }

    /// Every finding of `rule` pushed from now on gets `label` (a setting that changed it).
    pub fn label_rule(&mut self, rule: String, label: Label) {
        self.settings.entry(rule).or_default().push(label);
    }

    pub fn push(&mut self, mut finding: Finding) {
        let id = finding.rule.as_ref();
        if self.skip.iter().any(|s| s == id)
            || (!self.only.is_empty() && !self.only.iter().any(|s| s == id))
        {
            return;
        }
        if let Some(o) = self.overrides.get(id) {
            finding.severity = o.severity;
            finding.labels.push(Label {
                location: o.set_at.clone(),
                message: format!("severity set to {} here", o.severity),
                text: None,
            });
        }
        if let Some(labels) = self.settings.get(id) {
            finding.labels.extend(labels.iter().cloned());
        }
        if finding.legal_basis.is_empty()
            && let Some(c) = self.citations.get(id)
        {
            finding.legal_basis.clone_from(c);
        }
        self.items.push(finding);
    }

    /// An empty collector with the same overrides, filters and citations, for a stage that runs
    /// on another thread; [`Findings::absorb`] takes its findings back.
    #[must_use]
    pub fn fork(&self) -> Self {
        let mut fork = Self::new(
            self.overrides.clone(),
            self.only.clone(),
            self.skip.clone(),
            self.citations.clone(),
        );
        fork.settings.clone_from(&self.settings);
        fork
    }

    /// Appends a fork's findings, which were filtered and overridden when they were pushed.
    pub fn absorb(&mut self, other: Self) {
        self.items.extend(other.items);
    }

    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            self.push(f);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.items.iter()
    }

    /// Takes every finding out, for the waiver stage to sort into active and waived.
    pub fn take(&mut self) -> Vec<Finding> {
        std::mem::take(&mut self.items)
    }

    /// Deterministic order: file path, offset, rule, message.
    pub fn into_sorted(self, sources: &Sources) -> Vec<Finding> {
        let mut items = self.items;
        sort(&mut items, sources);
        items
    }
}

/// Sorts findings by file path, offset, rule id and message, so output never depends on threads.
/// The `data` key of the finding that stands for the findings [`cap`] left out: their number.
pub const NOT_LISTED: &str = "not_listed";

/// Keeps at most `max` findings of each rule in each file (the first, in `items`' order); the
/// rest of each such group become one `yaml/limit` finding at the first left out, with their
/// count (`data.not_listed`) and their worst severity, so a capped error still fails the check.
/// Returns the findings left out, for a baseline that must still count every one. `items` stays
/// sorted when it was.
pub fn cap(items: &mut Vec<Finding>, max: usize, sources: &Sources) -> Vec<Finding> {
    let mut seen: HashMap<(SourceId, Cow<'static, str>), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(items.len().min(1024));
    let mut left_out: Vec<Finding> = Vec::new();
    // (first left out, how many, worst severity), per group, in order of the first
    let mut notes: HashMap<(SourceId, Cow<'static, str>), (Location, usize, Severity)> =
        HashMap::new();
    let mut order = Vec::new();
    for f in std::mem::take(items) {
        let key = (f.location.source, f.rule.clone());
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        if *n <= max {
            kept.push(f);
            continue;
        }
        let note = notes.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            (f.location.clone(), 0, f.severity)
        });
        note.1 += 1;
        note.2 = note.2.max(f.severity);
        left_out.push(f);
    }
    for key in order {
        let Some((location, n, severity)) = notes.remove(&key) else {
            continue;
        };
        let mut data = Map::new();
        data.insert(NOT_LISTED.to_owned(), Value::from(n));
        data.insert("rule".to_owned(), Value::from(key.1.as_ref()));
        kept.push(Finding {
            rule: std::borrow::Cow::Borrowed(LIMIT_RULE),
            severity,
            message: format!(
                "and {n} more `{}` findings in this file were not listed (at most {max} per rule and file)",
                key.1
            ),
            location,
            target: None,
            labels: Vec::new(),
            help: Some(format!(
                "the first {max} are listed: fix them and run again to see the rest"
            )),
            text: None,
            help_text: None,
            legal_basis: Vec::new(),
            data,
        });
    }
    sort(&mut kept, sources);
    *items = kept;
    left_out
}

pub fn sort(items: &mut [Finding], sources: &Sources) {
    items.sort_by(|a, b| {
        let pa = &sources.get(a.location.source).path;
        let pb = &sources.get(b.location.source).path;
        pa.cmp(pb)
            .then(a.location.span.start.cmp(&b.location.span.start))
            .then(a.rule.cmp(&b.rule))
            .then(a.message.cmp(&b.message))
    });
}
