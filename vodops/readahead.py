"""The account read on a thread of its own, while the main thread goes on.

Listing an account is mostly waiting for the API: a full sub-application's 26 pages take about
0.23 s at 50 ms latency, of which the listing's own CPU is a third. A session starts the listing
once the manifests are valid and the target is connected, and turns the manifests into the desired
state meanwhile (reading watermark images included); its first plan takes what was read. A read
that will not be taken (an error or Ctrl-C on the main thread, or an apply lock taken: what was
read before it is too old to plan from) is abandoned: no call starts after that, and the calls in
flight end before the target's client is closed.
"""

from __future__ import annotations

import threading

from vodops.cloud.vod import VodApi
from vodops.live import LiveState, read_live


class ReadAhead:
    """`read_live(api, kinds)` running on a daemon thread from the moment this is made. `take()`
    waits for it and gives its LiveState, or raises what it raised; `abandon()` makes it start no
    more calls and waits for it to end."""

    def __init__(self, api: VodApi, kinds: tuple[str, ...]) -> None:
        self._stop = threading.Event()
        self._done = threading.Event()
        self._live: LiveState | None = None
        self._error: BaseException | None = None
        reader = api.until(self._stop)
        self._thread = threading.Thread(
            target=self._run, args=(reader, kinds), name="vodops-read-ahead", daemon=True
        )
        self._thread.start()

    def _run(self, api: VodApi, kinds: tuple[str, ...]) -> None:
        try:
            self._live = read_live(api, kinds)
        except BaseException as error:  # handed to the thread that takes it
            self._error = error
        finally:
            self._done.set()

    def abandon(self) -> None:
        """No call of the read starts from now on; returns once the calls in flight have ended
        (Ctrl-C interrupts the wait). What was read is never taken."""
        self._stop.set()
        self._done.wait()

    def take(self) -> LiveState:
        """What was read; raises what reading raised (a VodopsError from the API, say)."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._live is not None
        return self._live
