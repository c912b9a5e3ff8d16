"""Minimal and maximal templates of the ten processing-template kinds, as requests the official
SDK sends: what the reply corpus creates, describes, modifies and deletes, and what the tests of
`test_processing_templates.py` start from."""

# ruff: noqa: E501 - tables of requests, one case a line
from __future__ import annotations

from typing import Any

AAC = {"Codec": "libfdk_aac", "Bitrate": 64, "SampleRate": 44100}
H264 = {"Codec": "libx264", "Fps": 25, "Bitrate": 1000}
_SWITCH = {"Switch": "ON"}
_REVIEW = {"Switch": "ON", "BlockConfidence": 90, "ReviewConfidence": 60}

# kind -> (minimal Create body, maximal Create body, a Modify body)
TEMPLATES: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {
    "AdaptiveDynamicStreamingTemplate": (
        {"Format": "HLS", "StreamInfos": [{"Video": H264, "Audio": AAC}]},
        {
            "Format": "MPEG-DASH", "Name": "ladder", "Comment": "c", "DrmType": "Widevine",
            "DrmKeyProvider": "VOD", "DrmEncryptType": "cenc", "DisableHigherVideoBitrate": 1,
            "DisableHigherVideoResolution": 1, "SegmentType": "mp4", "SegmentDuration": 4,
            "StreamInfos": [
                {"Video": {**H264, "Width": 1280, "Height": 720}, "Audio": AAC, "RemoveAudio": 0,
                 "RemoveVideo": 0, "TEHDConfig": {"Type": "TEHD-100", "MaxVideoBitrate": 2000}, "StdExtInfo": "{}"},
                {"Video": H264, "Audio": AAC, "RemoveAudio": 1},
            ],
        },
        {"Name": "renamed", "SegmentDuration": 8},
    ),
    "SnapshotByTimeOffsetTemplate": (
        {},
        {"Name": "cover", "Width": 1280, "Height": 720, "ResolutionAdaptive": "close", "Format": "png",
         "Comment": "c", "FillType": "gauss"},
        {"Name": "renamed", "Format": "webp"},
    ),
    "SampleSnapshotTemplate": (
        {"SampleType": "Time", "SampleInterval": 10},
        {"SampleType": "Percent", "SampleInterval": 5, "Name": "every-5%", "Width": 320, "Height": 180,
         "ResolutionAdaptive": "close", "Format": "png", "Comment": "c", "FillType": "white"},
        {"Name": "renamed", "SampleInterval": 20},
    ),
    "ImageSpriteTemplate": (
        {"SampleType": "Time", "SampleInterval": 10, "RowCount": 5, "ColumnCount": 5},
        {"SampleType": "Percent", "SampleInterval": 10, "RowCount": 10, "ColumnCount": 10, "Name": "scrub",
         "Comment": "c", "FillType": "stretch", "Width": 228, "Height": 128, "ResolutionAdaptive": "close",
         "Format": "webp"},
        {"Name": "renamed", "RowCount": 4},
    ),
    "AnimatedGraphicsTemplate": (
        {"Fps": 10},
        {"Fps": 15, "Width": 480, "Height": 270, "ResolutionAdaptive": "close", "Format": "webp",
         "Quality": 60, "Name": "preview", "Comment": "c"},
        {"Name": "renamed", "Quality": 90},
    ),
    "HeadTailTemplate": (
        {"Name": "intro"},
        {"Name": "intro-outro", "Comment": "c", "HeadCandidateSet": ["5285890784246869930"],
         "TailCandidateSet": ["5285890784246869931"], "FillType": "gauss"},
        {"Comment": "changed", "TailCandidateSet": []},
    ),
    "ContentReviewTemplate": (
        {"ReviewWallSwitch": "OFF"},
        {
            "Name": "strict", "Comment": "c", "ReviewWallSwitch": "ON", "ScreenshotInterval": 2,
            "PornConfigure": {"ImgReviewInfo": {**_REVIEW, "LabelSet": ["porn"]}, "AsrReviewInfo": _REVIEW,
                              "OcrReviewInfo": _REVIEW},
            "TerrorismConfigure": {"ImgReviewInfo": {**_REVIEW, "LabelSet": ["guns"]}, "OcrReviewInfo": _REVIEW},
            "PoliticalConfigure": {"ImgReviewInfo": _REVIEW, "AsrReviewInfo": _REVIEW, "OcrReviewInfo": _REVIEW},
            "ProhibitedConfigure": {"AsrReviewInfo": _REVIEW, "OcrReviewInfo": _REVIEW},
            "UserDefineConfigure": {"FaceReviewInfo": {**_REVIEW, "LabelSet": ["x"]},
                                    "AsrReviewInfo": {**_REVIEW, "LabelSet": ["y"]},
                                    "OcrReviewInfo": {**_REVIEW, "LabelSet": ["z"]}},
        },
        {"Name": "renamed", "PornConfigure": {"ImgReviewInfo": {"BlockConfidence": 95}}},
    ),
    "ReviewTemplate": (
        {"Labels": ["Porn"]},
        {"Labels": ["Porn", "Terror", "Ad"], "Name": "ads", "Comment": "c"},
        {"Name": "renamed", "Labels": ["Ad"]},
    ),
    "AIAnalysisTemplate": (
        {},
        {"Name": "all", "Comment": "c", "ClassificationConfigure": _SWITCH, "TagConfigure": _SWITCH,
         "CoverConfigure": _SWITCH, "FrameTagConfigure": {"Switch": "ON", "ScreenshotInterval": 2},
         "HighlightConfigure": _SWITCH},
        {"Name": "renamed", "TagConfigure": {"Switch": "OFF"}},
    ),
    "AIRecognitionTemplate": (
        {},
        {
            "Name": "all", "Comment": "c", "ScreenshotInterval": 2, "HeadTailConfigure": _SWITCH,
            "SegmentConfigure": _SWITCH, "FaceConfigure": {"Switch": "ON", "Score": 90, "FaceLibrary": "Default",
                                                            "DefaultLibraryLabelSet": ["sport"]},
            "OcrFullTextConfigure": _SWITCH, "OcrWordsConfigure": {"Switch": "ON", "LabelSet": ["w"]},
            "AsrFullTextConfigure": {"Switch": "ON", "SubtitleFormats": ["vtt"], "SrcLanguage": "zh",
                                     "SubtitleName": "zh"},
            "AsrWordsConfigure": {"Switch": "ON", "LabelSet": ["w"]},
            "AsrTranslateConfigure": {"Switch": "ON", "SrcLanguage": "zh", "DstLanguage": "en",
                                      "SubtitleFormats": ["srt"], "SubtitleName": "en"},
            "ObjectConfigure": {"Switch": "ON", "ObjectLibrary": "All"},
        },
        {"Name": "renamed", "AsrFullTextConfigure": {"SubtitleFormatsOperation": {"Type": "add", "Formats": ["srt"]}}},
    ),
}  # fmt: skip


def build_processing_corpus(call: Any) -> None:
    """Create both templates of every kind, describe them, modify one and delete the other."""
    for kind, (minimal, maximal, modify) in TEMPLATES.items():
        first = call(f"Create{kind}", **minimal)["Definition"]
        second = call(f"Create{kind}", **maximal)["Definition"]
        call(f"Describe{kind}s", Limit=100)
        call(f"Modify{kind}", Definition=second, **modify)
        call(f"Describe{kind}s", Definitions=[second])
        call(f"Delete{kind}", Definition=first)
