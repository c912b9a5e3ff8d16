"""What a running apply shows: `[n/N]` on every finished change and, on a terminal, a live bar
with the rate and the time left. Ctrl-C once stops starting changes; twice stops at once."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

import click

from vodops.plural import counted
from vodops.signals import handling, ignored
from vodops.visible import printable

if TYPE_CHECKING:
    from vodops.plan.changes import Change

_BAR_WIDTH = 30
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD")


def bar_wanted(asked: bool | None) -> bool:
    """--progress / --no-progress decide; otherwise a bar only on a terminal and never in CI."""
    if asked is not None:
        return asked
    return sys.stderr.isatty() and not any(os.environ.get(name) for name in _CI_VARIABLES)


class ProgressReport:
    """A `progress(change, status)` callback for apply, safe to call from its worker threads."""

    def __init__(self, total: int, bar: bool, headline: Callable[[Change], str]) -> None:
        self.total, self.finished = total, 0
        self._bar, self._headline = bar, headline
        self._live = bar and sys.stderr.isatty()  # redrawn in place; otherwise a line per tenth
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._tenths_shown = 0
        self._uploads: dict[str, float] = {}  # label -> when its upload started
        self._quarters: dict[str, int] = {}
        self._last_wait = ""

    def __call__(self, change: Change, status: str) -> None:
        with self._lock:
            self.finished += 1
            self._clear()
            line = f"[{self.finished}/{self.total}] {self._headline(change)}: {printable(status)}"
            click.echo(line, err=status.startswith("failed"))
            self._draw()

    def on_bytes(self, label: str, done: int, total: int) -> None:
        """An upload's progress: on a terminal a live line with bytes, rate and time left; else a
        line at each quarter (from the COS SDK's worker threads)."""
        with self._lock:
            started = self._uploads.setdefault(label, time.monotonic())
            line = f"uploading {printable(label)}: {transfer_text(done, total, started)}"
            if self._live:
                self._clear()
                click.echo(line, nl=False, err=True)
            elif done * 4 // max(total, 1) > self._quarters.get(label, 0):
                self._quarters[label] = done * 4 // max(total, 1)
                click.echo(line, err=True)

    def on_wait(self, line: str) -> None:
        """A pull's wait, once per change of what it says."""
        with self._lock:
            if line != self._last_wait:
                self._last_wait = line
                self._clear()
                click.echo(f"waiting: {printable(line)}", err=True)
                self._draw()

    def close(self) -> None:
        """Take the bar off the screen (before a summary, or on Ctrl-C)."""
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        if self._live:
            click.echo("\r\x1b[K", nl=False, err=True)

    def _draw(self) -> None:
        if not self._bar:
            return
        if self._live:
            click.echo(self.bar_text(), nl=False, err=True)
        elif self.finished * 10 // self.total > self._tenths_shown:
            self._tenths_shown = self.finished * 10 // self.total
            click.echo(f"progress: {self.bar_text()}", err=True)

    def bar_text(self) -> str:
        """`[#########.....] 120/300  40.1/s  about 4s left`."""
        elapsed = max(time.monotonic() - self._start, 1e-6)
        rate = self.finished / elapsed
        left = (self.total - self.finished) / rate if rate else 0.0
        filled = _BAR_WIDTH * self.finished // max(self.total, 1)
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        return f"[{bar}] {self.finished}/{self.total}  {rate:.1f}/s  about {left:.0f}s left"


def transfer_text(done: int, total: int, started: float) -> str:
    """`[#########.....] 12.0/30.0 MiB  8.1 MiB/s  about 2s left`."""
    elapsed = max(time.monotonic() - started, 1e-6)
    rate = done / elapsed
    left = (total - done) / rate if rate else 0.0
    filled = _BAR_WIDTH * done // max(total, 1)
    bar = "#" * filled + "." * (_BAR_WIDTH - filled)
    mib = 1024 * 1024
    return f"[{bar}] {done / mib:.1f}/{total / mib:.1f} MiB  {rate / mib:.1f} MiB/s  about {left:.0f}s left"


class Interrupts:
    """Within this block the first Ctrl-C sets `stop` (apply starts nothing new and lets calls in
    flight finish); a second one ends the process at once with exit code 130. When the process
    was started with SIGINT ignored (a background job), SIGINT stays ignored and SIGTERM, which
    otherwise reaches this handler as Ctrl-C (vodops.cli._as_ctrl_c), is taken here directly."""

    def __init__(self, progress: ProgressReport) -> None:
        self.stop = threading.Event()
        self._progress = progress
        self._handling = ExitStack()

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            stopping = signal.SIGTERM if ignored(signal.SIGINT) else signal.SIGINT
            self._handling.enter_context(handling((stopping,), self._interrupted))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._handling.close()

    def _interrupted(self, signum: int, frame: FrameType | None) -> None:
        if not self.stop.is_set():
            self.stop.set()
            self._progress.close()
            click.echo(
                "\nInterrupted: starting nothing new; the calls in flight finish first. "
                "Press Ctrl-C again to stop at once.",
                err=True,
            )
            return
        self._progress.close()
        done, total = self._progress.finished, self._progress.total
        click.echo(
            f"\nStopped at once after {done} of {counted(total, 'change')}; calls that were in flight may or "
            "may not have taken effect. Nothing is lost: the next `vodops plan` shows the rest.",
            err=True,
        )
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
