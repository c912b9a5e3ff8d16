"""Server CPU per Describe page of `vodops emulator serve`, as the account grows.

For accounts of 100, 1,000 and 4,000 watermark templates (the quotaScale knob lets one app hold
more than 1,000), loads the account into a fresh server through the snapshot endpoint (the load:
the server stores, and renders as Describe shows them, what it is given, as a Create does); then
one client, Tencent's official SDK (which, as any HTTP/1.1 client, keeps its connection open),
reads pages of 100:

- the first read: every page once, in order, right after the load (a plan against a server that
  has just started: nothing read yet, and nothing kept from reading);
- steady: `--pages` pages, at every offset in turn (what the server keeps between reads is used).

Server CPU is the server process's, every thread (ended ones too), user and system, read from its
CPU-time clock in nanoseconds. Prints server CPU per page, the pages per second one
core can serve, the ratio to the smallest account (the reference, measured in the same run: 1.0
means a page costs the same however large the account), the growth exponent, the pages per second
the one client saw (wall clock, its own CPU included), the server CPU the load took per template
(what rendering at write time moved there), and the machine's load average.

    python benchmarks/emulator_describe.py [--sizes 100,1000,4000] [--pages 300]
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass

import account
from common import admin, exponent, sdk_pool, served
from sdk_reference import Sdk

from vodops.resources import WATERMARK

GOAL = 300  # pages/s on one core with 1,000 watermarks
LIMIT = 100
TEXT = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}


@dataclass(frozen=True)
class Cost:
    """Server CPU seconds per template loaded and per page read first and steadily; the client's
    pages per second."""

    load: float
    first: float
    steady: float
    wall_rate: float


def _server_cpu(pid: int) -> float:
    """CPU seconds (user and system) the process has used, every thread, ended ones included, to
    the nanosecond: its CPU-time clock, the clock id clock_getcpuclockid(3) answers on Linux."""
    return time.clock_gettime(((~pid) << 3) | 2)


def _snapshot(size: int) -> object:
    emu = account.emulator(None, 1 + size // 1000)
    vod = account.api(emu)
    for n in range(size):
        vod.create(WATERMARK, {"Type": "text", "Name": f"w{n}", "TextTemplate": TEXT})
    snapshot = emu.snapshot()
    emu.close()
    return snapshot


def _read(sdk: Sdk, pid: int, offsets: list[int]) -> tuple[float, float]:
    """Read the pages at `offsets`: (server CPU seconds, wall seconds)."""
    before, started = _server_cpu(pid), time.perf_counter()
    for offset in offsets:
        reply = sdk("DescribeWatermarkTemplates", Offset=offset, Limit=LIMIT)
        assert reply["WatermarkTemplateSet"], f"an empty page at offset {offset}"
    return _server_cpu(pid) - before, time.perf_counter() - started


def _cost(size: int, pages: int) -> Cost:
    """What a page of 100 costs with `size` watermarks in the app."""
    with served() as (url, pid):
        snapshot, before = _snapshot(size), _server_cpu(pid)
        admin(url, "snapshot", snapshot)
        load = (_server_cpu(pid) - before) / size
        sdk = sdk_pool(url)
        sdk("DescribeAllClass")  # opens the connection; renders no watermark
        every = list(range(0, size, LIMIT))
        first, _ = _read(sdk, pid, every)
        steady, wall = _read(sdk, pid, [every[n % len(every)] for n in range(pages)])
        return Cost(load, first / len(every), steady / pages, pages / wall)


def _load() -> str:
    return "/".join(f"{load:.1f}" for load in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,4000")
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    load_before = _load()
    costs = [_cost(size, args.pages) for size in sizes]
    print(f"DescribeWatermarkTemplates, Limit {LIMIT}: server CPU per page (load average {load_before} "
          f"before, {_load()} after: 1, 5 and 15 minutes)")  # fmt: skip
    for size, cost in zip(sizes, costs, strict=True):
        print(
            f"  {size:6,} watermarks: first read {cost.first * 1000:5.2f} ms = {1 / cost.first:4.0f} "
            f"pages/s; steady {cost.steady * 1000:5.2f} ms = {1 / cost.steady:5.0f} pages/s per core "
            f"({cost.steady / costs[0].steady:.2f}x the {sizes[0]:,}-watermark account); "
            f"one client saw {cost.wall_rate:4.0f} pages/s; the load {cost.load * 1e6:3.0f} µs a template"
        )
    steady = [cost.steady for cost in costs]
    print(f"growth exponent of the steady cost of a page: {exponent(sizes, steady):.2f}")
    if 1000 in sizes:
        cost = costs[sizes.index(1000)]
        print(
            f"goal: >= {GOAL} pages/s on one core with 1,000 watermarks: steady {1 / cost.steady:.0f} "
            f"({1 / cost.steady / GOAL:.2f}x the goal), first read {1 / cost.first:.0f} "
            f"({1 / cost.first / GOAL:.2f}x)"
        )


if __name__ == "__main__":
    main()
