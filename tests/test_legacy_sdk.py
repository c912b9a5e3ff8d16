"""The official legacy SDK (qcloudapi-sdk-python) calls every legacy action against the emulator."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.conftest import EXAMPLES, LegacySdk, legacy_sdk_at
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.tc3 import Credentials
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, Knobs, serve_in_thread

LOGO = (EXAMPLES / "quickstart" / "logo.png").read_bytes()
WIRES = [("GET", "HmacSHA1"), ("GET", "HmacSHA256"), ("POST", "HmacSHA1"), ("POST", "HmacSHA256")]
TEMPLATE = {
    "name": "hls-720p",
    "container": "hls",
    "comment": "720p rung",
    "video": {"codec": "libx264", "fps": 30, "bitrate": 1800, "width": 1280, "height": 720, "maxGop": 2},
    "audio": {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 44100},
}


def _ok(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer["code"] == 0, answer
    assert answer["codeDesc"] == "Success"
    return answer


@pytest.mark.parametrize(("method", "signature"), WIRES)
def test_class_actions(legacy_sdk: LegacySdk, method: str, signature: str) -> None:
    def call(action: str, **params: Any) -> dict[str, Any]:
        return legacy_sdk(action, params, method=method, signature=signature)

    assert call("DescribeAllClass") == {
        "code": 4000,
        "message": "(1905)The user has no classes.",
        "codeDesc": 1905,
    }
    movies = _ok(call("CreateClass", className="Movies", parentId=-1))["newClassId"]
    assert movies == "1"  # a numeric string, as the manual shows
    action = _ok(call("CreateClass", className="Action", parentId=int(movies)))["newClassId"]
    assert _ok(call("DescribeAllClass"))["data"] == [
        {
            "info": {"id": 1, "parent_id": -1, "name": "Movies", "level": 0, "file_num": 0},
            "subclass": [
                {
                    "info": {"id": 2, "parent_id": 1, "name": "Action", "level": 1, "file_num": 0},
                    "subclass": [],
                }
            ],
        }
    ]
    _ok(call("ModifyClass", classId=action, className="Thriller"))
    rows = _ok(call("DescribeClass"))["data"]
    assert [(row["id"], row["name"]) for row in rows] == [("0", "其他"), ("1", "Movies"), ("2", "Thriller")]
    assert rows[0]["create_time"] == "2014-11-27 10:22:37"
    _ok(call("DeleteClass", classId=action))
    assert [node["subclass"] for node in _ok(call("DescribeAllClass"))["data"]] == [[]]


@pytest.mark.parametrize(("method", "signature"), WIRES[::3])
def test_transcode_actions(legacy_sdk: LegacySdk, method: str, signature: str) -> None:
    def call(action: str, **params: Any) -> dict[str, Any]:
        return legacy_sdk(action, params, method=method, signature=signature)

    presets = _ok(call("QueryTranscodeTemplateList"))["data"]
    assert [p["definition"] for p in presets] == [
        10,
        20,
        30,
        40,
        210,
        220,
        230,
        240,
        10046,
        10047,
        10048,
        10049,
    ]
    assert {p["onPremise"] for p in presets} == {1}
    assert presets[1]["video"]["width"] == 640 and presets[1]["audio"]["bitrate"] == 48
    definition = _ok(call("CreateTranscodeTemplate", **TEMPLATE))["data"]["definition"]
    data = _ok(call("QueryTranscodeTemplate", definition=definition))["data"]
    assert data["definition"] == definition and data["onPremise"] == 0
    assert data["video"]["maxGop"] == 2 and data["video"]["resolutionSelfAdapting"] == "open"
    assert data["video"]["colorSpace"] == "YUV420P" and data["audio"]["soundSystem"] == 2
    changed = {**TEMPLATE, "video": {**TEMPLATE["video"], "bitrate": 2400}}  # type: ignore[dict-item]
    _ok(call("UpdateTranscodeTemplate", definition=definition, **changed))
    assert _ok(call("QueryTranscodeTemplate", definition=definition))["data"]["video"]["bitrate"] == 2400
    assert len(_ok(call("QueryTranscodeTemplateList"))["data"]) == 13
    _ok(call("DeleteTranscodeTemplate", definition=definition))
    gone = call("QueryTranscodeTemplate", definition=definition)
    assert gone["code"] == 4000 and gone["codeDesc"] == 10704


@pytest.mark.parametrize(("method", "signature"), WIRES[1:3])
def test_watermark_actions(legacy_sdk: LegacySdk, method: str, signature: str) -> None:
    def call(action: str, **params: Any) -> dict[str, Any]:
        return legacy_sdk(action, params, method=method, signature=signature)

    upload = _ok(call("ApplyUploadWatermark", type="png"))["uploadUrl"]
    assert httpx.put(upload, content=LOGO).status_code == 200
    created = _ok(
        call("CreateWatermarkTemplate", name="logo", type="image", url=upload, left="5%", width="12%")
    )
    definition = created["definition"]  # at the top level, not under data
    one = _ok(call("QueryWatermarkTemplate", definition=definition))
    assert (one["name"], one["type"], one["left"], one["top"], one["width"], one["height"]) == (
        "logo", "image", "5%", "0px", "12%", "0px",
    )  # fmt: skip
    assert httpx.get(one["url"]).content == LOGO
    listed = _ok(call("QueryWatermarkTemplateList"))["watermarkList"]
    assert [(w["definition"], w["create_time"] > 0) for w in listed] == [(definition, True)]
    _ok(call("UpdateWatermarkTemplate", definition=definition, width="20%", name="logo-big"))
    one = _ok(call("QueryWatermarkTemplate", definition=definition))
    assert (one["name"], one["width"], one["left"]) == ("logo-big", "20%", "5%")
    _ok(call("DeleteWatermarkTemplate", definition=definition))
    assert call("QueryWatermarkTemplate", definition=definition)["codeDesc"] == 10704


BAD_TRANSCODE = [
    ({"container": "avi"}, 10730),
    ({"video": {**TEMPLATE["video"], "fps": 0}}, 10731),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "fps": 29.97}}, 10731),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "codec": "libvpx"}}, 10732),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "bitrate": 100}}, 10733),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "width": 100}}, 10734),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "codec": "libx265"}}, 10734),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "maxGop": 11}}, 10739),  # type: ignore[dict-item]
    ({"video": {**TEMPLATE["video"], "videoProfile": "default"}}, 10740),  # type: ignore[dict-item]
    ({"audio": {**TEMPLATE["audio"], "sampleRate": 22050}}, 10755),  # type: ignore[dict-item]
    ({"audio": {**TEMPLATE["audio"], "bitrate": 512}}, 10756),  # type: ignore[dict-item]
    ({"audio": {**TEMPLATE["audio"], "soundSystem": 3}}, 10757),  # type: ignore[dict-item]
    ({"name": "名" * 22}, 1000),  # 66 bytes
]


@pytest.mark.parametrize(("change", "code"), BAD_TRANSCODE)
def test_bad_transcode_templates_are_refused_with_their_codes(
    legacy_sdk: LegacySdk, emulator: Emulator, change: dict[str, Any], code: int
) -> None:
    before = emulator.snapshot()
    answer = legacy_sdk("CreateTranscodeTemplate", {**TEMPLATE, **change}, method="POST")
    assert (answer["code"], answer["codeDesc"]) == (4000, code)
    assert answer["message"].startswith(f"({code})")
    assert emulator.snapshot() == before


def test_bad_watermarks_and_classes_are_refused_with_their_codes(
    legacy_sdk: LegacySdk, emulator: Emulator
) -> None:
    upload = legacy_sdk("ApplyUploadWatermark", {"type": "png"})["uploadUrl"]
    assert httpx.put(upload, content=b"not an image").status_code == 400
    _ok(legacy_sdk("CreateClass", {"className": "Movies"}))
    before = emulator.snapshot()
    cases = [
        ("CreateWatermarkTemplate", {"type": "image", "url": upload, "width": "10%"}, 10801),
        ("CreateWatermarkTemplate", {"type": "text", "url": upload, "width": "10%"}, 10802),
        ("CreateWatermarkTemplate", {"type": "image", "url": upload, "width": "4px"}, 10810),
        ("CreateWatermarkTemplate", {"type": "image", "url": upload, "width": "10%", "left": "5"}, 10803),
        ("UpdateWatermarkTemplate", {"definition": 7, "width": "10%"}, 10704),
        ("DeleteTranscodeTemplate", {"definition": 10}, 1000),
        ("UpdateTranscodeTemplate", {"definition": 99, **TEMPLATE}, 10704),
        ("UpdateTranscodeTemplate", {"definition": 10, **TEMPLATE}, 1000),
        ("CreateClass", {"className": "Movies", "parentId": -1}, 1907),
        ("CreateClass", {"className": "Other", "parentId": 0}, 1903),
        ("CreateClass", {"className": "Other", "parentId": 42}, 1905),
        ("ModifyClass", {"classId": 42, "className": "x"}, 1905),
        ("DeleteClass", {"classId": 42}, 1905),
    ]
    for action, params, code in cases:
        answer = legacy_sdk(action, params)
        assert (answer["code"], answer["codeDesc"]) == (4000, code), (action, answer)
    assert emulator.snapshot() == before


def test_updates_need_the_sample_rate_and_a_kept_stream_needs_settings(
    legacy_sdk: LegacySdk, emulator: Emulator
) -> None:
    no_video = {**TEMPLATE, "isFiltrateVideo": 1}
    no_video.pop("video")
    definition = _ok(legacy_sdk("CreateTranscodeTemplate", no_video))["data"]["definition"]
    before = emulator.snapshot()
    cases = [
        ({"name": "renamed"}, 10755),
        ({"isFiltrateVideo": 0, "audio": TEMPLATE["audio"]}, 10736),
    ]
    for change, code in cases:
        answer = legacy_sdk("UpdateTranscodeTemplate", {"definition": definition, **change})
        assert (answer["code"], answer["codeDesc"]) == (4000, code), answer
    assert emulator.snapshot() == before
    _ok(
        legacy_sdk(
            "UpdateTranscodeTemplate",
            {"definition": definition, "name": "renamed", "audio": TEMPLATE["audio"]},
        )
    )
    shown = _ok(legacy_sdk("QueryTranscodeTemplate", {"definition": definition}))["data"]
    assert (shown["name"], shown["isFiltrateVideo"], shown["audio"]["bitrate"]) == ("renamed", 1, 128)


def test_the_custom_transcode_quota_is_16(legacy_sdk: LegacySdk) -> None:
    for _ in range(16):
        _ok(legacy_sdk("CreateTranscodeTemplate", TEMPLATE))
    answer = legacy_sdk("CreateTranscodeTemplate", TEMPLATE)
    assert (answer["code"], answer["codeDesc"]) == (4000, 10706)


def test_auth_and_protocol_errors(legacy_sdk: LegacySdk) -> None:
    assert legacy_sdk("DescribeClass", secret=("AKIDnobody", "x"))["code"] == 4104
    wrong_key = legacy_sdk("DescribeClass", secret=(DEFAULT_SECRET_ID, "wrong-key"))
    assert (wrong_key["code"], wrong_key["codeDesc"]) == (4100, "AuthFailure")
    assert legacy_sdk("NoSuchAction")["code"] == 6100


def test_a_call_over_the_rate_limit_answers_4400(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rateLimit knob's bucket refills by the emulator's monotonic clock, stopped here: one
    call a second passes, the next two in the same instant are over the limit. (The three calls
    had to land within a second of the wall clock, which a loaded machine does not promise.)"""
    emulator = Emulator(knobs=Knobs(rate_limit=1), monotonic=lambda: 0.0)
    try:
        with serve_in_thread(emulator) as url:
            sdk = legacy_sdk_at(url, monkeypatch)
            answers = [sdk("DescribeClass")["code"] for _ in range(3)]
    finally:
        emulator.close()
    assert answers == [0, 4400, 4400]


def _signed(endpoint: str, action: str, clock: float | None = None, **params: Any) -> dict[str, str]:
    """A POST form as vodops's client signs it."""
    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    now = (lambda: clock) if clock is not None else time.time
    caller = LegacyCaller(Endpoint.parse(endpoint), credentials, clock=now)
    try:
        return caller.signed(action, params)
    finally:
        caller.close()


def test_replays_stale_and_tampered_requests_are_refused(endpoint: str, emulator: Emulator) -> None:
    url = f"{endpoint}/v2/index.php"
    form = _signed(endpoint, "CreateClass", className="Movies")
    assert httpx.post(url, data=form).json()["code"] == 0
    replay = httpx.post(url, data=form).json()
    assert (replay["code"], replay["codeDesc"]) == (4500, "RequestReplayed")
    tampered = {**_signed(endpoint, "CreateClass", className="Series"), "className": "Other"}
    assert httpx.post(url, data=tampered).json()["code"] == 4100
    stale = _signed(endpoint, "DescribeClass", clock=time.time() - 301)
    assert httpx.post(url, data=stale).json()["code"] == 4500
    missing = {k: v for k, v in _signed(endpoint, "DescribeClass").items() if k != "Nonce"}
    assert httpx.post(url, data=missing).json() == {
        "code": 4000, "message": "The common parameter Nonce is missing.", "codeDesc": "InvalidParameter",
    }  # fmt: skip
    dotted = _signed(endpoint, "CreateTranscodeTemplate", **TEMPLATE)
    underscored = {k.replace(".", "_"): v for k, v in dotted.items()}  # video_codec: PHP's spelling
    definition = httpx.post(url, data=underscored).json()["data"]["definition"]
    query = _signed(endpoint, "QueryTranscodeTemplate", definition=definition)
    assert httpx.post(url, data=query).json()["data"]["video"]["codec"] == "libx264"
