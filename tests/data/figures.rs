//! Hand-built figures for renderer tests, while the analyses that compute them are being written.
//! The numbers are consistent: shares, margins and headroom follow from the amounts (DESIGN §3).

use egenregi::analysis::decision::{
    Decision, Exposure, NotChecked, Purpose, Shared, Subject, Verdict,
};
use egenregi::analysis::{
    ControlAnswer, ControlKind, ControlPath, Figures, Minor, Window, YearBasis, YearFigures,
};

fn year(year: i32, basis: YearBasis, q: i64, t: i64, share: Option<&str>) -> YearFigures {
    YearFigures {
        year,
        basis,
        measure: (basis != YearBasis::Missing).then(|| "turnover".to_owned()),
        report: (basis != YearBasis::Missing).then(|| format!("ks-digital-{year}")),
        qualifying: Minor(q),
        total: Minor(t),
        share: share.map(str::to_owned),
        unreadable: 0,
        unclassified: 0,
        currency: None,
        set_aside: None,
    }
}

const M: i64 = 100_000_000; // one million NOK in øre

/// The in-house subscription `Tenant/{tenant}#/spec/subscriptions/0` of `buyer` to `service`
/// from `provider`.
fn subject(tenant: &str, buyer: &str, service: &str, provider: &str) -> std::sync::Arc<Subject> {
    std::sync::Arc::new(Subject {
        index: 0,
        tenant: tenant.into(),
        buyer: Some(buyer.into()),
        service: Some(service.into()),
        provider: Some(provider.into()),
        basis: "in-house".into(),
    })
}

/// Three windows (passing, failing on a projection, and one without data whose provider id is
/// hostile markup), two control paths (joint, and none) and their decisions.
pub fn sample() -> Figures {
    Figures {
        windows: vec![
            Window {
                provider: "ks-digital".into(),
                date: "2025-03-01".into(),
                purpose: "award".into(),
                currency: "NOK".into(),
                years: vec![
                    year(2022, YearBasis::Actual, 45 * M, 50 * M, Some("90.0")),
                    year(2023, YearBasis::Actual, 52 * M, 60 * M, Some("86.7")),
                    year(2024, YearBasis::Actual, 55 * M, 70 * M, Some("78.6")),
                ],
                qualifying: Minor(152 * M),
                total: Minor(180 * M),
                share: Some("84.4".into()),
                threshold: "80".into(),
                passes: true,
                verdict: Verdict::Holds,
                not_assessed: vec![],
                not_assessed_text: vec![],
                review: Vec::new(),
                review_text: Vec::new(),
                margin: Some("4.4".into()),
                // (5·152 − 4·180) M / 12 = 40 M / 12
                headroom_per_year: Some(Minor(333_333_333)),
                controlling_group: vec![
                    "bergen-kommune".into(),
                    "members-of:ks".into(),
                    "oslo-kommune".into(),
                ],
            },
            Window {
                provider: "ks-digital".into(),
                date: "2026-11-22".into(),
                purpose: "as-of".into(),
                currency: "NOK".into(),
                years: vec![
                    year(2023, YearBasis::Actual, 52 * M, 60 * M, Some("86.7")),
                    year(2024, YearBasis::Actual, 55 * M, 70 * M, Some("78.6")),
                    year(2025, YearBasis::Projected, 40 * M, 75 * M, Some("53.3")),
                ],
                qualifying: Minor(147 * M),
                total: Minor(205 * M),
                share: Some("71.7".into()),
                threshold: "80".into(),
                passes: false,
                verdict: Verdict::Fails,
                not_assessed: vec![],
                not_assessed_text: vec![],
                review: Vec::new(),
                review_text: Vec::new(),
                margin: Some("-8.3".into()),
                // (5·147 − 4·205) M / 12 = −85 M / 12
                headroom_per_year: Some(Minor(-708_333_333)),
                controlling_group: vec!["oslo-kommune".into()],
            },
            Window {
                provider: "evil|<script>alert(1)</script>".into(),
                date: "2024-01-01".into(),
                purpose: "award".into(),
                currency: "NOK".into(),
                years: vec![
                    year(2021, YearBasis::Missing, 0, 0, None),
                    // One amount could not be read: the sums leave it out, so no share.
                    YearFigures {
                        unreadable: 1,
                        ..year(2022, YearBasis::Actual, 9 * M, 10 * M, None)
                    },
                ],
                qualifying: Minor(9 * M),
                total: Minor(10 * M),
                share: None,
                threshold: "80".into(),
                passes: false,
                // A year without a report: never a verdict on partial input.
                verdict: Verdict::NotAssessed,
                not_assessed: vec![
                    "no report covers 2021".into(),
                    "an amount of `ks-digital-2022` cannot be read exactly".into(),
                ],
                not_assessed_text: vec![
                    egenregi::i18n::Text::new("window-years-missing")
                        .arg("years", egenregi::i18n::Arg::List(vec!["2021".into()])),
                    egenregi::i18n::Text::new("window-amount").name("report", "ks-digital-2022"),
                ],
                review: Vec::new(),
                review_text: Vec::new(),
                margin: None,
                headroom_per_year: None,
                controlling_group: vec![],
            },
        ],
        control: vec![
            ControlPath {
                decision: 0,
                answer: std::sync::Arc::new(ControlAnswer {
                    kind: ControlKind::Joint,
                    path: vec![
                        "oslo-kommune".into(),
                        "members-of:ks → members-council".into(),
                        "ks-digital".into(),
                    ]
                    .into(),
                    explanation: "oslo-kommune is a member of ks; ks's members mandate 9 of 9 seats on members-council, which decides strategy and significant-decisions".into(),
                }),
            },
            ControlPath {
                decision: 1,
                answer: std::sync::Arc::new(ControlAnswer {
                    kind: ControlKind::None,
                    path: vec!["digdir".into()].into(),
                    explanation: "digdir is not a member of ks | <b>no</b> seat & no owner share".into(),
                }),
            },
        ],
        // The decisions the two control paths belong to (a path's subscription, date and
        // purpose are its decision's), judged on control alone: it holds for oslo (joint
        // control) and fails for digdir (none).
        decisions: vec![
            decision(
                subject("oslo", "oslo-kommune", "svarut", "ks-digital"),
                "2021-03-01",
                Purpose::Award,
                Verdict::Holds,
            ),
            decision(
                subject("digdir", "digdir", "fiks-io", "ks-digital"),
                "2026-11-22",
                Purpose::AsOf,
                Verdict::Fails,
            ),
        ],
    }
}

/// An in-house award decision on `date` (art. 12(1)) with no conditions listed and no value
/// stated.
fn decision(
    subject: std::sync::Arc<Subject>,
    date: &str,
    purpose: Purpose,
    verdict: Verdict,
) -> Decision {
    Decision {
        subject,
        date: Some(date.into()),
        purpose,
        verdict,
        conditions: Shared::default(),
        estimated_value: None,
        exposure: Exposure::Unknown,
        assumptions: Shared::default(),
        not_checked: NotChecked::Article12_1,
    }
}
