#!/usr/bin/env bash
# Scale benchmark: whole process, the distributed build (`--profile dist`).
#
#   scripts/bench.sh            # seed spec + 1,000 / 10,000 / 100,000 subnets
#   RUNS=10 scripts/bench.sh    # more runs per case (default 5; the seed gets 4x)
#   SIZES="1000 10000" scripts/bench.sh
#
# Builds the CLI as it is distributed (the `dist` profile: thin LTO, 4
# codegen units, what the wheels and `cargo install --profile dist` ship;
# plain `release` skips LTO for faster CI builds), generates the specs
# into target/bench/ with scripts/gen_spec.py (other resources in proportion to the subnets),
# times `reelnet-lint check SPEC --format F` with hyperfine when it is
# installed (else with /usr/bin/time), measures peak RSS with
# /usr/bin/time -f %M, and prints a table with the targets:
#   seed spec < 5 ms; 10,000 subnets < 100 ms and < 50 MB;
#   100,000 subnets < 1 s and < 300 MB; growth no worse than n log n.
# Times are means (and the fastest run) over RUNS runs after a warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
SIZES="${SIZES:-1000 10000 100000}"
FORMATS="${FORMATS:-human json}"
bin=target/dist/reelnet-lint
out=target/bench
mkdir -p "$out"

echo "== build (dist)" >&2
cargo build --profile dist -q -p reelnet-lint

echo "== generate" >&2
for n in $SIZES; do
  [ -f "$out/spec-$n.yaml" ] && [ "$out/spec-$n.yaml" -nt scripts/gen_spec.py ] ||
    python3 scripts/gen_spec.py "$n" -o "$out/spec-$n.yaml"
done

# mean_ms min_ms for: RUNS CMD...
time_it() {
  local runs=$1
  shift
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N -i -w 1 -r "$runs" --export-json "$out/h.json" -- "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f" % (r["mean"]*1e3, r["min"]*1e3))' "$out/h.json"
  else
    local all=()
    for _ in $(seq "$runs"); do
      all+=("$({ /usr/bin/time -f %e "$@" 2>&1 >/dev/null || true; } | tail -1)")
    done
    printf '%s\n' "${all[@]}" | python3 -c 'import sys; v=[float(x)*1e3 for x in sys.stdin]; print("%.1f %.1f" % (sum(v)/len(v), min(v)))'
  fi
}

# peak RSS in MB
rss_mb() {
  { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}

findings() {
  { "$bin" check "$1" --format json --as-of 2026-11-26 2>/dev/null || true; } |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["diagnostics"]))'
}

declare -A mean
printf '\n%-28s %8s %10s %8s %7s %11s %10s %9s  %s\n' spec subnets bytes findings format "mean (ms)" "min (ms)" "RSS (MB)" target
cases=("examples/reelnet.yaml:2")
for n in $SIZES; do cases+=("$out/spec-$n.yaml:$n"); done
for c in "${cases[@]}"; do
  spec=${c%%:*}
  n=${c##*:}
  runs=$RUNS
  [ "$spec" = examples/reelnet.yaml ] && runs=$((RUNS * 4))
  bytes=$(wc -c <"$spec")
  count=$(findings "$spec")
  for f in $FORMATS; do
    read -r m lo < <(time_it "$runs" "$bin" check "$spec" --format "$f" --as-of 2026-11-26)
    rss=$(rss_mb "$bin" check "$spec" --format "$f" --as-of 2026-11-26)
    target=""
    case "$n" in
      2) target="< 5 ms" ;;
      10000) target="< 100 ms, < 50 MB" ;;
      100000) target="< 1000 ms, < 300 MB" ;;
    esac
    mean[$n.$f]=$m
    printf '%-28s %8s %10s %8s %7s %11s %10s %9s  %s\n' "$spec" "$n" "$bytes" "$count" "$f" "$m" "$lo" "$rss" "$target"
  done
done

# Growth: time(100k) / time(10k) against n log n (10 x log(1e5)/log(1e4) = 12.5).
if [ -n "${mean[10000.json]:-}" ] && [ -n "${mean[100000.json]:-}" ]; then
  python3 - "${mean[10000.json]}" "${mean[100000.json]}" <<'PY'
import math, sys
a, b = float(sys.argv[1]), float(sys.argv[2])
bound = 10 * math.log(1e5) / math.log(1e4)
print(f"\ngrowth 10,000 -> 100,000 subnets (json): x{b / a:.1f} (n log n allows x{bound:.1f}; linear is x10)")
PY
fi
