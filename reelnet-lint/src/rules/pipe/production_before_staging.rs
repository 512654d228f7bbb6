use reelnet_spec::Spec;

use super::deploy_steps;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Follows the pipeline's deploy steps (steps naming a pipeline
    /// environment) in order, stage by stage, and reports the first
    /// deployment to production (the environment named `production` or
    /// `prod`) when no non-production environment was deployed before it:
    /// either one is deployed only afterwards, or none is deployed at all.
    ///
    /// ## Why is this bad?
    /// A staging environment is where a release meets production-like
    /// infrastructure, data and configuration before users do. Deploying to
    /// production first, or only, turns every deployment problem (a failed
    /// migration, a missing secret, a bad configuration) into an outage.
    ///
    /// ## Example
    /// ```yaml
    /// pipeline:
    ///   stages:
    ///     - build: [compile, test]
    ///     - deploy: [production, staging]
    ///   environments:
    ///     staging: { domain: staging.reelnet.com }
    ///     production: { domain: reelnet.com, approval: true }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// pipeline:
    ///   stages:
    ///     - build: [compile, test]
    ///     - deploy: [staging, production]
    ///   environments:
    ///     staging: { domain: staging.reelnet.com }
    ///     production: { domain: reelnet.com, approval: true }
    /// ```
    ///
    /// ## References
    /// - [AWS Prescriptive Guidance: Production environment (deploy after the staging environment)](https://docs.aws.amazon.com/prescriptive-guidance/latest/choosing-git-branch-approach/production-environment.html)
    /// - [AWS Well-Architected, REL08-BP02: Integrate functional testing as part of your deployment](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_tracking_change_management_functional_testing.html)
    pub struct ProductionBeforeStaging {
        code: "PIPE002",
        name: "production-before-staging",
        severity: Warning,
        summary: "production is deployed before, or without, a non-production environment",
    }
    impl Rule;
}

impl ProductionBeforeStaging {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(pipeline) = &spec.pipeline else {
            return;
        };
        let deploys = deploy_steps(pipeline);
        let Some(prod) = deploys.iter().find(|d| d.environment.is_production()) else {
            return;
        };
        if deploys
            .iter()
            .any(|d| d.at < prod.at && !d.environment.is_production())
        {
            return;
        }
        let env = &prod.environment.name.value;
        let later = deploys
            .iter()
            .find(|d| d.at > prod.at && !d.environment.is_production());
        let finding = if let Some(later) = later {
            let staging = &later.environment.name.value;
            Finding::new(
                prod.step.loc,
                format!("`{env}` is deployed (stage `{}`) before any non-production environment: `{staging}` comes only afterwards", prod.stage.name.value),
            )
            .label(format!("deploys to `{env}` first"))
            .related(later.step.loc, format!("`{staging}` is deployed only after `{env}`"))
            .help(format!("deploy to `{staging}` before `{env}`: put it in an earlier stage, or earlier in the same stage"))
        } else if let Some(other) = pipeline.environments.iter().find(|e| !e.is_production()) {
            let staging = &other.name.value;
            Finding::new(
                prod.step.loc,
                format!("`{env}` is deployed (stage `{}`) without a non-production environment: `{staging}` is defined but never deployed", prod.stage.name.value),
            )
            .label(format!("deploys to `{env}` with nothing tried before"))
            .related_key(other.loc, format!("`{staging}`: never deployed"))
            .help(format!("add a `{staging}` step before `{env}`"))
        } else {
            Finding::new(
                prod.step.loc,
                format!("`{env}` is deployed (stage `{}`) without a non-production environment: the pipeline defines none", prod.stage.name.value),
            )
            .label(format!("deploys to `{env}` with nothing tried before"))
            .help(format!("add a `staging` environment under `pipeline.environments` and deploy to it before `{env}`"))
        };
        cx.report(finding);
    }
}
