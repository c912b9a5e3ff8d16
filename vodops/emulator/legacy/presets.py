"""The legacy system transcode templates every app has (reference §3.6, from [QD-tpl]): MP4, HLS
and FLV at 320/640/1280/1920 on the long side, 24 fps, adaptive resolution, two-channel audio at
44100 Hz and 48 kbps. They are shown by the legacy actions only: the 2018 API has its own presets.
"""

from __future__ import annotations

from typing import Any

PRESET_EPOCH = 1485156352  # the createTime of presets 10 and 20 in the seed's list example

_RUNGS = ((320, 256), (640, 512), (1280, 1024), (1920, 2500))
_FAMILIES = ((10, "mp4", "libfdk_aac"), (210, "hls", "libfdk_aac"), (10046, "flv", "libmp3lame"))


def _preset(definition: int, container: str, audio_codec: str, width: int, kbps: int) -> dict[str, Any]:
    spec = {
        "Name": "",
        "Comment": "",
        "Container": container,
        "VideoTemplate": {"Codec": "libx264", "Fps": 24, "Bitrate": kbps, "Width": width, "Height": 0},
        "AudioTemplate": {"Codec": audio_codec, "Bitrate": 48, "SampleRate": 44100, "AudioChannel": 2},
    }
    return {"Definition": definition, "Created": PRESET_EPOCH, "Updated": PRESET_EPOCH, "Spec": spec}


def _presets() -> tuple[dict[str, Any], ...]:
    step = {10: 10, 210: 10, 10046: 1}
    return tuple(
        _preset(first + index * step[first], container, codec, width, kbps)
        for first, container, codec in _FAMILIES
        for index, (width, kbps) in enumerate(_RUNGS)
    )


LEGACY_TRANSCODE: tuple[dict[str, Any], ...] = _presets()
LEGACY_DEFINITIONS = frozenset(int(doc["Definition"]) for doc in LEGACY_TRANSCODE)
