"""Paths and constants the tests share."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "examples" / "reelnet.yaml"
# Date-dependent rules must see the same day in the CLI and in Python.
AS_OF = "2026-11-26"

# `cli(*args, cwd=ROOT)` runs the reelnet-lint binary (the `cli` fixture).
Cli = Callable[..., "subprocess.CompletedProcess[bytes]"]
