"""Fixtures: an emulator served on a local port, and the official Tencent Cloud SDK pointed at it.

`api(action, **params)` sends a request through the SDK's CommonClient and answers the raw
`Response` object; `api.typed(...)` goes through VodClient and its typed models, with the SDK's
"fields are useless" warnings made errors so that any member the emulator invents fails a test;
`api.fails(...)` expects an error and answers the SDK's exception.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.common.sign import Sign
from tencentcloud.vod.v20180717 import models, vod_client

from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, serve_in_thread

VERSION = "2018-07-17"


class Clock:
    """A clock that stands still unless told to move; starts at the real time (signatures)."""

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass(frozen=True)
class Sdk:
    """One service of the official SDK: its name and version, typed client class and models."""

    service: str
    version: str
    client: Any
    models: Any


VOD_SDK = Sdk("vod", VERSION, vod_client.VodClient, models)


class Api:
    """The official SDK, signed with one SecretId/SecretKey, pointed at one emulator; VOD unless
    `sdk` names another service. `region` is the one Tencent's examples name (ApplyUpload and
    CommitUpload need one; the other VOD actions ignore it)."""

    def __init__(
        self,
        endpoint: str,
        secret_id: str,
        secret_key: str,
        token: str | None = None,
        unsigned_payload: bool = False,
        *,
        sdk: Sdk = VOD_SDK,
        region: str = "ap-guangzhou",
    ) -> None:
        profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
        profile.unsignedPayload = unsigned_payload
        cred = credential.Credential(secret_id, secret_key, token)
        self.common = CommonClient(sdk.service, sdk.version, cred, region, profile)
        self.client = sdk.client(cred, region, profile)
        self.models = sdk.models
        self.endpoint = endpoint

    def __call__(self, action: str, **params: Any) -> dict[str, Any]:
        response: dict[str, Any] = self.common.call_json(action, params)["Response"]
        return response

    def typed(self, action: str, **params: Any) -> dict[str, Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            request = getattr(self.models, f"{action}Request")()
            request.from_json_string(json.dumps(params))
            response = getattr(self.client, action)(request)
            return dict(json.loads(response.to_json_string()))

    def fails(self, action: str, **params: Any) -> TencentCloudSDKException:
        with pytest.raises(TencentCloudSDKException) as caught:
            self(action, **params)
        return caught.value

    def code(self, action: str, **params: Any) -> str:
        return str(self.fails(action, **params).get_code())


Serve = Callable[[Emulator], AbstractContextManager[Api]]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def emulator(clock: Clock) -> Iterator[Emulator]:
    emu = Emulator(clock=clock)
    yield emu
    emu.close()


class Router:
    """A WSGI app that forwards to whichever emulator the current test set."""

    def __init__(self) -> None:
        self.target: Emulator | None = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        assert self.target is not None, "no emulator is being served"
        return self.target(environ, start_response)


@pytest.fixture(scope="session")
def server() -> Iterator[tuple[Router, str]]:
    """One server for the session (starting one per test costs more than the tests)."""
    router = Router()
    with serve_in_thread(router) as url:
        yield router, url


@pytest.fixture
def url() -> Iterator[str]:
    """A fresh emulator served on its own server, which cuts off a client that stalls for 0.5 s
    within a request."""
    emulator = Emulator()
    with serve_in_thread(emulator, read_timeout=0.5) as base:
        yield base
    emulator.close()


@pytest.fixture
def base_url(emulator: Emulator, server: tuple[Router, str]) -> Iterator[str]:
    router, url = server
    router.target = emulator
    yield url
    router.target = None


@pytest.fixture
def endpoint(base_url: str) -> str:
    return base_url.removeprefix("http://")


@pytest.fixture
def api(endpoint: str) -> Api:
    return Api(endpoint, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)


@pytest.fixture
def api_as(endpoint: str) -> Callable[..., Api]:
    """An Api with other credentials or options: `api_as("AKID...", "key", token=...)`."""
    return lambda secret_id, secret_key, **options: Api(endpoint, secret_id, secret_key, **options)


@pytest.fixture
def serve() -> Serve:
    """Serve another emulator for the length of a `with` block: `with serve(emu) as api: ...`."""

    @contextmanager
    def serving(emu: Emulator) -> Iterator[Api]:
        with serve_in_thread(emu) as url:
            yield Api(url.removeprefix("http://"), DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)

    return serving


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "emulator.sqlite3"


# Payloads that are valid as far as the emulator can tell.


@pytest.fixture
def video() -> dict[str, Any]:
    return {"Codec": "libx264", "Fps": 25, "Bitrate": 1800, "Width": 1280, "Height": 720}


@pytest.fixture
def audio() -> dict[str, Any]:
    return {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100}


@pytest.fixture
def hls_720p(video: dict[str, Any], audio: dict[str, Any]) -> dict[str, Any]:
    return {"Container": "hls", "Name": "hls-720p", "VideoTemplate": video, "AudioTemplate": audio}


@pytest.fixture
def png() -> str:
    """A 1x1 PNG, Base64."""
    return "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


@pytest.fixture
def sign() -> Callable[..., dict[str, str]]:
    """Signs hand-made requests: `sign(action, body, host, secret_key=..., timestamp=...)`."""
    return signed_headers


def signed_headers(
    action: str,
    body: bytes,
    host: str,
    *,
    secret_id: str = DEFAULT_SECRET_ID,
    secret_key: str = DEFAULT_SECRET_KEY,
    timestamp: int | None = None,
    version: str = VERSION,
) -> dict[str, str]:
    """Headers for a hand-made request, signed with the SDK's own HMAC chain (`Sign.sign_tc3`)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    date = datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d")
    content_type = "application/json"
    canonical = "\n".join(
        (
            "POST",
            "/",
            "",
            f"content-type:{content_type}\nhost:{host}\n",
            "content-type;host",
            hashlib.sha256(body).hexdigest(),
        )
    )
    scope = f"{date}/vod/tc3_request"
    to_sign = "\n".join(
        ("TC3-HMAC-SHA256", str(stamp), scope, hashlib.sha256(canonical.encode()).hexdigest())
    )
    signature = Sign.sign_tc3(secret_key, date, "vod", to_sign)
    return {
        "Content-Type": content_type,
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Version": version,
        "X-TC-Timestamp": str(stamp),
        "Authorization": f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders=content-type;host, Signature={signature}",
    }


@pytest.fixture
def in_process(emulator: Emulator) -> Iterator[httpx.Client]:
    """The emulator reached the way vodops reaches it: httpx through WSGI, no socket."""
    transport = httpx.WSGITransport(app=emulator)
    with httpx.Client(transport=transport, base_url="http://vod.emulator.local") as client:
        yield client
