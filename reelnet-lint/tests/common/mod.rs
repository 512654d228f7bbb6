//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use reelnet_lint::{Date, LintOptions, Linter, Report};

/// An empty directory `group/name` under the tests' scratch space
/// (removed first if an earlier run left it).
pub fn fresh_dir(group: &str, name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

/// The date every test lints as of, so that date-dependent rules are stable.
pub const AS_OF: &str = "2026-11-26";

pub fn as_of() -> Date {
    AS_OF.parse().unwrap_or_else(|e: String| panic!("{e}"))
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A linter running only `select`, as of [`AS_OF`].
pub fn linter(select: &[&str]) -> Linter {
    Linter::new(&LintOptions {
        select: select.iter().map(|s| (*s).to_owned()).collect(),
        as_of: Some(as_of()),
        ..LintOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// One case of a rule fixture: a YAML document of the fixture file.
pub struct Case {
    /// `pass` or `fail`, from the document's first comment.
    pub expect_pass: bool,
    pub title: String,
    /// The files of the case: the fixture's text with every other document
    /// blanked out (so that line numbers are those of the fixture file), or,
    /// when the case has `# file: NAME` lines, one file per such section.
    pub files: Vec<(String, String)>,
    /// Files the spec references (Dockerfiles, manifests): one per
    /// `# attach: NAME` line, up to the next one; NAME is relative to the
    /// fixture's directory, as the spec's references are.
    pub attached: Vec<(String, String)>,
}

/// Split a fixture into its cases. Documents are separated by `---` lines;
/// each starts with `# pass: why` or `# fail: why`.
pub fn cases(fixture: &str, name: &str) -> Vec<Case> {
    let lines: Vec<&str> = fixture.lines().collect();
    let mut bounds = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        // A case starts after a `---` line followed by its header (other
        // `---` lines separate the documents of an attached manifest).
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        let header = next.is_some_and(|n| n.starts_with("# pass:") || n.starts_with("# fail:"));
        if l.trim_end() == "---" && header {
            bounds.push((start, i));
            start = i + 1;
        }
    }
    bounds.push((start, lines.len()));
    bounds
        .into_iter()
        .filter(|(s, e)| lines[*s..*e].iter().any(|l| !l.trim().is_empty()))
        .map(|(s, e)| {
            let header = lines[s..e]
                .iter()
                .find(|l| !l.trim().is_empty())
                .copied()
                .unwrap_or_default()
                .trim();
            let (expect_pass, title) = if let Some(t) = header.strip_prefix("# pass:") {
                (true, t.trim().to_owned())
            } else if let Some(t) = header.strip_prefix("# fail:") {
                (false, t.trim().to_owned())
            } else {
                panic!(
                    "fixture document at line {} must start with `# pass:` or `# fail:`",
                    s + 1
                )
            };
            let text = lines
                .iter()
                .enumerate()
                .map(|(i, l)| if (s..e).contains(&i) { *l } else { "" })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            let mut doc = &lines[s..e];
            let dir = std::path::Path::new(name)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut attached: Vec<(String, String)> = Vec::new();
            let mut text = text;
            if let Some(first) = doc.iter().position(|l| l.starts_with("# attach: ")) {
                for l in &doc[first..] {
                    if let Some(f) = l.strip_prefix("# attach: ") {
                        let f = f.trim();
                        let full = if dir.is_empty() {
                            f.to_owned()
                        } else {
                            format!("{dir}/{f}")
                        };
                        attached.push((full, String::new()));
                    } else if let Some((_, t)) = attached.last_mut() {
                        t.push_str(l);
                        t.push('\n');
                    }
                }
                // The spec is what precedes the first attached file.
                text = lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| if (s..s + first).contains(&i) { *l } else { "" })
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n";
                doc = &lines[s..s + first];
            }
            let files = if doc.iter().any(|l| l.starts_with("# file: ")) {
                let mut files: Vec<(String, String)> = Vec::new();
                for l in doc {
                    if let Some(f) = l.strip_prefix("# file: ") {
                        files.push((f.trim().to_owned(), String::new()));
                    } else if let Some((_, t)) = files.last_mut() {
                        t.push_str(l);
                        t.push('\n');
                    }
                }
                files
            } else {
                vec![(name.to_owned(), text)]
            };
            Case {
                expect_pass,
                title,
                files,
                attached,
            }
        })
        .collect()
}

/// Lint a case.
pub fn lint_case(linter: &Linter, case: &Case) -> Report {
    if case.attached.is_empty() {
        return Report::new(vec![linter.check_texts("fixture", case.files.clone())]);
    }
    let loaded =
        reelnet_spec::Loader::default().read_texts_with(case.files.clone(), &case.attached);
    Report::new(vec![linter.check_loaded("fixture", loaded)])
}

/// The spec the doc examples of container rules run against: one service
/// referencing `Dockerfile` and `k8s.yaml` (given as attached texts).
pub const CONTAINER_SPEC: &str = "name: example
compute:
  services:
    - name: backend
      image: reelnet/backend:1.4.2
      port: 8080
      replicas: 3
      cpu: 1024
      memory: 2048
      health_check: /health
      dockerfile: Dockerfile
      manifests: [k8s.yaml]
";

/// Lint a container rule's doc example: a Dockerfile or a manifest, with
/// [`CONTAINER_SPEC`] (the other file left valid and empty of findings).
pub fn lint_container_example(
    linter: &Linter,
    dockerfile: Option<&str>,
    manifest: Option<&str>,
) -> Report {
    const DOCKERFILE: &str =
        "FROM node:24-alpine\nUSER node\nEXPOSE 8080\nCMD [\"node\", \"server.js\"]\n";
    const MANIFEST: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n";
    let attached = vec![
        (
            "Dockerfile".to_owned(),
            dockerfile.unwrap_or(DOCKERFILE).to_owned(),
        ),
        (
            "k8s.yaml".to_owned(),
            manifest.unwrap_or(MANIFEST).to_owned(),
        ),
    ];
    let loaded = reelnet_spec::Loader::default().read_texts_with(
        vec![("example.yaml".to_owned(), CONTAINER_SPEC.to_owned())],
        &attached,
    );
    Report::new(vec![linter.check_loaded("example.yaml", loaded)])
}

/// Lint text with a linter; the report.
pub fn lint_text(linter: &Linter, name: &str, text: &str) -> Report {
    Report::new(vec![linter.check_str(name, text)])
}
