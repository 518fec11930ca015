//! Splits a Fluent file into its entries, by the lines they start on. Shared by `build.rs`,
//! which writes each shipped file's index of entries when the binary is built, and by the
//! tests that compare that index with the files (so this file uses nothing of the crate).

/// The entries of a Fluent file in file order: `(id, start, end)`, byte offsets into `source`.
/// An entry starts at a line that begins with its identifier and `=` (a message, or a term with
/// its `-`) and runs up to the next line that begins with anything but a space or `}` (an entry,
/// a comment); its indented lines hold the rest of its value, its variants and its attributes.
pub fn entries(source: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::with_capacity(source.len() / 64);
    let mut open: Option<(&str, usize)> = None;
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let starts_entry = !line.starts_with([' ', '}', '\n', '\r']);
        if starts_entry {
            if let Some((id, from)) = open.take() {
                out.push((id, from, at));
            }
            let name = line.trim_start_matches('-');
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(name.len());
            let head = line.len() - name.len() + end;
            if end > 0
                && line
                    .get(head..)
                    .is_some_and(|rest| rest.trim_start_matches(' ').starts_with('='))
            {
                open = line.get(..head).map(|id| (id, at));
            }
        }
        at += line.len();
    }
    if let Some((id, from)) = open {
        out.push((id, from, source.len()));
    }
    out
}
