"""The README's Python example runs as written."""

from __future__ import annotations

import re

import pytest

from support import ROOT


def test_the_readme_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Python\n", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's Python section has no example"
    monkeypatch.chdir(ROOT)
    exec(compile(match.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "public 10.0.1.0/24 us-east-1a 256" in out
    assert "private 10.0.4.0/24 us-east-1b 256" in out
    assert "examples/reelnet.yaml:" in out
    assert out.rstrip().splitlines()[-1].startswith("Summary(specs=1, errors=")
