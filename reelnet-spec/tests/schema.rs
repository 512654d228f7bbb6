//! The checked-in JSON Schema is the one the model generates.

use std::path::Path;

#[test]
fn checked_in_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/reelnet.schema.json");
    let generated = reelnet_spec::schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{e}"));
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "schemas/reelnet.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p reelnet-spec --test schema`"
    );
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    let schema = reelnet_spec::schema();
    assert!(jsonschema::meta::is_valid(schema));
}

#[test]
fn schema_accepts_the_seed_and_rejects_typos() {
    let validator =
        jsonschema::validator_for(reelnet_spec::schema()).unwrap_or_else(|e| panic!("{e}"));
    let ok = serde_json::json!({
        "name": "x",
        "vpc": { "cidr": "10.0.0.0/16", "public_subnets": ["10.0.1.0/24", { "cidr": "10.0.2.0/24", "az": "us-east-1b" }] },
        "database": { "engine": "postgres", "version": "14.5", "storage": "100GB", "multi_az": true },
        "alarms": { "cpu_utilization": { "threshold": 80, "period": 300 } },
        "pipeline": { "stages": [{ "build": ["compile"] }], "environments": { "staging": { "approval": false } } }
    });
    let errors: Vec<String> = validator.iter_errors(&ok).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // IPv4 CIDRs must pass the CIDR pattern (a pattern meant for IPv6 must not reject them).
    let bad = serde_json::json!({ "name": "x", "database": { "mutli_az": true } });
    assert!(!validator.is_valid(&bad));
}
