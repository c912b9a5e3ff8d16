"""Applications and their application-wide settings through the official SDK: sub-applications
(CreateSubAppId, DescribeSubAppIds, ModifySubAppIdInfo, ModifySubAppIdStatus), event and default
distribution configs, storage regions and player configs. Each refusal has its exact code and
changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

APP = 1500000001
HLS = {"AdaptiveDynamicStreamingDefinition": 10}


def test_applications_are_created_listed_renamed_and_switched(api):
    assert api("CreateSubAppId", Name="staging", Description="pre-prod")["SubAppId"] == APP
    api("CreateSubAppId", Name="prod", StorageRegion="ap-guangzhou")
    api("ModifySubAppIdInfo", SubAppId=APP, Description="before prod")
    api("ModifySubAppIdStatus", SubAppId=APP, Status="Off")

    [staging] = api.typed("DescribeSubAppIds", Name="staging")["SubAppIdInfoSet"]
    assert {k: staging[k] for k in ("SubAppId", "SubAppIdName", "Name", "Description", "Status", "Mode")} == {
        "SubAppId": APP, "SubAppIdName": "staging", "Name": "staging", "Description": "before prod",
        "Status": "Off", "Mode": "fileid",
    }  # fmt: skip
    assert staging["StorageRegions"] == ["ap-chongqing"]
    listed = api("DescribeSubAppIds", Limit=1, Offset=1)
    assert listed["TotalCount"] == 2
    assert [(a["Name"], a["StorageRegions"]) for a in listed["SubAppIdInfoSet"]] == [
        ("prod", ["ap-guangzhou"])
    ]
    # An application turned Off is still served through the API.
    api("DescribeEventConfig", SubAppId=APP)


def test_an_application_keeps_its_create_time_mode_region_and_tags(api):
    """CreateSubAppId's Type, Mode, StorageRegion and Tags (api.json): SubAppIdInfo shows the Mode,
    the opened StorageRegions and the Tags; it has no Type member, so the Type is not shown."""
    tags = [{"TagKey": "team", "TagValue": "media"}, {"TagKey": "env", "TagValue": "prod"}]
    app = api("CreateSubAppId", Name="prod", Type="Professional", Mode="fileid+path",
              StorageRegion="ap-singapore", Tags=tags)["SubAppId"]  # fmt: skip
    api("CreateSubAppId", Name="dev", Type="AllInOne")
    [prod] = api.typed("DescribeSubAppIds", Tags=[tags[1]])["SubAppIdInfoSet"]
    assert (prod["SubAppId"], prod["Mode"], prod["StorageRegions"], prod["Tags"]) == (
        app,
        "fileid+path",
        ["ap-singapore"],
        tags,
    )
    assert "Type" not in prod
    [dev] = api.typed("DescribeSubAppIds", Name="dev")["SubAppIdInfoSet"]
    assert (dev["Mode"], dev["StorageRegions"], dev["Tags"]) == ("fileid", ["ap-chongqing"], [])
    regions = api("DescribeStorageRegions", SubAppId=app)["StorageRegionInfos"]
    assert [r["Region"] for r in regions if r["IsDefault"]] == ["ap-singapore"]


def test_settings_start_at_their_defaults_and_keep_what_a_modify_leaves_out(api):
    app = api("CreateSubAppId", Name="staging")["SubAppId"]
    shown = api.typed("DescribeEventConfig", SubAppId=app)
    assert {k: v for k, v in shown.items() if k != "RequestId"} == {
        "Mode": "PUSH", "NotificationUrl": "", "UploadMediaCompleteEventSwitch": "OFF",
        "DeleteMediaCompleteEventSwitch": "OFF", "PersistenceCompleteEventSwitch": "OFF",
    }  # fmt: skip
    api("ModifyEventConfig", SubAppId=app, NotificationUrl="https://hooks.example/vod", SignKey="s3cret")
    api("ModifyEventConfig", SubAppId=app, UploadMediaCompleteEventSwitch="ON")
    events = api("DescribeEventConfig", SubAppId=app)
    assert (events["NotificationUrl"], events["UploadMediaCompleteEventSwitch"]) == (
        "https://hooks.example/vod",
        "ON",
    )
    assert "SignKey" not in events and "s3cret" not in str(events)
    api("ModifyEventConfig", SubAppId=app, NotificationUrl="")
    assert api("DescribeEventConfig", SubAppId=app)["NotificationUrl"] == ""
    assert api("DescribeEventConfig")["UploadMediaCompleteEventSwitch"] == "OFF"  # one per application

    domain = f"{app}.vod2.myqcloud.com"
    api("ModifyDefaultDistributionConfig", SubAppId=app, Scheme="HTTPS", Domain="")
    shown = api("DescribeDefaultDistributionConfig", SubAppId=app)
    assert (shown["Domain"], shown["DomainName"], shown["Scheme"]) == (domain, domain, "HTTPS")
    assert 8 <= len(shown["PlayKey"]) <= 20 and shown["PlayKey"].isalnum()


def test_storage_regions_open_and_the_default_moves_among_the_opened(api):
    def regions() -> dict[str, tuple[str, bool]]:
        return {
            r["Region"]: (r["Status"], r["IsDefault"])
            for r in api("DescribeStorageRegions")["StorageRegionInfos"]
        }

    assert regions()["ap-chongqing"] == ("opened", True)
    assert regions()["ap-singapore"] == ("unopened", False)
    api("CreateStorageRegion", StorageRegion="ap-singapore")
    api("CreateStorageRegion", StorageRegion="ap-singapore")  # opening an opened region changes nothing
    api("ModifyDefaultStorageRegion", StorageRegion="ap-singapore")
    assert (regions()["ap-chongqing"], regions()["ap-singapore"]) == (("opened", False), ("opened", True))


def test_player_configs_are_named_modified_member_by_member_and_deleted(api):
    api("CreateSuperPlayerConfig", Name="web", **HLS, ImageSpriteDefinition=10, Comment="site")
    api("ModifySuperPlayerConfig", Name="web", DrmSwitch="ON", DrmStreamingsInfo={"WidevineDefinition": 12})
    [web] = api.typed("DescribeSuperPlayerConfigs", Names=["web"])["PlayerConfigSet"]
    assert (web["Type"], web["DrmSwitch"], web["AdaptiveDynamicStreamingDefinition"]) == ("Custom", "ON", 10)
    assert web["DrmStreamingsInfo"] == {
        "SimpleAesDefinition": 0,
        "WidevineDefinition": 12,
        "FairPlayDefinition": 0,
    }
    assert (web["Domain"], web["Scheme"], web["Comment"]) == ("Default", "Default", "site")
    assert [r["MinEdgeLength"] for r in web["ResolutionNameSet"]] == [240, 480, 720, 1080, 1440, 2160, 4320]
    assert [p["Name"] for p in api("DescribeSuperPlayerConfigs")["PlayerConfigSet"]] == ["default", "web"]
    api("DeleteSuperPlayerConfig", Name="web")
    assert api("DescribeSuperPlayerConfigs", Type="Custom")["TotalCount"] == 0


REFUSALS: list[tuple[str, dict[str, Any], str, str]] = [
    ("CreateSubAppId", {"Name": "x", "StorageRegion": "mars-1"}, "InvalidParameterValue", "not a storage"),
    ("CreateSubAppId", {"Name": "x", "Type": "Basic"}, "InvalidParameterValue", "AllInOne, Professional"),
    ("CreateSubAppId", {"Name": "x", "Mode": "path"}, "InvalidParameterValue", "fileid, fileid+path"),
    ("CreateSubAppId", {"Name": "x", "Mode": "fileid+path"}, "MissingParameter", "StorageRegion is required"),
    ("CreateSubAppId", {"Name": "x", "Tags": [{"TagKey": "team"}]}, "MissingParameter", "`Tags.0.TagValue`"),
    (
        "CreateSubAppId",
        {"Name": "x", "Description": "d" * 301},
        "InvalidParameterValue.Description",
        "at most 300",
    ),
    ("DescribeSubAppIds", {"Limit": 201}, "InvalidParameterValue.Limit", "[0, 200]"),
    (
        "ModifySubAppIdInfo",
        {"SubAppId": 0, "Name": "x"},
        "InvalidParameterValue.SubAppId",
        "default application",
    ),
    ("ModifySubAppIdInfo", {"Name": "x"}, "MissingParameter", "`SubAppId`"),
    ("ModifySubAppIdInfo", {"SubAppId": 1500009999}, "FailedOperation.InvalidVodUser", "not an application"),
    (
        "ModifySubAppIdStatus",
        {"SubAppId": APP, "Status": "Destroying"},
        "InvalidParameterValue",
        "On, Off, Destroyed",
    ),
    ("ModifyEventConfig", {"Mode": "POLL"}, "InvalidParameter", "PUSH, PULL"),
    ("ModifyEventConfig", {"NotificationUrl": "ftp://x"}, "InvalidParameter", "http://"),
    ("ModifyEventConfig", {"SignKey": "not allowed!"}, "InvalidParameter", "letters and digits"),
    (
        "ModifyDefaultDistributionConfig",
        {"Domain": "example.com"},
        "InvalidParameterValue.DomainName",
        "not a domain",
    ),
    ("ModifyDefaultDistributionConfig", {"Scheme": "FTP"}, "InvalidParameterValue.Scheme", "HTTP, HTTPS"),
    ("ModifyDefaultDistributionConfig", {"PlayKey": "short"}, "InvalidParameterValue", "8 to 20"),
    (
        "CreateStorageRegion",
        {"StorageRegion": "mars-1"},
        "InvalidParameterValue.StorageRegion",
        "not a storage",
    ),
    (
        "ModifyDefaultStorageRegion",
        {"StorageRegion": "ap-tokyo"},
        "ResourceNotFound",
        "CreateStorageRegion first",
    ),
    ("CreateSuperPlayerConfig", {"Name": "web", **HLS}, "InvalidParameterValue", "already exists"),
    ("CreateSuperPlayerConfig", {"Name": "default", **HLS}, "InvalidParameterValue", "already exists"),
    ("CreateSuperPlayerConfig", {"Name": "a b", **HLS}, "InvalidParameterValue", "letters, digits"),
    (
        "CreateSuperPlayerConfig",
        {"Name": "x"},
        "InvalidParameterValue",
        "`AdaptiveDynamicStreamingDefinition`",
    ),
    (
        "CreateSuperPlayerConfig",
        {"Name": "x", "DrmSwitch": "ON"},
        "InvalidParameterValue",
        "`DrmStreamingsInfo`",
    ),
    (
        "CreateSuperPlayerConfig",
        {"Name": "x", "AudioVideoType": "Transcode"},
        "InvalidParameterValue",
        "`TranscodeDefinition`",
    ),
    (
        "ModifySuperPlayerConfig",
        {"Name": "web", "AudioVideoType": "Transcode"},
        "InvalidParameterValue",
        "`TranscodeDefinition`",
    ),
    ("ModifySuperPlayerConfig", {"Name": "nope", "Comment": "x"}, "ResourceNotFound", "does not exist"),
    ("ModifySuperPlayerConfig", {"Name": "default", "Comment": "x"}, "FailedOperation", "system preset"),
    ("DeleteSuperPlayerConfig", {"Name": "default"}, "FailedOperation", "system preset"),
    ("DeleteSuperPlayerConfig", {"Name": "nope"}, "ResourceNotFound", "does not exist"),
]


@pytest.mark.parametrize("action, params, code, says", REFUSALS, ids=[f"{r[0]}-{r[2]}" for r in REFUSALS])
def test_refusals_have_their_code_and_change_nothing(api, emulator, action, params, code, says):
    api("CreateSubAppId", Name="staging")
    api("CreateSuperPlayerConfig", Name="web", **HLS)
    before = emulator.snapshot()
    error = api.fails(action, **params)
    assert (error.get_code(), says in error.get_message()) == (code, True), error.get_message()
    assert emulator.snapshot() == before


def test_the_player_config_quota_is_100(api, emulator):
    for n in range(100):
        api("CreateSuperPlayerConfig", Name=f"p{n}", **HLS)
    before = emulator.snapshot()
    assert api.code("CreateSuperPlayerConfig", Name="one-more", **HLS) == "LimitExceeded"
    assert emulator.snapshot() == before


def test_create_sub_app_id_is_refused_past_the_accounts_limit_of_200(api, emulator):
    """CreateSubAppId's error codes (the SDKs' list) include LimitExceeded, with no number: the
    emulator's limit is 200 applications besides the default one (one DescribeSubAppIds page).
    Applications given by the emulator's admin count; destroyed ones too."""
    emulator.add_sub_apps(range(1, 199))
    made = api.typed("CreateSubAppId", Name="199th")["SubAppId"]
    api("ModifySubAppIdStatus", SubAppId=made, Status="Destroyed")
    api("CreateSubAppId", Name="200th")
    before = emulator.snapshot()
    with pytest.raises(TencentCloudSDKException) as refused:  # the vod SDK's own client
        api.typed("CreateSubAppId", Name="201st")
    error = refused.value
    assert (error.get_code(), error.get_message()) == (
        "LimitExceeded",
        "The account has 200 applications besides the default one; the limit is 200.",
    )
    assert emulator.snapshot() == before
    assert api("DescribeSubAppIds", Name="201st")["TotalCount"] == 0
