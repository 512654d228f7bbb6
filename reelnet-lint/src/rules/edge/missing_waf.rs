use reelnet_spec::Spec;

use super::entry_points;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CDN distribution or an API gateway with no `waf` (a web ACL
    /// of `security.waf`). A `waf` naming an ACL that does not exist is
    /// SPEC006's business, not this rule's.
    ///
    /// ## Why is this bad?
    /// The distribution and the gateway are the architecture's doors to the
    /// internet. Without a web ACL, nothing in front of the application
    /// filters common exploits (SQL injection, cross-site scripting, known
    /// bad inputs) or rate-limits a single abusive client.
    ///
    /// ## Example
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       viewer_protocol: https-only
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       viewer_protocol: https-only
    ///       waf: edge-acl
    /// security:
    ///   waf:
    ///     - name: edge-acl
    ///       managed_rules: [AWSManagedRulesCommonRuleSet]
    ///       rate_limit: 2000
    /// ```
    ///
    /// ## References
    /// - [AWS WAF Developer Guide: Using AWS WAF with Amazon CloudFront](https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html)
    /// - [AWS Security Hub, CloudFront.6: CloudFront distributions should have WAF enabled](https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6)
    /// - [AWS Security Hub, APIGateway.4: API Gateway should be associated with a WAF Web ACL](https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4)
    pub struct MissingWaf {
        code: "EDGE001",
        name: "missing-waf",
        severity: Error,
        summary: "a CDN distribution or API gateway has no `waf`",
    }
    impl Rule;
}

impl MissingWaf {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let acls: Vec<&str> = spec
            .security
            .iter()
            .flat_map(|s| s.waf.iter().map(|w| w.name.value.as_str()))
            .collect();
        let help = match acls.as_slice() {
            [] => "define a web ACL under `security.waf` (e.g. with AWSManagedRulesCommonRuleSet and a rate limit) and attach it with `waf: NAME`".to_owned(),
            [one] => format!("add `waf: {one}` to attach the web ACL of `security.waf`"),
            many => format!(
                "add `waf: NAME` naming one of the web ACLs of `security.waf` ({})",
                many.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        for ep in entry_points(spec) {
            if ep.waf.is_some() {
                continue;
            }
            cx.report(
                Finding::new(
                    ep.loc,
                    format!("{} has no WAF web ACL: `waf` is absent, so no request is filtered before it reaches the origin", ep.what),
                )
                .label("no `waf` here")
                .help(help.clone()),
            );
        }
    }
}
