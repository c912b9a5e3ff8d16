"""Drift and applies of whole environments (examples/environments) against a served emulator, as
an on-call engineer meets them: settings changed in the console are reported as managed settings
(they carry no marker, so never as written by an old vodops), with no invented change time; an
application renamed in the console is found by its declaration's previous name and renamed back;
a saved plan that creates an application made since is refused as stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Vodops
from tests.test_environments import Console
from vodops.emulator import Emulator

pytestmark = pytest.mark.usefixtures("cloud_keys")
PROD = 1500000001  # the account starts empty: prod is its first application
SETTING_NOTE = (
    "differs from the manifests: an application setting keeps no record of what vodops applied, "
    "so a console change cannot be told from a manifest change"
)


@pytest.fixture
def prod(vodops: Vodops, tmp_path: Path, endpoint: str) -> Path:
    """The environments example with its prod application brought up."""
    copy = shutil.copytree(EXAMPLES / "environments", tmp_path / "environments")
    applied = vodops("apply", copy, "--target", "prod", "--endpoint", endpoint, "--yes")
    assert applied.code == 0, applied.text
    return copy


def _drift(vodops: Vodops, directory: Path, endpoint: str, *options: str) -> tuple[int, str]:
    found = vodops("drift", directory, "--target", "prod", "--endpoint", endpoint, *options)
    assert found.code in (0, 2), found.text
    return found.code, found.out


def test_settings_changed_in_the_console_are_managed_settings_not_unrecorded(
    vodops: Vodops, prod: Path, endpoint: str
) -> None:
    assert _drift(vodops, prod, endpoint) == (
        0,
        "Target: prod, subAppId 1500000001, stack 'media-platform'\n"
        "No drift: the live account is what vodops last made it.\n",
    )
    console = Console(endpoint)
    console("ModifyEventConfig", SubAppId=PROD, NotificationUrl="https://console.example/hook")
    console("ModifySubAppIdInfo", SubAppId=PROD, Description="edited by hand")
    code, text = _drift(vodops, prod, endpoint)
    assert code == 2
    assert "Drift: 2 objects (2 setting)." in text
    assert "unrecorded" not in text and "kept no record" not in text
    assert (
        f"setting SubApplication 'prod-media' (id {PROD})\n    {SETTING_NOTE}\n"
        "    description: Production VOD -> edited by hand\n\n"
        f"setting EventConfig 'prod-media' (id {PROD})\n    {SETTING_NOTE}\n"
        "    notificationUrl: https://media.example.com/vod/events -> https://console.example/hook\n"
    ) in text  # no change time: DescribeSubAppIds has only the CreateTime, which is not when it changed
    document = json.loads(_drift(vodops, prod, endpoint, "--format", "json")[1])
    assert [(d["cause"], d["kind"], d["changedAt"]) for d in document["drifted"]] == [
        ("setting", "SubApplication", None),
        ("setting", "EventConfig", None),
    ]
    applied = vodops("apply", prod, "--target", "prod", "--endpoint", endpoint, "--yes")
    assert applied.code == 0, applied.text
    assert _drift(vodops, prod, endpoint)[0] == 0


def test_an_application_renamed_in_the_console_is_renamed_back_by_its_previous_name(
    vodops: Vodops, prod: Path, endpoint: str, emulator: Emulator
) -> None:
    console = Console(endpoint)
    console("ModifySubAppIdInfo", SubAppId=PROD, Name="prod-by-hand")
    planned = vodops("plan", prod, "--target", "prod", "--endpoint", endpoint)
    assert "+ create SubApplication 'prod-media'" in planned.out  # without a hint: a new application
    assert "(if it was renamed, list its name in its SubApplication's metadata.previousNames" in planned.out
    applications = prod / "applications.yaml"
    applications.write_text(
        applications.read_text().replace(
            "metadata: {name: prod-media}", "metadata: {name: prod-media, previousNames: [prod-by-hand]}"
        )
    )
    planned = vodops("plan", prod, "--target", "prod", "--endpoint", endpoint)
    assert planned.out.startswith(
        "Target: prod, subAppId 1500000001, stack 'media-platform'\nPlan: 1 to update.\n\n"
        "~ update SubApplication 'prod-media'\n    metadata.name: prod-by-hand -> prod-media\n"
    ), planned.out
    assert _drift(vodops, prod, endpoint)[0] == 0  # a rename the manifests ask for is not drift
    assert vodops("apply", prod, "--target", "prod", "--endpoint", endpoint, "--yes").code == 0
    [app] = console("DescribeSubAppIds")["SubAppIdInfoSet"]
    assert (app["SubAppId"], app["Name"], app["Description"]) == (PROD, "prod-media", "Production VOD")
    assert vodops("plan", prod, "--target", "prod", "--endpoint", endpoint, "--detailed-exitcode").code == 0


def test_a_previous_name_two_applications_share_is_refused_and_nothing_changes(
    vodops: Vodops, prod: Path, endpoint: str, emulator: Emulator
) -> None:
    console = Console(endpoint)
    console("ModifySubAppIdInfo", SubAppId=PROD, Name="media")
    other = console("CreateSubAppId", Name="media")["SubAppId"]
    applications = prod / "applications.yaml"
    applications.write_text(
        applications.read_text().replace(
            "metadata: {name: prod-media}", "metadata: {name: prod-media, previousNames: [media]}"
        )
    )
    before = emulator.snapshot()
    refused = vodops("apply", prod, "--target", "prod", "--endpoint", endpoint, "--yes")
    assert refused.code == 1
    assert (
        f"Error: several applications are named 'media' (SubAppIds {PROD}, {other}): "
        "name the target's by subAppId"
    ) in refused.err
    assert emulator.snapshot() == before


def test_a_saved_plan_that_creates_an_application_made_since_is_stale(
    vodops: Vodops, tmp_path: Path, endpoint: str, emulator: Emulator
) -> None:
    copy = shutil.copytree(EXAMPLES / "environments", tmp_path / "environments")
    where = ("--target", "prod", "--endpoint", endpoint)
    saved = tmp_path / "plan.json"
    assert vodops("plan", copy, *where, "--out", saved).code == 0
    assert vodops("apply", copy, *where, "--yes").code == 0  # another apply makes the application first
    before = emulator.snapshot()
    refused = vodops("apply", copy, *where, "--plan", saved, "--yes")
    assert refused.code == 1
    assert refused.err == (
        f"the application 'prod-media' this plan creates exists now (SubAppId {PROD}): the plan was "
        "applied, or another apply made it\n"
        "1 problem: the account changed since the plan was made; nothing was changed. Plan again\n"
    )
    assert emulator.snapshot() == before
