use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a file system (`storage.file_systems`) with `encrypted: false`,
    /// or without `encrypted` (the default is false, as for a file system
    /// created through the EFS API).
    ///
    /// ## Why is this bad?
    /// An unencrypted file system keeps its data readable at rest and fails
    /// most compliance regimes. Encryption at rest can only be chosen when an
    /// EFS file system is created: fixing it later means creating a new file
    /// system and copying the data.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   file_systems:
    ///     - name: shared
    ///       encrypted: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   file_systems:
    ///     - name: shared
    ///       encrypted: true
    /// ```
    ///
    /// ## References
    /// - [Amazon EFS: Encrypting data at rest](https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html)
    /// - [AWS Security Hub: [EFS.1] Elastic File System should be configured to encrypt file data at-rest using AWS KMS](https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1)
    pub struct FilesystemUnencrypted {
        code: "STO006",
        name: "filesystem-unencrypted",
        severity: Error,
        summary: "a file system with `encrypted` false or absent",
    }
    impl Rule;
}

impl FilesystemUnencrypted {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(storage) = &spec.storage else { return };
        for fs in &storage.file_systems {
            let encrypted = &fs.encrypted;
            if encrypted.value {
                continue;
            }
            let name = &fs.name.value;
            let finding = if encrypted.explicit {
                Finding::new(
                    encrypted.loc,
                    format!("file system `{name}` is not encrypted at rest (encrypted: false)"),
                )
                .label("encrypted: false")
                .help("set `encrypted: true` (EFS fixes this at creation: an existing file system must be recreated)")
            } else {
                Finding::new(
                    encrypted.loc,
                    format!("file system `{name}` has no `encrypted`, so it is not encrypted at rest (the default)"),
                )
                .label(format!("file system `{name}`: `encrypted` absent"))
                .help("add `encrypted: true` to the file system (EFS fixes this at creation: an existing file system must be recreated)")
            };
            cx.report(finding);
        }
    }
}
