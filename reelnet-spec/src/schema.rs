//! The JSON Schema of the spec format, generated from the model, and
//! structural validation with it.

use std::collections::HashSet;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde_json::Value as Json;

use crate::yaml::{YNode, YamlJson};

use crate::diagnostic::{Diagnostic, Label, SpecCode};
use crate::model::Model;
use crate::source::{FileId, Loc, Sources, escape_token};
use crate::structure::Structure;

/// The JSON Schema (draft 2020-12) of the spec format.
#[must_use]
pub fn schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = generate(true);
        if let Some(obj) = schema.as_object_mut() {
            obj.insert(
                "$id".into(),
                Json::String("https://reelnet.dev/schemas/reelnet.schema.json".into()),
            );
        }
        schema
    })
}

/// The schema as pretty JSON with a trailing newline (what `schemas/` holds).
#[must_use]
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(schema()).unwrap_or_default();
    s.push('\n');
    s
}

fn validator() -> Option<&'static Validator<YamlJson>> {
    static VALIDATOR: OnceLock<Option<Validator<YamlJson>>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            // The model conversion checks the custom scalars (CIDR, size,
            // duration) and the fields' limits with precise messages, and
            // pattern errors are not reported from here: validating without
            // the patterns and the limits spares compiling their regexes and
            // matching every scalar.
            let mut schema = generate(false);
            strip_patterns(&mut schema, false);
            // Checked against draft 7's meta-schema, which is far cheaper to
            // build than 2020-12's vocabularies (the schema uses no keyword
            // whose meaning differs between them).
            if let Some(obj) = schema.as_object_mut() {
                obj.remove("$schema");
            }
            jsonschema::options_for::<YamlJson>()
                .with_draft(jsonschema::Draft::Draft7)
                .build(&schema)
                .ok()
        })
        .as_ref()
}

/// The model's schema, every field nullable: an explicit null (`multi_az:`,
/// `backup_retention: ~`) means the same as leaving the field out. With
/// `limits`, each field's own limits (its unit, its check's bounds:
/// `#[from_node(unit, validate)]`) are added to its property.
fn generate(limits: bool) -> Json {
    let mut schema = schemars::schema_for!(Model).to_value();
    if limits {
        // The published schema describes a whole spec. The loader checks
        // one file of a directory spec at a time, where `name` may be
        // absent or null (another file holds it): it checks the spec's
        // required fields on the merged spec instead.
        structure(&mut schema);
        <Model as crate::convert::FieldLimits>::add_limits(&mut schema);
    }
    nullable_properties(&mut schema, false);
    integer_bounds(&mut schema);
    schema
}

/// State the spec's own required fields (`#[from_node(required)]` on the
/// model's sections: `name`) as required and not null, so that the schema
/// accepts what the loader accepts. (A list item's `required_in_list` is
/// stated by `OneOrMany`, a struct's `one_of` with its limits.)
fn structure(schema: &mut Json) {
    let required = <Model as Structure>::DECLARATION.required;
    let Json::Object(root) = schema else { return };
    if required.is_empty() {
        return;
    }
    if let Json::Array(list) = root
        .entry("required")
        .or_insert_with(|| Json::Array(Vec::new()))
    {
        for key in required {
            if !list.iter().any(|r| r == key) {
                list.push(Json::from(*key));
            }
        }
    }
    // Required, so null is not a value here.
    if let Some(Json::Object(props)) = root.get_mut("properties") {
        for key in required {
            if let Some(Json::Object(prop)) = props.get_mut(*key)
                && let Some(Json::Array(types)) = prop.get_mut("type")
            {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    prop.insert("type".into(), only);
                }
            }
        }
    }
}

/// Give each fixed-width integer its upper bound, as the loader checks it
/// (schemars states the width as a `format`, which validators need not
/// check).
fn integer_bounds(schema: &mut Json) {
    match schema {
        Json::Object(map) => {
            let max = match map.get("format").and_then(Json::as_str) {
                Some("uint16") => Some(u64::from(u16::MAX)),
                Some("uint32") => Some(u64::from(u32::MAX)),
                Some("uint64") => Some(u64::MAX),
                _ => None,
            };
            if let Some(max) = max
                && !map.contains_key("maximum")
            {
                map.insert("maximum".into(), Json::from(max));
            }
            for value in map.values_mut() {
                integer_bounds(value);
            }
        }
        Json::Array(items) => items.iter_mut().for_each(integer_bounds),
        _ => {}
    }
}

/// Let every optional property of every object schema also be null (a
/// required one stays required: null there is a missing value).
fn nullable_properties(schema: &mut Json, in_properties: bool) {
    match schema {
        Json::Object(map) => {
            let required: Vec<String> = map
                .get("required")
                .and_then(Json::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(|k| k.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            for (key, value) in map.iter_mut() {
                let properties = !in_properties && key == "properties";
                if properties && let Json::Object(props) = value {
                    for (name, prop) in props.iter_mut() {
                        if !required.contains(name) {
                            make_nullable(prop);
                        }
                    }
                }
                nullable_properties(value, properties);
            }
        }
        Json::Array(items) => {
            for item in items {
                nullable_properties(item, false);
            }
        }
        _ => {}
    }
}

fn make_nullable(prop: &mut Json) {
    let Json::Object(map) = prop else { return };
    let null = Json::String("null".into());
    if let Some(t) = map.get_mut("type") {
        match t {
            Json::String(name) if name != "null" => {
                *t = Json::Array(vec![Json::String(name.clone()), null.clone()]);
            }
            Json::Array(names) if !names.contains(&null) => names.push(null.clone()),
            _ => {}
        }
        if let Some(Json::Array(options)) = map.get_mut("enum")
            && !options.contains(&Json::Null)
        {
            options.push(Json::Null);
        }
        return;
    }
    let null_branch = serde_json::json!({ "type": "null" });
    if let Some(Json::Array(branches)) = map.get_mut("anyOf") {
        if !branches.contains(&null_branch) {
            branches.push(null_branch);
        }
        return;
    }
    if let Some(reference) = map.remove("$ref") {
        map.insert(
            "anyOf".into(),
            Json::Array(vec![serde_json::json!({ "$ref": reference }), null_branch]),
        );
    }
}

/// Remove the `pattern` keywords of a schema (not properties so named).
fn strip_patterns(schema: &mut Json, in_properties: bool) {
    match schema {
        Json::Object(map) => {
            if !in_properties && map.get("pattern").is_some_and(Json::is_string) {
                map.remove("pattern");
            }
            for (key, value) in map.iter_mut() {
                strip_patterns(value, !in_properties && key == "properties");
            }
        }
        Json::Array(items) => {
            for item in items {
                strip_patterns(item, false);
            }
        }
        _ => {}
    }
}

/// The JSON value at a JSON Pointer.
fn at<'a>(root: &'a Json, pointer: &str) -> Option<&'a Json> {
    root.pointer(pointer)
}

/// Validate one file's document; report each structural problem once, at
/// its node, and remember the nodes reported.
pub(crate) fn validate(
    file: FileId,
    instance: &YNode,
    sources: &Sources,
    diags: &mut Vec<Diagnostic>,
    reported: &mut HashSet<(FileId, u32)>,
) {
    let Some(validator) = validator() else { return };
    let Some(src) = sources.get(file) else { return };
    let mut errors: Vec<ValidationError<'_>> = validator.iter_errors(instance).collect();
    errors.sort_by(|a, b| a.instance_path().as_str().cmp(b.instance_path().as_str()));
    let mut reporter = Reporter {
        file,
        sources,
        diags,
        reported,
    };
    for e in &errors {
        reporter.error(e);
    }
    let _ = src;
}

struct Reporter<'a> {
    file: FileId,
    sources: &'a Sources,
    diags: &'a mut Vec<Diagnostic>,
    reported: &'a mut HashSet<(FileId, u32)>,
}

impl Reporter<'_> {
    fn node(&self, pointer: &str) -> Option<u32> {
        self.sources.get(self.file)?.map.lookup_nearest(pointer)
    }

    /// A number as the user wrote it (`99999999999999999999`, not the JSON
    /// instance's `1e+20`), else as the instance has it.
    fn written(&self, pointer: &str, instance: &Json) -> String {
        if let (Json::Number(_) | Json::Bool(_), Some(node)) = (instance, self.node(pointer)) {
            let text = self
                .sources
                .text(Loc {
                    file: self.file,
                    node,
                })
                .trim();
            let numeral = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.');
            if !text.is_empty() && text.len() <= 64 && text.chars().all(numeral) {
                return format!(" `{text}`");
            }
        }
        scalar_text(instance)
    }

    fn push(
        &mut self,
        code: SpecCode,
        pointer: &str,
        key: bool,
        message: String,
        help: Option<String>,
    ) {
        let Some(node) = self.node(pointer) else {
            return;
        };
        if !self.reported.insert((self.file, node)) {
            return;
        }
        let loc = Loc {
            file: self.file,
            node,
        };
        let label = if key {
            Label::at_key(self.sources, loc, "")
        } else {
            Label::at_value(self.sources, loc, "")
        };
        let mut d = code.diagnostic(label, message);
        d.primary.message = match code {
            SpecCode::UnknownField => "unknown field".into(),
            _ => "invalid value".into(),
        };
        d.help = help;
        self.diags.push(d);
    }

    /// A required field written as null (`cidr: ~`): one error, at the
    /// null, saying what to write.
    fn required_null(&mut self, path: &str) {
        let key = key_as_written(path);
        // A named map's entry (`cpu:`) is the empty mapping, as `{}` is:
        // what `{}` lacks, in the same words.
        let (parent, token) = path.rsplit_once('/').unwrap_or(("", path));
        let root = schema();
        let entry = schema_at(root, parent)
            .and_then(|p| object_schema(root, p, 0))
            .filter(|p| p.pointer(&format!("/properties/{token}")).is_none())
            .and_then(|p| p.get("additionalProperties"))
            .map(|item| resolve(root, item));
        if let Some(item) = entry {
            let required: Vec<&str> = item
                .get("required")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .collect();
            if !required.is_empty() {
                let message = format!("missing required field `{}`", required.join("`, `"));
                let help = format!(
                    "write the entry as a mapping with `{}`",
                    required.join("`, `")
                );
                self.push(SpecCode::InvalidValue, path, false, message, Some(help));
                return;
            }
        }
        let expected = expectation(path);
        self.push(
            SpecCode::InvalidValue,
            path,
            false,
            format!("`{key}` is required: found null"),
            Some(format!("write a value for `{key}`: {expected}")),
        );
    }

    /// A value of a type the schema does not allow here, in words from the
    /// schema (`expected a duration: ..., found a number `1.5``).
    fn wrong_type(&mut self, path: &str, instance: &Json) {
        let key = key_as_written(path);
        let expected = expectation(path);
        let found = kind_of(instance);
        let shown = self.written(path, instance);
        let help = schema_at(schema(), path)
            .and_then(|p| p.get("description"))
            .and_then(Json::as_str)
            .map_or_else(
                || format!("replace it with {expected}"),
                |d| format!("`{key}`: {}", d.replace('\n', " ")),
            );
        self.push(
            SpecCode::InvalidValue,
            path,
            false,
            format!("`{key}`: expected {expected}, found {found}{shown}"),
            Some(help),
        );
    }

    fn error(&mut self, e: &ValidationError<'_>) {
        let path = e.instance_path().as_str().to_owned();
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = known_properties(e.schema_path().as_str());
                for key in unexpected {
                    let pointer = format!("{path}/{}", escape_token(key));
                    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
                    let help = crate::suggest(key, &known_refs).map_or_else(
                        || {
                            if known.is_empty() {
                                None
                            } else {
                                Some(format!("known fields here: {}", known.join(", ")))
                            }
                        },
                        |m| Some(format!("did you mean `{m}`?")),
                    );
                    let message = if path.is_empty() {
                        format!("unknown section `{key}`")
                    } else {
                        format!("unknown field `{key}` in `{}`", display_path(&path))
                    };
                    self.push(SpecCode::UnknownField, &pointer, true, message, help);
                }
            }
            // One mapping or a list; a CIDR or a mapping: report the branch
            // that matches the value's type.
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                let best = context
                    .iter()
                    .filter(|branch| !branch.is_empty())
                    .min_by_key(|branch| {
                        let type_mismatch_here = branch.iter().any(|b| {
                            b.instance_path().as_str() == path
                                && matches!(b.kind(), ValidationErrorKind::Type { .. })
                        });
                        let depth = branch
                            .iter()
                            .map(|b| b.instance_path().as_str().matches('/').count())
                            .max()
                            .unwrap_or(0);
                        (type_mismatch_here, std::cmp::Reverse(depth))
                    });
                // `#[from_node(one_of(a, b))]`: every branch asks for one
                // of the keys.
                let wanted: Option<Vec<String>> = context
                    .iter()
                    .map(|branch| {
                        branch.iter().find_map(|b| match b.kind() {
                            ValidationErrorKind::Required { property }
                                if b.instance_path().as_str() == path =>
                            {
                                property.as_str().map(str::to_owned)
                            }
                            ValidationErrorKind::Not { .. } if b.instance().is_null() => b
                                .instance_path()
                                .as_str()
                                .strip_prefix(path.as_str())
                                .map(|k| unescape(k.trim_start_matches('/'))),
                            _ => None,
                        })
                    })
                    .collect();
                if let Some(keys) = wanted.filter(|k| k.len() > 1) {
                    self.push(
                        SpecCode::InvalidValue,
                        &path,
                        true,
                        format!("missing required field `{}`", keys.join("` or `")),
                        Some(format!("add `{}` to this mapping", keys.join("` or `"))),
                    );
                    return;
                }
                match best {
                    Some(branch)
                        if !branch.iter().all(|b| {
                            b.instance_path().as_str() == path
                                && matches!(b.kind(), ValidationErrorKind::Type { .. })
                        }) =>
                    {
                        for b in branch {
                            self.error(b);
                        }
                    }
                    _ => self.wrong_type(&path, e.instance()),
                }
            }
            ValidationErrorKind::Type { .. } | ValidationErrorKind::Not { .. }
                if e.instance().is_null() =>
            {
                self.required_null(&path);
            }
            ValidationErrorKind::Type { kind } => {
                let expected = type_name(&format!("{kind:?}"));
                let found = kind_of(e.instance());
                let shown = self.written(&path, e.instance());
                // Whether any string fits here (no keyword list or pattern).
                let keyword = e.schema_path().as_str();
                let free_text = at(schema(), keyword.strip_suffix("/type").unwrap_or(keyword))
                    .is_some_and(|s| {
                        ["enum", "const", "pattern", "format"]
                            .iter()
                            .all(|k| s.get(*k).is_none())
                    });
                let help = self.node(&path).map(|node| {
                    let loc = Loc {
                        file: self.file,
                        node,
                    };
                    let wanted = expectation(&path);
                    crate::convert::type_help(
                        self.sources,
                        loc,
                        &expected,
                        found,
                        free_text,
                        &wanted,
                    )
                });
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    false,
                    format!("expected {expected}, found {found}{shown}"),
                    help,
                );
            }
            // A keyword written as a string: the loader's own parser reports
            // it, with the suggestion the keyword's type knows best
            // (`TLSv1.3` → `TLSv1.3_2025`).
            ValidationErrorKind::Enum { .. } if e.instance().is_string() => {}
            ValidationErrorKind::Enum { options } => {
                let names: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let given = e.instance().as_str().unwrap_or_default().to_owned();
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                let help = crate::suggest(&given, &refs).map(|m| format!("did you mean `{m}`?"));
                let list = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let shown = scalar_text(e.instance());
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    false,
                    format!("{} is not one of {list}", shown.trim()),
                    help,
                );
            }
            ValidationErrorKind::Required { property } => {
                let prop = property.as_str().unwrap_or_default();
                if path.is_empty() && <Model as Structure>::DECLARATION.required.contains(&prop) {
                    // One file of a directory spec need not hold the spec's
                    // required fields (`name`): the loader checks them on
                    // the merged spec.
                    return;
                }
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    true,
                    format!("missing required field `{prop}`"),
                    Some(format!(
                        "add `{prop}` to this mapping: {}",
                        expectation(&format!("{path}/{}", escape_token(prop)))
                    )),
                );
            }
            // Custom scalars (CIDR, size, duration) get a precise message
            // from the model conversion.
            ValidationErrorKind::Pattern { .. } => {}
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => {
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    false,
                    format!(
                        "{} is below the minimum of {limit}",
                        self.written(&path, e.instance()).trim()
                    ),
                    Some(format!("use a value of {limit} or more")),
                );
            }
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    false,
                    format!(
                        "{} is above the maximum of {limit}",
                        self.written(&path, e.instance()).trim()
                    ),
                    Some(format!("use a value of {limit} or less")),
                );
            }
            ValidationErrorKind::MinProperties { .. }
            | ValidationErrorKind::MaxProperties { .. } => {
                // A key that is not a string is reported at the key and
                // not read: the mapping's size is not what the YAML shows.
                let unread = self.node(&path).is_some_and(|node| {
                    self.sources.has_unread_key(Loc {
                        file: self.file,
                        node,
                    })
                });
                if unread {
                    return;
                }
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    false,
                    "a pipeline stage is a one-key mapping: `- stage: [steps]`".into(),
                    Some("write each stage as its name over its list of steps: `- build: [compile, test]`".into()),
                );
            }
            _ => {
                self.push(SpecCode::InvalidValue, &path, false, e.to_string(), None);
            }
        }
    }
}

fn display_path(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the spec".into();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".")
}

/// A JSON Pointer token unescaped (`a~1b` → `a/b`).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The key of the value at `pointer`, as written (`certificate`), or the
/// item of a list (`item 2 of `lifecycle``).
fn key_as_written(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    let last = unescape(tokens.next().unwrap_or_default());
    if last.parse::<usize>().is_ok()
        && let Some(parent) = tokens.next().filter(|p| !p.is_empty())
    {
        return format!("{}[{last}]", unescape(parent));
    }
    if last.is_empty() {
        "the spec".into()
    } else {
        last
    }
}

/// Follow a `$ref` to its definition in `root`.
fn resolve<'a>(root: &'a Json, node: &'a Json) -> &'a Json {
    node.get("$ref")
        .and_then(Json::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
        .unwrap_or(node)
}

/// The first value `f` gives over `node`'s `anyOf` and `allOf` branches;
/// none past 8 levels of `depth`.
fn in_branches<'a, T>(
    node: &'a Json,
    depth: u8,
    f: impl FnMut(&'a Json) -> Option<T>,
) -> Option<T> {
    if depth > 8 {
        return None;
    }
    ["anyOf", "allOf"]
        .iter()
        .filter_map(|k| node.get(*k).and_then(Json::as_array))
        .flatten()
        .find_map(f)
}

/// The schema of the value at an instance's JSON Pointer (the property's
/// own schema, before its `$ref` is followed).
fn schema_at<'a>(root: &'a Json, pointer: &str) -> Option<&'a Json> {
    fn step<'a>(root: &'a Json, node: &'a Json, token: &str, depth: u8) -> Option<&'a Json> {
        let node = resolve(root, node);
        // (A `{"not": ...}` property only constrains: `required_in_list`.)
        if let Some(p) = node
            .get("properties")
            .and_then(|p| p.get(token))
            .filter(|p| p.get("not").is_none())
        {
            return Some(p);
        }
        if token.parse::<usize>().is_ok()
            && let Some(items) = node.get("items")
        {
            return Some(items);
        }
        if let Some(item) = node.get("additionalProperties").filter(|a| a.is_object()) {
            return Some(item);
        }
        in_branches(node, depth, |b| step(root, b, token, depth + 1))
    }
    let mut node = root;
    if pointer.is_empty() {
        return Some(node);
    }
    for token in pointer.trim_start_matches('/').split('/') {
        node = step(root, node, &unescape(token), 0)?;
    }
    Some(node)
}

/// The object schema `node` allows (through `$ref`, `anyOf`, `allOf`).
fn object_schema<'a>(root: &'a Json, node: &'a Json, depth: u8) -> Option<&'a Json> {
    let node = resolve(root, node);
    if node.get("properties").is_some() || node.get("additionalProperties").is_some() {
        return Some(node);
    }
    in_branches(node, depth, |b| object_schema(root, b, depth + 1))
}

/// What the schema expects at `pointer`, in words.
fn expectation(pointer: &str) -> String {
    let root = schema();
    schema_at(root, pointer).map_or_else(|| "another type".into(), |s| words(root, s, 0))
}

/// A schema in words: `a whole number from 1 to 100`, `a size: an integer
/// number of GiB, or a string such as 100GB, ...`, `a mapping`.
fn words(root: &Json, node: &Json, depth: u8) -> String {
    if depth > 6 {
        return "a value".into();
    }
    // A field's own limits in words (a duration's unit and bounds).
    if let Some(d) = node.pointer("/allOf/0/description").and_then(Json::as_str) {
        return d.to_owned();
    }
    let referenced = node.get("$ref").is_some();
    let node = resolve(root, node);
    if let Some(options) = node.get("enum").and_then(Json::as_array) {
        let names: Vec<String> = options
            .iter()
            .filter_map(Json::as_str)
            .map(|o| format!("`{o}`"))
            .collect();
        return format!("one of {}", names.join(", "));
    }
    if node.get("properties").is_some() {
        return "a mapping".into();
    }
    if referenced && let Some(d) = node.get("description").and_then(Json::as_str) {
        // Its first sentence (`e.g.` does not end one).
        let end = d
            .match_indices(". ")
            .map(|(i, _)| i)
            .find(|i| !d[..*i].ends_with("e.g") && !d[..*i].ends_with("i.e"))
            .unwrap_or(d.len());
        let mut chars = d[..end].chars();
        let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
        return format!("{}{}", first.unwrap_or_default(), chars.as_str())
            .trim_end_matches('.')
            .replace('\n', " ");
    }
    for combinator in ["anyOf", "allOf"] {
        if let Some(branches) = node.get(combinator).and_then(Json::as_array) {
            let mut said: Vec<String> = Vec::new();
            for b in branches {
                if b.get("type").and_then(Json::as_str) == Some("null") {
                    continue;
                }
                let w = words(root, b, depth + 1);
                if !said.contains(&w) {
                    said.push(w);
                }
            }
            return said.join(" or ");
        }
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    };
    let said: Vec<String> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "string" => "a string".to_owned(),
            "integer" => {
                let min = node.get("minimum").and_then(Json::as_u64);
                let max = node
                    .get("maximum")
                    .and_then(Json::as_u64)
                    .filter(|m| *m < u64::from(u16::MAX));
                match (min, max) {
                    (Some(a), Some(b)) => format!("a whole number from {a} to {b}"),
                    (Some(a), None) if a > 0 => format!("a whole number of at least {a}"),
                    _ => "a whole number".to_owned(),
                }
            }
            "number" => "a number".to_owned(),
            "boolean" => "`true` or `false`".to_owned(),
            "array" => match node.get("items") {
                Some(items) => format!("a list, each item {}", words(root, items, depth + 1)),
                None => "a list".to_owned(),
            },
            "object" => match node.get("additionalProperties").filter(|a| a.is_object()) {
                Some(item) => format!("a mapping of names to {}", words(root, item, depth + 1)),
                None => "a mapping".to_owned(),
            },
            other => format!("a {other}"),
        })
        .collect();
    if said.is_empty() {
        "a value".into()
    } else {
        said.join(" or ")
    }
}

fn kind_of(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(n) if n.is_f64() => "a number",
        Json::Number(_) => "an integer",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "a mapping",
    }
}

fn scalar_text(v: &Json) -> String {
    match v {
        Json::String(s) => format!(" `{s}`"),
        Json::Number(n) => format!(" `{n}`"),
        Json::Bool(b) => format!(" `{b}`"),
        _ => String::new(),
    }
}

fn type_name(debug: &str) -> String {
    let lower = debug.to_ascii_lowercase();
    let mut names = Vec::new();
    for (needle, name) in [
        ("object", "a mapping"),
        ("array", "a list"),
        ("string", "a string"),
        ("integer", "a whole number"),
        ("number", "a number"),
        ("boolean", "a boolean"),
    ] {
        if lower.contains(needle) && !(needle == "number" && names.contains(&"a whole number")) {
            names.push(name);
        }
    }
    names.retain(|n| *n != "null");
    if names.is_empty() {
        "another type".into()
    } else {
        names.join(" or ")
    }
}

/// The property names of the schema object whose `additionalProperties`
/// keyword is at `keyword_path`.
fn known_properties(keyword_path: &str) -> Vec<String> {
    let parent = keyword_path
        .strip_suffix("/additionalProperties")
        .unwrap_or(keyword_path);
    let mut props: Vec<String> = at(schema(), parent)
        .and_then(|s| s.get("properties"))
        .and_then(Json::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    props.sort();
    props
}
