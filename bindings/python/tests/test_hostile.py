"""Hostile input through Python (the list of reelnet-lint/tests/cli.rs): every
case ends in a located diagnostic or a clear exception, never a crash of the
interpreter or a PanicException, and `lint_path` reports what the CLI does."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest

import reelnet
from support import Cli

DEPTH = 100_000


def alias_bomb() -> bytes:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]")
    return ("\n".join(lines) + "\n").encode()


def deep_block_map() -> bytes:
    return "".join(" " * i + "a:\n" for i in range(2_000)).encode()


# name, bytes, the code that must be reported, its JSON Pointer if fixed.
CASES: list[tuple[str, bytes, str, str | None]] = [
    ("malformed.yaml", b"name: x\nvpc: {cidr: 10.0.0.0/16\n", "SPEC000", None),
    ("bomb.yaml", alias_bomb(), "SPEC000", None),
    ("deep-flow.yaml", f"name: {'[' * DEPTH}{']' * DEPTH}\n".encode(), "SPEC000", None),
    ("deep-flow-map.yaml", f"name: {'{a: ' * DEPTH}{'}' * DEPTH}\n".encode(), "SPEC000", None),
    (
        "deep-block-seq.yaml",
        f"name: x\nvpc:\n  public_subnets:\n    {'- ' * DEPTH}x\n".encode(),
        "SPEC000",
        None,
    ),
    ("deep-block-map.yaml", deep_block_map(), "SPEC000", None),
    ("latin1.yaml", b"name: caf\xe9\nvpc: {}\n", "SPEC000", None),
    ("binary.yaml", b"\x00\x01\x02ELF\x00\x00", "SPEC000", None),
    ("nul.yaml", b"name: x\x00y\n", "SPEC000", None),
    ("empty.yaml", b"", "SPEC004", None),
    ("blank.yaml", b"\n# only a comment\n", "SPEC004", None),
    ("list.yaml", b"- name: x\n", "SPEC004", None),
    ("scalar.yaml", b"just a string\n", "SPEC004", None),
    (
        "types.yaml",
        b"name: x\nauto_scaling: { min_size: two, max_size: 3 }\n",
        "SPEC004",
        "/auto_scaling/min_size",
    ),
    (
        "huge.yaml",
        b"name: x\nauto_scaling: { min_size: 123456789012345678901234567890, max_size: 3 }\n",
        "SPEC004",
        "/auto_scaling/min_size",
    ),
    (
        "nan.yaml",
        b"name: x\nalarms:\n  cpu_utilization: { threshold: .nan }\n",
        "SPEC004",
        "/alarms/cpu_utilization/threshold",
    ),
    ("cidr.yaml", b"name: x\nvpc: { cidr: 10.0.0.0/33 }\n", "SPEC004", "/vpc/cidr"),
    ("huge-size.yaml", b"name: x\ndatabase: { storage: 99999999999999999999TB }\n", "SPEC004", "/database/storage"),
]
IDS = [c[0] for c in CASES]


def check(diagnostics: list[reelnet.Diagnostic], code: str, pointer: str | None) -> None:
    found = [d for d in diagnostics if d.code == code]
    assert found, [str(d) for d in diagnostics]
    d = found[0]
    assert d.line >= 1 and d.column >= 1, d
    if pointer is not None:
        assert d.path == pointer, d


@pytest.mark.parametrize(("name", "data", "code", "pointer"), CASES, ids=IDS)
def test_loads(name: str, data: bytes, code: str, pointer: str | None) -> None:
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.loads(data, name=name)
    check(info.value.diagnostics, code, pointer)
    assert all(d.file == name for d in info.value.diagnostics)
    try:
        text = data.decode()
    except UnicodeDecodeError:
        return
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.loads(text, name=name)
    check(info.value.diagnostics, code, pointer)


@pytest.mark.parametrize(("name", "data", "code", "pointer"), CASES, ids=IDS)
def test_files_like_the_cli(
    name: str, data: bytes, code: str, pointer: str | None, tmp_path: Path, cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.load(name)
    check(info.value.diagnostics, code, pointer)
    report = reelnet.lint_path(name)
    check(report.diagnostics, code, pointer)
    assert report.fails("error")
    out = cli("check", name, "--format", "json", cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert report.to_json() == out.stdout.decode()


def test_a_merged_list_item_that_is_not_a_mapping() -> None:
    """`<<: [*svc, 5]`: SPEC004 at the `5` only; `*svc` is still merged, so
    no "missing required field" follows (reviewer fault R4)."""
    text = (
        "name: x\nregion: us-east-1\navailability_zones: [us-east-1a, us-east-1b]\n"
        "vpc: {cidr: 10.0.0.0/16}\ncompute:\n  services:\n"
        '    - &svc {name: a, image: "nginx:1.25"}\n    - <<: [*svc, 5]\n      port: 80\n'
    )
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.loads(text, name="r4.yaml")
    (d,) = info.value.diagnostics
    assert (d.code, d.line, d.column, d.path) == ("SPEC004", 8, 18, "/compute/services/1/<</1")
    assert d.message == (
        "a list after a merge key (`<<`) holds mappings only; this item is an integer"
    )


def test_invalid_utf8_is_located() -> None:
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.loads(b"name: caf\xe9\nvpc: {}\n")
    (d,) = info.value.diagnostics
    assert (d.code, d.line, d.column) == ("SPEC000", 1, 10)


def test_deep_nesting_in_a_thread() -> None:
    """Threads get their own (often smaller) stacks: still no crash."""
    errors: list[BaseException] = []

    def work() -> None:
        for _, data, _, _ in CASES[2:6]:
            try:
                reelnet.loads(data)
            except reelnet.SpecError:
                continue
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert errors == []


def test_directory_with_a_broken_file(tmp_path: Path, cli: Cli) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "main.yaml").write_text("name: x\n")
    (spec / "net.yaml").write_text("vpc: [\n")
    (spec / "notes.txt").write_text("not yaml: [")
    report = reelnet.lint_path(spec)
    first = report.diagnostics[0]
    assert first.code == "SPEC000" and first.file.endswith("net.yaml")
    out = cli("check", str(spec), "--format", "json", cwd=tmp_path)
    assert report.to_json() == out.stdout.decode()
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.load(spec)
    assert info.value.diagnostics[0].file.endswith("net.yaml")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_directory_with_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "main.yaml").write_text("name: x\n")
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    for call in (reelnet.load, reelnet.lint_path):
        with pytest.raises(OSError) as info:
            call(tmp_path)
        assert info.value.errno == errno.ELOOP
        assert info.value.filename == str(loop)
        assert "loop.yaml" in str(info.value)


def test_unreadable_paths_are_os_errors(tmp_path: Path) -> None:
    missing = tmp_path / "does" / "not" / "exist.yaml"
    for call in (reelnet.load, reelnet.lint_path):
        with pytest.raises(FileNotFoundError) as info:
            call(missing)
        assert info.value.errno == errno.ENOENT
        assert info.value.filename == str(missing)
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    with pytest.raises(OSError, match="no .yaml or .yml file"):
        reelnet.load(empty_dir)


def test_a_huge_report_renders(tmp_path: Path) -> None:
    """Many findings at once: every one converted, JSON still valid."""
    subnets = ", ".join(["10.0.1.0/24"] * 300)
    report = reelnet.lint(
        reelnet.loads(f"name: x\nvpc: {{ cidr: 10.0.0.0/16, public_subnets: [{subnets}] }}\n"),
        select="NET001",
    )
    assert len(report.diagnostics) == json.loads(report.to_json())["summary"]["errors"]
    assert len(report.diagnostics) >= 299


def test_a_path_that_is_not_a_file_name_is_a_value_error(tmp_path: Path) -> None:
    """F4: a path argument holding a lone surrogate, which no file name
    encodes, is a ValueError naming the argument, not UnicodeEncodeError."""
    (tmp_path / "s.yaml").write_text("name: x\n", encoding="utf-8")
    bad = str(tmp_path / "\ud800.yaml")
    cases = [
        (lambda: reelnet.load(bad), "load(): path"),
        (lambda: reelnet.load(Path(bad)), "load(): path"),
        (lambda: reelnet.lint_path(bad, config=False), "lint_path(): path"),
        (lambda: reelnet.lint_path(tmp_path, config=bad), "lint_path(): config"),
        (lambda: reelnet.lint_path(tmp_path, config=False, baseline=bad), "lint_path(): baseline"),
    ]
    for call, prefix in cases:
        with pytest.raises(ValueError) as info:
            call()
        assert type(info.value) is ValueError, repr(info.value)
        assert str(info.value).startswith(prefix), str(info.value)
        assert "U+D800" in str(info.value)


def test_surrogateescape_paths_name_their_files(tmp_path: Path) -> None:
    """F4: a str path decoded with surrogateescape (`os.fsdecode` of a
    name that is not UTF-8) is the file it names, as `open()` takes it."""
    raw = os.fsencode(tmp_path) + b"/a\xff.yaml"
    with open(raw, "wb") as f:
        f.write(b"name: x\n")
    path = os.fsdecode(raw)
    assert "\udcff" in path
    assert reelnet.load(path).name == "x"
    assert reelnet.load(raw).name == "x"
    assert reelnet.load(Path(path)).name == "x"
    report = reelnet.lint_path(path, config=False)
    assert report.summary.specs == 1
