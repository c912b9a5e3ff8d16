"""Signal handlers that respect how the process was started: a signal it was started with ignored
stays ignored. A shell starts background jobs of a script with SIGINT ignored, and `nohup` or a
supervisor may ignore others; Python itself installs its Ctrl-C handler only when SIGINT is at
its default. A handler vodops installed over SIG_IGN made `kill -INT` stop a job started not to
be stopped by it."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

Handler = Callable[[int, FrameType | None], None]


def ignored(number: int) -> bool:
    """Whether signal `number` is ignored (SIG_IGN) in this process."""
    return signal.getsignal(number) is signal.SIG_IGN


def install(number: int, handler: Handler) -> None:
    """`handler` for signal `number` from now on, unless the signal is ignored. Main thread only."""
    if not ignored(number):
        signal.signal(number, handler)


@contextmanager
def handling(numbers: tuple[int, ...], handler: Handler) -> Iterator[tuple[int, ...]]:
    """`handler` for each of `numbers` that is not ignored while the block runs, and the previous
    handlers back after it; yields the numbers handled. Main thread only."""
    previous = {number: signal.signal(number, handler) for number in numbers if not ignored(number)}
    try:
        yield tuple(previous)
    finally:
        for number, before in previous.items():
            signal.signal(number, before)
