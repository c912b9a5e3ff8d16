"""Bootstrapping whole environments (issue 14): examples/environments holds a staging and a prod
application from one set of manifests. From an empty account, `vodops apply` per target creates
each application, its settings, then everything in it; a second plan is empty; a console change
to a setting shows as an update; an export of the account plans empty (and a console-made
account exports to manifests that adopt, then plan empty). Refusals change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.conftest import EXAMPLES, SECRET, SECRET_ID, Vodops
from tests.helpers import document, write
from vodops.emulator import Emulator

pytestmark = pytest.mark.usefixtures("cloud_keys")
STAGING, PROD = 1500000001, 1500000002


class Console:
    """The official SDK, changing the account as a person in the console would."""

    def __init__(self, endpoint: str) -> None:
        profile = ClientProfile(
            httpProfile=HttpProfile(protocol="http", endpoint=endpoint.removeprefix("http://"))
        )
        self._sdk = CommonClient("vod", "2018-07-17", credential.Credential(SECRET_ID, SECRET), "", profile)

    def __call__(self, action: str, **params: Any) -> dict[str, Any]:
        answer: dict[str, Any] = self._sdk.call_json(action, params)["Response"]
        return answer


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "environments"
    shutil.copytree(EXAMPLES / "environments", copy)
    return copy


@pytest.fixture
def console(endpoint: str) -> Console:
    return Console(endpoint)


def _apply(vodops: Vodops, directory: Path, endpoint: str, target: str, *options: str) -> str:
    applied = vodops("apply", directory, "--target", target, "--endpoint", endpoint, "--yes", *options)
    assert applied.code == 0, applied.text
    return applied.out


def _plan(vodops: Vodops, directory: Path, endpoint: str, target: str) -> tuple[int, str]:
    planned = vodops("plan", directory, "--target", target, "--endpoint", endpoint, "--detailed-exitcode")
    assert planned.code in (0, 2), planned.text
    return planned.code, planned.out


def test_one_apply_per_target_brings_up_each_environment(
    vodops: Vodops, project: Path, endpoint: str, console: Console
) -> None:
    code, first = _plan(vodops, project, endpoint, "staging")
    assert code == 2
    assert "+ create SubApplication 'staging-media'" in first
    assert "notificationUrl: (known after apply) -> https://staging.example.com/vod/events" in first
    assert "application 'staging-media' does not exist yet" in first
    assert console("DescribeSubAppIds")["TotalCount"] == 0  # a plan creates nothing

    staging_out = _apply(vodops, project, endpoint, "staging")
    assert "[1/9] + create SubApplication 'staging-media': done (SubAppId 1500000001)" in staging_out
    _apply(vodops, project, endpoint, "prod")

    apps = {a["Name"]: a for a in console("DescribeSubAppIds")["SubAppIdInfoSet"]}
    assert {name: a["SubAppId"] for name, a in apps.items()} == {"staging-media": STAGING, "prod-media": PROD}
    assert apps["prod-media"]["Description"] == "Production VOD"
    assert "ap-singapore" in apps["prod-media"]["StorageRegions"]
    assert apps["prod-media"]["Tags"] == [{"TagKey": "env", "TagValue": "prod"}]  # set at creation
    for app in (STAGING, PROD):
        names = {
            t["Name"]
            for t in console("DescribeTranscodeTemplates", Type="Custom", SubAppId=app)[
                "TranscodeTemplateSet"
            ]
        }
        assert names == {"hls-720p", "mp4-download"}
        assert console("DescribeProcedureTemplates", Type="Custom", SubAppId=app)["TotalCount"] == 1
        assert console("DescribeSuperPlayerConfigs", Type="Custom", SubAppId=app)["TotalCount"] == 1
    assert (
        console("DescribeEventConfig", SubAppId=PROD)["NotificationUrl"]
        == "https://media.example.com/vod/events"
    )
    assert console("DescribeDefaultDistributionConfig", SubAppId=PROD)["Scheme"] == "HTTPS"
    assert console("DescribeDefaultDistributionConfig", SubAppId=STAGING)["Scheme"] == "HTTP"  # not declared
    assert (
        console("DescribeTranscodeTemplates", Type="Custom")["TotalCount"] == 0
    )  # the default app is untouched
    for target in ("staging", "prod"):
        assert _plan(vodops, project, endpoint, target)[0] == 0

    console("ModifyEventConfig", SubAppId=STAGING, NotificationUrl="https://console.example/hook")
    code, drift = _plan(vodops, project, endpoint, "staging")
    assert code == 2
    assert "~ update EventConfig 'staging-media' (id 1500000001)" in drift
    assert "notificationUrl: https://console.example/hook -> https://staging.example.com/vod/events" in drift
    assert "Plan: 1 to update." in drift
    assert _plan(vodops, project, endpoint, "prod")[0] == 0

    exported = project.parent / "exported"
    write(exported, "vodops.yaml", yaml.safe_load((project / "vodops.yaml").read_text()))
    done = vodops("export", exported, "--target", "prod", "--endpoint", endpoint)
    assert done.code == 0, done.text
    assert "exported 1 SubApplication" in done.out and "exported 1 EventConfig" in done.out
    assert _plan(vodops, exported, endpoint, "prod")[0] == 0


def test_a_console_made_application_exports_to_manifests_that_adopt_then_plan_empty(
    vodops: Vodops, tmp_path: Path, endpoint: str, console: Console
) -> None:
    app = console("CreateSubAppId", Name="legacy-media", Description="made by hand")["SubAppId"]
    console("ModifyEventConfig", SubAppId=app, NotificationUrl="https://hand.example/events", Mode="PUSH")
    console("CreateStorageRegion", SubAppId=app, StorageRegion="ap-tokyo")
    video = {"Codec": "libx264", "Fps": 25, "Bitrate": 1000}
    console(
        "CreateTranscodeTemplate",
        SubAppId=app,
        Name="by-hand",
        Container="mp4",
        VideoTemplate=video,
        RemoveAudio=1,
    )
    write(tmp_path, "vodops.yaml", {"targets": {"legacy": {"subApp": "legacy-media"}}})

    assert vodops("export", tmp_path, "--target", "legacy", "--endpoint", endpoint).code == 0
    code, planned = _plan(vodops, tmp_path, endpoint, "legacy")
    assert (code, planned.count("! adopt"), "Plan: 1 to adopt." in planned) == (2, 1, True), planned
    _apply(vodops, tmp_path, endpoint, "legacy", "--adopt")
    assert _plan(vodops, tmp_path, endpoint, "legacy")[0] == 0


def test_settings_of_another_application_are_left_out_and_a_misspelt_one_is_noted(
    vodops: Vodops, project: Path, endpoint: str
) -> None:
    write(project, "typo.yaml", document("EventConfig", "prod-medai", {"mode": "PULL"}))
    planned = _plan(vodops, project, endpoint, "staging")[1]
    assert "prod-media" not in planned.replace("prod-medai", "")
    assert (
        f"Note: {project / 'typo.yaml'}:4:3: EventConfig 'prod-medai' names no declared SubApplication "
        "and not this target's application ('staging-media'): left out"
    ) in planned


@pytest.mark.parametrize(
    "kind, name, spec, problem",
    [
        ("SubApplication", "staging-media", {"description": "d" * 301}, "spec.description"),
        ("SubApplication", "default", None, "'default' names the account's default application"),
        ("SubApplication", "a" * 41, None, "is 41 characters; application names can be at most 40"),
        ("EventConfig", "staging-media", {"notificationUrl": "ftp://x"}, "an http:// or https:// address"),
        ("EventConfig", "staging-media", {"mode": "POLL"}, "spec.mode"),
        ("StorageRegion", "staging-media", {"storageRegions": ["mars-1"]}, "spec.storageRegions[0]"),
        ("DefaultDistributionConfig", "staging-media", {"scheme": "FTP"}, "spec.scheme"),
    ],
)
def test_a_bad_application_declaration_is_refused_before_any_call(
    vodops: Vodops,
    project: Path,
    endpoint: str,
    emulator: Emulator,
    kind: str,
    name: str,
    spec: Any,
    problem: str,
) -> None:
    write(project, "bad.yaml", document(kind, name, spec))
    before = emulator.snapshot()
    refused = vodops("apply", project, "--target", "staging", "--endpoint", endpoint, "--yes")
    assert refused.code == 1
    assert "bad.yaml:" in refused.err and problem in refused.err, refused.err
    assert emulator.snapshot() == before
    assert emulator.calls == []


def test_a_setting_the_api_refuses_fails_with_its_code_and_changes_nothing(
    vodops: Vodops, project: Path, endpoint: str, emulator: Emulator
) -> None:
    _apply(vodops, project, endpoint, "prod")
    settings = project / "settings.yaml"
    settings.write_text(
        settings.read_text().replace("  scheme: HTTPS\n", "  scheme: HTTPS\n  domain: cdn.example.com\n")
    )
    before = emulator.snapshot()["resources"]
    refused = vodops("apply", project, "--target", "prod", "--endpoint", endpoint, "--yes")
    assert refused.code == 1
    assert "InvalidParameterValue.DomainName" in refused.text
    assert "Domain 'cdn.example.com' is not a domain of this application" in refused.text
    assert emulator.snapshot()["resources"] == before  # only the apply lock's ticket came and went
