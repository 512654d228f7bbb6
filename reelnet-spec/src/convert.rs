//! The node tree → the typed model, reporting every invalid value.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{Diagnostic, Label, SpecCode};
use crate::model::{
    Alarm, ApiGateway, AutoScaling, Bucket, Cdn, Certificate, Compute, Database, DisasterRecovery,
    Distribution, Dns, Environment, FileSystem, Function, LifecycleRule, Logging, Metrics, Model,
    Pipeline, Record, Replication, Security, Service, Shield, Spanned, Stage, Storage, Subnet,
    Throttling, Vpc, Waf, Zone,
};
use crate::source::{FileId, Loc, Sources};
use crate::types::{
    Cidr, Domain, Duration, Encryption, Engine, FailoverTesting, PublicAccess, Size, Strategy,
    Tier, TimeUnit, Validation, Version, ViewerProtocol,
};
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
    fn loc(&self, n: &YNode) -> Loc {
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
            Label::at(self.sources, self.loc(n), "invalid value"),
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

/// A scalar the model holds.
trait Scalar: Sized {
    const EXPECTED: &'static str;
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self>;
}

impl Scalar for String {
    const EXPECTED: &'static str = "a string";
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
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
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
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
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        integer(n, cx, u64::MAX)
    }
}

impl Scalar for u32 {
    const EXPECTED: &'static str = "a whole number";
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        integer(n, cx, u64::from(u32::MAX)).and_then(|v| u32::try_from(v).ok())
    }
}

impl Scalar for u16 {
    const EXPECTED: &'static str = "a whole number";
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        integer(n, cx, u64::from(u16::MAX)).and_then(|v| u16::try_from(v).ok())
    }
}

impl Scalar for f64 {
    const EXPECTED: &'static str = "a number";
    #[allow(clippy::cast_precision_loss)]
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
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
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        parsed(n, cx, Self::EXPECTED, str::parse)
    }
}

impl Scalar for Domain {
    const EXPECTED: &'static str = "a domain name";
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        parsed(n, cx, Self::EXPECTED, Domain::parse)
    }
}

impl Scalar for Size {
    const EXPECTED: &'static str = "a size";
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
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
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
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
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        parsed(n, cx, Self::EXPECTED, str::parse)
    }
}

impl Scalar for crate::types::TlsPolicy {
    const EXPECTED: &'static str = "a CloudFront security policy";
    fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
        match &n.value {
            Value::Str(s) => match s.parse() {
                Ok(v) => Some(v),
                Err(message) => {
                    let help = Self::closest(s).map(|p| format!("did you mean `{p}`?"));
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

macro_rules! keyword_scalar {
    ($($ty:ty),+) => {$(
        impl Scalar for $ty {
            const EXPECTED: &'static str = "a keyword";
            fn convert(n: &YNode, cx: &mut Cx<'_>) -> Option<Self> {
                match &n.value {
                    Value::Str(s) => match <$ty>::parse(s) {
                        Some(v) => Some(v),
                        None => {
                            let names: Vec<&str> = <$ty>::ALL.iter().map(|(t, _)| *t).collect();
                            let help = crate::suggest(s, &names).map(|m| format!("did you mean `{m}`?"));
                            cx.invalid(n, format!("`{s}` is not one of {}", <$ty>::expected()), help);
                            None
                        }
                    },
                    _ => {
                        let expected = format!("one of {}", <$ty>::expected());
                        cx.wrong_type(n, &expected);
                        None
                    }
                }
            }
        }
    )+};
}

keyword_scalar!(
    Tier,
    ViewerProtocol,
    Validation,
    Encryption,
    PublicAccess,
    Engine,
    Strategy,
    FailoverTesting
);

/// A mapping being read field by field.
struct Obj<'n> {
    node: &'n YNode,
    entries: &'n [(String, YNode)],
    loc: Loc,
}

fn obj<'n>(n: &'n YNode, cx: &mut Cx<'_>) -> Option<Obj<'n>> {
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

fn spanned<T: Scalar>(n: &YNode, cx: &mut Cx<'_>) -> Option<Spanned<T>> {
    T::convert(n, cx).map(|v| Spanned::new(v, cx.loc(n)))
}

/// A duration in a field whose unit is `unit`. A field counted in days
/// takes whole days (`36h` is refused: the services behind these fields,
/// RDS backup retention, S3 lifecycle and CloudWatch Logs retention, count
/// in days).
fn duration(n: &YNode, key: &str, unit: TimeUnit, cx: &mut Cx<'_>) -> Option<Spanned<Duration>> {
    let value = match n.value {
        Value::Int(_) | Value::UInt(_) | Value::Float(_) => {
            integer(n, cx, u64::MAX / unit.seconds()).map(|v| Duration::new(v, unit))
        }
        _ => parsed(n, cx, "a duration", |s| Duration::parse(s, unit)),
    }?;
    if unit == TimeUnit::Days && !value.seconds.is_multiple_of(unit.seconds()) {
        let text = cx.text(n).to_owned();
        let days = value.seconds.div_ceil(unit.seconds());
        cx.invalid(
            n,
            format!("`{key}` takes whole days; `{text}` is {value}"),
            Some(format!("write a number of days, e.g. `{days}`")),
        );
        return None;
    }
    Some(Spanned::new(value, cx.loc(n)))
}

impl<'n> Obj<'n> {
    /// A field's node; an explicit null counts as absent.
    fn get(&self, key: &str) -> Option<&'n YNode> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.value, Value::Null))
    }

    fn missing(&self, key: &str, cx: &mut Cx<'_>) {
        if cx.reported.contains(&(cx.file, self.node.id)) {
            return;
        }
        let d = SpecCode::InvalidValue.diagnostic(
            Label::at(cx.sources, self.loc, format!("`{key}` missing")),
            format!("missing required field `{key}`"),
        );
        cx.diags.push(d);
    }

    fn req<T: Scalar>(&self, key: &str, cx: &mut Cx<'_>) -> Option<Spanned<T>> {
        match self.get(key) {
            Some(n) => spanned(n, cx),
            None => {
                self.missing(key, cx);
                None
            }
        }
    }

    fn opt<T: Scalar>(&self, key: &str, cx: &mut Cx<'_>) -> Option<Spanned<T>> {
        self.get(key).and_then(|n| spanned(n, cx))
    }

    fn or<T: Scalar>(&self, key: &str, default: T, cx: &mut Cx<'_>) -> Spanned<T> {
        self.opt(key, cx)
            .unwrap_or_else(|| Spanned::default_at(default, self.loc))
    }

    fn dur(&self, key: &str, unit: TimeUnit, cx: &mut Cx<'_>) -> Option<Spanned<Duration>> {
        self.get(key).and_then(|n| duration(n, key, unit, cx))
    }

    fn items(&self, key: &str, cx: &mut Cx<'_>) -> &'n [YNode] {
        match self.get(key) {
            None => &[],
            Some(n) => match &n.value {
                Value::Seq(items) => items,
                _ => {
                    cx.wrong_type(n, "a list");
                    &[]
                }
            },
        }
    }

    fn list<T: Scalar>(&self, key: &str, cx: &mut Cx<'_>) -> Vec<Spanned<T>> {
        self.items(key, cx)
            .iter()
            .filter_map(|n| spanned(n, cx))
            .collect()
    }

    /// A field that is one mapping or a list of them.
    fn one_or_many(n: &'n YNode) -> Vec<&'n YNode> {
        match &n.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![n],
        }
    }
}

fn each<'n, T>(
    items: &'n [YNode],
    cx: &mut Cx<'_>,
    f: impl Fn(Obj<'n>, &mut Cx<'_>) -> Option<T>,
) -> Vec<T> {
    items
        .iter()
        .filter_map(|n| obj(n, cx).and_then(|o| f(o, cx)))
        .collect()
}

/// Convert one top-level section into the model.
pub(crate) fn section(model: &mut Model, key: &str, n: &YNode, cx: &mut Cx<'_>) {
    if matches!(n.value, Value::Null) {
        return;
    }
    match key {
        "name" => model.name = spanned(n, cx),
        "region" => model.region = spanned(n, cx),
        "dr_region" => model.dr_region = spanned(n, cx),
        "availability_zones" => match &n.value {
            Value::Seq(items) => {
                model.availability_zones = items.iter().filter_map(|n| spanned(n, cx)).collect();
            }
            _ => cx.wrong_type(n, "a list"),
        },
        "vpc" => model.vpc = obj(n, cx).and_then(|o| vpc(&o, cx)),
        "dns" => model.dns = obj(n, cx).map(|o| dns(&o, cx)),
        "cdn" => model.cdn = obj(n, cx).map(|o| cdn(&o, cx)),
        "api_gateway" => {
            let many = matches!(n.value, Value::Seq(_));
            model.api_gateway = Obj::one_or_many(n)
                .into_iter()
                .filter_map(|n| obj(n, cx).and_then(|o| api_gateway(&o, many, cx)))
                .collect();
        }
        "security" => model.security = obj(n, cx).map(|o| security(&o, cx)),
        "certificates" => {
            model.certificates = Obj::one_or_many(n)
                .into_iter()
                .filter_map(|n| obj(n, cx).and_then(|o| certificate(&o, cx)))
                .collect();
        }
        "compute" => model.compute = obj(n, cx).map(|o| compute(&o, cx)),
        "auto_scaling" => model.auto_scaling = obj(n, cx).and_then(|o| auto_scaling(&o, cx)),
        "storage" => model.storage = obj(n, cx).map(|o| storage(&o, cx)),
        "database" => {
            let many = matches!(n.value, Value::Seq(_));
            model.database = Obj::one_or_many(n)
                .into_iter()
                .filter_map(|n| obj(n, cx).map(|o| database(&o, many, cx)))
                .collect();
        }
        "alarms" => {
            model.alarms_loc = Some(cx.loc(n));
            if let Some(o) = obj(n, cx) {
                model.alarms = alarms(&o, cx);
            }
        }
        "logging" => model.logging = obj(n, cx).map(|o| logging(&o, cx)),
        "metrics" => model.metrics = obj(n, cx).map(|o| metrics(&o, cx)),
        "pipeline" => model.pipeline = obj(n, cx).map(|o| pipeline(&o, cx)),
        "disaster_recovery" => {
            model.disaster_recovery = obj(n, cx).map(|o| disaster_recovery(&o, cx))
        }
        _ => {} // unknown sections are reported by the schema
    }
}

fn subnets(o: &Obj<'_>, key: &str, tier: Tier, cx: &mut Cx<'_>) -> Vec<Subnet> {
    let mut out = Vec::new();
    for (index, n) in o.items(key, cx).iter().enumerate() {
        let loc = cx.loc(n);
        let subnet = match &n.value {
            Value::Str(_) => spanned::<Cidr>(n, cx).map(|cidr| Subnet {
                loc,
                cidr,
                az: None,
                name: None,
                tier,
                index,
                zone: None,
            }),
            Value::Map(_) => obj(n, cx).and_then(|s| {
                let az = s.opt::<String>("az", cx);
                let name = s.opt("name", cx);
                Some(Subnet {
                    loc,
                    cidr: s.req("cidr", cx)?,
                    zone: az.as_ref().map(|a| a.value.clone()),
                    az,
                    name,
                    tier,
                    index,
                })
            }),
            _ => {
                cx.wrong_type(n, "a CIDR block or a mapping { cidr, az?, name? }");
                None
            }
        };
        out.extend(subnet);
    }
    out
}

fn vpc(o: &Obj<'_>, cx: &mut Cx<'_>) -> Option<Vpc> {
    let public_subnets = subnets(o, "public_subnets", Tier::Public, cx);
    let private_subnets = subnets(o, "private_subnets", Tier::Private, cx);
    let peers = o.list("peers", cx);
    Some(Vpc {
        loc: o.loc,
        cidr: o.req("cidr", cx)?,
        public_subnets,
        private_subnets,
        peers,
        public_subnets_loc: o.get("public_subnets").map(|n| cx.loc(n)),
        private_subnets_loc: o.get("private_subnets").map(|n| cx.loc(n)),
    })
}

fn dns(o: &Obj<'_>, cx: &mut Cx<'_>) -> Dns {
    let zones = each(o.items("zones", cx), cx, |z, cx| {
        let records = each(z.items("records", cx), cx, |r, cx| {
            let name = r.req("name", cx);
            let record_type = r.req("type", cx);
            let target = r.req("target", cx);
            Some(Record {
                loc: r.loc,
                name: name?,
                record_type: record_type?,
                target: target?,
            })
        });
        Some(Zone {
            loc: z.loc,
            name: z.req("name", cx)?,
            records,
        })
    });
    Dns { loc: o.loc, zones }
}

fn cdn(o: &Obj<'_>, cx: &mut Cx<'_>) -> Cdn {
    let distributions = each(o.items("distributions", cx), cx, |d, cx| {
        let name = d.req("name", cx);
        Some(Distribution {
            loc: d.loc,
            aliases: d.list("aliases", cx),
            origins: d.list("origins", cx),
            certificate: d.opt("certificate", cx),
            waf: d.opt("waf", cx),
            viewer_protocol: d.or("viewer_protocol", ViewerProtocol::AllowAll, cx),
            min_tls: d.opt("min_tls", cx),
            name: name?,
        })
    });
    Cdn {
        loc: o.loc,
        distributions,
    }
}

fn api_gateway(o: &Obj<'_>, many: bool, cx: &mut Cx<'_>) -> Option<ApiGateway> {
    let name = if many {
        o.req("name", cx)?
    } else {
        o.or("name", "api".to_owned(), cx)
    };
    let throttling = o
        .get("throttling")
        .and_then(|n| obj(n, cx))
        .map(|t| Throttling {
            loc: t.loc,
            rate_limit: t.opt("rate_limit", cx),
            burst_limit: t.opt("burst_limit", cx),
        });
    Some(ApiGateway {
        loc: o.loc,
        name,
        domain: o.opt("domain", cx),
        waf: o.opt("waf", cx),
        throttling,
    })
}

fn security(o: &Obj<'_>, cx: &mut Cx<'_>) -> Security {
    let waf = each(o.items("waf", cx), cx, |w, cx| {
        let name = w.req("name", cx);
        Some(Waf {
            loc: w.loc,
            managed_rules: w.list("managed_rules", cx),
            rate_limit: w.opt("rate_limit", cx),
            name: name?,
        })
    });
    let shield = o.get("shield").and_then(|n| obj(n, cx)).map(|s| Shield {
        loc: s.loc,
        advanced: s.or("advanced", false, cx),
    });
    Security {
        loc: o.loc,
        waf,
        shield,
    }
}

fn certificate(o: &Obj<'_>, cx: &mut Cx<'_>) -> Option<Certificate> {
    let alternative_names = o.list("alternative_names", cx);
    let validation = o.or("validation", Validation::Dns, cx);
    let renewal = o.or("renewal", true, cx);
    Some(Certificate {
        loc: o.loc,
        domain: o.req("domain", cx)?,
        alternative_names,
        validation,
        renewal,
    })
}

fn compute(o: &Obj<'_>, cx: &mut Cx<'_>) -> Compute {
    let services = each(o.items("services", cx), cx, |s, cx| {
        let name = s.req("name", cx);
        let image = s.req("image", cx);
        let environment = match s.get("environment") {
            None => BTreeMap::new(),
            Some(n) => obj(n, cx).map_or_else(BTreeMap::new, |env| {
                env.entries
                    .iter()
                    .filter_map(|(k, v)| spanned(v, cx).map(|v| (k.clone(), v)))
                    .collect()
            }),
        };
        Some(Service {
            loc: s.loc,
            port: s.opt("port", cx),
            replicas: s.or("replicas", 1, cx),
            subnets: s.or("subnets", Tier::Private, cx),
            cpu: s.opt("cpu", cx),
            memory: s.opt("memory", cx),
            health_check: s.opt("health_check", cx),
            environment,
            dockerfile: s.opt("dockerfile", cx),
            manifests: s.list("manifests", cx),
            name: name?,
            image: image?,
        })
    });
    let functions = each(o.items("functions", cx), cx, |f, cx| {
        let name = f.req("name", cx);
        let timeout = f.dur("timeout", TimeUnit::Seconds, cx).and_then(|t| {
            if t.value.seconds >= 1 {
                return Some(t);
            }
            if let Some(n) = f.get("timeout") {
                cx.invalid(
                    n,
                    format!(
                        "`timeout` is {}: a Lambda function's timeout is at least 1 second",
                        t.value
                    ),
                    Some("use 1 to 900 seconds (Lambda's range; default 3)".into()),
                );
            }
            None
        });
        Some(Function {
            loc: f.loc,
            runtime: f.opt("runtime", cx),
            memory: f.or("memory", 128, cx),
            timeout: timeout
                .unwrap_or_else(|| Spanned::default_at(Duration::new(3, TimeUnit::Seconds), f.loc)),
            trigger: f.opt("trigger", cx),
            name: name?,
        })
    });
    Compute {
        loc: o.loc,
        services,
        functions,
        services_loc: o.get("services").map(|n| cx.loc(n)),
    }
}

fn auto_scaling(o: &Obj<'_>, cx: &mut Cx<'_>) -> Option<AutoScaling> {
    let min_size: Option<Spanned<u32>> = o.req("min_size", cx);
    let max_size = o.req("max_size", cx);
    let desired: Option<Spanned<u32>> = o.opt("desired_capacity", cx);
    let scale_up_threshold = percent(o, "scale_up_threshold", cx);
    let scale_down_threshold = percent(o, "scale_down_threshold", cx);
    let min_size = min_size?;
    Some(AutoScaling {
        loc: o.loc,
        desired_capacity: desired.unwrap_or_else(|| Spanned::default_at(min_size.value, o.loc)),
        min_size,
        max_size: max_size?,
        scale_up_threshold,
        scale_down_threshold,
    })
}

fn percent(o: &Obj<'_>, key: &str, cx: &mut Cx<'_>) -> Option<Spanned<f64>> {
    let n = o.get(key)?;
    let v = spanned::<f64>(n, cx)?;
    if (0.0..=100.0).contains(&v.value) {
        Some(v)
    } else {
        cx.invalid(
            n,
            format!("`{key}` is {}: a percentage is from 0 to 100", v.value),
            None,
        );
        None
    }
}

fn storage(o: &Obj<'_>, cx: &mut Cx<'_>) -> Storage {
    let buckets = each(o.items("buckets", cx), cx, |b, cx| {
        let name = b.req("name", cx);
        let replication = b.get("replication").and_then(|n| obj(n, cx)).and_then(|r| {
            Some(Replication {
                loc: r.loc,
                region: r.req("region", cx)?,
            })
        });
        let lifecycle = b.get("lifecycle").map(|_| {
            each(b.items("lifecycle", cx), cx, |l, cx| {
                let after_days = match l.get("after_days") {
                    Some(n) => duration(n, "after_days", TimeUnit::Days, cx),
                    None => {
                        l.missing("after_days", cx);
                        None
                    }
                };
                let transition = l.opt("transition", cx);
                let expire = l.opt("expire", cx);
                if transition.is_none() && expire.is_none() {
                    l.missing("transition` or `expire", cx);
                }
                Some(LifecycleRule {
                    loc: l.loc,
                    after_days: after_days?,
                    transition,
                    expire,
                })
            })
        });
        Some(Bucket {
            loc: b.loc,
            versioning: b.or("versioning", false, cx),
            encryption: b.or("encryption", Encryption::S3, cx),
            public_access: b.or("public_access", PublicAccess::Blocked, cx),
            replication,
            lifecycle,
            lifecycle_loc: b.get("lifecycle").map(|n| cx.loc(n)),
            name: name?,
        })
    });
    let file_systems = each(o.items("file_systems", cx), cx, |f, cx| {
        let name = f.req("name", cx);
        Some(FileSystem {
            loc: f.loc,
            encrypted: f.or("encrypted", false, cx),
            subnets: f.or("subnets", Tier::Private, cx),
            name: name?,
        })
    });
    Storage {
        loc: o.loc,
        buckets,
        file_systems,
    }
}

fn database(o: &Obj<'_>, many: bool, cx: &mut Cx<'_>) -> Database {
    let name = if many {
        o.req("name", cx)
            .unwrap_or_else(|| Spanned::default_at("database".to_owned(), o.loc))
    } else {
        o.or("name", "database".to_owned(), cx)
    };
    let backup_retention = match o.get("backup_retention") {
        Some(n) => duration(n, "backup_retention", TimeUnit::Days, cx).and_then(|d| {
            if d.value.seconds > 35 * TimeUnit::Days.seconds() {
                cx.invalid(
                    n,
                    format!(
                        "`backup_retention` is {}: RDS keeps automated backups for 0 to 35 days",
                        d.value
                    ),
                    Some("use a value from 0 to 35".into()),
                );
                None
            } else {
                Some(d)
            }
        }),
        None => None,
    }
    .unwrap_or_else(|| Spanned::default_at(Duration::new(1, TimeUnit::Days), o.loc));
    Database {
        loc: o.loc,
        name,
        instance_type: o.opt("instance_type", cx),
        storage: o.opt("storage", cx),
        engine: o.opt("engine", cx),
        version: o.opt("version", cx),
        multi_az: o.or("multi_az", false, cx),
        backup_retention,
        encrypted: o.or("encrypted", false, cx),
        publicly_accessible: o.or("publicly_accessible", false, cx),
        subnets: o.or("subnets", Tier::Private, cx),
        cross_region_backups: o.opt("cross_region_backups", cx),
    }
}

fn alarms(o: &Obj<'_>, cx: &mut Cx<'_>) -> Vec<Alarm> {
    let mut out = Vec::new();
    for (key, n) in o.entries {
        let Some(a) = obj(n, cx) else { continue };
        let name = Spanned::new(key.clone(), a.loc);
        let metric = a
            .opt("metric", cx)
            .unwrap_or_else(|| Spanned::default_at(Alarm::metric_from_name(key), a.loc));
        let threshold = a.req("threshold", cx);
        let period = a
            .dur("period", TimeUnit::Seconds, cx)
            .unwrap_or_else(|| Spanned::default_at(Duration::new(300, TimeUnit::Seconds), a.loc));
        let evaluation_periods = a.or("evaluation_periods", 1, cx);
        if evaluation_periods.value < 1 {
            if let Some(n) = a.get("evaluation_periods") {
                cx.invalid(
                    n,
                    "`evaluation_periods` is 0: an alarm evaluates at least 1 period".into(),
                    Some("use 1 or more (CloudWatch's EvaluationPeriods minimum)".into()),
                );
            }
            continue;
        }
        let Some(threshold) = threshold else { continue };
        out.push(Alarm {
            loc: a.loc,
            name,
            metric,
            threshold,
            period,
            evaluation_periods,
        });
    }
    out
}

fn logging(o: &Obj<'_>, cx: &mut Cx<'_>) -> Logging {
    Logging {
        loc: o.loc,
        stack: o.opt("stack", cx),
        rotation: o.opt("rotation", cx),
        retention_days: o.dur("retention_days", TimeUnit::Days, cx),
    }
}

fn metrics(o: &Obj<'_>, cx: &mut Cx<'_>) -> Metrics {
    Metrics {
        loc: o.loc,
        prometheus: o.or("prometheus", false, cx),
        grafana: o.or("grafana", false, cx),
    }
}

fn pipeline(o: &Obj<'_>, cx: &mut Cx<'_>) -> Pipeline {
    let mut stages = Vec::new();
    for n in o.items("stages", cx) {
        let Some(s) = obj(n, cx) else { continue };
        if s.entries.len() != 1 {
            cx.invalid(
                n,
                format!(
                    "a stage is a one-key mapping (stage: [steps]); this one has {} keys",
                    s.entries.len()
                ),
                Some("split it into one list item per stage".into()),
            );
            continue;
        }
        let Some((key, steps)) = s.entries.first() else {
            continue;
        };
        let steps = match &steps.value {
            Value::Seq(items) => items.iter().filter_map(|n| spanned(n, cx)).collect(),
            Value::Null => Vec::new(),
            _ => {
                cx.wrong_type(steps, "a list of steps");
                continue;
            }
        };
        stages.push(Stage {
            loc: s.loc,
            name: Spanned::new(
                key.clone(),
                Loc {
                    file: cx.file,
                    node: s.entries[0].1.id,
                },
            ),
            steps,
        });
    }
    let mut environments = Vec::new();
    if let Some(envs) = o.get("environments").and_then(|n| obj(n, cx)) {
        for (key, n) in envs.entries {
            let Some(e) = obj(n, cx) else { continue };
            environments.push(Environment {
                loc: e.loc,
                name: Spanned::new(key.clone(), e.loc),
                domain: e.opt("domain", cx),
                approval: e.or("approval", false, cx),
            });
        }
    }
    Pipeline {
        loc: o.loc,
        stages,
        environments,
    }
}

fn disaster_recovery(o: &Obj<'_>, cx: &mut Cx<'_>) -> DisasterRecovery {
    DisasterRecovery {
        loc: o.loc,
        strategy: o.opt("strategy", cx),
        rto_minutes: o.dur("rto_minutes", TimeUnit::Minutes, cx),
        rpo_minutes: o.dur("rpo_minutes", TimeUnit::Minutes, cx),
        failover_testing: o.opt("failover_testing", cx),
    }
}

/// Place shorthand subnets round-robin over `availability_zones`.
pub(crate) fn place_subnets(model: &mut Model) {
    let zones: Vec<String> = model
        .availability_zones
        .iter()
        .map(|z| z.value.clone())
        .collect();
    let Some(vpc) = model.vpc.as_mut() else {
        return;
    };
    for tier in [&mut vpc.public_subnets, &mut vpc.private_subnets] {
        for subnet in tier.iter_mut() {
            if subnet.az.is_none() && !zones.is_empty() {
                subnet.zone = zones.get(subnet.index % zones.len()).cloned();
            }
        }
    }
}
