//! EDGE: entry points, TLS, certificates.

pub mod certificate_email_validation;
pub mod certificate_renewal_disabled;
pub mod domain_not_covered;
pub mod http_allowed;
pub mod missing_shield_advanced;
pub mod missing_waf;
pub mod weak_tls_policy;

use reelnet_spec::Loc;
use reelnet_spec::model::{Model, Spanned};

/// A public entry point: a CDN distribution or an API gateway.
#[derive(Debug)]
pub(crate) struct EntryPoint<'a> {
    /// How findings name it: "CDN distribution `main`", "API gateway `api`".
    pub what: String,
    /// Its mapping.
    pub loc: Loc,
    pub waf: Option<&'a Spanned<String>>,
}

/// Every CDN distribution, then every API gateway, as written.
pub(crate) fn entry_points(model: &Model) -> Vec<EntryPoint<'_>> {
    let cdn = model.distributions().iter().map(|d| EntryPoint {
        what: format!("CDN distribution `{}`", d.name.value),
        loc: d.loc,
        waf: d.waf.as_ref(),
    });
    let gateways = model.api_gateway.iter().map(|g| EntryPoint {
        what: format!("API gateway `{}`", g.name.value),
        loc: g.loc,
        waf: g.waf.as_ref(),
    });
    cdn.chain(gateways).collect()
}
