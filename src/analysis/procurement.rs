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
use crate::model::{Item, Model};
use crate::source::Sources;

pub static BASIS: Rule = Rule::builtin(
    "procurement/basis",
    Severity::Error,
    LegalCondition::Procurement,
    "A subscription's procurement basis is incomplete or above the threshold",
    "Each subscription names its basis. `tender` needs the notice reference of the competition \
     (`procurement.reference`, e.g. a Doffin number). `below-threshold` is only lawful while the \
     whole contract's estimated value (NOK excluding VAT: `estimated_value`, or `annual_value` \
     times the term, 48 months without an end date, added up with the buyer's contracts for the \
     same need) stays below the floor of the jurisdiction pack in force on the award date \
     (`threshold \"below-threshold-value\"` in egenregi.kdl overrides it for every date). \
     `no-contract` above the threshold is an illegal direct award waiting to happen. An illegal \
     direct award is the buyer's breach, with fines and ineffectiveness.",
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

/// The estimated value of a contract (DESIGN §3.5).
#[derive(Debug)]
struct Value {
    /// Minor units (øre), exact.
    minor: i64,
    how: How,
}

/// How [`Value`] was reached: the figures its words need, put into words only for the
/// decisions that say them ([`Value::how`]); words made for every subscription were a list of
/// arguments and three strings each, 15,000 at national scale (issue 18).
#[derive(Debug, Clone, Copy)]
enum How {
    /// `estimated_value` as stated.
    Stated,
    /// `annual_value` over the `days` from `since` to `until`.
    Term { annual: i64, days: i64 },
    /// `annual_value` × 4, with no end date.
    NoEnd { annual: i64 },
}

impl Value {
    /// How the value was reached, in words; `s` is the subscription it was estimated for.
    fn how(&self, s: &crate::model::Subscription) -> Text {
        match self.how {
            How::Stated => Text::new("value-stated").arg("value", Arg::Amount(Minor(self.minor))),
            How::Term { annual, days } => Text::new("value-term")
                .arg("annual", Arg::Amount(Minor(annual)))
                .plain("days", days.to_string())
                .date("since", s.since)
                .date("until", s.until.unwrap_or_default()),
            How::NoEnd { annual } => {
                Text::new("value-no-end").arg("annual", Arg::Amount(Minor(annual)))
            }
        }
    }
}

/// The estimated value of one subscription: `estimated_value` when given; else `annual_value`
/// × the term (`since` to `until`, day-exact, a fixed term counts in full), or × 4 when there is
/// no end date (48 months: dir. art. 5(14)(b), FOA § 5-4). `Err` says what is missing.
/// `node` is the subscription's node in the tenant's document, where its value fields are read
/// as written.
fn estimate(
    t: &Item<'_, crate::model::Tenant>,
    i: usize,
    s: &crate::model::Subscription,
    node: Option<crate::load::tree::NodeRef<'_>>,
    sources: &Sources,
) -> Result<Value, Text> {
    let exact = |field: &str| -> Option<Result<i64, Text>> {
        node?.get(field)?.as_f64()?;
        let loc = t.doc.loc(&format!("/spec/subscriptions/{i}/{field}"));
        Some(parse_minor(sources.get(loc.source).slice(loc.span)))
    };
    if let Some(v) = exact("estimated_value") {
        let minor = v?;
        return Ok(Value {
            minor,
            how: How::Stated,
        });
    }
    let Some(annual) = exact("annual_value") else {
        return Err(Text::new("value-none"));
    };
    let annual = annual?;
    let since = Date::parse(s.since).ok_or_else(|| Text::new("value-no-since"))?;
    match s.until.and_then(Date::parse) {
        Some(until) if until >= since => {
            let days = until.days() - since.days() + 1;
            // Rounded up: the estimate never understates the contract.
            let minor = (i128::from(annual) * i128::from(days) + 364) / 365;
            let minor = i64::try_from(minor).unwrap_or(i64::MAX);
            Ok(Value {
                minor,
                how: How::Term { annual, days },
            })
        }
        Some(_) => Err(Text::new("value-until-before-since")),
        None => Ok(Value {
            minor: annual.saturating_mul(4),
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
    /// The floor in NOK on `date`; `None` when no version is on record for it.
    fn floor_on(&self, date: Date) -> Option<i64> {
        self.floor_override.or_else(|| {
            self.pack
                .threshold_on("below-threshold-value", date)
                .map(|v| v.value)
        })
    }

    /// Where a contract of `total` (minor units) awarded on `date` by a buyer of type `central`
    /// (a state authority) stands against the floor and the thresholds (DESIGN §3.5). Values
    /// equal to a threshold are at it, not below.
    fn exposure(&self, total: i64, date: Date, central: Option<bool>) -> Exposure {
        let nok = |name: &str| {
            self.pack
                .threshold_on(name, date)
                .map(|v| v.value.saturating_mul(100))
        };
        let Some(floor) = self.floor_on(date).map(|f| f.saturating_mul(100)) else {
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
    /// The award date (`since`): the thresholds in force on it apply, also to an as-of decision.
    award: Option<Date>,
    value: Result<Value, Text>,
    /// Minor units: the sum over the buyer's subscriptions of the same service from the same
    /// provider on the same basis (FOA § 5-4); this one's value when it stands alone.
    total: i64,
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

    /// The estimate for the subscription `d` decides: its tenant, and the index its target
    /// (`Tenant/id#/spec/subscriptions/N`) ends in.
    fn of(&self, d: &Decision) -> Option<&Estimated> {
        // Split at the last `/` (a byte search; a substring search set up a searcher per call).
        let (head, index) = d.subject.subscription.rsplit_once('/')?;
        if !(head.starts_with("Tenant/") && head.ends_with("#/spec/subscriptions")) {
            return None;
        }
        self.get(&d.subject.tenant, index.parse().ok()?)
    }
}

/// Estimates every subscription's value.
pub fn estimates<'m>(model: &'m Model<'_>, sources: &Sources) -> Estimates<'m> {
    // Contracts of one buyer for the same need are added up (FOA § 5-4): same buyer, service,
    // provider and basis.
    let mut totals: Map<(&str, &str, &str, &str), i64> = Map::default();
    // Each tenant's rows in the order of its subscriptions, sized once: growing one list by
    // doubling left a quarter of the national corpus's 1.4 MB of estimates unused at the peak.
    let mut each = Vec::with_capacity(model.tenants.len());
    for t in model.tenants.values() {
        let listed = t.doc.spec().get("subscriptions");
        let mut rows = Vec::with_capacity(t.spec.subscriptions.len());
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            let value = estimate(t, i, s, listed.and_then(|l| l.index(i)), sources);
            let provider = model
                .services
                .get(s.service)
                .map_or("", |x| x.spec.provider.as_str());
            let key = (t.spec.entity, s.service, provider, s.basis);
            if let Ok(v) = &value {
                let sum = totals.entry(key).or_default();
                *sum = sum.saturating_add(v.minor);
            }
            rows.push((key, value, Date::parse(s.since)));
        }
        each.push((t.id(), rows));
    }
    let mut per_tenant: Map<&str, Vec<Estimated>> =
        crate::hash::map_with_capacity(model.tenants.len());
    for (tenant, rows) in each {
        // Not `collect`: reusing the rows' allocation in place would keep its larger size.
        let mut list = Vec::with_capacity(rows.len());
        list.extend(rows.into_iter().map(|(key, value, award)| {
            let total = match &value {
                Ok(v) => totals.get(&key).copied().unwrap_or(v.minor),
                Err(_) => 0,
            };
            Estimated {
                award,
                value,
                total,
            }
        }));
        per_tenant.insert(tenant, list);
    }
    Estimates(per_tenant)
}

/// Records on every decision the contract's estimated value and its exposure (DESIGN §3.5): where
/// the value, added up with the buyer's contracts for the same need, stands against the floor
/// and the national and EEA thresholds in force on the award date.
pub fn expose(
    model: &Model<'_>,
    estimated: &Estimates<'_>,
    thresholds: Thresholds<'_>,
    decisions: &mut [Decision],
) {
    for d in decisions {
        let Some(e) = estimated.of(d) else {
            continue;
        };
        let Ok(v) = &e.value else {
            continue;
        };
        d.estimated_value = Some(Minor(v.minor));
        let Some(award) = e.award else {
            continue;
        };
        let central = d
            .subject
            .buyer
            .as_deref()
            .and_then(|b| model.entity(b))
            .map(|b| b.spec.kind == crate::model::EntityType::StateAgency);
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
    findings: &mut Findings,
) -> Vec<Decision> {
    let mut decisions = Vec::new();
    // Built only when a cooperation needs to know who is a contracting authority.
    let graph = std::cell::OnceCell::new();
    for t in model.tenants.values() {
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            let at = |p: &str| format!("/spec/subscriptions/{i}{p}");
            let mut push = |rule: &'static Rule, pointer: String, message: Text, help: Text| {
                findings.push(t.doc.finding(rule, &pointer, message).help(help));
            };
            let provider = model
                .services
                .get(s.service)
                .map(|x| x.spec.provider.as_str());
            let mut decision = Decision {
                subject: Arc::new(Subject {
                    subscription: t.doc.target(&at("")).into(),
                    tenant: t.id().into(),
                    buyer: Some(t.spec.entity.into()),
                    service: Some(s.service.into()),
                    provider: provider.map(Arc::from),
                    basis: s.basis.into(),
                }),
                date: Some(s.since.into()),
                purpose: "award",
                verdict: Verdict::NotAssessed,
                conditions: Shared::default(),
                estimated_value: None,
                exposure: Exposure::Unknown,
                assumptions: Shared::default(),
                not_checked: std::borrow::Cow::Borrowed(&[]),
            };
            match s.basis {
                "tender" => {
                    let reference = s.procurement.as_ref().and_then(|p| p.reference);
                    if let Some(r) = reference {
                        decision.conditions.push(Arc::new(
                            Condition::holds("procurement")
                                .because(Text::new("because-tender").name("reference", r)),
                        ));
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
                    decision
                        .not_checked
                        .to_mut()
                        .push(super::decision::NC_COMPETITION);
                }
                "below-threshold" | "no-contract" => {
                    let Some(e) = estimated.get(t.id(), i) else {
                        continue;
                    };
                    let threshold = Date::parse(s.since).and_then(|d| thresholds.floor_on(d));
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
                                Text::new("f-uses-but")
                                    .name("buyer", t.spec.entity)
                                    .name("service", s.service)
                                    .text("how", how_used(s))
                                    .text("why", why),
                                Text::new("h-no-floor"),
                            );
                        }
                        (Ok(v), Some(threshold)) => {
                            let total = Minor(e.total);
                            let because = Text::new(if total.0 == v.minor {
                                "because-value"
                            } else {
                                "because-value-summed"
                            })
                            .arg("value", Arg::Amount(Minor(v.minor)))
                            .text("how", v.how(s))
                            .name("service", s.service)
                            .arg("total", Arg::Amount(total))
                            .arg("floor", Arg::Amount(floor));
                            if total < floor {
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
                                    Text::new("f-value-not-below")
                                        .name("buyer", t.spec.entity)
                                        .name("service", s.service)
                                        .text("how", how_used(s))
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
                                Text::new("f-uses-but-it")
                                    .name("buyer", t.spec.entity)
                                    .name("service", s.service)
                                    .text("how", how_used(s))
                                    .text("why", why.clone()),
                                Text::new("h-value-unknown"),
                            );
                        }
                    }
                }
                "in-house" => {
                    if s.assessment.is_none_or(|a| a.trim().is_empty()) {
                        push(
                            &ASSESSMENT,
                            at("/basis"),
                            Text::new("f-no-assessment")
                                .name("buyer", t.spec.entity)
                                .name("service", s.service),
                            Text::new("h-no-assessment"),
                        );
                    }
                    continue; // the in-house analyses decide
                }
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
