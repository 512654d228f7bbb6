use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a certificate with `renewal: false`.
    ///
    /// ## Why is this bad?
    /// A certificate that is not renewed expires on a fixed date, and every
    /// domain it covers fails HTTPS at that moment. ACM renews the
    /// certificates it issues automatically, as long as the certificate is
    /// in use by an AWS service (associated with CloudFront, a load balancer
    /// or API Gateway) and, for DNS validation, its CNAME record is still in
    /// place; turning renewal off trades a solved problem for a calendar
    /// reminder.
    ///
    /// ## Example
    /// ```yaml
    /// certificates:
    ///   domain: "*.reelnet.com"
    ///   renewal: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// certificates:
    ///   domain: "*.reelnet.com"
    ///   renewal: true
    /// ```
    ///
    /// ## References
    /// - [AWS Certificate Manager: Managed certificate renewal (eligible only while in use by an AWS service)](https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html)
    /// - [AWS Security Hub, ACM.1: Imported and ACM-issued certificates should be renewed after a specified time period](https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-1)
    pub struct CertificateRenewalDisabled {
        code: "EDGE005",
        name: "certificate-renewal-disabled",
        severity: Warning,
        summary: "`renewal: false`",
    }
    impl Rule;
}

impl CertificateRenewalDisabled {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for cert in &spec.certificates {
            if cert.renewal.value {
                continue;
            }
            cx.report(
                Finding::new(
                    cert.renewal.loc,
                    format!("automatic renewal of certificate `{}` is off (`renewal: false`): it will expire", cert.domain.value),
                )
                .label("renewal off")
                .related(cert.domain.loc, "the certificate")
                .help("set `renewal: true` (or remove the line): ACM renews the certificates it issues while they are in use by an AWS service"),
            );
        }
    }
}
