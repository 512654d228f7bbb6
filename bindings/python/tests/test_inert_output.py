"""The CLI's F11 and F16 behaviour through the wheel: JSON, SARIF and GitLab
text holds no raw control or bidirectional character (escaped as the CLI
escapes them), and a baseline's entries are checked with the CLI's located
problems (all of them: an exception is for programs, like `--format json`)."""

from __future__ import annotations

import json
import shutil
import traceback
from pathlib import Path

import pytest

import reelnet
from support import SEED, Cli

# C0, DEL, C1 (NEL, CSI, OSC), the bidirectional controls, the separators.
CONTROLS = (
    "\x1b\x07\r\x08\x7f\x85\x9b\x9d\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\u200e\u200f\u2028\u2029"
)


def is_control(c: str) -> bool:
    """`reelnet_lint::sanitize::is_control`, line feed excepted."""
    o = ord(c)
    return (
        (o < 0x20 and c != "\n")
        or 0x7F <= o <= 0x9F
        or o in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029)
        or 0x202A <= o <= 0x202E
        or 0x2066 <= o <= 0x2069
    )


def escape(text: str) -> str:
    """`reelnet_lint::sanitize::escape`, the CLI's human output."""
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

    def one(c: str) -> str:
        if c in named:
            return named[c]
        if not is_control(c):
            return c
        return f"\\x{ord(c):02x}" if ord(c) < 0x80 else f"\\u{{{ord(c):04x}}}"

    return "".join(one(c) for c in text)


def strings(value: object) -> list[str]:
    """Every string in a decoded JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository (`.git` bounds the configuration search), the
    current directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_machine_formats_escape_controls_as_the_cli_does(cli: Cli, repo: Path) -> None:
    key = "".join(c + "k" for c in CONTROLS)
    escaped = "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in key)
    (repo / "s.yaml").write_text(f'name: x\n"{escaped}": 1\n', encoding="utf-8")
    report = reelnet.lint_path("s.yaml")
    for fmt, text in (
        ("json", report.to_json()),
        ("sarif", report.to_sarif()),
        ("gitlab", report.to_gitlab()),
    ):
        out = cli("check", "s.yaml", "--format", fmt, cwd=repo)
        assert out.returncode == 1, out.stderr
        assert text == out.stdout.decode(), fmt
        assert not any(is_control(c) for c in text), fmt
        assert "\\u202e" in text and "\\u009b" in text, fmt
        # The escapes decode to the key as written.
        assert any(f"unknown section `{key}`" in s for s in strings(json.loads(text))), fmt


BAD_BASELINE = """{"version": 2, "tool": "reelnet-lint", "entries": [
  {"code": "NET01", "file": "s.yaml", "path": "", "severity": "error", "fingerprint": "1bd91e6b", "count": 1}
]}
"""


def test_baseline_entries_are_checked_as_the_cli_does(cli: Cli, repo: Path) -> None:
    (repo / "s.yaml").write_text("name: ok\nvpc:\n  cidr: 10.0.0.0/16\n", encoding="utf-8")
    (repo / "b.json").write_text(BAD_BASELINE, encoding="utf-8")
    out = cli("check", "s.yaml", "--baseline", "b.json", cwd=repo)
    assert out.returncode == 2
    with pytest.raises(ValueError) as caught:
        reelnet.lint_path("s.yaml", baseline="b.json")
    lines = [line.removeprefix("reelnet-lint: ") for line in out.stderr.decode().splitlines()]
    assert str(caught.value).splitlines() == lines
    assert lines[1].startswith(
        "b.json:2:12: entries[0].code: unknown rule `NET01` (did you mean `NET001`?)"
    )
    assert lines[2].startswith("b.json:2:87: entries[0].fingerprint: `1bd91e6b` is not a fingerprint")


def test_every_baseline_problem_is_in_the_exception(cli: Cli, repo: Path) -> None:
    """The CLI caps human standard error at 50 problems of a kind; the
    exception, like `--format json`, holds every one."""
    (repo / "s.yaml").write_text("name: ok\nvpc:\n  cidr: 10.0.0.0/16\n", encoding="utf-8")
    entries = ",\n".join(
        f'{{"code": "NOPE{i}", "file": "s.yaml", "path": "", "severity": "error",'
        f' "fingerprint": "0000000000000000", "count": 1}}'
        for i in range(80)
    )
    (repo / "b.json").write_text(
        f'{{"version": 2, "tool": "reelnet-lint", "entries": [\n{entries}\n]}}\n',
        encoding="utf-8",
    )
    human = cli("check", "s.yaml", "--baseline", "b.json", cwd=repo)
    assert len(human.stderr.decode().splitlines()) == 52
    machine = cli("check", "s.yaml", "--baseline", "b.json", "--format", "json", cwd=repo)
    with pytest.raises(ValueError) as caught:
        reelnet.lint_path("s.yaml", baseline="b.json")
    lines = [line.removeprefix("reelnet-lint: ") for line in machine.stderr.decode().splitlines()]
    assert str(caught.value).splitlines() == lines
    assert len(lines) == 81


def test_show_escapes_controls_and_decodes_to_to_dict(cli: Cli, repo: Path) -> None:
    """`show` is `json.dumps(to_dict(), indent=2, ensure_ascii=False)` but
    for control characters, which it escapes: decoded, the same value."""
    name = "".join(c + "n" for c in CONTROLS)
    escaped = "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in name)
    (repo / "s.yaml").write_text(f'name: "{escaped}"\n', encoding="utf-8")
    out = cli("show", "s.yaml", cwd=repo)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert not any(is_control(c) for c in text)
    spec = reelnet.load("s.yaml")
    assert spec.name == name
    assert json.loads(text) == spec.to_dict()


def shown(value: object) -> list[str]:
    """Every text Python displays for `value`: str, repr, and for an
    exception its args and the whole traceback."""
    out = [str(value), repr(value)]
    if isinstance(value, BaseException):
        out += [str(a) for a in value.args]
        out += traceback.format_exception(type(value), value, value.__traceback__)
        out += traceback.format_exception_only(type(value), value)
    return out


def assert_inert(value: object) -> None:
    for text in shown(value):
        bad = sorted({f"U+{ord(c):04X}" for c in text if is_control(c)})
        assert not bad, (bad, text)


def yaml_escaped(text: str) -> str:
    """`text` in a double-quoted YAML scalar, every non-ASCII or control
    character as a `\\u` escape."""
    return "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)


def test_spec_error_and_diagnostics_display_no_control(repo: Path) -> None:
    """F2: an unknown key holding ESC sequences (an OSC title change, a
    clear screen), C1, DEL and bidi characters, in a file whose name holds
    them too: the SpecError's message, args and traceback, and `str`/`repr`
    of each diagnostic, show them escaped as the CLI does; the attributes
    keep the text as written."""
    key = "\x1b]0;pwned\x07\x1b[2J" + "".join(c + "k" for c in CONTROLS)
    name = "a\x1b[31m\x9b2J\x7f\u202eb.yaml"
    (repo / name).write_text(f'name: x\n"{yaml_escaped(key)}": 1\n', encoding="utf-8")
    for load in (lambda: reelnet.load(name), lambda: reelnet.load(repo / name)):
        with pytest.raises(reelnet.SpecError) as info:
            load()
        error = info.value
        assert_inert(error)
        assert "\\x1b]0;pwned\\x07\\x1b[2J" in str(error)
        assert "\\u{202e}" in str(error) and "\\u{009b}" in str(error)
        assert error.diagnostics
        for d in error.diagnostics:
            assert_inert(d)
            for r in d.related:
                assert_inert(r)
        # Data stays data; the display is the CLI's escaping of it.
        d = next(d for d in error.diagnostics if key in d.message)
        assert d.file.endswith(name)
        assert str(d) == f"{escape(d.file)}:{d.line}:{d.column}: {d.code} {escape(d.message)}"
        assert str(error).split("\n")[1:] == [str(d) for d in error.diagnostics]


def test_lint_report_displays_no_control(repo: Path) -> None:
    """F2: values and file names in a linted report: every diagnostic's
    `str`/`repr`, the report's and the model's reprs are inert."""
    value = "".join(c + "v" for c in CONTROLS)
    d = repo / ("dir\x1b]0;t\x07\u202e")
    d.mkdir()
    (d / "s\x9b31m.yaml").write_text(
        f'name: "{yaml_escaped(value)}"\nnetwork:\n  vpc_cidr: "10.0.0.0/16"\n'
        f'  zones: ["{yaml_escaped(value)}"]\n',
        encoding="utf-8",
    )
    report = reelnet.lint_path(d, config=False)
    assert_inert(report)
    assert report.diagnostics
    for diag in report.diagnostics + report.suppressed:
        assert_inert(diag)
        for r in diag.related:
            assert_inert(r)
    try:
        spec = reelnet.load(d)
    except reelnet.SpecError as e:
        assert_inert(e)
    else:
        assert spec.name == value
        assert_inert(spec)
        for attr in dir(spec):
            if not attr.startswith("_"):
                v = getattr(spec, attr)
                if not callable(v):
                    assert_inert(v)


def test_container_reprs_display_no_control(tmp_path: Path) -> None:
    """F2: Dockerfile values, spans and instructions show their text as
    Python reprs (escaped); the values stay raw."""
    examples = tmp_path / "ex"
    shutil.copytree(SEED.parent, examples)
    label = "\x1b]0;t\x07\x9b2J\x7f\u202e"
    dockerfile = examples / "docker" / "backend.Dockerfile"
    dockerfile.write_text(
        dockerfile.read_text(encoding="utf-8") + f'LABEL x="{label}"\n', encoding="utf-8"
    )
    spec = reelnet.load(examples / SEED.name)
    (backend,) = [f for f in spec.dockerfiles if f.path.endswith("backend.Dockerfile")]
    assert_inert(backend)
    values = [a for i in backend.instructions for a in i.arguments]
    assert any(label in a.value for a in values)
    for i in backend.instructions:
        assert_inert(i)
        for a in i.arguments:
            assert_inert(a)
            assert_inert(a.span)
    for stage in backend.stages:
        assert_inert(stage)
