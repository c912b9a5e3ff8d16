"""What every backend action shares: its context, its registration, paging and timestamps.

A backend action is the cloud's action: it takes a validated request and answers the reply's
fields (without RequestId), or raises ApiFault. It runs inside one store transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from ..schema import Params, Struct
from ..store import Tx

Reply = dict[str, Any]

DEFAULT_LIMIT = 10
_CHINA = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Context:
    """One request as an action sees it: the store, the app it addresses, the time, the origin."""

    tx: Tx
    app: int  # SubAppId; 0 is the account's default app
    now: float
    origin: str  # "http://host[:port]" the caller reached the emulator at


Run = Callable[[Context, Params], Reply]


@dataclass(frozen=True)
class Action:
    request: Struct
    run: Run


def page(items: list[Any], params: Params) -> list[Any]:
    """The Offset/Limit window of `items`. Limit 0 is the default, as the API cannot tell them apart."""
    offset = params.get("Offset", 0)
    limit = params.get("Limit") or DEFAULT_LIMIT
    return items[offset : offset + limit]


def utc_time(epoch: float) -> str:
    """ISO 8601 in UTC, as transcode and watermark templates show times."""
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def china_time(epoch: float) -> str:
    """ISO 8601 at UTC+8, as procedure templates show times."""
    return datetime.fromtimestamp(int(epoch), _CHINA).isoformat()


def merge(base: Params, update: Params) -> Params:
    """`update` laid over `base`, objects merged member by member; lists and scalars replaced."""
    merged = dict(base)
    for key, value in update.items():
        old = merged.get(key)
        merged[key] = merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged
