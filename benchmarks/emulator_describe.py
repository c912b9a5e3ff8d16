"""Server CPU per Describe page of `vodops emulator serve`, as the account grows.

For accounts of 100, 1,000 and 4,000 watermark templates (the quotaScale knob lets one app hold
more than 1,000), loads the account through the snapshot endpoint, then reads pages of 100 (at
every offset in turn) from one client thread and reads the server process's CPU time from /proc.
Prints server CPU per page, the pages per second one core can serve, the ratio to the smallest
account (the reference, measured in the same run: 1.0 means a page costs the same however large
the account) and the growth exponent.

    python benchmarks/emulator_describe.py [--sizes 100,1000,4000] [--pages 300]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import account
from common import admin, exponent, sdk_pool, served

from vodops.resources import WATERMARK

GOAL = 300  # pages/s on one core with 1,000 watermarks
TEXT = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}


def _server_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _snapshot(size: int) -> object:
    emu = account.emulator(None, 1 + size // 1000)
    vod = account.api(emu)
    for n in range(size):
        vod.create(WATERMARK, {"Type": "text", "Name": f"w{n}", "TextTemplate": TEXT})
    snapshot = emu.snapshot()
    emu.close()
    return snapshot


def _per_page(size: int, pages: int) -> float:
    """Server CPU seconds per Describe page of 100, with `size` watermarks in the app."""
    with served() as (url, pid):
        admin(url, "snapshot", _snapshot(size))
        sdk = sdk_pool(url)
        sdk("DescribeWatermarkTemplates", Limit=100)  # warm up
        started = _server_cpu(pid)
        for n in range(pages):
            sdk("DescribeWatermarkTemplates", Offset=(n * 100) % max(size, 1), Limit=100)
        return (_server_cpu(pid) - started) / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,4000")
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    costs = [_per_page(size, args.pages) for size in sizes]
    print(f"DescribeWatermarkTemplates, Limit 100, {args.pages} pages per account size")
    for size, cost in zip(sizes, costs, strict=True):
        print(
            f"  {size:6,} watermarks: {cost * 1000:6.2f} ms server CPU per page = {1 / cost:6.0f} pages/s "
            f"per core ({cost / costs[0]:.2f}x the {sizes[0]:,}-watermark account)"
        )
    print(f"growth exponent of the cost of a page: {exponent(sizes, costs):.2f}")
    if 1000 in sizes:
        rate = 1 / costs[sizes.index(1000)]
        verdict = f"{rate:.0f} ({rate / GOAL:.2f}x the goal)"
        print(f"goal: >= {GOAL} pages/s on one core with 1,000 watermarks: {verdict}")


if __name__ == "__main__":
    main()
