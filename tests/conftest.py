"""Shared fixtures: run the real CLI in-process, and copies of the examples to change freely."""

from __future__ import annotations

import http.client
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from vodops.cli import main
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, serve_in_thread

# Property tests run 30 examples each; HYPOTHESIS_PROFILE=thorough runs 500 when hunting.
settings.register_profile("default", max_examples=30)
settings.register_profile("thorough", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def scratch_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test, and every process it starts, gets an empty home: tests never read the user's
    tccli profiles nor write into the real home directory (tccli writes ~/.tccli)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    return home


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


Vodops = Callable[..., Run]


@pytest.fixture
def vodops(capsys: pytest.CaptureFixture[str]) -> Vodops:
    """`vodops("plan", dir)` runs the CLI's entry point and returns its exit code and output."""

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def quickstart(tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of examples/quickstart (its emulator state starts empty)."""
    target = tmp_path / "quickstart"
    shutil.copytree(EXAMPLES / "quickstart", target, ignore=shutil.ignore_patterns(".vodops"))
    yield target


SECRET_ID, SECRET = "AKIDtests", "Tests-Secret-Key-Never-Shown-9f2"  # scanned for in every output


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """An emulator to serve as a cloud target; it accepts the default pair and the tests' pair."""
    emu = Emulator(credentials={DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY, SECRET_ID: SECRET})
    yield emu
    emu.close()


@pytest.fixture
def endpoint(emulator: Emulator) -> Iterator[str]:
    with serve_in_thread(emulator) as url:
        yield url


@pytest.fixture
def default_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The emulator's documented default pair in the environment, and a home without profiles."""
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def cloud_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The tests' key pair in the environment, and a home without tccli profiles."""
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", SECRET)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


LegacySdk = Callable[..., dict[str, Any]]


@pytest.fixture
def legacy_sdk(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> LegacySdk:
    """The official legacy SDK calling the served `emulator` fixture (see legacy_sdk_at)."""
    return legacy_sdk_at(endpoint, monkeypatch)


def legacy_sdk_at(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> LegacySdk:
    """The official legacy SDK (qcloudapi-sdk-python), unchanged but for its connection: it speaks
    HTTPS to vod.api.qcloud.com only, so its connection class is replaced by plain HTTP to the
    emulator served at `endpoint`. `sdk(action, params, method=..., signature=...)` answers the JSON."""
    import QcloudApi.common.request as sdk_request  # type: ignore[import-untyped]
    from QcloudApi.qcloudapi import QcloudApi  # type: ignore[import-untyped]

    port = int(endpoint.rsplit(":", 1)[1])

    class EmulatorConnection(http.client.HTTPConnection):
        def __init__(self, host: str, port_: int | None = None) -> None:
            super().__init__("127.0.0.1", port)
            self.request_length = 0

    monkeypatch.setattr(sdk_request, "MyHTTPSConnection", EmulatorConnection)

    def call(
        action: str,
        params: dict[str, Any] | None = None,
        method: str = "GET",
        signature: str = "HmacSHA1",
        secret: tuple[str, str] = (DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY),
    ) -> dict[str, Any]:
        config = {
            "secretId": secret[0],
            "secretKey": secret[1],
            "method": method,
            "SignatureMethod": signature,
        }
        answer: dict[str, Any] = json.loads(QcloudApi("vod", config).call(action, params or {}))
        return answer

    return call


@pytest.fixture
def tccli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with an empty ~/.tccli and no credential in the environment."""
    for name in (
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_SESSION_TOKEN",
        "TCCLI_PROFILE",
    ):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    (home / ".tccli").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home
