"""Linting: the same findings and the same bytes as the CLI, the options, the
catalogue, the schema, and clear errors for bad arguments."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

import reelnet
from support import AS_OF, ROOT, SEED, Cli

SEED_REL = "examples/reelnet.yaml"


def test_lint_path_gives_the_cli_json_byte_for_byte(cli: Cli, in_repo: Path) -> None:
    out = cli("check", SEED_REL, "--format", "json", "--as-of", AS_OF)
    assert out.returncode == 1, out.stderr  # the seed has real findings
    report = reelnet.lint_path(SEED_REL, as_of=AS_OF)
    assert report.to_json() == out.stdout.decode()
    assert report.diagnostics, "the seed has findings"
    assert report.fails() is True


def test_lint_of_a_loaded_spec_gives_the_same_report(cli: Cli, in_repo: Path) -> None:
    out = cli("check", SEED_REL, "--format", "json", "--as-of", AS_OF)
    report = reelnet.lint(reelnet.load(SEED_REL), as_of=AS_OF)
    assert report.to_json() == out.stdout.decode()


def test_options_match_the_cli(cli: Cli, in_repo: Path) -> None:
    out = cli(
        "check", SEED_REL, "--format", "json", "--as-of", AS_OF,
        "--select", "NET,EDGE", "--ignore", "NET006",
    )  # fmt: skip
    for select in ("NET,EDGE", ["NET", "EDGE"], ("net", "edge"), iter(["NET", "EDGE"])):
        report = reelnet.lint_path(SEED_REL, select=select, ignore="NET006", as_of=AS_OF)
        assert report.to_json() == out.stdout.decode(), select
    overlap = reelnet.loads("name: x\nvpc: { cidr: 10.0.0.0/16, public_subnets: [10.0.1.0/24] }\n")
    every = {d.code for d in reelnet.lint(overlap).diagnostics}
    only_net = {d.code for d in reelnet.lint(overlap, select="NET").diagnostics}
    assert only_net == {c for c in every if c.startswith("NET")} != every


def test_as_of_takes_dates_datetimes_and_strings(in_repo: Path) -> None:
    spec = reelnet.load(SEED_REL)
    expected = reelnet.lint(spec, as_of=AS_OF).to_json()
    day = datetime.date.fromisoformat(AS_OF)
    noon = datetime.datetime.combine(day, datetime.time(12))
    assert reelnet.lint(spec, as_of=day).to_json() == expected
    assert reelnet.lint(spec, as_of=noon).to_json() == expected


def test_sarif_is_the_clis(cli: Cli, in_repo: Path) -> None:
    out = cli("check", SEED_REL, "--format", "sarif", "--as-of", AS_OF)
    sarif = reelnet.lint_path(SEED_REL, as_of=AS_OF).to_sarif()
    assert sarif == out.stdout.decode()
    log = json.loads(sarif)
    assert log["version"] == "2.1.0"
    rule_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rule_ids == [r.code for r in reelnet.rules()]


def test_gitlab_is_the_clis(cli: Cli, in_repo: Path) -> None:
    out = cli("check", SEED_REL, "--format", "gitlab", "--as-of", AS_OF)
    report = reelnet.lint_path(SEED_REL, as_of=AS_OF)
    gitlab = report.to_gitlab()
    assert gitlab == out.stdout.decode()
    issues = json.loads(gitlab)
    assert [i["check_name"] for i in issues] == [d.code for d in report.diagnostics]
    # Paths are relative to the project root: the spec and the Dockerfiles and
    # manifests its services reference.
    paths = {i["location"]["path"] for i in issues}
    assert SEED_REL in paths
    assert all((in_repo / p).is_file() for p in paths), paths
    sarif = json.loads(report.to_sarif())
    shown = {
        r["partialFingerprints"]["reelnetIdentity/v2"]
        for r in sarif["runs"][0]["results"]
        if "suppressions" not in r
    }
    assert {i["fingerprint"] for i in issues} == shown


def test_diagnostics_carry_every_field_of_the_json_report(in_repo: Path) -> None:
    report = reelnet.lint_path(SEED_REL, as_of=AS_OF)
    doc = json.loads(report.to_json())
    assert [d.to_dict() for d in report.diagnostics] == doc["diagnostics"]
    assert report.summary.to_dict() == doc["summary"]
    again = reelnet.lint_path(SEED_REL, as_of=AS_OF).diagnostics
    assert again == report.diagnostics  # values: equal and hashable
    assert {hash(d) for d in again} == {hash(d) for d in report.diagnostics}
    for d, j in zip(report.diagnostics, doc["diagnostics"]):
        assert list(d.to_dict()) == list(j)  # same keys, same order
        assert str(d) == f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}"
        assert repr(d).startswith(f"Diagnostic(code={d.code!r}, severity={d.severity!r}")
    summary = report.summary
    assert repr(report) == (
        f"Report(specs=1, errors={summary.errors}, warnings={summary.warnings}, "
        f"infos={summary.infos}, suppressed={summary.suppressed})"
    )


def test_related_places() -> None:
    text = (
        "name: x\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n"
        "  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n"
    )
    report = reelnet.lint(reelnet.loads(text, name="overlap.yaml"), select="NET001")
    (d,) = report.diagnostics
    assert (d.code, d.name, d.severity, d.file, d.path) == (
        "NET001",
        "subnet-overlap",
        "error",
        "overlap.yaml",
        "/vpc/public_subnets/1",
    )
    assert (d.line, d.column, d.end_line, d.end_column) == (5, 33, 5, 44)
    assert d.help
    (rel,) = d.related
    assert (rel.file, rel.line, rel.column, rel.path) == (
        "overlap.yaml",
        5,
        20,
        "/vpc/public_subnets/0",
    )
    assert rel.message
    assert rel.to_dict() == d.to_dict()["related"][0]
    assert report.fails("error") and report.fails("info")


def test_suppressed_findings(in_repo: Path) -> None:
    text = (
        "name: x\nvpc:\n  cidr: 10.0.0.0/16\n"
        "  # reelnet-lint: ignore[NET006] a sandbox needs one zone only\n"
        "  public_subnets: [10.0.1.0/24]\n"
    )
    report = reelnet.lint(reelnet.loads(text), select="NET")
    assert [d.code for d in report.suppressed] == ["NET006"]
    assert report.summary.suppressed == 1
    assert "NET006" not in {d.code for d in report.diagnostics}
    assert not report.fails("info")


def test_spec_error_carries_the_diagnostics(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nvpc: { cidr: 10.0.0.0/33 }\nsurprise: 1\n")
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.load(bad)
    err = info.value
    assert isinstance(err, ValueError)
    assert [(d.code, d.path) for d in err.diagnostics] == [
        ("SPEC004", "/vpc/cidr"),
        ("SPEC001", "/surprise"),
    ]
    assert err.diagnostics[0].file == str(bad)
    assert "2 error(s)" in str(err) and "SPEC001" in str(err)
    # The same problems as the linter reports for the file.
    assert err.diagnostics == reelnet.lint_path(bad).diagnostics
    with pytest.raises(reelnet.SpecError) as info:
        reelnet.loads(bad.read_text(), name="inline/bad.yaml")
    assert {d.file for d in info.value.diagnostics} == {"inline/bad.yaml"}


def test_rules_are_the_catalogue(cli: Cli) -> None:
    out = cli("rules", "--format", "json")
    assert out.returncode == 0
    catalogue = json.loads(out.stdout)
    rules = reelnet.rules()
    assert [
        {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary, "doc": r.doc}
        for r in rules
    ] == catalogue
    first = rules[0]
    assert repr(first) == (
        f"Rule(code={first.code!r}, name={first.name!r}, "
        f"severity={first.severity!r}, summary={first.summary!r})"
    )
    assert "## What it does" in first.doc
    assert len({r.code for r in rules}) == len(rules)


def test_schema_is_the_checked_in_schema(cli: Cli) -> None:
    on_disk = json.loads((ROOT / "schemas" / "reelnet.schema.json").read_text())
    assert reelnet.schema() == on_disk
    assert reelnet.schema() == json.loads(cli("schema").stdout)


def test_version_is_the_tools(in_repo: Path) -> None:
    doc = json.loads(reelnet.lint_path(SEED_REL, select="NET").to_json())
    assert reelnet.__version__ == doc["tool"]["version"]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda s: reelnet.lint(s, select="NET999"), ValueError, "unknown rule selector `NET999`"),
        (lambda s: reelnet.lint(s, select="subnet-overlpa"), ValueError, "did you mean `subnet-overlap`"),
        (lambda s: reelnet.lint(s, ignore=["NET", "BOGUS"]), ValueError, "`BOGUS`"),
        (lambda s: reelnet.lint(s, select=[]), ValueError, "select is empty"),
        (lambda s: reelnet.lint(s, select=5), TypeError, "select must be a string or an iterable"),
        (lambda s: reelnet.lint(s, select=[1]), TypeError, "select must hold strings"),
        (lambda s: reelnet.lint(s, select=b"NET"), TypeError, "not bytes"),
        (lambda s: reelnet.lint(s, as_of="2026-13-01"), ValueError, "is not a date"),
        (lambda s: reelnet.lint(s, as_of="26-11-2026"), ValueError, "YYYY-MM-DD"),
        (lambda s: reelnet.lint(s, as_of=20261126), TypeError, "as_of must be None, a datetime.date"),
        (lambda s: reelnet.lint(SEED_REL), TypeError, "lint() expects a reelnet.Spec"),
        (lambda s: reelnet.lint(None), TypeError, "not NoneType"),
        (lambda s: reelnet.lint_path(SEED, select="NOPE"), ValueError, "unknown rule selector"),
        (lambda s: reelnet.lint_path(42), TypeError, "lint_path() expects a path"),
        (lambda s: reelnet.load(None), TypeError, "load() expects a path"),
        (lambda s: reelnet.loads(42), TypeError, "loads() expects the spec text as str or bytes"),
        (lambda s: reelnet.loads("name: x", name=3), TypeError, "name"),
        (lambda s: reelnet.lint_path(SEED, as_of=[2026]), TypeError, "as_of"),
        (lambda s: reelnet.lint_path(SEED).fails("fatal"), ValueError, "unknown severity `fatal`"),
        (
            lambda s: reelnet.loads("name: x\nvpc: \ud800"),
            reelnet.SpecError,
            "loads(): text holds a lone surrogate (U+D800) at line 2, column 6",
        ),
        (
            lambda s: reelnet.loads("name: x", name="a\udcff.yaml"),
            reelnet.SpecError,
            "loads(): name holds a lone surrogate (U+DCFF) at line 1, column 2",
        ),
        (
            lambda s: reelnet.lint(s, select="NET\ud800"),
            ValueError,
            "lint(): select holds a lone surrogate (U+D800) at line 1, column 4",
        ),
        (
            lambda s: reelnet.lint(s, ignore=["NET", "\udfff"]),
            ValueError,
            "lint(): ignore holds a lone surrogate (U+DFFF) at line 1, column 1",
        ),
        (
            lambda s: reelnet.lint_path(SEED, as_of="2026-\ud80001-01"),
            ValueError,
            "lint_path(): as_of holds a lone surrogate (U+D800) at line 1, column 6",
        ),
        (
            lambda s: reelnet.lint(s).fails("warn\ud800"),
            ValueError,
            "fails(): fail_on holds a lone surrogate (U+D800) at line 1, column 5",
        ),
        (lambda s: reelnet.lint(s).fails(3), TypeError, "fail_on must be a str"),
    ],
)
def test_bad_arguments(call, error: type[Exception], message: str) -> None:  # noqa: ANN001
    spec = reelnet.load(SEED)
    with pytest.raises(error, match=re.escape(message)):
        call(spec)


def test_lone_surrogates_are_the_documented_errors() -> None:
    # A `str` may hold a lone surrogate (`errors="surrogateescape"` leaves
    # one per undecodable byte); no argument gives the builtin
    # UnicodeEncodeError for it.
    text = b"name: x\nregion: us-\xff\n".decode("utf-8", errors="surrogateescape")
    with pytest.raises(reelnet.SpecError) as caught:
        reelnet.loads(text)
    assert not isinstance(caught.value, UnicodeError)
    assert caught.value.diagnostics == []  # nothing was read
    assert "line 2, column 12" in str(caught.value)
    spec = reelnet.load(SEED)
    for call in (
        lambda: reelnet.lint(spec, select=text),
        lambda: reelnet.lint(spec, ignore=[text]),
        lambda: reelnet.lint(spec, as_of=text),
        lambda: reelnet.lint(spec).fails(text),
    ):
        with pytest.raises(ValueError, match="lone surrogate") as caught_value:
            call()
        assert not isinstance(caught_value.value, UnicodeError)
