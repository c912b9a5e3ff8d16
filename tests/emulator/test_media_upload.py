"""ApplyUpload -> COS (through the official cos-python-sdk-v5) -> CommitUpload, and what the
media file then shows through DescribeMediaInfos and its URLs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import httpx
import pytest
from qcloud_cos.cos_exception import CosServiceError

from tests.emulator.uploads import cos_client, upload
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "clip.mp4"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 1234))  # 4 parts of 1 MiB: a multipart upload
    return path


@pytest.fixture
def cover(tmp_path: Path) -> Path:
    path = tmp_path / "cover.jpg"
    path.write_bytes(JPEG)
    return path


def info(api, file_id, **params):
    return api("DescribeMediaInfos", FileIds=[file_id], **params)["MediaInfoSet"][0]


def test_a_multipart_upload_with_a_cover_becomes_a_media_file(api, clip, cover):
    committed = upload(api, clip, cover=cover, MediaName="intro", SourceContext="vodops:test")
    media = info(api, committed["FileId"])
    basic = media["BasicInfo"]
    assert (basic["Name"], basic["Type"], basic["ClassId"], basic["ClassPath"]) == ("intro", "mp4", 0, "其他")
    assert basic["SourceInfo"]["SourceType"] == "Upload"
    assert basic["SourceInfo"]["SourceContext"] == "vodops:test"
    assert basic["ExpireTime"] == "9999-12-31T23:59:59Z"
    assert media["MetaData"]["Size"] == clip.stat().st_size
    assert media["MetaData"]["Md5"] == hashlib.md5(clip.read_bytes()).hexdigest()
    assert (committed["MediaUrl"], committed["CoverUrl"]) == (basic["MediaUrl"], basic["CoverUrl"])
    assert httpx.get(basic["MediaUrl"]).content == clip.read_bytes()
    assert httpx.get(basic["CoverUrl"]).content == JPEG


def test_a_small_file_goes_up_in_one_put(api, tmp_path):
    small = tmp_path / "tiny.mp3"
    small.write_bytes(b"ID3" + os.urandom(1000))
    committed = upload(api, small)
    media = info(api, committed["FileId"], Filters=["basicInfo"])
    assert media["BasicInfo"]["Category"] == "Audio"
    assert media["MetaData"] is None  # Filters chose the blocks
    assert httpx.get(committed["MediaUrl"]).content == small.read_bytes()


def test_a_procedure_records_its_transcode_outputs(api, clip, hls_720p):
    definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    api("CreateProcedureTemplate", Name="ingest", MediaProcessTask={
        "TranscodeTaskSet": [{"Definition": definition}, {"Definition": 100030}]})  # fmt: skip
    committed = upload(api, clip, Procedure="ingest")
    outputs = info(api, committed["FileId"])["TranscodeInfo"]["TranscodeSet"]
    assert [(o["Definition"], o["Container"], o["Height"]) for o in outputs] == [
        (definition, "hls", 720), (100030, "mp4", 720)]  # fmt: skip
    assert outputs[0]["Url"].endswith(f".f{definition}.m3u8")
    assert api.typed("DescribeMediaInfos", FileIds=[committed["FileId"]])["MediaInfoSet"]


def test_an_interrupted_multipart_upload_resumes(api, clip):
    applied = api("ApplyUpload", MediaType="mp4")
    client = cos_client(api.endpoint, applied)
    bucket, key = applied["StorageBucket"], applied["MediaStoragePath"][1:]
    upload_id = client.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    first = clip.read_bytes()[: 1024 * 1024]
    client.upload_part(Bucket=bucket, Key=key, Body=first, PartNumber=1, UploadId=upload_id)

    client.upload_file(Bucket=bucket, Key=key, LocalFilePath=str(clip), PartSize=1)

    assert "Upload" not in client.list_multipart_uploads(Bucket=bucket, Prefix=key)
    committed = api("CommitUpload", VodSessionKey=applied["VodSessionKey"])
    assert httpx.get(committed["MediaUrl"]).content == clip.read_bytes()


def test_a_listed_upload_shows_its_parts(api):
    applied = api("ApplyUpload", MediaType="mp4")
    client = cos_client(api.endpoint, applied)
    bucket, key = applied["StorageBucket"], applied["MediaStoragePath"][1:]
    upload_id = client.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    for number, body in ((2, b"b" * 10), (1, b"a" * 20)):
        client.upload_part(Bucket=bucket, Key=key, Body=body, PartNumber=number, UploadId=upload_id)
    listed = client.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
    assert [(p["PartNumber"], p["Size"], p["ETag"]) for p in listed["Part"]] == [
        ("1", "20", f'"{hashlib.md5(b"a" * 20).hexdigest()}"'),
        ("2", "10", f'"{hashlib.md5(b"b" * 10).hexdigest()}"'),
    ]
    assert listed["IsTruncated"] == "false"


def nothing_stored(api):
    return api("SearchMedia")["TotalCount"] == 0


def test_commit_before_the_upload_is_refused(api):
    applied = api("ApplyUpload", MediaType="mp4")
    assert api.code("CommitUpload", VodSessionKey=applied["VodSessionKey"]) == "FailedOperation"
    assert nothing_stored(api)


def test_a_session_commits_once(api, tmp_path):
    small = tmp_path / "a.mp4"
    small.write_bytes(b"x" * 100)
    applied = api("ApplyUpload", MediaType="mp4")
    cos_client(api.endpoint, applied).put_object(
        Bucket=applied["StorageBucket"], Key=applied["MediaStoragePath"][1:], Body=small.read_bytes()
    )
    api("CommitUpload", VodSessionKey=applied["VodSessionKey"])
    assert (
        api.code("CommitUpload", VodSessionKey=applied["VodSessionKey"])
        == "InvalidParameterValue.VodSessionKey"
    )
    assert api("SearchMedia")["TotalCount"] == 1


def test_a_session_belongs_to_its_app(api, emulator):
    emulator.add_sub_apps([7])
    applied = api("ApplyUpload", MediaType="mp4", SubAppId=7)
    code = api.code("CommitUpload", VodSessionKey=applied["VodSessionKey"])
    assert code == "InvalidParameterValue.VodSessionKey"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"MediaType": "mp4", "ClassId": 99}, "InvalidParameterValue.ClassId"),
        ({"MediaType": "mp4", "Procedure": "nope"}, "InvalidParameterValue.Procedure"),
        ({"MediaType": "m p4"}, "InvalidParameterValue.MediaType"),
        ({"MediaType": "mp4", "CoverType": ""}, "InvalidParameterValue.CoverType"),
        ({"MediaType": "mp4", "ExpireTime": "tomorrow"}, "InvalidParameterValue.ExpireTime"),
        ({"MediaType": "mp4", "SourceContext": "x" * 251}, "InvalidParameterValue.SourceContext"),
        ({"MediaType": "mp4", "MediaStoragePath": "no-slash"}, "InvalidParameterValue.MediaStoragePath"),
        ({}, "MissingParameter"),
    ],
)
def test_bad_apply_upload_requests_are_refused(api, params, code):
    assert api.code("ApplyUpload", **params) == code
    assert nothing_stored(api)


def test_uploads_need_the_region_of_their_access_point(api, api_as):
    nowhere = api_as(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, region="")
    failed = nowhere.fails("ApplyUpload", MediaType="mp4")
    assert (failed.get_code(), failed.get_message()) == (
        "MissingParameter",
        "The request is missing a required parameter `Region`.",
    )
    assert nothing_stored(api)
    applied = api("ApplyUpload", MediaType="mp4")
    assert nowhere.code("CommitUpload", VodSessionKey=applied["VodSessionKey"]) == "MissingParameter"
    assert nowhere("SearchMedia")["TotalCount"] == 0  # the other actions take no Region


def test_cos_refuses_a_bad_signature(api):
    applied = api("ApplyUpload", MediaType="mp4")
    applied["TempCertificate"]["SecretKey"] = "wrong"
    client = cos_client(api.endpoint, applied)
    with pytest.raises(CosServiceError) as caught:
        client.put_object(Bucket=applied["StorageBucket"], Key=applied["MediaStoragePath"][1:], Body=b"x")
    assert (caught.value.get_status_code(), caught.value.get_error_code()) == (403, "SignatureDoesNotMatch")
    assert api.code("CommitUpload", VodSessionKey=applied["VodSessionKey"]) == "FailedOperation"


def test_cos_refuses_keys_outside_the_session(api):
    applied = api("ApplyUpload", MediaType="mp4")
    client = cos_client(api.endpoint, applied)
    with pytest.raises(CosServiceError) as caught:
        client.put_object(Bucket=applied["StorageBucket"], Key="elsewhere.mp4", Body=b"x")
    assert (caught.value.get_status_code(), caught.value.get_error_code()) == (403, "AccessDenied")


def test_a_committed_session_credential_no_longer_writes(api, tmp_path):
    applied = api("ApplyUpload", MediaType="mp4")
    client = cos_client(api.endpoint, applied)
    key = applied["MediaStoragePath"][1:]
    client.put_object(Bucket=applied["StorageBucket"], Key=key, Body=b"x")
    api("CommitUpload", VodSessionKey=applied["VodSessionKey"])
    with pytest.raises(CosServiceError) as caught:
        client.put_object(Bucket=applied["StorageBucket"], Key=key, Body=b"y")
    assert caught.value.get_error_code() == "InvalidAccessKeyId"


def test_a_class_holding_media_cannot_be_deleted(api, tmp_path):
    small = tmp_path / "a.mp4"
    small.write_bytes(b"x" * 100)
    class_id = api("CreateClass", ParentId=-1, ClassName="Promos")["ClassId"]
    committed = upload(api, small, ClassId=class_id)
    assert info(api, committed["FileId"])["BasicInfo"]["ClassPath"] == "Promos"
    assert api.code("DeleteClass", ClassId=class_id) == "UnsupportedOperation.ClassNotEmpty"
    api("DeleteMedia", FileId=committed["FileId"])
    api("DeleteClass", ClassId=class_id)
