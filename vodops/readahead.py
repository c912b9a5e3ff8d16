"""The account read on a thread of its own, while the main thread goes on.

Listing an account is mostly waiting for the API: a full sub-application's 26 pages take about
0.23 s at 50 ms latency, of which the listing's own CPU is a third. A session starts the listing
once the manifests are valid and the target is connected, and turns the manifests into the desired
state meanwhile (reading watermark images included); its first plan takes what was read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from vodops.live import LiveState


class ReadAhead:
    """`read()` running on a daemon thread from the moment this is made. `take()` waits for it and
    gives its LiveState, or raises what it raised; `wait()` waits without taking (before the
    target's client is closed, or before a lock makes what was read too old to plan from)."""

    def __init__(self, read: Callable[[], LiveState]) -> None:
        self._done = threading.Event()
        self._live: LiveState | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(read,), name="vodops-read-ahead", daemon=True)
        self._thread.start()

    def _run(self, read: Callable[[], LiveState]) -> None:
        try:
            self._live = read()
        except BaseException as error:  # handed to the thread that takes it
            self._error = error
        finally:
            self._done.set()

    def wait(self) -> None:
        """Returns once the read has ended (Ctrl-C interrupts the wait)."""
        self._done.wait()

    def take(self) -> LiveState:
        """What was read; raises what reading raised (a VodopsError from the API, say)."""
        self.wait()
        if self._error is not None:
            raise self._error
        assert self._live is not None
        return self._live
