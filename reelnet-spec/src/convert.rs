//! The node tree → the typed model, reporting every invalid value.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{Diagnostic, Label, SpecCode};
use crate::model::{Model, Spanned, Stage, Subnet, SubnetMapping};
use crate::source::{FileId, Loc, Sources};
use crate::types::{Cidr, Domain, Duration, Keyword, Size, Tier, TimeUnit, Version};
use crate::yaml::{Value, YNode};

/// Conversion context for one file.
pub(crate) struct Cx<'a> {
    pub file: FileId,
    pub sources: &'a Sources,
    pub diags: &'a mut Vec<Diagnostic>,
    /// Nodes the schema already reported on: not reported twice.
    pub reported: &'a HashSet<(FileId, u32)>,
}

impl Cx<'_> {
    pub(crate) fn loc(&self, n: &YNode) -> Loc {
        Loc {
            file: self.file,
            node: n.id,
        }
    }

    fn text(&self, n: &YNode) -> &str {
        self.sources.text(self.loc(n))
    }

    /// Report an invalid value (SPEC004) unless already reported.
    fn invalid(&mut self, n: &YNode, message: String, help: Option<String>) {
        if self.reported.contains(&(self.file, n.id)) {
            return;
        }
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label::at_value(self.sources, self.loc(n), "invalid value"),
            message,
        );
        d.help = help;
        self.diags.push(d);
    }

    fn wrong_type(&mut self, n: &YNode, expected: &str) {
        let found = n.kind();
        let text = self.text(n).to_owned();
        // Only `String` expects "a string": any string fits.
        let help = Some(type_help(
            self.sources,
            self.loc(n),
            expected,
            found,
            true,
            expected,
        ));
        let shown = if text.is_empty() || matches!(n.value, Value::Seq(_) | Value::Map(_)) {
            String::new()
        } else {
            format!(" `{text}`")
        };
        self.invalid(
            n,
            format!("expected {expected}, found {found}{shown}"),
            help,
        );
    }
}

/// What to do about a scalar of the wrong type, by what made it that type
/// as written: a tag (`!!int "5"`: remove the tag), quotes (`"true"` for a
/// boolean: remove them), or the core schema reading a plain scalar as a
/// number, boolean or null where a string is wanted (`010`: quote it).
/// `found` is the value's kind (`YNode::kind`); `free_text` says whether
/// any string fits (a name, an environment value), so that quoting fixes
/// the value (not for a keyword or a pattern: `min_tls: 12` quoted is no
/// policy either). Otherwise: replace the value with `wanted`, what the
/// field takes in words (`replace the mapping with a string`).
pub(crate) fn type_help(
    sources: &Sources,
    loc: Loc,
    expected: &str,
    found: &str,
    free_text: bool,
    wanted: &str,
) -> String {
    let text = sources.text(loc);
    let quoted = text.starts_with(['"', '\'']);
    let inner = if quoted && text.len() >= 2 {
        text.get(1..text.len() - 1).unwrap_or("")
    } else {
        text
    };
    if let Some(tag) = sources.tag(loc) {
        // Without the tag, the text reads by the core schema.
        let untagged = if quoted {
            "a string"
        } else {
            crate::yaml::plain_kind(text)
        };
        let fits = untagged == expected
            || (untagged == "an integer" && matches!(expected, "a whole number" | "a number"))
            || (untagged == "a number" && expected == "a number");
        return if !fits && free_text && expected == "a string" && !quoted {
            format!("remove the tag `{tag}` and quote it: `\"{text}\"`")
        } else {
            format!("remove the tag `{tag}`")
        };
    }
    match (expected, found) {
        ("a boolean", "a string") if quoted && crate::yaml::plain_kind(inner) == "a boolean" => {
            format!("remove the quotes: `{inner}`")
        }
        ("a boolean", "a string") => {
            "use true/false: YAML 1.2 reads yes/no/on/off as strings".to_owned()
        }
        ("a string", "an integer" | "a number" | "a boolean" | "null")
            if free_text && !quoted && !text.is_empty() =>
        {
            format!("quote it: `\"{text}\"`")
        }
        (_, "a mapping" | "a list") => format!(
            "replace the {} with {wanted}",
            found.trim_start_matches("a ")
        ),
        _ => format!("replace it with {wanted}"),
    }
}

/// A scalar the model holds (a leaf of the model: a new value type is one
/// impl of this trait; `Spanned<T>` of it then loads wherever it is
/// declared).
pub(crate) trait Scalar: Sized {
    const EXPECTED: &'static str;
    fn convert(n: &YNode, cx: &mut Cx<'_>, field: &Field) -> Option<Self>;

    /// A declared default as the field holds it (a duration takes the
    /// field's unit, whatever unit its default function wrote).
    fn in_field(self, _: &Field) -> Self {
        self
    }

    /// The JSON Schema of the limits `field` puts on the type's values
    /// (its unit, its check's bounds), beyond the type's own schema;
    /// `None` when the field adds none.
    fn field_schema(_: &Field) -> Option<serde_json::Value> {
        None
    }
}

impl Scalar for String {
    const EXPECTED: &'static str = "a string";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match &n.value {
            Value::Str(s) => Some(s.clone()),
            _ => {
                cx.wrong_type(n, Self::EXPECTED);
                None
            }
        }
    }
}

impl Scalar for bool {
    const EXPECTED: &'static str = "a boolean";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                cx.wrong_type(n, Self::EXPECTED);
                None
            }
        }
    }
}

fn integer(n: &YNode, cx: &mut Cx<'_>, max: u64) -> Option<u64> {
    let out_of_range = |cx: &mut Cx<'_>| {
        let text = cx.text(n).to_owned();
        cx.invalid(
            n,
            format!("`{text}` is out of range: expected a whole number from 0 to {max}"),
            None,
        );
        None
    };
    match n.value {
        Value::UInt(u) if u <= max => Some(u),
        Value::Int(i) if i >= 0 && i.unsigned_abs() <= max => Some(i.unsigned_abs()),
        Value::UInt(_) | Value::Int(_) => out_of_range(cx),
        // An integer past 64 bits (decimal, octal or hexadecimal) is held
        // as a float, but the user wrote an integer. Only past 64 bits:
        // `!!float 60` is a float the user asked for.
        Value::Float(f)
            if (f >= 18_446_744_073_709_551_616.0 || f <= -9_223_372_036_854_775_808.0)
                && crate::yaml::is_core_int(cx.text(n)) =>
        {
            out_of_range(cx)
        }
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
            let text = cx.text(n).to_owned();
            let (message, help) = match cx.sources.tag(cx.loc(n)) {
                Some(tag) => (
                    format!("expected a whole number, found the float {text} (tagged `{tag}`)"),
                    format!("remove the tag `{tag}`"),
                ),
                None => (
                    format!("expected a whole number, found the float {text}"),
                    format!(
                        "write it without a fraction or exponent (YAML reads `{text}` as a float)"
                    ),
                ),
            };
            cx.invalid(n, message, Some(help));
            None
        }
        _ => {
            cx.wrong_type(n, "a whole number");
            None
        }
    }
}

impl Scalar for u64 {
    const EXPECTED: &'static str = "a whole number";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        integer(n, cx, u64::MAX)
    }
}

impl Scalar for u32 {
    const EXPECTED: &'static str = "a whole number";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        integer(n, cx, u64::from(u32::MAX)).and_then(|v| u32::try_from(v).ok())
    }
}

impl Scalar for u16 {
    const EXPECTED: &'static str = "a whole number";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        integer(n, cx, u64::from(u16::MAX)).and_then(|v| u16::try_from(v).ok())
    }
}

impl Scalar for f64 {
    const EXPECTED: &'static str = "a number";
    #[allow(clippy::cast_precision_loss)]
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match n.value {
            Value::Int(i) => Some(i as f64),
            Value::UInt(u) => Some(u as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            Value::Float(_) => None, // reported by the parser
            _ => {
                cx.wrong_type(n, Self::EXPECTED);
                None
            }
        }
    }
}

fn parsed<T>(
    n: &YNode,
    cx: &mut Cx<'_>,
    what: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    match &n.value {
        Value::Str(s) => match parse(s) {
            Ok(v) => Some(v),
            Err(msg) => {
                cx.invalid(n, msg, None);
                None
            }
        },
        _ => {
            cx.wrong_type(n, what);
            None
        }
    }
}

impl Scalar for Cidr {
    const EXPECTED: &'static str = "a CIDR block";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match &n.value {
            Value::Str(s) => match Cidr::parse_with_help(s) {
                Ok(v) => Some(v),
                Err((message, help)) => {
                    cx.invalid(n, message, help);
                    None
                }
            },
            _ => {
                cx.wrong_type(n, Self::EXPECTED);
                None
            }
        }
    }
}

impl Scalar for Domain {
    const EXPECTED: &'static str = "a domain name";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        parsed(n, cx, Self::EXPECTED, Domain::parse)
    }
}

impl Scalar for Size {
    const EXPECTED: &'static str = "a size";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match n.value {
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => {
                let gib = integer(n, cx, u64::MAX >> 30)?;
                Some(Size { bytes: gib << 30 })
            }
            _ => parsed(n, cx, Self::EXPECTED, Size::parse),
        }
    }
}

impl Scalar for Version {
    const EXPECTED: &'static str = "a version string";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match &n.value {
            Value::Str(s) => Some(Version { text: s.clone() }),
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => {
                let text = cx.text(n).to_owned();
                let read_as = match n.value {
                    // Past 64 bits an integer is held as a float: not its value.
                    Value::Float(_) if crate::yaml::is_core_int(&text) => {
                        "an integer too large for 64 bits".to_owned()
                    }
                    Value::Float(f) => f.to_string(),
                    Value::Int(i) => i.to_string(),
                    Value::UInt(u) => u.to_string(),
                    _ => text.clone(),
                };
                let (message, label, help) = match cx.sources.tag(cx.loc(n)) {
                    // The tag, not the lack of quotes, makes it a number.
                    Some(tag) => {
                        let quoted = text.starts_with(['"', '\'']);
                        (
                            format!(
                                "version {text} is tagged `{tag}`: a number, which YAML reads as {read_as}"
                            ),
                            "tagged number",
                            if quoted {
                                format!("remove the tag `{tag}`")
                            } else {
                                format!("remove the tag `{tag}` and quote it: \"{text}\"")
                            },
                        )
                    }
                    None if read_as == text => (
                        format!("version {text} is an unquoted number"),
                        "unquoted number",
                        format!("quote it: \"{text}\""),
                    ),
                    None => (
                        format!("version {text} is an unquoted number: YAML reads it as {read_as}"),
                        "unquoted number",
                        format!("quote it: \"{text}\""),
                    ),
                };
                let mut d = SpecCode::NumericVersion
                    .diagnostic(Label::at(cx.sources, cx.loc(n), label), message);
                d.help = Some(help);
                cx.diags.push(d);
                Some(Version { text })
            }
            _ => {
                cx.wrong_type(n, Self::EXPECTED);
                None
            }
        }
    }
}

impl Scalar for crate::types::ImageRef {
    const EXPECTED: &'static str = "an image reference";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        parsed(n, cx, Self::EXPECTED, str::parse)
    }
}

/// Every keyword enum (`keywords!` in `types`): one of its spellings.
impl<T: Keyword> Scalar for T {
    const EXPECTED: &'static str = "a keyword";
    fn convert(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        match &n.value {
            Value::Str(s) => match T::ALL.iter().find(|(t, _)| t == s) {
                Some((_, v)) => Some(*v),
                None => {
                    let (message, help) = T::unknown(s);
                    cx.invalid(n, message, help);
                    None
                }
            },
            _ => {
                cx.wrong_type(n, &T::expected_type());
                None
            }
        }
    }
}

impl Scalar for Duration {
    const EXPECTED: &'static str = "a duration";

    fn in_field(self, field: &Field) -> Self {
        Self {
            unit: field.unit,
            ..self
        }
    }

    fn field_schema(field: &Field) -> Option<serde_json::Value> {
        Some(Duration::field_schema(
            field.unit,
            field.bounds.min,
            field.bounds.max,
        ))
    }

    /// In the field's unit (`#[from_node(unit = "days")]`). A field counted
    /// in days takes whole days (`36h` is refused: the services behind
    /// these fields, RDS backup retention, S3 lifecycle and CloudWatch Logs
    /// retention, count in days).
    fn convert(n: &YNode, cx: &mut Cx<'_>, field: &Field) -> Option<Self> {
        let unit = field.unit;
        let value = match n.value {
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => {
                integer(n, cx, u64::MAX / unit.seconds()).map(|v| Duration::new(v, unit))
            }
            _ => parsed(n, cx, Self::EXPECTED, |s| Duration::parse(s, unit)),
        }?;
        if unit == TimeUnit::Days && !value.seconds.is_multiple_of(unit.seconds()) {
            let text = cx.text(n).to_owned();
            let days = value.seconds.div_ceil(unit.seconds());
            cx.invalid(
                n,
                format!("`{}` takes whole days; `{text}` is {value}", field.key),
                Some(format!("write a number of days, e.g. `{days}`")),
            );
            return None;
        }
        Some(value)
    }
}

/// The field a value is read for: its key (for messages), for a
/// duration the unit a bare integer is read in, and the bounds of its
/// check (`#[from_node(validate)]`). The derive declares one per field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub key: &'static str,
    pub unit: TimeUnit,
    pub bounds: crate::checks::Bounds,
}

/// The field a list item, a map value or a section is read for when it
/// has no key of its own.
const NO_FIELD: Field = Field {
    key: "",
    unit: TimeUnit::Seconds,
    bounds: crate::checks::Bounds::ANY,
};

/// The limits fields put on their values, for the JSON Schema: each
/// derived struct adds its fields' [`Scalar::field_schema`] to its
/// properties and recurses into the types its fields hold (derived).
pub(crate) trait FieldLimits {
    /// The limits a field of this type adds (see [`Scalar::field_schema`]).
    fn field_schema(_: &Field) -> Option<serde_json::Value> {
        None
    }
    /// Add the limits of this type's fields, and of the types they hold,
    /// to `root`, the schema of the whole spec.
    fn add_limits(_: &mut serde_json::Value) {}
}

impl<T: Scalar> FieldLimits for Spanned<T> {
    fn field_schema(field: &Field) -> Option<serde_json::Value> {
        T::field_schema(field)
    }
}

impl<T: FieldLimits> FieldLimits for Option<T> {
    fn field_schema(field: &Field) -> Option<serde_json::Value> {
        T::field_schema(field)
    }
    fn add_limits(root: &mut serde_json::Value) {
        T::add_limits(root);
    }
}

impl<T: FieldLimits> FieldLimits for Vec<T> {
    fn add_limits(root: &mut serde_json::Value) {
        T::add_limits(root);
    }
}

impl<T: FieldLimits> FieldLimits for BTreeMap<String, T> {
    fn add_limits(root: &mut serde_json::Value) {
        T::add_limits(root);
    }
}

impl FieldLimits for Subnet {
    fn add_limits(root: &mut serde_json::Value) {
        SubnetMapping::add_limits(root);
    }
}

impl FieldLimits for Stage {}

/// State a struct's `#[from_node(one_of(...))]` in its schema: at least
/// one of `keys` holds a value (present and not null).
pub(crate) fn add_one_of(root: &mut serde_json::Value, name: Option<&str>, keys: &[&str]) {
    let object = match name {
        Some(name) => root.get_mut("$defs").and_then(|d| d.get_mut(name)),
        None => Some(root),
    };
    if let Some(object) = object.and_then(serde_json::Value::as_object_mut) {
        let branches: Vec<serde_json::Value> = keys
            .iter()
            .map(|k| {
                serde_json::json!({
                    "required": [k],
                    "properties": { *k: { "not": { "type": "null" } } }
                })
            })
            .collect();
        object.insert("anyOf".into(), serde_json::Value::Array(branches));
    }
}

/// Add a field's limits to the properties of the struct named `name` in
/// `root` (the root itself when `name` is `None`): the property keeps its
/// type, and `allOf` adds the limits (null passes them: whether null is
/// allowed is the property's own business).
pub(crate) fn add_field_limits(
    root: &mut serde_json::Value,
    name: Option<&str>,
    key: &str,
    limits: Option<serde_json::Value>,
) {
    let Some(mut limits) = limits else { return };
    if let Some(serde_json::Value::Array(branches)) = limits.get_mut("anyOf") {
        branches.insert(0, serde_json::json!({ "type": "null" }));
    }
    let object = match name {
        Some(name) => root.get_mut("$defs").and_then(|d| d.get_mut(name)),
        None => Some(root),
    };
    if let Some(prop) = object
        .and_then(|o| o.get_mut("properties"))
        .and_then(|p| p.get_mut(key))
        .and_then(serde_json::Value::as_object_mut)
    {
        prop.insert("allOf".into(), serde_json::Value::Array(vec![limits]));
    }
}

/// A model value read from a (non-null) node; `None` after reporting why
/// it cannot be read. Structs derive it (`reelnet_spec_derive::FromNode`).
pub(crate) trait FromNode: Sized {
    fn from_node(n: &YNode, cx: &mut Cx<'_>, field: &Field) -> Option<Self>;
}

/// How a mapping is held: alone, as an item of a one-or-many list, or as
/// the value of a named map (with its name).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Form<'a> {
    One,
    Many,
    Entry(&'a str),
}

impl<'a> Form<'a> {
    pub(crate) fn is_many(self) -> bool {
        matches!(self, Form::Many)
    }

    /// The name of a named map's value (empty otherwise).
    pub(crate) fn key(self) -> &'a str {
        match self {
            Form::Entry(k) => k,
            Form::One | Form::Many => "",
        }
    }
}

/// A struct read from a mapping, field by field (derived).
pub(crate) trait FromMap: Sized {
    fn from_map(o: &Obj<'_>, cx: &mut Cx<'_>, form: Form<'_>) -> Option<Self>;
}

/// The top level, read one section at a time (derived with
/// `#[from_node(sections)]`): a directory spec's sections come from
/// several files.
pub(crate) trait Sections {
    /// Convert the section `key` (value `n`) of the file whose top-level
    /// mapping is `document`.
    fn section(&mut self, key: &str, n: &YNode, document: &YNode, cx: &mut Cx<'_>);

    /// Report each `#[from_node(required)]` section that no file holds
    /// (`present` says which keys some file gives a non-null value), at
    /// the top-level mapping `o`, as [`Obj::missing`] reports any field.
    fn missing(o: &Obj<'_>, present: &dyn Fn(&str) -> bool, cx: &mut Cx<'_>);
}

/// Derived struct name → the keys its loader reads, in declaration order
/// (tests compare them with the schema and the serialised form).
#[cfg(test)]
pub(crate) type Declarations = BTreeMap<&'static str, (&'static [&'static str], &'static [Field])>;

/// The derived structs a type of the model reaches: a derived struct
/// records its keys, then walks its loaded fields' types; a container
/// walks what it holds. Walking `Model` lists every derived struct, so the
/// tests' list cannot miss one.
#[cfg(test)]
pub(crate) trait Declared {
    fn declare(out: &mut Declarations);
}

#[cfg(test)]
impl<T> Declared for Spanned<T> {
    fn declare(_: &mut Declarations) {}
}

#[cfg(test)]
impl<T: Declared> Declared for Option<T> {
    fn declare(out: &mut Declarations) {
        T::declare(out);
    }
}

#[cfg(test)]
impl<T: Declared> Declared for Vec<T> {
    fn declare(out: &mut Declarations) {
        T::declare(out);
    }
}

#[cfg(test)]
impl<T: Declared> Declared for BTreeMap<String, T> {
    fn declare(out: &mut Declarations) {
        T::declare(out);
    }
}

/// A subnet's mapping form is derived ([`SubnetMapping`]).
#[cfg(test)]
impl Declared for Subnet {
    fn declare(out: &mut Declarations) {
        SubnetMapping::declare(out);
    }
}

/// A stage is a one-key mapping, read by hand: it has no keys of its own.
#[cfg(test)]
impl Declared for Stage {
    fn declare(_: &mut Declarations) {}
}

impl<T: Scalar> FromNode for Spanned<T> {
    fn from_node(n: &YNode, cx: &mut Cx<'_>, field: &Field) -> Option<Self> {
        T::convert(n, cx, field).map(|v| Spanned::new(v, cx.loc(n)))
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(n: &YNode, cx: &mut Cx<'_>, field: &Field) -> Option<Self> {
        match &n.value {
            Value::Seq(items) => {
                // Sized once: growing by doubling would hold the old and
                // the new buffer at once (the peak of a spec's memory, for
                // 100,000 subnets).
                let mut out = Vec::with_capacity(items.len());
                out.extend(items.iter().filter_map(|n| T::from_node(n, cx, field)));
                Some(out)
            }
            _ => {
                cx.wrong_type(n, "a list");
                None
            }
        }
    }
}

impl<T: FromNode> FromNode for BTreeMap<String, T> {
    fn from_node(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        let o = obj(n, cx)?;
        Some(
            o.entries
                .iter()
                .filter_map(|(k, v)| T::from_node(v, cx, &NO_FIELD).map(|v| (k.clone(), v)))
                .collect(),
        )
    }
}

/// Whether a node is an explicit null (the same as an absent key).
pub(crate) fn is_null(n: &YNode) -> bool {
    matches!(n.value, Value::Null)
}

/// A declared default (`#[serde(default = "path")]`) placed at the mapping
/// that leaves the field out.
pub(crate) fn default_at<T: Scalar>(default: Spanned<T>, loc: Loc, field: &Field) -> Spanned<T> {
    Spanned::default_at(default.value.in_field(field), loc)
}

/// A converted value that must also pass `check`; SPEC004 at `n` if not.
pub(crate) fn validated<T>(
    value: Spanned<T>,
    n: &YNode,
    field: &Field,
    cx: &mut Cx<'_>,
    check: &crate::checks::Check<T>,
) -> Option<Spanned<T>>
where
    T: crate::checks::Measured,
{
    match check.check(&value.value, field.key) {
        Ok(()) => Some(value),
        Err(e) => {
            cx.invalid(n, e.message, e.help);
            None
        }
    }
}

/// `#[schemars(with = "OneOrMany<T>")]`: one mapping or a list of them.
pub(crate) fn one_or_many<T: FromMap>(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Vec<T>> {
    let (items, form) = match &n.value {
        Value::Seq(items) => (&items[..], Form::Many),
        _ => (std::slice::from_ref(n), Form::One),
    };
    Some(
        items
            .iter()
            .filter_map(|n| obj(n, cx).and_then(|o| T::from_map(&o, cx, form)))
            .collect(),
    )
}

/// `#[schemars(with = "NamedMap<T>")]`: a mapping from names to `T`, held
/// as a list in the written order (the name in `T`'s `#[from_node(key)]`
/// field). An entry's value written as null is the empty mapping.
pub(crate) fn named_map<T: FromMap>(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Vec<T>> {
    let o = obj(n, cx)?;
    Some(
        o.entries
            .iter()
            .filter_map(|(key, n)| {
                // An entry written as null (`staging:`, `cpu: ~`) is the
                // empty mapping, as `{}` is.
                let e = if is_null(n) {
                    Obj {
                        node: n,
                        entries: &[],
                        loc: cx.loc(n),
                    }
                } else {
                    obj(n, cx)?
                };
                T::from_map(&e, cx, Form::Entry(key))
            })
            .collect(),
    )
}

/// A mapping being read field by field.
pub(crate) struct Obj<'n> {
    node: &'n YNode,
    entries: &'n [(String, YNode)],
    pub loc: Loc,
}

pub(crate) fn obj<'n>(n: &'n YNode, cx: &mut Cx<'_>) -> Option<Obj<'n>> {
    match &n.value {
        Value::Map(entries) => Some(Obj {
            node: n,
            entries,
            loc: cx.loc(n),
        }),
        _ => {
            cx.wrong_type(n, "a mapping");
            None
        }
    }
}

impl<'n> Obj<'n> {
    /// A field's node; an explicit null counts as absent.
    pub(crate) fn get(&self, key: &str) -> Option<&'n YNode> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !is_null(v))
    }

    /// Report a missing required field (unless the schema did, at this
    /// mapping).
    pub(crate) fn missing(&self, key: &str, cx: &mut Cx<'_>) {
        // Written as null (`cidr: ~`): one error, at the null (the
        // schema's, in the same words, when it reported it).
        if let Some((_, n)) = self.entries.iter().find(|(k, v)| k == key && is_null(v)) {
            if !cx.reported.contains(&(cx.file, n.id)) {
                let mut d = SpecCode::InvalidValue.diagnostic(
                    Label::at(cx.sources, cx.loc(n), "invalid value"),
                    format!("`{key}` is required: found null"),
                );
                d.help = Some(format!("write a value for `{key}`"));
                cx.diags.push(d);
            }
            return;
        }
        if cx.reported.contains(&(cx.file, self.node.id)) {
            return;
        }
        let mut d = SpecCode::InvalidValue.diagnostic(
            Label::at(cx.sources, self.loc, format!("`{key}` missing")),
            format!("missing required field `{key}`"),
        );
        d.help = Some(format!("add `{key}` to this mapping"));
        cx.diags.push(d);
    }
}

/// Convert one top-level section into the model.
pub(crate) fn section(model: &mut Model, key: &str, n: &YNode, document: &YNode, cx: &mut Cx<'_>) {
    model.section(key, n, document, cx);
}

/// A subnet: a CIDR string (the shorthand), or the mapping form. Its tier,
/// index and zone are set by [`place_subnets`].
impl FromNode for Subnet {
    fn from_node(n: &YNode, cx: &mut Cx<'_>, field: &Field) -> Option<Self> {
        let loc = cx.loc(n);
        let (cidr, az, name) = match &n.value {
            Value::Str(_) => (Spanned::from_node(n, cx, field)?, None, None),
            Value::Map(_) => {
                let m = SubnetMapping::from_node(n, cx, field)?;
                (m.cidr, m.az, m.name)
            }
            _ => {
                cx.wrong_type(n, "a CIDR block or a mapping { cidr, az?, name? }");
                return None;
            }
        };
        Some(Subnet {
            loc,
            cidr,
            zone: az.as_ref().map(|a| a.value.clone()),
            az,
            name,
            tier: Tier::Private,
            index: 0,
        })
    }
}

/// A stage: a one-key mapping from its name to its steps (`- build: [compile, test]`).
impl FromNode for Stage {
    fn from_node(n: &YNode, cx: &mut Cx<'_>, _: &Field) -> Option<Self> {
        let s = obj(n, cx)?;
        let [(key, steps)] = s.entries else {
            if cx.sources.has_unread_key(cx.loc(n)) {
                // A key that is not a string: reported at the key, not read.
                return None;
            }
            cx.invalid(
                n,
                format!(
                    "a stage is a one-key mapping (stage: [steps]); this one has {} keys",
                    s.entries.len()
                ),
                Some("split it into one list item per stage".into()),
            );
            return None;
        };
        let steps_loc = cx.loc(steps);
        let steps = match &steps.value {
            Value::Null => Vec::new(),
            Value::Seq(_) => Vec::from_node(steps, cx, &NO_FIELD)?,
            _ => {
                cx.wrong_type(steps, "a list of steps");
                return None;
            }
        };
        Some(Stage {
            loc: s.loc,
            name: Spanned::new(key.clone(), steps_loc),
            steps,
        })
    }
}

/// Give each subnet its tier and index, and place shorthand subnets
/// round-robin over `availability_zones`.
pub(crate) fn place_subnets(model: &mut Model) {
    let zones: Vec<String> = model
        .availability_zones
        .iter()
        .map(|z| z.value.clone())
        .collect();
    let Some(vpc) = model.vpc.as_mut() else {
        return;
    };
    for (tier, subnets) in [
        (Tier::Public, &mut vpc.public_subnets),
        (Tier::Private, &mut vpc.private_subnets),
    ] {
        for (index, subnet) in subnets.iter_mut().enumerate() {
            subnet.tier = tier;
            subnet.index = index;
            if subnet.az.is_none() && !zones.is_empty() {
                subnet.zone = zones.get(index % zones.len()).cloned();
            }
        }
    }
}

/// The declaration cannot drift from its derived copies: for every struct
/// of the model, the keys the loader reads are the schema's properties and
/// the serialised keys; every default the schema states is what the loader
/// fills in; an explicit null loads as absence. The specs are generated
/// from the schema, so a new field or section is covered without an edit.
#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use serde_json::{Map, Value as Json, json};

    use super::{Cx, Declared, Sections, TimeUnit};
    use crate::model::Model;
    use crate::source::{SourceFile, Sources};

    /// Every derived struct: its schema name, the keys its loader reads
    /// and its loaded fields (units, bounds), reached from `Model` through
    /// the types of its fields.
    #[allow(clippy::type_complexity)]
    fn declared() -> Vec<(
        &'static str,
        &'static [&'static str],
        &'static [super::Field],
    )> {
        let mut out = super::Declarations::new();
        <Model as Declared>::declare(&mut out);
        out.into_iter()
            .map(|(name, (keys, fields))| (name, keys, fields))
            .collect()
    }

    fn schema() -> Json {
        schemars::schema_for!(Model).to_value()
    }

    fn def<'a>(schema: &'a Json, node: &'a Json) -> &'a Json {
        match node
            .get("$ref")
            .and_then(Json::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(name) => &schema["$defs"][name],
            None => node,
        }
    }

    fn ref_name(node: &Json) -> Option<&str> {
        node.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
    }

    /// How [`sample`] writes a property with a default.
    #[derive(Clone, Copy, PartialEq)]
    enum Defaulted {
        /// Sampled as any other (and a list of several forms holds one
        /// item of each): every field of the model has a value.
        Full,
        /// Left out (a list or map: sampled, to reach what it holds).
        Absent,
        /// Written as null (a list or map: sampled).
        Null,
        /// Written as null, lists and maps too.
        AllNull,
    }

    /// An empty list or map (the default of `#[serde(default)]` containers).
    fn is_empty_container(v: &Json) -> bool {
        v.as_array().is_some_and(Vec::is_empty) || v.as_object().is_some_and(Map::is_empty)
    }

    /// A value the schema accepts and the loader reads: every property
    /// sampled, except those with a default, written as `mode` says.
    fn sample(schema: &Json, node: &Json, nulls: Defaulted) -> Json {
        sample_form(schema, node, nulls, false)
    }

    /// [`sample`], with one-or-many values in their list form if `many`.
    fn sample_form(schema: &Json, node: &Json, nulls: Defaulted, many: bool) -> Json {
        let sample =
            |schema: &Json, node: &Json, nulls: Defaulted| sample_form(schema, node, nulls, many);
        let named = ref_name(node);
        let node = def(schema, node);
        match named {
            Some("Cidr") => return json!("10.0.0.0/16"),
            Some("Domain") => return json!("example.com"),
            Some("Version") => return json!("14.5"),
            _ => {}
        }
        // A list item's `required_in_list` wraps its struct: the struct,
        // with those keys written.
        if let Some(inner) = node.get("allOf").and_then(|a| a.get(0)) {
            let mut value = sample(schema, inner, nulls);
            let props = &def(schema, inner)["properties"];
            for key in node["required"].as_array().into_iter().flatten() {
                let key = key.as_str().unwrap_or_default();
                if let Some(obj) = value.as_object_mut()
                    && obj.get(key).is_none_or(Json::is_null)
                {
                    obj.insert(key.to_owned(), sample(schema, &props[key], nulls));
                }
            }
            return value;
        }
        // (A struct's `anyOf` states its `one_of`: its properties come first.)
        if let Some(variants) = node
            .get("anyOf")
            .and_then(Json::as_array)
            .filter(|_| node.get("properties").is_none())
        {
            let list = variants
                .iter()
                .find(|v| many && v.get("type") == Some(&json!("array")));
            let first = list
                .or_else(|| {
                    variants
                        .iter()
                        .find(|v| v.get("type") != Some(&json!("null")))
                })
                .unwrap_or(&Json::Null);
            return sample(schema, first, nulls);
        }
        if let Some(values) = node.get("enum").and_then(Json::as_array) {
            return values.first().cloned().unwrap_or(Json::Null);
        }
        if let Some(props) = node.get("properties").and_then(Json::as_object) {
            let mut out = Map::new();
            for (key, prop) in props {
                let default = prop.get("default");
                let container = default.is_some_and(is_empty_container);
                if default.is_some()
                    && nulls != Defaulted::Full
                    && (nulls == Defaulted::AllNull || !container)
                {
                    if nulls != Defaulted::Absent {
                        out.insert(key.clone(), Json::Null);
                    }
                } else {
                    out.insert(key.clone(), sample(schema, prop, nulls));
                }
            }
            return Json::Object(out);
        }
        let ty = match node.get("type") {
            Some(Json::Array(types)) => types.first().cloned().unwrap_or(Json::Null),
            Some(t) => t.clone(),
            None => Json::Null,
        };
        match ty.as_str() {
            Some("string") => json!("x"),
            Some("boolean") => json!(true),
            Some("integer" | "number") => {
                json!(
                    node.get("minimum")
                        .and_then(Json::as_u64)
                        .unwrap_or(1)
                        .max(1)
                )
            }
            Some("array") => {
                let items = def(schema, &node["items"]);
                match items.get("anyOf").and_then(Json::as_array) {
                    // One item of each form (a subnet: a CIDR, a mapping).
                    Some(forms) if nulls == Defaulted::Full => Json::Array(
                        forms
                            .iter()
                            .filter(|f| f.get("type") != Some(&json!("null")))
                            .map(|f| sample(schema, f, nulls))
                            .collect(),
                    ),
                    _ => json!([sample(schema, &node["items"], nulls)]),
                }
            }
            Some("object") => match node.get("additionalProperties") {
                Some(item) if item.is_object() => json!({ "x": sample(schema, item, nulls) }),
                _ => json!({}),
            },
            _ => Json::Null,
        }
    }

    /// The model the loader converts from `text` (no container files read),
    /// with every diagnostic.
    fn convert(text: &str) -> (Model, Vec<crate::Diagnostic>) {
        convert_with(text, true)
    }

    /// Whether the loader's conversion alone (no schema) reads `doc`
    /// without an error, the required sections checked as `load` does.
    fn converts(doc: &Json) -> bool {
        convert_with(&doc.to_string(), false).1.is_empty()
    }

    /// What [`convert`] does, the schema validation only with `schema`.
    fn convert_with(text: &str, schema: bool) -> (Model, Vec<crate::Diagnostic>) {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("t.yaml".into(), text.to_owned()));
        let mut diags = Vec::new();
        let mut reported = HashSet::new();
        let file = sources.file_mut(id).unwrap_or_else(|| panic!("no file"));
        let root = crate::yaml::parse(
            id,
            file,
            &crate::Limits::default(),
            &mut diags,
            &mut reported,
        )
        .unwrap_or_else(|| panic!("unparsable: {diags:?}"));
        if schema {
            crate::schema::validate(id, &root, &sources, &mut diags, &mut reported);
        }
        let mut model = Model::empty();
        let mut cx = Cx {
            file: id,
            sources: &sources,
            diags: &mut diags,
            reported: &reported,
        };
        let mut present = HashSet::new();
        for (key, n) in root.as_map().unwrap_or_default() {
            if !super::is_null(n) {
                present.insert(key.clone());
            }
            model.section(key, n, &root, &mut cx);
        }
        // The spec's required fields, as `load` checks them.
        if let Some(o) = super::obj(&root, &mut cx) {
            <Model as Sections>::missing(&o, &|k| present.contains(k), &mut cx);
        }
        super::place_subnets(&mut model);
        (model, diags)
    }

    /// Every structural mutation of `doc`: each key of each mapping left
    /// out, or null; each mapping emptied; each list given an empty item,
    /// or emptied.
    fn mutations(doc: &Json, out: &mut Vec<(String, Json)>) {
        fn go(doc: &Json, at: &str, root: &Json, out: &mut Vec<(String, Json)>) {
            let mut with = |what: String, f: &dyn Fn(&mut Json)| {
                let mut copy = root.clone();
                if let Some(node) = copy.pointer_mut(at) {
                    f(node);
                    out.push((what, copy));
                }
            };
            match doc {
                Json::Object(map) => {
                    for key in map.keys() {
                        with(format!("{at}: drop `{key}`"), &|n| {
                            if let Some(m) = n.as_object_mut() {
                                m.remove(key);
                            }
                        });
                        with(format!("{at}: `{key}` null"), &|n| n[key] = Json::Null);
                    }
                    with(format!("{at}: {{}}"), &|n| *n = json!({}));
                    for (key, v) in map {
                        let token = key.replace('~', "~0").replace('/', "~1");
                        go(v, &format!("{at}/{token}"), root, out);
                    }
                }
                Json::Array(items) => {
                    with(format!("{at}: an item {{}}"), &|n| {
                        if let Some(a) = n.as_array_mut() {
                            a.push(json!({}));
                        }
                    });
                    with(format!("{at}: []"), &|n| *n = json!([]));
                    for (i, v) in items.iter().enumerate() {
                        go(v, &format!("{at}/{i}"), root, out);
                    }
                }
                _ => {}
            }
        }
        go(doc, "", doc, out);
    }

    /// Structure (item 5 of issue #10): the checked-in schema accepts a
    /// structural mutation of a valid spec exactly when the loader does:
    /// required keys (`required`, `required_in_list`, `one_of`) dropped or
    /// null, named-map entries null, list items empty, in both the one
    /// mapping and the list form; and a required value written as null is
    /// reported once.
    #[test]
    fn schema_and_loader_agree_on_structure() {
        let schema = crate::schema::schema();
        let validator = jsonschema::validator_for(schema).unwrap_or_else(|e| panic!("{e}"));
        let mut disagree = Vec::new();
        let (mut count, mut nulls) = (0, 0);
        for many in [false, true] {
            let base = sample_form(schema, schema, Defaulted::Absent, many);
            assert!(validator.is_valid(&base) && converts(&base), "{base}");
            let mut all = Vec::new();
            mutations(&base, &mut all);
            for (what, doc) in all {
                count += 1;
                let (by_schema, by_loader) = (validator.is_valid(&doc), converts(&doc));
                if by_schema != by_loader {
                    disagree.push(format!("{what}: schema {by_schema}, loader {by_loader}"));
                }
                // Every finding says what to do, by the schema's check or
                // the loader's.
                if !by_loader {
                    for schema in [true, false] {
                        let (_, diags) = convert_with(&doc.to_string(), schema);
                        for d in diags.iter().filter(|d| d.help.is_none()) {
                            disagree.push(format!("{what}: no help for `{}`", d.message));
                        }
                    }
                }
                // F6: a value written as null where one is required is one
                // error, at the null (a `one_of` struct's, at its mapping).
                if !by_loader
                    && let Some(rest) = what.strip_suffix("` null")
                    && let Some((at, key)) = rest.split_once(": `")
                {
                    nulls += 1;
                    let (_, diags) = convert(&doc.to_string());
                    let null = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                    let got: Vec<(&str, &str)> = diags
                        .iter()
                        .map(|d| (d.primary.path.as_str(), d.message.as_str()))
                        .collect();
                    if got.len() != 1 || (got[0].0 != null && got[0].0 != at) {
                        disagree.push(format!("{what}: {got:?}"));
                    }
                }
            }
        }
        assert!(count > 500, "only {count} mutations");
        assert!(nulls > 10, "only {nulls} required nulls");
        assert!(disagree.is_empty(), "{}", disagree.join("\n"));
    }

    /// The JSON Pointer of every mapping entry of `doc`.
    fn entries(doc: &Json, at: &str, out: &mut Vec<String>) {
        match doc {
            Json::Object(map) => {
                for (key, v) in map {
                    let token = key.replace('~', "~0").replace('/', "~1");
                    let p = format!("{at}/{token}");
                    out.push(p.clone());
                    entries(v, &p, out);
                }
            }
            Json::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    entries(v, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    /// F7 (#10): every property given a value of the wrong type (`true`
    /// for a mapping or list, a list for a scalar) is one SPEC004, at the
    /// value, saying what is expected, never the generic "wrong shape",
    /// with help saying what to write.
    #[test]
    fn every_wrong_type_says_what_is_expected() {
        let schema = crate::schema::schema();
        let mut checked = BTreeSet::new();
        for many in [false, true] {
            let base = sample_form(schema, schema, Defaulted::Absent, many);
            let mut pointers = Vec::new();
            entries(&base, "", &mut pointers);
            for pointer in pointers {
                let mut doc = base.clone();
                let Some(v) = doc.pointer_mut(&pointer) else {
                    continue;
                };
                *v = if v.is_object() || v.is_array() {
                    json!(true)
                } else {
                    json!([true])
                };
                let (_, diags) = convert(&doc.to_string());
                let here: Vec<&str> = diags
                    .iter()
                    .filter(|d| d.primary.path == pointer)
                    .map(|d| d.message.as_str())
                    .collect();
                assert_eq!(here.len(), 1, "{pointer}: {diags:#?}");
                // And says what to write instead.
                assert!(
                    diags.iter().all(|d| d.help.is_some()),
                    "{pointer}: {diags:#?}"
                );
                assert!(
                    here[0].contains("expected ") && !here[0].contains("wrong shape"),
                    "{pointer}: {}",
                    here[0]
                );
                checked.insert(pointer);
            }
        }
        assert!(checked.len() > 100, "only {}", checked.len());
    }

    /// Check a serialised value against its schema: the defaults, and the
    /// serialised keys of each object; record the objects seen.
    fn walk(schema: &Json, node: &Json, value: &Json, path: &str, seen: &mut BTreeSet<String>) {
        let named = ref_name(node).map(str::to_owned);
        let node = def(schema, node);
        if let Some(inner) = node.get("allOf").and_then(|a| a.get(0)) {
            return walk(schema, inner, value, path, seen);
        }
        if let Some(variants) = node
            .get("anyOf")
            .and_then(Json::as_array)
            .filter(|_| node.get("properties").is_none())
        {
            for v in variants {
                let d = def(schema, v);
                let fits = match value {
                    Json::Object(_) => d.get("properties").is_some(),
                    Json::Array(_) => d.get("type") == Some(&json!("array")),
                    _ => false,
                };
                if fits {
                    walk(schema, v, value, path, seen);
                }
            }
            return;
        }
        if let (Some(props), Json::Object(obj)) =
            (node.get("properties").and_then(Json::as_object), value)
        {
            let is_root = named.is_none();
            seen.insert(named.unwrap_or_else(|| "Model".into()));
            // The top level also carries the container files the services
            // reference (not part of the format: `#[schemars(skip)]`).
            let extra = serde_json::to_value(crate::container::ContainerFiles::default())
                .unwrap_or_else(|e| panic!("{e}"));
            let serialised: BTreeSet<&String> = obj
                .keys()
                .filter(|k| !(is_root && extra.get(k.as_str()).is_some()))
                .collect();
            let declared: BTreeSet<&String> = props.keys().collect();
            assert!(
                serialised.is_subset(&declared),
                "{path}: serialised keys {serialised:?} are not all schema properties {declared:?}"
            );
            for (key, prop) in props {
                let at = format!("{path}/{key}");
                if let Some(default) = prop.get("default").filter(|d| !is_empty_container(d)) {
                    assert_eq!(obj.get(key), Some(default), "{at}: loaded default");
                }
                if let Some(v) = obj.get(key) {
                    walk(schema, prop, v, &at, seen);
                }
            }
            return;
        }
        match value {
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(schema, &node["items"], item, &format!("{path}/{i}"), seen);
                }
            }
            Json::Object(obj) => {
                if let Some(item) = node.get("additionalProperties").filter(|i| i.is_object()) {
                    for (k, v) in obj {
                        walk(schema, item, v, &format!("{path}/{k}"), seen);
                    }
                }
            }
            _ => {}
        }
    }

    #[test]
    fn loader_keys_are_the_schema_properties() {
        let schema = schema();
        let mut structs = BTreeSet::new();
        for (name, keys, _) in declared() {
            let def = if name == "Model" {
                &schema
            } else {
                &schema["$defs"][name]
            };
            let props: BTreeSet<&str> = def["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("{name}: no properties in the schema"))
                .keys()
                .map(String::as_str)
                .collect();
            let keys: BTreeSet<&str> = keys.iter().copied().collect();
            assert_eq!(keys, props, "{name}: loader keys vs schema properties");
            structs.insert(name.to_owned());
        }
        // Every object of the schema has a derived loader listed above.
        for (name, d) in schema["$defs"].as_object().into_iter().flatten() {
            if d.get("properties").is_some() {
                assert!(structs.contains(name), "{name} is not in `declared()`");
            }
        }
    }

    #[test]
    fn defaults_load_as_the_schema_states_and_null_is_absence() {
        let schema = schema();
        let absent = sample(&schema, &schema, Defaulted::Absent);
        let nulls = sample(&schema, &schema, Defaulted::Null);
        let (model, diags) = convert(&absent.to_string());
        assert!(diags.is_empty(), "{absent}: {diags:#?}");
        let (with_nulls, diags) = convert(&nulls.to_string());
        assert!(diags.is_empty(), "{nulls}: {diags:#?}");
        let json = serde_json::to_value(&model).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            json,
            serde_json::to_value(&with_nulls).unwrap_or_else(|e| panic!("{e}")),
            "null differs from absence"
        );
        let mut seen = BTreeSet::new();
        walk(&schema, &schema, &json, "", &mut seen);
        // Every object with a default was loaded and checked.
        for (name, d) in schema["$defs"].as_object().into_iter().flatten() {
            let has_default = d
                .get("properties")
                .and_then(Json::as_object)
                .is_some_and(|p| p.values().any(|p| p.get("default").is_some()));
            if has_default {
                assert!(seen.contains(name), "{name} was not loaded");
            }
        }
        // Lists and maps left null load as their (empty) defaults.
        let all_null = sample(&schema, &schema, Defaulted::AllNull);
        let (model, diags) = convert(&all_null.to_string());
        assert!(diags.is_empty(), "{all_null}: {diags:#?}");
        let json = serde_json::to_value(&model).unwrap_or_else(|e| panic!("{e}"));
        for (key, prop) in schema["properties"].as_object().into_iter().flatten() {
            if let Some(default) = prop.get("default") {
                assert_eq!(json.get(key), Some(default), "/{key}: loaded default");
            }
        }
    }

    /// The hooks the model declares (`#[from_node(...)]`): every problem
    /// of a spec is reported, each once, at its value.
    #[test]
    fn every_problem_is_reported_at_its_value() {
        let text = "\
name: t
compute:
  functions:
    - { name: f, timeout: 0 }
auto_scaling: { min_size: 2, max_size: 3, scale_up_threshold: 101 }
database:
  - { backup_retention: 40 }
storage:
  buckets:
    - name: b
      lifecycle:
        - { after_days: 36h, expire: true }
        - { after_days: 30 }
        - { after_days: 2h }
alarms:
  cpu: { threshold: 1, evaluation_periods: 0 }
";
        let (_, diags) = convert(text);
        let mut got: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| (d.primary.path.as_str(), d.message.as_str()))
            .collect();
        got.sort_unstable();
        assert_eq!(
            got,
            [
                // Ranges the model declares with `#[schemars(range)]`:
                // checked by the schema, not again by the loader.
                (
                    "/alarms/cpu/evaluation_periods",
                    "`0` is below the minimum of 1"
                ),
                (
                    "/auto_scaling/scale_up_threshold",
                    "`101` is above the maximum of 100"
                ),
                (
                    "/compute/functions/0/timeout",
                    "`timeout` is 0 seconds: a Lambda function's timeout is at least 1 second"
                ),
                ("/database/0", "missing required field `name`"),
                (
                    "/database/0/backup_retention",
                    "`backup_retention` is 40 days: RDS keeps automated backups for 0 to 35 days"
                ),
                (
                    "/storage/buckets/0/lifecycle/0/after_days",
                    "`after_days` takes whole days; `36h` is 129600 seconds"
                ),
                (
                    "/storage/buckets/0/lifecycle/1",
                    "missing required field `transition` or `expire`"
                ),
                // Both problems of one rule.
                (
                    "/storage/buckets/0/lifecycle/2",
                    "missing required field `transition` or `expire`"
                ),
                (
                    "/storage/buckets/0/lifecycle/2/after_days",
                    "`after_days` takes whole days; `2h` is 7200 seconds"
                ),
            ]
        );
    }

    /// Keyword enums load through their `keywords!` declaration alone
    /// (`Keyword`): a spelling that is not one is reported in the enum's
    /// own words (a value of another type is the schema's to report).
    #[test]
    fn keywords_report_with_their_own_words() {
        let text = "\
name: t
database: { engine: postgress, subnets: 5 }
cdn:
  distributions:
    - { name: d, min_tls: tlsv1.2_2021 }
    - { name: e, min_tls: 12 }
";
        let (model, diags) = convert(text);
        let got: Vec<(&str, &str, Option<&str>)> = diags
            .iter()
            .map(|d| {
                (
                    d.primary.path.as_str(),
                    d.message.as_str(),
                    d.help.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "/cdn/distributions/1/min_tls",
                    "expected a string, found an integer `12`",
                    Some(
                        "replace it with one of `SSLv3`, `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016`, `TLSv1.2_2018`, `TLSv1.2_2019`, `TLSv1.2_2021`, `TLSv1.2_2025`, `TLSv1.3_2025`"
                    )
                ),
                (
                    "/database/subnets",
                    "expected a string, found an integer `5`",
                    Some("replace it with one of `public`, `private`")
                ),
                (
                    "/database/engine",
                    "`postgress` is not one of `postgres`, `mysql`, `mariadb`, `aurora-postgresql`, `aurora-mysql`",
                    Some("did you mean `postgres`?")
                ),
                (
                    "/cdn/distributions/0/min_tls",
                    "`tlsv1.2_2021` is not a CloudFront security policy; CloudFront's policies are SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016, TLSv1.2_2018, TLSv1.2_2019, TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025",
                    Some("did you mean `TLSv1.2_2021`?")
                ),
            ]
        );
        assert_eq!(model.database[0].engine, None);
    }

    /// Computed defaults: from the rest of the value, at its mapping.
    #[test]
    fn computed_defaults() {
        let text = "\
name: t
api_gateway: { domain: api.example.com }
auto_scaling: { min_size: 2, max_size: 3 }
alarms:
  cpu_utilization: { threshold: 80 }
";
        let (model, diags) = convert(text);
        assert!(diags.is_empty(), "{diags:#?}");
        let gateway = &model.api_gateway[0];
        assert_eq!(
            (gateway.name.value.as_str(), gateway.name.explicit),
            ("api", false)
        );
        assert_eq!(gateway.name.loc, gateway.loc);
        let scaling = model.auto_scaling.as_ref().map(|a| &a.desired_capacity);
        assert_eq!(scaling.map(|d| (d.value, d.explicit)), Some((2, false)));
        assert_eq!(model.alarms[0].metric.value, "CPUUtilization");
        assert_eq!(model.alarms[0].name.value, "cpu_utilization");
    }

    // -----------------------------------------------------------------
    // The published schema agrees with the loader, field by field.
    // -----------------------------------------------------------------

    /// A scalar field of the model, as the full sample holds it: where it
    /// is, and the `$defs` type its schema names (`Duration`, `Size`, ...;
    /// `None` for a plain JSON type).
    struct Leaf {
        pointer: String,
        ty: Option<String>,
    }

    /// The type a schema node names, through `anyOf` with null.
    fn named_type(node: &Json) -> Option<String> {
        if let Some(name) = ref_name(node) {
            return Some(name.to_owned());
        }
        node.get("anyOf")
            .and_then(Json::as_array)?
            .iter()
            .find_map(|b| ref_name(b).map(str::to_owned))
    }

    /// Every scalar leaf of `value` (a document the schema `node`
    /// describes).
    fn leaves(schema: &Json, node: &Json, value: &Json, pointer: &str, out: &mut Vec<Leaf>) {
        let resolved = def(schema, node);
        match value {
            Json::Object(obj) => {
                let props = resolved.get("properties").and_then(Json::as_object);
                let branches: Vec<&Json> = resolved
                    .get("anyOf")
                    .and_then(Json::as_array)
                    .map(|b| b.iter().collect())
                    .unwrap_or_default();
                for (k, v) in obj {
                    let at = format!("{pointer}/{}", crate::source::escape_token(k));
                    let child = props
                        .and_then(|p| p.get(k))
                        .or_else(|| {
                            branches.iter().find_map(|b| {
                                def(schema, b).get("properties").and_then(|p| p.get(k))
                            })
                        })
                        .or_else(|| resolved.get("additionalProperties"))
                        .cloned()
                        .unwrap_or(Json::Null);
                    let child = match child.get("anyOf").and_then(Json::as_array) {
                        // A named map's entries may be null.
                        Some(b)
                            if ref_name(&child).is_none() && !b.is_empty() && props.is_none() =>
                        {
                            b[0].clone()
                        }
                        _ => child,
                    };
                    leaves(schema, &child, v, &at, out);
                }
            }
            Json::Array(items) => {
                let item = resolved
                    .get("items")
                    .cloned()
                    .or_else(|| {
                        resolved
                            .get("anyOf")
                            .and_then(Json::as_array)
                            .and_then(|b| {
                                b.iter().find_map(|b| def(schema, b).get("items").cloned())
                            })
                    })
                    .unwrap_or(Json::Null);
                let forms: Vec<Json> = def(schema, &item)
                    .get("anyOf")
                    .and_then(Json::as_array)
                    .cloned()
                    .unwrap_or_default();
                for (i, v) in items.iter().enumerate() {
                    // A list of several forms: item `i` is of form `i`.
                    let node = forms.get(i).filter(|_| !forms.is_empty()).unwrap_or(&item);
                    leaves(schema, node, v, &format!("{pointer}/{i}"), out);
                }
            }
            _ => out.push(Leaf {
                pointer: pointer.to_owned(),
                ty: named_type(node),
            }),
        }
    }

    /// Every declared field's bounds in every unit a number may be written
    /// in, each ±1, the limits the published schema states, ±1, and the
    /// integer widths of the model's types: the numbers around every limit.
    fn boundary_numbers(schema: &Json) -> BTreeSet<u64> {
        fn stated(node: &Json, out: &mut BTreeSet<u64>) {
            match node {
                Json::Object(m) => {
                    for (k, v) in m {
                        if (k == "minimum" || k == "maximum") && v.is_number() {
                            if let Some(n) = v.as_u64() {
                                out.insert(n);
                            } else if let Some(f) = v.as_f64().filter(|f| *f >= 0.0) {
                                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                                out.insert(f as u64);
                            }
                        }
                        stated(v, out);
                    }
                }
                Json::Array(items) => items.iter().for_each(|i| stated(i, out)),
                _ => {}
            }
        }
        let mut ends = BTreeSet::from([
            0,
            u64::from(u8::MAX),
            u64::from(u16::MAX),
            u64::from(u32::MAX),
            u64::MAX,
        ]);
        stated(schema, &mut ends);
        let units: Vec<u64> = TimeUnit::ALL
            .iter()
            .map(|u| u.seconds())
            .chain([604_800])
            .chain((0..6).map(|k| 1u64 << (10 * k)))
            .collect();
        for (_, _, fields) in declared() {
            for f in fields {
                for &per in &units {
                    for b in [f.bounds.min, f.bounds.max] {
                        ends.insert(b / per);
                        ends.insert(b.div_ceil(per));
                    }
                }
            }
        }
        for &per in &units {
            ends.insert(u64::MAX / per);
        }
        let mut numbers = BTreeSet::new();
        for e in ends {
            numbers.extend([e.saturating_sub(1), e, e.saturating_add(1)]);
        }
        numbers
    }

    /// The scalars (YAML text) tried in a field of type `ty`.
    fn values_for(ty: Option<&str>, numbers: &BTreeSet<u64>) -> Vec<String> {
        const ANY: &[&str] = &[
            "~",
            "\"\"",
            "x",
            "true",
            "yes",
            "0x10",
            "0o17",
            "010",
            "1e3",
            "3.0",
            "2.5",
            "-1",
            ".inf",
            "99999999999999999999",
            "-99999999999999999999",
            "'12'",
            "\"1.5\"",
            "10.0.0.0/16",
            "010.0.0.0/16",
            "10.0.0.0/016",
            "example.com",
            "\"*.example.com\"",
            "postgres",
            "14.5",
            "\"14.5\"",
            "100gb",
            "90d",
            "36h",
            "48h",
            "90m",
            "[]",
            "{}",
        ];
        let mut out: Vec<String> = ANY.iter().map(|s| (*s).to_owned()).collect();
        let numeric = matches!(ty, None | Some("Duration" | "Size"));
        if !numeric {
            return out;
        }
        let suffixes: &[&str] = match ty {
            Some("Duration") => &["s", "m", "min", "h", "d", "w", " d", "ms", "y"],
            Some("Size") => &[
                "B", "kb", "KiB", "MB", "GB", "gib", "TB", "PB", "pib", " GB", "EB",
            ],
            _ => &[],
        };
        // Past 64 bits too: 2^64, 20 nines, 31 digits.
        let past = [
            "18446744073709551616",
            "99999999999999999999",
            "1000000000000000000000000000000",
        ];
        let numerals = numbers
            .iter()
            .map(u64::to_string)
            .chain(past.iter().map(|s| (*s).to_owned()));
        let zeros = "0".repeat(40);
        for n in numerals {
            out.extend([
                n.to_string(),
                format!("\"{n}\""),
                format!("-{n}"),
                format!("{n}.0"),
                format!("{n}.5"),
                format!("00{n}"),
            ]);
            for suffix in suffixes {
                out.push(format!("{n}{suffix}"));
                out.push(format!("\"0{n}.5{suffix}\""));
                out.push(format!("{zeros}{n}{suffix}"));
            }
        }
        out
    }

    /// Whether the loader reads `text` without an error.
    fn loader_accepts(text: &str) -> bool {
        let (_, diags) = convert(text);
        diags.iter().all(|d| d.severity != crate::Severity::Error)
    }

    /// `text`'s data as YAML 1.2 reads it (the JSON a YAML-to-JSON tool
    /// gives), or `None` when it is not YAML.
    fn instance(text: &str) -> Option<Json> {
        let mut file = SourceFile::new("t.yaml".into(), text.to_owned());
        let mut diags = Vec::new();
        let root = crate::yaml::parse(
            crate::FileId(0),
            &mut file,
            &crate::Limits::default(),
            &mut diags,
            &mut HashSet::new(),
        )?;
        diags.is_empty().then(|| crate::yaml::to_json(&root))
    }

    /// For every scalar field of the model (the leaves of a document that
    /// gives every field a value, so a new field is covered without an
    /// edit) and every value around its limits (every declared bound in
    /// every unit ±1, the schema's own limits ±1, the integer widths, in
    /// plain, quoted, negative, whole-float, fractional and zero-led
    /// forms, with every unit suffix for sizes and durations, and odd
    /// scalars of every type): the published schema accepts the document
    /// exactly when the loader does. Two differences are the schema
    /// language's, and are checked to be only those: JSON's data model
    /// does not tell the float 3.0 from the integer 3 (YAML's and the
    /// loader's does: SPEC004), and whole days written in hours, minutes
    /// or seconds are not stated in an unbounded days field (the schema's
    /// `$comment` there says so).
    #[test]
    fn published_schema_agrees_with_the_loader_for_every_field() {
        let raw = schema();
        let published = crate::schema::schema();
        let validator = jsonschema::validator_for(published).unwrap_or_else(|e| panic!("{e}"));
        let full = sample(&raw, &raw, Defaulted::Full);
        let base = serde_json::to_string(&full).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            loader_accepts(&base),
            "the full sample does not load: {base}"
        );
        assert!(
            validator.is_valid(&full),
            "the schema refuses the full sample"
        );
        let mut fields = Vec::new();
        leaves(&raw, &raw, &full, "", &mut fields);
        let numbers = boundary_numbers(published);
        let started = std::time::Instant::now();
        let (mut checked, mut floats, mut days) = (0usize, 0usize, 0usize);
        let mut disagree = Vec::new();
        const HOLE: &str = "@@hole@@";
        for leaf in &fields {
            let mut doc = minimal(&full, &leaf.pointer);
            *doc.pointer_mut(&leaf.pointer)
                .unwrap_or_else(|| panic!("{}", leaf.pointer)) = json!(HOLE);
            let text = serde_json::to_string(&doc).unwrap_or_else(|e| panic!("{e}"));
            assert!(text.contains(HOLE));
            let approximate = published
                .pointer(&schema_pointer(&leaf.pointer))
                .is_some_and(|p| p.to_string().contains("$comment"));
            for value in values_for(leaf.ty.as_deref(), &numbers) {
                let yaml = text.replace(&format!("\"{HOLE}\""), &value);
                let Some(data) = instance(&yaml) else {
                    continue;
                };
                checked += 1;
                let (loader, schema) = (loader_accepts(&yaml), validator.is_valid(&data));
                if loader == schema {
                    continue;
                }
                let whole_float = data.pointer(&leaf.pointer).is_some_and(|v| {
                    v.as_f64().is_some_and(|f| f.fract() == 0.0) && !v.is_i64() && !v.is_u64()
                });
                let sub_day =
                    approximate && value.trim_end_matches('"').ends_with(['h', 'm', 'n', 's']);
                if schema && !loader && whole_float {
                    floats += 1;
                } else if schema && !loader && sub_day {
                    days += 1;
                } else {
                    disagree.push(format!(
                        "{} = {value}: loader {loader}, schema {schema}",
                        leaf.pointer
                    ));
                }
            }
        }
        eprintln!(
            "{} fields, {checked} documents ({floats} whole floats, {days} sub-day units in unbounded days fields left to the loader) in {:.1?}",
            fields.len(),
            started.elapsed()
        );
        assert!(
            disagree.is_empty(),
            "{} disagreements:\n{}",
            disagree.len(),
            disagree.join("\n")
        );
        // Every kind of field was reached, and the exceptions occurred.
        for ty in ["Duration", "Size", "Cidr", "Domain", "Version"] {
            assert!(
                fields.iter().any(|f| f.ty.as_deref() == Some(ty)),
                "no {ty} field"
            );
        }
        assert!(floats > 0 && days > 0);
        // Every bounded field states its bounds (a check of a type whose
        // schema cannot state them would show here).
        for (name, _, declared_fields) in declared() {
            for f in declared_fields
                .iter()
                .filter(|f| f.bounds != crate::checks::Bounds::ANY)
            {
                let object = if name == "Model" {
                    published
                } else {
                    &published["$defs"][name]
                };
                assert!(
                    object["properties"][f.key].get("allOf").is_some(),
                    "{name}.{}: its bounds are not in the schema",
                    f.key
                );
            }
        }
    }

    /// `full` less every property that is neither required nor on the way
    /// to `pointer` (so that each document checks one field).
    fn minimal(full: &Json, pointer: &str) -> Json {
        fn prune(value: &mut Json, prefix: &str, rest: &[&str]) {
            let Some((token, rest)) = rest.split_first() else {
                return;
            };
            let here = format!("{prefix}/{token}");
            match value {
                Json::Object(obj) => {
                    let required: Vec<String> = object_schema(prefix)
                        .and_then(|o| o.get("required"))
                        .and_then(Json::as_array)
                        .map(|r| {
                            r.iter()
                                .filter_map(Json::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default();
                    let key = token.replace("~1", "/").replace("~0", "~");
                    obj.retain(|k, _| *k == key || required.contains(k));
                    if let Some(v) = obj.get_mut(&key) {
                        prune(v, &here, rest);
                    }
                }
                Json::Array(items) => {
                    if let Some(v) = token.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                        prune(v, &here, rest);
                    }
                }
                _ => {}
            }
        }
        let mut doc = full.clone();
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        prune(&mut doc, "", &tokens);
        doc
    }

    /// The object schema (with `properties`) of the mapping at a
    /// document's pointer.
    fn object_schema(pointer: &str) -> Option<&'static Json> {
        let schema = crate::schema::schema();
        let node = if pointer.is_empty() {
            schema
        } else {
            schema.pointer(&schema_pointer(pointer))?
        };
        let mut todo = vec![node];
        while let Some(n) = todo.pop() {
            if n.get("properties").is_some() {
                return Some(n);
            }
            if let Some(name) = ref_name(n) {
                todo.push(&schema["$defs"][name]);
            }
            if let Some(branches) = n.get("anyOf").and_then(Json::as_array) {
                todo.extend(branches);
            }
        }
        None
    }

    /// The schema node of a document's pointer (properties, items,
    /// definitions followed): the property schema of a field.
    fn schema_pointer(pointer: &str) -> String {
        let schema = crate::schema::schema();
        let mut node = schema;
        let mut at = String::new();
        for token in pointer.split('/').skip(1) {
            // Follow `$ref` and `anyOf` to the object or array that has `token`.
            let mut candidates = vec![(node, at.clone())];
            let mut found = None;
            while let Some((n, p)) = candidates.pop() {
                if let Some(name) = ref_name(n) {
                    candidates.push((&schema["$defs"][name], format!("/$defs/{name}")));
                    continue;
                }
                if let Some(branches) = n.get("anyOf").and_then(Json::as_array) {
                    for (i, b) in branches.iter().enumerate() {
                        candidates.push((b, format!("{p}/anyOf/{i}")));
                    }
                }
                if let Some(prop) = n.get("properties").and_then(|ps| ps.get(token)) {
                    found = Some((prop, format!("{p}/properties/{token}")));
                    break;
                }
                if token.parse::<usize>().is_ok() && n.get("items").is_some() {
                    found = Some((&n["items"], format!("{p}/items")));
                    break;
                }
                if let Some(ap) = n.get("additionalProperties").filter(|a| a.is_object()) {
                    found = Some((ap, format!("{p}/additionalProperties")));
                    break;
                }
            }
            let Some((n, p)) = found else {
                return String::from("/nowhere");
            };
            node = n;
            at = p;
        }
        at
    }
}
