"""`vodops plan` against `vodops emulator serve --latency 50`, beside two references measured in
the same run with Tencent's official SDK against the same server (benchmarks/sdk_reference.py):

- the ideal: the same list calls vodops makes (Limit 100), each kind's pages after the first
  fetched concurrently (10 at a time);
- a Terraform-style refresh: one Describe per resource, 10 in parallel.

For several account sizes up to a full sub-application (100 transcode, 1,000 watermark, 50
procedures, 310 classes), the account is built in process, at the server's origin (the URLs of
its watermark images are on it), and loaded into the server through its snapshot endpoint.
Prints wall seconds, CPU seconds (a process's own and its threads', or the script's), API calls,
the ratios, and the growth exponents; on a busy machine the CPU figures move less than the wall.
Each is timed twice, and compared like with like:
- as users run it, a new process, start-up included: `vodops plan`, and each reference as a
  script (after one untimed run of each that compiles its modules, as installing a package does);
  beside them, the start-up floor of vodops's dependencies (FLOOR: no call), which tells how much
  of a small plan's time any tool built on them spends before its first call;
- in process, the same work once started: `vodops plan`'s session, and the references' functions
  with the SDK already loaded.

    python benchmarks/plan_latency.py [--fractions 0.03,0.25,1] [--latency 50]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
FLOOR = "\n".join(
    [
        "import ssl, click, httpx, pydantic, yaml",
        "class M(pydantic.BaseModel):",
        "    x: int = 0",
        "M(x=1)",
        "httpx.Client(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)).close()",
    ]
)
FLOOR_NAME = "start-up floor (script)"
"""Importing vodops's four run-time dependencies, validating one one-field model and making one
httpx client, as vodops makes them (pydantic without plugins; a TLS context whose roots are read
at its first TLS connection, and this is plain HTTP), and no API call."""
SLOW_CALLS = 100  # a refresh making more calls is timed once


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


def _floor() -> None:
    """The dependencies' start-up, as a process: what any plan on them costs before its first call."""
    environment = {**ENV, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    subprocess.run([sys.executable, "-c", FLOOR], env=environment, check=True)


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


def _timed(work: Callable[[], Any], runs: int) -> tuple[float, float]:
    """The median wall seconds and median CPU seconds of `runs` runs of `work`."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        work()
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    """CPU seconds of this process and of the child processes it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(url: str, fraction: float, runs: int) -> tuple[int, dict[str, tuple[float, float, int]]]:
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
        _floor()
        slow = runs if len(calls) <= SLOW_CALLS else 1
        figures = {
            "vodops plan": _counted(url, lambda: _vodops_plan(directory, url), runs),
            "ideal listing (SDK script)": _counted(url, lambda: _script("ideal", url), runs),
            "refresh (SDK script)": (*_timed(lambda: _script("refresh", url, calls_file), slow), len(calls)),
            FLOOR_NAME: (*_timed(_floor, runs), 0),
            "the same plan in process": _counted(url, lambda: _plan_in_process(directory, url), runs),
            "ideal listing in process": _counted(url, lambda: ideal(sdk), runs),
            "refresh in process": (*_timed(lambda: refresh(sdk, calls), slow), len(calls)),
        }
    return size, figures


def _counted(url: str, work: Callable[[], Any], runs: int) -> tuple[float, float, int]:
    """The median wall and CPU seconds of `runs` runs of `work`, and the API calls each made."""
    counted = len(admin(url, "calls"))
    wall, cpu = _timed(work, runs)
    return wall, cpu, (len(admin(url, "calls")) - counted) // runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fractions", default="0.03,0.25,1")
    parser.add_argument("--latency", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    served_as = f"`vodops emulator serve --latency {args.latency:.0f}`"
    print(f"plan against {served_as}; wall and CPU seconds (API calls)")
    rows = []
    with served(args.latency) as (url, _):
        for fraction in (float(f) for f in args.fractions.split(",")):
            size, figures = _measure(url, fraction, args.runs)
            rows.append((size, figures))
            wall = [seconds for seconds, _, _ in figures.values()]
            cpu = [seconds for _, seconds, _ in figures.values()]
            print(f"{size:6,} resources:")
            for label, (seconds, used, calls) in figures.items():
                print(f"  {label:28} {seconds:6.2f} s, CPU {used:5.2f} s ({calls:4} API calls)")
            for label, part in (("as processes", slice(0, 3)), ("in process", slice(4, 7))):
                (plan, best, refreshed), (plan_cpu, best_cpu, _) = wall[part], cpu[part]
                print(f"  {label}: vodops / ideal = {plan / best:.2f}x (goal <= 1.5x), "
                      f"/ refresh = {plan / refreshed:.2f}x (goal < 1x); CPU: vodops / ideal = "
                      f"{plan_cpu / best_cpu:.2f}x")  # fmt: skip
            floor, floor_cpu = wall[3], cpu[3]
            print(f"  start-up floor / refresh = {floor / wall[2]:.2f}x wall, {floor_cpu / cpu[2]:.2f}x CPU; "
                  f"vodops above the floor: {wall[0] - floor:.2f} s wall, "
                  f"{cpu[0] - floor_cpu:.2f} s CPU")  # fmt: skip
    sizes = [size for size, _ in rows]
    for label in rows[0][1] if len(set(sizes)) > 1 else ():  # one size has no growth to tell
        print(f"growth exponent, {label}: {exponent(sizes, [figures[label][0] for _, figures in rows]):.2f}")


if __name__ == "__main__":
    main()
