use reelnet_spec::Spec;
use reelnet_spec::types::TlsPolicy;

use crate::rule::{Checker, Finding};

/// What each policy older than [`MINIMUM`] still accepts that it does not
/// (from the AWS table of supported protocols and ciphers, checked
/// 2026-11-29; TLS 1.0 and 1.1 are deprecated by RFC 8996); empty for
/// [`MINIMUM`] and newer.
#[must_use]
pub const fn accepts(policy: TlsPolicy) -> &'static str {
    match policy {
        TlsPolicy::SslV3 => "accepts SSLv3 and RC4",
        TlsPolicy::TlsV1 | TlsPolicy::TlsV1_2016 => {
            "accepts TLS 1.0 and TLS 1.1, deprecated by RFC 8996"
        }
        TlsPolicy::TlsV1_1_2016 => "accepts TLS 1.1, deprecated by RFC 8996",
        TlsPolicy::TlsV1_2_2018 => {
            "accepts TLS 1.2 cipher suites without forward secrecy and CBC-mode suites"
        }
        TlsPolicy::TlsV1_2_2019 => "accepts TLS 1.2 CBC-mode cipher suites",
        TlsPolicy::TlsV1_2_2021 | TlsPolicy::TlsV1_2_2025 | TlsPolicy::TlsV1_3_2025 => "",
    }
}

/// The oldest policy the rule accepts.
pub const MINIMUM: TlsPolicy = TlsPolicy::MODERN;

crate::declare_rule! {
    /// ## What it does
    /// Reports a CDN distribution whose `min_tls` (the CloudFront security
    /// policy) is absent or older than `TLSv1.2_2021`, and a distribution
    /// with no `aliases`: it serves only its `*.cloudfront.net` name with
    /// CloudFront's default certificate, and for that certificate CloudFront
    /// uses the TLSv1 policy whatever `min_tls` says. Policies are ordered
    /// as CloudFront defines them: SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016,
    /// TLSv1.2_2018, TLSv1.2_2019, TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025.
    /// A name that is not one of them is not guessed at: the loader reports
    /// it (SPEC004, with the closest name).
    ///
    /// ## Why is this bad?
    /// The security policy is the oldest protocol and weakest cipher suite
    /// CloudFront will negotiate with a viewer. Policies before
    /// `TLSv1.2_2021` accept TLS 1.0 and 1.1, which RFC 8996 deprecated
    /// (PCI DSS already forbids TLS 1.0, its "early TLS" with SSL), key
    /// exchange without forward secrecy, or CBC-mode cipher suites with
    /// their history of padding-oracle attacks. A distribution that does not
    /// set one is left to whatever its deployment tool defaults to. A
    /// security policy only applies to a distribution's own certificate:
    /// without `aliases` there is none, and viewers can still connect with
    /// TLS 1.0.
    ///
    /// ## Example
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       aliases: [reelnet.com]
    ///       min_tls: TLSv1.1_2016
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       aliases: [reelnet.com]
    ///       min_tls: TLSv1.2_2021
    /// ```
    ///
    /// ## References
    /// - [Amazon CloudFront: Supported protocols and ciphers between viewers and CloudFront](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html)
    /// - [Amazon CloudFront API Reference: ViewerCertificate (with `CloudFrontDefaultCertificate`, CloudFront sets the security policy to TLSv1 regardless of `MinimumProtocolVersion`)](https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html)
    /// - [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)
    /// - [AWS Config rule cloudfront-security-policy-check](https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-security-policy-check.html)
    /// - [NIST SP 800-52 Rev. 2: Guidelines for TLS implementations (TLS 1.2 minimum)](https://csrc.nist.gov/pubs/sp/800/52/r2/final)
    pub struct WeakTlsPolicy {
        code: "EDGE006",
        name: "weak-tls-policy",
        severity: Warning,
        summary: "a distribution's `min_tls` is absent or older than `TLSv1.2_2021`, or it has no `aliases` (the default `*.cloudfront.net` certificate negotiates TLSv1 whatever `min_tls` says)",
    }
    impl Rule;
}

impl WeakTlsPolicy {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let newer: Vec<&str> = TlsPolicy::ALL
            .iter()
            .filter(|(_, p)| *p > MINIMUM)
            .map(|(name, _)| *name)
            .collect();
        let upgrade = format!("`min_tls: {MINIMUM}` or newer ({})", newer.join(", "));
        for d in spec.distributions() {
            let what = format!("CDN distribution `{}`", d.name.value);
            if d.aliases.is_empty() {
                let message = format!(
                    "{what} has no `aliases`, so it serves only its `*.cloudfront.net` name with CloudFront's default certificate, on which CloudFront negotiates down to TLSv1 (TLS 1.0) whatever `min_tls` says"
                );
                let help = format!(
                    "serve it on your own domain: add `aliases` and a `certificate` that covers them, with {upgrade}"
                );
                let finding = match &d.min_tls {
                    Some(min_tls) => Finding::new(min_tls.loc, message)
                        .label("no effect without `aliases`")
                        .related(d.name.loc, "this distribution has no `aliases`"),
                    None => Finding::new(d.loc, message).label("no `aliases` here"),
                };
                cx.report(finding.help(help));
                continue;
            }
            let Some(min_tls) = &d.min_tls else {
                cx.report(
                    Finding::new(
                        d.loc,
                        format!("{what} has no `min_tls`: the oldest TLS version and weakest ciphers it accepts are left to the deployment tool's default"),
                    )
                    .label("no `min_tls` here")
                    .help(format!("add {upgrade}")),
                );
                continue;
            };
            let policy = min_tls.value;
            if policy < MINIMUM {
                cx.report(
                    Finding::new(
                        min_tls.loc,
                        format!(
                            "{what} uses security policy {policy}, older than {MINIMUM}: it {}",
                            accepts(policy)
                        ),
                    )
                    .label(format!("older than {MINIMUM}"))
                    .help(format!("set {upgrade}")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MINIMUM, TlsPolicy, accepts};

    #[test]
    fn doc_lists_the_policies_in_order() {
        let doc = super::WeakTlsPolicy::META
            .doc()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let names: Vec<&str> = TlsPolicy::ALL.iter().map(|(name, _)| *name).collect();
        let listed = format!("{}.", names.join(", "));
        assert!(doc.contains(&listed), "doc lacks {listed}");
    }

    #[test]
    fn every_older_policy_says_what_it_accepts() {
        for (name, policy) in TlsPolicy::ALL {
            assert_eq!(accepts(*policy).is_empty(), *policy >= MINIMUM, "{name}");
        }
    }
}
