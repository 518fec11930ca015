//! `ref kind="KIND" [as="NAME"]`: the node is the id of a document of that kind, which later
//! steps read as `@NAME` (`@ref` by default). (`ref` is a Rust keyword, hence the file's name.)

use kdl::KdlValue;

use super::{Arg, Assertion, Compiled, Context, Form, Operator, Verdict, fail, type_name};
use crate::kind::Kind;
use crate::load::tree::NodeRef;
use crate::policy::cel::VARIABLES;
use crate::policy::path::is_binding_name;
use crate::suggest;

pub(super) const OPERATOR: Operator = Operator {
    name: "ref",
    form: Form::Flag,
    follows_references: true,
    whole_set: false,
    compile,
};

/// The name a `ref` binds when it has no `as=`.
pub(in crate::policy) const DEFAULT_BINDING: &str = "ref";

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    let Some(k) = arg.prop("kind") else {
        let at = arg.entry().span();
        arg.problem(
            at,
            "`ref` needs `kind=`".into(),
            "kind missing",
            Some("e.g. `ref kind=\"Service\"`".into()),
        );
        return None;
    };
    let kind = arg.kind(k)?;
    let name = match arg.prop("as") {
        Some(a) => match a.value() {
            KdlValue::String(s)
                if is_binding_name(s) && s != "as-of" && !VARIABLES.contains(&s.as_str()) =>
            {
                s.clone()
            }
            _ => {
                arg.problem(
                    a.span(),
                    "`as` takes a name in lowercase letters, digits and `_`".into(),
                    "bad name",
                    Some(format!("it may not be {}", suggest::list(VARIABLES))),
                );
                return None;
            }
        },
        None => DEFAULT_BINDING.to_owned(),
    };
    Some(Compiled::Node(Box::new(Ref { kind, name })))
}

#[derive(Debug)]
struct Ref {
    kind: Kind,
    /// Read as `@name` by the steps after it.
    name: String,
}

impl Assertion for Ref {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        let kind = self.kind;
        let Some(id) = value.as_str() else {
            return fail(cx, || {
                format!(
                    "{} is a {}, expected the id of a {kind}",
                    cx.name(),
                    type_name(value)
                )
            });
        };
        if cx.has(kind, id) {
            return Verdict::Ok;
        }
        if cx.quiet() {
            return Verdict::Fail(String::new());
        }
        let suggestion = suggest::closest(id, cx.ids(kind))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        fail(cx, || {
            format!(
                "{} names `{id}`, but there is no {kind} `{id}`{suggestion}",
                cx.name()
            )
        })
    }

    fn binding(&self) -> Option<(Kind, &str)> {
        Some((self.kind, &self.name))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn the_id_of_a_document_of_the_kind_passes() {
        let cx = Fake {
            docs: vec![(Kind::Service, "svarut"), (Kind::Tenant, "oslo")],
            ..Fake::default()
        };
        let line = "assert \"spec.x\" ref kind=\"Service\"";
        assert_eq!(judge(line, Some(json!("svarut")), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!("svarutt")), &cx),
            Verdict::Fail(
                "`spec.x` names `svarutt`, but there is no Service `svarutt`; did you mean `svarut`?"
                    .into()
            )
        );
        assert_eq!(
            judge(line, Some(json!("oslo")), &cx),
            Verdict::Fail("`spec.x` names `oslo`, but there is no Service `oslo`".into())
        );
        assert_eq!(
            judge(line, Some(json!(1)), &cx),
            Verdict::Fail("`spec.x` is a number, expected the id of a Service".into())
        );
    }

    /// A failed `ref` guard looks for no "did you mean" (the fake context fails the test if it
    /// is asked for the ids).
    #[test]
    fn a_guard_looks_for_no_suggestion() {
        let cx = Fake {
            docs: vec![(Kind::Service, "svarut")],
            quiet: true,
            ..Fake::default()
        };
        let line = "assert \"spec.x\" ref kind=\"Service\"";
        assert_eq!(
            judge(line, Some(json!("svarutt")), &cx),
            Verdict::Fail(String::new())
        );
        assert_eq!(judge(line, Some(json!("svarut")), &cx), Verdict::Ok);
    }

    #[test]
    fn it_needs_a_known_kind_and_a_free_name() {
        assert_eq!(
            problems("assert \"spec.x\" ref"),
            [("`ref` needs `kind=`".into(), "ref".into())]
        );
        assert_eq!(
            problems("assert \"spec.x\" ref kind=\"Tenat\""),
            [("unknown kind `Tenat`".into(), "kind=\"Tenat\"".into())]
        );
        assert_eq!(
            problems("assert \"spec.x\" ref kind=\"Tenant\" as=\"docs\""),
            [(
                "`as` takes a name in lowercase letters, digits and `_`".into(),
                "as=\"docs\"".into()
            )]
        );
    }
}
