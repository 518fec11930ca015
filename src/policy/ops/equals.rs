//! `equals=VALUE`: the node has this value (numbers compared by value).

use serde_json::Value;

use super::{
    Assertion, Compiled, Context, Form, Operator, Verdict, fail, json, same, show, show_literal,
};
use crate::load::tree::NodeRef;

pub(super) const OPERATOR: Operator = Operator {
    name: "equals",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile: |arg| Some(Compiled::Node(Box::new(Equals(json(arg.entry().value()))))),
};

#[derive(Debug)]
struct Equals(Value);

impl Assertion for Equals {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        if same(value, &self.0) {
            Verdict::Ok
        } else {
            fail(cx, || {
                format!(
                    "{} is {}, expected {}",
                    cx.name(),
                    show(value),
                    show_literal(&self.0)
                )
            })
        }
    }

    fn judges_the_node_alone(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn equal_values_pass_numbers_by_value() {
        let cx = Fake::default();
        assert_eq!(
            judge("assert \"spec.x\" equals=99", Some(json!(99.0)), &cx),
            Verdict::Ok
        );
        assert_eq!(
            judge("assert \"spec.x\" equals=#true", Some(json!(true)), &cx),
            Verdict::Ok
        );
        assert_eq!(
            judge(
                "assert \"spec.x\" equals=\"24/7\"",
                Some(json!("8-16")),
                &cx
            ),
            Verdict::Fail("`spec.x` is `8-16`, expected `24/7`".into())
        );
        assert_eq!(
            judge("assert \"spec.x\" equals=\"a\"", None, &cx),
            Verdict::Fail("`spec.x` is not set".into())
        );
    }

    /// A `when` guard reads only the verdict: a failure has no words, a pass is a pass.
    #[test]
    fn a_guard_fails_without_words() {
        let cx = Fake {
            quiet: true,
            ..Fake::default()
        };
        let line = "assert \"spec.x\" equals=\"24/7\"";
        assert_eq!(
            judge(line, Some(json!("8-16")), &cx),
            Verdict::Fail(String::new())
        );
        assert_eq!(judge(line, None, &cx), Verdict::Fail(String::new()));
        assert_eq!(judge(line, Some(json!("24/7")), &cx), Verdict::Ok);
    }

    #[test]
    fn it_takes_a_value() {
        assert_eq!(
            problems("assert \"spec.x\" equals"),
            [("unknown assertion `equals`".into(), "equals".into())]
        );
    }
}
