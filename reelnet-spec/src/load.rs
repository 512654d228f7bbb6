//! Loading a spec from a file, a directory or a string.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use crate::container;
use crate::convert::{self, Cx, Sections};
use crate::diagnostic::{Diagnostic, Label, Severity, SpecCode};
use crate::limits::Limits;
use crate::model::{Model, Spanned};
use crate::schema;
use crate::source::{FileId, Loc, SourceFile, Sources, TextRange};
use crate::yaml;

/// A spec that loaded without errors: its model, its sources, and any
/// warnings the loader had (SPEC003).
#[derive(Clone, Debug)]
pub struct Spec {
    /// The typed model of every section.
    pub model: Model,
    /// The files it was read from, with their source maps.
    pub sources: Sources,
    /// What the loader warned about (SPEC003).
    pub warnings: Vec<Diagnostic>,
}

impl Deref for Spec {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

/// The spec could not be loaded: every problem, with its sources.
#[derive(Clone, Debug)]
pub struct SpecError {
    /// Every problem found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, to place the diagnostics.
    pub sources: Sources,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        write!(f, "the spec has {errors} error(s)")?;
        for d in &self.diagnostics {
            let file = self.sources.get(d.primary.file);
            let (name, pos) = file.map_or(("?", None), |f| {
                (f.name.as_str(), Some(f.line_col(d.primary.range.start)))
            });
            match pos {
                Some(p) => write!(
                    f,
                    "\n{name}:{}:{}: {} {}",
                    p.line, p.column, d.code, d.message
                )?,
                None => write!(f, "\n{name}: {} {}", d.code, d.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}

impl miette::Diagnostic for SpecError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("reelnet::invalid_spec"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "each line above is one problem at FILE:LINE:COLUMN; `reelnet-lint check` shows them with the source",
        ))
    }
}

/// Why a load failed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LoadError {
    /// A path that cannot be read at all.
    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(code(reelnet::io), help("check that the path exists and is readable"))]
    Io {
        /// The path given (or the file of a directory) that failed.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// The spec was read but has errors.
    #[error("{0}")]
    #[diagnostic(code(reelnet::invalid_spec))]
    Invalid(SpecError),
}

/// The outcome of reading a spec: its sources, every diagnostic, and the
/// model when there was no error.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The files read, with their source maps.
    pub sources: Sources,
    /// Every problem and warning, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The model, when no diagnostic is an error.
    pub model: Option<Model>,
}

impl Loaded {
    /// The spec, or every problem found.
    ///
    /// # Errors
    /// [`SpecError`] when any diagnostic is an error.
    pub fn into_spec(self) -> Result<Spec, SpecError> {
        match self.model {
            Some(model) => Ok(Spec {
                model,
                sources: self.sources,
                warnings: self.diagnostics,
            }),
            None => Err(SpecError {
                diagnostics: self.diagnostics,
                sources: self.sources,
            }),
        }
    }
}

/// Loads specs under a set of [`Limits`].
#[derive(Clone, Debug, Default)]
pub struct Loader {
    /// The budgets every load runs under.
    pub limits: Limits,
}

fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map_or(s.clone(), str::to_owned)
}

impl Loader {
    /// A loader with these limits.
    #[must_use]
    pub fn new(limits: Limits) -> Self {
        Self { limits }
    }

    /// Read a spec: a YAML file, or a directory whose `*.yaml`/`*.yml` files
    /// are merged into one spec.
    ///
    /// # Errors
    /// [`LoadError::Io`] when the path (or a file of the directory) cannot be read.
    pub fn read_path(&self, path: &Path) -> Result<Loaded, LoadError> {
        let io = |source| LoadError::Io {
            path: path.to_owned(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        let mut files = Vec::new();
        if meta.is_dir() {
            let root = std::fs::canonicalize(path).map_err(io)?;
            let mut paths = Vec::new();
            let mut refused = Vec::new();
            for entry in std::fs::read_dir(path).map_err(io)? {
                let entry = entry.map_err(io)?;
                let p = entry.path();
                let is_yaml = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
                if !is_yaml {
                    continue;
                }
                // Follow symlinks; a loop or a dangling link is an unreadable file.
                let m = std::fs::metadata(&p).map_err(|source| LoadError::Io {
                    path: p.clone(),
                    source,
                })?;
                if !m.is_file() {
                    continue;
                }
                let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
                if is_link && !self.limits.follow_external_links {
                    let target = std::fs::canonicalize(&p).map_err(|source| LoadError::Io {
                        path: p.clone(),
                        source,
                    })?;
                    if !target.starts_with(&root) {
                        refused.push(p);
                        continue;
                    }
                }
                paths.push(p);
            }
            paths.extend(refused.iter().cloned());
            paths.sort();
            if paths.len() > self.limits.max_files {
                return Err(LoadError::Io {
                    path: path.to_owned(),
                    source: std::io::Error::other(format!(
                        "the directory holds {} YAML files, over the limit of {}",
                        paths.len(),
                        self.limits.max_files
                    )),
                });
            }
            if paths.is_empty() {
                return Err(LoadError::Io {
                    path: path.to_owned(),
                    source: std::io::Error::other("the directory holds no .yaml or .yml file"),
                });
            }
            for p in paths {
                let bytes = if refused.contains(&p) {
                    FileBytes::Refused(
                        "a symbolic link that leads outside the spec's directory: not read (pass --follow-links, or set `Limits::follow_external_links`, to read it)"
                            .to_owned(),
                    )
                } else {
                    self.read_file(&p)?
                };
                files.push((display_name(&p), bytes));
            }
        } else {
            files.push((display_name(path), self.read_file(path)?));
        }
        Ok(self.load_files(files))
    }

    fn read_file(&self, path: &Path) -> Result<FileBytes, LoadError> {
        let limit = self.limits.max_file_bytes as u64;
        match read_regular_file(path, limit) {
            Ok(bytes) => Ok(FileBytes::Bytes(bytes)),
            Err(ReadError::TooLarge { bytes, .. }) => Ok(FileBytes::TooLarge(bytes)),
            Err(ReadError::Io(source)) => Err(LoadError::Io {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Read a spec from text.
    #[must_use]
    pub fn read_str(&self, name: &str, text: &str) -> Loaded {
        self.load_files(vec![(
            name.to_owned(),
            FileBytes::Bytes(text.as_bytes().to_vec()),
        )])
    }

    /// Read a spec made of several named texts (as a directory spec is).
    #[must_use]
    pub fn read_texts(&self, files: Vec<(String, String)>) -> Loaded {
        self.load_files(
            files
                .into_iter()
                .map(|(name, text)| (name, FileBytes::Bytes(text.into_bytes())))
                .collect(),
        )
    }

    /// Read a spec made of named texts whose services' Dockerfiles and
    /// manifests are among `attached` (named texts too), never on disk.
    #[must_use]
    pub fn read_texts_with(
        &self,
        files: Vec<(String, String)>,
        attached: &[(String, String)],
    ) -> Loaded {
        self.load_files_with(
            files
                .into_iter()
                .map(|(name, text)| (name, FileBytes::Bytes(text.into_bytes())))
                .collect(),
            &crate::container::Provider::Texts(attached),
        )
    }

    /// Read a spec from bytes (checked for UTF-8).
    #[must_use]
    pub fn read_bytes(&self, name: &str, bytes: Vec<u8>) -> Loaded {
        self.load_files(vec![(name.to_owned(), FileBytes::Bytes(bytes))])
    }

    /// Load a spec from a path.
    ///
    /// # Errors
    /// [`LoadError`] when it cannot be read or has errors.
    pub fn load_path(&self, path: impl AsRef<Path>) -> Result<Spec, LoadError> {
        self.read_path(path.as_ref())?
            .into_spec()
            .map_err(LoadError::Invalid)
    }

    /// Load a spec from text.
    ///
    /// # Errors
    /// [`SpecError`] when it has errors.
    pub fn load_str(&self, name: &str, text: &str) -> Result<Spec, SpecError> {
        self.read_str(name, text).into_spec()
    }

    fn load_files(&self, files: Vec<(String, FileBytes)>) -> Loaded {
        self.load_files_with(files, &crate::container::Provider::Disk)
    }

    fn load_files_with(
        &self,
        files: Vec<(String, FileBytes)>,
        provider: &crate::container::Provider<'_>,
    ) -> Loaded {
        let mut sources = Sources::default();
        let mut diags = Vec::new();
        let mut roots = Vec::new();
        let mut reported = HashSet::new();
        for (name, bytes) in files {
            let (file, problem) = decode(name, bytes, self.limits.max_file_bytes);
            let id = sources.add(file);
            if let Some((range, message)) = problem {
                let too_large = message.contains("over the limit");
                let mut d = SpecCode::YamlSyntax.diagnostic(
                    Label {
                        file: id,
                        range,
                        path: String::new(),
                        message: if too_large || message.contains("not read") {
                            "not read"
                        } else {
                            "here"
                        }
                        .into(),
                    },
                    message,
                );
                if too_large {
                    d.help = Some(
                        "split the spec into files of a directory, or raise `Limits::max_file_bytes` when embedding the loader"
                            .into(),
                    );
                }
                diags.push(d);
                continue;
            }
            let Some(file) = sources.file_mut(id) else {
                continue;
            };
            if let Some(root) = yaml::parse(id, file, &self.limits, &mut diags, &mut reported) {
                roots.push((id, root));
            }
        }
        for (id, root) in &roots {
            schema::validate(*id, root, &sources, &mut diags, &mut reported);
        }
        let mut model = Model::empty();
        // Section key -> where some file first gives it a value (a null
        // section is absent): one hash lookup per top-level key (a file of
        // 50,000 distinct keys stays linear). The diagnostics follow the
        // files' order, not this map's.
        let mut defined: HashMap<&str, Loc> = HashMap::new();
        for (id, root) in &roots {
            let mut cx = Cx {
                file: *id,
                sources: &sources,
                diags: &mut diags,
                reported: &reported,
            };
            let Some(entries) = root.as_map() else {
                if !reported.contains(&(*id, root.id)) {
                    cx.diags.push(SpecCode::InvalidValue.diagnostic(
                        Label::at(
                            &sources,
                            Loc {
                                file: *id,
                                node: root.id,
                            },
                            "not a mapping",
                        ),
                        format!(
                            "a spec is a mapping of sections, but this file holds {}",
                            root.kind()
                        ),
                    ));
                }
                continue;
            };
            for (key, node) in entries {
                // An explicit null is absence: it neither defines the
                // section (no SPEC005 against another file's value) nor
                // hides another file's value.
                if convert::is_null(node) {
                    continue;
                }
                let loc = Loc {
                    file: *id,
                    node: node.id,
                };
                if let Some(first) = defined.get(key.as_str()) {
                    let mut d = SpecCode::DuplicateSection.diagnostic(
                        Label::at_key(&sources, loc, "defined again here"),
                        format!(
                            "section `{key}` is defined in two files: {} and {}",
                            sources.file(first.file).name,
                            sources.file(*id).name
                        ),
                    );
                    d.related
                        .push(Label::at_key(&sources, *first, "first defined here"));
                    d.help = Some(format!("keep `{key}` in one file of the spec"));
                    cx.diags.push(d);
                    continue;
                }
                defined.insert(key.as_str(), loc);
                convert::section(&mut model, key, node, root, &mut cx);
            }
        }
        convert::place_subnets(&mut model);
        // The required sections, over all files: checked at the first
        // file's mapping, unless a file is not a mapping of sections (its
        // sections are unknown, so none is reported missing).
        if !diags
            .iter()
            .any(|d| d.code == "SPEC004" && d.primary.path.is_empty())
            && let Some((id, root)) = roots.first()
        {
            let mut cx = Cx {
                file: *id,
                sources: &sources,
                diags: &mut diags,
                reported: &reported,
            };
            if root.as_map().is_some()
                && let Some(o) = convert::obj(root, &mut cx)
            {
                <Model as Sections>::missing(&o, &|key| defined.contains_key(key), &mut cx);
            }
        }
        let failed = roots.is_empty() || diags.iter().any(|d| d.severity == Severity::Error);
        if !failed {
            let references: Vec<(Spanned<String>, container::Kind)> = model
                .services()
                .iter()
                .flat_map(|s| {
                    let docker = s
                        .dockerfile
                        .iter()
                        .map(|d| (d.clone(), container::Kind::Dockerfile));
                    let manifests = s
                        .manifests
                        .iter()
                        .map(|m| (m.clone(), container::Kind::Manifest));
                    docker.chain(manifests)
                })
                .collect();
            if !references.is_empty() {
                model.containers =
                    container::load(&references, &mut sources, &self.limits, provider);
            }
        }
        Loaded {
            sources,
            diagnostics: diags,
            model: (!failed).then_some(model),
        }
    }
}

/// Why [`read_regular_file`] read nothing.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReadError {
    /// The path cannot be read, or is not a regular file.
    #[error("{0}")]
    #[diagnostic(
        code(reelnet::io),
        help("check that the path exists and is a regular file")
    )]
    Io(#[from] std::io::Error),
    /// The file is larger than the limit.
    #[error("the file has {bytes} bytes, over the limit of {limit}")]
    #[diagnostic(
        code(reelnet::too_large),
        help("split the spec into a directory of files, or raise `Limits::max_file_bytes`")
    )]
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// [`Limits::max_file_bytes`].
        limit: u64,
    },
}

impl From<ReadError> for std::io::Error {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => e,
            e @ ReadError::TooLarge { .. } => Self::new(std::io::ErrorKind::FileTooLarge, e),
        }
    }
}

/// The file policy every reader of reelnet shares (specs, the lint
/// configuration, baselines): only a regular file (links followed) is
/// read, since a FIFO would block and a device (`/dev/zero`) never ends;
/// at most `max_bytes` bytes are read, even if the file grows meanwhile.
///
/// # Errors
/// [`ReadError::Io`] when the path cannot be read or is not a regular
/// file; [`ReadError::TooLarge`] past `max_bytes`.
pub fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        return Err(ReadError::Io(std::io::Error::other(format!(
            "{what}: expected a regular file"
        ))));
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            limit: max_bytes,
        });
    }
    // Read at most one byte past the limit: the file may grow meanwhile.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let file = std::fs::File::open(path)?;
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_bytes.saturating_add(1)),
        &mut bytes,
    )?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

enum FileBytes {
    Bytes(Vec<u8>),
    TooLarge(u64),
    /// Not read, for this reason.
    Refused(String),
}

/// Decode a file's bytes as UTF-8 text; a problem comes back with its range.
fn decode(
    name: String,
    bytes: FileBytes,
    limit: usize,
) -> (SourceFile, Option<(TextRange, String)>) {
    let bytes = match bytes {
        FileBytes::TooLarge(len) => {
            return (
                SourceFile::new(name, String::new()),
                Some((
                    TextRange::empty(0),
                    format!("the file is {len} bytes, over the limit of {limit} bytes"),
                )),
            );
        }
        FileBytes::Refused(why) => {
            return (
                SourceFile::new(name, String::new()),
                Some((TextRange::empty(0), why)),
            );
        }
        FileBytes::Bytes(b) => b,
    };
    if bytes.len() > limit {
        return (
            SourceFile::new(name, String::new()),
            Some((
                TextRange::empty(0),
                format!(
                    "the text is {} bytes, over the limit of {limit} bytes",
                    bytes.len()
                ),
            )),
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let problem = text.find('\0').map(|at| {
                let at = u32::try_from(at).unwrap_or(0);
                (
                    TextRange::new(at, at + 1),
                    "the file contains a NUL byte: it is binary, not YAML".to_owned(),
                )
            });
            (SourceFile::new(name, text), problem)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at32 = u32::try_from(at).unwrap_or(0);
            // Lossy decoding keeps the valid prefix byte-for-byte, so the
            // offset still points at the replacement character.
            let end = at32 + u32::try_from('\u{fffd}'.len_utf8()).unwrap_or(3);
            (
                SourceFile::new(name, text),
                Some((
                    TextRange::new(at32, end),
                    format!("invalid UTF-8 at byte {at}: a spec must be UTF-8 text"),
                )),
            )
        }
    }
}

/// Load a spec from a path with the default limits.
///
/// # Errors
/// [`LoadError`] when it cannot be read or has errors.
pub fn load_path(path: impl AsRef<Path>) -> Result<Spec, LoadError> {
    Loader::default().load_path(path)
}

/// Load a spec from text with the default limits.
///
/// # Errors
/// [`SpecError`] when it has errors.
pub fn load_str(name: &str, text: &str) -> Result<Spec, SpecError> {
    Loader::default().load_str(name, text)
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Spec>();
    check::<FileId>();
}
