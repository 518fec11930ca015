//! Every file egenregi writes (`--output`, `--write-baseline`, `report -o`, `graph -o`, `init`,
//! `new`) goes through here: a temporary file in the target's directory, flushed to disk, then
//! renamed over the target, so a failure never leaves a truncated file; and never through a
//! symbolic link, which a pull request could commit at the path CI writes to.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a file was not written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum WriteError {
    #[error("refusing to write `{}`: `{}` is a symbolic link", path.display(), link.display())]
    #[diagnostic(
        code(write::symlink),
        help(
            "egenregi never writes through a link (a pull request could commit one to send the output elsewhere); remove it or choose another path"
        )
    )]
    Symlink { path: PathBuf, link: PathBuf },
    #[error("refusing to write `{}`: it is a directory", .0.display())]
    #[diagnostic(code(write::directory))]
    Directory(PathBuf),
    #[error("`{}` already exists; egenregi never overwrites a file here", .0.display())]
    #[diagnostic(
        code(write::exists),
        help("choose another name, or edit the existing file")
    )]
    Exists(PathBuf),
    #[error("cannot write `{}`: {source}", path.display())]
    #[diagnostic(code(write::io))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Whether a file that exists may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Keep,
}

/// Writes `bytes` to `path` atomically: temporary file beside it, fsync, rename. A symbolic
/// link at `path`, or at any directory the relative `path` names, is refused. An existing
/// device or FIFO (`-o /dev/null`) is written to in place: there is nothing to truncate.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write(path, &mut |w| w.write_all(bytes), Existing::Replace)
}

/// Like [`atomic`], with the content written by `body` as it is produced (`--format json`
/// streams its document instead of building it as a string first).
pub fn atomic_with(
    path: &Path,
    body: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    write(path, body, Existing::Replace)
}

/// Like [`atomic`], but fails with [`WriteError::Exists`] when `path` exists (`init`, `new`);
/// only a link at `path` itself is refused here, its directories are the caller's to check.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write(path, &mut |w| w.write_all(bytes), Existing::Keep)
}

/// Refuses a path that passes through a symbolic link: the file itself, and every directory of
/// a relative path (those could come from the checkout). An absolute path's directories were
/// chosen by whoever typed it.
pub fn check_no_links(path: &Path) -> Result<(), WriteError> {
    let link = |at: &Path| -> Result<(), WriteError> {
        match std::fs::symlink_metadata(at) {
            Ok(m) if m.file_type().is_symlink() => Err(WriteError::Symlink {
                path: path.to_path_buf(),
                link: at.to_path_buf(),
            }),
            _ => Ok(()),
        }
    };
    if path.is_relative() {
        let mut at = PathBuf::new();
        for c in path.components() {
            at.push(c);
            if matches!(c, Component::Normal(_)) {
                link(&at)?;
            }
        }
        Ok(())
    } else {
        link(path)
    }
}

fn write(
    path: &Path,
    body: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    existing: Existing,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if existing == Existing::Replace {
        check_no_links(path)?;
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(WriteError::Symlink {
            path: path.to_path_buf(),
            link: path.to_path_buf(),
        });
    }
    let replacing = match std::fs::symlink_metadata(path) {
        Ok(_) if existing == Existing::Keep => return Err(WriteError::Exists(path.to_path_buf())),
        Ok(m) if m.is_dir() => return Err(WriteError::Directory(path.to_path_buf())),
        Ok(m) if !m.is_file() => {
            // A device or FIFO: renaming over it would replace it (as root, `/dev/null` itself).
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io)?;
            return body(&mut f).map_err(io);
        }
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, mut file) = temporary(&dir, path).map_err(io)?;
    let written = (|| {
        body(&mut file)?;
        if let Some(p) = replacing {
            file.set_permissions(p)?;
        }
        file.sync_all()?;
        drop(file);
        match existing {
            Existing::Replace => std::fs::rename(&tmp, path),
            // A hard link fails if the name exists, without ever following a link there.
            Existing::Keep => {
                std::fs::hard_link(&tmp, path).and_then(|()| std::fs::remove_file(&tmp))
            }
        }
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_path_buf())
        } else {
            io(e)
        });
    }
    // The rename is durable once the directory is: best effort, not every system can sync one.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new, empty file in `dir` named after `target`, created exclusively (never an existing
/// file or link).
fn temporary(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.egenregi-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary name is free")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic in a test is a failed test")]
    use super::*;

    #[test]
    fn replaces_a_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        std::fs::write(&p, "old old old old").unwrap();
        atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            atomic(&link, b"x"),
            Err(WriteError::Symlink { .. })
        ));
        assert!(matches!(
            create_new(&link, b"x"),
            Err(WriteError::Symlink { .. })
        ));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        // A dangling link is refused too (it would create its target).
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(atomic(&dangling, b"x").is_err());
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        create_new(&p, b"one").unwrap();
        assert!(matches!(create_new(&p, b"two"), Err(WriteError::Exists(_))));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        // The target's directory does not exist: nothing is created, nothing truncated.
        let p = dir.path().join("missing/out.json");
        assert!(matches!(atomic(&p, b"x"), Err(WriteError::Io { .. })));
        // A directory at the path is refused, not replaced.
        assert!(matches!(
            atomic(dir.path(), b"x"),
            Err(WriteError::Directory(_))
        ));
    }
}
