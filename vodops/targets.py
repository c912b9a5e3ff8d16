"""Where plans and applies go: the embedded emulator (`local`) or a cloud endpoint."""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from vodops.application.missing import CheckedApplication
from vodops.cloud.client import Caller, HttpCaller
from vodops.cloud.credentials import EMULATOR_SECRET_ID, EMULATOR_SECRET_KEY, PROFILE_VAR, find_credentials
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.legacy import DEFAULT_HOST as LEGACY_ENDPOINT
from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.legacy_vod import LegacyVodApi
from vodops.cloud.live_api import DEFAULT_HOST as LIVE_HOST
from vodops.cloud.live_api import RATES as LIVE_RATES
from vodops.cloud.live_api import SERVICE as LIVE_SERVICE
from vodops.cloud.live_api import LiveCaller, no_live_region
from vodops.cloud.names import LIVE_REGIONS, check_region
from vodops.cloud.ratelimit import DEFAULT_RATE, RateLimiter
from vodops.cloud.retry import Observer, RetryingCaller
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.errors import NoCredentialsError, SettingsError
from vodops.media.cos import CosRoute, EmbeddedCosRoute
from vodops.media.journal import Journal
from vodops.media.transfers import Transfers
from vodops.settings import (
    DEFAULT_PARALLELISM,
    DIALECT_2017,
    DIALECT_2018,
    LOCAL,
    LiveSettings,
    Settings,
)
from vodops.statedir import STATE, state_directory

T = TypeVar("T")
LOGGER = logging.getLogger("vodops")
DEFAULT_ENDPOINT = "vod.tencentcloudapi.com"
LOCAL_STATE = STATE / "emulator.sqlite3"
_LOCAL_ENDPOINT = Endpoint.parse("http://vod.emulator.local")


@dataclass(frozen=True)
class Target:
    """Where a command goes, resolved from vodops.yaml and the command line: `endpoint` None is
    the embedded emulator; the rest as the target's settings say (README, "Targets and
    vodops.yaml")."""

    name: str
    endpoint: Endpoint | None  # None: the embedded emulator
    region: str | None = None
    sub_app_id: int | None = None
    parallelism: int = DEFAULT_PARALLELISM
    rate_limit: float = DEFAULT_RATE  # per second; per minute for the 2017 dialect
    profile: str | None = None
    dialect: str = DIALECT_2018
    live_endpoint: Endpoint | None = None  # the live API's (None: see live_endpoint_for)
    live_region: str | None = None  # the region live calls name (None: the target's region)
    sub_app: str | None = None  # the application by name (vodops/application.py finds its id)
    sub_app_given: str = "the target's subApp"  # where that name was written, for errors about it
    sub_app_id_given: str = "the target's subAppId"  # where that id was written, for errors about it
    declared: bool = False  # named in vodops.yaml (not `local`, nor made by --endpoint alone)

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
    sub_app: str | None = None  # the application by name
    region: str | None = None
    parallelism: int | None = None
    profile: str | None = None


def resolve_target(settings: Settings, choice: TargetChoice | str | None) -> Target:
    """The target `choice` names (by name, or the settings' default target), with the flags it
    carries (endpoint, region, sub-application, parallelism, profile) over the settings. Raises
    SettingsError for an unknown target, a bad region or endpoint, or both --sub-app and
    --sub-app-id."""
    if not isinstance(choice, TargetChoice):
        choice = TargetChoice(name=choice)
    base = _named(settings, choice.name or settings.default_target)
    if choice.region is not None:
        check_region(choice.region)
    if choice.endpoint is not None:
        endpoint = Endpoint.parse(choice.endpoint)
        base = replace(base, endpoint=endpoint, name=base.name if base.endpoint else endpoint.host)
    if choice.sub_app is not None and choice.sub_app_id is not None:
        raise SettingsError("give the application by id (--sub-app-id) or by name (--sub-app), not both")
    if choice.sub_app is not None:
        given = "--sub-app (VODOPS_SUB_APP)"
        base = replace(base, sub_app_id=None, sub_app=choice.sub_app, sub_app_given=given)
    if choice.sub_app_id is not None:
        base = replace(base, sub_app_id_given="--sub-app-id (VODOPS_SUB_APP_ID)")
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
    live = found.live or LiveSettings()
    return Target(
        name,
        Endpoint.parse(found.endpoint or default_endpoint),
        found.region,
        found.sub_app_id,
        found.parallelism or DEFAULT_PARALLELISM,
        found.rate_limit or DEFAULT_RATE,
        found.profile,
        dialect,
        Endpoint.parse(live.endpoint) if live.endpoint else None,
        live.region,
        found.sub_app,
        settings.written(("targets", name, "subApp")),
        settings.written(("targets", name, "subAppId")),
        declared=True,
    )


@contextmanager
def connect(target: Target, directory: Path, observer: Observer | None = None) -> Iterator[VodApi]:
    """A VodApi for `target`, rate-limited and retrying; for `local`, the emulator's state lives
    under `directory` and no rate limit applies."""
    if target.endpoint is None:
        with _local(directory, target) as (caller, live, cos):
            retrying = RetryingCaller(caller, observer=observer)
            transfers = Transfers(cos, Journal(directory, EMULATOR_SECRET_KEY))
            live_side = _live_side(live, observer, None)
            yield VodApi(retrying, target.sub_app_id, target.parallelism, transfers=transfers, **live_side)
        return
    credentials = _credentials(target.endpoint, target.profile)
    if target.legacy:
        with _legacy(target, credentials, observer) as api:
            yield api
        return
    caller = HttpCaller(target.endpoint, credentials, region=target.region)
    live = _live_caller(target, credentials)
    limiter = RateLimiter(target.rate_limit)
    try:
        checked = _checked(RetryingCaller(caller, limiter=limiter, observer=observer), target)
        cos = CosRoute(target.endpoint.url.rstrip("/")) if _loopback(target.endpoint) else CosRoute()
        transfers = Transfers(cos, Journal(directory, credentials.secret_key))
        live_side = _live_side(live, observer, RateLimiter(target.rate_limit, rates=LIVE_RATES))
        yield VodApi(checked, target.sub_app_id, target.parallelism, transfers=transfers, **live_side)
    finally:
        caller.close()
        if isinstance(live, LiveCaller):
            live.close()


def _checked(caller: Caller, target: Target) -> Caller:
    """`caller`, saying where an application id the account lacks was written (a cloud target
    that names its application by id: vodops/application/missing.py)."""
    if target.sub_app_id is None or target.sub_app is not None:
        return caller
    return CheckedApplication(caller, target.sub_app_id, target.sub_app_id_given)


def _live_side(
    live: LiveCaller | str, observer: Observer | None, limiter: RateLimiter | None
) -> dict[str, Any]:
    """The live API's part of a VodApi: its caller, retrying and limited as the VOD one is, and
    its clock; or why this target cannot reach it."""
    if isinstance(live, str):
        return {"services": {LIVE_SERVICE: live}}
    retrying = RetryingCaller(live, limiter=limiter, observer=observer)
    return {"services": {LIVE_SERVICE: retrying}, "now": live.server_now}


def _credentials(endpoint: Endpoint, profile: str | None) -> Credentials:
    """The user's credentials; for an http:// endpoint on this machine (a `vodops emulator serve`)
    with none configured and no profile asked for, the emulator's documented pair (not a secret)."""
    try:
        return find_credentials(profile)
    except NoCredentialsError:
        if not _loopback(endpoint) or profile or os.environ.get(PROFILE_VAR):
            raise
    LOGGER.info("no credentials configured: using the emulator's documented key pair for %s", endpoint.url)
    return Credentials(EMULATOR_SECRET_ID, EMULATOR_SECRET_KEY)


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
    """.vodops/ under the manifest directory (vodops/statedir.py), saying so when it is made."""
    state, made = state_directory(directory)
    if made:
        LOGGER.warning(
            "note: created %s for the embedded emulator's state (the local target); "
            "its .gitignore keeps it out of git",
            state,
        )
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
def _local(directory: Path, target: Target) -> Iterator[tuple[Caller, LiveCaller | str, CosRoute]]:
    """The embedded emulator is the user's own sandbox account: the application a target names
    is given to it, so `--sub-app-id N` works offline (a served emulator refuses unknown ones).
    Its VOD and live APIs are one account, on one transport. (Loaded here: a cloud target's
    client never loads the emulator.)"""
    from vodops.emulator import Emulator, EmulatorTransport

    apps = (target.sub_app_id,) if target.sub_app_id else ()
    emulator = Emulator(db_path=_state_directory(directory) / LOCAL_STATE.name, sub_apps=apps)
    credentials = Credentials(EMULATOR_SECRET_ID, EMULATOR_SECRET_KEY)
    transport = EmulatorTransport(emulator)
    caller = HttpCaller(_LOCAL_ENDPOINT, credentials, transport=transport)
    live = _live_caller(target, credentials, transport)
    cos = EmbeddedCosRoute(emulator)
    try:
        yield caller, live, cos
    finally:
        cos.close()
        caller.close()
        if isinstance(live, LiveCaller):
            live.close()
        emulator.close()


LOCAL_LIVE_REGION = "ap-guangzhou"  # the region the embedded emulator's live calls name
_TENCENT_HOSTS = (".tencentcloudapi.com", ".qcloud.com")


def live_endpoint(target: Target) -> Endpoint | None:
    """Where the live API goes: `live.endpoint`; else live.tencentcloudapi.com when the VOD
    endpoint is Tencent's; else the VOD endpoint itself (an emulator serves both on one port).
    None: the embedded emulator."""
    if target.live_endpoint is not None or target.endpoint is None:
        return target.live_endpoint
    host = urlsplit(target.endpoint.url).hostname or ""
    return Endpoint.parse(LIVE_HOST) if host.endswith(_TENCENT_HOSTS) else target.endpoint


def live_region(target: Target) -> str | None:
    """The region live calls name: `live.region`, else the target's region when the live API
    serves it (the embedded emulator: ap-guangzhou). None when there is none to name."""
    if target.live_region is not None:
        return target.live_region
    if target.endpoint is None:
        return target.region if target.region in LIVE_REGIONS else LOCAL_LIVE_REGION
    return target.region if target.region in LIVE_REGIONS else None


def _live_caller(
    target: Target, credentials: Credentials, transport: httpx.BaseTransport | None = None
) -> LiveCaller | str:
    """The live API's caller for `target`, or, when it names no region the live API serves, why
    (only projects with live kinds call it: they are told how to set one)."""
    region = live_region(target)
    if region is None:
        return no_live_region(target.name, target.region, declared=target.declared)
    endpoint = live_endpoint(target) or _LOCAL_ENDPOINT
    return LiveCaller(endpoint, credentials, region=region, transport=transport)
