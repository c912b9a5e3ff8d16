"""Hypothesis strategies for valid specs of every kind, spanning the fields the API offers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from vodops.resources.transcode import AUDIO_CODECS

Draw = Any
AUDIO_ONLY = ("mp3", "flac", "ogg", "m4a", "wav")
PRESET_TRANSCODES = (100010, 100020, 100030, 100210)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _zero_or(low: int, high: int) -> st.SearchStrategy[int]:
    return st.just(0) | st.integers(low, high)


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


@st.composite
def video(draw: Draw, container: str) -> dict[str, Any]:
    codecs = ["libx264", "libx265"] + (["av1", "H.266"] if container == "mp4" else [])
    codec = draw(st.sampled_from(codecs))
    return _without_none(
        {
            "codec": codec,
            "fps": draw(st.integers(0, 100)),
            "bitrate": draw(_zero_or(128, 100000)),
            "resolutionAdaptive": draw(_maybe(st.sampled_from(["open", "close"]))),
            "width": draw(_maybe(_zero_or(128, 8192))),
            "height": draw(_maybe(_zero_or(128, 8192))),
            "fillType": draw(_maybe(st.sampled_from(["stretch", "black", "white", "gauss"]))),
            "vcrf": draw(st.integers(1, 51)) if codec == "H.266" else draw(_maybe(st.integers(1, 51))),
            "gop": draw(_maybe(_zero_or(1, 100000))),
            "gopUnit": draw(_maybe(st.sampled_from(["frame", "second"]))),
            "preserveHDRSwitch": draw(_maybe(st.sampled_from(["ON", "OFF"]))),
            "codecTag": draw(_maybe(st.sampled_from(["hvc1", "hev1"]))) if codec == "libx265" else None,
            "mode": draw(_maybe(st.sampled_from(["VBR", "ABR", "CBR", "VCRF"]))),
            "bframes": draw(_maybe(st.integers(0, 16))),
            "hlsTime": draw(_maybe(st.integers(0, 10))),
            "videoProfile": draw(_maybe(st.sampled_from(["baseline", "main", "high", "default"])))
            if codec == "libx264"
            else None,
        }
    )


@st.composite
def audio(draw: Draw, container: str) -> dict[str, Any]:
    codec = draw(st.sampled_from(sorted(AUDIO_CODECS[container])))
    rates = [32000, 44100, 48000] + ([16000] if codec == "pcm16" else [])
    channels = [0, 1, 2] + ([] if container in ("flac", "ogg", "mp3", "m4a") else [6])
    return _without_none(
        {
            "codec": codec,
            "bitrate": draw(_zero_or(26, 256)),
            "sampleRate": draw(st.sampled_from(rates)),
            "audioChannel": draw(_maybe(st.sampled_from(channels))),
        }
    )


def _toggle(types: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda switch, kind: _without_none({"switch": switch, "type": kind}),
        st.sampled_from(["ON", "OFF"]),
        _maybe(st.sampled_from(types)),
    )


@st.composite
def enhance(draw: Draw) -> dict[str, Any]:
    video_part = _without_none(
        {
            "enhanceScenarioType": draw(_maybe(st.sampled_from(["common", "AIGC", "game", ""]))),
            "hdr": draw(_maybe(_toggle(["hdr10", "hlg"]))),
            "colorEnhance": draw(_maybe(_toggle(["weak", "normal", "strong"]))),
            "lowLightEnhance": draw(_maybe(_toggle(["normal"]))),
            "imageQualityEnhance": draw(_maybe(_toggle(["weak", "normal", "strong"]))),
            "superResolution": draw(_maybe(_toggle(["lq", "hq"]))),
        }
    )
    audio_part = _without_none(
        {
            "denoise": draw(_maybe(_toggle(["normal"]))),
            "volumeBalance": draw(_maybe(_toggle(["loudNorm", "gainControl"]))),
        }
    )
    return _without_none({"videoEnhance": video_part or None, "audioEnhance": audio_part or None})


@st.composite
def transcode(draw: Draw) -> dict[str, Any]:
    container = draw(st.sampled_from(["mp4", "flv", "hls", *AUDIO_ONLY]))
    audio_only = container in AUDIO_ONLY
    remove = None if audio_only else draw(st.sampled_from([None, "video", "audio"]))
    spec = {
        "container": container,
        "comment": draw(_maybe(st.text("abc xyz-", min_size=1, max_size=20).map(str.strip).filter(bool))),
        "removeVideo": 1 if remove == "video" else draw(_maybe(st.just(1 if audio_only else 0))),
        "removeAudio": 1 if remove == "audio" else draw(_maybe(st.just(0))),
        "videoTemplate": None if audio_only or remove == "video" else draw(video(container)),
        "audioTemplate": None if remove == "audio" else draw(audio(container)),
        "segmentType": draw(_maybe(st.sampled_from(["ts", "fmp4"]))) if container == "hls" else None,
        "tehdConfig": draw(_maybe(st.builds(
            lambda kind, top: _without_none({"type": kind, "maxVideoBitrate": (top, None)[kind == "OFF"]}),
            st.sampled_from(["TEHD-100", "OFF"]), _maybe(st.integers(0, 50000)),
        ))),
        "enhanceConfig": draw(_maybe(enhance())),
        "stdExtInfo": draw(_maybe(st.sampled_from(['{"a":1}', "x"]))),
    }  # fmt: skip
    return _without_none(spec)


_POSITION = st.sampled_from(["0px", "10px", "5%", "12.5%", "100px"])


WATERMARK_TYPES = ("image", "text", "svg")


@st.composite
def watermark(draw: Draw, image_file: str, kind: str) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "type": kind,
        "coordinateOrigin": draw(
            _maybe(st.sampled_from(["TopLeft", "TopRight", "BottomLeft", "BottomRight"]))
        ),
        "xPos": draw(_maybe(_POSITION)),
        "yPos": draw(_maybe(_POSITION)),
    }
    if kind == "image":
        spec["imageTemplate"] = _without_none(
            {
                "imageFile": image_file,
                "width": draw(_maybe(st.sampled_from(["10%", "20%", "64px"]))),
                "height": draw(_maybe(st.sampled_from(["0px", "10%", "32px"]))),
                "repeatType": draw(_maybe(st.sampled_from(["once", "repeat_last_frame", "repeat"]))),
                "transparency": draw(_maybe(st.integers(0, 100))),
            }
        )
    elif kind == "text":
        spec["textTemplate"] = {
            "fontType": draw(st.sampled_from(["simkai.ttf", "arial.ttf"])),
            "fontSize": draw(st.sampled_from(["12px", "24px"])),
            "fontColor": draw(st.sampled_from(["0xFFFFFF", "0x000000", "0xFF8800"])),
            "fontAlpha": draw(st.sampled_from([0.5, 1, 0.8])),
        }
    else:
        sizes = st.sampled_from(["10W%", "10%", "0px", "20H%", "64px"])
        spec["svgTemplate"] = _without_none({"width": draw(_maybe(sizes)), "height": draw(_maybe(sizes))})
    return _without_none(spec)


@st.composite
def _watermark_uses(draw: Draw, marks: list[str]) -> list[dict[str, Any]] | None:
    uses = draw(st.lists(st.sampled_from(marks), max_size=2)) if marks else []
    offsets = _maybe(st.sampled_from([0, 1.5, -2]))
    return [
        _without_none({"definition": name, "startTimeOffset": draw(offsets), "endTimeOffset": draw(offsets)})
        for name in uses
    ] or None


@st.composite
def transcode_task(draw: Draw, templates: list[str], marks: list[str]) -> dict[str, Any]:
    mosaic = st.builds(
        lambda x, w: _without_none({"xPos": x, "width": w}), _maybe(_POSITION), _maybe(st.just("20%"))
    )
    return _without_none(
        {
            "definition": draw(st.sampled_from([*templates, *PRESET_TRANSCODES])),
            "watermarkSet": draw(_watermark_uses(marks)),
            "copyRightWatermark": draw(
                _maybe(st.builds(lambda t: {"text": t}, st.sampled_from(["(c) me", "x"])))
            ),
            "traceWatermark": draw(
                _maybe(st.builds(lambda s: {"switch": s}, st.sampled_from(["ON", "OFF"])))
            ),
            "mosaicSet": draw(_maybe(st.lists(mosaic, min_size=1, max_size=2))),
            "startTimeOffset": draw(_maybe(st.sampled_from([0, 3.5]))),
            "endTimeOffset": draw(_maybe(st.sampled_from([0, -10]))),
            "overrideParameter": draw(
                _maybe(st.just({"container": "mp4", "videoTemplate": {"bitrate": 900}}))
            ),
            "subtitleInfoSet": draw(_maybe(st.just([{"id": "SUBTITLE_ID_PLACE_HOLDER", "fontSize": "5%"}]))),
        }
    )


_OTHER_TASKS = {
    "animatedGraphicTaskSet": [{"definition": 20000, "startTimeOffset": 0, "endTimeOffset": 5}],
    "snapshotByTimeOffsetTaskSet": [{"definition": 10, "extTimeOffsetSet": ["3.5s", "10%"]}],
    "sampleSnapshotTaskSet": [{"definition": 10}],
    "imageSpriteTaskSet": [{"definition": 10}],
    "coverBySnapshotTaskSet": [{"definition": 10, "positionType": "Time", "positionValue": 0}],
    "adaptiveDynamicStreamingTaskSet": [{"definition": 12, "subtitleSet": ["sub1"]}],
}
_AI_TASKS = {
    "aiAnalysisTask": {"definition": 10},
    "aiContentReviewTask": {"definition": 20},
    "aiRecognitionTaskSet": [{"definition": 10}],
    "importMediaKnowledgeTaskSet": [{"definition": 1, "knowledgeBaseIds": ["kb1"]}],
}


@st.composite
def procedure(draw: Draw, templates: list[str], marks: list[str]) -> dict[str, Any]:
    """A procedure using `templates` and `marks` (transcode and watermark names or ids) and presets
    of the other kinds. Head/tail and review templates have no presets: procedures that use them
    are drawn in tests/test_template_kinds.py, beside the templates they name."""
    transcodes = _maybe(st.lists(transcode_task(templates, marks), min_size=1, max_size=3))
    media = {"transcodeTaskSet": draw(transcodes)}
    media |= {name: draw(_maybe(st.just(tasks))) for name, tasks in _OTHER_TASKS.items()}
    return _without_none(
        {
            "comment": draw(_maybe(st.sampled_from(["ingest", "a flow"]))),
            "mediaProcessTask": _without_none(media) or None,
            **{name: draw(_maybe(st.just(task))) for name, task in _AI_TASKS.items()},
        }
    )
