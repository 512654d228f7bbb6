#!/usr/bin/env bash
# The Python package's tests, from a clean state: build the wheel, install it
# in a fresh virtual environment, and run pytest there (which also runs
# `mypy --strict` on a usage example and `mypy.stubtest` on the package).
# Installs maturin, pytest and mypy into the venv from PyPI. Run from anywhere;
# scripts/test.sh runs it. PYTHON picks the interpreter (default python3).
# The crate is a member of the workspace: `cargo fmt --all` and
# `cargo clippy --workspace` check it, and the wheel is built into the
# workspace's target directory with the dev profile, reusing what
# `cargo test --workspace` compiled.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="$here/.venv"
target="${CARGO_TARGET_DIR:-$root/target}"
wheels="$target/test-wheels"

bash "$root/scripts/prereqs.sh"

echo "-- fresh virtual environment: $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/tests/requirements.txt"

echo "-- build the wheel (dev profile: the fastest total, shared with the tests)"
rm -rf "$wheels"
start=$SECONDS
(cd "$here" && "$venv/bin/maturin" build --profile dev --interpreter "$venv/bin/python" --out "$wheels")
echo "wheel built in $((SECONDS - start))s"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$wheels"/reelnet-*.whl

echo "-- the CLI whose output the tests compare with"
cargo build --manifest-path "$root/Cargo.toml" --locked -q -p reelnet-lint
export REELNET_LINT="$target/debug/reelnet-lint"

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
