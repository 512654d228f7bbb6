//! The node tree → the typed model, reporting every invalid value.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{Diagnostic, Label, SpecCode};
use crate::model::{Model, Spanned, Stage, Subnet, SubnetMapping};
use crate::source::{FileId, Loc, Sources};
use crate::structure::{Declarations, Declared};
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
        let help = if expected == "a boolean" && matches!(n.value, Value::Str(_)) {
            Some("use true/false: YAML 1.2 reads yes/no/on/off as strings".to_owned())
        } else {
            None
        };
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

/// Whether `text` is a decimal integer of the YAML 1.2 core schema,
/// `[-+]?[0-9]+`.
fn is_decimal_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
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
        // A plain decimal integer past 64 bits resolves to a float (the float
        // form includes it), but the user wrote an integer. Only past 64
        // bits: `!!float 60` is a float the user asked for.
        Value::Float(f)
            if (f >= 18_446_744_073_709_551_616.0 || f <= -9_223_372_036_854_775_808.0)
                && is_decimal_integer(cx.text(n)) =>
        {
            out_of_range(cx)
        }
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
            let text = cx.text(n).to_owned();
            cx.invalid(
                n,
                format!("expected a whole number, found the float {text}"),
                Some(format!(
                    "write it without a fraction or exponent (YAML reads `{text}` as a float)"
                )),
            );
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
        parsed(n, cx, Self::EXPECTED, str::parse)
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
                    Value::Float(f) => f.to_string(),
                    Value::Int(i) => i.to_string(),
                    Value::UInt(u) => u.to_string(),
                    _ => text.clone(),
                };
                let message = if read_as == text {
                    format!("version {text} is an unquoted number")
                } else {
                    format!("version {text} is an unquoted number: YAML reads it as {read_as}")
                };
                let mut d = SpecCode::NumericVersion
                    .diagnostic(Label::at(cx.sources, cx.loc(n), "unquoted number"), message);
                d.help = Some(format!("quote it: \"{text}\""));
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

/// The field a value is read for: its key (for messages) and, for a
/// duration, the unit a bare integer is read in. The derive declares one
/// per field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub key: &'static str,
    pub unit: TimeUnit,
}

/// The field a list item, a map value or a section is read for when it
/// has no key of its own.
const NO_FIELD: Field = Field {
    key: "",
    unit: TimeUnit::Seconds,
};

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
    fn section(&mut self, key: &str, n: &YNode, cx: &mut Cx<'_>);

    /// Report each `#[from_node(required)]` section that no file holds
    /// (`present` says which keys some file gives a non-null value), at
    /// the top-level mapping `o`, as [`Obj::missing`] reports any field.
    fn missing(o: &Obj<'_>, present: &dyn Fn(&str) -> bool, cx: &mut Cx<'_>);
}

/// A subnet's mapping form is derived ([`SubnetMapping`]).
impl Declared for Subnet {
    fn declare(out: &mut Declarations) {
        SubnetMapping::declare(out);
    }
}

/// A stage is a one-key mapping, read by hand: it has no keys of its own.
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
            Value::Seq(items) => Some(
                items
                    .iter()
                    .filter_map(|n| T::from_node(n, cx, field))
                    .collect(),
            ),
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
    check: fn(&T, &str) -> Result<(), crate::checks::Invalid>,
) -> Option<Spanned<T>> {
    match check(&value.value, field.key) {
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
        let d = SpecCode::InvalidValue.diagnostic(
            Label::at(cx.sources, self.loc, format!("`{key}` missing")),
            format!("missing required field `{key}`"),
        );
        cx.diags.push(d);
    }
}

/// Convert one top-level section into the model.
pub(crate) fn section(model: &mut Model, key: &str, n: &YNode, cx: &mut Cx<'_>) {
    model.section(key, n, cx);
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

    use super::{Cx, Declared, Sections};
    use crate::model::Model;
    use crate::source::{SourceFile, Sources};

    /// Every derived struct: its schema name and the keys its loader
    /// reads, reached from `Model` through the types of its fields.
    fn declared() -> Vec<(&'static str, &'static [&'static str])> {
        let mut out = super::Declarations::new();
        <Model as Declared>::declare(&mut out);
        out.into_iter().map(|(name, d)| (name, d.keys)).collect()
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
                if default.is_some() && (nulls == Defaulted::AllNull || !container) {
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
            Some("array") => json!([sample(schema, &node["items"], nulls)]),
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
        crate::schema::validate(id, &root, &sources, &mut diags, &mut reported);
        let mut model = Model::empty();
        let mut cx = Cx {
            file: id,
            sources: &sources,
            diags: &mut diags,
            reported: &reported,
        };
        for (key, n) in root.as_map().unwrap_or_default() {
            model.section(key, n, &mut cx);
        }
        super::place_subnets(&mut model);
        (model, diags)
    }

    /// Whether the loader's conversion alone (no schema) reads `doc`
    /// without an error, the required sections checked as `load` does.
    fn converts(doc: &Json) -> bool {
        let text = doc.to_string();
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("t.yaml".into(), text));
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
            model.section(key, n, &mut cx);
        }
        if let Some(o) = super::obj(&root, &mut cx) {
            <Model as Sections>::missing(&o, &|k| present.contains(k), &mut cx);
        }
        diags.is_empty()
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
    /// mapping and the list form.
    #[test]
    fn schema_and_loader_agree_on_structure() {
        let schema = crate::schema::schema();
        let validator = jsonschema::validator_for(schema).unwrap_or_else(|e| panic!("{e}"));
        let mut disagree = Vec::new();
        let mut count = 0;
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
            }
        }
        assert!(count > 500, "only {count} mutations");
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
    /// value, saying what is expected, never the generic "wrong shape".
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
        for (name, keys) in declared() {
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
                    None
                ),
                (
                    "/database/subnets",
                    "expected a string, found an integer `5`",
                    None
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
}
