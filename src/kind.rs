//! The document kinds of `egenregi/v1`, as one enum: loading, the schemas, the model, waiver
//! targets and scaffolding all name these five, and a test keeps the schemas' kind enum and
//! target pattern equal to it, so a kind cannot be added in one place only.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Entity,
    Service,
    Tenant,
    ActivityReport,
    Waiver,
}

impl Kind {
    pub const ALL: [Self; 5] = [
        Self::Entity,
        Self::Service,
        Self::Tenant,
        Self::ActivityReport,
        Self::Waiver,
    ];

    /// The names as written in `kind:`, in the order of [`Kind::ALL`].
    pub const NAMES: [&'static str; 5] = [
        Self::Entity.as_str(),
        Self::Service.as_str(),
        Self::Tenant.as_str(),
        Self::ActivityReport.as_str(),
        Self::Waiver.as_str(),
    ];

    /// As written in `kind:` and in targets (`Service/svarut`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Entity => "Entity",
            Self::Service => "Service",
            Self::Tenant => "Tenant",
            Self::ActivityReport => "ActivityReport",
            Self::Waiver => "Waiver",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schemas are JSON written by hand: their list of kinds must be this one.
    #[test]
    fn the_schemas_name_exactly_these_kinds() {
        let common: serde_json::Value = serde_json::from_str(crate::schema::SCHEMAS[0].2).unwrap();
        let defs = &common["$defs"];
        let found = |v: &serde_json::Value| {
            v.get("enum")
                .is_some_and(|e| e == &serde_json::json!(Kind::NAMES))
        };
        assert!(
            defs.as_object().unwrap().values().any(found),
            "schemas/common.schema.json has no kind enum equal to {:?}",
            Kind::NAMES
        );
        let pattern = format!("^({})/", Kind::NAMES.join("|"));
        assert!(
            defs.as_object().unwrap().values().any(|v| v["pattern"]
                .as_str()
                .is_some_and(|p| p.starts_with(&pattern))),
            "schemas/common.schema.json has no waiver target pattern starting {pattern}"
        );
        // One schema per kind, named by it.
        assert_eq!(crate::schema::kinds(), Kind::NAMES);
        // Each kind's schema admits its own kind alone, and the combined schema every kind.
        for (stem, kind, text) in crate::schema::SCHEMAS {
            let Some(kind) = kind else { continue };
            let schema: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                schema["properties"]["kind"]["const"],
                kind.as_str(),
                "schemas/{stem}.schema.json"
            );
        }
        assert_eq!(
            crate::schema::combined()["properties"]["kind"]["enum"],
            serde_json::json!(Kind::NAMES)
        );
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }
}
