"""The garbage collector's pace while a plan is built.

Reading manifests, listing the account and planning make hundreds of thousands of small objects
(YAML nodes, positions, specs, live objects) that stay alive until the plan is done. At the
collector's default pace, a young-generation pass every 700 new objects and older passes that
walk everything alive, a third of the CPU time of reading 11,680 resources' manifests went to
passes that freed nothing (benchmarks/plan_scale.py). While a step marked `unhurried` runs, the
young generation is collected every YOUNG_OBJECTS new objects instead; the pace before is restored
when the last such step (on any thread) ends. Cycles are still collected, only less often.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

YOUNG_OBJECTS = 50_000

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_running = 0
_before = gc.get_threshold()


def unhurried(step: Callable[P, R]) -> Callable[P, R]:
    """`step`, run with the young generation collected every YOUNG_OBJECTS new objects."""

    @functools.wraps(step)
    def paced(*args: P.args, **kwargs: P.kwargs) -> R:
        _enter()
        try:
            return step(*args, **kwargs)
        finally:
            _leave()

    return paced


def _enter() -> None:
    global _running, _before
    with _lock:
        if _running == 0:
            _before = gc.get_threshold()
            gc.set_threshold(max(_before[0], YOUNG_OBJECTS), *_before[1:])
        _running += 1


def _leave() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0:
            gc.set_threshold(*_before)
