//! Cycle search for `acyclic` assertions: Tarjan's strongly connected components, iterative so a
//! long dependency chain in hostile input cannot overflow the stack, then one concrete cycle per
//! component (the shortest one through its first node) to show a person.

use std::collections::VecDeque;

/// Every cycle worth reporting, one per strongly connected component, as node indices in order
/// (the first node is not repeated at the end). Deterministic: components and cycles start at
/// their smallest node.
pub(super) fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for component in components(edges) {
        let Some(&start) = component.iter().min() else {
            continue;
        };
        let self_loop = edges[start].contains(&start);
        if component.len() == 1 && !self_loop {
            continue;
        }
        if self_loop {
            out.push(vec![start]);
            continue;
        }
        let mut in_component = vec![false; edges.len()];
        for &n in &component {
            in_component[n] = true;
        }
        if let Some(cycle) = shortest_cycle(edges, start, &in_component) {
            out.push(cycle);
        }
    }
    out.sort();
    out
}

/// Tarjan's algorithm with an explicit stack of (node, next edge to look at).
fn components(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if w >= n {
                    continue;
                }
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(component);
            }
        }
    }
    out
}

/// Breadth-first from `start`'s successors back to `start`, inside one component.
fn shortest_cycle(edges: &[Vec<usize>], start: usize, inside: &[bool]) -> Option<Vec<usize>> {
    let mut parent = vec![usize::MAX; edges.len()];
    let mut queue = VecDeque::new();
    for &w in &edges[start] {
        if w < edges.len() && inside[w] && parent[w] == usize::MAX {
            parent[w] = start;
            queue.push_back(w);
        }
    }
    while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if w == start {
                let mut cycle = vec![v];
                let mut at = v;
                while parent[at] != start {
                    at = parent[at];
                    cycle.push(at);
                }
                cycle.push(start);
                cycle.reverse();
                return Some(cycle);
            }
            if w < edges.len() && inside[w] && parent[w] == usize::MAX {
                parent[w] = v;
                queue.push_back(w);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0 (not in a cycle), 5 → 6 → 5
        let edges = vec![
            vec![1],
            vec![2],
            vec![0],
            vec![3],
            vec![0],
            vec![6],
            vec![5],
        ];
        assert_eq!(cycles(&edges), vec![vec![0, 1, 2], vec![3], vec![5, 6]]);
        assert!(cycles(&[vec![1], vec![2], vec![]]).is_empty());
    }

    #[test]
    fn picks_the_shortest_cycle_through_the_first_node() {
        // 0 → 1 → 2 → 3 → 0 and the chord 1 → 0
        let edges = vec![vec![1], vec![2, 0], vec![3], vec![0]];
        assert_eq!(cycles(&edges), vec![vec![0, 1]]);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let found = cycles(&edges);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
