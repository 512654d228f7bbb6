#!/usr/bin/env bash
# Checks what the README's commands need, before anything is built, and stops
# at the first missing piece with one line naming it and how to get it.
#
#   scripts/prereqs.sh            # everything scripts/test.sh needs
#   scripts/prereqs.sh rust       # only what `cargo run`/`cargo install` need
#
# scripts/test.sh and .ci/run run it first. Exit 2 when
# something is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-all}"
# Already checked by the script that runs this one (scripts/test.sh).
[ "${REELNET_PREREQS_CHECKED:-}" = "$what" ] && exit 0

missing() {
  echo "prerequisite missing: $*" >&2
  exit 2
}

# "1.89" from the workspace's Cargo.toml: the one place the minimum lives.
need_rust="$(sed -n 's/^rust-version = "\([0-9.]*\)"/\1/p' "$root/Cargo.toml" | head -n1)"

# True when version $1 >= version $2 (dotted numbers).
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -t. -k1,1n -k2,2n -k3,3n | head -n1)" = "$2" ]
}

command -v git >/dev/null 2>&1 ||
  missing "git (Debian/Ubuntu: apt-get install git)"
command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 ||
  missing "a C linker, cc (Debian/Ubuntu: apt-get install gcc; macOS: xcode-select --install)"
command -v cargo >/dev/null 2>&1 ||
  missing "cargo, the Rust toolchain (https://rustup.rs: curl -sSf https://sh.rustup.rs | sh)"
have_rust="$(rustc --version 2>/dev/null | sed -n 's/^rustc \([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p')"
[ -n "$have_rust" ] || missing "rustc (https://rustup.rs)"
version_ge "$have_rust" "$need_rust" ||
  missing "Rust >= $need_rust (found $have_rust): rustup update stable"
[ "$what" = rust ] && exit 0

cargo fmt --version >/dev/null 2>&1 ||
  missing "rustfmt: rustup component add rustfmt"
cargo clippy --version >/dev/null 2>&1 ||
  missing "clippy: rustup component add clippy"

python="${PYTHON:-python3}"
command -v "$python" >/dev/null 2>&1 ||
  missing "Python >= 3.9 as $python (Debian/Ubuntu: apt-get install python3 python3-venv)"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
  missing "Python >= 3.9 ($python is $("$python" --version 2>&1)); set PYTHON to another interpreter"
# A real virtual environment with pip: Debian's python3 lacks ensurepip
# until python3-venv is installed, and `import venv` alone does not show it.
probe="$(mktemp -d "${TMPDIR:-/tmp}/reelnet-venv-probe.XXXXXX")"
if ! "$python" -m venv "$probe/venv" >/dev/null 2>&1 || [ ! -x "$probe/venv/bin/pip" ]; then
  rm -rf "$probe"
  minor="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  missing "\`$python -m venv\` with pip (Debian/Ubuntu: apt-get install python$minor-venv)"
fi
rm -rf "$probe"
# The pre-commit test runs the first commit in a pseudo-terminal (util-linux
# `script`) to check the build's progress on the terminal.
if [ "${REELNET_SKIP_PRE_COMMIT:-}" != 1 ]; then
  script --version 2>/dev/null | grep -q util-linux ||
    missing "util-linux \`script\`, for the pre-commit test (Debian/Ubuntu: apt-get install bsdutils; or set REELNET_SKIP_PRE_COMMIT=1)"
fi
exit 0
