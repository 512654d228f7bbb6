"""The container layer from Python: the seed's Dockerfiles and Deployment,
typed and with spans that match the CLI's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reelnet
from support import ROOT, SEED, Cli


@pytest.fixture(scope="module")
def spec() -> reelnet.Spec:
    return reelnet.load(SEED)


def test_services_name_their_files(spec: reelnet.Spec) -> None:
    assert spec.compute is not None
    backend, frontend = spec.compute.services
    assert backend.dockerfile == "docker/backend.Dockerfile"
    assert backend.manifests == ["k8s/backend-deployment.yaml"]
    assert frontend.dockerfile == "docker/frontend.Dockerfile"
    assert frontend.manifests == []
    assert spec.files == [str(SEED)]


def test_dockerfiles_are_typed_with_spans(spec: reelnet.Spec) -> None:
    paths = [d.path for d in spec.dockerfiles]
    examples = SEED.parent
    assert paths == [
        str(examples / "docker" / "backend.Dockerfile"),
        str(examples / "docker" / "frontend.Dockerfile"),
    ]
    backend = spec.dockerfiles[0]
    assert backend.problem is None
    assert [i.keyword for i in backend.instructions] == [
        "FROM", "WORKDIR", "COPY", "EXPOSE", "ENTRYPOINT",
    ]
    (stage,) = backend.stages
    assert stage.image.value == "openjdk:17-jdk-slim"
    assert stage.base_image == "openjdk:17-jdk-slim"
    span = stage.image.span
    assert (span.file, span.line, span.column, span.end_column) == (
        paths[0], 2, 6, 25,
    )
    entry = backend.instructions[-1]
    assert entry.form == "exec"
    assert [a.value for a in entry.arguments] == ["java", "-jar", "app.jar"]


def test_manifests_are_typed_with_spans(spec: reelnet.Spec) -> None:
    (manifest,) = spec.manifests
    assert manifest.path == str(SEED.parent / "k8s" / "backend-deployment.yaml")
    assert any("selector" in p for p in manifest.problems)
    (doc,) = manifest.documents
    assert doc.kind is not None and doc.kind.value == "Deployment"
    assert doc.name is not None and doc.name.value == "backend-service"
    assert doc.replicas is not None and doc.replicas.value == "3"
    (container,) = doc.containers
    assert container.image is not None
    assert container.image.value == "reelnet/backend:latest"
    assert container.image.span.path == "/0/spec/template/spec/containers/0/image"
    assert [p.value for p in container.ports] == ["8080"]
    assert container.cpu_request is None and container.readiness_path is None


def test_spans_match_the_cli(spec: reelnet.Spec, cli: Cli) -> None:
    out = cli("check", str(SEED.relative_to(ROOT)), "--select", "CTR001", "--format", "json")
    report = json.loads(out.stdout)
    image = spec.manifests[0].documents[0].containers[0].image
    assert image is not None
    places = {(d["file"], d["line"], d["column"], d["path"]) for d in report["diagnostics"]}
    s = image.span
    shown = str(Path(s.file).relative_to(ROOT))
    assert (shown, s.line, s.column, s.path) in places


def test_a_missing_file_is_a_dangling_reference() -> None:
    spec = reelnet.loads(
        "name: x\ncompute:\n  services:\n"
        "    - { name: a, image: 'a/b:1', dockerfile: no/such.Dockerfile }\n"
    )
    assert spec.dockerfiles == []
    report = reelnet.lint(spec, select=["SPEC006"])
    (d,) = report.diagnostics
    assert (d.code, d.line, d.path) == ("SPEC006", 4, "/compute/services/0/dockerfile")
