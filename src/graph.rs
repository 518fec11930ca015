//! `egenregi graph`: the control structure (ownership, membership, mandated seats) or the
//! service dependencies, as Graphviz DOT or Mermaid, for a reviewer's slide or a README.
//!
//! The graph draws what the documents say, not what the analyses conclude: the control paths
//! and their verdicts are in `check` and `report`. Output is sorted, so it diffs well.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::model::{EntityType, Membership, Model};

/// Which graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphView {
    /// Entities; owner → company (share), member → association, mandator → deciding body.
    Control,
    /// Services; provider → service, service → what it depends on.
    Dependencies,
}

/// The text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

/// A node: id and label lines.
struct Node {
    id: String,
    label: String,
    /// `private` nodes are drawn apart: private capital is the first thing a reviewer looks for.
    style: Style,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Authority,
    Company,
    Association,
    Private,
    Service,
}

struct Edge {
    from: String,
    to: String,
    label: String,
    dashed: bool,
}

/// Renders `view` of `model` on `as_of` (memberships that do not hold then are left out).
pub fn render(model: &Model<'_>, as_of: &str, view: GraphView, format: GraphFormat) -> String {
    let (mut nodes, edges) = match view {
        GraphView::Control => control(model, as_of),
        GraphView::Dependencies => dependencies(model),
    };
    undefined_ends(&mut nodes, &edges);
    let title = match view {
        GraphView::Control => format!("control structure as of {as_of}"),
        GraphView::Dependencies => "service dependencies".to_owned(),
    };
    match format {
        GraphFormat::Dot => dot(&title, &nodes, &edges),
        GraphFormat::Mermaid => mermaid(&title, &nodes, &edges),
    }
}

fn control(model: &Model<'_>, as_of: &str) -> (Vec<Node>, Vec<Edge>) {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for (id, e) in &model.entities {
        let spec = &e.spec;
        let style = match spec.kind {
            EntityType::Private | EntityType::PrivateNonprofit => Style::Private,
            EntityType::Association => Style::Association,
            EntityType::Company | EntityType::Foundation => Style::Company,
            _ if !spec.is_contracting_authority() => Style::Private,
            _ => Style::Authority,
        };
        nodes.push(Node {
            id: id.clone(),
            label: format!("{id}\n{}", spec.kind.as_str()),
            style,
        });
        // Holdings valid on the date drawn, as for memberships.
        for o in spec.owners.iter().filter(|o| o.holds_on(as_of)) {
            edges.push(Edge {
                from: o.entity.clone(),
                to: id.clone(),
                label: format!("owns {} %", o.share),
                dashed: false,
            });
        }
        for m in &spec.member_of {
            if !m.holds_on(as_of) {
                continue;
            }
            let label = match m {
                Membership::Dated { from: Some(f), .. } => format!("member since {f}"),
                _ => "member".to_owned(),
            };
            edges.push(Edge {
                from: id.clone(),
                to: m.association().to_owned(),
                label,
                dashed: true,
            });
        }
        // Bodies and seats valid on the date drawn, too.
        for body in spec.bodies_on(as_of) {
            for seat in body.seats_on(as_of) {
                for m in &seat.mandated_by {
                    let (from, who) = match m.strip_prefix("members-of:") {
                        Some(x) => (x.to_owned(), format!("its members mandate {}", seat.count)),
                        None => (m.clone(), format!("mandates {}", seat.count)),
                    };
                    edges.push(Edge {
                        from,
                        to: id.clone(),
                        label: format!("{who} in {}", body.id),
                        dashed: false,
                    });
                }
            }
        }
    }
    (nodes, edges)
}

/// An edge to an id no document defines still shows, as a bare node (ref/unknown says why).
fn undefined_ends(nodes: &mut Vec<Node>, edges: &[Edge]) {
    let mut known: BTreeSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
    for e in edges {
        for end in [&e.from, &e.to] {
            if known.insert(end.clone()) {
                let name = end.split_once(':').map_or(end.as_str(), |(_, id)| id);
                nodes.push(Node {
                    id: end.clone(),
                    label: format!("{name}\n(not defined)"),
                    style: Style::Private,
                });
            }
        }
    }
}

fn dependencies(model: &Model<'_>) -> (Vec<Node>, Vec<Edge>) {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let providers: BTreeSet<&str> = model
        .services
        .values()
        .map(|s| s.spec.provider.as_str())
        .collect();
    for p in &providers {
        nodes.push(Node {
            id: format!("entity:{p}"),
            label: format!("{p}\nprovider"),
            style: Style::Company,
        });
    }
    for (id, s) in &model.services {
        nodes.push(Node {
            id: format!("service:{id}"),
            label: id.clone(),
            style: Style::Service,
        });
        edges.push(Edge {
            from: format!("entity:{}", s.spec.provider),
            to: format!("service:{id}"),
            label: "provides".to_owned(),
            dashed: true,
        });
        for d in &s.spec.depends_on {
            edges.push(Edge {
                from: format!("service:{id}"),
                to: format!("service:{d}"),
                label: "depends on".to_owned(),
                dashed: false,
            });
        }
    }
    (nodes, edges)
}

/// A DOT double-quoted string.
fn dot_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot(title: &str, nodes: &[Node], edges: &[Edge]) -> String {
    let mut out = format!(
        "digraph egenregi {{\n  label={};\n  labelloc=t;\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
        dot_str(title)
    );
    for n in nodes {
        let attrs = match n.style {
            Style::Authority => "shape=box, style=rounded",
            Style::Company => "shape=box, style=\"filled\", fillcolor=\"#dbeafe\"",
            Style::Association => "shape=ellipse",
            Style::Private => "shape=box, style=\"dashed\", color=\"#b91c1c\"",
            Style::Service => "shape=component",
        };
        let _ = writeln!(
            out,
            "  {} [label={}, {attrs}];",
            dot_str(&n.id),
            dot_str(&n.label)
        );
    }
    for e in edges {
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{}];",
            dot_str(&e.from),
            dot_str(&e.to),
            dot_str(&e.label),
            if e.dashed { ", style=dashed" } else { "" }
        );
    }
    out.push_str("}\n");
    out
}

/// Mermaid text inside `"..."`: quotes and markup become entities, line breaks `<br>`.
fn mermaid_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn mermaid(title: &str, nodes: &[Node], edges: &[Edge]) -> String {
    // Mermaid node ids must be plain words: number the nodes, and keep the ids as labels.
    let index: std::collections::HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut out = format!(
        "---\ntitle: \"{}\"\n---\nflowchart LR\n",
        mermaid_str(title)
    );
    for (i, n) in nodes.iter().enumerate() {
        let (open, close) = match n.style {
            Style::Authority | Style::Private => ("(", ")"),
            Style::Company => ("[", "]"),
            Style::Association => ("([", "])"),
            Style::Service => ("[[", "]]"),
        };
        let _ = writeln!(out, "  n{i}{open}\"{}\"{close}", mermaid_str(&n.label));
    }
    for e in edges {
        let arrow = if e.dashed { "-.->" } else { "-->" };
        let _ = writeln!(
            out,
            "  n{} {arrow}|\"{}\"| n{}",
            index[e.from.as_str()],
            mermaid_str(&e.label),
            index[e.to.as_str()]
        );
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.style == Style::Private {
            let _ = writeln!(out, "  style n{i} stroke:#b91c1c,stroke-dasharray:4");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(dot_str("a\"b\\c\nd\u{7}"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(mermaid_str("a\"<b>\nc"), "a#quot;#lt;b#gt;<br>c");
    }
}
