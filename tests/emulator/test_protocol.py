"""The wire protocol: signatures, the envelope, HTTP status and content type, the call log."""

from __future__ import annotations

import threading

import httpx
import pytest

from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Call, Emulator, open_emulator


def test_the_official_sdk_is_answered(api):
    reply = api("DescribeAllClass")
    assert reply["ClassInfoSet"][0]["ClassId"] == 0
    assert len(reply["RequestId"]) == 36


def test_a_wrong_secret_key_fails_the_signature(api_as):
    wrong = api_as(DEFAULT_SECRET_ID, "not-the-key")
    assert wrong.code("DescribeAllClass") == "AuthFailure.SignatureFailure"


def test_an_unknown_secret_id_is_not_found(api_as):
    stranger = api_as("AKIDsomeoneElse", DEFAULT_SECRET_KEY)
    assert stranger.code("DescribeAllClass") == "AuthFailure.SecretIdNotFound"


def test_a_timestamp_more_than_five_minutes_off_has_expired(api, clock):
    clock.advance(310)  # margins: the SDK stamps its own real time, a second may tick over
    assert api.code("DescribeAllClass") == "AuthFailure.SignatureExpire"
    clock.advance(-620)
    assert api.code("DescribeAllClass") == "AuthFailure.SignatureExpire"


def test_a_timestamp_within_five_minutes_is_accepted(api, clock):
    clock.advance(290)
    assert "ClassInfoSet" in api("DescribeAllClass")


def test_other_credentials_can_be_configured(clock, sign):
    emu = Emulator(clock=clock, credentials={"AKIDteam": "team-key"})
    transport = httpx.WSGITransport(app=emu)
    with httpx.Client(transport=transport, base_url="http://vod.emulator.local") as client:

        def describe(**credentials: str) -> dict:
            headers = sign("DescribeAllClass", b"{}", "vod.emulator.local", **credentials)
            return client.post("/", content=b"{}", headers=headers).json()["Response"]

        assert "ClassInfoSet" in describe(secret_id="AKIDteam", secret_key="team-key")
        assert describe()["Error"]["Code"] == "AuthFailure.SecretIdNotFound"
    emu.close()


def test_a_session_token_is_accepted(api_as):
    with_token = api_as(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, token="temporary-token")
    assert "ClassInfoSet" in with_token("DescribeAllClass")


def test_an_unsigned_payload_is_honoured(api_as):
    unsigned = api_as(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, unsigned_payload=True)
    assert unsigned("CreateClass", ParentId=-1, ClassName="unsigned")["ClassId"] == 1


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer abc",
        "TC3-HMAC-SHA256 Credential=AKID/2024-01-01/vod/tc3_request, SignedHeaders=content-type;host",
        "TC3-HMAC-SHA256 Credential=AKID/2024-01-01/vod/tc3_request, SignedHeaders=host, Signature="
        + "0" * 64,
    ],
)
def test_a_missing_or_garbled_authorization_is_invalid(in_process, sign, authorization):
    headers = sign("DescribeAllClass", b"{}", "vod.emulator.local")
    if authorization is None:
        del headers["Authorization"]
    else:
        headers["Authorization"] = authorization
    reply = in_process.post("/", content=b"{}", headers=headers)
    assert reply.json()["Response"]["Error"]["Code"] == "AuthFailure.InvalidAuthorization"


def test_a_tampered_body_fails_the_signature(in_process, sign):
    headers = sign("CreateClass", b'{"ParentId": -1, "ClassName": "a"}', "vod.emulator.local")
    reply = in_process.post("/", content=b'{"ParentId": -1, "ClassName": "b"}', headers=headers)
    assert reply.json()["Response"]["Error"]["Code"] == "AuthFailure.SignatureFailure"


def test_errors_are_http_200_with_exactly_application_json(base_url):
    reply = httpx.post(
        base_url + "/",
        content=b"{}",
        headers={"X-TC-Action": "DescribeAllClass", "X-TC-Version": "2018-07-17"},
    )
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/json"
    response = reply.json()["Response"]
    assert response["Error"]["Code"] == "AuthFailure.InvalidAuthorization"
    assert response["Error"]["Message"]
    assert len(response["RequestId"]) == 36


def test_success_is_http_200_with_exactly_application_json_in_process(in_process, sign):
    reply = in_process.post("/", content=b"{}", headers=sign("DescribeAllClass", b"{}", "vod.emulator.local"))
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json()["Response"]["ClassInfoSet"][0]["Name"] == "SystemDefault"


def test_an_unknown_action_is_invalid(api):
    assert api.code("DescribeMediaLibraries") == "InvalidAction"


def test_another_version_does_not_exist(in_process, sign):
    headers = sign("DescribeAllClass", b"{}", "vod.emulator.local", version="2017-01-01")
    reply = in_process.post("/", content=b"{}", headers=headers)
    assert reply.json()["Response"]["Error"]["Code"] == "NoSuchVersion"


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"{not json", b'{"Limit": NaN}'])
def test_a_body_that_is_not_a_json_object_is_invalid(in_process, sign, body):
    headers = sign("DescribeWatermarkTemplates", body, "vod.emulator.local")
    reply = in_process.post("/", content=body, headers=headers)
    assert reply.json()["Response"]["Error"]["Code"] == "InvalidParameter"


def test_a_missing_action_header_is_a_missing_parameter(in_process, sign):
    headers = sign("DescribeAllClass", b"{}", "vod.emulator.local")
    del headers["X-TC-Action"]
    reply = in_process.post("/", content=b"{}", headers=headers)
    assert reply.json()["Response"]["Error"]["Code"] == "MissingParameter"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_methods_other_than_post_and_get_are_unsupported(in_process, method):
    reply = in_process.request(method, "/")
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json()["Response"]["Error"]["Code"] == "UnsupportedProtocol"


def test_the_call_log_records_every_answer_in_order(api, emulator):
    emulator.add_sub_apps([7])
    api("CreateClass", ParentId=-1, ClassName="a", SubAppId=7)
    api.fails("CreateClass", ParentId=-1, ClassName="a", SubAppId=7)
    api.fails("NoSuchThing")
    assert emulator.calls == [
        Call("CreateClass", 7, None),
        Call("CreateClass", 7, "FailedOperation.ClassNameDuplicate"),
        Call("NoSuchThing", 0, "InvalidAction"),
    ]


def test_concurrent_creates_get_distinct_ids(api):
    results: list[int] = []

    def create(i: int) -> None:
        results.append(api("CreateClass", ParentId=-1, ClassName=f"c{i}")["ClassId"])

    threads = [threading.Thread(target=create, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 13))


def test_open_emulator_closes_the_database(db_file, clock):
    with open_emulator(db_file, clock=clock) as emu:
        assert isinstance(emu, Emulator)
    assert db_file.exists()


def test_replies_are_utf8_json(api):
    api("CreateClass", ParentId=-1, ClassName="纪录片")
    names = [c["Name"] for c in api("DescribeAllClass")["ClassInfoSet"]]
    assert names == ["SystemDefault", "纪录片"]
