"""PEP 517 build backend of the root pyproject.toml: maturin, with progress.

Every hook is maturin's. `build_wheel` adds one thing: when the build's
output is hidden from the person waiting for it, cargo's progress goes to
their terminal. pip captures a build backend's output (it shows a spinner at
most), and pre-commit captures pip's, so the first install of the
pre-commit hook would otherwise compile for minutes with nothing on the
screen but "[INFO] This may take a few minutes...".

When standard error is not a terminal but the process has a controlling
terminal (`/dev/tty` opens, as under `git commit` or `pre-commit
install-hooks` in a shell), the build:
  * writes one line saying what it is building and why, to the terminal;
  * runs maturin with standard error on a pipe, and copies what cargo writes
    there to the terminal (its `Compiling` lines and a one-line
    `Building [====>  ] 57/143: crate` bar, redrawn in place: cargo is asked
    for the bar with CARGO_TERM_PROGRESS_WHEN=always and the terminal's
    width) and, without the bar, to the original standard error, so pip's
    log and pre-commit's log still hold the whole build output;
  * ends with one line giving the build time.
Without a controlling terminal (CI), nothing changes. REELNET_BUILD_PROGRESS=0
turns it off (under `pip install -v`, which shows the output already, it
would be shown twice); REELNET_BUILD_PROGRESS=1 turns it on even when
standard error is a terminal.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import IO, Any, Mapping, Optional

import maturin
from maturin import (  # noqa: F401 (re-exported PEP 517 hooks)
    build_sdist,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_wheel,
)

_ERASE = b"\r\x1b[K"
# maturin warns that `build-backend` is not `maturin` (this wrapper is what
# pip calls, and it calls maturin): not a problem, so not shown.
_NOT_SHOWN = b"`build-backend` in pyproject.toml is not set to `maturin`"


def _open_terminal() -> Optional[IO[bytes]]:
    """The controlling terminal, when the build's output would be hidden."""
    setting = os.environ.get("REELNET_BUILD_PROGRESS", "")
    if setting == "0":
        return None
    if setting != "1" and os.isatty(2):
        return None  # standard error is seen already
    try:
        return open("/dev/tty", "wb", buffering=0)
    except OSError:
        return None


def _copy(source: int, terminal: IO[bytes], log: int) -> None:
    """Copy cargo's standard error: all of it to the terminal (the progress
    bar redrawn in place), whole lines only to the log."""
    pending = b""
    bar_shown = False
    while True:
        chunk = os.read(source, 65536)
        if not chunk:
            break
        pending += chunk
        while True:
            cut = min(
                (i for i in (pending.find(b"\n"), pending.find(b"\r")) if i >= 0),
                default=-1,
            )
            if cut < 0:
                break
            piece, end, pending = pending[:cut], pending[cut : cut + 1], pending[cut + 1 :]
            if _NOT_SHOWN in piece:
                continue
            try:
                if end == b"\r":  # a progress bar frame: redraw the last line
                    if piece.strip():
                        terminal.write(_ERASE + piece.replace(b"\x1b[K", b""))
                        bar_shown = True
                    continue
                terminal.write((_ERASE if bar_shown else b"") + piece + b"\n")
                bar_shown = False
            except OSError:
                pass  # the terminal went away: keep the log complete
            os.write(log, piece + b"\n")
    os.close(source)
    if pending:
        os.write(log, pending)
        try:
            terminal.write(pending)
        except OSError:
            pass


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    terminal = _open_terminal()
    if terminal is None:
        return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)
    with terminal:
        try:
            columns = os.get_terminal_size(terminal.fileno()).columns
        except OSError:
            columns = 80
        os.environ.setdefault("CARGO_TERM_PROGRESS_WHEN", "always")
        os.environ.setdefault("CARGO_TERM_PROGRESS_WIDTH", str(max(columns - 1, 40)))
        terminal.write(
            b"reelnet-lint: building the reelnet-lint binary with cargo (once per"
            b" environment; several minutes on 2 cores); cargo's progress follows.\n"
        )
        start = time.monotonic()
        sys.stderr.flush()
        log = os.dup(2)
        read_end, write_end = os.pipe()
        os.dup2(write_end, 2)
        os.close(write_end)
        copier = threading.Thread(target=_copy, args=(read_end, terminal, log), daemon=True)
        copier.start()
        outcome = "the build failed after"
        try:
            name = maturin.build_wheel(wheel_directory, config_settings, metadata_directory)
            outcome = "built in"
        finally:
            sys.stderr.flush()
            os.dup2(log, 2)  # closes the pipe's last write end: the copier ends
            copier.join(timeout=30)
            os.close(log)
            elapsed = int(time.monotonic() - start)
            try:
                terminal.write(
                    f"reelnet-lint: {outcome} {elapsed // 60} min {elapsed % 60} s.\n".encode()
                )
            except OSError:
                pass
        return name
