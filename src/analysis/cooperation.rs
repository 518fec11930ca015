//! Horizontal cooperation (anskaffelsesforskriften § 3-3, directive art. 12(4)): a contract
//! between contracting authorities that cooperate toward common public-service objectives is
//! outside the procurement rules when every party is a contracting authority, the cooperation is
//! governed solely by public-interest considerations, and each party performs less than 20 % of
//! the activities concerned on the open market (measured as art. 12(5) says, over the three
//! years before the award). What can be read from the repository is checked; what is a judgment
//! (whether the cooperation is genuine) is said to be unchecked.

use super::activity::{self, Group, Members, share_tenths};
use super::control::Graph;
use super::decision::{Condition, Decision, Verdict};
use crate::date::Date;
use crate::finding::{Example, Finding, Findings, LegalCondition, Rule, Severity};
use crate::kind::Kind;
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
     before the award as for in-house awards. A party that is a company must have activity \
     reports for those years; a municipality, county or state agency without reports is taken \
     to be below 20 %, and the decision says so.",
    Some(Example {
        fails: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: acme}\nspec: {type: private}\n---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions:\n    - service: svarut\n      since: 2024-03-01\n      basis: cooperation\n      cooperation: {agreement: \"Samarbeidsavtale 2024\", parties: [oslo, ks-digital, acme], objectives: \"Felles digital post\"}\n---\n", five_good_years!()).as_bytes(),
        passes: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions:\n    - service: svarut\n      since: 2024-03-01\n      basis: cooperation\n      cooperation: {agreement: \"Samarbeidsavtale 2024\", parties: [oslo, ks-digital], objectives: \"Felles digital post\"}\n---\n", five_good_years!()).as_bytes(),
    }),
);

/// What is not on the open market: activity for contracting authorities (the parties and any
/// other), and lumped lines of associations whose members all are.
struct Authorities<'g, 'm, 'a> {
    graph: &'g Graph<'m, 'a>,
    date: String,
}

impl Group for Authorities<'_, '_, '_> {
    fn contains(&self, entity: &str) -> bool {
        self.graph.is_ca(entity, &self.date)
    }

    fn members_of(&self, association: &str) -> Members {
        let members = self.graph.members(association, &self.date);
        Members::classify(&members, |m| self.graph.is_ca(m, &self.date))
    }

    fn ids(&self) -> Vec<String> {
        Vec::new()
    }
}

/// One subscription on `basis: cooperation`, and where its findings go.
#[allow(
    missing_debug_implementations,
    reason = "borrowed views, never printed"
)]
pub struct Claim<'x, 'a> {
    pub tenant: &'x Item<'a, Tenant>,
    pub index: usize,
    pub sub: &'x Subscription,
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
    let mut push = |pointer: String, message: String, help: &str| {
        findings.push(
            Finding::new(&COOPERATION, tenant.doc.loc(&pointer), message)
                .target(tenant.doc.target(&pointer))
                .help(help),
        );
    };
    let buyer = tenant.spec.entity.as_str();
    let date = sub.since.as_str();
    decision.not_checked.push(
        "whether the cooperation is genuine and governed solely by public-interest considerations (C-429/19 Remondis; C-383/21 and C-384/21)",
    );
    let Some(coop) = &sub.cooperation else {
        decision.conditions.push(
            Condition::new("cooperation", Verdict::Fails)
                .because("no cooperation agreement is on record")
                .rule("procurement/cooperation"),
        );
        push(
            at("/basis"),
            format!(
                "`{buyer}` subscribes to `{}` as a cooperation, but no cooperation agreement is on record",
                sub.service
            ),
            "add `cooperation: {agreement: <title>, parties: [<buyer>, <provider>, ...], objectives: <common objectives>, evidence: <file>}`",
        );
        return;
    };
    // The agreement and who is a party to it.
    let mut wrong: Vec<(String, String)> = Vec::new();
    if coop
        .agreement
        .as_deref()
        .is_none_or(|a| a.trim().is_empty())
    {
        wrong.push((at("/cooperation"), "names no agreement".to_owned()));
    }
    // A party that names no entity may be the buyer or the provider mistyped: then their
    // absence is not known, and the typo is ref/unknown's to report, not a legal failure.
    let unknown: Vec<&String> = coop
        .parties
        .iter()
        .filter(|p| model.entity(p).is_none() && model.invalid(Kind::Entity, p).is_none())
        .collect();
    let mut uncertain: Vec<String> = Vec::new();
    for (who, id) in [("buyer", Some(buyer)), ("provider", provider)] {
        if let Some(id) = id
            && !coop.parties.iter().any(|p| p == id)
        {
            if let Some(typo) = unknown.first() {
                uncertain.push(format!(
                    "whether it lists the {who} `{id}` is not known: the party `{typo}` names no entity"
                ));
            } else {
                wrong.push((
                    at("/cooperation/parties"),
                    format!("does not list the {who} `{id}` among its parties"),
                ));
            }
        }
    }
    let mut cooperation = if wrong.is_empty() && !uncertain.is_empty() {
        Condition::not_assessed("cooperation", uncertain.join("; "))
    } else if wrong.is_empty() {
        Condition::holds("cooperation").because(format!(
            "agreement `{}` between {}",
            coop.agreement.as_deref().unwrap_or_default(),
            list(&coop.parties)
        ))
    } else {
        let why = wrong
            .iter()
            .map(|(_, w)| w.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        for (pointer, w) in &wrong {
            push(
                pointer.clone(),
                format!("the cooperation of `{buyer}` on `{}` {w}", sub.service),
                "§ 3-3 covers a contract between the cooperating authorities themselves: name the agreement and list the buyer and the provider as parties",
            );
        }
        Condition::new("cooperation", Verdict::Fails)
            .because(format!("the cooperation {why}"))
            .rule("procurement/cooperation")
    };
    cooperation.evidence.extend(coop.evidence.clone());
    decision.conditions.push(cooperation);
    match coop.objectives.as_deref().map(str::trim) {
        Some(o) if !o.is_empty() => decision.assumptions.push(format!(
            "the objectives stated, \"{o}\", are taken as common public-service objectives"
        )),
        _ => {
            decision.conditions.push(
                Condition::not_assessed(
                    "objectives",
                    "the common public-service objectives of the cooperation are not stated",
                )
                .rule("procurement/cooperation"),
            );
            push(
                at("/cooperation"),
                format!(
                    "the cooperation of `{buyer}` on `{}` states no common objectives",
                    sub.service
                ),
                "add `objectives:`: the public-service objectives the parties pursue together",
            );
        }
    }
    // Every party a contracting authority on the award date; the open-market test per party.
    let Some(day) = Date::parse(date) else {
        decision.conditions.push(Condition::not_assessed(
            "parties",
            "the award date cannot be read",
        ));
        return;
    };
    let mut private = Vec::new();
    let mut unknown = Vec::new();
    let mut market_fails = Vec::new();
    let mut market_unknown = Vec::new();
    let mut market_holds = Vec::new();
    let group = Authorities {
        graph,
        date: date.to_owned(),
    };
    for (k, party) in coop.parties.iter().enumerate() {
        let pointer = at(&format!("/cooperation/parties/{k}"));
        let Some(e) = model.entity(party) else {
            // A typo or an invalid document is its own finding (ref/unknown, schema): the
            // party's status is unknown, never a legal failure.
            let why = match model.invalid(Kind::Entity, party) {
                Some(bad) => bad.reason(),
                None => format!("`{party}` is not an entity in the repository"),
            };
            unknown.push(why);
            continue;
        };
        if !graph.is_ca(party, date) {
            // Its open-market share is moot: the cooperation fails on who it is.
            private.push(format!("`{party}`"));
            push(
                pointer,
                format!(
                    "`{party}` is a party to the cooperation on `{}`, but it is not a contracting authority on {date}",
                    sub.service
                ),
                "horizontal cooperation (§ 3-3) is only between contracting authorities; a contract with any other party needs a competition or another basis",
            );
            continue;
        }
        if let Some(ground) = graph.ca_ground(party, date) {
            decision.assumptions.push(ground);
        }
        let has_reports = model.reports.values().any(|r| r.spec.provider == *party);
        if !has_reports {
            if matches!(
                e.spec.kind,
                EntityType::Municipality | EntityType::County | EntityType::StateAgency
            ) {
                decision.assumptions.push(format!(
                    "`{party}` has no activity reports: its open-market activity is taken to be below {open_market} %"
                ));
            } else {
                market_unknown.push(format!(
                    "`{party}` has no activity reports for the three years before {date}"
                ));
                push(
                    pointer,
                    format!(
                        "the open-market share of `{party}`, a party to the cooperation on `{}`, cannot be measured: it has no activity reports",
                        sub.service
                    ),
                    "add its ActivityReports for the three financial years before the award (art. 12(5))",
                );
            }
            continue;
        }
        let mut problems = Vec::new();
        let w = activity::window(
            model,
            sources,
            party,
            &[],
            day,
            as_of,
            "award",
            &group,
            100 - open_market,
            &mut problems,
        );
        let span = format!("{}-{}", day.year - 3, day.year - 1);
        let open = w.total.0.saturating_sub(w.qualifying.0);
        if w.verdict == Verdict::NotAssessed {
            let why = format!(
                "the open-market share of `{party}` in {span} cannot be assessed: {}",
                w.not_assessed.join("; ")
            );
            push(
                pointer,
                format!("{why} (cooperation on `{}`)", sub.service),
                "the activity reports of every party for the three years before the award must be complete",
            );
            market_unknown.push(why);
        } else {
            let share = share_tenths(open, w.total.0)
                .map_or_else(String::new, |x| format!("{}.{}", x / 10, x % 10));
            if w.passes {
                market_holds.push(format!("`{party}` {share} % in {span}"));
            } else {
                let why = format!(
                    "`{party}` performs {share} % of its activity on the open market in {span}, not less than {open_market} %"
                );
                push(
                    pointer,
                    format!("{why} (cooperation on `{}`)", sub.service),
                    "each party must perform less than 20 % of the activities concerned on the open market (art. 12(4)(c), measured as art. 12(5))",
                );
                market_fails.push(why);
            }
        }
    }
    let parties = if !private.is_empty() {
        Condition::new("parties", Verdict::Fails)
            .because(format!(
                "{} not a contracting authority on {date}",
                if private.len() == 1 {
                    format!("{} is", private[0])
                } else {
                    format!("{} are", list(&private))
                }
            ))
            .rule("procurement/cooperation")
    } else if !unknown.is_empty() {
        Condition::not_assessed("parties", unknown.join("; "))
    } else {
        Condition::holds("parties")
            .because(format!("every party is a contracting authority on {date}"))
    };
    decision.conditions.push(parties);
    let market = if !market_fails.is_empty() {
        Condition::new("open-market", Verdict::Fails)
            .because(market_fails.join("; "))
            .rule("procurement/cooperation")
    } else if !market_unknown.is_empty() {
        Condition::not_assessed("open-market", market_unknown.join("; "))
            .rule("procurement/cooperation")
    } else if market_holds.is_empty() {
        Condition::holds("open-market").because(format!(
            "no party has activity reports; each is taken to be below {open_market} % (see the assumptions)"
        ))
    } else {
        Condition::holds("open-market").because(format!(
            "on the open market: {}; below {open_market} %",
            market_holds.join(", ")
        ))
    };
    decision.conditions.push(market);
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
