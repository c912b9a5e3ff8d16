"""System presets every app has: transcode templates, the `default` procedure and class 0.

They are documents in the same shape the backends store for custom objects, so they render the
same way; they are never written to the store and can be neither modified nor deleted.
Parameters follow Tencent's preset template list (tencentcloud.com/document/product/266/33932);
the legacy ids 10-40 and 210-240 appear in the API's examples and are given plausible values.
"""

from __future__ import annotations

from typing import Any

from .schema import Params

PRESET_EPOCH = 1538388000  # 2018-10-01T10:00:00Z, the time the API's examples show
DEFAULT_PROCEDURE_EPOCH = 1571834835  # 2019-10-23T20:47:15+08:00, from the `default` example

# (Definition suffix, label, short edge px, video kbps, audio kbps)
_LADDER = (
    (10, "360P", 360, 400, 64),
    (20, "540P", 540, 1000, 64),
    (30, "720P", 720, 1800, 128),
    (40, "1080P", 1080, 2500, 128),
    (70, "2K", 1440, 3000, 160),
    (80, "4K", 2160, 6000, 160),
)
_LEGACY = (
    (10, "FLU", 360, 256, 48),
    (20, "SD", 540, 512, 64),
    (30, "HD", 720, 1024, 128),
    (40, "FHD", 1080, 2500, 128),
)
_M4A = ((1100, 24), (1110, 48), (1120, 96), (1130, 192), (1140, 256))
_MP3 = ((1010, 128), (1020, 320))


def _doc(definition: int, spec: Params) -> Params:
    return {"Definition": definition, "Created": PRESET_EPOCH, "Updated": PRESET_EPOCH, "Spec": spec}


def _video(definition: int, name: str, container: str, height: int, video: int, audio: int) -> Params:
    spec: dict[str, Any] = {
        "Container": container,
        "Name": name,
        "VideoTemplate": {"Codec": "libx264", "Fps": 25, "Bitrate": video, "Height": height},
        "AudioTemplate": {"Codec": "libfdk_aac", "Bitrate": audio, "SampleRate": 44100},
    }
    return _doc(definition, spec)


def _audio(definition: int, container: str, codec: str, kbps: int) -> Params:
    spec = {
        "Container": container,
        "Name": f"STD-{container.upper()}-{kbps}K",
        "RemoveVideo": 1,
        "AudioTemplate": {"Codec": codec, "Bitrate": kbps, "SampleRate": 44100},
    }
    return _doc(definition, spec)


def _transcode_presets() -> list[Params]:
    presets = []
    for suffix, label, height, video, audio in _LADDER:
        for base, container in ((100000, "mp4"), (100200, "hls")):
            name = f"STD-H264-{container.upper()}-{label}"
            presets.append(_video(base + suffix, name, container, height, video, audio))
    for definition, label, height, video, audio in _LEGACY:
        for base, container in ((0, "mp4"), (200, "hls")):
            name = f"LEGACY-H264-{container.upper()}-{label}"
            presets.append(_video(base + definition, name, container, height, video, audio))
    presets += [_audio(definition, "m4a", "libfdk_aac", kbps) for definition, kbps in _M4A]
    presets += [_audio(definition, "mp3", "libmp3lame", kbps) for definition, kbps in _MP3]
    return sorted(presets, key=lambda doc: int(doc["Definition"]))


TRANSCODE_TEMPLATES: tuple[Params, ...] = tuple(_transcode_presets())
TRANSCODE_DEFINITIONS = frozenset(int(doc["Definition"]) for doc in TRANSCODE_TEMPLATES)

PROCEDURES: tuple[Params, ...] = (
    {
        "Name": "default",
        "Created": DEFAULT_PROCEDURE_EPOCH,
        "Updated": DEFAULT_PROCEDURE_EPOCH,
        # As DescribeProcedureTemplates' example in examples.json shows it.
        "Spec": {
            "MediaProcessTask": {"TranscodeTaskSet": [{"Definition": 1010}]},
            "AiRecognitionTask": {"Definition": 70},
        },
    },
)
PROCEDURE_NAMES = frozenset(str(doc["Name"]) for doc in PROCEDURES)

SYSTEM_CLASS_ID = 0
SYSTEM_CLASS: Params = {
    "ClassId": SYSTEM_CLASS_ID,
    "ParentId": -1,
    "Name": "SystemDefault",
    "ClassName": "其他",
    "Level": 0,
}
