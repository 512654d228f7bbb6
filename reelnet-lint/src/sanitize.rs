//! Text read from input (spec keys and values, file names, baseline
//! entries) made safe to print on a terminal or in a CI log.
//!
//! A spec key such as `"\e]0;PWNED\a"` would set a terminal's window title;
//! a file name holding a newline could start a log line with
//! `::error title=...::`, which a GitHub runner executes as a workflow
//! command; a right-to-left override (U+202E) reorders what a reviewer
//! reads. Every renderer of text (human, github, junit, the notes) passes
//! input-derived text through [`escape`], which writes each such character
//! as a visible escape (`\x1b`, `\n`, `\u{202e}`), so that no input can
//! start a line or change the terminal. The JSON formats (json, sarif,
//! gitlab, a written baseline) go through [`to_json_pretty`], which writes
//! the same characters as JSON escapes (`\u001b`, `\u009b`, `\u202e`):
//! valid JSON that decodes to the same text, but inert when the file is
//! `cat`-ed or printed by a CI job (serde_json alone escapes only
//! U+0000–U+001F).
//!
//! Sources: ECMA-48 (C0 and C1 control functions), Unicode UAX #9 (the
//! bidirectional formatting characters), GitHub's "Workflow commands for
//! GitHub Actions" (a command is a line that starts with `::`).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Whether `c` must not reach a terminal raw: a C0 control (U+0000–U+001F,
/// tab and line feed included), DEL (U+007F), a C1 control
/// (U+0080–U+009F), a bidirectional formatting character (U+061C, U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069) or a line or paragraph separator
/// (U+2028, U+2029).
#[must_use]
pub const fn is_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{061c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `s` with every [`is_control`] character written as a visible escape:
/// `\n`, `\r`, `\t`, `\xHH` below U+0080, `\u{HHHH}` above. Borrowed
/// when there is nothing to escape.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) && u32::from(c) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if is_control(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A file's text for a source snippet: a lone carriage return (a line
/// break in YAML 1.2.2 §5.4, `b-break ::= CR LF | CR | LF`) becomes a line
/// feed, the break the snippet renderer knows; every other [`is_control`]
/// character but tab, line feed and the carriage return of a CRLF is
/// replaced by a visible character of the same UTF-8 length (`?`, `¿`,
/// `�`), so that byte offsets into the text stay valid. Borrowed when there
/// is nothing to replace.
#[must_use]
pub fn same_length(s: &str) -> Cow<'_, str> {
    // Most specs are printable ASCII with tabs and line feeds: one pass
    // over the bytes settles it, without decoding characters.
    if is_plain_ascii(s) {
        return Cow::Borrowed(s);
    }
    let bad = |(i, c): (usize, char)| {
        is_control(c) && c != '\t' && c != '\n' && !(c == '\r' && s[i + 1..].starts_with('\n'))
    };
    if !s.char_indices().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '\r' && bad((i, c)) {
            out.push('\n');
        } else if bad((i, c)) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{fffd}',
            });
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether every byte of `s` is printable ASCII (U+0020–U+007E), a tab or
/// a line feed: text with no [`is_control`] character but those two. Read
/// in blocks with no early exit inside one, which the compiler vectorises
/// (a 9 MB spec in a few milliseconds).
fn is_plain_ascii(s: &str) -> bool {
    s.as_bytes().chunks(64).all(|block| {
        block
            .iter()
            .fold(true, |ok, &b| ok & matches!(b, b' '..=b'~' | b'\t' | b'\n'))
    })
}

/// `value` as pretty-printed JSON (two-space indent, as
/// `serde_json::to_string_pretty`) in which every [`is_control`] character
/// of a string is written as a `\uXXXX` escape (RFC 8259 §7 allows any
/// character escaped; all of these are in the Basic Multilingual Plane, so
/// one escape each). The text decodes to the same strings.
///
/// # Errors
/// What `serde_json` reports for a value it cannot serialize (a map with
/// non-string keys); none of this crate's reports has one.
pub fn to_json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, InertJson::default());
    value.serialize(&mut ser)?;
    // The serializer writes only UTF-8 (`str` fragments and ASCII escapes).
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// JSON text (as serde_json writes it) with every [`is_control`] character
/// but the JSON whitespace (line feed, tab, carriage return) written as a
/// `\uXXXX` escape. In valid JSON such a character can only stand inside a
/// string (serde_json escapes U+0000–U+001F there), so the text decodes to
/// the same value: for JSON written by other means, such as the model
/// `show` prints. Borrowed when there is nothing to escape.
#[must_use]
pub fn escape_json_text(json: &str) -> Cow<'_, str> {
    let bad = |c: char| is_control(c) && !matches!(c, '\n' | '\t' | '\r');
    if !json.chars().any(bad) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if bad(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// serde_json's pretty formatter, with [`is_control`] characters escaped in
/// strings ([`to_json_pretty`]).
#[derive(Default)]
struct InertJson(PrettyFormatter<'static>);

impl Formatter for InertJson {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_control(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_and_log_controls() {
        assert_eq!(
            escape("\u{1b}]0;PWNED\u{7}\u{1b}[8m"),
            "\\x1b]0;PWNED\\x07\\x1b[8m"
        );
        assert_eq!(escape("a\n::error title=x::"), "a\\n::error title=x::");
        assert_eq!(escape("\u{202e}fdp.exe"), "\\u{202e}fdp.exe");
        assert_eq!(escape("\u{9b}31m\r"), "\\u{009b}31m\\r");
        assert!(matches!(escape("plain é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn same_length_keeps_offsets() {
        let s = "a: \u{1b}[8m\u{85}\u{202e}x\r\nb: 1\rc\n";
        let t = same_length(s);
        assert_eq!(t.len(), s.len());
        assert!(!t.chars().any(|c| is_control(c) && c != '\n' && c != '\r'));
        assert!(t.contains("\r\n"));
        // A lone CR is a line break (YAML 1.2.2 §5.4): a line feed here.
        assert!(t.contains("1\nc"));
        // Text with nothing to replace is borrowed, ASCII or not.
        for plain in ["a: 1\n\tb: [x, y]\n", "a: é ✓\r\n", ""] {
            assert!(matches!(same_length(plain), Cow::Borrowed(_)), "{plain:?}");
        }
    }

    #[test]
    fn json_escapes_controls_and_decodes_back() -> serde_json::Result<()> {
        let v = serde_json::json!({"k\u{202e}": ["\u{1b}[31m\u{9b}31m\u{7f}\u{2066}é✓\"\\"]});
        let s = to_json_pretty(&v)?;
        assert!(
            s.contains(r"\u202e") && s.contains(r"\u009b") && s.contains(r"\u007f"),
            "{s}"
        );
        assert!(
            s.contains(r"\u001b") && s.contains(r"\u2066") && s.contains("é✓"),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s)?;
        assert_eq!(back, v);
        assert_eq!(
            to_json_pretty(&serde_json::json!({"a": [1, {}]}))?,
            serde_json::to_string_pretty(&serde_json::json!({"a": [1, {}]}))?
        );
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn json_output_is_inert_and_faithful(s in "\\PC*|[\\x00-\\x{a0}\\x{2028}-\\x{2069}é]*") {
            let v = serde_json::json!({ s.clone(): [s.clone()] });
            let fail = |e: serde_json::Error| proptest::test_runner::TestCaseError::fail(e.to_string());
            let out = to_json_pretty(&v).map_err(fail)?;
            proptest::prop_assert!(!out.chars().any(|c| is_control(c) && c != '\n'), "{:?}", out);
            let back: serde_json::Value = serde_json::from_str(&out).map_err(fail)?;
            proptest::prop_assert_eq!(back, v);
        }

        #[test]
        fn escaped_json_text_decodes_the_same(s in "\\PC*|[\\x00-\\x{a0}\\x{2028}-\\x{2069}é]*") {
            let fail = |e: serde_json::Error| proptest::test_runner::TestCaseError::fail(e.to_string());
            let v = serde_json::json!({ s.clone(): [s.clone(), 1.5] });
            let text = serde_json::to_string_pretty(&v).map_err(fail)?;
            let out = escape_json_text(&text);
            proptest::prop_assert!(!out.chars().any(|c| is_control(c) && c != '\n'), "{:?}", out);
            let back: serde_json::Value = serde_json::from_str(&out).map_err(fail)?;
            proptest::prop_assert_eq!(back, v);
        }

        #[test]
        fn no_control_survives(s in "\\PC*|[\\x00-\\x{a0}\\x{2028}-\\x{2069}]*") {
            let e = escape(&s);
            proptest::prop_assert!(!e.chars().any(is_control), "{:?}", e);
            let t = same_length(&s);
            proptest::prop_assert_eq!(t.len(), s.len());
            // The ASCII fast path agrees with the character-by-character test.
            let plain = !s.char_indices().any(|(i, c)| {
                is_control(c) && c != '\t' && c != '\n' && !(c == '\r' && s[i + 1..].starts_with('\n'))
            });
            proptest::prop_assert_eq!(matches!(t, Cow::Borrowed(_)), plain);
            proptest::prop_assert!(!is_plain_ascii(&s) || plain);
        }
    }
}
