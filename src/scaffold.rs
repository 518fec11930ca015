//! `egenregi init` and `egenregi new`: documents that are valid from the first save, with every
//! decision a reviewer will ask about left as a visible `TODO` comment beside a safe value.
//!
//! Nothing is ever overwritten: an existing file is an error, and the user decides.

use std::path::{Path, PathBuf};

use crate::config::FILE_NAME;
use crate::date::Date;

/// A kind `egenregi new` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Entity,
    Service,
    Tenant,
    Waiver,
}

impl NewKind {
    /// The directory under the root where documents of this kind live by convention.
    pub fn dir(self) -> &'static str {
        match self {
            Self::Entity => "entities",
            Self::Service => "services",
            Self::Tenant => "tenants",
            Self::Waiver => "waivers",
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
}

/// Why a scaffold could not be written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ScaffoldError {
    #[error("`{0}` is not a valid id")]
    #[diagnostic(
        code(scaffold::id),
        help(
            "ids are lowercase ASCII letters, digits and `-`, start with a letter or digit, and have at most 63 characters, e.g. `oslo-kommune`"
        )
    )]
    Id(String),
    #[error("unknown entity type `{0}`")]
    #[diagnostic(code(scaffold::entity_type), help("{1}"))]
    EntityType(String, String),
    #[error("{} already exists; egenregi never overwrites a file", .0.display())]
    #[diagnostic(
        code(scaffold::exists),
        help("choose another id, or edit the existing file")
    )]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(code(scaffold::io))]
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

/// A reference option, or a placeholder id that `ref/unknown` will point at until it is set.
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
            let provider = or_todo(options.provider.as_deref(), "todo-provider")?;
            format!(
                "apiVersion: egenregi/v1
kind: Service
metadata:
  id: {id}
  name: \"{id}\" # TODO: the name users know the service by
spec:
  provider: {provider} # the Entity that runs the service
  owner: {{ team: {id}-team, email: {id}@example.no }} # TODO: the owning team and its address
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
            let entity = or_todo(options.entity.as_deref(), "todo-entity")?;
            let service = or_todo(options.service.as_deref(), "todo-service")?;
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
            let ty = options.entity_type.as_deref().unwrap_or("company");
            if !ENTITY_TYPES.contains(&ty) {
                let mut help = format!("the types are {}", crate::suggest::list(ENTITY_TYPES));
                if let Some(s) = crate::suggest::closest(ty, ENTITY_TYPES.iter().copied()) {
                    help = format!("did you mean `{s}`? {help}");
                }
                return Err(ScaffoldError::EntityType(ty.to_owned(), help));
            }
            let extra = match ty {
                "municipality" => {
                    "  orgnr: \"TODO\" # TODO: the 9-digit organisation number (Enhetsregisteret)\n  municipality_number: \"0301\" # TODO: the 4-digit kommunenummer\n  member_of: [] # e.g. [ks]\n"
                }
                "county" => {
                    "  orgnr: \"TODO\" # TODO: the 9-digit organisation number\n  county_number: \"03\" # TODO: the 2-digit fylkesnummer\n  member_of: [] # e.g. [ks]\n"
                }
                "state-agency" => "  orgnr: \"TODO\" # TODO: the 9-digit organisation number\n",
                "company" => {
                    "  orgnr: \"TODO\" # TODO: the 9-digit organisation number\n  contracting_authority: true # a body governed by public law\n  owners:\n    - entity: todo-owner # TODO: each owner, with its share and votes\n      share: 100\n      votes: 100\n  articles:\n    non_commercial: true\n    profit_distribution: prohibited\n    private_owners_allowed: false\n"
                }
                "association" | "foundation" => {
                    "  orgnr: \"TODO\" # TODO: the 9-digit organisation number\n  contracting_authority: true # TODO: is it a body governed by public law?\n"
                }
                _ => {
                    "  orgnr: \"TODO\" # TODO: the 9-digit organisation number\n  contracting_authority: false\n"
                }
            };
            format!(
                "apiVersion: egenregi/v1
kind: Entity
metadata:
  id: {id}
  name: \"{id}\" # TODO: the legal name
spec:
  type: {ty}
{extra}"
            )
        }
        NewKind::Waiver => {
            let rule = options.rule.as_deref().unwrap_or("todo/rule");
            let target = options.target.as_deref().unwrap_or("Kind/id");
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
    // `orgnr: "TODO"` is for a human to fill in; a schema pattern would refuse it, so the
    // field is commented out until then.
    let body = body.replace(
        "  orgnr: \"TODO\" # TODO: ",
        "  # orgnr: \"000000000\" # TODO: ",
    );
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
    let path = root.join(kind.dir()).join(format!("{id}.yaml"));
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
    fn ids_follow_the_schema_pattern() {
        for ok in ["a", "oslo-kommune", "0301", &"a".repeat(63)] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "Oslo", "a_b", "a b", "æ", &"a".repeat(64), "../x"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
