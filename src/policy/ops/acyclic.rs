//! `acyclic`: the ids the path holds name other documents of the selected kind, and following
//! them never leads back to where it started. It judges the selected documents together: one
//! finding per cycle.

use std::collections::HashMap;

use serde_json::Value;

use super::{Arg, Compiled, Form, Operator, SetFailure, WholeSet};
use crate::load::Doc;
use crate::policy::graph::cycles;
use crate::policy::path::{PSeg, Path, resolve};

pub(super) const OPERATOR: Operator = Operator {
    name: "acyclic",
    form: Form::Flag,
    follows_references: true,
    whole_set: true,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    if let Some(a) = arg.prop("as") {
        arg.problem(
            a.span(),
            "`as=` belongs to `ref`".into(),
            "unexpected",
            None,
        );
        return None;
    }
    if let Some(k) = arg.prop("kind") {
        let k = arg.kind(k)?;
        if Some(k) != arg.selected() {
            let at = arg.entry().span();
            arg.problem(
                at,
                "`acyclic` follows references between documents of the selected kind".into(),
                "other kind",
                None,
            );
            return None;
        }
    }
    Some(Compiled::WholeSet(Box::new(Acyclic)))
}

#[derive(Debug)]
struct Acyclic;

impl WholeSet for Acyclic {
    fn failures<'a>(
        &self,
        docs: &'a [Doc],
        selected: &[usize],
        path: &'a Path,
    ) -> Vec<SetFailure<'a>> {
        let mut node_of: HashMap<&str, usize> = HashMap::with_capacity(selected.len());
        for (n, &d) in selected.iter().enumerate() {
            node_of.entry(docs[d].id.as_str()).or_insert(n);
        }
        let mut edges: Vec<Vec<usize>> = Vec::with_capacity(selected.len());
        let mut edge_at: Vec<Vec<Vec<PSeg<'a>>>> = Vec::with_capacity(selected.len());
        for &d in selected {
            let mut targets = Vec::new();
            let mut ptrs = Vec::new();
            for hit in resolve(Some(docs[d].root()), &[], &path.segs) {
                let mut add = |id: &str, ptr: Vec<PSeg<'a>>| {
                    if let Some(&n) = node_of.get(id) {
                        targets.push(n);
                        ptrs.push(ptr);
                    }
                };
                let Some(value) = hit.present() else {
                    continue;
                };
                if let Some(id) = value.as_str() {
                    add(id, hit.ptr.to_vec());
                } else {
                    // the items of a list (`items` has none for anything else)
                    for (i, item) in value.items().enumerate() {
                        if let Some(id) = item.as_str() {
                            let mut ptr = hit.ptr.to_vec();
                            ptr.push(PSeg::Idx(i));
                            add(id, ptr);
                        }
                    }
                }
            }
            edges.push(targets);
            edge_at.push(ptrs);
        }
        let mut out = Vec::new();
        for cycle in cycles(&edges) {
            let ids: Vec<&str> = cycle
                .iter()
                .map(|&n| docs[selected[n]].id.as_str())
                .collect();
            let mut shown: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
            shown.push(format!("`{}`", ids[0]));
            let text = shown.join(" → ");
            let edge = |k: usize| -> (usize, Vec<PSeg<'a>>) {
                let from = cycle[k];
                let to = cycle[(k + 1) % cycle.len()];
                let at = edges[from]
                    .iter()
                    .position(|&t| t == to)
                    .and_then(|i| edge_at[from].get(i).cloned())
                    .unwrap_or_default();
                (selected[from], at)
            };
            let (doc, ptr) = edge(0);
            let labels = (1..cycle.len())
                .map(|k| {
                    let (from, at) = edge(k);
                    let to = cycle[(k + 1) % cycle.len()];
                    let text = format!("`{}` → `{}`", docs[from].id, docs[selected[to]].id);
                    (from, at, text)
                })
                .collect();
            out.push(SetFailure {
                doc,
                ptr,
                message: format!("{text} is a cycle through `{}`", path.text),
                cycle: text,
                labels,
                data: (
                    "cycle",
                    Value::Array(ids.iter().map(|s| Value::String((*s).to_owned())).collect()),
                ),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{problems, run};

    #[test]
    fn one_finding_per_cycle_and_none_without() {
        let line = "assert \"metadata.depends_on[*]\" acyclic";
        let chain = [
            "{id: a, depends_on: [b]}",
            "{id: b, depends_on: [c]}",
            "{id: c}",
        ];
        assert!(run(line, &chain).is_empty());
        let cycle = [
            "{id: a, depends_on: [b]}",
            "{id: b, depends_on: [c, x]}",
            "{id: c, depends_on: [a]}",
        ];
        assert_eq!(
            run(line, &cycle),
            ["`a` → `b` → `c` → `a` is a cycle through `metadata.depends_on[*]`"]
        );
        let message = "assert \"metadata.depends_on[*]\" acyclic message=\"loop: {cycle}\"";
        assert_eq!(run(message, &cycle), ["loop: `a` → `b` → `c` → `a`"]);
    }

    #[test]
    fn it_is_a_top_level_assertion_of_the_selected_kind() {
        assert!(problems("assert \"spec.depends_on[*]\" acyclic kind=\"Service\"").is_empty());
        assert_eq!(
            problems("assert \"spec.depends_on[*]\" acyclic kind=\"Tenant\""),
            [(
                "`acyclic` follows references between documents of the selected kind".into(),
                "acyclic".into()
            )]
        );
        assert_eq!(
            problems("when \"spec.x\" exists {\n        assert \"spec.y[*]\" acyclic\n    }"),
            [(
                "`acyclic` checks the whole set of documents".into(),
                "acyclic".into()
            )]
        );
        assert_eq!(
            problems("assert \"spec.y[*]\" acyclic as=\"x\""),
            [("`as=` belongs to `ref`".into(), "as=\"x\"".into())]
        );
    }
}
