"""What a fresh `vodops` process imports for the commands that start often (`--help`, TAB
completion, `validate`, a steady `plan`): not the API client, the COS SDK, the emulator or, before
a model is needed, pydantic; and the spec models of the kinds a project declares only, though a
plan lists every kind. Their time is measured by benchmarks/startup.py; this holds the structure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Vodops
from tests.helpers import document, hls, write
from vodops.resources import KINDS
from vodops.specgen import GENERATED

NETWORK = (
    "httpx",
    "qcloud_cos",
    "requests",
    "urllib3",
    "vodops.emulator",
    "vodops.cloud.client",
    "vodops.cloud.credentials",
    "vodops.cloud.live_api",
    "vodops.cloud.vod",
    "vodops.targets",
)
MODELS = ("pydantic", "yaml", "vodops.resources")
SPEC_MODELS = {name: kind.models.partition(":")[0] for name, kind in KINDS.items()}
"""Each kind's spec model module (its declaration, in vodops/kinds/, names it)."""
GENERATED_FIELDS = tuple(
    f"vodops.resources.generated.{path.stem}" for path in sorted(GENERATED.glob("*_template.py"))
)
"""The generated models the template kinds' spec models build on."""
# Runs the CLI's entry point in a fresh process and prints, after its output, which of the
# modules named in argv[1] (comma-separated) it imported.
PROBE = """
import sys
from vodops.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
loader = sys.modules.get("pydantic.plugin._loader")
print("scanned plugins:", getattr(loader, "_plugins", None) is not None)
print("imported:", ",".join(m for m in sys.argv[1].split(",") if m in sys.modules))
"""


def _run(args: list[str], watched: tuple[str, ...], env: dict[str, str] | None = None) -> tuple[str, str]:
    """The command's output and the watched modules it imported (comma-separated)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(watched), *args],
        capture_output=True, text=True, check=False, cwd=ROOT, env={**os.environ, **(env or {})},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out, _, imported = result.stdout.rpartition("imported:")
    return out, imported.strip()


def test_validate_scans_no_pydantic_plugins(quickstart: Path) -> None:
    """pydantic reads every installed distribution's entry points for plugins at its first model
    unless told there are none: vodops uses none."""
    out, _ = _run(["validate", str(quickstart)], ())
    assert "scanned plugins: False" in out
    out, _ = _run(["validate", str(quickstart)], (), {"PYDANTIC_DISABLE_PLUGINS": ""})
    assert "scanned plugins: True" in out


def test_validate_imports_no_network_stack(quickstart: Path) -> None:
    out, imported = _run(["validate", str(quickstart)], NETWORK)
    assert out.startswith("OK: 12 resources")
    assert imported == ""


def test_validate_imports_the_models_of_the_declared_kinds_only(quickstart: Path) -> None:
    declared = ("MediaClass", "WatermarkTemplate", "TranscodeTemplate", "Procedure")
    watched = tuple(dict.fromkeys([*(SPEC_MODELS[kind] for kind in declared), *SPEC_MODELS.values()]))
    out, imported = _run(["validate", str(quickstart)], watched + GENERATED_FIELDS)
    assert out.startswith("OK: 12 resources")
    assert imported.split(",") == [SPEC_MODELS[kind] for kind in declared]


def test_a_steady_plan_imports_the_models_of_the_declared_kind_only(tmp_path: Path, vodops: Vodops) -> None:
    """A plan lists, matches and normalizes the live objects of every kind from the kinds'
    declarations: it builds no spec model but the one a manifest declares."""
    project = tmp_path / "project"
    write(project, "transcode.yaml", document("TranscodeTemplate", "hls-720p", hls()))
    assert vodops("apply", project, "--yes").code == 0
    watched = tuple(dict.fromkeys(SPEC_MODELS.values())) + GENERATED_FIELDS
    out, imported = _run(["plan", str(project)], watched)
    assert "No changes" in out
    assert imported == SPEC_MODELS["TranscodeTemplate"]


def test_help_imports_no_model() -> None:
    out, imported = _run(["--help"], MODELS + NETWORK)
    assert "Commands:" in out
    assert imported == ""


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("vodops ", "validate"),
        ("vodops plan {} --target ", "local"),
        ("vodops plan {} --only ", "Procedure/"),
    ],
)
def test_completion_imports_no_model(words: str, offered: str, quickstart: Path) -> None:
    typed = words.format(quickstart)
    env = {"_VODOPS_COMPLETE": "bash_complete", "COMP_WORDS": typed, "COMP_CWORD": str(len(typed.split()))}
    out, imported = _run([], ("pydantic", "vodops.resources", *NETWORK), env)
    assert offered in out
    assert imported == ""


@pytest.mark.usefixtures("default_keys")
def test_steady_cloud_plan_imports_only_what_it_uses(quickstart: Path, endpoint: str, vodops: Vodops) -> None:
    """A plan with no changes against a cloud endpoint loads neither the emulator, nor deepdiff
    (asked only where two forms differ), nor the saved-plan reader."""
    assert vodops("apply", quickstart, "--endpoint", endpoint, "--yes").code == 0
    out, imported = _run(
        ["plan", str(quickstart), "--endpoint", endpoint],
        ("vodops.emulator", "deepdiff", "vodops.plan.planfile"),
    )
    assert "No changes" in out
    assert imported == ""


def test_opening_a_session_imports_none_of_what_plans_applies_or_renders() -> None:
    """vodops/session.py imports the machinery of planning, applying and reporting drift where it
    is used, once the session is open and its read of the account (vodops/readahead.py) under
    way: that import then overlaps the wait for the API instead of coming before it."""
    machinery = ("vodops.plan.build", "vodops.plan.document", "vodops.apply.run", "vodops.drift.report")
    probe = "import sys, vodops.session; print(*(m for m in sys.argv[1].split(',') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe, ",".join((*machinery, "vodops.render.text"))],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert result.stdout.strip() == ""
