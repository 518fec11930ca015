//! Horizontal cooperation (anskaffelsesforskriften § 3-3, directive art. 12(4)): a contract
//! between contracting authorities that cooperate toward common public-service objectives is
//! outside the procurement rules when every party is a contracting authority, the cooperation is
//! governed solely by public-interest considerations, and each party performs less than 20 % of
//! the activities concerned on the open market (measured as art. 12(5) says, over the three
//! years before the award). What can be read from the repository is checked; what is a judgment
//! (whether the cooperation is genuine) is said to be unchecked.

use std::sync::Arc;

use super::activity::{self, Group, Members, share_tenths};
use super::control::Graph;
use super::decision::{Condition, Decision, Verdict};
use crate::date::Date;
use crate::finding::{Example, Findings, LegalCondition, Rule, Severity};
use crate::i18n::{Arg, Text};
use crate::kind::Kind;
use crate::load::placeholder::is_placeholder_in;
use crate::model::{EntityType, Item, Model, Subscription, Tenant};
use crate::source::Sources;

pub static COOPERATION: Rule = Rule::builtin(
    "procurement/cooperation",
    Severity::Error,
    LegalCondition::Procurement,
    "A cooperation between authorities fails a condition of § 3-3",
    "`basis: cooperation` claims horizontal cooperation between contracting authorities \
     (anskaffelsesforskriften § 3-3, art. 12(4) of the directive). It is lawful only when a \
     cooperation agreement is on record, the buyer and the provider are parties to it, every \
     party is a contracting authority (a private party is never one: C-429/19 Remondis), the \
     parties pursue common public-service objectives, and each party performs less than 20 % of \
     the activities concerned on the open market, measured over the three financial years \
     before the award as for in-house awards. Activity for a contracting authority that is not \
     a party counts against a party under art. 12(5) (C-553/15 Undis Servizi); whether it does \
     under § 3-3 is not settled, so a party below 20 % only when that activity is left out is \
     for review. A placeholder agreement or objectives, or an agreement whose evidence file is \
     missing, is not on record. A party that is a company must have activity reports for those \
     years; a municipality, county or state agency without reports is taken to be below 20 %, \
     and the decision says so.",
    Some(Example {
        fails: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: acme}\nspec: {type: private}\n---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions:\n    - service: svarut\n      since: 2024-03-01\n      basis: cooperation\n      cooperation: {agreement: \"Samarbeidsavtale 2024\", parties: [oslo, ks-digital, acme], objectives: \"Felles digital post\"}\n---\n", five_good_years!()).as_bytes(),
        // Oslo and Bergen, two municipalities: Bergen runs the service for both. (ks-digital
        // would be a question for review: its activity for KS members that are not parties.)
        passes: concat!(ks_and_oslo!(), "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: bergen, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions:\n    - service: svarut\n      since: 2024-03-01\n      basis: cooperation\n      cooperation: {agreement: \"Samarbeidsavtale 2024\", parties: [oslo, bergen], objectives: \"Felles digital post\"}\n---\n").as_bytes(),
    }),
);

/// What is not on the open market. Leniently: activity for any contracting authority (the
/// parties and any other), and lumped lines of associations whose members all are. Strictly:
/// activity for the parties only, so that activity for an authority outside the cooperation
/// counts against a party, as it does under art. 12(5) (C-553/15 Undis Servizi). Which reading
/// § 3-3 takes is unsettled; the strict one records the authorities it left out.
struct Authorities<'g, 'm, 'a, 'p> {
    graph: &'g Graph<'m, 'a>,
    date: String,
    /// `Some(parties)`: the strict reading.
    parties: Option<&'p [&'p str]>,
    /// Contracting authorities that are not parties, met by the strict reading.
    outside: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl Group for Authorities<'_, '_, '_, '_> {
    fn contains(&self, entity: &str) -> bool {
        let Some(parties) = self.parties else {
            return self.graph.is_ca(entity, &self.date);
        };
        if parties.contains(&entity) {
            return true;
        }
        if self.graph.is_ca(entity, &self.date) {
            self.outside.borrow_mut().insert(entity.to_owned());
        }
        false
    }

    fn members_of(&self, association: &str, year: i32) -> Members {
        let members = self.graph.members_in_year(association, year);
        Members::classify(&members, |m| self.contains(m))
    }

    fn ids(&self) -> Vec<String> {
        Vec::new()
    }

    fn date(&self) -> &str {
        &self.date
    }
}

/// One subscription on `basis: cooperation`, and where its findings go.
#[allow(
    missing_debug_implementations,
    reason = "borrowed views, never printed"
)]
pub struct Claim<'x, 'a> {
    pub tenant: &'x Item<'a, Tenant<'a>>,
    pub index: usize,
    pub sub: &'x Subscription<'a>,
    pub provider: Option<&'x str>,
}

/// Judges one cooperation claim into `decision` (conditions `cooperation`, `parties` and
/// `open-market`); every condition that fails or cannot be assessed is also a finding.
/// `open_market` is the pack's limit in percent (20: "less than 20 %").
#[allow(clippy::too_many_lines, clippy::too_many_arguments)]
pub fn decide(
    model: &Model<'_>,
    sources: &Sources,
    graph: &Graph<'_, '_>,
    open_market: i64,
    as_of: Date,
    claim: &Claim<'_, '_>,
    decision: &mut Decision,
    findings: &mut Findings,
) {
    let Claim {
        tenant,
        index,
        sub,
        provider,
    } = *claim;
    let at = |p: &str| format!("/spec/subscriptions/{index}{p}");
    let mut push = |pointer: String, message: Text, help: Text| {
        findings.push(
            tenant
                .doc
                .finding(&COOPERATION, &pointer, message)
                .help(help),
        );
    };
    let buyer = tenant.spec.entity;
    let date = sub.since;
    decision.not_checked = super::decision::NotChecked::GenuineCooperation;
    let Some(coop) = &sub.cooperation else {
        decision.conditions.push(Arc::new(
            Condition::new("cooperation", Verdict::Fails)
                .because(Text::new("because-coop-no-agreement"))
                .rule("procurement/cooperation"),
        ));
        push(
            at("/basis"),
            Text::new("f-coop-no-agreement")
                .name("buyer", buyer)
                .name("service", sub.service),
            Text::new("h-coop-no-agreement"),
        );
        return;
    };
    // The agreement and who is a party to it.
    let mut wrong: Vec<(String, Text)> = Vec::new();
    if coop.agreement.is_none_or(|a| a.trim().is_empty()) {
        wrong.push((at("/cooperation"), Text::new("coop-names-no-agreement")));
    }
    // A party that names no entity may be the buyer or the provider mistyped: then their
    // absence is not known, and the typo is ref/unknown's to report, not a legal failure.
    let unknown: Vec<&str> = coop
        .parties
        .iter()
        .copied()
        .filter(|p| model.entity(p).is_none() && model.invalid(Kind::Entity, p).is_none())
        .collect();
    let mut uncertain: Vec<Text> = Vec::new();
    for (who, id) in [("buyer", Some(buyer)), ("provider", provider)] {
        if let Some(id) = id
            && !coop.parties.contains(&id)
        {
            if let Some(typo) = unknown.first() {
                uncertain.push(
                    Text::new("coop-party-unknown")
                        .plain("who", who)
                        .name("id", id)
                        .name("typo", *typo),
                );
            } else {
                wrong.push((
                    at("/cooperation/parties"),
                    Text::new("coop-party-missing")
                        .plain("who", who)
                        .name("id", id),
                ));
            }
        }
    }
    // A placeholder is not an agreement (data/placeholder reports it), and an agreement whose
    // evidence file is missing (evidence/missing) is not on record: neither is relied on.
    // The rules that reported those causes, for the condition to name.
    let mut causes: Vec<&'static str> = Vec::new();
    if let Some(a) = coop.agreement.filter(|a| is_placeholder_in("agreement", a)) {
        uncertain.push(super::decision::placeholder("cooperation.agreement", a));
        causes.push("data/placeholder");
    }
    let evidence_target = tenant.doc.target(&at("/cooperation/evidence"));
    if let Some(file) = coop.evidence {
        if model.missing_evidence.contains(&evidence_target) {
            uncertain.push(Text::new("coop-evidence-missing").plain("file", format!("`{file}`")));
            causes.push("evidence/missing");
        } else if is_placeholder_in("evidence", file) {
            uncertain.push(super::decision::placeholder("cooperation.evidence", file));
            causes.push("data/placeholder");
        }
    }
    let mut cooperation = if wrong.is_empty() && !uncertain.is_empty() {
        causes.into_iter().fold(
            Condition::not_assessed("cooperation", Text::new("list").texts("items", uncertain)),
            Condition::rule,
        )
    } else if wrong.is_empty() {
        Condition::holds("cooperation").because(
            Text::new("because-coop-agreement")
                .name("agreement", coop.agreement.unwrap_or_default())
                .arg(
                    "parties",
                    Arg::List(coop.parties.iter().map(|p| (*p).to_owned()).collect()),
                ),
        )
    } else {
        for (pointer, w) in &wrong {
            push(
                pointer.clone(),
                Text::new("f-coop-wrong")
                    .name("buyer", buyer)
                    .name("service", sub.service)
                    .text("what", w.clone()),
                Text::new("h-coop-wrong"),
            );
        }
        let why = wrong.into_iter().map(|(_, w)| w).collect();
        Condition::new("cooperation", Verdict::Fails)
            .because(Text::new("because-coop-wrong").texts("why", why))
            .rule("procurement/cooperation")
    };
    if cooperation.verdict != Verdict::NotAssessed {
        cooperation
            .evidence
            .extend(coop.evidence.map(str::to_owned));
    }
    decision.conditions.push(Arc::new(cooperation));
    match coop.objectives.map(str::trim) {
        Some(o) if is_placeholder_in("objectives", o) => {
            decision.conditions.push(Arc::new(
                Condition::not_assessed(
                    "objectives",
                    super::decision::placeholder("cooperation.objectives", o),
                )
                .rule("data/placeholder"),
            ));
        }
        Some(o) if !o.is_empty() => decision.assumptions.push(
            Text::new("assume-coop-objectives")
                .plain("objectives", o)
                .into(),
        ),
        _ => {
            decision.conditions.push(Arc::new(
                Condition::not_assessed("objectives", Text::new("because-coop-no-objectives"))
                    .rule("procurement/cooperation"),
            ));
            push(
                at("/cooperation"),
                Text::new("f-coop-no-objectives")
                    .name("buyer", buyer)
                    .name("service", sub.service),
                Text::new("h-coop-no-objectives"),
            );
        }
    }
    // Every party a contracting authority on the award date; the open-market test per party.
    let Some(day) = Date::parse(date) else {
        decision.conditions.push(Arc::new(Condition::not_assessed(
            "parties",
            Text::new("because-no-award-date"),
        )));
        return;
    };
    let mut private = Vec::new();
    let mut unknown = Vec::new();
    let mut market_fails = Vec::new();
    let mut market_unknown = Vec::new();
    let mut market_holds = Vec::new();
    let mut market_review = Vec::new();
    // Where each party below the limit on one reading only is named, with why: a warning each.
    let mut review_at: Vec<(String, Text)> = Vec::new();
    let group = Authorities {
        graph,
        date: date.to_owned(),
        parties: None,
        outside: std::cell::RefCell::default(),
    };
    for (k, &party) in coop.parties.iter().enumerate() {
        let pointer = at(&format!("/cooperation/parties/{k}"));
        let Some(e) = model.entity(party) else {
            // A typo or an invalid document is its own finding (ref/unknown, schema): the
            // party's status is unknown, never a legal failure.
            let why = match model.invalid(Kind::Entity, party) {
                Some(bad) => bad.reason_text(),
                None => Text::new("party-not-entity").name("party", party),
            };
            unknown.push(why);
            continue;
        };
        if !graph.is_ca(party, date) {
            // Its open-market share is moot: the cooperation fails on who it is.
            private.push(party.to_owned());
            push(
                pointer,
                Text::new("f-coop-party-not-ca")
                    .name("party", party)
                    .name("service", sub.service)
                    .date("date", date),
                Text::new("h-coop-party-not-ca"),
            );
            continue;
        }
        if let Some(ground) = graph.ca_ground(party, date) {
            decision.assumptions.push(ground);
        }
        let has_reports = model.reports_of(party).next().is_some();
        if !has_reports {
            if matches!(
                e.spec.kind,
                EntityType::Municipality | EntityType::County | EntityType::StateAgency
            ) {
                decision.assumptions.push(
                    Text::new("assume-coop-no-reports")
                        .name("party", party)
                        .number("limit", open_market.to_string())
                        .into(),
                );
            } else {
                market_unknown.push(
                    Text::new("coop-no-reports")
                        .name("party", party)
                        .date("date", date),
                );
                push(
                    pointer,
                    Text::new("f-coop-no-reports")
                        .name("party", party)
                        .name("service", sub.service),
                    Text::new("h-coop-no-reports"),
                );
            }
            continue;
        }
        // The party's window before the award, with `group` as what is not on the open market
        // (a party is measured alone: no group turnover).
        let measure = |group: &dyn Group, problems: &mut Vec<activity::Problem>| {
            activity::window(
                model,
                sources,
                party,
                &|_| Vec::new(),
                day,
                as_of,
                super::decision::Purpose::Award,
                group,
                100 - open_market,
                problems,
            )
        };
        let mut problems = Vec::new();
        let w = measure(&group, &mut problems);
        let span = format!("{}-{}", day.year - 3, day.year - 1);
        let open = w.total.0.saturating_sub(w.qualifying.0);
        if w.verdict == Verdict::NotAssessed {
            let why = Text::new("coop-market-unknown")
                .name("party", party)
                .plain("span", &span)
                .texts("why", w.not_assessed_text.clone());
            push(
                pointer,
                Text::new("f-coop-market")
                    .text("why", why.clone())
                    .name("service", sub.service),
                Text::new("h-coop-market-unknown"),
            );
            market_unknown.push(why);
        } else if w.passes {
            // Below the limit when activity for every contracting authority is left out of the
            // open market; measured again with only the parties' left out.
            let lenient = share_tenths(open, w.total.0).map_or_else(String::new, activity::tenths);
            let strict = Authorities {
                graph,
                date: date.to_owned(),
                parties: Some(&coop.parties),
                outside: std::cell::RefCell::default(),
            };
            let s = measure(&strict, &mut Vec::new());
            let outside: Vec<String> = strict.outside.take().into_iter().collect();
            let outside = if outside.is_empty() {
                Text::new("coop-outside")
            } else {
                Text::new("coop-outside-named")
                    .count("count", outside.len())
                    .arg("outside", Arg::Names(outside))
            };
            let share = share_tenths(s.total.0.saturating_sub(s.qualifying.0), s.total.0)
                .map_or_else(String::new, activity::tenths);
            if s.verdict == Verdict::NotAssessed {
                let why = Text::new("coop-market-review-unknown")
                    .name("party", party)
                    .number("lenient", lenient)
                    .plain("span", &span)
                    .text("outside", outside)
                    .texts("why", s.not_assessed_text.clone());
                review_at.push((pointer, why.clone()));
                market_review.push(why);
            } else if !s.passes {
                let why = Text::new("coop-market-review")
                    .name("party", party)
                    .number("lenient", lenient)
                    .number("share", share)
                    .plain("span", &span)
                    .text("outside", outside)
                    .number("limit", open_market.to_string());
                review_at.push((pointer, why.clone()));
                market_review.push(why);
            } else if share == lenient {
                market_holds.push(
                    Text::new("coop-market-share")
                        .name("party", party)
                        .number("share", share)
                        .plain("span", &span),
                );
            } else {
                market_holds.push(
                    Text::new("coop-market-share-both")
                        .name("party", party)
                        .number("share", share)
                        .number("lenient", lenient)
                        .plain("span", &span)
                        .text("outside", outside),
                );
            }
        } else {
            let share = share_tenths(open, w.total.0).map_or_else(String::new, activity::tenths);
            let why = Text::new("coop-market-fails")
                .name("party", party)
                .number("share", share)
                .plain("span", &span)
                .number("limit", open_market.to_string());
            push(
                pointer,
                Text::new("f-coop-market")
                    .text("why", why.clone())
                    .name("service", sub.service),
                Text::new("h-coop-market-fails"),
            );
            market_fails.push(why);
        }
    }
    for (pointer, why) in review_at {
        // A warning, not an error: the share is below the limit on one reading of the law.
        let mut f = tenant
            .doc
            .finding(
                &COOPERATION,
                &pointer,
                Text::new("f-coop-market")
                    .text("why", why)
                    .name("service", sub.service),
            )
            .help(Text::new("h-coop-market-review"));
        f.severity = Severity::Warning;
        findings.push(f);
    }
    let parties = if !private.is_empty() {
        Condition::new("parties", Verdict::Fails)
            .because(
                Text::new("because-coop-parties-not-ca")
                    .count("count", private.len())
                    .arg("parties", Arg::Names(private))
                    .date("date", date),
            )
            .rule("procurement/cooperation")
    } else if !unknown.is_empty() {
        Condition::not_assessed("parties", Text::new("list").texts("items", unknown))
    } else {
        Condition::holds("parties").because(Text::new("because-coop-parties-ca").date("date", date))
    };
    decision.conditions.push(Arc::new(parties));
    let market = if !market_fails.is_empty() {
        Condition::new("open-market", Verdict::Fails)
            .because(Text::new("list").texts("items", market_fails))
            .rule("procurement/cooperation")
    } else if !market_unknown.is_empty() {
        Condition::not_assessed(
            "open-market",
            Text::new("list").texts("items", market_unknown),
        )
        .rule("procurement/cooperation")
    } else if !market_review.is_empty() {
        // Below the limit on one reading of an unsettled question only: a lawyer decides.
        Condition::new("open-market", Verdict::Review)
            .because(
                Text::new("because-coop-market-review")
                    .texts("items", market_review)
                    .number("limit", open_market.to_string()),
            )
            .rule("procurement/cooperation")
    } else if market_holds.is_empty() {
        Condition::holds("open-market").because(
            Text::new("because-coop-market-assumed").number("limit", open_market.to_string()),
        )
    } else {
        Condition::holds("open-market").because(
            Text::new("because-coop-market-holds")
                .arg("shares", Arg::Joined(market_holds))
                .number("limit", open_market.to_string()),
        )
    };
    decision.conditions.push(Arc::new(market));
}
