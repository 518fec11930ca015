//! One pass over YAML events builds, per document, its node table (`super::tree`: every node
//! with its byte span, so every JSON pointer maps back to bytes), and the `yaml/*` findings.
//!
//! YAML 1.2 core schema: `NO`, `yes`, `on` are strings (and earn a `yaml/ambiguous-scalar` warning,
//! because YAML 1.1 tools read them as booleans). Nothing recurses on the input's depth: the
//! parser's nesting limits and our explicit stack keep deep input off the (small) rayon stacks.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Number, Value};

use super::Limits;
pub use super::tree::Located;

/// Mappings with more keys than this get a key index while loading; a scan of a few keys is
/// cheaper than hashing them.
const INDEXED_KEYS: usize = 16;
use super::tree::{NodeKind, NodeRef, Scalar, TextRef, Tree};
use crate::finding::{Example, Finding, LegalCondition, Location, Rule, Severity};
use crate::source::SourceId;

pub static SYNTAX: Rule = Rule::builtin(
    "yaml/syntax",
    Severity::Error,
    LegalCondition::Integrity,
    "The file is not valid YAML",
    "The YAML parser stopped at this position. The rest of the document is not checked; later \
     documents in the same file (after `---`) still are. Common causes: a tab used for indentation \
     (YAML allows only spaces), a missing space after `:`, an unclosed quote or bracket, or \
     inconsistent indentation.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n",
    }),
);

pub static DUPLICATE_KEY: Rule = Rule::builtin(
    "yaml/duplicate-key",
    Severity::Error,
    LegalCondition::Integrity,
    "A mapping has the same key twice",
    "YAML requires keys in a mapping to be unique, but many tools silently keep the last value, so \
     a duplicated key hides an edit: the reviewer sees one value, the tool uses another. egenregi \
     reports both places and asks you to delete one. Which value is meant is not known, so no \
     decision rests on the document until then: what depends on it is not assessed, as beside a \
     document that fails its schema.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec:\n  type: association\n  contracting_authority: true\n  type: company\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec:\n  type: association\n  contracting_authority: true\n",
    }),
);

pub static AMBIGUOUS_SCALAR: Rule = Rule::builtin(
    "yaml/ambiguous-scalar",
    Severity::Warning,
    LegalCondition::Integrity,
    "An unquoted yes/no/on/off/y/n that YAML 1.1 tools read as a boolean",
    "The Norway problem: YAML 1.1 reads the plain scalars `yes`, `no`, `on`, `off`, `y` and `n` (in \
     any case) as booleans, so `country: NO` becomes `false`. egenregi reads YAML 1.2, where they \
     are strings, but other tools that read the same repository may not. Quote the value \
     (`\"no\"`), or write `true`/`false` if a boolean was meant.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: \"NO\"}\nspec: {type: association, contracting_authority: true}\n",
    }),
);

pub static LIMIT: Rule = Rule::builtin(
    crate::finding::LIMIT_RULE,
    Severity::Error,
    LegalCondition::Integrity,
    "A file exceeds a safety limit (size, nesting depth, alias expansion, documents, findings)",
    "Input comes from pull requests, so every file is read under limits: file size (8 MiB), nesting \
     depth (64, aliases included), what alias expansion adds (100,000 nodes and 4 MiB of text per \
     file, 1,000,000 nodes and 64 MiB for all files together, which stops \"billion laughs\" \
     files), and documents per file (1,000). A file over a limit is not checked further; the \
     other files are. Split the file, flatten the structure, or write the aliased content out. \
     Output is bounded too: at most 100 findings of one rule in one file are listed, and one \
     `yaml/limit` finding (as severe as the worst left out) counts the rest.",
    Some(Example {
        fails: b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n",
    }),
);

pub static ENCODING: Rule = Rule::builtin(
    "yaml/encoding",
    Severity::Error,
    LegalCondition::Integrity,
    "A file is not UTF-8 text",
    "Every YAML file must be UTF-8 text. A file saved as Latin-1 or UTF-16, or a binary file with a \
     `.yaml` name, is reported once, at the first byte that is not valid UTF-8, and not checked \
     further. Re-save it as UTF-8 (most editors: \"Save with encoding\").",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: baerum, name: B\xe6rum kommune}\nspec: {type: municipality}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: baerum, name: B\xc3\xa6rum kommune}\nspec: {type: municipality}\n",
    }),
);

pub static UNSUPPORTED: Rule = Rule::builtin(
    "yaml/unsupported",
    Severity::Error,
    LegalCondition::Integrity,
    "A YAML feature egenregi does not accept: custom tags, merge keys, complex keys, recursive aliases",
    "egenregi reads plain data. Custom tags such as `!Ref` or `!!binary` would mean something only to \
     another tool, so they are reported and the value is read as if untagged. Merge keys (`<<: *base`) \
     are not part of YAML 1.2 and are not applied: the key is dropped, so write the merged keys out. \
     Keys that are lists or maps, and an alias inside its own anchor, cannot be represented in JSON.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: !Ref base\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n",
    }),
);

/// One YAML document of a file: its node table (spans in the rows, see [`super::tree`]).
#[derive(Debug)]
pub struct Document {
    pub source: SourceId,
    /// Position in the file (0-based), for messages about multi-document files.
    pub index: usize,
    pub tree: Tree,
    /// For a document whose rows the check has let go (a head, [`super::Doc::head`]): its
    /// file, parsed again the first time a row is asked for.
    pub reread: Option<std::sync::Arc<Reread>>,
    /// Its strings that are still placeholders, found as it was parsed (none in a head).
    pub placeholders: Box<[super::placeholder::Placeholder]>,
}

/// A file to parse again, as the check first parsed it: its text and its limits
/// ([`super::Loaded::heads`] says why the run's alias budget need not be the one it had).
#[derive(Debug)]
pub struct Reread {
    text: Arc<str>,
    source: SourceId,
    limits: Limits,
    parsed: std::sync::OnceLock<Vec<Document>>,
}

impl Reread {
    /// The file `source` with `text`, first parsed within `limits`: parsed again so, its
    /// documents' rows are the first parse's
    /// (`load::tests::a_file_parsed_again_gives_the_same_rows`).
    pub fn new(text: Arc<str>, source: SourceId, limits: &Limits) -> Self {
        Self {
            text,
            source,
            limits: limits.clone(),
            parsed: std::sync::OnceLock::new(),
        }
    }

    /// The file's document `index`, parsed again (once for the file). The parse gives its
    /// documents in file order, so finding one is a binary search, not a walk per finding
    /// over a file of up to `max_documents` documents.
    fn document(&self, index: usize) -> Option<&Document> {
        let documents = self.parsed.get_or_init(|| {
            // The run's whole budget, over the text the check holds (not a copy of it).
            let left = RunLeft {
                nodes: self.limits.max_run_alias_nodes,
                bytes: self.limits.max_run_alias_bytes,
            };
            // Only the rows are wanted: the first parse found the placeholders.
            Loader::new(&self.text, self.source, &self.limits, left, false)
                .parse()
                .documents
        });
        documents
            .binary_search_by_key(&index, |d| d.index)
            .ok()
            .and_then(|at| documents.get(at))
    }
}

impl Document {
    /// The rows: its own, or its file's second parse when it has let them go.
    fn rows(&self) -> &Tree {
        match &self.reread {
            Some(r) if self.tree.is_empty() => {
                r.document(self.index).map_or(&self.tree, |d| &d.tree)
            }
            _ => &self.tree,
        }
    }

    /// The root node (`None` only for a document the loader abandoned before its first node).
    pub fn root(&self) -> Option<NodeRef<'_>> {
        self.rows().root()
    }

    /// Whether the document is empty or `null`.
    pub fn is_null(&self) -> bool {
        self.root().is_none_or(|r| r.is_null())
    }

    /// Resolves an RFC 6901 pointer to spans: the exact node, else its nearest existing ancestor.
    pub fn locate(&self, pointer: &str) -> Located {
        self.rows().locate(pointer)
    }

    /// The node at `pointer` as the file writes it (`17386900.00`, not the `17386900.0` its
    /// value prints as); `None` when there is no such node.
    pub fn written(&self, pointer: &str) -> Option<&str> {
        let rows = self.rows();
        let at = rows.locate(pointer);
        if at.exact {
            rows.source(at.value)
        } else {
            None
        }
    }

    /// The document as a `serde_json::Value` (a copy: for tests and cold paths).
    pub fn value(&self) -> Value {
        self.root().map_or(Value::Null, |r| r.to_value())
    }
}

/// Appends a key to a JSON pointer, escaping `~` and `/`.
pub fn push_pointer(pointer: &str, key: &str) -> String {
    let mut p = String::with_capacity(pointer.len() + key.len() + 1);
    p.push_str(pointer);
    p.push('/');
    for c in key.chars() {
        match c {
            '~' => p.push_str("~0"),
            '/' => p.push_str("~1"),
            c => p.push(c),
        }
    }
    p
}

/// A JSON pointer under construction, shared: every open collection holds its own segment and
/// its parent's, so a finding deep under a 100 KB key shares that key instead of copying it.
/// The text is built only for findings that are reported (`render`).
#[derive(Debug, Clone, Default)]
pub struct Pointer(Option<Arc<Segment>>);

#[derive(Debug)]
struct Segment {
    parent: Pointer,
    /// Already escaped, with its leading `/`.
    text: String,
}

impl Pointer {
    /// This pointer and one more segment (escaped, with its leading `/`); an empty one adds
    /// nothing.
    fn child(&self, text: String) -> Self {
        if text.is_empty() {
            return self.clone();
        }
        Self(Some(Arc::new(Segment {
            parent: self.clone(),
            text,
        })))
    }

    /// The RFC 6901 text (`""` for the root).
    pub fn render(&self) -> String {
        let mut parts = Vec::new();
        let mut at = &self.0;
        while let Some(seg) = at {
            parts.push(seg.text.as_str());
            at = &seg.parent.0;
        }
        parts.reverse();
        parts.concat()
    }
}

/// A finding from the loader, before the document's kind and id (and so its target) are known.
#[derive(Debug)]
pub struct RawFinding {
    pub finding: Finding,
    /// Document index and pointer, when the finding is about a node.
    pub node: Option<(usize, Pointer)>,
}

/// What alias expansion added to a file, charged to the file's and the run's budgets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Expanded {
    pub nodes: usize,
    /// Text (scalars and keys) the aliases copied.
    pub bytes: usize,
}

/// What parsing one file produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub findings: Vec<RawFinding>,
    /// Alias expansion in the documents kept.
    pub expanded: Expanded,
}

/// What a finished subtree costs when an alias repeats it.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    nodes: usize,
    /// Text of its scalars and keys.
    bytes: usize,
    /// Levels of nesting, itself included.
    height: usize,
}

impl Size {
    fn add(&mut self, child: Size) {
        self.nodes = self.nodes.saturating_add(child.nodes);
        self.bytes = self.bytes.saturating_add(child.bytes);
        self.height = self.height.max(child.height);
    }
}

/// What an open collection is to its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The document's root, an item of a sequence, or a mapping's value.
    Value,
    /// A mapping's key: a collection there is read as its JSON text.
    Key,
}

enum Frame {
    Seq {
        row: u32,
        end: usize,
        anchor: usize,
        role: Role,
        count: usize,
        /// End of the last child's span.
        last_end: Option<usize>,
        /// Children's sizes (nodes and bytes summed, the highest child's height).
        size: Size,
    },
    Map {
        row: u32,
        end: usize,
        anchor: usize,
        role: Role,
        /// One row per live entry; once there is an index, the count alone is read (a replaced
        /// duplicate keeps its old row here).
        entries: Vec<u32>,
        /// Key to entry row, once the mapping has more than `INDEXED_KEYS` keys.
        index: Option<HashMap<Box<str>, u32>>,
        key: Option<PendingKey>,
        last_end: Option<usize>,
        size: Size,
    },
}

struct PendingKey {
    text: TextRef,
    span: Range<usize>,
    /// `<<`: the value is parsed (to keep the stream in step) and then dropped.
    drop: bool,
}

/// Where an open collection is in its parent.
#[derive(Clone, Copy)]
enum Seg {
    /// The root, or a collection written as a key.
    None,
    Index(usize),
    Key(TextRef),
}

/// What an anchor names: a row of the document, or a scalar key (keys have no row).
#[derive(Clone, Copy)]
enum Target {
    Row(u32),
    Key(Scalar, TextRef),
}

struct Anchor {
    target: Target,
    size: Size,
}

struct DocState {
    tree: Tree,
    stack: Vec<Frame>,
    /// Each open collection's place in its parent (parallel to `stack`), and its pointer once
    /// a finding has needed it: pointers are built only for findings, and then share their
    /// prefix (a finding under a 100 KB key does not copy the key).
    pointer: Vec<(Seg, Option<Pointer>)>,
    anchors: HashMap<usize, Anchor>,
    /// Whether the root is complete.
    done: bool,
    /// Emptied entry lists of closed mappings, for the next to open: a list of its own for
    /// every mapping was 190,000 short-lived allocations at ×10 of the national corpus.
    spare: Vec<Vec<u32>>,
}

/// How many emptied entry lists [`DocState`] keeps, and how long each may be: enough for the
/// nesting of any real document, and no long list held after its mapping closed.
const SPARE_LISTS: usize = 32;
const SPARE_LIST_CAPACITY: usize = 64;

impl DocState {
    fn new(src: &Arc<str>) -> Self {
        Self {
            tree: Tree::new(Arc::clone(src)),
            stack: Vec::new(),
            pointer: Vec::new(),
            anchors: HashMap::new(),
            done: false,
            spare: Vec::new(),
        }
    }

    /// The pointer of the innermost open collection.
    fn pointer(&mut self) -> Pointer {
        self.pointer_at(self.pointer.len())
    }

    /// The pointer of the first `depth` open collections (0: the root's, empty).
    fn pointer_at(&mut self, depth: usize) -> Pointer {
        let depth = depth.min(self.pointer.len());
        let mut from = depth;
        while from > 0 && self.pointer[from - 1].1.is_none() {
            from -= 1;
        }
        let mut p = match from {
            0 => Pointer::default(),
            _ => self.pointer[from - 1].1.clone().unwrap_or_default(),
        };
        for i in from..depth {
            let seg = match self.pointer[i].0 {
                Seg::None => String::new(),
                Seg::Index(n) => format!("/{n}"),
                Seg::Key(k) => push_pointer("", self.tree.str_of(k)),
            };
            p = p.child(seg);
            self.pointer[i].1 = Some(p.clone());
        }
        p
    }

    /// The key text of a pending key.
    fn key_text(&self, k: &PendingKey) -> &str {
        self.tree.str_of(k.text)
    }
}

/// Alias expansion still allowed to a file by the run's budget (`Limits::max_run_alias_*`).
#[derive(Debug, Clone, Copy)]
pub struct RunLeft {
    pub nodes: usize,
    pub bytes: usize,
}

struct Loader<'a> {
    src: &'a str,
    /// The same text, shared with every document's tree.
    text: &'a Arc<str>,
    source: SourceId,
    limits: &'a Limits,
    run_left: RunLeft,
    /// Expansion in this file so far, documents abandoned included (they were built).
    expanded: Expanded,
    /// Expansion in the documents kept (`Parsed::expanded`): the current document's share.
    doc_expanded: Expanded,
    /// Whether each document's placeholders are looked for ([`Document::placeholders`]).
    placeholders: bool,
    out: Parsed,
}

/// Why a document or the file stopped early.
enum Stop {
    /// The document is abandoned; try the next one.
    Document,
    /// The file cannot be read further.
    File,
}

/// The placeholders of a document's tree, in document order. The loader asks this of each
/// document as it finishes it ([`Document::placeholders`]). Walked after every file was read,
/// as it was before, it read every string of the repository from memory once more, a cache miss
/// for each line of text beyond a few tens of megabytes, on the model's thread (issue 18).
pub fn placeholders_in(root: Option<NodeRef<'_>>) -> Vec<super::placeholder::Placeholder> {
    /// One step of a JSON pointer.
    #[derive(Clone, Copy)]
    enum Step<'v> {
        Key(&'v str),
        Index(usize),
    }
    let mut found = Vec::new();
    let Some(root) = root else {
        return found;
    };
    // Depth-first with an explicit stack (never a stack overflow), and the path to the current
    // node kept as steps: a pointer string is built only for a placeholder, not for every node.
    let mut stack: Vec<(usize, Option<Step<'_>>, &str, NodeRef<'_>)> = vec![(0, None, "", root)];
    let mut path: Vec<Step<'_>> = Vec::new();
    while let Some((depth, step, key, value)) = stack.pop() {
        path.truncate(depth);
        path.extend(step);
        match value.kind() {
            NodeKind::String => {
                let text = value.as_str().unwrap_or("");
                if super::placeholder::is_placeholder_in(key, text) {
                    let pointer = path.iter().fold(String::new(), |p, s| match s {
                        Step::Key(k) => push_pointer(&p, k),
                        Step::Index(i) => format!("{p}/{i}"),
                    });
                    found.push(super::placeholder::Placeholder {
                        pointer,
                        key: key.to_owned(),
                        text: text.to_owned(),
                    });
                }
            }
            // Children are pushed in order and then reversed, so they pop in order.
            NodeKind::Array => {
                let from = stack.len();
                for (i, item) in value.items().enumerate() {
                    stack.push((path.len(), Some(Step::Index(i)), key, item));
                }
                stack[from..].reverse();
            }
            NodeKind::Object => {
                let from = stack.len();
                for (k, v) in value.entries() {
                    stack.push((path.len(), Some(Step::Key(k)), k, v));
                }
                stack[from..].reverse();
            }
            _ => {}
        }
    }
    found
}

/// Parses one file's text. Never panics; every problem becomes a finding.
pub fn parse(src: &str, source: SourceId, limits: &Limits) -> Parsed {
    let left = RunLeft {
        nodes: limits.max_run_alias_nodes,
        bytes: limits.max_run_alias_bytes,
    };
    parse_within(&Arc::from(src), source, limits, left)
}

/// [`parse`] of a file's shared text (which the documents' strings borrow from), with at most
/// `run_left` of alias expansion left to the run.
pub fn parse_within(
    src: &Arc<str>,
    source: SourceId,
    limits: &Limits,
    run_left: RunLeft,
) -> Parsed {
    Loader::new(src, source, limits, run_left, true).parse()
}

impl<'a> Loader<'a> {
    fn new(
        src: &'a Arc<str>,
        source: SourceId,
        limits: &'a Limits,
        run_left: RunLeft,
        placeholders: bool,
    ) -> Self {
        Self {
            src,
            text: src,
            source,
            limits,
            run_left,
            expanded: Expanded::default(),
            doc_expanded: Expanded::default(),
            placeholders,
            out: Parsed::default(),
        }
    }

    fn parse(mut self) -> Parsed {
        self.run();
        self.out
    }
}

impl Loader<'_> {
    fn loc(&self, span: Range<usize>) -> Location {
        Location::new(self.source, span)
    }

    fn report(&mut self, finding: Finding, node: Option<(usize, Pointer)>) {
        self.out.findings.push(RawFinding { finding, node });
    }

    fn run(&mut self) {
        // Most configuration files are in the plain subset of YAML that `fast` reads, to the
        // same events and ranges as granit; any other file is granit's (issue 18).
        if let Some(events) = super::fast::scan(self.src, self.limits.max_depth) {
            self.run_events(&events);
            return;
        }
        let mut opts = granit_parser::Options::default();
        opts.flow_nesting_limit = self.limits.max_depth;
        opts.block_nesting_limit = self.limits.max_depth;
        opts.set_emit_comments(false);
        // The YAML specification's indentation, not PyYAML's leniency: a flow collection's
        // entries under-indented below their key (`flow: [a,\nb]`) are a syntax error, as the
        // YAML test suite and editors (yaml-language-server) say.
        opts.strict_indentation = true;
        let mut parser = Parser::new_from_str_with_options(self.src, opts);
        let mut doc = DocState::new(self.text);
        let mut documents_seen = 0usize;
        // End of the previous event: a block scalar's indicator is searched from here.
        let mut prev_end = 0usize;
        loop {
            let item = parser.next();
            let Some(item) = item else { break };
            let step = match item {
                Err(e) => Err(self.scan_error(&e, documents_seen)),
                Ok((event, span)) => {
                    let mut r = span.byte_range().unwrap_or(0..0);
                    let tag_r = span.tag_span().and_then(|t| t.byte_range());
                    if let Event::Scalar(_, ScalarStyle::Literal | ScalarStyle::Folded, ..) = event
                    {
                        r = block_scalar_span(self.src, prev_end, r);
                    }
                    prev_end = prev_end.max(r.end);
                    self.event(&mut doc, &mut documents_seen, event, r, tag_r)
                }
            };
            match step {
                Ok(()) => {}
                Err(Stop::File) => break,
                Err(Stop::Document) => {
                    doc = DocState::new(self.text);
                    self.doc_expanded = Expanded::default();
                    match parser.proceed_next_document() {
                        Ok(true) => {}
                        Ok(false) | Err(_) => break,
                    }
                }
            }
        }
    }

    /// [`Loader::run`] over the events of [`super::fast::scan`]: no scan error can occur, and
    /// a document abandoned is skipped to the next one's start, as granit's
    /// `proceed_next_document` does.
    fn run_events(&mut self, events: &super::fast::Events<'_>) {
        let mut doc = DocState::new(self.text);
        let mut documents_seen = 0usize;
        let mut skipping = false;
        for (event, r) in events.iter() {
            if skipping {
                if !matches!(event, Event::DocumentStart(..)) {
                    continue;
                }
                skipping = false;
            }
            match self.event(&mut doc, &mut documents_seen, event, r, None) {
                Ok(()) => {}
                Err(Stop::File) => break,
                Err(Stop::Document) => {
                    doc = DocState::new(self.text);
                    self.doc_expanded = Expanded::default();
                    skipping = true;
                }
            }
        }
    }

    /// One parser event, at byte range `r` (its tag's at `tag_r`).
    fn event(
        &mut self,
        doc: &mut DocState,
        documents_seen: &mut usize,
        event: Event<'_>,
        r: Range<usize>,
        tag_r: Option<Range<usize>>,
    ) -> Result<(), Stop> {
        match event {
            Event::DocumentStart(..) => {
                *documents_seen += 1;
                if *documents_seen > self.limits.max_documents {
                    let f = Finding::new(
                        &LIMIT,
                        self.loc(r.start..r.start),
                        format!(
                            "more than {} documents in one file; the rest is not read",
                            self.limits.max_documents
                        ),
                    )
                    .help("split the file");
                    self.report(f, None);
                    Err(Stop::File)
                } else {
                    *doc = DocState::new(self.text);
                    self.doc_expanded = Expanded::default();
                    Ok(())
                }
            }
            Event::DocumentEnd => {
                if doc.done {
                    doc.done = false;
                    let mut tree = std::mem::take(&mut doc.tree);
                    tree.finish();
                    // Walked now, while its rows and text are in the cache.
                    let placeholders = if self.placeholders {
                        placeholders_in(tree.root()).into()
                    } else {
                        Box::default()
                    };
                    self.out.documents.push(Document {
                        reread: None,
                        source: self.source,
                        index: documents_seen.saturating_sub(1),
                        tree,
                        placeholders,
                    });
                    let e = std::mem::take(&mut self.doc_expanded);
                    self.out.expanded.nodes += e.nodes;
                    self.out.expanded.bytes += e.bytes;
                }
                Ok(())
            }
            Event::UnresolvedAlias(name) => {
                let f = Finding::new(
                    &SYNTAX,
                    self.loc(r.clone()),
                    format!("alias `*{name}` names no anchor defined before it"),
                );
                let node = (documents_seen.saturating_sub(1), doc.pointer());
                self.report(f, Some(node));
                self.null(doc, r, *documents_seen);
                Ok(())
            }
            Event::Alias(id) => self.alias(doc, id, r, *documents_seen),
            Event::Scalar(text, style, anchor, tag) => {
                self.scalar(
                    doc,
                    &text,
                    style,
                    anchor,
                    tag.as_deref()
                        .map(|t| (t, tag_r.unwrap_or(r.start..r.start))),
                    r,
                    *documents_seen,
                );
                Ok(())
            }
            Event::SequenceStart(_, anchor, tag) => {
                self.check_collection_tag(
                    tag.as_deref(),
                    "sequence",
                    tag_r.clone().unwrap_or(r.start..r.start),
                    doc,
                    *documents_seen,
                );
                // granit starts an indentless sequence (`key:` then `- a` at
                // the key's column) at its first item; its node starts at the dash.
                let start = match doc.stack.last() {
                    Some(Frame::Map { key: Some(_), .. }) => {
                        let before = self.src.get(..r.start).unwrap_or("").trim_end_matches(' ');
                        if before.ends_with('-') {
                            before.len() - 1
                        } else {
                            r.start
                        }
                    }
                    _ => r.start,
                };
                Self::enter(doc);
                let (row, role) = self.open(doc, NodeKind::Array, start, *documents_seen);
                doc.stack.push(Frame::Seq {
                    row,
                    end: r.end,
                    anchor,
                    role,
                    count: 0,
                    last_end: None,
                    size: Size::default(),
                });
                Ok(())
            }
            Event::MappingStart(_, anchor, tag) => {
                self.check_collection_tag(
                    tag.as_deref(),
                    "mapping",
                    tag_r.clone().unwrap_or(r.start..r.start),
                    doc,
                    *documents_seen,
                );
                Self::enter(doc);
                let (row, role) = self.open(doc, NodeKind::Object, r.start, *documents_seen);
                doc.stack.push(Frame::Map {
                    row,
                    end: r.end,
                    anchor,
                    role,
                    entries: doc.spare.pop().unwrap_or_default(),
                    index: None,
                    key: None,
                    last_end: None,
                    size: Size::default(),
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.leave(doc, r, *documents_seen);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn scan_error(&mut self, e: &ScanError, doc_index: usize) -> Stop {
        let offset = e
            .marker()
            .byte_offset()
            .unwrap_or_else(|| char_to_byte(self.src, e.marker().index()))
            .min(self.src.len());
        let end = self.src[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        let kind = e.kind();
        let _ = doc_index;
        if matches!(kind, ErrorKind::RecursionLimitExceeded) {
            let f = Finding::new(
                &LIMIT,
                self.loc(offset..end),
                format!(
                    "nesting deeper than {} levels; the rest of the document is not read",
                    self.limits.max_depth
                ),
            )
            .help("flatten the structure; no egenregi document needs this depth");
            self.report(f, None);
            return Stop::Document;
        }
        let mut f = Finding::new(&SYNTAX, self.loc(offset..end), syntax_message(kind));
        let line_start = self.src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let indent = &self.src[line_start..];
        if matches!(
            kind,
            ErrorKind::TabNotAllowed | ErrorKind::TabInBlockIndentation
        ) || indent.starts_with('\t')
            || indent.trim_start_matches(' ').starts_with('\t')
        {
            f = f.help("YAML allows only spaces for indentation; replace the tab with spaces");
        } else if matches!(kind, ErrorKind::InvalidIndentation) {
            // strict indentation: the line continues a flow collection or quoted string opened
            // above, or that collection was never closed
            f.message = "line continues a flow collection or quoted string without being indented deeper than its key".into();
            f = f.help("indent the line further, or close the bracket or quote on the line above if it was meant to end there");
        }
        self.report(f, None);
        Stop::Document
    }

    fn check_collection_tag(
        &mut self,
        tag: Option<&Tag>,
        what: &str,
        r: Range<usize>,
        doc: &mut DocState,
        doc_index: usize,
    ) {
        let Some(tag) = tag else { return };
        let core = if what == "sequence" { "seq" } else { "map" };
        if tag.is_yaml_core_schema_tag(core) {
            return;
        }
        let f = Finding::new(
            &UNSUPPORTED,
            self.loc(r),
            format!(
                "custom tag `{}` on a {what} is not supported; the tag is ignored",
                tag.original()
            ),
        )
        .help("remove the tag: egenregi reads plain YAML data");
        self.report(f, Some((doc_index.saturating_sub(1), doc.pointer())));
    }

    /// Before a child collection starts: note the key or index it will live at.
    fn enter(doc: &mut DocState) {
        let seg = match doc.stack.last() {
            Some(Frame::Seq { count, .. }) => Seg::Index(*count),
            Some(Frame::Map { key: Some(k), .. }) => Seg::Key(k.text),
            // a key that is itself a collection: the pointer does not go deeper
            Some(Frame::Map { key: None, .. }) | None => Seg::None,
        };
        doc.pointer.push((seg, None));
    }

    /// The pointer of the next child, built only when a finding needs it.
    fn here(doc: &mut DocState) -> Pointer {
        let p = doc.pointer();
        match doc.stack.last() {
            Some(Frame::Seq { count, .. }) => p.child(format!("/{count}")),
            Some(Frame::Map { key: Some(k), .. }) => p.child(push_pointer("", doc.key_text(k))),
            // a key: its finding lands on the mapping that holds it
            _ => p,
        }
    }

    /// The key the next value takes from its mapping (none for items and the root), and
    /// whether the value is dropped (a merge key's).
    fn take_key(doc: &mut DocState) -> (TextRef, Range<usize>, bool) {
        match doc.stack.last_mut() {
            Some(Frame::Map { key, .. }) => match key.take() {
                Some(k) => (k.text, k.span, k.drop),
                None => (TextRef::EMPTY, 0..0, false),
            },
            _ => (TextRef::EMPTY, 0..0, false),
        }
    }

    /// Opens a collection's row (or, in a key's place, a row that is read as text at its end).
    fn open(
        &mut self,
        doc: &mut DocState,
        kind: NodeKind,
        start: usize,
        doc_index: usize,
    ) -> (u32, Role) {
        // `enter` has pushed the child's pointer; the frame below is the parent's.
        if in_key(doc) {
            let row = doc.tree.open(kind, TextRef::EMPTY, 0..0, start);
            doc.tree.kill(row);
            return (row, Role::Key);
        }
        let (key, key_span, drop) = Self::take_key(doc);
        let row = doc.tree.open(kind, key, key_span.clone(), start);
        self.placed(doc, row, key, key_span, drop, doc_index);
        (row, Role::Value)
    }

    /// A value's row is in place under `key`: checks the key against the mapping's others and
    /// records the entry (the last of two equal keys wins, as a map insert would).
    fn placed(
        &mut self,
        doc: &mut DocState,
        row: u32,
        key: TextRef,
        key_span: Range<usize>,
        drop: bool,
        doc_index: usize,
    ) {
        if drop {
            doc.tree.kill(row);
            return;
        }
        let (tree, stack) = (&mut doc.tree, &mut doc.stack);
        // The frame the row belongs to: the top one, or (for a collection, whose own frame is
        // not pushed yet) still the top one.
        let Some(Frame::Map { entries, index, .. }) = stack.last_mut() else {
            return;
        };
        let found = {
            let text = tree.str_of(key);
            match index {
                Some(index) => index.get(text).copied(),
                None => entries
                    .iter()
                    .copied()
                    .find(|&e| tree.at(e).is_some_and(|n| n.key() == text)),
            }
        };
        if let Some(old) = found {
            let text = tree.str_of(key).to_owned();
            let first_key = tree.at(old).map_or(0..0, |n| n.key_span());
            let f = Finding::new(
                &DUPLICATE_KEY,
                Location::new(self.source, key_span),
                format!("key `{text}` appears twice in this mapping"),
            )
            .label(Location::new(self.source, first_key), "first defined here")
            .help("delete one of them: which value is meant is not known, so no decision rests on this document until then");
            tree.kill(old);
            // With an index, the index alone finds entries (the list keeps its length, which is
            // the count of live entries); without one, the list is short and is scanned. A scan
            // per duplicate of a long list was quadratic.
            if let Some(index) = index {
                index.insert(Box::from(text.as_str()), row);
            } else if let Some(e) = entries.iter_mut().find(|e| **e == old) {
                *e = row;
            }
            // The pointer of the mapping that holds the key: for a scalar value the top of the
            // pointer stack, for a collection (whose own pointer is pushed) the one below.
            let collection = matches!(
                tree.at(row).map(|n| n.kind()),
                Some(NodeKind::Array | NodeKind::Object)
            );
            let depth = doc.pointer.len() - usize::from(collection && !doc.pointer.is_empty());
            let base = doc.pointer_at(depth);
            let ptr = base.child(push_pointer("", &text));
            self.out.findings.push(RawFinding {
                finding: f,
                node: Some((doc_index.saturating_sub(1), ptr)),
            });
            return;
        }
        if let Some(index) = index {
            index.insert(Box::from(tree.str_of(key)), row);
        } else if entries.len() >= INDEXED_KEYS {
            let mut built: HashMap<Box<str>, u32> = entries
                .iter()
                .filter_map(|&e| Some((Box::from(tree.at(e)?.key()), e)))
                .collect();
            built.insert(Box::from(tree.str_of(key)), row);
            *index = Some(built);
        }
        entries.push(row);
    }

    /// A `null` in the place of something that could not be read (an alias without anchor).
    fn null(&mut self, doc: &mut DocState, r: Range<usize>, doc_index: usize) {
        if in_key(doc) {
            let size = Size {
                nodes: 1,
                bytes: 0,
                height: 1,
            };
            self.key(doc, TextRef::EMPTY, "null", r, false, size, doc_index);
            return;
        }
        let (key, key_span, drop) = Self::take_key(doc);
        let row = doc.tree.push_scalar(
            Scalar::Null,
            TextRef::EMPTY,
            key,
            key_span.clone(),
            r.clone(),
        );
        self.placed(doc, row, key, key_span, drop, doc_index);
        Self::finished(
            doc,
            Size {
                nodes: 1,
                bytes: 0,
                height: 1,
            },
            r.end,
        );
    }

    /// A key is read: `text` (already in the tree), or `json` when it was not a string. Its
    /// `size` counts in its mapping's, as an alias of the mapping copies the key too.
    #[allow(clippy::too_many_arguments)]
    fn key(
        &mut self,
        doc: &mut DocState,
        text: TextRef,
        json: &str,
        span: Range<usize>,
        collection: bool,
        size: Size,
        doc_index: usize,
    ) {
        let doc_i = doc_index.saturating_sub(1);
        // The mapping's pointer is made only for a finding (it was made for every key: 27 M
        // instructions of the national corpus for two findings).
        let text = if collection {
            let f = Finding::new(
                &UNSUPPORTED,
                Location::new(self.source, span.clone()),
                "a key that is a list or a mapping cannot be represented; it is read as text",
            );
            self.out.findings.push(RawFinding {
                finding: f,
                node: Some((doc_i, doc.pointer())),
            });
            doc.tree.own(json)
        } else {
            text
        };
        let drop = !collection && doc.tree.str_of(text) == "<<";
        if drop {
            let f = Finding::new(
                &UNSUPPORTED,
                Location::new(self.source, span.clone()),
                "merge keys (`<<`) are not part of YAML 1.2 and are not applied",
            )
            .help("write the merged keys out in this mapping");
            self.out.findings.push(RawFinding {
                finding: f,
                node: Some((doc_i, doc.pointer())),
            });
        }
        if let Some(Frame::Map { key, size: s, .. }) = doc.stack.last_mut() {
            s.add(size);
            *key = Some(PendingKey { text, span, drop });
        }
    }

    /// A value is complete: its size and end go to its parent, or it is the root.
    fn finished(doc: &mut DocState, size: Size, end: usize) {
        match doc.stack.last_mut() {
            None => doc.done = true,
            Some(Frame::Seq {
                count,
                last_end,
                size: s,
                ..
            }) => {
                *count += 1;
                *last_end = Some(end);
                s.add(size);
            }
            Some(Frame::Map {
                last_end, size: s, ..
            }) => {
                *last_end = Some(end);
                s.add(size);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn scalar(
        &mut self,
        doc: &mut DocState,
        text: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<(&Tag, Range<usize>)>,
        r: Range<usize>,
        doc_index: usize,
    ) {
        let tagged = tag.is_some();
        let scalar = match tag {
            Some((t, _)) if t.is_yaml_core_schema_tag("str") => Scalar::String,
            Some((t, _)) if t.is_yaml_core_schema() => resolve_scalar(text),
            Some((t, tag_r)) => {
                let f = Finding::new(
                    &UNSUPPORTED,
                    self.loc(tag_r),
                    format!(
                        "custom tag `{}` is not supported; the value is read as untagged",
                        t.original()
                    ),
                )
                .help("remove the tag: egenregi reads plain YAML data");
                self.report(f, Some((doc_index.saturating_sub(1), Self::here(doc))));
                if style == ScalarStyle::Plain {
                    resolve_scalar(text)
                } else {
                    Scalar::String
                }
            }
            None if style == ScalarStyle::Plain => resolve_scalar(text),
            None => Scalar::String,
        };
        if style == ScalarStyle::Plain && !tagged && is_ambiguous(text) {
            let f = Finding::new(
                &AMBIGUOUS_SCALAR,
                self.loc(r.clone()),
                format!("`{text}` is a string here, but YAML 1.1 tools read it as a boolean"),
            )
            .help(format!(
                "quote it: \"{text}\" (or write true/false if a boolean was meant)"
            ));
            self.report(f, Some((doc_index.saturating_sub(1), Self::here(doc))));
        }
        let size = Size {
            nodes: 1,
            bytes: text.len(),
            height: 1,
        };
        let text_ref = doc.tree.text(text);
        if in_key(doc) {
            // Only a key needs its text apart from the value.
            if anchor != 0 {
                doc.anchors.insert(
                    anchor,
                    Anchor {
                        target: Target::Key(scalar, text_ref),
                        size,
                    },
                );
            }
            self.key(doc, text_ref, "", r, false, size, doc_index);
            return;
        }
        let (key, key_span, drop) = Self::take_key(doc);
        let stored = if scalar == Scalar::String {
            text_ref
        } else {
            TextRef::EMPTY
        };
        let row = doc
            .tree
            .push_scalar(scalar, stored, key, key_span.clone(), r.clone());
        self.placed(doc, row, key, key_span, drop, doc_index);
        if anchor != 0 {
            doc.anchors.insert(
                anchor,
                Anchor {
                    target: Target::Row(row),
                    size,
                },
            );
        }
        Self::finished(doc, size, r.end);
    }

    fn alias(
        &mut self,
        doc: &mut DocState,
        id: usize,
        r: Range<usize>,
        doc_index: usize,
    ) -> Result<(), Stop> {
        let Some(anchor) = doc.anchors.get(&id) else {
            let f = Finding::new(
                &UNSUPPORTED,
                self.loc(r.clone()),
                "this alias refers to the collection that contains it; recursive data is not supported",
            );
            self.report(f, Some((doc_index.saturating_sub(1), doc.pointer())));
            self.null(doc, r, doc_index);
            return Ok(());
        };
        let (size, target) = (anchor.size, anchor.target);
        // Charged before anything is copied: the budgets bound the memory the copies take.
        let nodes = self.expanded.nodes.saturating_add(size.nodes);
        let bytes = self.expanded.bytes.saturating_add(size.bytes);
        let over = if doc.stack.len() + size.height > self.limits.max_depth {
            Some((
                format!(
                    "this alias nests its anchor deeper than {} levels; the document is not read",
                    self.limits.max_depth
                ),
                Stop::Document,
            ))
        } else if nodes > self.limits.max_alias_nodes || bytes > self.limits.max_alias_bytes {
            Some((
                format!(
                    "aliases in this file expand to more than {} nodes or {} of text; the rest of the file is not read",
                    self.limits.max_alias_nodes,
                    super::mib(self.limits.max_alias_bytes)
                ),
                Stop::File,
            ))
        } else if nodes > self.run_left.nodes || bytes > self.run_left.bytes {
            Some((
                format!(
                    "aliases in all files together expand to more than {} nodes or {} of text; the rest of this file is not read",
                    self.limits.max_run_alias_nodes,
                    super::mib(self.limits.max_run_alias_bytes)
                ),
                Stop::File,
            ))
        } else {
            None
        };
        if let Some((message, stop)) = over {
            let f = Finding::new(&LIMIT, self.loc(r), message)
                .help("anchors and aliases may not multiply a document (\"billion laughs\"); write the content out");
            self.report(f, None);
            return Err(stop);
        }
        self.expanded = Expanded { nodes, bytes };
        self.doc_expanded.nodes += size.nodes;
        self.doc_expanded.bytes += size.bytes;
        if in_key(doc) {
            // A key alias reads as its string; anything else as its JSON text.
            let (text, json) = match target {
                Target::Key(Scalar::String, text) => (Some(text), String::new()),
                Target::Key(scalar, text) => (
                    None,
                    scalar_value(scalar, doc.tree.str_of(text)).to_string(),
                ),
                Target::Row(row) => match doc.tree.at(row) {
                    Some(n) if n.is_string() => (Some(n.text_ref()), String::new()),
                    Some(n) => (None, n.to_value().to_string()),
                    None => (None, "null".to_owned()),
                },
            };
            match text {
                Some(text) => self.key(doc, text, "", r, false, size, doc_index),
                None => self.key(doc, TextRef::EMPTY, &json, r, true, size, doc_index),
            }
            return Ok(());
        }
        let (key, key_span, drop) = Self::take_key(doc);
        let row = match target {
            Target::Row(from) => doc.tree.copy(from, key, key_span.clone(), r.clone()),
            Target::Key(scalar, text) => {
                doc.tree
                    .push_scalar(scalar, text, key, key_span.clone(), r.clone())
            }
        };
        self.placed(doc, row, key, key_span, drop, doc_index);
        Self::finished(doc, size, r.end);
        Ok(())
    }

    fn leave(&mut self, doc: &mut DocState, r: Range<usize>, doc_index: usize) {
        let Some(frame) = doc.stack.pop() else {
            return;
        };
        doc.pointer.pop();
        let (row, end, anchor, role, live, last_end, size, close) = match frame {
            Frame::Seq {
                row,
                end,
                anchor,
                role,
                count,
                last_end,
                size,
            } => (row, end, anchor, role, count, last_end, size, b']'),
            Frame::Map {
                row,
                end,
                anchor,
                role,
                mut entries,
                last_end,
                size,
                ..
            } => {
                let live = entries.len();
                if doc.spare.len() < SPARE_LISTS && entries.capacity() <= SPARE_LIST_CAPACITY {
                    entries.clear();
                    doc.spare.push(entries);
                }
                (row, end, anchor, role, live, last_end, size, b'}')
            }
        };
        let stop = if self.src.as_bytes().get(r.start) == Some(&close) {
            r.end
        } else {
            last_end.unwrap_or(end)
        };
        let start = doc.tree.at(row).map_or(0, |n| n.span().start);
        doc.tree.close(row, stop.max(start), live);
        let size = collection(size);
        if anchor != 0 {
            doc.anchors.insert(
                anchor,
                Anchor {
                    target: Target::Row(row),
                    size,
                },
            );
        }
        match role {
            Role::Key => {
                let json = doc
                    .tree
                    .at(row)
                    .map_or_else(String::new, |n| n.to_value().to_string());
                self.key(
                    doc,
                    TextRef::EMPTY,
                    &json,
                    start..stop.max(start),
                    true,
                    size,
                    doc_index,
                );
            }
            Role::Value => Self::finished(doc, size, doc.tree.end_of(row)),
        }
    }
}

/// A finished collection's size: itself and its children, one level higher than the highest.
fn collection(children: Size) -> Size {
    Size {
        nodes: children.nodes.saturating_add(1),
        bytes: children.bytes,
        height: children.height + 1,
    }
}

/// granit's span of a block scalar (`|`, `>`) covers only its content, and runs on into the
/// next line's indentation. Widen it back to the indicator (searched from `after`, the end of the
/// previous event, past indicators, properties and comments) and end it at the last non-blank
/// content; an empty block scalar is its header (`|-`).
fn block_scalar_span(src: &str, after: usize, r: Range<usize>) -> Range<usize> {
    let b = src.as_bytes();
    let mut i = after;
    let start = loop {
        if i >= r.start {
            return r;
        }
        match b.get(i) {
            Some(b' ' | b'\t' | b'\r' | b'\n' | b':' | b'-' | b'?') => i += 1,
            Some(b'#') => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            Some(b'!' | b'&') => {
                while b.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                    i += 1;
                }
            }
            Some(b'|' | b'>') => break i,
            _ => return r,
        }
    };
    let header_end = start
        + 1
        + b[start + 1..]
            .iter()
            .take_while(|c| matches!(c, b'0'..=b'9' | b'+' | b'-'))
            .count();
    let content = src.get(r.clone()).unwrap_or("");
    if content.trim().is_empty() {
        return start..header_end;
    }
    let end = r.start + content.trim_end_matches([' ', '\t', '\r', '\n']).len();
    start..end.max(header_end)
}

fn char_to_byte(src: &str, chars: usize) -> usize {
    src.char_indices().nth(chars).map_or(src.len(), |(i, _)| i)
}

/// Whether the next scalar is a mapping key.
fn in_key(doc: &DocState) -> bool {
    matches!(doc.stack.last(), Some(Frame::Map { key: None, .. }))
}

/// The YAML 1.1 booleans that YAML 1.2 reads as strings.
pub fn is_ambiguous(text: &str) -> bool {
    // Called on every plain scalar: compared in place, with no copy (a lowercased copy of
    // each short scalar was 168,000 allocations at ×10 of the national corpus).
    ["yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|w| text.eq_ignore_ascii_case(w))
}

/// YAML 1.2 core schema resolution of a plain scalar.
pub fn resolve_plain(text: &str) -> Value {
    scalar_value(resolve_scalar(text), text)
}

/// The JSON value of a resolved scalar whose text is `text`.
fn scalar_value(scalar: Scalar, text: &str) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Unsigned(u) => Value::Number(u.into()),
        Scalar::Negative(i) => Value::Number(i.into()),
        Scalar::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        Scalar::String => Value::String(text.to_owned()),
    }
}

/// What a plain scalar is under the YAML 1.2 core schema.
pub fn resolve_scalar(text: &str) -> Scalar {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "true" | "True" | "TRUE" => return Scalar::Bool(true),
        "false" | "False" | "FALSE" => return Scalar::Bool(false),
        _ => {}
    }
    match resolve_int(text) {
        Int::Fits(n) => {
            return match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Scalar::Unsigned(u),
                (_, Some(i)) => Scalar::Negative(i),
                _ => Scalar::String,
            };
        }
        // Too large for 64 bits: a float would round it silently, so it stays text.
        Int::TooLarge => return Scalar::String,
        Int::Other => {}
    }
    if is_core_float(text)
        && let Ok(f) = text.parse::<f64>()
        && Number::from_f64(f).is_some()
    {
        return Scalar::Float(f);
    }
    // `.inf`, `.nan` and integers too large for 64 bits have no JSON form: they stay strings,
    // and the schema reports them where a number is expected.
    Scalar::String
}

enum Int {
    Fits(Number),
    TooLarge,
    Other,
}

fn resolve_int(text: &str) -> Int {
    let fits = |n: Option<Number>| n.map_or(Int::TooLarge, Int::Fits);
    let (radix, digits, neg) = if let Some(oct) = text.strip_prefix("0o") {
        (8, oct, false)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (16, hex, false)
    } else if let Some(rest) = text.strip_prefix('-') {
        (10, rest, true)
    } else {
        (10, text.strip_prefix('+').unwrap_or(text), false)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Int::Other;
    }
    if neg {
        fits(text.parse::<i64>().ok().map(Number::from))
    } else {
        fits(u64::from_str_radix(digits, radix).ok().map(Number::from))
    }
}

/// Whether the YAML 1.2 core schema reads `text`, as a plain scalar, as a number: an integer
/// (decimal, `0o` octal, `0x` hex, of any size), a float, `.inf` or `.nan`. Also true of the
/// numbers [`resolve_scalar`] keeps as text because they have no exact JSON form.
pub fn is_core_number(text: &str) -> bool {
    !matches!(resolve_int(text), Int::Other)
        || is_core_float(text)
        || matches!(
            text.strip_prefix(['-', '+']).unwrap_or(text),
            ".inf" | ".Inf" | ".INF"
        )
        || matches!(text, ".nan" | ".NaN" | ".NAN")
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_core_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

fn syntax_message(kind: &ErrorKind) -> String {
    let text = kind.to_string();
    let text = text.trim();
    if text.is_empty() {
        "the YAML parser stopped here".to_owned()
    } else {
        let mut c = text.chars();
        c.next().map_or_else(String::new, |first| {
            first.to_lowercase().collect::<String>() + c.as_str()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
    }

    /// Each document of a file is a table of its own: a smaller document after a larger one,
    /// or after one with escaped strings, quoted keys, wide numbers and an indexed mapping,
    /// reads exactly as it does alone, at its own spans.
    #[test]
    fn a_document_after_another_reads_as_it_does_alone() {
        let big = {
            let mut d = String::from("kind: Big\nlist:\n");
            for i in 0..40 {
                d.push_str(&format!("  k{i}: \"esc\\t{i}\"\n"));
            }
            d + "\"quoted key\": 18446744073709551615\nneg: -9223372036854775808\n"
        };
        let small = "kind: Small\nx: [1, 2]\n";
        let folded = "kind: Folded\ntext: >\n  one\n  two\nflow: {a: 'it''s'}\n";
        for order in [[&big[..], small, folded], [folded, &big[..], small]] {
            let file = format!("---\n{}---\n{}---\n{}", order[0], order[1], order[2]);
            let parsed = parse(&file, SourceId(0), &limits());
            assert!(parsed.findings.is_empty(), "{:?}", parsed.findings.len());
            assert_eq!(parsed.documents.len(), 3);
            for (doc, text) in parsed.documents.iter().zip(order) {
                let alone = parse(text, SourceId(0), &limits());
                let (a, b) = (
                    doc.tree.root().unwrap(),
                    alone.documents[0].tree.root().unwrap(),
                );
                assert_eq!(a.to_value(), b.to_value(), "{text}");
                assert_eq!(file[a.span()].trim_end(), text[b.span()].trim_end());
            }
        }
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(resolve_plain("NO"), Value::String("NO".into()));
        assert_eq!(resolve_plain("true"), Value::Bool(true));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("0755"), Value::from(755u64));
        assert_eq!(resolve_plain("-3"), Value::from(-3i64));
        assert_eq!(resolve_plain("1.10"), Value::from(1.1));
        assert_eq!(resolve_plain("1e3"), Value::from(1000.0));
        assert_eq!(
            resolve_plain("2024-01-01"),
            Value::String("2024-01-01".into())
        );
        assert_eq!(resolve_plain(".inf"), Value::String(".inf".into()));
        assert_eq!(resolve_plain("0x1F"), Value::from(31u64));
        assert_eq!(
            resolve_plain("99999999999999999999999"),
            Value::String("99999999999999999999999".into())
        );
        assert_eq!(resolve_plain("1.2.3"), Value::String("1.2.3".into()));
    }

    #[test]
    fn the_yaml_1_1_booleans_are_found_in_any_case_and_nothing_else() {
        for w in [
            "yes", "YES", "Yes", "no", "No", "on", "ON", "off", "oFF", "y", "Y", "n", "N",
        ] {
            assert!(is_ambiguous(w), "{w}");
        }
        for w in [
            "", "ye", "yess", "nope", "offf", "true", "x", "0", "öff", "yes ",
        ] {
            assert!(!is_ambiguous(w), "{w}");
        }
    }

    #[test]
    fn sibling_mappings_with_the_same_keys_are_no_duplicates() {
        // The mappings of a list share their keys; each starts with none seen (the entry lists
        // of closed mappings are reused), and a duplicate in a later one is still found.
        let src = "- {a: 1, b: 2}\n- {a: 3, b: 4}\n- a: 5\n  c: {a: 6}\n  a: 7\n";
        let p = parse(src, SourceId(0), &limits());
        assert_eq!(
            p.documents[0].value(),
            serde_json::json!([{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"a": 7, "c": {"a": 6}}])
        );
        let rules: Vec<(&str, &str)> = p
            .findings
            .iter()
            .map(|f| (&*f.finding.rule, &src[f.finding.location.span.clone()]))
            .collect();
        assert_eq!(rules, [("yaml/duplicate-key", "a")]);
        assert_eq!(
            p.findings[0].finding.location.span.start,
            src.rfind("a: 7").unwrap()
        );
    }

    #[test]
    fn duplicate_key_reports_both_spans_and_keeps_last() {
        let src = "a: 1\nb: 2\na: 3\n";
        let p = parse(src, SourceId(0), &limits());
        assert_eq!(p.documents[0].value(), serde_json::json!({"a": 3, "b": 2}));
        let f = &p.findings[0].finding;
        assert_eq!(f.rule, "yaml/duplicate-key");
        assert_eq!(&src[f.location.span.clone()], "a");
        assert_eq!(f.location.span.start, 10);
        assert_eq!(f.labels[0].location.span, 0..1);
        assert_eq!(&src[p.documents[0].locate("/a").value], "3");
    }

    #[test]
    fn shared_anchors_read_as_copies() {
        // an alias is the anchored node as it was defined: a later duplicate key, a dropped
        // merge key or a key that is a collection does not change or lose it
        let src = "a: &x {n: 1}\na: 2\nb: *x\n<<: &m [3]\nc: *m\n? &k [4]\n: 5\nd: [*k, *x]\n";
        let p = parse(src, SourceId(0), &limits());
        assert_eq!(
            p.documents[0].value(),
            serde_json::json!({"a": 2, "b": {"n": 1}, "c": [3], "[4]": 5, "d": [[4], {"n": 1}]})
        );
        assert_eq!(
            p.expanded,
            // `*x` is a mapping, its key and its value; `*m` and `*k` a list and its item
            Expanded {
                nodes: 3 + 2 + 2 + 3,
                bytes: 2 + 1 + 1 + 2
            }
        );
    }

    #[test]
    fn an_alias_may_not_nest_deeper_than_the_limit() {
        // each anchor holds the one before it one level deeper: 70 levels from a 3 KB file
        let mut src = String::from("a0: &a0 [x]\n");
        for i in 1..70 {
            src += &format!("a{i}: &a{i} [*a{}]\n", i - 1);
        }
        let p = parse(&src, SourceId(0), &limits());
        let f = &p.findings[0].finding;
        assert_eq!(f.rule, "yaml/limit");
        assert!(f.message.contains("deeper than 64"), "{}", f.message);
    }

    #[test]
    fn large_mappings_are_located_through_their_index() {
        let mut src: String = (0..100).fold(String::new(), |mut s, i| {
            s += &format!("k{i}: {i}\n");
            s
        });
        src += "k7: x\n";
        let p = parse(&src, SourceId(0), &limits());
        let d = &p.documents[0];
        assert_eq!(&src[d.locate("/k99").value], "99");
        assert_eq!(
            &src[d.locate("/k7").value],
            "x",
            "the last value, at the first key"
        );
        assert_eq!(p.findings[0].finding.rule, "yaml/duplicate-key");
        assert_eq!(p.findings[0].node.as_ref().unwrap().1.render(), "/k7");
    }

    #[test]
    fn merge_key_is_flagged_and_dropped() {
        let src = "base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n";
        let p = parse(src, SourceId(0), &limits());
        assert_eq!(p.documents[0].value()["thing"], serde_json::json!({"y": 2}));
        assert!(
            p.findings
                .iter()
                .any(|f| f.finding.rule == "yaml/unsupported")
        );
    }

    /// Error cases of the YAML test suite (github.com/yaml/yaml-test-suite, by id) that the
    /// parser accepts in its PyYAML-compatible default and rejects under the specification's
    /// indentation rules, which editors apply: each must be a `yaml/syntax` finding here.
    const SUITE_INDENTATION_ERRORS: &[(&str, &str)] = &[
        // 9C9N: wrong indented flow sequence
        ("9C9N", "---\nflow: [a,\nb,\nc]\n"),
        // QB6E: wrong indented multiline quoted scalar
        ("QB6E", "---\nquoted: \"a\nb\nc\"\n"),
        // DK95/01: a tab that looks like indentation, before a quoted scalar's continuation
        ("DK95/01", "foo: \"bar\n\tbaz\"\n"),
    ];

    #[test]
    fn the_suites_indentation_errors_are_syntax_errors() {
        for (id, src) in SUITE_INDENTATION_ERRORS {
            // the lenient default would take it: the finding is strict indentation's doing
            let lenient: Result<Vec<_>, _> = Parser::new_from_str(src).collect();
            assert!(
                lenient.is_ok(),
                "{id}: the lenient parser rejects it already"
            );
            let p = parse(src, SourceId(0), &limits());
            assert!(
                p.findings.iter().any(|f| f.finding.rule == "yaml/syntax"),
                "{id}: accepted: {:?}",
                p.documents.first().map(super::Document::value)
            );
        }
        // the indentation the specification allows still parses
        let p = parse(
            "flow: [a,\n  b,\n  c]\nq: \"a\n  b\"\n",
            SourceId(0),
            &limits(),
        );
        assert!(p.findings.is_empty(), "{:?}", p.findings.len());
        assert_eq!(
            p.documents[0].value(),
            serde_json::json!({"flow": ["a", "b", "c"], "q": "a b"})
        );
    }

    #[test]
    fn recovers_after_a_broken_document() {
        let src = "a: [1\n---\nb: 2\n";
        let p = parse(src, SourceId(0), &limits());
        assert!(p.findings.iter().any(|f| f.finding.rule == "yaml/syntax"));
        assert!(
            p.documents
                .iter()
                .any(|d| d.value() == serde_json::json!({"b": 2}))
        );
    }
}
