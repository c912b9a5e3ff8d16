"""Where plans and applies go: the embedded emulator (`local`) or a cloud endpoint."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vodops.cloud.client import Endpoint, HttpCaller
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, EmulatorTransport
from vodops.errors import SettingsError
from vodops.settings import LOCAL, Settings

DEFAULT_ENDPOINT = "vod.tencentcloudapi.com"
LOCAL_STATE = Path(".vodops") / "emulator.sqlite3"
_LOCAL_ENDPOINT = Endpoint.parse("http://vod.emulator.local")


@dataclass(frozen=True)
class Target:
    name: str
    endpoint: Endpoint | None  # None: the embedded emulator
    region: str | None = None
    sub_app_id: int | None = None

    @property
    def description(self) -> str:
        where = "embedded emulator" if self.endpoint is None else self.endpoint.host
        app = f", subAppId {self.sub_app_id}" if self.sub_app_id else ""
        return f"{self.name} ({where}{app})"


def resolve_target(settings: Settings, name: str | None) -> Target:
    chosen = name or settings.default_target
    if chosen == LOCAL:
        return Target(LOCAL, None)
    found = settings.targets.get(chosen)
    if found is None:
        known = ", ".join(sorted({LOCAL, *settings.targets}))
        raise SettingsError(f"no target named {chosen!r} in vodops.yaml (known: {known})")
    endpoint = Endpoint.parse(found.endpoint or DEFAULT_ENDPOINT)
    return Target(chosen, endpoint, found.region, found.sub_app_id)


@contextmanager
def connect(target: Target, directory: Path) -> Iterator[VodApi]:
    """A VodApi for `target`; for `local`, the emulator's state lives under `directory`."""
    if target.endpoint is None:
        emulator = Emulator(db_path=directory / LOCAL_STATE)
        transport = EmulatorTransport(emulator)
        caller = HttpCaller(
            _LOCAL_ENDPOINT, Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY), transport=transport
        )
        try:
            yield VodApi(caller, target.sub_app_id)
        finally:
            caller.close()
            emulator.close()
        return
    caller = HttpCaller(target.endpoint, credentials_from_environment(), region=target.region)
    try:
        yield VodApi(caller, target.sub_app_id)
    finally:
        caller.close()


def credentials_from_environment() -> Credentials:
    secret_id = os.environ.get("TENCENTCLOUD_SECRET_ID", "").strip()
    secret_key = os.environ.get("TENCENTCLOUD_SECRET_KEY", "").strip()
    if not secret_id or not secret_key:
        raise SettingsError(
            "no credentials for a cloud target: set TENCENTCLOUD_SECRET_ID and "
            "TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary keys)"
        )
    token = os.environ.get("TENCENTCLOUD_SESSION_TOKEN", "").strip() or None
    return Credentials(secret_id, secret_key, token)
