"""Ctrl-C during apply, as a user presses it: a real `vodops apply` process against a slow
`vodops emulator serve`, interrupted with SIGINT."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, VODOPS, document, hls, read_until, served, write

COUNT = 12


def _project(tmp_path: Path) -> Path:
    directory = tmp_path / "project"
    marks = [document("WatermarkTemplate", f"mark-{n:02}", TEXT_WATERMARK) for n in range(COUNT)]
    write(directory, "marks.yaml", *marks)
    return directory


def _start(tmp_path: Path, *args: str | Path) -> subprocess.Popen[str]:
    """`vodops ARGS` as a process that Ctrl-C reaches, as at a terminal: SIGINT at its default
    when it starts. A test runner started in the background by a script ignores SIGINT, and a
    child inherits that: a plan (which installs no handler of its own) then ran to its end."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENCENTCLOUD_", "VODOPS_", "TCCLI"))}
    env["HOME"] = str(tmp_path / "home")  # no credentials: the loopback emulator's documented pair
    command = [*VODOPS, *map(str, args)]
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # SIG_DFL in the child
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    finally:
        signal.signal(signal.SIGINT, previous)


def _apply(directory: Path, url: str, tmp_path: Path) -> subprocess.Popen[str]:
    return _start(tmp_path, "apply", directory, "--endpoint", url, "--parallelism", "2", "--yes")


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_first_ctrl_c_starts_nothing_new_and_reports(
    vodops: Vodops, tmp_path: Path, signal_number: signal.Signals
) -> None:
    """SIGTERM (a cancelled CI job, `timeout`, `docker stop`) is taken as Ctrl-C: it killed apply
    outright, with no report and its lock left held (the next apply was refused for 120 s)."""
    directory = _project(tmp_path)
    with served("--latency", "300") as url:
        process = _apply(directory, url, tmp_path)
        before = read_until(process, r"^\[1/12\] ")
        # the creates started from now take 2 s: the last one starts some 8 s on, not 1.5 s, however
        # late the signal lands on a loaded machine
        httpx.post(f"{url}/_emulator/knobs", json={"latencyMs": 2000}).raise_for_status()
        process.send_signal(signal_number)
        rest, _ = process.communicate(timeout=60)
        output = before + rest
        assert process.returncode == 130, output
        assert "Interrupted: starting nothing new; the calls in flight finish first." in output
        found = re.search(r"Apply interrupted: (\d+) done, 0 failed, (\d+) not attempted\.", output)
        assert found, output
        done, skipped = int(found[1]), int(found[2])
        assert done + skipped == COUNT and skipped > 0 and done >= 1
        assert f"  not attempted ({skipped}):" in output
        assert len(re.findall(r"^    WatermarkTemplate/mark-\d\d$", output, re.MULTILINE)) == COUNT
        httpx.post(f"{url}/_emulator/knobs", json={"latencyMs": 0}).raise_for_status()
        again = vodops("plan", directory, "--endpoint", url)
        finished = vodops("apply", directory, "--endpoint", url, "--yes", "--lock-timeout", "0")
    assert f"Plan: {skipped} to create." in again.out, "what was done is done; the rest is not attempted"
    assert f"Apply complete: {skipped} created." in finished.out, "the lock was freed"


def _calls(url: str, action: str) -> int:
    """How many `action` calls the served emulator has answered."""
    return sum(1 for call in httpx.get(f"{url}/_emulator/calls").json() if call["action"] == action)


def test_a_second_ctrl_c_stops_at_once(tmp_path: Path) -> None:
    """Every create is throttled (the client retries it), so none is done; once the emulator has
    answered one, the creates are in flight, and from then on each attempt takes 60 s. It was a
    0.5 s sleep for the creates to start, and 3 s for the two Ctrl-Cs to land in."""
    directory = tmp_path / "project"
    write(directory, "t.yaml", *(document("TranscodeTemplate", f"t-{n:02}", hls()) for n in range(COUNT)))
    with served() as url:
        throttled = {"faultRate": 1, "faults": ["throttle"], "faultActions": ["CreateTranscodeTemplate"]}
        httpx.post(f"{url}/_emulator/knobs", json=throttled).raise_for_status()
        process = _apply(directory, url, tmp_path)
        seen = read_until(process, r"^Applying 12 changes to ")
        deadline = time.monotonic() + 60
        while _calls(url, "CreateTranscodeTemplate") == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        httpx.post(f"{url}/_emulator/knobs", json={"latencyMs": 60_000}).raise_for_status()
        process.send_signal(signal.SIGINT)
        seen += read_until(process, r"^Interrupted: ")
        pressed = time.monotonic()
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
        waited = time.monotonic() - pressed
    output = seen + rest
    assert process.returncode == 130, output
    assert waited < 30, "the second Ctrl-C does not wait for the calls in flight (60 s each)"
    assert "Stopped at once after 0 of 12 changes" in output
    assert "the next `vodops plan` shows the rest" in output
    assert "Apply interrupted:" not in output


def test_ctrl_c_while_the_account_is_read_starts_no_more_calls(vodops: Vodops, tmp_path: Path) -> None:
    """The account is read on a thread of its own while the manifests become the desired state
    (vodops/readahead.py): Ctrl-C ends it with the calls in flight, as a listing on the main thread
    ends, instead of waiting for the whole read (every kind, 2 at a time, 1.5 s a call)."""
    directory = _project(tmp_path)
    with served("--latency", "1500") as url:
        process = _start(tmp_path, "plan", directory, "--endpoint", url, "--parallelism", "2", "--verbose")
        before = read_until(process, r"^Describe\w+ target=.* ok$")
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
        calls = httpx.get(f"{url}/_emulator/calls").json()
        full = vodops("plan", directory, "--endpoint", url, "--verbose").err.count(" ok\n")
    output = before + rest
    assert process.returncode == 130, output
    assert output.endswith("Aborted.\n") and "Traceback" not in output, output
    assert "Plan:" not in output
    # the calls answered before the signal landed (1.5 s each, 2 at a time) and the 2 in flight
    assert len(calls) <= 6, calls
    assert full >= 15, "a whole read makes a call per kind (and two for media)"
