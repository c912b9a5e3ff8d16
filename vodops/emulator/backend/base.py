"""What every backend action shares: its context, its registration, paging and timestamps.

A backend action is the cloud's action: it takes a validated request and answers the reply's
fields (without RequestId), or raises ApiFault. It runs inside one store transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cached_property, lru_cache
from typing import Any

from ..encoding import compact
from ..faults import ApiFault
from ..schema import Params, Struct
from ..store import Store, Tx

Reply = dict[str, Any]
# Work an action leaves to run on its own thread once its transaction commits (a URL pull):
# it gets the store and the emulator's clock, and opens its own transactions.
Job = Callable[[Store, Callable[[], float]], None]

DEFAULT_LIMIT = 10
_CHINA = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Context:
    """One request as an action sees it: the store, the app it addresses, the time, the origin."""

    tx: Tx
    app: int  # SubAppId; 0 is the account's default app
    now: float
    origin: str  # "http://host[:port]" the caller reached the emulator at
    quota_scale: int = 1  # the quotaScale knob: documented quotas are multiplied by it
    region: str = ""  # the request's Region ("" when it names none)
    jobs: dict[str, Job] = field(default_factory=dict)  # by key: one job per key runs at a time

    def quota(self, documented: int) -> int:
        """The quota in force: the documented one, raised by the quotaScale knob."""
        return documented * self.quota_scale


Run = Callable[[Context, Params], Reply]


@dataclass(frozen=True)
class Action:
    """One API action: how its request is checked (`request`), what runs it, and its rate limit."""

    request: Struct
    run: Run
    rate: float | None = None  # the calls per second the cloud takes (None: the rateLimit knob's)


@dataclass(frozen=True)
class Named:
    """A kind keyed by name: its store kind, preset names, documented quota, and plural noun."""

    kind: str
    presets: frozenset[str]
    quota: int
    plural: str


def new_name(ctx: Context, named: Named, name: str, taken: ApiFault) -> None:
    """Admit the create of a `named` object called `name`: refused with `taken` when a preset or a
    stored object has the name, with LimitExceeded when the app holds its quota already."""
    if name in named.presets or ctx.tx.get(named.kind, ctx.app, name) is not None:
        raise taken
    if ctx.tx.count(named.kind, ctx.app) >= ctx.quota(named.quota):
        raise ApiFault("LimitExceeded", f"The number of {named.plural} exceeds {ctx.quota(named.quota)}.")


def bounds(params: Params) -> tuple[int, int]:
    """(Offset, Limit). Limit 0 is the default, as the API cannot tell them apart."""
    return params.get("Offset", 0), params.get("Limit") or DEFAULT_LIMIT


def page(items: list[Any], params: Params) -> list[Any]:
    """The Offset/Limit window of `items`."""
    offset, limit = bounds(params)
    return items[offset : offset + limit]


def stored_page(
    ctx: Context, kind: str, params: Params, first: Sequence[str], by_id: bool = True
) -> tuple[int, list[str]]:
    """An unfiltered Describe page of `first` (the presets, as JSON texts) followed by the stored
    `kind` objects in id order (`by_id`) or in the order they were created: (TotalCount, the JSON
    texts of the objects in the page, each as rendered when it was written). Renders nothing; in
    id order, a page costs the same however many objects the app holds (`Tx.window`)."""
    offset, limit = bounds(params)
    head = list(first[offset : offset + limit])
    rest = limit - len(head)
    tail = ctx.tx.window(kind, ctx.app, max(0, offset - len(first)), rest, by_id) if rest > 0 else []
    return len(first) + ctx.tx.count(kind, ctx.app), head + tail


class Rendered:
    """The JSON texts Describe pages of a kind with presets splice in: `show(doc, Type)` shows an
    object as Describe does, Type "Preset" or "Custom". The presets are rendered once, at first
    use; `custom` is the store's renderer of the kind (`database.Render`)."""

    def __init__(self, show: Callable[[Params, str], Reply], presets: Sequence[Params]) -> None:
        self._show = show
        self._presets = presets

    def custom(self, doc: Params) -> str:
        """A stored object as Describe shows it (Type Custom), as compact JSON."""
        return compact(self._show(doc, "Custom"))

    @cached_property
    def presets(self) -> tuple[str, ...]:
        """The presets as Describe shows them (Type Preset), as compact JSON, rendered once."""
        return tuple(compact(self._show(doc, "Preset")) for doc in self._presets)


def utc_time(epoch: float) -> str:
    """ISO 8601 in UTC, as transcode and watermark templates show times."""
    return _utc_time(int(epoch))


def china_time(epoch: float) -> str:
    """ISO 8601 at UTC+8, as procedure templates show times."""
    return _china_time(int(epoch))


@lru_cache(maxsize=4096)  # objects made in the same second share their times; a page shows 100
def _utc_time(second: int) -> str:
    return datetime.fromtimestamp(second, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=4096)
def _china_time(second: int) -> str:
    return datetime.fromtimestamp(second, _CHINA).isoformat()


def merge(base: Params, update: Params) -> Params:
    """`update` laid over `base`, objects merged member by member; lists and scalars replaced."""
    merged = dict(base)
    for key, value in update.items():
        old = merged.get(key)
        merged[key] = merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged
