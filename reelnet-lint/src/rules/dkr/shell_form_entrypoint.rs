use reelnet_spec::Spec;
use reelnet_spec::container::{CommandForm, RunCommand};

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `CMD` or `ENTRYPOINT` of a Dockerfile's final stage written
    /// in shell form (`CMD npm start`) rather than exec form
    /// (`CMD ["npm", "start"]`).
    ///
    /// ## Why is this bad?
    /// The shell form runs the command under `/bin/sh -c`: the shell is PID 1,
    /// and it does not forward SIGTERM. On a rolling update or a scale-in the
    /// process gets no chance to finish its requests and is killed after the
    /// grace period.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// USER node
    /// CMD npm start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// USER node
    /// CMD ["npm", "start"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    pub struct ShellFormEntrypoint {
        code: "DKR003",
        name: "shell-form-entrypoint",
        severity: Warning,
        summary: "CMD/ENTRYPOINT in shell form: the process is not PID 1 and gets no SIGTERM",
    }
    impl Rule;
}

impl ShellFormEntrypoint {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for d in &spec.containers.dockerfiles {
            let Some(stage) = d.final_stage() else {
                continue;
            };
            for i in d.stage_instructions(stage) {
                if !matches!(i.keyword.as_str(), "CMD" | "ENTRYPOINT")
                    || i.form != Some(CommandForm::Shell)
                {
                    continue;
                }
                // As the shell gets it: continuation lines joined, the
                // comment lines inside dropped.
                let command = match &i.run {
                    Some(RunCommand::Shell { command, .. }) => command.text.trim(),
                    _ => i.arguments.first().map_or("", |a| a.value.trim()),
                };
                let words: Vec<String> = command
                    .split_whitespace()
                    .map(|w| format!("\"{}\"", w.replace('"', "\\\"")))
                    .collect();
                cx.report(
                    Finding::new(
                        i.loc,
                        format!(
                            "{}: `{} {command}` is in shell form: `/bin/sh -c` is PID 1 and the process gets no SIGTERM",
                            d.path, i.keyword
                        ),
                    )
                    .label("shell form")
                    .help(format!("use the exec form: `{} [{}]`", i.keyword, words.join(", "))),
                );
            }
        }
    }
}
