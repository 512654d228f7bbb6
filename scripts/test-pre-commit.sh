#!/usr/bin/env bash
# The pre-commit hook, end to end: real pre-commit (pip-installed into a
# throwaway virtual environment) installs this repository's
# .pre-commit-hooks.yaml hook into a throwaway git repository, then
#   1. a commit with a clean spec passes; it is the first, which installs
#      the hook's environment, and it runs in a pseudo-terminal (util-linux
#      `script`) so that the build's progress (the Compiling lines and
#      cargo's bar, which pip and pre-commit would hide) is checked on the
#      terminal,
#   2. a commit with a broken spec is refused and shows the finding,
#   3. a commit touching no YAML file skips the hook,
#   4. in a repository with no spec yet, committing the
#      .pre-commit-config.yaml that adds the hook (and any later YAML
#      change) passes, and the hook says that there is nothing to lint.
# The hook source is a temporary git repository holding the working tree as
# it is (committed there, so this works on a dirty tree and on CI's clean
# checkout alike). Everything lives under one temporary directory, removed
# on exit. pip builds the binary with maturin, in the workspace's target
# directory with the dev profile (MATURIN_PEP517_ARGS), so the dependencies
# compiled by `cargo test` are reused; only the two crates are rebuilt (the
# hook source's path differs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/reelnet-pre-commit.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "test-pre-commit: FAIL: $*" >&2
  exit 1
}

export GIT_AUTHOR_NAME=reelnet-test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=reelnet-test GIT_COMMITTER_EMAIL=test@example.invalid
# Git settings of this machine or user must not matter.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$tmp/gitconfig"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export MATURIN_PEP517_ARGS="--profile dev"
export PRE_COMMIT_HOME="$tmp/pre-commit-cache"
export PIP_DISABLE_PIP_VERSION_CHECK=1

echo "== hook source: the working tree, committed in a temporary repository"
src="$tmp/hook-source"
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' f; do
    if [ -e "$root/$f" ]; then
      mkdir -p "$src/$(dirname "$f")"
      cp -p "$root/$f" "$src/$f"
    fi
  done
git -C "$src" init -q
git -C "$src" add -A
git -C "$src" commit -q -m "hook source"
rev="$(git -C "$src" rev-parse HEAD)"

echo "== pre-commit in a throwaway virtual environment"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q pre-commit
pre_commit="$tmp/venv/bin/pre-commit"

echo "== a project using the hook"
work="$tmp/project"
mkdir -p "$work"
git -C "$work" init -q
cat >"$work/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: reelnet-lint
EOF
cat >"$work/reelnet-lint.toml" <<'EOF'
specs = ["infra/"]
select = ["NET"]
as_of = "2026-11-26"
EOF
mkdir -p "$work/infra"
cat >"$work/infra/network.yaml" <<'EOF'
name: hooked
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24, 10.0.2.0/24]
  private_subnets: [10.0.3.0/24, 10.0.4.0/24]
EOF
(cd "$work" && "$pre_commit" install >/dev/null)

echo "== 1. a clean spec: the commit passes; the first install shows progress"
(cd "$work" && git add -A)
# In a pseudo-terminal, as a person's `git commit`: the build backend writes
# its progress to the controlling terminal, which `script` records.
if ! (cd "$work" && PRE_COMMIT_COLOR=never script -qec 'git commit -q -m "clean spec"' "$tmp/clean.log" >/dev/null 2>&1); then
  cat "$tmp/clean.log" >&2
  fail "the clean spec's commit was refused"
fi
for expected in "reelnet-lint.*Passed" "Installing environment for" \
  "reelnet-lint: building the reelnet-lint binary with cargo" \
  "Compiling reelnet-lint v" "Building \[[ =>]*\] [0-9]*/[0-9]*" \
  "reelnet-lint: built in [0-9]* min [0-9]* s\."; do
  grep -q "$expected" "$tmp/clean.log" || {
    cat "$tmp/clean.log" >&2
    fail "the first commit's terminal lacks: $expected"
  }
done

echo "== 2. a broken spec: the commit is refused with the finding"
sed -i 's#public_subnets: \[10.0.1.0/24, 10.0.2.0/24\]#public_subnets: [10.0.1.0/24, 10.0.1.0/25]#' "$work/infra/network.yaml"
(cd "$work" && git add -A)
if (cd "$work" && git commit -q -m "broken spec" >"$tmp/broken.log" 2>&1); then
  cat "$tmp/broken.log" >&2
  fail "the broken spec was committed"
fi
for expected in "reelnet-lint" "Failed" "NET001(subnet-overlap)" \
  "subnet 10.0.1.0/25 overlaps public subnet 10.0.1.0/24" "infra/network.yaml:5:33" \
  "Found 1 error in 1 spec."; do
  grep -qF "$expected" "$tmp/broken.log" || {
    cat "$tmp/broken.log" >&2
    fail "the refused commit's output lacks: $expected"
  }
done
[ "$(git -C "$work" rev-list --count HEAD)" = 1 ] || fail "a commit was made despite the finding"

echo "== 3. no YAML staged: the hook is skipped"
git -C "$work" checkout -q HEAD -- infra/network.yaml
echo "notes" >"$work/README.txt"
(cd "$work" && git add README.txt)
if ! (cd "$work" && git commit -q -m "docs only" >"$tmp/skip.log" 2>&1); then
  cat "$tmp/skip.log" >&2
  fail "a commit without YAML was refused"
fi
grep -q "reelnet-lint.*Skipped" "$tmp/skip.log" || {
  cat "$tmp/skip.log" >&2
  fail "the hook was not skipped for a non-YAML commit"
}

echo "== 4. no spec yet: adding the hook and other YAML commits pass"
first="$tmp/first"
mkdir -p "$first"
git -C "$first" init -q
cat >"$first/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: reelnet-lint
        verbose: true
EOF
(cd "$first" && "$pre_commit" install >/dev/null)
(cd "$first" && git add -A)
if ! (cd "$first" && git commit -q -m "add the hook" >"$tmp/first.log" 2>&1); then
  cat "$tmp/first.log" >&2
  fail "committing the hook's configuration without a spec was refused"
fi
for expected in "reelnet-lint" "Passed" "no spec to lint yet"; do
  grep -qF "$expected" "$tmp/first.log" || {
    cat "$tmp/first.log" >&2
    fail "the first commit's output lacks: $expected"
  }
done
mkdir -p "$first/.github/workflows"
printf 'on: push\n' >"$first/.github/workflows/ci.yml"
(cd "$first" && git add -A)
if ! (cd "$first" && git commit -q -m "unrelated YAML" >"$tmp/unrelated.log" 2>&1); then
  cat "$tmp/unrelated.log" >&2
  fail "an unrelated YAML change was refused before a spec exists"
fi
# Once the spec exists, it is linted.
cat >"$first/reelnet.yaml" <<'EOF'
name: first
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24, 10.0.1.0/25]
EOF
(cd "$first" && git add -A)
if (cd "$first" && git commit -q -m "first spec" >"$tmp/first-spec.log" 2>&1); then
  cat "$tmp/first-spec.log" >&2
  fail "the first spec was committed despite its findings"
fi
grep -qF "NET001(subnet-overlap)" "$tmp/first-spec.log" || {
  cat "$tmp/first-spec.log" >&2
  fail "the first spec's findings were not shown"
}

echo "test-pre-commit: OK"
