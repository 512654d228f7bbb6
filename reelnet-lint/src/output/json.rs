//! The version-1 JSON report of INTERFACES.md.

use serde::Serialize;

use crate::report::{Report, Resolved, Summary, notes};

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Debug, Serialize)]
struct Related<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    path: &'a str,
    message: &'a str,
}

/// One diagnostic as the JSON report shows it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    path: &'a str,
    help: Option<&'a str>,
    related: Vec<Related<'a>>,
}

impl<'a> JsonDiagnostic<'a> {
    /// The JSON form of one resolved finding (report version 1, see
    /// docs/output-formats.md).
    #[must_use]
    pub fn new(r: &'a Resolved<'a>) -> Self {
        let d = r.diagnostic;
        Self {
            code: d.code,
            name: d.name,
            severity: d.severity.as_str(),
            message: &d.message,
            file: &r.position.file,
            line: r.position.line,
            column: r.position.column,
            end_line: r.position.end_line,
            end_column: r.position.end_column,
            path: &r.position.path,
            help: d.help.as_deref(),
            related: r
                .related
                .iter()
                .map(|(p, m)| Related {
                    file: &p.file,
                    line: p.line,
                    column: p.column,
                    end_line: p.end_line,
                    end_column: p.end_column,
                    path: &p.path,
                    message: m,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
    /// Baseline entries that hid nothing (present only when there are some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

/// The report as pretty-printed JSON with a trailing newline.
#[must_use]
pub fn render(report: &Report) -> String {
    let resolved = report.resolved();
    let doc = JsonReport {
        version: 1,
        tool: Tool {
            name: "reelnet-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics: resolved.iter().map(JsonDiagnostic::new).collect(),
        summary: report.summary(),
        notes: notes(report),
    };
    let mut s =
        crate::sanitize::to_json_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
