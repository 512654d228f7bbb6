//! What a `RUN` (or an `ONBUILD RUN` trigger) hands to the shell or runs,
//! as BuildKit hands it over, with where each byte of it is written in the
//! Dockerfile: so that a finding about a command inside a script points at
//! that command (its line and column), not at the start of the argument
//! that holds it.
//!
//! BuildKit (`moby/buildkit`, `frontend/dockerfile/parser/parser.go`)
//! reads a Dockerfile line by line (`bufio.ScanLines`, which drops the
//! `\r` of a CRLF line break), joins a continued instruction's lines
//! (removing the escape character at the end of each, and the comment and
//! blank lines inside it), and hands a shell-form command to the shell
//! as that one line; a here-document's body goes as written; an exec-form
//! command's elements are JSON strings.

use std::ops::Range;

use crate::source::{Loc, TextRange};

/// Text as BuildKit hands it over, with the file offset of each byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellText {
    /// The text (a shell script, or an exec-form element).
    pub text: String,
    /// For each byte of `text`, its byte offset in the Dockerfile (a
    /// character decoded from an escape: the escape's first byte).
    pub offsets: Vec<u32>,
    /// The text as written: a shell-form command, a here-document body,
    /// or an exec-form element between its quotes.
    pub written: TextRange,
    /// The argument it is written in (findings about it are there).
    pub loc: Loc,
}

impl ShellText {
    /// The file range of `text[range]` (a non-empty range of whole
    /// characters): from its first byte's place to after its last byte's.
    #[must_use]
    pub fn file_range(&self, range: Range<usize>) -> Option<TextRange> {
        let start = *self.offsets.get(range.start)?;
        let last = *self.offsets.get(range.end.checked_sub(1)?)?;
        Some(TextRange::new(start, last.saturating_add(1).max(start)))
    }

    /// Append `s`, written at file offset `at`.
    fn push(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.offsets.extend((at..at + s.len()).map(to_u32));
    }

    /// Append `c`, written at file offset `at`.
    fn push_char(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.offsets
            .extend(std::iter::repeat_n(to_u32(at), c.len_utf8()));
    }
}

/// How a `RUN` gives its command, as it is run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunCommand {
    /// Shell form: the command line the shell gets (`<<EOF` markers
    /// included), then the body of each here-document it opens, in order.
    Shell {
        /// The joined command line.
        command: ShellText,
        /// The here-document bodies (the `\r` of CRLF line breaks dropped).
        heredocs: Vec<ShellText>,
    },
    /// Exec form: the elements of the JSON array, decoded.
    Exec(Vec<ShellText>),
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A shell-form command written at `base` in `text` (`written`, up to its
/// last argument), joined as BuildKit joins a continued instruction: the
/// escape character and the blanks before it removed at the end of every
/// line but the last, the comment lines inside the continuation dropped,
/// each `\r` of a line break dropped. The instruction's text only holds
/// line breaks that follow a continuation (or a comment line inside one),
/// so the last character of every line but the last is the escape
/// character.
pub(crate) fn joined_command(written: &str, base: usize, loc: Loc) -> ShellText {
    let mut out = ShellText {
        written: TextRange::new(to_u32(base), to_u32(base + written.len())),
        loc,
        ..ShellText::default()
    };
    let mut lines = written.split('\n').peekable();
    let mut first = true;
    let mut at = base;
    while let Some(line) = lines.next() {
        let here = at;
        at += line.len() + 1;
        let comment = !first && line.trim_start().starts_with('#');
        first = false;
        if comment {
            continue;
        }
        if lines.peek().is_some() {
            let t = line.trim_end();
            out.push(t.strip_suffix(['\\', '`']).unwrap_or(t), here);
        } else {
            out.push(line.strip_suffix('\r').unwrap_or(line), here);
        }
    }
    out
}

/// A here-document's body written at `base`: as written, without the `\r`
/// of each CRLF line break.
pub(crate) fn heredoc_body(written: &str, base: usize, loc: Loc) -> ShellText {
    let mut out = ShellText {
        written: TextRange::new(to_u32(base), to_u32(base + written.len())),
        loc,
        ..ShellText::default()
    };
    let mut from = 0;
    for (i, _) in written.match_indices("\r\n") {
        out.push(written.get(from..i).unwrap_or(""), base + from);
        from = i + 1;
    }
    out.push(written.get(from..).unwrap_or(""), base + from);
    out
}

/// An exec-form element: its text between the quotes written at `base`,
/// joined as BuildKit joins a continued instruction (a line continuation
/// inside the string removed, see [`joined_command`]), then decoded as
/// JSON. When that is not `value`, `value` with every byte placed at the
/// element's start.
pub(crate) fn json_element(written: &str, base: usize, value: &str, loc: Loc) -> ShellText {
    let joined = joined_command(written, base, loc);
    json_element_in(&joined, 0..joined.text.len(), value, loc)
}

/// An exec-form element whose text between the quotes is
/// `joined.text[range]` (text already joined, each byte with its file
/// offset), decoded as JSON; when that is not `value`, `value` with every
/// byte placed at the element's start.
pub(crate) fn json_element_in(
    joined: &ShellText,
    range: Range<usize>,
    value: &str,
    loc: Loc,
) -> ShellText {
    let place = |i: usize| joined.offsets.get(i).copied();
    let start = place(range.start).unwrap_or(joined.written.start);
    let end = range
        .end
        .checked_sub(1)
        .filter(|&last| last >= range.start)
        .and_then(place)
        .map_or(start, |last| last.saturating_add(1));
    let written = TextRange::new(start, end.max(start));
    joined
        .text
        .get(range.clone())
        .and_then(|w| decode_json(w, range.start))
        .filter(|d| d.text == value)
        .map_or_else(
            || ShellText {
                text: value.to_owned(),
                offsets: vec![start; value.len()],
                written,
                loc,
            },
            |d| ShellText {
                offsets: d
                    .offsets
                    .iter()
                    .map(|&o| place(o as usize).unwrap_or(start))
                    .collect(),
                text: d.text,
                written,
                loc,
            },
        )
}

/// `text[from..]`, each byte keeping its file offset.
pub(crate) fn tail(text: &ShellText, from: usize) -> ShellText {
    ShellText {
        text: text.text.get(from..).unwrap_or("").to_owned(),
        offsets: text.offsets.get(from..).unwrap_or(&[]).to_vec(),
        written: TextRange::new(
            text.offsets.get(from).copied().unwrap_or(text.written.end),
            text.written.end,
        ),
        loc: text.loc,
    }
}

/// The JSON string whose text between the quotes is `written`, at `base`.
fn decode_json(written: &str, base: usize) -> Option<ShellText> {
    let mut out = ShellText::default();
    let mut chars = written.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push_char(c, base + i);
            continue;
        }
        let decoded = match chars.next()?.1 {
            e @ ('"' | '\\' | '/') => e,
            'b' => '\x08',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                let unit = u32::from_str_radix(&hex, 16).ok()?;
                // A surrogate pair is two escapes.
                let code = if (0xd800..0xdc00).contains(&unit) {
                    let low = chars
                        .as_str()
                        .strip_prefix("\\u")
                        .and_then(|r| r.get(..4))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .filter(|l| (0xdc00..0xe000).contains(l))?;
                    chars.by_ref().take(6).for_each(drop);
                    0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                } else {
                    unit
                };
                char::from_u32(code)?
            }
            _ => return None,
        };
        out.push_char(decoded, base + i);
    }
    Some(out)
}

/// Where the command of an `ONBUILD RUN` trigger starts in the trigger's
/// text (after `RUN` and its `--flags`, as BuildKit's `extractBuilderFlags`
/// reads them); None for another trigger.
pub(crate) fn onbuild_run_command(trigger: &str) -> Option<usize> {
    let blank = |c: char| c.is_ascii_whitespace();
    let after = trigger
        .get(..3)
        .filter(|k| k.eq_ignore_ascii_case("RUN"))
        .and_then(|_| trigger.get(3..))
        .filter(|rest| rest.starts_with(blank))?;
    let mut at = trigger.len() - after.len();
    loop {
        let rest = trigger.get(at..)?;
        at += rest.len() - rest.trim_start_matches(blank).len();
        let rest = trigger.get(at..)?;
        // A line continuation among the flags (the escape character, then
        // the line break) is a blank too.
        if let Some(r) = rest.strip_prefix(['\\', '`'])
            && r.starts_with(['\r', '\n'])
        {
            at += 1;
            continue;
        }
        if !rest.starts_with("--") {
            break;
        }
        at += rest.find(blank).unwrap_or(rest.len());
    }
    Some(at)
}

/// The strings of a JSON array of strings (an exec-form command) written
/// at the start of `text`: each with its value, its text between the
/// quotes and that text's offset in `text`. None when `text` is not one.
pub(crate) fn json_array(text: &str) -> Option<Vec<(String, &str, usize)>> {
    let values: Vec<String> = serde_json::from_str(text.trim_end()).ok()?;
    let bytes = text.as_bytes();
    let blank = |i: &mut usize| {
        while bytes.get(*i).is_some_and(u8::is_ascii_whitespace) {
            *i += 1;
        }
    };
    let mut out = Vec::with_capacity(values.len());
    let mut i = 1;
    for value in values {
        blank(&mut i);
        if bytes.get(i) == Some(&b',') {
            i += 1;
            blank(&mut i);
        }
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        let start = i + 1;
        i = start;
        while let Some(&c) = bytes.get(i) {
            if c == b'"' {
                break;
            }
            i += if c == b'\\' { 2 } else { 1 };
        }
        out.push((value, text.get(start..i)?, start));
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    const LOC: Loc = Loc {
        file: FileId(0),
        node: 0,
    };

    /// Each byte of the joined text is the byte of the file it claims.
    fn faithful(file: &str, t: &ShellText) {
        for (i, b) in t.text.bytes().enumerate() {
            let at = t.offsets[i] as usize;
            assert_eq!(file.as_bytes()[at], b, "{file:?} byte {i} of {:?}", t.text);
        }
    }

    #[test]
    fn joins_keep_every_byte_in_place() {
        let joined = |c: &str| joined_command(c, 0, LOC).text;
        assert_eq!(joined("npm `\n  install"), "npm   install");
        assert_eq!(joined("a \\\n# note\n  b"), "a   b");
        let file = "RUN a \\\r\n# c\r\n\t&& npm i\r\n";
        let t = joined_command(&file[4..file.len() - 2], 4, LOC);
        assert_eq!(t.text, "a \t&& npm i");
        faithful(file, &t);
        let file = "x\r\nnpm install\r\nEOF\r\n";
        let t = heredoc_body(&file[3..16], 3, LOC);
        assert_eq!(t.text, "npm install\n");
        faithful(file, &t);
        let file = r#"["sh", "-c", "a \"b\" \u00e9\ud83d\ude00 npm i"]"#;
        let elements = json_array(file).unwrap_or_default();
        let (value, written, at) = &elements[2];
        let t = json_element(written, *at, value, LOC);
        assert_eq!(t.text, "a \"b\" \u{e9}\u{1f600} npm i");
        let npm = t.text.find("npm").unwrap_or(0);
        let r = t.file_range(npm..npm + 5);
        assert_eq!(
            r.map(|r| &file[r.start as usize..r.end as usize]),
            Some("npm i")
        );
    }

    #[test]
    fn onbuild_flags_are_skipped() {
        assert_eq!(onbuild_run_command("RUN npm i"), Some(4));
        assert_eq!(
            onbuild_run_command("run --mount=a  --network=none x"),
            Some(30)
        );
        assert_eq!(onbuild_run_command("RUN --mount=a \\\n  x"), Some(18));
        assert_eq!(onbuild_run_command("COPY a b"), None);
        assert_eq!(onbuild_run_command("RUNX a"), None);
    }
}
