//! Findings about a `RUN`'s shell text point at the command at fault, not
//! at the start of the argument that holds it: in a here-document body, on
//! any physical line of a continued instruction (comment lines inside it
//! dropped), in an `sh -c` string of the exec form, with CRLF line breaks
//! and tabs. Through the binary for the shapes an issue named, and as a
//! property over generated Dockerfiles (in process, same engine).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use proptest::prelude::*;
use reelnet_lint::Linter;
use reelnet_spec::Loader;

const SPEC: &str = "name: t
compute:
  services:
    - name: web
      image: reelnet/web:1.0.0
      port: 8080
      dockerfile: Dockerfile
";

/// The tail that keeps the other DKR rules quiet.
const TAIL: &str = "USER app\nEXPOSE 8080\nCMD [\"node\", \"server.js\"]\n";

fn dir(name: &str) -> PathBuf {
    common::fresh_dir("dockerfile-positions", name)
}

/// `(line, column, end_line, end_column)` of each DKR004 of `dockerfile`,
/// from the binary's JSON report.
fn dkr004_through_the_binary(d: &Path, dockerfile: &str) -> Vec<Span> {
    std::fs::write(d.join("reelnet.yaml"), SPEC).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(d.join("Dockerfile"), dockerfile).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(d)
        .args(["check", "reelnet.yaml", "--as-of", common::AS_OF])
        .args(["--select", "DKR", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "DKR004" || f["code"] == "DKR000")
        .map(|f| {
            assert_eq!(f["code"], "DKR004", "{f}");
            let n = |k: &str| f[k].as_u64().unwrap_or_default();
            (n("line"), n("column"), n("end_line"), n("end_column"))
        })
        .collect()
}

/// A finding's `(line, column, end_line, end_column)`.
type Span = (u64, u64, u64, u64);

/// The example and its siblings, each with the exact place of
/// the command at fault (1-based line and column, end column exclusive).
#[test]
fn findings_point_at_the_command_at_fault() {
    let d = dir("binary");
    let cases: &[(&str, &str, &[Span])] = &[
        (
            "the issue's example: a here-document body",
            "FROM node:20-alpine\nRUN <<EOF\nset -e\nnpm install\nEOF\n",
            &[(4, 1, 4, 12)],
        ),
        (
            "the third physical line of a continued RUN",
            "FROM node:20-alpine\nRUN apk add git \\\n    && echo a \\\n    && npm install --production\n",
            &[(4, 8, 4, 19)],
        ),
        (
            "a comment line inside the continuation is skipped",
            "FROM node:20-alpine\nRUN apk add git \\\n# why\n\t&& npm i\n",
            &[(4, 5, 4, 10)],
        ),
        (
            "`<<-` with tab-indented body lines",
            "FROM node:20-alpine\nRUN <<-EOF\n\tset -e\n\t\tyarn install\n\tEOF\n",
            &[(4, 3, 4, 15)],
        ),
        (
            "the second here-document of one RUN",
            "FROM node:20-alpine\nRUN <<A sh && <<B sh\nnpm ci\nA\necho b\n  pip install flask\nB\n",
            &[(6, 3, 6, 14)],
        ),
        (
            "a shell continuation inside a body: from `npm` to `install`",
            "FROM node:20-alpine\nRUN <<EOF\nnpm \\\n  install\nEOF\n",
            &[(3, 1, 4, 10)],
        ),
        (
            "CRLF line breaks, in a body and in a continuation",
            "FROM node:20-alpine\r\nRUN <<EOF\r\nset -e\r\nnpm install\r\nEOF\r\nRUN echo a \\\r\n  && npm i\r\n",
            &[(4, 1, 4, 12), (7, 6, 7, 11)],
        ),
        (
            "the exec form's `sh -c` string, an escape before the command",
            "FROM node:20-alpine\nRUN [\"sh\", \"-c\", \"echo \\\"a\\\" && npm install\"]\n",
            &[(2, 33, 2, 44)],
        ),
        (
            "an ONBUILD RUN trigger, after its flags and a continuation",
            "FROM node:20-alpine\nONBUILD RUN npm install\nONBUILD RUN --mount=type=cache,target=/root/.npm \\\n    yarn\n",
            &[(2, 13, 2, 24), (4, 5, 4, 9)],
        ),
        (
            "an ONBUILD RUN here-document, and its exec forms",
            "FROM node:20-alpine\nONBUILD RUN <<EOF\nset -e\nnpm i\nEOF\nONBUILD RUN [\"npm\", \"install\"]\nONBUILD RUN [\"sh\", \"-c\", \"npm ci && pip install flask\"]\n",
            &[(4, 1, 4, 6), (6, 14, 6, 30), (7, 37, 7, 48)],
        ),
        (
            "each here-document goes to the command whose `<<` opens it",
            "FROM node:20-alpine\nRUN python3 <<A && <<B sh\nprint('npm install')\nA\n  npm install\nB\n",
            &[(5, 3, 5, 14)],
        ),
        (
            "a here-document inside a script is data for its command",
            "FROM node:20-alpine\nRUN <<EOF\ncat <<X > notes\nnpm install\nX\nyarn\nEOF\n",
            &[(6, 1, 6, 5)],
        ),
        (
            "review: a `'` in a comment or inside double quotes opens no quote",
            "FROM node:20-alpine\nRUN <<EOF\n# don't cache\necho \"it's\" && npm \\\n  install\nEOF\n",
            &[(4, 16, 5, 10)],
        ),
        (
            "review: an ONBUILD trigger is joined before it is read (a comment line, an exec form over lines)",
            "FROM node:20-alpine\nONBUILD RUN \\\n  # why\n  npm install\nONBUILD RUN [\"npm\", \\\n  \"i\"]\nONBUILD RUN [\"sh\", \"-c\", \\\n  \"yarn\"]\n",
            &[(4, 3, 4, 14), (5, 14, 6, 6), (8, 4, 8, 8)],
        ),
        (
            "review: a line continuation inside an exec form's `sh -c` string",
            "FROM node:20-alpine\nRUN [\"sh\", \"-c\", \"apk add git \\\n  && npm install\"]\n",
            &[(3, 6, 3, 17)],
        ),
        (
            "review: an exec-form RUN underlines the elements the message quotes",
            "FROM node:20-alpine\nRUN [\"npm\", \"--loglevel=warn\", \"install\", \"x\"]\n",
            &[(2, 6, 2, 41)],
        ),
        (
            "an assignment before the command, and quoted words",
            "FROM node:20-alpine\nRUN NODE_ENV=dev \"npm\" 'install'\n",
            &[(2, 18, 2, 33)],
        ),
    ];
    for (name, text, want) in cases {
        let text = format!("{text}{TAIL}");
        assert_eq!(
            dkr004_through_the_binary(&d, &text),
            *want,
            "{name}:\n{text}"
        );
    }
}

// ------------------------------------------------------------ the property

/// An offending command: as written, and the part a finding underlines
/// (its offset in the written text and its text).
const OFFENDERS: &[(&str, usize, &str)] = &[
    ("npm install", 0, "npm install"),
    ("npm --loglevel=warn i", 0, "npm --loglevel=warn i"),
    ("yarn", 0, "yarn"),
    ("yarn install --verbose", 0, "yarn install"),
    ("pip install flask", 0, "pip install"),
    (
        "python3 -m pip install requests",
        0,
        "python3 -m pip install",
    ),
    ("NODE_ENV=dev npm i", 13, "npm i"),
];

/// Where the offending command goes.
#[derive(Clone, Debug)]
enum Shape {
    /// `RUN [prefix &&] CMD` on one line.
    Line,
    /// A `RUN` continued over `before` lines (with a comment line inside
    /// when `comment`), the command on the next, `after` more lines.
    Continued {
        before: usize,
        after: usize,
        comment: bool,
    },
    /// A here-document (`<<-` with tab indentation when `chomp`; `bash`
    /// before it when `bash`) with `before` lines before the command.
    Heredoc {
        before: usize,
        chomp: bool,
        bash: bool,
    },
    /// The second of two here-documents.
    SecondHeredoc { before: usize },
    /// The `sh -c` string of the exec form.
    Exec,
    /// An `ONBUILD RUN` trigger (with a flag when `flag`), or its
    /// here-document when `heredoc`.
    Onbuild { flag: bool, heredoc: bool },
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        Just(Shape::Line),
        (0usize..4, 0usize..3, any::<bool>()).prop_map(|(before, after, comment)| {
            Shape::Continued {
                before,
                after,
                comment,
            }
        }),
        (0usize..4, any::<bool>(), any::<bool>()).prop_map(|(before, chomp, bash)| {
            Shape::Heredoc {
                before,
                chomp,
                bash,
            }
        }),
        (0usize..3).prop_map(|before| Shape::SecondHeredoc { before }),
        Just(Shape::Exec),
        (any::<bool>(), any::<bool>()).prop_map(|(flag, heredoc)| Shape::Onbuild { flag, heredoc }),
    ]
}

/// Builds a Dockerfile and remembers where each underlined part is.
struct Writer {
    text: String,
    eol: &'static str,
    want: Vec<(usize, &'static str)>,
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push_str(self.eol);
    }

    /// `head`, then the offender (recorded), then `tail`, as one line.
    fn offender(&mut self, head: &str, offender: usize, tail: &str) {
        let (written, at, underlined) = OFFENDERS[offender % OFFENDERS.len()];
        self.text.push_str(head);
        self.want.push((self.text.len() + at, underlined));
        self.text.push_str(written);
        self.text.push_str(tail);
        self.text.push_str(self.eol);
    }

    fn piece(&mut self, shape: &Shape, offender: usize, indent: &str) {
        match shape {
            Shape::Line => self.offender(&format!("RUN {indent}echo a && "), offender, ""),
            Shape::Continued {
                before,
                after,
                comment,
            } => {
                self.line("RUN set -e \\");
                for i in 0..*before {
                    self.line(&format!("{indent}&& echo {i} \\"));
                    if *comment && i == 0 {
                        self.line("  # npm install here would be a comment");
                    }
                }
                let more = if *after > 0 { " \\" } else { "" };
                self.offender(&format!("{indent}&& "), offender, more);
                for i in 0..*after {
                    let more = if i + 1 < *after { " \\" } else { "" };
                    self.line(&format!("{indent}&& echo {i}{more}"));
                }
            }
            Shape::Heredoc {
                before,
                chomp,
                bash,
            } => {
                let (open, tab) = if *chomp {
                    ("<<-EOF", "\t")
                } else {
                    ("<<EOF", "")
                };
                let program = if *bash { "bash " } else { "" };
                self.line(&format!("RUN {program}{open}"));
                for i in 0..*before {
                    self.line(&format!("{tab}{indent}echo {i}"));
                }
                self.offender(&format!("{tab}{indent}"), offender, "");
                self.line(&format!("{tab}EOF"));
            }
            Shape::SecondHeredoc { before } => {
                self.line("RUN <<A sh && <<B sh");
                self.line("echo a");
                self.line("A");
                for i in 0..*before {
                    self.line(&format!("{indent}echo {i}"));
                }
                self.offender(indent, offender, " && echo done");
                self.line("B");
            }
            Shape::Exec => {
                self.offender("RUN [\"sh\", \"-c\", \"echo a; ", offender, "\"]");
            }
            Shape::Onbuild { flag, heredoc } => {
                let flag = if *flag {
                    "--mount=type=cache,target=/c "
                } else {
                    ""
                };
                if *heredoc {
                    self.line(&format!("ONBUILD RUN {flag}<<EOF"));
                    self.offender(indent, offender, "");
                    self.line("EOF");
                } else {
                    self.offender(&format!("ONBUILD RUN {flag}{indent}"), offender, "");
                }
            }
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset, counted
/// here from the text (lines end at `\n`).
fn line_col(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[start..at].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

fn linter() -> Linter {
    common::linter(&["DKR"])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every DKR004 underlines exactly the offending words where the
    /// generator wrote them (byte range, then line and column counted
    /// from the text), one finding per offender, whatever the shape, the
    /// indentation (spaces or tabs) and the line breaks (LF or CRLF).
    #[test]
    fn each_finding_is_exactly_where_the_command_is_written(
        pieces in proptest::collection::vec((shape(), 0usize..64, 0usize..3), 1..5),
        crlf in any::<bool>(),
    ) {
        let mut w = Writer {
            text: String::new(),
            eol: if crlf { "\r\n" } else { "\n" },
            want: Vec::new(),
        };
        w.line("FROM node:24-alpine");
        for (shape, offender, indent) in &pieces {
            w.piece(shape, *offender, ["", "  ", "\t "][*indent]);
        }
        for l in TAIL.lines() {
            w.line(l);
        }
        let loaded = Loader::default().read_texts_with(
            vec![("reelnet.yaml".to_owned(), SPEC.to_owned())],
            &[("Dockerfile".to_owned(), w.text.clone())],
        );
        let report = linter().check_loaded("reelnet.yaml", loaded);
        let file = report
            .sources
            .iter()
            .find(|(_, f)| f.name == "Dockerfile")
            .map(|(_, f)| f);
        prop_assert!(file.is_some());
        let Some(file) = file else { return Ok(()) };
        let mut got: Vec<(usize, String)> = Vec::new();
        for d in &report.diagnostics {
            prop_assert_eq!(d.code, "DKR004", "{}: {}\n{}", d.code, d.message, w.text);
            let r = d.primary.range;
            let at = r.start as usize;
            got.push((at, file.slice(r).to_owned()));
            let lc = file.line_col(r.start);
            prop_assert_eq!((lc.line, lc.column), line_col(&w.text, at), "{}", w.text);
        }
        let want: Vec<(usize, String)> =
            w.want.iter().map(|(at, s)| (*at, (*s).to_owned())).collect();
        prop_assert_eq!(got, want, "{}", w.text);
    }
}
