"""What the benchmarks share: `vodops emulator serve` as its own process, its admin endpoint,
Tencent's official SDK pointed at it, and the growth exponent of a series of measurements."""

from __future__ import annotations

import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sdk_reference import Sdk
from sdk_reference import sdk_pool as reference_pool

from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

VODOPS = [sys.executable, "-m", "vodops"]
# The `vodops` processes a benchmark starts read compiled bytecode, as an installed package does:
# where PYTHONDONTWRITEBYTECODE is set (this environment sets it), each would otherwise recompile
# every module it imports (about a second) and the figure would measure compilation.
ENV = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "vodops-benchmark-pycache"),
    "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
    "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY,
}


@contextmanager
def served(latency: float = 0.0) -> Iterator[tuple[str, int]]:
    """`vodops emulator serve` on a free port: its URL and process id."""
    command = [*VODOPS, "emulator", "serve", "--port", "0", "--latency", str(latency)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    found = re.search(r"listening on (http://\S+)", process.stdout.readline())
    assert found, "the emulator did not start"
    try:
        yield found[1], process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def admin(url: str, path: str, body: Any = None) -> Any:
    """GET (or, with a body, POST as JSON, as the endpoint requires) the served emulator's admin
    endpoint `path`."""
    data = None if body is None else json.dumps(body).encode()
    headers = {} if data is None else {"Content-Type": "application/json"}
    request = urllib.request.Request(
        f"{url}/_emulator/{path}", data=data, headers=headers, method="POST" if data else "GET"
    )
    with urllib.request.urlopen(request) as reply:
        return json.load(reply)


def sdk_pool(url: str) -> Sdk:
    """A thread-safe caller of the served emulator with its documented key pair (sdk_reference.py)."""
    return reference_pool(url, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)


def exponent(sizes: list[int], values: list[float]) -> float:
    """The least-squares slope of log(value) against log(size): 1.0 is linear growth."""
    if len(set(sizes)) < 2:
        return math.nan
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(v, 1e-6)) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
