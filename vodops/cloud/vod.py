"""The kinds on the wire: listing (paged or not), creating, changing and deleting objects, reading
each kind's `Wire` (action names, id fields, paging) from its declaration in vodops.resources.

This module knows nothing of manifests or policy.
"""

from __future__ import annotations

import copy
import itertools
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from typing import Any, Protocol, TypeVar

from vodops.cloud.answers import created_id, page_items, total_count
from vodops.cloud.client import Caller
from vodops.errors import SettingsError, VodopsError
from vodops.media.transfers import Transfers
from vodops.resources import KINDS
from vodops.resources.kind import Scope, Wire

VOD_SERVICE = "vod"
LiveId = int | str
Items = list[dict[str, Any]]  # a listing, as the API answers each object
_Firsts = dict[str, Future[tuple[Items, int]]]  # by kind: its first page, and the TotalCount it announces
_Later = dict[str, list[Future[Items]]]  # by kind: its later pages, asked for
T = TypeVar("T")


class Stop(Protocol):
    """What VodApi.until checks before each call: a threading.Event, or a listing's _Asker."""

    def is_set(self) -> bool:
        """Whether calls made now must not be made (they raise AbandonedError instead)."""


WIRES: dict[str, Wire] = {name: kind.wire for name, kind in KINDS.items()}
"""Each kind's wire, as its declaration says (vodops.resources)."""


class VodApi:
    """List, create, update and delete the kinds in one sub-application; listings make at
    most `parallelism` calls at once (the caller must be safe to call from several threads)."""

    quotas: Mapping[str, int] | None = None  # None: the 2018 API's (vodops.resources.QUOTAS)

    def __init__(
        self,
        caller: Caller,
        sub_app_id: int | None,
        parallelism: int = 1,
        *,
        transfers: Transfers | None = None,
        services: Mapping[str, Caller | str] | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        """`caller` makes VOD calls; `transfers` is what media uploads and pulls need besides
        calls; `services` the calls of kinds whose wire names another service ("live"), or why the
        target cannot reach it (a call then raises SettingsError saying so); `now` is the API's
        clock, which judges kinds' time windows."""
        self._caller = caller
        self._services = dict(services or {})
        self.sub_app_id = sub_app_id
        self.parallelism = parallelism
        self.transfers = transfers or Transfers()  # what media uploads and pulls need besides calls
        self.now = now
        self.listed_quotas: dict[str, int] = {}  # kind -> the quota its listing announced

    def in_application(self, sub_app_id: int | None) -> VodApi:
        """The same connection, addressing the application `sub_app_id` (None: the account's
        default one) while this one keeps its own."""
        other = copy.copy(self)
        other.sub_app_id, other.listed_quotas = sub_app_id, {}
        return other

    def until(self, stop: Stop) -> VodApi:
        """The same connection and application (its listed quotas shared), whose calls and
        fetches raise AbandonedError once `stop` is set, so that a read no one will take ends with
        its calls in flight (vodops/readahead.py), and a listing makes no call a failure makes
        useless (list_kinds)."""
        other = copy.copy(self)
        other._caller = _Until(self._caller, stop)
        services = self._services.items()
        other._services = {name: c if isinstance(c, str) else _Until(c, stop) for name, c in services}
        return other

    def list(self, kind: str) -> Items:
        """Every object of `kind` (presets included), paging at the API's maximum page size."""
        return self.list_kinds((kind,))[kind]

    def list_kinds(self, kinds: Sequence[str]) -> dict[str, Items]:
        """Every object of each of `kinds`: the first pages of all kinds at once, and as each
        comes back, all the pages its TotalCount announces, so a listing takes two round trips,
        not one per page. Pages a server shortened are read one after another at the end.
        A failed call stops every call asked for after it (those in flight finish), never one
        asked for before it: first pages in `kinds` order, then searches, then later pages. The
        failure raised is the first in that order (later pages by kind), so the same fault
        (credentials, TLS), which the first call asked for always meets, is told the same way
        whatever order the threads ran in."""
        searched = {kind: lister for kind in kinds if (lister := KINDS[kind].list_all) is not None}
        kinds = [kind for kind in kinds if kind not in searched]
        with ThreadPoolExecutor(self.parallelism, thread_name_prefix="vodops-list") as pool:
            ask = _Asker(pool)
            reading = self.until(ask)
            firsts: _Firsts = {kind: ask(reading._read_first_page, kind) for kind in kinds}
            found = {kind: ask(lister, reading.call_app) for kind, lister in searched.items()}
            later = reading._later_pages(ask, firsts)
        _raise_first_failure([*firsts.values(), *found.values(), *(f for fs in later.values() for f in fs)])
        listed = {
            kind: firsts[kind].result()[0] + [i for f in later[kind] for i in f.result()] for kind in kinds
        }
        paged = {kind: self._rest(kind, listed[kind], firsts[kind].result()[1]) for kind in kinds}
        return {**paged, **{kind: future.result() for kind, future in found.items()}}

    def _later_pages(self, ask: _Asker, firsts: _Firsts) -> _Later:
        """Each kind's later pages, asked for as soon as its first page answers (they wait for no
        other kind's), until a call fails."""
        later: _Later = {kind: [] for kind in firsts}
        for answered in as_completed(firsts.values()):
            if answered.exception() is None and not ask.failed:
                first, total = answered.result()
                kind = next(kind for kind, future in firsts.items() if future is answered)
                later[kind] = [ask(self._page, kind, offset) for offset in _offsets(first, total)]
        return later

    def _read_first_page(self, kind: str) -> tuple[Items, int]:
        wire = WIRES[kind]
        if not wire.paged:
            items = page_items(wire.list_action, self._call(wire.list_action, {}, wire), wire.list_key)
            return items, len(items)
        page = self._call(wire.list_action, _window(wire, 0), wire)
        if wire.quota_key is not None:
            self.listed_quotas[kind] = total_count(wire.list_action, page, wire.quota_key)
        total = total_count(wire.list_action, page, "TotalNum" if wire.numbered else "TotalCount")
        return page_items(wire.list_action, page, wire.list_key), total

    def _page(self, kind: str, offset: int) -> Items:
        wire = WIRES[kind]
        page = self._call(wire.list_action, _window(wire, offset), wire)
        return page_items(wire.list_action, page, wire.list_key)

    def _rest(self, kind: str, found: Items, total: int) -> Items:
        """`found`, completed page by page up to `total` if the pages came back short."""
        while len(found) < total:
            items = self._page(kind, len(found))
            if not items:
                break
            found.extend(items)
        return found

    def get(self, kind: str, live_id: LiveId) -> dict[str, Any] | None:
        """One object of `kind` by its id, in one Describe call filtered by id (`Definitions` or
        `Names`); None when it does not exist. Kinds whose Describe has no such filter raise."""
        wire = WIRES[kind]
        if wire.filter_field is None:
            raise ValueError(f"{wire.list_action} cannot filter by id")
        page = self._call(wire.list_action, {wire.filter_field: [live_id]}, wire)
        return next(iter(page.get(wire.list_key) or []), None)

    def create(self, kind: str, request: Mapping[str, Any]) -> LiveId:
        """Create an object of `kind` from `request` (API spelling); its id: the answered one, or
        the request's own for kinds keyed by name. Raises ApiError or TransportError as the call
        does, AnswerError when the answer holds no id."""
        wire = WIRES[kind]
        response = self._call(wire.create_action, request, wire)
        if wire.created_id is None:
            return str(request[wire.id_field])
        return created_id(wire.create_action, response, wire.created_id)

    def update(self, kind: str, live_id: LiveId, request: Mapping[str, Any]) -> None:
        """Change the object `live_id` of `kind` with `request` (its Modify action;
        ResetProcedureTemplate for procedures); raises ApiError or TransportError as the call
        does."""
        wire = WIRES[kind]
        self._call(wire.update_action, {**request, wire.id_field: live_id}, wire)

    def delete(self, kind: str, live_id: LiveId) -> None:
        """Delete the object `live_id` of `kind`; raises ApiError or TransportError as the call
        does."""
        wire = WIRES[kind]
        self._call(wire.delete_action, {wire.id_field: live_id}, wire)

    def run_status(self, kind: str, live_id: LiveId) -> str:
        """What the object is doing now, as the kind's status action says (a relay's RunStatus:
        "active" or "inactive"); "" when the answer does not say."""
        wire = WIRES[kind]
        assert wire.status is not None, f"{kind} has no status action"
        action, key, member = wire.status
        answer = self._call(action, {wire.id_field: live_id}, wire).get(key)
        status = answer.get(member) if isinstance(answer, dict) else None
        return status if isinstance(status, str) else ""

    def unreachable(self, kind: str) -> str | None:
        """Why this target cannot reach the service of `kind`'s wire (the live API when the target
        names no region it serves), or None when it can (VOD always)."""
        service = WIRES[kind].service
        if service == VOD_SERVICE:
            return None
        reason = self._services.get(service, f"this target has no {service} API")
        return reason if isinstance(reason, str) else None

    def serves(self, kind: str) -> bool:
        """Whether this target reaches `kind`'s service. Kinds of a service it does not reach are
        neither listed nor pruned unless the manifests declare them (then the call says why)."""
        return self.unreachable(kind) is None

    def call_account(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """An account-level action (CreateSubAppId, DescribeSubAppIds): never with a SubAppId."""
        return self._caller.call(action, params)

    def call_app(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """An action of the target's application: with its SubAppId when it has one."""
        return self._call(action, params)

    def fetch(self, url: str) -> bytes:
        """The content at a URL the API returned, such as a watermark's ImageUrl."""
        return self._caller.fetch(url)

    def _call(self, action: str, params: Mapping[str, Any], wire: Wire | None = None) -> dict[str, Any]:
        """Call `action` through its wire's service, naming the sub-application when the kind
        lives in one."""
        scope = wire.scope if wire is not None else Scope.SUB_APP
        if self.sub_app_id is not None and scope is Scope.SUB_APP:
            params = {**params, "SubAppId": self.sub_app_id}
        service = wire.service if wire is not None else VOD_SERVICE
        caller = self._caller if service == VOD_SERVICE else self._services.get(service, f"no {service} API")
        if isinstance(caller, str):
            raise SettingsError(caller)
        return caller.call(action, params)


class AbandonedError(VodopsError):
    """A call of a read that was abandoned (VodApi.until): it is never reported, only ends the read."""


class _Until:
    """A Caller that makes no call, and fetches nothing, once `stop` is set."""

    def __init__(self, inner: Caller, stop: Stop) -> None:
        self._inner, self._stop = inner, stop

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        if self._stop.is_set():
            raise AbandonedError(action)
        return self._inner.call(action, params)

    def fetch(self, url: str) -> bytes:
        if self._stop.is_set():
            raise AbandonedError("a download")
        return self._inner.fetch(url)


class _Asker:
    """Runs a listing's work on `pool`, each piece numbered in the order it is asked for (from
    one thread). A piece that fails stops the calls of every piece asked for after it: as the
    `stop` of VodApi.until, `is_set()` answers, on the thread running a piece, whether a piece
    asked for before it failed."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self._pool = pool
        self._asked = itertools.count()
        self._first_failed = math.inf  # the number of the first-asked piece that failed so far
        self._lock = threading.Lock()
        self._running = threading.local()  # .number: the piece this thread runs

    def __call__(self, work: Callable[..., T], *args: Any) -> Future[T]:
        return self._pool.submit(self._run, next(self._asked), work, *args)

    @property
    def failed(self) -> bool:
        """Whether any piece failed."""
        return self._first_failed < math.inf

    def is_set(self) -> bool:
        """Whether the piece on this thread was asked for after one that failed (on a thread
        running no piece: whether any failed)."""
        return getattr(self._running, "number", math.inf) > self._first_failed

    def _run(self, number: int, work: Callable[..., T], *args: Any) -> T:
        self._running.number = number
        try:
            return work(*args)
        except BaseException:
            with self._lock:
                self._first_failed = min(self._first_failed, number)
            raise


def _raise_first_failure(futures: Sequence[Future[Any]]) -> None:
    """Raises the first failure of the (done) `futures`, in their order, that is not a call left
    unmade because another failed (AbandonedError); one of those only when all are."""
    failures = [error for future in futures if (error := future.exception()) is not None]
    real = [error for error in failures if not isinstance(error, AbandonedError)]
    if failures:
        raise (real or failures)[0]


def _window(wire: Wire, offset: int) -> dict[str, int]:
    """The paging parameters of the page that starts at `offset`."""
    if wire.numbered:
        return {"PageNum": offset // wire.page_size + 1, "PageSize": wire.page_size}
    return {"Offset": offset, "Limit": wire.page_size}


def _offsets(first: Items, total: int) -> range:
    """The offsets of the pages after a first page of `first`, for `total` objects in all."""
    return range(len(first), total, len(first)) if first else range(0)
