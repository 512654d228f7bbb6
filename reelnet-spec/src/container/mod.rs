//! The container layer (CONTAINERS.md): the Dockerfiles and Kubernetes
//! manifests a spec's services reference, read with spans into the same
//! [`Sources`] as the spec, so that every finding in them is located,
//! suppressible and baselined like any other.
//!
//! Paths are relative to the spec file that names them; `manifests` entries
//! may be globs (`*`, `?`, `**`, `[abc]`, `{a,b}`: `globset`'s syntax, `*`
//! never crossing `/`), matched while walking the directory tree below the
//! spec's directory within [`Limits`]. A reference resolving outside the
//! spec file's directory tree is not read unless
//! [`Limits::follow_external_links`]. A
//! missing or unreadable file is recorded in [`ContainerFiles::unreadable`]
//! (SPEC006 reports it at the reference).

pub mod dockerfile;
pub mod manifest;
pub mod run_command;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::limits::Limits;
use crate::source::{Loc, SourceFile, Sources, TextRange};
use crate::spanned::Spanned;

pub use dockerfile::{BaseImage, CommandForm, Dockerfile, Instruction, Stage};
pub use manifest::{
    Container, Document, Field, Hpa, KubeService, Manifest, Object, Probe, Resources,
    SecurityContext, Workload,
};
pub use run_command::{RunCommand, ShellText};

/// A problem that makes a Dockerfile (DKR000) or a manifest (K8S000)
/// invalid, at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The node it is about (for a file that cannot be parsed, a node over
    /// the offending text).
    pub loc: Loc,
    /// What is wrong, in words, without the file name.
    pub message: String,
    /// What to do, when the problem says more than "make the API server
    /// accept it" (a scalar YAML 1.1 and 1.2 read differently: "write `8`,
    /// or quote it").
    pub help: Option<String>,
    /// Whether to underline the key of the node (a missing or unknown field).
    pub at_key: bool,
    /// Whether the file could not be parsed (not text, a syntax error, a
    /// budget tripped): then no rule checked it, and the problem fails the
    /// run whatever the selection. False for a parsed manifest's document
    /// that the schema rejects.
    pub syntax: bool,
}

/// Serialised as its message (as the Python binding gives it).
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.message.serialize(s)
    }
}

/// A referenced file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// The reference (`dockerfile:` or one `manifests:` entry).
    #[serde(skip)]
    pub loc: Loc,
    /// The path it resolves to, as shown.
    pub path: String,
    /// Why it could not be read.
    pub reason: String,
}

/// The parsed files of a spec's services.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ContainerFiles {
    /// Each referenced Dockerfile once (a file several services name keeps
    /// every reference), in the order first referenced.
    pub dockerfiles: Vec<Dockerfile>,
    /// Each referenced manifest once, in the order first referenced (a glob's
    /// matches in path order).
    pub manifests: Vec<Manifest>,
    /// Reported as SPEC006 at the reference; not serialised.
    #[serde(skip)]
    pub unreadable: Vec<Unreadable>,
    /// What a glob's walk skipped (symbolic links that loop), for the
    /// report's notes; not serialised.
    #[serde(skip)]
    pub notes: Vec<WalkNote>,
}

/// Something a `manifests` glob's walk skipped without failing: a note at
/// the reference, not a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkNote {
    /// The reference (one `manifests:` entry).
    pub loc: Loc,
    /// What was skipped and why, in words.
    pub message: String,
}

impl ContainerFiles {
    /// The referenced files that could not be parsed (so no rule checked
    /// them), as shown in reports, in load order.
    #[must_use]
    pub fn unparsed(&self) -> Vec<&str> {
        let docker = self
            .dockerfiles
            .iter()
            .filter(|d| d.problem.as_ref().is_some_and(|p| p.syntax))
            .map(|d| d.path.as_str());
        let manifests = self
            .manifests
            .iter()
            .filter(|m| m.problems.iter().any(|p| p.syntax))
            .map(|m| m.path.as_str());
        docker.chain(manifests).collect()
    }

    /// The Dockerfile a reference (`service.dockerfile`) resolved to.
    #[must_use]
    pub fn dockerfile(&self, reference: &Spanned<String>) -> Option<&Dockerfile> {
        self.dockerfiles
            .iter()
            .find(|d| d.references.contains(&reference.loc))
    }

    /// The manifests the references (`service.manifests`) resolved to, each
    /// once, in file order.
    #[must_use]
    pub fn manifests(&self, references: &[Spanned<String>]) -> Vec<&Manifest> {
        self.manifests
            .iter()
            .filter(|m| references.iter().any(|r| m.references.contains(&r.loc)))
            .collect()
    }
}

/// Where referenced files are read from.
pub(crate) enum Provider<'a> {
    /// The file system.
    Disk,
    /// Named texts (tests, embedding), then nothing.
    Texts(&'a [(String, String)]),
}

/// `path` with `.` dropped and `a/..` folded, `/`-separated.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in path.components() {
        match c {
            Component::RootDir => absolute = true,
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.last().is_some_and(|p| p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..".into());
                }
            }
            Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

fn is_glob(reference: &str) -> bool {
    reference.contains(['*', '?', '[', '{'])
}

/// What was read for one path.
enum Read {
    Text(String, Option<(TextRange, String)>),
    Missing(String),
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Decode a referenced file: UTF-8 text without NUL bytes.
fn decode(bytes: Vec<u8>, what: &str) -> (String, Option<(TextRange, String)>) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let problem = text.find('\0').map(|at| {
                (
                    TextRange::new(to_u32(at), to_u32(at + 1)),
                    format!(
                        "the file contains a NUL byte at byte {at}: it is binary, not a {what}"
                    ),
                )
            });
            (text, problem)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (
                text,
                Some((
                    TextRange::new(to_u32(at), to_u32(at + 3)),
                    format!("invalid UTF-8 at byte {at}: a {what} must be UTF-8 text"),
                )),
            )
        }
    }
}

fn read_disk(path: &Path, limits: &Limits, what: &str) -> Read {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Read::Missing(e.to_string()),
    };
    if !meta.is_file() {
        return Read::Missing("not a regular file".into());
    }
    let limit = limits.max_file_bytes as u64;
    if meta.len() > limit {
        return Read::Text(
            String::new(),
            Some((
                TextRange::empty(0),
                format!(
                    "the file is {} bytes, over the limit of {limit} bytes",
                    meta.len()
                ),
            )),
        );
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(&mut std::io::Read::take(f, limit + 1), &mut bytes)
    });
    if let Err(e) = read {
        return Read::Missing(e.to_string());
    }
    if bytes.len() as u64 > limit {
        return Read::Text(
            String::new(),
            Some((
                TextRange::empty(0),
                format!("the file is over the limit of {limit} bytes"),
            )),
        );
    }
    let (text, problem) = decode(bytes, what);
    Read::Text(text, problem)
}

/// What a reference names, and so which list its file goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A service's `dockerfile`.
    Dockerfile,
    /// One of a service's `manifests` entries (a path or a glob).
    Manifest,
}

struct State<'a> {
    sources: &'a mut Sources,
    limits: &'a Limits,
    provider: &'a Provider<'a>,
    files: ContainerFiles,
    /// Shown path → (kind, index in its list).
    seen: HashMap<String, (Kind, usize)>,
}

impl State<'_> {
    /// The paths a reference names (one, or a glob's matches, sorted).
    ///
    /// A glob is matched with `globset` (a finite automaton: linear in the
    /// path's length) against the files of a bounded walk of the directory
    /// named by its literal prefix, which must lie in the spec's directory
    /// tree (unless [`Limits::follow_external_links`]).
    ///
    /// A `dockerfile` reference names one file: it is never a glob.
    /// With the notes of the walk (symbolic links skipped as loops).
    fn resolve(
        &self,
        base: &Path,
        reference: &str,
        kind: Kind,
    ) -> Result<(Vec<String>, Vec<String>), String> {
        let joined = normalize(&base.join(reference));
        if kind == Kind::Dockerfile || !is_glob(reference) {
            return Ok((vec![joined], Vec::new()));
        }
        let mut notes = Vec::new();
        let matcher = globset::GlobBuilder::new(&joined)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("`{reference}` is not a valid glob: {}", e.kind()))?
            .compile_matcher();
        let mut found: Vec<String> = match self.provider {
            Provider::Texts(texts) => texts
                .iter()
                .map(|(n, _)| normalize(Path::new(n)))
                .filter(|n| matcher.is_match(n))
                .collect(),
            Provider::Disk => {
                // The directory the walk starts at: the pattern's components
                // before the first one with a metacharacter.
                let mut start = String::new();
                for (i, part) in joined.split('/').enumerate() {
                    if is_glob(part) {
                        break;
                    }
                    if i > 0 {
                        start.push('/');
                    }
                    start.push_str(part);
                }
                if start.is_empty() && !joined.starts_with('/') {
                    start.push('.');
                } else if start.is_empty() {
                    start.push('/');
                }
                self.check_inside(base, Path::new(&start), reference)?;
                let (found, loops) = self.walk(&start, &matcher, reference)?;
                notes = loops;
                found
            }
        };
        found.sort();
        found.dedup();
        if found.is_empty() {
            return Err(format!("`{reference}` matches no file"));
        }
        Ok((found, notes))
    }

    /// The files below `start` that `matcher` accepts, shown as `start/…`,
    /// and the symbolic links skipped as file system loops.
    ///
    /// The walk is `walkdir`'s, following symbolic links with its loop
    /// detection: a link to a directory that is one of its own ancestors
    /// (`k8s/loop -> ..`) is not entered (its files are read once, through
    /// the ancestor) and is named in the second list, as ripgrep does. It
    /// visits at most [`Limits::max_files`] directories, at most
    /// [`Limits::max_depth`] levels down, and never enters a directory
    /// outside the spec's tree through a symbolic link (unless
    /// [`Limits::follow_external_links`]).
    fn walk(
        &self,
        start: &str,
        matcher: &globset::GlobMatcher,
        reference: &str,
    ) -> Result<(Vec<String>, Vec<String>), String> {
        let root = std::fs::canonicalize(start).ok();
        let follow_external = self.limits.follow_external_links;
        let mut out = Vec::new();
        let mut loops = Vec::new();
        let mut visited = 0usize;
        let walker = walkdir::WalkDir::new(if start.is_empty() { "/" } else { start })
            .follow_links(true)
            // The same order whatever the file system's (the notes are in
            // walk order; the matches are sorted anyway).
            .sort_by_file_name()
            // Files one level below the deepest directory allowed; a
            // directory there is over the bound (reported below).
            .max_depth(self.limits.max_depth.saturating_add(1))
            .into_iter()
            .filter_entry(|e| {
                // A link to a directory outside the spec's tree is not
                // entered (its files could be echoed into findings).
                follow_external
                    || !(e.path_is_symlink() && e.file_type().is_dir())
                    || root.as_ref().is_some_and(|r| {
                        std::fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(r))
                    })
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    if let (Some(ancestor), Some(link)) = (e.loop_ancestor(), e.path()) {
                        loops.push(format!(
                            "`{reference}`: `{}` is a symbolic link to its own ancestor `{}` (a file system loop): not entered, the files there are read once",
                            normalize(link),
                            normalize(ancestor)
                        ));
                    }
                    // Unreadable directories and broken links are skipped.
                    continue;
                }
            };
            let shown = normalize(entry.path());
            if entry.file_type().is_dir() {
                if entry.depth() > self.limits.max_depth {
                    return Err(format!(
                        "`{reference}` walks deeper than {} directories below `{start}`: name a narrower directory before the first wildcard",
                        self.limits.max_depth
                    ));
                }
                visited += 1;
                if visited > self.limits.max_files {
                    return Err(format!(
                        "`{reference}` walks more than {} directories: name a narrower directory before the first wildcard",
                        self.limits.max_files
                    ));
                }
            } else if entry.file_type().is_file() && matcher.is_match(&shown) {
                out.push(shown);
                if out.len() > self.limits.max_files {
                    return Err(format!(
                        "`{reference}` matches more than {} files",
                        self.limits.max_files
                    ));
                }
            }
        }
        Ok((out, loops))
    }

    /// Refuse a path that resolves (symbolic links included) outside the
    /// directory tree of the spec file that names it, unless
    /// [`Limits::follow_external_links`]: its text would be echoed into
    /// findings. A path that does not exist passes (reading it reports it).
    fn check_inside(&self, base: &Path, path: &Path, reference: &str) -> Result<(), String> {
        if self.limits.follow_external_links || !matches!(self.provider, Provider::Disk) {
            return Ok(());
        }
        let dir = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        let (Ok(root), Ok(target)) = (std::fs::canonicalize(dir), std::fs::canonicalize(path))
        else {
            return Ok(());
        };
        if target.starts_with(&root) {
            return Ok(());
        }
        Err(format!(
            "`{reference}` resolves outside the spec's directory ({}): not read, so that its text cannot reach the report (pass --follow-links, or set `Limits::follow_external_links`, to read it)",
            root.display()
        ))
    }

    fn read(&self, shown: &str, what: &str) -> Read {
        match self.provider {
            Provider::Texts(texts) => texts
                .iter()
                .find(|(n, _)| normalize(Path::new(n)) == shown)
                .map_or_else(
                    || Read::Missing("no such file".into()),
                    |(_, t)| {
                        let (text, problem) = decode(t.clone().into_bytes(), what);
                        Read::Text(text, problem)
                    },
                ),
            Provider::Disk => read_disk(&PathBuf::from(shown), self.limits, what),
        }
    }

    /// The `.dockerignore` that applies to a Dockerfile, if one exists.
    fn dockerignore(&self, dockerfile: &str) -> Option<String> {
        let path = Path::new(dockerfile);
        let beside = format!("{dockerfile}.dockerignore");
        let in_dir = normalize(
            &path
                .parent()
                .map_or_else(PathBuf::new, Path::to_path_buf)
                .join(".dockerignore"),
        );
        [beside, in_dir].into_iter().find(|p| match self.provider {
            Provider::Texts(texts) => texts.iter().any(|(n, _)| normalize(Path::new(n)) == *p),
            Provider::Disk => Path::new(p).is_file(),
        })
    }

    fn reference(&mut self, base: &Path, reference: &Spanned<String>, kind: Kind) {
        let paths = match self.resolve(base, &reference.value, kind) {
            Ok((paths, notes)) => {
                self.files
                    .notes
                    .extend(notes.into_iter().map(|message| WalkNote {
                        loc: reference.loc,
                        message,
                    }));
                paths
            }
            Err(reason) => {
                self.files.unreadable.push(Unreadable {
                    loc: reference.loc,
                    path: reference.value.clone(),
                    reason,
                });
                return;
            }
        };
        for shown in paths {
            if let Err(reason) = self.check_inside(base, Path::new(&shown), &reference.value) {
                self.files.unreadable.push(Unreadable {
                    loc: reference.loc,
                    path: shown,
                    reason,
                });
                continue;
            }
            if let Some(&(k, i)) = self.seen.get(&shown) {
                match (k, kind) {
                    (Kind::Dockerfile, Kind::Dockerfile) => {
                        if let Some(d) = self.files.dockerfiles.get_mut(i) {
                            d.references.push(reference.loc);
                        }
                    }
                    (Kind::Manifest, Kind::Manifest) => {
                        if let Some(m) = self.files.manifests.get_mut(i) {
                            m.references.push(reference.loc);
                        }
                    }
                    _ => self.files.unreadable.push(Unreadable {
                        loc: reference.loc,
                        path: shown.clone(),
                        reason: "the file is referenced both as a Dockerfile and as a manifest"
                            .into(),
                    }),
                }
                continue;
            }
            if self.sources.len() >= self.limits.max_files {
                self.files.unreadable.push(Unreadable {
                    loc: reference.loc,
                    path: shown,
                    reason: format!(
                        "the spec references more than {} files",
                        self.limits.max_files
                    ),
                });
                return;
            }
            let what = match kind {
                Kind::Dockerfile => "Dockerfile",
                Kind::Manifest => "manifest",
            };
            let (text, problem) = match self.read(&shown, what) {
                Read::Text(t, p) => (t, p),
                Read::Missing(reason) => {
                    self.files.unreadable.push(Unreadable {
                        loc: reference.loc,
                        path: shown,
                        reason,
                    });
                    continue;
                }
            };
            let file = match kind {
                Kind::Dockerfile => SourceFile::dockerfile(shown.clone(), text),
                Kind::Manifest => SourceFile::new(shown.clone(), text),
            };
            let id = self.sources.add(file);
            let Some(file) = self.sources.file_mut(id) else {
                continue;
            };
            match kind {
                Kind::Dockerfile => {
                    let mut d = dockerfile::parse(id, file, problem);
                    d.references.push(reference.loc);
                    d.dockerignore = self.dockerignore(&shown);
                    self.seen
                        .insert(shown, (kind, self.files.dockerfiles.len()));
                    self.files.dockerfiles.push(d);
                }
                Kind::Manifest => {
                    let mut m = manifest::parse(id, file, self.limits, problem);
                    m.references.push(reference.loc);
                    self.seen.insert(shown, (kind, self.files.manifests.len()));
                    self.files.manifests.push(m);
                }
            }
        }
    }
}

/// Read and parse the referenced files into `sources`: each service's
/// `dockerfile` (as [`Kind::Dockerfile`]) and `manifests` entries (as
/// [`Kind::Manifest`]), in the model's order, each relative to the directory
/// of the spec file that names it.
pub(crate) fn load(
    references: &[(Spanned<String>, Kind)],
    sources: &mut Sources,
    limits: &Limits,
    provider: &Provider<'_>,
) -> ContainerFiles {
    let refs: Vec<(PathBuf, &Spanned<String>, Kind)> = references
        .iter()
        .map(|(r, kind)| {
            let name = sources.get(r.loc.file).map_or("", |f| f.name.as_str());
            let base = Path::new(name)
                .parent()
                .map_or_else(PathBuf::new, Path::to_path_buf);
            (base, r, *kind)
        })
        .collect();
    let mut state = State {
        sources,
        limits,
        provider,
        files: ContainerFiles::default(),
        seen: HashMap::new(),
    };
    for (base, reference, kind) in refs {
        state.reference(&base, reference, kind);
    }
    state.files
}

#[cfg(test)]
mod tests {
    use super::{decode, normalize};
    use std::path::Path;

    #[test]
    fn binary_and_invalid_text_are_located() {
        let (_, p) = decode(b"FROM a\n\x01\x00".to_vec(), "Dockerfile");
        assert_eq!(p.map(|(r, _)| r.start), Some(8));
        let (_, p) = decode(b"FROM \xff".to_vec(), "Dockerfile");
        assert_eq!(p.map(|(r, _)| r.start), Some(5));
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(
            normalize(Path::new("examples/./docker/../k8s/a.yaml")),
            "examples/k8s/a.yaml"
        );
        assert_eq!(normalize(Path::new("../x/Dockerfile")), "../x/Dockerfile");
        assert_eq!(normalize(Path::new("/a/../b")), "/b");
    }
}
