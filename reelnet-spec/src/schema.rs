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
        <Model as crate::convert::FieldLimits>::add_limits(&mut schema);
    }
    nullable_properties(&mut schema, false);
    integer_bounds(&mut schema);
    schema
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
            Label::at(self.sources, loc, "")
        };
        let mut d = code.diagnostic(label, message);
        d.primary.message = match code {
            SpecCode::UnknownField => "unknown field".into(),
            _ => "invalid value".into(),
        };
        d.help = help;
        self.diags.push(d);
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
                    _ => {
                        let found = kind_of(e.instance());
                        self.push(
                            SpecCode::InvalidValue,
                            &path,
                            false,
                            format!(
                                "`{}` has the wrong shape: found {found}",
                                display_path(&path)
                            ),
                            Some(expected_hint(&path)),
                        );
                    }
                }
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
                let help = self.node(&path).and_then(|node| {
                    let loc = Loc {
                        file: self.file,
                        node,
                    };
                    crate::convert::type_help(self.sources, loc, &expected, found, free_text)
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
                if path.is_empty() && prop == "name" {
                    // One file of a directory spec need not hold `name`: the
                    // loader checks it on the merged spec.
                    return;
                }
                self.push(
                    SpecCode::InvalidValue,
                    &path,
                    true,
                    format!("missing required field `{prop}`"),
                    None,
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
                    None,
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

fn expected_hint(pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or("");
    match last {
        "database" | "certificates" | "api_gateway" => {
            format!("`{last}` is one mapping or a list of mappings")
        }
        _ if pointer.contains("_subnets/") => {
            "a subnet is a CIDR string or a mapping { cidr, az?, name? }".into()
        }
        _ => "see the JSON Schema (`reelnet-lint schema`) for the expected form".into(),
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
