"""Procedure templates: names, the normalized echo, reset-replaces, presets, paging, quota."""

from __future__ import annotations

import typing
from datetime import datetime, timedelta, timezone

import pytest

from vodops.resources.tasks import FontType

FONTS = typing.get_args(FontType)

TRANSCODE = {"TranscodeTaskSet": [{"Definition": 100030, "WatermarkSet": [{"Definition": 7}]}]}


def describe(api, **params):
    return api("DescribeProcedureTemplates", **params)


def one(api, name, **params):
    (template,) = describe(api, Names=[name], **params)["ProcedureTemplateSet"]
    return template


def china(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone(timedelta(hours=8))).isoformat()


def test_round_trip_with_the_normalized_echo(api, clock):
    api.typed("CreateProcedureTemplate", Name="web", MediaProcessTask=TRANSCODE)
    shown = one(api, "web")
    assert shown == {
        "Name": "web",
        "Type": "Custom",
        "Comment": "",
        "MediaProcessTask": {
            "TranscodeTaskSet": [
                {
                    "Definition": 100030,
                    "WatermarkSet": [
                        {
                            "Definition": 7,
                            "TextContent": "",
                            "SvgContent": "",
                            "StartTimeOffset": 0,
                            "EndTimeOffset": 0,
                        }
                    ],
                    "TraceWatermark": {"Switch": "", "Definition": 0},
                    "CopyRightWatermark": {"Text": ""},
                    "BlindWatermark": None,
                    "MosaicSet": [],
                    "HeadTailSet": [],
                    "StartTimeOffset": 0,
                    "EndTimeOffset": 0,
                    "OverrideParameter": None,
                    "SubtitleInfoSet": [],
                }
            ],
            "AnimatedGraphicTaskSet": [],
            "SnapshotByTimeOffsetTaskSet": [],
            "SampleSnapshotTaskSet": [],
            "ImageSpriteTaskSet": [],
            "CoverBySnapshotTaskSet": [],
            "AdaptiveDynamicStreamingTaskSet": [],
        },
        "AiContentReviewTask": None,
        "AiAnalysisTask": None,
        "AiRecognitionTaskSet": [],
        "AiRecognitionTask": None,
        "ReviewAudioVideoTask": None,
        "MiniProgramPublishTask": None,
        "CreateTime": china(clock.now),
        "UpdateTime": china(clock.now),
    }

    clock.advance(30)
    api("ResetProcedureTemplate", Name="web", Comment="review only", ReviewAudioVideoTask={"Definition": 10})
    shown = one(api, "web")
    assert shown["MediaProcessTask"] is None  # reset replaces everything not sent
    assert shown["ReviewAudioVideoTask"] == {"Definition": 10, "ReviewContents": []}
    assert shown["Comment"] == "review only"
    assert shown["UpdateTime"] == china(clock.now) != shown["CreateTime"]

    api("DeleteProcedureTemplate", Name="web")
    assert describe(api, Type="Custom")["TotalCount"] == 0


def test_nothing_given_shows_nulls(api):
    api("CreateProcedureTemplate", Name="empty")
    shown = one(api, "empty")
    assert shown["MediaProcessTask"] is None
    assert shown["AiRecognitionTaskSet"] == []


def test_override_parameters_echo_as_given(api):
    override = {"Container": "mp4", "VideoTemplate": {"Bitrate": 900}}
    api(
        "CreateProcedureTemplate",
        Name="o",
        MediaProcessTask={"TranscodeTaskSet": [{"Definition": 100030, "OverrideParameter": override}]},
    )
    task = one(api, "o")["MediaProcessTask"]["TranscodeTaskSet"][0]
    assert task["OverrideParameter"] == override


def test_the_single_ai_recognition_task_is_kept_beside_the_set(api):
    api(
        "CreateProcedureTemplate",
        Name="ai",
        AiRecognitionTask={"Definition": 10},
        AiRecognitionTaskSet=[{"Definition": 20}],
    )
    shown = one(api, "ai")
    assert shown["AiRecognitionTask"] == {"Definition": 10}
    assert shown["AiRecognitionTaskSet"] == [{"Definition": 20}]
    api("ResetProcedureTemplate", Name="ai", AiRecognitionTaskSet=[{"Definition": 20}])
    assert one(api, "ai")["AiRecognitionTask"] is None


def test_every_task_kind_fits_the_sdk_models(api):
    media = {
        **TRANSCODE,
        "AnimatedGraphicTaskSet": [{"Definition": 20000, "StartTimeOffset": 0, "EndTimeOffset": 5}],
        "SnapshotByTimeOffsetTaskSet": [{"Definition": 10, "ExtTimeOffsetSet": ["1s", "50%"]}],
        "SampleSnapshotTaskSet": [{"Definition": 10}],
        "ImageSpriteTaskSet": [{"Definition": 10}],
        "CoverBySnapshotTaskSet": [{"Definition": 10, "PositionType": "Time", "PositionValue": 0}],
        "AdaptiveDynamicStreamingTaskSet": [
            {
                "Definition": 10,
                "SubtitleSet": ["sub"],
                "TraceWatermark": {"Switch": "ON"},
                "DrmInfo": {
                    "DrmTypes": ["Widevine"],
                    "SPEKEDrm": {"ResourceId": "r", "KeyServerUrl": "https://k", "Vector": "0" * 32},
                },
                "SubtitleInfoSet": [{"Id": "SUBTITLE_ID_PLACE_HOLDER", "FontColor": "0xFFFFFF"}],
            }
        ],
    }
    api(
        "CreateProcedureTemplate",
        Name="all",
        MediaProcessTask=media,
        AiContentReviewTask={"Definition": 10},
        AiAnalysisTask={"Definition": 10},
        ImportMediaKnowledgeTaskSet=[{"Definition": 1, "KnowledgeBaseIds": ["kb"]}],
    )
    typed = api.typed("DescribeProcedureTemplates", Names=["all"])
    ads = typed["ProcedureTemplateSet"][0]["MediaProcessTask"]["AdaptiveDynamicStreamingTaskSet"][0]
    assert ads["DrmInfo"]["SPEKEDrm"]["EncryptionMethod"] is None


SUBTITLE_DEFAULTS = {
    "FontType": "hei.ttf", "FontSize": "", "FontColor": "0xFFFFFF", "FontAlpha": 1, "YPos": "",
    "BoardY": "", "BoardWidth": "", "BoardHeight": "", "BoardColor": "0x000000", "BoardAlpha": 0.8,
    "Alignment": "bottom", "OutlineWidth": "", "OutlineColor": "0x000000", "OutlineAlpha": 1,
    "ShadowWidth": "", "ShadowColor": "0x000000", "ShadowAlpha": 1, "LineSpacing": "0px",
}  # fmt: skip
MOSAIC_DEFAULTS = {
    "CoordinateOrigin": "TopLeft", "XPos": "0px", "YPos": "0px", "Width": "10%", "Height": "10%",
    "StartTimeOffset": 0, "EndTimeOffset": 0,
}  # fmt: skip


def test_subtitles_and_mosaics_show_every_member_with_its_documented_default(api):
    subtitle = {"Id": "SUBTITLE_ID_PLACE_HOLDER", "FontSize": "5%", "FontType": "notosansjp.ttf"}
    api(
        "CreateProcedureTemplate",
        Name="s",
        MediaProcessTask={
            "TranscodeTaskSet": [
                {"Definition": 100030, "SubtitleInfoSet": [subtitle], "MosaicSet": [{"Width": "20%"}]}
            ]
        },
    )
    task = one(api, "s")["MediaProcessTask"]["TranscodeTaskSet"][0]
    assert task["SubtitleInfoSet"] == [{"Id": "SUBTITLE_ID_PLACE_HOLDER", **SUBTITLE_DEFAULTS, **subtitle}]
    assert task["MosaicSet"] == [{**MOSAIC_DEFAULTS, "Width": "20%"}]


@pytest.mark.parametrize("font", FONTS)
def test_every_documented_subtitle_font_is_accepted(api, font):
    task = {"Definition": 100030, "SubtitleInfoSet": [{"Id": "s", "FontType": font}]}
    api("CreateProcedureTemplate", Name="fonts", MediaProcessTask={"TranscodeTaskSet": [task]})
    api("ResetProcedureTemplate", Name="fonts", MediaProcessTask={"AdaptiveDynamicStreamingTaskSet": [task]})


def test_names_are_unique_including_presets(api):
    api("CreateProcedureTemplate", Name="web")
    assert api.code("CreateProcedureTemplate", Name="web") == "InvalidParameter.ExistedProcedureName"
    assert api.code("CreateProcedureTemplate", Name="default") == ("InvalidParameter.ExistedProcedureName")


def test_names_are_at_most_20_characters_counted_as_code_points(api):
    api("CreateProcedureTemplate", Name="任务流" * 6 + "甲乙")  # 20 characters, 60 bytes
    assert api.code("CreateProcedureTemplate", Name="n" * 21) == "InvalidParameterValue.ProcedureName"


def test_unknown_names(api):
    assert api.code("ResetProcedureTemplate", Name="nope") == "InvalidParameter.ProcedureNameNotExist"
    error = api.fails("DeleteProcedureTemplate", Name="nope")
    assert error.get_code() == "InvalidParameter"
    assert "not exist" in error.get_message()


def test_the_default_preset(api):
    preset = one(api, "default")
    assert preset["Type"] == "Preset"
    tasks = preset["MediaProcessTask"]["TranscodeTaskSet"]
    assert [t["Definition"] for t in tasks] == [1010]
    assert preset["AiRecognitionTask"] == {"Definition": 70}
    assert preset["CreateTime"] == "2019-10-23T20:47:15+08:00"
    assert api.code("ResetProcedureTemplate", Name="default") == "FailedOperation"
    assert api.code("DeleteProcedureTemplate", Name="default") == "FailedOperation"


def test_presets_first_then_creation_order_and_sorting(api, clock):
    for name in ("b", "a", "c"):
        clock.advance(1)
        api("CreateProcedureTemplate", Name=name)
    names = [t["Name"] for t in describe(api)["ProcedureTemplateSet"]]
    assert names == ["default", "b", "a", "c"]
    newest = describe(api, SortBy=[{"Field": "CreateTime", "Order": "Desc"}])
    assert [t["Name"] for t in newest["ProcedureTemplateSet"]] == ["c", "a", "b", "default"]
    custom = describe(api, Type="Custom", Offset=1, Limit=1)
    assert (custom["TotalCount"], custom["ProcedureTemplateSet"][0]["Name"]) == (3, "a")


def test_the_quota_is_50_custom_procedures(api):
    for i in range(50):
        api("CreateProcedureTemplate", Name=f"p{i}")
    assert api.code("CreateProcedureTemplate", Name="p50") == "LimitExceeded"
