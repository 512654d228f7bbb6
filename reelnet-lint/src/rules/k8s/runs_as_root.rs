use reelnet_spec::Spec;

use super::{at, describe};
use crate::rule::{Checker, Finding};
use crate::rules::containers::all_containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a workload container for which neither the pod's nor the
    /// container's `securityContext` sets `runAsNonRoot: true` or a non-zero
    /// `runAsUser` (the container's setting wins over the pod's).
    ///
    /// ## Why is this bad?
    /// The container then runs as whatever user its image says, root for
    /// most images. `runAsNonRoot: true` makes the kubelet refuse to start a
    /// root image, so a regression in the Dockerfile cannot ship.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
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
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       securityContext: { runAsNonRoot: true, runAsUser: 10001 }
    ///       containers:
    ///         - { name: backend, image: "reelnet/backend:1.4.2" }
    /// ```
    ///
    /// ## References
    /// - [Configure a security context for a pod or container](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    /// - [Pod Security Standards: restricted](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    pub struct RunsAsRoot {
        code: "K8S003",
        name: "runs-as-root",
        severity: Warning,
        summary: "neither the pod nor the container sets `runAsNonRoot: true` or a non-zero `runAsUser`",
    }
    impl Rule;
}

impl RunsAsRoot {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for (d, w, c) in all_containers(spec) {
            let own = &c.security_context;
            let pod = &w.pod_security;
            // An unreadable value is K8S000's: nothing is claimed from it.
            if [&own.run_as_non_root, &pod.run_as_non_root]
                .iter()
                .any(|f| f.is_invalid())
                || [&own.run_as_user, &pod.run_as_user]
                    .iter()
                    .any(|f| f.is_invalid())
            {
                continue;
            }
            let non_root = own
                .run_as_non_root
                .value()
                .or(pod.run_as_non_root.value())
                .is_some_and(|v| v.value);
            let user = own.run_as_user.value().or(pod.run_as_user.value());
            if non_root || user.is_some_and(|u| u.value > 0) {
                continue;
            }
            let (loc, why) = match user {
                Some(u) => (u.loc, "runs with `runAsUser: 0` (root)".to_owned()),
                None => (at(c), "may run as root: neither the pod nor the container sets `runAsNonRoot: true` or a non-zero `runAsUser`".to_owned()),
            };
            cx.report(
                Finding::new(loc, format!("{} {why}", describe(d, c)))
                    .label("root")
                    .help("set `securityContext: { runAsNonRoot: true, runAsUser: <uid other than 0> }` on the pod or the container"),
            );
        }
    }
}
