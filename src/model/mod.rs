//! The typed model: schema-valid documents as typed kinds, indexed by kind and id, and the
//! integrity rules that check the documents fit together.

pub mod consistency;
pub mod register;
pub mod types;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::finding::{Example, Finding, Findings, LegalCondition, Rule, Severity};
use crate::i18n::Text;
use crate::kind::Kind;
use crate::load::Doc;
use crate::schema::FirstError;
use crate::suggest;
pub use types::*;

pub static UNKNOWN_REF: Rule = Rule::builtin(
    "ref/unknown",
    Severity::Error,
    LegalCondition::Integrity,
    "A reference names no document of that kind",
    "Documents refer to each other by `metadata.id`: a service names its `provider` Entity, a \
     subscription its `service`, an activity line its `customer`, a waiver its `targets`. A \
     reference to an id that no document of that kind has is a typo or a missing file, and every \
     analysis that follows it would be wrong. The message suggests the closest existing id. \
     Every legal condition that may turn on the reference is `not-assessed` until it is fixed, \
     and this rule cannot be waived: a waiver would leave the decisions resting on a reference \
     nobody can follow.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true, owners: [{entity: kss, share: 100}]}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true, owners: [{entity: ks, share: 100}]}\n",
    }),
)
.not_waivable();

pub static DUPLICATE_ID: Rule = Rule::builtin(
    "ref/duplicate-id",
    Severity::Error,
    LegalCondition::Integrity,
    "Two documents of the same kind share an id",
    "An id must be unique per kind across the whole repository, because references name documents \
     by id. With two `Service/svarut` documents nobody can tell which one a subscription means. \
     Both places are shown; rename or merge one. Neither definition is used until then (which \
     one is meant must not depend on the file names), so every legal condition that reads the \
     id is `not-assessed`; this rule cannot be waived.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: company, contracting_authority: true}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true}\n",
    }),
)
.not_waivable();

pub static ORGNR: Rule = Rule::builtin(
    "entity/orgnr",
    Severity::Error,
    LegalCondition::Integrity,
    "An organisation number fails its MOD11 check digit",
    "A Norwegian organisation number has 9 digits; the last is a MOD11 check digit over the first \
     eight (weights 3, 2, 7, 6, 5, 4, 3, 2: the check digit is 11 minus the weighted sum modulo \
     11, and 11 becomes 0; a remainder giving 10 means the number cannot exist). A failing check \
     digit is almost always a typo, and it would make the entity impossible to match against the \
     Central Coordinating Register (Enhetsregisteret).",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, orgnr: \"971032147\"}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, orgnr: \"971032146\"}\n",
    }),
);

pub static EVIDENCE_MISSING: Rule = Rule::builtin(
    "evidence/missing",
    Severity::Error,
    LegalCondition::Integrity,
    "An evidence path names no file in the repository",
    "Evidence (articles of association, legal opinions, annual accounts, waiver documentation) is \
     what a reviewer opens to verify a claim, so every `evidence` path must name a file inside \
     the repository. Paths are relative to the repository root; a path that leaves the root \
     (`..`, absolute) is refused and never read.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {id: ks-digital-2024}\nspec: {provider: ks-digital, year: 2024, basis: actual, measure: turnover, currency: NOK, evidence: reports/missing.pdf, lines: []}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true}\n",
        passes: b"apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {id: ks-digital-2024}\nspec: {provider: ks-digital, year: 2024, basis: actual, measure: turnover, currency: NOK, evidence: example.yaml, lines: []}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true}\n",
    }),
);

/// Every rule of this module, for the registry.
pub static RULES: &[&Rule] = &[&UNKNOWN_REF, &DUPLICATE_ID, &ORGNR, &EVIDENCE_MISSING];

/// A typed document: its spec and the loaded document it came from (for spans and targets).
#[derive(Debug)]
pub struct Item<'a, T> {
    pub doc: &'a Doc,
    pub spec: T,
}

impl<T> Item<'_, T> {
    pub fn id(&self) -> &str {
        &self.doc.id
    }
}

/// A document whose content cannot be relied on: it failed its schema, or its id is defined
/// twice, or it is the document naming an id that no document has. References to its id resolve
/// (no second `ref/unknown`), but every decision that needs it is `not-assessed` and names the
/// cause: its first error, both definitions, or the dangling reference.
#[derive(Debug)]
pub struct Invalid<'a> {
    /// The document to fix (for a dangling reference: the document that names the unknown id).
    pub doc: &'a Doc,
    /// The other definitions of a duplicated id, in the order read; empty for any other cause.
    /// Each may name other buyers, years or memberships than `doc` does, and what they write
    /// is as unknown as what `doc` writes.
    pub again: Vec<&'a Doc>,
    /// Where the cause is, and what it is: the first schema error, the second definition, the
    /// reference to the unknown id.
    pub first_error: Option<FirstError>,
    pub cause: Cause,
}

/// Why an [`Invalid`] cannot be relied on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The document failed its schema.
    Schema,
    /// Two documents of the kind define the id (`ref/duplicate-id`): which one is meant is not
    /// known, so neither is used. Both places, as `path:line`.
    Duplicate { first: String, second: String },
    /// `doc` names, at `first_error`'s location, an Entity id that no document has
    /// (`ref/unknown`): what the reference was meant to name is not known.
    Unknown { id: String, at: String },
}

impl<'a> Invalid<'a> {
    /// Why the document cannot be relied on, for a `because`: `` `Entity/bergen` is invalid
    /// (unknown field ...) ``, as a message so the report says it in its language (the schema's
    /// own error text is quoted as it is).
    pub fn reason_text(&self) -> crate::i18n::Text {
        match &self.cause {
            Cause::Schema => {}
            Cause::Duplicate { first, second } => {
                return crate::i18n::Text::new("duplicate-document")
                    .name("document", self.doc.name())
                    .name("first", first.as_str())
                    .name("second", second.as_str());
            }
            Cause::Unknown { id, at } => {
                return crate::i18n::Text::new("dangling-reference")
                    .name("at", at.as_str())
                    .name("id", id.as_str());
            }
        }
        let text = crate::i18n::Text::new(if self.first_error.is_some() {
            "invalid-document-because"
        } else {
            "invalid-document"
        })
        .name("document", self.doc.name());
        match &self.first_error {
            Some(e) => text.arg("error", e.arg()),
            None => text,
        }
    }

    /// Every document behind it: `doc`, then each other definition of a duplicated id. (What
    /// they write is read with [`raw_in`], from each: reading `doc` alone missed what the
    /// other definitions name.)
    pub fn docs(&self) -> impl Iterator<Item = &'a Doc> + '_ {
        std::iter::once(self.doc).chain(self.again.iter().copied())
    }
}

/// The raw `spec` field of `doc`, read without the schema's guarantees.
pub fn raw_in<'a>(doc: &'a Doc, field: &str) -> crate::load::NodeRef<'a> {
    doc.spec()
        .get(field)
        .unwrap_or_else(crate::load::NodeRef::null)
}

/// Where an id that one document names is among the valid documents of its kind, found once
/// by [`build`] when the maps are final, so that the analyses read it by position: every
/// subscription's service and every tenant's buyer were looked up by hash five or six times
/// over, and at ×50 of the national corpus those lookups waited on memory (the maps' entries
/// and keys no longer fit in the caches), 18 times as long as at ×10 for 5 times the input
/// (issue 18). Until [`build`] has resolved it, it is looked up by id as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At(u32);

impl Default for At {
    fn default() -> Self {
        Self::UNRESOLVED
    }
}

impl At {
    /// Not resolved (or its position does not fit): looked up by id.
    const UNRESOLVED: Self = Self(u32::MAX);
    /// Resolved: no valid document of the kind has the id.
    const NONE: Self = Self(u32::MAX - 1);

    fn of(position: Option<usize>) -> Self {
        match position {
            None => Self::NONE,
            Some(i) => u32::try_from(i)
                .ok()
                .filter(|&i| i < Self::NONE.0)
                .map_or(Self::UNRESOLVED, Self),
        }
    }

    /// The resolved position, if there is one.
    pub fn position(self) -> Option<usize> {
        (self.0 < Self::NONE.0).then_some(self.0 as usize)
    }

    /// The document with `id` in `map`, which `self` was resolved in.
    fn find<'m, V>(self, map: &'m ById<V>, id: &str) -> Option<&'m V> {
        self.find_full(map, id).map(|(_, value)| value)
    }

    /// [`At::find`], with the document's position in `map`.
    fn find_full<'m, V>(self, map: &'m ById<V>, id: &str) -> Option<(usize, &'m V)> {
        match self {
            Self::NONE => None,
            Self::UNRESOLVED => map.get_full(id).map(|(i, _, value)| (i, value)),
            Self(i) => {
                let (key, value) = map.get_index(i as usize)?;
                debug_assert_eq!(key, id, "resolved against another map");
                Some((i as usize, value))
            }
        }
    }
}

/// Documents of one kind by id: a hash lookup, and iteration in id order once [`build`] has
/// sorted them (a B-tree lookup compared strings a dozen times, and the analyses look ids up
/// hundreds of thousands of times on a national repository).
///
/// Read as the map it holds; once the map is final ([`ById::index`]) a lookup by id reads a
/// table of the ids side by side in one string, not the map's entries and each key's own block
/// of the heap: at ×50 of the many-providers corpus the map's lookups (a service for each of
/// 793,000 subscriptions, an entity for each step of a control path) took ten times their ×10
/// time for five times the lookups (issue 18). Any change through [`DerefMut`] drops the table
/// (the lookups then ask the map), except [`ById::values_mut`] and [`ById::get_mut`], which
/// cannot move an id.
///
/// [`DerefMut`]: std::ops::DerefMut
#[derive(Debug, Clone)]
pub struct ById<V> {
    map: indexmap::IndexMap<String, V, ahash::RandomState>,
    ids: Option<crate::hash::Ids>,
}

impl<V> Default for ById<V> {
    fn default() -> Self {
        Self {
            map: indexmap::IndexMap::default(),
            ids: None,
        }
    }
}

impl<V> std::ops::Deref for ById<V> {
    type Target = indexmap::IndexMap<String, V, ahash::RandomState>;
    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl<V> std::ops::DerefMut for ById<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.ids = None; // the change may move or add an id
        &mut self.map
    }
}

impl<'m, V> IntoIterator for &'m ById<V> {
    type Item = (&'m String, &'m V);
    type IntoIter = indexmap::map::Iter<'m, String, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}

impl<V> ById<V> {
    /// Makes the table of ids: the map is final.
    pub fn index(&mut self) {
        let bytes = self.map.keys().map(String::len).sum();
        let mut ids = crate::hash::Ids::with_capacity(self.map.len(), bytes);
        for (place, id) in self.map.keys().enumerate() {
            ids.insert(id, place); // the map's keys are distinct
        }
        self.ids = Some(ids);
    }

    pub fn get_index_of(&self, id: &str) -> Option<usize> {
        match &self.ids {
            Some(ids) => ids.find(id),
            None => self.map.get_index_of(id),
        }
    }

    pub fn get_full(&self, id: &str) -> Option<(usize, &String, &V)> {
        let place = self.get_index_of(id)?;
        let (key, value) = self.map.get_index(place)?;
        Some((place, key, value))
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.get_full(id).map(|(_, _, value)| value)
    }

    pub fn get_key_value(&self, id: &str) -> Option<(&String, &V)> {
        self.get_full(id).map(|(_, key, value)| (key, value))
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get_index_of(id).is_some()
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        let place = self.get_index_of(id)?;
        self.map.get_index_mut(place).map(|(_, value)| value)
    }

    pub fn values_mut(&mut self) -> indexmap::map::ValuesMut<'_, String, V> {
        self.map.values_mut()
    }
}

/// Every schema-valid document, typed and indexed by id (an id defined twice is in neither map
/// but `invalid`, so that no file name decides which definition counts),
/// and every invalid one by kind and id.
#[derive(Debug, Default)]
pub struct Model<'a> {
    pub entities: ById<Item<'a, Entity>>,
    pub services: ById<Item<'a, Service>>,
    pub tenants: ById<Item<'a, Tenant<'a>>>,
    pub reports: ById<Item<'a, ActivityReport>>,
    pub waivers: ById<Item<'a, Waiver>>,
    /// Documents that failed their schema, or whose id is defined twice, by (kind, id).
    pub invalid: BTreeMap<(Kind, String), Invalid<'a>>,
    /// Evidence paths that name no readable file in the repository (`evidence/missing`), by
    /// target (`Tenant/t#/spec/subscriptions/0/cooperation/evidence`): a condition never relies
    /// on them.
    pub missing_evidence: std::collections::BTreeSet<String>,
    /// Entity ids that are referred to but defined nowhere (`ref/unknown`), with their first
    /// reference: what the reference meant is not known, so a decision that may depend on it is
    /// `not-assessed`, as one that depends on an invalid document.
    pub dangling: BTreeMap<String, Invalid<'a>>,
    /// What of the repository's files could not be read ([`crate::load::Unread`]): the
    /// decisions it may bear on are not assessed.
    pub unread: Vec<crate::load::Unread>,
    /// Report ids by provider, built on first use ([`Model::reports_of`]).
    reports_by_provider: std::sync::OnceLock<HashMap<String, Vec<String>>>,
    /// Whether any entity's holdings could add up to more than 100 % on some date, found on
    /// first use ([`Model::any_overowned`]).
    any_overowned: std::sync::OnceLock<bool>,
}

impl<'a> Model<'a> {
    pub fn entity(&self, id: &str) -> Option<&Item<'a, Entity>> {
        self.entities.get(id)
    }

    /// The valid service a subscription names ([`At`]).
    pub fn service_of(&self, sub: &Subscription<'_>) -> Option<&Item<'a, Service>> {
        sub.service_at.find(&self.services, sub.service)
    }

    /// The valid entity a line of an activity report counts for (`entrusted_by`, else
    /// `customer`; [`At`]), and its place among the valid entities.
    pub fn counted_for(&self, line: &crate::model::Line) -> Option<(usize, &Item<'a, Entity>)> {
        let who = line.counts_for()?;
        line.who_at.find_full(&self.entities, who)
    }

    /// The valid entity a tenant is for ([`At`]).
    pub fn buyer_of(&self, tenant: &Tenant<'_>) -> Option<&Item<'a, Entity>> {
        tenant.entity_at.find(&self.entities, tenant.entity)
    }

    /// The valid entity that provides a service ([`At`]).
    pub fn provider_of(&self, service: &Service) -> Option<&Item<'a, Entity>> {
        service.provider_at.find(&self.entities, &service.provider)
    }

    /// The (valid) activity reports of `provider`, in id order: one index lookup, so an
    /// activity window costs its provider's reports, not every report of every provider.
    pub fn reports_of(&self, provider: &str) -> impl Iterator<Item = &Item<'a, ActivityReport>> {
        let index = self.reports_by_provider.get_or_init(|| {
            let mut index: HashMap<String, Vec<String>> = HashMap::new();
            for (id, r) in &self.reports {
                index
                    .entry(r.spec.provider.clone())
                    .or_default()
                    .push(id.clone());
            }
            index
        });
        index
            .get(provider)
            .into_iter()
            .flatten()
            .filter_map(|id| self.reports.get(id))
    }

    /// The invalid document of `kind` with `id`, if there is one.
    pub fn invalid(&self, kind: Kind, id: &str) -> Option<&Invalid<'a>> {
        self.invalid.get(&(kind, id.to_owned()))
    }

    /// Why the Entity `id` cannot be relied on, if it cannot: its document is invalid, its id is
    /// defined twice, or no document defines it (a dangling reference).
    pub fn doubt(&self, id: &str) -> Option<&Invalid<'a>> {
        self.invalid(Kind::Entity, id)
            .or_else(|| self.dangling.get(id))
    }

    /// Whether any entity's holdings could add up to more than 100 % on some date
    /// ([`consistency::may_be_overowned`]), found once: when none can, no control path need be
    /// walked for one that does (an analysis asks on every subscription's path).
    pub fn any_overowned(&self) -> bool {
        *self.any_overowned.get_or_init(|| {
            self.entities
                .values()
                .any(|e| consistency::may_be_overowned(&e.spec))
        })
    }

    /// Whether some Entity cannot be relied on ([`Model::doubt`]): when none, no walk looks.
    pub fn has_doubts(&self) -> bool {
        !self.dangling.is_empty() || self.invalid_of(Kind::Entity).next().is_some()
    }

    /// Unread documents that may be an `ActivityReport` of `provider` for `year`; `None` for
    /// `year` asks for any year.
    pub fn unread_reports(&self, provider: &str) -> impl Iterator<Item = &crate::load::Unread> {
        self.unread.iter().filter(move |u| {
            u.kind == Some(Kind::ActivityReport)
                && u.provider.as_deref().is_none_or(|p| p == provider)
        })
    }

    /// Unread documents that may bear on any legal decision: their kind is not known, or they
    /// are an Entity or a Tenant (an owner, a member, a buyer whose subscriptions add up), whose
    /// reach through the control structure is not bounded here. A Service is named by its
    /// subscriptions (`ref/unknown` makes them not assessed); a Waiver is no legal input.
    pub fn unread_anywhere(&self) -> impl Iterator<Item = &crate::load::Unread> {
        self.unread
            .iter()
            .filter(|u| matches!(u.kind, None | Some(Kind::Entity | Kind::Tenant)))
    }

    /// Invalid documents of `kind`.
    pub fn invalid_of(&self, kind: Kind) -> impl Iterator<Item = &Invalid<'a>> {
        self.invalid
            .range((kind, String::new())..)
            .take_while(move |((k, _), _)| *k == kind)
            .map(|(_, v)| v)
    }

    /// Invalid entities that may be members of `association`: their raw `member_of` names it,
    /// or cannot be read as a list. An invalid entity's membership is not known, so a lumped
    /// `members-of:X` line cannot be classified while one of them may belong to X.
    pub fn invalid_maybe_members_of(&self, association: &str) -> Vec<&Invalid<'a>> {
        self.invalid_of(Kind::Entity)
            .filter(|e| {
                e.docs().any(|doc| {
                    let raw = raw_in(doc, "member_of");
                    match raw.kind() {
                        crate::load::NodeKind::Null => false,
                        crate::load::NodeKind::Array => raw.items().any(|m| {
                            m.as_str()
                                .or_else(|| m.get("association").and_then(|a| a.as_str()))
                                .is_none_or(|a| a == association)
                        }),
                        _ => true,
                    }
                })
            })
            .collect()
    }

    /// The entities that are members of `association` on `date`.
    pub fn members_of(&self, association: &str, date: &str) -> Vec<&Item<'a, Entity>> {
        self.entities
            .values()
            .filter(|e| {
                e.spec
                    .member_of
                    .iter()
                    .any(|m| m.association() == association && m.holds_on(date))
            })
            .collect()
    }
}

/// Builds the model from the documents that passed their schema (`errors[i]` is `None`), keeps
/// the others by kind and id, and checks integrity.
pub fn build<'a>(
    docs: &[Doc],
    heads: &'a [Doc],
    errors: &[Option<FirstError>],
    root: &Path,
    sources: &crate::source::Sources,
    unread: &[crate::load::Unread],
    findings: &mut Findings,
) -> Model<'a> {
    let mut model = Model {
        unread: unread.to_vec(),
        ..Model::default()
    };
    // Each map sized once for the documents of its kind (counted in one pass): grown by
    // doubling, the entities' list of the national corpus held 896 slots of 464 bytes for its
    // 574 entities (issue 18).
    let (mut entities, mut services, mut tenants, mut reports, mut waivers) = (0, 0, 0, 0, 0);
    for d in docs {
        match d.kind {
            Kind::Entity => entities += 1,
            Kind::Service => services += 1,
            Kind::Tenant => tenants += 1,
            Kind::ActivityReport => reports += 1,
            Kind::Waiver => waivers += 1,
        }
    }
    model.entities.reserve_exact(entities);
    model.services.reserve_exact(services);
    model.tenants.reserve_exact(tenants);
    model.reports.reserve_exact(reports);
    model.waivers.reserve_exact(waivers);
    // `path:line` of a document's id, for a message that names both definitions.
    let at = |doc: &Doc| {
        let l = doc.loc("/metadata/id");
        let file = sources.get(l.source);
        format!("{}:{}", file.path, file.line_col(l.span.start).0)
    };
    // By hash: in a B-tree, each document's id was compared with a dozen others at random
    // places in the heap, twice (issue 18). Only looked up, never walked in order.
    let mut first: crate::hash::Map<(Kind, &str), (&Doc, &'a Doc)> =
        crate::hash::map_with_capacity(docs.len());
    // (first definition, another) of an id defined more than once, as heads.
    let mut duplicates: Vec<(&'a Doc, &'a Doc)> = Vec::new();
    // The first text of each id and date the tenants' subscriptions name ([`Tenant::share`]).
    let mut texts: crate::hash::Set<&'a str> = crate::hash::Set::default();
    // Documents kept out for failing their schema, with their rows, for the ids they name.
    let mut failed: Vec<&Doc> = Vec::new();
    for ((doc, head), error) in docs.iter().zip(heads).zip(errors) {
        // Duplicate ids are checked on every document that has a string id, valid or not.
        if doc
            .root()
            .pointer("/metadata/id")
            .is_some_and(|i| i.is_string())
        {
            if let Some(&(prev, prev_head)) = first.get(&(doc.kind, doc.id.as_str())) {
                findings.push(
                    Finding::new(
                        &DUPLICATE_ID,
                        doc.loc("/metadata/id"),
                        Text::new("ref-duplicate").name("document", doc.name()),
                    )
                    .label(prev.loc("/metadata/id"), "first defined here")
                    .target(doc.name())
                    .help("ids are unique per kind across the repository; rename or merge one"),
                );
                if doc.kind != Kind::Waiver {
                    duplicates.push((prev_head, head));
                }
                continue;
            }
            first.insert((doc.kind, doc.id.as_str()), (doc, head));
            if error.is_some() {
                failed.push(doc);
                model.invalid.insert(
                    (doc.kind, doc.id.clone()),
                    Invalid {
                        doc: head,
                        again: Vec::new(),
                        first_error: error.clone(),
                        cause: Cause::Schema,
                    },
                );
                continue;
            }
        }
        if error.is_some() {
            continue;
        }
        let untyped = match doc.kind {
            Kind::Entity => insert(&mut model.entities, doc, head, findings, |_| ()),
            Kind::Service => insert(&mut model.services, doc, head, findings, |_| ()),
            Kind::Tenant => insert(&mut model.tenants, doc, head, findings, |t| {
                t.share(&mut texts);
            }),
            Kind::ActivityReport => insert(&mut model.reports, doc, head, findings, |_| ()),
            Kind::Waiver => insert(&mut model.waivers, doc, head, findings, |_| ()),
        };
        if let Some(first_error) = untyped {
            failed.push(doc);
            model.invalid.insert(
                (doc.kind, doc.id.clone()),
                Invalid {
                    doc: head,
                    again: Vec::new(),
                    first_error: Some(first_error),
                    cause: Cause::Schema,
                },
            );
        }
    }
    // In id order from here on, as every report and finding list is.
    model.entities.sort_unstable_keys();
    model.services.sort_unstable_keys();
    model.tenants.sort_unstable_keys();
    model.reports.sort_unstable_keys();
    model.waivers.sort_unstable_keys();
    model.dangling = check_references(&model, &failed, findings);
    check_entities(&model, findings);
    model.missing_evidence = check_evidence(&model, docs, root, findings);
    consistency::check(&model, docs, findings);
    // Which definition of a duplicated id is meant is not known, and keeping the first would let
    // the order of the file names decide: once the integrity checks have read the first (as
    // they read every document), neither is used, and every decision that reads the id is not
    // assessed. (A waiver is no legal input: it keeps its first definition.)
    // The duplicated ids are taken out of their maps in one pass each at the end: one
    // `shift_remove` each moved every entry after it, so a repository of many duplicates cost
    // their number times the documents'.
    let mut gone: crate::hash::Set<(Kind, &str)> = crate::hash::Set::default();
    for (prev, doc) in duplicates {
        let (kind, id) = (doc.kind, doc.id.clone());
        if kind != Kind::Waiver {
            gone.insert((kind, doc.id.as_str()));
        }
        if let Some(known) = model
            .invalid
            .get_mut(&(kind, id.clone()))
            .filter(|i| matches!(i.cause, Cause::Duplicate { .. }))
        {
            // A third definition: the first two are named already; what it writes is as
            // unknown as theirs.
            known.again.push(doc);
            continue;
        }
        let (first, second) = (at(prev), at(doc));
        model.invalid.insert(
            (kind, id),
            Invalid {
                doc: prev,
                again: vec![doc],
                first_error: Some(FirstError {
                    location: doc.loc("/metadata/id"),
                    message: format!("`{}` is defined again here", doc.name()),
                    text: None,
                }),
                cause: Cause::Duplicate { first, second },
            },
        );
    }
    if !gone.is_empty() {
        let kept = |kind: Kind, id: &String| !gone.contains(&(kind, id.as_str()));
        model.entities.retain(|id, _| kept(Kind::Entity, id));
        model.services.retain(|id, _| kept(Kind::Service, id));
        model.tenants.retain(|id, _| kept(Kind::Tenant, id));
        model.reports.retain(|id, _| kept(Kind::ActivityReport, id));
    }
    resolve(&mut model);
    model
}

/// Sets every [`At`]: the maps are final here.
fn resolve(model: &mut Model<'_>) {
    model.entities.index();
    model.services.index();
    model.tenants.index();
    model.reports.index();
    model.waivers.index();
    let Model {
        entities,
        services,
        tenants,
        reports,
        ..
    } = model;
    for r in reports.values_mut() {
        for line in &mut r.spec.lines {
            if let Some(who) = line.counts_for() {
                line.who_at = At::of(entities.get_index_of(who.as_str()));
            }
        }
    }
    for s in services.values_mut() {
        s.spec.provider_at = At::of(entities.get_index_of(s.spec.provider.as_str()));
    }
    for t in tenants.values_mut() {
        t.spec.entity_at = At::of(entities.get_index_of(t.spec.entity));
        for sub in &mut t.spec.subscriptions {
            sub.service_at = At::of(services.get_index_of(sub.service));
        }
    }
}

/// Types a schema-valid document as a `T` into `map`, giving it to `read` first (while its text
/// is fresh in the cache). A failure here means the schema and the struct disagree (a defect,
/// not bad input); it is still reported at the offending node, never a panic, and the document
/// is kept as invalid (its error returned).
fn insert<'a, T: serde::Deserialize<'a>>(
    map: &mut ById<Item<'a, T>>,
    doc: &Doc,
    head: &'a Doc,
    findings: &mut Findings,
    read: impl FnOnce(&mut T),
) -> Option<FirstError> {
    // Read from the document's rows; its strings are borrowed from the head's text, which
    // outlives the rows.
    let spec = || doc.spec().over(head.doc.tree.text_part());
    // The plain deserializer first: the path-tracking one costs more, and is only needed to
    // say where a (rare) failure is.
    if let Ok(mut spec) = T::deserialize(spec()) {
        read(&mut spec);
        map.insert(doc.id.clone(), Item { doc: head, spec });
        return None;
    }
    match serde_path_to_error::deserialize::<_, T>(spec()) {
        Ok(mut spec) => {
            read(&mut spec);
            map.insert(doc.id.clone(), Item { doc: head, spec });
            None
        }
        Err(e) => {
            let pointer = format!("/spec{}", path_to_pointer(&e.path().to_string()));
            let message = format!("cannot be read: {}", e.inner());
            findings.push(doc.finding(&crate::schema::OTHER, &pointer, message.clone()));
            Some(FirstError {
                location: doc.loc(&pointer),
                message,
                text: None,
            })
        }
    }
}

/// `serde_path_to_error` paths (`a.b[0].c`) to JSON pointers (`/a/b/0/c`).
fn path_to_pointer(path: &str) -> String {
    if path == "." {
        return String::new();
    }
    let mut out = String::new();
    for part in path.split('.') {
        for (i, seg) in part.split('[').enumerate() {
            let seg = if i > 0 {
                seg.trim_end_matches(']')
            } else {
                seg
            };
            if !seg.is_empty() {
                out = crate::load::yaml::push_pointer(&out, seg);
            }
        }
    }
    out
}

impl Model<'_> {
    /// Whether a document of `kind` with `id` exists, valid or not.
    fn has(&self, kind: Kind, id: &str) -> bool {
        let valid = match kind {
            Kind::Entity => self.entities.contains_key(id),
            Kind::Service => self.services.contains_key(id),
            Kind::Tenant => self.tenants.contains_key(id),
            Kind::ActivityReport => self.reports.contains_key(id),
            Kind::Waiver => self.waivers.contains_key(id),
        };
        valid || self.invalid(kind, id).is_some()
    }
}

/// `ref/unknown` for every reference to an id no document has; returns the dangling Entity
/// references by id (the first of each), for [`Model::dangling`].
fn check_references<'a>(
    model: &Model<'a>,
    failed: &[&Doc],
    findings: &mut Findings,
) -> BTreeMap<String, Invalid<'a>> {
    let mut refs = RefCheck {
        model,
        findings,
        unknowns: Unknowns::new(model),
        dangling: BTreeMap::new(),
    };
    for s in model.services.values() {
        refs.check(
            s.doc,
            || "/spec/provider".to_owned(),
            &s.spec.provider,
            Kind::Entity,
        );
        for (i, d) in s.spec.depends_on.iter().enumerate() {
            refs.check(s.doc, || format!("/spec/depends_on/{i}"), d, Kind::Service);
        }
    }
    for t in model.tenants.values() {
        refs.check(
            t.doc,
            || "/spec/entity".to_owned(),
            t.spec.entity,
            Kind::Entity,
        );
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            refs.check(
                t.doc,
                || format!("/spec/subscriptions/{i}/service"),
                s.service,
                Kind::Service,
            );
            for (k, p) in s
                .cooperation
                .iter()
                .flat_map(|c| c.parties.iter().enumerate())
            {
                refs.check(
                    t.doc,
                    || format!("/spec/subscriptions/{i}/cooperation/parties/{k}"),
                    p,
                    Kind::Entity,
                );
            }
        }
    }
    for e in model.entities.values() {
        for (i, o) in e.spec.owners.iter().enumerate() {
            refs.check(
                e.doc,
                || format!("/spec/owners/{i}/entity"),
                &o.entity,
                Kind::Entity,
            );
        }
        for (i, m) in e.spec.member_of.iter().enumerate() {
            let p = || match m {
                Membership::Id(_) => format!("/spec/member_of/{i}"),
                Membership::Dated { .. } => format!("/spec/member_of/{i}/association"),
            };
            refs.check(e.doc, p, m.association(), Kind::Entity);
        }
        for (i, s) in e.spec.successors.iter().enumerate() {
            refs.check(e.doc, || format!("/spec/successors/{i}"), s, Kind::Entity);
        }
        for (i, r) in e.spec.reorganisations.iter().enumerate() {
            for (j, f) in r.from.iter().enumerate() {
                refs.check(
                    e.doc,
                    || format!("/spec/reorganisations/{i}/from/{j}"),
                    f,
                    Kind::Entity,
                );
            }
        }
        for (b, body) in e.spec.governance.iter().enumerate() {
            for (s, seat) in body.seats.iter().enumerate() {
                for (m, by) in seat.mandated_by.iter().enumerate() {
                    let id = by.strip_prefix("members-of:").unwrap_or(by);
                    refs.check(
                        e.doc,
                        || format!("/spec/governance/{b}/seats/{s}/mandated_by/{m}"),
                        id,
                        Kind::Entity,
                    );
                }
            }
        }
    }
    for r in model.reports.values() {
        refs.check(
            r.doc,
            || "/spec/provider".to_owned(),
            &r.spec.provider,
            Kind::Entity,
        );
        for (i, l) in r.spec.lines.iter().enumerate() {
            if let Some(c) = &l.customer {
                refs.check(
                    r.doc,
                    || format!("/spec/lines/{i}/customer"),
                    c,
                    Kind::Entity,
                );
            }
            if let Some(c) = &l.entrusted_by {
                refs.check(
                    r.doc,
                    || format!("/spec/lines/{i}/entrusted_by"),
                    c,
                    Kind::Entity,
                );
            }
            if let Some(g) = &l.group {
                let id = g.strip_prefix("members-of:").unwrap_or(g);
                refs.check(r.doc, || format!("/spec/lines/{i}/group"), id, Kind::Entity);
            }
        }
    }
    for w in model.waivers.values() {
        for (i, t) in w.spec.targets.iter().enumerate() {
            let name = t.split('#').next().unwrap_or(t);
            let Some((kind, id)) = name.split_once('/') else {
                continue;
            };
            // a kind that is none of ours is the target pattern's to report (schema/pattern)
            let Some(kind) = Kind::parse(kind) else {
                continue;
            };
            // A waiver is no legal input: a target it names is no dangling reference.
            refs.unknown(w.doc, || format!("/spec/targets/{i}"), id, kind);
        }
    }
    check_failed_references(&mut refs, failed);
    refs.dangling
}

/// Where a document names another, as [`check_failed_references`] reads them from documents
/// that failed their schema: the kind of the document, a pointer whose `*` is each item of a
/// list, the kind named, and whether `members-of:` may stand before the id. The fields
/// [`check_references`] reads from the valid documents' types; `tests/cli.rs`
/// (`a_document_that_fails_its_schema_has_its_references_checked_all_the_same`) names an
/// unknown id at each and wants the same sixteen findings from valid and failing documents.
#[rustfmt::skip]
const REFERENCES: &[(Kind, &str, Kind, bool)] = &[
    (Kind::Service, "/spec/provider", Kind::Entity, false),
    (Kind::Service, "/spec/depends_on/*", Kind::Service, false),
    (Kind::Tenant, "/spec/entity", Kind::Entity, false),
    (Kind::Tenant, "/spec/subscriptions/*/service", Kind::Service, false),
    (Kind::Tenant, "/spec/subscriptions/*/cooperation/parties/*", Kind::Entity, false),
    (Kind::Entity, "/spec/owners/*/entity", Kind::Entity, false),
    (Kind::Entity, "/spec/member_of/*", Kind::Entity, false),
    (Kind::Entity, "/spec/member_of/*/association", Kind::Entity, false),
    (Kind::Entity, "/spec/successors/*", Kind::Entity, false),
    (Kind::Entity, "/spec/reorganisations/*/from/*", Kind::Entity, false),
    (Kind::Entity, "/spec/governance/*/seats/*/mandated_by/*", Kind::Entity, true),
    (Kind::ActivityReport, "/spec/provider", Kind::Entity, false),
    (Kind::ActivityReport, "/spec/lines/*/customer", Kind::Entity, false),
    (Kind::ActivityReport, "/spec/lines/*/entrusted_by", Kind::Entity, false),
    (Kind::ActivityReport, "/spec/lines/*/group", Kind::Entity, true),
];

/// `ref/unknown` for each id that a document which failed its schema names at one of
/// [`REFERENCES`], where the id can be read: a tenant with a date that was no date and a
/// misspelt service showed the misspelling only once the date was mended. Nothing rests on
/// such a document, so none of its references is dangling; an id of the wrong form is the
/// schema's to report, and is not looked up.
fn check_failed_references(refs: &mut RefCheck<'_, '_, '_>, failed: &[&Doc]) {
    for doc in failed {
        for &(kind, pattern, named, members) in REFERENCES {
            if kind != doc.kind {
                continue;
            }
            let mut at = String::new();
            each_string(doc.root(), pattern, &mut at, &mut |pointer, id| {
                let id = if members {
                    id.strip_prefix("members-of:").unwrap_or(id)
                } else {
                    id
                };
                if crate::scaffold::valid_id(id) {
                    refs.unknown(doc, || pointer.to_owned(), id, named);
                }
            });
        }
    }
}

/// Calls `found` with the pointer and the text of each string under `node` at `pattern`, a
/// JSON pointer whose `*` is each item of a list; `at` is `node`'s pointer. What is not there,
/// or not of the shape the pattern reads, is passed over. The policy rules walk `a.b[*].c` the
/// same way (`policy::path::resolve`), but `policy` stands above `model` (it reaches the model
/// through `rules` and `analysis`; `tests/architecture.rs` forbids the cycle a call from here
/// closes), so the model keeps this short walk of its own.
fn each_string(
    node: crate::load::NodeRef<'_>,
    pattern: &str,
    at: &mut String,
    found: &mut dyn FnMut(&str, &str),
) {
    let Some(rest) = pattern.strip_prefix('/') else {
        if let Some(text) = node.as_str() {
            found(at, text);
        }
        return;
    };
    let (step, rest) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let len = at.len();
    if step == "*" {
        for (i, item) in node.items().enumerate() {
            at.push('/');
            at.push_str(&i.to_string());
            each_string(item, rest, at, found);
            at.truncate(len);
        }
    } else if let Some(child) = node.get(step) {
        at.push('/');
        at.push_str(step);
        each_string(child, rest, at, found);
        at.truncate(len);
    }
}

/// [`check_references`]'s state: each reference is checked where it is met, and its pointer
/// written only for a finding. (A list of every reference, each with its pointer written out,
/// was 8.3 MB at ×10 of the national corpus, one string per subscription; issue 18.)
struct RefCheck<'m, 'a, 'f> {
    model: &'m Model<'a>,
    findings: &'f mut Findings,
    unknowns: Unknowns<'m, 'a>,
    dangling: BTreeMap<String, Invalid<'a>>,
}

impl<'a> RefCheck<'_, 'a, '_> {
    /// `ref/unknown` when no document of `kind` has `id`, and the first dangling Entity
    /// reference of each id.
    fn check(&mut self, doc: &'a Doc, pointer: impl FnOnce() -> String, id: &str, kind: Kind) {
        let Some(pointer) = self.unknown(doc, pointer, id, kind) else {
            return;
        };
        if kind == Kind::Entity && !self.dangling.contains_key(id) {
            self.dangling.insert(
                id.to_owned(),
                Invalid {
                    doc,
                    again: Vec::new(),
                    first_error: Some({
                        let text = Text::new("ref-unknown")
                            .plain("kind", kind.as_str())
                            .name("id", id);
                        FirstError {
                            location: doc.loc(&pointer),
                            message: text.en(),
                            text: Some(std::sync::Arc::new(text)),
                        }
                    }),
                    cause: Cause::Unknown {
                        id: id.to_owned(),
                        at: doc.target(&pointer),
                    },
                },
            );
        }
    }

    /// `ref/unknown` when no document of `kind` has `id`, its pointer in `doc` made only then;
    /// the pointer of a finding made.
    fn unknown(
        &mut self,
        doc: &Doc,
        pointer: impl FnOnce() -> String,
        id: &str,
        kind: Kind,
    ) -> Option<String> {
        // A scaffolding placeholder (`todo-entity`) is reported once, as data/placeholder.
        if self.model.has(kind, id) || crate::load::placeholder::PLACEHOLDER_IDS.contains(&id) {
            return None;
        }
        let pointer = pointer();
        self.findings
            .push(self.unknowns.finding(doc, &pointer, id, kind));
        Some(pointer)
    }
}

/// Distances worked out for `ref/unknown`'s "did you mean" in one run, at most: each unknown id
/// is compared with every id of its kind, so 8,000 references to ids nobody defined among 8,000
/// entities took 26 s (issue 18). An id already asked about is not compared again; once the
/// comparisons are spent, the findings still name the id and list the kind's ids, without a
/// guess. In the order the references are checked, so the same on every run.
const SUGGESTION_COMPARISONS: usize = 1_000_000;

/// An id of the repository for a "did you mean": the id, lowercased, and its document.
type KnownId<'m, 'a> = (&'m str, String, &'a Doc);

/// What `ref/unknown` findings look up, made once per run: each kind's ids (lowercased for the
/// comparison) with their documents, the unread files by the id they may define, and the
/// guesses made so far.
struct Unknowns<'m, 'a> {
    model: &'m Model<'a>,
    ids: [Option<Vec<KnownId<'m, 'a>>>; Kind::ALL.len()],
    /// Unread files by their salvaged id, else their file name's stem, in the model's order.
    unread: HashMap<String, Vec<&'m crate::load::Unread>>,
    guessed: HashMap<(Kind, String), Option<usize>>,
    left: usize,
}

impl<'m, 'a> Unknowns<'m, 'a> {
    fn new(model: &'m Model<'a>) -> Self {
        let mut unread: HashMap<String, Vec<&'m crate::load::Unread>> = HashMap::new();
        for u in &model.unread {
            let key = match &u.id {
                Some(x) => Some(x.clone()),
                None => Path::new(&u.path)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .map(str::to_owned),
            };
            if let Some(key) = key {
                unread.entry(key).or_default().push(u);
            }
        }
        Self {
            model,
            ids: Default::default(),
            unread,
            guessed: HashMap::new(),
            left: SUGGESTION_COMPARISONS,
        }
    }

    /// The ids of `kind` in id order, each lowercased, with its document.
    fn ids(&mut self, kind: Kind) -> &[KnownId<'m, 'a>] {
        let model = self.model;
        self.ids[kind as usize].get_or_insert_with(|| {
            fn of<'m, 'a, T>(map: &'m ById<Item<'a, T>>) -> Vec<(&'m str, String, &'a Doc)> {
                map.values()
                    .map(|e| (e.id(), e.id().to_lowercase(), e.doc))
                    .collect()
            }
            match kind {
                Kind::Entity => of(&model.entities),
                Kind::Service => of(&model.services),
                Kind::Tenant => of(&model.tenants),
                Kind::ActivityReport => of(&model.reports),
                Kind::Waiver => of(&model.waivers),
            }
        })
    }

    /// `ref/unknown` with a did-you-mean and where the ids of that kind are defined.
    fn finding(&mut self, doc: &Doc, pointer: &str, id: &str, kind: Kind) -> Finding {
        let said = |t: Text| t.plain("kind", kind.as_str()).name("id", id);
        // The definition may be in a file nobody could read (its salvaged id, else its name,
        // is the id): then that is the cause, not the reference, and no other id is suggested.
        let unread = self.unread.get(id).and_then(|us| {
            us.iter()
                .find(|u| u.kind.is_none_or(|k| k == kind))
                .copied()
        });
        if let Some(u) = unread {
            return doc
                .finding(
                    &UNKNOWN_REF,
                    pointer,
                    said(Text::new("ref-unknown-unread")).plain("path", format!("`{}`", u.path)),
                )
                .label(
                    u.location.clone(),
                    format!("`{}` could not be read from here ({})", u.path, u.rule),
                )
                .help(format!(
                    "fix `{}` so that it can be read; the reference may be right",
                    u.path
                ));
        }
        let key = (kind, id.to_owned());
        let guess = if let Some(&guess) = self.guessed.get(&key) {
            guess
        } else {
            let left = self.left;
            let ids = self.ids(kind);
            let (guess, spent) = if ids.len() <= left {
                let lowered = ids.iter().map(|(i, lower, _)| (*i, lower.as_str()));
                let best = suggest::closest_lowered(id, lowered);
                (
                    best.and_then(|best| ids.iter().position(|(i, ..)| *i == best)),
                    ids.len(),
                )
            } else {
                (None, 0)
            };
            self.left -= spent;
            self.guessed.insert(key, guess);
            guess
        };
        let ids = self.ids(kind);
        let mut f = match guess.and_then(|g| ids.get(g)) {
            Some((best, _, d)) => doc
                .finding(
                    &UNKNOWN_REF,
                    pointer,
                    said(Text::new("ref-unknown-mean")).name("suggestion", *best),
                )
                .label(d.loc("/metadata/id"), format!("`{best}` is defined here")),
            None => doc.finding(&UNKNOWN_REF, pointer, said(Text::new("ref-unknown"))),
        };
        f = f.help(if ids.is_empty() {
            format!("there are no {kind} documents in this repository")
        } else {
            format!(
                "{kind} ids: {}",
                suggest::list(&ids.iter().map(|(i, ..)| *i).take(12).collect::<Vec<_>>())
            ) + if ids.len() > 12 { " and more" } else { "" }
        });
        f
    }
}

/// MOD11 check digit of the first eight digits, or `None` when no valid number has them.
pub fn orgnr_check_digit(first8: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = first8
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        d => Some(d as u8),
    }
}

fn check_entities(model: &Model<'_>, findings: &mut Findings) {
    for e in model.entities.values() {
        if let Some(orgnr) = &e.spec.orgnr {
            let digits: Vec<u8> = orgnr.bytes().map(|b| b.wrapping_sub(b'0')).collect();
            if digits.len() == 9 && digits.iter().all(|d| *d <= 9) {
                match orgnr_check_digit(&digits[..8]) {
                    Some(check) if check == digits[8] => {}
                    Some(check) => findings.push(
                        e.doc
                            .finding(
                                &ORGNR,
                                "/spec/orgnr",
                                Text::new("orgnr-check-digit").name("number", orgnr.as_str()),
                            )
                            .help(
                                Text::new("h-orgnr-check-digit")
                                    .plain("digit", check.to_string())
                                    .name("number", format!("{}{check}", &orgnr[..8])),
                            ),
                    ),
                    None => findings.push(
                        e.doc
                            .finding(
                                &ORGNR,
                                "/spec/orgnr",
                                Text::new("orgnr-impossible").name("number", orgnr.as_str()),
                            )
                            .help(Text::new("h-orgnr-impossible")),
                    ),
                }
            }
        }
    }
}

/// Reports every evidence path that names no file inside the repository, and returns their
/// targets.
fn check_evidence(
    model: &Model<'_>,
    docs: &[Doc],
    root: &Path,
    findings: &mut Findings,
) -> std::collections::BTreeSet<String> {
    // The documents with their rows, for what is read of them raw.
    let with_rows = crate::load::WithRows::new(docs);
    let mut missing = std::collections::BTreeSet::new();
    let mut paths: Vec<(&Doc, String, &str)> = Vec::new();
    for e in model.entities.values() {
        let versions = e.spec.article_versions();
        for (i, a) in versions.iter().enumerate() {
            if let Some(p) = a.evidence.as_deref() {
                let pointer = match e.spec.articles {
                    Some(ArticlesField::Versions(_)) => format!("/spec/articles/{i}/evidence"),
                    _ => "/spec/articles/evidence".into(),
                };
                paths.push((e.doc, pointer, p));
            }
        }
        for (i, r) in e.spec.reorganisations.iter().enumerate() {
            if let Some(p) = &r.evidence {
                paths.push((e.doc, format!("/spec/reorganisations/{i}/evidence"), p));
            }
        }
        for (i, o) in e.spec.legal_opinions.iter().enumerate() {
            if let Some(p) = &o.evidence {
                paths.push((e.doc, format!("/spec/legal_opinions/{i}/evidence"), p));
            }
        }
        // `schemes` is read by the policy pack only, so from the raw document.
        if let Some(schemes) = with_rows.of(e.doc).spec().get("schemes") {
            for (i, s) in schemes.items().enumerate() {
                if let Some(p) = s.get("evidence").and_then(|p| p.as_str()) {
                    paths.push((e.doc, format!("/spec/schemes/{i}/evidence"), p));
                }
            }
        }
    }
    for r in model.reports.values() {
        if let Some(p) = &r.spec.evidence {
            paths.push((r.doc, "/spec/evidence".into(), p));
        }
    }
    for t in model.tenants.values() {
        for (i, s) in t.spec.subscriptions.iter().enumerate() {
            if let Some(p) = s.cooperation.as_ref().and_then(|c| c.evidence) {
                paths.push((
                    t.doc,
                    format!("/spec/subscriptions/{i}/cooperation/evidence"),
                    p,
                ));
            }
        }
    }
    for w in model.waivers.values() {
        if let Some(p) = &w.spec.evidence {
            paths.push((w.doc, "/spec/evidence".into(), p));
        }
    }
    let canonical_root = root.canonicalize().ok();
    for (doc, pointer, path) in paths {
        use crate::load::discover::{Resolved, resolve_inside};
        let rel = Path::new(path);
        let escapes = rel.is_absolute()
            || rel.components().any(|c| {
                !matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
        let finding = if escapes {
            Some("evidence-leaves")
        } else {
            // One component at a time, never past a link out of the root: the message for a
            // link out is the same whether or not its target exists.
            match canonical_root.as_deref().map(|r| resolve_inside(r, rel)) {
                Some(Resolved::Inside(p)) if p.is_file() => None,
                Some(Resolved::Inside(_)) => Some("evidence-not-a-file"),
                Some(Resolved::Outside(_)) => Some("evidence-link-out"),
                _ => Some("evidence-missing"),
            }
        };
        if let Some(message) = finding {
            missing.insert(doc.target(&pointer));
            findings.push(
                doc.finding(
                    &EVIDENCE_MISSING,
                    &pointer,
                    Text::new(message).name("path", path),
                )
                .help(Text::new("h-evidence-missing")),
            );
        }
    }
    missing
}

/// Loads the repository at `root`, builds its model as the check does, and hands it to `f`
/// (for tests that ask the model or an analysis something directly).
#[cfg(test)]
pub(crate) fn with_model_of<T>(root: &Path, f: impl FnOnce(&Model<'_>) -> T) -> T {
    let mut sources = crate::source::Sources::default();
    let found = crate::load::discover::walk(root, &globset::GlobSet::empty()).unwrap();
    let (loaded, _) = crate::load::all(&found, &crate::load::Limits::default(), &mut sources);
    let (_, errors) = crate::schema::compiled().unwrap().validate(&loaded.docs);
    let mut findings = Findings::default();
    let model = build(
        &loaded.docs,
        &loaded.docs,
        &errors,
        root,
        &sources,
        &loaded.unread,
        &mut findings,
    );
    f(&model)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of ids answers as the map does, for every id and for ids it does not hold
    /// (a prefix, a longer one, an empty one), and a change through the map drops it.
    #[test]
    fn ids_by_table_are_the_maps() {
        let mut m: ById<usize> = ById::default();
        for (i, id) in ["oslo", "bergen", "os", "oslo-2", "", "ålesund"]
            .iter()
            .enumerate()
        {
            m.insert((*id).to_owned(), i);
        }
        m.sort_unstable_keys();
        let asks = [
            "oslo", "bergen", "os", "oslo-2", "", "ålesund", "osl", "oslo-", "x",
        ];
        let by_map: Vec<Option<(usize, String, usize)>> = asks
            .iter()
            .map(|id| m.map.get_full(*id).map(|(i, k, v)| (i, k.clone(), *v)))
            .collect();
        m.index();
        assert!(m.ids.is_some());
        for (id, want) in asks.iter().zip(&by_map) {
            let got = m.get_full(id).map(|(i, k, v)| (i, k.clone(), *v));
            assert_eq!(got, *want, "{id:?}");
            assert_eq!(m.contains_key(id), want.is_some(), "{id:?}");
            assert_eq!(m.get(id).copied(), want.as_ref().map(|w| w.2), "{id:?}");
        }
        // Values change in place; ids do not move.
        *m.get_mut("os").unwrap() += 100;
        m.values_mut().for_each(|v| *v += 1);
        assert!(m.ids.is_some());
        assert_eq!(m.get("os"), Some(&103));
        // An id added through the map: the table goes, and the map answers.
        m.insert("tromsø".to_owned(), 9);
        assert!(m.ids.is_none());
        assert_eq!(m.get("tromsø"), Some(&9));
        m.sort_unstable_keys();
        m.index();
        assert_eq!(m.get_index_of("tromsø"), m.map.get_index_of("tromsø"));
        assert_eq!(
            m.get_key_value("bergen").map(|(k, _)| k.as_str()),
            Some("bergen")
        );
    }

    #[test]
    fn mod11() {
        // 971032146 (KS) and 974760673 (Brønnøysundregistrene) are valid; 123456785 is DESIGN's.
        for n in ["971032146", "974760673", "123456785"] {
            let d: Vec<u8> = n.bytes().map(|b| b - b'0').collect();
            assert_eq!(orgnr_check_digit(&d[..8]), Some(d[8]), "{n}");
        }
        let d: Vec<u8> = "971032147".bytes().map(|b| b - b'0').collect();
        assert_ne!(orgnr_check_digit(&d[..8]), Some(d[8]));
    }

    /// Builds the model of YAML documents (one file) and hands it to `f`.
    fn with_model<T>(yaml: &str, f: impl FnOnce(&Model<'_>) -> T) -> T {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("m.yaml"), yaml).unwrap();
        with_model_of(dir.path(), f)
    }

    #[test]
    fn every_definition_of_a_duplicated_entity_may_be_a_member() {
        // `m` is defined three times; only the third says it is a member of `ks`. Which one is
        // meant is not known, so `m` may be a member of `ks` (and of nothing else it names).
        let entity = |spec: &str| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: m}}\nspec: {spec}\n"
            )
        };
        let yaml = [
            "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association}\n".to_owned(),
            entity("{type: municipality}"),
            entity("{type: municipality, member_of: [{association: other}]}"),
            entity("{type: municipality, member_of: [{association: ks}]}"),
        ]
        .concat();
        with_model(&yaml, |m| {
            let bad = m.invalid(Kind::Entity, "m").expect("duplicated");
            assert_eq!(bad.docs().count(), 3);
            assert_eq!(m.invalid_maybe_members_of("ks").len(), 1);
            assert_eq!(m.invalid_maybe_members_of("other").len(), 1);
            assert!(m.invalid_maybe_members_of("kommunenes-hus").is_empty());
        });
    }

    #[test]
    fn what_a_document_names_is_found_by_position_after_the_duplicates_go() {
        let doc = |kind: &str, id: &str, spec: &str| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: {kind}\nmetadata: {{id: {id}}}\nspec: {spec}\n"
            )
        };
        let service = |id: &str, provider: &str| {
            doc(
                "Service",
                id,
                &format!(
                    "{{provider: {provider}, criticality: low, lifecycle: {{stage: active}}}}"
                ),
            )
        };
        let sub = |s: &str| format!("{{service: {s}, since: 2024-01-01, basis: in-house}}");
        // `b` (entity) and `s2` (service) are defined twice, so neither is in its map; they sort
        // before `c` and `s3`, whose positions therefore move when they go: a position taken
        // before they went would name the wrong document (or none).
        let yaml = [
            doc("Entity", "a", "{type: municipality}"),
            doc("Entity", "b", "{type: municipality}"),
            doc("Entity", "b", "{type: municipality}"),
            doc(
                "Entity",
                "c",
                "{type: company, contracting_authority: true}",
            ),
            service("s1", "c"),
            service("s2", "c"),
            service("s2", "c"),
            service("s3", "b"),
            service("s4", "c"),
            doc(
                "Tenant",
                "t1",
                &format!(
                    "{{entity: a, subscriptions: [{}, {}, {}, {}, {}]}}",
                    sub("s1"),
                    sub("s2"),
                    sub("s3"),
                    sub("s4"),
                    sub("nowhere")
                ),
            ),
            doc(
                "Tenant",
                "t2",
                &format!("{{entity: b, subscriptions: [{}]}}", sub("s4")),
            ),
            // A line counts for `entrusted_by` when it has one, else for its customer.
            doc(
                "ActivityReport",
                "r",
                "{provider: c, year: 2024, basis: actual, measure: turnover, currency: NOK, \
                 lines: [{customer: a, entrusted_by: c, amount: 1}, {customer: c, amount: 2}, \
                 {customer: b, amount: 3}, {customer: ghost, amount: 4}, {other: x, amount: 5}]}",
            ),
        ]
        .concat();
        with_model(&yaml, |m| {
            assert_eq!(m.entities.keys().collect::<Vec<_>>(), ["a", "c"]);
            assert_eq!(m.services.keys().collect::<Vec<_>>(), ["s1", "s3", "s4"]);
            let same = |x: Option<&Item<'_, Service>>, y: Option<&Item<'_, Service>>| {
                x.map(std::ptr::from_ref) == y.map(std::ptr::from_ref)
            };
            let mut found = Vec::new();
            for t in m.tenants.values() {
                assert_ne!(t.spec.entity_at, At::UNRESOLVED, "{}", t.id());
                assert_eq!(
                    m.buyer_of(&t.spec).map(Item::id),
                    m.entity(t.spec.entity).map(Item::id)
                );
                for s in &t.spec.subscriptions {
                    assert_ne!(s.service_at, At::UNRESOLVED, "{}", s.service);
                    assert!(
                        same(m.service_of(s), m.services.get(s.service)),
                        "{}",
                        s.service
                    );
                    found.push(m.service_of(s).map(|x| x.id().to_owned()));
                }
            }
            let names = |v: &[Option<&str>]| -> Vec<Option<String>> {
                v.iter().map(|x| x.map(str::to_owned)).collect()
            };
            assert_eq!(
                found,
                names(&[Some("s1"), None, Some("s3"), Some("s4"), None, Some("s4")])
            );
            assert_eq!(m.buyer_of(&m.tenants["t1"].spec).map(Item::id), Some("a"));
            assert_eq!(m.buyer_of(&m.tenants["t2"].spec).map(Item::id), None);
            let provider = |s: &str| m.provider_of(&m.services[s].spec).map(Item::id);
            assert_eq!(
                (provider("s1"), provider("s3"), provider("s4")),
                (Some("c"), None, Some("c"))
            );
            let counted: Vec<Option<(usize, &str)>> = m.reports["r"]
                .spec
                .lines
                .iter()
                .map(|l| m.counted_for(l).map(|(at, e)| (at, e.id())))
                .collect();
            assert_eq!(counted, [Some((1, "c")), Some((1, "c")), None, None, None]);
        });
    }

    /// Equal ids and dates of the tenants point at one text, the first read (`Tenant::share`),
    /// and a subscription's basis at the model's own (`BASES`), not at the file's; the
    /// texts read the same as written.
    #[test]
    fn tenants_share_one_text_for_each_id_and_date() {
        let tenant = |id: &str, subs: &str| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: {id}}}\n\
                 spec: {{entity: oslo, subscriptions: [{subs}]}}\n"
            )
        };
        let yaml = [
            tenant(
                "t1",
                "{service: s, since: 2024-01-01, basis: in-house}, \
                 {service: s, since: 2024-01-01, until: 2024-01-01, basis: tender}",
            ),
            tenant(
                "t2",
                "{service: s, since: 2024-01-01, until: 2025-06-30, basis: in-house}",
            ),
        ]
        .concat();
        with_model(&yaml, |m| {
            let t1 = &m.tenants["t1"].spec;
            let t2 = &m.tenants["t2"].spec;
            let (a, b, c) = (
                &t1.subscriptions[0],
                &t1.subscriptions[1],
                &t2.subscriptions[0],
            );
            let one = |x: &str, y: &str| std::ptr::eq(x.as_ptr(), y.as_ptr()) && x == y;
            assert!(one(t1.entity, t2.entity));
            assert!(one(a.service, b.service) && one(a.service, c.service));
            assert!(one(a.since, b.since) && one(a.since, c.since));
            // `until` equal to a `since` before it is that text too.
            assert!(one(b.until.unwrap(), a.since));
            assert_eq!(
                (a.service, a.since, c.until),
                ("s", "2024-01-01", Some("2025-06-30"))
            );
            assert!(one(a.basis, types::BASES[0]) && one(c.basis, types::BASES[0]));
            assert!(one(b.basis, types::BASES[2]));
        });
    }

    /// An unknown id is `ref/unknown` wherever it is named; named by an owner it is a dangling
    /// reference (decisions on a path through it cannot rest on it), named by a waiver's target
    /// it is not (a waiver is no legal input).
    #[test]
    fn unknown_ids_are_reported_and_only_legal_input_leaves_them_dangling() {
        let yaml = "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: prov}\nspec: {type: company, contracting_authority: true, owners: [{entity: ghost-owner, share: 100}]}\n---\napiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w}\nspec: {rule: yaml/ambiguous-scalar, targets: [Entity/ghost-target], reason: The label is read by egenregi only, approved_by: Kari Nordmann (CTO), expires: 2999-01-01}\n";
        with_model(yaml, |m| {
            let mut findings = Findings::default();
            let dangling = check_references(m, &[], &mut findings);
            assert_eq!(dangling.keys().collect::<Vec<_>>(), ["ghost-owner"]);
            let mut found: Vec<(String, String)> = findings
                .take()
                .into_iter()
                .filter(|f| f.rule == "ref/unknown")
                .map(|f| (f.message, f.target.unwrap_or_default()))
                .collect();
            found.sort();
            assert_eq!(
                found,
                [
                    (
                        "no Entity has the id `ghost-owner`".to_owned(),
                        "Entity/prov#/spec/owners/0/entity".to_owned()
                    ),
                    (
                        "no Entity has the id `ghost-target`".to_owned(),
                        "Waiver/w#/spec/targets/0".to_owned()
                    ),
                ]
            );
        });
    }

    /// An unknown id asked about again is answered from what was worked out; once the
    /// comparisons are spent, a finding still names the id and lists the ids, without a guess.
    #[test]
    fn did_you_mean_is_worked_out_once_per_id_within_a_bound() {
        let doc = |id: &str| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: {id}}}\nspec: {{type: municipality}}\n"
            )
        };
        let yaml = [doc("kommune-a"), doc("kommune-b")].concat();
        with_model(&yaml, |m| {
            let (_, here) = m.entities.first().unwrap();
            let mut unknowns = Unknowns::new(m);
            unknowns.left = 3; // one guess among two ids, and one comparison more
            let ask = |u: &mut Unknowns<'_, '_>, id: &str| {
                u.finding(here.doc, "/spec/owners/0/entity", id, Kind::Entity)
            };
            let first = ask(&mut unknowns, "komune-a");
            assert!(
                first.message.ends_with("did you mean `kommune-a`?"),
                "{}",
                first.message
            );
            assert_eq!(unknowns.left, 1);
            let again = ask(&mut unknowns, "komune-a");
            assert_eq!(again.message, first.message);
            assert_eq!(unknowns.left, 1, "the same id is not compared again");
            let spent = ask(&mut unknowns, "komune-b");
            assert_eq!(spent.message, "no Entity has the id `komune-b`");
            let help = spent
                .help
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            assert!(help.contains("`kommune-a` and `kommune-b`"), "{help}");
            assert_eq!(unknowns.left, 1);
        });
    }

    #[test]
    fn serde_paths_become_pointers() {
        assert_eq!(path_to_pointer("owners[0].share"), "/owners/0/share");
        assert_eq!(path_to_pointer("."), "");
    }
}
