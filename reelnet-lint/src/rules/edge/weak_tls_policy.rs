use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

/// CloudFront's viewer security policies, oldest first, with what each one
/// still accepts that `TLSv1.2_2021` does not (from the AWS table of
/// supported protocols and ciphers, checked 2026-11-29; TLS 1.0 and 1.1 are
/// deprecated by RFC 8996).
pub const POLICIES: [(&str, &str); 9] = [
    ("SSLv3", "accepts SSLv3 and RC4"),
    (
        "TLSv1",
        "accepts TLS 1.0 and TLS 1.1, deprecated by RFC 8996",
    ),
    (
        "TLSv1_2016",
        "accepts TLS 1.0 and TLS 1.1, deprecated by RFC 8996",
    ),
    ("TLSv1.1_2016", "accepts TLS 1.1, deprecated by RFC 8996"),
    (
        "TLSv1.2_2018",
        "accepts TLS 1.2 cipher suites without forward secrecy and CBC-mode suites",
    ),
    ("TLSv1.2_2019", "accepts TLS 1.2 CBC-mode cipher suites"),
    ("TLSv1.2_2021", ""),
    ("TLSv1.2_2025", ""),
    ("TLSv1.3_2025", ""),
];

/// The oldest policy the rule accepts.
pub const MINIMUM: &str = "TLSv1.2_2021";

/// The position of a policy in [`POLICIES`] (exact name, as CloudFront
/// spells it), or None for a name CloudFront does not define.
#[must_use]
pub fn rank(policy: &str) -> Option<usize> {
    POLICIES.iter().position(|(name, _)| *name == policy)
}

/// The policy a name that is not one probably meant: the same name in
/// another case; else the oldest acceptable policy the name is a prefix of
/// (`TLSv1.2` → `TLSv1.2_2021`, `TLSv1.3` → `TLSv1.3_2025`), or the newest
/// such policy when none is acceptable; else the closest name.
#[must_use]
pub fn closest(name: &str) -> Option<&'static str> {
    if let Some((policy, _)) = POLICIES.iter().find(|(p, _)| p.eq_ignore_ascii_case(name)) {
        return Some(policy);
    }
    let prefix = format!("{}_", name.to_ascii_lowercase());
    let minimum = rank(MINIMUM).unwrap_or(0);
    let extended: Vec<(usize, &'static str)> = POLICIES
        .iter()
        .enumerate()
        .filter(|(_, (p, _))| p.to_ascii_lowercase().starts_with(&prefix))
        .map(|(i, (p, _))| (i, *p))
        .collect();
    if let Some((_, policy)) = extended
        .iter()
        .find(|(i, _)| *i >= minimum)
        .or_else(|| extended.last())
    {
        return Some(policy);
    }
    let names: Vec<&'static str> = POLICIES.iter().map(|(p, _)| *p).collect();
    reelnet_spec::suggest(name, &names)
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a CDN distribution whose `min_tls` (the CloudFront security
    /// policy) is absent or older than `TLSv1.2_2021`, and a distribution
    /// with no `aliases`: it serves only its `*.cloudfront.net` name with
    /// CloudFront's default certificate, and for that certificate CloudFront
    /// uses the TLSv1 policy whatever `min_tls` says. Policies are ordered
    /// as CloudFront defines them: SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016,
    /// TLSv1.2_2018, TLSv1.2_2019, TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025.
    /// A name that is not one of them is reported as unknown (with the
    /// closest name), not guessed at.
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
        let minimum = rank(MINIMUM).unwrap_or(usize::MAX);
        let newer: Vec<&str> = POLICIES[minimum.min(POLICIES.len())..]
            .iter()
            .skip(1)
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
            let policy = min_tls.value.as_str();
            match rank(policy) {
                Some(r) if r >= minimum => {}
                Some(r) => {
                    let accepts = POLICIES.get(r).map_or("", |(_, a)| *a);
                    cx.report(
                        Finding::new(
                            min_tls.loc,
                            format!("{what} uses security policy {policy}, older than {MINIMUM}: it {accepts}"),
                        )
                        .label(format!("older than {MINIMUM}"))
                        .help(format!("set {upgrade}")),
                    );
                }
                None => {
                    let names: Vec<&str> = POLICIES.iter().map(|(name, _)| *name).collect();
                    let hint = closest(policy)
                        .map(|s| format!("did you mean `{s}`? "))
                        .unwrap_or_default();
                    cx.report(
                        Finding::new(
                            min_tls.loc,
                            format!("{what} names security policy `{policy}`, which is not a CloudFront security policy"),
                        )
                        .label("unknown security policy")
                        .help(format!(
                            "{hint}CloudFront's policies are {}; use {upgrade}",
                            names.join(", ")
                        )),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MINIMUM, POLICIES, closest, rank};

    #[test]
    fn policies_are_ordered_oldest_first() {
        let r = |p| rank(p).unwrap_or_else(|| panic!("{p} unknown"));
        assert!(r("SSLv3") < r("TLSv1"));
        assert!(r("TLSv1") < r("TLSv1_2016"));
        assert!(r("TLSv1_2016") < r("TLSv1.1_2016"));
        assert!(r("TLSv1.1_2016") < r("TLSv1.2_2018"));
        assert!(r("TLSv1.2_2018") < r("TLSv1.2_2019"));
        assert!(r("TLSv1.2_2019") < r(MINIMUM));
        assert!(r(MINIMUM) < r("TLSv1.2_2025"));
        assert!(r("TLSv1.2_2025") < r("TLSv1.3_2025"));
    }

    #[test]
    fn unknown_names_have_no_rank() {
        assert_eq!(rank("TLSv1.2"), None);
        assert_eq!(rank("tlsv1.2_2021"), None);
        assert_eq!(rank("TLSv1.3"), None);
        assert_eq!(rank(""), None);
    }

    #[test]
    fn closest_names() {
        assert_eq!(closest("tlsv1.2_2021"), Some("TLSv1.2_2021"));
        assert_eq!(closest("TLSv1.2"), Some("TLSv1.2_2021"));
        assert_eq!(closest("TLSv1.3"), Some("TLSv1.3_2025"));
        assert_eq!(closest("TLSv1.1"), Some("TLSv1.1_2016"));
        assert_eq!(closest("TLSv1.2_2020"), Some("TLSv1.2_2021"));
        assert_eq!(closest("completely-different"), None);
    }

    #[test]
    fn every_older_policy_says_what_it_accepts() {
        let minimum = rank(MINIMUM).unwrap_or(0);
        for (i, (name, accepts)) in POLICIES.iter().enumerate() {
            assert_eq!(accepts.is_empty(), i >= minimum, "{name}");
        }
    }
}
