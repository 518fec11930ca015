//! A loaded YAML document as one table of nodes (issue 18).
//!
//! Every node is a fixed-size row in a vector, in document order (a collection before its
//! children), holding its byte span, its key's span when it is a mapping value, and its payload.
//! Text is not copied: a key or a string borrows its bytes from the file's text (shared with
//! [`crate::source::SourceFile`]) whenever YAML needed no escape processing, and only the rest
//! (escapes, folded block scalars) lives in the tree's own buffer. A node costs 20 bytes,
//! against about 250 for a `serde_json::Value` plus its span tree, so a document takes about
//! 0.8× the bytes of its text beside it. A key's text is the text of its key's span; the few
//! keys for which it is not (quoted, escaped, empty) are kept beside the table.
//!
//! Readers go through [`NodeRef`]: a copyable handle with the accessors of a JSON value
//! (`get`, `items`, `entries`, `as_str`, …), the node's spans, and [`NodeRef::to_value`] for the
//! few places that need a `serde_json::Value` (the CEL activation of a rule that names the
//! document, and a JSON Schema error's instance). The typed model deserializes from the nodes
//! ([`de`]), and JSON Schema validates the nodes in place ([`schema`]): `jsonschema` is generic
//! over its instance representation, so no document is ever converted to validate it.

pub mod de;
pub mod schema;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Number, Value};

/// What a node holds, as JSON sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A node the readers never see: a value shadowed by a later duplicate key, the value of a
/// dropped merge key (`<<`), or a collection written as a key. It stays in the table (an anchor
/// may still point into it) but is skipped by every iteration.
const DEAD: u8 = 1;
/// The root of a copy an alias made of its anchor: located as one leaf at the alias, as the
/// alias's own text is all the file has there.
const ALIAS: u8 = 2;
/// The key's span is longer than a row's 16 bits hold: its end is in [`Tree::long_keys`].
const KEY_LONG: u8 = 4;
/// The key's text is not the text of its span (an escaped or quoted key, a key an alias or a
/// flow collection gave, `null` for an empty key): it is in [`Tree::keys`].
const KEY_ELSEWHERE: u8 = 8;
/// The node has no key (an item, the root), or its key is the empty string.
const KEY_EMPTY: u8 = 64;
/// The bits from here on mean something for one kind of node only.
///
/// A number's bits are in [`Tree::numbers`] (anything but an integer from 0 to `u32::MAX`,
/// which the row holds itself), as a negative integer or a float when these say so.
const NUM_WIDE: u8 = 128;
const NUM_NEG: u8 = 16;
const NUM_FLOAT: u8 = 32;
/// A string's text is the file's text at its span, or inside its span's first and last byte
/// (a quoted string without escapes); any other text is named in [`Tree::texts`].
const TEXT_SPAN: u8 = 16;
const TEXT_INNER: u8 = 32;
/// A collection has an index of its live children ([`INDEXED`]).
const HAS_INDEX: u8 = 16;

/// Collections with more children than this get an index (key to child, position to child),
/// so locating a node never scans a long mapping or sequence (700,000 keys and a finding on
/// each was quadratic).
const INDEXED: usize = 16;

/// One row, 20 bytes. `a` is the payload: for a boolean 0 or 1; for a number its value or its
/// place in [`Tree::numbers`] ([`NUM_WIDE`]); for a string nothing when its text is at its
/// span ([`TEXT_SPAN`], [`TEXT_INNER`]), else its place in [`Tree::texts`]; for a collection
/// the row after its last descendant. A collection's number of live children is counted
/// from its rows (at most [`INDEXED`] of them), or read from its index. A key's text is the
/// file's text at its span, unless a flag says it is empty or elsewhere ([`KEY_EMPTY`],
/// [`KEY_ELSEWHERE`]): a plain key, nearly every key, costs nothing beyond its span.
///
/// Each row was 28 bytes, with a second payload word and the key's end: at ×10 of the national
/// corpus the rows were a fifth of the heap's peak (issue 18).
#[derive(Debug, Clone, Copy)]
struct Node {
    start: u32,
    end: u32,
    key_start: u32,
    a: u32,
    /// The key span's length, unless [`KEY_LONG`].
    key_len: u16,
    kind: NodeKind,
    flags: u8,
}

/// Text of a key or a string: where it is (in the file's text, or in the tree's buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRef {
    offset: u32,
    len: u32,
    owned: bool,
}

impl TextRef {
    pub const EMPTY: Self = Self {
        offset: 0,
        len: 0,
        owned: false,
    };
}

/// An index of a large collection's live children.
#[derive(Debug, Clone)]
enum Index {
    Keys(HashMap<Box<str>, u32>),
    Items(Box<[u32]>),
}

/// The text a tree's strings are in: the file's, and what had to be copied.
#[derive(Debug, Clone, Default)]
pub struct Text {
    src: Arc<str>,
    owned: String,
}

impl Text {
    /// The text a [`TextRef`] names.
    pub fn str_of(&self, t: TextRef) -> &str {
        let (from, to) = (t.offset as usize, t.offset as usize + t.len as usize);
        let s = if t.owned {
            self.owned.get(from..to)
        } else {
            self.src.get(from..to)
        };
        s.unwrap_or("")
    }
}

/// One document's node table. Row 0 is the root.
#[derive(Debug, Clone)]
pub struct Tree {
    text: Text,
    nodes: Vec<Node>,
    /// Indexes of the large collections, by row, in row order.
    index: Vec<(u32, Index)>,
    /// The text of each key that is not the text of its span ([`KEY_ELSEWHERE`]), by row.
    keys: crate::hash::Map<u32, TextRef>,
    /// The end of each key span too long for its row ([`KEY_LONG`]), by row.
    long_keys: crate::hash::Map<u32, u32>,
    /// Texts of strings that are not at their spans (copied, unescaped, folded).
    texts: Vec<TextRef>,
    /// Numbers a row does not hold ([`NUM_WIDE`]).
    numbers: Vec<u64>,
}

impl Default for Tree {
    fn default() -> Self {
        Self::new(Arc::from(""))
    }
}

/// A scalar as YAML's core schema resolves it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    String,
}

impl Tree {
    /// An empty tree over `src` (the text of the file its strings borrow from).
    pub fn new(src: Arc<str>) -> Self {
        Self {
            text: Text {
                src,
                owned: String::new(),
            },
            nodes: Vec::new(),
            index: Vec::new(),
            keys: crate::hash::Map::default(),
            long_keys: crate::hash::Map::default(),
            texts: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// A tree of one value, for tests and for values that come from elsewhere.
    pub fn from_value(value: &Value) -> Self {
        let mut tree = Self::default();
        tree.push_value(value, TextRef::EMPTY, 0..0);
        tree
    }

    fn push_value(&mut self, value: &Value, key: TextRef, span: Range<usize>) {
        match value {
            Value::Null => {
                self.push_scalar(Scalar::Null, TextRef::EMPTY, key, span.clone(), span);
            }
            Value::Bool(b) => {
                self.push_scalar(Scalar::Bool(*b), TextRef::EMPTY, key, span.clone(), span);
            }
            Value::Number(n) => {
                let s = if let Some(u) = n.as_u64() {
                    Scalar::Unsigned(u)
                } else if let Some(i) = n.as_i64() {
                    Scalar::Negative(i)
                } else {
                    Scalar::Float(n.as_f64().unwrap_or(0.0))
                };
                self.push_scalar(s, TextRef::EMPTY, key, span.clone(), span);
            }
            Value::String(s) => {
                let text = self.own(s);
                self.push_scalar(Scalar::String, text, key, span.clone(), span);
            }
            Value::Array(items) => {
                let at = self.open(NodeKind::Array, key, span.clone(), span.start);
                for item in items {
                    self.push_value(item, TextRef::EMPTY, span.clone());
                }
                self.close(at, span.end, items.len());
            }
            Value::Object(map) => {
                let at = self.open(NodeKind::Object, key, span.clone(), span.start);
                for (k, v) in map {
                    let k = self.own(k);
                    self.push_value(v, k, span.clone());
                }
                self.close(at, span.end, map.len());
            }
        }
    }

    /// The root, if the document has one.
    pub fn root(&self) -> Option<NodeRef<'_>> {
        (!self.nodes.is_empty()).then_some(NodeAt {
            tree: self,
            text: &self.text,
            at: 0,
        })
    }

    /// Bytes this tree holds on the heap beside the file's text (which it shares): its rows, the
    /// text it had to copy, and its indexes (keys counted by length).
    pub fn heap_bytes(&self) -> usize {
        let index: usize = self
            .index
            .iter()
            .map(|(_, i)| match i {
                Index::Keys(keys) => keys
                    .keys()
                    .map(|k| k.len() + std::mem::size_of::<(Box<str>, u32)>())
                    .sum::<usize>(),
                Index::Items(items) => items.len() * 4,
            })
            .sum();
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.keys.capacity() * std::mem::size_of::<(u32, TextRef)>()
            + self.text.owned.capacity()
            + self.index.capacity() * std::mem::size_of::<(u32, Index)>()
            + self.long_keys.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.texts.capacity() * std::mem::size_of::<TextRef>()
            + self.numbers.capacity() * std::mem::size_of::<u64>()
            + index
    }

    /// Every row of the table, dead ones included (for checks over all spans).
    pub fn rows(&self) -> impl Iterator<Item = NodeRef<'_>> {
        (0..self.nodes.len() as u32).map(move |at| NodeAt {
            tree: self,
            text: &self.text,
            at,
        })
    }

    /// Rows in the table (dead ones included).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    // ---- building (the YAML loader) ----

    /// `text` as a reference into the file's text when it is a slice of it, else copied into
    /// the tree's buffer.
    pub(crate) fn text(&mut self, text: &str) -> TextRef {
        let base = self.text.src.as_ptr() as usize;
        let at = text.as_ptr() as usize;
        if !text.is_empty() && at >= base && at + text.len() <= base + self.text.src.len() {
            return TextRef {
                offset: (at - base) as u32,
                len: text.len() as u32,
                owned: false,
            };
        }
        self.own(text)
    }

    /// `text` copied into the tree's buffer.
    pub(crate) fn own(&mut self, text: &str) -> TextRef {
        if text.is_empty() {
            return TextRef::EMPTY;
        }
        let offset = self.text.owned.len() as u32;
        self.text.owned.push_str(text);
        TextRef {
            offset,
            len: text.len() as u32,
            owned: true,
        }
    }

    /// The text a [`TextRef`] names.
    pub fn str_of(&self, t: TextRef) -> &str {
        self.text.str_of(t)
    }

    /// The file's own text at `span` (`None` when the span is not in it).
    pub fn source(&self, span: Range<usize>) -> Option<&str> {
        self.text.src.get(span)
    }

    /// The text its strings are in.
    pub fn text_part(&self) -> &Text {
        &self.text
    }

    /// A tree with this one's text and no rows: what a document keeps once the check has let
    /// its rows go.
    #[must_use]
    pub fn text_only(&self) -> Tree {
        Tree {
            text: self.text.clone(),
            ..Tree::default()
        }
    }

    /// A row at `span` whose key is `key` at `key_span` (the next row's number is `at`): the
    /// key's text is recorded beside the table when it is not the text of its span.
    fn row(
        &mut self,
        key: TextRef,
        key_span: Range<usize>,
        span: Range<usize>,
        kind: NodeKind,
    ) -> Node {
        let at = self.nodes.len() as u32;
        let (key_len, long) = self.key_span_flags(at, &key_span);
        Node {
            start: span.start as u32,
            end: span.end as u32,
            key_start: key_span.start as u32,
            a: 0,
            key_len,
            kind,
            flags: self.key_flags(at, key, &key_span) | long,
        }
    }

    /// The key span's length for row `at`'s own field, and [`KEY_LONG`] (with the end kept
    /// beside the table) when it does not fit.
    #[inline]
    fn key_span_flags(&mut self, at: u32, key_span: &Range<usize>) -> (u16, u8) {
        if let Ok(len) = u16::try_from(key_span.len()) {
            (len, 0)
        } else {
            self.long_keys.insert(at, key_span.end as u32);
            (0, KEY_LONG)
        }
    }

    /// The flags that say where the key of row `at` is, recording it in [`Tree::keys`] when
    /// it is not the text of its span.
    fn key_flags(&mut self, at: u32, key: TextRef, key_span: &Range<usize>) -> u8 {
        if key.len == 0 {
            KEY_EMPTY
        } else if !key.owned
            && key.offset as usize == key_span.start
            && key.len as usize == key_span.len()
        {
            0
        } else {
            self.keys.insert(at, key);
            KEY_ELSEWHERE
        }
    }

    /// Keeps a number's bits beside the table; returns their place.
    fn number(&mut self, bits: u64) -> u32 {
        self.numbers.push(bits);
        (self.numbers.len() - 1) as u32
    }

    /// Appends a scalar; returns its row.
    #[inline]
    pub(crate) fn push_scalar(
        &mut self,
        scalar: Scalar,
        text: TextRef,
        key: TextRef,
        key_span: Range<usize>,
        span: Range<usize>,
    ) -> u32 {
        let (kind, a, flags) = match scalar {
            Scalar::Null => (NodeKind::Null, 0, 0),
            Scalar::Bool(v) => (NodeKind::Bool, u32::from(v), 0),
            Scalar::Unsigned(u) => match u32::try_from(u) {
                Ok(small) => (NodeKind::Number, small, 0),
                Err(_) => (NodeKind::Number, self.number(u), NUM_WIDE),
            },
            Scalar::Negative(i) => (
                NodeKind::Number,
                self.number(i.cast_unsigned()),
                NUM_WIDE | NUM_NEG,
            ),
            Scalar::Float(f) => (
                NodeKind::Number,
                self.number(f.to_bits()),
                NUM_WIDE | NUM_FLOAT,
            ),
            Scalar::String => {
                let at_span = |from: usize, len: usize| {
                    !text.owned
                        && text.len as usize == len
                        && (len == 0 || text.offset as usize == from)
                };
                if at_span(span.start, span.len()) {
                    (NodeKind::String, 0, TEXT_SPAN)
                } else if span.len() >= 2 && at_span(span.start + 1, span.len() - 2) {
                    (NodeKind::String, 0, TEXT_INNER)
                } else {
                    let place = self.texts.len() as u32;
                    self.texts.push(text);
                    (NodeKind::String, place, 0)
                }
            }
        };
        let mut node = self.row(key, key_span, span, kind);
        node.a = a;
        node.flags |= flags;
        let at = self.nodes.len() as u32;
        self.nodes.push(node);
        at
    }

    /// Opens a collection whose children follow; [`Tree::close`] finishes it.
    pub(crate) fn open(
        &mut self,
        kind: NodeKind,
        key: TextRef,
        key_span: Range<usize>,
        start: usize,
    ) -> u32 {
        let at = self.nodes.len() as u32;
        let row = self.row(key, key_span, start..start, kind);
        self.nodes.push(row);
        at
    }

    /// Finishes the collection at `at`: its end, its number of live children, and an index
    /// when it has many.
    pub(crate) fn close(&mut self, at: u32, end: usize, live: usize) {
        let next = self.nodes.len() as u32;
        let Some(node) = self.nodes.get_mut(at as usize) else {
            return;
        };
        node.end = (end as u32).max(node.start);
        node.a = next;
        let kind = node.kind;
        if live > INDEXED {
            node.flags |= HAS_INDEX;
            let this = NodeAt {
                tree: self,
                text: &self.text,
                at,
            };
            let index = match kind {
                NodeKind::Object => Index::Keys(
                    this.children()
                        .map(|c| (Box::from(c.key()), c.at))
                        .collect(),
                ),
                _ => Index::Items(this.children().map(|c| c.at).collect()),
            };
            // Rows close in order of their ends, not their starts: keep the table sorted.
            let pos = self.index.partition_point(|(row, _)| *row < at);
            self.index.insert(pos, (at, index));
        }
    }

    /// Empties the table for reuse over the same text.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.text.owned.clear();
        self.index.clear();
        self.keys.clear();
        self.long_keys.clear();
        self.texts.clear();
        self.numbers.clear();
    }

    /// Gives back what the table reserved while it grew: a document's tree lives as long as
    /// the check.
    pub(crate) fn finish(&mut self) {
        self.nodes.shrink_to_fit();
        self.text.owned.shrink_to_fit();
        self.index.shrink_to_fit();
        self.keys.shrink_to_fit();
        self.long_keys.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.numbers.shrink_to_fit();
    }

    /// Marks the row `at` dead (see [`DEAD`]).
    pub(crate) fn kill(&mut self, at: u32) {
        if let Some(n) = self.nodes.get_mut(at as usize) {
            n.flags |= DEAD;
        }
    }

    /// The end of the row `at`'s span.
    pub(crate) fn end_of(&self, at: u32) -> usize {
        self.nodes.get(at as usize).map_or(0, |n| n.end as usize)
    }

    /// Copies the subtree at `from` to the end of the table, for an alias at `span` with `key`;
    /// returns the copy's row. The budgets have charged the copy before this is called.
    pub(crate) fn copy(
        &mut self,
        from: u32,
        key: TextRef,
        key_span: Range<usize>,
        span: Range<usize>,
    ) -> u32 {
        let from = from as usize;
        let to = self.next_row(from as u32) as usize;
        let at = self.nodes.len();
        let delta = (at - from) as u32;
        for i in from..to.min(self.nodes.len()) {
            let mut n = self.nodes[i];
            if matches!(n.kind, NodeKind::Array | NodeKind::Object) {
                n.a += delta;
            }
            if n.flags & KEY_ELSEWHERE != 0
                && let Some(&k) = self.keys.get(&(i as u32))
            {
                self.keys.insert(i as u32 + delta, k);
            }
            if n.flags & KEY_LONG != 0
                && let Some(&end) = self.long_keys.get(&(i as u32))
            {
                self.long_keys.insert(i as u32 + delta, end);
            }
            self.nodes.push(n);
        }
        // Indexes inside the copied range, shifted.
        let copied: Vec<(u32, Index)> = self
            .index
            .iter()
            .filter(|(row, _)| (*row as usize) >= from && (*row as usize) < to)
            .map(|(row, index)| {
                let shifted = match index {
                    Index::Keys(keys) => {
                        Index::Keys(keys.iter().map(|(k, v)| (k.clone(), v + delta)).collect())
                    }
                    Index::Items(items) => Index::Items(items.iter().map(|v| v + delta).collect()),
                };
                (row + delta, shifted)
            })
            .collect();
        self.index.extend(copied);
        // The copied row's own key, if it had one elsewhere or long.
        self.keys.remove(&(at as u32));
        self.long_keys.remove(&(at as u32));
        let key_flags = self.key_flags(at as u32, key, &key_span);
        let (key_len, long) = self.key_span_flags(at as u32, &key_span);
        // The copy stands at the alias's span, so a string whose text was at the anchor's span
        // keeps it by its place instead.
        if let Some(copy) = self.at(at as u32)
            && copy.is_string()
            && copy.node().flags & (TEXT_SPAN | TEXT_INNER) != 0
        {
            let text = copy.text_ref();
            let place = self.texts.len() as u32;
            self.texts.push(text);
            if let Some(root) = self.nodes.get_mut(at) {
                root.flags &= !(TEXT_SPAN | TEXT_INNER);
                root.a = place;
            }
        }
        if let Some(root) = self.nodes.get_mut(at) {
            root.flags = (root.flags & !(DEAD | KEY_ELSEWHERE | KEY_EMPTY | KEY_LONG))
                | ALIAS
                | key_flags
                | long;
            root.key_start = key_span.start as u32;
            root.key_len = key_len;
            root.start = span.start as u32;
            root.end = span.end as u32;
        }
        at as u32
    }

    /// The row after the subtree at `at`.
    fn next_row(&self, at: u32) -> u32 {
        match self.nodes.get(at as usize) {
            Some(n) if matches!(n.kind, NodeKind::Array | NodeKind::Object) => n.a,
            Some(_) => at + 1,
            None => at,
        }
    }

    /// The node at row `at`.
    pub(crate) fn at(&self, at: u32) -> Option<NodeRef<'_>> {
        ((at as usize) < self.nodes.len()).then_some(NodeAt {
            tree: self,
            text: &self.text,
            at,
        })
    }

    /// The index of the collection at `at`, if it has one.
    fn indexed(&self, at: u32) -> Option<&Index> {
        let n = self.nodes.get(at as usize)?;
        let collection = matches!(n.kind, NodeKind::Array | NodeKind::Object);
        if collection && n.flags & HAS_INDEX != 0 {
            self.index_of(at)
        } else {
            None
        }
    }

    fn index_of(&self, at: u32) -> Option<&Index> {
        let pos = self.index.binary_search_by_key(&at, |(row, _)| *row).ok()?;
        self.index.get(pos).map(|(_, i)| i)
    }
}

/// A node of a [`Tree`]: cheap to copy, with the accessors of a JSON value.
#[derive(Clone, Copy)]
pub struct NodeAt<'t, 'r> {
    tree: &'r Tree,
    text: &'t Text,
    at: u32,
}

/// A node whose text and rows are borrowed for as long as each other.
pub type NodeRef<'a> = NodeAt<'a, 'a>;

impl std::fmt::Debug for NodeAt<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_value())
    }
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.tree, other.tree) && self.at == other.at
    }
}

/// The row a handle reads if its row did not exist (never, by construction).
static NULL_ROW: Node = Node {
    start: 0,
    end: 0,
    key_start: 0,
    a: 0,
    key_len: 0,
    kind: NodeKind::Null,
    flags: 0,
};

/// One `null` node, for a field that is missing where reading it as `null` is what is meant.
static NULL: std::sync::LazyLock<Tree> =
    std::sync::LazyLock::new(|| Tree::from_value(&Value::Null));

impl NodeAt<'_, '_> {
    /// A `null` that belongs to no document.
    pub fn null() -> Self {
        NodeAt {
            tree: &NULL,
            text: &NULL.text,
            at: 0,
        }
    }
}

impl<'t, 'r> NodeAt<'t, 'r> {
    /// This node's row in its table, for [`NodeAt::at_row`].
    pub fn row(&self) -> u32 {
        self.at
    }

    /// The node at `row` of this node's table, as [`NodeAt::row`] gave it (a row the table
    /// does not have reads as `null`).
    #[must_use]
    pub fn at_row(self, row: u32) -> Self {
        Self { at: row, ..self }
    }

    /// The node over `text` for its strings (the same text as its tree's, held elsewhere for
    /// longer than the rows).
    #[must_use]
    pub fn over<'u>(self, text: &'u Text) -> NodeAt<'u, 'r> {
        NodeAt {
            tree: self.tree,
            text,
            at: self.at,
        }
    }

    fn node(&self) -> &'r Node {
        // `at` always names a row of `tree` (handles are made only from rows that exist); were
        // it ever not to, the node reads as `null` rather than a panic.
        self.tree.nodes.get(self.at as usize).unwrap_or(&NULL_ROW)
    }

    pub fn kind(&self) -> NodeKind {
        self.node().kind
    }

    pub fn is_null(&self) -> bool {
        self.kind() == NodeKind::Null
    }

    pub fn is_string(&self) -> bool {
        self.kind() == NodeKind::String
    }

    pub fn is_object(&self) -> bool {
        self.kind() == NodeKind::Object
    }

    pub fn is_array(&self) -> bool {
        self.kind() == NodeKind::Array
    }

    pub fn as_str(&self) -> Option<&'t str> {
        self.is_string().then(|| self.text.str_of(self.text_ref()))
    }

    pub fn as_bool(&self) -> Option<bool> {
        let n = self.node();
        (n.kind == NodeKind::Bool).then_some(n.a != 0)
    }

    /// The number, as `serde_json` would hold it.
    pub fn as_number(&self) -> Option<Number> {
        let n = self.node();
        if n.kind != NodeKind::Number {
            return None;
        }
        if n.flags & NUM_WIDE == 0 {
            return Some(Number::from(n.a));
        }
        let bits = self.tree.numbers.get(n.a as usize).copied().unwrap_or(0);
        Some(if n.flags & NUM_FLOAT != 0 {
            Number::from_f64(f64::from_bits(bits))?
        } else if n.flags & NUM_NEG != 0 {
            Number::from(bits.cast_signed())
        } else {
            Number::from(bits)
        })
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()?.as_i64()
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number()?.as_f64()
    }

    /// The key this node is the value of (empty for items and the root).
    pub fn key(&self) -> &'t str {
        let n = self.node();
        if n.flags & (KEY_EMPTY | KEY_ELSEWHERE | KEY_LONG) == 0 {
            // Nearly every key: the file's text at its span, read from the row alone.
            let from = n.key_start as usize;
            return self
                .text
                .src
                .get(from..from + usize::from(n.key_len))
                .unwrap_or("");
        }
        self.key_beside()
    }

    /// A key that is empty, not the text of its span, or longer than a row holds.
    #[cold]
    fn key_beside(&self) -> &'t str {
        let n = self.node();
        if n.flags & KEY_EMPTY != 0 {
            ""
        } else if n.flags & KEY_ELSEWHERE != 0 {
            self.tree
                .keys
                .get(&self.at)
                .map_or("", |&k| self.text.str_of(k))
        } else {
            self.text.src.get(self.key_span()).unwrap_or("")
        }
    }

    /// The length of its key's text, read from the row when the key is its span's text.
    fn key_len(&self) -> usize {
        let n = self.node();
        if n.flags & (KEY_EMPTY | KEY_ELSEWHERE | KEY_LONG) == 0 {
            usize::from(n.key_len)
        } else {
            self.key().len()
        }
    }

    /// The node's span in the file.
    pub fn span(&self) -> Range<usize> {
        let n = self.node();
        n.start as usize..n.end as usize
    }

    /// The span of its key, when it is a mapping value.
    #[inline]
    pub fn key_span(&self) -> Range<usize> {
        let n = self.node();
        let end = if n.flags & KEY_LONG != 0 {
            self.long_key_end()
        } else {
            n.key_start + u32::from(n.key_len)
        };
        n.key_start as usize..end as usize
    }

    /// The end of a key span longer than a row holds (keys of 64 KiB and more).
    #[cold]
    fn long_key_end(&self) -> u32 {
        let start = self.node().key_start;
        self.tree.long_keys.get(&self.at).copied().unwrap_or(start)
    }

    /// Where a string's text is.
    pub(crate) fn text_ref(&self) -> TextRef {
        let n = self.node();
        // The text flags share their bits with other kinds' flags: only a string has a text.
        if n.kind != NodeKind::String {
            TextRef::EMPTY
        } else if n.flags & TEXT_SPAN != 0 {
            TextRef {
                offset: n.start,
                len: n.end.saturating_sub(n.start),
                owned: false,
            }
        } else if n.flags & TEXT_INNER != 0 {
            TextRef {
                offset: n.start + 1,
                len: n.end.saturating_sub(n.start).saturating_sub(2),
                owned: false,
            }
        } else {
            self.tree
                .texts
                .get(n.a as usize)
                .copied()
                .unwrap_or(TextRef::EMPTY)
        }
    }

    /// Whether an alias put it here (see [`ALIAS`]).
    pub fn is_alias(&self) -> bool {
        self.node().flags & ALIAS != 0
    }

    /// Number of items or entries (0 for a scalar): from the index of a large collection, else
    /// counted (at most [`INDEXED`] live children, skipping whole subtrees).
    pub fn len(&self) -> usize {
        match self.tree.indexed(self.at) {
            Some(Index::Keys(keys)) => keys.len(),
            Some(Index::Items(items)) => items.len(),
            None => self.children().count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Live children in order (items of a sequence, values of a mapping).
    fn children(&self) -> Children<'t, 'r> {
        let n = self.node();
        let (from, to) = match n.kind {
            NodeKind::Array | NodeKind::Object => (self.at + 1, n.a),
            _ => (0, 0),
        };
        Children {
            tree: self.tree,
            text: self.text,
            at: from,
            end: to,
        }
    }

    /// The items of a sequence (nothing for anything else).
    pub fn items(&self) -> Children<'t, 'r> {
        if self.is_array() {
            self.children()
        } else {
            Children::none(self.tree, self.text)
        }
    }

    /// The entries of a mapping, as (key, value), in the file's order.
    pub fn entries(&self) -> impl Iterator<Item = (&'t str, NodeAt<'t, 'r>)> + use<'t, 'r> {
        let children = if self.is_object() {
            self.children()
        } else {
            Children::none(self.tree, self.text)
        };
        children.map(|c| (c.key(), c))
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<NodeAt<'t, 'r>> {
        if !self.is_object() {
            return None;
        }
        if let Some(Index::Keys(keys)) = self.tree.indexed(self.at) {
            return keys.get(key).map(|&at| NodeAt {
                tree: self.tree,
                text: self.text,
                at,
            });
        }
        // The length first: it is in the row, and most keys of a mapping differ in it.
        self.children()
            .find(|c| c.key_len() == key.len() && c.key() == key)
    }

    /// The `i`th item of a sequence.
    pub fn index(&self, i: usize) -> Option<NodeAt<'t, 'r>> {
        if !self.is_array() {
            return None;
        }
        if let Some(Index::Items(items)) = self.tree.indexed(self.at) {
            return items.get(i).map(|&at| NodeAt {
                tree: self.tree,
                text: self.text,
                at,
            });
        }
        self.children().nth(i)
    }

    /// `get` for a mapping, `index` for a sequence (by a pointer token).
    pub fn child(&self, token: &str) -> Option<NodeAt<'t, 'r>> {
        match self.kind() {
            NodeKind::Object => self.get(token),
            NodeKind::Array => token.parse::<usize>().ok().and_then(|i| self.index(i)),
            _ => None,
        }
    }

    /// A string field of a mapping.
    pub fn str_at(&self, key: &str) -> Option<&'t str> {
        self.get(key)?.as_str()
    }

    /// The node at an RFC 6901 pointer below this one.
    pub fn pointer(&self, pointer: &str) -> Option<NodeAt<'t, 'r>> {
        if pointer.is_empty() {
            return Some(*self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = *self;
        for token in rest.split('/') {
            node = if token.contains('~') {
                node.child(&unescape(token))?
            } else {
                node.child(token)?
            };
        }
        Some(node)
    }

    /// The node as a `serde_json::Value`, for the edges that need one. Recursion is bounded by
    /// the loader's nesting limit.
    pub fn to_value(&self) -> Value {
        match self.kind() {
            NodeKind::Null => Value::Null,
            NodeKind::Bool => Value::Bool(self.as_bool().unwrap_or(false)),
            NodeKind::Number => self.as_number().map_or(Value::Null, Value::Number),
            NodeKind::String => Value::String(self.as_str().unwrap_or("").to_owned()),
            NodeKind::Array => Value::Array(self.items().map(|i| i.to_value()).collect()),
            NodeKind::Object => Value::Object(
                self.entries()
                    .map(|(k, v)| (k.to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// Whether this node equals a JSON value (numbers by value, as JSON compares them).
    pub fn equals(&self, value: &Value) -> bool {
        match (self.kind(), value) {
            (NodeKind::Null, Value::Null) => true,
            (NodeKind::Bool, Value::Bool(b)) => self.as_bool() == Some(*b),
            (NodeKind::Number, Value::Number(n)) => {
                self.as_number().is_some_and(|m| numbers_equal(&m, n))
            }
            (NodeKind::String, Value::String(s)) => self.as_str() == Some(s.as_str()),
            (NodeKind::Array, Value::Array(items)) => {
                self.len() == items.len() && self.items().zip(items).all(|(a, b)| a.equals(b))
            }
            (NodeKind::Object, Value::Object(map)) => {
                self.len() == map.len()
                    && self
                        .entries()
                        .all(|(k, v)| map.get(k).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }
}

fn numbers_equal(a: &Number, b: &Number) -> bool {
    match (a.as_u64(), b.as_u64(), a.as_i64(), b.as_i64()) {
        (Some(x), Some(y), ..) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

/// Live children of a collection, in order.
#[derive(Debug, Clone)]
pub struct Children<'t, 'r> {
    tree: &'r Tree,
    text: &'t Text,
    at: u32,
    end: u32,
}

impl<'t, 'r> Children<'t, 'r> {
    fn none(tree: &'r Tree, text: &'t Text) -> Self {
        Self {
            tree,
            text,
            at: 0,
            end: 0,
        }
    }
}

impl<'t, 'r> Iterator for Children<'t, 'r> {
    type Item = NodeAt<'t, 'r>;

    fn next(&mut self) -> Option<NodeAt<'t, 'r>> {
        while self.at < self.end {
            let at = self.at;
            let node = self.tree.nodes.get(at as usize)?;
            self.at = self.tree.next_row(at).max(at + 1);
            if node.flags & DEAD == 0 {
                return Some(NodeAt {
                    tree: self.tree,
                    text: self.text,
                    at,
                });
            }
        }
        None
    }
}

/// Where a JSON pointer lands in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The value's span (or the nearest existing ancestor's).
    pub value: Range<usize>,
    /// The key's span when the node is a mapping value.
    pub key: Option<Range<usize>>,
    /// False when the pointer went past an existing node and this is an ancestor.
    pub exact: bool,
}

impl Tree {
    /// Resolves an RFC 6901 pointer to spans: the exact node, else its nearest existing
    /// ancestor. A copy an alias made is one leaf at the alias.
    pub fn locate(&self, pointer: &str) -> Located {
        let Some(mut node) = self.root() else {
            return Located {
                value: 0..0,
                key: None,
                exact: pointer.is_empty(),
            };
        };
        let mut key = None;
        for token in pointer.split('/').skip(1) {
            let next = if node.is_alias() {
                None
            } else if token.contains('~') {
                node.child(&unescape(token))
            } else {
                node.child(token)
            };
            let Some(n) = next else {
                return Located {
                    value: node.span(),
                    key,
                    exact: false,
                };
            };
            key = node.is_object().then(|| n.key_span());
            node = n;
        }
        Located {
            value: node.span(),
            key,
            exact: true,
        }
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_value_round_trips_through_the_table() {
        let v = json!({"a": [1, -2, 2.5, "x", null, true], "b": {"c": "d"}, "e": []});
        let t = Tree::from_value(&v);
        let root = t.root().unwrap();
        assert_eq!(root.to_value(), v);
        assert!(root.equals(&v));
        assert_eq!(root.pointer("/a/3").and_then(|n| n.as_str()), Some("x"));
        assert_eq!(root.pointer("/a/1").and_then(|n| n.as_i64()), Some(-2));
        assert_eq!(root.pointer("/b/c").map(|n| n.key()), Some("c"));
        assert!(root.pointer("/a/9").is_none());
        assert_eq!(root.get("e").map(|n| n.len()), Some(0));
    }

    #[test]
    fn large_collections_are_found_by_their_index() {
        let map: serde_json::Map<String, Value> =
            (0..100).map(|i| (format!("k{i}"), json!(i))).collect();
        let v = json!({"m": map, "s": (0..100).collect::<Vec<_>>()});
        let t = Tree::from_value(&v);
        let root = t.root().unwrap();
        for i in 0..100 {
            assert_eq!(
                root.pointer(&format!("/m/k{i}")).and_then(|n| n.as_u64()),
                Some(i)
            );
            assert_eq!(
                root.pointer(&format!("/s/{i}")).and_then(|n| n.as_u64()),
                Some(i)
            );
        }
        assert!(root.pointer("/m/k100").is_none());
        // Their counts come from their indexes.
        assert_eq!(root.pointer("/m").map(|n| n.len()), Some(100));
        assert_eq!(root.pointer("/s").map(|n| n.len()), Some(100));
        assert_eq!(root.to_value(), v);
    }

    #[test]
    fn a_row_is_twenty_bytes() {
        assert_eq!(std::mem::size_of::<Node>(), 20);
    }

    fn load(src: &str) -> crate::load::yaml::Parsed {
        crate::load::yaml::parse(
            src,
            crate::source::SourceId(0),
            &crate::load::Limits::default(),
        )
    }

    /// What the row no longer holds itself (a number past 32 bits, a string's text away from
    /// its span, a key span past 16 bits, a collection's count) reads as before.
    #[test]
    fn what_a_row_keeps_beside_it_reads_as_written() {
        // An implicit key is at most 1,024 characters in YAML; this one is written `? key`.
        let long_key = "k".repeat(70_000);
        let src = format!(
            "small: 4294967295\nwide: 4294967296\nneg: -3\nfloat: 2.5\n\
             plain: Bærum kommune\nquoted: \"Bærum\"\nsingle: 'it''s'\nempty: \"\"\n\
             escaped: \"a\\tb\"\nfolded: >\n  one\n  two\n\
             anchor: &a plain text\nalias: *a\nqanchor: &q \"quoted text\"\nqalias: *q\n\
             ? {long_key}\n: long\ndup: {{a: 1, a: 2, b: 3}}\n"
        );
        let parsed = load(&src);
        let root = parsed.documents[0].tree.root().unwrap();
        let num = |k: &str| {
            root.get(k)
                .and_then(|n| n.as_number())
                .map(|n| n.to_string())
        };
        assert_eq!(num("small").as_deref(), Some("4294967295"));
        assert_eq!(num("wide").as_deref(), Some("4294967296"));
        assert_eq!(num("neg").as_deref(), Some("-3"));
        assert_eq!(num("float").as_deref(), Some("2.5"));
        for (key, text) in [
            ("plain", "Bærum kommune"),
            ("quoted", "Bærum"),
            ("single", "it's"),
            ("empty", ""),
            ("escaped", "a\tb"),
            ("folded", "one two\n"),
            ("anchor", "plain text"),
            ("alias", "plain text"),
            ("qanchor", "quoted text"),
            ("qalias", "quoted text"),
            (long_key.as_str(), "long"),
        ] {
            assert_eq!(
                root.get(key).and_then(|n| n.as_str()),
                Some(text),
                "{key:.20}"
            );
        }
        // A copy stands at its alias's span, and its text is still the anchor's.
        let alias = root.get("qalias").unwrap();
        assert_eq!(src.get(alias.span()), Some("*q"));
        let long = root.get(&long_key).unwrap();
        assert_eq!(long.key().len(), 70_000);
        assert_eq!(src.get(long.key_span()), Some(long_key.as_str()));
        // The shadowed `a: 1` is a dead row: two live entries, counted past it.
        let dup = root.get("dup").unwrap();
        assert_eq!(dup.len(), 2);
        assert_eq!(dup.get("a").and_then(|n| n.as_u64()), Some(2));
        assert_eq!(root.len(), 16);
    }

    /// A plain key is read from its span; every other key (quoted, escaped, empty, given by an
    /// alias, in a large indexed mapping) from beside the table, and each reads as written.
    #[test]
    fn every_kind_of_key_reads_as_written() {
        let long = (0..20).fold(String::new(), |mut s, i| {
            use std::fmt::Write as _;
            let _ = write!(s, "k{i}: {i}, ");
            s
        });
        let src = format!(
            "plain: 1\n\"double quoted\": 2\n'single''quoted': 3\n\"esc\\u0041ped\": 4\n\
             \"\": 5\nbase: &b {{inner: x, \"q k\": y}}\ncopy: *b\n\
             long: {{{long}\"k 20\": 20}}\n"
        );
        let parsed = crate::load::yaml::parse(
            &src,
            crate::source::SourceId(0),
            &crate::load::Limits::default(),
        );
        let root = parsed.documents[0].tree.root().unwrap();
        let keys: Vec<&str> = root.entries().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "plain",
                "double quoted",
                "single'quoted",
                "escAped",
                "",
                "base",
                "copy",
                "long"
            ]
        );
        for (key, value) in [
            ("plain", 1),
            ("double quoted", 2),
            ("single'quoted", 3),
            ("escAped", 4),
            ("", 5),
        ] {
            assert_eq!(root.get(key).and_then(|n| n.as_u64()), Some(value), "{key}");
        }
        for copy in ["/base", "/copy"] {
            let node = root.pointer(copy).unwrap();
            let keys: Vec<&str> = node.entries().map(|(k, _)| k).collect();
            assert_eq!(keys, ["inner", "q k"], "{copy}");
            assert_eq!(node.get("q k").and_then(|n| n.as_str()), Some("y"));
        }
        // The alias's own key is its key, not the anchor's.
        assert_eq!(root.pointer("/copy").map(|n| n.key()), Some("copy"));
        assert_eq!(
            root.pointer("/long/k 20").and_then(|n| n.as_u64()),
            Some(20)
        );
        assert_eq!(root.pointer("/long/k7").and_then(|n| n.as_u64()), Some(7));
        // The span of a quoted key covers its quotes; its text does not.
        let quoted = root.get("double quoted").unwrap();
        assert_eq!(src.get(quoted.key_span()), Some("\"double quoted\""));
    }

    /// The bundled example, loaded: the documents' rows, copied text and indexes beside the
    /// text they borrow from. Before the node table, the values and span trees of the same
    /// files took about ten times their text; with 28-byte rows, 1.12 times.
    #[test]
    fn the_example_s_documents_take_less_than_their_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ks-digital");
        let (mut text, mut heap, mut owned, mut rows) = (0, 0, 0, 0);
        for entry in crate::load::discover::walk(&root, &globset::GlobSet::empty()).unwrap() {
            let src = std::fs::read_to_string(&entry.path).unwrap();
            if std::path::Path::new(&entry.rel)
                .extension()
                .is_none_or(|e| e != "yaml")
            {
                continue;
            }
            let parsed = crate::load::yaml::parse(
                &src,
                crate::source::SourceId(0),
                &crate::load::Limits::default(),
            );
            text += src.len();
            for d in &parsed.documents {
                heap += d.tree.heap_bytes();
                owned += d.tree.text.owned.len();
                rows += d.tree.len();
            }
        }
        assert!(text > 30_000, "the example is {text} bytes");
        // 32,168 bytes for 40,045 of text (0.80×) with 20-byte rows; 28-byte rows took 1.12×.
        assert!(
            heap < text,
            "{heap} bytes of documents for {text} bytes of YAML, {rows} rows, {owned} copied"
        );
        // Plain and quoted scalars are borrowed: only escapes and folded text are copied.
        assert!(owned * 20 < text, "{owned} bytes copied of {text}");
        assert!(rows > 1_000, "{rows} rows");
    }

    #[test]
    fn text_from_the_source_is_borrowed_and_other_text_copied() {
        let src: Arc<str> = Arc::from("name: Bærum");
        let mut t = Tree::new(Arc::clone(&src));
        let borrowed = t.text(&src[6..]);
        assert!(!borrowed.owned);
        let copied = t.text("Bærum");
        assert!(copied.owned);
        assert_eq!(t.str_of(borrowed), t.str_of(copied));
    }
}
