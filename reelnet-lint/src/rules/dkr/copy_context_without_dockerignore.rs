use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports `COPY . …` or `ADD . …` (the whole build context) in a
    /// Dockerfile that has no `.dockerignore`: neither `NAME.dockerignore`
    /// beside the Dockerfile nor `.dockerignore` in its directory.
    ///
    /// ## Why is this bad?
    /// Everything in the context goes into the image: `.git`, `node_modules`
    /// built for another platform, local `.env` files with secrets, test
    /// data. Images grow, builds bust their cache on every change, and
    /// secrets ship.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY . .
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY src/ ./src/
    /// USER node
    /// CMD ["node", "src/server.js"]
    /// ```
    ///
    /// ## References
    /// - [Docker: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub struct CopyContextWithoutDockerignore {
        code: "DKR005",
        name: "copy-context-without-dockerignore",
        severity: Info,
        summary: "`COPY .`/`ADD .` with no `.dockerignore` beside the build context",
    }
    impl Rule;
}

impl CopyContextWithoutDockerignore {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in &spec.containers.dockerfiles {
            if d.dockerignore.is_some() {
                continue;
            }
            for i in &d.instructions {
                if !matches!(i.keyword.as_str(), "COPY" | "ADD")
                    || i.flags.iter().any(|f| f.value.starts_with("--from"))
                {
                    continue;
                }
                let n = i.arguments.len();
                let sources = i.arguments.get(..n.saturating_sub(1)).unwrap_or(&[]);
                if let Some(src) = sources
                    .iter()
                    .find(|s| matches!(s.value.as_str(), "." | "./"))
                {
                    cx.report(
                        Finding::new(
                            src.loc,
                            format!(
                                "{}: `{} {} …` copies the whole build context, and there is no .dockerignore",
                                d.path, i.keyword, src.value
                            ),
                        )
                        .label("whole context")
                        .help(format!(
                            "add `{}.dockerignore` (or `.dockerignore` in the context) excluding .git, node_modules, .env; or copy only what the image needs",
                            d.path
                        )),
                    );
                }
            }
        }
    }
}
