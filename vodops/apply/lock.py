"""The apply lock: one apply at a time per target, held in the account itself (no state file).

What the real API guarantees decides the mechanism. Template names are not unique (no
duplicate-name error exists for Create*Template, reference/vod-api-2018-07-17.md §2, §3), class
names only among siblings, procedure names are unique but a procedure cannot be deleted by id, so
a stale lock could not be broken without racing a new holder. What the API does guarantee is that
a Create returns a fresh Definition, that Describe lists what was created before it, and that
Delete and Modify act on one Definition. On that, a ticket protocol:

1. A contender creates its own ticket: a text watermark template named `vodops-lock` whose Comment
   names the holder (user@host, pid) and a random nonce.
2. It lists every ticket. If its ticket is the only live one, it holds the lock. Otherwise it
   deletes its own ticket (by Definition: never anyone else's), waits a random moment and tries
   again. Of two contenders, the one that lists second sees both tickets, so two can never both
   see only their own: this is the check, after creating, that no second object of the same name
   appeared, and deleting its own is the repair.
3. The holder renews its ticket (a Modify, which moves the server's UpdateTime) every
   RENEW_EVERY seconds and deletes it when done. A ticket not renewed for LEASE seconds, measured
   on the server's clock (the contender's fresh ticket's CreateTime against the old ticket's
   UpdateTime, so no two machines' clocks are compared), belongs to a holder that died; contenders
   delete it by its Definition.

`vodops unlock` deletes every ticket of the target, to break a lock at once.
"""

from __future__ import annotations

import getpass
import os
import random
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from vodops.cloud.retry import outcome_unknown
from vodops.cloud.vod import VodApi
from vodops.errors import ApiError, ApplyError, TransportError, VodopsError
from vodops.resources import WATERMARK

LOCK_KIND = WATERMARK  # a ticket is a text watermark template: cheap, and every dialect has them
LOCK_NAME = "vodops-lock"
# The lock of creating applications, held in the account's default application beside (not as)
# that application's own lock: bootstrapping an application does not wait for its applies.
CREATION_LOCK_NAME = "vodops-lock-applications"
_PREFIX = "vodops apply lock: held by "
LEASE = 120.0  # seconds without renewal after which a ticket's holder is taken for dead
RENEW_EVERY = 20.0
_TEXT = {"FontType": "arial.ttf", "FontSize": "16px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
_CREATE_ATTEMPTS = 5
_BACKOFF = (0.05, 1.0)  # seconds, the random wait between attempts grows from the first to the second


@dataclass(frozen=True)
class Ticket:
    """One contender's claim: its Definition, who made it, when (server time, UTC)."""

    id: int
    holder: str
    created: datetime
    updated: datetime
    comment: str

    @property
    def since(self) -> str:
        return self.created.strftime("%Y-%m-%d %H:%M:%S UTC")


def is_ticket(raw: dict[str, Any], name: str | None = None) -> bool:
    """Whether a watermark template as Describe returns it is a lock ticket (not configuration);
    with `name`, a ticket of the lock of that name."""
    names = (LOCK_NAME, CREATION_LOCK_NAME) if name is None else (name,)
    return raw.get("Name") in names and str(raw.get("Comment") or "").startswith(_PREFIX)


def tickets(api: VodApi, name: str = LOCK_NAME) -> list[Ticket]:
    """Every ticket of the lock `name` in the target, oldest first."""
    found = [_ticket(raw) for raw in api.list(LOCK_KIND) if is_ticket(raw, name)]
    return sorted(found, key=lambda t: (t.created, t.id))


def _ticket(raw: dict[str, Any]) -> Ticket:
    comment = str(raw.get("Comment") or "")
    holder = comment.removeprefix(_PREFIX).rsplit(" [", 1)[0]
    created = _time(raw.get("CreateTime"))
    return Ticket(int(raw["Definition"]), holder, created, _time(raw.get("UpdateTime")) or created, comment)


def _time(value: Any) -> datetime:
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime.fromtimestamp(0, timezone.utc)  # unreadable: as old as can be


def this_holder() -> str:
    """Who takes the lock, as a person reads it: user@host pid N (letters, digits, `.-_@ `)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    text = f"{user}@{socket.gethostname()} pid {os.getpid()}"
    return re.sub(r"[^A-Za-z0-9.\-_@ ]", "_", text)[:160]


def _refusal(holder: Ticket | None, name: str) -> str:
    if holder is None:
        return "cannot take the apply lock: its ticket was not listed in time. Nothing was changed."
    return (
        f"another apply holds the lock of this target: {holder.holder}, since {holder.since} "
        f"(watermark template {name!r}, id {holder.id}). Wait for it, or if it died, run "
        f"`vodops unlock` (a lock not renewed for {LEASE:.0f} s is broken by the next apply). "
        "Nothing was changed."
    )


class LockError(ApplyError):
    """The lock is held by another apply (or could not be taken); nothing was changed."""


class ApplyLock:
    """The lock of one target; `held()` takes it, waiting up to `wait` seconds, renews it every
    `renew_every` seconds while held, and releases it. Raises LockError naming the holder."""

    def __init__(
        self,
        api: VodApi,
        *,
        wait: float,
        notify: Callable[[str], None],
        holder: str = "",
        renew_every: float = RENEW_EVERY,
        name: str = LOCK_NAME,
    ) -> None:
        self._api = api
        self._name = name
        self._renew_every = renew_every
        self._wait = wait
        self._notify = notify
        self._comment = f"{_PREFIX}{holder or this_holder()} [{secrets.token_hex(6)}]"
        self._mine: int | None = None
        self._stop = threading.Event()
        self.lost = False  # set when the renewal finds the ticket gone (broken by someone else)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the `with` body, renewing it in a thread, and release it after. Raises
        LockError when another holder keeps it past `wait` seconds; tells `notify` if the lock was
        broken meanwhile."""
        try:
            self._acquire()
        except BaseException:
            self._withdraw()  # Ctrl-C or an error while taking the lock leaves no ticket behind
            raise
        renewing = threading.Thread(target=self._renew, name="vodops-lock-renewal", daemon=True)
        renewing.start()
        try:
            yield
        finally:
            self._stop.set()
            renewing.join()
            if self.lost:
                self._notify(
                    "the apply lock was broken while this apply ran; run plan to see where the account stands"
                )
            self._release()

    def _acquire(self) -> None:
        deadline = time.monotonic() + self._wait
        told = False
        attempt = 0
        while (others := self._try()) is not None:
            holder = others[0] if others else None
            if time.monotonic() >= deadline:
                raise LockError(_refusal(holder, self._name))
            if not told and holder is not None:
                self._notify(f"waiting for the apply lock held by {holder.holder} since {holder.since}")
                told = True
            attempt += 1
            pause = random.uniform(_BACKOFF[0], min(_BACKOFF[1], _BACKOFF[0] * 2 ** min(attempt, 8)))
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))

    def _try(self) -> list[Ticket] | None:
        """One round: create a ticket and list them all. None when ours is the only live one (the
        lock is ours); else ours is withdrawn and the others are answered, oldest first (none when
        ours was not listed yet)."""
        self._mine = self._create()
        listed = tickets(self._api, self._name)
        mine = next((t for t in listed if t.id == self._mine), None)
        others = [t for t in listed if t.id != self._mine]
        if mine is not None:
            others = [t for t in others if not self._broken(t, mine.created)]
        if mine is not None and not others:
            return None
        self._release()
        return others

    def _broken(self, ticket: Ticket, now: datetime) -> bool:
        """Delete a ticket whose holder died (not renewed for LEASE seconds of server time)."""
        if (now - ticket.updated).total_seconds() <= LEASE:
            return False
        self._delete(ticket.id)
        since = f"{ticket.holder} (since {ticket.since})"
        self._notify(f"broke the apply lock of {since}: not renewed for {LEASE:.0f} s")
        return True

    def _create(self) -> int:
        request = {"Type": "text", "Name": self._name, "Comment": self._comment, "TextTemplate": _TEXT}
        for _ in range(_CREATE_ATTEMPTS):
            try:
                return int(self._api.create(LOCK_KIND, request))
            except (ApiError, TransportError) as error:
                if not outcome_unknown(error):
                    raise LockError(f"cannot take the apply lock: {error}. Nothing was changed.") from None
            found = self._listed_own()
            if found is not None:
                return found
        raise LockError("cannot take the apply lock: creating its ticket kept failing. Nothing was changed.")

    def _listed_own(self) -> int | None:
        """Our ticket's Definition as listed (a create whose answer was lost), or None."""
        return next((t.id for t in tickets(self._api, self._name) if t.comment == self._comment), None)

    def _renew(self) -> None:
        while not self._stop.wait(self._renew_every):
            try:
                assert self._mine is not None, "renewing a held lock"
                self._api.update(LOCK_KIND, self._mine, {"Comment": self._comment})
            except ApiError as error:
                if error.code.startswith("ResourceNotFound"):
                    self.lost = True
                    return
            except VodopsError:
                continue  # the next renewal may get through; the lease is several renewals long

    def _withdraw(self) -> None:
        """Remove our ticket after an interrupted `_acquire`, also one whose create answer was lost;
        never raises over the error that interrupted it (a ticket left behind dies with its lease)."""
        if self._mine is None:
            try:
                self._mine = self._listed_own()
            except VodopsError:
                return
        self._release()

    def _release(self) -> None:
        if self._mine is None:
            return
        try:
            self._delete(self._mine)
        except VodopsError as error:
            self._notify(
                f"could not remove the apply lock's ticket (id {self._mine}): {error}; run `vodops unlock`"
            )
        self._mine = None

    def _delete(self, ticket: int) -> None:
        delete_ticket(self._api, ticket, self._name)


def delete_ticket(api: VodApi, ticket: int, name: str = LOCK_NAME) -> None:
    """Delete one ticket of the lock `name` by its Definition, until it is gone (a failed delete
    may have happened)."""
    for attempt in range(_CREATE_ATTEMPTS):
        try:
            api.delete(LOCK_KIND, ticket)
            return
        except VodopsError:
            if all(t.id != ticket for t in tickets(api, name)):
                return
            if attempt == _CREATE_ATTEMPTS - 1:
                raise
        time.sleep(random.uniform(*_BACKOFF))


def unlock(api: VodApi, name: str = LOCK_NAME) -> list[Ticket]:
    """Delete every ticket of the lock `name` in the target (a stale lock, at once); the tickets
    deleted."""
    found = tickets(api, name)
    for ticket in found:
        delete_ticket(api, ticket.id, name)
    return found
