//! The rule registry: one table from code to rule, in code order.
//!
//! A code appears here and in its rule's file name, nowhere else. Retired
//! codes are listed in [`REMOVED`] and never reused.

use crate::rule::{Rule, RuleMeta};
#[allow(unused_imports)]
use crate::rules::{ctr, db, dkr, dr, edge, k8s, mon, net, pipe, scale, spec, sto, xref};

/// Every built-in rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    // SPEC: the document itself
    &spec::yaml_syntax::YamlSyntax,
    &spec::unknown_field::UnknownField,
    &spec::duplicate_key::DuplicateKey,
    &spec::numeric_version::NumericVersion,
    &spec::invalid_value::InvalidValue,
    &spec::duplicate_section::DuplicateSection,
    &spec::dangling_reference::DanglingReference,
    &spec::unused_suppression::UnusedSuppression,
    &spec::suppression_without_reason::SuppressionWithoutReason,
    // NET: addressing
    &net::subnet_overlap::SubnetOverlap,
    &net::subnet_outside_vpc::SubnetOutsideVpc,
    &net::cidr_host_bits::CidrHostBits,
    &net::cidr_size_out_of_range::CidrSizeOutOfRange,
    &net::vpc_cidr_not_private::VpcCidrNotPrivate,
    &net::tier_single_az::TierSingleAz,
    &net::vpc_peer_overlap::VpcPeerOverlap,
    &net::tier_capacity::TierCapacity,
    &net::vpc_without_ipv4::VpcWithoutIpv4,
    // DB: databases
    &db::database_single_az::DatabaseSingleAz,
    &db::backup_retention_short::BackupRetentionShort,
    &db::database_unencrypted::DatabaseUnencrypted,
    &db::database_public::DatabasePublic,
    &db::engine_version_support::EngineVersionSupport,
    &db::no_cross_region_backups::NoCrossRegionBackups,
    // EDGE: entry points, TLS, certificates
    &edge::missing_waf::MissingWaf,
    &edge::missing_shield_advanced::MissingShieldAdvanced,
    &edge::domain_not_covered::DomainNotCovered,
    &edge::certificate_email_validation::CertificateEmailValidation,
    &edge::certificate_renewal_disabled::CertificateRenewalDisabled,
    &edge::weak_tls_policy::WeakTlsPolicy,
    &edge::http_allowed::HttpAllowed,
    // SCALE: capacity
    &scale::scaling_bounds_invalid::ScalingBoundsInvalid,
    &scale::scaling_thresholds_inverted::ScalingThresholdsInverted,
    &scale::single_instance_minimum::SingleInstanceMinimum,
    &scale::replicas_below_two::ReplicasBelowTwo,
    &scale::alarm_below_scale_up::AlarmBelowScaleUp,
    // MON: monitoring and logs
    &mon::alarm_threshold_out_of_range::AlarmThresholdOutOfRange,
    &mon::alarm_period_invalid::AlarmPeriodInvalid,
    &mon::alarm_window_too_long::AlarmWindowTooLong,
    &mon::missing_alarm::MissingAlarm,
    &mon::log_retention_unset::LogRetentionUnset,
    // STO: buckets, file systems, backups
    &sto::bucket_versioning_disabled::BucketVersioningDisabled,
    &sto::bucket_no_replication::BucketNoReplication,
    &sto::bucket_no_lifecycle::BucketNoLifecycle,
    &sto::bucket_public::BucketPublic,
    &sto::bucket_unencrypted::BucketUnencrypted,
    &sto::filesystem_unencrypted::FilesystemUnencrypted,
    &sto::replication_same_region::ReplicationSameRegion,
    &sto::replication_without_versioning::ReplicationWithoutVersioning,
    &sto::lifecycle_transition_too_early::LifecycleTransitionTooEarly,
    // CTR: services and functions
    &ctr::image_latest_tag::ImageLatestTag,
    &ctr::service_in_public_subnet::ServiceInPublicSubnet,
    &ctr::missing_health_check::MissingHealthCheck,
    &ctr::function_limits::FunctionLimits,
    &ctr::fargate_task_size_invalid::FargateTaskSizeInvalid,
    &ctr::function_runtime_deprecated::FunctionRuntimeDeprecated,
    // PIPE: delivery
    &pipe::deploy_before_test::DeployBeforeTest,
    &pipe::production_before_staging::ProductionBeforeStaging,
    &pipe::production_without_approval::ProductionWithoutApproval,
    // DR: disaster recovery
    &dr::recovery_objectives_unset::RecoveryObjectivesUnset,
    &dr::failover_untested::FailoverUntested,
    // DKR: Dockerfiles (CONTAINERS.md)
    &dkr::dockerfile_syntax::DockerfileSyntax,
    &dkr::base_image_unsupported::BaseImageUnsupported,
    &dkr::runs_as_root::RunsAsRoot,
    &dkr::shell_form_entrypoint::ShellFormEntrypoint,
    &dkr::unlocked_dependency_install::UnlockedDependencyInstall,
    &dkr::copy_context_without_dockerignore::CopyContextWithoutDockerignore,
    // K8S: Kubernetes manifests
    &k8s::manifest_invalid::ManifestInvalid,
    &k8s::missing_resources::MissingResources,
    &k8s::missing_probes::MissingProbes,
    &k8s::runs_as_root::RunsAsRoot,
    &k8s::privilege_escalation::PrivilegeEscalation,
    // XREF: the spec against its files
    &xref::replicas_drift::ReplicasDrift,
    &xref::image_drift::ImageDrift,
    &xref::port_drift::PortDrift,
    &xref::health_check_drift::HealthCheckDrift,
    &xref::resources_drift::ResourcesDrift,
    &xref::unmatched_manifest::UnmatchedManifest,
];

/// Codes that were retired: never reuse them.
pub static REMOVED: &[&str] = &[];

/// Names that several rules share, because the contract
/// (`CONTAINERS.md`) fixes them so: the name stands for all of its rules,
/// in `--select`, `--ignore`, the configuration, suppression comments and
/// `explain`. Every other name belongs to one rule (a test checks both).
pub static SHARED_NAMES: &[(&str, &[&str])] = &[
    // The image (a Dockerfile's final stage) and the pod (a manifest).
    ("runs-as-root", &["DKR002", "K8S003"]),
];

/// Every rule with this code or name (case-insensitive), in code order:
/// several for a name in [`SHARED_NAMES`].
#[must_use]
pub fn find_all(code_or_name: &str) -> Vec<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .filter(|r| {
            let m = r.meta();
            m.code.eq_ignore_ascii_case(code_or_name) || m.name.eq_ignore_ascii_case(code_or_name)
        })
        .collect()
}

/// The rule with this code or name (case-insensitive); the first in code
/// order for a name in [`SHARED_NAMES`] (see [`find_all`]).
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Metadata of every built-in rule, in code order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}
