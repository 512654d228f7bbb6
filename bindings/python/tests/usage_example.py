"""A typed usage example of the reelnet module.

`mypy --strict` checks it against the package's stubs (test_typing.py), and
pytest runs it, so both the stubs and the example stay true.
"""

from __future__ import annotations

import datetime
import ipaddress
import sys
from pathlib import Path

import reelnet

ROOT = Path(__file__).resolve().parents[3]


def summarize(spec: reelnet.Spec) -> list[str]:
    lines = [f"{spec.name} ({spec.region or 'no region'})"]
    if spec.vpc is not None:
        vpc_net: ipaddress.IPv4Network | ipaddress.IPv6Network = spec.vpc.network
        lines.append(f"vpc {spec.vpc.cidr}: {vpc_net.num_addresses} addresses")
        for subnet in spec.vpc.subnets:
            lines.append(f"  {subnet.tier:<7} {subnet.cidr:<15} {subnet.zone or '?'}")
    for db in spec.database:
        retention: float = db.backup_retention
        lines.append(f"database {db.name}: multi_az={db.multi_az}, {retention} days of backups")
    for name, alarm in spec.alarms.items():
        lines.append(f"alarm {name}: {alarm.metric} > {alarm.threshold}")
    if spec.pipeline is not None:
        for env in spec.pipeline.environments.values():
            lines.append(f"environment {env.name}: approval={env.approval}")
    return lines


def main() -> int:
    spec = reelnet.load(ROOT / "examples" / "reelnet.yaml")
    print("\n".join(summarize(spec)))
    plain: dict[str, object] = spec.to_dict()
    assert plain["name"] == spec.name

    report = reelnet.lint(spec, select=["NET", "EDGE"], as_of=datetime.date(2026, 11, 26))
    for d in report.diagnostics:
        where: tuple[str, int, int] = (d.file, d.line, d.column)
        print(*where, d.code, d.severity, d.message, sep=" | ")
        for r in d.related:
            print("   see", r.file, r.line, r.message)
    print(report.summary.errors, "errors,", report.summary.warnings, "warnings")

    try:
        reelnet.loads("name: [unclosed\n", name="broken.yaml")
    except reelnet.SpecError as e:
        codes: list[str] = [d.code for d in e.diagnostics]
        print("broken.yaml:", ", ".join(codes))

    by_code: dict[str, reelnet.Rule] = {r.code: r for r in reelnet.rules()}
    assert "NET001" in by_code
    assert reelnet.schema()["title"] == "ReelNet architecture spec"

    whole = reelnet.lint_path(ROOT / "examples" / "reelnet.yaml", ignore="NET005")
    return 1 if whole.fails("error") else 0


if __name__ == "__main__":
    sys.exit(main())
