//! The activity test: more than 80 % of the provider's activity over the three financial years
//! before a date must be for its controlling authorities (§ 3-1 (b), § 3-2 (b), art. 12(5)).
//! Amounts are read from the YAML text into integer minor units; the verdict is integer
//! arithmetic (pass iff 100·Q > threshold·T); nothing is ever rounded silently.

use std::collections::BTreeSet;

use super::decision::Verdict;
use super::{Minor, Window, YearBasis, YearFigures};
use crate::date::Date;
use crate::finding::Location;
use crate::kind::Kind;
use crate::model::{ActivityReport, Item, Model};
use crate::source::Sources;

/// How one line's amount reads, exactly.
pub fn parse_minor(text: &str) -> Result<i64, String> {
    let t = text.trim().trim_matches(|c| c == '"' || c == '\'');
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(format!(
            "`{t}` is not a plain decimal amount (digits, optionally `.` and at most two decimals)"
        ));
    }
    if frac.len() > 2 {
        return Err(format!(
            "`{t}` has {} decimals; amounts have at most two (øre), and egenregi never rounds",
            frac.len()
        ));
    }
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|e| e.to_string())? * 10,
        _ => frac.parse::<i64>().map_err(|e| e.to_string())?,
    };
    int.parse::<i64>()
        .ok()
        .and_then(|i| i.checked_mul(100))
        .and_then(|i| i.checked_add(cents))
        .ok_or_else(|| format!("`{t}` is too large"))
}

/// Share in tenths of a percent, truncated (never overstates compliance): 879 = 87.9 %.
pub fn share_tenths(q: i64, t: i64) -> Option<i64> {
    (t > 0).then(|| i64::try_from(i128::from(q) * 1000 / i128::from(t)).unwrap_or(i64::MAX))
}

fn tenths(x: i64) -> String {
    let sign = if x < 0 { "-" } else { "" };
    format!("{sign}{}.{}", x.unsigned_abs() / 10, x.unsigned_abs() % 10)
}

/// Pass iff 100·Q > threshold·T (strictly "more than").
pub fn passes(q: i64, t: i64, threshold: i64) -> bool {
    100 * i128::from(q) > i128::from(threshold) * i128::from(t)
}

/// The most non-qualifying activity per year (minor units) the window could add and still pass;
/// negative when it fails. passes(q, t) ⇔ headroom ≥ 0.
pub fn headroom(q: i64, t: i64, threshold: i64) -> i64 {
    let diff = 100 * i128::from(q) - i128::from(threshold) * i128::from(t);
    let per = 3 * i128::from(threshold.max(1));
    i64::try_from((diff - 1).div_euclid(per)).unwrap_or(if diff > 0 { i64::MAX } else { i64::MIN })
}

/// Which rule a problem of the activity data falls under. The in-house analyses own the rules
/// and turn each problem into a finding, so this module depends on none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    /// `inhouse/activity-data`: the window cannot be assessed.
    Data,
    /// `inhouse/activity-measure`: the window mixes measures.
    Measure,
    /// `inhouse/activity-projection`: the window rests on projections.
    Projection,
    /// `inhouse/not-assessed`: a document the window needs is invalid.
    NotAssessed,
}

/// A problem with the data of a window, for an `inhouse/activity-*` finding.
#[derive(Debug)]
pub struct Problem {
    pub rule: Concern,
    pub location: Location,
    pub target: String,
    pub message: String,
    pub help: Option<String>,
    /// A secondary span: the cause, when it is elsewhere.
    pub label: Option<(Location, String)>,
}

/// How the members of an association stand to the controlling group, for a lumped
/// `members-of:X` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    /// Every member is in the group: the line qualifies.
    All,
    /// No member is (or X has none on the date): the line does not qualify.
    None,
    /// Some are and these are not: the line cannot be classified without a split.
    Some(Vec<String>),
}

impl Members {
    /// How `members` stand to a group that `in_group` recognises.
    pub fn classify(members: &[String], in_group: impl Fn(&str) -> bool) -> Self {
        let outside: Vec<String> = members.iter().filter(|m| !in_group(m)).cloned().collect();
        if outside.len() == members.len() {
            Self::None
        } else if outside.is_empty() {
            Self::All
        } else {
            Self::Some(outside)
        }
    }
}

/// What qualifies: the controlling group on the date.
pub trait Group {
    /// `entity` is a controlling authority, or a legal person they control.
    fn contains(&self, entity: &str) -> bool;
    /// How the members of `association` on the date stand to the group.
    fn members_of(&self, association: &str) -> Members;
    /// The group's ids, for display.
    fn ids(&self) -> Vec<String>;
}

/// Computes one window: the three financial years before `date`. The window is `not-assessed`
/// whenever the input cannot support a verdict; each reason is also a problem at its cause.
#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
pub fn window(
    model: &Model<'_>,
    sources: &Sources,
    provider: &str,
    subsidiaries: &[String],
    date: Date,
    as_of: Date,
    purpose: &str,
    group: &dyn Group,
    threshold: i64,
    problems: &mut Vec<Problem>,
) -> Window {
    let reports: Vec<&Item<'_, ActivityReport>> = model
        .reports
        .values()
        .filter(|r| r.spec.provider == provider)
        .collect();
    let provider_item = model.entity(provider);
    let at_provider = || provider_item.map(|e| (e.doc.loc("/metadata/id"), e.doc.name()));
    let established = provider_item
        .and_then(|e| e.spec.established.as_deref())
        .and_then(Date::parse);
    let first_year = date.year - 3;
    let actual_years: BTreeSet<i32> = reports
        .iter()
        .filter(|r| r.spec.basis == "actual" && r.spec.year < date.year)
        .map(|r| r.spec.year)
        .collect();
    let new_company = established.is_some_and(|e| e.year >= first_year);
    // A business transfer, merger or demerger within the window makes the earlier figures "no
    // longer relevant" (art. 12(5) second subparagraph).
    let reorganised = provider_item.and_then(|e| {
        e.spec.reorganisations.iter().find(|r| {
            Date::parse(&r.date).is_some_and(|d| (first_year..date.year).contains(&d.year))
        })
    });
    let mut reasons: Vec<String> = Vec::new();
    if let Some(e) = established
        && e > date
    {
        // Said once, where it belongs: `inhouse/control` fails on that date and `tenant/period`
        // flags the subscription; the window only records why it has no verdict.
        let why = format!("`{provider}` did not exist on {date} (established {e})");
        reasons.push(why);
    }
    // Invalid reports may be this provider's, for a year of this window: their figures are
    // unknown, so the window cannot be assessed while they stand.
    for bad in model.invalid_of(Kind::ActivityReport) {
        let theirs = bad.raw("provider").as_str().is_none_or(|p| p == provider);
        let in_window = bad
            .raw("year")
            .as_i64()
            .is_none_or(|y| (i64::from(first_year)..i64::from(date.year)).contains(&y));
        if theirs && in_window {
            let why = format!("{} and may cover a year of this window", bad.reason());
            if let Some((location, target)) = at_provider() {
                problems.push(not_assessed_problem(
                    location,
                    target,
                    &format!("the activity window of `{provider}` before {date}"),
                    &why,
                    bad,
                ));
            }
            reasons.push(why);
        }
    }
    let mut years = Vec::new();
    let mut missing: Vec<i32> = Vec::new();
    let (mut q_sum, mut t_sum) = (0i64, 0i64);
    let mut currency = None;
    for year in first_year..date.year {
        let actual: Vec<&&Item<'_, ActivityReport>> = reports
            .iter()
            .filter(|r| r.spec.year == year && r.spec.basis == "actual")
            .collect();
        let projected: Vec<&&Item<'_, ActivityReport>> = reports
            .iter()
            .filter(|r| r.spec.year == year && r.spec.basis == "projected")
            .collect();
        // Two reports for one year: which one is true is for a person to say, not for the order
        // of the files.
        let claimants = if actual.is_empty() {
            &projected
        } else {
            &actual
        };
        if let [first, second, ..] = claimants.as_slice() {
            let why = format!(
                "two reports claim {year}: `{}` and `{}`",
                first.id(),
                second.id()
            );
            problems.push(Problem {
                rule: Concern::Data,
                location: second.doc.loc("/spec/year"),
                target: second.doc.target("/spec/year"),
                message: format!(
                    "{why} for `{provider}`; the window before {date} cannot be assessed"
                ),
                help: Some(format!(
                    "keep one report per year (the other is at `{}`)",
                    first.doc.name()
                )),
                label: None,
            });
            reasons.push(why);
        }
        let (report, basis) = match (actual.first(), projected.first()) {
            (Some(r), _) => (Some(**r), YearBasis::Actual),
            (None, Some(r)) => {
                // Admissible (DESIGN §3.3): a year not closed on the evaluation date (the
                // running year before a planned award), a new company, or a reorganisation
                // within the window.
                let running = year >= as_of.year;
                if !new_company && actual_years.len() >= 3 && !running && reorganised.is_none() {
                    problems.push(Problem {
                        rule: Concern::Data,
                        location: r.doc.loc("/spec/basis"),
                        target: r.doc.target("/spec/basis"),
                        message: format!("{year} of `{provider}` is covered by a projection, although {year} was closed on {as_of} and `{provider}` has three or more closed years and no reorganisation in the window"),
                        help: Some("projections stand in only for a new company, the running year before a planned award, or after a reorganisation (`reorganisations`); report the closed year's actual figures".into()),
                        label: None,
                    });
                    reasons.push(format!(
                        "{year} rests on a projection that is not admissible"
                    ));
                } else {
                    projection_evidence(r, year, problems);
                }
                (Some(**r), YearBasis::Projected)
            }
            (None, None) => {
                if established.is_none_or(|e| e.year <= year) {
                    missing.push(year);
                }
                (None, YearBasis::Missing)
            }
        };
        let (mut q, mut t) = (0i64, 0i64);
        // A provider that controls other legal persons is measured on its group's turnover
        // (C-692/23 AVR): its report plus each controlled person's, without sales inside the
        // group, unless its report is already consolidated.
        let mut group_reports: Vec<&Item<'_, ActivityReport>> = Vec::new();
        if let Some(r) = report
            && r.spec.measure == "turnover"
            && r.spec.scope.as_deref() != Some("consolidated")
        {
            for sub in subsidiaries {
                if let Some(x) = model.reports.values().find(|x| {
                    &x.spec.provider == sub && x.spec.year == year && x.spec.basis == r.spec.basis
                }) {
                    group_reports.push(x);
                } else {
                    if let Some((location, target)) = at_provider() {
                        problems.push(Problem {
                                rule: Concern::Data,
                                location,
                                target,
                                message: format!("`{provider}` controls `{sub}`, but no ActivityReport of `{sub}` covers {year}: the group's turnover is measured (C-692/23)"),
                                help: Some(format!("add `{sub}`'s report for {year}, or give `{provider}`'s report `scope: consolidated` with the group's figures")),
                                label: None,
                            });
                    }
                    reasons.push(format!(
                        "the group's turnover for {year} is incomplete: no report of `{sub}`"
                    ));
                }
            }
        }
        let in_group = |c: &str| c == provider || subsidiaries.iter().any(|s| s == c);
        if let Some(r) = report {
            currency.get_or_insert_with(|| r.spec.currency.clone());
            let lines = std::iter::once(r)
                .chain(group_reports.iter().copied())
                .flat_map(|r| r.spec.lines.iter().enumerate().map(move |(i, l)| (r, i, l)));
            for (r, i, line) in lines {
                if !group_reports.is_empty() && line.customer.as_deref().is_some_and(in_group) {
                    continue; // a sale inside the group is not the group's turnover
                }
                // Grants are not turnover; under a cost measure every cost is activity, counted
                // by who entrusted the task (art. 12(5); Undis Servizi).
                if line.kind == "grant" && r.spec.measure != "costs" {
                    continue;
                }
                let pointer = format!("/spec/lines/{i}/amount");
                let loc = r.doc.loc(&pointer);
                let text = sources.get(loc.source).slice(loc.span.clone());
                let amount = match parse_minor(text) {
                    Ok(a) => a,
                    Err(message) => {
                        problems.push(Problem {
                            rule: Concern::Data,
                            location: loc,
                            target: r.doc.target(&pointer),
                            message: format!("amount {message}"),
                            help: Some("write the amount in the report's currency with at most two decimals, e.g. `1250000.50`".into()),
                            label: None,
                        });
                        reasons.push(format!("an amount of `{}` cannot be read exactly", r.id()));
                        continue;
                    }
                };
                t = t.saturating_add(amount);
                match classify(model, r, i, line, group, problems) {
                    Ok(true) => q = q.saturating_add(amount),
                    Ok(false) => {}
                    Err(why) => reasons.push(why),
                }
            }
        }
        q_sum = q_sum.saturating_add(q);
        t_sum = t_sum.saturating_add(t);
        years.push(YearFigures {
            year,
            basis,
            measure: report.map(|r| r.spec.measure.clone()),
            report: report.map(|r| r.id().to_owned()),
            qualifying: Minor(q),
            total: Minor(t),
            share: share_tenths(q, t).map(tenths),
        });
    }
    if !missing.is_empty() {
        let list = years_list(&missing);
        if let Some((location, target)) = at_provider() {
            problems.push(Problem {
                rule: Concern::Data,
                location,
                target,
                message: format!("no ActivityReport covers {list} for `{provider}` (needed for the window before {date})"),
                help: Some(format!("add an ActivityReport with `provider: {provider}` for {} {list} (basis actual, or projected for a new company)", if missing.len() == 1 { "year" } else { "each of the years" })),
                label: None,
            });
        }
        reasons.push(format!("no report covers {list}"));
    }
    let measures: BTreeSet<&str> = years.iter().filter_map(|y| y.measure.as_deref()).collect();
    if measures.len() > 1
        && let Some(r) = years
            .iter()
            .rev()
            .filter_map(|y| y.report.as_deref())
            .find_map(|id| model.reports.get(id))
    {
        problems.push(Problem {
            rule: Concern::Measure,
            location: r.doc.loc("/spec/measure"),
            target: r.doc.target("/spec/measure"),
            message: format!(
                "the window before {date} mixes measures ({}); one measure per window",
                crate::suggest::list(&measures.iter().collect::<Vec<_>>())
            ),
            help: Some(
                "report every year of the window in the same measure (turnover, or costs)".into(),
            ),
            label: None,
        });
        reasons.push(format!(
            "the window mixes measures ({})",
            crate::suggest::list(&measures.iter().collect::<Vec<_>>())
        ));
    }
    if t_sum == 0 && reasons.is_empty() {
        let why = "no measurable activity in the window (total 0)".to_owned();
        if let Some((location, target)) = at_provider() {
            problems.push(Problem {
                rule: Concern::Data,
                location,
                target,
                message: format!("the activity window of `{provider}` before {date} has no measurable activity: a share of nothing proves nothing"),
                help: Some("report the activity of each year; grants are not turnover (use `measure: costs` when the activity is grant-funded)".into()),
                label: None,
            });
        }
        reasons.push(why);
    }
    reasons.dedup();
    let share = share_tenths(q_sum, t_sum);
    let verdict = if !reasons.is_empty() {
        Verdict::NotAssessed
    } else if passes(q_sum, t_sum, threshold) {
        Verdict::Holds
    } else {
        Verdict::Fails
    };
    Window {
        provider: provider.to_owned(),
        date: date.to_string(),
        purpose: purpose.to_owned(),
        currency: currency.unwrap_or_else(|| "NOK".into()),
        years,
        qualifying: Minor(q_sum),
        total: Minor(t_sum),
        share: share.map(tenths),
        threshold: threshold.to_string(),
        passes: verdict == Verdict::Holds,
        verdict,
        not_assessed: reasons,
        margin: share.map(|s| tenths(s - threshold * 10)),
        headroom_per_year: Minor(headroom(q_sum, t_sum, threshold)),
        controlling_group: group.ids(),
    }
}

/// `2021`, `2021 and 2022`, `2021, 2022 and 2023`.
fn years_list(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!(
            "{} and {last}",
            init.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether line `i` of `r` qualifies (`Ok`), or why it cannot be classified (`Err`, with a
/// problem at the line when no other finding says so already).
fn classify(
    model: &Model<'_>,
    r: &Item<'_, ActivityReport>,
    i: usize,
    line: &crate::model::Line,
    group: &dyn Group,
    problems: &mut Vec<Problem>,
) -> Result<bool, String> {
    if let Some(c) = &line.customer {
        let (field, who) = match &line.entrusted_by {
            Some(e) => ("entrusted_by", e),
            None => ("customer", c),
        };
        if let Some(e) = model.entity(who) {
            // A dissolved authority's tasks passed to its successors: its activity is judged as
            // theirs, never re-classified with a membership it no longer has (legal.md,
            // corrections; Viken 2020-2023 → Akershus, Buskerud, Østfold).
            if !group.contains(who) && e.spec.dissolved.is_some() && !e.spec.successors.is_empty() {
                return Ok(e.spec.successors.iter().all(|s| group.contains(s)));
            }
            return Ok(group.contains(who));
        }
        let pointer = format!("/spec/lines/{i}/{field}");
        if let Some(bad) = model.invalid(Kind::Entity, who) {
            problems.push(not_assessed_problem(
                r.doc.loc(&pointer),
                r.doc.target(&pointer),
                &format!("line {i} of `{}`", r.id()),
                &bad.reason(),
                bad,
            ));
            return Err(format!(
                "who entrusted a line of `{}` is unknown: {}",
                r.id(),
                bad.reason()
            ));
        }
        // ref/unknown has said so at the line.
        return Err(format!(
            "a line of `{}` names `{who}`, which is not defined",
            r.id()
        ));
    }
    if let Some(g) = &line.group {
        let Some(x) = g.strip_prefix("members-of:") else {
            return Ok(false);
        };
        let pointer = format!("/spec/lines/{i}/group");
        if let Some(bad) = model.invalid_maybe_members_of(x).first() {
            problems.push(not_assessed_problem(
                r.doc.loc(&pointer),
                r.doc.target(&pointer),
                &format!("the lumped line `{g}` of `{}`", r.id()),
                &format!("{}, so who is a member of `{x}` is not known", bad.reason()),
                bad,
            ));
            return Err(format!(
                "the members of `{x}` are not known: {}",
                bad.reason()
            ));
        }
        return match group.members_of(x) {
            Members::All => Ok(true),
            Members::None => Ok(false),
            Members::Some(outside) => {
                let names = crate::suggest::list(&outside.iter().take(8).collect::<Vec<_>>())
                    + if outside.len() > 8 { " and more" } else { "" };
                problems.push(Problem {
                    rule: Concern::Data,
                    location: r.doc.loc(&pointer),
                    target: r.doc.target(&pointer),
                    message: format!("the lumped line `{g}` of `{}` cannot be classified: {names} {} members of `{x}` but not in the controlling group", r.id(), if outside.len() == 1 { "is one of the" } else { "are" }),
                    help: Some(format!("split the line: one line per customer, or a lumped line for the members that control the provider and separate lines for {names}")),
                    label: None,
                });
                Err(format!(
                    "the lumped line `{g}` of `{}` mixes members inside and outside the controlling group",
                    r.id()
                ))
            }
        };
    }
    Ok(false) // `other:` activity has no entrusting authority
}

/// `inhouse/not-assessed`: what cannot be assessed, because of which invalid document, with a
/// label on that document's first schema error (the cause, where the reader can fix it).
pub fn not_assessed_problem(
    location: Location,
    target: String,
    what: &str,
    why: &str,
    bad: &crate::model::Invalid<'_>,
) -> Problem {
    Problem {
        rule: Concern::NotAssessed,
        location,
        target,
        message: format!("{what} is not assessed: {why}"),
        help: Some(format!(
            "fix `{}` first; the analyses never judge what they could not read",
            bad.doc.name()
        )),
        label: bad.first_error.as_ref().map(|e| {
            (
                e.location.clone(),
                format!("`{}` is invalid here: {}", bad.doc.name(), e.message),
            )
        }),
    }
}

/// A projection is a fallback that must say who approved it, when, and on what evidence.
fn projection_evidence(r: &Item<'_, ActivityReport>, year: i32, problems: &mut Vec<Problem>) {
    let p = r.spec.projection.as_ref();
    let mut missing = Vec::new();
    if p.and_then(|p| p.approved_by.as_deref()).is_none() {
        missing.push("who approved it (`projection.approved_by`)");
    }
    if p.and_then(|p| p.prepared.as_deref()).is_none() {
        missing.push("when it was prepared (`projection.prepared`)");
    }
    if r.spec.evidence.is_none() {
        missing.push("the business plan it rests on (`evidence`)");
    }
    let message = if missing.is_empty() {
        format!(
            "{year} rests on a projection (approved, dated and evidenced); replace it with actual figures once the year is closed"
        )
    } else {
        format!(
            "{year} rests on a projection that does not say {}",
            missing.join(", ")
        )
    };
    problems.push(Problem {
        rule: Concern::Projection,
        location: r.doc.loc("/spec/basis"),
        target: r.doc.target("/spec/basis"),
        message,
        help: Some("projections are admissible only for a new company, the running year before a planned award, or after a reorganisation, and only as credible business projections on record".into()),
        label: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_minor_units() {
        assert_eq!(parse_minor("1250000.50"), Ok(125_000_050));
        assert_eq!(parse_minor("0.1"), Ok(10));
        assert_eq!(parse_minor("40000000"), Ok(4_000_000_000));
        assert_eq!(parse_minor("0.07"), Ok(7));
        assert!(parse_minor("1.005").unwrap_err().contains("3 decimals"));
        assert!(parse_minor("1e6").is_err());
        assert!(parse_minor("-5").is_err());
        assert!(parse_minor("99999999999999999999").is_err());
    }

    #[test]
    fn exactly_80_percent_fails_and_80_01_passes() {
        assert!(!passes(8000, 10_000, 80));
        assert!(passes(8001, 10_000, 80));
        assert_eq!(headroom(8000, 10_000, 80), -1);
        assert!(headroom(8001, 10_000, 80) >= 0);
        assert_eq!(share_tenths(8001, 10_000), Some(800));
        assert_eq!(share_tenths(1, 0), None);
    }

    #[test]
    fn headroom_is_the_largest_extra_that_still_passes() {
        // 5·Q − 4·T = 241 ⇒ (5Q−4T)/12 … one minor unit a year more still passes, two do not
        let (q, t) = (100_000_i64, 124_999_i64);
        let h = headroom(q, t, 80);
        assert!(passes(q, t + 3 * h, 80));
        assert!(!passes(q, t + 3 * (h + 1), 80));
    }
}
