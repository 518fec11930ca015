//! Finds the YAML files under the root: deterministic order, ignore files honoured, hidden
//! directories (`.git`, `.github`) skipped, symlinks never followed out of the root.

use std::path::{Path, PathBuf};

use globset::GlobSet;

/// A file to load: where to read it, and its path relative to the root (forward slashes).
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub rel: String,
}

/// Walks `root`. `exclude` matches relative paths (`drafts/**`).
pub fn walk(root: &Path, exclude: &GlobSet) -> std::io::Result<Vec<Found>> {
    let canonical_root = root.canonicalize()?;
    if !canonical_root.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a directory",
        ));
    }
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(std::ffi::OsStr::cmp)
        .build();
    for entry in walker {
        // Unreadable directories and broken entries are skipped; the root itself was checked above.
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !(ext == "yaml" || ext == "yml") {
            continue;
        }
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_symlink() {
            // Only a link to a file inside the root is read; anything else is not ours to read.
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                _ => continue,
            }
        } else if !ft.is_file() {
            continue;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if exclude.is_match(&rel) {
            continue;
        }
        found.push(Found {
            path: path.to_path_buf(),
            rel,
        });
    }
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(found)
}
