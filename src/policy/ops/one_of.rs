//! `one-of="a|b"`: the node's value is one of the alternatives.

use serde_json::Value;

use super::{
    Arg, Assertion, Compiled, Context, Form, Operator, Verdict, alternatives, scalar, show,
};

pub(super) const OPERATOR: Operator = Operator {
    name: "one-of",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    let items = alternatives(arg)?;
    Some(Compiled::Node(Box::new(OneOf(items))))
}

#[derive(Debug)]
struct OneOf(Vec<String>);

impl Assertion for OneOf {
    fn check(&self, value: &Value, cx: &dyn Context) -> Verdict {
        if scalar(value).is_some_and(|t| self.0.contains(&t)) {
            Verdict::Ok
        } else {
            Verdict::Fail(format!(
                "{} is {}, expected {}",
                cx.name(),
                show(value),
                crate::suggest::list_or(&self.0)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn a_listed_value_passes_another_fails() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" one-of=\"critical|high|1\"";
        assert_eq!(judge(line, Some(json!("high")), &cx), Verdict::Ok);
        assert_eq!(judge(line, Some(json!(1)), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!(["high"])), &cx),
            Verdict::Fail("`spec.x` is [`high`], expected `critical`, `high` or `1`".into())
        );
    }

    #[test]
    fn alternatives_are_a_string_without_empty_ones() {
        assert_eq!(
            problems("assert \"spec.x\" one-of=3"),
            [(
                "`one-of` takes alternatives as a string, e.g. \"a|b\"".into(),
                "one-of=3".into()
            )]
        );
        assert_eq!(
            problems("assert \"spec.x\" one-of=\"a||b\""),
            [("an empty alternative".into(), "one-of=\"a||b\"".into())]
        );
    }
}
