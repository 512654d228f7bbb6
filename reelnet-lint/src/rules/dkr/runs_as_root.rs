use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile whose final stage (the image that runs) has no
    /// `USER` instruction, or whose last `USER` is `root` or `0` (with or
    /// without a group).
    ///
    /// ## Why is this bad?
    /// Without `USER`, the process runs as root inside the container. A
    /// compromised process then owns the container's file system and is one
    /// kernel or runtime flaw away from the host. Kubernetes'
    /// `runAsNonRoot: true` refuses to start such an image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY . .
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    /// - [Docker build best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub struct RunsAsRoot {
        code: "DKR002",
        name: "runs-as-root",
        severity: Warning,
        summary: "the final stage of a Dockerfile runs as root",
    }
    impl Rule;
}

/// Whether a `USER` value names root (`root`, `0`, `root:grp`, `0:0`).
fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}

impl RunsAsRoot {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in &spec.containers.dockerfiles {
            let Some(stage) = d.final_stage() else {
                continue;
            };
            let last_user = d
                .stage_instructions(stage)
                .iter()
                .rev()
                .find(|i| i.keyword == "USER")
                .and_then(|i| i.arguments.first());
            match last_user {
                None => cx.report(
                    Finding::new(
                        stage.image.loc,
                        format!(
                            "{}: the final stage (`FROM {}`) sets no `USER`, so the container runs as root",
                            d.path, stage.image.value
                        ),
                    )
                    .label("no USER in this stage")
                    .help("add `USER <non-root user>` (e.g. `USER node`, or a numeric UID) before CMD/ENTRYPOINT"),
                ),
                Some(u) if is_root(&u.value) => cx.report(
                    Finding::new(
                        u.loc,
                        format!("{}: the final stage runs as `{}`", d.path, u.value),
                    )
                    .label("root user")
                    .help("switch to a non-root user (a name or a UID other than 0) as the last USER"),
                ),
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn root_forms() {
        assert!(super::is_root("root"));
        assert!(super::is_root("0:0"));
        assert!(super::is_root("root:staff"));
        assert!(!super::is_root("node"));
        assert!(!super::is_root("1000:1000"));
    }
}
