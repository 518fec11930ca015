//! The KDL files compiled into the binary, parsed when it was built (`build.rs`): the `kdl`
//! crate's parser took about 80 % of the CPU of checking an empty repository, for 32 KB of text
//! that never changes between runs. Here the documents are rebuilt from flat tables of nodes and
//! entries, with every span the parser gave, so diagnostics and spans are those of a parse.

use kdl::{KdlDocument, KdlEntry, KdlIdentifier, KdlNode, KdlValue};

/// One step of a document written as a flat table, in source order.
#[derive(Debug)]
pub enum Op {
    /// A node starts: its name, type annotation and span. Its entries follow, then its children
    /// if it has any, then [`Op::End`].
    Node {
        name: Ident,
        ty: Option<Ident>,
        span: Span,
    },
    /// An argument (no name) or a property of the node being built.
    Entry {
        name: Option<Ident>,
        ty: Option<Ident>,
        value: Value,
        span: Span,
    },
    /// The node's children block starts; [`Op::End`] closes it.
    Children { span: Span },
    /// Closes the innermost node or children block.
    End,
}

/// `(offset, length)` in the file's text.
pub type Span = (usize, usize);
/// An identifier's value and span.
pub type Ident = (&'static str, Span);

/// A KDL value; floats as their bits, so that any float is written exactly.
#[derive(Debug)]
pub enum Value {
    String(&'static str),
    Integer(i128),
    Float(u64),
    Bool(bool),
    Null,
}

#[allow(
    clippy::unreadable_literal,
    reason = "generated: numbers are written as the parser read them"
)]
mod generated {
    use super::{Op, Value};
    include!(concat!(env!("OUT_DIR"), "/shipped_kdl.rs"));
}

/// A document parsed when the binary was built: the function that rebuilds it.
pub type Built = fn() -> KdlDocument;

/// The shipped policy pack, `policies/infrastructure.kdl`.
pub fn infrastructure() -> KdlDocument {
    build(generated::INFRASTRUCTURE)
}

/// The Norwegian jurisdiction pack, `policies/jurisdictions/no.kdl`.
pub fn no() -> KdlDocument {
    build(generated::NO)
}

fn ident((value, span): Ident) -> KdlIdentifier {
    let mut i = KdlIdentifier::from(value);
    i.set_span(span);
    i
}

fn value(v: &Value) -> KdlValue {
    match v {
        Value::String(s) => KdlValue::String((*s).to_owned()),
        Value::Integer(i) => KdlValue::Integer(*i),
        Value::Float(bits) => KdlValue::Float(f64::from_bits(*bits)),
        Value::Bool(b) => KdlValue::Bool(*b),
        Value::Null => KdlValue::Null,
    }
}

/// Rebuilds a document from its table: the whole file is one [`Op::Children`] block that no
/// node owns.
fn build(ops: &[Op]) -> KdlDocument {
    // the children blocks being filled, innermost last, each with the node that owns it
    let mut open: Vec<(KdlDocument, Option<KdlNode>)> = Vec::new();
    // the nodes being built, innermost last; a node with children waits in `open` instead
    let mut nodes: Vec<KdlNode> = Vec::new();
    let mut root = KdlDocument::new();
    for op in ops {
        match op {
            Op::Node { name, ty, span } => {
                let mut node = KdlNode::new(ident(*name));
                if let Some(ty) = ty {
                    node.set_ty(ident(*ty));
                }
                node.set_span(*span);
                nodes.push(node);
            }
            Op::Entry {
                name,
                ty,
                value: v,
                span,
            } => {
                let mut entry = match name {
                    Some(n) => KdlEntry::new_prop(ident(*n), value(v)),
                    None => KdlEntry::new(value(v)),
                };
                if let Some(ty) = ty {
                    entry.set_ty(ident(*ty));
                }
                entry.set_span(*span);
                if let Some(node) = nodes.last_mut() {
                    node.entries_mut().push(entry);
                }
            }
            Op::Children { span } => {
                let mut children = KdlDocument::new();
                children.set_span(*span);
                open.push((children, nodes.pop()));
            }
            Op::End => {
                if let Some(node) = nodes.pop() {
                    // a node ends: it joins the innermost block
                    if let Some((block, _)) = open.last_mut() {
                        block.nodes_mut().push(node);
                    }
                } else if let Some((block, owner)) = open.pop() {
                    // a block ends: its node waits for its own end; the file's block is the root
                    match owner {
                        Some(mut node) => {
                            node.set_children(block);
                            nodes.push(node);
                        }
                        None => root = block,
                    }
                }
            }
        }
    }
    root
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic in a test is a failed test")]

    use super::*;

    /// Everything the compilers read from a document: names, type annotations, values and
    /// spans, node by node, in order.
    fn shape(doc: &KdlDocument, out: &mut Vec<String>) {
        out.push(format!("doc {:?}", doc.span()));
        for n in doc.nodes() {
            out.push(format!(
                "node {} {:?} ty={:?} {:?}",
                n.name().value(),
                n.name().span(),
                n.ty().map(|t| (t.value().to_owned(), t.span())),
                n.span()
            ));
            for e in n.entries() {
                out.push(format!(
                    "entry {:?} ty={:?} {:?} {:?}",
                    e.name().map(|i| (i.value().to_owned(), i.span())),
                    e.ty().map(|t| (t.value().to_owned(), t.span())),
                    e.value(),
                    e.span()
                ));
            }
            if let Some(c) = n.children() {
                shape(c, out);
                out.push("end".into());
            }
        }
    }

    fn same(built: &KdlDocument, text: &str) {
        let parsed = KdlDocument::parse_v2(text).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        shape(built, &mut a);
        shape(&parsed, &mut b);
        assert!(b.len() > 50, "the file has content: {}", b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y);
        }
        assert_eq!(a.len(), b.len());
    }

    /// The policy compiler skips the nesting scan for a file built into the binary: each is
    /// within the limit a repository's own rule file is held to.
    #[test]
    fn the_shipped_packs_nest_within_the_limit() {
        for (name, text, _) in crate::policy::SHIPPED {
            assert_eq!(
                crate::kdl::kdl_too_deep(text, crate::kdl::MAX_KDL_NESTING),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn the_built_documents_are_what_a_parse_gives_span_by_span() {
        same(
            &infrastructure(),
            include_str!("../policies/infrastructure.kdl"),
        );
        same(&no(), include_str!("../policies/jurisdictions/no.kdl"));
    }
}
