//! `min=N` and `max=N` (or `=(param)"NAME"`): the node is a number of at least, or at most, N.
//! One comparison written two ways, as `date_order.rs` is four.

use super::{
    Arg, Assertion, Compiled, Context, Form, Num, Operator, Verdict, fail, number, show, type_name,
};
use crate::load::tree::NodeRef;

pub(super) const MIN: Operator = Operator {
    name: "min",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile: |arg| compile(arg, Side::Min),
};

pub(super) const MAX: Operator = Operator {
    name: "max",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile: |arg| compile(arg, Side::Max),
};

#[derive(Debug, Clone, Copy)]
enum Side {
    Min,
    Max,
}

fn compile(arg: &mut dyn Arg<'_>, side: Side) -> Option<Compiled> {
    Some(Compiled::Node(Box::new(Bound(arg.num()?, side))))
}

#[derive(Debug)]
struct Bound(Num, Side);

impl Assertion for Bound {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        let limit = self.0.value(cx);
        let Some(x) = value.as_f64() else {
            return fail(cx, || {
                format!("{} is a {}, expected a number", cx.name(), type_name(value))
            });
        };
        let beyond = match self.1 {
            Side::Min => (x < limit).then_some("below the minimum"),
            Side::Max => (x > limit).then_some("above the maximum"),
        };
        match beyond {
            Some(side) => fail(cx, || {
                format!("{} is {}, {side} {}", cx.name(), show(value), number(limit))
            }),
            None => Verdict::Ok,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn at_least_the_minimum_passes() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" min=99.5";
        assert_eq!(judge(line, Some(json!(99.5)), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!(99)), &cx),
            Verdict::Fail("`spec.x` is 99, below the minimum 99.5".into())
        );
        assert_eq!(
            judge(line, Some(json!("high")), &cx),
            Verdict::Fail("`spec.x` is a string, expected a number".into())
        );
    }

    #[test]
    fn a_parameter_sets_the_limit() {
        let cx = Fake {
            params: vec![5.0],
            ..Fake::default()
        };
        let line = "assert \"spec.x\" min=(param)\"limit\"";
        assert_eq!(judge(line, Some(json!(5)), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!(4)), &cx),
            Verdict::Fail("`spec.x` is 4, below the minimum 5".into())
        );
    }

    #[test]
    fn it_takes_a_number() {
        assert_eq!(
            problems("assert \"spec.x\" min=\"a\""),
            [("expected a number".into(), "min=\"a\"".into())]
        );
        assert_eq!(
            problems("assert \"spec.x\" min=(param)\"limt\""),
            [(
                "unknown parameter `limt`".into(),
                "min=(param)\"limt\"".into()
            )]
        );
    }

    #[test]
    fn at_most_the_maximum_passes() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" max=10";
        assert_eq!(judge(line, Some(json!(10)), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!(10.5)), &cx),
            Verdict::Fail("`spec.x` is 10.5, above the maximum 10".into())
        );
    }

    #[test]
    fn max_takes_a_number_or_a_declared_parameter() {
        assert_eq!(
            problems("assert \"spec.x\" max=#true"),
            [("expected a number".into(), "max=#true".into())]
        );
        assert_eq!(
            problems("assert \"spec.x\" max=(param)3"),
            [(
                "`(param)` takes a parameter name as a string".into(),
                "max=(param)3".into()
            )]
        );
    }
}
