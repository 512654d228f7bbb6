//! What reelnet-lint reads besides specs, and how it writes.
//!
//! Reading: the configuration and baselines follow the spec loader's file
//! policy ([`reelnet_spec::read_regular_file`]): a regular file only (a
//! FIFO would block, `/dev/zero` never ends), at most a size limit, UTF-8.
//!
//! Writing: no write destroys data. A report or a baseline goes to a
//! temporary file in the target's directory, is flushed to disk, then
//! renamed over the target: a full disk, a kill mid-write or two writers at
//! once leave either the old file or the new one, never a truncated one. A
//! target that is a symbolic link is written through (the link stays).
//! Callers refuse a target that is the same file as an input
//! ([`same_file`]).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Largest configuration file read, in bytes (4 MiB).
pub const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;
/// Largest baseline file read, in bytes (64 MiB, the spec loader's default).
pub const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// Read a UTF-8 text file under the shared file policy.
///
/// # Errors
/// The I/O error; `InvalidData` for text that is not UTF-8, `FileTooLarge`
/// past `max_bytes`, `Other` for a path that is not a regular file.
pub fn read_text(path: &Path, max_bytes: u64) -> std::io::Result<String> {
    let bytes = reelnet_spec::read_regular_file(path, max_bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

/// Whether `a` and `b` name the same existing file, links followed:
/// compared by device and inode (on Unix), not by spelling.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// The file a write to `path` replaces: `path` itself, or what the chain
/// of symbolic links it starts resolves to (so the link is kept).
fn write_target(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same
/// directory, flushed, then renamed over `path`. An existing file keeps its
/// permissions; a new one gets the usual `rw-r--r--`.
///
/// An existing target that is a character device or a FIFO
/// (`/dev/null`, `/dev/stdout` on a pipe or terminal, a named pipe) has no
/// content to destroy and cannot be renamed over: it is opened and written
/// directly, as a shell redirection would.
///
/// # Errors
/// The I/O error; `path` is then unchanged. `NotFound` naming the
/// directory when the target's directory does not exist; `Other` for an
/// existing target that is neither a regular file, a character device nor
/// a FIFO (a directory, a socket, a block device).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = write_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(m) = &existing
        && !m.is_file()
    {
        if is_stream(m) {
            let mut f = std::fs::OpenOptions::new().write(true).open(&target)?;
            f.write_all(bytes)?;
            return f.flush();
        }
        let what = if m.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        return Err(std::io::Error::other(what));
    }
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(std::io::Error::other(format!(
                "{} is not a directory",
                dir.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the directory {} does not exist", dir.display()),
            ));
        }
        Err(_) => {}
    }
    // The temporary file's random name means nothing to the user: an error
    // creating it names the directory.
    let mut tmp = tempfile::Builder::new()
        .prefix(".reelnet-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot create a file in {}: {}", dir.display(), e.kind()),
            )
        })?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let permissions = match existing {
        Some(m) => Some(m.permissions()),
        None => new_file_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// A character device or a FIFO: written in place, never replaced.
#[cfg(unix)]
fn is_stream(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    let t = m.file_type();
    t.is_char_device() || t.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("out.json");
        write_atomic(&p, b"one").unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&p, b"two").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&p).ok(), Some(b"two".to_vec()));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn same_file_sees_through_links_and_spelling() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "x").unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("l.yaml");
        std::os::unix::fs::symlink(&a, &link).unwrap_or_else(|e| panic!("{e}"));
        let hard = dir.path().join("h.yaml");
        std::fs::hard_link(&a, &hard).unwrap_or_else(|e| panic!("{e}"));
        assert!(same_file(&a, &link));
        assert!(same_file(&a, &hard));
        assert!(same_file(&a, &dir.path().join(".").join("a.yaml")));
        assert!(!same_file(&a, &dir.path().join("nope.yaml")));
        // Writing through the link keeps the link.
        write_atomic(&link, b"y").unwrap_or_else(|e| panic!("{e}"));
        assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(std::fs::read(&a).ok(), Some(b"y".to_vec()));
    }
}
