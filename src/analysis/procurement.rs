//! Procurement basis: every subscription needs a lawful basis. A tender needs a notice reference;
//! a below-threshold award must stay below the threshold; an in-house award needs a written
//! assessment (the buyer carries the burden of proof).

use std::sync::Arc;

use super::Minor;
use super::activity::parse_minor;
use super::control::Graph;
use super::cooperation;
use super::decision::{Condition, Decision, Exposure, Shared, Subject, Verdict};
use super::pack::Jurisdiction;
use crate::date::Date;
use crate::finding::{Example, Findings, LegalCondition, Rule, Severity};
use crate::hash::Map;
use crate::i18n::{Arg, Text};
use crate::load::placeholder::is_placeholder_in;
use crate::model::{Item, Model};
use crate::source::Sources;

pub static BASIS: Rule = Rule::builtin(
    "procurement/basis",
    Severity::Error,
    LegalCondition::Procurement,
    "A subscription's procurement basis is incomplete or above the threshold",
    "Each subscription names its basis. `tender` needs the notice reference of the competition \
     (`procurement.reference`, e.g. a Doffin number) and the award date (`procurement.awarded`), \
     no later than the subscription's `since`: without the date, whether that contract covers \
     the subscription is not known. `below-threshold` is only lawful while the \
     whole contract's estimated value (NOK excluding VAT: `estimated_value`, or `annual_value` \
     times the term, 48 months without an end date, added up with the buyer's contracts for the \
     same need) stays below the floor of the jurisdiction pack in force on the award date. \
     `threshold \"below-threshold-value\"` in egenregi.kdl replaces it for every date, but a \
     value below that setting and not below the pack's floor (or on a date the pack has none \
     for) is for review, and the exposure is always measured against the pack's floor. \
     `no-contract` above the threshold is an illegal direct award waiting to happen. An illegal \
     direct award is the buyer's breach, with fines and ineffectiveness. A subscription to a \
     service the buyer provides itself is no award at all: a legal person makes no contract \
     with itself.",
    Some(Example {
        fails: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: digdir}\nspec: {type: state-agency}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: digdir}\nspec:\n  entity: digdir\n  subscriptions: [{service: svarut, since: 2024-03-01, basis: tender}]\n---\n", five_good_years!()).as_bytes(),
        passes: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: digdir}\nspec: {type: state-agency}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: digdir}\nspec:\n  entity: digdir\n  subscriptions: [{service: svarut, since: 2024-03-01, basis: tender, procurement: {reference: \"2024-123456\", awarded: 2024-03-01}}]\n---\n", five_good_years!()).as_bytes(),
    }),
);

pub static ASSESSMENT: Rule = Rule::builtin(
    "procurement/assessment",
    Severity::Warning,
    LegalCondition::Procurement,
    "An in-house subscription has no written assessment",
    "The buyer carries the burden of proof that the in-house conditions hold. Each in-house \
     subscription should name its written assessment (`assessment`), so a reviewer can find the \
     reasoning behind the award.",
    Some(Example {
        fails: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions: [{service: svarut, since: 2024-03-01, basis: in-house}]\n---\n", five_good_years!()).as_bytes(),
        passes: clean!().as_bytes(),
    }),
);

pub static RULES: &[&Rule] = &[&BASIS, &ASSESSMENT, &cooperation::COOPERATION];

/// Parts of an øre in which contract values are kept exact: a month is 1/12 of a year and a day
/// of a broken remainder 1/365, so every value is a whole number of 1/(12 × 365) øre.
const PARTS: i128 = 12 * 365;

/// The estimated value of a contract (DESIGN §3.5).
#[derive(Debug)]
struct Value {
    /// Exact, in 1/[`PARTS`] øre: compared with a threshold without rounding.
    exact: i128,
    how: How,
}

/// How [`Value`] was reached: the figures its words need, put into words only for the
/// decisions that say them ([`Value::how`]); words made for every subscription were a list of
/// arguments and three strings each, 15,000 at national scale (issue 18).
#[derive(Debug, Clone, Copy)]
enum How {
    /// `estimated_value` as stated.
    Stated,
    /// `annual_value` over the term from `since` to `until`: `months` whole months as twelfths
    /// of a year, and a broken remainder of `days` as 365ths.
    Term { annual: i64, months: i64, days: i64 },
    /// `annual_value` × 4, with no end date.
    NoEnd { annual: i64 },
}

/// `exact` (1/[`PARTS`] øre) in whole øre, rounded down. Thresholds are whole øre, so a value
/// rounded down is at or above a threshold exactly when the exact value is: the figure shown
/// never contradicts the verdict.
fn shown(exact: i128) -> Minor {
    Minor(i64::try_from(exact.div_euclid(PARTS)).unwrap_or(i64::MAX))
}

impl Value {
    /// The value in whole øre, rounded down ([`shown`]).
    fn minor(&self) -> Minor {
        shown(self.exact)
    }

    /// How the value was reached, in words; `s` is the subscription it was estimated for.
    fn how(&self, s: &crate::model::Subscription) -> Text {
        let how = match self.how {
            How::Stated => Text::new("value-stated").arg("value", Arg::Amount(self.minor())),
            How::Term {
                annual,
                months,
                days,
            } => Text::new(match (months, days) {
                (_, 0) => "value-term-months",
                (0, _) => "value-term-days",
                _ => "value-term-months-days",
            })
            .arg("annual", Arg::Amount(Minor(annual)))
            .count("months", usize::try_from(months).unwrap_or(usize::MAX))
            .count("days", usize::try_from(days).unwrap_or(usize::MAX))
            .date("since", s.since)
            .date("until", s.until.unwrap_or_default()),
            How::NoEnd { annual } => {
                Text::new("value-no-end").arg("annual", Arg::Amount(Minor(annual)))
            }
        };
        if self.exact % PARTS == 0 {
            how
        } else {
            Text::new("value-rounded-down").text("how", how)
        }
    }
}

/// Whole months from `since` to `until` (both days included), and the days left over: a month
/// runs from a day to the day before the same day of the next month, or to that month's last
/// day when it has no such day (Reg. 1182/71 art. 3(2)(c)), so 2024-01-01 to 2024-12-31,
/// 2024-02-29 to 2025-02-28 and 2024-01-31 to 2024-02-29 are 12, 12 and 1 months and no days.
fn term(since: Date, until: Date) -> (i64, i64) {
    let end = until.days() + 1;
    // The first day after `m` months: the same day of the month `m` later; where that month
    // has no such day (`add_months` then gives its last day), the day after its last day.
    let after = |m: i64| {
        since.add_months(m).map_or(i64::MAX, |d| {
            if d.day < since.day {
                d.days() + 1
            } else {
                d.days()
            }
        })
    };
    let mut months = (i64::from(until.year) - i64::from(since.year)) * 12 + i64::from(until.month)
        - i64::from(since.month);
    months = months.max(0);
    while months > 0 && after(months) > end {
        months -= 1;
    }
    while after(months + 1) <= end {
        months += 1;
    }
    let days = end - after(months);
    (months, days.max(0))
}

/// The estimated value of one subscription: `estimated_value` when given; else `annual_value`
/// × the term (`since` to `until`: a fixed term counts in full, whole months as twelfths of the
/// year and only a broken remainder by the day), or × 4 when there is no end date (48 months:
/// dir. art. 5(14)(b), FOA § 5-4). `Err` says what is missing. `node` is the subscription's
/// node in the tenant's document, where its value fields are read as written.
fn estimate(
    t: &Item<'_, crate::model::Tenant>,
    s: &crate::model::Subscription,
    node: Option<crate::load::tree::NodeRef<'_>>,
    sources: &Sources,
) -> Result<Value, Text> {
    let exact = |field: &str| -> Option<Result<i64, Text>> {
        let value = node?.get(field)?;
        value.as_f64()?;
        // The number as written, at its span; `parse_minor` says what is wrong with the amount
        // in a clause of its own
        Some(
            parse_minor(sources.get(t.doc.source()).slice(value.span()))
                .map_err(|why| Text::new("value-unreadable").text("why", why)),
        )
    };
    let yearly = || -> Option<Result<Value, Text>> { Some(by_year(s, exact("annual_value")?)) };
    if let Some(v) = exact("estimated_value") {
        let stated = Value {
            exact: i128::from(v?) * PARTS,
            how: How::Stated,
        };
        // Both given: the whole contract is worth at least its annual value over its term, so
        // a smaller estimate contradicts it, and which one is true is not known.
        if let Some(Ok(y)) = yearly()
            && y.exact > stated.exact
        {
            return Err(Text::new("value-below-annual")
                .arg("value", Arg::Amount(stated.minor()))
                .text("how", y.how(s)));
        }
        return Ok(stated);
    }
    yearly().unwrap_or_else(|| Err(Text::new("value-none")))
}

/// `annual_value` (`annual`, as read) × the term of `s`, or × 4 with no end date.
fn by_year(s: &crate::model::Subscription, annual: Result<i64, Text>) -> Result<Value, Text> {
    let annual = annual?;
    let since = Date::parse(s.since).ok_or_else(|| Text::new("value-no-since"))?;
    match s.until.and_then(Date::parse) {
        Some(until) if until >= since => {
            let (months, days) = term(since, until);
            Ok(Value {
                exact: i128::from(annual)
                    .saturating_mul(i128::from(months) * 365 + i128::from(days) * 12),
                how: How::Term {
                    annual,
                    months,
                    days,
                },
            })
        }
        Some(_) => Err(Text::new("value-until-before-since")),
        None => Ok(Value {
            exact: i128::from(annual).saturating_mul(4 * PARTS),
            how: How::NoEnd { annual },
        }),
    }
}

/// `below the threshold` or `with no contract`, for messages.
fn how_used(s: &crate::model::Subscription) -> Text {
    Text::new(if s.basis == "no-contract" {
        "used-no-contract"
    } else {
        "used-below-threshold"
    })
}

/// The thresholds the value tests read: the floor from egenregi.kdl when it is set there (for
/// every date), else the pack's version in force on the award date; the national and EEA
/// thresholds from the pack, dated.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds<'p> {
    pub pack: &'p Jurisdiction,
    /// `threshold "below-threshold-value"` in egenregi.kdl, NOK.
    pub floor_override: Option<i64>,
}

impl Thresholds<'_> {
    /// The statutory floor in NOK on `date` (the pack's version in force); `None` when no
    /// version is on record for it.
    fn statutory_floor_on(&self, date: Date) -> Option<i64> {
        self.pack
            .threshold_on("below-threshold-value", date)
            .map(|v| v.value)
    }

    /// The floor a value is held against on `date`: egenregi.kdl's when it is set (for every
    /// date), else the pack's in force; `None` when neither is known.
    fn floor_on(&self, date: Date) -> Option<i64> {
        self.floor_override
            .or_else(|| self.statutory_floor_on(date))
    }

    /// Where a contract of `total` (minor units) awarded on `date` by a buyer of type `central`
    /// (a state authority) stands against the floor and the thresholds (DESIGN §3.5). `total` is
    /// exact, in 1/[`PARTS`] øre. Values equal to a threshold are at it, not below.
    fn exposure(&self, total: i128, date: Date, central: Option<bool>) -> Exposure {
        let exact = |nok: i64| i128::from(nok) * 100 * PARTS;
        let nok = |name: &str| self.pack.threshold_on(name, date).map(|v| exact(v.value));
        // Exposure is to the law: the statutory floor, whatever egenregi.kdl sets.
        let Some(floor) = self.statutory_floor_on(date).map(exact) else {
            return Exposure::Unknown;
        };
        if total < floor {
            return Exposure::BelowFloor;
        }
        let Some(national) = nok("national-threshold") else {
            return Exposure::Unknown;
        };
        if total < national {
            return Exposure::BelowNationalThreshold;
        }
        let eea = match central {
            Some(true) => nok("eea-services-central"),
            Some(false) => nok("eea-services-other"),
            None => None,
        };
        match eea {
            Some(eea) if total < eea => Exposure::BelowEeaThreshold,
            Some(_) => Exposure::AboveEeaThreshold,
            None => Exposure::Unknown,
        }
    }
}

/// One subscription's estimated value, and the sum over the buyer's contracts for the same need.
#[derive(Debug)]
struct Estimated {
    value: Result<Value, Text>,
    /// The sum this value is a part of, when it does not stand alone ([`Estimated::total`]):
    /// kept apart, as nearly every contract stands alone, and inline the sum was 32 of each
    /// estimate's 96 bytes (1.4 MB of estimates at the national heap peak, issue 18).
    sum: Option<Box<Sum>>,
}

/// The sum over a buyer's subscriptions of the same service from the same provider (FOA § 5-4)
/// on a basis of the same [`need`].
#[derive(Debug)]
struct Sum {
    /// Exact, in 1/[`PARTS`] øre.
    total: i128,
    /// A subscription in the sum whose value is not known (`Tenant/id#/spec/subscriptions/N`):
    /// `total` is then only what is known of the sum.
    unknown: Option<Box<str>>,
}

impl Estimated {
    /// Exact, in 1/[`PARTS`] øre: the sum this value is a part of, or the value itself when it
    /// stands alone; 0 when the value is not known.
    fn total(&self) -> i128 {
        match (&self.value, &self.sum) {
            (Err(_), _) => 0,
            (Ok(v), None) => v.exact,
            (Ok(_), Some(sum)) => sum.total,
        }
    }

    /// A subscription in the sum whose value is not known (only for a value that is known).
    fn unknown(&self) -> Option<&str> {
        self.value
            .as_ref()
            .ok()
            .and(self.sum.as_ref())
            .and_then(|s| s.unknown.as_deref())
    }
}

/// Which of a buyer's contracts for the same service are added up: the bases whose lawfulness
/// depends on the value (below the threshold, no contract) together, since a buyer cannot split
/// one need between them to stay below the floor; any other basis on its own.
fn need(basis: &str) -> &str {
    match basis {
        "below-threshold" | "no-contract" => "below-threshold",
        other => other,
    }
}

/// Every subscription's estimated value: read once per run, for the value tests and for every
/// decision's exposure. Kept per tenant in the order of its subscriptions, so no target is
/// formatted and hashed for it (they were 4 of the 51 MB peak of the national corpus).
#[derive(Debug)]
pub struct Estimates<'m>(Map<&'m str, Vec<Estimated>>);

impl Estimates<'_> {
    /// The estimate for subscription `index` of tenant `tenant`.
    fn get(&self, tenant: &str, index: usize) -> Option<&Estimated> {
        self.0.get(tenant)?.get(index)
    }
}

/// What [`expose`] needs of each subscription's estimate, kept while the in-house decisions are
/// made: the value shown and the sum it is held against, 32 bytes where the estimate with its
/// reasons took 64 (0.5 MB at the national heap peak, 4.8 MB at ×10; issue 18).
#[derive(Debug)]
pub struct Exposable<'m>(Map<&'m str, Vec<Known>>);

/// One subscription's value as [`expose`] reads it: `shown` is `None` when it is not known.
#[derive(Debug)]
struct Known {
    /// Exact, in 1/[`PARTS`] øre: the sum the value is a part of, or the value itself.
    total: i128,
    shown: Option<Minor>,
}

impl Exposable<'_> {
    /// What is known of the values of `tenant`'s subscriptions, in their order.
    fn of(&self, tenant: &str) -> &[Known] {
        self.0.get(tenant).map_or(&[], Vec::as_slice)
    }
}

impl<'m> From<Estimates<'m>> for Exposable<'m> {
    fn from(estimates: Estimates<'m>) -> Self {
        Self(
            estimates
                .0
                .into_iter()
                .map(|(tenant, list)| {
                    let known = list
                        .iter()
                        .map(|e| Known {
                            total: e.total(),
                            shown: e.value.as_ref().ok().map(Value::minor),
                        })
                        .collect();
                    (tenant, known)
                })
                .collect(),
        )
    }
}

/// The Tenants that fail their schema, by the buyer they name; `anyone` holds the first that
/// names no buyer that can be read or that exists (a valid Tenant's unknown buyer included),
/// which may be any buyer's. Built once per run, so a value test looks up its buyer, never scans them all.
struct Doubtful<'m, 'a> {
    by_buyer: Map<&'m str, &'m crate::model::Invalid<'a>>,
    anyone: Option<&'m crate::model::Invalid<'a>>,
}

impl<'m, 'a> Doubtful<'m, 'a> {
    fn of(model: &'m Model<'a>) -> Self {
        let mut out = Self {
            by_buyer: Map::default(),
            anyone: None,
        };
        for bad in model.invalid_of(crate::kind::Kind::Tenant) {
            // Each definition of a duplicated id may name another buyer.
            for doc in bad.docs() {
                match crate::model::raw_in(doc, "entity").as_str() {
                    Some(named) if model.entity(named).is_some() => {
                        out.by_buyer.entry(named).or_insert(bad);
                    }
                    _ => {
                        out.anyone.get_or_insert(bad);
                    }
                }
            }
        }
        // A valid Tenant whose buyer no document defines (`ref/unknown`): the id may be a typo
        // of any buyer's.
        if out.anyone.is_none() {
            out.anyone = model.tenants.values().find_map(|t| {
                model
                    .entity(t.spec.entity)
                    .map_or_else(|| model.dangling.get(t.spec.entity), |_| None)
            });
        }
        out
    }

    /// Why the sum `e` (a contract of `buyer`) may be larger than what is known of it: another
    /// subscription in it has no value that can be read, or a Tenant nobody can rely on may be
    /// `buyer`'s and hold another contract for the same need.
    fn unknown_part(&self, buyer: &str, e: &Estimated) -> Option<Text> {
        if let Some(other) = e.unknown() {
            return Some(Text::new("value-other-unknown").name("other", other));
        }
        self.by_buyer
            .get(buyer)
            .copied()
            .or(self.anyone)
            .map(|bad| Text::new("value-other-invalid").text("reason", bad.reason_text()))
    }
}

/// Estimates every subscription's value.
///
/// `with_rows` holds the documents with their rows (the model's may have let theirs go), where
/// the values are read as written.
pub fn estimates<'m>(
    model: &'m Model<'_>,
    with_rows: &crate::load::WithRows<'_>,
    sources: &Sources,
) -> Estimates<'m> {
    /// One tenant's values, each with the place of its need in the buyer's map.
    type Rows = Vec<(usize, Result<Value, Text>)>;
    /// The end of a buyer's list of tenants.
    const NONE: usize = usize::MAX;
    // Contracts of one buyer for the same need are added up (FOA § 5-4): same buyer, service,
    // provider, and basis of the same [`need`]. Each need with how many subscriptions it has,
    // what is known of its total, and its first subscription whose value is not known: one that
    // stands alone keeps no sum of its own.
    //
    // A need is one buyer's, so the buyers are taken one at a time, each with its tenants in
    // the model's order, and its needs are added up in a small map used again for the next.
    // One map for the whole corpus, sized for every subscription with four ids in each key,
    // held about 21 MB at ×10 (148,041 entries of 128 bytes and their index), and this stage
    // took 6.9 times as long at ×50 for 5 times the input, each entry at a random place in it
    // (issue 18).
    let tenants: Vec<&'m Item<'m, crate::model::Tenant<'m>>> = model.tenants.values().collect();
    // Each buyer's tenants, in the model's order: `first` by buyer, `next` by tenant.
    let mut first: Map<&str, usize> = crate::hash::map_with_capacity(tenants.len());
    let mut next = vec![NONE; tenants.len()];
    for (k, t) in tenants.iter().enumerate().rev() {
        if let Some(later) = first.insert(t.spec.entity, k) {
            next[k] = later;
        }
    }
    let mut per_tenant: Map<&str, Vec<Estimated>> = crate::hash::map_with_capacity(tenants.len());
    let mut sums: indexmap::IndexMap<(&str, &str), Need<'m>, ahash::RandomState> =
        indexmap::IndexMap::default();
    let mut rows: Vec<(usize, Rows)> = Vec::new();
    for (k, t) in tenants.iter().enumerate() {
        // Each buyer once, at its first tenant.
        if first.get(t.spec.entity) != Some(&k) {
            continue;
        }
        sums.clear();
        rows.clear();
        // The buyer's tenants in turn: `next` ends the list with NONE, which no tenant is at.
        let mut at = k;
        while let Some(&t) = tenants.get(at) {
            // The rows of the tenant, and of a subscription, are read only for a value stated:
            // nearly every subscription has none, and reading each one's rows again after
            // every file was read cost a cache miss for each (at ×10 of the many-providers
            // corpus, 158,745 subscriptions, 865 with a value; issue 18).
            let mut listed = None;
            let mut own = Vec::with_capacity(t.spec.subscriptions.len());
            for (i, s) in t.spec.subscriptions.iter().enumerate() {
                let stated = s.annual_value.is_some() || s.estimated_value.is_some();
                let node = stated
                    .then(|| {
                        *listed
                            .get_or_insert_with(|| with_rows.of(t.doc).spec().get("subscriptions"))
                    })
                    .flatten()
                    .and_then(|l| l.index(i));
                let value = estimate(t, s, node, sources);
                // The provider is the service's: keyed by the service, the need is the same,
                // and the service's document is not read for each subscription (at ×50 of the
                // many-providers corpus, 9,693 services' documents, read 20 times as long as at
                // ×10 for 5 times the subscriptions; issue 18).
                let entry = sums.entry((s.service, need(s.basis)));
                let place = entry.index();
                let need = entry.or_default();
                need.members += 1;
                match &value {
                    Ok(v) => need.total = need.total.saturating_add(v.exact),
                    // The first subscription of the sum whose value is not known. Its target is
                    // written only if the sum has another part: nearly every contract stands
                    // alone.
                    Err(_) => {
                        need.unknown.get_or_insert((t, i));
                    }
                }
                own.push((place, value));
            }
            rows.push((at, own));
            at = next.get(at).copied().unwrap_or(NONE);
        }
        for (at, own) in rows.drain(..) {
            let Some(t) = tenants.get(at) else { continue };
            // Sized once: growing the list by doubling left a quarter of the national corpus's
            // 1.4 MB of estimates unused at the peak.
            let mut list = Vec::with_capacity(own.len());
            list.extend(own.into_iter().map(|(place, value)| {
                let sum = value
                    .is_ok()
                    .then(|| sums.get_index(place))
                    .flatten()
                    .filter(|(_, need)| need.members > 1)
                    .map(|(_, need)| {
                        Box::new(Sum {
                            total: need.total,
                            unknown: need.unknown.map(|(t, i)| {
                                t.doc.target(&format!("/spec/subscriptions/{i}")).into()
                            }),
                        })
                    });
                Estimated { value, sum }
            }));
            per_tenant.insert(t.id(), list);
        }
    }
    Estimates(per_tenant)
}

/// What [`estimates`] adds up of one need while it reads the subscriptions.
#[derive(Default)]
struct Need<'m> {
    /// Subscriptions of the need.
    members: usize,
    /// Exact, in 1/[`PARTS`] øre: what is known of the total.
    total: i128,
    /// Its first subscription whose value is not known (tenant, index).
    unknown: Option<(&'m Item<'m, crate::model::Tenant<'m>>, usize)>,
}

/// Records on every decision the contract's estimated value and its exposure (DESIGN §3.5): where
/// the value, added up with the buyer's contracts for the same need, stands against the floor
/// and the national and EEA thresholds in force on the award date.
pub fn expose(
    model: &Model<'_>,
    estimated: &Exposable<'_>,
    thresholds: Thresholds<'_>,
    decisions: &mut [Decision],
) {
    // What is looked up by the decision's tenant and buyer, for the last ones seen: a tenant's
    // decisions follow one another, so each is looked up about once, not for each decision
    // (three lookups by id at random places in the heap, per decision; issue 18).
    type Looked<'e, 'm, 'a> = (
        &'e [Known],
        Option<&'m crate::model::Item<'a, crate::model::Tenant<'a>>>,
    );
    let mut tenant: Option<(usize, Looked<'_, '_, '_>)> = None;
    let mut buyer: Option<(usize, Option<bool>)> = None;
    for d in decisions {
        let at = d.subject.tenant.addr();
        let (known, item) = match tenant {
            Some((last, found)) if last == at => found,
            _ => {
                let id = &*d.subject.tenant;
                let found = (estimated.of(id), model.tenants.get(id));
                tenant = Some((at, found));
                found
            }
        };
        let Some(e) = known.get(d.subject.index) else {
            continue;
        };
        let Some(shown) = e.shown else {
            continue;
        };
        d.estimated_value = Some(shown);
        // The award date (`since`): the thresholds in force on it apply, also to an as-of
        // decision. Read here, not kept with every estimate (issue 18).
        let Some(award) = item
            .and_then(|t| t.spec.subscriptions.get(d.subject.index))
            .and_then(|s| Date::parse(s.since))
        else {
            continue;
        };
        // A sum with a part not known has no known exposure (the value says why).
        if d.conditions
            .iter()
            .any(|c| c.condition == "value" && c.verdict == Verdict::NotAssessed)
        {
            continue;
        }
        let central = match &d.subject.buyer {
            None => None,
            Some(b) => match buyer {
                Some((last, central)) if last == b.addr() => central,
                _ => {
                    let central = model
                        .entity(b)
                        .map(|b| b.spec.kind == crate::model::EntityType::StateAgency);
                    buyer = Some((b.addr(), central));
                    central
                }
            },
        };
        d.exposure = thresholds.exposure(e.total, award, central);
    }
}

/// Checks every subscription's basis and records a decision for every one that is not
/// in-house (the in-house analyses decide those).
pub fn run(
    model: &Model<'_>,
    sources: &Sources,
    thresholds: Thresholds<'_>,
    estimated: &Estimates<'_>,
    as_of: Date,
    // `inhouse/not-assessed`, for a value that cannot be added up (passed in: the in-house
    // analyses use this module's checks, so it cannot use theirs).
    not_assessed: &'static Rule,
    findings: &mut Findings,
) -> Vec<Decision> {
    let mut decisions = Vec::new();
    let doubtful = Doubtful::of(model);
    // Built only when a cooperation needs to know who is a contracting authority.
    let graph = std::cell::OnceCell::new();
    for t in model.tenants.values() {
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            let at = |p: &str| format!("/spec/subscriptions/{i}{p}");
            let mut push = |rule: &'static Rule, pointer: String, message: Text, help: Text| {
                findings.push(t.doc.finding(rule, &pointer, message).help(help));
            };
            let provider = model.service_of(s).map(|x| x.spec.provider.as_str());
            // The in-house analyses decide an in-house subscription: here it is only asked for
            // its written assessment, before a decision is made for it (half the national
            // corpus's subscriptions had one made and dropped: 2 % of the check's instructions).
            if s.basis == "in-house" {
                // A service the buyer provides itself is no award: procurement/basis says so
                // (in-house analyses), and no written assessment is asked for. A placeholder
                // names no assessment (data/placeholder says where it is).
                if provider != Some(t.spec.entity)
                    && s.assessment
                        .is_none_or(|a| a.trim().is_empty() || is_placeholder_in("assessment", a))
                {
                    push(
                        &ASSESSMENT,
                        at("/basis"),
                        Text::new("f-no-assessment")
                            .name("buyer", t.spec.entity)
                            .name("service", s.service),
                        Text::new("h-no-assessment"),
                    );
                }
                continue;
            }
            let mut decision = Decision {
                subject: Arc::new(Subject {
                    index: i,
                    tenant: t.id().into(),
                    buyer: Some(t.spec.entity.into()),
                    service: Some(s.service.into()),
                    provider: provider.map(super::decision::Name::from),
                    basis: s.basis.into(),
                }),
                date: Some(s.since.into()),
                purpose: super::decision::Purpose::Award,
                verdict: Verdict::NotAssessed,
                conditions: Shared::default(),
                estimated_value: None,
                exposure: Exposure::Unknown,
                assumptions: Shared::default(),
                not_checked: super::decision::NotChecked::Nothing,
            };
            match s.basis {
                "tender" => {
                    // A blank reference names no notice: the same as none.
                    let reference = s
                        .procurement
                        .as_ref()
                        .and_then(|p| p.reference)
                        .filter(|r| !r.trim().is_empty());
                    if let Some(r) = reference.filter(|r| is_placeholder_in("reference", r)) {
                        // data/placeholder reports the field; the notice is not known.
                        decision.conditions.push(Arc::new(
                            Condition::not_assessed(
                                "procurement",
                                super::decision::placeholder("procurement.reference", r),
                            )
                            .rule("data/placeholder"),
                        ));
                    } else if let Some(r) = reference {
                        let awarded = s
                            .procurement
                            .as_ref()
                            .and_then(|p| p.awarded)
                            .filter(|a| !a.trim().is_empty());
                        // The award date ties the subscription to the contract the notice led
                        // to (DESIGN §3.1): without it, whether the contract covers the
                        // subscription is not known; a subscription that began before the award
                        // is not covered for the time between.
                        let (condition, finding) = match awarded.map(|a| (a, Date::parse(a))) {
                            None => (
                                Condition::not_assessed(
                                    "procurement",
                                    Text::new("because-tender-no-award-date").name("reference", r),
                                )
                                .rule("procurement/basis"),
                                Some((
                                    Text::new("f-no-award-date"),
                                    at("/procurement"),
                                    "h-no-reference",
                                )),
                            ),
                            Some((a, Some(award)))
                                if Date::parse(s.since).is_some_and(|since| since < award) =>
                            {
                                (
                                    Condition::new("procurement", Verdict::Fails)
                                        .because(
                                            Text::new("because-used-before-award")
                                                .name("reference", r)
                                                .date("since", s.since)
                                                .date("awarded", a),
                                        )
                                        .rule("procurement/basis"),
                                    Some((
                                        Text::new("f-used-before-award").date("awarded", a),
                                        at("/procurement/awarded"),
                                        "h-used-before-award",
                                    )),
                                )
                            }
                            // An award date that does not parse never gets here: it fails
                            // the Tenant schema (`nullable_date`), and a decision on an invalid
                            // Tenant is not assessed before any basis is judged.
                            _ => (
                                Condition::holds("procurement")
                                    .because(Text::new("because-tender").name("reference", r)),
                                None,
                            ),
                        };
                        decision.conditions.push(Arc::new(condition));
                        if let Some((message, pointer, help)) = finding {
                            push(
                                &BASIS,
                                pointer,
                                message
                                    .name("buyer", t.spec.entity)
                                    .name("service", s.service)
                                    .name("reference", r)
                                    .date("since", s.since),
                                Text::new(help),
                            );
                        }
                    } else {
                        decision.conditions.push(Arc::new(
                            Condition::new("procurement", Verdict::Fails)
                                .because(Text::new("because-no-reference"))
                                .rule("procurement/basis"),
                        ));
                        push(
                            &BASIS,
                            at("/basis"),
                            Text::new("f-no-reference")
                                .name("buyer", t.spec.entity)
                                .name("service", s.service),
                            Text::new("h-no-reference"),
                        );
                    }
                    decision.not_checked = super::decision::NotChecked::Competition;
                }
                "below-threshold" | "no-contract" => {
                    let Some(e) = estimated.get(t.id(), i) else {
                        continue;
                    };
                    // `{buyer} uses {service} {how}, but ...`: how each finding here begins.
                    let uses = |id: &'static str| {
                        Text::new(id)
                            .name("buyer", t.spec.entity)
                            .name("service", s.service)
                            .text("how", how_used(s))
                    };
                    let award = Date::parse(s.since);
                    let threshold = award.and_then(|d| thresholds.floor_on(d));
                    // The pack's floor on the award date (what a floor set in egenregi.kdl
                    // is held against).
                    let law = award.and_then(|d| thresholds.statutory_floor_on(d));
                    let floor = Minor(threshold.unwrap_or(0).saturating_mul(100));
                    match (&e.value, threshold) {
                        (Ok(_), None) => {
                            let why = Text::new("because-no-floor").date("date", s.since);
                            decision.conditions.push(Arc::new(
                                Condition::not_assessed("value", why.clone())
                                    .rule("procurement/basis"),
                            ));
                            push(
                                &BASIS,
                                at("/since"),
                                uses("f-uses-but").text("why", why),
                                Text::new("h-no-floor"),
                            );
                        }
                        // What is known of the sum is below the floor, but a part of it is
                        // not known (values only add): whether the whole is below is not known.
                        (Ok(v), Some(_))
                            if e.total() < i128::from(floor.0) * PARTS
                                && let Some(why) = doubtful.unknown_part(t.spec.entity, e) =>
                        {
                            let because = Text::new("because-value-partial")
                                .arg("value", Arg::Amount(v.minor()))
                                .text("how", v.how(s))
                                .name("service", s.service)
                                .arg("total", Arg::Amount(shown(e.total())))
                                .arg("floor", Arg::Amount(floor))
                                .text("why", why.clone());
                            decision.conditions.push(Arc::new(
                                Condition::not_assessed("value", because)
                                    .rule("inhouse/not-assessed"),
                            ));
                            push(
                                not_assessed,
                                at("/basis"),
                                uses("f-value-partial").text("why", why),
                                Text::new("h-value-partial"),
                            );
                        }
                        (Ok(v), Some(threshold)) => {
                            let because = Text::new(if e.total() == v.exact {
                                "because-value"
                            } else {
                                "because-value-summed"
                            })
                            .arg("value", Arg::Amount(v.minor()))
                            .text("how", v.how(s))
                            .name("service", s.service)
                            .arg("total", Arg::Amount(shown(e.total())))
                            .arg("floor", Arg::Amount(floor));
                            // Exact: never a rounded value against the floor.
                            let below = |nok: i64| e.total() < i128::from(nok) * 100 * PARTS;
                            // Below egenregi.kdl's floor, but not below the pack's, or with no
                            // floor of the pack to hold it against: a setting is not the law.
                            let unsupported = match law {
                                _ if thresholds.floor_override.is_none() || !below(threshold) => {
                                    None
                                }
                                Some(law) if below(law) => None,
                                Some(law) => Some(
                                    Text::new("because-value-raised-floor")
                                        .arg("law", Arg::Amount(Minor(law.saturating_mul(100)))),
                                ),
                                None => {
                                    Some(Text::new("because-value-set-floor").date("date", s.since))
                                }
                            };
                            if let Some(why) = unsupported {
                                decision.conditions.push(Arc::new(
                                    Condition::new("value", Verdict::Review)
                                        .because(why.text("because", because))
                                        .rule("procurement/basis"),
                                ));
                            } else if e.total() < i128::from(floor.0) * PARTS {
                                decision
                                    .conditions
                                    .push(Arc::new(Condition::holds("value").because(because)));
                            } else {
                                decision.conditions.push(Arc::new(
                                    Condition::new("value", Verdict::Fails)
                                        .because(because.clone())
                                        .rule("procurement/basis"),
                                ));
                                let pointer = if s.annual_value.is_some() {
                                    at("/annual_value")
                                } else {
                                    at("/basis")
                                };
                                push(
                                    &BASIS,
                                    pointer,
                                    uses("f-value-not-below")
                                        .arg("threshold", Arg::Whole(threshold))
                                        .text("because", because),
                                    Text::new("h-value-not-below"),
                                );
                            }
                        }
                        (Err(why), _) => {
                            decision.conditions.push(Arc::new(
                                Condition::not_assessed(
                                    "value",
                                    Text::new("because-value-unknown").text("why", why.clone()),
                                )
                                .rule("procurement/basis"),
                            ));
                            push(
                                &BASIS,
                                at("/basis"),
                                uses("f-uses-but-it").text("why", why.clone()),
                                Text::new("h-value-unknown"),
                            );
                        }
                    }
                }
                "in-house" => continue, // judged above, decided by the in-house analyses
                "cooperation" => {
                    let graph = graph.get_or_init(|| Graph::new(model));
                    let claim = cooperation::Claim {
                        tenant: t,
                        index: i,
                        sub: s,
                        provider,
                    };
                    cooperation::decide(
                        model,
                        sources,
                        graph,
                        thresholds
                            .pack
                            .threshold("cooperation-open-market")
                            .unwrap_or(20),
                        as_of,
                        &claim,
                        &mut decision,
                        findings,
                    );
                }
                other => {
                    decision.conditions.push(Arc::new(Condition::not_assessed(
                        "basis",
                        Text::new("because-unknown-basis").name("basis", other),
                    )));
                }
            }
            decision.settle();
            decisions.push(decision);
        }
    }
    decisions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 15,000 estimates at the national heap peak: a value that stands alone keeps no sum, and
    /// the award date is read where it is needed (96 bytes each when every estimate held both).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_estimate_stays_small() {
        assert_eq!(std::mem::size_of::<Estimated>(), 64);
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn a_term_counts_months_to_the_last_day_of_a_shorter_month() {
        for (since, until, want) in [
            ("2024-01-01", "2024-12-31", (12, 0)),
            // A month from the 29th February, or from the 31st January, ends on the last day
            // of the month that has no such day. Before: "12 months and 1 day" and "1 month and
            // 1 day", so 99 990 a year read 100 263.94 and failed the 100 000 floor.
            ("2024-02-29", "2025-02-28", (12, 0)),
            ("2024-01-31", "2024-02-29", (1, 0)),
            ("2024-01-30", "2024-02-29", (1, 0)),
            // two months from the 31st January end on the 30th March, the day before the 31st
            ("2024-01-31", "2024-03-30", (2, 0)),
            ("2024-01-31", "2024-03-31", (2, 1)),
            ("2023-01-29", "2023-02-28", (1, 0)),
            ("2024-01-30", "2024-02-28", (0, 30)),
            ("2024-03-15", "2024-03-15", (0, 1)),
            ("2023-02-28", "2024-02-27", (12, 0)),
            ("2023-02-28", "2024-02-28", (12, 1)),
        ] {
            assert_eq!(term(d(since), d(until)), want, "{since}..{until}");
        }
    }
}
