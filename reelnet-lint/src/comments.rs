//! Finding the comments of a YAML text without a full parse.
//!
//! A `#` starts a comment only at the start of a line or after whitespace,
//! outside quoted scalars and outside block scalars (`|`, `>`). The scanner
//! follows quotes across lines, recognises a quote only where a scalar can
//! start (so the `'` of `it's` is text), and treats the more-indented lines
//! under a block scalar indicator as text.

use reelnet_spec::TextRange;

/// One comment: from its `#` to the end of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The byte range of the comment, `#` included, line break excluded.
    pub range: TextRange,
    /// 0-based line of the comment.
    pub line: u32,
    /// Whether the comment is alone on its line (only whitespace before it).
    pub standalone: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    None,
    Double,
    Single,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every comment of a text of the given syntax, in order.
#[must_use]
pub fn scan_syntax(text: &str, syntax: reelnet_spec::Syntax) -> Vec<Comment> {
    match syntax {
        reelnet_spec::Syntax::Yaml => scan(text),
        reelnet_spec::Syntax::Dockerfile => scan_dockerfile(text),
    }
}

/// Every comment of a Dockerfile: a line whose first non-blank character
/// is `#` (a `#` after an instruction is part of its arguments). Each is
/// standalone: it applies to the next instruction line.
#[must_use]
pub fn scan_dockerfile(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (line_no, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let indent = line.len() - line.trim_start().len();
        if line.trim_start().starts_with('#') {
            out.push(Comment {
                range: TextRange::new(to_u32(start + indent), to_u32(start + line.len())),
                line: to_u32(line_no),
                standalone: true,
            });
        }
        start += raw.len() + 1;
    }
    out
}

/// Every comment of a YAML text, in order.
#[must_use]
pub fn scan(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut quote = Quote::None;
    // Inside a block scalar: the indentation its text must exceed (its
    // parent node's), and its text's own indentation once known.
    let mut block: Option<(usize, Option<usize>)> = None;
    let mut flow_depth = 0usize;
    let mut line_start = 0usize;
    for (line_no, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let start = line_start;
        line_start += raw.len() + 1;
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some((parent, content)) = block {
            if line.trim().is_empty() {
                continue;
            }
            match content {
                // The first text line sets the indentation of the text.
                None if indent > parent => {
                    block = Some((parent, Some(indent)));
                    continue;
                }
                Some(c) if indent >= c => continue,
                // Less indented: the scalar ended (a comment here is a comment).
                _ => block = None,
            }
        }
        if quote == Quote::None
            && flow_depth == 0
            && (line == "---"
                || line.starts_with("--- ")
                || line == "..."
                || line.starts_with("... "))
        {
            // A document marker may carry a comment after it.
            if let Some(hash) = line.find(" #") {
                out.push(Comment {
                    range: TextRange::new(to_u32(start + hash + 1), to_u32(start + line.len())),
                    line: to_u32(line_no),
                    standalone: false,
                });
            }
            continue;
        }
        let mut i = if quote == Quote::None { indent } else { 0 };
        let mut prev_space = true;
        // Whether a scalar may start here (so a quote opens a quoted scalar).
        let mut token_start = quote == Quote::None;
        // Column of the node a block scalar indicator here would belong to.
        let mut parent_col = indent;
        let mut token_col = indent;
        while i < bytes.len() {
            let c = bytes[i];
            match quote {
                Quote::Double => {
                    if c == b'\\' {
                        i += 2;
                        continue;
                    }
                    if c == b'"' {
                        quote = Quote::None;
                    }
                    prev_space = false;
                    i += 1;
                    continue;
                }
                Quote::Single => {
                    if c == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        quote = Quote::None;
                    }
                    prev_space = false;
                    i += 1;
                    continue;
                }
                Quote::None => {}
            }
            let next = bytes.get(i + 1).copied();
            let next_blank = next.is_none_or(|n| n == b' ' || n == b'\t');
            match c {
                b'#' if prev_space => {
                    out.push(Comment {
                        range: TextRange::new(to_u32(start + i), to_u32(start + line.len())),
                        line: to_u32(line_no),
                        standalone: line[..i].trim().is_empty(),
                    });
                    break;
                }
                b' ' | b'\t' => {
                    prev_space = true;
                    i += 1;
                    continue;
                }
                b'-' | b'?' if token_start && next_blank => {
                    parent_col = i;
                    token_start = true;
                }
                b':' if next_blank
                    || (flow_depth > 0 && matches!(next, Some(b',' | b']' | b'}'))) =>
                {
                    parent_col = token_col;
                    token_start = true;
                }
                b'[' | b'{' if token_start => {
                    flow_depth += 1;
                    token_start = true;
                }
                b']' | b'}' if flow_depth > 0 => {
                    flow_depth -= 1;
                    token_start = false;
                }
                b',' if flow_depth > 0 => token_start = true,
                b'"' if token_start => {
                    quote = Quote::Double;
                    token_col = i;
                    token_start = false;
                }
                b'\'' if token_start => {
                    quote = Quote::Single;
                    token_col = i;
                    token_start = false;
                }
                b'|' | b'>' if token_start && flow_depth == 0 => {
                    let rest = &line[i + 1..];
                    let header_end = rest
                        .find(|ch: char| !(ch.is_ascii_digit() || ch == '+' || ch == '-'))
                        .unwrap_or(rest.len());
                    let after = &rest[header_end..];
                    if after.is_empty() || after.starts_with([' ', '\t']) {
                        // An explicit indentation indicator fixes the text's indentation.
                        let explicit = rest[..header_end]
                            .bytes()
                            .find(u8::is_ascii_digit)
                            .map(|d| parent_col + usize::from(d - b'0'));
                        block = Some((parent_col, explicit));
                        // The rest of the header line may hold a comment.
                        if let Some(h) = after.find('#')
                            && after[..h].trim().is_empty()
                            && h > 0
                        {
                            let at = i + 1 + header_end + h;
                            out.push(Comment {
                                range: TextRange::new(
                                    to_u32(start + at),
                                    to_u32(start + line.len()),
                                ),
                                line: to_u32(line_no),
                                standalone: false,
                            });
                        }
                        break;
                    }
                    token_col = i;
                    token_start = false;
                }
                b'&' | b'!' if token_start => {
                    // An anchor or a tag: a scalar may still follow it.
                    while i < bytes.len() && bytes[i] != b' ' && bytes[i] != b'\t' {
                        i += 1;
                    }
                    prev_space = false;
                    continue;
                }
                _ => {
                    if token_start {
                        token_col = i;
                    }
                    token_start = false;
                }
            }
            prev_space = false;
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn texts(yaml: &str) -> Vec<&str> {
        scan(yaml)
            .iter()
            .map(|c| &yaml[c.range.start as usize..c.range.end as usize])
            .collect()
    }

    #[test]
    fn finds_line_and_trailing_comments() {
        let yaml = "# top\na: 1 # one\nb: x#y\n  # indented\n";
        assert_eq!(texts(yaml), ["# top", "# one", "# indented"]);
        let c = scan(yaml);
        assert!(c[0].standalone && !c[1].standalone && c[2].standalone);
        assert_eq!((c[0].line, c[1].line, c[2].line), (0, 1, 3));
    }

    #[test]
    fn hash_in_quotes_is_text() {
        let yaml = "a: \"x # y\" # real\nb: 'it''s # not' # real2\nc: it's # real3\nd: [\"#\", '#'] # real4\n";
        assert_eq!(texts(yaml), ["# real", "# real2", "# real3", "# real4"]);
    }

    #[test]
    fn quotes_span_lines() {
        let yaml = "a: \"first\n  # not a comment\n  end\" # yes\nb: 'x\n  # no'\n";
        assert_eq!(texts(yaml), ["# yes"]);
    }

    #[test]
    fn block_scalars_are_text() {
        let yaml = "a: | # header\n  text # not\n\n  # not either\nb: 1 # after\nc:\n  - >-\n    # text\n  - x # item\n";
        assert_eq!(texts(yaml), ["# header", "# after", "# item"]);
        let nested = "s:\n  - key: |\n      # text\n    other: 1 # comment\n";
        assert_eq!(texts(nested), ["# comment"]);
    }

    #[test]
    fn escapes_and_document_markers() {
        let yaml = "a: \"q\\\" # still text\" # c1\n--- # c2\n'k # x': v # c3\n";
        assert_eq!(texts(yaml), ["# c1", "# c2", "# c3"]);
    }

    #[test]
    fn crlf_and_unicode() {
        let yaml = "é: ü # c\r\nb: 2\r\n";
        assert_eq!(texts(yaml), ["# c"]);
    }
}
