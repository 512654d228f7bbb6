"""Shared fixtures: the repository, the seed spec, and the reelnet-lint CLI
that the binding's output is compared with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from support import ROOT, Cli


def cli_path() -> Path:
    """The CLI binary: $REELNET_LINT (test.sh sets it), else target/debug."""
    env = os.environ.get("REELNET_LINT")
    exe = Path(env) if env else ROOT / "target" / "debug" / "reelnet-lint"
    if not exe.is_file():
        pytest.fail(
            f"the reelnet-lint CLI is not at {exe}: build it with "
            "`cargo build -p reelnet-lint` or set REELNET_LINT"
        )
    return exe


@pytest.fixture(scope="session")
def cli() -> Cli:
    """Run `reelnet-lint ARGS...` (in the repository unless `cwd` is given)."""
    exe = cli_path()

    def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "NO_COLOR": "1"}
        return subprocess.run(
            [str(exe), *args], cwd=cwd, env=env, capture_output=True, timeout=300
        )

    return run


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root, as the CLI comparisons do."""
    monkeypatch.chdir(ROOT)
    return ROOT
