use reelnet_spec::model::Spanned;
use reelnet_spec::{Model, Spec};

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// SPEC006 `dangling-reference`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::DanglingReference`].
    pub struct DanglingReference = SpecCode::DanglingReference { origin: Model }
    impl Rule;
}

/// The first few names, quoted, and how many more there are: a message
/// stays short however many resources a spec defines.
fn listed<'a>(names: impl Iterator<Item = &'a str>, quote: bool) -> String {
    const SHOWN: usize = 8;
    let mut shown = Vec::new();
    let mut more = 0usize;
    for n in names {
        if shown.len() < SHOWN {
            shown.push(if quote {
                format!("`{n}`")
            } else {
                n.to_owned()
            });
        } else {
            more += 1;
        }
    }
    let mut out = shown.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

/// Whether a `kind/NAME` or `api_gateway` reference resolves; None when the
/// text is not a reference (a host name).
fn resolves(model: &Model, target: &str) -> Option<Result<(), String>> {
    let names = |it: &mut dyn Iterator<Item = &str>| listed(it, true);
    if target == "api_gateway" {
        return Some(if model.api_gateway.is_empty() {
            Err("there is no `api_gateway`".into())
        } else {
            Ok(())
        });
    }
    let (kind, name) = target.split_once('/')?;
    let found = match kind {
        "cdn" => model.distributions().iter().any(|d| d.name.value == name),
        "api_gateway" => model.api_gateway.iter().any(|g| g.name.value == name),
        "storage" => model.buckets().iter().any(|b| b.name.value == name),
        _ => return None,
    };
    if found {
        return Some(Ok(()));
    }
    let known = match kind {
        "cdn" => names(&mut model.distributions().iter().map(|d| d.name.value.as_str())),
        "api_gateway" => names(&mut model.api_gateway.iter().map(|g| g.name.value.as_str())),
        _ => names(&mut model.buckets().iter().map(|b| b.name.value.as_str())),
    };
    let what = match kind {
        "cdn" => "CDN distribution",
        "api_gateway" => "API gateway",
        _ => "bucket",
    };
    Some(Err(if known.is_empty() {
        format!("there is no {what} `{name}` (none is defined)")
    } else {
        format!("there is no {what} `{name}`; defined: {known}")
    }))
}

fn check_target(model: &Model, target: &Spanned<String>, what: &str, cx: &mut Checker<'_>) {
    match resolves(model, &target.value) {
        Some(Err(why)) => cx.report(
            Finding::new(target.loc, format!("{what} `{}` points nowhere: {why}", target.value))
                .label("no such resource")
                .help("name an existing resource (`cdn/NAME`, `api_gateway`, `storage/BUCKET`) or fix the name"),
        ),
        Some(Ok(())) => {}
        None => {
            if !target.value.contains('.') {
                cx.report(
                    Finding::new(target.loc, format!("{what} `{}` is neither a reference nor a host name", target.value))
                        .label("unknown target")
                        .help("write `cdn/NAME`, `api_gateway`, `storage/BUCKET`, or a fully qualified host name"),
                );
            }
        }
    }
}

fn check_waf(model: &Model, waf: Option<&Spanned<String>>, owner: &str, cx: &mut Checker<'_>) {
    let Some(waf) = waf else { return };
    if model.waf(&waf.value).is_some() {
        return;
    }
    let defined: Vec<&str> = model
        .security
        .iter()
        .flat_map(|s| s.waf.iter().map(|w| w.name.value.as_str()))
        .collect();
    let help = reelnet_spec::suggest(&waf.value, &defined).map_or_else(
        || {
            format!(
                "define it under `security.waf` or name one of the ACLs there ({})",
                if defined.is_empty() {
                    "none yet".to_owned()
                } else {
                    listed(defined.iter().copied(), false)
                }
            )
        },
        |m| format!("did you mean `{m}`?"),
    );
    cx.report(
        Finding::new(
            waf.loc,
            format!(
                "{owner} names WAF `{}`, which `security.waf` does not define",
                waf.value
            ),
        )
        .label("no such WAF ACL")
        .help(help),
    );
}

impl DanglingReference {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let model = &spec.model;
        // A service's `dockerfile` or `manifests` entry naming no readable file.
        for u in &model.containers.unreadable {
            cx.report(
                Finding::new(
                    u.loc,
                    format!("`{}` cannot be read: {}", u.path, u.reason),
                )
                .label("no such file")
                .help("paths are relative to the spec file that names them; fix the path or add the file"),
            );
        }
        for d in model.distributions() {
            check_waf(
                model,
                d.waf.as_ref(),
                &format!("distribution `{}`", d.name),
                cx,
            );
            if let Some(cert) = &d.certificate {
                let exists = model
                    .certificates
                    .iter()
                    .any(|c| c.names().any(|n| n.value == cert.value));
                if !exists {
                    cx.report(
                        Finding::new(cert.loc, format!("distribution `{}` names certificate `{}`, which no certificate declares", d.name, cert.value))
                            .label("no such certificate")
                            .help("name a certificate by its `domain` or one of its `alternative_names`"),
                    );
                }
            }
            for origin in &d.origins {
                check_target(model, origin, "origin", cx);
            }
        }
        for g in &model.api_gateway {
            check_waf(
                model,
                g.waf.as_ref(),
                &format!("API gateway `{}`", g.name),
                cx,
            );
        }
        for zone in model.dns.iter().flat_map(|d| &d.zones) {
            for r in &zone.records {
                check_target(model, &r.target, "record target", cx);
            }
        }
        for f in model.functions() {
            if let Some(t) = &f.trigger {
                check_target(model, t, "trigger", cx);
            }
        }
        if let Some(p) = &model.pipeline {
            for stage in p
                .stages
                .iter()
                .filter(|s| s.name.value.starts_with("deploy"))
            {
                for step in &stage.steps {
                    if p.environment(&step.value).is_none() {
                        let names: Vec<&str> = p
                            .environments
                            .iter()
                            .map(|e| e.name.value.as_str())
                            .collect();
                        let help = reelnet_spec::suggest(&step.value, &names).map_or_else(
                            || format!("add `{}` under `pipeline.environments`, or deploy to one of: {}", step.value, if names.is_empty() { "(none defined)".to_owned() } else { listed(names.iter().copied(), false) }),
                            |m| format!("did you mean `{m}`?"),
                        );
                        cx.report(
                            Finding::new(step.loc, format!("stage `{}` deploys to `{}`, which is not a pipeline environment", stage.name, step.value))
                                .label("no such environment")
                                .help(help),
                        );
                    }
                }
            }
        }
    }
}
