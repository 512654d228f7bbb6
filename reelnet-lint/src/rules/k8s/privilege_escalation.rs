use reelnet_spec::container::Field;
use reelnet_spec::{Severity, Spec};

use super::{at, describe};
use crate::rule::{Checker, Finding};
use crate::rules::containers::all_containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a workload container without
    /// `securityContext.allowPrivilegeEscalation: false` (a warning), and a
    /// container with `securityContext.privileged: true` (an error).
    ///
    /// ## Why is this bad?
    /// Privilege escalation lets a process gain more rights than its parent
    /// (setuid binaries, file capabilities). A privileged container has
    /// every capability and the host's devices: escaping it is trivial.
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
    ///       containers:
    ///         - name: backend
    ///           image: "reelnet/backend:1.4.2"
    ///           securityContext: { allowPrivilegeEscalation: false }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: privilege escalation, privileged containers](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [SecurityContext v1 core](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1)
    pub struct PrivilegeEscalation {
        code: "K8S004",
        name: "privilege-escalation",
        severity: Warning,
        summary: "a container without `allowPrivilegeEscalation: false`, or privileged (error)",
    }
    impl Rule;
}

impl PrivilegeEscalation {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for (d, _, c) in all_containers(spec) {
            let sc = &c.security_context;
            if let Some(p) = sc.privileged.value().filter(|p| p.value) {
                cx.report(
                    Finding::new(p.loc, format!("{} is privileged: it has every capability and the host's devices", describe(d, c)))
                        .label("privileged")
                        .help("remove `privileged: true`; grant only the capabilities needed (`capabilities.add`)")
                        .severity(Severity::Error),
                );
            }
            match &sc.allow_privilege_escalation {
                // An unreadable value is K8S000's.
                Field::Invalid(_) => {}
                Field::Value(a) if !a.value => {}
                Field::Value(a) => cx.report(
                    Finding::new(
                        a.loc,
                        format!("{} allows privilege escalation", describe(d, c)),
                    )
                    .label("allowed")
                    .help("set `securityContext.allowPrivilegeEscalation: false`"),
                ),
                Field::Absent => cx.report(
                    Finding::new(
                        at(c),
                        format!(
                            "{} does not set `allowPrivilegeEscalation: false`",
                            describe(d, c)
                        ),
                    )
                    .label("escalation not disabled")
                    .help("set `securityContext.allowPrivilegeEscalation: false` on the container"),
                ),
            }
        }
    }
}
