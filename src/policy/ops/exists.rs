//! `exists`: the node is set (present and not `null`).

use super::{Assertion, Compiled, Context, Form, Operator, Verdict};
use crate::load::tree::NodeRef;

pub(super) const OPERATOR: Operator = Operator {
    name: "exists",
    form: Form::Flag,
    follows_references: false,
    whole_set: false,
    compile: |_| Some(Compiled::Node(Box::new(Exists))),
};

#[derive(Debug)]
struct Exists;

impl Assertion for Exists {
    fn check(&self, _: NodeRef<'_>, _: &dyn Context) -> Verdict {
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
    fn a_set_node_passes_and_a_missing_or_null_one_fails() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" exists";
        assert_eq!(judge(line, Some(serde_json::json!(0)), &cx), Verdict::Ok);
        let unset = Verdict::Fail("`spec.x` is not set".into());
        assert_eq!(judge(line, None, &cx), unset);
        assert_eq!(judge(line, Some(serde_json::Value::Null), &cx), unset);
    }

    #[test]
    fn it_takes_no_value() {
        assert_eq!(
            problems("assert \"spec.x\" exists kind=\"Service\""),
            [("`kind=` belongs to `ref`".into(), "kind=\"Service\"".into())]
        );
    }
}
