//! Source files, byte ranges, line indexes and the per-file source map.
//!
//! Positions are kept as byte ranges into the source text and turned into
//! line/column only when rendering. One [`SourceMap`] per file maps every node
//! of the YAML document (by JSON Pointer) to its key and value ranges; every
//! consumer (rules, schema errors, reports, bindings) resolves through it.

use std::fmt;
use std::sync::OnceLock;

/// A half-open byte range `[start, end)` into one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset just past the last byte.
    pub end: u32,
}

impl TextRange {
    /// The range `[start, end)`.
    #[must_use]
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// The empty range at `at` (a point, such as the end of a file).
    #[must_use]
    pub const fn empty(at: u32) -> Self {
        Self { start: at, end: at }
    }

    /// Its length in bytes (0 when `end <= start`).
    #[must_use]
    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers no byte.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The smallest range covering both.
    #[must_use]
    pub fn cover(self, other: Self) -> Self {
        Self::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<TextRange> for miette::SourceSpan {
    fn from(r: TextRange) -> Self {
        (r.start as usize, r.len() as usize).into()
    }
}

/// Index of a file in a [`Sources`] set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A value's place in the spec: a node of one file's source map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// The file, in the spec's [`Sources`].
    pub file: FileId,
    /// The node, an index into that file's [`SourceMap`].
    pub node: u32,
}

/// A 1-based line and column (column counted in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters (not bytes).
    pub column: u32,
}

/// How many bytes of text one character-count checkpoint of a
/// [`LineIndex`] covers.
const CHAR_BLOCK: usize = 4096;

/// Byte offsets of line starts, for turning offsets into line/column, and
/// character counts at fixed steps, so that a column is found without
/// counting the characters of a long line from its start.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// For text that is not all ASCII: how many characters lie before each
    /// [`CHAR_BLOCK`]-byte block (entry `k` counts `text[..k * CHAR_BLOCK]`).
    /// Empty for ASCII text, where a column is a byte difference.
    block_chars: Vec<u32>,
}

/// The number of characters that start in `bytes` (UTF-8: the bytes that
/// are not continuation bytes `0b10xx_xxxx`).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    /// The line starts of `text` (one pass), and its character
    /// checkpoints: a line ends at a line break of YAML 1.2.2 §5.4,
    /// `b-break ::= CR LF | CR | LF` (a CR LF is one break; a lone CR is
    /// one, as editors show it).
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        let block_chars = if text.is_ascii() {
            Vec::new()
        } else {
            let mut before = 0usize;
            text.as_bytes()
                .chunks(CHAR_BLOCK)
                .map(|block| {
                    let at = before;
                    before += char_starts(block);
                    u32::try_from(at).unwrap_or(u32::MAX)
                })
                .collect()
        };
        Self {
            starts,
            block_chars,
        }
    }

    /// The number of characters of `text[..offset]` (`offset` a char
    /// boundary within `text`): O(1) for ASCII text, else one checkpoint
    /// and at most [`CHAR_BLOCK`] bytes counted.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.block_chars.is_empty() {
            return offset;
        }
        let block = offset / CHAR_BLOCK;
        let bytes = text.as_bytes();
        match self.block_chars.get(block) {
            Some(&before) => {
                before as usize + bytes.get(block * CHAR_BLOCK..offset).map_or(0, char_starts)
            }
            // At the very end of a text whose length is a multiple of the block.
            None => bytes.get(..offset).map_or(0, char_starts),
        }
    }

    /// Line and column of a byte offset (clamped to the text); a leading byte
    /// order mark is not counted. O(log lines), however long the line.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = (offset as usize).min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s as usize <= offset)
            .max(1)
            - 1;
        let mut start = self.starts.get(line).map_or(0, |&s| s as usize).min(offset);
        // A byte order mark is no column: editors do not show it.
        if start == 0 && text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8().min(offset);
        }
        let mut col_end = offset;
        while col_end > start && !text.is_char_boundary(col_end) {
            col_end -= 1;
        }
        let column = if col_end - start <= CHAR_BLOCK {
            text.get(start..col_end).map_or(0, |s| s.chars().count())
        } else {
            self.chars_before(text, col_end)
                .saturating_sub(self.chars_before(text, start))
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte range of the line holding `offset`, without its line break.
    #[must_use]
    pub fn line_range(&self, text: &str, offset: u32) -> TextRange {
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len() as u32, |&s| s.saturating_sub(1));
        if end > start && text.as_bytes().get(end as usize - 1) == Some(&b'\r') {
            end -= 1;
        }
        TextRange::new(start, end)
    }

    /// The number of lines (a final line without `\n` counts; an empty
    /// text has one line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// One node of a file's source map.
///
/// Its JSON Pointer is not stored whole: the entry names the node whose
/// pointer its own extends (its parent container, or none for a root) and
/// the text after it, so the map grows with the number of nodes, never with
/// their depth times the length of their keys ([`SourceMap::pointer`]
/// rebuilds it).
#[derive(Clone, Copy, Debug)]
pub struct MapEntry {
    /// The mapping key that introduces this node, when it is a mapping value.
    pub key: Option<TextRange>,
    /// The node's own text (for a container, from its first to its last child).
    pub value: TextRange,
    /// Whether the node is a mapping or a sequence.
    pub container: bool,
    /// The node whose pointer this one's extends; [`NO_PARENT`] for none.
    parent: u32,
    /// The rest of the pointer after the parent's: a byte range of
    /// [`SourceMap::segments`] (shared by the copies an alias makes).
    segment: TextRange,
}

/// [`MapEntry::parent`] of a node whose pointer is its segment alone.
const NO_PARENT: u32 = u32::MAX;

/// A node to add to a [`SourceMap`]: its pointer is its parent's (none for
/// a root) followed by `segment`.
pub(crate) struct NewEntry<'a> {
    pub parent: Option<u32>,
    pub segment: &'a str,
    pub key: Option<TextRange>,
    pub value: TextRange,
    pub container: bool,
}

/// JSON Pointer → byte span for every node of one YAML document.
#[derive(Debug, Default)]
pub struct SourceMap {
    entries: Vec<MapEntry>,
    /// The pointer segments of the entries, one after another.
    segments: String,
    /// `(hash of the pointer, node)`, sorted: built on the first lookup
    /// without building a pointer (a spec can have millions of nodes).
    by_pointer: OnceLock<Vec<(u64, u32)>>,
    /// The tag of each tagged scalar (`!!int`, as written), by node, in
    /// node order: tags are rare, so untagged nodes cost nothing.
    tags: Vec<(u32, Box<str>)>,
    /// The mappings with a key that is not read (not a string), sorted:
    /// their number of keys is not what the YAML shows.
    unread_keys: Vec<u32>,
}

/// The FNV-1a offset basis: the hash of the empty pointer.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: a fast, deterministic hash for the pointer index, continued
/// from `hash` over `text` (so a node's hash extends its parent's).
fn pointer_hash(hash: u64, text: &str) -> u64 {
    text.bytes().fold(hash, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Clone for SourceMap {
    fn clone(&self) -> Self {
        Self {
            entries: self.entries.clone(),
            segments: self.segments.clone(),
            by_pointer: OnceLock::new(),
            tags: self.tags.clone(),
            unread_keys: self.unread_keys.clone(),
        }
    }
}

impl SourceMap {
    /// Add a node; its number, or `None` when the pointer segments of the
    /// map would pass 4 GiB (a budget the YAML layer reports).
    pub(crate) fn push(&mut self, entry: NewEntry<'_>) -> Option<u32> {
        self.push_sharing(entry, None)
    }

    /// [`Self::push`], sharing the segment text of node `like` when it is
    /// the same (the copies an alias makes repeat the original's keys).
    pub(crate) fn push_sharing(&mut self, entry: NewEntry<'_>, like: Option<u32>) -> Option<u32> {
        let shared = like
            .and_then(|n| self.entries.get(n as usize))
            .map(|e| e.segment)
            .filter(|&r| self.segment_text(r) == entry.segment);
        let segment = match shared {
            Some(r) => r,
            None => {
                let start = u32::try_from(self.segments.len()).ok()?;
                let end = u32::try_from(self.segments.len() + entry.segment.len()).ok()?;
                self.segments.push_str(entry.segment);
                TextRange::new(start, end)
            }
        };
        let node = u32::try_from(self.entries.len())
            .ok()
            .filter(|&n| n != NO_PARENT)?;
        // Nodes added after the pointer index was built are looked up one
        // by one ([`Self::lookup`]); past a quarter of the index, it is
        // built again on the next lookup (amortised n log n).
        let stale = self
            .by_pointer
            .get()
            .is_some_and(|index| self.entries.len() - index.len() > (index.len() / 4).max(64));
        if stale {
            self.by_pointer = OnceLock::new();
        }
        self.entries.push(MapEntry {
            key: entry.key,
            value: entry.value,
            container: entry.container,
            parent: entry.parent.filter(|&p| p < node).unwrap_or(NO_PARENT),
            segment,
        });
        Some(node)
    }

    /// The bytes of pointer text the map keeps (for the tests of its size).
    #[cfg(test)]
    pub(crate) fn segment_bytes(&self) -> usize {
        self.segments.len()
    }

    fn segment_text(&self, range: TextRange) -> &str {
        self.segments
            .get(range.start as usize..range.end as usize)
            .unwrap_or("")
    }

    /// Record the tag of the node pushed last.
    pub(crate) fn set_tag(&mut self, node: u32, tag: &str) {
        if self.tags.last().is_none_or(|(n, _)| *n < node) {
            self.tags.push((node, tag.into()));
        }
    }

    /// The tag a scalar node carries, as written (`!!int`).
    pub(crate) fn tag(&self, node: u32) -> Option<&str> {
        self.tags
            .binary_search_by_key(&node, |(n, _)| *n)
            .ok()
            .and_then(|i| self.tags.get(i))
            .map(|(_, t)| &**t)
    }

    /// Record that the mapping `node` has a key that is not read
    /// ([`Self::sort_unread_keys`] once the document is read).
    pub(crate) fn set_unread_key(&mut self, node: u32) {
        if self.unread_keys.last() != Some(&node) {
            self.unread_keys.push(node);
        }
    }

    /// Sort the mappings with an unread key, for [`Self::has_unread_key`].
    pub(crate) fn sort_unread_keys(&mut self) {
        self.unread_keys.sort_unstable();
        self.unread_keys.dedup();
    }

    /// Whether the mapping `node` has a key that is not read.
    pub(crate) fn has_unread_key(&self, node: u32) -> bool {
        self.unread_keys.binary_search(&node).is_ok()
    }

    pub(crate) fn entry_mut(&mut self, node: u32) -> Option<&mut MapEntry> {
        self.entries.get_mut(node as usize)
    }

    /// The entry of a node, if the map has it.
    #[must_use]
    pub fn entry(&self, node: u32) -> Option<&MapEntry> {
        self.entries.get(node as usize)
    }

    /// The node whose JSON Pointer a node's extends (its container), if any.
    #[must_use]
    pub fn parent(&self, node: u32) -> Option<u32> {
        self.entry(node)
            .map(|e| e.parent)
            .filter(|&p| p != NO_PARENT)
    }

    /// The end of a node's JSON Pointer after its [`Self::parent`]'s
    /// (`/subnets`, `/0`; the whole pointer for a node without one); empty
    /// for a node the map does not have.
    #[must_use]
    pub fn segment(&self, node: u32) -> &str {
        self.entry(node)
            .map_or("", |e| self.segment_text(e.segment))
    }

    /// The JSON Pointer of a node in its document as written (RFC 6901:
    /// `/vpc/subnets/0/cidr`); empty for the root and for a node the map
    /// does not have. Takes time in the pointer's length.
    #[must_use]
    pub fn pointer(&self, node: u32) -> String {
        let mut parts = Vec::new();
        let mut at = Some(node);
        while let Some(n) = at {
            let Some(e) = self.entry(n) else { break };
            parts.push(self.segment_text(e.segment));
            at = self.parent(n);
        }
        let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        for part in parts.iter().rev() {
            out.push_str(part);
        }
        out
    }

    /// Whether a node's JSON Pointer is `pointer`, without building it.
    #[must_use]
    pub fn pointer_is(&self, node: u32, pointer: &str) -> bool {
        let mut rest = pointer;
        let mut at = node;
        loop {
            let Some(e) = self.entry(at) else {
                return false;
            };
            let Some(before) = rest.strip_suffix(self.segment_text(e.segment)) else {
                return false;
            };
            rest = before;
            match self.parent(at) {
                Some(p) => at = p,
                None => return rest.is_empty(),
            }
        }
    }

    /// The number of nodes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map has no node (the file did not parse).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every node, in document order (parents before their children).
    pub fn entries(&self) -> impl Iterator<Item = &MapEntry> {
        self.entries.iter()
    }

    /// The node at a JSON Pointer, if the document has it (the first one,
    /// should two nodes share a pointer).
    #[must_use]
    pub fn lookup(&self, pointer: &str) -> Option<u32> {
        // The root needs no index.
        if !self.entries.is_empty() && self.pointer_is(0, pointer) {
            return Some(0);
        }
        let index = self.by_pointer.get_or_init(|| {
            // Parents come before their children: each hash extends its
            // parent's, computed already.
            let mut hashes: Vec<u64> = Vec::with_capacity(self.entries.len());
            for e in &self.entries {
                let from = hashes.get(e.parent as usize).copied().unwrap_or(FNV_OFFSET);
                hashes.push(pointer_hash(from, self.segment_text(e.segment)));
            }
            let mut index: Vec<(u64, u32)> = hashes
                .into_iter()
                .enumerate()
                .map(|(i, h)| (h, u32::try_from(i).unwrap_or(u32::MAX)))
                .collect();
            index.sort_unstable();
            index
        });
        let hash = pointer_hash(FNV_OFFSET, pointer);
        let from = index.partition_point(|&(h, _)| h < hash);
        let indexed = index.len();
        index[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, node)| node)
            .find(|&node| self.pointer_is(node, pointer))
            .or_else(|| {
                // The nodes added since the index was built.
                (indexed..self.entries.len())
                    .filter_map(|i| u32::try_from(i).ok())
                    .find(|&node| self.pointer_is(node, pointer))
            })
    }

    /// The deepest existing node at or above `pointer`.
    #[must_use]
    pub fn lookup_nearest(&self, pointer: &str) -> Option<u32> {
        let mut p = pointer;
        loop {
            if let Some(n) = self.lookup(p) {
                return Some(n);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return self.lookup(""),
            }
        }
    }
}

/// The syntax of a file: how its comments are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    /// A spec file or a Kubernetes manifest.
    #[default]
    Yaml,
    /// A Dockerfile: a comment is a line whose first non-blank character is
    /// `#`, outside here-document bodies.
    Dockerfile,
}

/// One comment of a file, as its parser read it: from its `#` to the end
/// of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The byte range of the comment, `#` included, line break excluded.
    pub range: TextRange,
    /// 0-based line of the comment.
    pub line: u32,
    /// Whether the comment is alone on its line (only blanks before it).
    pub standalone: bool,
}

/// One file of a spec: its name as shown to users, its text, its source
/// map and its comments.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given (relative paths stay relative), with `/` separators.
    pub name: String,
    /// The file's text, decoded as UTF-8 (empty when it could not be read).
    pub text: String,
    /// JSON Pointer → span of every node of the file's YAML document(s).
    pub map: SourceMap,
    /// Line starts of [`Self::text`], for line/column rendering.
    pub lines: LineIndex,
    /// How the file's comments are written.
    pub syntax: Syntax,
    /// The comments, sorted by position: for YAML, the comment events of
    /// the YAML parser (`granit-parser`); for a Dockerfile, its comment
    /// lines, read as BuildKit's parser reads them (comment lines,
    /// continuation lines and parser directives are comments, here-document
    /// bodies are not).
    comments: Vec<Comment>,
    /// A Dockerfile's comments inside a continued instruction: (the
    /// comment's start, the instruction keyword's offset), by comment.
    comments_inside: Vec<(u32, u32)>,
}

impl SourceFile {
    /// A YAML file with its text and line index; its source map and
    /// comments are filled when it is parsed.
    #[must_use]
    pub fn new(name: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            name,
            text,
            map: SourceMap::default(),
            lines,
            syntax: Syntax::Yaml,
            comments: Vec::new(),
            comments_inside: Vec::new(),
        }
    }

    /// A Dockerfile: its comments are read when it is created.
    #[must_use]
    pub fn dockerfile(name: String, text: String) -> Self {
        let mut file = Self::new(name, text);
        file.syntax = Syntax::Dockerfile;
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let found = crate::dockerfile_lines::dockerfile_comments(&file.text);
        file.comments_inside = found
            .iter()
            .filter_map(|(r, inside)| inside.map(|i| (at(r.start), at(i))))
            .collect();
        file.set_comments(
            found
                .into_iter()
                .map(|(r, _)| TextRange::new(at(r.start), at(r.end)))
                .collect(),
        );
        file
    }

    /// For a Dockerfile's comment inside an instruction continued over
    /// several lines (BuildKit drops the comment line and the instruction
    /// goes on), the byte offset of that instruction's keyword; None for
    /// any other comment. O(log c).
    #[must_use]
    pub fn instruction_around(&self, comment: &Comment) -> Option<u32> {
        let at = comment.range.start;
        self.comments_inside
            .binary_search_by_key(&at, |(c, _)| *c)
            .ok()
            .and_then(|i| self.comments_inside.get(i))
            .map(|(_, keyword)| *keyword)
    }

    /// The file's comments, sorted by position and disjoint. Empty until
    /// the file is parsed (a YAML file whose text could not be decoded has
    /// none; one whose YAML breaks has those before the break).
    #[must_use]
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Record the comment ranges a parser found (in any order; duplicates
    /// and overlaps are dropped): their lines and whether each stands
    /// alone. O(c log n) for c comments in a text of n bytes.
    pub(crate) fn set_comments(&mut self, mut ranges: Vec<TextRange>) {
        ranges.sort_unstable();
        ranges.dedup();
        let mut out: Vec<Comment> = Vec::with_capacity(ranges.len());
        for range in ranges {
            if out.last().is_some_and(|c| range.start < c.range.end) {
                continue;
            }
            let line = self.lines.line_range(&self.text, range.start);
            let before = self.slice(TextRange::new(line.start, range.start));
            out.push(Comment {
                range,
                line: self.line_col(range.start).line - 1,
                standalone: before.trim().is_empty(),
            });
        }
        self.comments = out;
    }

    /// The 1-based line and column (in characters) of a byte offset,
    /// clamped to the text. O(log lines + line length).
    #[must_use]
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// The source text of a range ("" when out of bounds).
    #[must_use]
    pub fn slice(&self, range: TextRange) -> &str {
        self.text
            .get(range.start as usize..range.end as usize)
            .unwrap_or("")
    }

    /// The range to underline for a node: its value for a scalar; for a
    /// container its key when it has one, else its first line.
    #[must_use]
    pub fn highlight(&self, node: u32) -> TextRange {
        let Some(entry) = self.map.entry(node) else {
            return TextRange::empty(0);
        };
        if !entry.container {
            return entry.value;
        }
        if let Some(key) = entry.key {
            return key;
        }
        self.highlight_value(node)
    }

    /// The text of a node's value: a scalar's whole text, the first line of
    /// a mapping or list (`{}`, `[1]`, `- a`), never its key (a value of
    /// the wrong type is underlined where it is written).
    #[must_use]
    pub fn highlight_value(&self, node: u32) -> TextRange {
        let Some(entry) = self.map.entry(node) else {
            return TextRange::empty(0);
        };
        if !entry.container {
            return entry.value;
        }
        let line = self.lines.line_range(&self.text, entry.value.start);
        let end = line.end.min(entry.value.end).max(entry.value.start);
        let text = self.slice(TextRange::new(entry.value.start, end));
        let trimmed = text.trim_end_matches([' ', '\t', ',', '{', '[']);
        TextRange::new(
            entry.value.start,
            entry.value.start + u32::try_from(trimmed.len()).unwrap_or(0),
        )
    }
}

/// The files of one spec (one file, or every YAML file of a directory).
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub(crate) fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    pub(crate) fn file_mut(&mut self, id: FileId) -> Option<&mut SourceFile> {
        self.files.get_mut(id.0 as usize)
    }

    /// # Panics
    /// Never for a [`FileId`] handed out by this set.
    #[must_use]
    #[allow(clippy::indexing_slicing)]
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The file with this id, if any.
    #[must_use]
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Every file with its id, in the order read (the spec's files, then
    /// the Dockerfiles and manifests they reference).
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    /// The number of files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The JSON Pointer of a location.
    #[must_use]
    pub fn pointer(&self, loc: Loc) -> String {
        self.get(loc.file)
            .map(|f| f.map.pointer(loc.node))
            .unwrap_or_default()
    }

    /// The range to underline for a location.
    #[must_use]
    pub fn highlight(&self, loc: Loc) -> TextRange {
        self.get(loc.file)
            .map_or(TextRange::default(), |f| f.highlight(loc.node))
    }

    /// The text of a location's value, never its key
    /// ([`SourceFile::highlight_value`]).
    #[must_use]
    pub fn highlight_value(&self, loc: Loc) -> TextRange {
        self.get(loc.file)
            .map_or(TextRange::default(), |f| f.highlight_value(loc.node))
    }

    /// Whether a mapping has a key that is not read (not a string,
    /// reported at the key): its number of keys is not what the YAML shows.
    pub(crate) fn has_unread_key(&self, loc: Loc) -> bool {
        self.get(loc.file)
            .is_some_and(|f| f.map.has_unread_key(loc.node))
    }

    /// The tag a scalar carries, as written (`!!int`), if any.
    pub(crate) fn tag(&self, loc: Loc) -> Option<&str> {
        self.get(loc.file).and_then(|f| f.map.tag(loc.node))
    }

    /// The source text of a location's value.
    #[must_use]
    pub fn text(&self, loc: Loc) -> &str {
        self.get(loc.file)
            .and_then(|f| f.map.entry(loc.node).map(|e| f.slice(e.value)))
            .unwrap_or("")
    }
}

impl fmt::Display for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Escape one JSON Pointer reference token (RFC 6901).
#[must_use]
pub fn escape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    escape_token_into(&mut out, token);
    out
}

/// Append one JSON Pointer reference token to `out`, escaped (RFC 6901:
/// `~` as `~0`, `/` as `~1`).
pub(crate) fn escape_token_into(out: &mut String, token: &str) {
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_cr_is_a_line_break() {
        // YAML 1.2.2 §5.4: `b-break ::= CR LF | CR | LF`.
        for (text, at, want) in [
            ("a\rbc\rd", 4, (2, 3)),
            ("a\r\nbc\r\nd", 4, (2, 2)),
            ("a\nbc\r\rd", 6, (4, 1)),
            ("a\r\r\nb", 4, (3, 1)),
        ] {
            let index = LineIndex::new(text);
            let lc = index.line_col(text, at);
            assert_eq!((lc.line, lc.column), want, "{text:?} at {at}");
            let line = index.line_range(text, at);
            assert!(
                !text[line.start as usize..line.end as usize].contains(['\r', '\n']),
                "{text:?}"
            );
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "a: 1\nbé: x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 5), LineCol { line: 2, column: 1 });
        // 'x' is after "bé: " which is 5 bytes but 4 characters.
        assert_eq!(idx.line_col(text, 10), LineCol { line: 2, column: 5 });
    }

    /// The column as counted before the checkpoints: the characters from
    /// the line start (after a leading BOM) to the offset's char boundary.
    fn naive_line_col(text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let mut at = offset;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        // Line breaks: LF, and a CR not followed by LF (YAML 1.2.2 §5.4).
        let bytes = text.as_bytes();
        let breaks: Vec<usize> = before
            .bytes()
            .enumerate()
            .filter(|&(i, b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .map(|(i, _)| i)
            .collect();
        let line = breaks.len() + 1;
        let start = breaks.last().map_or(0, |i| i + 1);
        let start = if start == 0 && text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8().min(at)
        } else {
            start
        };
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(text[start..at].chars().count() + 1).unwrap_or(u32::MAX),
        }
    }

    #[test]
    fn columns_on_a_long_line_use_checkpoints() {
        // One line of 3 * CHAR_BLOCK characters, two bytes each after the
        // first: columns far from the line start, across block borders.
        let text = format!("\u{feff}x{}\né", "é".repeat(3 * CHAR_BLOCK));
        let idx = LineIndex::new(&text);
        for offset in [
            0,
            3,
            4,
            5,
            6,
            4099,
            4100,
            8195,
            8196,
            12_000,
            text.len() - 3,
            text.len(),
        ] {
            assert_eq!(
                idx.line_col(&text, offset as u32),
                naive_line_col(&text, offset),
                "{offset}"
            );
        }
        let ascii = format!("a\n{}", "b".repeat(3 * CHAR_BLOCK));
        let idx = LineIndex::new(&ascii);
        assert_eq!(
            idx.line_col(&ascii, ascii.len() as u32),
            LineCol {
                line: 2,
                column: 3 * CHAR_BLOCK as u32 + 1
            }
        );
    }

    proptest::proptest! {
        /// Line and column agree with counting from the line start, for
        /// any offset (mid-character ones too) in text of long lines.
        #[test]
        fn line_col_matches_counting(
            parts in proptest::collection::vec(
                (proptest::sample::select(vec!["a", "é", "€", "😀", "\n", "\r\n", "\u{feff}"]), 1usize..3000),
                0..8,
            ),
            offsets in proptest::collection::vec(0usize..40_000, 1..20),
        ) {
            let text: String = parts.iter().map(|(s, n)| s.repeat(*n)).collect();
            let idx = LineIndex::new(&text);
            for offset in offsets {
                let offset = offset.min(text.len() + 2);
                proptest::prop_assert_eq!(
                    idx.line_col(&text, u32::try_from(offset).unwrap_or(u32::MAX)),
                    naive_line_col(&text, offset)
                );
            }
        }
    }

    #[test]
    fn lookup_finds_every_pointer_and_only_those() {
        let mut map = SourceMap::default();
        let pointers = ["", "/a", "/a/0", "/a/1", "/b~1c", "/a/1"];
        for p in pointers {
            map.push(NewEntry {
                parent: None,
                segment: p,
                key: None,
                value: TextRange::default(),
                container: false,
            });
        }
        assert_eq!(map.lookup(""), Some(0));
        assert_eq!(map.lookup("/a/0"), Some(2));
        // The first of two nodes with one pointer.
        assert_eq!(map.lookup("/a/1"), Some(3));
        assert_eq!(map.lookup("/b~1c"), Some(4));
        assert_eq!(map.lookup("/a/2"), None);
        assert_eq!(map.lookup_nearest("/a/2/x"), Some(1));
        assert_eq!(SourceMap::default().lookup(""), None);
        // Nodes added after a lookup are found too (the index is not
        // stale): a few by a scan, more by a new index.
        for i in 0..300 {
            let segment = format!("/late/{i}");
            map.push(NewEntry {
                parent: None,
                segment: &segment,
                key: None,
                value: TextRange::default(),
                container: false,
            });
            assert_eq!(map.lookup(&segment), Some(6 + i), "{segment}");
        }
        assert_eq!(map.lookup("/a/1"), Some(3));
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(escape_token("plain"), "plain");
    }
}
