//! YAML → a span-carrying node tree and the file's source map.
//!
//! The tree is built straight from the event stream of `granit-parser` (the
//! YAML 1.2 parser `serde-saphyr` runs on), which carries the byte span of
//! every event. Building it here, without a serde layer per node, keeps a
//! 100,000-subnet spec well under a second. This layer enforces the loader's
//! budgets itself ([`Limits`]: depth, nodes, alias expansion, one document),
//! resolves plain scalars by the YAML 1.2 core schema (only `true`/`false`
//! are booleans, so `yes`/`no`/`on`/`off` stay strings; a Kubernetes
//! manifest's are resolved as kubectl resolves them instead, see
//! [`kubectl`], with a finding at each scalar the two read differently),
//! expands aliases and
//! merge keys (`<<`), and reports a duplicate key at both of its places.
//!
//! Why not `serde_saphyr::from_str` into `Spanned<T>` nodes (the first
//! version of this loader): the per-node serde layer made a 100,000-subnet
//! spec take 1.55 s against 0.62-0.75 s here (release build, whole process,
//! same machine and load). serde-saphyr stays the YAML dependency: the
//! parser is the one it re-exports, and a property test below checks this
//! tree against serde-saphyr's own reading of generated documents.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object};
use serde_saphyr::granit_parser;
use serde_saphyr::granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle, Span, Tag};

use crate::diagnostic::{Diagnostic, Label, SpecCode};
use crate::limits::Limits;
use crate::source::{
    FileId, NewEntry, SourceFile, SourceMap, TextRange, escape_token, escape_token_into,
};

mod kubectl;

/// The deepest nesting honoured whatever [`Limits::max_depth`] says: the
/// stages after parsing walk the tree recursively, and a tree deeper than
/// this would exhaust the stack.
pub(crate) const MAX_DEPTH_CEILING: usize = 1_000;

/// A parsed YAML value. Children are shared so that an anchored node costs
/// nothing to keep for its aliases.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Rc<[YNode]>),
    Map(Rc<[(String, YNode)]>),
}

/// A node of the tree: its value and its entry in the source map.
#[derive(Clone, Debug)]
pub(crate) struct YNode {
    pub id: u32,
    pub value: Value,
}

impl YNode {
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::UInt(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    pub fn as_map(&self) -> Option<&[(String, YNode)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
}

/// Parser options for the limits. The parser's own nesting guards sit
/// above the loader's by more than its lookahead (it may scan ahead of the
/// events for a simple key), so the loader's check is normally the one that
/// trips; either way the message is the same.
pub(crate) fn options(limits: &Limits) -> granit_parser::Options {
    let mut o = granit_parser::Options::default();
    let depth = effective_depth(limits).saturating_add(o.simple_key_max_lookahead + 64);
    o.flow_nesting_limit = depth;
    o.block_nesting_limit = depth;
    o
}

fn effective_depth(limits: &Limits) -> usize {
    limits.max_depth.min(MAX_DEPTH_CEILING)
}

/// Parse one file. Returns the tree (None when the YAML is unparsable or
/// over a budget) and fills the file's source map.
pub(crate) fn parse(
    file_id: FileId,
    file: &mut SourceFile,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
    reported: &mut HashSet<(FileId, u32)>,
) -> Option<YNode> {
    parse_stream(
        file_id,
        file,
        limits,
        diags,
        reported,
        false,
        &mut Vec::new(),
    )
    .pop()
}

/// Parse a stream of documents (a Kubernetes manifest): each document's
/// pointers start with its index (`/0/spec/replicas`), anchors do not
/// cross documents, and the budgets hold for the whole file. An empty
/// file has no document (and no diagnostic). `binary` receives the nodes
/// written `!!binary` (read as kubectl reads them: the decoded text).
pub(crate) fn parse_documents(
    file_id: FileId,
    file: &mut SourceFile,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
    binary: &mut Vec<u32>,
) -> Vec<YNode> {
    let mut reported = HashSet::new();
    parse_stream(file_id, file, limits, diags, &mut reported, true, binary)
}

fn parse_stream(
    file_id: FileId,
    file: &mut SourceFile,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
    reported: &mut HashSet<(FileId, u32)>,
    multi: bool,
    binary: &mut Vec<u32>,
) -> Vec<YNode> {
    let text = file.text.as_str();
    if multi && text.trim().is_empty() {
        return Vec::new();
    }
    if text.trim().is_empty() {
        diags.push(SpecCode::InvalidValue.diagnostic(
            Label {
                file: file_id,
                range: TextRange::empty(0),
                path: String::new(),
                message: "empty file".into(),
            },
            "the file is empty; a spec is a mapping of sections (at least `name`)",
        ));
        return Vec::new();
    }
    // A file that cannot be read through reports its syntax error only:
    // what was found before it points into a tree that is not kept.
    let before = diags.len();
    let mut builder = Builder {
        file: file_id,
        text,
        limits,
        max_depth: effective_depth(limits),
        map: SourceMap::default(),
        pointer: Path::default(),
        diags,
        omitted: None,
        reported_count: 0,
        reported: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        replayed: 0,
        replayed_bytes: 0,
        documents: 0,
        skip_depth: 0,
        stack: Vec::new(),
        roots: Vec::new(),
        multi,
        comments: Vec::new(),
        binary: Vec::new(),
    };
    let outcome = builder.run(Parser::new_from_str_with_options(text, options(limits)));
    let Builder {
        map,
        diags,
        omitted,
        reported: seen,
        roots,
        comments,
        pointer,
        binary: binary_nodes,
        ..
    } = builder;
    if let Some((mut first, count)) = omitted {
        first.message = format!(
            "{count} more problem(s) in this file are not listed (the first {MAX_DIAGNOSTICS_PER_FILE} are); the first of them: {}",
            first.message
        );
        first.help = Some("fix the problems listed and run again".into());
        first.related.clear();
        diags.push(first);
    }
    let outcome = outcome.and_then(|()| {
        if !roots.is_empty() || multi {
            return Ok(());
        }
        let mut fatal = Fatal::new(
            TextRange::empty(0),
            "no document",
            "the file holds only comments; a spec is a mapping of sections (at least `name`)"
                .into(),
        );
        fatal.code = SpecCode::InvalidValue;
        Err(fatal)
    });
    if let Err(fatal) = outcome {
        diags.truncate(before);
        let mut d = fatal.code.diagnostic(
            Label {
                file: file_id,
                range: fatal.range,
                // In a manifest, the node being read when it failed
                // (`/0/data/e`); a spec's file-level error has none.
                path: if multi { pointer.text } else { String::new() },
                message: fatal.label.into(),
            },
            fatal.message,
        );
        d.help = fatal.help;
        diags.push(d);
        // Kept whatever the outcome: suppression comments are judged even
        // in a file that does not load.
        file.set_comments(comments);
        return Vec::new();
    }
    reported.extend(seen.iter().map(|&n| (file_id, n)));
    *binary = binary_nodes;
    let mut map = map;
    map.sort_unread_keys();
    file.map = map;
    file.set_comments(comments);
    roots
}

/// A problem that ends the parse of a file (SPEC000, but for a file
/// without a document).
struct Fatal {
    code: SpecCode,
    range: TextRange,
    label: &'static str,
    message: String,
    help: Option<String>,
}

/// The first invalid escape (`\q`) of the double-quoted scalar that
/// starts at or after `from`: the backslash's offset and the character
/// after it. The escapes of YAML 1.2.2 §5.7, and an escaped line break.
fn bad_escape(text: &str, from: usize) -> Option<(usize, char)> {
    let rest = text.get(from..)?;
    let open = rest.find('"')?;
    let mut chars = rest[open + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let (_, next) = chars.next()?;
                let valid = matches!(
                    next,
                    '0' | 'a'
                        | 'b'
                        | 't'
                        | '\t'
                        | 'n'
                        | 'v'
                        | 'f'
                        | 'r'
                        | 'e'
                        | ' '
                        | '"'
                        | '/'
                        | '\\'
                        | 'N'
                        | '_'
                        | 'L'
                        | 'P'
                        | 'x'
                        | 'u'
                        | 'U'
                        | '\n'
                        | '\r'
                );
                if !valid {
                    return Some((from + open + 1 + i, next));
                }
            }
            _ => {}
        }
    }
    None
}

impl Fatal {
    fn new(range: TextRange, label: &'static str, message: String) -> Self {
        Self {
            code: SpecCode::YamlSyntax,
            range,
            label,
            message,
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn limit(range: TextRange, label: &'static str, message: String) -> Self {
        Self::new(range, label, message).help(
            "the loader's limits (reelnet_spec::Limits) guard against hostile input; \
             a real spec stays far below them",
        )
    }
}

/// The JSON Pointer of the node being read, and the containers whose
/// pointers are prefixes of it, shallowest first: a node's source-map entry
/// holds only the deepest of them and the rest of its pointer
/// ([`SourceMap`]), so a 20,000-character key above 100,000 nodes costs its
/// length once, not once per node.
///
/// Every change goes through [`Self::truncate`] and the `push_*` methods,
/// which keep the invariant: each container's pointer is a prefix of the
/// text.
#[derive(Default)]
struct Path {
    text: String,
    /// `(length of its pointer, node)`.
    owners: Vec<(usize, u32)>,
}

impl Path {
    fn as_str(&self) -> &str {
        &self.text
    }

    fn len(&self) -> usize {
        self.text.len()
    }

    /// Start document `index` of a stream: its pointer is `/index`.
    fn start_document(&mut self, index: usize) {
        self.text.clear();
        self.owners.clear();
        self.push_index(index);
    }

    /// Append `/index`.
    fn push_index(&mut self, index: usize) {
        self.text.push('/');
        self.text.push_str(itoa(index).as_str());
    }

    /// Append `/key`, escaped as RFC 6901 says (`~` as `~0`, `/` as `~1`).
    fn push_key(&mut self, key: &str) {
        self.text.push('/');
        escape_token_into(&mut self.text, key);
    }

    /// Append text that is already a pointer segment (`/<<`).
    fn push_segment(&mut self, segment: &str) {
        self.text.push_str(segment);
    }

    /// Cut the pointer back to `len` bytes, forgetting the containers
    /// whose pointers were longer.
    fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while self.owners.last().is_some_and(|&(l, _)| l > len) {
            self.owners.pop();
        }
    }

    /// The current pointer is container `node`'s.
    fn own(&mut self, node: u32) {
        self.owners.push((self.text.len(), node));
    }

    /// The deepest container whose pointer starts the current one, and
    /// the rest of the current pointer.
    fn split(&self) -> (Option<u32>, &str) {
        match self.owners.last() {
            Some(&(len, node)) => (Some(node), &self.text[len..]),
            None => (None, &self.text),
        }
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// One open container.
struct Frame {
    id: u32,
    range: TextRange,
    anchor: usize,
    /// Length of the pointer of this container.
    ptr_len: usize,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<YNode>),
    Map(MapFrame),
}

struct MapFrame {
    entries: Vec<(String, YNode)>,
    /// Keys to first key ranges, once the mapping is too large to scan.
    index: Option<HashMap<String, TextRange>>,
    state: MapState,
    merges: Vec<MergeSource>,
    /// The range of the mapping's `<<` key, once read.
    merge_key: Option<TextRange>,
    /// The keys that are not strings (by [`canonical_key`]), with the range
    /// and text of the first of each: they are not entries, but a second
    /// one is a duplicate.
    odd_keys: Option<HashMap<String, (TextRange, String)>>,
}

/// Where an open mapping is in its alternation of keys and values.
enum MapState {
    Key,
    Value {
        key: String,
        key_range: TextRange,
    },
    /// The value of a `<<` key.
    Merge,
    /// This many nodes (a complex key and its value, or the value of a
    /// duplicate key) are consumed without being built.
    Skip(u8),
}

/// A mapping merged in with `<<`: a mapping node, or one item of a list
/// node, and (for an alias) the alias token every merged node points at.
struct MergeSource {
    node: YNode,
    item: Option<usize>,
    span: Option<TextRange>,
}

impl MergeSource {
    fn entries(&self) -> &[(String, YNode)] {
        let node = match (self.item, &self.node.value) {
            (Some(i), Value::Seq(items)) => items.get(i),
            (None, _) => Some(&self.node),
            _ => None,
        };
        node.and_then(YNode::as_map).unwrap_or(&[])
    }
}

/// The role of the next node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Item,
    Key,
    Value,
    Merge,
    Skip,
}

/// Mappings with more keys than this index them for the duplicate check.
const SCAN_KEYS: usize = 12;

/// How many problems the YAML layer lists per file; past it they are
/// counted in one closing diagnostic (the report caps findings the same
/// way).
const MAX_DIAGNOSTICS_PER_FILE: usize = 500;

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    limits: &'a Limits,
    max_depth: usize,
    map: SourceMap,
    pointer: Path,
    diags: &'a mut Vec<Diagnostic>,
    /// Problems found past [`MAX_DIAGNOSTICS_PER_FILE`]: the first of them
    /// (for its code and place) and how many there were.
    omitted: Option<(Diagnostic, usize)>,
    /// Problems reported so far in this file.
    reported_count: usize,
    /// Nodes reported here, so that later stages do not report them again.
    reported: Vec<u32>,
    /// Anchored nodes by anchor id; `None` while the node is still open.
    anchors: HashMap<usize, Option<YNode>>,
    nodes: usize,
    replayed: usize,
    /// Bytes of keys and strings that aliases and merges copied.
    replayed_bytes: usize,
    documents: usize,
    /// Nesting inside a node being skipped.
    skip_depth: usize,
    stack: Vec<Frame>,
    /// The finished documents (one, unless `multi`).
    roots: Vec<YNode>,
    /// Whether the file is a stream of documents: a Kubernetes manifest,
    /// whose scalars are read as kubectl reads them ([`kubectl`]).
    multi: bool,
    /// The ranges of the parser's comment events, as they come.
    comments: Vec<TextRange>,
    /// In a manifest, the nodes written `!!binary` and read (decoded).
    binary: Vec<u32>,
}

fn marker_offset(text: &str, m: &Marker) -> usize {
    if let Some(b) = m.byte_offset() {
        return b.min(text.len());
    }
    // Only line/column known: walk to them (the column counts characters).
    let line_start: usize = text
        .split_inclusive('\n')
        .take(m.line().saturating_sub(1))
        .map(str::len)
        .sum();
    text.get(line_start..)
        .and_then(|rest| {
            rest.char_indices()
                .nth(m.col())
                .map(|(i, _)| line_start + i)
        })
        .unwrap_or(line_start.min(text.len()))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Builder<'_> {
    /// Record a problem; past [`MAX_DIAGNOSTICS_PER_FILE`] only count it,
    /// so that a file of a million bad keys costs no more than its tree.
    fn push_diag(&mut self, d: Diagnostic) {
        if self.reported_count < MAX_DIAGNOSTICS_PER_FILE {
            self.reported_count += 1;
            self.diags.push(d);
        } else if let Some((_, count)) = &mut self.omitted {
            *count += 1;
        } else {
            self.omitted = Some((d, 1));
        }
    }

    /// The range of a node's tag token (the node's own when unknown).
    fn tag_range(&self, span: &Span, node: TextRange) -> TextRange {
        span.tag_span().map_or(node, |t| self.range(&t))
    }

    /// SPEC004 at a tag that does not fit its node (or is not read at all).
    fn report_tag(&mut self, id: Option<u32>, range: TextRange, message: String) {
        let path = self.pointer.as_str().to_owned();
        self.report_tag_at(id, range, message, path);
    }

    /// [`Self::report_tag`] with the JSON Pointer to give (a key's tag: the
    /// pointer of the key's entry, not of its mapping).
    fn report_tag_at(&mut self, id: Option<u32>, range: TextRange, message: String, path: String) {
        if let Some(id) = id {
            self.reported.push(id);
        }
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path,
                message: "tag".into(),
            },
            message,
        );
        d.help = Some("remove the tag: the loader reads plain YAML values".into());
        self.push_diag(d);
    }

    fn range(&self, span: &Span) -> TextRange {
        let start = marker_offset(self.text, &span.start);
        let end = marker_offset(self.text, &span.end).max(start);
        TextRange::new(to_u32(start), to_u32(end))
    }

    /// The range to underline for a parse error: at least one character.
    fn error_range(&self, m: &Marker) -> TextRange {
        let at = marker_offset(self.text, m);
        let next = self
            .text
            .get(at..)
            .and_then(|s| s.chars().next())
            .filter(|c| *c != '\n')
            .map_or(0, char::len_utf8);
        TextRange::new(to_u32(at), to_u32(at + next))
    }

    fn run<'i>(&mut self, parser: Parser<'i, granit_parser::StrInput<'i>>) -> Result<(), Fatal> {
        let mut parser = parser;
        while let Some(next) = parser.next() {
            match next {
                Ok((Event::Comment(..), span)) => self.comments.push(self.range(&span)),
                Ok((event, span)) => {
                    if let Err(fatal) = self.event(event, &span) {
                        // Past a limit or a second document the parser can
                        // still read on: its comments hold suppressions.
                        self.drain_comments(parser);
                        return Err(fatal);
                    }
                }
                Err(e) => {
                    if matches!(e.kind(), ErrorKind::RecursionLimitExceeded) {
                        return Err(self.too_deep(self.error_range(e.marker())));
                    }
                    let info = e.info();
                    let message = info.lines().next().unwrap_or("").trim();
                    let message = if message.is_empty() {
                        "the YAML cannot be parsed".to_owned()
                    } else {
                        message.to_owned()
                    };
                    let at = marker_offset(self.text, e.marker());
                    if message.contains("unknown escape character")
                        && let Some((escape, c)) = bad_escape(self.text, at)
                    {
                        let len = 1 + c.len_utf8();
                        return Err(Fatal::new(
                            TextRange::new(to_u32(escape), to_u32(escape + len)),
                            "here",
                            format!("`\\{c}` is not an escape of a double-quoted YAML string"),
                        )
                        .help(format!(
                            "write `\\\\{c}` for a backslash and `{c}`, or quote the value with single quotes ('...'), where a backslash is a plain character (YAML 1.2.2 §5.7)"
                        )));
                    }
                    return Err(Fatal::new(self.error_range(e.marker()), "here", message));
                }
            }
        }
        Ok(())
    }

    /// Read the rest of the stream for its comments only (up to a syntax
    /// error); linear in the text.
    fn drain_comments<'i>(&mut self, parser: Parser<'i, granit_parser::StrInput<'i>>) {
        for next in parser {
            match next {
                Ok((Event::Comment(..), span)) => self.comments.push(self.range(&span)),
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }

    fn role(&self) -> Role {
        match self.stack.last() {
            None => Role::Root,
            Some(Frame {
                kind: FrameKind::Seq(_),
                ..
            }) => Role::Item,
            Some(Frame {
                kind: FrameKind::Map(m),
                ..
            }) => match m.state {
                MapState::Key => Role::Key,
                MapState::Value { .. } => Role::Value,
                MapState::Merge => Role::Merge,
                MapState::Skip(_) => Role::Skip,
            },
        }
    }

    fn map_frame(&mut self) -> Option<&mut MapFrame> {
        match self.stack.last_mut() {
            Some(Frame {
                kind: FrameKind::Map(m),
                ..
            }) => Some(m),
            _ => None,
        }
    }

    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), Fatal> {
        let range = self.range(span);
        if self.skip_depth > 0 {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    self.skip_depth += 1;
                    self.check_depth(self.stack.len() + self.skip_depth, range)?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    self.skip_depth -= 1;
                    if self.skip_depth == 0 {
                        self.skipped();
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        match event {
            Event::DocumentStart(..) if self.multi => {
                self.documents += 1;
                self.anchors.clear();
                self.pointer.start_document(self.documents - 1);
            }
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Fatal::new(
                        range,
                        "second document",
                        "a second YAML document starts here; a spec file holds one document"
                            .into(),
                    )
                    .help("put each document in its own file of a directory spec, or remove the `---` line"));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let tag = tag.as_deref().map(|t| (t, self.tag_range(span, range)));
                self.scalar(value, style, anchor, tag, range)?;
            }
            Event::Alias(id) => self.alias(id, range)?,
            Event::SequenceStart(_, anchor, tag) => {
                let tag = tag.as_deref().map(|t| (t, self.tag_range(span, range)));
                self.start(true, anchor, tag, range)?;
            }
            Event::MappingStart(_, anchor, tag) => {
                let tag = tag.as_deref().map(|t| (t, self.tag_range(span, range)));
                self.start(false, anchor, tag, range)?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.end()?,
            // Stream and document boundaries, comments, anchor metadata.
            _ => {}
        }
        Ok(())
    }

    fn check_depth(&self, depth: usize, range: TextRange) -> Result<(), Fatal> {
        if depth > self.max_depth {
            return Err(self.too_deep(range));
        }
        Ok(())
    }

    fn too_deep(&self, range: TextRange) -> Fatal {
        Fatal::limit(
            range,
            "too deep",
            format!(
                "the YAML nests deeper than {} levels of mappings and lists",
                self.max_depth
            ),
        )
    }

    /// Count one node of the tree (built or copied).
    /// Count `bytes` of keys and strings that an alias or a merge key
    /// copies; SPEC000 at `range` once they pass [`Limits::max_file_bytes`]
    /// (aliases copying a long string or key many times: an alias bomb of
    /// text rather than of values).
    fn count_copied_text(&mut self, bytes: usize, range: TextRange) -> Result<(), Fatal> {
        self.replayed_bytes = self.replayed_bytes.saturating_add(bytes);
        if self.replayed_bytes > self.limits.max_file_bytes {
            return Err(Fatal::limit(
                range,
                "expanded here",
                format!(
                    "aliases and merge keys copy more than {} bytes of text (the largest file read): is this an alias bomb?",
                    self.limits.max_file_bytes
                ),
            ));
        }
        Ok(())
    }

    fn count_node(&mut self, range: TextRange) -> Result<(), Fatal> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(Fatal::limit(
                range,
                "node limit reached here",
                format!(
                    "the document has more than {} YAML values (mappings, lists and scalars)",
                    self.limits.max_nodes
                ),
            ));
        }
        Ok(())
    }

    /// A skipped node was consumed.
    fn skipped(&mut self) {
        if let Some(m) = self.map_frame() {
            m.state = match m.state {
                MapState::Skip(n) if n > 1 => MapState::Skip(n - 1),
                _ => MapState::Key,
            };
        }
    }

    /// Prepare the pointer and key of the next node; its key range, if any.
    fn begin_node(&mut self) -> Option<TextRange> {
        match self.stack.last() {
            Some(Frame {
                kind: FrameKind::Seq(items),
                ..
            }) => {
                self.pointer.push_index(items.len());
                None
            }
            Some(Frame {
                kind:
                    FrameKind::Map(MapFrame {
                        state: MapState::Value { key_range, .. },
                        ..
                    }),
                ..
            }) => Some(*key_range),
            _ => None,
        }
    }

    /// Add a node's entry to the source map at the current pointer;
    /// `like`: a node whose pointer segment this one may share (the
    /// original of a copy).
    fn new_entry(
        &mut self,
        key: Option<TextRange>,
        value: TextRange,
        container: bool,
        like: Option<u32>,
    ) -> Result<u32, Fatal> {
        self.count_node(value)?;
        let (parent, segment) = self.pointer.split();
        let entry = NewEntry {
            parent,
            segment,
            key,
            value,
            container,
        };
        let id = self.map.push_sharing(entry, like).ok_or_else(|| {
            Fatal::limit(
                value,
                "limit reached here",
                "the document's JSON Pointers add up to more than 4 GiB".into(),
            )
        })?;
        if container {
            self.pointer.own(id);
        }
        Ok(id)
    }

    /// SPEC004 for `.nan`/`.inf`, quoting the text at `shown` and
    /// underlining `range`.
    fn report_non_finite(&mut self, id: u32, shown: TextRange, range: TextRange) {
        let text = self
            .text
            .get(shown.start as usize..shown.end as usize)
            .unwrap_or("")
            .to_owned();
        self.report_invalid(
            id,
            range,
            "not a finite number",
            format!("`{text}` is not a finite number"),
        );
    }

    fn report_invalid(&mut self, id: u32, range: TextRange, label: &str, message: String) {
        self.reported.push(id);
        self.push_diag(SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: self.pointer.as_str().to_owned(),
                message: label.to_owned(),
            },
            message,
        ));
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<(&Tag, TextRange)>,
        range: TextRange,
    ) -> Result<(), Fatal> {
        match self.role() {
            Role::Key => {
                let kind = tag.map(|(t, _)| tag_kind(t));
                let merge = value == "<<"
                    && match kind {
                        None => style == ScalarStyle::Plain,
                        Some(k) => k == TagKind::Merge,
                    };
                if merge {
                    self.merge_key(range);
                    return Ok(());
                }
                // An empty key has no text (the parser hands it over as `~`).
                let empty = range.start == range.end;
                let own = |value: Cow<'_, str>| {
                    if empty {
                        String::new()
                    } else {
                        value.into_owned()
                    }
                };
                // What the key is, by the core schema: a string, or (in a
                // spec, whose keys are strings) another value, or a tag
                // that does not fit it (`!!int j`). Only a key that is not
                // a string keeps its text apart (a string key is moved).
                let mut text = None;
                let resolved: Option<Value> = match (tag, kind) {
                    (Some((t, tag_range)), Some(TagKind::Other)) => {
                        // At the key's entry, not its mapping.
                        let path =
                            format!("{}/{}", self.pointer, escape_token(&own(value.clone())));
                        self.report_tag_at(None, tag_range, unsupported_tag(t, self.multi), path);
                        Some(Value::Str(own(value)))
                    }
                    (_, Some(TagKind::Core("str") | TagKind::NonSpecific)) => {
                        Some(Value::Str(own(value)))
                    }
                    (Some((t, tag_range)), Some(_)) => {
                        let written = own(value.clone());
                        let shown = key_shown(&written);
                        let path = format!("{}/{}", self.pointer, escape_token(&written));
                        self.report_tag_at(
                            None,
                            tag_range,
                            format!(
                                "{shown} is tagged `{}`: a key of a {} is a plain string",
                                t.original(),
                                if self.multi { "manifest" } else { "spec" }
                            ),
                            path,
                        );
                        if self.multi {
                            Some(Value::Str(written))
                        } else {
                            text = Some(written);
                            resolve(value, style, Some(t), false).ok()
                        }
                    }
                    // In a manifest, a plain key is sent as kubectl sends it
                    // (`on:` as the key `"true"`).
                    (None, None) if self.multi && style == ScalarStyle::Plain => {
                        if empty || matches!(kubectl::resolve_plain(&value), Value::Null) {
                            self.report_null_key(&own(value.clone()), range);
                        }
                        match kubectl::key(&value) {
                            Some(sent) => {
                                self.report_key_read_differently(&value, &sent, range);
                                Some(Value::Str(sent))
                            }
                            None => Some(Value::Str(own(value))),
                        }
                    }
                    _ if style != ScalarStyle::Plain || self.multi => Some(Value::Str(own(value))),
                    _ => Some(resolve_plain(value)),
                };
                let text = match (text, &resolved) {
                    (_, Some(Value::Str(_))) => String::new(),
                    (Some(t), _) => t,
                    // A plain key's text is its source text.
                    _ if empty => String::new(),
                    _ => self
                        .text
                        .get(range.start as usize..range.end as usize)
                        .unwrap_or("")
                        .to_owned(),
                };
                let tagged = !matches!(
                    kind,
                    None | Some(TagKind::Other | TagKind::Core("str") | TagKind::NonSpecific)
                );
                if anchor != 0 {
                    // An anchored key: its aliases read the same value.
                    let node = YNode {
                        id: u32::MAX,
                        value: resolved.clone().unwrap_or(Value::Null),
                    };
                    self.anchors.insert(anchor, Some(node));
                }
                match resolved {
                    Some(Value::Str(key)) => self.key(key, range),
                    other => {
                        let canon = other.as_ref().map_or_else(
                            || {
                                format!(
                                    "tagged:{}:{text}",
                                    tag.map(|(t, _)| t.original()).unwrap_or_default()
                                )
                            },
                            |v| canonical_key_of(v, &text),
                        );
                        self.odd_key(other.as_ref(), canon, &text, range, !tagged);
                    }
                }
                return Ok(());
            }
            Role::Skip => {
                self.skipped();
                return Ok(());
            }
            Role::Root | Role::Item | Role::Value | Role::Merge => {}
        }
        let key = self.begin_node();
        let id = self.new_entry(key, range, false, None)?;
        if let Some((t, _)) = tag {
            self.map.set_tag(id, &t.original());
        }
        let tag_ref = tag.map(|(t, _)| t);
        let kubectl = if self.multi {
            kubectl::resolve(&value, style, tag_ref)
        } else {
            None
        };
        let resolved = match kubectl {
            None => resolve(value, style, tag_ref, self.multi),
            // `!!binary` is no YAML 1.2 core tag: nothing to compare.
            Some(k) if tag_ref.is_some_and(kubectl::is_binary) => {
                if k.is_ok() {
                    self.binary.push(id);
                }
                k
            }
            Some(k) => {
                // A quoted, untagged scalar is a string to every reader.
                if let Ok(kv) = &k
                    && (tag_ref.is_some() || style == ScalarStyle::Plain)
                {
                    let core = resolve(Cow::Borrowed(value.as_ref()), style, tag_ref, true);
                    self.report_read_differently(id, range, &value, kv, &core, tag_ref.is_none());
                }
                k
            }
        };
        let value = match resolved {
            Ok(Value::Float(f)) if !f.is_finite() => {
                self.report_non_finite(id, range, range);
                Value::Float(f)
            }
            Ok(v) => v,
            Err((text, message)) => {
                match tag {
                    Some((_, tag_range)) => self.report_tag(Some(id), tag_range, message),
                    None => self.report_invalid(id, range, "invalid value", message),
                }
                Value::Str(text)
            }
        };
        let node = YNode { id, value };
        self.anchored(anchor, &node);
        self.deliver(node);
        Ok(())
    }

    /// In a manifest: a scalar kubectl reads as one value (YAML 1.1, go-yaml
    /// v2) and a YAML 1.2 reader as another (`010`: 8 against 10; `yes`: a
    /// boolean against a string), reported at the scalar. `core` is the
    /// YAML 1.2 reading (Err when that reader rejects the scalar).
    fn report_read_differently(
        &mut self,
        id: u32,
        range: TextRange,
        text: &str,
        kubectl: &Value,
        core: &Result<Value, (String, String)>,
        untagged: bool,
    ) {
        let core_reading = match core {
            Ok(c) if kubectl::same(kubectl, c) => return,
            Ok(c) => format!("{} to a YAML 1.2 reader", kubectl::describe(c)),
            Err((_, why)) => format!("a YAML 1.2 reader rejects it ({why})"),
        };
        let message = format!(
            "`{text}` is {} to kubectl, which reads manifests by YAML 1.1 (go-yaml v2), but {core_reading}",
            kubectl::describe(kubectl)
        );
        let quote = untagged.then(|| format!("quote it (`\"{text}\"`) for the text"));
        let help = match (kubectl::canonical(kubectl), quote) {
            (Some(c), Some(q)) => format!("write `{c}` for what kubectl reads, or {q}"),
            (Some(c), None) => format!("write `{c}` for what kubectl reads"),
            (None, Some(q)) => q,
            (None, None) => "write the value so that it reads the same in YAML 1.1 and 1.2".into(),
        };
        self.reported.push(id);
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: self.pointer.as_str().to_owned(),
                message: "read differently by YAML 1.1 and 1.2".into(),
            },
            message,
        );
        d.help = Some(help);
        self.push_diag(d);
    }

    /// In a manifest: a plain key kubectl sends as another (`yes:` as
    /// `"true"`, `010:` as `"8"`), reported at the key.
    fn report_key_read_differently(&mut self, text: &str, sent: &str, range: TextRange) {
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: format!("{}/{}", self.pointer, escape_token(sent)),
                message: "read differently by YAML 1.1 and 1.2".into(),
            },
            format!(
                "key `{text}` is sent as `\"{sent}\"` by kubectl, which reads manifests by YAML 1.1 (go-yaml v2), but as `\"{text}\"` by a YAML 1.2 reader"
            ),
        );
        d.help = Some(format!(
            "write `{sent}` for the key kubectl sends, or quote it (`\"{text}\"`) for the text"
        ));
        self.push_diag(d);
    }

    /// In a manifest: a null key (`~:`, `null:`, an empty key), which
    /// `sigs.k8s.io/yaml` cannot turn into JSON (`unsupported map key of
    /// type: <nil>`): kubectl refuses the file.
    fn report_null_key(&mut self, text: &str, range: TextRange) {
        let shown = key_shown(text);
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: format!("{}/{}", self.pointer, escape_token(text)),
                message: "null key".into(),
            },
            format!(
                "{shown} is null to kubectl, which cannot send a null key as JSON (`unsupported map key of type: <nil>`): it refuses the file"
            ),
        );
        d.help = Some(if text.is_empty() {
            "write the key's name".to_owned()
        } else {
            format!("quote it (`\"{text}\"`) for the text")
        });
        self.push_diag(d);
    }

    /// A `<<` key: the mapping's merge, or a second one (SPEC002 at both).
    fn merge_key(&mut self, range: TextRange) {
        let Some(m) = self.map_frame() else { return };
        let Some(first) = m.merge_key else {
            m.merge_key = Some(range);
            m.state = MapState::Merge;
            self.pointer.push_segment("/<<");
            return;
        };
        m.state = MapState::Skip(1);
        let path = format!("{}/<<", self.pointer);
        let mut d = SpecCode::DuplicateKey.diagnostic(
            Label {
                file: self.file,
                range,
                path: path.clone(),
                message: "duplicate key".into(),
            },
            "merge key `<<` appears twice in one mapping",
        );
        d.related.push(Label {
            file: self.file,
            range: first,
            path,
            message: "first defined here".into(),
        });
        d.help = Some(
            "merge several mappings with one key, `<<: [*a, *b]`; YAML tools disagree on which of two `<<` keys wins"
                .into(),
        );
        self.push_diag(d);
    }

    /// A mapping key: check it against the keys so far.
    fn key(&mut self, key: String, key_range: TextRange) {
        let first = match self.stack.last() {
            Some(Frame {
                kind: FrameKind::Map(m),
                ..
            }) => match &m.index {
                Some(index) => index.get(&key).copied(),
                None => m
                    .entries
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, n)| self.map.entry(n.id).and_then(|e| e.key).unwrap_or_default()),
            },
            _ => None,
        };
        let len = self.pointer.len();
        self.pointer.push_key(&key);
        if let Some(first) = first {
            let path = self.pointer.as_str().to_owned();
            let mut d = SpecCode::DuplicateKey.diagnostic(
                Label {
                    file: self.file,
                    range: key_range,
                    path: path.clone(),
                    message: "duplicate key".into(),
                },
                format!("key `{key}` appears twice in one mapping"),
            );
            d.related.push(Label {
                file: self.file,
                range: first,
                path,
                message: "first defined here".into(),
            });
            d.help = Some(format!(
                "keep one `{key}` entry; YAML does not let a later key replace an earlier one here"
            ));
            self.push_diag(d);
            self.pointer.truncate(len);
            if let Some(m) = self.map_frame() {
                m.state = MapState::Skip(1);
            }
            return;
        }
        if let Some(m) = self.map_frame() {
            if let Some(index) = &mut m.index {
                index.insert(key.clone(), key_range);
            }
            m.state = MapState::Value { key, key_range };
        }
    }

    /// A key of a spec that is not a string: an integer, boolean, null or
    /// float by the core schema (`010`, `true`, `~`, an empty key), or a
    /// key tagged with another core type. SPEC004 at the key (`report`;
    /// a tagged key is reported at its tag already), and its value is not
    /// read. It is still a YAML key: two keys of one mapping with the same
    /// value (`010` and `10`, both the integer 10) are SPEC002, as any
    /// duplicate is, since the document is not valid YAML either way.
    fn odd_key(
        &mut self,
        value: Option<&Value>,
        canon: String,
        text: &str,
        range: TextRange,
        report: bool,
    ) {
        let shown = key_shown(text);
        let len = self.pointer.len();
        self.pointer.push_key(text);
        let what = match value {
            Some(Value::Null) => "null".to_owned(),
            Some(Value::Bool(b)) => format!("the boolean {b}"),
            Some(Value::Int(i)) => format!("the integer {i}"),
            Some(Value::UInt(u)) => format!("the integer {u}"),
            Some(Value::Float(_)) if is_core_int(text) => {
                "an integer too large for 64 bits".to_owned()
            }
            Some(Value::Float(f)) => format!("the float {f}"),
            Some(Value::Str(_) | Value::Seq(_) | Value::Map(_)) | None => String::new(),
        };
        if report && !what.is_empty() {
            let help = if text.is_empty() {
                "write the key's name, or remove the entry".to_owned()
            } else if text.starts_with('*') {
                "quote the key where it is anchored".to_owned()
            } else {
                format!("quote it: `\"{text}\"`")
            };
            let mut d = SpecCode::InvalidValue.diagnostic(
                Label {
                    file: self.file,
                    range,
                    path: self.pointer.as_str().to_owned(),
                    message: "not a string".into(),
                },
                format!("{shown} is {what} in YAML 1.2, not a string: a key of a spec is a string"),
            );
            d.help = Some(help);
            self.push_diag(d);
        }
        if let Some(frame) = self.stack.last() {
            self.map.set_unread_key(frame.id);
        }
        let first = match self.stack.last_mut() {
            Some(Frame {
                kind: FrameKind::Map(m),
                ..
            }) => {
                let keys = m.odd_keys.get_or_insert_with(HashMap::new);
                match keys.get(&canon) {
                    Some(first) => Some(first.clone()),
                    None => {
                        keys.insert(canon, (range, text.to_owned()));
                        None
                    }
                }
            }
            _ => None,
        };
        if let Some((first_range, first_text)) = first {
            let path = self.pointer.as_str().to_owned();
            let first_shown = if first_text.is_empty() {
                "an empty key".to_owned()
            } else {
                format!("`{first_text}`")
            };
            let message = if first_text == text {
                format!("{shown} appears twice in one mapping")
            } else if what.is_empty() {
                format!(
                    "{shown} is the same YAML key as {first_shown}: a key appears once in a mapping"
                )
            } else {
                format!(
                    "{shown} is the same YAML key as {first_shown}, {what}: a key appears once in a mapping"
                )
            };
            let mut d = SpecCode::DuplicateKey.diagnostic(
                Label {
                    file: self.file,
                    range,
                    path: path.clone(),
                    message: "duplicate key".into(),
                },
                message,
            );
            d.related.push(Label {
                file: self.file,
                range: first_range,
                path: self.pointer.as_str()[..len].to_owned() + "/" + &escape_token(&first_text),
                message: "first defined here".into(),
            });
            d.help = Some("keep one of the two entries".into());
            self.push_diag(d);
        }
        self.pointer.truncate(len);
        if let Some(m) = self.map_frame() {
            m.state = MapState::Skip(1);
        }
    }

    /// A complex (list or mapping) key: reported, and skipped with its value.
    fn complex_key(&mut self, range: TextRange, alias: bool) {
        self.push_diag(SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: self.pointer.as_str().to_owned(),
                message: "complex key".into(),
            },
            "mapping keys must be plain strings, not lists or mappings",
        ));
        if let Some(m) = self.map_frame() {
            m.state = MapState::Skip(if alias { 1 } else { 2 });
        }
        if !alias {
            self.skip_depth = 1;
        }
    }

    fn start(
        &mut self,
        seq: bool,
        anchor: usize,
        tag: Option<(&Tag, TextRange)>,
        range: TextRange,
    ) -> Result<(), Fatal> {
        match self.role() {
            Role::Key => {
                self.complex_key(range, false);
                return self.check_depth(self.stack.len() + 1, range);
            }
            Role::Skip => {
                self.skip_depth = 1;
                return self.check_depth(self.stack.len() + 1, range);
            }
            Role::Root | Role::Item | Role::Value | Role::Merge => {}
        }
        self.check_depth(self.stack.len() + 1, range)?;
        let key = self.begin_node();
        let id = self.new_entry(key, range, true, None)?;
        if let Some((t, tag_range)) = tag {
            let what = if seq { "a list" } else { "a mapping" };
            match tag_kind(t) {
                TagKind::Core("seq") if seq => {}
                TagKind::Core("map") if !seq => {}
                TagKind::NonSpecific => {}
                TagKind::Other => {
                    self.report_tag(Some(id), tag_range, unsupported_tag(t, self.multi))
                }
                TagKind::Core(_) | TagKind::Merge => self.report_tag(
                    Some(id),
                    tag_range,
                    format!("{what} is tagged `{}`", t.original()),
                ),
            }
        }
        if anchor != 0 {
            self.anchors.insert(anchor, None);
        }
        let kind = if seq {
            FrameKind::Seq(Vec::new())
        } else {
            FrameKind::Map(MapFrame {
                entries: Vec::new(),
                index: None,
                state: MapState::Key,
                merges: Vec::new(),
                merge_key: None,
                odd_keys: None,
            })
        };
        self.stack.push(Frame {
            id,
            range,
            anchor,
            ptr_len: self.pointer.len(),
            kind,
        });
        Ok(())
    }

    fn end(&mut self) -> Result<(), Fatal> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        self.pointer.truncate(frame.ptr_len);
        let mut range = frame.range;
        let value = match frame.kind {
            FrameKind::Seq(items) => Value::Seq(items.into()),
            FrameKind::Map(mut m) => {
                if let Some(merged) = self.merge(&mut m)? {
                    range = range.cover(merged);
                }
                Value::Map(m.entries.into())
            }
        };
        if let Some(e) = self.map.entry_mut(frame.id) {
            e.value = range;
        }
        let node = YNode {
            id: frame.id,
            value,
        };
        self.anchored(frame.anchor, &node);
        self.deliver(node);
        Ok(())
    }

    /// Add the merged entries whose keys the mapping lacks (earlier sources
    /// win); the range they cover. An explicit null is absence here too: a
    /// key whose value is null (in the mapping or an earlier source) takes
    /// the value of the next source that gives one.
    fn merge(&mut self, m: &mut MapFrame) -> Result<Option<TextRange>, Fatal> {
        if m.merges.is_empty() {
            return Ok(None);
        }
        let mut covered: Option<TextRange> = None;
        let depth = self.stack.len() + 1;
        let mut keys: HashMap<String, usize> = m
            .entries
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        for source in std::mem::take(&mut m.merges) {
            for (key, node) in source.entries() {
                let at = keys.get(key).copied();
                let held_null = at.is_some_and(|i| matches!(m.entries[i].1.value, Value::Null));
                if at.is_some() && (!held_null || matches!(node.value, Value::Null)) {
                    continue;
                }
                let key_range = source
                    .span
                    .or_else(|| self.map.entry(node.id).and_then(|e| e.key));
                // The merged key is copied too (the mapping keeps it).
                let copied_at = key_range
                    .or_else(|| self.map.entry(node.id).map(|e| e.value))
                    .unwrap_or_default();
                self.count_copied_text(key.len(), copied_at)?;
                let len = self.pointer.len();
                self.pointer.push_key(key);
                let copy = self.replay(node, source.span, key_range, depth)?;
                self.pointer.truncate(len);
                if let Some(r) = self.map.entry(copy.id).map(|e| e.value) {
                    covered = Some(covered.map_or(r, |c| c.cover(r)));
                }
                match at {
                    Some(i) => m.entries[i].1 = copy,
                    None => {
                        keys.insert(key.clone(), m.entries.len());
                        m.entries.push((key.clone(), copy));
                    }
                }
            }
        }
        Ok(covered)
    }

    fn alias(&mut self, anchor: usize, range: TextRange) -> Result<(), Fatal> {
        let token = self
            .text
            .get(range.start as usize..range.end as usize)
            .unwrap_or("*")
            .to_owned();
        let template = match self.anchors.get(&anchor) {
            Some(Some(node)) => node.clone(),
            Some(None) => {
                return Err(Fatal::new(
                    range,
                    "recursive alias",
                    format!(
                        "alias `{token}` refers to a node that contains it: its value would be infinite"
                    ),
                ));
            }
            None => {
                // The anchor is on a value that was not read (that of a
                // duplicate or complex key): reported, and read as null.
                return self.unread_alias(range, &token);
            }
        };
        if let (Role::Key, Value::Str(s)) = (self.role(), &template.value) {
            // An alias as a key copies its string like any other alias.
            self.count_copied_text(s.len(), range)?;
        }
        match self.role() {
            Role::Key if !self.multi => match &template.value {
                Value::Str(s) => self.key(s.clone(), range),
                Value::Seq(_) | Value::Map(_) => self.complex_key(range, true),
                v => self.odd_key(Some(v), canonical_key(v), &token, range, true),
            },
            Role::Key => {
                let key = match &template.value {
                    Value::Str(s) => s.clone(),
                    Value::Null => "null".to_owned(),
                    Value::Bool(b) => b.to_string(),
                    Value::Int(i) => i.to_string(),
                    Value::UInt(u) => u.to_string(),
                    Value::Float(f) => f.to_string(),
                    Value::Seq(_) | Value::Map(_) => {
                        self.complex_key(range, true);
                        return Ok(());
                    }
                };
                self.key(key, range);
            }
            Role::Skip => self.skipped(),
            Role::Merge => self.merge_value(template, Some(range), &format!("`{token}`")),
            Role::Root | Role::Item | Role::Value => {
                let key = self.begin_node();
                let node = self.replay(&template, Some(range), key, self.stack.len())?;
                self.deliver(node);
            }
        }
        Ok(())
    }

    fn unread_alias(&mut self, range: TextRange, token: &str) -> Result<(), Fatal> {
        let role = self.role();
        if role == Role::Skip {
            self.skipped();
            return Ok(());
        }
        self.push_diag(SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: self.pointer.as_str().to_owned(),
                message: "not read".into(),
            },
            format!(
                "alias `{token}` refers to a value that is not read (that of a duplicate or complex key)"
            ),
        ));
        match role {
            Role::Key => {
                if let Some(m) = self.map_frame() {
                    m.state = MapState::Skip(1);
                }
            }
            Role::Merge => {
                if let Some(frame) = self.stack.last_mut() {
                    self.pointer.truncate(frame.ptr_len);
                    if let FrameKind::Map(m) = &mut frame.kind {
                        m.state = MapState::Key;
                    }
                }
            }
            Role::Root | Role::Item | Role::Value => {
                let key = self.begin_node();
                let id = self.new_entry(key, range, false, None)?;
                self.reported.push(id);
                self.deliver(YNode {
                    id,
                    value: Value::Null,
                });
            }
            Role::Skip => {}
        }
        Ok(())
    }

    /// Record the value of a `<<` key: a mapping, or a list of mappings
    /// merged in order (<https://yaml.org/type/merge.html>). Anything else
    /// is SPEC004: the whole value when it is neither, else each list item
    /// that is not a mapping, at that item, while the list's mappings are
    /// still merged (so no key they provide is reported missing).
    fn merge_value(&mut self, node: YNode, span: Option<TextRange>, shown: &str) {
        if let Some(frame) = self.stack.last_mut() {
            self.pointer.truncate(frame.ptr_len);
            if let FrameKind::Map(m) = &mut frame.kind {
                m.state = MapState::Key;
            }
        }
        let items: Vec<Option<usize>> = match &node.value {
            Value::Map(_) => vec![None],
            Value::Seq(items) => {
                let mut valid = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    if matches!(item.value, Value::Map(_)) {
                        valid.push(Some(i));
                    } else {
                        self.not_mergeable(item, span);
                    }
                }
                valid
            }
            _ => {
                let range = span.unwrap_or_else(|| {
                    self.map
                        .entry(node.id)
                        .map_or(TextRange::default(), |e| e.value)
                });
                let kind = node.kind();
                self.push_diag(SpecCode::InvalidValue.diagnostic(
                    Label {
                        file: self.file,
                        range,
                        path: self.pointer.as_str().to_owned(),
                        message: "not a mapping".into(),
                    },
                    format!(
                        "a merge key (`<<`) takes a mapping or a list of mappings; {shown} is {kind}"
                    ),
                ));
                return;
            }
        };
        if items.is_empty() {
            return;
        }
        if let Some(m) = self.map_frame() {
            m.merges.extend(items.into_iter().map(|item| MergeSource {
                node: node.clone(),
                item,
                span,
            }));
        }
    }

    /// SPEC004 at an item of a merged list that is not a mapping; when the
    /// list came through an alias, the item is underlined where the
    /// anchored list holds it, and the alias is named as where it is merged.
    fn not_mergeable(&mut self, item: &YNode, alias: Option<TextRange>) {
        let (range, path) = match self.map.entry(item.id) {
            Some(e) => (e.value, self.map.pointer(item.id)),
            None => (alias.unwrap_or_default(), self.pointer.as_str().to_owned()),
        };
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label {
                file: self.file,
                range,
                path: path.clone(),
                message: "not a mapping".into(),
            },
            format!(
                "a list after a merge key (`<<`) holds mappings only; this item is {}",
                item.kind()
            ),
        );
        if let Some(alias) = alias.filter(|a| *a != range) {
            d.related.push(Label {
                file: self.file,
                range: alias,
                path: self.pointer.as_str().to_owned(),
                message: "merged here".into(),
            });
        }
        d.help = Some(
            "remove the item, or list only mappings: `<<: [*defaults, *overrides]` (earlier mappings win)"
                .into(),
        );
        self.push_diag(d);
    }

    /// Copy an anchored node for an alias (or a merge), every copied node
    /// pointing at `span` when given, else at the original's text.
    fn replay(
        &mut self,
        t: &YNode,
        span: Option<TextRange>,
        key: Option<TextRange>,
        depth: usize,
    ) -> Result<YNode, Fatal> {
        let (value_range, container) = self
            .map
            .entry(t.id)
            .map_or((TextRange::default(), false), |e| (e.value, e.container));
        let range = span.unwrap_or(value_range);
        self.replayed += 1;
        if self.replayed > self.limits.max_alias_expansions {
            return Err(Fatal::limit(
                range,
                "expanded here",
                format!(
                    "aliases and merge keys expand to more than {} values: is this an alias bomb?",
                    self.limits.max_alias_expansions
                ),
            ));
        }
        if container {
            self.check_depth(depth + 1, range)?;
        }
        let id = self.new_entry(key, range, container, Some(t.id))?;
        if let Some(tag) = self.map.tag(t.id).map(str::to_owned) {
            self.map.set_tag(id, &tag);
        }
        // A copy repeats its strings and keys: bound their text too, or a
        // 20,000-character string copied by 100,000 aliases takes 2 GB.
        self.count_copied_text(
            match &t.value {
                Value::Str(text) => text.len(),
                Value::Map(entries) => entries.iter().map(|(k, _)| k.len()).sum(),
                _ => 0,
            },
            range,
        )?;
        let value = match &t.value {
            Value::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = self.pointer.len();
                    self.pointer.push_index(i);
                    out.push(self.replay(item, span, None, depth + 1)?);
                    self.pointer.truncate(len);
                }
                Value::Seq(out.into())
            }
            Value::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries.iter() {
                    let len = self.pointer.len();
                    self.pointer.push_key(k);
                    let key_range = span.or_else(|| self.map.entry(v.id).and_then(|e| e.key));
                    out.push((k.clone(), self.replay(v, span, key_range, depth + 1)?));
                    self.pointer.truncate(len);
                }
                Value::Map(out.into())
            }
            Value::Float(f) if !f.is_finite() => {
                self.report_non_finite(id, value_range, range);
                Value::Float(*f)
            }
            v => v.clone(),
        };
        Ok(YNode { id, value })
    }

    /// Remember a finished anchored node for its aliases.
    fn anchored(&mut self, anchor: usize, node: &YNode) {
        if anchor != 0 {
            self.anchors.insert(anchor, Some(node.clone()));
        }
    }

    /// Hand a finished node to its parent.
    fn deliver(&mut self, node: YNode) {
        let node_range = self.map.entry(node.id).map(|e| (e.value, e.key));
        let Some(frame) = self.stack.last_mut() else {
            self.roots.push(node);
            return;
        };
        if let Some((value, key)) = node_range {
            frame.range = frame.range.cover(value);
            if let Some(k) = key {
                frame.range = frame.range.cover(k);
            }
        }
        let ptr_len = frame.ptr_len;
        let merge = match &mut frame.kind {
            FrameKind::Seq(items) => {
                items.push(node);
                None
            }
            FrameKind::Map(m) => match std::mem::replace(&mut m.state, MapState::Key) {
                MapState::Value { key, .. } => {
                    m.entries.push((key, node));
                    if m.index.is_none() && m.entries.len() > SCAN_KEYS {
                        let map = &self.map;
                        m.index = Some(
                            m.entries
                                .iter()
                                .map(|(k, n)| {
                                    let key_range =
                                        map.entry(n.id).and_then(|e| e.key).unwrap_or_default();
                                    (k.clone(), key_range)
                                })
                                .collect(),
                        );
                    }
                    None
                }
                MapState::Merge => Some(node),
                MapState::Key | MapState::Skip(_) => None,
            },
        };
        self.pointer.truncate(ptr_len);
        if let Some(node) = merge {
            self.merge_value(node, None, "this value");
        }
    }
}

/// A key as messages name it: ``key `name` ``, or "an empty key" (never
/// `~`, which is not in the file).
fn key_shown(text: &str) -> String {
    if text.is_empty() {
        "an empty key".to_owned()
    } else {
        format!("key `{text}`")
    }
}

/// Decimal digits of a list index, without an allocation per item.
fn itoa(mut n: usize) -> ItoaBuf {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    ItoaBuf { buf, at }
}

struct ItoaBuf {
    buf: [u8; 20],
    at: usize,
}

impl ItoaBuf {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.at..]).unwrap_or("0")
    }
}

/// What a tag on a node asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagKind {
    /// A YAML 1.2 core-schema tag: `str`, `int`, `float`, `bool`, `null`,
    /// `map` or `seq`.
    Core(&'static str),
    /// `!!merge`, honoured on a `<<` key.
    Merge,
    /// The non-specific tag `!` (a scalar so tagged is a string).
    NonSpecific,
    /// Any other tag (`!Ref`, `!!python/object:os.system`): not read.
    Other,
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

/// Classify a tag by what it resolves to (so `!!int` and
/// `!<tag:yaml.org,2002:int>` are the same tag).
pub(crate) fn tag_kind(tag: &Tag) -> TagKind {
    if let Some(suffix) = tag.core_suffix() {
        const CORE: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];
        return CORE
            .iter()
            .find(|c| **c == suffix)
            .map_or(TagKind::Other, |c| TagKind::Core(c));
    }
    let (handle, suffix) = tag.parts();
    let merge = handle.len() + suffix.len() == CORE_PREFIX.len() + "merge".len()
        && format!("{handle}{suffix}") == "tag:yaml.org,2002:merge";
    if merge {
        return TagKind::Merge;
    }
    if matches!(tag.original().as_str(), "!" | "!!") {
        return TagKind::NonSpecific;
    }
    TagKind::Other
}

/// A key's YAML value as a string, for comparing keys that are not
/// strings: equal for equal values (`010` and `10`; `~` and an empty key).
fn canonical_key(v: &Value) -> String {
    canonical_key_of(v, "")
}

/// [`canonical_key`] of a key written `text`: an integer past 64 bits
/// (held as a float, so two of them may round alike) is compared by its
/// digits in its radix, leading zeros and a `+` dropped (`0x00FF…` and
/// `0xff…` are one key; across radices such keys are not compared).
fn canonical_key_of(v: &Value, text: &str) -> String {
    if matches!(v, Value::Float(_)) && is_core_int(text) {
        let (radix, digits) = if let Some(d) = text.strip_prefix("0x") {
            ("x", d.to_ascii_lowercase())
        } else if let Some(d) = text.strip_prefix("0o") {
            ("o", d.to_owned())
        } else if let Some(d) = text.strip_prefix('-') {
            ("-", d.to_owned())
        } else {
            ("", text.strip_prefix('+').unwrap_or(text).to_owned())
        };
        return format!("bigint:{radix}{}", digits.trim_start_matches('0'));
    }
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("bool:{b}"),
        Value::Int(i) => format!("int:{i}"),
        Value::UInt(u) => format!("int:{u}"),
        Value::Float(f) => format!("float:{f:?}"),
        Value::Str(s) => format!("str:{s}"),
        Value::Seq(_) | Value::Map(_) => String::new(),
    }
}

/// The null forms of the core schema (§10.3.2), the empty scalar included.
fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// The boolean forms of the core schema: `true|True|TRUE|false|False|FALSE`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// An integer of the core schema (§10.3.2): `[-+]?[0-9]+` (leading zeros
/// are decimal: `010` is 10), `0o[0-7]+` or `0x[0-9a-fA-F]+`. `None` when
/// the text is not of these forms; `Some(None)` when it is but does not
/// fit 64 bits.
fn core_int(t: &str) -> Option<Option<Value>> {
    let radix_digits = |body: &str, radix: u32| -> Option<Option<Value>> {
        if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        Some(u64::from_str_radix(body, radix).ok().map(Value::UInt))
    };
    if let Some(body) = t.strip_prefix("0o") {
        return radix_digits(body, 8);
    }
    if let Some(body) = t.strip_prefix("0x") {
        return radix_digits(body, 16);
    }
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = body.parse::<u128>().ok();
    Some(magnitude.and_then(|m| {
        if neg {
            let v = i128::try_from(m).ok()?.checked_neg()?;
            i64::try_from(v).ok().map(Value::Int)
        } else {
            u64::try_from(m).ok().map(Value::UInt)
        }
    }))
}

/// Whether `t` has an integer form of the core schema (§10.3.2), whatever
/// its size: `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
pub(crate) fn is_core_int(t: &str) -> bool {
    core_int(t).is_some()
}

/// An integer of the core schema too large for 64 bits, held as the
/// nearest finite float (the tree has no wider integer): decimal, octal
/// and hexadecimal alike, so that every reader of a number reports it as
/// out of range (it checks [`is_core_int`] on the text), never reads it
/// as a string or a non-finite number.
fn too_large_int(t: &str) -> f64 {
    let (radix, body) = if let Some(b) = t.strip_prefix("0o") {
        (8.0, b)
    } else if let Some(b) = t.strip_prefix("0x") {
        (16.0, b)
    } else {
        // Decimal: the float form includes it, correctly rounded.
        let f = t.parse::<f64>().unwrap_or(f64::MAX);
        return f.clamp(f64::MIN, f64::MAX);
    };
    body.chars()
        .filter_map(|c| c.to_digit(16))
        .fold(0.0_f64, |acc, d| acc.mul_add(radix, f64::from(d)))
        .min(f64::MAX)
}

/// Whether `t` is a decimal float numeral,
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`: the core
/// schema's (§10.3.2), and go-yaml v2's `yamlStyleFloat` (the same pattern).
fn float_numeral(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    if b.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return false;
        }
        i += 1 + n;
    } else {
        let n = digits(i);
        if n == 0 {
            return false;
        }
        i += n;
        if b.get(i) == Some(&b'.') {
            i += 1 + digits(i + 1);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// A float of the core schema (§10.3.2):
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`,
/// `[-+]?\.(inf|Inf|INF)` or `\.(nan|NaN|NAN)`. A numeral too large for a
/// float (`1e999`) is infinite.
fn core_float(t: &str) -> Option<f64> {
    if matches!(t, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    let (neg, unsigned) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if !float_numeral(t) {
        return None;
    }
    t.parse::<f64>().ok()
}

/// A plain scalar by the YAML 1.2 core schema (§10.3.2).
fn resolve_plain(value: Cow<'_, str>) -> Value {
    let t = value.as_ref();
    if is_null(t) {
        return Value::Null;
    }
    if let Some(b) = parse_bool(t) {
        return Value::Bool(b);
    }
    match core_int(t) {
        Some(Some(v)) => return v,
        Some(None) => return Value::Float(too_large_int(t)),
        None => {}
    }
    if let Some(f) = core_float(t) {
        return Value::Float(f);
    }
    Value::Str(value.into_owned())
}

/// The kind (as [`YNode::kind`] names it) of a plain scalar written `text`.
pub(crate) fn plain_kind(text: &str) -> &'static str {
    YNode {
        id: u32::MAX,
        value: resolve_plain(Cow::Borrowed(text)),
    }
    .kind()
}

/// Resolve a scalar to its value by the YAML 1.2 core schema, honouring the
/// core tags. A scalar that is not of its tag's type, or carries a tag the
/// loader does not read, gives its text and a message.
fn resolve(
    value: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    manifest: bool,
) -> Result<Value, (String, String)> {
    let Some(tag) = tag else {
        if style != ScalarStyle::Plain {
            return Ok(Value::Str(value.into_owned()));
        }
        return Ok(resolve_plain(value));
    };
    let wrong = |value: Cow<'_, str>, what: &str| {
        let v = value.into_owned();
        let shown = if v.is_empty() {
            "an empty value".to_owned()
        } else {
            format!("`{v}`")
        };
        let msg = format!("{shown} is tagged `{}` but is not {what}", tag.original());
        (v, msg)
    };
    match tag_kind(tag) {
        TagKind::Core("str") | TagKind::NonSpecific => Ok(Value::Str(value.into_owned())),
        TagKind::Core("null") if is_null(&value) => Ok(Value::Null),
        TagKind::Core("null") => Err(wrong(value, "null")),
        TagKind::Core("bool") => match parse_bool(&value) {
            Some(b) => Ok(Value::Bool(b)),
            None => Err(wrong(value, "a boolean")),
        },
        TagKind::Core("int") => match core_int(&value) {
            Some(Some(v)) => Ok(v),
            Some(None) => Ok(Value::Float(too_large_int(&value))),
            None => Err(wrong(value, "an integer")),
        },
        TagKind::Core("float") => match core_float(&value) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(wrong(value, "a number")),
        },
        TagKind::Core(kind @ ("map" | "seq")) => {
            let what = if kind == "map" { "a mapping" } else { "a list" };
            Err(wrong(value, what))
        }
        TagKind::Merge => Err(wrong(value, "a merge key (`<<`)")),
        TagKind::Core(_) | TagKind::Other => {
            let v = value.into_owned();
            let msg = unsupported_tag(tag, manifest);
            Err((v, msg))
        }
    }
}

/// The message for a tag the loader does not read (in a spec, or in a
/// manifest). A tag written with a handle the file's `%TAG` directive
/// redefines (`!!int` meaning `tag:example.com,2000:int`) is named by what
/// it resolves to.
fn unsupported_tag(tag: &Tag, manifest: bool) -> String {
    let original = tag.original();
    let (handle, suffix) = tag.parts();
    let resolved = format!("{handle}{suffix}");
    let named = if tag.original_handle() == "!!" && handle != CORE_PREFIX {
        format!(
            "tag `{original}` resolves to `{resolved}` (by this file's `%TAG` directive), which"
        )
    } else {
        format!("tag `{original}`")
    };
    if manifest {
        return format!(
            "{named} is not read: kubectl drops a tag it does not know and reads the text, and only the core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!binary`, `!!map`, `!!seq`, `!!merge`) mean the same to every reader of a manifest"
        );
    }
    format!(
        "{named} is not read: a spec is plain YAML, and only the core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`, `!!merge`) are honoured"
    )
}

/// The tree seen as JSON by the schema validator, in place (no copy).
/// Non-finite floats read as null (they are reported already).
#[derive(Debug)]
pub(crate) struct YamlJson;

impl Json for YamlJson {
    type Node<'a> = &'a YNode;
    type PreparedKey = String;
    type StringBuffer = YNode;
    const KEYS_PER_LOOKUP: usize = 8;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(buffer: &mut YNode, string: &str, f: impl FnOnce(&YNode) -> T) -> T {
        buffer.value = Value::Str(string.to_owned());
        f(buffer)
    }
}

impl Default for YNode {
    fn default() -> Self {
        Self {
            id: u32::MAX,
            value: Value::Null,
        }
    }
}

/// A number of the tree, for the validator.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Number {
    Int(i64),
    UInt(u64),
    Float(f64),
}

impl JsonNumber for Number {
    fn as_u64(&self) -> Option<u64> {
        match *self {
            Self::Int(i) => u64::try_from(i).ok(),
            Self::UInt(u) => Some(u),
            Self::Float(_) => None,
        }
    }
    fn as_i64(&self) -> Option<i64> {
        match *self {
            Self::Int(i) => Some(i),
            Self::UInt(u) => i64::try_from(u).ok(),
            Self::Float(_) => None,
        }
    }
    #[allow(clippy::cast_precision_loss)]
    fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            Self::Int(i) => i as f64,
            Self::UInt(u) => u as f64,
            Self::Float(f) => f,
        })
    }
    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(match *self {
            Self::Int(i) => i.to_string(),
            Self::UInt(u) => u.to_string(),
            Self::Float(f) => f.to_string(),
        })
    }
    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Owned(match *self {
            Self::Int(i) => i.into(),
            Self::UInt(u) => u.into(),
            Self::Float(f) => serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into()),
        })
    }
    fn is_integer(&self) -> bool {
        match *self {
            Self::Int(_) | Self::UInt(_) => true,
            Self::Float(f) => f.is_finite() && f.fract() == 0.0,
        }
    }
    fn is_written_as_integer(&self) -> bool {
        !matches!(self, Self::Float(_))
    }
}

impl<'a> Node<'a, YamlJson> for &'a YNode {
    type Object = &'a [(String, YNode)];
    type Array = &'a [YNode];
    type Number = Number;

    fn as_object(&self) -> Option<&'a [(String, YNode)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    fn as_array(&self) -> Option<&'a [YNode]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }
    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.value {
            Value::Str(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }
    fn as_number(&self) -> Option<Number> {
        match self.value {
            Value::Int(i) => Some(Number::Int(i)),
            Value::UInt(u) => Some(Number::UInt(u)),
            Value::Float(f) if f.is_finite() => Some(Number::Float(f)),
            _ => None,
        }
    }
    fn as_boolean(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self.value, Value::Null) || matches!(self.value, Value::Float(f) if !f.is_finite())
    }
    fn json_type(&self) -> JsonType {
        match &self.value {
            Value::Null => JsonType::Null,
            Value::Float(f) if !f.is_finite() => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => JsonType::Number,
            Value::Str(_) => JsonType::String,
            Value::Seq(_) => JsonType::Array,
            Value::Map(_) => JsonType::Object,
        }
    }
    fn to_value(&self) -> Cow<'a, serde_json::Value> {
        Cow::Owned(to_json(self))
    }
    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<YNode>(*self) as usize
        ))
    }
}

impl<'a> Object<'a, YamlJson> for &'a [(String, YNode)] {
    type Node = &'a YNode;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        <[(String, YNode)]>::len(self)
    }
    fn get(&self, key: &String) -> Option<&'a YNode> {
        self.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn members(&self) -> Members<'a> {
        Members(self.iter())
    }
}

/// The entries of a mapping, for the validator.
#[derive(Debug)]
pub(crate) struct Members<'a>(std::slice::Iter<'a, (String, YNode)>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, &'a YNode);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_str(), v))
    }
}

impl<'a> Array<'a, YamlJson> for &'a [YNode] {
    type Node = &'a YNode;
    type ElementsIter = std::slice::Iter<'a, YNode>;

    fn len(&self) -> usize {
        <[YNode]>::len(self)
    }
    fn elements(&self) -> std::slice::Iter<'a, YNode> {
        self.iter()
    }
}

/// A node as a JSON value (for the validator's error messages only).
/// Non-finite floats become null.
pub(crate) fn to_json(node: &YNode) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::UInt(u) => J::from(*u),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::Str(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    //! The tree against serde-saphyr's reading of the same text (the reader
    //! the loader used before building its tree from the events directly).

    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::{Value, YNode, parse, to_json};

    /// Every escape of YAML 1.2.2 §5.7 is valid; any other character after
    /// a backslash is the one `bad_escape` points at.
    #[test]
    fn bad_escape_knows_the_escapes_of_yaml() {
        for c in "0abt\tnvfre \"/\\N_LPxuU".chars() {
            let text = format!("k: \"a\\{c}b\" # \\q");
            assert_eq!(super::bad_escape(&text, 3), None, "{c:?}");
        }
        for c in ['q', 'c', 'd', '%', 'é', '\'', 'z'] {
            let text = format!("k: \"a\\\\b\\{c}\"");
            assert_eq!(super::bad_escape(&text, 3), Some((8, c)), "{c:?}");
        }
    }
    use crate::source::{FileId, SourceFile};
    use crate::{Diagnostic, Limits};

    const SCALARS: &[&str] = &[
        "null",
        "~",
        "Null",
        "true",
        "True",
        "FALSE",
        "yes",
        "on",
        "0",
        "-0",
        "0x1F",
        "0X1F",
        "0o17",
        "+12",
        "-12",
        "1.5",
        ".5",
        "5.",
        "1e3",
        "-1E-3",
        ".inf",
        "-.inf",
        "+.nan",
        "1e999",
        "12345678901234567890123",
        "-9223372036854775809",
        "18446744073709551615",
        "abc",
        "a b",
        "'single'",
        "\"double\"",
        "\"\\u00e9\\n\"",
        "!!str 12",
        "!!int 12",
        "!!float 1",
        "!!bool true",
        "!!null ~",
        "! 12",
        "10.0.0.0/16",
    ];

    #[derive(Clone, Debug)]
    enum Doc {
        Scalar(&'static str),
        Seq(Vec<Doc>),
        Map(Vec<(String, Doc)>),
    }

    fn doc() -> impl Strategy<Value = Doc> {
        let leaf = prop::sample::select(SCALARS).prop_map(Doc::Scalar);
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Doc::Seq),
                prop::collection::btree_map("k[0-9]", inner, 0..5)
                    .prop_map(|m| Doc::Map(m.into_iter().collect())),
            ]
        })
    }

    fn flow(d: &Doc) -> String {
        match d {
            Doc::Scalar(s) => (*s).to_owned(),
            Doc::Seq(items) => format!(
                "[{}]",
                items.iter().map(flow).collect::<Vec<_>>().join(", ")
            ),
            Doc::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", flow(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn block(d: &Doc, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match d {
            Doc::Map(entries) if !entries.is_empty() => {
                for (k, v) in entries {
                    match v {
                        Doc::Map(e) if !e.is_empty() && indent < 6 => {
                            out.push_str(&format!("{pad}{k}:\n"));
                            block(v, indent + 2, out);
                        }
                        Doc::Seq(e) if !e.is_empty() && indent < 6 => {
                            out.push_str(&format!("{pad}{k}:\n"));
                            block(v, indent + 2, out);
                        }
                        _ => out.push_str(&format!("{pad}{k}: {}\n", flow(v))),
                    }
                }
            }
            Doc::Seq(items) if !items.is_empty() => {
                for item in items {
                    out.push_str(&format!("{pad}- {}\n", flow(item)));
                }
            }
            _ => out.push_str(&format!("{pad}{}\n", flow(d))),
        }
    }

    /// Our tree and our diagnostics, less the non-finite numbers (which
    /// serde-saphyr passes through as they are).
    fn ours(text: &str) -> (Option<YNode>, Vec<Diagnostic>) {
        let mut file = SourceFile::new("t.yaml".into(), text.to_owned());
        let mut diags = Vec::new();
        let mut reported = HashSet::new();
        let root = parse(
            FileId(0),
            &mut file,
            &Limits::default(),
            &mut diags,
            &mut reported,
        );
        diags.retain(|d| !d.message.ends_with("is not a finite number"));
        (root, diags)
    }

    fn reference(text: &str) -> Option<serde_json::Value> {
        let options = serde_saphyr::options! {
            strict_booleans: true,
            non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::PassThrough,
        };
        serde_saphyr::from_str_with_options(text, options).ok()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// Where serde-saphyr reads a document, the tree holds the same
        /// values; where the tree is read without a problem, so does it.
        #[test]
        fn tree_matches_serde_saphyr(d in doc(), as_block in any::<bool>(), anchors in any::<bool>()) {
            let mut text = String::new();
            if as_block {
                block(&d, 0, &mut text);
            } else {
                text = format!("{}\n", flow(&d));
            }
            if anchors && matches!(d, Doc::Map(_)) {
                text.push_str("anchored: &x {a: 1, b: [2, 3]}\nalias: *x\nmerged: {<<: *x, a: 4}\n");
            }
            let (root, diags) = ours(&text);
            let expected = reference(&text);
            if let (Some(root), Some(expected)) = (&root, &expected)
                && diags.is_empty()
            {
                prop_assert_eq!(&to_json(root), expected, "\n{}", text);
            }
            if root.is_some() && diags.is_empty() {
                prop_assert!(expected.is_some(), "serde-saphyr refuses:\n{}", text);
            }
        }
    }

    /// The tree and the file (with its source map) of `text`.
    fn ours_with_file(text: &str) -> (Option<YNode>, SourceFile) {
        let mut file = SourceFile::new("t.yaml".into(), text.to_owned());
        let root = parse(
            FileId(0),
            &mut file,
            &Limits::default(),
            &mut Vec::new(),
            &mut HashSet::new(),
        );
        (root, file)
    }

    /// Each node's pointer as the tree gives it (RFC 6901: keys escaped).
    fn tree_pointers(node: &YNode, pointer: &str, out: &mut Vec<(u32, String)>) {
        out.push((node.id, pointer.to_owned()));
        match &node.value {
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    tree_pointers(item, &format!("{pointer}/{i}"), out);
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries.iter() {
                    let token = k.replace('~', "~0").replace('/', "~1");
                    tree_pointers(v, &format!("{pointer}/{token}"), out);
                }
            }
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// The source map keeps each node's parent and the end of its
        /// pointer only: the pointer it rebuilds is the one the tree gives
        /// the node (copies by aliases and merges included), and looking
        /// that pointer up finds a node with it.
        #[test]
        fn pointers_rebuild_from_parents(d in doc(), anchors in any::<bool>()) {
            let mut text = format!("v: {}\n\"a/b~c\": {{\"d/e\": [1, {{\"~\": 2}}], \"\": 0}}\n", flow(&d));
            if anchors {
                text.push_str("\"k/~\": &x {\"a/\": 1, b: [2, {\"~1\": 3}]}\nalias: *x\nmerged: {<<: *x, \"n/\": 4}\nitems: [*x, *x]\n");
            }
            let (root, file) = ours_with_file(&text);
            let root = root.unwrap_or_else(|| panic!("no tree:\n{text}"));
            let mut pointers = Vec::new();
            tree_pointers(&root, "", &mut pointers);
            for (node, pointer) in pointers {
                prop_assert_eq!(file.map.pointer(node), pointer.clone(), "\n{}", text);
                prop_assert!(file.map.pointer_is(node, &pointer));
                let longer = format!("{pointer}x");
                prop_assert!(!file.map.pointer_is(node, &longer));
                let found = file.map.lookup(&pointer);
                prop_assert!(found.is_some_and(|n| file.map.pointer(n) == pointer), "{}", pointer);
            }
        }
    }

    /// A long key above many nodes, and the copies aliases make of them,
    /// cost the key's length once: the pointer text the source map keeps
    /// stays within a small multiple of the file (it was the key's length
    /// times the number of nodes: 3.9 GB for a 20,000-character key above
    /// 200,000 items in an 820 KB file).
    #[test]
    fn long_keys_cost_their_length_once() {
        let key = "k".repeat(20_000);
        let mut text = format!("? {key}\n: &a\n");
        for i in 0..2_000 {
            text.push_str(&format!("  - {{x{i}: 1}}\n"));
        }
        text.push_str("copies: [*a, *a, *a]\n");
        let (root, file) = ours_with_file(&text);
        assert!(root.is_some());
        assert!(file.map.len() > 4 * 2_000, "{}", file.map.len());
        assert!(
            file.map.segment_bytes() < 2 * text.len(),
            "{} bytes of pointers for {} bytes of YAML",
            file.map.segment_bytes(),
            text.len()
        );
        let deep = file.map.lookup("/copies/2/1999/x1999");
        assert!(deep.is_some());
        let own = file.map.lookup(&format!("/{key}/1999/x1999"));
        assert!(own.is_some_and(|n| file.map.pointer(n).len() == key.len() + 12));
    }

    #[test]
    fn scalars_resolve_like_serde_saphyr() {
        for s in SCALARS {
            let text = format!("v: {s}\n");
            let (root, diags) = ours(&text);
            let expected = reference(&text);
            match (root, expected) {
                (Some(root), Some(expected)) if diags.is_empty() => {
                    assert_eq!(to_json(&root), expected, "{s}");
                }
                (root, expected) => {
                    // Tagged scalars that are not of their tag's type: an
                    // error either way (ours a located SPEC004).
                    assert!(
                        expected.is_none() && (root.is_none() || !diags.is_empty()),
                        "{s}"
                    );
                }
            }
        }
    }

    /// Where serde-saphyr reads YAML 1.1 forms, the tree follows YAML 1.2.2
    /// §10.3.2: `[-+]?[0-9]+` is decimal whatever its leading zeros,
    /// `0b`/underscores are text.
    #[test]
    fn core_schema_where_serde_saphyr_differs() {
        let cases: &[(&str, serde_json::Value)] = &[
            ("007", serde_json::json!(7)),
            ("010", serde_json::json!(10)),
            ("07", serde_json::json!(7)),
            ("-010", serde_json::json!(-10)),
            ("+007", serde_json::json!(7)),
            ("0b11", serde_json::json!("0b11")),
            ("0b101", serde_json::json!("0b101")),
            ("1_0", serde_json::json!("1_0")),
            ("3_6", serde_json::json!("3_6")),
            ("1_000", serde_json::json!("1_000")),
            ("+0x1F", serde_json::json!("+0x1F")),
            ("-0o17", serde_json::json!("-0o17")),
            ("0o8", serde_json::json!("0o8")),
            ("0x", serde_json::json!("0x")),
            ("yes", serde_json::json!("yes")),
            ("tRUE", serde_json::json!("tRUE")),
            ("nULL", serde_json::json!("nULL")),
            ("1.", serde_json::json!(1.0)),
            ("1e", serde_json::json!("1e")),
            ("e3", serde_json::json!("e3")),
            (".", serde_json::json!(".")),
            ("+.5e+3", serde_json::json!(500.0)),
        ];
        for (text, expected) in cases {
            let (root, diags) = ours(&format!("v: {text}\n"));
            assert!(diags.is_empty(), "{text}: {diags:?}");
            let root = root.unwrap_or_else(|| panic!("{text}: no tree"));
            assert_eq!(to_json(&root)["v"], *expected, "{text}");
        }
    }

    fn value_of(text: &str) -> Value {
        let (root, diags) = ours(&format!("v: {text}\n"));
        assert!(diags.is_empty(), "{text}: {diags:?}");
        let root = root.unwrap_or_else(|| panic!("{text}: no tree"));
        root.as_map()
            .and_then(|m| m.first())
            .map_or(Value::Null, |(_, n)| n.value.clone())
    }

    fn int_of(v: &Value) -> Option<i128> {
        match *v {
            Value::Int(i) => Some(i128::from(i)),
            Value::UInt(u) => Some(i128::from(u)),
            _ => None,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        /// Every spelling of an integer the core schema allows reads as
        /// that integer; the YAML 1.1 spellings it does not allow stay text.
        #[test]
        fn integers_resolve_by_the_core_schema(n in any::<i64>(), u in any::<u64>(), zeros in 0usize..4, at in 1usize..6) {
            let pad = "0".repeat(zeros);
            let sign = if n < 0 { "-" } else { "+" };
            let text = format!("{sign}{pad}{}", n.unsigned_abs());
            prop_assert_eq!(int_of(&value_of(&text)), Some(i128::from(n)), "{}", text);
            prop_assert_eq!(int_of(&value_of(&format!("{pad}{u}"))), Some(i128::from(u)));
            prop_assert_eq!(int_of(&value_of(&format!("0x{u:x}"))), Some(i128::from(u)));
            prop_assert_eq!(int_of(&value_of(&format!("0x{u:X}"))), Some(i128::from(u)));
            prop_assert_eq!(int_of(&value_of(&format!("0o{u:o}"))), Some(i128::from(u)));
            let binary = format!("0b{u:b}");
            prop_assert!(matches!(value_of(&binary), Value::Str(_)), "{}", binary);
            let digits = u.to_string();
            if digits.len() > at {
                let underscored = format!("{}_{}", &digits[..at], &digits[at..]);
                prop_assert!(matches!(value_of(&underscored), Value::Str(_)), "{}", underscored);
            }
        }

        /// Floats written in decimal or exponent form read back exactly.
        #[test]
        fn floats_resolve_by_the_core_schema(f in -1e300f64..1e300) {
            for text in [format!("{f:?}"), format!("{f:e}"), format!("{f:E}")] {
                let text = if text.contains(['.', 'e', 'E']) { text } else { format!("{text}.0") };
                match value_of(&text) {
                    Value::Float(g) => prop_assert_eq!(g, f, "{}", text),
                    other => prop_assert!(false, "{} read as {:?}", text, other),
                }
            }
        }
    }

    /// Tags: the core ones are honoured, any other is SPEC004 at the tag.
    #[test]
    fn tags() {
        let (root, diags) = ours(
            "a: !!int 010\nb: !!float 3\nc: !!str 12\nd: !!map {x: 1}\ne: !!seq [1]\nf: !!null null\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let root = root.unwrap_or_else(|| panic!("no tree"));
        assert_eq!(
            to_json(&root),
            serde_json::json!({"a": 10, "b": 3.0, "c": "12", "d": {"x": 1}, "e": [1], "f": null})
        );
        for (text, tag) in [
            (
                "port: !!python/object:os.system 80\n",
                "!!python/object:os.system",
            ),
            ("port: !Ref x\n", "!Ref"),
            ("vpc: !Custom {cidr: 10.0.0.0/16}\n", "!Custom"),
            ("vpc: !!seq {cidr: 10.0.0.0/16}\n", "!!seq"),
            ("peers: !!map [a]\n", "!!map"),
            ("port: !!map 80\n", "!!map"),
            ("port: !!int 0b11\n", "!!int"),
            ("port: !!bool yes\n", "!!bool"),
            ("!Ref port: 80\n", "!Ref"),
        ] {
            let (_, diags) = ours(text);
            assert_eq!(diags.len(), 1, "{text}: {diags:?}");
            let d = &diags[0];
            assert_eq!(d.code, "SPEC004", "{text}");
            let r = d.primary.range;
            assert_eq!(&text[r.start as usize..r.end as usize], tag, "{text}");
        }
    }

    /// `!!merge <<` merges; two `<<` keys are SPEC002 at both.
    #[test]
    fn merge_keys() {
        let base = "a: &a {x: 1}\nb: &b {y: 2}\n";
        for merged in ["{<<: *a, z: 3}", "{!!merge <<: *a, z: 3}"] {
            let (root, diags) = ours(&format!("{base}m: {merged}\n"));
            assert!(diags.is_empty(), "{merged}: {diags:?}");
            let root = root.unwrap_or_else(|| panic!("no tree"));
            assert_eq!(to_json(&root)["m"], serde_json::json!({"z": 3, "x": 1}));
        }
        let (root, diags) = ours(&format!("{base}m: {{<<: [*a, *b], x: 0}}\n"));
        assert!(diags.is_empty(), "{diags:?}");
        let root = root.unwrap_or_else(|| panic!("no tree"));
        assert_eq!(to_json(&root)["m"], serde_json::json!({"x": 0, "y": 2}));
        for m in [
            "m:\n  <<: *a\n  <<: *b\n",
            "m:\n  <<: *a\n  !!merge <<: {y: 3}\n",
        ] {
            let text = format!("{base}{m}");
            let (_, diags) = ours(&text);
            assert_eq!(diags.len(), 1, "{diags:?}");
            let d = &diags[0];
            assert_eq!(d.code, "SPEC002");
            let span = |r: crate::TextRange| &text[r.start as usize..r.end as usize];
            assert_eq!(span(d.primary.range), "<<");
            assert_eq!(d.related.len(), 1);
            assert_eq!(span(d.related[0].range), "<<");
            assert!(d.related[0].range.start < d.primary.range.start);
        }
    }

    /// The value of `<<` per <https://yaml.org/type/merge.html>: a mapping
    /// or a list of mappings, earlier mappings winning and the host's own
    /// keys winning over all. A list item that is not a mapping is SPEC004
    /// at that item (PyYAML and ruamel refuse the whole document there:
    /// "expected a mapping for merging"); the list's mappings are still
    /// merged, so the keys they give are never reported missing. Each case:
    /// the host after merging, and the text under each SPEC004.
    #[test]
    fn merge_values_that_are_not_mappings() {
        let base = "a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\ns: &s 5\nl: &l [{p: 1}, {p: 2, q: 3}]\nbad: &bad [{p: 1}, 5]\n";
        let cases: [(&str, serde_json::Value, &[&str]); 17] = [
            (
                "m:\n  <<: [*a, 5]\n  k: 0\n",
                serde_json::json!({"k": 0, "x": 1, "y": 2}),
                &["5"],
            ),
            (
                "m: {<<: [*a, 5], k: 0}\n",
                serde_json::json!({"k": 0, "x": 1, "y": 2}),
                &["5"],
            ),
            (
                "m:\n  <<: [5, *a, ~, 'x']\n",
                serde_json::json!({"x": 1, "y": 2}),
                &["5", "~", "'x'"],
            ),
            ("m:\n  <<: ~\n  k: 0\n", serde_json::json!({"k": 0}), &["~"]),
            ("m:\n  <<:\n  k: 0\n", serde_json::json!({"k": 0}), &[""]),
            ("m:\n  <<: 5\n  k: 0\n", serde_json::json!({"k": 0}), &["5"]),
            (
                "m:\n  <<: [5]\n  k: 0\n",
                serde_json::json!({"k": 0}),
                &["5"],
            ),
            ("m:\n  <<: []\n  k: 0\n", serde_json::json!({"k": 0}), &[]),
            ("m:\n  <<: {}\n  k: 0\n", serde_json::json!({"k": 0}), &[]),
            // A container's range runs from its start to its last child.
            (
                "m:\n  <<: [*a, [*b]]\n",
                serde_json::json!({"x": 1, "y": 2}),
                &["[*b"],
            ),
            (
                "m:\n  <<: *s\n  k: 0\n",
                serde_json::json!({"k": 0}),
                &["*s"],
            ),
            // An alias to a list of mappings is a list of mappings.
            (
                "m:\n  <<: *l\n  k: 0\n",
                serde_json::json!({"k": 0, "p": 1, "q": 3}),
                &[],
            ),
            // Its bad item is underlined where the anchored list holds it.
            ("m:\n  <<: *bad\n", serde_json::json!({"p": 1}), &["5"]),
            // Earlier mappings win; the host's keys win over all.
            (
                "m:\n  <<: [*a, *b]\n  x: 9\n",
                serde_json::json!({"x": 9, "y": 2, "z": 4}),
                &[],
            ),
            (
                "m:\n  <<: [*b, *a]\n",
                serde_json::json!({"y": 3, "z": 4, "x": 1}),
                &[],
            ),
            (
                "m:\n  <<: [{y: 5}, 7, *b]\n",
                serde_json::json!({"y": 5, "z": 4}),
                &["7"],
            ),
            (
                "m: {<<: *l, <<: *a}\n",
                serde_json::json!({"p": 1, "q": 3}),
                &[],
            ),
        ];
        for (m, want, bad) in cases {
            let text = format!("{base}{m}");
            let (root, diags) = ours(&text);
            let root = root.unwrap_or_else(|| panic!("no tree"));
            assert_eq!(to_json(&root)["m"], want, "{m}");
            let span = |r: crate::TextRange| &text[r.start as usize..r.end as usize];
            let invalid: Vec<&str> = diags
                .iter()
                .filter(|d| d.code == "SPEC004")
                .map(|d| span(d.primary.range))
                .collect();
            assert_eq!(invalid, bad, "{m}: {diags:?}");
            let others: Vec<_> = diags.iter().filter(|d| d.code != "SPEC004").collect();
            let duplicate = m.matches("<<").count() > 1;
            assert_eq!(others.len(), usize::from(duplicate), "{m}: {others:?}");
        }
        // Where the item is, as a JSON Pointer; an aliased list names the alias.
        let text = format!("{base}m:\n  <<: [*a, 5]\nn:\n  <<: *bad\n");
        let (_, diags) = ours(&text);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(diags[0].primary.path, "/m/<</1");
        assert_eq!(
            diags[0].message,
            "a list after a merge key (`<<`) holds mappings only; this item is an integer"
        );
        assert!(diags[0].related.is_empty());
        assert_eq!(diags[1].primary.path, "/bad/1");
        assert_eq!(diags[1].related.len(), 1);
        assert_eq!(diags[1].related[0].path, "/n");
        let r = diags[1].related[0].range;
        assert_eq!(&text[r.start as usize..r.end as usize], "*bad");
    }

    proptest! {
        /// Any list after `<<`, its items mappings (`Some`) or scalars
        /// (`None`): the host keeps its own keys, then takes each key from
        /// the first mapping of the list that has it; each scalar is one
        /// SPEC004, at that scalar.
        #[test]
        fn merge_lists_follow_the_merge_spec(
            items in prop::collection::vec(
                prop::option::of(prop::collection::btree_map("[abcd]", 0u8..9, 0..3)),
                0..6,
            ),
            host in prop::collection::btree_map("[abcd]", 10u8..19, 0..3),
        ) {
            let flow = |m: &std::collections::BTreeMap<String, u8>| {
                m.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", ")
            };
            let list: Vec<String> = items
                .iter()
                .map(|i| i.as_ref().map_or_else(|| "777".to_owned(), |m| format!("{{{}}}", flow(m))))
                .collect();
            let own = if host.is_empty() { String::new() } else { format!(", {}", flow(&host)) };
            let text = format!("m: {{<<: [{}]{own}}}\n", list.join(", "));
            let (root, diags) = ours(&text);
            let root = root.unwrap_or_else(|| panic!("no tree"));
            let mut want = serde_json::Map::new();
            for (k, v) in &host {
                want.insert(k.clone(), serde_json::json!(v));
            }
            for m in items.iter().flatten() {
                for (k, v) in m {
                    want.entry(k.clone()).or_insert_with(|| serde_json::json!(v));
                }
            }
            prop_assert_eq!(&to_json(&root)["m"], &serde_json::Value::Object(want), "{}", text);
            let scalars = items.iter().filter(|i| i.is_none()).count();
            prop_assert_eq!(diags.len(), scalars, "{}: {:?}", text, diags);
            for d in &diags {
                prop_assert_eq!(d.code, "SPEC004");
                let r = d.primary.range;
                prop_assert_eq!(&text[r.start as usize..r.end as usize], "777");
            }
        }
    }
}
