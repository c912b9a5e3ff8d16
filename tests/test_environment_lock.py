"""Applies that bring up the same new application at once (examples/environments, a served
emulator whose account starts empty): the application is created once, everything in it once, no
lock ticket is left in the account or the application, and the next plan is empty. The lock of
creating applications is not the default application's own, is named when held, and `vodops
unlock` of a target naming its application breaks it."""

from __future__ import annotations

import shutil
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Vodops
from tests.test_environments import Console
from vodops.apply.lock import CREATION_LOCK_NAME, LOCK_NAME, ApplyLock
from vodops.apply.run import Consent
from vodops.cli import main
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.retry import CallRecord
from vodops.emulator import Emulator
from vodops.session import open_session
from vodops.targets import Target, TargetChoice, connect

pytestmark = pytest.mark.usefixtures("cloud_keys")
RACERS = 3


def _prod(endpoint: str) -> tuple[str, ...]:
    return ("--target", "prod", "--endpoint", endpoint)


def _race(directory: Path, endpoint: str) -> list[int]:
    args = ["apply", str(directory), *_prod(endpoint), "--yes"]
    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(lambda _: main(args), range(RACERS)))


def _names(console: Console, action: str, key: str, app: int | None) -> Counter[str]:
    where = {} if app is None else {"SubAppId": app}
    custom = {"Type": "Custom"} if "Watermark" not in action else {}  # watermarks have no presets
    listed = console(action, **custom, **where)[key]
    return Counter(str(item["Name"]) for item in listed)


def test_bootstraps_racing_create_the_application_and_its_contents_once(
    tmp_path: Path, endpoint: str, emulator: Emulator
) -> None:
    console = Console(endpoint)
    for trial in range(2):
        emulator.reset()
        directory = shutil.copytree(EXAMPLES / "environments", tmp_path / f"trial{trial}")
        assert _race(directory, endpoint) == [0] * RACERS
        apps = console("DescribeSubAppIds")["SubAppIdInfoSet"]
        assert [app["Name"] for app in apps] == ["prod-media"]
        app = int(apps[0]["SubAppId"])
        assert _names(console, "DescribeTranscodeTemplates", "TranscodeTemplateSet", app) == Counter(
            {"hls-720p": 1, "mp4-download": 1}
        )
        watermarks = ("DescribeWatermarkTemplates", "WatermarkTemplateSet")
        assert _names(console, *watermarks, app) == Counter({"brand": 1})
        assert _names(console, *watermarks, None) == Counter()  # no lock ticket left in the account
        assert console("DescribeProcedureTemplates", Type="Custom", SubAppId=app)["TotalCount"] == 1
        plan = ["plan", str(directory), "--target", "prod", "--endpoint", endpoint, "--detailed-exitcode"]
        assert main(plan) == 0


def _hold(endpoint: str, name: str, sub_app_id: int | None = None) -> ApplyLock:
    """Take a lock in the application `sub_app_id` (the default one) as another apply would."""
    target = Target("held", Endpoint.parse(endpoint), sub_app_id=sub_app_id)
    with connect(target, Path(".")) as api:
        lock = ApplyLock(api, wait=0, notify=lambda _: None, holder="ci-runner-7", name=name)
        lock._acquire()
    return lock


def test_the_default_applications_lock_does_not_hold_up_a_bootstrap(
    vodops: Vodops, tmp_path: Path, endpoint: str
) -> None:
    directory = shutil.copytree(EXAMPLES / "environments", tmp_path / "environments")
    _hold(endpoint, LOCK_NAME)  # an apply to the account's default application is running
    applied = vodops("apply", directory, *_prod(endpoint), "--yes", "--lock-timeout", "0")
    assert applied.code == 0, applied.text


def test_a_held_creation_lock_is_named_and_unlock_breaks_it(
    vodops: Vodops, tmp_path: Path, endpoint: str, emulator: Emulator
) -> None:
    directory = shutil.copytree(EXAMPLES / "environments", tmp_path / "environments")
    assert vodops("apply", directory, *_prod(endpoint), "--yes").code == 0
    _hold(endpoint, CREATION_LOCK_NAME)
    before = emulator.snapshot()
    refused = vodops("apply", directory, *_prod(endpoint), "--yes", "--lock-timeout", "0")
    assert refused.code == 1
    assert "Error: another apply holds the lock of this target: ci-runner-7, since " in refused.err
    assert f"(watermark template '{CREATION_LOCK_NAME}', id " in refused.err
    assert emulator.snapshot()["resources"] == before["resources"]  # its own ticket came and went
    broken = vodops("unlock", directory, *_prod(endpoint))
    assert broken.code == 0, broken.text
    assert broken.out.startswith("removed the apply lock of ci-runner-7, held since "), broken.out
    again = vodops("apply", directory, *_prod(endpoint), "--yes", "--lock-timeout", "0")
    assert again.code == 0, again.text


def test_an_apply_that_finds_its_new_application_locked_changes_nothing_more(
    tmp_path: Path, endpoint: str
) -> None:
    """Another apply (of a project that does not declare the application, so it takes only the
    application's own lock) locks the application the moment CreateSubAppId answers: the creator
    stops there, saying so, and sets nothing in it."""
    directory = shutil.copytree(EXAMPLES / "environments", tmp_path / "environments")
    console = Console(endpoint)
    taken: list[ApplyLock] = []

    def lock_it_first(record: CallRecord) -> None:
        if record.action == "CreateSubAppId" and record.outcome == "ok" and not taken:
            [app] = console("DescribeSubAppIds")["SubAppIdInfoSet"]
            taken.append(_hold(endpoint, LOCK_NAME, int(app["SubAppId"])))

    choice = TargetChoice(name="prod", endpoint=endpoint)
    with open_session(directory, choice, lock_it_first) as session, session.locked(0, lambda _: None):
        outcome = session.apply(session.plan(), consent=Consent(), progress=lambda *_: None)
    [(change, error)] = outcome.failed
    assert (change.address, outcome.done) == ("SubApplication/prod-media", [])
    assert str(error) == (
        "it was created (SubAppId 1500000001), but another apply took its lock first and is filling it: "
        "nothing else was changed; run `vodops plan` once it is done"
    )
    assert len(outcome.not_attempted) == 9
    [app] = console("DescribeSubAppIds")["SubAppIdInfoSet"]
    assert console("DescribeEventConfig", SubAppId=app["SubAppId"])["NotificationUrl"] == ""  # not set
    watermarks = ("DescribeWatermarkTemplates", "WatermarkTemplateSet")
    assert _names(console, *watermarks, app["SubAppId"]) == Counter({LOCK_NAME: 1})  # the other's ticket
    assert _names(console, *watermarks, None) == Counter()  # the lock of creating it was let go
