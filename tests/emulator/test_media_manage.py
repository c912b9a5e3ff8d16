"""Finding, changing and deleting media: SearchMedia, DescribeMediaInfos, ModifyMediaInfo,
DeleteMedia."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.emulator.uploads import upload

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


@pytest.fixture
def make(api, tmp_path):
    """make(name, **ApplyUpload params) uploads a small file; answers its FileId."""

    def made(name, **params):
        path = tmp_path / f"{name}.mp4"
        path.write_bytes(name.encode() * 10)
        return upload(api, path, MediaName=name, **params)["FileId"]

    return made


def names(reply):
    return [m["BasicInfo"]["Name"] for m in reply["MediaInfoSet"]]


def test_search_filters(api, make):
    top = api("CreateClass", ParentId=-1, ClassName="Promos")["ClassId"]
    sub = api("CreateClass", ParentId=top, ClassName="Intros")["ClassId"]
    make("Sport intro", ClassId=sub)
    make("sports", ClassId=top)
    make("news")
    assert names(api("SearchMedia", Names=["sport"])) == ["sports", "Sport intro"]
    assert names(api("SearchMedia", NamePrefixes=["Sport"])) == ["Sport intro"]
    assert sorted(names(api("SearchMedia", ClassIds=[top]))) == ["Sport intro", "sports"]
    assert names(api("SearchMedia", ClassIds=[sub])) == ["Sport intro"]
    assert names(api("SearchMedia", Sort={"Field": "CreateTime", "Order": "Asc"}, Limit=1)) == ["Sport intro"]
    assert api("SearchMedia", SourceTypes=["Record"])["TotalCount"] == 0
    assert api("SearchMedia", StreamIds=["live"])["TotalCount"] == 0
    assert api("SearchMedia", Categories=["Video"], Offset=2)["TotalCount"] == 3
    assert len(api.typed("SearchMedia")["MediaInfoSet"]) == 3


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"Offset": 4999, "Limit": 2}, "InvalidParameterValue.Offset"),
        ({"Names": ["n"] * 11}, "InvalidParameterValue.Names"),
        ({"Tags": ["t" * 33]}, "InvalidParameterValue.Tags"),
        ({"Categories": ["Movie"]}, "InvalidParameterValue.Categories"),
        ({"Sort": {"Field": "Name", "Order": "Asc"}}, "InvalidParameterValue.Sort"),
        ({"CreateTime": {"After": "2099-01-01T25:61:00Z"}}, "InvalidParameterValue.CreateTime"),
    ],
)
def test_bad_searches_are_refused(api, params, code):
    assert api.code("SearchMedia", **params) == code


def test_describe_names_the_missing(api, make):
    file_id = make("a")
    reply = api("DescribeMediaInfos", FileIds=[file_id, "404"])
    assert [m["FileId"] for m in reply["MediaInfoSet"]] == [file_id]
    assert reply["NotExistFileIdSet"] == ["404"]
    assert api.code("DescribeMediaInfos", FileIds=[]) == "InvalidParameterValue.FileIdsEmpty"
    assert api.code("DescribeMediaInfos", FileIds=["1"] * 21) == "InvalidParameterValue.FileIdsTooMany"


def test_modify_changes_what_the_api_can_change(api, make):
    class_id = api("CreateClass", ParentId=-1, ClassName="Promos")["ClassId"]
    file_id = make("a")
    reply = api(
        "ModifyMediaInfo", FileId=file_id, Name="b", Description="the b clip", ClassId=class_id,
        ExpireTime="2100-01-01T00:00:00Z", CoverData=base64.b64encode(JPEG).decode(), AddTags=["promo", "x"],
    )  # fmt: skip
    assert httpx.get(reply["CoverUrl"]).content == JPEG
    api("ModifyMediaInfo", FileId=file_id, DeleteTags=["x"])
    basic = api("DescribeMediaInfos", FileIds=[file_id])["MediaInfoSet"][0]["BasicInfo"]
    assert (basic["Name"], basic["Description"], basic["ClassPath"]) == ("b", "the b clip", "Promos")
    assert (basic["ExpireTime"], basic["TagSet"], basic["CoverUrl"]) == (
        "2100-01-01T00:00:00Z",
        ["promo"],
        reply["CoverUrl"],
    )
    assert api.code("DeleteClass", ClassId=class_id) == "UnsupportedOperation.ClassNotEmpty"
    api("ModifyMediaInfo", FileId=file_id, ClassId=0)
    api("DeleteClass", ClassId=class_id)


def test_expired_media_are_gone(api, make):
    file_id = make("a", ExpireTime="2001-01-01T00:00:00Z")
    assert api("DescribeMediaInfos", FileIds=[file_id])["NotExistFileIdSet"] == [file_id]
    assert api("SearchMedia")["TotalCount"] == 0


def test_subtitles(api, make):
    file_id = make("a")
    vtt = base64.b64encode(b"WEBVTT\n").decode()
    subtitle = {"Name": "English", "Language": "en", "Format": "vtt", "Content": vtt, "Id": "en"}
    added = api("ModifyMediaInfo", FileId=file_id, AddSubtitles=[subtitle])["AddedSubtitleSet"]
    assert [(s["Id"], s["Format"]) for s in added] == [("en", "vtt")]
    assert httpx.get(added[0]["Url"]).content == b"WEBVTT\n"
    shown = api("DescribeMediaInfos", FileIds=[file_id])["MediaInfoSet"][0]["SubtitleInfo"]["SubtitleSet"]
    assert shown == added
    api("ModifyMediaInfo", FileId=file_id, ClearSubtitles=1)
    assert api("DescribeMediaInfos", FileIds=[file_id])["MediaInfoSet"][0]["SubtitleInfo"] is None


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"AddTags": ["a"], "DeleteTags": ["a"]}, "InvalidParameterValue.AddTagsAndDeleteTagsConflict"),
        ({"AddTags": ["a"], "ClearTags": 1}, "InvalidParameterValue.AddTagsAndClearTagsConflict"),
        ({"AddTags": [f"t{i}" for i in range(17)]}, "InvalidParameterValue.AddTags"),
        ({"ClassId": 42}, "InvalidParameterValue.ClassId"),
        ({"CoverData": "not base64!"}, "InvalidParameterValue.CoverData"),
        ({"CoverData": base64.b64encode(b"text").decode()}, "InvalidParameterValue.CoverData"),
        ({"Name": "n" * 65}, "InvalidParameterValue.Name"),
        ({"ExpireTime": "2099-01-01T00:00:00+99:00"}, "InvalidParameterValue.ExpireTime"),
        ({"ExpireTime": "2099-02-30T00:00:00Z"}, "InvalidParameterValue.ExpireTime"),
        ({"AddSubtitles": [{"Name": "x", "Language": "en", "Format": "srt", "Content": ""}]},
         "InvalidParameterValue.SubtitleFormat"),
    ],
)  # fmt: skip
def test_bad_modifications_change_nothing(api, make, params, code):
    file_id = make("a")
    before = api("DescribeMediaInfos", FileIds=[file_id])["MediaInfoSet"]
    assert api.code("ModifyMediaInfo", FileId=file_id, **params) == code
    assert api("DescribeMediaInfos", FileIds=[file_id])["MediaInfoSet"] == before


def test_delete(api, make, hls_720p):
    definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
    api(
        "CreateProcedureTemplate",
        Name="p",
        MediaProcessTask={"TranscodeTaskSet": [{"Definition": definition}]},
    )
    file_id = make("a", Procedure="p")
    api("DeleteMedia", FileId=file_id, DeleteParts=[{"Type": "TranscodeFiles", "Definition": definition}])
    media = api("DescribeMediaInfos", FileIds=[file_id])["MediaInfoSet"][0]
    assert media["TranscodeInfo"] is None
    url = media["BasicInfo"]["MediaUrl"]
    api("DeleteMedia", FileId=file_id)
    assert api("DescribeMediaInfos", FileIds=[file_id])["NotExistFileIdSet"] == [file_id]
    assert httpx.get(url).status_code == 404
    assert api.code("DeleteMedia", FileId=file_id) == "ResourceNotFound.FileNotExist"
