//! Scalars as kubectl reads them.
//!
//! kubectl (and client-go, Helm, the API server for `application/yaml`)
//! turns a manifest into JSON with `sigs.k8s.io/yaml`'s `YAMLToJSON`,
//! which decodes with go-yaml v2 (`go.yaml.in/yaml/v2`, formerly
//! `gopkg.in/yaml.v2`) into `interface{}` values
//! (<https://github.com/kubernetes-sigs/yaml/blob/master/yaml.go>). go-yaml
//! v2 resolves plain scalars by its own YAML 1.1 table, `resolve` in
//! <https://github.com/go-yaml/yaml/blob/v2/resolve.go>, which this module
//! follows rule for rule:
//!
//! - booleans: `y Y yes Yes YES true True TRUE on On ON` and
//!   `n N no No NO false False FALSE off Off OFF`;
//! - null: the empty scalar, `~ null Null NULL`;
//! - `.nan`, `[-+]?.inf` (any of the three capitalisations) as in YAML 1.2;
//! - a scalar starting with a digit or a sign, with every `_` removed, is
//!   an integer by Go's `strconv.ParseInt(s, 0, 64)`, else
//!   `strconv.ParseUint(s, 0, 64)`: a leading `0` is octal (`010` is 8),
//!   `0b`/`0o`/`0x` (either case) are binary, octal and hexadecimal, a sign
//!   is allowed before them; else a float of the YAML form
//!   `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, unless out of
//!   the float range (`1e400` stays a string);
//! - a scalar starting with `.` is a float when Go's `ParseFloat` reads it;
//! - everything else is a string: timestamps (`2001-12-14`, kept as text
//!   when decoded into `interface{}`, decode.go) and base-60 numbers (`1:20`:
//!   "Base 60 floats are a bad idea, were dropped in YAML 1.2, and are
//!   purposefully unsupported here", resolve.go) included.
//!
//! kubectl's resource builder (k8s.io/cli-runtime, `StreamVisitor.Visit`)
//! decodes each document into a `runtime.RawExtension` through
//! `NewYAMLOrJSONDecoder`: no Go type guides `YAMLToJSON`, so a value keeps
//! its YAML 1.1 type whatever the field (an env var's `value: yes` arrives
//! as the JSON `true`, which the API server rejects for a string).
//!
//! A quoted scalar is a string; a tagged one takes its tag (`!!int 010` is
//! 8); `!!binary` is base64, decoded (decode.go) and sent as the decoded
//! text (`sigs.k8s.io/yaml`: "Binary data in YAML with the !!binary tag is
//! not supported": the base64 does not survive).

use base64::Engine as _;
use serde_saphyr::granit_parser::{ScalarStyle, Tag};

use super::{TagKind, Value, float_numeral, tag_kind};

/// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)`: the value
/// (non-negative as `UInt`, as the YAML 1.2 reader gives it), or None.
fn go_int(s: &str) -> Option<Value> {
    let (neg, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let b = unsigned.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (radix, digits) = if b[0] == b'0' {
        match b.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if b.len() >= 3 => (2, &unsigned[2..]),
            Some(b'o') if b.len() >= 3 => (8, &unsigned[2..]),
            Some(b'x') if b.len() >= 3 => (16, &unsigned[2..]),
            _ => (8, &unsigned[1..]),
        }
    } else {
        (10, unsigned)
    };
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // `0` alone: radix 8 over no digits, which Go reads as 0.
    let magnitude = if digits.is_empty() {
        0
    } else {
        u64::from_str_radix(digits, radix).ok()?
    };
    if neg {
        // ParseInt's range: down to -2^63; ParseUint takes no sign.
        let v = 0i128 - i128::from(magnitude);
        i64::try_from(v).ok().map(Value::Int)
    } else if unsigned.len() < s.len() && i64::try_from(magnitude).is_err() {
        // `+` and past ParseInt's range: ParseUint takes no sign either.
        None
    } else {
        Some(Value::UInt(magnitude))
    }
}

/// The YAML float form go-yaml v2 accepts after its integer attempts
/// (`yamlStyleFloat`), read by Go's `ParseFloat`, which fails (and the
/// scalar stays a string) past the float range.
fn go_float(s: &str) -> Option<f64> {
    if !float_numeral(s) {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A plain, untagged scalar as go-yaml v2 resolves it (see the module doc).
pub(crate) fn resolve_plain(t: &str) -> Value {
    match t {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match t.as_bytes().first() {
        // `.5`, `.5e3`: Go's ParseFloat of the text as written.
        Some(b'.') => {
            if let Some(f) = go_float(t) {
                return Value::Float(f);
            }
        }
        Some(b'0'..=b'9' | b'+' | b'-') => {
            let plain = t.replace('_', "");
            if let Some(v) = go_int(&plain) {
                return v;
            }
            if let Some(f) = go_float(&plain) {
                return Value::Float(f);
            }
        }
        _ => {}
    }
    Value::Str(t.to_owned())
}

/// `!!binary`: Go's `base64.StdEncoding` (padding required, line breaks
/// ignored, trailing bits not checked), the bytes sent as text.
fn binary(text: &str) -> Result<Value, String> {
    const GO_STD: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireCanonical),
    );
    let compact: String = text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    let bytes = GO_STD.decode(compact).map_err(|_| {
        format!("`{text}` is tagged `!!binary` but is not base64: kubectl refuses the file (`!!binary value contains invalid base64 data`)")
    })?;
    String::from_utf8(bytes).map(Value::Str).map_err(|_| {
        format!("`{text}` is tagged `!!binary`: kubectl sends the decoded bytes as text, and they are not UTF-8 (each invalid byte becomes U+FFFD); write the base64 text without the tag where the API wants base64 (a Secret's `data`)")
    })
}

/// Whether a tag is `!!binary` (`tag:yaml.org,2002:binary`, however
/// spelt).
pub(crate) fn is_binary(tag: &Tag) -> bool {
    let (handle, suffix) = tag.parts();
    handle
        .strip_prefix("tag:yaml.org,2002:")
        .map(|rest| format!("{rest}{suffix}"))
        .or_else(|| {
            "tag:yaml.org,2002:"
                .strip_prefix(handle)
                .and_then(|rest| suffix.strip_prefix(rest))
                .map(str::to_owned)
        })
        .is_some_and(|name| name == "binary")
}

/// A scalar as kubectl reads it, honouring the tags go-yaml v2 resolves
/// (`!!str !!int !!float !!bool !!null !!binary`); Err as the YAML 1.2
/// reader's: the text and a message.
pub(crate) fn resolve(
    value: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Option<Result<Value, (String, String)>> {
    let Some(tag) = tag else {
        return Some(Ok(if style == ScalarStyle::Plain {
            resolve_plain(value)
        } else {
            Value::Str(value.to_owned())
        }));
    };
    if is_binary(tag) {
        return Some(binary(value).map_err(|m| (value.to_owned(), m)));
    }
    let resolved = resolve_plain(value);
    let wrong = |what: &str| {
        Some(Err((
            value.to_owned(),
            format!(
                "`{value}` is tagged `{}` but kubectl does not read it as {what}",
                tag.original()
            ),
        )))
    };
    match tag_kind(tag) {
        TagKind::Core("int") => match resolved {
            Value::Int(_) | Value::UInt(_) => Some(Ok(resolved)),
            _ => wrong("an integer"),
        },
        TagKind::Core("float") => match resolved {
            Value::Float(_) => Some(Ok(resolved)),
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Some(Ok(Value::Float(i as f64))),
            #[allow(clippy::cast_precision_loss)]
            Value::UInt(u) => Some(Ok(Value::Float(u as f64))),
            _ => wrong("a number"),
        },
        TagKind::Core("bool") => match resolved {
            Value::Bool(_) => Some(Ok(resolved)),
            _ => wrong("a boolean"),
        },
        TagKind::Core("null") => match resolved {
            Value::Null => Some(Ok(resolved)),
            _ => wrong("null"),
        },
        // The others read as the YAML 1.2 reader reads them.
        _ => None,
    }
}

/// Whether two readings are the same JSON value (numbers by value, NaN
/// equal to NaN).
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    #[allow(clippy::cast_precision_loss)]
    fn number(v: &Value) -> Option<f64> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::UInt(u) => Some(*u as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::UInt(x), Value::UInt(y)) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
            _ => false,
        },
    }
}

/// A reading in words: "the integer 8", "the boolean true", "the string
/// `\"yes\"`".
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Int(i) => format!("the integer `{i}`"),
        Value::UInt(u) => format!("the integer `{u}`"),
        Value::Float(f) if f.is_nan() => "the number NaN".into(),
        Value::Float(f) if f.is_infinite() => format!(
            "the number {}",
            if *f > 0.0 { "+infinity" } else { "-infinity" }
        ),
        Value::Float(f) => format!("the number `{f}`"),
        Value::Str(s) => format!("the string `\"{s}\"`"),
        Value::Seq(_) | Value::Map(_) => "a collection".into(),
    }
}

/// The text that writes a reading unambiguously (None for a string).
pub(crate) fn canonical(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::UInt(u) => Some(u.to_string()),
        Value::Float(f) if f.is_finite() => Some(f.to_string()),
        _ => None,
    }
}

/// A key as kubectl sends it: go-yaml v2 resolves a plain key like a value,
/// and `YAMLToJSON` writes a boolean or integer key in decimal
/// (`yes:` is the key `"true"`, `010:` the key `"8"`). None when the key is
/// sent as written.
pub(crate) fn key(text: &str) -> Option<String> {
    let sent = match resolve_plain(text) {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        _ => return None,
    };
    (sent != text).then_some(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn int(v: i64) -> Value {
        u64::try_from(v).map_or(Value::Int(v), Value::UInt)
    }

    /// go-yaml v2's reading of each class, from resolve.go and Go's
    /// strconv (ParseInt/ParseUint with base 0, ParseFloat), against the
    /// YAML 1.2 core schema's; `ambiguous` when they differ.
    #[test]
    fn each_class_reads_as_go_yaml_v2_does() {
        let s = |t: &str| Value::Str(t.to_owned());
        let cases: Vec<(&str, Value, bool)> = vec![
            // Octal with a leading zero (YAML 1.1), and 1.2's `0o`.
            ("010", int(8), true),
            ("-010", int(-8), true),
            ("0o10", int(8), false),
            ("0O10", int(8), true),
            ("-0o10", int(-8), true),
            ("08", Value::Float(8.0), false),
            ("0", int(0), false),
            ("00", int(0), false),
            // Binary, separators, signs before a prefix.
            ("0b1010", int(10), true),
            ("-0b11", int(-3), true),
            ("0B11", int(3), true),
            ("1_000", int(1000), true),
            ("0x_1F", int(31), true),
            ("1__0", int(10), true),
            ("_1", s("_1"), false),
            ("0x1F", int(31), false),
            ("0X1F", int(31), true),
            ("+0x1F", int(31), true),
            ("+12", int(12), false),
            (
                "9223372036854775808",
                Value::UInt(9_223_372_036_854_775_808),
                false,
            ),
            (
                "+9223372036854775808",
                Value::Float(9.223_372_036_854_776e18),
                false,
            ),
            (
                "18446744073709551616",
                Value::Float(1.844_674_407_370_955_2e19),
                false,
            ),
            // Past 64 bits: text to Go's ParseUint, a number to YAML 1.2.
            ("0x1FFFFFFFFFFFFFFFF", s("0x1FFFFFFFFFFFFFFFF"), true),
            // Floats; past the range Go's ParseFloat fails: a string.
            ("1e3", Value::Float(1000.0), false),
            ("1_0.5", Value::Float(10.5), true),
            (".5", Value::Float(0.5), false),
            ("1e400", s("1e400"), true),
            (".inf", Value::Float(f64::INFINITY), false),
            ("-.Inf", Value::Float(f64::NEG_INFINITY), false),
            (".NaN", Value::Float(f64::NAN), false),
            ("+.nan", s("+.nan"), false),
            // Booleans: the YAML 1.1 words.
            ("yes", Value::Bool(true), true),
            ("Yes", Value::Bool(true), true),
            ("YES", Value::Bool(true), true),
            ("y", Value::Bool(true), true),
            ("Y", Value::Bool(true), true),
            ("on", Value::Bool(true), true),
            ("On", Value::Bool(true), true),
            ("ON", Value::Bool(true), true),
            ("no", Value::Bool(false), true),
            ("n", Value::Bool(false), true),
            ("N", Value::Bool(false), true),
            ("off", Value::Bool(false), true),
            ("OFF", Value::Bool(false), true),
            ("True", Value::Bool(true), false),
            ("FALSE", Value::Bool(false), false),
            ("yEs", s("yEs"), false),
            ("oN", s("oN"), false),
            // Null.
            ("~", Value::Null, false),
            ("NULL", Value::Null, false),
            ("", Value::Null, false),
            // Base 60 and timestamps: strings in go-yaml v2 (and in 1.2).
            ("1:20", s("1:20"), false),
            ("190:20:30", s("190:20:30"), false),
            ("2001-12-14", s("2001-12-14"), false),
            ("1.4.2", s("1.4.2"), false),
            ("-", s("-"), false),
            ("0x", s("0x"), false),
            ("0b", s("0b"), false),
        ];
        for (text, expected, ambiguous) in cases {
            let got = resolve_plain(text);
            assert!(same(&got, &expected), "{text}: {got:?}, not {expected:?}");
            assert_eq!(
                std::mem::discriminant(&got),
                std::mem::discriminant(&expected),
                "{text}: {got:?}"
            );
            let core = super::super::resolve_plain(text.into());
            assert_eq!(!same(&got, &core), ambiguous, "{text}: {got:?} / {core:?}");
        }
    }

    #[test]
    fn binary_is_decoded_as_go_base64_decodes() {
        assert!(matches!(binary("aGk="), Ok(Value::Str(s)) if s == "hi"));
        assert!(matches!(binary("aG\nk=\n"), Ok(Value::Str(s)) if s == "hi"));
        // Trailing bits not checked (Go's StdEncoding is not Strict).
        assert!(matches!(binary("aGl="), Ok(Value::Str(s)) if s == "hi"));
        for bad in ["aGk", "a", "aGk=x", "aG k=", "!!!!"] {
            assert!(binary(bad).is_err(), "{bad}");
        }
        assert!(binary("/w==").is_err());
    }

    #[test]
    fn keys_are_sent_as_their_json_text() {
        assert_eq!(key("yes").as_deref(), Some("true"));
        assert_eq!(key("off").as_deref(), Some("false"));
        assert_eq!(key("010").as_deref(), Some("8"));
        assert_eq!(key("1_0").as_deref(), Some("10"));
        assert_eq!(key("true"), None);
        assert_eq!(key("8"), None);
        assert_eq!(key("app"), None);
        assert_eq!(key("1.5"), None);
    }

    proptest! {
        /// Any integer, in any base go-yaml v2 reads, with `_` anywhere
        /// after its first character, reads as itself.
        #[test]
        fn integers_in_every_go_base(n in any::<u64>(), base in 0usize..7, seps in proptest::collection::vec(any::<prop::sample::Index>(), 0..3)) {
            let (prefix, digits) = match base {
                0 => ("", n.to_string()),
                1 => ("0b", format!("{n:b}")),
                2 => ("0B", format!("{n:b}")),
                3 => ("0o", format!("{n:o}")),
                4 => ("0", format!("{n:o}")),
                5 => ("0x", format!("{n:x}")),
                _ => ("0X", format!("{n:X}")),
            };
            let mut text = format!("{prefix}{digits}");
            // Decimal 0-9 with a leading zero would be octal: not this case.
            prop_assume!(base != 0 || n > 0 || text == "0");
            for at in seps {
                let i = 1 + at.index(text.len());
                if i <= text.len() {
                    text.insert(i, '_');
                }
            }
            prop_assert!(same(&resolve_plain(&text), &Value::UInt(n)), "{}", text);
        }

        /// A plain decimal integer without a leading zero, sign or `_`, and
        /// a word not among the YAML 1.1 booleans and nulls, read the same
        /// in both: no finding on ordinary values.
        #[test]
        fn ordinary_values_read_the_same(n in any::<i64>(), word in "[a-zA-Z][a-zA-Z0-9./-]{0,12}") {
            let t = n.to_string();
            prop_assert!(same(&resolve_plain(&t), &super::super::resolve_plain(t.as_str().into())));
            let one_one = ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"];
            prop_assume!(!one_one.contains(&word.as_str()));
            prop_assert!(same(&resolve_plain(&word), &super::super::resolve_plain(word.as_str().into())), "{}", word);
        }
    }
}
