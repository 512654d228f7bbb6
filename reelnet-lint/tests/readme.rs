//! The README's rules table is generated from the registry.

mod common;

use reelnet_lint::registry;

/// Both tables live in README.md: one test at a time reads and rewrites it.
static README: std::sync::Mutex<()> = std::sync::Mutex::new(());

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

/// Compare the README's text between `<!-- NAME:start -->` and
/// `<!-- NAME:end -->` with `expected`; with `UPDATE_README` set, rewrite
/// it (through a temporary file and a rename) instead of failing.
fn check_readme_table(name: &str, expected: &str) {
    let _lock = README
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let path = common::root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let (start, end) = (
        format!("<!-- {name}:start -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let (Some(a), Some(b)) = (readme.find(&start), readme.find(&end)) else {
        panic!("README.md lacks the {name} table markers");
    };
    let current = &readme[a + start.len()..b];
    if current != expected && std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..a + start.len()], &readme[b..]);
        let tmp = path.with_extension("md.tmp");
        std::fs::write(&tmp, updated).unwrap_or_else(|e| panic!("{e}"));
        std::fs::rename(&tmp, &path).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    assert!(
        current == expected,
        "README.md's {name} table is stale: run `UPDATE_README=1 cargo test -p reelnet-lint --test readme`"
    );
}

#[test]
fn readme_rules_table_matches_registry() {
    check_readme_table("rules", &table());
}

/// The README's defaults table: every field whose value the loader fills
/// in when the spec leaves it out (a list or map left out is empty), from the model's JSON Schema (itself
/// derived from the model's declaration: the `#[serde(default = ...)]`
/// functions give `default`, the doc comments give the descriptions, and a
/// computed default, `#[from_node(default_with)]`, is described in its
/// field's doc, "default ...").
fn defaults_table() -> String {
    use serde_json::Value;

    fn walk(schema: &Value, node: &Value, path: &str, rows: &mut Vec<(String, String, String)>) {
        let node = match node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(name) => &schema["$defs"][name],
            None => node,
        };
        if let Some(variants) = node.get("anyOf").and_then(Value::as_array) {
            // One mapping or a list of them: the fields once, as the mapping's.
            let is_list = |v: &Value| v.get("type").is_some_and(|t| t == "array");
            let one_or_many = variants.iter().any(|v| v.get("$ref").is_some());
            for v in variants.iter().filter(|v| !(one_or_many && is_list(v))) {
                walk(schema, v, path, rows);
            }
            return;
        }
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (key, prop) in props {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let doc = prop
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace('|', "\\|");
                let default = match prop.get("default") {
                    // A list or map left out is empty: no row.
                    Some(Value::Array(a)) if a.is_empty() => None,
                    Some(Value::Object(o)) if o.is_empty() => None,
                    Some(Value::String(s)) => Some(format!("`{s}`")),
                    Some(v) => Some(format!("`{v}`")),
                    // A default computed from other values: the field's
                    // doc says what it is.
                    None if doc.to_ascii_lowercase().contains("default ") => {
                        Some("computed".to_owned())
                    }
                    None => None,
                };
                if let Some(default) = default
                    && !rows.iter().any(|(p, _, _)| *p == at)
                {
                    rows.push((at.clone(), default, doc));
                }
                walk(schema, prop, &at, rows);
            }
            return;
        }
        match node.get("type") {
            Some(t)
                if t == "array" || t.as_array().is_some_and(|a| a.contains(&"array".into())) =>
            {
                if let Some(items) = node.get("items") {
                    walk(schema, items, &format!("{path}[]"), rows);
                }
            }
            _ => {
                if let Some(item) = node.get("additionalProperties").filter(|v| v.is_object()) {
                    walk(schema, item, &format!("{path}.*"), rows);
                }
            }
        }
    }

    let schema = reelnet_spec::schema();
    let mut rows = Vec::new();
    walk(schema, schema, "", &mut rows);
    let mut out = String::from("| field | default | notes |\n|---|---|---|\n");
    for (path, default, doc) in rows {
        out.push_str(&format!("| `{path}` | {default} | {doc} |\n"));
    }
    out
}

#[test]
fn readme_defaults_table_matches_the_model() {
    check_readme_table("defaults", &defaults_table());
}
