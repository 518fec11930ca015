//! `egenregi server`: a language server over standard input and output (LSP 3.17, DESIGN §7).
//!
//! Every open file belongs to the repository whose `egenregi.kdl` is nearest above it
//! ([`crate::config_above`]). After a burst of edits the whole repository is checked once, with
//! the editor's unsaved buffers read instead of the files on disk, and every open file of that
//! repository gets its findings as diagnostics (an empty list clears the old ones). Hover on a
//! diagnostic shows the rule's explain text and a legal finding's figures; go-to-definition and
//! completion know the document ids behind `entity:`, `provider:`, `service:`, `depends_on:`
//! and a waiver's `targets` (`Kind/id`).
//!
//! One thread, no async runtime: messages are handled in order, a request sees the check of
//! every edit before it, and a check runs only once no message arrived for [`DEBOUNCE`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types as lt;
use serde_json::Value;

use crate::finding::{Finding, Severity};
use crate::kind::Kind;
use crate::source::{SourceFile, SourceId};
use crate::{Options, Outcome};

/// How long the server waits for the next edit of a burst before it checks.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// JSON-RPC: the method is not one this server answers.
const METHOD_NOT_FOUND: i32 = -32601;
/// JSON-RPC: the parameters do not fit the method.
const INVALID_PARAMS: i32 = -32602;

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("language server: {0}")]
    Io(#[from] std::io::Error),
    #[error("language server: {0}")]
    Json(#[from] serde_json::Error),
}

/// Serves one client on standard input and output until it sends `shutdown` and `exit` (or
/// closes its end).
pub fn serve_stdio() -> Result<(), ServeError> {
    let (connection, threads) = Connection::stdio();
    let served = serve(&connection);
    // The writer thread ends once every sender is gone.
    drop(connection);
    served?;
    threads.join()?;
    Ok(())
}

/// What the server can do, as sent in the `initialize` response.
fn capabilities() -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::FULL),
                save: Some(lt::TextDocumentSyncSaveOptions::Supported(true)),
                ..lt::TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lt::OneOf::Left(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![":".to_owned(), " ".to_owned()]),
            ..lt::CompletionOptions::default()
        }),
        ..lt::ServerCapabilities::default()
    }
}

/// Serves one client on `connection` (the transport is the caller's).
pub fn serve(connection: &Connection) -> Result<(), ServeError> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": "egenregi", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let mut server = Server {
        connection,
        open: BTreeMap::new(),
        checked: HashMap::new(),
        dirty: BTreeSet::new(),
    };
    server.run()
}

/// A file the editor has open.
#[derive(Debug)]
struct Open {
    uri: lt::Uri,
    /// Its repository root and its path relative to it (forward slashes); `None` for a file
    /// under no `egenregi.kdl`, which is not ours to check.
    place: Option<(PathBuf, String)>,
    text: String,
}

/// The last check of one repository.
#[derive(Debug)]
struct Checked {
    outcome: Option<Outcome>,
    /// The setup error of the last check, shown once until it changes.
    error: Option<String>,
    /// Document ids by kind, built from `outcome` when first asked for.
    ids: Option<Ids>,
}

/// `kind -> id -> (path relative to the root, span of its `metadata.id` value)`.
type Ids = BTreeMap<Kind, BTreeMap<String, (String, std::ops::Range<usize>)>>;

struct Server<'a> {
    connection: &'a Connection,
    /// By URI, as the client spells it.
    open: BTreeMap<String, Open>,
    checked: HashMap<PathBuf, Checked>,
    /// Roots edited since their last check.
    dirty: BTreeSet<PathBuf>,
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), ServeError> {
        loop {
            let message = if self.dirty.is_empty() {
                self.connection.receiver.recv().ok()
            } else {
                match self.connection.receiver.recv_timeout(DEBOUNCE) {
                    Ok(m) => Some(m),
                    Err(e) if e.is_timeout() => {
                        self.flush()?;
                        continue;
                    }
                    Err(_) => None,
                }
            };
            let Some(message) = message else {
                // The client closed its end without `exit`.
                return Ok(());
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    // A request is answered from the buffers as they are now.
                    self.flush()?;
                    let response = self.answer(&request);
                    self.send(response.into())?;
                }
                Message::Notification(n) => {
                    if n.method == "exit" {
                        return Ok(());
                    }
                    self.notified(n)?;
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) -> Result<(), ServeError> {
        self.connection
            .sender
            .send(message)
            .map_err(|e| ServeError::Io(std::io::Error::other(e.to_string())))
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) -> Result<(), ServeError> {
        self.send(Notification::new(method.to_owned(), params).into())
    }

    fn notified(&mut self, n: Notification) -> Result<(), ServeError> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params)
                else {
                    return Ok(());
                };
                let place = place_of(p.text_document.uri.as_str());
                if let Some((root, _)) = &place {
                    self.dirty.insert(root.clone());
                }
                self.open.insert(
                    p.text_document.uri.as_str().to_owned(),
                    Open {
                        uri: p.text_document.uri,
                        place,
                        text: p.text_document.text,
                    },
                );
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params)
                else {
                    return Ok(());
                };
                // Full sync: the last change holds the whole text.
                if let Some(open) = self.open.get_mut(p.text_document.uri.as_str())
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    open.text = change.text;
                    if let Some((root, _)) = &open.place {
                        self.dirty.insert(root.clone());
                    }
                }
            }
            "textDocument/didSave" => {
                let Ok(p) = serde_json::from_value::<lt::DidSaveTextDocumentParams>(n.params)
                else {
                    return Ok(());
                };
                // A saved `egenregi.kdl` or another file may change what the check reads.
                if let Some(place) = self.open.get(p.text_document.uri.as_str()).and_then(|o| {
                    o.place
                        .clone()
                        .or_else(|| place_of(p.text_document.uri.as_str()))
                }) {
                    self.dirty.insert(place.0);
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params)
                else {
                    return Ok(());
                };
                if let Some(open) = self.open.remove(p.text_document.uri.as_str()) {
                    if let Some((root, _)) = open.place {
                        // The file on disk is what counts again.
                        self.dirty.insert(root);
                    }
                    self.publish(open.uri, Vec::new())?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Checks every edited repository and publishes the diagnostics of its open files.
    fn flush(&mut self) -> Result<(), ServeError> {
        let roots = std::mem::take(&mut self.dirty);
        for root in roots {
            let overlay: BTreeMap<String, String> = self
                .open
                .values()
                .filter_map(|o| match &o.place {
                    Some((r, rel)) if *r == root => Some((rel.clone(), o.text.clone())),
                    _ => None,
                })
                .collect();
            let options = Options {
                overlay,
                ..Options::default()
            };
            let (outcome, error) = match crate::check(&root, &options) {
                Ok(o) => (Some(o), None),
                Err(e) => (None, Some(e.to_string())),
            };
            let before = self.checked.get(&root).and_then(|c| c.error.clone());
            if let Some(e) = &error
                && before.as_ref() != Some(e)
            {
                self.notify(
                    "window/showMessage",
                    lt::ShowMessageParams {
                        typ: lt::MessageType::ERROR,
                        message: format!("egenregi: {e}"),
                    },
                )?;
            }
            let mut by_file: HashMap<&str, Vec<lt::Diagnostic>> = HashMap::new();
            if let Some(outcome) = &outcome {
                for f in &outcome.findings {
                    let path = outcome.sources.get(f.location.source).path.as_str();
                    by_file
                        .entry(path)
                        .or_default()
                        .push(diagnostic(f, outcome, &root));
                }
            }
            let mut publish = Vec::new();
            for o in self.open.values() {
                if let Some((r, rel)) = &o.place
                    && *r == root
                {
                    publish.push((
                        o.uri.clone(),
                        by_file.remove(rel.as_str()).unwrap_or_default(),
                    ));
                }
            }
            for (uri, diagnostics) in publish {
                self.publish(uri, diagnostics)?;
            }
            self.checked.insert(
                root,
                Checked {
                    outcome,
                    error,
                    ids: None,
                },
            );
        }
        Ok(())
    }

    fn publish(&self, uri: lt::Uri, diagnostics: Vec<lt::Diagnostic>) -> Result<(), ServeError> {
        self.notify(
            "textDocument/publishDiagnostics",
            lt::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            },
        )
    }

    fn answer(&mut self, request: &Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/hover" => params(request).map(|p| to_json(self.hover(&p))),
            "textDocument/definition" => params(request).map(|p| to_json(self.definition(&p))),
            "textDocument/completion" => {
                params::<lt::CompletionParams>(request).map(|p| to_json(self.completion(&p)))
            }
            _ => {
                return Response::new_err(
                    id,
                    METHOD_NOT_FOUND,
                    format!("`{}` is not supported", request.method),
                );
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => Response::new_err(id, INVALID_PARAMS, message),
        }
    }

    /// The open file at `uri`, its root and path, and the last check of its repository.
    fn at(&self, uri: &lt::Uri) -> Option<(&Open, &Path, &str, &Checked)> {
        let open = self.open.get(uri.as_str())?;
        let (root, rel) = open.place.as_ref()?;
        let checked = self.checked.get(root)?;
        Some((open, root, rel, checked))
    }

    fn hover(&self, p: &lt::TextDocumentPositionParams) -> Option<lt::Hover> {
        let (open, _, rel, checked) = self.at(&p.text_document.uri)?;
        let outcome = checked.outcome.as_ref()?;
        let source = source_id(outcome, rel)?;
        let at = offset(&open.text, p.position);
        let mut parts = Vec::new();
        for f in outcome.findings.iter().filter(|f| {
            f.location.source == source
                && f.location.span.start <= at
                && (at < f.location.span.end || at == f.location.span.start)
        }) {
            parts.push(hover_text(f, outcome));
        }
        if parts.is_empty() {
            return None;
        }
        Some(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// The document ids of the repository at `root`, built once per check.
    fn ids(&mut self, root: &Path) -> Option<&Ids> {
        let checked = self.checked.get_mut(root)?;
        if checked.ids.is_none() {
            checked.ids = Some(index_ids(checked.outcome.as_ref()?));
        }
        checked.ids.as_ref()
    }

    fn definition(&mut self, p: &lt::TextDocumentPositionParams) -> Option<lt::Location> {
        let open = self.open.get(p.text_document.uri.as_str())?;
        let (root, _) = open.place.clone()?;
        let (kind, id) = reference_at(&open.text, offset(&open.text, p.position))?;
        let (path, span) = self.ids(&root)?.get(&kind)?.get(&id)?.clone();
        let outcome = self.checked.get(&root)?.outcome.as_ref()?;
        let file = outcome.sources.get(source_id(outcome, &path)?);
        Some(lt::Location {
            uri: uri_of(&root.join(&path))?,
            range: range(file, &span),
        })
    }

    fn completion(&mut self, p: &lt::CompletionParams) -> Option<lt::CompletionResponse> {
        let p = &p.text_document_position;
        let open = self.open.get(p.text_document.uri.as_str())?;
        let (root, _) = open.place.clone()?;
        let expected = reference_before(&open.text, offset(&open.text, p.position))?;
        let ids = self.ids(&root)?;
        let item = |label: String, kind: Kind| lt::CompletionItem {
            label,
            kind: Some(lt::CompletionItemKind::REFERENCE),
            detail: Some(kind.as_str().to_owned()),
            ..lt::CompletionItem::default()
        };
        let items = match expected {
            Expect::Id(kind) => ids
                .get(&kind)?
                .keys()
                .map(|id| item(id.clone(), kind))
                .collect(),
            // A waiver target: `Kind/id` of every document, in the order of their names.
            Expect::Target => {
                let mut items: Vec<lt::CompletionItem> = ids
                    .iter()
                    .flat_map(|(&kind, ids)| {
                        ids.keys().map(move |id| item(format!("{kind}/{id}"), kind))
                    })
                    .collect();
                items.sort_by(|a, b| a.label.cmp(&b.label));
                items
            }
        };
        Some(lt::CompletionResponse::Array(items))
    }
}

fn params<P: serde::de::DeserializeOwned>(request: &Request) -> Result<P, String> {
    serde_json::from_value(request.params.clone()).map_err(|e| e.to_string())
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn source_id(outcome: &Outcome, rel: &str) -> Option<SourceId> {
    outcome
        .sources
        .iter()
        .find(|(_, s)| s.path == rel)
        .map(|(id, _)| id)
}

/// A finding as an LSP diagnostic: the rule id as code, the help after the message, and the
/// secondary labels as related information (those in built-in files are left out: no editor
/// can open them).
fn diagnostic(f: &Finding, outcome: &Outcome, root: &Path) -> lt::Diagnostic {
    let file = outcome.sources.get(f.location.source);
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = f
        .labels
        .iter()
        .filter_map(|l| {
            let at = outcome.sources.get(l.location.source);
            if at.is_builtin() {
                return None;
            }
            Some(lt::DiagnosticRelatedInformation {
                location: lt::Location {
                    uri: uri_of(&root.join(&at.path))?,
                    range: range(at, &l.location.span),
                },
                message: l.message.clone(),
            })
        })
        .collect();
    lt::Diagnostic {
        range: range(file, &f.location.span),
        severity: Some(match f.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
            Severity::Note => lt::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lt::NumberOrString::String(f.rule.to_string())),
        source: Some("egenregi".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lt::Diagnostic::default()
    }
}

/// Hover text for one finding: its message, the rule's explain text (with the legal basis the
/// finding cites), and the figures behind it.
fn hover_text(f: &Finding, outcome: &Outcome) -> String {
    let mut s = format!("**{}** ({}): {}\n", f.rule, f.severity, f.message);
    if !f.data.is_empty() {
        s.push_str("\nFigures:\n");
        for (k, v) in &f.data {
            let v = match v {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let _ = writeln!(s, "- `{k}`: {v}");
        }
    }
    if let Some(rule) = outcome.registry.get(&f.rule) {
        let _ = write!(
            s,
            "\n```text\n{}```\n",
            crate::report::explain(rule, &f.legal_basis)
        );
    }
    s
}

/// LSP range of a byte span.
fn range(file: &SourceFile, span: &std::ops::Range<usize>) -> lt::Range {
    lt::Range::new(position(file, span.start), position(file, span.end))
}

/// LSP position (0-based line, UTF-16 code units) of a byte offset. A byte-order mark is no
/// column, as in [`SourceFile::column`].
fn position(file: &SourceFile, offset: usize) -> lt::Position {
    let text = &file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let starts = file.line_starts();
    let line = starts
        .partition_point(|&s| s as usize <= offset)
        .saturating_sub(1);
    let mut from = starts.get(line).map_or(0, |&s| s as usize);
    if from == 0 && text.starts_with('\u{feff}') {
        from = '\u{feff}'.len_utf8().min(offset);
    }
    let character = text
        .get(from..offset)
        .map_or(0, |s| s.encode_utf16().count());
    lt::Position::new(line as u32, character as u32)
}

/// Byte offset of an LSP position in `text` (clamped to its line and to the text).
fn offset(text: &str, position: lt::Position) -> usize {
    let mut start = 0;
    for _ in 0..position.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    if start == 0 && text.starts_with('\u{feff}') {
        start = '\u{feff}'.len_utf8();
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= position.character as usize || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `file://` URI to an absolute path (percent-decoded); `None` for other schemes.
fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://host/path`: only the local host.
    let rest = &rest[rest.find('/')?..];
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = rest
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// An absolute path as a `file://` URI.
fn uri_of(path: &Path) -> Option<lt::Uri> {
    let mut s = String::from("file://");
    for b in path.to_str()?.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    lt::Uri::from_str(&s).ok()
}

/// The repository root of the file at `uri` and its path relative to it (forward slashes).
fn place_of(uri: &str) -> Option<(PathBuf, String)> {
    let path = path_of(uri)?;
    let dir = path.parent()?;
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let (root, _) = crate::config_above(&dir);
    let root = root?;
    let rel = dir.join(path.file_name()?);
    let rel = rel.strip_prefix(&root).ok()?;
    let rel: Vec<&str> = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    Some((root, rel.join("/")))
}

/// Document ids by kind, with where each is defined, from the sources a check read.
fn index_ids(outcome: &Outcome) -> Ids {
    let mut ids = Ids::new();
    let limits = crate::load::Limits::default();
    for (id, file) in outcome.sources.iter() {
        if file.is_builtin()
            || !Path::new(&file.path)
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml")
        {
            continue;
        }
        for doc in crate::load::yaml::parse(&file.text, id, &limits).documents {
            let Some(root) = doc.root() else { continue };
            let Some(kind) = root.str_at("kind").and_then(Kind::parse) else {
                continue;
            };
            let Some(name) = root.pointer("/metadata/id").and_then(|n| n.as_str()) else {
                continue;
            };
            // The first definition wins, as `ref/duplicate-id` reports the second.
            ids.entry(kind)
                .or_default()
                .entry(name.to_owned())
                .or_insert_with(|| (file.path.clone(), doc.locate("/metadata/id").value));
        }
    }
    ids
}

/// What a key's value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The id of a document of this kind.
    Id(Kind),
    /// A waiver target: `Kind/id`, optionally `#/json/pointer`.
    Target,
}

fn expect_of_key(key: &str) -> Option<Expect> {
    match key {
        "entity" | "provider" => Some(Expect::Id(Kind::Entity)),
        "service" | "depends_on" => Some(Expect::Id(Kind::Service)),
        "targets" => Some(Expect::Target),
        _ => None,
    }
}

/// A character of an id, or of a waiver target (`Kind/id#/pointer`).
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '#' | '~')
}

/// Where the run of id characters that ends `s` starts (a byte offset into `s`).
fn id_start(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| !is_id_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The key whose value starts before `at` on the same line: `key: ` or `key: [a, ` (flow
/// sequence). `text[..at]` must end where the value (or the partial id) begins.
fn key_before(text: &str, at: usize) -> Option<Expect> {
    let head = text.get(..at)?;
    let line = &head[head.rfind('\n').map_or(0, |i| i + 1)..];
    // A quoted value: the quote is not part of what came before it.
    let mut before = line.trim_end_matches(['"', '\'']).trim_end();
    if before.ends_with(',') || before.ends_with('[') {
        before = before[..before.rfind('[')?].trim_end();
    }
    let before = before.strip_suffix(':')?;
    let key = &before[id_start(before)..];
    expect_of_key(key)
}

/// The id under `at` and the kind it names, when it is the value of a reference key.
fn reference_at(text: &str, at: usize) -> Option<(Kind, String)> {
    let at = at.min(text.len());
    let start = id_start(text.get(..at)?);
    let end = text
        .get(at..)?
        .find(|c: char| !is_id_char(c))
        .map_or(text.len(), |i| at + i);
    if start == end {
        return None;
    }
    let token = &text[start..end];
    match key_before(text, start)? {
        Expect::Id(kind) => Some((kind, token.to_owned())),
        Expect::Target => {
            let name = token.split('#').next()?;
            let (kind, id) = name.split_once('/')?;
            Some((Kind::parse(kind)?, id.to_owned()))
        }
    }
}

/// What is expected at `at`, where an id is being typed after a reference key.
fn reference_before(text: &str, at: usize) -> Option<Expect> {
    let at = at.min(text.len());
    let start = id_start(text.get(..at)?);
    key_before(text, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_skip_a_byte_order_mark() {
        // `ø` is 2 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 units.
        let f = SourceFile::new("a.yaml".into(), "a: 1\nnavn: Bærum 𝄞 x\n");
        let x = f.text.find('x').unwrap();
        assert_eq!(position(&f, x), lt::Position::new(1, 15));
        assert_eq!(offset(&f.text, lt::Position::new(1, 15)), x);
        assert_eq!(offset(&f.text, lt::Position::new(1, 99)), f.text.len() - 1);
        let bom = SourceFile::new("b.yaml".into(), "\u{feff}kind: x\n");
        let k = bom.text.find('k').unwrap();
        assert_eq!(position(&bom, k), lt::Position::new(0, 0));
        assert_eq!(offset(&bom.text, lt::Position::new(0, 0)), k);
    }

    #[test]
    fn file_uris_round_trip() {
        let p = Path::new("/tmp/a b/bærum.yaml");
        let uri = uri_of(p).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/b%C3%A6rum.yaml");
        assert_eq!(path_of(uri.as_str()).unwrap(), p);
        assert!(path_of("untitled:Untitled-1").is_none());
    }

    #[test]
    fn references_are_found_in_block_and_flow_style() {
        let text = "spec:\n  provider: ks-digital\n  depends_on: [fiks-io, svar]\n  owners:\n    - {entity: ks, share: 1}\n";
        let at = |s: &str| text.find(s).unwrap() + 1;
        assert_eq!(
            reference_at(text, at("ks-digital")),
            Some((Kind::Entity, "ks-digital".to_owned()))
        );
        assert_eq!(
            reference_at(text, at("svar")),
            Some((Kind::Service, "svar".to_owned()))
        );
        assert_eq!(
            reference_at(text, at("ks,")),
            Some((Kind::Entity, "ks".to_owned()))
        );
        assert_eq!(reference_at(text, at("owners")), None);
        assert_eq!(reference_at(text, at("share")), None);
        assert_eq!(
            reference_before(text, text.find("ks,").unwrap()),
            Some(Expect::Id(Kind::Entity))
        );
        assert_eq!(
            reference_before("  service: ", 11),
            Some(Expect::Id(Kind::Service))
        );
        let waiver = "  targets: [\"Entity/norge#/metadata/labels/country\", 'Tenant/oslo']\n";
        assert_eq!(
            reference_at(waiver, waiver.find("norge").unwrap()),
            Some((Kind::Entity, "norge".to_owned()))
        );
        assert_eq!(
            reference_at(waiver, waiver.find("oslo").unwrap()),
            Some((Kind::Tenant, "oslo".to_owned()))
        );
        assert_eq!(reference_at("  targets: [Nothing/x]", 14), None);
        assert_eq!(
            reference_before("  targets: [\"Ent", 17),
            Some(Expect::Target)
        );
        assert_eq!(reference_before("  name: ", 8), None);
    }

    #[test]
    fn references_never_panic_beside_multibyte_text() {
        let text = "entity: ø𝄞x\nø: [æ, ks]\n𝄞";
        for at in 0..=text.len() + 2 {
            let _ = reference_at(text, at);
            let _ = reference_before(text, at);
        }
        assert_eq!(
            reference_at(text, text.find("ks").unwrap()),
            None,
            "`ø` is no reference key"
        );
    }
}
