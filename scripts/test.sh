#!/usr/bin/env bash
# Every test of the project: Rust (the workspace: both crates, the Python
# binding crate, the fuzz crate), the pre-commit hook end to end, and Python
# (the wheel in a fresh virtual environment). Checks the prerequisites first
# and prints how long each phase took.
#
# One lock file and one target directory serve every phase: the dependency
# tree is compiled once for checking (clippy) and once for building (dev
# profile: the tests, the CLI, the wheel, the pre-commit hook's binary).
# Cold on a 2-core machine: about 8 minutes; warm: about 2 (see the README).
# REELNET_SKIP_PRE_COMMIT=1 skips the pre-commit phase (it needs PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."

start_all=$SECONDS
timings=()
phase() {
  local name="$1"
  shift
  echo "== $name"
  local start=$SECONDS
  "$@"
  local took=$((SECONDS - start))
  timings+=("$(printf '%4ds  %s' "$took" "$name")")
  echo "-- $name: ${took}s"
}

phase "prerequisites" bash scripts/prereqs.sh
export REELNET_PREREQS_CHECKED=all
phase "Rust: format" cargo fmt --all -- --check
phase "Rust: clippy (workspace, all targets)" \
  cargo clippy --workspace --all-targets --locked -q -- -D warnings
phase "Rust: tests (workspace)" cargo test --workspace --locked -q
if [ "${REELNET_SKIP_PRE_COMMIT:-0}" != 1 ]; then
  phase "pre-commit: the hook end to end" bash scripts/test-pre-commit.sh
fi
phase "Python: the wheel in a fresh venv" bash bindings/python/test.sh

echo "== timings"
printf '%s\n' "${timings[@]}"
echo "total: $((SECONDS - start_all))s"
