"""A signal the process was started with ignored stays ignored (a shell starts a script's background
jobs with SIGINT ignored; a supervisor may ignore SIGTERM): vodops installed its handlers over it.
Each case is a real `vodops` process started with the signal ignored; what it does with a signal
is read from /proc/PID/status while it runs, and apply's outcome is told by which handler ran,
never by timing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.helpers import VODOPS, document, hls, read_until, write
from vodops.emulator import Emulator, serve_in_thread

COUNT = 6


class Gate:
    """WSGI in front of the emulator: every call of `action` waits until `opened` is set;
    `entered` is set when the first one arrives."""

    def __init__(self, app: Any, action: str) -> None:
        self.app, self.action = app, action
        self.entered, self.opened = threading.Event(), threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("HTTP_X_TC_ACTION") == self.action:
            self.entered.set()
            self.opened.wait(120)
        answer: Iterable[bytes] = self.app(environ, start_response)
        return answer


@contextmanager
def _gated(action: str) -> Iterator[tuple[Gate, str]]:
    emulator = Emulator()
    gate = Gate(emulator, action)
    try:
        with serve_in_thread(gate) as url:
            yield gate, url
    finally:
        gate.opened.set()
        emulator.close()


def _start(tmp_path: Path, ignored: tuple[int, ...], *args: str | Path) -> subprocess.Popen[str]:
    """`vodops ARGS` started with the `ignored` signals ignored (and SIGINT otherwise at its
    default, whatever the test runner has), without credentials: the loopback emulator's pair."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENCENTCLOUD_", "VODOPS_", "TCCLI"))}
    env["HOME"] = str(tmp_path / "home")

    def child() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for number in ignored:
            signal.signal(number, signal.SIG_IGN)

    command = [*VODOPS, *map(str, args)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, preexec_fn=child
    )


def _disposition(pid: int, number: int) -> str:
    """'ignored', 'caught' (a handler) or 'default', from the process's signal masks in /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    masks = {
        name: int(value, 16) for name, value in re.findall(r"^(SigIgn|SigCgt):\s*([0-9a-f]+)$", status, re.M)
    }
    bit = 1 << (number - 1)
    return "ignored" if masks["SigIgn"] & bit else "caught" if masks["SigCgt"] & bit else "default"


def test_apply_started_with_sigint_ignored_leaves_it_ignored(tmp_path: Path) -> None:
    """SIGINT, then SIGTERM, reach an apply started with SIGINT ignored, both while a create is
    held: only SIGTERM is taken, as the first Ctrl-C (nothing new starts, the create in flight
    finishes, the report is printed). SIGINT, sent first, is taken first when it is taken at all
    (the kernel delivers, and Python runs, pending handlers lowest signal first): SIGTERM was then
    a second Ctrl-C, and the apply ended with no report."""
    directory = tmp_path / "project"
    write(
        directory,
        "marks.yaml",
        *(document("TranscodeTemplate", f"t-{n}", hls()) for n in range(COUNT)),
    )
    with _gated("CreateTranscodeTemplate") as (gate, url):
        process = _start(
            tmp_path, (signal.SIGINT,), "apply", directory, "--endpoint", url, "--parallelism", "1", "--yes"
        )
        assert gate.entered.wait(120), "the apply made no create"
        held = _disposition(process.pid, signal.SIGINT), _disposition(process.pid, signal.SIGTERM)
        process.send_signal(signal.SIGINT)
        process.send_signal(signal.SIGTERM)
        seen = read_until(process, r"^Interrupted: ")
        gate.opened.set()
        rest, _ = process.communicate(timeout=120)
    output = seen + rest
    assert "Stopped at once" not in output
    assert output.count("Interrupted: starting nothing new") == 1
    assert f"Apply interrupted: 1 done, 0 failed, {COUNT - 1} not attempted." in output
    assert process.returncode == 130, output
    assert held == ("ignored", "caught")


def test_watch_started_with_sigint_ignored_leaves_it_ignored(tmp_path: Path) -> None:
    """watch stops on SIGTERM and SIGINT, but an ignored one stays ignored; SIGTERM still stops it."""
    with _gated("DescribeSubAppIds") as (gate, url):
        gate.opened.set()
        process = _start(tmp_path, (signal.SIGINT,), "watch", tmp_path, "--endpoint", url, "--interval", "1h")
        seen = read_until(process, r" started directory=")
        held = _disposition(process.pid, signal.SIGINT), _disposition(process.pid, signal.SIGTERM)
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=120)
    assert held == ("ignored", "caught")
    assert process.returncode == 0, seen + rest


def test_a_plan_started_with_sigterm_ignored_leaves_it_ignored(tmp_path: Path) -> None:
    """SIGTERM is taken as Ctrl-C, unless the process was started with it ignored."""
    with _gated("DescribeTranscodeTemplates") as (gate, url):
        process = _start(tmp_path, (signal.SIGTERM,), "plan", tmp_path, "--endpoint", url)
        assert gate.entered.wait(120), "the plan listed no transcode templates"
        held = _disposition(process.pid, signal.SIGTERM)
        gate.opened.set()
        out, _ = process.communicate(timeout=120)
    assert held == "ignored"
    assert process.returncode == 0, out


def test_the_emulator_started_with_sigterm_ignored_leaves_it_ignored(tmp_path: Path) -> None:
    process = _start(tmp_path, (signal.SIGTERM,), "emulator", "serve", "--port", "0")
    try:
        read_until(process, r"listening on http://")
        held = _disposition(process.pid, signal.SIGTERM)
    finally:
        process.kill()
        process.communicate(timeout=120)
    assert held == "ignored"
