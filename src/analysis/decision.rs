//! Decisions: for every subscription and every date it is judged on, the basis it claims and a
//! verdict per legal condition of that basis (DESIGN §3.1). A decision never holds on partial
//! input: when the input a condition needs is missing, invalid or unclassifiable, the condition
//! is `not-assessed` and says why. The findings of the analyses are derived from these records,
//! so what a reviewer reads in the report and what the gate fails on cannot disagree.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::ControlKind;
use crate::finding::{Message, Text};
use crate::hash::Map;

/// A condition's verdict. Ordered from best to worst: a decision is as bad as its worst condition
/// (fails > not-assessed > review > holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The condition is met on the input read.
    Holds,
    /// Met on a reading the law has not settled; `because` says which.
    Review,
    /// The input it needs is missing, invalid or cannot be classified; `because` says which.
    NotAssessed,
    /// The condition is not met.
    Fails,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holds => "holds",
            Self::Review => "review",
            Self::NotAssessed => "not-assessed",
            Self::Fails => "fails",
        }
    }
}

/// The conditions of the decision records, in the order a reviewer reads them (DESIGN §3.1):
/// in-house, then cooperation, then the other bases; `in-house` and `basis` stand for a whole
/// basis that could not be judged.
pub const CONDITIONS: &[&str] = &[
    "buyer",
    "control",
    "activity",
    "private-capital",
    "contrary-interests",
    "cooperation",
    "objectives",
    "parties",
    "open-market",
    "procurement",
    "value",
    "in-house",
    "basis",
];

/// A condition's name for a reader (`condition-private-capital`: "Private capital", "Privat
/// kapital"), where a message in another language than English must not show the JSON id. An
/// id not in [`CONDITIONS`] is shown as itself.
pub fn condition_label(condition: &str) -> crate::i18n::Text {
    use crate::i18n::Text;
    let id = match condition {
        "buyer" => "condition-buyer",
        "control" => "condition-control",
        "activity" => "condition-activity",
        "private-capital" => "condition-private-capital",
        "contrary-interests" => "condition-contrary-interests",
        "cooperation" => "condition-cooperation",
        "objectives" => "condition-objectives",
        "parties" => "condition-parties",
        "open-market" => "condition-open-market",
        "procurement" => "condition-procurement",
        "value" => "condition-value",
        "in-house" => "condition-in-house",
        "basis" => "condition-basis",
        other => {
            return Text::new("list").arg("items", crate::i18n::Arg::Name(other.to_owned()));
        }
    };
    Text::new(id)
}

/// The conditions the `decisions` judge, in the order of [`CONDITIONS`], then any other in the
/// order first met: a report never leaves out a condition because it does not know its name.
pub fn conditions_of<'d>(decisions: impl IntoIterator<Item = &'d Decision>) -> Vec<&'static str> {
    let mut seen: Vec<&'static str> = Vec::new();
    for d in decisions {
        for c in &d.conditions {
            if !seen.contains(&c.condition) {
                seen.push(c.condition);
            }
        }
    }
    let mut out: Vec<&'static str> = CONDITIONS
        .iter()
        .copied()
        .filter(|k| seen.contains(k))
        .collect();
    out.extend(seen.into_iter().filter(|k| !CONDITIONS.contains(k)));
    out
}

/// One legal condition of a basis, judged on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// `control`, `activity`, `private-capital`, `contrary-interests`, `buyer`, `procurement`,
    /// `value`, `cooperation`.
    pub condition: &'static str,
    pub verdict: Verdict,
    /// Control only: how the buyer controls the provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how: Option<ControlKind>,
    /// Control only: the links of the path, shared with the control answer it comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Arc<[String]>>,
    /// Activity only: the window's years (`2021-2023`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// Activity only: the qualifying share, one decimal, truncated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
    /// Why this verdict, in words, and as a [`Text`] for the report in other languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<Because>,
    /// Documents relied on (files in the repository).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The rules whose findings this condition gave rise to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<&'static str>,
    /// Control, private capital and contrary interests: the provider's dated structure in force
    /// on the decision's date (absent when nothing in it is dated: it is the same on every date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<Arc<Structure>>,
}

/// Why a condition has its verdict: a [`Text`], written in English only when something reads
/// it. The terminal output of `check` shows no condition's reason and no control answer's, and
/// writing each one through Fluent as it was made was 1.5 M of the 30.4 M instructions of
/// checking the 37 KB example; on the national corpus the JSON run, which writes them all, peaks
/// 2.1 MB lower with them written after the analyses (issue 18).
#[derive(Clone)]
pub struct Because {
    text: Option<Arc<Text>>,
    en: OnceLock<Arc<str>>,
}

impl Because {
    /// The reason as a [`Text`], when it was given as one (not as words already written).
    pub fn text(&self) -> Option<&Text> {
        self.text.as_deref()
    }

    /// The reason in English, written on first use (once: not through [`Text::en`]'s cache).
    pub fn as_str(&self) -> &str {
        self.en.get_or_init(|| match &self.text {
            Some(t) => t.en_once().into(),
            // unreachable: a reason without a text is made with its words
            None => Arc::from(""),
        })
    }

    fn written(en: Arc<str>, text: Option<Arc<Text>>) -> Self {
        Self {
            text,
            en: OnceLock::from(en),
        }
    }
}

impl std::ops::Deref for Because {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Because {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Because {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Two reasons are equal when they read the same, as when both were kept as words.
impl PartialEq for Because {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Because {}

impl Serialize for Because {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<Text> for Because {
    fn from(t: Text) -> Self {
        Self {
            text: Some(Arc::new(t)),
            en: OnceLock::new(),
        }
    }
}

/// A message already written keeps its words (and its text, for other languages).
impl From<Message> for Because {
    fn from(m: Message) -> Self {
        Self::written(m.en, m.text)
    }
}

/// Written when it becomes a finding's message, which is always shown. Findings repeat their
/// reasons (the same for every subscription of a buyer), so these go through [`Text::en`]'s
/// cache.
impl From<Because> for Message {
    fn from(b: Because) -> Self {
        let en = match (b.en.get(), &b.text) {
            (Some(en), _) => Arc::clone(en),
            (None, Some(t)) => t.en().into(),
            (None, None) => Arc::from(""),
        };
        Self { en, text: b.text }
    }
}

impl From<&str> for Because {
    fn from(s: &str) -> Self {
        Self::written(s.into(), None)
    }
}

impl From<String> for Because {
    fn from(s: String) -> Self {
        Self::written(s.into(), None)
    }
}

/// Which version of a provider's dated structure a condition was judged on, so a reviewer can
/// see why a past award is judged as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Structure {
    /// The holdings valid on the date: `ks: 100 % of the votes (from 2022-07-01)`.
    pub holdings: Vec<String>,
    /// The bodies valid on the date: `members-council (from 2022-07-01)`.
    pub bodies: Vec<String>,
    /// The version of the articles in force: `from 2022-07-01 (docs/vedtekter-2022.pdf)`;
    /// absent when none is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<String>,
}

impl Condition {
    pub fn new(condition: &'static str, verdict: Verdict) -> Self {
        Self {
            condition,
            verdict,
            how: None,
            path: None,
            window: None,
            share: None,
            because: None,
            evidence: Vec::new(),
            rules: Vec::new(),
            structure: None,
        }
    }

    pub fn holds(condition: &'static str) -> Self {
        Self::new(condition, Verdict::Holds)
    }

    #[must_use]
    pub fn because(mut self, why: impl Into<Because>) -> Self {
        self.set_because(why);
        self
    }

    /// Sets why this verdict.
    pub fn set_because(&mut self, why: impl Into<Because>) {
        self.because = Some(why.into());
    }

    /// Why this verdict as a [`Text`], when it was given as one.
    pub fn because_text(&self) -> Option<&Text> {
        self.because.as_ref()?.text()
    }

    #[must_use]
    pub fn rule(mut self, id: &'static str) -> Self {
        if !self.rules.contains(&id) {
            self.rules.push(id);
        }
        self
    }

    /// Not assessed, with the reason.
    pub fn not_assessed(condition: &'static str, why: impl Into<Because>) -> Self {
        Self::new(condition, Verdict::NotAssessed).because(why)
    }
}

/// Where a contract's estimated value stands (DESIGN §3.5): the consequences of a wrong basis
/// grow with it (KOFA's fee above the national threshold, anskaffelsesloven § 12; ineffectiveness
/// above the EEA thresholds, § 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exposure {
    BelowFloor,
    BelowNationalThreshold,
    BelowEeaThreshold,
    AboveEeaThreshold,
    /// No value stated, no threshold on record for the award date, or the buyer's kind unknown.
    Unknown,
}

/// A list that decisions judging the same thing share (the conditions of a buyer, provider,
/// structure epoch and activity window; the assumptions made on one date), copied only when
/// one of them adds to it. At national scale 30,000 decisions held a list of conditions and a
/// list of assumptions each, deep copies of 600 distinct ones (issue 18). Empty, it holds
/// nothing; it serializes as the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<T>(Option<Arc<Vec<T>>>);

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T: Clone> Shared<T> {
    /// Adds `item`, copying the list first if another decision holds it too.
    pub fn push(&mut self, item: T) {
        match &mut self.0 {
            Some(list) => Arc::make_mut(list).push(item),
            None => self.0 = Some(Arc::new(vec![item])),
        }
    }

    /// The list followed by `items`, a list of its own.
    #[must_use]
    pub fn followed_by(&self, items: &[T]) -> Self {
        self.iter().chain(items).cloned().collect()
    }

    /// The list's address, the same for every decision that shares it (0 for an empty list):
    /// a key for work done once per shared list, while the list is kept alive.
    pub fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |list| Arc::as_ptr(list).addr())
    }

    /// The items to change, copied first if another decision holds them too.
    pub fn make_mut(&mut self) -> &mut [T] {
        match &mut self.0 {
            Some(list) => Arc::make_mut(list).as_mut_slice(),
            None => &mut [],
        }
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(list: Vec<T>) -> Self {
        if list.is_empty() {
            Self(None)
        } else {
            Self(Some(Arc::new(list)))
        }
    }
}

impl<T> FromIterator<T> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<'s, T> IntoIterator for &'s Shared<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

/// Why a decision or control path is judged on its date: the award (`since`), or the
/// evaluation date while the subscription runs. One byte where the words had taken sixteen in
/// each of the 30,000 decisions and 30,000 control paths of the national corpus (issue 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Purpose {
    Award,
    AsOf,
}

impl Purpose {
    /// As the JSON and the reports write it: `award` or `as-of`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Award => "award",
            Self::AsOf => "as-of",
        }
    }
}

impl PartialEq<&str> for Purpose {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Purpose {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The decision for one subscription on one date.
///
/// Its names are shared: the two decisions of a subscription (award and as-of) and its control
/// paths hold one [`Subject`] (its target and the ids it names) and one copy of each date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The subscription and the ids it names, one allocation shared with its other decision
    /// and its control paths.
    #[serde(flatten)]
    pub subject: Arc<Subject>,
    /// The date judged, `YYYY-MM-DD` (absent when the subscription's `since` cannot be read).
    pub date: Option<Name>,
    /// `award` (the `since` date) or `as-of` (the evaluation date, while it runs).
    pub purpose: Purpose,
    /// The worst verdict of the conditions.
    pub verdict: Verdict,
    pub conditions: Shared<Arc<Condition>>,
    /// The contract's estimated value, NOK with two decimals (DESIGN §3.5); `null` when the
    /// subscription states neither `annual_value` nor `estimated_value`.
    pub estimated_value: Option<super::Minor>,
    /// Where that value, added up with the buyer's contracts for the same need, stands against
    /// the floor and the national and EEA thresholds in force on the award date.
    pub exposure: Exposure,
    /// What was taken as given without being checked.
    pub assumptions: Shared<Message>,
    /// What this decision does not cover, said so that nobody reads silence as a pass: one of a
    /// few fixed lists, named in one byte (a slice took 16, and the decision 72 bytes, not 56).
    pub not_checked: NotChecked,
}

/// An id or a date that decisions, subjects and control paths share, one pointer wide where an
/// `Arc<str>` is two: a subject holds five, a decision and a control path one each, and at
/// ×10 their second words were 10.7 MB of the heap peak (issue 18).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<Box<str>>);

impl Name {
    /// Whether `a` and `b` are one shared copy.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The shared copy's address: equal for two names exactly when [`Name::ptr_eq`] (while
    /// both live).
    pub fn addr(&self) -> usize {
        Arc::as_ptr(&self.0).addr()
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Self(Arc::new(s.into()))
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// A subscription and what it names, as its decisions and control paths record them: one
/// allocation per subscription, shared by its two decisions (award and as-of) and its two
/// control paths, where each of them held six reference-counted names of its own (4 MB of the
/// national corpus's 48 MB heap peak, issue 18). The subscription's target is not kept but
/// written when asked for ([`Subject::subscription`]): kept, it was 8.8 MB of the ×10 corpus's
/// 266 MB heap peak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Where the subscription is in its tenant's `spec.subscriptions`.
    pub index: usize,
    pub tenant: Name,
    /// The buying entity (`Entity` id), when the tenant says.
    pub buyer: Option<Name>,
    pub service: Option<Name>,
    pub provider: Option<Name>,
    /// The basis claimed (`in-house`, `tender`, ...).
    pub basis: Name,
}

/// Before the index in a subscription's target.
const SUBSCRIPTIONS: &str = "#/spec/subscriptions/";

impl Subject {
    /// Who the decision is filed under in the reports: the buyer, else the tenant (when the
    /// buyer is unknown).
    pub fn buyer_or_tenant(&self) -> &str {
        self.buyer.as_deref().unwrap_or(&self.tenant)
    }

    /// The buying authority (`Entity` id), empty where the tenant names none (a control path's
    /// decision names it, its service and its provider).
    pub fn authority(&self) -> &str {
        self.buyer.as_deref().unwrap_or_default()
    }

    /// The service id, empty where the subscription names none.
    pub fn service(&self) -> &str {
        self.service.as_deref().unwrap_or_default()
    }

    /// The provider id, empty where the service is not known.
    pub fn provider(&self) -> &str {
        self.provider.as_deref().unwrap_or_default()
    }

    /// `Tenant/id#/spec/subscriptions/N`.
    pub fn subscription(&self) -> String {
        let mut s =
            String::with_capacity("Tenant/".len() + self.tenant.len() + SUBSCRIPTIONS.len() + 4);
        self.write_subscription(&mut s);
        s
    }

    /// Appends [`Subject::subscription`] to `out`.
    pub fn write_subscription(&self, out: &mut String) {
        out.push_str("Tenant/");
        out.push_str(&self.tenant);
        out.push_str(SUBSCRIPTIONS);
        out.extend(
            decimal(self.index, &mut [0; 20])
                .iter()
                .map(|&d| char::from(d)),
        );
    }

    /// The subscription, as a key for sets and maps.
    pub fn key(&self) -> (&str, usize) {
        (&self.tenant, self.index)
    }

    /// Orders subjects as the text of their subscriptions' targets sorts (so `/10` before
    /// `/9`): the order the decisions have always been written in.
    pub fn cmp_subscription(&self, other: &Self) -> std::cmp::Ordering {
        // one tenant (one shared name): the indices as text
        if Name::ptr_eq(&self.tenant, &other.tenant) {
            return cmp_decimal(self.index, other.index);
        }
        let (ours, others) = (self.tenant.as_bytes(), other.tenant.as_bytes());
        let same = ours.len().min(others.len());
        let (head, rest) = ours.split_at(same);
        let (their_head, their_rest) = others.split_at(same);
        match head.cmp(their_head) {
            // two tenants that differ within both ids order their targets
            std::cmp::Ordering::Equal if rest.is_empty() && their_rest.is_empty() => {
                cmp_decimal(self.index, other.index)
            }
            // only where one id is the start of the other does the rest of the target decide,
            // read byte by byte
            std::cmp::Ordering::Equal => {
                let (mut mine, mut theirs) = ([0; 20], [0; 20]);
                target_after(self, same, &mut mine).cmp(target_after(other, same, &mut theirs))
            }
            unequal => unequal,
        }
    }
}

/// The order of the decisions by their subscriptions (as [`Subject::cmp_subscription`]) and
/// then their purpose, ties in the order `given` lists them: the `k`th of the result is the
/// place in `decisions` of the `k`th in that order, and `given(k)` is the place of the `k`th as
/// the analyses gave them.
///
/// Each decision gets one integer key (its tenant's rank, its index's place among decimal
/// texts, its purpose, `k`), so the sort reads a list of integers. Compared by their subjects,
/// each comparison followed three pointers per side to the tenants' ids, scattered over the
/// heap: at ×50 of the national corpus (1.5 million decisions) that sort and its comparisons
/// took 0.25 s of the check's 12 (issue 18). Where a key cannot be made (a tenant id with `#`,
/// whose order against another can depend on the indices; more than 64 bits), the decisions
/// are compared as before.
pub fn order(decisions: &[Decision], given: impl Fn(usize) -> usize) -> Vec<usize> {
    if let Some(order) = order_by_keys(decisions, &given) {
        return order;
    }
    let mut order: Vec<usize> = (0..decisions.len()).map(&given).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&decisions[a], &decisions[b]);
        a.subject
            .cmp_subscription(&b.subject)
            .then(a.purpose.cmp(&b.purpose))
    });
    order
}

/// [`order`] by one `u64` per decision, or `None` where the keys cannot hold it.
fn order_by_keys(decisions: &[Decision], given: &impl Fn(usize) -> usize) -> Option<Vec<usize>> {
    let n = decisions.len();
    if n == 0 {
        return Some(Vec::new());
    }
    // The distinct tenants by their shared name's address (nearly every decision shares its
    // tenant's name with the one before it), each with its id.
    let mut slot_of: crate::hash::Map<usize, u32> = crate::hash::Map::default();
    let mut ids: Vec<&str> = Vec::new();
    let mut last = (usize::MAX, 0u32);
    let mut slots = Vec::with_capacity(n);
    let mut max_index = 0usize;
    for k in 0..n {
        let s = &decisions.get(given(k))?.subject;
        let addr = s.tenant.addr();
        let slot = if addr == last.0 {
            last.1
        } else {
            let next = u32::try_from(ids.len()).ok()?;
            let slot = *slot_of.entry(addr).or_insert(next);
            if slot == next {
                ids.push(&s.tenant);
            }
            last = (addr, slot);
            slot
        };
        slots.push(slot);
        max_index = max_index.max(s.index);
    }
    drop(slot_of);
    // Two targets `Tenant/a#/spec/subscriptions/i` and `Tenant/b#/…/j` of different tenants
    // order as `a#` and `b#` do, whatever the indices, unless `b` starts with `a#`.
    if ids.iter().any(|id| id.contains('#')) {
        return None;
    }
    let mut by_id: Vec<u32> = (0..u32::try_from(ids.len()).ok()?).collect();
    by_id.sort_by(|&a, &b| {
        let (a, b) = (ids[a as usize], ids[b as usize]);
        let end = std::iter::once(b'#');
        a.bytes().chain(end.clone()).cmp(b.bytes().chain(end))
    });
    // A rank per slot: equal ids (two copies of one name) rank alike.
    let mut rank = vec![0u64; ids.len()];
    let mut r = 0u64;
    for (i, &slot) in by_id.iter().enumerate() {
        if i > 0 && ids[by_id[i - 1] as usize] != ids[slot as usize] {
            r += 1;
        }
        rank[slot as usize] = r;
    }
    // An index's place among decimal texts (`10` before `9`): its digits scaled to the most
    // any index has, then its number of digits (a text before the longer ones it starts).
    let digits = |i: usize| u64::from(i.checked_ilog10().map_or(1, |l| l + 1));
    let most = digits(max_index);
    let text_key = |i: usize| -> Option<u64> {
        let d = digits(i);
        u64::try_from(i)
            .ok()?
            .checked_mul(10u64.checked_pow(u32::try_from(most - d).ok()?)?)?
            .checked_mul(most + 1)?
            .checked_add(d)
    };
    // The widest key each part can have: ranks up to `r`, text keys below
    // 10^most * (most + 1), places below `n`.
    let bits = |max: u64| u64::BITS - max.leading_zeros();
    let rank_bits = bits(r);
    let text_bits = bits(
        10u64
            .checked_pow(u32::try_from(most).ok()?)?
            .checked_mul(most + 1)?,
    );
    let k_bits = bits(u64::try_from(n).ok()?);
    if rank_bits + text_bits + 1 + k_bits > u64::BITS {
        return None;
    }
    let mut keys = Vec::with_capacity(n);
    for (k, &slot) in slots.iter().enumerate() {
        let d = decisions.get(given(k))?;
        let key = (((rank[slot as usize] << text_bits | text_key(d.subject.index)?) << 1
            | u64::from(d.purpose == Purpose::AsOf))
            << k_bits)
            | u64::try_from(k).ok()?;
        keys.push(key);
    }
    drop(slots);
    keys.sort_unstable();
    let mask = (1u64 << k_bits) - 1;
    Some(
        keys.into_iter()
            .map(|key| given((key & mask) as usize))
            .collect(),
    )
}

/// The bytes of `s`'s target after `Tenant/` and the first `skip` bytes of its tenant's id.
fn target_after<'s>(
    s: &'s Subject,
    skip: usize,
    buf: &'s mut [u8; 20],
) -> impl Iterator<Item = u8> + 's {
    let tenant: &[u8] = s.tenant.as_bytes().get(skip..).unwrap_or_default();
    tenant
        .iter()
        .chain(SUBSCRIPTIONS.as_bytes())
        .chain(decimal(s.index, buf).iter())
        .copied()
}

/// `a` and `b` ordered as their decimal texts sort (`10` before `9`), without writing them:
/// the shorter is scaled to the longer's number of digits, and where the two are then equal the
/// shorter text is the start of the longer and sorts first. Sorting the national corpus's 30,000
/// decisions compares about 600,000 pairs: writing both indices for each and comparing the
/// tenants byte by byte took 42.9 M instructions, this and a slice comparison 29.8 M (issue 18).
fn cmp_decimal(a: usize, b: usize) -> std::cmp::Ordering {
    let digits = |n: usize| n.checked_ilog10().map_or(1, |l| l + 1);
    let (da, db) = (digits(a), digits(b));
    if da == db {
        return a.cmp(&b);
    }
    // at most twenty digits each: 10^20 * 10^19 is within u128
    let scaled = |n: usize, by: u32| u128::try_from(n).map_or(u128::MAX, |n| n * 10u128.pow(by));
    scaled(a, db.saturating_sub(da))
        .cmp(&scaled(b, da.saturating_sub(db)))
        .then(da.cmp(&db))
}

/// `n` in decimal, written at the end of `buf` (a `usize` has at most twenty digits).
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or_default()
}

impl Serialize for Subject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(6))?;
        map.serialize_entry("subscription", &self.subscription())?;
        map.serialize_entry("tenant", &self.tenant)?;
        map.serialize_entry("buyer", &self.buyer)?;
        map.serialize_entry("service", &self.service)?;
        map.serialize_entry("provider", &self.provider)?;
        map.serialize_entry("basis", &self.basis)?;
        map.end()
    }
}

/// One shared copy of each id the decisions name: at national scale 30,000 decisions and
/// their control paths name a few hundred buyers, services and providers.
///
/// The last few copies handed out are asked first: a subscription's decision names its
/// tenant, buyer, provider and basis, which the subscription before it nearly always named
/// too. At ×50 the map holds 60,000 ids and each lookup waited on memory for the id's bytes
/// (the lookups grew 9 times for 5 times the input; issue 18). The two a subscription names
/// that the one before it seldom did, its service and its date, are kept apart, by the
/// service's place in the model and by the day, so that finding them reads no id's text.
#[derive(Debug, Default)]
pub struct Interner<'m> {
    map: Map<&'m str, Name>,
    recent: [Option<Name>; RECENT],
    next: usize,
    /// The services' copies by their place among the model's valid services.
    services: Vec<Option<Name>>,
    /// The entities' copies by their place among the model's valid entities: a subscription's
    /// buyer and provider, which at ×50 of the many-providers corpus (28,600 entities) were
    /// found by their text, read at a random place for each subscription (issue 18).
    entities: Vec<Option<Name>>,
    /// The copies of dates written `YYYY-MM-DD`, by the day.
    dates: Map<crate::date::Date, Name>,
}

/// How many copies [`Interner`] keeps at hand.
const RECENT: usize = 8;

impl<'m> Interner<'m> {
    /// The shared copy of `id`, made on first use.
    pub fn get(&mut self, id: &'m str) -> Name {
        if let Some(name) = self.recent.iter().flatten().find(|n| ***n == *id) {
            return name.clone();
        }
        let name = self.map.entry(id).or_insert_with(|| Name::from(id)).clone();
        if let Some(slot) = self.recent.get_mut(self.next % RECENT) {
            *slot = Some(name.clone());
        }
        self.next = self.next.wrapping_add(1);
        name
    }

    /// The shared copy of the id of the service at `position` among the model's valid services
    /// (the same as [`Interner::get`] gives), or of `id` when it has none.
    pub fn service(&mut self, position: Option<usize>, id: &'m str) -> Name {
        self.placed(|x| &mut x.services, position, id)
    }

    /// The shared copy of the id of the entity at `position` among the model's valid entities
    /// (the same as [`Interner::get`] gives), or of `id` when it has none.
    pub fn entity(&mut self, position: Option<usize>, id: &'m str) -> Name {
        self.placed(|x| &mut x.entities, position, id)
    }

    /// The shared copy of `id`, kept in `table` (of [`Interner::service`] or
    /// [`Interner::entity`]) at the id's `position` in the model.
    fn placed(
        &mut self,
        table: fn(&mut Self) -> &mut Vec<Option<Name>>,
        position: Option<usize>,
        id: &'m str,
    ) -> Name {
        let Some(at) = position else {
            return self.get(id);
        };
        if let Some(Some(name)) = table(self).get(at) {
            return name.clone();
        }
        let name = self.get(id);
        let kept = table(self);
        if kept.len() <= at {
            kept.resize(at + 1, None);
        }
        if let Some(slot) = kept.get_mut(at) {
            *slot = Some(name.clone());
        }
        name
    }

    /// The shared copy of a date's text: by its day when it is written `YYYY-MM-DD` (the text
    /// of a day is then the one [`Date`](crate::date::Date) writes), else as any id.
    pub fn date(&mut self, text: &'m str) -> Name {
        match crate::date::Date::parse(text) {
            Some(day) => self
                .dates
                .entry(day)
                .or_insert_with(|| Name::from(text))
                .clone(),
            None => self.get(text),
        }
    }

    /// The subject of the subscription `index` of a valid tenant, its ids shared: the buyer is
    /// the tenant's entity, the provider the service's when the service is known (each with its
    /// position among the model's valid entities, if it has one).
    pub fn subject(
        &mut self,
        tenant: &'m crate::model::Item<'m, crate::model::Tenant<'m>>,
        index: usize,
        sub: &crate::model::Subscription<'m>,
        provider: Option<(&'m str, Option<usize>)>,
    ) -> Subject {
        Subject {
            index,
            tenant: self.get(tenant.id()),
            buyer: Some(self.entity(tenant.spec.entity_at.position(), tenant.spec.entity)),
            service: Some(self.service(sub.service_at.position(), sub.service)),
            provider: provider.map(|(id, at)| self.entity(at, id)),
            basis: self.get(sub.basis),
        }
    }
}

/// A fixed text of the decisions (what they do not check): its message id and its English
/// words, which are `locales/en.ftl`'s (a test says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fixed {
    pub id: &'static str,
    pub en: &'static str,
}

impl std::ops::Deref for Fixed {
    type Target = str;
    fn deref(&self) -> &str {
        self.en
    }
}

impl Serialize for Fixed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.en)
    }
}

pub const NC_CONTROL_PRACTICE: Fixed = Fixed {
    id: "nc-control-practice",
    en: "how control is exercised in practice (minutes, instructions to the board)",
};
pub const NC_ASSESSMENT: Fixed = Fixed {
    id: "nc-assessment",
    en: "whether the written assessment named in `assessment` supports the award (only that one is named)",
};
pub const NC_ACCOUNTS: Fixed = Fixed {
    id: "nc-accounts",
    en: "that the activity reports agree with the audited accounts",
};
pub const NC_COMPETITION: Fixed = Fixed {
    id: "nc-competition",
    en: "whether the competition itself was lawful",
};
pub const NC_GENUINE_COOPERATION: Fixed = Fixed {
    id: "nc-genuine-cooperation",
    en: "whether the cooperation is genuine and governed solely by public-interest considerations (C-429/19 Remondis; C-383/21 and C-384/21)",
};

/// What a decision does not check: one of the fixed lists, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotChecked {
    Nothing,
    /// An in-house award under art. 12(1).
    Article12_1,
    /// A reverse or sister award (art. 12(2)): it has no activity test.
    Article12_2,
    /// An award after a competition.
    Competition,
    /// Horizontal cooperation (art. 12(4)).
    GenuineCooperation,
}

impl NotChecked {
    /// The list's texts, in the order they are reported.
    pub const fn list(self) -> &'static [Fixed] {
        match self {
            Self::Nothing => &[],
            Self::Article12_1 => &[NC_ASSESSMENT, NC_CONTROL_PRACTICE, NC_ACCOUNTS],
            Self::Article12_2 => &[NC_CONTROL_PRACTICE],
            Self::Competition => &[NC_COMPETITION],
            Self::GenuineCooperation => &[NC_GENUINE_COOPERATION],
        }
    }
}

impl std::ops::Deref for NotChecked {
    type Target = [Fixed];
    fn deref(&self) -> &[Fixed] {
        self.list()
    }
}

impl IntoIterator for NotChecked {
    type Item = &'static Fixed;
    type IntoIter = std::slice::Iter<'static, Fixed>;
    fn into_iter(self) -> Self::IntoIter {
        self.list().iter()
    }
}

impl Serialize for NotChecked {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list().serialize(s)
    }
}

/// Every [`Fixed`] text, for the test that they are `en.ftl`'s words.
pub const FIXED: &[Fixed] = &[
    NC_CONTROL_PRACTICE,
    NC_ASSESSMENT,
    NC_ACCOUNTS,
    NC_COMPETITION,
    NC_GENUINE_COOPERATION,
];

impl Decision {
    /// Sets the decision's verdict to the worst of its conditions; a decision without
    /// conditions has nothing to hold on and is `not-assessed`.
    pub fn settle(&mut self) {
        self.verdict = self
            .conditions
            .iter()
            .map(|c| c.verdict)
            .max()
            .unwrap_or(Verdict::NotAssessed);
    }

    pub fn condition(&self, name: &str) -> Option<&Condition> {
        self.conditions
            .iter()
            .find(|c| c.condition == name)
            .map(|c| &**c)
    }
}

/// Why a condition that reads `field` cannot be assessed: its value is still a placeholder
/// (`data/placeholder` reports it). The value is shown on one line.
pub fn placeholder(field: &str, value: &str) -> Text {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    Text::new("because-placeholder")
        .plain("field", format!("`{field}`"))
        .plain("value", format!("`{value}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reason reads the same whichever way it is written: read by the JSON (once, past the
    /// cache), made a finding's message before or after it was read (through the cache), or
    /// given as words.
    #[test]
    fn a_reason_reads_the_same_read_once_or_as_a_message() {
        let text = || {
            Text::new("because-self-supply")
                .name("buyer", "oslo-kommune")
                .name("service", "svarut")
        };
        let en = text().en();
        assert!(
            en.contains("`oslo-kommune`") && en.contains("`svarut`"),
            "{en}"
        );
        let read = Because::from(text());
        assert_eq!(read.as_str(), en);
        assert_eq!(&*Message::from(read).en, en, "a reason already read");
        let unread = Because::from(text());
        let message = Message::from(unread);
        assert_eq!(&*message.en, en, "a reason not yet read");
        assert_eq!(message.text.as_deref(), Some(&text()));
        let words = Because::from("as written");
        assert_eq!(&*Message::from(words).en, "as written");
    }

    /// The reasons of the example's decisions and control answers stay unwritten through the
    /// check (a terminal run shows none of them), and read as the English text when asked.
    #[test]
    fn a_reason_is_written_only_when_read() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ks-digital");
        let outcome = crate::check(&root, &crate::Options::default()).unwrap();
        let figures = &outcome.figures;
        let reasons: Vec<&Because> = figures
            .decisions
            .iter()
            .flat_map(|d| d.conditions.iter())
            .filter_map(|c| c.because.as_ref())
            .chain(figures.control.iter().map(|p| &p.answer.explanation))
            .filter(|b| b.text.is_some())
            .collect();
        assert!(reasons.len() > 100, "only {} reasons", reasons.len());
        let written = reasons.iter().filter(|b| b.en.get().is_some()).count();
        assert_eq!(written, 0, "{written} of {} written", reasons.len());
        for b in &reasons {
            assert_eq!(b.as_str(), b.text().unwrap().en());
        }
    }

    fn subject(tenant: &str, index: usize) -> Subject {
        Subject {
            index,
            tenant: tenant.into(),
            buyer: None,
            service: None,
            provider: None,
            basis: "in-house".into(),
        }
    }

    /// The decisions are sorted by their subscriptions' targets as text, which they no longer
    /// keep: the order without the text is the order of the text, for tenants that differ
    /// early, that start alike, one the start of the other (`a` and `a-b`, `a` and `a#…`), and
    /// for indices whose text sorts otherwise than their numbers (`10` before `9`).
    #[test]
    fn subjects_sort_as_their_targets_text_and_name_it() {
        let tenants = [
            "a",
            "a-b",
            "ab",
            "b",
            "a#",
            "a#/spec/subscriptions/1",
            "",
            "å",
        ];
        let indices = [
            0,
            1,
            2,
            9,
            10,
            11,
            19,
            99,
            100,
            101,
            1_000,
            10usize.pow(19) - 1,
            10usize.pow(19),
            usize::MAX,
        ];
        let all: Vec<Subject> = tenants
            .iter()
            .flat_map(|t| indices.iter().map(move |&i| subject(t, i)))
            .collect();
        for a in &all {
            let text = a.subscription();
            assert_eq!(
                text,
                format!("Tenant/{}#/spec/subscriptions/{}", a.tenant, a.index)
            );
            for b in &all {
                assert_eq!(
                    a.cmp_subscription(b),
                    text.cmp(&b.subscription()),
                    "{text} against {}",
                    b.subscription()
                );
                assert_eq!(text == b.subscription(), a.key() == b.key(), "{text}");
            }
        }
    }

    fn decision(verdicts: &[Verdict]) -> Decision {
        let mut d = Decision {
            subject: Arc::new(Subject {
                index: 0,
                tenant: "t".into(),
                buyer: None,
                service: None,
                provider: None,
                basis: "in-house".into(),
            }),
            date: None,
            purpose: Purpose::Award,
            verdict: Verdict::Holds,
            conditions: verdicts
                .iter()
                .map(|v| Arc::new(Condition::new("control", *v)))
                .collect(),
            estimated_value: None,
            exposure: Exposure::Unknown,
            assumptions: Shared::default(),
            not_checked: NotChecked::Nothing,
        };
        d.settle();
        d
    }

    #[test]
    fn the_worst_condition_decides() {
        use Verdict::{Fails, Holds, NotAssessed, Review};
        assert_eq!(decision(&[Holds, Holds]).verdict, Holds);
        assert_eq!(decision(&[Holds, Review]).verdict, Review);
        assert_eq!(decision(&[Review, NotAssessed, Holds]).verdict, NotAssessed);
        assert_eq!(decision(&[NotAssessed, Fails]).verdict, Fails);
        // Nothing judged is nothing that holds.
        assert_eq!(decision(&[]).verdict, NotAssessed);
    }

    #[test]
    fn a_shared_list_is_copied_when_one_holder_adds_to_it() {
        let one: Shared<u8> = Shared::from(vec![1, 2]);
        let mut two = one.clone();
        assert_eq!(one.as_ptr(), two.as_ptr());
        two.push(3);
        assert_ne!(one.as_ptr(), two.as_ptr());
        assert_eq!((&*one, &*two), (&[1, 2][..], &[1, 2, 3][..]));
        let mut three = one.clone();
        for x in three.make_mut() {
            *x *= 10;
        }
        assert_eq!((&*one, &*three), (&[1, 2][..], &[10, 20][..]));
        // Empty holds nothing, and still takes an item.
        let mut empty: Shared<u8> = Shared::from(Vec::new());
        assert!(empty.0.is_none() && empty.is_empty());
        empty.push(7);
        assert_eq!(&*empty, &[7]);
        assert_eq!(serde_json::to_string(&one).unwrap(), "[1,2]");
        assert_eq!(
            serde_json::to_string(&Shared::<u8>::default()).unwrap(),
            "[]"
        );
    }

    #[test]
    fn a_condition_without_a_place_in_the_order_is_still_listed() {
        let mut d = decision(&[Verdict::Holds]);
        d.conditions
            .push(Arc::new(Condition::new("open-market", Verdict::Fails)));
        d.conditions
            .push(Arc::new(Condition::new("something-new", Verdict::Fails)));
        d.conditions
            .push(Arc::new(Condition::new("buyer", Verdict::Holds)));
        assert_eq!(
            conditions_of([&d]),
            ["buyer", "control", "open-market", "something-new"]
        );
    }

    /// The decisions put in order by their integer keys come out as a stable sort by their
    /// targets' text and then their purpose gives them, and so do those whose keys cannot be
    /// made (a tenant id with `#`, an index too long for the key), which are compared.
    /// Tenants whose ids start one another, two copies of one id, indices whose texts sort
    /// apart from their values; the decisions listed in a shuffled order, a third with a tie.
    #[test]
    fn decisions_keyed_come_out_as_their_targets_sort() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let plain = [
            "a", "a!", "a-b", "a.b", "ab", "b", "a-", "-", "", "å", "a0", "b",
        ];
        let cases: [(&[&str], &[usize], bool); 4] = [
            (&plain, &[0, 1, 2, 9, 10, 11, 19, 99, 100, 101, 1_000], true),
            (&plain, &[0, 3, 7], true),
            (
                &["a", "a#", "a#/spec/subscriptions/1", "b"],
                &[0, 1, 9, 10],
                false,
            ),
            (&["a", "b"], &[0, 1, usize::MAX], false),
        ];
        for (tenants, indices, keyed) in cases {
            // one shared name per tenant, as the analyses make them (the last `b` a second copy)
            let names: Vec<Name> = tenants.iter().map(|&t| Name::from(t)).collect();
            let mut decisions = Vec::new();
            for name in &names {
                for &i in indices {
                    let subject = Arc::new(Subject {
                        index: i,
                        tenant: name.clone(),
                        ..subject("", 0)
                    });
                    for purpose in [Purpose::AsOf, Purpose::Award] {
                        let mut d = decision(&[Verdict::Holds]);
                        d.subject = Arc::clone(&subject);
                        d.purpose = purpose;
                        decisions.push(d);
                        if next() % 3 == 0 {
                            decisions.push(decision(&[Verdict::Review]));
                            let last = decisions.len() - 1;
                            decisions[last].subject = Arc::clone(&subject);
                            decisions[last].purpose = purpose;
                        }
                    }
                }
            }
            let n = decisions.len();
            let mut shuffled: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                shuffled.swap(i, (next() % (i as u64 + 1)) as usize);
            }
            let given = |k: usize| shuffled[k];
            let mut expected: Vec<usize> = (0..n).map(given).collect();
            expected.sort_by_cached_key(|&d| {
                let d = &decisions[d];
                (d.subject.subscription(), d.purpose)
            });
            assert_eq!(
                order_by_keys(&decisions, &given).is_some(),
                keyed,
                "{tenants:?}"
            );
            assert_eq!(
                order(&decisions, given),
                expected,
                "{tenants:?} {indices:?}"
            );
        }
        assert_eq!(order(&[], |k| k), Vec::<usize>::new());
    }

    /// An id gets one shared copy whether it is asked again at once (from the copies at hand)
    /// or after twenty others (from the map), from any slice that holds it.
    #[test]
    fn an_id_has_one_shared_copy() {
        let text = String::from("oslo bergen oslo");
        let (first, again) = (&text[0..4], &text[12..16]);
        let others: Vec<String> = (0..20).map(|i| format!("id-{i}")).collect();
        let mut ids = Interner::default();
        let oslo = ids.get(first);
        assert!(Name::ptr_eq(&oslo, &ids.get(again)));
        let bergen = ids.get(&text[5..11]);
        assert!(!Name::ptr_eq(&oslo, &bergen));
        for other in &others {
            let _ = ids.get(other);
        }
        assert!(Name::ptr_eq(&oslo, &ids.get(again)));
        assert!(Name::ptr_eq(&bergen, &ids.get(&text[5..11])));
        assert_eq!(&*ids.get(again), "oslo");
        // Ids that begin alike are apart, among the copies at hand and in the map.
        let longer = ids.get("oslo-kommune");
        let shorter = ids.get("osl");
        assert_eq!((&*longer, &*shorter), ("oslo-kommune", "osl"));
        for other in &others {
            let _ = ids.get(other);
        }
        assert!(!Name::ptr_eq(&longer, &oslo) && !Name::ptr_eq(&shorter, &oslo));
        assert!(Name::ptr_eq(&longer, &ids.get("oslo-kommune")));
        assert!(Name::ptr_eq(&shorter, &ids.get("osl")));
        assert!(Name::ptr_eq(&oslo, &ids.get(first)));
        assert_eq!(&*ids.get("oslo-"), "oslo-");
    }

    /// An entity found by its place has the copy its id has, whether the place or the id was
    /// asked first, and entities' places are apart from services' (place 0 of each is its own).
    #[test]
    fn an_entity_by_its_place_is_the_ids_copy_apart_from_the_services() {
        let mut ids = Interner::default();
        let oslo = ids.entity(Some(0), "oslo-kommune");
        assert!(Name::ptr_eq(&oslo, &ids.get("oslo-kommune")));
        assert!(Name::ptr_eq(&oslo, &ids.entity(Some(0), "oslo-kommune")));
        let svarut = ids.service(Some(0), "svarut");
        assert_eq!((&*oslo, &*svarut), ("oslo-kommune", "svarut"));
        assert!(Name::ptr_eq(&oslo, &ids.entity(Some(0), "oslo-kommune")));
        let ks = ids.get("ks");
        assert!(Name::ptr_eq(&ks, &ids.entity(Some(7), "ks")));
        assert!(Name::ptr_eq(&ks, &ids.entity(Some(7), "ks")));
        assert!(Name::ptr_eq(&ks, &ids.entity(None, "ks")));
    }

    /// A service found by its place has the copy its id has, a place asked again gives the
    /// copy it gave first, and two places two copies; a date has one copy per day, and text
    /// that is not a day is an id like any other.
    #[test]
    fn a_service_by_its_place_and_a_date_by_its_day_are_the_ids_copies() {
        let text = String::from("fiks-arkiv fiks-post 2024-01-31 2024-01-31 2024-1-31");
        let (arkiv, post) = (&text[0..10], &text[11..20]);
        let mut ids = Interner::default();
        let by_id = ids.get(arkiv);
        let at_3 = ids.service(Some(3), arkiv);
        assert!(Name::ptr_eq(&by_id, &at_3));
        let at_0 = ids.service(Some(0), post);
        assert_eq!((&*at_0, &*at_3), ("fiks-post", "fiks-arkiv"));
        assert!(Name::ptr_eq(&at_0, &ids.service(Some(0), post)));
        assert!(Name::ptr_eq(&at_3, &ids.service(Some(3), arkiv)));
        assert!(Name::ptr_eq(&at_0, &ids.service(None, post)));
        let day = ids.date(&text[21..31]);
        assert!(Name::ptr_eq(&day, &ids.date(&text[32..42])));
        assert_eq!(&*day, "2024-01-31");
        let loose = ids.date(&text[43..52]);
        assert_eq!(&*loose, "2024-1-31");
        assert!(Name::ptr_eq(&loose, &ids.get("2024-1-31")));
    }
}
