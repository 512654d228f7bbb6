"""The GIL is released while loading and linting: two threads lint at the
same time, and Python code keeps running while they do."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import reelnet
from support import AS_OF


def generate(services: int) -> str:
    """A valid spec with many services (loading it is the slow part)."""
    lines = [
        "name: big",
        "availability_zones: [us-east-1a, us-east-1b]",
        "vpc:",
        "  cidr: 10.0.0.0/16",
        "  public_subnets: [10.0.1.0/24, 10.0.2.0/24]",
        "  private_subnets: [10.0.3.0/24, 10.0.4.0/24]",
        "compute:",
        "  services:",
    ]
    for i in range(services):
        lines += [
            f"    - name: svc-{i}",
            f"      image: reelnet/svc-{i}@sha256:{i:064x}",
            "      port: 8080",
            "      replicas: 2",
            "      health_check: /health",
            "      environment: { MODE: prod, LEVEL: info }",
        ]
    return "\n".join(lines) + "\n"


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def calibrated(path: Path, measure: Callable[[Path], float], seconds: float) -> Path:
    """A generated spec big enough that `measure(path)` takes `seconds` in
    this build (debug or release)."""
    services = 1_000
    while True:
        path.write_text(generate(services))
        if measure(path) >= seconds or services >= 256_000:
            return path
        services *= 2


@pytest.fixture(scope="module")
def slow_to_load(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A spec that takes at least 0.3 s to load and lint."""
    path = tmp_path_factory.mktemp("load") / "big.yaml"
    return calibrated(path, lambda p: timed(lambda: reelnet.lint_path(p, select="NET")), 0.3)


@pytest.fixture(scope="module")
def slow_to_lint(tmp_path_factory: pytest.TempPathFactory) -> reelnet.Spec:
    """A loaded spec that takes at least 0.15 s to lint (loading it takes longer)."""
    def lint_seconds(path: Path) -> float:
        spec = reelnet.load(path)
        return timed(lambda: reelnet.lint(spec, as_of=AS_OF))

    path = tmp_path_factory.mktemp("lint") / "big.yaml"
    return reelnet.load(calibrated(path, lint_seconds, 0.15))


def run_two(call: Callable[[], Any]) -> tuple[list[tuple[float, float]], list[float]]:
    """Run `call` in two threads started together; meanwhile the main thread
    records the times at which it runs Python code. Returns the two calls'
    (start, end) and the main thread's ticks."""
    spans: list[tuple[float, float]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work() -> None:
        try:
            barrier.wait()
            start = time.perf_counter()
            call()
            spans.append((start, time.perf_counter()))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    ticks: list[float] = []
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    for t in threads:
        t.join()
    assert errors == []
    return spans, ticks


def overlaps_with_python_running(call: Callable[[], Any]) -> str | None:
    """None when the two calls overlapped by at least half of the shorter one
    and the main thread ran Python code in the middle of the overlap (with
    the GIL held by a call, it could not); else what went wrong."""
    spans, ticks = run_two(call)
    (a0, a1), (b0, b1) = spans
    start, end = max(a0, b0), min(a1, b1)
    shorter = min(a1 - a0, b1 - b0)
    if end - start < shorter / 2:
        return f"the calls barely overlap: {spans}"
    middle = (start + (end - start) / 4, end - (end - start) / 4)
    if not any(middle[0] <= t <= middle[1] for t in ticks):
        return f"no Python code ran during {middle} (calls {spans})"
    return None


def check_overlap(call: Callable[[], Any]) -> None:
    problems = []
    # Robust to a busy machine: one clean run of three is the proof.
    for _ in range(3):
        problem = overlaps_with_python_running(call)
        if problem is None:
            return
        problems.append(problem)
    pytest.fail("; ".join(problems))


def test_lint_path_in_two_threads(slow_to_load: Path) -> None:
    check_overlap(lambda: reelnet.lint_path(slow_to_load, select="NET"))


def test_load_in_two_threads(slow_to_load: Path) -> None:
    check_overlap(lambda: reelnet.load(slow_to_load))


def test_lint_in_two_threads(slow_to_lint: reelnet.Spec) -> None:
    check_overlap(lambda: reelnet.lint(slow_to_lint, as_of=AS_OF))
