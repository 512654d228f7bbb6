use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile a service references that cannot be parsed by
    /// the BuildKit grammar (an unknown instruction, an unterminated quote or
    /// here-document, no instruction at all), or that is not text (a NUL
    /// byte, invalid UTF-8), at the line and column where reading stopped.
    /// What BuildKit's parser reads is not a parse failure, even when the
    /// build rejects it later: instructions before the first `FROM`, a
    /// duplicate stage name, a `HEALTHCHECK` with no or odd arguments. No other rule can check such
    /// a file, so this error is reported and fails the run whatever the
    /// selection, severity overrides, suppressions and baseline say.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the same place: the image the spec deploys
    /// cannot be built, and none of the other DKR rules can check the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// RUN npm ci
    /// EXPOSES 80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// RUN npm ci
    /// EXPOSE 80
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    /// - [parse-dockerfile, the parser used (BuildKit's grammar)](https://github.com/taiki-e/parse-dockerfile)
    pub struct DockerfileSyntax {
        code: "DKR000",
        name: "dockerfile-syntax",
        severity: Error,
        summary: "a referenced Dockerfile cannot be parsed",
    }
    impl Rule;
}

impl DockerfileSyntax {
    /// Every problem of a Dockerfile is a parse failure: the linter reports
    /// them through [`report_unparsed`] whatever the selection, so the rule
    /// itself has nothing left to report.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}

/// The DKR000 errors of Dockerfiles that cannot be parsed (so no rule
/// checked them): the linter reports them whether or not DKR000 is
/// selected, at error severity.
pub(crate) fn report_unparsed(spec: &Spec, cx: &mut Checker<'_>) {
    for d in &spec.containers.dockerfiles {
        if let Some(p) = d.problem.as_ref().filter(|p| p.syntax) {
            let mut f = Finding::new(
                p.loc,
                format!("Dockerfile {} cannot be parsed: {}", d.path, p.message),
            )
            .label("here")
            .help("fix the Dockerfile so that `docker build` can read it");
            for r in &d.references {
                f = f.related(*r, "referenced here");
            }
            cx.report(f);
        }
    }
}
