//! `matches="REGEX"`: the node is a string the regular expression matches.

use regex::Regex;

use super::{Arg, Assertion, Compiled, Context, Form, Operator, Verdict, fail, show, type_name};
use crate::load::tree::NodeRef;
use crate::policy::budget;

pub(super) const OPERATOR: Operator = Operator {
    name: "matches",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    let s = arg.text("`matches` takes a regular expression as a string")?;
    let at = arg.entry().span();
    // A size cap, per pattern and for all rule files, so hostile patterns cannot take much
    // memory; matching is linear.
    match budget::regex(s, arg.regex_bytes()) {
        Ok(r) => Some(Compiled::Node(Box::new(Matches(r)))),
        Err(None) => {
            arg.problem(
                at,
                format!(
                    "the rule files' regular expressions together take more than {} MiB compiled",
                    budget::MAX_TOTAL_REGEX_BYTES >> 20
                ),
                "over the limit",
                Some(
                    "use fewer or simpler `matches=` patterns; `one-of` lists fixed values".into(),
                ),
            );
            None
        }
        Err(Some(err)) => {
            let detail = err.to_string();
            let last = detail
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid")
                .trim();
            let last = last.strip_prefix("error: ").unwrap_or(last);
            arg.problem(
                at,
                format!("bad regular expression: {last}"),
                "bad regex",
                Some(
                    "the syntax is that of the Rust `regex` crate (no look-around, no backreferences)"
                        .into(),
                ),
            );
            None
        }
    }
}

#[derive(Debug)]
struct Matches(Regex);

impl Assertion for Matches {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        match value.as_str() {
            Some(s) if self.0.is_match(s) => Verdict::Ok,
            Some(_) => fail(cx, || {
                format!(
                    "{} is {}, which does not match `{}`",
                    cx.name(),
                    show(value),
                    self.0.as_str()
                )
            }),
            None => fail(cx, || {
                format!("{} is a {}, expected a string", cx.name(), type_name(value))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn a_matching_string_passes_others_fail() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" matches=\"^ROS-\"";
        assert_eq!(judge(line, Some(json!("ROS-1")), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!("X-1")), &cx),
            Verdict::Fail("`spec.x` is `X-1`, which does not match `^ROS-`".into())
        );
        assert_eq!(
            judge(line, Some(json!(3)), &cx),
            Verdict::Fail("`spec.x` is a number, expected a string".into())
        );
    }

    #[test]
    fn a_bad_pattern_is_refused_at_the_property() {
        let found = problems("assert \"spec.x\" matches=\"(a\"");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0.starts_with("bad regular expression: "),
            "{found:?}"
        );
        assert_eq!(found[0].1, "matches=\"(a\"");
    }
}
