//! A rule node and its metadata: id, severity, summary, explain, help and `see`, `cite`,
//! `condition`, parameters and the example.

use kdl::{KdlEntry, KdlNode, KdlValue};
use miette::SourceSpan;

use super::{CompiledRule, Compiler, RESERVED};
use crate::config::{did_you_mean, number, suggestion};
use crate::finding::{LegalCondition, Rule, Severity};
use crate::rule::{Citation, VERIFICATION};
use crate::suggest;

impl Compiler<'_> {
    pub(super) fn rule(&mut self, node: &KdlNode) -> Option<CompiledRule> {
        self.params.clear();
        self.bindings.clear();
        self.uses_cel = false;
        let before = self.problems.len();
        let e = self.entries(node, &["severity"]);
        let (id, id_entry) = self.string_arg(node, &e.args, "the rule id")?;
        self.no_extra_args(node, &e.args, 1);
        if !valid_id(id) {
            self.problem(
                id_entry.span(),
                format!("`{id}` is not a rule id"),
                "bad id",
                Some("ids are `family/name` in lowercase letters, digits and `-`, e.g. `service/backup`".into()),
            );
        }
        let severity = self.severity(node, id, e.prop("severity"));
        let children: Vec<&KdlNode> = node.iter_children().collect();
        let text = |name: &str, this: &mut Self| -> Option<String> {
            let mut found: Option<String> = None;
            for c in children.iter().filter(|c| c.name().value() == name) {
                let ce = this.entries(c, &[]);
                if found.is_some() {
                    this.problem(
                        c.name().span(),
                        format!("`{name}` is given twice"),
                        "again here",
                        None,
                    );
                    continue;
                }
                if let Some((s, _)) = this.string_arg(c, &ce.args, "a text") {
                    found = Some(s.to_owned());
                }
                this.no_extra_args(c, &ce.args, 1);
            }
            found
        };
        let summary = text("summary", self);
        let explain = text("explain", self);
        let help = text("help", self);
        let fails = text("example-fails", self);
        let passes = text("example-passes", self);
        let mut see = Vec::new();
        for c in children.iter().filter(|c| c.name().value() == "see") {
            let ce = self.entries(c, &[]);
            if ce.args.is_empty() {
                self.problem(
                    c.span(),
                    "`see` needs a URL or reference",
                    "incomplete",
                    None,
                );
            }
            for a in &ce.args {
                match a.value() {
                    KdlValue::String(s) => see.push(s.clone()),
                    _ => self.problem(a.span(), "`see` takes strings", "not a string", None),
                }
            }
        }
        let cites = self.cites(&children);
        let condition = text("condition", self).and_then(|c| self.condition(&children, &c));
        if summary.is_none() {
            self.problem(
                node.name().span(),
                format!("rule `{id}` has no summary"),
                "summary missing",
                Some("add `summary \"...\"`: one line for `egenregi rules`".into()),
            );
        }
        if fails.is_some() != passes.is_some() {
            self.problem(
                node.name().span(),
                "an example needs both `example-fails` and `example-passes`",
                "half an example",
                None,
            );
        }
        for c in children.iter().filter(|c| c.name().value() == "param") {
            self.param(c);
        }
        let selections = self.selections(node, &children);
        if self.problems.len() > before {
            return None;
        }
        let (summary, severity) = (summary?, severity?);
        let help = match (help, see.is_empty()) {
            (Some(h), true) => Some(h),
            (Some(h), false) => Some(format!("{h}\nsee {}", see.join(", "))),
            (None, false) => Some(format!("see {}", see.join(", "))),
            (None, true) => None,
        };
        let explain = explain.unwrap_or_else(|| match &help {
            Some(h) => format!("{summary}.\n\n{h}"),
            None => format!("{summary}."),
        });
        let example = fails.zip(passes).map(|(f, p)| crate::finding::Example {
            fails: intern(f),
            passes: intern(p),
        });
        let condition = condition.unwrap_or(LegalCondition::Infrastructure);
        let mut meta = Rule::builtin("x/x", severity, condition, "", "", example);
        meta.cites = cites;
        meta.id = id.to_owned().into();
        meta.summary = summary.into();
        meta.explain = explain.into();
        meta.params = self
            .params
            .iter()
            .map(|(n, _)| std::borrow::Cow::Owned(n.clone()))
            .collect::<Vec<_>>()
            .into();
        Some(CompiledRule {
            meta,
            file: self.file,
            id_span: id_entry.span(),
            selections,
            params: std::mem::take(&mut self.params),
            help,
            uses_cel: self.uses_cel,
        })
    }

    /// `cite "TEXT" verified="section"` children: the rule's legal basis, shown in every format
    /// as a built-in rule's citations from the jurisdiction pack are, each saying how far it is
    /// verified.
    fn cites(&mut self, children: &[&KdlNode]) -> Vec<Citation> {
        let mut out = Vec::new();
        for c in children.iter().filter(|c| c.name().value() == "cite") {
            let e = self.entries(c, &["verified"]);
            let Some((text, _)) = self.string_arg(c, &e.args, "the citation") else {
                continue;
            };
            self.no_extra_args(c, &e.args, 1);
            let levels = || format!("`verified=` is one of {}", suggest::list_or(VERIFICATION));
            match e.prop("verified").map(KdlEntry::value) {
                Some(KdlValue::String(v)) if VERIFICATION.contains(&v.as_str()) => {
                    out.push(Citation {
                        text: text.to_owned(),
                        verified: v.clone(),
                    });
                }
                Some(_) => {
                    let at = e.prop("verified").map_or(c.span(), KdlEntry::span);
                    self.problem(at, "unknown verification level", "here", Some(levels()));
                }
                None => self.problem(
                    c.span(),
                    format!("citation `{text}` does not say how far it is verified"),
                    "verified= missing",
                    Some(levels()),
                ),
            }
        }
        out
    }

    /// `condition "NAME"`: the legal condition the rule bears on (default `infrastructure`).
    fn condition(&mut self, children: &[&KdlNode], name: &str) -> Option<LegalCondition> {
        let parsed = LegalCondition::parse(name);
        if parsed.is_none() {
            let at = children
                .iter()
                .find(|c| c.name().value() == "condition")
                .map_or(SourceSpan::from((0, 0)), |c| c.span());
            let known: Vec<&str> = LegalCondition::ALL.iter().map(|c| c.as_str()).collect();
            self.problem(
                at,
                format!("unknown condition `{name}`"),
                "not a condition",
                Some(did_you_mean(name, &known, "conditions")),
            );
        }
        parsed
    }

    fn severity(&mut self, node: &KdlNode, id: &str, entry: Option<&KdlEntry>) -> Option<Severity> {
        let Some(entry) = entry else {
            self.problem(
                node.name().span(),
                format!("rule `{id}` has no severity"),
                "severity missing",
                Some("add `severity=\"error\"`, `\"warning\"` or `\"note\"` after the id".into()),
            );
            return None;
        };
        let KdlValue::String(s) = entry.value() else {
            self.problem(
                entry.span(),
                "severity is a string",
                "not a string",
                Some("use `error`, `warning` or `note`".into()),
            );
            return None;
        };
        if let Some(severity) = Severity::parse(s) {
            return Some(severity);
        }
        let help = suggestion(
            suggest::closest(s, ["error", "warning", "note"]),
            "use `error`, `warning` or `note`",
        );
        self.problem(
            entry.span(),
            format!("unknown severity `{s}`"),
            "not a severity",
            Some(help),
        );
        None
    }

    fn param(&mut self, node: &KdlNode) {
        let e = self.entries(node, &[]);
        self.no_extra_args(node, &e.args, 2);
        let Some((name, name_entry)) = self.string_arg(node, &e.args, "a parameter name") else {
            return;
        };
        let ok_name = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !RESERVED.contains(&name);
        if !ok_name {
            self.problem(
                name_entry.span(),
                format!("`{name}` cannot name a parameter"),
                "bad name",
                Some("use lowercase letters, digits and `-`, e.g. `max-age-days`; `severity` is taken".into()),
            );
            return;
        }
        if self.params.iter().any(|(n, _)| n == name) {
            self.problem(
                name_entry.span(),
                format!("parameter `{name}` is declared twice"),
                "again here",
                None,
            );
            return;
        }
        match e.args.get(1).map(|v| (v, number(v.value()))) {
            Some((_, Some(x))) if x >= 0.0 => self.params.push((name.to_owned(), x)),
            Some((v, _)) => self.problem(
                v.span(),
                "a parameter's default is a non-negative number",
                "not a number",
                None,
            ),
            None => self.problem(
                node.span(),
                format!("parameter `{name}` needs a default"),
                "incomplete",
                Some(format!("e.g. `param \"{name}\" 365`")),
            ),
        }
    }
}

/// `family/name`, lowercase, as the registry requires of every rule.
fn valid_id(id: &str) -> bool {
    id.split_once('/').is_some_and(|(family, name)| {
        !family.is_empty()
            && family.bytes().all(|b| b.is_ascii_lowercase())
            && !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// Examples are `&'static [u8]` in the registry. Rule files are compiled once per check, so
/// each distinct text is leaked once per process and reused after that: bounded by the number
/// of distinct examples, not by the number of runs.
fn intern(text: String) -> &'static [u8] {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<&'static [u8]>>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| Mutex::new(HashSet::new()));
    let Ok(mut set) = seen.lock() else {
        return Box::leak(text.into_bytes().into_boxed_slice());
    };
    if let Some(found) = set.get(text.as_bytes()) {
        return found;
    }
    let leaked: &'static [u8] = Box::leak(text.into_bytes().into_boxed_slice());
    set.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(valid_id("service/ros-fresh"));
        assert!(!valid_id("Service/x") && !valid_id("service") && !valid_id("a/b c"));
    }

    #[test]
    fn interning_reuses_the_leak() {
        let a = intern("x: 1\n".to_owned());
        let b = intern("x: 1\n".to_owned());
        assert!(std::ptr::eq(a, b));
    }
}
