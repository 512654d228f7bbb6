//! PIPE: delivery.

pub mod deploy_before_test;
pub mod production_before_staging;
pub mod production_without_approval;

use reelnet_spec::model::{Environment, Pipeline, Spanned, Stage};

/// A step that tests: named `test`, or starting with `test` (`test-e2e`).
pub(crate) fn is_test_step(step: &str) -> bool {
    step.to_ascii_lowercase().starts_with("test")
}

/// A step of the pipeline that deploys to one of its environments.
#[derive(Debug)]
pub(crate) struct DeployStep<'a> {
    /// Position: (stage, step) indices, for ordering.
    pub at: (usize, usize),
    pub stage: &'a Stage,
    pub step: &'a Spanned<String>,
    pub environment: &'a Environment,
}

/// Every step naming a pipeline environment, in pipeline order.
pub(crate) fn deploy_steps(pipeline: &Pipeline) -> Vec<DeployStep<'_>> {
    let mut out = Vec::new();
    for (i, stage) in pipeline.stages.iter().enumerate() {
        for (j, step) in stage.steps.iter().enumerate() {
            if let Some(environment) = pipeline.environment(&step.value) {
                out.push(DeployStep {
                    at: (i, j),
                    stage,
                    step,
                    environment,
                });
            }
        }
    }
    out
}
