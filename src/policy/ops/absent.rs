//! `absent`: the node is not set (missing or `null`).

use super::{Assertion, Compiled, Context, Form, Operator, Verdict, fail, show};
use crate::load::tree::NodeRef;

pub(super) const OPERATOR: Operator = Operator {
    name: "absent",
    form: Form::Flag,
    follows_references: false,
    whole_set: false,
    compile: |_| Some(Compiled::Node(Box::new(Absent))),
};

#[derive(Debug)]
struct Absent;

impl Assertion for Absent {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        fail(cx, || {
            format!("{} is set to {}; it must not be", cx.name(), show(value))
        })
    }

    fn missing(&self, _: &dyn Context) -> Verdict {
        Verdict::Ok
    }

    fn judges_the_node_alone(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn a_missing_node_passes_and_a_set_one_fails() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" absent";
        assert_eq!(judge(line, None, &cx), Verdict::Ok);
        assert_eq!(judge(line, Some(serde_json::Value::Null), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(serde_json::json!("a")), &cx),
            Verdict::Fail("`spec.x` is set to `a`; it must not be".into())
        );
    }

    #[test]
    fn it_is_one_assertion() {
        assert_eq!(
            problems("assert \"spec.x\" absent exists"),
            [(
                "one assertion per node; `exists` is a second one".into(),
                "exists".into()
            )]
        );
    }
}
