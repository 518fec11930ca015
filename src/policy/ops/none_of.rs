//! `none-of="a|b"`: the node's value is none of the alternatives.

use serde_json::Value;

use super::{
    Arg, Assertion, Compiled, Context, Form, Operator, Verdict, alternatives, scalar, show,
};

pub(super) const OPERATOR: Operator = Operator {
    name: "none-of",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    let items = alternatives(arg)?;
    Some(Compiled::Node(Box::new(NoneOf(items))))
}

#[derive(Debug)]
struct NoneOf(Vec<String>);

impl Assertion for NoneOf {
    fn check(&self, value: &Value, cx: &dyn Context) -> Verdict {
        if scalar(value).is_some_and(|t| self.0.contains(&t)) {
            Verdict::Fail(format!("{} is {}", cx.name(), show(value)))
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
    fn an_unlisted_value_passes_a_listed_one_fails() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" none-of=\"retired|deprecated\"";
        assert_eq!(judge(line, Some(json!("active")), &cx), Verdict::Ok);
        assert_eq!(judge(line, Some(json!({"a": 1})), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!("retired")), &cx),
            Verdict::Fail("`spec.x` is `retired`".into())
        );
    }

    #[test]
    fn an_empty_alternative_is_refused() {
        assert_eq!(
            problems("assert \"spec.x\" none-of=\"a|\""),
            [("an empty alternative".into(), "none-of=\"a|\"".into())]
        );
    }
}
