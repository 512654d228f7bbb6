use reelnet_spec::Spec;

use super::deploy_steps;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports the production environment (named `production` or `prod`)
    /// when it lacks `approval: true`, written or left to its default of
    /// false. The steps that deploy to it are pointed at too.
    ///
    /// ## Why is this bad?
    /// Without a manual approval, every change that passes the automated
    /// checks reaches users at once, at any hour. An approval gate lets a
    /// person check the staging result, the timing and the change window
    /// before production moves. (Teams with mature automated verification
    /// may choose continuous deployment on purpose: that is why this is
    /// information, not a warning.)
    ///
    /// ## Example
    /// ```yaml
    /// pipeline:
    ///   stages:
    ///     - deploy: [staging, production]
    ///   environments:
    ///     staging: { domain: staging.reelnet.com }
    ///     production: { domain: reelnet.com }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// pipeline:
    ///   stages:
    ///     - deploy: [staging, production]
    ///   environments:
    ///     staging: { domain: staging.reelnet.com }
    ///     production: { domain: reelnet.com, approval: true }
    /// ```
    ///
    /// ## References
    /// - [AWS CodePipeline: Add a manual approval action to a stage](https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html)
    /// - [AWS Prescriptive Guidance: Production environment (releases gated by an approval step)](https://docs.aws.amazon.com/prescriptive-guidance/latest/choosing-git-branch-approach/production-environment.html)
    pub struct ProductionWithoutApproval {
        code: "PIPE003",
        name: "production-without-approval",
        severity: Info,
        summary: "the production environment has no `approval: true`",
    }
    impl Rule;
}

impl ProductionWithoutApproval {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(pipeline) = &spec.pipeline else {
            return;
        };
        let deploys = deploy_steps(pipeline);
        for env in pipeline.environments.iter().filter(|e| e.is_production()) {
            if env.approval.value {
                continue;
            }
            let name = &env.name.value;
            let mut finding = if env.approval.explicit {
                Finding::new(
                    env.approval.loc,
                    format!("the `{name}` environment deploys without a manual approval (`approval: false`)"),
                )
                .label("no approval gate")
                .help("set `approval: true` so that a person approves each production deployment")
            } else {
                Finding::new(
                    env.approval.loc,
                    format!("the `{name}` environment deploys without a manual approval: `approval` is absent and defaults to false"),
                )
                .at_key()
                .label("no `approval` here")
                .help("add `approval: true` so that a person approves each production deployment")
            };
            for d in deploys.iter().filter(|d| std::ptr::eq(d.environment, env)) {
                finding = finding.related(
                    d.step.loc,
                    format!(
                        "deployed here (stage `{}`) with no one approving",
                        d.stage.name.value
                    ),
                );
            }
            cx.report(finding);
        }
    }
}
