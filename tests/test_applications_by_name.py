"""Targets that name their application (`subApp: NAME`): found with DescribeSubAppIds, and refused,
changing nothing, when the account has no such application, or several."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.conftest import SECRET, SECRET_ID, Vodops
from vodops.emulator import Emulator


def _sdk(endpoint: str) -> CommonClient:
    """The official SDK, as the console would change the account."""
    profile = ClientProfile(
        httpProfile=HttpProfile(protocol="http", endpoint=endpoint.removeprefix("http://"))
    )
    return CommonClient("vod", "2018-07-17", credential.Credential(SECRET_ID, SECRET), "", profile)


def _call(sdk: CommonClient, action: str, **params: Any) -> dict[str, Any]:
    answer: dict[str, Any] = sdk.call_json(action, params)["Response"]
    return answer


def _targets(directory: Path, endpoint: str, **target: Any) -> None:
    settings = {"targets": {"staging": {"endpoint": endpoint, **target}}}
    (directory / "vodops.yaml").write_text(yaml.safe_dump(settings))


def _applied_to_staging(vodops: Vodops, directory: Path, endpoint: str, *where: str) -> None:
    """Applications prod-media and staging-media made in the console; the quick start applied with
    `where` naming staging-media goes there, and only there."""
    sdk = _sdk(endpoint)
    _call(sdk, "CreateSubAppId", Name="prod-media")
    staging = _call(sdk, "CreateSubAppId", Name="staging-media")["SubAppId"]
    applied = vodops("apply", directory, *where, "--yes")
    assert applied.code == 0, applied.text
    listed = _call(sdk, "DescribeTranscodeTemplates", Type="Custom", SubAppId=staging)
    assert {t["Name"] for t in listed["TranscodeTemplateSet"]} == {
        "hls-480p",
        "hls-720p",
        "hls-1080p",
        "mp4-download",
    }
    assert _call(sdk, "DescribeTranscodeTemplates", Type="Custom")["TotalCount"] == 0  # not the default app
    again = vodops("plan", directory, *where, "--detailed-exitcode")
    assert again.code == 0, again.text
    assert again.out.splitlines()[0].endswith(f", subAppId {staging}, stack 'default'")  # the one it chose


@pytest.mark.usefixtures("cloud_keys")
def test_a_target_names_its_application_and_everything_goes_there(
    vodops: Vodops, quickstart: Path, endpoint: str
) -> None:
    _targets(quickstart, endpoint, subApp="staging-media")
    _applied_to_staging(vodops, quickstart, endpoint, "--target", "staging")


@pytest.mark.usefixtures("cloud_keys")
def test_a_name_the_account_lacks_is_refused_and_nothing_changes(
    vodops: Vodops, quickstart: Path, endpoint: str, emulator: Emulator
) -> None:
    _targets(quickstart, endpoint, subApp="staging-media")
    before = emulator.snapshot()
    for command, *options in (("plan",), ("apply", "--yes")):
        refused = vodops(command, quickstart, "--target", "staging", *options)
        assert refused.code == 1
        assert refused.err == (
            f"Error: {quickstart / 'vodops.yaml'}:4:5: targets.staging.subApp: the account has no "
            "application named 'staging-media', and no SubApplication of that name is declared: declare one "
            "for apply to create it, or correct the name\n"
        )
    # export and unlock read no manifests: they cannot say whether one declares it
    (quickstart / "app.yaml").write_text(
        "apiVersion: vodops/v1\nkind: SubApplication\nmetadata: {name: staging-media}\n", encoding="utf-8"
    )
    for command, *options in (("export", "--out", str(quickstart / "out")), ("unlock",)):
        refused = vodops(command, quickstart, "--target", "staging", *options)
        assert refused.code == 1
        assert refused.err == (
            f"Error: {quickstart / 'vodops.yaml'}:4:5: targets.staging.subApp: the account has no "
            "application named 'staging-media' yet: if the manifests declare it, `vodops apply` creates it\n"
        )
        assert "no SubApplication of that name is declared" not in refused.err
    assert emulator.snapshot() == before


@pytest.mark.usefixtures("cloud_keys")
def test_a_name_two_applications_share_is_refused_listing_their_ids(
    vodops: Vodops, quickstart: Path, endpoint: str, emulator: Emulator
) -> None:
    sdk = _sdk(endpoint)
    first = _call(sdk, "CreateSubAppId", Name="media")["SubAppId"]
    second = _call(sdk, "CreateSubAppId", Name="media")["SubAppId"]
    _targets(quickstart, endpoint, subApp="media")
    before = emulator.snapshot()
    refused = vodops("apply", quickstart, "--target", "staging", "--yes")
    assert refused.code == 1
    assert refused.err.splitlines()[-1] == (
        f"Error: {quickstart / 'vodops.yaml'}:4:5: targets.staging.subApp: several applications are named "
        f"'media' (SubAppIds {first}, {second}): name the target's by subAppId"
    )
    assert emulator.snapshot() == before


def test_a_target_gives_its_application_by_id_or_by_name_not_both(vodops: Vodops, quickstart: Path) -> None:
    _targets(quickstart, "http://127.0.0.1:9", subApp="staging-media", subAppId=1500000001)
    refused = vodops("validate", quickstart)
    assert refused.code == 1
    assert "targets.staging: give subAppId or subApp, not both (one application per target)" in refused.err


@pytest.mark.usefixtures("cloud_keys")
def test_sub_app_on_the_command_line_names_the_application_for_every_verb(
    vodops: Vodops, quickstart: Path, endpoint: str
) -> None:
    """`--sub-app NAME` (or VODOPS_SUB_APP) overrides the target's application, with no vodops.yaml."""
    where = ("--endpoint", endpoint, "--sub-app", "staging-media")
    _applied_to_staging(vodops, quickstart, endpoint, *where)
    assert vodops("drift", quickstart, *where).code == 0
    exported = vodops("export", quickstart / "out", *where)
    assert exported.code == 0, exported.text
    assert "exported 4 TranscodeTemplate" in exported.out
    unlocked = vodops("unlock", quickstart, *where)
    host = endpoint.removeprefix("http://")
    assert unlocked.out == f"no apply lock is held on target '{host}'\n", unlocked.text


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize(
    "options, message",
    [
        (
            ("--sub-app", "staging-media", "--sub-app-id", "1500000001"),
            "Error: give the application by id (--sub-app-id) or by name (--sub-app), not both",
        ),
        (("--sub-app", ""), "an application's name has 1 to 40 characters (got 0)"),
        (("--sub-app", "a" * 41), "an application's name has 1 to 40 characters (got 41)"),
        (
            ("--sub-app", "nowhere"),
            "Error: --sub-app (VODOPS_SUB_APP): the account has no application named 'nowhere', and no "
            "SubApplication of that name is declared: declare one for apply to create it, or correct the "
            "name",
        ),
    ],
)
def test_a_bad_sub_app_option_is_refused_and_nothing_changes(
    vodops: Vodops,
    quickstart: Path,
    endpoint: str,
    emulator: Emulator,
    options: tuple[str, ...],
    message: str,
) -> None:
    before = emulator.snapshot()
    refused = vodops("apply", quickstart, "--endpoint", endpoint, "--yes", *options)
    assert refused.code == 1
    assert message in refused.err, refused.err
    assert emulator.snapshot() == before
