//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! One `rule` per catalogue entry (its doc as `help`), one `result` per
//! finding with its exact region (1-based, `endColumn` exclusive, columns in
//! Unicode code points), related places as `relatedLocations`, and findings
//! hidden by a suppression comment or a baseline carried with a
//! `suppressions` entry (`inSource` / `external`), never as failures.

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value, json};

use crate::identity::{Fingerprints, root_relative};
use crate::registry;
use crate::report::{
    Position, Report, Resolved, baseline_notes, omitted_notes, unchecked_notes, walk_notes,
};
use crate::rule::RuleMeta;
use reelnet_spec::Severity;

/// The key of our fingerprint in `partialFingerprints` (version 2: code,
/// file, JSON path, severity and every value the finding is computed from;
/// see docs/baselines.md).
pub const FINGERPRINT_KEY: &str = "reelnetIdentity/v2";

/// The base every artifact URI is relative to: the project root (see
/// [`crate::root`]).
pub const SRCROOT: &str = "%SRCROOT%";

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a URI reference: relative paths stay relative (GitHub
/// resolves them against the checkout), absolute ones become `file://` URIs.
#[must_use]
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let absolute = path.starts_with('/');
    if absolute {
        out.push_str("file://");
    }
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (b == b':' && absolute);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(p: &Position) -> Value {
    json!({
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column,
    })
}

/// An artifact location: relative to `%SRCROOT%` when the report has a
/// root (an absolute `file://` URI for a file sharing no prefix with it).
fn artifact(report: &Report, file: &str) -> Value {
    if report.root.is_none() {
        return json!({ "uri": uri(file) });
    }
    let relative = root_relative(report, file);
    if relative.starts_with('/') {
        json!({ "uri": uri(&relative) })
    } else {
        json!({ "uri": uri(&relative), "uriBaseId": SRCROOT })
    }
}

/// Each file's artifact location, worked out once (not once per result:
/// a path made absolute asks the system for the working directory).
struct Artifacts<'a> {
    report: &'a Report,
    known: HashMap<&'a str, Value>,
}

impl<'a> Artifacts<'a> {
    fn new(report: &'a Report) -> Self {
        let known = report
            .specs
            .iter()
            .flat_map(|s| s.sources.iter())
            .map(|(_, f)| (f.name.as_str(), artifact(report, &f.name)))
            .collect();
        Self { report, known }
    }

    fn get(&self, file: &str) -> Value {
        self.known
            .get(file)
            .cloned()
            .unwrap_or_else(|| artifact(self.report, file))
    }
}

fn physical(artifacts: &Artifacts<'_>, p: &Position) -> Value {
    json!({
        "artifactLocation": artifacts.get(&p.file),
        "region": region(p),
    })
}

/// `originalUriBaseIds`: `%SRCROOT%` as an absolute `file://` URI ending in `/`.
fn base_ids(report: &Report) -> Option<Value> {
    let root = report.root.as_ref()?;
    let root = crate::paths::normalize(root);
    let mut path = root.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        // A Windows path (C:/...): file:///C:/...
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    Some(json!({
        SRCROOT: {
            "uri": uri(&path),
            "description": { "text": "The project root: the directory of the configuration file, else the repository root, else the working directory" },
        }
    }))
}

fn rule(m: &RuleMeta) -> Value {
    let doc = m.doc();
    let area: String = m
        .code
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect();
    let mut v = json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": doc, "markdown": doc },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": { "tags": [area.to_ascii_lowercase()] },
    });
    // The catalogue's rules have a page in docs/rules/.
    if registry::find(m.code).is_some() {
        v["helpUri"] = json!(crate::docs::rule_url(m.code));
    }
    v
}

fn result(
    artifacts: &Artifacts<'_>,
    r: &Resolved<'_>,
    rule_index: Option<usize>,
    fingerprints: &Fingerprints,
) -> Value {
    let d = r.diagnostic;
    let mut res = Map::new();
    res.insert("ruleId".into(), json!(d.code));
    if let Some(i) = rule_index {
        res.insert("ruleIndex".into(), json!(i));
    }
    res.insert("level".into(), json!(level(d.severity)));
    let text = match &d.help {
        Some(h) => format!("{}\nhelp: {h}", d.message),
        None => d.message.clone(),
    };
    res.insert("message".into(), json!({ "text": text }));
    let mut location = Map::new();
    location.insert("physicalLocation".into(), physical(artifacts, &r.position));
    if !r.position.path.is_empty() {
        location.insert(
            "logicalLocations".into(),
            json!([{ "fullyQualifiedName": r.position.path, "kind": "element" }]),
        );
    }
    res.insert("locations".into(), json!([location]));
    if !r.related.is_empty() {
        let related: Vec<Value> = r
            .related
            .iter()
            .enumerate()
            .map(|(i, (p, msg))| {
                let text = if msg.is_empty() {
                    "related location"
                } else {
                    msg
                };
                json!({ "id": i, "physicalLocation": physical(artifacts, p), "message": { "text": text } })
            })
            .collect();
        res.insert("relatedLocations".into(), json!(related));
    }
    res.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprints.get(d) }),
    );
    if let Some(s) = r.suppression {
        let mut sup = Map::new();
        sup.insert("kind".into(), json!(s.kind.as_str()));
        sup.insert("status".into(), json!("accepted"));
        if !s.justification.is_empty() {
            sup.insert("justification".into(), json!(s.justification));
        }
        if let Some(c) = &s.comment {
            let p = Position::of(r.sources, c);
            sup.insert(
                "location".into(),
                json!({ "physicalLocation": physical(artifacts, &p) }),
            );
        }
        res.insert("suppressions".into(), json!([sup]));
    }
    Value::Object(res)
}

/// The report as a SARIF 2.1.0 log: pretty JSON with a trailing newline.
/// Rules outside the catalogue get an entry with their code and name only;
/// [`render_with_rules`] gives them their documentation.
#[must_use]
pub fn render(report: &Report) -> String {
    render_with_rules(report, &[])
}

/// [`render`], with rules of your own described in full (summary, doc,
/// level) as the catalogue's are: pass `linter.rules()` of the
/// [`crate::Linter`] that made the report. Catalogue rules come first, in
/// code order, then the others in code order.
#[must_use]
pub fn render_with_rules<'a>(
    report: &Report,
    rules: impl IntoIterator<Item = &'a RuleMeta>,
) -> String {
    let mut metas: Vec<RuleMeta> = registry::metas().copied().collect();
    let mut own: Vec<RuleMeta> = rules
        .into_iter()
        .filter(|m| registry::find(m.code).is_none())
        .copied()
        .collect();
    own.sort_by_key(|m| m.code);
    own.dedup_by_key(|m| m.code);
    metas.extend(own);
    // Findings of rules outside the catalogue (a rule of your own) get an entry too.
    let mut extra: Vec<(&str, &str, Severity)> = Vec::new();
    for s in &report.specs {
        for d in s
            .diagnostics
            .iter()
            .chain(s.suppressed.iter().map(|x| &x.diagnostic))
        {
            if !metas.iter().any(|m| m.code == d.code) && !extra.iter().any(|e| e.0 == d.code) {
                extra.push((d.code, d.name, d.severity));
            }
        }
    }
    extra.sort_unstable();
    let mut rules: Vec<Value> = metas.iter().map(rule).collect();
    for (code, name, severity) in &extra {
        rules.push(json!({
            "id": code,
            "name": name,
            "shortDescription": { "text": name },
            "defaultConfiguration": { "level": level(*severity) },
        }));
    }
    metas.extend(extra.iter().map(|(code, name, severity)| RuleMeta {
        code,
        name,
        severity: *severity,
        summary: "",
        raw_doc: "",
        origin: crate::rule::Origin::Model,
    }));
    let mut positions: HashMap<&str, usize> = HashMap::new();
    for (i, m) in metas.iter().enumerate() {
        positions.entry(m.code).or_insert(i);
    }
    let index = |code: &str| positions.get(code).copied();
    let fingerprints = Fingerprints::of(report);
    let mut all: Vec<Resolved<'_>> = Vec::new();
    for s in &report.specs {
        all.extend(s.resolved());
        all.extend(s.resolved_suppressed());
    }
    all.sort_by(|a, b| {
        (
            &a.position.file,
            a.position.line,
            a.position.column,
            a.diagnostic.code,
            &a.diagnostic.message,
            a.suppression.is_some(),
        )
            .cmp(&(
                &b.position.file,
                b.position.line,
                b.position.column,
                b.diagnostic.code,
                &b.diagnostic.message,
                b.suppression.is_some(),
            ))
    });
    let notifications: Vec<Value> = unchecked_notes(report)
        .into_iter()
        .map(|n| json!({ "level": "error", "message": { "text": n } }))
        .chain(
            omitted_notes(report)
                .into_iter()
                .chain(walk_notes(report))
                .chain(baseline_notes(report))
                .map(|n| json!({ "level": "note", "message": { "text": n } })),
        )
        .collect();
    let mut invocation = Map::new();
    invocation.insert("executionSuccessful".into(), json!(true));
    if !notifications.is_empty() {
        invocation.insert("toolExecutionNotifications".into(), json!(notifications));
    }
    let mut run = Map::new();
    run.insert(
        "tool".into(),
        json!({
            "driver": {
                "name": "reelnet-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }
        }),
    );
    run.insert("invocations".into(), json!([invocation]));
    if let Some(ids) = base_ids(report) {
        run.insert("originalUriBaseIds".into(), ids);
    }
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    // The results are written one at a time as the log is serialised (a
    // result's JSON value lives only while it is written): memory in
    // proportion to the text, not to a tree of every result.
    let log = Log {
        schema: SCHEMA,
        runs: [Run {
            fields: &run,
            results: Results {
                artifacts: &Artifacts::new(report),
                all: &all,
                index: &index,
                fingerprints: &fingerprints,
            },
        }],
        version: "2.1.0",
    };
    let mut s = crate::sanitize::to_json_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// The SARIF log: its keys in the order a [`serde_json::Map`] (sorted) has them.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

/// A run: its other fields, with `results` written in its sorted place
/// among them (as it would stand in the [`Map`]).
struct Run<'a> {
    fields: &'a Map<String, Value>,
    results: Results<'a>,
}

impl Serialize for Run<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const KEY: &str = "results";
        let mut map = serializer.serialize_map(Some(self.fields.len() + 1))?;
        let mut written = false;
        for (k, v) in self.fields {
            if !written && k.as_str() > KEY {
                map.serialize_entry(KEY, &self.results)?;
                written = true;
            }
            map.serialize_entry(k, v)?;
        }
        if !written {
            map.serialize_entry(KEY, &self.results)?;
        }
        map.end()
    }
}

/// The results, each built as it is written.
struct Results<'a> {
    artifacts: &'a Artifacts<'a>,
    all: &'a [Resolved<'a>],
    index: &'a dyn Fn(&str) -> Option<usize>,
    fingerprints: &'a Fingerprints,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.all.len()))?;
        for r in self.all {
            seq.serialize_element(&result(
                self.artifacts,
                r,
                (self.index)(r.diagnostic.code),
                self.fingerprints,
            ))?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("infra/reelnet.yaml"), "infra/reelnet.yaml");
        assert_eq!(uri("my specs/a#b.yaml"), "my%20specs/a%23b.yaml");
        assert_eq!(uri("/tmp/x y.yaml"), "file:///tmp/x%20y.yaml");
        assert_eq!(uri("a:b.yaml"), "a%3Ab.yaml");
    }
}
