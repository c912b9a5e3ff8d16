"""Saved plans: apply exactly what was reviewed, and only while the account is as the plan saw it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SECRET, SECRET_ID, Vodops
from tests.emulator.conftest import Api
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator


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
    api = _sdk(endpoint)
    target = _template(api, "hls-720p")
    api("ModifyTranscodeTemplate", Definition=int(str(target["Definition"])), VideoTemplate={"Bitrate": 2000})
    before = emulator.snapshot()
    refused = vodops("apply", project, "--plan", saved, "--yes")
    assert refused.code == 1
    assert (
        f"TranscodeTemplate 'hls-720p' (id {target['Definition']}) changed since the plan: "
        "videoTemplate.bitrate: 1800 -> 2000"
    ) in refused.err
    assert "the account changed since the plan was made; nothing was changed" in refused.err
    assert emulator.snapshot() == before


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


def test_the_plan_not_the_manifests_is_applied(
    vodops: Vodops, project: Path, tmp_path: Path, endpoint: str
) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    (project / "transcode.yaml").write_text(
        (project / "transcode.yaml").read_text().replace("bitrate: 1800", "bitrate: 999")
    )
    assert vodops("apply", project, "--plan", saved, "--yes").code == 0
    assert _template(_sdk(endpoint), "hls-720p")["VideoTemplate"]["Bitrate"] == 1800  # type: ignore[index]


def test_a_plan_for_one_target_is_refused_by_another(vodops: Vodops, project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", saved).code == 0
    refused = vodops("apply", project, "--plan", saved, "--yes", "--target", "local")
    assert refused.code == 1
    assert "this plan was made for target 'emu'" in refused.err
    assert "this run's target is 'local' (the embedded emulator)" in refused.err
    other_app = vodops("apply", project, "--plan", saved, "--yes", "--sub-app-id", "7")
    assert other_app.code == 1 and "A plan applies only to the target it was made for." in other_app.err


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
