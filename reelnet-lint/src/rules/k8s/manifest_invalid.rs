use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a manifest document the API server would reject: YAML that
    /// cannot be read (or trips the loader's budgets), a document without
    /// `apiVersion`/`kind`, and for the kinds read (Deployment, StatefulSet,
    /// DaemonSet, Service, HorizontalPodAutoscaler) a missing required field,
    /// a wrong type, a value out of range (int32 fields, `replicas` < 0,
    /// a port outside 1–65535, an int-or-string that is neither) or an
    /// unknown field against the upstream Kubernetes schema (vendored, see
    /// `reelnet-spec/src/container/k8s/README.md`), or a workload whose
    /// `spec.selector` does not match its template's labels.
    /// It also reports each scalar that kubectl and a YAML 1.2 reader read
    /// differently: a manifest is read as kubectl reads it (YAML 1.1, by
    /// go-yaml v2 through `sigs.k8s.io/yaml`: `replicas: 010` is 8,
    /// `runAsNonRoot: yes` is true, `1_000` is 1000), and `010`, `yes`,
    /// `on`, `0b11`, `1_000` (and a key like `on:`, sent as `"true"`) mean
    /// something else to YAML 1.2; the finding names both readings.
    /// A `!!binary` value arrives as its decoded text, so one in a field
    /// the API server reads as base64 (a Secret's `data`, a ConfigMap's
    /// `binaryData`) is reported too.
    /// A value it reports is this rule's alone: the other K8S and the XREF
    /// rules treat it as unreadable, not as missing (`replicas: 2.5` is
    /// not "no `replicas`: the default").
    /// A manifest that cannot be read as YAML is checked by no other rule:
    /// its errors are reported and fail the run whatever the selection,
    /// severity overrides, suppressions and baseline say.
    ///
    /// ## Why is this bad?
    /// `kubectl apply` fails: the service the spec describes is not deployed
    /// at all. A misspelt field is worse: with lenient validation it is
    /// dropped silently, and the setting it carried never applies. A
    /// scalar YAML 1.1 and 1.2 read differently deploys one value while
    /// other tools (a YAML 1.2 linter, an editor's schema check, a script)
    /// see another: `replicas: 010` runs 8 pods where a reader expects 10.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   replicas: 3
    ///   template:
    ///     spec:
    ///       containers:
    ///         - { name: backend, image: "reelnet/backend:1.4.2" }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   replicas: 3
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       containers:
    ///         - { name: backend, image: "reelnet/backend:1.4.2" }
    /// ```
    ///
    /// ## References
    /// - [Kubernetes API: Deployment v1 apps](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/)
    /// - [Labels and selectors](https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/)
    /// - [Kubernetes OpenAPI spec](https://github.com/kubernetes/kubernetes/tree/master/api/openapi-spec)
    /// - [go-yaml v2 `resolve.go`: how kubectl resolves plain scalars](https://github.com/go-yaml/yaml/blob/v2/resolve.go)
    /// - [`sigs.k8s.io/yaml`: YAML to JSON for Kubernetes clients](https://github.com/kubernetes-sigs/yaml/blob/master/yaml.go)
    pub struct ManifestInvalid {
        code: "K8S000",
        name: "manifest-invalid",
        severity: Error,
        summary: "a manifest document is not a valid object of its apiVersion/kind",
    }
    impl Rule;
}

impl ManifestInvalid {
    /// The schema's findings on parsed documents. A file that cannot be
    /// parsed is reported by [`report_unparsed`], whatever the selection.
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        report(spec, cx, false);
    }
}

/// The K8S000 syntax errors of manifests that cannot be parsed (so no rule
/// checked them): the linter reports them whether or not K8S000 is
/// selected, at error severity.
pub(crate) fn report_unparsed(spec: &Spec, cx: &mut Checker<'_>) {
    report(spec, cx, true);
}

fn report(spec: &Spec, cx: &mut Checker<'_>, syntax: bool) {
    for m in &spec.containers.manifests {
        for p in m.problems.iter().filter(|p| p.syntax == syntax) {
            let mut f = Finding::new(p.loc, format!("{}: {}", m.path, p.message))
                .label("invalid")
                .help(p.help.as_deref().unwrap_or(
                    "fix the manifest so that the API server accepts it (`kubectl apply --dry-run=server --validate=strict`)",
                ));
            if p.at_key {
                f = f.at_key();
            }
            cx.report(f);
        }
    }
}
