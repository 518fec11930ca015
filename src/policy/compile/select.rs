//! `select`: which documents a rule checks (a kind, and a `where=` filter), and the steps run on
//! each of them.

use kdl::{KdlEntry, KdlNode, KdlValue};

use super::{Check, Compiler, Place, RULE_CHILDREN, Role, STEP_NODES, Selection, Test, span};
use crate::config::suggestion;
use crate::kind::Kind;
use crate::policy::ops::{self, Compiled, Form};
use crate::policy::path::Root;
use crate::suggest;

impl Compiler<'_> {
    /// `select` nodes: one without a block, whose assertions are the rule's other children; or
    /// several, each with a block (a rule that reads more than one kind of document).
    pub(super) fn selections(&mut self, rule: &KdlNode, children: &[&KdlNode]) -> Vec<Selection> {
        let selects: Vec<&KdlNode> = children
            .iter()
            .copied()
            .filter(|c| c.name().value() == "select")
            .collect();
        let loose: Vec<&KdlNode> = children
            .iter()
            .copied()
            .filter(|c| {
                let name = c.name().value();
                // steps, and unknown nodes to report; not `select` and the rule's metadata
                STEP_NODES.contains(&name) || !RULE_CHILDREN.contains(&name)
            })
            .collect();
        let blocks = selects.iter().any(|s| s.children().is_some());
        if selects.is_empty() {
            self.problem(
                rule.name().span(),
                "the rule has no `select`",
                "select missing",
                Some("add `select kind=\"Service\"` (or another kind) to say which documents it checks".into()),
            );
            return Vec::new();
        }
        if !blocks && selects.len() > 1 {
            for extra in &selects[1..] {
                self.problem(
                    extra.name().span(),
                    "a second `select` without a block",
                    "second select",
                    Some("a rule has one `select`, or several `select` nodes each with a block of assertions".into()),
                );
            }
            return Vec::new();
        }
        let mut out = Vec::new();
        if blocks {
            for l in &loose {
                if STEP_NODES.contains(&l.name().value()) {
                    self.problem(
                        l.name().span(),
                        format!("`{}` outside the `select` blocks", l.name().value()),
                        "outside",
                        Some(
                            "when `select` has a block, every assertion goes in a `select` block"
                                .into(),
                        ),
                    );
                } else {
                    self.unknown_node(l, RULE_CHILDREN, "a rule holds");
                }
            }
            for sel in &selects {
                let (kind, filter) = self.select(sel);
                let steps: Vec<&KdlNode> = sel.iter_children().collect();
                if steps.is_empty() {
                    self.problem(sel.span(), "`select` needs assertions", "empty", None);
                }
                out.extend(self.selection(kind, filter, &steps));
            }
        } else {
            let (kind, filter) = self.select(selects[0]);
            if loose.is_empty() {
                self.problem(
                    rule.name().span(),
                    "the rule asserts nothing",
                    "no assertions",
                    Some("add `assert \"PATH\" ...` or `expr \"...\"` nodes".into()),
                );
            }
            out.extend(self.selection(kind, filter, &loose));
        }
        out
    }

    /// Compiles the top-level steps of one `select`; its bindings end with it. The steps are
    /// checked even when the kind was refused, but then there is no selection.
    fn selection(
        &mut self,
        kind: Option<Kind>,
        filter: Option<Check>,
        steps: &[&KdlNode],
    ) -> Option<Selection> {
        let mut whole_set = Vec::new();
        let body = self.steps(steps, Place::TopLevel, kind, &mut whole_set, 0);
        self.bindings.clear();
        Some(Selection {
            kind: kind?,
            filter,
            body,
            whole_set,
        })
    }

    fn select(&mut self, node: &KdlNode) -> (Option<Kind>, Option<Check>) {
        let mut allowed = vec!["kind", "where"];
        allowed.extend(ops::names(Form::Value));
        let e = self.entries(node, &allowed);
        let kind = if let Some(k) = e.prop("kind") {
            self.kind(k)
        } else {
            self.problem(
                node.span(),
                "`select` needs `kind=`",
                "kind missing",
                Some(format!("kinds are {}", suggest::list(&Kind::NAMES))),
            );
            None
        };
        let Some(w) = e.prop("where") else {
            if let Some((k, _)) = e
                .props
                .iter()
                .find(|(k, _)| ops::find(k, Form::Value).is_some())
            {
                self.problem(
                    node.span(),
                    format!("`{k}=` on `select` needs `where=\"PATH\"`"),
                    "where missing",
                    None,
                );
            }
            if let Some(a) = e.args.first() {
                self.problem(
                    a.span(),
                    "`select` takes no values",
                    "unexpected",
                    Some("write `select kind=\"Service\" where=\"spec.x\" exists`".into()),
                );
            }
            return (kind, None);
        };
        let path = if let KdlValue::String(s) = w.value() {
            self.path(w, s)
        } else {
            self.problem(w.span(), "`where` takes a path", "not a string", None);
            None
        };
        // An operator that follows references (`ref`, `acyclic`) looks beyond the document.
        if let Some(f) = e.args.iter().find(|a| {
            matches!(a.value(), KdlValue::String(s)
                if ops::find(s, Form::Flag).is_some_and(|op| op.follows_references))
        }) {
            self.problem(
                f.span(),
                "`select where=` tests a value of the document itself",
                "not here",
                Some(
                    "follow references inside the rule: `when \"PATH\" ref kind=\"KIND\" { ... }`"
                        .into(),
                ),
            );
            return (kind, None);
        }
        let op = match self.op(node, &e, &e.args, kind, Role::Select) {
            Some(Compiled::Node(op)) => Some(op),
            // refused by `op` for a `select`
            Some(Compiled::WholeSet(_)) | None => None,
        };
        let (Some(path), Some(op)) = (path, op) else {
            return (kind, None);
        };
        if path.has_wildcard() || path.root != Root::Subject {
            self.problem(
                w.span(),
                "`where` tests one node of the document",
                "not one node",
                Some("use `[*]` paths in `each` blocks".into()),
            );
            return (kind, None);
        }
        let filter = Check {
            span: span(node.span()),
            test: Test::Path(path, op),
            message: None,
            at: None,
        };
        (kind, Some(filter))
    }

    /// A `kind=` value: one of the document kinds, or a problem with a "did you mean".
    pub(super) fn kind(&mut self, entry: &KdlEntry) -> Option<Kind> {
        let k = self.text_of(entry, "`kind` is a string")?;
        if let Some(found) = Kind::parse(k) {
            return Some(found);
        }
        let help = suggestion(
            suggest::closest(k, Kind::NAMES.iter().copied()),
            &format!("kinds are {}", suggest::list(&Kind::NAMES)),
        );
        self.problem(
            entry.span(),
            format!("unknown kind `{k}`"),
            "not a kind",
            Some(help),
        );
        None
    }
}
