"""What media apply needs besides API calls, carried by the VodApi of a target: where COS
requests go, the journal of uploads in flight, and where progress is shown."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from vodops.media.cos import CosRoute
from vodops.media.journal import Journal

# (what is uploading, bytes done, bytes in all): from the COS SDK's worker threads.
OnBytes = Callable[[str, int, int], None]


def _quiet_bytes(label: str, done: int, total: int) -> None:
    """No progress shown."""


def _quiet(line: str) -> None:
    """No waits shown."""


class TransferProgress(Protocol):
    """Where apply shows uploads and pulls (the CLI's progress report)."""

    def on_bytes(self, label: str, done: int, total: int) -> None:
        """An upload of `label` has sent `done` of `total` bytes (called from the COS SDK's
        threads)."""

    def on_wait(self, line: str) -> None:
        """A line to show while apply waits (for a pull task to finish)."""


@dataclass
class Transfers:
    """How media moves: the COS route uploads take, the journal that resumes them, and where
    their progress (bytes, waits for pulls) is told; `stop` ends the wait for pulls."""

    cos: CosRoute = field(default_factory=CosRoute)
    journal: Journal = field(default_factory=lambda: Journal(Path.cwd()))
    on_bytes: OnBytes = _quiet_bytes
    on_wait: Callable[[str], None] = _quiet
    stop: threading.Event = field(default_factory=threading.Event)  # set: stop waiting for pulls
