"""System presets of the processing-template kinds, as (Definition, stored spec) pairs.

Source: Tencent's VOD preset template list ("预置模板", cloud.tencent.com/document/product/266/33476),
whose tables give each preset's id and parameters:

- animated images 20000 (GIF) and 20001 (WebP): source resolution, 2 fps;
- time-point screenshot 10: JPG, source size, stretched; sampled screenshot 10: the same, one
  every 10 percent; image sprite 10: JPG, 142 x 80 px small images, 10 x 10, one every 10 s;
- adaptive streaming 10 (HLS), 12 (HLS, SimpleAES) and 20 (MPEG-DASH): six H.264 substreams from
  240p to 2160p at 24 fps with 48 kbps AAC, "low resolution to high" filtered for 10 and 12;
- content review 10 (picture: porn, terrorism, political) and 20 (also ASR and OCR porn and
  political); AI analysis 10 (classification, tags, cover) and 20 (also frame tags); AI
  recognition 10 (faces, default library);
- review 10, which api.json names as ReviewAudioVideo's default `Definition` (its document: the
  default is 10, a preset that detects Porn, Terror, Polity and Moan), and whose listing filters
  by `Type: Preset`.

What the tables leave out is shown at the API's defaults; the names are ours (the tables give
none). Head/tail templates have no presets.
"""

from __future__ import annotations

from .schema import Params

Presets = tuple[tuple[int, Params], ...]

ANIMATED_GRAPHICS: Presets = (
    (20000, {"Name": "GIF-2fps", "Format": "gif", "Fps": 2}),
    (20001, {"Name": "WEBP-2fps", "Format": "webp", "Fps": 2}),
)
SNAPSHOT_BY_TIME_OFFSET: Presets = ((10, {"Name": "JPG", "Format": "jpg", "FillType": "stretch"}),)
SAMPLE_SNAPSHOT: Presets = (
    (
        10,
        {
            "Name": "JPG-10%",
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
            "Name": "JPG-142x80-10x10-10s",
            "Format": "jpg",
            "Width": 142,
            "Height": 80,
            "RowCount": 10,
            "ColumnCount": 10,
            "SampleType": "Time",
            "SampleInterval": 10,
        },
    ),
)

# (short edge px, video kbps) of the six substreams, FLU to 4K, as the table gives them.
_RUNGS = ((240, 256), (480, 512), (720, 512), (1080, 1024), (1440, 3072), (2160, 6144))
_LADDER = [
    {
        "Video": {"Codec": "libx264", "Fps": 24, "Bitrate": bitrate, "Height": height},
        "Audio": {"Codec": "libfdk_aac", "Bitrate": 48, "SampleRate": 44100},
    }
    for height, bitrate in _RUNGS
]
ADAPTIVE_DYNAMIC_STREAMING: Presets = (
    (10, {"Name": "HLS", "Format": "HLS", "DisableHigherVideoResolution": 1, "StreamInfos": _LADDER}),
    (
        12,
        {
            "Name": "HLS-SimpleAES",
            "Format": "HLS",
            "DrmType": "SimpleAES",
            "DisableHigherVideoResolution": 1,
            "StreamInfos": _LADDER,
        },
    ),
    (20, {"Name": "MPEG-DASH", "Format": "MPEG-DASH", "StreamInfos": _LADDER}),
)

_ON = {"Switch": "ON"}
_PICTURE = {"ImgReviewInfo": _ON}
_SPEECH_AND_TEXT = {"ImgReviewInfo": _ON, "AsrReviewInfo": _ON, "OcrReviewInfo": _ON}
CONTENT_REVIEW: Presets = (
    (
        10,
        {
            "Name": "Picture",
            "ReviewWallSwitch": "OFF",
            "PornConfigure": _PICTURE,
            "TerrorismConfigure": _PICTURE,
            "PoliticalConfigure": _PICTURE,
        },
    ),
    (
        20,
        {
            "Name": "Picture-ASR-OCR",
            "ReviewWallSwitch": "OFF",
            "PornConfigure": _SPEECH_AND_TEXT,
            "TerrorismConfigure": _PICTURE,
            "PoliticalConfigure": _SPEECH_AND_TEXT,
        },
    ),
)

REVIEW: Presets = ((10, {"Name": "Porn-Terror-Polity-Moan", "Labels": ["Porn", "Terror", "Polity", "Moan"]}),)

_ANALYSIS = {"ClassificationConfigure": _ON, "TagConfigure": _ON, "CoverConfigure": _ON}
AI_ANALYSIS: Presets = (
    (10, {"Name": "Classification-Tag-Cover", **_ANALYSIS}),
    (20, {"Name": "Classification-Tag-Cover-FrameTag", **_ANALYSIS, "FrameTagConfigure": _ON}),
)
AI_RECOGNITION: Presets = (
    (10, {"Name": "Face", "FaceConfigure": {"Switch": "ON", "FaceLibrary": "Default"}}),
)
