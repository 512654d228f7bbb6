#!/usr/bin/env bash
# The Python package's tests, from a clean state: build the wheel, install it
# in a fresh virtual environment, and run pytest there (which also runs
# `mypy --strict` on a usage example and `mypy.stubtest` on the package).
# Installs maturin, pytest and mypy into the venv from PyPI. Run from anywhere;
# scripts/test.sh runs it. PYTHON picks the interpreter (default python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="$here/.venv"
wheels="$here/target/test-wheels"

"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || {
  echo "Python >= 3.9 is required ($python is $("$python" --version 2>&1))" >&2
  exit 2
}

echo "-- binding crate: format and lints"
start=$SECONDS
cargo fmt --manifest-path "$here/Cargo.toml" -- --check
cargo clippy --manifest-path "$here/Cargo.toml" --all-targets -q -- -D warnings
echo "checked in $((SECONDS - start))s"

echo "-- fresh virtual environment: $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/tests/requirements.txt"

echo "-- build the wheel (debug: the fastest total on a cold cache)"
rm -rf "$wheels"
start=$SECONDS
(cd "$here" && "$venv/bin/maturin" build --interpreter "$venv/bin/python" --out "$wheels")
echo "wheel built in $((SECONDS - start))s"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps "$wheels"/reelnet-*.whl

echo "-- the CLI whose output the tests compare with"
cargo build --manifest-path "$root/Cargo.toml" --locked -q -p reelnet-lint
export REELNET_LINT="${CARGO_TARGET_DIR:-$root/target}/debug/reelnet-lint"

echo "-- pytest (with mypy --strict and stubtest)"
cd "$here"
start=$SECONDS
status=0
"$venv/bin/pytest" || status=$?
echo "tests ran in $((SECONDS - start))s"
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
