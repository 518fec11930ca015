//! Consistency: documents that are each well-formed but say impossible things together or over
//! time — holdings above 100 %, one number on two entities, a subscription outside its own or its
//! provider's lifetime, a municipality number that did not exist, a placeholder left in.
//!
//! Every check here indexes once and sweeps (by number, by date boundary), never compares all
//! pairs, so a hostile repository cannot make it quadratic.

use std::collections::{BTreeSet, HashMap};

use super::register::{self, Register, Row};
use super::{Entity, Item, Model};
use crate::date::Date;
use crate::finding::{Example, Finding, Findings, LegalCondition, Rule, Severity};
use crate::i18n::{Arg, Text};
use crate::kind::Kind;
use crate::load::Doc;
use crate::load::placeholder::{
    PLACEHOLDER_COUNTY_NUMBER, PLACEHOLDER_IDS, PLACEHOLDER_MUNICIPALITY_NUMBER, PLACEHOLDER_ORGNR,
};

pub static OWNERSHIP_TOTAL: Rule = Rule::builtin(
    "entity/ownership-total",
    Severity::Error,
    LegalCondition::Integrity,
    "The holdings in an entity valid on one date add up to more than 100 %, or a provider's to less",
    "The `owners` of a company or foundation hold its capital (`share`) and votes (`votes`, which \
     default to the share). On any one date, the holdings valid then cannot add up to more than \
     100 % of either: one of the figures is a typo, or an owner that sold its holding is still \
     listed. Holdings may be dated with `from` and `to` (both inclusive); the totals are checked \
     on every date where the set of valid holdings changes, in exact decimal arithmetic (never \
     rounded). The control and private-capital analyses read these figures, so a wrong total \
     makes their verdicts wrong. A company that provides a service in-house must also list every \
     holder of its capital: when the holdings valid on a decision's date add up to less than \
     100 %, whoever holds the rest may be private (direct private capital, art. 12(1)(c)), so \
     its private capital is `not-assessed` on that date and this error names the earliest such \
     date at its `owners`. The same holds for its votes where its owners decide its strategy: \
     when the votes valid on a date add up to less than 100 %, whoever casts the rest may give \
     the buyer control, alone or jointly, so a control or activity condition that would fail on \
     the holdings on record is `not-assessed` instead. It cannot be waived: the decisions that read the figures stay \
     `not-assessed` until they are corrected, and a signature does not make them.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec:\n  type: company\n  contracting_authority: true\n  owners:\n    - {entity: ks, share: 60}\n    - {entity: oslo-kommune, share: 50, from: 2024-01-01}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec:\n  type: company\n  contracting_authority: true\n  owners:\n    - {entity: ks, share: 60, to: 2023-12-31}\n    - {entity: oslo-kommune, share: 50, from: 2024-01-01}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality}\n",
    }),
)
.not_waivable();

pub static DUPLICATE_NUMBER: Rule = Rule::builtin(
    "entity/duplicate-number",
    Severity::Error,
    LegalCondition::Integrity,
    "Two entities have the same organisation, municipality or county number",
    "An organisation number identifies one legal person for good, so two entities with the same \
     `orgnr` are one entity described twice (or a typo), and references split between them. A \
     municipality or county number belongs to one municipality or county at a time: two entities \
     may share it only when one ceased to exist before the other began (`dissolved` and \
     `established`; an entity without them exists always). Both places are shown.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality, orgnr: \"974760673\"}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo}\nspec: {type: municipality, orgnr: \"974760673\"}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality, orgnr: \"974760673\"}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, orgnr: \"971032146\"}\n",
    }),
);

pub static MUNICIPALITY_NUMBER: Rule = Rule::builtin(
    "entity/municipality-number",
    Severity::Error,
    LegalCondition::Integrity,
    "A municipality or county number did not exist while the entity did",
    "Municipality (kommunenummer) and county (fylkesnummer) numbers change with reforms: Bærum was \
     3024 from 2020 to 2023 and is 3201 since 2024-01-01; Viken (30) existed from 2020 to 2023. An \
     entity keeps the number it had last, so the number is checked against the dated register \
     shipped with egenregi (`data/`, from SSB Klass; see `data/SOURCES.md`) on the day the entity \
     was `dissolved`, or, for an entity that still exists, as a number still in use, and on the \
     day it was `established` when the register covers that day. A number the \
     register never had is a typo; one that ended or had not yet begun means the entity was \
     renumbered, or its `dissolved` date is missing. The register covers municipality numbers \
     from 2020 and county numbers from 2013; an entity dissolved before that is not checked.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: baerum-kommune}\nspec: {type: municipality, municipality_number: \"3024\"}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: baerum-kommune}\nspec: {type: municipality, municipality_number: \"3201\"}\n",
    }),
);

pub static TENANT_PERIOD: Rule = Rule::builtin(
    "tenant/period",
    Severity::Error,
    LegalCondition::Infrastructure,
    "A subscription ends before it starts, or starts outside its provider's lifetime",
    "A subscription runs from `since` (the award date) to `until` (its last day), so `until` \
     cannot be before `since`. And a provider cannot be awarded a contract before it was \
     `established` or after it was `dissolved`: the in-house analyses judge the award on `since`, \
     and on a date the provider did not exist they have nothing to judge. One of the dates is \
     wrong, or the subscription belongs to the provider's predecessor or successor.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo-kommune\n  subscriptions:\n    - {service: svarut, since: 2024-03-01, until: 2023-12-31, basis: tender, procurement: {reference: 2023-123456, awarded: 2024-02-01}}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo-kommune\n  subscriptions:\n    - {service: svarut, since: 2024-03-01, until: 2027-12-31, basis: tender, procurement: {reference: 2023-123456, awarded: 2024-02-01}}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo-kommune}\nspec: {type: municipality}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n",
    }),
);

pub static PLACEHOLDER: Rule = Rule::builtin(
    "data/placeholder",
    Severity::Error,
    LegalCondition::Infrastructure,
    "A value is still a placeholder written by `egenregi new`",
    "`egenregi new` and `egenregi init` write documents with placeholders where only a person can \
     supply the value: text starting with `TODO`, ids like `todo-owner`, the rule `todo/rule` and \
     target `Entity/todo-entity`, and all-zero numbers (`000000000`, `0000`, `00`). Left in, they would be read \
     as facts. A placeholder is an error in any field a rule with a legal basis reads (an Entity's \
     spec, a subscription, an activity report, a service's provider, data, hosting and \
     accessibility) and in a Waiver, whose reason and approver are what makes it an accepted \
     exception: a waiver with a placeholder reason or approver accepts nothing. Elsewhere (names, \
     owner team, SLA, environments) it is a warning. It cannot be waived: replace the value instead.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-country}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ks], reason: \"TODO: why the finding is acceptable for now\", approved_by: \"TODO: name and role\", expires: 2999-01-01}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-country}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ks], reason: The label is read by egenregi only, approved_by: Kari Nordmann (CTO), expires: 2999-01-01}\n",
    }),
)
.not_waivable();

/// Every rule of this module, for the registry.
pub static RULES: &[&Rule] = &[
    &OWNERSHIP_TOTAL,
    &DUPLICATE_NUMBER,
    &MUNICIPALITY_NUMBER,
    &TENANT_PERIOD,
    &PLACEHOLDER,
];

/// Runs every consistency check: on the typed model, and (placeholders) on every loaded
/// document, valid or not, since a placeholder is often why a document is invalid.
pub fn check(model: &Model<'_>, docs: &[Doc], findings: &mut Findings) {
    ownership_total(model, findings);
    duplicate_numbers(model, findings);
    municipality_numbers(model, findings);
    tenant_periods(model, findings);
    for doc in docs {
        placeholders(doc, findings);
    }
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/// Whether a rule with a legal basis reads the field at `pointer`: the in-house and procurement
/// analyses (an Entity's spec, a subscription, an activity report, a service's provider), the
/// GDPR and accessibility policies (a service's `data`, `hosting` and `accessibility`, a
/// subscription's `dpa`), or the waiver stage (a waiver is an accepted exception only with its
/// reason and approver). Names, owner teams, SLAs and environments are not.
fn read_by_legal_condition(kind: Kind, pointer: &str) -> bool {
    let Some(spec) = pointer.strip_prefix("/spec/") else {
        return false;
    };
    let mut parts = spec.split('/');
    let first = parts.next().unwrap_or("");
    match kind {
        Kind::Entity | Kind::ActivityReport | Kind::Waiver => true,
        Kind::Service => matches!(first, "provider" | "data" | "hosting" | "accessibility"),
        Kind::Tenant => !(first == "subscriptions" && parts.nth(1) == Some("environments")),
    }
}

/// `data/placeholder` for every placeholder string in one document.
/// The findings of a document's placeholders, which the loader found.
fn placeholders(doc: &Doc, findings: &mut Findings) {
    for p in &doc.doc.placeholders {
        findings.push(placeholder_finding(doc, &p.pointer, &p.key, &p.text));
    }
}

fn placeholder_finding(doc: &Doc, pointer: &str, key: &str, text: &str) -> Finding {
    // On one line: a folded or literal block scalar keeps its line breaks, which must not
    // break the quoted value in a message.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown: String = if text.chars().count() > 60 {
        text.chars().take(57).collect::<String>() + "..."
    } else {
        text.clone()
    };
    let field = pointer
        .strip_prefix("/spec/")
        .or_else(|| pointer.strip_prefix('/'))
        .unwrap_or(pointer)
        .replace('/', ".");
    let legal = read_by_legal_condition(doc.kind, pointer);
    let waiver_text = doc.kind == Kind::Waiver && matches!(key, "reason" | "approved_by");
    // Only spaces: quoting them would show ``.
    let message = match (waiver_text, shown.is_empty()) {
        (true, true) => Text::new("placeholder-waiver-blank"),
        (true, false) => Text::new("placeholder-waiver"),
        (false, true) => Text::new("placeholder-blank"),
        (false, false) => Text::new("placeholder"),
    }
    .name("waiver", doc.id.as_str())
    .name("key", key)
    .name("field", field)
    .name("value", shown);
    let help: crate::finding::Message = if waiver_text {
        Text::new("h-placeholder-waiver").into()
    } else if doc.kind == Kind::Waiver && matches!(key, "rule" | "targets") {
        "name the rule (`egenregi rules` lists them) and the `Kind/id` targets whose findings the waiver accepts".into()
    } else if PLACEHOLDER_IDS.contains(&text.as_str()) {
        format!("replace `{text}` with the id of the document this field refers to").into()
    } else if key == "orgnr" && text == PLACEHOLDER_ORGNR {
        "write the entity's 9-digit organisation number, as Enhetsregisteret has it".into()
    } else if matches!(key, "municipality_number" | "county_number") {
        "write the entity's number, as SSB's register has it (`egenregi explain entity/municipality-number`)".into()
    } else if legal {
        "the legal analyses read this field: replace the placeholder with the real value".into()
    } else {
        "replace the placeholder that `egenregi new` wrote with the real value".into()
    };
    let mut f = doc.finding(&PLACEHOLDER, pointer, message).help(help);
    if !legal {
        f.severity = Severity::Warning;
    }
    f
}

// ---------------------------------------------------------------------------------------------
// Ownership totals

/// Exact decimals: a percentage in units of 10⁻²⁴ %.
const DIGITS: usize = 24;

/// The decimal a schema-valid percentage denotes, exactly. YAML numbers arrive as `f64`; Rust
/// prints the shortest decimal that reads back as the same `f64`, which is the text the user
/// wrote whenever it had at most 15 significant digits. Digits beyond the 24th decimal (only a
/// hostile `1e-300` has them) round up, so a total is never understated. `None` for what no
/// schema-valid document has (negative, not finite, absurdly large).
fn exact(x: f64) -> Option<i128> {
    if !(0.0..=1e12).contains(&x) {
        return None;
    }
    // Written on the stack: a share is read here for each holding on a control path of each
    // decision, and its text made on the heap was one short-lived allocation each (issue 18).
    // A longer text (a tiny fraction written out in full) goes to the heap, read the same.
    let mut written: smallvec::SmallVec<[u8; 64]> = smallvec::SmallVec::new();
    std::io::Write::write_fmt(&mut written, format_args!("{x}")).ok()?;
    let text = std::str::from_utf8(&written).ok()?;
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let int: i128 = int.parse().ok()?;
    let kept = &frac[..frac.len().min(DIGITS)];
    let mut value = int.checked_mul(10i128.pow(DIGITS as u32))?;
    if !kept.is_empty() {
        let digits: i128 = kept.parse().ok()?;
        value += digits * 10i128.pow((DIGITS - kept.len()) as u32);
    }
    if frac.len() > DIGITS && frac[DIGITS..].bytes().any(|b| b != b'0') {
        value += 1;
    }
    Some(value)
}

/// The part of a company's capital that the holdings in `spec` valid on `date` add up to, when
/// that is less than 100 %, and the part nobody on record holds, each as a person writes it
/// (`("40", "60")`). Who holds the rest is not known, so a provider's private capital cannot be
/// judged on that date: a private holder of it would be direct private capital. `None` when the
/// holdings add up to 100 % or more (more is [`overowned_on`]'s contradiction), or when a figure
/// is not one a schema-valid document has.
pub fn underowned_on(spec: &crate::model::types::Entity, date: &str) -> Option<(String, String)> {
    short_on(spec, date, |o| o.share)
}

/// As [`underowned_on`], for the votes (which default to the capital share): who casts the
/// votes nobody on record holds is not known, so that the buyer does not control the provider
/// through an owners' body cannot be read off the holdings.
pub fn undervoted_on(spec: &crate::model::types::Entity, date: &str) -> Option<(String, String)> {
    short_on(spec, date, crate::model::types::Owner::votes)
}

/// 100 %, exactly ([`DIGITS`]).
const HUNDRED: i128 = 100 * 10i128.pow(DIGITS as u32);

/// The total of `measure` over the holdings valid on `date` and what it lacks of 100 %, when it
/// lacks anything.
fn short_on(
    spec: &crate::model::types::Entity,
    date: &str,
    measure: impl Fn(&crate::model::types::Owner) -> f64,
) -> Option<(String, String)> {
    let mut total: i128 = 0;
    for o in spec.owners.iter().filter(|o| o.holds_on(date)) {
        total = total.saturating_add(exact(measure(o))?);
    }
    (total < HUNDRED).then(|| (show(total), show(HUNDRED - total)))
}

/// The first measure (`"capital"`, `"votes"`) in which the holdings in `spec` valid on `date`
/// add up to more than 100 %, with that total as a person writes it (`"120"`): the document
/// contradicts itself on that date (`entity/ownership-total`), so no control or private-capital
/// answer can rest on its figures. `None` when both add up to at most 100 %.
pub fn overowned_on(
    spec: &crate::model::types::Entity,
    date: &str,
) -> Option<(&'static str, String)> {
    if spec.owners.len() < 2 {
        return None; // one holding is at most 100 % by its schema
    }
    over(&spec.owners.iter().filter(|o| o.holds_on(date))).map(|(measure, t)| (measure, show(t)))
}

/// Whether the holdings in `spec` could add up to more than 100 % on some date
/// ([`overowned_on`]): those valid on a date are some of them, so when all of them together,
/// whatever their dates, add up to at most 100 % in both measures, no date's do.
pub fn may_be_overowned(spec: &crate::model::types::Entity) -> bool {
    spec.owners.len() >= 2 && over(&spec.owners.iter()).is_some()
}

/// The first measure in which `owners` add up to more than 100 %, and their total in it (a
/// figure no schema-valid document has counts as 0).
fn over<'o>(
    owners: &(impl Iterator<Item = &'o crate::model::types::Owner> + Clone),
) -> Option<(&'static str, i128)> {
    let sum = |f: fn(&crate::model::types::Owner) -> f64| {
        owners
            .clone()
            .fold(0i128, |t, o| t.saturating_add(exact(f(o)).unwrap_or(0)))
    };
    [
        ("capital", sum(|o| o.share)),
        ("votes", sum(crate::model::types::Owner::votes)),
    ]
    .into_iter()
    .find(|(_, total)| *total > HUNDRED)
}

/// An exact total as a person writes it: `110`, `100.01`.
fn show(value: i128) -> String {
    let scale = 10i128.pow(DIGITS as u32);
    let int = value / scale;
    let frac = format!("{:0width$}", value % scale, width = DIGITS);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// The date-bounded stretch a finding holds for (` from 2024-01-01`, ` on 2024-01-01`), with
/// its leading space; a `None` end is open, and `None` is returned when both are.
fn span(from: Option<Date>, to: Option<Date>) -> Option<Text> {
    Some(match (from, to) {
        (None, None) => return None,
        (Some(f), None) => Text::new("span-from").date("from", f.to_string()),
        (None, Some(t)) => Text::new("span-until").date("to", t.to_string()),
        (Some(f), Some(t)) if f == t => Text::new("span-on").date("on", f.to_string()),
        (Some(f), Some(t)) => Text::new("span-from-to")
            .date("from", f.to_string())
            .date("to", t.to_string()),
    })
}

/// One measure (capital or votes) of one entity's holdings.
struct Measure {
    name: &'static str,
    field: &'static str,
    /// Per owner: its exact percentage, or `None` when unreadable (left out).
    values: Vec<Option<i128>>,
}

/// The first date stretch on which a measure exceeds 100 %, and how many more there are.
struct Excess {
    total: i128,
    from: Option<Date>,
    to: Option<Date>,
    holders: Vec<usize>,
    more: usize,
}

fn ownership_total(model: &Model<'_>, findings: &mut Findings) {
    for e in model.entities.values() {
        let owners = &e.spec.owners;
        if owners.len() < 2 {
            continue; // one holding is at most 100 % by its schema
        }
        // Holding i is valid on days start..=end (day numbers; `None`: open).
        let spans: Vec<(Option<i64>, Option<i64>)> = owners
            .iter()
            .map(|o| {
                let day = |d: &Option<String>| d.as_deref().and_then(Date::parse).map(Date::days);
                (day(&o.from), day(&o.to))
            })
            .collect();
        let capital = Measure {
            name: "capital",
            field: "share",
            values: owners.iter().map(|o| exact(o.share)).collect(),
        };
        let votes = Measure {
            name: "votes",
            field: "votes",
            values: owners.iter().map(|o| exact(o.votes())).collect(),
        };
        let explicit_votes = owners.iter().any(|o| o.votes.is_some());
        for measure in [&capital, &votes] {
            if measure.name == "votes" && !explicit_votes {
                continue; // the same figures as the capital: one finding says it
            }
            if let Some(excess) = sweep(&spans, &measure.values) {
                findings.push(ownership_finding(e, measure, &excess));
            }
        }
    }
}

/// Sums the valid holdings at every date where the set of valid holdings changes.
fn sweep(spans: &[(Option<i64>, Option<i64>)], values: &[Option<i128>]) -> Option<Excess> {
    // (day a holding starts or stops counting, holding, starts); `None` sorts first: always.
    let mut events: Vec<(Option<i64>, usize, bool)> = Vec::with_capacity(spans.len() * 2);
    for (i, (start, end)) in spans.iter().enumerate() {
        if values[i].is_none() || matches!((start, end), (Some(s), Some(e)) if e < s) {
            continue;
        }
        events.push((*start, i, true));
        if let Some(e) = end {
            events.push((Some(e + 1), i, false));
        }
    }
    events.sort_unstable();
    let mut total: i128 = 0;
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut first: Option<Excess> = None;
    let mut k = 0;
    while k < events.len() {
        let day = events[k].0;
        while k < events.len() && events[k].0 == day {
            let (_, i, starts) = events[k];
            let v = values[i].unwrap_or(0);
            if starts {
                total = total.saturating_add(v);
                active.insert(i);
            } else {
                total = total.saturating_sub(v);
                active.remove(&i);
            }
            k += 1;
        }
        if total > HUNDRED {
            let next = events.get(k).and_then(|e| e.0);
            match &mut first {
                Some(x) => x.more += 1,
                None => {
                    first = Some(Excess {
                        total,
                        from: day.map(Date::from_days),
                        to: next.map(|n| Date::from_days(n - 1)),
                        holders: active.iter().copied().collect(),
                        more: 0,
                    });
                }
            }
        }
    }
    first
}

fn ownership_finding(e: &Item<'_, Entity>, measure: &Measure, x: &Excess) -> Finding {
    let span = span(x.from, x.to).unwrap_or_else(|| Text::new("empty"));
    let more = if x.more > 0 {
        Text::new("ownership-more").count("count", x.more)
    } else {
        Text::new("empty")
    };
    let message = Text::new(if measure.name == "capital" {
        "ownership-capital"
    } else {
        "ownership-votes"
    })
    .name("entity", e.id())
    .number("total", show(x.total))
    .text("span", span)
    .text("more", more);
    let mut f = Finding::new(&OWNERSHIP_TOTAL, e.doc.key_loc("/spec/owners"), message)
        .target(e.doc.target("/spec/owners"))
        .help(Text::new("h-ownership"))
        .data("measure", measure.name)
        .data("total", show(x.total));
    if let Some(d) = x.from {
        f = f.data("from", d.to_string());
    }
    if let Some(d) = x.to {
        f = f.data("to", d.to_string());
    }
    for &i in x.holders.iter().take(12) {
        let o = &e.spec.owners[i];
        let defaulted = measure.name == "votes" && o.votes.is_none();
        let field = if defaulted { "share" } else { measure.field };
        let pointer = format!("/spec/owners/{i}/{field}");
        let value = measure.values[i].map(show).unwrap_or_default();
        let label = if measure.name == "capital" {
            format!("`{}` holds {value} %", o.entity)
        } else if defaulted {
            format!(
                "`{}` has {value} % of the votes (votes default to the share)",
                o.entity
            )
        } else {
            format!("`{}` has {value} % of the votes", o.entity)
        };
        f = f.label(e.doc.loc(&pointer), label);
    }
    f
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// An entity's lifetime in day numbers, both ends inclusive; `None` ends are open.
fn lifetime(e: &Entity) -> (Option<i64>, Option<i64>) {
    let day = |d: &Option<String>| d.as_deref().and_then(Date::parse).map(Date::days);
    (day(&e.established), day(&e.dissolved))
}

fn duplicate_numbers(model: &Model<'_>, findings: &mut Findings) {
    // Organisation numbers identify a legal person for good: any two entities clash.
    let mut orgnrs: HashMap<&str, &Item<'_, Entity>> = HashMap::new();
    // Municipality and county numbers clash only on overlapping lifetimes.
    let mut numbers: HashMap<(&str, &str), Vec<&Item<'_, Entity>>> = HashMap::new();
    // `model.entities` iterates in id order, so "first" is deterministic.
    for e in model.entities.values() {
        if let Some(n) = e.spec.orgnr.as_deref()
            && n != PLACEHOLDER_ORGNR
        {
            match orgnrs.get(n) {
                Some(first) => findings.push(
                    e.doc
                        .finding(
                            &DUPLICATE_NUMBER,
                            "/spec/orgnr",
                            Text::new("orgnr-twice")
                                .name("number", n)
                                .name("other", first.id()),
                        )
                        .label(
                            first.doc.loc("/spec/orgnr"),
                            format!("`{}` has it here", first.id()),
                        )
                        .help(Text::new("h-orgnr-twice")),
                ),
                None => {
                    orgnrs.insert(n, e);
                }
            }
        }
        for (field, placeholder) in [
            ("municipality_number", PLACEHOLDER_MUNICIPALITY_NUMBER),
            ("county_number", PLACEHOLDER_COUNTY_NUMBER),
        ] {
            let number = if field == "municipality_number" {
                e.spec.municipality_number.as_deref()
            } else {
                e.spec.county_number.as_deref()
            };
            if let Some(n) = number
                && n != placeholder
            {
                numbers.entry((field, n)).or_default().push(e);
            }
        }
    }
    let mut groups: Vec<_> = numbers.into_iter().filter(|(_, v)| v.len() > 1).collect();
    groups.sort_unstable_by_key(|(k, _)| *k);
    for ((field, number), mut entities) in groups {
        // Sweep by start: each entity is compared with the one whose lifetime reaches furthest
        // so far; it overlaps some earlier entity exactly when it overlaps that one.
        entities.sort_by_key(|e| (lifetime(&e.spec).0, e.id()));
        let mut reach: Option<(&Item<'_, Entity>, Option<i64>)> = None;
        for e in entities {
            let (start, end) = lifetime(&e.spec);
            if let Some((holder, holder_end)) = reach {
                let overlaps = match (start, holder_end) {
                    (Some(s), Some(he)) => s <= he,
                    _ => true,
                };
                if overlaps {
                    let (hs, _) = lifetime(&holder.spec);
                    let from = start.max(hs).map(Date::from_days);
                    let to = match (end, holder_end) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    }
                    .map(Date::from_days);
                    let what = if field == "county_number" {
                        "county"
                    } else {
                        "municipality"
                    };
                    let pointer = format!("/spec/{field}");
                    let when = span(from, to).unwrap_or_else(|| Text::new("span-at-the-same-time"));
                    findings.push(
                        e.doc
                            .finding(
                                &DUPLICATE_NUMBER,
                                &pointer,
                                Text::new("number-twice")
                                    .plain("what", what)
                                    .name("number", number)
                                    .name("other", holder.id())
                                    .text("when", when),
                            )
                            .label(
                                holder.doc.loc(&pointer),
                                format!("`{}` has it here", holder.id()),
                            )
                            .help(Text::new("h-number-twice").plain("what", what)),
                    );
                }
            }
            // Open ends (`None`) reach furthest.
            let further = match (reach.map(|(_, end)| end), end) {
                (Some(None), _) => false,
                (Some(Some(a)), Some(b)) => b > a,
                (None, _) | (Some(Some(_)), None) => true,
            };
            if further {
                reach = Some((e, end));
            }
        }
    }
}

/// `entity/municipality-number` against the dated register.
fn municipality_numbers(model: &Model<'_>, findings: &mut Findings) {
    for e in model.entities.values() {
        if let Some(n) = e.spec.municipality_number.as_deref()
            && n != PLACEHOLDER_MUNICIPALITY_NUMBER
            && let Some(f) = number_finding(
                e,
                "/spec/municipality_number",
                n,
                register::municipalities(),
            )
        {
            findings.push(f);
        }
        if let Some(n) = e.spec.county_number.as_deref()
            && n != PLACEHOLDER_COUNTY_NUMBER
            && let Some(f) = number_finding(e, "/spec/county_number", n, register::counties())
        {
            findings.push(f);
        }
    }
}

/// A row's period as a person reads it (`until 2019-12-31`).
fn period(row: &Row, floor: Date) -> Text {
    match (row.from == floor, row.to) {
        (true, Some(t)) => Text::new("register-until").date("to", t.to_string()),
        (true, None) => Text::new("register-from-before").date("floor", floor.to_string()),
        (false, Some(t)) => Text::new("register-from-to")
            .date("from", row.from.to_string())
            .date("to", t.to_string()),
        (false, None) => Text::new("register-since").date("from", row.from.to_string()),
    }
}

/// Every period of a number in the register, as a list (`until 2019-12-31 and since 2024-01-01`).
fn periods_of(rows: &[Row], floor: Date) -> Arg {
    Arg::TextList(rows.iter().map(|r| period(r, floor)).collect())
}

/// The finding for number `n` of entity `e`, if the register says it is wrong: the number must
/// be valid on the entity's last day (`dissolved`), or still be valid when it has none.
fn number_finding(
    e: &Item<'_, Entity>,
    pointer: &str,
    n: &str,
    register: &Register,
) -> Option<Finding> {
    let dissolved = e.spec.dissolved.as_deref().and_then(Date::parse);
    let what = register.what;
    let checked = match dissolved {
        Some(d) if d < register.floor => {
            // Outside the table. A municipality number's first two digits still name a county
            // valid on that day, which the county table may cover.
            if what == "municipality" {
                let counties = register::counties();
                let county = n.get(..2).unwrap_or(n);
                if d >= counties.floor && !counties.periods(county).iter().any(|r| r.valid_on(d)) {
                    return Some(
                        e.doc
                            .finding(
                                &MUNICIPALITY_NUMBER,
                                pointer,
                                Text::new("number-no-county")
                                    .name("number", n)
                                    .date("date", d.to_string())
                                    .name("entity", e.id())
                                    .name("county", county),
                            )
                            .help(Text::new("h-number-no-county")),
                    );
                }
            }
            return None;
        }
        other => other,
    };
    let periods = register.periods(n);
    let valid = periods
        .iter()
        .any(|r| checked.map_or(r.is_open(), |d| r.valid_on(d)));
    // The number must also have existed on the entity's first day, when the register covers it
    // (a number valid while the entity existed: DESIGN §4).
    let established = e
        .spec
        .established
        .as_deref()
        .and_then(Date::parse)
        .filter(|d| *d >= register.floor && checked.is_none_or(|c| *d <= c));
    if valid
        && let Some(first) = established
        && !periods.iter().any(|r| r.valid_on(first))
    {
        return Some(
            e.doc
                .finding(
                    &MUNICIPALITY_NUMBER,
                    pointer,
                    Text::new("number-not-yet")
                        .plain("what", what)
                        .name("number", n)
                        .plain("name", periods[periods.len() - 1].name)
                        .date("date", first.to_string())
                        .name("entity", e.id())
                        .arg("periods", periods_of(periods, register.floor)),
                )
                .help(Text::new("h-number-not-yet").plain("what", what))
                .data("number", n)
                .data("checked", first.to_string()),
        );
    }
    if valid {
        return None;
    }
    let message = match (periods, checked) {
        ([], _) => Text::new("number-unknown").date("floor", register.floor.to_string()),
        (rows, None) => Text::new("number-retired")
            .plain("name", rows[rows.len() - 1].name)
            .arg("periods", periods_of(rows, register.floor)),
        (rows, Some(d)) => Text::new("number-not-then")
            .plain("name", rows[rows.len() - 1].name)
            .date("date", d.to_string())
            .arg("periods", periods_of(rows, register.floor)),
    }
    .plain("what", what)
    .name("number", n)
    .name("entity", e.id());
    // What to write instead: the same name's number on that day, else the nearest numbers.
    let same: Vec<&Row> = periods
        .last()
        .map(|r| register.same_name(r.base_name(), checked))
        .unwrap_or_default();
    let day = checked.map_or_else(
        || Text::new("day-now"),
        |d| Text::new("day-on").date("date", d.to_string()),
    );
    let help = if same.is_empty() {
        let near: Vec<String> = register
            .nearest(n, checked, 3)
            .iter()
            .map(|r| format!("`{}` {}", r.number, r.name))
            .collect();
        Text::new("h-number-nearest")
            .plain("what", what)
            .arg("numbers", Arg::List(near))
    } else {
        let names: Vec<String> = same
            .iter()
            .map(|r| format!("`{}` ({})", r.number, r.name))
            .collect();
        Text::new("h-number-same").arg("numbers", Arg::List(names))
    }
    .text("day", day)
    .text(
        "renumbered",
        if checked.is_none() && !periods.is_empty() {
            Text::new("h-number-renumbered")
        } else {
            Text::new("empty")
        },
    );
    Some(
        e.doc
            .finding(&MUNICIPALITY_NUMBER, pointer, message)
            .help(help)
            .data("number", n)
            .data(
                "checked",
                checked.map_or_else(|| "current".to_owned(), |d| d.to_string()),
            ),
    )
}

// ---------------------------------------------------------------------------------------------
// Subscription periods

fn tenant_periods(model: &Model<'_>, findings: &mut Findings) {
    for t in model.tenants.values() {
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            let at = |field: &str| format!("/spec/subscriptions/{i}/{field}");
            let Some(since) = Date::parse(s.since) else {
                continue;
            };
            if let Some(until) = s.until.and_then(Date::parse)
                && until < since
            {
                findings.push(
                    t.doc
                        .finding(
                            &TENANT_PERIOD,
                            &at("until"),
                            Text::new("period-ends-before-start")
                                .name("service", s.service)
                                .date("until", until.to_string())
                                .date("since", since.to_string()),
                        )
                        .label(t.doc.loc(&at("since")), "it starts here")
                        .help(Text::new("h-period-ends-before-start")),
                );
            }
            let Some(provider) = model
                .services
                .get(s.service)
                .and_then(|service| model.entities.get(&service.spec.provider))
            else {
                continue; // a dangling reference is `ref/unknown`'s
            };
            let p = provider.id();
            if let Some(established) = provider.spec.established.as_deref().and_then(Date::parse)
                && since < established
            {
                findings.push(
                    t.doc
                        .finding(
                            &TENANT_PERIOD,
                            &at("since"),
                            Text::new("period-before-provider")
                                .name("service", s.service)
                                .date("since", since.to_string())
                                .name("provider", p)
                                .date("established", established.to_string()),
                        )
                        .label(
                            provider.doc.loc("/spec/established"),
                            format!("`{p}` was established here"),
                        )
                        .help(Text::new("h-period-before-provider")),
                );
            }
            if let Some(dissolved) = provider.spec.dissolved.as_deref().and_then(Date::parse)
                && since > dissolved
            {
                findings.push(
                    t.doc
                        .finding(
                            &TENANT_PERIOD,
                            &at("since"),
                            Text::new("period-after-provider")
                                .name("service", s.service)
                                .date("since", since.to_string())
                                .name("provider", p)
                                .date("dissolved", dissolved.to_string()),
                        )
                        .label(
                            provider.doc.loc("/spec/dissolved"),
                            format!("`{p}` was dissolved here"),
                        )
                        .help(Text::new("h-period-after-provider")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_exact_decimals() {
        let x = |f: f64| show(exact(f).unwrap());
        assert_eq!(x(33.33), "33.33");
        assert_eq!(x(100.0), "100");
        assert_eq!(x(0.1), "0.1");
        // 30.71 + 33.34 + 35.95 is exactly 100; summed as f64 it is 100.00000000000001, which
        // would be a false "more than 100 %".
        let sum = exact(30.71).unwrap() + exact(33.34).unwrap() + exact(35.95).unwrap();
        assert_eq!(show(sum), "100");
        let floats = [30.71f64, 33.34, 35.95];
        assert!(floats.iter().sum::<f64>() > 100.0, "the f64 sum overstates");
        // Beyond 24 decimals a share rounds up, never down.
        assert!(exact(1e-30).unwrap() > 0);
        assert!(exact(-1.0).is_none() && exact(f64::NAN).is_none());
        // Written out longer than the stack holds (101 and 309 characters): read the same,
        // rounded up to the smallest unit.
        assert_eq!(exact(5e-100), Some(1));
        assert_eq!(exact(f64::MIN_POSITIVE), Some(1));
        assert_eq!(x(1e12), "1000000000000");
        assert_eq!(x(12.5 + 1e-20), "12.5", "below f64's precision at 12.5");
    }

    #[test]
    fn holdings_that_may_add_up_to_more_than_100_on_some_date() {
        let entity = |owners: serde_json::Value| -> crate::model::types::Entity {
            serde_json::from_value(serde_json::json!({"type": "company", "owners": owners}))
                .expect("an entity")
        };
        let o = |share: f64, from: Option<&str>, to: Option<&str>| serde_json::json!({"entity": "x", "share": share, "from": from, "to": to});
        // 50 + 50: not on any date.
        let even = entity(serde_json::json!([
            o(50.0, None, None),
            o(50.0, None, None)
        ]));
        assert!(!may_be_overowned(&even));
        // 60 + 60 on every date: on each.
        let over = entity(serde_json::json!([
            o(60.0, None, None),
            o(60.0, None, None)
        ]));
        assert!(may_be_overowned(&over));
        assert!(overowned_on(&over, "2024-01-01").is_some());
        // 60 until 2019, 60 from 2020: on no date, but all of them together say "may" (the
        // dates are for `overowned_on` to weigh).
        let after = entity(serde_json::json!([
            o(60.0, None, Some("2019-12-31")),
            o(60.0, Some("2020-01-01"), None)
        ]));
        assert!(may_be_overowned(&after));
        assert!(overowned_on(&after, "2019-06-01").is_none());
        // The capital adds up to 100, the votes to 120.
        let mut votes = serde_json::json!([o(50.0, None, None), o(50.0, None, None)]);
        votes[0]["votes"] = serde_json::json!(70.0);
        let votes = entity(votes);
        assert!(may_be_overowned(&votes));
        assert_eq!(
            overowned_on(&votes, "2024-01-01").map(|x| x.0),
            Some("votes")
        );
    }

    #[test]
    fn sweep_finds_the_first_stretch_over_100() {
        let pct = |p: i128| Some(p * 10i128.pow(DIGITS as u32));
        let d = |s: &str| Some(Date::parse(s).unwrap().days());
        // 60 always; 50 from 2024-01-01; the 60 ends 2023-12-31: never over.
        let ok = sweep(
            &[(None, d("2023-12-31")), (d("2024-01-01"), None)],
            &[pct(60), pct(50)],
        );
        assert!(ok.is_none());
        // 60 always; 50 during 2024 only: 110 % from 2024-01-01 to 2024-12-31.
        let x = sweep(
            &[(None, None), (d("2024-01-01"), d("2024-12-31"))],
            &[pct(60), pct(50)],
        )
        .unwrap();
        assert_eq!(show(x.total), "110");
        assert_eq!(x.from.unwrap().to_string(), "2024-01-01");
        assert_eq!(x.to.unwrap().to_string(), "2024-12-31");
        assert_eq!(x.holders, [0, 1]);
    }

    /// Which fields a placeholder in is an error (a legal condition reads them) and which a
    /// warning.
    #[test]
    fn the_fields_the_legal_conditions_read() {
        assert!(read_by_legal_condition(
            Kind::Tenant,
            "/spec/subscriptions/0/basis"
        ));
        assert!(read_by_legal_condition(
            Kind::Tenant,
            "/spec/subscriptions/0/dpa/reference"
        ));
        assert!(!read_by_legal_condition(
            Kind::Tenant,
            "/spec/subscriptions/0/environments/0"
        ));
        assert!(!read_by_legal_condition(Kind::Service, "/spec/owner/team"));
        assert!(read_by_legal_condition(Kind::Service, "/spec/provider"));
        assert!(read_by_legal_condition(
            Kind::Service,
            "/spec/hosting/operator"
        ));
        assert!(!read_by_legal_condition(Kind::Entity, "/metadata/name"));
    }
}
