"""Live accounts made outside vodops, for export tests: through the official SDK, or at random.

The official SDK talks HTTP to the emulator that holds a project directory's `local` state, the
way a team's console-made account would have been built; the random accounts go through vodops's
own client with requests drawn from tests/strategies.py (valid specs, converted to API spelling).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests import strategies
from tests.conftest import EXAMPLES
from tests.helpers import live_api
from vodops.cloud.vod import VodApi
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, serve_in_thread
from vodops.errors import ApiError
from vodops.ownership import Owner, content_digest, split_comment, with_marker
from vodops.resources import DEPENDENCY_ORDER, MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK
from vodops.resources.base import api_key, rekey
from vodops.targets import LOCAL_STATE

PNG = (EXAMPLES / "quickstart" / "logo.png").read_bytes()
PNG_BASE64 = base64.b64encode(PNG).decode("ascii")
Sdk = Callable[..., dict[str, Any]]
VIDEO = {"Codec": "libx264", "Fps": 30, "Bitrate": 1800}
AUDIO = {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100}


@contextmanager
def official_sdk(directory: Path) -> Iterator[Sdk]:
    """`sdk(action, **params)` through tencentcloud's CommonClient, into `directory`'s emulator."""
    emulator = Emulator(db_path=directory / LOCAL_STATE)
    try:
        with serve_in_thread(emulator) as url:
            yield sdk_client(url)
    finally:
        emulator.close()


def sdk_client(url: str) -> Sdk:
    """The official SDK's CommonClient for an emulator served at `url`."""
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=url.removeprefix("http://")))
    secret = credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    client = CommonClient("vod", "2018-07-17", secret, "", profile)
    return lambda action, **params: client.call_json(action, params)["Response"]


def snapshot(directory: Path) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every custom object as Describe shows it, by id, with UpdateTime and markers left out."""
    with live_api(directory) as api:
        listed = {kind: api.list(kind) for kind in DEPENDENCY_ORDER}
    shot: dict[str, dict[Any, dict[str, Any]]] = {}
    for kind, items in listed.items():
        key = {MEDIA_CLASS: "ClassId", PROCEDURE: "Name"}.get(kind, "Definition")
        shot[kind] = {str(item[key]): _unmarked(item) for item in items if item.get("Type") != "Preset"}
    return shot


def _unmarked(item: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in item.items() if k != "UpdateTime"}
    if "Comment" in shown:
        shown["Comment"] = split_comment(str(shown["Comment"]))[0]
    return shown


def mixed_account(directory: Path) -> dict[str, Any]:
    """Every kind, made through the official SDK the way a console user would have."""
    with official_sdk(directory) as sdk:
        movies = sdk("CreateClass", ParentId=-1, ClassName="Movies")["ClassId"]
        action = sdk("CreateClass", ParentId=movies, ClassName="Action")["ClassId"]
        sdk("CreateClass", ParentId=action, ClassName="Heist")
        sdk("CreateClass", ParentId=-1, ClassName="Music")
        slashed = sdk("CreateClass", ParentId=-1, ClassName="News/Sports")["ClassId"]
        sdk("CreateClass", ParentId=slashed, ClassName="Football")
        image = {"ImageContent": PNG_BASE64, "Width": "64px"}
        logo = sdk("CreateWatermarkTemplate", Type="image", Name="logo", CoordinateOrigin="BottomRight",
                   XPos="10px", YPos="10px", ImageTemplate=image)["Definition"]  # fmt: skip
        text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
        caption = sdk("CreateWatermarkTemplate", Type="text", TextTemplate=text)["Definition"]
        sdk("CreateWatermarkTemplate", Type="svg", Name="vector", SvgTemplate={"Width": "12W%"})
        stream = {"VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
        unnamed = sdk("CreateTranscodeTemplate", Container="hls", **stream)["Definition"]
        first = sdk("CreateTranscodeTemplate", Name="ladder", Container="mp4", **stream)["Definition"]
        second = sdk("CreateTranscodeTemplate", Name="ladder", Container="flv", **stream)["Definition"]
        sdk("CreateTranscodeTemplate", Name="podcast", Container="m4a",
            AudioTemplate={"Codec": "libfdk_aac", "Bitrate": 96, "SampleRate": 44100})  # fmt: skip
        sdk("CreateTranscodeTemplate", Name="hls-1080p", Comment="ON", Container="hls",
            TEHDConfig={"Type": "TEHD-100"}, **stream)  # fmt: skip
        theirs = sdk("CreateTranscodeTemplate", Name="payroll", Comment="[vodops:payments]",
                     Container="mp4", **stream)["Definition"]  # fmt: skip
        tasks = [
            {"Definition": unnamed, "WatermarkSet": [{"Definition": logo}, {"Definition": caption}]},
            {"Definition": first},
            {"Definition": 100030},
            {"Definition": theirs},
        ]
        graphic = [{"Definition": 20000, "StartTimeOffset": 0, "EndTimeOffset": 5}]
        media = {"TranscodeTaskSet": tasks, "AnimatedGraphicTaskSet": graphic}
        sdk("CreateProcedureTemplate", Name="ingest", Comment="every upload", MediaProcessTask=media)
        sdk("CreateProcedureTemplate", Name="review", AiContentReviewTask={"Definition": 10})
    return {"unnamed": unnamed, "first": first, "second": second, "caption": caption, "theirs": theirs}


# Random accounts. Names are drawn from pools that make every naming rule fire: unnamed and shared
# templates, names a manifest refuses, a preset's name, and the names export would invent.
TEMPLATE_NAMES = ["", "", "ladder", "ladder", "logo", "12", " padded", "STD-MP3-128K", "transcode-1000001"]
PROCEDURE_NAMES = ["ingest", "publish", "12", " padded"]
CLASS_NAMES = ["Movies", "Action", "a/b", " spaced", "Music"]
OWNERS = [None, None, None, "default", "payments"]  # unmarked, this stack's, another stack's
# Comments the console allows that vodops cannot keep as they are beside its marker.
CONSOLE_COMMENTS = [None, "ON", "draft ", "  ", "x" * 250]


@st.composite
def _template_request(draw: Any, kind: str, index: int) -> dict[str, Any]:
    owner = draw(st.sampled_from(OWNERS))
    if kind == TRANSCODE:
        spec = draw(strategies.transcode())
    else:
        spec = draw(strategies.watermark("logo.png", draw(st.sampled_from(strategies.WATERMARK_TYPES))))
    request: dict[str, Any] = rekey(spec, api_key)
    if "ImageTemplate" in request:
        request["ImageTemplate"]["ImageContent"] = PNG_BASE64
        del request["ImageTemplate"]["ImageFile"]
    # This stack's objects were created by vodops: unique, valid names and a marker that fits.
    name = f"managed-{index}" if owner == "default" else draw(st.sampled_from(TEMPLATE_NAMES))
    request["Name"] = name
    if owner is not None:
        digest = content_digest(PNG) if "ImageTemplate" in request else None
        request["Comment"] = with_marker(str(request.get("Comment", "")), Owner(owner, digest))
    elif (comment := draw(st.sampled_from(CONSOLE_COMMENTS))) is not None:
        request["Comment"] = comment
    return request


@st.composite
def account_requests(draw: Any) -> dict[str, list[dict[str, Any]]]:
    """Requests for templates and classes; procedures are drawn once the template ids are known."""
    return {
        WATERMARK: [draw(_template_request(WATERMARK, i)) for i in range(draw(st.integers(0, 3)))],
        TRANSCODE: [draw(_template_request(TRANSCODE, i)) for i in range(draw(st.integers(0, 4)))],
        MEDIA_CLASS: draw(st.lists(st.tuples(st.integers(-1, 3), st.sampled_from(CLASS_NAMES)), max_size=5)),
    }


def create_account(api: VodApi, requests: dict[str, list[Any]]) -> dict[str, list[int]]:
    """Create what `account_requests` drew; answer the template ids by kind."""
    ids = {
        kind: [int(api.create(kind, request)) for request in requests[kind]]
        for kind in (WATERMARK, TRANSCODE)
    }
    classes: list[int] = []
    for parent, name in requests[MEDIA_CLASS]:
        parent_id = classes[parent] if 0 <= parent < len(classes) else -1
        with suppress(ApiError):  # a duplicate sibling or a level too deep: refused, as it should be
            classes.append(int(api.create(MEDIA_CLASS, {"ParentId": parent_id, "ClassName": name})))
    return ids


@st.composite
def procedure_requests(draw: Any, ids: dict[str, list[int]]) -> list[dict[str, Any]]:
    names = draw(st.lists(st.sampled_from(PROCEDURE_NAMES), unique=True, max_size=3))
    requests = []
    for name in names:
        spec = draw(strategies.procedure(ids[TRANSCODE], ids[WATERMARK]))
        owner = draw(st.sampled_from([None, None, "payments", "default"]))
        if owner == "default" and name.strip() != name:
            owner = None  # vodops never made a procedure with such a name
        request: dict[str, Any] = {"Name": name, **rekey(spec, api_key)}
        if owner is not None:
            request["Comment"] = with_marker(str(request.get("Comment", "")), Owner(owner))
        elif (comment := draw(st.sampled_from(CONSOLE_COMMENTS))) is not None:
            request["Comment"] = comment
        requests.append(request)
    return requests
