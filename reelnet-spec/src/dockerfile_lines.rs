//! Which lines of a Dockerfile are comments, read as BuildKit's parser reads
//! them (`moby/buildkit`, `frontend/dockerfile/parser/parser.go`, `Parse`):
//!
//! - a line whose first non-blank character is `#` is a comment, also inside
//!   a continued instruction (BuildKit drops it there and the instruction
//!   goes on); a `#` after other text is part of the instruction;
//! - the parser directives at the top (`# syntax=`, `# escape=`,
//!   `# check=`) are comments too, and `# escape=` changes the character
//!   that continues a line (`\` or `` ` ``);
//! - the lines of a here-document (`RUN <<EOF` ... `EOF`, also of `COPY`,
//!   `ADD` and `ONBUILD RUN`/`COPY`/`ADD`) are its body, handed to the shell
//!   or written to a file: a `#` there is text, not a comment.
//!
//! `parse-dockerfile` skips comments without reporting them, so this is the
//! one place they are read (suppressions read them); linear in the text.

/// The parser directives BuildKit knows (`parser/directives.go`,
/// `validDirectives`); another `# key=value` line ends the directives.
const DIRECTIVES: [&str; 3] = ["syntax", "escape", "check"];

/// The UTF-8 byte order mark, skipped on the first line as BuildKit does.
const BOM: &str = "\u{feff}";

/// One physical line: where it starts and its text without the line break
/// (BuildKit's `trimNewline`: every trailing `\r` and `\n`).
struct Line<'t> {
    start: usize,
    text: &'t str,
}

/// The comments of a Dockerfile: for each, the byte range from its `#` to
/// the end of its line (a trailing `\r` excluded), and, for a comment
/// inside a continued instruction (BuildKit drops it and the instruction
/// goes on), the byte offset of that instruction's keyword.
#[must_use]
pub(crate) fn dockerfile_comments(text: &str) -> Vec<(std::ops::Range<usize>, Option<usize>)> {
    let mut lines = physical_lines(text);
    let mut out = Vec::new();
    let mut comment = |line: &Line<'_>, inside: Option<usize>| {
        let lead = line.text.len() - line.text.trim_start().len();
        out.push((line.start + lead..line.start + line.text.len(), inside));
    };
    let mut escape = '\\';
    let mut directives_done = false;
    while let Some(line) = lines.next() {
        if is_comment(line.text) {
            comment(&line, None);
        }
        let first = line.text.trim_start();
        if !directives_done {
            match directive(first) {
                Some((key, value)) => {
                    if key.eq_ignore_ascii_case("escape") {
                        match value {
                            "`" => escape = '`',
                            "\\" => escape = '\\',
                            // BuildKit rejects the file ("invalid escape
                            // token"); the parser reports it (DKR000).
                            _ => {}
                        }
                    }
                }
                None => directives_done = true,
            }
        }
        let first = if first.starts_with('#') { "" } else { first };
        let (part, mut ended) = continuation(first, escape);
        if ended && part.is_empty() {
            continue;
        }
        let mut logical = part.to_owned();
        let keyword = line.start + (line.text.len() - first.len());
        while !ended {
            let Some(next) = lines.next() else {
                break;
            };
            if is_comment(next.text) {
                comment(&next, Some(keyword));
                continue;
            }
            if next.text.trim_start().is_empty() {
                continue;
            }
            let (part, end) = continuation(next.text, escape);
            logical.push_str(part);
            ended = end;
        }
        if !can_contain_heredoc(&logical) {
            continue;
        }
        for (name, chomp) in heredocs(&logical) {
            // The body runs to a line that is its name (after leading tabs
            // for `<<-`); its lines are never comments. A missing end is
            // BuildKit's "unterminated heredoc" (the parser reports it).
            for body in lines.by_ref() {
                let candidate = if chomp {
                    body.text.trim_start_matches('\t')
                } else {
                    body.text
                };
                if candidate == name {
                    break;
                }
            }
        }
    }
    out
}

/// The logical line of the instruction that starts at `at` (a keyword at
/// the start of a line), as BuildKit's parser joins it: continuation
/// characters removed, comment and blank lines inside it dropped. With the
/// offset after its last physical line (after that line's break), where
/// its here-document bodies start.
pub(crate) fn logical_line(text: &str, at: usize, escape: char) -> (String, usize) {
    let rest = text.get(at..).unwrap_or("");
    let mut lines = rest
        .split_inclusive('\n')
        .map(|raw| (raw.len(), raw.trim_end_matches(['\r', '\n'])));
    let mut end = at;
    let Some((len, first)) = lines.next() else {
        return (String::new(), end);
    };
    end += len;
    let (part, mut ended) = continuation(first.trim_start(), escape);
    let mut logical = part.to_owned();
    while !ended {
        let Some((len, next)) = lines.next() else {
            break;
        };
        end += len;
        if is_comment(next) || next.trim_start().is_empty() {
            continue;
        }
        let (part, e) = continuation(next, escape);
        logical.push_str(part);
        ended = e;
    }
    (logical, end)
}

/// The physical lines of `text`, the byte order mark skipped on the first.
fn physical_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0usize;
    let mut first = true;
    text.split_inclusive('\n').map(move |raw| {
        let mut at = start;
        let mut body = raw;
        if first {
            first = false;
            if let Some(rest) = raw.strip_prefix(BOM) {
                at += BOM.len();
                body = rest;
            }
        }
        start += raw.len();
        Line {
            start: at,
            text: body.trim_end_matches(['\r', '\n']),
        }
    })
}

/// BuildKit's `isComment`: the first character after leading white space
/// (Unicode's, as Go's `unicode.IsSpace`) is `#`.
fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// A parser directive line (`# key=value`, BuildKit's `reDirectives`
/// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`) with a known key: the key
/// and the value.
fn directive(line: &str) -> Option<(&str, &str)> {
    let go_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r');
    let rest = line.strip_prefix('#')?.trim_start_matches(go_space);
    let key_len = rest
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_alphabetic() || (*i > 0 && c.is_ascii_digit())))
        .map_or(rest.len(), |(i, _)| i);
    if key_len == 0 {
        return None;
    }
    let (key, rest) = rest.split_at(key_len);
    let value = rest
        .trim_start_matches(go_space)
        .strip_prefix('=')?
        .trim_matches(go_space);
    if value.is_empty() || !DIRECTIVES.iter().any(|d| d.eq_ignore_ascii_case(key)) {
        return None;
    }
    Some((key, value))
}

/// BuildKit's `trimContinuationCharacter`: a line whose last character
/// before blanks (spaces, tabs) is the escape character, itself not escaped
/// (`([^E])E[ \t]*$|^E[ \t]*$`), goes on to the next line. The line without
/// that character and blanks, and whether the instruction ends here.
fn continuation(line: &str, escape: char) -> (&str, bool) {
    let body = line.trim_end_matches([' ', '\t']);
    let Some(before) = body.strip_suffix(escape) else {
        return (line, true);
    };
    if before.ends_with(escape) {
        return (line, true);
    }
    (before, false)
}

/// BuildKit's `splitCommand` then `extractBuilderFlags`: the keyword and the
/// arguments after the `--flags`.
fn split_command(line: &str) -> (&str, &str) {
    let go_blank = |c: char| matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r');
    let line = line.trim();
    let Some(at) = line.find(go_blank) else {
        return (line, "");
    };
    let (keyword, mut rest) = line.split_at(at);
    loop {
        rest = rest.trim_start();
        if !rest.starts_with("--") {
            break;
        }
        let end = word_end(rest);
        let word = rest.get(..end).unwrap_or(rest);
        rest = rest.get(end..).unwrap_or("");
        if word == "--" {
            break;
        }
    }
    (keyword, rest.trim())
}

/// Where the shell word at the start of `s` ends: at white space outside
/// quotes (`'…'`, `"…"`), a `\` escaping the next character.
fn word_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some('"') | None, '\\') => {
                chars.next();
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, c) if c.is_whitespace() => return i,
            (None, _) => {}
        }
    }
    s.len()
}

/// BuildKit's `Node.canContainHeredoc`: `RUN`, `COPY` and `ADD` not in
/// JSON (exec) form, also as the instruction of an `ONBUILD`.
pub(crate) fn can_contain_heredoc(line: &str) -> bool {
    let (keyword, rest) = split_command(line);
    let (keyword, rest) = if keyword.eq_ignore_ascii_case("ONBUILD") {
        split_command(rest)
    } else {
        (keyword, rest)
    };
    ["RUN", "COPY", "ADD"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(keyword))
        && !is_json_array(rest)
}

/// Whether BuildKit's `parseJSON` reads the arguments as a JSON array (of
/// strings; another array is an error BuildKit reports).
fn is_json_array(rest: &str) -> bool {
    rest.trim_start().starts_with('[')
        && serde_json::from_str::<Vec<serde_json::Value>>(rest).is_ok()
}

/// BuildKit's `heredocsFromLine`: the here-documents an instruction opens,
/// in order, as (name, whether leading tabs are stripped). The line is
/// split into words as BuildKit's shell lexer does (quotes and `\` escapes
/// kept); a word `<<NAME`, `<<-NAME`, `3<<NAME` (`^(\d*)<<(-?)([^<]*)$`)
/// opens one, named by `NAME` without its quotes. A line the lexer rejects
/// (an unclosed quote) opens none.
pub(crate) fn heredocs(line: &str) -> Vec<(String, bool)> {
    if !line.contains("<<") {
        return Vec::new();
    }
    let Some(words) = shell_words(line, true) else {
        return Vec::new();
    };
    words
        .iter()
        .filter_map(|w| {
            let w = w.trim_start_matches(|c: char| c.is_ascii_digit());
            let w = w.strip_prefix("<<")?;
            let (chomp, rest) = match w.strip_prefix('-') {
                Some(r) => (true, r),
                None => (false, w),
            };
            if rest.is_empty() || rest.contains('<') {
                return None;
            }
            let name = shell_words(rest, false)?;
            match name.as_slice() {
                [one] => Some((one.clone(), chomp)),
                _ => None,
            }
        })
        .collect()
}

/// BuildKit's shell lexer (`frontend/dockerfile/shell/lex.go`,
/// `ProcessWords` with `\` as escape and unset variables kept): the words
/// of `s`, split at white space outside quotes. `raw` keeps the quotes and
/// escapes in the words (`RawQuotes`, `RawEscapes`). None for an unclosed
/// quote.
fn shell_words(s: &str, raw: bool) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                if raw {
                    word.push(c);
                }
                loop {
                    match chars.next()? {
                        '\'' => break,
                        ch => word.push(ch),
                    }
                }
                if raw {
                    word.push(c);
                }
                in_word = true;
            }
            '"' => {
                if raw {
                    word.push(c);
                }
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => {
                            // As lex.go's processDoubleQuote: `\` escapes `"`,
                            // `$` and `\`, and is kept before anything else.
                            if raw {
                                word.push('\\');
                            }
                            match chars.peek() {
                                Some(&n @ ('"' | '$' | '\\')) => {
                                    chars.next();
                                    word.push(n);
                                }
                                Some(_) => word.push('\\'),
                                None => {}
                            }
                        }
                        ch => word.push(ch),
                    }
                }
                if raw {
                    word.push(c);
                }
                in_word = true;
            }
            '\\' => {
                if raw {
                    word.push(c);
                }
                let Some(n) = chars.next() else {
                    break;
                };
                word.push(n);
                in_word = true;
            }
            c if c.is_whitespace() => {
                if in_word && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                in_word = false;
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 1-based lines of the comments of `text`.
    fn comment_lines(text: &str) -> Vec<usize> {
        dockerfile_comments(text)
            .iter()
            .map(|(r, _)| text[..r.start].matches('\n').count() + 1)
            .collect()
    }

    /// Each case: a Dockerfile and the lines BuildKit's parser reads as
    /// comments (the shapes of BuildKit's parser tests, written here).
    const CASES: &[(&str, &str, &[usize])] = &[
        (
            "plain comments, indented, and a # after text",
            "# a\nFROM x\n  # b\nRUN echo # not a comment\n",
            &[1, 3],
        ),
        (
            "a RUN here-document's body",
            "FROM x\nRUN <<EOF\n# body\nEOF\n# after\n",
            &[5],
        ),
        (
            "<<- strips tabs before the delimiter",
            "FROM x\nRUN <<-EOF\n\t# body\n\tEOF\n# after\n",
            &[5],
        ),
        (
            "<< without - does not: a tab before the delimiter is body",
            "FROM x\nRUN <<EOF\n# body\n\tEOF\n# body too\nEOF\n# after\n",
            &[7],
        ),
        (
            "a quoted delimiter, single and double",
            "FROM x\nRUN <<'EOF'\n# body\nEOF\nRUN <<\"END\"\n# body\nEND\n# after\n",
            &[8],
        ),
        (
            "several here-documents on one line, in order",
            "FROM x\nCOPY <<A <<B /dest/\n# a\nA\n# b\nB\n# after\n",
            &[7],
        ),
        (
            "the second after a command",
            "FROM x\nRUN <<A cat > a && <<B cat > b\n# a\nA\n# b\nB\n# after\n",
            &[7],
        ),
        (
            "a file descriptor and flags",
            "FROM x\nRUN --mount=type=cache,target=/c 3<<EOF\n# body\nEOF\n# after\n",
            &[5],
        ),
        (
            "ADD and ONBUILD RUN read here-documents",
            "FROM x\nADD <<EOF /f\n# body\nEOF\nONBUILD RUN <<EOF\n# body\nEOF\n# after\n",
            &[8],
        ),
        (
            "a quoted << is no here-document, nor one in exec form",
            "FROM x\nRUN echo \"<<EOF\"\n# c\nRUN [\"<<EOF\"]\n# c\nRUN echo '<<EOF'\n# c\n",
            &[3, 5, 7],
        ),
        (
            "USER and other instructions read none",
            "FROM x\nUSER <<EOF\n# c\nEOF\n",
            &[3],
        ),
        (
            "a comment inside a continuation is a comment",
            "FROM x\nRUN a \\\n# c\n  && b\n# d\n",
            &[3, 5],
        ),
        (
            "a here-document after a continuation starts after it",
            "FROM x\nRUN <<EOF \\\n# c\n  cat\n# body\nEOF\n# after\n",
            &[3, 7],
        ),
        (
            "two escape characters do not continue the line",
            "FROM x\nRUN echo \\\\\n# c\n",
            &[3],
        ),
        (
            "parser directives, and the escape they set",
            "# syntax=docker/dockerfile:1\n# escape=`\nFROM x\nRUN a `\n# c\n  b\nRUN <<EOF `\n  cat\n# body\nEOF\n",
            &[1, 2, 5],
        ),
        (
            "with ` as escape, \\ does not continue",
            "# escape=`\nFROM x\nRUN a \\\n# c\n",
            &[1, 4],
        ),
        (
            "a byte order mark before the first comment",
            "\u{feff}# a\nFROM x\n",
            &[1],
        ),
        (
            "an unterminated here-document: the rest is its body",
            "FROM x\nRUN <<EOF\n# body\n",
            &[],
        ),
    ];

    #[test]
    fn comments_are_the_lines_buildkit_drops() {
        for (name, text, want) in CASES {
            assert_eq!(comment_lines(text), *want, "{name}");
            // CRLF line breaks read the same.
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(comment_lines(&crlf), *want, "{name} (CRLF)");
        }
    }

    /// A comment inside a continued instruction knows that instruction (its
    /// keyword's offset); one between instructions, none.
    #[test]
    fn comments_inside_a_continuation_know_their_instruction() {
        let text =
            "# a\nFROM x\n  RUN a \\\n# b\n  # c\n  && d\n# e\nRUN <<EOF \\\n# f\n sh\n# g\nEOF\n";
        let run = text.find("RUN a").unwrap_or(0);
        let heredoc = text.find("RUN <<").unwrap_or(0);
        let got: Vec<(&str, Option<usize>)> = dockerfile_comments(text)
            .into_iter()
            .map(|(r, inside)| (&text[r], inside))
            .collect();
        assert_eq!(
            got,
            [
                ("# a", None),
                ("# b", Some(run)),
                ("# c", Some(run)),
                ("# e", None),
                ("# f", Some(heredoc)),
            ]
        );
    }

    #[test]
    fn heredoc_words_follow_buildkit() {
        let names = |line: &str| -> Vec<(String, bool)> { heredocs(line) };
        let n = |s: &str, c: bool| (s.to_owned(), c);
        assert_eq!(names("RUN <<EOF"), [n("EOF", false)]);
        assert_eq!(names("RUN <<-EOF"), [n("EOF", true)]);
        assert_eq!(names("RUN <<'EOF'"), [n("EOF", false)]);
        assert_eq!(names("RUN <<-\"EOF\""), [n("EOF", true)]);
        assert_eq!(names("RUN 4<<EOF"), [n("EOF", false)]);
        assert_eq!(
            names("RUN <<EOF <<EOF2"),
            [n("EOF", false), n("EOF2", false)]
        );
        assert_eq!(names("RUN '<<EOF'"), []);
        assert_eq!(names("RUN \"<<EOF\""), []);
        assert_eq!(names("RUN <<<EOF"), []);
        assert_eq!(names("RUN << EOF"), []);
        assert_eq!(names("RUN x<<EOF"), []);
        assert_eq!(names("RUN echo 'unclosed <<EOF"), []);
    }

    use proptest::prelude::*;

    /// One piece of a generated Dockerfile: its lines, which of them are
    /// comments, and the keyword of the instruction it is (if any).
    #[derive(Clone, Debug)]
    struct Piece {
        lines: Vec<String>,
        comments: Vec<bool>,
        keyword: Option<&'static str>,
    }

    /// A line a body or comment may hold: `#` text (a suppression too), an
    /// instruction's text, or a delimiter-like word.
    fn body_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("# reelnet-lint: ignore[DKR004] why".to_owned()),
            Just("  # indented".to_owned()),
            Just("FROM evil".to_owned()),
            Just("npm install".to_owned()),
            Just("EOFX".to_owned()),
            Just(String::new()),
        ]
    }

    /// The opening of an instruction with here-documents and the
    /// delimiters it opens: (text, keyword, [(delimiter, strips tabs)]).
    /// A delimiter and whether its body's lines are tab-indented (`<<-`).
    type Delimiter = (&'static str, bool);
    const OPENINGS: &[(&str, &str, &[Delimiter])] = &[
        ("RUN <<EOF", "RUN", &[("EOF", false)]),
        ("RUN <<-EOF", "RUN", &[("EOF", true)]),
        ("RUN <<'EOF'", "RUN", &[("EOF", false)]),
        ("RUN <<\"EOF\" sh", "RUN", &[("EOF", false)]),
        ("RUN cat <<EOF > /f", "RUN", &[("EOF", false)]),
        ("RUN <<A sh && <<B sh", "RUN", &[("A", false), ("B", false)]),
        ("COPY <<A <<B /d/", "COPY", &[("A", false), ("B", false)]),
        ("ADD <<EOF /f", "ADD", &[("EOF", false)]),
        ("ONBUILD RUN <<EOF", "ONBUILD", &[("EOF", false)]),
        ("ONBUILD RUN cat <<EOF > /f", "ONBUILD", &[("EOF", false)]),
        (
            "RUN --mount=type=cache,target=/c <<EOF",
            "RUN",
            &[("EOF", false)],
        ),
    ];

    fn piece() -> impl Strategy<Value = Piece> {
        let comment = body_line()
            .prop_filter("a comment", |l| l.trim_start().starts_with('#'))
            .prop_map(|l| Piece {
                lines: vec![l],
                comments: vec![true],
                keyword: None,
            });
        let simple = Just(Piece {
            lines: vec!["USER app".to_owned()],
            comments: vec![false],
            keyword: Some("USER"),
        });
        let continued = body_line()
            .prop_filter("a comment", |l| l.trim_start().starts_with('#'))
            .prop_map(|c| Piece {
                lines: vec!["RUN a \\".to_owned(), c, "  && b".to_owned()],
                comments: vec![false, true, false],
                keyword: Some("RUN"),
            });
        let heredoc = (
            0..OPENINGS.len(),
            proptest::collection::vec(proptest::collection::vec(body_line(), 0..4), 2),
        )
            .prop_map(|(i, bodies)| {
                let (open, keyword, delimiters) = OPENINGS[i];
                let mut lines = vec![open.to_owned()];
                for ((delimiter, chomp), body) in delimiters.iter().zip(bodies) {
                    for l in body {
                        lines.push(if *chomp { format!("\t{l}") } else { l });
                    }
                    lines.push(if *chomp {
                        format!("\t{delimiter}")
                    } else {
                        (*delimiter).to_owned()
                    });
                }
                let comments = vec![false; lines.len()];
                Piece {
                    lines,
                    comments,
                    keyword: Some(keyword),
                }
            });
        prop_oneof![comment, simple, continued, heredoc]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// Model-based: in a Dockerfile made of comments, continued
        /// instructions and instructions with here-documents (every kind
        /// of opening), the comments are exactly the comment lines outside
        /// the bodies, and the instruction parser reads the same bodies
        /// (the instructions that follow are the expected ones).
        #[test]
        fn comments_and_instructions_agree_with_the_model(
            pieces in proptest::collection::vec(piece(), 0..8),
            crlf in any::<bool>(),
        ) {
            let mut lines = vec!["FROM x".to_owned()];
            let mut comments = vec![false];
            let mut keywords = vec!["FROM"];
            for p in &pieces {
                lines.extend(p.lines.iter().cloned());
                comments.extend(p.comments.iter().copied());
                keywords.extend(p.keyword);
            }
            let eol = if crlf { "\r\n" } else { "\n" };
            let text: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
            let want: Vec<usize> = comments
                .iter()
                .enumerate()
                .filter(|(_, c)| **c)
                .map(|(i, _)| i + 1)
                .collect();
            prop_assert_eq!(comment_lines(&text), want, "{}", text);
            let mut file = crate::source::SourceFile::dockerfile("Dockerfile".into(), text.clone());
            let d = crate::container::dockerfile::parse(crate::source::FileId(0), &mut file, None);
            prop_assert!(d.problem.is_none(), "{:?}\n{}", d.problem, text);
            let got: Vec<&str> = d.instructions.iter().map(|i| i.keyword.as_str()).collect();
            prop_assert_eq!(got, keywords, "{}", text);
        }
    }
}
