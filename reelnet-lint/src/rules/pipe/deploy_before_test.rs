use reelnet_spec::Spec;

use super::{deploy_steps, is_test_step};
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a deploy stage that comes before any `test` step. A deploy
    /// stage is a stage named `deploy…`, or one with a step naming a
    /// pipeline environment; a test step is a step named `test` or starting
    /// with `test` (`test-e2e`). Order is the order of stages, then of steps
    /// within a stage (a stage deploys from its first environment step, or,
    /// when it names none, its first step that is not a test). Each deploy
    /// stage ahead of the first test step is
    /// reported; a pipeline with no test step at all reports every deploy
    /// stage.
    ///
    /// ## Why is this bad?
    /// A deployment that runs before the tests ships whatever was built,
    /// broken or not; the tests then only report on what users already
    /// have. Testing is the gate that makes automated deployment safe.
    ///
    /// ## Example
    /// ```yaml
    /// pipeline:
    ///   stages:
    ///     - build: [compile, package]
    ///     - deploy: [staging]
    ///     - verify: [test]
    ///   environments:
    ///     staging: { domain: staging.reelnet.com }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// pipeline:
    ///   stages:
    ///     - build: [compile, test, package]
    ///     - deploy: [staging]
    ///   environments:
    ///     staging: { domain: staging.reelnet.com }
    /// ```
    ///
    /// ## References
    /// - [AWS Well-Architected, REL08-BP02: Integrate functional testing as part of your deployment](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_tracking_change_management_functional_testing.html)
    /// - [AWS CodePipeline: Test actions in a pipeline](https://docs.aws.amazon.com/codepipeline/latest/userguide/actions.html)
    pub struct DeployBeforeTest {
        code: "PIPE001",
        name: "deploy-before-test",
        severity: Error,
        summary: "a deploy stage comes before any `test` step",
    }
    impl Rule;
}

impl DeployBeforeTest {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(pipeline) = &spec.pipeline else {
            return;
        };
        let first_test = pipeline.stages.iter().enumerate().find_map(|(i, stage)| {
            stage
                .steps
                .iter()
                .enumerate()
                .find(|(_, step)| is_test_step(&step.value))
                .map(|(j, step)| ((i, j), step))
        });
        let deploys = deploy_steps(pipeline);
        for (i, stage) in pipeline.stages.iter().enumerate() {
            let targets: Vec<&str> = deploys
                .iter()
                .filter(|d| d.at.0 == i)
                .map(|d| d.step.value.as_str())
                .collect();
            let named = stage.name.value.to_ascii_lowercase().starts_with("deploy");
            if !named && targets.is_empty() {
                continue;
            }
            // Where the stage starts deploying: its first environment step,
            // else (a `deploy…` stage naming no environment) its first step
            // that is not a test.
            let at = deploys.iter().find(|d| d.at.0 == i).map_or_else(
                || {
                    let first = stage.steps.iter().position(|s| !is_test_step(&s.value));
                    (i, first.unwrap_or(usize::MAX))
                },
                |d| d.at,
            );
            if first_test.is_some_and(|(t, _)| t < at) {
                break;
            }
            let to = if targets.is_empty() {
                String::new()
            } else {
                format!(
                    " (to {})",
                    targets
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let stage_name = &stage.name.value;
            let finding = match first_test {
                Some(((ti, _), test)) => Finding::new(
                    stage.name.loc,
                    format!("stage `{stage_name}` deploys{to} before any test step runs: the first one, `{}`, comes later", test.value),
                )
                .at_key()
                .label("deploys before testing")
                .related(test.loc, "first test step, after the deployment")
                .help(if ti == i {
                    format!("put `{}` before the deploy steps of `{stage_name}`, or in an earlier stage", test.value)
                } else {
                    format!("move `{}` into a stage before `{stage_name}`, or move `{stage_name}` after it", test.value)
                }),
                None => Finding::new(
                    stage.name.loc,
                    format!("stage `{stage_name}` deploys{to} and no stage of the pipeline runs a test step"),
                )
                .at_key()
                .label("deploys untested builds")
                .help(format!("add a `test` step to a stage before `{stage_name}`")),
            };
            cx.report(finding);
        }
    }
}
