//! The JSON Schemas of the document kinds: embedded, compiled once, and their errors turned into
//! findings in plain words at the instance's span.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};

use crate::load::tree::schema::Nodes;
use rayon::prelude::*;
use serde_json::Value;

use crate::finding::{Example, Finding, LegalCondition, Message, Rule, Severity};
use crate::i18n::{Arg, Text};
use crate::kind::Kind;
use crate::load::{Doc, yaml::push_pointer};
use crate::suggest;

/// Base of every schema `$id`; `$ref`s between the files resolve against it, never over a network.
pub const BASE: &str = "https://schemas.egenregi.no/v1/";

/// (file stem, kind or `None` for the shared definitions, text).
pub const SCHEMAS: &[(&str, Option<Kind>, &str)] = &[
    (
        "common",
        None,
        include_str!("../schemas/common.schema.json"),
    ),
    (
        "entity",
        Some(Kind::Entity),
        include_str!("../schemas/entity.schema.json"),
    ),
    (
        "service",
        Some(Kind::Service),
        include_str!("../schemas/service.schema.json"),
    ),
    (
        "tenant",
        Some(Kind::Tenant),
        include_str!("../schemas/tenant.schema.json"),
    ),
    (
        "activity-report",
        Some(Kind::ActivityReport),
        include_str!("../schemas/activity-report.schema.json"),
    ),
    (
        "waiver",
        Some(Kind::Waiver),
        include_str!("../schemas/waiver.schema.json"),
    ),
];

/// The schemas as the validators compile them, by stem: written by `build.rs` for every file in
/// `schemas/`, minified and without the annotations meant for editors (`description`, `title`,
/// `examples`, `default`, `$comment`), which were 22 of their 39 KB and which every run parsed
/// and indexed. The full files are parsed only for a finding's help text
/// ([`Schemas::schema_node`]).
mod validated {
    include!(concat!(env!("OUT_DIR"), "/validated.rs"));
}

/// The validated copy of the schema `stem`.
fn validated(stem: &str) -> Option<&'static str> {
    validated::VALIDATED
        .iter()
        .find(|(s, _)| *s == stem)
        .map(|(_, text)| *text)
}

macro_rules! schema_rule {
    ($name:ident, $id:literal, $summary:literal, $explain:literal, $fails:literal, $passes:literal) => {
        pub static $name: Rule = Rule::builtin(
            $id,
            Severity::Error,
            LegalCondition::Integrity,
            $summary,
            $explain,
            Some(Example {
                fails: $fails,
                passes: $passes,
            }),
        );
    };
}

schema_rule!(
    TYPE,
    "schema/type",
    "A value has the wrong type",
    "Each field has one type: text, number, boolean, list or mapping. YAML guesses the type of an \
     unquoted value, so `orgnr: 012345678` becomes a number and `municipality_number: 0301` becomes \
     301: quote values that must stay text.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo}\nspec: {type: municipality, municipality_number: 0301}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo}\nspec: {type: municipality, municipality_number: \"0301\"}\n"
);
schema_rule!(
    REQUIRED,
    "schema/required",
    "A required field is missing",
    "Some fields must always be present because a later check or a reviewer depends on them (a \
     service's `provider`, a subscription's `basis`, a waiver's `reason` and `approved_by`). The \
     finding points at the mapping that lacks the field.",
    b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: service/ros-fresh, targets: [Service/svarut], expires: 2026-03-01, approved_by: Kari Nordmann}\n",
    b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: service/ros-fresh, targets: [Service/svarut], expires: 2026-03-01, approved_by: Kari Nordmann, reason: ROS is redone after the hosting move}\n"
);
schema_rule!(
    ADDITIONAL_PROPERTIES,
    "schema/additional-properties",
    "A field that the kind does not have (often a typo)",
    "Every mapping accepts only the fields the format defines, so a misspelt field is caught instead \
     of being silently ignored (a misspelt `criticality` would otherwise make a critical service \
     look unclassified). The message suggests the closest known field.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, orgnummer: \"971032146\"}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, orgnr: \"971032146\"}\n"
);
schema_rule!(
    ENUM,
    "schema/enum",
    "A value is not one of the allowed values",
    "Fields such as `criticality`, `basis` and `type` take one value from a fixed list, because the \
     analyses branch on them. The message lists the allowed values and the closest one.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: asociation, contracting_authority: true}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n"
);
schema_rule!(
    CONST,
    "schema/const",
    "A value must be exactly one thing here",
    "Some fields have exactly one allowed value in a given context: a private body is never a \
     contracting authority, so `contracting_authority` must be `false` for `type: private`.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: acme}\nspec: {type: private, contracting_authority: true}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: acme}\nspec: {type: private, contracting_authority: false}\n"
);
schema_rule!(
    PATTERN,
    "schema/pattern",
    "A text value does not have the expected form",
    "Ids, organisation numbers, municipality and county numbers, dates and durations have a fixed \
     form. An id is lower-case letters, digits and hyphens (at most 63), an orgnr is 9 digits, a \
     municipality number 4 digits, a duration a number and a unit (`15m`, `4h`, `2d`).",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: KS_Digital}\nspec: {type: association, contracting_authority: true}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: association, contracting_authority: true}\n"
);
schema_rule!(
    FORMAT,
    "schema/format",
    "A value is not a valid date (or other format)",
    "Dates are ISO `YYYY-MM-DD` and must exist in the calendar: `2025-02-30` is rejected.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, established: 2023-02-30}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, established: 2023-02-28}\n"
);
schema_rule!(
    MINIMUM,
    "schema/minimum",
    "A number is below its minimum",
    "Numbers have ranges: percentages are 0 to 100, amounts are not negative, a year is between 1900 and 2200, a seat count is at least 1.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true, owners: [{entity: ks, share: -5}]}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true, owners: [{entity: ks, share: 100}]}\n"
);
schema_rule!(
    MAXIMUM,
    "schema/maximum",
    "A number is above its maximum",
    "Numbers have ranges: percentages are 0 to 100 (write 99.7, not 0.997 or 997), a year is between 1900 and 2200.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true, owners: [{entity: ks, share: 150}]}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec: {type: company, contracting_authority: true, owners: [{entity: ks, share: 100}]}\n"
);
schema_rule!(
    MIN_LENGTH,
    "schema/min-length",
    "A text is too short (often empty)",
    "Texts that a reviewer relies on may not be empty: a waiver's `reason` needs at least a sentence, an evidence path at least a character.",
    b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: service/ros-fresh, targets: [Service/svarut], expires: 2026-03-01, approved_by: Kari Nordmann, reason: later}\n",
    b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: service/ros-fresh, targets: [Service/svarut], expires: 2026-03-01, approved_by: Kari Nordmann, reason: ROS is redone after the hosting move}\n"
);
schema_rule!(
    MIN_ITEMS,
    "schema/min-items",
    "A list is too short (often empty)",
    "Some lists need at least one item: a waiver's `targets` must name what it waives.",
    b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: service/ros-fresh, targets: [], expires: 2026-03-01, approved_by: Kari Nordmann, reason: ROS is redone after the hosting move}\n",
    b"apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w1}\nspec: {rule: service/ros-fresh, targets: [Service/svarut], expires: 2026-03-01, approved_by: Kari Nordmann, reason: ROS is redone after the hosting move}\n"
);
schema_rule!(
    UNIQUE_ITEMS,
    "schema/unique-items",
    "A list has the same item twice",
    "Lists such as `decides` and `regions` are sets: naming an item twice is a copy-paste slip.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec:\n  type: association\n  contracting_authority: true\n  governance: [{id: assembly, type: assembly, composition: members, decides: [strategy, strategy]}]\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec:\n  type: association\n  contracting_authority: true\n  governance: [{id: assembly, type: assembly, composition: members, decides: [strategy]}]\n"
);
schema_rule!(
    ONE_OF,
    "schema/one-of",
    "A value matches none, or more than one, of its allowed forms",
    "Some values have alternative forms: an activity line names exactly one of `customer`, `group` \
     or `other`; a `member_of` item is an id or `{association, from, to}`. The message names the \
     forms.",
    b"apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {id: ks-digital-2024}\nspec: {provider: ks-digital, year: 2024, basis: actual, measure: turnover, currency: NOK, lines: [{customer: oslo, group: \"members-of:ks\", amount: 10}]}\n",
    b"apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {id: ks-digital-2024}\nspec: {provider: ks-digital, year: 2024, basis: actual, measure: turnover, currency: NOK, lines: [{group: \"members-of:ks\", amount: 10}]}\n"
);
schema_rule!(
    NOT,
    "schema/not",
    "A field is present where the kind forbids it",
    "Some fields belong only to some entity types: `municipality_number` only to a municipality, \
     `county_number` only to a county.",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true, municipality_number: \"0301\"}\n",
    b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n"
);
pub static OTHER: Rule = Rule::builtin(
    "schema/invalid",
    Severity::Error,
    LegalCondition::Integrity,
    "A value breaks another schema constraint",
    "A value breaks a schema constraint not covered by a more specific `schema/*` rule (for \
     example a maximum length or an exclusive bound). The message quotes the constraint.",
    None,
);

/// Every `schema/*` rule, for the registry.
pub static RULES: &[&Rule] = &[
    &TYPE,
    &REQUIRED,
    &ADDITIONAL_PROPERTIES,
    &ENUM,
    &CONST,
    &PATTERN,
    &FORMAT,
    &MINIMUM,
    &MAXIMUM,
    &MIN_LENGTH,
    &MIN_ITEMS,
    &UNIQUE_ITEMS,
    &ONE_OF,
    &NOT,
    &OTHER,
];

/// The validators and the parsed schemas (for did-you-mean lookups). A kind's validator is
/// compiled the first time a document of that kind is validated: compiling all of them was a
/// third of the instructions of checking the 37 KB example, and a repository rarely has every
/// kind (issue 18).
pub struct Schemas {
    registry: jsonschema::Registry<'static>,
    validators: Vec<(Kind, &'static str, Lazy)>,
    /// The regular expressions compiled for `pattern`, shared by every kind's validator: the
    /// common definitions (ids, dates) are referenced by each kind's schema.
    patterns: jsonschema::PatternCache,
    /// The full schemas, with their descriptions, parsed for the first finding that quotes one.
    described: OnceLock<Vec<(String, Value)>>,
}

/// A kind's validator once compiled, or why its embedded schema would not compile.
type Lazy = OnceLock<Result<Validator<Nodes>, String>>;

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schemas")
            .field(
                "kinds",
                &self.validators.iter().map(|(k, ..)| *k).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// Why the embedded schemas could not be used (a build defect; a test guards against it).
#[derive(Debug, thiserror::Error)]
#[error("embedded schema `{name}` is broken: {message}")]
pub struct SchemaError {
    pub name: String,
    pub message: String,
}

/// Compiles the embedded schemas once per process.
pub fn compiled() -> Result<&'static Schemas, &'static SchemaError> {
    static CELL: OnceLock<Result<Schemas, SchemaError>> = OnceLock::new();
    CELL.get_or_init(compile).as_ref()
}

fn compile() -> Result<Schemas, SchemaError> {
    let mut resources = Vec::new();
    for (stem, _, _) in SCHEMAS {
        let text = validated(stem).ok_or_else(|| SchemaError {
            name: (*stem).into(),
            message: "build.rs wrote no validated copy of it".into(),
        })?;
        let value: Value = serde_json::from_str(text).map_err(|e| SchemaError {
            name: (*stem).into(),
            message: e.to_string(),
        })?;
        resources.push((format!("{BASE}{stem}.json"), Arc::new(value)));
    }
    // The registry borrows its URIs and lives as long as the process (`compiled` keeps it in a
    // static), so they are leaked once: six short strings. It holds the only copy of the schemas.
    let registry = jsonschema::Registry::new()
        .extend(resources.into_iter().map(|(u, v)| (&*u.leak(), v)))
        .and_then(jsonschema::RegistryBuilder::prepare)
        .map_err(|e| SchemaError {
            name: "registry".into(),
            message: e.to_string(),
        })?;
    let validators = SCHEMAS
        .iter()
        .filter_map(|(stem, kind, _)| Some(((*kind)?, *stem, OnceLock::new())))
        .collect();
    Ok(Schemas {
        registry,
        validators,
        patterns: jsonschema::PatternCache::new(),
        described: OnceLock::new(),
    })
}

/// The first schema error of an invalid document: where it is and what it says. Decisions that
/// need the document name it, so the reader sees the cause of a `not-assessed` verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstError {
    pub location: crate::finding::Location,
    pub message: String,
    /// The message as a [`Text`], when it was written so (the schema's own errors): the
    /// reports in Bokmål quote it in Bokmål.
    pub text: Option<Arc<Text>>,
}

impl FirstError {
    /// The error as an argument of a text that quotes it.
    pub fn arg(&self) -> Arg {
        match &self.text {
            Some(t) => Arg::Text(Box::new((**t).clone())),
            None => Arg::Plain(self.message.clone()),
        }
    }
}

impl Schemas {
    /// The validator of `kind`, compiled on first use (`Err`: the embedded schema does not
    /// compile, a build defect that `every_kind_s_schema_compiles` guards against).
    fn validator(&self, kind: Kind) -> Option<(&'static str, &Result<Validator<Nodes>, String>)> {
        let (_, stem, cell) = self.validators.iter().find(|(k, ..)| *k == kind)?;
        Some((
            stem,
            cell.get_or_init(|| {
                // Compiled as draft 7: the shipped schemas declare 2020-12 for editors, but use
                // only keywords that mean the same in both
                // (`the_schemas_mean_the_same_in_draft_7_and_2020_12`), and checking the
                // `$ref` wrapper against the draft-7 meta-schema costs 1.2 M instructions
                // against 4.4 M for 2020-12's (the 37 KB example: 41.3 M → 38.0 M in all).
                jsonschema::options_for::<Nodes>()
                    .with_draft(jsonschema::Draft::Draft7)
                    .with_registry(&self.registry)
                    .offline()
                    .should_validate_formats(true)
                    .with_pattern_options(jsonschema::PatternOptions::regex())
                    .with_pattern_cache(self.patterns.clone())
                    .build(&serde_json::json!({ "$ref": format!("{BASE}{stem}.json") }))
                    .map_err(|e| e.to_string())
            }),
        ))
    }

    /// Validates every document against its kind's schema (in parallel); returns the findings
    /// and, per document, its first error (`None`: valid). Only valid documents are typed; an
    /// invalid one stays in the index by kind and id (DESIGN §2).
    pub fn validate(&self, docs: &[Doc]) -> (Vec<Finding>, Vec<Option<FirstError>>) {
        // The validators the documents need are compiled first, side by side: compiled on first
        // use inside the loop, a thread that met a kind another thread was compiling waited for
        // it (most of a small repository's run is compiling).
        let mut kinds: Vec<Kind> = docs.iter().map(|d| d.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.par_iter().for_each(|kind| {
            self.validator(*kind);
        });
        let per_doc: Vec<Vec<Finding>> = docs
            .par_iter()
            .map(|doc| {
                let Some((stem, compiled)) = self.validator(doc.kind) else {
                    return Vec::new();
                };
                let validator = match compiled {
                    Ok(v) => v,
                    // never green on a document that was not validated
                    Err(e) => {
                        return vec![doc.finding(
                            &OTHER,
                            "",
                            format!("the embedded schema `{stem}` is broken, so this document cannot be validated: {e}"),
                        )];
                    }
                };
                // Most documents are valid: `is_valid` stops at nothing and builds no errors.
                let root = doc.root();
                if validator.is_valid(root) {
                    return Vec::new();
                }
                let mut out = Vec::new();
                for error in validator.iter_errors(root) {
                    self.convert(doc, &error, &mut out);
                }
                out
            })
            .collect();
        let first = per_doc
            .iter()
            .map(|fs| {
                fs.iter()
                    .min_by_key(|f| f.location.span.start)
                    .map(|f| FirstError {
                        location: f.location.clone(),
                        message: f.message.clone(),
                        text: f.text.clone(),
                    })
            })
            .collect();
        (per_doc.into_iter().flatten().collect(), first)
    }

    /// The schema node a keyword location points at (through `absolute_keyword_location`), in
    /// the full schema: the validated copy has the same nodes at the same pointers, less the
    /// descriptions the help texts quote.
    fn schema_node(&self, error: &ValidationError<'_>, strip_last: bool) -> Option<&Value> {
        let uri = error.absolute_keyword_location()?.as_str();
        let (base, fragment) = uri.split_once('#')?;
        let described = self.described.get_or_init(|| {
            SCHEMAS
                .iter()
                .filter_map(|(stem, _, text)| {
                    Some((
                        format!("{BASE}{stem}.json"),
                        serde_json::from_str(text).ok()?,
                    ))
                })
                .collect()
        });
        let (_, resource) = described.iter().find(|(u, _)| u == base)?;
        let mut pointer = fragment.to_owned();
        if strip_last && let Some(i) = pointer.rfind('/') {
            pointer.truncate(i);
        }
        resource.pointer(&pointer)
    }

    fn convert(&self, doc: &Doc, error: &ValidationError<'_>, out: &mut Vec<Finding>) {
        let pointer = error.instance_path().as_str().to_owned();
        let field = field_name(&pointer);
        let instance = error.instance();
        let target = |p: &str| doc.target(p);
        match error.kind() {
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or("?");
                let message = if pointer.is_empty() {
                    Text::new("schema-required-document")
                } else {
                    Text::new("schema-required").name("field", &*field)
                };
                out.push(
                    Finding::new(&REQUIRED, doc.key_loc(&pointer), message.name("name", name))
                        .target(target(&push_pointer(&pointer, name)))
                        .help(
                            describe(self.schema_node(error, true), name)
                                .map_or_else(|| Text::new("schema-h-fix").into(), Message::from),
                        ),
                );
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let known: Vec<String> = self
                    .schema_node(error, true)
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
                for name in unexpected {
                    let p = push_pointer(&pointer, name);
                    let msg = match suggest::closest(name, known.iter().map(String::as_str)) {
                        Some(s) => Text::new("schema-unknown-field-mean").name("suggestion", s),
                        None => Text::new("schema-unknown-field"),
                    }
                    .name("name", name.as_str());
                    let mut f = Finding::new(&ADDITIONAL_PROPERTIES, doc.key_loc(&p), msg)
                        .target(target(&p));
                    if !known.is_empty() {
                        f = f.help(
                            Text::new("schema-h-fields").arg("fields", Arg::Names(known.clone())),
                        );
                    }
                    out.push(f);
                }
            }
            ValidationErrorKind::Enum { options } => {
                let opts: Vec<String> = options
                    .as_array()
                    .map(|a| a.iter().map(display_value).collect())
                    .unwrap_or_default();
                let found = display_number(doc, &pointer, instance);
                let msg = match suggest::closest(&found, opts.iter().map(String::as_str)) {
                    Some(s) => Text::new("schema-enum-mean").name("suggestion", s),
                    None => Text::new("schema-enum").arg("options", Arg::NamesOr(opts.clone())),
                }
                .name("field", &*field)
                .name("found", found.as_str());
                let f = doc.finding(&ENUM, &pointer, msg);
                out.push(f.help(Text::new("schema-h-allowed").arg("options", Arg::NamesOr(opts))));
            }
            ValidationErrorKind::Constant { expected_value } => {
                out.push(
                    doc.finding(
                        &CONST,
                        &pointer,
                        Text::new("schema-const")
                            .name("field", &*field)
                            .name("expected", display_value(expected_value))
                            .name("found", display_value(instance)),
                    ),
                );
            }
            ValidationErrorKind::Type { kind } => {
                let types: Vec<String> = match kind {
                    TypeKind::Single(t) => vec![t.to_string()],
                    TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
                };
                let expected = types.iter().map(|t| Text::new(json_type(t))).collect();
                let mut f = doc.finding(
                    &TYPE,
                    &pointer,
                    Text::new("schema-type")
                        .name("field", &*field)
                        .arg("expected", Arg::TextListOr(expected))
                        .text("article", Text::new(article_type(instance)))
                        .name("found", display_number(doc, &pointer, instance)),
                );
                let wants = |t: &str| types.iter().any(|w| w == t);
                if wants("string")
                    && (instance.is_number() || instance.is_boolean() || instance.is_null())
                {
                    f = f.help(Text::new("schema-h-quote"));
                } else if (wants("number") || wants("integer"))
                    && instance.as_str().is_some_and(reads_as_number)
                {
                    f = f.help(Text::new("schema-h-number-text"));
                }
                out.push(f);
            }
            ValidationErrorKind::Pattern { pattern } => {
                let expected = describe(self.schema_node(error, true), "").map_or_else(
                    || Text::new("schema-h-pattern").plain("pattern", format!("`{pattern}`")),
                    expected,
                );
                out.push(
                    doc.finding(
                        &PATTERN,
                        &pointer,
                        Text::new("schema-pattern")
                            .name("field", &*field)
                            .name("value", display_value(instance)),
                    )
                    .help(expected),
                );
            }
            ValidationErrorKind::Format { format } => {
                let msg = if format == "date" {
                    Text::new("schema-date")
                } else {
                    Text::new("schema-format").plain("format", format.as_str())
                }
                .name("field", &*field)
                .name("value", display_value(instance));
                out.push(doc.finding(&FORMAT, &pointer, msg));
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => {
                let strict = matches!(error.kind(), ValidationErrorKind::ExclusiveMinimum { .. });
                out.push(
                    doc.finding(
                        &MINIMUM,
                        &pointer,
                        Text::new(if strict {
                            "schema-more-than"
                        } else {
                            "schema-at-least"
                        })
                        .name("field", &*field)
                        .plain("limit", limit.to_string())
                        .plain("found", display_number(doc, &pointer, instance)),
                    ),
                );
            }
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                let strict = matches!(error.kind(), ValidationErrorKind::ExclusiveMaximum { .. });
                out.push(
                    doc.finding(
                        &MAXIMUM,
                        &pointer,
                        Text::new(if strict {
                            "schema-less-than"
                        } else {
                            "schema-at-most"
                        })
                        .name("field", &*field)
                        .plain("limit", limit.to_string())
                        .plain("found", display_number(doc, &pointer, instance)),
                    ),
                );
            }
            ValidationErrorKind::MinLength { limit } => {
                out.push(doc.finding(
                    &MIN_LENGTH,
                    &pointer,
                    if *limit <= 1 {
                        Text::new("schema-empty").name("field", &*field)
                    } else {
                        Text::new("schema-min-length")
                            .name("field", &*field)
                            .plain("limit", limit.to_string())
                            .name("found", display_value(instance))
                    },
                ));
            }
            ValidationErrorKind::MinItems { limit } => {
                out.push(
                    doc.finding(
                        &MIN_ITEMS,
                        &pointer,
                        Text::new("schema-min-items")
                            .name("field", &*field)
                            .count("limit", usize::try_from(*limit).unwrap_or(usize::MAX)),
                    ),
                );
            }
            ValidationErrorKind::UniqueItems => {
                out.push(doc.finding(
                    &UNIQUE_ITEMS,
                    &pointer,
                    Text::new("schema-unique").name("field", &*field),
                ));
            }
            ValidationErrorKind::OneOfNotValid { context }
            | ValidationErrorKind::AnyOf { context } => {
                self.one_of(doc, error, context, &pointer, out);
            }
            ValidationErrorKind::OneOfMultipleValid { .. } => {
                let what = describe(self.schema_node(error, true), "")
                    .unwrap_or_else(|| "exactly one allowed form".into());
                out.push(
                    doc.finding(
                        &ONE_OF,
                        &pointer,
                        Text::new("schema-one-of-many").name("field", &*field),
                    )
                    .help(expected(what)),
                );
            }
            ValidationErrorKind::Not { .. } | ValidationErrorKind::FalseSchema => {
                let what = describe(self.schema_node(error, true), "");
                let msg = match instance.as_ref() {
                    Value::Object(_) => Text::new("schema-not-field"),
                    _ => Text::new("schema-not"),
                }
                .name("field", &*field);
                let mut f = doc.finding(&NOT, &pointer, msg);
                if let Some(w) = what {
                    f = f.help(w);
                }
                out.push(f);
            }
            other => {
                out.push(
                    doc.finding(
                        &OTHER,
                        &pointer,
                        format!("`{field}`: {}", plain(&error.to_string())),
                    )
                    .data("keyword", other.keyword()),
                );
            }
        }
    }

    /// A value that matches none of its alternatives: say what the alternatives are, and report
    /// the errors of the closest one (the branch with the fewest errors).
    fn one_of(
        &self,
        doc: &Doc,
        error: &ValidationError<'_>,
        context: &[Vec<ValidationError<'static>>],
        pointer: &str,
        out: &mut Vec<Finding>,
    ) {
        let field = field_name(pointer);
        let node = self.schema_node(error, true);
        if let Some(what) = describe(node, "") {
            out.push(
                doc.finding(
                    &ONE_OF,
                    pointer,
                    Text::new("schema-one-of-none").name("field", &*field),
                )
                .help(expected(what)),
            );
            return;
        }
        let best = context
            .iter()
            .filter(|b| !b.is_empty())
            .min_by_key(|b| b.len());
        match best {
            Some(branch) => {
                for e in branch {
                    self.convert(doc, e, out);
                }
            }
            None => out.push(doc.finding(
                &ONE_OF,
                pointer,
                Text::new("schema-one-of-none").name("field", &*field),
            )),
        }
    }

    /// The schema of a kind, bundled into one self-contained document for editors.
    pub fn bundled(kind_or_stem: &str) -> Option<Value> {
        bundle(kind_or_stem)
    }
}

/// The schema for `kind` (a kind name or file stem, any case) with the shared definitions copied
/// in, so an editor (yaml-language-server) needs no network and no second file.
pub fn bundle(kind_or_stem: &str) -> Option<Value> {
    let wanted = kind_or_stem.to_ascii_lowercase();
    let (stem, _, text) = SCHEMAS.iter().find(|(stem, kind, _)| {
        kind.is_some_and(|k| k.as_str().to_ascii_lowercase() == wanted || *stem == wanted)
    })?;
    let mut schema: Value = serde_json::from_str(text).ok()?;
    let common: Value = serde_json::from_str(SCHEMAS[0].2).ok()?;
    rewrite_refs(&mut schema, false);
    if let (Some(obj), Some(defs)) = (
        schema.as_object_mut(),
        common.get("$defs").and_then(Value::as_object),
    ) {
        let entry = obj
            .entry("$defs")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Some(own) = entry.as_object_mut() {
            for (k, v) in defs {
                let mut v = v.clone();
                rewrite_refs(&mut v, true);
                own.insert(format!("common.{k}"), v);
            }
        }
        obj.insert(
            "$id".into(),
            Value::String(format!("{BASE}{stem}.bundled.json")),
        );
    }
    Some(schema)
}

/// Points references to common.json (and, inside common's own definitions, its local
/// references) at the copies under `#/$defs/common.*`.
fn rewrite_refs(v: &mut Value, inside_common: bool) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "$ref"
                    && let Value::String(r) = child
                {
                    let name = r.strip_prefix("common.json#/$defs/").or_else(|| {
                        if inside_common {
                            r.strip_prefix("#/$defs/")
                        } else {
                            None
                        }
                    });
                    if let Some(name) = name {
                        *r = format!("#/$defs/common.{name}");
                    }
                } else {
                    rewrite_refs(child, inside_common);
                }
            }
        }
        Value::Array(items) => {
            for i in items {
                rewrite_refs(i, inside_common);
            }
        }
        _ => {}
    }
}

/// One schema for every kind: each kind's bundled schema under `$defs`, chosen by `kind`. Point
/// yaml-language-server at it once for the whole repository.
pub fn combined() -> Value {
    let mut defs = serde_json::Map::new();
    let mut branches = Vec::new();
    for (stem, kind, _) in SCHEMAS {
        let Some(kind) = kind.map(Kind::as_str) else {
            continue;
        };
        if let Some(b) = bundle(kind) {
            defs.insert(kind.to_owned(), b);
            branches.push(serde_json::json!({
                "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
                "then": { "$ref": format!("{BASE}{stem}.bundled.json") }
            }));
        }
    }
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{BASE}egenregi.json"),
        "title": "egenregi/v1 document",
        "description": "Any egenregi/v1 document; the `kind` field selects the schema.",
        "type": "object",
        "required": ["apiVersion", "kind"],
        "properties": { "kind": { "enum": kinds() } },
        "allOf": branches,
        "$defs": defs,
    })
}

/// The kinds that have a schema, in the order of [`SCHEMAS`] (a test keeps it [`Kind::NAMES`]).
pub fn kinds() -> Vec<&'static str> {
    SCHEMAS
        .iter()
        .filter_map(|s| s.1.map(Kind::as_str))
        .collect()
}

/// The last pointer token, as a field name for messages (`/spec/sla/availability` → `availability`).
fn field_name(pointer: &str) -> Cow<'_, str> {
    match pointer.rsplit('/').next() {
        None | Some("") => Cow::Borrowed("document"),
        Some(last) if last.bytes().all(|b| b.is_ascii_digit()) => {
            let parent = &pointer[..pointer.len() - last.len() - 1];
            let name = parent.rsplit('/').next().unwrap_or("");
            Cow::Owned(format!("{name}[{last}]"))
        }
        Some(last) => Cow::Owned(last.replace("~1", "/").replace("~0", "~")),
    }
}

/// `expected: …`, a schema's description of what a value must be (in English, as the schema
/// writes it).
fn expected(what: String) -> Text {
    Text::new("schema-h-expected").plain("what", what)
}

/// A schema node's `description`, for help texts (optionally of one property).
fn describe(node: Option<&Value>, property: &str) -> Option<String> {
    let node = node?;
    let node = if property.is_empty() {
        node
    } else {
        node.get("properties")
            .and_then(|p| p.get(property))
            .unwrap_or(&Value::Null)
    };
    node.get("description").and_then(Value::as_str).map(|d| {
        let d = d.trim_end_matches('.');
        let mut c = d.chars();
        c.next().map_or_else(String::new, |f| {
            f.to_lowercase().collect::<String>() + c.as_str()
        })
    })
}

/// A number as the document writes it, when the node's text is that number (an alias's copy is
/// shown by its value): a value past 2^53 or with trailing zeros prints otherwise
/// (`-1.2345678901234568e+16` for `-12345678901234567.89`).
fn display_number(doc: &Doc, pointer: &str, v: &Value) -> String {
    // Only a number is looked up in the file: a string is shown as it is.
    let written = v.is_number().then(|| doc.doc.written(pointer)).flatten();
    match written.map(str::trim) {
        Some(text) if crate::load::yaml::is_core_number(text) => text.to_owned(),
        _ => display_value(v),
    }
}

fn display_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The message naming the type of a value found (`the text`, `the number`, ...).
fn article_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "found-string",
        Value::Null => "found-null",
        Value::Bool(_) => "found-boolean",
        Value::Number(_) => "found-number",
        Value::Array(_) => "found-array",
        Value::Object(_) => "found-object",
    }
}

/// Text that YAML would read as a number unquoted: it is quoted, or it is a number the loader
/// kept as text because it has no exact JSON form.
fn reads_as_number(s: &str) -> bool {
    crate::load::yaml::is_core_number(s.trim())
}

/// The message naming a JSON type as a value must be (`text`, `a whole number`, ...).
fn json_type(t: &str) -> &'static str {
    match t {
        "string" => "type-string",
        "integer" => "type-integer",
        "number" => "type-number",
        "boolean" => "type-boolean",
        "array" => "type-array",
        "object" => "type-object",
        "null" => "type-null",
        _ => "type-other",
    }
}

fn plain(msg: &str) -> String {
    msg.replace('"', "`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_reads_as_a_number() {
        for s in [
            "100",
            " 12.5",
            "1e400",
            "-3",
            ".inf",
            "-.Inf",
            ".NaN",
            "123456789012345678901234",
            "0x1F",
        ] {
            assert!(reads_as_number(s), "{s}");
        }
        for s in [
            "hundred", "inf", "NaN", "infinity", "12 kr", "", ".nAn", "1e", "0x",
        ] {
            assert!(!reads_as_number(s), "{s}");
        }
    }

    #[test]
    fn embedded_schemas_are_valid_2020_12() {
        for (stem, _, text) in SCHEMAS {
            let v: Value = serde_json::from_str(text).unwrap();
            assert!(
                jsonschema::meta::is_valid(&v),
                "{stem} is not a valid schema"
            );
            assert_eq!(
                v["$id"],
                format!("{BASE}{stem}.json"),
                "{stem} has the wrong $id"
            );
        }
        compiled().unwrap();
    }

    /// The copies the validators compile are the full schemas less their annotations, file by
    /// file: removing every `description`, `title`, `examples`, `default` and `$comment` key from
    /// a full schema gives its copy, and no copy holds one (no property bears such a name; if one
    /// ever does, this test names it and `build.rs` must be checked to keep it).
    #[test]
    fn the_validated_schemas_are_the_full_ones_less_their_annotations() {
        const ANNOTATIONS: &[&str] = &["description", "title", "examples", "default", "$comment"];
        fn keys(v: &Value, at: &str, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        if ANNOTATIONS.contains(&k.as_str()) {
                            out.push(format!("{at}/{k}"));
                        }
                        keys(x, &format!("{at}/{k}"), out);
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        keys(x, &format!("{at}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        fn without(v: &Value) -> Value {
            match v {
                Value::Object(m) => Value::Object(
                    m.iter()
                        .filter(|(k, _)| !ANNOTATIONS.contains(&k.as_str()))
                        .map(|(k, x)| (k.clone(), without(x)))
                        .collect(),
                ),
                Value::Array(a) => Value::Array(a.iter().map(without).collect()),
                other => other.clone(),
            }
        }
        let mut dropped = 0;
        // one copy for each schema, and none for a file the crate does not embed
        let mut stems: Vec<&str> = SCHEMAS.iter().map(|(stem, ..)| *stem).collect();
        stems.sort_unstable();
        let copies: Vec<&str> = validated::VALIDATED.iter().map(|(stem, _)| *stem).collect();
        assert_eq!(copies, stems);
        for (stem, _, full) in SCHEMAS {
            let full: Value = serde_json::from_str(full).unwrap();
            let copy: Value = serde_json::from_str(validated(stem).unwrap()).unwrap();
            let mut left = Vec::new();
            keys(&copy, "", &mut left);
            assert!(left.is_empty(), "{stem}: {left:?} kept");
            let mut all = Vec::new();
            keys(&full, "", &mut all);
            dropped += all.len();
            // the same keys in the same order (the order keywords are compiled and errors found):
            // compared as text, since two JSON objects are equal whatever their keys' order
            assert_eq!(
                serde_json::to_string(&without(&full)).unwrap(),
                serde_json::to_string(&copy).unwrap(),
                "{stem}"
            );
            assert_eq!(copy.get("$id"), full.get("$id"), "{stem}: out of order");
        }
        assert!(dropped > 100, "only {dropped} annotations dropped");
    }

    #[test]
    fn every_kind_s_schema_compiles() {
        // compiled on first use, so nothing else would notice a broken one until a document
        // of its kind came along
        let schemas = compiled().unwrap();
        for kind in kinds() {
            let (stem, validator) = schemas.validator(Kind::parse(kind).unwrap()).unwrap();
            assert!(validator.is_ok(), "{stem}: {:?}", validator.as_ref().err());
        }
        assert_eq!(schemas.validators.len(), Kind::ALL.len());
    }

    /// The validators compile the schemas as draft 7 (cheaper to start) while the files say
    /// 2020-12: every keyword they use must mean the same in both, and a `$ref` must have no
    /// sibling that constrains (draft 7 ignores a `$ref`'s siblings).
    #[test]
    fn the_schemas_mean_the_same_in_draft_7_and_2020_12() {
        const SAME: &[&str] = &[
            "$schema",
            "$id",
            "$ref",
            "$defs",
            "$comment",
            "title",
            "description",
            "examples",
            "default",
            "type",
            "enum",
            "const",
            "properties",
            "required",
            "additionalProperties",
            "propertyNames",
            "items",
            "minItems",
            "uniqueItems",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "if",
            "then",
            "not",
            "allOf",
            "anyOf",
            "oneOf",
        ];
        const ANNOTATIONS: &[&str] = &[
            "$ref",
            "$comment",
            "title",
            "description",
            "examples",
            "default",
        ];
        fn walk(stem: &str, at: &str, schema: &serde_json::Value) {
            let Some(map) = schema.as_object() else {
                return;
            };
            if map.contains_key("$ref") {
                let siblings: Vec<&String> = map
                    .keys()
                    .filter(|k| !ANNOTATIONS.contains(&k.as_str()))
                    .collect();
                assert!(siblings.is_empty(), "{stem}{at}: $ref beside {siblings:?}");
            }
            for (k, v) in map {
                assert!(SAME.contains(&k.as_str()), "{stem}{at}: keyword `{k}`");
                let at = format!("{at}/{k}");
                match k.as_str() {
                    "properties" | "$defs" => {
                        for (name, sub) in v.as_object().into_iter().flatten() {
                            walk(stem, &format!("{at}/{name}"), sub);
                        }
                    }
                    "allOf" | "anyOf" | "oneOf" => {
                        for (i, sub) in v.as_array().into_iter().flatten().enumerate() {
                            walk(stem, &format!("{at}/{i}"), sub);
                        }
                    }
                    "items" | "additionalProperties" | "propertyNames" | "if" | "then" | "not" => {
                        walk(stem, &at, v);
                    }
                    _ => {}
                }
            }
        }
        for (stem, _, text) in SCHEMAS {
            let schema: serde_json::Value = serde_json::from_str(text).unwrap();
            walk(stem, "", &schema);
        }
    }

    #[test]
    fn bundled_schemas_are_self_contained() {
        for kind in kinds() {
            let b = bundle(kind).unwrap();
            assert!(
                !b.to_string().contains("common.json#"),
                "{kind} still refers to common.json"
            );
            jsonschema::options().offline().build(&b).unwrap();
        }
    }

    #[test]
    fn field_names_read_well() {
        assert_eq!(field_name("/spec/sla/availability"), "availability");
        assert_eq!(field_name("/spec/lines/3"), "lines[3]");
        assert_eq!(field_name(""), "document");
    }
}
