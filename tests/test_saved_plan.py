"""Saved plans: apply exactly what was reviewed, and only while the account is as the plan saw it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SECRET, SECRET_ID, Vodops
from tests.emulator.conftest import Api
from vodops import __version__
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from vodops.emulator.knobs import Knobs


@pytest.fixture
def project(tmp_path: Path, endpoint: str, cloud_keys: None) -> Path:
    directory = Path(
        shutil.copytree(EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops"))
    )
    (directory / "vodops.yaml").write_text(
        f"defaultTarget: emu\ntargets:\n  emu: {{endpoint: '{endpoint}'}}\n"
    )
    return directory


def _sdk(endpoint: str) -> Api:
    return Api(endpoint.removeprefix("http://"), DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)


def _template(api: Api, name: str) -> dict[str, object]:
    listed = api("DescribeTranscodeTemplates", Type="Custom", Limit=100)["TranscodeTemplateSet"]
    return next(t for t in listed if t["Name"] == name)


def _edit_in_the_console(endpoint: str) -> int:
    """hls-720p's bitrate set to 2000 behind vodops's back; its id."""
    api = _sdk(endpoint)
    definition = int(str(_template(api, "hls-720p")["Definition"]))
    api("ModifyTranscodeTemplate", Definition=definition, VideoTemplate={"Bitrate": 2000})
    return definition


def _drift_refused(
    vodops: Vodops, project: Path, saved: Path, endpoint: str, emulator: Emulator, said: str
) -> None:
    """hls-720p edited in the console, then `saved` applied: refused, naming it (`said` with its
    id) and what moved, and nothing else."""
    definition = _edit_in_the_console(endpoint)
    refused = _refused(vodops, project, saved, emulator)
    moved = "videoTemplate.bitrate: 1800 -> 2000"
    assert f"TranscodeTemplate 'hls-720p' {said.format(definition)}{moved}" in refused
    assert "1 problem: the account changed since the plan was made; nothing was changed" in refused


def _refused(vodops: Vodops, project: Path, saved: Path, emulator: Emulator) -> str:
    """Apply `saved`, which must be refused with nothing changed; what it said."""
    before = emulator.snapshot()
    refused = vodops("apply", project, "--plan", saved, "--yes")
    assert refused.code == 1
    assert emulator.snapshot() == before
    return refused.err


def test_a_saved_plan_applies_and_converges(vodops: Vodops, project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    planned = vodops("plan", project, "--out", saved, "--detailed-exitcode")
    assert planned.code == 2
    document = json.loads(saved.read_text())
    assert document["formatVersion"] == 1
    assert document["summary"]["create"] == 12
    assert SECRET not in saved.read_text() and SECRET_ID not in saved.read_text()
    applied = vodops("apply", project, "--plan", saved, "--yes")
    assert applied.code == 0, applied.text
    assert vodops("plan", project, "--detailed-exitcode").code == 0


def test_an_object_changed_since_the_plan_makes_it_stale(
    vodops: Vodops, project: Path, tmp_path: Path, endpoint: str, emulator: Emulator
) -> None:
    assert vodops("apply", project, "--yes").code == 0
    (project / "transcode.yaml").write_text(
        (project / "transcode.yaml").read_text().replace("bitrate: 1800", "bitrate: 2400")
    )
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    _drift_refused(vodops, project, saved, endpoint, emulator, "(id {}) changed since the plan: ")


def test_a_name_taken_since_the_plan_makes_it_stale(
    vodops: Vodops, project: Path, tmp_path: Path, endpoint: str
) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    made = _sdk(endpoint)("CreateProcedureTemplate", Name="ingest-hls")
    assert made
    refused = vodops("apply", project, "--plan", saved, "--yes")
    assert refused.code == 1
    assert "Procedure 'ingest-hls' was created since the plan (id ingest-hls)" in refused.err


def test_manifests_changed_since_the_plan_are_refused(
    vodops: Vodops, project: Path, tmp_path: Path, emulator: Emulator
) -> None:
    """CI applies only what the merged commit's manifests produce: a plan they disagree with is refused."""
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    (project / "transcode.yaml").write_text(
        (project / "transcode.yaml").read_text().replace("bitrate: 1800", "bitrate: 999")
    )
    before = emulator.snapshot()
    refused = vodops("apply", project, "--plan", saved, "--yes")
    assert refused.code == 1
    assert (
        "create TranscodeTemplate/hls-720p: desired.spec.videoTemplate.bitrate is 1800 in the plan, "
        "999 from the manifests and the live account"
    ) in refused.err
    assert emulator.snapshot() == before


def test_a_plan_for_one_target_is_refused_by_another(vodops: Vodops, project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    refused = vodops("apply", project, "--plan", saved, "--yes", "--target", "local")
    assert refused.code == 1
    assert "this plan was made for target 'emu'" in refused.err
    assert "this run's target is 'local' (the embedded emulator)" in refused.err
    assert "nothing was sent" in refused.err
    other_app = vodops("apply", project, "--plan", saved, "--yes", "--sub-app-id", "7")
    assert (
        other_app.code == 1
        and (
            "A plan applies only to the target it was made for (choose it with --target or the target "
            "options it was made with); nothing was sent."
        )
        in other_app.err
    )


def test_what_is_not_a_plan_is_refused(vodops: Vodops, project: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "plan.json"
    garbage.write_text("{not json")
    assert (
        f"{garbage} is not a vodops plan: it is not JSON"
        in vodops("apply", project, "--plan", garbage, "--yes").err
    )
    garbage.write_text(json.dumps({"formatVersion": 99}))
    assert (
        "has plan formatVersion 99; this vodops reads 1"
        in vodops("apply", project, "--plan", garbage, "--yes").err
    )


def test_json_output_is_the_saved_document(vodops: Vodops, project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    printed = vodops("plan", project, "--format", "json", "--out", saved)
    assert json.loads(printed.out) == json.loads(saved.read_text())


def _interrupted(vodops: Vodops, project: Path, saved: Path, emulator: Emulator) -> None:
    """Apply `saved` while every procedure create fails: classes and templates get done."""
    emulator.set_knobs(
        Knobs(fault_rate=1.0, faults=("internal",), fault_actions=("CreateProcedureTemplate",))
    )
    stopped = vodops("apply", project, "--plan", saved, "--yes")
    assert stopped.code == 1 and "Apply stopped: 11 done, 1 failed, 0 not attempted." in stopped.err
    assert "Procedure/ingest-hls: CreateProcedureTemplate failed: InternalError" in stopped.err
    emulator.set_knobs(Knobs())


def test_a_saved_plan_finishes_after_a_partial_apply(
    vodops: Vodops, project: Path, tmp_path: Path, emulator: Emulator
) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    _interrupted(vodops, project, saved, emulator)
    again = vodops("apply", project, "--plan", saved, "--yes")
    assert again.code == 0, again.text
    assert "already done (an earlier apply of this plan): create TranscodeTemplate/hls-720p" in again.out
    assert "Plan: 1 to create." in again.out and "Apply complete: 1 created." in again.out
    assert vodops("plan", project, "--detailed-exitcode").code == 0
    finished = vodops("apply", project, "--plan", saved, "--yes")
    assert finished.code == 0 and "No changes" in finished.out
    assert finished.out.count("already done") == 12


def test_real_drift_after_a_partial_apply_is_still_refused(
    vodops: Vodops, project: Path, tmp_path: Path, endpoint: str, emulator: Emulator
) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    _interrupted(vodops, project, saved, emulator)
    _drift_refused(
        vodops, project, saved, endpoint, emulator, "(id {}), created by this plan, changed since: "
    )


def test_show_renders_a_saved_plan_without_the_account(
    vodops: Vodops, project: Path, tmp_path: Path, emulator: Emulator
) -> None:
    saved = tmp_path / "plan.json"
    markdown = vodops("plan", project, "--out", saved, "--format", "markdown").out
    text = vodops("plan", project).out
    document = json.loads(saved.read_text())
    assert document["vodopsVersion"] == __version__ == vodops("--version").out.split()[-1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document["createdAt"])
    calls = len(emulator.calls)
    header = f"Saved plan made {document['createdAt']} by vodops {document['vodopsVersion']}\n"
    elsewhere = tmp_path / "elsewhere"  # no vodops.yaml, no manifests: show needs neither
    elsewhere.mkdir()
    assert vodops("show", saved).out == header + text
    shown = vodops("show", saved, "--format", "markdown")
    assert shown.out == markdown  # its first line is the marker a CI step finds the comment by
    assert shown.out.startswith("<!-- vodops-plan target=")
    assert shown.err == header
    assert json.loads(vodops("show", saved, "--format", "json").out) == document
    assert len(emulator.calls) == calls


def test_show_refuses_what_is_not_a_plan_in_one_line(vodops: Vodops, tmp_path: Path) -> None:
    garbage = tmp_path / "plan.json"
    garbage.write_text('{"formatVersion": 1, "changes": "all"}')
    shown = vodops("show", garbage)
    assert shown.code == 1
    assert (
        shown.err
        == f"Error: {garbage} is not a valid vodops plan: vodopsVersion: Field required (and 12 more)\n"
    )
