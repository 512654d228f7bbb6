use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::support::thousands;

/// Lambda's longest timeout for a standard function, in seconds.
pub const MAX_TIMEOUT: u64 = reelnet_spec::quotas::LAMBDA_TIMEOUT_MAX_SECONDS;
/// Lambda's memory range, in MiB.
pub const MIN_MEMORY: u32 = reelnet_spec::quotas::LAMBDA_MEMORY_MIN_MIB;
pub const MAX_MEMORY: u32 = reelnet_spec::quotas::LAMBDA_MEMORY_MAX_MIB;

crate::declare_rule! {
    /// ## What it does
    /// Reports a function (`compute.functions`) whose `timeout` is over 900
    /// seconds, or whose `memory` is outside 128–10,240 MiB, each at the
    /// value. The defaults (3 seconds, 128 MiB) are within the limits.
    ///
    /// ## Why is this bad?
    /// These are Lambda's hard limits for standard functions: a function
    /// outside them cannot be created or updated, so the deployment fails.
    /// Work that needs more than 15 minutes belongs in Step Functions, an
    /// ECS task or a batch job. (Functions on Lambda Managed Instances,
    /// which run on EC2 capacity you provide, allow up to 5,400 seconds (90
    /// minutes) for asynchronous and event-source-mapping invocations; the
    /// spec's `functions` describe standard functions, so the 900-second
    /// limit applies.)
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   functions:
    ///     - name: video-processing
    ///       memory: 3008
    ///       timeout: 1800
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   functions:
    ///     - name: video-processing
    ///       memory: 3008
    ///       timeout: 900
    /// ```
    ///
    /// ## References
    /// - [AWS Lambda: Lambda quotas (timeout 900 s, memory 128–10,240 MB)](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
    /// - [AWS Lambda: Configure Lambda function timeout (900 s; 5,400 s on Lambda Managed Instances for asynchronous and event-source-mapping invocations)](https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html)
    /// - [AWS Lambda: Configure Lambda function memory](https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)
    pub struct FunctionLimits {
        code: "CTR004",
        name: "function-limits",
        severity: Error,
        summary: "a function's `timeout` > 900 s or `memory` outside 128–10,240 MiB",
    }
    impl Rule;
}

impl FunctionLimits {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for function in spec.functions() {
            let name = &function.name.value;
            let timeout = &function.timeout;
            let seconds = timeout.value.seconds;
            if seconds > MAX_TIMEOUT {
                let secs = thousands(u128::from(seconds));
                let shown = match timeout.value.written() {
                    Some(written) => format!("{written} ({secs} seconds)"),
                    None => format!("{secs} seconds"),
                };
                cx.report(
                    Finding::new(
                        timeout.loc,
                        format!(
                            "function `{name}` has a timeout of {shown}, over Lambda's maximum of {MAX_TIMEOUT} seconds (15 minutes) for a standard function ({secs} > {MAX_TIMEOUT})"
                        ),
                    )
                    .label(format!("{secs} s"))
                    .help(format!(
                        "lower timeout to {MAX_TIMEOUT} seconds or less; move longer work to Step Functions or an ECS task"
                    )),
                );
            }
            let memory = &function.memory;
            let mib = memory.value;
            let (shown, max) = (
                thousands(u128::from(mib)),
                thousands(u128::from(MAX_MEMORY)),
            );
            let problem = if mib < MIN_MEMORY {
                Some(format!(
                    "below Lambda's minimum of {MIN_MEMORY} MiB ({shown} < {MIN_MEMORY})"
                ))
            } else if mib > MAX_MEMORY {
                Some(format!(
                    "above Lambda's maximum of {max} MiB ({shown} > {max})"
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                cx.report(
                    Finding::new(
                        memory.loc,
                        format!("function `{name}` has memory {shown} MiB, {problem}"),
                    )
                    .label(format!("{shown} MiB"))
                    .help(format!("set memory between {MIN_MEMORY} and {max} MiB")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reelnet_spec::quotas::LAMBDA_TIMEOUT_DEFAULT_SECONDS;

    /// The prose states the limits and defaults declared in
    /// `reelnet_spec::quotas`: it cannot drift from them.
    #[test]
    fn the_docs_state_the_declared_limits() {
        let doc = FunctionLimits::META
            .raw_doc
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let memory = format!("{MIN_MEMORY}–{}", thousands(u128::from(MAX_MEMORY)));
        for stated in [
            format!("`timeout` is over {MAX_TIMEOUT} seconds"),
            format!("`memory` is outside {memory} MiB"),
            format!("The defaults ({LAMBDA_TIMEOUT_DEFAULT_SECONDS} seconds, {MIN_MEMORY} MiB)"),
            format!("timeout {MAX_TIMEOUT} s, memory {memory} MB"),
        ] {
            assert!(doc.contains(&stated), "the docs lack {stated:?}");
        }
        let summary = FunctionLimits::META.summary;
        assert!(summary.contains(&format!("> {MAX_TIMEOUT} s")), "{summary}");
        assert!(
            summary.contains(&format!("outside {memory} MiB")),
            "{summary}"
        );
    }
}
