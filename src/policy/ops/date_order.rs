//! `before=`, `after=`, `not-before=` and `not-after=` another date: the path of a date in the
//! subject or a bound document, or `@as-of`. One operator in four spellings, hence four lines in
//! the table.

use super::{Arg, Assertion, Compiled, Context, DateRead, Form, Operator, Verdict, fail, show};
use crate::date::Date;
use crate::load::tree::NodeRef;
use crate::policy::path::{Path, Root};

pub(super) const BEFORE: Operator = operator("before", |arg| compile(arg, Order::Before));
pub(super) const AFTER: Operator = operator("after", |arg| compile(arg, Order::After));
pub(super) const NOT_BEFORE: Operator =
    operator("not-before", |arg| compile(arg, Order::NotBefore));
pub(super) const NOT_AFTER: Operator = operator("not-after", |arg| compile(arg, Order::NotAfter));

const fn operator(
    name: &'static str,
    compile: fn(&mut dyn Arg<'_>) -> Option<Compiled>,
) -> Operator {
    Operator {
        name,
        form: Form::Value,
        follows_references: false,
        whole_set: false,
        compile,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Before,
    After,
    NotBefore,
    NotAfter,
}

impl Order {
    fn holds(self, mine: Date, theirs: Date) -> bool {
        match self {
            Self::Before => mine < theirs,
            Self::After => mine > theirs,
            Self::NotBefore => mine >= theirs,
            Self::NotAfter => mine <= theirs,
        }
    }

    /// How a date that fails stands to the other.
    fn failed(self) -> &'static str {
        match self {
            Self::Before => "not before",
            Self::After => "not after",
            Self::NotBefore => "before",
            Self::NotAfter => "after",
        }
    }
}

fn compile(arg: &mut dyn Arg<'_>, order: Order) -> Option<Compiled> {
    let name = arg.name();
    let s = arg.text(&format!(
        "`{name}` takes the path of another date, or `@as-of`"
    ))?;
    let entry = arg.entry();
    let other = arg.path(s)?;
    if other.has_wildcard() {
        arg.problem(
            entry.span(),
            format!("`{name}` compares with one date"),
            "`[*]` here",
            Some("iterate with `each` and compare inside it".into()),
        );
        return None;
    }
    Some(Compiled::Node(Box::new(DateOrder { order, other })))
}

#[derive(Debug)]
struct DateOrder {
    order: Order,
    other: Path,
}

impl Assertion for DateOrder {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        let Some(mine) = value.as_str().and_then(Date::parse) else {
            return fail(cx, || {
                format!("{} is {}, not a date", cx.name(), show(value))
            });
        };
        let theirs = if self.other.root == Root::AsOf {
            Some(cx.as_of())
        } else {
            match cx.read_date(&self.other) {
                DateRead::Unreached => return Verdict::Skip,
                DateRead::NotADate => None,
                DateRead::Date(d) => Some(d),
            }
        };
        let Some(theirs) = theirs else {
            return Verdict::Skip;
        };
        if self.order.holds(mine, theirs) {
            return Verdict::Ok;
        }
        let their_name = if self.other.root == Root::AsOf {
            "the as-of date".to_owned()
        } else {
            cx.read_name(&self.other)
        };
        fail(cx, || {
            format!(
                "{} is {mine}, {} {their_name} ({theirs})",
                cx.name(),
                self.order.failed()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;
    use crate::load::tree::Tree;

    #[test]
    fn each_order_against_another_date() {
        let cx = Fake {
            others: vec![("spec.y", Tree::from_value(&json!("2024-01-01")))],
            ..Fake::default()
        };
        let earlier = Some(json!("2023-06-01"));
        let same = Some(json!("2024-01-01"));
        assert_eq!(
            judge("assert \"spec.x\" before=\"spec.y\"", earlier.clone(), &cx),
            Verdict::Ok
        );
        assert_eq!(
            judge("assert \"spec.x\" not-after=\"spec.y\"", same.clone(), &cx),
            Verdict::Ok
        );
        assert_eq!(
            judge("assert \"spec.x\" not-before=\"spec.y\"", same.clone(), &cx),
            Verdict::Ok
        );
        assert_eq!(
            judge("assert \"spec.x\" before=\"spec.y\"", same.clone(), &cx),
            Verdict::Fail("`spec.x` is 2024-01-01, not before `spec.y` (2024-01-01)".into())
        );
        assert_eq!(
            judge("assert \"spec.x\" after=\"spec.y\"", earlier, &cx),
            Verdict::Fail("`spec.x` is 2023-06-01, not after `spec.y` (2024-01-01)".into())
        );
        assert_eq!(
            judge(
                "assert \"spec.x\" not-after=\"@as-of\"",
                Some(json!("2027-01-01")),
                &cx
            ),
            Verdict::Fail("`spec.x` is 2027-01-01, after the as-of date (2026-11-22)".into())
        );
    }

    #[test]
    fn an_unset_other_date_skips_and_a_non_date_fails() {
        let cx = Fake {
            others: vec![("spec.y", Tree::from_value(&serde_json::Value::Null))],
            ..Fake::default()
        };
        let date = Some(json!("2024-01-01"));
        assert_eq!(
            judge("assert \"spec.x\" before=\"spec.y\"", date.clone(), &cx),
            Verdict::Skip
        );
        assert_eq!(
            judge("assert \"spec.x\" before=\"spec.z\"", date, &cx),
            Verdict::Skip
        );
        assert_eq!(
            judge("assert \"spec.x\" before=\"spec.y\"", Some(json!(3)), &cx),
            Verdict::Fail("`spec.x` is 3, not a date".into())
        );
    }

    #[test]
    fn it_takes_the_path_of_one_date() {
        assert_eq!(
            problems("assert \"spec.x\" after=3"),
            [(
                "`after` takes the path of another date, or `@as-of`".into(),
                "after=3".into()
            )]
        );
        assert_eq!(
            problems("assert \"spec.x\" not-after=\"spec.y[*]\""),
            [(
                "`not-after` compares with one date".into(),
                "not-after=\"spec.y[*]\"".into()
            )]
        );
    }
}
