"""Throughput of `vodops emulator serve` for Describe and Create, at several levels of concurrency.

Starts the emulator as its own process (as users run it), then drives it from this process with
N threads, each with its own signed client. Prints requests per second; asserts nothing.

    python benchmarks/emulator_throughput.py [--requests 2000] [--concurrency 1,10,100]
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from threading import local
from typing import Any

from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.tc3 import Credentials
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

VIDEO = {"Codec": "libx264", "Fps": 25, "Bitrate": 1000}
AUDIO = {"Codec": "libfdk_aac", "Bitrate": 64, "SampleRate": 44100}


def _start(apps: int) -> tuple[subprocess.Popen[str], str]:
    """The emulator, with applications 1..apps (it refuses SubAppIds the account does not have)."""
    command = [sys.executable, "-m", "vodops", "emulator", "serve", "--port", "0"]
    command += [f"--sub-app-id={app}" for app in range(1, apps + 1)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    found = re.search(r"listening on (http://\S+)", process.stdout.readline())
    assert found, "the emulator did not start"
    return process, found[1]


def _describe(n: int) -> tuple[str, dict[str, Any]]:
    return "DescribeTranscodeTemplates", {"Limit": 100}


def _create(n: int) -> tuple[str, dict[str, Any]]:
    # 100 custom templates per sub-application: spread the creates over as many as needed.
    request = {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO, "SubAppId": 1 + n // 100}
    return "CreateTranscodeTemplate", request


def _run(url: str, make: Callable[[int], tuple[str, dict[str, Any]]], requests: int, threads: int) -> float:
    mine = local()

    def one(n: int) -> None:
        if not hasattr(mine, "caller"):
            credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
            mine.caller = HttpCaller(Endpoint.parse(url), credentials, timeout=60)
        mine.caller.call(*make(n))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(requests)))
    return requests / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", default="1,10,100")
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]
    print(f"vodops emulator serve, {args.requests} requests per run (client and server share this machine)")
    for label, make in (("Describe (Limit 100)", _describe), ("Create (transcode)", _create)):
        for threads in levels:
            process, url = _start(apps=args.requests // 100 + 1)
            try:
                rate = _run(url, make, args.requests, threads)
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=10)
            print(f"  {label:22} {threads:4} concurrent: {rate:8.0f} requests/s")


if __name__ == "__main__":
    main()
