//! A scanner for the plain subset of YAML that configuration files are written in, producing the
//! same events, with the same byte ranges, as granit-parser (issue 18: granit's event parse was
//! two fifths of a national check's instructions, and most files use a small part of YAML).
//!
//! The subset, line by line: blank and comment lines; `---` alone on a line; block mappings
//! whose keys are plain words (`[A-Za-z0-9_][A-Za-z0-9_./-]*`) followed by `:`; block sequences
//! (`- `) of scalars, of flow collections and of mappings that start on the dash's line; and as
//! values, on the same line: plain scalars on one line, single- and double-quoted scalars
//! without escapes, and flow sequences and mappings that close on their line. Anything else (a
//! tab, a carriage return, a control or line-separator character, a directive, `...`, an
//! anchor, alias or tag, a block scalar, a key with no value, a scalar over several lines, an
//! escape, `#` inside a plain scalar, a nested sequence on one dash, a root that is not a
//! mapping, deep nesting) makes [`scan`] give up on the whole file, and granit reads it as
//! before, with its errors and findings. So a file this scanner reads is one granit reads
//! without error, and `tests/fast_yaml.rs` holds the two to the same events on every file of
//! the examples and corpora and on thousands of edits of them.
//!
//! Linear in the file, no recursion deeper than [`MAX_NESTING`], no allocation but the event
//! list and the stack of open blocks.

use std::borrow::Cow;
use std::ops::Range;

use granit_parser::{Event, ScalarStyle, StructureStyle};

/// Collections nested deeper than this (block and flow together) are left to granit.
const MAX_NESTING: usize = 32;

/// The events of `src` with their byte ranges, as granit-parser gives them (without the stream
/// start and end), or `None` when `src` is not in the subset this module reads. A file whose
/// collections nest deeper than half of `max_depth` (the loader's limit, granit's nesting
/// limit) is left to granit, so its limit is reported as before whatever it is set to.
pub fn scan(src: &str, max_depth: usize) -> Option<Events<'_>> {
    if src.len() >= u32::MAX as usize || !printable(src) {
        return None;
    }
    let mut s = Scanner {
        src,
        out: Vec::with_capacity(src.len() / 8),
        stack: Vec::new(),
        pending: None,
        doc_open: false,
        doc_content: false,
        max: (max_depth / 2).min(MAX_NESTING),
    };
    s.run()?;
    Some(Events { src, list: s.out })
}

/// The events [`scan`] found in a text: twelve bytes each (granit's events with their ranges
/// take eighty), made into granit's events as they are read.
#[derive(Debug)]
pub struct Events<'s> {
    src: &'s str,
    list: Vec<Ev>,
}

impl<'s> Events<'s> {
    /// The events with their byte ranges, as granit gives them.
    pub fn iter(&self) -> impl Iterator<Item = (Event<'s>, Range<usize>)> + '_ {
        let src = self.src;
        self.list.iter().map(move |e| {
            let r = e.start as usize..e.end as usize;
            let text = |r: Range<usize>| Cow::Borrowed(src.get(r).unwrap_or(""));
            let event = match e.kind {
                Kind::ImplicitDocStart => Event::DocumentStart(false, None),
                Kind::DocStart => Event::DocumentStart(true, None),
                Kind::DocEnd => Event::DocumentEnd,
                Kind::BlockMap => Event::MappingStart(StructureStyle::Block, 0, None),
                Kind::FlowMap => Event::MappingStart(StructureStyle::Flow, 0, None),
                Kind::MapEnd => Event::MappingEnd,
                Kind::BlockSeq => Event::SequenceStart(StructureStyle::Block, 0, None),
                Kind::FlowSeq => Event::SequenceStart(StructureStyle::Flow, 0, None),
                Kind::SeqEnd => Event::SequenceEnd,
                Kind::Plain => Event::Scalar(text(r.clone()), ScalarStyle::Plain, 0, None),
                Kind::SingleQuoted => Event::Scalar(
                    text(r.start + 1..r.end - 1),
                    ScalarStyle::SingleQuoted,
                    0,
                    None,
                ),
                Kind::DoubleQuoted => Event::Scalar(
                    text(r.start + 1..r.end - 1),
                    ScalarStyle::DoubleQuoted,
                    0,
                    None,
                ),
            };
            (event, r)
        })
    }
}

/// One event of [`Events`]: what it is and its byte range.
#[derive(Debug, Clone, Copy)]
struct Ev {
    kind: Kind,
    start: u32,
    end: u32,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    ImplicitDocStart,
    DocStart,
    DocEnd,
    BlockMap,
    FlowMap,
    MapEnd,
    BlockSeq,
    FlowSeq,
    SeqEnd,
    Plain,
    SingleQuoted,
    DoubleQuoted,
}

/// Whether every character of `src` is one this scanner passes through as granit would: no
/// control character but the line feed (so no tab or carriage return), no DEL, no C1 control, no
/// NEL, line or paragraph separator, byte-order mark or noncharacter.
fn printable(src: &str) -> bool {
    let bytes = src.as_bytes();
    if bytes
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return true;
    }
    src.chars().all(|c| match c {
        '\n' | ' '..='~' | '\u{10000}'..='\u{10ffff}' => true,
        '\u{a0}'..='\u{d7ff}' => !matches!(c, '\u{2028}' | '\u{2029}'),
        '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        _ => false,
    })
}

#[derive(Clone, Copy)]
enum Block {
    /// A block mapping whose keys start at this column.
    Map(usize),
    /// A block sequence whose dashes are at this column.
    Seq(usize),
}

struct Scanner<'s> {
    src: &'s str,
    out: Vec<Ev>,
    stack: Vec<Block>,
    /// A key whose value starts on a later line: its column.
    pending: Option<usize>,
    doc_open: bool,
    /// Whether the open document has a node yet.
    doc_content: bool,
    /// How deep collections may nest here (block and flow together).
    max: usize,
}

/// Plain-scalar characters that may not start one here (YAML's indicators).
fn indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

fn key_start(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-')
}

impl Scanner<'_> {
    fn emit(&mut self, kind: Kind, range: Range<usize>) {
        // `scan` refuses a text longer than `u32::MAX` bytes, so every position fits.
        let (start, end) = (
            u32::try_from(range.start).unwrap_or(u32::MAX),
            u32::try_from(range.end).unwrap_or(u32::MAX),
        );
        self.out.push(Ev { kind, start, end });
    }

    fn at(&mut self, kind: Kind, pos: usize) {
        self.emit(kind, pos..pos);
    }

    /// A scalar at `range` (a quoted one's quotes included).
    fn scalar(&mut self, range: Range<usize>, style: ScalarStyle) {
        let kind = match style {
            ScalarStyle::SingleQuoted => Kind::SingleQuoted,
            ScalarStyle::DoubleQuoted => Kind::DoubleQuoted,
            _ => Kind::Plain,
        };
        self.emit(kind, range);
    }

    fn run(&mut self) -> Option<()> {
        let src = self.src;
        let mut start = 0;
        while start < src.len() {
            let end = src[start..].find('\n').map_or(src.len(), |i| start + i);
            self.line(start, end)?;
            start = end + 1;
        }
        if self.pending.is_some() {
            return None;
        }
        self.close_document(src.len())
    }

    /// Closes every open block and the document at `pos` (the next token's start, or the end
    /// of the file); `None` for a document with no node (granit gives it a null scalar).
    fn close_document(&mut self, pos: usize) -> Option<()> {
        if !self.doc_open {
            return Some(());
        }
        if !self.doc_content {
            return None;
        }
        self.close_to(pos, |_| true);
        self.at(Kind::DocEnd, pos);
        self.doc_open = false;
        Some(())
    }

    /// Pops and ends the blocks `closes` says end before the token at `pos`.
    fn close_to(&mut self, pos: usize, closes: impl Fn(Block) -> bool) {
        while let Some(&top) = self.stack.last() {
            if !closes(top) {
                break;
            }
            self.stack.pop();
            match top {
                Block::Map(_) => self.at(Kind::MapEnd, pos),
                Block::Seq(_) => self.at(Kind::SeqEnd, pos),
            }
        }
    }

    fn line(&mut self, start: usize, end: usize) -> Option<()> {
        let line = &self.src.as_bytes()[start..end];
        let col = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[col..];
        if rest.is_empty() || rest[0] == b'#' {
            return Some(());
        }
        let pos = start + col;
        if col == 0 && rest.starts_with(b"---") {
            if rest != b"---" || self.pending.is_some() {
                return None;
            }
            self.close_document(pos)?;
            self.emit(Kind::DocStart, pos..pos + 3);
            self.doc_open = true;
            self.doc_content = false;
            return Some(());
        }
        if col == 0 && (rest[0] == b'%' || rest.starts_with(b"...")) {
            return None;
        }
        if !self.doc_open {
            self.at(Kind::ImplicitDocStart, pos);
            self.doc_open = true;
            self.doc_content = false;
        }
        let item = rest[0] == b'-' && (rest.len() == 1 || rest[1] == b' ');
        if let Some(key_col) = self.pending.take() {
            if item && col >= key_col {
                // An indentless sequence (dashes at the key's column) starts at its first
                // item's content; an indented one at the dash, as granit has it.
                let first = if col == key_col {
                    start + col + 1 + rest[1..].iter().take_while(|&&b| b == b' ').count()
                } else {
                    pos
                };
                self.open(Block::Seq(col))?;
                self.at(Kind::BlockSeq, first);
            } else if !item && col > key_col {
                self.open(Block::Map(col))?;
                self.at(Kind::BlockMap, pos);
            } else {
                return None; // a key with no value
            }
        } else {
            self.close_to(pos, |b| match b {
                Block::Map(i) => i > col,
                Block::Seq(i) => i > col || (i == col && !item),
            });
            match (self.stack.last(), item) {
                (Some(Block::Seq(i)), true) | (Some(Block::Map(i)), false) if *i == col => {}
                (None, false) if !self.doc_content => {
                    self.open(Block::Map(col))?;
                    self.at(Kind::BlockMap, pos);
                }
                _ => return None,
            }
        }
        self.doc_content = true;
        if item {
            let after = 1 + rest[1..].iter().take_while(|&&b| b == b' ').count();
            let content = pos + after;
            if content >= end || self.src.as_bytes()[content] == b'#' || after < 2 {
                return None; // a nested block under the dash
            }
            let c = &self.src.as_bytes()[content..end];
            if c[0] == b'-' && (c.len() == 1 || c[1] == b' ') {
                return None; // a sequence in a sequence on one line
            }
            if key_start(c[0]) && self.key_len(content, end).is_some() {
                self.open(Block::Map(col + after))?;
                self.at(Kind::BlockMap, content);
                return self.key_value(content, end, col + after);
            }
            let after_value = self.value(content, end)?;
            return self.tail(after_value, end);
        }
        self.key_value(pos, end, col)
    }

    /// Pushes a block, within the nesting this scanner takes.
    fn open(&mut self, block: Block) -> Option<()> {
        if self.stack.len() >= self.max {
            return None;
        }
        self.stack.push(block);
        Some(())
    }

    /// The length of the plain key at `pos` when it is one followed by `:` and a space or the
    /// end of the line.
    fn key_len(&self, pos: usize, end: usize) -> Option<usize> {
        let b = &self.src.as_bytes()[pos..end];
        if !key_start(*b.first()?) {
            return None;
        }
        let n = b.iter().take_while(|&&x| key_byte(x)).count();
        match (b.get(n), b.get(n + 1)) {
            (Some(b':'), None | Some(b' ')) => Some(n),
            _ => None,
        }
    }

    /// `key: value` or `key:` at `pos` (the key's column `col`).
    fn key_value(&mut self, pos: usize, end: usize, col: usize) -> Option<()> {
        let n = self.key_len(pos, end)?;
        self.scalar(pos..pos + n, ScalarStyle::Plain);
        let after_colon = pos + n + 1;
        let bytes = self.src.as_bytes();
        let gap = bytes[after_colon..end]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        let value = after_colon + gap;
        if value == end || bytes[value] == b'#' {
            if value < end && gap == 0 {
                return None;
            }
            self.pending = Some(col);
            return Some(());
        }
        let after_value = self.value(value, end)?;
        self.tail(after_value, end)
    }

    /// What may follow a value on its line: spaces, then a comment after at least one space.
    fn tail(&self, pos: usize, end: usize) -> Option<()> {
        let b = &self.src.as_bytes()[pos..end];
        let spaces = b.iter().take_while(|&&x| x == b' ').count();
        match b.get(spaces) {
            None => Some(()),
            Some(b'#') if spaces > 0 => Some(()),
            _ => None,
        }
    }

    /// A block value on one line at `pos`: a quoted or plain scalar or a flow collection.
    /// Returns where it ends.
    fn value(&mut self, pos: usize, end: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        match bytes[pos] {
            b'"' | b'\'' => self.quoted(pos, end),
            b'[' | b'{' => self.flow(pos, end, 0),
            b if indicator(b) => None,
            _ => {
                // A plain scalar runs to a comment or the end of the line.
                let line = &bytes[pos..end];
                let mut len = line.len();
                for (i, &b) in line.iter().enumerate() {
                    if b == b'#' {
                        if i > 0 && line[i - 1] == b' ' {
                            len = i;
                            break;
                        }
                        return None;
                    }
                    if b == b':' && line.get(i + 1).is_none_or(|&n| n == b' ') {
                        return None;
                    }
                }
                let text = line[..len].trim_ascii_end().len();
                self.scalar(pos..pos + text, ScalarStyle::Plain);
                Some(pos + text)
            }
        }
    }

    /// A quoted scalar at `pos` that closes before `end`, without escapes.
    fn quoted(&mut self, pos: usize, end: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let quote = bytes[pos];
        let close = pos + 1 + bytes[pos + 1..end].iter().position(|&b| b == quote)?;
        if quote == b'"' && bytes[pos + 1..close].contains(&b'\\') {
            return None;
        }
        if quote == b'\'' && bytes.get(close + 1) == Some(&b'\'') {
            return None;
        }
        let style = if quote == b'"' {
            ScalarStyle::DoubleQuoted
        } else {
            ScalarStyle::SingleQuoted
        };
        self.scalar(pos..close + 1, style);
        Some(close + 1)
    }

    fn skip_spaces(&self, mut pos: usize, end: usize) -> usize {
        let bytes = self.src.as_bytes();
        while pos < end && bytes[pos] == b' ' {
            pos += 1;
        }
        pos
    }

    /// A flow sequence or mapping at `pos` that closes on its line; returns where it ends.
    fn flow(&mut self, pos: usize, end: usize, depth: usize) -> Option<usize> {
        if self.stack.len() + depth >= self.max {
            return None;
        }
        let bytes = self.src.as_bytes();
        let map = bytes[pos] == b'{';
        let (open, close) = if map {
            (Kind::FlowMap, b'}')
        } else {
            (Kind::FlowSeq, b']')
        };
        self.emit(open, pos..pos + 1);
        let mut p = self.skip_spaces(pos + 1, end);
        if p < end && bytes[p] == close {
            self.emit(if map { Kind::MapEnd } else { Kind::SeqEnd }, p..p + 1);
            return Some(p + 1);
        }
        loop {
            if p >= end {
                return None;
            }
            if map && matches!(bytes[p], b'[' | b'{') {
                return None; // a collection as a key
            }
            p = self.flow_node(p, end, depth)?;
            if map {
                // `key: value`: the colon right after the key, then a space.
                if bytes.get(p) != Some(&b':') || bytes.get(p + 1) != Some(&b' ') || p + 1 >= end {
                    return None;
                }
                p = self.skip_spaces(p + 1, end);
                if p >= end {
                    return None;
                }
                p = self.flow_node(p, end, depth)?;
            }
            p = self.skip_spaces(p, end);
            match bytes.get(p) {
                Some(b',') if p < end => {
                    p = self.skip_spaces(p + 1, end);
                    if p >= end || bytes[p] == close || bytes[p] == b',' {
                        return None; // a trailing or doubled comma
                    }
                }
                Some(&b) if b == close && p < end => {
                    self.emit(if map { Kind::MapEnd } else { Kind::SeqEnd }, p..p + 1);
                    return Some(p + 1);
                }
                _ => return None,
            }
        }
    }

    /// A node inside a flow collection at `pos`; returns where it ends.
    fn flow_node(&mut self, pos: usize, end: usize, depth: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        match bytes[pos] {
            b'"' | b'\'' => self.quoted(pos, end),
            b'[' | b'{' => self.flow(pos, end, depth + 1),
            b if indicator(b) => None,
            _ => {
                let mut i = pos;
                while i < end {
                    match bytes[i] {
                        b',' | b'[' | b']' | b'{' | b'}' => break,
                        b'#' => return None,
                        b':' => match bytes.get(i + 1) {
                            Some(b' ') if i + 1 < end => break,
                            Some(&n)
                                if i + 1 < end
                                    && !matches!(n, b',' | b'[' | b']' | b'{' | b'}') => {}
                            _ => return None,
                        },
                        _ => {}
                    }
                    i += 1;
                }
                let text = bytes[pos..i].trim_ascii_end().len();
                if text == 0 {
                    return None;
                }
                self.scalar(pos..pos + text, ScalarStyle::Plain);
                Some(pos + text)
            }
        }
    }
}

/// granit's events for `src` as the loader reads them (strict indentation, nesting limit
/// `max_depth`, no comments), without the stream's start and end; `None` on a scan error. The
/// reference [`scan`] is held to, by `tests/fast_yaml.rs` and the fuzz harness.
#[doc(hidden)]
pub fn granit_events(src: &str, max_depth: usize) -> Option<Vec<(Event<'_>, Range<usize>)>> {
    let mut opts = granit_parser::Options::default();
    opts.flow_nesting_limit = max_depth;
    opts.block_nesting_limit = max_depth;
    opts.set_emit_comments(false);
    opts.strict_indentation = true;
    let mut out = Vec::new();
    for item in granit_parser::Parser::new_from_str_with_options(src, opts) {
        let (event, span) = item.ok()?;
        if matches!(event, Event::StreamStart | Event::StreamEnd) {
            continue;
        }
        out.push((event, span.byte_range().unwrap_or(0..0)));
    }
    Some(out)
}

/// Whether [`scan`] read `src` (limit `max_depth`) to granit's events; `Err` with where they
/// part when it read it otherwise, or read what granit rejects.
#[doc(hidden)]
pub fn agrees_with_granit(src: &str, max_depth: usize) -> Result<bool, String> {
    let Some(fast) = scan(src, max_depth) else {
        return Ok(false);
    };
    let fast: Vec<_> = fast.iter().collect();
    let Some(slow) = granit_events(src, max_depth) else {
        return Err("the fast scanner read what granit rejects".to_owned());
    };
    if fast == slow {
        return Ok(true);
    }
    let at = fast
        .iter()
        .zip(&slow)
        .position(|(a, b)| a != b)
        .unwrap_or(fast.len().min(slow.len()));
    Err(format!(
        "events differ at {at}: fast {:?}, granit {:?}",
        fast.get(at),
        slow.get(at)
    ))
}
