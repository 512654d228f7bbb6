use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::support::thousands;

/// The task sizes Fargate accepts: for each CPU value (in CPU units, 1,024
/// per vCPU), the memory range in MiB and its step (Amazon ECS Developer
/// Guide, "Task CPU and memory" / Fargate task definition parameters,
/// checked 2026-11-29). 8 and 16 vCPU need Linux platform version 1.4.0.
pub const FARGATE_SIZES: [(u32, u32, u32, u32); 7] = [
    // (cpu, min memory, max memory, step)
    (256, 512, 2048, 512), // 512, 1024, 2048 (see `is_valid`)
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122_880, 8192),
];

/// The memory values Fargate accepts with `cpu` units, smallest first.
#[must_use]
pub fn memories(cpu: u32) -> Vec<u32> {
    if cpu == 256 {
        // 0.25 vCPU: 512 MiB, 1 GB or 2 GB (not 1.5 GB).
        return vec![512, 1024, 2048];
    }
    FARGATE_SIZES
        .iter()
        .filter(|(c, ..)| *c == cpu)
        .flat_map(|&(_, lo, hi, step)| (lo..=hi).step_by(step as usize))
        .collect()
}

/// Whether Fargate accepts the pair.
#[must_use]
pub fn is_valid(cpu: u32, memory: u32) -> bool {
    memories(cpu).contains(&memory)
}

/// The nearest valid pair that gives at least what was asked: the smallest
/// CPU ≥ `cpu` with a memory ≥ `memory`, and the smallest such memory; when
/// no CPU is that large, the largest CPU with the smallest memory ≥
/// `memory`; when nothing is that large, the largest pair.
#[must_use]
pub fn nearest(cpu: u32, memory: u32) -> (u32, u32) {
    let largest = FARGATE_SIZES
        .iter()
        .map(|(c, ..)| *c)
        .max()
        .unwrap_or(16384);
    FARGATE_SIZES
        .iter()
        .filter(|(c, ..)| *c >= cpu.min(largest))
        .find_map(|&(c, ..)| {
            memories(c)
                .into_iter()
                .find(|m| *m >= memory)
                .map(|m| (c, m))
        })
        .unwrap_or((16384, 122_880))
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a service whose `cpu` and `memory` (both written) are not one
    /// of the task sizes Fargate accepts, and names the nearest size that
    /// gives at least as much of both:
    ///
    /// | cpu (units) | memory (MiB) |
    /// |---|---|
    /// | 256 (.25 vCPU) | 512, 1024, 2048 |
    /// | 512 (.5 vCPU) | 1024 to 4096 in steps of 1024 |
    /// | 1024 (1 vCPU) | 2048 to 8192 in steps of 1024 |
    /// | 2048 (2 vCPU) | 4096 to 16384 in steps of 1024 |
    /// | 4096 (4 vCPU) | 8192 to 30720 in steps of 1024 |
    /// | 8192 (8 vCPU) | 16384 to 61440 in steps of 4096 |
    /// | 16384 (16 vCPU) | 32768 to 122880 in steps of 8192 |
    ///
    /// A warning, not an error: the spec does not say that a service runs
    /// on Fargate, and on EC2 capacity other sizes are valid.
    ///
    /// ## Why is this bad?
    /// On Fargate a task definition whose CPU and memory are not one of
    /// these combinations is refused when it is registered, so the service
    /// cannot deploy. A size like `1024`/`512` usually swaps the two values.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - { name: backend, image: "reelnet/backend:1.4.2", cpu: 1024, memory: 512 }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - { name: backend, image: "reelnet/backend:1.4.2", cpu: 1024, memory: 2048 }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: Fargate task definition parameters, task size (CPU and memory combinations)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size)
    /// - [Amazon ECS: Task definition parameters, `cpu` and `memory`](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size)
    pub struct FargateTaskSizeInvalid {
        code: "CTR005",
        name: "fargate-task-size-invalid",
        severity: Warning,
        summary: "a service's `cpu`/`memory` pair is not one of the CPU/memory combinations Fargate accepts",
    }
    impl Rule;
}

impl FargateTaskSizeInvalid {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            let (Some(cpu), Some(memory)) = (&service.cpu, &service.memory) else {
                continue;
            };
            if is_valid(cpu.value, memory.value) {
                continue;
            }
            let (c, m) = (cpu.value, memory.value);
            let allowed = memories(c);
            let mib = |m: u32| thousands(u128::from(m));
            let why = match allowed.as_slice() {
                [lo, second, .., hi] if allowed.len() > 3 => format!(
                    "with {c} CPU units Fargate accepts {} to {} MiB in steps of {}",
                    mib(*lo),
                    mib(*hi),
                    mib(second - lo)
                ),
                [init @ .., last] if !init.is_empty() => format!(
                    "with {c} CPU units Fargate accepts {} or {} MiB",
                    init.iter().map(|m| mib(*m)).collect::<Vec<_>>().join(", "),
                    mib(*last)
                ),
                _ => format!(
                    "Fargate accepts no task of {c} CPU units (only {})",
                    FARGATE_SIZES
                        .iter()
                        .map(|(c, ..)| c.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let (nc, nm) = nearest(c, m);
            cx.report(
                Finding::new(
                    memory.loc,
                    format!(
                        "service `{}` asks for {c} CPU units and {} MiB, not a task size Fargate accepts: {why}",
                        service.name.value,
                        thousands(u128::from(m))
                    ),
                )
                .label(format!("{} MiB", thousands(u128::from(m))))
                .related(cpu.loc, format!("{c} CPU units"))
                .help(format!(
                    "if it runs on Fargate, use the nearest valid size: `cpu: {nc}`, `memory: {nm}`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_valid, memories, nearest};

    #[test]
    fn fargate_table() {
        assert_eq!(memories(256), vec![512, 1024, 2048]);
        assert_eq!(memories(512), vec![1024, 2048, 3072, 4096]);
        assert_eq!(memories(1024).len(), 7);
        assert_eq!(memories(4096).first(), Some(&8192));
        assert_eq!(memories(4096).last(), Some(&30720));
        assert_eq!(memories(8192).len(), 12);
        assert_eq!(memories(16384).first(), Some(&32768));
        assert_eq!(memories(16384).last(), Some(&122_880));
        assert_eq!(memories(16384).len(), 12);
        assert!(memories(300).is_empty());
        assert!(is_valid(1024, 2048) && is_valid(512, 1024) && is_valid(256, 512));
        assert!(!is_valid(1024, 512) && !is_valid(300, 700) && !is_valid(256, 1536));
        assert!(!is_valid(8192, 18432) && is_valid(8192, 20480));
    }

    /// The doc's table is a copy of `FARGATE_SIZES`: it must say the same.
    #[test]
    fn doc_table_matches_the_constant() {
        let doc = super::FargateTaskSizeInvalid::META.doc();
        let rows: Vec<&str> = doc
            .lines()
            .filter(|l| l.starts_with("| ") && l.as_bytes().get(2).is_some_and(u8::is_ascii_digit))
            .collect();
        assert_eq!(rows.len(), super::FARGATE_SIZES.len());
        for (row, (cpu, lo, hi, step)) in rows.iter().zip(super::FARGATE_SIZES) {
            let expected = if cpu == 256 {
                "512, 1024, 2048".to_owned()
            } else {
                format!("{lo} to {hi} in steps of {step}")
            };
            assert!(row.starts_with(&format!("| {cpu} (")), "{row}");
            assert!(row.ends_with(&format!("| {expected} |")), "{row}");
        }
    }

    #[test]
    fn nearest_valid_size_covers_the_request() {
        assert_eq!(nearest(1024, 512), (1024, 2048));
        assert_eq!(nearest(300, 700), (512, 1024));
        assert_eq!(nearest(256, 1536), (256, 2048));
        assert_eq!(nearest(256, 3000), (512, 3072));
        assert_eq!(nearest(99_999, 1), (16384, 32768));
        assert_eq!(nearest(32768, 65536), (16384, 65536));
        assert_eq!(nearest(32768, 200_000), (16384, 122_880));
        for cpu in [1, 256, 300, 1024, 5000, 16384] {
            for mem in [1, 700, 2048, 9000, 70_000, 122_880] {
                let (c, m) = nearest(cpu, mem);
                assert!(is_valid(c, m), "{cpu}/{mem} -> {c}/{m}");
            }
        }
    }
}
