//! Dockerfiles, parsed with `parse-dockerfile` (the BuildKit grammar: parser
//! directives, line continuations, here-documents, exec and shell forms),
//! with the byte range of every instruction and argument.
//!
//! Every instruction and argument is a node of the file's source map, so
//! that rules, suppressions and baselines treat a Dockerfile like any other
//! file of the spec: instruction `i` is the JSON Pointer `/i` (its key is the
//! keyword, its value the whole instruction), its argument `j` is `/i/j`.

use std::collections::HashMap;
use std::ops::Range;

use parse_dockerfile as pd;
use serde::Serialize;

use crate::source::{FileId, Loc, NewEntry, SourceFile, TextRange};
use crate::spanned::Spanned;
use crate::types::ImageRef;

use super::Problem;
use super::run_command::{self as rc, RunCommand};

/// A parsed Dockerfile (the Dockerfile reference,
/// <https://docs.docker.com/reference/dockerfile/>).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dockerfile {
    /// The file, as shown in reports.
    pub path: String,
    /// The whole file (its source map's root).
    #[serde(skip)]
    pub loc: Loc,
    /// The spec values that reference this file (`dockerfile:` of services).
    #[serde(skip)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommandForm {
    /// A JSON array, run without a shell.
    Exec,
    /// A string run by `/bin/sh -c` (or the `SHELL`).
    Shell,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instruction {
    /// The whole instruction (key: its keyword).
    #[serde(skip)]
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
    /// For `RUN`, `CMD` and `ENTRYPOINT`, and an `ONBUILD` whose trigger
    /// is a `RUN`: the command as BuildKit runs it (a shell-form line
    /// joined, its here-document bodies, or the exec form's decoded
    /// elements), with the file offset of each byte, so that a finding can
    /// point at one command inside it.
    #[serde(skip)]
    pub run: Option<RunCommand>,
}

/// One build stage: a `FROM` and the instructions up to the next one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    /// The base image as written (`node:18-alpine`, `${BASE}`, `build`).
    pub image: Spanned<String>,
    /// What `image` names, read at load.
    #[serde(skip)]
    pub base: BaseImage,
    /// The stage name (`AS build`).
    pub name: Option<Spanned<String>>,
    /// Indexes of its instructions in [`Dockerfile::instructions`], its
    /// `FROM` first.
    pub instructions: Range<usize>,
}

/// What a `FROM` names, read at load as BuildKit reads it
/// (<https://docs.docker.com/reference/dockerfile/#from>).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseImage {
    /// An image reference (`node:18-alpine`).
    Image(ImageRef),
    /// `scratch`: the empty image, nothing is pulled.
    Scratch,
    /// An earlier stage, by its index in [`Dockerfile::stages`] (its
    /// `AS` name, compared without case, as BuildKit does).
    Stage(usize),
    /// Text with `$NAME`/`${NAME}` build arguments, as written: what it names
    /// is known only with the build's arguments ([`Dockerfile::base_image`]
    /// resolves it with the global `ARG` defaults).
    Templated(String),
    /// Not an image reference: why, in words (`it is empty`).
    Invalid(String),
}

impl BaseImage {
    /// What `text` names in a `FROM` after the stages named in `earlier`
    /// (lowercase name to the first stage that has it).
    fn read(text: &str, earlier: &HashMap<String, usize>) -> Self {
        if let Some(&i) = earlier.get(&text.to_ascii_lowercase()) {
            return Self::Stage(i);
        }
        if text == "scratch" {
            return Self::Scratch;
        }
        if text.contains('$') {
            return Self::Templated(text.to_owned());
        }
        match ImageRef::parse_reason(text) {
            Ok(r) => Self::Image(r),
            Err(why) => Self::Invalid(why),
        }
    }
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
    /// Linear in the file; for every stage at once, [`Self::base_images`].
    #[must_use]
    pub fn base_image(&self, stage: &Stage) -> Option<ImageRef> {
        let at = self
            .stages
            .iter()
            .position(|s| s.instructions.start == stage.instructions.start)?;
        self.base_images().into_iter().nth(at).flatten()
    }

    /// [`Self::base_image`] of every stage, in order, in one pass (a
    /// stage can only name an earlier one, whose base is then known): linear
    /// in the file, whatever the chain of stages.
    #[must_use]
    pub fn base_images(&self) -> Vec<Option<ImageRef>> {
        let args = self.global_args();
        // Each name (case-insensitive) to the first stage that has it.
        let mut named: HashMap<String, usize> = HashMap::new();
        let mut out: Vec<Option<ImageRef>> = Vec::with_capacity(self.stages.len());
        for (i, stage) in self.stages.iter().enumerate() {
            let base = match &stage.base {
                BaseImage::Templated(raw) => substitute(&args, raw)
                    .map(|text| BaseImage::read(&text, &named))
                    .unwrap_or(BaseImage::Scratch),
                b => b.clone(),
            };
            let base = match base {
                BaseImage::Image(r) => Some(r),
                BaseImage::Stage(earlier) => out.get(earlier).cloned().flatten(),
                // Still templated after substitution: unknown.
                BaseImage::Scratch | BaseImage::Templated(_) | BaseImage::Invalid(_) => None,
            };
            out.push(base);
            if let Some(n) = &stage.name {
                named.entry(n.value.to_ascii_lowercase()).or_insert(i);
            }
        }
        out
    }

    /// The defaults of the `ARG`s before the first `FROM` (the last
    /// declaration of a name wins; None for one without a default).
    fn global_args(&self) -> HashMap<&str, Option<&str>> {
        self.instructions
            .iter()
            .filter(|i| i.stage.is_none() && i.keyword == "ARG")
            .flat_map(|i| i.arguments.iter())
            .flat_map(|a| a.value.split_whitespace())
            .map(|decl| match decl.split_once('=') {
                Some((k, v)) => (k, Some(v.trim_matches('"'))),
                None => (decl, None),
            })
            .collect()
    }
}

/// Replace `$NAME` and `${NAME}` (and `${NAME:-default}`) in `text` by the
/// values of `args`; None when one has no value.
fn substitute(args: &HashMap<&str, Option<&str>>, text: &str) -> Option<String> {
    if !text.contains('$') {
        return Some(text.to_owned());
    }
    let lookup = |name: &str| args.get(name).copied().flatten();
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
        // A Dockerfile's pointers are short: the map's 4 GiB of pointer
        // text is out of reach (`u32::MAX` is a node the map lacks).
        let node = self
            .file
            .map
            .push(NewEntry {
                parent: None,
                segment: &pointer,
                key,
                value,
                container,
            })
            .unwrap_or(u32::MAX);
        Loc {
            file: self.file_id,
            node,
        }
    }
}

/// A flag or argument: its range and its value.
type Part = (Range<usize>, String);

/// One instruction's parts before they become nodes.
#[derive(Debug, PartialEq, Eq)]
struct Parts {
    keyword: &'static str,
    keyword_span: Range<usize>,
    flags: Vec<(Range<usize>, String)>,
    arguments: Vec<(Range<usize>, String)>,
    form: Option<CommandForm>,
    /// Where the instruction ends when that is after its last argument (the
    /// `]` of an exec form).
    end: Option<usize>,
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

/// A command's arguments, its form, and where it ends when that is after
/// its last argument (the `]` of an exec form).
fn command(c: &pd::Command<'_>) -> (Vec<Part>, CommandForm, Option<usize>) {
    match c {
        pd::Command::Exec(items) => (words(&items.value), CommandForm::Exec, Some(items.span.end)),
        pd::Command::Shell(s) => (
            vec![(s.span.clone(), s.value.to_owned())],
            CommandForm::Shell,
            None,
        ),
        _ => (Vec::new(), CommandForm::Shell, None),
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
        end: None,
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
            let (args, form, end) = command(&c.arguments);
            out.arguments = args;
            out.form = Some(form);
            out.end = end;
            out
        }
        pd::Instruction::Entrypoint(e) => {
            let mut out = p("ENTRYPOINT", &e.entrypoint.span);
            let (args, form, end) = command(&e.arguments);
            out.arguments = args;
            out.form = Some(form);
            out.end = end;
            out
        }
        pd::Instruction::Run(r) => {
            let mut out = p("RUN", &r.run.span);
            out.flags = flags(&r.options, text);
            let (args, form, end) = command(&r.arguments);
            out.arguments = args;
            out.arguments.extend(
                r.here_docs
                    .iter()
                    .map(|h| (h.span.clone(), h.value.to_string())),
            );
            out.form = Some(form);
            out.end = end;
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
                let (args, form, end) = command(arguments);
                out.arguments = args;
                out.form = Some(form);
                out.end = end;
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
            // The trigger's text, then the bodies of its here-documents (as
            // for `RUN`): the text stops before the first body.
            let mut out = p("ONBUILD", &o.onbuild.span);
            let inner = parts(&o.instruction, text);
            let bodies: Vec<Range<usize>> = match &*o.instruction {
                pd::Instruction::Run(r) => r.here_docs.iter().map(|h| h.span.clone()).collect(),
                pd::Instruction::Copy(c) => heredoc_sources(&c.src),
                pd::Instruction::Add(a) => heredoc_sources(&a.src),
                _ => Vec::new(),
            };
            let start = inner.keyword_span.start;
            let end = inner
                .arguments
                .iter()
                .chain(inner.flags.iter())
                .map(|(r, _)| r)
                .filter(|r| !bodies.contains(r))
                .map(|r| r.end)
                .chain(inner.end)
                .fold(inner.keyword_span.end, usize::max);
            out.arguments = vec![(start..end, text.get(start..end).unwrap_or("").to_owned())];
            out.arguments.extend(
                inner
                    .arguments
                    .into_iter()
                    .filter(|(r, _)| bodies.contains(r)),
            );
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

/// The ranges of the here-document bodies among `COPY`/`ADD` sources.
fn heredoc_sources(items: &[pd::Source<'_>]) -> Vec<Range<usize>> {
    items
        .iter()
        .filter_map(|s| match s {
            pd::Source::HereDoc(h) => Some(h.span.clone()),
            _ => None,
        })
        .collect()
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
            help: None,
            at_key: false,
            syntax: true,
        });
        return out;
    }
    let parsed = match lex(&text) {
        Ok(p) => p,
        Err((at, message)) => {
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
                message,
                help: None,
                at_key: false,
                syntax: true,
            });
            return out;
        }
    };
    let mut stage: Option<usize> = None;
    // Lowercase stage names to the first stage that has each.
    let mut stage_names: HashMap<String, usize> = HashMap::new();
    for (i, parts) in parsed.into_iter().enumerate() {
        if parts.keyword == "FROM" {
            stage = Some(stage.map_or(0, |s| s + 1));
        }
        let end = parts.end();
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
        let mut spans = Vec::new();
        for (j, (span, value)) in parts.arguments.into_iter().enumerate() {
            let loc = nodes.push(format!("/{i}/{j}"), None, range(&span), false);
            arguments.push(Spanned::new(value, loc));
            spans.push(span);
        }
        let run = run_command(&text, parts.keyword, parts.form, &spans, &arguments);
        let keyword = parts.keyword.to_owned();
        if keyword == "FROM" {
            let image = arguments
                .first()
                .cloned()
                .unwrap_or_else(|| Spanned::new(String::new(), ins_loc));
            let base = BaseImage::read(&image.value, &stage_names);
            let name = arguments.get(1).cloned();
            if let Some(n) = &name {
                stage_names
                    .entry(n.value.to_ascii_lowercase())
                    .or_insert(out.stages.len());
            }
            out.stages.push(Stage {
                image,
                base,
                name,
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
            run,
        });
    }
    out
}

/// [`Instruction::run`] of an instruction, from its arguments (with their
/// byte ranges in `text`).
fn run_command(
    text: &str,
    keyword: &str,
    form: Option<CommandForm>,
    spans: &[Range<usize>],
    arguments: &[Spanned<String>],
) -> Option<RunCommand> {
    let written = |j: usize| {
        spans
            .get(j)
            .map_or("", |s| text.get(s.clone()).unwrap_or(""))
    };
    let start = |j: usize| spans.get(j).map_or(0, |s| s.start);
    let first = arguments.first()?;
    let bodies = || {
        arguments
            .iter()
            .enumerate()
            .skip(1)
            .map(|(j, a)| rc::heredoc_body(written(j), start(j), a.loc))
            .collect()
    };
    match keyword {
        "RUN" | "CMD" | "ENTRYPOINT" if form == Some(CommandForm::Exec) => Some(RunCommand::Exec(
            arguments
                .iter()
                .enumerate()
                .map(|(j, a)| rc::json_element(written(j), start(j), &a.value, a.loc))
                .collect(),
        )),
        "RUN" | "CMD" | "ENTRYPOINT" => Some(RunCommand::Shell {
            command: rc::joined_command(written(0), start(0), first.loc),
            heredocs: bodies(),
        }),
        "ONBUILD" => {
            // BuildKit joins the trigger's lines (dropping the comment
            // lines inside it) before it reads the trigger.
            let trigger = rc::joined_command(written(0), start(0), first.loc);
            let at = rc::onbuild_run_command(&trigger.text)?;
            let command = trigger.text.get(at..)?;
            if command.starts_with('[') {
                let elements = rc::json_array(command)?;
                return Some(RunCommand::Exec(
                    elements
                        .into_iter()
                        .map(|(value, w, off)| {
                            let from = at + off;
                            rc::json_element_in(&trigger, from..from + w.len(), &value, first.loc)
                        })
                        .collect(),
                ));
            }
            Some(RunCommand::Shell {
                command: rc::tail(&trigger, at),
                heredocs: bodies(),
            })
        }
        _ => None,
    }
}

impl Parts {
    /// Where the instruction's last part ends.
    fn end(&self) -> usize {
        self.arguments
            .iter()
            .map(|(r, _)| r.end)
            .chain(self.flags.iter().map(|(r, _)| r.end))
            .chain(self.end)
            .max()
            .unwrap_or(self.keyword_span.end)
            .max(self.keyword_span.end)
    }

    /// Move every range by `to - from` (from a chunk's text to the file's).
    fn moved(mut self, from: usize, to: usize) -> Self {
        let at = |r: &mut Range<usize>| {
            *r = r.start.saturating_sub(from) + to..r.end.saturating_sub(from) + to;
        };
        at(&mut self.keyword_span);
        self.flags.iter_mut().for_each(|(r, _)| at(r));
        self.arguments.iter_mut().for_each(|(r, _)| at(r));
        self.end = self.end.map(|e| e.saturating_sub(from) + to);
        self
    }
}

/// The UTF-8 byte order mark, which parse-dockerfile skips (its offsets then
/// start after it).
const BOM: &str = "\u{feff}";

/// How many bytes parse-dockerfile may be handed, in all, after
/// resumptions (at least; 32 times the file when that is more): a guard,
/// never reached by a file that BuildKit reads. Each resumed chunk is a
/// window of the text (see [`RESUMED_WINDOW`]), not the rest of the file,
/// so a file whose every instruction resumes (thousands of `RUN <<A sh &&
/// <<B sh`, of bare `HEALTHCHECK`s) costs time linear in its size; should
/// the windows ever add up to more than this, the file is a located DKR000
/// error, not quadratic time.
const RESUMPTION_BUDGET: usize = 64 << 20;

/// The first window of text handed to parse-dockerfile after a
/// resumption, in bytes (then up to the end of that line). When the window
/// ends before parse-dockerfile stops again, the last instruction it read
/// may be cut: reading goes on from that instruction with a window twice
/// as large. So each resumption costs this plus at most three times the
/// text up to the next one: linear in the file, with at most one
/// resumption per line.
const RESUMED_WINDOW: usize = 128;

/// The end of the window of `window` bytes from `start`: the end of the
/// line it ends in (after its line break), or the end of the text.
fn window_end(text: &str, start: usize, window: usize) -> usize {
    let at = start.saturating_add(window);
    if at >= text.len() {
        return text.len();
    }
    line_after(text, at)
}

/// The synthetic stage put before every resumed chunk, so that
/// parse-dockerfile reads what follows whether or not a `FROM` came before;
/// it is never part of the result.
const SYNTHETIC_FROM: &str = "FROM scratch\n";

/// Split a Dockerfile into instructions as BuildKit's parser
/// (`github.com/moby/buildkit/frontend/dockerfile/parser`) does, with
/// `parse-dockerfile` doing the reading.
///
/// parse-dockerfile also checks a few things that BuildKit leaves to the
/// build (`dockerfile2llb`/`instructions`), not to the parser; a file that
/// BuildKit's parser reads is not a parse failure here either:
/// - instructions before any `FROM` (BuildKit's parser test files
///   `json`, `jeztah-invalid-json-*`): read as instructions of no stage;
/// - a `HEALTHCHECK` whatever its arguments (bare, `CMD` with no command, an
///   unknown type such as `CONNECT TCP 7000`: test file `health`), also
///   as an `ONBUILD` trigger: kept with its raw text as one argument;
/// - duplicate stage names.
///
/// Either of the first two, and a here-document after a command, makes
/// parse-dockerfile stop; reading resumes after the instruction on a
/// window of the rest of the file ([`RESUMED_WINDOW`]), with the file's
/// `escape` directive and [`SYNTHETIC_FROM`] before it, within
/// [`RESUMPTION_BUDGET`].
///
/// A file with no instruction is an error, as in BuildKit's parser ("file
/// with no instructions"), and so is an unknown instruction (BuildKit's
/// parser keeps it but every build rejects it: "unknown instruction").
///
/// # Errors
/// The byte offset in `text` and the message of the first problem.
fn lex(text: &str) -> Result<Vec<Parts>, (usize, String)> {
    lex_within(
        text,
        RESUMPTION_BUDGET.max(text.len().saturating_mul(32)),
        RESUMED_WINDOW,
    )
}

/// [`lex`], handing parse-dockerfile at most `budget` bytes after
/// resumptions, the first window of each resumed chunk `first_window`
/// bytes long. The result does not depend on `first_window`.
#[allow(clippy::too_many_lines)]
fn lex_within(
    text: &str,
    budget: usize,
    first_window: usize,
) -> Result<Vec<Parts>, (usize, String)> {
    let mut out: Vec<Parts> = Vec::new();
    // The chunk being read starts at `start` in `text`, after `prefix`.
    let mut start = 0usize;
    let mut prefix = String::new();
    let mut escape: Option<char> = None;
    // Bytes handed to parse-dockerfile after a resumption (see
    // RESUMPTION_BUDGET), the resumptions so far, and the window of the
    // next resumed chunk.
    let mut reread = 0usize;
    let mut resumptions = 0usize;
    let mut window = first_window;
    let mut resume_at = |next: usize| {
        resumptions += 1;
        next
    };
    loop {
        // The first chunk is the whole file; a resumed one, a window of it.
        let chunk_end = if prefix.is_empty() {
            text.len()
        } else {
            window_end(text, start, window)
        };
        let complete = chunk_end >= text.len();
        let chunk: std::borrow::Cow<'_, str> = if prefix.is_empty() {
            std::borrow::Cow::Borrowed(text.get(start..).unwrap_or(""))
        } else {
            let rest = text.get(start..chunk_end).unwrap_or("");
            reread = reread.saturating_add(prefix.len() + rest.len());
            if reread > budget {
                return Err((
                    start,
                    format!(
                        "parse-dockerfile stops before this instruction (BuildKit reads it), and reading on after the {resumptions} such instructions of this file would hand it more than {budget} bytes; write HEALTHCHECK as `HEALTHCHECK CMD ...` or `HEALTHCHECK NONE`, and a here-document first (`RUN <<EOF`), or split the file"
                    ),
                ));
            }
            std::borrow::Cow::Owned(format!("{prefix}{rest}"))
        };
        // Instructions read from this chunk start at this index of `out`.
        let read_before = out.len();
        // Where to read again with a larger window: the last instruction
        // read may be cut at the window's end.
        let mut cut: Option<usize> = None;
        // parse-dockerfile's offsets count from after a leading BOM.
        let skipped = if chunk.starts_with(BOM) { BOM.len() } else { 0 };
        let body = prefix.len();
        let to_text = |at: usize| (at + skipped).saturating_sub(body) + start;
        let stripped = chunk.get(skipped..).unwrap_or("");
        let iter = pd::parse_iter(stripped).map_err(|e| {
            let at = offset_of(stripped, e.line(), e.column());
            (to_text(at), format!("{e:#}"))
        })?;
        let mut last_end: Option<usize> = None;
        let mut failure = None;
        let mut after_heredocs = None;
        for item in iter {
            match item {
                Ok(ins) => {
                    let mut parts = parts(&ins, stripped);
                    if parts.keyword_span.start + skipped < body {
                        continue; // the synthetic FROM
                    }
                    parts = parts.moved(body, start + skipped);
                    last_end = Some(parts.end());
                    let keyword_at = parts.keyword_span.start;
                    if unread_heredocs(&ins) {
                        let first = out.first().map_or(keyword_at, |p| p.keyword_span.start);
                        let esc = *escape.get_or_insert_with(|| escape_of(text, first));
                        let (line, line_end) =
                            crate::dockerfile_lines::logical_line(text, keyword_at, esc);
                        if line_end > chunk_end && !complete {
                            // Its line goes on after the window.
                            cut = Some(keyword_at);
                            break;
                        }
                        let bodies = heredoc_bodies(text, &line, line_end)?;
                        if let Some((_, next)) = bodies.last() {
                            after_heredocs = Some(*next);
                            // The bodies parse-dockerfile read are read
                            // again here, in order with the others.
                            parts.arguments.truncate(1);
                            parts.arguments.extend(bodies.into_iter().map(|(b, _)| b));
                            out.push(parts);
                            break;
                        }
                    }
                    out.push(parts);
                }
                Err(e) => {
                    if !complete {
                        // The instruction that failed, after the last one
                        // read: a real failure when it ends in the window,
                        // else read again from it with a larger window.
                        let begin = last_end.map_or(start, |end| line_after(text, end));
                        let s = instruction_start(text, begin);
                        let first = out.first().map_or(s, |p| p.keyword_span.start);
                        let esc = *escape.get_or_insert_with(|| escape_of(text, first));
                        if instruction_end(text, s, esc) > chunk_end {
                            cut = Some(s);
                            break;
                        }
                    }
                    failure = Some(e);
                    break;
                }
            }
        }
        if after_heredocs.is_none() && failure.is_none() && !complete && cut.is_none() {
            // Stopped at the window's end: the last instruction read may be
            // cut there. Read again from it (or from the chunk's start)
            // with a larger window.
            cut = Some(if out.len() > read_before {
                out.pop().map_or(start, |p| p.keyword_span.start)
            } else {
                start
            });
        }
        if let Some(at) = cut {
            start = at;
            window = window.saturating_mul(2);
            continue;
        }
        if let Some(next) = after_heredocs {
            start = resume_at(next);
            window = first_window;
            prefix = resume_prefix(escape.unwrap_or('\\'));
            continue;
        }
        let Some(e) = failure else {
            break;
        };
        let message = format!("{e:#}");
        if e.line() == 0 {
            // No FROM at all (only ARGs, or nothing): BuildKit's parser
            // reads that; an empty file is reported below.
            break;
        }
        let at = to_text(offset_of(stripped, e.line(), e.column()));
        // The file's first instruction, for its parser directives.
        let first = |or: usize| out.first().map_or(or, |p| p.keyword_span.start);
        let resume = if message == "expected FROM" && prefix.is_empty() {
            escape.get_or_insert_with(|| escape_of(text, first(at)));
            Some(at)
        } else {
            let begin = last_end.map_or(start, |end| line_after(text, end));
            let s = instruction_start(text, begin);
            if s <= at && is_keyword(text, s, "HEALTHCHECK") {
                let esc = *escape.get_or_insert_with(|| escape_of(text, first(s)));
                let end = crate::dockerfile_lines::logical_line(text, s, esc).1;
                out.push(opaque(text, s, "HEALTHCHECK", end));
                Some(end)
            } else if s <= at && is_keyword(text, s, "ONBUILD") {
                // `ONBUILD HEALTHCHECK` whatever its arguments, as above.
                let esc = *escape.get_or_insert_with(|| escape_of(text, first(s)));
                let (line, end) = crate::dockerfile_lines::logical_line(text, s, esc);
                let trigger = line.get("ONBUILD".len()..).unwrap_or("").trim_start();
                is_keyword(trigger, 0, "HEALTHCHECK").then(|| {
                    out.push(opaque(text, s, "ONBUILD", end));
                    end
                })
            } else {
                None
            }
        };
        match resume {
            Some(next) if next > start || (next == start && prefix.is_empty()) => {
                start = resume_at(next);
                window = first_window;
                prefix = resume_prefix(escape.unwrap_or('\\'));
            }
            _ => return Err((at, message)),
        }
    }
    if out.is_empty() {
        return Err((0, "file with no instructions".to_owned()));
    }
    Ok(out)
}

/// What goes before a resumed chunk: the `escape` directive when it is not
/// the default, an empty line (the end of the parser directives), and
/// [`SYNTHETIC_FROM`].
fn resume_prefix(escape: char) -> String {
    let mut prefix = String::new();
    if escape != '\\' {
        prefix.push_str("# escape=");
        prefix.push(escape);
        prefix.push('\n');
    }
    prefix.push('\n');
    prefix.push_str(SYNTHETIC_FROM);
    prefix
}

/// Whether parse-dockerfile left an instruction's here-documents unread:
/// it reads them only when the first argument is one (`RUN <<EOF`), not
/// after a command (`RUN python3 <<EOF`, `RUN cat <<EOF > f`, the second of
/// `RUN <<A cat > a && <<B cat > b`), which BuildKit reads too. Its text then holds `<<WORD` and the bodies follow.
///
/// `ONBUILD RUN` reads here-documents as `RUN` does (BuildKit's
/// `canContainHeredoc` looks through `ONBUILD`; its `parseOnBuild` keeps
/// the bodies in the trigger).
fn unread_heredocs(i: &pd::Instruction<'_>) -> bool {
    let shell = match i {
        pd::Instruction::Run(r) => match &r.arguments {
            pd::Command::Shell(s) => s.value,
            _ => return false,
        },
        pd::Instruction::Onbuild(o) => return unread_heredocs(&o.instruction),
        _ => return false,
    };
    // The text holds the markers parse-dockerfile did not read: a
    // here-document that starts the command is read (and not in the
    // text), one after a command is not, also when one was read before it
    // (`RUN <<A cat > a && <<B cat > b`).
    !crate::dockerfile_lines::heredocs(shell).is_empty()
}

/// The bodies of the here-documents `line` opens, read from `from` on:
/// each runs to a line that is its delimiter (after leading tabs for
/// `<<-`). Each body with its range, and where reading goes on after it.
///
/// # Errors
/// A delimiter that never comes (BuildKit: "unterminated heredoc").
fn heredoc_bodies(
    text: &str,
    line: &str,
    mut from: usize,
) -> Result<Vec<(Part, usize)>, (usize, String)> {
    let mut out = Vec::new();
    for (word, strip) in crate::dockerfile_lines::heredocs(line) {
        let body_start = from;
        let mut at = from;
        loop {
            if at >= text.len() {
                return Err((
                    body_start.min(text.len()),
                    format!("expected end of here-document ({word}), but reached eof"),
                ));
            }
            let next = line_after(text, at);
            let l = text
                .get(at..next)
                .unwrap_or("")
                .trim_end_matches(['\n', '\r']);
            let l = if strip { l.trim_start_matches('\t') } else { l };
            if l == word {
                let body = text.get(body_start..at).unwrap_or("");
                out.push(((body_start..at, body.to_owned()), next));
                from = next;
                break;
            }
            at = next;
        }
    }
    Ok(out)
}

/// Where the instruction that starts at `at` ends: after its last line,
/// and after the bodies of the here-documents that line opens (the end of
/// the text for one that is not terminated). Linear in the instruction.
fn instruction_end(text: &str, at: usize, escape: char) -> usize {
    let (line, line_end) = crate::dockerfile_lines::logical_line(text, at, escape);
    // Only these open here-documents (`HEALTHCHECK <<EOF` does not: its
    // end is its line, never a scan to the end of the file).
    if !crate::dockerfile_lines::can_contain_heredoc(&line)
        || crate::dockerfile_lines::heredocs(&line).is_empty()
    {
        return line_end;
    }
    heredoc_bodies(text, &line, line_end)
        .ok()
        .and_then(|b| b.last().map(|(_, next)| *next))
        .unwrap_or(text.len())
}

/// The escape character set by the parser directives before `first` (the
/// first instruction), `\\` by default.
fn escape_of(text: &str, first: usize) -> char {
    let header = text.get(..first).unwrap_or("");
    pd::parse(&format!("{header}\n{SYNTHETIC_FROM}"))
        .ok()
        .and_then(|d| d.parser_directives.escape.map(|e| e.value.value))
        .unwrap_or('\\')
}

/// The offset after the newline that ends the line holding `at`.
fn line_after(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| at + i + 1)
}

/// The first instruction start at or after `at` (a line start): blank
/// lines and comment lines are skipped, then the line's leading blanks.
fn instruction_start(text: &str, mut at: usize) -> usize {
    while at < text.len() {
        let line = text.get(at..line_after(text, at)).unwrap_or("");
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            at += line.len();
        } else {
            return at + (line.len() - trimmed.len());
        }
    }
    at.min(text.len())
}

/// Whether `keyword` (case-insensitive) starts at `at`, followed by a blank
/// or the end of the line.
fn is_keyword(text: &str, at: usize, keyword: &str) -> bool {
    let end = at + keyword.len();
    text.get(at..end)
        .is_some_and(|w| w.eq_ignore_ascii_case(keyword))
        && text
            .get(end..)
            .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace))
}

/// An instruction kept as its keyword and the raw text after it.
fn opaque(text: &str, at: usize, keyword: &'static str, end: usize) -> Parts {
    let after = at + keyword.len();
    let rest = text.get(after..end).unwrap_or("");
    let trimmed = rest.trim();
    let from = after + (rest.len() - rest.trim_start().len());
    Parts {
        keyword,
        keyword_span: at..after,
        flags: Vec::new(),
        arguments: if trimmed.is_empty() {
            Vec::new()
        } else {
            vec![(from..from + trimmed.len(), trimmed.to_owned())]
        },
        form: None,
        end: None,
    }
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

    /// The line and message of `d`'s problem, if any.
    fn problem_line(d: &Dockerfile, file: &SourceFile) -> Option<(u32, String)> {
        d.problem.as_ref().map(|p| {
            let r = file
                .map
                .entry(p.loc.node)
                .map(|e| e.value)
                .unwrap_or_default();
            (file.line_col(r.start).line, p.message.clone())
        })
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
        assert_eq!(
            d.stages.iter().map(|s| s.base.clone()).collect::<Vec<_>>(),
            [BaseImage::Templated("${BASE}".into()), BaseImage::Stage(0)]
        );
        let last = d.final_stage().and_then(|s| d.base_image(s));
        assert_eq!(
            last.map(|r| r.to_string()).as_deref(),
            Some("node:20-alpine")
        );
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
        let p = problem_line(&d, &file);
        assert!(matches!(p, Some((3, _))), "{p:?}");
    }

    /// Shapes of BuildKit's parser test files
    /// (`moby/buildkit` `frontend/dockerfile/parser/testfiles/*`), written
    /// here (not copied): each parses, with these keywords in order.
    const BUILDKIT_SHAPES: &[(&str, &str, &[&str])] = &[
        (
            "no FROM, exec and broken-JSON forms (testfiles json, jeztah-*)",
            "CMD []\nCMD [\"a\",\"b\"]\nCMD ['single','quotes']\nCMD [\"unclosed\"\nCMD \"[\\\"in\\\", \\\"a string\\\"]\"\n",
            &["CMD", "CMD", "CMD", "CMD", "CMD"],
        ),
        (
            "HEALTHCHECK bare, CMD with no command, unknown type (testfile health)",
            "FROM alpine\nHEALTHCHECK\nHEALTHCHECK --interval=5s \\\n  CMD /bin/check\nHEALTHCHECK CMD\nHEALTHCHECK  CMD  a b\nHEALTHCHECK CONNECT TCP 7000\nHEALTHCHECK NONE\nUSER app\n",
            &[
                "FROM",
                "HEALTHCHECK",
                "HEALTHCHECK",
                "HEALTHCHECK",
                "HEALTHCHECK",
                "HEALTHCHECK",
                "HEALTHCHECK",
                "USER",
            ],
        ),
        (
            "HEALTHCHECK and ARG before any FROM, escape directive",
            "# escape=`\nARG V=1\nhealthcheck `\n  # a comment inside the continuation\n\n  CONNECT TCP 7000\nRUN echo a `\n  b\nFROM alpine AS x\n",
            &["ARG", "HEALTHCHECK", "RUN", "FROM"],
        ),
        (
            "two here-documents, the second after a command (Dockerfile reference, RUN <<FILE1 ... && <<FILE2)",
            "FROM alpine\nRUN <<FILE1 cat > file1 && <<FILE2 cat > file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2\nUSER app\n",
            &["FROM", "RUN", "USER"],
        ),
        (
            "duplicate stage names (the build rejects them, the parser does not)",
            "FROM alpine AS a\nFROM alpine AS a\n",
            &["FROM", "FROM"],
        ),
        (
            "review: ONBUILD HEALTHCHECK whatever its arguments, as HEALTHCHECK",
            "FROM alpine\nONBUILD HEALTHCHECK\nONBUILD HEALTHCHECK CONNECT TCP 7000\nonbuild \\\n  healthcheck --interval=5s\nONBUILD HEALTHCHECK CMD a\nUSER app\n",
            &["FROM", "ONBUILD", "ONBUILD", "ONBUILD", "ONBUILD", "USER"],
        ),
        ("only ARGs", "ARG A=1\nARG B\n", &["ARG", "ARG"]),
    ];

    #[test]
    fn what_buildkit_parses_parses() {
        for (name, text, keywords) in BUILDKIT_SHAPES {
            let (d, _) = parsed(text);
            assert!(d.problem.is_none(), "{name}: {:?}", d.problem);
            let kw: Vec<&str> = d.instructions.iter().map(|i| i.keyword.as_str()).collect();
            assert_eq!(kw, *keywords, "{name}");
        }
    }

    /// The text of every argument, as its span gives it.
    fn spans(d: &Dockerfile, file: &SourceFile) -> Vec<Vec<String>> {
        d.instructions
            .iter()
            .map(|i| {
                std::iter::once(&i.loc)
                    .chain(i.arguments.iter().map(|a| &a.loc))
                    .filter_map(|l| file.map.entry(l.node))
                    .map(|e| file.slice(e.value).to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn resumed_reading_keeps_spans_and_stages() {
        let text = "\u{feff}CMD [\"a\"]\nHEALTHCHECK\nHEALTHCHECK CONNECT TCP 7000\nFROM node:20 AS b\nRUN npm ci\nHEALTHCHECK \\\n  CMD\nUSER app\n";
        let (d, file) = parsed(text);
        assert!(d.problem.is_none(), "{:?}", d.problem);
        assert_eq!(
            spans(&d, &file),
            [
                vec!["CMD [\"a\"]", "a"],
                vec!["HEALTHCHECK"],
                vec!["HEALTHCHECK CONNECT TCP 7000", "CONNECT TCP 7000"],
                vec!["FROM node:20 AS b", "node:20", "b"],
                vec!["RUN npm ci", "npm ci"],
                vec!["HEALTHCHECK \\\n  CMD", ""],
                vec!["USER app", "app"],
            ]
        );
        let stages: Vec<Option<usize>> = d.instructions.iter().map(|i| i.stage).collect();
        assert_eq!(
            stages,
            [None, None, None, Some(0), Some(0), Some(0), Some(0)]
        );
        assert_eq!(d.stages.len(), 1);
        assert_eq!(d.stages[0].instructions, 3..7);
    }

    #[test]
    fn heredocs_after_a_command_are_its_arguments() {
        let (d, file) = parsed("FROM a\nRUN cat <<EOF > /x\nFROM b\nEOF\nUSER u\n");
        assert!(d.problem.is_none(), "{:?}", d.problem);
        assert_eq!(
            spans(&d, &file),
            [
                vec!["FROM a", "a"],
                vec!["RUN cat <<EOF > /x\nFROM b\n", "cat <<EOF > /x", "FROM b\n"],
                vec!["USER u", "u"],
            ]
        );
        assert_eq!(d.stages.len(), 1);
        let (d, file) = parsed("FROM a\nRUN cat <<EOF\nno end\n");
        let p = problem_line(&d, &file);
        assert!(matches!(&p, Some((3, m)) if m.contains("(EOF)")), "{p:?}");
    }

    /// Here-documents after a command are found as BuildKit finds them
    /// (the shell words of the joined line, `^(\d*)<<(-?)([^<]*)$`), the
    /// same reading as the comment lexer's (`dockerfile_lines::heredocs`): `x<<EOF`
    /// and a quoted `"<<EOF"` open none, `<<EOF>/f` is named `EOF>/f`.
    #[test]
    fn heredocs_after_a_command_are_buildkit_words() {
        let keywords = |text: &str| {
            let (d, _) = parsed(text);
            (
                d.instructions
                    .iter()
                    .map(|i| i.keyword.clone())
                    .collect::<Vec<_>>(),
                d.problem.map(|p| p.message),
            )
        };
        let ok = |k: &[&str]| (k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(), None);
        assert_eq!(
            keywords("FROM a\nRUN echo x<<EOF\nUSER u\n"),
            ok(&["FROM", "RUN", "USER"])
        );
        assert_eq!(
            keywords("FROM a\nRUN echo \"<<EOF\"\nUSER u\n"),
            ok(&["FROM", "RUN", "USER"])
        );
        assert_eq!(
            keywords("FROM a\nRUN cat \\\n# c\n  <<EOF > /f\nFROM b\nEOF\nUSER u\n"),
            ok(&["FROM", "RUN", "USER"])
        );
        let (_, problem) = keywords("FROM a\nRUN cat <<EOF>/f\nx\nEOF\nUSER u\n");
        assert!(problem.is_some_and(|m| m.contains("EOF>/f")));
    }

    #[test]
    fn what_buildkit_rejects_stays_an_error_at_its_line() {
        let line = |text: &str| {
            let (d, file) = parsed(text);
            problem_line(&d, &file)
        };
        // BuildKit's negative test files: an empty file, only comments.
        assert_eq!(line(""), Some((1, "file with no instructions".into())));
        assert_eq!(
            line("# a\n\n# b\n").map(|p| p.1),
            Some("file with no instructions".into())
        );
        // An unknown instruction after resumed reading is found at its line.
        let p = line("CMD a\nHEALTHCHECK\nRUN b\nBOGUS x\n");
        assert!(matches!(&p, Some((4, m)) if m.contains("BOGUS")), "{p:?}");
        let p = line("# escape=`\nHEALTHCHECK\nRUN a `\n  b\nFROM a\nRUNN x\n");
        assert!(matches!(&p, Some((6, _))), "{p:?}");
    }

    /// Shapes whose every instruction makes parse-dockerfile stop (a
    /// resumption each): bare `HEALTHCHECK`s, several here-documents on one
    /// `RUN`, a here-document after a command, also in `ONBUILD`, with
    /// long lines and bodies between them, and `HEALTHCHECK <<EOF` (which
    /// opens no here-document, so its end is never looked for past its
    /// line).
    fn resuming(shape: usize, n: usize) -> String {
        let mut text = String::from("FROM alpine\n");
        for i in 0..n {
            match shape {
                0 => text.push_str("HEALTHCHECK\n"),
                1 => text.push_str(&format!(
                    "RUN <<A sh && <<B sh\necho a{i}\nA\necho b{i}\nB\n"
                )),
                2 => text.push_str(&format!("RUN cat <<EOF > /f{i}\nFROM evil\nEOF\n")),
                3 => text.push_str(&format!("ONBUILD RUN cat <<EOF > /f{i}\nx\nEOF\n")),
                // Not a here-document: a HEALTHCHECK opens none.
                5 => text.push_str("HEALTHCHECK <<EOF\n"),
                _ => text.push_str(&format!(
                    "RUN <<A sh && <<B sh\n{}\nA\nB\nRUN echo {} \\\n# c\n  && b\n",
                    "x".repeat(i % 700),
                    "y".repeat(i % 300)
                )),
            }
        }
        text.push_str("USER app\n");
        text
    }

    /// Every resumption hands parse-dockerfile a window of the text, not
    /// the rest of the file: files whose every instruction resumes are read
    /// handing it at most 16 times their size (the rest of the file each
    /// time would be thousands of times), with the instructions expected.
    #[test]
    fn resumptions_cost_linear_time() {
        for shape in 0..6 {
            let n = 5_000;
            let text = resuming(shape, n);
            let parts = lex_within(&text, 16 * text.len(), RESUMED_WINDOW);
            let parts = parts.unwrap_or_else(|e| panic!("shape {shape}: {e:?}"));
            let per = if shape == 4 { 2 } else { 1 };
            assert_eq!(parts.len(), n * per + 2, "shape {shape}");
        }
        // 200,000 bare HEALTHCHECKs (2.4 MB) are read too, in linear time
        // (they were a DKR000 once the re-reading budget was spent).
        let text = resuming(0, 200_000);
        let (d, _) = parsed(&text);
        assert!(d.problem.is_none(), "{:?}", d.problem);
        assert_eq!(d.instructions.len(), 200_002);
    }

    /// Should the windows add up to more than the budget (a guard no file
    /// BuildKit reads reaches), the file is a located error at the
    /// instruction where reading would resume, not quadratic time.
    #[test]
    fn past_the_budget_is_a_located_error() {
        let text = resuming(1, 50);
        let got = lex_within(&text, 1_000, RESUMED_WINDOW);
        let Err((at, message)) = got else {
            panic!("{got:?}");
        };
        assert!(message.contains("more than 1000 bytes"), "{message}");
        let line = text[..at].matches('\n').count() + 1;
        assert!(
            at > 0 && text[at..].starts_with("RUN <<A"),
            "line {line}: {message}"
        );
    }

    use proptest::prelude::*;

    /// Pieces of Dockerfiles that make parse-dockerfile stop, or are read
    /// across a window's end (long lines, continuations with comment
    /// lines, here-document bodies), or fail.
    const PIECES: &[&str] = &[
        "HEALTHCHECK",
        "HEALTHCHECK CONNECT TCP 7000",
        "HEALTHCHECK <<EOF",
        "RUN <<A sh && <<B sh\necho a\nA\necho b\nB",
        "RUN cat <<EOF > /f\nFROM evil\nEOF",
        "RUN <<EOF\nnpm ci\nEOF",
        "RUN <<-EOF\n\tx\n\tEOF",
        "ONBUILD RUN cat <<EOF\nq\nEOF",
        "COPY <<A <<B /d/\na\nA\nb\nB",
        "RUN a \\\n# c\n\n  && b",
        "RUN echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "USER app",
        "# a comment",
        "",
        "CMD [\"a\"]",
        "RUN cat <<EOF\nno end",
        "BOGUS x",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// Reading in windows gives what reading the rest of the file at
        /// every resumption gives (the same instructions and ranges, or
        /// the same error at the same place), whatever the window.
        #[test]
        fn windows_do_not_change_what_is_read(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..24),
            crlf in any::<bool>(),
            backtick in any::<bool>(),
        ) {
            let mut text = String::new();
            if backtick {
                text.push_str("# escape=`\n");
            }
            text.push_str("FROM alpine\n");
            for &p in &pieces {
                let piece = if backtick { PIECES[p].replace('\\', "`") } else { PIECES[p].to_owned() };
                text.push_str(&piece);
                text.push('\n');
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let whole = lex_within(&text, usize::MAX, usize::MAX / 4);
            for window in [1, 7, 64, RESUMED_WINDOW] {
                let windowed = lex_within(&text, usize::MAX, window);
                prop_assert_eq!(&windowed, &whole, "window {}:\n{}", window, text);
            }
        }
    }

    /// `ONBUILD` before `RUN`, `COPY` or `ADD` reads their here-documents
    /// as they do (BuildKit's `canContainHeredoc` looks through `ONBUILD`):
    /// the trigger's text, then each body, and the next instruction after
    /// the last delimiter.
    #[test]
    fn onbuild_reads_here_documents_as_its_trigger_does() {
        const CASES: &[(&str, &[&str])] = &[
            ("RUN <<EOF\n# x\nnpm install\nEOF", &["# x\nnpm install\n"]),
            ("RUN <<EOF\nEOF", &[""]),
            ("RUN cat <<EOF > /f\n# x\nEOF", &["# x\n"]),
            (
                "RUN <<A cat > a && <<B cat > b\n# a\nA\n# b\nB",
                &["# a\n", "# b\n"],
            ),
            (
                "RUN --mount=type=cache,target=/c <<EOF\nFROM b\nEOF",
                &["FROM b\n"],
            ),
            ("COPY <<EOF /f\n# x\nEOF", &["# x\n"]),
            ("COPY <<A <<B /d/\n# a\nA\nB", &["# a\n", ""]),
            ("ADD <<EOF /f\nUSER root\nEOF", &["USER root\n"]),
            ("RUN [\"<<A\"]", &[]),
        ];
        for (trigger, bodies) in CASES {
            let text = format!("FROM a\nONBUILD {trigger}\nUSER u\n");
            let (d, file) = parsed(&text);
            assert!(d.problem.is_none(), "{trigger}: {:?}", d.problem);
            let kw: Vec<&str> = d.instructions.iter().map(|i| i.keyword.as_str()).collect();
            assert_eq!(kw, ["FROM", "ONBUILD", "USER"], "{trigger}");
            let got = &spans(&d, &file)[1];
            let first_line = trigger.split('\n').next().unwrap_or("");
            assert_eq!(got[1], first_line, "{trigger}");
            assert_eq!(&got[2..], *bodies, "{trigger}");
        }
    }

    #[test]
    fn scratch_and_unknown_variables_have_no_base() {
        let (d, _) = parsed("FROM scratch\nCOPY app /\n");
        assert_eq!(d.final_stage().and_then(|s| d.base_image(s)), None);
        let (d, _) = parsed("FROM $UNSET\n");
        assert_eq!(d.final_stage().and_then(|s| d.base_image(s)), None);
    }
}
