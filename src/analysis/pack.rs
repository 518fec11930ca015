//! Jurisdiction packs: citation strings and thresholds as data (`policies/jurisdictions/*.kdl`,
//! embedded), so a lawyer can correct a citation without touching Rust.

use std::collections::HashMap;

use kdl::{KdlDocument, KdlValue};

use crate::date::Date;
use crate::kdl::string_argument as string_arg;

pub use crate::rule::VERIFICATION;

/// The packs shipped in the binary: (name, text).
pub const PACKS: &[(&str, crate::shipped::Built)] = &[("no", crate::shipped::no)];

/// A parsed jurisdiction pack.
#[derive(Debug, Clone, Default)]
pub struct Jurisdiction {
    pub name: String,
    /// Citations per rule id, in the order a reviewer should read them.
    pub citations: HashMap<String, Vec<String>>,
    /// Thresholds by name (`activity-share` 80, `activity-margin` 5, `below-threshold-value`).
    pub thresholds: HashMap<String, i64>,
    /// How far each citation is verified (`section`: the section or article number; `case`: a
    /// judgment's number and name), by citation text, so a report can say so.
    pub verification: HashMap<String, String>,
    /// Exact fractions by name (`blocking-minority` 1/3): (numerator, denominator).
    pub fractions: HashMap<String, (i64, i64)>,
    /// Thresholds that change, by name: each version in force from its date, sorted by date
    /// (`below-threshold-value`, `national-threshold`, the EEA thresholds).
    pub dated: HashMap<String, Vec<Version>>,
    /// Versions the pack lists as proposed: shown to the reader, never applied.
    pub proposed: Vec<(String, Version)>,
}

/// One version of a dated threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// In force from this day (`None` only for a proposed version without a date).
    pub from: Option<Date>,
    pub value: i64,
    /// Where the figure and its date were read.
    pub source: String,
}

impl Jurisdiction {
    pub fn threshold(&self, name: &str) -> Option<i64> {
        self.thresholds.get(name).copied()
    }

    pub fn fraction(&self, name: &str) -> Option<(i64, i64)> {
        self.fractions.get(name).copied()
    }

    /// The version of a dated threshold in force on `date`: the latest whose `from` is on or
    /// before it. `None` before the first version on record.
    pub fn threshold_on(&self, name: &str, date: Date) -> Option<&Version> {
        self.dated
            .get(name)?
            .iter()
            .rev()
            .find(|v| v.from.is_some_and(|f| f <= date))
    }
}

/// Loads a shipped pack by name. The packs are tested, so an error here is a build defect.
pub fn load(name: &str) -> Result<Jurisdiction, String> {
    let (_, document) = PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("no jurisdiction pack `{name}`"))?;
    read(&document())
}

#[cfg(test)]
fn parse(text: &str) -> Result<Jurisdiction, String> {
    let doc = KdlDocument::parse_v2(text).map_err(|e| format!("jurisdiction pack: {e}"))?;
    read(&doc)
}

/// Reads a parsed pack.
fn read(doc: &KdlDocument) -> Result<Jurisdiction, String> {
    let root = doc.nodes().first().ok_or("jurisdiction pack is empty")?;
    let mut pack = Jurisdiction {
        name: string_arg(root, 0).unwrap_or_default(),
        ..Jurisdiction::default()
    };
    for node in root.iter_children() {
        match node.name().value() {
            "name" => {}
            "threshold" => {
                let name = string_arg(node, 0).ok_or("threshold needs a name")?;
                let value = node
                    .entries()
                    .get(1)
                    .and_then(|e| match e.value() {
                        KdlValue::Integer(i) => i64::try_from(*i).ok(),
                        _ => None,
                    })
                    .ok_or_else(|| format!("threshold `{name}` needs an integer"))?;
                let text = |key: &str| node.get(key).and_then(KdlValue::as_string);
                let proposed = match text("status") {
                    None | Some("in-force") => false,
                    Some("proposed") => true,
                    Some(other) => {
                        return Err(format!(
                            "threshold `{name}`: status `{other}` is not `in-force` or `proposed`"
                        ));
                    }
                };
                if text("from").is_none() && !proposed {
                    pack.thresholds.insert(name, value);
                    continue;
                }
                let from =
                    match text("from") {
                        Some(f) => Some(Date::parse(f).ok_or_else(|| {
                            format!("threshold `{name}`: `from={f}` is not a date")
                        })?),
                        None => None,
                    };
                let source = text("source")
                    .ok_or_else(|| format!("dated threshold `{name}` needs `source=`"))?
                    .to_owned();
                let version = Version {
                    from,
                    value,
                    source,
                };
                if proposed {
                    pack.proposed.push((name, version));
                } else {
                    let versions = pack.dated.entry(name.clone()).or_default();
                    if versions.iter().any(|v| v.from == from) {
                        return Err(format!("threshold `{name}` has two versions from one date"));
                    }
                    versions.push(version);
                    versions.sort_by_key(|v| v.from);
                }
            }
            "fraction" => {
                let name = string_arg(node, 0).ok_or("fraction needs a name")?;
                let int = |i: usize| {
                    node.entries()
                        .get(i)
                        .and_then(|e| match e.value() {
                            KdlValue::Integer(i) => i64::try_from(*i).ok(),
                            _ => None,
                        })
                        .filter(|v| *v > 0)
                };
                let (Some(num), Some(den)) = (int(1), int(2)) else {
                    return Err(format!("fraction `{name}` needs two positive integers"));
                };
                pack.fractions.insert(name, (num, den));
            }
            "cite" => {
                let rule = string_arg(node, 0).ok_or("cite needs a rule id")?;
                let mut items = Vec::new();
                for c in node.iter_children() {
                    let text = string_arg(c, 0)
                        .ok_or_else(|| format!("a citation of `{rule}` is not a string"))?;
                    let level = c
                        .get("verified")
                        .and_then(KdlValue::as_string)
                        .filter(|l| VERIFICATION.contains(l))
                        .ok_or_else(|| {
                            format!("citation `{text}` needs `verified=` one of {VERIFICATION:?}")
                        })?;
                    pack.verification.insert(text.clone(), level.to_owned());
                    items.push(text);
                }
                pack.citations.insert(rule, items);
            }
            other => return Err(format!("jurisdiction pack: unknown node `{other}`")),
        }
    }
    Ok(pack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dated_threshold_needs_a_source_and_takes_effect_on_its_date() {
        let text = |body: &str| format!("jurisdiction \"t\" {{\n{body}\n}}");
        assert!(
            parse(&text(r#"threshold "x" 5 from="2020-01-01""#))
                .unwrap_err()
                .contains("source")
        );
        assert!(parse(&text(r#"threshold "x" 5 from="2020-02-30" source="s""#)).is_err());
        assert!(
            parse(&text(r#"threshold "x" 5 status="maybe" source="s""#))
                .unwrap_err()
                .contains("status")
        );
        let pack = parse(&text(
            r#"threshold "x" 5 from="2020-01-01" source="a"
threshold "x" 7 from="2022-06-01" source="b"
threshold "x" 9 status="proposed" source="c""#,
        ))
        .unwrap();
        let on = |d: &str| {
            pack.threshold_on("x", Date::parse(d).unwrap())
                .map(|v| v.value)
        };
        assert_eq!(on("2019-12-31"), None);
        assert_eq!(on("2020-01-01"), Some(5));
        assert_eq!(on("2022-05-31"), Some(5));
        assert_eq!(on("2022-06-01"), Some(7));
        assert_eq!(on("2030-01-01"), Some(7));
        assert_eq!(pack.proposed.len(), 1);
        assert_eq!(pack.threshold("x"), None);
    }

    #[test]
    fn the_norwegian_pack_loads_and_cites_every_legal_rule() {
        let pack = load("no").unwrap();
        assert_eq!(pack.threshold("activity-share"), Some(80));
        assert_eq!(pack.threshold("activity-margin"), Some(5));
        let on = |name: &str, date: &str| {
            pack.threshold_on(name, Date::parse(date).unwrap())
                .map(|v| v.value)
        };
        assert_eq!(on("below-threshold-value", "2024-01-01"), Some(100_000));
        // No version before the first on record; a proposed version is never applied.
        assert_eq!(on("below-threshold-value", "2016-12-31"), None);
        assert!(
            pack.proposed
                .iter()
                .any(|(n, _)| n == "below-threshold-value")
        );
        // The EEA threshold for municipalities' services changed on 2024-03-14 (2.2 → 2.3 million).
        assert_eq!(on("eea-services-other", "2024-03-13"), Some(2_200_000));
        assert_eq!(on("eea-services-other", "2024-03-14"), Some(2_300_000));
        assert_eq!(on("national-threshold", "2024-03-14"), Some(1_300_000));
        for rule in crate::rules::builtin() {
            if rule.id.starts_with("inhouse/") || rule.id.starts_with("procurement/") {
                let c = pack.citations.get(rule.id.as_ref());
                assert!(
                    c.is_some_and(|c| !c.is_empty()),
                    "{} has no citation",
                    rule.id
                );
            }
        }
        // Every citation says how far it is verified; none claims more than the section yet.
        for c in pack.citations.values().flatten() {
            let level = pack.verification.get(c).map(String::as_str);
            assert!(matches!(level, Some("section" | "case")), "{c}: {level:?}");
        }
        // The audit's corrections: no "§ 3-2 annet ledd", and Lerici not on activity trends.
        assert!(
            !pack
                .citations
                .values()
                .flatten()
                .any(|c| c.contains("§ 3-2 annet ledd"))
        );
        assert!(
            !pack.citations["inhouse/activity-trend"]
                .iter()
                .any(|c| c.contains("Lerici"))
        );
        for id in pack.citations.keys() {
            assert!(
                crate::rules::builtin().iter().any(|r| r.id == *id),
                "pack cites unknown rule {id}"
            );
        }
    }
}
