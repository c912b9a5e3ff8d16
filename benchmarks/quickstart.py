"""How long plan and apply of examples/quickstart take on the embedded emulator, and how many API
calls a plan makes. Prints numbers; asserts nothing (machines are noisy).

    python benchmarks/quickstart.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from vodops.apply.run import Consent
from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from vodops.live import read_live
from vodops.session import open_session

QUICKSTART = Path(__file__).resolve().parent.parent / "examples" / "quickstart"


def _timed_run(scratch: Path) -> tuple[float, float, float]:
    directory = Path(
        shutil.copytree(QUICKSTART, scratch / "quickstart", ignore=shutil.ignore_patterns(".vodops"))
    )
    started = time.perf_counter()
    with open_session(directory, None) as session:
        plan = session.plan()
    planned = time.perf_counter()
    with open_session(directory, None) as session:
        outcome = session.apply(session.plan(), consent=Consent(), progress=lambda change, status: None)
    applied = time.perf_counter()
    assert outcome.ok and len(outcome.done) == len(plan.changes)
    with open_session(directory, None) as session:
        assert session.plan().empty
    replanned = time.perf_counter()
    return planned - started, applied - planned, replanned - applied


def _plan_calls() -> Counter[str]:
    emulator = Emulator()
    caller = HttpCaller(
        Endpoint.parse("http://vod.bench"),
        Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY),
        transport=httpx.WSGITransport(app=emulator),
    )
    read_live(VodApi(caller, None))
    return Counter(call.action for call in emulator.calls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    timings = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            timings.append(_timed_run(Path(scratch)))
    calls = _plan_calls()
    print(f"quickstart: {runs} runs, median of each step (includes opening the SQLite state)")
    labels = ("first plan", "apply (plan + 12 creates)", "plan after apply")
    for label, values in zip(labels, zip(*timings, strict=True), strict=True):
        print(f"  {label:28} {statistics.median(values) * 1000:8.1f} ms")
    detail = ", ".join(f"{n} {action}" for action, n in sorted(calls.items()))
    print(f"  API calls per plan: {sum(calls.values())} ({detail})")


if __name__ == "__main__":
    main()
