use reelnet_spec::Spec;
use reelnet_spec::types::ViewerProtocol;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CDN distribution whose `viewer_protocol` is `allow-all`,
    /// written or left to CloudFront's default.
    ///
    /// ## Why is this bad?
    /// With `allow-all`, CloudFront answers plain HTTP as well as HTTPS:
    /// sessions, tokens and signed URLs can travel in clear text, and an
    /// attacker on the network can rewrite the pages. `redirect-to-https`
    /// sends HTTP viewers to HTTPS; `https-only` refuses them.
    ///
    /// ## Example
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       viewer_protocol: allow-all
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       viewer_protocol: redirect-to-https
    /// ```
    ///
    /// ## References
    /// - [Amazon CloudFront: Require HTTPS for communication between viewers and CloudFront](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html)
    /// - [AWS Security Hub, CloudFront.3: CloudFront distributions should require encryption in transit](https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3)
    pub struct HttpAllowed {
        code: "EDGE007",
        name: "http-allowed",
        severity: Error,
        summary: "`viewer_protocol: allow-all`",
    }
    impl Rule;
}

impl HttpAllowed {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in spec.distributions() {
            let protocol = &d.viewer_protocol;
            if protocol.value != ViewerProtocol::AllowAll {
                continue;
            }
            let finding = if protocol.explicit {
                Finding::new(
                    protocol.loc,
                    format!(
                        "CDN distribution `{}` serves plain HTTP (`viewer_protocol: allow-all`)",
                        d.name.value
                    ),
                )
                .label("HTTP allowed")
                .help("set `viewer_protocol: redirect-to-https` (or `https-only`)")
            } else {
                Finding::new(
                    protocol.loc,
                    format!("CDN distribution `{}` serves plain HTTP: `viewer_protocol` is absent and CloudFront defaults to allow-all", d.name.value),
                )
                .label("no `viewer_protocol` here")
                .help("add `viewer_protocol: redirect-to-https` (or `https-only`)")
            };
            cx.report(finding);
        }
    }
}
