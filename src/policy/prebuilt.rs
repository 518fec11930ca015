//! The CEL expressions of the shipped policy pack, parsed when the binary was built (`build.rs`):
//! the `cel` crate's ANTLR parser spent about 10M instructions per run, 14 % of checking a small
//! repository, warming up for three expressions that never change (issue 18). Each program is
//! rebuilt here from generated code with the node ids and source positions the parser gave, so
//! `cel::compile` checks and runs it as it would a parse. A repository's own rule with the same
//! text gets the same program, which is what a parse would give it.

use cel::common::ast::{
    CallExpr, ComprehensionExpr, EntryExpr, Expr, IdedEntryExpr, ListExpr, LiteralValue,
    MapEntryExpr, MapExpr, SelectExpr, SourceInfo, StructExpr, StructFieldExpr,
};
use cel::common::types::{CelBool, CelBytes, CelDouble, CelInt, CelString, CelUInt};
use cel::{IdedExpr, Program};

#[allow(
    clippy::unreadable_literal,
    unused_imports,
    reason = "generated: numbers are written as the parser read them; an expression may use any \
              kind of node"
)]
mod generated {
    use super::{
        Build, CallExpr, CelBool, CelBytes, CelDouble, CelInt, CelString, CelUInt,
        ComprehensionExpr, EntryExpr, Expr, IdedEntryExpr, IdedExpr, ListExpr, LiteralValue,
        MapEntryExpr, MapExpr, Program, SelectExpr, StructExpr, StructFieldExpr, assemble,
    };
    include!(concat!(env!("OUT_DIR"), "/shipped_cel.rs"));
}

/// Rebuilds one program.
type Build = fn() -> Program;

/// The program of `source` as the parser would give it, if it is an expression of the shipped
/// pack.
pub(super) fn program(source: &str) -> Option<Program> {
    let table = generated::PROGRAMS;
    let i = table.binary_search_by(|(s, _)| (*s).cmp(source)).ok()?;
    table.get(i).map(|(_, build)| build())
}

/// A program from its tree and the (start, stop) of nodes 1, 2, ... in `source`.
fn assemble(source: &str, offsets: &[(u32, u32)], expression: IdedExpr) -> Program {
    let mut info = SourceInfo::default();
    source.clone_into(&mut info.source);
    for (id, &(start, stop)) in (1..).zip(offsets) {
        info.add_offset(id, start, stop);
    }
    Program::from_parts(expression, info)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic in a test is a failed test")]

    use std::collections::BTreeSet;

    use super::*;

    /// Whether every string and bytes literal of the tree owns its text, as the parser's do: the
    /// interpreter's meter charges copying owned text and not borrowed, so a borrowed literal
    /// would change what a rule's budget allows, and `==` on the tree cannot tell.
    fn owns_its_literals(e: &IdedExpr) -> bool {
        let all = |items: &[IdedExpr]| items.iter().all(owns_its_literals);
        let entries = |items: &[IdedEntryExpr]| {
            items.iter().all(|e| match &e.expr {
                EntryExpr::StructField(f) => owns_its_literals(&f.value),
                EntryExpr::MapEntry(m) => owns_its_literals(&m.key) && owns_its_literals(&m.value),
            })
        };
        match &e.expr {
            Expr::Literal(LiteralValue::String(s)) => s.as_borrowed().is_none(),
            Expr::Literal(LiteralValue::Bytes(b)) => b.as_borrowed().is_none(),
            Expr::Unspecified | Expr::Ident(_) | Expr::Literal(_) => true,
            Expr::Call(c) => c.target.as_deref().is_none_or(owns_its_literals) && all(&c.args),
            Expr::Comprehension(c) => [
                &c.iter_range,
                &c.accu_init,
                &c.loop_cond,
                &c.loop_step,
                &c.result,
            ]
            .into_iter()
            .all(owns_its_literals),
            Expr::List(l) => all(&l.elements),
            Expr::Map(m) => entries(&m.entries),
            Expr::Select(s) => owns_its_literals(&s.operand),
            Expr::Struct(s) => entries(&s.entries),
        }
    }

    #[test]
    fn each_prebuilt_program_is_what_a_parse_gives() {
        let env = super::super::cel::env();
        let table = generated::PROGRAMS;
        assert!(
            table.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, for the binary search"
        );
        for (source, _) in table {
            let built = program(source).unwrap();
            let parsed = env.compile(source).unwrap();
            assert_eq!(built.expression(), parsed.expression(), "{source}");
            assert!(owns_its_literals(built.expression()), "{source}");
            let (b, p) = (built.source_info(), parsed.source_info());
            assert_eq!(b.source, p.source);
            // ids are numbered from 1; macros add nodes, but fewer than the limit on nodes
            let mut positions = 0;
            for id in 0..4000 {
                assert_eq!(b.offset_for(id), p.offset_for(id), "{source}: node {id}");
                positions += usize::from(p.offset_for(id).is_some());
            }
            assert!(positions > 10, "{source}: {positions} positions");
        }
    }

    #[test]
    fn every_expression_of_the_shipped_pack_is_prebuilt() {
        super::super::cel::COMPILED.with(|c| c.borrow_mut().clear());
        let (rules, _) = super::super::compile_files(&super::super::shipped()).unwrap();
        assert!(!rules.is_empty());
        let compiled = super::super::cel::COMPILED.with(std::cell::RefCell::take);
        let parsed: Vec<_> = compiled.iter().filter(|(_, built)| !built).collect();
        assert!(parsed.is_empty(), "parsed at run time: {parsed:?}");
        // and the table holds exactly those: no expression of an older pack
        let sources: BTreeSet<&str> = compiled.iter().map(|(s, _)| s.as_str()).collect();
        let table: BTreeSet<&str> = generated::PROGRAMS.iter().map(|(s, _)| *s).collect();
        assert_eq!(sources, table);
        assert!(table.len() >= 3, "the pack has CEL rules: {table:?}");
    }

    #[test]
    fn any_other_expression_is_parsed() {
        assert!(program("self.spec.criticality == 'high'").is_none());
        let (source, _) = generated::PROGRAMS[0];
        assert!(program(&format!("{source} ")).is_none());
    }
}
