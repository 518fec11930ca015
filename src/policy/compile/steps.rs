//! The steps of a rule: `assert`, `expr`, `when` and `each`, with the `@name` bindings a `ref`
//! makes for the steps after it, and the paths and CEL expressions they hold.

use kdl::{KdlEntry, KdlNode};

use super::entries::string_offset;
use super::{
    Check, Compiler, MAX_BLOCK_DEPTH, Place, RULE_CHILDREN, Role, STEP_NODES, SetCheck, Step, Test,
    cel, span,
};
use crate::kind::Kind;
use crate::policy::ops::{self, Compiled, DEFAULT_BINDING, Form};
use crate::policy::path::Path;

impl Compiler<'_> {
    /// A path, whose `@name` must be bound where it is read.
    pub(super) fn path(&mut self, entry: &KdlEntry, text: &str) -> Option<Path> {
        match Path::parse(text) {
            Ok(p) => {
                if let Some(name) = p.binding()
                    && !self.bindings.iter().any(|b| b == name)
                {
                    let as_name = if name == DEFAULT_BINDING {
                        String::new()
                    } else {
                        format!(" as=\"{name}\"")
                    };
                    self.problem(
                        entry.span(),
                        format!("`@{name}` is not bound here"),
                        "unbound",
                        Some(format!(
                            "bind it with `when \"PATH\" ref kind=\"KIND\"{as_name}` around this node, or an earlier `assert \"PATH\" ref kind=\"KIND\"{as_name}`"
                        )),
                    );
                    return None;
                }
                Some(p)
            }
            Err(e) => {
                self.problem(
                    entry.span(),
                    format!("bad path `{text}`: {}", e.message),
                    "bad path",
                    Some("paths are dotted keys with `[*]` for every list item, e.g. `spec.subscriptions[*].dpa.signed`".into()),
                );
                None
            }
        }
    }

    /// Compiles a list of step nodes. Bindings made by `assert ... ref` hold for later siblings.
    pub(super) fn steps(
        &mut self,
        nodes: &[&KdlNode],
        place: Place,
        kind: Option<Kind>,
        whole_set: &mut Vec<SetCheck>,
        depth: usize,
    ) -> Vec<Step> {
        let scope = self.bindings.len();
        let mut out = Vec::new();
        for node in nodes {
            let name = node.name().value();
            if !STEP_NODES.contains(&name) {
                if place == Place::TopLevel {
                    self.unknown_node(node, RULE_CHILDREN, "a rule holds");
                } else {
                    self.unknown_node(node, STEP_NODES, "a block holds");
                }
                continue;
            }
            if name != "when"
                && name != "each"
                && let Some(c) = node.children()
            {
                self.problem(
                    c.span(),
                    format!("`{name}` takes no block"),
                    "unexpected block",
                    Some("only `when` and `each` hold other assertions".into()),
                );
            }
            match name {
                "assert" => {
                    let mut allowed = vec!["kind", "as", "message", "at"];
                    allowed.extend(ops::names(Form::Value));
                    let e = self.entries(node, &allowed);
                    let Some((text, path_entry)) = self.string_arg(node, &e.args, "a path") else {
                        continue;
                    };
                    let path = self.path(path_entry, text);
                    let op = self.op(node, &e, &e.args[1..], kind, Role::Assert(place));
                    let (message, at) = self.message_at(&e, true);
                    let (Some(path), Some(op)) = (path, op) else {
                        continue;
                    };
                    match op {
                        Compiled::Node(op) => {
                            if let Some((_, name)) = op.binding()
                                && !path.has_wildcard()
                            {
                                self.bindings.push(name.to_owned());
                            }
                            out.push(Step::Assert(Check {
                                span: span(node.span()),
                                test: Test::Path(path, op),
                                message,
                                at,
                            }));
                        }
                        Compiled::WholeSet(assertion) => whole_set.push(SetCheck {
                            span: span(node.span()),
                            path,
                            message,
                            assertion,
                        }),
                    }
                }
                "expr" => {
                    let e = self.entries(node, &["message", "at"]);
                    self.no_extra_args(node, &e.args, 1);
                    let Some((source, entry)) = self.string_arg(node, &e.args, "a CEL expression")
                    else {
                        continue;
                    };
                    let expr = self.cel(entry, source);
                    let (message, at) = self.message_at(&e, true);
                    if let Some(expr) = expr {
                        out.push(Step::Assert(Check {
                            span: span(node.span()),
                            test: Test::Expr(Box::new(expr)),
                            message,
                            at,
                        }));
                    }
                }
                "when" => {
                    let mut allowed = vec!["kind", "as", "expr"];
                    allowed.extend(ops::names(Form::Value));
                    let e = self.entries(node, &allowed);
                    let before = self.bindings.len();
                    let test = if let Some(x) = e.prop("expr") {
                        self.no_extra_args(node, &e.args, 0);
                        if let Some((k, _)) = e.props.iter().find(|(k, _)| *k != "expr") {
                            self.problem(
                                node.span(),
                                format!("`when expr=` takes no `{k}=`"),
                                "one test per `when`",
                                None,
                            );
                        }
                        self.text_of(x, "`expr` takes a CEL expression as a string")
                            .and_then(|s| self.cel(x, s))
                            .map(|c| Test::Expr(Box::new(c)))
                    } else {
                        let Some((text, path_entry)) =
                            self.string_arg(node, &e.args, "a path or `expr=`")
                        else {
                            continue;
                        };
                        let path = self.path(path_entry, text);
                        if let Some(p) = &path
                            && p.has_wildcard()
                        {
                            self.problem(
                                path_entry.span(),
                                "`when` tests one node",
                                "`[*]` in a condition",
                                Some("iterate with `each \"PATH[*]\" { when ... }`".into()),
                            );
                            continue;
                        }
                        let op = match self.op(node, &e, &e.args[1..], kind, Role::Condition) {
                            Some(Compiled::Node(op)) => Some(op),
                            // refused by `op` for a condition
                            Some(Compiled::WholeSet(_)) | None => None,
                        };
                        if let Some((_, name)) = op.as_ref().and_then(|op| op.binding()) {
                            self.bindings.push(name.to_owned());
                        }
                        path.zip(op).map(|(p, o)| Test::Path(p, o))
                    };
                    let body = self.block(node, kind, whole_set, depth);
                    self.bindings.truncate(before);
                    if let Some(test) = test {
                        out.push(Step::When(
                            Check {
                                span: span(node.span()),
                                test,
                                message: None,
                                at: None,
                            },
                            body,
                        ));
                    }
                }
                "each" => {
                    let e = self.entries(node, &[]);
                    self.no_extra_args(node, &e.args, 1);
                    let Some((text, entry)) = self.string_arg(node, &e.args, "a path") else {
                        continue;
                    };
                    let path = self.path(entry, text);
                    if let Some(p) = &path
                        && p.binding().is_some()
                    {
                        self.problem(
                            entry.span(),
                            "`each` walks the subject's own nodes",
                            "a binding",
                            Some(
                                "read another document's fields with `@ref.PATH` in assertions"
                                    .into(),
                            ),
                        );
                        continue;
                    }
                    let before = self.bindings.len();
                    let body = self.block(node, kind, whole_set, depth);
                    self.bindings.truncate(before);
                    if let Some(path) = path {
                        out.push(Step::Each(path, body));
                    }
                }
                _ => {}
            }
        }
        self.bindings.truncate(scope);
        out
    }

    fn block(
        &mut self,
        node: &KdlNode,
        kind: Option<Kind>,
        whole_set: &mut Vec<SetCheck>,
        depth: usize,
    ) -> Vec<Step> {
        let name = node.name().value();
        let children: Vec<&KdlNode> = node.iter_children().collect();
        if children.is_empty() {
            self.problem(
                node.span(),
                format!("`{name}` needs a block of assertions"),
                "empty",
                Some(format!(
                    "e.g. `{name} \"...\" {{ assert \"spec.x\" exists }}`"
                )),
            );
            return Vec::new();
        }
        if depth >= MAX_BLOCK_DEPTH {
            self.problem(
                node.name().span(),
                format!("blocks nest more than {MAX_BLOCK_DEPTH} deep"),
                "too deep",
                None,
            );
            return Vec::new();
        }
        self.steps(&children, Place::Nested, kind, whole_set, depth + 1)
    }

    fn cel(&mut self, entry: &KdlEntry, source: &str) -> Option<cel::Expr> {
        self.uses_cel = true;
        match cel::compile(self.env, source, &self.bindings) {
            Ok(x) => Some(x),
            Err(e) => {
                let at = e
                    .offset
                    .and_then(|o| string_offset(self.src, entry, source, o))
                    .unwrap_or_else(|| entry.span());
                self.problem(at, e.message, "in this expression", e.help);
                None
            }
        }
    }
}
