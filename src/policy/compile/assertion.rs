//! The assertion of a node: the one operator it names, a flag (`exists`, `ref`) or a property
//! (`equals=`, `min=`), looked up in the operators' table and compiled by it.

use kdl::{KdlEntry, KdlNode, KdlValue};

use super::{Compiler, Entries, Place, Role};
use crate::config::number;
use crate::kind::Kind;
use miette::SourceSpan;

use crate::policy::ops::{self, Compiled, Form, Num};
use crate::policy::path::Path;
use crate::suggest;

impl Compiler<'_> {
    /// The one assertion of a node: a flag argument (`exists`, `ref`, ...) or a property
    /// (`equals=`, `min=`, ...), compiled by its operator. `selected` is the kind the enclosing
    /// `select` names.
    pub(super) fn op(
        &mut self,
        node: &KdlNode,
        e: &Entries<'_>,
        flags: &[&KdlEntry],
        selected: Option<Kind>,
        role: Role,
    ) -> Option<Compiled> {
        let mut found: Vec<(&'static ops::Operator, &KdlEntry)> = Vec::new();
        for f in flags {
            let KdlValue::String(s) = f.value() else {
                self.problem(
                    f.span(),
                    "expected an assertion such as `exists`",
                    "unexpected value",
                    None,
                );
                return None;
            };
            if let Some(op) = ops::find(s, Form::Flag) {
                found.push((op, f));
                continue;
            }
            let known: Vec<&str> = ops::names(Form::Flag)
                .chain(ops::names(Form::Value))
                .collect();
            let help = match suggest::closest(s, known.iter().copied()) {
                Some(x) if ops::find(x, Form::Value).is_some() => {
                    format!("did you mean `{x}=...`?")
                }
                Some(x) => format!("did you mean `{x}`?"),
                None => format!("assertions: {}", suggest::list(&known)),
            };
            self.problem(
                f.span(),
                format!("unknown assertion `{s}`"),
                "not an assertion",
                Some(help),
            );
            return None;
        }
        for (k, entry) in &e.props {
            if let Some(op) = ops::find(k, Form::Value) {
                found.push((op, entry));
            }
        }
        let (op, entry) = match found.as_slice() {
            [one] => *one,
            [] if e.unknown => return None,
            [] => {
                self.problem(
                    node.span(),
                    format!("`{}` needs an assertion", node.name().value()),
                    "nothing to check",
                    Some("e.g. `exists`, `equals=\"x\"`, `min=1`, `ref kind=\"Service\"`".into()),
                );
                return None;
            }
            [_, (second, entry), ..] => {
                self.problem(
                    entry.span(),
                    format!("one assertion per node; `{}` is a second one", second.name),
                    "second assertion",
                    Some("write another `assert` for it".into()),
                );
                return None;
            }
        };
        if !op.follows_references && role != Role::Select {
            for k in ["kind", "as"] {
                if let Some(x) = e.prop(k) {
                    self.problem(
                        x.span(),
                        format!("`{k}=` belongs to `ref`"),
                        "unexpected",
                        None,
                    );
                    return None;
                }
            }
        }
        if op.whole_set && role != Role::Assert(Place::TopLevel) {
            self.problem(
                entry.span(),
                format!("`{}` checks the whole set of documents", op.name),
                "not here",
                Some("write it as a top-level `assert` of the rule".into()),
            );
            return None;
        }
        (op.compile)(&mut OpArg {
            name: op.name,
            compiler: self,
            entry,
            entries: e,
            selected,
        })
    }

    /// A number, or `(param)"NAME"` naming a declared parameter.
    fn num(&mut self, entry: &KdlEntry) -> Option<Num> {
        if entry.ty().is_some_and(|t| t.value() == "param") {
            let KdlValue::String(name) = entry.value() else {
                self.problem(
                    entry.span(),
                    "`(param)` takes a parameter name as a string",
                    "not a name",
                    None,
                );
                return None;
            };
            if let Some(i) = self.params.iter().position(|(n, _)| n == name) {
                return Some(Num::Param(i));
            }
            let names: Vec<&str> = self.params.iter().map(|(n, _)| n.as_str()).collect();
            let help = match suggest::closest(name, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if names.is_empty() => {
                    format!("declare it in the rule: `param \"{name}\" NUMBER`")
                }
                None => format!("declared parameters: {}", suggest::list(&names)),
            };
            self.problem(
                entry.span(),
                format!("unknown parameter `{name}`"),
                "not declared",
                Some(help),
            );
            return None;
        }
        let Some(x) = number(entry.value()) else {
            self.problem(
                entry.span(),
                "expected a number",
                "not a number",
                Some("or `(param)\"NAME\"` for a declared parameter".into()),
            );
            return None;
        };
        Some(Num::Lit(x))
    }
}

/// The compiler as an operator's compile function sees it.
struct OpArg<'c, 's, 'n> {
    name: &'static str,
    compiler: &'c mut Compiler<'s>,
    entry: &'n KdlEntry,
    entries: &'c Entries<'n>,
    selected: Option<Kind>,
}

impl<'n> ops::Arg<'n> for OpArg<'_, '_, 'n> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn entry(&self) -> &'n KdlEntry {
        self.entry
    }

    fn prop(&self, key: &str) -> Option<&'n KdlEntry> {
        self.entries.prop(key)
    }

    fn selected(&self) -> Option<Kind> {
        self.selected
    }

    fn problem(&mut self, span: SourceSpan, message: String, label: &str, help: Option<String>) {
        self.compiler.problem(span, message, label, help);
    }

    fn text(&mut self, message: &str) -> Option<&'n str> {
        self.compiler.text_of(self.entry, message)
    }

    fn num(&mut self) -> Option<Num> {
        self.compiler.num(self.entry)
    }

    fn path(&mut self, text: &str) -> Option<Path> {
        self.compiler.path(self.entry, text)
    }

    fn kind(&mut self, entry: &KdlEntry) -> Option<Kind> {
        self.compiler.kind(entry)
    }

    fn regex_bytes(&mut self) -> &mut usize {
        &mut self.compiler.regex_bytes
    }
}
