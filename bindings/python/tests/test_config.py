"""`lint_path` reads the configuration and the baseline as the CLI does: on
every fixture document, in a project with a configuration, Python and
`reelnet-lint check` give the same report, byte for byte."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

import reelnet
from support import ROOT, Cli

CONFIG = """\
select = ["ALL"]
ignore = ["STO003"]
as_of = "2026-11-26"

[severity]
DB006 = "error"
NET = "info"

[per-path-ignores]
"specs/DB*" = ["DB001"]
"""


def fixture_documents() -> list[tuple[str, str]]:
    """Each single-file case of reelnet-lint's rule fixtures, named."""
    docs = []
    for path in sorted((ROOT / "reelnet-lint" / "tests" / "fixtures").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        parts = [p for p in re.split(r"(?m)^---[ \t]*$\n?", text) if p.strip()]
        for i, part in enumerate(parts):
            if "# file: " not in part:
                docs.append((f"{path.stem}-{i}.yaml", part))
    return docs


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (`.git` bounds the search) with a configuration and the
    fixture documents under specs/; the current directory is its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "reelnet-lint.toml").write_text(CONFIG, encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    for name, text in fixture_documents():
        (specs / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "reelnet.yaml", specs / "seed.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_fixture_document_gives_the_clis_report(cli: Cli, project: Path) -> None:
    files = sorted((project / "specs").iterdir())
    assert len(files) > 100
    for path in files:
        rel = f"specs/{path.name}"
        out = cli("check", rel, "--format", "json", cwd=project)
        assert out.returncode in (0, 1), out.stderr
        assert reelnet.lint_path(rel).to_json() == out.stdout.decode(), rel
    # The configuration was read: its date, its ignores, its severities.
    seed = reelnet.lint_path("specs/seed.yaml")
    assert all(d.code != "STO003" for d in seed.diagnostics)
    db006 = [d for d in seed.diagnostics if d.code == "DB006"]
    assert db006 and all(d.severity == "error" for d in db006)
    # ...and no configuration gives another report.
    assert reelnet.lint_path("specs/seed.yaml", config=False).to_json() != seed.to_json()


def test_arguments_replace_the_configurations_keys(cli: Cli, project: Path) -> None:
    out = cli(
        "check", "specs/seed.yaml", "--format", "json", "--select", "NET,DB", "--ignore", "DB006",
        cwd=project,
    )  # fmt: skip
    report = reelnet.lint_path("specs/seed.yaml", select="NET,DB", ignore=["DB006"])
    assert report.to_json() == out.stdout.decode()


def test_pyproject_table_found_from_a_subdirectory(cli: Cli, project: Path) -> None:
    (project / "reelnet-lint.toml").unlink()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.reelnet-lint]\n'
        'as_of = "2026-11-26"\nselect = ["EDGE", "DB"]\n',
        encoding="utf-8",
    )
    sub = project / "specs"
    out = cli("check", "seed.yaml", "--format", "json", cwd=sub)
    os.chdir(sub)
    report = reelnet.lint_path("seed.yaml")
    assert report.to_json() == out.stdout.decode()
    assert {d.code[:2] for d in report.diagnostics} <= {"ED", "DB"}


def test_explicit_config_file(cli: Cli, project: Path) -> None:
    other = project / "other.toml"
    other.write_text('select = ["NET"]\nas_of = "2026-11-26"\n', encoding="utf-8")
    out = cli("check", "specs/seed.yaml", "--format", "json", "--config", "other.toml", cwd=project)
    assert reelnet.lint_path("specs/seed.yaml", config="other.toml").to_json() == out.stdout.decode()
    assert reelnet.lint_path("specs/seed.yaml", config=other).to_json() == out.stdout.decode()


def test_baseline_hides_what_it_records(cli: Cli, project: Path) -> None:
    written = cli(
        "check", "specs/seed.yaml", "--write-baseline", "baseline.json", cwd=project
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    for fmt, method in (("json", "to_json"), ("sarif", "to_sarif"), ("gitlab", "to_gitlab")):
        out = cli(
            "check", "specs/seed.yaml", "--format", fmt, "--baseline", "baseline.json",
            cwd=project,
        )  # fmt: skip
        report = reelnet.lint_path("specs/seed.yaml", baseline="baseline.json")
        assert getattr(report, method)() == out.stdout.decode(), fmt
        assert not report.diagnostics and report.summary.suppressed > 0


def test_bad_configuration_and_baseline_are_errors(project: Path) -> None:
    (project / "reelnet-lint.toml").write_text('slect = ["ALL"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown key `slect`"):
        reelnet.lint_path("specs/seed.yaml")
    with pytest.raises(FileNotFoundError):
        reelnet.lint_path("specs/seed.yaml", config="missing.toml")
    with pytest.raises(FileNotFoundError):
        reelnet.lint_path("specs/seed.yaml", config=False, baseline="missing.json")
    with pytest.raises(ValueError, match="config=True"):
        reelnet.lint_path("specs/seed.yaml", config=True)


def test_monorepo_ci_paths_are_the_clis(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration in a subdirectory of the repository: `to_gitlab()`
    shows paths from the repository root and `to_sarif()` from the
    configuration's directory, byte for byte as the CLI does."""
    (tmp_path / ".git").mkdir()
    video = tmp_path / "services" / "video"
    (video / "infra").mkdir(parents=True)
    (video / "reelnet-lint.toml").write_text(
        'specs = ["infra/"]\nselect = ["NET"]\nas_of = "2026-11-26"\n', encoding="utf-8"
    )
    (video / "infra" / "reelnet.yaml").write_text(
        "name: ci\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n"
        "  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(video)
    report = reelnet.lint_path("infra/reelnet.yaml")
    for fmt, method in (("gitlab", "to_gitlab"), ("sarif", "to_sarif")):
        out = cli("check", "infra/reelnet.yaml", "--format", fmt, cwd=video)
        assert getattr(report, method)() == out.stdout.decode(), fmt
    paths = {i["location"]["path"] for i in json.loads(report.to_gitlab())}
    assert paths == {"services/video/infra/reelnet.yaml"}
