//! Jurisdiction packs: citation strings and thresholds as data (`policies/jurisdictions/*.kdl`,
//! embedded), so a lawyer can correct a citation without touching Rust.

use std::collections::HashMap;

use kdl::{KdlDocument, KdlNode, KdlValue};

pub use crate::rule::VERIFICATION;

/// The packs shipped in the binary: (name, text).
pub const PACKS: &[(&str, &str)] = &[("no", include_str!("../../policies/jurisdictions/no.kdl"))];

/// A parsed jurisdiction pack.
#[derive(Debug, Clone, Default)]
pub struct Pack {
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
}

impl Pack {
    pub fn threshold(&self, name: &str) -> Option<i64> {
        self.thresholds.get(name).copied()
    }

    pub fn fraction(&self, name: &str) -> Option<(i64, i64)> {
        self.fractions.get(name).copied()
    }
}

/// Loads a shipped pack by name. The packs are tested, so an error here is a build defect.
pub fn load(name: &str) -> Result<Pack, String> {
    let (_, text) = PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("no jurisdiction pack `{name}`"))?;
    parse(text)
}

fn parse(text: &str) -> Result<Pack, String> {
    let doc = KdlDocument::parse_v2(text).map_err(|e| format!("jurisdiction pack: {e}"))?;
    let root = doc.nodes().first().ok_or("jurisdiction pack is empty")?;
    let mut pack = Pack {
        name: string_arg(root, 0).unwrap_or_default(),
        ..Pack::default()
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
                pack.thresholds.insert(name, value);
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

fn string_arg(node: &KdlNode, i: usize) -> Option<String> {
    node.entries()
        .iter()
        .filter(|e| e.name().is_none())
        .nth(i)
        .and_then(|e| e.value().as_string())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_norwegian_pack_loads_and_cites_every_legal_rule() {
        let pack = load("no").unwrap();
        assert_eq!(pack.threshold("activity-share"), Some(80));
        assert_eq!(pack.threshold("activity-margin"), Some(5));
        assert_eq!(pack.threshold("below-threshold-value"), Some(100_000));
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
