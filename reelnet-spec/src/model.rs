//! The typed model of a spec: every section and field of FORMAT.md.
//!
//! Every value carries its [`Loc`] so that a rule can point at the exact
//! text. Fields with a documented default are [`Spanned`] values whose
//! `explicit` flag is false (and whose `loc` is their owner's) when the YAML
//! leaves them out; optional fields without a default are `Option`s. Forms
//! that may be one mapping or a list (`database`, `certificates`,
//! `api_gateway`) are always lists here.

use std::borrow::Cow;
use std::collections::BTreeMap;

use reelnet_spec_derive::FromNode;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::source::Loc;
use crate::structure::Structure;
use crate::types::{
    Cidr, Domain, Duration, Encryption, Engine, FailoverTesting, PublicAccess, Size, Strategy,
    Tier, Validation, Version, ViewerProtocol,
};

pub use crate::spanned::Spanned;

/// Schema helper: one mapping or a list of them (`database`, `certificates`, `api_gateway`).
struct OneOrMany<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema + Structure> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let one = generator.subschema_for::<T>();
        if generator.contract().is_serialize() {
            // Always a list once loaded.
            return json_schema!({ "type": "array", "items": one });
        }
        // `#[from_node(required_in_list)]`: required, and not null, in an
        // item of the list form.
        let required = T::DECLARATION.required_in_list;
        let item = if required.is_empty() {
            one.clone()
        } else {
            let not_null: serde_json::Map<String, serde_json::Value> = required
                .iter()
                .map(|k| {
                    (
                        (*k).to_owned(),
                        serde_json::json!({ "not": { "type": "null" } }),
                    )
                })
                .collect();
            json_schema!({ "allOf": [one], "required": required, "properties": not_null })
        };
        json_schema!({
            "description": "One mapping, or a list of them",
            "anyOf": [one, { "type": "array", "items": item }]
        })
    }
}

/// Schema helper: a field the loader always fills, from a default that
/// depends on other fields (`desired_capacity`, an alarm's `metric`): optional
/// to write (the schema of loading), always present when serialised (the
/// schema of the serialised form, which the Python binding reads).
struct Filled<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Filled<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Filled{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        if generator.contract().is_serialize() {
            T::json_schema(generator)
        } else {
            <Option<T>>::json_schema(generator)
        }
    }
    fn _schemars_private_is_option() -> bool {
        true
    }
}

/// Schema helper: a mapping from names to `T` (alarms, environments); an
/// entry written as null is the empty mapping.
struct NamedMap<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema + Structure> JsonSchema for NamedMap<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        // An entry written as null loads as the empty mapping: the schema
        // allows null where it allows `{}` (no required field).
        let empty_is_valid = T::DECLARATION.one_of.is_empty()
            && T::json_schema(generator)
                .get("required")
                .and_then(serde_json::Value::as_array)
                .is_none_or(Vec::is_empty);
        if generator.contract().is_serialize() || !empty_is_valid {
            json_schema!({ "type": "object", "additionalProperties": item })
        } else {
            json_schema!({
                "type": "object",
                "additionalProperties": { "anyOf": [item, { "type": "null" }] }
            })
        }
    }
}

fn serialize_named<S, T, F>(items: &[T], name: F, s: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
    F: Fn(&T) -> &str,
{
    let mut map = s.serialize_map(Some(items.len()))?;
    for item in items {
        map.serialize_entry(name(item), item)?;
    }
    map.end()
}

/// Defaults of FORMAT.md, for fields left out (and for the JSON Schema).
mod defaults {
    use super::{
        Duration, Encryption, Loc, PublicAccess, Spanned, Tier, Validation, ViewerProtocol,
    };
    use crate::types::TimeUnit;

    fn at<T>(value: T) -> Spanned<T> {
        Spanned::default_at(value, Loc::default())
    }
    pub fn no() -> Spanned<bool> {
        at(false)
    }
    pub fn yes() -> Spanned<bool> {
        at(true)
    }
    pub fn one() -> Spanned<u32> {
        at(1)
    }
    pub fn allow_all() -> Spanned<ViewerProtocol> {
        at(ViewerProtocol::AllowAll)
    }
    pub fn dns() -> Spanned<Validation> {
        at(Validation::Dns)
    }
    pub fn private() -> Spanned<Tier> {
        at(Tier::Private)
    }
    /// Lambda's default memory is its minimum.
    pub fn lambda_memory() -> Spanned<u32> {
        at(crate::quotas::LAMBDA_MEMORY_MIN_MIB)
    }
    pub fn lambda_timeout() -> Spanned<Duration> {
        at(Duration::new(
            crate::quotas::LAMBDA_TIMEOUT_DEFAULT_SECONDS,
            TimeUnit::Seconds,
        ))
    }
    pub fn s3() -> Spanned<Encryption> {
        at(Encryption::S3)
    }
    pub fn blocked() -> Spanned<PublicAccess> {
        at(PublicAccess::Blocked)
    }
    pub fn database() -> Spanned<String> {
        at("database".to_owned())
    }
    pub fn backup_retention() -> Spanned<Duration> {
        at(Duration::new(
            crate::quotas::BACKUP_RETENTION_DEFAULT_DAYS,
            TimeUnit::Days,
        ))
    }
    pub fn alarm_period() -> Spanned<Duration> {
        at(Duration::new(300, TimeUnit::Seconds))
    }
}

/// Defaults computed from the rest of a value
/// (`#[from_node(default_with = "...")]` below).
mod computed {
    use super::{Alarm, ApiGateway, AutoScaling};

    /// `api`, when there is one gateway (a list's gateways need a name).
    pub(super) fn api_name(_: &ApiGateway) -> String {
        "api".to_owned()
    }

    /// `min_size`, as on EC2 Auto Scaling.
    pub(super) fn desired_capacity(a: &AutoScaling) -> u32 {
        a.min_size.value
    }

    /// From the alarm's name ([`Alarm::metric_from_name`]).
    pub(super) fn alarm_metric(a: &Alarm) -> String {
        Alarm::metric_from_name(&a.name.value)
    }
}

/// A whole spec: every section of FORMAT.md.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
#[from_node(sections)]
#[schemars(
    title = "ReelNet architecture spec",
    description = "One deployed architecture of the ReelNet platform (see FORMAT.md)."
)]
pub struct Model {
    /// The architecture's name. Required in the spec as a whole; in a
    /// directory spec, one of the files holds it.
    #[from_node(required)]
    pub name: Option<Spanned<String>>,
    /// AWS region of the primary deployment.
    pub region: Option<Spanned<String>>,
    /// Region for cross-region copies.
    pub dr_region: Option<Spanned<String>>,
    /// Availability zones used to place shorthand subnets round-robin.
    #[serde(default)]
    pub availability_zones: Vec<Spanned<String>>,
    /// The VPC: its CIDR block, subnets and peers.
    pub vpc: Option<Vpc>,
    /// Route 53 hosted zones and their records.
    pub dns: Option<Dns>,
    /// CloudFront distributions.
    pub cdn: Option<Cdn>,
    /// API Gateways: one mapping or a list in the YAML; always a list once loaded.
    #[serde(default)]
    #[schemars(with = "OneOrMany<ApiGateway>")]
    pub api_gateway: Vec<ApiGateway>,
    /// WAF web ACLs and AWS Shield.
    pub security: Option<Security>,
    /// ACM certificates: one mapping or a list in the YAML; always a list once loaded.
    #[serde(default)]
    #[schemars(with = "OneOrMany<Certificate>")]
    pub certificates: Vec<Certificate>,
    /// ECS/Kubernetes services and Lambda functions.
    pub compute: Option<Compute>,
    /// The EC2 Auto Scaling group the services run on.
    pub auto_scaling: Option<AutoScaling>,
    /// S3 buckets and EFS file systems.
    pub storage: Option<Storage>,
    /// RDS databases: one mapping or a list in the YAML; always a list once loaded.
    #[serde(default)]
    #[schemars(with = "OneOrMany<Database>")]
    pub database: Vec<Database>,
    /// Alarms by name.
    #[serde(default, serialize_with = "serialize_alarms")]
    #[schemars(with = "NamedMap<Alarm>")]
    pub alarms: Vec<Alarm>,
    /// Where the `alarms` section is written; `None` when it is absent or
    /// null.
    #[serde(skip)]
    #[from_node(loc_of = "alarms")]
    pub alarms_loc: Option<Loc>,
    /// The root mapping of the file that holds `name`: where a finding
    /// about a missing top-level section points. `None` without a `name`.
    #[serde(skip)]
    #[from_node(document_of = "name")]
    pub document_loc: Option<Loc>,
    /// Log shipping and retention.
    pub logging: Option<Logging>,
    /// Metrics collection and dashboards.
    pub metrics: Option<Metrics>,
    /// The delivery pipeline: stages and environments.
    pub pipeline: Option<Pipeline>,
    /// Disaster recovery objectives (RTO, RPO) and strategy.
    pub disaster_recovery: Option<DisasterRecovery>,
    /// The Dockerfiles and manifests the services reference, parsed (not
    /// part of the format: read from the files the spec names). Serialised
    /// (`show`, Python `to_dict()`) as the last two top-level keys,
    /// `dockerfiles` and `manifests` (the Python `Spec` attributes of those
    /// names), without spans.
    #[serde(flatten)]
    #[schemars(skip)]
    pub containers: crate::container::ContainerFiles,
}

fn serialize_alarms<S: Serializer>(alarms: &[Alarm], s: S) -> Result<S::Ok, S::Error> {
    serialize_named(alarms, |a| a.name.value.as_str(), s)
}

impl Model {
    /// The model as the linter understood it (defaults filled in,
    /// shorthands expanded, subnets placed in zones), as pretty JSON with a
    /// trailing newline: what `reelnet-lint show` prints, byte for byte
    /// what Python's `json.dumps(spec.to_dict(), indent=2,
    /// ensure_ascii=False) + "\n"` gives for the same spec.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::python_pretty(self)
    }

    /// Every subnet of both tiers, public first.
    pub fn subnets(&self) -> impl Iterator<Item = &Subnet> {
        self.vpc
            .iter()
            .flat_map(|v| v.public_subnets.iter().chain(v.private_subnets.iter()))
    }

    /// The WAF ACL with this name.
    #[must_use]
    pub fn waf(&self, name: &str) -> Option<&Waf> {
        self.security
            .as_ref()
            .and_then(|s| s.waf.iter().find(|w| w.name.value == name))
    }

    /// Services of `compute`, or none.
    #[must_use]
    pub fn services(&self) -> &[Service] {
        self.compute.as_ref().map_or(&[], |c| &c.services)
    }

    /// Functions of `compute`, or none.
    #[must_use]
    pub fn functions(&self) -> &[Function] {
        self.compute.as_ref().map_or(&[], |c| &c.functions)
    }

    /// Buckets of `storage`, or none.
    #[must_use]
    pub fn buckets(&self) -> &[Bucket] {
        self.storage.as_ref().map_or(&[], |s| &s.buckets)
    }

    /// CDN distributions, or none.
    #[must_use]
    pub fn distributions(&self) -> &[Distribution] {
        self.cdn.as_ref().map_or(&[], |c| &c.distributions)
    }
}

/// The VPC and its subnets.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The VPC's IPv4 or IPv6 CIDR block, as written (host bits kept).
    pub cidr: Spanned<Cidr>,
    /// Subnets with a route to an internet gateway, in the order written.
    #[serde(default)]
    pub public_subnets: Vec<Subnet>,
    /// Subnets without a route to an internet gateway, in the order written.
    #[serde(default)]
    pub private_subnets: Vec<Subnet>,
    /// CIDRs of peered VPCs or on-premises ranges that must not overlap.
    #[serde(default)]
    pub peers: Vec<Spanned<Cidr>>,
    /// Where the `public_subnets` list is written, for findings about the
    /// whole tier; `None` when it is absent.
    #[serde(skip)]
    #[from_node(loc_of = "public_subnets")]
    pub public_subnets_loc: Option<Loc>,
    /// Where the `private_subnets` list is written; `None` when absent.
    #[serde(skip)]
    #[from_node(loc_of = "private_subnets")]
    pub private_subnets_loc: Option<Loc>,
}

impl Vpc {
    /// The subnets of one tier.
    #[must_use]
    pub fn tier(&self, tier: Tier) -> &[Subnet] {
        match tier {
            Tier::Public => &self.public_subnets,
            Tier::Private => &self.private_subnets,
        }
    }

    /// Where the list of one tier is written (`public_subnets:`), if it is.
    #[must_use]
    pub fn tier_loc(&self, tier: Tier) -> Option<Loc> {
        match tier {
            Tier::Public => self.public_subnets_loc,
            Tier::Private => self.private_subnets_loc,
        }
    }
}

/// A subnet: a CIDR string, or a mapping `{ cidr, az?, name? }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    /// The list item (the CIDR scalar in the shorthand form).
    pub loc: Loc,
    /// The subnet's CIDR block (host bits kept as written).
    pub cidr: Spanned<Cidr>,
    /// The zone as written.
    pub az: Option<Spanned<String>>,
    /// The subnet's name, when the mapping form gives one.
    pub name: Option<Spanned<String>>,
    /// The tier whose list holds it (`public_subnets` or `private_subnets`).
    pub tier: Tier,
    /// Position in its tier's list.
    pub index: usize,
    /// The zone it lives in: `az` as written, else round-robin over
    /// `availability_zones`, else unknown.
    pub zone: Option<String>,
}

impl Subnet {
    /// Whether it was written as a bare CIDR.
    #[must_use]
    pub fn is_shorthand(&self) -> bool {
        self.loc == self.cidr.loc
    }
}

impl Serialize for Subnet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("cidr", &self.cidr)?;
        if let Some(zone) = &self.zone {
            map.serialize_entry("az", zone)?;
        }
        if let Some(name) = &self.name {
            map.serialize_entry("name", name)?;
        }
        map.end()
    }
}

/// A subnet written as a mapping.
#[derive(JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubnetMapping {
    /// The subnet's CIDR block, as written (host bits kept); it must lie inside the VPC's.
    pub cidr: Spanned<Cidr>,
    /// The availability zone as written, e.g. `us-east-1a`.
    pub az: Option<Spanned<String>>,
    /// A name for the subnet, as written.
    pub name: Option<Spanned<String>>,
}

impl JsonSchema for Subnet {
    fn schema_name() -> Cow<'static, str> {
        "Subnet".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let cidr = generator.subschema_for::<Cidr>();
        let mapping = generator.subschema_for::<SubnetMapping>();
        json_schema!({
            "description": "A subnet: a CIDR block, or a mapping { cidr, az?, name? }",
            "anyOf": [cidr, mapping]
        })
    }
}

/// Route 53.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Dns {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Hosted zones.
    #[serde(default)]
    pub zones: Vec<Zone>,
}

/// A Route 53 hosted zone.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The zone's domain name, e.g. `reelnet.com`.
    pub name: Spanned<Domain>,
    /// The zone's records.
    #[serde(default)]
    pub records: Vec<Record>,
}

/// A DNS record of a hosted zone.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The record's domain name (inside its zone).
    pub name: Spanned<Domain>,
    /// The DNS record type (`type` in the YAML): `A`, `AAAA`, `CNAME`, ...
    #[serde(rename = "type")]
    pub record_type: Spanned<String>,
    /// What the record points at: `cdn/NAME`, `api_gateway`,
    /// `storage/BUCKET`, or a host name.
    pub target: Spanned<String>,
}

/// CloudFront.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Cdn {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The CloudFront distributions.
    #[serde(default)]
    pub distributions: Vec<Distribution>,
}

/// A CloudFront distribution.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The distribution's name, which `cdn/NAME` record targets refer to.
    pub name: Spanned<String>,
    /// The domain names it serves (CNAMEs).
    #[serde(default)]
    pub aliases: Vec<Spanned<Domain>>,
    /// Where it fetches content: `api_gateway`, `api_gateway/NAME` or
    /// `storage/BUCKET`.
    #[serde(default)]
    pub origins: Vec<Spanned<String>>,
    /// The ACM certificate it serves, named by its domain.
    pub certificate: Option<Spanned<Domain>>,
    /// The WAF web ACL that protects it: a `security.waf[].name`.
    pub waf: Option<Spanned<String>>,
    /// How viewers may connect: `allow-all`, `redirect-to-https` or
    /// `https-only`; default `allow-all`, as on CloudFront.
    #[serde(default = "defaults::allow_all")]
    pub viewer_protocol: Spanned<ViewerProtocol>,
    /// The minimum TLS version viewers may use: a CloudFront security
    /// policy name, e.g. `TLSv1.2_2021`.
    pub min_tls: Option<Spanned<crate::types::TlsPolicy>>,
}

/// API Gateway.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct ApiGateway {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The gateway's name, which `api_gateway/NAME` origins refer to;
    /// default `api` when there is one gateway.
    #[schemars(with = "Filled<String>")]
    #[from_node(required_in_list, default_with = "computed::api_name")]
    pub name: Spanned<String>,
    /// The custom domain name it serves.
    pub domain: Option<Spanned<Domain>>,
    /// Names a `security.waf[].name` that protects it.
    pub waf: Option<Spanned<String>>,
    /// Request throttling of the gateway's stage.
    pub throttling: Option<Throttling>,
}

/// API Gateway throttling (requests per second).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Throttling {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Steady-state requests per second.
    pub rate_limit: Option<Spanned<u64>>,
    /// Requests per second in a burst.
    pub burst_limit: Option<Spanned<u64>>,
}

/// WAF web ACLs and AWS Shield.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// WAF web ACLs.
    #[serde(default)]
    pub waf: Vec<Waf>,
    /// AWS Shield; absent means Shield Standard only.
    pub shield: Option<Shield>,
}

/// A WAF web ACL.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Waf {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The ACL's name, which `waf:` keys of distributions and gateways refer to.
    pub name: Spanned<String>,
    /// AWS managed rule groups, e.g. `AWSManagedRulesCommonRuleSet`.
    #[serde(default)]
    pub managed_rules: Vec<Spanned<String>>,
    /// Requests per 5 minutes from one IP before the rate-based rule blocks it.
    pub rate_limit: Option<Spanned<u64>>,
}

/// AWS Shield.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Shield {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Whether Shield Advanced is subscribed; default false.
    #[serde(default = "defaults::no")]
    pub advanced: Spanned<bool>,
}

/// ACM certificate.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The certificate's domain name; `*.example.com` for a wildcard.
    pub domain: Spanned<Domain>,
    /// Subject alternative names.
    #[serde(default)]
    pub alternative_names: Vec<Spanned<Domain>>,
    /// How ACM validates the domain: `DNS` or `EMAIL`; default `DNS`.
    #[serde(default = "defaults::dns")]
    pub validation: Spanned<Validation>,
    /// Whether ACM renews it automatically; default true.
    #[serde(default = "defaults::yes")]
    pub renewal: Spanned<bool>,
}

impl Certificate {
    /// The domain and every alternative name.
    pub fn names(&self) -> impl Iterator<Item = &Spanned<Domain>> {
        std::iter::once(&self.domain).chain(self.alternative_names.iter())
    }
}

/// Services and functions.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// ECS/Kubernetes services.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Lambda functions.
    #[serde(default)]
    pub functions: Vec<Function>,
    /// Where the `services` list is written; `None` when it is absent.
    #[serde(skip)]
    #[from_node(loc_of = "services")]
    pub services_loc: Option<Loc>,
}

/// An ECS/Kubernetes service.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The service's name.
    pub name: Spanned<String>,
    /// The container image: `registry/repo:tag` or `repo@sha256:digest`.
    pub image: Spanned<crate::types::ImageRef>,
    /// The container port it listens on.
    pub port: Option<Spanned<u16>>,
    /// How many copies of the task run; default 1.
    #[serde(default = "defaults::one")]
    pub replicas: Spanned<u32>,
    /// The subnet tier its tasks run in: `public` or `private`; default
    /// `private`.
    #[serde(default = "defaults::private")]
    pub subnets: Spanned<Tier>,
    /// CPU units (1024 = one vCPU).
    pub cpu: Option<Spanned<u32>>,
    /// Memory in MiB.
    pub memory: Option<Spanned<u32>>,
    /// The HTTP path of its health check, e.g. `/health`.
    pub health_check: Option<Spanned<String>>,
    /// Environment variables, by name.
    #[serde(default)]
    pub environment: BTreeMap<String, Spanned<String>>,
    /// The Dockerfile that builds `image`, relative to the spec file
    /// (CONTAINERS.md).
    pub dockerfile: Option<Spanned<String>>,
    /// Kubernetes manifests that deploy the service, relative to the spec
    /// file; globs (`*`, `?`, `**`, `[...]`) allowed.
    #[serde(default)]
    pub manifests: Vec<Spanned<String>>,
}

/// A Lambda function.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The function's name.
    pub name: Spanned<String>,
    /// The Lambda runtime identifier, e.g. `java17`, `python3.12`.
    pub runtime: Option<Spanned<String>>,
    /// Memory in MiB; default 128, as on Lambda.
    #[serde(default = "defaults::lambda_memory")]
    pub memory: Spanned<u32>,
    /// The timeout in seconds; default 3, as on Lambda.
    #[serde(default = "defaults::lambda_timeout")]
    #[from_node(validate = "crate::checks::LAMBDA_TIMEOUT")]
    pub timeout: Spanned<Duration>,
    /// What invokes it, e.g. `storage/BUCKET` for S3 events of a bucket.
    pub trigger: Option<Spanned<String>>,
}

/// The EC2 Auto Scaling group the services run on.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct AutoScaling {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Fewest instances.
    pub min_size: Spanned<u32>,
    /// Most instances.
    pub max_size: Spanned<u32>,
    /// Instances to run; default `min_size`, as on EC2 Auto Scaling.
    #[schemars(with = "Filled<u32>")]
    #[from_node(default_with = "computed::desired_capacity")]
    pub desired_capacity: Spanned<u32>,
    /// Average CPU utilisation, in percent (0-100), above which it adds
    /// instances.
    #[schemars(range(min = 0, max = 100))]
    pub scale_up_threshold: Option<Spanned<f64>>,
    /// Average CPU utilisation, in percent (0-100), below which it removes
    /// instances.
    #[schemars(range(min = 0, max = 100))]
    pub scale_down_threshold: Option<Spanned<f64>>,
}

/// Buckets and file systems.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// S3 buckets.
    #[serde(default)]
    pub buckets: Vec<Bucket>,
    /// EFS file systems.
    #[serde(default)]
    pub file_systems: Vec<FileSystem>,
}

/// An S3 bucket.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The bucket's name.
    pub name: Spanned<String>,
    /// Whether object versioning is on; default false.
    #[serde(default = "defaults::no")]
    pub versioning: Spanned<bool>,
    /// Server-side encryption: `s3` (SSE-S3), `kms` (SSE-KMS) or `none`; default `s3`.
    #[serde(default = "defaults::s3")]
    pub encryption: Spanned<Encryption>,
    /// Public access: `blocked` (all four S3 Block Public Access settings on) or `public`; default `blocked`.
    #[serde(default = "defaults::blocked")]
    pub public_access: Spanned<PublicAccess>,
    /// Cross-region replication of its objects.
    pub replication: Option<Replication>,
    /// Absent means no lifecycle rules.
    pub lifecycle: Option<Vec<LifecycleRule>>,
    /// Where the `lifecycle` list is written; `None` when it is absent.
    #[serde(skip)]
    #[from_node(loc_of = "lifecycle")]
    pub lifecycle_loc: Option<Loc>,
}

/// Cross-region replication of a bucket.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Replication {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The AWS region objects are replicated to.
    pub region: Spanned<String>,
}

/// A bucket lifecycle rule.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
#[from_node(one_of(transition, expire))]
pub struct LifecycleRule {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Days after an object's creation the rule acts.
    #[from_node(unit = "days")]
    pub after_days: Spanned<Duration>,
    /// The S3 storage class objects move to, e.g. `STANDARD_IA`, `GLACIER`.
    pub transition: Option<Spanned<String>>,
    /// Whether objects are deleted (instead of moved).
    pub expire: Option<Spanned<bool>>,
}

/// An EFS file system.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct FileSystem {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The file system's name.
    pub name: Spanned<String>,
    /// Whether it is encrypted at rest; default false.
    #[serde(default = "defaults::no")]
    pub encrypted: Spanned<bool>,
    /// The subnet tier its mount targets are in: `public` or `private`; default `private`.
    #[serde(default = "defaults::private")]
    pub subnets: Spanned<Tier>,
}

/// An RDS database.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The database's name; default `database`.
    #[serde(default = "defaults::database")]
    #[from_node(required_in_list)]
    pub name: Spanned<String>,
    /// The RDS instance class, e.g. `db.r5.large`.
    pub instance_type: Option<Spanned<String>>,
    /// Allocated storage: an integer number of GiB or a size such as `100GB`.
    pub storage: Option<Spanned<Size>>,
    /// The RDS engine: `postgres`, `mysql`, `mariadb`, `aurora-postgresql` or `aurora-mysql`
    pub engine: Option<Spanned<Engine>>,
    /// The engine version, kept as written (quote it in the YAML).
    pub version: Option<Spanned<Version>>,
    /// Whether it runs a standby in another zone (Multi-AZ); default false.
    #[serde(default = "defaults::no")]
    pub multi_az: Spanned<bool>,
    /// Days automated backups are kept, 0-35; default 1, as on RDS.
    #[serde(default = "defaults::backup_retention")]
    #[from_node(unit = "days", validate = "crate::checks::BACKUP_RETENTION")]
    pub backup_retention: Spanned<Duration>,
    /// Whether storage is encrypted at rest; default false.
    #[serde(default = "defaults::no")]
    pub encrypted: Spanned<bool>,
    /// Whether it gets a public IP address; default false.
    #[serde(default = "defaults::no")]
    pub publicly_accessible: Spanned<bool>,
    /// The subnet tier it is placed in: `public` or `private`; default `private`.
    #[serde(default = "defaults::private")]
    pub subnets: Spanned<Tier>,
    /// The AWS region automated backups are replicated to.
    pub cross_region_backups: Option<Spanned<String>>,
}

/// A CloudWatch alarm (the map key is its name).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Alarm {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Its name: the mapping key it is written under.
    #[serde(skip)]
    #[from_node(key)]
    pub name: Spanned<String>,
    /// The CloudWatch metric it watches; default from the alarm's name:
    /// each word capitalised, `cpu` → `CPU` (`cpu_utilization` →
    /// `CPUUtilization`).
    #[schemars(with = "Filled<String>")]
    #[from_node(default_with = "computed::alarm_metric")]
    pub metric: Spanned<String>,
    /// The value the metric is compared with.
    pub threshold: Spanned<f64>,
    /// The evaluation period in seconds; default 300.
    #[serde(default = "defaults::alarm_period")]
    pub period: Spanned<Duration>,
    /// How many consecutive periods must breach the threshold before it
    /// fires; at least 1, default 1.
    #[serde(default = "defaults::one")]
    #[schemars(range(min = 1))]
    pub evaluation_periods: Spanned<u32>,
}

impl Alarm {
    /// The metric name an alarm name implies (`cpu_utilization` → `CPUUtilization`).
    #[must_use]
    pub fn metric_from_name(name: &str) -> String {
        name.split(['_', '-', ' '])
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.eq_ignore_ascii_case("cpu") {
                    "CPU".to_owned()
                } else {
                    let mut c = w.chars();
                    c.next().map_or_else(String::new, |f| {
                        f.to_uppercase().chain(c).collect::<String>()
                    })
                }
            })
            .collect()
    }
}

/// Log shipping and retention.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Logging {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The log shipping stack, e.g. `elk`, `cloudwatch`.
    pub stack: Option<Spanned<String>>,
    /// How often logs rotate, e.g. `daily`.
    pub rotation: Option<Spanned<String>>,
    /// Days logs are kept.
    #[from_node(unit = "days")]
    pub retention_days: Option<Spanned<Duration>>,
}

/// Metrics collection and dashboards.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Whether Prometheus scrapes the services; default false.
    #[serde(default = "defaults::no")]
    pub prometheus: Spanned<bool>,
    /// Whether Grafana dashboards are provisioned; default false.
    #[serde(default = "defaults::no")]
    pub grafana: Spanned<bool>,
}

/// The delivery pipeline.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Pipeline {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The stages in order; each a one-key mapping from the stage's name
    /// to its steps.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Deployment environments by name, in the order of the YAML.
    #[serde(default, serialize_with = "serialize_environments")]
    #[schemars(with = "NamedMap<Environment>")]
    pub environments: Vec<Environment>,
}

fn serialize_environments<S: Serializer>(envs: &[Environment], s: S) -> Result<S::Ok, S::Error> {
    serialize_named(envs, |e| e.name.value.as_str(), s)
}

impl Pipeline {
    /// The environment named `name` (exact match), if the pipeline has one.
    #[must_use]
    pub fn environment(&self, name: &str) -> Option<&Environment> {
        self.environments.iter().find(|e| e.name.value == name)
    }
}

/// One pipeline stage: `- build: [compile, test]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// Where the mapping is written (the list item, or the section's value).
    pub loc: Loc,
    /// Its name: the mapping key it is written under.
    pub name: Spanned<String>,
    /// The stage's steps, in order, as written.
    pub steps: Vec<Spanned<String>>,
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Steps<'a>(&'a [Spanned<String>]);
        impl Serialize for Steps<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for step in self.0 {
                    seq.serialize_element(&step.value)?;
                }
                seq.end()
            }
        }
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(&self.name.value, &Steps(&self.steps))?;
        map.end()
    }
}

impl JsonSchema for Stage {
    fn schema_name() -> Cow<'static, str> {
        "Stage".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A stage: a one-key mapping from the stage name to its steps",
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            // Steps written as null (`- build:`) are no steps, as `[]` is.
            "additionalProperties": { "type": ["array", "null"], "items": { "type": "string" } }
        })
    }
}

/// A pipeline environment (the map key is its name).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// Its name: the mapping key it is written under.
    #[serde(skip)]
    #[from_node(key)]
    pub name: Spanned<String>,
    /// The domain the environment is served on.
    pub domain: Option<Spanned<Domain>>,
    /// Whether deploying to it needs a manual approval; default false.
    #[serde(default = "defaults::no")]
    pub approval: Spanned<bool>,
}

impl Environment {
    /// Whether this is the production environment (`production` or `prod`).
    #[must_use]
    pub fn is_production(&self) -> bool {
        let n = self.name.value.to_ascii_lowercase();
        n == "production" || n == "prod"
    }
}

/// Disaster recovery objectives.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema, FromNode)]
#[serde(deny_unknown_fields)]
pub struct DisasterRecovery {
    /// Where the mapping is written (the list item, or the section's value).
    #[serde(skip)]
    pub loc: Loc,
    /// The recovery strategy: `blue-green`, `rolling`, `pilot-light`, `warm-standby` or `active-active`.
    pub strategy: Option<Spanned<Strategy>>,
    /// Recovery time objective, in minutes.
    #[from_node(unit = "minutes")]
    pub rto_minutes: Option<Spanned<Duration>>,
    /// Recovery point objective, in minutes.
    #[from_node(unit = "minutes")]
    pub rpo_minutes: Option<Spanned<Duration>>,
    /// How often failover is tested: `monthly`, `quarterly`, `yearly` or `never`.
    pub failover_testing: Option<Spanned<FailoverTesting>>,
}

impl Model {
    /// A model with no sections (what an empty spec holds).
    #[must_use]
    pub fn empty() -> Self {
        Self::default()
    }
}
