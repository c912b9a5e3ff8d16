"""A SubApplication's create-time fields (CreateSubAppId's Type, Mode, StorageRegion and Tags,
api.json 2018-07-17): sent when vodops creates the application, compared where DescribeSubAppIds
shows them (Mode, the opened StorageRegions, Tags; not Type), and, since ModifySubAppIdInfo cannot
change them and vodops never deletes an application, a change to one is refused at plan time,
changing nothing. The official SDK reads what the CLI made."""

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
from tests.helpers import document, write
from vodops.emulator import Emulator

pytestmark = pytest.mark.usefixtures("cloud_keys")
TAGS = [{"tagKey": "team", "tagValue": "media"}, {"tagKey": "env", "tagValue": "prod"}]
CREATED = {
    "description": "Production VOD",
    "type": "Professional",
    "mode": "fileid+path",
    "storageRegion": "ap-singapore",
    "tags": TAGS,
}
FIXED = (
    "{project}/applications.yaml:{line}:3: SubApplication 'prod-media': {field} is fixed at creation "
    "(ModifySubAppIdInfo cannot change it, and vodops never deletes an application): "
    "it has {had}, the manifest says {says}"
)


def _described(endpoint: str) -> dict[str, Any]:
    """The application prod-media as the official SDK lists it."""
    profile = ClientProfile(
        httpProfile=HttpProfile(protocol="http", endpoint=endpoint.removeprefix("http://"))
    )
    sdk = CommonClient("vod", "2018-07-17", credential.Credential(SECRET_ID, SECRET), "", profile)
    [app] = sdk.call_json("DescribeSubAppIds", {"Name": "prod-media"})["Response"]["SubAppIdInfoSet"]
    found: dict[str, Any] = app
    return found


def _project(directory: Path, endpoint: str, spec: dict[str, Any]) -> Path:
    write(directory, "vodops.yaml", {"targets": {"prod": {"subApp": "prod-media", "endpoint": endpoint}}})
    write(directory, "applications.yaml", document("SubApplication", "prod-media", spec))
    return directory


def _run(vodops: Vodops, verb: str, directory: Path, *options: str) -> tuple[int, str, str]:
    done = vodops(verb, directory, "--target", "prod", *options)
    return done.code, done.out, done.err


@pytest.fixture
def created(vodops: Vodops, tmp_path: Path, endpoint: str) -> Path:
    """prod-media created by `vodops apply` with every create-time field."""
    project = _project(tmp_path / "project", endpoint, CREATED)
    code, out, _ = _run(vodops, "plan", project)
    assert code == 0
    for line in (
        "type: Professional",
        "mode: fileid+path",
        "storageRegion: ap-singapore",
        "tags[1].tagKey: env",
    ):
        assert f"    {line}\n" in out
    code, out, err = _run(vodops, "apply", project, "--yes")
    assert code == 0, err
    assert "+ create SubApplication 'prod-media': done (SubAppId 1500000001)" in out
    return project


def test_the_create_time_fields_are_sent_on_creation_and_the_second_plan_is_empty(
    vodops: Vodops, created: Path, endpoint: str
) -> None:
    app = _described(endpoint)
    assert (app["Mode"], app["StorageRegions"]) == ("fileid+path", ["ap-singapore"])
    assert app["Tags"] == [{"TagKey": "team", "TagValue": "media"}, {"TagKey": "env", "TagValue": "prod"}]
    assert _run(vodops, "plan", created, "--detailed-exitcode")[:2] == (
        0,
        "Target: prod, subAppId 1500000001, stack 'default'\n"
        "No changes: the live account matches the manifests.\n",
    )
    # Tags in another order are the same tags; the description is still modifiable beside them.
    _project(created, endpoint, {**CREATED, "tags": TAGS[::-1], "description": "Prod"})
    code, out, err = _run(vodops, "apply", created, "--yes")
    assert code == 0, err
    assert "~ update SubApplication 'prod-media': done" in out and "tags" not in out
    assert _described(endpoint)["Description"] == "Prod"
    assert _run(vodops, "plan", created, "--detailed-exitcode")[0] == 0


def test_fields_not_declared_are_not_compared(vodops: Vodops, created: Path, endpoint: str) -> None:
    _project(created, endpoint, {"description": "Production VOD"})
    assert _run(vodops, "plan", created, "--detailed-exitcode")[0] == 0


@pytest.mark.parametrize(
    "changed, line, had, says",  # line: where the manifest writes the field (the error points there)
    [
        ({"mode": "fileid"}, 8, "'fileid+path'", "'fileid'"),
        ({"storageRegion": "ap-tokyo"}, 9, "'ap-singapore'", "'ap-tokyo'"),
        (
            {"tags": [{"tagKey": "team", "tagValue": "video"}]},
            10,
            str(TAGS),
            "[{'tagKey': 'team', 'tagValue': 'video'}]",
        ),
    ],
    ids=["mode", "storageRegion", "tags"],
)
def test_a_changed_create_time_field_is_refused_and_nothing_changes(
    vodops: Vodops,
    created: Path,
    endpoint: str,
    emulator: Emulator,
    changed: dict[str, Any],
    line: int,
    had: str,
    says: str,
) -> None:
    _project(created, endpoint, {**CREATED, **changed, "description": "changed too"})
    before = emulator.snapshot()["resources"]
    field = next(iter(changed))
    for verb, *options in (("plan",), ("apply", "--yes")):
        code, _, err = _run(vodops, verb, created, *options)
        assert (code, err) == (
            1,
            FIXED.format(project=created, line=line, field=field, had=had, says=says)
            + "\n1 problem: cannot plan; nothing was changed\n",
        )
    assert emulator.snapshot()["resources"] == before  # only the apply lock's ticket came and went


def test_a_declared_type_is_not_compared_after_creation(vodops: Vodops, created: Path, endpoint: str) -> None:
    """SubAppIdInfo has no Type: what the manifest declares cannot be checked after creation."""
    _project(created, endpoint, {**CREATED, "type": "AllInOne"})
    assert _run(vodops, "plan", created, "--detailed-exitcode")[0] == 0


def test_export_writes_the_fields_describe_shows_and_plans_empty(
    vodops: Vodops, created: Path, tmp_path: Path, endpoint: str
) -> None:
    exported = tmp_path / "exported"
    write(exported, "vodops.yaml", yaml.safe_load((created / "vodops.yaml").read_text()))
    assert _run(vodops, "export", exported, "--kind", "SubApplication")[0] == 0
    [app] = [d for d in yaml.safe_load_all((exported / "sub-applications.yaml").read_text()) if d]
    assert app["spec"] == {k: v for k, v in CREATED.items() if k != "type"}
    assert _run(vodops, "plan", exported, "--detailed-exitcode")[0] == 0


@pytest.mark.parametrize(
    "spec, problem",
    [
        ({"type": "Basic"}, "x.yaml:6:3: spec.type: must be one of 'AllInOne', 'Professional' (got 'Basic')"),
        ({"mode": "path"}, "x.yaml:6:3: spec.mode: must be one of 'fileid', 'fileid+path' (got 'path')"),
        ({"mode": "fileid+path"}, "x.yaml:5:1: spec: storageRegion is required when mode is fileid+path"),
        ({"storageRegion": "mars-1"}, "x.yaml:6:3: spec.storageRegion: must be one of 'ap-chongqing', "),
        ({"tags": [{"tagKey": "team"}]}, "x.yaml:7:5: spec.tags[0].tagValue: is required"),
        (
            {"tags": [{"tagKey": "env", "tagValue": "a"}, {"tagKey": "env", "tagValue": "b"}]},
            "x.yaml:9:5: spec.tags[1].tagKey: tag key 'env' is listed twice (first at index 0): "
            "a key takes one value",
        ),
    ],
    ids=["type", "mode", "mode-without-region", "storageRegion", "tag-without-value", "tag-key-twice"],
)
def test_bad_values_are_refused_by_validate_and_plan_sends_nothing(
    vodops: Vodops, tmp_path: Path, endpoint: str, emulator: Emulator, spec: dict[str, Any], problem: str
) -> None:
    project = tmp_path / "bad"
    write(project, "vodops.yaml", {"targets": {"prod": {"subApp": "x", "endpoint": endpoint}}})
    write(project, "x.yaml", document("SubApplication", "x", spec))
    before = emulator.snapshot()
    validated = vodops("validate", project)
    assert validated.code == 1 and validated.err.startswith(f"{project}/{problem}"), validated.err
    assert validated.err.endswith("1 problem: the manifests are invalid; nothing was sent to the API\n")
    assert _run(vodops, "apply", project, "--yes")[0] == 1
    assert emulator.snapshot() == before
