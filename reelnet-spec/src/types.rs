//! Scalar types of the spec format: cidr, size, duration, version, domain,
//! and the keyword enums.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Serialize, Serializer};

/// An IPv4 or IPv6 CIDR block as written. Host bits may be set
/// (`10.0.1.5/24`): that is a finding (NET003), not a parse error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr(pub IpNet);

impl Cidr {
    /// The network with host bits cleared.
    #[must_use]
    pub fn network(&self) -> IpNet {
        self.0.trunc()
    }

    /// Whether bits right of the prefix are set (`10.0.1.5/24`; NET003).
    #[must_use]
    pub fn has_host_bits(&self) -> bool {
        self.0.addr() != self.0.network()
    }

    /// The prefix length in bits (`24` for `10.0.1.0/24`).
    #[must_use]
    pub fn prefix_len(&self) -> u8 {
        self.0.prefix_len()
    }

    /// Whether it is an IPv4 block.
    #[must_use]
    pub fn is_ipv4(&self) -> bool {
        matches!(self.0, IpNet::V4(_))
    }

    /// First and last address of the block as integers (IPv4 mapped into
    /// the low 32 bits; compare only blocks of the same family).
    #[must_use]
    pub fn bounds(&self) -> (u128, u128) {
        let net = self.network();
        let to_int = |a: IpAddr| match a {
            IpAddr::V4(v4) => u128::from(u32::from(v4)),
            IpAddr::V6(v6) => u128::from(v6),
        };
        (to_int(net.network()), to_int(net.broadcast()))
    }

    /// Number of addresses in the block.
    #[must_use]
    pub fn size(&self) -> u128 {
        let host_bits = u32::from(self.0.max_prefix_len() - self.0.prefix_len());
        1u128.checked_shl(host_bits).unwrap_or(u128::MAX)
    }

    /// Whether the two blocks share at least one address.
    #[must_use]
    pub fn overlaps(&self, other: &Cidr) -> bool {
        if self.is_ipv4() != other.is_ipv4() {
            return false;
        }
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 && b0 <= a1
    }

    /// Whether `other` lies entirely inside this block.
    #[must_use]
    pub fn contains(&self, other: &Cidr) -> bool {
        if self.is_ipv4() != other.is_ipv4() {
            return false;
        }
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b0 && b1 <= a1
    }
}

impl Cidr {
    /// Parse a CIDR block, with a help line when the text has a fix.
    ///
    /// Leading zeros are refused in an IPv4 octet (`010.0.0.0/16`) and in
    /// the prefix length (`/016`), although `ipnet` reads them as decimal:
    /// `inet_aton` (and so `ping`, glibc and many C tools) reads `010` as
    /// octal 8, Python's `ipaddress` and Go's `net` refuse it, so tools
    /// would disagree about the network. The help gives the block without
    /// the zeros. IPv6 groups (`2600:1f18:0db8::/56`) keep their leading
    /// zeros: they are hexadecimal everywhere.
    ///
    /// # Errors
    /// The message and, for leading zeros, the help.
    pub fn parse_with_help(s: &str) -> Result<Self, (String, Option<String>)> {
        let s = s.trim();
        let Some((addr, prefix)) = s.rsplit_once('/') else {
            return Err((
                format!(
                    "`{s}` has no prefix length; write it as a CIDR block such as `10.0.0.0/16`"
                ),
                None,
            ));
        };
        let invalid = || {
            (
                format!("`{s}` is not a valid IPv4 or IPv6 CIDR block"),
                None,
            )
        };
        // The dotted part: the whole address, or the embedded IPv4 address
        // at the end of an IPv6 one (`::ffff:10.0.0.1`).
        let (v6_head, dotted) = match addr.rfind(':') {
            Some(i) if addr.contains('.') => addr.split_at(i + 1),
            _ if addr.contains('.') => ("", addr),
            _ => (addr, ""),
        };
        let zero_led = |part: &str| {
            part.len() > 1 && part.starts_with('0') && part.bytes().all(|b| b.is_ascii_digit())
        };
        let stripped = |part: &str| {
            if zero_led(part) {
                let t = part.trim_start_matches('0');
                if t.is_empty() { "0" } else { t }.to_owned()
            } else {
                part.to_owned()
            }
        };
        let octets: Vec<&str> = if dotted.is_empty() {
            Vec::new()
        } else {
            dotted.split('.').collect()
        };
        let led_octet = octets.iter().copied().find(|o| zero_led(o));
        let led_prefix = zero_led(prefix);
        if led_octet.is_some() || led_prefix {
            let octets: Vec<String> = octets.iter().map(|o| stripped(o)).collect();
            let fixed = format!("{v6_head}{}/{}", octets.join("."), stripped(prefix));
            // Only when that is the one problem: else it is not a block at all.
            if IpNet::from_str(&fixed).is_err() {
                return Err(invalid());
            }
            let (what, why) = match led_octet {
                Some(octet) => (
                    format!("an IPv4 octet with a leading zero (`{octet}`)"),
                    "leading zeros in an IPv4 octet are read as octal by some tools (inet_aton) and rejected by others (Python ipaddress)",
                ),
                None => (
                    format!("a prefix length with a leading zero (`/{prefix}`)"),
                    "a prefix length is written without leading zeros, as every tool prints it",
                ),
            };
            return Err((
                format!("`{s}` has {what}"),
                Some(format!("write `{fixed}`: {why}")),
            ));
        }
        IpNet::from_str(s).map(Cidr).map_err(|_| invalid())
    }
}

impl FromStr for Cidr {
    type Err = String;
    /// [`Cidr::parse_with_help`] without the help.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_with_help(s).map_err(|(message, _)| message)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Cidr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Cidr {
    fn schema_name() -> Cow<'static, str> {
        "Cidr".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56; no leading zeros in an IPv4 octet or the prefix length (inet_aton reads 010 as octal 8, Python's ipaddress refuses it)",
            "pattern": cidr_pattern()
        })
    }
}

/// The pattern of exactly the CIDR blocks [`Cidr::parse_with_help`] reads
/// (the grammar of `ipnet`'s parser, less leading zeros in decimal
/// numbers): an IPv4 address (octets 0-255 without leading zeros) with a
/// prefix length 0-32, or an IPv6 address (up to eight groups of one to
/// four hex digits, an embedded IPv4 address for the last two, `::` for the
/// groups left out) with 0-128; space around it is ignored.
#[must_use]
pub fn cidr_pattern() -> String {
    format!(
        "^\\s*({IPV4_PATTERN}/(3[0-2]|[12]?[0-9])|({})/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))\\s*$",
        ipv6_pattern()
    )
}

/// An IPv4 address as the standard library reads it: four octets 0-255
/// without leading zeros.
const IPV4_PATTERN: &str = concat!(
    "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])",
    "(\\.",
    "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])",
    "){3}"
);

/// The alternatives (unanchored, `|`-separated) of an IPv6 address as the
/// standard library reads it: up to eight groups of one to four hex digits,
/// an embedded IPv4 address for the last two, `::` for the groups left out.
fn ipv6_pattern() -> String {
    const HEX: &str = "[0-9A-Fa-f]{1,4}";
    let v4 = IPV4_PATTERN;
    // `n` groups (n >= 1), the last two of which may be an IPv4 address.
    let groups = |n: usize, v4_tail: bool| {
        let mut alts = vec![format!("{HEX}(:{HEX}){{{}}}", n - 1)];
        if v4_tail && n >= 2 {
            alts.push(if n == 2 {
                v4.to_owned()
            } else {
                format!("({HEX}:){{{}}}{v4}", n - 2)
            });
        }
        format!("({})", alts.join("|"))
    };
    let mut v6 = vec![groups(8, true)];
    for head in 0..8 {
        // After `::`, at most 8 - head groups (an IPv4 address counts two).
        let room = 8 - head;
        let tail: Vec<String> = (1..=room).map(|n| groups(n, true)).collect();
        let head = if head == 0 {
            String::new()
        } else {
            groups(head, false)
        };
        v6.push(format!("{head}::({})?", tail.join("|")));
    }
    v6.join("|")
}

/// The syntax of the string form [`Size::parse`] reads: a decimal number
/// and a unit in any case (B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB,
/// PB/PiB), space around them ignored. It does not bound the number:
/// [`size_pattern`] does, and is what the schema states.
pub const SIZE_PATTERN: &str =
    r"^\s*([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*([KkMmGgTt]([Ii]?[Bb])?|[Pp][Ii]?[Bb]|[Bb])?\s*$";

/// The units a size may be written in (lower-case; any case is read), with
/// their size in bytes. No unit is GiB.
const SIZE_UNITS: [(&[&str], u64); 6] = [
    (&["", "gb", "gib", "g"], 1 << 30),
    (&["b"], 1),
    (&["kb", "kib", "k"], 1 << 10),
    (&["mb", "mib", "m"], 1 << 20),
    (&["tb", "tib", "t"], 1 << 40),
    (&["pb", "pib"], 1 << 50),
];

/// A unit spelling in any case, as a pattern (`gb` → `[Gg][Bb]`).
fn any_case(text: &str) -> String {
    text.chars()
        .map(|c| format!("[{}{}]", c.to_ascii_uppercase(), c))
        .collect()
}

/// The pattern of exactly the sizes [`Size::parse`] reads: [`SIZE_PATTERN`]
/// with, per unit, the whole part bounded so that the size fits in 64
/// bits of bytes (at most 16383 PB, 17179869183 GB; any fraction, which
/// adds less than one unit). Leading zeros are allowed, as the parser
/// allows them.
#[must_use]
pub fn size_pattern() -> String {
    let forms: Vec<String> = SIZE_UNITS
        .iter()
        .filter_map(|(names, bytes)| {
            let whole = decimal_range(0, u64::MAX / bytes)?;
            let units: Vec<String> = names.iter().map(|n| any_case(n)).collect();
            Some(format!(
                "(0*{whole}(\\.[0-9]*)?|\\.[0-9]+)\\s*({})",
                units.join("|")
            ))
        })
        .collect();
    format!("^\\s*({})\\s*$", forms.join("|"))
}

/// A pattern (unanchored, one group) of the decimal numerals from `lo` to
/// `hi` written without leading zeros (`0` is `0`); `None` when `lo > hi`.
/// Exact: `decimal_range(0, 35)` is `([0-9]|[12][0-9]|3[0-5])`.
#[must_use]
pub(crate) fn decimal_range(lo: u64, hi: u64) -> Option<String> {
    /// Numerals of one length from `lo` to `hi` (digit strings).
    fn same_length(lo: &[u8], hi: &[u8]) -> String {
        let n = lo.len();
        if n == 0 {
            return String::new();
        }
        if lo == hi {
            return String::from_utf8_lossy(lo).into_owned();
        }
        if lo[0] == hi[0] {
            return format!("{}({})", lo[0] as char, same_length(&lo[1..], &hi[1..]));
        }
        let rest = n - 1;
        let any = match rest {
            0 => String::new(),
            1 => "[0-9]".to_owned(),
            k => format!("[0-9]{{{k}}}"),
        };
        let class = |a: u8, b: u8| {
            if a == b {
                (a as char).to_string()
            } else {
                format!("[{}-{}]", a as char, b as char)
            }
        };
        let mut parts = Vec::new();
        let (mut first, mut last) = (lo[0], hi[0]);
        if lo[1..].iter().any(|d| *d != b'0') {
            parts.push(format!(
                "{}({})",
                lo[0] as char,
                same_length(&lo[1..], &vec![b'9'; rest])
            ));
            first += 1;
        }
        let mut tail = None;
        if hi[1..].iter().any(|d| *d != b'9') {
            tail = Some(format!(
                "{}({})",
                hi[0] as char,
                same_length(&vec![b'0'; rest], &hi[1..])
            ));
            last -= 1;
        }
        if first <= last {
            parts.push(format!("{}{any}", class(first, last)));
        }
        parts.extend(tail);
        parts.join("|")
    }
    if lo > hi {
        return None;
    }
    let (lo_len, hi_len) = (lo.to_string().len(), hi.to_string().len());
    let parts: Vec<String> = (lo_len..=hi_len)
        .map(|len| {
            let floor = if len == 1 {
                0
            } else {
                10u64.pow(u32::try_from(len - 1).unwrap_or(0))
            };
            let ceil = 10u64
                .checked_pow(u32::try_from(len).unwrap_or(0))
                .map_or(u64::MAX, |p| p - 1);
            let a = lo.max(floor).to_string();
            let b = hi.min(ceil).to_string();
            same_length(a.as_bytes(), b.as_bytes())
        })
        .collect();
    Some(format!("({})", parts.join("|")))
}

/// A storage size. Integers mean GiB; `GB`/`MB`/`TB` are read as the binary
/// units, as the AWS console does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Size {
    /// The size in bytes.
    pub bytes: u64,
}

impl Size {
    /// Bytes in a GiB (2^30): the unit of a bare integer.
    pub const GIB: u64 = 1 << 30;

    /// The serde newtype-struct name a size serialises under. Formats that
    /// print the value as is (JSON, `show`) ignore it; the Python binding
    /// reads it to give a size in GiB and in bytes.
    pub const SERDE_NAME: &'static str = "Size";

    /// The size in GiB (fractional for sizes below or between GiB).
    #[must_use]
    pub fn gib(self) -> f64 {
        self.bytes as f64 / Self::GIB as f64
    }

    /// Parse the string form (`100GB`, `100 GiB`, `512MB`, `1TB`).
    ///
    /// # Errors
    /// A message saying what is wrong with the text.
    pub fn parse(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let not_a_size = || format!("`{s}` is not a size; write e.g. `100GB`, `512MB` or `1TB`");
        let (whole, fraction) = num.split_once('.').unwrap_or((num, ""));
        if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') {
            return Err(not_a_size());
        }
        let unit = unit.trim().to_ascii_lowercase();
        let Some((_, mult)) = SIZE_UNITS
            .iter()
            .find(|(names, _)| names.contains(&unit.as_str()))
        else {
            return Err(format!(
                "unknown size unit `{unit}` in `{s}`; use B, KB, MB, GB, TB (or KiB, MiB, GiB, TiB)"
            ));
        };
        let mult = *mult;
        // Exact decimal arithmetic (no float): the whole part times the unit,
        // plus the fraction's share of the unit rounded down to a byte. 20
        // fractional digits are finer than a byte of the largest unit (2^50).
        let too_large = || format!("size `{s}` is too large");
        // Leading zeros do not make a number larger.
        let whole = whole.trim_start_matches('0');
        let whole: u128 = if whole.is_empty() {
            0
        } else if whole.len() > 30 {
            return Err(too_large());
        } else {
            whole.parse().map_err(|_| not_a_size())?
        };
        let digits = &fraction[..fraction.len().min(20)];
        let share = if digits.is_empty() {
            0
        } else {
            let numerator: u128 = digits.parse().map_err(|_| not_a_size())?;
            let scale = 10u128.pow(u32::try_from(digits.len()).unwrap_or(20));
            numerator * u128::from(mult) / scale
        };
        let bytes = whole
            .checked_mul(u128::from(mult))
            .and_then(|b| b.checked_add(share))
            .and_then(|b| u64::try_from(b).ok())
            .ok_or_else(too_large)?;
        Ok(Self { bytes })
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(u64, &str); 4] = [
            (1 << 40, "TiB"),
            (1 << 30, "GiB"),
            (1 << 20, "MiB"),
            (1 << 10, "KiB"),
        ];
        for (m, u) in UNITS {
            if self.bytes >= m && self.bytes.is_multiple_of(m) {
                return write!(f, "{} {u}", self.bytes / m);
            }
        }
        if self.bytes >= 1 << 30 {
            return write!(f, "{:.2} GiB", self.gib());
        }
        write!(f, "{} B", self.bytes)
    }
}

impl Serialize for Size {
    /// Exact, so that it reads back to the same size: `100GiB`, `512MiB`,
    /// or a number of bytes (`1342069906B`) when no unit divides it; under
    /// the newtype name [`Size::SERDE_NAME`] (invisible in JSON).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Form(u64);
        impl Serialize for Form {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                const UNITS: [(u64, &str); 4] = [
                    (1 << 40, "TiB"),
                    (1 << 30, "GiB"),
                    (1 << 20, "MiB"),
                    (1 << 10, "KiB"),
                ];
                let bytes = self.0;
                match UNITS
                    .iter()
                    .find(|(m, _)| bytes >= *m && bytes.is_multiple_of(*m))
                {
                    Some((m, unit)) => s.collect_str(&format_args!("{}{unit}", bytes / m)),
                    None => s.collect_str(&format_args!("{bytes}B")),
                }
            }
        }
        s.serialize_newtype_struct(Self::SERDE_NAME, &Form(self.bytes))
    }
}

impl JsonSchema for Size {
    fn schema_name() -> Cow<'static, str> {
        "Size".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A size: an integer number of GiB, or a string such as 100GB, 100 GiB, 512MB, 1TB",
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": u64::MAX >> 30 },
                { "type": "string", "pattern": size_pattern() }
            ]
        })
    }
}

/// The pattern of the string form [`Duration::parse`] reads: whole digits
/// and a unit (`s`, `m`/`min`, `h`, `d`, `w`; none means the field's).
pub const DURATION_PATTERN: &str = r"^\s*[0-9]+\s*(s|m|min|h|d|w)?\s*$";

/// The unit an integer duration is read in, from the field's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// Seconds (`timeout`-like fields).
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days (`retention`-like fields).
    Days,
}

impl TimeUnit {
    /// The unit in seconds (60 for minutes, 86,400 for days).
    #[must_use]
    pub const fn seconds(self) -> u64 {
        match self {
            Self::Seconds => 1,
            Self::Minutes => 60,
            Self::Hours => 3600,
            Self::Days => 86_400,
        }
    }

    /// The unit's singular English name, for messages (`"day"`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Seconds => "second",
            Self::Minutes => "minute",
            Self::Hours => "hour",
            Self::Days => "day",
        }
    }

    /// Every unit, smallest first.
    pub const ALL: [Self; 4] = [Self::Seconds, Self::Minutes, Self::Hours, Self::Days];

    /// The serde newtype-struct name a [`Duration`] in this unit
    /// serialises under. Formats that print the value as is (JSON, `show`)
    /// ignore it; the Python binding reads the unit from it to give a
    /// duration as a number in its field's unit.
    #[must_use]
    pub const fn serde_name(self) -> &'static str {
        match self {
            Self::Seconds => "Duration<seconds>",
            Self::Minutes => "Duration<minutes>",
            Self::Hours => "Duration<hours>",
            Self::Days => "Duration<days>",
        }
    }
}

/// A span of time: `90d`, `12h`, `30m`, `45s`, or an integer in the unit
/// the field names (`unit`), which is also the unit it is shown in. Two
/// durations are equal when they are the same span in the same field unit,
/// however they were written.
#[derive(Clone, Copy, Debug)]
pub struct Duration {
    /// The length in seconds (saturating at `u64::MAX`).
    pub seconds: u64,
    /// The field's unit.
    pub unit: TimeUnit,
    /// The unit suffix it was written with (`"m"` for `20m`); `None` for a
    /// bare number, which is in the field's unit.
    pub written_unit: Option<&'static str>,
}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        (self.seconds, self.unit) == (other.seconds, other.unit)
    }
}

impl Eq for Duration {}

impl std::hash::Hash for Duration {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.seconds, self.unit).hash(state);
    }
}

/// The unit suffixes a duration string may have, with their length in
/// seconds.
const DURATION_SUFFIXES: [(&str, u64); 6] = [
    ("s", 1),
    ("m", 60),
    ("min", 60),
    ("h", 3600),
    ("d", 86_400),
    ("w", 604_800),
];

/// The duration units in words: `s, m, min, h, d or w`.
fn duration_units() -> String {
    let names: Vec<&str> = DURATION_SUFFIXES.iter().map(|(s, _)| *s).collect();
    match names.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl Duration {
    /// `n` of `unit`, saturating.
    #[must_use]
    pub const fn new(n: u64, unit: TimeUnit) -> Self {
        Self {
            seconds: n.saturating_mul(unit.seconds()),
            unit,
            written_unit: None,
        }
    }

    /// The duration as written when it had a unit suffix, without spaces
    /// (`20m`, `1h`); `None` for a bare number.
    #[must_use]
    pub fn written(self) -> Option<String> {
        let suffix = self.written_unit?;
        let (_, per) = DURATION_SUFFIXES.iter().find(|(s, _)| *s == suffix)?;
        Some(format!("{}{suffix}", self.seconds / per))
    }

    /// Whole units of `unit` (rounded down).
    #[must_use]
    pub const fn in_unit(self, unit: TimeUnit) -> u64 {
        self.seconds / unit.seconds()
    }

    /// In the field's own unit (rounded down).
    #[must_use]
    pub const fn value(self) -> u64 {
        self.seconds / self.unit.seconds()
    }

    /// Parse the string form (`90d`, `12h`, `30m`, `45s`); a bare number is
    /// read in `unit`.
    ///
    /// # Errors
    /// A message saying what is wrong with the text.
    pub fn parse(s: &str, unit: TimeUnit) -> Result<Self, String> {
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, suffix) = t.split_at(split);
        let n: u64 = num.parse().map_err(|_| {
            format!("`{s}` is not a duration; write e.g. `90d`, `12h`, `30m` or `45s`")
        })?;
        let suffix = suffix.trim();
        let (written_unit, mult) = if suffix.is_empty() {
            (None, unit.seconds())
        } else {
            match DURATION_SUFFIXES.iter().find(|(w, _)| *w == suffix) {
                Some((w, per)) => (Some(*w), *per),
                None => {
                    return Err(format!(
                        "unknown duration unit `{suffix}` in `{s}`; use {}",
                        duration_units()
                    ));
                }
            }
        };
        n.checked_mul(mult)
            .map(|seconds| Self {
                seconds,
                unit,
                written_unit,
            })
            .ok_or_else(|| format!("duration `{s}` is too large"))
    }
}

/// Whole-day values of a sub-day unit (`48h`) a days field's schema lists
/// one by one, at most: beyond, the schema states the unit's range only
/// (see [`Duration::field_schema`]).
const WHOLE_DAYS_LISTED: u64 = 64;

impl Duration {
    /// The JSON Schema of the durations a field takes: the field's unit
    /// (`unit`) and its check's bounds (`min`, `max` seconds), as the loader reads
    /// them ([`Duration::parse`], `convert`'s integer range, whole days in
    /// a days field, [`crate::checks::Check`]): an integer from
    /// ceil(min / unit) to max / unit, or a string whose number is, per
    /// suffix, within the bounds and small enough not to overflow 64 bits
    /// of seconds (exact decimal ranges: [`decimal_range`]).
    ///
    /// A days field takes `h`, `m`/`min` and `s` only for whole days
    /// (`48h`, not `36h`). Where the field is bounded (`backup_retention`:
    /// at most 35 days) the schema lists those values; where it is not
    /// (`after_days`, `retention_days`), whether a number of hours is a
    /// multiple of 24 (of minutes, 1440; of seconds, 86,400) is a regular
    /// language but not one a pattern can state in reasonable size: the
    /// schema then states the range only, says so in `$comment`, and the
    /// loader refuses the rest (SPEC004, "takes whole days").
    #[must_use]
    pub(crate) fn field_schema(unit: TimeUnit, min: u64, max: u64) -> serde_json::Value {
        let per = unit.seconds();
        let mut branches = Vec::new();
        if min.div_ceil(per) <= max / per {
            branches.push(serde_json::json!({
                "type": "integer",
                "minimum": min.div_ceil(per),
                "maximum": max / per,
            }));
        }
        let mut forms = Vec::new();
        let mut approximate = false;
        let suffixes = std::iter::once(("", per)).chain(DURATION_SUFFIXES.iter().copied());
        for (suffix, mult) in suffixes {
            let (lo, hi) = (min.div_ceil(mult), max / mult);
            let numbers = if unit == TimeUnit::Days && !mult.is_multiple_of(per) {
                // Whole days only: multiples of `step`.
                let step = per / gcd(mult, per);
                let first = lo.div_ceil(step).saturating_mul(step);
                if first > hi {
                    None
                } else if (hi - first) / step < WHOLE_DAYS_LISTED {
                    let listed: Vec<String> = (0..=(hi - first) / step)
                        .map(|k| (first + k * step).to_string())
                        .collect();
                    Some(format!("({})", listed.join("|")))
                } else {
                    approximate = true;
                    decimal_range(lo, hi)
                }
            } else {
                decimal_range(lo, hi)
            };
            if let Some(numbers) = numbers {
                let suffix = if suffix.is_empty() {
                    String::new()
                } else {
                    format!("\\s*{suffix}")
                };
                forms.push(format!("0*{numbers}{suffix}"));
            }
        }
        if !forms.is_empty() {
            branches.push(serde_json::json!({
                "type": "string",
                "pattern": format!("^\\s*({})\\s*$", forms.join("|")),
            }));
        }
        let mut schema = serde_json::json!({ "anyOf": branches });
        // The field's unit and bounds in words (what an error message says
        // is expected).
        let (lo, hi) = (min.div_ceil(per), max / per);
        let name = unit.name();
        let range = if max == u64::MAX {
            if lo > 0 {
                format!(" of at least {lo}")
            } else {
                String::new()
            }
        } else {
            format!(" from {lo} to {hi}")
        };
        let example = match unit {
            TimeUnit::Seconds => "45s",
            TimeUnit::Minutes => "30m",
            TimeUnit::Hours => "12h",
            TimeUnit::Days => "7d",
        };
        schema["description"] = serde_json::Value::String(format!(
            "a whole number of {name}s{range}, or a number with a unit ({}) such as `{example}`",
            duration_units()
        ));
        if approximate {
            schema["$comment"] = serde_json::Value::String(
                "In hours, minutes or seconds the value must come to whole days (48h, not 36h): the loader checks that; the pattern states the range only.".into(),
            );
        }
        schema
    }
}

/// The greatest common divisor.
const fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl fmt::Display for Duration {
    /// In the field's unit when it divides evenly (`7 days`), else in seconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = self.unit.seconds();
        let (n, name) = if self.seconds.is_multiple_of(u) {
            (self.seconds / u, self.unit.name())
        } else {
            (self.seconds, TimeUnit::Seconds.name())
        };
        let plural = if n == 1 { "" } else { "s" };
        write!(f, "{n} {name}{plural}")
    }
}

impl Serialize for Duration {
    /// As an integer in the field's unit when it divides evenly, else as `Ns`.
    /// Under the newtype name [`TimeUnit::serde_name`] (invisible in JSON).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Form(Duration);
        impl Serialize for Form {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let d = self.0;
                if d.seconds.is_multiple_of(d.unit.seconds()) {
                    s.serialize_u64(d.value())
                } else {
                    s.collect_str(&format_args!("{}s", d.seconds))
                }
            }
        }
        s.serialize_newtype_struct(self.unit.serde_name(), &Form(*self))
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": format!(
                "A duration: an integer in the unit the field names, or a whole number with a unit ({}) such as 90d, 12h, 30m, 45s, 5min, 2w",
                duration_units()
            ),
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": DURATION_PATTERN }
            ]
        })
    }
}

/// An engine or runtime version, kept as its text (`"14.5"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    /// The version as written, trimmed.
    pub text: String,
}

impl Version {
    /// The numeric components before the first non-numeric one
    /// (`"14.5"` → `[14, 5]`, `"8.0.mysql_aurora.3.04"` → `[8, 0]`).
    #[must_use]
    pub fn components(&self) -> Vec<u64> {
        self.text
            .trim()
            .trim_start_matches(['v', 'V'])
            .split(['.', '-'])
            .map_while(|p| p.parse().ok())
            .collect()
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl JsonSchema for Version {
    fn schema_name() -> Cow<'static, str> {
        "Version".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        if generator.contract().is_serialize() {
            // Serialised as its text.
            return json_schema!({
                "description": "A version string, e.g. \"14.5\", as written.",
                "type": "string"
            });
        }
        json_schema!({
            "description": "A version string, e.g. \"14.5\". Quote it: an unquoted number is accepted with a finding (SPEC003).",
            "type": ["string", "number"]
        })
    }
}

/// The pattern of the names [`Domain::parse`] reads: labels of 1-63
/// letters, digits, `_` or `-` (not at either end), at most 253 characters
/// in all, a leading `*.` only before two labels or more, space around
/// ignored, and one trailing dot (the root of a fully qualified name, RFC
/// 1034 §3.1; `reelnet.com..` has an empty label).
pub const DOMAIN_PATTERN: &str = r"^\s*(?=[A-Za-z0-9_*.-]{1,253}\.?\s*$)(\*\.([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_])(\.([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_]))+|([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_])(\.([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_]))*)\.?\s*$";

/// A DNS name, lower-cased; `*.example.com` is a wildcard for exactly one label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Domain(String);

impl Domain {
    /// The name, lower-cased, its trailing dot removed.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is a one-label wildcard (`*.example.com`).
    #[must_use]
    pub fn is_wildcard(&self) -> bool {
        self.0.starts_with("*.")
    }

    /// Whether a certificate for `self` covers the host name `host`:
    /// equal names, or a wildcard matching exactly one leftmost label.
    #[must_use]
    pub fn covers(&self, host: &Domain) -> bool {
        if self.0 == host.0 {
            return true;
        }
        match self.0.strip_prefix("*.") {
            Some(base) => host
                .0
                .split_once('.')
                .is_some_and(|(label, rest)| !label.is_empty() && label != "*" && rest == base),
            None => false,
        }
    }

    /// Parse and lower-case a domain name.
    ///
    /// # Errors
    /// A message saying what is wrong with the name.
    pub fn parse(s: &str) -> Result<Self, String> {
        let trimmed = s.trim();
        // One trailing dot names the DNS root (a fully qualified name).
        let name = trimmed
            .strip_suffix('.')
            .unwrap_or(trimmed)
            .to_ascii_lowercase();
        if name.is_empty() {
            return Err("a domain name cannot be empty".into());
        }
        if name.len() > 253 {
            return Err(format!("domain `{s}` is longer than 253 characters"));
        }
        let body = name.strip_prefix("*.").unwrap_or(&name);
        for label in body.split('.') {
            let ok = !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !ok {
                let which = if label.is_empty() {
                    "an empty label".to_owned()
                } else {
                    format!("label `{label}`")
                };
                return Err(format!(
                    "`{s}` is not a valid domain name ({which}); labels are 1-63 letters, digits or hyphens, and only a leading `*.` may be a wildcard"
                ));
            }
        }
        if !body.contains('.') && name.starts_with("*.") {
            return Err(format!("`{s}` is a wildcard over a top-level domain"));
        }
        Ok(Self(name))
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Domain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl JsonSchema for Domain {
    fn schema_name() -> Cow<'static, str> {
        "Domain".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A domain name such as reelnet.com, or a one-label wildcard such as *.reelnet.com",
            "pattern": DOMAIN_PATTERN
        })
    }
}

/// Declares a keyword enum: its YAML spellings, parsing, display, serde and schema.
/// A keyword enum of the format, declared with `keywords!`: its spellings,
/// and how the loader reports a value that is not one of them. The loader
/// reads every `Keyword` (a blanket `Scalar` impl in `convert`), so a new
/// keyword enum is its `keywords!` declaration alone.
pub(crate) trait Keyword: Sized + Copy + 'static {
    /// Every variant with its spelling, in declaration order.
    const ALL: &'static [(&'static str, Self)];

    /// What a value of another type is told to be ("one of `a`, `b`").
    fn expected_type() -> String {
        format!("one of {}", spellings(Self::ALL))
    }

    /// The message and help for a string that is no spelling.
    fn unknown(s: &str) -> (String, Option<String>) {
        let names: Vec<&str> = Self::ALL.iter().map(|(t, _)| *t).collect();
        let help = crate::suggest(s, &names).map(|m| format!("did you mean `{m}`?"));
        (
            format!("`{s}` is not one of {}", spellings(Self::ALL)),
            help,
        )
    }
}

/// The spellings of a keyword enum, for messages: `` `a`, `b` ``.
fn spellings<T>(all: &[(&str, T)]) -> String {
    all.iter()
        .map(|(t, _)| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A keyword enum: its variants and spellings, and (after `reported`) any
/// `Keyword` hook it overrides.
macro_rules! keywords {
    (
        $(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }
        $(reported { $($hook:tt)* })?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $(#[doc = concat!("`", $text, "` in the format.")] $variant),+ }

        impl $name {
            /// Every variant with its spelling, in declaration order.
            pub const ALL: &'static [(&'static str, $name)] = &[$(($text, $name::$variant)),+];

            /// The spelling in the format (`"private"`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parse a spelling (case-sensitive, as written in the format).
            #[must_use]
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().find(|(t, _)| *t == s).map(|(_, v)| *v)
            }

            /// The accepted spellings, for messages.
            #[must_use]
            pub fn expected() -> String {
                spellings(Self::ALL)
            }
        }

        impl Keyword for $name {
            const ALL: &'static [(&'static str, $name)] = $name::ALL;
            $($($hook)*)?
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> { stringify!($name).into() }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "enum": [$($text),+] })
            }
        }
    };
}

keywords! {
    /// Which subnet tier something runs in.
    Tier { Public = "public", Private = "private" }
}
keywords! {
    /// CloudFront viewer protocol policy.
    ViewerProtocol { AllowAll = "allow-all", RedirectToHttps = "redirect-to-https", HttpsOnly = "https-only" }
}
keywords! {
    /// ACM validation method.
    Validation { Dns = "DNS", Email = "EMAIL" }
}
keywords! {
    /// S3 default encryption.
    Encryption { None = "none", S3 = "s3", Kms = "kms" }
}
keywords! {
    /// S3 public access setting.
    PublicAccess { Blocked = "blocked", Public = "public" }
}
keywords! {
    /// Database engine.
    Engine {
        Postgres = "postgres",
        Mysql = "mysql",
        Mariadb = "mariadb",
        AuroraPostgresql = "aurora-postgresql",
        AuroraMysql = "aurora-mysql",
    }
}
keywords! {
    /// Deployment / recovery strategy.
    Strategy {
        BlueGreen = "blue-green",
        Rolling = "rolling",
        PilotLight = "pilot-light",
        WarmStandby = "warm-standby",
        ActiveActive = "active-active",
    }
}
keywords! {
    /// How often failover is exercised.
    FailoverTesting { Never = "never", Monthly = "monthly", Quarterly = "quarterly", Yearly = "yearly" }
}

/// A container image reference, `[registry[:port]/]repository[:tag][@digest]`,
/// split as Docker splits it (the grammar of distribution/reference,
/// <https://github.com/distribution/reference/blob/main/reference.go>, with
/// digests as the OCI image spec defines them,
/// <https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests>).
/// Nothing is normalised: `nginx` stays `nginx` (not
/// `docker.io/library/nginx:latest`), so [`Display`](fmt::Display) gives
/// back exactly the text it was parsed from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageRef {
    /// `host[:port]` when the first component names a registry: it has a
    /// `.` or a `:`, is `localhost`, is an IPv6 literal in brackets, or has
    /// an uppercase letter (which a repository cannot).
    pub registry: Option<String>,
    /// The path within the registry, e.g. `reelnet/backend`.
    pub repository: String,
    /// The tag after the last `:` of the last component, e.g. `1.4.2`.
    pub tag: Option<String>,
    /// `algorithm:encoded` after `@`, e.g. `sha256:` and 64 hex digits.
    pub digest: Option<String>,
}

impl ImageRef {
    /// The longest name (registry and repository), as in distribution/reference.
    pub const NAME_MAX: usize = 255;
    /// The longest tag, as in distribution/reference.
    pub const TAG_MAX: usize = 128;

    /// The full name: the registry (if any), `/`, the repository.
    #[must_use]
    pub fn name(&self) -> String {
        match &self.registry {
            Some(r) => format!("{r}/{}", self.repository),
            None => self.repository.clone(),
        }
    }

    /// Whether the reference names a tag `latest` or neither a tag nor a
    /// digest (which pulls `latest`): what is pulled can change under it.
    #[must_use]
    pub fn is_mutable(&self) -> bool {
        self.digest.is_none() && self.tag.as_deref().is_none_or(|t| t == "latest")
    }

    /// Why `text` is not an image reference, in words, or the reference.
    ///
    /// # Errors
    /// Why the text is not an image reference (e.g. "the tag after `:` is
    /// empty").
    pub fn parse_reason(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            return Err("it is empty".into());
        }
        if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("it contains {c:?}"));
        }
        let (name_tag, digest) = match text.split_once('@') {
            Some((n, d)) => {
                check_digest(d)?;
                (n, Some(d))
            }
            None => (text, None),
        };
        let last_component = name_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_tag[last_component..].rfind(':') {
            Some(i) => {
                let at = last_component + i;
                let tag = &name_tag[at + 1..];
                check_tag(tag)?;
                (&name_tag[..at], Some(tag))
            }
            None => (name_tag, None),
        };
        if name.len() > Self::NAME_MAX {
            return Err(format!(
                "the repository name is longer than {} characters",
                Self::NAME_MAX
            ));
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, rest)) if is_registry(first) => (Some(first), rest),
            _ => (None, name),
        };
        if let Some(r) = registry {
            check_registry(r)?;
        }
        check_path(path)?;
        Ok(Self {
            registry: registry.map(str::to_owned),
            repository: path.to_owned(),
            tag: tag.map(str::to_owned),
            digest: digest.map(str::to_owned),
        })
    }
}

impl FromStr for ImageRef {
    type Err = String;
    /// # Errors
    /// A message naming the text and why it is not an image reference,
    /// with the form to write.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_reason(s).map_err(|why| {
            format!(
                "`{s}` is not a valid image reference ({why}); write it as `[registry[:port]/]repository[:tag][@sha256:digest]`, e.g. `reelnet/backend:1.4.2`"
            )
        })
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(r) = &self.registry {
            write!(f, "{r}/")?;
        }
        f.write_str(&self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

impl Serialize for ImageRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for ImageRef {
    fn schema_name() -> Cow<'static, str> {
        "ImageRef".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A container image reference, [registry[:port]/]repository[:tag][@digest], e.g. reelnet/backend:1.4.2 or 123456789012.dkr.ecr.us-east-1.amazonaws.com/reelnet/backend@sha256:<64 hex digits>",
            "pattern": image_pattern()
        })
    }
}

/// The pattern of exactly the references [`ImageRef::parse_reason`] reads
/// (the distribution/reference grammar as that parser applies it).
#[must_use]
pub fn image_pattern() -> String {
    const LABEL: &str = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
    const PORT: &str = "[0-9]+";
    const COMPONENT: &str = "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*";
    const TAG: &str = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    let host = format!("{LABEL}(\\.{LABEL})*");
    let v6 = ipv6_pattern();
    // A first component Docker reads as a registry, and valid as one.
    let registry = format!(
        "(\\[({v6})\\](:{PORT})?|{host}:{PORT}|{LABEL}(\\.{LABEL})+|localhost|(?=[^/.:]*[A-Z]){LABEL})"
    );
    // Without a registry, the first component must not look like one.
    let no_registry = "(?!([^/]*[.:\\[A-Z][^/]*|localhost)/)";
    let path = format!("{COMPONENT}(/{COMPONENT})*");
    let digest = DIGEST_ALGORITHMS
        .iter()
        .map(|(algorithm, len)| format!("{algorithm}:[0-9a-f]{{{len}}}"))
        .collect::<Vec<_>>()
        .join("|");
    let digest = format!("({digest})");
    // The name (before the tag and digest) is at most NAME_MAX characters.
    let length = format!("(?=[^@]{{1,{}}}(:[^/:@]*)?(@.*)?$)", ImageRef::NAME_MAX);
    format!("^{length}(({registry}/)|{no_registry}){path}(:{TAG})?(@{digest})?$")
}

/// Whether the first component of a name is a registry, as Docker decides.
fn is_registry(first: &str) -> bool {
    first.contains(['.', ':'])
        || first == "localhost"
        || first.starts_with('[')
        || first.chars().any(|c| c.is_ascii_uppercase())
}

fn check_registry(registry: &str) -> Result<(), String> {
    let bad = || format!("`{registry}` is not a registry host[:port]");
    let (host, port) = if let Some(rest) = registry.strip_prefix('[') {
        let (v6, after) = rest.split_once(']').ok_or_else(bad)?;
        v6.parse::<std::net::Ipv6Addr>().map_err(|_| bad())?;
        match after {
            "" => (None, None),
            _ => (None, Some(after.strip_prefix(':').ok_or_else(bad)?)),
        }
    } else {
        match registry.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(registry), None),
        }
    };
    if let Some(host) = host {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if !host.split('.').all(label_ok) {
            return Err(bad());
        }
    }
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!("the registry port `{port}` is not a number"));
    }
    Ok(())
}

/// A path: components of lowercase letters and digits, separated inside a
/// component by `.`, `_`, `__` or runs of `-`.
fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the repository path is empty".into());
    }
    for component in path.split('/') {
        if component.is_empty() {
            return Err(format!(
                "the repository path `{path}` has an empty component"
            ));
        }
        if component.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "repository names must be lowercase (`{component}`)"
            ));
        }
        if !component_ok(component) {
            return Err(format!(
                "`{component}` is not a repository name component (lowercase letters and digits, separated by `.`, `_`, `__` or `-`)"
            ));
        }
    }
    Ok(())
}

fn component_ok(component: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = component.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if !alnum(first) || !alnum(last) {
        return false;
    }
    // Each separator run between alphanumerics: `.`, `_`, `__` or `-`+.
    let mut run = String::new();
    for &b in bytes {
        if alnum(b) {
            if !(run.is_empty()
                || matches!(run.as_str(), "." | "_" | "__")
                || run.bytes().all(|r| r == b'-'))
            {
                return false;
            }
            run.clear();
        } else if matches!(b, b'.' | b'_' | b'-') {
            run.push(char::from(b));
        } else {
            return false;
        }
    }
    true
}

/// A tag: a word character, then up to 127 word characters, `.` or `-`.
fn check_tag(tag: &str) -> Result<(), String> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut chars = tag.chars();
    let ok = chars.next().is_some_and(word)
        && tag.len() <= ImageRef::TAG_MAX
        && chars.all(|c| word(c) || c == '.' || c == '-');
    if ok {
        Ok(())
    } else if tag.is_empty() {
        Err("the tag after `:` is empty".into())
    } else {
        Err(format!(
            "`{tag}` is not a tag (up to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-`)"
        ))
    }
}

/// The digest algorithms an image reference may name, with the length of
/// their lowercase hex encoding: those opencontainers/go-digest registers
/// (`sha.go`: `SHA256`, `SHA384`, `SHA512`,
/// <https://github.com/opencontainers/go-digest/blob/master/sha.go>), the
/// only ones Docker and containerd resolve. distribution/reference's grammar
/// accepts any `algorithm:encoded` syntactically, but `docker pull
/// app@md5:…` fails (`unsupported digest algorithm`), so an unregistered
/// algorithm is refused here.
pub const DIGEST_ALGORITHMS: [(&str, usize); 3] = [("sha256", 64), ("sha384", 96), ("sha512", 128)];

/// A digest: `algorithm:encoded`, with a registered algorithm
/// ([`DIGEST_ALGORITHMS`]) and its exact number of lowercase hex digits
/// (OCI image spec, go-digest).
fn check_digest(digest: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("`@{digest}` is not a digest: {why}"));
    let Some((algorithm, encoded)) = digest.split_once(':') else {
        return bad("expected `algorithm:hex`, e.g. `sha256:` and 64 hex digits");
    };
    let algorithm_ok = !algorithm.is_empty()
        && algorithm.split(['+', '.', '_', '-']).all(|c| {
            !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !algorithm_ok {
        return bad("the algorithm is not lowercase letters and digits");
    }
    let hex = |len: usize| {
        encoded.len() == len
            && encoded
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    match DIGEST_ALGORITHMS.iter().find(|(a, _)| *a == algorithm) {
        None => bad(&format!(
            "`{algorithm}` is not a digest algorithm Docker resolves (sha256, sha384 or sha512, opencontainers/go-digest)"
        )),
        Some((_, len)) if !hex(*len) => {
            bad(&format!("{algorithm} takes {len} lowercase hex digits"))
        }
        Some(_) => Ok(()),
    }
}

keywords! {
    /// A CloudFront viewer security policy (`MinimumProtocolVersion`),
    /// oldest first, so that `<` is "older than". The names and their order
    /// are AWS's: "Supported protocols and ciphers between viewers and
    /// CloudFront",
    /// <https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html>
    /// (checked 2026-11-29).
    TlsPolicy {
        SslV3 = "SSLv3",
        TlsV1 = "TLSv1",
        TlsV1_2016 = "TLSv1_2016",
        TlsV1_1_2016 = "TLSv1.1_2016",
        TlsV1_2_2018 = "TLSv1.2_2018",
        TlsV1_2_2019 = "TLSv1.2_2019",
        TlsV1_2_2021 = "TLSv1.2_2021",
        TlsV1_2_2025 = "TLSv1.2_2025",
        TlsV1_3_2025 = "TLSv1.3_2025",
    }
    reported {
        fn expected_type() -> String {
            "a CloudFront security policy".to_owned()
        }

        fn unknown(s: &str) -> (String, Option<String>) {
            let help = Self::closest(s).map(|p| format!("did you mean `{p}`?"));
            (Self::not_a_policy(s), help)
        }
    }
}

impl TlsPolicy {
    /// The oldest policy that accepts neither TLS 1.0/1.1 nor CBC-mode or
    /// non-forward-secret TLS 1.2 suites.
    pub const MODERN: Self = Self::TlsV1_2_2021;

    /// The policy a name that is not one probably meant: the same name in
    /// another case; else the oldest policy from [`Self::MODERN`] on that
    /// the name is a prefix of (`TLSv1.2` → `TLSv1.2_2021`, `TLSv1.3` →
    /// `TLSv1.3_2025`), or the newest such policy when none is that recent;
    /// else the closest name.
    #[must_use]
    pub fn closest(name: &str) -> Option<Self> {
        if let Some((_, policy)) = Self::ALL.iter().find(|(p, _)| p.eq_ignore_ascii_case(name)) {
            return Some(*policy);
        }
        let prefix = format!("{}_", name.to_ascii_lowercase());
        let extended: Vec<Self> = Self::ALL
            .iter()
            .filter(|(p, _)| p.to_ascii_lowercase().starts_with(&prefix))
            .map(|(_, v)| *v)
            .collect();
        if let Some(policy) = extended
            .iter()
            .find(|p| **p >= Self::MODERN)
            .or_else(|| extended.last())
        {
            return Some(*policy);
        }
        let names: Vec<&'static str> = Self::ALL.iter().map(|(p, _)| *p).collect();
        crate::suggest(name, &names).and_then(Self::parse)
    }
}

impl FromStr for TlsPolicy {
    type Err = String;
    /// The exact name, as CloudFront spells it.
    ///
    /// # Errors
    /// A message naming the text and the policies CloudFront defines.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| Self::not_a_policy(s))
    }
}

impl TlsPolicy {
    /// The message for a name that is no policy.
    fn not_a_policy(s: &str) -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|(p, _)| *p).collect();
        format!(
            "`{s}` is not a CloudFront security policy; CloudFront's policies are {}",
            names.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Domain {
        Domain::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn wildcard_covers_exactly_one_label() {
        assert!(d("*.reelnet.com").covers(&d("api.reelnet.com")));
        assert!(d("*.reelnet.com").covers(&d("API.Reelnet.com")));
        assert!(!d("*.reelnet.com").covers(&d("reelnet.com")));
        assert!(!d("*.reelnet.com").covers(&d("a.b.reelnet.com")));
        assert!(d("reelnet.com").covers(&d("reelnet.com")));
        assert!(!d("reelnet.com").covers(&d("api.reelnet.com")));
    }

    /// One trailing dot is the DNS root (RFC 1034 §3.1); a second one is
    /// an empty label.
    #[test]
    fn one_trailing_dot() {
        assert_eq!(d("reelnet.com.").as_str(), "reelnet.com");
        assert_eq!(d(" API.reelnet.com. ").as_str(), "api.reelnet.com");
        for bad in ["reelnet.com..", "..", "reelnet..com", "*.reelnet.com.."] {
            let message = Domain::parse(bad).err().unwrap_or_default();
            assert!(message.contains("(an empty label)"), "{bad}: {message}");
        }
        assert!(Domain::parse(".").is_err());
    }

    #[test]
    fn sizes_and_durations() {
        assert_eq!(Size::parse("100GB").map(|s| s.bytes), Ok(100 << 30));
        assert_eq!(Size::parse("100 GiB").map(|s| s.bytes), Ok(100 << 30));
        assert_eq!(Size::parse("512MB").map(|s| s.bytes), Ok(512 << 20));
        assert_eq!(Size::parse("1TB").map(|s| s.bytes), Ok(1 << 40));
        assert!(Size::parse("lots").is_err());
        assert_eq!(
            Duration::parse("90d", TimeUnit::Seconds).map(|d| d.seconds),
            Ok(90 * 86_400)
        );
        assert_eq!(
            Duration::parse("15", TimeUnit::Minutes).map(|d| d.seconds),
            Ok(900)
        );
        assert!(Duration::parse("99999999999999999999d", TimeUnit::Days).is_err());
        assert_eq!(Duration::new(2, TimeUnit::Days).to_string(), "2 days");
        let written = |s| Duration::parse(s, TimeUnit::Seconds).map(Duration::written);
        assert_eq!(written("20m"), Ok(Some("20m".to_owned())));
        assert_eq!(written(" 16 min "), Ok(Some("16min".to_owned())));
        assert_eq!(written("1h"), Ok(Some("1h".to_owned())));
        assert_eq!(written("901"), Ok(None));
        assert_eq!(Duration::new(901, TimeUnit::Seconds).written(), None);
        // Equal spans are equal durations, however written.
        assert_eq!(
            Duration::parse("15m", TimeUnit::Seconds),
            Ok(Duration::new(900, TimeUnit::Seconds))
        );
        assert_eq!(
            Duration::parse("36h", TimeUnit::Days).map(|d| d.to_string()),
            Ok("129600 seconds".into())
        );
    }

    #[test]
    fn cidr_host_bits_and_containment() {
        let a: Cidr = "10.0.1.5/24"
            .parse()
            .unwrap_or_else(|e: String| panic!("{e}"));
        assert!(a.has_host_bits());
        let vpc: Cidr = "10.0.0.0/16"
            .parse()
            .unwrap_or_else(|e: String| panic!("{e}"));
        assert!(vpc.contains(&a));
        assert!(vpc.overlaps(&a));
        assert!("10.0.0.0".parse::<Cidr>().is_err());
        assert!("10.0.300.0/24".parse::<Cidr>().is_err());
        assert_eq!(vpc.size(), 65_536);
    }

    /// Leading zeros in a decimal part of a CIDR block: refused, with the
    /// block to write instead; hexadecimal IPv6 groups keep theirs.
    #[test]
    fn cidr_leading_zeros() {
        for (text, fixed) in [
            ("010.0.0.0/16", "10.0.0.0/16"),
            ("10.00.0.0/16", "10.0.0.0/16"),
            ("10.0.0.010/24", "10.0.0.10/24"),
            ("10.0.0.0/016", "10.0.0.0/16"),
            ("10.0.0.0/08", "10.0.0.0/8"),
            (" 010.000.001.002/024 ", "10.0.1.2/24"),
            ("2600:1f18::/056", "2600:1f18::/56"),
            ("::ffff:010.0.0.1/128", "::ffff:10.0.0.1/128"),
        ] {
            let (_, help) = Cidr::parse_with_help(text)
                .err()
                .unwrap_or_else(|| panic!("{text} parsed"));
            let help = help.unwrap_or_else(|| panic!("{text}: no help"));
            assert!(
                help.starts_with(&format!("write `{fixed}`: ")),
                "{text}: {help}"
            );
        }
        let (message, help) = Cidr::parse_with_help("010.0.0.0/16")
            .err()
            .unwrap_or_default();
        assert_eq!(
            message,
            "`010.0.0.0/16` has an IPv4 octet with a leading zero (`010`)"
        );
        assert_eq!(
            help.as_deref(),
            Some(
                "write `10.0.0.0/16`: leading zeros in an IPv4 octet are read as octal by some tools (inet_aton) and rejected by others (Python ipaddress)"
            )
        );
        // Zeros that are the whole number, and IPv6 groups, are fine.
        for ok in [
            "0.0.0.0/0",
            "10.0.0.0/16",
            "2600:1f18:0db8::/56",
            "::ffff:10.0.0.1/128",
            "::/0",
        ] {
            assert!(Cidr::parse_with_help(ok).is_ok(), "{ok}");
        }
        // Zeros on a block that is invalid anyway: the plain message.
        assert_eq!(
            Cidr::parse_with_help("010.0.0.300/16")
                .err()
                .and_then(|(_, h)| h),
            None
        );
    }

    /// A pattern as a JSON Schema validator compiles it, anchored.
    fn matcher(pattern: &str) -> impl Fn(&str) -> bool {
        let v = jsonschema::validator_for(
            &serde_json::json!({ "type": "string", "pattern": format!("^{pattern}$") }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        move |text| v.is_valid(&serde_json::json!(text))
    }

    /// `decimal_range` against the integers themselves, at and around
    /// both ends of ranges of every length up to 20 digits.
    #[test]
    fn decimal_ranges_are_exact() {
        let ends = [
            0u64,
            1,
            9,
            10,
            35,
            99,
            100,
            101,
            840,
            999,
            1000,
            17_179_869_183,
            213_503_982_334_601,
            u64::MAX / 3600,
            u64::MAX / 2,
            u64::MAX - 1,
            u64::MAX,
        ];
        let mut probes: Vec<u64> = Vec::new();
        for &e in &ends {
            probes.extend([e.saturating_sub(1), e, e.saturating_add(1)]);
        }
        probes.extend(0..=1000);
        for &lo in &ends {
            for &hi in &ends {
                let Some(pattern) = decimal_range(lo, hi) else {
                    assert!(lo > hi);
                    continue;
                };
                let m = matcher(&pattern);
                for &n in &probes {
                    assert_eq!(
                        m(&n.to_string()),
                        (lo..=hi).contains(&n),
                        "{lo}..={hi}: {n}"
                    );
                }
                // Numerals with leading zeros are not canonical.
                assert!(!m(&format!("0{}", lo.max(1))), "{lo}..={hi}");
            }
        }
    }

    #[test]
    fn version_components() {
        let v = Version {
            text: "14.5".into(),
        };
        assert_eq!(v.components(), vec![14, 5]);
        let v = Version {
            text: "8.0.mysql_aurora.3.04.0".into(),
        };
        assert_eq!(v.components(), vec![8, 0]);
    }
}

#[cfg(test)]
mod image_tests {
    use proptest::prelude::*;

    use super::{ImageRef, TlsPolicy, image_pattern};

    const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn ok(text: &str) -> ImageRef {
        ImageRef::parse_reason(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn image(
        registry: Option<&str>,
        repository: &str,
        tag: Option<&str>,
        digest: Option<&str>,
    ) -> ImageRef {
        ImageRef {
            registry: registry.map(str::to_owned),
            repository: repository.to_owned(),
            tag: tag.map(str::to_owned),
            digest: digest.map(str::to_owned),
        }
    }

    /// The schema's pattern, compiled as a JSON Schema validator compiles it.
    fn pattern_accepts(text: &str) -> bool {
        thread_local! {
            static VALIDATOR: jsonschema::Validator = jsonschema::validator_for(
                &serde_json::json!({ "type": "string", "pattern": image_pattern() }),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        VALIDATOR.with(|v| v.is_valid(&serde_json::json!(text)))
    }

    #[test]
    fn tags_and_paths() {
        assert_eq!(ok("nginx"), image(None, "nginx", None, None));
        assert_eq!(ok("nginx:1.27"), image(None, "nginx", Some("1.27"), None));
        assert_eq!(
            ok("reelnet/backend:latest"),
            image(None, "reelnet/backend", Some("latest"), None)
        );
        assert_eq!(
            ok("reelnet/team/backend:1.4.2-rc.1"),
            image(None, "reelnet/team/backend", Some("1.4.2-rc.1"), None)
        );
        assert_eq!(
            ok("my_org/my-app__x.y:v2"),
            image(None, "my_org/my-app__x.y", Some("v2"), None)
        );
    }

    #[test]
    fn registries_and_ports() {
        // A port is not a tag: the tag is only after the last path component.
        assert_eq!(
            ok("registry:5000/repo"),
            image(Some("registry:5000"), "repo", None, None)
        );
        assert_eq!(
            ok("registry:5000/repo:1.2"),
            image(Some("registry:5000"), "repo", Some("1.2"), None)
        );
        assert_eq!(
            ok("123456789012.dkr.ecr.us-east-1.amazonaws.com/reelnet/backend:1.4.2"),
            image(
                Some("123456789012.dkr.ecr.us-east-1.amazonaws.com"),
                "reelnet/backend",
                Some("1.4.2"),
                None
            )
        );
        assert_eq!(
            ok("localhost/app"),
            image(Some("localhost"), "app", None, None)
        );
        assert_eq!(
            ok("[::1]:5000/app:3"),
            image(Some("[::1]:5000"), "app", Some("3"), None)
        );
        assert_eq!(
            ok("Registry.Example.com/app:1"),
            image(Some("Registry.Example.com"), "app", Some("1"), None)
        );
        // An uppercase first component can only be a registry host, as Docker reads it.
        assert_eq!(
            ok("Reelnet/backend:1.0"),
            image(Some("Reelnet"), "backend", Some("1.0"), None)
        );
        // Without a `.`, `:` or `localhost`, the first component is a path.
        assert_eq!(ok("library/app"), image(None, "library/app", None, None));
    }

    #[test]
    fn digests_pin() {
        let with_digest = format!("reelnet/backend@{SHA}");
        assert_eq!(
            ok(&with_digest),
            image(None, "reelnet/backend", None, Some(SHA))
        );
        let both = format!("registry:5000/reelnet/backend:latest@{SHA}");
        assert_eq!(
            ok(&both),
            image(
                Some("registry:5000"),
                "reelnet/backend",
                Some("latest"),
                Some(SHA)
            )
        );
        assert!(!ok(&both).is_mutable());
        assert!(ok("app:latest").is_mutable());
        assert!(ok("app").is_mutable());
        assert!(!ok("app:1.0").is_mutable());
        let sha512 = format!("app@sha512:{}", "ab".repeat(64));
        assert!(ImageRef::parse_reason(&sha512).is_ok());
        let sha384 = format!("app@sha384:{}", "ab".repeat(48));
        assert!(ImageRef::parse_reason(&sha384).is_ok());
        assert!(pattern_accepts(&sha384));
    }

    /// Review F14: only the algorithms opencontainers/go-digest registers
    /// (sha256, sha384, sha512), each with its exact hex length; the
    /// distribution/reference grammar would take any `algorithm:encoded`,
    /// but Docker cannot resolve it.
    #[test]
    fn unregistered_digest_algorithms_are_refused() {
        for (digest, why) in [
            (
                format!("md5:{}", "ab".repeat(16)),
                "`md5` is not a digest algorithm Docker resolves",
            ),
            (
                format!("sha1:{}", "ab".repeat(20)),
                "`sha1` is not a digest algorithm",
            ),
            (
                "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8".to_owned(),
                "`multihash+base58` is not",
            ),
            (format!("blake3:{}", "ab".repeat(32)), "`blake3` is not"),
            (
                format!("sha384:{}", "ab".repeat(32)),
                "sha384 takes 96 lowercase hex digits",
            ),
            (
                format!("sha512:{}", "ab".repeat(48)),
                "sha512 takes 128 lowercase hex digits",
            ),
        ] {
            let text = format!("app@{digest}");
            let err = ImageRef::parse_reason(&text).err().unwrap_or_default();
            assert!(err.contains(why), "{text}: {err}");
            assert!(!pattern_accepts(&text), "the pattern accepts {text}");
        }
    }

    #[test]
    fn invalid_forms() {
        let long_tag = format!("app:{}", "a".repeat(129));
        let long_name = format!("{}:1", "a".repeat(256));
        for bad in [
            "",
            "reelnet/Backend:1.0",
            "reelnet/backend:",
            "reelnet/backend:.hidden",
            "reelnet//backend",
            "reelnet/backend/",
            "/backend",
            "registry:5000/",
            "registry:port/app",
            "a_b.c/d",
            "-app",
            "app-",
            "a..b",
            "a_-b",
            "a___b",
            "reel net/backend",
            "reelnet/backend@sha256:abc",
            "reelnet/backend@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "reelnet/backend@latest",
            "reelnet/backend@SHA256:00",
            "[::1/app",
            "[zz::1]:5000/app",
            "[:::]/app",
            &long_tag,
            &long_name,
        ] {
            assert!(ImageRef::parse_reason(bad).is_err(), "{bad:?} parsed");
            assert!(!pattern_accepts(bad), "the pattern accepts {bad:?}");
        }
        let max_tag = format!("app:{}", "a".repeat(128));
        assert!(ImageRef::parse_reason(&max_tag).is_ok());
        assert!(pattern_accepts(&max_tag));
        let max_name = format!("{}:1", "a".repeat(255));
        assert!(ImageRef::parse_reason(&max_name).is_ok());
        assert!(pattern_accepts(&max_name));
    }

    #[test]
    fn errors_say_why() {
        assert_eq!(
            ImageRef::parse_reason("reelnet/Backend:1.0"),
            Err("repository names must be lowercase (`Backend`)".to_owned())
        );
        assert_eq!(
            "reelnet/backend:".parse::<ImageRef>(),
            Err("`reelnet/backend:` is not a valid image reference (the tag after `:` is empty); write it as `[registry[:port]/]repository[:tag][@sha256:digest]`, e.g. `reelnet/backend:1.4.2`".to_owned())
        );
    }

    #[test]
    fn tls_policies() {
        assert!(TlsPolicy::SslV3 < TlsPolicy::TlsV1);
        assert!(TlsPolicy::TlsV1_2016 < TlsPolicy::TlsV1_1_2016);
        assert!(TlsPolicy::TlsV1_2_2019 < TlsPolicy::MODERN);
        assert!(TlsPolicy::MODERN < TlsPolicy::TlsV1_3_2025);
        assert_eq!("TLSv1.2_2021".parse(), Ok(TlsPolicy::TlsV1_2_2021));
        for (name, policy) in TlsPolicy::ALL {
            assert_eq!(policy.to_string(), *name);
            assert_eq!(name.parse(), Ok(*policy));
        }
        for bad in ["TLSv1.2", "tlsv1.2_2021", "TLSv1.3", ""] {
            assert!(bad.parse::<TlsPolicy>().is_err(), "{bad}");
        }
        let closest = |s| TlsPolicy::closest(s).map(TlsPolicy::as_str);
        assert_eq!(closest("tlsv1.2_2021"), Some("TLSv1.2_2021"));
        assert_eq!(closest("TLSv1.2"), Some("TLSv1.2_2021"));
        assert_eq!(closest("TLSv1.3"), Some("TLSv1.3_2025"));
        assert_eq!(closest("TLSv1.1"), Some("TLSv1.1_2016"));
        assert_eq!(closest("TLSv1.2_2020"), Some("TLSv1.2_2021"));
        assert_eq!(closest("completely-different"), None);
    }

    proptest! {
        /// Any reference built from the grammar's parts parses back into
        /// them, displays as written, and the schema's pattern accepts it.
        #[test]
        fn parts_round_trip(
            registry in proptest::option::of("[a-z][a-z0-9]{0,5}(\\.[a-z0-9]{1,5}){1,2}(:[0-9]{1,5})?"),
            first in "[a-z0-9]{1,6}(-[a-z0-9]{1,4})?",
            rest in proptest::collection::vec("[a-z0-9]{1,6}(([._]|__|-+)[a-z0-9]{1,6}){0,2}", 0..3),
            tag in proptest::option::of("[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"),
            digest in proptest::option::of("[0-9a-f]{64}"),
        ) {
            let path = std::iter::once(first).chain(rest).collect::<Vec<_>>().join("/");
            let digest = digest.map(|d| format!("sha256:{d}"));
            let mut text = registry.as_ref().map_or_else(String::new, |r| format!("{r}/"));
            text.push_str(&path);
            if let Some(t) = &tag {
                text.push(':');
                text.push_str(t);
            }
            if let Some(d) = &digest {
                text.push('@');
                text.push_str(d);
            }
            let parsed = ImageRef::parse_reason(&text);
            prop_assert_eq!(
                parsed.clone(),
                Ok(image(registry.as_deref(), &path, tag.as_deref(), digest.as_deref()))
            );
            prop_assert_eq!(parsed.map(|r| r.to_string()), Ok(text.clone()));
            prop_assert!(pattern_accepts(&text));
        }

        /// The schema's pattern accepts exactly what the parser reads, over
        /// strings of the grammar's characters and its near misses.
        #[test]
        fn pattern_agrees_with_parser(
            text in "(([a-zA-Z0-9]{1,4}|localhost|\\[::1\\]|\\[zz\\]|[._:/@-]|__|sha256:|sha512:|[0-9a-f]{64}| ){0,10})",
        ) {
            prop_assert_eq!(
                pattern_accepts(&text),
                ImageRef::parse_reason(&text).is_ok(),
                "{:?}", text
            );
        }

        /// No input makes the parser panic.
        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = ImageRef::parse_reason(&text);
        }
    }
}
