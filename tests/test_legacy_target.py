"""A `dialect: "2017"` target: plan, apply, converge, export and adopt through the legacy wire, and
one account seen the same through both dialects."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, SECRET, SECRET_ID, LegacySdk, Vodops
from tests.emulator.test_serve import served
from vodops.apply.run import Consent
from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.legacy_vod import LegacyVodApi
from vodops.cloud.retry import RetryingCaller
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.desired import desired_state
from vodops.emulator import (
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    EmulatorTransport,
    Knobs,
    open_emulator,
)
from vodops.project import Project
from vodops.resources import MEDIA_CLASS, TRANSCODE, WATERMARK
from vodops.session import Session
from vodops.targets import Target

LEGACY_COUNTS = {MEDIA_CLASS: 5, WATERMARK: 1, TRANSCODE: 4}
TESTS_PAIR = Credentials(SECRET_ID, SECRET)
OFFICIAL = Endpoint.parse("http://vod.api.qcloud.com")
LOGO = (EXAMPLES / "quickstart" / "logo.png").read_bytes()


def _legacy_project(tmp_path: Path, endpoint: str, source: Path = EXAMPLES / "legacy") -> Path:
    directory = shutil.copytree(source, tmp_path / "legacy", ignore=shutil.ignore_patterns(".vodops"))
    settings = {"targets": {"legacy": {"endpoint": endpoint, "dialect": "2017"}}}
    (directory / "vodops.yaml").write_text(yaml.safe_dump(settings))
    return directory


def _custom(api: VodApi) -> dict[str, list[str]]:
    return {
        kind: sorted(str(item["Name"]) for item in api.list(kind) if _custom_item(item))
        for kind in LEGACY_COUNTS
    }


def _names_through_2018(endpoint: str, credentials: Credentials = TESTS_PAIR) -> dict[str, list[str]]:
    caller = HttpCaller(Endpoint.parse(endpoint), credentials)
    try:
        return _custom(VodApi(caller, None))
    finally:
        caller.close()


def _custom_item(item: dict[str, Any]) -> bool:
    """Not a preset template, not the system class 0."""
    return item.get("Type") != "Preset" and item.get("ClassId") != 0


EXPECTED_NAMES = {
    MEDIA_CLASS: ["Action", "Documentary", "Drama", "Movies", "Series"],
    WATERMARK: ["logo"],
    TRANSCODE: ["hls-1080p", "hls-480p", "hls-720p", "mp4-download"],
}


@pytest.mark.usefixtures("cloud_keys")
def test_the_legacy_example_plans_applies_and_converges(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    planned = vodops("plan", directory, "--target", "legacy")
    assert planned.code == 0 and "Plan: 10 to create." in planned.out, planned.text
    applied = vodops("apply", directory, "--target", "legacy", "--yes")
    assert applied.code == 0 and "Apply complete: 10 created." in applied.out, applied.text
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0
    legacy_actions = {call.action for call in emulator.calls}
    assert {"ApplyUploadWatermark", "CreateWatermarkTemplate", "QueryTranscodeTemplateList"} <= legacy_actions
    assert "DescribeTranscodeTemplates" not in legacy_actions
    # The same account through the 2018 API: the same objects, and the same manifests plan to nothing.
    assert _names_through_2018(endpoint) == EXPECTED_NAMES
    assert vodops("plan", directory, "--endpoint", endpoint, "--detailed-exitcode").code == 0


def test_the_legacy_example_converges_in_process(tmp_path: Path) -> None:
    directory = shutil.copytree(EXAMPLES / "legacy", tmp_path / "legacy")
    with open_emulator() as emulator_in_process:
        api, caller = _in_process_api(emulator_in_process)
        project = Project.open(directory)
        target = Target("legacy", OFFICIAL, dialect="2017")
        session = Session(project, target, desired_state(project.manifests()), api)
        plan = session.plan()
        outcome = session.apply(plan, consent=Consent(), progress=lambda change, status: None)
        assert outcome.ok and len(outcome.done) == 10
        assert session.plan().empty
        assert _custom(api) == EXPECTED_NAMES
        caller.close()


def _in_process_api(emulator: Emulator) -> tuple[LegacyVodApi, LegacyCaller]:
    """vodops's legacy client on the emulator without a socket (httpx's WSGI transport)."""
    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = LegacyCaller(OFFICIAL, credentials, transport=EmulatorTransport(emulator))
    return LegacyVodApi(RetryingCaller(caller), caller, None), caller


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize("seed", [1, 2])
def test_retries_and_create_or_find_hold_on_the_legacy_wire(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str, seed: int
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    emulator.set_knobs(Knobs(fault_rate=0.25, seed=seed))  # internal, throttle, drop-before, drop-after
    applied = vodops("apply", directory, "--target", "legacy", "--yes")
    assert applied.code == 0, applied.text
    assert len([call.fault for call in emulator.calls if call.fault]) >= 3
    emulator.set_knobs(Knobs())
    assert _names_through_2018(endpoint) == EXPECTED_NAMES, "nothing missing, no duplicates"
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("cloud_keys")
def test_the_quickstart_on_a_legacy_target_is_refused_before_any_call(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str
) -> None:
    directory = _legacy_project(tmp_path, endpoint, EXAMPLES / "quickstart")
    planned = vodops("plan", directory, "--target", "legacy")
    assert planned.code == 1
    gop = (
        "spec.videoTemplate.gop: the legacy API takes a GOP only in seconds, 1-10 (maxGop): "
        "write gop 1-10 with gopUnit: second"
    )
    h265 = "libx265 on the legacy API needs an explicit width and height within 640x480"
    assert planned.err.replace(f"{directory}/", "").splitlines() == [
        "procedures.yaml:5:12: Procedure 'ingest-hls': the legacy API (dialect 2017) has no Procedure kind; "
        "target 'legacy' cannot hold it",
        f"transcode.yaml:8:83: {gop}",
        f"transcode.yaml:17:85: {gop}",
        "transcode.yaml:26:3: spec.segmentType: the legacy API (dialect 2017) has no such field",
        f"transcode.yaml:27:59: spec.videoTemplate.width: {h265}",
        f"transcode.yaml:27:72: spec.videoTemplate.height: {h265}",
        f"transcode.yaml:27:86: {gop}",
        "watermarks.yaml:8:3: spec.coordinateOrigin: TopRight has no legacy form (it takes TopLeft)",
        "watermarks.yaml:17:3: spec.type: text has no legacy form (it takes image)",
        "watermarks.yaml:18:3: spec.coordinateOrigin: BottomLeft has no legacy form (it takes TopLeft)",
        "10 problems: the manifests are invalid; nothing was sent to the API",
    ]
    assert emulator.calls == []


@pytest.mark.usefixtures("cloud_keys")
def test_sdk_made_objects_export_adopt_and_converge(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str, legacy_sdk: LegacySdk
) -> None:
    _made_with_the_legacy_sdk(legacy_sdk)
    directory = _legacy_project(tmp_path, endpoint)
    for manifest in directory.glob("*.yaml"):
        if manifest.name != "vodops.yaml":
            manifest.unlink()
    exported = vodops("export", directory, "--target", "legacy")
    assert exported.code == 0, exported.text
    assert "exported 2 MediaClass" in exported.out and "exported 1 WatermarkTemplate" in exported.out
    planned = vodops("plan", directory, "--target", "legacy")
    assert "Plan: 2 to adopt." in planned.out, planned.text  # classes carry no marker
    assert vodops("apply", directory, "--target", "legacy", "--yes", "--adopt").code == 0
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0
    template = legacy_sdk("QueryTranscodeTemplateList")["data"][-1]
    assert template["name"] == "sdk-720p"
    assert re.fullmatch(r"made by hand \[vodops:default=[0-9a-f]{8}\]", template["comment"])


def _made_with_the_legacy_sdk(legacy_sdk: LegacySdk) -> None:
    movies = legacy_sdk("CreateClass", {"className": "Movies"})["newClassId"]
    legacy_sdk("CreateClass", {"className": "Action", "parentId": movies})
    video = {
        "codec": "libx264",
        "fps": 25,
        "bitrate": 1800,
        "width": 1280,
        "height": 720,
        "videoProfile": "main",
    }
    audio = {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 48000, "soundSystem": 2}
    legacy_sdk(
        "CreateTranscodeTemplate",
        {"name": "sdk-720p", "comment": "made by hand", "container": "mp4", "video": video, "audio": audio},
    )
    upload = legacy_sdk("ApplyUploadWatermark", {"type": "png"})["uploadUrl"]
    httpx.put(upload, content=LOGO).raise_for_status()
    made = legacy_sdk(
        "CreateWatermarkTemplate",
        {"name": "sdk-logo", "type": "image", "url": upload, "width": "8%", "top": "2%"},
    )
    assert made["code"] == 0, made


@pytest.mark.usefixtures("cloud_keys")
def test_objects_made_through_2018_are_seen_through_the_legacy_api(
    vodops: Vodops, tmp_path: Path, endpoint: str, legacy_sdk: LegacySdk
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    assert vodops("apply", directory, "--endpoint", endpoint, "--yes").code == 0  # the 2018 wire
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0
    templates = {
        t["name"]: t for t in legacy_sdk("QueryTranscodeTemplateList")["data"] if t["onPremise"] == 0
    }
    assert sorted(templates) == EXPECTED_NAMES[TRANSCODE]
    hls = templates["hls-720p"]["video"]
    assert (hls["maxGop"], hls["width"], hls["height"], hls["bitrate"]) == (2, 1280, 720, 1800)
    [logo] = legacy_sdk("QueryWatermarkTemplateList")["watermarkList"]
    assert (logo["name"], logo["left"], logo["width"]) == ("logo", "5%", "12%")
    assert httpx.get(logo["url"]).content == LOGO
    tree: list[dict[str, Any]] = legacy_sdk("DescribeAllClass")["data"]
    assert sorted((node["info"]["name"], len(node["subclass"])) for node in tree) == [
        ("Movies", 2),
        ("Series", 1),
    ]


@pytest.mark.usefixtures("cloud_keys")
def test_the_legacy_quota_of_16_transcode_templates_is_checked_at_plan_time(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str, legacy_sdk: LegacySdk
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    video = {"codec": "libx264", "fps": 25, "bitrate": 1000}
    audio = {"codec": "libfdk_aac", "bitrate": 64, "sampleRate": 44100}
    for number in range(13):
        template = {"name": f"old-{number}", "container": "mp4", "video": video, "audio": audio}
        assert legacy_sdk("CreateTranscodeTemplate", template)["code"] == 0
    before = emulator.snapshot()
    planned = vodops("plan", directory, "--target", "legacy")
    assert planned.code == 1
    assert (
        "TranscodeTemplate: during apply 17 custom templates would exist at once "
        "(creates run before deletes); the API allows 16 per sub-application (1 too many)"
    ) in planned.err
    assert emulator.snapshot() == before


@pytest.mark.usefixtures("cloud_keys")
def test_the_plan_shows_the_legacy_quotas(vodops: Vodops, tmp_path: Path, endpoint: str) -> None:
    planned = vodops("plan", _legacy_project(tmp_path, endpoint), "--target", "legacy")
    assert "Quotas after apply: TranscodeTemplate 4/16, WatermarkTemplate 1/1000" in planned.out
    assert "Procedure" not in planned.out


def test_validate_checks_a_legacy_default_target(vodops: Vodops, tmp_path: Path) -> None:
    directory = shutil.copytree(
        EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops")
    )
    assert vodops("validate", directory).code == 0
    settings = {"defaultTarget": "old", "targets": {"old": {"dialect": "2017"}}}
    (directory / "vodops.yaml").write_text(yaml.safe_dump(settings))
    validated = vodops("validate", directory)
    assert validated.code == 1
    assert (
        "procedures.yaml:5:12: Procedure 'ingest-hls': the legacy API (dialect 2017) has no Procedure kind"
        in (validated.err)
    )
    assert (
        validated.err.splitlines()[-1]
        == "10 problems: the manifests are invalid; nothing was sent to the API"
    )
    assert vodops("validate", shutil.copytree(EXAMPLES / "legacy", tmp_path / "legacy")).code == 0


@pytest.mark.usefixtures("cloud_keys")
def test_updates_replaced_images_and_deletes_converge_on_the_legacy_wire(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str, legacy_sdk: LegacySdk
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    assert vodops("apply", directory, "--target", "legacy", "--yes").code == 0
    transcode = (directory / "transcode.yaml").read_text()
    transcode = transcode.replace("bitrate: 1800", "bitrate: 2000").replace(", videoProfile: high", "")
    documents = transcode.split("---\n")
    (directory / "transcode.yaml").write_text("---\n".join(d for d in documents if "hls-480p" not in d))
    classes = (directory / "classes.yaml").read_text().split("---\n")
    (directory / "classes.yaml").write_text("---\n".join(d for d in classes if "Documentary" not in d))
    (directory / "logo.png").write_bytes(LOGO + b"\0")  # another picture, as far as anyone can tell
    planned = vodops("plan", directory, "--target", "legacy")
    assert "Plan: 3 to update, 2 to delete." in planned.out, planned.text
    assert "videoTemplate.videoProfile: high -> (default)" in planned.out
    applied = vodops("apply", directory, "--target", "legacy", "--yes")
    assert applied.code == 0, applied.text
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0
    [logo] = legacy_sdk("QueryWatermarkTemplateList")["watermarkList"]
    assert httpx.get(logo["url"]).content == LOGO + b"\0"
    names = [t["name"] for t in legacy_sdk("QueryTranscodeTemplateList")["data"] if t["onPremise"] == 0]
    assert sorted(names) == ["hls-1080p", "hls-720p", "mp4-download"]
    assert {"UpdateTranscodeTemplate", "UpdateWatermarkTemplate", "DeleteClass"} <= {
        c.action for c in emulator.calls
    }


@pytest.mark.usefixtures("cloud_keys")
def test_a_saved_plan_applies_on_the_legacy_wire(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    saved = tmp_path / "plan.json"
    assert vodops("plan", directory, "--target", "legacy", "--out", saved).code == 0
    applied = vodops("apply", directory, "--plan", saved, "--target", "legacy", "--yes")
    assert applied.code == 0 and "Apply complete: 10 created." in applied.out, applied.text
    assert "CreateTranscodeTemplate" in {call.action for call in emulator.calls}
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("default_keys")
def test_through_vodops_emulator_serve(vodops: Vodops, tmp_path: Path) -> None:
    """The emulator as users run it, a separate `vodops emulator serve` process."""
    with served() as url:
        directory = _legacy_project(tmp_path, url)
        applied = vodops("apply", directory, "--target", "legacy", "--yes")
        assert applied.code == 0 and "Apply complete: 10 created." in applied.out, applied.text
        assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0
        assert _names_through_2018(url, Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)) == EXPECTED_NAMES


def test_the_readme_legacy_sdk_snippet_works(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text().split("## The legacy API", 1)[1]
    snippet = readme.split("```python\n", 1)[1].split("```", 1)[0]
    with served() as url:
        port = url.rsplit(":", 1)[1]
        script = tmp_path / "snippet.py"
        script.write_text(snippet.replace('"127.0.0.1", 9000', f'"127.0.0.1", {port}'))
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
        )
    assert result.returncode == 0, result.stdout + result.stderr
    created, missing = result.stdout.splitlines()
    assert "'newClassId': '1'" in created and "'codeDesc': 10704" in missing


@pytest.mark.usefixtures("cloud_keys")
def test_an_image_replaced_outside_vodops_is_seen_and_put_back(
    vodops: Vodops, tmp_path: Path, endpoint: str, legacy_sdk: LegacySdk
) -> None:
    directory = _legacy_project(tmp_path, endpoint)
    assert vodops("apply", directory, "--target", "legacy", "--yes").code == 0
    [logo] = legacy_sdk("QueryWatermarkTemplateList")["watermarkList"]
    upload = legacy_sdk("ApplyUploadWatermark", {"type": "png"})["uploadUrl"]
    httpx.put(upload, content=LOGO + b"console").raise_for_status()
    changed = {"definition": logo["definition"], "width": logo["width"], "url": upload}
    assert legacy_sdk("UpdateWatermarkTemplate", changed)["code"] == 0
    planned = vodops("plan", directory, "--target", "legacy")
    assert "Plan: 1 to update." in planned.out and "imageTemplate.imageFile" in planned.out, planned.text
    assert vodops("apply", directory, "--target", "legacy", "--yes").code == 0
    assert vodops("plan", directory, "--target", "legacy", "--detailed-exitcode").code == 0
    [logo] = legacy_sdk("QueryWatermarkTemplateList")["watermarkList"]
    assert httpx.get(logo["url"]).content == LOGO and logo["width"] == "12%"
