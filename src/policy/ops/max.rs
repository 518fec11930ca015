//! `max=N` (or `max=(param)"NAME"`): the node is a number of at most N.

use serde_json::Value;

use super::{Arg, Assertion, Compiled, Context, Form, Num, Operator, Verdict, number, show};
use crate::load::type_name;

pub(super) const OPERATOR: Operator = Operator {
    name: "max",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    Some(Compiled::Node(Box::new(Max(arg.num()?))))
}

#[derive(Debug)]
struct Max(Num);

impl Assertion for Max {
    fn check(&self, value: &Value, cx: &dyn Context) -> Verdict {
        let limit = self.0.value(cx);
        let Some(x) = value.as_f64() else {
            return Verdict::Fail(format!(
                "{} is a {}, expected a number",
                cx.name(),
                type_name(value)
            ));
        };
        if x > limit {
            Verdict::Fail(format!(
                "{} is {}, above the maximum {}",
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
    fn it_takes_a_number_or_a_declared_parameter() {
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
