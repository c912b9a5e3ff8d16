"""How a steady plan (nothing to change) grows with the account, in process (no latency).

For 1, 2, 4 and 8 sub-applications' worth of manifests (1,460 to 11,680 resources, in one
sub-application whose quotas the emulator's `quotaScale` knob raises), measures each step of a
plan: reading the manifests (YAML alone, then validated), reading the live account from the
in-process emulator, and diff + plan. Then runs `vodops plan` as its own process against the same
state for its CPU time and peak memory. Each step is measured --repeats times (`vodops plan`
--command-runs times); the median and the minimum are printed, each with its ratio to a linear
extrapolation of the smallest size (the reference, measured in the same run) and the growth
exponent. One measurement alone moves by a third when a full garbage collection lands in it.

The account is seeded by a process of its own (on tmpfs where there is one: seeding commits
every create), so that nothing it leaves in this process's heap is timed; each step starts from
a collected heap, and reads YAML at the pace vodops reads it (vodops/gcpace.py).

    python benchmarks/plan_scale.py [--scales 1,2,4,8] [--repeats 5] [--command-runs 3]
"""

from __future__ import annotations

import argparse
import gc
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
from common import ENV, exponent

from vodops.desired import desired_state
from vodops.gcpace import unhurried
from vodops.live import read_live
from vodops.manifest import load_manifests
from vodops.manifest.loader import manifest_files
from vodops.manifest.yamlpos import load_documents
from vodops.plan.build import Policy, build_plan
from vodops.targets import LOCAL_STATE

GOALS = {"whole plan, CPU s": 5.0, "diff + plan": 1.0}
_PEAK = "`vodops plan` peak MB"
# Seeding commits every create: on a disk that is most of the benchmark's time.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def _cpu(work: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()  # what earlier steps left is not collected on this step's time
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def _steps(directory: Path, scale: int) -> dict[str, float]:
    """CPU seconds of each step of one steady plan, in this process."""
    emu = account.emulator(directory / LOCAL_STATE, scale)
    try:
        api = account.api(emu)
        files = manifest_files(directory).files
        yaml_s, _ = _cpu(unhurried(lambda: [load_documents(f.read_text(), str(f)) for f in files]))
        parse_s, desired = _cpu(lambda: desired_state(load_manifests(directory, account.STACK)))
        live_s, live = _cpu(lambda: read_live(api))
        policy = Policy(quotas=account.quotas(scale))
        plan_s, (plan, _) = _cpu(
            lambda: build_plan(
                desired, live, stack=account.STACK, target="bench", sub_app_id=None, policy=policy
            )
        )
        assert plan.empty, plan.summary()
    finally:
        emu.close()
    return {
        "YAML parsing": yaml_s,
        "manifests read and validated": parse_s,
        "live read (emulator Describe)": live_s,
        "diff + plan": plan_s,
        "whole plan, CPU s": parse_s + live_s + plan_s,
    }


def _command(directory: Path) -> dict[str, float]:
    """`vodops plan` as its own process against the state seeded in `directory`: CPU s and MB."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "vodops", "plan", str(directory), "--detailed-exitcode"],
        stdout=subprocess.DEVNULL,
        env=ENV,  # compiled bytecode read, not written: the first run compiles, once
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0, "the plan of the seeded account must be empty"
    return {
        "`vodops plan` wall s": wall,
        "`vodops plan` CPU s": usage.ru_utime + usage.ru_stime,
        _PEAK: usage.ru_maxrss / 1024,
    }


def _measure(scale: int, repeats: int, command_runs: int) -> tuple[int, list[dict[str, float]]]:
    """The number of resources at `scale`, and the figures of each of `repeats` runs (the first
    `command_runs` of them with `vodops plan`'s)."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as scratch:
        directory = Path(scratch)
        size = account.write_manifests(directory, scale)
        account.seed_apart(directory, scale)
        runs = []
        for run in range(repeats):
            runs.append(_steps(directory, scale) | (_command(directory) if run < command_runs else {}))
    return size, runs


def _report(sizes: list[int], results: list[list[dict[str, float]]], repeats: int) -> None:
    medians = [_each(runs, statistics.median) for runs in results]
    for heading, figures in (("median", medians), ("min", [_each(runs, min) for runs in results])):
        print(f"\n{heading} of {repeats} runs (`vodops plan`: of {len(_of(results[0], _PEAK))})")
        _table(sizes, figures)
    for label, goal in GOALS.items():
        value = medians[-1][label]
        verdict = "met" if value <= goal else "MISSED"
        verdict = f"{value:.2f} s ({value / goal:.2f}x the goal, {verdict})"
        print(f"goal: {label} at {sizes[-1]:,} under {goal} s (median): {verdict}")
    peak = max(max(_of(runs, _PEAK)) for runs in results)
    verdict = "met" if peak < 300 else "MISSED"
    print(f"goal: peak memory under 300 MB (highest run): {peak:.0f} MB ({verdict})")


def _each(runs: list[dict[str, float]], summary: Callable[[list[float]], float]) -> dict[str, float]:
    """`summary` of each figure over the runs that measured it."""
    return {label: summary(_of(runs, label)) for label in runs[0]}


def _of(runs: list[dict[str, float]], label: str) -> list[float]:
    return [r[label] for r in runs if label in r]


def _table(sizes: list[int], results: list[dict[str, float]]) -> None:
    print(f"{'resources':32}" + "".join(f"{s:>10,}" for s in sizes) + "   exponent  vs linear")
    for label in results[0]:
        values = [r[label] for r in results]
        linear = values[0] * sizes[-1] / sizes[0]  # the reference: the smallest size, scaled
        row = "".join(f"{v:10.2f}" for v in values)
        ratio = "" if "MB" in label else f"{values[-1] / linear:9.2f}x"
        print(f"{label:32}{row}   {exponent(sizes, values):8.2f}  {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,2,4,8")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each step per size (default 5)")
    parser.add_argument(
        "--command-runs", type=int, default=3, help="runs of `vodops plan` per size (default 3)"
    )
    arguments = parser.parse_args()
    scales = [int(s) for s in arguments.scales.split(",")]
    print(f"steady plan in process; CPU seconds unless marked; {arguments.repeats} runs per size")
    started = time.perf_counter()
    measured = []
    for scale in scales:
        size, runs = _measure(
            scale, arguments.repeats, max(1, min(arguments.command_runs, arguments.repeats))
        )
        measured.append((size, runs))
        diff = sorted(r["diff + plan"] for r in runs)
        print(f"  measured {size:,} resources; diff + plan runs: {[round(d, 3) for d in diff]}", flush=True)
    _report([size for size, _ in measured], [runs for _, runs in measured], arguments.repeats)
    print(f"(the benchmark ran for {(time.perf_counter() - started) / 60:.1f} min)")


if __name__ == "__main__":
    main()
