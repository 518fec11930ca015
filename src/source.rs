//! Source files and the one place that turns byte offsets into lines and columns.

use std::ops::Range;
use std::sync::Arc;

/// Index of a source in [`Sources`]; findings carry it instead of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// How the name of a file compiled into the binary starts (`builtin:policies/...`): it is
/// not in the repository, so it is neither input nor a link target.
pub const BUILTIN_PREFIX: &str = "builtin:";

/// A file's text with a line-start table, shared with the renderers.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the root, forward slashes.
    pub path: String,
    /// The text (lossy for files that are not UTF-8; such files get no further findings).
    pub text: Arc<str>,
    /// Where lines start, made when a line or column is first asked for: most files of a large
    /// repository have no finding, and their tables were 0.6 MB of the national corpus's heap.
    lines: std::sync::OnceLock<Lines>,
    /// Whether the text can be shown as it is: no control character other than line breaks
    /// (`\n`, `\r\n`) and tabs, no bidi control ([`is_hidden`]). A file that
    /// is not gets no snippet in the human output, only its escaped position and messages.
    pub plain: bool,
}

impl SourceFile {
    /// Whether this file was compiled into the binary rather than read from the repository.
    pub fn is_builtin(&self) -> bool {
        self.path.starts_with(BUILTIN_PREFIX)
    }

    pub fn new(path: String, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        // `memchr` finds the bare carriage returns and the few bytes that can start a hidden
        // character; the ASCII control characters are found by a fold the compiler vectorises.
        // Read character by character, this was a fifth of loading the bundled example.
        let bytes = text.as_bytes();
        let controls = bytes.iter().fold(0u8, |found, &b| {
            found | u8::from((b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F)
        });
        let mut plain = controls == 0
            && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'));
        // Every hidden character above ASCII starts with one of these bytes in UTF-8: C1
        // controls (U+0080..U+009F) with C2, U+061C with D8, the bidi controls (U+200E, U+200F,
        // U+202A..U+202E, U+2066..U+2069) with E2.
        plain = plain
            && !memchr::memchr3_iter(0xC2, 0xD8, 0xE2, bytes).any(|i| {
                text.get(i..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(is_hidden)
            });
        Self {
            path,
            text,
            lines: std::sync::OnceLock::new(),
            plain,
        }
    }

    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| Lines::of(&self.text))
    }

    /// Characters before byte `offset` (a character boundary), from the nearest mark.
    fn chars_before(&self, offset: usize) -> Option<usize> {
        let (mark, from) = match self.lines().char_marks.get(offset / CHAR_MARK) {
            Some(&mark) => (
                mark,
                floor_boundary(&self.text, offset / CHAR_MARK * CHAR_MARK),
            ),
            None => (0, 0),
        };
        Some(mark + self.text.get(from..offset)?.chars().count())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = &self.lines().starts;
        let line = starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = starts[line] as usize;
        (line + 1, self.column(start, offset) + 1)
    }

    /// Characters from `line_start` to `offset` (0-based column). A byte-order mark at the start
    /// of the file is not a character anyone sees: editors put the first letter in column 1.
    pub fn column(&self, line_start: usize, offset: usize) -> usize {
        let from = if line_start == 0 && self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8().min(offset)
        } else {
            line_start
        };
        match (self.chars_before(from), self.chars_before(offset)) {
            (Some(a), Some(b)) if from <= offset => b - a,
            _ => offset.saturating_sub(from),
        }
    }

    /// Start offsets of lines, for the indexed miette source.
    pub fn line_starts(&self) -> &[u32] {
        &self.lines().starts
    }

    /// The bytes of a span as text (empty if the span is out of range).
    pub fn slice(&self, span: Range<usize>) -> &str {
        self.text.get(span).unwrap_or("")
    }
}

/// A file's line table.
#[derive(Debug)]
struct Lines {
    /// The offset each line starts at; the first is 0.
    starts: Vec<u32>,
    /// Characters before every `CHAR_MARK`th byte (rounded down to a character boundary), so
    /// a column on a long line is counted from the nearest mark, not from the line's start
    /// (8 MB on one line and a finding on each key was quadratic).
    char_marks: Vec<usize>,
}

impl Lines {
    fn of(text: &str) -> Self {
        // Lines break where the YAML parser breaks them: at `\n`, `\r\n` and a bare `\r`.
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push((i + 1) as u32);
        }
        starts.shrink_to_fit();
        let mut char_marks = Vec::new();
        if text.len() > CHAR_MARK {
            let mut chars = 0;
            let mut from = 0;
            for k in 0..=text.len() / CHAR_MARK {
                let at = floor_boundary(text, k * CHAR_MARK);
                chars += text.get(from..at).map_or(0, |s| s.chars().count());
                char_marks.push(chars);
                from = at;
            }
        }
        Self { starts, char_marks }
    }
}

/// Bytes between two entries of `Lines::char_marks`.
const CHAR_MARK: usize = 4096;

/// The largest character boundary at or before `at` (at most 3 bytes back).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Every file the run read, in discovery order.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<Arc<SourceFile>>,
}

impl Sources {
    pub fn push(&mut self, file: SourceFile) -> SourceId {
        self.files.push(Arc::new(file));
        SourceId((self.files.len() - 1) as u32)
    }

    pub fn get(&self, id: SourceId) -> &Arc<SourceFile> {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Arc<SourceFile>)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (SourceId(i as u32), f))
    }
}

/// Whether `c` can change how the text around it is shown: a C0 or C1 control character, DEL,
/// or a bidi control (embeddings, overrides, isolates and marks). Input text with one is
/// escaped ([`visible`]) before any renderer writes it, so a value cannot hide output behind
/// an ANSI escape or reorder what a reviewer reads.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A source that finds lines through its line table instead of scanning from byte 0, so
/// rendering a finding near the end of a big file costs the same as near the start.
#[derive(Debug, Clone)]
pub struct IndexedSource(pub Arc<SourceFile>);

impl miette::SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.0.text.as_bytes();
        let starts = self.0.line_starts();
        let start = span.offset();
        let end = (start + span.len()).max(start);
        if end > text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let line_of = |off: usize| {
            starts
                .partition_point(|&s| s as usize <= off)
                .saturating_sub(1)
        };
        let first = line_of(start);
        // As miette's own reader does: a span ending in a line break also shows the next line.
        let last = if end > start && text[end - 1] == b'\n' {
            line_of(end)
        } else if end > start && text[end - 1] == b'\r' && text.get(end) == Some(&b'\n') {
            line_of(end + 1)
        } else {
            line_of(end.saturating_sub(1).max(start))
        };
        let from_line = first.saturating_sub(before);
        let to_line = (last + after).min(starts.len() - 1);
        let from = starts[from_line] as usize;
        let to = starts.get(to_line + 1).map_or(text.len(), |&s| s as usize);
        let column = if before == 0 {
            self.0.column(starts[first] as usize, start)
        } else {
            0
        };
        let (from, column) = if before == 0 {
            (start, column)
        } else {
            (from, column)
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            visible(&self.0.path).into_owned(),
            &text[from..to],
            (from, to - from).into(),
            if before == 0 { first } else { from_line },
            column,
            to_line + 1,
        )))
    }
}

/// Writes `c` as the text `\u{1b}`.
pub fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// `s` with every hidden character ([`is_hidden`]) written as `\u{1b}`, except line breaks and
/// tabs, which the formats that take this text allow. Borrows when there is nothing to escape.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden(c) && c != '\n' && c != '\t' {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    /// A file's line table is made when a line is first asked for, not when it is read.
    #[test]
    fn lines_are_counted_when_first_asked_for() {
        let f = SourceFile::new("a.yaml".into(), "a: 1\nb: 2\n");
        assert!(f.lines.get().is_none());
        assert_eq!(f.line_col(6), (2, 2));
        assert!(f.lines.get().is_some());
    }

    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.yaml".into(), "a: 1\r\nnavn: Bærum kommune\nx: y");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        let k = f.text.find("kommune").unwrap();
        assert_eq!(f.line_col(k), (2, 13));
        assert_eq!(f.line_col(f.text.len()), (3, 5));
    }

    #[test]
    fn a_bare_carriage_return_breaks_a_line_as_the_parser_does() {
        let f = SourceFile::new("a.yaml".into(), "a: 1\rb: 2\r\nc: 3\n\rd: 4");
        assert_eq!(f.line_col(f.text.find('b').unwrap()), (2, 1));
        assert_eq!(f.line_col(f.text.find('c').unwrap()), (3, 1));
        assert_eq!(f.line_col(f.text.find('d').unwrap()), (5, 1));
        assert_eq!(f.line_col(f.text.find('4').unwrap()), (5, 4));
    }

    /// The scan agrees with the definition it replaced: a line starts after every
    /// `\n` and bare `\r`, and a text is plain when no character other than a line break or a
    /// tab is hidden.
    #[test]
    fn the_byte_scan_agrees_with_reading_characters() {
        fn by_characters(text: &str) -> (Vec<u32>, bool) {
            let bytes = text.as_bytes();
            let mut starts = vec![0];
            starts.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| {
                        b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    })
                    .map(|(i, _)| (i + 1) as u32),
            );
            let plain = !text.char_indices().any(|(i, c)| match c {
                '\n' | '\t' => false,
                '\r' => bytes.get(i + 1) != Some(&b'\n'),
                c => is_hidden(c),
            });
            (starts, plain)
        }
        let pieces = [
            "a: 1",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "æ",
            "\u{7f}",
            "\u{0}",
            "\u{85}",
            "\u{202e}",
            "\u{2066}",
            "\u{200b}",
            "ø: «x»",
            "\u{1b}[31m",
            "\u{a0}",
            "\u{61c}",
            "\u{600}",
            "\u{200e}",
            "\u{2069}",
            "\u{206a}",
            "– ’",
            "\u{80}",
        ];
        let mut texts = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in ["", "\n", "\r", "x\u{9f}"] {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in texts {
            let f = SourceFile::new("a.yaml".into(), text.as_str());
            assert_eq!(
                (f.line_starts().to_vec(), f.plain),
                by_characters(&text),
                "{text:?}"
            );
        }
    }

    /// The byte scan reads a character only at these lead bytes: every hidden character above
    /// ASCII must start with one, or a file holding it would be shown as plain.
    #[test]
    fn every_hidden_character_above_ascii_starts_with_a_byte_the_scan_reads() {
        let mut buf = [0; 4];
        for c in ('\u{80}'..=char::MAX).filter(|&c| is_hidden(c)) {
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(
                matches!(lead, 0xC2 | 0xD8 | 0xE2),
                "{c:?} starts with {lead:#x}"
            );
        }
    }

    #[test]
    fn columns_on_a_long_line_count_from_the_nearest_mark() {
        // multibyte letters across several marks, a mark falling inside a character
        let line = "aæ".repeat(10_000) + "x";
        let text = format!("k: 1\n{line}\n");
        let f = SourceFile::new("a.yaml".into(), text.as_str());
        for offset in [5, 6, 7, 4096, 4099, 12_345, 30_005, text.len() - 2] {
            if !text.is_char_boundary(offset) {
                continue;
            }
            let start = if offset < 5 { 0 } else { 5 };
            let expected = text[start..offset].chars().count();
            assert_eq!(f.column(start, offset), expected, "{offset}");
        }
        assert_eq!(f.line_col(text.len() - 2), (2, 20_001));
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let f = SourceFile::new("a.yaml".into(), "\u{feff}kind: [a\nx: y");
        let bracket = f.text.find('[').unwrap();
        assert_eq!(f.line_col(bracket), (1, 7));
        assert_eq!(f.line_col(3), (1, 1), "the first letter");
        assert_eq!(f.line_col(0), (1, 1), "the mark itself");
        assert_eq!(f.line_col(f.text.find('x').unwrap()), (2, 1));
    }

    #[test]
    fn shipped_packs_are_named_as_built_in() {
        for (name, ..) in crate::policy::SHIPPED {
            let f = SourceFile::new((*name).to_owned(), "");
            assert!(f.is_builtin(), "{name}");
        }
        assert!(!SourceFile::new("policies/team.kdl".into(), "").is_builtin());
    }
}
