"""`vodops watch`: plan every interval, report drift as it appears, and with heal apply the plan.

A cycle opens a session (manifests read again, so a git-sync'd directory is followed), reads the
drift report, tells what appeared and what went away, and, when healing and the plan is not empty,
applies it as `vodops apply --yes` would: under the target's apply lock (taken without waiting: a
held lock means another apply or heal is running, and this heal waits for the next interval) and
under the same brakes (a plan past the delete limits, or one adopting objects, is refused and
reported, never forced). A cycle that fails (the API is down, a manifest is broken) is reported
and tried again after a backoff that doubles from BACKOFF_START up to the interval. Setting `stop`
(the CLI does on SIGTERM and Ctrl-C) ends the wait at once; a cycle in progress starts no new call
and lets the one in flight finish.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from vodops.apply.lock import LockError
from vodops.apply.run import Consent, check_consent
from vodops.drift.metrics import Metrics
from vodops.drift.report import Drifted, DriftReport
from vodops.errors import ApplyError, SettingsError, VodopsError
from vodops.render.text import show
from vodops.session import Session

BACKOFF_START = 1.0  # seconds before the first retry of a failed cycle
WAKE = 0.2  # seconds: how soon a stop is noticed while waiting
Event = dict[str, Any]  # {"event": name, ...}: what the CLI prints as a log line or JSON
Emit = Callable[[Event], None]
Opener = Callable[[], AbstractContextManager[Session]]


@dataclass
class Watcher:
    """Watches one target: `open_session` opens it afresh for each cycle."""

    open_session: Opener
    interval: float  # seconds between plans
    heal: bool
    emit: Emit
    metrics: Metrics
    stop: threading.Event = field(default_factory=threading.Event)
    _seen: dict[str, Drifted] = field(default_factory=dict)
    _failures: int = 0

    def run(self) -> None:
        """Cycle until `stop` is set. A failed cycle is reported and retried, except a
        SettingsError (an unknown target, no credentials), which is raised."""
        while not self.stop.is_set():
            self._wait(self._cycle())
        self.emit({"event": "stopped"})

    def _wait(self, seconds: float) -> None:
        """Wait, waking every WAKE seconds: a signal that the kernel hands to another thread
        interrupts no wait of the main thread, whose Python handler (which sets `stop`) runs only
        when it next runs Python code."""
        deadline = time.monotonic() + seconds
        while not self.stop.is_set() and (left := deadline - time.monotonic()) > 0:
            self.stop.wait(min(left, WAKE))

    def _cycle(self) -> float:
        """One plan (and heal); the seconds to wait before the next."""
        try:
            with self.open_session() as session:
                self._check(session)
        except SettingsError:
            raise  # a target or credentials missing is no outage: waiting will not bring them
        except VodopsError as error:
            self._failures += 1
            wait = min(self.interval, BACKOFF_START * 2.0 ** (self._failures - 1))
            self.metrics.failed()
            self.emit({"event": "failure", "error": _one_line(error), "retryInSeconds": wait})
            return wait
        self._failures = 0
        return self.interval

    def _check(self, session: Session) -> None:
        report = session.drift()
        self.metrics.planned(report)
        self._changes(report)
        if self.heal and not self.stop.is_set() and (report.drifted or report.pending):
            self._heal(session)

    def _changes(self, report: DriftReport) -> None:
        now = {item.address: item for item in report.drifted}
        for address, item in now.items():
            if self._seen.get(address) != item:
                self.emit(drift_event(item))
        for address in self._seen.keys() - now.keys():
            self.emit({"event": "resolved", "address": address})
        self._seen = now
        self.emit(
            {"event": "checked", "target": report.target, "drifted": len(report.drifted),
             "pending": len(report.pending), "perKind": dict(sorted(report.per_kind().items()))}
        )  # fmt: skip

    def _heal(self, session: Session) -> None:
        """Apply the plan under the lock and the brakes; a refusal is reported, never forced."""
        try:
            plan = session.plan()  # with the settings' prune, as apply runs it
            if plan.empty or self.stop.is_set():
                return  # drift that apply does not undo (prune is off), or stopped: no lock taken
            check_consent(plan, Consent())  # refused before the account is locked
            with session.locked(0, lambda _: None):
                self._apply(session)
        except LockError as error:
            self.emit({"event": "heal-deferred", "reason": _one_line(error)})
        except ApplyError as error:
            self.metrics.healed("refused")
            self.emit({"event": "heal-refused", "reason": _one_line(error)})

    def _apply(self, session: Session) -> None:
        if self.stop.is_set():
            return  # stopped while planning or locking: no call starts after a stop
        plan = session.plan()  # again, holding the lock: another apply may have run meanwhile
        if plan.empty:
            return
        check_consent(plan, Consent())
        outcome = session.apply(plan, consent=Consent(), progress=lambda *_: None, stop=self.stop)
        verdict = "done" if outcome.ok else "interrupted" if outcome.interrupted else "failed"
        self.metrics.healed(verdict)
        self.emit(
            {"event": "heal", "outcome": verdict, "done": _addresses(outcome.done),
             "failed": [f"{c.address}: {_one_line(e)}" for c, e in outcome.failed],
             "notAttempted": _addresses(outcome.not_attempted)}
        )  # fmt: skip


def drift_event(item: Drifted) -> Event:
    """A drifted object as an event: cause, address, id, when, and its fields (manifests -> live)."""
    return {
        "event": "drift",
        "cause": item.cause.value,
        "address": item.address,
        "id": item.live_id,
        "changedAt": item.changed_at,
        "fields": list(_fields(item)),
    }


def _fields(item: Drifted) -> Iterator[str]:
    for change in item.fields:
        yield f"{change.dotted}: {show(change.before)} -> {show(change.after)}"


def _addresses(changes: list[Any]) -> list[str]:
    return [change.address for change in changes]


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
