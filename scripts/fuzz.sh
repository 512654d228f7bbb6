#!/usr/bin/env bash
# Fuzz one target for a fixed time (fuzzing stays out of CI).
#
#   scripts/fuzz.sh load 900      # the loader on arbitrary bytes
#   scripts/fuzz.sh lint 900      # load + lint + every output format
#   scripts/fuzz.sh seed          # regenerate the seed corpora from the fixtures and examples
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler (libFuzzer
# is built from source; the `fuzzing` feature of fuzz/ turns it on). The
# crate is a member of the workspace (its lints, its lock file); `cargo test`
# runs every committed seed through the same checks. It runs on the stable
# toolchain: RUSTC_BOOTSTRAP=1 lets stable accept the -Z flags cargo-fuzz
# passes, and the targets are built without a sanitizer (the crates forbid
# unsafe code) but with debug assertions, so overflows panic. New inputs go
# to fuzz/corpus/TARGET/ (only the committed seed-* files are kept by git);
# a crash, timeout or out-of-memory input lands in fuzz/artifacts/TARGET/.
# Reproduce one with: scripts/fuzz.sh TARGET repro fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seed() {
  python3 - <<'PY'
import glob, os, re
targets = ["load", "lint"]
for t in targets:
    d = f"fuzz/corpus/{t}"
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(f"{d}/seed-*"):
        os.remove(f)
docs = []
for path in sorted(glob.glob("examples/**/*.yaml", recursive=True)):
    name = os.path.relpath(path, "examples")[:-5].replace(os.sep, "-")
    docs.append((name, open(path, encoding="utf-8").read()))
for path in sorted(glob.glob("reelnet-lint/tests/fixtures/*.yaml")):
    code = os.path.basename(path)[:-5]
    text = open(path, encoding="utf-8").read()
    parts = re.split(r"(?m)^---[ \t]*$\n?", text)
    for i, part in enumerate(p for p in parts if p.strip()):
        docs.append((f"{code}-{i}", part))
def as_files(text):
    """A fixture case with `# file: NAME` sections, as the lint target's
    several files (separated by a `#%file` line)."""
    parts, cur = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("# file: "):
            cur = []
            parts.append(cur)
        elif cur is not None:
            cur.append(line)
    return "#%file\n".join("".join(p) for p in parts) if len(parts) > 1 else text
for t in targets:
    for name, text in docs:
        if t == "lint":
            text = as_files(text)
        with open(f"fuzz/corpus/{t}/seed-{name}.yaml", "w", encoding="utf-8") as f:
            f.write(text)
print(f"{len(docs)} seeds per target")
PY
}

target="${1:?usage: scripts/fuzz.sh load|lint SECONDS | TARGET repro FILE | seed}"
if [ "$target" = seed ]; then
  seed
  exit 0
fi
export RUSTC_BOOTSTRAP=1
# Symbols for libFuzzer's stack traces (profiles live in the workspace root).
export CARGO_PROFILE_RELEASE_DEBUG=1
if [ "${2:-}" = repro ]; then
  exec cargo fuzz run --features fuzzing --sanitizer none --debug-assertions -O "$target" "${3:?input file}"
fi
seconds="${2:?seconds}"
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
exec cargo fuzz run --features fuzzing --sanitizer none --debug-assertions -O "$target" "fuzz/corpus/$target" -- \
  -dict=fuzz/yaml.dict -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
  -max_len=16384 -print_final_stats=1
