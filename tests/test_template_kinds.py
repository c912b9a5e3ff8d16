"""The ten processing-template kinds: each round-trips (apply, then plan is empty), is marked and
adopted like any kind, and an account made with the official SDK exports, adopts and plans empty."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, Vodops
from tests.helpers import document, live_api, write
from tests.live_accounts import snapshot
from tests.spec_strategies import spec_of
from tests.template_accounts import (
    ADAPTIVE,
    ANALYSIS,
    ANIMATED,
    CONTENT_REVIEW,
    HEAD_TAIL,
    RECOGNITION,
    REVIEW,
    SAMPLE,
    SPRITE,
    TEMPLATE_KINDS,
    TIME_OFFSET,
    template_account,
)
from vodops.apply.run import Consent
from vodops.render.text import render_plan
from vodops.resources import KINDS
from vodops.session import open_session

RUNG = {
    "video": {"codec": "libx264", "fps": 30, "bitrate": 1800, "width": 1280, "height": 720},
    "audio": {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 44100},
}
_PORN = {"imgReviewInfo": {"switch": "ON", "labelSet": ["porn", "sexy"], "blockConfidence": 85}}
_FRAMES = {"switch": "ON", "screenshotInterval": 2}
_FACES = {"switch": "ON", "score": 90, "faceLibrary": "Default"}
_TRANSLATE = {"switch": "ON", "srcLanguage": "en", "dstLanguage": "zh", "subtitleFormats": ["vtt"]}
# One spec of each kind setting many of its fields, and one field to change in it.
SPECS: dict[str, tuple[dict[str, Any], tuple[str, ...], Any]] = {
    ADAPTIVE: ({"format": "HLS", "segmentDuration": 4, "disableHigherVideoBitrate": 1,
                "streamInfos": [RUNG, {**RUNG, "removeAudio": 1}]}, ("segmentDuration",), 8),
    TIME_OFFSET: ({"format": "png", "width": 1280, "height": 720, "fillType": "gauss"}, ("width",), 640),
    SAMPLE: ({"sampleType": "Percent", "sampleInterval": 10, "format": "webp"}, ("sampleInterval",), 25),
    SPRITE: ({"sampleType": "Time", "sampleInterval": 5, "rowCount": 10, "columnCount": 10, "width": 256,
              "height": 144}, ("rowCount",), 5),
    ANIMATED: ({"fps": 10, "width": 320, "format": "webp", "quality": 80}, ("fps",), 15),
    HEAD_TAIL: ({"headCandidateSet": ["5285485487985271487"], "fillType": "white"}, ("fillType",), "black"),
    CONTENT_REVIEW: ({"reviewWallSwitch": "ON", "screenshotInterval": 2, "pornConfigure": _PORN},
                     ("pornConfigure", "imgReviewInfo", "blockConfidence"), 70),
    REVIEW: ({"labels": ["Porn", "Ad"]}, ("labels",), ["Porn", "Terror", "Ad"]),
    ANALYSIS: ({"tagConfigure": {"switch": "ON"}, "frameTagConfigure": _FRAMES},
               ("frameTagConfigure", "screenshotInterval"), 5.0),
    RECOGNITION: ({"faceConfigure": _FACES, "asrTranslateConfigure": _TRANSLATE},
                  ("faceConfigure", "score"), 80.0),
}  # fmt: skip
# Where a procedure uses a template of each kind: (field, media task or not, the use).
USES: dict[str, tuple[str, bool, dict[str, Any]]] = {
    ADAPTIVE: ("adaptiveDynamicStreamingTaskSet", True, {}),
    TIME_OFFSET: ("coverBySnapshotTaskSet", True, {"positionType": "Time", "positionValue": 1}),
    SAMPLE: ("sampleSnapshotTaskSet", True, {}),
    SPRITE: ("imageSpriteTaskSet", True, {}),
    ANIMATED: ("animatedGraphicTaskSet", True, {"startTimeOffset": 0, "endTimeOffset": 5}),
    HEAD_TAIL: ("transcodeTaskSet", True, {}),
    CONTENT_REVIEW: ("aiContentReviewTask", False, {}),
    REVIEW: ("reviewAudioVideoTask", False, {"reviewContents": ["Media"]}),
    ANALYSIS: ("aiAnalysisTask", False, {}),
    RECOGNITION: ("aiRecognitionTaskSet", False, {}),
}
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def custom(api: Any, kind: str) -> list[dict[str, Any]]:
    """The kind's templates that are not presets (some kinds show no Type: presets are ids < 10000)."""
    return [item for item in api.list(kind) if not KINDS[kind].is_preset(item)]


def _set(spec: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    changed = {**spec}
    node = changed
    for step in path[:-1]:
        node[step] = {**node[step]}
        node = node[step]
    node[path[-1]] = value
    return changed


def _converges(vodops: Vodops, directory: Path, *options: str) -> None:
    applied = vodops("apply", directory, "--yes", *options)
    assert applied.code == 0, applied.text
    again = vodops("plan", directory, "--detailed-exitcode")
    assert again.code == 0, again.out


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_create_update_delete(vodops: Vodops, tmp_path: Path, kind: str) -> None:
    spec, path, value = SPECS[kind]
    write(tmp_path, "t.yaml", document(kind, "mine", {**spec, "comment": "made here"}))
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [made] = custom(api, kind)
    assert made["Name"] == "mine"
    assert re.fullmatch(r"made here \[vodops:default=[0-9a-f]{8}\]", made["Comment"])  # what it applied

    write(tmp_path, "t.yaml", document(kind, "mine", {**_set(spec, path, value), "comment": "made here"}))
    plan = vodops("plan", tmp_path)
    assert "Plan: 1 to update." in plan.out, plan.text
    assert re.search(rf"{'.'.join(path)}(\[\d+\])?: .+ -> ", plan.out), plan.out
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [updated] = custom(api, kind)
    assert updated["Definition"] == made["Definition"]

    write(tmp_path, "t.yaml")
    _converges(vodops, tmp_path, "--allow-delete", f"{kind}/mine")
    with live_api(tmp_path) as api:
        assert custom(api, kind) == []


def test_a_new_drm_type_replaces_the_ladder(vodops: Vodops, tmp_path: Path) -> None:
    spec = {"format": "HLS", "streamInfos": [RUNG]}
    write(tmp_path, "t.yaml", document(ADAPTIVE, "ladder", spec))
    _converges(vodops, tmp_path)
    write(tmp_path, "t.yaml", document(ADAPTIVE, "ladder", {**spec, "drmType": "SimpleAES"}))
    plan = vodops("plan", tmp_path)
    assert "Plan: 1 to replace." in plan.out, plan.out
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [ladder] = custom(api, ADAPTIVE)
    assert ladder["DrmType"] == "SimpleAES"


def _using(names: dict[str, str]) -> dict[str, Any]:
    """A procedure that uses each template of `names` (kind -> name) where the API takes one."""
    flow: dict[str, Any] = {}
    for kind, name in names.items():
        field, media, extra = USES[kind]
        use = (
            {"definition": 100030, "headTailSet": [{"definition": name}]}
            if kind == HEAD_TAIL
            else {"definition": name, **extra}
        )
        holder = flow.setdefault("mediaProcessTask", {}) if media else flow
        holder[field] = [use] if field.endswith("Set") else use
    return flow


@st.composite
def _account(draw: Any) -> list[dict[str, Any]]:
    """Templates of some kinds, each spec drawn from its model, and a procedure that uses them."""
    kinds = draw(st.lists(st.sampled_from(TEMPLATE_KINDS), min_size=1, max_size=4, unique=True))
    names = {kind: f"t{i}" for i, kind in enumerate(kinds)}
    templates = [document(kind, name, draw(spec_of(KINDS[kind].spec))) for kind, name in names.items()]
    return [*templates, document("Procedure", "flow", _using(names))]


@PROPERTY
@given(_account())
def test_generated_specs_plan_to_nothing_after_apply(documents: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        write(Path(scratch), "t.yaml", *documents)
        with open_session(Path(scratch), None) as session:
            outcome = session.apply(session.plan(), consent=Consent(), progress=lambda change, status: None)
            assert outcome.ok, outcome.failed
        with open_session(Path(scratch), None) as session:
            again = session.plan()
        assert again.empty, render_plan(again)


def test_an_unmarked_namesake_is_adopted_with_adopt(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        made = api.create(SPRITE, {"Name": "scrub", "SampleType": "Time", "SampleInterval": 5,
                                   "RowCount": 10, "ColumnCount": 10, "Comment": "console"})  # fmt: skip
    write(tmp_path, "t.yaml", document(SPRITE, "scrub", {**SPECS[SPRITE][0]}))
    plan = vodops("plan", tmp_path)
    assert f"! adopt ImageSpriteTemplate 'scrub' (id {made})" in plan.out, plan.out
    assert vodops("apply", tmp_path, "--yes").code == 1  # not without --adopt
    _converges(vodops, tmp_path, "--adopt")
    with live_api(tmp_path) as api:
        [adopted] = custom(api, SPRITE)
    assert adopted["Definition"] == made
    assert re.fullmatch(r"\[vodops:default=[0-9a-f]{8}\]", adopted["Comment"])


def test_the_held_out_sdk_account_exports_adopts_and_plans_empty(vodops: Vodops, tmp_path: Path) -> None:
    ids = template_account(tmp_path)
    before = snapshot(tmp_path)
    exported = vodops("export", tmp_path)
    assert exported.code == 0, exported.text
    invented = set(re.findall(r"^named (\w+) (\d+) '([^']+)'", exported.out, re.MULTILINE))
    assert (SAMPLE, str(ids["unnamed"]), f"sample-snapshot-{ids['unnamed']}") in invented
    assert {(ANIMATED, str(ids[label])) for label in ("gif", "gif-again")} <= {i[:2] for i in invented}

    assert vodops("validate", tmp_path).code == 0
    plan = vodops("plan", tmp_path)
    assert "to adopt" in plan.out and "to create" not in plan.out, plan.out
    _converges(vodops, tmp_path, "--adopt")
    after = snapshot(tmp_path)
    for kind, live_id, name in invented:
        assert after[kind][live_id]["Name"] == name
        after[kind][live_id]["Name"] = before[kind][live_id]["Name"]
    assert after == before, "only markers and invented names may change"


def test_the_streaming_example_applies_and_converges(vodops: Vodops, tmp_path: Path) -> None:
    example = shutil.copytree(EXAMPLES / "streaming", tmp_path / "streaming")
    assert "OK: 7 resources" in vodops("validate", example).out
    assert "Plan: 7 to create." in vodops("plan", example).out
    _converges(vodops, example)
    with live_api(example) as api:
        [ladder], [sprite], [flow] = custom(api, ADAPTIVE), custom(api, SPRITE), custom(api, "Procedure")
        [mark] = custom(api, "WatermarkTemplate")
        [player] = custom(api, "SuperPlayerConfig")
    media = flow["MediaProcessTask"]
    assert media["AdaptiveDynamicStreamingTaskSet"][0]["Definition"] == ladder["Definition"]
    assert media["AdaptiveDynamicStreamingTaskSet"][0]["WatermarkSet"][0]["Definition"] == mark["Definition"]
    assert media["ImageSpriteTaskSet"][0]["Definition"] == sprite["Definition"]
    assert flow["ReviewAudioVideoTask"]["ReviewContents"] == ["Media", "Cover"]
    assert player["AdaptiveDynamicStreamingDefinition"] == ladder["Definition"]  # named, sent by id
    assert player["ImageSpriteDefinition"] == sprite["Definition"]


def test_subtitle_formats_change_by_the_operation_modify_takes(vodops: Vodops, tmp_path: Path) -> None:
    spec = {"asrTranslateConfigure": {**_TRANSLATE, "subtitleFormats": ["vtt"]}}
    write(tmp_path, "t.yaml", document(RECOGNITION, "subs", spec))
    _converges(vodops, tmp_path)
    for formats in (["vtt", "srt"], []):
        spec["asrTranslateConfigure"]["subtitleFormats"] = formats
        write(tmp_path, "t.yaml", document(RECOGNITION, "subs", spec))
        assert "Plan: 1 to update." in vodops("plan", tmp_path).out
        _converges(vodops, tmp_path)  # ModifyAIRecognitionTemplate takes SubtitleFormatsOperation only
        with live_api(tmp_path) as api:
            [live] = custom(api, RECOGNITION)
        assert live["AsrTranslateConfigure"]["SubtitleFormats"] == formats
