//! The places rules point at carry their own `Loc` in the model, filled by
//! the loader: a section's list (`public_subnets:`, `services:`,
//! `lifecycle:`) and the document that holds `name`.

use reelnet_spec::types::Tier;
use reelnet_spec::{Loc, Spec};

fn load(text: &str) -> Spec {
    reelnet_spec::load_str("t.yaml", text).unwrap_or_else(|e| panic!("{e}"))
}

fn pointer(spec: &Spec, loc: Option<Loc>) -> Option<String> {
    loc.map(|l| spec.sources.pointer(l))
}

#[test]
fn lists_and_the_document_carry_their_locations() {
    let spec = load(
        "name: t\nvpc:\n  cidr: 10.0.0.0/16\n  private_subnets: [10.0.1.0/24]\ncompute:\n  services:\n    - { name: api, image: \"reelnet/api:1.0\" }\nstorage:\n  buckets:\n    - { name: b, lifecycle: [] }\n    - { name: c }\n",
    );
    assert_eq!(pointer(&spec, spec.document_loc).as_deref(), Some(""));
    let vpc = spec.vpc.as_ref().unwrap_or_else(|| panic!("no vpc"));
    assert_eq!(
        pointer(&spec, vpc.tier_loc(Tier::Private)).as_deref(),
        Some("/vpc/private_subnets")
    );
    assert_eq!(vpc.tier_loc(Tier::Public), None);
    let compute = spec
        .compute
        .as_ref()
        .unwrap_or_else(|| panic!("no compute"));
    assert_eq!(
        pointer(&spec, compute.services_loc).as_deref(),
        Some("/compute/services")
    );
    let buckets = spec.buckets();
    assert_eq!(
        pointer(&spec, buckets[0].lifecycle_loc).as_deref(),
        Some("/storage/buckets/0/lifecycle")
    );
    assert_eq!(buckets[1].lifecycle_loc, None);
}

#[test]
fn null_lists_have_none() {
    let spec = load(
        "name: t\ncompute:\n  services: ~\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: null\n",
    );
    let compute = spec
        .compute
        .as_ref()
        .unwrap_or_else(|| panic!("no compute"));
    assert_eq!(compute.services_loc, None);
    let vpc = spec.vpc.as_ref().unwrap_or_else(|| panic!("no vpc"));
    assert_eq!(vpc.tier_loc(Tier::Public), None);
}

/// `document_loc` (`#[from_node(document_of = "name")]`) is the top-level
/// mapping of the file that gives `name`, in whichever file of a directory
/// spec it is.
#[test]
fn the_document_is_the_file_that_holds_name() {
    for (files, holder) in [
        (
            vec![
                ("a.yaml", "name: t\n"),
                ("b.yaml", "vpc:\n  cidr: 10.0.0.0/16\n"),
            ],
            "a.yaml",
        ),
        (
            vec![
                ("a.yaml", "vpc:\n  cidr: 10.0.0.0/16\n"),
                ("b.yaml", "\nname: t\n"),
            ],
            "b.yaml",
        ),
    ] {
        let texts = files
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
        let spec = reelnet_spec::Loader::default()
            .read_texts(texts)
            .into_spec()
            .unwrap_or_else(|e| panic!("{e}"));
        let doc = spec.document_loc.unwrap_or_else(|| panic!("no document"));
        assert_eq!(spec.sources.file(doc.file).name, holder);
        assert_eq!(spec.sources.pointer(doc), "");
    }
}
