"""What api.json says the API refuses, refused with the exact code and message, changing nothing."""

from __future__ import annotations

from typing import Any

import pytest

TEXT = {"FontType": "arial.ttf", "FontSize": "16px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
SPEKE = {"ResourceId": "movie-42", "KeyServerUrl": "https://keys.example", "Vector": "0" * 32}


def _drm(**speke: str) -> dict[str, Any]:
    drm = {"DrmTypes": ["Widevine"], "SPEKEDrm": {**SPEKE, **speke}}
    return {"MediaProcessTask": {"AdaptiveDynamicStreamingTaskSet": [{"Definition": 10, "DrmInfo": drm}]}}


def _subtitle(**members: Any) -> dict[str, Any]:
    task = {"Definition": 100030, "SubtitleInfoSet": [{"Id": "s", **members}]}
    return {"MediaProcessTask": {"TranscodeTaskSet": [task]}}


CASES = [
    (
        "CreateWatermarkTemplate",
        {"Type": "text", "TextTemplate": {**TEXT, "FontSize": "0px"}},
        "InvalidParameterValue",
        'Invalid value "0px" of parameter `TextTemplate.FontSize`: '
        "expected N followed by a unit (px, N above 0).",
    ),
    (
        "CreateWatermarkTemplate",
        {"Type": "text", "TextTemplate": {k: v for k, v in TEXT.items() if k != "FontColor"}},
        "MissingParameter",
        "The request is missing a required parameter `TextTemplate.FontColor`.",
    ),
    (
        "CreateWatermarkTemplate",
        {"Type": "text", "TextTemplate": {k: v for k, v in TEXT.items() if k != "FontAlpha"}},
        "MissingParameter",
        "The request is missing a required parameter `TextTemplate.FontAlpha`.",
    ),
    (
        "CreateProcedureTemplate",
        _drm(ResourceId="movie 42!"),
        "InvalidParameterValue",
        'Invalid value "movie 42!" of parameter '
        "`MediaProcessTask.AdaptiveDynamicStreamingTaskSet.0.DrmInfo.SPEKEDrm.ResourceId`: "
        "expected 1 to 128 letters, digits, _ or -.",
    ),
    (
        "CreateProcedureTemplate",
        _drm(Vector="0" * 31),
        "InvalidParameterValue",
        f'Invalid value "{"0" * 31}" of parameter '
        "`MediaProcessTask.AdaptiveDynamicStreamingTaskSet.0.DrmInfo.SPEKEDrm.Vector`: "
        "expected 32 hexadecimal digits.",
    ),
    (
        "CreateProcedureTemplate",
        _subtitle(FontSize="0px"),
        "InvalidParameterValue",
        'Invalid value "0px" of parameter `MediaProcessTask.TranscodeTaskSet.0.SubtitleInfoSet.0.FontSize`: '
        "expected N followed by a unit (% in (0, 100], px in (0, 4096]).",
    ),
    (
        "CreateProcedureTemplate",
        _subtitle(FontType="comic.ttf"),
        "InvalidParameterValue",
        'Invalid value "comic.ttf" of parameter '
        "`MediaProcessTask.TranscodeTaskSet.0.SubtitleInfoSet.0.FontType`: expected one of hei.ttf",
    ),
]


@pytest.mark.parametrize(("action", "body", "code", "message"), CASES)
def test_refused_with_the_code_and_nothing_changed(api, emulator, action, body, code, message):
    before = emulator.snapshot()
    error = api.fails(action, Name="p", **body)
    assert error.get_code() == code
    assert error.get_message().startswith(message)
    assert emulator.snapshot() == before


def test_text_sizes_above_zero_and_every_subtitle_font_are_accepted(api):
    api("CreateWatermarkTemplate", Type="text", TextTemplate={**TEXT, "FontSize": "0.5px"})
    api("CreateProcedureTemplate", Name="p", **_subtitle(FontType="shipporimincho.ttf", FontSize="0.5%"))
    api("CreateProcedureTemplate", Name="q", **_drm(ResourceId="movie_42-x"))


def test_modify_takes_tehd_config_without_type(api, hls_720p):
    definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    api("ModifyTranscodeTemplate", Definition=definition, TEHDConfig={"MaxVideoBitrate": 2000})
    (shown,) = api("DescribeTranscodeTemplates", Definitions=[definition])["TranscodeTemplateSet"]
    assert shown["TEHDConfig"] == {"Type": "OFF", "MaxVideoBitrate": 2000}
    api("ModifyTranscodeTemplate", Definition=definition, TEHDConfig={"Type": "TEHD-100"})
    api("ModifyTranscodeTemplate", Definition=definition, TEHDConfig={"MaxVideoBitrate": 3000})
    (shown,) = api("DescribeTranscodeTemplates", Definitions=[definition])["TranscodeTemplateSet"]
    assert shown["TEHDConfig"] == {"Type": "TEHD-100", "MaxVideoBitrate": 3000}
