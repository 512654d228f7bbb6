use reelnet_spec::Spec;
use reelnet_spec::model::Spanned;
use reelnet_spec::types::Cidr;

use crate::rule::{Checker, Finding, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CIDR (VPC, subnet or peer) with host bits set, such as
    /// `10.0.1.5/24`, and names the network it stands for.
    ///
    /// ## Why is this bad?
    /// `10.0.1.5/24` means the network 10.0.1.0/24, but a reader (and some
    /// tools) take it for a different range. AWS rejects it for VPCs and
    /// subnets. Writing the network address says what is meant.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.5/24]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.0/24]
    /// ```
    ///
    /// ## References
    /// - [RFC 4632, Classless Inter-domain Routing, section 3.1](https://www.rfc-editor.org/rfc/rfc4632#section-3.1)
    pub struct CidrHostBits {
        code: "NET003",
        name: "cidr-host-bits",
        severity: Error,
        summary: "a CIDR has host bits set",
    }
}

fn check_one(cidr: &Spanned<Cidr>, what: &str, cx: &mut Checker<'_>) {
    if cidr.has_host_bits() {
        let net = cidr.network();
        cx.report(
            Finding::new(
                cidr.loc,
                format!(
                    "{what} {} has host bits set; its network is {net}",
                    cidr.value
                ),
            )
            .label("host bits set")
            .help(format!("write `{net}`")),
        );
    }
}

impl Rule for CidrHostBits {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        check_one(&vpc.cidr, "VPC CIDR", cx);
        for s in spec.subnets() {
            check_one(&s.cidr, &format!("{} subnet", s.tier), cx);
        }
        for p in &vpc.peers {
            check_one(p, "peer CIDR", cx);
        }
    }
}
