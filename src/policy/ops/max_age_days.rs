//! `max-age-days=N` (or a parameter): the node is a date at most N days before the as-of date.

use super::{Arg, Assertion, Compiled, Context, Form, Num, Operator, Verdict, fail, number, show};
use crate::date::Date;
use crate::load::tree::NodeRef;

pub(super) const OPERATOR: Operator = Operator {
    name: "max-age-days",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    Some(Compiled::Node(Box::new(MaxAgeDays(arg.num()?))))
}

#[derive(Debug)]
struct MaxAgeDays(Num);

impl Assertion for MaxAgeDays {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        let limit = self.0.value(cx);
        let Some(d) = value.as_str().and_then(Date::parse) else {
            return fail(cx, || {
                format!("{} is {}, not a date", cx.name(), show(value))
            });
        };
        let as_of = cx.as_of();
        let age = as_of.days() - d.days();
        #[allow(clippy::cast_precision_loss, reason = "day counts are small")]
        if age as f64 > limit {
            fail(cx, || {
                format!(
                    "{} is {d}, {age} days before {as_of}; at most {} days are allowed",
                    cx.name(),
                    number(limit)
                )
            })
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
    fn a_recent_date_passes_an_old_one_fails() {
        let cx = Fake {
            params: vec![365.0],
            ..Fake::default()
        };
        let line = "assert \"spec.x\" max-age-days=(param)\"limit\"";
        assert_eq!(judge(line, Some(json!("2025-11-22")), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!("2025-11-21")), &cx),
            Verdict::Fail(
                "`spec.x` is 2025-11-21, 366 days before 2026-11-22; at most 365 days are allowed"
                    .into()
            )
        );
        assert_eq!(
            judge(line, Some(json!("soon")), &cx),
            Verdict::Fail("`spec.x` is `soon`, not a date".into())
        );
    }

    #[test]
    fn it_takes_a_number() {
        assert_eq!(
            problems("assert \"spec.x\" max-age-days=\"a year\""),
            [("expected a number".into(), "max-age-days=\"a year\"".into())]
        );
    }
}
