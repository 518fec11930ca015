//! What a rule is: its id, default severity, legal condition, summary, explain text, executed
//! example, whether it may be waived, its parameters and its legal basis. Built-in rules are
//! `static`s beside the code that builds their findings; policy rules are compiled from KDL into
//! the same type; [`crate::rules`] lists them all.

use std::borrow::Cow;
use std::fmt;

/// How bad a finding is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "note" => Some(Self::Note),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The legal condition a rule speaks to, in the order a reviewer reads them: the three
/// in-house conditions, the procurement basis, then what is not a condition of the exemption
/// (infrastructure policies, the integrity of the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegalCondition {
    Control,
    Activity,
    PrivateCapital,
    Procurement,
    Infrastructure,
    Integrity,
}

impl LegalCondition {
    pub const ALL: [Self; 6] = [
        Self::Control,
        Self::Activity,
        Self::PrivateCapital,
        Self::Procurement,
        Self::Infrastructure,
        Self::Integrity,
    ];

    /// As written in `egenregi rules`, its JSON and a policy rule's `condition "..."`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Control => "control",
            Self::Activity => "activity",
            Self::PrivateCapital => "private-capital",
            Self::Procurement => "procurement",
            Self::Infrastructure => "infrastructure",
            Self::Integrity => "integrity",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// A condition of the in-house exemption or of the procurement basis: its rules cite law.
    pub const fn is_legal(self) -> bool {
        matches!(
            self,
            Self::Control | Self::Activity | Self::PrivateCapital | Self::Procurement
        )
    }
}

impl fmt::Display for LegalCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a citation can be verified: the section or article number, or a judgment's number
/// and name. Nothing shipped is verified at paragraph or letter level yet.
pub const VERIFICATION: &[&str] = &["section", "case", "paragraph", "letter"];

/// One legal source a rule rests on, and how far its text is verified ([`VERIFICATION`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub text: String,
    pub verified: String,
}

/// An example input for `explain`, executed by a test so the docs cannot rot.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// A YAML file (possibly multi-document) on which the rule fires.
    pub fails: &'static [u8],
    /// The same file, fixed: the rule does not fire.
    pub passes: &'static [u8],
}

/// Everything about a rule, in one place.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Forever: names the problem, not the cure.
    pub id: Cow<'static, str>,
    pub severity: Severity,
    /// The legal condition its findings bear on (the report groups findings by it).
    pub condition: LegalCondition,
    /// One line, for `egenregi rules` and SARIF short descriptions.
    pub summary: Cow<'static, str>,
    /// What it checks and why, in plain words, for `egenregi explain`.
    pub explain: Cow<'static, str>,
    pub example: Option<Example>,
    /// A reviewer may accept a finding of this rule with a Waiver.
    pub waivable: bool,
    /// Parameters `egenregi.kdl` may set (`rule "id" max-age-days=540`).
    pub params: Cow<'static, [Cow<'static, str>]>,
    /// The legal basis: a policy rule's own `cite` entries; a built-in rule's come from the
    /// jurisdiction pack (`cite "ID"`, keyed by the rule id) when the catalogue is built.
    pub cites: Vec<Citation>,
}

impl Rule {
    /// A built-in rule (usable in `static`).
    pub const fn builtin(
        id: &'static str,
        severity: Severity,
        condition: LegalCondition,
        summary: &'static str,
        explain: &'static str,
        example: Option<Example>,
    ) -> Self {
        Self {
            id: Cow::Borrowed(id),
            severity,
            condition,
            summary: Cow::Borrowed(summary),
            explain: Cow::Borrowed(explain),
            example,
            waivable: true,
            params: Cow::Borrowed(&[]),
            cites: Vec::new(),
        }
    }

    /// With parameters that `egenregi.kdl` may set (`rule "id" NAME=VALUE`).
    #[must_use]
    pub const fn with_params(mut self, params: &'static [Cow<'static, str>]) -> Self {
        // A plain assignment would drop the old value, which a `const fn` may not do; it is a
        // borrowed slice with nothing to free.
        std::mem::forget(std::mem::replace(&mut self.params, Cow::Borrowed(params)));
        self
    }

    #[must_use]
    pub const fn not_waivable(mut self) -> Self {
        self.waivable = false;
        self
    }

    /// The citation texts, in the order a reviewer should read them.
    pub fn legal_basis(&self) -> Vec<String> {
        self.cites.iter().map(|c| c.text.clone()).collect()
    }
}

/// What the stages that look rules up by id (the `rule` settings of `egenregi.kdl`, waivers)
/// need of the catalogue ([`crate::rules::Registry`]), so that they do not depend on where the
/// list comes from.
pub trait RuleCatalog {
    fn rule(&self, id: &str) -> Option<&Rule>;
    /// Every id, for a "did you mean".
    fn rule_ids(&self) -> Vec<&str>;

    /// The known id nearest to an unknown one, if one is near.
    fn nearest(&self, id: &str) -> Option<&str> {
        crate::suggest::closest(id, self.rule_ids())
    }

    /// The help for an id that names no rule: the nearest id, else where to look. Every place
    /// that takes a rule id (`--rule`, `--skip`, `explain`, `egenregi.kdl`) says it so.
    fn unknown_help(&self, id: &str) -> String {
        self.nearest(id).map_or_else(
            || "`egenregi rules` lists every rule".to_owned(),
            |s| format!("did you mean `{s}`?"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static WITH_PARAMS: Rule = Rule::builtin(
        "test/params",
        Severity::Note,
        LegalCondition::Integrity,
        "A rule with a parameter",
        "",
        None,
    )
    .with_params(&[Cow::Borrowed("max-age-days")])
    .not_waivable();

    #[test]
    fn a_static_rule_takes_parameters_and_names_its_condition() {
        assert_eq!(WITH_PARAMS.params.as_ref(), ["max-age-days"]);
        assert!(!WITH_PARAMS.waivable);
        for c in LegalCondition::ALL {
            assert_eq!(LegalCondition::parse(c.as_str()), Some(c));
        }
        assert!(LegalCondition::Procurement.is_legal() && !LegalCondition::Integrity.is_legal());
    }
}
