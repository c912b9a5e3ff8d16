"""A token bucket per API action: callers wait for a token instead of meeting RequestLimitExceeded.

The VOD API allows 100 requests per second per action (reference §8), the legacy API 100 per
minute (legacy reference §1.1); vodops stays under that by default and a target can lower (or,
for an emulator, raise) it. A bucket holds `rate` tokens and refills them over `per` seconds;
`rates` gives actions with a lower documented limit their own (the live API's, 20 to 50 a second).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

DEFAULT_RATE = 100.0


class RateLimiter:
    """Token buckets, one per action: `rate` calls per `per` seconds (or the rate `rates` gives the
    action); thread-safe, with its clock and sleep injectable for tests."""

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        per: float = 1.0,
        rates: Mapping[str, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = rate
        self._per = per
        self._rates = dict(rates or {})
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # action -> (tokens, when counted)

    def acquire(self, action: str) -> None:
        """Take a token for `action`, waiting until one is free."""
        while True:
            wait = self._take(action)
            if wait <= 0:
                return
            self._sleep(wait)

    def _take(self, action: str) -> float:
        """Take a token and answer 0, or answer how long until the next one."""
        with self._lock:
            now = self._clock()
            rate = min(self.rate, self._rates.get(action, self.rate))
            refill = rate / self._per  # tokens per second
            tokens, then = self._buckets.get(action, (rate, now))
            tokens = min(rate, tokens + (now - then) * refill)
            if tokens >= 1:
                self._buckets[action] = (tokens - 1, now)
                return 0.0
            self._buckets[action] = (tokens, now)
            return (1 - tokens) / refill
