"""Knobs for tests and benchmarks: latency, a per-action rate limit, seeded fault injection,
quotas raised for benchmarks of accounts larger than the documented quotas allow, and the
account's clock moved (`clockOffsetSeconds`) to run schedules forward or back.

Faults are drawn per API call from a random generator seeded with `seed`, so a test that fixes the
seed and the order of its calls sees the same faults every run:

    internal     answer InternalError, change nothing
    throttle     answer RequestLimitExceeded, change nothing
    drop-before  drop the connection before the request is processed (nothing changed)
    drop-after   process the request (the change is committed), then drop the connection
"""

from __future__ import annotations

import fnmatch
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from ..errors import EmulatorError

FAULTS = ("internal", "throttle", "drop-before", "drop-after")
_JSON_NAMES = {
    "latency_ms": "latencyMs",
    "jitter_ms": "jitterMs",
    "rate_limit": "rateLimit",
    "fault_rate": "faultRate",
    "faults": "faults",
    "fault_actions": "faultActions",
    "seed": "seed",
    "quota_scale": "quotaScale",
    "clock_offset_seconds": "clockOffsetSeconds",
}


class ConnectionDroppedError(EmulatorError):
    """Raised through the WSGI stack so the server (or the in-process transport) drops the
    connection without an answer, as a network failure would."""


@dataclass(frozen=True)
class Knobs:
    """How the emulator departs from an ideal API for tests and benchmarks: latency, rate
    limits, faults and quotas (README, "Knobs for tests and benchmarks")."""

    latency_ms: float = 0.0  # added to every API call
    jitter_ms: float = 0.0  # plus a random 0..jitter
    rate_limit: float | None = None  # calls per second per action; beyond it RequestLimitExceeded
    fault_rate: float = 0.0  # probability that an API call meets a fault
    faults: tuple[str, ...] = FAULTS  # the faults to draw from
    fault_actions: tuple[str, ...] = ()  # shell patterns of the actions faults hit; empty: all
    seed: int | None = None
    quota_scale: int = 1  # custom templates, procedures, applications... allowed, times their quotas
    clock_offset_seconds: float = 0.0  # added to the clock the account's objects see (not signatures)

    def __post_init__(self) -> None:
        problems = list(_problems(self))
        if problems:
            raise EmulatorError("invalid emulator knobs: " + "; ".join(problems))

    def to_json(self) -> dict[str, Any]:
        """The knobs by their JSON names (`latencyMs`, ...), tuples as lists: what GET
        /_emulator/knobs answers."""
        return {_JSON_NAMES[k]: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def changed(self, data: Mapping[str, Any]) -> Knobs:
        """These knobs with some replaced, given by their JSON names (`latencyMs`, ...)."""
        by_json = {json: name for name, json in _JSON_NAMES.items()}
        unknown = sorted(set(data) - set(by_json))
        if unknown:
            raise EmulatorError(
                f"unknown emulator knob(s): {', '.join(unknown)} (known: {', '.join(by_json)})"
            )
        values: dict[str, Any] = {by_json[k]: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        try:
            return replace(self, **values)
        except TypeError as error:
            raise EmulatorError(f"invalid emulator knobs: {error}") from None


MAX_LATENCY_MS = 60_000  # the official SDK's default request timeout is 60 s
MAX_RATE_LIMIT = 1_000_000
MAX_CLOCK_OFFSET = 100 * 365 * 86400  # a century either way


def _problems(knobs: Knobs) -> list[str]:
    found = [
        f"{_JSON_NAMES[name]} must be a number of milliseconds between 0 and {MAX_LATENCY_MS}"
        for name in ("latency_ms", "jitter_ms")
        if not _within(getattr(knobs, name), 0, MAX_LATENCY_MS)
    ]
    if not _within(knobs.fault_rate, 0, 1):
        found.append("faultRate must be a number between 0 and 1")
    rate = knobs.rate_limit
    if rate is not None and not (_within(rate, 0, MAX_RATE_LIMIT) and rate > 0):
        found.append(f"rateLimit must be a positive number of calls a second up to {MAX_RATE_LIMIT}, or null")
    if not _strings(knobs.faults) or not knobs.faults or any(f not in FAULTS for f in knobs.faults):
        found.append(f"faults must be a list of some of {', '.join(FAULTS)}")
    if not _strings(knobs.fault_actions):
        found.append("faultActions must be a list of action patterns such as Create*")
    if knobs.seed is not None and (not isinstance(knobs.seed, int) or isinstance(knobs.seed, bool)):
        found.append("seed must be an integer")
    if not _within(knobs.clock_offset_seconds, -MAX_CLOCK_OFFSET, MAX_CLOCK_OFFSET):
        found.append(f"clockOffsetSeconds must be a number of seconds within ±{MAX_CLOCK_OFFSET}")
    if not isinstance(knobs.quota_scale, int) or isinstance(knobs.quota_scale, bool) or knobs.quota_scale < 1:
        found.append("quotaScale must be a whole number >= 1")
    return found


def _within(value: Any, low: float, high: float) -> bool:
    """A real number in [low, high]: not a bool, not NaN, not infinite."""
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def _strings(values: Any) -> bool:
    return isinstance(values, tuple) and all(isinstance(v, str) for v in values)


class Mischief:
    """What the knobs do to each call: how long it waits, whether it is throttled, which fault
    it meets. Thread-safe; the random draws happen in call order."""

    def __init__(self, knobs: Knobs, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._monotonic = monotonic
        self.set(knobs)

    @property
    def knobs(self) -> Knobs:
        return self._knobs

    def set(self, knobs: Knobs) -> None:
        """Use `knobs` from now on: the random draws restart from their seed and the rate buckets
        are emptied."""
        with self._lock:
            self._knobs = knobs
            self._random = random.Random(knobs.seed)
            self._buckets: dict[str, tuple[float, float]] = {}  # action -> (tokens, last refill)

    def delay(self) -> float:
        """Seconds this call waits before it is answered."""
        with self._lock:
            jitter = self._random.uniform(0, self._knobs.jitter_ms) if self._knobs.jitter_ms else 0.0
        return (self._knobs.latency_ms + jitter) / 1000

    def throttled(self, action: str, documented: float | None = None) -> bool:
        """Take one token from the action's bucket; True when it is empty. The bucket refills at
        the action's `documented` rate, or the rateLimit knob's when that is set, and holds a
        second's worth, at least one call (a rate below 1 a second lets one call through every
        1/rate seconds)."""
        rate = self._knobs.rate_limit or documented
        if rate is None:
            return False
        size = max(rate, 1.0)
        with self._lock:
            now = self._monotonic()
            tokens, last = self._buckets.get(action, (size, now))
            tokens = min(size, tokens + (now - last) * rate)
            if tokens < 1:
                self._buckets[action] = (tokens, now)
                return True
            self._buckets[action] = (tokens - 1, now)
            return False

    def fault(self, action: str) -> str | None:
        """The fault this call of `action` meets (one of `faults`, drawn with probability faultRate
        when faultActions match it), or None."""
        knobs = self._knobs
        if knobs.fault_rate <= 0 or not _hits(action, knobs.fault_actions):
            return None
        with self._lock:
            if self._random.random() >= knobs.fault_rate:
                return None
            return self._random.choice(knobs.faults)


def _hits(action: str, patterns: tuple[str, ...]) -> bool:
    return not patterns or any(fnmatch.fnmatchcase(action, pattern) for pattern in patterns)
