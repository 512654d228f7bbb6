"""`to_dict()` is `reelnet-lint show`: the same serialised form, byte for
byte once dumped the same way, and each section's `to_dict()` is its part."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import reelnet
from support import ROOT, SEED, Cli

# Values whose serialised form differs from their Python attribute: sizes no
# unit divides, durations their unit does not divide, IPv6 and host bits,
# unicode, floats, named maps, stages.
ODD = """\
name: "odd \u00e9\u6f22"
availability_zones: [eu-west-1a]
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.5/24, { cidr: "2600:1f18::/64", az: eu-west-1b, name: v6 }]
database:
  - { name: a, storage: 1342069906B, backup_retention: 3, version: "8.0.mysql_aurora.3.04" }
  - { name: b, storage: 512MB }
alarms: { cpu: { threshold: 0.5, period: 90s }, disk_space: { threshold: 1e3 } }
disaster_recovery: { rto_minutes: 2h, rpo_minutes: 90s }
pipeline: { stages: [{ build: [a, b] }], environments: { prod: { approval: true } } }
compute: { services: [{ name: s, image: "r/s:1", environment: { B: "2", A: "1" } }] }
"""


def dumped(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def sections(obj: Any) -> list[Any]:
    found = [obj]
    for name in dir(type(obj)):
        if name.startswith("_") or name in ("dockerfiles", "manifests", "warnings"):
            continue
        value = getattr(obj, name)
        items = list(value.values()) if isinstance(value, dict) else value
        if not isinstance(items, list):
            items = [items]
        found += [s for v in items if hasattr(v, "_v") for s in sections(v)]
    return found


@pytest.mark.parametrize("which", ["seed", "clean", "odd"])
def test_to_dict_is_show(which: str, cli: Cli, tmp_path: Path) -> None:
    if which == "seed":
        path = SEED
    elif which == "clean":
        path = ROOT / "examples" / "clean"
    else:
        path = tmp_path / "odd.yaml"
        path.write_text(ODD, encoding="utf-8")
    out = cli("show", str(path))
    assert out.returncode == 0, out.stderr.decode()
    spec = reelnet.load(path)
    assert dumped(spec.to_dict()) == out.stdout
    # Each section's to_dict() is its part of the whole, and a fresh copy.
    whole = json.loads(out.stdout)
    for section in sections(spec):
        part = section.to_dict()
        assert part == section.to_dict() and part is not section.to_dict()
        assert json.dumps(part) in json.dumps(whole) or type(section).__name__ == "Stage"


def test_odd_values_in_python(tmp_path: Path) -> None:
    spec = reelnet.loads(ODD)
    a, b = spec.database
    assert (a.storage_bytes, b.storage, b.storage_bytes) == (1342069906, 0.5, 512 * 2**20)
    assert isinstance(a.storage, float) and a.backup_retention == 3
    assert a.version == "8.0.mysql_aurora.3.04"
    assert spec.alarms["cpu"].period == 90 and spec.alarms["disk_space"].metric == "DiskSpace"
    assert spec.disaster_recovery is not None and spec.disaster_recovery.rpo_minutes == 1.5
    assert spec.to_dict()["database"][0]["storage"] == "1342069906B"
    assert spec.to_dict()["disaster_recovery"]["rpo_minutes"] == "90s"
    assert spec.vpc is not None
    v6 = spec.vpc.public_subnets[1]
    assert (v6.az, v6.zone, v6.name, v6.tier, v6.index) == (
        "eu-west-1b", "eu-west-1b", "v6", "public", 1,
    )  # fmt: skip
    first = spec.vpc.public_subnets[0]
    assert (first.az, first.zone) == ("eu-west-1a", "eu-west-1a")  # placed, as `show` prints
    subnets = spec.to_dict()["vpc"]["public_subnets"]
    assert [s.az for s in spec.vpc.public_subnets] == [s.get("az") for s in subnets]
    assert [s.to_dict() for s in spec.vpc.public_subnets] == subnets
    assert spec.compute is not None
    assert list(spec.compute.services[0].environment) == ["A", "B"]  # the model's order
    assert spec.pipeline is not None
    (stage,) = spec.pipeline.stages
    assert (stage.name, stage.steps) == ("build", ["a", "b"])
    assert stage.to_dict() == {"build": ["a", "b"]}
