"""System presets of the processing-template kinds, as (Definition, stored spec) pairs.

Sources, per kind (what no source states is marked "assumed"):
- SnapshotByTimeOffset 10 and SampleSnapshot 10: the preset tables of Tencent's screenshot
  templates (tencentcloud.com/document/product/1041/48786, shared by VOD and MPS): JPG, source
  resolution, "scale to fill" (stretch); sampled every 10 percent.
- ImageSprite 10: same page; JPG, sampled every 10 percent, 10 x 10 small images; the
  142 x 80 px small-image size is assumed.
- AnimatedGraphics 20000 (GIF) and 20001 (WebP): ids and parameters assumed (no retrievable
  source listed them).
- AdaptiveDynamicStreaming 10 (HLS) and 20 (HLS, SimpleAES): assumed, a 3-rung H.264 ladder
  built from the documented preset transcode rungs (360p/540p/720p, presets.py).
- ContentReview, AIAnalysis and AIRecognition 30 and 31: exactly as Tencent's DescribeXxx
  examples show them (examples.json); AIRecognition marks them Type "Preset", and api.json says
  ids below 10000 are system presets (Modify/DeleteAIAnalysisTemplate).
- HeadTail and Review templates: no presets documented.
"""

from __future__ import annotations

from .schema import Params

Presets = tuple[tuple[int, Params], ...]

SNAPSHOT_BY_TIME_OFFSET: Presets = (
    (10, {"Name": "TimeOffsetSnapshot-JPG", "Format": "jpg", "FillType": "stretch"}),
)
SAMPLE_SNAPSHOT: Presets = (
    (
        10,
        {
            "Name": "SampleSnapshot-JPG-10%",
            "Format": "jpg",
            "SampleType": "Percent",
            "SampleInterval": 10,
            "FillType": "stretch",
        },
    ),
)
IMAGE_SPRITE: Presets = (
    (
        10,
        {
            "Name": "ImageSprite-JPG-10x10",
            "Format": "jpg",
            "SampleType": "Percent",
            "SampleInterval": 10,
            "RowCount": 10,
            "ColumnCount": 10,
            "Width": 142,
            "Height": 80,
            "FillType": "stretch",
        },
    ),
)
ANIMATED_GRAPHICS: Presets = (
    (20000, {"Name": "AnimatedGraphics-GIF", "Format": "gif", "Fps": 10, "Quality": 75}),
    (20001, {"Name": "AnimatedGraphics-WEBP", "Format": "webp", "Fps": 10, "Height": 240, "Quality": 75}),
)

_RUNGS = ((360, 400, 64), (540, 1000, 64), (720, 1800, 128))


def _ladder() -> list[Params]:
    return [
        {
            "Video": {"Codec": "libx264", "Fps": 25, "Bitrate": video, "Height": height},
            "Audio": {"Codec": "libfdk_aac", "Bitrate": audio, "SampleRate": 44100},
        }
        for height, video, audio in _RUNGS
    ]


ADAPTIVE_DYNAMIC_STREAMING: Presets = (
    (10, {"Name": "Adaptive-HLS", "Format": "HLS", "StreamInfos": _ladder()}),
    (
        20,
        {"Name": "Adaptive-HLS-Encrypted", "Format": "HLS", "DrmType": "SimpleAES", "StreamInfos": _ladder()},
    ),
)

_ON, _OFF = {"Switch": "ON"}, {"Switch": "OFF"}
_REVIEW = {"Switch": "ON", "BlockConfidence": 100, "ReviewConfidence": 75}


def _image(label: str, block: int = 80, review: int = 30) -> Params:
    return {"Switch": "ON", "LabelSet": [label], "BlockConfidence": block, "ReviewConfidence": review}


def _content_review(name: str, terror_labels: list[str], face_label: str) -> Params:
    return {
        "Name": name,
        "Comment": "内容审核模板",
        "ReviewWallSwitch": "ON",
        "PornConfigure": {
            "ImgReviewInfo": _image("porn"),
            "AsrReviewInfo": _REVIEW,
            "OcrReviewInfo": _REVIEW,
        },
        "TerrorismConfigure": {
            "ImgReviewInfo": {**_image("bloody"), "LabelSet": terror_labels},
            "OcrReviewInfo": {"Switch": "OFF", "BlockConfidence": 0, "ReviewConfidence": 0},
        },
        "PoliticalConfigure": {
            "ImgReviewInfo": _image("politician"),
            "AsrReviewInfo": _REVIEW,
            "OcrReviewInfo": _REVIEW,
        },
        "UserDefineConfigure": {
            "AsrReviewInfo": {**_REVIEW, "LabelSet": []},
            "OcrReviewInfo": {**_REVIEW, "LabelSet": []},
            "FaceReviewInfo": {**_image(face_label, 0, 0)},
        },
        "ScreenshotInterval": 1,
    }


CONTENT_REVIEW: Presets = (
    (30, _content_review("模板1", ["bloody"], "face")),
    (31, _content_review("模板2", [], "def")),
)


def _analysis(name: str, classification: Params) -> Params:
    return {
        "Name": name,
        "Comment": "智能分析模板",
        "ClassificationConfigure": classification,
        "TagConfigure": _ON,
        "CoverConfigure": _ON,
        "HighlightConfigure": _ON,
        "FrameTagConfigure": {"Switch": "ON", "ScreenshotInterval": 1},
    }


AI_ANALYSIS: Presets = ((30, _analysis("模板1", _ON)), (31, _analysis("模板2", _OFF)))


def _recognition(name: str, on: bool) -> Params:
    switch = _ON if on else _OFF
    return {
        "Name": name,
        "Comment": "智能识别模板",
        "HeadTailConfigure": _ON,
        "SegmentConfigure": switch,
        "FaceConfigure": {**switch, "FaceLibrary": "All", "Score": 0},
        "OcrFullTextConfigure": switch,
        "OcrWordsConfigure": _OFF,
        "AsrFullTextConfigure": {**switch, "SrcLanguage": ""},
        "AsrTranslateConfigure": {"Switch": "OFF", "SrcLanguage": "", "DstLanguage": "", "SubtitleName": ""},
        "AsrWordsConfigure": _OFF,
        "ObjectConfigure": {"Switch": "ON", "ObjectLibrary": "All"},
        "ScreenshotInterval": 10,
    }


AI_RECOGNITION: Presets = ((30, _recognition("模板1", True)), (31, _recognition("模板2", False)))
