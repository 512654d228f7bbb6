//! Dockerfiles, parsed with `parse-dockerfile` (the BuildKit grammar: parser
//! directives, line continuations, here-documents, exec and shell forms),
//! with the byte range of every instruction and argument.
//!
//! Every instruction and argument is a node of the file's source map, so
//! that rules, suppressions and baselines treat a Dockerfile like any other
//! file of the spec: instruction `i` is the JSON Pointer `/i` (its key is the
//! keyword, its value the whole instruction), its argument `j` is `/i/j`.

use std::ops::Range;

use parse_dockerfile as pd;

use crate::model::Spanned;
use crate::source::{FileId, Loc, MapEntry, SourceFile, TextRange};

use super::Problem;

/// A parsed Dockerfile.
#[derive(Clone, Debug, PartialEq)]
pub struct Dockerfile {
    /// The file, as shown in reports.
    pub path: String,
    /// The whole file (its source map's root).
    pub loc: Loc,
    /// The spec values that reference this file (`dockerfile:` of services).
    pub references: Vec<Loc>,
    /// Every instruction in order, global `ARG`s included.
    pub instructions: Vec<Instruction>,
    /// The build stages in order; the last one is the image that runs.
    pub stages: Vec<Stage>,
    /// Why the file could not be parsed (then it has no instructions).
    pub problem: Option<Problem>,
    /// The `.dockerignore` found for it, if any: `NAME.dockerignore` beside
    /// the Dockerfile (BuildKit's per-Dockerfile file), else `.dockerignore`
    /// in its directory (the build context, when built from there).
    pub dockerignore: Option<String>,
}

/// How a `RUN`, `CMD` or `ENTRYPOINT` gives its command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandForm {
    /// A JSON array, run without a shell.
    Exec,
    /// A string run by `/bin/sh -c` (or the `SHELL`).
    Shell,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// The whole instruction (key: its keyword).
    pub loc: Loc,
    /// The keyword, uppercase (`FROM`, `RUN`, ...).
    pub keyword: String,
    /// Options such as `--from=build` or `--chown=app`, as written.
    pub flags: Vec<Spanned<String>>,
    /// The arguments, unescaped: `FROM` image (and stage name), `COPY`/`ADD`
    /// sources then destination, `EXPOSE` ports, `USER` user, the elements
    /// of an exec-form command or the text of a shell-form one, the raw text
    /// of the other instructions.
    pub arguments: Vec<Spanned<String>>,
    /// For `RUN`, `CMD` and `ENTRYPOINT`.
    pub form: Option<CommandForm>,
    /// The stage the instruction belongs to (`None` for an `ARG` before the
    /// first `FROM`).
    pub stage: Option<usize>,
}

/// One build stage: a `FROM` and the instructions up to the next one.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// The base image as written (`node:18-alpine`, `${BASE}`, `build`).
    pub image: Spanned<String>,
    /// The stage name (`AS build`).
    pub name: Option<Spanned<String>>,
    /// Indexes of its instructions in [`Dockerfile::instructions`], its
    /// `FROM` first.
    pub instructions: Range<usize>,
}

impl Dockerfile {
    /// The stage that becomes the image (the last one).
    #[must_use]
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The instructions of a stage.
    #[must_use]
    pub fn stage_instructions(&self, stage: &Stage) -> &[Instruction] {
        self.instructions
            .get(stage.instructions.clone())
            .unwrap_or(&[])
    }

    /// The image a stage is built on: a reference to an earlier stage
    /// (`FROM build`) is followed to that stage's base, and `$VAR`/`${VAR}`
    /// are replaced by the defaults of the `ARG`s before the first `FROM`.
    /// None when it is `scratch` or a variable without a default.
    #[must_use]
    pub fn base_image(&self, stage: &Stage) -> Option<String> {
        let mut current = stage;
        // At most one hop per stage: a stage can only name an earlier one.
        for _ in 0..=self.stages.len() {
            let image = self.substitute(&current.image.value)?;
            let earlier = self.stages.iter().find(|s| {
                s.instructions.start < current.instructions.start
                    && s.name
                        .as_ref()
                        .is_some_and(|n| n.value.eq_ignore_ascii_case(&image))
            });
            match earlier {
                Some(s) => current = s,
                None if image == "scratch" => return None,
                None => return Some(image),
            }
        }
        None
    }

    /// Replace `$NAME` and `${NAME}` (and `${NAME:-default}`) by the
    /// defaults of the global `ARG`s; None when one has no value.
    fn substitute(&self, text: &str) -> Option<String> {
        if !text.contains('$') {
            return Some(text.to_owned());
        }
        let args: Vec<(&str, Option<&str>)> = self
            .instructions
            .iter()
            .filter(|i| i.stage.is_none() && i.keyword == "ARG")
            .flat_map(|i| i.arguments.iter())
            .flat_map(|a| a.value.split_whitespace())
            .map(|decl| match decl.split_once('=') {
                Some((k, v)) => (k, Some(v.trim_matches('"'))),
                None => (decl, None),
            })
            .collect();
        let lookup = |name: &str| {
            args.iter()
                .rev()
                .find(|(k, _)| *k == name)
                .and_then(|(_, v)| *v)
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let (name, default, len) = if let Some(inner) = after.strip_prefix('{') {
                let end = inner.find('}')?;
                let body = &inner[..end];
                let (name, default) = match body.split_once(":-") {
                    Some((n, d)) => (n, Some(d)),
                    None => (body, None),
                };
                (name, default, end + 2)
            } else {
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                (&after[..end], None, end)
            };
            out.push_str(lookup(name).or(default)?);
            rest = &after[len..];
        }
        out.push_str(rest);
        Some(out)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn range(span: &Range<usize>) -> TextRange {
    TextRange::new(to_u32(span.start), to_u32(span.end.max(span.start)))
}

/// Builds the nodes of one Dockerfile's source map.
struct Nodes<'f> {
    file_id: FileId,
    file: &'f mut SourceFile,
}

impl Nodes<'_> {
    fn push(
        &mut self,
        pointer: String,
        key: Option<TextRange>,
        value: TextRange,
        container: bool,
    ) -> Loc {
        let node = self.file.map.push(MapEntry {
            pointer: pointer.into(),
            key,
            value,
            container,
        });
        Loc {
            file: self.file_id,
            node,
        }
    }
}

/// One instruction's parts before they become nodes.
struct Parts {
    keyword: &'static str,
    keyword_span: Range<usize>,
    flags: Vec<(Range<usize>, String)>,
    arguments: Vec<(Range<usize>, String)>,
    form: Option<CommandForm>,
}

fn words(items: &[pd::UnescapedString<'_>]) -> Vec<(Range<usize>, String)> {
    items
        .iter()
        .map(|w| (w.span.clone(), w.value.to_string()))
        .collect()
}

fn word(w: &pd::UnescapedString<'_>) -> Vec<(Range<usize>, String)> {
    vec![(w.span.clone(), w.value.to_string())]
}

fn flags(items: &[pd::Flag<'_>], text: &str) -> Vec<(Range<usize>, String)> {
    items
        .iter()
        .map(|f| {
            let span = f.span();
            let shown = text.get(span.clone()).unwrap_or("").to_owned();
            (span, shown)
        })
        .collect()
}

fn command(c: &pd::Command<'_>) -> (Vec<(Range<usize>, String)>, CommandForm) {
    match c {
        pd::Command::Exec(items) => (words(&items.value), CommandForm::Exec),
        pd::Command::Shell(s) => (
            vec![(s.span.clone(), s.value.to_owned())],
            CommandForm::Shell,
        ),
        _ => (Vec::new(), CommandForm::Shell),
    }
}

#[allow(clippy::too_many_lines)]
fn parts(i: &pd::Instruction<'_>, text: &str) -> Parts {
    let p = |keyword: &'static str, span: &Range<usize>| Parts {
        keyword,
        keyword_span: span.clone(),
        flags: Vec::new(),
        arguments: Vec::new(),
        form: None,
    };
    match i {
        pd::Instruction::Add(a) => {
            let mut out = p("ADD", &a.add.span);
            out.flags = flags(&a.options, text);
            out.arguments = sources(&a.src);
            out.arguments
                .push((a.dest.span.clone(), a.dest.value.to_string()));
            out
        }
        pd::Instruction::Copy(c) => {
            let mut out = p("COPY", &c.copy.span);
            out.flags = flags(&c.options, text);
            out.arguments = sources(&c.src);
            out.arguments
                .push((c.dest.span.clone(), c.dest.value.to_string()));
            out
        }
        pd::Instruction::Arg(a) => {
            let mut out = p("ARG", &a.arg.span);
            out.arguments = word(&a.arguments);
            out
        }
        pd::Instruction::Cmd(c) => {
            let mut out = p("CMD", &c.cmd.span);
            let (args, form) = command(&c.arguments);
            out.arguments = args;
            out.form = Some(form);
            out
        }
        pd::Instruction::Entrypoint(e) => {
            let mut out = p("ENTRYPOINT", &e.entrypoint.span);
            let (args, form) = command(&e.arguments);
            out.arguments = args;
            out.form = Some(form);
            out
        }
        pd::Instruction::Run(r) => {
            let mut out = p("RUN", &r.run.span);
            out.flags = flags(&r.options, text);
            let (args, form) = command(&r.arguments);
            out.arguments = args;
            out.arguments.extend(
                r.here_docs
                    .iter()
                    .map(|h| (h.span.clone(), h.value.to_string())),
            );
            out.form = Some(form);
            out
        }
        pd::Instruction::Env(e) => {
            let mut out = p("ENV", &e.env.span);
            out.arguments = word(&e.arguments);
            out
        }
        pd::Instruction::Expose(e) => {
            let mut out = p("EXPOSE", &e.expose.span);
            out.arguments = words(&e.arguments);
            out
        }
        pd::Instruction::From(f) => {
            let mut out = p("FROM", &f.from.span);
            out.flags = flags(&f.options, text);
            out.arguments = word(&f.image);
            if let Some((_, name)) = &f.as_ {
                out.arguments
                    .push((name.span.clone(), name.value.to_string()));
            }
            out
        }
        pd::Instruction::Healthcheck(h) => {
            let mut out = p("HEALTHCHECK", &h.healthcheck.span);
            out.flags = flags(&h.options, text);
            if let pd::HealthcheckArguments::Cmd { arguments, .. } = &h.arguments {
                let (args, form) = command(arguments);
                out.arguments = args;
                out.form = Some(form);
            }
            out
        }
        pd::Instruction::Label(l) => {
            let mut out = p("LABEL", &l.label.span);
            out.arguments = word(&l.arguments);
            out
        }
        pd::Instruction::Maintainer(m) => {
            let mut out = p("MAINTAINER", &m.maintainer.span);
            out.arguments = word(&m.name);
            out
        }
        pd::Instruction::Onbuild(o) => {
            let mut out = p("ONBUILD", &o.onbuild.span);
            let inner = parts(&o.instruction, text);
            let start = inner.keyword_span.start;
            let end = inner
                .arguments
                .iter()
                .map(|(r, _)| r.end)
                .max()
                .unwrap_or(inner.keyword_span.end);
            out.arguments = vec![(start..end, text.get(start..end).unwrap_or("").to_owned())];
            out
        }
        pd::Instruction::Shell(s) => {
            let mut out = p("SHELL", &s.shell.span);
            out.arguments = words(&s.arguments);
            out
        }
        pd::Instruction::Stopsignal(s) => {
            let mut out = p("STOPSIGNAL", &s.stopsignal.span);
            out.arguments = word(&s.arguments);
            out
        }
        pd::Instruction::User(u) => {
            let mut out = p("USER", &u.user.span);
            out.arguments = word(&u.arguments);
            out
        }
        pd::Instruction::Volume(v) => {
            let mut out = p("VOLUME", &v.volume.span);
            out.arguments = match &v.arguments {
                pd::JsonOrStringArray::Json(items) => words(&items.value),
                pd::JsonOrStringArray::String(items) => words(items),
            };
            out
        }
        pd::Instruction::Workdir(w) => {
            let mut out = p("WORKDIR", &w.workdir.span);
            out.arguments = word(&w.arguments);
            out
        }
        // The enum is non-exhaustive: an instruction a later version knows.
        _ => p("UNKNOWN", &(0..0)),
    }
}

fn sources(items: &[pd::Source<'_>]) -> Vec<(Range<usize>, String)> {
    items
        .iter()
        .filter_map(|s| match s {
            pd::Source::Path(p) => Some((p.span.clone(), p.value.to_string())),
            pd::Source::HereDoc(h) => Some((h.span.clone(), h.value.to_string())),
            _ => None,
        })
        .collect()
}

/// Parse a Dockerfile already added to the sources (its text decoded).
/// `problem` is a decoding problem found before (binary, not UTF-8, too
/// large): then the file is not parsed.
pub(crate) fn parse(
    file_id: FileId,
    file: &mut SourceFile,
    problem: Option<(TextRange, String)>,
) -> Dockerfile {
    let path = file.name.clone();
    let whole = TextRange::new(0, to_u32(file.text.len()));
    let text = file.text.clone();
    let mut nodes = Nodes { file_id, file };
    let root = nodes.push(String::new(), None, whole, true);
    let mut out = Dockerfile {
        path,
        loc: root,
        references: Vec::new(),
        instructions: Vec::new(),
        stages: Vec::new(),
        problem: None,
        dockerignore: None,
    };
    if let Some((range, message)) = problem {
        let loc = nodes.push("/error".into(), None, range, false);
        out.problem = Some(Problem {
            loc,
            message,
            at_key: false,
            syntax: true,
        });
        return out;
    }
    let parsed = match pd::parse(&text) {
        Ok(p) => p,
        Err(e) => {
            let at = offset_of(&text, e.line(), e.column());
            let end = text
                .get(at..)
                .and_then(|s| s.chars().next())
                .filter(|c| *c != '\n')
                .map_or(at, |c| at + c.len_utf8());
            let loc = nodes.push(
                "/error".into(),
                None,
                TextRange::new(to_u32(at), to_u32(end)),
                false,
            );
            out.problem = Some(Problem {
                loc,
                message: format!("{e:#}"),
                at_key: false,
                syntax: true,
            });
            return out;
        }
    };
    let mut stage: Option<usize> = None;
    for (i, ins) in parsed.instructions.iter().enumerate() {
        let parts = parts(ins, &text);
        if parts.keyword == "FROM" {
            stage = Some(stage.map_or(0, |s| s + 1));
        }
        let end = parts
            .arguments
            .iter()
            .map(|(r, _)| r.end)
            .chain(parts.flags.iter().map(|(r, _)| r.end))
            .max()
            .unwrap_or(parts.keyword_span.end)
            .max(parts.keyword_span.end);
        let ins_loc = nodes.push(
            format!("/{i}"),
            Some(range(&parts.keyword_span)),
            TextRange::new(to_u32(parts.keyword_span.start), to_u32(end)),
            false,
        );
        let mut flags = Vec::new();
        for (j, (span, value)) in parts.flags.into_iter().enumerate() {
            let loc = nodes.push(format!("/{i}/flags/{j}"), None, range(&span), false);
            flags.push(Spanned::new(value, loc));
        }
        let mut arguments = Vec::new();
        for (j, (span, value)) in parts.arguments.into_iter().enumerate() {
            let loc = nodes.push(format!("/{i}/{j}"), None, range(&span), false);
            arguments.push(Spanned::new(value, loc));
        }
        let keyword = parts.keyword.to_owned();
        if keyword == "FROM" {
            let image = arguments
                .first()
                .cloned()
                .unwrap_or_else(|| Spanned::new(String::new(), ins_loc));
            out.stages.push(Stage {
                image,
                name: arguments.get(1).cloned(),
                instructions: i..i + 1,
            });
        } else if let Some(s) = stage.and_then(|s| out.stages.get_mut(s)) {
            s.instructions.end = i + 1;
        }
        out.instructions.push(Instruction {
            loc: ins_loc,
            keyword,
            flags,
            arguments,
            form: parts.form,
            stage,
        });
    }
    out
}

/// The byte offset of a 1-based line and column (clamped to the text).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text.get(line_start..).unwrap_or("");
    let line_text = line_text.split('\n').next().unwrap_or("");
    let mut at = line_start + column.saturating_sub(1).min(line_text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Dockerfile, SourceFile) {
        let mut file = SourceFile::new("Dockerfile".into(), text.into());
        let d = parse(FileId(0), &mut file, None);
        (d, file)
    }

    #[test]
    fn instructions_arguments_and_stages() {
        let text = "ARG BASE=node:20-alpine\nFROM ${BASE} AS build\nRUN npm ci\nFROM build\nUSER app\nCMD [\"node\", \"server.js\"]\n";
        let (d, file) = parsed(text);
        assert!(d.problem.is_none());
        let kw: Vec<&str> = d.instructions.iter().map(|i| i.keyword.as_str()).collect();
        assert_eq!(kw, ["ARG", "FROM", "RUN", "FROM", "USER", "CMD"]);
        assert_eq!(d.stages.len(), 2);
        assert_eq!(d.instructions[0].stage, None);
        assert_eq!(d.instructions[4].stage, Some(1));
        let last = d.final_stage().map(|s| d.base_image(s));
        assert_eq!(last, Some(Some("node:20-alpine".to_owned())));
        let cmd = &d.instructions[5];
        assert_eq!(cmd.form, Some(CommandForm::Exec));
        let arg = &cmd.arguments[1];
        let entry = file.map.entry(arg.loc.node).map(|e| file.slice(e.value));
        assert_eq!(entry, Some("server.js"));
        assert_eq!(file.map.lookup("/5/1"), Some(arg.loc.node));
    }

    #[test]
    fn errors_are_located() {
        let (d, file) = parsed("FROM alpine\nRUN echo hi\nBOGUS x\n");
        let p = d.problem.as_ref().map(|p| {
            let r = file
                .map
                .entry(p.loc.node)
                .map(|e| e.value)
                .unwrap_or_default();
            (file.line_col(r.start).line, p.message.clone())
        });
        assert!(matches!(p, Some((3, _))), "{p:?}");
    }

    #[test]
    fn scratch_and_unknown_variables_have_no_base() {
        let (d, _) = parsed("FROM scratch\nCOPY app /\n");
        assert_eq!(d.final_stage().and_then(|s| d.base_image(s)), None);
        let (d, _) = parsed("FROM $UNSET\n");
        assert_eq!(d.final_stage().and_then(|s| d.base_image(s)), None);
    }
}
