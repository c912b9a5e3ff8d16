"""Applies that bring up the same new application at once (examples/environments, a served
emulator whose account starts empty): the application is created once, everything in it once, no
lock ticket is left in the account or the application, and the next plan is empty."""

from __future__ import annotations

import shutil
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.test_environments import Console
from vodops.cli import main
from vodops.emulator import Emulator

pytestmark = pytest.mark.usefixtures("cloud_keys")
RACERS = 3


def _race(directory: Path, endpoint: str) -> list[int]:
    args = ["apply", str(directory), "--target", "prod", "--endpoint", endpoint, "--yes"]
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
