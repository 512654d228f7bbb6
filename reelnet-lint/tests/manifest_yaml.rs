//! Manifests are read as kubectl reads them (YAML 1.1 by go-yaml v2, through
//! sigs.k8s.io/yaml), and a scalar that YAML 1.1 and 1.2 read differently
//! is K8S000 at its exact place; problems the YAML layer finds in a
//! manifest carry the JSON Pointer of their node. Image digests name a
//! registered algorithm everywhere. All through the real binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn dir(name: &str) -> PathBuf {
    common::fresh_dir("manifest_yaml", name)
}

fn put(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(p, text).unwrap_or_else(|e| panic!("{e}"));
}

fn check(dir: &Path, select: &str) -> Output {
    Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "reelnet.yaml", "--as-of", common::AS_OF])
        .args(["--format", "json", "--select", select])
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `CODE line:col path | message` of every finding in `file`.
fn findings(out: &Output, file: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["file"] == file)
                .map(|d| {
                    format!(
                        "{} {}:{} {} | {} | {}",
                        d["code"].as_str().unwrap_or_default(),
                        d["line"],
                        d["column"],
                        d["path"].as_str().unwrap_or_default(),
                        d["message"].as_str().unwrap_or_default(),
                        d["help"].as_str().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `CODE line:col path` of every finding in `file`.
fn places(out: &Output, file: &str) -> Vec<String> {
    findings(out, file)
        .into_iter()
        .map(|f| f.split(" | ").next().unwrap_or_default().to_owned())
        .collect()
}

/// The reviewer's case (F4): `replicas: 010`, `runAsNonRoot: yes`,
/// `allowPrivilegeEscalation: off`.
const F03_SPEC: &str = "name: t
compute:
  services:
    - name: backend
      image: reelnet/backend:1.4.2
      port: 8080
      replicas: 10
      health_check: /h
      cpu: 1024
      memory: 2048
      manifests: [dep.yaml]
";

const F03_DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  replicas: 010
  selector:
    matchLabels:
      app: backend
  template:
    metadata:
      labels:
        app: backend
    spec:
      securityContext:
        runAsNonRoot: yes
        runAsUser: 10001
      containers:
      - name: backend
        image: reelnet/backend:1.4.2
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 1000m, memory: 2048Mi}
          limits: {memory: 2048Mi}
        readinessProbe: {httpGet: {path: /h, port: 8080}}
        livenessProbe: {httpGet: {path: /h, port: 8080}}
        securityContext:
          allowPrivilegeEscalation: off
";

/// kubectl reads `010` as 8 (so XREF001 compares 8 with the spec's 10) and
/// `yes`/`off` as booleans (so no "wrong type", and K8S003/K8S004 see them
/// set); each of the three is K8S000 at its value, saying both readings.
#[test]
fn f03_manifests_read_as_kubectl_reads_them() {
    let d = dir("f03");
    put(&d, "reelnet.yaml", F03_SPEC);
    put(&d, "dep.yaml", F03_DEPLOYMENT);
    let out = check(&d, "SPEC,K8S,XREF,CTR001");
    assert_eq!(out.status.code(), Some(1));
    let all = findings(&out, "dep.yaml");
    assert_eq!(
        places(&out, "dep.yaml"),
        [
            "K8S000 6:13 /0/spec/replicas",
            "XREF001 6:13 /0/spec/replicas",
            "K8S000 16:23 /0/spec/template/spec/securityContext/runAsNonRoot",
            "K8S000 29:37 /0/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        ],
        "{all:#?}"
    );
    assert_eq!(
        all[0],
        "K8S000 6:13 /0/spec/replicas | dep.yaml: `010` is the integer `8` to kubectl, which reads manifests by YAML 1.1 (go-yaml v2), but the integer `10` to a YAML 1.2 reader | write `8` for what kubectl reads, or quote it (`\"010\"`) for the text"
    );
    assert!(all[1].contains("runs 8 replica(s), but service `backend` declares 10"));
    assert!(
        all[2].contains("`yes` is the boolean `true` to kubectl"),
        "{}",
        all[2]
    );
    assert!(
        all[2]
            .ends_with("write `true` for what kubectl reads, or quote it (`\"yes\"`) for the text")
    );
    assert!(
        all[3].contains("`off` is the boolean `false` to kubectl"),
        "{}",
        all[3]
    );
    assert!(!all.iter().any(|f| f.contains("wrong type")), "{all:#?}");
}

/// One `replicas` scalar per class: what kubectl reads (the spec declares
/// it, so XREF001 stays quiet exactly when the reading is kubectl's) and
/// whether YAML 1.2 reads otherwise (K8S000 at 6:13).
#[test]
fn every_class_of_integer_reads_as_kubectl_reads_it() {
    let d = dir("integers");
    for (text, kubectl, ambiguous) in [
        ("010", 8, true),
        ("0o10", 8, false),
        ("0O10", 8, true),
        ("0b1010", 10, true),
        ("1_000", 1000, true),
        ("0x0A", 10, false),
        ("+0x0A", 10, true),
        ("08", 8, false),
        ("12", 12, false),
        ("1e1", 10, false),
        // A tag resolves by the same table: `!!int 010` is 8 to kubectl.
        ("!!int 010", 8, true),
        ("!!float 8", 8, false),
    ] {
        put(
            &d,
            "reelnet.yaml",
            &F03_SPEC.replace("replicas: 10", &format!("replicas: {kubectl}")),
        );
        put(
            &d,
            "dep.yaml",
            &F03_DEPLOYMENT
                .replace("replicas: 010", &format!("replicas: {text}"))
                .replace(": yes", ": true")
                .replace(": off", ": false"),
        );
        let out = check(&d, "SPEC,K8S,XREF,CTR001");
        // At the value, after its tag if any.
        let column = 13 + text.rfind(' ').map_or(0, |i| i + 1);
        let expected: Vec<String> = if ambiguous {
            vec![format!("K8S000 6:{column} /0/spec/replicas")]
        } else {
            Vec::new()
        };
        assert_eq!(
            places(&out, "dep.yaml"),
            expected,
            "{text}: {:#?}",
            findings(&out, "dep.yaml")
        );
    }
}

/// The YAML 1.1 booleans in a boolean field (read, and reported) and in a
/// string field (`image: on`, an env var's `value: yes`: kubectl sends a
/// boolean there and the API server rejects it, so K8S000 says both);
/// base 60 (`1:20`) and `.inf`, which go-yaml v2 reads as YAML 1.2 does.
#[test]
fn booleans_base_60_and_infinity_in_every_kind_of_field() {
    let d = dir("booleans");
    put(&d, "reelnet.yaml", F03_SPEC);
    for word in [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF",
    ] {
        let manifest = F03_DEPLOYMENT
            .replace("replicas: 010", "replicas: 10")
            .replace(": off", ": false")
            .replace("runAsNonRoot: yes", &format!("runAsNonRoot: {word}"))
            .replace("        runAsUser: 10001\n", "");
        put(&d, "dep.yaml", &manifest);
        let out = check(&d, "K8S");
        let all = findings(&out, "dep.yaml");
        let truth = matches!(word, "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON");
        let mut expected = vec!["K8S000 16:23 /0/spec/template/spec/securityContext/runAsNonRoot"];
        if !truth {
            // runAsNonRoot: false (the pod's; the container sets none): at the container.
            expected.push("K8S003 18:15 /0/spec/template/spec/containers/0/name");
        }
        assert_eq!(places(&out, "dep.yaml"), expected, "{word}: {all:#?}");
        assert!(
            all[0].contains(&format!("`{word}` is the boolean `{truth}` to kubectl")),
            "{all:#?}"
        );
    }
    // A string field: kubectl sends a boolean, which the API server rejects.
    let manifest = F03_DEPLOYMENT
        .replace("replicas: 010", "replicas: 10")
        .replace(": yes", ": true")
        .replace(": off", ": false")
        .replace(
            "        ports:\n",
            "        env:\n        - {name: A, value: yes}\n        - {name: B, value: 1:20}\n        - {name: C, value: .inf}\n        ports:\n",
        );
    put(&d, "dep.yaml", &manifest);
    let out = check(&d, "K8S");
    let all = findings(&out, "dep.yaml");
    assert_eq!(
        places(&out, "dep.yaml"),
        [
            "K8S000 22:28 /0/spec/template/spec/containers/0/env/0/value",
            "K8S000 22:28 /0/spec/template/spec/containers/0/env/0/value",
            "K8S000 24:28 /0/spec/template/spec/containers/0/env/2/value",
        ],
        "{all:#?}"
    );
    assert!(
        all[0].contains("has the wrong type (expected string)"),
        "{all:#?}"
    );
    assert!(
        all[1].contains("`yes` is the boolean `true` to kubectl"),
        "{all:#?}"
    );
    assert!(all[2].contains("`.inf` is not a finite number"), "{all:#?}");
    // `image: on`: the boolean true, not an image; K8S000 says why twice
    // (the reading, and the schema's type).
    let manifest = F03_DEPLOYMENT
        .replace("replicas: 010", "replicas: 10")
        .replace(": yes", ": true")
        .replace(": off", ": false")
        .replace("image: reelnet/backend:1.4.2", "image: on");
    put(&d, "dep.yaml", &manifest);
    let out = check(&d, "K8S");
    assert_eq!(
        places(&out, "dep.yaml"),
        [
            "K8S000 20:16 /0/spec/template/spec/containers/0/image",
            "K8S000 20:16 /0/spec/template/spec/containers/0/image",
        ],
        "{:#?}",
        findings(&out, "dep.yaml")
    );
}

/// A key is resolved too: `on:` is sent as the key `"true"`.
#[test]
fn keys_are_sent_as_kubectl_sends_them() {
    let d = dir("keys");
    put(&d, "reelnet.yaml", F03_SPEC);
    let manifest = F03_DEPLOYMENT
        .replace("replicas: 010", "replicas: 10")
        .replace(": yes", ": true")
        .replace(": off", ": false")
        .replace(
            "      app: backend\n  template",
            "      app: backend\n      on: x\n  template",
        );
    put(&d, "dep.yaml", &manifest);
    let out = check(&d, "K8S");
    let all = findings(&out, "dep.yaml");
    assert_eq!(
        places(&out, "dep.yaml"),
        [
            "K8S000 7:3 /0/spec/selector",
            "K8S000 10:7 /0/spec/selector/matchLabels/true",
        ],
        "{all:#?}"
    );
    assert!(
        all[1].contains("key `on` is sent as `\"true\"` by kubectl"),
        "{all:#?}"
    );
    assert!(all[0].contains("missing true=x"), "{all:#?}");
}

/// Review F4 (f03b): `!!binary` is read as kubectl reads it (the decoded
/// text: no finding); a problem of the YAML layer in a manifest has the
/// JSON Pointer of its node and speaks of a manifest.
#[test]
fn yaml_problems_in_a_manifest_carry_their_pointer() {
    let d = dir("pointers");
    put(
        &d,
        "reelnet.yaml",
        "name: t\ncompute: {services: [{name: a, image: x/y:1, manifests: [cm.yaml]}]}\n",
    );
    let head = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n";
    for (data, expected, says) in [
        ("data: {e: !!binary aGk=}\n", vec![], ""),
        (
            "data: {e: !foo aGk=}\n",
            vec!["K8S000 4:11 /0/data/e"],
            "tag `!foo` is not read: kubectl drops a tag it does not know",
        ),
        (
            "data: {e: !!binary aGk}\n",
            vec!["K8S000 4:11 /0/data/e"],
            "`aGk` is tagged `!!binary` but is not base64",
        ),
        (
            "data: {e: 1, e: 2}\n",
            vec!["K8S000 4:14 /0/data/e"],
            "key `e` appears twice",
        ),
        (
            "data:\n  <<: {a: 1}\n  <<: {b: 1}\n",
            vec!["K8S000 6:3 /0/data/<<"],
            "merge key `<<` appears twice",
        ),
        (
            "data: {~: a}\n",
            vec!["K8S000 4:8 /0/data/~0"],
            "key `~` is null to kubectl, which cannot send a null key",
        ),
        (
            "data: {e: *nope}\n",
            vec!["K8S000 4:11 /0/data/e"],
            "unknown anchor",
        ),
    ] {
        put(&d, "cm.yaml", &format!("{head}{data}"));
        let out = check(&d, "K8S");
        let all = findings(&out, "cm.yaml");
        assert_eq!(places(&out, "cm.yaml"), expected, "{data}: {all:#?}");
        assert!(all.iter().all(|f| f.contains(says)), "{data}: {all:#?}");
        assert!(!all.iter().any(|f| f.contains("a spec")), "{all:#?}");
        assert!(!all.iter().any(|f| f.contains("/error")), "{all:#?}");
    }
    // An alias bomb: at the node being expanded, in its document.
    let mut bomb = format!("{head}data:\n  a: &a [1,1,1,1,1,1,1,1,1,1]\n");
    for (name, prev) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
    ] {
        bomb.push_str(&format!(
            "  {name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(",")
        ));
    }
    put(&d, "cm.yaml", &bomb);
    let out = check(&d, "K8S");
    let all = places(&out, "cm.yaml");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0].starts_with("K8S000 9:") && all[0].contains(" /0/data/e/"),
        "{all:#?}"
    );
}

/// Review F14: `@md5:…` (an algorithm go-digest does not register) is no
/// image reference, in a spec's `image`, a Dockerfile's `FROM` and a
/// manifest's `image` alike; `@sha384:` with 96 hex digits is one.
#[test]
fn unregistered_digest_algorithms_are_refused_everywhere() {
    let md5 = format!("reelnet/backend@md5:{}", "0".repeat(32));
    let sha384 = format!("reelnet/backend@sha384:{}", "0".repeat(96));
    let d = dir("digests");
    let spec = |image: &str| {
        F03_SPEC.replace("reelnet/backend:1.4.2", image).replace(
            "      manifests: [dep.yaml]\n",
            "      dockerfile: Dockerfile\n      manifests: [dep.yaml]\n",
        )
    };
    let manifest = |image: &str| {
        F03_DEPLOYMENT
            .replace("replicas: 010", "replicas: 10")
            .replace(": yes", ": true")
            .replace(": off", ": false")
            .replace("reelnet/backend:1.4.2", image)
    };
    put(
        &d,
        "Dockerfile",
        &format!("FROM {sha384}\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n"),
    );
    // A spec's image.
    put(&d, "reelnet.yaml", &spec(&md5));
    put(&d, "dep.yaml", &manifest(&sha384));
    let out = check(&d, "SPEC,K8S,DKR");
    let all = findings(&out, "reelnet.yaml");
    assert_eq!(
        places(&out, "reelnet.yaml"),
        ["SPEC004 5:14 /compute/services/0/image"],
        "{all:#?}"
    );
    assert!(
        all[0].contains("`md5` is not a digest algorithm Docker resolves"),
        "{all:#?}"
    );
    // A manifest's image.
    put(&d, "reelnet.yaml", &spec(&sha384));
    put(&d, "dep.yaml", &manifest(&md5));
    let out = check(&d, "SPEC,K8S,DKR");
    let all = findings(&out, "dep.yaml");
    assert_eq!(
        places(&out, "dep.yaml"),
        ["K8S000 20:16 /0/spec/template/spec/containers/0/image"],
        "{all:#?}"
    );
    assert!(
        all[0].contains("`md5` is not a digest algorithm Docker resolves"),
        "{all:#?}"
    );
    // A Dockerfile's FROM.
    put(&d, "dep.yaml", &manifest(&sha384));
    put(
        &d,
        "Dockerfile",
        &format!("FROM {md5}\nUSER 1\nEXPOSE 8080\nCMD [\"a\"]\n"),
    );
    let out = check(&d, "SPEC,K8S,DKR,CTR001");
    let all = findings(&out, "Dockerfile");
    assert_eq!(all.len(), 1, "{all:#?}");
    // As for any `FROM` that is not an image reference (CTR001: what it
    // pins cannot be checked).
    assert!(all[0].starts_with("CTR001 1:6 /0/0"), "{all:#?}");
    assert!(
        all[0].contains("`md5` is not a digest algorithm Docker resolves"),
        "{all:#?}"
    );
}

/// `!!binary` reaches the API server as the decoded text: right where a
/// string is wanted (a ConfigMap's `data`, a Secret's `stringData`), K8S000
/// where base64 is (a Secret's `data`, a ConfigMap's `binaryData`).
#[test]
fn binary_values_where_the_api_wants_base64() {
    let d = dir("binary");
    put(
        &d,
        "reelnet.yaml",
        "name: t\ncompute: {services: [{name: a, image: x/y:1, manifests: [k.yaml]}]}\n",
    );
    put(
        &d,
        "k.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {e: !!binary aGk=, f: aGk=}\nstringData: {g: !!binary aGk=}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {e: !!binary aGk=}\nbinaryData:\n  f: !!binary |\n    aGk=\n",
    );
    let out = check(&d, "K8S");
    let all = findings(&out, "k.yaml");
    assert_eq!(
        places(&out, "k.yaml"),
        ["K8S000 4:20 /0/data/e", "K8S000 13:5 /1/binaryData/f"],
        "{all:#?}"
    );
    assert!(
        all[0].ends_with("remove the tag and keep the base64 text (`e: aGk=`)"),
        "{all:#?}"
    );
}
