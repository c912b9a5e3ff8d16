"""GET requests: the official SDK with HttpProfile(reqMethod="GET"), and Tencent's GET examples."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.vod.v20180717 import models, vod_client

from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY


def _profile(endpoint: str) -> ClientProfile:
    return ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint, reqMethod="GET"))


@pytest.fixture
def get(endpoint: str) -> Any:
    """Sends an action as GET through the SDK's CommonClient; answers the Response object."""
    cred = credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    client = CommonClient("vod", "2018-07-17", cred, "", _profile(endpoint))

    def call(action: str, **params: Any) -> dict[str, Any]:
        response: dict[str, Any] = client.call_json(action, params)["Response"]
        return response

    return call


def test_the_typed_sdk_client_works_over_get(endpoint, api):
    client = vod_client.VodClient(
        credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY), "", _profile(endpoint)
    )
    request = models.CreateTranscodeTemplateRequest()
    request.from_json_string(
        json.dumps(
            {
                "Container": "mp4",
                "Name": "over-get",
                "VideoTemplate": {"Codec": "libx264", "Fps": 25, "Bitrate": 1800, "Height": 720},
                "AudioTemplate": {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100},
            }
        )
    )
    definition = client.CreateTranscodeTemplate(request).Definition
    (shown,) = api("DescribeTranscodeTemplates", Definitions=[definition])["TranscodeTemplateSet"]
    assert (shown["Name"], shown["VideoTemplate"]["Height"], shown["AudioTemplate"]["SampleRate"]) == (
        "over-get",
        720,
        44100,
    )


def test_nested_lists_and_numbers_arrive_as_a_post_would_send_them(get, api):
    media = {
        "TranscodeTaskSet": [
            {"Definition": 220, "WatermarkSet": [{"Definition": 7, "StartTimeOffset": 1.5}]},
            {"Definition": 230},
        ],
        "AnimatedGraphicTaskSet": [{"Definition": 20000, "StartTimeOffset": 0, "EndTimeOffset": 5}],
    }
    get("CreateProcedureTemplate", Name="flow", MediaProcessTask=media, SubAppId=0)
    via_get = get("DescribeProcedureTemplates", Names=["flow"])["ProcedureTemplateSet"]
    via_post = api("DescribeProcedureTemplates", Names=["flow"])["ProcedureTemplateSet"]
    assert via_get == via_post
    tasks = via_post[0]["MediaProcessTask"]["TranscodeTaskSet"]
    assert [t["Definition"] for t in tasks] == [220, 230]
    assert tasks[0]["WatermarkSet"][0]["StartTimeOffset"] == 1.5


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"Definitions": ["ten"]}, "InvalidParameter"),
        ({"Limit": 101}, "InvalidParameterValue.Limit"),
        ({"Colour": "red"}, "UnknownParameter"),
    ],
)
def test_bad_get_parameters_answer_as_a_post_would(get, api, params, code):
    with pytest.raises(TencentCloudSDKException) as caught:
        get("DescribeTranscodeTemplates", **params)
    assert caught.value.get_code() == code == api.code("DescribeTranscodeTemplates", **params)
