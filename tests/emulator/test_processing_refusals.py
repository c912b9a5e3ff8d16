"""Every refusal of the processing-template kinds answers its exact code and changes nothing,
through the official SDK against a served emulator."""

# ruff: noqa: E501 - tables of requests, one case a line
from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.conftest import Api
from tests.emulator.processing_corpus import AAC, H264, TEMPLATES
from vodops.emulator import Emulator


def _shown(api: Api, kind: str, definition: int) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = api(f"Describe{kind}s", Definitions=[definition])[f"{kind}Set"]
    return shown


_LADDER = [{"Video": H264, "Audio": AAC}]
# (action, request, exact code): each bad request is refused and leaves the account unchanged.
REFUSALS = [
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "MP4", "StreamInfos": _LADDER}, "InvalidParameterValue.Format"),
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "HLS"}, "MissingParameter"),
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "HLS", "StreamInfos": _LADDER * 11}, "InvalidParameterValue"),
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "HLS", "StreamInfos": [{"Video": H264, "Audio": {**AAC, "Codec": "libmp3lame"}}]}, "InvalidParameterValue.AudioCodec"),
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "HLS", "StreamInfos": _LADDER, "DrmType": "Clear"}, "InvalidParameterValue.DrmType"),
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "HLS", "StreamInfos": _LADDER, "SegmentDuration": 11}, "InvalidParameterValue"),
    ("CreateSnapshotByTimeOffsetTemplate", {"Name": "n" * 65}, "InvalidParameterValue.Name"),
    ("CreateSnapshotByTimeOffsetTemplate", {"Width": 20}, "InvalidParameterValue.Width"),
    ("CreateSnapshotByTimeOffsetTemplate", {"Format": "bmp"}, "InvalidParameterValue.Format"),
    ("CreateSampleSnapshotTemplate", {"SampleType": "Percent", "SampleInterval": 101}, "InvalidParameterValue.SampleInterval"),
    ("CreateSampleSnapshotTemplate", {"SampleType": "Frames", "SampleInterval": 1}, "InvalidParameterValue.SampleType"),
    ("CreateImageSpriteTemplate", {"SampleType": "Time", "SampleInterval": 5, "RowCount": 200, "ColumnCount": 2, "Height": 128}, "InvalidParameterValue.RowCount"),
    ("CreateImageSpriteTemplate", {"SampleType": "Time", "SampleInterval": 5, "RowCount": 2}, "MissingParameter"),
    ("CreateImageSpriteTemplate", {"SampleType": "Time", "SampleInterval": 5, "RowCount": 2, "ColumnCount": 100, "Width": 256}, "InvalidParameterValue.ColumnCount"),
    ("DescribeHeadTailTemplates", {"Definitions": list(range(101))}, "InvalidParameterValue.Definitions"),
    ("CreateAnimatedGraphicsTemplate", {"Fps": 31}, "InvalidParameterValue.Fps"),
    ("CreateAnimatedGraphicsTemplate", {"Fps": 10, "Format": "webp"}, "InvalidParameterValue.FormatWebpLackWidthAndHeight"),
    ("CreateAnimatedGraphicsTemplate", {"Fps": 10, "Format": "webp", "Width": 0, "Height": 0}, "InvalidParameterValue.FormatWebpWidthAndHeightBothZero"),
    ("CreateAnimatedGraphicsTemplate", {"Fps": 10, "Quality": 0}, "InvalidParameterValue.Quality"),
    ("CreateHeadTailTemplate", {}, "MissingParameter"),
    ("CreateHeadTailTemplate", {"Name": "h", "HeadCandidateSet": ["1"] * 6}, "InvalidParameterValue"),
    ("CreateHeadTailTemplate", {"Name": "h", "FillType": "tile"}, "InvalidParameterValue.FillType"),
    ("CreateContentReviewTemplate", {"ReviewWallSwitch": "MAYBE"}, "InvalidParameterValue.ReviewWallSwitch"),
    ("CreateContentReviewTemplate", {"ReviewWallSwitch": "ON", "PornConfigure": {"ImgReviewInfo": {"Switch": "ON", "BlockConfidence": 101}}}, "InvalidParameterValue.BlockConfidence"),
    ("CreateReviewTemplate", {"Labels": ["Spam"]}, "InvalidParameterValue.Labels"),
    ("CreateReviewTemplate", {"Name": "r"}, "MissingParameter"),
    ("CreateAIAnalysisTemplate", {"TagConfigure": {"Switch": "NO"}}, "InvalidParameterValue.Switch"),
    ("CreateAIAnalysisTemplate", {"TagConfigure": {}}, "MissingParameter"),
    ("CreateAIRecognitionTemplate", {"FaceConfigure": {"Switch": "ON", "FaceLibrary": "Mine"}}, "InvalidParameterValue.FaceLibrary"),
    ("CreateAIRecognitionTemplate", {"Unknown": 1}, "UnknownParameter"),
    ("CreateAIRecognitionTemplate", {"ScreenshotInterval": 0.4}, "InvalidParameterValue.ScreenshotInterval"),
    ("CreateAIRecognitionTemplate", {"OcrWordsConfigure": {"Switch": "ON", "LabelSet": ["x" * 17]}}, "InvalidParameterValue.LabelSet"),
    ("CreateAdaptiveDynamicStreamingTemplate", {"Format": "HLS", "StreamInfos": _LADDER, "DrmEncryptType": "aes"}, "InvalidParameterValue"),
    ("DescribeImageSpriteTemplates", {"Limit": 101}, "InvalidParameterValue.Limit"),
    ("DescribeAIAnalysisTemplates", {"Type": "Preset"}, "UnknownParameter"),
    ("DescribeSampleSnapshotTemplates", {"Type": "Mine"}, "InvalidParameterValue.Type"),
]  # fmt: skip


@pytest.mark.parametrize(("action", "request_", "code"), REFUSALS, ids=[f"{a}-{c}" for a, _, c in REFUSALS])
def test_each_refusal_answers_its_code_and_changes_nothing(
    emulator: Emulator, api: Api, action: str, request_: dict[str, Any], code: str
) -> None:
    before = emulator.snapshot()
    assert api.code(action, **request_) == code
    assert emulator.snapshot() == before


# Modify refusals on an existing custom template: (kind, update, exact code).
MODIFY_REFUSALS = [
    ("AdaptiveDynamicStreamingTemplate", {"DrmType": "Widevine"}, "UnknownParameter"),  # fixed at creation
    ("AdaptiveDynamicStreamingTemplate", {"Format": "RTMP"}, "InvalidParameterValue.Format"),
    ("SampleSnapshotTemplate", {"SampleType": "Percent", "SampleInterval": 500}, "InvalidParameterValue.SampleInterval"),
    ("ImageSpriteTemplate", {"Height": 4096, "RowCount": 5}, "InvalidParameterValue.RowCount"),
    ("AnimatedGraphicsTemplate", {"Format": "webp"}, "InvalidParameterValue.FormatWebpLackWidthAndHeight"),
    ("ReviewTemplate", {"Labels": ["Spam"]}, "InvalidParameterValue.Labels"),
    ("AIRecognitionTemplate", {"AsrFullTextConfigure": {"SubtitleFormatsOperation": {"Type": "merge", "Formats": ["vtt"]}}}, "InvalidParameterValue.Type"),
    ("HeadTailTemplate", {"Name": "n" * 65}, "InvalidParameterValue.Name"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "update", "code"), MODIFY_REFUSALS, ids=[f"{k}-{c}" for k, _, c in MODIFY_REFUSALS]
)
def test_each_modify_refusal_leaves_the_template_as_it_was(
    api: Api, kind: str, update: dict[str, Any], code: str
) -> None:
    definition = api(f"Create{kind}", **TEMPLATES[kind][0])["Definition"]
    before = _shown(api, kind, definition)
    assert api.code(f"Modify{kind}", Definition=definition, **update) == code
    assert _shown(api, kind, definition) == before
