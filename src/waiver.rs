//! Waivers: a reviewer accepts a finding for a while, on the record. Matching findings move to
//! `waived`; expired waivers are errors and no longer hide anything; unused ones are warnings.

use std::collections::HashMap;

use serde::Serialize;

use crate::date::Date;
use crate::finding::{Example, Finding, LegalCondition, Location, Rule, Severity};
use crate::i18n::{Arg, Text};
use crate::model::Model;
use crate::rule::RuleCatalog;

pub static EXPIRED: Rule = Rule::builtin(
    "waiver/expired",
    Severity::Error,
    LegalCondition::Integrity,
    "A waiver's expiry date has passed",
    "A waiver accepts a finding only until its `expires` date. After that date the finding it \
     covered is reported again, and the waiver itself is an error so that someone decides: fix the \
     cause, or renew the waiver with a new reason, approver and date. Expiry is compared with the \
     evaluation date (`--as-of`, `as-of` in egenregi.kdl, else today).",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-country}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ks], reason: The label is read by egenregi only, approved_by: Kari Nordmann (CTO), expires: 2020-01-01}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-country}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ks], reason: The label is read by egenregi only, approved_by: Kari Nordmann (CTO), expires: 2999-01-01}\n",
    }),
)
// A waiver cannot accept the findings about waivers: nobody would see it expire.
.not_waivable();

pub static UNUSED: Rule = Rule::builtin(
    "waiver/unused",
    Severity::Warning,
    LegalCondition::Integrity,
    "A waiver matches no finding",
    "A waiver that matches nothing is stale: the problem was fixed, the target was renamed, or the \
     rule id is misspelt. Stale waivers are dangerous because they silently start matching again \
     when the problem comes back; delete them. A waiver for a rule that cannot be waived (such as \
     `inhouse/private-capital`) never matches and is reported here too.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-country}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ks], reason: The label is read by egenregi only, approved_by: Kari Nordmann (CTO), expires: 2999-01-01}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-country}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ks], reason: The label is read by egenregi only, approved_by: Kari Nordmann (CTO), expires: 2999-01-01}\n",
    }),
)
// A waiver cannot accept the findings about waivers: nobody would see it expire.
.not_waivable();

pub static RULES: &[&Rule] = &[&EXPIRED, &UNUSED];

/// Where a waiver stands on the evaluation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Unexpired, and it accepted at least one finding.
    Active,
    /// Its `expires` date has passed; what it covered is reported again.
    Expired,
    /// Unexpired, but it matched nothing.
    Unused,
    /// Its reason or approver is still a placeholder (`TODO: ...`, `TBD`, `-`, `N/A`): it
    /// accepts nothing, and `data/placeholder` says so.
    Incomplete,
}

/// Whether a waiver's reason or approver is still a scaffolding placeholder. Such a waiver is
/// nobody's decision, so it accepts nothing.
pub fn incomplete(w: &crate::model::Waiver) -> bool {
    use crate::load::placeholder::is_placeholder_in;
    is_placeholder_in("reason", &w.reason) || is_placeholder_in("approved_by", &w.approved_by)
}

/// A waiver as a reviewer reads it: what it accepts, why, who approved it, until when, and
/// how many findings it accepted in this run.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: String,
    pub rule: String,
    pub targets: Vec<String>,
    pub reason: String,
    pub approved_by: String,
    pub expires: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    pub status: Status,
    /// Findings it accepted in this run.
    pub waived: usize,
    #[serde(skip)]
    pub location: Location,
}

/// Every waiver of the model, in id order, with its status after [`apply`].
pub fn records(model: &Model<'_>, as_of: Date, waived: &[(Finding, String)]) -> Vec<Record> {
    model
        .waivers
        .values()
        .map(|w| {
            let count = waived.iter().filter(|(_, id)| id == w.id()).count();
            let live = w.spec.live_on(as_of);
            let incomplete = incomplete(&w.spec);
            Record {
                id: w.id().to_owned(),
                rule: w.spec.rule.clone(),
                targets: w.spec.targets.clone(),
                reason: w.spec.reason.clone(),
                approved_by: w.spec.approved_by.clone(),
                expires: w.spec.expires.clone(),
                evidence: w.spec.evidence.clone(),
                status: match (live, incomplete, count) {
                    (false, _, _) => Status::Expired,
                    (true, true, _) => Status::Incomplete,
                    (true, false, 0) => Status::Unused,
                    (true, false, _) => Status::Active,
                },
                waived: count,
                location: w.doc.loc("/metadata/id"),
            }
        })
        .collect()
}

/// Whether a waiver target (`Kind/id` or `Kind/id#/pointer`) covers a finding's target.
fn covers(waiver_target: &str, finding_target: &str) -> bool {
    match waiver_target.split_once('#') {
        None => {
            finding_target == waiver_target
                || finding_target
                    .strip_prefix(waiver_target)
                    .is_some_and(|rest| rest.starts_with('#'))
        }
        Some(_) => {
            finding_target == waiver_target
                || finding_target
                    .strip_prefix(waiver_target)
                    .is_some_and(|rest| rest.starts_with('/'))
        }
    }
}

/// The document a target names: `Kind/id` of `Kind/id#/pointer`.
fn document(target: &str) -> &str {
    target.split_once('#').map_or(target, |(doc, _)| doc)
}

/// Waivers by (rule, document of a target), each list in waiver order: a finding is compared
/// only with the waivers for its rule and document, not with every waiver. A waiver target
/// covers only targets in its own document ([`covers`]), so nothing else could match.
struct Index<'a> {
    /// rule → document → waivers
    by: HashMap<&'a str, HashMap<&'a str, Vec<usize>>>,
}

impl<'a> Index<'a> {
    /// `waivers`: each waiver's rule and targets, in order.
    fn new(waivers: impl Iterator<Item = (&'a str, &'a [String])>) -> Self {
        let mut by: HashMap<&str, HashMap<&str, Vec<usize>>> = HashMap::new();
        for (i, (rule, targets)) in waivers.enumerate() {
            for t in targets {
                let list = by.entry(rule).or_default().entry(document(t)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Self { by }
    }

    /// The waivers that may cover a finding of `rule` on `target`, in waiver order.
    fn candidates(&self, rule: &str, target: &str) -> &[usize] {
        self.by
            .get(rule)
            .and_then(|docs| docs.get(document(target)))
            .map_or(&[], Vec::as_slice)
    }
}

/// Splits findings into active and waived, and reports expired and unused waivers.
pub fn apply(
    model: &Model<'_>,
    registry: &dyn RuleCatalog,
    as_of: Date,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<(Finding, String)>, Vec<Finding>) {
    let mut active = Vec::new();
    let mut waived = Vec::new();
    let mut used = vec![false; model.waivers.len()];
    let waivers: Vec<_> = model.waivers.values().collect();
    let live: Vec<bool> = waivers.iter().map(|w| w.spec.live_on(as_of)).collect();
    // In force: unexpired and complete. An incomplete waiver matches (so it is not "unused")
    // but accepts nothing; `data/placeholder` reports it.
    let complete: Vec<bool> = waivers.iter().map(|w| !incomplete(&w.spec)).collect();
    let index = Index::new(
        waivers
            .iter()
            .map(|w| (w.spec.rule.as_str(), w.spec.targets.as_slice())),
    );
    for f in findings {
        let waivable = registry.rule(&f.rule).is_some_and(|r| r.waivable);
        let hit = match (waivable, f.target.as_deref()) {
            (true, Some(t)) => index.candidates(&f.rule, t).iter().copied().find(|&i| {
                waivers[i].spec.targets.iter().any(|wt| covers(wt, t)) && {
                    // An expired waiver still counts as used: it is reported as expired.
                    used[i] = true;
                    live[i] && complete[i]
                }
            }),
            _ => None,
        };
        match hit {
            Some(i) => waived.push((f, waivers[i].id().to_owned())),
            None => active.push(f),
        }
    }
    let mut new = Vec::new();
    for (i, w) in waivers.iter().enumerate() {
        let doc = w.doc;
        if !live[i] {
            new.push(
                doc.finding(
                    &EXPIRED,
                    "/spec/expires",
                    Text::new("waiver-expired-on")
                        .name("waiver", w.id())
                        .date("expires", w.spec.expires.as_str())
                        .date("as_of", as_of.to_string()),
                )
                .help(Text::new("h-waiver-expired").plain("approver", w.spec.approved_by.as_str())),
            );
        }
        let rule = registry.rule(&w.spec.rule);
        // A waiver naming no rule it could ever accept is said whether or not it is in force:
        // an expired one would otherwise be renewed, misspelt, before anyone heard of it.
        let useless = rule.is_none_or(|r| !r.waivable);
        if ((live[i] && !used[i]) || useless) && complete[i] {
            let message = match rule {
                None => match registry.nearest(&w.spec.rule) {
                    Some(s) => Text::new("waiver-no-rule-mean").name("suggestion", s),
                    None => Text::new("waiver-no-rule"),
                }
                .name("waiver", w.id())
                .name("rule", w.spec.rule.as_str()),
                Some(r) if !r.waivable => Text::new("waiver-unwaivable")
                    .name("rule", &*r.id)
                    .name("waiver", w.id()),
                Some(_) => Text::new("waiver-matches-nothing")
                    .name("waiver", w.id())
                    .name("rule", w.spec.rule.as_str())
                    .arg("targets", Arg::Names(w.spec.targets.clone())),
            };
            let pointer = if useless {
                "/spec/rule"
            } else {
                "/spec/targets"
            };
            new.push(
                doc.finding(&UNUSED, pointer, message)
                    .help(Text::new("h-waiver-unused")),
            );
        }
    }
    (active, waived, new)
}

#[cfg(test)]
mod tests {
    use super::{Index, covers};

    /// Waivers compared per finding, over `n` findings against `n` waivers on `n` documents
    /// (plus one waiver on a whole document, and one of another rule): what `apply` costs
    /// beyond the lookup.
    fn comparisons(n: usize) -> usize {
        let mut waivers: Vec<(String, Vec<String>)> = (0..n)
            .map(|i| ("r/x".to_owned(), vec![format!("Entity/e{i}#/spec/a")]))
            .collect();
        waivers.push(("r/x".to_owned(), vec!["Entity/e0".to_owned()]));
        waivers.push(("r/y".to_owned(), vec!["Entity/e1#/spec/a".to_owned()]));
        let index = Index::new(waivers.iter().map(|(r, t)| (r.as_str(), t.as_slice())));
        let mut work = 0;
        for (i, (_, targets)) in waivers.iter().enumerate().take(n) {
            let target = format!("Entity/e{i}#/spec/a/b");
            let found = index.candidates("r/x", &target);
            work += found.len();
            // the waiver for the finding's target is among them, first in waiver order
            assert_eq!(found.first(), Some(&i), "{target}");
            assert!(covers(&targets[0], &target));
        }
        // document 0's whole-document waiver too; the other rule's never
        assert_eq!(index.candidates("r/x", "Entity/e0#/x"), [0, n]);
        assert!(index.candidates("r/y", "Entity/e0#/x").is_empty());
        assert_eq!(index.candidates("r/y", "Entity/e1"), [n + 1]);
        work
    }

    #[test]
    fn matching_waivers_grows_with_the_findings_not_findings_times_waivers() {
        // Was: every finding compared with every waiver (n², 16× from n to 4n).
        let (small, large) = (comparisons(1_000), comparisons(4_000));
        assert!(large <= 5 * small, "{small} → {large}");
    }

    #[test]
    fn targets_cover_documents_and_subtrees() {
        assert!(covers("Service/svarut", "Service/svarut"));
        assert!(covers("Service/svarut", "Service/svarut#/spec/sla"));
        assert!(!covers("Service/svarut", "Service/svarut-2"));
        assert!(covers(
            "Service/svarut#/spec/sla",
            "Service/svarut#/spec/sla/rto"
        ));
        assert!(!covers(
            "Service/svarut#/spec/sla",
            "Service/svarut#/spec/slab"
        ));
        assert!(!covers("Service/svarut#/spec/sla", "Service/svarut"));
    }
}
