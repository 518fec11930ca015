//! Procurement basis: every subscription needs a lawful basis. A tender needs a notice reference;
//! a below-threshold award must stay below the threshold; an in-house award needs a written
//! assessment (the buyer carries the burden of proof).

use crate::finding::{Example, Finding, Findings, Rule, Severity};
use crate::model::Model;

pub static BASIS: Rule = Rule::builtin(
    "procurement/basis",
    Severity::Error,
    "A subscription's procurement basis is incomplete or above the threshold",
    "Each subscription names its basis. `tender` needs the notice reference of the competition \
     (`procurement.reference`, e.g. a Doffin number). `below-threshold` is only lawful while the \
     contract value (`annual_value`, NOK excluding VAT) stays below the threshold of the \
     jurisdiction pack (`threshold \"below-threshold-value\"` in egenregi.kdl overrides it). \
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
    "An in-house subscription has no written assessment",
    "The buyer carries the burden of proof that the in-house conditions hold. Each in-house \
     subscription should name its written assessment (`assessment`), so a reviewer can find the \
     reasoning behind the award.",
    Some(Example {
        fails: concat!(ks_and_oslo!(), company!(), owned_by_ks!(), council!(), articles!(), "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions: [{service: svarut, since: 2024-03-01, basis: in-house}]\n---\n", five_good_years!()).as_bytes(),
        passes: clean!().as_bytes(),
    }),
);

pub static RULES: &[&Rule] = &[&BASIS, &ASSESSMENT];

/// Checks every subscription's basis; `threshold` is in NOK (major units).
pub fn run(model: &Model<'_>, threshold: i64, findings: &mut Findings) {
    #[allow(
        clippy::cast_precision_loss,
        reason = "thresholds are whole kroner far below 2^52"
    )]
    let limit = threshold as f64;
    for t in model.tenants.values() {
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            let at = |p: &str| format!("/spec/subscriptions/{i}{p}");
            let mut push = |rule: &'static Rule, pointer: String, message: String, help: &str| {
                findings.push(
                    Finding::new(rule, t.doc.loc(&pointer), message)
                        .target(t.doc.target(&pointer))
                        .help(help),
                );
            };
            match s.basis.as_str() {
                "tender"
                    if s.procurement
                        .as_ref()
                        .and_then(|p| p.reference.as_deref())
                        .is_none() =>
                {
                    push(
                        &BASIS,
                        at("/basis"),
                        format!(
                            "`{}` subscribes to `{}` by tender, but names no procurement reference",
                            t.spec.entity, s.service
                        ),
                        "add `procurement: {reference: <notice number>, awarded: <date>}`",
                    );
                }
                "below-threshold" => match s.annual_value {
                    Some(v) if v >= limit => {
                        push(
                            &BASIS,
                            at("/annual_value"),
                            format!(
                                "`{}` subscribes to `{}` below the threshold, but its annual value {v} is not below {threshold} NOK",
                                t.spec.entity, s.service
                            ),
                            "above the threshold the award needs a tender, an in-house or a cooperation basis",
                        );
                    }
                    None => {
                        push(
                            &BASIS,
                            at("/basis"),
                            format!(
                                "`{}` subscribes to `{}` below the threshold, but states no `annual_value`",
                                t.spec.entity, s.service
                            ),
                            "state the contract's annual value (NOK excluding VAT) so the threshold can be checked",
                        );
                    }
                    Some(_) => {}
                },
                "no-contract" if s.annual_value.is_none_or(|v| v >= limit) => {
                    push(
                        &BASIS,
                        at("/basis"),
                        format!(
                            "`{}` uses `{}` with no contract, and its value is not shown to be below {threshold} NOK",
                            t.spec.entity, s.service
                        ),
                        "award a contract on a lawful basis, or state an `annual_value` below the threshold",
                    );
                }
                "in-house" if s.assessment.as_deref().is_none_or(|a| a.trim().is_empty()) => {
                    push(
                        &ASSESSMENT,
                        at("/basis"),
                        format!(
                            "`{}` subscribes to `{}` in-house without a written assessment",
                            t.spec.entity, s.service
                        ),
                        "name the written in-house assessment in `assessment` (the buyer carries the burden of proof)",
                    );
                }
                _ => {}
            }
        }
    }
}
