//! Reading a node's entries: its arguments and properties, each checked against what the node
//! takes, with a problem at the entry that is wrong.

use kdl::{KdlEntry, KdlNode, KdlValue};
use miette::SourceSpan;

use super::{Compiler, span};
use crate::config::{did_you_mean, suggestion};
use crate::suggest;

/// A node's entries: its arguments, and the properties it takes.
#[derive(Default)]
pub(super) struct Entries<'n> {
    pub(super) args: Vec<&'n KdlEntry>,
    pub(super) props: Vec<(&'n str, &'n KdlEntry)>,
    /// An unknown property was reported: "needs an assertion" would only repeat it.
    pub(super) unknown: bool,
}

impl<'n> Entries<'n> {
    pub(super) fn prop(&self, key: &str) -> Option<&'n KdlEntry> {
        self.props.iter().find(|(k, _)| *k == key).map(|(_, e)| *e)
    }
}

impl Compiler<'_> {
    pub(super) fn unknown_node(&mut self, node: &KdlNode, known: &[&str], context: &str) {
        let name = node.name().value();
        self.problem(
            node.name().span(),
            format!("unknown node `{name}`"),
            "not known here",
            Some(did_you_mean(name, known, context)),
        );
    }

    /// Splits a node's entries into arguments and properties, reporting unknown and repeated
    /// properties and type annotations we do not read.
    pub(super) fn entries<'n>(&mut self, node: &'n KdlNode, allowed: &[&str]) -> Entries<'n> {
        let mut out = Entries::default();
        for e in node.entries() {
            if let Some(ty) = e.ty()
                && !(ty.value() == "param" && e.name().is_some())
            {
                self.problem(
                    ty.span(),
                    format!("unexpected type annotation `({})`", ty.value()),
                    "not used here",
                    Some("only numbers may be written `(param)\"NAME\"`".into()),
                );
            }
            match e.name() {
                None => out.args.push(e),
                Some(name) => {
                    let key = name.value();
                    if !allowed.contains(&key) {
                        out.unknown = true;
                        // `minimum` for `min`, `max-age` for `max-age-days`: a prefix is a
                        // likelier intent than the nearest edit.
                        let near = suggest::closest(key, allowed.iter().copied()).or_else(|| {
                            allowed
                                .iter()
                                .copied()
                                .filter(|a| key.starts_with(a) || a.starts_with(key))
                                .max_by_key(|a| a.len())
                        });
                        let node_name = node.name().value();
                        let help = if allowed.is_empty() {
                            format!("`{node_name}` takes no properties")
                        } else {
                            suggestion(
                                near,
                                &format!("`{node_name}` takes {}", suggest::list(allowed)),
                            )
                        };
                        self.problem(
                            name.span(),
                            format!("unknown property `{key}` on `{node_name}`"),
                            "unknown property",
                            Some(help),
                        );
                    } else if out.props.iter().any(|(k, _)| *k == key) {
                        self.problem(
                            name.span(),
                            format!("`{key}` is given twice"),
                            "again here",
                            Some("KDL keeps only the last one; remove one of them".into()),
                        );
                    } else {
                        out.props.push((key, e));
                    }
                }
            }
        }
        out
    }

    /// A string argument at `index`, or a problem saying what was expected.
    pub(super) fn string_arg<'n>(
        &mut self,
        node: &'n KdlNode,
        args: &[&'n KdlEntry],
        what: &str,
    ) -> Option<(&'n str, &'n KdlEntry)> {
        let Some(e) = args.first() else {
            self.problem(
                node.span(),
                format!("`{}` needs {what}", node.name().value()),
                "incomplete",
                None,
            );
            return None;
        };
        if let KdlValue::String(s) = e.value() {
            Some((s.as_str(), e))
        } else {
            self.problem(
                e.span(),
                format!("expected {what} as a string"),
                "not a string",
                None,
            );
            None
        }
    }

    pub(super) fn no_extra_args(&mut self, node: &KdlNode, args: &[&KdlEntry], keep: usize) {
        if let Some(e) = args.get(keep) {
            self.problem(
                e.span(),
                format!(
                    "`{}` takes {} here",
                    node.name().value(),
                    match keep {
                        0 => "no values".to_owned(),
                        1 => "one value".to_owned(),
                        n => format!("{n} values"),
                    }
                ),
                "unexpected",
                None,
            );
        }
    }

    /// The string value of an entry, or a problem with `message`.
    pub(super) fn text_of<'n>(&mut self, entry: &'n KdlEntry, message: &str) -> Option<&'n str> {
        if let KdlValue::String(s) = entry.value() {
            Some(s)
        } else {
            self.problem(entry.span(), message, "not a string", None);
            None
        }
    }
}

/// The span, in the rule file, of character `offset` of a string value, when the value is
/// written as a plain or raw string without escapes (so offsets map one to one).
pub(super) fn string_offset(
    src: &str,
    entry: &KdlEntry,
    value: &str,
    offset: usize,
) -> Option<SourceSpan> {
    let s = span(entry.span());
    let text = src.get(s.clone())?;
    let start = text.rfind(value).filter(|&i| {
        let before = &text[..i];
        before.ends_with('"') && !value.contains('\\')
    })?;
    let at = s.start + start + offset;
    let len = value[offset.min(value.len())..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    Some(SourceSpan::from((at, len)))
}
