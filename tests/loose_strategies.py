"""Specs whose fields are each drawn from its model's domain, independently of the others, with
values at the documented edges and just past them: so that cross-field rules and ranges get
broken as often as kept. For the differential test of validate against the emulator."""

from __future__ import annotations

import typing
from typing import Any

from hypothesis import strategies as st

from vodops.resources.tasks import FontType
from vodops.resources.transcode import AUDIO_CODECS

Draw = Any
CONTAINERS = ("mp4", "flv", "hls", "mp3", "flac", "ogg", "m4a", "wav")
_SWITCH = st.sampled_from(["ON", "OFF"])
_POSITIONS = ["0px", "8192px", "8193px", "0%", "100%", "101%", "12.5%"]
_SUBTITLE_SIZES = ["0px", "0%", "1px", "4096px", "4097px", "100%", "101%", "1000px", "1001px"]


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _usually(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The value three times in four, else None: rules hold more often, so more specs get applied."""
    return st.sampled_from([True, True, True, False]).flatmap(lambda keep: strategy if keep else st.none())


def _sometimes(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The value one time in three, else None."""
    return st.sampled_from([True, False, False]).flatmap(lambda keep: strategy if keep else st.none())


def _some(draw: Draw, values: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """Each member drawn (one time in three) or left out, independently."""
    drawn = {name: draw(_sometimes(strategy)) for name, strategy in values.items()}
    return {name: value for name, value in drawn.items() if value is not None}


@st.composite
def loose_video(draw: Draw) -> dict[str, Any]:
    return {
        "codec": draw(st.sampled_from(["libx264", "libx264", "libx265", "av1", "H.266"])),
        "fps": draw(st.sampled_from([0, 25, 100])),
        "bitrate": draw(st.sampled_from([0, 128, 1800])),
        **_some(
            draw,
            {
                "vcrf": st.integers(1, 51),
                "codecTag": st.sampled_from(["hvc1", "hev1"]),
                "videoProfile": st.sampled_from(["baseline", "high"]),
                "bframes": st.integers(0, 16),
                "width": st.sampled_from([0, 128, 8192]),
                "gop": st.sampled_from([0, 1, 100000]),
            },
        ),
    }


@st.composite
def loose_audio(draw: Draw, container: str) -> dict[str, Any]:
    fitting = sorted(AUDIO_CODECS[container])
    return {
        "codec": draw(st.sampled_from(fitting * 3 + sorted(set().union(*AUDIO_CODECS.values())))),
        "bitrate": draw(st.sampled_from([0, 26, 256])),
        "sampleRate": draw(st.sampled_from([16000, 32000, 44100, 48000])),
        **_some(draw, {"audioChannel": st.sampled_from([0, 1, 2, 6])}),
    }


@st.composite
def _enhance(draw: Draw) -> dict[str, Any]:
    toggle = st.builds(lambda switch: {"switch": switch}, _SWITCH)
    video = _some(
        draw,
        dict.fromkeys(
            ("superResolution", "denoise", "imageQualityEnhance", "artifactRepair", "diffusionEnhance"),
            toggle,
        ),
    )
    return {"videoEnhance": video} if video else {}


@st.composite
def loose_transcode(draw: Draw) -> dict[str, Any]:
    tehd = st.builds(
        lambda kind, top: {"type": kind, **({} if top is None else {"maxVideoBitrate": top})},
        st.sampled_from(["TEHD-100", "OFF"]),
        _maybe(st.sampled_from([0, 3000])),
    )
    container = draw(st.sampled_from(CONTAINERS))
    audio_only = container in ("mp3", "flac", "ogg", "m4a", "wav")
    streams = {"videoTemplate": draw(_usually(loose_video()) if not audio_only else _maybe(loose_video()))}
    streams["audioTemplate"] = draw(_usually(loose_audio(container)))
    return {
        "container": container,
        **{name: value for name, value in streams.items() if value is not None},
        **_some(
            draw,
            {
                "removeVideo": st.sampled_from([0, 1]),
                "removeAudio": st.sampled_from([0, 1]),
                "tehdConfig": tehd,
                "segmentType": st.sampled_from(["ts", "fmp4"]),
                "enhanceConfig": _enhance(),
            },
        ),
    }


@st.composite
def loose_watermark(draw: Draw) -> dict[str, Any]:
    image = st.builds(
        lambda w, h: {
            "imageFile": "logo.png",
            **({} if w is None else {"width": w}),
            **({} if h is None else {"height": h}),
        },
        _maybe(st.sampled_from(["0px", "7px", "8px", "4096px", "4097px", "100%", "101%"])),
        _maybe(st.sampled_from(["0px", "8px", "0%"])),
    )
    text = st.builds(
        lambda size: {"fontType": "arial.ttf", "fontSize": size, "fontColor": "0xFFFFFF", "fontAlpha": 1},
        st.sampled_from(["0px", "0.5px", "16px", "5000px"]),
    )
    return {
        "type": draw(st.sampled_from(["image", "text", "svg"])),
        **_some(
            draw,
            {
                "xPos": st.sampled_from(_POSITIONS),
                "yPos": st.sampled_from(_POSITIONS),
                "imageTemplate": image,
                "textTemplate": text,
                "svgTemplate": st.just({"width": "10W%"}),
            },
        ),
    }


@st.composite
def _subtitle(draw: Draw) -> dict[str, Any]:
    sizes = st.sampled_from(_SUBTITLE_SIZES)
    return {
        "id": draw(st.sampled_from(["SUBTITLE_ID_PLACE_HOLDER", "subtitle-en"])),
        **_some(
            draw,
            {
                "streamIndex": st.integers(0, 3),
                "fontType": st.sampled_from(typing.get_args(FontType)),
                "fontSize": sizes,
                "yPos": sizes,
                "boardWidth": sizes,
                "outlineWidth": sizes,
                "lineSpacing": sizes,
            },
        ),
    }


@st.composite
def loose_procedure(draw: Draw) -> dict[str, Any]:
    mosaic = st.builds(
        lambda x, w: {"xPos": x, "width": w}, st.sampled_from(_POSITIONS), st.sampled_from(_POSITIONS)
    )
    task = {
        "definition": 100030,
        **_some(
            draw,
            {
                "subtitleInfoSet": st.lists(_subtitle(), min_size=1, max_size=2),
                "mosaicSet": st.lists(mosaic, min_size=1, max_size=2),
            },
        ),
    }
    cover = st.builds(
        lambda kind, value: {"definition": 10, "positionType": kind, "positionValue": value},
        st.sampled_from(["Time", "Percent"]),
        st.sampled_from([0, 50, 100, 150]),
    )
    drm = st.builds(
        lambda resource, vector: {
            "drmTypes": ["Widevine"],
            "spekeDrm": {"resourceId": resource, "keyServerUrl": "https://keys.example", "vector": vector},
        },
        st.sampled_from(["movie-42", "movie_42", "movie 42", "a" * 129]),
        st.sampled_from(["0" * 32, "0" * 31, "g" * 32]),
    )
    streaming = st.builds(lambda d: {"definition": 12, **({} if d is None else {"drmInfo": d})}, _maybe(drm))
    media = _some(
        draw,
        {
            "coverBySnapshotTaskSet": st.lists(cover, min_size=1, max_size=2),
            "adaptiveDynamicStreamingTaskSet": st.lists(streaming, min_size=1, max_size=1),
        },
    )
    return {"mediaProcessTask": {"transcodeTaskSet": [task], **media}}
