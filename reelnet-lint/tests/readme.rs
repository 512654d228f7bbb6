//! The README's rules table is generated from the registry.

mod common;

use reelnet_lint::registry;

fn table() -> String {
    let mut out = String::from("| code | name | severity | fires when |\n|---|---|---|---|\n");
    for m in registry::metas() {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.severity,
            m.summary.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_rules_table_matches_registry() {
    let path = common::root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let (Some(a), Some(b)) = (readme.find(start), readme.find(end)) else {
        panic!("README.md lacks the rules table markers");
    };
    let current = &readme[a + start.len()..b];
    let expected = table();
    if current != expected && std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..a + start.len()], &readme[b..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    assert!(
        current == expected,
        "README.md's rules table is stale: run `UPDATE_README=1 cargo test -p reelnet-lint --test readme`"
    );
}
