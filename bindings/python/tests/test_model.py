"""The typed model: every section of the seed, defaults, conversions, and
read-only behaviour."""

from __future__ import annotations

import ipaddress
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

import reelnet
from support import ROOT, SEED


@pytest.fixture(scope="module")
def spec() -> reelnet.Spec:
    return reelnet.load(SEED)


def test_the_installed_wheel_is_tested() -> None:
    # The package comes from the venv's site-packages, not the source tree.
    pkg = Path(reelnet.__file__).resolve()
    assert "site-packages" in pkg.parts, pkg
    assert not pkg.is_relative_to(ROOT / "bindings" / "python" / "python")
    ext = Path(sys.modules["reelnet._reelnet"].__file__ or "")
    assert ext.name.endswith(".abi3.so"), ext


def test_top_level(spec: reelnet.Spec) -> None:
    assert spec.name == "reelnet"
    assert spec.region == "us-east-1"
    assert spec.dr_region == "us-west-2"
    assert spec.availability_zones == ["us-east-1a", "us-east-1b"]
    assert spec.path == str(SEED)
    assert spec.files == [str(SEED)]
    assert spec.warnings == []
    assert reelnet.Model is reelnet.Spec


def test_vpc_and_subnets(spec: reelnet.Spec) -> None:
    vpc = spec.vpc
    assert vpc is not None
    assert vpc.cidr == "10.0.0.0/16"
    assert vpc.network == ipaddress.ip_network("10.0.0.0/16")
    assert [s.cidr for s in vpc.public_subnets] == ["10.0.1.0/24", "10.0.2.0/24"]
    assert [s.cidr for s in vpc.private_subnets] == ["10.0.3.0/24", "10.0.4.0/24"]
    assert [s.cidr for s in vpc.subnets] == [
        "10.0.1.0/24",
        "10.0.2.0/24",
        "10.0.3.0/24",
        "10.0.4.0/24",
    ]
    first = vpc.public_subnets[0]
    assert (first.tier, first.index, first.az, first.zone, first.name) == (
        "public",
        0,
        "us-east-1a",  # shorthand: placed round-robin over availability_zones
        "us-east-1a",  # the same
        None,
    )
    assert [s.zone for s in vpc.private_subnets] == ["us-east-1a", "us-east-1b"]
    # The attribute is what to_dict() (and `reelnet-lint show`) give.
    assert [s.az for s in vpc.subnets] == [s.to_dict()["az"] for s in vpc.subnets]
    assert all(s.network.subnet_of(vpc.network) for s in vpc.subnets)
    assert vpc.peers == [] and vpc.peer_networks == []


def test_edge_sections(spec: reelnet.Spec) -> None:
    assert spec.dns is not None
    (zone,) = spec.dns.zones
    assert zone.name == "reelnet.com"
    assert [(r.name, r.type, r.target) for r in zone.records] == [
        ("reelnet.com", "A", "cdn/main"),
        ("staging.reelnet.com", "A", "cdn/main"),
        ("api.reelnet.com", "A", "api_gateway"),
    ]
    assert spec.cdn is not None
    (dist,) = spec.cdn.distributions
    assert dist.name == "main"
    assert dist.aliases == ["reelnet.com", "staging.reelnet.com"]
    assert dist.origins == ["api_gateway", "storage/reelnet-videos"]
    assert dist.certificate == "*.reelnet.com"
    assert dist.waf == "edge-acl"
    assert dist.viewer_protocol == "redirect-to-https"
    assert dist.min_tls == "TLSv1.2_2021"
    (gw,) = spec.api_gateway
    assert (gw.name, gw.domain, gw.waf) == ("api", "api.reelnet.com", "edge-acl")
    assert gw.throttling is not None
    assert (gw.throttling.rate_limit, gw.throttling.burst_limit) == (1000, 2000)
    assert spec.security is not None
    (waf,) = spec.security.waf
    assert waf.name == "edge-acl"
    assert waf.managed_rules == [
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
    ]
    assert waf.rate_limit == 2000
    assert spec.security.shield is not None and spec.security.shield.advanced is True
    (cert,) = spec.certificates
    assert (cert.domain, cert.alternative_names, cert.validation, cert.renewal) == (
        "*.reelnet.com",
        [],
        "DNS",
        True,
    )


def test_compute_and_scaling(spec: reelnet.Spec) -> None:
    assert spec.compute is not None
    backend, frontend = spec.compute.services
    assert backend.name == "backend"
    assert backend.image == "reelnet/backend:latest"
    assert (backend.port, backend.replicas, backend.subnets) == (8080, 3, "private")
    assert (backend.cpu, backend.memory) == (1024, 2048)
    assert backend.health_check == "/actuator/health"
    assert backend.environment == {"SPRING_PROFILES_ACTIVE": "prod"}
    assert frontend.environment == {}
    (fn,) = spec.compute.functions
    assert (fn.name, fn.runtime, fn.memory, fn.timeout, fn.trigger) == (
        "video-processing",
        "java17",
        3008,
        900,
        "storage/reelnet-videos",
    )
    scaling = spec.auto_scaling
    assert scaling is not None
    assert (scaling.min_size, scaling.max_size, scaling.desired_capacity) == (2, 10, 3)
    assert (scaling.scale_up_threshold, scaling.scale_down_threshold) == (75.0, 25.0)


def test_storage_and_database(spec: reelnet.Spec) -> None:
    assert spec.storage is not None
    (bucket,) = spec.storage.buckets
    assert bucket.name == "reelnet-videos"
    assert (bucket.versioning, bucket.encryption, bucket.public_access) == (
        True,
        "kms",
        "blocked",
    )
    assert bucket.replication is not None and bucket.replication.region == "us-west-2"
    assert bucket.lifecycle is not None
    assert [(r.after_days, r.transition, r.expire) for r in bucket.lifecycle] == [
        (30, "STANDARD_IA", None),
        (180, "GLACIER", None),
    ]
    (fs,) = spec.storage.file_systems
    assert (fs.name, fs.encrypted, fs.subnets) == ("shared", True, "private")
    (db,) = spec.database
    assert db.name == "database"  # the default name
    assert db.instance_type == "db.r5.large"
    assert db.storage == 100 and isinstance(db.storage, int)
    assert db.storage_bytes == 100 * 2**30
    assert (db.engine, db.version, db.multi_az) == ("postgres", "14.5", True)
    assert db.backup_retention == 7
    assert (db.encrypted, db.publicly_accessible, db.subnets) == (False, False, "private")
    assert db.cross_region_backups is None


def test_monitoring_delivery_recovery(spec: reelnet.Spec) -> None:
    assert list(spec.alarms) == ["cpu_utilization", "memory_utilization"]
    cpu = spec.alarms["cpu_utilization"]
    assert cpu.name == "cpu_utilization"
    assert cpu.metric == "CPUUtilization"  # derived from the name
    assert (cpu.threshold, cpu.period, cpu.evaluation_periods) == (80.0, 300, 2)
    assert spec.logging is not None
    assert (spec.logging.stack, spec.logging.rotation, spec.logging.retention_days) == (
        "elk",
        "daily",
        30,
    )
    assert spec.metrics is not None
    assert (spec.metrics.prometheus, spec.metrics.grafana) == (True, True)
    pipeline = spec.pipeline
    assert pipeline is not None
    assert [(s.name, s.steps) for s in pipeline.stages] == [
        ("build", ["compile", "test", "package"]),
        ("deploy", ["staging", "production"]),
    ]
    assert list(pipeline.environments) == ["staging", "production"]
    prod = pipeline.environments["production"]
    assert (prod.name, prod.domain, prod.approval) == ("production", "reelnet.com", False)
    dr = spec.disaster_recovery
    assert dr is not None
    assert (dr.strategy, dr.rto_minutes, dr.rpo_minutes, dr.failover_testing) == (
        "blue-green",
        60,
        15,
        "quarterly",
    )


def test_absent_sections_are_none_and_repeatables_empty() -> None:
    spec = reelnet.loads("name: bare\n")
    for section in (
        "region",
        "dr_region",
        "vpc",
        "dns",
        "cdn",
        "security",
        "compute",
        "auto_scaling",
        "storage",
        "logging",
        "metrics",
        "pipeline",
        "disaster_recovery",
    ):
        assert getattr(spec, section) is None, section
    assert spec.availability_zones == []
    assert spec.api_gateway == [] and spec.certificates == [] and spec.database == []
    assert spec.alarms == {}
    assert spec.to_dict() == {
        "name": "bare",
        "region": None,
        "dr_region": None,
        "availability_zones": [],
        "vpc": None,
        "dns": None,
        "cdn": None,
        "api_gateway": [],
        "security": None,
        "certificates": [],
        "compute": None,
        "auto_scaling": None,
        "storage": None,
        "database": [],
        "alarms": {},
        "logging": None,
        "metrics": None,
        "pipeline": None,
        "disaster_recovery": None,
        "dockerfiles": [],
        "manifests": [],
    }


def test_one_mapping_or_a_list() -> None:
    one = reelnet.loads("name: x\ndatabase: { name: main, engine: mysql }\n")
    many = reelnet.loads(
        "name: x\ndatabase:\n  - { name: main, engine: mysql }\n  - { name: replica }\n"
    )
    assert [d.name for d in one.database] == ["main"]
    assert [(d.name, d.engine) for d in many.database] == [
        ("main", "mysql"),
        ("replica", None),
    ]


def test_defaults() -> None:
    spec = reelnet.loads(
        """\
name: x
cdn: { distributions: [{ name: main }] }
api_gateway: { domain: api.example.com }
certificates: { domain: example.com }
compute:
  services: [{ name: web, image: "web:1.0" }]
  functions: [{ name: job }]
auto_scaling: { min_size: 2, max_size: 4 }
storage:
  buckets: [{ name: b }]
  file_systems: [{ name: f }]
database: {}
alarms: { request_count: { threshold: 5 } }
pipeline: { environments: { prod: {} } }
metrics: {}
security: { shield: {} }
"""
    )
    assert spec.cdn is not None and spec.cdn.distributions[0].viewer_protocol == "allow-all"
    assert spec.api_gateway[0].name == "api"
    cert = spec.certificates[0]
    assert (cert.validation, cert.renewal) == ("DNS", True)
    assert spec.compute is not None
    svc = spec.compute.services[0]
    assert (svc.replicas, svc.subnets, svc.port, svc.cpu) == (1, "private", None, None)
    fn = spec.compute.functions[0]
    assert (fn.memory, fn.timeout, fn.runtime) == (128, 3, None)
    assert spec.auto_scaling is not None and spec.auto_scaling.desired_capacity == 2
    assert spec.storage is not None
    bucket = spec.storage.buckets[0]
    assert (bucket.versioning, bucket.encryption, bucket.public_access) == (
        False,
        "s3",
        "blocked",
    )
    assert bucket.lifecycle is None and bucket.replication is None
    fs = spec.storage.file_systems[0]
    assert (fs.encrypted, fs.subnets) == (False, "private")
    db = spec.database[0]
    assert (db.name, db.multi_az, db.backup_retention, db.encrypted) == (
        "database",
        False,
        1,
        False,
    )
    assert (db.storage, db.storage_bytes, db.engine, db.version) == (None, None, None, None)
    alarm = spec.alarms["request_count"]
    assert (alarm.metric, alarm.period, alarm.evaluation_periods) == ("RequestCount", 300, 1)
    assert spec.pipeline is not None
    env = spec.pipeline.environments["prod"]
    assert (env.approval, env.domain) == (False, None)
    assert spec.metrics is not None and not spec.metrics.prometheus
    assert spec.security is not None and spec.security.shield is not None
    assert spec.security.shield.advanced is False
    # to_dict(): as written plus defaults.
    data = spec.to_dict()
    assert data["cdn"]["distributions"][0]["viewer_protocol"] == "allow-all"
    assert data["database"][0]["backup_retention"] == 1
    assert data["alarms"]["request_count"]["period"] == 300


def test_cidrs_keep_host_bits_and_give_networks() -> None:
    spec = reelnet.loads(
        """\
name: x
vpc:
  cidr: 10.0.0.0/16
  public_subnets:
    - { cidr: 10.0.1.5/24, az: us-east-1a, name: web }
  private_subnets: ["2600:1f18::1/64"]
  peers: [192.168.0.0/16]
"""
    )
    assert spec.vpc is not None
    web = spec.vpc.public_subnets[0]
    assert web.cidr == "10.0.1.5/24"  # as written: NET003 is the linter's business
    assert web.network == ipaddress.IPv4Network("10.0.1.0/24")
    assert web.interface == ipaddress.IPv4Interface("10.0.1.5/24")
    assert web.interface.ip == ipaddress.IPv4Address("10.0.1.5")
    assert (web.az, web.zone, web.name) == ("us-east-1a", "us-east-1a", "web")
    v6 = spec.vpc.private_subnets[0]
    assert v6.network == ipaddress.IPv6Network("2600:1f18::/64")
    assert v6.zone is None  # no az written and no availability_zones to place it in
    assert spec.vpc.peer_networks == [ipaddress.IPv4Network("192.168.0.0/16")]


def test_durations_and_sizes_in_the_fields_unit() -> None:
    spec = reelnet.loads(
        """\
name: x
database: { storage: 512MB, backup_retention: 72h }
compute: { functions: [{ name: f, timeout: 15m }] }
alarms: { cpu: { threshold: 1, period: 5m } }
logging: { retention_days: 2w }
storage: { buckets: [{ name: b, lifecycle: [{ after_days: 48h, expire: true }] }] }
disaster_recovery: { rto_minutes: 2h, rpo_minutes: 90s }
"""
    )
    db = spec.database[0]
    assert db.storage == 0.5 and db.storage_bytes == 512 * 2**20
    assert db.backup_retention == 3  # days (day fields take whole days)
    assert spec.compute is not None and spec.compute.functions[0].timeout == 900  # seconds
    assert spec.alarms["cpu"].period == 300  # seconds
    assert spec.logging is not None and spec.logging.retention_days == 14  # days
    assert spec.storage is not None
    lifecycle = spec.storage.buckets[0].lifecycle
    assert lifecycle is not None
    assert (lifecycle[0].after_days, lifecycle[0].expire) == (2, True)
    dr = spec.disaster_recovery
    assert dr is not None and (dr.rto_minutes, dr.rpo_minutes) == (120, 1.5)
    # Whole values are ints, others floats.
    assert isinstance(dr.rto_minutes, int) and isinstance(dr.rpo_minutes, float)


def test_loader_warnings_and_names() -> None:
    spec = reelnet.loads("name: x\ndatabase: { version: 14.5 }\n", name="infra/db.yaml")
    assert spec.path == "infra/db.yaml" and spec.files == ["infra/db.yaml"]
    (warning,) = spec.warnings
    assert (warning.code, warning.severity, warning.file, warning.path) == (
        "SPEC003",
        "warning",
        "infra/db.yaml",
        "/database/version",
    )
    assert spec.database[0].version == "14.5"


def test_directory_spec(tmp_path: Path) -> None:
    (tmp_path / "main.yml").write_text("name: dir\nvpc: { cidr: 10.1.0.0/16 }\n")
    (tmp_path / "notes.txt").write_text("not: [yaml")
    spec = reelnet.load(tmp_path)
    assert spec.name == "dir" and spec.path == str(tmp_path)
    assert spec.vpc is not None and spec.vpc.cidr == "10.1.0.0/16"
    assert spec.files == [str(tmp_path / "main.yml")]


def test_paths_as_str_pathlike_and_bytes() -> None:
    for path in (str(SEED), SEED, bytes(SEED)):
        assert reelnet.load(path).name == "reelnet"
    assert reelnet.loads(SEED.read_bytes()).name == "reelnet"


def test_objects_are_read_only(spec: reelnet.Spec) -> None:
    assert spec.vpc is spec.vpc  # one object per section
    assert spec.database[0] is spec.database[0]
    with pytest.raises(AttributeError):
        spec.name = "other"
    with pytest.raises(AttributeError):
        spec.database[0].multi_az = False
    # Containers are copies: changing one leaves the model as it was.
    spec.database.clear()
    spec.alarms.clear()
    assert spec.vpc is not None
    spec.vpc.public_subnets.append(spec.vpc.private_subnets[0])
    assert len(spec.database) == 1 and len(spec.alarms) == 2
    assert len(spec.vpc.public_subnets) == 2
    # Only the module makes them, and they cannot be subclassed.
    for cls in (reelnet.Spec, reelnet.Vpc, reelnet.Diagnostic, reelnet.Report):
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            type("Sub", (cls,), {})


SECTIONS = tuple(
    getattr(reelnet, name)
    for name in reelnet.__all__
    if isinstance(getattr(reelnet, name), type)
    and name not in {"Diagnostic", "Related", "Report", "Rule", "Summary", "SpecError"}
    # The container layer: parsed files, not sections of the format.
    and name
    not in {
        "BuildStage", "Container", "Dockerfile", "Instruction", "Manifest",
        "ManifestDocument", "Span", "Value",
    }  # fmt: skip
)


def _sections(obj: Any) -> list[Any]:
    """Every model object reachable from `obj` (itself included)."""
    found = [obj]
    for name in dir(obj):
        if name.startswith("_"):
            continue
        value = getattr(obj, name)
        if isinstance(value, dict):
            items = list(value.values())
        elif isinstance(value, list):
            items = value
        else:
            items = [value]
        found.extend(s for v in items if isinstance(v, SECTIONS) for s in _sections(v))
    return found


def test_field_names_are_those_of_the_yaml(spec: reelnet.Spec) -> None:
    """Every key of a section's to_dict() is an attribute of the same name,
    and each section's to_dict() is its part of the whole spec's."""
    sections = _sections(spec)
    assert {type(s).__name__ for s in sections} >= {
        "Spec", "Vpc", "Subnet", "Dns", "Zone", "Record", "Cdn", "Distribution",
        "ApiGateway", "Throttling", "Security", "Waf", "Shield", "Certificate",
        "Compute", "Service", "Function", "AutoScaling", "Storage", "Bucket",
        "Replication", "LifecycleRule", "FileSystem", "Database", "Alarm",
        "Logging", "Metrics", "Pipeline", "Stage", "Environment", "DisasterRecovery",
    }  # fmt: skip
    for section in sections:
        if isinstance(section, reelnet.Stage):
            # `- build: [compile, test]`: the key is the stage's name.
            assert section.to_dict() == {section.name: section.steps}
            continue
        for key in section.to_dict():
            assert hasattr(section, key), f"{type(section).__name__}.{key}"
    whole = spec.to_dict()
    assert spec.vpc is not None and spec.vpc.to_dict() == whole["vpc"]
    assert [d.to_dict() for d in spec.database] == whole["database"]
    assert {k: a.to_dict() for k, a in spec.alarms.items()} == whole["alarms"]
    assert spec.pipeline is not None and spec.pipeline.to_dict() == whole["pipeline"]
    # Plain data: JSON all the way down, in the order of the model.
    assert json.loads(json.dumps(whole)) == whole
    assert list(whole)[:5] == ["name", "region", "dr_region", "availability_zones", "vpc"]
    assert whole["database"][0]["storage"] == "100GiB"
    assert whole["vpc"]["public_subnets"][0] == {"cidr": "10.0.1.0/24", "az": "us-east-1a"}


def test_reprs(spec: reelnet.Spec) -> None:
    assert repr(spec) == (
        f"Spec(name='reelnet', path={str(SEED)!r}, files=[{str(SEED)!r}])"
    )
    assert spec.vpc is not None
    assert repr(spec.vpc) == (
        "Vpc(cidr='10.0.0.0/16', public_subnets=[2 items], "
        "private_subnets=[2 items], peers=[])"
    )
    assert repr(spec.vpc.subnets[0]) == (
        "Subnet(cidr='10.0.1.0/24', tier='public', zone='us-east-1a', name=None)"
    )
    # Every field, in the order of the declaration.
    assert repr(spec.database[0]) == (
        "Database(name='database', instance_type='db.r5.large', storage=100, "
        "storage_bytes=107374182400, engine='postgres', version='14.5', "
        "multi_az=True, backup_retention=7, encrypted=False, "
        "publicly_accessible=False, subnets='private', cross_region_backups=None)"
    )
    assert repr(spec.pipeline) == "Pipeline(stages=[2 items], environments={2 items})"
    for section in _sections(spec):
        assert repr(section).startswith(type(section).__name__ + "(")


def test_sections_pickle_and_a_spec_says_why_not(spec: reelnet.Spec) -> None:
    assert spec.vpc is not None
    vpc = pickle.loads(pickle.dumps(spec.vpc))
    assert isinstance(vpc, reelnet.Vpc) and repr(vpc) == repr(spec.vpc)
    assert vpc.to_dict() == spec.vpc.to_dict()
    assert [s.zone for s in vpc.subnets] == [s.zone for s in spec.vpc.subnets]
    assert vpc.subnets[0].network == spec.vpc.subnets[0].network
    db = pickle.loads(pickle.dumps(spec.database[0]))
    assert (db.storage, db.storage_bytes) == (100, 100 * 2**30)
    with pytest.raises(TypeError, match="cannot pickle a reelnet.Spec"):
        pickle.dumps(spec)


def test_typed_values_are_strings() -> None:
    """Image references and security policies are parsed at load and
    exposed as the text they were written as."""
    spec = reelnet.loads(
        "name: x\n"
        "compute: { services: [{ name: web, image: 'registry:5000/reelnet/web:1.4.2' }] }\n"
        "cdn: { distributions: [{ name: main, min_tls: TLSv1.2_2021 }] }\n"
    )
    assert spec.compute is not None and spec.cdn is not None
    assert spec.compute.services[0].image == "registry:5000/reelnet/web:1.4.2"
    assert spec.cdn.distributions[0].min_tls == "TLSv1.2_2021"


def test_a_malformed_image_is_spec004() -> None:
    with pytest.raises(reelnet.SpecError) as caught:
        reelnet.loads("name: x\ncompute: { services: [{ name: web, image: 'reelnet/Web:1' }] }\n")
    [d] = caught.value.diagnostics
    assert d.code == "SPEC004"
    assert "repository names must be lowercase" in d.message


@pytest.mark.parametrize(
    ("cidr", "column", "fixed"),
    [
        ("010.0.0.0/16", 14, "10.0.0.0/16"),
        ("10.00.0.0/16", 14, "10.0.0.0/16"),
        ("10.0.0.010/24", 14, "10.0.0.10/24"),
        ("10.0.0.0/016", 14, "10.0.0.0/16"),
    ],
)
def test_cidr_leading_zeros_are_spec004(cidr: str, column: int, fixed: str) -> None:
    # `inet_aton` reads 010 as octal 8, Python's ipaddress refuses it: the
    # loader refuses it too, at the value, with the block to write.
    with pytest.raises(reelnet.SpecError) as caught:
        reelnet.loads(f"name: x\nvpc: {{ cidr: {cidr} }}\n")
    [d] = caught.value.diagnostics
    assert (d.code, d.line, d.column, d.path) == ("SPEC004", 2, column, "/vpc/cidr")
    assert d.help is not None and d.help.startswith(f"write `{fixed}`: ")
    if "/0" not in cidr:
        with pytest.raises(ValueError):
            ipaddress.ip_network(cidr)  # the disagreement the rule prevents
    assert reelnet.loads(f"name: x\nvpc: {{ cidr: {fixed} }}\n").vpc is not None
