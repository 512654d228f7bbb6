//! The budgets of one load ([`Limits`]), read by every stage of the
//! loader: the file reader, the YAML parser and the container layer.

/// Bounds on what one load may consume. Exceeding one is a diagnostic
/// (SPEC000, at the place where the limit was reached), never a hang, a
/// crash or unbounded memory; too many files in a directory is an I/O error.
///
/// ```
/// use reelnet_spec::{Limits, Loader};
///
/// let loader = Loader::new(Limits { max_depth: 8, ..Limits::default() });
/// let loaded = loader.read_str("deep.yaml", "name: [[[[[[[[[[x]]]]]]]]]]\n");
/// assert_eq!(loaded.diagnostics[0].code, "SPEC000");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes (default 64 MiB).
    pub max_file_bytes: usize,
    /// Deepest nesting of mappings and lists (default 128). Values above
    /// 1,000 count as 1,000: the stages after parsing walk the tree
    /// recursively, and deeper trees would exhaust the stack.
    pub max_depth: usize,
    /// Most YAML values (scalars, mappings, lists) in one file, those that
    /// aliases copy included (default 2,000,000).
    pub max_nodes: usize,
    /// Most values that aliases and merge keys (`<<`) copy in one file
    /// (default 100,000): a "billion laughs" document trips this. The
    /// keys and strings they copy may add up to at most
    /// [`Self::max_file_bytes`] bytes of text.
    pub max_alias_expansions: usize,
    /// Most YAML files in one directory spec (default 10,000); also the
    /// most files a spec's services reference, and the most files matched
    /// by, or directories walked for, one `manifests` glob.
    pub max_files: usize,
    /// Whether a directory spec follows a symbolic link that resolves
    /// outside the directory (default false: such a link is not read, and a
    /// SPEC000 error at the link says why, so that a link to `~/.env` or
    /// `/etc/shadow` never has its text echoed in a report or a CI log).
    /// The same holds for a service's `dockerfile`/`manifests` reference
    /// resolving outside the spec file's directory tree (SPEC006 at the
    /// reference). The CLI's `--follow-links` sets it.
    pub follow_external_links: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
            max_depth: 128,
            max_nodes: 2_000_000,
            max_alias_expansions: 100_000,
            max_files: 10_000,
            follow_external_links: false,
        }
    }
}
