//! Discover and load: walk the root, read every YAML file under limits, parse in parallel.

pub mod discover;
pub mod fast;
pub mod placeholder;
pub mod tree;
pub mod yaml;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::finding::{Example, Finding, LegalCondition, Location, Rule, Severity};
use crate::kind::Kind;
use crate::source::{SourceFile, SourceId, Sources};
pub use tree::{NodeKind, NodeRef};
pub use yaml::{Document, Located};

pub static ENVELOPE: Rule = Rule::builtin(
    "yaml/envelope",
    Severity::Error,
    LegalCondition::Integrity,
    "A document lacks the egenregi envelope (apiVersion, kind, metadata, spec)",
    "Every YAML document in the repository must be a mapping that starts with \
     `apiVersion: egenregi/v1` and a `kind` (Entity, Service, Tenant, ActivityReport or Waiver). \
     The kind decides which schema and which analyses apply, so a document without a known kind \
     is not checked further. Empty documents (only comments) are skipped.",
    Some(Example {
        fails: b"apiVersion: egenregi/v1\nkind: Servise\nmetadata: {id: svarut}\nspec: {}\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n",
    }),
);

pub static FOREIGN: Rule = Rule::builtin(
    "yaml/foreign",
    Severity::Warning,
    LegalCondition::Integrity,
    "A YAML file holds no egenregi document at all",
    "Every `*.yaml` and `*.yml` file under the root is read, so the configuration of other tools \
     that lives beside it (`mkdocs.yml`, CI workflows, docker-compose files, Kubernetes \
     manifests) is found too. A file none of whose documents has `apiVersion: egenregi/...` or \
     an egenregi `kind` is not ours: it gets this one warning, whose help is the exact line to \
     add to `egenregi.kdl` so it is no longer read, and no envelope errors. A file with at least \
     one egenregi document is ours, and its other documents must have the envelope too.",
    Some(Example {
        fails: b"site_name: Digital services\nnav:\n  - index.md\n---\napiVersion: v1\nkind: ConfigMap\n",
        passes: b"apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n",
    }),
);

pub const API_VERSION: &str = "egenregi/v1";

/// Safety limits for hostile input (DESIGN §5).
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_depth: usize,
    /// Nodes and text bytes that aliases may add to one file (all its documents together).
    pub max_alias_nodes: usize,
    pub max_alias_bytes: usize,
    /// The same for all files of a run together.
    pub max_run_alias_nodes: usize,
    pub max_run_alias_bytes: usize,
    pub max_documents: usize,
    /// Findings of one rule in one file that are listed; the rest are counted in one
    /// `yaml/limit` finding (`finding::cap`).
    pub max_findings_per_rule: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 8 * 1024 * 1024,
            max_depth: 64,
            max_alias_nodes: 100_000,
            max_alias_bytes: 4 * 1024 * 1024,
            max_run_alias_nodes: 1_000_000,
            max_run_alias_bytes: 64 * 1024 * 1024,
            max_documents: 1_000,
            max_findings_per_rule: 100,
        }
    }
}

/// A loaded document with its envelope read: the unit every later stage works on.
#[derive(Debug)]
pub struct Doc {
    pub doc: Document,
    pub kind: Kind,
    pub id: String,
}

impl Doc {
    /// `Kind/id`, as waivers and machine formats name documents.
    pub fn name(&self) -> String {
        format!("{}/{}", self.kind, self.id)
    }

    /// `Kind/id#/pointer`.
    pub fn target(&self, pointer: &str) -> String {
        if pointer.is_empty() {
            self.name()
        } else {
            format!("{}/{}#{}", self.kind, self.id, pointer)
        }
    }

    pub fn source(&self) -> SourceId {
        self.doc.source
    }

    /// Location of the node at `pointer` (the key for a mapping value when `key` is set), or
    /// of its nearest existing ancestor's key.
    pub fn loc(&self, pointer: &str) -> Location {
        let l = self.doc.locate(pointer);
        Location::new(
            self.doc.source,
            if l.exact {
                l.value
            } else {
                l.key.unwrap_or(l.value)
            },
        )
    }

    /// A finding of `rule` about the node at `pointer`: underlined where [`Doc::loc`] puts it (the
    /// nearest existing node when it is missing) and targeted at `Kind/id#pointer`, so that a
    /// waiver or a baseline can name it. One pointer places it.
    pub fn finding(
        &self,
        rule: &Rule,
        pointer: &str,
        message: impl Into<crate::finding::Message>,
    ) -> Finding {
        Finding::new(rule, self.loc(pointer), message).target(self.target(pointer))
    }

    /// Location of the key of the node at `pointer` (its value for sequence items and the root).
    pub fn key_loc(&self, pointer: &str) -> Location {
        let l = self.doc.locate(pointer);
        Location::new(self.doc.source, l.key.unwrap_or(l.value))
    }

    /// The document's `spec` (a `null` node when it has none).
    pub fn spec(&self) -> NodeRef<'_> {
        self.doc
            .root()
            .and_then(|r| r.get("spec"))
            .unwrap_or_else(NodeRef::null)
    }

    /// The document's root (a `null` node when it has none).
    pub fn root(&self) -> NodeRef<'_> {
        self.doc.root().unwrap_or_else(NodeRef::null)
    }

    /// The document without its rows: its text, and its file to parse again if a row is asked
    /// for (issue 18: the rows are let go before the analyses).
    #[must_use]
    pub fn head(&self, reread: std::sync::Arc<yaml::Reread>) -> Doc {
        Doc {
            doc: Document {
                source: self.doc.source,
                index: self.doc.index,
                tree: self.doc.tree.text_only(),
                reread: Some(reread),
                placeholders: Box::default(),
            },
            kind: self.kind,
            id: self.id.clone(),
        }
    }
}

/// Documents with their rows by where they are (file, position in it), to find a head's
/// ([`Doc::head`]) for what is read of it as written.
#[derive(Debug)]
pub struct WithRows<'d>(crate::hash::Map<(SourceId, usize), &'d Doc>);

impl<'d> WithRows<'d> {
    pub fn new(docs: &'d [Doc]) -> Self {
        Self(
            docs.iter()
                .map(|d| ((d.doc.source, d.doc.index), d))
                .collect(),
        )
    }

    /// `head`'s document with its rows; `head` itself where none is at its place (it keeps its
    /// own rows then: `graph` and the tests give the documents as their own heads).
    pub fn of<'x>(&'x self, head: &'x Doc) -> &'x Doc {
        self.0
            .get(&(head.doc.source, head.doc.index))
            .copied()
            .unwrap_or(head)
    }
}

impl Loaded {
    /// Every document without its rows ([`Doc::head`]), in the same order, each file's
    /// documents sharing one second parse. That parse has the file's own `limits` and the
    /// run's whole alias budget: a document the budget cut is not kept, and those before the
    /// cut were read whole (`a_file_cut_by_the_run_budget_is_placed_as_first_read`).
    pub fn heads(&self, sources: &crate::source::Sources, limits: &Limits) -> Vec<Doc> {
        let mut rereads: HashMap<SourceId, std::sync::Arc<yaml::Reread>> = HashMap::new();
        self.docs
            .iter()
            .map(|d| {
                let source = d.doc.source;
                let reread = rereads.entry(source).or_insert_with(|| {
                    std::sync::Arc::new(yaml::Reread::new(
                        sources.get(source).text.clone(),
                        source,
                        limits,
                    ))
                });
                d.head(std::sync::Arc::clone(reread))
            })
            .collect()
    }
}

/// Everything load produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Doc>,
    /// What could not be read of the repository's own files (a YAML syntax error or a limit
    /// that abandoned a document, a file that is not UTF-8, too large or unreadable), with what
    /// could be salvaged of the document before the problem: a decision never holds on a
    /// document it might depend on that nobody could read.
    pub unread: Vec<Unread>,
    /// Documents read, including those that failed the envelope check (not those of foreign
    /// files).
    pub documents_read: usize,
    /// Files with something to check: an egenregi document, or a problem that kept it from
    /// being read whole. Neither foreign files nor empty ones count.
    pub checked_files: usize,
    /// Files that hold only documents of other tools (`yaml/foreign`).
    pub foreign_files: usize,
    /// Documents that say two things of one key (`yaml/duplicate-key`), each once with its
    /// first such key, in file order: which
    /// value is meant is not known, so nothing rests on them, as on a document that fails its
    /// schema (a share read as 90 % or 50 % by the order of the keys).
    pub contradicted: Vec<Contradicted>,
}

/// A document with a key given twice, and the first such key.
#[derive(Debug, Clone)]
pub struct Contradicted {
    pub source: SourceId,
    /// The document's index in its file.
    pub index: usize,
    pub location: Location,
    pub message: String,
}

/// Reads and parses `paths` (relative, forward slashes, already sorted) in parallel; their
/// sources are pushed in the same order, so output never depends on scheduling.
pub fn all(
    paths: &[discover::Discovered],
    limits: &Limits,
    sources: &mut Sources,
) -> (Loaded, Vec<Finding>) {
    all_with(paths, limits, &BTreeMap::new(), sources)
}

/// [`all`], with `overlay` texts (by path relative to the root) read instead of the files on
/// disk: an editor's unsaved buffers.
pub fn all_with(
    paths: &[discover::Discovered],
    limits: &Limits,
    overlay: &BTreeMap<String, String>,
    sources: &mut Sources,
) -> (Loaded, Vec<Finding>) {
    let base = sources.len();
    // Files are parsed in parallel in fixed chunks; each chunk may spend what the run's alias
    // budget has left after the chunks before it, and the files are then charged in order, so
    // what is dropped never depends on the threads, and memory stays within the budget plus
    // one chunk.
    let mut run = yaml::Expanded::default();
    let mut results: Vec<(SourceFile, yaml::Parsed, Vec<Finding>)> =
        Vec::with_capacity(paths.len());
    for (c, chunk) in paths.chunks(PARSE_CHUNK).enumerate() {
        let left = yaml::RunLeft {
            nodes: limits.max_run_alias_nodes.saturating_sub(run.nodes),
            bytes: limits.max_run_alias_bytes.saturating_sub(run.bytes),
        };
        let parsed: Vec<(SourceFile, yaml::Parsed, Vec<Finding>)> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, rel)| {
                let id = SourceId((base + c * PARSE_CHUNK + i) as u32);
                load_file(
                    &rel.path,
                    rel.rel.clone(),
                    id,
                    limits,
                    left,
                    overlay.get(&rel.rel),
                )
            })
            .collect();
        for (file, mut parsed, mut file_findings) in parsed {
            let e = parsed.expanded;
            if run.nodes.saturating_add(e.nodes) > limits.max_run_alias_nodes
                || run.bytes.saturating_add(e.bytes) > limits.max_run_alias_bytes
            {
                // Within the budget alone, over it after the files before it in this chunk.
                parsed = yaml::Parsed::default();
                file_findings.push(run_budget_finding(
                    SourceId((base + results.len()) as u32),
                    limits,
                ));
            } else {
                run.nodes += e.nodes;
                run.bytes += e.bytes;
            }
            results.push((file, parsed, file_findings));
        }
    }
    let mut loaded = Loaded::default();
    let mut findings = Vec::new();
    for (file, parsed, file_findings) in results {
        let id = sources.push(file);
        let foreign = foreign(&parsed.documents);
        if let Some(first) = foreign {
            // Only what says the file was not read whole is kept beside the one warning: a
            // document of ours could hide behind it.
            let partial: Vec<Finding> = file_findings
                .into_iter()
                .chain(parsed.findings.into_iter().map(|r| r.finding))
                .filter(|f| f.rule == yaml::SYNTAX.id || f.rule == yaml::LIMIT.id)
                .collect();
            if !partial.is_empty() {
                loaded.checked_files += 1;
            }
            // What the problem cut off may be a document of ours.
            let text = sources.get(id).text.clone();
            for f in &partial {
                loaded
                    .unread
                    .push(Unread::salvage(&text, sources.get(id).path.clone(), f));
            }
            loaded.foreign_files += 1;
            findings.push(foreign_finding(id, sources, first));
            findings.extend(partial);
            continue;
        }
        if !file_findings.is_empty()
            || !parsed.findings.is_empty()
            || parsed.documents.iter().any(|d| !d.is_null())
        {
            loaded.checked_files += 1;
        }
        let text = sources.get(id).text.clone();
        let path = || sources.get(id).path.clone();
        for f in file_findings
            .iter()
            .chain(parsed.findings.iter().map(|r| &r.finding))
        {
            if [yaml::SYNTAX.id.as_ref(), yaml::LIMIT.id.as_ref()].contains(&f.rule.as_ref()) {
                loaded.unread.push(Unread::salvage(&text, path(), f));
            } else if [yaml::ENCODING.id.as_ref(), discover::UNREADABLE.id.as_ref()]
                .contains(&f.rule.as_ref())
            {
                // Nothing of the file was parsed: what its documents are is not known.
                loaded.unread.push(Unread::whole(path(), f));
            }
        }
        findings.extend(file_findings);
        loaded.documents_read += parsed.documents.len();
        let mut docs: Vec<Option<Doc>> = Vec::with_capacity(parsed.documents.len());
        for document in parsed.documents {
            let before = findings.len();
            let doc = envelope(document, &mut findings);
            // A document whose envelope is wrong (an unknown kind, no apiVersion) is not read:
            // it may be an owner, a member or a buyer's second Tenant.
            if doc.is_none()
                && let Some(f) = findings.get(before)
            {
                loaded.unread.push(Unread::salvage(&text, path(), f));
            }
            docs.push(doc);
        }
        // Documents by index (documents come in file order), and pointers rendered only for
        // the findings of a rule that can be listed: past that, a finding names its document,
        // so 20,000 findings under a 100 KB key do not each copy the key.
        let by_index: HashMap<usize, &Doc> =
            docs.iter().flatten().map(|d| (d.doc.index, d)).collect();
        let mut per_rule: HashMap<std::borrow::Cow<'static, str>, usize> = HashMap::new();
        let mut targeted = Vec::with_capacity(parsed.findings.len());
        for raw in parsed.findings {
            let mut f = raw.finding;
            // The first key given twice in a document is its cause (they come in order).
            if f.rule == yaml::DUPLICATE_KEY.id
                && let Some((index, _)) = &raw.node
                && by_index.contains_key(index)
                && loaded
                    .contradicted
                    .last()
                    .is_none_or(|c| (c.source, c.index) != (id, *index))
            {
                loaded.contradicted.push(Contradicted {
                    source: id,
                    index: *index,
                    location: f.location.clone(),
                    message: String::clone(&f.message),
                });
            }
            if let Some((index, pointer)) = raw.node
                && let Some(d) = by_index.get(&index)
            {
                let n = per_rule.entry(f.rule.clone()).or_insert(0);
                *n += 1;
                f.target = Some(if *n <= limits.max_findings_per_rule {
                    d.target(&pointer.render())
                } else {
                    d.name()
                });
            }
            targeted.push(f);
        }
        findings.extend(targeted);
        loaded.docs.extend(docs.into_iter().flatten());
    }
    (loaded, findings)
}

/// The rules whose findings say a document, or a whole file, was not read: a decision never
/// rests beside one (`Unread`), and `egenregi.kdl` cannot lower them. (`repo/unreadable` and
/// `repo/outside-root` cannot be waived at all.)
pub static NOT_READ: [&Rule; 4] = [&yaml::SYNTAX, &yaml::LIMIT, &yaml::ENCODING, &ENVELOPE];

/// A document (or a whole file) that could not be read, and what its text gave before the
/// problem: the envelope's `kind` and `metadata.id`, and an `ActivityReport`'s `provider` and
/// `year`, when they came first. What is not salvaged is `None`: it may be anything.
#[derive(Debug, Clone)]
pub struct Unread {
    /// Where the problem is (the finding's location).
    pub location: Location,
    /// The file, relative to the root.
    pub path: String,
    /// The rule of the finding that says why (`yaml/syntax`, `yaml/encoding`, ...).
    pub rule: String,
    pub kind: Option<crate::kind::Kind>,
    pub id: Option<String>,
    pub provider: Option<String>,
    pub year: Option<i64>,
}

impl Unread {
    /// A file of which nothing was read (not text, not readable, out of the root): its kind and
    /// id are not known. [`Unread::salvage`] starts from it.
    pub fn whole(path: String, finding: &Finding) -> Self {
        Self {
            location: finding.location.clone(),
            path,
            rule: finding.rule.to_string(),
            kind: None,
            id: None,
            provider: None,
            year: None,
        }
    }

    /// Salvages from `text` (the file's text, or the part that could be decoded) the document
    /// that `finding` stopped: the text from the start of that document (the last `---` line
    /// before the problem, else the file's start) up to the problem, key by key at the start of
    /// a line or of a flow mapping. Nothing after the problem is read.
    fn salvage(text: &str, path: String, finding: &Finding) -> Self {
        let end = finding.location.span.start.min(text.len());
        let before = text.get(..end).unwrap_or("");
        let start = before.rfind("\n---").map_or(0, |i| i + 1);
        let doc = before.get(start..).unwrap_or("");
        let mut out = Self::whole(path, finding);
        // A value is taken only when it ends on its line before the problem: a value cut by
        // the problem may be cut short.
        for line in doc.lines().take(
            doc.lines()
                .count()
                .saturating_sub(usize::from(!doc.ends_with('\n'))),
        ) {
            let top = !line.starts_with([' ', '\t']);
            for (key, value) in keys(line) {
                match key {
                    "kind" if top && out.kind.is_none() => {
                        out.kind = crate::kind::Kind::parse(value);
                    }
                    "id" if out.id.is_none()
                        && (top
                            || line.trim_start().starts_with("id:")
                            || line.starts_with("metadata:")) =>
                    {
                        out.id = Some(value.to_owned());
                    }
                    "provider" if out.provider.is_none() => out.provider = Some(value.to_owned()),
                    "year" if out.year.is_none() => out.year = value.parse().ok(),
                    _ => {}
                }
            }
        }
        out
    }
}

/// The `key: value` pairs of a line whose value is a plain word: at the line's start or after
/// `{` or `, ` of a flow mapping; quotes are taken off.
fn keys(line: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for part in line.split(['{', ',']) {
        let part = part.trim_start();
        let Some((key, rest)) = part.split_once(':') else {
            continue;
        };
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let value = rest
            .split(['}', '#'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if !value.is_empty() && !value.contains([' ', '[', '{']) {
            out.push((key, value));
        }
    }
    out
}

/// `4 MiB` for messages (bytes when not a whole number of MiB).
pub(crate) fn mib(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// Files parsed in parallel before the run's alias budget is charged (a fixed number, so the
/// outcome does not depend on the threads).
const PARSE_CHUNK: usize = 32;

/// A file dropped because aliases in the files before it used up the run's budget.
fn run_budget_finding(id: SourceId, limits: &Limits) -> Finding {
    Finding::new(
        &yaml::LIMIT,
        Location::new(id, 0..0),
        format!(
            "aliases in all files together expand to more than {} nodes or {} of text; this file is not checked",
            limits.max_run_alias_nodes,
            mib(limits.max_run_alias_bytes)
        ),
    )
    .help("anchors and aliases may not multiply the repository; write the content out")
}

fn load_file(
    path: &std::path::Path,
    rel: String,
    id: SourceId,
    limits: &Limits,
    run_left: yaml::RunLeft,
    overlay: Option<&String>,
) -> (SourceFile, yaml::Parsed, Vec<Finding>) {
    let mut findings = Vec::new();
    let empty = yaml::Parsed::default();
    let read = match overlay {
        Some(text) if text.len() as u64 > limits.max_file_bytes => {
            Ok(Capped::TooLarge(text.len() as u64))
        }
        Some(text) => Ok(Capped::Whole(text.clone().into_bytes())),
        None => read_capped(path, limits.max_file_bytes),
    };
    let bytes = match read {
        Ok(Capped::Whole(b)) => b,
        Ok(Capped::TooLarge(size)) => {
            findings.push(
                Finding::new(
                    &yaml::LIMIT,
                    Location::new(id, 0..0),
                    format!(
                        "file is {size} bytes, over the limit of {} bytes; it is not read",
                        limits.max_file_bytes
                    ),
                )
                .help("split it into smaller files"),
            );
            return (SourceFile::new(rel, ""), empty, findings);
        }
        Err(e) => {
            findings.push(
                Finding::new(
                    &discover::UNREADABLE,
                    Location::new(id, 0..0),
                    format!("`{rel}` cannot be read: {e}"),
                )
                .help("fix its permissions, or remove it"),
            );
            return (SourceFile::new(rel, ""), empty, findings);
        }
    };
    match decode(&bytes) {
        Ok(text) => {
            let text: std::sync::Arc<str> = std::sync::Arc::from(text);
            let parsed = yaml::parse_within(&text, id, limits, run_left);
            (SourceFile::new(rel, text), parsed, findings)
        }
        Err((offset, message, help)) => {
            // Keep the readable prefix so the finding can show where the bad byte is.
            let prefix = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]).into_owned();
            let at = prefix.len();
            findings
                .push(Finding::new(&yaml::ENCODING, Location::new(id, at..at), message).help(help));
            (SourceFile::new(rel, prefix), empty, findings)
        }
    }
}

enum Capped {
    Whole(Vec<u8>),
    TooLarge(u64),
}

/// Reads at most `cap` bytes, so a huge or endless file (a FIFO, /dev/zero) cannot exhaust memory.
fn read_capped(path: &std::path::Path, cap: u64) -> std::io::Result<Capped> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > cap {
        return Ok(Capped::TooLarge(meta.len()));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, cap + 1), &mut buf)?;
    if buf.len() as u64 > cap {
        return Ok(Capped::TooLarge(buf.len() as u64));
    }
    Ok(Capped::Whole(buf))
}

/// Bytes to text, or (byte offset, message, help) for the first problem.
fn decode(bytes: &[u8]) -> Result<&str, (usize, String, String)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            0,
            "file is UTF-16 (it starts with a UTF-16 byte-order mark)".into(),
            "save it as UTF-8".into(),
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err((
            nul,
            format!("file contains a NUL byte at offset {nul}: it looks binary, not YAML"),
            "remove the file or give it another extension".into(),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        (
            at,
            format!(
                "invalid UTF-8 at byte offset {at} (byte 0x{:02X})",
                bytes[at]
            ),
            "save the file as UTF-8; Latin-1 letters such as æ, ø and å are the usual cause".into(),
        )
    })
}

/// Whether a document claims to be ours: an `apiVersion` that is (or nearly is) `egenregi/...`;
/// or, without one, a `kind` that is (or nearly is) one of ours, or the envelope's shape
/// (`metadata` and `spec`). Keys are compared without case, so a typo in them cannot turn a
/// document of ours into a mere warning. A Kubernetes `kind: Service` with `apiVersion: v1` is
/// not ours.
fn is_ours(value: NodeRef<'_>) -> bool {
    if !value.is_object() {
        return false;
    }
    let get = |name: &str| {
        value
            .entries()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let kind_is_ours = || match get("kind").and_then(|k| k.as_str()) {
        Some(k) => Kind::parse(k).is_some() || crate::suggest::closest(k, Kind::NAMES).is_some(),
        _ => false,
    };
    let shaped = || get("metadata").is_some() && get("spec").is_some();
    match get("apiVersion").and_then(|v| v.as_str()) {
        Some(v) => {
            let lower = v.to_ascii_lowercase();
            lower.starts_with("egenregi") || strsim::levenshtein(&lower, API_VERSION) <= 3
        }
        _ => kind_is_ours() || shaped(),
    }
}

/// The first non-empty document of a file none of whose documents is ours; `None` for a file
/// of ours, or one with nothing in it.
fn foreign(documents: &[Document]) -> Option<&Document> {
    let mut present = documents.iter().filter(|d| !d.is_null()).peekable();
    let first = *present.peek()?;
    let mut all = present;
    if all.any(|d| d.root().is_some_and(is_ours)) {
        None
    } else {
        Some(first)
    }
}

/// The one `yaml/foreign` finding of a file, at the first key (or node) of its first document,
/// with the exact `paths { exclude ... }` line that stops it being read.
fn foreign_finding(id: SourceId, sources: &Sources, first: &Document) -> Finding {
    let path = &sources.get(id).path;
    let span = match first.root() {
        Some(root) => match root.entries().next() {
            Some((_, v)) => v.key_span(),
            None => root.span().start..root.span().start,
        },
        None => 0..0,
    };
    // A glob metacharacter in the name is escaped for globset, then the string for KDL.
    let mut glob = String::new();
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '\\') {
            glob.push('\\');
        }
        glob.push(c);
    }
    let kdl = glob.replace('\\', "\\\\").replace('"', "\\\"");
    Finding::new(
        &FOREIGN,
        Location::new(id, span),
        format!("`{path}` holds no egenregi document (no `apiVersion: {API_VERSION}`); it is not checked"),
    )
    .help(format!(
        "if it belongs to another tool, add `paths {{ exclude \"{kdl}\" }}` to egenregi.kdl; if it is meant for egenregi, start each document with `apiVersion: {API_VERSION}` and a `kind`"
    ))
}

/// Reads `apiVersion`, `kind` and `metadata.id`; documents that fail are reported and dropped.
fn envelope(document: Document, findings: &mut Vec<Finding>) -> Option<Doc> {
    let root = document.locate("");
    let here = |p: &str| {
        let l = document.locate(p);
        Location::new(
            document.source,
            if l.exact {
                l.key.unwrap_or(l.value)
            } else {
                root.value.clone()
            },
        )
    };
    let Some(map) = document.root().filter(NodeRef::is_object) else {
        if document.is_null() {
            return None; // an empty document: comments only, or a trailing `---`
        }
        findings.push(
            Finding::new(
                &ENVELOPE,
                Location::new(document.source, root.value.clone()),
                format!(
                    "document {} is a {}, not a mapping",
                    document.index + 1,
                    document.root().map_or("null", type_name)
                ),
            )
            .help("each document is a mapping with apiVersion, kind, metadata and spec"),
        );
        return None;
    };
    let mut ok = true;
    match map.get("apiVersion") {
        Some(v) if v.as_str() == Some(API_VERSION) => {}
        Some(v) => {
            ok = false;
            findings.push(
                Finding::new(
                    &ENVELOPE,
                    Location::new(document.source, document.locate("/apiVersion").value),
                    format!(
                        "unknown apiVersion `{}`",
                        v.as_str()
                            .map_or_else(|| v.to_value().to_string(), str::to_owned)
                    ),
                )
                .help(format!(
                    "this version of egenregi reads `apiVersion: {API_VERSION}`"
                )),
            );
        }
        None => {
            ok = false;
            findings.push(
                Finding::new(&ENVELOPE, here(""), "document has no `apiVersion`")
                    .help(format!("add `apiVersion: {API_VERSION}` as the first line")),
            );
        }
    }
    let kind = match map.get("kind") {
        Some(k) if k.is_string() => {
            let k = k.as_str().unwrap_or("");
            if let Some(kind) = Kind::parse(k) {
                Some(kind)
            } else {
                let mut f = Finding::new(
                    &ENVELOPE,
                    Location::new(document.source, document.locate("/kind").value),
                    format!("unknown kind `{k}`"),
                );
                f = f.help(match crate::suggest::closest(k, Kind::NAMES) {
                    Some(s) => format!(
                        "did you mean `{s}`? kinds are {}",
                        crate::suggest::list(&Kind::NAMES)
                    ),
                    None => format!("kinds are {}", crate::suggest::list(&Kind::NAMES)),
                });
                findings.push(f);
                None
            }
        }
        Some(v) => {
            findings.push(Finding::new(
                &ENVELOPE,
                Location::new(document.source, document.locate("/kind").value),
                format!("`kind` must be a string, found {}", type_name(v)),
            ));
            None
        }
        None => {
            findings.push(
                Finding::new(&ENVELOPE, here(""), "document has no `kind`").help(format!(
                    "add `kind:` with one of {}",
                    crate::suggest::list(&Kind::NAMES)
                )),
            );
            None
        }
    };
    let kind = kind.filter(|_| ok)?;
    // An id the schema will reject still names the document in messages.
    let id = match map
        .get("metadata")
        .and_then(|m| m.get("id"))
        .and_then(|i| i.as_str())
    {
        Some(id) => id.to_owned(),
        None => format!("#{}", document.index + 1),
    };
    Some(Doc {
        doc: document,
        kind,
        id,
    })
}

/// "a string", "the number 3", ... for messages.
pub fn type_name(v: NodeRef<'_>) -> &'static str {
    match v.kind() {
        NodeKind::Null => "null",
        NodeKind::Bool => "boolean",
        NodeKind::Number => "number",
        NodeKind::String => "string",
        NodeKind::Array => "list",
        NodeKind::Object => "mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::is_ours;
    use serde_json::json;

    /// Every row of a document as the accessors read it, for comparing two parses.
    fn rows(d: &super::yaml::Document) -> Vec<String> {
        d.tree
            .rows()
            .map(|r| {
                format!(
                    "{:?} {:?} {:?} {:?} {:?} {:?} {}",
                    r.kind(),
                    r.span(),
                    r.key_span(),
                    r.key(),
                    r.as_str(),
                    r.as_number(),
                    r.is_alias()
                )
            })
            .collect()
    }

    /// The three bundled examples, each loaded as the check loads it.
    fn examples(
        limits: &super::Limits,
    ) -> impl Iterator<Item = (crate::source::Sources, super::Loaded)> + '_ {
        ["ks-digital", "broken", "broken-input"]
            .into_iter()
            .map(|example| {
                let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("examples")
                    .join(example);
                let found = super::discover::walk(&root, &globset::GlobSet::empty()).unwrap();
                let mut sources = crate::source::Sources::default();
                let (loaded, _) = super::all(&found, limits, &mut sources);
                (sources, loaded)
            })
    }

    /// A head (a document without its rows, which the model and the analyses hold) places
    /// every node, and every pointer below one that is not there, where its document does:
    /// its file is parsed again, as it was parsed first. Its rows are its file's second parse,
    /// never its own.
    #[test]
    fn a_head_places_every_node_where_its_document_did() {
        let limits = super::Limits::default();
        let mut pointers = 0;
        for (sources, loaded) in examples(&limits) {
            let heads = loaded.heads(&sources, &limits);
            assert_eq!(heads.len(), loaded.docs.len());
            for (d, h) in loaded.docs.iter().zip(&heads) {
                assert!(h.doc.tree.is_empty(), "{} keeps rows", h.name());
                assert_eq!(
                    (h.kind, &h.id, h.doc.source, h.doc.index),
                    (d.kind, &d.id, d.doc.source, d.doc.index)
                );
                // Every node's pointer, depth first.
                let mut stack = vec![(String::new(), d.root())];
                while let Some((p, node)) = stack.pop() {
                    for q in [p.clone(), format!("{p}/missing")] {
                        assert_eq!(d.loc(&q), h.loc(&q), "{} {q}", d.name());
                        assert_eq!(d.key_loc(&q), h.key_loc(&q), "{} {q}", d.name());
                        pointers += 1;
                    }
                    stack.extend(
                        node.entries()
                            .map(|(k, v)| (super::yaml::push_pointer(&p, k), v)),
                    );
                    stack.extend(
                        node.items()
                            .enumerate()
                            .map(|(i, v)| (format!("{p}/{i}"), v)),
                    );
                }
            }
        }
        assert!(pointers > 5_000, "{pointers} pointers compared");
    }

    /// A file the run's alias budget cut short: a document is either read whole or not kept
    /// (`yaml/limit` says the rest of the file is not read), so parsing the file again within
    /// the file's own limits, the run's whole budget, places every node of every document kept
    /// as the first parse did. Were a document kept partly read, the second parse would read
    /// further and this test would fail. The first 32 files (one parse chunk) spend the budget;
    /// the 33rd file's second document has an alias past what is left.
    #[test]
    fn a_file_cut_by_the_run_budget_is_placed_as_first_read() {
        let dir = tempfile::tempdir().unwrap();
        let spend = "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: s}\nspec: {a: &a [1, 2, 3, 4, 5, 6, 7, 8], b: *a}\n";
        for i in 0..32 {
            std::fs::write(dir.path().join(format!("a{i:02}.yaml")), spend).unwrap();
        }
        let cut = "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: kept}\nspec: {b: 1}\n---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {id: cut}\nspec:\n  a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]\n  b: 1\n  c: *a\n  d: 2\n";
        std::fs::write(dir.path().join("b.yaml"), cut).unwrap();
        // Each of the 32 spends 9 nodes; the 33rd file is left 300 - 288 = 12, and its alias
        // (17) fits only in the run's whole budget.
        let limits = super::Limits {
            max_run_alias_nodes: 300,
            ..super::Limits::default()
        };
        let found = super::discover::walk(dir.path(), &globset::GlobSet::empty()).unwrap();
        let mut sources = crate::source::Sources::default();
        let (loaded, findings) = super::all(&found, &limits, &mut sources);
        assert!(
            findings.iter().any(|f| f.rule == super::yaml::LIMIT.id),
            "the budget cut"
        );
        let heads = loaded.heads(&sources, &limits);
        let last = loaded.docs.iter().map(|d| d.doc.source).max().unwrap();
        let in_cut_file: Vec<_> = loaded
            .docs
            .iter()
            .zip(&heads)
            .filter(|(d, _)| d.doc.source == last)
            .collect();
        assert!(
            in_cut_file.iter().any(|(d, _)| d.id == "kept"),
            "the first document is kept"
        );
        for (d, h) in in_cut_file {
            for p in [
                "",
                "/spec",
                "/spec/a",
                "/spec/b",
                "/spec/c",
                "/spec/c/0",
                "/spec/d",
            ] {
                assert_eq!(d.loc(p), h.loc(p), "{} {p}", d.name());
            }
        }
    }

    /// A finding made once the node tables are let go (before the analyses) is placed by
    /// parsing its file again ([`super::yaml::Reread`]). That is sound only if a second parse of
    /// the text the check read gives every row the same kind, spans, key and value: checked
    /// here on every file of the bundled examples, the broken ones included. (The check gives
    /// the second parse the run's alias budget the first one had; these files never reach it.)
    #[test]
    fn a_file_parsed_again_gives_the_same_rows() {
        let limits = super::Limits::default();
        let mut files = 0;
        for (sources, loaded) in examples(&limits) {
            for (id, file) in sources.iter() {
                let first: Vec<&super::Doc> =
                    loaded.docs.iter().filter(|d| d.doc.source == id).collect();
                if first.is_empty() {
                    continue;
                }
                files += 1;
                let again = super::yaml::parse(&file.text, id, &limits);
                for d in first {
                    let other = again
                        .documents
                        .iter()
                        .find(|o| o.index == d.doc.index)
                        .unwrap_or_else(|| panic!("{} lost document {}", file.path, d.doc.index));
                    assert_eq!(rows(&d.doc), rows(other), "{} #{}", file.path, d.doc.index);
                }
            }
        }
        assert!(files > 40, "{files} files compared");
    }

    #[test]
    fn what_is_ours() {
        for ours in [
            json!({"apiVersion": "egenregi/v1", "kind": "Servise"}),
            json!({"apiVersion": "egenregi/v2"}),
            json!({"apiVersion": "egenregl/v1"}),
            json!({"kind": "Tenant"}),
            json!({"Kind": "Entity"}),
            json!({"metadata": {"id": "x"}, "spec": {}}),
        ] {
            assert!(
                is_ours(crate::load::tree::Tree::from_value(&ours).root().unwrap()),
                "{ours}"
            );
        }
        for foreign in [
            json!({"site_name": "docs", "nav": []}),
            json!({"apiVersion": "v1", "kind": "Service", "metadata": {}, "spec": {}}),
            json!({"apiVersion": "apps/v1", "kind": "Deployment"}),
            json!({"services": {"web": {"image": "nginx"}}}),
            json!(["a", "b"]),
        ] {
            assert!(
                !is_ours(
                    crate::load::tree::Tree::from_value(&foreign)
                        .root()
                        .unwrap()
                ),
                "{foreign}"
            );
        }
    }
}
