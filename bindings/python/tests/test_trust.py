"""Issue #9 through the wheel: a spec that does not load always fails,
huge input neither aborts nor kills the interpreter, Ctrl-C interrupts a
long `lint_path`, and `SpecError` pickles."""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

import reelnet

TYPO = "name: typo\ndatabase:\n  engine: postgres\n  mutli_az: false\n"

UNLOADABLE = [
    TYPO,
    "name: x\nvpc: [\n",
    "name: x\nname: y\n",
    "name: x\nvpc:\n  cidr: 12\n",
]


@pytest.mark.parametrize("text", UNLOADABLE)
@pytest.mark.parametrize(
    "options",
    [{"select": "DB"}, {"ignore": "SPEC"}, {"select": ["DB"], "ignore": ["SPEC"]}],
)
def test_unloadable_spec_always_fails(tmp_path: Path, text: str, options: dict[str, object]) -> None:
    spec = tmp_path / "typo.yaml"
    spec.write_text(text)
    report = reelnet.lint_path(spec, **options)  # type: ignore[arg-type]
    assert report.fails("error"), report.to_json()
    assert report.diagnostics, "the load errors are reported whatever the selection"
    assert any(d.severity == "error" for d in report.diagnostics)


def test_huge_names_do_not_kill_the_interpreter(tmp_path: Path) -> None:
    name = "w" * 20_000
    spec = tmp_path / "waf.yaml"
    spec.write_text(
        f"name: x\nsecurity:\n  waf:\n    - name: {name}a\n"
        f"api_gateway:\n  name: api\n  domain: api.example.com\n  waf: {name}b\n"
    )
    report = reelnet.lint_path(spec)
    assert "did you mean" not in report.to_json()


def test_many_duplicate_keys_are_bounded(tmp_path: Path) -> None:
    spec = tmp_path / "dup.yaml"
    spec.write_text("a:\n" * 200_000)
    report = reelnet.lint_path(spec)
    assert report.fails("error")
    assert len(report.to_json()) < 50_000_000


def test_spec_error_pickles() -> None:
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.loads(TYPO, name="typo.yaml")
    err = info.value
    again = pickle.loads(pickle.dumps(err))
    assert isinstance(again, reelnet.SpecError)
    assert str(again) == str(err)
    assert again.diagnostics == err.diagnostics
    assert [d.to_dict() for d in again.diagnostics] == [d.to_dict() for d in err.diagnostics]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to self")
def test_ctrl_c_interrupts_lint_path(tmp_path: Path) -> None:
    spec = tmp_path / "big.yaml"
    # Enough work that linting takes well over a second in a debug build.
    spec.write_text("name: x\n" + "".join(f"k{i}: {{a: [1, 2, 3]}}\n" for i in range(400_000)))
    sent: list[float] = []

    def interrupt() -> None:
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.3, interrupt)
    timer.start()
    try:
        reelnet.lint_path(spec)
    except KeyboardInterrupt:
        assert sent
        assert time.monotonic() - sent[0] < 1.5
    else:
        timer.cancel()
        pytest.skip("lint_path finished before the signal")
    finally:
        timer.join()
