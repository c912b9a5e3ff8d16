"""The ten processing-template kinds through the official SDK's typed client (VodClient and its
models, with "useless field" warnings made errors): every action works, presets are listed and
protected, quotas hold, Modify merges (refusals: test_processing_refusals.py)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.emulator.conftest import Api
from tests.emulator.processing_corpus import TEMPLATES
from vodops.emulator import Emulator
from vodops.emulator.backend.processing import KINDS

NAMES = sorted(TEMPLATES)
BY_NAME = {kind.name: kind for kind in KINDS}
WITH_PRESETS = [kind.name for kind in KINDS if kind.presets]


def _shown(api: Api, kind: str, **filters: Any) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = api.typed(f"Describe{kind}s", **filters)[f"{kind}Set"]
    return shown


@pytest.mark.parametrize("kind", NAMES)
def test_every_action_through_the_typed_sdk(api: Api, clock: Any, kind: str) -> None:
    _, maximal, modify = TEMPLATES[kind]
    definition = api.typed(f"Create{kind}", **maximal)["Definition"]
    assert definition >= 10001
    [created] = _shown(api, kind, Definitions=[definition])
    assert created["Definition"] == definition
    assert created.get("Type", "Custom") == "Custom"
    assert {k: created[k] for k in ("Name", "Comment") if k in maximal} == {
        k: maximal[k] for k in ("Name", "Comment") if k in maximal
    }
    clock.advance(60)
    api.typed(f"Modify{kind}", Definition=definition, **modify)
    [modified] = _shown(api, kind, Definitions=[definition])
    assert modified["UpdateTime"] > created["UpdateTime"] == modified["CreateTime"]
    assert modified.get("Name") == modify.get("Name", created["Name"])
    api.typed(f"Delete{kind}", Definition=definition)
    assert _shown(api, kind, Definitions=[definition]) == []


@pytest.mark.parametrize("kind", NAMES)
def test_minimal_templates_show_the_server_filled_defaults(api: Api, kind: str) -> None:
    definition = api(f"Create{kind}", **TEMPLATES[kind][0])["Definition"]
    [shown] = _shown(api, kind, Definitions=[definition])
    assert shown["Name"] == "" or kind == "HeadTailTemplate"
    assert shown["CreateTime"].endswith("Z")


def test_defaults_are_the_documented_ones(api: Api) -> None:
    sprite = api("CreateImageSpriteTemplate", **TEMPLATES["ImageSpriteTemplate"][0])["Definition"]
    [shown] = _shown(api, "ImageSpriteTemplate", Definitions=[sprite])
    assert (shown["Format"], shown["FillType"], shown["ResolutionAdaptive"], shown["Width"]) == (
        "jpg", "black", "open", 0,
    )  # fmt: skip
    ladder = api("CreateAdaptiveDynamicStreamingTemplate", **TEMPLATES["AdaptiveDynamicStreamingTemplate"][0])
    [adaptive] = _shown(api, "AdaptiveDynamicStreamingTemplate", Definitions=[ladder["Definition"]])
    assert (adaptive["DrmType"], adaptive["DrmKeyProvider"], adaptive["SegmentDuration"]) == ("", "VOD", 6)
    assert adaptive["StreamInfos"][0]["Video"]["FillType"] == "black"
    recognition = api("CreateAIRecognitionTemplate", FaceConfigure={"Switch": "ON"})["Definition"]
    [ai] = _shown(api, "AIRecognitionTemplate", Definitions=[recognition])
    assert ai["FaceConfigure"]["FaceLibrary"] == "All"
    assert ai["HeadTailConfigure"] == {"Switch": "OFF"}


@pytest.mark.parametrize("kind", WITH_PRESETS)
def test_presets_are_listed_first_and_cannot_be_changed(api: Api, kind: str) -> None:
    presets = [number for number, _ in BY_NAME[kind].presets]
    custom = api(f"Create{kind}", **TEMPLATES[kind][0])["Definition"]
    listed = [t["Definition"] for t in _shown(api, kind, Limit=100)]
    assert listed == [*presets, custom]
    before = _shown(api, kind, Definitions=presets)
    assert api.code(f"Modify{kind}", Definition=presets[0], Name="x") == (
        "InvalidParameterValue.ModifyDefaultTemplate"
    )
    assert api.code(f"Delete{kind}", Definition=presets[0]) == "InvalidParameterValue.DeleteDefaultTemplate"
    assert _shown(api, kind, Definitions=presets) == before


def test_presets_carry_the_parameters_tencent_lists(api: Api) -> None:
    [sprite] = _shown(api, "ImageSpriteTemplate", Definitions=[10])
    assert (sprite["Width"], sprite["Height"], sprite["RowCount"], sprite["ColumnCount"]) == (142, 80, 10, 10)
    assert (sprite["SampleType"], sprite["SampleInterval"], sprite["Type"]) == ("Time", 10, "Preset")
    ladders = {t["Definition"]: t for t in _shown(api, "AdaptiveDynamicStreamingTemplate", Type="Preset")}
    assert {n: (t["Format"], t["DrmType"]) for n, t in ladders.items()} == {
        10: ("HLS", ""), 12: ("HLS", "SimpleAES"), 20: ("MPEG-DASH", ""),
    }  # fmt: skip
    assert [s["Video"]["Height"] for s in ladders[10]["StreamInfos"]] == [240, 480, 720, 1080, 1440, 2160]
    assert [t["Fps"] for t in _shown(api, "AnimatedGraphicsTemplate", Type="Preset")] == [2, 2]
    [review] = _shown(api, "ReviewTemplate", Type="Preset")
    assert (review["Definition"], review["Labels"]) == (10, ["Porn", "Terror", "Polity", "Moan"])
    [analysis, _] = _shown(api, "AIAnalysisTemplate", Definitions=[10, 20])
    assert (analysis["CoverConfigure"]["Switch"], analysis["FrameTagConfigure"]["Switch"]) == ("ON", "OFF")


@pytest.mark.parametrize("kind", [k for k in WITH_PRESETS if "Type" in BY_NAME[k].describe.by_name])
def test_the_type_filter(api: Api, kind: str) -> None:
    custom = api(f"Create{kind}", **TEMPLATES[kind][0])["Definition"]
    assert [t["Definition"] for t in _shown(api, kind, Type="Custom")] == [custom]
    assert {t["Type"] for t in _shown(api, kind, Type="Preset", Limit=100)} == {"Preset"}


@pytest.mark.parametrize("kind", NAMES)
def test_unknown_definitions_are_refused(api: Api, kind: str) -> None:
    for verb, extra in (("Modify", {"Name": "x"}), ("Delete", {})):
        code = api.code(f"{verb}{kind}", Definition=987654, **extra)
        assert code == "ResourceNotFound.TemplateNotExist"


@pytest.mark.parametrize("kind", NAMES)
def test_the_documented_quota_holds(emulator: Emulator, api: Api, kind: str) -> None:
    quota, body = BY_NAME[kind].quota, TEMPLATES[kind][0]
    for _ in range(quota):
        api(f"Create{kind}", **body)
    before = emulator.snapshot()
    assert api.code(f"Create{kind}", **body) == "LimitExceeded.TooMuchTemplate"
    assert emulator.snapshot() == before
    assert api(f"Describe{kind}s", Limit=1)["TotalCount"] == quota + len(BY_NAME[kind].presets)
    emulator.add_sub_apps([7])
    assert api(f"Create{kind}", SubAppId=7, **body)["Definition"]  # quotas are per application


def test_paging_and_application_isolation(emulator: Emulator, api: Api) -> None:
    emulator.add_sub_apps([7])
    made = [api("CreateReviewTemplate", Labels=["Ad"], Name=f"r{i}")["Definition"] for i in range(5)]
    page = api("DescribeReviewTemplates", Type="Custom", Offset=1, Limit=2)
    assert (page["TotalCount"], [t["Definition"] for t in page["ReviewTemplateSet"]]) == (5, made[1:3])
    assert api("DescribeReviewTemplates", Type="Custom", SubAppId=7)["TotalCount"] == 0
    assert (
        api.code("DeleteReviewTemplate", SubAppId=7, Definition=made[0])
        == "ResourceNotFound.TemplateNotExist"
    )


def test_modify_merges_nested_settings_and_replaces_lists(api: Api) -> None:
    _, maximal, _ = TEMPLATES["ContentReviewTemplate"]
    definition = api("CreateContentReviewTemplate", **maximal)["Definition"]
    api(
        "ModifyContentReviewTemplate",
        Definition=definition,
        PornConfigure={"ImgReviewInfo": {"BlockConfidence": 99}},
    )
    [shown] = _shown(api, "ContentReviewTemplate", Definitions=[definition])
    image = shown["PornConfigure"]["ImgReviewInfo"]
    assert (image["BlockConfidence"], image["ReviewConfidence"], image["LabelSet"]) == (99, 60, ["porn"])
    head_tail = api("CreateHeadTailTemplate", **TEMPLATES["HeadTailTemplate"][1])["Definition"]
    api("ModifyHeadTailTemplate", Definition=head_tail, HeadCandidateSet=["1", "2"])
    [shown] = _shown(api, "HeadTailTemplate", Definitions=[head_tail])
    assert (shown["HeadCandidateSet"], shown["TailCandidateSet"]) == (["1", "2"], ["5285890784246869931"])


@pytest.mark.parametrize(
    ("operation", "expected"),
    [("add", ["vtt", "srt"]), ("delete", []), ("reset", ["srt"])],
)
def test_subtitle_format_operations(api: Api, operation: str, expected: list[str]) -> None:
    asr = {"Switch": "ON", "SubtitleFormats": ["vtt"]}
    definition = api("CreateAIRecognitionTemplate", AsrFullTextConfigure=asr)["Definition"]
    formats = ["srt"] if operation != "delete" else ["vtt"]
    update = {"SubtitleFormatsOperation": {"Type": operation, "Formats": formats}}
    api("ModifyAIRecognitionTemplate", Definition=definition, AsrFullTextConfigure=update)
    [shown] = _shown(api, "AIRecognitionTemplate", Definitions=[definition])
    assert shown["AsrFullTextConfigure"]["SubtitleFormats"] == expected


def test_the_generated_shapes_are_current() -> None:
    result = subprocess.run(
        [sys.executable, "tools/gen_emulator_shapes.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + "run `python tools/gen_emulator_shapes.py`"


def test_a_procedure_names_templates_of_every_kind(api: Api) -> None:
    made = {kind: api(f"Create{kind}", **TEMPLATES[kind][0])["Definition"] for kind in NAMES}
    media = {
        "AdaptiveDynamicStreamingTaskSet": [{"Definition": made["AdaptiveDynamicStreamingTemplate"]}],
        "SnapshotByTimeOffsetTaskSet": [{"Definition": made["SnapshotByTimeOffsetTemplate"]}],
        "SampleSnapshotTaskSet": [{"Definition": made["SampleSnapshotTemplate"]}],
        "ImageSpriteTaskSet": [{"Definition": made["ImageSpriteTemplate"]}],
        "AnimatedGraphicTaskSet": [
            {"Definition": made["AnimatedGraphicsTemplate"], "StartTimeOffset": 0, "EndTimeOffset": 3}
        ],
        "CoverBySnapshotTaskSet": [{"Definition": 10, "PositionType": "Time", "PositionValue": 1}],
        "TranscodeTaskSet": [
            {"Definition": 100210, "HeadTailSet": [{"Definition": made["HeadTailTemplate"]}]}
        ],
    }
    api.typed(
        "CreateProcedureTemplate",
        Name="everything",
        MediaProcessTask=media,
        AiContentReviewTask={"Definition": made["ContentReviewTemplate"]},
        AiAnalysisTask={"Definition": made["AIAnalysisTemplate"]},
        AiRecognitionTaskSet=[{"Definition": made["AIRecognitionTemplate"]}],
        ReviewAudioVideoTask={"Definition": made["ReviewTemplate"]},
    )
    [shown] = api.typed("DescribeProcedureTemplates", Names=["everything"])["ProcedureTemplateSet"]
    assert shown["MediaProcessTask"]["ImageSpriteTaskSet"][0]["Definition"] == made["ImageSpriteTemplate"]
    assert shown["ReviewAudioVideoTask"]["Definition"] == made["ReviewTemplate"]
    assert shown["AiRecognitionTaskSet"][0]["Definition"] == made["AIRecognitionTemplate"]


def test_custom_definitions_never_take_a_presets_id(emulator: Emulator, api: Api) -> None:
    state = emulator.snapshot()
    emulator.restore({**state, "counters": {**state["counters"], "AnimatedGraphicsTemplate": 19999}})
    assert api("CreateAnimatedGraphicsTemplate", Fps=10)["Definition"] == 20002
