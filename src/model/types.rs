//! Typed kinds of `egenregi/v1`, read from schema-valid values. The schema guarantees shapes and
//! enums, so these structs accept what it accepts and never re-check it.

use serde::Deserialize;

/// `spec` of an `Entity`.
#[derive(Debug, Clone, Deserialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub orgnr: Option<String>,
    pub contracting_authority: Option<bool>,
    /// Why a stated `contracting_authority` holds when the type or the members do not show it.
    #[serde(default)]
    pub contracting_authority_ground: Option<String>,
    pub municipality_number: Option<String>,
    pub county_number: Option<String>,
    #[serde(default)]
    pub member_of: Vec<Membership>,
    pub established: Option<String>,
    pub dissolved: Option<String>,
    #[serde(default)]
    pub successors: Vec<String>,
    #[serde(default)]
    pub owners: Vec<Owner>,
    #[serde(default)]
    pub governance: Vec<Body>,
    pub articles: Option<ArticlesField>,
    /// Business transfers, mergers and demergers that made the entity what it is: they make
    /// projections admissible for the windows they touch (art. 12(5)).
    #[serde(default)]
    pub reorganisations: Vec<Reorganisation>,
    #[serde(default)]
    pub legal_opinions: Vec<LegalOpinion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityType {
    Municipality,
    County,
    StateAgency,
    Association,
    Company,
    Foundation,
    Private,
    PrivateNonprofit,
}

impl EntityType {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Municipality => "municipality",
            Self::County => "county",
            Self::StateAgency => "state-agency",
            Self::Association => "association",
            Self::Company => "company",
            Self::Foundation => "foundation",
            Self::Private => "private",
            Self::PrivateNonprofit => "private-nonprofit",
        }
    }
}

impl Entity {
    /// "oppdragsgiver": stated, else the default of its type (DESIGN §1).
    pub fn is_contracting_authority(&self) -> bool {
        self.contracting_authority.unwrap_or(matches!(
            self.kind,
            EntityType::Municipality | EntityType::County | EntityType::StateAgency
        ))
    }

    /// The decision-making bodies valid on `date` (undated: always).
    pub fn bodies_on<'e>(&'e self, date: &str) -> impl Iterator<Item = &'e Body> {
        self.governance
            .iter()
            .filter(move |b| valid(b.from.as_ref(), b.to.as_ref(), date))
    }

    /// The articles valid on `date`: the undated mapping, or the dated version in force then.
    pub fn articles_on(&self, date: &str) -> Option<&Articles> {
        self.article_versions()
            .iter()
            .find(|a| valid(a.from.as_ref(), a.to.as_ref(), date))
    }

    /// The JSON pointer of the articles valid on `date` (`/spec/articles` or
    /// `/spec/articles/N` for a dated version).
    pub fn articles_pointer_on(&self, date: &str) -> Option<String> {
        match &self.articles {
            None => None,
            Some(ArticlesField::One(_)) => Some("/spec/articles".to_owned()),
            Some(ArticlesField::Versions(v)) => v
                .iter()
                .position(|a| valid(a.from.as_ref(), a.to.as_ref(), date))
                .map(|i| format!("/spec/articles/{i}")),
        }
    }

    /// Every version of the articles, oldest as written first (one for the undated mapping).
    pub fn article_versions(&self) -> &[Articles] {
        match &self.articles {
            None => &[],
            Some(ArticlesField::One(a)) => std::slice::from_ref(a),
            Some(ArticlesField::Versions(v)) => v,
        }
    }

    /// Whether anything in the structure the analyses read is dated (holdings, bodies, seats,
    /// article versions).
    pub fn has_dated_structure(&self) -> bool {
        let dated = |f: &Option<String>, t: &Option<String>| f.is_some() || t.is_some();
        self.owners.iter().any(|o| dated(&o.from, &o.to))
            || self
                .governance
                .iter()
                .any(|b| dated(&b.from, &b.to) || b.seats.iter().any(|s| dated(&s.from, &s.to)))
            || matches!(self.articles, Some(ArticlesField::Versions(_)))
    }

    /// Every date on which the structure this entity's analyses read can change: the starts
    /// (`from`) and the last days (`to`) of its holdings, bodies, seats and article versions.
    pub fn structure_dates(&self) -> (Vec<&str>, Vec<&str>) {
        let mut periods: Vec<(&Option<String>, &Option<String>)> = Vec::new();
        periods.extend(self.owners.iter().map(|o| (&o.from, &o.to)));
        for b in &self.governance {
            periods.push((&b.from, &b.to));
            periods.extend(b.seats.iter().map(|s| (&s.from, &s.to)));
        }
        periods.extend(self.article_versions().iter().map(|a| (&a.from, &a.to)));
        let froms = periods.iter().filter_map(|(f, _)| f.as_deref()).collect();
        let tos = periods.iter().filter_map(|(_, t)| t.as_deref()).collect();
        (froms, tos)
    }
}

/// A period in words: ` (from 2022-07-01)`, ` (from 2015-01-01 to 2022-06-30)`, ` (to …)`, or
/// nothing when undated.
pub fn period_words(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (None, None) => String::new(),
        (Some(f), None) => format!(" (from {f})"),
        (None, Some(t)) => format!(" (to {t})"),
        (Some(f), Some(t)) => format!(" (from {f} to {t})"),
    }
}

/// Whether a period `from..=to` (either end open) contains `date` (ISO dates compare as text).
fn valid(from: Option<&String>, to: Option<&String>, date: &str) -> bool {
    from.is_none_or(|f| f.as_str() <= date) && to.is_none_or(|t| date <= t.as_str())
}

/// A `member_of` item: an association id, or `{association, from, to}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Membership {
    Id(String),
    Dated {
        association: String,
        from: Option<String>,
        to: Option<String>,
    },
}

impl Membership {
    pub fn association(&self) -> &str {
        match self {
            Self::Id(id)
            | Self::Dated {
                association: id, ..
            } => id,
        }
    }

    /// Whether the membership holds on `date` (`YYYY-MM-DD`; ISO dates compare as text).
    pub fn holds_on(&self, date: &str) -> bool {
        match self {
            Self::Id(_) => true,
            Self::Dated { from, to, .. } => valid(from.as_ref(), to.as_ref(), date),
        }
    }

    /// Whether the membership holds on some day from `first` to `last` (both inclusive).
    pub fn overlaps(&self, first: &str, last: &str) -> bool {
        match self {
            Self::Id(_) => true,
            Self::Dated { from, to, .. } => {
                from.as_deref().is_none_or(|f| f <= last)
                    && to.as_deref().is_none_or(|t| first <= t)
            }
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Owner {
    pub entity: String,
    pub share: f64,
    pub votes: Option<f64>,
    #[serde(default)]
    pub mandated_by_law: bool,
    /// First day of the holding; `None`: it predates the model.
    pub from: Option<String>,
    /// Last day of the holding; `None` while it lasts.
    pub to: Option<String>,
}

impl Owner {
    /// Votes default to the capital share.
    pub fn votes(&self) -> f64 {
        self.votes.unwrap_or(self.share)
    }

    /// Whether the holding is valid on `date` (`YYYY-MM-DD`; both ends inclusive, as for
    /// memberships; ISO dates compare as text).
    pub fn holds_on(&self, date: &str) -> bool {
        valid(self.from.as_ref(), self.to.as_ref(), date)
    }
}

/// A decision-making body of a company or association.
#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub composition: Option<String>,
    #[serde(default)]
    pub decides: Vec<String>,
    #[serde(default)]
    pub seats: Vec<Seat>,
    /// First day the body exists in this form; `None`: it predates the model.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day; `None` while it lasts.
    #[serde(default)]
    pub to: Option<String>,
}

impl Body {
    pub fn decides(&self, what: &str) -> bool {
        self.decides.iter().any(|d| d == what)
    }

    /// The seats valid on `date` (undated: always).
    pub fn seats_on<'b>(&'b self, date: &str) -> impl Iterator<Item = &'b Seat> {
        self.seats
            .iter()
            .filter(move |s| valid(s.from.as_ref(), s.to.as_ref(), date))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Seat {
    pub mandated_by: Vec<String>,
    pub count: u32,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// `articles`: one undated mapping, or a list of dated versions (DESIGN §1, additions).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ArticlesField {
    Versions(Vec<Articles>),
    One(Articles),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Articles {
    pub non_commercial: bool,
    pub profit_distribution: String,
    /// Required in the undated mapping; a dated version that leaves it out allows no private
    /// owners.
    #[serde(default)]
    pub private_owners_allowed: bool,
    pub purpose: Option<String>,
    pub evidence: Option<String>,
    /// First day this version is in force (dated versions only).
    #[serde(default)]
    pub from: Option<String>,
    /// Last day in force; `None` while it is.
    #[serde(default)]
    pub to: Option<String>,
}

/// A business transfer, merger or demerger that formed or changed the entity.
#[derive(Debug, Clone, Deserialize)]
pub struct Reorganisation {
    pub date: String,
    /// `business-transfer` | `merger` | `demerger`.
    pub kind: String,
    /// The entities whose business was taken over.
    #[serde(default)]
    pub from: Vec<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LegalOpinion {
    pub topic: String,
    pub reference: String,
    pub evidence: Option<String>,
}

/// `spec` of a `Service` (the fields the Rust analyses read; policies read the rest).
#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    pub provider: String,
    /// Where `provider` is among the valid entities ([`crate::model::Model::provider_of`]).
    #[serde(skip)]
    pub provider_at: crate::model::At,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// `spec` of a `Tenant`. Its text is borrowed from the document's node table, not copied: a
/// national corpus has 15,000 subscriptions, and owning their ids and dates was 3.6 MB of the
/// check's heap peak and four allocations each (issue 18).
#[derive(Debug, Clone, Deserialize)]
pub struct Tenant<'a> {
    pub entity: &'a str,
    /// Where `entity` is among the valid entities ([`crate::model::Model::buyer_of`]).
    #[serde(skip)]
    pub entity_at: crate::model::At,
    #[serde(borrow)]
    pub subscriptions: Vec<Subscription<'a>>,
}

impl<'a> Tenant<'a> {
    /// Points the buyer's id and each subscription's service, `since` and `until` at the first
    /// text like it that `texts` holds (and adds those it did not hold). The analyses read them
    /// in several passes after every file was read: in each tenant's own text, each read was a
    /// line of memory from anywhere in the repository's text (a cache miss per subscription per
    /// pass beyond a few tens of megabytes); the distinct ids and dates are few, and stay in
    /// the cache (issue 18). Equal texts, so nothing that reads them changes.
    pub fn share(&mut self, texts: &mut crate::hash::Set<&'a str>) {
        let mut first = |text: &mut &'a str| match texts.get(*text) {
            Some(seen) => *text = seen,
            None => {
                texts.insert(*text);
            }
        };
        first(&mut self.entity);
        for s in &mut self.subscriptions {
            first(&mut s.service);
            first(&mut s.since);
            if let Some(until) = &mut s.until {
                first(until);
            }
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Subscription<'a> {
    pub service: &'a str,
    /// Where `service` is among the valid services ([`crate::model::Model::service_of`]).
    #[serde(skip)]
    pub service_at: crate::model::At,
    pub since: &'a str,
    #[serde(borrow)]
    pub until: Option<&'a str>,
    /// One of the schema's five, as the `'static` text here, not the text in the file.
    #[serde(deserialize_with = "known_basis")]
    pub basis: &'a str,
    #[serde(borrow)]
    pub assessment: Option<&'a str>,
    /// `basis: procurement`: the tender it came from. Boxed, like `cooperation`: most
    /// subscriptions have none, and inline it was 32 of each one's 144 bytes.
    #[serde(borrow)]
    pub procurement: Option<Box<Procurement<'a>>>,
    pub annual_value: Option<f64>,
    /// Whether `estimated_value` is given (a number, by the schema): its exact amount is read
    /// as written, from the document's rows, and only for a subscription that states one of
    /// the two values (issue 18). One byte, in the row's padding.
    #[serde(default)]
    pub estimated_value: Option<serde::de::IgnoredAny>,
    /// `basis: cooperation`: the agreement between the authorities (§ 3-3). Boxed: few
    /// subscriptions have one.
    #[serde(borrow)]
    pub cooperation: Option<Box<Cooperation<'a>>>,
}

/// The bases of a subscription the schema allows (`tenant.schema.json`).
pub static BASES: [&str; 5] = [
    "in-house",
    "cooperation",
    "tender",
    "below-threshold",
    "no-contract",
];

/// A subscription's `basis` as the text in [`BASES`] when it is one of them (as every valid
/// tenant's is), else as written. The analyses compare each subscription's basis several times,
/// after the files were read: in the file's text each comparison read a line of memory from
/// anywhere in the repository's text (a cache miss per subscription beyond a few tens of
/// megabytes), here the same five lines every time (issue 18).
fn known_basis<'de: 'a, 'a, D: serde::Deserializer<'de>>(d: D) -> Result<&'a str, D::Error> {
    let written = <&'de str>::deserialize(d)?;
    Ok(BASES
        .iter()
        .find(|b| **b == written)
        .copied()
        .unwrap_or(written))
}

/// Horizontal cooperation between contracting authorities (FOA § 3-3, art. 12(4)).
#[derive(Debug, Clone, Deserialize)]
pub struct Cooperation<'a> {
    #[serde(borrow)]
    pub agreement: Option<&'a str>,
    #[serde(default, borrow)]
    pub parties: Vec<&'a str>,
    #[serde(borrow)]
    pub objectives: Option<&'a str>,
    #[serde(borrow)]
    pub evidence: Option<&'a str>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Procurement<'a> {
    #[serde(borrow)]
    pub reference: Option<&'a str>,
    #[serde(borrow)]
    pub awarded: Option<&'a str>,
}

/// `spec` of an `ActivityReport`.
#[derive(Debug, Clone, Deserialize)]
pub struct ActivityReport {
    pub provider: String,
    pub year: i32,
    pub basis: String,
    pub measure: String,
    /// `entity` (default) or `consolidated`: the group's figures (C-692/23).
    #[serde(default)]
    pub scope: Option<String>,
    pub currency: String,
    pub evidence: Option<String>,
    pub projection: Option<Projection>,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Projection {
    pub prepared: Option<String>,
    pub approved_by: Option<String>,
    pub method: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Line {
    pub customer: Option<String>,
    pub entrusted_by: Option<String>,
    /// Where the entity the line counts for (`entrusted_by`, else `customer`) is among the
    /// valid entities ([`crate::model::Model::counted_for`]).
    #[serde(skip)]
    pub who_at: crate::model::At,
    pub group: Option<String>,
    pub other: Option<String>,
    pub amount: f64,
    #[serde(rename = "type", default = "sale")]
    pub kind: String,
}

impl Line {
    /// The entity the line counts for: `entrusted_by`, else the customer.
    pub fn counts_for(&self) -> Option<&String> {
        self.entrusted_by.as_ref().or(self.customer.as_ref())
    }
}

fn sale() -> String {
    "sale".to_owned()
}

/// `spec` of a `Waiver`.
#[derive(Debug, Clone, Deserialize)]
pub struct Waiver {
    pub rule: String,
    pub targets: Vec<String>,
    pub reason: String,
    pub approved_by: String,
    pub expires: String,
    pub evidence: Option<String>,
}

impl Waiver {
    /// Whether the waiver still accepts findings on `as_of` (its last day is `expires`).
    pub fn live_on(&self, as_of: crate::date::Date) -> bool {
        crate::date::Date::parse(&self.expires).is_some_and(|d| d >= as_of)
    }
}

#[cfg(test)]
mod tests {
    /// A national corpus holds 15,000 subscriptions at the heap's peak: the parts most of them
    /// lack (`procurement`, `cooperation`) are boxed. 112 bytes and the service's position
    /// (`service_at`, 4 bytes, padded to 8): 120 KB more at national scale, for five lookups by
    /// hash fewer per subscription.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_subscription_row_stays_small() {
        assert_eq!(std::mem::size_of::<super::Subscription<'_>>(), 120);
    }

    /// `BASES` is the tenant schema's list of bases, in its order: a basis the schema came to
    /// allow and `BASES` lacked would still read right, from the file's text, but slowly.
    #[test]
    fn the_bases_are_the_schemas() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/tenant.schema.json")).unwrap();
        let allowed = schema
            .pointer("/$defs/subscription/properties/basis/enum")
            .and_then(|e| e.as_array())
            .unwrap();
        let allowed: Vec<&str> = allowed.iter().filter_map(|b| b.as_str()).collect();
        assert_eq!(allowed, super::BASES);
    }
}
