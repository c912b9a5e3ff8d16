"""Running vodops where teams run controllers: the Dockerfile, the Kubernetes examples (checked
against Kubernetes' own OpenAPI schemas, shipped offline in the kubernetes-validate package) and the
scheduled GitHub Actions workflow. Every vodops command they hold is a real verb with real flags.
(The image itself is not built here: CI has a docker client but no engine.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import kubernetes_validate
import pytest
import yaml

from tests.conftest import ROOT
from vodops.cli import cli

DRIFT = ROOT / "examples" / "drift"
KUBERNETES = sorted((DRIFT / "kubernetes").glob("*.yml"))
SCHEMA_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())  # oldest supported, newest shipped
CREDENTIALS = {"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"}


def _real(args: list[str]) -> None:
    """`args` (after `vodops`) name a verb and only options it has."""
    command = cli.get_command(click.Context(cli), args[0])
    assert command is not None, f"vodops has no verb {args[0]}"
    options = {opt for param in command.params for opt in param.opts if isinstance(param, click.Option)}
    for arg in args[1:]:
        if arg.startswith("--"):
            assert arg.split("=", 1)[0] in options, f"vodops {args[0]} has no {arg}"


def _documents(path: Path) -> list[dict[str, Any]]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def _containers(document: dict[str, Any]) -> list[dict[str, Any]]:
    spec = document["spec"]
    pod = (
        spec["jobTemplate"]["spec"]["template"]["spec"]
        if document["kind"] == "CronJob"
        else spec["template"]["spec"]
    )
    containers: list[dict[str, Any]] = pod["containers"]
    return containers


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
@pytest.mark.parametrize("path", KUBERNETES, ids=lambda path: path.name)
def test_kubernetes_examples_are_valid_objects(path: Path, version: str) -> None:
    for document in _documents(path):
        kubernetes_validate.validate(document, version, strict=True)  # raises ValidationError


def test_the_schema_validator_refuses_a_broken_object() -> None:
    """The check above can fail: a misspelt field is refused with the schema's own words."""
    [deployment] = _documents(DRIFT / "kubernetes" / "deployment.yml")
    deployment["spec"]["template"]["spec"]["containers"][0]["argz"] = []
    with pytest.raises(kubernetes_validate.ValidationError, match="'argz' was unexpected"):
        kubernetes_validate.validate(deployment, SCHEMA_VERSIONS[0], strict=True)


@pytest.mark.parametrize("path", KUBERNETES, ids=lambda path: path.name)
def test_kubernetes_examples_run_real_commands_with_credentials_from_a_secret(path: Path) -> None:
    for document in _documents(path):
        for container in _containers(document):
            _real(container["args"])
            secrets = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in container["env"]}
            assert set(secrets) == CREDENTIALS
            assert all(
                ref["name"] == "vodops-credentials" and ref["key"] in CREDENTIALS for ref in secrets.values()
            )


def test_the_cronjob_fails_on_drift_and_the_deployment_heals_with_metrics() -> None:
    [cronjob] = _documents(DRIFT / "kubernetes" / "cronjob.yml")
    [check] = _containers(cronjob)
    assert check["args"][0] == "drift"
    assert cronjob["spec"]["jobTemplate"]["spec"]["backoffLimit"] == 0  # exit 2 fails the Job
    [deployment] = _documents(DRIFT / "kubernetes" / "deployment.yml")
    [watch] = _containers(deployment)
    args = watch["args"]
    assert args[0] == "watch" and "--heal" in args
    port = int(args[args.index("--metrics-port") + 1])
    assert args[args.index("--metrics-host") + 1] == "0.0.0.0"
    assert watch["ports"] == [{"name": "metrics", "containerPort": port, "protocol": "TCP"}]
    assert deployment["spec"]["replicas"] == 1 and deployment["spec"]["strategy"] == {"type": "Recreate"}
    assert f"EXPOSE {port}" in (ROOT / "Dockerfile").read_text()


def test_the_dockerfile_installs_this_package_and_runs_vodops() -> None:
    text = (ROOT / "Dockerfile").read_text()
    copied = re.findall(r"^COPY (?!--from)(.+) \S+$", text, re.MULTILINE)
    for sources in copied:
        for source in sources.split():
            assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which is not in the repository"
    assert re.findall(r"^FROM (\S+)", text, re.MULTILINE) == ["python:3.12-slim", "python:3.12-slim"]
    assert 'ENTRYPOINT ["vodops"]' in text and "USER 10001" in text
    kept = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line.startswith("!")]
    assert kept == ["!pyproject.toml", "!README.md", "!vodops/"], (
        "the build context is what the COPY lines use"
    )


def test_the_drift_workflow_is_scheduled_and_opens_one_issue() -> None:
    path = DRIFT / "github-actions.yml"
    workflow = yaml.safe_load(path.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    script = "\n".join(step.get("run", "") for step in workflow["jobs"]["drift"]["steps"])
    [drift] = [shlex.split(c)[1:] for c in re.findall(r"\bvodops drift\b[^;>|&\n]*", script)]
    _real(drift)
    assert "--format" in drift and drift[drift.index("--format") + 1] == "markdown"
    assert "gh issue create" in script and "gh issue edit" in script and "gh issue close" in script
    assert "marker=$(head -n 1 drift.md)" in script
