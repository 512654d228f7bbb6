use reelnet_spec::Spec;
use reelnet_spec::types::Validation;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a certificate with `validation: EMAIL`.
    ///
    /// ## Why is this bad?
    /// ACM renews a DNS-validated certificate by itself for as long as the
    /// validation CNAME record stays in place and the certificate is in use
    /// by an AWS service (CloudFront, a load balancer, API Gateway). An
    /// email-validated certificate needs someone to follow a link in an
    /// email before every renewal. ACM no longer mails the WHOIS contacts of
    /// a domain: it sends validation mail only to five addresses at the
    /// domain, admin@, administrator@, hostmaster@, postmaster@ and
    /// webmaster@. When nobody reads those mailboxes, or the mail goes
    /// unanswered, the certificate expires and HTTPS breaks.
    ///
    /// ## Example
    /// ```yaml
    /// certificates:
    ///   domain: "*.reelnet.com"
    ///   validation: EMAIL
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// certificates:
    ///   domain: "*.reelnet.com"
    ///   validation: DNS
    /// ```
    ///
    /// ## References
    /// - [AWS Certificate Manager: Email validation (the five addresses ACM mails)](https://docs.aws.amazon.com/acm/latest/userguide/email-validation.html)
    /// - [AWS Certificate Manager: Managed certificate renewal (eligible only while in use by an AWS service)](https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html)
    pub struct CertificateEmailValidation {
        code: "EDGE004",
        name: "certificate-email-validation",
        severity: Warning,
        summary: "`validation: EMAIL` (every renewal waits for a mail to admin@, administrator@, hostmaster@, postmaster@ or webmaster@ to be answered)",
    }
    impl Rule;
}

impl CertificateEmailValidation {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for cert in &spec.certificates {
            if cert.validation.value != Validation::Email {
                continue;
            }
            cx.report(
                Finding::new(
                    cert.validation.loc,
                    format!("certificate `{}` is validated by email: every renewal waits for someone to approve a mail that ACM sends only to admin@, administrator@, hostmaster@, postmaster@ and webmaster@ of the domain", cert.domain.value),
                )
                .label("email validation")
                .related(cert.domain.loc, "the certificate")
                .help("use `validation: DNS` and keep the CNAME record ACM asks for: ACM then renews the certificate automatically while it is in use by an AWS service"),
            );
        }
    }
}
