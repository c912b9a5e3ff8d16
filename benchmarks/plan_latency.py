"""`vodops plan` against `vodops emulator serve --latency 50`, beside two references measured in
the same run with Tencent's official SDK against the same server (benchmarks/sdk_reference.py):

- the ideal: the same list calls vodops makes (Limit 100), each kind's pages after the first
  fetched concurrently (10 at a time);
- a Terraform-style refresh: one Describe per resource, 10 in parallel.

For several account sizes up to a full sub-application (100 transcode, 1,000 watermark, 50
procedures, 310 classes), the account is built in process, at the server's origin (the URLs of
its watermark images are on it), and loaded into the server through its
snapshot endpoint. Prints wall seconds, API calls, the ratios, and the growth exponents.
Each is timed twice, and compared like with like:
- as users run it, a new process, start-up included: `vodops plan`, and each reference as a
  script (after one untimed run of each that compiles its modules, as installing a package does);
- in process, the same work once started: `vodops plan`'s session, and the references' functions
  with the SDK already loaded.

    python benchmarks/plan_latency.py [--fractions 0.03,0.25,1] [--latency 50]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import account
from common import ENV, admin, exponent, sdk_pool, served
from sdk_reference import Calls, ideal, refresh

from vodops.cloud.vod import WIRES
from vodops.emulator import Emulator
from vodops.live import read_live
from vodops.resources import MEDIA_CLASS, PROCEDURE
from vodops.session import open_session
from vodops.targets import TargetChoice

REFERENCE = Path(__file__).resolve().parent / "sdk_reference.py"


def _refresh_calls(emu: Emulator, url: str) -> Calls:
    """One Describe per custom resource, as a per-resource refresh makes them."""
    calls: Calls = []
    for item in read_live(account.api(emu, url)):
        if item.preset:
            continue
        if item.kind == MEDIA_CLASS:  # the API has no Describe of one class
            calls.append(("DescribeAllClass", {}))
        elif item.kind == PROCEDURE:
            calls.append(("DescribeProcedureTemplates", {"Names": [item.name]}))
        else:
            calls.append((WIRES[item.kind].list_action, {"Definitions": [item.id]}))
    return calls


def _script(*args: str | Path) -> None:
    """benchmarks/sdk_reference.py as its own process, as a user's script runs."""
    command = [sys.executable, str(REFERENCE), *map(str, args)]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-1000:]


def _vodops_plan(directory: Path, url: str) -> None:
    command = [
        sys.executable,
        "-m",
        "vodops",
        "plan",
        str(directory),
        "--endpoint",
        url,
        "--detailed-exitcode",
    ]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-1000:] + result.stderr[-1000:]


def _plan_in_process(directory: Path, url: str) -> None:
    """What `vodops plan` does once started: read the manifests, list the account, diff, plan."""
    os.environ.update(ENV)
    with open_session(directory, TargetChoice(endpoint=url)) as session:
        assert session.plan().empty


def _timed(work: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _measure(url: str, fraction: float, runs: int) -> tuple[int, dict[str, tuple[float, int]]]:
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        size = account.write_manifests(directory, 1, fraction)
        emu = account.emulator(None, 1)
        account.seed(directory, emu, origin=url)  # the server's origin: its image URLs are the ones seeded
        admin(url, "snapshot", emu.snapshot())
        calls = _refresh_calls(emu, url)
        emu.close()
        sdk = sdk_pool(url)
        _vodops_plan(directory, url)  # writes the bytecode the timed runs read (common.ENV)
        _script("ideal", url)
        calls_file = directory / "calls.json"
        calls_file.write_text(json.dumps(calls))
        figures = {
            "vodops plan": _counted(url, lambda: _vodops_plan(directory, url), runs),
            "ideal listing (SDK script)": _counted(url, lambda: _script("ideal", url), runs),
            "refresh (SDK script)": (_timed(lambda: _script("refresh", url, calls_file), 1), len(calls)),
            "the same plan in process": _counted(url, lambda: _plan_in_process(directory, url), runs),
            "ideal listing in process": _counted(url, lambda: ideal(sdk), runs),
            "refresh in process": (_timed(lambda: refresh(sdk, calls), 1), len(calls)),
        }
    return size, figures


def _counted(url: str, work: Callable[[], Any], runs: int) -> tuple[float, int]:
    """The median wall seconds of `runs` runs of `work`, and the API calls each made."""
    counted = len(admin(url, "calls"))
    seconds = _timed(work, runs)
    return seconds, (len(admin(url, "calls")) - counted) // runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fractions", default="0.03,0.25,1")
    parser.add_argument("--latency", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"plan against `vodops emulator serve --latency {args.latency:.0f}`; wall seconds (API calls)")
    rows = []
    with served(args.latency) as (url, _):
        for fraction in (float(f) for f in args.fractions.split(",")):
            size, figures = _measure(url, fraction, args.runs)
            rows.append((size, figures))
            wall = [seconds for seconds, _ in figures.values()]
            print(f"{size:6,} resources:")
            for label, (seconds, calls) in figures.items():
                print(f"  {label:28} {seconds:6.2f} s ({calls:4} API calls)")
            for label, (plan, best, refreshed) in (("as processes", wall[:3]), ("in process", wall[3:])):
                print(f"  {label}: vodops / ideal = {plan / best:.2f}x (goal <= 1.5x), "
                      f"/ refresh = {plan / refreshed:.2f}x (goal < 1x)")  # fmt: skip
    sizes = [size for size, _ in rows]
    for label in rows[0][1]:
        print(f"growth exponent, {label}: {exponent(sizes, [figures[label][0] for _, figures in rows]):.2f}")


if __name__ == "__main__":
    main()
