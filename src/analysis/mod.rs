//! The legal analyses (control, activity, procurement) and the figures they hand to every
//! output format: activity windows with their shares and headroom, and control paths.

pub mod activity;
pub mod control;
pub mod decision;
#[macro_use]
mod examples;
pub mod cooperation;
pub mod inhouse;
pub mod pack;
pub mod procurement;

use serde::Serialize;

pub use crate::money::Minor;

/// Where a year's figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearBasis {
    /// A closed financial year.
    Actual,
    /// A business-plan projection (admissible only for a new company).
    Projected,
    /// No report covers the year.
    Missing,
}

/// One financial year of an activity window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearFigures {
    pub year: i32,
    pub basis: YearBasis,
    /// `turnover` or `costs`, as the report says.
    pub measure: Option<String>,
    /// The `ActivityReport` id, when one covers the year.
    pub report: Option<String>,
    pub qualifying: Minor,
    pub total: Minor,
    /// Share of this year alone, one decimal (`"87.9"`); `None` when the total is zero.
    pub share: Option<String>,
}

/// One activity-test window: the three financial years before a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    /// The provider (`Entity` id) whose activity is measured.
    pub provider: String,
    /// The date the window is taken before (award or as-of), `YYYY-MM-DD`.
    pub date: String,
    /// Why this window was computed: `award` or `as-of`.
    pub purpose: String,
    pub currency: String,
    pub years: Vec<YearFigures>,
    pub qualifying: Minor,
    pub total: Minor,
    /// Qualifying share, one decimal (`"88.5"`); `None` when the total is zero.
    pub share: Option<String>,
    /// The threshold as stated by the jurisdiction pack (`"80"`).
    pub threshold: String,
    /// Passes iff the window can be assessed and 5·Q > 4·T (more than 80 %).
    pub passes: bool,
    /// `holds` (passes), `fails`, or `not-assessed` when the input cannot support a verdict
    /// (a year without an admissible report, two reports for one year, no activity at all, a
    /// line that cannot be classified, an invalid document): never a pass on partial input.
    pub verdict: decision::Verdict,
    /// Why the window is not assessed, one reason each; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_assessed: Vec<String>,
    /// `not_assessed` as [`crate::i18n::Text`]s, for the report in other languages.
    #[serde(skip)]
    pub not_assessed_text: Vec<crate::i18n::Text>,
    /// Percentage points above (or below, negative) the threshold, one decimal.
    pub margin: Option<String>,
    /// How much more non-qualifying activity per year the window could carry before failing:
    /// (5·Q − 4·T) / 4 / 3; negative when it already fails.
    pub headroom_per_year: Minor,
    /// Controlling authorities whose activity qualified (the group G), sorted.
    pub controlling_group: Vec<String>,
}

/// How an authority controls a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlKind {
    Sole,
    Indirect,
    Joint,
    /// Art. 12(2): the buyer is a legal person the provider solely controls.
    Reverse,
    /// Art. 12(2): the buyer and the provider are both solely controlled by one authority.
    Sister,
    None,
}

/// The control path found (or not) for one in-house subscription on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControlPath {
    /// `Tenant/id#/spec/subscriptions/N`.
    pub subscription: String,
    /// The buying authority (`Entity` id).
    pub authority: String,
    pub provider: String,
    pub service: String,
    pub date: String,
    /// `award` or `as-of`.
    pub purpose: &'static str,
    pub kind: ControlKind,
    /// The links, in order: `["oslo-kommune", "members-of:ks → members-council", "ks-digital"]`.
    /// Shared with the control answer it comes from: one per authority, provider and epoch.
    pub path: std::sync::Arc<[String]>,
    /// In plain words: what was found, or which link is missing.
    pub explanation: std::sync::Arc<str>,
    /// `explanation` as a [`crate::i18n::Text`], for outputs in other languages.
    #[serde(skip)]
    pub explanation_text: Option<std::sync::Arc<crate::i18n::Text>>,
}

/// Everything the analyses computed, for reports and machine formats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub windows: Vec<Window>,
    pub control: Vec<ControlPath>,
    /// One decision per subscription and date judged (DESIGN §3.1).
    pub decisions: Vec<decision::Decision>,
}

/// Runs every legal analysis over the model.
pub fn run(
    model: &crate::model::Model<'_>,
    sources: &crate::source::Sources,
    config: &crate::config::Config,
    pack: &pack::Jurisdiction,
    findings: &mut crate::finding::Findings,
) -> Figures {
    let setting = |name: &str, default: i64| {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "thresholds are small whole numbers"
        )]
        config.threshold(name).map_or(default, |x| x.round() as i64)
    };
    let params = inhouse::Params {
        threshold: pack.threshold("activity-share").unwrap_or(80),
        margin: setting(
            "activity-margin",
            pack.threshold("activity-margin").unwrap_or(5),
        ),
        token_participation: setting(
            "token-participation",
            pack.threshold("token-participation").unwrap_or(1),
        ),
        blocking: pack.fraction("blocking-minority").unwrap_or((1, 3)),
    };
    #[allow(
        clippy::cast_possible_truncation,
        reason = "thresholds are whole numbers of NOK"
    )]
    let thresholds = procurement::Thresholds {
        pack,
        floor_override: config
            .threshold("below-threshold-value")
            .map(|x| x.round() as i64),
    };
    // Every contract's value, read once: for the value tests and for every decision's exposure.
    let estimated = procurement::estimates(model, sources);
    let mut decisions = procurement::run(
        model,
        sources,
        thresholds,
        &estimated,
        config.as_of(),
        findings,
    );
    let mut figures = inhouse::run(model, sources, config.as_of(), params, findings);
    // One list, ordered by subscription and then date (award before as-of).
    decisions.append(&mut figures.decisions);
    procurement::expose(model, &estimated, thresholds, &mut decisions);
    decisions.sort_by(|a, b| {
        (&a.subscription, a.purpose != "award").cmp(&(&b.subscription, b.purpose != "award"))
    });
    figures.decisions = decisions;
    figures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_print_exactly() {
        assert_eq!(Minor(125_000_050).to_string(), "1250000.50");
        assert_eq!(Minor(-305).to_string(), "-3.05");
        assert_eq!(Minor(7).to_string(), "0.07");
    }
}
