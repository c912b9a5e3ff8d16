"""The legacy signature: the published test vectors, the official SDK as oracle, and flattening."""

from __future__ import annotations

from typing import Any

import pytest
from QcloudApi.common.sign import Sign  # type: ignore[import-untyped]

from vodops.cloud.legacy import flatten, sign, string_to_sign

DEMO_KEY = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA"
DEMO_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"
PY2 = {  # QcloudApi/qcloudapi-sdk-python tests/unit/common/test_sign.py
    "Action": "DescribeInstances",
    "Nonce": "1290303896666895346",
    "Region": "ap-guangzhou",
    "SecretId": "secretIdFoo",
    "SignatureMethod": "HmacSHA1",
    "Timestamp": "1512393162",
    "Version": "2017-03-12",
}
VOD = {"Nonce": "11886", "Region": "gz", "SecretId": DEMO_ID, "Timestamp": "1465185768"}
TRANSCODE = {
    **VOD,
    "Action": "CreateTranscodeTemplate",
    "SignatureMethod": "HmacSHA256",
    "audio.bitrate": "128",
    "audio.codec": "libfdk_aac",
    "audio.sampleRate": "44100",
    "container": "mp4",
    "name": "高清 720p",
    "video.bitrate": "1800",
    "video.codec": "libx264",
    "video.fps": "25",
}

# (key, method, host, params, signature method, expected) from reference/legacy-api-2017.md §1.4
VECTORS = [
    (
        DEMO_KEY,
        "GET",
        "cvm.api.qcloud.com",
        {
            "Action": "DescribeInstances",
            "instanceIds.0": "ins-09dx96dg",
            "limit": "20",
            "offset": "0",
            "Nonce": "11886",
            "Region": "gz",
            "SecretId": DEMO_ID,
            "Timestamp": "1465185768",
        },
        "HmacSHA1",
        "NSI3UqqD99b/UJb4tbG/xZpRW64=",
    ),
    ("secretKeyBar", "POST", "cvm.api.qcloud.com", PY2, "HmacSHA1", "p3n+pxBqF5JGZtDSxoVn5tGngf0="),
    ("secretKeyBar", "GET", "cvm.api.qcloud.com", PY2, "HmacSHA1", "5HAq1BOKNLEE2/uauWnp6Zv9Z3c="),
    (
        "secretKeyBar",
        "POST",
        "cvm.api.qcloud.com",
        {**PY2, "SignatureMethod": "HmacSHA256"},
        "HmacSHA256",
        "B2T37FRSP6Fk0/q/cdfrTE0p3zX5ooB/2BPWZUFpsj4=",
    ),
    (
        DEMO_KEY,
        "GET",
        "vod.api.qcloud.com",
        {**VOD, "Action": "QueryTranscodeTemplate", "SignatureMethod": "HmacSHA256", "definition": "10"},
        "HmacSHA256",
        "nd/FuJfdnOfcjDh9hU9aQUDgZudboSS8/43yfIl3jsA=",
    ),
    (
        DEMO_KEY,
        "GET",
        "vod.api.qcloud.com",
        {**VOD, "Action": "QueryTranscodeTemplate", "SignatureMethod": "HmacSHA1", "definition": "10"},
        "HmacSHA1",
        "KXHSM42KpTiJWgUckyeUFHwJLX8=",
    ),
    (
        DEMO_KEY,
        "POST",
        "vod.api.qcloud.com",
        TRANSCODE,
        "HmacSHA256",
        "TdYMmhI/hmRClWj0IB2KDqS42H+P/dIAXwS6aDlw+hU=",
    ),
    (
        DEMO_KEY,
        "GET",
        "vod.api.qcloud.com",
        {**VOD, "Action": "DescribeAllClass", "Nonce": "1", "Region": ""},
        "HmacSHA1",
        "rAujeFEB9TqfWSNET3rvou48cZs=",
    ),
]


@pytest.mark.parametrize(("key", "method", "host", "params", "algorithm", "expected"), VECTORS)
def test_published_vectors(
    key: str, method: str, host: str, params: dict[str, str], algorithm: str, expected: str
) -> None:
    assert sign(key, string_to_sign(method, host, params), algorithm) == expected


def test_the_published_string_to_sign() -> None:
    params = VECTORS[0][3]
    assert string_to_sign("GET", "cvm.api.qcloud.com", params) == (
        "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId="
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0"
    )


def test_underscores_sign_as_dots_and_the_signature_is_left_out() -> None:
    underscored = {k.replace(".", "_"): v for k, v in TRANSCODE.items()}
    with_signature = {**TRANSCODE, "Signature": "anything"}
    expected = "TdYMmhI/hmRClWj0IB2KDqS42H+P/dIAXwS6aDlw+hU="
    assert sign(DEMO_KEY, string_to_sign("post", "vod.api.qcloud.com", underscored)) == expected
    assert sign(DEMO_KEY, string_to_sign("POST", "vod.api.qcloud.com", with_signature)) == expected


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("algorithm", ["HmacSHA1", "HmacSHA256"])
def test_the_official_sdk_signs_the_same(method: str, algorithm: str) -> None:
    params = {**TRANSCODE, "comment": "a+b=c&d [vodops:default]", "Token": ""}
    theirs = Sign(DEMO_ID, DEMO_KEY).make("vod.api.qcloud.com", "/v2/index.php", params, method, algorithm)
    assert sign(DEMO_KEY, string_to_sign(method, "vod.api.qcloud.com", params), algorithm) == theirs


FLATTENED: list[tuple[dict[str, Any], dict[str, str]]] = [
    ({"video": {"codec": "libx264", "fps": 25}}, {"video.codec": "libx264", "video.fps": "25"}),
    ({"tags": ["a", "b"]}, {"tags.0": "a", "tags.1": "b"}),
    ({"pullset": [{"url": "u", "fileName": "f"}]}, {"pullset.0.url": "u", "pullset.0.fileName": "f"}),
    (
        {"transcode": {"definition": [10, 20]}},
        {"transcode.definition.0": "10", "transcode.definition.1": "20"},
    ),
    ({"isFiltrateVideo": True, "name": None, "comment": ""}, {"isFiltrateVideo": "1", "comment": ""}),
]


@pytest.mark.parametrize(("nested", "flat"), FLATTENED)
def test_flattening(nested: dict[str, Any], flat: dict[str, str]) -> None:
    assert flatten(nested) == flat
