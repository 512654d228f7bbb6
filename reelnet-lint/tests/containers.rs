//! The container layer through the real binary: suppressions and baselines
//! in Dockerfiles and manifests, every output format, missing files, and
//! hostile input (binary, huge, many documents, alias bombs).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A fresh directory for one test.
fn dir(name: &str) -> PathBuf {
    common::fresh_dir("containers", name)
}

fn put(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(p, bytes).unwrap_or_else(|e| panic!("{e}"));
}

/// Run `reelnet-lint check reelnet.yaml ARGS` in `dir`, with the rules of
/// the container layer (and the loader's and suppressions') selected.
fn check(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "reelnet.yaml", "--as-of", common::AS_OF])
        .args(args)
        .args(["--select", "SPEC,DKR,K8S,XREF,CTR001"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `(code, file, line, column)` of every finding of a JSON report.
fn findings(v: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or_default().to_owned(),
                        d["file"].as_str().unwrap_or_default().to_owned(),
                        d["line"].as_u64().unwrap_or_default(),
                        d["column"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const SPEC: &str = "name: t
compute:
  services:
    - name: web
      image: reelnet/web:1.0.0
      port: 8080
      replicas: 3
      dockerfile: docker/web.Dockerfile
      manifests: [k8s/*.yaml]
";

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      containers:
        - name: web
          image: reelnet/web:1.0.0
          ports: [{ containerPort: 8080 }]
          resources: { requests: { cpu: 500m, memory: 512Mi }, limits: { memory: 512Mi } }
          readinessProbe: { httpGet: { path: /, port: 8080 } }
          livenessProbe: { httpGet: { path: /, port: 8080 } }
          # reelnet-lint: ignore[K8S004] the image drops every capability itself
          securityContext: {}
";

#[test]
fn suppressions_work_in_dockerfiles_and_manifests() {
    let d = dir("suppress");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"# reelnet-lint: ignore[DKR002] the base image's entrypoint drops to uid 1000\nFROM node:24-alpine\nEXPOSE 8080\nCMD [\"node\", \"server.js\"]\n",
    );
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let out = check(&d, &["--format", "json"]);
    let v = json(&out);
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert!(!codes.contains(&"DKR002".to_owned()), "{codes:?}");
    // The container's K8S004 is on its name line, not under the comment:
    // the suppression is unused and says so.
    assert!(codes.contains(&"K8S004".to_owned()), "{codes:?}");
    assert!(codes.contains(&"SPEC007".to_owned()), "{codes:?}");
    // A suppression on the reported line itself works in a manifest.
    let fixed = DEPLOYMENT
        .replace("          # reelnet-lint: ignore[K8S004] the image drops every capability itself\n", "")
        .replace(
            "        - name: web\n",
            "        - name: web  # reelnet-lint: ignore[K8S004] the image drops every capability itself\n",
        );
    put(&d, "k8s/web.yaml", fixed.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    assert_eq!(findings(&v), Vec::new(), "{v}");
}

#[test]
fn baselines_absorb_container_findings() {
    let d = dir("baseline");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:18-alpine\nRUN npm install\n",
    );
    put(&d, "k8s/web.yaml", b"apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers: [{ name: web, image: reelnet/web:latest }]\n");
    let first = check(&d, &["--format", "json"]);
    assert_eq!(first.status.code(), Some(1));
    let out = check(&d, &["--write-baseline", "baseline.json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = check(&d, &["--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    // A new problem in the Dockerfile is not absorbed.
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:18-alpine\nRUN npm install\nCMD npm start\n",
    );
    let v = json(&check(
        &d,
        &["--baseline", "baseline.json", "--format", "json"],
    ));
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["DKR003"], "{v}");
}

#[test]
fn every_format_carries_container_findings() {
    let d = dir("formats");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:18-alpine\nUSER node\nEXPOSE 8080\nCMD [\"node\", \"s.js\"]\n",
    );
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let sarif = check(&d, &["--format", "sarif"]);
    let text = String::from_utf8_lossy(&sarif.stdout);
    assert!(text.contains("docker/web.Dockerfile"), "{text}");
    assert!(text.contains("DKR001"), "{text}");
    for format in ["github", "junit", "human"] {
        let out = check(&d, &["--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("DKR001") && text.contains("web.Dockerfile"),
            "{format}: {text}"
        );
    }
}

#[test]
fn missing_files_are_dangling_references() {
    let d = dir("missing");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let f = findings(&v);
    assert_eq!(
        f,
        vec![
            ("SPEC006".to_owned(), "reelnet.yaml".to_owned(), 8, 19),
            ("SPEC006".to_owned(), "reelnet.yaml".to_owned(), 9, 19),
        ],
        "{v}"
    );
}

#[test]
fn hostile_files_get_located_errors() {
    let d = dir("hostile");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    // Binary: DKR000 at the NUL byte.
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nRUN \x00\x01\x02\n",
    );
    // An alias bomb: K8S000 where the expansion budget is reached.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        bomb.push_str(&format!(
            "{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    put(&d, "k8s/bomb.yaml", bomb.as_bytes());
    let out = check(&d, &["--format", "json"]);
    let v = json(&out);
    let f = findings(&v);
    assert!(
        f.contains(&(
            "DKR000".to_owned(),
            "docker/web.Dockerfile".to_owned(),
            2,
            5
        )),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|x| x.0 == "K8S000" && x.1 == "k8s/bomb.yaml" && x.2 > 1),
        "{f:?}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn large_files_stay_within_budgets() {
    let d = dir("large");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    // 100,000 lines of Dockerfile.
    let mut docker = String::from("FROM node:24-alpine\nUSER node\nEXPOSE 8080\n");
    for i in 0..100_000 {
        docker.push_str(&format!("ENV K{i}=v\n"));
    }
    docker.push_str("CMD [\"node\", \"s.js\"]\n");
    put(&d, "docker/web.Dockerfile", docker.as_bytes());
    // 10,000 documents of manifest.
    let mut many = String::from(DEPLOYMENT);
    for i in 0..10_000 {
        many.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{ name: c{i} }}\n"
        ));
    }
    many.push_str(
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: last, bogus: 1 }\ndata: [\n",
    );
    put(&d, "k8s/many.yaml", many.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let f = findings(&v);
    // The unterminated flow sequence at the end is located on its line.
    let last_line = u64::try_from(many.lines().count()).unwrap_or(0);
    assert!(
        f.iter()
            .any(|x| x.0 == "K8S000" && x.1 == "k8s/many.yaml" && x.2 >= last_line),
        "{f:?}"
    );
    assert!(!f.iter().any(|x| x.1 == "docker/web.Dockerfile"), "{f:?}");
}

/// A spec naming `dockerfile` and `manifests` (one entry each).
fn spec_with(dockerfile: &str, manifest: &str) -> String {
    format!(
        "name: t\ncompute:\n  services:\n    - name: web\n      image: reelnet/web:1.0.0\n      port: 8080\n      replicas: 3\n      dockerfile: \"{dockerfile}\"\n      manifests: [\"{manifest}\"]\n"
    )
}

fn reasons(v: &serde_json::Value) -> String {
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| format!("{} {}\n", d["code"], d["message"]))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn references_outside_the_spec_directory_are_not_read() {
    let root = dir("outside");
    let d = root.join("spec");
    const SECRET: &[u8] = b"AWS_SECRET_ACCESS_KEY=hunter2-do-not-print\n";
    put(&root, "secret.env", SECRET);
    let abs = root.join("secret.env").to_string_lossy().into_owned();
    // `../secret.env`, its absolute path, and a symbolic link to it inside
    // the tree: none is read, each is a SPEC006 at the reference.
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("secret.env"), d.join("link.env"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut cases = vec![("../secret.env".to_owned(), "k8s/*.yaml".to_owned())];
    cases.push((abs.clone(), "../*.env".to_owned()));
    cases.push(("docker/none".to_owned(), abs.clone()));
    #[cfg(unix)]
    cases.push(("link.env".to_owned(), "/**/secret.env".to_owned()));
    for (dockerfile, manifest) in &cases {
        put(
            &d,
            "reelnet.yaml",
            spec_with(dockerfile, manifest).as_bytes(),
        );
        for format in ["json", "github", "human", "sarif"] {
            let out = check(&d, &["--format", format]);
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(!text.contains("hunter2"), "{dockerfile} {manifest}: {text}");
            assert_eq!(out.status.code(), Some(1), "{text}");
        }
        let v = json(&check(&d, &["--format", "json"]));
        let f = findings(&v);
        assert!(
            f.iter()
                .all(|x| x.1 == "reelnet.yaml" || x.1 == "k8s/web.yaml"),
            "{f:?}"
        );
        let outside = reasons(&v).matches("--follow-links").count();
        let expected = if dockerfile == "docker/none" || manifest == "k8s/*.yaml" {
            1
        } else {
            2
        };
        assert_eq!(outside, expected, "{dockerfile} {manifest}: {v}");
        assert!(f.contains(&("SPEC006".to_owned(), "reelnet.yaml".to_owned(), 8, 19)));
    }
    // --follow-links opts in: the file is read (and, not a Dockerfile, fails
    // to parse there).
    #[cfg(unix)]
    {
        put(
            &d,
            "reelnet.yaml",
            spec_with("link.env", "k8s/*.yaml").as_bytes(),
        );
        let v = json(&check(&d, &["--format", "json", "--follow-links"]));
        assert!(findings(&v).iter().any(|x| x.1 == "link.env"), "{v}");
    }
    // An absolute path inside the tree is fine.
    let inside = d.join("k8s/web.yaml").to_string_lossy().into_owned();
    put(
        &d,
        "reelnet.yaml",
        spec_with("docker/none", &inside).as_bytes(),
    );
    let v = json(&check(&d, &["--format", "json"]));
    assert_eq!(reasons(&v).matches("--follow-links").count(), 0, "{v}");
    assert!(!reasons(&v).contains("web.yaml"), "{v}");
}

#[test]
fn manifest_globs_match_in_linear_time_within_bounds() {
    let d = dir("globs");
    // 40 nested directories `d/d/d/…` and a pattern of 8 `**` groups that
    // matches nothing: the `glob` crate backtracked exponentially here.
    let deep: String = vec!["d"; 40].join("/");
    put(&d, &format!("{deep}/web.yaml"), DEPLOYMENT.as_bytes());
    let pattern = format!("{}nomatch", "d/**/".repeat(8));
    put(
        &d,
        "reelnet.yaml",
        spec_with("docker/none", &pattern).as_bytes(),
    );
    let v = json(&check(&d, &["--format", "json"]));
    assert!(reasons(&v).contains("matches no file"), "{v}");
    // The same groups do find the file at the bottom.
    let pattern = format!("{}web.yaml", "d/**/".repeat(8));
    put(
        &d,
        "reelnet.yaml",
        spec_with("docker/none", &pattern).as_bytes(),
    );
    let v = json(&check(&d, &["--format", "json"]));
    assert!(!reasons(&v).contains("matches no file"), "{v}");
    assert!(
        findings(&v).iter().any(|x| x.1.ends_with("d/d/web.yaml")),
        "{v}"
    );
    // A walk deeper than the depth limit (128) stops with a located SPEC006.
    let deeper: String = vec!["e"; 140].join("/");
    std::fs::create_dir_all(d.join(&deeper)).unwrap_or_else(|e| panic!("{e}"));
    put(
        &d,
        "reelnet.yaml",
        spec_with("docker/none", "e/**/x.yaml").as_bytes(),
    );
    let v = json(&check(&d, &["--format", "json"]));
    assert!(reasons(&v).contains("walks deeper than 128"), "{v}");
    assert!(
        findings(&v).contains(&("SPEC006".to_owned(), "reelnet.yaml".to_owned(), 9, 19)),
        "{v}"
    );
}

/// Run `reelnet-lint check reelnet.yaml ARGS` with no selection of its own.
fn check_with(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "reelnet.yaml", "--as-of", common::AS_OF])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn unparsable_referenced_files_fail_whatever_the_selection() {
    let d = dir("unparsable");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    put(&d, "lenient.toml", b"[severity]\nDKR000 = \"info\"\n");
    let dockerfiles: [&[u8]; 2] = [b"FROM \\\n", b"FROM node:24-alpine\nRUN \x00\n"];
    for docker in dockerfiles {
        put(&d, "docker/web.Dockerfile", docker);
        for args in [
            &["--select", "XREF,DKR001,DKR002"][..],
            &["--ignore", "DKR000"],
            &["--config", "lenient.toml", "--fail-on", "error"],
        ] {
            let mut all = args.to_vec();
            all.extend(["--format", "json"]);
            let out = check_with(&d, &all);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let v = json(&out);
            let f = findings(&v);
            assert!(
                f.iter()
                    .any(|x| x.0 == "DKR000" && x.1 == "docker/web.Dockerfile"),
                "{args:?} {v}"
            );
            let human = check_with(&d, args);
            let text = String::from_utf8_lossy(&human.stdout);
            assert!(
                text.contains(
                    "docker/web.Dockerfile (referenced by spec reelnet.yaml) was not checked"
                ),
                "{text}"
            );
            assert_eq!(human.status.code(), Some(1));
        }
    }
    // A manifest that does not parse.
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER node\nEXPOSE 8080\nCMD [\"node\", \"s.js\"]\n",
    );
    put(&d, "k8s/web.yaml", b"metadata: [\n");
    let out = check_with(&d, &["--select", "XREF,DKR001,DKR002", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert!(
        findings(&v)
            .iter()
            .any(|x| x.0 == "K8S000" && x.1 == "k8s/web.yaml"),
        "{v}"
    );
    let github = check_with(&d, &["--select", "XREF", "--format", "github"]);
    let text = String::from_utf8_lossy(&github.stdout);
    assert!(text.contains("k8s/web.yaml (referenced by spec"), "{text}");
    // A parsed manifest's schema finding (K8S000) still follows the
    // selection: not selected, it neither shows nor fails the run.
    put(
        &d,
        "k8s/web.yaml",
        DEPLOYMENT
            .replace("kind: Deployment\n", "kind: Deployment\nbogus: 1\n")
            .as_bytes(),
    );
    let out = check_with(&d, &["--select", "XREF", "--format", "json"]);
    let v = json(&out);
    assert!(!findings(&v).iter().any(|x| x.0 == "K8S000"), "{v}");
    assert_eq!(out.status.code(), Some(0), "{v}");
}

/// `runs-as-root` is the name of DKR002 (the image) and of K8S003 (the pod),
/// as CONTAINERS.md fixes both: the name selects, suppresses and explains
/// both, and an unused suppression by that name speaks of the rule meant
/// for its file.
#[test]
fn a_shared_name_stands_for_every_rule_that_has_it() {
    let d = dir("shared-name");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nEXPOSE 8080\nCMD [\"node\", \"server.js\"]\n",
    );
    let root_pod = DEPLOYMENT.replace(
        "      securityContext: { runAsNonRoot: true, runAsUser: 10001 }\n",
        "",
    );
    put(&d, "k8s/web.yaml", root_pod.as_bytes());
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("reelnet-lint")
            .unwrap_or_else(|e| panic!("{e}"))
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .args([
                "check",
                "reelnet.yaml",
                "--as-of",
                common::AS_OF,
                "--format",
                "json",
            ])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        json(&out)
    };
    let codes =
        |v: &serde_json::Value| -> Vec<String> { findings(v).into_iter().map(|f| f.0).collect() };
    let v = run(&["--select", "runs-as-root"]);
    assert_eq!(codes(&v), ["DKR002", "K8S003"], "{v}");
    let v = run(&["--select", "DKR,K8S", "--ignore", "runs-as-root"]);
    assert!(
        !codes(&v).iter().any(|c| c == "DKR002" || c == "K8S003"),
        "{v}"
    );
    // A suppression by the name hides the pod's finding in the manifest...
    let suppressed = root_pod.replace(
        "        - name: web\n",
        "        - name: web  # reelnet-lint: ignore[runs-as-root] the image sets USER 1000\n",
    );
    put(&d, "k8s/web.yaml", suppressed.as_bytes());
    let v = run(&["--select", "runs-as-root,SPEC007"]);
    assert_eq!(codes(&v), ["DKR002"], "{v}");
    // ...and, unused there, it names K8S003, not DKR002.
    put(&d, "k8s/web.yaml", DEPLOYMENT.replace("    spec:\n      securityContext", "    spec:  # reelnet-lint: ignore[runs-as-root] the image sets USER 1000\n      securityContext").as_bytes());
    let v = run(&["--select", "runs-as-root,SPEC007"]);
    let text = reasons(&v);
    assert!(
        text.contains("SPEC007") && text.contains("K8S003"),
        "{text}"
    );
    assert!(!text.contains("of DKR002"), "{text}");
    // `explain` prints both rules.
    let out = Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["explain", "runs-as-root"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("# DKR002 (runs-as-root)") && text.contains("# K8S003 (runs-as-root)"),
        "{text}"
    );
}

/// `(code, line, column, end_line, end_column)` of the findings in `file`.
fn spans_in(v: &serde_json::Value, file: &str) -> Vec<(String, u64, u64, u64, u64)> {
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["file"] == file)
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or_default().to_owned(),
                        d["line"].as_u64().unwrap_or_default(),
                        d["column"].as_u64().unwrap_or_default(),
                        d["end_line"].as_u64().unwrap_or_default(),
                        d["end_column"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Review R1: a line continuation inside a shell-form `RUN` (with `\` or
/// the escape a `# escape=` directive sets) does not hide `npm install`,
/// and a finding in a here-document points at its `npm install`.
#[test]
fn unlocked_installs_across_continuations_and_in_heredocs() {
    let d = dir("dkr004-continuations");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    let cases: [(&[u8], (u64, u64)); 4] = [
        (b"FROM node:24-alpine\nRUN npm \\\n  install\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n", (2, 5)),
        (b"# escape=`\nFROM node:24-alpine\nRUN npm `\n  install\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n", (3, 5)),
        (b"FROM node:24-alpine\nRUN npm `\n  install\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n", (0, 0)),
        (b"FROM node:24-alpine\nRUN <<EOF\nset -e\nnpm install\nEOF\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n", (4, 1)),
    ];
    for (text, at) in cases {
        put(&d, file, text);
        let v = json(&check(&d, &["--format", "json"]));
        let got: Vec<(u64, u64)> = spans_in(&v, file)
            .into_iter()
            .filter(|f| f.0 == "DKR004")
            .map(|f| (f.1, f.2))
            .collect();
        // The third case: without the directive a backtick is no
        // continuation, so `install` is an instruction of its own (DKR000).
        let want = if at == (0, 0) { vec![] } else { vec![at] };
        assert_eq!(got, want, "{}\n{v}", String::from_utf8_lossy(text));
    }
}

/// Review R2: a byte order mark is not a column, and the human output's
/// `file:line:column` counts characters as the JSON does.
#[test]
fn columns_ignore_a_bom_and_count_characters_in_every_format() {
    let d = dir("bom-columns");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    put(
        &d,
        file,
        b"\xef\xbb\xbfFROM node:18-alpine\r\nUSER 1\r\nEXPOSE 8080\r\nCMD [\"a\"]\r\n",
    );
    let v = json(&check(&d, &["--format", "json"]));
    let dkr001: Vec<_> = spans_in(&v, file)
        .into_iter()
        .filter(|f| f.0 == "DKR001")
        .collect();
    assert_eq!(dkr001, vec![("DKR001".to_owned(), 1, 6, 1, 20)], "{v}");
    let human = check(&d, &[]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("docker/web.Dockerfile:1:6]"), "{text}");
    // Non-ASCII text before the finding on its line.
    put(&d, file, b"FROM node:24-alpine\nUSER 1\nLABEL x=\"\xc3\xa9\xc3\xa9\xc3\xa9\"\nEXPOSE 8080\nCMD npm start\n");
    let human = check(&d, &[]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("docker/web.Dockerfile:5:1]"), "{text}");
    put(&d, file, b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nLABEL x=\"\xc3\xa9\xc3\xa9\xc3\xa9\" y=1 \nCMD npm start\n");
    let spec_with_accent = SPEC.replace(
        "name: t\n",
        "name: t\ntags: { \"\u{e9}\u{e9}\u{e9}\": x, bogus: 1 }\n",
    );
    put(&d, "reelnet.yaml", spec_with_accent.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let human = String::from_utf8_lossy(&check(&d, &[]).stdout).into_owned();
    for f in v["diagnostics"].as_array().into_iter().flatten() {
        let at = format!(
            "{}:{}:{}]",
            f["file"].as_str().unwrap_or(""),
            f["line"],
            f["column"]
        );
        assert!(human.contains(&at), "human output lacks {at}:\n{human}");
    }
}

/// Review R3: `dockerfile` names one file, literally (a name with `[`
/// exists and is read; `*` is no wildcard there), and a `manifests`
/// entry with `{a,b}` is the glob the docs promise.
#[test]
fn dockerfile_is_a_literal_path_and_manifest_globs_take_braces() {
    let d = dir("literal-dockerfile");
    let spec = SPEC
        .replace("docker/web.Dockerfile", "\"docker/web[1].Dockerfile\"")
        .replace("[k8s/*.yaml]", "[\"k8s/{web,other}.yaml\"]");
    put(&d, "reelnet.yaml", spec.as_bytes());
    put(
        &d,
        "docker/web[1].Dockerfile",
        b"FROM node:18-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    put(
        &d,
        "docker/web1.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let f = findings(&v);
    assert!(!f.iter().any(|x| x.0 == "SPEC006"), "{}", reasons(&v));
    assert!(
        f.iter()
            .any(|x| x.0 == "DKR001" && x.1 == "docker/web[1].Dockerfile"),
        "{f:?}"
    );
    // A wildcard in `dockerfile` is not expanded to some file.
    let spec = SPEC.replace("docker/web.Dockerfile", "\"docker/*.Dockerfile\"");
    put(&d, "reelnet.yaml", spec.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let f = findings(&v);
    assert!(f.iter().any(|x| x.0 == "SPEC006"), "{f:?}");
    assert!(!f.iter().any(|x| x.1.starts_with("docker/web")), "{f:?}");
}

/// Review R5: the Dockerfile reference's own example of two
/// here-documents on one `RUN`, the second after a command, parses (it was
/// DKR000 "unknown instruction" on the second body), and what follows it
/// is read.
#[test]
fn two_heredocs_on_one_run_parse() {
    let d = dir("two-heredocs");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nRUN <<FILE1 cat > file1 && <<FILE2 cat > file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2\nUSER app\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    let v = json(&check(&d, &["--format", "json"]));
    let codes: Vec<String> = spans_in(&v, "docker/web.Dockerfile")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert!(
        !codes.iter().any(|c| c == "DKR000" || c == "DKR002"),
        "{codes:?}\n{}",
        reasons(&v)
    );
}

/// Review R6: 100,000 build stages, each built on the one before
/// (`FROM s41 AS s42`), are read in n log n: the base image of the final
/// stage is followed through the chain once (it was a scan of the earlier
/// stages per stage and per hop, minutes to hours). The timeout only
/// guards against a hang; speed is measured in the benchmarks.
#[test]
fn a_long_chain_of_stages_is_linear() {
    let d = dir("stage-chain");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let mut docker = String::from("ARG BASE=node:18-alpine\nFROM ${BASE} AS s0\n");
    for i in 1..100_000 {
        docker.push_str(&format!("FROM S{} AS s{i}\n", i - 1));
    }
    docker.push_str("USER app\nEXPOSE 8080\nCMD [\"a\"]\n");
    put(&d, "docker/web.Dockerfile", docker.as_bytes());
    let out = Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(&d)
        .args(["check", "reelnet.yaml", "--as-of", common::AS_OF])
        .args(["--select", "DKR,CTR001", "--format", "json"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v = json(&out);
    let codes: Vec<String> = spans_in(&v, "docker/web.Dockerfile")
        .into_iter()
        .map(|f| f.0)
        .collect();
    // The chain ends at node:18-alpine, past its end of life; no stage
    // reference is taken for an image with the `latest` tag.
    assert_eq!(codes, vec!["DKR001".to_owned()], "{v}");
}

/// Review R7: a key written twice in a manifest is reported at the second
/// key (as in a spec), not at the first one's value.
#[test]
fn duplicate_manifest_keys_point_at_the_duplicate() {
    let d = dir("duplicate-keys");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    put(
        &d,
        "k8s/web.yaml",
        format!("{DEPLOYMENT}---\napiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {{name: a, name: b}}\n").as_bytes(),
    );
    let v = json(&check(&d, &["--format", "json"]));
    let at: Vec<(u64, u64)> = spans_in(&v, "k8s/web.yaml")
        .into_iter()
        .filter(|f| f.0 == "K8S000")
        .map(|f| (f.1, f.2))
        .collect();
    let base = u64::try_from(DEPLOYMENT.lines().count()).unwrap_or(0);
    // `kind: Secret` (line 4 of the second document), `name: b`.
    assert_eq!(at, vec![(base + 4, 1), (base + 5, 21)], "{}", reasons(&v));
}

/// Review R8: `replicas: 3.0` is 3 replicas (kubectl sends YAML's 3.0 as
/// the JSON number 3, which the API server takes), not "no `replicas`".
#[test]
fn integral_float_replicas_are_read() {
    let d = dir("float-replicas");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    let fixed = DEPLOYMENT.replace(
        "          # reelnet-lint: ignore[K8S004] the image drops every capability itself\n          securityContext: {}\n",
        "          securityContext: { allowPrivilegeEscalation: false }\n",
    );
    for (replicas, want) in [("3.0", vec![]), ("2.0", vec!["XREF001"])] {
        let text = fixed.replace("replicas: 3", &format!("replicas: {replicas}"));
        put(&d, "k8s/web.yaml", text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
        assert_eq!(codes, want, "replicas: {replicas}\n{}", reasons(&v));
    }
    // Review R9: `2.5` is the wrong type, said in words (it was
    // `expected multiple((null, integer))`, a Debug rendering).
    let text = fixed.replace("replicas: 3", "replicas: 2.5");
    put(&d, "k8s/web.yaml", text.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let k8s000: Vec<String> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "K8S000")
        .map(|d| d["message"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        k8s000,
        vec![
            "k8s/web.yaml: Deployment `web`: `spec.replicas` has the wrong type (expected integer)"
                .to_owned()
        ],
        "{}",
        reasons(&v)
    );
}

/// The messages of one code in a JSON report.
fn messages_of(v: &serde_json::Value, code: &str) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == code)
        .map(|d| d["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Issue #12 U1: a value that is written but unreadable is K8S000's alone;
/// the drift rules say "missing" only when the key is absent.
#[test]
fn an_invalid_value_is_not_described_as_missing() {
    let d = dir("invalid-not-missing");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    let fixed = DEPLOYMENT.replace(
        "          # reelnet-lint: ignore[K8S004] the image drops every capability itself\n          securityContext: {}\n",
        "          securityContext: { allowPrivilegeEscalation: false }\n",
    );
    let cases = [
        ("replicas: 3", "replicas: {a: 1}"),
        ("replicas: 3", "replicas: 2.5"),
        ("replicas: 3", "replicas: 99999999999999999999"),
        ("containerPort: 8080", "containerPort: [8080]"),
        (
            "ports: [{ containerPort: 8080 }]",
            "ports: {containerPort: 8080}",
        ),
    ];
    for (from, to) in cases {
        put(&d, "k8s/web.yaml", fixed.replace(from, to).as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
        assert_eq!(codes, vec!["K8S000"], "{to}\n{}", reasons(&v));
    }
    // An HPA with an unreadable bound: K8S000 only, no XREF001.
    let hpa = format!(
        "{fixed}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{ name: web }}\nspec:\n  scaleTargetRef: {{ apiVersion: apps/v1, kind: Deployment, name: web }}\n  minReplicas: [5]\n  maxReplicas: 9\n"
    );
    put(&d, "k8s/web.yaml", hpa.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, vec!["K8S000"], "{}", reasons(&v));
    // An HPA whose target name is unreadable may scale the workload: the
    // workload's own replicas (5) are not compared.
    let hpa = format!(
        "{}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{ name: web }}\nspec:\n  scaleTargetRef: {{ apiVersion: apps/v1, kind: Deployment, name: [web] }}\n  minReplicas: 2\n  maxReplicas: 9\n",
        fixed.replace("replicas: 3", "replicas: 5")
    );
    put(&d, "k8s/web.yaml", hpa.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, vec!["K8S000"], "{}", reasons(&v));
    // Absent is still "the default".
    put(
        &d,
        "k8s/web.yaml",
        fixed.replace("  replicas: 3\n", "").as_bytes(),
    );
    let v = json(&check(&d, &["--format", "json"]));
    let xref = messages_of(&v, "XREF001");
    assert!(
        xref.len() == 1 && xref[0].contains("no `replicas`: the default"),
        "{}",
        reasons(&v)
    );
}

/// Issue #12 U2: values the API server rejects (int32 range, documented
/// minimums, IntOrString) are K8S000 findings at the value.
#[test]
fn values_the_api_server_rejects_fail_k8s000() {
    let d = dir("api-server-rejects");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    let fixed = DEPLOYMENT.replace(
        "          # reelnet-lint: ignore[K8S004] the image drops every capability itself\n          securityContext: {}\n",
        "          securityContext: { allowPrivilegeEscalation: false }\n",
    );
    let strategy = "  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 0 } }\n  replicas: 3\n";
    let with_strategy = fixed.replace("  replicas: 3\n", strategy);
    // The well-formed one is clean.
    put(&d, "k8s/web.yaml", with_strategy.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    assert_eq!(findings(&v), Vec::new(), "{}", reasons(&v));
    let cases = [
        ("replicas: 3", "replicas: -1", "spec.replicas"),
        ("replicas: 3", "replicas: 3000000000", "spec.replicas"),
        (
            "maxSurge: 25%",
            "maxSurge: []",
            "spec.strategy.rollingUpdate.maxSurge",
        ),
        (
            "maxSurge: 25%",
            "maxSurge: 3000000000",
            "spec.strategy.rollingUpdate.maxSurge",
        ),
        ("type: RollingUpdate", "type: Rolling", "spec.strategy.type"),
        (
            "containerPort: 8080",
            "containerPort: 70000",
            "containerPort",
        ),
        ("containerPort: 8080", "containerPort: 0", "containerPort"),
    ];
    for (from, to, field) in cases {
        let text = with_strategy.replace(from, to);
        assert_ne!(text, with_strategy, "{from}");
        put(&d, "k8s/web.yaml", text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let k8s000 = messages_of(&v, "K8S000");
        assert!(
            k8s000.len() == 1 && k8s000[0].contains(field),
            "{to}: {k8s000:?}\n{}",
            reasons(&v)
        );
        let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
        assert_eq!(codes, vec!["K8S000"], "{to}\n{}", reasons(&v));
    }
}

/// Issue #12 U1 siblings: an unreadable security setting is K8S000's; K8S003
/// (root) and K8S004 (escalation) do not call it unset.
#[test]
fn an_invalid_security_setting_is_not_described_as_unset() {
    let d = dir("invalid-security");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    let fixed = DEPLOYMENT.replace(
        "          # reelnet-lint: ignore[K8S004] the image drops every capability itself\n          securityContext: {}\n",
        "          securityContext: { allowPrivilegeEscalation: false }\n",
    );
    let cases = [
        (
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: \"false\"",
        ),
        (
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: false, privileged: [true]",
        ),
        (
            "runAsNonRoot: true, runAsUser: 10001",
            "runAsNonRoot: \"yes\"",
        ),
        ("runAsNonRoot: true, runAsUser: 10001", "runAsUser: {id: 1}"),
    ];
    for (from, to) in cases {
        let text = fixed.replace(from, to);
        assert_ne!(text, fixed, "{from}");
        put(&d, "k8s/web.yaml", text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
        assert_eq!(codes, vec!["K8S000"], "{to}\n{}", reasons(&v));
    }
    // Absent is still reported as unset.
    let text = fixed.replace("{ allowPrivilegeEscalation: false }", "{}");
    put(&d, "k8s/web.yaml", text.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, vec!["K8S004"], "{}", reasons(&v));
}

/// Issue #12 U1 siblings: an unreadable quantity or probe path is K8S000's;
/// K8S001 does not call it unset, XREF004 does not compare it.
#[test]
fn an_invalid_quantity_or_probe_path_is_not_described_as_missing() {
    let d = dir("invalid-quantity-path");
    put(
        &d,
        "reelnet.yaml",
        SPEC.replace(
            "      replicas: 3\n",
            "      replicas: 3\n      health_check: /\n",
        )
        .as_bytes(),
    );
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n",
    );
    let fixed = DEPLOYMENT.replace(
        "          # reelnet-lint: ignore[K8S004] the image drops every capability itself\n          securityContext: {}\n",
        "          securityContext: { allowPrivilegeEscalation: false }\n",
    );
    put(&d, "k8s/web.yaml", fixed.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    assert_eq!(findings(&v), Vec::new(), "{}", reasons(&v));
    let cases = [
        ("cpu: 500m", "cpu: [1]"),
        ("requests: { cpu: 500m, memory: 512Mi }", "requests: [500m]"),
        (
            "resources: { requests: { cpu: 500m, memory: 512Mi }, limits: { memory: 512Mi } }",
            "resources: [1]",
        ),
        (
            "readinessProbe: { httpGet: { path: /,",
            "readinessProbe: { httpGet: { path: [/],",
        ),
        (
            "readinessProbe: { httpGet: { path: /, port: 8080 } }",
            "readinessProbe: [httpGet]",
        ),
        (
            "readinessProbe: { httpGet: { path: /, port: 8080 } }",
            "readinessProbe: { httpGet: /healthz }",
        ),
    ];
    for (from, to) in cases {
        let text = fixed.replace(from, to);
        assert_ne!(text, fixed, "{from}");
        put(&d, "k8s/web.yaml", text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
        assert_eq!(codes, vec!["K8S000"], "{to}\n{}", reasons(&v));
    }
    // An absent quantity is still reported, and a different path drifts.
    for (from, to, code) in [
        ("cpu: 500m, ", "", "K8S001"),
        (
            "{ path: /, port: 8080 } }\n          livenessProbe: { httpGet: { path: /,",
            "{ path: /a, port: 8080 } }\n          livenessProbe: { httpGet: { path: /a,",
            "XREF004",
        ),
    ] {
        let text = fixed.replace(from, to);
        assert_ne!(text, fixed, "{from}");
        put(&d, "k8s/web.yaml", text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
        assert_eq!(codes, vec![code], "{to}\n{}", reasons(&v));
    }
}

/// A manifest container's image is read at load: one that is not an image
/// reference is K8S000 at the value, whatever CTR001's selection, and CTR001
/// does not report it a second time.
#[test]
fn malformed_manifest_images_are_load_errors() {
    let d = dir("malformed-image");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(
        &d,
        "docker/web.Dockerfile",
        b"FROM node:24-alpine\nUSER node\nEXPOSE 8080\nCMD [\"node\", \"server.js\"]\n",
    );
    for (image, at) in [("\"reelnet/web:\"", 18), ("reelnet/Web:1.0.0", 18)] {
        let manifest = DEPLOYMENT.replace("reelnet/web:1.0.0", image);
        put(&d, "k8s/web.yaml", manifest.as_bytes());
        for args in [
            &["--format", "json"][..],
            &["--format", "json", "--ignore", "CTR001"],
        ] {
            let out = check(&d, args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let v = json(&out);
            let here: Vec<String> = findings(&v)
                .into_iter()
                .filter(|f| f.1 == "k8s/web.yaml" && f.2 == 13)
                .map(|f| format!("{} {}:{}", f.0, f.2, f.3))
                .collect();
            assert_eq!(
                here,
                [format!("K8S000 13:{at}"), format!("XREF002 13:{at}")],
                "{image} {args:?}: {v}"
            );
            assert!(
                v.to_string().contains("is not a valid image reference"),
                "{v}"
            );
        }
    }
}

/// Issue: a `# reelnet-lint: ignore[...]` line inside a here-document body
/// is shell text (BuildKit hands it to the shell, or writes it to the
/// file), not a Dockerfile comment: it hides nothing and is not reported as
/// an unused suppression (SPEC007, which each case below reported). Lines
/// BuildKit drops as comments (inside a continuation, parser directives)
/// stay comments. Each case: a Dockerfile and the `(code, line, column)` of
/// its findings (DKR004 in a here-document is at its `npm install`).
#[test]
fn a_suppression_inside_a_here_document_is_shell_text() {
    let d = dir("heredoc-suppression");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    let tail = "USER 1\nEXPOSE 8080\nCMD [\"a\"]\n";
    let sup = "# reelnet-lint: ignore[DKR004] the lock file is generated here";
    type Found = Vec<(&'static str, u64, u64)>;
    let cases: Vec<(String, Found)> = vec![
        // The example.
        (
            format!("FROM node:24-alpine\nRUN <<EOF\n{sup}\nnpm install\nEOF\n{tail}"),
            vec![("DKR004", 4, 1)],
        ),
        // `<<-`: tabs before the body lines and the delimiter.
        (
            format!("FROM node:24-alpine\nRUN <<-EOF\n\t{sup}\n\tnpm install\n\tEOF\n{tail}"),
            vec![("DKR004", 4, 2)],
        ),
        // Quoted delimiters.
        (
            format!("FROM node:24-alpine\nRUN <<\"EOF\"\n{sup}\nnpm install\nEOF\n{tail}"),
            vec![("DKR004", 4, 1)],
        ),
        (
            format!("FROM node:24-alpine\nRUN <<'EOF'\n{sup}\nnpm install\nEOF\n{tail}"),
            vec![("DKR004", 4, 1)],
        ),
        // The second of two here-documents on one line.
        (
            format!("FROM node:24-alpine\nRUN <<A sh && <<B sh\nA\n{sup}\nnpm install\nB\n{tail}"),
            vec![("DKR004", 5, 1)],
        ),
        // The spelling, `reelnet:` (a near miss, SPEC007 as a
        // comment), is shell text there too.
        (
            format!(
                "FROM node:24-alpine\nRUN <<EOF\n# reelnet: ignore[DKR004] why\nnpm install\nEOF\n{tail}"
            ),
            vec![("DKR004", 4, 1)],
        ),
        // A `COPY` body: hides nothing, so was an unused suppression.
        (
            format!("FROM node:24-alpine\nCOPY <<EOF /etc/motd\n{sup}\nEOF\n{tail}"),
            vec![],
        ),
        // `ONBUILD RUN`, with the escape directive set to a backtick.
        (
            format!(
                "# escape=`\nFROM node:24-alpine\nONBUILD RUN <<EOF `\n  sh\n{sup}\nEOF\n{tail}"
            ),
            vec![],
        ),
        // Outside a body the same line is a suppression: before the
        // instruction, and inside a continuation (a comment BuildKit drops:
        // it names the instruction it is inside).
        (
            format!("FROM node:24-alpine\n{sup}\nRUN npm install\n{tail}"),
            vec![],
        ),
        (
            format!("FROM node:24-alpine\nRUN npm install \\\n{sup}\n  --verbose\n{tail}"),
            vec![],
        ),
    ];
    for (text, want) in cases {
        put(&d, file, text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let got: Vec<(String, u64, u64)> = spans_in(&v, file)
            .into_iter()
            .map(|f| (f.0, f.1, f.2))
            .collect();
        let want: Vec<(String, u64, u64)> = want
            .into_iter()
            .map(|(c, l, k)| (c.to_owned(), l, k))
            .collect();
        assert_eq!(got, want, "{text}\n{}", reasons(&v));
    }
}

/// Issue: `ONBUILD RUN` with a here-document after a command (`ONBUILD
/// RUN cat <<EOF > /f`) reads the body as `RUN` does (it was DKR000
/// "unknown instruction 'EOF'"), and the instructions after it are read.
#[test]
fn onbuild_run_reads_its_here_documents() {
    let d = dir("onbuild-heredoc");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    for trigger in [
        "RUN cat <<EOF > /etc/motd\nFROM scratch\nEOF",
        "RUN <<A cat > a && <<B cat > b\nA\nUSER root\nB",
        "RUN <<EOF\nnpm ci\nEOF",
        "COPY <<EOF /etc/motd\nhello\nEOF",
    ] {
        let text =
            format!("FROM node:24-alpine\nONBUILD {trigger}\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n");
        put(&d, file, text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        assert_eq!(spans_in(&v, file), vec![], "{text}\n{}", reasons(&v));
    }
    // What follows the body is read: a shell-form CMD after it is found.
    put(
        &d,
        file,
        b"FROM node:24-alpine\nONBUILD RUN cat <<EOF > /f\nx\nEOF\nUSER 1\nEXPOSE 8080\nCMD node server.js\n",
    );
    let v = json(&check(&d, &["--format", "json"]));
    let got: Vec<(String, u64, u64)> = spans_in(&v, file)
        .into_iter()
        .map(|f| (f.0, f.1, f.2))
        .collect();
    assert_eq!(got, vec![("DKR003".to_owned(), 7, 1)], "{}", reasons(&v));
}

/// Issue: a symbolic link in a `manifests` glob's directory that leads back
/// to one of its ancestors (a file system loop) walked until the
/// 10,000-directory budget failed the reference. The walk (walkdir's, with
/// its loop detection, as ripgrep's) skips such a link, reads each manifest
/// once, and says so in a note at the reference's line and column. Each
/// case: the links to make (path, target) below the spec's directory.
#[cfg(unix)]
#[test]
fn symlink_loops_in_a_manifests_glob_are_skipped_with_a_note() {
    let spec = SPEC.replace("[k8s/*.yaml]", "[\"k8s/**/*.yaml\"]");
    let cases: [&[(&str, &str)]; 5] = [
        &[],
        &[("k8s/loop", ".")],
        &[("k8s/a/up", "..")],
        &[("k8s/a/b/top", "../.."), ("k8s/a/b/again", "../..")],
        &[("k8s/a/tob", "../b"), ("k8s/b/toa", "../a")],
    ];
    let mut expected: Option<Vec<(String, String, u64, u64)>> = None;
    for (i, links) in cases.iter().enumerate() {
        let d = dir(&format!("symlink-loop-{i}"));
        put(&d, "reelnet.yaml", spec.as_bytes());
        put(
            &d,
            "docker/web.Dockerfile",
            b"FROM node:24-alpine\nUSER node\nEXPOSE 8080\nCMD [\"node\", \"server.js\"]\n",
        );
        put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
        for (link, target) in *links {
            let at = d.join(link);
            if let Some(parent) = at.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            std::os::unix::fs::symlink(target, &at).unwrap_or_else(|e| panic!("{e}"));
        }
        let out = check(&d, &["--format", "json"]);
        let v = json(&out);
        let found = findings(&v);
        // The same findings as without the links: no SPEC006 for a budget,
        // and the manifest read once.
        assert!(
            !found.iter().any(|f| f.0 == "SPEC006"),
            "{links:?}: {}",
            reasons(&v)
        );
        match &expected {
            None => expected = Some(found),
            Some(want) => assert_eq!(&found, want, "{links:?}"),
        }
        let notes: Vec<String> = v["notes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect();
        if links.is_empty() {
            assert_eq!(notes, Vec::<String>::new());
        } else {
            assert!(!notes.is_empty(), "{links:?}: {v}");
            // In walk order, by file name: the same whatever the file
            // system lists first.
            let mut sorted = notes.clone();
            sorted.sort();
            assert_eq!(notes, sorted);
            for n in &notes {
                assert!(
                    n.starts_with("reelnet.yaml:9:19: `k8s/**/*.yaml`: `k8s/")
                        && n.contains("file system loop"),
                    "{links:?}: {n}"
                );
            }
        }
        // The human output shows the note.
        let human = String::from_utf8_lossy(&check(&d, &[]).stdout).into_owned();
        assert_eq!(
            human.contains("note: reelnet.yaml:9:19:"),
            !links.is_empty(),
            "{human}"
        );
    }
}

/// Issue: a suppression comment inside an instruction continued over
/// several lines (BuildKit drops the comment line; the instruction goes
/// on) names that instruction, whichever of its lines the finding is on;
/// so does one on the lines above it (a finding in a here-document body
/// or on a continuation line included). A `# reelnet-lint:` line in a
/// here-document body is shell text and hides nothing (see
/// `a_suppression_inside_a_here_document_is_shell_text`). Each case: a
/// Dockerfile and the `(code, line)` of the findings left.
#[test]
fn a_suppression_inside_a_continued_instruction_names_it() {
    let d = dir("continued-suppression");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    let tail = "USER 1\nEXPOSE 8080\nCMD [\"a\"]\n";
    let sup =
        |code: &str| format!("# reelnet-lint: ignore[{code}] the lock file is generated here");
    let (s4, s3) = (sup("DKR004"), sup("DKR003"));
    type Found = Vec<(&'static str, u64)>;
    let cases: Vec<(String, Found)> = vec![
        // The comment is the last line before the instruction's final
        // line; the finding is on the line before the comment.
        (
            format!(
                "FROM node:24-alpine\nRUN apk add git \\\n    && npm install \\\n{s4}\n    --verbose\n{tail}"
            ),
            vec![],
        ),
        // The finding after the comment, on the third physical line.
        (
            format!(
                "FROM node:24-alpine\nRUN apk add git \\\n  {s4}\n    && echo a \\\n    && npm i\n{tail}"
            ),
            vec![],
        ),
        // CRLF line breaks and a tab-indented comment.
        (
            format!(
                "FROM node:24-alpine\r\nRUN apk add git \\\r\n\t{s4}\r\n    && npm i\r\n{tail}"
            ),
            vec![],
        ),
        // Stacked comments inside: each names the instruction; the one
        // whose rule found nothing there is unused (SPEC007 at its line).
        (
            format!("FROM node:24-alpine\nRUN apk add git \\\n{s3}\n{s4}\n  && npm i\n{tail}"),
            vec![("SPEC007", 3)],
        ),
        // Stacked comments above a continued instruction.
        (
            format!("FROM node:24-alpine\n{s4}\n{s3}\nRUN apk add git \\\n  && npm i\n{tail}"),
            vec![("SPEC007", 3)],
        ),
        // Above an instruction, for a finding in its here-document body.
        (
            format!("FROM node:24-alpine\n{s4}\nRUN <<EOF\nset -e\nnpm install\nEOF\n{tail}"),
            vec![],
        ),
        // Inside the continued line that opens a here-document.
        (
            format!("FROM node:24-alpine\nRUN <<EOF \\\n{s4}\n  sh\nnpm install\nEOF\n{tail}"),
            vec![],
        ),
        // It names only the instruction it is inside, not the next one.
        (
            format!(
                "FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nRUN echo a \\\n{s3}\n  b\nCMD npm start\n"
            ),
            vec![("SPEC007", 5), ("DKR003", 7)],
        ),
        // A body line is shell text, also below a continued opening line.
        (
            format!("FROM node:24-alpine\nRUN <<EOF \\\n  sh\n{s4}\nnpm install\nEOF\n{tail}"),
            vec![("DKR004", 5)],
        ),
    ];
    for (text, want) in cases {
        put(&d, file, text.as_bytes());
        let v = json(&check(&d, &["--format", "json"]));
        let got: Vec<(String, u64)> = spans_in(&v, file).into_iter().map(|f| (f.0, f.1)).collect();
        let want: Vec<(String, u64)> = want.into_iter().map(|(c, l)| (c.to_owned(), l)).collect();
        assert_eq!(got, want, "{text}\n{}", reasons(&v));
    }
}

/// Issue: 5,000 `RUN <<A sh && <<B sh` instructions (several here-documents
/// on one `RUN`: parse-dockerfile stops after each, and reading resumes)
/// were a false DKR000 once re-reading the rest of the file at every
/// resumption spent its budget. Each resumption now reads a window of the
/// file: the file is read whole, its last instruction included (a DKR004
/// in the last body), with the same findings as one such instruction.
#[test]
fn thousands_of_multi_heredoc_runs_are_read() {
    let d = dir("multi-heredoc-runs");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let mut docker = String::from("FROM node:24-alpine\n");
    for i in 0..5_000 {
        docker.push_str(&format!(
            "RUN <<A sh && <<B sh\necho a{i}\nA\necho b{i} \\\n  && npm ci\nB\n"
        ));
    }
    docker.push_str("RUN <<A sh && <<B sh\nA\nnpm install\nB\n");
    docker.push_str("USER app\nEXPOSE 8080\nCMD [\"a\"]\n");
    put(&d, "docker/web.Dockerfile", docker.as_bytes());
    let v = json(&check(&d, &["--format", "json"]));
    let last = u64::try_from(docker.lines().count()).unwrap_or(0);
    assert_eq!(
        spans_in(&v, "docker/web.Dockerfile")
            .into_iter()
            .map(|f| (f.0, f.1, f.2))
            .collect::<Vec<_>>(),
        vec![("DKR004".to_owned(), last - 4, 1)],
        "{}",
        reasons(&v)
    );
}

/// An unused suppression in a Dockerfile speaks of instructions: the one
/// it names, and the line above the instruction of the nearest finding
/// (no end-of-line comments exist there).
#[test]
fn an_unused_dockerfile_suppression_points_at_the_instruction_to_use() {
    let d = dir("continued-suppression-unused");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    put(
        &d,
        file,
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nRUN echo a \\\n# reelnet-lint: ignore[DKR003] the shell is wanted here\n  b\nCMD npm \\\n  start\n",
    );
    let v = json(&check(&d, &["--format", "json"]));
    let spec007: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "SPEC007" && f["file"] == file)
        .collect();
    assert_eq!(spec007.len(), 1, "{v}");
    let f = spec007[0];
    assert_eq!(
        f["message"],
        "suppression of DKR003 (shell-form-entrypoint) hid nothing: no DKR003 finding in the instruction on line 4; the nearest DKR003 finding is on line 7",
        "{f}"
    );
    let help = f["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("put it alone on the line above the instruction on line 7"),
        "{help}"
    );
    // DKR003 quotes the command as the shell gets it (its continuation
    // joined), and proposes it in exec form without the `\\`.
    let dkr003: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "DKR003")
        .collect();
    assert_eq!(dkr003.len(), 1, "{v}");
    assert_eq!(
        dkr003[0]["message"],
        "docker/web.Dockerfile: `CMD npm   start` is in shell form: `/bin/sh -c` is PID 1 and the process gets no SIGTERM"
    );
    assert_eq!(
        dkr003[0]["help"],
        "use the exec form: `CMD [\"npm\", \"start\"]`"
    );
}

/// Review: a suppression whose next line holds no instruction (a blank
/// line before the instruction) names a line, not an instruction that is
/// not there.
#[test]
fn an_unused_dockerfile_suppression_before_a_blank_line_names_no_instruction() {
    let d = dir("suppression-before-blank-line");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    put(
        &d,
        file,
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\n# reelnet-lint: ignore[DKR004] reason\n\nRUN npm install\nCMD [\"a\"]\n",
    );
    let v = json(&check(&d, &["--format", "json"]));
    let spec007: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "SPEC007" && f["file"] == file)
        .collect();
    assert_eq!(spec007.len(), 1, "{v}");
    assert_eq!(
        spec007[0]["message"],
        "suppression of DKR004 (unlocked-dependency-install) hid nothing: no DKR004 finding on line 5 (no instruction starts there); the nearest DKR004 finding is on line 6",
        "{v}"
    );
}

/// Review: `ONBUILD HEALTHCHECK` is read whatever its arguments, as a
/// `HEALTHCHECK` is (BuildKit's parser reads both): no DKR000, and the
/// instructions after it are checked.
#[test]
fn an_onbuild_healthcheck_is_no_syntax_error() {
    let d = dir("onbuild-healthcheck");
    put(&d, "reelnet.yaml", SPEC.as_bytes());
    put(&d, "k8s/web.yaml", DEPLOYMENT.as_bytes());
    let file = "docker/web.Dockerfile";
    put(
        &d,
        file,
        b"FROM node:24-alpine\nUSER 1\nEXPOSE 8080\nONBUILD HEALTHCHECK\nONBUILD HEALTHCHECK CONNECT TCP 7000\nRUN npm install\nCMD [\"a\"]\n",
    );
    let v = json(&check(&d, &["--format", "json"]));
    let got: Vec<(String, u64, u64)> = spans_in(&v, file)
        .into_iter()
        .map(|f| (f.0, f.1, f.2))
        .collect();
    assert_eq!(got, vec![("DKR004".to_owned(), 6, 5)], "{v}");
}
