//! Every JSON pointer of a loaded document maps back to the exact bytes of its node: a fixed
//! multi-document file (CRLF, æøå, every scalar and collection style) and a property test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed test"
)]

use std::collections::BTreeMap;
use std::ops::Range;

use egenregi::load::Limits;
use egenregi::load::yaml::{Document, parse, push_pointer};
use egenregi::source::SourceId;
use proptest::prelude::*;
use serde_json::Value;

/// Every pointer of `value`, in document order, the root (`""`) first.
fn pointers(value: &Value) -> Vec<String> {
    fn walk(v: &Value, p: &str, out: &mut Vec<String>) {
        out.push(p.to_owned());
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{p}/{i}"), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    walk(item, &push_pointer(p, k), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out
}

/// The last token of a pointer, unescaped.
fn last_token(pointer: &str) -> String {
    let token = pointer.rsplit('/').next().unwrap_or("");
    token.replace("~1", "/").replace("~0", "~")
}

/// Checks the key span of a mapping value: its text is the key, quoted or plain.
fn assert_key(src: &str, doc: &Document, pointer: &str) {
    let located = doc.locate(pointer);
    let parent = &pointer[..pointer.rfind('/').unwrap()];
    let parent_value = doc.value().pointer(parent).unwrap().clone();
    if parent_value.is_object() {
        let key = &src[located.key.clone().expect("a mapping value has a key span")];
        let unquoted = key
            .strip_prefix('"')
            .and_then(|k| k.strip_suffix('"'))
            .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
            .unwrap_or(key);
        assert_eq!(unquoted, last_token(pointer), "key of {pointer}");
    } else {
        assert_eq!(located.key, None, "a sequence item has no key: {pointer}");
    }
}

const FIXTURE: &str = r#"# Kommuner med æøå, CRLF line endings
apiVersion: egenregi/v1
kind: Entity
metadata:
  id: baerum-kommune
  name: "Bærum kommune"
  labels: {fylke: 'Akershus', språk: nynorsk}
spec:
  type: municipality
  empty:
  tilde: ~
  flow: [1, 2]
  nested:
    - name: Ålesund
      tags: [a, {b: c}]
    - - inner
      - "two"
    -
    - {}
  block: |
    Første linje
    andre linje
  folded: >-
    folded
    text
  plain multi: this is
    continued
  empty_flow: []
---
# second document: a sequence at the root
- æ: ø
  "quoted key": 'x'
- [ ]
"#;

/// (pointer, exact source text with `\n` for the line break) for every node of the fixture.
const EXPECTED: &[&[(&str, &str)]] = &[
    &[
        (
            "",
            "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: baerum-kommune\n  name: \"Bærum kommune\"\n  labels: {fylke: 'Akershus', språk: nynorsk}\nspec:\n  type: municipality\n  empty:\n  tilde: ~\n  flow: [1, 2]\n  nested:\n    - name: Ålesund\n      tags: [a, {b: c}]\n    - - inner\n      - \"two\"\n    -\n    - {}\n  block: |\n    Første linje\n    andre linje\n  folded: >-\n    folded\n    text\n  plain multi: this is\n    continued\n  empty_flow: []",
        ),
        ("/apiVersion", "egenregi/v1"),
        ("/kind", "Entity"),
        (
            "/metadata",
            "id: baerum-kommune\n  name: \"Bærum kommune\"\n  labels: {fylke: 'Akershus', språk: nynorsk}",
        ),
        ("/metadata/id", "baerum-kommune"),
        ("/metadata/name", "\"Bærum kommune\""),
        ("/metadata/labels", "{fylke: 'Akershus', språk: nynorsk}"),
        ("/metadata/labels/fylke", "'Akershus'"),
        ("/metadata/labels/språk", "nynorsk"),
        (
            "/spec",
            "type: municipality\n  empty:\n  tilde: ~\n  flow: [1, 2]\n  nested:\n    - name: Ålesund\n      tags: [a, {b: c}]\n    - - inner\n      - \"two\"\n    -\n    - {}\n  block: |\n    Første linje\n    andre linje\n  folded: >-\n    folded\n    text\n  plain multi: this is\n    continued\n  empty_flow: []",
        ),
        ("/spec/type", "municipality"),
        ("/spec/empty", ""),
        ("/spec/tilde", "~"),
        ("/spec/flow", "[1, 2]"),
        ("/spec/flow/0", "1"),
        ("/spec/flow/1", "2"),
        (
            "/spec/nested",
            "- name: Ålesund\n      tags: [a, {b: c}]\n    - - inner\n      - \"two\"\n    -\n    - {}",
        ),
        ("/spec/nested/0", "name: Ålesund\n      tags: [a, {b: c}]"),
        ("/spec/nested/0/name", "Ålesund"),
        ("/spec/nested/0/tags", "[a, {b: c}]"),
        ("/spec/nested/0/tags/0", "a"),
        ("/spec/nested/0/tags/1", "{b: c}"),
        ("/spec/nested/0/tags/1/b", "c"),
        ("/spec/nested/1", "- inner\n      - \"two\""),
        ("/spec/nested/1/0", "inner"),
        ("/spec/nested/1/1", "\"two\""),
        ("/spec/nested/2", ""),
        ("/spec/nested/3", "{}"),
        ("/spec/block", "|\n    Første linje\n    andre linje"),
        ("/spec/folded", ">-\n    folded\n    text"),
        ("/spec/plain multi", "this is\n    continued"),
        ("/spec/empty_flow", "[]"),
    ],
    &[
        ("", "- æ: ø\n  \"quoted key\": 'x'\n- [ ]"),
        ("/0", "æ: ø\n  \"quoted key\": 'x'"),
        ("/0/æ", "ø"),
        ("/0/quoted key", "'x'"),
        ("/1", "[ ]"),
    ],
];

#[test]
fn every_node_of_a_crlf_multi_document_file_maps_to_its_bytes() {
    let src = FIXTURE.replace('\n', "\r\n");
    let parsed = parse(&src, SourceId(0), &Limits::default());
    assert!(
        parsed.findings.is_empty(),
        "{:?}",
        parsed
            .findings
            .iter()
            .map(|f| &f.finding)
            .collect::<Vec<_>>()
    );
    assert_eq!(parsed.documents.len(), EXPECTED.len());
    for (doc, expected) in parsed.documents.iter().zip(EXPECTED) {
        // The table names every node, no more and no fewer.
        let expected: BTreeMap<&str, String> = expected
            .iter()
            .map(|(p, text)| (*p, text.replace('\n', "\r\n")))
            .collect();
        let all = pointers(&doc.value());
        assert_eq!(
            all.iter()
                .map(String::as_str)
                .collect::<std::collections::BTreeSet<_>>(),
            expected.keys().copied().collect(),
            "the table must name every node"
        );
        for pointer in &all {
            let located = doc.locate(pointer);
            assert!(located.exact, "{pointer} is not exact");
            assert_eq!(
                &src[located.value.clone()],
                expected[pointer.as_str()],
                "bytes of {pointer}"
            );
            if !pointer.is_empty() {
                assert_key(&src, doc, pointer);
            }
        }
    }
    // Empty values are zero-length, on the line of their key or dash.
    let doc = &parsed.documents[0];
    let colon = src.find("empty:").unwrap() + "empty".len();
    assert_eq!(doc.locate("/spec/empty").value, colon..colon);
    let dash = src.find("-\r\n    - {}").unwrap() + 1;
    assert_eq!(doc.locate("/spec/nested/2").value, dash..dash);
}

#[test]
fn missing_and_alias_nodes_resolve_to_the_nearest_ancestor() {
    let src = "a: &x {b: [1, 2]}\nc: *x\n";
    let parsed = parse(src, SourceId(0), &Limits::default());
    let doc = &parsed.documents[0];
    let missing = doc.locate("/a/nope/deeper");
    assert!(!missing.exact);
    assert_eq!(&src[missing.value], "{b: [1, 2]}");
    assert_eq!(&src[missing.key.unwrap()], "a");
    // Inside an alias the copy has no bytes of its own: the alias itself is the answer.
    let inside = doc.locate("/c/b/1");
    assert!(!inside.exact);
    assert_eq!(&src[inside.value], "*x");
    assert_eq!(doc.value()["c"]["b"][1], 2);
}

#[test]
fn tag_findings_point_at_the_tag() {
    let src = "a: !Ref x\nb: !Seq [1]\nc: !Map\n  d: 1\n";
    let parsed = parse(src, SourceId(0), &Limits::default());
    let tags: Vec<&str> = parsed
        .findings
        .iter()
        .map(|f| &src[f.finding.location.span.clone()])
        .collect();
    assert_eq!(tags, ["!Ref", "!Seq", "!Map"]);
}

// ---- property test: random values, emitted as mixed block/flow YAML ----

#[derive(Debug, Clone, Copy)]
enum Layout {
    Block,
    Flow,
    /// A block sequence as a mapping value, at the key's own indentation.
    Indentless,
}

#[derive(Debug, Clone)]
enum Node {
    /// 0: `null`, 1: `~`, 2: nothing at all (only where a block allows it).
    Null(u8),
    Bool(bool),
    Int(i64),
    Float(f64),
    /// 0: plain if safe, 1: single-quoted if possible, 2: double-quoted, 3: literal block if safe.
    Str(String, u8),
    Seq(Vec<Node>, Layout),
    Map(Vec<(String, Node)>, Layout),
}

impl Node {
    fn to_json(&self) -> Value {
        match self {
            Self::Null(_) => Value::Null,
            Self::Bool(b) => Value::Bool(*b),
            Self::Int(i) => Value::from(*i),
            Self::Float(f) => Value::from(*f),
            Self::Str(s, _) => Value::String(s.clone()),
            Self::Seq(items, _) => items.iter().map(Self::to_json).collect(),
            Self::Map(entries, _) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A non-empty block collection (empty ones are written `[]` / `{}`).
    fn is_block(&self) -> bool {
        match self {
            Self::Seq(items, l) => !items.is_empty() && !matches!(l, Layout::Flow),
            Self::Map(entries, l) => !entries.is_empty() && !matches!(l, Layout::Flow),
            _ => false,
        }
    }
}

fn plain_safe(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && !s.ends_with(' ')
        && s.chars().all(|c| c.is_alphanumeric() || c == ' ')
        && egenregi::load::yaml::resolve_plain(s) == Value::String(s.to_owned())
}

fn literal_safe(s: &str) -> bool {
    !s.is_empty()
        && s.split('\n').all(|line| {
            !line.is_empty()
                && !line.starts_with([' ', '#'])
                && !line.ends_with(' ')
                && !line.contains(['\t', '\r'])
        })
}

/// Writes YAML and records, for every pointer, the byte range its node must locate to.
struct Emitter {
    out: String,
    spans: Vec<(String, Range<usize>)>,
}

impl Emitter {
    fn pad(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn record(&mut self, pointer: &str, r: Range<usize>) -> Range<usize> {
        self.spans.push((pointer.to_owned(), r.clone()));
        r
    }

    fn key(&mut self, key: &str) {
        if plain_safe(key) {
            self.out.push_str(key);
        } else {
            self.out.push_str(&serde_json::to_string(key).unwrap());
        }
    }

    /// A scalar or a flow collection, on the current line.
    fn inline(&mut self, node: &Node, pointer: &str) -> Range<usize> {
        let start = self.out.len();
        match node {
            Node::Null(1) => self.out.push('~'),
            Node::Null(_) => self.out.push_str("null"),
            Node::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Node::Int(i) => self.out.push_str(&i.to_string()),
            Node::Float(f) => self.out.push_str(&format!("{f:?}")),
            Node::Str(s, style) => {
                if *style == 0 && plain_safe(s) {
                    self.out.push_str(s);
                } else if *style == 1 && !s.contains(['\n', '\r', '\t']) {
                    self.out.push('\'');
                    self.out.push_str(&s.replace('\'', "''"));
                    self.out.push('\'');
                } else {
                    self.out.push_str(&serde_json::to_string(s).unwrap());
                }
            }
            Node::Seq(items, _) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.inline(item, &format!("{pointer}/{i}"));
                }
                self.out.push(']');
            }
            Node::Map(entries, _) => {
                self.out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.key(k);
                    self.out.push_str(": ");
                    self.inline(v, &push_pointer(pointer, k));
                }
                self.out.push('}');
            }
        }
        let end = self.out.len();
        self.record(pointer, start..end)
    }

    /// A value after `key:` or `- ` (the separator not yet written), ending with a line break.
    fn block_value(
        &mut self,
        node: &Node,
        pointer: &str,
        indent: usize,
        dash: bool,
    ) -> Range<usize> {
        match node {
            Node::Null(2) => {
                // Nothing written: the empty value sits at the colon (after a dash).
                let at = if dash {
                    self.out.len()
                } else {
                    self.out.len() - 1
                };
                self.out.push('\n');
                self.record(pointer, at..at)
            }
            Node::Str(s, 3) if literal_safe(s) => {
                self.out.push(' ');
                let start = self.out.len();
                self.out.push_str("|-");
                for line in s.split('\n') {
                    self.out.push('\n');
                    self.pad(indent + 2);
                    self.out.push_str(line);
                }
                let end = self.out.len();
                self.out.push('\n');
                self.record(pointer, start..end)
            }
            Node::Seq(_, layout) if node.is_block() && dash => {
                let _ = layout;
                self.out.push(' ');
                self.block(node, pointer, indent + 2, true)
            }
            Node::Map(..) if node.is_block() && dash => {
                self.out.push(' ');
                self.block(node, pointer, indent + 2, true)
            }
            Node::Seq(_, Layout::Indentless) if node.is_block() => {
                self.out.push('\n');
                self.block(node, pointer, indent, false)
            }
            _ if node.is_block() => {
                self.out.push('\n');
                self.block(node, pointer, indent + 2, false)
            }
            _ => {
                self.out.push(' ');
                let r = self.inline(node, pointer);
                self.out.push('\n');
                r
            }
        }
    }

    /// A non-empty block collection at `indent`; `inline`: its first line is already indented.
    fn block(&mut self, node: &Node, pointer: &str, indent: usize, inline: bool) -> Range<usize> {
        let mut start = None;
        let mut end = 0;
        match node {
            Node::Seq(items, _) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 || !inline {
                        self.pad(indent);
                    }
                    start.get_or_insert(self.out.len());
                    self.out.push('-');
                    end = self
                        .block_value(item, &format!("{pointer}/{i}"), indent, true)
                        .end;
                }
            }
            Node::Map(entries, _) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 || !inline {
                        self.pad(indent);
                    }
                    start.get_or_insert(self.out.len());
                    self.key(k);
                    self.out.push(':');
                    end = self
                        .block_value(v, &push_pointer(pointer, k), indent, false)
                        .end;
                }
            }
            _ => unreachable!("only block collections"),
        }
        let start = start.unwrap();
        self.record(pointer, start..end)
    }

    fn document(node: &Node) -> Self {
        let mut e = Self {
            out: String::from("# generated\n"),
            spans: Vec::new(),
        };
        if node.is_block() {
            e.block(node, "", 0, false);
        } else {
            let node = match node {
                Node::Null(2) => &Node::Null(0),
                Node::Str(s, 3) => &Node::Str(s.clone(), 2),
                n => n,
            };
            e.inline(node, "");
            e.out.push('\n');
        }
        e
    }
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        3 => Just(Layout::Block),
        2 => Just(Layout::Flow),
        1 => Just(Layout::Indentless),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zæøåA-ZÆØÅ][a-zæøå0-9 ]{0,10}[a-zæøå0-9]",
        "[a-zæøå]{1,6}( [a-zæøå#:'\"]{1,6}){0,3}(\n[a-zæøå:#]{1,8}){0,2}",
        "[ -~æøåÆØÅ€\t\n]{0,12}",
        Just(String::new()),
        prop_oneof![
            Just("NO"),
            Just("null"),
            Just("true"),
            Just("0755"),
            Just("1.10"),
            Just("~")
        ]
        .prop_map(str::to_owned),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        (0u8..3).prop_map(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<i64>().prop_map(Node::Int),
        (-1.0e9f64..1.0e9).prop_map(Node::Float),
        (text(), 0u8..4).prop_map(|(s, style)| Node::Str(s, style)),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..6), layout())
                .prop_map(|(items, l)| Node::Seq(items, l)),
            (prop::collection::vec((text(), inner), 0..6), layout()).prop_map(|(entries, l)| {
                let mut seen = std::collections::HashSet::new();
                // Unique keys (duplicates are a finding, tested elsewhere); `<<` is a merge key.
                let entries = entries
                    .into_iter()
                    .filter(|(k, _)| k != "<<" && seen.insert(k.clone()))
                    .collect();
                Node::Map(entries, l)
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_yaml_round_trips_with_exact_spans(node in node()) {
        let e = Emitter::document(&node);
        let src = &e.out;
        let parsed = parse(src, SourceId(0), &Limits::default());
        let unexpected: Vec<_> = parsed
            .findings
            .iter()
            .map(|f| &f.finding)
            .filter(|f| f.rule != "yaml/ambiguous-scalar")
            .collect();
        prop_assert!(unexpected.is_empty(), "{unexpected:?}\n{src}");
        prop_assert_eq!(parsed.documents.len(), 1, "{}", src);
        let doc = &parsed.documents[0];
        prop_assert_eq!(&doc.value(), &node.to_json(), "{}", src);
        let recorded: BTreeMap<&str, &Range<usize>> =
            e.spans.iter().map(|(p, r)| (p.as_str(), r)).collect();
        for pointer in pointers(&doc.value()) {
            let located = doc.locate(&pointer);
            prop_assert!(located.exact, "{} not exact\n{}", pointer, src);
            prop_assert!(src.get(located.value.clone()).is_some(), "{} out of bounds", pointer);
            prop_assert_eq!(
                &located.value,
                recorded[pointer.as_str()],
                "{} is {:?}, written as {:?}\n{}",
                pointer,
                &src[located.value.clone()],
                &src[recorded[pointer.as_str()].clone()],
                src
            );
            if let Some(key) = &located.key {
                prop_assert!(src.get(key.clone()).is_some());
            }
        }
    }
}
