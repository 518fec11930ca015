//! The legal analyses (control, activity, procurement) and the figures they hand to every
//! output format: activity windows with their shares and headroom, and control paths.

pub mod activity;
pub mod control;
pub mod decision;
#[macro_use]
mod examples;
pub mod cooperation;
pub mod inhouse;
pub mod pack;
pub mod procurement;

use serde::Serialize;

pub use crate::money::Minor;

/// Where a year's figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearBasis {
    /// A closed financial year.
    Actual,
    /// A business-plan projection (admissible only for a new company).
    Projected,
    /// No report covers the year.
    Missing,
    /// No valid report covers the year, and a report that fails its schema may: its figures are
    /// not known until it is fixed.
    Invalid,
    /// No report covers the year, which ended before the provider was established: nothing is
    /// missing (art. 12(5) second subparagraph lets a new company rest on fewer years).
    NotEstablished,
}

impl YearBasis {
    /// The message naming this basis in the reports (`year-missing`, ...).
    pub const fn message_id(self) -> &'static str {
        match self {
            Self::Actual => "year-actual",
            Self::Projected => "year-projected",
            Self::Missing => "year-missing",
            Self::Invalid => "year-invalid",
            Self::NotEstablished => "year-not-established",
        }
    }

    /// Whether a reader must notice this year: no figures where the window needs some.
    pub const fn is_gap(self) -> bool {
        matches!(self, Self::Missing | Self::Invalid)
    }
}

/// One financial year of an activity window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearFigures {
    pub year: i32,
    pub basis: YearBasis,
    /// `turnover` or `costs`, as the report says.
    pub measure: Option<String>,
    /// The `ActivityReport` id, when one covers the year.
    pub report: Option<String>,
    pub qualifying: Minor,
    pub total: Minor,
    /// Share of this year alone, one decimal (`"87.9"`); `None` when the total is zero or the
    /// year's figures are incomplete.
    pub share: Option<String>,
    /// Lines whose amount could not be read exactly: left out of both sums, so the sums are
    /// not the year's.
    #[serde(skip_serializing_if = "is_zero")]
    pub unreadable: u32,
    /// Lines that could not be classified: in the total, not in qualifying, so qualifying may
    /// be short.
    #[serde(skip_serializing_if = "is_zero")]
    pub unclassified: u32,
    /// The year's currency, only when it is not the window's (a window that mixes currencies
    /// is not assessed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// A projection for the year that is not used, because an actual report covers it (the
    /// `ActivityReport` id): its figures are in neither sum, and the reader is told so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_aside: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl YearFigures {
    /// Whether the year's sums leave something out (an amount not read, a line not classified).
    pub fn incomplete(&self) -> bool {
        self.unreadable > 0 || self.unclassified > 0
    }

    /// What the year's sums leave out, one text each (`1 amount unreadable, left out of both
    /// sums`); empty when they are complete.
    pub fn gaps(&self) -> Vec<crate::i18n::Text> {
        let mut gaps = Vec::new();
        if self.unreadable > 0 {
            gaps.push(
                crate::i18n::Text::new("year-unreadable").count("count", self.unreadable as usize),
            );
        }
        if let Some(c) = &self.currency {
            gaps.push(crate::i18n::Text::new("year-currency").plain("currency", c));
        }
        if let Some(p) = &self.set_aside {
            gaps.push(crate::i18n::Text::new("year-projection-set-aside").name("report", p));
        }
        if self.unclassified > 0 {
            gaps.push(
                crate::i18n::Text::new("year-unclassified")
                    .count("count", self.unclassified as usize),
            );
        }
        gaps
    }

    /// The year's sums Q and T, for display; `None` when no readable report covers the year
    /// (`missing`, `invalid`): nothing was read, and a reader of `0.00` would take the year for
    /// one without activity.
    pub fn sums(&self) -> Option<(Minor, Minor)> {
        (!self.basis.is_gap()).then_some((self.qualifying, self.total))
    }
}

impl Window {
    /// The window's sums Q and T, for display; `None` when the window is not assessed, as its
    /// years may then be partial or in different currencies (`qualifying` and `total` are then
    /// only the sums of what was read).
    pub fn sums(&self) -> Option<(Minor, Minor)> {
        (self.verdict != decision::Verdict::NotAssessed).then_some((self.qualifying, self.total))
    }
}

/// One activity-test window: the three financial years before a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    /// The provider (`Entity` id) whose activity is measured.
    pub provider: String,
    /// The date the window is taken before (award or as-of), `YYYY-MM-DD`.
    pub date: String,
    /// Why this window was computed: `award` or `as-of`.
    pub purpose: String,
    pub currency: String,
    pub years: Vec<YearFigures>,
    pub qualifying: Minor,
    pub total: Minor,
    /// Qualifying share, truncated to one decimal (`"88.5"`), or more when one would hide that
    /// a passing share is above the threshold (`"80.04"`); `None` when the total is zero or the
    /// window is not assessed (a share of partial input is no figure).
    pub share: Option<String>,
    /// The threshold as stated by the jurisdiction pack (`"80"`).
    pub threshold: String,
    /// Passes iff the window can be assessed and 5·Q > 4·T (more than 80 %).
    pub passes: bool,
    /// `holds` (passes), `fails`, or `not-assessed` when the input cannot support a verdict
    /// (a year without an admissible report, two reports for one year, no activity at all, a
    /// line that cannot be classified, an invalid document): never a pass on partial input.
    pub verdict: decision::Verdict,
    /// Why the window is not assessed, one reason each; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_assessed: Vec<String>,
    /// `not_assessed` as [`crate::i18n::Text`]s, for the report in other languages.
    #[serde(skip)]
    pub not_assessed_text: Vec<crate::i18n::Text>,
    /// Why a window that passes is only for review, one reason each (a projection that does
    /// not name its approver, date and evidence; fewer than three years of activity); empty
    /// otherwise. The activity condition of a decision on this window is then `review`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<String>,
    /// `review` as [`crate::i18n::Text`]s, for the report in other languages.
    #[serde(skip)]
    pub review_text: Vec<crate::i18n::Text>,
    /// Percentage points above (or below, negative) the threshold, in the share's decimals.
    pub margin: Option<String>,
    /// How much more non-qualifying activity per year the window could carry before failing:
    /// (5·Q − 4·T) / 4 / n, n the window's years with activity (a year before the provider
    /// existed carries none); negative when it already fails; `None` (JSON `null`) when the
    /// window is not assessed.
    pub headroom_per_year: Option<Minor>,
    /// Controlling authorities whose activity qualified (the group G), sorted.
    pub controlling_group: Vec<String>,
}

/// How an authority controls a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlKind {
    Sole,
    Indirect,
    Joint,
    /// Art. 12(2): the buyer is a legal person the provider solely controls.
    Reverse,
    /// Art. 12(2): the buyer and the provider are both solely controlled by one authority.
    Sister,
    None,
}

/// What a control question found: the kind, the links and the words. One allocation shared by
/// every control path that got the same answer (one per authority, provider and epoch when a
/// path is found), where each path had held four fields of its own (1.2 MB of the national
/// corpus's heap peak, issue 18).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlAnswer {
    pub kind: ControlKind,
    /// The links, in order: `["oslo-kommune", "members-of:ks → members-council", "ks-digital"]`.
    pub path: std::sync::Arc<[String]>,
    /// In plain words: what was found, or which link is missing (written when first read: the
    /// terminal output shows none), and as a [`crate::i18n::Text`] for other languages.
    pub explanation: decision::Because,
}

/// The control path found (or not) for one in-house subscription on one date: the decision
/// it belongs to, whose subscription, date and purpose are its own, and its answer, shared with
/// the other paths that got it. It had held its own copies of the decision's subject, date and
/// purpose: 32 bytes a path, 16 now (0.5 MB of the national corpus's peak, issue 18).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlPath {
    /// Its decision's place in [`Figures::decisions`]. A control path is made only for an
    /// in-house subscription whose buyer, service and provider are known, so its decision's
    /// subject names all three.
    pub decision: usize,
    pub answer: std::sync::Arc<ControlAnswer>,
}

impl ControlPath {
    /// Its decision in `decisions` (the list of the [`Figures`] that hold it; `None` for any
    /// other list too short to have it).
    pub fn of<'d>(&self, decisions: &'d [decision::Decision]) -> Option<&'d decision::Decision> {
        decisions.get(self.decision)
    }
}

/// A control path as version 1 of the JSON wrote it: its names beside its answer.
#[derive(Serialize)]
struct ControlV1<'a> {
    subscription: String,
    authority: &'a str,
    provider: &'a str,
    service: &'a str,
    date: &'a str,
    purpose: decision::Purpose,
    kind: ControlKind,
    path: &'a [String],
    explanation: &'a str,
}

impl<'a> ControlV1<'a> {
    fn of(c: &'a ControlPath, d: &'a decision::Decision) -> Self {
        Self {
            subscription: d.subject.subscription(),
            authority: d.subject.authority(),
            provider: d.subject.provider(),
            service: d.subject.service(),
            date: d.date.as_deref().unwrap_or_default(),
            purpose: d.purpose,
            kind: c.answer.kind,
            path: &c.answer.path,
            explanation: &c.answer.explanation,
        }
    }
}

/// Everything the analyses computed, for reports and machine formats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub windows: Vec<Window>,
    pub control: Vec<ControlPath>,
    /// One decision per subscription and date judged (DESIGN §3.1).
    pub decisions: Vec<decision::Decision>,
}

impl Figures {
    /// Each control path with its decision.
    pub fn control_paths(&self) -> impl Iterator<Item = (&ControlPath, &decision::Decision)> + '_ {
        self.control
            .iter()
            .filter_map(|c| Some((c, c.of(&self.decisions)?)))
    }
}

/// The figures as version 1 of the JSON wrote them: each control path with its decision's names.
impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        struct Control<'a>(&'a Figures);
        impl Serialize for Control<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.control_paths().map(|(c, d)| ControlV1::of(c, d)))
            }
        }
        let mut out = s.serialize_struct("Figures", 3)?;
        out.serialize_field("windows", &self.windows)?;
        out.serialize_field("control", &Control(self))?;
        out.serialize_field("decisions", &self.decisions)?;
        out.end()
    }
}

/// Runs every legal analysis over the model.
///
/// `estimated` is every contract's value ([`procurement::estimates`]), read while the documents
/// still had their rows: for the value tests and for every decision's exposure.
pub fn run<'m>(
    model: &'m crate::model::Model<'_>,
    sources: &crate::source::Sources,
    config: &crate::config::Config,
    pack: &pack::Jurisdiction,
    estimated: procurement::Estimates<'m>,
    findings: &mut crate::finding::Findings,
) -> Figures {
    let setting = |name: &str, default: i64| {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "thresholds are small whole numbers"
        )]
        config.threshold(name).map_or(default, |x| x.round() as i64)
    };
    #[allow(
        clippy::cast_possible_truncation,
        reason = "thresholds are whole numbers of NOK"
    )]
    let thresholds = procurement::Thresholds {
        pack,
        floor_override: config
            .threshold("below-threshold-value")
            .map(|x| x.round() as i64),
    };

    let mut others = procurement::run(
        model,
        sources,
        thresholds,
        &estimated,
        config.as_of(),
        &inhouse::NOT_ASSESSED,
        findings,
    );
    let params = inhouse::Params {
        threshold: pack.threshold("activity-share").unwrap_or(80),
        margin: setting(
            "activity-margin",
            pack.threshold("activity-margin").unwrap_or(5),
        ),
        token_participation: setting(
            "token-participation",
            pack.threshold("token-participation").unwrap_or(1),
        ),
        blocking: pack.fraction("blocking-minority").unwrap_or((1, 3)),
        room: others.len(),
    };
    // Only what the exposure needs is kept through the in-house decisions.
    let estimated = procurement::Exposable::from(estimated);
    let mut figures = inhouse::run(model, sources, config.as_of(), params, findings);
    // One list, ordered by subscription and then date (award before as-of), ties in the order
    // the analyses gave them (the other bases first). The in-house list, the long one, takes the
    // others in, and the order is found on indices and applied in place: a second list and a
    // sort buffer of whole decisions were 16 MB of the 85 MB peak of the national corpus.
    let mut decisions = std::mem::take(&mut figures.decisions);
    let inhouse = decisions.len();
    decisions.append(&mut others);
    drop(others);
    procurement::expose(model, &estimated, thresholds, &mut decisions);
    let given = |k: usize| {
        // Where the `k`th decision in the analyses' order (the others', then the in-house) is.
        let n_others = decisions.len() - inhouse;
        if k < n_others {
            inhouse + k
        } else {
            k - n_others
        }
    };
    let order = decision::order(&decisions, given);
    // Where each decision goes, found once for the control paths and the rearranging. A control
    // path names its decision by its place in the in-house list, which is its place in
    // `decisions` before the order is applied: it is moved with it.
    let mut now_at = vec![usize::MAX; order.len()];
    for (to, &from) in order.iter().enumerate() {
        if let Some(at) = now_at.get_mut(from) {
            *at = to;
        }
    }
    drop(order);
    for c in &mut figures.control {
        c.decision = now_at.get(c.decision).copied().unwrap_or(usize::MAX);
    }
    arrange(&mut decisions, now_at, |a, b| {
        a.subject.tenant == b.subject.tenant
    });
    unread(model, &mut decisions, findings);
    figures.decisions = decisions;
    figures
}

/// A decision's list of conditions.
type Conditions = decision::Shared<std::sync::Arc<decision::Condition>>;

/// A document nobody could read whose reach is not bounded (its kind is not known, or it is an
/// Entity or a Tenant: an owner, a member, a buyer) may be one any decision depends on: every
/// decision gets a `not-assessed` condition naming the file, and each such file one finding.
fn unread(
    model: &crate::model::Model<'_>,
    decisions: &mut [decision::Decision],
    findings: &mut crate::finding::Findings,
) {
    use crate::i18n::Text;
    if decisions.is_empty() {
        return; // nothing rests on it: the file's own finding says it was not read
    }
    // Each file's two conditions (for in-house decisions and for the others), made once and
    // shared by every decision it reaches, and its finding.
    let mut files = Vec::new();
    for u in model.unread_anywhere() {
        let why = activity::unread_reason(u);
        let condition = |class: &'static str| {
            std::sync::Arc::new(
                decision::Condition::not_assessed(class, why.clone()).rule("inhouse/not-assessed"),
            )
        };
        files.push((u.kind, condition("in-house"), condition("basis")));
        findings.push(
            crate::finding::Finding::new(
                &inhouse::NOT_ASSESSED,
                u.location.clone(),
                Text::new("f-unread").text("why", why.clone()),
            )
            .help(Text::new("h-unread").name("path", u.path.as_str())),
        );
    }
    if files.is_empty() {
        return;
    }
    // A tender's notice and award date are the subscription's own; a contract value sums
    // the buyer's subscriptions, which an unread Entity does not hold.
    let reaches = |basis: &str, kind: Option<crate::kind::Kind>| match basis {
        "tender" => false,
        "below-threshold" | "no-contract" => kind != Some(crate::kind::Kind::Entity),
        _ => true,
    };
    // The conditions a decision of each basis gets, in the files' order, added to each
    // decision at once, its verdict settled once: a condition at a time, each settling the
    // verdict over all of them, cost the square of the files for every decision (2,000
    // unreadable files beside the national corpus took 87 s). The decisions that shared a list
    // of conditions share the longer list too (kept here with the list it extends, so that no
    // other list can take that address while this runs).
    let mut by_basis: crate::hash::Map<String, (usize, Vec<std::sync::Arc<decision::Condition>>)> =
        crate::hash::Map::default();
    let mut extended: crate::hash::Map<(usize, usize), (Conditions, Conditions)> =
        crate::hash::Map::default();
    for d in decisions.iter_mut() {
        let basis: &str = &d.subject.basis;
        if !by_basis.contains_key(basis) {
            let added = files
                .iter()
                .filter(|(kind, ..)| reaches(basis, *kind))
                .map(|(_, inhouse, other)| {
                    std::sync::Arc::clone(if basis == "in-house" { inhouse } else { other })
                })
                .collect();
            let next = by_basis.len();
            by_basis.insert(basis.to_owned(), (next, added));
        }
        let Some((b, added)) = by_basis.get(basis) else {
            continue;
        };
        if added.is_empty() {
            continue;
        }
        // The file may hold another contract that adds up with this one: where the sum stands
        // against the thresholds is not known either.
        if matches!(basis, "below-threshold" | "no-contract") {
            d.exposure = decision::Exposure::Unknown;
        }
        let (_, longer) = extended
            .entry((d.conditions.addr(), *b))
            .or_insert_with(|| (d.conditions.clone(), d.conditions.followed_by(added)));
        d.conditions = longer.clone();
        d.settle();
    }
}

/// The most elements [`arrange`] puts in order as one group: 4,096 decisions are 224 KB, which
/// stay in a core's cache while their group is rearranged.
const GROUP: usize = 4096;

/// [`permute`], reading what stays in the cache. Following the cycles of the whole order read
/// a decision somewhere in the list at each step, and where the next step went depended on it:
/// at ×50 of the national corpus (1.5 million decisions, 82 MB) that walk was 10 times as long
/// as at ×10 for 5 times the decisions (issue 18). The order has a shape to use: the in-house
/// decisions are made tenant by tenant in the order of the subscriptions' numbers, ordered by
/// their texts (`10` before `2`), and the other bases' decisions, one in a hundred, go between
/// them. Merging them by cycles is no better: a merge is a rotation, one long cycle.
///
/// So, in two passes: first each run of neighbours that are `together` (at most [`GROUP`]) is
/// put in the order `order` gives its elements, by cycles that stay within the run. Then the
/// longest stretch whose elements are in order is spread out to their places, leftward moves
/// from the left and rightward moves from the right, so that each writes to a place already
/// left; the rest, held aside meanwhile, fill the places between. Where that rest would be more
/// than a quarter of the list (an order of another shape), the cycles are followed as before,
/// so that the extra memory stays small.
///
/// `to` says where each element goes (the `k`th element to place `to[k]`). It is a permutation
/// ([`decision::order`] makes one); were it not, the places left empty would lose elements, so
/// the list is then left as it is.
fn arrange<T: Clone>(items: &mut [T], mut to: Vec<usize>, together: impl Fn(&T, &T) -> bool) {
    let n = items.len();
    let mut taken = vec![false; n];
    let whole = to.len() == n
        && to.iter().all(|&k| {
            taken
                .get_mut(k)
                .is_some_and(|t| !std::mem::replace(t, true))
        });
    drop(taken);
    if !whole {
        return;
    }
    // First pass: each run in its own order, and `to` moved with its elements.
    let (mut local, mut places): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && end - start < GROUP && together(&items[end - 1], &items[end]) {
            end += 1;
        }
        local.clear();
        local.extend(start..end);
        local.sort_unstable_by_key(|&p| to[p]);
        places.clear();
        places.extend(local.iter().map(|&p| to[p]));
        to[start..end].copy_from_slice(&places);
        for p in &mut local {
            *p -= start;
        }
        permute(&mut items[start..end], &mut local);
        start = end;
    }
    // The longest stretch in order.
    let (mut best, mut run) = ((0, 0), 0);
    for p in 0..n {
        if p == 0 || to[p - 1] >= to[p] {
            run = p;
        }
        if p + 1 - run > best.1 - best.0 {
            best = (run, p + 1);
        }
    }
    let (s, e) = best;
    if (n - (e - s)) * 4 > n {
        let mut order = vec![0usize; n];
        for (p, &k) in to.iter().enumerate() {
            order[k] = p;
        }
        permute(items, &mut order);
        return;
    }
    if e - s == n {
        return; // all in order already
    }
    // The rest is held aside, a copy of the first element standing in its place (for the
    // decisions, three reference counts raised, on one decision): a place left is then always
    // a stand-in, and an element moves there by a swap. A list of `Option`s made the holes,
    // but converting to it and back rewrote the whole list twice: at ×10 of the many-providers
    // corpus 0.25 M of the 3.0 M cache misses of `run` (cachegrind, a 2 MB last level; issue
    // 18, thirty-seventh pass).
    let Some(stand_in) = items.first().cloned() else {
        return;
    };
    let mut aside: Vec<(usize, T)> = Vec::with_capacity(n - (e - s));
    for p in (0..s).chain(e..n) {
        aside.push((to[p], std::mem::replace(&mut items[p], stand_in.clone())));
    }
    drop(stand_in);
    // Within the stretch both a place and its element's destination grow: a leftward move
    // goes where an element already moved left, or one held aside, was; a rightward move,
    // taken from the right, where one already moved right was. Each swap takes a stand-in back.
    let stretch = || to[s..e].iter().enumerate().map(|(i, &dest)| (s + i, dest));
    for (p, dest) in stretch() {
        if dest < p {
            items.swap(dest, p);
        }
    }
    for (p, dest) in stretch().rev() {
        if dest > p {
            items.swap(dest, p);
        }
    }
    // Every stand-in left is where an element held aside goes.
    for (k, x) in aside {
        items[k] = x;
    }
}

/// Rearranges `items` so that the `k`th is the one that was at `order[k]`, in place: each cycle
/// of the permutation is followed once, with swaps. `order` must be a permutation of the
/// indices; it is used up.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two files nobody could read, an Entity and a Tenant: every in-house decision gets a
    /// not-assessed condition for each, in the files' order; a below-threshold one only the
    /// Tenant's (an Entity holds no contract that adds up), with its exposure unknown; a
    /// tender's none. Decisions that shared their list of conditions share the longer list.
    #[test]
    fn unread_files_reach_each_decision_once_and_shared_lists_stay_shared() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let doc = |kind: &str, id: &str, spec: &str| {
            format!("apiVersion: egenregi/v1\nkind: {kind}\nmetadata: {{id: {id}}}\nspec: {spec}\n")
        };
        write("egenregi.kdl", "as-of \"2025-06-01\"\n");
        write(
            "entities/oslo.yaml",
            &doc("Entity", "oslo", "{type: municipality}"),
        );
        write(
            "entities/prov.yaml",
            &doc(
                "Entity",
                "prov",
                "{type: company, contracting_authority: true, owners: [{entity: oslo, share: 100}]}",
            ),
        );
        for s in ["s1", "s2", "s3", "s4"] {
            write(
                &format!("services/{s}.yaml"),
                &doc(
                    "Service",
                    s,
                    "{provider: prov, criticality: low, lifecycle: {stage: active}}",
                ),
            );
        }
        write(
            "tenants/oslo.yaml",
            "apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions:\n    - {service: s1, since: 2024-01-01, basis: in-house}\n    - {service: s2, since: 2024-01-01, basis: in-house}\n    - {service: s3, since: 2024-01-01, basis: below-threshold, annual_value: 20000}\n    - {service: s4, since: 2024-01-01, basis: tender, procurement: {reference: 2023-123456, awarded: 2023-12-01}}\n",
        );
        // an unclosed `{`: the kind is read, the document is not
        write(
            "entities/zz-bad.yaml",
            "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: zz\n",
        );
        write(
            "tenants/zz-bad.yaml",
            "apiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: zz\n",
        );
        let out = crate::check(dir.path(), &crate::Options::default()).unwrap();
        let decisions = &out.figures.decisions;
        let of = |basis: &str| -> Vec<&decision::Decision> {
            decisions
                .iter()
                .filter(|d| &*d.subject.basis == basis)
                .collect()
        };
        let unread = |d: &decision::Decision| -> Vec<(&str, String)> {
            d.conditions
                .iter()
                .filter(|c| c.rules.contains(&"inhouse/not-assessed"))
                .filter(|c| matches!(c.condition, "in-house" | "basis"))
                .filter_map(|c| Some((c.condition, c.because.as_ref()?.as_str().to_owned())))
                .filter(|(_, why)| why.contains("zz-bad.yaml"))
                .collect()
        };
        let inhouse = of("in-house");
        assert!(inhouse.len() >= 2, "{decisions:#?}");
        for d in &inhouse {
            let got = unread(d);
            assert_eq!(got.len(), 2, "{got:#?}");
            assert!(got.iter().all(|(c, _)| *c == "in-house"), "{got:#?}");
            assert!(got[0].1.contains("entities/zz-bad.yaml"), "{got:#?}");
            assert!(got[1].1.contains("tenants/zz-bad.yaml"), "{got:#?}");
            let worst = d.conditions.iter().map(|c| c.verdict).max();
            assert_eq!(Some(d.verdict), worst, "settled over every condition");
        }
        // Two decisions that hold one list of conditions, taken through `unread` again with
        // the model of the same repository: they hold one longer list after.
        crate::model::with_model_of(dir.path(), |model| {
            assert_eq!(model.unread_anywhere().count(), 2);
            let mut twins = vec![inhouse[0].clone(), inhouse[0].clone()];
            let before = twins[0].conditions.len();
            assert_ne!(twins[0].conditions.addr(), 0);
            assert_eq!(twins[0].conditions.addr(), twins[1].conditions.addr());
            super::unread(model, &mut twins, &mut crate::finding::Findings::default());
            assert_eq!(twins[0].conditions.len(), before + 2);
            assert_eq!(twins[0].conditions.addr(), twins[1].conditions.addr());
            assert_ne!(twins[0].conditions.addr(), inhouse[0].conditions.addr());
        });
        for d in of("below-threshold") {
            let got = unread(d);
            assert_eq!(got.len(), 1, "{got:#?}");
            assert_eq!(got[0].0, "basis");
            assert!(got[0].1.contains("tenants/zz-bad.yaml"), "{got:#?}");
            assert_eq!(d.exposure, decision::Exposure::Unknown);
            // 20 000 a year with no end date is 80 000 (four years) against the floor of
            // 100 000: below it on what was read; settled again with the file nobody read, which
            // may hold another contract that adds up, it is not assessed
            assert_eq!(d.verdict, decision::Verdict::NotAssessed, "{d:#?}");
        }
        assert!(!of("below-threshold").is_empty());
        for d in of("tender") {
            assert!(unread(d).is_empty(), "{d:#?}");
        }
    }

    /// 30,000 control paths and as many decisions at the national heap peak, 300,000 at ×10:
    /// a path holds its decision's place and its answer by one shared allocation (88 bytes when
    /// it held the answer's four fields, 48 with its purpose in words and its date two words
    /// wide, 32 with copies of its decision's subject, date and purpose); a decision holds its
    /// purpose in a byte, its date in one word and its fixed list of what it does not check by
    /// its name in a byte (104 bytes before, 72 while it held
    /// that list by reference); a subject keeps its
    /// subscription's index, not its target's text (an allocation of about 60 bytes more), and
    /// its five names one word each (88 bytes with two).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_control_path_and_a_decision_stay_small() {
        assert_eq!(std::mem::size_of::<ControlPath>(), 16);
        assert_eq!(std::mem::size_of::<decision::Decision>(), 56);
        assert_eq!(std::mem::size_of::<decision::Subject>(), 48);
        assert_eq!(std::mem::size_of::<Option<decision::Name>>(), 8);
    }

    /// Applying the order of a stable sort of indices in place gives what the stable sort of the
    /// items gives, ties included: a shuffled list with many equal keys, each item tagged with
    /// where it started so that a tie put out of order would show.
    #[test]
    fn a_permutation_applied_in_place_is_the_stable_sort() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // more than one block, the last one short
        for n in [0_usize, 1, 2, 3, 17, 1000, 2 * GROUP + 17] {
            let items: Vec<(u64, usize)> = (0..n).map(|i| (next() % 7, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, _)| k);
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by_key(|&i| items[i].0);
            let mut got = items.clone();
            permute(&mut got, &mut order.clone());
            assert_eq!(got, expected, "n = {n}");
            let mut arranged = items.clone();
            arrange(&mut arranged, places(&order), |_, _| true);
            assert_eq!(arranged, expected, "n = {n}, in groups");
        }
    }

    /// Where each element goes under `order` (the `k`th goes to where `order` names it).
    fn places(order: &[usize]) -> Vec<usize> {
        let mut to = vec![0; order.len()];
        for (k, &from) in order.iter().enumerate() {
            to[from] = k;
        }
        to
    }

    /// Places that are not a permutation (one taken twice, too few, one out of range) leave the
    /// list as it is rather than lose an element.
    #[test]
    fn arranging_by_what_is_not_a_permutation_changes_nothing() {
        for to in [vec![0, 0, 2], vec![0, 1], vec![0, 1, 3]] {
            let mut items = vec!['a', 'b', 'c'];
            arrange(&mut items, to.clone(), |_, _| true);
            assert_eq!(items, ['a', 'b', 'c'], "{to:?}");
        }
    }

    /// The shape of the decisions' order, put in order by [`arrange`] as the cycles put it: a
    /// few decisions first (those that could not be judged, made before the others), then each
    /// tenant's in the order of its subscriptions' numbers (ordered by their texts: reversed
    /// here), then the other bases', which go between them. Each element is its final place
    /// and its group. Apart from groups that are not together, every element is a group of its
    /// own (no first pass), and a random order takes the cycles.
    #[test]
    fn arranging_a_merge_of_runs_is_the_sorted_list() {
        const GROUPS: usize = 39;
        for n in [0_usize, 1, 5, 200, 3 * GROUP + 5] {
            let first = |k: usize| k % 211 == 7;
            let other = |k: usize| k % 97 == 3 && !first(k);
            let mut source: Vec<(usize, usize)> = (0..n)
                .filter(|&k| first(k))
                .map(|k| (k, usize::MAX))
                .collect();
            let main: Vec<usize> = (0..n).filter(|&k| !first(k) && !other(k)).collect();
            for chunk in main.chunks(GROUPS) {
                source.extend(chunk.iter().rev().map(|&k| (k, chunk[0])));
            }
            source.extend((0..n).filter(|&k| other(k)).map(|k| (k, usize::MAX - 1)));
            let mut order = vec![0; n];
            for (p, &(k, _)) in source.iter().enumerate() {
                order[k] = p;
            }
            let expected: Vec<usize> = (0..n).collect();
            let mut random = order.clone();
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
            for i in (1..n).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                random.swap(i, usize::try_from(x % (i as u64 + 1)).unwrap());
            }
            for (what, order) in [("merge", order), ("random", random)] {
                let mut cycles = source.clone();
                permute(&mut cycles, &mut order.clone());
                if what == "merge" {
                    let got: Vec<usize> = cycles.iter().map(|&(k, _)| k).collect();
                    assert_eq!(got, expected, "n = {n}, cycles");
                }
                for (name, together) in [
                    (
                        "groups",
                        (|a: &(usize, usize), b: &(usize, usize)| a.1 == b.1) as fn(&_, &_) -> bool,
                    ),
                    ("singles", |_, _| false),
                ] {
                    let mut items = source.clone();
                    arrange(&mut items, places(&order), together);
                    assert_eq!(items, cycles, "n = {n}, {what}, {name}");
                }
            }
        }
    }

    /// A window's controlling group is written sorted, as the JSON contract says, though the
    /// group is held in a hash set for the lines' questions: the example's groups are large
    /// enough that a hash's order would show.
    #[test]
    fn a_windows_controlling_group_is_sorted() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ks-digital");
        let outcome = crate::check(&root, &crate::Options::default()).unwrap();
        let groups: Vec<&Vec<String>> = outcome
            .figures
            .windows
            .iter()
            .map(|w| &w.controlling_group)
            .filter(|g| !g.is_empty())
            .collect();
        assert!(groups.iter().any(|g| g.len() >= 8), "{groups:?}");
        for g in groups {
            assert!(g.windows(2).all(|w| w[0] < w[1]), "{g:?}");
        }
    }

    #[test]
    fn minor_units_print_exactly() {
        assert_eq!(Minor(125_000_050).to_string(), "1250000.50");
        assert_eq!(Minor(-305).to_string(), "-3.05");
        assert_eq!(Minor(7).to_string(), "0.07");
    }
}
