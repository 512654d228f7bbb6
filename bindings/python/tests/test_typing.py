"""The stubs cannot drift: mypy --strict checks a usage example against them,
stubtest checks them against the module, and the example runs."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env=None,
    )


def test_mypy_strict_on_the_usage_example(tmp_path: Path) -> None:
    out = run(
        "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
        str(HERE / "usage_example.py"), tmp_path=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_stubtest(tmp_path: Path) -> None:
    out = run(
        "-m", "mypy.stubtest", "reelnet",
        tmp_path=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_usage_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        runpy.run_path(str(HERE / "usage_example.py"), run_name="__main__")
    assert done.value.code == 1  # the seed has errors (e.g. EDGE003)
    out = capsys.readouterr().out
    assert "vpc 10.0.0.0/16: 65536 addresses" in out
    assert "public  10.0.1.0/24     us-east-1a" in out
    assert "broken.yaml: SPEC000" in out
