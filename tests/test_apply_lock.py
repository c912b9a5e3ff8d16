"""Concurrent applies never leave duplicates: the apply lock, held in the account itself.

Applies race as threads and as processes, against the embedded emulator (several processes over
one SQLite file) and against `vodops emulator serve`; after every trial each declared name exists
once, no lock ticket is left, and the next plan is empty. A holder that died is recovered from
(on the server's clock), a live one is named with the time it took the lock, `vodops unlock`
breaks a lock at once, and tickets never show up in plans or exports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, SECRET, SECRET_ID, Vodops
from tests.emulator.conftest import Clock
from tests.emulator.test_serve import served
from tests.helpers import custom, live_api
from vodops.apply.lock import LEASE, LOCK_NAME, ApplyLock, LockError
from vodops.cli import main
from vodops.cloud.vod import VodApi
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, Knobs, serve_in_thread
from vodops.resources import KINDS
from vodops.settings import load_settings
from vodops.targets import TargetChoice, connect, resolve_target

TRIALS = 3
RACERS = 3
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
    "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY,
}


def _copy(tmp_path: Path, name: str, endpoint: str | None = None) -> Path:
    directory = Path(shutil.copytree(EXAMPLES / "quickstart", tmp_path / name))
    if endpoint:
        (directory / "vodops.yaml").write_text(
            f"defaultTarget: emu\ntargets:\n  emu: {{endpoint: '{endpoint}'}}\n"
        )
    return directory


@contextmanager
def _api(directory: Path) -> Iterator[VodApi]:
    target = resolve_target(load_settings(directory), TargetChoice())
    with connect(target, directory) as api:
        yield api


def _assert_converged(directory: Path) -> None:
    with _api(directory) as api:
        for kind in (k for k in KINDS if api.serves(k)):
            names = Counter(item.get("Name") or item.get("ClassName") for item in custom(api, kind))
            duplicates = {name: n for name, n in names.items() if n > 1}
            assert duplicates == {}, f"{kind} duplicates: {duplicates}"
        assert [t for t in api.list("WatermarkTemplate") if t["Name"] == LOCK_NAME] == []
    assert main(["plan", str(directory), "--detailed-exitcode"]) == 0


def _race_threads(directory: Path) -> list[int]:
    args = ["apply", str(directory), "--yes", "--parallelism", "4"]
    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(lambda _: main(args), range(RACERS)))


def _race_processes(directory: Path) -> list[int]:
    command = [sys.executable, "-m", "vodops", "apply", str(directory), "--yes", "--parallelism", "4"]
    racers = [
        subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)
    ]
    return [racer.wait(timeout=120) for racer in racers]


def test_threads_on_the_embedded_emulator(tmp_path: Path, cloud_keys: None) -> None:
    for trial in range(TRIALS):
        directory = _copy(tmp_path, f"trial{trial}")
        assert _race_threads(directory) == [0] * RACERS
        _assert_converged(directory)


def test_threads_on_a_served_emulator(
    tmp_path: Path, endpoint: str, emulator: Emulator, cloud_keys: None
) -> None:
    for trial in range(TRIALS):
        emulator.reset()
        directory = _copy(tmp_path, f"trial{trial}", endpoint)
        assert _race_threads(directory) == [0] * RACERS
        _assert_converged(directory)


def test_processes_on_the_embedded_emulator(tmp_path: Path) -> None:
    for trial in range(2):
        directory = _copy(tmp_path, f"trial{trial}")
        assert _race_processes(directory) == [0, 0]
        _assert_converged(directory)


def test_processes_on_vodops_emulator_serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
    for trial in range(2):
        with served() as url:
            directory = _copy(tmp_path, f"trial{trial}", url)
            assert _race_processes(directory) == [0, 0]
            _assert_converged(directory)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(clock: Clock, tmp_path: Path, cloud_keys: None) -> Iterator[tuple[Path, Emulator]]:
    """The quickstart against a served emulator whose clock the test moves."""
    emulator = Emulator(clock=clock, credentials={DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY, SECRET_ID: SECRET})
    with serve_in_thread(emulator) as url:
        yield _copy(tmp_path, "qs", url), emulator
    emulator.close()


def _since(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _hold(directory: Path, holder: str) -> ApplyLock:
    """Take the lock as another apply would, and keep it (its renewals never come: it 'died')."""
    with _api(directory) as api:
        lock = ApplyLock(api, wait=0, notify=lambda _: None, holder=holder)
        lock._acquire()
    return lock


def test_a_live_holder_is_named_and_nothing_changes(
    vodops: Vodops, timed: tuple[Path, Emulator], clock: Clock
) -> None:
    directory, emulator = timed
    _hold(directory, "ci-runner-7")
    before = emulator.snapshot()
    refused = vodops("apply", directory, "--yes", "--lock-timeout", "0")
    assert refused.code == 1
    since = _since(clock.now)
    assert (
        f"Error: another apply holds the lock of this target: ci-runner-7, since {since} "
        f"(watermark template 'vodops-lock', id 1000001). Wait for it, or if it died, run `vodops unlock`"
    ) in refused.err
    assert emulator.snapshot()["resources"] == before["resources"]
    assert "vodops-lock" not in vodops("plan", directory).out  # a ticket is not configuration
    exported = directory.parent / "exported"
    assert vodops("export", directory, "--out", exported).code == 0
    assert "vodops-lock" not in "".join(p.read_text() for p in exported.glob("*.yaml"))


def test_a_dead_holder_is_broken_after_the_lease(
    vodops: Vodops, timed: tuple[Path, Emulator], clock: Clock
) -> None:
    directory, _ = timed
    _hold(directory, "ci-runner-7")
    clock.advance(LEASE - 1)
    assert vodops("apply", directory, "--yes", "--lock-timeout", "0").code == 1  # not yet
    clock.advance(2)
    applied = vodops("apply", directory, "--yes", "--lock-timeout", "0")
    assert applied.code == 0, applied.text
    assert f"broke the apply lock of ci-runner-7 (since {_since(clock.now - LEASE - 1)})" in applied.err
    _assert_converged(directory)


def test_a_waiting_apply_says_whom_it_waits_for(vodops: Vodops, timed: tuple[Path, Emulator]) -> None:
    directory, _ = timed
    _hold(directory, "ci-runner-7")
    refused = vodops("apply", directory, "--yes", "--lock-timeout", "0.3")
    assert "waiting for the apply lock held by ci-runner-7 since" in refused.err
    assert refused.code == 1


def test_unlock_breaks_a_lock(vodops: Vodops, timed: tuple[Path, Emulator]) -> None:
    directory, _ = timed
    _hold(directory, "ci-runner-7")
    broken = vodops("unlock", directory)
    assert broken.code == 0
    assert "removed the apply lock of ci-runner-7, held since" in broken.out
    assert vodops("unlock", directory).out == "no apply lock is held on target 'emu'\n"
    assert vodops("apply", directory, "--yes", "--lock-timeout", "0").code == 0
    _assert_converged(directory)


def test_the_embedded_emulator_is_locked_too(vodops: Vodops, quickstart: Path) -> None:
    with live_api(quickstart) as api:
        ApplyLock(api, wait=0, notify=lambda _: None, holder="laptop")._acquire()
    refused = vodops("apply", quickstart, "--yes", "--lock-timeout", "0")
    assert "another apply holds the lock of this target: laptop" in refused.err
    with live_api(quickstart) as api:
        assert custom(api, "TranscodeTemplate") == []


def test_a_renewed_lock_outlives_the_lease_and_a_broken_one_is_reported(
    timed: tuple[Path, Emulator], clock: Clock
) -> None:
    directory, emulator = timed
    said: list[str] = []

    def renewals() -> int:
        return sum(1 for call in emulator.calls if call.action == "ModifyWatermarkTemplate")

    with _api(directory) as api:
        holder = ApplyLock(api, wait=0, notify=said.append, holder="long-apply", renew_every=0.02)
        with holder.held():
            for _ in range(2):  # two leases pass on the server (signatures allow 300 s), renewed
                renewed = renewals()
                clock.advance(LEASE)
                while renewals() <= renewed + 1:
                    time.sleep(0.01)
                contender = ApplyLock(api, wait=0, notify=said.append, holder="other")
                with pytest.raises(
                    LockError, match="another apply holds the lock of this target: long-apply"
                ):
                    contender._acquire()
            assert main(["unlock", str(directory)]) == 0
            while not holder.lost:
                time.sleep(0.01)
        assert said == [
            "the apply lock was broken while this apply ran; run plan to see where the account stands"
        ]


def test_an_apply_that_fails_taking_the_lock_leaves_no_ticket(
    vodops: Vodops, timed: tuple[Path, Emulator]
) -> None:
    """The ticket is made, then listing the tickets fails (as when Ctrl-C arrives there): the
    ticket is withdrawn, so the next apply does not wait out a lease for a holder that never was."""
    directory, emulator = timed
    emulator.set_knobs(Knobs(fault_rate=1.0, faults=("internal",), fault_actions=("DescribeWatermark*",)))
    failed = vodops("apply", directory, "--yes", "--lock-timeout", "0")
    assert failed.code == 1
    assert "InternalError" in failed.err
    emulator.set_knobs(Knobs())
    with _api(directory) as api:
        assert [t for t in api.list("WatermarkTemplate") if t["Name"] == LOCK_NAME] == []
        assert custom(api, "TranscodeTemplate") == []
    assert vodops("apply", directory, "--yes", "--lock-timeout", "0").code == 0
    _assert_converged(directory)


@pytest.mark.usefixtures("cloud_keys")
def test_apply_reads_the_account_once_and_only_holding_the_lock(
    vodops: Vodops, quickstart: Path, emulator: Emulator, endpoint: str
) -> None:
    """A plan reads the account while the manifests become the desired state; an apply must not
    plan from what it read before it held the lock, and reads nothing twice."""
    assert vodops("apply", quickstart, "--endpoint", endpoint, "--yes").code == 0
    actions = [call.action for call in emulator.calls]
    taken = actions.index("CreateWatermarkTemplate")  # the lock's ticket, before any object
    assert actions.count("DescribeAllClass") == 1, actions
    assert taken < actions.index("DescribeAllClass") < actions.index("CreateClass"), actions


@pytest.mark.usefixtures("cloud_keys")
def test_a_saved_plan_is_derived_again_holding_the_lock(
    vodops: Vodops, quickstart: Path, emulator: Emulator, endpoint: str, tmp_path: Path
) -> None:
    saved = tmp_path / "plan.json"
    assert vodops("plan", quickstart, "--endpoint", endpoint, "--out", saved).code == 0
    planned = len(emulator.calls)
    assert vodops("apply", quickstart, "--endpoint", endpoint, "--plan", saved, "--yes").code == 0
    actions = [call.action for call in emulator.calls[planned:]]
    reads = [index for index, action in enumerate(actions) if action == "DescribeAllClass"]
    taken = actions.index("CreateWatermarkTemplate")
    assert len(reads) == 2 and reads[0] < taken < reads[1], actions  # once before the lock, once holding it
