//! A throwaway project directory for tests of the real binary: its own
//! `.git` (so configuration discovery stops there), files, and runs with
//! the project as the current directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The date every run lints as of.
pub const AS_OF: &str = "2026-11-26";

pub struct Project {
    pub dir: PathBuf,
}

impl Project {
    /// A fresh, empty project, unique to this test and process (several
    /// `cargo test` runs may share the target directory); removed when the
    /// test passes, kept for a look when it fails.
    pub fn new(name: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("workflow")
            .join(format!("{name}-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));
        Self { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel))
            .unwrap_or_else(|e| panic!("{}: {e}", self.path(rel).display()))
    }

    /// The binary, run in `rel` (a directory of the project).
    pub fn cmd_in(&self, rel: &str) -> Command {
        let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
        c.current_dir(self.dir.join(rel)).env("NO_COLOR", "1");
        c
    }

    pub fn run_in(&self, rel: &str, args: &[&str]) -> Run {
        let out = self
            .cmd_in(rel)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        Run::from(out)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        let run = Self {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "the binary panicked: {}",
            run.stderr
        );
        run
    }
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }

    /// The codes of the JSON report's diagnostics, in order.
    pub fn codes(&self) -> Vec<String> {
        self.json()["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|d| d["code"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `code@line` of the JSON report's diagnostics, in order.
    pub fn found(&self) -> Vec<String> {
        self.json()["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|d| {
                        format!(
                            "{}@{}:{}",
                            d["code"].as_str().unwrap_or(""),
                            d["file"].as_str().unwrap_or(""),
                            d["line"]
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn summary(&self, key: &str) -> u64 {
        self.json()["summary"][key].as_u64().unwrap_or(u64::MAX)
    }
}
