"""Where plans and applies go: the embedded emulator (`local`) or a cloud endpoint."""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from vodops.cloud.client import Caller, Endpoint, HttpCaller
from vodops.cloud.credentials import PROFILE_VAR, find_credentials
from vodops.cloud.legacy import DEFAULT_HOST as LEGACY_ENDPOINT
from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.legacy_vod import LegacyVodApi
from vodops.cloud.ratelimit import DEFAULT_RATE, RateLimiter
from vodops.cloud.retry import Observer, RetryingCaller
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, EmulatorTransport
from vodops.errors import NoCredentialsError, SettingsError
from vodops.settings import DEFAULT_PARALLELISM, DIALECT_2017, DIALECT_2018, LOCAL, REGION_PATTERN, Settings

T = TypeVar("T")
LOGGER = logging.getLogger("vodops")
DEFAULT_ENDPOINT = "vod.tencentcloudapi.com"
LOCAL_STATE = Path(".vodops") / "emulator.sqlite3"
_LOCAL_ENDPOINT = Endpoint.parse("http://vod.emulator.local")


@dataclass(frozen=True)
class Target:
    name: str
    endpoint: Endpoint | None  # None: the embedded emulator
    region: str | None = None
    sub_app_id: int | None = None
    parallelism: int = DEFAULT_PARALLELISM
    rate_limit: float = DEFAULT_RATE  # per second; per minute for the 2017 dialect
    profile: str | None = None
    dialect: str = DIALECT_2018
    sub_app: str | None = None  # the application by name (vodops/application.py finds its id)

    @property
    def legacy(self) -> bool:
        """Whether the target speaks the legacy 2017 API (seed 004) instead of 2018-07-17."""
        return self.dialect == DIALECT_2017


@dataclass(frozen=True)
class TargetChoice:
    """What the command line says about the target: a name from vodops.yaml and ad-hoc overrides."""

    name: str | None = None
    endpoint: str | None = None
    sub_app_id: int | None = None
    region: str | None = None
    parallelism: int | None = None
    profile: str | None = None


def resolve_target(settings: Settings, choice: TargetChoice | str | None) -> Target:
    if not isinstance(choice, TargetChoice):
        choice = TargetChoice(name=choice)
    base = _named(settings, choice.name or settings.default_target)
    if choice.region is not None and not REGION_PATTERN.fullmatch(choice.region):
        raise SettingsError(f"region {choice.region!r} is not a region name such as ap-guangzhou")
    if choice.endpoint is not None:
        endpoint = Endpoint.parse(choice.endpoint)
        base = replace(base, endpoint=endpoint, name=base.name if base.endpoint else endpoint.host)
    return replace(
        base,
        sub_app_id=_either(choice.sub_app_id, base.sub_app_id),
        sub_app=None if choice.sub_app_id is not None else base.sub_app,
        region=_either(choice.region, base.region),
        parallelism=_either(choice.parallelism, base.parallelism),
        profile=_either(choice.profile, base.profile),
    )


def _either(override: T | None, value: T) -> T:
    return value if override is None else override


def _named(settings: Settings, name: str) -> Target:
    if name == LOCAL:
        return Target(LOCAL, None)
    found = settings.targets.get(name)
    if found is None:
        known = ", ".join(sorted({LOCAL, *settings.targets}))
        where = "in vodops.yaml" if settings.targets else "(no vodops.yaml declares targets here)"
        raise SettingsError(f"no target named {name!r} {where} (known: {known})")
    dialect = found.dialect or DIALECT_2018
    default_endpoint = LEGACY_ENDPOINT if dialect == DIALECT_2017 else DEFAULT_ENDPOINT
    return Target(
        name,
        Endpoint.parse(found.endpoint or default_endpoint),
        found.region,
        found.sub_app_id,
        found.parallelism or DEFAULT_PARALLELISM,
        found.rate_limit or DEFAULT_RATE,
        found.profile,
        dialect,
        found.sub_app,
    )


@contextmanager
def connect(target: Target, directory: Path, observer: Observer | None = None) -> Iterator[VodApi]:
    """A VodApi for `target`, rate-limited and retrying; for `local`, the emulator's state lives
    under `directory` and no rate limit applies."""
    if target.endpoint is None:
        with _local(directory, target.sub_app_id) as caller:
            yield VodApi(RetryingCaller(caller, observer=observer), target.sub_app_id, target.parallelism)
        return
    credentials = _credentials(target.endpoint, target.profile)
    if target.legacy:
        with _legacy(target, credentials, observer) as api:
            yield api
        return
    caller = HttpCaller(target.endpoint, credentials, region=target.region)
    limiter = RateLimiter(target.rate_limit)
    try:
        retrying = RetryingCaller(caller, limiter=limiter, observer=observer)
        yield VodApi(retrying, target.sub_app_id, target.parallelism)
    finally:
        caller.close()


def _credentials(endpoint: Endpoint, profile: str | None) -> Credentials:
    """The user's credentials; for an http:// endpoint on this machine (a `vodops emulator serve`)
    with none configured and no profile asked for, the emulator's documented pair (not a secret)."""
    try:
        return find_credentials(profile)
    except NoCredentialsError:
        if not _loopback(endpoint) or profile or os.environ.get(PROFILE_VAR):
            raise
    LOGGER.info("no credentials configured: using the emulator's documented key pair for %s", endpoint.url)
    return Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)


def _loopback(endpoint: Endpoint) -> bool:
    parts = urlsplit(endpoint.url)
    if parts.scheme != "http" or parts.hostname is None:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def _state_directory(directory: Path) -> Path:
    """.vodops/ under the manifest directory, created with a .gitignore that keeps it out of git."""
    state = directory / LOCAL_STATE.parent
    try:
        state.mkdir(parents=True)
    except FileExistsError:
        pass  # an earlier run (or a concurrent one) made it
    else:
        LOGGER.warning(
            "note: created %s for the embedded emulator's state (the local target); "
            "its .gitignore keeps it out of git",
            state,
        )
    ignore = state / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# the embedded emulator's state, written by vodops\n*\n", encoding="utf-8")
    return state


@contextmanager
def _legacy(target: Target, credentials: Credentials, observer: Observer | None) -> Iterator[VodApi]:
    """The legacy wire: its rate limit counts calls per minute (legacy reference §1.1)."""
    assert target.endpoint is not None, "a legacy target is a cloud target"
    caller = LegacyCaller(target.endpoint, credentials, region=target.region)
    limiter = RateLimiter(target.rate_limit, per=60.0)
    try:
        yield LegacyVodApi(
            RetryingCaller(caller, limiter=limiter, observer=observer), caller, target.sub_app_id
        )
    finally:
        caller.close()


@contextmanager
def _local(directory: Path, sub_app_id: int | None) -> Iterator[Caller]:
    """The embedded emulator is the user's own sandbox account: the application a target names
    is given to it, so `--sub-app-id N` works offline (a served emulator refuses unknown ones)."""
    apps = (sub_app_id,) if sub_app_id else ()
    emulator = Emulator(db_path=_state_directory(directory) / LOCAL_STATE.name, sub_apps=apps)
    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = HttpCaller(_LOCAL_ENDPOINT, credentials, transport=EmulatorTransport(emulator))
    try:
        yield caller
    finally:
        caller.close()
        emulator.close()
