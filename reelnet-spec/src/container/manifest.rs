//! Kubernetes manifests: multi-document YAML read by the loader's own
//! span-carrying parser (one reading of YAML for everything), typed for the
//! kinds CONTAINERS.md lists, and checked against the upstream Kubernetes
//! schema of those kinds (vendored in `k8s/`, trimmed; see its README).
//!
//! Document `d` of a file has the JSON Pointers `/d/...` in the file's
//! source map (`/0/spec/replicas`).

use std::ops::RangeInclusive;
use std::sync::OnceLock;

/// `replicas`, `minReplicas`, `maxReplicas`: int32, not negative.
const REPLICAS: RangeInclusive<i64> = 0..=2_147_483_647;
/// A port number (`containerPort`): 1 to 65535.
const PORT: RangeInclusive<i64> = 1..=65_535;

use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde::{Serialize, Serializer};

use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::source::{FileId, Loc, NewEntry, SourceFile, TextRange, escape_token};
use crate::spanned::Spanned;
use crate::types::ImageRef;
use crate::yaml::{self, Value, YNode, YamlJson};

use super::Problem;

/// A typed manifest field: absent, present but unreadable as its type
/// (`replicas: {a: 1}`, `2.5`, a number past `i64`; K8S000 reports it, so
/// the drift rules stay quiet on it), or its value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Field<T> {
    #[default]
    /// The key is not written.
    Absent,
    /// The key is written, with a value that is not a `T` (at this node).
    Invalid(Loc),
    /// The value.
    Value(Spanned<T>),
}

impl<T> Field<T> {
    /// The value, when the field has a readable one.
    pub fn value(&self) -> Option<&Spanned<T>> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the key is not written at all.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the key is written with an unreadable value.
    pub fn is_invalid(&self) -> bool {
        matches!(self, Self::Invalid(_))
    }
}

/// As its value, or `null` (absent or invalid).
impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

/// A parsed manifest file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Manifest {
    /// The file, as shown in reports.
    pub path: String,
    /// The whole file.
    #[serde(skip)]
    pub loc: Loc,
    /// The spec values that reference this file (`manifests:` of services).
    #[serde(skip)]
    pub references: Vec<Loc>,
    /// The file's YAML documents (`---`), in file order; empty documents
    /// are left out.
    pub documents: Vec<Document>,
    /// What makes the file or a document invalid (K8S000): YAML syntax,
    /// budgets, structure against the Kubernetes schema, selectors.
    pub problems: Vec<Problem>,
}

/// One YAML document of a manifest: a Kubernetes object
/// (<https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object>).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// The document's root mapping.
    #[serde(skip)]
    pub loc: Loc,
    /// 0-based position in the file.
    pub index: usize,
    /// `apiVersion` (`apps/v1`), when it is a string.
    pub api_version: Option<Spanned<String>>,
    /// `kind` (`Deployment`), when it is a string.
    pub kind: Option<Spanned<String>>,
    /// `metadata.name`.
    pub name: Option<Spanned<String>>,
    /// The typed fields of the kinds CONTAINERS.md reads.
    pub object: Object,
}

/// The typed content of a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    /// `Deployment`, `StatefulSet` or `DaemonSet` of `apps/v1`.
    Workload(Workload),
    /// `Service` of `v1`.
    Service(KubeService),
    /// `HorizontalPodAutoscaler` of `autoscaling/v2`.
    HorizontalPodAutoscaler(Hpa),
    /// Any other kind: kept as a document, without rules.
    Other,
}

/// A workload: a Deployment, StatefulSet or DaemonSet (apps/v1,
/// <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/>).
/// Values are read only where they have the schema's type; a wrong type is
/// a K8S000 problem of the manifest and the field is None here.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Workload {
    /// `spec` (or the document when it has none).
    #[serde(skip)]
    pub loc: Loc,
    /// `spec.replicas` (a DaemonSet has none).
    pub replicas: Field<i64>,
    /// `spec.selector`.
    #[serde(skip)]
    pub selector: Option<Loc>,
    /// `spec.selector.matchLabels`.
    #[serde(serialize_with = "labels")]
    pub match_labels: Vec<(String, Spanned<String>)>,
    /// `spec.template.metadata.labels`.
    #[serde(serialize_with = "labels")]
    pub template_labels: Vec<(String, Spanned<String>)>,
    /// `spec.template.spec.securityContext`.
    pub pod_security: SecurityContext,
    /// `spec.template.spec.containers`.
    pub containers: Vec<Container>,
}

/// A container of a pod template (`spec.template.spec.containers[]`,
/// <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container>).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Container {
    /// The container's mapping.
    #[serde(skip)]
    pub loc: Loc,
    /// `name`: the container's DNS label within the pod.
    pub name: Option<Spanned<String>>,
    /// `image` as written (`reelnet/backend:1.4.2`).
    pub image: Option<Spanned<String>>,
    /// `image` read as an image reference at load, or why it is not one (the
    /// reason is also a K8S000 problem at the value). None when `image` is
    /// absent or not a string.
    #[serde(skip)]
    pub image_ref: Option<Result<ImageRef, String>>,
    /// `ports[].containerPort`.
    pub ports: Vec<Spanned<i64>>,
    /// Whether `ports` or one of its `containerPort`s is written but not
    /// readable (K8S000 reports it): `ports` is then incomplete.
    pub ports_invalid: bool,
    /// `resources`: requests and limits.
    pub resources: Resources,
    /// `readinessProbe`: when the container receives traffic.
    pub readiness_probe: Option<Probe>,
    /// `livenessProbe`: when the kubelet restarts the container.
    pub liveness_probe: Option<Probe>,
    /// `securityContext` (the container's; the pod's is
    /// [`Workload::pod_security`]).
    pub security_context: SecurityContext,
}

/// `resources`: quantities as written (`500m`, `512Mi`, `1`), in the
/// Kubernetes quantity syntax
/// (<https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/>;
/// <https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/>).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Resources {
    /// The `resources` mapping, when the container has one.
    #[serde(skip)]
    pub loc: Option<Loc>,
    /// `requests.cpu`: CPU cores (`1` = one core = `1000m`).
    pub requests_cpu: Field<String>,
    /// `requests.memory`: bytes, with a suffix (`512Mi` = 512 × 2²⁰ bytes).
    pub requests_memory: Field<String>,
    /// `limits.cpu`: CPU cores, as `requests.cpu`.
    pub limits_cpu: Field<String>,
    /// `limits.memory`: bytes, as `requests.memory`.
    pub limits_memory: Field<String>,
}

/// A probe; its HTTP GET action when it has one
/// (<https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Probe {
    /// The probe's mapping.
    #[serde(skip)]
    pub loc: Loc,
    /// `httpGet.path` (`/` when `httpGet` leaves it out; absent without
    /// `httpGet`; invalid when it is not a string).
    pub http_path: Field<String>,
    /// `httpGet.port`, as written (a number or a port name).
    pub http_port: Option<Spanned<String>>,
}

/// A pod's or a container's `securityContext`
/// (<https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context>);
/// a container's value overrides the pod's.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SecurityContext {
    /// The `securityContext` mapping, when there is one.
    #[serde(skip)]
    pub loc: Option<Loc>,
    /// `runAsNonRoot`: the kubelet refuses to start a container whose user
    /// is uid 0.
    pub run_as_non_root: Field<bool>,
    /// `runAsUser`: the uid the process runs as.
    pub run_as_user: Field<i64>,
    /// `allowPrivilegeEscalation` (container only): whether a process can
    /// gain more privileges than its parent (`no_new_privs`).
    pub allow_privilege_escalation: Field<bool>,
    /// `privileged` (container only): root on the host.
    pub privileged: Field<bool>,
}

/// A `Service` (v1,
/// <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/>).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KubeService {
    /// `spec.selector`.
    #[serde(serialize_with = "labels")]
    pub selector: Vec<(String, Spanned<String>)>,
    /// `spec.ports[].targetPort` (or `port` when it has none), as written.
    pub target_ports: Vec<Spanned<String>>,
}

/// A `HorizontalPodAutoscaler` (autoscaling/v2,
/// <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hpa {
    /// `spec.scaleTargetRef.kind`.
    pub target_kind: Field<String>,
    /// `spec.scaleTargetRef.name`.
    pub target_name: Field<String>,
    /// `spec.minReplicas` (the API's default is 1 when left out).
    pub min_replicas: Field<i64>,
    /// `spec.maxReplicas` (required by the API).
    pub max_replicas: Field<i64>,
}

/// Labels as a JSON object, in the order written.
fn labels<S: Serializer>(labels: &[(String, Spanned<String>)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(labels.iter().map(|(k, v)| (k, &v.value)))
}

impl Manifest {
    /// The workloads of the file, with their documents.
    pub fn workloads(&self) -> impl Iterator<Item = (&Document, &Workload)> {
        self.documents.iter().filter_map(|d| match &d.object {
            Object::Workload(w) => Some((d, w)),
            _ => None,
        })
    }

    /// The autoscalers of the file, with their documents.
    pub fn autoscalers(&self) -> impl Iterator<Item = (&Document, &Hpa)> {
        self.documents.iter().filter_map(|d| match &d.object {
            Object::HorizontalPodAutoscaler(h) => Some((d, h)),
            _ => None,
        })
    }
}

/// Reads typed values out of one document's tree.
struct Reader {
    file: FileId,
}

impl Reader {
    fn loc(&self, n: &YNode) -> Loc {
        Loc {
            file: self.file,
            node: n.id,
        }
    }

    fn get<'n>(n: &'n YNode, key: &str) -> Option<&'n YNode> {
        n.as_map()?.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn path<'n>(n: &'n YNode, keys: &[&str]) -> Option<&'n YNode> {
        keys.iter().try_fold(n, |n, k| Self::get(n, k))
    }

    fn string(&self, n: Option<&YNode>) -> Option<Spanned<String>> {
        let n = n?;
        match &n.value {
            Value::Str(s) => Some(Spanned::new(s.clone(), self.loc(n))),
            _ => None,
        }
    }

    /// A string field: absent, unreadable (not a string), or its value.
    fn string_field(&self, n: Option<&YNode>) -> Field<String> {
        match n {
            None => Field::Absent,
            Some(n) => self
                .string(Some(n))
                .map_or_else(|| Field::Invalid(self.loc(n)), Field::Value),
        }
    }

    /// A scalar as text (quantities and int-or-string values).
    fn text(&self, n: Option<&YNode>) -> Option<Spanned<String>> {
        let n = n?;
        let s = match &n.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::UInt(u) => u.to_string(),
            Value::Float(f) => f.to_string(),
            _ => return None,
        };
        Some(Spanned::new(s, self.loc(n)))
    }

    fn int(&self, n: Option<&YNode>) -> Option<Spanned<i64>> {
        let n = n?;
        let v = match n.value {
            Value::Int(i) => i,
            Value::UInt(u) => i64::try_from(u).ok()?,
            // kubectl sends YAML's `3.0` as the JSON number 3, which the
            // API server reads as an integer; `2.5` it rejects (K8S000).
            #[allow(clippy::cast_possible_truncation)]
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => f as i64,
            _ => return None,
        };
        Some(Spanned::new(v, self.loc(n)))
    }

    /// An integer field: absent, unreadable (not an integer, or outside
    /// `range`, the values the API server accepts as the schema in `k8s/`
    /// says), or its value.
    fn int_field(&self, n: Option<&YNode>, range: RangeInclusive<i64>) -> Field<i64> {
        match n {
            None => Field::Absent,
            Some(n) => self
                .int(Some(n))
                .filter(|v| range.contains(&v.value))
                .map_or_else(|| Field::Invalid(self.loc(n)), Field::Value),
        }
    }

    /// A boolean field: absent, unreadable, or its value.
    fn bool_field(&self, n: Option<&YNode>) -> Field<bool> {
        match n.map(|n| (n, &n.value)) {
            None => Field::Absent,
            Some((n, Value::Bool(b))) => Field::Value(Spanned::new(*b, self.loc(n))),
            Some((n, _)) => Field::Invalid(self.loc(n)),
        }
    }

    fn labels(&self, n: Option<&YNode>) -> Vec<(String, Spanned<String>)> {
        n.and_then(YNode::as_map)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| self.text(Some(v)).map(|t| (k.clone(), t)))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn security(&self, n: Option<&YNode>) -> SecurityContext {
        let Some(n) = n.filter(|n| n.as_map().is_some()) else {
            return SecurityContext::default();
        };
        SecurityContext {
            loc: Some(self.loc(n)),
            run_as_non_root: self.bool_field(Self::get(n, "runAsNonRoot")),
            run_as_user: self.int_field(Self::get(n, "runAsUser"), i64::MIN..=i64::MAX),
            allow_privilege_escalation: self.bool_field(Self::get(n, "allowPrivilegeEscalation")),
            privileged: self.bool_field(Self::get(n, "privileged")),
        }
    }

    /// A probe; one written with a value of the wrong type (K8S000's) is
    /// there, with an unreadable `http_path`, so that no rule calls it
    /// missing or compares its path.
    fn probe(&self, n: Option<&YNode>) -> Option<Probe> {
        let n = n.filter(|n| !matches!(n.value, Value::Null))?;
        if n.as_map().is_none() {
            return Some(Probe {
                loc: self.loc(n),
                http_path: Field::Invalid(self.loc(n)),
                http_port: None,
            });
        }
        let written = Self::get(n, "httpGet").filter(|h| !matches!(h.value, Value::Null));
        let http = written.filter(|h| h.as_map().is_some());
        let http_path = match (http, http.and_then(|h| Self::get(h, "path"))) {
            (None, _) => written.map_or(Field::Absent, |w| Field::Invalid(self.loc(w))),
            (Some(h), None) => Field::Value(Spanned::default_at("/".into(), self.loc(h))),
            (Some(_), Some(p)) => self
                .string(Some(p))
                .map_or_else(|| Field::Invalid(self.loc(p)), Field::Value),
        };
        Some(Probe {
            loc: self.loc(n),
            http_path,
            http_port: http.and_then(|h| self.text(Self::get(h, "port"))),
        })
    }

    fn container(&self, n: &YNode) -> Container {
        let written = Self::get(n, "resources").filter(|r| !matches!(r.value, Value::Null));
        let resources = written.filter(|r| r.as_map().is_some());
        // A quantity: absent, unreadable (it, its group or `resources` not
        // of their type: K8S000's), or as written.
        let quantity = |group: &str, name: &str| {
            if let Some(w) = written.filter(|w| w.as_map().is_none()) {
                return Field::Invalid(self.loc(w));
            }
            match resources
                .and_then(|r| Self::get(r, group))
                .filter(|g| !matches!(g.value, Value::Null))
            {
                None => Field::Absent,
                Some(g) if g.as_map().is_none() => Field::Invalid(self.loc(g)),
                Some(g) => match Self::get(g, name) {
                    None => Field::Absent,
                    Some(q) => self
                        .text(Some(q))
                        .map_or_else(|| Field::Invalid(self.loc(q)), Field::Value),
                },
            }
        };
        let mut ports_invalid = false;
        let ports = match Self::get(n, "ports").map(|p| &p.value) {
            Some(Value::Seq(items)) => items
                .iter()
                .filter_map(
                    |p| match self.int_field(Self::get(p, "containerPort"), PORT) {
                        Field::Value(v) => Some(v),
                        Field::Invalid(_) => {
                            ports_invalid = true;
                            None
                        }
                        Field::Absent => None,
                    },
                )
                .collect(),
            None | Some(Value::Null) => Vec::new(),
            Some(_) => {
                ports_invalid = true;
                Vec::new()
            }
        };
        let image = self.string(Self::get(n, "image"));
        Container {
            loc: self.loc(n),
            name: self.string(Self::get(n, "name")),
            image_ref: image.as_ref().map(|i| ImageRef::parse_reason(&i.value)),
            image,
            ports,
            ports_invalid,
            resources: Resources {
                loc: resources.map(|r| self.loc(r)),
                requests_cpu: quantity("requests", "cpu"),
                requests_memory: quantity("requests", "memory"),
                limits_cpu: quantity("limits", "cpu"),
                limits_memory: quantity("limits", "memory"),
            },
            readiness_probe: self.probe(Self::get(n, "readinessProbe")),
            liveness_probe: self.probe(Self::get(n, "livenessProbe")),
            security_context: self.security(Self::get(n, "securityContext")),
        }
    }

    fn workload(&self, doc: &YNode) -> Workload {
        let spec = Self::get(doc, "spec");
        let pod = spec.and_then(|s| Self::path(s, &["template", "spec"]));
        let containers = match pod
            .and_then(|p| Self::get(p, "containers"))
            .map(|c| &c.value)
        {
            Some(Value::Seq(items)) => items
                .iter()
                .filter(|c| c.as_map().is_some())
                .map(|c| self.container(c))
                .collect(),
            _ => Vec::new(),
        };
        let selector = spec.and_then(|s| Self::get(s, "selector"));
        Workload {
            loc: self.loc(spec.unwrap_or(doc)),
            replicas: self.int_field(spec.and_then(|s| Self::get(s, "replicas")), REPLICAS),
            selector: selector.map(|s| self.loc(s)),
            match_labels: self.labels(selector.and_then(|s| Self::get(s, "matchLabels"))),
            template_labels: self
                .labels(spec.and_then(|s| Self::path(s, &["template", "metadata", "labels"]))),
            pod_security: self.security(pod.and_then(|p| Self::get(p, "securityContext"))),
            containers,
        }
    }

    fn document(&self, index: usize, doc: &YNode) -> Document {
        let api_version = self.string(Self::get(doc, "apiVersion"));
        let kind = self.string(Self::get(doc, "kind"));
        let typed = (
            api_version.as_ref().map(|a| a.value.as_str()),
            kind.as_ref().map(|k| k.value.as_str()),
        );
        let object = match typed {
            (Some("apps/v1"), Some("Deployment" | "StatefulSet" | "DaemonSet")) => {
                Object::Workload(self.workload(doc))
            }
            (Some("v1"), Some("Service")) => {
                let spec = Self::get(doc, "spec");
                let target_ports = match spec.and_then(|s| Self::get(s, "ports")).map(|p| &p.value)
                {
                    Some(Value::Seq(items)) => items
                        .iter()
                        .filter_map(|p| {
                            self.text(Self::get(p, "targetPort").or_else(|| Self::get(p, "port")))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Object::Service(KubeService {
                    selector: self.labels(spec.and_then(|s| Self::get(s, "selector"))),
                    target_ports,
                })
            }
            (Some("autoscaling/v2"), Some("HorizontalPodAutoscaler")) => {
                let spec = Self::get(doc, "spec");
                let target = spec.and_then(|s| Self::get(s, "scaleTargetRef"));
                Object::HorizontalPodAutoscaler(Hpa {
                    target_kind: self.string_field(target.and_then(|t| Self::get(t, "kind"))),
                    target_name: self.string_field(target.and_then(|t| Self::get(t, "name"))),
                    min_replicas: self
                        .int_field(spec.and_then(|s| Self::get(s, "minReplicas")), REPLICAS),
                    max_replicas: self
                        .int_field(spec.and_then(|s| Self::get(s, "maxReplicas")), REPLICAS),
                })
            }
            _ => Object::Other,
        };
        Document {
            loc: self.loc(doc),
            index,
            api_version,
            kind,
            name: self.string(Self::path(doc, &["metadata", "name"])),
            object,
        }
    }
}

/// The vendored schema of the read kinds.
fn schema_json() -> &'static serde_json::Value {
    static SCHEMA: OnceLock<serde_json::Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(include_str!("k8s/schema.json")).unwrap_or(serde_json::Value::Null)
    })
}

/// The kinds the schema knows: (apiVersion, kind, definition).
const KINDS: [(&str, &str, &str); 5] = [
    ("apps/v1", "Deployment", "io.k8s.api.apps.v1.Deployment"),
    ("apps/v1", "StatefulSet", "io.k8s.api.apps.v1.StatefulSet"),
    ("apps/v1", "DaemonSet", "io.k8s.api.apps.v1.DaemonSet"),
    ("v1", "Service", "io.k8s.api.core.v1.Service"),
    (
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
    ),
];

/// A kind's compiled validator, built the first time a document of that
/// kind is checked (a spec's manifests seldom use every kind: each
/// validator compiles its own copy of the definitions).
fn validator(definition: &str) -> Option<&'static Validator<YamlJson>> {
    static VALIDATORS: [OnceLock<Option<Validator<YamlJson>>>; KINDS.len()] =
        [const { OnceLock::new() }; KINDS.len()];
    let index = KINDS.iter().position(|(_, _, def)| *def == definition)?;
    VALIDATORS
        .get(index)?
        .get_or_init(|| {
            let mut root = serde_json::json!({
                "$ref": format!("#/definitions/{definition}"),
            });
            if let (Some(obj), Some(defs)) =
                (root.as_object_mut(), schema_json().get("definitions"))
            {
                obj.insert("definitions".into(), defs.clone());
            }
            jsonschema::options_for::<YamlJson>()
                .with_draft(jsonschema::Draft::Draft7)
                .build(&root)
                .ok()
        })
        .as_ref()
}

fn display_path(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".")
}

/// Adds a problem at the node of a pointer (or the nearest above it).
struct Problems<'a> {
    file_id: FileId,
    file: &'a SourceFile,
    out: Vec<Problem>,
}

impl Problems<'_> {
    fn at(&mut self, pointer: &str, key: bool, message: String) {
        let Some(node) = self.file.map.lookup_nearest(pointer) else {
            return;
        };
        let loc = Loc {
            file: self.file_id,
            node,
        };
        let at_key = key
            && self.file.map.entry(node).is_some_and(|e| e.key.is_some())
            && self.file.map.pointer_is(node, pointer);
        self.out.push(Problem {
            loc,
            message,
            help: None,
            at_key,
            syntax: false,
        });
    }
}

/// A problem at each container `image` that is not an image reference: the
/// kubelet cannot pull it (`InvalidImageName`), whatever rules are selected.
fn invalid_images(d: &Document, problems: &mut Problems<'_>) {
    let Object::Workload(w) = &d.object else {
        return;
    };
    for c in &w.containers {
        let (Some(image), Some(Err(why))) = (&c.image, &c.image_ref) else {
            continue;
        };
        problems.out.push(Problem {
            loc: image.loc,
            message: format!(
                "container `{}` has image `{}`, which is not a valid image reference ({why}): the kubelet cannot pull it (`InvalidImageName`)",
                c.name.as_ref().map_or("", |n| n.value.as_str()),
                image.value
            ),
            help: None,
            at_key: false,
            syntax: false,
        });
    }
}

/// A problem at each `!!binary` value of a field the API server reads as
/// base64 (a Secret's `data`, a ConfigMap's `binaryData`): kubectl sends
/// the decoded bytes as text (go-yaml v2 decodes `!!binary`, and
/// `sigs.k8s.io/yaml` does not re-encode it), so the API server rejects
/// the value or stores other bytes.
fn binary_in_base64_fields(doc: &YNode, d: &Document, binary: &[u32], problems: &mut Problems<'_>) {
    if binary.is_empty() {
        return;
    }
    let field = match (
        d.api_version.as_ref().map(|a| a.value.as_str()),
        d.kind.as_ref().map(|k| k.value.as_str()),
    ) {
        (Some("v1"), Some("Secret")) => "data",
        (Some("v1"), Some("ConfigMap")) => "binaryData",
        _ => return,
    };
    let Some(entries) = Reader::get(doc, field).and_then(YNode::as_map) else {
        return;
    };
    let what = format!(
        "{} `{}`",
        d.kind.as_ref().map_or("", |k| k.value.as_str()),
        d.name.as_ref().map_or("", |n| n.value.as_str())
    );
    for (key, value) in entries.iter().filter(|(_, v)| binary.contains(&v.id)) {
        let loc = Loc {
            file: problems.file_id,
            node: value.id,
        };
        let written = problems
            .file
            .map
            .entry(value.id)
            .map(|e| problems.file.slice(e.value).trim().to_owned())
            .unwrap_or_default();
        problems.out.push(Problem {
            loc,
            message: format!(
                "{what}: `{field}.{key}` is tagged `!!binary`: kubectl sends the decoded bytes as text, not base64, and the API server reads `{field}` as base64 (it rejects the value or stores other bytes)"
            ),
            help: Some(format!(
                "remove the tag and keep the base64 text (`{key}: {written}`)"
            )),
            at_key: false,
            syntax: false,
        });
    }
}

/// Check one document against the schema of its kind, then its selector.
fn validate(doc_index: usize, doc: &YNode, d: &Document, problems: &mut Problems<'_>) {
    let base = format!("/{doc_index}");
    let Some(root) = doc.as_map() else {
        problems.at(
            &base,
            false,
            format!(
                "document {} is {}, not a Kubernetes object (a mapping with `apiVersion` and `kind`)",
                doc_index + 1,
                doc.kind()
            ),
        );
        return;
    };
    for field in ["apiVersion", "kind"] {
        if !root.iter().any(|(k, _)| k == field) {
            problems.at(
                &base,
                false,
                format!(
                    "document {} has no `{field}`: the API server cannot know what it is",
                    doc_index + 1
                ),
            );
        }
    }
    let api = d.api_version.as_ref().map(|a| a.value.as_str());
    let kind = d.kind.as_ref().map(|k| k.value.as_str());
    let Some((_, _, def)) = KINDS
        .iter()
        .find(|(a, k, _)| Some(*a) == api && Some(*k) == kind)
    else {
        return;
    };
    let Some(v) = validator(def) else { return };
    let mut errors: Vec<_> = v.iter_errors(doc).collect();
    errors.sort_by(|a, b| a.instance_path().as_str().cmp(b.instance_path().as_str()));
    let what = format!(
        "{} `{}`",
        kind.unwrap_or("object"),
        d.name.as_ref().map_or("", |n| n.value.as_str())
    );
    for e in &errors {
        let path = e.instance_path().as_str().to_owned();
        let pointer = format!("{base}{path}");
        let shown = if path.is_empty() {
            "the object".to_owned()
        } else {
            format!("`{}`", display_path(&path))
        };
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    problems.at(
                        &format!("{pointer}/{}", escape_token(key)),
                        true,
                        format!("{what}: unknown field `{key}` in {shown}"),
                    );
                }
            }
            ValidationErrorKind::Required { property } => {
                let prop = property.as_str().unwrap_or_default();
                problems.at(
                    &pointer,
                    true,
                    format!("{what}: {shown} lacks the required field `{prop}`"),
                );
            }
            ValidationErrorKind::Type { kind } => {
                // In words (`integer`; null, which every optional field
                // takes, left out), not the Debug form `multiple((null, integer))`.
                let expected = match kind {
                    jsonschema::error::TypeKind::Single(t) => t.as_str().to_owned(),
                    jsonschema::error::TypeKind::Multiple(set) => set
                        .iter()
                        .filter(|t| !matches!(t, jsonschema::JsonType::Null))
                        .map(jsonschema::JsonType::as_str)
                        .collect::<Vec<_>>()
                        .join(" or "),
                };
                problems.at(
                    &pointer,
                    false,
                    format!("{what}: {shown} has the wrong type (expected {expected})"),
                );
            }
            ValidationErrorKind::Enum { options } => {
                problems.at(
                    &pointer,
                    false,
                    format!("{what}: {shown} must be one of {options}"),
                );
            }
            _ => problems.at(&pointer, false, format!("{what}: {shown}: {e}")),
        }
    }
    if let Object::Workload(w) = &d.object
        && w.selector.is_some()
    {
        let sel_pointer = format!("{base}/spec/selector");
        let missing: Vec<String> = w
            .match_labels
            .iter()
            .filter(|(k, v)| {
                !w.template_labels
                    .iter()
                    .any(|(tk, tv)| tk == k && tv.value == v.value)
            })
            .map(|(k, v)| format!("{k}={}", v.value))
            .collect();
        if !missing.is_empty() {
            problems.at(
                &sel_pointer,
                true,
                format!(
                    "{what}: `spec.selector` does not match the template's labels (missing {}): the API server rejects it",
                    missing.join(", ")
                ),
            );
        } else if w.match_labels.is_empty()
            && Reader::path(doc, &["spec", "selector", "matchExpressions"]).is_none()
        {
            problems.at(
                &sel_pointer,
                true,
                format!(
                    "{what}: `spec.selector` selects nothing (empty): the API server rejects it"
                ),
            );
        }
    }
}

/// Parse a manifest already added to the sources. `problem` is a decoding
/// problem found before (binary, not UTF-8, too large).
pub(crate) fn parse(
    file_id: FileId,
    file: &mut SourceFile,
    limits: &Limits,
    problem: Option<(TextRange, String)>,
) -> Manifest {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut binary = Vec::new();
    let roots = if problem.is_some() {
        Vec::new()
    } else {
        yaml::parse_documents(file_id, file, limits, &mut diags, &mut binary)
    };
    // The file's root: a node over the whole text (after the documents').
    let whole = TextRange::new(0, u32::try_from(file.text.len()).unwrap_or(u32::MAX));
    // Past 4 GiB of pointer text the YAML layer stopped with SPEC000;
    // `u32::MAX` is a node the map lacks (the file's start).
    let root_node = file
        .map
        .push(NewEntry {
            parent: None,
            segment: "",
            key: None,
            value: whole,
            container: true,
        })
        .unwrap_or(u32::MAX);
    let mut out = Manifest {
        path: file.name.clone(),
        loc: Loc {
            file: file_id,
            node: root_node,
        },
        references: Vec::new(),
        documents: Vec::new(),
        problems: Vec::new(),
    };
    let mut extra = Vec::new();
    if let Some((range, message)) = problem {
        extra.push((range, String::new(), message, None, true));
    }
    // The YAML layer's findings (syntax, budgets, duplicate keys, values
    // kubectl and YAML 1.2 read differently).
    for d in diags {
        let syntax = d.code == "SPEC000";
        extra.push((d.primary.range, d.primary.path, d.message, d.help, syntax));
    }
    for (range, pointer, message, help, syntax) in extra {
        // The node at the pointer, when the finding is about its value; one
        // about other text (a tag, a duplicate key, whose pointer names the
        // first entry; a syntax error inside the node) gets a node of its
        // own over that text, at the same pointer: the JSON Pointer of the
        // node at fault in its document (`/0/data/e`; the file's, ``, for
        // a file that is not text).
        let existing = (!pointer.is_empty())
            .then(|| file.map.lookup(&pointer))
            .flatten()
            .filter(|&n| file.map.entry(n).is_some_and(|e| e.value == range));
        let node = existing.unwrap_or_else(|| {
            file.map
                .push(NewEntry {
                    parent: None,
                    segment: &pointer,
                    key: None,
                    value: range,
                    container: false,
                })
                .unwrap_or(u32::MAX)
        });
        out.problems.push(Problem {
            loc: Loc {
                file: file_id,
                node,
            },
            message,
            help,
            at_key: false,
            syntax,
        });
    }
    let reader = Reader { file: file_id };
    let mut problems = Problems {
        file_id,
        file,
        out: Vec::new(),
    };
    for (i, doc) in roots.iter().enumerate() {
        // An empty document (`---` at the end) is nothing.
        if matches!(doc.value, Value::Null) {
            continue;
        }
        let d = reader.document(i, doc);
        validate(i, doc, &d, &mut problems);
        invalid_images(&d, &mut problems);
        binary_in_base64_fields(doc, &d, &binary, &mut problems);
        out.documents.push(d);
    }
    out.problems.extend(problems.out);
    out
}
