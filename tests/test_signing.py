"""vodops signs exactly as the official SDK does: the SDK's own request is the oracle."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from vodops.cloud.tc3 import Credentials, authorization
from vodops.emulator import serve_in_thread

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


class Recorder:
    """A WSGI app that keeps every request's headers and body and answers an empty success."""

    def __init__(self) -> None:
        self.seen: list[tuple[dict[str, str], bytes]] = []

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        headers = {
            k[5:].replace("_", "-").lower(): str(v) for k, v in environ.items() if k.startswith("HTTP_")
        }
        headers["content-type"] = environ.get("CONTENT_TYPE", "")
        size = int(environ.get("CONTENT_LENGTH") or 0)
        self.seen.append((headers, environ["wsgi.input"].read(size)))
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"Response": {"RequestId": "r"}}']


CASES = [
    ("AKIDexample", "secret", {"Limit": 100, "Offset": 0}),
    ("AKIDother", "k/with+odd=chars", {"Name": "转码模板", "Comment": "[vodops:default]"}),
    ("AKID3", "s", {}),
]


@pytest.mark.parametrize(("secret_id", "secret_key", "params"), CASES)
def test_authorization_is_byte_identical_to_the_sdk(
    secret_id: str, secret_key: str, params: dict[str, Any]
) -> None:
    recorder = Recorder()
    with serve_in_thread(recorder) as url, mock.patch("time.time", return_value=1_767_000_000.25):
        profile = ClientProfile(
            httpProfile=HttpProfile(protocol="http", endpoint=url.removeprefix("http://"))
        )
        client = CommonClient("vod", "2018-07-17", credential.Credential(secret_id, secret_key), "", profile)
        client.call_json("DescribeTranscodeTemplates", params)
    [(headers, body)] = recorder.seen
    ours = authorization(
        Credentials(secret_id, secret_key),
        service="vod",
        host=headers["host"],
        content_type=headers["content-type"],
        payload=body,
        timestamp=int(headers["x-tc-timestamp"]),
    )
    assert headers["x-tc-timestamp"] == "1767000000"
    assert ours == headers["authorization"]
    assert json.loads(body) == params
