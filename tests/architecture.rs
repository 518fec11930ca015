//! No import cycle between modules (issue 11): each module's code outside its tests names other
//! modules through `crate::x` or `super::x`; the modules form a graph without cycles (a
//! module's items may still be used by the modules below it). Modules are the top-level ones,
//! and the files of `analysis/` and `report/` among themselves.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a panic in a test is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `analysis/inhouse` for `src/analysis/inhouse.rs`, `report` for `src/report/mod.rs`.
fn modules(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if name != "bin" {
                modules(&path, &format!("{prefix}{name}/"), out);
            }
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let module = if stem == "mod" {
                prefix.trim_end_matches('/').to_owned()
            } else {
                format!("{prefix}{stem}")
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(module, code);
        }
    }
}

/// The module a path after `crate::` or `super::` names, if it is one.
fn named(mods: &BTreeMap<String, String>, base: &str, rest: &str) -> Option<String> {
    let mut parts = rest.split("::").map(|p| {
        p.chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
            .collect::<String>()
    });
    let first = parts.next()?;
    let top = if base.is_empty() {
        first
    } else {
        format!("{base}/{first}")
    };
    let deeper = parts.next().map(|p| format!("{top}/{p}"));
    deeper
        .filter(|d| mods.contains_key(d))
        .or_else(|| mods.contains_key(&top).then_some(top))
}

fn top(m: &str) -> &str {
    m.split('/').next().unwrap_or(m)
}

/// Depth-first search for a back edge; panics naming the cycle.
fn visit(
    n: &str,
    edges: &BTreeMap<String, BTreeSet<String>>,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) {
    if let Some(at) = stack.iter().position(|s| s == n) {
        panic!("import cycle: {} → {n}", stack[at..].join(" → "));
    }
    if done.contains(n) {
        return;
    }
    stack.push(n.to_owned());
    for next in edges.get(n).into_iter().flatten() {
        visit(next, edges, stack, done);
    }
    stack.pop();
    done.insert(n.to_owned());
}

#[test]
fn modules_form_no_import_cycle() {
    let mut mods = BTreeMap::new();
    modules(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        "",
        &mut mods,
    );
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, code) in &mods {
        let parent = m.rsplit_once('/').map_or("", |(p, _)| p);
        for (marker, base) in [("crate::", ""), ("super::", parent)] {
            for (i, _) in code.match_indices(marker) {
                let Some(target) = named(&mods, base, &code[i + marker.len()..]) else {
                    continue;
                };
                // Across top-level modules the edge is between them; inside one, between files.
                let (from, to) = if top(&target) == top(m) {
                    (m.clone(), target)
                } else {
                    (top(m).to_owned(), top(&target).to_owned())
                };
                if from != to {
                    edges.entry(from).or_default().insert(to);
                }
            }
        }
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        visit(n, &edges, &mut Vec::new(), &mut done);
    }
    assert!(
        edges.len() > 10,
        "the scan found too few modules: {edges:?}"
    );
}
