//! `min=N` (or `min=(param)"NAME"`): the node is a number of at least N.

use serde_json::Value;

use super::{Arg, Assertion, Compiled, Context, Form, Num, Operator, Verdict, number, show};
use crate::load::type_name;

pub(super) const OPERATOR: Operator = Operator {
    name: "min",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    Some(Compiled::Node(Box::new(Min(arg.num()?))))
}

#[derive(Debug)]
struct Min(Num);

impl Assertion for Min {
    fn check(&self, value: &Value, cx: &dyn Context) -> Verdict {
        let limit = self.0.value(cx);
        let Some(x) = value.as_f64() else {
            return Verdict::Fail(format!(
                "{} is a {}, expected a number",
                cx.name(),
                type_name(value)
            ));
        };
        if x < limit {
            Verdict::Fail(format!(
                "{} is {}, below the minimum {}",
                cx.name(),
                show(value),
                number(limit)
            ))
        } else {
            Verdict::Ok
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
}
