"""Seed 003: Tencent's upload SDK for Python (`vod-python-sdk`, VodUploadClient) uploads into the
emulator once its two endpoints point at it: the VOD API (VodClient's endpoint) and COS (the
connection of CosConfig; the Host stays the bucket's COS host, which the emulator answers)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import httpx
import pytest
from qcloud_cos import CosConfig
from qcloud_vod import vod_upload_client
from qcloud_vod.model import VodUploadRequest
from qcloud_vod.vod_upload_client import VodUploadClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.vod.v20180717 import vod_client

from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

# The SDK's own quirk (reference media-upload.md §3.2): its three local attributes come out
# mangled when it copies its request into ApplyUploadRequest, and the models warn about them.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*fileds are useless"
)


@pytest.fixture
def pointed(endpoint, monkeypatch):
    """VodUploadClient with both its endpoints pointed at the emulator at `endpoint`."""
    host, port = endpoint.split(":")
    client_class = vod_client.VodClient

    def vod(cred, region, profile=None):
        return client_class(
            cred, region, ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
        )

    def cos(**options):
        return CosConfig(**options, Scheme="http", IP=host, Port=int(port))

    monkeypatch.setattr(vod_upload_client.vod_client, "VodClient", vod)
    monkeypatch.setattr(vod_upload_client, "CosConfig", cos)
    return VodUploadClient(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)


def test_the_upload_sdk_uploads_a_file_with_a_cover(pointed, api, tmp_path: Path):
    media = tmp_path / "Wildlife.mp4"
    media.write_bytes(os.urandom(2 * 1024 * 1024 + 10))  # above 1 MiB: the SDK uploads in parts
    cover = tmp_path / "Wildlife-Cover.png"
    cover.write_bytes(bytes.fromhex("89504e470d0a1a0a") + b"png")
    class_id = api("CreateClass", ParentId=-1, ClassName="Nature")["ClassId"]
    request = VodUploadRequest()
    request.MediaFilePath, request.CoverFilePath = str(media), str(cover)
    request.ClassId, request.SourceContext = class_id, "seed-003"

    response = pointed.upload("ap-guangzhou", request)

    basic = api("DescribeMediaInfos", FileIds=[response.FileId])["MediaInfoSet"][0]["BasicInfo"]
    assert (basic["Name"], basic["ClassPath"], basic["SourceInfo"]["SourceContext"]) == (
        "Wildlife",
        "Nature",
        "seed-003",
    )
    assert (
        hashlib.md5(httpx.get(response.MediaUrl).content).digest() == hashlib.md5(media.read_bytes()).digest()
    )
    assert httpx.get(response.CoverUrl).content == cover.read_bytes()


def test_the_upload_sdk_reports_the_emulators_refusal(pointed, tmp_path: Path):
    media = tmp_path / "a.mp4"
    media.write_bytes(b"x")
    request = VodUploadRequest()
    request.MediaFilePath, request.Procedure = str(media), "no-such-procedure"
    with pytest.raises(Exception, match=r"InvalidParameterValue\.Procedure"):
        pointed.upload("ap-guangzhou", request)
