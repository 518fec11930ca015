//! `egenregi init` and `egenregi new`: documents that are valid from the first save, with every
//! fact only a person can supply left as a placeholder (`TODO: ...`, `todo-owner`, `000000000`)
//! that fits the schema but fails the check (`data/placeholder`) until it is replaced. Nothing
//! real-looking is ever invented: no municipality number, no organisation number.
//!
//! Nothing is ever overwritten: an existing file is an error, and the user decides.

use std::path::{Path, PathBuf};

use crate::config::FILE_NAME;
use crate::date::Date;
use crate::kind::Kind;
use crate::load::placeholder::{
    PLACEHOLDER_COUNTY_NUMBER, PLACEHOLDER_ENTITY, PLACEHOLDER_MUNICIPALITY_NUMBER,
    PLACEHOLDER_ORGNR, PLACEHOLDER_OWNER, PLACEHOLDER_PROVIDER, PLACEHOLDER_RULE,
    PLACEHOLDER_SERVICE, PLACEHOLDER_TARGET,
};

/// A kind `egenregi new` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Entity,
    Service,
    Tenant,
    Waiver,
    /// An `ActivityReport`: its id is `<provider>-<year>` (`NewOptions::year`).
    Activity,
}

impl NewKind {
    /// The document kind it writes.
    pub const fn kind(self) -> Kind {
        match self {
            Self::Entity => Kind::Entity,
            Self::Service => Kind::Service,
            Self::Tenant => Kind::Tenant,
            Self::Waiver => Kind::Waiver,
            Self::Activity => Kind::ActivityReport,
        }
    }

    /// The directory under the root where documents of this kind live by convention.
    pub fn dir(self) -> &'static str {
        match self {
            Self::Entity => "entities",
            Self::Service => "services",
            Self::Tenant => "tenants",
            Self::Waiver => "waivers",
            Self::Activity => "activity",
        }
    }
}

/// What `egenregi new` needs besides the kind and the id; empty fields get placeholders.
#[derive(Debug, Clone, Default)]
pub struct NewOptions {
    /// Entity: its legal form (`municipality`, `county`, `state-agency`, `company`, ...).
    pub entity_type: Option<String>,
    /// Service: the providing entity.
    pub provider: Option<String>,
    /// Tenant: the buying entity; Tenant: the first subscription's service.
    pub entity: Option<String>,
    pub service: Option<String>,
    /// Waiver: the rule and target it accepts.
    pub rule: Option<String>,
    pub target: Option<String>,
    /// Activity: the financial year.
    pub year: Option<u16>,
}

/// Why a scaffold could not be written. No diagnostic codes: miette shows a code as the
/// heading, and these are not rule ids a user could look up.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ScaffoldError {
    #[error("`{0}` is not a valid id")]
    #[diagnostic(help(
        "ids are lowercase ASCII letters, digits and `-`, start with a letter or digit, and have at most 63 characters, e.g. `oslo-kommune`"
    ))]
    Id(String),
    #[error("unknown entity type `{0}`")]
    #[diagnostic(help("{1}"))]
    EntityType(String, String),
    #[error("`{0}` is not a financial year")]
    #[diagnostic(help(
        "give the year as four digits between 1900 and 2200, e.g. `egenregi new activity ks-digital 2025`"
    ))]
    Year(String),
    #[error("{} already exists; egenregi never overwrites a file", .0.display())]
    #[diagnostic(help("choose another id, or edit the existing file"))]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("refusing to write into {}: it is a symbolic link", .0.display())]
    #[diagnostic(
        code(scaffold::link),
        help("egenregi never writes through a link; replace it with a directory")
    )]
    Link(PathBuf),
}

/// The dated history of a municipality or county, as comments: what to add after a merger or split.
const HISTORY: &str =
    "  # after a merger or split: established: DATE, dissolved: DATE, successors: [ID]\n";

/// Legal forms, as the Entity schema names them.
const ENTITY_TYPES: &[&str] = &[
    "municipality",
    "county",
    "state-agency",
    "association",
    "company",
    "foundation",
    "private",
    "private-nonprofit",
];

/// Norwegian organisation forms (as Enhetsregisteret and people name them) and the legal form
/// the Entity schema uses for each, with why, where the mapping is not obvious.
const NORWEGIAN_FORMS: &[(&str, &str, Option<&str>)] = &[
    ("kommune", "municipality", None),
    ("fylkeskommune", "county", None),
    ("fylke", "county", None),
    ("stat", "state-agency", None),
    ("statlig", "state-agency", None),
    ("stiftelse", "foundation", None),
    ("forening", "association", None),
    (
        "as",
        "company",
        Some("an aksjeselskap is a company; fill in its owners"),
    ),
    (
        "iks",
        "company",
        Some(
            "an interkommunalt selskap is a company of its own, owned by its participant municipalities and counties; list them as owners with their shares",
        ),
    ),
    (
        "kf",
        "company",
        Some(
            "a kommunalt foretak is part of its municipality, not a legal person of its own; as a company owned 100 % by the municipality the in-house analyses see the control it is under",
        ),
    ),
    (
        "fkf",
        "company",
        Some(
            "a fylkeskommunalt foretak is part of its county, not a legal person of its own; as a company owned 100 % by the county the in-house analyses see the control it is under",
        ),
    ),
];

/// The schema's legal form for `ty`: one of `ENTITY_TYPES` as is, or a Norwegian form
/// (`kommune`, `iks`, ...; any case) with a note saying what it became and, where it is not
/// obvious, why.
pub fn entity_type(ty: &str) -> Result<(&'static str, Option<String>), ScaffoldError> {
    if let Some(t) = ENTITY_TYPES.iter().find(|t| **t == ty) {
        return Ok((t, None));
    }
    let lower = ty.to_lowercase();
    if let Some((form, to, why)) = NORWEGIAN_FORMS.iter().find(|(f, _, _)| *f == lower) {
        let note = match why {
            Some(why) => format!("`{form}` is written as type `{to}`: {why}"),
            None => format!("`{form}` is written as type `{to}`"),
        };
        return Ok((to, Some(note)));
    }
    let mut help = format!(
        "the types are {}; Norwegian forms are mapped too: {}",
        crate::suggest::list(ENTITY_TYPES),
        crate::suggest::list(&NORWEGIAN_FORMS.iter().map(|f| f.0).collect::<Vec<_>>())
    );
    let known = ENTITY_TYPES
        .iter()
        .copied()
        .chain(NORWEGIAN_FORMS.iter().map(|f| f.0));
    if let Some(s) = crate::suggest::closest(&lower, known) {
        help = format!("did you mean `{s}`? {help}");
    }
    Err(ScaffoldError::EntityType(ty.to_owned(), help))
}

/// The id of a new `ActivityReport`: `<provider>-<year>`.
pub fn activity_id(provider: &str, year: u16) -> String {
    format!("{provider}-{year}")
}

/// Whether `id` has the form every document id must have (`common.schema.json#/$defs/id`).
pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    (1..=63).contains(&b.len())
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn check_id(id: &str) -> Result<(), ScaffoldError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(ScaffoldError::Id(id.to_owned()))
    }
}

/// A reference option, or a placeholder id (`load::placeholder::PLACEHOLDER_IDS`) that
/// `data/placeholder` and `ref/unknown` point at until it is set.
fn or_todo<'a>(value: Option<&'a str>, placeholder: &'a str) -> Result<&'a str, ScaffoldError> {
    match value {
        Some(v) => {
            check_id(v)?;
            Ok(v)
        }
        None => Ok(placeholder),
    }
}

/// The text of a new document of `kind` with id `id`, dated `today`.
pub fn document(
    kind: NewKind,
    id: &str,
    options: &NewOptions,
    today: Date,
) -> Result<String, ScaffoldError> {
    check_id(id)?;
    let header = "# yaml-language-server: $schema=../.egenregi.schema.json\n\
                  # Written by `egenregi new`. Replace every TODO, then run `egenregi check`.\n";
    let body = match kind {
        NewKind::Service => {
            let provider = or_todo(options.provider.as_deref(), PLACEHOLDER_PROVIDER)?;
            format!(
                "apiVersion: egenregi/v1
kind: Service
metadata:
  id: {id}
  name: \"{id}\" # TODO: the name users know the service by
spec:
  provider: {provider} # the Entity that runs the service
  owner: {{ team: \"TODO: the owning team\", email: TODO@example.no }} # and its address
  lifecycle: {{ stage: planned, launched: null, sunset: null }}
  criticality: medium # critical | high | medium | low: `egenregi explain service/critical-sla`
  sla: {{ availability: 99.5, support: business-hours, rto: 8h, rpo: 4h }}
  data:
    personal_data: false # TODO: true if it processes personal data (then tenants need a DPA)
    special_categories: false
    classification: internal
  hosting:
    operator: \"TODO: who runs it\"
    regions: [no-east]
    jurisdiction: eea # eea | adequacy | third-country (then transfer_mechanism and tia)
  accessibility: {{ public_facing: false }} # true: WCAG 2.1 AA and a statement_url
  depends_on: []
  tenancy: {{ model: shared }}
"
            )
        }
        NewKind::Tenant => {
            let entity = or_todo(options.entity.as_deref(), PLACEHOLDER_ENTITY)?;
            let service = or_todo(options.service.as_deref(), PLACEHOLDER_SERVICE)?;
            format!(
                "apiVersion: egenregi/v1
kind: Tenant
metadata:
  id: {id}
spec:
  entity: {entity} # the Entity that buys
  subscriptions:
    - service: {service}
      since: {today} # the award date: the in-house analyses are evaluated on it
      until: null
      basis: tender # in-house | cooperation | tender | below-threshold | no-contract
      procurement: {{ reference: \"TODO: the notice (Doffin or TED)\", awarded: {today} }}
      environments: [production]
"
            )
        }
        NewKind::Entity => {
            let (ty, note) = entity_type(options.entity_type.as_deref().unwrap_or("company"))?;
            // a mapped Norwegian form says so in the document, where a reviewer reads it
            let ty_line = match note {
                Some(note) => format!("{ty} # {note}"),
                None => ty.to_owned(),
            };
            let orgnr = format!(
                "  orgnr: \"{PLACEHOLDER_ORGNR}\" # TODO: the 9-digit organisation number (Enhetsregisteret)\n"
            );
            let extra = match ty {
                "municipality" => format!(
                    "{orgnr}  municipality_number: \"{PLACEHOLDER_MUNICIPALITY_NUMBER}\" # TODO: the 4-digit kommunenummer (SSB)\n  member_of: [] # e.g. [ks], or dated: [{{ association: ks, from: DATE, to: DATE }}]\n{HISTORY}"
                ),
                "county" => format!(
                    "{orgnr}  county_number: \"{PLACEHOLDER_COUNTY_NUMBER}\" # TODO: the 2-digit fylkesnummer (SSB)\n  member_of: [] # e.g. [ks], or dated: [{{ association: ks, from: DATE, to: DATE }}]\n{HISTORY}"
                ),
                "state-agency" => orgnr,
                "company" => format!(
                    "{orgnr}  contracting_authority: true # a body governed by public law\n  owners:\n    - entity: {PLACEHOLDER_OWNER} # TODO: each owner, with its share and votes\n      share: 100\n      votes: 100\n      # from: DATE, to: DATE: when the holding began and ended (bodies and seats may be dated too)\n  articles: # once they change: a list of dated versions, [{{ from: DATE, non_commercial: true, ... }}]\n    non_commercial: true\n    profit_distribution: prohibited\n    private_owners_allowed: false\n  reorganisations: [] # e.g. {{ date: DATE, kind: business-transfer, from: [ks], evidence: docs/overdragelse.pdf }}\n"
                ),
                "association" | "foundation" => format!(
                    "{orgnr}  contracting_authority: true # TODO: is it a body governed by public law?\n"
                ),
                _ => format!("{orgnr}  contracting_authority: false\n"),
            };
            format!(
                "apiVersion: egenregi/v1
kind: Entity
metadata:
  id: {id}
  name: \"{id}\" # TODO: the legal name
spec:
  type: {ty_line}
{extra}"
            )
        }
        NewKind::Activity => {
            // `id` is the provider; the document's own id is `<provider>-<year>`
            let year = options
                .year
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| {
                    ScaffoldError::Year(options.year.map(|y| y.to_string()).unwrap_or_default())
                })?;
            let doc_id = activity_id(id, year);
            format!(
                "apiVersion: egenregi/v1
kind: ActivityReport
metadata:
  id: {doc_id}
  name: \"{id}, activity {year}\"
spec:
  provider: {id} # the Entity whose activity this is
  year: {year}
  basis: actual # actual: a closed year, from the annual accounts | projected: a business-plan projection (then `projection`)
  measure: turnover # turnover | costs; one measure for every year of a window
  currency: NOK
  evidence: null # TODO: the annual accounts in this repository, e.g. reports/arsregnskap-{year}.pdf
  projection: null # projected only: {{ prepared: DATE, approved_by: TEXT, method: TEXT }}
  # One line per customer, from the accounts; amounts at most two decimals. A line names one of
  # `customer` (an Entity, with `entrusted_by` if someone else entrusted the task), `group`
  # (`members-of:ID`: every member of an association, lumped) or `other` (activity with no named
  # customer, never qualifying). Grants are `type: grant` and not turnover.
  lines:
    - customer: {PLACEHOLDER_ENTITY} # TODO: the Entity id of a customer
      amount: 0
    - other: open-market # sales in the open market, if any
      amount: 0
"
            )
        }
        NewKind::Waiver => {
            let rule = options.rule.as_deref().unwrap_or(PLACEHOLDER_RULE);
            let target = options.target.as_deref().unwrap_or(PLACEHOLDER_TARGET);
            let expires = Date::from_days(today.days() + 90);
            format!(
                "apiVersion: egenregi/v1
kind: Waiver
metadata:
  id: {id}
spec:
  rule: {rule} # the rule id, as `egenregi rules` lists it
  targets: [{target}] # Kind/id, or Kind/id#/json/pointer for part of a document
  reason: \"TODO: why the finding is acceptable for now, and what will fix it\"
  approved_by: \"TODO: name and role of who accepts the risk\"
  expires: {expires} # the finding comes back after this date
",
                target = yaml_string(target),
                rule = yaml_string(rule),
            )
        }
    };
    Ok(format!("{header}{body}"))
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// Writes a new document under `root` (`services/ID.yaml` and so on); never overwrites.
pub fn new_document(
    root: &Path,
    kind: NewKind,
    id: &str,
    options: &NewOptions,
    today: Date,
) -> Result<PathBuf, ScaffoldError> {
    let text = document(kind, id, options, today)?;
    let file = match (kind, options.year) {
        (NewKind::Activity, Some(year)) => activity_id(id, year),
        _ => id.to_owned(),
    };
    let path = root.join(kind.dir()).join(format!("{file}.yaml"));
    write_new(&path, &text)?;
    Ok(path)
}

/// Writes `text` to a file that must not exist yet, never through a link: a kind directory
/// committed as a symlink (`services -> /elsewhere`) is refused, not written into.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(dir) = path.parent() {
        if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(ScaffoldError::Link(dir.to_owned()));
        }
        std::fs::create_dir_all(dir).map_err(|source| ScaffoldError::Io {
            path: path.to_owned(),
            source,
        })?;
    }
    crate::write::create_new(path, text.as_bytes()).map_err(|e| match e {
        crate::write::WriteError::Exists(p) | crate::write::WriteError::Directory(p) => {
            ScaffoldError::Exists(p)
        }
        crate::write::WriteError::Symlink { link, .. } => ScaffoldError::Link(link),
        crate::write::WriteError::Io { source, .. } => ScaffoldError::Io {
            path: path.to_owned(),
            source,
        },
    })
}

/// `egenregi init`: `egenregi.kdl`, the combined schema for editors, and the conventional
/// directories. Returns what it wrote; refuses to touch an existing `egenregi.kdl`.
pub fn init(root: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let config = root.join(FILE_NAME);
    write_new(&config, CONFIG)?;
    let mut written = vec![config];
    let schema = root.join(".egenregi.schema.json");
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&crate::schema::combined()).unwrap_or_default()
    );
    match write_new(&schema, &text) {
        Ok(()) => written.push(schema),
        // an editor schema someone already saved is theirs to keep
        Err(ScaffoldError::Exists(_)) => {}
        Err(e) => return Err(e),
    }
    for dir in ["entities", "services", "tenants", "activity"] {
        let path = root.join(dir);
        if !path.exists() {
            std::fs::create_dir_all(&path).map_err(|source| ScaffoldError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
    }
    Ok(written)
}

const CONFIG: &str = r#"// egenregi repository config (KDL v2). `egenregi explain RULE` describes every rule.
// Evaluation date for time-dependent rules; without it, today (UTC). Pin it for reproducible runs.
// as-of "2026-11-22"
// Citation and threshold pack: Norwegian procurement law.
jurisdiction "no"
// Files the check skips (globs relative to this file).
paths {
    exclude "drafts/**"
}
// Your own rules, in KDL files under this directory (see the README's Policies section).
// policies "policies"
// A rule's severity, or its parameters, for this repository:
// rule "service/ros-fresh" severity="warning"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_forms_map_to_legal_forms_with_a_note() {
        assert_eq!(entity_type("company").unwrap(), ("company", None));
        for (form, to) in [
            ("kommune", "municipality"),
            ("Fylkeskommune", "county"),
            ("IKS", "company"),
            ("as", "company"),
            ("kf", "company"),
            ("stiftelse", "foundation"),
            ("statlig", "state-agency"),
            ("stat", "state-agency"),
        ] {
            let (ty, note) = entity_type(form).unwrap();
            assert_eq!(ty, to, "{form}");
            assert!(note.unwrap().contains(&format!("type `{to}`")), "{form}");
        }
        assert!(
            entity_type("kf")
                .unwrap()
                .1
                .unwrap()
                .contains("part of its municipality")
        );
        let Err(ScaffoldError::EntityType(_, help)) = entity_type("komune") else {
            panic!("`komune` accepted");
        };
        assert!(help.starts_with("did you mean `kommune`?"), "{help}");
    }

    #[test]
    fn each_document_is_of_its_kind() {
        let options = NewOptions {
            year: Some(2025),
            ..NewOptions::default()
        };
        for k in [
            NewKind::Entity,
            NewKind::Service,
            NewKind::Tenant,
            NewKind::Waiver,
            NewKind::Activity,
        ] {
            let text = document(k, "x", &options, Date::parse("2026-01-01").unwrap()).unwrap();
            assert!(text.contains(&format!("\nkind: {}\n", k.kind())), "{text}");
        }
    }

    #[test]
    fn ids_follow_the_schema_pattern() {
        for ok in ["a", "oslo-kommune", "0301", &"a".repeat(63)] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "Oslo", "a_b", "a b", "æ", &"a".repeat(64), "../x"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
