#!/usr/bin/env bash
# Hostile-shape benchmark (issue #9): whole process, release build, under a
# 2 GB address-space cap. For each shape it generates inputs of size n, 2n
# and 4n and prints wall time, peak RSS and the exit code, so that the
# growth is visible: every shape must grow no faster than n log n (time
# roughly doubling when n doubles) and never abort.
#
#   scripts/bench-hostile.sh              # n = 25,000 (then 50,000, 100,000)
#   N=100000 scripts/bench-hostile.sh     # larger
#   SHAPES="dupkeys stacked" scripts/bench-hostile.sh
#
# Shapes:
#   longname  a WAF name and a dangling `waf:` reference of n characters
#             (bounded "did you mean")
#   dupkeys   `a:` repeated n times: n duplicate keys (finding cap)
#   topkeys   n distinct unknown top-level keys (one hash lookup per section)
#   stacked   n stacked suppression comments above one line
#   bracket   n codes in one suppression bracket
#   severity  n unknown `[severity]` keys in the configuration (one-pass
#             line index)
#   flowseq   one flow sequence of n items under an unknown key (the
#             loader's cost: one SPEC001 finding, no rule sees the items)
#   flowmap   one flow mapping of n distinct keys (`tags: {k0: v, ...}`)
#   longkey   an explicit key of 20,000 characters above a list of n items
#             (the source map keeps the key once, not once per item: it
#             was 3.9 GB at n = 200,000)
#   longkey-suppressed  longkey with a suppression comment in the file (the
#             unused-suppression check builds a pointer for the lines that
#             comments name only: one per line cost 1 GB at n = 50,000)
#   glob      a nested `**/d/**/d/...` per-path-ignores glob against a file
#             n/1000 directories deep (globset: no backtracking)
#   outvpc    n subnets outside the VPC in one flow list on one line: n
#             NET002 findings on a line of megabytes (positions through the
#             line index; human snippets clipped; the report capped at 1,000)
#   outvpc-lines  the same, one subnet per line
#   outvpc-context  n subnets outside the VPC in a flow list on the line
#             under the VPC's `cidr`: each NET002's related place ("the
#             VPC's range") has the line of megabytes as context (cut after
#             80 characters, not printed whole per finding)
#   outvpc-suppressed  outvpc with a suppression comment in the file (each
#             finding looks up its line's directives)
#   heredocs  a Dockerfile of n `RUN <<A sh && <<B sh` instructions (two
#             here-documents each: parse-dockerfile stops after each and
#             reading resumes on a window of the file, not the rest of it;
#             was a false DKR000 at n = 5,000)
#   healthchecks  a Dockerfile of n bare `HEALTHCHECK` lines (a resumption
#             each)
#   installs  one `RUN` of n `npm i;` commands: n DKR004 findings about one
#             node of megabytes (identities hash that node's text once, not
#             once per finding: BASELINE=1 took 582 s at n = 100,000)
#   latest    n services whose image has the `latest` tag (n CTR001 findings)
#   alarms    n CPU alarms with a threshold over 100 % (n MON001 findings)
#   shared    n services that all reference one manifest of n Deployments,
#             one per service (each service's containers found through an
#             index, not by comparing every service with every container)
#   workloads one service whose manifest holds n Deployments of its image
#             and n/10 autoscalers (XREF001 reads each manifest's
#             autoscalers once, not once per workload)
#
# FORMAT=json|sarif|github|gitlab|junit picks the report format (default
# human); BASELINE=1 first records every finding with --write-baseline
# (timed apart, as `wbase`), then checks with --baseline, so that every
# finding is reported as a suppressed one (SARIF) or matched (others).
#
#   SHAPES="outvpc outvpc-lines latest alarms" FORMAT=sarif BASELINE=1 scripts/bench-hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-25000}"
SHAPES="${SHAPES:-longname dupkeys topkeys stacked bracket severity flowseq flowmap longkey glob outvpc outvpc-lines outvpc-context outvpc-suppressed longkey-suppressed heredocs healthchecks installs latest alarms workloads shared}"
FORMAT="${FORMAT:-human}"
BASELINE="${BASELINE:-}"
bin="$PWD/target/release/reelnet-lint"
out="$PWD/target/bench-hostile"
mkdir -p "$out"

echo "== build (release)" >&2
cargo build --release -q -p reelnet-lint

# gen SHAPE SIZE DIR: writes the input into DIR, prints the check arguments.
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys
shape, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.join(d, ".git"), exist_ok=True)
def w(name, text):
    p = os.path.join(d, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
ok = "name: ok\nvpc:\n  cidr: 10.0.0.0/16\n"
if shape == "longname":
    name = "w" * n
    w("s.yaml", f"name: x\nsecurity:\n  waf:\n    - name: {name}a\napi_gateway:\n"
      f"  name: api\n  domain: api.example.com\n  waf: {name}b\n")
    print("s.yaml")
elif shape == "dupkeys":
    w("s.yaml", "a:\n" * n)
    print("s.yaml")
elif shape == "topkeys":
    w("s.yaml", "name: x\n" + "".join(f"k{i}: 1\n" for i in range(n)))
    print("s.yaml")
elif shape == "stacked":
    w("s.yaml", ok + "  # reelnet-lint: ignore[NET001] why\n" * n
      + "  public_subnets: [10.0.1.0/24]\n")
    print("s.yaml")
elif shape == "bracket":
    w("s.yaml", "name: x\nvpc:\n  cidr: 10.0.0.0/16 # reelnet-lint: ignore["
      + ",".join(["NET001"] * n) + "] why\n")
    print("s.yaml")
elif shape == "severity":
    w("reelnet-lint.toml", "[severity]\n" + "".join(f'NOPE{i} = "info"\n' for i in range(n)))
    w("s.yaml", ok)
    print("s.yaml")
elif shape == "flowseq":
    w("s.yaml", "name: x\nvpc:\n  cidr: 10.0.0.0/16\nitems: ["
      + ", ".join(f"a{i}" for i in range(n)) + "]\n")
    print("s.yaml")
elif shape in ("longkey", "longkey-suppressed"):
    comment = "  # reelnet-lint: ignore[DB001] why" if shape == "longkey-suppressed" else ""
    w("s.yaml", f"name: x{comment}\n? " + "k" * 20000 + "\n:\n" + "- 1\n" * n)
    print("s.yaml")
elif shape == "flowmap":
    w("s.yaml", "name: x\nvpc:\n  cidr: 10.0.0.0/16\ntags: {"
      + ", ".join(f"k{i}: v" for i in range(n)) + "}\n")
    print("s.yaml")
elif shape.startswith("outvpc"):
    # /28 blocks from 10.1.0.0 up: none inside the VPC's 10.0.0.0/16.
    def cidr(i):
        a = (10 << 24) + (1 << 16) + (i << 4)
        return "%d.%d.%d.%d/28" % (a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255)
    head = "name: x\nregion: us-east-1\navailability_zones: [us-east-1a, us-east-1b]\n"
    if shape == "outvpc-context":
        w("s.yaml", head + "vpc:\n  cidr: 10.0.0.0/16\n  public_subnets: ["
          + ", ".join(cidr(i) for i in range(n)) + "]\n  private_subnets: [10.254.0.0/24]\n")
    elif shape == "outvpc-lines":
        w("s.yaml", head + "vpc:\n  cidr: 10.0.0.0/16\n  private_subnets: [10.254.0.0/24]\n"
          "  public_subnets:\n" + "".join("    - %s\n" % cidr(i) for i in range(n)))
    else:
        comment = "# reelnet-lint: ignore[DR001] why\n" if shape == "outvpc-suppressed" else ""
        w("s.yaml", comment + head + "vpc: {cidr: 10.0.0.0/16, public_subnets: ["
          + ", ".join(cidr(i) for i in range(n)) + "], private_subnets: [10.254.0.0/24]}\n")
    print("s.yaml")
elif shape in ("latest", "alarms"):
    vpc = ("name: x\nregion: us-east-1\navailability_zones: [us-east-1a, us-east-1b]\n"
           "vpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.2.0/24]\n"
           "  private_subnets: [10.0.3.0/24, 10.0.4.0/24]\n")
    if shape == "latest":
        body = "compute:\n  services:\n" + "".join(
            "    - name: s%d\n      image: x:latest\n      replicas: 2\n      health_check: /h\n" % i
            for i in range(n))
    else:
        body = "alarms:\n" + "".join(
            "  a%d:\n    metric: CPUUtilization\n    threshold: 150\n    period: 300\n"
            "    evaluation_periods: 2\n" % i for i in range(n))
    w("s.yaml", vpc + body)
    print("s.yaml")
elif shape in ("heredocs", "healthchecks", "installs"):
    w("s.yaml", "name: x\ncompute:\n  services:\n    - name: web\n"
      "      image: reelnet/web:1.0.0\n      dockerfile: Dockerfile\n")
    if shape == "heredocs":
        body = "".join("RUN <<A sh && <<B sh\necho a%d\nA\nnpm ci\nB\n" % i for i in range(n))
    elif shape == "installs":
        body = "RUN " + "echo \u00e9 && npm i; " * n + "\n"
    else:
        body = "HEALTHCHECK\n" * n
    w("Dockerfile", "FROM node:24-alpine\n" + body + "USER app\nCMD [\"a\"]\n")
    print("s.yaml")
elif shape == "shared":
    w("s.yaml", "name: x\ncompute:\n  services:\n" + "".join(
        "    - name: s%d\n      image: \"reelnet/s%d:1.0\"\n      replicas: 2\n"
        "      manifests: [k8s.yaml]\n" % (i, i) for i in range(n)))
    w("k8s.yaml", "---\n".join(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: s%d}\nspec:\n  replicas: 2\n"
        "  selector: {matchLabels: {app: s%d}}\n  template:\n    metadata: {labels: {app: s%d}}\n"
        "    spec:\n      containers:\n        - {name: s%d, image: \"reelnet/s%d:1.0\"}\n"
        % (i, i, i, i, i) for i in range(n)))
    print("s.yaml")
elif shape == "workloads":
    w("s.yaml", "name: x\ncompute:\n  services:\n    - name: api\n      image: \"reelnet/api:1.0\"\n"
      "      replicas: 3\n      manifests: [k8s.yaml]\n")
    docs = [
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api%d}\nspec:\n  replicas: %d\n"
        "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
        "    spec:\n      containers:\n        - {name: api, image: \"reelnet/api:1.0\"}\n" % (i, 2 + i % 3)
        for i in range(n)]
    docs += [
        "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h%d}\n"
        "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api%d}\n"
        "  minReplicas: 1\n  maxReplicas: 2\n" % (i, i * 10) for i in range(n // 10)]
    w("k8s.yaml", "---\n".join(docs))
    print("s.yaml")
elif shape == "glob":
    depth = max(n // 1000, 1)
    deep = "/".join(["d"] * depth) + "/s.yaml"
    w(deep, ok)
    w("reelnet-lint.toml", '[per-path-ignores]\n"'
      + "/".join(["**/d"] * 8) + '/**/nomatch" = ["NET"]\n')
    print(deep)
PY
}

# timed SHAPE N DIR ARGS...: one row of the table for `check ARGS` in DIR.
timed() {
  local shape=$1 n=$2 dir=$3
  shift 3
  (cd "$dir" && /usr/bin/time -o "$out/time" -f '%e %M %x' prlimit --as=2000000000 \
    "$bin" check "$@" --as-of 2026-11-26 >/dev/null 2>&1) || true
  read -r wall rss rc < <(tail -1 "$out/time")
  printf '%-18s %9s %6s %10s %9.1f\n' "$shape" "$n" "$rc" "$wall" "$(awk "BEGIN{print $rss/1024}")"
}

echo "format: $FORMAT${BASELINE:+, with a baseline of every finding}"
printf '%-18s %9s %6s %10s %9s\n' shape n exit wall_s rss_mb
for shape in $SHAPES; do
  for n in "$N" $((N * 2)) $((N * 4)); do
    dir="$out/$shape-$n"
    rm -rf "$dir"
    arg="$(gen "$shape" "$n" "$dir")"
    if [ -n "$BASELINE" ]; then
      timed "$shape (wbase)" "$n" "$dir" "$arg" --write-baseline b.json
      timed "$shape" "$n" "$dir" "$arg" --format "$FORMAT" --baseline b.json
    else
      timed "$shape" "$n" "$dir" "$arg" --format "$FORMAT"
    fi
  done
done
