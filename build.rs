//! Parses the KDL files compiled into the binary (the shipped policy pack and the jurisdiction
//! pack) when the binary is built, so that no run pays for it: the `kdl` crate's parser took
//! about 80 % of the CPU of checking an empty repository (issue 18). The parsed documents are
//! written to `$OUT_DIR/shipped_kdl.rs` as flat tables of nodes and entries with their spans;
//! `src/shipped.rs` rebuilds the `KdlDocument` from them, and its test compares the result with
//! a parse at run time, span by span.
//!
//! The CEL expressions of the shipped policy pack are parsed here too, for the same reason: the
//! `cel` crate's ANTLR parser spent 14 % of the instructions of checking a small repository
//! warming up for three expressions that never change (issue 18). Each program is written to
//! `$OUT_DIR/shipped_cel.rs` as Rust code that rebuilds its syntax tree, node ids and source
//! positions; `src/policy/prebuilt.rs` looks them up by source text, and its test compares each
//! with a parse at run time.
//!
//! The JSON Schemas are written here once more as the validators read them: minified, without
//! the words meant for editors (`description`, `title`, `examples`, `default`, `$comment`),
//! which were 22 of their 39 KB. Every run parses and indexes the schemas it validates with;
//! `src/schema.rs` parses the full files only for a finding's help text, and its test checks
//! that the two differ in nothing else.
//!
//! The register of county and municipality numbers (`data/*.csv`) is written here as sorted
//! tables of Rust literals (`src/model/register.rs`), where every run that met a municipality
//! number had parsed and sorted its 505 rows; its test compares them with a parse of the files.
//!
//! The index of each locale's Fluent entries (`src/i18n/split.rs`, shared with the crate by
//! path) is written here too: every run that said a message had split a 60 KB file to find it.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a build script fails the build by panicking, with the file and the error"
)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use cel::IdedExpr;
use cel::common::ast::{
    CallExpr, ComprehensionExpr, EntryExpr, Expr, IdedEntryExpr, ListExpr, LiteralValue,
    MapEntryExpr, MapExpr, SelectExpr, StructExpr, StructFieldExpr,
};
use kdl::{KdlDocument, KdlEntry, KdlNode, KdlValue};

/// `(offset, length)`; any span type of the `kdl` crate (miette's, which it re-exports by use).
macro_rules! span {
    ($s:expr) => {{
        let s = $s;
        format!("({}, {})", s.offset(), s.len())
    }};
}

/// (name in `src/shipped.rs`, path in the repository).
const FILES: &[(&str, &str)] = &[
    ("INFRASTRUCTURE", "policies/infrastructure.kdl"),
    ("NO", "policies/jurisdictions/no.kdl"),
];

/// The file of `FILES` whose CEL expressions are parsed here: the policy pack (the
/// jurisdiction pack has none, and is not compiled as rules).
const POLICY_PACK: &str = "policies/infrastructure.kdl";

/// The schema files, by stem (`schemas/<stem>.schema.json`), in `src/schema.rs`'s order.
const SCHEMA_STEMS: &[&str] = &[
    "common",
    "entity",
    "service",
    "tenant",
    "activity-report",
    "waiver",
];

/// The keywords that constrain nothing (annotations for editors): dropped from the copies the
/// validators compile.
const ANNOTATIONS: &[&str] = &["description", "title", "examples", "default", "$comment"];

/// Writes `$OUT_DIR/<stem>.validated.json` for every schema: minified, its annotations dropped.
fn validated_schemas(out: &Path) {
    for stem in SCHEMA_STEMS {
        let path = format!("schemas/{stem}.schema.json");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut schema: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        drop_annotations(&mut schema);
        let text = serde_json::to_string(&schema).expect("a JSON value serialises");
        std::fs::write(out.join(format!("{stem}.validated.json")), text)
            .expect("OUT_DIR is writable");
    }
}

/// Drops [`ANNOTATIONS`] from `schema` and from every schema inside it. Only the keywords whose
/// values are schemas are entered: a property may be named `description`, and an `enum` or
/// `const` value may hold one as data.
fn drop_annotations(schema: &mut serde_json::Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    map.retain(|k, _| !ANNOTATIONS.contains(&k.as_str()));
    for (keyword, value) in map.iter_mut() {
        match keyword.as_str() {
            "$defs" | "properties" => {
                for sub in value
                    .as_object_mut()
                    .into_iter()
                    .flat_map(|m| m.values_mut())
                {
                    drop_annotations(sub);
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                for sub in value.as_array_mut().into_iter().flatten() {
                    drop_annotations(sub);
                }
            }
            "items" | "additionalProperties" | "propertyNames" | "if" | "then" | "else" | "not" => {
                drop_annotations(value);
            }
            _ => {}
        }
    }
}

/// (name of the table, CSV file): `number,name,valid_from,valid_to`, `valid_to` empty while
/// valid.
const REGISTERS: &[(&str, &str)] = &[
    ("COUNTY_ROWS", "data/no-counties.csv"),
    ("MUNICIPALITY_ROWS", "data/no-municipalities.csv"),
];

// The crate's own dates: the register's days are checked as a run would read them.
#[path = "src/date.rs"]
#[allow(
    dead_code,
    reason = "build.rs only parses; the arithmetic is for the crate"
)]
mod date;

/// `d` as a literal of `src/date.rs`'s `Date`.
fn date_literal(d: date::Date) -> String {
    format!(
        "Date {{ year: {}, month: {}, day: {} }}",
        d.year, d.month, d.day
    )
}

/// Writes `$OUT_DIR/register.rs`: each register's rows sorted by number, then start. The files
/// are ours, so a row without four fields or with a day that does not exist fails the build.
fn registers(out: &Path) {
    let mut code = String::from("// Generated by build.rs from data/*.csv. Do not edit.\n");
    for (name, path) in REGISTERS {
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut rows: Vec<(&str, &str, date::Date, Option<date::Date>)> = text
            .lines()
            .skip(1)
            .map(|line| {
                let mut fields = line.split(',');
                let mut next = || {
                    fields
                        .next()
                        .unwrap_or_else(|| panic!("{path}: `{line}` has fewer than four fields"))
                };
                let day = |s: &str| {
                    date::Date::parse(s)
                        .unwrap_or_else(|| panic!("{path}: `{line}`: `{s}` is not a day"))
                };
                let (number, label, from, to) = (next(), next(), next(), next().trim());
                (number, label, day(from), (!to.is_empty()).then(|| day(to)))
            })
            .collect();
        // the order `Register::periods` searches in
        rows.sort_by(|a, b| a.0.cmp(b.0).then(a.2.cmp(&b.2)));
        let _ = writeln!(code, "pub static {name}: &[Row] = &[");
        for (number, label, from, to) in rows {
            let to = to.map_or_else(
                || "None".to_owned(),
                |d| format!("Some({})", date_literal(d)),
            );
            let _ = writeln!(
                code,
                "    Row {{ number: {number:?}, name: {label:?}, from: {}, to: {to} }},",
                date_literal(from)
            );
        }
        code.push_str("];\n");
    }
    println!("cargo::rerun-if-changed=src/date.rs");
    std::fs::write(out.join("register.rs"), code).expect("OUT_DIR is writable");
}

#[path = "src/i18n/split.rs"]
mod split;

/// Writes `$OUT_DIR/ftl_index.rs`: each locale's entries `(id, start, end)`, sorted by id, the
/// last of an id kept.
fn ftl_index(out: &Path) {
    let mut code = String::from("// Generated by build.rs from locales/*.ftl. Do not edit.\n");
    for (name, path) in [("EN", "locales/en.ftl"), ("NB", "locales/nb.ftl")] {
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut entries = split::entries(&text);
        // stable: of one id, the last in the file stays last and is kept
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut kept: Vec<(&str, usize, usize)> = Vec::with_capacity(entries.len());
        for e in entries {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        let _ = writeln!(code, "pub static {name}: &[(&str, u32, u32)] = &[");
        for (id, start, end) in kept {
            let _ = writeln!(code, "    ({id:?}, {start}, {end}),");
        }
        code.push_str("];\n");
    }
    println!("cargo::rerun-if-changed=src/i18n/split.rs");
    std::fs::write(out.join("ftl_index.rs"), code).expect("OUT_DIR is writable");
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    ftl_index(Path::new(&out));
    validated_schemas(Path::new(&out));
    registers(Path::new(&out));
    let mut code =
        String::from("// Generated by build.rs from the shipped KDL files. Do not edit.\n");
    let mut cel = BTreeSet::new();
    for (name, path) in FILES {
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = KdlDocument::parse_v2(&text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        if *path == POLICY_PACK {
            cel_sources(&doc, &mut cel);
        }
        // the whole file is a children block without a node: its span is the document's
        let _ = writeln!(
            code,
            "pub static {name}: &[Op] = &[\nOp::Children {{ span: {} }},",
            span!(doc.span())
        );
        document(&mut code, &doc);
        code.push_str("Op::End,\n];\n");
    }
    println!("cargo::rerun-if-changed=build.rs");
    std::fs::write(Path::new(&out).join("shipped_kdl.rs"), code).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("shipped_cel.rs"), programs(&cel))
        .expect("OUT_DIR is writable");
}

fn ident(i: &kdl::KdlIdentifier) -> String {
    format!("({:?}, {})", i.value(), span!(i.span()))
}

fn document(code: &mut String, doc: &KdlDocument) {
    for node in doc.nodes() {
        self::node(code, node);
    }
}

fn node(code: &mut String, node: &KdlNode) {
    let ty = node
        .ty()
        .map_or_else(|| "None".to_owned(), |t| format!("Some({})", ident(t)));
    let _ = writeln!(
        code,
        "Op::Node {{ name: {}, ty: {ty}, span: {} }},",
        ident(node.name()),
        span!(node.span())
    );
    for e in node.entries() {
        entry(code, e);
    }
    if let Some(children) = node.children() {
        let _ = writeln!(code, "Op::Children {{ span: {} }},", span!(children.span()));
        document(code, children);
        code.push_str("Op::End,\n");
    }
    code.push_str("Op::End,\n");
}

fn entry(code: &mut String, e: &KdlEntry) {
    let name = e
        .name()
        .map_or_else(|| "None".to_owned(), |n| format!("Some({})", ident(n)));
    let ty = e
        .ty()
        .map_or_else(|| "None".to_owned(), |t| format!("Some({})", ident(t)));
    let value = match e.value() {
        KdlValue::String(s) => format!("Value::String({s:?})"),
        KdlValue::Integer(i) => format!("Value::Integer({i})"),
        KdlValue::Float(f) => format!("Value::Float({:#x})", f.to_bits()),
        KdlValue::Bool(b) => format!("Value::Bool({b})"),
        KdlValue::Null => "Value::Null".to_owned(),
    };
    let _ = writeln!(
        code,
        "Op::Entry {{ name: {name}, ty: {ty}, value: {value}, span: {} }},",
        span!(e.span())
    );
}

/// Every CEL source of a rule file, as the rule compiler finds them
/// (`src/policy/compile/steps.rs`): the first argument of an `expr` node and the `expr=` of a
/// `when`, when they are strings. One found elsewhere would only be parsed in vain; one missed
/// is parsed at run time, and `src/policy/prebuilt.rs`'s test fails.
fn cel_sources(doc: &KdlDocument, out: &mut BTreeSet<String>) {
    for node in doc.nodes() {
        let entry = match node.name().value() {
            "expr" => node.entries().iter().find(|e| e.name().is_none()),
            "when" => node
                .entries()
                .iter()
                .find(|e| e.name().is_some_and(|n| n.value() == "expr")),
            _ => None,
        };
        if let Some(KdlValue::String(s)) = entry.map(KdlEntry::value) {
            out.insert(s.clone());
        }
        if let Some(children) = node.children() {
            cel_sources(children, out);
        }
    }
}

/// `$OUT_DIR/shipped_cel.rs`: a table of the sources, sorted for a binary search, each with a
/// function that rebuilds its program.
fn programs(sources: &BTreeSet<String>) -> String {
    // the parser and macros of `cel::Env::stdlib()`, which `src/policy/cel.rs` extends with
    // functions only: those do not change a parse
    let env = cel::Env::stdlib();
    let mut code = String::from(
        "// Generated by build.rs from the CEL expressions of the shipped policy pack. Do not edit.\n\
         pub static PROGRAMS: &[(&str, Build)] = &[\n",
    );
    for i in 0..sources.len() {
        let _ = writeln!(code, "    (SOURCE_{i}, program_{i}),");
    }
    code.push_str("];\n");
    for (i, source) in sources.iter().enumerate() {
        let program = env
            .compile(source)
            .unwrap_or_else(|e| panic!("{POLICY_PACK}: the CEL expression {source:?}: {e}"));
        let info = program.source_info();
        // the parser numbers nodes from 1 and records where each was written
        let offsets: Vec<(u32, u32)> = (1..).map_while(|id| info.offset_for(id)).collect();
        let _ = write!(
            code,
            "\nconst SOURCE_{i}: &str = {source:?};\n\nfn program_{i}() -> Program {{\n    assemble(\n        SOURCE_{i},\n        &["
        );
        for (start, stop) in &offsets {
            let _ = write!(code, "({start}, {stop}), ");
        }
        code.push_str("],\n        ");
        let mut max_id = 0;
        cel_expr(&mut code, program.expression(), 2, &mut max_id);
        assert!(
            usize::try_from(max_id).is_ok_and(|id| id <= offsets.len()),
            "{source:?}: node {max_id} has no position"
        );
        code.push_str(",\n    )\n}\n");
    }
    code
}

fn indent(code: &mut String, depth: usize) {
    code.push('\n');
    for _ in 0..depth {
        code.push_str("    ");
    }
}

/// Rust for a node and its subtree, written field by field without `..`, so that a field or kind
/// added to the vendored AST fails the build here rather than being left out. `max_id` is the
/// largest node id seen.
fn cel_expr(code: &mut String, e: &IdedExpr, depth: usize, max_id: &mut u64) {
    let IdedExpr { id, expr: kind } = e;
    *max_id = (*max_id).max(*id);
    let _ = write!(code, "IdedExpr {{ id: {id}, expr: ");
    let d = depth + 1;
    match kind {
        Expr::Unspecified => code.push_str("Expr::Unspecified"),
        Expr::Call(CallExpr {
            func_name,
            target,
            args,
        }) => {
            let _ = write!(
                code,
                "Expr::Call(CallExpr {{ func_name: {func_name:?}.to_owned(), target: "
            );
            match target {
                Some(t) => {
                    code.push_str("Some(Box::new(");
                    cel_expr(code, t, d, max_id);
                    code.push_str("))");
                }
                None => code.push_str("None"),
            }
            code.push_str(", args: vec![");
            cel_list(code, args, d, max_id);
            code.push_str("] })");
        }
        Expr::Comprehension(c) => {
            let ComprehensionExpr {
                iter_range,
                iter_var,
                iter_var2,
                accu_var,
                accu_init,
                loop_cond,
                loop_step,
                result,
            } = &**c;
            let _ = write!(
                code,
                "Expr::Comprehension(Box::new(ComprehensionExpr {{ iter_var: {iter_var:?}.to_owned(), iter_var2: {}, accu_var: {accu_var:?}.to_owned(),",
                iter_var2
                    .as_ref()
                    .map_or_else(|| "None".to_owned(), |v| format!("Some({v:?}.to_owned())"))
            );
            for (name, e) in [
                ("iter_range", iter_range),
                ("accu_init", accu_init),
                ("loop_cond", loop_cond),
                ("loop_step", loop_step),
                ("result", result),
            ] {
                indent(code, d);
                let _ = write!(code, "{name}: ");
                cel_expr(code, e, d, max_id);
                code.push(',');
            }
            code.push_str(" }))");
        }
        Expr::Ident(name) => {
            let _ = write!(code, "Expr::Ident({name:?}.to_owned())");
        }
        Expr::List(ListExpr {
            elements,
            optional_indices,
        }) => {
            code.push_str("Expr::List(ListExpr { elements: vec![");
            cel_list(code, elements, d, max_id);
            let _ = write!(code, "], optional_indices: vec!{optional_indices:?} }})");
        }
        Expr::Literal(value) => {
            code.push_str("Expr::Literal(");
            cel_literal(code, value);
            code.push(')');
        }
        Expr::Map(MapExpr { entries }) => {
            code.push_str("Expr::Map(MapExpr { entries: vec![");
            for entry in entries {
                cel_entry(code, entry, d, max_id);
            }
            code.push_str("] })");
        }
        Expr::Select(SelectExpr {
            operand,
            field,
            test,
        }) => {
            code.push_str("Expr::Select(SelectExpr { operand: Box::new(");
            cel_expr(code, operand, d, max_id);
            let _ = write!(code, "), field: {field:?}.to_owned(), test: {test} }})");
        }
        Expr::Struct(StructExpr { type_name, entries }) => {
            let _ = write!(
                code,
                "Expr::Struct(StructExpr {{ type_name: {type_name:?}.to_owned(), entries: vec!["
            );
            for entry in entries {
                cel_entry(code, entry, d, max_id);
            }
            code.push_str("] })");
        }
    }
    code.push_str(" }");
}

/// The elements of a `vec![...]`, one a line.
fn cel_list(code: &mut String, items: &[IdedExpr], depth: usize, max_id: &mut u64) {
    for item in items {
        indent(code, depth);
        cel_expr(code, item, depth, max_id);
        code.push(',');
    }
}

fn cel_entry(code: &mut String, e: &IdedEntryExpr, depth: usize, max_id: &mut u64) {
    let IdedEntryExpr { id, expr: kind } = e;
    *max_id = (*max_id).max(*id);
    indent(code, depth);
    let _ = write!(code, "IdedEntryExpr {{ id: {id}, expr: ");
    let d = depth + 1;
    match kind {
        EntryExpr::StructField(StructFieldExpr {
            field,
            value,
            optional,
        }) => {
            let _ = write!(
                code,
                "EntryExpr::StructField(StructFieldExpr {{ field: {field:?}.to_owned(), optional: {optional}, value: "
            );
            cel_expr(code, value, d, max_id);
        }
        EntryExpr::MapEntry(MapEntryExpr {
            key,
            value,
            optional,
        }) => {
            let _ = write!(
                code,
                "EntryExpr::MapEntry(MapEntryExpr {{ optional: {optional}, key: "
            );
            cel_expr(code, key, d, max_id);
            code.push_str(", value: ");
            cel_expr(code, value, d, max_id);
        }
    }
    code.push_str(" }) },");
}

/// A literal as the parser makes it: strings and bytes owned (the interpreter's meter charges
/// copying owned text, not borrowed), numbers exactly (a double by its bits).
fn cel_literal(code: &mut String, value: &LiteralValue) {
    let _ = match value {
        LiteralValue::Boolean(b) => {
            write!(code, "LiteralValue::Boolean(CelBool::from({}))", b.inner())
        }
        LiteralValue::Bytes(b) => write!(
            code,
            "LiteralValue::Bytes(CelBytes::from(Vec::<u8>::from({:?})))",
            b.inner()
        ),
        LiteralValue::Double(f) => write!(
            code,
            "LiteralValue::Double(CelDouble::from(f64::from_bits({:#x})))",
            f.inner().to_bits()
        ),
        LiteralValue::Int(i) => write!(code, "LiteralValue::Int(CelInt::from({}_i64))", i.inner()),
        LiteralValue::Null => write!(code, "LiteralValue::Null"),
        LiteralValue::String(s) => write!(
            code,
            "LiteralValue::String(CelString::from({:?}.to_owned()))",
            s.inner()
        ),
        LiteralValue::UInt(u) => {
            write!(code, "LiteralValue::UInt(CelUInt::from({}_u64))", u.inner())
        }
    };
}
