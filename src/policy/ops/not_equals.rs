//! `not-equals=VALUE`: the node does not have this value (numbers compared by value).

use serde_json::Value;

use super::{Assertion, Compiled, Context, Form, Operator, Verdict, fail, json, same, show};
use crate::load::tree::NodeRef;

pub(super) const OPERATOR: Operator = Operator {
    name: "not-equals",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile: |arg| {
        Some(Compiled::Node(Box::new(NotEquals(json(
            arg.entry().value(),
        )))))
    },
};

#[derive(Debug)]
struct NotEquals(Value);

impl Assertion for NotEquals {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        if same(value, &self.0) {
            fail(cx, || format!("{} is {}", cx.name(), show(value)))
        } else {
            Verdict::Ok
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
    fn another_value_passes_the_same_fails() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" not-equals=1";
        assert_eq!(judge(line, Some(json!(2)), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!(1.0)), &cx),
            Verdict::Fail("`spec.x` is 1.0".into())
        );
    }

    #[test]
    fn a_misspelling_is_suggested() {
        let found = problems("assert \"spec.x\" not-equal=1");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0],
            (
                "unknown property `not-equal` on `assert`".into(),
                "not-equal".into()
            )
        );
    }
}
