use std::ops::Range;

use reelnet_spec::container::{RunCommand, ShellText};
use reelnet_spec::{Loc, Spec, TextRange};

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that installs packages without the lock file:
    /// `npm install` / `npm i` (use `npm ci`), `yarn install` (or bare
    /// `yarn`) without `--frozen-lockfile` or `--immutable`, and
    /// `pip install` of named packages without a pinned version (`==`) and
    /// without `-r requirements.txt` or `-c constraints.txt`. Commands are
    /// read as a POSIX shell splits them (quotes, escapes, continuations and
    /// comments; `&&`, `||`, `;`, `|`, `&` and newlines outside quotes end
    /// a command), in both forms (an exec-form argv, or its `sh -c` script)
    /// and in the here-documents a shell runs (`RUN <<EOF`, `RUN bash <<EOF`;
    /// each to the command whose `<<` opens it: in `RUN python3 <<A && <<B
    /// sh`, B and not A; a here-document inside a script, `cat <<X`, is data),
    /// also in an `ONBUILD RUN` trigger in shell
    /// form (it runs in every build `FROM` this image). A finding
    /// underlines the command at fault (from its program to the words the
    /// message quotes), on the line where it is written.
    ///
    /// ## Why is this bad?
    /// The lock file records the exact versions that were tested. An install
    /// that ignores it resolves ranges again at build time: two builds of one
    /// commit can ship different dependencies, and a compromised or broken
    /// release goes straight into the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package*.json ./
    /// RUN npm install
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package*.json ./
    /// RUN npm ci
    /// ```
    ///
    /// ## References
    /// - [npm ci](https://docs.npmjs.com/cli/commands/npm-ci)
    /// - [yarn install --frozen-lockfile / --immutable](https://yarnpkg.com/cli/install)
    /// - [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)
    pub struct UnlockedDependencyInstall {
        code: "DKR004",
        name: "unlocked-dependency-install",
        severity: Warning,
        summary: "a package install that ignores the lock file (`npm install`, unfrozen yarn, unpinned pip)",
    }
    impl Rule;
}

/// Why one simple command is an unlocked install, if it is: what it runs
/// (as the message quotes it), what to do, and the index of the last word
/// of `words` that the quote covers (`npm install`: 1).
fn unlocked(words: &[&str]) -> Option<(String, &'static str, usize)> {
    let program = words.first()?.rsplit('/').next()?;
    let args = words.get(1..).unwrap_or(&[]);
    match program {
        "npm" | "pnpm" => {
            let at = args.iter().position(|a| !a.starts_with('-'))?;
            let sub = args.get(at)?;
            matches!(*sub, "install" | "i" | "add").then(|| {
                (
                    format!("{program} {sub}"),
                    if program == "npm" {
                        "use `npm ci`: it installs exactly what package-lock.json records, and fails when it is out of date"
                    } else {
                        "use `pnpm install --frozen-lockfile`"
                    },
                    at + 1,
                )
            })
        }
        "yarn" => {
            let at = args.iter().position(|a| !a.starts_with('-'));
            let sub = at.and_then(|at| args.get(at));
            let installs = matches!(sub, None | Some(&"install"));
            let frozen = args
                .iter()
                .any(|a| matches!(*a, "--frozen-lockfile" | "--immutable"));
            (installs && !frozen).then(|| {
                (
                    format!("yarn{}", sub.map(|s| format!(" {s}")).unwrap_or_default()),
                    "add `--frozen-lockfile` (Yarn 1) or `--immutable` (Yarn 2+)",
                    at.map_or(0, |at| at + 1),
                )
            })
        }
        "pip" | "pip3" | "python" | "python3" => {
            // Where `install` is among `args`.
            let install = if program.starts_with("python") {
                // `python -m pip install …`
                args.windows(2).position(|w| w == ["-m", "pip"])? + 2
            } else {
                0
            };
            if args.get(install) != Some(&"install") {
                return None;
            }
            let rest = args.get(install + 1..).unwrap_or(&[]);
            let locked = rest.iter().any(|a| {
                matches!(*a, "-r" | "--requirement" | "-c" | "--constraint")
                    || a.starts_with("--requirement=")
                    || a.starts_with("--constraint=")
                    || a.starts_with("-r")
            });
            let mut skip_next = false;
            let unpinned = rest.iter().any(|a| {
                if skip_next {
                    skip_next = false;
                    return false;
                }
                if a.starts_with('-') {
                    skip_next = matches!(
                        *a,
                        "-i" | "--index-url"
                            | "--extra-index-url"
                            | "-f"
                            | "--find-links"
                            | "-t"
                            | "--target"
                    );
                    return false;
                }
                let local = a.starts_with('.')
                    || a.starts_with('/')
                    || a.contains("://")
                    || a.ends_with(".whl");
                !local && !a.contains("==") && !a.contains('@')
            });
            (!locked && unpinned).then(|| {
                (
                    "pip install".to_owned(),
                    "pin versions (`pkg==1.2.3`) or install from a lock: `pip install -r requirements.txt` with hashes",
                    install + 1,
                )
            })
        }
        _ => None,
    }
}

/// A script as the shell splits it into words: without its line
/// continuations (`\` then a line break, outside single quotes and
/// comments), which the shell removes first (`npm \<newline>  install` is
/// `npm   install`), each byte keeping its place in the file. Quotes are
/// told apart (a `'` inside `"…"` or in a `#` comment opens nothing: `echo
/// "it's"`, `# don't cache`), and a comment ends at its line break (a `\`
/// there continues nothing). Linear.
fn as_shell_reads(script: &ShellText) -> ShellText {
    /// Where the reading is.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum In {
        Plain,
        Single,
        Double,
        Comment,
    }
    let mut out = ShellText {
        written: script.written,
        loc: script.loc,
        ..ShellText::default()
    };
    let push = |out: &mut ShellText, c: char, i: usize| {
        out.text.push(c);
        let at = script.offsets.get(i).copied().unwrap_or(0);
        out.offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
    };
    let mut chars = script.text.char_indices().peekable();
    let mut state = In::Plain;
    while let Some((i, c)) = chars.next() {
        match (state, c) {
            (In::Plain, '\\') | (In::Double, '\\') => match chars.peek().copied() {
                Some((_, '\n')) => {
                    chars.next();
                    continue;
                }
                Some((j, n)) => {
                    push(&mut out, c, i);
                    push(&mut out, n, j);
                    chars.next();
                    continue;
                }
                None => {}
            },
            (In::Plain, '\'') => state = In::Single,
            (In::Plain, '"') => state = In::Double,
            // A comment starts a word (the shell's `#` after a blank, an
            // operator or a line break, or at the start).
            (In::Plain, '#')
                if out
                    .text
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_ascii_whitespace() || ";&|()<>".contains(p)) =>
            {
                state = In::Comment;
            }
            (In::Single, '\'') | (In::Double, '"') | (In::Comment, '\n') => state = In::Plain,
            _ => {}
        }
        push(&mut out, c, i);
    }
    out
}

/// The here-documents a command opens (`cat <<EOF`, `<<-'END'`,
/// `cat<<X`): each delimiter, unquoted, and whether its body's lines may
/// be indented with tabs (`<<-`). A here-string (`<<<`) opens none.
fn heredoc_delimiters(script: &str, words: &[Range<usize>], out: &mut Vec<(String, bool)>) {
    let mut awaiting: Option<bool> = None;
    for r in words {
        let raw = script.get(r.clone()).unwrap_or("");
        if let Some(tabs) = awaiting.take() {
            out.push((unquoted(raw), tabs));
            continue;
        }
        // `<<` outside quotes: at the start, or after the command's name.
        let Some(at) = raw.find("<<") else { continue };
        if raw[..at].contains(['\'', '"', '\\']) || raw[at + 2..].starts_with('<') {
            continue;
        }
        let rest = &raw[at + 2..];
        let tabs = rest.starts_with('-');
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        if rest.is_empty() {
            awaiting = Some(tabs);
        } else {
            out.push((unquoted(rest), tabs));
        }
    }
}

/// A here-document delimiter as the shell compares it: its quotes and
/// backslashes removed.
fn unquoted(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\'' | '"' | '\\'))
        .collect()
}

/// The offset after the line of `script` from `from` on that ends a
/// here-document `delimiter` (leading tabs ignored with `<<-`); the end
/// of the script when none does.
fn past_body(script: &str, from: usize, delimiter: &str, tabs: bool) -> usize {
    let mut i = from;
    while i < script.len() {
        let end = script[i..].find('\n').map_or(script.len(), |n| i + n);
        let line = &script[i..end];
        let line = if tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        i = (end + 1).min(script.len());
        if line == delimiter {
            return i;
        }
    }
    script.len()
}

/// `NAME=value` before a command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The simple commands of a shell script, each as its words with their
/// byte ranges in `script`: the script is cut at the control operators
/// (`&&`, `||`, `;`, `|`, `&`, `(`, `)` and newlines) outside quotes,
/// escapes and comments, and each command at the blanks between words
/// (POSIX quoting: `'…'`, `"…"` with its escapes, `\` escapes, `#`
/// comments at the start of a word). Each word is unquoted by `shlex`.
/// Leading variable assignments (`NODE_ENV=production npm ci`) are
/// dropped. A command with an unterminated quote keeps the words before
/// it. Linear in the script.
fn commands(script: &str) -> Vec<Vec<(String, Range<usize>)>> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let mut command: Vec<Range<usize>> = Vec::new();
    let mut word: Option<usize> = None;
    let mut pending: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    let end_word = |word: &mut Option<usize>, command: &mut Vec<Range<usize>>, i: usize| {
        if let Some(s) = word.take() {
            command.push(s..i);
        }
    };
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' => {
                end_word(&mut word, &mut command, i);
                i += 1;
            }
            b';' | b'&' | b'|' | b'(' | b')' | b'\n' => {
                end_word(&mut word, &mut command, i);
                heredoc_delimiters(script, &command, &mut pending);
                out.push(std::mem::take(&mut command));
                i += 1;
                // The bodies of the here-documents this line opened are
                // data for their commands (`cat <<X`), not commands.
                if b == b'\n' {
                    for (delimiter, tabs) in pending.drain(..) {
                        i = past_body(script, i, &delimiter, tabs);
                    }
                }
            }
            b'#' if word.is_none() => {
                // A comment runs to the end of the line.
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'\\' => {
                word.get_or_insert(i);
                i += 2;
            }
            b'\'' => {
                word.get_or_insert(i);
                i += 1;
                while bytes.get(i).is_some_and(|&c| c != b'\'') {
                    i += 1;
                }
                i += 1;
            }
            b'"' => {
                word.get_or_insert(i);
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            _ => {
                word.get_or_insert(i);
                i += 1;
            }
        }
    }
    end_word(&mut word, &mut command, i.min(bytes.len()));
    out.push(command);
    out.into_iter()
        .map(|ranges| {
            let mut words = Vec::with_capacity(ranges.len());
            for r in ranges {
                let r = r.start..r.end.min(script.len());
                let raw = script.get(r.clone()).unwrap_or("");
                let mut lexer = shlex::Shlex::new(raw);
                let value: String = lexer.by_ref().collect::<Vec<_>>().concat();
                if lexer.had_error {
                    break;
                }
                words.push((value, r));
            }
            words
                .into_iter()
                .skip_while(|(w, _)| is_assignment(w))
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether a program (`sh`, `/bin/bash`) is a POSIX-style shell.
fn is_shell(program: &str) -> bool {
    matches!(
        program.rsplit('/').next().unwrap_or(""),
        "sh" | "bash" | "ash" | "dash" | "zsh"
    )
}

/// The shells whose here-document is a script to check (`RUN <<EOF`,
/// `RUN bash <<EOF`); `RUN python3 <<EOF` feeds another language.
fn runs_heredoc_as_shell(words: &[(String, Range<usize>)]) -> bool {
    words
        .iter()
        .all(|(w, _)| w.starts_with("<<") || w.starts_with('-') || is_shell(w))
}

/// An exec-form command that runs no shell: its words, the argument its
/// findings are at, and the file range of each element with its quotes (a
/// finding underlines the elements it quotes, `"npm", "install"`).
struct Argv {
    words: Vec<String>,
    loc: Loc,
    places: Vec<TextRange>,
}

/// The shell scripts a `RUN` (or an `ONBUILD RUN` trigger) executes, as
/// the shell splits them into words (the command, its `sh -c` string, or a
/// here-document's body a shell reads), and the argv of an exec-form one
/// that runs no shell.
fn scripts(i: &reelnet_spec::container::Instruction) -> (Vec<ShellText>, Option<Argv>) {
    match &i.run {
        None => (Vec::new(), None),
        Some(RunCommand::Exec(elements)) => {
            // `["sh", "-c", "npm install && …"]` runs a script; else an argv.
            let shell = elements.first().is_some_and(|p| is_shell(&p.text));
            if shell && elements.get(1).is_some_and(|a| a.text == "-c") {
                return (
                    elements.get(2).map(as_shell_reads).into_iter().collect(),
                    None,
                );
            }
            let Some(first) = elements.first() else {
                return (Vec::new(), None);
            };
            let quoted = |e: &ShellText| {
                TextRange::new(e.written.start.saturating_sub(1), e.written.end + 1)
            };
            let argv = Argv {
                words: elements.iter().map(|e| e.text.clone()).collect(),
                loc: first.loc,
                places: elements.iter().map(quoted).collect(),
            };
            (Vec::new(), Some(argv))
        }
        Some(RunCommand::Shell { command, heredocs }) => {
            let command = as_shell_reads(command);
            // Each here-document goes to the command whose `<<` opens it
            // (`python3 <<A && <<B sh`: A is Python, B a shell script).
            let parsed = commands(&command.text);
            let mut opened_by: Vec<&[(String, Range<usize>)]> = Vec::new();
            for c in &parsed {
                for (w, _) in c {
                    if w.starts_with("<<") && !w.starts_with("<<<") {
                        opened_by.push(c);
                    }
                }
            }
            let first = parsed.first().map_or(&[][..], Vec::as_slice);
            let mut out = vec![command];
            for (i, body) in heredocs.iter().enumerate() {
                // Markers the words do not show one by one (`cat<<A`):
                // every body goes to the first command, as BuildKit's
                // `RUN <<EOF` runs its body.
                let by = if opened_by.len() == heredocs.len() {
                    opened_by.get(i).copied().unwrap_or(first)
                } else {
                    first
                };
                if runs_heredoc_as_shell(by) {
                    out.push(as_shell_reads(body));
                }
            }
            (out, None)
        }
    }
}

impl UnlockedDependencyInstall {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in &spec.containers.dockerfiles {
            let runs = |i: &&reelnet_spec::container::Instruction| {
                i.keyword == "RUN" || i.keyword == "ONBUILD"
            };
            for i in d.instructions.iter().filter(runs) {
                let (scripts, argv) = scripts(i);
                let mut found = Vec::new();
                for script in &scripts {
                    for command in commands(&script.text) {
                        let words: Vec<&str> = command.iter().map(|(w, _)| w.as_str()).collect();
                        let Some((what, help, last)) = unlocked(&words) else {
                            continue;
                        };
                        let at = command
                            .first()
                            .zip(command.get(last))
                            .and_then(|((_, a), (_, b))| script.file_range(a.start..b.end));
                        found.push((what, help, script.loc, at));
                    }
                }
                if let Some(argv) = argv {
                    let words: Vec<&str> = argv.words.iter().map(String::as_str).collect();
                    if let Some((what, help, last)) = unlocked(&words) {
                        let p = &argv.places;
                        let at = p
                            .first()
                            .zip(p.get(last))
                            .map(|(a, b)| TextRange::new(a.start, b.end));
                        found.push((what, help, argv.loc, at));
                    }
                }
                for (what, help, loc, at) in found {
                    let mut finding = Finding::new(
                        loc,
                        format!("{}: `{what}` installs without the lock file", d.path),
                    )
                    .label("unlocked install")
                    .help(help);
                    if let Some(at) = at {
                        finding = finding.within(at);
                    }
                    cx.report(finding);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{commands, unlocked};

    fn fires(line: &str) -> bool {
        let script = super::as_shell_reads(&reelnet_spec::container::ShellText {
            text: line.to_owned(),
            offsets: (0..u32::try_from(line.len()).unwrap_or(0)).collect(),
            ..Default::default()
        });
        commands(&script.text).iter().any(|c| {
            let words: Vec<&str> = c.iter().map(|(w, _)| w.as_str()).collect();
            unlocked(&words).is_some()
        })
    }

    #[test]
    fn installs() {
        assert!(fires("npm install"));
        assert!(fires("apk add git && npm i --production"));
        assert!(!fires("npm ci"));
        assert!(!fires("npm run build"));
        assert!(fires("yarn"));
        assert!(fires("yarn install"));
        assert!(!fires("yarn install --frozen-lockfile"));
        assert!(!fires("yarn install --immutable"));
        assert!(!fires("yarn build"));
        assert!(fires("pip install flask"));
        assert!(fires(
            "python -m pip install --no-cache-dir flask requests==2.32.3"
        ));
        assert!(!fires("pip install -r requirements.txt"));
        assert!(!fires("pip install flask==3.0.3"));
        assert!(!fires("pip install ."));
        assert!(!fires("NODE_ENV=production npm ci"));
    }

    #[test]
    fn quoting_and_escapes() {
        // A quoted operator is part of a word, not a command boundary.
        assert!(!fires("echo \"a && npm install\""));
        assert!(!fires(
            "pip install \"flask==3.0.3; python_version > '3.8'\""
        ));
        // Quoted words are unquoted: `"npm" 'install'` is `npm install`.
        assert!(fires("\"npm\" 'install'"));
        assert!(fires("n\\pm install"));
        // An escaped operator is a word character.
        assert!(!fires("echo npm \\; install"));
        // Line continuations join lines; a comment ends at its line.
        assert!(fires("apk add git \\\n && npm install"));
        assert!(!fires("npm ci # then npm install\n"));
        assert!(fires("# npm ci\nnpm install"));
        assert!(!fires("echo a#npm install"));
        // An unterminated quote keeps the words before it.
        assert!(fires("npm install 'left open"));
        // A continuation after a blank is not an empty word.
        assert!(fires("npm \\\n  install"));
        // A `'` inside double quotes or in a comment opens no quote: the
        // continuation after it is still removed.
        assert!(fires("echo \"it's\" && npm \\\n  install"));
        assert!(fires("# don't cache\nnpm \\\n  install"));
        assert!(fires("echo \"a \\\n b\" && npm \\\n  install"));
        // A `\\` ending a comment continues nothing.
        assert!(fires("# note \\\nnpm install"));
        assert!(!fires("echo 'a \\\n npm install'"));
    }

    #[test]
    fn chains_and_pipes() {
        assert!(fires("cd app&&npm install"));
        assert!(fires("cd app;npm install"));
        assert!(fires("false || yarn"));
        assert!(fires("(cd app && pip install flask)"));
        assert!(fires("yes | npm install &"));
        assert!(!fires("npm ci && yarn --immutable && pip install -r r.txt"));
        assert!(fires("npm ci\nnpm install"));
    }

    #[test]
    fn heredocs_and_exec_form() {
        use reelnet_spec::Loader;
        let count = |dockerfile: &str| {
            let loaded = Loader::default().read_texts_with(
                vec![(
                    "reelnet.yaml".to_owned(),
                    "name: t\ncompute:\n  services:\n    - { name: web, image: 'r/w:1.0.0', dockerfile: Dockerfile }\n".to_owned(),
                )],
                &[("Dockerfile".to_owned(), dockerfile.to_owned())],
            );
            let Some(d) = loaded
                .model
                .as_ref()
                .and_then(|m| m.containers.dockerfiles.first())
            else {
                return usize::MAX;
            };
            d.instructions
                .iter()
                .filter(|i| i.keyword == "RUN")
                .map(|i| {
                    let (scripts, argv) = super::scripts(i);
                    scripts
                        .iter()
                        .flat_map(|s| commands(&s.text))
                        .map(|c| c.into_iter().map(|(w, _)| w).collect::<Vec<_>>())
                        .chain(argv.map(|a| a.words))
                        .filter(|w| {
                            let w: Vec<&str> = w.iter().map(String::as_str).collect();
                            unlocked(&w).is_some()
                        })
                        .count()
                })
                .sum()
        };
        assert_eq!(
            count("FROM node:24\nRUN <<EOF\nset -e\nnpm install\nEOF\n"),
            1
        );
        assert_eq!(
            count("FROM node:24\nRUN bash <<EOF\nnpm ci && npm install\nEOF\n"),
            1
        );
        assert_eq!(
            count("FROM python:3.13\nRUN python3 <<EOF\nprint('npm install')\nEOF\n"),
            0
        );
        // A here-document goes to the command whose `<<` opens it.
        assert_eq!(
            count("FROM node:24\nRUN python3 <<A && <<B sh\nprint(1)\nA\nnpm install\nB\n"),
            1
        );
        assert_eq!(
            count("FROM node:24\nRUN <<A sh && python3 <<B\nnpm ci\nA\nprint('npm install')\nB\n"),
            0
        );
        // A here-document inside a script is data for its command.
        assert_eq!(
            count("FROM node:24\nRUN <<EOF\ncat <<X > notes\nnpm install\nX\nnpm ci\nEOF\n"),
            0
        );
        assert_eq!(
            count(
                "FROM node:24\nRUN <<EOF\ncat <<-'X' && echo hi\n\tnpm install\n\tX\nnpm install\nEOF\n"
            ),
            1
        );
        assert_eq!(
            count(
                "FROM node:24\nRUN <<EOF\ncat<<X\nnpm install\nX\ncat <<< 'npm install'\nyarn\nEOF\n"
            ),
            1
        );
        assert_eq!(count("FROM node:24\nRUN [\"npm\", \"install\"]\n"), 1);
        assert_eq!(count("FROM node:24\nRUN [\"echo\", \"npm install\"]\n"), 0);
        assert_eq!(
            count("FROM node:24\nRUN [\"sh\", \"-c\", \"npm ci && npm install\"]\n"),
            1
        );
    }
}
