"""Start-up: how long `vodops --help`, `vodops validate` on the quick start, a TAB completion and a
steady `vodops plan` of the quick start (after an apply, against the embedded emulator's state in
a scratch copy) take, each as a fresh process, against bare Python start-up (`python -c pass`)
measured in the same run. The goal (issue 12): every one but the plan under 150 ms above bare
Python; the plan's row shows what start-up adds to a plan. A second reference, the dependencies'
floor, is what importing click, PyYAML and pydantic and validating one one-field model costs,
before any of vodops runs: what a command that parses and validates cannot go below. Prints the
median wall time and the median CPU time (user + system of the child, which other load on a
shared machine disturbs less than wall time); asserts nothing (machines are noisy).

It measures start-up, not compilation: the environment may set PYTHONDONTWRITEBYTECODE (then a
fresh process recompiles every module it imports, about a second for vodops, on every run), so
every command first runs once with bytecode writing on into a temporary pycache prefix
(PYTHONPYCACHEPREFIX), and the measured runs read their bytecode from there; bare Python gets
the same prefix. An installed (non-editable) package is compiled by pip at install time; an
editable install or a source checkout is not, so its first run pays the compilation.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUICKSTART = Path(__file__).resolve().parent.parent / "examples" / "quickstart"
GOAL_MS = 150.0
FLOOR = "import click, yaml, pydantic\nclass M(pydantic.BaseModel):\n    x: int = 0\nM(x=1)"
FLOOR_NAME = "floor: click+yaml+pydantic model"


def _completion(words: str) -> dict[str, str]:
    return {"_VODOPS_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()))}


def _cases(directory: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    vodops = [sys.executable, "-m", "vodops"]
    return {
        "python -c pass": ([sys.executable, "-c", "pass"], {}),
        FLOOR_NAME: ([sys.executable, "-c", FLOOR], {"PYDANTIC_DISABLE_PLUGINS": "__all__"}),  # as the CLI
        "vodops --help": ([*vodops, "--help"], {}),
        "vodops validate quickstart": ([*vodops, "validate", str(directory)], {}),
        "vodops plan quickstart (steady)": ([*vodops, "plan", str(directory)], {}),
        "TAB: vodops plan --only <TAB>": (vodops, _completion("vodops plan --only ")),
        "TAB: vodops plan --target <TAB>": (vodops, _completion("vodops plan --target ")),
        "TAB: vodops <TAB>": (vodops, _completion("vodops ")),
    }


def _median_ms(command: list[str], extra: dict[str, str], cwd: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `runs` fresh processes, after one run that writes the
    bytecode of every module the command imports (into the PYTHONPYCACHEPREFIX of `extra`)."""
    env = {**os.environ, **extra}
    compiling = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, env=compiling, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        wall.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(shutil.copytree(QUICKSTART, Path(scratch) / "quickstart"))
        apply = [sys.executable, "-m", "vodops", "apply", str(directory), "--yes"]
        subprocess.run(apply, cwd=directory, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        prefix = {"PYTHONPYCACHEPREFIX": str(Path(scratch) / "pycache")}
        measured = {
            name: _median_ms(command, {**prefix, **extra}, directory, runs)
            for name, (command, extra) in _cases(directory).items()
        }
    bare, bare_cpu = measured.pop("python -c pass")
    print(f"median of {runs} runs; bare Python (python -c pass): {bare:.0f} ms wall, {bare_cpu:.0f} ms CPU")
    print(
        f"{'command':<34} {'wall':>6} {'above':>6} {'x bare':>7} {'CPU':>6} {'above':>6} {'x bare':>7}  goal"
    )
    for name, (ms, cpu) in measured.items():
        print(
            f"{name:<34} {ms:6.0f} {ms - bare:6.0f} {ms / bare:7.2f} {cpu:6.0f} {cpu - bare_cpu:6.0f} "
            f"{cpu / bare_cpu:7.2f}  {_verdict(name, min(ms - bare, cpu - bare_cpu))}"
        )


def _verdict(name: str, above_ms: float) -> str:
    """The goal column: the floor is a reference, and a plan's latency has its own benchmark."""
    if name == FLOOR_NAME:
        return "reference"
    if name.startswith("vodops plan"):
        return "no goal of its own (benchmarks/plan_latency.py)"
    return f"{'ok' if above_ms < GOAL_MS else 'over'} (< {GOAL_MS:.0f} ms above)"


if __name__ == "__main__":
    main()
