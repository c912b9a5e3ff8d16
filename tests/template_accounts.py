"""Accounts holding every processing-template kind, made outside vodops through the official SDK:
the held-out account of issue 13 (presets, custom templates of every kind, procedures using them)."""

from __future__ import annotations

from pathlib import Path

from tests.live_accounts import AUDIO, PNG_BASE64, VIDEO, official_sdk

ADAPTIVE = "AdaptiveDynamicStreamingTemplate"
TIME_OFFSET = "SnapshotByTimeOffsetTemplate"
SAMPLE = "SampleSnapshotTemplate"
SPRITE = "ImageSpriteTemplate"
ANIMATED = "AnimatedGraphicsTemplate"
HEAD_TAIL = "HeadTailTemplate"
CONTENT_REVIEW = "ContentReviewTemplate"
REVIEW = "ReviewTemplate"
ANALYSIS = "AIAnalysisTemplate"
RECOGNITION = "AIRecognitionTemplate"
TEMPLATE_KINDS = (
    ADAPTIVE, TIME_OFFSET, SAMPLE, SPRITE, ANIMATED, HEAD_TAIL, CONTENT_REVIEW, REVIEW, ANALYSIS, RECOGNITION
)  # fmt: skip
RUNG = {"Video": VIDEO, "Audio": AUDIO}


_PORN = {"ImgReviewInfo": {"Switch": "ON", "LabelSet": ["porn"], "BlockConfidence": 85}}
_TRANSLATE = {"Switch": "ON", "SrcLanguage": "en", "DstLanguage": "zh", "SubtitleFormats": ["vtt"]}
_HEAD = ["5285485487985271487"]
_480P = {**VIDEO, "Bitrate": 900, "Height": 480}
# label -> (kind, CreateXxx parameters); "unnamed" has no name, and two are both named "gif".
REQUESTS: dict[str, tuple[str, dict[str, object]]] = {
    "ladder": (ADAPTIVE, {"Name": "ladder", "Format": "HLS", "Comment": "abr", "SegmentDuration": 4,
                          "StreamInfos": [RUNG, {**RUNG, "Video": _480P}]}),
    "dash": (ADAPTIVE, {"Name": "dash", "Format": "MPEG-DASH", "DrmType": "Widevine",
                        "SegmentType": "mp4-mp4-byterange", "StreamInfos": [RUNG]}),
    "cover": (TIME_OFFSET, {"Name": "cover", "Width": 1280, "Height": 720, "Format": "png"}),
    "every-10s": (SAMPLE, {"Name": "every-10s", "SampleType": "Time", "SampleInterval": 10}),
    "unnamed": (SAMPLE, {"SampleType": "Percent", "SampleInterval": 20, "FillType": "white"}),
    "sprite": (SPRITE, {"Name": "sprite", "SampleType": "Time", "SampleInterval": 5, "RowCount": 10,
                        "ColumnCount": 10, "Width": 256, "Height": 144}),
    "gif": (ANIMATED, {"Name": "gif", "Fps": 10, "Width": 320, "Quality": 80}),
    "gif-again": (ANIMATED, {"Name": "gif", "Fps": 15, "Format": "webp", "Height": 240}),
    "intro": (HEAD_TAIL, {"Name": "intro", "HeadCandidateSet": _HEAD, "FillType": "gauss"}),
    "strict": (CONTENT_REVIEW, {"Name": "strict", "ReviewWallSwitch": "OFF", "ScreenshotInterval": 2,
                                "PornConfigure": _PORN}),
    "labels": (REVIEW, {"Name": "labels", "Labels": ["Porn", "Ad"]}),
    "tags": (ANALYSIS, {"Name": "tags", "TagConfigure": {"Switch": "ON"},
                        "FrameTagConfigure": {"Switch": "ON", "ScreenshotInterval": 2}}),
    "ocr": (RECOGNITION, {"Name": "ocr", "OcrFullTextConfigure": {"Switch": "ON"},
                          "AsrTranslateConfigure": _TRANSLATE}),
}  # fmt: skip


def _media(ids: dict[str, int], logo: int) -> dict[str, object]:
    return {
        "TranscodeTaskSet": [{"Definition": 100030, "HeadTailSet": [{"Definition": ids["intro"]}]}],
        "AdaptiveDynamicStreamingTaskSet": [
            {"Definition": ids["ladder"], "WatermarkSet": [{"Definition": logo}]},
            {"Definition": 10},
        ],
        "SnapshotByTimeOffsetTaskSet": [{"Definition": ids["cover"], "ExtTimeOffsetSet": ["1s"]}],
        "SampleSnapshotTaskSet": [{"Definition": ids["every-10s"]}, {"Definition": ids["unnamed"]}],
        "ImageSpriteTaskSet": [{"Definition": ids["sprite"]}],
        "AnimatedGraphicTaskSet": [{"Definition": ids["gif"], "StartTimeOffset": 0, "EndTimeOffset": 5}],
        "CoverBySnapshotTaskSet": [{"Definition": 10, "PositionType": "Time", "PositionValue": 2}],
    }


def template_account(directory: Path) -> dict[str, int]:
    """Custom templates of every kind (REQUESTS), and two procedures that use them beside presets;
    answers the ids by label."""
    with official_sdk(directory) as sdk:
        image = {"ImageContent": PNG_BASE64}
        logo = int(
            sdk("CreateWatermarkTemplate", Type="image", Name="logo", ImageTemplate=image)["Definition"]
        )
        ids = {
            label: int(sdk(f"Create{kind}", **request)["Definition"])
            for label, (kind, request) in REQUESTS.items()
        }
        review = {"Definition": ids["labels"], "ReviewContents": ["Media", "Cover"]}
        media = _media(ids, logo)
        sdk("CreateProcedureTemplate", Name="publish", Comment="everything", MediaProcessTask=media,
            AiContentReviewTask={"Definition": ids["strict"]}, AiAnalysisTask={"Definition": ids["tags"]},
            AiRecognitionTaskSet=[{"Definition": ids["ocr"]}, {"Definition": 10}],
            ReviewAudioVideoTask=review)  # fmt: skip
        sdk("CreateProcedureTemplate", Name="presets", AiAnalysisTask={"Definition": 20},
            MediaProcessTask={"ImageSpriteTaskSet": [{"Definition": 10}]})  # fmt: skip
    return ids
