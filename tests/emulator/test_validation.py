"""Request validation: unknown, missing, mistyped and out-of-range fields, each with its code."""

from __future__ import annotations

import copy
from typing import Any

import pytest

VIDEO = {"Codec": "libx264", "Fps": 25, "Bitrate": 1800}
AUDIO = {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100}
MP4 = {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
TEXT = {
    "Type": "text",
    "TextTemplate": {"FontType": "arial.ttf", "FontSize": "16px", "FontColor": "0xFFFFFF", "FontAlpha": 1},
}


def with_(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of `base` with the member at dotted `path` set (or removed, for ...)."""
    body = copy.deepcopy(base)
    *parents, last = path.split(".")
    node = body
    for name in parents:
        node = node.setdefault(name, {})
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return body


TRANSCODE_VALUES = [
    ("VideoTemplate.Codec", "vp9", "InvalidParameterValue.VideoCodec"),
    ("VideoTemplate.Fps", 120, "InvalidParameterValue.Fps"),
    ("VideoTemplate.Fps", -1, "InvalidParameterValue.Fps"),
    ("VideoTemplate.Bitrate", 50, "InvalidParameterValue.VideoBitrate"),
    ("VideoTemplate.Width", 100, "InvalidParameterValue.Width"),
    ("VideoTemplate.Height", 9000, "InvalidParameterValue.Height"),
    ("VideoTemplate.FillType", "blur", "InvalidParameterValue.FillType"),
    ("VideoTemplate.ResolutionAdaptive", "auto", "InvalidParameterValue.ResolutionAdaptive"),
    ("VideoTemplate.Vcrf", 52, "InvalidParameterValue.Vcrf"),
    ("VideoTemplate.Gop", 100001, "InvalidParameterValue"),
    ("VideoTemplate.Bframes", 17, "InvalidParameterValue"),
    ("AudioTemplate.Codec", "opus", "InvalidParameterValue.AudioCodec"),
    ("AudioTemplate.Bitrate", 300, "InvalidParameterValue.AudioBitrate"),
    ("AudioTemplate.SampleRate", 22050, "InvalidParameterValue.AudioSampleRate"),
    ("AudioTemplate.AudioChannel", 3, "InvalidParameterValue.AudioChannel"),
    ("Container", "avi", "InvalidParameterValue.Container"),
    ("Name", "n" * 65, "InvalidParameterValue.Name"),
    ("Comment", "c" * 257, "InvalidParameterValue.Comment"),
    ("RemoveVideo", 2, "InvalidParameterValue.RemoveVideo"),
    ("TEHDConfig.Type", "TEHD-200", "InvalidParameterValue.TEHDType"),
    ("SubAppId", -1, "InvalidParameterValue.SubAppId"),
    ("SubAppId", "1", "InvalidParameterValue.SubAppId"),
]


@pytest.mark.parametrize(("path", "value", "code"), TRANSCODE_VALUES)
def test_transcode_values_answer_their_own_codes(api, path, value, code):
    error = api.fails("CreateTranscodeTemplate", **with_(MP4, path, value))
    assert error.get_code() == code
    assert f"`{path}`" in error.get_message()


CROSS_FIELD = [
    (
        {**MP4, "Container": "hls", "VideoTemplate": {**VIDEO, "Codec": "av1"}},
        "InvalidParameterValue.VideoCodec",
    ),
    ({**MP4, "VideoTemplate": {**VIDEO, "Codec": "H.266"}}, "InvalidParameterValue.Vcrf"),
    (
        {**MP4, "Container": "hls", "AudioTemplate": {**AUDIO, "Codec": "libmp3lame"}},
        "InvalidParameterValue.AudioCodec",
    ),
    ({**MP4, "AudioTemplate": {**AUDIO, "SampleRate": 16000}}, "InvalidParameterValue.AudioSampleRate"),
    (
        {"Container": "m4a", "AudioTemplate": {**AUDIO, "AudioChannel": 6}},
        "InvalidParameterValue.AudioChannel",
    ),
    (
        {"Container": "mp3", "VideoTemplate": VIDEO, "AudioTemplate": {**AUDIO, "Codec": "libmp3lame"}},
        "InvalidParameterValue.Container",
    ),
    ({**MP4, "Container": "hls", "SegmentType": "cmaf"}, "InvalidParameterValue"),
    ({"Container": "mp4", "AudioTemplate": AUDIO}, "MissingParameter"),
    ({"Container": "mp4", "VideoTemplate": VIDEO}, "MissingParameter"),
    ({"Container": "mp4", "RemoveVideo": 1, "RemoveAudio": 1}, "InvalidParameterValue.RemoveAudio"),
    (
        {
            **MP4,
            "EnhanceConfig": {
                "VideoEnhance": {"DiffusionEnhance": {"Switch": "ON"}, "ArtifactRepair": {"Switch": "ON"}}
            },
        },
        "InvalidParameterValue",
    ),
]


@pytest.mark.parametrize(("body", "code"), CROSS_FIELD)
def test_transcode_cross_field_rules(api, body, code):
    assert api.code("CreateTranscodeTemplate", **body) == code


def test_audio_only_and_crf_rules_accept_what_they_allow(api):
    api(
        "CreateTranscodeTemplate",
        Container="wav",
        AudioTemplate={"Codec": "pcm16", "Bitrate": 0, "SampleRate": 16000},
    )
    api("CreateTranscodeTemplate", **{**MP4, "VideoTemplate": {**VIDEO, "Codec": "H.266", "Vcrf": 28}})
    api("CreateTranscodeTemplate", Container="flv", RemoveAudio=1, VideoTemplate=VIDEO)


WATERMARK_VALUES = [
    ({"Type": "gif"}, "InvalidParameterValue.Type"),
    ({"Type": "image"}, "InvalidParameterValue.ImageTemplate"),
    ({"Type": "text"}, "InvalidParameterValue.TextTemplate"),
    ({"Type": "svg"}, "InvalidParameterValue.SvgTemplate"),
    (
        {"Type": "image", "ImageTemplate": {"ImageContent": "not base64!"}},
        "InvalidParameterValue.ImageContent",
    ),
    (
        {"Type": "image", "ImageTemplate": {"ImageContent": "aGVsbG8gd29ybGQ="}},  # "hello world"
        "InvalidParameterValue.ImageContent",
    ),
    ({**TEXT, "XPos": "10"}, "InvalidParameterValue.XPos"),
    ({**TEXT, "YPos": "101%"}, "InvalidParameterValue.YPos"),
    ({**TEXT, "CoordinateOrigin": "Center"}, "InvalidParameterValue.CoordinateOrigin"),
    ({**TEXT, "Name": "n" * 65}, "InvalidParameterValue.Name"),
    (with_(TEXT, "TextTemplate.FontAlpha", 0), "InvalidParameterValue.TextAlpha"),
    (with_(TEXT, "TextTemplate.FontAlpha", 1.5), "InvalidParameterValue.TextAlpha"),
    (with_(TEXT, "TextTemplate.FontColor", "#FFFFFF"), "InvalidParameterValue"),
    (with_(TEXT, "TextTemplate.FontType", "comic.ttf"), "InvalidParameterValue"),
    ({"Type": "svg", "SvgTemplate": {"Width": "10em"}}, "InvalidParameterValue.SvgTemplateWidth"),
    ({"Type": "svg", "SvgTemplate": {"Height": "px"}}, "InvalidParameterValue.SvgTemplateHeight"),
]


@pytest.mark.parametrize(("body", "code"), WATERMARK_VALUES)
def test_watermark_values_answer_their_own_codes(api, body, code):
    assert api.code("CreateWatermarkTemplate", **body) == code


@pytest.mark.parametrize(
    ("image", "code"),
    [
        ({"Width": "4px"}, "InvalidParameterValue.Width"),
        ({"Width": "4097px"}, "InvalidParameterValue.Width"),
        ({"Height": "5000px"}, "InvalidParameterValue.Height"),
        ({"RepeatType": "forever"}, "InvalidParameterValue.RepeatType"),
        ({"Transparency": 101}, "InvalidParameterValue"),
    ],
)
def test_image_watermark_sizes(api, png, image, code):
    body = {"Type": "image", "ImageTemplate": {"ImageContent": png, **image}}
    assert api.code("CreateWatermarkTemplate", **body) == code


@pytest.mark.parametrize(
    ("action", "body", "code"),
    [
        ("DescribeTranscodeTemplates", {"Limit": 101}, "InvalidParameterValue.Limit"),
        (
            "DescribeTranscodeTemplates",
            {"Definitions": list(range(101))},
            "InvalidParameterValue.Definitions",
        ),
        ("DescribeTranscodeTemplates", {"Type": "Mine"}, "InvalidParameterValue.Type"),
        ("DescribeTranscodeTemplates", {"ContainerType": "Both"}, "InvalidParameterValue.ContainerType"),
        ("DescribeTranscodeTemplates", {"TEHDType": "Fast"}, "InvalidParameterValue.TEHDType"),
        ("DescribeWatermarkTemplates", {"Limit": 1000}, "InvalidParameterValue.Limit"),
        ("DescribeWatermarkTemplates", {"Type": "video"}, "InvalidParameterValue.Type"),
        (
            "DescribeProcedureTemplates",
            {"Names": [str(i) for i in range(101)]},
            "InvalidParameterValue.Names",
        ),
        ("DescribeProcedureTemplates", {"Type": "System"}, "InvalidParameterValue.Type"),
        (
            "DescribeProcedureTemplates",
            {"SortBy": [{"Field": "Name", "Order": "Asc"}]},
            "InvalidParameterValue.Sort",
        ),
        ("CreateClass", {"ParentId": -1, "ClassName": ""}, "InvalidParameterValue.ClassName"),
        ("CreateClass", {"ParentId": -1, "ClassName": "c" * 65}, "InvalidParameterValue.ClassName"),
        ("CreateClass", {"ParentId": -2, "ClassName": "c"}, "InvalidParameterValue.ParentId"),
        ("ModifyClass", {"ClassId": -5, "ClassName": "c"}, "InvalidParameterValue.ClassId"),
        ("CreateProcedureTemplate", {"Name": ""}, "InvalidParameterValue.ProcedureName"),
    ],
)
def test_describe_and_other_values(api, action, body, code):
    assert api.code(action, **body) == code


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({**MP4, "Foo": 1}, "Foo"),
        (with_(MP4, "VideoTemplate.Foo", 1), "VideoTemplate.Foo"),
        (with_(MP4, "EnhanceConfig.VideoEnhance.Hdr.Level", 1), "EnhanceConfig.VideoEnhance.Hdr.Level"),
    ],
)
def test_unknown_fields_are_named_by_dotted_path(api, body, path):
    error = api.fails("CreateTranscodeTemplate", **body)
    assert error.get_code() == "UnknownParameter"
    assert f"`{path}`" in error.get_message()


def test_unknown_fields_deep_in_a_procedure(api):
    task = {"Definition": 10, "WatermarkSet": [{"Definition": 1}, {"Definition": 2, "Size": 3}]}
    error = api.fails("CreateProcedureTemplate", Name="p", MediaProcessTask={"TranscodeTaskSet": [task]})
    assert error.get_code() == "UnknownParameter"
    assert "`MediaProcessTask.TranscodeTaskSet.0.WatermarkSet.1.Size`" in error.get_message()


@pytest.mark.parametrize(
    ("action", "body", "path"),
    [
        ("CreateTranscodeTemplate", {"VideoTemplate": VIDEO, "AudioTemplate": AUDIO}, "Container"),
        ("CreateTranscodeTemplate", with_(MP4, "VideoTemplate.Codec", ...), "VideoTemplate.Codec"),
        ("CreateWatermarkTemplate", with_(TEXT, "TextTemplate.FontSize", ...), "TextTemplate.FontSize"),
        ("ModifyTranscodeTemplate", {"Name": "x"}, "Definition"),
        ("CreateClass", {"ClassName": "x"}, "ParentId"),
        (
            "CreateProcedureTemplate",
            {"Name": "p", "MediaProcessTask": {"TranscodeTaskSet": [{}]}},
            "MediaProcessTask.TranscodeTaskSet.0.Definition",
        ),
        (
            "CreateProcedureTemplate",
            {
                "Name": "p",
                "MediaProcessTask": {"TranscodeTaskSet": [{"Definition": 10, "SubtitleInfoSet": [{}]}]},
            },
            "MediaProcessTask.TranscodeTaskSet.0.SubtitleInfoSet.0.Id",
        ),
    ],
)
def test_missing_fields_are_named(api, action, body, path):
    error = api.fails(action, **body)
    assert error.get_code() == "MissingParameter"
    assert f"`{path}`" in error.get_message()


@pytest.mark.parametrize("value", ["30", 30.5, True, [30], {"v": 30}])
def test_an_integer_field_takes_only_json_integers(api, value):
    error = api.fails("CreateTranscodeTemplate", **with_(MP4, "VideoTemplate.Fps", value))
    assert error.get_code() == "InvalidParameter"
    assert "`VideoTemplate.Fps`" in error.get_message()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("VideoTemplate", "libx264"),
        ("Name", 7),
        ("RemoveVideo", 1.0),
    ],
)
def test_objects_strings_and_ints_are_typed(api, path, value):
    assert api.code("CreateTranscodeTemplate", **with_(MP4, path, value)) == "InvalidParameter"


def test_lists_and_their_items_are_typed(api):
    assert api.code("DescribeTranscodeTemplates", Definitions=10) == "InvalidParameter"
    assert api.code("DescribeTranscodeTemplates", Definitions=[10, "20"]) == "InvalidParameter"


def test_a_float_field_takes_integers_too(api):
    api("CreateWatermarkTemplate", **with_(TEXT, "TextTemplate.FontAlpha", 1))


def test_null_counts_as_absent(api):
    definition = api("CreateTranscodeTemplate", **MP4, Name=None, Comment=None)["Definition"]
    shown = api("DescribeTranscodeTemplates", Definitions=[definition])["TranscodeTemplateSet"][0]
    assert (shown["Name"], shown["Comment"]) == ("", "")


def test_phases_run_unknown_then_missing_then_types_then_values(api):
    bad_value = {"VideoTemplate": {**VIDEO, "Fps": 500}}
    bad_type = {"VideoTemplate": {**VIDEO, "Fps": "fast"}}
    assert api.code("CreateTranscodeTemplate", **bad_value, Foo=1) == "UnknownParameter"
    assert api.code("CreateTranscodeTemplate", **bad_type) == "MissingParameter"  # no Container
    assert api.code("CreateTranscodeTemplate", Container="avi", **bad_type) == "InvalidParameter"
    assert (
        api.code("CreateTranscodeTemplate", Container="mp4", AudioTemplate=AUDIO, **bad_value)
        == "InvalidParameterValue.Fps"
    )


def transcode_task(**members: Any) -> dict[str, Any]:
    return {"MediaProcessTask": {"TranscodeTaskSet": [{"Definition": 100030, **members}]}}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (transcode_task(WatermarkSet=[{"Definition": 1}] * 11), "InvalidParameterValue"),
        (transcode_task(MosaicSet=[{}] * 11), "InvalidParameterValue"),
        (transcode_task(HeadTailSet=[{"Definition": 1}] * 11), "InvalidParameterValue"),
        (transcode_task(SubtitleInfoSet=[{"Id": "s"}] * 3), "InvalidParameterValue"),
        (
            {
                "MediaProcessTask": {
                    "AdaptiveDynamicStreamingTaskSet": [{"Definition": 10, "SubtitleSet": ["s"] * 17}]
                }
            },
            "InvalidParameterValue",
        ),
        (transcode_task(HeadTailSet=[{"Definition": -1}]), "InvalidParameterValue"),
        ({"MediaProcessTask": {"TranscodeTaskSet": [{"Definition": -30}]}}, "InvalidParameterValue"),
        ({"MediaProcessTask": {"TranscodeTaskSet": [{"Definition": "30"}]}}, "InvalidParameter"),
        (transcode_task(TraceWatermark={"Switch": "MAYBE"}), "InvalidParameterValue"),
        (transcode_task(CopyRightWatermark={"Text": "c" * 201}), "InvalidParameterValue"),
        (transcode_task(OverrideParameter={"Container": "avi"}), "InvalidParameterValue.Container"),
        (transcode_task(OverrideParameter={"VideoTemplate": {"Fps": 101}}), "InvalidParameterValue.Fps"),
        (transcode_task(SubtitleInfoSet=[{"Id": "s", "FontColor": "white"}]), "InvalidParameterValue"),
        (
            {
                "MediaProcessTask": {
                    "CoverBySnapshotTaskSet": [
                        {"Definition": 10, "PositionType": "Frame", "PositionValue": 1}
                    ]
                }
            },
            "InvalidParameterValue",
        ),
        (
            {
                "MediaProcessTask": {
                    "AdaptiveDynamicStreamingTaskSet": [
                        {"Definition": 10, "DrmInfo": {"DrmTypes": ["Clearkey"]}}
                    ]
                }
            },
            "InvalidParameterValue",
        ),
        ({"ReviewAudioVideoTask": {"Definition": 10, "ReviewContents": ["Audio"]}}, "InvalidParameterValue"),
        ({"Comment": "c" * 257}, "InvalidParameterValue"),
    ],
)
def test_procedure_trees_are_validated(api, body, code):
    assert api.code("CreateProcedureTemplate", Name="p", **body) == code


def test_the_longest_lists_a_procedure_takes_are_accepted(api):
    api(
        "CreateProcedureTemplate",
        Name="p",
        **transcode_task(
            WatermarkSet=[{"Definition": 1}] * 10,
            MosaicSet=[{}] * 10,
            HeadTailSet=[{"Definition": 1}] * 10,
            SubtitleInfoSet=[{"Id": "s"}] * 2,
        ),
    )
