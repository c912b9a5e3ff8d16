"""The emulator against Tencent's definition of the API (tccli's api.json and examples.json).

Every action the emulator implements is compared member by member: what a request may carry
(with its type, list-ness, required-ness and documented enumeration values), and what replies
carry (members marked always returned, their types, null only where allowed), over a corpus of
minimal and maximal objects of every kind; then Tencent's examples are replayed. The only
differences allowed are the deliberate ones in EXCEPTIONS, each explained in the README.
"""

from __future__ import annotations

from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.emulator.definitions import API, Checks, Example, compare_reply, compare_request, examples
from tests.emulator.reply_corpus import build_corpus
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY
from vodops.emulator.backend import ACTIONS

# Deliberate differences, explained in the README ("How faithful the emulator is").
EXCEPTIONS = {
    # Tencent's own examples send SampleRate 200, which api.json's allowed values do not list.
    "example CreateTranscodeTemplate '创建转码模板': refused with InvalidParameterValue.AudioSampleRate",
    "example ModifyTranscodeTemplate '修改转码模板': refused with InvalidParameterValue.AudioSampleRate",
    # ... and flac audio at 1024 and 1000 kbps in an HLS ladder (documented: AAC, 26-256 kbps).
    "example CreateAdaptiveDynamicStreamingTemplate '创建转自适应码流模板': "
    "refused with InvalidParameterValue.AudioBitrate",
    "example ModifyAdaptiveDynamicStreamingTemplate '修改转自适应码流模板': "
    "refused with InvalidParameterValue.AudioBitrate",
    # ... and a Switch "NO" (documented: ON or OFF).
    "example CreateAIAnalysisTemplate '创建开启全部内容分析任务的模板': "
    "refused with InvalidParameterValue.Switch",
    # The example's domain `example.com` is not in the application's domain list (which the
    # emulator does not manage: each application has its own vod2.myqcloud.com domain only).
    "example ModifyDefaultDistributionConfig '修改默认分发配置': "
    "refused with InvalidParameterValue.DomainName",
}
# api.json types these SubAppIds string and int64; every other action, and the SDK's users, send
# the same uint64 application id, so the emulator takes one type everywhere.
REQUEST_EXCEPTIONS = {
    "CreateReviewTemplate.SubAppId: type string, emulator uint",
    "DescribeReviewTemplates.SubAppId: type int64, emulator uint",
}
# Errors that show a replayed request was understood: it names an object this account lacks.
_NOT_FOUND = (
    "ResourceNotFound",
    "InvalidParameter.ProcedureNameNotExist",
    "FailedOperation.ClassNoFound",
    "InvalidParameterValue.VodSessionKey",  # an upload session this account never opened
    "InvalidParameterValue.TaskId",  # a task this account never started
)
_EXAMPLE_APPS = (1, 123456, 221094, 1400000001)  # the SubAppIds Tencent's examples use


def test_every_request_member_matches_api_json() -> None:
    checks = Checks()
    for action, known in sorted(ACTIONS.items()):
        compare_request(checks, known.request, API["actions"][action]["input"], action)
    assert sorted(checks.mismatches) == sorted(REQUEST_EXCEPTIONS)
    print(f"{checks.count} request checks")
    assert checks.count >= 5700, checks.count


def test_every_reply_member_matches_api_json(api: Any) -> None:
    checks = Checks()
    for action, replies in sorted(build_corpus(api).items()):
        compare_reply(checks, API["actions"][action]["output"], replies, action)
    assert checks.mismatches == []
    print(f"{checks.count} reply checks")
    assert checks.count >= 900, checks.count


def test_tencents_examples_replay(api: Any, emulator: Any, endpoint: str) -> None:
    get = _get_client(endpoint)
    checks = Checks()
    for example in examples(sorted(ACTIONS)):
        _fresh_account(emulator, api, example)
        _replay(checks, example, api, get)
    assert sorted(checks.mismatches) == sorted(EXCEPTIONS)
    assert checks.count >= 140, checks.count


def test_the_default_procedure_is_tencents_example(api: Any) -> None:
    example = next(e for e in examples(["DescribeProcedureTemplates"]) if e.params == {"SubAppId": 221094})
    [default] = example.reply["ProcedureTemplateSet"]
    assert api("DescribeProcedureTemplates", Names=["default"])["ProcedureTemplateSet"] == [default]


def _fresh_account(emulator: Any, api: Any, example: Example) -> None:
    """A fresh account for each example, with the apps the examples name, class 1 in each (the
    ModifyClass and DeleteClass examples name it), and the procedure a Reset or Delete names."""
    emulator.reset()
    emulator.add_sub_apps(_EXAMPLE_APPS)
    for app in (0, *_EXAMPLE_APPS):
        api("CreateClass", ParentId=-1, ClassName="一级分类", SubAppId=app)
    if example.action in ("ResetProcedureTemplate", "DeleteProcedureTemplate"):
        api("CreateProcedureTemplate", Name=dict(example.params)["Name"])


def _get_client(endpoint: str) -> CommonClient:
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint, reqMethod="GET"))
    cred = credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    return CommonClient("vod", "2018-07-17", cred, "ap-guangzhou", profile)  # uploads need one


def _replay(checks: Checks, example: Example, api: Any, get: CommonClient) -> None:
    where = f"example {example.action} {example.title!r}"
    try:
        if isinstance(example.params, dict):
            reply = api(example.action, **example.params)
        else:
            reply = get.call_json(example.action, dict(example.params))["Response"]
    except TencentCloudSDKException as error:
        code = str(error.get_code())
        checks.expect(code.startswith(_NOT_FOUND), where, f"refused with {code}")
        return
    for key, value in example.reply.items():
        checks.expect(key in reply, where, f"reply lacks {key}")
        if isinstance(value, list) and value and isinstance(value[0], dict) and reply.get(key):
            missing = set(value[0]) - set(reply[key][0])
            checks.expect(not missing, where, f"{key} items lack {sorted(missing)}")
