"""Plan reads live state with list calls: about ceil(n/100) Describe calls per kind, never one per object."""

from __future__ import annotations

import math

import httpx

from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from vodops.live import read_live
from vodops.resources import DEPENDENCY_ORDER, KINDS, MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK


def _api(emulator: Emulator) -> VodApi:
    caller = HttpCaller(
        Endpoint.parse("http://vod.test"),
        Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY),
        transport=httpx.WSGITransport(app=emulator),
    )
    return VodApi(caller, sub_app_id=None)


def _populate(api: VodApi) -> None:
    video = {"Codec": "libx264", "Fps": 25, "Bitrate": 1000}
    audio = {"Codec": "libfdk_aac", "Bitrate": 64, "SampleRate": 44100}
    for n in range(100):
        api.create(
            TRANSCODE, {"Name": f"t{n}", "Container": "mp4", "VideoTemplate": video, "AudioTemplate": audio}
        )
    text = {"FontType": "arial.ttf", "FontSize": "10px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
    for n in range(250):
        api.create(WATERMARK, {"Name": f"w{n}", "Type": "text", "TextTemplate": text})
    for n in range(30):
        api.create(PROCEDURE, {"Name": f"p{n}"})
        api.create(MEDIA_CLASS, {"ParentId": -1, "ClassName": f"c{n}"})


def test_plan_lists_each_kind_in_pages_of_100() -> None:
    emulator = Emulator()
    api = _api(emulator)
    _populate(api)
    before = len(emulator.calls)
    live = read_live(api)
    described = [call.action for call in emulator.calls[before:]]
    transcodes = len(live.of_kind(TRANSCODE))  # presets are listed too: they can be referenced
    assert described.count("DescribeTranscodeTemplates") == math.ceil(transcodes / 100)
    assert described.count("DescribeWatermarkTemplates") == 3
    served = [KINDS[name] for name in DEPENDENCY_ORDER if api.serves(name)]
    others = [kind.wire.list_action for kind in served if kind.name not in (TRANSCODE, WATERMARK)]
    assert all(described.count(action) == 1 for action in others), described  # each fits one page
    assert len(described) == math.ceil(transcodes / 100) + 3 + len(others)
    assert len(live.of_kind(WATERMARK)) == 250
    emulator.close()
