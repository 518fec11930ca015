//! Finds the YAML files under the root, the same way on every machine: deterministic order; the
//! repository's own `.gitignore`/`.ignore` files and `egenregi.kdl` excludes honoured, never the
//! user's global git excludes or `.git/info/exclude`; hidden directories skipped but counted;
//! symlinks never followed out of the root. What cannot be read is reported, never skipped
//! (DESIGN §5: the gate must not be fooled by what it does not read).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use globset::GlobSet;
use serde::Serialize;

use crate::finding::{Finding, LegalCondition, Location, Rule, Severity};
use crate::source::{SourceFile, Sources};

pub static UNREADABLE: Rule = Rule::builtin(
    "repo/unreadable",
    Severity::Error,
    LegalCondition::Integrity,
    "A file or directory under the root cannot be read",
    "A directory that cannot be listed, a YAML file that cannot be opened, a `.yaml` name that is \
     not a regular file (a FIFO, a device), a link that loops or leads nowhere, an ignore file \
     that cannot be applied: each may hide documents that would fail the check, so the gate \
     reports it instead of passing on what it never read. Fix the permissions, remove the entry, \
     or exclude it in `egenregi.kdl` (`paths { exclude \"...\" }`) if it is not configuration.",
    None,
)
.not_waivable();

pub static OUTSIDE_ROOT: Rule = Rule::builtin(
    "repo/outside-root",
    Severity::Error,
    LegalCondition::Integrity,
    "A symlink under the root leads outside it",
    "A symbolic link under the root whose target lies outside the repository is not followed: a \
     CI checkout would not have its target, and following it would let a pull request make the \
     checker read (and quote) files from the machine it runs on. The link is reported at its own \
     path, whether or not its target exists. Copy the file into the repository, or remove the \
     link. A link to a file inside the repository is fine: that file is read once, under its \
     real path.",
    None,
)
.not_waivable();

/// The rules of this module, for the catalogue.
pub static POLICIES_NOT_NAMED: Rule = Rule::builtin(
    "repo/policies-not-named",
    Severity::Warning,
    LegalCondition::Integrity,
    "A `policies/` directory holds rule files that `egenregi.kdl` does not name",
    "A repository's own rules are read from the directory that `egenregi.kdl` names with \
     `policies \"DIR\"`, and from nowhere else. Rule files (`*.kdl`) in a `policies/` directory \
     at the root while no such line names it are not read: none of their rules runs, and a gate \
     that passes has not applied them. Add `policies \"policies\"` to `egenregi.kdl`, or move \
     the files out of `policies/` if they are not the checker's.",
    None,
);

pub static RULES: &[&Rule] = &[&OUTSIDE_ROOT, &POLICIES_NOT_NAMED, &UNREADABLE];

/// A file to load: where to read it, and its path relative to the root (forward slashes).
#[derive(Debug, Clone)]
pub struct Discovered {
    pub path: PathBuf,
    pub rel: String,
}

/// YAML files that were not read, by why (the JSON summary's `skipped`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Under a hidden directory (`.github`, ...) or hidden themselves; `.git` is not counted.
    pub hidden: usize,
    /// Matched by the repository's own `.gitignore` or `.ignore` files.
    pub ignored: usize,
    /// Matched by `paths { exclude ... }` in `egenregi.kdl`.
    pub excluded: usize,
}

impl Skipped {
    pub fn total(&self) -> usize {
        self.hidden + self.ignored + self.excluded
    }
}

/// Something under the root that was not read and must be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// `repo/unreadable`: why.
    Unreadable(String),
    /// `repo/outside-root`: where the link points (its text, never resolved).
    Outside(String),
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The files to load, sorted by relative path, each once.
    pub files: Vec<Discovered>,
    /// Problems by relative path (sorted, one per path).
    pub problems: BTreeMap<String, Unread>,
    pub skipped: Skipped,
}

/// Where a relative path under the root really leads, found one component at a time without
/// ever looking beyond a link out of the root: whether an outside target exists is never asked,
/// so the answer cannot reveal it.
#[derive(Debug)]
pub enum Resolved {
    /// The real path, under the canonical root, with every link resolved.
    Inside(PathBuf),
    /// A link (or `..`) leads out of the root; the relative path of the first step out.
    Outside(String),
    /// A component does not exist (or is not a directory where one is needed).
    Missing,
    /// More than [`MAX_LINKS`] links: a loop, or a chain built to look like one.
    Loop,
    /// Some component could not be examined.
    Unreadable(std::io::Error),
}

/// Links followed while resolving one path (Linux allows 40).
pub const MAX_LINKS: usize = 40;

enum Step {
    Parent,
    Name(OsString),
}

/// Pushes `path`'s components onto `pending` (a stack: the first component ends on top).
/// `false` when it is absolute.
fn push_steps(pending: &mut Vec<Step>, path: &Path) -> bool {
    let mut steps = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => steps.push(Step::Parent),
            Component::Normal(n) => steps.push(Step::Name(n.to_owned())),
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    pending.extend(steps.into_iter().rev());
    true
}

/// Resolves `rel` (relative to `canonical_root`) confined to the root; see [`Resolved`].
pub fn resolve_inside(canonical_root: &Path, rel: &Path) -> Resolved {
    let shown = |p: &Path| {
        p.strip_prefix(canonical_root)
            .map_or_else(|_| p.display().to_string(), slash_path)
    };
    let mut pending = Vec::new();
    if !push_steps(&mut pending, rel) {
        return Resolved::Outside(rel.display().to_string());
    }
    let mut current = canonical_root.to_path_buf();
    let mut links = 0;
    while let Some(step) = pending.pop() {
        let name = match step {
            Step::Parent => {
                if current == canonical_root {
                    return Resolved::Outside(shown(&current));
                }
                current.pop();
                continue;
            }
            Step::Name(name) => name,
        };
        let next = current.join(&name);
        let meta = match std::fs::symlink_metadata(&next) {
            Ok(m) => m,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Resolved::Missing;
            }
            Err(e) => return Resolved::Unreadable(e),
        };
        if meta.file_type().is_symlink() {
            links += 1;
            if links > MAX_LINKS {
                return Resolved::Loop;
            }
            let target = match std::fs::read_link(&next) {
                Ok(t) => t,
                Err(e) => return Resolved::Unreadable(e),
            };
            if target.is_absolute() {
                // Only a target spelled under the canonical root stays inside; nothing else is
                // looked at.
                let Ok(rest) = target.strip_prefix(canonical_root) else {
                    return Resolved::Outside(shown(&next));
                };
                current = canonical_root.to_path_buf();
                push_steps(&mut pending, rest);
            } else {
                // Relative to the link's directory, which is `current`.
                push_steps(&mut pending, &target);
            }
            continue;
        }
        if !pending.is_empty() && !meta.is_dir() {
            return Resolved::Missing;
        }
        current = next;
    }
    Resolved::Inside(current)
}

/// `a/b/c` with forward slashes, whatever the platform.
fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn is_yaml_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "yaml" || e == "yml")
}

fn is_hidden_name(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The innermost path an ignore error names, if any.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithLineNumber { err, .. } | ignore::Error::WithDepth { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// The files to load under `root` (what [`scan`] finds, without its problems and counts).
pub fn walk(root: &Path, exclude: &GlobSet) -> std::io::Result<Vec<Discovered>> {
    scan(root, exclude).map(|d| d.files)
}

/// Walks `root`. `exclude` matches relative paths (`drafts/**`).
pub fn scan(root: &Path, exclude: &GlobSet) -> std::io::Result<Discovery> {
    let canonical_root = root.canonicalize()?;
    if !canonical_root.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a directory",
        ));
    }
    let rel_of = |path: &Path| path.strip_prefix(root).ok().map(slash_path);
    let mut out = Discovery::default();
    // Every YAML name the filtered walk saw (excluded or not), so the counting walk knows what
    // the ignore files hid.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    let saw_hidden = Arc::new(AtomicBool::new(false));
    let walker = {
        let saw_hidden = Arc::clone(&saw_hidden);
        ignore::WalkBuilder::new(root)
            .require_git(false)
            // The repository's own ignore files, nothing from the user's machine or above the root.
            .git_global(false)
            .git_exclude(false)
            .parents(false)
            .hidden(false)
            .follow_links(false)
            .sort_by_file_name(std::ffi::OsStr::cmp)
            .filter_entry(move |e| {
                if e.depth() == 0 || !is_hidden_name(e.file_name()) {
                    return true;
                }
                if e.file_name() != ".git" {
                    saw_hidden.store(true, Ordering::Relaxed);
                }
                false
            })
            .build()
    };
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let rel = error_path(&err)
                    .and_then(rel_of)
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| ".".to_owned());
                if !exclude.is_match(&rel) {
                    out.problems
                        .entry(rel)
                        .or_insert_with(|| Unread::Unreadable(err.to_string()));
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        let Some(rel) = rel_of(path) else {
            continue;
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_symlink() {
            if exclude.is_match(&rel) {
                if is_yaml_name(path) {
                    out.skipped.excluded += 1;
                    seen.insert(rel);
                }
                continue;
            }
            if is_yaml_name(path) {
                seen.insert(rel.clone());
            }
            link(&canonical_root, path, rel, exclude, &mut files, &mut out);
            continue;
        }
        if ft.is_dir() || !is_yaml_name(path) {
            continue;
        }
        seen.insert(rel.clone());
        if exclude.is_match(&rel) {
            out.skipped.excluded += 1;
        } else if ft.is_file() {
            files.insert(rel, path.to_path_buf());
        } else {
            // Opening a FIFO blocks and a device may never end: reported, never opened.
            out.problems.insert(
                rel,
                Unread::Unreadable("it is not a regular file (a FIFO, socket or device)".into()),
            );
        }
    }
    if saw_hidden.load(Ordering::Relaxed) {
        count_unseen(root, &seen, &mut out.skipped);
    }
    out.files = files
        .into_iter()
        .map(|(rel, path)| Discovered { path, rel })
        .collect();
    Ok(out)
}

/// A symlink at `path` (`rel`): a link out of the root is reported; a link to a YAML file inside
/// it is read once, under the real path; a dangling or looping `.yaml` link is reported.
fn link(
    canonical_root: &Path,
    path: &Path,
    rel: String,
    exclude: &GlobSet,
    files: &mut BTreeMap<String, PathBuf>,
    out: &mut Discovery,
) {
    let text = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    match resolve_inside(canonical_root, Path::new(&rel)) {
        Resolved::Outside(_) => {
            out.problems.insert(rel, Unread::Outside(text));
        }
        Resolved::Inside(target) => {
            if !is_yaml_name(path) {
                return; // a link to a directory is walked where it really is
            }
            let Ok(real_rel) = target.strip_prefix(canonical_root).map(slash_path) else {
                return;
            };
            match std::fs::symlink_metadata(&target) {
                Ok(m) if m.is_file() => {
                    if exclude.is_match(&real_rel) {
                        out.skipped.excluded += 1;
                    } else {
                        files.entry(real_rel).or_insert(target);
                    }
                }
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    out.problems.entry(real_rel).or_insert_with(|| {
                        Unread::Unreadable(
                            "it is not a regular file (a FIFO, socket or device)".into(),
                        )
                    });
                }
                Err(e) => {
                    out.problems
                        .insert(rel, Unread::Unreadable(format!("its target: {e}")));
                }
            }
        }
        Resolved::Missing if is_yaml_name(path) => {
            out.problems.insert(
                rel,
                Unread::Unreadable(format!("it is a link to `{text}`, which does not exist")),
            );
        }
        Resolved::Missing => {}
        Resolved::Loop => {
            out.problems.insert(
                rel,
                Unread::Unreadable(format!(
                    "it is a link that loops (more than {MAX_LINKS} links)"
                )),
            );
        }
        Resolved::Unreadable(e) => {
            out.problems.insert(rel, Unread::Unreadable(e.to_string()));
        }
    }
}

/// Counts the YAML files the filtered walk did not see: hidden, or hidden by an ignore file.
/// Only the count is kept; nothing here is read.
fn count_unseen(root: &Path, seen: &BTreeSet<String>, skipped: &mut Skipped) {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .filter_entry(|e| e.depth() == 0 || e.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_yaml_name(path) {
            continue;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel_s = slash_path(rel);
        if seen.contains(&rel_s) {
            continue;
        }
        if rel.components().any(|c| is_hidden_name(c.as_os_str())) {
            skipped.hidden += 1;
        } else {
            skipped.ignored += 1;
        }
    }
}

/// The findings for what discovery could not read; each path becomes a source (with no text)
/// so the finding can name it.
pub fn findings(problems: &BTreeMap<String, Unread>, sources: &mut Sources) -> Vec<Finding> {
    problems
        .iter()
        .map(|(rel, problem)| {
            let id = sources.push(SourceFile::new(rel.clone(), ""));
            let at = Location::new(id, 0..0);
            match problem {
                Unread::Unreadable(why) => {
                    Finding::new(&UNREADABLE, at, format!("`{rel}` cannot be read: {why}")).help(
                        format!(
                            "fix it so it can be read, or remove it; if it is not configuration, \
                             exclude it in egenregi.kdl: `paths {{ exclude \"{}\" }}`",
                            rel.replace('\\', "\\\\").replace('"', "\\\"")
                        ),
                    )
                }
                Unread::Outside(target) => Finding::new(
                    &OUTSIDE_ROOT,
                    at,
                    format!("`{rel}` is a link to `{target}`, outside the repository; it is not followed"),
                )
                .help("copy what it points at into the repository, or remove the link"),
            }
        })
        .collect()
}

/// [`POLICIES_NOT_NAMED`] for `count` rule files in `ROOT/policies`, which no `policies` line of
/// `egenregi.kdl` names ([`crate::policy::unnamed_rule_files`]).
pub fn policies_not_named(count: usize, sources: &mut Sources) -> Finding {
    let id = sources.push(SourceFile::new("policies".to_owned(), ""));
    let (files, their) = if count == 1 {
        ("1 rule file (`*.kdl`)".to_owned(), "its")
    } else {
        (format!("{count} rule files (`*.kdl`)"), "their")
    };
    Finding::new(
        &POLICIES_NOT_NAMED,
        Location::new(id, 0..0),
        format!("`policies/` holds {files}, but `egenregi.kdl` names no policies directory: none of {their} rules ran"),
    )
    .help("add `policies \"policies\"` to egenregi.kdl, or move the files out of `policies/` if they are not the checker's")
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic in a test is a failed test")]
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn resolves_inside_and_stops_at_the_first_step_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/f.pdf"), "x").unwrap();
        symlink("a/b", root.join("short")).unwrap();
        symlink("../short/f.pdf", root.join("a/via.pdf")).unwrap();
        symlink(root.join("a"), root.join("abs")).unwrap();
        symlink("..", root.join("up")).unwrap();
        symlink("/etc", root.join("etc")).unwrap();
        let at = |p: &str| resolve_inside(&root, Path::new(p));
        assert!(matches!(at("a/via.pdf"), Resolved::Inside(p) if p == root.join("a/b/f.pdf")));
        assert!(matches!(at("abs/b/f.pdf"), Resolved::Inside(p) if p == root.join("a/b/f.pdf")));
        assert!(
            matches!(at("short/../b/f.pdf"), Resolved::Inside(p) if p == root.join("a/b/f.pdf"))
        );
        assert!(matches!(at("a/missing.pdf"), Resolved::Missing));
        assert!(matches!(at("a/b/f.pdf/x"), Resolved::Missing));
        // Out, whether or not the target exists: `/etc/passwd` and `/etc/no-such` alike.
        assert!(matches!(at("etc/passwd"), Resolved::Outside(v) if v == "etc"));
        assert!(matches!(at("etc/no-such"), Resolved::Outside(v) if v == "etc"));
        assert!(matches!(at("up/x"), Resolved::Outside(_)));
        assert!(matches!(at("../x"), Resolved::Outside(_)));
        assert!(matches!(at("/etc/passwd"), Resolved::Outside(_)));
        symlink("loop", root.join("loop")).unwrap();
        assert!(matches!(at("loop"), Resolved::Loop));
    }
}
