//! Path helpers shared by baselines, the configuration, finding identities
//! and the report formats: lexical normalisation and relative paths, with
//! `/` separators whatever the platform. No file system access.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute (against the current directory) and with `.` and
/// `..` removed, without touching the file system.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` (both absolute and normalised), `/`-separated;
/// `..` steps when it is outside, the absolute path when no prefix is shared.
#[must_use]
pub fn relative_to(path: &Path, base: &Path) -> String {
    let p: Vec<Component<'_>> = path.components().collect();
    let b: Vec<Component<'_>> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); b.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let p = Path::new("/a/b/c/x.yaml");
        assert_eq!(relative_to(p, Path::new("/a/b")), "c/x.yaml");
        assert_eq!(relative_to(p, Path::new("/a/d")), "../b/c/x.yaml");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
