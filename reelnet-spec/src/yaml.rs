//! YAML → a span-carrying node tree and the file's source map.
//!
//! `serde-saphyr` parses under an explicit budget (depth, nodes, events,
//! aliases), with YAML 1.2 booleans and duplicate keys passed through so
//! that this layer can report both places of a duplicate.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as SaphyrSpanned;

use crate::Limits;
use crate::diagnostic::{Diagnostic, Label, SpecCode};
use crate::source::{FileId, MapEntry, SourceFile, SourceMap, TextRange, escape_token};

/// A parsed YAML value.
#[derive(Debug)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<YNode>),
    Map(Vec<(String, YNode)>),
}

/// A node of the tree: its value and its entry in the source map.
#[derive(Debug)]
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

/// What serde-saphyr hands us: a value with untyped children.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<SaphyrSpanned<Raw>>),
    Map(Vec<(SaphyrSpanned<Raw>, SaphyrSpanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
                Raw::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::UInt(v))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
                Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
                Ok(u64::try_from(v).map_or(Raw::Float(v as f64), Raw::UInt))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
                Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = a.next_element::<SaphyrSpanned<Raw>>()? {
                    items.push(x);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = a.next_key::<SaphyrSpanned<Raw>>()? {
                    let v = a.next_value::<SaphyrSpanned<Raw>>()?;
                    entries.push((k, v));
                }
                Ok(Raw::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

fn range_of(loc: &serde_saphyr::Location, text_len: usize) -> TextRange {
    let span = loc.span();
    let clamp = |v: u64| u32::try_from(v.min(text_len as u64)).unwrap_or(u32::MAX);
    match (span.byte_offset(), span.byte_len()) {
        (Some(off), Some(len)) => TextRange::new(clamp(off), clamp(off.saturating_add(len))),
        (Some(off), None) => TextRange::empty(clamp(off)),
        _ => TextRange::default(),
    }
}

fn options(limits: &Limits) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits.max_depth;
    budget.max_nodes = limits.max_nodes;
    budget.max_events = limits.max_nodes.saturating_mul(4);
    budget.max_aliases = limits.max_alias_expansions;
    budget.max_anchors = limits.max_alias_expansions;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = limits.max_file_bytes;
    budget.max_reader_input_bytes = Some(limits.max_file_bytes);
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = limits.max_alias_expansions;
    serde_saphyr::options! {
        budget: Some(budget),
        alias_limits: alias_limits,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
        non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    }
}

/// The range to underline for a parse error: its byte span when known,
/// else its line and column; at least one character.
fn error_range(text: &str, l: &serde_saphyr::Location) -> TextRange {
    let mut r = range_of(l, text.len());
    if l.span().byte_offset().is_none() && l.line() > 0 {
        // Only line/column known: walk to them (column counts characters).
        let line_start = text
            .split_inclusive('\n')
            .take(usize::try_from(l.line() - 1).unwrap_or(usize::MAX))
            .map(str::len)
            .sum::<usize>();
        let col = usize::try_from(l.column().saturating_sub(1)).unwrap_or(0);
        let offset = text
            .get(line_start..)
            .and_then(|rest| rest.char_indices().nth(col).map(|(i, _)| line_start + i))
            .unwrap_or(line_start.min(text.len()));
        r = TextRange::empty(u32::try_from(offset).unwrap_or(0));
    }
    if r.is_empty() && (r.start as usize) < text.len() {
        let next = text
            .get(r.start as usize..)
            .and_then(|s| s.chars().next())
            .filter(|c| *c != '\n')
            .map_or(0, char::len_utf8);
        r.end = r.start + u32::try_from(next).unwrap_or(0);
    }
    r
}

/// Turn serde-saphyr's error text into one sentence without its position prefix.
fn clean_message(e: &serde_saphyr::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(first, |(_, msg)| msg),
        None => first,
    };
    // The position is shown separately.
    let msg = match first.find(" at line ") {
        Some(i) if first[i..].contains("column") => &first[..i],
        _ => first,
    }
    .trim();
    if msg.is_empty() {
        "the YAML cannot be parsed".to_owned()
    } else {
        msg.to_owned()
    }
}

/// Parse one file. Returns the tree (None when the YAML is unparsable) and
/// fills the file's source map.
pub(crate) fn parse(
    file_id: FileId,
    file: &mut SourceFile,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
    reported: &mut HashSet<(FileId, u32)>,
) -> Option<YNode> {
    let text = file.text.as_str();
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
        return None;
    }
    let raw: SaphyrSpanned<Raw> = match serde_saphyr::from_str_with_options(text, options(limits)) {
        Ok(raw) => raw,
        Err(e) => {
            let range = e
                .location()
                .map_or(TextRange::empty(0), |l| error_range(text, &l));
            let mut message = clean_message(&e);
            if message.contains("budget") || message.contains("limit") {
                message = format!(
                    "{message} (the loader's limits guard against alias bombs and runaway nesting)"
                );
            }
            diags.push(SpecCode::YamlSyntax.diagnostic(
                Label {
                    file: file_id,
                    range,
                    path: String::new(),
                    message: "here".into(),
                },
                message,
            ));
            return None;
        }
    };
    let mut builder = Builder {
        file: file_id,
        text,
        map: SourceMap::default(),
        pointer: String::new(),
        diags,
        reported: Vec::new(),
    };
    let root = builder.node(raw, None);
    reported.extend(builder.reported.iter().map(|&n| (file_id, n)));
    file.map = builder.map;
    Some(root)
}

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    map: SourceMap,
    pointer: String,
    diags: &'a mut Vec<Diagnostic>,
    /// Nodes reported here, so that later stages do not report them again.
    reported: Vec<u32>,
}

impl Builder<'_> {
    fn label(&self, range: TextRange, path: &str, message: &str) -> Label {
        Label {
            file: self.file,
            range,
            path: path.to_owned(),
            message: message.to_owned(),
        }
    }

    fn node(&mut self, raw: SaphyrSpanned<Raw>, key: Option<TextRange>) -> YNode {
        let mut range = range_of(&raw.referenced, self.text.len());
        let container = matches!(raw.value, Raw::Seq(_) | Raw::Map(_));
        let id = self.map.push(MapEntry {
            pointer: self.pointer.as_str().into(),
            key,
            value: range,
            container,
        });
        let value = match raw.value {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(b),
            Raw::Int(i) => Value::Int(i),
            Raw::UInt(u) => Value::UInt(u),
            Raw::Float(f) => {
                if !f.is_finite() {
                    self.reported.push(id);
                    let shown = self
                        .text
                        .get(range.start as usize..range.end as usize)
                        .unwrap_or("");
                    let path = self.pointer.clone();
                    self.diags.push(SpecCode::InvalidValue.diagnostic(
                        self.label(range, &path, "not a finite number"),
                        format!("`{shown}` is not a finite number"),
                    ));
                }
                Value::Float(f)
            }
            Raw::Str(s) => Value::Str(s),
            Raw::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let len = self.pointer.len();
                    self.pointer.push('/');
                    self.pointer.push_str(&i.to_string());
                    let child = self.node(item, None);
                    range = range.cover(self.map.entry(child.id).map_or(range, |e| e.value));
                    self.pointer.truncate(len);
                    out.push(child);
                }
                Value::Seq(out)
            }
            Raw::Map(entries) => self.mapping(entries, &mut range),
        };
        if let Some(e) = self.map.entry_mut(id) {
            e.value = range;
        }
        YNode { id, value }
    }

    fn mapping(
        &mut self,
        entries: Vec<(SaphyrSpanned<Raw>, SaphyrSpanned<Raw>)>,
        range: &mut TextRange,
    ) -> Value {
        let mut out: Vec<(String, YNode)> = Vec::with_capacity(entries.len());
        let mut seen: HashMap<String, TextRange> = HashMap::new();
        for (k, v) in entries {
            let key_range = range_of(&k.referenced, self.text.len());
            *range = range.cover(key_range);
            let key = match k.value {
                Raw::Str(s) => s,
                Raw::Null | Raw::Bool(_) | Raw::Int(_) | Raw::UInt(_) | Raw::Float(_) => self
                    .text
                    .get(key_range.start as usize..key_range.end as usize)
                    .unwrap_or("")
                    .to_owned(),
                Raw::Seq(_) | Raw::Map(_) => {
                    let path = self.pointer.clone();
                    self.diags.push(SpecCode::InvalidValue.diagnostic(
                        self.label(key_range, &path, "complex key"),
                        "mapping keys must be plain strings, not lists or mappings",
                    ));
                    continue;
                }
            };
            let len = self.pointer.len();
            self.pointer.push('/');
            self.pointer.push_str(&escape_token(&key));
            if let Some(first) = seen.get(&key) {
                let mut d = SpecCode::DuplicateKey.diagnostic(
                    self.label(key_range, &self.pointer, "duplicate key"),
                    format!("key `{key}` appears twice in one mapping"),
                );
                d.related
                    .push(self.label(*first, &self.pointer, "first defined here"));
                d.help = Some(format!(
                    "keep one `{key}` entry; YAML does not let a later key replace an earlier one here"
                ));
                self.diags.push(d);
                self.pointer.truncate(len);
                continue;
            }
            seen.insert(key.clone(), key_range);
            let child = self.node(v, Some(key_range));
            *range = range.cover(self.map.entry(child.id).map_or(*range, |e| e.value));
            self.pointer.truncate(len);
            out.push((key, child));
        }
        Value::Map(out)
    }
}

/// The tree as JSON, for schema validation. Non-finite floats become null
/// (they are reported already).
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
