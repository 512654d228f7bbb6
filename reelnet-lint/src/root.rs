//! The project root: what the CI formats show paths relative to.
//!
//! GitHub (code scanning and workflow annotations) and GitLab (Code
//! Quality) resolve a report's paths from the repository root, whatever
//! directory the linter ran in. The project root is, in order: the
//! directory of the configuration file in use (`reelnet-lint.toml`, or a
//! `pyproject.toml` with `[tool.reelnet-lint]`), else the repository root
//! (the nearest directory at or above the working directory holding
//! `.git`), else the working directory. SARIF names it `%SRCROOT%` in
//! `originalUriBaseIds`. The `github` and `gitlab` formats show paths from
//! the repository root above the project root, when there is one
//! ([`repository_root`]).

use std::path::{Path, PathBuf};

use crate::paths::normalize;

/// The nearest directory at or above `start` holding `.git` (a directory,
/// or a file for worktrees and submodules), absolute.
#[must_use]
pub fn repository_root(start: &Path) -> Option<PathBuf> {
    let start = normalize(start);
    start
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The project root for a run in `cwd` with the configuration file whose
/// directory is `config_dir` (if any), absolute.
#[must_use]
pub fn project_root(config_dir: Option<&Path>, cwd: &Path) -> PathBuf {
    match config_dir {
        Some(dir) => normalize(dir),
        None => repository_root(cwd).unwrap_or_else(|| normalize(cwd)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_then_repository_then_cwd() {
        let tmp = std::env::temp_dir().join(format!("reelnet-root-{}", std::process::id()));
        let sub = tmp.join("repo/infra/envs");
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(tmp.join("repo/.git")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(project_root(None, &sub), normalize(&tmp.join("repo")));
        assert_eq!(
            project_root(Some(&tmp.join("repo/infra")), &sub),
            normalize(&tmp.join("repo/infra"))
        );
        let outside = tmp.join("loose");
        std::fs::create_dir_all(&outside).unwrap_or_else(|e| panic!("{e}"));
        // No .git above (unless the temporary directory is in a repository).
        if repository_root(&outside).is_none() {
            assert_eq!(project_root(None, &outside), normalize(&outside));
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
