//! The activity test: more than 80 % of the provider's activity over the three financial years
//! before a date must be for its controlling authorities (§ 3-1 (b), § 3-2 (b), art. 12(5)).
//! Amounts are read from the YAML text into integer minor units; the verdict is integer
//! arithmetic (pass iff 100·Q > threshold·T); nothing is ever rounded silently.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::decision::Verdict;
use super::{Minor, Window, YearBasis, YearFigures};
use crate::date::Date;
use crate::finding::{Location, Message};
use crate::i18n::{Arg, Text};
use crate::kind::Kind;
use crate::model::{ActivityReport, Cause, Item, Model, raw_in};
use crate::source::Sources;

/// How one line's amount reads, exactly.
pub fn parse_minor(text: &str) -> Result<i64, Text> {
    let t = text.trim().trim_matches(|c| c == '"' || c == '\'');
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Text::new("amount-not-decimal").name("amount", t));
    }
    if frac.len() > 2 {
        return Err(Text::new("amount-decimals")
            .name("amount", t)
            .plain("decimals", frac.len().to_string()));
    }
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| too_large(t))? * 10,
        _ => frac.parse::<i64>().map_err(|_| too_large(t))?,
    };
    int.parse::<i64>()
        .ok()
        .and_then(|i| i.checked_mul(100))
        .and_then(|i| i.checked_add(cents))
        .ok_or_else(|| too_large(t))
}

fn too_large(amount: &str) -> Text {
    Text::new("amount-too-large").name("amount", amount)
}

/// The largest sum egenregi adds exactly: `i64::MAX` minor units.
fn sum_too_large(amount: &str, year: i32) -> Text {
    Text::new("amount-sum-too-large")
        .name("amount", amount.trim())
        .plain("year", year.to_string())
        .arg("most", Arg::Money(Minor(i64::MAX)))
}

/// Share in tenths of a percent, truncated (never overstates compliance): 879 = 87.9 %.
pub fn share_tenths(q: i64, t: i64) -> Option<i64> {
    (t > 0).then(|| i64::try_from(i128::from(q) * 1000 / i128::from(t)).unwrap_or(i64::MAX))
}

/// A share in tenths of a percent as text (`884` → `88.4`).
pub fn tenths(x: i64) -> String {
    decimal(i128::from(x), 1)
}

/// A window's share of Q in T and its margin over `threshold`, in percent and truncated (so
/// never overstated): one decimal, or as many more as it takes to show that a share which passes
/// is above the threshold (`80.04`, not `80.0` beside "more than 80 % required"), or that a
/// share which fails is less than one shown unit below it (`79.9999`, margin `-0.0001`). `None`
/// when T is zero.
pub fn share_and_margin(q: i64, t: i64, threshold: i64) -> Option<(String, String)> {
    if t <= 0 {
        return None;
    }
    let pass = passes(q, t, threshold);
    let (q, t) = (i128::from(q), i128::from(t));
    // 100·Q·10^16 fits in an i128 for any i64 Q; a pass shows within 16 decimals for any T
    // below 2·10^17 (100·Q/T − threshold ≥ 20/T when 5·Q > 4·T).
    let mut decimals = 1;
    loop {
        let scale = 10_i128.pow(decimals);
        let share = q * 100 * scale / t;
        let bar = i128::from(threshold) * scale;
        // A failing share within one unit of the threshold shows more decimals too: 79.9999 %
        // is not "79.9" with a margin of "-0.1", which overstates the shortfall a thousandfold.
        let exact = q * 100 * scale;
        let close_failure = !pass && exact > (bar - 1) * t && exact < bar * t;
        if (pass && share <= bar || close_failure) && decimals < 16 {
            decimals += 1;
            continue;
        }
        return Some((decimal(share, decimals), decimal(share - bar, decimals)));
    }
}

/// `x / 10^decimals` with exactly `decimals` digits after the point.
fn decimal(x: i128, decimals: u32) -> String {
    let sign = if x < 0 { "-" } else { "" };
    let scale = 10_u128.pow(decimals);
    let a = x.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        a / scale,
        a % scale,
        width = decimals as usize
    )
}

/// Pass iff 100·Q > threshold·T (strictly "more than").
pub fn passes(q: i64, t: i64, threshold: i64) -> bool {
    100 * i128::from(q) > i128::from(threshold) * i128::from(t)
}

/// The most non-qualifying activity per year (minor units) the window could add in each of its
/// `years` with activity and still pass; negative when it fails. passes(q, t) ⇔ headroom ≥ 0.
/// A year before the provider existed can carry nothing, so it does not share the headroom.
pub fn headroom(q: i64, t: i64, threshold: i64, years: i64) -> i64 {
    let diff = 100 * i128::from(q) - i128::from(threshold) * i128::from(t);
    let per = i128::from(years.max(1)) * i128::from(threshold.max(1));
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
    pub message: Message,
    pub help: Option<Message>,
    /// A secondary span: the cause, when it is elsewhere.
    pub label: Option<(Location, Message)>,
}

impl Problem {
    /// A problem under `rule` at `pointer` of `doc`, with its help and no secondary span.
    fn at(
        rule: Concern,
        doc: &crate::load::Doc,
        pointer: &str,
        message: impl Into<Message>,
        help: impl Into<Message>,
    ) -> Self {
        Self {
            rule,
            location: doc.loc(pointer),
            target: doc.target(pointer),
            message: message.into(),
            help: Some(help.into()),
            label: None,
        }
    }
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
    /// [`Group::contains`] of the valid entity at `position` among the model's entities,
    /// whose id is `entity`: a group may answer by the position, reading no id.
    fn contains_at(&self, _position: usize, entity: &str) -> bool {
        self.contains(entity)
    }
    /// How the members of `association` during `year` stand to the group: a lumped line of
    /// that year's report holds the purchases of whoever was a member then, not of those who
    /// are members on the date (a member that has left since is in the lump).
    fn members_of(&self, association: &str, year: i32) -> Members;
    /// The group's ids, for display.
    fn ids(&self) -> Vec<String>;
    /// The date the group is taken on (`YYYY-MM-DD`).
    fn date(&self) -> &str;
    /// `entity` is in the group only through a legal person the authorities control jointly
    /// (indirect joint control: unsettled, so a window it passes is for review).
    fn indirect(&self, _entity: &str) -> bool {
        false
    }
    /// Why it is not known whether `entity`, outside the group as built, belongs to it: a
    /// document on which its place in the group may turn cannot be relied on (invalid, defined
    /// twice, or named and defined nowhere). `None`: it is known to be outside.
    fn doubt(&self, _entity: &str) -> Option<&crate::model::Invalid<'_>> {
        None
    }
    /// [`Group::doubt`] of the first member of `association` outside the group as built, for a
    /// lumped line that would otherwise not qualify.
    fn members_doubt(
        &self,
        _association: &str,
        _year: i32,
    ) -> Option<(String, &crate::model::Invalid<'_>)> {
        None
    }
}

/// How an entity's activity stands to the group. An authority dissolved before the group's
/// date is judged as its successors, which took over its tasks (legal.md, corrections; Viken
/// 2020-2023 → Akershus, Buskerud, Østfold): in the group when all of them are, outside when
/// none is; split between them, or with no successors on record, it cannot be classified.
/// Outside is said only when it is known: when whether one of them is in the group turns on a
/// document that cannot be relied on ([`Group::doubt`]), that is the answer.
#[derive(Debug)]
pub enum Standing<'g> {
    In,
    Out,
    /// Dissolved, and these successors are outside the group while others are in it.
    Split(Vec<String>),
    /// Dissolved with no successors on record.
    NoSuccessors,
    /// Outside the group as built, but its place turns on this document.
    Doubt(&'g crate::model::Invalid<'g>),
}

/// How `who` stands to `group` (see [`Standing`]).
pub fn standing<'g>(model: &Model<'_>, group: &'g dyn Group, who: &str) -> Standing<'g> {
    match model.entities.get_full(who) {
        Some((at, _, e)) => standing_of(group, who, at, e),
        None if group.contains(who) => Standing::In,
        None => group.doubt(who).map_or(Standing::Out, Standing::Doubt),
    }
}

/// [`standing`] of the valid entity `e`, with id `who`, at `position` among the model's
/// entities.
fn standing_of<'g>(
    group: &'g dyn Group,
    who: &str,
    position: usize,
    e: &Item<'_, crate::model::Entity>,
) -> Standing<'g> {
    if group.contains_at(position, who) {
        return Standing::In;
    }
    let out = |x: &str| group.doubt(x).map_or(Standing::Out, Standing::Doubt);
    if e.spec
        .dissolved
        .as_deref()
        .is_none_or(|d| d >= group.date())
    {
        return out(who);
    }
    if e.spec.successors.is_empty() {
        return group
            .doubt(who)
            .map_or(Standing::NoSuccessors, Standing::Doubt);
    }
    let outside: Vec<String> = e
        .spec
        .successors
        .iter()
        .filter(|s| !group.contains(s))
        .cloned()
        .collect();
    if let Some(bad) = outside.iter().find_map(|s| group.doubt(s)) {
        Standing::Doubt(bad)
    } else if outside.is_empty() {
        Standing::In
    } else if outside.len() == e.spec.successors.len() {
        Standing::Out
    } else {
        Standing::Split(outside)
    }
}

/// Computes one window: the three financial years before `date`. The window is `not-assessed`
/// whenever the input cannot support a verdict; each reason is also a problem at its cause.
#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
pub fn window(
    model: &Model<'_>,
    sources: &Sources,
    provider: &str,
    subsidiaries: &dyn Fn(i32) -> Vec<String>,
    date: Date,
    as_of: Date,
    purpose: super::decision::Purpose,
    group: &dyn Group,
    threshold: i64,
    problems: &mut Vec<Problem>,
) -> Window {
    let reports: Vec<&Item<'_, ActivityReport>> = model.reports_of(provider).collect();
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
    // A new company (DESIGN §3.3): established within the window, or fewer than three closed
    // years before the evaluation date. Its `established` date decides; only when it is not
    // given do the actual reports stand in (three of them show three closed years). Counting
    // reports alone let a repository that leaves out its old reports project any year.
    let new_company = match established {
        Some(e) => e.year >= first_year || as_of.year - e.year < 3,
        None => actual_years.len() < 3,
    };
    // A business transfer, merger or demerger within the window makes the earlier figures "no
    // longer relevant" (art. 12(5) second subparagraph).
    let reorganised = provider_item.and_then(|e| {
        e.spec.reorganisations.iter().find(|r| {
            Date::parse(&r.date).is_some_and(|d| (first_year..date.year).contains(&d.year))
        })
    });
    let mut reasons: Vec<Text> = Vec::new();
    // Why a window that passes is only for review: what the law asks that the input does not
    // show.
    let mut review: Vec<Text> = Vec::new();
    if let Some(e) = established
        && e > date
    {
        // Said once, where it belongs: `inhouse/control` fails on that date and `tenant/period`
        // flags the subscription; the window only records why it has no verdict.
        let why = Text::new("window-not-established")
            .name("provider", provider)
            .date("date", date.to_string())
            .date("established", e.to_string());
        reasons.push(why);
    }
    // Invalid reports may be this provider's, for a year of this window: their figures are
    // unknown, so the window cannot be assessed while they stand.
    // The years an invalid report may cover (`None`: any year): not "missing", its finding says
    // why they are not known.
    let mut invalid_years: Vec<Option<i64>> = Vec::new();
    for bad in model.invalid_of(Kind::ActivityReport) {
        // Each definition of a duplicated id may be another year's report.
        let before = invalid_years.len();
        for doc in bad.docs() {
            let theirs = raw_in(doc, "provider")
                .as_str()
                .is_none_or(|p| p == provider);
            let year = raw_in(doc, "year").as_i64();
            let in_window =
                year.is_none_or(|y| (i64::from(first_year)..i64::from(date.year)).contains(&y));
            if theirs && in_window {
                invalid_years.push(year);
            }
        }
        if invalid_years.len() > before {
            let why = Text::new("window-invalid-report").text("reason", bad.reason_text());
            if let Some((location, target)) = at_provider() {
                problems.push(not_assessed_problem(
                    location,
                    target,
                    Text::new("what-window")
                        .name("provider", provider)
                        .date("date", date.to_string()),
                    why.clone(),
                    bad,
                ));
            }
            reasons.push(why);
        }
    }
    // A document nobody could read may be a report of this window (its kind, provider and year
    // as far as they were salvaged): its figures are unknown, so the window cannot be assessed
    // while it stands.
    let unread = model.unread_reports(provider).filter(|u| {
        u.year
            .is_none_or(|y| (i64::from(first_year)..i64::from(date.year)).contains(&y))
    });
    // (An unread document of another kind makes every decision not assessed instead, with one
    // finding for the file: [`super::unread`]; an unread Entity leaves the window not assessed
    // too, in the in-house analyses' `window_of`.)
    for u in unread {
        invalid_years.push(u.year);
        let why = unread_reason(u);
        problems.push(Problem {
            rule: Concern::NotAssessed,
            location: u.location.clone(),
            target: at_provider().map_or_else(|| format!("Entity/{provider}"), |(_, t)| t),
            message: Text::new("f-not-assessed")
                .text(
                    "what",
                    Text::new("what-window")
                        .name("provider", provider)
                        .date("date", date.to_string()),
                )
                .text("why", why.clone())
                .into(),
            help: Some(Text::new("h-unread").name("path", u.path.as_str()).into()),
            label: None,
        });
        reasons.push(why);
    }
    let mut years = Vec::new();
    let mut missing: Vec<i32> = Vec::new();
    let (mut q_sum, mut t_sum) = (0i64, 0i64);
    // Whether the window's total has grown past what egenregi adds exactly (said once).
    let mut too_large = false;
    // Qualifying activity for legal persons in the group only through indirect joint control,
    // and who they are: a pass that rests on it is for review.
    let (mut indirect_q, mut indirect) = (0i64, Vec::<Text>::new());
    // Each currency the window's reports use, in year order, with the first report in it and
    // how many reports use it.
    let mut currencies: Vec<(&str, &Item<'_, ActivityReport>, usize)> = Vec::new();
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
            let why = Text::new("window-two-reports")
                .plain("year", year.to_string())
                .name("first", first.id())
                .name("second", second.id());
            problems.push(Problem::at(
                Concern::Data,
                second.doc,
                "/spec/year",
                // Said of the year, not of this window: every window that includes the
                // year meets the same two reports, and one finding at the second report
                // stands for all of them (each window's record names its own reason).
                Text::new("f-window-two-reports")
                    .text("why", why.clone())
                    .name("provider", provider)
                    .plain("year", year.to_string()),
                Text::new("h-window-two-reports").name("other", first.doc.name()),
            ));
            reasons.push(why);
        }
        let (report, basis) = match (actual.first(), projected.first()) {
            (Some(r), _) => {
                // Actual figures exist only for a year closed on the evaluation date: an
                // "actual" report of the running year (or a later one) is preliminary at best,
                // and a window resting on it is not assessed.
                if year >= as_of.year {
                    problems.push(Problem::at(
                        Concern::Data,
                        r.doc,
                        "/spec/basis",
                        Text::new("f-actual-open-year")
                            .name("report", r.id())
                            .plain("year", year.to_string())
                            .date("as_of", as_of.to_string()),
                        Text::new("h-actual-open-year").plain("year", year.to_string()),
                    ));
                    reasons.push(
                        Text::new("window-actual-open-year")
                            .name("report", r.id())
                            .plain("year", year.to_string()),
                    );
                }
                (Some(**r), YearBasis::Actual)
            }
            (None, Some(r)) => {
                // Admissible (DESIGN §3.3): a year not closed on the evaluation date (the
                // running year before a planned award), a new company, or a reorganisation
                // within the window.
                let running = year >= as_of.year;
                if !new_company && !running && reorganised.is_none() {
                    problems.push(Problem::at(
                        Concern::Data,
                        r.doc,
                        "/spec/basis",
                        Text::new("f-projection-closed-year")
                            .plain("year", year.to_string())
                            .name("provider", provider)
                            .date("as_of", as_of.to_string()),
                        Text::new("h-projection-closed-year"),
                    ));
                    reasons.push(
                        Text::new("window-projection-inadmissible").plain("year", year.to_string()),
                    );
                } else if !projection_evidence(r, year, problems) {
                    review.push(
                        Text::new("window-projection-unsupported").plain("year", year.to_string()),
                    );
                }
                (Some(**r), YearBasis::Projected)
            }
            (None, None) => {
                // Before the provider existed nothing can be missing, whatever an invalid
                // report of an unknown year may say.
                let invalid = || {
                    invalid_years
                        .iter()
                        .any(|y| y.is_none_or(|y| y == i64::from(year)))
                };
                if established.is_some_and(|e| e.year > year) {
                    (None, YearBasis::NotEstablished)
                } else if invalid() {
                    (None, YearBasis::Invalid)
                } else {
                    missing.push(year);
                    (None, YearBasis::Missing)
                }
            }
        };
        let (mut q, mut t) = (0i64, 0i64);
        let (mut unreadable, mut unclassified) = (0u32, 0u32);
        // A provider that controls other legal persons is measured on its group's turnover
        // (C-692/23 AVR): its report plus each controlled person's, without sales inside the
        // group, unless its report is already consolidated.
        let mut group_reports: Vec<&Item<'_, ActivityReport>> = Vec::new();
        // The legal persons it controlled in that year (at its end, the accounts' date): a
        // subsidiary bought or sold since is measured for the years it was one.
        let subsidiaries = subsidiaries(year);
        if let Some(r) = report
            && r.spec.measure == "turnover"
            && r.spec.scope.as_deref() != Some("consolidated")
        {
            for sub in &subsidiaries {
                if let Some(x) = model
                    .reports_of(sub)
                    .find(|x| x.spec.year == year && x.spec.basis == r.spec.basis)
                {
                    group_reports.push(x);
                } else {
                    if let Some((location, target)) = at_provider() {
                        problems.push(Problem {
                            rule: Concern::Data,
                            location,
                            target,
                            message: Text::new("f-group-report-missing")
                                .name("provider", provider)
                                .name("sub", sub.as_str())
                                .plain("year", year.to_string())
                                .into(),
                            help: Some(
                                Text::new("h-group-report-missing")
                                    .name("provider", provider)
                                    .name("sub", sub.as_str())
                                    .plain("year", year.to_string())
                                    .into(),
                            ),
                            label: None,
                        });
                    }
                    reasons.push(
                        Text::new("window-group-incomplete")
                            .plain("year", year.to_string())
                            .name("sub", sub.as_str()),
                    );
                }
            }
        }
        let in_group = |c: &str| c == provider || subsidiaries.iter().any(|s| s == c);
        if let Some(r) = report {
            for r in std::iter::once(r).chain(group_reports.iter().copied()) {
                match currencies.iter_mut().find(|(c, ..)| *c == r.spec.currency) {
                    Some((.., n)) => *n += 1,
                    None => currencies.push((&r.spec.currency, r, 1)),
                }
            }
            let lines = std::iter::once(r)
                .chain(group_reports.iter().copied())
                .flat_map(|r| r.spec.lines.iter().enumerate().map(move |(i, l)| (r, i, l)));
            let mut pointer = String::new();
            for (r, i, line) in lines {
                if !group_reports.is_empty() && line.customer.as_deref().is_some_and(in_group) {
                    continue; // a sale inside the group is not the group's turnover
                }
                // Grants are not turnover; under a cost measure every cost is activity, counted
                // by who entrusted the task (art. 12(5); Undis Servizi).
                if line.kind == "grant" && r.spec.measure != "costs" {
                    continue;
                }
                // Written into one buffer for every line (a string of its own for each line of
                // each window was 90,000 short-lived allocations at ×10 of the national corpus).
                pointer.clear();
                let _ = write!(pointer, "/spec/lines/{i}/amount");
                let pointer = pointer.as_str();
                let loc = r.doc.loc(pointer);
                let text = sources.get(loc.source).slice(loc.span.clone());
                let amount = match parse_minor(text) {
                    Ok(a) => a,
                    Err(message) => {
                        problems.push(Problem {
                            rule: Concern::Data,
                            location: loc,
                            target: r.doc.target(pointer),
                            message: Text::new("f-amount").text("why", message).into(),
                            help: Some(Text::new("h-amount").into()),
                            label: None,
                        });
                        reasons.push(Text::new("window-amount").name("report", r.id()));
                        unreadable = unreadable.saturating_add(1);
                        continue;
                    }
                };
                // A sum egenregi cannot hold exactly is no sum: the amount is left out and the
                // window not assessed (a saturated sum once read as 100 %).
                let Some(sum) = t.checked_add(amount) else {
                    problems.push(Problem {
                        rule: Concern::Data,
                        location: loc,
                        target: r.doc.target(pointer),
                        message: Text::new("f-amount")
                            .text("why", sum_too_large(text, year))
                            .into(),
                        help: Some(Text::new("h-sum-too-large").into()),
                        label: None,
                    });
                    reasons.push(Text::new("window-sum-too-large").plain("year", year.to_string()));
                    unreadable = unreadable.saturating_add(1);
                    continue;
                };
                t = sum;
                match classify(model, r, i, line, group, problems) {
                    // Q never exceeds T: every amount Q takes, T took first.
                    Ok(true) => {
                        q = q.saturating_add(amount);
                        if let Some(who) = line.counts_for()
                            && group.indirect(who)
                        {
                            indirect_q = indirect_q.saturating_add(amount);
                            let why = Text::new("window-indirect-joint").name("who", who.as_str());
                            if !indirect.contains(&why) {
                                indirect.push(why);
                            }
                        }
                    }
                    Ok(false) => {}
                    Err(why) => {
                        unclassified = unclassified.saturating_add(1);
                        reasons.push(why);
                    }
                }
            }
        }
        match t_sum.checked_add(t) {
            _ if too_large => {}
            Some(sum) => {
                t_sum = sum;
                q_sum = q_sum.saturating_add(q);
            }
            None => {
                too_large = true;
                if let Some((location, target)) = at_provider() {
                    problems.push(Problem {
                        rule: Concern::Data,
                        location,
                        target,
                        message: Text::new("f-window-too-large")
                            .name("provider", provider)
                            .date("date", date.to_string())
                            .plain("year", year.to_string())
                            .arg("most", Arg::Money(Minor(i64::MAX)))
                            .into(),
                        help: Some(Text::new("h-sum-too-large").into()),
                        label: None,
                    });
                }
                reasons.push(Text::new("window-total-too-large"));
            }
        }
        let mut figures = YearFigures {
            year,
            basis,
            measure: report.map(|r| r.spec.measure.clone()),
            report: report.map(|r| r.id().to_owned()),
            qualifying: Minor(q),
            total: Minor(t),
            share: None,
            unreadable,
            unclassified,
            currency: report.map(|r| r.spec.currency.clone()),
            // The actual figures are used; a plan for the same year is not, and the reader
            // who filed both sees which one counted.
            set_aside: match basis {
                YearBasis::Actual => projected.first().map(|p| p.id().to_owned()),
                _ => None,
            },
        };
        // A year whose sums leave a line out has no share of its own.
        if !figures.incomplete() {
            figures.share = share_tenths(q, t).map(tenths);
        }
        years.push(figures);
    }
    if !missing.is_empty() {
        let list = years_list(&missing);
        if let Some((location, target)) = at_provider() {
            problems.push(Problem {
                rule: Concern::Data,
                location,
                target,
                message: Text::new("f-years-missing")
                    .arg("years", list.clone())
                    .name("provider", provider)
                    .date("date", date.to_string())
                    .into(),
                help: Some(
                    Text::new("h-years-missing")
                        .plain("provider", provider)
                        .count("count", missing.len())
                        .arg("years", list.clone())
                        .into(),
                ),
                label: None,
            });
        }
        reasons.push(Text::new("window-years-missing").arg("years", list));
    }
    let measures: BTreeSet<&str> = years.iter().filter_map(|y| y.measure.as_deref()).collect();
    if measures.len() > 1
        && let Some(r) = years
            .iter()
            .rev()
            .filter_map(|y| y.report.as_deref())
            .find_map(|id| model.reports.get(id))
    {
        problems.push(Problem::at(
            Concern::Measure,
            r.doc,
            "/spec/measure",
            Text::new("f-mixed-measures")
                .date("date", date.to_string())
                .arg("measures", measure_names(&measures)),
            Text::new("h-mixed-measures"),
        ));
        reasons.push(Text::new("window-mixed-measures").arg("measures", measure_names(&measures)));
    }
    // Amounts in different currencies cannot be added without a rate the input does not give.
    // The finding is on the first report outside the currency most reports use.
    let usual = currencies
        .iter()
        .enumerate()
        .max_by_key(|(i, (.., n))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, (c, ..))| *c);
    if let (Some(usual), Some((_, r, _))) =
        (usual, currencies.iter().find(|(c, ..)| Some(*c) != usual))
    {
        let names = Arg::Names(currencies.iter().map(|(c, ..)| (*c).to_owned()).collect());
        problems.push(Problem::at(
            Concern::Measure,
            r.doc,
            "/spec/currency",
            Text::new("f-mixed-currencies")
                .date("date", date.to_string())
                .arg("currencies", names.clone()),
            Text::new("h-mixed-currencies").plain("usual", usual),
        ));
        reasons.push(Text::new("window-mixed-currencies").arg("currencies", names));
    }
    // A year names its currency only when it is not the window's.
    for y in &mut years {
        if y.currency.as_deref() == usual {
            y.currency = None;
        }
    }
    if t_sum == 0 && reasons.is_empty() {
        let why = Text::new("window-no-activity");
        if let Some((location, target)) = at_provider() {
            problems.push(Problem {
                rule: Concern::Data,
                location,
                target,
                message: Text::new("f-no-activity")
                    .name("provider", provider)
                    .date("date", date.to_string())
                    .into(),
                help: Some(Text::new("h-no-activity").into()),
                label: None,
            });
        }
        reasons.push(why);
    }
    reasons.dedup();
    // Fewer than three years with activity: the law then asks that the measurement be shown
    // credible, "particularly by means of business projections" (art. 12(5) second
    // subparagraph); a share of one or two years alone does not show it.
    let active: Vec<i32> = years
        .iter()
        .filter(|y| matches!(y.basis, YearBasis::Actual | YearBasis::Projected))
        .map(|y| y.year)
        .collect();
    if active.len() < 3 && !active.is_empty() {
        review.push(
            Text::new("window-fewer-years")
                .count("count", active.len())
                .arg("years", years_list(&active)),
        );
    }
    if passes(q_sum, t_sum, threshold) && !passes(q_sum - indirect_q, t_sum, threshold) {
        review.extend(indirect);
    }
    let verdict = if !reasons.is_empty() {
        Verdict::NotAssessed
    } else if passes(q_sum, t_sum, threshold) {
        Verdict::Holds
    } else {
        Verdict::Fails
    };
    // No share, margin or headroom of a window not assessed: a figure on partial input is no
    // figure (DESIGN §3.1).
    let assessed = verdict != Verdict::NotAssessed;
    let (share, margin) = share_and_margin(q_sum, t_sum, threshold)
        .filter(|_| assessed)
        .unzip();
    Window {
        provider: provider.to_owned(),
        date: date.to_string(),
        purpose: purpose.as_str().to_owned(),
        currency: usual.unwrap_or("NOK").to_owned(),
        years,
        qualifying: Minor(q_sum),
        total: Minor(t_sum),
        share,
        threshold: threshold.to_string(),
        passes: verdict == Verdict::Holds,
        verdict,
        not_assessed: reasons.iter().map(Text::en).collect(),
        not_assessed_text: reasons,
        margin,
        headroom_per_year: assessed.then(|| {
            let years = i64::try_from(active.len()).unwrap_or(3);
            Minor(headroom(q_sum, t_sum, threshold, years))
        }),
        review: if verdict == Verdict::Holds {
            review.iter().map(Text::en).collect()
        } else {
            Vec::new()
        },
        review_text: if verdict == Verdict::Holds {
            review
        } else {
            Vec::new()
        },
        controlling_group: group.ids(),
    }
}

/// Marks a computed window not assessed for `why`, found outside the window's own figures (a
/// controller whose status cannot be derived): no share, margin or headroom, as for any window
/// not assessed.
pub fn not_assessed_window(w: &mut Window, why: Text) {
    w.verdict = Verdict::NotAssessed;
    w.passes = false;
    w.share = None;
    w.margin = None;
    w.headroom_per_year = None;
    w.review.clear();
    w.review_text.clear();
    w.not_assessed.push(why.en());
    w.not_assessed_text.push(why);
}

/// The rule of the findings behind a reason a window is not assessed: a window mixing measures
/// or currencies is `inhouse/activity-measure`, a document that cannot be relied on (invalid,
/// unread, or one a line's place in the group turns on) `inhouse/not-assessed`, holdings over
/// 100 % `entity/ownership-total`, the rest `inhouse/activity-data` (the rules [`Concern`] names
/// for the problems beside them).
pub fn reason_rule(reason: &Text) -> &'static str {
    match reason.id() {
        "window-mixed-measures" | "window-mixed-currencies" => "inhouse/activity-measure",
        "window-invalid-report"
        | "members-unknown"
        | "line-entrusted-unknown"
        | "line-group-unknown-in"
        | "unread-file"
        | "because-activity-controller-unknown" => "inhouse/not-assessed",
        "contradictory-document" | "because-activity-votes-incomplete" => "entity/ownership-total",
        _ => "inhouse/activity-data",
    }
}

/// Why a decision or window cannot rest on what was read: `u` could not be read, and what it may
/// be (as far as its text was salvaged).
pub fn unread_reason(u: &crate::load::Unread) -> Text {
    let what = match (&u.kind, &u.id) {
        (Some(kind), Some(id)) => {
            Text::new("unread-doc-named").name("document", format!("{kind}/{id}"))
        }
        (Some(kind), None) => Text::new("unread-doc-kind").plain("kind", kind.as_str()),
        _ => Text::new("unread-doc-unknown"),
    };
    Text::new("unread-file")
        .name("path", u.path.as_str())
        .plain("rule", u.rule.as_str())
        .text("what", what)
}

/// `2021`, `2021 and 2022`, `2021, 2022 and 2023`.
fn years_list(years: &[i32]) -> Arg {
    Arg::List(years.iter().map(ToString::to_string).collect())
}

/// The measures of a window, `` `costs` and `turnover` ``, as `suggest::list` writes them.
fn measure_names(measures: &BTreeSet<&str>) -> Arg {
    Arg::Names(measures.iter().map(|m| (*m).to_owned()).collect())
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
) -> Result<bool, Text> {
    if let Some(c) = &line.customer {
        let (field, who) = match &line.entrusted_by {
            Some(e) => ("entrusted_by", e),
            None => ("customer", c),
        };
        // Written only for a problem: nearly every line is classified without one.
        let pointer = || format!("/spec/lines/{i}/{field}");
        // Lines are counted from 1 in messages, as a reader counts; the pointer keeps the index.
        let ordinal = || (i + 1).to_string();
        // The line cannot be classified because `bad` cannot be relied on: `inhouse/not-assessed`
        // at the line, saying why.
        let not_assessed_line = |why: Text, bad: &crate::model::Invalid<'_>| {
            not_assessed_problem(
                r.doc.loc(&pointer()),
                r.doc.target(&pointer()),
                Text::new("what-line")
                    .plain("line", ordinal())
                    .name("report", r.id()),
                why,
                bad,
            )
        };
        if let Some((position, e)) = model.counted_for(line) {
            // Nobody can have bought in a year it did not exist in: such a line is relabelled
            // activity (a dissolved authority's, under a successor's name) and cannot be judged.
            let year = r.spec.year;
            // The year's first and last days are written only for an entity with a date.
            let absent = match (e.spec.established.as_deref(), e.spec.dissolved.as_deref()) {
                (None, None) => None,
                (established, dissolved) => {
                    let (first, last) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
                    match (established, dissolved) {
                        (Some(est), _) if est > last.as_str() => {
                            Some(Text::new("existed-from").date("date", est))
                        }
                        (_, Some(dis)) if dis < first.as_str() => {
                            Some(Text::new("existed-until").date("date", dis))
                        }
                        _ => None,
                    }
                }
            };
            if let Some(when) = absent {
                problems.push(Problem::at(
                    Concern::Data,
                    r.doc,
                    &pointer(),
                    Text::new("f-line-not-existing")
                        .plain("line", ordinal())
                        .name("report", r.id())
                        .name("who", who.as_str())
                        .plain("year", year.to_string())
                        .text("when", when),
                    Text::new("h-line-not-existing"),
                ));
                return Err(Text::new("line-not-existing")
                    .name("report", r.id())
                    .name("who", who.as_str())
                    .plain("year", year.to_string()));
            }
            // A dissolved authority's activity is judged as its successors', never
            // re-classified with a membership it no longer has.
            let why = match standing_of(group, who, position, e) {
                Standing::In => return Ok(true),
                Standing::Out => return Ok(false),
                // A line is left out only when that is known, never because a document its
                // place turns on could not be relied on.
                Standing::Doubt(bad) => {
                    let why = Text::new("line-group-unknown")
                        .name("who", who.as_str())
                        .text("reason", bad.reason_text());
                    problems.push(not_assessed_line(why, bad));
                    // One reason per entity, not per report: the window's years repeat it.
                    return Err(Text::new("line-group-unknown-in")
                        .name("who", who.as_str())
                        .text("reason", bad.reason_text()));
                }
                Standing::Split(outside) => Text::new("f-successors-split")
                    .name("who", who.as_str())
                    .arg("outside", Arg::Names(outside)),
                Standing::NoSuccessors => Text::new("f-successors-none").name("who", who.as_str()),
            };
            problems.push(Problem::at(
                Concern::Data,
                r.doc,
                &pointer(),
                Text::new("f-line-dissolved")
                    .plain("line", ordinal())
                    .name("report", r.id())
                    .text("why", why),
                Text::new("h-line-dissolved").name("who", who.as_str()),
            ));
            return Err(Text::new("line-dissolved")
                .name("report", r.id())
                .name("who", who.as_str()));
        }
        if let Some(bad) = model.invalid(Kind::Entity, who) {
            problems.push(not_assessed_line(bad.reason_text(), bad));
            return Err(Text::new("line-entrusted-unknown")
                .name("report", r.id())
                .text("reason", bad.reason_text()));
        }
        // ref/unknown has said so at the line.
        return Err(Text::new("line-undefined")
            .name("report", r.id())
            .name("who", who.as_str()));
    }
    if let Some(g) = &line.group {
        let Some(x) = g.strip_prefix("members-of:") else {
            return Ok(false);
        };
        let pointer = || format!("/spec/lines/{i}/group");
        if let Some(bad) = model.invalid_maybe_members_of(x).first() {
            problems.push(not_assessed_problem(
                r.doc.loc(&pointer()),
                r.doc.target(&pointer()),
                Text::new("what-lumped-line")
                    .name("line", g.as_str())
                    .name("report", r.id()),
                Text::new("members-unknown-why")
                    .text("reason", bad.reason_text())
                    .name("association", x),
                bad,
            ));
            return Err(Text::new("members-unknown")
                .name("association", x)
                .text("reason", bad.reason_text()));
        }
        if model.entity(x).is_none() {
            // ref/unknown has said so at the line: members of nothing known are not "none".
            return Err(Text::new("line-undefined")
                .name("report", r.id())
                .name("who", x));
        }
        return match group.members_of(x, r.spec.year) {
            Members::All => Ok(true),
            Members::None => match group.members_doubt(x, r.spec.year) {
                // No member is in the group as built, but whether one is turns on a document
                // that cannot be relied on: the line is not classified as outside.
                Some((who, bad)) => {
                    let why = Text::new("line-group-unknown")
                        .name("who", who.as_str())
                        .text("reason", bad.reason_text());
                    problems.push(not_assessed_problem(
                        r.doc.loc(&pointer()),
                        r.doc.target(&pointer()),
                        Text::new("what-lumped-line")
                            .name("line", g.as_str())
                            .name("report", r.id()),
                        why,
                        bad,
                    ));
                    Err(Text::new("line-group-unknown-in")
                        .name("who", g.as_str())
                        .text("reason", bad.reason_text()))
                }
                None => Ok(false),
            },
            Members::Some(outside) => {
                let names = Text::new("names-more")
                    .arg(
                        "names",
                        Arg::Names(outside.iter().take(8).cloned().collect()),
                    )
                    .count("more", usize::from(outside.len() > 8));
                problems.push(Problem::at(
                    Concern::Data,
                    r.doc,
                    &pointer(),
                    Text::new("f-lumped-line")
                        .name("line", g.as_str())
                        .name("report", r.id())
                        .text("names", names.clone())
                        .count("count", outside.len())
                        .name("association", x),
                    Text::new("h-lumped-line").text("names", names),
                ));
                Err(Text::new("line-lumped-mixed")
                    .name("line", g.as_str())
                    .name("report", r.id()))
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
    what: Text,
    why: Text,
    bad: &crate::model::Invalid<'_>,
) -> Problem {
    Problem {
        rule: Concern::NotAssessed,
        location,
        target,
        message: Text::new("f-not-assessed")
            .text("what", what)
            .text("why", why)
            .into(),
        help: Some(
            Text::new("h-not-assessed")
                .name("document", bad.doc.name())
                .into(),
        ),
        label: bad.first_error.as_ref().map(|e| {
            let text = match &bad.cause {
                Cause::Schema => Text::new("l-invalid-here")
                    .name("document", bad.doc.name())
                    .arg("error", e.arg()),
                Cause::Duplicate { .. } => {
                    Text::new("l-duplicate-here").name("document", bad.doc.name())
                }
                Cause::Unknown { id, .. } => Text::new("l-dangling-here").name("id", id.as_str()),
            };
            (e.location.clone(), text.into())
        }),
    }
}

/// A projection is a fallback that must say who approved it, when, and on what evidence.
/// Says what an admissible projection rests on, or what it lacks; `true` when it names its
/// approver, its date and its evidence, as the law asks of a projection (art. 12(5) second
/// subparagraph: the measurement must be shown credible).
fn projection_evidence(
    r: &Item<'_, ActivityReport>,
    year: i32,
    problems: &mut Vec<Problem>,
) -> bool {
    let p = r.spec.projection.as_ref();
    let mut missing = Vec::new();
    if p.and_then(|p| p.approved_by.as_deref()).is_none() {
        missing.push(Text::new("projection-approved-by"));
    }
    if p.and_then(|p| p.prepared.as_deref()).is_none() {
        missing.push(Text::new("projection-prepared"));
    }
    if r.spec.evidence.is_none() {
        missing.push(Text::new("projection-evidence"));
    }
    let complete = missing.is_empty();
    let message = if complete {
        Text::new("f-projection-ok").plain("year", year.to_string())
    } else {
        Text::new("f-projection-incomplete")
            .plain("year", year.to_string())
            .arg("missing", Arg::Joined(missing))
    }
    .into();
    problems.push(Problem {
        rule: Concern::Projection,
        location: r.doc.loc("/spec/basis"),
        target: r.doc.target("/spec/basis"),
        message,
        help: Some(Text::new("h-projection").into()),
        label: None,
    });
    complete
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
        assert!(
            parse_minor("1.005")
                .unwrap_err()
                .en()
                .contains("3 decimals")
        );
        assert!(parse_minor("1e6").is_err());
        assert!(parse_minor("-5").is_err());
        assert!(parse_minor("99999999999999999999").is_err());
    }

    #[test]
    fn exactly_80_percent_fails_and_80_01_passes() {
        assert!(!passes(8000, 10_000, 80));
        assert!(passes(8001, 10_000, 80));
        assert_eq!(headroom(8000, 10_000, 80, 3), -1);
        assert!(headroom(8001, 10_000, 80, 3) >= 0);
        assert_eq!(share_tenths(8001, 10_000), Some(800));
        assert_eq!(share_tenths(1, 0), None);
    }

    #[test]
    fn a_share_that_passes_is_shown_above_the_threshold() {
        let at = |q, t| share_and_margin(q, t, 80).unwrap();
        // 2 401 200 of 3 000 000 = 80.04 %: one decimal would say "80.0" beside "passes".
        assert_eq!(
            at(240_120_000, 300_000_000),
            ("80.04".into(), "0.04".into())
        );
        // 800 001 of 1 000 000 = 80.0001 %
        assert_eq!(at(800_001, 1_000_000), ("80.0001".into(), "0.0001".into()));
        // exactly 80 % fails and says so in one decimal; so does anything below
        assert_eq!(at(800_000, 1_000_000), ("80.0".into(), "0.0".into()));
        // 79.9999 % exactly: as many decimals as show it, not "79.9" and a margin of "-0.1"
        assert_eq!(at(799_999, 1_000_000), ("79.9999".into(), "-0.0001".into()));
        // 79.99999984 %: shown truncated, 79.9999998, with the margin one unit further down
        assert_eq!(
            at(7_999_999_984, 10_000_000_000),
            ("79.9999998".into(), "-0.0000002".into())
        );
        // 79.95 %: 79.9 would overstate the shortfall; 79.5 % is a full unit below and is not
        assert_eq!(at(7_995, 10_000), ("79.95".into(), "-0.05".into()));
        assert_eq!(at(795, 1_000), ("79.5".into(), "-0.5".into()));
        // far from the threshold: one decimal, truncated (88.48… → 88.4)
        assert_eq!(
            at(15_023_130_075, 16_979_130_075), // øre: 150 231 300.75 of 169 791 300.75
            ("88.4".into(), "8.4".into())
        );
        // the smallest pass on the largest T the 16 decimals can show
        let t = 100_000_000_000_000_000_i64; // 10^17 øre
        let q = t / 5 * 4 + 1;
        assert!(passes(q, t, 80));
        let (share, margin) = at(q, t);
        assert!(
            share.starts_with("80.0000") && share.ends_with('1'),
            "{share}"
        );
        assert!(
            margin.ends_with('1') && margin.starts_with("0.0"),
            "{margin}"
        );
        assert_eq!(share_and_margin(1, 0, 80), None);
    }

    #[test]
    fn headroom_is_the_largest_extra_that_still_passes() {
        // 5·Q − 4·T = 241 ⇒ (5Q−4T)/12 … one minor unit a year more still passes, two do not
        let (q, t) = (100_000_i64, 124_999_i64);
        let h = headroom(q, t, 80, 3);
        assert!(passes(q, t + 3 * h, 80));
        assert!(!passes(q, t + 3 * (h + 1), 80));
        // One year of activity carries the whole headroom: 5·900 − 4·1000 = 500 øre, a pass
        // up to 124 more (125 would be exactly 80 %).
        assert_eq!(headroom(900, 1000, 80, 1), 124);
        assert!(passes(900, 1000 + 124, 80));
        assert!(!passes(900, 1000 + 125, 80));
    }
}
