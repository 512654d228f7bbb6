use reelnet_spec::Spec;

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
    /// not `RUN python3 <<EOF`).
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

/// Why one simple command is an unlocked install, if it is.
fn unlocked(words: &[&str]) -> Option<(String, &'static str)> {
    let program = words.first()?.rsplit('/').next()?;
    let args = words.get(1..).unwrap_or(&[]);
    match program {
        "npm" | "pnpm" => {
            let sub = args.iter().find(|a| !a.starts_with('-'))?;
            matches!(*sub, "install" | "i" | "add").then(|| {
                (
                    format!("{program} {sub}"),
                    if program == "npm" {
                        "use `npm ci`: it installs exactly what package-lock.json records, and fails when it is out of date"
                    } else {
                        "use `pnpm install --frozen-lockfile`"
                    },
                )
            })
        }
        "yarn" => {
            let sub = args.iter().find(|a| !a.starts_with('-'));
            let installs = matches!(sub, None | Some(&"install"));
            let frozen = args
                .iter()
                .any(|a| matches!(*a, "--frozen-lockfile" | "--immutable"));
            (installs && !frozen).then(|| {
                (
                    format!("yarn{}", sub.map(|s| format!(" {s}")).unwrap_or_default()),
                    "add `--frozen-lockfile` (Yarn 1) or `--immutable` (Yarn 2+)",
                )
            })
        }
        "pip" | "pip3" | "python" | "python3" => {
            let args = if program.starts_with("python") {
                // `python -m pip install …`
                let at = args.windows(2).position(|w| w == ["-m", "pip"])?;
                args.get(at + 2..)?
            } else {
                args
            };
            if args.first() != Some(&"install") {
                return None;
            }
            let rest = &args[1..];
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
                )
            })
        }
        _ => None,
    }
}

/// Split a shell command line into simple commands (on `&&`, `||`, `;`,
/// `|` and line breaks) and each into words.
/// The simple commands of a shell script, each as its words: the script is
/// cut at the control operators (`&&`, `||`, `;`, `|`, `&`, `(`, `)` and
/// unescaped newlines) outside quotes and comments, then each command is
/// split into words by `shlex` (POSIX quoting: `'…'`, `"…"` with its
/// escapes, `\` escapes and line continuations, `#` comments). Leading
/// variable assignments (`NODE_ENV=production npm ci`) are dropped. A
/// command with an unterminated quote keeps the words before it.
fn commands(script: &str) -> Vec<Vec<String>> {
    let script = join_continuations(script);
    split_operators(&script)
        .into_iter()
        .map(|command| {
            let mut lexer = shlex::Shlex::new(command);
            let words: Vec<String> = lexer.by_ref().collect();
            words
                .into_iter()
                .skip_while(|w| is_assignment(w))
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// The script with its line continuations (`\\` then a line break, outside
/// single quotes) removed, as the shell removes them before it splits
/// words: `npm \\<newline>  install` is `npm   install`. (`shlex` alone
/// would read the continuation after a blank as an empty word.) Linear.
fn join_continuations(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut chars = script.chars().peekable();
    let mut single = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' => single = !single,
            '\\' if !single => match chars.peek() {
                Some('\n') => {
                    chars.next();
                    continue;
                }
                Some(&next) => {
                    out.push(c);
                    out.push(next);
                    chars.next();
                    continue;
                }
                None => {}
            },
            _ => {}
        }
        out.push(c);
    }
    out
}

/// A shell-form command as BuildKit hands it to the shell: its line
/// continuations (the escape character, `\\` or the one a `# escape=`
/// directive sets, at the end of a line) removed and the lines joined, and
/// the comment lines inside the continuation dropped. The instruction's
/// text only holds line breaks that follow a continuation (or a comment
/// line inside one), so the last character of every line but the last is
/// the escape character.
fn as_buildkit_joins(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut lines = command.split('\n').peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        let comment = !first && line.trim_start().starts_with('#');
        first = false;
        if comment {
            continue;
        }
        if lines.peek().is_some() {
            let t = line.trim_end();
            out.push_str(t.strip_suffix(['\\', '`']).unwrap_or(t));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `NAME=value` before a command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The script cut at its control operators (outside quotes, escapes and
/// comments); quoting is left in place for `shlex`. Linear in the script.
fn split_operators(script: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = script.char_indices().peekable();
    // Whether the previous character ends a word (so `#` starts a comment).
    let mut at_word_start = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
                at_word_start = false;
                continue;
            }
            '\'' => {
                for (_, q) in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                }
            }
            '"' => {
                while let Some((_, q)) = chars.next() {
                    match q {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '#' if at_word_start => {
                // A comment runs to the end of the line.
                while chars.peek().is_some_and(|(_, q)| *q != '\n') {
                    chars.next();
                }
            }
            ';' | '&' | '|' | '(' | ')' | '\n' => {
                out.push(&script[start..i]);
                start = i + c.len_utf8();
                at_word_start = true;
                continue;
            }
            _ => {}
        }
        at_word_start = c.is_whitespace();
    }
    out.push(&script[start..]);
    out
}

/// The shells whose here-document is a script to check (`RUN <<EOF`,
/// `RUN bash <<EOF`); `RUN python3 <<EOF` feeds another language.
fn runs_heredoc_as_shell(words: &[String]) -> bool {
    words.iter().all(|w| {
        w.starts_with("<<")
            || w.starts_with('-')
            || matches!(
                w.rsplit('/').next().unwrap_or(""),
                "sh" | "bash" | "ash" | "dash" | "zsh"
            )
    })
}

/// The shell scripts a `RUN` executes, and the argv of an exec-form one
/// that runs no shell.
#[cfg(test)]
fn scripts(i: &reelnet_spec::container::Instruction) -> (Vec<String>, Option<Vec<String>>) {
    let (scripts, argv) = located_scripts(i);
    (scripts.into_iter().map(|(s, _)| s).collect(), argv)
}

/// [`scripts`], each script with the place it is written (the command, or
/// its here-document's body).
fn located_scripts(
    i: &reelnet_spec::container::Instruction,
) -> (Vec<(String, reelnet_spec::Loc)>, Option<Vec<String>>) {
    let args: Vec<String> = i.arguments.iter().map(|a| a.value.clone()).collect();
    let Some(first_loc) = i.arguments.first().map(|a| a.loc) else {
        return (Vec::new(), None);
    };
    if i.form == Some(reelnet_spec::container::CommandForm::Exec) {
        // `["sh", "-c", "npm install && …"]` runs a script; else an argv.
        let shell = args.first().is_some_and(|p| {
            matches!(
                p.rsplit('/').next().unwrap_or(""),
                "sh" | "bash" | "ash" | "dash" | "zsh"
            )
        });
        if shell && args.get(1).is_some_and(|a| a == "-c") {
            return (
                i.arguments
                    .get(2)
                    .map(|a| (a.value.clone(), a.loc))
                    .into_iter()
                    .collect(),
                None,
            );
        }
        return (Vec::new(), Some(args));
    }
    let Some((command, heredocs)) = i.arguments.split_first() else {
        return (Vec::new(), None);
    };
    let command = as_buildkit_joins(&command.value);
    let first: Vec<String> = commands(&command).into_iter().next().unwrap_or_default();
    let mut out = vec![(command, first_loc)];
    if !heredocs.is_empty() && runs_heredoc_as_shell(&first) {
        out.extend(heredocs.iter().map(|h| (h.value.clone(), h.loc)));
    }
    (out, None)
}

impl UnlockedDependencyInstall {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in &spec.containers.dockerfiles {
            for i in d.instructions.iter().filter(|i| i.keyword == "RUN") {
                let Some(first) = i.arguments.first() else {
                    continue;
                };
                let (scripts, argv) = located_scripts(i);
                let found = scripts
                    .iter()
                    .flat_map(|(s, loc)| commands(s).into_iter().map(move |c| (c, *loc)))
                    .chain(argv.map(|a| (a, first.loc)))
                    .filter_map(|(words, loc)| {
                        let words: Vec<&str> = words.iter().map(String::as_str).collect();
                        unlocked(&words).map(|u| (u, loc))
                    })
                    .collect::<Vec<_>>();
                for ((what, help), loc) in found {
                    cx.report(
                        Finding::new(
                            loc,
                            format!("{}: `{what}` installs without the lock file", d.path),
                        )
                        .label("unlocked install")
                        .help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{commands, unlocked};

    fn fires(line: &str) -> bool {
        commands(line).iter().any(|c| {
            let words: Vec<&str> = c.iter().map(String::as_str).collect();
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
        assert_eq!(
            super::as_buildkit_joins("npm `\n  install"),
            "npm   install"
        );
        assert_eq!(super::as_buildkit_joins("a \\\n# note\n  b"), "a   b");
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
                        .flat_map(|s| commands(s))
                        .chain(argv)
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
        assert_eq!(count("FROM node:24\nRUN [\"npm\", \"install\"]\n"), 1);
        assert_eq!(count("FROM node:24\nRUN [\"echo\", \"npm install\"]\n"), 0);
        assert_eq!(
            count("FROM node:24\nRUN [\"sh\", \"-c\", \"npm ci && npm install\"]\n"),
            1
        );
    }
}
