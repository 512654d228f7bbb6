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

impl FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if !s.contains('/') {
            return Err(format!(
                "`{s}` has no prefix length; write it as a CIDR block such as `10.0.0.0/16`"
            ));
        }
        IpNet::from_str(s)
            .map(Cidr)
            .map_err(|_| format!("`{s}` is not a valid IPv4 or IPv6 CIDR block"))
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
            "description": "An IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56",
            "pattern": cidr_pattern()
        })
    }
}

/// The pattern of exactly the CIDR blocks [`Cidr::from_str`] reads (the
/// grammar of `ipnet`'s parser): an IPv4 address (octets 0-255, up to three
/// digits) with a prefix length 0-32 (up to two digits), or an IPv6 address
/// (up to eight groups of one to four hex digits, an embedded IPv4 address
/// for the last two, `::` for the groups left out) with 0-128 (up to three
/// digits); space around it is ignored.
#[must_use]
pub fn cidr_pattern() -> String {
    const OCTET: &str = "(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])";
    const HEX: &str = "[0-9A-Fa-f]{1,4}";
    let v4 = format!("{OCTET}(\\.{OCTET}){{3}}");
    // `n` groups (n >= 1), the last two of which may be an IPv4 address.
    let groups = |n: usize, v4_tail: bool| {
        let mut alts = vec![format!("{HEX}(:{HEX}){{{}}}", n - 1)];
        if v4_tail && n >= 2 {
            alts.push(if n == 2 {
                v4.clone()
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
    format!(
        "^\\s*({v4}/(3[0-2]|[0-2]?[0-9])|({})/(12[0-8]|1[01][0-9]|0?[0-9]?[0-9]))\\s*$",
        v6.join("|")
    )
}

/// The pattern of the string form [`Size::parse`] reads: a decimal number
/// and a unit in any case (B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB,
/// PB/PiB), space around them ignored.
pub const SIZE_PATTERN: &str =
    r"^\s*([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*([KkMmGgTt]([Ii]?[Bb])?|[Pp][Ii]?[Bb]|[Bb])?\s*$";

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
        let n: f64 = num
            .parse()
            .map_err(|_| format!("`{s}` is not a size; write e.g. `100GB`, `512MB` or `1TB`"))?;
        let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "gb" | "gib" | "g" => 1 << 30,
            "b" => 1,
            "kb" | "kib" | "k" => 1 << 10,
            "mb" | "mib" | "m" => 1 << 20,
            "tb" | "tib" | "t" => 1 << 40,
            "pb" | "pib" => 1 << 50,
            other => {
                return Err(format!(
                    "unknown size unit `{other}` in `{s}`; use B, KB, MB, GB, TB (or KiB, MiB, GiB, TiB)"
                ));
            }
        };
        let bytes = n * mult as f64;
        if !bytes.is_finite() || bytes > u64::MAX as f64 {
            return Err(format!("size `{s}` is too large"));
        }
        Ok(Self {
            bytes: bytes as u64,
        })
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
    /// or a number of bytes (`1342069906B`) when no unit divides it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        const UNITS: [(u64, &str); 4] = [
            (1 << 40, "TiB"),
            (1 << 30, "GiB"),
            (1 << 20, "MiB"),
            (1 << 10, "KiB"),
        ];
        match UNITS
            .iter()
            .find(|(m, _)| self.bytes >= *m && self.bytes.is_multiple_of(*m))
        {
            Some((m, unit)) => s.collect_str(&format_args!("{}{unit}", self.bytes / m)),
            None => s.collect_str(&format_args!("{}B", self.bytes)),
        }
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
                { "type": "string", "pattern": SIZE_PATTERN }
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
}

/// A span of time: `90d`, `12h`, `30m`, `45s`, or an integer in the unit
/// the field names (`unit`), which is also the unit it is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    /// The length in seconds (saturating at `u64::MAX`).
    pub seconds: u64,
    /// The field's unit.
    pub unit: TimeUnit,
}

impl Duration {
    /// `n` of `unit`, saturating.
    #[must_use]
    pub const fn new(n: u64, unit: TimeUnit) -> Self {
        Self {
            seconds: n.saturating_mul(unit.seconds()),
            unit,
        }
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
        let mult = match suffix.trim() {
            "" => unit.seconds(),
            "s" => 1,
            "m" | "min" => 60,
            "h" => 3600,
            "d" => 86_400,
            "w" => 604_800,
            other => {
                return Err(format!(
                    "unknown duration unit `{other}` in `{s}`; use s, m, h or d"
                ));
            }
        };
        n.checked_mul(mult)
            .map(|seconds| Self { seconds, unit })
            .ok_or_else(|| format!("duration `{s}` is too large"))
    }
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
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.seconds.is_multiple_of(self.unit.seconds()) {
            s.serialize_u64(self.value())
        } else {
            s.collect_str(&format_args!("{}s", self.seconds))
        }
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A duration: an integer in the unit the field names, or a string such as 90d, 12h, 30m, 45s",
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
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A version string, e.g. \"14.5\". Quote it: an unquoted number is accepted with a finding (SPEC003).",
            "type": ["string", "number"]
        })
    }
}

/// The pattern of the names [`Domain::parse`] reads: labels of 1-63
/// letters, digits, `_` or `-` (not at either end), at most 253 characters
/// in all, a leading `*.` only before two labels or more, trailing dots and
/// space around ignored.
pub const DOMAIN_PATTERN: &str = r"^\s*(?=[A-Za-z0-9_*.-]{1,253}\.*\s*$)(\*\.([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_])(\.([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_]))+|([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_])(\.([A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_-]{0,61}[A-Za-z0-9_]))*)\.*\s*$";

/// A DNS name, lower-cased; `*.example.com` is a wildcard for exactly one label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Domain(String);

impl Domain {
    /// The name, lower-cased, trailing dots removed.
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
        let name = s.trim().trim_end_matches('.').to_ascii_lowercase();
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
                return Err(format!(
                    "`{s}` is not a valid domain name (label `{label}`); labels are 1-63 letters, digits or hyphens, and only a leading `*.` may be a wildcard"
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
macro_rules! keywords {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
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
                Self::ALL.iter().map(|(t, _)| format!("`{t}`")).collect::<Vec<_>>().join(", ")
            }
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
