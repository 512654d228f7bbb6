use reelnet_spec::Spec;
use reelnet_spec::model::{Certificate, Spanned};
use reelnet_spec::types::Domain;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Collects the domains the architecture serves (CDN `aliases`, API
    /// gateway `domain`s and pipeline environment `domain`s) and reports each
    /// one that no certificate's `domain` or `alternative_names` covers. A
    /// name covers a domain when it is equal to it (case-insensitively), or
    /// when it is a wildcard for exactly one label: `*.reelnet.com` covers
    /// `api.reelnet.com`, but neither `reelnet.com` nor `a.b.reelnet.com`.
    ///
    /// A CDN distribution that names its `certificate` (by the certificate's
    /// `domain` or any of its `alternative_names`) is checked against
    /// that certificate alone (CloudFront attaches exactly one certificate to
    /// a distribution and rejects an alias it does not cover); the help names
    /// a certificate that would cover the alias. Other places are covered by
    /// any certificate of the spec. (An alias no certificate covers at all
    /// is reported like any other uncovered domain.)
    ///
    /// A domain served in several places is reported once, at its first
    /// place, with the others as related labels. A wildcard that nearly
    /// covers it (the apex of the wildcard, or one label too deep) is pointed
    /// at, and the help says which name to add.
    ///
    /// ## Why is this bad?
    /// CloudFront refuses an alternate domain name that its certificate does
    /// not cover, and an API gateway custom domain needs a certificate for
    /// that exact name. Where the name is served anyway (through another
    /// certificate, a redirect or a CNAME), browsers reject the connection
    /// with a name-mismatch error. The classic slip is the apex: a
    /// `*.example.com` certificate does not cover `example.com`.
    ///
    /// ## Example
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       aliases: [reelnet.com, www.reelnet.com]
    /// certificates:
    ///   domain: "*.reelnet.com"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    ///       aliases: [reelnet.com, www.reelnet.com]
    /// certificates:
    ///   domain: "*.reelnet.com"
    ///   alternative_names: [reelnet.com]
    /// ```
    ///
    /// ## References
    /// - [AWS Certificate Manager: wildcard names protect one subdomain level](https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html)
    /// - [Amazon CloudFront: Requirements for using alternate domain names (the certificate must cover the name)](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html)
    /// - [RFC 6125, section 6.4.3: Checking of wildcard certificates](https://www.rfc-editor.org/rfc/rfc6125#section-6.4.3)
    pub struct DomainNotCovered {
        code: "EDGE003",
        name: "domain-not-covered",
        severity: Error,
        summary: "a served domain (CDN alias, API gateway domain, environment domain) is covered by no certificate's `domain`/`alternative_names`",
    }
    impl Rule;
}

/// How a certificate name misses a host it was probably meant to cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NearMiss {
    /// `*.example.com` for `example.com`: a wildcard does not cover its apex.
    Apex,
    /// `*.example.com` for `a.b.example.com`: a wildcard covers one label;
    /// the wildcard that would cover the host is given (`*.b.example.com`).
    TooDeep { wildcard: String },
}

/// Whether `name` nearly covers `host` (see [`NearMiss`]); None when it
/// covers it or misses it by more than that.
#[must_use]
pub fn near_miss(name: &Domain, host: &Domain) -> Option<NearMiss> {
    let base = name.as_str().strip_prefix("*.")?;
    let host = host.as_str();
    if host == base {
        return Some(NearMiss::Apex);
    }
    let labels = host.strip_suffix(base)?.strip_suffix('.')?;
    let (_, parent) = labels.split_once('.')?;
    Some(NearMiss::TooDeep {
        wildcard: format!("*.{parent}.{base}"),
    })
}

/// A place a domain is served from.
struct Served<'a> {
    domain: &'a Spanned<Domain>,
    what: String,
    /// The certificate the place names (a CDN distribution's
    /// `certificate`), when it names one that exists: only that one counts.
    certificate: Option<(&'a Spanned<Domain>, &'a Certificate)>,
}

fn served(spec: &Spec) -> Vec<Served<'_>> {
    let mut out = Vec::new();
    for d in spec.distributions() {
        // A certificate is named by any of its names, `domain` or an
        // `alternative_names` entry (as SPEC006 reads it). A name that
        // matches no certificate is SPEC006's finding; the aliases are then
        // judged against every certificate.
        let certificate = d.certificate.as_ref().and_then(|named| {
            spec.certificates
                .iter()
                .find(|c| c.names().any(|n| n.value == named.value))
                .map(|c| (named, c))
        });
        for alias in &d.aliases {
            out.push(Served {
                domain: alias,
                what: format!("the alias of CDN distribution `{}`", d.name.value),
                certificate,
            });
        }
    }
    for g in &spec.api_gateway {
        if let Some(domain) = &g.domain {
            out.push(Served {
                domain,
                what: format!("the domain of API gateway `{}`", g.name.value),
                certificate: None,
            });
        }
    }
    for env in spec.pipeline.iter().flat_map(|p| &p.environments) {
        if let Some(domain) = &env.domain {
            out.push(Served {
                domain,
                what: format!("the domain of the `{}` environment", env.name.value),
                certificate: None,
            });
        }
    }
    out.sort_by_key(|s| s.domain.loc);
    out
}

impl DomainNotCovered {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let names: Vec<(&Spanned<Domain>, &Spanned<Domain>)> = spec
            .certificates
            .iter()
            .flat_map(|c| c.names().map(move |n| (&c.domain, n)))
            .collect();
        let mut uncovered: Vec<Served<'_>> = Vec::new();
        for s in served(spec) {
            let covered_by_any = names.iter().any(|(_, n)| n.value.covers(&s.domain.value));
            match s.certificate {
                // Covered by another certificate than the one it uses.
                Some((named, cert))
                    if covered_by_any && !cert.names().any(|n| n.value.covers(&s.domain.value)) =>
                {
                    report_named(cx, &names, &s, named, cert);
                }
                _ if !covered_by_any => uncovered.push(s),
                _ => {}
            }
        }
        // One finding per domain, at its first place, in source order.
        let mut done: Vec<&str> = Vec::new();
        for first in &uncovered {
            let host = first.domain.value.as_str();
            if done.contains(&host) {
                continue;
            }
            done.push(host);
            let places: Vec<&Served<'_>> = uncovered
                .iter()
                .filter(|s| s.domain.value.as_str() == host)
                .collect();
            let mut finding = Finding::new(
                first.domain.loc,
                format!(
                    "no certificate covers `{host}`, served as {}",
                    places
                        .iter()
                        .map(|s| s.what.as_str())
                        .collect::<Vec<_>>()
                        .join(" and as ")
                ),
            )
            .label(first.what.clone());
            for other in places.iter().skip(1) {
                finding = finding.related(
                    other.domain.loc,
                    format!("also served here: {}", other.what),
                );
            }
            let mut help = None;
            for (cert, name) in &names {
                let Some(miss) = near_miss(&name.value, &first.domain.value) else {
                    continue;
                };
                let (why, add) = match &miss {
                    NearMiss::Apex => (
                        "a wildcard does not cover the apex".to_owned(),
                        format!("`{host}`"),
                    ),
                    NearMiss::TooDeep { wildcard } => (
                        "a wildcard covers exactly one label".to_owned(),
                        if wildcard == host {
                            format!("`{host}`")
                        } else {
                            format!("`{host}` or `{wildcard}`")
                        },
                    ),
                };
                finding = finding.related(name.loc, format!("nearly covers it: {why}"));
                help.get_or_insert(format!(
                    "add {add} to `alternative_names` of the `{}` certificate ({why})",
                    cert.value
                ));
            }
            let help = help.unwrap_or_else(|| {
                if spec.certificates.is_empty() {
                    format!("add a certificate for `{host}` under `certificates` (ACM, DNS validation)")
                } else {
                    format!("add `{host}` to a certificate's `alternative_names`, or add a certificate for it")
                }
            });
            cx.report(finding.help(help));
        }
    }
}

/// An alias its distribution's own certificate does not cover (CloudFront
/// checks the alias against that certificate only).
fn report_named(
    cx: &mut Checker<'_>,
    names: &[(&Spanned<Domain>, &Spanned<Domain>)],
    s: &Served<'_>,
    named: &Spanned<Domain>,
    cert: &Certificate,
) {
    let host = s.domain.value.as_str();
    let own = cert.domain.value.as_str();
    // Named by an alternative name: say which certificate that is.
    let by = if named.value == cert.domain.value {
        String::new()
    } else {
        format!(
            " (named by its alternative name `{}`)",
            named.value.as_str()
        )
    };
    let finding = Finding::new(
        s.domain.loc,
        format!("`{host}`, {}, is not covered by the certificate it names, `{own}`{by}: CloudFront rejects the alias (InvalidViewerCertificate)", s.what),
    )
    .label(s.what.clone())
    .related(named.loc, "the certificate the distribution uses")
    .related(cert.domain.loc, format!("certificate `{own}`"));
    // The certificates that would work (their `domain`), in source order.
    let mut working: Vec<&str> = names
        .iter()
        .filter(|(_, n)| n.value.covers(&s.domain.value))
        .map(|(c, _)| c.value.as_str())
        .collect();
    working.dedup();
    let help = match working.as_slice() {
        [] => format!("add `{host}` to `alternative_names` of the `{own}` certificate"),
        [one] => format!(
            "name the `{one}` certificate, which covers `{host}`, in the distribution's `certificate`, or add `{host}` to `alternative_names` of `{own}`"
        ),
        many => format!(
            "name a certificate that covers `{host}` ({}) in the distribution's `certificate`, or add `{host}` to `alternative_names` of `{own}`",
            many.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    cx.report(finding.help(help));
}

#[cfg(test)]
mod tests {
    use reelnet_spec::types::Domain;

    use super::{NearMiss, near_miss};

    fn d(s: &str) -> Domain {
        Domain::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn near_misses() {
        let wild = d("*.reelnet.com");
        assert_eq!(near_miss(&wild, &d("reelnet.com")), Some(NearMiss::Apex));
        assert_eq!(near_miss(&wild, &d("Reelnet.COM")), Some(NearMiss::Apex));
        assert_eq!(
            near_miss(&wild, &d("a.b.reelnet.com")),
            Some(NearMiss::TooDeep {
                wildcard: "*.b.reelnet.com".into()
            })
        );
        assert_eq!(
            near_miss(&wild, &d("x.a.b.reelnet.com")),
            Some(NearMiss::TooDeep {
                wildcard: "*.a.b.reelnet.com".into()
            })
        );
        // Covered, or unrelated: not a near miss.
        assert_eq!(near_miss(&wild, &d("api.reelnet.com")), None);
        assert_eq!(near_miss(&wild, &d("reelnet.org")), None);
        assert_eq!(near_miss(&wild, &d("notreelnet.com")), None);
        assert_eq!(near_miss(&wild, &d("a.notreelnet.com")), None);
        // An exact name never nearly covers anything.
        assert_eq!(near_miss(&d("reelnet.com"), &d("api.reelnet.com")), None);
    }

    #[test]
    fn coverage_is_one_label_and_case_insensitive() {
        let wild = d("*.reelnet.com");
        assert!(wild.covers(&d("API.reelnet.com")));
        assert!(!wild.covers(&d("reelnet.com")));
        assert!(!wild.covers(&d("a.b.reelnet.com")));
        assert!(d("Reelnet.com").covers(&d("reelnet.COM")));
    }
}
