//! Inline suppressions: `# reelnet-lint: ignore[DB001,multi-az-name] reason`.
//!
//! A suppression comment hides the findings of the rules it names (by code
//! or name) whose primary location starts on its own line or, when the
//! comment stands alone, on the next line that is not a comment. A reason
//! after the bracket is required (SPEC008); `until=YYYY-MM-DD` makes it
//! expire (compared with the lint date). A suppression that hides nothing,
//! names no rule, has expired, is malformed, or names a rule the
//! configuration makes unignorable is reported (SPEC007).

use std::collections::HashMap;

use reelnet_spec::{Comment, Syntax};
use reelnet_spec::{Diagnostic, FileId, Label, Severity, SourceFile, Sources, TextRange};

use crate::date::Date;
use crate::report::{Suppressed, SuppressionKind};
use crate::rules::spec::{suppression_without_reason, unused_suppression};

/// The prefix that makes a comment a directive.
pub const DIRECTIVE: &str = "reelnet-lint:";

/// One rule named in a suppression, with where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// As written (a code or a name).
    pub text: String,
    /// Its byte range in the file.
    pub range: TextRange,
}

/// A parsed suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment.
    pub comment: TextRange,
    /// `ignore[...]`, for labels.
    pub head: TextRange,
    /// 0-based line whose findings it hides (None: past the end of the file).
    pub target: Option<u32>,
    /// The rules it names, in order.
    pub rules: Vec<Named>,
    /// The reason, `until=` removed; empty when missing.
    pub reason: String,
    /// Expiry date and where it is written.
    pub until: Option<(Date, TextRange)>,
}

/// A comment that starts with `reelnet-lint:` but does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The comment's byte range.
    pub range: TextRange,
    /// What is wrong, and the form to write instead.
    pub problem: String,
}

/// The suppression comments of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileDirectives {
    /// The well-formed suppressions, in file order.
    pub directives: Vec<Directive>,
    /// The comments meant as suppressions that do not parse (SPEC007).
    pub malformed: Vec<Malformed>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parse the suppression comments of a loaded file: the comments its
/// parser recorded in the source map ([`SourceFile::comments`]), so a `#`
/// inside a quoted or block scalar is never read as one.
///
/// In a Dockerfile a suppression names an instruction: a comment inside an
/// instruction continued over several lines (which BuildKit drops from
/// it) targets that instruction, at its keyword's line; see
/// `finding_line`.
#[must_use]
pub fn parse(file: &SourceFile) -> FileDirectives {
    let mut out = parse_comments(&file.text, file.comments());
    if file.syntax == Syntax::Dockerfile {
        let comments = file.comments();
        for d in &mut out.directives {
            let at = comments.partition_point(|c| c.range.start < d.comment.start);
            let keyword = comments
                .get(at)
                .filter(|c| c.range == d.comment)
                .and_then(|c| file.instruction_around(c));
            if let Some(k) = keyword {
                d.target = Some(file.line_col(k).line - 1);
            }
        }
    }
    out
}

/// A Dockerfile's instructions as (keyword offset, end offset), in order:
/// the nodes `/N` of its source map (empty for another file).
fn instruction_spans(file: &SourceFile) -> Vec<(u32, u32)> {
    if file.syntax != Syntax::Dockerfile {
        return Vec::new();
    }
    let map = &file.map;
    let mut out: Vec<(u32, u32)> = (0u32..)
        .zip(map.entries())
        .filter(|(node, _)| {
            map.segment(*node)
                .strip_prefix('/')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|(_, e)| (e.value.start, e.value.end))
        .collect();
    out.sort_unstable();
    out
}

/// The 0-based line whose suppressions a finding starting at `at` looks
/// up: its own line; in a Dockerfile (`instructions` from
/// [`instruction_spans`]), the line of the keyword of the instruction it
/// is in, so that a suppression before an instruction, or inside it,
/// hides a finding on any of its lines (a continuation line, a
/// here-document body). O(log n).
fn finding_line(file: &SourceFile, instructions: &[(u32, u32)], at: u32) -> u32 {
    let own = file.line_col(at).line - 1;
    let i = instructions.partition_point(|(start, _)| *start <= at);
    match i.checked_sub(1).and_then(|i| instructions.get(i)) {
        Some(&(start, end)) if at <= end => file.line_col(start).line - 1,
        _ => own,
    }
}

/// Whether the keyword of one of a Dockerfile's `instructions` (from
/// [`instruction_spans`]) is on the 0-based `line`. O(log n).
fn starts_instruction(file: &SourceFile, instructions: &[(u32, u32)], line: u32) -> bool {
    let keyword_line = |start: u32| file.line_col(start).line - 1;
    let i = instructions.partition_point(|&(start, _)| keyword_line(start) < line);
    instructions
        .get(i)
        .is_some_and(|&(start, _)| keyword_line(start) == line)
}

/// Parse the suppression comments among `all`, comments of `text` sorted
/// by position.
fn parse_comments(text: &str, all: &[Comment]) -> FileDirectives {
    let mut out = FileDirectives::default();
    if all.is_empty() {
        return out;
    }
    let line_count = line_count(text);
    let targets = standalone_targets(all, line_count);
    for (i, c) in all.iter().enumerate() {
        let body = &text[c.range.start as usize..c.range.end as usize];
        let after_hash = &body[1..];
        let trimmed = after_hash.trim_start();
        // `## reelnet-lint: ignore[…]`: a suppression starts with a single
        // `#`. Malformed rather than honoured, so that a doubled hash (how
        // some files comment out a comment) never hides a finding unseen.
        // (`# # reelnet-lint: …`, commented out with a space, is a comment.)
        if after_hash.starts_with('#') {
            let inner = after_hash.trim_start_matches('#').trim_start();
            if inner.starts_with(DIRECTIVE) || near_miss(inner).is_some() {
                out.malformed.push(Malformed {
                    range: c.range,
                    problem: "a suppression comment starts with a single `#`: write `# reelnet-lint: ignore[CODE] reason`".to_owned(),
                });
            }
            continue;
        }
        let Some(rest) = trimmed.strip_prefix(DIRECTIVE) else {
            if let Some(problem) = near_miss(trimmed) {
                out.malformed.push(Malformed {
                    range: c.range,
                    problem,
                });
            }
            continue;
        };
        let base =
            c.range.start as usize + 1 + (after_hash.len() - trimmed.len()) + DIRECTIVE.len();
        let target = if c.standalone {
            targets[i]
        } else {
            Some(c.line)
        };
        match parse_directive(rest, base) {
            Ok((head, rules, reason, until)) => out.directives.push(Directive {
                comment: c.range,
                head,
                target,
                rules,
                reason,
                until,
            }),
            Err(problem) => out.malformed.push(Malformed {
                range: c.range,
                problem,
            }),
        }
    }
    out
}

/// The number of lines [`str::lines`] yields for `text`, without making
/// them: its line feeds, and a last line that does not end in one (a
/// carriage return alone ends no line there). One vectorised pass.
fn line_count(text: &str) -> u32 {
    let feeds = text.bytes().filter(|&b| b == b'\n').count();
    to_u32(feeds + usize::from(!text.is_empty() && !text.ends_with('\n')))
}

/// What is wrong with a comment that was meant as a suppression but does
/// not start with exactly `reelnet-lint:`, or None when it is not one.
///
/// A comment counts as meant when it starts with the tool's name, in any
/// case, with any separator between `reelnet` and `lint` (`-`, `_`, a
/// space, none, or a Unicode dash such as U+2010 or U+2013) or with `lint`
/// left out (`reelnet:`), then any of `:`, `：` (full-width), `-`, `_` and
/// spaces, then a directive word (`ignore`, `disable`, `suppress`, `noqa`)
/// ending there (`[`, a space or the end). Prose that mentions the tool
/// (`reelnet-lint flags this`, `reelnet-lint ignores …`) is not meant.
/// Reads a bounded prefix of `body`: constant time per comment.
fn near_miss(body: &str) -> Option<String> {
    let (name_len, after_name) = tool_name(body)?;
    let name = &body[..name_len];
    // The separator between the name and the directive word.
    let sep_len = after_name
        .char_indices()
        .find(|&(_, c)| !matches!(c, ':' | '\u{ff1a}' | '-' | '_' | ' ' | '\t'))
        .map_or(after_name.len(), |(i, _)| i);
    let sep = &after_name[..sep_len];
    let rest = &after_name[sep_len..];
    let word_len = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    if !["ignore", "disable", "suppress", "noqa"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
    {
        return None;
    }
    if rest[word_len..]
        .chars()
        .next()
        .is_some_and(|c| c != '[' && !c.is_whitespace())
    {
        return None;
    }
    let example = "`# reelnet-lint: ignore[CODE] reason`";
    Some(if name != "reelnet-lint" {
        let hint = if name.eq_ignore_ascii_case("reelnet") {
            "the directive prefix is the whole name, `reelnet-lint:`"
        } else if name.is_ascii() {
            "write `reelnet-lint:` in lower case with a hyphen"
        } else {
            "write `reelnet-lint:` with the ASCII hyphen-minus (U+002D)"
        };
        format!("`{name}` is not the directive prefix: {hint}, as in {example}")
    } else if sep.contains('\u{ff1a}') {
        format!(
            "`：` (U+FF1A, full-width colon) is not the colon after `reelnet-lint`: write the ASCII `:`, as in {example}"
        )
    } else if sep.contains(['-', '_']) {
        format!(
            "`reelnet-lint{sep}{word}` is not a directive: write `reelnet-lint:`, a space and `ignore[CODE]`, as in {example}"
        )
    } else if !sep.contains(':') {
        format!("a colon is missing after `reelnet-lint`: write {example}")
    } else if !sep.starts_with(':') {
        // `reelnet-lint :` (a space before the colon).
        format!("no space may come before the colon: write {example}")
    } else {
        // `reelnet-lint:disable …`, reached only through a caller that did
        // not strip the exact prefix; parse_directive names the word.
        format!("`{word}` is not a directive: write {example}")
    })
}

/// The tool's name at the start of `body`, in any spelling a suppression
/// may be meant with (see [`near_miss`]): its length in bytes and what
/// follows it. None when `body` does not start with `reelnet`.
fn tool_name(body: &str) -> Option<(usize, &str)> {
    const TOOL: &str = "reelnet";
    let head = body.get(..TOOL.len())?;
    if !head.eq_ignore_ascii_case(TOOL) {
        return None;
    }
    let after = &body[TOOL.len()..];
    // `-`, `_`, a space, a Unicode hyphen or dash (U+2010 to U+2015, U+2212),
    // or nothing, then `lint`.
    let dash_len = after
        .chars()
        .next()
        .filter(|&c| matches!(c, '-' | '_' | ' ' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
        .map_or(0, char::len_utf8);
    let lint = after
        .get(dash_len..dash_len + 4)
        .filter(|l| l.eq_ignore_ascii_case("lint"));
    let len = TOOL.len() + if lint.is_some() { dash_len + 4 } else { 0 };
    let name_end = &body[len..];
    // `reelnet-linter`, `reelnetlintx`: another word.
    if name_end.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((len, name_end))
}

/// For each comment, the first line after it that is not a comment-only
/// line (None past the end of the file): what a standalone suppression
/// targets. One backward pass, so stacked comments cost linear time.
fn standalone_targets(all: &[Comment], line_count: u32) -> Vec<Option<u32>> {
    let mut targets = vec![None; all.len()];
    for i in (0..all.len()).rev() {
        let next = all[i].line + 1;
        // A comment-only line right below: its target is ours.
        targets[i] = match all.get(i + 1) {
            Some(c) if c.line == next && c.standalone => targets[i + 1],
            _ => (next < line_count).then_some(next),
        };
    }
    targets
}

type Parsed = (TextRange, Vec<Named>, String, Option<(Date, TextRange)>);

/// Parse what follows `reelnet-lint:`; `base` is its byte offset in the file.
fn parse_directive(rest: &str, base: usize) -> Result<Parsed, String> {
    let lead = rest.len() - rest.trim_start().len();
    let body = &rest[lead..];
    let word_end = body
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        .unwrap_or(body.len());
    let word = &body[..word_end];
    if word != "ignore" {
        return Err(if word.is_empty() {
            "a directive is `reelnet-lint: ignore[CODE] reason`".to_owned()
        } else {
            format!("unknown directive `{word}`; write `reelnet-lint: ignore[CODE] reason`")
        });
    }
    let after = &body[word_end..];
    if !after.starts_with('[') {
        return Err("`ignore` needs the rules in brackets: `ignore[DB001] reason`".to_owned());
    }
    let Some(close) = after.find(']') else {
        return Err("the `[` after `ignore` is not closed".to_owned());
    };
    let list_start = base + lead + word_end + 1;
    let head = TextRange::new(to_u32(base + lead), to_u32(list_start + close));
    let mut rules = Vec::new();
    let mut offset = 0;
    for part in after[1..close].split(',') {
        let t = part.trim();
        let at = list_start + offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        if t.is_empty() {
            return Err(
                "an empty rule in `ignore[...]`; name codes or names, comma-separated".to_owned(),
            );
        }
        if t.contains(char::is_whitespace) {
            return Err(format!(
                "`{t}` is not one rule; separate codes and names with commas"
            ));
        }
        rules.push(Named {
            text: t.to_owned(),
            range: TextRange::new(to_u32(at), to_u32(at + t.len())),
        });
    }
    let tail_start = list_start + close;
    let tail = &after[close + 1..];
    let mut until = None;
    let mut words = Vec::new();
    let mut pos = 0;
    for w in tail.split_whitespace() {
        let at = tail[pos..].find(w).map_or(pos, |p| pos + p);
        pos = at + w.len();
        if let Some(d) = w.strip_prefix("until=") {
            if until.is_some() {
                return Err("`until=` is given twice".to_owned());
            }
            let date: Date = d
                .parse()
                .map_err(|_| format!("`until={d}` is not a date; write until=YYYY-MM-DD"))?;
            let start = tail_start + at;
            until = Some((date, TextRange::new(to_u32(start), to_u32(start + w.len()))));
        } else {
            words.push(w);
        }
    }
    let reason = words
        .join(" ")
        .trim_start_matches([':', '-', '–', '—', ' '])
        .trim()
        .to_owned();
    Ok((head, rules, reason, until))
}

/// What applying suppressions needs to know about the run.
pub(crate) trait Policy {
    /// The code and name of every rule a suppression names (exact code or
    /// name): several when rules share a name (`runs-as-root`: DKR002 and
    /// K8S003), none when it names no rule.
    fn rules(&self, named: &str) -> Vec<(&'static str, &'static str)>;
    /// Codes and names, for "did you mean".
    fn names(&self) -> Vec<&'static str>;
    /// Whether the rule ran for this file (selected and not ignored for its path).
    fn ran(&self, code: &str, file: FileId) -> bool;
    /// Whether no suppression may hide the rule.
    fn unignorable(&self, code: &str) -> bool;
    /// The severity of SPEC007/SPEC008 in this file, or None when they do not run there.
    fn severity_of(&self, code: &str, file: FileId) -> Option<Severity>;
    fn as_of(&self) -> Date;
}

#[derive(Clone, Copy, Default)]
struct Usage {
    used: bool,
    /// It named an unignorable rule's finding.
    blocked: bool,
    /// It named an error of a spec that did not load.
    unloaded: bool,
}

/// The shallowest node starting on each 0-based line (the first in the
/// file among equals), found once per file. Its pointer is built only for
/// the lines a suppression comment names: building every line's would cost
/// a long key's length once per line below it (1 GB for a
/// 20,000-character key above 50,000 lines).
fn nodes_by_line(file: &SourceFile) -> HashMap<u32, u32> {
    let map = &file.map;
    // A node's depth is its parent's plus its segment's (parents come
    // first), so no pointer is built but the chosen ones.
    let mut depths: Vec<usize> = Vec::with_capacity(map.len());
    let mut best: HashMap<u32, (usize, u32)> = HashMap::new();
    for (node, e) in (0u32..).zip(map.entries()) {
        let above = map
            .parent(node)
            .and_then(|p| depths.get(p as usize))
            .copied()
            .unwrap_or(0);
        let depth = above + map.segment(node).matches('/').count();
        depths.push(depth);
        let at = e.key.unwrap_or(e.value).start;
        let line = file.line_col(at).line - 1;
        best.entry(line)
            .and_modify(|b| {
                if depth < b.0 {
                    *b = (depth, node);
                }
            })
            .or_insert((depth, node));
    }
    best.into_iter()
        .map(|(line, (_, node))| (line, node))
        .collect()
}

/// Hide the findings suppressed by comments; report problems with the
/// suppressions. `loaded`: whether the spec loaded and the rules ran. When
/// it did not, its errors cannot be hidden (nothing else was checked, so a
/// hidden error would pass a spec no rule looked at), and no suppression is
/// judged unused.
pub(crate) fn apply(
    policy: &dyn Policy,
    sources: &Sources,
    diagnostics: Vec<Diagnostic>,
    loaded: bool,
) -> (Vec<Diagnostic>, Vec<Suppressed>) {
    let parsed: Vec<(FileId, FileDirectives)> = sources
        .iter()
        .map(|(id, f)| (id, parse(f)))
        .filter(|(_, d)| !d.directives.is_empty() || !d.malformed.is_empty())
        .collect();
    if parsed.is_empty() {
        return (diagnostics, Vec::new());
    }
    let as_of = policy.as_of();
    let mut usage: Vec<Vec<Vec<Usage>>> = parsed
        .iter()
        .map(|(_, f)| {
            f.directives
                .iter()
                .map(|d| vec![Usage::default(); d.rules.len()])
                .collect()
        })
        .collect();
    // Each file's directives by the line they target: a finding looks only
    // at its own line's (linear in findings plus directives).
    let by_line: Vec<HashMap<u32, Vec<usize>>> = parsed
        .iter()
        .map(|(_, f)| {
            let mut m: HashMap<u32, Vec<usize>> = HashMap::new();
            for (di, d) in f.directives.iter().enumerate() {
                if let Some(t) = d.target {
                    m.entry(t).or_default().push(di);
                }
            }
            m
        })
        .collect();
    let file_index: HashMap<FileId, usize> = parsed
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let instructions: Vec<Vec<(u32, u32)>> = parsed
        .iter()
        .map(|(id, _)| sources.get(*id).map(instruction_spans).unwrap_or_default())
        .collect();
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut hidden = Vec::new();
    for d in diagnostics {
        let Some(&fi) = file_index.get(&d.primary.file) else {
            kept.push(d);
            continue;
        };
        let Some(file) = sources.get(d.primary.file) else {
            kept.push(d);
            continue;
        };
        let line = finding_line(file, &instructions[fi], d.primary.range.start);
        let mut hider: Option<&Directive> = None;
        for &di in by_line[fi].get(&line).map_or(&[][..], Vec::as_slice) {
            let dir = &parsed[fi].1.directives[di];
            if dir.until.is_some_and(|(u, _)| u < as_of) {
                continue;
            }
            for (ri, named) in dir.rules.iter().enumerate() {
                let matches = named.text.eq_ignore_ascii_case(d.code)
                    || named.text.eq_ignore_ascii_case(d.name);
                if !matches || is_meta(d.code) {
                    continue;
                }
                if policy.unignorable(d.code) {
                    usage[fi][di][ri].blocked = true;
                } else if !loaded && d.severity == Severity::Error {
                    usage[fi][di][ri].unloaded = true;
                } else {
                    usage[fi][di][ri].used = true;
                    hider.get_or_insert(dir);
                }
            }
        }
        match hider {
            Some(dir) => hidden.push(Suppressed {
                justification: dir.reason.clone(),
                comment: Some(Label {
                    file: d.primary.file,
                    range: dir.comment,
                    path: d.primary.path.clone(),
                    message: "suppressed here".into(),
                }),
                diagnostic: d,
                kind: SuppressionKind::InSource,
            }),
            None => kept.push(d),
        }
    }
    // The findings left shown, by file and rule, with their 0-based lines:
    // what an unused suppression may have been meant for.
    let mut shown: HashMap<(FileId, &'static str), Vec<(u32, Label)>> = HashMap::new();
    for d in &kept {
        if let Some(file) = sources.get(d.primary.file) {
            let line = file.line_col(d.primary.range.start).line - 1;
            shown
                .entry((d.primary.file, d.code))
                .or_default()
                .push((line, d.primary.clone()));
        }
    }
    for v in shown.values_mut() {
        v.sort_by_key(|(line, l)| (*line, l.range.start));
    }
    for (fi, (id, dirs)) in parsed.iter().enumerate() {
        let Some(file) = sources.get(*id) else {
            continue;
        };
        let unused = policy.severity_of(unused_suppression::UnusedSuppression::META.code, *id);
        let no_reason = policy.severity_of(
            suppression_without_reason::SuppressionWithoutReason::META.code,
            *id,
        );
        let nodes = nodes_by_line(file);
        let pointer_on_line = |line: u32| {
            nodes
                .get(&line)
                .map(|&node| file.map.pointer(node))
                .unwrap_or_default()
        };
        let label = |range: TextRange, path: String, message: &str| Label {
            file: *id,
            range,
            path,
            message: message.to_owned(),
        };
        if let Some(sev) = unused {
            for m in &dirs.malformed {
                let path = pointer_on_line(file.line_col(m.range.start).line - 1);
                kept.push(unused_diag(
                    sev,
                    label(m.range, path, "not understood"),
                    format!("malformed suppression comment: {}", m.problem),
                    "write `# reelnet-lint: ignore[CODE] reason`, or remove the comment",
                ));
            }
        }
        for (di, dir) in dirs.directives.iter().enumerate() {
            let path = dir.target.map_or_else(String::new, pointer_on_line);
            if let (Some(sev), true) = (no_reason, dir.reason.is_empty()) {
                kept.push(Diagnostic {
                    code: suppression_without_reason::SuppressionWithoutReason::META.code,
                    name: suppression_without_reason::SuppressionWithoutReason::META.name,
                    severity: sev,
                    message: "suppression comment gives no reason".into(),
                    help: Some(
                        "say why after the bracket: `# reelnet-lint: ignore[DB001] read replica for analytics, see ADR-12`"
                            .into(),
                    ),
                    primary: label(dir.head, path.clone(), "no reason after this"),
                    related: Vec::new(),
                });
            }
            let Some(sev) = unused else {
                continue;
            };
            if let Some((until, range)) = dir.until
                && until < as_of
            {
                kept.push(unused_diag(
                    sev,
                    label(range, path.clone(), "expired"),
                    format!(
                        "suppression expired on {until} (linting as of {as_of}); it no longer hides anything"
                    ),
                    "fix the findings it hid and remove the comment, or agree on a new date",
                ));
                continue;
            }
            for (ri, named) in dir.rules.iter().enumerate() {
                let at = label(named.range, path.clone(), "");
                let candidates = policy.rules(&named.text);
                // A name several rules share stands for all of them (the
                // matching above hides a finding of any); the unused-check
                // speaks of the one meant for this file: one with a finding
                // here, else one that reads this kind of file.
                let syntax = sources.get(*id).map(|f| f.syntax).unwrap_or_default();
                let meant = candidates
                    .iter()
                    .find(|(c, _)| shown.contains_key(&(*id, *c)))
                    .or_else(|| candidates.iter().find(|(c, _)| reads(c, syntax)))
                    .or(candidates.first())
                    .copied();
                let Some((code, name)) = meant else {
                    let names = policy.names();
                    let help = match reelnet_spec::suggest(&named.text, &names) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`reelnet-lint rules` lists the codes and names".to_owned(),
                    };
                    kept.push(unused_diag(
                        sev,
                        Label {
                            message: "unknown rule".into(),
                            ..at
                        },
                        format!(
                            "`{}` in this suppression is not a rule code or name; it hides nothing",
                            named.text
                        ),
                        &help,
                    ));
                    continue;
                };
                if is_meta(code) {
                    kept.push(unused_diag(
                        sev,
                        Label {
                            message: "cannot be suppressed inline".into(),
                            ..at
                        },
                        format!("{code} ({name}) cannot be suppressed by a comment"),
                        &format!(
                            "turn it off in the configuration instead: `ignore = [\"{code}\"]` or `[per-path-ignores]`"
                        ),
                    ));
                    continue;
                }
                let u = usage[fi][di][ri];
                if policy.unignorable(code) {
                    kept.push(unused_diag(
                        sev,
                        Label {
                            message: "unignorable".into(),
                            ..at
                        },
                        format!(
                            "the configuration makes {code} ({name}) unignorable; this suppression {}",
                            if u.blocked {
                                "does not hide its finding"
                            } else {
                                "can never hide anything"
                            }
                        ),
                        "fix the finding; suppressions of this rule are not allowed",
                    ));
                    continue;
                }
                if u.unloaded && !u.used {
                    kept.push(unused_diag(
                        sev,
                        Label {
                            message: "cannot hide this error".into(),
                            ..at
                        },
                        format!(
                            "the spec does not load, so no rule ran: its {code} ({name}) error cannot be suppressed"
                        ),
                        "fix the error; once the spec loads, the rules can check it",
                    ));
                    continue;
                }
                if !u.used && loaded && policy.ran(code, *id) {
                    // In a Dockerfile a suppression names an instruction.
                    let dockerfile = file.syntax == Syntax::Dockerfile;
                    let line = dir.target.map_or_else(
                        || "past the end of the file".to_owned(),
                        |t| {
                            if dockerfile && starts_instruction(file, &instructions[fi], t) {
                                format!("in the instruction on line {}", t + 1)
                            } else if dockerfile {
                                format!("on line {} (no instruction starts there)", t + 1)
                            } else {
                                format!("on line {}", t + 1)
                            }
                        },
                    );
                    let remove = if dir.rules.len() == 1 {
                        "remove the comment"
                    } else {
                        "remove this rule from the suppression"
                    };
                    let nearest = shown
                        .get(&(*id, code))
                        .and_then(|found| nearest(found, dir.target.unwrap_or(u32::MAX)));
                    let diag = match nearest {
                        // A finding of that rule elsewhere in the file: say where.
                        Some((at_line, finding)) => {
                            let mut d = unused_diag(
                                sev,
                                Label {
                                    message: "suppresses nothing".into(),
                                    ..at
                                },
                                format!(
                                    "suppression of {code} ({name}) hid nothing: no {code} finding {line}; the nearest {code} finding is on line {}",
                                    at_line + 1
                                ),
                                &if dockerfile {
                                    let instruction =
                                        finding_line(file, &instructions[fi], finding.range.start);
                                    format!(
                                        "a suppression in a Dockerfile covers the instruction below it, or the one it is inside: put it alone on the line above the instruction on line {}; else {remove}",
                                        instruction + 1
                                    )
                                } else {
                                    format!(
                                        "a suppression covers the line its finding starts on: put it at the end of line {}, or alone on the line above it; else {remove}",
                                        at_line + 1
                                    )
                                },
                            );
                            d.related.push(Label {
                                message: format!(
                                    "this {code} finding starts on line {}",
                                    at_line + 1
                                ),
                                ..finding.clone()
                            });
                            d
                        }
                        None => unused_diag(
                            sev,
                            Label {
                                message: "suppresses nothing".into(),
                                ..at
                            },
                            format!(
                                "suppression of {code} ({name}) hid nothing: no {code} finding {line}"
                            ),
                            remove,
                        ),
                    };
                    kept.push(diag);
                }
            }
        }
    }
    (kept, hidden)
}

/// The finding (of `found`, sorted by line) nearest to 0-based `line`; the
/// later one on a tie (a comment usually sits above its finding).
fn nearest(found: &[(u32, Label)], line: u32) -> Option<(u32, &Label)> {
    let i = found.partition_point(|(l, _)| *l < line);
    let after = found.get(i);
    let before = i.checked_sub(1).and_then(|j| found.get(j));
    let pick = match (before, after) {
        (Some(b), Some(a)) => {
            if line - b.0 < a.0 - line {
                b
            } else {
                a
            }
        }
        (Some(b), None) => b,
        (None, Some(a)) => a,
        (None, None) => return None,
    };
    Some((pick.0, &pick.1))
}

/// Whether a rule reports in files of this syntax: DKR rules in
/// Dockerfiles, the others in YAML (specs and manifests). Used only to pick
/// among rules that share a name.
fn reads(code: &str, syntax: Syntax) -> bool {
    code.starts_with("DKR") == (syntax == Syntax::Dockerfile)
}

/// SPEC007 and SPEC008 report on suppressions and cannot be suppressed by one.
fn is_meta(code: &str) -> bool {
    code == unused_suppression::UnusedSuppression::META.code
        || code == suppression_without_reason::SuppressionWithoutReason::META.code
}

fn unused_diag(severity: Severity, primary: Label, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        code: unused_suppression::UnusedSuppression::META.code,
        name: unused_suppression::UnusedSuppression::META.name,
        severity,
        message,
        help: Some(help.to_owned()),
        primary,
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: TextRange) -> &str {
        &text[r.start as usize..r.end as usize]
    }

    /// The directives of a YAML text, read through the loader (whose
    /// parser reports the comments), whether or not it loads.
    fn parse(text: &str) -> FileDirectives {
        let loaded = reelnet_spec::Loader::default().read_str("t.yaml", text);
        loaded
            .sources
            .iter()
            .next()
            .map(|(_, f)| super::parse(f))
            .unwrap_or_default()
    }

    #[test]
    fn parses_codes_names_reason_and_expiry() {
        let text =
            "a: 1  # reelnet-lint: ignore[DB001, multi-az-name] until=2027-01-31 replica only\n";
        let f = parse(text);
        assert!(f.malformed.is_empty(), "{:?}", f.malformed);
        let d = &f.directives[0];
        assert_eq!(d.target, Some(0));
        let names: Vec<&str> = d.rules.iter().map(|n| slice(text, n.range)).collect();
        assert_eq!(names, ["DB001", "multi-az-name"]);
        assert_eq!(d.reason, "replica only");
        assert_eq!(
            d.until
                .map(|(u, r)| (u.to_string(), slice(text, r).to_owned())),
            Some(("2027-01-31".to_owned(), "until=2027-01-31".to_owned()))
        );
        assert_eq!(slice(text, d.head), "ignore[DB001, multi-az-name]");
    }

    #[test]
    fn standalone_comment_targets_next_code_line() {
        let text = "a:\n  # reelnet-lint: ignore[X1] why\n  # reelnet-lint: ignore[X2] why\n  b: 1\n# reelnet-lint: ignore[X3] why\n";
        let f = parse(text);
        let targets: Vec<Option<u32>> = f.directives.iter().map(|d| d.target).collect();
        assert_eq!(targets, [Some(3), Some(3), None]);
    }

    #[test]
    fn reason_is_optional_to_parse_and_malformed_is_kept() {
        let f = parse("a: 1 # reelnet-lint: ignore[DB001]\n");
        assert_eq!(f.directives[0].reason, "");
        for bad in [
            "a: 1 # reelnet-lint: ignore DB001 x\n",
            "a: 1 # reelnet-lint: disable[DB001] x\n",
            "a: 1 # reelnet-lint: ignore[DB001 x\n",
            "a: 1 # reelnet-lint: ignore[] x\n",
            "a: 1 # reelnet-lint: ignore[DB001 NET001] x\n",
            "a: 1 # reelnet-lint: ignore[DB001] until=2026-02-30 x\n",
        ] {
            assert_eq!(parse(bad).malformed.len(), 1, "{bad}");
        }
        // Near misses: meant as suppressions, malformed.
        for near in [
            "a: 1 # reelnet-lint ignore[DB001] reason\n",
            "a: 1 # Reelnet-Lint: ignore[DB001] reason\n",
            "a: 1 # REELNET-LINT: IGNORE[DB001] reason\n",
            "a: 1 # reelnet_lint: ignore[DB001] reason\n",
            "a: 1 # reelnet-lint : ignore[DB001] reason\n",
            "# reelnetlint ignore[DB001] reason\na: 1\n",
            "a: 1 ## reelnet-lint: ignore[DB001] reason\n",
            "a: 1 # reelnet-lint-ignore[DB001] reason\n",
            "a: 1 # reelnet-lint-disable DB001 reason\n",
            "a: 1 # reelnet-lint disable[DB001] reason\n",
            "a: 1 # reelnet\u{2010}lint: ignore[DB001] reason\n",
            "a: 1 # reelnet\u{2013}lint: ignore[DB001] reason\n",
            "a: 1 # reelnet-lint\u{ff1a}ignore[DB001] reason\n",
            "a: 1 # reelnet: ignore[DB001] reason\n",
            "a: 1 # reelnet-lint noqa\n",
        ] {
            let f = parse(near);
            assert_eq!(f.malformed.len(), 1, "{near}");
            assert!(f.directives.is_empty(), "{near}");
        }
        assert!(
            parse("a: 1 # reelnet-lint ignore[DB001] x\n").malformed[0]
                .problem
                .contains("a colon is missing")
        );
        assert!(
            parse("a: 1 # Reelnet-Lint: ignore[DB001] x\n").malformed[0]
                .problem
                .contains("`Reelnet-Lint` is not the directive prefix")
        );
        // Mentions of the tool that are not suppressions.
        for prose in [
            "a: 1 # reelnet-lint checks this value\n",
            "a: 1 # Reelnet-Lint rules are in the README\n",
            "a: 1 # reelnet\n",
            "a: 1 # reelnet-lint ignores the sandbox, see ADR-7\n",
            "a: 1 # reelnet-lint disabled nothing here\n",
            "a: 1 # reelnet-linter: ignore[DB001] x\n",
            "a: 1 # reelnet: the platform\n",
            "a: 1 # # reelnet-lint: ignore[DB001] commented out\n",
            "a: 1 ## reelnet-lint is the linter\n",
        ] {
            assert_eq!(parse(prose), FileDirectives::default(), "{prose}");
        }
        // Not a directive: inside quotes, or another tool's comment.
        assert_eq!(
            parse("a: \"# reelnet-lint: ignore[DB001] x\"\n"),
            FileDirectives::default()
        );
        assert_eq!(
            parse("a: 1 # see reelnet-lint: docs\n"),
            FileDirectives::default()
        );
    }

    #[test]
    fn reason_punctuation_is_trimmed() {
        let f = parse("a: 1 # reelnet-lint: ignore[DB001]: -- the reason\n");
        assert_eq!(f.directives[0].reason, "the reason");
        let f = parse("a: 1 # reelnet-lint: ignore[DB001] --\n");
        assert_eq!(f.directives[0].reason, "");
    }

    proptest::proptest! {
        /// `line_count` counts what `str::lines` yields.
        #[test]
        fn line_count_is_lines_count(s in "[a\\r\\n]{0,12}|\\PC*") {
            proptest::prop_assert_eq!(line_count(&s) as usize, s.lines().count());
        }
    }
}
