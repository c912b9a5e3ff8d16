"""Apply throughput against `vodops emulator serve` with injected latency, next to the rate-limit
bound, and how many API calls a plan of that many resources makes. Prints numbers only.

    python benchmarks/apply_throughput.py [--transcode 100] [--watermark 500] [--latency 50]
                                          [--parallelism 10,20]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from vodops.cloud.ratelimit import DEFAULT_RATE
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

VODOPS = [sys.executable, "-m", "vodops"]
ENV = {
    **os.environ,
    "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
    "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY,
}


def _manifests(directory: Path, transcode: int, watermark: int) -> None:
    video = {"codec": "libx264", "fps": 25, "bitrate": 1000 + 1}
    audio = {"codec": "libfdk_aac", "bitrate": 64, "sampleRate": 44100}
    text = {"fontType": "arial.ttf", "fontSize": "20px", "fontColor": "0xFFFFFF", "fontAlpha": 1}
    docs = [
        _doc(
            "TranscodeTemplate", f"t{n}", {"container": "mp4", "videoTemplate": video, "audioTemplate": audio}
        )
        for n in range(transcode)
    ]
    docs += [
        _doc("WatermarkTemplate", f"w{n}", {"type": "text", "textTemplate": text}) for n in range(watermark)
    ]
    (directory / "many.yaml").write_text(yaml.safe_dump_all(docs))


def _doc(kind: str, name: str, spec: dict[str, object]) -> dict[str, object]:
    return {"apiVersion": "vodops/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}


def _serve(latency: float) -> tuple[subprocess.Popen[str], str]:
    command = [*VODOPS, "emulator", "serve", "--port", "0", "--latency", str(latency)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    found = re.search(r"listening on (http://\S+)", process.stdout.readline())
    assert found, "the emulator did not start"
    return process, found[1]


def _calls(url: str) -> list[dict[str, object]]:
    with urllib.request.urlopen(f"{url}/_emulator/calls") as reply:
        calls: list[dict[str, object]] = json.load(reply)
    return calls


def _run(directory: Path, url: str, parallelism: int, creates: int) -> None:
    started = time.perf_counter()
    result = subprocess.run(
        [*VODOPS, "apply", str(directory), "--endpoint", url, "--yes", "--parallelism", str(parallelism)],
        env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    rate = creates / elapsed
    print(f"  parallelism {parallelism:3}: {creates} creates in {elapsed:6.2f} s = {rate:6.1f} creates/s")
    before = len(_calls(url))
    command = [*VODOPS, "plan", str(directory), "--endpoint", url, "--detailed-exitcode"]
    planned = subprocess.run(command, env=ENV, capture_output=True, check=False)
    assert planned.returncode == 0, "the plan after apply must be empty"
    print(f"                    a plan of the result made {len(_calls(url)) - before} API calls")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transcode", type=int, default=100)
    parser.add_argument("--watermark", type=int, default=500)
    parser.add_argument("--latency", type=float, default=50.0)
    parser.add_argument("--parallelism", default="10,20")
    args = parser.parse_args()
    creates = args.transcode + args.watermark
    # Each action has its own budget and both kinds are created in the same wave, so the slower
    # kind sets the time: max(n_kind) / rate seconds.
    bound = creates / (max(args.transcode, args.watermark) / DEFAULT_RATE)
    what = f"{args.transcode} transcode + {args.watermark} watermark templates"
    print(f"apply {what}, {args.latency:.0f} ms latency")
    print(f"  rate-limit bound: {DEFAULT_RATE:.0f} calls/s per action -> {bound:.1f} creates/s")
    for parallelism in (int(p) for p in args.parallelism.split(",")):
        with tempfile.TemporaryDirectory() as scratch:
            _manifests(Path(scratch), args.transcode, args.watermark)
            process, url = _serve(args.latency)
            try:
                _run(Path(scratch), url, parallelism, creates)
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=10)


if __name__ == "__main__":
    main()
