//! `one-of="a|b"` and `none-of="a|b"`: the node's value is one, or none, of the alternatives.

use super::{
    Arg, Assertion, Compiled, Context, Form, Operator, Verdict, alternatives, fail, scalar, show,
};
use crate::load::tree::NodeRef;

pub(super) const ONE_OF: Operator = Operator {
    name: "one-of",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile: |arg| compile(arg, true),
};

pub(super) const NONE_OF: Operator = Operator {
    name: "none-of",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile: |arg| compile(arg, false),
};

fn compile(arg: &mut dyn Arg<'_>, listed: bool) -> Option<Compiled> {
    let items = alternatives(arg)?;
    Some(Compiled::Node(Box::new(Listed { items, listed })))
}

/// The alternatives, and whether the value must be one of them (`one-of`) or none (`none-of`).
#[derive(Debug)]
struct Listed {
    items: Vec<String>,
    listed: bool,
}

impl Assertion for Listed {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        let found = scalar(value).is_some_and(|t| self.items.iter().any(|i| *i == t));
        match (found, self.listed) {
            (true, true) | (false, false) => Verdict::Ok,
            (false, true) => fail(cx, || {
                format!(
                    "{} is {}, expected {}",
                    cx.name(),
                    show(value),
                    crate::suggest::list_or(&self.items)
                )
            }),
            (true, false) => fail(cx, || format!("{} is {}", cx.name(), show(value))),
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
