"""Transcode templates: round trips, server-filled defaults and quirks, presets, paging, quota."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

PRESET_COUNT = 27


def describe(api, **params):
    return api("DescribeTranscodeTemplates", **params)


def one(api, definition):
    (template,) = describe(api, Definitions=[definition])["TranscodeTemplateSet"]
    return template


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_round_trip_create_describe_modify_delete(api, clock, hls_720p):
    created = api.typed("CreateTranscodeTemplate", **hls_720p, Comment="web")
    definition = created["Definition"]
    assert definition == 1_000_001

    shown = one(api, definition)
    assert shown["Definition"] == str(definition)  # the quirk: a string in Describe only
    assert shown["Type"] == "Custom"
    assert shown["CreateTime"] == shown["UpdateTime"] == iso(clock.now)
    assert shown["VideoTemplate"]["Width"] == 1280

    clock.advance(60)
    api("ModifyTranscodeTemplate", Definition=definition, Name="hls-720p-v2", VideoTemplate={"Bitrate": 2000})
    shown = one(api, definition)
    assert shown["Name"] == "hls-720p-v2"
    assert shown["Comment"] == "web"
    assert shown["VideoTemplate"]["Bitrate"] == 2000
    assert shown["VideoTemplate"]["Width"] == 1280  # ForUpdate merges member by member
    assert shown["UpdateTime"] == iso(clock.now) != shown["CreateTime"]

    api("DeleteTranscodeTemplate", Definition=definition)
    assert describe(api, Definitions=[definition])["TotalCount"] == 0


def test_describe_fills_the_server_defaults(api, hls_720p):
    definition = api("CreateTranscodeTemplate", **{**hls_720p, "Name": None})["Definition"]
    shown = one(api, definition)
    assert shown == {
        "Definition": str(definition),
        "Container": "hls",
        "Name": "",
        "Comment": "",
        "Type": "Custom",
        "RemoveVideo": 0,
        "RemoveAudio": 0,
        "VideoTemplate": {
            "Codec": "libx264",
            "Fps": 25,
            "Bitrate": 1800,
            "ResolutionAdaptive": "open",
            "Width": 1280,
            "Height": 720,
            "FillType": "black",
            "Vcrf": 0,
            "Gop": 0,
            "GopUnit": "frame",
            "PreserveHDRSwitch": "OFF",
            "CodecTag": "hvc1",
            "Mode": "VBR",
            "Bframes": -1,
            "HlsTime": 0,
            "VideoProfile": "default",
        },
        "AudioTemplate": {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100, "AudioChannel": 2},
        "TEHDConfig": None,
        "EnhanceConfig": None,
        "ContainerType": "Video",
        "CreateTime": shown["CreateTime"],
        "UpdateTime": shown["UpdateTime"],
        "SegmentType": "ts",
        "StdExtInfo": "",
    }


def test_describe_output_fits_the_sdk_models(api, hls_720p):
    api(
        "CreateTranscodeTemplate",
        **hls_720p,
        TEHDConfig={"Type": "TEHD-100"},
        EnhanceConfig={
            "VideoEnhance": {"SuperResolution": {"Switch": "ON"}},
            "AudioEnhance": {"Beautify": {"Switch": "ON"}},
        },
    )
    typed = api.typed("DescribeTranscodeTemplates", Limit=100)
    assert typed["TotalCount"] == PRESET_COUNT + 1


def test_segment_type_is_empty_outside_hls(api, video, audio):
    definition = api("CreateTranscodeTemplate", Container="mp4", VideoTemplate=video, AudioTemplate=audio)[
        "Definition"
    ]
    assert one(api, definition)["SegmentType"] == ""


def test_tehd_and_enhance_configs_echo_with_their_defaults(api, hls_720p):
    definition = api(
        "CreateTranscodeTemplate",
        **hls_720p,
        TEHDConfig={"Type": "TEHD-100"},
        EnhanceConfig={"VideoEnhance": {"SuperResolution": {"Switch": "ON"}}},
    )["Definition"]
    shown = one(api, definition)
    assert shown["TEHDConfig"] == {"Type": "TEHD-100", "MaxVideoBitrate": 0}
    video = shown["EnhanceConfig"]["VideoEnhance"]
    assert video["SuperResolution"] == {"Switch": "ON", "Type": "lq", "Size": 2}
    assert "EnhanceScenarioType" not in video  # no documented default: not invented
    assert video["Denoise"] is None
    assert shown["EnhanceConfig"]["AudioEnhance"] is None


ZERO_AUDIO = {"Codec": "", "Bitrate": 0, "SampleRate": 0, "AudioChannel": 0}


def test_removed_streams_show_zeroes_never_null(api, video, audio):
    definition = api(
        "CreateTranscodeTemplate", Container="mp4", RemoveAudio=1, VideoTemplate=video, AudioTemplate=audio
    )["Definition"]
    shown = one(api, definition)
    assert shown["RemoveAudio"] == 1
    assert shown["AudioTemplate"] == ZERO_AUDIO


@pytest.mark.parametrize("preset", [1010, 1020, 1100, 1110, 1120, 1130, 1140])
def test_audio_only_presets_show_a_zero_video_template(api, preset):
    (shown,) = api.typed("DescribeTranscodeTemplates", Definitions=[preset])["TranscodeTemplateSet"]
    assert shown["VideoTemplate"]["Codec"] == "" and shown["VideoTemplate"]["Bframes"] == 0
    assert shown["AudioTemplate"]["Codec"] in ("libfdk_aac", "libmp3lame")


def test_audio_only_containers_carry_no_video(api, audio):
    definition = api("CreateTranscodeTemplate", Container="m4a", AudioTemplate=audio)["Definition"]
    shown = one(api, definition)
    assert (shown["ContainerType"], shown["RemoveVideo"]) == ("PureAudio", 1)
    assert shown["VideoTemplate"]["Codec"] == "" and shown["VideoTemplate"]["Fps"] == 0


def test_vcrf_zero_turns_crf_off_and_bframes_minus_one_is_auto(api, hls_720p):
    hls_720p["VideoTemplate"].update(Vcrf=23, Bframes=3)
    definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    video = one(api, definition)["VideoTemplate"]
    assert (video["Vcrf"], video["Bframes"]) == (23, 3)

    api("ModifyTranscodeTemplate", Definition=definition, VideoTemplate={"Vcrf": 0, "Bframes": -1})
    video = one(api, definition)["VideoTemplate"]
    assert (video["Vcrf"], video["Bframes"]) == (0, -1)


def test_modify_validates_the_merged_template(api, hls_720p):
    definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    # av1 is fine on its own but not in hls: only the merged template shows that.
    error = api.fails("ModifyTranscodeTemplate", Definition=definition, VideoTemplate={"Codec": "av1"})
    assert error.get_code() == "InvalidParameterValue.VideoCodec"
    api("ModifyTranscodeTemplate", Definition=definition, Container="mp4", VideoTemplate={"Codec": "av1"})
    assert one(api, definition)["VideoTemplate"]["Codec"] == "av1"


def test_moving_to_an_audio_only_container_drops_the_video(api, hls_720p):
    definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    api("ModifyTranscodeTemplate", Definition=definition, Container="m4a")
    shown = one(api, definition)
    assert (shown["ContainerType"], shown["RemoveVideo"]) == ("PureAudio", 1)
    assert shown["VideoTemplate"]["Codec"] == "" and shown["VideoTemplate"]["Fps"] == 0


def test_modify_and_delete_refuse_unknown_and_preset_templates(api):
    assert api.code("ModifyTranscodeTemplate", Definition=999, Name="x") == (
        "ResourceNotFound.TemplateNotExist"
    )
    assert api.code("ModifyTranscodeTemplate", Definition=100030, Name="x") == (
        "ResourceNotFound.TemplateNotExist"
    )
    assert api.code("DeleteTranscodeTemplate", Definition=999) == "ResourceNotFound.TemplateNotExist"
    assert api.code("DeleteTranscodeTemplate", Definition=100030) == ("InvalidParameterValue.Definition")


def test_presets_come_first_then_custom_ascending(api, hls_720p):
    first = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    second = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    listed = describe(api, Limit=100)
    assert listed["TotalCount"] == PRESET_COUNT + 2
    ids = [int(t["Definition"]) for t in listed["TranscodeTemplateSet"]]
    assert ids[-2:] == [first, second]
    assert ids[:-2] == sorted(ids[:-2])
    assert {t["Type"] for t in listed["TranscodeTemplateSet"][:-2]} == {"Preset"}


def test_presets_look_like_tencents(api):
    preset = one(api, 100030)
    assert preset["Name"] == "STD-H264-MP4-720P"
    assert preset["Type"] == "Preset"
    assert preset["VideoTemplate"]["Height"] == 720
    assert preset["AudioTemplate"]["SampleRate"] == 44100
    assert one(api, 100230)["Container"] == "hls"
    assert one(api, 1100)["ContainerType"] == "PureAudio"
    assert {int(one(api, d)["Definition"]) for d in (10, 20, 30, 40)} == {10, 20, 30, 40}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"Type": "Custom"}, 2),
        ({"Type": "Preset"}, PRESET_COUNT),
        ({"ContainerType": "PureAudio", "Type": "Custom"}, 1),
        ({"TEHDType": "TEHD"}, 1),
        ({"TEHDType": "Common", "Type": "Custom"}, 1),
        ({"EnhanceType": "None", "Type": "Custom"}, 1),
        ({"EnhanceType": "AudioEnhance"}, 1),
        ({"Definitions": [100010, 100020, 5]}, 2),
        ({"Definitions": []}, PRESET_COUNT + 2),
    ],
)
def test_describe_filters(api, hls_720p, audio, filters, expected):
    api(
        "CreateTranscodeTemplate",
        **hls_720p,
        TEHDConfig={"Type": "TEHD-100"},
        EnhanceConfig={"AudioEnhance": {"Denoise": {"Switch": "ON"}}},
    )
    api("CreateTranscodeTemplate", Container="mp3", AudioTemplate={**audio, "Codec": "libmp3lame"})
    assert describe(api, **filters)["TotalCount"] == expected


def test_paging_with_offset_and_limit(api):
    default_page = describe(api)
    assert len(default_page["TranscodeTemplateSet"]) == 10
    assert describe(api, Limit=0)["TranscodeTemplateSet"] == default_page["TranscodeTemplateSet"]
    tail = describe(api, Offset=PRESET_COUNT - 3, Limit=5)
    assert tail["TotalCount"] == PRESET_COUNT
    assert len(tail["TranscodeTemplateSet"]) == 3
    assert describe(api, Offset=500)["TranscodeTemplateSet"] == []


def test_the_quota_is_100_custom_templates_per_app(api, hls_720p):
    for _ in range(100):
        api("CreateTranscodeTemplate", **hls_720p)
    assert api.code("CreateTranscodeTemplate", **hls_720p) == "LimitExceeded.TooMuchTemplate"
    other = api("CreateSubAppId", Name="other")["SubAppId"]
    api("CreateTranscodeTemplate", **hls_720p, SubAppId=other)  # other apps have their own quota


def test_definitions_are_never_reused(api, hls_720p):
    first = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    api("DeleteTranscodeTemplate", Definition=first)
    assert api("CreateTranscodeTemplate", **hls_720p)["Definition"] == first + 1
