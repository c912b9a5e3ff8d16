"""Retrying what is retryable, and only that, around one API call.

Retried: RequestLimitExceeded (any sub-code); a connection that never reached the API (but not a
TLS handshake refused); a gateway's busy or failing HTTP status (vodops.cloud.client.RETRIED_STATUSES);
and, for actions that are safe to repeat, a timeout or dropped connection and InternalError (capped
low). Never retried: validation, auth and every other API error, which fail at once with the API's
code, and any other HTTP status. A Create* whose outcome is unknown is not resent here: apply
first looks for what it may have created (see vodops.apply.run), so a retried apply never makes a
duplicate.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from vodops.cloud.client import Caller
from vodops.cloud.ratelimit import RateLimiter
from vodops.errors import AnswerError, ApiError, TransportError, VodopsError


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a failed call is made again (seconds; delays double with full
    jitter, up to `max_delay`, within `deadline` for all attempts of one call)."""

    attempts: int = 8  # for throttling and failed connections
    internal_error_attempts: int = 3  # InternalError may be a bug, not a blip: try few times
    base_delay: float = 0.2  # seconds; doubles each attempt, with full jitter
    max_delay: float = 5.0
    deadline: float = 60.0  # seconds for all attempts of one call

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Seconds to wait before attempt `attempt` + 1: uniform in [0, min(max_delay, base_delay *
        2 ** (attempt - 1))]."""
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))

    def allows(self, action: str, error: VodopsError, attempt: int) -> bool:
        """May the call that failed with `error` on attempt `attempt` be made again?"""
        repeatable = not action.startswith("Create")
        if isinstance(error, AnswerError):
            return False
        if isinstance(error, TransportError):
            return error.retryable and attempt < self.attempts and (repeatable or not error.maybe_sent)
        if not isinstance(error, ApiError):
            return False
        if error.code.startswith("RequestLimitExceeded"):
            return attempt < self.attempts
        if error.code.startswith("InternalError"):
            return repeatable and attempt < self.internal_error_attempts
        return False


@dataclass(frozen=True)
class CallRecord:
    """One API call as --verbose reports it (no parameters: they may hold image content)."""

    action: str
    attempt: int
    seconds: float
    request_id: str
    outcome: str  # "ok", the API's error code, or the transport failure
    retrying_in: float | None = None


Observer = Callable[[CallRecord], None]


DOWNLOAD = "Download"


class RetryingCaller:
    """A Caller that waits for its rate limit, retries per its policy and reports every attempt."""

    def __init__(
        self,
        inner: Caller,
        *,
        policy: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
        observer: Observer | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._inner = inner
        self._policy = policy or RetryPolicy()
        self._limiter = limiter
        self._observe = observer or (lambda record: None)
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()

    def fetch(self, url: str) -> bytes:
        """Download a URL the API returned (not retried); logged as the action `Download`, without
        the URL, which may carry a signature."""
        began = self._clock()
        try:
            content = self._inner.fetch(url)
        except TransportError as error:
            self._record(DOWNLOAD, 1, began, "", error.reason)
            raise
        self._record(DOWNLOAD, 1, began, "", "ok")
        return content

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Caller.call, made again while the policy allows (throttling, failed connections,
        InternalError for calls that are not creates) and the deadline holds; each attempt is
        recorded. Raises the last attempt's ApiError or TransportError."""
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(action, params, attempt)
            except (ApiError, TransportError) as error:
                wait = self._retry_delay(action, error, attempt, started)
                if wait is None:
                    raise
                self._sleep(wait)

    def _attempt(self, action: str, params: Mapping[str, Any], attempt: int) -> dict[str, Any]:
        if self._limiter is not None:
            self._limiter.acquire(action)
        began = self._clock()
        try:
            response = self._inner.call(action, params)
        except ApiError as error:
            self._record(action, attempt, began, error.request_id, error.code)
            raise
        except TransportError as error:
            self._record(action, attempt, began, "", error.reason)
            raise
        self._record(action, attempt, began, str(response.get("RequestId", "")), "ok")
        return response

    def _retry_delay(self, action: str, error: VodopsError, attempt: int, started: float) -> float | None:
        if not self._policy.allows(action, error, attempt):
            return None
        wait = self._policy.delay(attempt, self._rng)
        if self._clock() + wait - started > self._policy.deadline:
            return None
        self._observe(CallRecord(action, attempt, 0.0, "", "retry", retrying_in=wait))
        return wait

    def _record(self, action: str, attempt: int, began: float, request_id: str, outcome: str) -> None:
        self._observe(CallRecord(action, attempt, self._clock() - began, request_id, outcome))


def outcome_unknown(error: VodopsError) -> bool:
    """A lost answer or an InternalError: the create may have happened. (Throttling means it did
    not, and the retrying caller has already waited out as much of it as it may.)"""
    if isinstance(error, TransportError):
        return error.maybe_sent
    return isinstance(error, ApiError) and error.code.startswith("InternalError")
