#!/usr/bin/env bash
# Every test of the project: Rust (workspace) and Python (the wheel in a
# fresh virtual environment). Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Rust: format, lints, tests"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -q -- -D warnings
cargo test --workspace --locked -q

echo "== pre-commit: the hook end to end (slow: builds the wheel; REELNET_SKIP_PRE_COMMIT=1 skips)"
if [ "${REELNET_SKIP_PRE_COMMIT:-0}" != 1 ]; then
  bash scripts/test-pre-commit.sh
fi

if [ -f bindings/python/pyproject.toml ]; then
  echo "== Python: build the wheel, test it in a fresh venv"
  bash bindings/python/test.sh
fi
