use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `RUN` that installs packages without the lock file:
    /// `npm install` / `npm i` (use `npm ci`), `yarn install` (or bare
    /// `yarn`) without `--frozen-lockfile` or `--immutable`, and
    /// `pip install` of named packages without a pinned version (`==`) and
    /// without `-r requirements.txt` or `-c constraints.txt`. Commands are
    /// read in both forms and across `&&`, `||`, `;` and `|`.
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
fn commands(text: &str) -> Vec<Vec<&str>> {
    text.split(['\n', ';', '|', '&'])
        .map(|c| {
            c.split_whitespace()
                .map(|w| w.trim_matches(|ch| ch == '"' || ch == '\''))
                .filter(|w| !w.is_empty() && *w != "\\")
                .skip_while(|w| w.contains('=') && !w.starts_with('-'))
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

impl UnlockedDependencyInstall {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in &spec.containers.dockerfiles {
            for i in d.instructions.iter().filter(|i| i.keyword == "RUN") {
                let Some(first) = i.arguments.first() else {
                    continue;
                };
                let joined = i
                    .arguments
                    .iter()
                    .map(|a| a.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let text = match i.form {
                    Some(reelnet_spec::container::CommandForm::Exec) => joined,
                    _ => first.value.clone(),
                };
                for words in commands(&text) {
                    if let Some((what, help)) = unlocked(&words) {
                        cx.report(
                            Finding::new(
                                first.loc,
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
}

#[cfg(test)]
mod tests {
    use super::{commands, unlocked};

    fn fires(line: &str) -> bool {
        commands(line).iter().any(|c| unlocked(c).is_some())
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
}
