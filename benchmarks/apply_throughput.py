"""Apply throughput against `vodops emulator serve` with injected latency, beside the bound the
per-action rate limits set and a reference measured in the same run.

Each API action has its own budget (100 calls/s), so creating T transcode and W watermark
templates cannot take less than max(T, W) / 100 seconds: the busiest action's bound. The
reference is that busiest action alone: W watermark creates through Tencent's official SDK, 10
at a time, held to 100 calls/s. vodops should take about as long for both kinds together, not
the sum of the kinds. Runs at two sizes for the growth exponent, and counts the API calls of a
plan of the result.

    python benchmarks/apply_throughput.py [--transcode 100] [--watermark 500] [--latency 50]
                                          [--parallelism 10]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from common import ENV, VODOPS, admin, exponent, sdk_pool, served

from vodops.cloud.ratelimit import DEFAULT_RATE, RateLimiter

TEXT = {"fontType": "arial.ttf", "fontSize": "20px", "fontColor": "0xFFFFFF", "fontAlpha": 1}
GOAL = 1.1  # times the busiest action's bound


def _manifests(directory: Path, transcode: int, watermark: int) -> None:
    video = {"codec": "libx264", "fps": 25, "bitrate": 1000 + 1}
    audio = {"codec": "libfdk_aac", "bitrate": 64, "sampleRate": 44100}
    docs = [
        _doc(
            "TranscodeTemplate", f"t{n}", {"container": "mp4", "videoTemplate": video, "audioTemplate": audio}
        )
        for n in range(transcode)
    ]
    docs += [
        _doc("WatermarkTemplate", f"w{n}", {"type": "text", "textTemplate": TEXT}) for n in range(watermark)
    ]
    (directory / "many.yaml").write_text(yaml.safe_dump_all(docs))


def _doc(kind: str, name: str, spec: dict[str, object]) -> dict[str, object]:
    return {"apiVersion": "vodops/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}


def _calls(url: str) -> int:
    return len(admin(url, "calls"))


def _apply(directory: Path, url: str, parallelism: int) -> tuple[float, float]:
    """`vodops apply`: seconds from its "Applying N changes" line to its end, and in all."""
    started = time.perf_counter()
    command = [
        *VODOPS,
        "apply",
        str(directory),
        "--endpoint",
        url,
        "--yes",
        "--parallelism",
        str(parallelism),
    ]
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    applying = None
    for line in process.stdout:
        if applying is None and line.startswith("Applying "):
            applying = time.perf_counter()
    assert process.wait() == 0 and applying is not None, "the apply failed"
    ended = time.perf_counter()
    return ended - applying, ended - started


def _plan(directory: Path, url: str) -> int:
    """How many API calls a plan makes."""
    before = _calls(url)
    command = [*VODOPS, "plan", str(directory), "--endpoint", url]
    subprocess.run(command, env=ENV, capture_output=True, check=False)
    return _calls(url) - before


def _reference(url: str, creates: int) -> float:
    """The busiest action alone: `creates` watermark creates by the official SDK, 10 at a time,
    at most DEFAULT_RATE a second."""
    sdk, limiter = sdk_pool(url), RateLimiter(DEFAULT_RATE)
    text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}

    def create(n: int) -> None:
        limiter.acquire("CreateWatermarkTemplate")
        sdk("CreateWatermarkTemplate", Type="text", Name=f"ref{n}", TextTemplate=text)

    started = time.perf_counter()
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(create, range(creates)))
    return time.perf_counter() - started


def _measure(transcode: int, watermark: int, latency: float, parallelism: int) -> float:
    bound = max(transcode, watermark) / DEFAULT_RATE
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        _manifests(directory, transcode, watermark)
        with served(latency) as (url, _):
            applied, whole = _apply(directory, url, parallelism)
            calls = _plan(directory, url)
        with served(latency) as (url, _):
            reference = _reference(url, max(transcode, watermark))
    print(
        f"  {transcode} transcode + {watermark} watermark: vodops apply {applied:5.2f} s "
        f"({whole:.2f} s with start-up and plan); busiest action alone (SDK) {reference:5.2f} s; "
        f"bound {bound:.2f} s"
    )
    print(
        f"    apply / bound = {applied / bound:.2f}x (goal <= {GOAL}x), apply / reference = "
        f"{applied / reference:.2f}x; a plan of the result made {calls} API calls"
    )
    return applied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transcode", type=int, default=100)
    parser.add_argument("--watermark", type=int, default=500)
    parser.add_argument("--latency", type=float, default=50.0)
    parser.add_argument("--parallelism", type=int, default=10)
    args = parser.parse_args()
    print(f"apply with {args.latency:.0f} ms latency, {DEFAULT_RATE:.0f} calls/s per action, "
          f"parallelism {args.parallelism}")  # fmt: skip
    sizes, times = [], []
    for half in (2, 1):
        transcode, watermark = args.transcode // half, args.watermark // half
        times.append(_measure(transcode, watermark, args.latency, args.parallelism))
        sizes.append(transcode + watermark)
    print(f"growth exponent of apply: {exponent(sizes, times):.2f}")


if __name__ == "__main__":
    main()
